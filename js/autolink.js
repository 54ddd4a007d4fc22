// autolink: the first mention of each known place, company or institution in a container's text becomes a
// <fact-ref entity="…">.

import { sourceOf } from './sources.js';
import { say, warnOnce } from './strings.js';

const SKIP = 'a,button,code,pre,script,style,textarea,input,select,option,label,summary,fact-ref,fact-card,fact-search,h1,h2,h3,h4,h5,h6,[contenteditable],[data-no-autolink]';
const patterns = new Map(); // src -> a promise of { re, byText }

/**
 * One regular expression for all the names ([text, id] pairs), and the id of each name. Case matters ("MOST" is
 * a ministry, "most" is not); Latin names stand as whole words, Chinese need none. One word-boundary check around
 * all the Latin names, not one per name: hundreds of Unicode lookarounds take V8 over 100 ms to compile, a shared
 * pair about 1 ms. Within each group, longest names come first, and the other names (Chinese, or with a dash:
 * "Chengdu–Chongqing Economic Circle") before the Latin ones, since where both match at one place the other name
 * is the longer.
 */
function pattern(names) {
  const byText = new Map(names);
  const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const latin = (n) => /^[\x00-\u024f]+$/.test(n);
  const group = (keep) => names.filter(([n]) => keep(n)).map(([n]) => esc(n)).join('|');
  const [lat, other] = [group(latin), group((n) => !latin(n))];
  const alt = [other, lat && `(?<![\\p{L}\\p{N}_])(?:${lat})(?![\\p{L}\\p{N}_])`].filter(Boolean).join('|');
  return { re: alt ? new RegExp(alt, 'gu') : null, byText };
}

/** The text nodes of `container` that may be linked (not in links, headings, code, form fields…). */
function textNodes(container) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}

/**
 * Marks the first mention of each known entity in `container`'s text as a <fact-ref entity="…">, and resolves to
 * how many it marked. Runs by itself on every element with the `autolink` attribute (which may name a `src`).
 */
export async function autolink(container) {
  const src = container.getAttribute('src') || '';
  if (!patterns.has(src)) patterns.set(src, sourceOf(container).mentions().then(pattern));
  let re;
  let byText;
  try {
    ({ re, byText } = await patterns.get(src));
  } catch (e) {
    warnOnce(`could not load the names to autolink: ${say(e)}`);
    return 0;
  }
  if (!re) return 0;
  const done = new Set();
  let linked = 0;
  for (let node of textNodes(container)) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(node.data))) {
      const id = byText.get(m[0]);
      if (!id || done.has(id)) continue;
      done.add(id);
      const rest = node.splitText(m.index);
      node = rest.splitText(m[0].length);
      const ref = document.createElement('fact-ref');
      ref.setAttribute('entity', id);
      if (src) ref.setAttribute('src', src);
      rest.replaceWith(ref);
      ref.append(rest);
      linked++;
      re.lastIndex = 0;
    }
  }
  return linked;
}
