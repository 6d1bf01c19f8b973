//! <hashrate-outage-chart> in each Playwright engine (Chromium, Firefox): error states (bad spec, missing URL), the
//! src/theme/height attributes, resizing, the dark theme and clean-up on removal.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MARKUP, SMALL_SPEC_URL, fiveDaySpec } from './fixtures.mjs';
import { addElement, colorDistance, expectReady, luminance, nextFrames, openBlank, pixelsAt, startHarness, waitForState, watchPage } from './harness.mjs';

/** A valid spec as JSON text, with `change` applied to a fresh copy. */
function specText(change = () => {}) {
  const spec = fiveDaySpec({ title: 'Element test', subtitle: 'Daily estimate, EH/s', outageLabel: 'Shutdown' });
  change(spec);
  return JSON.stringify(spec);
}

/** What the element shows: state, error box text/role/visibility, canvas presence, events. */
async function inspect(page, id) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const root = element.shadowRoot;
    const box = root.querySelector('[role="alert"]');
    return {
      state: element.dataset.state,
      shadowMode: root.mode,
      errorText: box.textContent,
      errorVisible: !box.hidden && box.getBoundingClientRect().height > 0,
      hasCanvas: root.querySelector('canvas') !== null,
      hasChart: element.chart !== null,
      events: window.chartEvents[id],
    };
  }, id);
}

describe('<hashrate-outage-chart>', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness, { viewport: { width: 900, height: 800 } }));
  });

  after(async () => {
    await harness?.close();
  });

  test('a misspelt key shows the error naming the JSON path, with role=alert and an error event', async () => {
    await addElement(page, 'typo', { spec: specText((s) => ((s.serie = s.series), delete s.series)) });
    assert.equal(await waitForState(page, '#typo'), 'error');
    const seen = await inspect(page, 'typo');
    assert.equal(seen.shadowMode, 'open');
    assert.match(seen.errorText, /serie/);
    assert.match(seen.errorText, /unknown key/i);
    assert.ok(seen.errorVisible, 'the error box is visible');
    assert.equal(seen.hasCanvas, false, 'no canvas in place of the error');
    assert.equal(seen.hasChart, false);
    assert.equal(seen.events.length, 1);
    assert.ok(seen.events[0].isCustom);
    assert.equal(seen.events[0].bubbles, false);
    assert.ok(seen.errorText.includes(seen.events[0].message), 'the box shows the event message');
    assert.match(seen.events[0].message, /^serie: /, 'the message starts with the JSON path');
  });

  test('a time in Unix seconds is rejected with the path of the offending point', async () => {
    await addElement(page, 'seconds', { spec: specText((s) => (s.series[0].points[1][0] = 1641340800)) });
    assert.equal(await waitForState(page, '#seconds'), 'error');
    const seen = await inspect(page, 'seconds');
    assert.match(seen.errorText, /series\[0\]\.points\[1\]\[0\]/);
    assert.match(seen.errorText, /seconds/i);
    assert.equal(seen.events.length, 1);
    assert.match(seen.events[0].message, /^series\[0\]\.points\[1\]\[0\]: /);
  });

  test('markup in a message is shown as text, never parsed', async () => {
    await addElement(page, 'markup', { spec: specText((s) => (s[MARKUP] = 1)) });
    assert.equal(await waitForState(page, '#markup'), 'error');
    const images = await page.evaluate(() => document.getElementById('markup').shadowRoot.querySelectorAll('img').length);
    assert.equal(images, 0);
    assert.match((await inspect(page, 'markup')).errorText, /<img src=x/);
  });

  test('a src that 404s gives an error naming the URL and the status', async () => {
    await addElement(page, 'missing', { attributes: { src: 'no-such-spec.json' } });
    assert.equal(await waitForState(page, '#missing'), 'error');
    const seen = await inspect(page, 'missing');
    const url = harness.url('/tests/browser/pages/no-such-spec.json');
    assert.ok(seen.errorText.includes(url), `${seen.errorText} names ${url}`);
    assert.match(seen.errorText, /404/);
    assert.equal(seen.events.length, 1);
  });

  test('a valid src loads and labels the canvas; a new src replaces the chart', async () => {
    await addElement(page, 'fromsrc', { attributes: { src: SMALL_SPEC_URL } });
    await expectReady(page, '#fromsrc');
    const label = () =>
      page.evaluate(() => document.getElementById('fromsrc').shadowRoot.querySelector('canvas').getAttribute('aria-label'));
    assert.match(await label(), /Test chart/);
    await page.evaluate(() => document.getElementById('fromsrc').setAttribute('src', 'no-such-spec.json'));
    assert.equal(await waitForState(page, '#fromsrc', ['error']), 'error');
    await page.evaluate((url) => document.getElementById('fromsrc').setAttribute('src', url), SMALL_SPEC_URL);
    await expectReady(page, '#fromsrc');
    const seen = await inspect(page, 'fromsrc');
    assert.equal(seen.errorVisible, false, 'the error box is hidden again');
    assert.ok(seen.hasCanvas);
  });

  test('the height attribute sets the CSS height and reacts to changes', async () => {
    await addElement(page, 'tall', { spec: specText(), attributes: { height: '300' } });
    await expectReady(page, '#tall');
    const size = () =>
      page.evaluate(() => {
        const canvas = document.getElementById('tall').chart.canvas;
        return { cssHeight: canvas.getBoundingClientRect().height, height: canvas.height };
      });
    assert.deepEqual(await size(), { cssHeight: 300, height: 300 });
    await page.evaluate(() => document.getElementById('tall').setAttribute('height', '340'));
    assert.deepEqual(await size(), { cssHeight: 340, height: 340 });
  });

  test('a height given to the element by the page is filled by the chart and its table button', async () => {
    await addElement(page, 'boxed', { spec: specText(), style: 'width: 500px; height: 420px' });
    await expectReady(page, '#boxed');
    const sizes = await page.evaluate(() => {
      const element = document.getElementById('boxed');
      const canvas = element.chart.canvas.getBoundingClientRect();
      const button = element.shadowRoot.querySelector('button').parentElement.getBoundingClientRect();
      return { canvas: canvas.height, filled: button.bottom - canvas.top };
    });
    assert.ok(sizes.filled > 419 && sizes.filled <= 420, JSON.stringify(sizes));
    assert.ok(sizes.canvas >= 360 && sizes.canvas < 420, JSON.stringify(sizes));
  });

  test('resizing the element redraws at the new width after a frame', async () => {
    await addElement(page, 'resized', { spec: specText() });
    await expectReady(page, '#resized');
    const width = () => page.evaluate(() => document.getElementById('resized').chart.canvas.width);
    assert.equal(await width(), 600);
    await page.evaluate(() => (document.getElementById('resized').style.width = '400px'));
    await page.waitForFunction(() => document.getElementById('resized').chart.canvas.width === 400, null, { timeout: 2000 });
    const [corner] = await pixelsAt(page, '#resized', [[1, 1]]);
    assert.ok(luminance(corner) > 0.8, `redrawn, not left blank or cleared: ${corner}`);
  });

  test('removing the element destroys the chart', async () => {
    await addElement(page, 'removed', { spec: specText() });
    await expectReady(page, '#removed');
    const after = await page.evaluate(() => {
      const element = document.getElementById('removed');
      element.remove();
      return { chart: element.chart, canvases: element.shadowRoot.querySelectorAll('canvas').length };
    });
    assert.deepEqual(after, { chart: null, canvases: 0 });
  });

  test('theme="dark" in the markup draws a dark background', async () => {
    const dark = await harness.browser.newPage({ viewport: { width: 800, height: 600 } });
    try {
      const darkWatcher = watchPage(dark);
      await dark.goto(harness.url('/tests/browser/pages/dark.html'));
      await expectReady(dark, '#chart');
      const layout = await dark.evaluate(() => document.getElementById('chart').chart.layout());
      assert.equal(layout.theme, 'dark');
      const [corner, plotCorner] = await pixelsAt(dark, '#chart', [
        [2, 2],
        [layout.plot.x + 2, layout.plot.y + 2],
      ]);
      assert.ok(luminance(corner) < 0.2, `background ${corner}`);
      assert.ok(colorDistance(corner, layout.colors.background) <= 3, `${corner} vs ${layout.colors.background}`);
      assert.ok(luminance(plotCorner) < 0.2, `plot background ${plotCorner}`);
      assert.deepEqual(darkWatcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await dark.close();
    }
  });

  test('no uncaught exceptions or console errors beyond the expected 404s', async () => {
    await nextFrames(page);
    const unexpected = watcher.unexpected(['no-such-spec.json', /Failed to load resource.*404/]);
    assert.deepEqual(unexpected, { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});

