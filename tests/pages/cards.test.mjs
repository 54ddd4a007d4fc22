// Page tests: the demo and fixture pages in headless Chromium, checking what a reader sees.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardText, page, shared } from './harness.mjs';

// While `hold` is a promise, card fragments wait for it (a test releases them once it has looked at the page).
let hold = null;
const t = shared(async (req) => {
  if (hold && req.url.startsWith('/pkg/data/')) await hold;
  return false;
});

describe('demo page', () => {
  test('every card renders its fact, none is missing, nothing is logged as an error', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/www/index.html`);
    const ids = await p.$$eval('fact-card', (els) => els.map((e) => e.getAttribute('fact')));
    assert.ok(ids.length >= 10, `only ${ids.length} cards`);
    await p.waitForFunction(() => [...document.querySelectorAll('fact-card')].every((e) => e.shadowRoot?.querySelector('article')));
    const missing = await p.$$eval('fact-card', (els) => els.filter((e) => e.shadowRoot?.querySelector('.missing')).map((e) => e.getAttribute('fact')));
    assert.deepEqual(missing, []);
    // Facts from all five sources.
    const sources = await p.evaluate(async (ids) => {
      const fc = await import('/pkg/factcard.js');
      await fc.ready();
      return [...new Set(ids.map((id) => fc.lookup(id).source.id))];
    }, ids);
    assert.equal(sources.length, 5, `sources shown: ${sources}`);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.messages.filter((m) => m.type === 'error' || m.type === 'warning'), []);
  });

  test('cards show the right text', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/www/index.html`);
    const invest = await cardText(p, 'fact-card[fact="liangjiang-expo-signed-investment"]');
    assert.match(invest, /46\.3 billion yuan in signed investment/);
    assert.match(invest, /¥46\.3 billion \(about US\$6\.95 billion\)/);
    assert.match(invest, /18 August 2021/);
    assert.match(invest, /Chongqing Liangjiang New Area, “Liangjiang inks 25 investment projects before Smart China Expo”, 19 August 2021/);
    const gdp = await cardText(p, 'fact-card[fact="chengdu-chongqing-gdp-2022-q1-q3"]');
    assert.match(gdp, /¥5\.52 trillion \(about US\$801\.5 billion\)/);
    assert.match(gdp, /first three quarters of 2022/);
    const zh = await cardText(p, '[lang="zh"] fact-card[fact="chengdu-chongqing-vehicle-output-2022-h1"]');
    assert.match(zh, /139\.3万/);
    assert.match(zh, /2022年上半年/);
  });
});

describe('fact-card', () => {
  test('fallback text stays visible until the card replaces it', async () => {
    let release;
    hold = new Promise((ok) => {
      release = ok;
    });
    try {
      const p = await page(t.b);
      await p.goto(`${t.srv.url}/tests/pages/fixtures/basics.html`);
      await p.waitForFunction(() => customElements.get('fact-card'));
      const early = await p.$eval('#known', (el) => ({ text: el.innerText, height: el.getBoundingClientRect().height, card: !!el.shadowRoot?.querySelector('article') }));
      assert.equal(early.card, false);
      assert.match(early.text, /Fallback: Liangjiang signed/);
      assert.ok(early.height > 0);
      hold = null;
      release();
      const text = await cardText(p, '#known');
      assert.match(text, /¥46\.3 billion/);
    } finally {
      hold = null;
      release();
    }
  });

  test('an unknown id shows a small "not found" card and one console warning, no exception', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/basics.html`);
    assert.match(await cardText(p, '#unknown'), /Fact not found: no-such-fact/);
    assert.match(await cardText(p, '#unknown2'), /Fact not found/);
    await cardText(p, '#hostile');
    const warnings = p.messages.filter((m) => m.type === 'warning');
    assert.equal(warnings.filter((w) => w.text.includes('no-such-fact')).length, 1, JSON.stringify(warnings));
    assert.deepEqual(p.errors, []);
  });

  test('hostile ids are shown as text, never run', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/basics.html`);
    const text = await cardText(p, '#hostile');
    assert.match(text, /<img src=x onerror=window.__pwned=1>/);
    assert.equal(await p.$eval('#hostile', (el) => el.shadowRoot?.querySelectorAll('img').length), 0);
    assert.equal(await p.evaluate(() => window.__pwned), undefined);
  });

  test('language comes from the element, else the nearest lang attribute', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/basics.html`);
    assert.match(await cardText(p, '#zh'), /来源：/);
    const own = await cardText(p, '#own-lang');
    assert.match(own, /463亿元（约69\.5亿美元）/);
    assert.match(own, /2021年8月18日/);
  });
});

describe('JS API', () => {
  test('ready, lookup, facts and search', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/empty.html`);
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      let early;
      try { fc.lookup('x'); } catch (e) { early = e.message; }
      const [a, c] = await Promise.all([fc.ready(), fc.ready()]);
      const f = fc.lookup('liangjiang-expo-signed-investment');
      return {
        same: a === c,
        early,
        id: f.id,
        statement: f.statement,
        figure: f.figures[0],
        source: f.source,
        unknown: fc.lookup('no-such-fact'),
        count: fc.facts().length,
        hits: fc.search('Liangjiang investment', 3).map((h) => h.id),
        blank: fc.search('   ', 5).length,
        wasmRequests: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
      };
    });
    assert.equal(r.same, true);
    assert.match(r.early, /await ready\(\) first/);
    assert.equal(r.id, 'liangjiang-expo-signed-investment');
    assert.match(r.statement.en, /46\.3 billion yuan/);
    assert.match(r.statement.zh, /463亿元/);
    assert.equal(r.figure.value, 46.3e9);
    assert.equal(r.figure.unit, 'CNY');
    assert.equal(r.figure.converted.value, 6.95e9);
    assert.deepEqual(r.figure.text, { en: '¥46.3 billion (about US$6.95 billion)', zh: '463亿元（约69.5亿美元）' });
    assert.deepEqual({ publisher: r.source.publisher, date: r.source.date }, { publisher: 'Chongqing Liangjiang New Area', date: '2021-08-19' });
    assert.equal(r.unknown, null);
    assert.ok(r.count >= 70, `${r.count} facts`);
    assert.ok(r.hits.length > 0 && r.hits.length <= 3);
    assert.ok(r.hits.every((id) => id.includes('liangjiang') || id.length > 0));
    assert.equal(r.blank, 0);
    assert.equal(r.wasmRequests, 1, 'the wasm is fetched once however many cards');
  });
});
