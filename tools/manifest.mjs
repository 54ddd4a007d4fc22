// Writes custom-elements.json (the Custom Elements Manifest, schema 2.1.0) for pkg/, read from the sources so that it
// cannot drift from them: each element's attributes (its observedAttributes, and `theme` from the styles), the events
// it fires, its parts (the `part` attributes of its markup, and of the cards the Rust core writes), slots and CSS
// custom properties (with their defaults). Only the descriptions are written here. tests/pages/package.test.mjs
// validates the file against the schema and compares it with the elements in the browser.
//   node tools/manifest.mjs > pkg/custom-elements.json
import { readFileSync } from 'node:fs';

const read = (f) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8');
const all = (re, text) => [...text.matchAll(re)].map((m) => m[1]);
const uniq = (xs) => [...new Set(xs)];

const ATTRIBUTES = {
  fact: 'The id of the fact to show.',
  entity: 'The id of an entity (a place, company, plan) to show with its facts, instead of a fact.',
  lang: 'The language of its card and its own words (else the nearest ancestor\'s, else the document\'s).',
  src: 'Facts of your own: a folder written by `factcard site`, or a `.facts` bundle.',
  theme: '`light` or `dark`; else the reader\'s preference.',
  placeholder: 'The text in the empty box.',
  label: 'The label above the box (default "Search facts").',
  limit: 'How many results to show (default 5).',
  topic: 'Only facts on this topic (an id).',
  source: 'Only facts from this source (an id).',
  year: 'Only facts whose date or period covers this year.',
  'heading-level': 'The heading level of its card titles, 1 to 6, or `none` (a card: the level after the nearest heading before it; a popover: 2; search results: as the box stands).',
};
const EVENTS = {
  render: ['RenderDetail', 'The card is shown (or a "not found" or error card): `{ fact, found, error }`.'],
  copy: ['CopyDetail', 'The reader copied the citation: `{ fact, text, ok }`.'],
  open: ['ToggleDetail', 'The popover opened: `{ fact, entity }`.'],
  close: ['ToggleDetail', 'The popover closed: `{ fact, entity }`.'],
  search: ['SearchDetail', 'Results are shown: `{ query, results }` (ids).'],
};
const ELEMENTS = [
  ['FactCard', 'fact-card', 'js/card.js', 'A fact as a card: title, statement, figures and chart, date, source, the editor\'s note and corrections, "more about", and a "Copy citation" button.', 'The fallback text, shown until the card is ready (and, with a note, if it cannot be loaded).'],
  ['FactRef', 'fact-ref', 'js/ref.js', 'An inline mention whose card shows in a popover on hover, focus or tap.', 'The mention\'s text.'],
  ['FactSearch', 'fact-search', 'js/search.js', 'A search box with type-ahead (the ARIA combobox pattern) and results as cards.', null],
];

const styles = read('js/styles.js');
const cardParts = uniq(all(/part=\\"([a-z]+)\\"/g, read('crates/core/src/card.rs') + read('crates/core/src/chart.rs')).concat(all(/'part', '([a-z]+)'/g, read('js/base.js'))));
const props = (text) => [...text.matchAll(/var\((--factcard-[a-z-]+),([^)]*)\)/g)].map((m) => [m[1], m[2]]);
const shared = props(styles.replace(/const reserve[\s\S]*/, '')); // the reserve rule is a card's alone
const themed = /:host\(\[theme=/.test(styles);

const declarations = ELEMENTS.map(([name, tag, file, description, slot]) => {
  const src = read(file);
  const observed = JSON.parse(src.match(/static observedAttributes = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
  const attrs = uniq([...observed, ...(themed ? ['theme'] : [])]);
  const events = uniq([...src.matchAll(/fired\([^,]+, ([^,]+),/g)].flatMap((m) => all(/'([a-z]+)'/g, m[1])));
  const parts = uniq([...all(/part="([a-z]+)"/g, src), ...(tag === 'fact-search' ? [] : cardParts)]);
  const own = tag === 'fact-card' ? props(styles.match(/const reserve[\s\S]*/)[0]) : [];
  const cssProperties = [];
  for (const [p, d] of [...shared, ...props(src), ...own]) {
    if (!cssProperties.some((c) => c.name === p)) cssProperties.push({ name: p, default: d.trim() });
  }
  const decl = {
    kind: 'class',
    name,
    description,
    tagName: tag,
    customElement: true,
    superclass: { name: 'HTMLElement' },
    attributes: attrs.map((a) => ({ name: a, type: { text: a === 'limit' || a === 'year' ? 'number' : a === 'theme' ? "'light' | 'dark'" : 'string' }, description: ATTRIBUTES[a] ?? '' })),
    events: events.map((e) => ({ name: `factcard:${e}`, type: { text: `CustomEvent<${EVENTS[e]?.[0] ?? 'unknown'}>` }, description: EVENTS[e]?.[1] ?? '' })),
    cssParts: parts.map((p) => ({ name: p })),
    cssProperties,
    slots: slot ? [{ name: '', description: slot }] : [],
    members: [],
  };
  if (tag === 'fact-ref') {
    decl.members.push({ kind: 'field', name: 'open', readonly: true, type: { text: 'boolean' }, description: 'Whether the popover is open.' });
    decl.members.push({ kind: 'method', name: 'toggle', parameters: [{ name: 'show', type: { text: 'boolean' } }], return: { type: { text: 'Promise<void>' } }, description: 'Opens or closes the popover; resolves once done.' });
  }
  return decl;
});

const version = read('Cargo.toml').match(/^version = "([^"]+)"/m)[1];
process.stdout.write(`${JSON.stringify({
  schemaVersion: '2.1.0',
  readme: 'README.md',
  modules: [{
    kind: 'javascript-module',
    path: 'factcard.js',
    description: `factcard ${version}: registers <fact-card>, <fact-ref> and <fact-search>, and exports the JS API.`,
    declarations,
    exports: declarations.flatMap((d) => [
      { kind: 'js', name: d.name, declaration: { name: d.name, module: 'factcard.js' } },
      { kind: 'custom-element-definition', name: d.tagName, declaration: { name: d.name, module: 'factcard.js' } },
    ]),
  }],
}, null, 2)}\n`);
