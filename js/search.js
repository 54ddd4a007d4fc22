// <fact-search>: a search box with type-ahead, results as cards, and a live region that announces them.

import { Base, fired, shadow } from './base.js';
import { FILTERS } from './core.js';
import { idle } from './schedule.js';
import { sourceOf } from './sources.js';
import { langCode, say, warnOnce } from './strings.js';

const CSS = `:host{display:block;margin:1em 0}
label{display:block;font-weight:650;margin-bottom:.3em}
.box{position:relative}
input{box-sizing:border-box;width:100%;font:inherit;color:var(--fg);background:var(--bg);border:1px solid var(--muted);border-radius:6px;padding:.5em .7em;min-height:44px}
[role=listbox]{position:absolute;left:0;right:0;z-index:10;margin:2px 0 0;padding:.25em 0;list-style:none;background:var(--bg);border:1px solid var(--line);border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.2);max-height:18em;overflow:auto}
[role=option]{padding:.45em .8em;cursor:pointer;display:flex;justify-content:space-between;gap:1em;margin:0}
[role=option][aria-selected=true]{background:var(--accent);color:var(--bg)}
[role=option] small{opacity:.8}
@media (forced-colors:active){[role=option][aria-selected=true]{forced-color-adjust:none;background:Highlight;color:HighlightText}}
.results{margin-top:.5em}
.results fact-card{margin:.6em 0;min-height:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}`;
// How long typing pauses before the results follow (completions follow every key).
const PAUSE = 150;
const HTML = '<label for="q" part="label"></label><div class="box"><input id="q" part="input" type="search" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="list" autocomplete="off" spellcheck="false" enterkeyhint="search"><ul id="list" role="listbox" part="listbox" hidden></ul></div><p class="status" role="status" aria-live="polite" part="status"></p><div class="results" part="results"></div>';

/**
 * <fact-search placeholder="…" entity="…" topic="…" source="…" year="…" limit="5"> (filters by id or name; a year or a range `2019-2021`): a search box with type-ahead (the ARIA combobox
 * pattern), results as cards, and a live region that announces how many there are. It has `data-ready` while
 * it can search.
 */
export class FactSearch extends Base {
  static observedAttributes = ['placeholder', 'label', 'lang', 'entity', 'topic', 'source', 'year', 'limit', 'src', 'heading-level'];
  #root;
  #label;
  #input;
  #list;
  #status;
  #results;
  #set = null; // its data set, once loaded
  #gen = 0;
  #turn = 0;
  #typing = 0;
  #pause = 0;
  #started = false; // its data has been asked for
  #active = -1;
  #options = [];
  constructor() {
    super((el) => el.#draw());
    this.#root = shadow(this, CSS, HTML);
    [this.#label, , this.#status, this.#results] = this.#root.children;
    this.#input = this.#root.getElementById('q');
    this.#list = this.#root.getElementById('list');
    this.#input.addEventListener('input', () => this.#typed());
    this.#input.addEventListener('keydown', (e) => this.#key(e));
    this.#input.addEventListener('blur', () => setTimeout(() => this.#close(), 150));
    this.#list.addEventListener('pointerdown', (e) => e.preventDefault()); // keep focus in the box
    this.#list.addEventListener('click', (e) => {
      const li = e.target.closest('[role=option]');
      if (li) this.#choose(+li.dataset.i);
    });
  }
  #draw() {
    const lang = langCode(this);
    const z = lang === 'zh';
    this.#label.textContent = this.getAttribute('label') || (z ? '搜索事实' : 'Search facts');
    this.#input.placeholder = this.getAttribute('placeholder') || (z ? '例如：两江新区 投资' : 'e.g. Liangjiang investment');
    this.#input.lang = lang;
    this.#set = null;
    delete this.dataset.ready;
    const gen = ++this.#gen;
    this.#wanted().then(() => {
      this.#started = true;
      return sourceOf(this).searcher();
    }).then((set) => {
      if (gen !== this.#gen) return; // the attributes changed meanwhile
      this.#set = set;
      this.dataset.ready = '';
      // Typed before the core was there: catch up (with suggestions if the box still has focus).
      if (this.#input.value) this.#root.activeElement === this.#input ? this.#typed() : this.#run();
    }, (e) => {
      this.#status.textContent = z ? `搜索不可用：${say(e)}` : `Search is unavailable: ${say(e)}`;
    });
  }
  // The search needs the core: it loads once the page is idle (after the cards the reader sees), or at once when
  // the reader comes to the box, so that it is there by the first key. A redraw (new attributes) of a box that
  // had its data, or that has focus, loads at once.
  #wanted() {
    return new Promise((go) => {
      if (this.#started || this.matches(':focus-within')) return go();
      const now = () => {
        this.removeEventListener('focusin', now);
        this.removeEventListener('pointerenter', now);
        go();
      };
      this.addEventListener('focusin', now);
      this.addEventListener('pointerenter', now);
      idle(now); // the box is defined once the cards in view have arrived (factcard.js): idle is enough
    });
  }
  /** Runs the search for what is in the box and shows the results. */
  async #run() {
    clearTimeout(this.#pause);
    if (!this.#set) return;
    const turn = ++this.#turn;
    const q = this.#input.value;
    const lang = langCode(this);
    let ids = [];
    let failed = null;
    try {
      const options = Object.fromEntries(FILTERS.map((n) => [n, this.getAttribute(n)]));
      ids = await this.#set.searchIds(q, { ...options, limit: +this.getAttribute('limit') || 5 });
    } catch (e) {
      failed = say(e);
      warnOnce(failed);
    }
    if (turn !== this.#turn) return; // a newer query is under way
    this.#results.replaceChildren(...ids.map((id) => this.#card(id, lang)));
    const z = lang === 'zh';
    this.#status.textContent = failed ? (z ? `搜索不可用：${failed}` : `Search is unavailable: ${failed}`) : !q.trim() ? '' : ids.length
      ? (z ? `找到 ${ids.length} 条事实` : `${ids.length} ${ids.length === 1 ? 'fact' : 'facts'} found`)
      : (z ? `没有与“${q}”相符的事实` : `No facts match “${q}”`);
    fired(this, 'search', { query: q, results: ids });
  }
  #card(id, lang) {
    const c = document.createElement('fact-card');
    c.setAttribute('fact', id);
    c.setAttribute('lang', lang);
    const src = this.getAttribute('src');
    if (src) c.setAttribute('src', src);
    return c;
  }
  async #typed() {
    if (!this.#set) return;
    const q = this.#input.value;
    const kinds = langCode(this) === 'zh' ? { entity: '名称', topic: '主题', fact: '事实' } : { entity: 'place or name', topic: 'topic', fact: 'fact' };
    // Completions at once; results once the reader pauses, so that each key does not fetch five cards.
    clearTimeout(this.#pause);
    this.#pause = setTimeout(() => this.#run(), PAUSE);
    const typed = ++this.#typing;
    let options = [];
    try {
      options = q.trim() ? await this.#set.suggest(q, 6) : [];
    } catch (e) {
      warnOnce(say(e));
    }
    if (typed !== this.#typing) return; // the reader typed on meanwhile
    this.#options = options;
    this.#list.replaceChildren();
    this.#options.forEach((o, i) => {
      const li = document.createElement('li');
      li.id = `o${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.i = i;
      li.lang = o.lang;
      li.append(o.text);
      const kind = document.createElement('small');
      kind.textContent = kinds[o.kind];
      li.append(kind);
      this.#list.append(li);
    });
    this.#select(-1);
    this.#show(this.#options.length > 0 && this.#root.activeElement === this.#input);
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
      if (this.#active >= 0 && !this.#list.hidden) this.#choose(this.#active);
      else {
        this.#close();
        this.#run();
      }
    } else if (e.key === 'Escape') {
      e.preventDefault(); // type=search would clear itself, and the results with it
      if (!this.#list.hidden) this.#close();
      else if (this.#input.value) {
        this.#input.value = '';
        this.#run();
      }
    }
  }
  #select(i) {
    this.#active = i >= this.#options.length ? -1 : i;
    [...this.#list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === this.#active)));
    if (this.#active >= 0) {
      this.#input.setAttribute('aria-activedescendant', `o${this.#active}`);
      this.#list.children[this.#active].scrollIntoView?.({ block: 'nearest' });
    } else this.#input.removeAttribute('aria-activedescendant');
  }
  #choose(i) {
    const o = this.#options[i];
    if (!o) return;
    this.#input.value = o.text;
    this.#close();
    this.#run();
  }
  #show(open) {
    this.#list.hidden = !open;
    this.#input.setAttribute('aria-expanded', String(open));
  }
  #close() {
    ++this.#typing; // completions still on their way are for what was typed before: they open nothing
    this.#select(-1);
    this.#show(false);
  }
}
