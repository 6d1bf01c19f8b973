//! One validator for every entry path: a long plain-array series (the typed fast path) with
//! a bad value is refused with the same path and words as the same data given short or as
//! JSON text, never drawn with the value silently turned into a gap.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openBlank, startHarness } from './harness.mjs';

describe('one validator', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness?.close());

  test('long plain arrays with NaN, undefined or a string are refused with their path', async () => {
    const { page } = await openBlank(harness);
    const results = await page.evaluate(async () => {
      const out = {};
      for (const [name, bad] of [['NaN', NaN], ['undefined', undefined], ['string', '12']]) {
        for (const n of [6000, 100]) {
          const t = Array.from({ length: n }, (_, i) => 1_600_000_000_000 + i * 3_600_000);
          const v = Array.from({ length: n }, (_, i) => 100 + (i % 7));
          v[10] = bad;
          const host = document.createElement('div');
          document.body.append(host);
          try {
            await window.hoc.mount(host, { series: [{ id: 'h', unit: 'EH/s', t, v }] });
            out[`${name} ${n}`] = 'drawn';
          } catch (error) {
            out[`${name} ${n}`] = String(error.message);
          }
          host.remove();
        }
      }
      return out;
    });
    for (const name of ['NaN', 'undefined', 'string']) {
      const long = results[`${name} 6000`];
      const short = results[`${name} 100`];
      assert.match(long, /^series\[0\]\.v\[10\]/, `${name} in 6,000 points: ${long}`);
      assert.equal(long, short, `${name}: the long (fast) path says what the short one says`);
    }
    await page.close();
  });
});
