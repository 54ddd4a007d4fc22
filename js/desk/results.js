// The results of a query and filters: found through the folder's search index (or, with neither, the newest
// facts), counted, and drawn a page at a time.

import { address } from './address.js';
import { $, esc } from './dom.js';

const PAGE = 20; // results shown at a time
const LIMIT = 100; // results asked of the index

export class Results {
  /** `desk` owns the state and the data; the rest is what the results shown are. */
  constructor(desk) {
    this.desk = desk;
    this.found = null; // what find() last answered
    this.shown = []; // the ids of the current results
    this.drawn = 0; // results drawn so far
    this.turn = 0; // the latest search (older answers are dropped)
  }

  /**
   * The ids the current query and filters find, in the order asked for, `want` of them at least when there are so
   * many. The index is asked for no more than is shown (each result costs a request for its id list), except to
   * sort by date, which takes the first LIMIT.
   */
  async find(s, want) {
    const { data } = this.desk;
    const { facets } = data;
    const q = s.q.trim();
    // A year alone is a filter of the index like the others (its term lists the year's facts).
    if (!q && !(s.entity || s.topic || s.source || s.year)) return { ids: facets.newest.map((r) => r[0]), what: 'newest' };
    // The search a search box runs, at any size: the small search module over the folder's index (search/),
    // which filters by entity, topic, source and year itself.
    const set = await data.index();
    const limit = s.sort === 'date' ? LIMIT : want + 1;
    const options = { limit, entity: s.entity, topic: s.topic, source: s.source, year: s.year };
    let ids = [...await set.searchIds(q, options)];
    const partial = limit === want + 1 && ids.length === limit;
    if (partial) ids = ids.slice(0, want);
    // With one filter and nothing else, the facet's count is the number of results.
    const [only, ...others] = ['entity', 'topic', 'source'].filter((k) => s[k]);
    const rowsOf = { entity: [facets.entities, 4], topic: [facets.topics, 2], source: [facets.sources, 3] }[only];
    const exact = !q && !s.year && !others.length && rowsOf ? rowsOf[0].find((r) => r[0] === s[only])?.[rowsOf[1]] : undefined;
    return { ids, what: q ? 'search' : 'filter', capped: !partial && ids.length >= limit, partial, exact };
  }

  counted(s) {
    const { found } = this;
    const n = found.exact ?? this.shown.length;
    if (!n) return s.q ? `No fact matches “${s.q}”` : 'No fact passes these filters';
    if (found.what === 'newest') return `The ${n} newest of ${this.desk.data.facets.facts} facts`;
    const more = !found.exact && (found.capped || found.partial) ? '+' : '';
    return `${n}${more} ${n === 1 && !more ? 'fact' : 'facts'}${s.q ? ` for “${s.q}”` : ''}`;
  }

  /** Shows the results of state `s` (its first page). */
  async show(s) {
    const { data } = this.desk;
    const mine = ++this.turn;
    $('count').textContent = 'Searching…';
    let f;
    try {
      f = await this.find(s, PAGE);
    } catch (e) {
      if (mine !== this.turn) return;
      $('results').replaceChildren();
      $('more').hidden = true;
      $('count').textContent = `Search failed: ${e.message}`;
      return;
    }
    let ids = f.ids;
    if (s.sort === 'date' && f.what !== 'newest') {
      // Dates come with each fact's desk file: all of the results are fetched to order them (at most LIMIT).
      const dated = await Promise.all(ids.slice(0, LIMIT).map(async (id) => [id, (await data.row(id))?.date ?? '']));
      ids = dated.sort((a, b) => (b[1] > a[1]) - (b[1] < a[1])).map((x) => x[0]);
    }
    if (mine !== this.turn) return;
    this.found = f;
    this.shown = ids;
    this.drawn = 0;
    $('results').replaceChildren();
    $('count').textContent = this.counted(s);
    await this.more(mine);
    if (mine === this.turn) $('results').dataset.turn = mine; // for tests: the results of search number `turn` are shown
  }

  /** Draws the next page of results (asking a sharded index for more first, when it has more). */
  async more(mine = this.turn) {
    const { desk } = this;
    if (this.found.partial && this.drawn + PAGE > this.shown.length) {
      const f = await this.find(desk.state, this.drawn + PAGE);
      if (mine !== this.turn) return;
      this.found = f;
      this.shown = f.ids;
      $('count').textContent = this.counted(desk.state);
    }
    const ids = this.shown.slice(this.drawn, this.drawn + PAGE);
    this.drawn += ids.length;
    $('more').hidden = this.drawn >= this.shown.length && !this.found.partial;
    const got = await Promise.all(ids.map((id) => desk.data.row(id)));
    if (mine !== this.turn) return;
    $('results').insertAdjacentHTML('beforeend', got.map((r, i) => {
      const id = ids[i];
      const link = `<a href="${esc(address({ ...desk.state, fact: id }))}" data-fact="${esc(id)}">${esc(r ? r.title : id)}</a>`;
      if (!r) return `<li>${link}</li>`;
      return `<li>${link}
      <p class="meta"><span>${esc(r.dateText)}</span>${r.where ? ` · <span>${esc(r.where)}</span>` : ''} · <span>${esc(r.publisher)}</span></p>
      <p class="statement">${esc(r.statement)}</p></li>`;
    }).join(''));
  }
}
