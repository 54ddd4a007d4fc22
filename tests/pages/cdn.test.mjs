// A real cache in front, as a CDN stands in front of a newsroom's bucket: nginx (Debian's, `proxy_cache`, honoring
// the origin's Cache-Control) before a tools/serve.mjs origin that serves the package and a published folder
// (`factcard site --entry-max-age 2`); articles on another origin, one run through `factcard inline`, one with
// script-drawn cards and a search box, both loading factcard.js through the cache. Version 1 is published, read,
// version 2 (two figures corrected, with their records) published while readers keep loading, and every copy is
// reloaded until it shows the correction.
//
// Written against behaviour, never file names (the folder's layout changes): which responses are entry files is
// decided by the Cache-Control the origin sent; what a reader sees by the cards' text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { serve } from '../../tools/serve.mjs';
import { browser } from './harness.mjs';
import { IMMUTABLE, cranes, publish, state, writeSet } from './fixtures/versioned.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FACTCARD = `${ROOT}target/release/factcard`;
const NGINX = process.env.NGINX || '/usr/sbin/nginx';
const ENTRY_SECONDS = 2;
const DEADLINE = 60_000; // for every copy to show the correction (it should take about 2 × ENTRY_SECONDS)

const t = {};
const TMP = mkdtempSync(`${tmpdir()}/factcard-cdn-`);

/** A free port on 127.0.0.1 (for nginx's config, written before it starts). */
const freePort = () => new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => ok(port));
  });
});

/**
 * nginx as a CDN in front of `origin`, all its files in `dir`, run as this user in the foreground (a child of the
 * test): caches what the origin's Cache-Control allows, for as long as it says, and tells each answer's
 * X-Cache-Status (also logged, one line a request: status, Cache-Control sent, bytes, path).
 */
async function startNginx(dir, origin) {
  const port = await freePort();
  for (const d of ['logs', 'temp', 'cache']) mkdirSync(`${dir}/${d}`, { recursive: true });
  writeFileSync(`${dir}/nginx.conf`, `daemon off;
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log stderr notice;
events { worker_connections 256; }
http {
  log_format cdn '$upstream_cache_status\\t$sent_http_cache_control\\t$body_bytes_sent\\t$request_uri';
  access_log ${dir}/logs/access.log cdn;
  client_body_temp_path ${dir}/temp/body;
  proxy_temp_path ${dir}/temp/proxy;
  fastcgi_temp_path ${dir}/temp/fastcgi;
  uwsgi_temp_path ${dir}/temp/uwsgi;
  scgi_temp_path ${dir}/temp/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=factcard:1m max_size=64m inactive=10m use_temp_path=off;
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass ${origin};
      proxy_cache factcard;
      proxy_cache_lock on;
      add_header X-Cache-Status $upstream_cache_status always;
    }
  }
}
`);
  const child = spawn(NGINX, ['-e', 'stderr', '-p', `${dir}/`, '-c', `${dir}/nginx.conf`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  await new Promise((ok, fail) => {
    child.stderr.on('data', (b) => {
      said += b;
      if (/start worker process/.test(said)) ok();
    });
    child.on('exit', (code) => fail(new Error(`nginx ended (${code}): ${said}`)));
    child.on('error', fail);
  });
  child.removeAllListeners('exit');
  process.on('exit', () => child.kill()); // never left running, even when the test process ends early
  return { url: `http://127.0.0.1:${port}`, child, log: () => readFileSync(`${dir}/logs/access.log`, 'utf8') };
}

/** The test's article pages, on an origin of their own: one inlined from version 1, one drawn by the script. */
function writeArticles(dir, cdn, facts) {
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An article</title><link rel="icon" href="data:,">
<script type="module" src="${cdn}/pkg/factcard.js"></script></head><body><p>The port report.</p>`;
  const cards = cranes.ids.map((id) => `<fact-card id="${id}" fact="${id}">Fallback of ${id}</fact-card>`).join('\n');
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/inlined.html`, `${head}${cards}</body></html>`);
  execFileSync(FACTCARD, ['inline', dir, '--facts', facts, '-q'], { cwd: ROOT });
  writeFileSync(`${dir}/script.html`, `${head}${cards}<fact-search id="search"></fact-search></body></html>`);
}

before(async () => {
  // The origin's folder: the package's files (pkg/), and the set published into pkg/data/ (its default set).
  cpSync(`${ROOT}pkg`, `${TMP}/origin/pkg`, { recursive: true, filter: (p) => !p.startsWith(`${ROOT}pkg/data`) });
  publish(FACTCARD, `${TMP}/facts`, `${TMP}/origin/pkg/data`, 1, ['--entry-max-age', String(ENTRY_SECONDS)]);
  t.asked = []; // what reached the origin
  t.origin = await serve(`${TMP}/origin`, 0, (req) => {
    t.asked.push(req.url);
    return false;
  }, () => ({ 'access-control-allow-origin': '*' }));
  t.cdn = await startNginx(`${TMP}/nginx`, `http://127.0.0.1:${t.origin.address().port}`);
  writeArticles(`${TMP}/site`, t.cdn.url, `${TMP}/facts`);
  t.site = await serve(`${TMP}/site`, 0);
  t.pages = { inlined: `http://127.0.0.1:${t.site.address().port}/inlined.html`, script: `http://127.0.0.1:${t.site.address().port}/script.html` };
  t.b = await browser();
});

after(async () => {
  await t.b?.close();
  const nginx = t.cdn?.child;
  if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
    const ended = new Promise((ok) => nginx.on('exit', ok));
    nginx.kill();
    await ended;
  }
  await new Promise((ok) => (t.site ? t.site.close(ok) : ok()));
  await new Promise((ok) => (t.origin ? t.origin.close(ok) : ok()));
  rmSync(TMP, { recursive: true, force: true });
});

test('a correction reaches every copy through a real cache, which keeps the immutable files', async () => {
  // Readers who stay: one context each, reloading its page (their browser caches as a browser does).
  const stay = { inlined: await (await t.b.newContext()).newPage(), script: await (await t.b.newContext()).newPage() };
  for (const [name, p] of Object.entries(stay)) {
    const s = await state(p, t.pages[name], t.cdn.url);
    assert.equal(s.version, 1, `${name}: ${JSON.stringify(s)}`);
    assert.deepEqual(s.warnings, [], name);
  }

  // What an inlined page spends checking for corrections: its requests to the data folder, from a new reader.
  const check = await state(await newReader(), t.pages.inlined, t.cdn.url);
  assert.equal(check.version, 1, JSON.stringify(check));
  const spent = check.requests.filter((r) => r.data);
  assert.ok(spent.length >= 1 && spent.length <= 3, JSON.stringify(spent));
  const sum = (k) => spent.reduce((a, r) => a + r[k], 0);
  console.log(`cdn: an inlined page checks with ${spent.length} request(s), ${sum('bytes')} bytes of body and ${sum('headerBytes')} of headers: ${spent.map((r) => `${r.bytes} B (${r.cacheControl})`).join(', ')}`);

  // A few more readers, so that the cache holds the immutable files.
  for (let i = 0; i < 2; i++) for (const name of ['inlined', 'script']) await fresh(name, 1);

  // Version 2, published while new readers keep coming and the staying ones reload until they see it.
  writeSet(`${TMP}/facts`, 2);
  const started = Date.now();
  const publishing = promisify(execFile)(FACTCARD,
    ['site', `${TMP}/facts`, '-o', `${TMP}/origin/pkg/data`, '--entry-max-age', String(ENTRY_SECONDS), '-q'], { cwd: ROOT });
  const seen = [];
  let published = 0;
  let stop = false; // the staying readers have all seen the correction, or one gave up
  const reload = async (name) => {
    for (;;) {
      const s = await state(stay[name], t.pages[name], t.cdn.url, { reload: true });
      seen.push({ who: `staying ${name}`, ...s });
      if (s.version === 2 && s.corrected) return Date.now() - started;
      assert.ok(Date.now() - started < DEADLINE, `${name}: no correction after ${DEADLINE} ms: ${JSON.stringify(s)}`);
    }
  };
  const readers = async () => {
    while (!stop) for (const name of ['inlined', 'script']) seen.push({ who: `new ${name}`, ...(await fresh(name)) });
  };
  const staying = (async () => {
    await publishing;
    published = Date.now() - started;
    return Math.max(...(await Promise.all(['inlined', 'script'].map(reload))));
  })().finally(() => {
    stop = true;
  });
  const [took] = await Promise.all([staying, readers()]);
  console.log(`cdn: publishing took ${published} ms; the last copy showed the correction ${took} ms after the publish began (entry files ${ENTRY_SECONDS} s); ${seen.length} loads meanwhile`);

  // No load showed a broken card or a mix of the two versions.
  for (const s of seen) {
    assert.ok(s.version === 1 || s.version === 2, `${s.who}: ${JSON.stringify(s)}`);
    assert.deepEqual(s.warnings, [], s.who);
    if (s.who.endsWith('script')) assert.equal(s.search, 'ready', s.who);
    if (s.version === 2) assert.ok(s.corrected, `${s.who}: version 2 without "Corrected on": ${JSON.stringify(s)}`);
  }
  assert.ok(seen.some((s) => s.version === 2 && s.who.startsWith('new')), 'no new reader saw version 2');
  // Every answer through the cache says whether it came from it.
  const told = seen.flatMap((s) => s.requests).filter((r) => r.bytes >= 0);
  assert.ok(told.length && told.every((r) => /^(HIT|MISS|EXPIRED|UPDATING|STALE|REVALIDATED|BYPASS)$/.test(r.cacheStatus)), JSON.stringify(told));

  // The immutable files came from the cache after their first request; report the hit ratio.
  const lines = t.cdn.log().trim().split('\n').map((l) => {
    const [status, cacheControl, bytes, path] = l.split('\t');
    return { status, cacheControl, bytes: +bytes, path };
  });
  const immutable = lines.filter((l) => l.cacheControl === IMMUTABLE);
  assert.ok(immutable.length > 2, `no immutable file was asked for twice: ${JSON.stringify(lines)}`);
  for (const path of new Set(immutable.map((l) => l.path))) {
    const misses = immutable.filter((l) => l.path === path && l.status !== 'HIT');
    assert.ok(misses.length <= 1, `${path} reached the origin ${misses.length} times: ${JSON.stringify(misses)}`);
  }
  const ratio = (ls) => `${ls.filter((l) => l.status === 'HIT').length}/${ls.length} (${Math.round((100 * ls.filter((l) => l.status === 'HIT').length) / ls.length)}%)`;
  const entry = lines.filter((l) => l.cacheControl.includes(`max-age=${ENTRY_SECONDS},`));
  console.log(`cdn: cache hits: immutable ${ratio(immutable)}, entry ${ratio(entry)}, all ${ratio(lines)}; ${t.asked.length} requests reached the origin`);
  for (const p of Object.values(stay)) assert.deepEqual(p.errors ?? [], []);
  t.b.clean();
});

/** A new reader (a browser context of its own, its cache empty). */
async function newReader() {
  const ctx = await t.b.newContext();
  return ctx.newPage();
}

/** A new reader loads the page `name`; the state it saw (`want`: the version it must see, if known). */
async function fresh(name, want) {
  const p = await newReader();
  const s = await state(p, t.pages[name], t.cdn.url);
  await p.context().close();
  if (want) assert.equal(s.version, want, `${name}: ${JSON.stringify(s)}`);
  return s;
}
