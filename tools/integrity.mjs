// Writes the Subresource Integrity hash (sha384) of each code file of the package, for publishers who pin the
// script they include: <script type="module" src="…/factcard.js" integrity="sha384-…" crossorigin="anonymous">.
// Keys are the files' names as they are in the folder (the glue and wasm with the hash of their content in them).
//   node tools/integrity.mjs pkg > pkg/integrity.json
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] || 'pkg';
const files = readdirSync(dir).filter((n) => /\.(js|css|wasm)$/.test(n)).sort();
const hashes = Object.fromEntries(files.map((n) => [n, `sha384-${createHash('sha384').update(readFileSync(join(dir, n))).digest('base64')}`]));
console.log(JSON.stringify(hashes, null, 2));
