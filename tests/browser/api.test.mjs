//! mount() and Chart in each Playwright engine (Chromium, Firefox): what mount returns and rejects with, toSVG(),
//! update(), destroy(), options, and the backing store at devicePixelRatio 2.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fiveDaySpec } from './fixtures.mjs';
import { canvasDigest, mountChart, openBlank, startHarness } from './harness.mjs';

const SPEC = fiveDaySpec({ title: 'API test chart', subtitle: 'Daily estimate, EH/s' });

/** Runs mount() with the arguments and returns the rejection message (or 'resolved'). */
function mountError(page, specOrUrl, options) {
  return page.evaluate(
    async ({ specOrUrl, options }) => {
      const host = document.createElement('div');
      host.style.width = '400px';
      document.body.append(host);
      try {
        await window.hoc.mount(host, specOrUrl, options);
        return 'resolved';
      } catch (error) {
        return `${error instanceof Error ? error.name : typeof error}: ${error.message}|canvases=${host.querySelectorAll('canvas').length}`;
      } finally {
        host.remove();
      }
    },
    { specOrUrl, options },
  );
}

describe('mount() and Chart', () => {
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

  test('mount returns a Chart with its canvas in the element, labelled as an image', async () => {
    const made = await mountChart(page, 'basic', SPEC);
    assert.deepEqual(
      { ...made, label: undefined },
      { isChart: true, elementIsHost: true, canvasInHost: true, role: 'img', label: undefined },
    );
    assert.match(made.label, /API test chart/);
    assert.match(made.label, /Test shutdown/);
    const { ink } = await canvasDigest(page, 'basic');
    assert.ok(ink > 500, `something is drawn (${ink} dark pixels)`);
  });

  test('mount accepts JSON text and a URL relative to the page', async () => {
    const fromText = await mountChart(page, 'text', `  ${JSON.stringify(SPEC)}`);
    assert.match(fromText.label, /API test chart/);
    const fromUrl = await mountChart(page, 'url', 'small.json');
    assert.match(fromUrl.label, /Test chart: hash rate/);
  });

  test('toSVG() returns an SVG document with the title at the CSS size', async () => {
    const svg = await page.evaluate(() => window.charts.basic.toSVG());
    assert.match(svg, /<svg[\s>]/);
    assert.ok(svg.includes('API test chart'), 'the title is in the SVG');
    const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)/.exec(svg)?.[1]);
    assert.equal(width, 600);
  });

  test('layout() reports the plot and the outage band inside the canvas', async () => {
    const layout = await page.evaluate(() => window.charts.basic.layout());
    assert.ok(layout.plot.width > 300 && layout.plot.x >= 0 && layout.plot.x + layout.plot.width <= 600);
    assert.equal(layout.outages.length, 1);
    assert.ok(layout.outages[0].x0 < layout.outages[0].x1);
    assert.equal(layout.colors.background.length, 3);
  });

  test('update() with a new spec redraws and changes the aria-label', async () => {
    const before = await canvasDigest(page, 'basic');
    const after = await page.evaluate((spec) => {
      const next = { ...spec, title: 'Updated title', outages: [] };
      window.charts.basic.update(next);
      return window.charts.basic.canvas.getAttribute('aria-label');
    }, SPEC);
    assert.match(after, /Updated title/);
    assert.doesNotMatch(after, /Test shutdown/);
    assert.notEqual((await canvasDigest(page, 'basic')).hash, before.hash, 'the drawing changed');
  });

  test('update() with a bad spec throws the path and keeps the old drawing and label', async () => {
    const before = await canvasDigest(page, 'basic');
    const result = await page.evaluate((spec) => {
      const chart = window.charts.basic;
      const label = chart.canvas.getAttribute('aria-label');
      const bad = JSON.parse(JSON.stringify(spec));
      bad.series[0].points[2][0] = 1641427200; // Unix seconds
      let message = null;
      try {
        chart.update(bad);
      } catch (error) {
        message = `${error instanceof Error}:${error.message}`;
      }
      let textMessage = null;
      try {
        chart.update('{"title": 3');
      } catch (error) {
        textMessage = error.message;
      }
      return { message, textMessage, labelKept: chart.canvas.getAttribute('aria-label') === label, stillThere: chart.canvas.isConnected };
    }, SPEC);
    assert.match(result.message, /^true:series\[0\]\.points\[2\]\[0\]: /);
    assert.match(result.textMessage, /JSON/i);
    assert.ok(result.labelKept);
    assert.ok(result.stillThere);
    assert.equal((await canvasDigest(page, 'basic')).hash, before.hash, 'the drawing is unchanged');
    // The chart still works after a refused update.
    const svg = await page.evaluate(() => window.charts.basic.toSVG());
    assert.ok(svg.includes('Updated title'));
  });

  test('options: height in CSS px, theme checked', async () => {
    await mountChart(page, 'sized', SPEC, { options: { height: 333 } });
    const size = await page.evaluate(() => {
      const canvas = window.charts.sized.canvas;
      return { cssHeight: canvas.getBoundingClientRect().height, height: canvas.height, width: canvas.width };
    });
    assert.deepEqual(size, { cssHeight: 333, height: 333, width: 600 });
    assert.match(await mountError(page, SPEC, { theme: 'blue' }), /^Error: theme: .*"blue".*canvases=0$/);
    assert.match(await mountError(page, SPEC, { height: -5 }), /^Error: height: /);
  });

  test('other content in the element does not count as a height the host gave it', async () => {
    const cssHeight = await page.evaluate(async (spec) => {
      const host = document.createElement('div');
      host.style.width = '600px';
      host.innerHTML = '<p style="margin:0;height:40px">A heading the host put there</p>';
      document.body.append(host);
      const chart = await window.hoc.mount(host, spec);
      const height = chart.canvas.getBoundingClientRect().height;
      chart.destroy();
      host.remove();
      return height;
    }, SPEC);
    assert.ok(cssHeight >= 360, `auto height at 600 px wide is at least round(600 * 0.6): got ${cssHeight}`);
  });

  test('resize() re-measures at once', async () => {
    const width = await page.evaluate(() => {
      const chart = window.charts.sized;
      chart.element.style.width = '450px';
      chart.resize();
      return chart.canvas.width;
    });
    assert.equal(width, 450);
  });

  test('a redraw writes the canvas height twice: one probe (0 px) and its height', async () => {
    const result = await page.evaluate(async (spec) => {
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const chart = await window.hoc.mount(host, spec);
      // The canvas's heights in turn, from its style attribute's changes (a write of the
      // height it has changes nothing, and is not counted).
      const observer = new MutationObserver(() => {});
      observer.observe(chart.canvas, { attributeFilter: ['style'], attributeOldValue: true });
      const heightIn = (text) => /(?:^|;)\s*height:\s*([^;]+)/.exec(text ?? '')?.[1].trim();
      const writes = {
        splice() {
          const records = observer.takeRecords();
          return [...records.slice(1).map((r) => r.oldValue), ...(records.length ? [chart.canvas.getAttribute('style')] : [])].map(heightIn);
        },
      };
      chart.resize();
      const auto = writes.splice(0);
      const autoHeight = chart.canvas.getBoundingClientRect().height;
      // A height the host gives, as it comes and once drawn: the same two writes.
      host.style.height = '300px';
      chart.resize();
      chart.resize();
      const fixed = writes.splice(0);
      const fixedHeight = chart.canvas.getBoundingClientRect().height;
      observer.disconnect();
      chart.destroy();
      host.remove();
      return { auto, autoHeight, fixed, fixedHeight };
    }, SPEC);
    assert.ok(result.autoHeight >= 360 && result.fixedHeight < 300, JSON.stringify(result));
    assert.deepEqual(result.auto, ['0px', `${result.autoHeight}px`]);
    assert.deepEqual(result.fixed, ['0px', `${result.fixedHeight}px`, '0px', `${result.fixedHeight}px`]);
  });

  test('a host stretched by a neighbour is filled, as tall or as short as the neighbour makes it', async () => {
    const heights = await page.evaluate(async (spec) => {
      const row = document.createElement('div');
      row.style.cssText = 'display: flex; width: 600px';
      const host = document.createElement('div');
      host.style.flex = '1';
      const neighbour = document.createElement('div');
      neighbour.style.cssText = 'width: 10px; height: 500px';
      row.append(host, neighbour);
      document.body.append(row);
      const chart = await window.hoc.mount(host, spec);
      const filled = () => chart.element.querySelector('.hoc-controls').getBoundingClientRect().bottom - chart.canvas.getBoundingClientRect().top;
      const tall = filled();
      // Shorter than the chart's own height, taller than its controls and a 64 px canvas (one
      // probe with the canvas at 0 px cannot tell this from a host that follows the canvas
      // part of the way: it probes again at 64 px).
      neighbour.style.height = '250px';
      chart.resize();
      const short = filled();
      // Shorter than its controls and a 64 px canvas: the chart's own height again.
      neighbour.style.height = '40px';
      chart.resize();
      const own = chart.canvas.getBoundingClientRect().height;
      chart.destroy();
      row.remove();
      return { tall, short, own };
    }, SPEC);
    assert.ok(heights.tall > 499 && heights.tall <= 500, JSON.stringify(heights));
    assert.ok(heights.short > 249 && heights.short <= 250, JSON.stringify(heights));
    assert.ok(heights.own >= 360, JSON.stringify(heights));
  });

  test('a chart hidden and shown again at the same width keeps its height', async () => {
    const heights = await page.evaluate(async (spec) => {
      const frames = (n) => new Promise((resolve) => {
        const next = () => (n-- > 0 ? requestAnimationFrame(next) : resolve());
        next();
      });
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const chart = await window.hoc.mount(host, spec);
      const before = chart.canvas.getBoundingClientRect().height;
      host.style.display = 'none';
      await frames(3); // the resize observer's redraw at no width
      host.style.display = '';
      await frames(3); // and at the width it had
      const after = chart.canvas.getBoundingClientRect().height;
      const store = chart.canvas.height;
      chart.destroy();
      host.remove();
      return { before, after, store };
    }, SPEC);
    assert.ok(heights.before >= 360, JSON.stringify(heights));
    assert.deepEqual({ after: heights.after, store: heights.store }, { after: heights.before, store: heights.before });
  });

  test('destroy() removes the canvas, is idempotent, and later calls say the chart is gone', async () => {
    const result = await page.evaluate(async () => {
      const chart = window.charts.sized;
      const host = chart.element;
      chart.destroy();
      chart.destroy();
      let after = null;
      try {
        await chart.toSVG();
      } catch (error) {
        after = error.message;
      }
      return { canvases: host.querySelectorAll('canvas').length, canvas: chart.canvas, after };
    });
    assert.deepEqual(result, { canvases: 0, canvas: null, after: 'This chart was destroyed' });
  });

  test('mount rejects with the validator message, a URL with its status, non-JSON by name', async () => {
    assert.match(
      await mountError(page, { ...SPEC, serie: [] }),
      /^Error: serie: unknown key.*canvases=0$/,
    );
    const missing = await mountError(page, 'does-not-exist.json');
    assert.ok(missing.includes(harness.url('/tests/browser/pages/does-not-exist.json')), missing);
    assert.match(missing, /HTTP 404/);
    assert.match(await mountError(page, '/www/demo.css'), /demo\.css is not JSON/);
    assert.match(await mountError(page, 42), /^TypeError: /);
  });

  test('no page errors; the only console errors and failed requests are the 404s asked for', async () => {
    assert.deepEqual(watcher.unexpected(['does-not-exist.json', /Failed to load resource.*404/]), {
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
    });
  });

  test('at devicePixelRatio 2 the backing store is twice the CSS size', async () => {
    const hiDpi = await harness.browser.newContext({ viewport: { width: 900, height: 800 }, deviceScaleFactor: 2 });
    try {
      const { page: sharp } = await openBlank(harness, { context: hiDpi });
      await mountChart(sharp, 'sharp', SPEC);
      const size = await sharp.evaluate(() => {
        const canvas = window.charts.sharp.canvas;
        const box = canvas.getBoundingClientRect();
        return { dpr: devicePixelRatio, width: canvas.width, height: canvas.height, cssWidth: box.width, cssHeight: box.height };
      });
      assert.equal(size.dpr, 2);
      assert.ok(Math.abs(size.width - 2 * size.cssWidth) <= 1, JSON.stringify(size));
      assert.ok(Math.abs(size.height - 2 * size.cssHeight) <= 1, JSON.stringify(size));
      // Same CSS layout at any ratio: the plot sits where it does at ratio 1.
      const sharpLayout = await sharp.evaluate(() => window.charts.sharp.layout());
      const plainLayout = await page.evaluate(() => window.charts.text.layout());
      assert.deepEqual(sharpLayout.plot, plainLayout.plot);
    } finally {
      await hiDpi.close();
    }
  });
});
