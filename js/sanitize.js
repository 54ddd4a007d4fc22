// The allowlist every card fragment passes before it is shown: what the Rust core writes into a card, and nothing
// else. A fragment with any other tag, attribute or attribute value is refused, so that a tampered file on a CDN
// can neither run code nor borrow the elements' own styles (a class or part the core never writes), send readers
// to a page that gets `window.opener`, or put something on their clipboard that is not a citation. The Trusted
// Types policy (policy.js) runs this check on all the markup it passes. tests/pages/sanitize.test.mjs checks that
// it is exactly what the core emits.

import { ID, LANG } from './strings.js';

export const TAGS = new Set('article h3 p dl div dt dd span time a details summary ul li b code svg text rect'.split(' '));

/** The class names and part names the core writes (card.rs, chart.rs). */
export const CLASSES = new Set('card entity missing title stale statement date note updated corrections figures figure period source related more chart label bar value'.split(' '));
export const PARTS = new Set('card title stale statement date note updated corrections figures source more chart'.split(' '));

// Text a reader may copy or hear: bounded, with no control characters but tab and newline and no bidi controls
// (what the compiler refuses in any text).
const plain = (v) => v.length <= 16384 && !/[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(v);
const tokens = (set) => (v) => v.split(' ').every((t) => set.has(t));
const number = (v) => /^\d{1,6}$/.test(v);

/** Each attribute a card may have, and what its value must be. */
export const ATTRS = new Map([
  ['class', tokens(CLASSES)], ['part', tokens(PARTS)], ['lang', (v) => LANG.test(v.toLowerCase())],
  ['role', (v) => v === 'note' || v === 'img'], ['data-fact', (v) => ID.test(v)], ['data-citation', plain],
  ['href', (v) => /^https?:\/\//i.test(v)], ['target', (v) => v === '_blank'],
  ['rel', (v) => v === 'noopener noreferrer'], ['viewBox', (v) => /^0 0 \d{1,6} \d{1,6}$/.test(v)],
  ['aria-label', plain], ['x', number], ['y', number], ['width', number], ['height', number], ['rx', number],
]);

/**
 * Throws unless every element of a parsed (inert) fragment, and each of its attributes' values, is one a card may
 * contain. Every link then opens in a new tab that gets no `window.opener` and no Referer (a link that says
 * otherwise is refused; one that says nothing is told so).
 */
export function verify(fragment) {
  for (const el of fragment.querySelectorAll('*')) {
    if (!TAGS.has(el.localName)) throw new Error(`unexpected <${el.localName}> in a card`);
    for (const a of el.attributes) {
      if (!ATTRS.get(a.name)?.(a.value)) throw new Error(`unexpected attribute ${a.name} in a card`);
    }
    if (el.localName === 'a') {
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    }
  }
}
