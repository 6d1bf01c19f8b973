//! The first pixels take one draw: a chart mounted when no font is loading is drawn once, not
//! again when `document.fonts.ready` settles (that second draw used to come before mount()
//! resolved and cost a cold page a full redraw). Web fonts arriving later still redraw it
//! (fonts.test.mjs).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBlank, startHarness } from './harness.mjs';

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
    const seen = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      let draws = 0;
      const draw = ChartCore.prototype.draw;
      ChartCore.prototype.draw = function (...args) {
        draws += 1;
        return draw.apply(this, args);
      };
      const host = document.createElement('div');
      host.style.width = '640px';
      document.body.append(host);
      const spec = { title: 'Once', series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 177], ['2022-01-05', 181], ['2022-01-06', 176]] }] };
      await window.hoc.mount(host, spec);
      const atMount = draws;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { atMount, later: draws, fonts: document.fonts.status };
    });
    assert.equal(seen.fonts, 'loaded', 'no font was loading');
    assert.equal(seen.atMount, 1, 'one draw before mount() resolved');
    assert.equal(seen.later, 1, 'and none after');
    await page.close();
  });
});
