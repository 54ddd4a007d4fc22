// Any host page: Trusted Types, hostile scripts on the page, headings that fit the page's outline. Every page is
// an article on a news site whose factcard comes from a CDN on another origin (harness.mjs, twoOrigins).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { browser, call, cardFile, cardText, page, searchFlow, twoOrigins } from './harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const t = twoOrigins();

// A page of every element: a card, a mention, an entity mention, a search box, an unknown id.
const ALL = `<h1>City news</h1><p>Intro.</p>
<fact-card id="card" fact="atg-alumina-content">ATG glass is over 18% alumina.</fact-card>
<p>In 2020 <fact-ref id="ref" fact="hongyan-truck-exports-2020">Hongyan exported trucks</fact-ref>, and
<fact-ref id="ent" entity="liangjiang">Liangjiang</fact-ref> grew.</p>
<fact-search id="search"></fact-search>
<fact-card id="missing" fact="no-such-fact">A fact that is not there.</fact-card>
<div id="auto" autolink><p>Huawei invested in Chongqing.</p></div>`;

const CSP = "default-src 'self'; script-src CDN 'wasm-unsafe-eval'; connect-src CDN; style-src CDN; img-src data:";

/** Records CSP violations and console errors from the first script on. */
const WATCH = () => {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
};

const shown = (p, sel) => p.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('.card'), sel);
const factcardMessages = (p) => p.messages.filter((m) => m.text.startsWith('factcard:'));
/** Console errors and warnings other than the ones for the unknown id (its 404, and factcard's warning). */
const unexpected = (p) => p.messages.filter((m) => (m.type === 'error' || m.type === 'warning')
  && !/^Failed to load resource: the server responded with a status of 404/.test(m.text) && m.text !== 'factcard: no fact with id "no-such-fact"');

/** Uses every element as a reader would: cards, a popover, the search box (type, pick a completion), autolink. */
async function useAll(p) {
  assert.match(await cardText(p, '#card'), /Over 18% alumina/);
  await shown(p, '#missing');
  assert.equal(await p.$eval('#missing', (el) => el.shadowRoot.querySelector('.missing').textContent), 'Fact not found: no-such-fact');
  await call(p, '#ref', 'toggle', true);
  assert.match(await p.$eval('#ref', (el) => el.shadowRoot.querySelector('.pop').innerText), /Hongyan exported 1,500 heavy trucks/);
  await call(p, '#ref', 'toggle', false);
  await searchFlow(p);
  await p.waitForFunction(() => document.querySelector('#auto fact-ref'));
}

describe('Trusted Types', () => {
  test("under require-trusted-types-for 'script' with the policy allowed, everything works, nothing is violated", async () => {
    const url = t.article(ALL, { csp: `${CSP}; require-trusted-types-for 'script'; trusted-types factcard` });
    const p = await page(t.b);
    await p.addInitScript(WATCH);
    await p.goto(url);
    await useAll(p);
    // Cards the core renders (the JS API loaded: the default set's cards come from the core).
    const core = await p.evaluate(async (cdn) => {
      const fc = await import(`${cdn}/pkg/factcard.js`);
      await fc.ready();
      const c = document.createElement('fact-card');
      c.setAttribute('fact', 'hongyan-truck-exports-2020');
      document.body.append(c);
      await new Promise((ok) => c.addEventListener('factcard:render', ok, { once: true }));
      return c.shadowRoot.querySelector('.title').textContent;
    }, t.cdn.url);
    assert.match(core, /Hongyan/);
    assert.deepEqual(await p.evaluate(() => window.violations), []);
    assert.deepEqual(unexpected(p), []);
  });

  test('the policy is the fragment check: a tampered fragment is refused under Trusted Types too', async () => {
    const url = t.article('<fact-card id="card" fact="atg-alumina-content">ATG glass is over 18% alumina.</fact-card>', { csp: `${CSP}; require-trusted-types-for 'script'; trusted-types factcard` });
    const p = await page(t.b);
    await p.route(`**/pkg/data/${cardFile('pkg/data/', 'atg-alumina-content')}`, (r) => r.fulfill({ contentType: 'text/html', headers: { 'access-control-allow-origin': '*' }, body: '<article class="card"><img src=x onerror="window.__pwned=1"><p>hi</p></article>' }));
    await p.goto(url);
    await p.waitForFunction(() => document.querySelector('#card').shadowRoot?.querySelector('.missing'));
    assert.equal(await p.$eval('#card', (el) => el.shadowRoot.querySelector('.missing').textContent), 'Could not load this fact: unexpected <img> in a card');
    assert.equal(await p.$eval('#card', (el) => el.innerText.trim()), 'ATG glass is over 18% alumina.');
    assert.equal(await p.evaluate(() => window.__pwned), undefined);
  });

  test('with the policy not allowed: the fallback text stays, one console error says what to add, nothing is thrown', async () => {
    const url = t.article(ALL, { csp: `${CSP}; require-trusted-types-for 'script'; trusted-types other-policy` });
    const p = await page(t.b);
    await p.addInitScript(WATCH);
    await p.goto(url);
    await p.waitForFunction(() => window.violations.length);
    // factcard.js has run to its end (an import of it resolves once it has): with the policy refused, all it does
    // (the console error, no element defined) is done then.
    await p.evaluate((cdn) => import(`${cdn}/pkg/factcard.js`).then(() => 0), t.cdn.url);
    assert.equal(await p.evaluate(() => [...document.querySelectorAll('fact-card,fact-ref,fact-search')].filter((e) => e.shadowRoot).length), 0);
    assert.equal(await p.$eval('#card', (el) => el.innerText.trim()), 'ATG glass is over 18% alumina.');
    assert.equal(await p.$eval('#card', (el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility), 'visible');
    assert.equal(await p.$eval('#card', (el) => getComputedStyle(el).minHeight), '0px', 'no space reserved for a card that cannot come');
    const ours = factcardMessages(p);
    assert.equal(ours.length, 1, JSON.stringify(p.messages));
    assert.equal(ours[0].type, 'error');
    assert.match(ours[0].text, /does not allow the Trusted Types policy "factcard".*add "trusted-types factcard"/);
    // The only violation is the refused policy itself: nothing assigned a string to a sink.
    assert.deepEqual(await p.evaluate(() => window.violations.map((v) => v.split(' ')[0])), ['trusted-types']);
  });

  test("two copies on one page: with 'allow-duplicates' both run; without it the second says what to add", async () => {
    const second = '<script type="module" src="CDN/pkg/factcard.js?copy=2"></script>';
    for (const [dup, errors] of [[" 'allow-duplicates'", 0], ['', 1]]) {
      const url = t.article(ALL, { csp: `${CSP}; require-trusted-types-for 'script'; trusted-types factcard${dup}`, head: second });
      const p = await page(t.b);
      await p.goto(url);
      await useAll(p);
      const ours = factcardMessages(p).filter((m) => !m.text.includes('no-such-fact'));
      assert.equal(ours.filter((m) => m.type === 'error').length, errors, JSON.stringify(ours));
      if (errors) assert.match(ours.find((m) => m.type === 'error').text, /'allow-duplicates'/);
      assert.equal(ours.filter((m) => /already registered/.test(m.text)).length, dup ? 1 : 0, JSON.stringify(ours));
      // The second copy's API works under the policy too.
      const title = await p.evaluate(async (cdn) => {
        const fc = await import(`${cdn}/pkg/factcard.js?copy=2`);
        const set = await fc.open(`${cdn}/pkg/data/`);
        return set.render('atg-alumina-content', 'text').split('\n')[0];
      }, t.cdn.url);
      assert.match(title, /alumina/);
    }
  });
});

describe('hostile scripts on the page', () => {
  // Each runs before factcard, as analytics and old libraries do.
  const SCRIPTS = {
    'analytics that wrap fetch and history': () => {
      const f = window.fetch;
      window.__fetches = 0;
      window.fetch = function (input, init) {
        window.__fetches++;
        return f(String(input instanceof Request ? input.url : input), init && { ...init }).then((r) => r);
      };
      for (const k of ['pushState', 'replaceState']) {
        const h = history[k];
        history[k] = function (...a) {
          window.__history = (window.__history || 0) + 1;
          return h.apply(this, a);
        };
      }
      addEventListener('load', () => history.pushState({}, '', '#read'));
    },
    'Array.prototype methods overridden poorly, enumerable extras': () => {
      /* eslint-disable no-extend-native */
      Array.prototype.includes = function (x) { for (let i = 0; i < this.length; i++) if (this[i] === x) return true; return false; };
      Array.prototype.find = function (f) { for (let i = 0; i < this.length; i++) if (f(this[i])) return this[i]; };
      Array.prototype.map = function (f) { const out = []; for (let i = 0; i < this.length; i++) out.push(f(this[i], i)); return out; };
      Array.prototype.filter = function (f) { const out = []; for (let i = 0; i < this.length; i++) if (f(this[i], i)) out.push(this[i]); return out; };
      Array.prototype.last = function () { return this[this.length - 1]; }; // enumerable
      Array.from = function (x) { return x == null ? [] : typeof x === 'object' && 'length' in x ? Array.prototype.slice.call(x) : [x]; };
    },
    'JSON.parse overridden poorly': () => {
      const parse = JSON.parse;
      JSON.parse = function (text) { return parse(String(text).trim()); }; // drops the reviver
      JSON.stringify = function (v) { return `${v}`; };
    },
    'Object.prototype polluted with innerHTML, src, fact and more': () => {
      for (const [k, v] of Object.entries({ innerHTML: '<img src=x onerror="window.__pwned=1">', src: 'https://evil.invalid/x.facts', fact: 'evil', href: 'javascript:window.__pwned=1', html: '<b>x</b>', priority: 'nonsense', whole: false, version: 9, lang: 'xx', limit: 0, text: 'pwned', module_or_path: 'https://evil.invalid/x.wasm' })) {
        Object.defineProperty(Object.prototype, k, { value: v, writable: true, configurable: true, enumerable: true });
      }
    },
  };
  for (const [name, script] of Object.entries(SCRIPTS)) {
    test(`${name}: every element still works`, async () => {
      const p = await page(t.b);
      await p.addInitScript(script);
      await p.goto(t.article(ALL));
      await useAll(p);
      assert.equal(await p.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(unexpected(p), []);
      if (name.startsWith('analytics')) assert.ok(await p.evaluate(() => window.__fetches > 2 && window.__history === 1));
    });
  }

  test('another copy (an older version) of factcard registered the elements first: left to it, one warning', async () => {
    const older = `<script type="module">
class Old extends HTMLElement { connectedCallback() { this.dataset.old = ''; } }
for (const n of ['fact-card', 'fact-ref', 'fact-search']) customElements.define(n, class extends Old {});
</script>`;
    const p = await page(t.b);
    await p.goto(t.article(ALL, { head: older }));
    // factcard.js has run to its end (an import of it resolves once it has): it has found <fact-card> taken and
    // warned, and defines nothing later.
    await p.evaluate((cdn) => import(`${cdn}/pkg/factcard.js`).then(() => 0), t.cdn.url);
    assert.equal(await p.$eval('#card', (el) => el.hasAttribute('data-old') && !el.shadowRoot && el.innerText.trim()), 'ATG glass is over 18% alumina.');
    const ours = factcardMessages(p);
    assert.equal(ours.length, 1, JSON.stringify(p.messages));
    assert.match(ours[0].text, /<fact-card> already registered by another script \(another copy of factcard\?\): this copy leaves <fact-card>, <fact-ref> and <fact-search> to it/);
  });

  test('<base href> pointing elsewhere: cards come from the CDN all the same', async () => {
    const p = await page(t.b);
    const elsewhere = [];
    await p.route('https://elsewhere.invalid/**', (r) => {
      elsewhere.push(r.request().url());
      r.abort();
    });
    await p.goto(t.article(ALL, { head: '<base href="https://elsewhere.invalid/news/">' }));
    await useAll(p);
    assert.deepEqual(elsewhere, []);
    assert.deepEqual(unexpected(p), []);
  });

  test('a CSP whose connect-src leaves out the CDN: fallback text, a notice, and one clear message', async () => {
    const p = await page(t.b);
    await p.addInitScript(WATCH);
    await p.goto(t.article(ALL, { csp: CSP.replace('connect-src CDN', "connect-src 'self'") }));
    await p.waitForFunction(() => document.querySelector('#card').shadowRoot?.querySelector('.missing'));
    // Every element has failed by now, each after the first message: the search box says so, and autolink's
    // names were refused too (its violation); none of them may add a message.
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot?.querySelector('[role=status]')?.textContent
      && window.violations.some((v) => /\/set\.json$/.test(v)));
    assert.equal(await p.$eval('#card', (el) => el.innerText.trim()), 'ATG glass is over 18% alumina.');
    assert.match(await p.$eval('#card', (el) => el.shadowRoot.querySelector('.missing').textContent), /connect-src/);
    const ours = factcardMessages(p);
    assert.equal(ours.length, 1, JSON.stringify(ours));
    assert.equal(ours[0].type, 'error');
    assert.match(ours[0].text, new RegExp(`Content-Security-Policy.*connect-src.*${t.cdn.url.replace(/[.:/]/g, '\\$&')}`));
  });
});

describe('headings that fit the page', () => {
  const levels = (p) => p.evaluate(() => {
    const title = (el) => el?.shadowRoot?.querySelector('.title');
    const out = {};
    for (const el of document.querySelectorAll('fact-card[id]')) out[el.id] = title(el)?.localName;
    const s = document.querySelector('#search').shadowRoot.querySelector('.results fact-card');
    out.results = title(s)?.localName;
    out.popover = document.querySelector('#ref').shadowRoot.querySelector('.pop .title')?.localName;
    return out;
  });

  test('a title takes the level after the nearest heading before it, or its heading-level; axe finds no violation', async () => {
    const p = await page(t.b);
    await p.goto(t.article(`<main><h1>City news</h1>
<fact-card id="afterH1" fact="atg-alumina-content">a</fact-card>
<section><h2>Industry</h2><p>Text.</p><div><fact-card id="inH2" fact="atg-alumina-content">b</fact-card></div>
<p>In 2020 <fact-ref id="ref" fact="hongyan-truck-exports-2020">Hongyan exported trucks</fact-ref>.</p>
<h3>Search</h3><fact-search id="search"></fact-search>
<ul><li><fact-card id="inList" heading-level="none" fact="atg-alumina-content">c</fact-card></li></ul>
<fact-card id="set4" heading-level="4" fact="atg-alumina-content">d</fact-card>
<fact-card id="typo" heading-level="fourth" fact="atg-alumina-content">d</fact-card>
<div role="heading" aria-level="5">An ARIA heading</div><fact-card id="afterAria" fact="atg-alumina-content">e</fact-card>
<fact-card id="fallbackHeading" fact="atg-alumina-content"><h6>Not counted: inside the card</h6></fact-card></section>
<fact-card id="missing" fact="no-such-fact">f</fact-card></main>`));
    await searchFlow(p);
    for (const id of ['afterH1', 'inH2', 'inList', 'set4', 'typo', 'afterAria', 'fallbackHeading', 'missing']) await shown(p, `#${id}`);
    await call(p, '#ref', 'toggle', true);
    assert.deepEqual(await levels(p), {
      afterH1: 'h2', inH2: 'h3', inList: 'p', set4: 'h4', typo: 'h4', afterAria: 'h6', fallbackHeading: 'h6', missing: undefined, results: 'h4', popover: 'h2',
    });
    // The title keeps its class, part and text; the not-found card is a note that may be one.
    assert.deepEqual(await p.$eval('#inH2', (el) => { const h = el.shadowRoot.querySelector('.title'); return [h.className, h.getAttribute('part'), h.textContent]; }), ['title', 'title', 'Over 18% alumina']);
    assert.deepEqual(await p.$eval('#missing', (el) => { const m = el.shadowRoot.querySelector('.missing'); return [m.localName, m.getAttribute('role')]; }), ['div', 'note']);
    // heading-level changes redraw the card.
    await p.$eval('#afterH1', (el) => el.setAttribute('heading-level', '3'));
    await p.waitForFunction(() => document.querySelector('#afterH1').shadowRoot.querySelector('h3.title'));
    await p.$eval('#afterH1', (el) => el.removeAttribute('heading-level'));
    // So do heading-level changes on a search box (its results) and on a mention (its popover).
    await p.$eval('#search', (el) => el.setAttribute('heading-level', '5'));
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('h5.title'));
    await p.$eval('#search', (el) => el.removeAttribute('heading-level'));
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('h4.title'));
    await p.$eval('#ref', (el) => el.setAttribute('heading-level', '3'));
    await call(p, '#ref', 'toggle', true);
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot.querySelector('.pop h3.title'));
    await p.$eval('#ref', (el) => el.removeAttribute('heading-level'));
    await call(p, '#ref', 'toggle', false);
    await p.addScriptTag({ content: AXE });
    const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(result.violations.map((x) => `${x.id}: ${x.nodes.length} (${x.nodes[0].target.join(' ')})`), []);
  });

  test('a heading the page adds or makes while cards are drawn counts for the cards drawn after it, in the same task too', async () => {
    const p = await page(t.b);
    // When the first card is drawn, the page adds a section heading before the second (same fact: both are drawn
    // in the task their one fragment arrives in).
    await p.addInitScript(() => document.addEventListener('factcard:render', (e) => {
      if (e.target.id === 'one') document.querySelector('#two').before(Object.assign(document.createElement('h2'), { textContent: 'Added' }));
    }));
    await p.goto(t.article(`<main><h1>City news</h1>
<fact-card id="one" fact="atg-alumina-content">a</fact-card><fact-card id="two" fact="atg-alumina-content">b</fact-card>
<div id="later" aria-level="4">Made a heading later</div></main>`));
    for (const id of ['one', 'two']) await shown(p, `#${id}`);
    const level = (id) => p.$eval(id, (el) => el.shadowRoot.querySelector('.title').localName);
    assert.deepEqual([await level('#one'), await level('#two')], ['h2', 'h3']);
    // An element made a heading (its role), then a card after it.
    await p.evaluate(() => {
      document.querySelector('#later').setAttribute('role', 'heading');
      document.querySelector('main').append(Object.assign(document.createElement('fact-card'), { id: 'three' }));
      document.querySelector('#three').setAttribute('fact', 'atg-alumina-content');
    });
    await shown(p, '#three');
    assert.equal(await level('#three'), 'h5');
    assert.deepEqual(p.errors, []);
  });

  test('a page with no heading gets <h2> titles; the core-rendered card and the fragment have the same markup', async () => {
    const p = await page(t.b);
    await p.goto(t.article('<fact-card id="a" fact="atg-alumina-content">a</fact-card><p>x</p>'));
    await shown(p, '#a');
    const fragment = await p.$eval('#a', (el) => el.shadowRoot.querySelector('.card').outerHTML);
    assert.match(fragment, /^<article class="card" part="card" lang="en" data-fact="atg-alumina-content" data-citation="[^"]*"><h2 class="title" part="title">/);
    const core = await p.evaluate(async (cdn) => {
      const fc = await import(`${cdn}/pkg/factcard.js`);
      await fc.ready();
      const c = document.createElement('fact-card');
      c.setAttribute('fact', 'atg-alumina-content');
      document.body.append(c);
      await new Promise((ok) => c.addEventListener('factcard:render', ok, { once: true }));
      c.shadowRoot.querySelector('.actions')?.remove();
      return c.shadowRoot.querySelector('.card').outerHTML;
    }, t.cdn.url);
    assert.equal(core, fragment.replace(/<div class="actions">.*<\/div><\/article>$/, '</article>'));
  });
});

test('the harness catches what a page leaves uncaught: an exception and an unhandled rejection', async () => {
  const b = await browser();
  try {
    const p = await b.newPage();
    await p.goto(t.article('<p>x</p>', { script: false }));
    let seen = 0;
    const both = new Promise((ok) => p.on('pageerror', () => ++seen === 2 && ok())); // after the harness's own listener
    await p.evaluate(() => {
      Promise.reject(new Error('left unhandled'));
      setTimeout(() => {
        throw new Error('thrown');
      });
    });
    await both;
    assert.throws(() => b.clean(), /uncaught in the page \(2\).*left unhandled.*thrown|uncaught in the page \(2\).*thrown.*left unhandled/);
    assert.doesNotThrow(() => b.clean(), 'cleared once reported');
  } finally {
    await b.close();
  }
});
