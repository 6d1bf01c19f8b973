//! The bad-and-odd-input corpus (tests/corpus/cases.json) in each Playwright engine (Chromium, Firefox): every case
//! through the element (inline JSON, so the text reaches Rust unchanged) and, when it is JSON
//! object text, through mount() too; each must give exactly its expected error or a drawn
//! chart. Plus what only the JS API can be handed: NaN and ±Infinity, which JSON.stringify
//! would silently turn into null (a gap).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openBlank, startHarness } from './harness.mjs';

const CASES = JSON.parse(readFileSync(join(ROOT, 'tests/corpus/cases.json'), 'utf8'));

/** The input text of a stored case (generated ones are built in the page). */
function inputText(testCase) {
  return typeof testCase.spec === 'string' ? testCase.spec : JSON.stringify(testCase.spec);
}

/**
 * In the page: runs each {name, text?, generate?} through a fresh element and, for object
 * text, through mount(); returns per case what happened: {element, mount} each
 * {error} or {ok, inked} (inked: pixels that differ from the background).
 */
function runInPage(page, cases) {
  return page.evaluate(async (cases) => {
    const generated = {
      deep: () => '['.repeat(100_000) + ']'.repeat(100_000),
      // As tests/corpus.rs: 1.6 million hourly points, about 50 MB.
      large: () => {
        const start = 946_684_800_000;
        const times = new Array(1_600_000);
        const values = new Array(1_600_000);
        for (let i = 0; i < 1_600_000; i++) {
          times[i] = start + i * 3_600_000;
          values[i] = `${100 + (i % 97)}.${String(i % 1000).padStart(3, '0')}`;
        }
        return `{"title":"A 50 MB spec","series":[{"id":"h","unit":"EH/s","t":[${times.join(',')}],"v":[${values.join(',')}]}]}`;
      },
    };
    const inked = (chart) => {
      const [r, g, b] = chart.layout().colors.background;
      const canvas = chart.canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.max(Math.abs(data[i] - r), Math.abs(data[i + 1] - g), Math.abs(data[i + 2] - b)) > 16) count++;
      }
      return count;
    };
    const settle = (element) => window.settledState(element, ['ready', 'error'], 60_000);
    const results = {};
    for (const testCase of cases) {
      const text = testCase.text ?? generated[testCase.generate]();
      const result = {};
      const element = document.createElement('hashrate-outage-chart');
      element.setAttribute('loading', 'eager'); // one of many on this page: no wait for the viewport
      element.style.width = '600px';
      let eventMessage = null;
      element.addEventListener('error', (event) => (eventMessage = event.detail.message));
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = text;
      element.append(script);
      document.body.append(element);
      const started = performance.now();
      const state = await settle(element);
      // Markup in the spec's text must never become elements: count them inside the shadow
      // root (and the light DOM) while the chart is on the page.
      const markup = 'img, iframe, b, i, u, svg, script:not([type="application/json"]), a';
      result.markup = element.shadowRoot.querySelectorAll(markup).length + element.querySelectorAll(markup).length;
      if (state === 'error') {
        const shown = element.shadowRoot.querySelector('.error-message').textContent;
        result.element = { error: shown, eventMatches: eventMessage === shown };
      } else {
        result.element = { ok: true, inked: inked(element.chart) };
      }
      result.elementMs = Math.round(performance.now() - started);
      element.remove();
      if (text.trim().startsWith('{') && !testCase.generate) {
        const host = document.createElement('div');
        host.style.width = '600px';
        document.body.append(host);
        try {
          const chart = await window.hoc.mount(host, text);
          result.mount = { ok: true, inked: inked(chart) };
          chart.destroy();
        } catch (error) {
          result.mount = { error: error.message, isError: error instanceof Error };
        }
        // The same spec as an object (the path a script takes): the same outcome and words.
        let object;
        try {
          object = JSON.parse(text);
        } catch {
          object = undefined;
        }
        if (object !== null && typeof object === 'object' && !Array.isArray(object)) {
          try {
            const chart = await window.hoc.mount(host, object);
            result.object = { ok: true, inked: inked(chart) };
            chart.destroy();
          } catch (error) {
            result.object = { error: error.message, isError: error instanceof Error };
          }
        }
        host.remove();
      }
      results[testCase.name] = result;
    }
    return results;
  }, cases);
}

/** Checks one outcome against the case's expectation; returns a failure line or null. */
function mismatch(testCase, how, outcome) {
  if (testCase.error !== undefined) {
    if (outcome.ok) return `${testCase.name} (${how}): expected the error ${JSON.stringify(testCase.error)}, but it rendered`;
    if (!outcome.error.startsWith(testCase.error)) {
      return `${testCase.name} (${how}): expected an error starting ${JSON.stringify(testCase.error)}, got ${JSON.stringify(outcome.error.slice(0, 200))}`;
    }
    if (outcome.eventMatches === false) return `${testCase.name} (${how}): the error event's message differs from the one shown`;
    if (outcome.isError === false) return `${testCase.name} (${how}): rejected with something that is not an Error`;
    return null;
  }
  if (!outcome.ok) return `${testCase.name} (${how}): expected a chart, got the error ${JSON.stringify(outcome.error.slice(0, 200))}`;
  // A chart has at least its axes, labels and a line or dot: far more than 300 inked pixels.
  if (outcome.inked < 300) return `${testCase.name} (${how}): rendered, but only ${outcome.inked} pixels differ from the background`;
  return null;
}

describe('the bad-input corpus in the browser', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness));
  });

  after(async () => {
    await harness?.close();
  });

  test('the corpus has at least 60 cases, each expecting one outcome', () => {
    assert.ok(CASES.length >= 60, `${CASES.length} cases`);
    for (const testCase of CASES) {
      assert.notEqual(testCase.error !== undefined, testCase.ok === true, `${testCase.name}: exactly one of error / ok`);
    }
  });

  test('every stored case, and the deep one, gives its expected outcome via the element and mount()', async () => {
    const cases = CASES.filter((c) => c.generate !== 'large').map((c) =>
      c.generate ? { name: c.name, generate: c.generate } : { name: c.name, text: inputText(c) },
    );
    const results = await runInPage(page, cases);
    const failures = [];
    let mounted = 0;
    let objects = 0;
    for (const testCase of CASES.filter((c) => c.generate !== 'large')) {
      const result = results[testCase.name];
      failures.push(mismatch(testCase, 'element', result.element));
      if (result.mount) {
        mounted += 1;
        failures.push(mismatch(testCase, 'mount()', result.mount));
      }
      if (result.object) {
        objects += 1;
        failures.push(mismatch(testCase, 'mount(object)', result.object));
        // One validator: the object path says exactly what the text path says.
        if (result.mount && result.mount.error !== result.object.error) {
          failures.push(`${testCase.name}: text says ${JSON.stringify(result.mount.error)}, object says ${JSON.stringify(result.object.error)}`);
        }
      }
    }
    assert.deepEqual(failures.filter(Boolean), []);
    assert.ok(mounted >= 60, `only ${mounted} cases went through mount()`);
    assert.ok(objects >= 50, `only ${objects} cases went through mount(object)`);
    // Rendering a spec never adds elements from it to the chart (the corpus has HTML in text),
    // counted in each element's shadow root while it was shown.
    const withMarkup = Object.entries(results).filter(([, r]) => r.markup > 0).map(([name, r]) => `${name}: ${r.markup}`);
    assert.deepEqual(withMarkup, []);
    assert.ok(Object.values(results).every((r) => typeof r.markup === 'number'), 'every case was counted');
  });

  test('the 50 MB spec renders through the element', { timeout: 120_000 }, async () => {
    const large = CASES.find((c) => c.generate === 'large');
    assert.ok(large, 'the corpus has a large case');
    const started = Date.now();
    const results = await runInPage(page, [{ name: large.name, generate: 'large' }]);
    const result = results[large.name];
    assert.equal(mismatch(large, 'element', result.element), null);
    console.log(`# 50 MB spec: ${result.elementMs} ms in the element (${Date.now() - started} ms with generating it)`);
  });

  test('NaN and ±Infinity from the JS API are refused with the JSON path, not drawn as gaps', async () => {
    const outcome = await page.evaluate(async () => {
      const base = () => ({
        series: [
          { id: 'h', unit: 'EH/s', points: [['2022-01-04', 170], ['2022-01-05', 171], ['2022-01-06', 172], ['2022-01-07', 173]] },
          { id: 'c', unit: '%', axis: 'right', t: [1641340800000, 1641344400000], v: [100, 5] },
        ],
        outages: [{ start: '2022-01-05', end: '2022-01-06', share: 0.1 }],
      });
      const variants = {
        'NaN value': (s) => (s.series[0].points[3][1] = NaN),
        'Infinity value': (s) => (s.series[0].points[1][1] = Infinity),
        '-Infinity value': (s) => (s.series[0].points[2][1] = -Infinity),
        'NaN time': (s) => (s.series[0].points[0][0] = NaN),
        'Infinity time in columns': (s) => (s.series[1].t[1] = Infinity),
        '-Infinity value in columns': (s) => (s.series[1].v[0] = -Infinity),
        'NaN share': (s) => (s.outages[0].share = NaN),
        'undefined value': (s) => (s.series[0].points[2][1] = undefined),
        'hole in an array': (s) => (s.series[1].v = [100, , 5].slice(0, 2)), // eslint-disable-line no-sparse-arrays
      };
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const results = {};
      for (const [name, change] of Object.entries(variants)) {
        const spec = base();
        change(spec);
        try {
          const chart = await window.hoc.mount(host, spec);
          chart.destroy();
          results[name] = 'rendered';
        } catch (error) {
          results[name] = error.message;
        }
      }
      // update() refuses them too, and keeps the chart it had.
      const chart = await window.hoc.mount(host, base());
      const before = chart.readout(3).entries[0].value;
      const spec = base();
      spec.series[0].points[3][1] = NaN;
      try {
        chart.update(spec);
        results.update = 'updated';
      } catch (error) {
        results.update = error.message;
      }
      results.kept = chart.readout(3).entries[0].value === before && before !== null;
      results.canvases = host.querySelectorAll('canvas').length;
      chart.destroy();
      host.remove();
      return results;
    });
    assert.deepEqual(outcome, {
      'NaN value': 'series[0].points[3][1]: NaN is not a number; use null for a gap',
      'Infinity value': 'series[0].points[1][1]: Infinity is not a finite number; use null for a gap',
      '-Infinity value': 'series[0].points[2][1]: -Infinity is not a finite number; use null for a gap',
      'NaN time': 'series[0].points[0][0]: NaN is not a number; use null for a gap',
      'Infinity time in columns': 'series[1].t[1]: Infinity is not a finite number; use null for a gap',
      '-Infinity value in columns': 'series[1].v[0]: -Infinity is not a finite number; use null for a gap',
      'NaN share': 'outages[0].share: NaN is not a number; use null for a gap',
      'undefined value': 'series[0].points[2][1]: undefined is not a JSON value; use null for a gap',
      'hole in an array': 'series[1].v[1]: undefined is not a JSON value; use null for a gap',
      update: 'series[0].points[3][1]: NaN is not a number; use null for a gap',
      kept: true,
      canvases: 2,
    });
  });

  test('no page errors and no failed requests', async () => {
    const unexpected = watcher.unexpected();
    assert.deepEqual(unexpected.pageErrors, []);
    assert.deepEqual(unexpected.failedRequests, []);
  });
});
