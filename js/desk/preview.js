// The preview: the card as a reader sees it, as a card, a mention with its popover, or in an iframe of the
// folder's embed page, in a light or dark page of an article's or a phone's width.

import { $ } from './dom.js';

/** An element of factcard's with its attributes and text. */
function element(name, attrs, text) {
  const el = document.createElement(name);
  for (const [k, v] of attrs) el.setAttribute(k, v);
  el.textContent = text;
  return el;
}

/** Shows fact `f` in `lang` as state `s` asks (its theme, w and as). */
export function preview(data, f, s, lang) {
  const stage = $('stage');
  stage.className = `stage ${s.theme === 'dark' ? 'dark' : 'light'} w${s.w === '320' ? 320 : 680} as-${s.as === 'mention' || s.as === 'iframe' ? s.as : 'card'}`;
  const theme = s.theme === 'dark' ? 'dark' : 'light';
  const t = (x) => data.inLang(x, lang);
  const attrs = [['fact', f.id], ['src', data.here.href], ['lang', lang], ['theme', theme]];
  const page = document.createElement('div');
  page.className = 'page';
  page.lang = lang;
  if (s.as === 'mention') {
    const p = document.createElement('p');
    const ref = element('fact-ref', attrs, t(f.title));
    p.append(lang.startsWith('zh') ? '文章中提到：' : 'As the article says, ', ref, lang.startsWith('zh') ? '。' : '.');
    page.append(p);
    stage.replaceChildren(page);
    // Opened once it is defined, as a reader who hovers or taps it sees it.
    customElements.whenDefined('fact-ref').then(() => setTimeout(() => ref.isConnected && ref.toggle(true), 50));
  } else if (s.as === 'iframe') {
    const frame = document.createElement('iframe');
    const u = new URL('embed.html', data.here);
    u.searchParams.set('fact', f.id);
    u.searchParams.set('lang', lang);
    u.searchParams.set('theme', theme);
    frame.src = u.href;
    frame.title = `Fact: ${t(f.title)}`;
    frame.height = '360';
    page.append(frame);
    stage.replaceChildren(page);
  } else {
    page.append(element('fact-card', attrs, t(f.statement)));
    stage.replaceChildren(page);
  }
}
