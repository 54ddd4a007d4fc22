// Styles: constructed style sheets (so no CSP 'unsafe-inline' is needed) in each shadow root, the rules all the
// elements share (themes, the reset of inherited page styles, cards), and the space a <fact-card> reserves. Each
// element's own rules are in its module.

import { refused } from './policy.js';

// Readers' settings: borders, bars, focus and the chosen completion stay visible in forced colors; the accent edge
// follows the page's direction (border-inline-start); controls are at least 24×24 px. SVG text cannot wrap, so chart
// labels keep their spacing under a reader's text spacing (WCAG 1.4.12): the figure list holds the same labels as
// HTML text, which takes it. Titles are .title, whatever heading level heading.js gives them.

const DARK = '--factcard-fg:#e8eaed;--factcard-bg:#1e2023;--factcard-border:#4a4f56;--factcard-muted:#b9bec5;--factcard-accent:#7ab8ff;--factcard-link:#9ccaff';
const CSS = `
:host{--fg:var(--factcard-fg,#1c1d1f);--bg:var(--factcard-bg,#fff);--muted:var(--factcard-muted,#50555c);
 --accent:var(--factcard-accent,#0b5cad);--line:var(--factcard-border,#c9ccd1);
}
/* The reset sits on the shadow root's children, not on :host, because page rules on the host element win. */
:host>*,.pop{font:var(--factcard-font,15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif);
 color:var(--fg);text-align:start;letter-spacing:normal;word-spacing:normal;text-transform:none;text-indent:0;
 font-style:normal;font-weight:400;white-space:normal}
:host([hidden]){display:none}
@media (prefers-color-scheme:dark){:host(:not([theme=light])){${DARK}}}
:host([theme=dark]){${DARK}}
.card,.pop,.results,.box{box-sizing:border-box;background:var(--bg);color:var(--fg)}
.card{padding:.75em 1em;margin:0;border:1px solid var(--line);border-inline-start:4px solid var(--accent);border-radius:var(--factcard-radius,6px);overflow-wrap:anywhere}
.title{font-size:1.05em;line-height:1.3;margin:0 0 .35em;font-weight:650;color:inherit}
p{margin:.35em 0}
dl{margin:.5em 0;display:flex;flex-wrap:wrap;gap:.25em 1.5em}
.figure{min-width:8em;max-width:100%}
dt{font-size:.82em;color:var(--muted)}
dd{margin:0;font-weight:650;font-variant-numeric:tabular-nums}
.period,.date,.source,.status,.updated,.built{color:var(--muted);font-size:.86em;font-weight:400}
.stale{font-weight:650;border-inline-start:3px solid var(--accent);padding-inline-start:.5em}
.corrections summary{color:inherit}
a{color:var(--factcard-link,#0b5cad)}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
details{font-size:.9em;margin-top:.4em}
summary{cursor:pointer;color:var(--muted);min-height:24px}
ul{margin:.3em 0;padding-inline-start:1.2em}
li{margin:.2em 0}
.chart{display:block;width:100%;max-width:22em;height:auto;margin:.25em 0 .5em}
.chart text{font-size:11px;fill:currentColor;letter-spacing:normal!important;word-spacing:normal!important}
.chart .value{font-weight:650}
.chart .bar{fill:var(--accent)}
.missing{color:var(--muted);font-size:.9em}
.actions{display:flex;align-items:center;gap:.75em;margin-top:.5em}
button{font:inherit;font-size:.86em;color:var(--accent);background:transparent;border:1px solid currentColor;border-radius:4px;padding:.2em .7em;min-height:32px;cursor:pointer}
@media (prefers-reduced-motion:no-preference){.pop{transition:opacity .12s ease-out}}
@media (forced-colors:active){.chart .bar{fill:CanvasText}.pop{border:1px solid CanvasText}}
`;

// Until its card is there, a <fact-card> reserves the height of a typical card, so that the page moves as little
// as possible when it arrives (a document-level constructed sheet: no CSP 'unsafe-inline').
try {
  if (refused) throw 0; // the page's CSP refused the policy: no elements, so nothing to reserve space for
  const reserve = new CSSStyleSheet();
  // :where() gives it no specificity, so that the page's own rules for fact-card win; [hidden] stays hidden. A
  // search box, defined a moment after the cards (factcard.js), reserves the height of its label and input.
  reserve.replaceSync(':where(fact-card:not([data-ready],[hidden])){display:block;margin:1em 0;min-height:var(--factcard-min-height,18rem)}'
    + ':where(fact-search:not(:defined,[hidden])){display:block;margin:1em 0;min-height:71px}');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, reserve];
} catch {
  /* old browsers: no reservation */
}

const sheets = new Map();
/** Gives a shadow root the shared styles and its element's own `css`: one constructed sheet per kind of element. */
export function styles(root, css) {
  try {
    let s = sheets.get(css);
    if (!s) {
      s = new CSSStyleSheet();
      s.replaceSync(CSS + css);
      sheets.set(css, s);
    }
    root.adoptedStyleSheets = [s];
  } catch {
    const el = document.createElement('style'); // very old browsers; needs style-src 'unsafe-inline' under a CSP
    el.textContent = CSS + css;
    root.append(el);
  }
}
