// Headings that fit the page: a card's title is a heading one level below the nearest heading before the card in
// the page (cards in an <h2> section get <h3> titles, on a page with only an <h1>, <h2>), or the level its
// `heading-level` attribute (or its host element's: a search box's) says, 1–6, or "none" for no heading at all
// (cards inside lists). A popover's card is a dialog of its own: <h2> unless its mention says otherwise. The core
// writes <h3>; the title is rewritten here, once the fragment has passed the check, so that prerendered and
// core-rendered cards stay identical and the allowlist stays what the core emits.

const HEADINGS = 'h1,h2,h3,h4,h5,h6,[role=heading]';
let headings = null; // the page's headings in document order: gathered once, however many cards ask, until the page changes
// Any change to the page's elements, or to an attribute that makes a heading, drops the list: read at once with
// takeRecords() (a change made in this task, before a card is placed), else when the observer is told.
const changes = new MutationObserver(() => forget());
function forget() {
  headings = null;
  changes.disconnect();
}

const levelOf = (h) => (h.localName[0] === 'h' && h.localName.length === 2 ? +h.localName[1] : Math.min(6, Math.max(1, parseInt(h.getAttribute('aria-level'), 10) || 2)));

/**
 * The level of the title of a card shown by `el`: 1–6, or 0 for no heading. `near` false: 2 unless an attribute
 * says otherwise (a popover).
 */
export function levelAt(el, near = true) {
  let at = el;
  for (;;) {
    const a = at.getAttribute('heading-level')?.trim();
    if (/^[1-6]$/.test(a)) return +a;
    if (a === 'none') return 0; // anything else ("auto", a typo): as if it were not there
    const root = at.getRootNode();
    if (!root.host) break;
    at = root.host; // a card in a search box's results: placed where the search box is
  }
  if (!near) return 2;
  if (headings && changes.takeRecords().length) forget();
  if (!headings) {
    headings = [...document.querySelectorAll(HEADINGS)];
    changes.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['role', 'aria-level'] });
  }
  // The last heading before `at` (not inside it: its fallback text may hold one), by binary search.
  let [lo, hi] = [0, headings.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].compareDocumentPosition(at) & Node.DOCUMENT_POSITION_FOLLOWING && !at.contains(headings[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo ? Math.min(6, levelOf(headings[lo - 1]) + 1) : 2;
}

/** Gives the card title in `root` the heading level `level` (0: a paragraph, no heading). */
export function fit(root, level) {
  const t = root.querySelector('.title');
  const tag = level ? `h${level}` : 'p';
  if (!t || t.localName === tag) return;
  const n = document.createElement(tag);
  for (const a of t.attributes) n.setAttribute(a.name, a.value);
  n.append(...t.childNodes);
  t.replaceWith(n);
}
