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

  test('setColumns and the typed path draw what the same data as JSON text draws', async () => {
    const { page } = await openBlank(harness);
    const same = await page.evaluate(async () => {
      const t = Array.from({ length: 40 }, (_, i) => Date.UTC(2022, 0, 1) + i * 86_400_000);
      const v = t.map((_, i) => 170 + ((i * 37) % 23));
      const blocks = v.map((x) => Math.round(x * 0.82));
      v[7] = null;
      const spec = (series) => ({ series: [series], outages: [{ start: '2022-01-20', end: '2022-01-22', label: 'Outage' }] });
      const mountAt = async (what) => {
        const host = document.createElement('div');
        host.style.width = '640px';
        host.style.height = '400px';
        document.body.append(host);
        return window.hoc.mount(host, what);
      };
      const text = await mountAt(JSON.stringify(spec({ id: 'h', unit: 'EH/s', t, v, blocks })));
      const typed = await mountAt(spec({ id: 'h', unit: 'EH/s', t: Float64Array.from(t), v: Float64Array.from(v, (x) => (x === null ? NaN : x)), blocks }));
      const later = await mountAt(spec({ id: 'h', unit: 'EH/s', points: [['2022-01-01', 1], ['2022-01-02', 2]] }));
      later.setColumns('h', t, v, blocks);
      const pixels = (chart) => Array.from(chart.canvas.getContext('2d').getImageData(0, 0, chart.canvas.width, chart.canvas.height).data).join(',');
      const reference = { layout: JSON.stringify(text.layout()), impact: JSON.stringify(text.impact()), pixels: pixels(text) };
      return [typed, later].map((chart) => ({
        layout: JSON.stringify(chart.layout()) === reference.layout,
        impact: JSON.stringify(chart.impact()) === reference.impact,
        pixels: pixels(chart) === reference.pixels,
      }));
    });
    assert.deepEqual(same, [
      { layout: true, impact: true, pixels: true },
      { layout: true, impact: true, pixels: true },
    ]);
    await page.close();
  });

  test('options.provenance: one digest natively, in the browser and after reformatting the JSON', async () => {
    const { readFile } = await import('node:fs/promises');
    const { execFile } = await import('node:child_process');
    const { join } = await import('node:path');
    const { ROOT } = await import('./harness.mjs');
    const fixture = join(ROOT, 'tests/fixtures/provenance.json');
    const text = await readFile(fixture, 'utf8');
    const cli = join(ROOT, 'target/debug/hashrate-outage-chart');
    const svg = await new Promise((done, fail) =>
      execFile('cargo', ['run', '--quiet', '--', 'render', fixture, '--width', '800', '--height', '450'], { cwd: ROOT, maxBuffer: 1 << 24 }, (error, stdout) => (error ? fail(error) : done(stdout))),
    );
    const native = /<data-sha256>([0-9a-f]{64})<\/data-sha256>/.exec(svg)?.[1];
    assert.ok(native, `the native SVG carries the digest (${cli})`);
    const { page } = await openBlank(harness);
    const reformatted = JSON.stringify(JSON.parse(text)); // no whitespace, same data
    const seen = await page.evaluate(async ([text, reformatted]) => {
      const out = [];
      for (const what of [text, reformatted, JSON.parse(text)]) {
        const host = document.createElement('div');
        host.style.width = '800px';
        document.body.append(host);
        const chart = await window.hoc.mount(host, what);
        const footer = chart.layout().texts.filter((t) => t.role === 'source').map((t) => t.text).join(' ');
        const svg = await chart.toSVG();
        out.push({ footer, digest: /<data-sha256>([0-9a-f]{64})<\/data-sha256>/.exec(svg)?.[1] ?? null });
        chart.destroy();
      }
      return out;
    }, [text, reformatted]);
    for (const { footer, digest } of seen) {
      assert.equal(digest, native, 'the browser SVG has the native digest');
      assert.ok(footer.includes(`Data SHA-256 ${native.slice(0, 16)}…`), footer);
    }
    await page.close();
  });
});
