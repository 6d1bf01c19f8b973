//! Real data end to end in the browser: the full 2009-2025 daily history with its block counts
//! (../shared/data, skipped with a message when absent), mounted as a spec object (the typed
//! fast path, where every per-point column travels with t and v) and as JSON text, gives the
//! same impact.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, mountChart, openBlank, startHarness } from './harness.mjs';

const DAILY = join(ROOT, '../shared/data/btc_hashrate_daily_2009-2025.csv');

async function fullHistory() {
  let text;
  try {
    text = await readFile(DAILY, 'utf8');
  } catch {
    return null;
  }
  const t = [];
  const v = [];
  const blocks = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const [date, value, count] = line.split(',');
    t.push(Date.parse(`${date}T00:00:00Z`));
    v.push(Number(value));
    blocks.push(count === '' ? null : Number(count));
  }
  return {
    title: 'Bitcoin hash rate, 2009-2025',
    series: [{ id: 'h', label: 'Hash rate', unit: 'H/s', t, v, blocks }],
    outages: [{ start: '2022-12-23', end: '2022-12-26', label: 'Winter Storm Elliott' }],
  };
}

describe('real data in the browser', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.close());

  test('the full daily history with blocks: an object (typed path) and JSON text agree', async (t) => {
    const spec = await fullHistory();
    if (!spec) {
      t.skip(`SKIPPED: ${DAILY} is absent (real data lives in ../shared/data)`);
      return;
    }
    assert.ok(spec.series[0].t.length > 5000, 'long enough for the typed fast path');
    const { page } = await openBlank(harness);
    await mountChart(page, 'object', spec, { hostStyle: 'width: 800px' });
    await mountChart(page, 'text', JSON.stringify(spec), { hostStyle: 'width: 800px' });
    const [fromObject, fromText] = await page.evaluate(() => [window.charts.object.impact(), window.charts.text.impact()]);
    assert.deepEqual(fromObject, fromText);
    assert.equal(fromObject[0].method, 'quasi-poisson-block-arrivals', 'the block counts arrived on the typed path');
    assert.match(fromObject[0].plain, /a clear drop/);
    await page.close();
  });

  test('the full history on a log scale: powers of ten in readable units, no 14-decimal numbers', async (t) => {
    const spec = await fullHistory();
    if (!spec) {
      t.skip(`SKIPPED: ${DAILY} is absent (real data lives in ../shared/data)`);
      return;
    }
    spec.options = { scale: 'log' };
    const { page } = await openBlank(harness);
    await mountChart(page, 'log', spec, { hostStyle: 'width: 800px', options: { locale: 'en-GB' } });
    const seen = await page.evaluate(() => {
      const chart = window.charts.log;
      const ticks = chart.layout().texts.filter((x) => x.role === 'value-tick').map((x) => x.text);
      chart.showReadout(1);
      const early = chart.element.querySelector('.hoc-tooltip-value').textContent;
      const rows = [...chart.element.querySelectorAll('.hoc-table tbody td')].map((td) => td.textContent);
      return { ticks, early, rows: rows.slice(0, 6), first: chart.readout(1) };
    });
    assert.ok(seen.ticks.some((x) => /MH\/s$/.test(x)) && seen.ticks.some((x) => /EH\/s$/.test(x)), `ticks across units: ${seen.ticks}`);
    assert.match(seen.early, /^\d[\d.,]* [kMGT]?H\/s$/, `January 2009 reads in its own unit: ${seen.early}`);
    for (const cell of seen.rows.filter((c) => /H\/s/.test(c))) {
      assert.ok(!/0\.0000/.test(cell), `no long decimals in the table: ${cell}`);
    }
    await page.close();
  });
});
