// The wasm modules: loaded once, only when something needs them: the search module for a search box, the full core
// for the JS API or a bundle given as `src="….facts"`; and the API every data set of the core offers. Neither holds
// data: the default set is a folder like any other (`data/`), its bundle fetched when the core needs it.

import { bytesOf, inFolder, pkg, quiet, setOf } from './net.js';
import { TAG, explained, say } from './strings.js';

const modules = new Map();

/**
 * Loads a wasm module of the package once: `factcard_core` (the full core: FactSet) or `factcard_search` (the
 * search box's: ShardedSearch, a fraction of the size). Resolves to its glue module.
 */
function wasm(name) {
  if (!modules.has(name)) {
    modules.set(name, (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available in this browser');
      // The glue and the wasm are fetched only now: pages of cards never need them.
      // Each file named in full: `make build` gives them names that carry a hash of their content
      // (tools/hash-names.mjs), and rewrites these names to match.
      const [glue, file] = name === 'factcard_core'
        ? [await import('./factcard_core.js'), 'factcard_core_bg.wasm']
        : [await import('./factcard_search.js'), 'factcard_search_bg.wasm'];
      await glue.default({ module_or_path: new Request(pkg(file), quiet()) });
      return glue;
    })().catch(async (e) => {
      await new Promise((go) => setTimeout(go)); // a CSP violation that explains it arrives a moment later
      if (!explained()) console.error(`${TAG} could not load the ${name === 'factcard_core' ? 'core, so the API is' : 'search, so search is'} unavailable: ${say(e)}`);
      throw e;
    }));
  }
  return modules.get(name);
}

/** The full core (FactSet): the JS API, and bundles given as `src="….facts"`. */
export const core = () => wasm('factcard_core');

/** The search module (ShardedSearch): what a search box needs. */
export const searchCore = () => wasm('factcard_search');

let builtinLoading = null;
let builtinSet = null;

/**
 * Loads the core and the default data set (the bundle that `data/set.json` beside this file names, fetched alongside
 * the core: the wasm holds code, not data), once; resolves to that data set.
 */
export function loadBuiltin() {
  const data = pkg('data/');
  builtinLoading ||= Promise.all([core(), setOf(data).then((s) => bytesOf(inFolder(data, s.whole), true))]).then(([glue, bytes]) => {
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

/** The filters of a search, as a search box's attributes and the API's options name them. */
export const FILTERS = ['entity', 'topic', 'source', 'year'];

/**
 * A search as both wasm modules read it (factcard_core::query), for search(text, 5) or
 * search(text, { limit, entity, topic, source, year }): one `key=value` a line. The core reads the values.
 */
export function query(text, options) {
  const o = typeof options === 'object' && options !== null ? options : { limit: options };
  const line = (k, v) => `${k}=${str(v).replace(/[\r\n]+/g, ' ')}`;
  return [line('q', text), ...['limit', ...FILTERS].map((k) => line(k, o[k]))].join('\n');
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
     * Facts matching the query, best first. `options` is a limit (default 10) or
     * `{ limit, entity, topic, source, year }`: `entity` (an id, name or alias) keeps facts about it or anything
     * inside it, `topic` and `source` (an id or name) those with it, `year` (`2021` or `2019-2021`) those whose date
     * or period covers it. Throws on an unknown filter.
     */
    search: (text, options) => parse(set.search(query(text, options))),
    /** The ids of the facts `search` would return. */
    searchIds: (text, options) => set.searchIds(query(text, options)),
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
