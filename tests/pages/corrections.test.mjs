// Corrections, updates and stale facts in the browser: the template set kept in sheets (examples/sheets/, built by
// `make test-pages` into target/sheets-site/) shows "Corrected on …" with the corrections behind a disclosure, in
// English and Chinese, and "Updated on …"; the cards the wasm renders from the folder's bundle are the prerendered
// ones; and the fact objects of the API carry the corrections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cardText, page, shared } from './harness.mjs';

const t = shared();
const SITE = '/target/sheets-site/';
const CORRECTED = 'riverton-bus-trips-2024';

async function pageWith(body) {
  const p = await page(t.b);
  await p.route('**/corrections-test.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>corrections</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>`,
  }));
  await p.goto(`${t.srv.url}/corrections-test.html`);
  return p;
}

test('a corrected card says so in both languages, the corrections behind a disclosure', async () => {
  const p = await pageWith(`<fact-card id="en" src="${SITE}" fact="${CORRECTED}"></fact-card>
<fact-card id="zh" src="${SITE}" fact="${CORRECTED}" lang="zh"></fact-card>
<fact-card id="fleet" src="${SITE}" fact="riverton-fleet-2024"></fact-card>`);
  const en = await cardText(p, '#en');
  assert.match(en, /Corrected on 4 March 2025/, en);
  // Closed, the disclosure shows its summary only.
  assert.doesNotMatch(en, /What was wrong/, en);
  await p.$eval('#en', (el) => el.shadowRoot.querySelector('.corrections summary').click());
  const opened = await cardText(p, '#en');
  assert.match(opened, /What was wrong: The first version gave 12\.1 million trips, the figure for 2023\./, opened);
  assert.match(opened, /What changed: It now gives the report's 12\.4 million trips\./, opened);
  const zh = await cardText(p, '#zh');
  assert.match(zh, /更正于2025年3月4日/, zh);
  assert.match(await cardText(p, '#fleet'), /Updated on 20 February 2025/);
  assert.deepEqual(p.errors, []);
});

test('the wasm renders the prerendered cards, and the facts of the API carry their corrections', async () => {
  const p = await pageWith('');
  const got = await p.evaluate(async ([site, id]) => {
    const fc = await import('/pkg/factcard.js');
    const set = await fc.open(site);
    return { en: set.render(id, 'html', 'en'), zh: set.render(id, 'html', 'zh'), fact: set.lookup(id), jsonld: set.render(id, 'jsonld', 'zh') };
  }, [SITE, CORRECTED]);
  const root = new URL('../../target/sheets-site/', import.meta.url);
  for (const l of ['en', 'zh']) assert.equal(got[l], readFileSync(new URL(`${l}/${CORRECTED}.html`, root), 'utf8'), l);
  assert.equal(got.fact.corrections.length, 1);
  assert.equal(got.fact.corrections[0].date, '2025-03-04');
  assert.equal(got.fact.corrections[0].changed.zh, '现已改为报告中的1240万人次。');
  const ld = JSON.parse(got.jsonld);
  assert.equal(ld.dateModified, '2025-03-04');
  assert.equal(ld.correction[0]['@type'], 'CorrectionComment');
});

test('the desk lists the corrected and updated facts, latest first, and opens one', async () => {
  const p = await page(t.b);
  await p.goto(`${t.srv.url}${SITE}index.html`);
  await p.waitForFunction(() => document.querySelector('#f-changed'));
  const listed = await p.$$eval('.changed li', (lis) => lis.map((li) => li.textContent));
  assert.ok(listed.length >= 2, listed.join(' | '));
  assert.match(listed[0], /Corrected 2025-03-04$/, listed.join(' | '));
  assert.ok(listed.some((x) => /Updated 2025-02-20$/.test(x)), listed.join(' | '));
  await p.click('.changed li:first-child a');
  await p.waitForFunction((id) => location.hash === `#${id}` && !document.querySelector('#detail').hidden, CORRECTED);
  await p.waitForFunction(() => /Corrected on/.test(document.querySelector('#detail fact-card')?.shadowRoot?.textContent ?? ''));
  assert.deepEqual(p.errors, []);
});
