// Timeline of a page load: when the script, the fragments and the first cards arrive, relative to FCP.
import { browser, server } from '../tests/pages/harness.mjs';
const url = process.argv[2] || '/bench/cards.html';
const runs = +(process.argv[3] || 8);
const srv = await server();
const b = await browser();
for (let i = 0; i < runs; i++) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  await p.addInitScript(() => {
    window.__cards = [];
    const d = customElements.define.bind(customElements);
    customElements.define = (n, c, o) => { if (n === 'fact-card') window.__define = performance.now(); return d(n, c, o); };
    document.addEventListener('factcard:render', () => {
      window.__cards.push(performance.now());
      if (!document.querySelector('fact-card:not([data-ready])')) setTimeout(() => console.log('bench: cards done'), 300);
    }, true);
  });
  const done = p.waitForEvent('console', { predicate: (m) => m.text() === 'bench: cards done', timeout: 20000 });
  await p.goto(`${srv.url}${url}`, { waitUntil: 'commit' });
  await done;
  const t = await p.evaluate(() => {
    const r = performance.getEntriesByType('resource');
    const js = r.find((e) => e.name.endsWith('factcard.js'));
    const frags = r.filter((e) => e.name.includes('/data/'));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      resp: nav.responseEnd, dcl: nav.domContentLoadedEventStart,
      fp: performance.getEntriesByName('first-paint')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      jsStart: js?.fetchStart, jsEnd: js?.responseEnd, define: window.__define,
      f0s: frags[0]?.fetchStart, f0e: frags[0]?.responseEnd, fLast: Math.max(...frags.map((f) => f.responseEnd)),
      card0: window.__cards[0], cardN: window.__cards.at(-1),
    };
  });
  const f = (x) => (x == null ? '-' : x.toFixed(1)).padStart(7);
  console.log(['resp', 'fcp', 'jsStart', 'jsEnd', 'define', 'dcl', 'f0s', 'f0e', 'fLast', 'card0', 'cardN'].map((k) => `${k}${f(t[k])}`).join(' '), ' first-fcp', (t.card0 - t.fcp).toFixed(1));
  await ctx.close();
}
await b.close();
b.clean(); // nothing uncaught in any page of the bench
await srv.close();
