// A page with 1,000 cards and 1,000 mentions: how long until every card shows, and whether the page stays
// responsive meanwhile (the longest main-thread task, and how late a 50 ms timer fires). The same page without the
// script is measured too: what the browser spends on the page's own 2,000 elements is not factcard's.
//   node bench/many.mjs            (after make build; RUNS=n for another number of loads than 7)
import { readdirSync, writeFileSync } from 'node:fs';
import { browser, server } from '../tests/pages/harness.mjs';

const N = 1000;
const RUNS = +(process.env.RUNS || 7);
// The fact ids of the built package, from its prerendered cards (format 2: ID.VVVVVVVV.html).
const seeds = readdirSync(new URL('../pkg/data/en/', import.meta.url)).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -14)).sort();

export function manyPage(n = N, script = true) {
  const parts = [];
  for (let i = 0; i < n; i++) {
    const id = seeds[i % seeds.length];
    parts.push(`<fact-card fact="${id}">Fact ${i}</fact-card><p>Mention <fact-ref fact="${seeds[(i * 7) % seeds.length]}">number ${i}</fact-ref>.</p>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>many</title><link rel="icon" href="data:,">
${script ? '<script type="module" src="/pkg/factcard.js"></script>' : ''}</head><body>${parts.join('\n')}</body></html>`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pages = { '/many.html': manyPage(), '/plain.html': manyPage(N, false) };
  const srv = await server(async (req, res) => {
    if (!pages[req.url]) return false;
    res.writeHead(200, { 'content-type': 'text/html' }).end(pages[req.url]);
    return true;
  });
  const b = await browser();
  // One load: every long task (start, duration) and the worst lateness of a 50 ms timer, from the start of the
  // document until the last card (the page without the script: for 3 s); when factcard's module ran.
  const load = async (path) => {
    const ctx = await b.newContext();
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__cards = 0;
      window.__long = [];
      window.__lag = 0;
      window.__first = 0;
      window.__define = Infinity;
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ...rest) => {
        if (name === 'fact-card') window.__define = performance.now();
        return define(name, ...rest);
      };
      const end = () => (window.__define === Infinity ? performance.now() > 3000 : window.__cards >= 1000);
      document.addEventListener('factcard:render', () => {
        window.__first ||= performance.now();
        if (++window.__cards < 1000) return;
        window.__all = performance.now();
        console.log('bench: cards done');
      }, true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
      const tick = () => {
        const t = performance.now();
        setTimeout(() => {
          window.__lag = Math.max(window.__lag, performance.now() - t - 50);
          if (!end()) tick();
          else if (window.__define === Infinity) console.log('bench: cards done');
        }, 50);
      };
      tick();
    });
    // The page reports when its cards are in (a console message): the harness evaluates nothing while it loads.
    const done = p.waitForEvent('console', { predicate: (m) => m.text() === 'bench: cards done', timeout: 60000 });
    await p.goto(`${srv.url}${path}`, { waitUntil: 'commit' });
    await done;
    const m = await p.evaluate(() => ({
      long: window.__long, lag: window.__lag, all: window.__all, define: window.__define,
      first: window.__first - performance.getEntriesByName('first-contentful-paint')[0].startTime,
    }));
    await ctx.close();
    const longest = (ts) => Math.max(0, ...ts.map(([, d]) => d));
    // A task counts as factcard's once its module runs: the task that runs it, and every one after it.
    return { ...m, long: longest(m.long), mine: longest(m.long.filter(([s, d]) => s + d > m.define)) };
  };
  const rows = [];
  const plain = [];
  for (let r = 0; r < RUNS; r++) {
    rows.push(await load('/many.html'));
    plain.push(await load('/plain.html'));
  }
  await b.close();
  await srv.close();
  b.clean(); // nothing uncaught in any page of the bench
  // The median, and the least and most of the loads ("none": no task over 50 ms).
  const fig = (xs, k) => {
    const v = xs.map((x) => x[k]).sort((a, c) => a - c);
    const ms = (x) => (k !== 'lag' && x === 0 ? 'none' : `${x.toFixed(0)} ms`);
    return `${ms(v[Math.floor(v.length / 2)])} (${ms(v[0])} to ${ms(v.at(-1))})`;
  };
  const out = ['## 1,000 cards and 1,000 mentions on one page', '',
    `${RUNS} loads in headless Chromium from a local server: the median, and the least and most in brackets. A long`,
    'task is one over 50 ms (the Long Tasks API; "none": there was none); the timer is a 50 ms `setTimeout` set again',
    'each time it fires, from the start of the document until the last card. "The page alone" is the same HTML',
    'without the script: what the browser spends laying out its 2,000 elements of fallback text and mentions.', '',
    '| | first card after FCP | all 1,000 cards shown after navigation | longest main-thread task | the longest from factcard\'s script on | worst lateness of the 50 ms timer |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    `| with factcard | ${fig(rows, 'first')} | ${fig(rows, 'all')} | ${fig(rows, 'long')} | ${fig(rows, 'mine')} | ${fig(rows, 'lag')} |`,
    `| the page alone (no script; 3 s) | | | ${fig(plain, 'long')} | | ${fig(plain, 'lag')} |`,
    '', 'Targets (issue 26): no main-thread task over 50 ms, and the timer never more than 100 ms late.'].join('\n');
  console.log(out);
  writeFileSync(new URL('many-results.md', import.meta.url), `${out}\n`);
}
