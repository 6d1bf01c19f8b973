//! The first pixels first: a chart mounted when no font is loading is drawn once, not again
//! when `document.fonts.ready` settles (that second draw used to come before mount() resolved
//! and cost a cold page a full redraw; web fonts arriving later still redraw it, fonts.test.mjs),
//! and the data table is built a task after the pixels (its first Intl date format costs a
//! cold page about 25 ms), or at once when the page asks for it. The chart wasm is requested
//! beside its glue, not after it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deferredWorkDone, openBlank, realDelay, startHarness } from './harness.mjs';

describe('first draw', () => {
  let harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  test('a chart mounted with no font loading is drawn once', async () => {
    const { page } = await openBlank(harness);
    const { atMount, fonts } = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      window.draws = 0;
      const draw = ChartCore.prototype.draw;
      ChartCore.prototype.draw = function (...args) {
        window.draws += 1;
        return draw.apply(this, args);
      };
      const host = document.createElement('div');
      host.style.width = '640px';
      document.body.append(host);
      const spec = { title: 'Once', series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 177], ['2022-01-05', 181], ['2022-01-06', 176]] }] };
      await window.hoc.mount(host, spec);
      return { atMount: window.draws, fonts: document.fonts.status };
    });
    // What a second draw used to wait for (fonts.ready settling) and what would come after it.
    await deferredWorkDone(page);
    assert.equal(fonts, 'loaded', 'no font was loading');
    assert.equal(atMount, 1, 'one draw before mount() resolved');
    assert.equal(await page.evaluate(() => window.draws), 1, 'and none after');
    await page.close();
  });

  test('the table follows the pixels by a task, or comes at once when shown', async () => {
    const { page } = await openBlank(harness);
    const seen = await page.evaluate(async () => {
      const spec = { title: 'Table later', series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 177], ['2022-01-05', 181]] }] };
      const mountInto = async () => {
        const host = document.createElement('div');
        host.style.width = '640px';
        document.body.append(host);
        return window.hoc.mount(host, spec);
      };
      const caption = (chart) => chart.element.querySelector('.hoc-table caption')?.textContent ?? null;
      const later = await mountInto();
      const atMount = caption(later);
      await new Promise((resolve) => setTimeout(resolve, 0)); // the next task: what is tested, not a wait
      const afterTask = caption(later);
      const asked = await mountInto();
      asked.toggleTable(true);
      return { atMount, afterTask, asked: caption(asked), expanded: asked.element.querySelector('.hoc-button').getAttribute('aria-expanded') };
    });
    assert.equal(seen.atMount, null, 'not built before the pixels');
    assert.equal(seen.afterTask, 'Table later');
    assert.equal(seen.asked, 'Table later', 'toggleTable() builds it at once');
    assert.equal(seen.expanded, 'true');
    await page.close();
  });

  test('the wasm is requested beside the glue, not after it', async () => {
    // The glue answers 400 ms late: the wasm request must not wait for it (one round trip
    // less before the first pixels on a real network). Playwright's clock for both events.
    const seen = [];
    const started = Date.now();
    const { page } = await openBlank(harness, {
      beforeGoto: async (page) => {
        page.on('request', (r) => seen.push(['request', r.url().split('/').pop(), Date.now() - started]));
        page.on('requestfinished', (r) => seen.push(['finished', r.url().split('/').pop(), Date.now() - started]));
        await page.route(/\/pkg\/hashrate_outage_chart\.js$/, async (route) => {
          await realDelay(400, 'a slow network is the case tested: the glue answers late');
          await route.continue();
        });
      },
    });
    await page.evaluate(async () => {
      const host = document.createElement('div');
      host.style.width = '640px';
      document.body.append(host);
      await window.hoc.mount(host, { title: 'Early', series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 177], ['2022-01-05', 181]] }] });
    });
    const at = (kind, file) => seen.find(([k, f]) => k === kind && f === file)?.[2];
    const wasmAsked = at('request', 'hashrate_outage_chart_bg.wasm');
    const glueDone = at('finished', 'hashrate_outage_chart.js');
    assert.ok(wasmAsked !== undefined && glueDone !== undefined, JSON.stringify(seen));
    assert.ok(wasmAsked < glueDone - 200, `the wasm was requested at ${wasmAsked} ms, the glue arrived at ${glueDone} ms`);
    await page.close();
  });
});
