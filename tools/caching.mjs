// The two kinds of file a reader downloads, and how long a browser or a CDN may keep each (the README's "Caching").
// The same values are in crates/publish/src/caching.rs (what `factcard site` and `factcard serve` use): keep the
// two in step.
//   IMMUTABLE: a file whose name carries a hash of its content (NAME.HHHHHHHH.EXT): it never changes, a new
//     content gets a new name.
//   ENTRY: everything else (factcard.js, which pages name; the CSS files; the data folder's files for now),
//     revalidated after at most five minutes.

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const ENTRY = 'public, max-age=300, must-revalidate';

/** A content-hashed file name: `NAME.HHHHHHHH.EXT`, 8 lowercase hex with a dot each side. */
export const HASHED = /\.[0-9a-f]{8}\.[^./]+$/;

/** The Cache-Control value of a file, by its path (relative to a published folder or to pkg/). */
export const cacheControl = (path) => (HASHED.test(path.split('/').pop()) ? IMMUTABLE : ENTRY);

/** `name` with its content hash taken out (`factcard_core_bg.1a2b3c4d.wasm` -> `factcard_core_bg.wasm`). */
export const unhashed = (name) => name.replace(/\.[0-9a-f]{8}(\.[^./]+)$/, '$1');

/** The file in the list of `names` whose name is `name` once its hash is taken out, or undefined. */
export const hashedName = (names, name) => names.find((n) => HASHED.test(n) && unhashed(n) === name);
