// What the three elements share: a shadow root with styles and markup, drawing when connected and again when an
// observed attribute changes, their events, and the card (or notice) they show for a fact or entity.

import { skeleton } from './policy.js';
import { sourceOf } from './sources.js';
import { say, warnOnce } from './strings.js';
import { styles } from './styles.js';

/**
 * The elements' base. Each element's drawing is its own private method, which it hands in: `super((el) =>
 * el.#draw())`. Nothing here is visible on an element but the lifecycle callbacks.
 */
export class Base extends HTMLElement {
  #draw;
  #live = false;
  constructor(draw) {
    super();
    this.#draw = draw;
  }
  connectedCallback() {
    this.#live = true;
    this.#draw(this);
  }
  // Initial attributes arrive before connectedCallback, which draws once; later changes redraw.
  attributeChangedCallback(name, was, now) {
    if (this.#live && was !== now) this.#draw(this);
  }
}

const shells = new Map();
/** A parsed copy of `html`: each element clones it rather than parsing its markup again. */
function clone(html) {
  let t = shells.get(html);
  if (!t) {
    t = skeleton(html);
    shells.set(html, t);
  }
  return t.content.cloneNode(true);
}

/**
 * Attaches `host`'s shadow root with the styles (shared and `css`) and `html`; returns the root. One that came with
 * the page as `factcard inline` writes it (declarative Shadow DOM, ending with the link to its style sheet) is
 * adopted as it is: the page's own HTML, trusted as the page is. Any other is filled anew.
 */
export function shadow(host, css, html) {
  const root = host.shadowRoot || host.attachShadow({ mode: 'open' });
  if (root.lastElementChild?.localName !== 'link') root.replaceChildren(clone(html));
  styles(root, css);
  return root;
}

/** Fires `factcard:NAME` on `el`, out of its shadow root too. */
export function fired(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`factcard:${name}`, { bubbles: true, composed: true, detail }));
}

/** The small card for an id that is not in the data, or for one that could not be loaded. */
function notice(lang, kind, id, error) {
  const a = document.createElement('div'); // a div, as the core's not-found card: an article may not be a note
  a.className = 'card missing';
  a.setAttribute('part', 'card');
  a.setAttribute('role', 'note');
  const p = document.createElement('p');
  const zhs = lang === 'zh';
  if (error) p.textContent = zhs ? `无法加载该${kind === 'entity' ? '条目' : '事实'}：${error}` : `Could not load this ${kind}: ${error}`;
  else {
    p.textContent = zhs ? `未找到该${kind === 'entity' ? '条目' : '事实'}：` : `${kind === 'entity' ? 'Entity' : 'Fact'} not found: `;
    const c = document.createElement('code');
    c.textContent = id;
    p.append(c);
  }
  a.append(p);
  return a;
}

/**
 * The card (or entity card) an element shows, as nodes: the card, a "not found" card, or, when it could not
 * be loaded, an error notice (the fallback text stays above it). Resolves to { nodes, found, error }. `v`: the
 * version of the fact wanted (a card corrected since the page was built), when known.
 */
export async function cardFor(el, kind, id, lang, v) {
  try {
    const nodes = await sourceOf(el).card(kind, id, lang, v);
    if (!nodes) warnOnce(`no ${kind} with id "${id}"`);
    return { nodes: nodes || notice(lang, kind, id), found: !!nodes };
  } catch (e) {
    warnOnce(`could not load facts: ${say(e)}`); // once per cause, however many elements it breaks
    return { nodes: notice(lang, kind, id, say(e)), found: false, error: say(e) };
  }
}
