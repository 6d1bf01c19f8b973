//! `chart.toSVG()` in the browser and the native `render` produce the same chart: for several
//! fixtures the browser's SVG equals the native golden (tests/golden/, rendered by
//! tests/golden.rs at 800 × 450) byte for byte.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, assertSameLines, mountChart, openBlank, startHarness } from './harness.mjs';

// The zone_ cases name IANA zones: there the offsets come from the browser's Intl, natively from
// the tz database (src/time/tz.rs), over Kazakhstan's 2024 change and a DST change.
const CASES = ['one_series', 'two_axes', 'outages_annotations', 'gaps', 'dark_theme', 'span_hours', 'span_months', 'simulated_counterfactual', 'zone_almaty_2024', 'zone_berlin_dst'];

describe('toSVG() matches the native renderer', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness));
  });

  after(async () => {
    await harness?.close();
  });

  for (const name of CASES) {
    test(`${name}: the browser's SVG is the native golden`, async () => {
      const spec = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures', `${name}.json`), 'utf8'));
      await mountChart(page, name, spec, { options: { height: 450, locale: 'en' }, hostStyle: 'width: 800px' });
      const svg = await page.evaluate((name) => window.charts[name].toSVG(), name);
      assertSameLines(name, svg, readFileSync(join(ROOT, 'tests/golden', `${name}.svg`), 'utf8'));
      assert.ok(svg.startsWith('<svg width="800" height="450"'));
    });
  }
});
