// The iframe embed of one card of this folder (written by `factcard site` beside the desk; the default set's is
// pkg/data/embed.html), for CMSs that strip scripts from articles:
//   <iframe src="https://cdn.example/facts/embed.html?fact=ID[&lang=zh][&theme=dark]" title="Fact: …"></iframe>
// It tells its parent its height with postMessage({ type: 'factcard:height', fact, height }), so that the parent
// can size the iframe (the desk's iframe snippet carries the listener). factcard.js is loaded by the page.
//
// Anyone can link to this page with any parameters, under the publisher's address: so `fact` must be an id, and
// `lang` one of the folder's languages (languages.json), or the card is not shown in it.

const params = new URLSearchParams(location.search);
const id = params.get('fact') || '';
const fact = /^[a-z0-9-]{1,80}$/.test(id) ? id : '';
const theme = params.get('theme');
const card = document.createElement('fact-card');
card.setAttribute('fact', fact);
card.setAttribute('src', new URL('./', location.href).href);
if (theme === 'light' || theme === 'dark') card.setAttribute('theme', theme);
if (theme === 'dark') document.body.classList.add('dark');
card.textContent = 'Loading fact…';

/** The folder's language that `wanted` names (any case), else its default. */
async function language(wanted) {
  const r = await fetch('languages.json', { referrerPolicy: 'no-referrer' });
  const langs = r.ok ? (await r.json()).languages : [];
  const tag = langs.find((l) => l.toLowerCase() === wanted.toLowerCase()) || langs[0];
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(tag || '') ? tag : 'en';
}

(params.get('lang') ? language(params.get('lang')).catch(() => 'en') : Promise.resolve('')).then((lang) => {
  if (lang) {
    card.setAttribute('lang', lang);
    document.documentElement.lang = lang;
  }
  document.getElementById('card').replaceChildren(card);
});

// Only to the page that embeds it (the origin of the nearest ancestor, where the browser tells it).
const above = location.ancestorOrigins?.[0];
const to = above && above !== 'null' ? above : '*';
let last = 0;
const tell = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && parent !== window) {
    last = height;
    parent.postMessage({ type: 'factcard:height', fact, height }, to);
  }
};
new ResizeObserver(tell).observe(document.documentElement);
card.addEventListener('factcard:render', (e) => {
  // The card's title, at whatever heading level it has (heading.js gives a card alone on a page an <h2>).
  document.title = e.detail.found ? card.shadowRoot?.querySelector('.title')?.textContent || document.title : 'Fact not found';
  tell();
});
