// Fetching: each address once per page, however many elements ask for it. A card is content the reader waits for,
// so fetches are high priority unless they only warm the cache. A network failure is forgotten, so that the next
// use tries again; an HTTP error is not.

import { checked } from './sanitize.js';

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
}

const fetched = new Map();

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
  return once(url.href, () => fetch(url, { priority }).then(
    (r) => (r.ok ? r.text() : r.status === 404 ? null : Promise.reject(new Error(`HTTP ${r.status}`))),
    () => Promise.reject(Object.assign(new Error('the network failed'), { retry: true })),
  ).then((t) => (t === null || !parse ? t : checked(t))));
}

/** The bytes at `url`, fetched once per page. */
export const bytesOf = (url) => once(`bytes:${url.href}`, () => fetch(url).then(
  (r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url.href} answered HTTP ${r.status}`))),
  () => Promise.reject(Object.assign(new Error(`cannot reach ${url.href}`), { retry: true })),
).then((b) => new Uint8Array(b)));
