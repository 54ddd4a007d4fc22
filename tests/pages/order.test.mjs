// Loading order: the cards a reader sees come first. A card far below the viewport, the core for a search box and
// the cards of mentions wait until the cards in view have arrived, unless the reader goes to them first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardText, page, server, shared } from './harness.mjs';

const t = shared(null, { serve: false });

const TOP = '/pkg/data/en/liangjiang-expo-signed-investment.html';
const FAR = '/pkg/data/en/atg-alumina-content.html';
const REF = '/pkg/data/en/huawei-invests-in-atg.html';
const HIDDEN = '/pkg/data/en/chengdu-chongqing-ipad-share.html';
const WASM = '/pkg/factcard_search_bg.wasm';

/**
 * Runs `body(p, s)` on the fixture page, served by a server that holds the card in view until `s.release()` and
 * records in `s.asked` every path asked for; `wait` ms after navigating.
 */
async function withHeldCard(wait, body) {
  const asked = [];
  let release;
  const held = new Promise((ok) => {
    release = ok;
  });
  const s = await server(async (req) => {
    const path = new URL(req.url, 'http://x').pathname;
    asked.push(path);
    if (path === TOP) await held;
    return false;
  });
  try {
    const p = await page(t.b, { viewport: { width: 1000, height: 700 } });
    const t0 = Date.now();
    await p.goto(`${s.url}/tests/pages/fixtures/order.html`);
    await p.waitForTimeout(wait);
    await body(p, { asked, release, t0 });
    assert.deepEqual(p.errors, []);
  } finally {
    release();
    await s.close();
  }
}

const ready = (p, sel) => p.$eval(sel, (el) => el.hasAttribute('data-ready'));
const wasmLoaded = (p) => p.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));

describe('loading order', () => {
  test('while the card in view loads, nothing else is fetched; then the rest follows without scrolling', () => withHeldCard(500, async (p, s) => {
    assert.ok(s.asked.includes(TOP), 'the card in view is asked for at once');
    for (const later of [FAR, REF, WASM, HIDDEN]) assert.ok(!s.asked.includes(later), `${later} waits for the card in view`);
    s.release();
    assert.match(await cardText(p, '#top'), /46\.3 billion yuan/);
    assert.match(await cardText(p, '#far'), /18%/);
    await p.waitForFunction(() => document.querySelector('#hid').hasAttribute('data-ready'));
    await wasmLoaded(p);
    assert.ok(s.asked.includes(REF), 'the mention\'s card is fetched ahead');
    assert.ok(s.asked.indexOf(FAR) > s.asked.indexOf(TOP));
  }));

  test('a card the reader scrolls to loads at once, even while another still loads', () => withHeldCard(200, async (p, s) => {
    assert.ok(!s.asked.includes(FAR));
    await p.$eval('#far', (el) => el.scrollIntoView());
    assert.match(await cardText(p, '#far'), /18%/);
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
  }));

  test('a card removed while it waits is never fetched; put back, it loads', () => withHeldCard(200, async (p, s) => {
    await p.$eval('#far', (el) => {
      window.far = el;
      el.remove();
    });
    s.release();
    assert.match(await cardText(p, '#top'), /46\.3 billion yuan/);
    await p.waitForFunction(() => document.querySelector('#hid').hasAttribute('data-ready')); // the rest came
    await p.waitForTimeout(300);
    assert.ok(!s.asked.includes(FAR));
    await p.evaluate(() => document.body.append(window.far));
    assert.match(await cardText(p, '#far'), /18%/);
  }));

  test('going to the search box loads the core at once, and its suggestions work', () => withHeldCard(200, async (p, s) => {
    assert.ok(!s.asked.includes(WASM));
    await p.focus('fact-search >> input');
    await p.keyboard.type('liangjiang');
    await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot.querySelectorAll('[role=option]').length > 0);
    assert.ok(s.asked.includes(WASM));
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
    // New attributes on a box that has its data keep it searchable at once.
    await p.$eval('fact-search', (el) => el.setAttribute('placeholder', 'Search again'));
    await p.waitForTimeout(60);
    await p.$eval('fact-search', (el) => {
      const input = el.shadowRoot.querySelector('input');
      input.value = 'chongq';
      input.dispatchEvent(new Event('input'));
    });
    // Completions arrive with their part of the index (already fetched for "liangjiang" or fetched now).
    await p.waitForFunction(() => /^Chongqing/.test(document.querySelector('fact-search').shadowRoot.querySelector('[role=option]')?.textContent ?? ''), null, { timeout: 3000 });
    const options = await p.$eval('fact-search', (el) => [...el.shadowRoot.querySelectorAll('[role=option]')].map((o) => o.textContent));
    assert.match(options[0] ?? '', /^Chongqing/, 'suggestions for the new query right after a redraw');
  }));

  test('a card that never arrives holds the rest back for about a second, no more', () => withHeldCard(0, async (p, s) => {
    await p.waitForFunction(() => document.querySelector('#far')?.hasAttribute('data-ready'));
    const waited = Date.now() - s.t0;
    assert.ok(waited >= 900 && waited < 5000, `far card after ${waited} ms`);
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
    await wasmLoaded(p);
  }));
});
