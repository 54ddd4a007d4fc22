// A tiny static file server for the demo and the page tests: no dependencies, correct MIME types (wasm needs
// application/wasm for streaming compilation), loopback only. It sends the headers that a `_headers` file gives (the
// format Netlify and Cloudflare Pages read; `make build` writes pkg/_headers): the nearest one above a file, its
// paths taken from the folder that holds it, as if that folder were a site of its own. Without one: no-cache.
//   node tools/serve.mjs [root] [port]
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.facts': 'application/octet-stream', '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port). `hook(req, res)` may answer first (tests use it);
 * `headers(req)` may add response headers (a CSP, CORS).
 */
export function serve(root, port = 0, hook = null, headers = null) {
  const base = resolve(root);
  const top = realpath(base).catch(() => base); // the folder's own real path, once
  const server = createServer(async (req, res) => {
    // Only for this machine's own names: a page on another site that rebinds its name to 127.0.0.1 (DNS rebinding)
    // gets nothing.
    if (!/^(127\.0\.0\.1|localhost):\d+$/.test(req.headers.host || '')) { res.writeHead(421).end(); return; }
    if (hook && (await hook(req, res))) return;
    const path = await inside(base, await top, req.url);
    try {
      if (!path) throw new Error('not in the folder');
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        ...(await fromHeadersFile(await top, path)),
        ...(headers ? headers(req, path) : {}),
      });
      res.end(body);
    } catch {
      // A CDN's headers (CORS) come with its 404s too, so that a page from another origin can read them.
      res.writeHead(404, { 'content-type': 'text/plain', ...(headers ? headers(req, path) : {}) }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

/**
 * The file a request's path names under `base` (a folder's index.html), its links followed, or null when it is not
 * there, is malformed (`%` escapes that are not UTF-8) or leads outside `base`, whose real path is `top` (`..`, a
 * link out).
 */
async function inside(base, top, url) {
  try {
    let path = join(base, decodeURIComponent(new URL(url, 'http://x').pathname));
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const real = await realpath(path);
    return real === top || real.startsWith(top + sep) ? real : null;
  } catch {
    return null;
  }
}

/**
 * The headers that the nearest `_headers` file above `path` (up to `top`) gives it, by the rules of Netlify and
 * Cloudflare Pages: each rule whose path pattern matches (`*` any characters, `:name` one segment) adds its headers,
 * a header that several give gets their values joined with ", " (as Cloudflare does; Netlify keeps the last rule's:
 * joined, a file whose rules overlap shows it), and `! Name` drops one that another rule gave (Cloudflare's).
 */
async function fromHeadersFile(top, path) {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const text = await readFile(join(dir, '_headers'), 'utf8').catch(() => null);
    if (text !== null) return matching(parseHeaders(text), `/${relative(dir, path).split(sep).join('/')}`);
    if (dir === top || dir === dirname(dir)) return {}; // `path` is inside `top`: the walk ends there
  }
}

/** The rules of a `_headers` file: [{ pattern (a RegExp), headers: [[name, value]], detach: [name] }]. */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:\w+/g, '[^/]+');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: [], detach: [] });
    } else if (rules.length && line.trim().startsWith('!')) {
      rules.at(-1).detach.push(line.trim().slice(1).trim().toLowerCase());
    } else if (rules.length && line.includes(':')) {
      const at = line.indexOf(':');
      rules.at(-1).headers.push([line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()]);
    }
  }
  return rules;
}

/** The headers that `rules` give the path `url` (from the folder of their `_headers`). */
export function matching(rules, url) {
  const out = {};
  const hits = rules.filter((r) => r.pattern.test(url));
  for (const [name, value] of hits.flatMap((r) => r.headers)) out[name] = name in out ? `${out[name]}, ${value}` : value;
  for (const name of hits.flatMap((r) => r.detach)) delete out[name];
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || '.';
  const port = Number(process.argv[3] || 8080);
  const server = await serve(root, port);
  const { port: p } = server.address();
  console.log(`factcard demo: http://127.0.0.1:${p}/www/  (serving ${resolve(root)}; Ctrl-C to stop)`);
}
