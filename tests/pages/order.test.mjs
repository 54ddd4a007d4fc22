// Loading order: the cards a reader sees come first. A card far below the viewport, the core for a search box and
// the cards of mentions wait until the cards in view have arrived, unless the reader goes to them first.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { built, cardFile, cardText, page, server, shared } from './harness.mjs';

const t = shared(null, { serve: false });

const TOP = `/pkg/data/${cardFile('pkg/data/', 'liangjiang-expo-signed-investment')}`;
const FAR = `/pkg/data/${cardFile('pkg/data/', 'atg-alumina-content')}`;
const REF = `/pkg/data/${cardFile('pkg/data/', 'huawei-invests-in-atg')}`;
const HIDDEN = `/pkg/data/${cardFile('pkg/data/', 'chengdu-chongqing-ipad-share')}`;
const WASM = `/pkg/${built('factcard_search_bg.wasm')}`;

/**
 * Runs `body(p, s)` on the fixture page, served by a server that holds the card in view until `s.release()` and
 * records in `s.asked` every path asked for; once the server has been asked for that card. `atStart` runs in the
 * page at DOMContentLoaded: after factcard.js has sorted the cards (in view, or waiting), before the page can
 * have been idle, and so before anything waiting may have been fetched (`later` waits for an idle moment, then up
 * to a second for the card in view). In the page, `fetched[path]` is when (performance.now()) it was first
 * fetched, and `refDefinedAt` when <fact-ref> was defined (with the rest that waited: cards far away, the search
 * box).
 */
async function withHeldCard(body, atStart = () => {}) {
  const asked = [];
  let release;
  let seen;
  const held = new Promise((ok) => {
    release = ok;
  });
  const topAsked = new Promise((ok) => {
    seen = ok;
  });
  const s = await server(async (req) => {
    const path = new URL(req.url, 'http://x').pathname;
    asked.push(path);
    if (path === TOP) {
      seen();
      await held;
    }
    return false;
  });
  let p;
  try {
    p = await page(t.b, { viewport: { width: 1000, height: 700 } });
    await p.addInitScript(`(${() => {
      window.fetched = {};
      const f = window.fetch;
      window.fetch = function (input, init) {
        const path = new URL(input instanceof Request ? input.url : String(input), location.href).pathname;
        window.fetched[path] ??= performance.now();
        return f.call(this, input, init);
      };
      const define = customElements.define.bind(customElements);
      customElements.define = (name, ...rest) => {
        if (name === 'fact-ref') window.refDefinedAt = performance.now();
        return define(name, ...rest);
      };
    }})(); document.addEventListener('DOMContentLoaded', ${atStart});`);
    await p.goto(`${s.url}/tests/pages/fixtures/order.html`);
    await topAsked;
    await body(p, { asked, release });
    assert.deepEqual(p.errors, []);
  } finally {
    release();
    await p?.close(); // its connections with it, so that the server closes at once
    await s.close();
  }
}

const ready = (p, sel) => p.$eval(sel, (el) => el.hasAttribute('data-ready'));
const wasmLoaded = (p) => p.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('.wasm')));

describe('loading order', () => {
  test('while the card in view loads, nothing else is fetched; then the rest follows without scrolling', () => withHeldCard(async (p, s) => {
    // Held until the page has been idle: what did not wait for the card would have been fetched by then.
    await p.evaluate(() => new Promise((ok) => requestIdleCallback(() => ok())));
    s.release();
    assert.match(await cardText(p, '#top'), /46\.3 billion yuan/);
    assert.match(await cardText(p, '#far'), /18%/);
    await p.waitForFunction(() => document.querySelector('#hid').hasAttribute('data-ready'));
    await wasmLoaded(p);
    assert.ok(s.asked.includes(REF), 'the mention\'s card is fetched ahead');
    assert.ok(s.asked.indexOf(FAR) > s.asked.indexOf(TOP));
    // Each was fetched once the card in view had arrived, or (on a machine slow enough that the card was held
    // past it) once the second the page waits for it was over: never while it was on its way.
    const when = await p.evaluate(([top, rest]) => {
      const arrived = performance.getEntriesByType('resource').find((r) => r.name.endsWith(top)).responseEnd;
      return rest.map((x) => [x, window.fetched[x] - arrived, window.fetched[x] - window.fetched[top]]);
    }, [TOP, [FAR, REF, WASM, HIDDEN]]);
    for (const [x, afterArrival, afterAsking] of when) assert.ok(afterArrival >= 0 || afterAsking >= 990, `${x}: ${afterArrival} ms after the card in view arrived, ${afterAsking} ms after it was asked for`);
  }));

  // The reader scrolls as the page starts, while the card in view is held: the far card loads when it comes into
  // view, before the rest that waits (which, with that card held, goes a second later).
  test('a card the reader scrolls to loads at once, even while another still loads', () => withHeldCard(async (p) => {
    assert.match(await cardText(p, '#far'), /18%/);
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
    const [far, ref] = await p.evaluate((x) => [window.fetched[x], window.refDefinedAt], FAR);
    assert.ok(ref === undefined || far < ref, `fetched at ${far} ms, the rest at ${ref} ms`);
  }, () => document.querySelector('#far').scrollIntoView()));

  test('a card removed while it waits is never fetched; put back, it loads', () => withHeldCard(async (p, s) => {
    s.release();
    assert.match(await cardText(p, '#top'), /46\.3 billion yuan/);
    // The rest came: the hidden card is fetched only when the cards that waited are woken, the removed one with it.
    await p.waitForFunction(() => document.querySelector('#hid').hasAttribute('data-ready'));
    assert.ok(!s.asked.includes(FAR));
    await p.evaluate(() => document.body.append(window.far));
    assert.match(await cardText(p, '#far'), /18%/);
  }, () => {
    window.far = document.querySelector('#far');
    window.far.remove();
  }));

  // The reader is in the box as soon as it is defined (a microtask later), before the page can be idle.
  test('going to the search box loads the core at once, and its suggestions work', () => withHeldCard(async (p, s) => {
    await p.waitForFunction(() => window.focusAt);
    assert.equal(await p.evaluate(() => document.querySelector('fact-search').shadowRoot.activeElement?.localName), 'input');
    await p.keyboard.type('liangjiang');
    await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot.querySelectorAll('[role=option]').length > 0);
    assert.ok(s.asked.includes(WASM));
    const [wasmAt, focusAt] = await p.evaluate((x) => [window.fetched[x], window.focusAt], WASM);
    assert.ok(wasmAt >= focusAt, `the core was fetched at ${wasmAt} ms, the reader came at ${focusAt} ms`);
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
    // New attributes on a box that has its data keep it searchable at once.
    await p.$eval('fact-search', (el) => el.setAttribute('placeholder', 'Search again'));
    await p.$eval('fact-search', (el) => {
      const input = el.shadowRoot.querySelector('input');
      input.value = 'chongq';
      input.dispatchEvent(new Event('input'));
    });
    // Completions arrive with their part of the index (already fetched for "liangjiang" or fetched now).
    await p.waitForFunction(() => /^Chongqing/.test(document.querySelector('fact-search').shadowRoot.querySelector('[role=option]')?.textContent ?? ''));
    const options = await p.$eval('fact-search', (el) => [...el.shadowRoot.querySelectorAll('[role=option]')].map((o) => o.textContent));
    assert.match(options[0] ?? '', /^Chongqing/, 'suggestions for the new query right after a redraw');
  }, () => customElements.whenDefined('fact-search').then(() => {
    document.querySelector('fact-search').shadowRoot.querySelector('input').focus();
    window.focusAt = performance.now();
  })));

  test('a card that never arrives holds the rest back for about a second, no more', () => withHeldCard(async (p) => {
    await p.waitForFunction(() => document.querySelector('#far')?.hasAttribute('data-ready'));
    assert.equal(await ready(p, '#top'), false, 'the card in view is still held');
    // The page's clock, from the card in view starting to load (its first request: the set's set.json, which
    // names its file) to asking for the far one: the second is a timer started after that (990: the clock's
    // coarsening). No more: the far card comes while the other is still held; the upper bound is the page's two
    // idle waits (at most 2 s each) after that second, with room for a slow machine.
    const waited = await p.evaluate(([top, far]) => window.fetched[far] - Math.min(window.fetched['/pkg/data/set.json'], window.fetched[top]), [TOP, FAR]);
    assert.ok(waited >= 990 && waited < 8000, `far card asked for ${waited} ms after the one in view`);
    await wasmLoaded(p);
  }));
});
