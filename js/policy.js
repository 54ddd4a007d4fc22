// Trusted Types: every piece of markup factcard parses goes through one named policy, `factcard`, so that it works
// on pages whose CSP says `require-trusted-types-for 'script'` (the page then lists the policy:
// `trusted-types factcard`). The policy's createHTML is the fragment check itself: a card fragment passes only if
// every tag and attribute in it is one the Rust core writes (sanitize.js); the only other markup it passes is the
// elements' own fixed skeletons, registered by exact string (`own`). Where the browser has no Trusted Types, the
// same check runs on plain strings.

import { verify } from './sanitize.js';
import { explain } from './strings.js';

const own = new Set(); // the elements' skeletons: constant strings of this package, never data
let parsing = null; // the markup being parsed to be checked: only that exact string passes meanwhile

function template(html) {
  const t = document.createElement('template');
  t.innerHTML = html; // inert: a template runs no script and loads nothing
  return t;
}

// Parses card markup and checks it (sanitize.js): returns the template, or throws.
function inspect(html) {
  parsing = html;
  let t;
  try {
    t = template(policy ? policy.createHTML(html) : html);
  } finally {
    parsing = null;
  }
  verify(t.content);
  return t;
}

let policy = null;
/** Why this page's CSP refused the policy (and so factcard's elements), or '' if it did not. */
export let refused = '';
if (globalThis.trustedTypes?.createPolicy) {
  try {
    policy = trustedTypes.createPolicy('factcard', { createHTML: (html) => (html === parsing || own.has(html) ? html : (inspect(html), html)) });
  } catch {
    refused = `this page's Content-Security-Policy does not allow the Trusted Types policy "factcard", so cards keep their fallback text: add "trusted-types factcard" to it (with 'allow-duplicates' if factcard may be loaded twice)`;
    explain(refused);
  }
}

/** Parses card markup inertly into a template, through the policy's check; throws if it is refused. */
export function checked(html) {
  if (refused) throw new Error(refused);
  return inspect(String(html));
}

/** The checked fragment's nodes. */
export const safe = (html) => checked(html).content;

/** A parsed copy of one of the elements' own skeletons (`html`, a constant), through the policy. */
export function skeleton(html) {
  own.add(html);
  return template(policy ? policy.createHTML(html) : html);
}
