// Pagefind beside factcard: the same facts, the same reader questions, in headless Chromium.
//   node bench/pagefind.mjs        (after make build; writes bench/pagefind-results.md)
//
// Pagefind (npm `pagefind`, which ships its indexer binary) indexes one record per fact and language: the fact's
// title, statement, entity names and aliases, topics and figure labels in that language, the same text factcard
// indexes. A question with Chinese characters is asked of the Chinese index, any other of the English one (Pagefind
// keeps one index per language and searches the page's). Measured: recall@1 and @3 on tests/search/questions.toml,
// whether questions about nothing find nothing, the bytes a first search downloads (brotli of every file fetched,
// as a CDN would serve them; Pagefind's index files are already compressed), and the time per query once loaded.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import * as pagefind from 'pagefind';
import { browser, server } from '../tests/pages/harness.mjs';
import { hashedName } from '../tools/caching.mjs';
import { parseQuestions } from './toml.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const OUT = 'target/pagefind-bench';
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const han = (s) => /[\u3400-\u9fff]/.test(s);

/** Every fact of the default set, as the core's API gives them (the glue and the wasm, run in Node). */
async function facts() {
  const names = readdirSync(`${ROOT}pkg`); // the glue and the wasm are named by their content (make build)
  const glue = await import(`${ROOT}pkg/${hashedName(names, 'factcard_core.js')}`);
  glue.initSync({ module: readFileSync(`${ROOT}pkg/${hashedName(names, 'factcard_core_bg.wasm')}`) });
  const set = glue.FactSet.fromBytes(readFileSync(`${ROOT}pkg/data/${JSON.parse(readFileSync(`${ROOT}pkg/data/set.json`, 'utf8')).whole}`));
  return JSON.parse(set.facts());
}

/** The text of a fact in one language, the fields factcard indexes. */
function text(f, lang) {
  const t = (x) => (x ? x[lang] || '' : '');
  return [t(f.title), t(f.statement), ...f.entities.flatMap((e) => [t(e.name), ...e.aliases]), ...f.topics,
    ...f.figures.map((g) => t(g.label))].join('\n');
}

async function build(all) {
  rmSync(`${ROOT}${OUT}`, { recursive: true, force: true });
  const { index } = await pagefind.createIndex({});
  for (const f of all) {
    for (const lang of ['en', 'zh']) {
      await index.addCustomRecord({ url: `/${lang}/${f.id}`, content: text(f, lang), language: lang, meta: { title: f.title[lang] || f.id } });
    }
  }
  await index.writeFiles({ outputPath: `${ROOT}${OUT}/pagefind` });
  await pagefind.close();
}

const { question: questions, nothing } = parseQuestions(readFileSync(`${ROOT}tests/search/questions.toml`, 'utf8'));
const all = await facts();
await build(all);
const srv = await server();
const b = await browser();

/** A page in `lang` with Pagefind loaded; `fetched` collects what it downloaded. */
async function pageIn(lang) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  p.fetched = [];
  p.on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.includes('/pagefind/')) p.fetched.push(br(readFileSync(ROOT + path.slice(1))));
  });
  await p.route('**/pf.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="${lang}"><meta charset="utf-8"><title>pf</title>` }));
  await p.goto(`${srv.url}/${OUT}/pf.html`);
  await p.evaluate(async (base) => {
    window.pf = await import(`${base}/pagefind.js`);
    await window.pf.options({ basePath: `${base}/` });
    await window.pf.init();
  }, `/${OUT}/pagefind`);
  return p;
}

const ask = (p, q) => p.evaluate(async (query) => {
  const s = await window.pf.search(query);
  const top = await Promise.all(s.results.slice(0, 3).map((r) => r.data()));
  return top.map((d) => d.url.split('/').pop());
}, q);

// A first search, in a fresh page: everything Pagefind downloads, from its script to the first three results.
const first = await pageIn('en');
await ask(first, 'Liangjiang investment');
const firstBytes = first.fetched.reduce((a, x) => a + x, 0);
const firstRequests = first.fetched.length;

const pages = { en: await pageIn('en'), zh: await pageIn('zh') };
let at1 = 0;
let at3 = 0;
for (const q of questions) {
  const hits = await ask(pages[han(q.query) ? 'zh' : 'en'], q.query);
  const rank = hits.findIndex((h) => q.expect.includes(h));
  if (rank === 0) at1++;
  if (rank >= 0) at3++;
}
let empty = 0;
for (const q of nothing) if ((await ask(pages[han(q.query) ? 'zh' : 'en'], q.query)).length === 0) empty++;

// Time per query once its index chunks are there: each question asked again, 5 times, the median.
const times = [];
for (const q of questions) {
  const p = pages[han(q.query) ? 'zh' : 'en'];
  const t = await p.evaluate(async (query) => {
    const ts = [];
    for (let i = 0; i < 5; i++) {
      const a = performance.now();
      const s = await window.pf.search(query);
      await Promise.all(s.results.slice(0, 3).map((r) => r.data()));
      ts.push(performance.now() - a);
    }
    return ts.sort((x, y) => x - y)[2];
  }, q.query);
  times.push(t);
}

// factcard the same way: the search a search box runs (the small search module over the default set's sharded
// index, `openIndex`), in a fresh page for the first search (everything fetched: the script, the module, the index
// parts, the ids and three result cards, as showing them would), then the questions and the time per query.
async function factcardPage() {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  p.fetched = [];
  p.on('requestfinished', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/')) p.fetched.push(br(readFileSync(ROOT + path.slice(1))));
  });
  await p.route('**/fc.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><meta charset="utf-8"><title>fc</title>' }));
  await p.goto(`${srv.url}/fc.html`);
  await p.evaluate(async () => {
    const fc = await import('/pkg/factcard.js');
    window.ix = await fc.openIndex('/pkg/data/');
  });
  return p;
}
const fcAsk = (p, q) => p.evaluate(async (query) => {
  const ids = await window.ix.searchIds(query, 3);
  // Each result's card, by the element's own path (set.json, the bucket, the card named by its version).
  await Promise.all(ids.map((id) => { const c = document.createElement('fact-card'); c.setAttribute('fact', id); document.body.append(c); return new Promise((ok) => c.addEventListener('factcard:render', ok, { once: true })); }));
  return ids;
}, q);
const fcFirst = await factcardPage();
await fcAsk(fcFirst, 'Liangjiang investment');
const fcBytes = fcFirst.fetched.reduce((a, x) => a + x, 0);
const fcRequests = fcFirst.fetched.length;
const fp = await factcardPage();
let fc1 = 0;
let fc3 = 0;
for (const q of questions) {
  const rank = (await fp.evaluate((query) => window.ix.searchIds(query, 3), q.query)).findIndex((h) => q.expect.includes(h));
  if (rank === 0) fc1++;
  if (rank >= 0) fc3++;
}
let fcEmpty = 0;
for (const q of nothing) if ((await fp.evaluate((query) => window.ix.searchIds(query, 3), q.query)).length === 0) fcEmpty++;
const fcTimes = [];
for (const q of questions) {
  fcTimes.push(await fp.evaluate(async (query) => {
    const ts = [];
    for (let i = 0; i < 5; i++) {
      const a = performance.now();
      await window.ix.searchIds(query, 3);
      ts.push(performance.now() - a);
    }
    return ts.sort((x, y) => x - y)[2];
  }, q.query));
}
await b.close();
b.clean(); // nothing uncaught in any page of the bench
await srv.close();

const n = questions.length;
const lines = ['## Pagefind on the same facts', '',
  `Pagefind ${JSON.parse(readFileSync(`${ROOT}node_modules/pagefind/package.json`, 'utf8')).version}, one record per fact and language (${all.length} facts), asked the same ${n} questions in headless Chromium; Chinese questions go to its Chinese index. Times include loading the three results' records, as showing them would.`, '',
  '| engine | recall@1 | recall@3 | nothing-queries empty | first search ("Liangjiang investment", three results; brotli, requests) | per query once loaded (median) |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  `| Pagefind | ${(at1 / n).toFixed(2)} (${at1}/${n}) | ${(at3 / n).toFixed(2)} (${at3}/${n}) | ${empty}/${nothing.length} | ${(firstBytes / 1024).toFixed(1)} KB, ${firstRequests} | ${median(times).toFixed(2)} ms |`,
  `| factcard (a search box's search: \`openIndex\`) | ${(fc1 / n).toFixed(2)} (${fc1}/${n}) | ${(fc3 / n).toFixed(2)} (${fc3}/${n}) | ${fcEmpty}/${nothing.length} | ${(fcBytes / 1024).toFixed(1)} KB, ${fcRequests} | ${median(fcTimes).toFixed(2)} ms |`, ''];
writeFileSync(new URL('pagefind-results.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
