// Types of factcard (pkg/factcard.js): the JS API, the fact object, the elements, their attributes and events.
// Written by hand beside the code and checked against it: tests/pages/package.test.mjs compares the module's exports,
// each element's observed attributes and the events it fires with what is declared here, and type-checks an example
// with tsc (tests/pages/fixtures/types/).

/** A text in every language the set gives it in: `{ en: '…', zh: '…' }` (a language it lacks is left out). */
export type Texts = Record<string, string>;

/** An amount as the source gives it, and its value. */
export interface Amount {
  amount: number;
  scale?: 'thousand' | 'million' | 'billion' | 'trillion' | string;
  unit: string;
  currency?: string;
  value: number;
}

export interface Figure extends Amount {
  label: Texts;
  /** 'exact', 'about', 'over', 'under', 'up to', … as the data says. */
  qualifier: string;
  /** Whether it is a change (a growth rate) rather than a level. */
  change: boolean;
  /** The source's own conversion (a currency), when it gives one. */
  converted?: Amount;
  /** The figure as readers see it, per language. */
  text: Texts;
  /** The period it covers (ISO 8601), when it is not the fact's date. */
  period?: string;
}

export interface EntityRef {
  id: string;
  name: Texts;
  kind: string;
  parent?: string;
  aliases: string[];
  description?: Texts;
}

export interface Source {
  id: string;
  publisher: string;
  title: Texts;
  date: string;
  author?: string;
  language: string;
  url?: string;
}

export interface Correction {
  date: string;
  wrong: Texts;
  changed: Texts;
}

/** A fact, as `lookup()` returns it. */
export interface Fact {
  id: string;
  title: Texts;
  statement: Texts;
  /** ISO 8601 date or interval ("2022-01/2022-09"). */
  date: string;
  dateText: Texts;
  /** The editor's note, when there is one. */
  note?: Texts;
  /** When it was last updated, if it was. */
  updated?: string;
  corrections?: Correction[];
  /** Only when older than its set allows (stale_after). */
  stale?: true;
  figures: Figure[];
  entities: EntityRef[];
  topics: string[];
  source: Source;
}

/** An entity, as `entity()` returns it: with the ids of the facts about it. */
export interface Entity extends EntityRef {
  facts: string[];
}

/** A completion for a search box. */
export interface Suggestion {
  text: string;
  kind: 'entity' | 'topic' | 'fact';
  id: string;
  lang: string;
}

/** search(query, 5) or search(query, { limit, entity, topic, source, year }). */
export interface SearchOptions {
  limit?: number;
  /** An entity id, name or alias: facts about it or anything inside it. */
  entity?: string;
  /** A topic id or name. */
  topic?: string;
  /** A source id or title. */
  source?: string;
  /** Facts whose date or period covers this year, or one of a range: `2021`, `'2019-2021'`. */
  year?: number | string;
}

export type Format = 'html' | 'text' | 'citation' | 'jsonld';

/** A data set: the default one (the module's functions) or one from open(). */
export interface DataSet {
  readonly size: number;
  lookup(id: string): Fact | null;
  facts(): Fact[];
  search(query: string, options?: number | SearchOptions): Fact[];
  searchIds(query: string, options?: number | SearchOptions): string[];
  suggest(prefix: string, limit?: number): Suggestion[];
  entity(key: string): Entity | null;
  render(id: string, format?: Format, lang?: string): string | null;
}

/** A folder's sharded index (a set over 5,000 facts from open(), or any folder from openIndex()): search only. */
export interface ShardedSet {
  readonly size: number;
  searchIds(query: string, options?: number | SearchOptions): Promise<string[]>;
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
}

/** Loads the core and the default data set once; resolves to the API. Safe to call many times. */
export function ready(): Promise<typeof api>;
/** Opens a bundle (`….facts`) or a folder written by `factcard site`; each address once per page. */
export function open(url: string | URL): Promise<DataSet | ShardedSet>;
/**
 * A folder's search as a search box runs it, at any size: the small search module over its sharded index, which
 * fetches only the parts a query needs. Each folder once per page.
 */
export function openIndex(url: string | URL): Promise<ShardedSet>;
export function lookup(id: string): Fact | null;
export function facts(): Fact[];
export function search(query: string, options?: number | SearchOptions): Fact[];
export function searchIds(query: string, options?: number | SearchOptions): string[];
export function suggest(prefix: string, limit?: number): Suggestion[];
export function entity(key: string): Entity | null;
export function render(id: string, format?: Format, lang?: string): string | null;
/** Marks the first mention of each known name in `container` as a `<fact-ref entity>`; resolves to how many. */
export function autolink(container: Element): Promise<number>;
/** Where the package's files (data/, the .wasm files) are served, when a bundler moved the module away from them. */
export function setBase(url: string | URL): void;
/** The language of an element: its own `lang`, the nearest ancestor's, the document's, else 'en'. */
export function langOf(el: Element): string;
/**
 * Parses card markup (a card fragment, or `render(id, 'html')`) inertly and checks it against the allowlist every
 * card passes before factcard shows it: its template, or throws why it is refused.
 */
export function checkCard(html: string): HTMLTemplateElement;

declare const api: {
  ready: typeof ready;
  open: typeof open;
  lookup: typeof lookup;
  facts: typeof facts;
  search: typeof search;
  searchIds: typeof searchIds;
  suggest: typeof suggest;
  entity: typeof entity;
  render: typeof render;
  autolink: typeof autolink;
};
export default api;

// ---- The elements ----

/** `<fact-card fact="ID">`: a fact as a card. */
export class FactCard extends HTMLElement {
  static readonly observedAttributes: string[];
}

/** `<fact-ref fact="ID">` or `<fact-ref entity="ID">`: a mention whose card shows in a popover. */
export class FactRef extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Whether the popover is open. */
  readonly open: boolean;
  /** Opens or closes the popover; resolves once done (opening waits for the card). */
  toggle(show: boolean): Promise<void>;
}

/** `<fact-search>`: a search box with type-ahead; results as cards. */
export class FactSearch extends HTMLElement {
  static readonly observedAttributes: string[];
}

/** Attributes every element takes. */
export interface CommonAttributes {
  /** The language of its card and words (else the nearest ancestor's). */
  lang?: string;
  /** Facts of your own: a folder written by `factcard site`, or a `.facts` bundle. */
  src?: string;
  /** `light` or `dark` (else the reader's preference). */
  theme?: 'light' | 'dark';
  /**
   * The heading level of its card titles, 1 to 6, or 'none' (default: a card's, the level after the nearest heading
   * before it; a popover's, 2; search results', as for a card where the box stands).
   */
  'heading-level'?: 1 | 2 | 3 | 4 | 5 | 6 | '1' | '2' | '3' | '4' | '5' | '6' | 'none';
}

export interface FactCardAttributes extends CommonAttributes {
  fact: string;
}

export interface FactRefAttributes extends CommonAttributes {
  fact?: string;
  entity?: string;
}

export interface FactSearchAttributes extends CommonAttributes {
  placeholder?: string;
  label?: string;
  /** How many results (default 5). */
  limit?: number | string;
  entity?: string;
  topic?: string;
  source?: string;
  year?: number | string;
}

// ---- Events (bubbling, composed CustomEvents) ----

export interface RenderDetail {
  fact: string;
  found: boolean;
  error?: string;
}
export interface ToggleDetail {
  fact: string | null;
  entity: string | null;
}
export interface SearchDetail {
  query: string;
  results: string[];
}
export interface CopyDetail {
  fact: string;
  text: string;
  ok: boolean;
}

export interface FactcardEventMap {
  'factcard:render': CustomEvent<RenderDetail>;
  'factcard:open': CustomEvent<ToggleDetail>;
  'factcard:close': CustomEvent<ToggleDetail>;
  'factcard:search': CustomEvent<SearchDetail>;
  'factcard:copy': CustomEvent<CopyDetail>;
}

/** The attributes of the three elements, as JSX intrinsic elements (children and the common HTML attributes too). */
type ElementProps<A> = A & {
  id?: string;
  class?: string;
  className?: string;
  hidden?: boolean;
  children?: unknown;
  key?: string | number;
  ref?: unknown;
  [data: `data-${string}`]: unknown;
};
export interface FactcardElements {
  'fact-card': ElementProps<FactCardAttributes>;
  'fact-ref': ElementProps<FactRefAttributes>;
  'fact-search': ElementProps<FactSearchAttributes>;
}

declare global {
  interface HTMLElementTagNameMap {
    'fact-card': FactCard;
    'fact-ref': FactRef;
    'fact-search': FactSearch;
  }
  interface HTMLElementEventMap extends FactcardEventMap {}
  // JSX with a global namespace (React 17 and 18's types, Solid, Stencil): `<fact-card fact="…" />` type-checks.
  // React 19 and Preact keep JSX in their module: `factcard/jsx-react` and `factcard/jsx-preact` add them there.
  namespace JSX {
    interface IntrinsicElements extends FactcardElements {}
  }
}
