// Assembles BENCHMARKS.md from the results that `make bench` just wrote, with the package sizes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const read = (f) => readFileSync(new URL(f, import.meta.url), 'utf8').trim();
const sizes = execFileSync('node', [new URL('../tools/sizes.mjs', import.meta.url).pathname, 'pkg'], { encoding: 'utf8' }).trim();
const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
const doc = `# Benchmarks

Written by \`make bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus()[0].model}, ${cpus().length} cores;
Node.js ${process.version}; ${chromium} (headless). Reproduce with \`make bench\` (about five minutes; the first run
also generates the 100,000-fact set into \`target/\`). The machine is small and shared, so timings vary by ±20%.

## What a reader downloads

\`make build\` writes \`pkg/\`. Raw, gzip -9 and brotli -11 bytes:

\`\`\`text
${sizes}
\`\`\`

A page of cards loads \`factcard.js\` and one prerendered card per fact shown. A search box adds the search module
(\`factcard_search.js\` and its wasm) and the parts of the folder's index (\`data/search/\`) its queries need; the
full core (\`factcard_core.js\` and its wasm) and the data set's bundle (\`data/facts.HHHHHHHH.facts\`, named by \`data/set.json\`) load only for the JS
API or a \`.facts\` bundle.

${read('page-results.md')}

Targets (issue 5): at most 30 KB brotli for a page of cards; the first card within 50 ms of the first contentful
paint on a local server. Issue 17: a page run through \`factcard inline\` shows its cards at the first contentful
paint (0 ms after it: they are in the HTML, so the first paint shows them), fetches no card and does not move; a
third-party article (the package on another origin, under a CSP, on a 390 px phone, with mentions, \`autolink\` and
a search box) keeps the 50 ms of the bench's own pages.

${read('many-results.md')}

${read('results.md').replace(/^# factcard search benchmark/, '## Search: factcard, MiniSearch and Fuse.js')}

${read('pagefind-results.md')}

${read('big-results.md')}

${read('desk-results.md')}

## Publishing a correction

Measured once (not re-run by \`make bench\`), release build, this machine: \`factcard site\` into a new folder, then
one figure of one fact corrected and \`factcard site\` run again into the same folder (then once more, unchanged).

| set | first run | a one-fact correction | unchanged |
| --- | --- | --- | --- |
| default set (89 facts) | 532 files, 1.14 MB, 0.4 s | 8 files: 5 added (the fact's 2 cards, the bundle, the index's ids file and \`meta\`), 3 changed (\`set.json\`, \`_headers\`, its desk file), none removed; 112.6 KB, 0.03 s | 0 files, 0.03 s |
| 100,000 facts (\`gen_facts\`) | 310,190 files, 579.9 MB, 63.5 s | 7 files: 5 added (the fact's 2 cards, its version bucket, the index's ids file and \`meta\`), 2 changed (\`set.json\`, its desk file), none removed; 71.8 KB, 39.7 s | 0 files, 40.3 s |

Format 2 (issue 25: files named by their content or version, \`set.json\` written last, the previous two publishes
kept). Of the bytes, the bundle is 91.5 KB at 89 facts; at 100,000 the index's \`meta\` (45.6 KB: it names every
index file by its hash) and the bucket (10.1 KB). Before format 2 (files named by fact id, rewritten in place) the
same correction wrote 4 files, 98.6 KB, 0.02 s at 89 facts and 3 files, 5.2 KB, 37.4 s at 100,000. The time of a
run over a folder written before is reading and checking the facts, rendering every file and comparing it with the
one there (no file is rewritten); peak memory 816 MB either way.

## Decisions measured along the way

Not re-run by \`make bench\`; measured once, on this machine, when the choice was made.

| change | wasm raw | wasm brotli |
| --- | ---: | ---: |
| first build (serde-wasm-bindgen views, five \`sort_unstable\` instantiations, Unicode case tables) | 224,376 | 79,221 |
| one heapsort, range-based word and case tests | 193,785 | 69,106 |
| objects as JSON text instead of serde-wasm-bindgen (9 KB raw, 3 KB brotli saved) | 184,752 | 66,079 |
| pages of cards load no wasm at all (cards prerendered at build time): a page of ten cards went from about 78 KB to about 15 KB brotli | | |
| sharded search added (+4 KB brotli, with a sorted \`Vec\` rather than a \`BTreeMap\`, which cost 8 KB more) | 203,675 | 72,332 |
| workspace (issue 12): the shard numbers sorted with the small sort, one varint codec | 200,948 | 72,356 |
| any language (issue 13): figures and dates formatted from CLDR at compile time and stored per language (the hand-written en/zh formatting leaves the wasm, the bundle grows by 0.9 KB brotli), factcard's words for six languages, search per language | 213,772 | 76,549 |
| the wasm holds code, not data (issue 14): the default set is \`data/facts.facts\` (since format 2 \`data/facts.HHHHHHHH.facts\`), fetched like any bundle | 125,193 | 47,900 |
| one search path (issue 14): search boxes load a search-only module (\`crates/search\`: the sharded index's query side and completions) instead of the full core; its std built with \`-Cpanic=immediate-abort\` (no panic-message formatting: 63,086 → 45,974 raw, 25,653 → 19,013 brotli before completions); the full core lost \`ShardedSearch\` | search module 51,015; full core 118,004 (before issue 16) | 20,940; 45,753 |

- First card after FCP (issue 5), medians of 15–21 loads, harness fixed first (it had evaluated a helper script
  in the page mid-load, 10–20 ms of main thread): 47.8 ms on the page of cards and 52.1 ms on the demo before;
  then, with \`autolink\`'s pattern compiled in about 1 ms instead of 55–90 ms (one shared word-boundary check
  instead of one per name), cards in view loaded before far ones, and the search core, mention prefetches and
  autolink waiting for the cards in view: 24–34 ms and 6–36 ms.
- Layout shift on a page of ten cards whose script runs after the first paint: 0.10, from the space reserved when
  the script runs; with the optional \`factcard.css\` (two rules, 0.2 KB) linked in \`<head>\`: 0.002.
- 1,000 cards and 1,000 mentions: the script's task took 140–290 ms (a shadow root per mention at once, and a
  forced layout per card interleaved with them); with mentions built in the 8 ms slices and cards measured
  together, 66 ms.
- The search index of the default set is built on the first search (about 3.5 ms natively, 8 ms in the
  browser including decoding), in idle time once the core has loaded, not at page load. Building it at compile
  time and shipping it was measured and rejected: 33.8 KB raw, **17.2 KB brotli** more for every page with a
  search box, to save a few milliseconds once.
- Formatting at run time was measured against formatting at compile time (issue 13): ICU4X compiled data in the
  wasm for one compact number, currency, unit and date in German, 412,114 bytes raw, 118,704 brotli (compiled data
  carries every locale); the browser's \`Intl\` through js-sys, 13,550 raw, 5,347 brotli of wasm plus 2,135 brotli
  of glue, and it rounds compact numbers. The compiler formats instead (ICU4X natively) and stores the texts: for
  the default set's two languages, +4.5 KB raw, +0.9 KB brotli of bundle.
- Cards in the page (issue 17): declarative Shadow DOM, its styles in a file. A \`<link rel="stylesheet">\` in a
  shadow root alone does not hold the first paint: with the sheet delayed by 300 ms, 3 of 4 loads painted the card
  unstyled first. Linked in the \`<head>\` as well (so its rules are scoped to \`:host\`, which matches nothing in
  the page), it holds the first paint, and the shadow roots apply the loaded sheet in the first frame (4 of 4 loads
  styled in the first frame). An inline \`<style>\` per element paints styled too, but needs CSP
  \`'unsafe-inline'\` (or a hash per version) and repeats 4.7 KB raw per element. The page of ten cards and three
  mentions grows from 0.6 KB to 5.6 KB brotli (34.9 KB raw: each card's 2 KB, compressed against the others), and
  needs 1.4 KB of style sheet instead of ten fragments (9.6 KB); the script (8.9 KB) only adds what is interactive.
- The third-party article (issue 17), where the time between the script and the first card went. Medians of 15
  to 21 loads on an idle machine, each split by marks in the page (all after FCP): \`<fact-card>\` defined at -7 ms,
  its fragments asked for at 0 ms, the first answer at +45 ms, the first card at +68 ms. Variants of the page
  showed where the main thread's time went: without its search box +39 ms, without its mentions +47 ms, without
  both and autolink +36 ms. Mentions and the search box were defined in a microtask of the same task that asked
  for the cards, and building their shadow roots, with the style and layout work that follows, held up that task
  and the ones after it (a trace showed one 71 ms task: the module, the in-view check with its layout, the two
  definitions and a second layout). They are now defined with the work that waits for the cards in view (\`later\`
  in schedule.js), and the page's first card came at +27 to +34 ms in the same experiment; the page bench above
  gives 32.0 ms (21 loads) and 40.2 ms (41 loads). What is left is mostly the local network of this machine: a 2 KB
  fragment took 25 to 45 ms from request to answer at page load (6 to 20 ms once a page has loaded), and its body
  came 15 to 30 ms after its headers; the bench's own page of cards measures 38 to 47 ms the same day (it measured
  20 to 36 ms in earlier sessions).
- Fuzzing (\`make fuzz\`, cargo-fuzz on stable Rust): every target to at least 2,000,000 executions (bundle_decode
  also with AddressSanitizer), no crash and no broken invariant; the runs and their rates are in fuzz/README.md.
`;
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), doc);
console.log('bench: wrote BENCHMARKS.md');
