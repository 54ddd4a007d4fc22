// pkg/ as an npm package: packed, installed into a fresh project, type-checked with tsc, bundled with esbuild into
// an app that shows a card and searches in Chromium; its types and its Custom Elements Manifest checked against the
// code (the module's exports, each element's observed attributes and events) and the manifest against its schema.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import { built, cardFile, page, shared } from './harness.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;
const APP = `${ROOT}target/app/`;
const BIN = `${ROOT}node_modules/.bin/`;
const manifest = JSON.parse(readFileSync(`${ROOT}pkg/custom-elements.json`, 'utf8'));
const dts = readFileSync(`${ROOT}pkg/factcard.d.ts`, 'utf8');
const t = shared();

describe('the npm package', () => {
  before(() => {
    rmSync(APP, { recursive: true, force: true });
    mkdirSync(`${APP}pack`, { recursive: true });
    const [packed] = JSON.parse(execFileSync('npm', ['pack', `${ROOT}pkg`, '--pack-destination', `${APP}pack`, '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    // Only the files it declares, and the types with them.
    const files = packed.files.map((f) => f.path);
    for (const f of ['factcard.js', 'factcard.d.ts', 'custom-elements.json', 'factcard-inline.css', built('factcard_search_bg.wasm'), built('factcard_search.js'), `data/${cardFile('pkg/data/', 'hongyan-truck-exports-2020')}`, 'data/set.json']) assert.ok(files.includes(f), f);
    writeFileSync(`${APP}package.json`, JSON.stringify({ name: 'app', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', `./pack/${packed.filename}`], { cwd: APP, stdio: 'ignore' });
  });

  test('tsc type-checks an example against its types (API, fact object, events, tag names, Preact JSX)', () => {
    cpSync(`${ROOT}tests/pages/fixtures/types/`, APP, { recursive: true });
    writeFileSync(`${APP}tsconfig.json`, JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'],
        jsx: 'react-jsx', jsxImportSource: 'preact', skipLibCheck: false, types: [],
        paths: { preact: [`${ROOT}node_modules/preact`], 'preact/*': [`${ROOT}node_modules/preact/*`] },
      },
      files: ['example.ts', 'preact.ts', 'elements.tsx'],
    }));
    try {
      execFileSync(`${BIN}tsc`, ['-p', APP], { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`tsc: ${e.stdout}${e.stderr}`);
    }
  });

  test('tsc type-checks the elements in React 19 JSX (factcard/jsx-react, with @types/react)', () => {
    // A program of its own (React's JSX namespace and Preact's cannot share one), over the same elements and package.
    cpSync(`${ROOT}tests/pages/fixtures/types/`, APP, { recursive: true });
    writeFileSync(`${APP}tsconfig.react.json`, JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'],
        jsx: 'react-jsx', jsxImportSource: 'react', skipLibCheck: false, types: [],
        paths: { react: [`${ROOT}node_modules/@types/react`], 'react/*': [`${ROOT}node_modules/@types/react/*`] },
      },
      files: ['react.ts', 'elements.tsx'],
    }));
    try {
      execFileSync(`${BIN}tsc`, ['-p', `${APP}tsconfig.react.json`], { encoding: 'utf8' });
    } catch (e) {
      assert.fail(`tsc: ${e.stdout}${e.stderr}`);
    }
  });

  test('esbuild bundles an app that imports factcard; the card shows and the box searches in Chromium', async () => {
    writeFileSync(`${APP}app.js`, "import { lookup } from 'factcard';\nconsole.log(typeof lookup);\ndocument.body.insertAdjacentHTML('beforeend', '<fact-card fact=\"hongyan-truck-exports-2020\">Hongyan…</fact-card><fact-search></fact-search>');\n");
    execFileSync(`${BIN}esbuild`, ['app.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], { cwd: APP });
    // What a bundled module finds beside it: the package's data and wasm, copied as its README says.
    const pkg = `${APP}node_modules/factcard/`;
    cpSync(`${pkg}data`, `${APP}dist/data`, { recursive: true });
    for (const f of readdirSync(pkg).filter((x) => x.endsWith('.wasm'))) cpSync(pkg + f, `${APP}dist/${f}`);
    writeFileSync(`${APP}dist/index.html`, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>app</title><link rel="icon" href="data:,"><script type="module" src="app.js"></script></head><body></body></html>');
    const p = await page(t.b);
    const asked = [];
    p.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await p.goto(`${t.srv.url}/target/app/dist/index.html`);
    await p.waitForFunction(() => document.querySelector('fact-card')?.shadowRoot?.querySelector('article'));
    assert.match(await p.$eval('fact-card', (el) => el.shadowRoot.querySelector('article').innerText), /1,500/);
    await p.focus('fact-search >> input');
    await p.keyboard.type('hydrogen');
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('fact-search').shadowRoot.querySelector('.results fact-card')?.shadowRoot?.querySelector('article'));
    assert.ok(asked.includes(`/target/app/dist/${built('factcard_search_bg.wasm')}`), asked.join(' '));
    assert.ok(!asked.some((a) => a.includes('node_modules')), 'the bundle reached into node_modules');
    assert.deepEqual(p.errors, []);
  });

  test('its types and manifest say what the code does', async () => {
    // The manifest is a valid Custom Elements Manifest.
    const ajv = new Ajv({ allErrors: true, strict: false });
    const valid = ajv.validate(JSON.parse(readFileSync(`${ROOT}node_modules/custom-elements-manifest/schema.json`, 'utf8')), manifest);
    assert.ok(valid, ajv.errorsText());
    const p = await page(t.b);
    await p.goto(`${t.srv.url}/tests/pages/fixtures/empty.html`);
    const live = await p.evaluate(async () => {
      const m = await import('/pkg/factcard.js');
      await customElements.whenDefined('fact-search');
      return {
        exports: Object.keys(m).sort(),
        attrs: Object.fromEntries(['fact-card', 'fact-ref', 'fact-search'].map((tag) => [tag, [...customElements.get(tag).observedAttributes].sort()])),
      };
    });
    // Every export of the module is declared, and nothing else.
    const declared = [...dts.matchAll(/^export (?:function|class|declare const) (\w+)/gm)].map((m) => m[1]);
    if (/^export default /m.test(dts)) declared.push('default');
    assert.deepEqual([...new Set(declared)].sort(), live.exports);
    const els = Object.fromEntries(manifest.modules[0].declarations.map((d) => [d.tagName, d]));
    const iface = (name) => {
      const body = dts.match(new RegExp(`interface ${name}(?: extends (\\w+))? \\{([^}]*)\\}`));
      // Names as TypeScript writes them: `fact:`, `limit?:`, `'heading-level'?:`.
      return [...body[2].matchAll(/^\s+'?([\w-]+)'?\??:/gm)].map((m) => m[1]).concat(body[1] ? iface(body[1]) : []);
    };
    for (const [tag, name] of [['fact-card', 'FactCardAttributes'], ['fact-ref', 'FactRefAttributes'], ['fact-search', 'FactSearchAttributes']]) {
      const inManifest = els[tag].attributes.map((a) => a.name);
      // The manifest's attributes are what the element observes, and `theme` (read by its styles alone).
      assert.deepEqual(inManifest.filter((a) => a !== 'theme').sort(), live.attrs[tag], tag);
      assert.deepEqual(iface(name).sort(), [...inManifest].sort(), `${name} in factcard.d.ts`);
    }
    // The events the elements fire are the events the types declare.
    const events = new Set(Object.values(els).flatMap((d) => d.events.map((e) => e.name)));
    const typed = [...dts.match(/interface FactcardEventMap \{([^}]*)\}/)[1].matchAll(/'(factcard:\w+)'/g)].map((m) => m[1]);
    assert.deepEqual(typed.sort(), [...events].sort());
    // The README's list of parts and custom properties is the manifest's.
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    for (const d of Object.values(els)) {
      for (const part of d.cssParts) assert.match(readme, new RegExp(`\`${part.name}\``), `part ${part.name} is not in the README`);
      for (const prop of d.cssProperties) assert.ok(readme.includes(prop.name), `${prop.name} is not in the README`);
    }
  });
});
