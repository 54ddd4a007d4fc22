// One fact: its title, the preview's switches (language, theme, width, shown as), the preview, and the code that
// embeds it, each snippet with its copy button.

import { address } from './address.js';
import { $, esc } from './dom.js';
import { preview } from './preview.js';
import { snippets } from './snippets.js';

const langName = (tag) => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) || tag;
  } catch {
    return tag;
  }
};

function radios(name, legend, options, value) {
  return `<fieldset><legend>${legend}</legend>${options.map(([v, text]) =>
    `<label><input type="radio" name="${name}" value="${esc(v)}"${v === value ? ' checked' : ''}> ${esc(text)}</label>`).join('')}</fieldset>`;
}

/** The detail's frame, built once per fact (switching its language keeps the form, and focus in it). */
function frame(langs, lang) {
  return `<p><a href="" class="back">Back to the results</a></p>
      <h2 id="title" tabindex="-1"></h2>
      <p class="meta" id="about"></p>
      <form id="switches" class="switches" aria-label="Preview">
        ${radios('lang', 'Language', langs.map((l) => [l, `${langName(l)} (${l})`]), lang)}
        ${radios('theme', 'Theme', [['light', 'Light'], ['dark', 'Dark']], 'light')}
        ${radios('w', 'Width', [['680', '680 px article column'], ['320', '320 px phone']], '680')}
        ${radios('as', 'Show as', [['card', 'Card'], ['mention', 'Inline mention'], ['iframe', 'Iframe']], 'card')}
      </form>
      <div id="stage" class="stage"></div>
      <h2>Embed code</h2>
      <div id="snippets" class="snippets"></div>`;
}

/** Copies a snippet, and says so beside its button. */
async function copy(e) {
  const b = e.target.closest('button[data-copy]');
  if (!b) return;
  const code = $(`code-${b.dataset.copy}`).textContent;
  const said = b.nextElementSibling;
  try {
    await navigator.clipboard.writeText(code);
    said.textContent = 'Copied';
    b.classList.add('copied');
  } catch {
    getSelection().selectAllChildren($(`code-${b.dataset.copy}`));
    said.textContent = 'Selected: press Ctrl+C (⌘C) to copy';
  }
  setTimeout(() => {
    said.textContent = '';
    b.classList.remove('copied');
  }, 4000);
}

export class Detail {
  /** `desk` owns the state and the data; `built` is the fact whose detail is built. */
  constructor(desk) {
    this.desk = desk;
    this.built = '';
  }

  /** Shows the fact of state `s` (#id), moving focus to its title if `focus`. */
  async show(s, focus) {
    const { desk } = this;
    const { data } = desk;
    const box = $('detail');
    let d;
    try {
      d = await data.fact(s.fact);
    } catch {
      this.built = '';
      box.innerHTML = `<p><a href="${esc(address({ ...s, fact: '' }))}" class="back">Back to the results</a></p><h2 id="title" tabindex="-1">No fact “${esc(s.fact)}”</h2><p>This folder has no fact with that id.</p>`;
      if (focus) $('title').focus();
      return;
    }
    const f = d.fact;
    const langs = data.facets.languages;
    const lang = langs.includes(s.lang) ? s.lang : langs[0];
    const staticHtml = await data.staticCard(lang, f.id);
    if (desk.state !== s) return; // moved on meanwhile
    if (this.built !== s.fact || !$('stage')) {
      this.built = s.fact;
      box.innerHTML = frame(langs, lang);
      $('switches').addEventListener('change', (e) => desk.go({ [e.target.name]: e.target.value }, true));
      $('snippets').addEventListener('click', copy);
    }
    box.querySelector('a.back').href = address({ ...s, fact: '' });
    $('title').textContent = data.inLang(f.title, lang);
    $('title').lang = lang;
    $('about').innerHTML = `<code>${esc(f.id)}</code> · ${esc(data.inLang(f.dateText, lang))} · ${esc(f.source.publisher)}`;
    for (const input of $('switches').querySelectorAll('input')) {
      const v = s[input.name] || { lang, theme: 'light', w: '680', as: 'card' }[input.name];
      input.checked = input.value === v;
    }
    preview(data, f, s, lang);
    $('snippets').innerHTML = snippets(data, d, lang, staticHtml).map(([k, name, what, code]) => `<section class="snippet" aria-labelledby="s-${k}">
      <h3 id="s-${k}">${name}</h3><p>${what}</p>
      <pre tabindex="0" aria-labelledby="s-${k}"><code id="code-${k}">${esc(code)}</code></pre>
      <p class="copy"><button type="button" data-copy="${k}">Copy ${name}</button> <span class="said" role="status"></span></p></section>`).join('');
    if (focus) $('title').focus();
  }
}
