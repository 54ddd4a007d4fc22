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

/** The primary language of an element, lowercase: 'zh' for `zh-Hans-CN`, 'pt' for `pt-BR`. */
export const langCode = (el) => langOf(el).split(/[-_]/)[0].toLowerCase();
