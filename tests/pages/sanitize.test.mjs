// Page tests: the fragment allowlist (js/sanitize.js) accepts every card the Rust core can emit, and nothing more.
// The cards: every prerendered fragment of the package (each fact and entity, both languages) and of the hostile
// corpus (target/hostile/, from `make test-pages`), the same cards rendered by the core in the page, and the
// not-found card. Each must pass checked(), and the tags, attributes, class names and part names they use, together,
// must be exactly the allowlist: an entry that no card uses is one a tampered file could use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { page, shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const t = shared();

/** The .html files of `dir` and of its entity/ folder, for both languages: [path, text]. */
function fragments(dir) {
  const out = [];
  for (const sub of ['en', 'zh', 'en/entity', 'zh/entity']) {
    const d = `${ROOT}${dir}/${sub}`;
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).filter((n) => n.endsWith('.html'))) out.push([`${dir}/${sub}/${f}`, readFileSync(`${d}/${f}`, 'utf8')]);
  }
  return out;
}

test('the allowlist accepts every card the Rust core can emit and nothing more', async () => {
  const files = fragments('pkg/data');
  const entities = [...new Set(files.filter(([f]) => f.includes('/entity/')).map(([f]) => f.replace(/.*\/|\.[0-9a-f]{8}\.html$/g, '')))];
  assert.ok(files.length >= 2 * 89 && entities.length > 0, `${files.length} fragments, ${entities.length} entities`);
  const hostile = readdirSync(`${ROOT}target/hostile`).flatMap((n) => fragments(`target/hostile/${n}`));
  // The sheets' set as it is once its facts are stale (FACTCARD_TODAY): the one place the core writes "stale".
  execFileSync(`${ROOT}target/release/factcard`, ['site', 'examples/sheets', '-o', 'target/sheets-stale'], { cwd: ROOT, env: { ...process.env, FACTCARD_TODAY: '2100-01-01' }, stdio: 'ignore' });
  const stale = fragments('target/sheets-stale');
  assert.ok(hostile.length > 0, 'no hostile corpus: run make test-pages');

  const p = await page(t.b);
  await p.goto(`${t.srv.url}/tests/pages/fixtures/empty.html`);
  const seen = await p.evaluate(async ({ files, entities }) => {
    const [{ TAGS, ATTRS, CLASSES, PARTS }, { checked }] = await Promise.all([import('/js/sanitize.js'), import('/js/policy.js')]);
    const fc = await import('/pkg/factcard.js');
    await fc.ready();
    const set = await fc.open('/pkg/data/');
    const cards = [...files];
    for (const lang of ['en', 'zh']) {
      for (const f of fc.facts()) cards.push([`render(${f.id}, ${lang})`, fc.render(f.id, 'html', lang)]);
      for (const e of entities) cards.push([`entityHtml(${e}, ${lang})`, set.entityHtml(e, lang)]);
      cards.push([`render(no-such-id, ${lang})`, fc.render('no-such-id', 'html', lang)]);
    }
    const tags = new Set();
    const attrs = new Set();
    const values = { class: new Set(), part: new Set(), role: new Set(), target: new Set(), rel: new Set() };
    const refused = [];
    const missing = [];
    for (const [name, html] of cards) {
      if (html === null) {
        missing.push(name);
        continue;
      }
      try {
        for (const el of checked(html).content.querySelectorAll('*')) {
          tags.add(el.localName);
          for (const a of el.attributes) {
            attrs.add(a.name);
            for (const v of a.name === 'class' || a.name === 'part' ? a.value.split(' ') : [a.value]) values[a.name]?.add(v);
          }
        }
      } catch (e) {
        refused.push(`${name}: ${e.message}`);
      }
    }
    const sorted = (set) => [...set].sort();
    return {
      count: cards.length, missing, refused, tags: sorted(tags), attrs: sorted(attrs), TAGS: sorted(TAGS), ATTRS: sorted(ATTRS.keys()),
      classes: sorted(values.class), CLASSES: sorted(CLASSES), parts: sorted(values.part), PARTS: sorted(PARTS),
      roles: sorted(values.role), links: [...sorted(values.target), ...sorted(values.rel)],
    };
  }, { files: [...files, ...hostile, ...stale], entities });

  assert.deepEqual(seen.refused, [], 'cards the allowlist refuses');
  assert.deepEqual(seen.missing, [], 'cards the core did not render');
  assert.deepEqual(seen.tags, seen.TAGS, 'tags used by the cards (actual) and allowed (expected)');
  assert.deepEqual(seen.attrs, seen.ATTRS, 'attributes used by the cards (actual) and allowed (expected)');
  assert.deepEqual(seen.classes, seen.CLASSES, 'class names used by the cards (actual) and allowed (expected)');
  assert.deepEqual(seen.parts, seen.PARTS, 'part names used by the cards (actual) and allowed (expected)');
  assert.deepEqual(seen.roles, ['img', 'note']);
  assert.deepEqual(seen.links, ['_blank', 'noopener noreferrer']);
  assert.ok(seen.count > 4 * 89, `${seen.count} cards`);
  assert.deepEqual(p.errors, []);
});
