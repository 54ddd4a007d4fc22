// Reserved space: a card holds its place until it arrives, so the article does not jump. factcard.js reserves the
// space once it runs; the optional factcard.css reserves it from the first paint, even when the script is late.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { layoutShift, page, server, shared } from './harness.mjs';

const t = shared(null, { serve: false });

/** A server that holds the paths matching `slow` until `s.release()` (or its closing). */
async function delaying(slow) {
  let release;
  const held = new Promise((ok) => {
    release = ok;
  });
  const s = await server(async (req) => {
    if (slow.test(req.url)) await held;
    return false;
  });
  s.release = release;
  const close = s.close.bind(s);
  s.close = () => {
    release();
    return close();
  };
  return s;
}

describe('reserved space', () => {
  test('with factcard.css, a script that arrives after the first paint moves nothing', async () => {
    const s = await delaying(/\/pkg\/factcard\.js$/);
    try {
      const p = await page(t.b, { viewport: { width: 1000, height: 1400 } });
      await p.goto(`${s.url}/tests/pages/fixtures/shift.html`, { waitUntil: 'commit' });
      await p.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length);
      const before = await p.$eval('fact-search', (el) => [customElements.get('fact-search'), el.getBoundingClientRect().height]);
      assert.equal(before[0], undefined, 'painted before the script ran');
      s.release();
      // The cards, and the search box drawn (it is defined after the cards) with its data.
      await p.waitForFunction(() => document.querySelectorAll('fact-card[data-ready]').length === 2 && document.querySelector('fact-search').matches(':defined[data-ready]'));
      const { total, moved } = await layoutShift(p);
      const afterH = await p.$eval('fact-search', (el) => el.getBoundingClientRect().height);
      assert.ok(Math.abs(afterH - before[1]) <= 1, `search box reserved ${before[1]} px, takes ${afterH} px`);
      assert.ok(total < 0.02, `layout shift ${total}: ${moved.join(', ')}`);
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });

  test('the reservation gives way to the page: hidden cards stay hidden, the page\'s own margins win', async () => {
    // factcard.css alone, before the script runs; then factcard.js's own rule alone, before the cards come.
    for (const [held, css] of [[/\/pkg\/factcard\.js$/, true], [/\/pkg\/data\//, false]]) {
      let release;
      const until = new Promise((ok) => { release = ok; }); // held while the test looks
      const s = await server(async (req, res) => {
        if (req.url.endsWith('/reserve.html') && !css) {
          const html = readFileSync(new URL('fixtures/reserve.html', import.meta.url), 'utf8');
          res.writeHead(200, { 'content-type': 'text/html' }).end(html.replace(/<link[^>]*factcard\.css">/, ''));
          return true;
        }
        if (held.test(req.url)) await until;
        return false;
      });
      const p = await page(t.b);
      try {
        await p.goto(`${s.url}/tests/pages/fixtures/reserve.html`, { waitUntil: 'commit' });
        await p.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length);
        if (!css) await p.waitForFunction(() => customElements.get('fact-card'));
        const got = await p.evaluate(() => Object.fromEntries(['hidden', 'flat', 'plain'].map((id) => {
          const st = getComputedStyle(document.getElementById(id));
          return [id, [st.display, st.marginTop, st.minHeight, document.getElementById(id).hasAttribute('data-ready')]];
        })));
        const rem = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
        const how = css ? 'factcard.css' : 'factcard.js';
        assert.equal(got.hidden[0], 'none', how);
        assert.deepEqual(got.flat, ['block', '0px', `${18 * rem}px`, false], how);
        assert.deepEqual(got.plain, ['block', '16px', `${18 * rem}px`, false], how);
        assert.deepEqual(p.errors, []);
      } finally {
        release();
        await p.close();
        await s.close();
      }
    }
  });

  test('without it, a card reserves 18rem (or --factcard-min-height) from when the script runs until it arrives', async () => {
    const s = await delaying(/atg-alumina-content\.[0-9a-f]{8}\.html$/);
    const p = await page(t.b, { viewport: { width: 1000, height: 1400 } });
    try {
      await p.goto(`${s.url}/tests/pages/fixtures/network.html`);
      await p.waitForFunction(() => document.querySelector('#card')?.hasAttribute('data-ready'));
      const rem = await p.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.equal(await p.$eval('#card2', (el) => el.getBoundingClientRect().height), 18 * rem, 'held card reserves 18rem');
      assert.match(await p.$eval('#card2', (el) => el.textContent), /18% alumina/, 'its fallback text shows meanwhile');
      await p.$eval('#card2', (el) => el.style.setProperty('--factcard-min-height', '10rem'));
      assert.equal(await p.$eval('#card2', (el) => el.getBoundingClientRect().height), 10 * rem);
    } finally {
      await p.close();
      await s.close();
    }
  });
});
