// The iframe embed, for CMSs that strip scripts from articles:
//   <iframe src="https://cdn.example/factcard/www/embed.html?fact=ID&lang=zh&theme=dark[&src=…]" title="Fact" …></iframe>
// It shows one card and tells its parent its height with postMessage({ type: 'factcard:height', fact, height }),
// so the parent can size the iframe (see README).
import '../pkg/factcard.js';

const params = new URLSearchParams(location.search);
const fact = params.get('fact') || '';
const card = document.createElement('fact-card');
card.setAttribute('fact', fact);
for (const name of ['lang', 'theme']) {
  const v = params.get(name);
  if (v) card.setAttribute(name, v);
}
// Facts from this site only: a link must not make the publisher's page show someone else's "fact".
const src = params.get('src');
if (src && new URL(src, location.href).origin === location.origin) card.setAttribute('src', src);
if (params.get('lang')) document.documentElement.lang = params.get('lang');
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
  document.title = card.shadowRoot?.querySelector('.title')?.textContent || document.title;
  if (!e.detail.found) document.title = 'Fact not found';
  tell();
});
