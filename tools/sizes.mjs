// Prints the size of each file in a folder: raw, gzip -9 and brotli -11 (what a reader downloads). A file named by
// its content (factcard_core_bg.1a2b3c4d.wasm) is listed without its hash, so that the rows of two builds compare.
//   node tools/sizes.mjs pkg
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { unhashed } from './caching.mjs';

const dir = process.argv[2] || 'pkg';
const rows = [];
let total = [0, 0, 0];
for (const name of readdirSync(dir).sort((a, b) => (unhashed(a) < unhashed(b) ? -1 : 1))) {
  const p = join(dir, name);
  if (!statSync(p).isFile() || !/\.(js|css|wasm|facts)$/.test(name)) continue;
  const b = readFileSync(p);
  const r = [b.length, gzipSync(b, { level: 9 }).length,
    brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
  rows.push([unhashed(name), ...r]);
  total = total.map((t, i) => t + r[i]);
}
rows.push(['total', ...total]);
// The prerendered cards: a page downloads one per card.
const data = join(dir, 'data', 'en');
try {
  const cards = readdirSync(data).filter((n) => n.endsWith('.html'));
  const sizes = cards.map((n) => readFileSync(join(data, n))).map((b) => [b.length, gzipSync(b, { level: 9 }).length,
    brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length]);
  const avg = [0, 1, 2].map((i) => Math.round(sizes.reduce((a, s) => a + s[i], 0) / sizes.length));
  rows.push([`data/en/*.html (${cards.length}, mean)`, ...avg]);
} catch { /* no data folder */ }
// The fact desk (data/index.html): its page, script, styles and facets, the iframe embed's script, and the file of
// one fact.
const sizeOf = (b) => [b.length, gzipSync(b, { level: 9 }).length, brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length];
try {
  // The desk's script and styles are named by their content (desk.1a2b3c4d.js): found by their plain name's shape.
  const top = readdirSync(join(dir, 'data'));
  const named = (n) => top.find((t) => t.replace(/\.[0-9a-f]{8}\./, '.') === n) || n;
  for (const n of ['index.html', 'desk.js', 'desk.css', 'embed.js', 'desk/facets.json'].map(named)) rows.push([`data/${n}`, ...sizeOf(readFileSync(join(dir, 'data', n)))]);
  const f = join(dir, 'data', 'desk', 'f');
  const sizes = readdirSync(f).map((n) => sizeOf(readFileSync(join(f, n))));
  rows.push([`data/desk/f/*.json (${sizes.length}, mean)`, ...[0, 1, 2].map((i) => Math.round(sizes.reduce((a, s) => a + s[i], 0) / sizes.length))]);
} catch { /* no desk */ }
const w = Math.max(...rows.map((r) => r[0].length));
console.log(`${'file'.padEnd(w)}  ${'raw'.padStart(8)}  ${'gzip'.padStart(8)}  ${'brotli'.padStart(8)}`);
for (const [n, a, g, br] of rows) console.log(`${n.padEnd(w)}  ${String(a).padStart(8)}  ${String(g).padStart(8)}  ${String(br).padStart(8)}`);
