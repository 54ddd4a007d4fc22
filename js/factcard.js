// factcard: curated fact cards for news pages.
//
// The one module a page includes. It registers <fact-card>, <fact-ref> and <fact-search> and exports a small API.
// Cards are prerendered by the Rust core at build time (`factcard site`, into `data/` beside this file), so a page
// of cards loads this file and one small fragment per card: no wasm. The wasm core (with the whole data set) is
// loaded once, only when something needs it: a search box, the JS API, or a bundle given as `src="….facts"`.
// Every fragment is checked against an allowlist of tags and attributes before it is shown. Styles are
// constructed style sheets, so no CSP 'unsafe-inline' is needed.

const TAG = 'factcard:';
const DATA = new URL('data/', import.meta.url);
const ID = /^[a-z0-9-]{1,80}$/;
let loading = null;
let builtin = null;
let FactSet = null;
let glue = null;

function say(e) {
  return e?.message || String(e);
}

/** Loads the wasm core once. */
function core() {
  loading ||= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
    // The glue and the wasm are fetched only now: pages of cards never need them.
    glue = await import('./factcard_core.js');
    await glue.default({ module_or_path: new URL('factcard_core_bg.wasm', import.meta.url) });
    FactSet = glue.FactSet;
  })().catch((e) => {
    console.error(`${TAG} could not load the core, so search and the API are unavailable: ${say(e)}`);
    throw e;
  });
  return loading;
}

// The core hands objects over as JSON text: one JSON.parse is smaller and faster than building them field by
// field across the boundary.
const parse = (json) => (json === undefined ? null : JSON.parse(json));
const str = (v) => String(v ?? '');

// search(query, 5) or search(query, { limit, entity, topic, source }).
function searchArgs(query, options) {
  const o = typeof options === 'object' && options !== null ? options : { limit: options };
  const n = +o.limit > 0 ? Math.min(Math.floor(+o.limit), 1000) : 10;
  return [str(query), n, str(o.entity), str(o.topic), str(o.source)];
}

/** A data set of the core, with the API every data set offers. */
function dataSet(set) {
  return {
    /** How many facts it holds. */
    get size() {
      return set.size;
    },
    /** The fact with this id as a plain object, or null. */
    lookup: (id) => parse(set.lookup(str(id))),
    /** Every fact, as plain objects, in id order. */
    facts: () => parse(set.facts()),
    /**
     * Facts matching the query, best first. `options` is a limit (default 10) or `{ limit, entity, topic, source }`:
     * `entity` (an id, name or alias) keeps facts about it or anything inside it. Throws on an unknown filter.
     */
    search: (query, options) => parse(set.search(...searchArgs(query, options))),
    /** The ids of the facts `search` would return. */
    searchIds: (query, options) => set.searchIds(...searchArgs(query, options)),
    /** Completions for a search box, best first: `{ text, kind: 'entity'|'topic'|'fact', id, lang }`. */
    suggest: (prefix, limit = 8) => parse(set.suggest(str(prefix), Math.max(0, Math.min(+limit || 8, 100)))),
    /** The entity with this id, name or alias, with the ids of the facts about it; or null. */
    entity: (key) => parse(set.entity(str(key))),
    /** A fact's card in another form: `format` is 'html' (safe markup), 'text', 'citation' or 'jsonld'. */
    render(id, format = 'html', lang = 'en') {
      const [k, l] = [str(id), str(lang)];
      const out = { html: () => set.cardHtml(k, l), text: () => set.cardText(k, l), citation: () => set.citation(k, l), jsonld: () => set.jsonld(k, l) }[format];
      if (!out) throw new Error(`${TAG} unknown format "${format}": use html, text, citation or jsonld`);
      return out() ?? null;
    },
    entityHtml: (key, lang) => set.entityHtml(str(key), str(lang)) ?? null,
    has: (id) => set.has(str(id)),
  };
}

/** Resolves to the API over the default data set once the core is loaded. Safe to call many times; loads once. */
export async function ready() {
  await core();
  builtin ||= dataSet(FactSet.builtin());
  return api;
}

function need() {
  if (!builtin) throw new Error(`${TAG} the core is not loaded yet: await ready() first`);
  return builtin;
}

export const lookup = (id) => need().lookup(id);
export const facts = () => need().facts();
export const search = (query, options) => need().search(query, options);
export const searchIds = (query, options) => need().searchIds(query, options);
export const suggest = (prefix, limit) => need().suggest(prefix, limit);
export const entity = (key) => need().entity(key);
export const render = (id, format, lang) => need().render(id, format, lang);

const opened = new Map();

/**
 * Opens a bundle written by `factcard build` (a `.facts` file) or `factcard site` (a folder): a promise of a data
 * set with the same `lookup`, `search`, `searchIds`, `suggest`, `facts`, `entity` and `render` as the default
 * one. A folder that is not written whole (its search/meta.json says `"whole": false`: over 5,000 facts) opens
 * as a sharded index instead, with `searchIds` (async) only. Each address is fetched once per page. Rejects with a clear message when the bundle is unreachable, truncated,
 * corrupt or of another version.
 */
export function open(url) {
  const u = new URL(str(url), document.baseURI);
  if (u.pathname.endsWith('.facts')) return openBundle(u);
  const base = new URL(u.href.endsWith('/') ? u : `${u.href}/`);
  if (!opened.has(base.href)) opened.set(base.href, folderSet(base));
  return opened.get(base.href);
}

function openBundle(u) {
  const key = u.href;
  if (!opened.has(key)) {
    const p = (async () => {
      const [res] = await Promise.all([fetch(u).catch(() => Promise.reject(new Error(`cannot reach ${key}`))), core()]);
      if (!res.ok) throw new Error(`${key} answered HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      try {
        return dataSet(FactSet.fromBytes(bytes));
      } catch (e) {
        throw new Error(`${key}: ${say(e)}`);
      }
    })();
    opened.set(key, p);
  }
  return opened.get(key);
}

const api = { ready, open, lookup, facts, search, searchIds, suggest, entity, render, autolink };

// ---- Fragments -----------------------------------------------------------------------------------------------

// What a card may contain. A fragment with anything else is refused, so a tampered file cannot run code.
const TAGS = new Set('article h3 p dl div dt dd span time a details summary ul li b code svg text rect'.split(' '));
const ATTRS = new Set('class part lang role data-fact data-citation href target rel viewBox aria-label x y width height rx'.split(' '));

/** Parses card HTML inertly (a template runs nothing) and checks it; returns the template. */
function checked(html) {
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
const safe = (html) => checked(html).content;

const fetched = new Map();
/** The text at `url` (or, with `parse`, its checked template), fetched once per page; null for a 404. */
function text(url, parse, priority = 'high') {
  return once(url.href, () => fetch(url, { priority }).then(
    (r) => (r.ok ? r.text() : r.status === 404 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => Promise.reject(Object.assign(new Error('the network failed'), { retry: true })),
  ).then((t) => (t === null || !parse ? t : checked(t))));
}

/**
 * `make()`'s promise, made once per key and page. A card is content the reader waits for, so fetches are high
 * priority unless they only warm the cache. A network failure is forgotten, so that the next use tries again.
 */
function once(key, make) {
  if (!fetched.has(key)) {
    const p = make();
    fetched.set(key, p);
    p.catch((e) => e?.retry && fetched.delete(key));
  }
  return fetched.get(key);
}

/**
 * A card rendered by the core from a loaded data set. As in `factcard site`'s output, an entity with no facts
 * has no card.
 */
function coreCard(set, kind, id, lang) {
  const html = kind === 'entity'
    ? (set.entity(id)?.facts.length ? set.entityHtml(id, lang) : null)
    : set.has(id) ? set.render(id, 'html', lang) : null;
  return html && safe(html);
}

const cardUrl = (base, kind, id, lang) => new URL(`${lang}/${kind === 'entity' ? 'entity/' : ''}${id}.html`, base);

/**
 * Where an element's facts come from: the default data (`data/` beside this file), a folder written by
 * `factcard site` (`src="…/"`), or a bundle (`src="….facts"`, rendered by the core).
 * `card(kind, id, lang)` resolves to the card's nodes, or null when there is no such fact or entity.
 */
function sourceOf(el) {
  const src = el.getAttribute('src');
  if (src && /\.facts([?#]|$)/.test(src)) {
    return {
      async card(kind, id, lang) {
        const set = await open(src);
        return coreCard(set, kind, id, lang);
      },
      set: () => open(src),
      warm: () => open(src),
      mentions: async () => [], // autolink reads the names of a folder bundle (mentions.json)
    };
  }
  const base = src ? new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI) : DATA;
  return {
    async card(kind, id, lang) {
      if (!ID.test(id)) return null; // not an id at all: no request
      // Once the core is loaded (a page with a search box), it renders the default set's cards itself.
      if (!src && builtin) return coreCard(builtin, kind, id, lang);
      const t = await text(cardUrl(base, kind, id, lang), true);
      return t && t.content.cloneNode(true);
    },
    set: () => (src ? open(base) : ready().then(() => builtin)),
    warm: (kind, id, lang) => (ID.test(id) && (src || !builtin) ? text(cardUrl(base, kind, id, lang), true, 'low') : Promise.resolve()),
    mentions: () => text(new URL('mentions.json', base)).then((t) => JSON.parse(t ?? '[]')),
  };
}

/** Bytes at `url`, fetched once per page. */
const bytesOf = (url) => once(`bytes:${url.href}`, () => fetch(url).then(
  (r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url.href} answered HTTP ${r.status}`))),
  () => Promise.reject(Object.assign(new Error(`cannot reach ${url.href}`), { retry: true })),
).then((b) => new Uint8Array(b)));

/**
 * The data set of a folder written by `factcard site`: small ones whole (full search, suggestions, the API);
 * large ones through the sharded index, which fetches only the parts of the index that a query's words need.
 */
async function folderSet(base) {
  const metaText = await text(new URL('search/meta.json', base));
  const meta = metaText && JSON.parse(metaText);
  // meta.json says whether the set is also written whole; without it, the folder has facts.facts only.
  if (!meta || meta.whole) return openBundle(new URL('facts.facts', base));
  await core();
  const index = new glue.ShardedSearch(meta.docs, meta.shards);
  const idsOf = (f) => text(new URL(`search/ids${f}.txt`, base)).then((t) => (t ?? '').split('\n'));
  return {
    size: meta.docs,
    async searchIds(query, options) {
      const [q, limit, ...filters] = searchArgs(query, options);
      if (filters.some(Boolean)) warnOnce('filters are not available on a sharded data set');
      const need = [...index.shardsFor(q)];
      const files = await Promise.all(need.map((n) => bytesOf(new URL(`search/t${n}.idx`, base))));
      need.forEach((n, i) => index.load(n, files[i]));
      const docs = [...index.search(q, limit)];
      const per = meta.idsPerFile;
      const lists = new Map(await Promise.all([...new Set(docs.map((d) => Math.floor(d / per)))].map(async (f) => [f, await idsOf(f)])));
      return docs.map((d) => lists.get(Math.floor(d / per))[d % per]);
    },
    suggest: () => [],
  };
}

/** The small card for an id that is not in the data, or for one that could not be loaded. */
function notice(lang, what, id, error) {
  const a = document.createElement('article');
  a.className = 'card missing';
  a.setAttribute('part', 'card');
  a.setAttribute('role', 'note');
  const p = document.createElement('p');
  const zhs = lang === 'zh';
  if (error) p.textContent = zhs ? `无法加载该${what === 'entity' ? '条目' : '事实'}：${error}` : `Could not load this ${what}: ${error}`;
  else {
    p.textContent = zhs ? `未找到该${what === 'entity' ? '条目' : '事实'}：` : `${what === 'entity' ? 'Entity' : 'Fact'} not found: `;
    const c = document.createElement('code');
    c.textContent = id;
    p.append(c);
  }
  a.append(p);
  return a;
}

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
const CARD_CSS = `:host{display:block;margin:1em 0;contain:layout style}
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

// Until its card is there, a <fact-card> reserves the height of a typical card, so that the page moves as little
// as possible when it arrives (a document-level constructed sheet: no CSP 'unsafe-inline').
try {
  const reserve = new CSSStyleSheet();
  // :where() gives it no specificity, so that the page's own rules for fact-card win; [hidden] stays hidden.
  reserve.replaceSync(':where(fact-card:not([data-ready],[hidden])){display:block;margin:1em 0;min-height:var(--factcard-min-height,18rem)}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, reserve];
} catch {
  /* old browsers: no reservation */
}

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

/** The shared base: a shadow root with styles, redrawn when an attribute changes. */
const shells = new Map();
/** A parsed copy of `html`: each element clones it rather than parsing its markup again. */
function clone(html) {
  let t = shells.get(html);
  if (!t) {
    t = document.createElement('template');
    t.innerHTML = html;
    shells.set(html, t);
  }
  return t.content.cloneNode(true);
}

// DOM updates run at once while the current task has spent under 8 ms on them; past that they wait in a queue
// that later tasks work through 8 ms at a time, so a page with a thousand cards stays responsive.
const queue = [];
const channel = new MessageChannel();
let sliceEnd = -1; // -1: this task has not started a slice yet
channel.port1.onmessage = () => {
  sliceEnd = performance.now() + 8;
  while (queue.length && performance.now() < sliceEnd) queue.shift()();
  sliceEnd = -1;
  if (queue.length) channel.port2.postMessage(0);
};
/** Runs `fn` when the browser is idle (within 2 s). */
const idle = (fn) => (window.requestIdleCallback ? requestIdleCallback(fn, { timeout: 2000 }) : setTimeout(fn, 200));

function soon(fn) {
  if (!queue.length) {
    if (sliceEnd < 0) {
      sliceEnd = performance.now() + 8;
      channel.port2.postMessage(0); // ends this task's slice in the next task
    }
    if (performance.now() < sliceEnd) return fn();
  }
  if (queue.push(fn) === 1) channel.port2.postMessage(0);
}

// Cards the reader can see load at once; the others wait until the reader scrolls near them, or until the cards in
// view have arrived and the page is idle, so that the first cards get the network and the main thread to themselves.
const waiting = new Map(); // element -> its load()
let watcher = null;
let sweep = false;
let checks = null; // cards connected in this task, with their load(): measured together, in one layout
function wake(el) {
  const load = waiting.get(el);
  if (!load) return;
  waiting.delete(el);
  watcher.unobserve(el);
  if (el.isConnected) load(); // a card removed meanwhile loads when it is connected again
}
function check() {
  const list = checks;
  checks = null;
  const h = innerHeight;
  for (const [el, load] of list) {
    if (!el.isConnected) continue;
    const r = el.getBoundingClientRect();
    // Near the viewport: now. Far, or not displayed at all (all zeros): when it comes near, or after the rest.
    if ((r.width || r.height) && r.bottom >= -h && r.top <= 2 * h) {
      load();
      continue;
    }
    watcher ||= new IntersectionObserver((es) => es.forEach((e) => e.isIntersecting && wake(e.target)), { rootMargin: '100% 0px 100% 0px' });
    waiting.set(el, load);
    watcher.observe(el);
    if (!sweep) {
      sweep = true;
      later(() => {
        sweep = false;
        // Each load() issues its request at once, so in 8 ms slices a thousand of them do not block the page.
        for (const w of waiting.keys()) soon(() => wake(w));
      });
    }
  }
}
/** Calls `load()` when `el` is within a screen of the viewport, or once the cards nearer the reader have arrived. */
function whenNear(el, load) {
  if (!window.IntersectionObserver) return load();
  if (!checks) {
    checks = [];
    queueMicrotask(check);
  }
  checks.push([el, load]);
}

// Cards on their way to the reader. Work that can wait (loading the core for a search box, fetching the cards of
// mentions ahead, autolinking) waits for them and for an idle moment.
const arriving = new Set();
const deferred = [];
/**
 * Runs `fn` once the page is idle, the cards being loaded then have arrived (waiting at most 1 s for them) and the
 * page is idle again. Everything deferred meanwhile runs together, in 8 ms slices.
 */
function later(fn) {
  if (deferred.push(fn) > 1) return;
  idle(() => {
    let timer;
    const cap = new Promise((go) => {
      timer = setTimeout(go, 1000);
    });
    Promise.race([Promise.allSettled([...arriving]), cap]).then(() => {
      clearTimeout(timer);
      idle(() => deferred.splice(0).forEach(soon));
    });
  });
}

class Base extends HTMLElement {
  constructor(css, html) {
    super();
    if (css) this.shadow(css, html);
  }
  /** Attaches the shadow root with its styles and markup. */
  shadow(css, html) {
    this.root = this.attachShadow({ mode: 'open' });
    this.root.append(clone(html));
    styles(this.root, css);
  }
  connectedCallback() {
    this.live = true;
    this.draw();
  }
  // Initial attributes arrive before connectedCallback, which draws once; later changes redraw.
  attributeChangedCallback(name, was, now) {
    if (this.live && was !== now) this.draw();
  }
}

function fired(el, name, detail) {
  el.dispatchEvent(new CustomEvent(`factcard:${name}`, { bubbles: true, composed: true, detail }));
}

/**
 * The card (or entity card) an element shows, as nodes: the card, a "not found" card, or, when it could not
 * be loaded, an error notice (the fallback text stays above it). Resolves to { nodes, found }.
 */
async function cardFor(el, kind, id, lang) {
  try {
    const nodes = await sourceOf(el).card(kind, id, lang);
    if (!nodes) warnOnce(`no ${kind} with id "${id}"`);
    return { nodes: nodes || notice(lang, kind, id), found: !!nodes };
  } catch (e) {
    warnOnce(`could not load facts: ${say(e)}`); // once per cause, however many elements it breaks
    return { nodes: notice(lang, kind, id, say(e)), found: false, error: say(e) };
  }
}

// ---- <fact-card> ---------------------------------------------------------------------------------------------

/**
 * <fact-card fact="ID" [src="…"]>: a fact as a card. The text written inside it shows until the card is ready,
 * and stays if the card cannot be loaded.
 */
export class FactCard extends Base {
  static observedAttributes = ['fact', 'lang', 'src'];
  #drawn = 0;
  // No shadow root until the card is there: the fallback text shows as plain content meanwhile, and a page with a
  // thousand cards does not build a thousand shadow roots in one task (they are built in the 8 ms slices).
  draw() {
    const turn = ++this.#drawn;
    if (this.root) this.#load(turn);
    else whenNear(this, () => this.#load(turn));
  }
  async #load(turn) {
    if (turn !== this.#drawn) return; // a newer draw is under way
    const id = this.getAttribute('fact') || '';
    const lang = zh(this) ? 'zh' : 'en';
    const loaded = cardFor(this, 'fact', id, lang);
    arriving.add(loaded);
    const { nodes, found, error } = await loaded;
    arriving.delete(loaded);
    soon(() => {
      if (turn !== this.#drawn) return; // a newer draw is under way
      if (!this.root) {
        this.shadow(CARD_CSS, '<div><slot class="fallback" part="fallback"></slot></div><div class="body"></div>');
        [this.fallback, this.body] = this.root.querySelectorAll('div');
      }
      this.fallback.hidden = !error;
      this.body.replaceChildren(nodes);
      this.dataset.ready = '';
      const card = this.body.querySelector('article[data-citation]');
      if (card) card.append(copyButton(this, id, lang, card.dataset.citation));
      fired(this, 'render', { fact: id, found, error });
    });
  }
}

function copyButton(host, id, lang, text) {
  const row = document.createElement('div');
  row.className = 'actions';
  row.innerHTML = '<button type="button" part="button"></button><span class="status" role="status"></span>';
  const [button, status] = row.children;
  button.textContent = lang === 'zh' ? '复制引用' : 'Copy citation';
  button.addEventListener('click', async () => {
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

/**
 * <fact-ref fact="ID">text</fact-ref> (or entity="ID"): an inline mention that shows the card in a popover on
 * hover, keyboard focus or tap. Escape, leaving it or tapping outside closes it; it never traps focus.
 */
export class FactRef extends Base {
  static observedAttributes = ['fact', 'entity', 'lang', 'src'];
  #timer = 0;
  #want = false;
  // The shadow root is built in the 8 ms slices after the element connects, so that a page with a thousand
  // mentions does not build them all in one task; until then the mention is plain text.
  connectedCallback() {
    this.live = true;
    if (this.root) this.draw();
    else soon(() => this.isConnected && !this.root && (this.#build(), this.draw()));
  }
  #build() {
    // Ids are scoped to each shadow root, so a fixed one is unique where it matters.
    this.shadow(REF_CSS, '<span class="mention" part="mention" tabindex="0" role="button" aria-expanded="false" aria-controls="pop"><slot></slot></span><div class="pop" part="popover" id="pop" role="dialog"></div>');
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
    // Escape closes it wherever focus is (a popover opened by hover must be dismissable too). Focus returns to
    // the mention first, so that its focus handler does not open it again.
    this.escape = (e) => {
      if (e.key !== 'Escape' || !this.open) return;
      if (this.contains(document.activeElement) || this.root.activeElement) m.focus({ preventScroll: true });
      this.toggle(false);
    };
    this.addEventListener('focusout', (e) => !this.contains(e.relatedTarget) && !this.root.contains(e.relatedTarget) && this.toggle(false));
    this.outside = (e) => !e.composedPath().includes(this) && this.toggle(false);
    this.reflow = () => this.open && this.#place();
  }
  get open() {
    return !!this.pop?.classList.contains('open');
  }
  draw() {
    if (!this.root) return; // drawn once built
    if (this.open) this.#fill();
    // Fetch the card ahead, so that opening it later needs no request: once the cards are in and the page is idle,
    // so that cards, which readers see at once, are not queued behind mentions on an HTTP/1.1 connection.
    else {
      later(() => {
        const ent = this.getAttribute('entity');
        sourceOf(this).warm(ent ? 'entity' : 'fact', ent || this.getAttribute('fact') || '', zh(this) ? 'zh' : 'en').catch(() => {});
      });
    }
  }
  disconnectedCallback() {
    this.toggle(false);
  }
  #later(show, ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.toggle(show), ms);
  }
  async #fill() {
    const lang = zh(this) ? 'zh' : 'en';
    const ent = this.getAttribute('entity');
    const { nodes } = await cardFor(this, ent ? 'entity' : 'fact', ent || this.getAttribute('fact') || '', lang);
    this.pop.replaceChildren(nodes);
    this.pop.setAttribute('aria-label', this.pop.querySelector('h3')?.textContent || t(this, 'Fact', '事实'));
  }
  /** Opens or closes the popover. */
  async toggle(show) {
    if (!this.root) {
      if (!show) return;
      this.#build();
    }
    clearTimeout(this.#timer);
    this.#want = show;
    if (show === this.open) return;
    if (show) {
      await this.#fill();
      // The reader may have left, or the element gone, while its card loaded.
      if (!this.#want || !this.isConnected || this.open) return;
      this.pop.classList.add('open');
      this.pop.showPopover?.();
      this.#place();
      document.addEventListener('pointerdown', this.outside, true);
      document.addEventListener('keydown', this.escape);
      addEventListener('scroll', this.reflow, true);
      addEventListener('resize', this.reflow);
    } else {
      this.pop.classList.remove('open');
      if (this.pop.matches?.(':popover-open')) this.pop.hidePopover();
      document.removeEventListener('pointerdown', this.outside, true);
      document.removeEventListener('keydown', this.escape);
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
  static observedAttributes = ['placeholder', 'label', 'lang', 'entity', 'topic', 'source', 'limit', 'src'];
  #gen = 0;
  #started = false; // its data has been asked for
  #active = -1;
  #options = [];
  turn = 0;
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
    // The search needs the core: it loads once the page is idle (after the cards the reader sees), or at once when
    // the reader comes to the box, so that it is there by the first key. A redraw (new attributes) of a box that
    // had its data, or that has focus, loads at once.
    this.set = null;
    const gen = ++this.#gen;
    const loaded = new Promise((go) => {
      if (this.#started || this.matches(':focus-within')) return go();
      const now = () => {
        this.removeEventListener('focusin', now);
        this.removeEventListener('pointerenter', now);
        go();
      };
      this.addEventListener('focusin', now);
      this.addEventListener('pointerenter', now);
      later(now);
    }).then(() => {
      this.#started = true;
      return sourceOf(this).set();
    });
    loaded.then((set) => {
      if (gen !== this.#gen) return; // the attributes changed meanwhile
      this.set = set;
      // Build the search index while the reader is not typing, so the first key does not wait for it.
      idle(() => Promise.resolve(set.searchIds('', 1)).catch(() => {}));
      // Typed before the core was there: catch up (with suggestions if the box still has focus).
      if (this.input.value) this.root.activeElement === this.input ? this.#typed() : this.run();
    }, (e) => {
      this.status.textContent = z ? `搜索不可用：${say(e)}` : `Search is unavailable: ${say(e)}`;
    });
  }
  /** Runs the search for what is in the box and shows the results. */
  async run() {
    if (!this.set) return;
    const turn = ++this.turn;
    const q = this.input.value;
    const lang = zh(this) ? 'zh' : 'en';
    let ids = [];
    let failed = null;
    try {
      const a = (n) => str(this.getAttribute(n));
      ids = await this.set.searchIds(q, { limit: +a('limit') || 5, entity: a('entity'), topic: a('topic'), source: a('source') });
    } catch (e) {
      failed = say(e);
      warnOnce(failed);
    }
    if (turn !== this.turn) return; // a newer query is under way
    const src = this.getAttribute('src');
    this.results.replaceChildren(...ids.map((id) => {
      const c = document.createElement('fact-card');
      c.setAttribute('fact', id);
      c.setAttribute('lang', lang);
      if (src) c.setAttribute('src', src);
      return c;
    }));
    const z = lang === 'zh';
    this.status.textContent = failed ? (z ? `搜索不可用：${failed}` : `Search is unavailable: ${failed}`) : !q.trim() ? '' : ids.length
      ? (z ? `找到 ${ids.length} 条事实` : `${ids.length} ${ids.length === 1 ? 'fact' : 'facts'} found`)
      : (z ? `没有与“${q}”相符的事实` : `No facts match “${q}”`);
    fired(this, 'search', { query: q, results: ids });
  }
  #typed() {
    if (!this.set) return;
    const q = this.input.value;
    this.#options = q.trim() ? this.set.suggest(q, 6) : [];
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
      e.preventDefault(); // type=search would clear itself, and the results with it
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
const patterns = new Map();

/**
 * Marks the first mention of each known entity in `container`'s text as a <fact-ref entity="…">, and resolves to
 * how many it marked. Runs by itself on every element with the `autolink` attribute (which may name a `src`).
 */
export async function autolink(container) {
  const src = container.getAttribute('src') || '';
  if (!patterns.has(src)) {
    patterns.set(src, sourceOf(container).mentions().then((names) => {
      const byText = new Map(names);
      const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      // Case matters ("MOST" is a ministry, "most" is not); Latin names stand as whole words, Chinese need none.
      // One word-boundary check around all the Latin names, not one per name: hundreds of Unicode lookarounds
      // take V8 over 100 ms to compile, a shared pair about 1 ms. Within each group, longest names come first, and
      // the other names (Chinese, or with a dash: "Chengdu–Chongqing Economic Circle") before the Latin ones, since
      // where both match at one place the other name is the longer.
      const latin = (n) => /^[\x00-\u024f]+$/.test(n);
      const group = (keep) => names.filter(([n]) => keep(n)).map(([n]) => esc(n)).join('|');
      const [lat, other] = [group(latin), group((n) => !latin(n))];
      const alt = [other, lat && `(?<![\\p{L}\\p{N}_])(?:${lat})(?![\\p{L}\\p{N}_])`].filter(Boolean).join('|');
      return { re: alt ? new RegExp(alt, 'gu') : null, byText };
    }));
  }
  let re;
  let byText;
  try {
    ({ re, byText } = await patterns.get(src));
  } catch (e) {
    warnOnce(`could not load the names to autolink: ${say(e)}`);
    return 0;
  }
  if (!re) return 0;
  const done = new Set();
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  let linked = 0;
  for (let node of nodes) {
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
      if (src) ref.setAttribute('src', src);
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
  for (const el of document.querySelectorAll('[autolink]')) later(() => autolink(el));
}

export default api;
