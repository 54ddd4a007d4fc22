// A tiny static file server for the demo and the page tests: no dependencies, correct MIME types (wasm needs
// application/wasm for streaming compilation), loopback only.
//   node tools/serve.mjs [root] [port]
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

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

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || '.';
  const port = Number(process.argv[3] || 8080);
  const server = await serve(root, port);
  const { port: p } = server.address();
  console.log(`factcard demo: http://127.0.0.1:${p}/www/  (serving ${resolve(root)}; Ctrl-C to stop)`);
}
