//! The embed methods in headless Chromium, each through the snippet file the README quotes
//! (docs/embed/): the iframe (www/embed.html under a strict CSP, its height messages and the
//! parent's resize snippet), the one-line script embed from a CDN-like origin, three charts
//! sharing one wasm instance, and the element's `fallback` image swapped without layout shift.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ROOT, expectReady, startHarness, watchPage } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const SNIPPETS = join(ROOT, 'docs/embed');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png' };

/** Waits until `check()` (run in the page) returns a truthy value; returns it. */
async function until(page, check, arg, timeout = 10_000) {
  const handle = await page.waitForFunction(check, arg, { timeout });
  return handle.jsonValue();
}

describe('embedding', () => {
  let harness;
  before(async () => {
    harness = await startHarness({ headers: (path) => (path === '/www/embed.html' ? { 'Content-Security-Policy': CSP } : {}) });
  });
  after(() => harness?.close());

  test('iframe: embed.html posts its height and the README snippet makes the iframe follow it', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 900, height: 900 } });
    const watcher = watchPage(page);
    await page.addInitScript(() => {
      window.heightMessages = [];
      window.addEventListener('message', (event) => window.heightMessages.push(event.data));
    });
    await page.goto(harness.url('/tests/browser/pages/embed-parent.html'));
    const frame = page.frame({ url: /\/www\/embed\.html/ });
    assert.ok(frame, 'the embed frame is there');
    await expectReady(frame, 'hashrate-outage-chart');

    /** The iframe's height once it equals the embedded page's height (the snippet applied it). */
    const followed = () =>
      until(page, () => {
        const iframe = document.getElementById('frame');
        const inner = iframe.contentDocument.body.getBoundingClientRect().height;
        const outer = iframe.getBoundingClientRect().height;
        return Math.abs(Math.ceil(inner) - outer) <= 0.5 && outer > 200 ? outer : null;
      });
    const wide = await followed();
    const chartBox = await frame.evaluate(() => {
      const box = document.querySelector('hashrate-outage-chart').getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, bodyWidth: document.body.clientWidth };
    });
    assert.deepEqual([chartBox.x, chartBox.y], [0, 0], 'no margins around the chart');
    assert.equal(chartBox.width, 640, 'the chart fills the frame width');

    await page.evaluate(() => (document.getElementById('column').style.width = '360px'));
    await until(page, (wide) => document.getElementById('frame').getBoundingClientRect().height !== wide, wide);
    const narrow = await followed();
    assert.notEqual(narrow, wide, 'the height changed with the width');
    const canvasHeight = await frame.evaluate(() => document.querySelector('hashrate-outage-chart').chart.canvas.getBoundingClientRect().height);
    assert.ok(narrow >= canvasHeight, `the frame (${narrow}px) shows the whole canvas (${canvasHeight}px)`);

    const messages = await page.evaluate(() => window.heightMessages);
    const heights = messages.filter((m) => m && typeof m === 'object' && 'datawrapper-height' in m);
    assert.ok(heights.length >= 2, `height messages: ${JSON.stringify(messages)}`);
    for (const message of heights) {
      assert.deepEqual(Object.keys(message['datawrapper-height']), ['small']);
      assert.ok(Number.isInteger(message['datawrapper-height'].small));
    }
    assert.equal(heights.at(-1)['datawrapper-height'].small, narrow);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('iframe: without src, embed.html shows the error and still reports its height', async () => {
    const page = await harness.browser.newPage();
    await page.goto(harness.url('/tests/browser/pages/blank.html'));
    const height = await page.evaluate(
      () =>
        new Promise((resolve) => {
          window.addEventListener('message', (event) => resolve(event.data?.['datawrapper-height']?.fixed));
          const iframe = document.createElement('iframe');
          iframe.src = '/www/embed.html?id=fixed';
          iframe.style.width = '500px';
          document.body.append(iframe);
        }),
    );
    assert.ok(height > 20, `reported ${height}`);
    const frame = page.frame({ url: /\/www\/embed\.html/ });
    assert.equal(await frame.evaluate(() => document.querySelector('hashrate-outage-chart').dataset.state), 'error');
    await page.close();
  });

  test('script embed: the README snippet, with element.js and the spec on other origins', async () => {
    const snippet = await readFile(join(SNIPPETS, 'script-tag.html'), 'utf8');
    const cdn = snippet.match(/src="(https:\/\/[^"]+\/)element\.js"/)[1];
    const specUrl = snippet.match(/<hashrate-outage-chart src="([^"]+)"/)[1];
    const context = await harness.browser.newContext();
    const requests = [];
    context.on('request', (request) => requests.push(request.url()));
    const cors = { 'access-control-allow-origin': '*' };
    await context.route(`${cdn}**`, async (route) => {
      const path = new URL(route.request().url()).pathname.slice(new URL(cdn).pathname.length);
      const body = await readFile(join(ROOT, 'www', path)).catch(() => null);
      if (!body) return route.fulfill({ status: 404, headers: cors, body: 'not found' });
      return route.fulfill({ status: 200, headers: { ...cors, 'content-type': TYPES[extname(path)] }, body });
    });
    await context.route(specUrl, async (route) =>
      route.fulfill({ status: 200, headers: { ...cors, 'content-type': 'application/json' }, body: await readFile(join(ROOT, 'tests/browser/pages/small.json')) }),
    );
    await context.route('https://article.newsroom.example/story.html', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Story</title></head><body><p>Story</p>\n${snippet}</body></html>`,
      }),
    );
    const page = await context.newPage();
    const watcher = watchPage(page);
    await page.goto('https://article.newsroom.example/story.html');
    await expectReady(page, 'hashrate-outage-chart');
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector('hashrate-outage-chart').chart.canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 128) inked++;
      return inked;
    });
    assert.ok(drawn > 500, `the chart drew dark pixels (${drawn})`);
    assert.ok(requests.some((url) => url === `${cdn}pkg/hashrate_outage_chart_bg.wasm`), 'the wasm came from the CDN origin');
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await context.close();
  });

  test('three charts on one page share one wasm instance', async () => {
    const page = await harness.browser.newPage();
    const watcher = watchPage(page);
    const requests = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(harness.url('/tests/browser/pages/three-charts.html'));
    for (const id of ['one', 'two', 'three']) await expectReady(page, `#${id}`);
    assert.deepEqual(requests.filter((path) => path.endsWith('.wasm')), ['/www/pkg/hashrate_outage_chart_bg.wasm']);
    assert.deepEqual(requests.filter((path) => path.startsWith('/www/pkg/')).length, 2, 'the glue and the wasm, once each');
    const sizes = await page.evaluate(() => [...document.querySelectorAll('hashrate-outage-chart')].map((e) => e.chart.canvas.width));
    assert.ok(sizes.every((width) => width >= 500), `each chart drew (${sizes})`);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('fallback: the image shows first, then the chart takes its place without layout shift', async () => {
    // A fallback with the chart's aspect: a screenshot of the same chart's canvas at 600 px.
    const shot = await harness.browser.newPage({ viewport: { width: 800, height: 900 } });
    await shot.goto(harness.url('/tests/browser/pages/three-charts.html'));
    await expectReady(shot, '#one');
    await shot.evaluate(() => (document.getElementById('one').style.width = '600px'));
    await shot.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const png = await shot.locator('#one').evaluateHandle((e) => e.chart.canvas).then((canvas) => canvas.asElement().screenshot());
    await shot.close();

    const page = await harness.browser.newPage({ viewport: { width: 800, height: 900 } });
    const watcher = watchPage(page);
    await page.route('**/fallback.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png }));
    let release;
    const released = new Promise((resolve) => (release = resolve));
    await page.route('**/tests/browser/pages/small.json', async (route) => {
      await released;
      await route.continue();
    });
    await page.goto(harness.url('/tests/browser/pages/blank.html'));
    await page.evaluate(() => {
      const element = document.createElement('hashrate-outage-chart');
      element.id = 'late';
      element.style.width = '600px';
      element.setAttribute('src', '/tests/browser/pages/small.json');
      element.setAttribute('fallback', '/fallback.png');
      element.setAttribute('alt', 'Hash rate in January 2022: no clear drop during the shutdown');
      const after = document.createElement('p');
      after.id = 'after';
      after.textContent = 'Text after the chart';
      document.body.append(element, after);
    });
    const before = await until(page, () => {
      const element = document.getElementById('late');
      const image = element.shadowRoot.querySelector('img');
      if (!image?.complete || !image.naturalWidth || element.dataset.state !== 'loading') return null;
      const visible = image.getBoundingClientRect().height > 0 && !image.closest('[hidden]');
      return {
        visible,
        alt: image.alt,
        loadingShown: !element.shadowRoot.querySelector('.loading').hidden,
        host: element.getBoundingClientRect().height,
        after: document.getElementById('after').getBoundingClientRect().top,
      };
    });
    assert.equal(before.visible, true, 'the fallback image is shown while the chart loads');
    assert.equal(before.loadingShown, false, 'no "Loading chart…" line beside the fallback');
    assert.equal(before.alt, 'Hash rate in January 2022: no clear drop during the shutdown');
    release();
    await expectReady(page, '#late');
    const afterReady = await page.evaluate(() => {
      const element = document.getElementById('late');
      return {
        fallbackHidden: element.shadowRoot.querySelector('.fallback').hidden,
        canvasVisible: element.chart.canvas.getBoundingClientRect().height > 0,
        host: element.getBoundingClientRect().height,
        after: document.getElementById('after').getBoundingClientRect().top,
      };
    });
    assert.equal(afterReady.fallbackHidden, true);
    assert.equal(afterReady.canvasVisible, true);
    assert.ok(Math.abs(afterReady.host - before.host) <= 1, `host height ${before.host} → ${afterReady.host}`);
    assert.ok(Math.abs(afterReady.after - before.after) <= 1, `text below moved ${before.after} → ${afterReady.after}`);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('fallback: default alt text names the chart, and it stays when the chart fails', async () => {
    const page = await harness.browser.newPage();
    await page.route('**/fallback.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64') }));
    await page.goto(harness.url('/tests/browser/pages/blank.html'));
    await page.evaluate(() => {
      const element = document.createElement('hashrate-outage-chart');
      element.id = 'bad';
      element.setAttribute('fallback', '/fallback.png');
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = '{ "title": "Broken", "series": [] }';
      element.append(script);
      document.body.append(element);
    });
    const state = await until(page, () => document.getElementById('bad').dataset.state === 'error');
    assert.ok(state);
    const seen = await page.evaluate(() => {
      const root = document.getElementById('bad').shadowRoot;
      return { fallbackHidden: root.querySelector('.fallback').hidden, alt: root.querySelector('img').alt, alert: !root.querySelector('[role="alert"]').hidden };
    });
    assert.deepEqual(seen, { fallbackHidden: false, alt: 'Chart: Broken', alert: true });
    await page.close();
  });
});

describe('README snippets', () => {
  test('the README quotes each snippet file in docs/embed/ verbatim', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes('## Embedding'), 'README.md has an "Embedding" section');
    for (const name of ['script-tag.html', 'iframe-resize.js']) {
      const snippet = (await readFile(join(SNIPPETS, name), 'utf8')).trim();
      assert.ok(readme.includes(snippet), `README.md does not quote docs/embed/${name} as it is`);
      if (name.endsWith('.js')) assert.ok(snippet.split('\n').length <= 10, 'the resize snippet is at most 10 lines');
    }
  });
});
