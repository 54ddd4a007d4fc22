// The fact desk: what a first view and a first search download (each file's bytes raw, gzip and brotli, summed),
// for the default set (pkg/data/) and the 100,000-fact set (target/site100k/, written by bench/big.mjs or by
// `factcard site target/gen100k -o target/site100k`), in headless Chromium. Writes bench/desk-results.md.
//   node bench/desk.mjs            (after make build)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { browser, server } from '../tests/pages/harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const SETS = [
  ['default set (89 facts)', '/pkg/data/', 'Liangjiang investment'],
  ['100,000 facts', '/target/site100k/', 'battery exports'],
].filter(([, dir]) => existsSync(`${ROOT}${dir.slice(1)}desk/facets.json`));

const sizes = (path) => {
  const b = readFileSync(path);
  return [b.length, gzipSync(b, { level: 9 }).length, brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
};
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
/**
 * What the desk of the folder at `dir` (a path on the server `srv`, '/target/site100k/') downloads for its first
 * view and then for a first search for `query`: { first, search: { files, raw, gzip, brotli, count } }.
 */
export async function deskBytes(b, srv, dir, query) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  let got = [];
  // A folder outside pkg/ may expect factcard.js beside it (../factcard.js): the package's files are served for it.
  await p.route(/\/target\/factcard(_(core|search)(_bg)?\.[0-9a-f]{8}\.(js|wasm)|\.js)$/, (r) => r.fulfill({ path: `${ROOT}pkg/${new URL(r.request().url()).pathname.split('/').pop()}` }));
  p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
  const file = (u) => `${ROOT}${/\/target\/factcard/.test(u) ? `pkg/${u.split('/').pop()}` : u.slice(1).replace(/\/$/, '/index.html')}`;
  const sum = () => {
    const [raw, gzip, brotli] = got.map(file).filter(existsSync).map(sizes).reduce((a, s) => a.map((x, i) => x + s[i]), [0, 0, 0]);
    return { files: got.length, raw, gzip, brotli };
  };
  const rows = () => p.waitForFunction(() => document.querySelectorAll('#results li .meta').length === document.querySelectorAll('#results li').length && document.querySelectorAll('#results li').length > 0);
  await p.goto(`${srv.url}${dir}`);
  await p.waitForSelector('html[data-ready]');
  await rows();
  await p.waitForTimeout(300);
  const first = sum();
  got = [];
  const turn = await p.$eval('#results', (r) => +(r.dataset.turn || 0));
  await p.fill('#q', query);
  await p.press('#q', 'Enter');
  await p.waitForFunction((k) => +(document.getElementById('results').dataset.turn || 0) > k, turn);
  await rows();
  await p.waitForTimeout(300);
  const search = { ...sum(), count: await p.$eval('#count', (c) => c.textContent) };
  await ctx.close();
  return { first, search };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const srv = await server();
  const b = await browser();
  const lines = ['## The fact desk', '', 'Bytes a desk downloads (every file, summed; brotli at quality 11, as a CDN serves it), headless Chromium, local server.', '',
    '| set | step | files | raw | gzip | brotli |', '| --- | --- | ---: | ---: | ---: | ---: |'];
  for (const [name, dir, query] of SETS) {
    const { first, search } = await deskBytes(b, srv, dir, query);
    lines.push(`| ${name} | first view | ${first.files} | ${kb(first.raw)} | ${kb(first.gzip)} | ${kb(first.brotli)} |`);
    lines.push(`| ${name} | then a first search (“${query}”, ${search.count}) | ${search.files} | ${kb(search.raw)} | ${kb(search.gzip)} | ${kb(search.brotli)} |`);
  }
  await b.close();
  await srv.close();
  lines.push('');
  writeFileSync(`${ROOT}bench/desk-results.md`, lines.join('\n'));
  console.log(lines.join('\n'));
}
