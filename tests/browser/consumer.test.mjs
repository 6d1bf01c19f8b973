//! The npm package as a consumer gets it: `npm pack` www/, install the tarball into a fresh
//! app outside the repository (offline: the package has no dependencies), type-check an
//! import of it, `vite build` the app with the root's pinned Vite, and open the built page in
//! headless Chromium: the chart draws, the wasm comes from the built assets, nothing fails;
//! and Vite's dev server (with its dependency pre-bundling) serves it with no configuration, and
//! webpack 5 bundles it with none either.
//! The unbundled files are checked too, as a CDN serves them: embed.html from node_modules.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, eventually, expectReady, startHarness, startServer, watchPage } from './harness.mjs';

const run = promisify(execFile);
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const WEBPACK = join(ROOT, 'node_modules/webpack-cli/bin/cli.js');
/** Files the package must not carry: the demo article and its data. */
const DEMO_FILES = ['index.html', 'demo.js', 'demo.css', 'favicon.svg'];

const SPEC = {
  title: 'Consumer test',
  series: [
    {
      id: 'hashrate',
      label: 'Hash rate',
      unit: 'EH/s',
      points: [['2022-01-03', 176], ['2022-01-04', 177], ['2022-01-05', 181], ['2022-01-06', 170], ['2022-01-07', 169], ['2022-01-08', 178]],
    },
  ],
  outages: [{ start: '2022-01-05T11:00:00Z', end: '2022-01-07T00:00:00Z', label: 'Shutdown' }],
};

const APP = {
  'package.json': JSON.stringify({ name: 'consumer-app', private: true, type: 'module' }, null, 2),
  'index.html': `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Consumer</title></head>
<body><div id="chart" style="width: 640px"></div><div id="chart-de" style="width: 640px"></div><script type="module" src="./main.js"></script></body>
</html>
`,
  'main.js': `import { mount } from 'hashrate-outage-chart';

const spec = ${JSON.stringify(SPEC)};
const chart = await mount(document.getElementById('chart'), spec, { theme: 'light' });
window.chart = chart;
// A second chart in German: its words come from the package's locale/de.js, as an asset.
window.chartDe = await mount(document.getElementById('chart-de'), spec, { locale: 'de-DE' });
document.body.dataset.state = 'ready';
`,
  'check.ts': `import { mount, type ChartSpec, type Chart } from 'hashrate-outage-chart';
import type { HashrateOutageChartElement } from 'hashrate-outage-chart/element';

const spec = ${JSON.stringify(SPEC)} satisfies ChartSpec;
export const chart: Promise<Chart> = mount(document.body, spec, { height: 300 });
export const element: HashrateOutageChartElement | null = document.querySelector('hashrate-outage-chart');
`,
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [] },
    files: ['check.ts'],
  }),
  'spec.json': JSON.stringify(SPEC),
  // Not part of the Vite build: a page framing the installed package's embed.html.
  'frame.html': `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Frame</title></head>
<body><iframe src="/node_modules/hashrate-outage-chart/embed.html?src=/spec.json" style="width: 600px; border: 0"></iframe></body></html>
`,
};

/** Dark pixels on window.chart's canvas: the chart drew. */
function inkedPixels(page) {
  return page.evaluate(() => {
    const canvas = window.chart.canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) count++;
    return count;
  });
}

describe('npm package in a fresh Vite app', () => {
  let app;
  let harness;
  let packed;
  before(async () => {
    app = await mkdtemp(join(tmpdir(), 'hoc-consumer-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', app], { cwd: join(ROOT, 'www') });
    [packed] = JSON.parse(stdout);
    for (const [name, text] of Object.entries(APP)) await writeFile(join(app, name), text);
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${packed.filename}`], { cwd: app });
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
    if (app) await rm(app, { recursive: true, force: true });
  });

  test('the tarball holds the modules, types, web package and licence, and no demo', async () => {
    const files = packed.files.map((f) => f.path).sort();
    for (const name of ['LICENSE', 'README.md', 'package.json', 'index.js', 'index.min.js', 'index.d.ts', 'chart.js', 'chart.d.ts', 'element.js', 'element.d.ts', 'strings.js', 'locale/de.js', 'locale/zh.js', 'engine.js', 'spec.js', 'zones.js', 'convert.js', 'styles.js', 'chart-css.js', 'words.js', 'fonts.js', 'dom.js', 'options.js', 'readout.js', 'session.js', 'sizing.js', 'table.js', 'embed.html', 'embed.js', 'embed.min.js', 'maker.html', 'maker.js', 'maker-strings.js', 'maker.css', 'data/chain-history.csv', 'pkg/hashrate_outage_chart.js', 'pkg/hashrate_outage_chart_bg.wasm']) {
      assert.ok(files.includes(name), `${name} is in the tarball: ${files.join(', ')}`);
    }
    // index.min.js's split-off pieces, each one it imports.
    const bundle = await readFile(join(ROOT, 'www/index.min.js'), 'utf8');
    const chunks = [...bundle.matchAll(/"\.\/(chunks\/[\w.-]+\.js)"/g)].map((m) => m[1]);
    assert.ok(chunks.length >= 2, chunks.join(', '));
    for (const chunk of chunks) assert.ok(files.includes(chunk), `${chunk} is in the tarball`);
    for (const name of files) {
      // The chart maker ships with its built-in history; the demo's data does not.
      assert.ok(!DEMO_FILES.includes(name) && (!name.startsWith('data/') || name === 'data/chain-history.csv'), `${name} is a demo file`);
      assert.ok(!name.startsWith('pkg/') || /\.(js|d\.ts|wasm)$/.test(name), `${name} is not part of the web package`);
    }
    assert.equal(packed.name, 'hashrate-outage-chart');
  });

  test('its types resolve from node_modules (tsc, bundler resolution)', async () => {
    await run(process.execPath, [TSC, '-p', app], { cwd: app }).catch((error) => assert.fail(`${error.stdout}${error.stderr}`));
  });

  test('vite build, then the built page draws the chart with the bundled wasm', async () => {
    const build = await run(process.execPath, [VITE, 'build', app, '--logLevel', 'warn'], { cwd: app });
    assert.equal(build.stderr.trim(), '', 'vite build warns of nothing');
    const assets = await readdir(join(app, 'dist/assets'));
    // Both modules are emitted; the page that draws a chart fetches the chart one only.
    const wasm = assets.filter((name) => name.endsWith('.wasm') && !name.includes('_tools'));
    assert.equal(wasm.length, 1, `one chart .wasm among the assets: ${assets.join(', ')}`);
    assert.equal(assets.filter((name) => name.endsWith('.wasm') && name.includes('_tools')).length, 1, `the tools .wasm for convert(): ${assets.join(', ')}`);

    const server = await startServer({ root: join(app, 'dist') });
    try {
      const page = await harness.browser.newPage();
      const watcher = watchPage(page);
      const responses = [];
      page.on('response', (response) => responses.push({ path: new URL(response.url()).pathname, type: response.headers()['content-type'], status: response.status() }));
      await page.goto(`${server.origin}/`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 10_000 });
      const inked = { count: await inkedPixels(page), width: await page.evaluate(() => window.chart.canvas.getBoundingClientRect().width) };
      assert.equal(inked.width, 640);
      assert.ok(inked.count > 500, `the chart drew (${inked.count} dark pixels)`);
      assert.deepEqual(
        responses.filter((r) => r.path.endsWith('.wasm')),
        [{ path: `/assets/${wasm[0]}`, type: 'application/wasm', status: 200 }],
      );
      // The German chart speaks German: its words came from the one language module fetched.
      const label = await page.evaluate(() => window.chartDe.canvas.getAttribute('aria-label'));
      assert.match(label, /^Diagramm: /);
      const languageModules = responses.filter((r) => /\/assets\/(de|es|fr|ru|zh)[-.]/.test(r.path));
      assert.equal(languageModules.length, 1, JSON.stringify(responses));
      assert.match(languageModules[0].path, /\/assets\/de[-.]/);
      assert.equal(languageModules[0].status, 200);
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });

  test("vite's dev server serves the package as installed: the chart draws, no configuration", async () => {
    // A free port, then Vite's dev server on it (its dependency pre-bundling included).
    const port = await new Promise((done) => {
      const probe = createNetServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address();
        probe.close(() => done(port));
      });
    });
    const dev = spawn(process.execPath, [VITE, app, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: app,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let output = '';
    // Its banner, without colour codes (CI=true makes Vite colour it all the same).
    const add = (chunk) => (output += String(chunk).replace(/\x1b\[[0-9;]*m/g, ''));
    dev.stdout.on('data', add);
    dev.stderr.on('data', add);
    try {
      await eventually(() => /Local:/.test(output), { what: () => `the dev server started: ${output}` });
      const page = await harness.browser.newPage();
      const watcher = watchPage(page);
      const wasm = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.endsWith('.wasm')) wasm.push({ status: response.status(), type: response.headers()['content-type'] });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 20_000 });
      const inked = await inkedPixels(page);
      assert.ok(inked > 500, `the chart drew (${inked} dark pixels)`);
      assert.deepEqual(wasm, [{ status: 200, type: 'application/wasm' }], 'the chart module, once');
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
      await page.close();
    } finally {
      dev.kill();
    }
  });

  test('webpack 5 with no configuration: the built page draws both charts, the wasm an emitted asset', async () => {
    // webpack's own command line, as a newcomer runs it: no webpack.config.js.
    const build = await run(process.execPath, [WEBPACK, '--mode', 'production', '--entry', './main.js', '--output-path', './dist-webpack', '--stats', 'errors-warnings'], {
      cwd: app,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    // Its only warnings are its performance hints about the .wasm's size (README says how to
    // quiet them): nothing about the package's modules.
    const warnings = [...build.stdout.matchAll(/^WARNING in (.*)$/gm)].map((m) => m[1]);
    assert.ok(warnings.every((w) => /^(asset size limit|webpack performance recommendations)/.test(w)), build.stdout);
    assert.doesNotMatch(build.stdout, /^ERROR/m, build.stdout);
    // The chart module and the tools module (convert() and toSVG() fetch it), each emitted
    // once; the page below fetches the chart one only.
    const assets = await readdir(join(app, 'dist-webpack'));
    assert.equal(assets.filter((name) => name.endsWith('.wasm')).length, 2, `the two .wasm modules: ${assets.join(', ')}`);
    await writeFile(join(app, 'dist-webpack/index.html'), APP['index.html'].replace('<script type="module" src="./main.js">', '<script src="./main.js">'));

    const server = await startServer({ root: join(app, 'dist-webpack') });
    try {
      const page = await harness.browser.newPage();
      const watcher = watchPage(page);
      await page.goto(`${server.origin}/`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 10_000 });
      const inked = await inkedPixels(page);
      assert.ok(inked > 500, `the chart drew (${inked} dark pixels)`);
      assert.match(await page.evaluate(() => window.chartDe.canvas.getAttribute('aria-label')), /^Diagramm: /);
      assert.equal(server.requests.filter((path) => path.endsWith('.wasm')).length, 1, server.requests.join(', '));
      assert.deepEqual(server.failures, []);
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });

  test('unbundled, as a CDN serves it: the installed embed.html draws a chart', async () => {
    const server = await startServer({ root: app });
    try {
      const page = await harness.browser.newPage();
      const watcher = watchPage(page);
      await page.goto(`${server.origin}/frame.html`);
      await page.waitForFunction(() => document.querySelector('iframe').contentDocument?.querySelector('hashrate-outage-chart'));
      await expectReady(page.frame({ url: /embed\.html/ }), 'hashrate-outage-chart');
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe('npm pack without the built files', () => {
  test('refuses with a message that says how to build them, so no broken tarball is packed', async () => {
    // A copy of www/ as a clean clone has it: the sources, no index.min.js, embed.min.js or pkg/.
    const dir = await mkdtemp(join(tmpdir(), 'hoc-pack-'));
    try {
      const { readFile, cp } = await import('node:fs/promises');
      await cp(join(ROOT, 'www'), dir, {
        recursive: true,
        filter: (path) => !/(\/pkg(-test-panic)?(\/|$)|\.min\.js$|\/data(\/|$))/.test(path.slice(join(ROOT, 'www').length)),
      });
      assert.ok(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')).scripts.prepack, 'a prepack script');
      const failed = await run('npm', ['pack', '--dry-run', '--json'], { cwd: dir }).then(
        () => null,
        (error) => error,
      );
      assert.ok(failed, 'npm pack failed');
      assert.match(failed.stderr, /the built files are missing \(index\.min\.js, embed\.min\.js, pkg\/hashrate_outage_chart\.js/);
      assert.match(failed.stderr, /run `make package`/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
