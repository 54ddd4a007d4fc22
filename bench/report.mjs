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

A page of cards loads \`factcard.js\` and one prerendered card per fact shown; the glue and the wasm (with the
whole default data set inside) load only for a search box, the JS API or a \`.facts\` bundle.

${read('page-results.md')}

Targets (issue 5): at most 30 KB brotli for a page of cards; the first card within 50 ms of the first contentful
paint on a local server.

${read('many-results.md')}

${read('results.md').replace(/^# factcard search benchmark/, '## Search: factcard, MiniSearch and Fuse.js')}

${read('big-results.md')}
`;
writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), doc);
console.log('bench: wrote BENCHMARKS.md');
