//! Named time zones in each Playwright engine: the offsets come from the browser's Intl (the
//! chart module has no tz database), so the read-out and the table follow a zone's real clock
//! across a change; the `time-zone` attribute and the `timeZone` option override the spec's
//! zone, null brings it back, and a misspelt name is refused naming what is expected. (That the
//! drawn labels equal the native renderer's is tests/browser/svg-parity.test.mjs.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, addElement, mountChart, openBlank, startHarness, waitForState } from './harness.mjs';

const BERLIN = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/zone_berlin_dst.json'), 'utf8'));
const HOUR = 3_600_000;

/** The tooltip's time at the data point at Unix ms `at` of chart `name`. */
function tooltipAt(page, name, at) {
  return page.evaluate(
    ([name, at]) => {
      const chart = window.charts[name];
      const index = window.specs[name].series[0].t.indexOf(at);
      if (index < 0) throw new Error(`no point at ${at}`);
      chart.showReadout(index);
      return chart.element.querySelector('.hoc-tooltip-time').textContent;
    },
    [name, at],
  );
}

describe('named time zones', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness));
    await page.evaluate((spec) => (window.specs = { berlin: spec }), BERLIN);
  });

  after(async () => {
    await harness?.close();
  });

  test('the read-out and the table follow Berlin across its spring-forward', async () => {
    await mountChart(page, 'berlin', BERLIN, { hostStyle: 'width: 800px', options: { locale: 'en-GB', height: 450 } });
    const start = Date.UTC(2024, 2, 31, 0, 0); // 01:00 CET
    const seen = [];
    for (const at of [start, start + HOUR, start + 2 * HOUR]) seen.push(await tooltipAt(page, 'berlin', at));
    // 01:00 CET, then 03:00 CEST: 02:00 never happened in Berlin that night.
    assert.match(seen[0], /31 Mar 2024.*01:00.*Europe\/Berlin/, seen[0]);
    assert.match(seen[1], /31 Mar 2024.*03:00.*Europe\/Berlin/, seen[1]);
    assert.match(seen[2], /31 Mar 2024.*04:00/, seen[2]);
    // Hourly data is tabled by local day: Berlin's 31 March ran from 23:00 UTC the day before,
    // 23 hours long; the rows name the days.
    const rows = await page.evaluate(() => {
      const chart = window.charts.berlin;
      chart.toggleTable(true);
      return [...chart.element.querySelectorAll('.hoc-table tbody th')].map((th) => th.textContent);
    });
    assert.deepEqual(rows, ['30 Mar 2024', '31 Mar 2024', '1 Apr 2024']);
  });

  test('the timeZone option overrides the spec, null restores it; a misspelt name is refused', async () => {
    const ticks = () =>
      page.evaluate(() =>
        window.charts.berlin
          .layout()
          .texts.filter((t) => t.role === 'time-tick')
          .map((t) => t.text),
      );
    const berlin = await ticks();
    assert.ok(berlin.some((t) => t.includes('Europe/Berlin')), berlin.join(' | '));
    await page.evaluate(() => window.charts.berlin.setOptions({ timeZone: 'UTC' }));
    const utc = await ticks();
    assert.ok(utc.some((t) => t.includes('UTC')) && !utc.some((t) => t.includes('Berlin')), utc.join(' | '));
    await page.evaluate(() => window.charts.berlin.setOptions({ timeZone: 'Asia/Almaty' }));
    assert.ok((await ticks()).some((t) => t.includes('Asia/Almaty')));
    const refused = await page.evaluate(() => {
      try {
        window.charts.berlin.setOptions({ timeZone: 'Asia/Almty' });
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.equal(refused, 'timeZone: unknown time zone "Asia/Almty": expected UTC, an offset like +06:00, or an IANA name like Asia/Almaty or Europe/Berlin');
    await page.evaluate(() => window.charts.berlin.setOptions({ timeZone: null }));
    assert.deepEqual(await ticks(), berlin, "back to the spec's Europe/Berlin");
  });

  test('the element takes a time-zone attribute, live, and shows a bad one as its error', async () => {
    await addElement(page, 'attr', { spec: BERLIN, attributes: { 'time-zone': 'America/Chicago' }, style: 'width: 700px' });
    assert.equal(await waitForState(page, '#attr'), 'ready');
    const context = () =>
      page.evaluate(() =>
        document
          .getElementById('attr')
          .chart.layout()
          .texts.filter((t) => t.role === 'time-tick')
          .map((t) => t.text)
          .join(' | '),
      );
    assert.match(await context(), /America\/Chicago/);
    await page.evaluate(() => document.getElementById('attr').setAttribute('time-zone', 'Europe/Berlin'));
    assert.match(await context(), /Europe\/Berlin/);
    await page.evaluate(() => document.getElementById('attr').setAttribute('time-zone', 'Mars/Olympus'));
    assert.equal(await waitForState(page, '#attr'), 'error');
    const message = await page.evaluate(() => document.getElementById('attr').shadowRoot.querySelector('[role="alert"]').textContent);
    assert.match(message, /timeZone: unknown time zone "Mars\/Olympus"/);
  });
});
