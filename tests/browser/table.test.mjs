//! The data table in each Playwright engine (Chromium, Firefox): always present for screen readers (visually hidden),
//! shown by the "Show data table" button (aria-expanded), with a caption, headers with units
//! and an outage column; long series summarised by day; spec text only ever as text.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MARKUP, fiveDaySpec } from './fixtures.mjs';
import { mountChart, openBlank, startHarness } from './harness.mjs';

/** Five days with no value on 7 January. */
const SPEC = fiveDaySpec({ title: 'Table test' });
SPEC.series[0].points[3][1] = null;

/** Hourly values for three days: day 1 all 100 EH/s, day 2 alternating 90/110, day 3 all 120. */
function hourlySpec() {
  const points = [];
  for (let hour = 0; hour < 72; hour++) {
    const day = Math.floor(hour / 24);
    const value = day === 0 ? 100 : day === 1 ? (hour % 2 ? 110 : 90) : 120;
    points.push([new Date(Date.UTC(2022, 0, 4, hour)).toISOString(), value * 1e6]);
  }
  return {
    title: 'Hourly test',
    series: [{ id: 'hashrate', label: 'Hash rate', unit: 'TH/s', points }],
    outages: [{ start: '2022-01-05T11:00:00Z', end: '2022-01-05T20:00:00Z', label: 'Short outage' }],
  };
}

/** The table of chart `name`: caption, header cells, body rows as cell texts, and where it is. */
function readTable(page, name) {
  return page.evaluate((name) => {
    const host = window.charts[name].element;
    const tables = host.querySelectorAll('table');
    const table = tables[0];
    const wrap = table.parentElement;
    const button = host.querySelector('button');
    const box = wrap.getBoundingClientRect();
    const style = getComputedStyle(wrap);
    return {
      tables: tables.length,
      caption: table.caption?.textContent ?? null,
      headers: [...table.tHead.rows[0].cells].map((cell) => [cell.tagName, cell.scope, cell.textContent]),
      rows: [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => cell.textContent)),
      rowHeaders: [...table.tBodies[0].rows].every((row) => row.cells[0].tagName === 'TH' && row.cells[0].scope === 'row'),
      box: { width: box.width, height: box.height },
      hiddenFromAll: style.display === 'none' || style.visibility === 'hidden' || wrap.closest('[aria-hidden="true"]') !== null,
      button: {
        text: button.textContent,
        expanded: button.getAttribute('aria-expanded'),
        controls: button.getAttribute('aria-controls'),
        controlsTable: document.getElementById(button.getAttribute('aria-controls'))?.contains(table) ?? false,
      },
    };
  }, name);
}

describe('data table', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness, { viewport: { width: 900, height: 900 } }));
    await mountChart(page, 'daily', SPEC, { options: { locale: 'en-GB' } });
  });

  after(async () => {
    await harness?.close();
  });

  test('the table has a caption, headers with units, formatted rows and the outage column', async () => {
    const table = await readTable(page, 'daily');
    assert.equal(table.caption, 'Table test');
    assert.deepEqual(table.headers, [
      ['TH', 'col', 'Date'],
      ['TH', 'col', 'Hash rate (EH/s)'],
      ['TH', 'col', 'Outage'],
    ]);
    assert.deepEqual(table.rows, [
      ['4 Jan 2022', '177', ''],
      ['5 Jan 2022', '181', 'Test shutdown'],
      ['6 Jan 2022', '176', 'Test shutdown'],
      ['7 Jan 2022', '–', ''],
      ['8 Jan 2022', '178', ''],
    ]);
    assert.ok(table.rowHeaders, 'each row starts with a row header');
  });

  test('it is always there for screen readers: visually hidden, not display:none or aria-hidden', async () => {
    const table = await readTable(page, 'daily');
    assert.equal(table.tables, 1, 'one table, so it is never read twice');
    assert.equal(table.hiddenFromAll, false);
    assert.ok(table.box.width <= 1 && table.box.height <= 1, `clipped to a pixel: ${JSON.stringify(table.box)}`);
    const snapshot = await page.locator('#daily').ariaSnapshot();
    assert.match(snapshot, /table "Table test"/);
    assert.match(snapshot, /columnheader "Hash rate \(EH\/s\)"/);
    assert.match(snapshot, /button "Show data table"/);
  });

  test('"Show data table" shows it (aria-expanded, aria-controls) and hides it again', async () => {
    const before = await readTable(page, 'daily');
    assert.deepEqual({ ...before.button, controls: undefined }, { text: 'Show data table', expanded: 'false', controls: undefined, controlsTable: true });
    await page.locator('#daily button[part="table-button"]').click();
    const shown = await readTable(page, 'daily');
    assert.equal(shown.button.expanded, 'true');
    assert.equal(shown.button.text, 'Hide data table');
    assert.equal(shown.tables, 1);
    assert.ok(shown.box.width > 300 && shown.box.height > 100, `visible: ${JSON.stringify(shown.box)}`);
    await page.locator('#daily button[part="table-button"]').press('Enter');
    const hidden = await readTable(page, 'daily');
    assert.equal(hidden.button.expanded, 'false');
    assert.ok(hidden.box.height <= 1);
  });

  test('sub-daily data is summarised by day (daily means), with the outage on its day', async () => {
    await mountChart(page, 'hourly', hourlySpec(), { options: { locale: 'en-GB' } });
    const table = await readTable(page, 'hourly');
    assert.equal(table.caption, 'Hourly test (daily means)');
    assert.equal(table.headers[0][2], 'Date');
    assert.deepEqual(table.rows, [
      ['4 Jan 2022', '100', ''],
      ['5 Jan 2022', '100', 'Short outage'],
      ['6 Jan 2022', '120', ''],
    ]);
    // The read-out still goes point by point, with the time of day.
    const readout = await page.evaluate(() => {
      const chart = window.charts.hourly;
      chart.showReadout(35, { announce: true });
      return { count: chart.readoutCount, live: chart.element.querySelector('[aria-live]').textContent };
    });
    assert.equal(readout.count, 72);
    assert.equal(readout.live, '5 Jan 2022, 11:00 UTC: Hash rate 110 EH/s; inside Short outage');
  });

  test('labels with markup reach the table as text; no element is created', async () => {
    const spec = structuredClone(SPEC);
    spec.title = `Title ${MARKUP}`;
    spec.series[0].label = MARKUP;
    spec.outages[0].label = `Outage ${MARKUP}`;
    await mountChart(page, 'markup', spec, { options: { locale: 'en-GB' } });
    const table = await readTable(page, 'markup');
    assert.equal(table.caption, `Title ${MARKUP}`);
    assert.equal(table.headers[1][2], `${MARKUP} (EH/s)`);
    assert.equal(table.rows[1][2], `Outage ${MARKUP}`);
    const created = await page.evaluate(() => window.charts.markup.element.querySelectorAll('img').length);
    assert.equal(created, 0);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
