// <fact-ref fact="ID">text</fact-ref> (or entity="ID"): an inline mention whose card shows in a popover.

import { Base, cardFor, fired, shadow } from './base.js';
import { fit, levelAt } from './heading.js';
import { later, soon } from './schedule.js';
import { sourceOf } from './sources.js';
import { langCode } from './strings.js';

const CSS = `:host{display:inline;font:inherit;color:inherit;letter-spacing:inherit;text-transform:inherit}
.mention{font:inherit;letter-spacing:inherit;word-spacing:inherit;text-transform:inherit;white-space:inherit;text-decoration:underline dotted var(--accent) 1.5px;text-underline-offset:.2em;cursor:help;color:inherit;border-radius:2px}
.pop{position:fixed;z-index:2147483647;margin:0;padding:0;border:0;width:min(24rem,calc(100vw - 16px));max-height:min(70vh,32rem);overflow:auto;
 inset:auto;box-shadow:0 6px 24px rgba(0,0,0,.25);border-radius:var(--factcard-radius,6px);opacity:1}
.pop:not(.open){display:none}`;
const SHOW_DELAY = 350; // ms of hover before the card opens, as page previews do
const HIDE_GRACE = 300; // ms to move the pointer from the mention to the card

/**
 * <fact-ref fact="ID">text</fact-ref> (or entity="ID"): an inline mention that shows the card in a popover on
 * hover, keyboard focus or tap. Escape, leaving it or tapping outside closes it; it never traps focus. A script
 * may open or close it with `toggle(show)`; `open` says whether it is open.
 */
export class FactRef extends Base {
  static observedAttributes = ['fact', 'entity', 'lang', 'src', 'heading-level'];
  #root;
  #mention;
  #pop;
  #escape;
  #outside;
  #reflow;
  #timer = 0;
  #want = false;
  #inlined = ''; // what the card written into the page with its shadow root (`factcard inline`) shows
  constructor() {
    super((el) => el.#draw());
  }
  // The shadow root is built in the 8 ms slices after the element connects, so that a page with a thousand
  // mentions does not build them all in one task; until then the mention is plain text.
  connectedCallback() {
    if (this.shadowRoot && !this.#root) this.#build(); // written into the page: adopted at once
    super.connectedCallback(); // draws, once built
    if (!this.#root) soon(() => this.isConnected && !this.#root && (this.#build(), this.#draw()));
  }
  #build() {
    // Ids are scoped to each shadow root, so a fixed one is unique where it matters.
    const inlined = this.shadowRoot?.querySelector('.pop>article');
    this.#root = shadow(this, CSS, '<span class="mention" part="mention" tabindex="0" role="button" aria-expanded="false" aria-controls="pop"><slot></slot></span><div class="pop" part="popover" id="pop" role="dialog"></div>');
    const [m, pop] = this.#root.children;
    [this.#mention, this.#pop] = [m, pop];
    if (inlined) {
      // Written into the page, where without a script the mention is plain text: now it is a button, and its card
      // is there already.
      for (const [k, v] of [['tabindex', '0'], ['role', 'button'], ['aria-expanded', 'false'], ['aria-controls', 'pop']]) m.setAttribute(k, v);
      this.#inlined = this.#key();
      this.#label();
    }
    if ('popover' in HTMLElement.prototype) pop.popover = 'manual';
    m.addEventListener('pointerenter', (e) => e.pointerType === 'mouse' && this.#later(true, SHOW_DELAY));
    m.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && this.#later(false, HIDE_GRACE));
    pop.addEventListener('pointerenter', () => clearTimeout(this.#timer));
    pop.addEventListener('pointerleave', (e) => e.pointerType === 'mouse' && this.#later(false, HIDE_GRACE));
    m.addEventListener('click', () => this.toggle(!this.open));
    m.addEventListener('focus', () => m.matches(':focus-visible') && this.toggle(true));
    m.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.toggle(!this.open);
      }
    });
    // Escape closes it wherever focus is (a popover opened by hover must be dismissable too). Focus returns to
    // the mention first, so that its focus handler does not open it again.
    this.#escape = (e) => {
      if (e.key !== 'Escape' || !this.open) return;
      if (this.contains(document.activeElement) || this.#root.activeElement) m.focus({ preventScroll: true });
      this.toggle(false);
    };
    this.addEventListener('focusout', (e) => !this.contains(e.relatedTarget) && !this.#root.contains(e.relatedTarget) && this.toggle(false));
    this.#outside = (e) => !e.composedPath().includes(this) && this.toggle(false);
    this.#reflow = () => this.open && this.#place();
  }
  /** Whether the popover is open. */
  get open() {
    return !!this.#pop?.classList.contains('open');
  }
  #draw() {
    if (!this.#root) return; // drawn once built
    if (this.#inlined === this.#key()) return; // its card is in the page
    this.#inlined = '';
    if (this.open) this.#fill();
    // Fetch the card ahead, so that opening it later needs no request: once the cards are in and the page is idle,
    // so that cards, which readers see at once, are not queued behind mentions on an HTTP/1.1 connection.
    else later(() => sourceOf(this).warm(...this.#what(), langCode(this)).catch(() => {}));
  }
  disconnectedCallback() {
    this.toggle(false);
  }
  /** What it shows: ['entity', id] or ['fact', id]. */
  #what() {
    const ent = this.getAttribute('entity');
    return [ent ? 'entity' : 'fact', ent || this.getAttribute('fact') || ''];
  }
  #later(show, ms) {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.toggle(show), ms);
  }
  #key() {
    return [...this.#what(), langCode(this)].join(' ');
  }
  async #fill() {
    if (this.#inlined === this.#key()) return;
    const { nodes } = await cardFor(this, ...this.#what(), langCode(this));
    this.#pop.replaceChildren(nodes);
    this.#label();
  }
  #label() {
    fit(this.#pop, levelAt(this, false));
    this.#pop.setAttribute('aria-label', this.#pop.querySelector('.title')?.textContent || (langCode(this) === 'zh' ? '事实' : 'Fact'));
  }
  /** Opens or closes the popover; resolves once it is done (opening waits for the card). */
  async toggle(show) {
    if (!this.#root) {
      if (!show) return;
      this.#build();
    }
    clearTimeout(this.#timer);
    this.#want = show;
    if (show === this.open) return;
    if (show) {
      await this.#fill();
      // The reader may have left, or the element gone, while its card loaded.
      if (!this.#want || !this.isConnected || this.open) return;
      this.#pop.classList.add('open');
      this.#pop.showPopover?.();
      this.#place();
    } else {
      this.#pop.classList.remove('open');
      if (this.#pop.matches?.(':popover-open')) this.#pop.hidePopover();
    }
    this.#listen(show);
    this.#mention.setAttribute('aria-expanded', String(show));
    fired(this, show ? 'open' : 'close', { fact: this.getAttribute('fact'), entity: this.getAttribute('entity') });
  }
  // While it is open: a tap outside or Escape closes it; scrolling and resizing move it.
  #listen(on) {
    const how = on ? 'addEventListener' : 'removeEventListener';
    document[how]('pointerdown', this.#outside, true);
    document[how]('keydown', this.#escape);
    window[how]('scroll', this.#reflow, true);
    window[how]('resize', this.#reflow);
  }
  // Below the mention if it fits, else on the roomier side, with its height capped to that side; always inside
  // the viewport. Closes when the mention scrolls out of view.
  #place() {
    const r = this.#mention.getBoundingClientRect();
    const p = this.#pop;
    const vw = document.documentElement.clientWidth;
    const vh = innerHeight;
    if (r.bottom < 0 || r.top > vh) return this.toggle(false);
    const [above, below] = [r.top - 14, vh - r.bottom - 14];
    p.style.setProperty('max-height', '');
    const natural = p.offsetHeight;
    const down = below >= natural || below >= above;
    const room = Math.max(120, down ? below : above);
    if (natural > room) p.style.setProperty('max-height', `${room}px`);
    const h = p.offsetHeight;
    p.style.setProperty('top', `${Math.max(8, down ? r.bottom + 6 : r.top - h - 6)}px`);
    p.style.setProperty('left', `${Math.max(8, Math.min(r.left, vw - p.offsetWidth - 8))}px`);
  }
}
