// Every reader's settings: forced colors (Windows high contrast), 400% zoom (reflow at 320 CSS px, WCAG 1.4.10),
// text spacing overrides (WCAG 1.4.12), right-to-left pages, reduced motion, touch targets of at least 24×24 px
// (WCAG 2.5.8). In each, the reader uses the search box (types, picks a result) and opens a popover and the cards'
// disclosures, then axe-core checks the page. Articles come from another origin than the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { call, page, searchFlow, twoOrigins } from './harness.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const t = twoOrigins();

const BODY = `<main><h1>City news</h1><p>An article, and the facts it stands on.</p>
<fact-card id="card" fact="hongyan-truck-exports-2020">Hongyan exported 1,500 trucks in 2020.</fact-card>
<fact-card id="chart" fact="chengdu-chongqing-vehicle-output-2022-h1">The two cities' GDP.</fact-card>
<p>In 2020 <fact-ref id="ref" fact="liangjiang-expo-signed-investment">Liangjiang signed projects</fact-ref> worth billions.</p>
<fact-search id="search"></fact-search>
<fact-card id="missing" fact="no-such-fact">A fact that is not there.</fact-card></main>`;

/** Opens the article with `options` (newPage's), uses every element, and returns the page. */
async function read(options = {}, article = {}) {
  const p = await page(t.b, options);
  await p.goto(t.article(BODY, article));
  await p.waitForFunction(() => ['#card', '#chart', '#missing'].every((s) => document.querySelector(s).shadowRoot?.querySelector('.card')));
  await searchFlow(p);
  await p.$$eval('fact-card', (els) => els.forEach((e) => e.shadowRoot?.querySelectorAll('details').forEach((d) => { d.open = true; })));
  await call(p, '#ref', 'toggle', true);
  return p;
}

/** axe-core on the whole page (shadow roots included), with WCAG 2.2's target size. */
async function axe(p) {
  await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } }));
  return result.violations.map((x) => `${x.id}: ${x.nodes.length} (${x.nodes[0].target.join(' ')})`);
}

/** Every element in the page's shadow roots (nested too), for checks on what readers see. */
const EVERY = `(() => { const out = []; const walk = (r) => { for (const el of r.querySelectorAll('*')) { if (el.shadowRoot) { out.push(...el.shadowRoot.querySelectorAll('*')); walk(el.shadowRoot); } } }; walk(document); return out; })()`;

test('forced colors: borders, bars, focus and the chosen option stay visible', async () => {
  const p = await read({ forcedColors: 'active' });
  assert.equal(await p.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
  const seen = await p.evaluate(() => {
    const card = document.querySelector('#chart').shadowRoot.querySelector('.card');
    const cs = getComputedStyle(card);
    const bar = getComputedStyle(card.querySelector('.bar'));
    return { border: cs.borderInlineStartStyle !== 'none' && parseFloat(cs.borderInlineStartWidth) >= 3 && cs.borderInlineStartColor !== cs.backgroundColor, bar: bar.fill !== cs.backgroundColor && bar.fill !== 'none' };
  });
  assert.deepEqual(seen, { border: true, bar: true });
  // The chosen completion differs from the others.
  const input = p.locator('#search input');
  await input.fill('');
  await input.pressSequentially('liangj', { delay: 20 });
  await p.waitForFunction(() => document.querySelector('#search').shadowRoot.querySelectorAll('[role=option]').length > 1);
  await input.press('ArrowDown');
  const options = await p.$eval('#search', (el) => [...el.shadowRoot.querySelectorAll('[role=option]')].slice(0, 2).map((o) => getComputedStyle(o).backgroundColor));
  assert.notEqual(options[0], options[1], 'the chosen option has its own background');
  await input.press('Escape');
  // Focus is visible on the card's button.
  await p.$eval('#card', (el) => el.shadowRoot.querySelector('button').focus({ focusVisible: true }));
  await p.keyboard.press('Shift+Tab');
  await p.keyboard.press('Tab');
  const focus = await p.$eval('#card', (el) => { const s = getComputedStyle(el.shadowRoot.activeElement); return [s.outlineStyle, parseFloat(s.outlineWidth) >= 2]; });
  assert.deepEqual(focus, ['solid', true]);
  assert.deepEqual(await axe(p), []);
});

test('400% zoom: at 320 CSS px nothing needs scrolling sideways, the popover stays in view', async () => {
  const p = await read({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 });
  const wide = await p.evaluate((every) => {
    const all = eval(every);
    return {
      page: document.documentElement.scrollWidth,
      over: all.filter((el) => { const r = el.getBoundingClientRect(); return r.width && (r.right > 320.5 || r.left < -0.5) && !el.closest('.sr'); }).map((el) => `${el.localName}.${el.className?.baseVal ?? el.className}`),
    };
  }, EVERY);
  assert.deepEqual(wide, { page: 320, over: [] });
  const pop = await p.$eval('#ref', (el) => el.shadowRoot.querySelector('.pop').getBoundingClientRect().toJSON());
  assert.ok(pop.left >= 0 && pop.right <= 320, JSON.stringify(pop));
  assert.deepEqual(await axe(p), []);
});

test('text spacing overrides (WCAG 1.4.12): no text is cut off or overlaps', async () => {
  const p = await read();
  // A reader's style sheet as the WCAG test applies it, reaching into every shadow root.
  await p.evaluate((every) => {
    const s = new CSSStyleSheet();
    s.replaceSync('*{line-height:1.5!important;letter-spacing:.12em!important;word-spacing:.16em!important}p{margin-bottom:2em!important}');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, s];
    for (const el of [...document.querySelectorAll('*'), ...eval(every)]) if (el.shadowRoot) el.shadowRoot.adoptedStyleSheets = [...el.shadowRoot.adoptedStyleSheets, s];
  }, EVERY);
  // No wait: the style sheets apply at once, and reading a size computes style and layout first.
  const cut = await p.evaluate((every) => eval(every).filter((el) => {
    if (el.closest('.sr, .pop, [role=listbox]') || !el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    const clips = (o) => o !== 'visible' && o !== 'auto' && o !== 'scroll';
    return (clips(cs.overflowX) && el.scrollWidth > el.clientWidth + 1) || (clips(cs.overflowY) && el.scrollHeight > el.clientHeight + 1);
  }).map((el) => `${el.localName}.${el.className?.baseVal ?? el.className}`), EVERY);
  assert.deepEqual(cut, []);
  // Chart labels (SVG text, which cannot wrap) keep their spacing and stay inside the chart; each is also in the
  // figure list, as HTML text that takes the reader's spacing.
  const chart = await p.$eval('#chart', (el) => {
    const svg = el.shadowRoot.querySelector('svg').getBoundingClientRect();
    const labels = [...el.shadowRoot.querySelectorAll('svg text.label')];
    const dts = [...el.shadowRoot.querySelectorAll('dt')];
    return {
      out: labels.filter((x) => { const r = x.getBoundingClientRect(); return r.left < svg.left - 1 || r.right > svg.right + 1; }).map((x) => x.textContent),
      listed: labels.every((x) => dts.some((d) => d.textContent === x.textContent)),
      spaced: getComputedStyle(dts[0]).letterSpacing !== 'normal',
    };
  });
  assert.deepEqual(chart, { out: [], listed: true, spaced: true });
  // The card's text stays inside the card.
  const spill = await p.$eval('#card', (el) => {
    const c = el.shadowRoot.querySelector('.card').getBoundingClientRect();
    return [...el.shadowRoot.querySelectorAll('.card *')].filter((x) => { const r = x.getBoundingClientRect(); return r.width && (r.right > c.right + 1 || r.bottom > c.bottom + 1); }).map((x) => x.localName);
  });
  assert.deepEqual(spill, []);
  assert.deepEqual(await axe(p), []);
});

test('a right-to-left page: cards, popover and search box follow its direction', async () => {
  const p = await read({}, { dir: 'rtl', lang: 'ar' });
  const seen = await p.evaluate(() => {
    const card = document.querySelector('#card').shadowRoot.querySelector('.card');
    const cs = getComputedStyle(card);
    const input = getComputedStyle(document.querySelector('#search').shadowRoot.querySelector('input'));
    return { dir: cs.direction, edge: [cs.borderRightWidth, cs.borderLeftWidth], align: getComputedStyle(card.querySelector('.title')).textAlign, input: input.direction };
  });
  assert.deepEqual(seen, { dir: 'rtl', edge: ['4px', '1px'], align: 'start', input: 'rtl' });
  const pop = await p.$eval('#ref', (el) => el.shadowRoot.querySelector('.pop').getBoundingClientRect().toJSON());
  const vw = await p.evaluate(() => document.documentElement.clientWidth);
  assert.ok(pop.left >= 0 && pop.right <= vw, JSON.stringify(pop));
  assert.deepEqual(await axe(p), []);
});

test('reduced motion: the popover appears without a transition', async () => {
  const p = await read({ reducedMotion: 'reduce' });
  assert.equal(await p.$eval('#ref', (el) => getComputedStyle(el.shadowRoot.querySelector('.pop')).transitionDuration), '0s');
  assert.deepEqual(await axe(p), []);
});

test('touch targets: every control outside running text is at least 24×24 px', async () => {
  const p = await read({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 640 } });
  const small = await p.evaluate((every) => eval(every).filter((el) => el.matches('button, summary, input, [role=option], [tabindex]:not(.mention), a:not(p a, li a)') && el.getClientRects().length).map((el) => {
    const r = el.getBoundingClientRect();
    return r.width < 24 || r.height < 24 ? `${el.localName}.${el.className} ${r.width}×${r.height}` : null;
  }).filter(Boolean), EVERY);
  assert.deepEqual(small, []);
  assert.deepEqual(await axe(p), []);
});
