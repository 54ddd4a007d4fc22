// Writes pkg/package.json from Cargo.toml's version, so the npm package and the crate never disagree.
// The package is the folder a page loads from a CDN, and also an npm package that bundlers understand: one entry
// (`exports`, with its types), the elements' manifest (`customElements`), and only factcard.js itself declared as
// having side effects (it registers the elements). The code files it loads carry a hash of their content in their
// names (tools/hash-names.mjs), read from the folder.
//   node tools/package-json.mjs pkg > pkg/package.json
import { readFileSync, readdirSync } from 'node:fs';
import { hashedName } from './caching.mjs';

const names = readdirSync(process.argv[2] || 'pkg');
function named(n) {
  const found = hashedName(names, n);
  if (!found) {
    console.error(`package-json: no ${n} with a hash in its name in the folder (run the whole of make build)`);
    process.exit(1);
  }
  return found;
}
const [core, coreWasm, search, searchWasm] = ['factcard_core.js', 'factcard_core_bg.wasm', 'factcard_search.js', 'factcard_search_bg.wasm'].map(named);
const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = cargo.match(/^version = "([^"]+)"/m)[1];
console.log(JSON.stringify({
  name: 'factcard',
  version,
  description: 'Curated fact cards for news pages: <fact-card>, <fact-ref> and <fact-search>, backed by a small WebAssembly core.',
  keywords: ['web-components', 'custom-elements', 'fact-check', 'news', 'webassembly'],
  type: 'module',
  main: './factcard.js',
  module: './factcard.js',
  types: './factcard.d.ts',
  exports: {
    '.': { types: './factcard.d.ts', default: './factcard.js' },
    './jsx-react': { types: './jsx-react.d.ts' },
    './jsx-preact': { types: './jsx-preact.d.ts' },
    './factcard.css': './factcard.css',
    './factcard-inline.css': './factcard-inline.css',
    './custom-elements.json': './custom-elements.json',
    [`./${coreWasm}`]: `./${coreWasm}`,
    [`./${searchWasm}`]: `./${searchWasm}`,
    './data/*': './data/*',
    './package.json': './package.json',
  },
  customElements: './custom-elements.json',
  files: ['factcard.js', 'factcard.d.ts', 'jsx-react.d.ts', 'jsx-preact.d.ts', 'factcard.css', 'factcard-inline.css', 'custom-elements.json',
    core, coreWasm, search, searchWasm, 'data/', 'README.md'],
  sideEffects: ['./factcard.js'],
  license: 'MIT OR Apache-2.0',
}, null, 2));
