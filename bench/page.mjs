// Page-load benchmark in headless Chromium: what a reader downloads for a page (brotli sizes of every file it
// fetches, as a CDN would serve them) and how soon after the first contentful paint the first card shows.
//   node bench/page.mjs            (after make build)
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { browser, server } from '../tests/pages/harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = +(process.env.RUNS || 21);
const PAGES = [
  ['a page of cards (10 cards, 3 mentions)', '/bench/cards.html'],
  ['the same, with the optional factcard.css', '/bench/cards-css.html'],
  ['the demo article (14 cards, autolink, a search box)', '/www/index.html'],
];

const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

// Files are served from memory, so that the figures measure the widget, not this machine's disk.
const memory = new Map();
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const srv = await server(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (!memory.has(path)) {
    try {
      // cards-css.html: the page of cards with the optional factcard.css linked in its head.
      memory.set(path, path === '/bench/cards-css.html'
        ? readFileSync(`${ROOT}bench/cards.html`, 'utf8').replace('<script type="module"', '<link rel="stylesheet" href="../pkg/factcard.css">\n<script type="module"')
        : readFileSync(ROOT + path.slice(1)));
    } catch {
      return false;
    }
  }
  res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream' });
  res.end(memory.get(path));
  return true;
});
const b = await browser();
const lines = ['## Page load (headless Chromium, local server)', '',
  `Each page loaded ${RUNS} times in a fresh context (no cache), files served from memory on loopback; sizes are brotli (quality 11) of every file the page fetched from the package; times are medians (and the 90th percentile of the first card).`, '',
  '| page | requests | JS and CSS | wasm | data | total brotli | first contentful paint (FCP) | first card after FCP | all cards after FCP | layout shift (CLS) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
for (const [name, url] of PAGES) {
  const fcps = [];
  const firsts = [];
  const shifts = [];
  const alls = [];
  let files = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await b.newContext();
    const p = await ctx.newPage();
    const got = [];
    p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
    // The page says when its cards are all there (a console message), so that the harness evaluates nothing in the
    // page while it loads: an evaluation would take main-thread time from the cards being measured.
    await p.addInitScript(() => {
      window.__cards = [];
      window.__cls = 0;
      document.addEventListener('factcard:render', () => {
        window.__cards.push(performance.now());
        if (!document.querySelector('fact-card:not([data-ready])')) setTimeout(() => console.log('bench: cards done'), 300);
      }, true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
    });
    const done = p.waitForEvent('console', { predicate: (m) => m.text() === 'bench: cards done', timeout: 20000 });
    await p.goto(`${srv.url}${url}`, { waitUntil: 'commit' });
    await done;
    const t = await p.evaluate(() => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, cards: window.__cards, cls: window.__cls }));
    fcps.push(t.fcp);
    shifts.push(t.cls);
    firsts.push(t.cards[0] - t.fcp);
    alls.push(t.cards.at(-1) - t.fcp);
    files = got.filter((f) => f.startsWith('/pkg/'));
    await ctx.close();
  }
  if (process.env.VERBOSE) console.error(name, firsts.map((x) => x.toFixed(0)).join(" "));
  const size = (re) => files.filter((f) => re.test(f)).reduce((a, f) => a + br(ROOT + f.slice(1)), 0);
  const [js, wasm, data] = [size(/\.(js|css)$/), size(/\.wasm$/), size(/\/data\//)];
  const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
  lines.push(`| ${name} | ${files.length} | ${kb(js)} | ${kb(wasm)} | ${kb(data)} | **${kb(js + wasm + data)}** | ${median(fcps).toFixed(0)} ms | ${median(firsts).toFixed(1)} ms (p90 ${p90(firsts).toFixed(1)}) | ${median(alls).toFixed(1)} ms | ${median(shifts).toFixed(3)} |`);
}
await b.close();
await srv.close();
const out = lines.join('\n');
console.log(out);
writeFileSync(new URL('page-results.md', import.meta.url), `${out}\n`);
