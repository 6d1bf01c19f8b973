//! The static-site recipes of examples/ (issue 26): a Hugo site with shortcodes, an Eleventy
//! site with a shortcode, an Astro page with a component. Each is built by its own tool's one
//! command in its folder (Hugo from Debian, Eleventy and Astro from the root's dev
//! dependencies), taking the widget's files from the built www/; then the built site is served
//! as a static host would serve it and opened: the chart is ready and inked, every request was
//! answered, nothing went to the console.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, expectReady, startHarness, startServer, watchPage } from './harness.mjs';

const run = promisify(execFile);
const BIN = join(ROOT, 'node_modules/.bin');
const ENV = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };

const SITES = [
  { name: 'hugo', command: ['hugo', ['--quiet']], out: 'public', clean: ['public', 'resources', '.hugo_build.lock'] },
  { name: 'eleventy', command: [join(BIN, 'eleventy'), ['--quiet']], out: '_site', clean: ['_site'] },
  { name: 'astro', command: [join(BIN, 'astro'), ['build', '--silent']], out: 'dist', clean: ['dist', '.astro'] },
];

/** Dark pixels on the chart canvas of the element `selector` in `frame` (a page or a frame). */
function inked(frame, selector) {
  return frame.evaluate((selector) => {
    const canvas = document.querySelector(selector).shadowRoot.querySelector('canvas');
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128 && data[i + 3] > 0) count++;
    return count;
  }, selector);
}

describe('static-site recipes (examples/)', () => {
  let harness;
  const built = {};

  before(async () => {
    harness = await startHarness();
    for (const site of SITES) {
      const dir = join(ROOT, 'examples', site.name);
      for (const name of site.clean) await rm(join(dir, name), { recursive: true, force: true });
      const [command, args] = site.command;
      try {
        await run(command, args, { cwd: dir, env: ENV });
        built[site.name] = join(dir, site.out);
      } catch (error) {
        built[site.name] = new Error(`${site.name} failed to build: ${error.message}\n${error.stdout}${error.stderr}`);
      }
    }
  });

  after(async () => {
    await harness?.close();
  });

  /** Serves the built site, opens its page at 900 px and checks what every recipe must. */
  async function open(name, check) {
    if (built[name] instanceof Error) throw built[name];
    const server = await startServer({ root: built[name] });
    const page = await harness.browser.newPage({ viewport: { width: 900, height: 900 } });
    const watcher = watchPage(page);
    try {
      await page.goto(`${server.origin}/`);
      await expectReady(page, 'hashrate-outage-chart');
      assert.ok((await inked(page, 'hashrate-outage-chart')) > 2000, 'the chart drew');
      const label = await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('canvas').getAttribute('aria-label'));
      assert.match(label, /^Chart: .*Internet shutdown/, 'the Kazakhstan chart, with its outages');
      await check(page, server);
      assert.deepEqual(server.failures, [], 'every request was answered');
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await page.close();
      await server.close();
    }
  }

  test('Hugo: the shortcode draws from the mounted files, the iframe shortcode too and follows its height', async () => {
    await open('hugo', async (page, server) => {
      assert.ok(server.requests.includes('/hashrate-outage-chart/index.min.js'), 'the script tag came from the mounted files');
      assert.equal(server.requests.filter((path) => path === '/hashrate-outage-chart/index.min.js').length, 1);
      // The iframe: below the element, lazy (loading="lazy"), so scrolled to.
      await page.evaluate(() => document.querySelector('iframe').scrollIntoView());
      const frame = page.frameLocator('iframe');
      await frame.locator('hashrate-outage-chart[data-state="ready"]').waitFor({ timeout: 15_000 });
      const child = page.frames().find((f) => f.url().includes('/embed.html'));
      assert.ok((await inked(child, 'hashrate-outage-chart')) > 2000, 'the framed chart drew');
      // iframe-resize.js (the README's snippet, mounted from docs/embed) set the frame's height
      // to the chart's, in place of the 420 px it was written with.
      await page.waitForFunction(() => document.querySelector('iframe').style.height !== '420px', null, { timeout: 5_000 });
      const [frameHeight, chartHeight, overflow] = await Promise.all([
        page.evaluate(() => document.querySelector('iframe').getBoundingClientRect().height),
        child.evaluate(() => document.querySelector('hashrate-outage-chart').getBoundingClientRect().height),
        child.evaluate(() => document.documentElement.scrollHeight - innerHeight),
      ]);
      assert.ok(frameHeight >= chartHeight && frameHeight - chartHeight < 10, `frame ${frameHeight} px, chart ${chartHeight} px`);
      assert.ok(overflow <= 0, `the frame's page overflows it by ${overflow} px`);
    });
  });

  test('Eleventy: the shortcode draws from the passthrough-copied files', async () => {
    await open('eleventy', async (page, server) => {
      assert.ok(server.requests.includes('/hashrate-outage-chart/pkg/hashrate_outage_chart_bg.wasm'), server.requests.join(', '));
      assert.ok(server.requests.includes('/charts/kazakhstan-2022.json'), 'the spec from the site');
    });
  });

  test('Astro: the component bundles the widget and writes the spec into the page', async () => {
    await open('astro', async (page, server) => {
      const wasm = server.requests.filter((path) => path.endsWith('.wasm'));
      assert.equal(wasm.length, 1, `one .wasm: ${server.requests.join(', ')}`);
      assert.match(wasm[0], /^\/_astro\/hashrate_outage_chart_bg\.[\w-]+\.wasm$/, 'the chart module, emitted by the build');
      assert.deepEqual(server.requests.filter((path) => path.endsWith('.json')), [], 'no spec fetched: it is in the page');
    });
  });
});
