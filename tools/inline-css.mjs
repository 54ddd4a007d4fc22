// Writes factcard-inline.css: the elements' styles as one external style sheet, for the shadow roots that
// `factcard inline` writes into pages (declarative Shadow DOM, where constructed style sheets cannot be given
// without a script, and an inline <style> would need CSP 'unsafe-inline').
//
// The sheet is linked twice in an inlined page: once in its <head>, where a style sheet blocks the first paint until
// it has loaded, and once in each shadow root, which then applies the already loaded sheet in the first frame (a
// link in a shadow root alone does not hold the paint, and the card would show unstyled for a moment). So every rule
// must match nothing in the page itself: each selector is scoped to `:host` (which matches only in a shadow root),
// and each element's own rules to `:host(fact-card)` etc. The rules are the ones the elements give their shadow roots
// (js/styles.js and each element's CSS), read from the sources so that the two cannot drift; a page test checks
// that an inlined card and a drawn one have the same computed styles.
//   node tools/inline-css.mjs > pkg/factcard-inline.css
import { readFileSync } from 'node:fs';

const js = (f) => readFileSync(new URL(`../js/${f}`, import.meta.url), 'utf8');

/** The value of `const NAME = `…`;` in a module's source, with `${X}` filled from `vars`. */
function constant(src, name, vars = {}) {
  const m = src.match(new RegExp(`const ${name} = (['\`])([\\s\\S]*?)\\1;`));
  if (!m) throw new Error(`no const ${name}`);
  return m[2].replace(/\$\{(\w+)\}/g, (_, v) => {
    if (!(v in vars)) throw new Error(`unknown \${${v}} in ${name}`);
    return vars[v];
  });
}

/** Splits at top-level commas (not inside parentheses or brackets). */
function commas(s) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if ('(['.includes(s[i])) depth++;
    else if (')]'.includes(s[i])) depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim());
}

/** Scopes one selector to `host` (':host' or ':host(fact-card)'). */
function scope(sel, host) {
  if (sel.startsWith(':host')) {
    if (host === ':host') return sel;
    const el = host.slice(6, -1);
    // :host → :host(fact-card); :host([hidden]) → :host(fact-card[hidden]); :host(:not(x)) → :host(fact-card:not(x))
    return sel === ':host' ? host : sel.replace(/^:host\((.*?)\)/, (_, inner) => `:host(${el}${inner})`).replace(/^:host(?=[^(]|$)/, host);
  }
  return `${host} ${sel}`;
}

/** Scopes every rule of `css` (rules and @media blocks of rules, as the elements write them). */
function scoped(css, host) {
  let out = '';
  let i = 0;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const head = text.slice(i, open).trim();
    let depth = 1;
    let j = open + 1;
    for (; depth; j++) depth += text[j] === '{' ? 1 : text[j] === '}' ? -1 : 0;
    const body = text.slice(open + 1, j - 1);
    out += head.startsWith('@') ? `${head}{${scoped(body, host)}}` : `${commas(head).map((s) => scope(s, host)).join(',')}{${body.trim()}}`;
    i = j;
  }
  return out;
}

const styles = js('styles.js');
const shared = constant(styles, 'CSS', { DARK: constant(styles, 'DARK') });
let out = `/* factcard-inline.css: the styles of elements written into pages by \`factcard inline\` (see tools/inline-css.mjs). */\n${scoped(shared, ':host')}\n`;
for (const [file, el] of [['card.js', 'fact-card'], ['ref.js', 'fact-ref'], ['search.js', 'fact-search']]) {
  out += `${scoped(constant(js(file), 'CSS'), `:host(${el})`)}\n`;
}
// Only in inlined markup: the "Copy citation" row is written into the card so that nothing moves when the script
// arrives, and is invisible (but keeps its place) until the element is defined; without JavaScript it stays so.
out += ':host(fact-card:not(:defined)) .actions{visibility:hidden}\n';
process.stdout.write(out);
