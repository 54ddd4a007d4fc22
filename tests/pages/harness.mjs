// Shared set-up for the page tests: a local static server over the repository and headless Chromium
// (Debian's, driven by playwright-core; no browser download).
import { after, afterEach, before } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { hashedName } from '../../tools/caching.mjs';
import { serve } from '../../tools/serve.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * The name in pkg/ of a code file that `make build` names by its content (tools/hash-names.mjs):
 * `factcard_search_bg.wasm` -> `factcard_search_bg.1a2b3c4d.wasm`.
 */
export function built(name) {
  const found = hashedName(readdirSync(`${ROOT}pkg`), name);
  if (!found) throw new Error(`pkg/ has no ${name} named by its content (run make build)`);
  return found;
}

/**
 * A file of a folder written by `factcard site` (format 2), as its `set.json` names it (`folder`: relative to the
 * repository, `pkg/data/`): `setFile('pkg/data/', 'whole')` -> `facts.1a2b3c4d.facts`.
 */
export const setFile = (folder, field) => JSON.parse(readFileSync(`${ROOT}${folder}set.json`, 'utf8'))[field];

/**
 * Every card's version in a folder written by `factcard site`, by key (a fact id, or `@` and an entity id): from its
 * `set.json` (a set of up to 2,000 cards) or the buckets it names (a larger one).
 */
export function versionsOf(folder) {
  const set = JSON.parse(readFileSync(`${ROOT}${folder}set.json`, 'utf8'));
  if (set.versions) return set.versions;
  return Object.assign({}, ...set.buckets.map((b) => JSON.parse(readFileSync(`${ROOT}${folder}${b}`, 'utf8'))));
}

/**
 * The path in a folder written by `factcard site` of a card, named by its version ([`versionsOf`]):
 * `cardFile('pkg/data/', 'port-cranes')` -> `en/port-cranes.1a2b3c4d.html`; `id` `@ID` for an entity's card.
 */
export function cardFile(folder, id, lang = 'en') {
  const v = versionsOf(folder)[id];
  if (!v) throw new Error(`${folder} has no card of ${id}`);
  return `${lang}/${id.startsWith('@') ? `entity/${id.slice(1)}` : id}.${v}.html`;
}

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts the server; `hook(req, res)` may answer a request first and return true; `headers(req)` adds headers. */
export async function server(hook = null, headers = null) {
  const s = await serve(ROOT, 0, hook, headers);
  return { url: `http://127.0.0.1:${s.address().port}`, close: () => new Promise((ok) => s.close(ok)) };
}

/**
 * Headless Chromium, with every page it opens (in any context) watched for uncaught exceptions and unhandled
 * promise rejections (Chromium reports both as `pageerror`): `b.uncaught` lists them, and `b.clean()` throws if
 * any happened since its last call. Every page test checks it after each test (`shared`), every bench at its end.
 */
export async function browser() {
  const b = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
  b.uncaught = [];
  const watched = new WeakSet();
  const watch = (p) => {
    if (watched.has(p)) return;
    watched.add(p);
    p.on('pageerror', (e) => b.uncaught.push(`${p.url()}: ${e}`));
  };
  const newContext = b.newContext.bind(b);
  b.newContext = async (options) => {
    const ctx = await newContext(options);
    ctx.on('page', watch);
    return ctx;
  };
  const newPage = b.newPage.bind(b);
  b.newPage = async (options) => {
    const p = await newPage(options);
    watch(p);
    return p;
  };
  b.clean = () => {
    const u = b.uncaught.splice(0);
    if (u.length) throw new Error(`uncaught in the page (${u.length}): ${u.join(' | ')}`);
  };
  return b;
}

/**
 * This test file's Chromium (`.b`) and, unless `serve` is false, its server (`.srv`, with `hook` as in `server`):
 * started before its tests, closed after them.
 */
export function shared(hook = null, { serve = true } = {}) {
  const t = {};
  before(async () => {
    if (serve) t.srv = await server(hook);
    t.b = await browser();
  });
  // Nothing uncaught, ever: a test fails if any page it opened threw or left a promise rejection unhandled.
  afterEach(() => t.b?.clean());
  after(async () => {
    await t.b?.close();
    await t.srv?.close();
  });
  return t;
}

/** A page that records console messages and uncaught errors. */
export async function page(b, options = {}) {
  const p = await b.newPage(options);
  p.messages = [];
  p.errors = [];
  p.on('console', (m) => p.messages.push({ type: m.type(), text: m.text() }));
  p.on('pageerror', (e) => p.errors.push(String(e)));
  return p;
}

/**
 * Calls a public method of a factcard element once the element is defined: mentions and search boxes are defined
 * only after the cards in view have arrived and the page is idle (README, "JavaScript API"), so on a busy machine a
 * method called as soon as the cards show may not exist yet.
 */
export const call = (p, selector, method, ...args) => p.$eval(selector, async (el, [m, a]) => {
  await customElements.whenDefined(el.localName);
  return el[m](...a);
}, [method, args]);

/**
 * Resolves once the page has rendered two more frames: whatever it changed before this call has been laid out and
 * painted (and any layout shift it caused recorded), however slow the machine.
 */
export const frames = (p) => p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))));

/**
 * The page's layout shift so far (the sum of its layout-shift entries, each with what moved), read once it has
 * rendered what it did before this call (`frames`): a new observer's buffered entries, taken at once, so that
 * none waits in an observer's queue.
 */
export async function layoutShift(p) {
  await frames(p);
  return p.evaluate(() => {
    const o = new PerformanceObserver(() => {});
    o.observe({ type: 'layout-shift', buffered: true });
    const es = o.takeRecords();
    o.disconnect();
    return { total: es.reduce((a, e) => a + e.value, 0), moved: es.map((e) => `${e.value} ${e.sources.map((x) => `${x.node?.nodeName}:${x.previousRect.y}->${x.currentRect.y}`)}`) };
  });
}

/** Text of a <fact-card>'s rendered card (its shadow root; a card, or the not-found card), once rendered. */
export async function cardText(p, selector) {
  await p.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.card'), selector);
  return p.$eval(selector, (el) => el.shadowRoot?.querySelector('.card').innerText);
}

/**
 * A news site and a CDN on two origins, as publishers use factcard: the CDN serves the repository (so `pkg/`)
 * with CORS; `t.article(body, options)` serves an article on the site and returns its address. Options: `csp`
 * (a Content-Security-Policy header; `CDN` in it stands for the CDN's origin), `head` (markup before the
 * script, `CDN` likewise), `dir`, `lang`. Started before the file's tests, closed after them.
 */
export function twoOrigins() {
  const t = shared(null, { serve: false });
  const pages = new Map();
  before(async () => {
    t.cdn = await server(null, () => ({ 'access-control-allow-origin': '*' }));
    t.site = await server(async (req, res) => {
      const a = pages.get(req.url);
      if (!a) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(a.csp ? { 'content-security-policy': a.csp } : {}) });
      res.end(a.html);
      return true;
    });
  });
  after(async () => {
    await t.site?.close();
    await t.cdn?.close();
  });
  t.article = (body, { csp = '', head = '', dir = '', lang = 'en', script = true } = {}) => {
    const path = `/article/${pages.size}`;
    const cdn = (s) => s.replaceAll('CDN', t.cdn.url);
    const html = `<!doctype html><html lang="${lang}"${dir ? ` dir="${dir}"` : ''}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>An article</title><link rel="icon" href="data:,">
${cdn(head)}${script ? `<script type="module" src="${t.cdn.url}/pkg/factcard.js"></script>` : ''}</head><body>${cdn(body)}</body></html>`;
    pages.set(path, { html, csp: cdn(csp) });
    return `${t.site.url}${path}`;
  };
  return t;
}

/** Types into the search box, picks the first completion with the keyboard and waits for a result card. */
export async function searchFlow(p, sel = '#search') {
  await p.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('input'), sel);
  const input = p.locator(`${sel} input`);
  await input.click();
  await p.waitForFunction((s) => document.querySelector(s).hasAttribute('data-ready'), sel);
  await input.pressSequentially('liangj', { delay: 20 });
  await p.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('[role=option]'), sel);
  await input.press('ArrowDown');
  await input.press('Enter');
  await p.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('.card'), sel);
}
