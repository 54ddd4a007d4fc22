// What the desk reads: its folder's files precomputed by `factcard site` (desk/), each fetched once, and
// factcard.js's API, loaded from the address in the page (the published script, never a copy of its own).
//
//   desk/facets.json     entities (with their parents), topics, sources, years, with counts; the newest facts
//   desk/entities.json, desk/sources.json   all of them, for a large set (facets.json has those with most facts)
//   desk/f/ID.json       one fact: its version, the API's object and its JSON-LD in each language
//   LANG/ID.VERSION.html one card's static HTML (named by the fact's version)

import { ID, LANG } from '../strings.js';

const fail = (path, r) => Promise.reject(new Error(`${path}: HTTP ${r.status}`));

/** The folder the desk was loaded from (the data set it shows) and what it has read of it. */
export class Data {
  constructor() {
    /** The folder: every snippet points at it. */
    this.here = new URL('./', location.href);
    /** factcard.js, as the page loads it. */
    this.script = new URL(document.querySelector('script[data-factcard]').src, location.href);
    /** Whether this is the default set, in data/ beside factcard.js: its elements need no src. */
    this.builtin = new URL('data/', this.script).href === this.here.href;
    this.facets = null; // desk/facets.json
    this.api = null; // factcard.js's exports
    this.set = null; // openIndex(here), once a search needs it
    this.facts = new Map(); // id → desk/f/ID.json
    this.statics = new Map(); // LANG/ID → its card's text
    this.rows = new Map(); // id → what a result shows
  }

  get(path) {
    return fetch(new URL(path, this.here), { referrerPolicy: 'no-referrer' });
  }

  json(path) {
    return this.get(path).then((r) => (r.ok ? r.json() : fail(path, r)));
  }

  text(path) {
    return this.get(path).then((r) => (r.ok ? r.text() : fail(path, r)));
  }

  /** Loads facets.json and factcard.js; the newest facts come with their rows. */
  async load() {
    [this.facets, this.api] = await Promise.all([this.json('desk/facets.json'), import(this.script.href)]);
    for (const [id, title, date, dateText, where, publisher, statement] of this.facets.newest) {
      this.rows.set(id, Promise.resolve({ title, date, dateText, where, publisher, statement }));
    }
  }

  /** The folder's search index (the search a search box runs, with its filters), opened once. */
  async index() {
    this.set ||= await this.api.openIndex(this.here);
    return this.set;
  }

  /** The set's default language. */
  get lang() {
    return this.facets.languages[0];
  }

  /** A text of the set (an object by language) in `lang`, else the set's default language, else any. */
  inLang(x, lang) {
    return x ? x[lang] ?? x[this.lang] ?? Object.values(x)[0] ?? '' : '';
  }

  /** One fact for the desk (desk/f/ID.json): an id only, so that nothing else reaches an address. */
  fact(id) {
    if (!ID.test(id)) return Promise.reject(new Error(`not a fact id: ${id}`));
    const { facts } = this;
    if (!facts.has(id)) facts.set(id, this.json(`desk/f/${id}.json`).catch((e) => (facts.delete(id), Promise.reject(e))));
    return facts.get(id);
  }

  /** A card's static HTML (the snippet that works without JavaScript), '' if it cannot be had. */
  staticCard(lang, id) {
    // Both come from the folder's own files: checked all the same, so a tampered file cannot point the fetch elsewhere.
    if (!ID.test(id) || !LANG.test(lang.toLowerCase())) return Promise.resolve('');
    const key = `${lang}/${id}`;
    const { statics } = this;
    const version = (f) => (/^[0-9a-f]{8}$/.test(f.version) ? f.version : Promise.reject(new Error('no version')));
    if (!statics.has(key)) statics.set(key, this.fact(id).then(version).then((v) => this.text(`${key}.${v}.html`)).catch(() => (statics.delete(key), '')));
    return statics.get(key);
  }

  /** What a result shows of a fact (in the set's default language), or null if it cannot be had. */
  row(id) {
    const { rows } = this;
    if (!rows.has(id)) {
      rows.set(id, this.fact(id).then(({ fact: f }) => {
        const t = (x) => this.inLang(x, this.lang);
        return { title: t(f.title), date: f.date, dateText: t(f.dateText), where: f.entities.map((e) => t(e.name)).join(', '), publisher: f.source.publisher, statement: t(f.statement) };
      }, () => (rows.delete(id), null)));
    }
    return rows.get(id);
  }
}
