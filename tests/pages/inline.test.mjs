// Pages run through `factcard inline` (the Makefile writes target/inline-site/ from fixtures/inline.html): cards in
// the page's HTML as declarative Shadow DOM, shown with no script and no request, and adopted by the elements.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { call, layoutShift, page, shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const URL_ = '/target/inline-site/inline.html';
const t = shared();

/** What each element's shadow root shows, read without a script of the page's. */
const shown = (p) => p.evaluate(() => ({
  card: document.querySelector('#card').shadowRoot?.querySelector('article')?.innerText,
  zh: document.querySelector('#zh').shadowRoot?.querySelector('article')?.innerText,
  chart: !!document.querySelector('#chart').shadowRoot?.querySelector('svg.chart rect'),
  disclosures: [...document.querySelector('#card').shadowRoot.querySelectorAll('details')].map((d) => d.open),
  link: document.querySelector('#linked').shadowRoot.querySelector('.source a')?.href,
  edge: getComputedStyle(document.querySelector('#card').shadowRoot.querySelector('article')).borderLeftWidth,
  button: getComputedStyle(document.querySelector('#card').shadowRoot.querySelector('.actions')).visibility,
  mention: document.querySelector('#ref').shadowRoot?.querySelector('.mention')?.getAttribute('role'),
  popover: getComputedStyle(document.querySelector('#ref').shadowRoot.querySelector('.pop')).display,
  linked: [...document.querySelectorAll('[autolink] fact-ref')].map((r) => `${r.getAttribute('entity')}:${r.textContent}`),
  label: document.querySelector('#search').shadowRoot?.querySelector('label')?.textContent,
}));

describe('factcard inline', () => {
  test('without JavaScript, cards show with their figures, chart, source link and disclosures', async () => {
    const ctx = await t.b.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    const asked = [];
    p.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await p.goto(`${t.srv.url}${URL_}`);
    const s = await shown(p);
    assert.match(s.card, /46\.3 billion yuan in signed investment/);
    assert.match(s.card, /¥46\.3 billion \(about US\$6\.95 billion\)/);
    assert.match(s.card, /Source: Chongqing Liangjiang New Area/);
    assert.doesNotMatch(s.card, /Fallback/); // the fallback text is for browsers without declarative Shadow DOM
    assert.match(s.zh, /139\.3万/);
    assert.equal(s.chart, true);
    assert.ok(s.disclosures.length >= 1 && s.disclosures.every((open) => !open), String(s.disclosures));
    assert.match(s.link, /^https:\/\//);
    assert.equal(s.edge, '4px'); // styled by factcard-inline.css
    assert.equal(s.button, 'hidden'); // "Copy citation" needs the script
    assert.equal(s.mention, null); // a plain mention, not a button that does nothing
    assert.equal(s.popover, 'none');
    assert.deepEqual(s.linked, ['liangjiang:Liangjiang New Area', 'chongqing:Chongqing', 'chengdu:Chengdu']);
    assert.equal(s.label, 'Search the facts');
    // The page and its one style sheet: nothing else.
    assert.deepEqual(asked.filter((a) => a.startsWith('/pkg/')), ['/pkg/factcard-inline.css']);
    await ctx.close();
  });

  test('with JavaScript, the elements adopt what the page holds: no card is fetched, nothing moves', async () => {
    const ctx = await t.b.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const p = await ctx.newPage();
    p.errors = [];
    p.on('pageerror', (e) => p.errors.push(String(e)));
    const asked = [];
    p.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await p.addInitScript(() => {
      window.__cls = 0;
      new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.__cls += e.value; })).observe({ type: 'layout-shift', buffered: true });
      window.__renders = [];
      document.addEventListener('factcard:render', (e) => window.__renders.push(e.detail.fact));
    });
    await p.goto(`${t.srv.url}${URL_}`);
    await p.waitForFunction(() => document.querySelector('#search').dataset.ready !== undefined);
    const s = await shown(p);
    assert.equal(s.button, 'visible');
    assert.equal(s.mention, 'button');
    assert.equal((await p.evaluate(() => window.__renders)).length, 4);
    // Copy citation works on the adopted card.
    await p.$eval('#card', (el) => el.shadowRoot.querySelector('button').click());
    await p.waitForFunction(() => document.querySelector('#card').shadowRoot.querySelector('[role=status]').textContent === 'Copied');
    assert.match(await p.evaluate(() => navigator.clipboard.readText()), /^46\.3 billion yuan in signed investment\. Source: Chongqing Liangjiang New Area/);
    // The mention opens its card from the page, by keyboard.
    await p.focus('body');
    await p.keyboard.press('Tab');
    await p.waitForFunction(() => document.querySelector('[autolink] fact-ref')?.open);
    await p.keyboard.press('Escape');
    await call(p, '#ref', 'toggle', true);
    assert.match(await p.$eval('#ref', (el) => el.shadowRoot.querySelector('.pop').innerText), /1,500 heavy trucks/);
    assert.equal(await p.$eval('#ref', (el) => el.shadowRoot.querySelector('.pop').getAttribute('aria-label')), 'Hongyan exported 1,500 heavy trucks');
    // Up to here, no card was fetched: not the page's, not a mention's; and autolink did not fetch its names.
    assert.deepEqual(asked.filter((a) => /^\/pkg\/data\/(en|zh|mentions)/.test(a)), []);
    // The search box searches.
    await p.fill('#search >> input', 'Liangjiang investment');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('article'));
    // autolink did not link the container again.
    assert.equal((await shown(p)).linked.length, 3);
    const shift = await layoutShift(p);
    assert.equal(shift.total, 0, shift.moved.join(', '));
    assert.deepEqual(p.errors, []);
    await ctx.close();
  });

  test('an inlined element is what the script draws, with the same styles', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}${URL_}`);
    await p.waitForFunction(() => document.querySelector('#search').dataset.ready !== undefined);
    const same = await p.evaluate(async () => {
      // The same elements, made by the script.
      const make = (html) => {
        const d = document.createElement('div');
        d.innerHTML = html;
        document.body.append(d);
        return d.firstChild;
      };
      const card = make('<fact-card fact="liangjiang-expo-signed-investment"></fact-card>');
      const search = make('<fact-search label="Search the facts"></fact-search>');
      const ref = make('<fact-ref fact="hongyan-truck-exports-2020">x</fact-ref>');
      await new Promise((ok) => card.addEventListener('factcard:render', ok));
      await customElements.whenDefined('fact-ref');
      await ref.toggle(true);
      await ref.toggle(false);
      const markup = (el) => el.shadowRoot.innerHTML.replace(/<link [^>]*>/, '').replace(/ (tabindex|role|aria-expanded|aria-controls|aria-label|popover)="[^"]*"/g, '');
      // What only an inlined card has: the day it was built (said for readers without the script).
      const built = /<p class="built" part="built">Card as of <time datetime="\d{4}-\d\d-\d\d">[^<]+<\/time><\/p>/;
      const styles = (el) => [...el.shadowRoot.querySelectorAll('*')].filter((n) => n.localName !== 'link' && !n.closest('.built')).map((n) => {
        const c = getComputedStyle(n);
        return `${n.localName}.${n.className?.baseVal ?? n.className}: ${c.font} ${c.color} ${c.backgroundColor} ${c.border} ${c.padding} ${c.margin} ${c.display}`;
      });
      const a = document.querySelector('#card');
      return {
        built: [built.test(markup(a)), built.test(markup(card))],
        card: [markup(a).replace(built, ''), markup(card)],
        search: [markup(document.querySelector('#search')), markup(search)],
        ref: [markup(document.querySelector('#ref')), markup(ref)],
        styles: [styles(a), styles(card)],
        host: [getComputedStyle(a).margin, getComputedStyle(card).margin],
      };
    });
    assert.deepEqual(same.built, [true, false]);
    for (const k of ['card', 'search', 'ref', 'styles', 'host']) assert.deepEqual(same[k][0], same[k][1], k);
  });

  test('running it again changes nothing', () => {
    const before = readFileSync(`${ROOT}target/inline-site/inline.html`, 'utf8');
    const out = execFileSync(`${ROOT}target/release/factcard`, ['inline', `${ROOT}target/inline-site`, '--json'], { encoding: 'utf8' });
    assert.equal(readFileSync(`${ROOT}target/inline-site/inline.html`, 'utf8'), before);
    const bytes = Buffer.byteLength(before);
    // The names linked before are not linked again.
    assert.deepEqual(JSON.parse(out), { ok: true, pages: 1, changed: 0, cards: 4, refs: 4, links: 0, searches: 1, otherSrc: 0, bytesBefore: bytes, bytesAfter: bytes, missing: [], unsure: [] });
  });
});
