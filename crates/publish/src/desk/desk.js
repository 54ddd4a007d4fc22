// The fact desk: find a fact, see it as readers will, copy the code that embeds it. `factcard site` writes this
// page into every published folder (its index.html), so the folder it is loaded from is the data set it shows and
// the address every snippet points at. It uses only factcard's public API (`openIndex`, `searchIds`) and elements, and
// files the site writer precomputed for it (desk/): it never downloads the set whole, so a desk over 100,000
// facts stays light.
//
//   desk/facets.json     entities (with their parents), topics, sources, years, with counts; the newest facts
//   desk/entities.json, desk/sources.json   all of them, for a large set (facets.json has those with most facts)
//   desk/f/ID.json       one fact: the API's object and its JSON-LD in each language
//
// The address holds the state (?q=…&entity=…&topic=…&source=…&year=…&sort=date#fact-id, and the preview's
// lang, theme, w and as), so a view can be sent to a colleague; back and forward replay it.

const HERE = new URL('./', location.href);
const SCRIPT = new URL(document.querySelector('script[data-factcard]').src, location.href);
// The default set lives in data/ beside factcard.js: its elements need no src.
const DEFAULT = new URL('data/', SCRIPT).href === HERE.href;
const PAGE = 20; // results shown at a time
const LIMIT = 100; // results asked of the index
const KEYS = ['q', 'entity', 'topic', 'source', 'year', 'sort', 'lang', 'theme', 'w', 'as'];
const $ = (id) => document.getElementById(id);

let facets = null; // desk/facets.json
let api = null; // factcard.js's exports
let set = null; // openIndex(HERE), once a search needs it
let state = {};
let shown = []; // the ids of the current results
let drawn = 0; // results drawn so far
let turn = 0; // the latest search (older answers are dropped)

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const ID = /^[a-z0-9-]{1,80}$/; // a fact's id: nothing else reaches an address
const get = (path) => fetch(new URL(path, HERE), { referrerPolicy: 'no-referrer' });
const json = (path) => get(path).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${path}: HTTP ${r.status}`))));
const text = (path) => get(path).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${path}: HTTP ${r.status}`))));
// Each card's static HTML (the snippet that works without JavaScript), fetched once per language.
const statics = new Map();
const staticCard = (lang, id) => {
  const key = `${lang}/${id}.html`;
  if (!statics.has(key)) statics.set(key, text(key).catch(() => (statics.delete(key), '')));
  return statics.get(key);
};
/** A text of the set (an object by language) in `lang`, else the set's default language, else any. */
const inLang = (x, lang) => (x ? x[lang] ?? x[facets.languages[0]] ?? Object.values(x)[0] ?? '' : '');

const facts = new Map();
/** One fact for the desk (desk/f/ID.json), fetched once. */
function fact(id) {
  if (!ID.test(id)) return Promise.reject(new Error(`not a fact id: ${id}`));
  if (!facts.has(id)) facts.set(id, json(`desk/f/${id}.json`).catch((e) => (facts.delete(id), Promise.reject(e))));
  return facts.get(id);
}

// ---- The address ----------------------------------------------------------------------------------------------

function read() {
  const p = new URLSearchParams(location.search);
  const s = {};
  for (const k of KEYS) s[k] = p.get(k) || '';
  try {
    s.fact = decodeURIComponent(location.hash.slice(1));
  } catch {
    s.fact = location.hash.slice(1);
  }
  return s;
}

function address(s) {
  const p = new URLSearchParams();
  for (const k of KEYS) if (s[k]) p.set(k, s[k]);
  const q = p.toString();
  return `${location.pathname}${q ? `?${q}` : ''}${s.fact ? `#${encodeURIComponent(s.fact)}` : ''}`;
}

/** Moves to state `s` (a new history entry unless `replace`), and shows it. */
function go(changes, replace = false) {
  const next = { ...state, ...changes };
  history[replace ? 'replaceState' : 'pushState'](null, '', address(next));
  show(next);
}

addEventListener('popstate', () => show(read()));

// ---- Finding ---------------------------------------------------------------------------------------------------

const filterKinds = [['entity', 'Entity'], ['topic', 'Topic'], ['source', 'Source'], ['year', 'Year']];

function label(kind, id) {
  const rows = { entity: facets.entities, topic: facets.topics, source: facets.sources, year: facets.years }[kind];
  const row = rows.find((r) => r[0] === id);
  if (!row) return id;
  return kind === 'source' ? `${row[1]}: ${row[2]}` : kind === 'year' ? row[0] : row[1];
}

const expanded = new Set(); // facets shown whole ("show all")
const CUT = 12; // items shown per facet (per level of the entity tree) until "show all"

/**
 * The facet lists: entities (as the tree of places and what lies in them), topics, sources and years, with their
 * counts. Of a large set, facets.json holds the entities and sources with the most facts; "show all" loads the
 * rest (desk/entities.json, desk/sources.json).
 */
function drawFacets() {
  const box = $('facet-lists');
  const item = (kind, id, name, n, extra) => `<li${extra ? ' class="extra" hidden' : ''}><button type="button" data-kind="${kind}" data-id="${esc(id)}" aria-pressed="false">${esc(name)} <span class="n">${n}</span></button>`;
  const all = (kind, n, total) => (total > n || (!expanded.has(kind) && n > CUT) ? `<li><button type="button" class="all" data-all="${kind}">Show all ${total}</button></li>` : '');
  // The entity tree: children under their parent, the most mentioned first.
  const kids = new Map();
  const known = new Set(facets.entities.map((e) => e[0]));
  for (const e of facets.entities) {
    const p = known.has(e[3]) ? e[3] : '';
    if (!kids.has(p)) kids.set(p, []);
    kids.get(p).push(e);
  }
  for (const list of kids.values()) list.sort((a, b) => b[4] - a[4] || a[1].localeCompare(b[1]));
  const cut = (kind, i) => !expanded.has(kind) && i >= CUT;
  const tree = (parent, depth) => {
    const list = kids.get(parent) || [];
    const items = list.map((e, i) => item('entity', e[0], e[1], e[4], cut('entity', i)) + (kids.has(e[0]) && depth < 8 ? tree(e[0], depth + 1) : '') + '</li>').join('');
    return `<ul class="tree">${items}${depth ? '' : all('entity', facets.entities.length, facets.allEntities ?? facets.entities.length)}</ul>`;
  };
  const flat = (kind, rows, name, count, total = rows.length) =>
    `<ul>${rows.map((r, i) => item(kind, r[0], name(r), count(r), cut(kind, i)) + '</li>').join('')}${all(kind, rows.length, total)}</ul>`;
  const sorted = (rows, n) => [...rows].sort((a, b) => b[n] - a[n]);
  box.innerHTML = [
    ['entity', 'Places and organisations', tree('', 0)],
    ['topic', 'Topics', flat('topic', sorted(facets.topics, 2), (r) => r[1], (r) => r[2])],
    ['source', 'Sources', flat('source', sorted(facets.sources, 3), (r) => `${r[1]}: ${r[2]}`, (r) => r[3], facets.allSources ?? facets.sources.length)],
    ['year', 'Years', flat('year', facets.years, (r) => r[0], (r) => r[1])],
    // Corrections and updates, the latest first: each opens its fact.
    ...(facets.changed?.length ? [['changed', 'Corrected or updated', `<ul class="changed">${facets.changed.map(([id, title, kind, date]) => `<li><a href="#${encodeURIComponent(id)}">${esc(title)}</a> <span class="n">${kind === 'corrected' ? 'Corrected' : 'Updated'} ${esc(date)}</span></li>`).join('')}</ul>`]] : []),
  ].map(([kind, title, list]) => `<section class="facet" aria-labelledby="f-${kind}"><h2 id="f-${kind}">${title}</h2>${list}</section>`).join('');
  markFacets();
}

async function showAll(kind) {
  expanded.add(kind);
  const whole = { entity: ['entities', 'allEntities'], source: ['sources', 'allSources'] }[kind];
  if (whole && facets[whole[1]] > facets[whole[0]].length) facets[whole[0]] = await json(`desk/${whole[0]}.json`);
  drawFacets();
  $(`f-${kind}`).nextElementSibling.querySelector('button[data-kind]')?.focus();
}

function onFacet(e) {
  const b = e.target.closest('button');
  if (!b) return;
  if (b.dataset.all) return showAll(b.dataset.all);
  const { kind, id } = b.dataset;
  go({ [kind]: state[kind] === id ? '' : id, fact: '' });
}

function markFacets() {
  for (const b of $('facet-lists').querySelectorAll('button[data-kind]')) {
    const on = state[b.dataset.kind] === b.dataset.id;
    b.setAttribute('aria-pressed', String(on));
    if (on) for (let li = b.closest('li'); li; li = li.parentElement.closest('li')) li.hidden = false;
  }
  $('active').innerHTML = filterKinds.filter(([k]) => state[k]).map(([k, name]) =>
    `<li>${name}: ${esc(label(k, state[k]))} <button type="button" data-kind="${k}" aria-label="Remove the filter ${name}: ${esc(label(k, state[k]))}">×</button></li>`).join('');
}

/**
 * The ids the current query and filters find, in the order asked for, `want` of them at least when there are so
 * many. The index is asked for no more than is shown (each result costs a request for its id list), except to
 * sort by date, which takes the first LIMIT.
 */
async function find(s, want) {
  const q = s.q.trim();
  // A year alone is a filter of the index like the others (its term lists the year's facts).
  if (!q && !(s.entity || s.topic || s.source || s.year)) return { ids: facets.newest.map((r) => r[0]), what: 'newest' };
  // The search a search box runs, at any size: the small search module over the folder's index (search/),
  // which filters by entity, topic, source and year itself.
  set ||= await api.openIndex(HERE);
  const limit = s.sort === 'date' ? LIMIT : want + 1;
  const options = { limit, entity: s.entity, topic: s.topic, source: s.source, year: s.year };
  let ids = [...await set.searchIds(q, options)];
  const partial = limit === want + 1 && ids.length === limit;
  if (partial) ids = ids.slice(0, want);
  // With one filter and nothing else, the facet's count is the number of results.
  const [only, ...others] = ['entity', 'topic', 'source'].filter((k) => s[k]);
  const rowsOf = { entity: [facets.entities, 4], topic: [facets.topics, 2], source: [facets.sources, 3] }[only];
  const exact = !q && !s.year && !others.length && rowsOf ? rowsOf[0].find((r) => r[0] === s[only])?.[rowsOf[1]] : undefined;
  return { ids, what: q ? 'search' : 'filter', capped: !partial && ids.length >= limit, partial, exact };
}

let found = null; // what find() last answered

function counted(s) {
  const n = found.exact ?? shown.length;
  if (!n) return s.q ? `No fact matches “${s.q}”` : 'No fact passes these filters';
  if (found.what === 'newest') return `The ${n} newest of ${facets.facts} facts`;
  const more = !found.exact && (found.capped || found.partial) ? '+' : '';
  return `${n}${more} ${n === 1 && !more ? 'fact' : 'facts'}${s.q ? ` for “${s.q}”` : ''}`;
}

async function results(s) {
  const mine = ++turn;
  $('count').textContent = 'Searching…';
  let f;
  try {
    f = await find(s, PAGE);
  } catch (e) {
    if (mine !== turn) return;
    $('results').replaceChildren();
    $('more').hidden = true;
    $('count').textContent = `Search failed: ${e.message}`;
    return;
  }
  let ids = f.ids;
  if (s.sort === 'date' && f.what !== 'newest') {
    // Dates come with each fact's desk file: all of the results are fetched to order them (at most LIMIT).
    const dated = await Promise.all(ids.slice(0, LIMIT).map(async (id) => [id, (await row(id))?.date ?? '']));
    ids = dated.sort((a, b) => (b[1] > a[1]) - (b[1] < a[1])).map((x) => x[0]);
  }
  if (mine !== turn) return;
  found = f;
  shown = ids;
  drawn = 0;
  $('results').replaceChildren();
  $('count').textContent = counted(s);
  await more(mine);
  if (mine === turn) $('results').dataset.turn = mine; // for tests: the results of search number `turn` are shown
}

const rows = new Map(); // id → what a result shows: the newest come with facets.json, others from desk/f/ID.json
/** What a result shows of a fact (in the set's default language), or null if it cannot be had. */
function row(id) {
  if (!rows.has(id)) {
    rows.set(id, fact(id).then(({ fact: f }) => {
      const lang = facets.languages[0];
      const t = (x) => inLang(x, lang);
      return { title: t(f.title), date: f.date, dateText: t(f.dateText), where: f.entities.map((e) => t(e.name)).join(', '), publisher: f.source.publisher, statement: t(f.statement) };
    }, () => (rows.delete(id), null)));
  }
  return rows.get(id);
}

/** Draws the next page of results (asking a sharded index for more first, when it has more). */
async function more(mine = turn) {
  if (found.partial && drawn + PAGE > shown.length) {
    const f = await find(state, drawn + PAGE);
    if (mine !== turn) return;
    found = f;
    shown = f.ids;
    $('count').textContent = counted(state);
  }
  const ids = shown.slice(drawn, drawn + PAGE);
  drawn += ids.length;
  $('more').hidden = drawn >= shown.length && !found.partial;
  const got = await Promise.all(ids.map(row));
  if (mine !== turn) return;
  $('results').insertAdjacentHTML('beforeend', got.map((r, i) => {
    const id = ids[i];
    const link = `<a href="${esc(address({ ...state, fact: id }))}" data-fact="${esc(id)}">${esc(r ? r.title : id)}</a>`;
    if (!r) return `<li>${link}</li>`;
    return `<li>${link}
      <p class="meta"><span>${esc(r.dateText)}</span>${r.where ? ` · <span>${esc(r.where)}</span>` : ''} · <span>${esc(r.publisher)}</span></p>
      <p class="statement">${esc(r.statement)}</p></li>`;
  }).join(''));
}

// ---- One fact: preview and snippets ------------------------------------------------------------------------------

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

/** The attributes every snippet's element carries: the folder (unless it is the default set's), the language. */
function attrs(id, lang) {
  return `${DEFAULT ? '' : ` src="${esc(HERE.href)}"`} fact="${esc(id)}"${lang !== facets.languages[0] ? ` lang="${esc(lang)}"` : ''}`;
}

// What the desk gives to paste into articles is checked as the elements check what they show: a tampered file of
// this folder must not put markup into a publisher's pages.
/** A card's static HTML if it passes factcard's allowlist, else a note saying it does not. */
function checkedCard(html) {
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

/** The code to paste, each with its name and what it is for. */
function snippets(f, d, lang, staticHtml) {
  const t = (x) => inLang(x, lang);
  const script = `<script type="module" src="${esc(SCRIPT.href)}"></script>`;
  const s = f.source;
  const cite = `${esc(s.publisher)}, ${esc(t(s.title))}`;
  const fallback = `<p>${esc(t(f.statement))} (${esc(t(f.dateText))}) Source: ${/^https?:\/\//i.test(s.url) ? `<a href="${esc(s.url)}">${cite}</a>` : cite}</p>`;
  const embed = new URL('embed.html', HERE);
  embed.searchParams.set('fact', f.id);
  if (lang !== facets.languages[0]) embed.searchParams.set('lang', lang);
  const listener = `<script>
addEventListener('message', (e) => {
  if (e.origin !== '${embed.origin}' || e.data?.type !== 'factcard:height') return;
  for (const f of document.querySelectorAll('iframe')) if (f.contentWindow === e.source) f.height = Math.min(Math.max(+e.data.height || 0, 0), 5000);
});
</script>`;
  return [
    ['card', 'Card', 'The script line and the card. The fact’s own text inside it shows until the card loads, and to readers without JavaScript.',
      `${script}\n<fact-card${attrs(f.id, lang)}>\n  ${fallback}\n</fact-card>`],
    ['mention', 'Inline mention', 'Put it around words in your text; readers open the card from it.',
      `${script}\n<fact-ref${attrs(f.id, lang)}>${esc(t(f.title))}</fact-ref>`],
    ['iframe', 'Iframe', 'For systems that strip scripts from articles: the listener sizes the iframe to the card.',
      `<iframe src="${esc(embed.href)}" title="Fact: ${esc(t(f.title))}" width="100%" height="360" loading="lazy"></iframe>\n${listener}`],
    ['static', 'Static HTML', 'The card as plain HTML, with no JavaScript at all (unstyled: give it your own CSS).', staticHtml],
    ['jsonld', 'JSON-LD', 'The fact as schema.org structured data, for search engines: put it in the page’s head or body.',
      jsonld(d.jsonld[lang] ?? Object.values(d.jsonld)[0])],
    ['json', 'JSON', 'The fact as the JavaScript API returns it.', JSON.stringify(f, null, 2)],
  ];
}

/** The preview: the card as a reader sees it, as a card, a mention with its popover, or in an iframe. */
function preview(f, s, lang) {
  const stage = $('stage');
  stage.className = `stage ${s.theme === 'dark' ? 'dark' : 'light'} w${s.w === '320' ? 320 : 680} as-${s.as === 'mention' || s.as === 'iframe' ? s.as : 'card'}`;
  const theme = s.theme === 'dark' ? 'dark' : 'light';
  const t = (x) => inLang(x, lang);
  const page = document.createElement('div');
  page.className = 'page';
  page.lang = lang;
  if (s.as === 'mention') {
    const p = document.createElement('p');
    const ref = document.createElement('fact-ref');
    for (const [k, v] of [['fact', f.id], ['src', HERE.href], ['lang', lang], ['theme', theme]]) ref.setAttribute(k, v);
    ref.textContent = t(f.title);
    p.append(lang.startsWith('zh') ? '文章中提到：' : 'As the article says, ', ref, lang.startsWith('zh') ? '。' : '.');
    page.append(p);
    stage.replaceChildren(page);
    // Opened once it is defined, as a reader who hovers or taps it sees it.
    customElements.whenDefined('fact-ref').then(() => setTimeout(() => ref.isConnected && ref.toggle(true), 50));
  } else if (s.as === 'iframe') {
    const frame = document.createElement('iframe');
    const u = new URL('embed.html', HERE);
    u.searchParams.set('fact', f.id);
    u.searchParams.set('lang', lang);
    u.searchParams.set('theme', theme);
    frame.src = u.href;
    frame.title = `Fact: ${t(f.title)}`;
    frame.height = '360';
    page.append(frame);
    stage.replaceChildren(page);
  } else {
    const card = document.createElement('fact-card');
    for (const [k, v] of [['fact', f.id], ['src', HERE.href], ['lang', lang], ['theme', theme]]) card.setAttribute(k, v);
    card.textContent = t(f.statement);
    page.append(card);
    stage.replaceChildren(page);
  }
}

// Iframes in the preview (embed.html of this folder) tell their height; no other window may.
addEventListener('message', (e) => {
  if (e.origin !== location.origin || e.data?.type !== 'factcard:height') return;
  for (const f of document.querySelectorAll('#stage iframe')) if (f.contentWindow === e.source) f.height = Math.min(Math.max(+e.data.height || 0, 0), 5000);
});

let detailFor = ''; // the fact whose detail is built (switching its language keeps the form, and focus in it)
async function detail(s, focus) {
  const box = $('detail');
  let d;
  try {
    d = await fact(s.fact);
  } catch {
    detailFor = '';
    box.innerHTML = `<p><a href="${esc(address({ ...s, fact: '' }))}" class="back">Back to the results</a></p><h2 id="title" tabindex="-1">No fact “${esc(s.fact)}”</h2><p>This folder has no fact with that id.</p>`;
    if (focus) $('title').focus();
    return;
  }
  const f = d.fact;
  const langs = facets.languages;
  const lang = langs.includes(s.lang) ? s.lang : langs[0];
  const t = (x) => inLang(x, lang);
  const staticHtml = checkedCard(await staticCard(lang, f.id));
  if (state !== s) return; // moved on meanwhile
  if (detailFor !== s.fact || !$('stage')) {
    detailFor = s.fact;
    box.innerHTML = `<p><a href="" class="back">Back to the results</a></p>
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
    $('switches').addEventListener('change', (e) => go({ [e.target.name]: e.target.value }, true));
    $('snippets').addEventListener('click', copy);
  }
  box.querySelector('a.back').href = address({ ...s, fact: '' });
  $('title').textContent = t(f.title);
  $('title').lang = lang;
  $('about').innerHTML = `<code>${esc(f.id)}</code> · ${esc(t(f.dateText))} · ${esc(f.source.publisher)}`;
  for (const input of $('switches').querySelectorAll('input')) {
    const v = s[input.name] || { lang, theme: 'light', w: '680', as: 'card' }[input.name];
    input.checked = input.value === v;
  }
  preview(f, s, lang);
  $('snippets').innerHTML = snippets(f, d, lang, staticHtml).map(([k, name, what, code]) => `<section class="snippet" aria-labelledby="s-${k}">
      <h3 id="s-${k}">${name}</h3><p>${what}</p>
      <pre tabindex="0" aria-labelledby="s-${k}"><code id="code-${k}">${esc(code)}</code></pre>
      <p class="copy"><button type="button" data-copy="${k}">Copy ${name}</button> <span class="said" role="status"></span></p></section>`).join('');
  if (focus) $('title').focus();
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

// ---- The desk ----------------------------------------------------------------------------------------------------

/** Shows state `s`: a fact's detail for #id, else the results of its query and filters. */
async function show(s) {
  const before = state;
  state = s;
  $('q').value = s.q;
  $('sort').value = s.sort === 'date' ? 'date' : 'relevance';
  markFacets();
  const open = Boolean(s.fact);
  $('find').hidden = open;
  $('detail').hidden = !open;
  document.title = open ? `${s.fact} – Fact desk` : s.q ? `“${s.q}” – Fact desk` : 'Fact desk';
  if (open) return detail(s, before.fact !== s.fact);
  const same = ['q', 'entity', 'topic', 'source', 'year', 'sort'].every((k) => before[k] === s[k]);
  if (!same || !$('results').children.length) await results(s);
  if (before.fact) $(`results`).querySelector(`a[data-fact="${CSS.escape(before.fact)}"]`)?.focus();
}

async function start() {
  $('count').textContent = 'Loading…';
  try {
    [facets, api] = await Promise.all([json('desk/facets.json'), import(SCRIPT.href)]);
  } catch (e) {
    $('count').textContent = `The desk could not start: ${e.message}. (factcard.js is expected at ${SCRIPT.href}; factcard site --script sets it.)`;
    return;
  }
  for (const [id, title, date, dateText, where, publisher, statement] of facets.newest) {
    rows.set(id, Promise.resolve({ title, date, dateText, where, publisher, statement }));
  }
  drawFacets();
  $('facet-lists').addEventListener('click', onFacet);
  // On a phone the filters start folded, under the search box.
  if (matchMedia('(max-width: 48rem)').matches) $('facets').open = false;
  $('search').addEventListener('submit', (e) => {
    e.preventDefault();
    go({ q: $('q').value.trim(), fact: '' });
  });
  // While typing, the results follow (one history entry per search, not per key).
  let typing = 0;
  $('q').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => $('q').value.trim() !== state.q && go({ q: $('q').value.trim(), fact: '' }, state.q !== '' && $('q').value.trim() !== ''), 300);
  });
  $('sort').addEventListener('change', () => go({ sort: $('sort').value === 'date' ? 'date' : '' }));
  $('active').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-kind]');
    if (b) {
      go({ [b.dataset.kind]: '', fact: '' });
      $('q').focus();
    }
  });
  $('more').addEventListener('click', () => {
    const first = drawn;
    more().then(() => $('results').children[first]?.querySelector('a')?.focus());
  });
  // Links to a fact or back to the results stay in the page.
  document.addEventListener('click', (e) => {
    if (e.target.closest('a.skip')) {
      // The address's fragment names a fact: the skip link moves focus without it.
      e.preventDefault();
      $('q').focus();
      return;
    }
    const a = e.target.closest('a[data-fact], a.back');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    go({ fact: a.dataset.fact || '' });
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && state.fact && !e.defaultPrevented && !e.target.closest?.('fact-ref')) go({ fact: '' });
  });
  await show(read());
  document.documentElement.dataset.ready = '';
}

start();
