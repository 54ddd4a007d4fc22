// The demo's and the page tests' own file server (tools/serve.mjs), attacked as a page on another site would:
// it answers only for this machine's names and only with files inside its folder; and the caching headers it sends
// from a folder's `_headers` file (pkg/_headers, written by make build), as Netlify and Cloudflare Pages do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { ENTRY, IMMUTABLE, hashedName } from '../../tools/caching.mjs';
import { cardFile, setFile } from './harness.mjs';

/**
 * Sends one raw request line (no URL normalising on the way) and resolves to the status code, or with `full` to
 * { status, headers (lowercase names) }.
 */
const ask = (port, target, host = `127.0.0.1:${port}`, full = false) => new Promise((ok, fail) => {
  const c = connect(port, '127.0.0.1', () => c.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
  let got = '';
  c.on('data', (d) => { got += d; });
  c.on('end', () => {
    const [head] = got.split('\r\n\r\n');
    const status = Number(head.split(' ')[1]);
    const headers = Object.fromEntries(head.split('\r\n').slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    ok(full ? { status, headers } : status);
  });
  c.on('error', fail);
  c.setTimeout(10000, () => { c.destroy(); fail(new Error(`no answer to ${target}`)); });
});
const cacheControl = async (port, target) => (await ask(port, target, `127.0.0.1:${port}`, true)).headers['cache-control'];

test('the dev server answers only inside its folder, only for 127.0.0.1 and localhost, and survives bad escapes', async () => {
  const s = await serve(new URL('../../www', import.meta.url).pathname, 0);
  const { port } = s.address();
  try {
    assert.equal(await ask(port, '/index.html'), 200);
    assert.equal(await ask(port, '/index.html', `localhost:${port}`), 200);
    for (const out of ['/../Makefile', '/%2e%2e/Makefile', '/..%2fMakefile', '//etc/passwd', '/%2fetc%2fpasswd', '/../../../../etc/passwd']) {
      assert.ok([403, 404].includes(await ask(port, out)), out);
    }
    assert.equal(await ask(port, '/%'), 404, 'a malformed escape');
    assert.equal(await ask(port, '/index.html'), 200, 'still up after it');
    assert.equal(await ask(port, '/index.html', 'attacker.example'), 421, 'DNS rebinding');
    assert.equal(await ask(port, '/index.html', `attacker.example:${port}`), 421);
  } finally {
    s.close();
  }
});

test('the dev server sends pkg/_headers: a file named by its content IMMUTABLE (in the data folder too), factcard.js and set.json ENTRY', async () => {
  const root = new URL('../../', import.meta.url).pathname;
  const names = readdirSync(`${root}pkg`);
  const s = await serve(root, 0);
  const { port } = s.address();
  try {
    for (const n of ['factcard_core_bg.wasm', 'factcard_search_bg.wasm', 'factcard_core.js', 'factcard_search.js']) {
      const hashed = hashedName(names, n);
      assert.ok(hashed, `pkg/ has ${n} named by its content: ${names.join(' ')}`);
      assert.equal(await cacheControl(port, `/pkg/${hashed}`), IMMUTABLE, hashed);
    }
    // Every other file exactly ENTRY: no two rules of the file match one path (hosts would join their values).
    for (const n of names.filter((x) => !/\.[0-9a-f]{8}\.\w+$/.test(x) && x !== 'data' && x !== '_headers')) {
      assert.equal(await cacheControl(port, `/pkg/${n}`), ENTRY, n);
    }
    // The data folder (format 2): what a page reads named by its content, but set.json (and the desk's page).
    for (const d of ['data/set.json', 'data/index.html']) assert.equal(await cacheControl(port, `/pkg/${d}`), ENTRY, d);
    for (const d of [setFile('pkg/data/', 'whole'), setFile('pkg/data/', 'search'), cardFile('pkg/data/', 'hongyan-truck-exports-2020')]) {
      assert.equal(await cacheControl(port, `/pkg/data/${d}`), IMMUTABLE, d);
    }
    // A folder with no _headers of its own, nor above it up to the served folder: no-cache, as before.
    assert.equal(await cacheControl(port, '/tests/pages/fixtures/empty.html'), 'no-cache');
  } finally {
    s.close();
  }
});

test('the dev server reads a _headers file as Cloudflare Pages does: *, :name, joined values, ! to drop one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'factcard-headers-'));
  writeFileSync(join(dir, 'a.js'), 'a');
  writeFileSync(join(dir, 'b.txt'), 'b');
  writeFileSync(join(dir, '_headers'), [
    '# a comment', '/*', '  X-Frame-Options: DENY', '  X-Robots-Tag: noindex', '', '/*.js', '  Cache-Control: max-age=1',
    '/:name.js', '  X-Robots-Tag: nosnippet', '/b.txt', '  ! X-Frame-Options', '  Cache-Control: max-age=2', '',
  ].join('\n'));
  const s = await serve(dir, 0);
  const { port } = s.address();
  try {
    const a = (await ask(port, '/a.js', `127.0.0.1:${port}`, true)).headers;
    assert.equal(a['cache-control'], 'max-age=1');
    assert.equal(a['x-frame-options'], 'DENY');
    assert.equal(a['x-robots-tag'], 'noindex, nosnippet', 'two matching rules: their values joined');
    assert.equal(a['content-type'], 'text/javascript; charset=utf-8');
    const b = (await ask(port, '/b.txt', `127.0.0.1:${port}`, true)).headers;
    assert.equal(b['cache-control'], 'max-age=2');
    assert.equal(b['x-frame-options'], undefined, 'dropped with !');
  } finally {
    s.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
