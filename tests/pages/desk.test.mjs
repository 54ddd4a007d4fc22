// The fact desk (index.html of a folder written by factcard site; pkg/data/ for the default set): search, filters,
// sorting, a fact's preview in each language, theme, width and form, every snippet copied (read back from the
// clipboard), the copied element pasted into a page of another origin, the address as state (back and forward),
// keyboard only, a phone, axe-core, the README's CSP, and what a sharded (6,000-fact) desk downloads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cardFile, page, server, setFile, shared } from './harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-src 'self'";
const t = shared();
const ID = 'liangjiang-expo-signed-investment';

/** A server of the repository that sends the README's CSP with the desk and allows other origins (a CDN). */
const cdn = () => server(null, (req) => ({
  'access-control-allow-origin': '*',
  ...(/\/(index|embed)\.html$|\/data\/(\?|$)/.test(req.url.split('#')[0]) ? { 'content-security-policy': CSP } : {}),
}));

/** A desk page that records CSP violations; resolves once the desk is ready. */
async function desk(b, url, options = {}) {
  const p = await page(b, options);
  await p.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(url);
  await p.waitForSelector('html[data-ready]');
  return p;
}

const count = (p) => p.$eval('#count', (e) => e.textContent);
const hits = (p) => p.$$eval('#results a[data-fact]', (as) => as.map((a) => a.dataset.fact));
/** Every result, once "Show more" has drawn them all. */
async function allHits(p) {
  while (await p.$eval('#more', (b) => !b.hidden)) {
    const n = await p.$$eval('#results li', (l) => l.length);
    await p.click('#more');
    await p.waitForFunction((k) => document.querySelectorAll('#results li').length > k, n);
  }
  return hits(p);
}
const turnOf = (p) => p.$eval('#results', (r) => +(r.dataset.turn || 0));
/** Runs `action` and waits for the results it leads to; resolves to what the count says. */
async function after(p, action) {
  const n = await turnOf(p);
  await action();
  await p.waitForFunction((k) => +(document.getElementById('results').dataset.turn || 0) > k, n);
  return count(p);
}
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const cardOf = (p, sel) => p.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('article')?.innerText, sel).then((h) => h.jsonValue());
const deskFact = (p, id) => p.evaluate(async (i) => (await (await fetch(`desk/f/${i}.json`)).json()).fact, id);

describe('the desk of the default set', () => {
  test('finds: newest first, then a search with a typo, in Chinese, by alias; sorts by date', async () => {
    const s = await cdn();
    try {
      const p = await desk(t.b, `${s.url}/pkg/data/`);
      assert.equal(await count(p), 'The 20 newest of 89 facts');
      const newest = await hits(p);
      assert.equal(newest.length, 20);
      const dates = await Promise.all(newest.map(async (id) => (await deskFact(p, id)).date));
      assert.deepEqual(dates, [...dates].sort().reverse());

      await p.fill('#q', 'Liangjiang investmnt');
      assert.match(await after(p, () => p.press('#q', 'Enter')), /facts for “Liangjiang investmnt”/);
      assert.equal((await hits(p))[0], ID);
      assert.equal(new URL(p.url()).searchParams.get('q'), 'Liangjiang investmnt');

      for (const [q, want] of [['笔记本电脑', 'chengdu-chongqing-world-device-shares'], ['Yangjiang New Area', ID]]) {
        await p.fill('#q', q);
        await after(p, () => p.press('#q', 'Enter'));
        assert.ok((await hits(p)).includes(want), `${q}: ${await hits(p)}`);
      }
      // By date: the same facts, newest first.
      const relevance = await allHits(p);
      await after(p, () => p.selectOption('#sort', 'date'));
      assert.equal(new URL(p.url()).searchParams.get('sort'), 'date');
      const byDate = await allHits(p);
      assert.deepEqual([...byDate].sort(), [...relevance].sort());
      const d = await Promise.all(byDate.map(async (id) => (await deskFact(p, id)).date));
      assert.deepEqual(d, [...d].sort().reverse());
      assert.deepEqual(await p.evaluate(() => window.violations), [], 'the README CSP is enough');
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });

  test('filters: entity (with what lies inside it), topic, source and year, with counts; the address holds them', async () => {
    const p = await desk(t.b, `${t.srv.url}/pkg/data/`);
    const facets = JSON.parse(readFileSync(new URL('../../pkg/data/desk/facets.json', import.meta.url)));
    // Chongqing: the facts about Liangjiang (inside it) too.
    const cq = facets.entities.find((e) => e[0] === 'chongqing');
    assert.equal(await after(p, () => p.click('#facet-lists button[data-kind=entity][data-id=chongqing]')), `${cq[4]} facts`);
    assert.equal(await p.$eval('button[data-id=chongqing]', (b) => b.getAttribute('aria-pressed')), 'true');
    assert.match(await p.$eval('button[data-id=chongqing]', (b) => b.textContent), new RegExp(`Chongqing ${cq[4]}`));
    // More than the facts naming Chongqing itself: Liangjiang's (inside it) are among them.
    assert.ok((await allHits(p)).includes(ID));
    // And a topic: fewer, each with the topic.
    const topic = facets.topics.find((x) => x[0] === 'investment');
    const both = +(await after(p, () => p.click('#facet-lists button[data-kind=topic][data-id=investment]'))).split(' ')[0];
    assert.ok(both > 0 && both < topic[2] && both < cq[4], `${both}`);
    for (const id of await hits(p)) assert.ok((await deskFact(p, id)).topics.includes('investment'), id);
    const u = new URL(p.url());
    assert.equal(u.searchParams.get('entity'), 'chongqing');
    assert.equal(u.searchParams.get('topic'), 'investment');
    // Removing a filter (its button in the list of filters in use) keeps the other.
    assert.equal(await after(p, () => p.click('#active button[data-kind=entity]')), `${topic[2]} facts`);
    await after(p, () => p.click('#active button[data-kind=topic]'));
    // A year: only that year's facts, as many as its count says.
    const [year, n] = facets.years[1];
    assert.equal(await after(p, () => p.click(`#facet-lists button[data-kind=year][data-id="${year}"]`)), `${n} ${n === 1 ? 'fact' : 'facts'}`);
    if (n > 20) await p.click('#more');
    await p.waitForFunction((k) => document.querySelectorAll('#results li').length === k, n);
    for (const id of await hits(p)) assert.ok((await deskFact(p, id)).date.startsWith(year), id);
    // A year and a query together.
    await p.fill('#q', 'Chongqing');
    const yq = +(await after(p, () => p.press('#q', 'Enter'))).split(' ')[0];
    assert.ok(yq > 0 && yq <= n, `${yq}`);
    for (const id of await hits(p)) assert.ok((await deskFact(p, id)).date.startsWith(year), id);
    // A source alone.
    await p.fill('#q', '');
    await after(p, () => p.press('#q', 'Enter'));
    await after(p, () => p.click('#active button[data-kind=year]'));
    const [source, , , sn] = facets.sources[0];
    assert.equal(await after(p, () => p.click(`#facet-lists button[data-kind=source][data-id="${source}"]`)), `${sn} ${sn === 1 ? 'fact' : 'facts'}`);
    assert.deepEqual(p.errors, []);
  });

  test('a fact: its preview in every language, both themes, both widths and three forms; back and forward', async () => {
    const p = await desk(t.b, `${t.srv.url}/pkg/data/?q=Liangjiang`);
    await p.click(`#results a[data-fact="${ID}"]`);
    await p.waitForFunction((id) => location.hash === `#${id}`, ID);
    await p.waitForFunction(() => document.activeElement.id === 'title'); // focus moves to the fact
    assert.equal(await p.$eval('#title', (h) => h.textContent), '46.3 billion yuan in signed investment');
    assert.match(await cardOf(p, '#stage fact-card'), /46\.3 billion yuan in signed investment/);
    // Chinese.
    await p.check('input[name=lang][value=zh]');
    await p.waitForFunction(() => document.querySelector('#stage fact-card')?.getAttribute('lang') === 'zh');
    assert.match(await cardOf(p, '#stage fact-card[lang=zh]'), /签约总投资463亿元/);
    assert.equal(new URL(p.url()).searchParams.get('lang'), 'zh');
    assert.match(await p.$eval('#code-mention', (c) => c.textContent), /lang="zh">签约总投资463亿元<\/fact-ref>/);
    // Dark, on a phone.
    await p.check('input[name=theme][value=dark]');
    await p.check('input[name=w][value="320"]');
    await p.waitForFunction(() => document.querySelector('#stage fact-card[theme=dark]'));
    await cardOf(p, '#stage fact-card[theme=dark]');
    const look = await p.$eval('#stage fact-card', (el) => ({
      bg: getComputedStyle(el.shadowRoot.querySelector('article')).backgroundColor,
      width: el.closest('.page').getBoundingClientRect().width,
    }));
    assert.notEqual(look.bg, 'rgb(255, 255, 255)');
    assert.equal(look.width, 320);
    await p.check('input[name=w][value="680"]');
    await p.waitForFunction(() => document.querySelector('#stage .page')?.getBoundingClientRect().width === 680);
    // As a mention: its popover opens with the card.
    await p.check('input[name=as][value=mention]');
    await p.waitForFunction(() => document.querySelector('#stage fact-ref')?.open === true);
    assert.equal(await p.$eval('#stage fact-ref', (r) => r.textContent), '签约总投资463亿元');
    // As an iframe: the embed of this folder, sized by its message.
    await p.check('input[name=as][value=iframe]');
    const frame = p.frameLocator('#stage iframe');
    await frame.locator('fact-card[data-ready]').waitFor();
    await p.waitForFunction(() => +document.querySelector('#stage iframe').height > 150 && +document.querySelector('#stage iframe').height !== 360);
    assert.match(await p.$eval('#stage iframe', (f) => f.src), /\/pkg\/data\/embed\.html\?fact=liangjiang-expo-signed-investment&lang=zh&theme=dark$/);
    // Back: the previous forms, then the results; forward: the fact again.
    const address = p.url();
    await p.goBack();
    await p.waitForFunction(() => !location.hash);
    assert.equal(await p.$eval('#detail', (d) => d.hidden), true);
    assert.ok((await hits(p)).includes(ID));
    assert.equal(await p.$eval('#q', (q) => q.value), 'Liangjiang');
    assert.equal(await p.evaluate(() => document.activeElement.dataset.fact), ID, 'focus returns to the fact');
    await p.goForward();
    await p.waitForFunction((id) => location.hash === `#${id}`, ID);
    assert.equal(p.url(), address);
    await p.waitForFunction(() => document.querySelector('#stage iframe'));
    // The address alone, in a new tab, shows the same view.
    const q = await desk(t.b, address);
    await q.waitForFunction(() => document.querySelector('#stage iframe'));
    assert.equal(await q.$eval('input[name=lang]:checked', (i) => i.value), 'zh');
    assert.equal(await q.$eval('input[name=theme]:checked', (i) => i.value), 'dark');
    assert.deepEqual([...p.errors, ...q.errors], []);
  });

  test('copies each snippet, says so, and the copied card works pasted into a page of another origin', async () => {
    const s = await cdn();
    const ctx = await t.b.newContext();
    try {
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
      const p = await ctx.newPage();
      const errors = [];
      p.on('pageerror', (e) => errors.push(String(e)));
      await p.addInitScript(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await p.goto(`${s.url}/pkg/data/#${ID}`);
      await p.waitForSelector('html[data-ready]');
      await p.waitForSelector('#snippets button[data-copy=json]');
      const copied = {};
      for (const k of ['card', 'mention', 'iframe', 'static', 'jsonld', 'json']) {
        await p.click(`button[data-copy=${k}]`);
        await p.waitForFunction((key) => document.querySelector(`button[data-copy=${key}]`).nextElementSibling.textContent === 'Copied', k);
        copied[k] = await p.evaluate(() => navigator.clipboard.readText());
        assert.equal(copied[k], await p.$eval(`#code-${k}`, (c) => c.textContent), k);
      }
      const f = await deskFact(p, ID);
      const script = `<script type="module" src="${s.url}/pkg/factcard.js"></script>`;
      assert.ok(copied.card.startsWith(`${script}\n<fact-card fact="${ID}">`), copied.card);
      assert.ok(copied.card.includes(esc(f.statement.en)), 'the fact as fallback');
      assert.ok(copied.card.includes('Source: '), 'its source too');
      assert.equal(copied.mention, `${script}\n<fact-ref fact="${ID}">${esc(f.title.en)}</fact-ref>`);
      assert.match(copied.iframe, new RegExp(`^<iframe src="${s.url}/pkg/data/embed\\.html\\?fact=${ID}"`));
      assert.match(copied.iframe, /factcard:height/);
      assert.equal(copied.static, readFileSync(new URL(`../../pkg/data/${cardFile('pkg/data/', ID)}`, import.meta.url), 'utf8'));
      assert.doesNotMatch(copied.static, /<script/);
      const ld = JSON.parse(copied.jsonld.replace(/^<script type="application\/ld\+json">|<\/script>$/g, ''));
      assert.equal(ld['@type'], 'Claim');
      assert.deepEqual(JSON.parse(copied.json), f);
      // The preview's three forms under the README's CSP too.
      for (const as of ['mention', 'iframe']) await p.check(`input[name=as][value=${as}]`);
      await p.frameLocator('#stage iframe').locator('fact-card[data-ready]').waitFor();
      assert.deepEqual(await p.evaluate(() => window.violations), []);

      // Pasted into an article on another origin (the CDN's CORS allows it), under that site's own CSP.
      const site = await server(async (req, res) => {
        if (!req.url.startsWith('/article')) return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': `script-src 'self' ${s.url}; connect-src ${s.url}; img-src data:` });
        res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title><link rel="icon" href="data:,"></head><body><p>Before.</p>${copied.card}${copied.mention}</body></html>`);
        return true;
      });
      try {
        const a = await page(t.b);
        await a.goto(`${site.url}/article`);
        assert.match(await cardOf(a, 'fact-card'), /46\.3 billion yuan in signed investment/);
        await a.waitForFunction(() => document.querySelector('fact-ref')?.shadowRoot);
        assert.deepEqual(a.errors, []);
        // Without JavaScript the fallback shows the fact and its source.
        const nojs = await t.b.newContext({ javaScriptEnabled: false });
        const n = await nojs.newPage();
        await n.goto(`${site.url}/article`);
        const text = await n.$eval('fact-card', (el) => el.innerText);
        assert.match(text, /The projects signed at the ceremony represent a total investment of 46\.3 billion yuan/);
        assert.match(text, /Source: Chongqing Liangjiang New Area/);
        await nojs.close();
      } finally {
        await site.close();
      }
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
      await s.close();
    }
  });

  test('keyboard only: search, open a fact, switch its language, copy its card, go back', async () => {
    const ctx = await t.b.newContext();
    try {
      await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.srv.url });
      const p = await ctx.newPage();
      await p.goto(`${t.srv.url}/pkg/data/`);
      await p.waitForSelector('html[data-ready]');
      const focused = () => p.evaluate(() => {
        const a = document.activeElement;
        return a.id || a.dataset.fact || a.dataset.copy || (a.name ? `${a.name}=${a.value}` : a.textContent.trim());
      });
      await p.bringToFront();
      await p.keyboard.press('Tab'); // the skip link
      assert.equal(await focused(), 'Skip to search');
      await p.keyboard.press('Enter');
      await p.keyboard.type('hydrogen');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => /for “hydrogen”$/.test(document.getElementById('count').textContent));
      // Tab through the form, the sort and the filters to the first result.
      let guard = 0;
      while (!(await p.evaluate(() => document.activeElement.matches('#results a'))) && guard++ < 400) await p.keyboard.press('Tab');
      const id = await focused();
      await p.keyboard.press('Enter');
      await p.waitForFunction((i) => location.hash === `#${i}`, id);
      await p.waitForFunction(() => document.activeElement.id === 'title');
      while ((await focused()) !== 'lang=en' && guard++ < 400) await p.keyboard.press('Tab');
      await p.keyboard.press('ArrowRight');
      await p.waitForFunction(() => document.querySelector('#stage fact-card[lang=zh]'));
      while ((await focused()) !== 'card' && guard++ < 400) await p.keyboard.press('Tab');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => document.querySelector('button[data-copy=card]').nextElementSibling.textContent === 'Copied');
      assert.match(await p.evaluate(() => navigator.clipboard.readText()), new RegExp(`fact="${id}" lang="zh"`));
      await p.keyboard.press('Escape');
      await p.waitForFunction(() => !location.hash);
      assert.equal(await focused(), id);
    } finally {
      await ctx.close();
    }
  });

  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no violation in the results and a fact (${colorScheme})`, async () => {
      const p = await desk(t.b, `${t.srv.url}/pkg/data/?q=glass`, { colorScheme });
      await p.addScriptTag({ content: AXE });
      const run = () => p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] })).then((r) => r.violations.map((x) => `${x.id}: ${x.nodes.length} (${x.nodes[0].target.join(' ')})`));
      assert.deepEqual(await run(), []);
      await p.click('#results a[data-fact]');
      await cardOf(p, '#stage fact-card');
      await p.waitForSelector('#snippets button');
      assert.deepEqual(await run(), []);
    });
  }

  test('a phone can use it: nothing wider than the screen but the preview, filters folded', async () => {
    const p = await desk(t.b, `${t.srv.url}/pkg/data/`, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    assert.equal(await p.$eval('#facets', (d) => d.open), false);
    const wide = () => p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok((await wide()) <= 360, `page ${await wide()} px wide`);
    await p.tap('#facets summary');
    await after(p, () => p.tap('#facet-lists button[data-kind=topic]'));
    await p.tap('#results a[data-fact]');
    await cardOf(p, '#stage fact-card');
    await p.tap('input[name=w][value="320"]');
    await p.waitForFunction(() => document.querySelector('#stage .page')?.getBoundingClientRect().width === 320);
    assert.ok((await wide()) <= 360, `page ${await wide()} px wide`);
  });
});

describe('the desk of a large (sharded) set', () => {
  test('a first view fetches no index and no bundle; a search fetches shards, not the set', async () => {
    const meta = JSON.parse(readFileSync(new URL(`../../target/site6k/${setFile('target/site6k/', 'search')}`, import.meta.url)));
    assert.equal(meta.whole, false);
    const p = await page(t.b);
    const got = [];
    p.on('response', async (r) => got.push([new URL(r.url()).pathname, (await r.body().catch(() => Buffer.alloc(0))).length]));
    await p.goto(`${t.srv.url}/target/site6k/`);
    await p.waitForSelector('html[data-ready]');
    assert.equal(await count(p), 'The 20 newest of 6000 facts');
    await p.waitForFunction(() => document.querySelectorAll('#results li .meta').length === 20);
    const first = got.map((x) => x[0]);
    assert.deepEqual(first.filter((u) => /search\/|\.facts$|\.wasm$/.test(u)), [], 'no search files for a first view');
    assert.ok(first.includes('/target/site6k/desk/facets.json'));
    got.length = 0;
    await p.fill('#q', 'battery exports');
    await after(p, () => p.press('#q', 'Enter'));
    assert.ok((await hits(p)).length > 0);
    await p.waitForFunction(() => document.querySelectorAll('#results li .meta').length === document.querySelectorAll('#results li').length);
    const search = got.map((x) => x[0]);
    assert.ok(search.some((u) => /search\/t\d+\.[0-9a-f]{8}\.idx$/.test(u)));
    assert.ok(!search.some((u) => u.endsWith('.facts')));
    assert.ok(search.filter((u) => u.includes('/desk/f/')).length <= 20, 'one small file per result shown');
    // A filter of a sharded set: the entity's own term, then its facts.
    const facets = JSON.parse(readFileSync(new URL('../../target/site6k/desk/facets.json', import.meta.url)));
    assert.ok(facets.entities.length < facets.allEntities, 'facets.json holds the top entities only');
    const [e, , , , n] = facets.entities.find((x) => x[4] < 1000 && x[4] > 5);
    await p.goto(`${t.srv.url}/target/site6k/?entity=${e}`);
    await p.waitForSelector('html[data-ready]');
    assert.equal(await count(p), `${n} facts`);
    // A publisher's folder: the snippets name it (src), and factcard.js where the desk found it.
    const id = (await hits(p))[0];
    await p.click(`#results a[data-fact="${id}"]`);
    await p.waitForSelector('#code-card');
    assert.ok((await p.$eval('#code-card', (c) => c.textContent)).startsWith(`<script type="module" src="${t.srv.url}/pkg/factcard.js"></script>\n<fact-card src="${t.srv.url}/target/site6k/" fact="${id}">`));
    await p.click('a.back');
    await p.waitForSelector('#find:not([hidden])');
    // "Show all" loads every entity.
    await p.click('button[data-all=entity]');
    await p.waitForFunction((all) => document.querySelectorAll('#facet-lists button[data-kind=entity]').length === all, facets.allEntities);
    assert.deepEqual(p.errors, []);
  });
});
