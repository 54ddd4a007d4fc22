// Every copy of a fact shows it as it stands in the set's current version (issue 25): a set published at version 1,
// read; published again at version 2 (one figure corrected, with its record, one fact withdrawn); read again by a new
// reader. Each copy is looked at: a script-drawn <fact-card>, a <fact-ref> mention's popover, a search result's card,
// the iframe embed (embed.html), the desk's card of the fact, and a card of a page run through `factcard inline`
// against version 1. A withdrawn fact shows its fallback text and a notice: "withdrawn" (inlined) or "not found" (drawn).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { call, cardFile, page, shared } from './harness.mjs';
import { correction, craneFact, craneSet } from './fixtures/versioned.mjs';

const t = shared();
const ROOT = new URL('../../', import.meta.url).pathname;
const FACTCARD = `${ROOT}target/release/factcard`;
const DIR = `${ROOT}target/copies-test/`;
const SET = '/target/copies-test/set/';

const run = (...args) => execFileSync(FACTCARD, args, { cwd: ROOT, encoding: 'utf8' });
function publish(version) {
  const facts = version === 1 ? craneFact('fixed', 12) + craneFact('gone', 3) : craneFact('fixed', 13, { extra: correction(12, 13) });
  writeFileSync(`${DIR}facts/facts.toml`, craneSet(facts));
  run('site', `${DIR}facts`, '-o', `${DIR}set`, '-q', '--script', '/pkg/factcard.js');
}

const doc = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>copies</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>`;

before(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(`${DIR}facts`, { recursive: true });
  mkdirSync(`${DIR}inlined`, { recursive: true });
  mkdirSync(`${DIR}script`, { recursive: true });
  publish(1);
  writeFileSync(`${DIR}script/index.html`, doc(`<fact-card id="card" src="${SET}" fact="fixed">Fallback of fixed</fact-card>
<fact-card id="gone" src="${SET}" fact="gone">Fallback of gone</fact-card>
<p>Cranes: <fact-ref id="ref" src="${SET}" fact="fixed">twelve or so</fact-ref>.</p>
<fact-search id="search" src="${SET}"></fact-search>
<iframe id="embed" src="${SET}embed.html?fact=fixed" title="Fact"></iframe>`));
  writeFileSync(`${DIR}inlined/index.html`, doc(`<fact-card id="card" src="${SET}" fact="fixed">Fallback of fixed</fact-card>
<fact-card id="gone" src="${SET}" fact="gone">Fallback of gone</fact-card>`));
  run('inline', `${DIR}inlined`, '--facts', `${DIR}facts`, '--src', SET, '-q');
});

// The text of the card inside `host` (a selector, in `frame`), once it shows port `fixed` with `amount` cranes (a
// copy that never does fails the test when the wait times out).
async function cardText(frame, host, amount, inner = '.body article') {
  const shown = frame.locator(`${host} >> css=${inner}`).filter({ hasText: `Port fixed has ${amount} cranes.` });
  await shown.first().waitFor();
  return shown.first().innerText();
}

/** What a new reader sees of fact `fixed` in every copy, once each shows `amount` cranes: each one's text. */
async function copies(amount) {
  const p = await page(t.b);
  const seen = {};
  await p.goto(`${t.srv.url}/target/copies-test/script/`);
  seen.card = await cardText(p, '#card', amount);
  await call(p, '#ref', 'toggle', true);
  seen.mention = await cardText(p, '#ref', amount, '.pop article');
  await p.waitForFunction(() => document.querySelector('#search')?.shadowRoot?.querySelector('input'));
  const input = p.locator('#search input');
  await input.fill('cranes fixed');
  await input.press('Enter');
  seen.search = await cardText(p, '#search .results fact-card', amount);
  const embed = p.frameLocator('#embed');
  seen.embed = await cardText(embed, 'fact-card', amount);
  await p.waitForFunction(() => document.querySelector('#gone').hasAttribute('data-ready'));
  const drawnGone = {
    text: await p.locator('#gone >> css=.body').innerText(),
    fallback: await p.$eval('#gone', (el) => !el.shadowRoot.querySelector('slot').parentElement.hidden),
  };
  assert.deepEqual(p.errors, []);
  await p.close();

  const d = await page(t.b);
  await d.goto(`${t.srv.url}${SET}#fixed`);
  seen.desk = await cardText(d, '#detail fact-card', amount);
  assert.deepEqual(d.errors, []);
  await d.close();

  const i = await page(t.b);
  await i.goto(`${t.srv.url}/target/copies-test/inlined/`);
  seen.inlined = await cardText(i, '#card', amount);
  // Version 2 has no `gone`: its check ends in the notice.
  if (amount === 13) await i.waitForFunction(() => document.querySelector('#gone').shadowRoot.querySelector('p.missing[role=status]'));
  const gone = await i.$eval('#gone', (el) => ({
    notice: el.shadowRoot.querySelector('p.missing[role=status]')?.textContent ?? null,
    fallback: !el.shadowRoot.querySelector('slot').parentElement.hidden,
  }));
  assert.deepEqual(i.errors, []);
  await i.close();
  return { seen, drawnGone, gone };
}

describe('every copy of a fact', () => {
  test('shows version 1 as published, and after a correction, version 2 with "Corrected on"; a withdrawn fact says so', async () => {
    const one = await copies(12);
    for (const [copy, text] of Object.entries(one.seen)) {
      assert.match(text, /Port fixed has 12 cranes\./, `${copy}: ${text}`);
      assert.doesNotMatch(text, /Corrected on/, copy);
    }
    assert.match(one.drawnGone.text, /Port gone has 3 cranes\./);
    assert.equal(one.drawnGone.fallback, false);
    assert.deepEqual(one.gone, { notice: null, fallback: false });

    publish(2);
    const two = await copies(13);
    for (const [copy, text] of Object.entries(two.seen)) {
      assert.match(text, /Port fixed has 13 cranes\./, `${copy}: ${text}`);
      assert.match(text, /Corrected on 4 March 2025/, copy);
    }
    // Drawn by the script: its fallback text above a "not found" notice; inlined: its fallback text and the notice.
    assert.match(two.drawnGone.text, /Fact not found: gone/);
    assert.equal(two.drawnGone.fallback, true);
    assert.deepEqual(two.gone, { notice: 'This fact was withdrawn from the set.', fallback: true });
  });
});

// A set of over 2,000 cards has its versions in buckets (set.json names them): a card costs set.json, the bucket of
// its id, and the card. (make test-pages writes target/site6k/, 6,000 facts.)
test('a card of a large set finds its version in the one bucket of its id', async () => {
  const p = await page(t.b);
  const asked = [];
  p.on('request', (r) => asked.push(new URL(r.url()).pathname));
  const site = '/target/site6k/';
  await p.goto(`${t.srv.url}/tests/pages/fixtures/empty.html`);
  await p.evaluate((src) => {
    document.body.innerHTML = `<fact-card id="c" src="${src}" fact="f-000001">Fallback</fact-card>`;
    return import('/pkg/factcard.js');
  }, site);
  await p.waitForFunction(() => document.querySelector('#c').shadowRoot?.querySelector('article'));
  const got = asked.filter((u) => u.startsWith(site));
  assert.equal(got.length, 3, got.join(' '));
  assert.equal(got[0], `${site}set.json`);
  assert.match(got[1], /^\/target\/site6k\/versions\/\d+\.[0-9a-f]{8}\.json$/);
  assert.equal(got[2], `${site}${cardFile(site.slice(1), 'f-000001')}`);
  assert.deepEqual(p.errors, []);
});
