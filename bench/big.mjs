// A generated data set of N facts (100,000 unless told): `factcard check`, `build` and `site` each timed with its
// peak memory; what a reader downloads for a first card, a first search and a first completion list; search
// latency once loaded (p50 and p99), in headless Chromium; and a one-fact correction published over the existing
// folder. Generates the set (examples/gen_facts.rs) into target/genLABEL when it is missing (LABEL: 100k, 1m) and
// writes its site into target/siteLABEL afresh each run. Writes bench/big-results.md (100,000) or
// bench/big-LABEL-results.md, and bench/figures/big-LABEL.json.
//   node bench/big.mjs [N]        (after make build; `make bench MILLION=1` adds N = 1000000)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { browser, server, versionsOf } from '../tests/pages/harness.mjs';
import { deskBytes } from './desk.mjs';
import { firstFact, label, load, machine, percentile, questions, record, timed } from './machine.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const N = Number(process.argv[2] || 100000);
const L = label(N);
const GEN = `${ROOT}target/gen${L}`;
const SITE = `target/site${L}/`; // relative to the root, which the server serves
const BIN = `${ROOT}target/release/factcard`;
const big = N.toLocaleString('en-US');
const fmt = (s) => (s >= 100 ? `${(s / 60).toFixed(1)} min (${s.toFixed(0)} s)` : `${s.toFixed(1)} s`);
const mem = (mb) => (mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb} MB`);
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;
const log = (s) => console.error(`big ${L}: ${s} (load ${load()})`);

// The command-line tool, built once; every step below runs it as a publisher would.
const cb = spawnSync('cargo', ['build', '-q', '--release', '--bin', 'factcard'], { cwd: ROOT, stdio: 'inherit' });
if (cb.status !== 0) throw new Error('cargo build --bin factcard failed');

/** `factcard check` of the set: its figures, and the count of facts it read (to see a set generated in full). */
function check() {
  const r = timed(BIN, ['check', GEN], { cwd: ROOT });
  return { ...r, facts: Number(`${r.out}${r.err}`.match(/ok: (\d+) facts/)?.[1] ?? 0) };
}
let gen = null;
let checked = null;
try { checked = check(); } catch { /* not there yet, or not whole */ }
if (checked?.facts !== N) {
  rmSync(GEN, { recursive: true, force: true });
  log('generating');
  gen = timed('cargo', ['run', '-q', '--release', '--example', 'gen_facts', '--', GEN, String(N)], { cwd: ROOT });
  checked = check();
  if (checked.facts !== N) throw new Error(`factcard check read ${checked.facts} facts of ${N}`);
}
const tomlBytes = Number(spawnSync('du', ['-sb', GEN], { encoding: 'utf8' }).stdout.split('\t')[0]);
log(`check ${checked.s} s`);
const build = timed(BIN, ['build', GEN, '-o', `${ROOT}target/gen${L}.facts`], { cwd: ROOT });
const bundleBytes = statSync(`${ROOT}target/gen${L}.facts`).size;
log(`build ${build.s} s`);
rmSync(`${ROOT}${SITE}`, { recursive: true, force: true }); // a first publish, into a new folder
const site = timed(BIN, ['site', GEN, '-o', `${ROOT}${SITE}`, '--script', '/pkg/factcard.js'], { cwd: ROOT });
const written = `${site.out}${site.err}`.match(/(\d+) files added.*\((\d+) bytes written/);
site.files = Number(written?.[1]);
site.bytes = Number(written?.[2]);
log(`site ${site.s} s`);

const br = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const versions = versionsOf(SITE);
const Q = questions(ROOT, SITE, N, versions);
const srv = await server();
const b = await browser();

/**
 * A page with `body` (factcard.js loaded); `act(p)` does what a reader does and may set `p.until` (how many of the
 * files fetched count). Bytes: brotli of each file fetched, the code (pkg/) apart from the data (the set's folder).
 */
async function reader(body, act) {
  const ctx = await b.newContext();
  const p = await ctx.newPage();
  const got = [];
  p.got = got;
  p.on('requestfinished', (r) => got.push(new URL(r.url()).pathname));
  await p.route('**/big.html', (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>big</title><link rel="icon" href="data:,"><script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>` }));
  await p.goto(`${srv.url}/big.html`);
  const extra = await act(p);
  await p.waitForTimeout(200);
  // What was fetched until the moment measured (all of it, unless `act` says where to stop).
  if (p.until !== undefined) got.length = p.until;
  const sum = (pre) => got.filter((f) => f.startsWith(pre)).reduce((a, f) => a + br(ROOT + f.slice(1)), 0);
  const code = sum('/pkg/');
  const data = sum(`/${SITE}`);
  await ctx.close();
  return { bytes: code + data, code, data, files: got.length, extra, load: load() };
}

const FIRST = firstFact(N);
const first = await reader(`<fact-card src="/${SITE}" fact="${FIRST}">fallback</fact-card>`, async (p) => {
  await p.waitForFunction(() => document.querySelector('fact-card').shadowRoot?.querySelector('article:not(.missing)'));
});
const search = await reader(`<fact-search src="/${SITE}"></fact-search>`, async (p) => {
  await p.waitForFunction(() => document.querySelector('fact-search').hasAttribute('data-ready'));
  await p.locator('fact-search input').fill(Q.fixed[0]);
  await p.waitForFunction(() => [...document.querySelector('fact-search').shadowRoot?.querySelectorAll('.results fact-card') ?? []].length && [...document.querySelector('fact-search').shadowRoot.querySelectorAll('.results fact-card')].every((c) => c.shadowRoot?.querySelector('article')));
  return p.$$eval('fact-search', ([el]) => el.shadowRoot?.querySelectorAll('.results fact-card').length);
});
// A first completion list: the reader types the start of a place's name ("Jinl": Jinlong, the first city), key by
// key; measured when the list for all four letters shows (the completions offered on the way included, the
// results search that follows a pause in typing not).
const suggest = await reader(`<fact-search src="/${SITE}"></fact-search>`, async (p) => {
  await p.waitForFunction(() => document.querySelector('fact-search').hasAttribute('data-ready'));
  await p.locator('fact-search input').focus();
  await p.locator('fact-search input').pressSequentially('Jinl', { delay: 30 });
  await p.waitForFunction(() => /^Jinl/.test(document.querySelector('fact-search').shadowRoot?.querySelector('[role=option]')?.textContent ?? ''));
  p.until = p.got.length;
  return p.$$eval('fact-search', ([el]) => [...el.shadowRoot.querySelectorAll('[role=option]')][0].firstChild.textContent);
});
// Latency once a query's shards are loaded: each query asked once (loading them), then timed over a loop of at
// least 20 calls and 50 ms (the promise included); p50 and p99 over the queries' mean times.
const latency = await reader('', async (p) => p.evaluate(async ([qs, site]) => {
  const fc = await import('/pkg/factcard.js');
  const set = await fc.open(site);
  for (const q of qs) await set.searchIds(q, 10); // loads each query's shards
  const per = [];
  for (const q of qs) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < 50 || n < 20) {
      await set.searchIds(q, 10);
      n++;
    }
    per.push((performance.now() - t0) / n);
  }
  return per;
}, [Q.all, `/${SITE}`]));
// The folder's desk (its index.html), as bench/desk.mjs measures it: a first view, then a first search.
const desk = { ...await deskBytes(b, srv, `/${SITE}`, Q.fixed[0]), load: load() };
await b.close();
b.clean(); // nothing uncaught in any page of the bench
await srv.close();
const per = latency.extra;
const lat = { p50: percentile(per, 50), p99: percentile(per, 99), max: Math.max(...per), fixedP50: percentile(per.slice(0, Q.fixed.length), 50), queries: per.length, load: latency.load };
log('reader figures');

// A one-fact correction: the first figure of one fact changed in its input file, `factcard site` run again over the
// folder just written; the input file is put back afterwards.
const file = `${GEN}/facts/${String(Math.floor(Number(FIRST.slice(2)) / 1000)).padStart(4, '0')}.toml`;
const before = readFileSync(file, 'utf8');
const at = before.indexOf(`id = "${FIRST}"`);
const amount = /amount = ([\d.]+)/g;
amount.lastIndex = at;
const m = amount.exec(before);
const was = m[1];
const now = (Number(was) + 1).toFixed(was.includes('.') ? was.split('.')[1].length : 0);
let inc;
writeFileSync(file, before.slice(0, m.index) + `amount = ${now}` + before.slice(m.index + m[0].length));
try {
  inc = timed(BIN, ['site', GEN, '-o', `${ROOT}${SITE}`, '--script', '/pkg/factcard.js', '--json'], { cwd: ROOT });
} finally {
  writeFileSync(file, before);
}
const changes = JSON.parse(inc.out.trim().split('\n').filter((l) => l.startsWith('{')).pop());
inc.added = changes.added;
inc.changed = changes.changed;
inc.removed = changes.removed;
inc.bytes = [...changes.added, ...changes.changed].reduce((a, f) => a + statSync(`${ROOT}${SITE}${f}`).size, 0);
log(`incremental ${inc.s} s`);

const m0 = machine();
const lines = [`## ${big} facts`, '',
  `Generated by \`cargo run --release --example gen_facts -- target/gen${L} ${N}\` (${(tomlBytes / 1e6).toFixed(1)} MB of TOML${gen ? `, ${fmt(gen.s)}` : ''}). Measured ${m0.date} on ${m0.cpu}, ${m0.nproc} cores; each step ran alone, its load average (1, 5, 15 min) as it started.`, '',
  '| step | time | peak memory | load |', '| --- | ---: | ---: | --- |',
  `| \`factcard check\` | ${fmt(checked.s)} | ${mem(checked.mb)} | ${checked.load} |`,
  `| \`factcard build\` (one ${(bundleBytes / 1e6).toFixed(0)} MB bundle) | ${fmt(build.s)} | ${mem(build.mb)} | ${build.load} |`,
  `| \`factcard site\` into a new folder (${site.files.toLocaleString('en-US')} files, ${(site.bytes / 1e6).toFixed(0)} MB: cards, names, sharded index, desk) | ${fmt(site.s)} | ${mem(site.mb)} | ${site.load} |`,
  `| \`factcard site\` again after one figure of one fact (${FIRST}) changed: ${inc.added.length} files added, ${inc.changed.length} changed, ${inc.removed.length} removed, ${kb(inc.bytes)} | ${fmt(inc.s)} | ${mem(inc.mb)} | ${inc.load} |`,
  '',
  `The correction's files: added ${inc.added.map((f) => `\`${f}\``).join(', ') || 'none'}; changed ${inc.changed.map((f) => `\`${f}\``).join(', ') || 'none'}; removed ${inc.removed.map((f) => `\`${f}\``).join(', ') || 'none'}.`, '',
  '| what | downloaded (brotli) | of which code (`pkg/`) | of which data | requests | load |', '| --- | ---: | ---: | ---: | ---: | --- |',
  `| a first card (\`<fact-card src>\`): JS and one card | ${kb(first.bytes)} | ${kb(first.code)} | **${kb(first.data)}** | ${first.files} | ${first.load} |`,
  `| a first search (\`<fact-search src>\`, "${Q.fixed[0]}", ${search.extra} result cards): JS, glue, search wasm, index shards, completions, ids, cards | **${kb(search.bytes)}** | ${kb(search.code)} | ${kb(search.data)} | ${search.files} | ${search.load} |`,
  `| a first completion list (typing "Jinl", first offered: ${suggest.extra}): JS, glue, search wasm, completion parts and the shards of what is typed | **${kb(suggest.bytes)}** | ${kb(suggest.code)} | ${kb(suggest.data)} | ${suggest.files} | ${suggest.load} |`,
  `| the folder's desk (\`index.html\`): a first view | **${kb(desk.first.brotli)}** | – | – | ${desk.first.files} | ${desk.load} |`,
  `| the desk: then a first search ("${Q.fixed[0]}", ${desk.search.count}) | **${kb(desk.search.brotli)}** | – | – | ${desk.search.files} | ${desk.load} |`,
  '',
  `Search latency once a query's shards are loaded (\`open(folder).searchIds(q, 10)\`; ${lat.queries} queries: the eight below and the titles, or their first three words, of 92 facts spread over the set, 12 of them in Chinese; each timed over ≥ 20 calls and ≥ 50 ms, the promise included): p50 **${lat.p50.toFixed(2)} ms**, p99 **${lat.p99.toFixed(2)} ms**, slowest ${lat.max.toFixed(2)} ms; the eight fixed queries alone (${Q.fixed.map((q) => `"${q}"`).join(', ')}): p50 ${lat.fixedP50.toFixed(2)} ms. Load ${lat.load}.`];
const out = lines.join('\n');
console.log(out);
writeFileSync(new URL(N === 100000 ? 'big-results.md' : `big-${L}-results.md`, import.meta.url), `${out}\n`);
const drop = ({ out: _o, err: _e, ...r }) => r;
record(`big-${L}`, {
  facts: N, gen: gen && drop(gen), check: drop(checked), build: drop(build), site: drop(site), incremental: drop(inc),
  first, search, suggest, latency: lat, desk,
});
