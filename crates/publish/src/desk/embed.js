// The iframe embed of one card of this folder (written by `factcard site` beside the desk; the default set's is
// pkg/data/embed.html), for CMSs that strip scripts from articles:
//   <iframe src="https://cdn.example/facts/embed.html?fact=ID[&lang=zh][&theme=dark]" title="Fact: …"></iframe>
// It tells its parent its height with postMessage({ type: 'factcard:height', fact, height }), so that the parent
// can size the iframe (the desk's iframe snippet carries the listener). factcard.js is loaded by the page.

const params = new URLSearchParams(location.search);
const fact = params.get('fact') || '';
const card = document.createElement('fact-card');
card.setAttribute('fact', fact);
card.setAttribute('src', new URL('./', location.href).href);
for (const name of ['lang', 'theme']) {
  const v = params.get(name);
  if (v) card.setAttribute(name, v);
}
if (params.get('lang')) document.documentElement.lang = params.get('lang');
if (params.get('theme') === 'dark') document.body.classList.add('dark');
card.textContent = 'Loading fact…';
document.getElementById('card').replaceChildren(card);

let last = 0;
const tell = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== last && parent !== window) {
    last = height;
    parent.postMessage({ type: 'factcard:height', fact, height }, '*');
  }
};
new ResizeObserver(tell).observe(document.documentElement);
card.addEventListener('factcard:render', (e) => {
  // The card's title, at whatever heading level it has (heading.js gives a card alone on a page an <h2>).
  document.title = e.detail.found ? card.shadowRoot?.querySelector('.title')?.textContent || document.title : 'Fact not found';
  tell();
});
