// The allowlist every card fragment passes before it is shown: what the Rust core writes into a card, and nothing
// else. A fragment with any other tag or attribute, or a link that is not http(s), is refused, so that a tampered
// file on a CDN cannot run code. The Trusted Types policy (policy.js) runs this check on all the markup it
// passes. tests/pages/sanitize.test.mjs checks that it is exactly what the core emits.

export const TAGS = new Set('article h3 p dl div dt dd span time a details summary ul li b code svg text rect'.split(' '));
export const ATTRS = new Set('class part lang role data-fact data-citation href target rel viewBox aria-label x y width height rx'.split(' '));

/** Throws unless every element of a parsed (inert) fragment is one a card may contain. */
export function verify(fragment) {
  for (const el of fragment.querySelectorAll('*')) {
    if (!TAGS.has(el.localName)) throw new Error(`unexpected <${el.localName}> in a card`);
    for (const a of el.attributes) {
      if (!ATTRS.has(a.name) || (a.name === 'href' && !/^https?:\/\//i.test(a.value))) throw new Error(`unexpected attribute ${a.name} in a card`);
    }
  }
}
