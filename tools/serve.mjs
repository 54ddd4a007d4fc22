// A tiny static file server for the demo and the page tests: no dependencies, correct MIME types (wasm needs
// application/wasm for streaming compilation), loopback only.
//   node tools/serve.mjs [root] [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

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
  const server = createServer(async (req, res) => {
    if (hook && (await hook(req, res))) return;
    const url = new URL(req.url, 'http://x');
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      res.writeHead(200, {
        'content-type': TYPES[extname(path)] || 'application/octet-stream',
        'cache-control': 'no-cache',
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || '.';
  const port = Number(process.argv[3] || 8080);
  const server = await serve(root, port);
  const { port: p } = server.address();
  console.log(`factcard demo: http://127.0.0.1:${p}/www/  (serving ${resolve(root)}; Ctrl-C to stop)`);
}
