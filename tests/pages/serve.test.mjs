// `factcard serve`: the desk over a publisher's folder reloads itself when a file is saved, and shows a broken
// file's errors (file:line:column and the hint) over the last good build. Prints the time from a save to the
// reloaded desk showing the new text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { page, shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const t = shared(null, { serve: false });

/** Starts `factcard serve` over a copy of the own fixture; resolves to its address, the file and a stop(). */
async function serve() {
  const dir = mkdtempSync(join(tmpdir(), 'factcard-serve-page-'));
  cpSync(join(ROOT, 'tests/pages/fixtures/own'), dir, { recursive: true });
  const child = spawn(join(ROOT, 'target/release/factcard'), ['serve', dir, '--port', '0', '--pkg', join(ROOT, 'pkg')], { stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((ok, no) => {
    child.stdout.on('data', (d) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(d));
      if (m) ok(m[0]);
    });
    child.on('exit', (code) => no(new Error(`factcard serve exited with ${code}`)));
  });
  const stop = () => new Promise((ok) => {
    child.once('exit', ok);
    child.kill();
  }).then(() => rmSync(dir, { recursive: true, force: true }));
  return { url, file: join(dir, 'facts.toml'), stop };
}

// Saves as an editor that writes a new file and renames it over the old one: written in place, the file is empty
// for a moment between truncating and writing, and serve's watcher may build that moment (an empty set, a good
// build) and reload the desk to it (on a busy machine, the last good build was then the empty one).
function save(file, text) {
  writeFileSync(`${file}.part`, text);
  renameSync(`${file}.part`, file);
}

test('factcard serve: a save reloads the desk with the new text; a broken file shows its errors over the last good build', async () => {
  const s = await serve();
  try {
    const p = await page(t.b);
    await p.goto(`${s.url}#port-cranes`);
    await p.waitForSelector('html[data-ready]');
    const stageText = () => p.waitForFunction(() => document.querySelector('#stage fact-card')?.shadowRoot?.querySelector('article')?.innerText).then((h) => h.jsonValue());
    assert.match(await stageText(), /installed twelve container cranes/);
    const good = readFileSync(s.file, 'utf8');

    const loaded = p.waitForEvent('load');
    const saved = performance.now();
    save(s.file, good.replace('installed twelve', 'installed thirteen'));
    await loaded;
    await p.waitForFunction(() => /installed thirteen/.test(document.querySelector('#stage fact-card')?.shadowRoot?.querySelector('article')?.innerText ?? ''));
    const ms = performance.now() - saved;
    console.log(`factcard serve: save to reloaded desk showing the new text: ${ms.toFixed(0)} ms`);
    // Seconds at most (it polls every 100-150 ms, builds a small set, reloads): a generous bound, so that a busy
    // machine does not fail it, which still catches a change picked up late.
    assert.ok(ms < 15000, `${ms} ms`);
    assert.equal(new URL(p.url()).hash, '#port-cranes', 'the same view after the reload');

    save(s.file, good.replace('installed twelve', 'installed thirteen').replace('entities = ["river-port"]', 'entities = ["river-prt"]'));
    const alert = await p.waitForSelector('#factcard-serve-errors li');
    assert.match(await alert.textContent(), /facts\.toml:32:13: unknown entity `river-prt` \(hint: did you mean `river-port`\?\)$/);
    await p.waitForSelector('html[data-ready]');
    assert.match(await stageText(), /installed thirteen container cranes/, 'the last good build stays');

    save(s.file, good);
    await p.waitForFunction(() => !document.getElementById('factcard-serve-errors') && /installed twelve/.test(document.querySelector('#stage fact-card')?.shadowRoot?.querySelector('article')?.innerText ?? ''));
    assert.deepEqual(p.errors, []);
  } finally {
    await s.stop();
  }
});

test('factcard serve: the desk works under the headers serve sends (its CSP): search, mention, iframe, no violation', async () => {
  const s = await serve();
  try {
    const p = await page(t.b);
    // In every frame (the desk and its iframe preview): each CSP violation, recorded.
    await p.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const desk = await p.goto(`${s.url}data/#port-cranes`);
    const csp = desk.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(desk.headers()['x-content-type-options'], 'nosniff');
    await p.waitForSelector('html[data-ready]');
    // The live-reload script runs under the policy too: it has read the state once the state is polled.
    await p.waitForResponse((r) => r.url().endsWith('/__factcard/state'));
    await p.check('input[name=as][value=mention]');
    await p.waitForFunction(() => document.querySelector('#stage fact-ref')?.open === true);
    await p.check('input[name=as][value=iframe]');
    await p.frameLocator('#stage iframe').locator('fact-card[data-ready]').waitFor();
    const violations = async () => {
      for (const f of p.frames()) assert.deepEqual(await f.evaluate(() => window.violations), [], f.url());
    };
    await violations();
    // A search (the search index and its wasm).
    const wasm = p.waitForResponse((r) => /_bg\.[0-9a-f]{8}\.wasm$/.test(r.url()) && r.ok());
    await p.goto(`${s.url}data/`);
    await p.waitForSelector('html[data-ready]');
    await p.fill('#q', 'cranes');
    await p.press('#q', 'Enter');
    await p.waitForSelector('#results a[data-fact="port-cranes"]');
    await wasm;
    await violations();
    assert.deepEqual(p.messages.filter((m) => /Content.Security.Policy|Refused to/i.test(m.text)), []);
    assert.deepEqual(p.errors, []);
  } finally {
    await s.stop();
  }
});
