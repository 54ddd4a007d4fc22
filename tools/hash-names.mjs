// Names the package's code files by their content, so that a CDN and a browser may keep them for a year
// (tools/caching.mjs): each wasm module, then the glue that names it, then factcard.js, which names both, in that
// order, each renamed NAME.HHHHHHHH.EXT (the first 8 hex of the SHA-256 of its final bytes).
//   node tools/hash-names.mjs pkg
// factcard.js and the CSS files keep their names: pages name them. Fails, naming what it missed, if a file or a
// reference to it is not found (a new esbuild or wasm-bindgen that writes them differently must not ship a
// package whose names do not match).
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] || 'pkg';
const MODULES = ['factcard_core', 'factcard_search'];

/** Renames `dir/NAME.EXT` to `dir/NAME.HHHHHHHH.EXT`; returns the new name. */
function hashName(name) {
  const bytes = readFileSync(join(dir, name));
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 8);
  const named = name.replace(/(\.[^.]+)$/, `.${hash}$1`);
  renameSync(join(dir, name), join(dir, named));
  return named;
}

/** `text` with each quoted `from` (in '', "" or ``, as `prefix` + name) turned into `to`; fails if there is none. */
function rewrite(text, file, from, to, prefix = '') {
  const quoted = new RegExp(`(["'\`])${(prefix + from).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`, 'g');
  let found = 0;
  const out = text.replace(quoted, (_, q) => (found++, `${q}${prefix}${to}${q}`));
  if (!found) throw new Error(`hash-names: ${file} does not name "${prefix}${from}" (the build writes it differently now?)`);
  return out;
}

try {
  let entry = readFileSync(join(dir, 'factcard.js'), 'utf8');
  for (const m of MODULES) {
    const wasm = hashName(`${m}_bg.wasm`);
    // The glue's own default address of its wasm (new URL("…_bg.wasm", import.meta.url)), for whoever loads it alone.
    writeFileSync(join(dir, `${m}.js`), rewrite(readFileSync(join(dir, `${m}.js`), 'utf8'), `${m}.js`, `${m}_bg.wasm`, wasm));
    const glue = hashName(`${m}.js`);
    entry = rewrite(entry, 'factcard.js', `${m}_bg.wasm`, wasm);
    entry = rewrite(entry, 'factcard.js', `${m}.js`, glue, './');
    console.error(`hash-names: ${wasm}, ${glue}`);
  }
  writeFileSync(join(dir, 'factcard.js'), entry);
} catch (e) {
  console.error(e.code === 'ENOENT' ? `hash-names: ${e.path} is missing (run the whole of make build)` : e.message);
  process.exit(1);
}
