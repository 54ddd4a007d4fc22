// Fetching: each address once per page, however many elements ask for it. A card is content the reader waits for,
// so fetches are high priority unless they only warm the cache. A network failure is forgotten, so that the next
// use tries again; an HTTP error is not.

import { checked } from './policy.js';
import { explain } from './strings.js';

// Where the package's own files are (data/, the wasm modules): beside this module, or where setBase() says (an app
// that bundles factcard serves them from a folder of its own).
let base = new URL('./', import.meta.url);

/** The address of a file of the package: `pkg('data/')`. */
export const pkg = (path) => new URL(path, base);

/**
 * Tells factcard where the package's files (`data/`, the `.wasm` files) are served, when a bundler has moved the
 * module away from them: `setBase('/assets/factcard/')`. Call it before the elements load anything (at the top of
 * the module that imports factcard).
 */
export function setBase(url) {
  const u = String(url);
  base = new URL(u.endsWith('/') ? u : `${u}/`, document.baseURI);
  origins.add(base.origin); // the wasm is fetched from there by its glue, not through text() or bytesOf()
}

const fetched = new Map();

// A CSP whose connect-src leaves out where factcard's files are (the CDN) makes every fetch fail with a bare
// "Failed to fetch"; its violation names the origin, so factcard can say what to add, once.
const origins = new Set([new URL(import.meta.url).origin]); // where factcard fetches from
const refused = new Set();
globalThis.document?.addEventListener('securitypolicyviolation', (e) => {
  const o = URL.canParse?.(e.blockedURI) && new URL(e.blockedURI).origin;
  if (e.effectiveDirective !== 'connect-src' || !origins.has(o)) return;
  refused.add(o);
  explain(`this page's Content-Security-Policy does not allow connecting to ${o} (connect-src), so cards keep their fallback text: add ${o} to connect-src`);
});

/** Why fetching `url` failed: the page's CSP (its violation arrives a moment after the failure), or the network. */
async function failure(url, what) {
  await new Promise((go) => setTimeout(go));
  if (refused.has(url.origin)) return Promise.reject(new Error(`the page's Content-Security-Policy (connect-src) does not allow ${url.origin}`));
  return Promise.reject(Object.assign(new Error(what), { retry: true }));
}

/** `make()`'s promise, made once per key and page (again after a failure marked `retry`). */
function once(key, make) {
  if (!fetched.has(key)) {
    const p = make();
    fetched.set(key, p);
    p.catch((e) => e?.retry && fetched.delete(key));
  }
  return fetched.get(key);
}

/**
 * What every request of factcard's says: no Referer, so that the host of the facts (a CDN) is not told which
 * article each reader reads, whatever the page's referrer policy. Credentials stay the default: sent to the
 * page's own origin only. A fresh object with no prototype, so that a page's `Object.prototype` cannot add to it.
 */
export const quiet = (priority = 'auto') => Object.assign(Object.create(null), { referrerPolicy: 'no-referrer', priority });

/** The most bytes factcard reads from one address (a bundle, a card, an index file): 16 MiB. */
export const LIMIT = 16 << 20;

/** The text at `url` (or, with `parse`, its checked template), fetched once per page; null for a 404. */
export function text(url, parse, priority = 'high') {
  origins.add(url.origin);
  return once(url.href, () => fetch(url, quiet(priority)).then(
    (r) => (r.ok ? read(r, url) : r.status === 404 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => failure(url, 'the network failed'),
  ).then((b) => b && new TextDecoder().decode(b)).then((t) => (t === null || !parse ? t : checked(t))));
}

const parsed = new WeakMap();
/** The JSON at `url` (null for a 404), fetched and parsed once per page. */
export function json(url, priority) {
  const p = text(url, false, priority);
  if (!parsed.has(p)) parsed.set(p, p.then((t) => t && JSON.parse(t)));
  return parsed.get(p);
}

/**
 * What a folder written by `factcard site` holds, from its `set.json` (format 2: the one file of it that is not
 * named by its content): its languages and the paths of its files. Rejects when it has none (an older factcard's).
 */
export const setOf = (base) => json(new URL('set.json', base)).then((s) => {
  if (s?.factcard !== 2) throw new Error(s ? `${base.href}set.json is of format ${s.factcard}, not 2: use the factcard.js of the factcard that wrote it` : `${base.href} was written by an older factcard: run factcard site again`);
  return s;
});

/** The address of `path`, a file that a folder's own files name: relative, and inside the folder. */
export function inFolder(base, path) {
  if (!/^([\w-]+[./])*[\w-]+$/.test(path)) throw new Error(`${base.href} has no such file of its own: ${path}`);
  return new URL(path, base);
}

/** The bytes at `url`, fetched once per page; a bundle's (`bundle`) only as many as its header says. */
export function bytesOf(url, bundle) {
  origins.add(url.origin);
  return once(`bytes:${url.href}`, () => fetch(url, quiet()).then(
    (r) => (r.ok ? read(r, url, bundle) : Promise.reject(new Error(`${url.href} answered HTTP ${r.status}`))),
    () => failure(url, `cannot reach ${url.href}`),
  ));
}

/**
 * A response's bytes, refused past LIMIT: as its Content-Length says, before reading, else as they arrive. Of a
 * bundle (`FCB1`, then at bytes 8–11 its payload's length), reading stops once its header is read if it is not a
 * bundle or says it is too large, and once it has the bytes it says it has: the core then says what is wrong.
 */
async function read(r, url, bundle) {
  const big = () => new Error(`${url.href} is larger than ${LIMIT} bytes, the most factcard reads from one file`);
  if (+r.headers.get('content-length') > LIMIT) throw big();
  const reader = r.body.getReader();
  let [out, n, want] = [new Uint8Array(0), 0, LIMIT];
  while (n <= want) {
    const { done, value } = await reader.read();
    if (done) return out.subarray(0, n);
    if (n + value.length > out.length) {
      const grown = new Uint8Array(Math.min(Math.max(2 * out.length, n + value.length), LIMIT + value.length));
      grown.set(out.subarray(0, n));
      out = grown;
    }
    out.set(value, n);
    n += value.length;
    if (n > LIMIT) break;
    if (bundle && n >= 16 && want === LIMIT) {
      want = String.fromCharCode(...out.subarray(0, 4)) === 'FCB1' ? 16 + new DataView(out.buffer).getUint32(8, true) : 0;
      if (want > LIMIT) break;
    }
  }
  reader.cancel().catch(() => {});
  if (n > LIMIT || want > LIMIT) throw big();
  return out.subarray(0, n);
}
