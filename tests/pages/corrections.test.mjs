// Corrections, updates and stale facts in the browser: the template set kept in sheets (examples/sheets/, built by
// `make test-pages` into target/sheets-site/) shows "Corrected on …" with the corrections behind a disclosure, in
// English and Chinese, and "Updated on …"; the cards the wasm renders from the folder's bundle are the prerendered
// ones; and the fact objects of the API carry the corrections.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cardFile, cardText, frames, page, shared } from './harness.mjs';
import { correction as fixed, craneFact, craneSet } from './fixtures/versioned.mjs';

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
  for (const l of ['en', 'zh']) assert.equal(got[l], readFileSync(new URL(cardFile('target/sheets-site/', CORRECTED, l), root), 'utf8'), l);
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

// Copies learn of corrections: a page run through `factcard inline` against version 1 of a set, loaded once the set
// is at version 2 (one figure corrected, one fact removed). The script checks the set's versions with one request
// (set.json, which carries a small set's versions) and draws again only the corrected card; the removed fact shows its fallback and a notice.
describe('an inlined page and a newer set', () => {
  const ROOT = new URL('../../', import.meta.url).pathname;
  const FACTCARD = `${ROOT}target/release/factcard`;
  const DIR = `${ROOT}target/versions-test/`;
  const SET = '/target/versions-test/set/';
  const PAGE = '/target/versions-test/site/page.html';
  // Each fact on an entity of its own: a card lists the other facts on its entity ("more about"), so a fact removed
  // would change the cards of the facts beside it too (their versions would say so). The entities stay when a fact
  // goes.
  const fact = (id, title, amount, extra = '') => craneFact(id, amount, { extra, title, statement: `${title}: ${amount} cranes.`, zh: true, entity: false });
  const set = (facts) => craneSet(`${['fixed', 'same', 'gone'].map((e) => `\n[[entity]]\nid = "${e}"\nname.en = "Port ${e}"\nkind = "area"\n`).join('')}${facts}`, true);
  const correction = fixed(12, 13);
  const run = (...args) => execFileSync(FACTCARD, args, { cwd: ROOT, encoding: 'utf8' });
  const publish = (facts) => {
    writeFileSync(`${DIR}facts/facts.toml`, set(facts));
    run('site', `${DIR}facts`, '-o', `${DIR}set`, '-q');
  };
  const card = (id, lang = 'en') => `<fact-card id="${id}" src="${SET}" fact="${id}"${lang === 'en' ? '' : ` lang="${lang}"`}>Fallback of ${id}</fact-card>`;

  before(() => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(`${DIR}facts`, { recursive: true });
    mkdirSync(`${DIR}site`, { recursive: true });
    publish(fact('fixed', 'Fixed cranes', 12) + fact('same', 'Same cranes', 7) + fact('gone', 'Gone cranes', 3));
    writeFileSync(`${DIR}site/page.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>versions</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${card('fixed')}${card('same')}${card('gone')}${card('gone', 'zh').replace('id="gone"', 'id="gone-zh"')}</body></html>`);
    // Built on a day of the test's choosing, which each card says.
    execFileSync(FACTCARD, ['inline', `${DIR}site`, '--facts', `${DIR}facts`, '--src', SET], { cwd: ROOT, env: { ...process.env, FACTCARD_TODAY: '2025-01-20' } });
    // Version 2: the figure of `fixed` corrected (with its record), `gone` removed.
    publish(fact('fixed', 'Fixed cranes', 13, correction) + fact('same', 'Same cranes', 7));
  });

  /** A page that records what it asks for and the cards' render events, and keeps the unchanged card's node. */
  async function open(route) {
    const p = await page(t.b);
    p.asked = [];
    p.on('request', (r) => p.asked.push(decodeURIComponent(new URL(r.url()).pathname + new URL(r.url()).search)));
    if (route) await p.route(`**${SET}set.json`, route);
    await p.addInitScript(() => {
      window.__renders = [];
      document.addEventListener('factcard:render', (e) => window.__renders.push(`${e.target.id}:${e.detail.found}`));
      document.addEventListener('DOMContentLoaded', () => {
        window.__same = document.querySelector('#same').shadowRoot.querySelector('article');
      });
    });
    await p.goto(`${t.srv.url}${PAGE}`);
    return p;
  }

  test('the corrected card is drawn again in place, the unchanged one is left, the removed one says so', async () => {
    const html = readFileSync(`${DIR}site/page.html`, 'utf8');
    assert.equal(html.match(/data-version="[0-9a-f]{8}"/g).length, 4, html);
    const p = await open();
    const text = (sel) => p.$eval(sel, (el) => el.shadowRoot.querySelector('.body').innerText);
    await p.waitForFunction(() => /Corrected on/.test(document.querySelector('#fixed').shadowRoot.querySelector('.body').innerText));
    // The new figure, "Corrected on …", and a working "Copy citation" row, in the same element.
    assert.match(await text('#fixed'), /^Fixed cranes\n\nFixed cranes: 13 cranes\.\n\nCranes\n13\n\nRefers to: 2023\n\nCorrected on 4 March 2025\n\n.*\n\nCopy citation$/);
    await p.waitForFunction(() => document.querySelector('#gone').shadowRoot.querySelector('[role=status]'));
    await p.waitForFunction(() => document.querySelector('#gone-zh').shadowRoot.querySelector('[role=status]'));
    const gone = await p.$eval('#gone', (el) => ({
      notice: el.shadowRoot.querySelector('[role=status]').textContent,
      fallback: !el.shadowRoot.querySelector('slot').parentElement.hidden,
      card: !!el.shadowRoot.querySelector('article'),
      slotted: el.shadowRoot.querySelector('slot').assignedNodes().map((n) => n.textContent).join(''),
    }));
    assert.deepEqual(gone, { notice: 'This fact was withdrawn from the set.', fallback: true, card: false, slotted: 'Fallback of gone' });
    assert.equal(await p.$eval('#gone-zh', (el) => el.shadowRoot.querySelector('[role=status]').textContent), '此数据已从数据集中撤回。');
    // The unchanged card: the same node, never fetched, still saying when it was built; the corrected one, drawn
    // from the set, does not.
    assert.equal(await p.evaluate(() => document.querySelector('#same').shadowRoot.querySelector('article') === window.__same), true);
    assert.deepEqual(await p.evaluate(() => ['#same', '#fixed'].map((s) => !!document.querySelector(s).shadowRoot.querySelector('.built'))), [true, false]);
    const asked = p.asked.filter((a) => a.startsWith(SET));
    const version = await p.$eval('#fixed', (el) => el.dataset.version);
    assert.equal(`${SET}${cardFile(SET.slice(1), 'fixed')}`, `${SET}en/fixed.${version}.html`);
    assert.deepEqual(asked.sort(), [`${SET}en/fixed.${version}.html`, `${SET}set.json`]);
    assert.deepEqual((await p.evaluate(() => window.__renders)).sort(),
      ['fixed:true', 'fixed:true', 'gone-zh:false', 'gone-zh:true', 'gone:false', 'gone:true', 'same:true']);
    assert.deepEqual(p.errors, []);
  });

  test('without JavaScript, the cards show as they were built', async () => {
    const ctx = await t.b.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(`${t.srv.url}${PAGE}`);
    const text = (sel) => p.$eval(sel, (el) => el.shadowRoot.querySelector('.body').innerText);
    assert.match(await text('#fixed'), /Fixed cranes: 12 cranes\./);
    assert.doesNotMatch(await text('#fixed'), /Corrected/);
    assert.match(await text('#gone'), /Gone cranes: 3 cranes\./);
    // Each says when it was built, in its language.
    for (const id of ['fixed', 'same', 'gone']) assert.match(await text(`#${id}`), /\nCard as of 20 January 2025$/, id);
    assert.match(await text('#gone-zh'), /\n卡片内容截至2025年1月20日$/);
    await ctx.close();
  });

  test('a version file that cannot be read leaves the cards as built, and says so once', async () => {
    const broken = { status: 200, contentType: 'application/json', body: '{"factcard":1,' };
    for (const [answer, why] of [[broken, /JSON/], [{ status: 404, body: '' }, /was written by an older factcard: run factcard site again/]]) {
      const p = await open((route) => route.fulfill(answer));
      await p.waitForEvent('console', (m) => /could not check the cards for corrections/.test(m.text()));
      await frames(p); // the other cards' checks fail in the same task: their warnings, had they any, are in
      assert.match(await p.$eval('#fixed', (el) => el.shadowRoot.querySelector('.body').innerText), /\b12\b/);
      assert.ok(await p.$eval('#gone', (el) => !!el.shadowRoot.querySelector('article')));
      assert.deepEqual(p.asked.filter((a) => a.startsWith(SET)), [`${SET}set.json`]);
      const warned = p.messages.filter((m) => /corrections/.test(m.text));
      assert.deepEqual(warned.map((m) => m.type), ['warning'], JSON.stringify(p.messages));
      assert.match(warned[0].text, why);
      await p.close();
    }
  });
});
