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

/** The text at `url` (or, with `parse`, its checked template), fetched once per page; null for a 404. */
export function text(url, parse, priority = 'high') {
  origins.add(url.origin);
  return once(url.href, () => fetch(url, { priority }).then(
    (r) => (r.ok ? r.text() : r.status === 404 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => failure(url, 'the network failed'),
  ).then((t) => (t === null || !parse ? t : checked(t))));
}

/** The bytes at `url`, fetched once per page. */
export function bytesOf(url) {
  origins.add(url.origin);
  return once(`bytes:${url.href}`, () => fetch(url).then(
    (r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url.href} answered HTTP ${r.status}`))),
    () => failure(url, `cannot reach ${url.href}`),
  ).then((b) => new Uint8Array(b)));
}
