// Shared by every module: the language of an element and the console messages, each cause once per page. The
// elements' own texts (labels, notices) sit beside the code that shows them, in English and Chinese; cards come in
// every language of their data set.

export const TAG = 'factcard:';

/** An error's message, for a reader or the console. */
export function say(e) {
  return e?.message || String(e);
}

const warned = new Set();
/** Warns in the console once per page for each message, however many elements it concerns. */
export function warnOnce(msg) {
  if (!warned.has(msg)) {
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
