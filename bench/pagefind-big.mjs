// Pagefind beside factcard at scale: the generated set that bench/big.mjs has just published (100,000 facts unless
// told), one HTML page per fact and language, indexed by Pagefind's own command-line indexer; its indexing time and
// peak memory, what a first search downloads (its default search UI, and its JS API alone) and its query latency
// once loaded, in headless Chromium, beside factcard's figures of the same run (bench/figures/big-LABEL.json).
// Writes bench/pagefind-big-results.md and bench/figures/pagefind-LABEL.json.
//   node bench/pagefind-big.mjs [N]        (after node bench/big.mjs N)
//
// The pages are the published cards themselves (target/siteLABEL/en/ and zh/, each fact's current version), each in
// a page of its own: the card's title (Pagefind's result title), statement, figures, date and source. The card's
// "More about" list (other facts' titles and statements) is marked data-pagefind-ignore="all", so that a page is
// found for its own fact's words only, as factcard's index does.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { browser, server, versionsOf } from '../tests/pages/harness.mjs';
import { label, load, machine, percentile, questions, record, recorded, timed } from './machine.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const N = Number(process.argv[2] || 100000);
const L = label(N);
const SITE = `target/site${L}/`;
const PF = `target/pagefind${L}/`; // the pages, and Pagefind's bundle in PF/pagefind/
const PAGEFIND = `${ROOT}node_modules/@pagefind/linux-x64/bin/pagefind_extended`;
const fc = recorded(`big-${L}`);
if (!fc || fc.facts !== N) throw new Error(`bench/figures/big-${L}.json is missing: run node bench/big.mjs ${N} first`);
const han = (s) => /[\u3400-\u9fff]/.test(s);
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const fmt = (s) => (s >= 100 ? `${(s / 60).toFixed(1)} min (${s.toFixed(0)} s)` : `${s.toFixed(1)} s`);
const mem = (mb) => (mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb} MB`);
const log = (s) => console.error(`pagefind ${L}: ${s} (load ${load()})`);

// The pages: every fact's current card (its version from the folder's set.json and buckets), in each language.
const versions = versionsOf(SITE);
const ids = Object.keys(versions).filter((k) => !k.startsWith('@'));
if (ids.length !== N) throw new Error(`${SITE} has ${ids.length} fact cards, not ${N}`);
const t0 = performance.now();
rmSync(`${ROOT}${PF}`, { recursive: true, force: true });
let pageBytes = 0;
for (const lang of ['en', 'zh']) {
  mkdirSync(`${ROOT}${PF}${lang}`, { recursive: true });
  for (const id of ids) {
    const card = readFileSync(`${ROOT}${SITE}${lang}/${id}.${versions[id]}.html`, 'utf8')
      .replace('<h3 class="title"', '<h3 data-pagefind-meta="title" class="title"')
      .replace('<details class="more"', '<details data-pagefind-ignore="all" class="more"');
    const title = card.match(/<h3 [^>]*>([^<]*)<\/h3>/)[1];
    const page = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><main>${card}</main></body></html>`;
    writeFileSync(`${ROOT}${PF}${lang}/${id}.html`, page);
    pageBytes += Buffer.byteLength(page);
  }
}
const pagesS = (performance.now() - t0) / 1000;
log(`${2 * N} pages written in ${pagesS.toFixed(1)} s`);

const index = timed(PAGEFIND, ['--site', `${ROOT}${PF}`], { cwd: ROOT });
const indexed = index.out.match(/Indexed (\d+) pages?/i)?.[1];
const bundle = Number(timed('du', ['-sb', `${ROOT}${PF}pagefind`]).out.split('\t')[0]);
const bundleFiles = Number(timed('sh', ['-c', `find '${ROOT}${PF}pagefind' -type f | wc -l`]).out.trim());
const version = timed(PAGEFIND, ['--version']).out.trim().split(' ').pop();
log(`indexed in ${index.s} s`);

const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const Q = questions(ROOT, SITE, N, versions);
const srv = await server();
const b = await browser();

/** A page in `lang` with `body`; `act(p)` searches; bytes: brotli of every file fetched from Pagefind's bundle. */
async function reader(lang, body, act) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  const got = [];
  p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
  await p.route('**/pf.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>pf</title><link rel="icon" href="data:,">${body}` }));
  await p.goto(`${srv.url}/${PF}pf.html`);
  const extra = await act(p);
  await p.waitForTimeout(200);
  const files = got.filter((f) => f.startsWith(`/${PF}pagefind/`));
  const bytes = files.reduce((a, f) => a + br(ROOT + f.slice(1)), 0);
  await ctx.close();
  return { bytes, files: files.length, extra, load: load() };
}

// A first search in Pagefind's default UI (its search box, as factcard's <fact-search>): the query typed, measured
// once its first page of results shows with their titles.
const ui = await reader('en', `<link href="/${PF}pagefind/pagefind-ui.css" rel="stylesheet"><script src="/${PF}pagefind/pagefind-ui.js"></script></head><body><div id="search"></div><script>addEventListener('DOMContentLoaded', () => new PagefindUI({ element: '#search', showSubResults: false }));</script></body></html>`, async (p) => {
  await p.locator('#search input').fill(Q.fixed[0]);
  await p.waitForFunction(() => {
    const rs = [...document.querySelectorAll('.pagefind-ui__result')];
    return rs.length > 0 && rs.every((r) => r.querySelector('.pagefind-ui__result-title')?.textContent.trim());
  });
  return p.$$eval('.pagefind-ui__result', (rs) => rs.length);
});
// The same with its JS API alone (pagefind.js, its wasm, the index chunks and as many results' records as factcard's
// search box showed).
const api = await reader('en', '</head><body></body></html>', (p) => p.evaluate(async ([base, q, k]) => {
  const pf = await import(`${base}pagefind.js`);
  await pf.options({ basePath: base });
  await pf.init();
  const s = await pf.search(q);
  await Promise.all(s.results.slice(0, k).map((r) => r.data()));
  return Math.min(k, s.results.length);
}, [`/${PF}pagefind/`, Q.fixed[0], fc.search.extra]));

// Latency once a query's index chunks are loaded, both engines in the same page, taking turns query by query (so
// that the machine's load, shared with other work, touches both alike): the queries of bench/big.mjs, Chinese ones in
// a Chinese page (Pagefind keeps one index per language), each asked of both once, then timed over a loop of at least
// 20 calls and 50 ms per engine. Pagefind's call is `search(q)` (the ranked results; their records load only when
// shown), factcard's `searchIds(q, 10)` on `open(folder)`, as in bench/big.mjs.
async function latency(lang, qs) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  await p.route('**/pf.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>pf</title><link rel="icon" href="data:,"></head><body></body></html>` }));
  await p.goto(`${srv.url}/${PF}pf.html`);
  const per = await p.evaluate(async ([base, site, list]) => {
    const pf = await import(`${base}pagefind.js`);
    await pf.options({ basePath: base });
    await pf.init();
    const fc = await import('/pkg/factcard.js');
    const set = await fc.open(site);
    const engines = { pagefind: (q) => pf.search(q), factcard: (q) => set.searchIds(q, 10) };
    for (const q of list) for (const e of Object.values(engines)) await e(q);
    const out = { pagefind: [], factcard: [] };
    for (const q of list) {
      for (const [name, e] of Object.entries(engines)) {
        const t0 = performance.now();
        let n = 0;
        while (performance.now() - t0 < 50 || n < 20) {
          await e(q);
          n++;
        }
        out[name].push((performance.now() - t0) / n);
      }
    }
    return out;
  }, [`/${PF}pagefind/`, `/${SITE}`, qs]);
  await ctx.close();
  return per;
}
const enQ = Q.all.filter((q) => !han(q));
const zhQ = Q.all.filter(han);
const en = await latency('en', enQ);
const zh = await latency('zh', zhQ);
const asked = [...enQ, ...zhQ];
const stats = (per) => {
  const slow = per.map((t, i) => [t, asked[i]]).sort((x, y) => y[0] - x[0]).slice(0, 3);
  return { p50: percentile(per, 50), p99: percentile(per, 99), max: slow[0][0], slowest: slow.map(([t, q]) => `"${q}" ${t.toFixed(1)} ms`) };
};
const lat = { ...stats([...en.pagefind, ...zh.pagefind]), queries: asked.length, load: load() };
const fcLat = stats([...en.factcard, ...zh.factcard]);
await b.close();
b.clean();
await srv.close();
log('reader figures');

const m0 = machine();
const ahead = (f, p) => (f < p ? `factcard, ${(p / f).toFixed(1)}×` : f > p ? `Pagefind, ${(f / p).toFixed(1)}×` : 'even');
const rows = [
  ['build time', `${fmt(index.s)} (indexing the pages)`, `${fmt(fc.site.s)} (\`factcard site\`: cards, index, desk)`, ahead(fc.site.s, index.s)],
  ['build peak memory', mem(index.mb), mem(fc.site.mb), ahead(fc.site.mb, index.mb)],
  [`a first search ("${Q.fixed[0]}"), brotli: a search box (Pagefind's default UI; \`<fact-search>\`)`, `${kb(ui.bytes)}, ${ui.files} files, ${ui.extra} results`, `${kb(fc.search.bytes)}, ${fc.search.files} files, ${fc.search.extra} results`, ahead(fc.search.bytes, ui.bytes)],
  [`a first search, the JS API alone (${api.extra} results' records)`, `${kb(api.bytes)}, ${api.files} files`, `${kb(fc.search.bytes)} (as above: \`<fact-search>\`, its JS included)`, ahead(fc.search.bytes, api.bytes)],
  [`query p50 once loaded (${lat.queries} queries, the engines taking turns)`, `${lat.p50.toFixed(2)} ms`, `${fcLat.p50.toFixed(2)} ms`, ahead(fcLat.p50, lat.p50)],
  ['query p99 once loaded', `${lat.p99.toFixed(2)} ms`, `${fcLat.p99.toFixed(2)} ms`, ahead(fcLat.p99, lat.p99)],
  ['published files (search only, for Pagefind)', `${bundleFiles.toLocaleString('en-US')} files, ${(bundle / 1e6).toFixed(0)} MB`, `${fc.site.files.toLocaleString('en-US')} files, ${(fc.site.bytes / 1e6).toFixed(0)} MB (cards, index, desk)`, ''],
];
const lines = [`## Pagefind beside factcard at ${N.toLocaleString('en-US')} facts`, '',
  `Pagefind ${version} (\`pagefind_extended\`, its indexer for Chinese too), run on ${indexed ? Number(indexed).toLocaleString('en-US') : 2 * N} pages: one per fact and language (${N.toLocaleString('en-US')} × en, zh), each the fact's published card in a page of its own (${(pageBytes / 1e6).toFixed(0)} MB of HTML, written from \`${SITE}\` in ${pagesS.toFixed(0)} s, not counted). factcard's figures are bench/big.mjs's of the same run (${fc.machine.date}). Measured ${m0.date} on ${m0.cpu}, ${m0.nproc} cores; load average (1, 5, 15 min): Pagefind's indexing ${index.load}, factcard's site ${fc.site.load}, both engines' searches ${lat.load}.`, '',
  '| figure | Pagefind | factcard | ahead |', '| --- | ---: | ---: | --- |',
  ...rows.map((r) => `| ${r.join(' | ')} |`), '',
  `Query latency: the ${lat.queries} queries of bench/big.mjs, Chinese ones (${zhQ.length}) in a Chinese page, both engines in the same page taking turns query by query, each timed over ≥ 20 calls and ≥ 50 ms; Pagefind's call is \`search(q)\` (its ranked results, their records not loaded), factcard's \`searchIds(q, 10)\`. Slowest: Pagefind ${lat.slowest.join(', ')}; factcard ${fcLat.slowest.join(', ')}. (bench/big.mjs, factcard alone, same run: p50 ${fc.latency.p50.toFixed(2)} ms, p99 ${fc.latency.p99.toFixed(2)} ms.)`];
const out = lines.join('\n');
console.log(out);
writeFileSync(new URL('pagefind-big-results.md', import.meta.url), `${out}\n`);
const drop = ({ out: _o, err: _e, ...r }) => r;
record(`pagefind-${L}`, { facts: N, pages: 2 * N, version, pagesS, index: drop(index), bundle, bundleFiles, ui, api, latency: lat, factcardLatency: fcLat });
