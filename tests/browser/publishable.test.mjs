//! What makes the chart publishable on a real story (issue 11), in the browser: daily values
//! read out as dates in the chart's time zone and hit-tested as whole days, band labels that
//! report their box and leader, and verdicts in plain words in the reader's number style.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SIMULATED_SPEC_URL } from './fixtures.mjs';
import { mountChart, openBlank, startHarness } from './harness.mjs';

const DAYS = ['2022-01-01', '2022-01-02', '2022-01-03', '2022-01-04', '2022-01-05', '2022-01-06', '2022-01-07', '2022-01-08'];
const DAILY = {
  title: 'Daily values in UTC+6',
  series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', points: DAYS.map((d, i) => [d, 170 + (i % 3) * 5]) }],
  outages: [{ start: '2022-01-05T00:00:00Z', end: '2022-01-06T00:00:00Z', label: 'Blackout' }],
  options: { timeZone: '+06:00' },
};

describe('publishable on a real story', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.close());

  test('a daily value is a whole day: read out by date only, anywhere inside its day, inside its band', async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'daily', DAILY, { hostStyle: 'width: 800px', options: { locale: 'en-GB' } });
    const result = await page.evaluate(() => {
      const chart = window.charts.daily;
      const layout = chart.layout();
      const band = layout.outages[0];
      // The middle of the band is 5 Jan 12:00 UTC: the read-out there is 5 Jan, drawn inside the band.
      const r = chart.readout(4);
      chart.showReadout(4);
      const time = chart.element.querySelector('.hoc-tooltip-time').textContent;
      const rows = [...chart.element.querySelectorAll('.hoc-table tbody th')].map((th) => th.textContent);
      return { band, x: r.x, time, rows, hasTime: r.hasTime };
    });
    assert.ok(result.x > result.band.x0 + 1 && result.x < result.band.x1 - 1, `5 Jan is drawn inside its band: ${result.x} in [${result.band.x0}, ${result.band.x1}]`);
    assert.equal(result.hasTime, false);
    assert.match(result.time, /^5 Jan(uary)? 2022$/, `date only: "${result.time}"`);
    assert.ok(!result.rows.some((r) => r.includes(':')), `table rows name dates only: ${result.rows.slice(0, 3)}`);
    await page.close();
  });

  test('layout() ties every band label to its band; the German verdict in German words and numbers', async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'de', SIMULATED_SPEC_URL, { hostStyle: 'width: 800px', options: { locale: 'de-DE' } });
    await mountChart(page, 'en', SIMULATED_SPEC_URL, { hostStyle: 'width: 800px', options: { locale: 'en-US' } });
    const [de, en] = await page.evaluate(() => ['de', 'en'].map((n) => window.charts[n].layout()));
    for (const layout of [de, en]) {
      for (const o of layout.outages) {
        const box = o.labelBox;
        assert.ok(box, 'each outage reports its label box');
        const overBand = box.x < o.x1 && o.x0 < box.x + box.width;
        assert.ok(overBand || o.leader, `the label stands over its band or has a leader: ${JSON.stringify(o)}`);
        assert.ok(box.y + box.height <= layout.plot.y + 0.5, 'the label is above the plot, not over the data');
      }
    }
    const words = (layout) => layout.texts.filter((t) => t.role === 'band-label' || t.role === 'key').map((t) => t.text).join(' ');
    assert.match(words(en), /−3\.6%: within normal day-to-day variation \(plausible range −20% to \+14%\); a loss under about 23% would not show/);
    assert.match(words(de), /−3,6\u00a0%[:,] im Rahmen der üblichen Schwankung von Tag zu Tag \(plausible Spanne −20\u00a0% bis \+14\u00a0%\); ein Verlust unter etwa 23\u00a0% wäre nicht zu sehen/);
    for (const layout of [de, en]) assert.ok(!/\bCI\b/.test(words(layout)), 'no "CI" on the chart');
    const legend = de.texts.filter((t) => t.role === 'legend').map((t) => t.text).join(' ');
    assert.match(legend, /13,2\u00a0%/, `every number on the chart in one style: ${legend}`);
    await page.close();
  });
});
