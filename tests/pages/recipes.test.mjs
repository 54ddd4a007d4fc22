// The README's recipes for static sites, run against the real tools: Hugo (then `factcard inline` over its output),
// and Eleventy (a shortcode that calls `factcard render --element`). A plain folder of HTML is inline.test.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const FACTCARD = `${ROOT}target/release/factcard`;
const t = shared();

/** What a reader without JavaScript sees of the page's first card. */
async function firstCard(url) {
  const ctx = await t.b.newContext({ javaScriptEnabled: false });
  const p = await ctx.newPage();
  await p.goto(`${t.srv.url}${url}`);
  const text = await p.evaluate(() => [...document.querySelectorAll('fact-card')].map((c) => c.shadowRoot?.querySelector('article')?.innerText ?? null));
  await ctx.close();
  return text;
}

describe('recipes', () => {
  test('Hugo: build, then factcard inline over its output', async () => {
    const site = `${ROOT}target/recipes/hugo/`;
    rmSync(site, { recursive: true, force: true });
    cpSync(`${ROOT}tests/pages/fixtures/recipes/hugo/`, site, { recursive: true });
    execFileSync('hugo', ['--quiet', '--source', site, '--destination', `${site}public`], { stdio: 'pipe' });
    const report = execFileSync(FACTCARD, ['inline', `${site}public`], { encoding: 'utf8' });
    assert.match(report, /^inlined 1 cards, 4 mentions \(3 of them autolinked\) and 0 search boxes in 1 of \d+ pages/);
    const html = readFileSync(`${site}public/trucks/index.html`, 'utf8');
    assert.match(html, /<link rel="stylesheet" href="\/pkg\/factcard-inline.css"><\/head>/);
    assert.match(html, /<fact-card fact="hongyan-truck-exports-2020" data-version="[0-9a-f]{8}" data-ready><template shadowrootmode="open">/);
    const [card] = await firstCard('/target/recipes/hugo/public/trucks/');
    assert.match(card, /Hongyan exported 1,500 heavy trucks/);
    // Run again (as a build script would on every build): nothing changes.
    assert.match(execFileSync(FACTCARD, ['inline', `${site}public`], { encoding: 'utf8' }), / in 0 of \d+ pages/);
  });

  test('Eleventy: a shortcode that calls factcard render --element', async () => {
    const site = `${ROOT}target/recipes/eleventy/`;
    rmSync(site, { recursive: true, force: true });
    cpSync(`${ROOT}tests/pages/fixtures/recipes/eleventy/`, site, { recursive: true });
    execFileSync(`${ROOT}node_modules/.bin/eleventy`, ['--quiet'], { cwd: site, stdio: 'pipe', env: { ...process.env, FACTCARD, FACTCARD_FACTS: `${ROOT}seeds` } });
    const cards = await firstCard('/target/recipes/eleventy/_site/trucks/');
    assert.equal(cards.length, 2);
    assert.match(cards[0], /Hongyan exported 1,500 heavy trucks/);
    assert.match(cards[1], /上汽红岩出口重卡1500辆/);
    // What the shortcode wrote is what `factcard inline` writes: running it over the site changes nothing.
    const report = execFileSync(FACTCARD, ['inline', `${site}_site`, '--json'], { encoding: 'utf8' });
    assert.deepEqual(JSON.parse(report).changed, 0);
    assert.equal(JSON.parse(report).cards, 2);
  });
});
