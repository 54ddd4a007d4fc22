// Where facts come from: the default data (`data/` beside the page's factcard.js, prerendered by `factcard site`
// at build time, so cards need no wasm), a folder of the publisher's written by `factcard site`, or a bundle written
// by `factcard build` (rendered by the core). Each is opened once per page.

import { builtin, core, dataSet, loadBuiltin, searchArgs, str } from './core.js';
import { bytesOf, text } from './net.js';
import { safe } from './sanitize.js';
import { say } from './strings.js';

const DATA = new URL('data/', import.meta.url);
const ID = /^[a-z0-9-]{1,80}$/;
const opened = new Map();

/**
 * Opens a bundle written by `factcard build` (a `.facts` file) or `factcard site` (a folder): a promise of a data
 * set with the same `lookup`, `search`, `searchIds`, `suggest`, `facts`, `entity` and `render` as the default
 * one. A folder that is not written whole (its search/meta.json says `"whole": false`: over 5,000 facts) opens
 * as a sharded index instead, with `searchIds` (async) only. Each address is fetched once per page. Rejects with
 * a clear message when the bundle is unreachable, truncated, corrupt or of another version.
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
      const [res, glue] = await Promise.all([fetch(u).catch(() => Promise.reject(new Error(`cannot reach ${key}`))), core()]);
      if (!res.ok) throw new Error(`${key} answered HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
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
 * The data set of a folder written by `factcard site`: small ones whole (full search, suggestions, the API);
 * large ones through the sharded index, which fetches only the parts of the index that a query's words need.
 */
async function folderSet(base) {
  const metaText = await text(new URL('search/meta.json', base));
  const meta = metaText && JSON.parse(metaText);
  // meta.json says whether the set is also written whole; without it, the folder has facts.facts only.
  if (!meta || meta.whole) return openBundle(new URL('facts.facts', base));
  const index = new (await core()).ShardedSearch(meta.docs, meta.shards, (meta.languages || []).join(','), meta.vocab || 0);
  // Fetches the files a query needs that are not loaded yet, and adds them.
  const fetchAll = async (ns, name, add) => {
    const files = await Promise.all(ns.map((n) => bytesOf(new URL(`search/${name(n)}`, base))));
    ns.forEach((n, i) => add(n, files[i]));
  };
  const idsOf = (f) => text(new URL(`search/ids${f}.txt`, base)).then((t) => (t ?? '').split('\n'));
  return {
    size: meta.docs,
    async searchIds(query, options) {
      const [q, limit, entity, topic, source] = searchArgs(query, options);
      // Filters by id (a sharded set has no table of names): terms of the index, fetched like words.
      const filters = [['e', entity], ['t', topic], ['s', source]].filter(([, id]) => id).map(([k, id]) => `${k}:${id}`).join('\n');
      // The shards of the query's words; then, for a word being typed or not found, its vocabulary part (for
      // prefixes and typos) and the shards of the terms it stands for.
      const shards = () => fetchAll([...index.shardsFor(q, filters)], (n) => `t${n}.idx`, (n, b) => index.load(n, b));
      await shards();
      const vocab = [...index.vocabFor(q)];
      if (vocab.length) {
        await fetchAll(vocab, (n) => `v${n}.voc`, (n, b) => index.loadVocab(n, b));
        await shards();
      }
      const docs = [...index.search(q, limit, filters)];
      const per = meta.idsPerFile;
      const lists = new Map(await Promise.all([...new Set(docs.map((d) => Math.floor(d / per)))].map(async (f) => [f, await idsOf(f)])));
      return docs.map((d) => lists.get(Math.floor(d / per))[d % per]);
    },
    suggest: () => [],
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

const cardUrl = (base, kind, id, lang) => new URL(`${lang}/${kind === 'entity' ? 'entity/' : ''}${id}.html`, base);

/**
 * A card of a folder in the reader's language (`lang`, a primary subtag): its folder of cards if the set has that
 * language, else, after one look at the set's languages (`languages.json`, the default first), a folder of the same
 * language (`pt-BR` for `pt`), else the default's. The core chooses the same way for the cards it renders.
 */
async function folderCard(base, kind, id, lang, priority) {
  const t = await text(cardUrl(base, kind, id, lang), true, priority);
  if (t !== null) return t;
  const langs = JSON.parse((await text(new URL('languages.json', base), false, 'low').catch(() => 0)) || '{"languages":[]}').languages;
  const l = langs.find((x) => x.toLowerCase().split('-')[0] === lang) || langs[0];
  return l && !langs.includes(lang) ? text(cardUrl(base, kind, id, l), true, priority) : null;
}

/**
 * Where an element's facts come from, as its `src` says: the default data, a folder (`src="…/"`) or a bundle
 * (`src="….facts"`). `card(kind, id, lang)` resolves to the card's nodes, or null when there is no such fact or
 * entity; `set()` to the data set (for search); `warm(kind, id, lang)` fetches a card ahead, at low priority;
 * `mentions()` resolves to the names to autolink.
 */
export function sourceOf(el) {
  const src = el.getAttribute('src');
  if (src && /\.facts([?#]|$)/.test(src)) {
    return {
      card: async (kind, id, lang) => coreCard(await open(src), kind, id, lang),
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
      if (!src && builtin()) return coreCard(builtin(), kind, id, lang);
      const t = await folderCard(base, kind, id, lang);
      return t && t.content.cloneNode(true);
    },
    set: () => (src ? open(base) : loadBuiltin()),
    warm: (kind, id, lang) => (ID.test(id) && (src || !builtin()) ? folderCard(base, kind, id, lang, 'low') : Promise.resolve()),
    mentions: () => text(new URL('mentions.json', base)).then((t) => JSON.parse(t ?? '[]')),
  };
}
