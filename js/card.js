// <fact-card fact="ID" [src="…"]>: a fact as a card, with a "Copy citation" button.

import { Base, cardFor, fired, shadow } from './base.js';
import { fit, levelAt } from './heading.js';
import { arrives, later, soon, whenNear } from './schedule.js';
import { sourceOf } from './sources.js';
import { langCode, say, warnOnce } from './strings.js';

const CSS = `:host{display:block;margin:1em 0;contain:layout style}
.fallback{display:block;padding:.75em 1em;border:1px solid var(--line);border-radius:var(--factcard-radius,6px)}
.far{content-visibility:auto;contain-intrinsic-block-size:auto var(--factcard-min-height,18rem)}`;
// On a page of more than MANY cards, a card is laid out and painted only near the viewport (content-visibility:
// auto, in the space a card reserves until then): while a thousand cards were drawn, each frame spent 40 to 90 ms
// of the main thread on style, layout and paint, whatever the size of the slices; with it, under 30. Its text is in
// the page (find-in-page and assistive technology read it), but `innerText` of a card far from the viewport is
// empty there, as of any content the browser skips; on smaller pages every card is laid out.
const MANY = 100;
const cards = document.getElementsByTagName('fact-card');

/**
 * <fact-card fact="ID" [src="…"]>: a fact as a card. The text written inside it shows until the card is ready,
 * and stays if the card cannot be loaded.
 */
export class FactCard extends Base {
  static observedAttributes = ['fact', 'lang', 'src', 'heading-level'];
  #root;
  #fallback;
  #body;
  #drawn = 0;
  constructor() {
    super((el) => el.#draw());
  }
  // No shadow root until the card is there: the fallback text shows as plain content meanwhile, and a page with a
  // thousand cards does not build a thousand shadow roots in one task (they are built in the 8 ms slices).
  #draw() {
    const turn = ++this.#drawn;
    if (turn === 1 && this.#adopt()) return;
    if (this.#root) this.#load(turn);
    else whenNear(this, () => this.#load(turn));
  }
  async #load(turn, v) {
    if (turn !== this.#drawn) return; // a newer draw is under way
    const id = this.getAttribute('fact') || '';
    const lang = langCode(this);
    const { nodes, found, error } = await arrives(cardFor(this, 'fact', id, lang, v));
    soon(() => {
      if (turn !== this.#drawn) return; // a newer draw is under way
      if (!this.#root) {
        this.#root = shadow(this, CSS, '<div><slot class="fallback" part="fallback"></slot></div><div class="body"></div>');
        [this.#fallback, this.#body] = this.#root.querySelectorAll('div');
        if (cards.length > MANY) this.#body.className += ' far';
      }
      // A fact the set does not have (withdrawn, or a wrong id): the writer's own text stays, above the notice.
      this.#fallback.hidden = !error && (found || !this.textContent.trim());
      this.#body.replaceChildren(nodes);
      fit(this.#body, levelAt(this));
      this.dataset.ready = '';
      const card = this.#body.querySelector('article[data-citation]');
      if (card) card.append(copyButton(this, id, lang, card.dataset.citation));
      fired(this, 'render', { fact: id, found, error });
    });
  }
  // A card written into the page with its shadow root (`factcard inline`) is not fetched or drawn again: its
  // "Copy citation" button is made to work, and it is ready.
  #adopt() {
    const card = this.shadowRoot?.querySelector('.body>article');
    const id = this.getAttribute('fact') || '';
    if (!card || card.dataset.fact !== id) return false;
    this.#root = shadow(this, CSS, '');
    [this.#fallback, this.#body] = this.#root.querySelectorAll('div');
    // Its title at the level the page needs, as a drawn card's (inline writes the core's <h3>).
    fit(this.#body, levelAt(this));
    const row = card.querySelector('.actions');
    if (row) copyButton(this, id, langCode(this), card.dataset.citation, row);
    this.dataset.ready = '';
    fired(this, 'render', { fact: id, found: true });
    const v = this.dataset.version;
    if (v) later(() => this.#check(id, v));
    return true;
  }
  // An adopted card built with version `v` of its fact, checked once the page is idle against the set's current
  // version: the same, nothing to do (it still says when it was built: taking the line away would move the page);
  // another, the card is drawn again from the set, in place; none, the fact was withdrawn: the fallback text shows,
  // with a notice. A check that fails leaves the card as it was built.
  async #check(id, v) {
    let now;
    try {
      now = await sourceOf(this).version(id);
    } catch (e) {
      return warnOnce(`could not check the cards for corrections: ${say(e)}`);
    }
    if (now === v || this.#drawn !== 1) return;
    this.dataset.version = now;
    if (now) return this.#load(++this.#drawn, now);
    const p = document.createElement('p');
    p.className = 'card missing';
    p.setAttribute('role', 'status');
    p.textContent = langCode(this) === 'zh' ? '此数据已从数据集中撤回。' : 'This fact was withdrawn from the set.';
    soon(() => {
      this.#fallback.hidden = false;
      this.#body.replaceChildren(p);
      fired(this, 'render', { fact: id, found: false });
    });
  }
}

function copyButton(host, id, lang, text, row = document.createElement('div')) {
  // A card written in by `factcard inline` brings its row; otherwise it is built here (DOM calls, no markup).
  if (!row.firstChild) {
    row.className = 'actions';
    const [b, s] = [document.createElement('button'), document.createElement('span')];
    b.type = 'button';
    b.setAttribute('part', 'button');
    s.className = 'status';
    s.setAttribute('role', 'status');
    row.append(b, s);
    b.textContent = lang === 'zh' ? '复制引用' : 'Copy citation';
  }
  const [button, status] = row.children;
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
