// The package's code files named by their content (tools/hash-names.mjs, run by make build), so that a CDN and a
// browser may keep them a year: each name's hash is that of the file's bytes, factcard.js and the glue name the
// files as they are called, the tool fails loudly when a reference is missing, and a browser that loaded the wasm
// once does not ask for it again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HASHED, IMMUTABLE, ENTRY } from '../../tools/caching.mjs';
import { matching, parseHeaders } from '../../tools/serve.mjs';
import { built, call, page, searchFlow, shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const TOOL = `${ROOT}tools/hash-names.mjs`;
const CODE = ['factcard_core_bg.wasm', 'factcard_core.js', 'factcard_search_bg.wasm', 'factcard_search.js'];
const sha = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8);
const asked = [];
const t = shared((req) => {
  asked.push(new URL(req.url, 'http://x').pathname);
  return false;
});

describe('code files named by their content', () => {
  test('pkg/: each of the four code files carries the hash of its own bytes, and none is left under its old name', () => {
    const names = readdirSync(`${ROOT}pkg`);
    for (const n of CODE) {
      const file = built(n);
      assert.equal(file.match(HASHED)[0].slice(1, 9), sha(readFileSync(`${ROOT}pkg/${file}`)), file);
      assert.ok(!names.includes(n), `${n} is still there`);
    }
    assert.deepEqual(names.filter((n) => HASHED.test(n)).sort(), CODE.map(built).sort(), 'nothing else is named by its content');
  });

  test('pkg/: factcard.js names the glue and the wasm by their new names, each glue its wasm, none an old name', () => {
    const entry = readFileSync(`${ROOT}pkg/factcard.js`, 'utf8');
    for (const m of ['factcard_core', 'factcard_search']) {
      assert.ok(entry.includes(`"./${built(`${m}.js`)}"`), `factcard.js imports ./${built(`${m}.js`)}`);
      assert.ok(entry.includes(`"${built(`${m}_bg.wasm`)}"`), `factcard.js names ${built(`${m}_bg.wasm`)}`);
      assert.ok(readFileSync(`${ROOT}pkg/${built(`${m}.js`)}`, 'utf8').includes(`"${built(`${m}_bg.wasm`)}"`), `the glue names its wasm`);
    }
    for (const f of ['factcard.js', built('factcard_core.js'), built('factcard_search.js')]) {
      assert.doesNotMatch(readFileSync(`${ROOT}pkg/${f}`, 'utf8'), /["'`](\.\/)?factcard_(core|search)(_bg\.wasm|\.js)["'`]/, f);
    }
  });

  test('hash-names: renames the wasm, then the glue it rewrote, then factcard.js; fails naming a missing reference', () => {
    const dir = mkdtempSync(join(tmpdir(), 'factcard-hash-'));
    try {
      const write = (entry) => {
        for (const m of ['factcard_core', 'factcard_search']) {
          writeFileSync(join(dir, `${m}_bg.wasm`), `wasm of ${m}`);
          writeFileSync(join(dir, `${m}.js`), `e=new URL("${m}_bg.wasm",import.meta.url);`);
        }
        writeFileSync(join(dir, 'factcard.js'), entry);
      };
      write('a=import("./factcard_core.js"),"factcard_core_bg.wasm";b=import("./factcard_search.js"),"factcard_search_bg.wasm"');
      execFileSync('node', [TOOL, dir], { stdio: 'pipe' });
      const names = readdirSync(dir);
      const wasm = names.find((n) => n.startsWith('factcard_core_bg.'));
      const glue = names.find((n) => n.startsWith('factcard_core.'));
      assert.equal(wasm, `factcard_core_bg.${sha('wasm of factcard_core')}.wasm`);
      const glueText = readFileSync(join(dir, glue), 'utf8');
      assert.equal(glueText, `e=new URL("${wasm}",import.meta.url);`);
      assert.equal(glue, `factcard_core.${sha(glueText)}.js`, 'the glue hashed after its rewrite');
      assert.match(readFileSync(join(dir, 'factcard.js'), 'utf8'), new RegExp(`^a=import\\("\\./${glue}"\\),"${wasm}";`));
      // A factcard.js that does not name the search glue (a new esbuild writing it differently): exit 1, and why.
      for (const n of readdirSync(dir)) rmSync(join(dir, n));
      write('a=import("./factcard_core.js"),"factcard_core_bg.wasm";"factcard_search_bg.wasm"');
      assert.throws(() => execFileSync('node', [TOOL, dir], { stdio: 'pipe' }), (e) => e.status === 1 && /factcard\.js does not name "\.\/factcard_search\.js"/.test(e.stderr));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('headers.mjs: one rule per file, hashed ones IMMUTABLE; the data folder\'s rules merged in under /data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'factcard-headers-'));
    const run = () => parseHeaders(execFileSync('node', [`${ROOT}tools/headers.mjs`, dir], { encoding: 'utf8' }));
    const cc = (rules, path) => matching(rules, path)['cache-control'];
    try {
      for (const n of ['factcard.js', 'factcard_core_bg.0123abcd.wasm', 'package.json']) writeFileSync(join(dir, n), n);
      mkdirSync(join(dir, 'data'));
      let rules = run();
      assert.deepEqual([cc(rules, '/factcard.js'), cc(rules, '/factcard_core_bg.0123abcd.wasm'), cc(rules, '/package.json')], [ENTRY, IMMUTABLE, ENTRY]);
      assert.equal(cc(rules, '/data/en/x.html'), ENTRY, 'no data/_headers: the data folder an entry folder');
      writeFileSync(join(dir, 'data', '_headers'), `# the set\n/*\n  Cache-Control: ${ENTRY}\n  X-Set: 1\n/cards/:h/*\n  X-Hashed: yes\n`);
      rules = run();
      assert.deepEqual(matching(rules, '/data/en/x.html'), { 'cache-control': ENTRY, 'x-set': '1' });
      assert.equal(matching(rules, '/data/cards/ab12/x.html')['x-hashed'], 'yes', 'its patterns under /data');
      assert.equal(cc(rules, '/factcard_core_bg.0123abcd.wasm'), IMMUTABLE, 'the data rules reach nothing outside /data');
      assert.equal(cc(rules, '/_headers'), undefined, 'the file itself is not a rule');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a browser keeps the wasm and its glue (IMMUTABLE) and asks for neither again; factcard.js is an ENTRY file', async () => {
    const p = await page(t.b);
    const control = {};
    p.on('response', (r) => { control[new URL(r.url()).pathname] = r.headers()['cache-control']; });
    const load = async () => {
      await p.goto(`${t.srv.url}/tests/pages/fixtures/empty.html`);
      return p.evaluate(async () => (await (await import('/pkg/factcard.js')).openIndex('/pkg/data/')).searchIds('hydrogen', 3));
    };
    const first = await load();
    const wasm = `/pkg/${built('factcard_search_bg.wasm')}`;
    const glue = `/pkg/${built('factcard_search.js')}`;
    assert.equal(control[wasm], IMMUTABLE);
    assert.equal(control[glue], IMMUTABLE);
    assert.equal(control['/pkg/factcard.js'], ENTRY);
    asked.length = 0;
    assert.deepEqual(await load(), first);
    assert.deepEqual(asked.filter((a) => a === wasm || a === glue), [], 'kept by the browser');
    assert.deepEqual(p.errors, []);
  });
});

// Format 2 (issue 25): of what a page downloads from a published folder for a card, a search and its completions,
// only factcard.js and the folder's set.json are entry files; every other file is named by its content or version
// and cached for good, as the folder's _headers (through tools/serve.mjs, which applies them) says.
describe('a published folder, format 2', () => {
  test('a card, a search and a completion download only immutable files, but factcard.js and set.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'factcard-format2-'));
    const { serve } = await import('../../tools/serve.mjs');
    let s;
    try {
      // The package as make build writes it, its data folder written anew from the default set.
      execFileSync('cp', ['-a', `${ROOT}pkg`, `${dir}/pkg`]);
      rmSync(`${dir}/pkg/data`, { recursive: true });
      execFileSync(`${ROOT}target/release/factcard`, ['site', `${ROOT}seeds`, '-o', `${dir}/pkg/data`, '-q']);
      writeFileSync(`${dir}/pkg/_headers`, execFileSync('node', [`${ROOT}tools/headers.mjs`, `${dir}/pkg`], { encoding: 'utf8' }));
      writeFileSync(`${dir}/page.html`, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>format 2</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body><fact-card id="card" fact="atg-alumina-content">ATG glass</fact-card>
<p><fact-ref id="ref" entity="liangjiang">Liangjiang</fact-ref></p><fact-search id="search"></fact-search></body></html>`);
      s = await serve(dir);
      const url = `http://127.0.0.1:${s.address().port}`;
      const p = await page(t.b);
      const got = new Map();
      p.on('response', (r) => got.set(new URL(r.url()).pathname, r.headers()['cache-control']));
      await p.goto(`${url}/page.html`);
      await p.waitForFunction(() => document.querySelector('#card').shadowRoot?.querySelector('article.card'));
      await call(p, '#ref', 'toggle', true);
      await p.waitForFunction(() => document.querySelector('#ref').shadowRoot?.querySelector('.pop article'));
      await searchFlow(p);
      got.delete('/page.html');
      const paths = [...got.keys()];
      const entry = paths.filter((u) => got.get(u) !== IMMUTABLE).sort();
      assert.deepEqual(entry, ['/pkg/data/set.json', '/pkg/factcard.js'], JSON.stringify([...got]));
      assert.equal(got.get('/pkg/data/set.json'), ENTRY);
      // What it downloaded: cards (a fact's, an entity's), the index and its completions, the search module (no
      // version bucket: set.json gives a set this small its cards' versions).
      for (const re of [/^\/pkg\/data\/en\/atg-alumina-content\.[0-9a-f]{8}\.html$/, /^\/pkg\/data\/en\/entity\/liangjiang\.[0-9a-f]{8}\.html$/,
        /^\/pkg\/data\/search\/meta\.[0-9a-f]{8}\.json$/, /^\/pkg\/data\/search\/t\d+\.[0-9a-f]{8}\.idx$/,
        /^\/pkg\/data\/search\/s\d+\.[0-9a-f]{8}\.txt$/, /^\/pkg\/data\/search\/ids0\.[0-9a-f]{8}\.txt$/, /^\/pkg\/factcard_search_bg\.[0-9a-f]{8}\.wasm$/]) {
        assert.ok(paths.some((u) => re.test(u)), `${re} in ${paths.join(' ')}`);
      }
      assert.ok(!paths.some((u) => u.includes('/versions/')), paths.join(' '));
      assert.deepEqual(p.errors, []);
    } finally {
      await new Promise((ok) => (s ? s.close(ok) : ok()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
