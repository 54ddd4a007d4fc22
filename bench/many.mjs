// A page with 1,000 cards and 1,000 mentions: how long until every card shows, and whether the page stays
// responsive meanwhile (the longest main-thread task, and how late a 50 ms timer fires).
//   node bench/many.mjs            (after make build)
import { readdirSync, writeFileSync } from 'node:fs';
import { browser, server } from '../tests/pages/harness.mjs';

const N = 1000;
const RUNS = 5;
// The fact ids of the built package, from its prerendered cards (format 2: ID.VVVVVVVV.html).
const seeds = readdirSync(new URL('../pkg/data/en/', import.meta.url)).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -14)).sort();

export function manyPage(n = N) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    const id = seeds[i % seeds.length];
    parts.push(`<fact-card fact="${id}">Fact ${i}</fact-card><p>Mention <fact-ref fact="${seeds[(i * 7) % seeds.length]}">number ${i}</fact-ref>.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>many</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${parts.join('\n')}</body></html>`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const html = manyPage();
  const srv = await server(async (req, res) => {
    if (req.url !== '/many.html') return false;
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    return true;
  });
  const b = await browser();
  const rows = [];
  for (let r = 0; r < RUNS; r++) {
    const ctx = await b.newContext();
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__cards = 0;
      window.__long = 0;
      window.__lag = 0;
      window.__first = 0;
      document.addEventListener('factcard:render', () => {
        window.__first ||= performance.now();
        if (++window.__cards === 1000) console.log('bench: cards done');
      }, true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__long = Math.max(window.__long, e.duration); })).observe({ type: 'longtask' });
      const tick = () => { const t = performance.now(); setTimeout(() => { window.__lag = Math.max(window.__lag, performance.now() - t - 50); if (window.__cards < 1000) tick(); }, 50); };
      tick();
    });
    // The page reports when its cards are in (a console message): the harness evaluates nothing while it loads.
    const done = p.waitForEvent('console', { predicate: (m) => m.text() === 'bench: cards done', timeout: 60000 });
    await p.goto(`${srv.url}/many.html`, { waitUntil: 'commit' });
    await done;
    const m = await p.evaluate(() => ({
      long: window.__long, lag: window.__lag, all: performance.now(),
      first: window.__first - performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }));
    rows.push(m);
    await ctx.close();
  }
  await b.close();
  await srv.close();
  b.clean(); // nothing uncaught in any page of the bench
  const med = (k) => rows.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  const out = ['## 1,000 cards and 1,000 mentions on one page', '',
    `Median of ${RUNS} loads in headless Chromium from a local server.`, '',
    '| first card after FCP | all 1,000 cards shown after navigation | longest main-thread task | worst lateness of a 50 ms timer |', '| ---: | ---: | ---: | ---: |',
    `| ${med('first').toFixed(0)} ms | ${med('all').toFixed(0)} ms | ${med('long').toFixed(0)} ms | ${med('lag').toFixed(0)} ms |`].join('\n');
  console.log(out);
  writeFileSync(new URL('many-results.md', import.meta.url), `${out}\n`);
}
