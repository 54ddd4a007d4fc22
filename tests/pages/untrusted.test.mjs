// Page tests: what comes from outside factcard's own files is checked before it reaches an address, the page or
// the reader's clipboard (issue 23): a `lang` that is an address (on an element, or in the embed's ?lang=), hostile
// attribute values in a card fragment, the desk's #id and what it gives to paste, a forged height message from
// another origin, a bundle over the size limit, and the Referer every request of factcard's leaves out.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cardFile, page, server, shared } from './harness.mjs';

const ID = 'liangjiang-expo-signed-investment';
const EVIL = 'https://evil.example';
// A card as the core writes it, but someone else's.
const FORGED = `<article class="card" part="card" lang="en" data-fact="${ID}" data-citation="forged"><h3 class="title" part="title">FORGED</h3></article>`;

// Served beside the repository: /big/NAME/…, files over the limit (16 MiB): a bundle whose Content-Length says so,
// one whose header says so, and a folder's index file of no declared size.
const MiB = 1 << 20;
const sent = {}; // bytes each /big/NAME/ response wrote before the reader stopped reading
const t = shared(async (req, res) => {
  const name = req.url.startsWith('/big/') && req.url.split('/')[2];
  if (!name) return false;
  const header = Buffer.alloc(16);
  header.write('FCB1');
  header.writeUInt16LE(3, 4);
  header.writeUInt32LE(20 * MiB, 8); // a payload of 20 MiB, it says
  const chunk = Buffer.alloc(MiB, 0x41);
  const total = name === 'declared' ? 17 * MiB : 20 * MiB;
  res.writeHead(200, { 'content-type': 'application/octet-stream', ...(name === 'declared' ? { 'content-length': total } : {}) });
  sent[name] = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  if (name === 'header') sent[name] += header.length, res.write(header);
  // A bundle that says it is too large (by its Content-Length or its header): one MiB, then nothing until the reader
  // hangs up. A reader that refuses on what it is told ends the test at once; one that waits for the rest would wait
  // until the test times out, however busy the machine (streaming the whole instead made the count depend on how
  // fast the browser aborted).
  if (name !== 'plain') {
    sent[name] += chunk.length;
    res.write(chunk);
    if (!closed) await new Promise((ok) => res.once('close', ok));
    return true;
  }
  // Streamed a MiB at a time, each once the last has drained: a reader that stops reading stops the stream.
  while (!closed && sent[name] < total) {
    sent[name] += chunk.length;
    if (!res.write(chunk)) await new Promise((ok) => res.once('drain', ok).once('close', ok));
  }
  if (!closed) res.end();
  return true;
});

const EVILS = /^https?:\/\/evil\.example\//;
/** Answers every request to EVIL (http or https) with `body`, recorded in `p.evil`. */
async function evil(p, body = FORGED) {
  p.evil = [];
  await p.route(EVILS, (r) => {
    p.evil.push(r.request().url());
    return r.fulfill({ contentType: 'text/html', headers: { 'access-control-allow-origin': '*' }, body });
  });
}

/** A page of the repository's server with `body`, loading the package; EVIL answers with `forged`. */
async function pageWith(body, { head = '', forged = FORGED } = {}) {
  const p = await page(t.b);
  await evil(p, forged);
  await p.route('**/untrusted.html', (r) => r.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>untrusted</title><link rel="icon" href="data:,">${head}
<script type="module" src="/pkg/factcard.js"></script></head><body>${body}</body></html>`,
  }));
  await p.goto(`${t.srv.url}/untrusted.html`);
  return p;
}

const titleOf = (p, sel) => p.waitForFunction((s) => document.querySelector(s)?.shadowRoot?.querySelector('.card')?.textContent, sel)
  .then(() => p.$eval(sel, (el) => el.shadowRoot.querySelector('.title')?.textContent ?? el.shadowRoot.querySelector('.card').textContent));

describe('a language is a language, never an address', () => {
  test('an element whose lang is an address shows the set default language card', async () => {
    const p = await pageWith(`<fact-card id="a" fact="${ID}" lang="${EVIL}/x">a</fact-card>
<fact-card id="b" fact="${ID}" lang="//evil.example/x">b</fact-card><fact-card id="c" fact="${ID}" lang="zh-Hans-CN">c</fact-card>`);
    assert.match(await titleOf(p, '#a'), /46\.3 billion yuan/);
    assert.match(await titleOf(p, '#b'), /46\.3 billion yuan/);
    assert.match(await titleOf(p, '#c'), /463亿元/);
    assert.deepEqual(p.evil, []);
    assert.deepEqual(p.errors, []);
  });

  test('the embed takes ?lang= only from the folder languages, and ?fact= only as an id', async () => {
    const p = await page(t.b);
    await evil(p);
    for (const [lang, want] of [[`${EVIL}/x`, /46\.3 billion yuan/], ['//evil.example/x', /46\.3 billion yuan/], ['ZH', /463亿元/], ['xx', /46\.3 billion yuan/]]) {
      await p.goto(`${t.srv.url}/pkg/data/embed.html?fact=${ID}&lang=${encodeURIComponent(lang)}`);
      assert.match(await titleOf(p, 'fact-card'), want, lang);
    }
    await p.goto(`${t.srv.url}/pkg/data/embed.html?fact=${encodeURIComponent('../../tests/pages/fixtures/x')}`);
    await p.waitForFunction(() => document.querySelector('fact-card')?.shadowRoot?.querySelector('.card.missing'));
    assert.deepEqual(p.evil, []);
    assert.deepEqual(p.errors, []);
  });
});

describe('the allowlist checks values, not only names', () => {
  const HOSTILE = {
    'a class the core never writes': '<article class="card pop open" part="card"></article>',
    'a part the core never writes': '<article class="card" part="card popover"></article>',
    'a role the core never writes': '<div class="card" role="dialog"></div>',
    'a lang that is not a language': '<article class="card" lang="en x"></article>',
    'a data-fact that is not an id': '<article class="card" data-fact="../x"></article>',
    'a citation with a control character': '<article class="card" data-citation="a&#27;[2Jb"></article>',
    'a citation with a bidi override': '<article class="card" data-citation="a&#x202e;b"></article>',
    'a citation of 20,000 characters': `<article class="card" data-citation="${'a'.repeat(20000)}"></article>`,
    'a link to another tab with window.opener': '<p><a href="https://x.example/" target="_blank" rel="opener">x</a></p>',
    'a link into the same tab': '<p><a href="https://x.example/" target="_self">x</a></p>',
    'a bar of no number': '<svg class="chart"><rect class="bar" width="calc(100%)"></rect></svg>',
    'a viewBox of no numbers': '<svg class="chart" viewBox="0 0 a b"></svg>',
  };

  test('hostile attribute values are refused; a link that says nothing opens in a new tab without opener', async () => {
    const p = await pageWith('');
    const r = await p.evaluate(async (cases) => {
      const { checked } = await import('/js/policy.js');
      const refused = {};
      for (const [name, html] of Object.entries(cases)) {
        try {
          checked(html);
          refused[name] = false;
        } catch {
          refused[name] = true;
        }
      }
      const a = checked('<p class="source" part="source"><a href="https://x.example/">x</a></p>').content.querySelector('a');
      return { refused, link: [a.target, a.rel] };
    }, HOSTILE);
    assert.deepEqual(Object.keys(r.refused).filter((k) => !r.refused[k]), [], 'accepted');
    assert.deepEqual(r.link, ['_blank', 'noopener noreferrer']);
  });

  test('a fragment with a borrowed popover style is not shown', async () => {
    const overlay = FORGED.replace('class="card"', 'class="card pop open"');
    const p = await pageWith(`<fact-card id="a" src="${EVIL}/set/" fact="${ID}">fallback</fact-card>`, { forged: overlay });
    await p.waitForFunction(() => document.querySelector('#a').shadowRoot?.querySelector('.card'));
    assert.equal(await p.$eval('#a', (el) => !!el.shadowRoot.querySelector('.pop')), false);
    assert.match(await p.$eval('#a', (el) => el.shadowRoot.querySelector('.card').textContent), /Could not load/);
    assert.deepEqual(p.errors, []);
  });
});

describe('the desk', () => {
  test('#id is an id: nothing outside the fact files is fetched for it', async () => {
    const p = await page(t.b);
    const asked = [];
    p.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await p.goto(`${t.srv.url}/pkg/data/#../../../../tests/pages/fixtures/x`);
    await p.waitForSelector('html[data-ready]');
    await p.waitForFunction(() => /No fact/.test(document.querySelector('#title')?.textContent));
    assert.deepEqual(asked.filter((u) => /\/x\.(json|html)$/.test(u)), []);
    assert.deepEqual(p.errors, []);
  });

  test('what it gives to paste passes the checks the elements make', async () => {
    const p = await page(t.b);
    await p.route(`**/pkg/data/${cardFile('pkg/data/', ID)}`, (r) => r.fulfill({ contentType: 'text/html', body: '<article class="card" part="card"><img src="x" onerror="alert(1)"></article>' }));
    await p.route(`**/pkg/data/desk/f/${ID}.json`, async (r) => {
      const d = await (await r.fetch()).json();
      d.jsonld.en = d.jsonld.en.replace(/\}$/, ',"x":"</script><script>alert(1)</script>"}');
      d.fact.source.url = 'javascript:alert(1)';
      return r.fulfill({ contentType: 'application/json', body: JSON.stringify(d) });
    });
    await p.goto(`${t.srv.url}/pkg/data/#${ID}`);
    await p.waitForSelector('#code-static');
    const code = await p.$$eval('#snippets code', (cs) => Object.fromEntries(cs.map((c) => [c.id, c.textContent])));
    assert.doesNotMatch(code['code-static'], /<img src|onerror=/);
    assert.doesNotMatch(code['code-jsonld'], /<script>alert/);
    assert.doesNotMatch(code['code-card'], /javascript:/);
    assert.match(code['code-iframe'], new RegExp(`e\\.origin !== '${t.srv.url}'`));
  });

  test('a height message from another origin does not size the preview', async () => {
    const p = await page(t.b);
    await evil(p, '<!doctype html><title>elsewhere</title>');
    await p.goto(`${t.srv.url}/pkg/data/?as=iframe#${ID}`);
    await p.waitForFunction(() => +document.querySelector('#stage iframe')?.height > 150 && document.querySelector('#stage iframe').height !== '360');
    // The preview's frame, navigated elsewhere, is still the window the desk listens to.
    const frame = await (await p.$('#stage iframe')).contentFrame();
    await frame.evaluate((u) => (location.href = u), `${EVIL}/frame.html`);
    await frame.waitForURL(EVILS);
    // Read once the embed has gone: until then it may still tell its height as its card settles (320, then 367).
    const before = await p.$eval('#stage iframe', (f) => f.height);
    await p.evaluate(() => {
      window.forged = new Promise((ok) => addEventListener('message', (e) => e.data?.height === 4321 && ok()));
    });
    await frame.evaluate(() => parent.postMessage({ type: 'factcard:height', fact: 'x', height: 4321 }, '*'));
    await p.evaluate(() => window.forged); // the desk's listener, added first, has run
    assert.equal(await p.$eval('#stage iframe', (f) => f.height), before);
  });
});

describe('the size limit', () => {
  for (const [name, url, how] of [['declared', '/big/declared/x.facts', 'a bundle, as its Content-Length says'],
    ['header', '/big/header/x.facts', 'a bundle, as its header says'], ['plain', '/big/plain/', 'an index file, as it arrives']]) {
    // A reader that waited for the rest of a bundle would wait for ever: the time limit makes that a failure.
    test(`a file over 16 MiB is refused: ${how}`, { timeout: 120_000 }, async () => {
      const p = await pageWith('');
      const error = await p.evaluate(async (u) => {
        const fc = await import('/pkg/factcard.js');
        return fc.open(u).then(() => 'opened', (e) => e.message);
      }, url);
      assert.match(error, /larger than 16777216 bytes/);
      // A bundle is refused before it is read whole: its server sends a MiB and then waits for the reader to hang up
      // (an index file is refused once it is past the limit).
      if (name !== 'plain') assert.equal(sent[name], MiB + (name === 'header' ? 16 : 0));
      assert.deepEqual(p.errors, []);
    });
  }
});

describe('privacy', () => {
  test('no request of factcard sends the article address as Referer, whatever the page referrer policy', async () => {
    const seen = [];
    const cdn = await server((req) => {
      seen.push([new URL(req.url, 'http://x').pathname, req.headers.referer || '']);
      return false;
    }, () => ({ 'access-control-allow-origin': '*' }));
    const C = cdn.url;
    const article = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="unsafe-url"><title>article</title>
<link rel="icon" href="data:,"><script type="module" src="${C}/pkg/factcard.js"></script></head><body>
<fact-card id="a" fact="${ID}">a</fact-card><fact-card id="b" fact="${ID}" lang="de">b</fact-card>
<fact-card id="c" src="${C}/target/own.facts" fact="port-cranes">c</fact-card>
<p autolink>The Liangjiang New Area signed deals.</p><fact-search id="s"></fact-search></body></html>`;
    const site = await server((req, res) => req.url.startsWith('/article.html') && !!res.writeHead(200, { 'content-type': 'text/html' }).end(article));
    const p = await page(t.b);
    try {
      await p.goto(`${site.url}/article.html?reader=42`);
      await p.waitForFunction(() => ['#a', '#b', '#c'].every((s) => document.querySelector(s).shadowRoot?.querySelector('article')));
      await p.waitForFunction(() => document.querySelector('#s').hasAttribute('data-ready'));
      await p.locator('#s input').fill('liangjiang');
      await p.waitForFunction(() => document.querySelector('#s').shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('article'));
      await p.waitForFunction(() => document.querySelector('fact-ref'));
      const kinds = (re) => seen.filter(([u]) => re.test(u)).length;
      for (const re of [/\/data\/en\/.*\.html$/, /\/data\/set\.json$/, /\/mentions\.[0-9a-f]{8}\.json$/, /\/search\/meta\.[0-9a-f]{8}\.json$/, /\/search\/t\d+\.[0-9a-f]{8}\.idx$/, /\.wasm$/, /own\.facts$/]) assert.ok(kinds(re) > 0, `no request matched ${re}`);
      // The page's own script tag follows the page's policy; every request factcard makes leaves the article out.
      const told = seen.filter(([u, ref]) => u !== '/pkg/factcard.js' && ref.includes('/article.html'));
      assert.deepEqual(told, []);
      assert.deepEqual(seen.filter(([u, ref]) => !u.endsWith('.js') && ref), [], 'data requests with a Referer');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await cdn.close();
      await site.close();
    }
  });
});
