// Every hostile case that compiles (tests/hostile/cases.toml, written as site folders into target/hostile/ by
// `make test-pages`, see examples/browser_corpus.rs) shown in the browser: as a card, a popover, a search result, a
// suggestion, a citation, JSON-LD and the iframe page. Nothing may run, nothing but a card's own markup may
// appear, and the value must read as the text it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { page, shared } from './harness.mjs';

const cases = JSON.parse(readFileSync(new URL('../../target/hostile/cases.json', import.meta.url), 'utf8'));
const t = shared();

const TRAPS = () => {
  window.__ran = [];
  for (const name of ['alert', 'confirm', 'prompt']) window[name] = (x) => window.__ran.push(`${name}(${x})`);
  window.addEventListener('securitypolicyviolation', (e) => window.__ran.push(`csp ${e.violatedDirective}`));
};

/** Every element in every shadow root (and the page), with anything outside a card's own markup. */
const AUDIT = () => {
  const bad = [];
  const TAGS = new Set('article h2 h3 p dl div dt dd span time a details summary ul li b code svg text rect slot button small label input fact-card fact-ref fact-search main iframe noscript section'.split(' '));
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (!TAGS.has(el.localName)) bad.push(`<${el.localName}>`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.localName}[${a.name}]`);
        if ((a.name === 'href' || a.name === 'src') && /^\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(`${el.localName}[${a.name}=${a.value}]`);
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document.body);
  return bad;
};

test(`${cases.length} hostile data sets: shown as text in every element, nothing runs`, async () => {
  assert.ok(cases.length >= 50, `${cases.length} cases`);
  const body = cases.map((c, n) => `<section id="c${n}">
<fact-card src="/target/hostile/${n}/" fact="fact-one">fallback</fact-card>
<fact-card src="/target/hostile/${n}/" fact="fact-one" lang="zh">fallback</fact-card>
<p><fact-ref src="/target/hostile/${n}/" fact="fact-one">ref</fact-ref> <fact-ref src="/target/hostile/${n}/" entity="ent">entity</fact-ref></p>
<fact-search src="/target/hostile/${n}/"></fact-search></section>`).join('\n');
  const p = await page(t.b);
  await p.addInitScript(TRAPS);
  await p.route('**/hostile.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title><link rel="icon" href="data:,"><script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>` }));
  await p.goto(`${t.srv.url}/hostile.html`);
  await p.waitForFunction((n) => document.querySelectorAll('fact-card').length === 2 * n
    && [...document.querySelectorAll('fact-card')].every((c) => c.shadowRoot?.querySelector('article')), cases.length, { timeout: 60000 });

  // Popovers, search results and suggestions, for every case.
  await p.evaluate(async () => {
    await customElements.whenDefined('fact-ref');
    for (const r of document.querySelectorAll('fact-ref')) await r.toggle(true);
  });
  for (let n = 0; n < cases.length; n++) {
    await p.waitForFunction((i) => document.querySelector(`#c${i} fact-search`).hasAttribute('data-ready'), n);
    const input = p.locator(`#c${n} fact-search input`);
    await input.fill('zorblatt');
    await input.press('Enter');
    await input.fill('Bas');
    await input.press('ArrowDown');
  }
  await p.waitForFunction((k) => [...document.querySelectorAll('fact-search')].filter((s) => s.shadowRoot?.querySelector('.results fact-card')?.shadowRoot?.querySelector('article')).length === k, cases.length, { timeout: 60000 });

  // What a reader sees is the value itself, as text.
  const shown = await p.evaluate((all) => all.map((c, n) => {
    const card = document.querySelector(`#c${n} fact-card`).shadowRoot;
    const pick = { statement: '.statement', title: '.title' }[c.field];
    return pick ? card.querySelector(pick).textContent === c.value : null;
  }), cases);
  const wrong = cases.filter((c, n) => shown[n] === false).map((c) => c.name);
  assert.deepEqual(wrong, [], 'statement or title not shown verbatim');

  // JSON-LD and citations through the API.
  const api = await p.evaluate(async (n) => {
    const fc = await import('/pkg/factcard.js');
    const out = [];
    for (let i = 0; i < n; i++) {
      const set = await fc.open(`/target/hostile/${i}/`);
      const ld = set.render('fact-one', 'jsonld');
      JSON.parse(ld);
      out.push(/<\/script|<|>/i.test(ld) ? i : -1);
      set.render('fact-one', 'citation');
    }
    return out.filter((i) => i >= 0);
  }, cases.length);
  assert.deepEqual(api, [], 'raw < or > in JSON-LD');

  assert.deepEqual(await p.evaluate(AUDIT), []);
  assert.deepEqual(await p.evaluate(() => window.__ran), []);
  assert.deepEqual(p.errors, []);
});

test('the iframe page shows hostile cards as text too', async () => {
  const frames = cases.map((c, n) => `<iframe title="case ${n}" src="/target/hostile/${n}/embed.html?fact=fact-one"></iframe>`).join('');
  const p = await page(t.b);
  await p.addInitScript(TRAPS);
  await p.route('**/frames.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frames</title><link rel="icon" href="data:,"></head><body>${frames}</body></html>` }));
  await p.goto(`${t.srv.url}/frames.html`);
  for (const f of p.frames().filter((x) => x.url().includes('embed.html'))) {
    await f.waitForFunction(() => document.querySelector('fact-card')?.shadowRoot?.querySelector('article'), null, { timeout: 30000 });
    assert.deepEqual(await f.evaluate(AUDIT), []);
    assert.deepEqual(await f.evaluate(() => window.__ran), []);
  }
  assert.equal(p.frames().length - 1, cases.length);
});
