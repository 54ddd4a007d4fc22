// The wasm core: loaded once, only when something needs it (a search box, the JS API, or a bundle given as
// `src="….facts"`), and the API every data set of the core offers. The core holds no data: the default set is a
// bundle like any other (`data/facts.facts`), fetched when the core needs it.

import { bytesOf } from './net.js';
import { TAG, say } from './strings.js';

let loading = null;
let builtinLoading = null;
let builtinSet = null;

/** Loads the wasm core once; resolves to its glue module (FactSet, ShardedSearch). */
export function core() {
  loading ||= (async () => {
    if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
    // The glue and the wasm are fetched only now: pages of cards never need them.
    const glue = await import('./factcard_core.js');
    await glue.default({ module_or_path: new URL('factcard_core_bg.wasm', import.meta.url) });
    return glue;
  })().catch((e) => {
    console.error(`${TAG} could not load the core, so search and the API are unavailable: ${say(e)}`);
    throw e;
  });
  return loading;
}

/**
 * Loads the core and the default data set (`data/facts.facts` beside this file, fetched alongside the core: the
 * wasm holds code, not data), once; resolves to that data set.
 */
export function loadBuiltin() {
  builtinLoading ||= Promise.all([core(), bytesOf(new URL('data/facts.facts', import.meta.url))]).then(([glue, bytes]) => {
    builtinSet = dataSet(glue.FactSet.fromBytes(bytes));
    return builtinSet;
  });
  return builtinLoading;
}

/** The default data set once it is loaded, else null. */
export const builtin = () => builtinSet;

// The core hands objects over as JSON text: one JSON.parse is smaller and faster than building them field by
// field across the boundary.
const parse = (json) => (json === undefined ? null : JSON.parse(json));
export const str = (v) => String(v ?? '');

/** The arguments of the core's search for search(query, 5) or search(query, { limit, entity, topic, source }). */
export function searchArgs(query, options) {
  const o = typeof options === 'object' && options !== null ? options : { limit: options };
  const n = +o.limit > 0 ? Math.min(Math.floor(+o.limit), 1000) : 10;
  return [str(query), n, str(o.entity), str(o.topic), str(o.source)];
}

/** A data set of the core (a FactSet), with the API every data set offers. */
export function dataSet(set) {
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
