// factcard: curated fact cards for news pages.
//
// The one module a page includes (esbuild bundles the modules it imports into pkg/factcard.js). It registers
// <fact-card>, <fact-ref> and <fact-search>, runs autolink, and exports a small API. Cards are prerendered by the
// Rust core at build time (`factcard site`, into `data/` beside this file), so a page of cards loads this file and
// one small fragment per card: no wasm. The wasm core (code only) and a data set's bundle are loaded once, only
// when something needs them: a search box, the JS API, or a bundle given as `src="….facts"`.
//
//   strings.js   an element's language and console messages
//   core.js      the wasm core, loaded once, and the API of its data sets
//   net.js       fetching each address once per page
//   sanitize.js  the allowlist every card fragment passes before it is shown
//   policy.js    the Trusted Types policy "factcard": all markup factcard parses, checked
//   heading.js   card titles at the heading level the page needs
//   sources.js   where an element's facts come from (default data, a folder, a bundle); open()
//   schedule.js  when work runs: 8 ms slices, cards near the viewport first, the rest later
//   styles.js    constructed style sheets shared by the elements
//   base.js      what the elements share; card.js, ref.js, search.js: one file per element
//   autolink.js  mentions of known names marked as <fact-ref>

import { autolink } from './autolink.js';
import { FactCard } from './card.js';
import { builtin, loadBuiltin } from './core.js';
import { pkg, setOf } from './net.js';
import { refused } from './policy.js';
import { FactRef } from './ref.js';
import { later } from './schedule.js';
import { FactSearch } from './search.js';
import { open } from './sources.js';
import { TAG, warnOnce } from './strings.js';

export { autolink, FactCard, FactRef, FactSearch, open };
export { sharded as openIndex } from './sources.js';
export { setBase } from './net.js';
export { langOf } from './strings.js';
export { checked as checkCard } from './policy.js';

/** Resolves to the API over the default data set once the core is loaded. Safe to call many times; loads once. */
export async function ready() {
  await loadBuiltin();
  return api;
}

// The default data set, loaded by ready() (or by a search box on the page).
function need() {
  const set = builtin();
  if (!set) throw new Error(`${TAG} the core is not loaded yet: await ready() first`);
  return set;
}

export const lookup = (id) => need().lookup(id);
export const facts = () => need().facts();
export const search = (query, options) => need().search(query, options);
export const searchIds = (query, options) => need().searchIds(query, options);
export const suggest = (prefix, limit) => need().suggest(prefix, limit);
export const entity = (key) => need().entity(key);
export const render = (id, format, lang) => need().render(id, format, lang);

const api = { ready, open, lookup, facts, search, searchIds, suggest, entity, render, autolink };

// Under a CSP that refuses the Trusted Types policy the elements are not registered: their fallback text stays, and
// policy.js has said once what to add. An element another script (another copy of factcard) registered first is
// left to it.
if (typeof customElements !== 'undefined' && !refused) {
  const taken = [];
  const define = (name, cls) => {
    if (!customElements.get(name)) customElements.define(name, cls);
    else if (customElements.get(name) !== cls) taken.push(`<${name}>`);
  };
  // Cards first: defining <fact-card> queues the check of which cards are in view (a microtask), which asks for
  // their fragments. Mentions and search boxes are defined once those cards have arrived and the page is idle
  // (`later`): building their shadow roots (and the style and layout work that follows) in the same task held the
  // first card back by about 40 ms on a phone-sized third-party article (page bench). Until then a mention is
  // plain text and a search box has its space reserved (styles.js).
  // A copy that finds <fact-card> taken (another copy of factcard loaded first) leaves all three elements to that
  // copy, which defines the other two in its own time.
  const leave = (names, them) => warnOnce(`${names} already registered by another script (another copy of factcard?): this copy leaves ${them} to it`);
  // A card of the default set to draw needs the folder's set.json before its own file: asked for first thing (in a
  // microtask, after a setBase() at the top of the importing module), before the cards are measured (a layout).
  // (Cards written into the page by `factcard inline` come with `data-ready`.)
  queueMicrotask(() => customElements.get('fact-card') === FactCard && document.querySelector('fact-card:not([src],[data-ready])') && setOf(pkg('data/')).catch(() => {}));
  define('fact-card', FactCard);
  if (taken.length) leave('<fact-card>', '<fact-card>, <fact-ref> and <fact-search>');
  else {
    later(() => {
      define('fact-ref', FactRef);
      define('fact-search', FactSearch);
      if (taken.length) leave(taken.join(', '), 'them');
    });
  }
  // Containers linked when the site was built (`factcard inline`) are done.
  for (const el of document.querySelectorAll('[autolink]:not([data-inlined])')) later(() => autolink(el));
}

export default api;
