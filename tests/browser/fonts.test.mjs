//! The chart in the page's own font: a wide web font (DejaVu Sans, from Debian's
//! fonts-dejavu-core, served by the test as a local @font-face, never from the network) set
//! through --hoc-font. The core is handed the font's real advance widths, so no text runs off
//! the canvas and every text box is at least as wide as the canvas measures its text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mountChart, openBlank, startHarness } from './harness.mjs';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

async function withWideFont(harness) {
  const { page, watcher } = await openBlank(harness);
  const regular = await readFile(`${FONT_DIR}/DejaVuSans.ttf`);
  const bold = await readFile(`${FONT_DIR}/DejaVuSans-Bold.ttf`);
  await page.route('**/test-fonts/*.ttf', (route) =>
    route.fulfill({ status: 200, contentType: 'font/ttf', body: route.request().url().endsWith('bold.ttf') ? bold : regular }),
  );
  await page.evaluate(async () => {
    const faces = [new FontFace('WideTest', 'url(/test-fonts/wide.ttf)'), new FontFace('WideTest', 'url(/test-fonts/wide-bold.ttf)', { weight: 'bold' })];
    for (const face of faces) document.fonts.add(await face.load());
  });
  return { page, watcher };
}

/** Text boxes narrower than the canvas measures their text in their own font, and ink near the edges. */
function audit(page, name) {
  return page.evaluate((name) => {
    const chart = window.charts[name];
    const layout = chart.layout();
    const context = document.createElement('canvas').getContext('2d');
    const narrow = [];
    for (const t of layout.texts) {
      context.font = t.font;
      const measured = context.measureText(t.text).width;
      if (measured > t.width + 1) narrow.push(`${t.role} "${t.text}": box ${t.width.toFixed(1)} < ${measured.toFixed(1)} in ${t.font}`);
    }
    const canvas = chart.canvas;
    const { width, height } = canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    const [br, bg, bb] = layout.colors.background;
    let edgeInk = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (x >= 2 && x < width - 2 && y >= 2 && y < height - 2) continue;
        const i = (y * width + x) * 4;
        if (Math.abs(data[i] - br) + Math.abs(data[i + 1] - bg) + Math.abs(data[i + 2] - bb) > 60) edgeInk++;
      }
    }
    // Width per character over every text: how wide the layout thinks this font is.
    const chars = layout.texts.reduce((n, t) => n + t.text.length, 0);
    const perChar = layout.texts.reduce((w, t) => w + t.width, 0) / chars;
    return { narrow, edgeInk, metrics: layout.metrics, fonts: [...new Set(layout.texts.map((t) => t.font))], perChar };
  }, name);
}

describe('the page font', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.close());

  for (const width of [375, 1280]) {
    test(`a wide web font at ${width} px: measured widths, nothing off the canvas`, async () => {
      const { page, watcher } = await withWideFont(harness);
      for (const fixture of ['long_texts', 'stress_10_outages', 'outages_annotations']) {
        const spec = `/tests/fixtures/${fixture}.json`;
        await mountChart(page, `${fixture}-wide`, spec, { hostStyle: `width: ${width}px; --hoc-font: WideTest` });
        await mountChart(page, `${fixture}-default`, spec, { hostStyle: `width: ${width}px` });
        const wide = await audit(page, `${fixture}-wide`);
        const plain = await audit(page, `${fixture}-default`);
        assert.equal(wide.metrics, 'measured', `${fixture}: DejaVu Sans is not metric-compatible with Arial, so it is measured`);
        assert.ok(wide.fonts.every((f) => f.endsWith('px WideTest')), `${fixture}: every text carries its CSS font: ${wide.fonts}`);
        assert.deepEqual(wide.narrow, [], `${fixture}: every box is at least as wide as its text`);
        assert.deepEqual(plain.narrow, [], `${fixture}: also in the default font`);
        assert.equal(wide.edgeInk, 0, `${fixture}: no ink within 2 px of the canvas edges`);
        assert.ok(wide.perChar > plain.perChar * 1.05, `${fixture}: the wide font's boxes are wider (${wide.perChar} vs ${plain.perChar} px a character)`);
        assert.equal(plain.metrics, 'builtin', `${fixture}: the default stack resolves to Liberation Sans metrics here`);
      }
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
      await page.close();
    });
  }

  test('a chart updated with a new spec keeps measuring in the page font', async () => {
    const { page } = await withWideFont(harness);
    await mountChart(page, 'updated', '/tests/fixtures/long_texts.json', { hostStyle: 'width: 375px; --hoc-font: WideTest' });
    const metrics = await page.evaluate(async () => {
      const chart = window.charts.updated;
      const before = chart.layout().metrics;
      const spec = await (await fetch('/tests/fixtures/long_texts.json')).json();
      chart.update({ ...spec, title: 'The same chart, updated' });
      return [before, chart.layout().metrics];
    });
    assert.deepEqual(metrics, ['measured', 'measured'], 'the new engine instance got the measured widths too');
    await page.close();
  });
});
