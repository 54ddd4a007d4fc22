// Facts in other languages: the German and Japanese test set (tests/datasets/hafen/, built by `make test-pages` into
// target/hafen-site/ and target/hafen.facts) shown by every element, readers' languages matched to the set's, texts
// a language lacks falling back to the default with their own `lang`; and the cards the wasm renders are the ones
// `factcard site` prerendered, fact by fact and language by language.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { call, cardFile, cardText, page, setFile, shared, versionsOf } from './harness.mjs';

const hits = [];
const t = shared(async (req) => {
  hits.push(req.url);
  return false;
});

async function pageWith(body, lang = 'de') {
  const p = await page(t.b);
  await p.route('**/lang-test.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>lang</title><link rel="icon" href="data:,">
<script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>`,
  }));
  await p.goto(`${t.srv.url}/lang-test.html`);
  return p;
}

const SITE = '/target/hafen-site/';

describe('a set in German and Japanese', () => {
  test('cards read naturally in each language: separators, grouping, units, word order', async () => {
    const p = await pageWith(`<fact-card id="de" src="${SITE}" fact="hamburg-landstrom-investitionen"></fact-card>
<fact-card id="ja" src="${SITE}" fact="hamburg-landstrom-investitionen" lang="ja-JP"></fact-card>
<fact-card id="at" src="${SITE}" fact="deutschland-offshore-wind-2023" lang="de-AT"></fact-card>
<fact-card id="down" src="${SITE}" fact="hamburg-containerumschlag-2023"></fact-card>`);
    const de = await cardText(p, '#de');
    assert.match(de, /über 100 Millionen\s€ \(etwa 15,2 Milliarden\s¥\)/, de);
    assert.match(de, /3 Liegeplätze/);
    assert.match(de, /Quelle: /);
    const ja = await cardText(p, '#ja');
    assert.match(ja, /1億ユーロ超（約152億円）/, ja);
    assert.match(ja, /出典：/);
    // de-AT is served the German cards; figures with German decimal commas.
    assert.match(await cardText(p, '#at'), /etwa 8,4\sGW[\s\S]*etwa 1\.560/);
    // A fall and a declared unit.
    assert.match(await cardText(p, '#down'), /etwa 7,7 Millionen TEU[\s\S]*−6,9\s%/);
    assert.deepEqual(p.errors, []);
  });

  test('a text the language lacks falls back to the default language, marked with its own lang', async () => {
    const p = await pageWith(`<fact-card id="c" src="${SITE}" fact="hamburg-japan-containerverkehr-2023" lang="ja"></fact-card>`);
    await cardText(p, '#c');
    const r = await p.$eval('#c', (el) => {
      const a = el.shadowRoot.querySelector('article');
      const h = a.querySelector('.title');
      return { card: a.lang, title: h.lang, text: h.textContent, figure: a.querySelector('dd').textContent };
    });
    assert.equal(r.card, 'ja');
    assert.equal(r.title, 'de');
    assert.match(r.text, /Japan-Verkehr/);
    // The figure itself is formatted in Japanese.
    assert.match(r.figure, /約10\.5万TEU/);
  });

  test('a reader language the set lacks: one look at set.json (which gives the card its version), then the default language', async () => {
    hits.length = 0;
    const p = await pageWith(`<fact-card id="c" src="${SITE}" fact="tokio-osaka-fahrzeit"></fact-card>`, 'fr-CA');
    const text = await cardText(p, '#c');
    assert.match(text, /Tokio/);
    assert.equal(await p.$eval('#c', (el) => el.shadowRoot.querySelector('article').lang), 'de');
    assert.deepEqual(hits.filter((u) => u.includes('hafen-site')).map((u) => u.replace(SITE, '')),
      ['set.json', cardFile('target/hafen-site/', 'tokio-osaka-fahrzeit', 'de')]);
  });

  test('mentions, autolink and the search box in Japanese; the search box finds German with ae/oe/ue', async () => {
    const p = await pageWith(`<p id="text" autolink src="${SITE}" lang="ja">横浜港のコンテナ取扱量が発表された。</p>
<p><fact-ref id="r" src="${SITE}" fact="tokio-osaka-fahrzeit" lang="ja">新幹線</fact-ref></p>
<fact-search id="s" src="${SITE}" lang="ja"></fact-search>
<fact-search id="d" src="${SITE}"></fact-search>`);
    await p.waitForFunction(() => document.querySelector('#text fact-ref'));
    await call(p, '#r', 'toggle', true);
    await p.waitForFunction(() => document.querySelector('#r').shadowRoot?.querySelector('.pop article'));
    assert.match(await p.$eval('#r', (el) => el.shadowRoot.querySelector('.pop').innerText), /2時間21分|141 分/);
    for (const [id, q, want] of [['#s', '横浜港の取扱量', /約270万TEU/], ['#d', 'Groesster Containerhafen Japans', /Tokio/]]) {
      await p.waitForFunction((sel) => document.querySelector(sel).hasAttribute('data-ready'), id);
      await p.locator(`${id} input`).fill(q);
      await p.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('article'), id);
      const first = await p.$eval(id, (el) => el.shadowRoot.querySelector('.results fact-card').shadowRoot.querySelector('article').innerText);
      assert.match(first, want, `${q}: ${first}`);
    }
    assert.deepEqual(p.errors, []);
  });

  test('the API over the bundle: texts by language, the nearest language for render()', async () => {
    const p = await pageWith('');
    const r = await p.evaluate(async () => {
      const fc = await import('/pkg/factcard.js');
      const set = await fc.open('/target/hafen.facts');
      const f = set.lookup('tokio-osaka-fahrzeit');
      return {
        title: f.title,
        ja: set.render('tokio-osaka-fahrzeit', 'html', 'ja-JP').includes('lang="ja"'),
        fallback: set.render('tokio-osaka-fahrzeit', 'html', 'sw').includes('lang="de"'),
        suggest: set.suggest('ハンブ', 3).map((s) => s.text),
      };
    });
    assert.deepEqual(Object.keys(r.title), ['de', 'ja']);
    assert.equal(r.ja, true);
    assert.equal(r.fallback, true);
    assert.ok(r.suggest.some((s) => s.startsWith('ハンブルク')), JSON.stringify(r.suggest));
  });
});

describe('prerendered and rendered cards agree', () => {
  test('every card of the default set and of the German–Japanese set, in every language', async () => {
    const sets = [['/pkg/data/', 'pkg/data/'], [SITE, 'target/hafen-site/']];
    const p = await pageWith('');
    for (const [url, dir] of sets) {
      const root = new URL(`../../${dir}`, import.meta.url);
      const langs = setFile(dir, 'languages');
      // Every card the folder's versions name (format 2: each named by its fact's version).
      const ids = Object.keys(versionsOf(dir)).filter((k) => !k.startsWith('@'));
      const want = {};
      for (const l of langs) for (const id of ids) want[`${l}/${id}.html`] = readFileSync(new URL(cardFile(dir, id, l), root), 'utf8');
      const got = await p.evaluate(async ([u, ls]) => {
        const fc = await import('/pkg/factcard.js');
        const set = await fc.open(u);
        const out = {};
        for (const f of set.facts()) for (const l of ls) out[`${l}/${f.id}.html`] = set.render(f.id, 'html', l);
        return out;
      }, [url, langs]);
      assert.equal(Object.keys(got).length, Object.keys(want).length, url);
      for (const [k, html] of Object.entries(got)) assert.equal(html, want[k], `${url}${k}`);
    }
  });
});
