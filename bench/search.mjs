// The in-browser half of the search benchmark (loaded by bench/search.html, driven by bench/run.mjs).
// factcard (the wasm core, through pkg/factcard.js), MiniSearch and Fuse.js answer the same questions over the
// same facts; for each engine and query we time a loop of calls and record the mean time per call, and we
// score recall@1 and recall@3 against the expected ids.
import * as fc from '/pkg/factcard.js';
import MiniSearch from '/node_modules/minisearch/dist/es/index.js';
import Fuse from '/node_modules/fuse.js/dist/fuse.mjs';
import { parseQuestions } from './toml.mjs';

// The full core's glue, under the name `make build` gave it (its content's hash: pkg/package.json lists it).
const CORE = (await (await fetch('/pkg/package.json')).json()).files.find((f) => /^factcard_core\.[0-9a-f]{8}\.js$/.test(f));
const { FactSet } = await import(`/pkg/${CORE}`);

/** Results asked of every engine per query; recall@k reads the first k. */
export const LIMIT = 10;

/**
 * Timing loop per query and engine: at least MIN_ITERS calls and MIN_MS milliseconds; a slow call (Fuse.js on a
 * long query) stops sooner, after SLOW_ITERS calls once SLOW_MS milliseconds have passed.
 */
export const TIMING = { MIN_ITERS: 200, MIN_MS: 20, SLOW_ITERS: 5, SLOW_MS: 100 };

/** The fields every engine searches, flattened from fc.facts() (factcard indexes the same text in Rust). */
export function documents(facts) {
  return facts.map((f) => ({
    id: f.id,
    title: f.title.en,
    titleZh: f.title.zh,
    statement: f.statement.en,
    statementZh: f.statement.zh,
    entities: f.entities.flatMap((e) => [...Object.values(e.name), ...e.aliases]).join(' '),
    topics: f.topics.join(' '),
    figures: f.figures.flatMap((g) => Object.values(g.label)).join(' '),
  }));
}

const FIELDS = ['title', 'titleZh', 'statement', 'statementZh', 'entities', 'topics', 'figures'];

// Boosts and weights follow factcard's own field weights (title 3, entities 2, topics 1.5, other text 1).
export const MINISEARCH_OPTIONS = {
  idField: 'id',
  fields: FIELDS,
  storeFields: [],
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3, titleZh: 3, entities: 2, topics: 1.5 } },
};

export const FUSE_OPTIONS = {
  keys: [
    { name: 'title', weight: 3 }, { name: 'titleZh', weight: 3 },
    { name: 'entities', weight: 2 }, { name: 'topics', weight: 1.5 },
    { name: 'statement', weight: 1 }, { name: 'statementZh', weight: 1 }, { name: 'figures', weight: 1 },
  ],
  threshold: 0.4,
  ignoreLocation: true,
};

let sink = 0; // results are counted into this so that no call can be optimized away

/** Mean milliseconds per call of `fn`: at least `minIters` calls and `minMs` ms, or `slowIters` calls and `slowMs` ms. */
function meanMs(fn, minIters, minMs, slowIters = minIters, slowMs = minMs) {
  let iters = 0;
  let batch = Math.min(minIters, slowIters);
  const t0 = performance.now();
  let elapsed = 0;
  for (;;) {
    for (let i = 0; i < batch; i++) sink += fn().length;
    iters += batch;
    elapsed = performance.now() - t0;
    if ((iters >= minIters && elapsed >= minMs) || (iters >= slowIters && elapsed >= slowMs)) return elapsed / iters;
    // Calls enough to reach minMs at the rate so far, within minIters (the timer may still read 0: then double).
    const want = elapsed > 0 ? Math.ceil(iters * (minMs / elapsed - 1) * 1.05) : iters;
    batch = Math.max(1, Math.min(want, Math.max(minIters - iters, iters)));
  }
}

/** The smallest step performance.now() shows (Chromium coarsens it). */
function timerStepUs() {
  let best = Infinity;
  for (let k = 0; k < 20; k++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return best * 1000;
}

/** The engines, each with its index built; `buildMs` is the mean time to build that index. */
function engines(facts, bundle) {
  const docs = documents(facts);
  const list = [];
  // Index builds: two to warm up, then the mean of at least 10 builds and 100 ms.
  const buildMs = (fn) => { fn(); fn(); return meanMs(fn, 10, 100); };
  const hasCore = typeof FactSet?.fromBytes === 'function' && bundle;
  const factcardBuild = hasCore
    // The index is built on the first search, so a build is: decode, then one search.
    ? { ms: buildMs(() => { const s = FactSet.fromBytes(bundle); s.searchIds('x', 1, '', '', ''); s.free(); return []; }), what: 'decode + index (FactSet.fromBytes(data/facts.HHHHHHHH.facts) and a first search, which builds the index)' }
    : { ms: NaN, what: 'n/a' };
  list.push({
    name: 'factcard search()', build: factcardBuild,
    run: (q) => fc.search(q, LIMIT), ids: (r) => r.map((f) => f.id),
  });
  if (typeof fc.searchIds === 'function') {
    list.push({
      name: 'factcard searchIds()', build: factcardBuild,
      run: (q) => fc.searchIds(q, LIMIT), ids: (r) => r,
    });
  }
  const buildMini = () => { const m = new MiniSearch(MINISEARCH_OPTIONS); m.addAll(docs); return [m]; };
  const [mini] = buildMini();
  list.push({
    name: 'MiniSearch', build: { ms: buildMs(buildMini), what: 'new MiniSearch + addAll' },
    run: (q) => mini.search(q).slice(0, LIMIT), ids: (r) => r.map((x) => x.id),
  });
  const buildFuse = () => [new Fuse(docs, FUSE_OPTIONS)];
  const [fuse] = buildFuse();
  list.push({
    name: 'Fuse.js', build: { ms: buildMs(buildFuse), what: 'new Fuse' },
    run: (q) => fuse.search(q, { limit: LIMIT }), ids: (r) => r.map((x) => x.item.id),
  });
  return list;
}

/** Runs the benchmark on the text of a questions file; returns plain data for bench/run.mjs to report. */
export async function run(questionsText) {
  await fc.ready();
  const { question: questions = [], nothing = [] } = parseQuestions(questionsText);
  for (const [k, q] of questions.entries()) {
    if (typeof q.query !== 'string' || !Array.isArray(q.expect) || !q.expect.length) {
      throw new Error(`question ${k + 1} needs query = "…" and expect = ["…"]`);
    }
  }
  const facts = fc.facts();
  const known = new Set(facts.map((f) => f.id));
  const unknown = [...new Set(questions.flatMap((q) => q.expect).filter((id) => !known.has(id)))];
  const set = await (await fetch('/pkg/data/set.json')).json();
  const bundle = new Uint8Array(await (await fetch(`/pkg/data/${set.whole}`)).arrayBuffer());
  const list = engines(facts, bundle);
  const queries = [...questions.map((q) => q.query), ...nothing.map((q) => q.query)];

  // Warm-up: every engine answers every query once before any timing.
  for (const e of list) for (const q of queries) sink += e.run(q).length;

  // Query-major, so that any drift in clock speed touches every engine alike.
  const times = list.map(() => []);
  for (const q of queries) {
    list.forEach((e, k) => {
      meanMs(() => e.run(q), 10, 2, 2, 20); // per-query warm-up
      const { MIN_ITERS, MIN_MS, SLOW_ITERS, SLOW_MS } = TIMING;
      times[k].push(meanMs(() => e.run(q), MIN_ITERS, MIN_MS, SLOW_ITERS, SLOW_MS) * 1000);
    });
  }

  const results = list.map((e, k) => {
    let at1 = 0;
    let at3 = 0;
    for (const q of questions) {
      const ids = e.ids(e.run(q.query));
      if (ids.slice(0, 1).some((id) => q.expect.includes(id))) at1++;
      if (ids.slice(0, 3).some((id) => q.expect.includes(id))) at3++;
    }
    const empty = nothing.filter((q) => e.ids(e.run(q.query)).length === 0).length;
    return { name: e.name, build: e.build, us: times[k], at1, at3, empty };
  });

  // search() and searchIds() must agree, or comparing their speed means nothing.
  let idsAgree = null;
  if (list.length > 1 && list[1].name === 'factcard searchIds()') {
    idsAgree = queries.filter((q) => JSON.stringify(list[0].ids(list[0].run(q))) === JSON.stringify(list[1].run(q))).length;
  }

  return {
    facts: facts.length, questions: questions.length, nothing: nothing.length, queries: queries.length,
    unknown, idsAgree, limit: LIMIT, timing: TIMING, crossOriginIsolated: self.crossOriginIsolated,
    userAgent: navigator.userAgent, cores: navigator.hardwareConcurrency, timerStepUs: timerStepUs(),
    results, sink,
  };
}
