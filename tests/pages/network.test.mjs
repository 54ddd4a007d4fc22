// Broken networks: the wasm or a card unreachable, slow, mistyped or cut off. The fallback text stays, each
// element says what went wrong, no promise is left unhandled, and the page's own scripts keep running.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { built, cardFile, cardText, page, server, shared } from './harness.mjs';

const WASM = readFileSync(new URL(`../../pkg/${built('factcard_search_bg.wasm')}`, import.meta.url));
const t = shared(null, { serve: false });

/** A server whose wasm and cards misbehave as `how` says. */
async function flaky(how) {
  return server(async (req, res) => {
    const url = req.url;
    if (url.endsWith('.wasm') && how.wasm) {
      if (how.wasm === 'missing') res.writeHead(404).end();
      else if (how.wasm === 'truncated') res.writeHead(200, { 'content-type': 'application/wasm' }).end(WASM.subarray(0, WASM.length / 3));
      else if (how.wasm === 'mime') res.writeHead(200, { 'content-type': 'text/plain' }).end(WASM);
      else return false;
      return true;
    }
    if (url.includes(`/pkg/data/${cardFile('pkg/data/', 'liangjiang-expo-signed-investment')}`) && how.slow) {
      how.asked?.();
      await how.slow; // until the test lets it through
      return false;
    }
    return false;
  });
}

const said = (p) => p.messages.filter((m) => (m.type === 'warning' || m.type === 'error') && !/Failed to load resource/.test(m.text));

describe('broken networks', () => {
  for (const wasm of ['missing', 'truncated']) {
    test(`wasm ${wasm}: cards still show, search says it is unavailable, one message, the page runs on`, async () => {
      const s = await flaky({ wasm });
      try {
        const p = await page(t.b);
        await p.goto(`${s.url}/tests/pages/fixtures/network.html`);
        assert.match(await cardText(p, '#card'), /46\.3 billion yuan/);
        await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot?.querySelector('[role=status]').textContent);
        assert.match(await p.$eval('fact-search', (el) => el.shadowRoot?.querySelector('[role=status]').textContent), /^Search is unavailable: /);
        assert.equal(said(p).length, 1, JSON.stringify(said(p)));
        assert.match(said(p)[0].text, /factcard: could not load the search/);
        assert.equal(await p.evaluate(() => window.pageScriptRan), true);
        assert.deepEqual(p.errors, [], 'no unhandled rejection');
      } finally {
        await s.close();
      }
    });
  }

  test('wasm served with the wrong MIME type still works (with the glue\'s own warning)', async () => {
    const s = await flaky({ wasm: 'mime' });
    try {
      const p = await page(t.b);
      await p.goto(`${s.url}/tests/pages/fixtures/network.html`);
      await p.waitForFunction(() => document.querySelector('fact-search').hasAttribute('data-ready'));
      await p.locator('fact-search input').fill('hydrogen');
      await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot?.querySelector('.results fact-card'));
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });

  test('a card held by the server keeps its fallback meanwhile, the rest of the page does not wait', async () => {
    const how = {};
    const asked = new Promise((ok) => { how.asked = ok; });
    how.slow = new Promise((ok) => { how.release = ok; });
    const s = await flaky(how);
    try {
      const p = await page(t.b);
      await p.goto(`${s.url}/tests/pages/fixtures/network.html`);
      assert.match(await cardText(p, '#card2'), /Over 18% alumina/, 'another card shows while it is held');
      await asked;
      assert.equal(await p.$eval('#card', (el) => el.innerText.trim()), 'Liangjiang signed 46.3 billion yuan of projects.');
      assert.equal(await p.evaluate(() => window.pageScriptRan), true);
      how.release();
      assert.match(await cardText(p, '#card'), /46\.3 billion yuan in signed investment/, 'it shows once it arrives');
      assert.deepEqual(p.errors, []);
    } finally {
      how.release();
      await s.close();
    }
  });
});
