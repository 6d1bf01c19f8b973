//! Two wasm modules: a page that shows charts (the demo article, a mounted chart, the element)
//! downloads the chart module only; the tools module (the adapters behind convert()) is
//! fetched on the first convert(), once, and never before. The one-file minified build
//! (index.min.js) draws the same chart from one request of JS besides the wasm glue. Read from
//! the browser's network log.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectReady, mountChart, openBlank, startHarness } from './harness.mjs';

const CHART = /\/www\/pkg\/hashrate_outage_chart(_bg\.wasm|\.js)$/;
const TOOLS = /_tools/;

/** Every URL `page` requests from now on. */
function recordRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(new URL(request.url()).pathname));
  return urls;
}

describe('two wasm modules', () => {
  let harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  test('the demo article downloads the chart module and not the tools module', async () => {
    const page = await harness.browser.newPage();
    const urls = recordRequests(page);
    await page.goto(harness.url('/www/index.html'));
    await expectReady(page, 'hashrate-outage-chart');
    assert.equal(urls.filter((u) => CHART.test(u)).length, 2, `glue and wasm: ${urls.join(' ')}`);
    assert.deepEqual(urls.filter((u) => TOOLS.test(u)), []);
    await page.close();
  });

  test('convert() fetches the tools module once, on first use', async () => {
    const { page } = await openBlank(harness);
    const urls = recordRequests(page);
    await mountChart(page, 'c', '/tests/browser/pages/small.json');
    assert.deepEqual(urls.filter((u) => TOOLS.test(u)), [], 'not for drawing');
    const titles = await page.evaluate(async () => {
      const csv = new File(['date,hashrate_eh_per_s\n2022-01-04,177\n2022-01-05,181\n'], 'h.csv', { type: 'text/csv' });
      const first = await window.hoc.convert([csv], { title: 'One' });
      const second = await window.hoc.convert([csv], { title: 'Two' });
      return [first.spec.title, second.spec.title, first.spec.series.length];
    });
    assert.deepEqual(titles, ['One', 'Two', 1]);
    const tools = urls.filter((u) => TOOLS.test(u));
    assert.deepEqual(tools.sort(), ['/www/pkg/hashrate_outage_chart_tools.js', '/www/pkg/hashrate_outage_chart_tools_bg.wasm'], 'fetched once');
    await page.close();
  });

  test('index.min.js (and its styles chunk and the glue) draws the element and offers mount and convert', async () => {
    const page = await harness.browser.newPage();
    const urls = recordRequests(page);
    await page.goto(harness.url('/tests/browser/pages/min.html'));
    await expectReady(page, '#min');
    const api = await page.evaluate(async () => {
      const module = await import('/www/index.min.js');
      const chart = document.getElementById('min').chart;
      return { exports: Object.keys(module).sort(), texts: chart.layout().texts.length, label: chart.canvas.getAttribute('aria-label') };
    });
    assert.deepEqual(api.exports, ['Chart', 'HashrateOutageChartElement', 'convert', 'mount']);
    assert.ok(api.texts >= 4, `drawn with its texts: ${api.texts}`);
    assert.match(api.label, /^Chart: Test chart: hash rate/);
    // The shell, the rest of its styles (split off: fetched beside the engine) and the glue.
    const scripts = urls.filter((u) => u.endsWith('.js')).map((u) => u.replace(/-[\w]+\.js$/, '.js'));
    assert.deepEqual(scripts.sort(), ['/www/chunks/chart-css.js', '/www/index.min.js', '/www/pkg/hashrate_outage_chart.js'], `requested: ${urls.join(' ')}`);
    await page.close();
  });
});
