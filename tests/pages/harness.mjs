// Shared set-up for the page tests: a local static server over the repository and headless Chromium
// (Debian's, driven by playwright-core; no browser download).
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** Starts the server; `hook(req, res)` may answer a request first and return true; `headers(req)` adds headers. */
export async function server(hook = null, headers = null) {
  const s = await serve(ROOT, 0, hook, headers);
  return { url: `http://127.0.0.1:${s.address().port}`, close: () => new Promise((ok) => s.close(ok)) };
}

export async function browser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
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

/** Text of a <fact-card>'s rendered card (its shadow root), once rendered. */
export async function cardText(p, selector) {
  await p.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('article'), selector);
  return p.$eval(selector, (el) => el.shadowRoot?.querySelector('article').innerText);
}
