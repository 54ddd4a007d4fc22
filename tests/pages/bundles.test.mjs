// A publisher's own facts at run time: src= on the elements, open() in the API, and every way a bundle can be
// broken. `make test-pages` builds target/own.facts and target/own-site/ from tests/pages/fixtures/own/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { built, call, cardText, page, setFile, shared } from './harness.mjs';

const good = readFileSync(new URL('../../target/own.facts', import.meta.url));
const BROKEN = {
  'corrupt.facts': () => { const b = Buffer.from(good); b[b.length - 5] ^= 0xff; return b; },
  'truncated.facts': () => good.subarray(0, Math.floor(good.length / 2)),
  'version.facts': () => { const b = Buffer.from(good); b[4] = 9; return b; },
  'html.facts': () => Buffer.from('<!doctype html><title>Not found</title>'),
};

const hits = [];
const t = shared(async (req, res) => {
  hits.push(req.url);
  const name = req.url.startsWith('/bad/') && req.url.slice(5);
  if (!name) return false;
  if (!BROKEN[name]) {
    res.writeHead(404).end();
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(BROKEN[name]());
  return true;
});

async function pageWith(body) {
  const p = await page(t.b);
  await p.route('**/own-test.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>own</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${body}<script src="/tests/pages/fixtures/page-script.js"></script></body></html>`,
  }));
  await p.goto(`${t.srv.url}/own-test.html`);
  return p;
}

describe('src= and open()', () => {
  test('a .facts bundle, fetched once however many elements use it', async () => {
    hits.length = 0;
    const p = await pageWith(`<fact-card id="a" src="/target/own.facts" fact="port-cranes">a</fact-card>
<fact-card id="b" src="/target/own.facts" fact="port-throughput">b</fact-card>
<p><fact-ref id="r" src="/target/own.facts" entity="river-port">the Port</fact-ref></p>`);
    assert.match(await cardText(p, '#a'), /Twelve new cranes[\s\S]*New cranes\s*12[\s\S]*The Test Gazette/);
    assert.match(await cardText(p, '#b'), /\+20%/);
    await call(p, '#r', 'toggle', true);
    assert.match(await p.$eval('#r', (el) => el.shadowRoot?.querySelector('.pop').innerText), /River Port/);
    assert.equal(hits.filter((u) => u === '/target/own.facts').length, 1);
    assert.deepEqual(p.errors, []);
  });

  test('a folder written by factcard site: cards without the core', async () => {
    hits.length = 0;
    const p = await pageWith('<fact-card id="a" src="/target/own-site/" fact="port-throughput" lang="zh">a</fact-card>');
    assert.match(await cardText(p, '#a'), /吞吐量增长两成[\s\S]*增长20%/);
    assert.deepEqual(hits.filter((u) => u.endsWith('.wasm')), []);
  });

  test('open() gives the same API as the default set', async () => {
    const p = await pageWith('');
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      const set = await fc.open('/target/own.facts');
      const again = await fc.open('/target/own.facts');
      const folder = await fc.open('/target/own-site/');
      return {
        size: set.size, same: set === again, folder: folder.size,
        lookup: set.lookup('port-cranes').figures[0].text.en,
        search: set.searchIds('crane'), suggest: set.suggest('riv', 3).map((s) => s.text),
        facts: set.facts().map((f) => f.id), entity: set.entity('the Port').facts,
      };
    });
    assert.deepEqual(r, {
      size: 2, same: true, folder: 2, lookup: '12', search: ['port-cranes'], suggest: ['River Port'],
      facts: ['port-cranes', 'port-throughput'], entity: ['port-cranes', 'port-throughput'],
    });
  });
});

describe('openIndex: a folder searched as a search box does', () => {
  test('the default set: the same hits as the whole index, completions, filters, one module', async () => {
    hits.length = 0;
    const p = await pageWith('');
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      const ix = await fc.openIndex('/pkg/data/');
      await fc.ready();
      const qs = ['Liangjiang investment', 'Chongqing laptps', '笔记本电脑', 'hydrog', 'Yangjiang New Area trucks'];
      const sharded = [];
      for (const q of qs) sharded.push(await ix.searchIds(q, 3));
      return {
        sharded, whole: qs.map((q) => fc.searchIds(q, 3)),
        completions: (await ix.suggest('liang', 3)).map((x) => `${x.kind}:${x.text}`),
        y2021: await ix.searchIds('', { year: 2021, limit: 1000 }), wholeY2021: fc.searchIds('', { year: 2021, limit: 1000 }),
      };
    });
    assert.deepEqual(r.sharded, r.whole);
    assert.equal(r.completions[0], 'entity:Liangjiang New Area');
    assert.ok(r.y2021.length > 0);
    assert.deepEqual(r.y2021, r.wholeY2021);
    assert.equal(hits.filter((u) => u.endsWith(built('factcard_search_bg.wasm'))).length, 1);
    assert.deepEqual(p.errors, []);
  });
});

describe('one query, both paths', () => {
  test('filters by name, alias, topic or source name and year ranges find the same ids on both paths; an unknown one is the same error', async () => {
    const p = await pageWith('');
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      const ix = await fc.openIndex('/pkg/data/');
      await fc.ready();
      const cases = [
        ['', { entity: '两江新区' }], ['', { entity: 'yangjiang new-area' }], ['investment', { entity: 'LIANGJIANG' }],
        ['', { topic: 'Vehicles' }], ['', { topic: '汽车' }], ['', { source: 'Foreign enterprise and expert bullish on Chongqing’s sci-tech innovation path' }],
        ['', { year: '2019-2021' }], ['export', { entity: 'chongqing', year: '2018-2021', topic: 'vehicles' }],
        ['', { entity: 'Atlantis' }], ['', { topic: 'bananas' }],
      ];
      const run = async (f) => { try { return await f(); } catch (e) { return `error: ${e.message}`; } };
      const out = [];
      for (const [q, o] of cases) {
        out.push([q, o, await run(() => ix.searchIds(q, { ...o, limit: 1000 })), await run(async () => fc.searchIds(q, { ...o, limit: 1000 }))]);
      }
      return out;
    });
    // With words, the same facts (their order may differ at near-ties: the shards store a term's weight in a byte).
    const same = (q, x) => (q && Array.isArray(x) ? [...x].sort() : x);
    for (const [q, o, sharded, whole] of r) {
      assert.deepEqual(same(q, sharded), same(q, whole), `${q} ${JSON.stringify(o)}`);
      if (!/Atlantis|bananas/.test(JSON.stringify(o))) assert.ok(Array.isArray(whole) && whole.length > 0, `${q} ${JSON.stringify(o)}: ${whole}`);
    }
    assert.deepEqual(r.at(-2)[2], 'error: factcard: unknown entity "Atlantis"');
    assert.deepEqual(p.errors, []);
  });
});

describe('a large set (6,000 facts): the sharded index', () => {
  test('a search box fetches only the index shards its words need, then shows the cards', async () => {
    hits.length = 0;
    const p = await pageWith('<fact-search id="s" src="/target/site6k/"></fact-search>');
    await p.waitForFunction(() => document.querySelector('#s').hasAttribute('data-ready'));
    await p.locator('#s input').fill('battery exports');
    await p.waitForFunction(() => [...document.querySelector('#s').shadowRoot?.querySelectorAll('.results fact-card')].some((c) => c.shadowRoot?.querySelector('article:not(.missing)')));
    // Its completions (asked for at the first key, before the results) have arrived: every request is counted.
    await p.waitForFunction(() => performance.getEntriesByType('resource').some((r) => /\/search\/s\d+\.[0-9a-f]{8}\.txt$/.test(r.name)));
    const shards = hits.filter((u) => /\/search\/t\d+\.[0-9a-f]{8}\.idx$/.test(u));
    const completions = hits.filter((u) => /\/search\/s\d+\.[0-9a-f]{8}\.txt$/.test(u));
    const meta = JSON.parse(readFileSync(new URL(`../../target/site6k/${setFile('target/site6k/', 'search')}`, import.meta.url)));
    // The shards of its two words' forms (plain and stemmed), and where the completions of the word being typed
    // run on; the completion part of what is typed.
    assert.ok(shards.length >= 1 && shards.length <= 6, `${shards.length} of ${meta.bounds.length + 1} shards`);
    assert.ok(meta.bounds.length > 20, `${meta.bounds.length + 1} shards`);
    assert.ok(completions.length >= 1 && completions.length <= 3, `${completions.length} completion parts`);
    assert.equal(hits.filter((u) => u.endsWith('.facts')).length, 0, 'the whole set is never fetched');
    const status = await p.$eval('#s', (el) => el.shadowRoot?.querySelector('[role=status]').textContent);
    assert.match(status, /^5 facts found$/);
    // Typos, as in a set searched whole.
    const typo = await p.evaluate(async () => (await (await import('/pkg/factcard.js')).open('/target/site6k/')).searchIds('batery exprts ', 5));
    assert.equal(typo.length, 5, JSON.stringify(typo));
    assert.deepEqual(p.errors, []);
  });

  test('open() on the folder gives the sharded search', async () => {
    const p = await pageWith('');
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      const set = await fc.open('/target/site6k/');
      const ids = await set.searchIds('robots research centre', 3);
      // Filters by id: a city takes in its districts; a filter alone lists what passes.
      const inCity = await set.searchIds('', { entity: 'city-39', limit: 1000 });
      const inDistrict = await set.searchIds('', { entity: 'district-39-0', limit: 1000 });
      const robots = await set.searchIds('robots', { entity: 'city-39', limit: 1000 });
      // A year, alone and with an entity; and an entity by its name.
      const y2020 = await set.searchIds('', { year: 2020, limit: 1000 });
      const cityIn2020 = await set.searchIds('', { year: 2020, entity: 'district-0-0', limit: 1000 });
      const byName = await set.searchIds('', { entity: 'Jinlong City', limit: 1000 });
      const city = await set.searchIds('', { entity: 'city-0', limit: 1000 });
      const byId = await set.searchIds('', { entity: 'district-0-0', limit: 1000 });
      const completions = (await set.suggest('jinl', 5)).map((x) => `${x.kind}:${x.text}`);
      const zh = (await set.suggest('金龙', 5)).map((x) => x.text);
      return { size: set.size, ids, nothing: await set.searchIds('zzqx', 3), inCity, inDistrict, robots, y2020, cityIn2020, byName, byId, city, completions, zh };
    });
    assert.ok(r.y2020.length > 0 && r.y2020.length < 6000, `${r.y2020.length}`);
    assert.ok(r.cityIn2020.length > 0 && r.cityIn2020.length < r.byId.length && r.cityIn2020.every((id) => r.byId.includes(id)), `${r.cityIn2020.length} of ${r.byId.length}`);
    assert.ok(r.byName.length > 0);
    assert.deepEqual(r.byName, r.city, 'an entity by its alias');
    assert.equal(r.completions[0], 'entity:Jinlong', r.completions.join());
    assert.equal(r.zh[0], '金龙市', r.zh.join());
    assert.equal(r.size, 6000);
    assert.equal(r.ids.length, 3);
    assert.ok(r.ids.every((id) => /^f-\d{6}$/.test(id)), r.ids.join());
    assert.deepEqual(r.nothing, []);
    assert.ok(r.inDistrict.length > 0 && r.inCity.length > r.inDistrict.length, `${r.inCity.length} / ${r.inDistrict.length}`);
    assert.ok(r.inDistrict.every((id) => r.inCity.includes(id)));
    assert.ok(r.robots.length > 0 && r.robots.every((id) => r.inCity.includes(id)), r.robots.join());
  });
});

describe('broken bundles', () => {
  const cases = [
    ['corrupt.facts', /checksum mismatch/],
    ['truncated.facts', /truncated/],
    ['version.facts', /unsupported bundle version 9/],
    ['html.facts', /not a factcard bundle/],
    ['missing.facts', /answered HTTP 404/],
  ];
  for (const [name, message] of cases) {
    test(`${name}: each element says what went wrong, one console message, the page works on`, async () => {
      const p = await pageWith(`<fact-card id="a" src="/bad/${name}" fact="port-cranes">Fallback A</fact-card>
<fact-card id="b" src="/bad/${name}" fact="port-throughput">Fallback B</fact-card>
<fact-card id="ok" fact="atg-alumina-content">ok</fact-card>`);
      for (const id of ['#a', '#b']) {
        await p.waitForFunction((s) => document.querySelector(s).shadowRoot?.querySelector('.missing'), id);
        const r = await p.$eval(id, (el) => ({ fallback: el.innerText.trim(), notice: el.shadowRoot?.querySelector('.missing').textContent }));
        assert.match(r.fallback, /^Fallback [AB]$/);
        assert.match(r.notice, message);
      }
      assert.match(await cardText(p, '#ok'), /Over 18% alumina/);
      assert.equal(await p.evaluate(() => window.pageScriptRan), true);
      const said = p.messages.filter((m) => m.type === 'warning' || m.type === 'error').filter((m) => !/Failed to load resource/.test(m.text));
      assert.equal(said.length, 1, JSON.stringify(said));
      assert.deepEqual(p.errors, [], 'no unhandled rejection');
    });
  }
});
