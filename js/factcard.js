// factcard: curated fact cards for news pages.
//
// The one module a page includes. It loads the wasm core (once per page, from beside this file), exports a
// small API, and registers <fact-card>. All lookup, search and formatting happen in the core; this file only
// moves strings into shadow roots. Card HTML comes from the core with every text escaped.

import init, { FactSet } from './factcard_core.js';

const TAG = 'factcard:';
let loading = null;
let builtin = null;

/** Resolves once the core is loaded. Safe to call many times; loads once. */
export function ready() {
  loading ||= init({ module_or_path: new URL('factcard_core_bg.wasm', import.meta.url) })
    .then(() => {
      builtin = FactSet.builtin();
      return api;
    })
    .catch((e) => {
      const why = typeof WebAssembly === 'undefined' ? 'WebAssembly is not available in this browser' : String(e && e.message || e);
      console.error(`${TAG} could not load the core, so cards keep their fallback text: ${why}`);
      throw e;
    });
  return loading;
}

function core() {
  if (!builtin) throw new Error(`${TAG} the core is not loaded yet: await ready() first`);
  return builtin;
}

/** The fact with this id as a plain object, or null. */
export function lookup(id) {
  return parse(core().lookup(String(id ?? '')));
}

// The core hands objects over as JSON text: one JSON.parse is smaller and faster than building them field by
// field across the boundary.
function parse(json) {
  return json === undefined ? null : JSON.parse(json);
}

/** Every fact, as plain objects, in id order. */
export function facts() {
  return parse(core().facts());
}

// search(query, 5) or search(query, { limit, entity, topic, source }).
function searchArgs(query, options) {
  const o = typeof options === 'object' && options !== null ? options : { limit: options };
  const n = Number.isFinite(+o.limit) && +o.limit > 0 ? Math.min(Math.floor(+o.limit), 1000) : 10;
  return [String(query ?? ''), n, String(o.entity ?? ''), String(o.topic ?? ''), String(o.source ?? '')];
}

/**
 * Facts matching the query, best first. `options` is a limit (default 10) or `{ limit, entity, topic, source }`:
 * `entity` (an id, name or alias) keeps facts about it or anything inside it; throws on an unknown filter.
 */
export function search(query, options) {
  return parse(core().search(...searchArgs(query, options)));
}

/** The ids of the facts `search` would return. */
export function searchIds(query, options) {
  return core().searchIds(...searchArgs(query, options));
}

/** Completions for a search box, best first: `{ text, kind: 'entity'|'topic'|'fact', id, lang }`. */
export function suggest(prefix, limit = 8) {
  return parse(core().suggest(String(prefix ?? ''), Math.max(0, Math.min(+limit || 8, 100))));
}

/** The entity with this id, name or alias, with the ids of the facts about it; or null. */
export function entity(key) {
  return parse(core().entity(String(key ?? '')));
}

/** A fact's card in another form: `format` is 'html' (safe markup), 'text', 'citation' or 'jsonld'. */
export function render(id, format = 'html', lang = 'en') {
  const c = core();
  const key = String(id ?? '');
  const l = String(lang);
  switch (format) {
    case 'html': return c.cardHtml(key, l);
    case 'text': return c.cardText(key, l) ?? null;
    case 'citation': return c.citation(key, l) ?? null;
    case 'jsonld': return c.jsonld(key, l) ?? null;
    default: throw new Error(`${TAG} unknown format "${format}": use html, text, citation or jsonld`);
  }
}

const api = { ready, lookup, facts, search, searchIds, suggest, entity, render };

/** The language of an element: its own `lang`, the nearest ancestor's, the document's, else English. */
export function langOf(el) {
  return el.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang || 'en';
}

// Styles go into shadow roots as constructed style sheets: they need no 'unsafe-inline' under a CSP.
const CSS = `
:host{display:block;contain:content;margin:1em 0;min-height:var(--factcard-min-height,6em);
 color:var(--factcard-fg,#1c1d1f);background:var(--factcard-bg,#fff);
 border:1px solid var(--factcard-border,#c9ccd1);border-left:4px solid var(--factcard-accent,#0b5cad);
 border-radius:var(--factcard-radius,6px);font:var(--factcard-font,15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif);
 text-align:start;letter-spacing:normal;text-transform:none}
:host([hidden]){display:none}
.card{padding:.75em 1em;margin:0}
.fallback{display:block;padding:.75em 1em}
h3{font-size:1.05em;line-height:1.3;margin:0 0 .35em;font-weight:650}
p{margin:.35em 0}
dl{margin:.5em 0;display:flex;flex-wrap:wrap;gap:.25em 1.5em}
.figure{min-width:8em}
dt{font-size:.8em;color:var(--factcard-muted,#555a61)}
dd{margin:0;font-weight:650;font-variant-numeric:tabular-nums}
.period,.date,.source{color:var(--factcard-muted,#555a61);font-size:.85em;font-weight:400}
a{color:var(--factcard-link,#0b5cad)}
a:focus-visible,summary:focus-visible{outline:2px solid var(--factcard-accent,#0b5cad);outline-offset:2px}
details{font-size:.9em;margin-top:.4em}
summary{cursor:pointer;color:var(--factcard-muted,#555a61)}
.chart{display:block;width:100%;max-width:22em;height:auto;margin:.25em 0 .5em}
.chart text{font-size:11px;fill:currentColor}
.chart .value{font-weight:650}
.chart .bar{fill:var(--factcard-accent,#0b5cad)}
.missing{color:var(--factcard-muted,#555a61);font-size:.9em}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){--factcard-fg:#e8eaed;--factcard-bg:#1e2023;--factcard-border:#44484e;--factcard-muted:#b4b9c0;--factcard-accent:#6fb1ff;--factcard-link:#8cc2ff}}
:host([theme=dark]){--factcard-fg:#e8eaed;--factcard-bg:#1e2023;--factcard-border:#44484e;--factcard-muted:#b4b9c0;--factcard-accent:#6fb1ff;--factcard-link:#8cc2ff}
`;
let sheet = null;
function styles(root) {
  try {
    sheet ||= new CSSStyleSheet();
    if (!sheet.cssRules.length) sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

const warned = new Set();
function warnOnce(key, msg) {
  if (!warned.has(key)) {
    warned.add(key);
    console.warn(`${TAG} ${msg}`);
  }
}

/** <fact-card fact="ID">: a fact as a card. The text written inside it shows until the card is ready. */
export class FactCard extends HTMLElement {
  static observedAttributes = ['fact', 'lang'];
  #root;
  #body;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    styles(this.#root);
    this.#body = document.createElement('div');
    this.#body.innerHTML = '<slot class="fallback"></slot>';
    this.#root.append(this.#body);
  }

  connectedCallback() {
    this.#render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#render();
  }

  async #render() {
    try {
      await ready();
    } catch {
      return; // the fallback text stays; ready() said why, once
    }
    const id = this.getAttribute('fact') || '';
    const lang = langOf(this);
    const found = builtin.has(id);
    if (!found) warnOnce(`missing:${id}`, `no fact with id "${id}"`);
    this.#body.innerHTML = builtin.cardHtml(id, lang);
    this.dispatchEvent(new CustomEvent('factcard:render', { bubbles: true, detail: { fact: id, found } }));
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('fact-card')) {
  customElements.define('fact-card', FactCard);
}

export default api;
