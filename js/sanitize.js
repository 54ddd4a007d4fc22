// The allowlist every card fragment passes before it is shown: what the Rust core writes into a card, and nothing
// else. A fragment with any other tag or attribute, or a link that is not http(s), is refused, so that a tampered
// file on a CDN cannot run code. tests/pages/sanitize.test.mjs checks that it is exactly what the core emits.

export const TAGS = new Set('article h3 p dl div dt dd span time a details summary ul li b code svg text rect'.split(' '));
export const ATTRS = new Set('class part lang role data-fact data-citation href target rel viewBox aria-label x y width height rx'.split(' '));

/** Parses card HTML inertly (a template runs nothing) and checks it; returns the template. Throws if refused. */
export function checked(html) {
  const t = document.createElement('template');
  t.innerHTML = html;
  for (const el of t.content.querySelectorAll('*')) {
    if (!TAGS.has(el.localName)) throw new Error(`unexpected <${el.localName}> in a card`);
    for (const a of el.attributes) {
      if (!ATTRS.has(a.name) || (a.name === 'href' && !/^https?:\/\//i.test(a.value))) throw new Error(`unexpected attribute ${a.name} in a card`);
    }
  }
  return t;
}

/** The checked fragment's nodes. */
export const safe = (html) => checked(html).content;
