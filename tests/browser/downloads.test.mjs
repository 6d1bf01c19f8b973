//! Take it away (issue 29, in part): the Download menu under the chart, by mouse and keyboard,
//! in Chromium and Firefox: the PNG (signature, twice the chart's size), the SVG (toSVG()'s own),
//! the data as CSV (the table's rows, units in the header, the outage column), each named after
//! the title; Escape closes it; `downloads="off"` hides it; it speaks the chart's language; the
//! menu's code is fetched only when a reader opens it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SIMULATED_SPEC_URL } from './fixtures.mjs';
import { ENGINE, downloaded, expectReady, openBlank, recordDownloads, startHarness } from './harness.mjs';


describe('Download menu', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  async function open(attributes = '') {
    const context = await harness.browser.newContext({ acceptDownloads: true, viewport: { width: 900, height: 900 } });
    const requested = [];
    const { page, watcher } = await openBlank(harness, {
      context,
      beforeGoto: async (page) => {
        if (ENGINE !== 'chromium') await page.addInitScript(recordDownloads);
        page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      },
    });
    await page.evaluate(({ src, attributes }) => {
      document.body.insertAdjacentHTML('beforeend', `<hashrate-outage-chart src="${src}" loading="eager" ${attributes}></hashrate-outage-chart>`);
    }, { src: SIMULATED_SPEC_URL, attributes });
    await expectReady(page, 'hashrate-outage-chart');
    return { context, page, watcher, requested };
  }

  test('PNG, SVG and CSV, by mouse; the menu loads only when opened', async () => {
    const { context, page, watcher, requested } = await open();
    try {
      assert.ok(!requested.some((path) => path.includes('downloads')), 'nothing of the menu before it is opened');
      const chart = page.locator('hashrate-outage-chart');
      await chart.getByRole('button', { name: 'Download', exact: true }).click();
      const menu = chart.getByRole('group', { name: 'Download' });
      await menu.waitFor();
      assert.equal(await chart.getByRole('button', { name: 'Download', exact: true }).getAttribute('aria-expanded'), 'true');
      const layout = await page.evaluate(() => document.querySelector('hashrate-outage-chart').chart.layout());

      const png = await downloaded(page, menu.getByRole('button', { name: 'PNG image' }));
      assert.equal(png.name, 'simulated-would-kazakhstan-s-blackout-show-in-bitcoin-s-hash.png', 'the title, to 60 characters');
      assert.equal(png.bytes.subarray(1, 4).toString(), 'PNG');
      assert.deepEqual([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)], [Math.round(layout.width * 2), Math.round(layout.height * 2)]);

      await chart.getByRole('button', { name: 'Download', exact: true }).click();
      const svg = await downloaded(page, menu.getByRole('button', { name: 'SVG image' }));
      assert.equal(svg.name.endsWith('.svg'), true);
      assert.equal(svg.bytes.toString('utf8'), await page.evaluate(() => document.querySelector('hashrate-outage-chart').chart.toSVG()));

      await chart.getByRole('button', { name: 'Download', exact: true }).click();
      const csv = await downloaded(page, menu.getByRole('button', { name: 'Data (CSV)' }));
      assert.equal(csv.name.endsWith('.csv'), true);
      const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
      const table = await page.evaluate(() => {
        const chart = document.querySelector('hashrate-outage-chart').chart;
        chart.toggleTable(true);
        const el = document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-table');
        return {
          headers: [...el.querySelectorAll('thead th')].map((th) => th.textContent),
          rows: [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
        };
      });
      assert.equal(lines[0], ['Date', ...table.headers.slice(1, -1).map((h) => (h.includes(',') ? `"${h}"` : h)), 'Outage'].join(','));
      assert.equal(lines.length - 1, table.rows.length, 'a row a table row');
      lines.slice(1).forEach((line, i) => {
        assert.ok(!line.includes('"'), line);
        const cells = line.split(',');
        const row = table.rows[i];
        assert.equal(cells.length, row.length, line);
        assert.equal(cells.at(-1), row.at(-1), `the outage column of ${line}`);
        // Each value as the table shows it, the CSV's unrounded.
        for (let k = 1; k < row.length - 1; k++) {
          const shown = parseFloat(row[k].replace(/[^\d.−-]/g, '').replace('−', '-'));
          if (Number.isNaN(shown)) assert.equal(cells[k], '', `${line}: column ${k}`);
          else assert.ok(Math.abs(Number(cells[k]) - shown) <= Math.abs(shown) * 0.005 + 0.05, `${line}: ${cells[k]} vs ${row[k]}`);
        }
      });
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await context.close();
    }
  });

  test('by keyboard: Enter opens with the first choice focused, Escape closes back to the button', async () => {
    const { context, page } = await open();
    try {
      const button = page.locator('hashrate-outage-chart').getByRole('button', { name: 'Download', exact: true });
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('hashrate-outage-chart').shadowRoot.activeElement?.dataset.kind === 'png');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.activeElement.dataset.kind), 'svg');
      await page.keyboard.press('Escape');
      assert.equal(await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.activeElement.getAttribute('part')), 'download-button');
      assert.equal(await button.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.locator('hashrate-outage-chart').getByRole('group', { name: 'Download' }).count(), 0);
    } finally {
      await context.close();
    }
  });

  test('downloads="off" hides it; in German it speaks German', async () => {
    const { context, page } = await open('downloads="off"');
    try {
      assert.equal(await page.locator('hashrate-outage-chart').getByRole('button', { name: 'Download', exact: true }).count(), 0);
      await page.evaluate(() => {
        const el = document.querySelector('hashrate-outage-chart');
        el.removeAttribute('downloads');
        el.setAttribute('locale', 'de');
      });
      const button = page.locator('hashrate-outage-chart').getByRole('button', { name: 'Herunterladen' });
      await button.waitFor();
      await button.click();
      const menu = page.locator('hashrate-outage-chart').getByRole('group', { name: 'Herunterladen' });
      await menu.getByRole('button').first().waitFor();
      assert.deepEqual(await menu.getByRole('button').allTextContents(), ['PNG-Bild', 'SVG-Bild', 'Daten (CSV)']);
    } finally {
      await context.close();
    }
  });
});
