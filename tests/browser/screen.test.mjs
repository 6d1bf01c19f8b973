//! Any screen, in each Playwright engine: the backing store is CSS size × devicePixelRatio at
//! ratios 1, 2 and 3 (chart and overlay); printing re-renders at a higher ratio and restores;
//! at 320 CSS px no two text boxes overlap and all are inside the canvas.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SIMULATED_SPEC_URL } from './fixtures.mjs';
import { ENGINE, mountChart, nextFrames, openBlank, startHarness } from './harness.mjs';


/** Backing-store and CSS sizes of chart `name`'s canvas and overlay. */
function sizes(page, name) {
  return page.evaluate((name) => {
    const chart = window.charts[name];
    const overlay = chart.element.querySelector('.hoc-overlay');
    const box = chart.canvas.getBoundingClientRect();
    return {
      dpr: devicePixelRatio,
      width: chart.canvas.width,
      height: chart.canvas.height,
      overlay: [overlay.width, overlay.height],
      cssWidth: box.width,
      cssHeight: box.height,
    };
  }, name);
}

/** Pairs of text boxes that overlap by more than `slack` CSS px in both directions. */
function overlaps(texts, slack = 0.5) {
  const found = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > slack && dy > slack) found.push(`${a.role} "${a.text}" × ${b.role} "${b.text}"`);
    }
  }
  return found;
}

/**
 * Runs `read` in the page as the print media would style it. Chromium emulates print media.
 * Firefox over WebDriver BiDi has no media emulation (Playwright 1.64), so there the page's
 * own `@media print` rules (the chart's adopted stylesheet) are switched to `all` through the
 * CSSOM for the read and back after: the browser still resolves the very rules a printout uses.
 */
async function inPrintMedia(page, read) {
  if (ENGINE !== 'firefox') {
    await page.emulateMedia({ media: 'print' });
    try {
      return await page.evaluate(read);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  }
  const switched = await page.evaluate(() => {
    window.__printRules = [...document.adoptedStyleSheets, ...document.styleSheets]
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((rule) => rule instanceof CSSMediaRule && rule.media.mediaText === 'print');
    for (const rule of window.__printRules) rule.media.mediaText = 'all';
    return window.__printRules.length;
  });
  assert.ok(switched >= 1, 'the page has print rules');
  try {
    return await page.evaluate(read);
  } finally {
    await page.evaluate(() => {
      for (const rule of window.__printRules) rule.media.mediaText = 'print';
    });
  }
}

describe('any screen', () => {
  let harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  for (const ratio of [1, 2, 3]) {
    test(`at devicePixelRatio ${ratio} the chart and overlay backing stores are CSS size × ${ratio}`, async () => {
      const context = await harness.browser.newContext({ viewport: { width: 800, height: 800 }, deviceScaleFactor: ratio });
      try {
        const { page } = await openBlank(harness, { context });
        await mountChart(page, 'sharp', 'small.json', { hostStyle: 'width: 537px' });
        const size = await sizes(page, 'sharp');
        assert.equal(size.dpr, ratio);
        assert.equal(size.width, Math.round(537 * ratio), JSON.stringify(size));
        assert.equal(size.height, Math.round(size.cssHeight * ratio), JSON.stringify(size));
        assert.deepEqual(size.overlay, [size.width, size.height]);
      } finally {
        await context.close();
      }
    });
  }

  test('printing re-renders at a higher ratio with the same aspect ratio, then restores', async () => {
    const context = await harness.browser.newContext({ viewport: { width: 800, height: 800 } });
    try {
      const { page, watcher } = await openBlank(harness, { context });
      await mountChart(page, 'print', 'small.json');
      const screen = await sizes(page, 'print');
      assert.equal(screen.width, 600);
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      const printing = await sizes(page, 'print');
      assert.ok(printing.width >= 3 * screen.width, `wider backing store while printing: ${JSON.stringify(printing)}`);
      assert.ok(Math.abs(printing.width / printing.height - screen.width / screen.height) < 0.01, 'same aspect ratio');
      const ink = await page.evaluate(() => {
        const canvas = window.charts.print.canvas;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++;
        return dark;
      });
      assert.ok(ink > 1000, `redrawn at print resolution, not blank (${ink} dark pixels)`);
      // In print media the controls and the read-out layers are not printed.
      const printed = await inPrintMedia(page, () => {
        const host = window.charts.print.element;
        return ['.hoc-controls', '.hoc-overlay', '.hoc-tooltip'].map((s) => getComputedStyle(host.querySelector(s)).display);
      });
      assert.deepEqual(printed, ['none', 'none', 'none']);
      await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
      assert.deepEqual(await sizes(page, 'print'), screen);
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await context.close();
    }
  });

  for (const spec of [SIMULATED_SPEC_URL, 'small.json']) {
    test(`at 320 CSS px (${spec}) no text boxes overlap and all are inside the canvas`, async () => {
      const context = await harness.browser.newContext({ viewport: { width: 320, height: 800 } });
      try {
        const { page } = await openBlank(harness, { context });
        await mountChart(page, 'narrow', spec, { hostStyle: 'width: 320px' });
        await nextFrames(page);
        const layout = await page.evaluate(() => window.charts.narrow.layout());
        assert.equal(layout.width, 320);
        assert.ok(layout.texts.length >= 4, `texts are reported: ${layout.texts.length}`);
        const outside = layout.texts.filter(
          (t) => t.x < -0.5 || t.y < -0.5 || t.x + t.width > layout.width + 0.5 || t.y + t.height > layout.height + 0.5,
        );
        assert.deepEqual(outside.map((t) => `${t.role} "${t.text}" ${JSON.stringify([t.x, t.y, t.width, t.height])}`), []);
        assert.deepEqual(overlaps(layout.texts), []);
        const ticks = layout.texts.filter((t) => t.role === 'time-tick');
        assert.ok(ticks.length >= 2, 'some time ticks remain');
      } finally {
        await context.close();
      }
    });
  }
});
