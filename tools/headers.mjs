// Writes the package's caching rules in the `_headers` format that Netlify and Cloudflare Pages read: each file of
// pkg/ by its exact path, a content-hashed one IMMUTABLE, any other ENTRY (tools/caching.mjs); then the data
// folder's own rules (pkg/data/_headers, written by `factcard site`), their patterns prefixed with /data, or, when
// it has none, /data/* as ENTRY.
//   node tools/headers.mjs pkg > pkg/_headers
// No two rules match one file: Cloudflare Pages joins the values of a header that several matching rules give
// (Netlify keeps the last rule's), which would make a Cache-Control of two contradicting ones.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheControl, ENTRY } from './caching.mjs';

const dir = process.argv[2] || 'pkg';

/** A rule of the `_headers` format: the path, then each header indented on a line of its own. */
const rule = (path, value) => `${path}\n  Cache-Control: ${value}\n`;

/** The data folder's rules under /data: each path pattern (a line that is not indented, not a comment) prefixed. */
function dataRules(text) {
  return text.split('\n').map((line) => (/^\//.test(line) ? `/data${line}` : line)).join('\n').replace(/\n*$/, '\n');
}

const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name !== '_headers').map((e) => e.name).sort();
const out = ['# Caching rules for the factcard package (written by make build: tools/headers.mjs; the README\'s "Caching").\n'];
out.push(...files.map((n) => rule(`/${n}`, cacheControl(n))));
const data = join(dir, 'data', '_headers');
if (existsSync(data)) out.push('# The data folder\'s own rules (data/_headers, written by factcard site).\n', dataRules(readFileSync(data, 'utf8')));
else if (existsSync(join(dir, 'data'))) out.push(rule('/data/*', ENTRY));
process.stdout.write(out.join('\n'));
