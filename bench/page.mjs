// Page-load benchmark in headless Chromium: what a reader downloads for a page (brotli sizes of every file it
// fetches, as a CDN would serve them) and how soon after the first contentful paint the first card shows.
//   node bench/page.mjs            (after make build)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { browser, server } from '../tests/pages/harness.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const RUNS = +(process.env.RUNS || 21);
// A phone, as a reader of a third-party article holds it.
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const PAGES = [
  ['a page of cards (10 cards, 3 mentions)', '/bench/cards.html'],
  ['the same, with the optional factcard.css', '/bench/cards-css.html'],
  ['the same, run through `factcard inline`', '/target/bench-inline/cards.html'],
  ['the demo article (14 cards, autolink, a search box)', '/www/index.html'],
  ['a third-party article: the package on another origin, under CSP, 390 px phone (5 cards, 3 mentions, autolink, a search box)', '/bench/article.html', PHONE],
];

// The page of cards run through `factcard inline` (the release build of the command), and its size before and after.
const INLINED = `${ROOT}target/bench-inline/`;
rmSync(INLINED, { recursive: true, force: true });
mkdirSync(INLINED, { recursive: true });
writeFileSync(`${INLINED}cards.html`, readFileSync(`${ROOT}bench/cards.html`, 'utf8').replace('../pkg/factcard.js', '/pkg/factcard.js'));
const plain = readFileSync(`${INLINED}cards.html`);
execFileSync(`${ROOT}target/release/factcard`, ['inline', INLINED, '-q']);
const inlined = readFileSync(`${INLINED}cards.html`);

const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)];

// Files are served from memory, so that the figures measure the widget, not this machine's disk.
const memory = new Map();
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
// The package is also served from a second origin (another port), with CORS, as a CDN serves it; the third-party
// article loads it from there, under a CSP like the README's.
let cdn = null;
const hook = async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (!memory.has(path)) {
    try {
      // cards-css.html: the page of cards with the optional factcard.css linked in its head.
      memory.set(path, path === '/bench/cards-css.html'
        ? readFileSync(`${ROOT}bench/cards.html`, 'utf8').replace('<script type="module"', '<link rel="stylesheet" href="../pkg/factcard.css">\n<script type="module"')
        : path === '/bench/article.html' ? readFileSync(`${ROOT}bench/article.html`, 'utf8').replace('PKG/', `${cdn.url}/pkg/`)
          : readFileSync(ROOT + path.slice(1)));
    } catch {
      return false;
    }
  }
  const csp = path === '/bench/article.html'
    ? { 'content-security-policy': `default-src 'self'; script-src 'self' ${cdn.url} 'wasm-unsafe-eval'; connect-src ${cdn.url}; style-src 'self' 'unsafe-inline' ${cdn.url}; img-src 'self' data:` } : {};
  res.writeHead(200, { 'content-type': TYPES[path.slice(path.lastIndexOf('.'))] || 'application/octet-stream', 'access-control-allow-origin': '*', ...csp });
  res.end(memory.get(path));
  return true;
};
const srv = await server(hook);
cdn = await server(hook);
const b = await browser();
const lines = ['## Page load (headless Chromium, local server)', '',
  `Each page loaded ${RUNS} times in a fresh context (no cache), files served from memory on loopback; sizes are brotli (quality 11) of every file the page fetched from the package; times are medians (and the 10th and 90th percentiles of the first card).`, '',
  '| page | requests | JS and CSS | wasm | data | total brotli | first contentful paint (FCP) | first card after FCP | all cards after FCP | layout shift (CLS) |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
// SEARCH_BOX_ONLY=1: only the search box section below, written into the page-results.md of an earlier full run.
// ONLY=text: only the pages whose name contains it (the figures are printed, page-results.md is left alone).
for (const [name, url, device] of process.env.SEARCH_BOX_ONLY ? [] : PAGES.filter(([n]) => !process.env.ONLY || n.includes(process.env.ONLY))) {
  const fcps = [];
  const firsts = [];
  const shifts = [];
  const alls = [];
  let files = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await b.newContext(device);
    const p = await ctx.newPage();
    const got = [];
    p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
    p.on('console', (m) => m.type() === 'error' && console.error(`${name}: ${m.text()}`));
    // The page says when its cards are all there (a console message), so that the harness evaluates nothing in the
    // page while it loads: an evaluation would take main-thread time from the cards being measured.
    await p.addInitScript(() => {
      window.__cards = [];
      window.__cls = 0;
      // A card counts from the moment it is in the page with its card: drawn by the script (its render event), or
      // written into the HTML (a shadow root that came with the page, seen as the parser adds it), which the first
      // paint after it shows.
      const seen = new Set();
      new MutationObserver(() => {
        for (const c of document.querySelectorAll('fact-card')) {
          if (!seen.has(c) && c.shadowRoot?.querySelector('article')) {
            seen.add(c);
            window.__cards.push(performance.now());
          }
        }
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('factcard:render', (e) => {
        if (!seen.has(e.target)) {
          seen.add(e.target);
          window.__cards.push(performance.now());
        }
        if (!document.querySelector('fact-card:not([data-ready])')) setTimeout(() => console.log('bench: cards done'), 300);
      }, true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => { if (!e.hadRecentInput) window.__cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
    });
    const done = p.waitForEvent('console', { predicate: (m) => m.text() === 'bench: cards done', timeout: 20000 });
    await p.goto(`${srv.url}${url}`, { waitUntil: 'commit' });
    await done;
    const t = await p.evaluate(() => ({ fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, cards: window.__cards, cls: window.__cls }));
    if (name.includes('inline') && t.cards.length !== 10) throw new Error(`${t.cards.length} cards`);
    fcps.push(t.fcp);
    shifts.push(t.cls);
    // A card in the page before the first paint shows with it: 0 ms after it.
    firsts.push(Math.max(0, Math.min(...t.cards) - t.fcp));
    alls.push(Math.max(0, Math.max(...t.cards) - t.fcp));
    files = got.filter((f) => f.startsWith('/pkg/'));
    await ctx.close();
  }
  if (process.env.VERBOSE) console.error(name, firsts.map((x) => x.toFixed(0)).join(' '));
  if (url.includes('inline') && files.some((f) => f.includes('/data/'))) throw new Error(`the inlined page fetched ${files}`);
  const size = (re) => files.filter((f) => re.test(f)).reduce((a, f) => a + br(ROOT + f.slice(1)), 0);
  const [js, wasm, data] = [size(/\.(js|css)$/), size(/\.wasm$/), size(/\/data\//)];
  const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
  lines.push(`| ${name} | ${files.length} | ${kb(js)} | ${kb(wasm)} | ${kb(data)} | **${kb(js + wasm + data)}** | ${median(fcps).toFixed(0)} ms | ${median(firsts).toFixed(1)} ms (p10 ${pct(firsts, 0.1).toFixed(1)}, p90 ${pct(firsts, 0.9).toFixed(1)}) | ${median(alls).toFixed(1)} ms | ${median(shifts).toFixed(3)} |`);
}

if (process.env.ONLY) {
  console.log(lines.join('\n'));
  await b.close();
  b.clean();
  await srv.close();
  await cdn.close();
  process.exit(0);
}

const brq = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
lines.push('', `The page of cards itself (HTML): ${plain.length} bytes raw, ${brq(plain)} brotli as written; ${inlined.length} bytes raw, ${brq(inlined)} brotli after \`factcard inline\` (its ten cards and three mentions written in, with the link to factcard-inline.css, ${br(`${ROOT}pkg/factcard-inline.css`)} bytes brotli, counted under JS and CSS).`);

// The search box alone (the demo's, on the default set): a reader types a query key by key, and the box shows its
// first results (five, or all when fewer match). Everything fetched counts: the code, the index, the completions
// offered on the way, the ids and the result cards.
const SEARCHES = ['Liangjiang investment', 'hydrogen', 'glass', '笔记本电脑', 'Chongqing laptops'];
const boxes = [];
for (const q of SEARCHES) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  const got = [];
  p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
  await p.route('**/search-box.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search</title><link rel="icon" href="data:,"><script type="module" src="/pkg/factcard.js"></script></head><body><fact-search></fact-search></body></html>' }));
  await p.goto(`${srv.url}/search-box.html`);
  await p.locator('fact-search input').focus();
  await p.locator('fact-search input').pressSequentially(q, { delay: 50 });
  const shown = await p.waitForFunction(() => {
    const box = document.querySelector('fact-search').shadowRoot;
    const cards = [...box.querySelectorAll('.results fact-card')];
    return /found/.test(box.querySelector('[role=status]').textContent) && cards.every((c) => c.shadowRoot?.querySelector('article')) && cards.length;
  }).then((h) => h.jsonValue());
  await p.waitForTimeout(200);
  const files = got.filter((f) => f.startsWith('/pkg/'));
  boxes.push({ q, shown, files: files.length, bytes: files.reduce((a, f) => a + br(ROOT + f.slice(1)), 0) });
  await ctx.close();
}
const worst = boxes.reduce((a, x) => (x.bytes > a.bytes ? x : a));
lines.push('', '### The search box alone', '',
  'The demo\'s search box on a page of its own (the default set), a query typed key by key (50 ms apart) until its first results show: every file fetched, brotli. Target: at most 40 KB.', '',
  '| query | results shown | requests | downloaded (brotli) |', '| --- | ---: | ---: | ---: |',
  ...boxes.map((x) => `| ${x.q} | ${x.shown} | ${x.files} | ${(x.bytes / 1024).toFixed(1)} KB${x === worst ? ' (most)' : ''} |`));
await b.close();
b.clean(); // nothing uncaught in any page of the bench
await srv.close();
await cdn.close();
const results = new URL('page-results.md', import.meta.url);
const out = process.env.SEARCH_BOX_ONLY
  ? `${readFileSync(results, 'utf8').split('\n### The search box alone')[0].trimEnd()}\n${lines.slice(lines.indexOf('### The search box alone') - 1).join('\n')}`
  : lines.join('\n');
console.log(out);
writeFileSync(results, `${out}\n`);
