//! The embed methods in each Playwright engine (Chromium, Firefox), each through the snippet file the README quotes
//! (docs/embed/): the iframe (www/embed.html under a strict CSP, its height messages and the
//! parent's resize snippet; its button's font, its focus rings inside the frame and its background
//! following the chart's theme), the one-line script embed from a CDN-like origin, three charts
//! sharing one wasm instance, and the element's `fallback` image swapped without layout shift.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ROOT, addElement, expectReady, gotoWithColorScheme, openBlank, recordViolations, startHarness, waitForState, watchPage } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
const SNIPPETS = join(ROOT, 'docs/embed');
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.png': 'image/png' };

/** Waits until `check()` (run in the page) returns a truthy value; returns it. */
async function until(page, check, arg, timeout = 10_000) {
  const handle = await page.waitForFunction(check, arg, { timeout });
  return handle.jsonValue();
}

/** A font stack as a comparable list: no quotes, no spaces around commas. */
const fontList = (stack) => stack.split(',').map((name) => name.trim().replace(/^["']|["']$/g, '')).join(',');

/** What the embed page looks like: the body's background, the root's color-scheme, the chart's theme and background. */
function pageColors(page) {
  return page.evaluate(() => {
    const element = document.querySelector('hashrate-outage-chart');
    const [r, g, b] = element.chart.layout().colors.background;
    return {
      body: getComputedStyle(document.body).backgroundColor,
      scheme: getComputedStyle(document.documentElement).colorScheme,
      chart: `rgb(${r}, ${g}, ${b})`,
      theme: element.chart.theme,
    };
  });
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

    /**
     * The iframe's height once it equals the embedded page's height and the last height the
     * page posted (the snippet applied it, and nothing is still on its way).
     */
    const followed = () =>
      until(page, () => {
        const iframe = document.getElementById('frame');
        const inner = iframe.contentDocument.body.getBoundingClientRect().height;
        const outer = iframe.getBoundingClientRect().height;
        const posted = window.heightMessages.filter((m) => m && typeof m === 'object' && 'datawrapper-height' in m).at(-1)?.['datawrapper-height'].small;
        return Math.abs(Math.ceil(inner) - outer) <= 0.5 && posted === outer && outer > 200 ? outer : null;
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
    let narrow = await followed();
    assert.notEqual(narrow, wide, 'the height changed with the width');
    const canvasHeight = await frame.evaluate(() => document.querySelector('hashrate-outage-chart').chart.canvas.getBoundingClientRect().height);
    assert.ok(narrow >= canvasHeight, `the frame (${narrow}px) shows the whole canvas (${canvasHeight}px)`);

    // A later height may still arrive (the words or a web font re-laying the chart out): the
    // iframe follows it too. Settled when the last height posted is the one the iframe has.
    let messages = await page.evaluate(() => window.heightMessages);
    for (let i = 0; i < 20; i++) {
      const last = messages.filter((m) => m && typeof m === 'object' && 'datawrapper-height' in m).at(-1)?.['datawrapper-height'].small;
      if (last === narrow) break;
      narrow = await followed();
      messages = await page.evaluate(() => window.heightMessages);
    }
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
    const { page } = await openBlank(harness);
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

  /** Opens embed.html itself (as the frame would) under the CSP, violations recorded from the start. */
  async function openEmbed(query, { viewport = { width: 640, height: 700 }, colorScheme, beforeGoto } = {}) {
    const page = await harness.browser.newPage({ viewport });
    const watcher = watchPage(page);
    await page.addInitScript(recordViolations);
    // Opened at the top level (not framed) Chromium asks for /favicon.ico, which the server lacks.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204, body: '' }));
    await beforeGoto?.(page);
    const url = harness.url(`/www/embed.html?${query}`);
    if (colorScheme) {
      // Framed in Firefox, where that is how the scheme is switched live (harness.mjs).
      const { frame, response, setScheme } = await gotoWithColorScheme(page, url, colorScheme);
      assert.equal(response.headers()['content-security-policy'], CSP, 'embed.html is served with the policy');
      return { page: frame, top: page, watcher, setScheme };
    }
    const response = await page.goto(url);
    assert.equal(response.headers()['content-security-policy'], CSP, 'embed.html is served with the policy');
    return { page, top: page, watcher };
  }

  /** No CSP violation and nothing else wrong on the embed page. */
  async function assertClean(page, watcher) {
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  }

  test('iframe page: one bundled script, then the wasm glue and the chart module, each fetched once', async () => {
    const requests = [];
    const { page, watcher } = await openEmbed('src=/tests/browser/pages/small.json', {
      beforeGoto: (page) => page.on('request', (request) => requests.push(new URL(request.url()).pathname)),
    });
    await expectReady(page, 'hashrate-outage-chart');
    const www = requests.filter((path) => path.startsWith('/www/')).sort();
    // Not embed.js and its dozen modules, a round trip after another.
    assert.deepEqual(www, ['/www/embed.html', '/www/embed.min.js', '/www/pkg/hashrate_outage_chart.js', '/www/pkg/hashrate_outage_chart_bg.wasm']);
    await assertClean(page, watcher);
    await page.close();
  });

  test("iframe page: the button uses the chart's font, and focus rings stay inside the frame", async () => {
    const { page, watcher } = await openEmbed('src=/tests/browser/pages/small.json');
    await expectReady(page, 'hashrate-outage-chart');
    const fonts = await page.evaluate(() => {
      const element = document.querySelector('hashrate-outage-chart');
      return {
        button: getComputedStyle(element.shadowRoot.querySelector('.hoc-button')).fontFamily,
        chart: element.chart.layout().font,
        page: getComputedStyle(document.body).fontFamily,
      };
    });
    assert.doesNotMatch(fonts.button, /^("?Times|serif)/i, `the button is not in the default serif (${fonts.button})`);
    assert.notEqual(fonts.button, fonts.page, "the button does not take the page's default font");
    assert.equal(fontList(fonts.button), fontList(fonts.chart), "the button's font is the chart's");

    /** The focused element inside the chart, its box grown by its outline, and what the frame shows. */
    const ring = () =>
      page.evaluate(() => {
        const focused = document.querySelector('hashrate-outage-chart').shadowRoot.activeElement;
        const style = getComputedStyle(focused);
        const grow = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
        const box = focused.getBoundingClientRect();
        return {
          className: focused.className,
          focusVisible: focused.matches(':focus-visible'),
          outline: style.outlineStyle,
          left: box.left - grow,
          top: box.top - grow,
          right: box.right + grow,
          bottom: box.bottom + grow,
          // The frame is as wide as the viewport and, with the parent's snippet, as tall as the body.
          frameWidth: document.documentElement.clientWidth,
          frameHeight: Math.ceil(document.body.getBoundingClientRect().height),
          scrollWidth: document.documentElement.scrollWidth,
        };
      });
    const within = (seen) => {
      assert.equal(seen.focusVisible, true, `${seen.className} shows its focus ring`);
      assert.equal(seen.outline, 'solid');
      assert.ok(seen.left >= 0 && seen.top >= 0, `${seen.className}'s ring is inside the top-left edges: ${JSON.stringify(seen)}`);
      assert.ok(seen.right <= seen.frameWidth, `${seen.className}'s ring is inside the right edge: ${JSON.stringify(seen)}`);
      assert.ok(seen.bottom <= seen.frameHeight, `${seen.className}'s ring is inside the bottom edge: ${JSON.stringify(seen)}`);
      assert.ok(seen.scrollWidth <= seen.frameWidth, 'nothing overflows the frame sideways');
    };
    await page.keyboard.press('Tab');
    const canvas = await ring();
    assert.match(canvas.className, /hoc-canvas/);
    within(canvas);
    await page.keyboard.press('Tab');
    const button = await ring();
    assert.match(button.className, /hoc-button/);
    within(button);
    await assertClean(page, watcher);
    await page.close();
  });

  test("iframe page: the page's background is the chart's, dark and light", async () => {
    let release;
    const released = new Promise((resolve) => (release = resolve));
    const { page, watcher } = await openEmbed('src=/tests/browser/pages/small.json&theme=dark', {
      beforeGoto: (page) =>
        page.route('**/tests/browser/pages/small.json', async (route) => {
          await released;
          await route.continue();
        }),
    });
    // Dark from the first paint: while the spec loads the page already has the dark palette's background.
    const loading = await until(page, () => {
      const element = document.querySelector('hashrate-outage-chart');
      return element?.dataset.state === 'loading' && { body: getComputedStyle(document.body).backgroundColor, scheme: getComputedStyle(document.documentElement).colorScheme };
    });
    release();
    await expectReady(page, 'hashrate-outage-chart');
    const dark = await pageColors(page);
    assert.equal(dark.theme, 'dark');
    assert.notEqual(dark.chart, 'rgb(255, 255, 255)', 'the dark chart is not white');
    assert.equal(dark.body, dark.chart, "the page's background is the dark chart's");
    assert.equal(dark.scheme, 'dark');
    assert.deepEqual(loading, { body: dark.chart, scheme: 'dark' }, 'the same before the chart is drawn');
    await assertClean(page, watcher);
    await page.close();

    const light = await openEmbed('src=/tests/browser/pages/small.json&theme=light');
    await expectReady(light.page, 'hashrate-outage-chart');
    const colors = await pageColors(light.page);
    assert.equal(colors.theme, 'light');
    assert.equal(colors.body, colors.chart, "the page's background is the light chart's");
    assert.equal(colors.body, 'rgb(255, 255, 255)');
    assert.equal(colors.scheme, 'light');
    await assertClean(light.page, light.watcher);
    await light.page.close();
  });

  test("iframe page: with theme=auto the page follows the reader's colour scheme live", async () => {
    const { page, top, watcher, setScheme } = await openEmbed('src=/tests/browser/pages/small.json&theme=auto', { colorScheme: 'dark' });
    await expectReady(page, 'hashrate-outage-chart');
    const dark = await pageColors(page);
    assert.equal(dark.theme, 'dark');
    assert.equal(dark.body, dark.chart);
    assert.notEqual(dark.body, 'rgb(255, 255, 255)');
    assert.equal(dark.scheme, 'dark');

    await setScheme('light');
    await until(page, (dark) => getComputedStyle(document.body).backgroundColor !== dark, dark.body);
    const light = await pageColors(page);
    assert.equal(light.theme, 'light');
    assert.equal(light.body, light.chart);
    assert.equal(light.body, 'rgb(255, 255, 255)');
    assert.equal(light.scheme, 'light');

    await setScheme('dark');
    await until(page, (light) => getComputedStyle(document.body).backgroundColor !== light, light.body);
    assert.deepEqual(await pageColors(page), dark, 'and back to dark');
    await assertClean(page, watcher);
    await top.close();
  });

  test('script embed: the README snippet, with index.min.js and the spec on other origins', async () => {
    const snippet = await readFile(join(SNIPPETS, 'script-tag.html'), 'utf8');
    const cdn = snippet.match(/src="(https:\/\/[^"]+\/)index\.min\.js"/)[1];
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
    // The shell's script, the rest of its styles (chunks/) and the wasm with its glue: nothing
    // else of the package is fetched.
    const fromCdn = requests.filter((url) => url.startsWith(cdn)).map((url) => url.slice(cdn.length).replace(/-[\w]+\.js$/, '.js')).sort();
    assert.deepEqual(fromCdn, ['chunks/chart-css.js', 'index.min.js', 'pkg/hashrate_outage_chart.js', 'pkg/hashrate_outage_chart_bg.wasm']);
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

    let release;
    const released = new Promise((resolve) => (release = resolve));
    const { page, watcher } = await openBlank(harness, {
      viewport: { width: 800, height: 900 },
      beforeGoto: async (page) => {
        await page.route('**/fallback.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png }));
        await page.route('**/tests/browser/pages/small.json', async (route) => {
          await released;
          await route.continue();
        });
      },
    });
    await page.evaluate(() => {
      const element = document.createElement('hashrate-outage-chart');
      element.setAttribute('loading', 'eager'); // one of many on this page: no wait for the viewport
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
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const { page } = await openBlank(harness, {
      beforeGoto: (page) => page.route('**/fallback.png', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: png })),
    });
    await addElement(page, 'bad', { attributes: { fallback: '/fallback.png' }, spec: '{ "title": "Broken", "series": [] }', style: null });
    assert.equal(await waitForState(page, '#bad'), 'error');
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
