// The iframe embed of one card of a published folder (embed.html, written by `factcard site` beside the desk; the
// default set's is pkg/data/embed.html), for CMSs that strip scripts from articles:
//   <iframe src="https://cdn.example/facts/embed.html?fact=ID[&lang=zh][&theme=dark]" title="Fact: …"></iframe>
// It tells its parent its height with postMessage({ type: 'factcard:height', fact, height }), so that the parent
// can size the iframe (the desk's iframe snippet carries the listener). factcard.js is loaded by the page.
// Bundled and minified into the `factcard` binary (crates/publish/assets/embed.min.js, by `make desk-assets`).
//
// Anyone can link to this page with any parameters, under the publisher's address: so `fact` must be an id, and
// `lang` one of the folder's languages (set.json), or the card is not shown in it.

import { ID, LANG } from './strings.js';

/** The folder's language that `wanted` names (any case), else its default. */
async function language(wanted) {
  const r = await fetch('set.json', { referrerPolicy: 'no-referrer' });
  const langs = r.ok ? (await r.json()).languages : [];
  const tag = langs.find((l) => l.toLowerCase() === wanted.toLowerCase()) || langs[0];
  return LANG.test((tag || '').toLowerCase()) ? tag : 'en';
}

/** A function that tells the page that embeds this one its height, when it has changed. */
function teller(fact) {
  // Only to the page that embeds it (the origin of the nearest ancestor, where the browser tells it).
  const above = location.ancestorOrigins?.[0];
  const to = above && above !== 'null' ? above : '*';
  let last = 0;
  return () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last && parent !== window) {
      last = height;
      parent.postMessage({ type: 'factcard:height', fact, height }, to);
    }
  };
}

function start() {
  const params = new URLSearchParams(location.search);
  const id = params.get('fact') || '';
  const fact = ID.test(id) ? id : '';
  const theme = params.get('theme');
  const card = document.createElement('fact-card');
  card.setAttribute('fact', fact);
  card.setAttribute('src', new URL('./', location.href).href);
  if (theme === 'light' || theme === 'dark') card.setAttribute('theme', theme);
  if (theme === 'dark') document.body.classList.add('dark');
  card.textContent = 'Loading fact…';
  (params.get('lang') ? language(params.get('lang')).catch(() => 'en') : Promise.resolve('')).then((lang) => {
    if (lang) {
      card.setAttribute('lang', lang);
      document.documentElement.lang = lang;
    }
    document.getElementById('card').replaceChildren(card);
  });
  const tell = teller(fact);
  new ResizeObserver(tell).observe(document.documentElement);
  card.addEventListener('factcard:render', (e) => {
    // The card's title, at whatever heading level it has (heading.js gives a card alone on a page an <h2>).
    document.title = e.detail.found ? card.shadowRoot?.querySelector('.title')?.textContent || document.title : 'Fact not found';
    tell();
  });
}

start();
