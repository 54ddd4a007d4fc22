// Where facts come from: the default data (`data/` beside the page's factcard.js, prerendered by `factcard site`
// at build time, so cards need no wasm), a folder of the publisher's written by `factcard site`, or a bundle written
// by `factcard build` (rendered by the core). Each is opened once per page.

import { builtin, core, dataSet, loadBuiltin, query, searchCore, str } from './core.js';
import { bytesOf, inFolder, json, pkg, setOf, text } from './net.js';
import { safe } from './policy.js';
import { ID, LANG, TAG, say } from './strings.js';

const opened = new Map();

/**
 * Opens a bundle written by `factcard build` (a `.facts` file) or `factcard site` (a folder): a promise of a data
 * set with the same `lookup`, `search`, `searchIds`, `suggest`, `facts`, `entity` and `render` as the default
 * one. A folder that is not written whole (its set.json names no bundle: over 5,000 facts) opens as its sharded
 * index instead, with `searchIds` and `suggest` (both async) only. Each address is fetched once
 * per page. Rejects with a clear message when the bundle is unreachable, truncated, corrupt or of another version.
 */
export function open(url) {
  const u = address(url);
  if (u.pathname.endsWith('.facts')) return openBundle(u);
  const base = folder(u);
  const key = `open:${base.href}`;
  if (!opened.has(key)) {
    opened.set(key, setOf(base).then((s) => (s.whole ? openBundle(inFolder(base, s.whole)) : sharded(base))));
  }
  return opened.get(key);
}

/** An address to fetch facts from: http(s) only (not `javascript:`, `data:` or `blob:`). */
function address(url) {
  const u = new URL(str(url), document.baseURI);
  if (!/^https?:$/.test(u.protocol)) throw new Error(`${TAG} facts are fetched over http(s) only, not from ${u.protocol}`);
  return u;
}

const folder = (u) => new URL(u.href.endsWith('/') ? u : `${u.href}/`);

// Versions learned from a folder's search index (its ids files say each result's), by folder and id: a result's
// card needs no bucket.
const known = new Map();

function openBundle(u) {
  const key = u.href;
  if (!opened.has(key)) {
    const p = (async () => {
      const [bytes, glue] = await Promise.all([bytesOf(u, true), core()]);
      try {
        return dataSet(glue.FactSet.fromBytes(bytes));
      } catch (e) {
        throw new Error(`${key}: ${say(e)}`);
      }
    })();
    opened.set(key, p);
  }
  return opened.get(key);
}

/**
 * The sharded index of a folder written by `factcard site` (its `search/`), through the small search module: what
 * every search box searches, whatever the set's size. It fetches only the parts of the index that a query's words
 * (and filters) need, and the completion parts of the text being typed: `searchIds` and `suggest`, both async.
 */
export function sharded(url) {
  const base = folder(address(url));
  const key = `sharded:${base.href}`;
  if (!opened.has(key)) opened.set(key, shardedSet(base));
  return opened.get(key);
}

async function shardedSet(base) {
  const set = await setOf(base);
  const [meta, glue] = await Promise.all([json(inFolder(base, set.search)), searchCore()]);
  if (meta?.version !== 4) throw new Error(`${base.href} has no search index of this version (run factcard site again)`);
  const index = new glue.ShardedSearch(meta.docs, (meta.languages || []).join(','), meta.bounds.join('\n'), meta.suggest.join('\n'));
  // File `n` of a kind (t, s, ids), named by its content.
  const at = (k, n, ext) => inFolder(base, `search/${k}${n}.${meta.files[k][n]}.${ext}`);
  // Fetches the files of these numbers (not loaded yet), and adds them.
  const fetchAll = async (ns, get, add) => {
    const files = await Promise.all(ns.map(get));
    ns.forEach((n, i) => add(n, files[i]));
  };
  const idsOf = (f) => text(at('ids', f, 'txt')).then((t) => (t ?? '').split('\n').map((l) => {
    const [id, v] = l.split(' ');
    known.set(base.href + id, v);
    return id;
  }));
  return {
    size: meta.docs,
    async searchIds(words, options) {
      // Filters, by id or name, are terms of the index, fetched like words.
      const q = query(words, options);
      await fetchAll([...index.shardsFor(q)], (n) => bytesOf(at('t', n, 'idx')), (n, b) => index.load(n, b));
      const docs = [...index.search(q)];
      const per = meta.idsPerFile;
      const lists = new Map(await Promise.all([...new Set(docs.map((d) => Math.floor(d / per)))].map(async (f) => [f, await idsOf(f)])));
      return docs.map((d) => lists.get(Math.floor(d / per))[d % per]);
    },
    /** Completions of what is typed, best first: `{ text, kind: 'entity'|'topic'|'fact', id, lang }`. */
    async suggest(prefix, limit = 8) {
      const p = str(prefix);
      await fetchAll([...index.suggestPartsFor(p)], (n) => text(at('s', n, 'txt')), (n, t) => index.loadSuggestions(n, t ?? ''));
      return JSON.parse(index.suggest(p, Math.max(0, Math.min(+limit || 8, 100))));
    },
  };
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

/**
 * The current version of a card in a folder (`key`: a fact id, or `@` and an entity id): from its `set.json` (a set
 * of up to 2,000 cards carries every version there: no other request), else from the bucket of the key (FNV-1a 32 of
 * its bytes, as `factcard site` writes them) that `set.json` names, fetched once per page: '' if the set no longer
 * has it. Rejects when a file is missing or not what `factcard site` writes.
 */
async function versionIn(base, key, priority = 'low') {
  if (known.has(base.href + key)) return known.get(base.href + key);
  const { versions, buckets } = await setOf(base);
  if (versions) return Object.hasOwn(versions, key) ? String(versions[key]) : '';
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(key)) h = Math.imul(h ^ b, 0x1000193) >>> 0;
  const u = inFolder(base, buckets[h % buckets.length]);
  const vs = await json(u, priority);
  if (!vs) throw new Error(`${u.href} is missing`);
  return Object.hasOwn(vs, key) ? String(vs[key]) : '';
}

/**
 * A card of a folder in the reader's language (`lang`, a primary subtag), of version `v` (else its current one):
 * its folder of cards if the set has that language, else a folder of the same language (`pt-BR` for `pt`), else
 * the default's, as `set.json` lists them (the default first). The core chooses the same way for the cards it
 * renders. Null when the set has no such card.
 */
async function folderCard(base, kind, id, lang, priority, v) {
  const key = kind === 'entity' ? `@${id}` : id;
  const [s, version] = await Promise.all([setOf(base), v || versionIn(base, key, priority)]);
  if (!/^[0-9a-f]{8}$/.test(version)) return null;
  // Only language tags may stand in an address, whatever the file says.
  const langs = s.languages.filter((x) => LANG.test(String(x).toLowerCase()));
  const l = langs.includes(lang) ? lang : langs.find((x) => x.toLowerCase().split('-')[0] === lang) || langs[0];
  return l ? text(new URL(`${l}/${kind === 'entity' ? 'entity/' : ''}${id}.${version}.html`, base), true, priority) : null;
}

/**
 * Where an element's facts come from, as its `src` says: the default data, a folder (`src="…/"`) or a bundle
 * (`src="….facts"`). `card(kind, id, lang)` resolves to the card's nodes, or null when there is no such fact or
 * entity (`v`: of this version of the fact); `set()` to the data set (for the API); `searcher()` to what a search box
 * searches (a folder's sharded index, or a bundle's data set); `warm(kind, id, lang)` fetches a card ahead, at low
 * priority; `mentions()` resolves to the names to autolink; `version(id)` to a fact's current version (a folder's).
 */
export function sourceOf(el) {
  const src = el.getAttribute('src');
  let u;
  try {
    u = src && address(src);
  } catch (e) {
    const no = async () => Promise.reject(e);
    return { card: no, set: no, searcher: no, warm: no, mentions: no, version: no };
  }
  if (u && /\.facts([?#]|$)/.test(src)) {
    return {
      card: async (kind, id, lang) => coreCard(await open(u), kind, id, lang),
      set: () => open(u),
      searcher: () => open(u),
      warm: () => open(u),
      mentions: async () => [], // autolink reads the names of a folder (its mentions file)
      version: async () => Promise.reject(new Error('a bundle has no versions')),
    };
  }
  const base = u ? folder(u) : pkg('data/');
  return {
    async card(kind, id, lang, v) {
      if (!ID.test(id)) return null; // not an id at all: no request
      // Once the core is loaded (a page with a search box), it renders the default set's cards itself (unless a
      // version newer than its bundle may be asked for).
      if (!src && builtin() && !v) return coreCard(builtin(), kind, id, lang);
      const t = await folderCard(base, kind, id, lang, 'high', v);
      return t && t.content.cloneNode(true);
    },
    set: () => (src ? open(base) : loadBuiltin()),
    searcher: () => sharded(base),
    warm: (kind, id, lang) => (ID.test(id) && (src || !builtin()) ? folderCard(base, kind, id, lang, 'low') : Promise.resolve()),
    mentions: async () => (await json(inFolder(base, (await setOf(base)).mentions))) ?? [],
    version: (id) => versionIn(base, id),
  };
}
