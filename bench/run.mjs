// The search benchmark (`make bench`): factcard against MiniSearch and Fuse.js on the same facts and the same
// reader questions, in headless Chromium (bench/search.html) and natively (examples/bench_search.rs).
// Prints a Markdown report on stdout and writes it to bench/results.md; progress goes to stderr.
//
//   node bench/run.mjs [questions.toml]      (default: tests/search/questions.toml; needs `make build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, release } from 'node:os';
import { relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../tools/serve.mjs';

const ROOT = new URL('../', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const QUESTIONS = resolve(process.argv[2] || `${ROOT}tests/search/questions.toml`);
const OUT = new URL('./results.md', import.meta.url).pathname;
const log = (msg) => process.stderr.write(`bench: ${msg}\n`);

// --- the machine ---------------------------------------------------------------------------------------------

function cpuModel() {
  try {
    const m = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) return m[1].trim();
  } catch { /* not Linux */ }
  return cpus()[0]?.model || 'unknown CPU';
}

function osName() {
  try {
    const m = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]+)"?$/m);
    if (m) return `${m[1]}, kernel ${release()}`;
  } catch { /* not Linux */ }
  return `${process.platform} ${release()}`;
}

function command(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The crate's [profile.release] settings that matter for speed, as written in Cargo.toml. */
function releaseProfile() {
  const toml = readFileSync(`${ROOT}Cargo.toml`, 'utf8');
  const section = toml.split(/^\[profile\.release\]\s*$/m)[1]?.split(/^\[/m)[0] || '';
  const keys = ['opt-level', 'lto', 'codegen-units'];
  const found = keys.map((k) => section.match(new RegExp(`^${k}\\s*=\\s*(.+?)\\s*(#.*)?$`, 'm'))).filter(Boolean);
  return found.length ? found.map((m) => `\`${m[0].split('#')[0].trim()}\``).join(', ') : 'Cargo defaults';
}

// --- numbers -------------------------------------------------------------------------------------------------

/** Nearest-rank percentile (as in the native example). */
function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil(p * s.length))) - 1];
}
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const us = (v) => (!Number.isFinite(v) ? 'n/a' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(3)} ms` : 'n/a');
const share = (hits, n) => (n ? `${(hits / n).toFixed(2)} (${hits}/${n})` : 'n/a');
const times = (r) => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`);

// --- the two halves ------------------------------------------------------------------------------------------

function native() {
  log('native: cargo run --release --example bench_search');
  const r = spawnSync('cargo', ['run', '--release', '--quiet', '--example', 'bench_search', '--', QUESTIONS], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the native benchmark failed (exit ${r.status ?? r.signal})`);
  return r.stdout.trim();
}

async function browser(text) {
  // Cross-origin isolation gives the page a finer performance.now() (5 µs rather than 100 µs in Chromium).
  const server = await serve(ROOT, 0, (req, res) => {
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-embedder-policy', 'require-corp');
    return false;
  });
  const b = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await b.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/search.html`);
    await page.waitForFunction(() => typeof window.bench === 'function', null, { timeout: 10000 }).catch(() => {
      throw new Error(`bench/search.html did not load: ${errors.join('; ') || 'no error reported'}`);
    });
    log(`Chromium ${b.version()}: timing every query on every engine (about a minute)`);
    const data = await page.evaluate((t) => window.bench(t), text);
    if (errors.length) throw new Error(`errors in the page: ${errors.join('; ')}`);
    return { ...data, chromium: b.version() };
  } finally {
    await b.close();
    await new Promise((ok) => server.close(ok));
  }
}

// --- the report ----------------------------------------------------------------------------------------------

function browserSection(d) {
  const lines = [];
  lines.push('## Headless Chromium (wasm and JavaScript)', '');
  lines.push(`${d.facts} facts (\`fc.facts()\`); ${d.questions} questions and ${d.nothing} nothing-queries; ${d.limit} `
    + `results asked per query; each query timed over at least ${d.timing.MIN_ITERS} calls and `
    + `${d.timing.MIN_MS} ms (a slow one: at least ${d.timing.SLOW_ITERS} calls and ${d.timing.SLOW_MS} ms); `
    + `\`performance.now()\` step: ${us(d.timerStepUs)} µs${d.crossOriginIsolated ? ' (cross-origin isolated)' : ''}.`, '');
  lines.push('| engine | index build | p50 µs | p95 µs | mean µs | recall@1 | recall@3 | nothing-queries answered empty |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of d.results) {
    lines.push(`| ${r.name} | ${ms(r.build.ms)} | ${us(percentile(r.us, 0.5))} | ${us(percentile(r.us, 0.95))} | `
      + `${us(mean(r.us))} | ${share(r.at1, d.questions)} | ${share(r.at3, d.questions)} | ${r.empty}/${d.nothing} |`);
  }
  lines.push('');
  const fcs = d.results.filter((r) => r.name.startsWith('factcard'));
  const others = d.results.filter((r) => !r.name.startsWith('factcard'));
  lines.push('Per-query time relative to factcard (how many times slower; below 1× is faster): the ratio of the mean '
    + 'times, and the median of the per-query ratios.', '');
  lines.push(`| engine | ${fcs.map((f) => `vs ${f.name}: ratio of means | median per-query ratio`).join(' | ')} |`);
  lines.push(`| --- | ${fcs.map(() => '---: | ---:').join(' | ')} |`);
  for (const o of others) {
    const cells = fcs.map((f) => `${times(mean(o.us) / mean(f.us))} | ${times(percentile(o.us.map((t, k) => t / f.us[k]), 0.5))}`);
    lines.push(`| ${o.name} | ${cells.join(' | ')} |`);
  }
  lines.push('');
  const build = d.results.find((r) => r.name.startsWith('factcard'))?.build;
  lines.push(`factcard's index build is ${build?.what ?? 'n/a'}: it decodes the default set's bundle (data/facts.HHHHHHHH.facts) `
    + '(as `ready()` does once per page) and builds the search index (as the first search on a page does). MiniSearch and Fuse.js start from documents already flattened from '
    + '`fc.facts()`.');
  if (d.idsAgree !== null) {
    lines.push('', `\`searchIds()\` returned exactly the ids of \`search()\`, in the same order, for ${d.idsAgree}/${d.queries} queries.`);
  } else {
    lines.push('', '`fc.searchIds` is not in this build: only `search()` was measured.');
  }
  if (d.unknown.length) {
    lines.push('', `**Warning:** expected ids not in the data set (no engine can find them): ${d.unknown.join(', ')}.`);
  }
  return lines.join('\n');
}

const notes = ({ facts, timing: t, crossOriginIsolated, timerStepUs }) => `## How it is measured

- **Same data, same questions.** Every engine searches the same fields of the same ${facts} facts: title, statement
  (English and Chinese), entity names with their Chinese names and aliases, topic ids, figure labels (English and
  Chinese). Recall uses the \`[[question]]\` entries: a hit at k when any expected id is among the first k results.
  Latency covers every query, \`[[question]]\` and \`[[nothing]]\` alike.
- **What one call is.** factcard \`search()\`: \`fc.search(q, 10)\`, which returns full fact objects built by the
  wasm core (serialization included); \`searchIds()\`: \`fc.searchIds(q, 10)\`, ids only. MiniSearch:
  \`mini.search(q).slice(0, 10)\`. Fuse.js: \`fuse.search(q, { limit: 10 })\`. Native: \`Index::search\` with no
  filter and limit 10.
- **Options** (bench/search.mjs). MiniSearch 7: \`prefix: true, fuzzy: 0.2\`, boosts title 3, titleZh 3, entities 2,
  topics 1.5 (factcard's own field weights), default tokenizer. Fuse.js 7: the same fields as weighted keys (3, 3, 2,
  1.5, 1, 1, 1), \`threshold: 0.4, ignoreLocation: true\`, defaults otherwise.
- **Differences to keep in mind.** MiniSearch's default tokenizer splits on spaces and punctuation only, so Chinese
  text (written without spaces) becomes one long token per phrase and Chinese queries match only as prefixes or fuzzy
  variants of those; factcard indexes Chinese as character bigrams. Fuse.js scores approximate matches of the whole
  query string rather than ranking words (its token search, \`useTokenSearch\`, is off by default and not used
  here). factcard also indexes topic names in both languages, while \`fc.facts()\` exposes topic ids only, so the
  JavaScript engines see the ids.
- **Timing.** Each engine first answers every query once; then, per query, a short warm-up and a loop of at least
  ${t.MIN_ITERS} calls and ${t.MIN_MS} ms (a slow call stops sooner: at least ${t.SLOW_ITERS} calls and ${t.SLOW_MS} ms); the mean time
  per call is that query's time. p50 and p95 are nearest-rank percentiles over the queries' times, "mean" is their
  average. Queries take turns across engines, so any drift in clock speed touches all alike. Chromium coarsens
  \`performance.now()\`, which is why loops are timed, never single calls${crossOriginIsolated
    ? `; the page is served cross-origin isolated (COOP and COEP headers), which refines the timer to ${us(timerStepUs)} µs` : ''}.
  Index builds are the mean of at least 10 builds and 100 ms, after two builds to warm up.

Reproduce with \`make bench\` (or, after \`make build\`, \`node bench/run.mjs [questions.toml]\`).`;

// --- main ----------------------------------------------------------------------------------------------------

const text = readFileSync(QUESTIONS, 'utf8');
const nativeMd = native();
const d = await browser(text);

const report = [
  '# factcard search benchmark',
  '',
  `Run ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} on ${cpuModel()} (${cpus().length} logical cores), ${osName()}.  `,
  `Node.js ${process.version}, Chromium ${d.chromium} (headless; navigator.hardwareConcurrency ${d.cores}), `
    + `${command('rustc', ['--version'])}; release profile: ${releaseProfile()}.  `,
  `Questions: \`${QUESTIONS.startsWith(ROOT) ? relative(ROOT, QUESTIONS) : QUESTIONS}\`. MiniSearch ${pkgVersion('minisearch')}, `
    + `Fuse.js ${pkgVersion('fuse.js')}.`,
  '',
  browserSection(d),
  '',
  nativeMd,
  '',
  'MiniSearch and Fuse.js are JavaScript libraries, so they run in the browser only; the native table is factcard '
    + 'without the wasm boundary.',
  '',
  notes(d),
  '',
].join('\n');

function pkgVersion(name) {
  return JSON.parse(readFileSync(`${ROOT}node_modules/${name}/package.json`, 'utf8')).version;
}

process.stdout.write(report);
writeFileSync(OUT, report);
log(`report written to ${relative(process.cwd(), OUT) || OUT}`);
