// factcard: curated fact cards for news pages.
//
// The one module a page includes. It loads the wasm core (once per page, from beside this file), exports a
// small API, and registers <fact-card>, <fact-ref> and <fact-search>. All lookup, search and formatting happen
// in the core; this file moves strings into shadow roots and handles events. Card HTML comes from the core with
// every text escaped. Styles are constructed style sheets, so no CSP 'unsafe-inline' is needed.

import init, { FactSet } from './factcard_core.js';

const TAG = 'factcard:';
let loading = null;
let builtin = null;

/** Resolves once the core is loaded. Safe to call many times; loads once. */
export function ready() {
  loading ||= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
    await init({ module_or_path: new URL('factcard_core_bg.wasm', import.meta.url) });
    builtin = FactSet.builtin();
    for (const el of document.querySelectorAll('[autolink]')) autolink(el);
    return api;
  })().catch((e) => {
    console.error(`${TAG} could not load the core, so facts keep their fallback text: ${e?.message || e}`);
    throw e;
  });
  return loading;
}

function core() {
  if (!builtin) throw new Error(`${TAG} the core is not loaded yet: await ready() first`);
  return builtin;
}

// The core hands objects over as JSON text: one JSON.parse is smaller and faster than building them field by
// field across the boundary.
const parse = (json) => (json === undefined ? null : JSON.parse(json));
const str = (v) => String(v ?? '');

/** The fact with this id as a plain object, or null. */
export const lookup = (id) => parse(core().lookup(str(id)));

/** Every fact, as plain objects, in id order. */
export const facts = () => parse(core().facts());

// search(query, 5) or search(query, { limit, entity, topic, source }).
function searchArgs(query, options) {
  const o = typeof options === 'object' && options !== null ? options : { limit: options };
  const n = +o.limit > 0 ? Math.min(Math.floor(+o.limit), 1000) : 10;
  return [str(query), n, str(o.entity), str(o.topic), str(o.source)];
}

/**
 * Facts matching the query, best first. `options` is a limit (default 10) or `{ limit, entity, topic, source }`:
 * `entity` (an id, name or alias) keeps facts about it or anything inside it. Throws on an unknown filter.
 */
export const search = (query, options) => parse(core().search(...searchArgs(query, options)));

/** The ids of the facts `search` would return. */
export const searchIds = (query, options) => core().searchIds(...searchArgs(query, options));

/** Completions for a search box, best first: `{ text, kind: 'entity'|'topic'|'fact', id, lang }`. */
export const suggest = (prefix, limit = 8) => parse(core().suggest(str(prefix), Math.max(0, Math.min(+limit || 8, 100))));

/** The entity with this id, name or alias, with the ids of the facts about it; or null. */
export const entity = (key) => parse(core().entity(str(key)));

/** A fact's card in another form: `format` is 'html' (safe markup), 'text', 'citation' or 'jsonld'. */
export function render(id, format = 'html', lang = 'en') {
  const c = core();
  const [k, l] = [str(id), str(lang)];
  const out = { html: () => c.cardHtml(k, l), text: () => c.cardText(k, l), citation: () => c.citation(k, l), jsonld: () => c.jsonld(k, l) }[format];
  if (!out) throw new Error(`${TAG} unknown format "${format}": use html, text, citation or jsonld`);
  return out() ?? null;
}

const api = { ready, lookup, facts, search, searchIds, suggest, entity, render, autolink };

/** The language of an element: its own `lang`, the nearest ancestor's, the document's, else English. */
export function langOf(el) {
  let n = el;
  while (n) {
    if (n.nodeType === 1 && n.getAttribute('lang')) return n.getAttribute('lang');
    n = n.parentNode || n.host; // climb out of shadow roots too
  }
  return document.documentElement.lang || 'en';
}
const zh = (el) => /^zh\b/i.test(langOf(el));
const t = (el, en, cn) => (zh(el) ? cn : en);

const warned = new Set();
function warnOnce(msg) {
  if (!warned.has(msg)) {
    warned.add(msg);
    console.warn(`${TAG} ${msg}`);
  }
}

// ---- Styles --------------------------------------------------------------------------------------------------

const DARK = '--factcard-fg:#e8eaed;--factcard-bg:#1e2023;--factcard-border:#4a4f56;--factcard-muted:#b9bec5;--factcard-accent:#7ab8ff;--factcard-link:#9ccaff';
const CSS = `
:host{--fg:var(--factcard-fg,#1c1d1f);--bg:var(--factcard-bg,#fff);--muted:var(--factcard-muted,#50555c);
 --accent:var(--factcard-accent,#0b5cad);--line:var(--factcard-border,#c9ccd1);
}
/* The reset sits on the shadow root's children, not on :host, because page rules on the host element win. */
:host>*,.pop{font:var(--factcard-font,15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif);
 color:var(--fg);text-align:start;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;
 font-style:normal;font-weight:400;white-space:normal}
:host([hidden]){display:none}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${DARK}}}
:host([theme=dark]){${DARK}}
.card,.pop,.results,.box{box-sizing:border-box;background:var(--bg);color:var(--fg)}
.card{padding:.75em 1em;margin:0;border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:var(--factcard-radius,6px);overflow-wrap:anywhere}
h3{font-size:1.05em;line-height:1.3;margin:0 0 .35em;font-weight:650;color:inherit}
p{margin:.35em 0}
dl{margin:.5em 0;display:flex;flex-wrap:wrap;gap:.25em 1.5em}
.figure{min-width:8em;max-width:100%}
dt{font-size:.82em;color:var(--muted)}
dd{margin:0;font-weight:650;font-variant-numeric:tabular-nums}
.period,.date,.source,.status{color:var(--muted);font-size:.86em;font-weight:400}
a{color:var(--factcard-link,#0b5cad)}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
details{font-size:.9em;margin-top:.4em}
summary{cursor:pointer;color:var(--muted);min-height:24px}
ul{margin:.3em 0;padding-inline-start:1.2em}
li{margin:.2em 0}
.chart{display:block;width:100%;max-width:22em;height:auto;margin:.25em 0 .5em}
.chart text{font-size:11px;fill:currentColor}
.chart .value{font-weight:650}
.chart .bar{fill:var(--accent)}
.missing{color:var(--muted);font-size:.9em}
.actions{display:flex;align-items:center;gap:.75em;margin-top:.5em}
button{font:inherit;font-size:.86em;color:var(--accent);background:transparent;border:1px solid currentColor;border-radius:4px;padding:.2em .7em;min-height:32px;cursor:pointer}
@media (prefers-reduced-motion:no-preference){.pop{transition:opacity .12s ease-out}}
`;
const CARD_CSS = `:host{display:block;margin:1em 0;min-height:var(--factcard-min-height,9rem);contain:layout style}
.fallback{display:block;padding:.75em 1em;border:1px solid var(--line);border-radius:var(--factcard-radius,6px)}`;
const REF_CSS = `:host{display:inline;font:inherit;color:inherit;letter-spacing:inherit;text-transform:inherit}
.mention{font:inherit;letter-spacing:inherit;word-spacing:inherit;text-transform:inherit;white-space:inherit;text-decoration:underline dotted var(--accent) 1.5px;text-underline-offset:.2em;cursor:help;color:inherit;border-radius:2px}
.pop{position:fixed;z-index:2147483647;margin:0;padding:0;border:0;width:min(24rem,calc(100vw - 16px));max-height:min(70vh,32rem);overflow:auto;
 inset:auto;box-shadow:0 6px 24px rgba(0,0,0,.25);border-radius:var(--factcard-radius,6px);opacity:1}
.pop:not(.open){display:none}`;
const SEARCH_CSS = `:host{display:block;margin:1em 0}
label{display:block;font-weight:650;margin-bottom:.3em}
.box{position:relative}
input{box-sizing:border-box;width:100%;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:6px;padding:.5em .7em;min-height:44px}
[role=listbox]{position:absolute;left:0;right:0;z-index:10;margin:2px 0 0;padding:.25em 0;list-style:none;background:var(--bg);border:1px solid var(--line);border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.2);max-height:18em;overflow:auto}
[role=option]{padding:.45em .8em;cursor:pointer;display:flex;justify-content:space-between;gap:1em;margin:0}
[role=option][aria-selected=true]{background:var(--accent);color:var(--bg)}
[role=option] small{opacity:.8}
.results{margin-top:.5em}
.results fact-card{margin:.6em 0;min-height:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`;

const sheets = new Map();
function styles(root, css) {
  try {
    let s = sheets.get(css);
    if (!s) {
      s = new CSSStyleSheet();
      s.replaceSync(CSS + css);
      sheets.set(css, s);
    }
    root.adoptedStyleSheets = [s];
  } catch {
    const el = document.createElement('style'); // very old browsers; needs style-src 'unsafe-inline' under a CSP
    el.textContent = CSS + css;
    root.append(el);
  }
}

/** The shared base: a shadow root with styles, re-rendering on attribute changes once the core is ready. */
class Base extends HTMLElement {
  constructor(css, html) {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = html;
    styles(this.root, css);
  }
  connectedCallback() {
    this.update();
  }
  attributeChangedCallback() {
    if (this.isConnected) this.update();
  }
  async update() {
    try {
      await ready();
    } catch {
      return; // the fallback stays; ready() said why, once
    }
    this.draw();
  }
}

function fired(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`factcard:${name}`, { bubbles: true, composed: true, detail }));
}

// ---- <fact-card> ---------------------------------------------------------------------------------------------

/** <fact-card fact="ID">: a fact as a card. The text written inside it shows until the card is ready. */
export class FactCard extends Base {
  static observedAttributes = ['fact', 'lang'];
  constructor() {
    super(CARD_CSS, '<div><slot class="fallback" part="fallback"></slot></div>');
    this.body = this.root.firstElementChild;
  }
  draw() {
    const id = this.getAttribute('fact') || '';
    const lang = zh(this) ? 'zh' : 'en';
    const found = builtin.has(id);
    if (!found) warnOnce(`no fact with id "${id}"`);
    this.body.innerHTML = builtin.cardHtml(id, lang);
    if (found) this.body.firstElementChild.append(copyButton(this, id, lang));
    fired(this, 'render', { fact: id, found });
  }
}

function copyButton(host, id, lang) {
  const row = document.createElement('div');
  row.className = 'actions';
  row.innerHTML = '<button type="button" part="button"></button><span class="status" role="status"></span>';
  const [button, status] = row.children;
  button.textContent = lang === 'zh' ? '复制引用' : 'Copy citation';
  button.addEventListener('click', async () => {
    const text = builtin.citation(id, lang);
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      /* no clipboard permission: the status says so */
    }
    status.textContent = ok ? (lang === 'zh' ? '已复制' : 'Copied') : (lang === 'zh' ? '无法复制' : 'Could not copy');
    fired(host, 'copy', { fact: id, text, ok });
  });
  return row;
}

// ---- <fact-ref> ----------------------------------------------------------------------------------------------

const SHOW_DELAY = 350; // ms of hover before the card opens, as page previews do
const HIDE_GRACE = 300; // ms to move the pointer from the mention to the card
let refCount = 0;

/**
 * <fact-ref fact="ID">text</fact-ref> (or entity="ID"): an inline mention that shows the card in a popover on
 * hover, keyboard focus or tap. Escape, leaving it or tapping outside closes it; it never traps focus.
 */
export class FactRef extends Base {
  static observedAttributes = ['fact', 'entity', 'lang'];
  #timer = 0;
  constructor() {
    const id = `p${++refCount}`;
    super(REF_CSS, `<span class="mention" part="mention" tabindex="0" role="button" aria-expanded="false" aria-controls="${id}"><slot></slot></span><div class="pop" part="popover" id="${id}" role="dialog"></div>`);
    [this.mention, this.pop] = this.root.children;
    if ('popover' in HTMLElement.prototype) this.pop.popover = 'manual';
    const m = this.mention;
    m.addEventListener('pointerenter', (e) => e.pointerType === 'mouse' && this.#later(true, SHOW_DELAY));
    m.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && this.#later(false, HIDE_GRACE));
    this.pop.addEventListener('pointerenter', () => clearTimeout(this.#timer));
    this.pop.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && this.#later(false, HIDE_GRACE));
    m.addEventListener('click', () => this.toggle(!this.open));
    m.addEventListener('focus', () => m.matches(':focus-visible') && this.toggle(true));
    m.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.toggle(!this.open);
      }
    });
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open) {
        this.toggle(false);
        m.focus({ preventScroll: true });
      }
    });
    this.addEventListener('focusout', (e) => !this.contains(e.relatedTarget) && !this.root.contains(e.relatedTarget) && this.toggle(false));
    this.outside = (e) => !e.composedPath().includes(this) && this.toggle(false);
    this.reflow = () => this.open && this.#place();
  }
  get open() {
    return this.pop.classList.contains('open');
  }
  draw() {
    if (this.open) this.#fill();
  }
  disconnectedCallback() {
    this.toggle(false);
  }
  #later(show, ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.toggle(show), ms);
  }
  #fill() {
    const lang = zh(this) ? 'zh' : 'en';
    const ent = this.getAttribute('entity');
    const id = this.getAttribute('fact') || '';
    let html = ent ? builtin.entityHtml(ent, lang) : builtin.cardHtml(id, lang);
    if (html === undefined) html = builtin.cardHtml(ent, lang); // unknown entity: the "not found" card
    if (ent ? !builtin.entity(ent) : !builtin.has(id)) warnOnce(`no ${ent ? 'entity' : 'fact'} with id "${ent || id}"`);
    this.pop.innerHTML = html;
    this.pop.setAttribute('aria-label', this.pop.querySelector('h3')?.textContent || t(this, 'Fact', '事实'));
  }
  /** Opens or closes the popover. */
  async toggle(show) {
    clearTimeout(this.#timer);
    if (show === this.open) return;
    if (show) {
      try {
        await ready();
      } catch {
        return;
      }
      this.#fill();
      this.pop.classList.add('open');
      this.pop.showPopover?.();
      this.#place();
      document.addEventListener('pointerdown', this.outside, true);
      addEventListener('scroll', this.reflow, true);
      addEventListener('resize', this.reflow);
    } else {
      this.pop.classList.remove('open');
      if (this.pop.matches?.(':popover-open')) this.pop.hidePopover();
      document.removeEventListener('pointerdown', this.outside, true);
      removeEventListener('scroll', this.reflow, true);
      removeEventListener('resize', this.reflow);
    }
    this.mention.setAttribute('aria-expanded', String(show));
    fired(this, show ? 'open' : 'close', { fact: this.getAttribute('fact'), entity: this.getAttribute('entity') });
  }
  // Below the mention if it fits, else on the roomier side, with its height capped to that side; always inside
  // the viewport. Closes when the mention scrolls out of view.
  #place() {
    const r = this.mention.getBoundingClientRect();
    const p = this.pop;
    const vw = document.documentElement.clientWidth;
    const vh = innerHeight;
    if (r.bottom < 0 || r.top > vh) return this.toggle(false);
    const [above, below] = [r.top - 14, vh - r.bottom - 14];
    p.style.setProperty('max-height', '');
    const natural = p.offsetHeight;
    const down = below >= natural || below >= above;
    const room = Math.max(120, down ? below : above);
    if (natural > room) p.style.setProperty('max-height', `${room}px`);
    const h = p.offsetHeight;
    p.style.setProperty('top', `${Math.max(8, down ? r.bottom + 6 : r.top - h - 6)}px`);
    p.style.setProperty('left', `${Math.max(8, Math.min(r.left, vw - p.offsetWidth - 8))}px`);
  }
}

// ---- <fact-search> -------------------------------------------------------------------------------------------

/**
 * <fact-search placeholder="…" entity="…" topic="…" limit="5">: a search box with type-ahead (the ARIA combobox
 * pattern), results as cards, and a live region that announces how many there are.
 */
export class FactSearch extends Base {
  static observedAttributes = ['placeholder', 'lang', 'entity', 'topic', 'source', 'limit'];
  #active = -1;
  #options = [];
  constructor() {
    super(SEARCH_CSS, `<label for="q" part="label"></label><div class="box"><input id="q" part="input" type="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="list" autocomplete="off" spellcheck="false" enterkeyhint="search"><ul id="list" role="listbox" part="listbox" hidden></ul></div><p class="status" role="status" aria-live="polite" part="status"></p><div class="results" part="results"></div>`);
    [this.label, , this.status, this.results] = this.root.children;
    this.input = this.root.getElementById('q');
    this.list = this.root.getElementById('list');
    this.input.addEventListener('input', () => this.#typed());
    this.input.addEventListener('keydown', (e) => this.#key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.#close(), 150));
    this.list.addEventListener('pointerdown', (e) => e.preventDefault()); // keep focus in the box
    this.list.addEventListener('click', (e) => {
      const li = e.target.closest('[role=option]');
      if (li) this.#choose(+li.dataset.i);
    });
  }
  draw() {
    const z = zh(this);
    this.label.textContent = this.getAttribute('label') || (z ? '搜索事实' : 'Search facts');
    this.input.placeholder = this.getAttribute('placeholder') || (z ? '例如：两江新区 投资' : 'e.g. Liangjiang investment');
    this.input.lang = z ? 'zh' : 'en';
    if (this.input.value) this.run();
  }
  /** Runs the search for what is in the box and shows the results. */
  run() {
    const q = this.input.value;
    const lang = zh(this) ? 'zh' : 'en';
    let ids = [];
    try {
      ids = builtin.searchIds(q, +this.getAttribute('limit') || 5, str(this.getAttribute('entity')), str(this.getAttribute('topic')), str(this.getAttribute('source')));
    } catch (e) {
      warnOnce(e.message);
    }
    this.results.replaceChildren(...ids.map((id) => {
      const c = document.createElement('fact-card');
      c.setAttribute('fact', id);
      c.setAttribute('lang', lang);
      return c;
    }));
    const z = lang === 'zh';
    this.status.textContent = !q.trim() ? '' : ids.length
      ? (z ? `找到 ${ids.length} 条事实` : `${ids.length} ${ids.length === 1 ? 'fact' : 'facts'} found`)
      : (z ? `没有与“${q}”相符的事实` : `No facts match “${q}”`);
    fired(this, 'search', { query: q, results: ids });
  }
  #typed() {
    if (!builtin) return;
    const q = this.input.value;
    this.#options = q.trim() ? parse(builtin.suggest(q, 6)) : [];
    this.list.innerHTML = '';
    this.#options.forEach((o, i) => {
      const li = document.createElement('li');
      li.id = `o${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.i = i;
      li.lang = o.lang;
      li.append(o.text);
      const kind = document.createElement('small');
      kind.textContent = { entity: t(this, 'place or name', '名称'), topic: t(this, 'topic', '主题'), fact: t(this, 'fact', '事实') }[o.kind];
      li.append(kind);
      this.list.append(li);
    });
    this.#select(-1);
    this.#show(this.#options.length > 0);
    this.run();
  }
  #key(e) {
    const n = this.#options.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!n) return;
      this.#show(true);
      // Down from the box goes to the first option, past the last back to the box; up the other way.
      let i = this.#active + (e.key === 'ArrowDown' ? 1 : -1);
      if (i < -1) i = n - 1;
      if (i >= n) i = -1;
      this.#select(i);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this.#active >= 0 && !this.list.hidden) this.#choose(this.#active);
      else {
        this.#close();
        this.run();
      }
    } else if (e.key === 'Escape') {
      if (!this.list.hidden) this.#close();
      else if (this.input.value) {
        this.input.value = '';
        this.run();
      }
    }
  }
  #select(i) {
    this.#active = i >= this.#options.length ? -1 : i;
    [...this.list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === this.#active)));
    if (this.#active >= 0) {
      this.input.setAttribute('aria-activedescendant', `o${this.#active}`);
      this.list.children[this.#active].scrollIntoView?.({ block: 'nearest' });
    } else this.input.removeAttribute('aria-activedescendant');
  }
  #choose(i) {
    const o = this.#options[i];
    if (!o) return;
    this.input.value = o.text;
    this.#close();
    this.run();
  }
  #show(open) {
    this.list.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
  }
  #close() {
    this.#select(-1);
    this.#show(false);
  }
}

// ---- autolink ------------------------------------------------------------------------------------------------

const SKIP = 'a,button,code,pre,script,style,textarea,input,select,option,label,summary,fact-ref,fact-card,fact-search,h1,h2,h3,h4,h5,h6,[contenteditable],[data-no-autolink]';
let mentionPattern = null;

/**
 * Marks the first mention of each known entity in `container`'s text as a <fact-ref entity="…">. Runs by itself
 * on every element with the `autolink` attribute once the core is ready.
 */
export function autolink(container) {
  const c = core();
  if (!mentionPattern) {
    const names = parse(c.mentions());
    const byText = new Map(names.map(([text, id]) => [text, id]));
    const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Case matters ("MOST" is a ministry, "most" is not); Latin names stand as whole words, Chinese need no boundaries.
    const alt = names.map(([text]) => (/^[\x00-\u024f]+$/.test(text) ? `\\b${esc(text)}\\b` : esc(text))).join('|');
    mentionPattern = { re: new RegExp(alt, 'gu'), byText };
  }
  const done = new Set();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let linked = 0;
  for (let node of nodes) {
    const { re, byText } = mentionPattern;
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(node.data))) {
      const id = byText.get(m[0]);
      if (!id || done.has(id)) continue;
      done.add(id);
      const rest = node.splitText(m.index);
      node = rest.splitText(m[0].length);
      const ref = document.createElement('fact-ref');
      ref.setAttribute('entity', id);
      rest.replaceWith(ref);
      ref.append(rest);
      linked++;
      re.lastIndex = 0;
    }
  }
  return linked;
}

// ---- Registration --------------------------------------------------------------------------------------------

if (typeof customElements !== 'undefined') {
  for (const [name, cls] of [['fact-card', FactCard], ['fact-ref', FactRef], ['fact-search', FactSearch]]) {
    if (!customElements.get(name)) customElements.define(name, cls);
  }
  // Pages that only use autolink (no elements yet) still load the core.
  if (document.querySelector('[autolink]')) ready().catch(() => {});
}

export default api;
