// Page tests of the three elements as readers use them: mouse, keyboard, touch, themes, phones, hostile page
// CSS, a CDN under a strict CSP, a browser without WebAssembly, the iframe embed, and axe-core.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { built, call, cardFile, cardText, frames, layoutShift, page, server, shared } from './harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

const t = shared();

const open = (p, sel) => p.$eval(sel, (el) => el.shadowRoot?.querySelector('.pop').classList.contains('open'));
const ready = (p) => p.waitForFunction(() => customElements.get('fact-ref') && document.querySelector('fact-card')?.shadowRoot?.querySelector('article'));

describe('fact-ref', () => {
  test('hover opens the card after a delay and closes after a grace period', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    // Not before the delay: the page's own clock, from the pointer entering the mention to the popover opening
    // (a slow machine can only make the gap longer). `pointerover` reaches the host in the same dispatch as the
    // mention's `pointerenter`, which starts the 350 ms timer.
    await p.$eval('#ref', (el) => {
      el.addEventListener('pointerover', () => { window.hoverAt ??= performance.now(); });
      el.addEventListener('factcard:open', () => { window.openAt = performance.now(); }, { once: true });
    });
    await p.hover('#ref');
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot?.querySelector('.pop.open'));
    const delay = await p.evaluate(() => window.openAt - window.hoverAt);
    assert.ok(delay >= 345, `opened ${delay} ms after the pointer came (345: the clock's coarsening)`);
    const text = await p.$eval('#ref', (el) => el.shadowRoot?.querySelector('.pop').innerText);
    assert.match(text, /Hongyan exported 1,500 heavy trucks/);
    assert.equal(await p.$eval('#ref', (el) => el.shadowRoot?.querySelector('.mention').getAttribute('aria-expanded')), 'true');
    // Moving onto the popover within the grace period keeps it open.
    const box = await p.$eval('#ref', (el) => { const r = el.shadowRoot?.querySelector('.pop').getBoundingClientRect(); return { x: r.x + 20, y: r.y + 20 }; });
    // Past the grace period: a page timer started after the mention's own (in the same pointerleave, a
    // millisecond longer) fires after it would have closed the popover, however slow the machine.
    await p.$eval('#ref', (el) => {
      window.closes = 0;
      el.addEventListener('factcard:close', () => window.closes++);
      const m = el.shadowRoot.querySelector('.mention');
      window.graceOver = new Promise((ok) => m.addEventListener('pointerleave', () => setTimeout(ok, 301), { once: true }));
    });
    await p.mouse.move(box.x, box.y, { steps: 2 });
    await p.evaluate(() => window.graceOver);
    assert.equal(await p.evaluate(() => window.closes), 0, 'no close while the pointer is on it');
    assert.equal(await open(p, '#ref'), true, 'stays open while the pointer is on it');
    await p.mouse.move(5, 5);
    await p.waitForFunction(() => !document.querySelector('#ref').shadowRoot?.querySelector('.pop.open'));
  });

  test('keyboard: Tab reaches it and opens it, Escape closes and keeps focus, Tab moves on (no trap)', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.focus('#before');
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'ref');
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot?.querySelector('.pop.open'));
    await p.keyboard.press('Escape');
    assert.equal(await open(p, '#ref'), false);
    assert.equal(await p.evaluate(() => document.activeElement.id), 'ref', 'focus stays on the mention');
    await p.keyboard.press('Enter');
    assert.equal(await open(p, '#ref'), true, 'Enter opens it again');
    // Tab goes through the card's links and buttons, then on to the next mention, then out.
    const seen = [];
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      seen.push(await p.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    }
    assert.ok(seen.includes('ref-entity') && seen.includes('after'), `focus moved on: ${seen}`);
    assert.equal(await open(p, '#ref'), false, 'closed once focus left it');
  });

  test('Escape closes a popover opened by hover, and one left by keyboard stays closed', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.hover('#ref');
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot.querySelector('.pop.open'));
    await p.keyboard.press('Escape');
    assert.equal(await open(p, '#ref'), false, 'hover popover closed by Escape');
    await p.mouse.move(1, 1);
    // Keyboard: into the popover's links, then Escape: it closes, focus returns, and it does not reopen.
    await p.focus('#before');
    await p.keyboard.press('Tab');
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot.querySelector('.pop.open'));
    await p.keyboard.press('Tab');
    await p.keyboard.press('Escape');
    // Reopening could only follow the focus going back to the mention, with its card already loaded (microtasks):
    // two frames later it would have happened.
    await frames(p);
    assert.equal(await open(p, '#ref'), false, 'stays closed');
    assert.equal(await p.evaluate(() => document.activeElement.id), 'ref');
  });

  test('a popover whose reader left before its card loaded does not open', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/refs.html`);
    await p.waitForFunction(() => customElements.get('fact-ref'));
    const opened = await p.$eval('#edge', async (el) => {
      const opening = el.toggle(true);
      el.toggle(false);
      await opening;
      el.remove();
      await el.toggle(true);
      return el.shadowRoot.querySelector('.pop').classList.contains('open');
    });
    assert.equal(opened, false);
    assert.deepEqual(p.errors, []);
  });

  test('touch: a tap opens it, a tap outside closes it', async () => {
    const ctx = await t.b.newContext({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 640 } });
    const p = await ctx.newPage();
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.tap('#ref');
    await p.waitForFunction(() => document.querySelector('#ref').shadowRoot?.querySelector('.pop.open'));
    await p.tap('#after');
    await p.waitForFunction(() => !document.querySelector('#ref').shadowRoot?.querySelector('.pop.open'));
    await ctx.close();
  });

  test('the popover stays inside the viewport, near an edge too', async () => {
    const p = await page(t.b, { viewport: { width: 360, height: 640 } });
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    for (const sel of ['#ref', '#edge']) {
      await p.$eval(sel, (el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
      await call(p, sel, 'toggle', true);
      await p.waitForFunction((s) => document.querySelector(s).shadowRoot?.querySelector('.pop.open'), sel);
      const r = await p.$eval(sel, (el) => el.shadowRoot?.querySelector('.pop').getBoundingClientRect().toJSON());
      assert.ok(r.left >= 0 && r.top >= 0 && r.right <= 360 && r.bottom <= 640, `${sel}: ${JSON.stringify(r)}`);
      await call(p, sel, 'toggle', false);
    }
  });

  test('opening a mention after the page has loaded makes no request (no core on the page)', async () => {
    const p = await page(t.b);
    const all = [];
    p.on('request', (r) => all.push(r.url()));
    await p.goto(`${t.srv.url}/tests/pages/fixtures/refs.html`);
    // The three mentions' cards, fetched ahead once the page is idle (not networkidle: half a second of quiet
    // may come before that on a busy machine).
    const files = ['hongyan-truck-exports-2020', '@liangjiang', 'chengdu-chongqing-gdp-2022-q1-q3'].map((f) => `/pkg/data/${cardFile('pkg/data/', f)}`);
    await p.waitForFunction((fs) => fs.every((f) => performance.getEntriesByType('resource').some((r) => r.name.endsWith(f))), files);
    assert.ok(all.some((u) => u.endsWith(`/pkg/data/${cardFile('pkg/data/', '@liangjiang')}`)), 'fetched while loading');
    assert.ok(!all.some((u) => u.endsWith('.wasm')), 'no wasm for mentions');
    const later = [];
    p.on('request', (r) => later.push(r.url()));
    for (const sel of ['#ref', '#ref-entity', '#edge']) await call(p, sel, 'toggle', true);
    assert.match(await p.$eval('#ref-entity', (el) => el.shadowRoot?.querySelector('.pop').innerText), /Liangjiang New Area/);
    assert.deepEqual(later, []);
  });

  test('an entity mention shows the entity and its facts', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await call(p, '#ref-entity', 'toggle', true);
    const text = await p.$eval('#ref-entity', (el) => el.shadowRoot?.querySelector('.pop').innerText);
    assert.match(text, /Liangjiang New Area/);
    assert.match(text, /area in Chongqing/);
    assert.equal(await p.$eval('#ref-entity', (el) => el.shadowRoot?.querySelector('.pop').getAttribute('aria-label')), 'Liangjiang New Area');
  });
});

describe('autolink', () => {
  test('links the first mention of each entity, skipping links', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await p.waitForFunction(() => document.querySelector('#auto-links fact-ref'));
    const refs = await p.$$eval('#auto-links fact-ref', (els) => els.map((e) => [e.getAttribute('entity'), e.textContent]));
    assert.deepEqual(refs, [['corning', 'Corning'], ['huawei', 'Huawei'], ['chongqing', 'Chongqing']]);
    assert.equal(await p.$eval('#auto-links a', (a) => a.querySelector('fact-ref')), null);
    assert.equal(await p.$eval('#auto-links p', (el) => el.textContent), 'Corning and Huawei both looked at glass from Chongqing; Huawei invested.');
  });

  test('the longest name wins, whatever its script: a name with a dash or Chinese in it over the Latin name it starts with', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await p.waitForFunction(() => document.querySelectorAll('#auto-mixed fact-ref').length === 4);
    const refs = await p.$$eval('#auto-mixed fact-ref', (els) => els.map((e) => [e.getAttribute('entity'), e.textContent]));
    assert.deepEqual(refs, [['chengdu-chongqing-circle', 'Chengdu–Chongqing Economic Circle'], ['chengdu', 'Chengdu'],
      ['smore-vimo', 'SMore ViMo工业平台'], ['smartmore', 'SMore']]);
  });
});

describe('fact-search', () => {
  test('type-ahead follows the ARIA combobox pattern and shows results as cards', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    const input = p.locator('#search input');
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('placeholder'), 'Search the facts');
    await p.waitForFunction(() => document.querySelector('#search').hasAttribute('data-ready'));
    await input.pressSequentially('liangj');
    // Completions come from the index's completion parts, fetched as the reader types.
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot?.querySelector('input').getAttribute('aria-expanded') === 'true');
    const options = await p.$$eval('#search', ([el]) => [...el.shadowRoot?.querySelectorAll('[role=listbox] [role=option]')].map((o) => o.firstChild.textContent));
    assert.equal(options[0], 'Liangjiang New Area');
    await p.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'o0');
    await p.keyboard.press('Enter');
    assert.equal(await input.inputValue(), 'Liangjiang New Area');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    await p.waitForFunction(() => /found/.test(document.querySelector('#search').shadowRoot?.querySelector('[role=status]').textContent));
    const status = await p.$eval('#search', (el) => el.shadowRoot?.querySelector('[role=status]').textContent);
    assert.match(status, /^5 facts found$/);
    const cards = await p.$$eval('#search', ([el]) => [...el.shadowRoot?.querySelectorAll('.results fact-card')].map((c) => c.getAttribute('fact')));
    assert.equal(cards.length, 5);
  });

  test('Escape closes the list, then clears; a query about nothing says so', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    const input = p.locator('#search input');
    await p.waitForFunction(() => document.querySelector('#search').hasAttribute('data-ready'));
    // A prefix with completions ('hydrog' has none: its first Escape cleared the box, and no list was closed),
    // shown before the Escape: completions that arrive after it open the list again (search.js does not drop them;
    // seen with a sharded index), and the second Escape would close it instead of clearing the box.
    await input.pressSequentially('liangj');
    await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelector('input').getAttribute('aria-expanded') === 'true');
    await p.keyboard.press('Escape');
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    await p.keyboard.press('Escape');
    assert.equal(await input.inputValue(), '');
    await input.fill('banana prices in Paris');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => /banana/.test(document.querySelector('#search').shadowRoot?.querySelector('[role=status]').textContent));
    const status = await p.$eval('#search', (el) => el.shadowRoot?.querySelector('[role=status]').textContent);
    assert.equal(status, 'No facts match “banana prices in Paris”');
    assert.equal(await p.$eval('#search', (el) => el.shadowRoot?.querySelectorAll('.results fact-card').length), 0);
  });

  test('an entity filter keeps facts about that place (by alias)', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.locator('#filtered input').fill('alloy');
    await p.locator('#filtered input').press('Enter');
    // The core may still be loading when the key is pressed: the search runs as soon as it is there.
    await p.waitForFunction(() => document.querySelector('#filtered').shadowRoot?.querySelector('[role=status]').textContent);
    const ids = await p.$$eval('#filtered', ([el]) => [...el.shadowRoot?.querySelectorAll('.results fact-card')].map((c) => c.getAttribute('fact')));
    assert.deepEqual(ids, ['chongqing-light-alloy-districts']);
  });
});

describe('fact-card', () => {
  const bg = (p, sel) => p.$eval(sel, (el) => getComputedStyle(el.shadowRoot?.querySelector('article')).backgroundColor);
  test('light and dark: the theme attribute overrides the color scheme', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const p = await page(t.b, { colorScheme });
      await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
      await ready(p);
      assert.equal(await bg(p, '#dark'), 'rgb(30, 32, 35)');
      assert.equal(await bg(p, '#light'), 'rgb(255, 255, 255)');
      assert.equal(await bg(p, '#auto'), colorScheme === 'dark' ? 'rgb(30, 32, 35)' : 'rgb(255, 255, 255)');
    }
  });

  test('copy citation puts the source on the clipboard and says so', async () => {
    const ctx = await t.b.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const p = await ctx.newPage();
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.$eval('#light', (el) => el.shadowRoot?.querySelector('button').click());
    await p.waitForFunction(() => document.querySelector('#light').shadowRoot?.querySelector('[role=status]').textContent === 'Copied');
    const clip = await p.evaluate(() => navigator.clipboard.readText());
    assert.match(clip, /^Over 18% alumina\. Source: CGTN Digital, “Hot Stock Cities: Chongqing/);
    await ctx.close();
  });

  test('on a 320 px phone nothing overflows sideways', async () => {
    const p = await page(t.b, { viewport: { width: 320, height: 640 } });
    await p.goto(`${t.srv.url}/www/index.html`);
    await p.waitForFunction(() => [...document.querySelectorAll('fact-card')].every((e) => e.shadowRoot?.querySelector('article')));
    assert.equal(await p.evaluate(() => document.documentElement.scrollWidth), 320);
    const widest = await p.$$eval('fact-card', (els) => Math.max(...els.map((e) => e.shadowRoot?.querySelector('article').getBoundingClientRect().right)));
    assert.ok(widest <= 320, `a card reaches ${widest}px`);
  });

  test('hostile page CSS does not reach inside the card', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/hostile-css.html`);
    const text = await cardText(p, '#card');
    assert.match(text, /46\.3 billion yuan in signed investment/);
    const look = await p.$eval('#card', (el) => {
      const h3 = getComputedStyle(el.shadowRoot?.querySelector('.title'));
      const art = getComputedStyle(el.shadowRoot?.querySelector('article'));
      const btn = getComputedStyle(el.shadowRoot?.querySelector('button'));
      return {
        size: h3.fontSize, color: h3.color, vis: h3.visibility, pos: art.position, btn: btn.display, bg: art.backgroundColor,
        transform: h3.textTransform, spacing: h3.letterSpacing, align: h3.textAlign, white: h3.whiteSpace, style: h3.fontStyle, lh: art.lineHeight,
      };
    });
    assert.deepEqual(look, {
      size: '15.75px', color: 'rgb(28, 29, 31)', vis: 'visible', pos: 'static', btn: 'block', bg: 'rgb(255, 255, 255)',
      transform: 'none', spacing: 'normal', align: 'start', white: 'normal', style: 'normal', lh: '22.5px',
    });
  });
});

describe('loading', () => {
  test('from another origin (a CDN) under the documented CSP, with factcard.css: one wasm request, no other', async () => {
    const cdn = await server(null, () => ({ 'access-control-allow-origin': '*' }));
    const csp = `script-src 'self' ${cdn.url} 'wasm-unsafe-eval'; style-src 'self' ${cdn.url}; default-src 'self'; connect-src ${cdn.url}; img-src 'self' data:`;
    const site = await server(async (req, res) => {
      if (!req.url.startsWith('/article')) return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CSP</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="${cdn.url}/pkg/factcard.css"><script type="module" src="${cdn.url}/pkg/factcard.js"></script></head><body>
<fact-card id="a" fact="hongyan-truck-exports-2020">fallback a</fact-card><fact-card id="b" fact="atg-alumina-content">fallback b</fact-card>
<p><fact-ref id="r" fact="liangjiang-expo-signed-investment">ref</fact-ref></p><fact-search></fact-search></body></html>`);
      return true;
    });
    try {
      const p = await page(t.b);
      const requests = [];
      p.on('request', (r) => requests.push(r.url()));
      await p.addInitScript(() => {
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await p.goto(`${site.url}/article`);
      assert.match(await cardText(p, '#b'), /Over 18% alumina/);
      await call(p, '#r', 'toggle', true);
      assert.deepEqual(await p.evaluate(() => window.violations), []);
      await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot?.querySelector('input'));
      await p.locator('fact-search input').fill('glass');
      await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot?.querySelector('.results fact-card'));
      const fromCdn = requests.filter((u) => u.startsWith(cdn.url)).map((u) => u.slice(cdn.url.length));
      const code = fromCdn.filter((u) => !u.startsWith('/pkg/data/')).sort();
      assert.deepEqual(code, ['/pkg/factcard.css', '/pkg/factcard.js', `/pkg/${built('factcard_search.js')}`, `/pkg/${built('factcard_search_bg.wasm')}`], 'each once');
      assert.ok(fromCdn.includes(`/pkg/data/${cardFile('pkg/data/', 'atg-alumina-content')}`));
      assert.equal(new Set(fromCdn).size, fromCdn.length, 'nothing fetched twice');
      assert.deepEqual(requests.filter((u) => !u.startsWith(cdn.url) && !u.startsWith(site.url)), []);
      assert.deepEqual(p.errors, []);
    } finally {
      await site.close();
      await cdn.close();
    }
  });

  test('cards in view come first: mentions and search boxes are defined after them, and a box keeps its place with factcard.css (no layout shift)', async () => {
    const p = await page(t.b, { viewport: { width: 390, height: 844 } });
    await p.addInitScript(() => {
      window.log = [];
      window.cls = 0;
      const define = customElements.define.bind(customElements);
      customElements.define = (name, cls, o) => {
        window.log.push(`define ${name}`);
        return define(name, cls, o);
      };
      document.addEventListener('factcard:render', (e) => window.log.push(`render ${e.target.localName}`), true);
      new PerformanceObserver((l) => l.getEntries().forEach((e) => { window.cls += e.value; window.log.push(`shift ${e.value} ${e.sources.map((x) => `${x.node?.nodeName}:${x.previousRect.y}->${x.currentRect.y} h${x.previousRect.height}->${x.currentRect.height}`)}`); })).observe({ type: 'layout-shift', buffered: true });
    });
    await p.route('**/first.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/pkg/factcard.css"><script type="module" src="/pkg/factcard.js"></script></head><body><h1>Trucks</h1><fact-search></fact-search><p>Hongyan <fact-ref fact="hongyan-truck-exports-2020">exported trucks</fact-ref>.</p><p>More text below the box.</p><fact-card fact="hongyan-truck-exports-2020">Hongyan exported 1,500 trucks.</fact-card></body></html>' }));
    await p.goto(`${t.srv.url}/first.html`);
    await p.waitForFunction(() => customElements.get('fact-search') && document.querySelector('fact-search').matches('[data-ready]') && document.querySelector('fact-ref').shadowRoot);
    const shift = await layoutShift(p);
    const log = await p.evaluate(() => window.log);
    const at = (x) => log.indexOf(x);
    assert.ok(at('define fact-card') >= 0 && at('render fact-card') >= 0, log.join(', '));
    assert.ok(at('define fact-card') < at('render fact-card'), log.join(', '));
    assert.ok(at('render fact-card') < at('define fact-ref') && at('render fact-card') < at('define fact-search'), log.join(', '));
    assert.equal(shift.total, 0, `the page moved: ${shift.moved.join(', ')}; ${log.join(', ')}`);
  });

  test('without WebAssembly cards still show (they need no wasm); search says why it is unavailable, once', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/nowasm.html`);
    await p.waitForFunction(() => window.pageScriptRan);
    assert.match(await cardText(p, '#card'), /46\.3 billion yuan in signed investment/);
    await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot?.querySelector('[role=status]').textContent);
    const status = await p.$eval('fact-search', (el) => el.shadowRoot?.querySelector('[role=status]').textContent);
    assert.equal(status, 'Search is unavailable: WebAssembly is not available in this browser');
    const errors = p.messages.filter((m) => m.type === 'error');
    assert.equal(errors.length, 1, JSON.stringify(p.messages));
    assert.match(errors[0].text, /factcard: could not load the search.*WebAssembly is not available/);
    assert.deepEqual(p.errors, [], 'no unhandled rejection or exception');
  });

  test('a card that cannot be loaded keeps its fallback text and says what went wrong', async () => {
    const broken = await server(async (req, res) => {
      if (!req.url.includes(`/pkg/data/${cardFile('pkg/data/', 'atg-alumina-content')}`)) return false;
      res.writeHead(500).end('oops');
      return true;
    });
    try {
      const p = await page(t.b);
      await p.goto(`${broken.url}/tests/pages/fixtures/nowasm.html`);
      await p.waitForFunction(() => document.querySelector('#card2').shadowRoot?.querySelector('.missing'));
      const r = await p.$eval('#card2', (el) => ({ fallback: el.innerText.trim(), notice: el.shadowRoot?.querySelector('.missing').textContent, hidden: el.shadowRoot?.querySelector('div').hidden }));
      assert.deepEqual(r, { fallback: 'ATG glass is over 18% alumina.', notice: 'Could not load this fact: HTTP 500', hidden: false });
      assert.match(await cardText(p, '#card'), /46\.3 billion yuan/, 'the other card is unaffected');
      assert.equal(await p.evaluate(() => window.pageScriptRan), true);
      assert.deepEqual(p.errors, []);
    } finally {
      await broken.close();
    }
  });

  test('a tampered card fragment is refused, not shown', async () => {
    const images = [];
    const evil = await server(async (req, res) => {
      if (/\/x(\?|$)/.test(req.url)) images.push(req.url);
      if (!req.url.includes(`/pkg/data/${cardFile('pkg/data/', 'atg-alumina-content')}`)) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<article class="card"><img src=x onerror="window.__pwned=1"><p>hi</p></article>');
      return true;
    });
    try {
      const p = await page(t.b);
      await p.goto(`${evil.url}/tests/pages/fixtures/nowasm.html`);
      await p.waitForFunction(() => document.querySelector('#card2').shadowRoot?.querySelector('.missing'));
      assert.equal(await p.$eval('#card2', (el) => el.shadowRoot?.querySelector('.missing').textContent), 'Could not load this fact: unexpected <img> in a card');
      // Had the fragment been parsed live, its <img src=x> would have been asked for before it was refused, and
      // failed before an image of the same address asked for now fails: the page's own canary.
      await p.evaluate(() => new Promise((ok) => document.body.append(Object.assign(new Image(), { src: 'x?canary', onerror: ok }))));
      assert.deepEqual(images.map((u) => u.replace(/.*\//, '')), ['x?canary'], 'only the canary was asked for');
      assert.equal(await p.evaluate(() => window.__pwned), undefined);
    } finally {
      await evil.close();
    }
  });

  test('the iframe embed shows one card and tells its parent its height', async () => {
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/embed-parent.html`);
    await p.waitForFunction(() => window.heights.length && window.heights.at(-1) > 150);
    const frame = p.frame({ url: /embed\.html/ });
    assert.match(await cardText(frame, 'fact-card'), /Hongyan exported 1,500 heavy trucks/);
    // The page is titled after the card (whose title is an <h2> there, with no heading before it).
    const title = await frame.$eval('fact-card', (el) => el.shadowRoot.querySelector('h2.title').textContent);
    assert.ok(title.length > 10);
    assert.equal(await frame.title(), title);
    const h = await p.$eval('#frame', (f) => Number(f.height));
    assert.ok(h > 150 && h < 1200, `iframe height ${h}`);
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`axe-core finds no violation on the demo page (${colorScheme})`, async () => {
      const p = await page(t.b, { colorScheme });
      await p.goto(`${t.srv.url}/www/index.html`);
      await p.waitForFunction(() => [...document.querySelectorAll('fact-card')].every((e) => e.shadowRoot?.querySelector('article')));
      // Open disclosures and a popover so that their contents are checked too.
      await p.$$eval('fact-card', (els) => els.forEach((e) => e.shadowRoot?.querySelectorAll('details').forEach((d) => { d.open = true; })));
      await p.locator('fact-search input').fill('glass');
      await p.addScriptTag({ content: AXE });
      const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const v = result.violations.map((x) => `${x.id}: ${x.nodes.length} (${x.nodes[0].target.join(' ')})`);
      assert.deepEqual(v, []);
    });
  }

  test('focus is visible and reduced motion is respected', async () => {
    const p = await page(t.b, { reducedMotion: 'reduce' });
    await p.goto(`${t.srv.url}/tests/pages/fixtures/elements.html`);
    await ready(p);
    await p.focus('#before');
    await p.keyboard.press('Tab');
    const outline = await p.$eval('#ref', (el) => getComputedStyle(el.shadowRoot?.querySelector('.mention')).outlineStyle);
    assert.equal(outline, 'solid');
    const transition = await p.$eval('#ref', (el) => getComputedStyle(el.shadowRoot?.querySelector('.pop')).transitionDuration);
    assert.equal(transition, '0s');
  });
});

describe('many elements', () => {
  const many = async (n, hits = []) => {
    const { manyPage } = await import('../../bench/many.mjs');
    const html = manyPage(n);
    return server(async (req, res) => {
      hits.push(req.url);
      if (req.url !== '/many.html') return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return true;
    });
  };

  test('a page with 1,000 cards and 1,000 mentions renders them all, each card fetched once and each told once', async () => {
    const hits = [];
    const s = await many(1000, hits);
    try {
      const p = await page(t.b);
      // The page's own listener (bubbling, on the document): how many times it hears from each card.
      await p.addInitScript(() => {
        window.__heard = new Map();
        document.addEventListener('factcard:render', (e) => window.__heard.set(e.target, (window.__heard.get(e.target) ?? 0) + 1));
      });
      await p.goto(`${s.url}/many.html`);
      await p.waitForFunction(() => window.__heard.size >= 1000, null, { timeout: 60000 });
      assert.equal(await p.$$eval('fact-card', (els) => els.filter((e) => e.shadowRoot?.querySelector('.missing')).length), 0);
      const fragments = hits.filter((u) => u.startsWith('/pkg/data/'));
      assert.equal(new Set(fragments).size, fragments.length, 'no fragment fetched twice');
      // Every mention is built (a button), and no card drew or spoke twice meanwhile.
      await p.waitForFunction(() => [...document.querySelectorAll('fact-ref')].every((r) => r.shadowRoot?.querySelector('.mention[role=button]')), null, { timeout: 60000 });
      assert.deepEqual(await p.$$eval('fact-card', (els) => [els.length, els.filter((e) => window.__heard.get(e) === 1 && e.dataset.ready === '').length]), [1000, 1000]);
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });

  test('on a page of more than 100 cards, a card far from the viewport is in the page but laid out only when the reader comes near', async () => {
    const s = await many(150);
    try {
      const p = await page(t.b);
      await p.goto(`${s.url}/many.html`);
      await p.waitForFunction(() => document.querySelectorAll('fact-card[data-ready]').length === 150, null, { timeout: 60000 });
      // [text, laid out, innerText] of the first card and the last.
      const state = () => p.$$eval('fact-card', (els) => [els[0], els.at(-1)].map((el) => {
        const card = el.shadowRoot.querySelector('.card');
        return [card.textContent.length > 100, card.checkVisibility({ contentVisibilityAuto: true }), card.innerText.length > 100];
      }));
      assert.deepEqual(await state(), [[true, true, true], [true, false, false]]);
      await p.$$eval('fact-card', (els) => els.at(-1).scrollIntoView());
      await p.waitForFunction(() => [...document.querySelectorAll('fact-card')].at(-1).shadowRoot.querySelector('.card').checkVisibility({ contentVisibilityAuto: true }));
      assert.deepEqual((await state())[1], [true, true, true]);
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });

  test('on a page of 100 cards or fewer, every card is laid out, near or far', async () => {
    const s = await many(100);
    try {
      const p = await page(t.b);
      await p.goto(`${s.url}/many.html`);
      await p.waitForFunction(() => document.querySelectorAll('fact-card[data-ready]').length === 100, null, { timeout: 60000 });
      assert.equal(await p.$$eval('fact-card', (els) => els.filter((el) => el.shadowRoot.querySelector('.card').innerText.length > 100).length), 100);
      assert.deepEqual(p.errors, []);
    } finally {
      await s.close();
    }
  });
});
