// Writes pkg/package.json from Cargo.toml's version, so the npm package and the crate never disagree.
import { readFileSync } from 'node:fs';
const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const version = cargo.match(/^version = "([^"]+)"/m)[1];
console.log(JSON.stringify({
  name: 'factcard',
  version,
  description: 'Curated fact cards for news pages: <fact-card>, backed by a small WebAssembly core.',
  type: 'module',
  main: 'factcard.js',
  module: 'factcard.js',
  exports: { '.': './factcard.js', './factcard.css': './factcard.css', './factcard_core_bg.wasm': './factcard_core_bg.wasm', './factcard_search_bg.wasm': './factcard_search_bg.wasm' },
  files: ['factcard.js', 'factcard.css', 'factcard_core.js', 'factcard_core_bg.wasm', 'factcard_search.js', 'factcard_search_bg.wasm', 'data/', 'README.md'],
  sideEffects: ['./factcard.js'],
  license: 'MIT OR Apache-2.0',
}, null, 2));
