// The filters: entities (as the tree of places and what lies in them), topics, sources and years with their
// counts, the corrected and updated facts, and the filters in use.

import { $, esc } from './dom.js';

const KINDS = [['entity', 'Entity'], ['topic', 'Topic'], ['source', 'Source'], ['year', 'Year']];
const CUT = 12; // items shown per facet (per level of the entity tree) until "show all"

/** A filter's name, as its facet shows it. */
function label(facets, kind, id) {
  const rows = { entity: facets.entities, topic: facets.topics, source: facets.sources, year: facets.years }[kind];
  const row = rows.find((r) => r[0] === id);
  if (!row) return id;
  return kind === 'source' ? `${row[1]}: ${row[2]}` : kind === 'year' ? row[0] : row[1];
}

/** The entity tree's lists: children under their parent, the most mentioned first. */
function children(entities) {
  const kids = new Map();
  const known = new Set(entities.map((e) => e[0]));
  for (const e of entities) {
    const p = known.has(e[3]) ? e[3] : '';
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(e);
  }
  for (const list of kids.values()) list.sort((a, b) => b[4] - a[4] || a[1].localeCompare(b[1]));
  return kids;
}

export class Filters {
  /** `desk` owns the state and the data; `expanded` holds the facets shown whole ("show all"). */
  constructor(desk) {
    this.desk = desk;
    this.expanded = new Set();
  }

  /**
   * Draws the facet lists. Of a large set, facets.json holds the entities and sources with the most facts; "show
   * all" loads the rest (desk/entities.json, desk/sources.json).
   */
  draw() {
    const { facets } = this.desk.data;
    const { expanded } = this;
    const item = (kind, id, name, n, extra) => `<li${extra ? ' class="extra" hidden' : ''}><button type="button" data-kind="${kind}" data-id="${esc(id)}" aria-pressed="false">${esc(name)} <span class="n">${n}</span></button>`;
    const all = (kind, n, total) => (total > n || (!expanded.has(kind) && n > CUT) ? `<li><button type="button" class="all" data-all="${kind}">Show all ${total}</button></li>` : '');
    const kids = children(facets.entities);
    const cut = (kind, i) => !expanded.has(kind) && i >= CUT;
    const tree = (parent, depth) => {
      const list = kids.get(parent) || [];
      const items = list.map((e, i) => item('entity', e[0], e[1], e[4], cut('entity', i)) + (kids.has(e[0]) && depth < 8 ? tree(e[0], depth + 1) : '') + '</li>').join('');
      return `<ul class="tree">${items}${depth ? '' : all('entity', facets.entities.length, facets.allEntities ?? facets.entities.length)}</ul>`;
    };
    const flat = (kind, rows, name, count, total = rows.length) =>
      `<ul>${rows.map((r, i) => item(kind, r[0], name(r), count(r), cut(kind, i)) + '</li>').join('')}${all(kind, rows.length, total)}</ul>`;
    const sorted = (rows, n) => [...rows].sort((a, b) => b[n] - a[n]);
    $('facet-lists').innerHTML = [
      ['entity', 'Places and organisations', tree('', 0)],
      ['topic', 'Topics', flat('topic', sorted(facets.topics, 2), (r) => r[1], (r) => r[2])],
      ['source', 'Sources', flat('source', sorted(facets.sources, 3), (r) => `${r[1]}: ${r[2]}`, (r) => r[3], facets.allSources ?? facets.sources.length)],
      ['year', 'Years', flat('year', facets.years, (r) => r[0], (r) => r[1])],
      // Corrections and updates, the latest first: each opens its fact.
      ...(facets.changed?.length ? [['changed', 'Corrected or updated', `<ul class="changed">${facets.changed.map(([id, title, kind, date]) => `<li><a href="#${encodeURIComponent(id)}">${esc(title)}</a> <span class="n">${kind === 'corrected' ? 'Corrected' : 'Updated'} ${esc(date)}</span></li>`).join('')}</ul>`]] : []),
    ].map(([kind, title, list]) => `<section class="facet" aria-labelledby="f-${kind}"><h2 id="f-${kind}">${title}</h2>${list}</section>`).join('');
    this.mark();
  }

  async showAll(kind) {
    const { data } = this.desk;
    this.expanded.add(kind);
    const whole = { entity: ['entities', 'allEntities'], source: ['sources', 'allSources'] }[kind];
    if (whole && data.facets[whole[1]] > data.facets[whole[0]].length) data.facets[whole[0]] = await data.json(`desk/${whole[0]}.json`);
    this.draw();
    $(`f-${kind}`).nextElementSibling.querySelector('button[data-kind]')?.focus();
  }

  /** A click in the facet lists: a filter on or off, or a facet shown whole. */
  onClick(e) {
    const b = e.target.closest('button');
    if (!b) return;
    if (b.dataset.all) return this.showAll(b.dataset.all);
    const { kind, id } = b.dataset;
    this.desk.go({ [kind]: this.desk.state[kind] === id ? '' : id, fact: '' });
  }

  /** Marks the filters in use in the lists (unfolding the tree to them), and lists them above the results. */
  mark() {
    const { state, data } = this.desk;
    for (const b of $('facet-lists').querySelectorAll('button[data-kind]')) {
      const on = state[b.dataset.kind] === b.dataset.id;
      b.setAttribute('aria-pressed', String(on));
      if (on) for (let li = b.closest('li'); li; li = li.parentElement.closest('li')) li.hidden = false;
    }
    $('active').innerHTML = KINDS.filter(([k]) => state[k]).map(([k, name]) =>
      `<li>${name}: ${esc(label(data.facets, k, state[k]))} <button type="button" data-kind="${k}" aria-label="Remove the filter ${name}: ${esc(label(data.facets, k, state[k]))}">×</button></li>`).join('');
  }
}
