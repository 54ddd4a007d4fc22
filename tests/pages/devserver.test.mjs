// The demo's and the page tests' own file server (tools/serve.mjs), attacked as a page on another site would:
// it answers only for this machine's names and only with files inside its folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { serve } from '../../tools/serve.mjs';

/** Sends one raw request line (no URL normalising on the way) and resolves to the status code. */
const ask = (port, target, host = `127.0.0.1:${port}`) => new Promise((ok, fail) => {
  const c = connect(port, '127.0.0.1', () => c.write(`GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
  let got = '';
  c.on('data', (d) => { got += d; });
  c.on('end', () => ok(Number(got.split(' ')[1])));
  c.on('error', fail);
  c.setTimeout(10000, () => { c.destroy(); fail(new Error(`no answer to ${target}`)); });
});

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
