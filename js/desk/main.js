// The fact desk: find a fact, see it as readers will, copy the code that embeds it. `factcard site` writes this
// page into every published folder (its index.html), so the folder it is loaded from is the data set it shows and
// the address every snippet points at. It uses only factcard's public API (`openIndex`, `searchIds`, `checkCard`)
// and elements, from the factcard.js the page loads, and files the site writer precomputed for it (desk/): it
// never downloads the set whole, so a desk over 100,000 facts stays light.
//
// This is the entry, bundled and minified into the `factcard` binary (crates/publish/assets/desk.min.js, by `make
// desk-assets`): the Desk owns the state (what the address says) and its parts, and wires them to the page.
//   data.js      what it reads: the folder's desk files, each once, and factcard.js
//   address.js   the state as an address, and back
//   filters.js   the facet lists and the filters in use
//   results.js   the results of a query and filters, a page at a time
//   detail.js    one fact: preview.js (as a reader sees it), snippets.js (the code to paste), heights.js (the
//                preview iframe's height, from this origin only)

import { address, read } from './address.js';
import { Data } from './data.js';
import { Detail } from './detail.js';
import { $ } from './dom.js';
import { Filters } from './filters.js';
import { listenForHeights } from './heights.js';
import { Results } from './results.js';

class Desk {
  constructor() {
    this.data = new Data();
    this.state = {};
    this.filters = new Filters(this);
    this.results = new Results(this);
    this.detail = new Detail(this);
  }

  /** Moves to state `s` (a new history entry unless `replace`), and shows it. */
  go(changes, replace = false) {
    const next = { ...this.state, ...changes };
    history[replace ? 'replaceState' : 'pushState'](null, '', address(next));
    this.show(next);
  }

  /** Shows state `s`: a fact's detail for #id, else the results of its query and filters. */
  async show(s) {
    const before = this.state;
    this.state = s;
    $('q').value = s.q;
    $('sort').value = s.sort === 'date' ? 'date' : 'relevance';
    this.filters.mark();
    const open = Boolean(s.fact);
    $('find').hidden = open;
    $('detail').hidden = !open;
    document.title = open ? `${s.fact} – Fact desk` : s.q ? `“${s.q}” – Fact desk` : 'Fact desk';
    if (open) return this.detail.show(s, before.fact !== s.fact);
    const same = ['q', 'entity', 'topic', 'source', 'year', 'sort'].every((k) => before[k] === s[k]);
    if (!same || !$('results').children.length) await this.results.show(s);
    if (before.fact) $('results').querySelector(`a[data-fact="${CSS.escape(before.fact)}"]`)?.focus();
  }

  /** Loads what the desk shows first, wires the page, and shows the state of the address. */
  async start() {
    addEventListener('popstate', () => this.show(read()));
    listenForHeights('#stage iframe');
    $('count').textContent = 'Loading…';
    try {
      await this.data.load();
    } catch (e) {
      $('count').textContent = `The desk could not start: ${e.message}. (factcard.js is expected at ${this.data.script.href}; factcard site --script sets it.)`;
      return;
    }
    this.filters.draw();
    $('facet-lists').addEventListener('click', (e) => this.filters.onClick(e));
    // On a phone the filters start folded, under the search box.
    if (matchMedia('(max-width: 48rem)').matches) $('facets').open = false;
    this.wireSearch();
    this.wireLinks();
    await this.show(read());
    document.documentElement.dataset.ready = '';
  }

  /** The search box, the sort, the filters in use and "show more". */
  wireSearch() {
    const q = $('q');
    $('search').addEventListener('submit', (e) => {
      e.preventDefault();
      this.go({ q: q.value.trim(), fact: '' });
    });
    // While typing, the results follow (one history entry per search, not per key).
    let typing = 0;
    q.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => q.value.trim() !== this.state.q && this.go({ q: q.value.trim(), fact: '' }, this.state.q !== '' && q.value.trim() !== ''), 300);
    });
    $('sort').addEventListener('change', () => this.go({ sort: $('sort').value === 'date' ? 'date' : '' }));
    $('active').addEventListener('click', (e) => {
      const b = e.target.closest('button[data-kind]');
      if (b) {
        this.go({ [b.dataset.kind]: '', fact: '' });
        q.focus();
      }
    });
    $('more').addEventListener('click', () => {
      const first = this.results.drawn;
      this.results.more().then(() => $('results').children[first]?.querySelector('a')?.focus());
    });
  }

  /** Links to a fact or back to the results stay in the page; Escape closes a fact. */
  wireLinks() {
    document.addEventListener('click', (e) => {
      if (e.target.closest('a.skip')) {
        // The address's fragment names a fact: the skip link moves focus without it.
        e.preventDefault();
        $('q').focus();
        return;
      }
      const a = e.target.closest('a[data-fact], a.back');
      if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      this.go({ fact: a.dataset.fact || '' });
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.state.fact && !e.defaultPrevented && !e.target.closest?.('fact-ref')) this.go({ fact: '' });
    });
  }
}

new Desk().start();
