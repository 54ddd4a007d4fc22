// Page tests: an element shows a page script nothing but its documented members; its state is private.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, page, shared } from './harness.mjs';

const t = shared();

// What a page script may see of each element, up to HTMLElement: the lifecycle callbacks, and <fact-ref>'s
// open and toggle() (README: the elements).
const CALLBACKS = ['attributeChangedCallback', 'connectedCallback', 'constructor'];
const EXPECTED = {
  'fact-card': CALLBACKS,
  'fact-ref': [...CALLBACKS, 'disconnectedCallback', 'open', 'toggle'].sort(),
  'fact-search': CALLBACKS,
};

/** For each element: its own properties, and the members of its prototypes and classes up to HTMLElement. */
const visible = () => [...document.querySelectorAll('fact-card, fact-ref, fact-search')].map((el) => {
  const names = (o) => [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o).map(String)];
  const members = new Set();
  const statics = new Set();
  for (let p = Object.getPrototypeOf(el); p !== HTMLElement.prototype; p = Object.getPrototypeOf(p)) {
    names(p).forEach((n) => members.add(n));
    names(p.constructor).filter((n) => !['length', 'name', 'prototype'].includes(n)).forEach((n) => statics.add(n));
  }
  return { tag: el.localName, id: el.id, own: names(el), members: [...members].sort(), statics: [...statics].sort() };
});

test('elements expose no state: no own properties, only their documented members', async () => {
  const p = await page(t.b);
  await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
  // Every element drawn and used: cards in, a popover opened, a search run.
  await p.waitForFunction(() => [...document.querySelectorAll('fact-card')].every((c) => c.hasAttribute('data-ready')));
  await p.waitForFunction(() => document.querySelector('#search').hasAttribute('data-ready'));
  await call(p, '#ref', 'toggle', true);
  await p.locator('#search input').pressSequentially('liangj');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelector('.results fact-card'));
  // The search's result cards too.
  await p.waitForFunction(() => [...document.querySelectorAll('#search')].every((s) => [...s.shadowRoot.querySelectorAll('fact-card')].every((c) => c.hasAttribute('data-ready'))));
  const seen = [...await p.evaluate(visible), ...await p.$eval('#search', (s) => [...s.shadowRoot.querySelectorAll('fact-card')].map((c) => ({
    tag: c.localName, id: 'result', own: Object.getOwnPropertyNames(c), members: null, statics: null,
  })))];
  assert.deepEqual(new Set(seen.map((s) => s.tag)), new Set(Object.keys(EXPECTED)));
  for (const s of seen) {
    assert.deepEqual(s.own, [], `own properties of <${s.tag} id=${s.id}>`);
    if (!s.members) continue;
    assert.deepEqual(s.members, EXPECTED[s.tag], `members of <${s.tag} id=${s.id}>`);
    assert.deepEqual(s.statics, ['observedAttributes'], `static members of <${s.tag}>`);
  }
  assert.equal(await p.$eval('#ref', (el) => el.open), true);
  assert.deepEqual(p.errors, []);
});
