//! update(spec) with typed arrays: when only one series' data changed (the rest of the spec is
//! the same), the chart hands the new columns to the same core, as setColumns does, instead of
//! building a new one, and draws what a freshly mounted chart of the new spec draws; any other
//! change (a title, a second column, plain arrays) builds a new core. A bad column throws its
//! path and keeps the old drawing.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasDigest, openBlank, startHarness } from './harness.mjs';

/** In the page: a spec of `n` minutes of typed data from `seed`, titled `title`. */
function defineSpec(page) {
  return page.evaluate(() => {
    window.typedSpec = (seed, title = 'Typed', n = 6000) => {
      const t = new Float64Array(n);
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        t[i] = 1_640_995_200_000 + i * 60_000;
        v[i] = 170 + ((i * seed) % 13);
      }
      return { title, series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t, v }], outages: [{ start: '2022-01-02T12:00:00Z', end: '2022-01-03T00:00:00Z', label: 'Test' }] };
    };
  });
}

/** Counts ChartCore instances freed (a replaced core is freed) in window.frees. */
function countFrees(page) {
  return page.evaluate(async () => {
    const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
    window.frees = 0;
    const free = ChartCore.prototype.free;
    ChartCore.prototype.free = function (...args) {
      window.frees += 1;
      return free.apply(this, args);
    };
  });
}

describe('update() with typed arrays', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness));
    await defineSpec(page);
    await countFrees(page);
    await page.evaluate(async () => {
      for (const [name, seed] of [['updated', 3], ['fresh', 7]]) {
        const host = document.createElement('div');
        host.style.width = '640px';
        document.body.append(host);
        (window.charts ??= {})[name] = await window.hoc.mount(host, window.typedSpec(seed));
      }
    });
  });

  after(async () => {
    await page?.close();
    await harness?.close();
  });

  test('new data of the same shape goes to the same core and draws as a fresh chart of it', async () => {
    const before = await canvasDigest(page, 'updated');
    const fresh = await canvasDigest(page, 'fresh');
    assert.notEqual(before.hash, fresh.hash, 'the two data sets draw differently');
    const frees = await page.evaluate(() => {
      window.frees = 0;
      window.charts.updated.update(window.typedSpec(7));
      return window.frees;
    });
    assert.equal(frees, 0, 'no core was replaced');
    assert.equal((await canvasDigest(page, 'updated')).hash, fresh.hash, 'the same pixels as a chart mounted with the new data');
    // The words and the table follow after the pixels, as with setColumns.
    await page.waitForFunction(() => window.charts.updated.canvas.getAttribute('aria-label') === window.charts.fresh.canvas.getAttribute('aria-label'));
    const rows = await page.evaluate(() => ['updated', 'fresh'].map((n) => window.charts[n].element.querySelector('.hoc-table tbody').textContent));
    assert.equal(rows[0], rows[1], 'the table holds the new data');
  });

  test('a new title builds a new core, with its words at once', async () => {
    const result = await page.evaluate(() => {
      window.frees = 0;
      window.charts.updated.update(window.typedSpec(7, 'Retitled'));
      return { frees: window.frees, label: window.charts.updated.canvas.getAttribute('aria-label') };
    });
    assert.equal(result.frees, 1, 'the old core was freed');
    assert.match(result.label, /Retitled/);
  });

  test('a bad column throws its path and keeps the old drawing', async () => {
    const before = await canvasDigest(page, 'updated');
    const message = await page.evaluate(() => {
      const spec = window.typedSpec(7, 'Retitled');
      spec.series[0].t[10] = spec.series[0].t[9]; // a repeated time
      try {
        window.charts.updated.update(spec);
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.match(message ?? '', /^series\[0\]\.t\[10\]/);
    assert.equal((await canvasDigest(page, 'updated')).hash, before.hash);
  });
});

// The core measures each outage's impact once per data and shares it among the drawing, the
// summary and impact(): new columns must be measured again, everywhere, and nothing else should
// make them be.
describe('new columns are measured again', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness));
    await page.evaluate(async () => {
      const DAY = 86_400_000;
      const start = Date.UTC(2022, 0, 1);
      // 60 days of a steady 200 EH/s (a small wobble); the outage covers days 40 and 41.
      window.days = (dropDuring) => {
        const t = new Float64Array(60);
        const v = new Float64Array(60);
        for (let i = 0; i < 60; i++) {
          t[i] = start + i * DAY;
          v[i] = 200 + (i % 3) - 1;
          if (dropDuring && (i === 40 || i === 41)) v[i] *= 0.5;
        }
        return { t, v };
      };
      const { t, v } = window.days(false);
      const host = document.createElement('div');
      host.style.width = '640px';
      document.body.append(host);
      window.chart = await window.hoc.mount(host, {
        title: 'Steady, then not',
        series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t, v }],
        outages: [{ start: start + 40 * DAY, end: start + 42 * DAY, label: 'Test outage', share: 0.5 }],
      });
    });
  });

  after(async () => {
    await page?.close();
    await harness?.close();
  });

  const state = () =>
    page.evaluate(() => {
      const chart = window.chart;
      const [impact] = chart.impact();
      return {
        change: impact.change,
        significant: impact.significant,
        summary: chart.canvas.getAttribute('aria-label'),
        texts: chart.layout().texts.map((t) => t.text).join(' | '),
      };
    });

  test('impact(), the summary and the drawn verdict follow setColumns, and a locale change keeps them', async () => {
    const steady = await state();
    assert.ok(Math.abs(steady.change) < 0.05, `no change measured on steady data: ${steady.change}`);
    assert.equal(steady.significant, false);
    assert.doesNotMatch(steady.summary, /clear drop/);

    await page.evaluate(() => {
      const { t, v } = window.days(true);
      window.chart.setColumns('h', t, v);
    });
    // The summary follows a task after the pixels.
    await page.waitForFunction(() => /clear drop/.test(window.chart.canvas.getAttribute('aria-label')));
    const dropped = await state();
    assert.ok(dropped.change < -0.4, `the halved days are measured: ${dropped.change}`);
    assert.equal(dropped.significant, true);
    assert.match(dropped.texts, /clear drop/, 'the chart draws the new verdict');

    // Another language: the same measurement, in other words.
    await page.evaluate(() => window.chart.setOptions({ locale: 'de' }));
    const german = await state();
    assert.equal(german.change, dropped.change);
    assert.notEqual(german.summary, dropped.summary);
  });
});
