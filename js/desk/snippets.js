// The code to paste into articles, for one fact in one language. What the desk gives to paste is checked as the
// elements check what they show: a tampered file of this folder must not put markup into a publisher's pages.

import { esc } from './dom.js';

/** A card's static HTML if it passes factcard's allowlist (`checkCard`), else a note saying it does not. */
function checkedCard(api, html) {
  try {
    api.checkCard(html);
    return html;
  } catch (e) {
    return `<!-- refused: this card's file is not what factcard writes (${e.message.replace(/-->/g, '')}) -->`;
  }
}

/** JSON-LD in its script element, if it is JSON with no markup (the core writes < and > as \u escapes). */
function jsonld(ld) {
  try {
    JSON.parse(ld);
    if (!/[<>]/.test(ld)) return `<script type="application/ld+json">${ld}</script>`;
  } catch {
    /* said below */
  }
  return '<!-- refused: this fact’s JSON-LD is not what factcard writes -->';
}

/** The attributes every snippet's element carries: the folder (unless it is the default set's), the language. */
function attrs(data, id, lang) {
  return `${data.builtin ? '' : ` src="${esc(data.here.href)}"`} fact="${esc(id)}"${lang !== data.lang ? ` lang="${esc(lang)}"` : ''}`;
}

/** The script that sizes the iframe snippet to its card, taking heights only from the embed's origin. */
const listener = (origin) => `<script>
addEventListener('message', (e) => {
  if (e.origin !== '${origin}' || e.data?.type !== 'factcard:height') return;
  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = Math.min(Math.max(+e.data.height || 0, 0), 5000);
});
</script>`;

/**
 * The code to paste, each as [key, name, what it is for, code]: `d` is the fact's desk file, `staticHtml` its
 * card's static HTML in `lang` (as fetched: it is checked here).
 */
export function snippets(data, d, lang, staticHtml) {
  const f = d.fact;
  const t = (x) => data.inLang(x, lang);
  const script = `<script type="module" src="${esc(data.script.href)}"></script>`;
  const s = f.source;
  const cite = `${esc(s.publisher)}, ${esc(t(s.title))}`;
  const fallback = `<p>${esc(t(f.statement))} (${esc(t(f.dateText))}) Source: ${/^https?:\/\//i.test(s.url) ? `<a href="${esc(s.url)}">${cite}</a>` : cite}</p>`;
  const embed = new URL('embed.html', data.here);
  embed.searchParams.set('fact', f.id);
  if (lang !== data.lang) embed.searchParams.set('lang', lang);
  return [
    ['card', 'Card', 'The script line and the card. The fact’s own text inside it shows until the card loads, and to readers without JavaScript.',
      `${script}\n<fact-card${attrs(data, f.id, lang)}>\n  ${fallback}\n</fact-card>`],
    ['mention', 'Inline mention', 'Put it around words in your text; readers open the card from it.',
      `${script}\n<fact-ref${attrs(data, f.id, lang)}>${esc(t(f.title))}</fact-ref>`],
    ['iframe', 'Iframe', 'For systems that strip scripts from articles: the listener sizes the iframe to the card.',
      `<iframe src="${esc(embed.href)}" title="Fact: ${esc(t(f.title))}" width="100%" height="360" loading="lazy"></iframe>\n${listener(embed.origin)}`],
    ['static', 'Static HTML', 'The card as plain HTML, with no JavaScript at all (unstyled: give it your own CSS).', checkedCard(data.api, staticHtml)],
    ['jsonld', 'JSON-LD', 'The fact as schema.org structured data, for search engines: put it in the page’s head or body.',
      jsonld(d.jsonld[lang] ?? Object.values(d.jsonld)[0])],
    ['json', 'JSON', 'The fact as the JavaScript API returns it.', JSON.stringify(f, null, 2)],
  ];
}
