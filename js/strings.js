// Shared by every module: the language of an element and the console messages, each cause once per page. The
// elements' own texts (labels, notices) sit beside the code that shows them, in English and Chinese; cards come in
// every language of their data set.

export const TAG = 'factcard:';

/** An error's message, for a reader or the console. */
export function say(e) {
  return e?.message || String(e);
}

const warned = new Set();
let cause = ''; // a cause of every failure after it (the page's CSP blocks the CDN), once it has been said

/** Says in the console, as an error, a cause that explains every failure after it; the failures then say nothing. */
export function explain(msg) {
  if (cause) return;
  cause = msg;
  console.error(`${TAG} ${msg}`);
}

/** Whether a cause of every failure has been said. */
export const explained = () => !!cause;

/** Warns in the console once per page for each message, however many elements it concerns. */
export function warnOnce(msg) {
  if (!warned.has(msg) && !cause) {
    warned.add(msg);
    console.warn(`${TAG} ${msg}`);
  }
}

/** The language of an element: its own `lang`, the nearest ancestor's, the document's, else English. */
export function langOf(el) {
  let n = el;
  while (n) {
    if (n.nodeType === 1 && n.getAttribute('lang')) return n.getAttribute('lang');
    n = n.parentNode || n.host; // climb out of shadow roots too
  }
  return document.documentElement.lang || 'en';
}

/** The shape of a language tag (BCP 47, lowercased): nothing else may stand in an address. */
export const LANG = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/** The shape of a fact's or entity's id. */
export const ID = /^[a-z0-9-]{1,80}$/;

/**
 * The primary language of an element, lowercase: 'zh' for `zh-Hans-CN`, 'pt' for `pt-BR`; '' (the set's default)
 * when its `lang` is not a language tag at all (`lang="https://…"` must not become part of a card's address).
 */
export function langCode(el) {
  const l = langOf(el).toLowerCase().replace(/_/g, '-');
  return LANG.test(l) ? l.split('-')[0] : '';
}
