//! Failing safe in each Playwright engine (Chromium, Firefox): a bad spec or an engine trap in one chart leaves the
//! others working; a trap (injected: there is no known panic) becomes the element's error
//! state with a clear message; spec URLs that 404, 500, fail, are blocked by CORS, time out
//! or are not JSON each say so; a slow URL shows "Loading chart…"; nothing else is fetched.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMALL_SPEC_URL } from './fixtures.mjs';
import { ROOT, addElement, canvasDigest, deferredWorkDone, mountChart, nextFrames, openBlank, startHarness, waitForState } from './harness.mjs';

/** A valid spec; `shift` moves every value so that two specs draw differently. */
function spec(shift = 0) {
  return {
    title: 'Robustness test',
    series: [
      {
        id: 'hashrate',
        label: 'Hash rate',
        unit: 'EH/s',
        points: [['2022-01-04', 170 + shift], ['2022-01-05', 181 - shift], ['2022-01-06', 176 + shift], ['2022-01-07', 169]],
      },
    ],
    outages: [{ start: '2022-01-05T11:00:00Z', end: '2022-01-06T12:00:00Z', label: 'Shutdown' }],
  };
}

/** The element's state, its error text (shown) and events, and whether "Loading chart…" shows. */
function inspect(page, id) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    const root = element.shadowRoot;
    const status = root.querySelector('[role="status"]');
    return {
      state: element.dataset.state,
      error: root.querySelector('[role="alert"]').hidden ? null : root.querySelector('.error-message').textContent,
      events: window.chartEvents[id].map((event) => event.message),
      loadingShown: Boolean(status && !status.hidden && status.getBoundingClientRect().height > 0),
      loadingText: status?.textContent ?? null,
    };
  }, id);
}

describe('failing safe', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness, { viewport: { width: 900, height: 800 } }));
  });

  after(async () => {
    await harness?.close();
  });

  test('a bad spec in the first of two charts: the second renders and updates', async () => {
    await addElement(page, 'bad-first', { spec: { ...spec(), serie: [] } });
    await addElement(page, 'good-second', { spec: spec() });
    assert.equal(await waitForState(page, '#bad-first'), 'error');
    assert.equal(await waitForState(page, '#good-second'), 'ready');
    assert.match((await inspect(page, 'bad-first')).error, /^serie: unknown key/);

    // The same through the API: a failed update() of one chart, then the other updates.
    await mountChart(page, 'first', spec());
    await mountChart(page, 'second', spec());
    const secondBefore = await canvasDigest(page, 'second');
    const thrown = await page.evaluate(() => {
      try {
        window.charts.first.update({ series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-06', 1], ['2022-01-05', 2]]}] });
        return null;
      } catch (error) {
        return error.message;
      }
    });
    assert.match(thrown, /^series\[0\]\.points\[1\]\[0\]: times must be strictly ascending/);
    await page.evaluate((next) => window.charts.second.update(next), spec(5));
    const secondAfter = await canvasDigest(page, 'second');
    assert.notEqual(secondAfter.hash, secondBefore.hash, 'the second chart drew its new data');
    assert.ok(secondAfter.opaque > 1000);
    // The first kept its old chart and still answers.
    assert.equal(await page.evaluate(() => window.charts.first.readout(1).entries[0].value), 181);
    await page.evaluate(() => {
      for (const name of ['first', 'second']) window.charts[name].destroy();
      document.getElementById('bad-first').remove();
      document.getElementById('good-second').remove();
    });
  });

  test('a trap in the engine during a redraw: that element shows it, the other chart goes on', async () => {
    await addElement(page, 'trap-a', { spec: spec() });
    await addElement(page, 'trap-b', { spec: spec(2) });
    assert.equal(await waitForState(page, '#trap-a'), 'ready');
    assert.equal(await waitForState(page, '#trap-b'), 'ready');
    const result = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      const a = document.getElementById('trap-a');
      const b = document.getElementById('trap-b');
      const target = a.chart.canvas;
      const draw = ChartCore.prototype.draw;
      // What a Rust panic looks like from JS: the call traps with "unreachable".
      ChartCore.prototype.draw = function (canvas, ...rest) {
        if (canvas === target) throw new WebAssembly.RuntimeError('unreachable');
        return draw.call(this, canvas, ...rest);
      };
      try {
        a.style.width = '500px'; // the ResizeObserver redraws: it traps
        b.style.width = '520px'; // and this one redraws as usual
        // Wait for both outcomes (not the clock): a shows its error, b has redrawn at 520 px.
        await new Promise((done, fail) => {
          const started = performance.now();
          const check = () => {
            if (a.dataset.state === 'error' && b.chart?.canvas.width === 520) done();
            else if (performance.now() - started > 10_000) fail(new Error(`a ${a.dataset.state}, b ${b.chart?.canvas.width}`));
            else requestAnimationFrame(check);
          };
          check();
        });
      } finally {
        ChartCore.prototype.draw = draw;
      }
      const bCanvas = b.chart?.canvas;
      const updated = (() => {
        try {
          b.chart.update({ ...JSON.parse(b.querySelector('script').textContent), title: 'Updated after the trap' });
          return true;
        } catch (error) {
          return error.message;
        }
      })();
      return {
        aState: a.dataset.state,
        aError: a.shadowRoot.querySelector('.error-message').textContent,
        aEvents: window.chartEvents['trap-a'].map((event) => event.message),
        aCanvas: a.shadowRoot.querySelector('canvas') !== null,
        bState: b.dataset.state,
        bEvents: window.chartEvents['trap-b'].map((event) => event.message),
        bWidth: Math.round(bCanvas.getBoundingClientRect().width),
        bBackingWidth: bCanvas.width,
        updated,
      };
    });
    assert.equal(result.aState, 'error');
    assert.match(result.aError, /^internal error in the chart engine \(unreachable\); please report it$/);
    assert.deepEqual(result.aEvents, [result.aError], 'one error event, with the message shown');
    assert.equal(result.aCanvas, false);
    assert.equal(result.bState, 'ready');
    assert.deepEqual(result.bEvents, []);
    assert.equal(result.bWidth, 520);
    assert.equal(result.bBackingWidth, 520, 'the other chart redrew at its new size');
    assert.equal(result.updated, true);
    // The other chart still reads out under the pointer.
    const box = await page.locator('#trap-b').boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await nextFrames(page);
    const tooltip = await page.evaluate(() => {
      const tip = document.getElementById('trap-b').shadowRoot.querySelector('.hoc-tooltip');
      return tip.hidden ? null : tip.textContent;
    });
    assert.match(tooltip ?? '', /Hash rate/);
    await page.mouse.move(0, 0);
  });

  test('a trap in a pointer move or a script call: reported, never thrown into the page; a new chart works', async () => {
    await addElement(page, 'trap-pointer', { spec: spec() });
    assert.equal(await waitForState(page, '#trap-pointer'), 'ready');
    await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      const readoutAt = ChartCore.prototype.readoutAt;
      ChartCore.prototype.readoutAt = function () {
        ChartCore.prototype.readoutAt = readoutAt; // once
        throw new WebAssembly.RuntimeError('unreachable');
      };
    });
    const box = await page.locator('#trap-pointer').boundingBox();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    assert.equal(await waitForState(page, '#trap-pointer', ['error']), 'error');
    const seen = await inspect(page, 'trap-pointer');
    assert.match(seen.error, /^internal error in the chart engine/);
    assert.equal(seen.events.length, 1);
    await page.mouse.move(0, 0);

    // From a script: the call throws the message; the chart stays stopped; others mount.
    await mountChart(page, 'scripted', spec());
    const scripted = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      const impact = ChartCore.prototype.impact;
      ChartCore.prototype.impact = function () {
        ChartCore.prototype.impact = impact;
        throw new WebAssembly.RuntimeError('unreachable');
      };
      const chart = window.charts.scripted;
      const attempt = (call) => {
        try {
          call();
          return 'returned';
        } catch (error) {
          return `${error.name}: ${error.message}`;
        }
      };
      const first = attempt(() => chart.impact());
      const later = attempt(() => chart.layout());
      chart.destroy();
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const fresh = await window.hoc.mount(host, document.getElementById('trap-b').querySelector('script').textContent);
      // A fresh chart computes as any other: the spec's one outage, with too few days before
      // it to measure (so the error says why), on a drawn canvas.
      const measured = fresh.impact();
      const works =
        measured.length === 1 &&
        measured[0].outage === 'Shutdown' &&
        /baseline value/.test(measured[0].error ?? '') &&
        fresh.canvas.width > 0;
      fresh.destroy();
      host.remove();
      return { first, later, works };
    });
    assert.match(scripted.first, /^EngineError: internal error in the chart engine/);
    assert.equal(scripted.later, scripted.first, 'after a trap the chart refuses further calls with the same message');
    assert.equal(scripted.works, true);
  });

  test('a spec URL that 404s or 500s names the URL and the status', async () => {
    await page.route('**/virtual/missing.json', (route) => route.fulfill({ status: 404, body: 'no' }));
    await page.route('**/virtual/broken.json', (route) => route.fulfill({ status: 500, body: 'oops' }));
    await addElement(page, 'url-404', { attributes: { src: '/virtual/missing.json' } });
    await addElement(page, 'url-500', { attributes: { src: '/virtual/broken.json' } });
    assert.equal(await waitForState(page, '#url-404'), 'error');
    assert.equal(await waitForState(page, '#url-500'), 'error');
    const missing = await inspect(page, 'url-404');
    const broken = await inspect(page, 'url-500');
    assert.match(missing.error, new RegExp(`^Could not load the chart spec from ${harness.url('/virtual/missing.json')}: HTTP 404`));
    assert.match(broken.error, /^Could not load the chart spec from http:\/\/127\.0\.0\.1:\d+\/virtual\/broken\.json: HTTP 500/);
    assert.deepEqual(missing.events, [missing.error]);
    assert.equal(missing.loadingShown, false);
  });

  test('a network failure and a CORS block say so', async () => {
    await page.route('**/virtual/unreachable.json', (route) => route.abort('connectionrefused'));
    // Another origin (localhost vs 127.0.0.1) that sends no Access-Control-Allow-Origin.
    const crossOrigin = harness.url(SMALL_SPEC_URL).replace('127.0.0.1', 'localhost');
    await addElement(page, 'url-down', { attributes: { src: '/virtual/unreachable.json' } });
    // Allowed by the page (allow-origins), but the server sends no CORS header.
    await addElement(page, 'url-cors', { attributes: { src: crossOrigin, 'allow-origins': new URL(crossOrigin).origin } });
    assert.equal(await waitForState(page, '#url-down'), 'error');
    assert.equal(await waitForState(page, '#url-cors'), 'error');
    const expected = "network error, or blocked by CORS or the page's Content-Security-Policy";
    assert.equal((await inspect(page, 'url-down')).error, `Could not load the chart spec from ${harness.url('/virtual/unreachable.json')}: ${expected}`);
    assert.equal((await inspect(page, 'url-cors')).error, `Could not load the chart spec from ${crossOrigin}: ${expected}`);
  });

  test('a URL that never answers times out with the timeout attribute (ms)', async () => {
    await page.route('**/virtual/never.json', () => {}); // never fulfilled
    const started = Date.now();
    await addElement(page, 'url-never', { attributes: { src: '/virtual/never.json', timeout: '500' } });
    assert.equal(await waitForState(page, '#url-never', ['error'], 5000), 'error');
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 450 && elapsed < 3000, `timed out after ${elapsed} ms`);
    assert.equal((await inspect(page, 'url-never')).error, `Could not load the chart spec from ${harness.url('/virtual/never.json')}: no answer within 0.5 s`);
  });

  test('an answer that is not JSON says so, with the status and content type', async () => {
    await page.route('**/virtual/page.json', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>Sign in</p>' }),
    );
    await addElement(page, 'url-html', { attributes: { src: '/virtual/page.json' } });
    assert.equal(await waitForState(page, '#url-html'), 'error');
    const seen = await inspect(page, 'url-html');
    assert.match(seen.error, /^The chart spec at http:\/\/127\.0\.0\.1:\d+\/virtual\/page\.json is not JSON \(HTTP 200, text\/html\): /);
    assert.equal(await page.evaluate(() => document.getElementById('url-html').shadowRoot.querySelectorAll('p').length), 3,
      'the HTML answer added no elements (loading, error title and message only)');
  });

  test('a slow URL shows "Loading chart…" with data-state=loading, then the chart', async () => {
    let release;
    let asked;
    const released = new Promise((resolve) => (release = resolve));
    const requested = new Promise((resolve) => (asked = resolve));
    await page.route('**/virtual/slow.json', async (route) => {
      asked();
      await released;
      await route.fulfill({ path: new URL(`../..${SMALL_SPEC_URL}`, import.meta.url).pathname, contentType: 'application/json' });
    });
    await addElement(page, 'url-slow', { attributes: { src: '/virtual/slow.json' } });
    await requested; // the element is waiting for its answer
    await nextFrames(page);
    const loading = await inspect(page, 'url-slow');
    assert.equal(loading.state, 'loading');
    assert.equal(loading.loadingShown, true);
    assert.equal(loading.loadingText, 'Loading chart…');
    release();
    assert.equal(await waitForState(page, '#url-slow'), 'ready');
    const ready = await inspect(page, 'url-slow');
    assert.equal(ready.loadingShown, false);
  });

  test('only the given URL and the module’s own files are fetched', async () => {
    const requests = [];
    const { page: fresh } = await openBlank(harness, { beforeGoto: (page) => page.on('request', (request) => requests.push(request.url())) });
    try {
      await addElement(fresh, 'fetched', { attributes: { src: SMALL_SPEC_URL } });
      assert.equal(await waitForState(fresh, '#fetched'), 'ready');
      await deferredWorkDone(fresh); // what the chart does after it is ready has been done: anything late is in
      const paths = requests.map((url) => {
        const parsed = new URL(url);
        assert.equal(parsed.origin, harness.origin, `a request left the page's origin: ${url}`);
        return parsed.pathname;
      });
      const own = paths.filter((path) => /^\/www\/[a-z-]+\.js$/.test(path) || /^\/www\/pkg\/hashrate_outage_chart(_bg\.wasm|\.js)$/.test(path));
      const others = paths.filter((path) => !own.includes(path));
      assert.deepEqual(others, ['/tests/browser/pages/blank.html', SMALL_SPEC_URL]);
      assert.ok(own.includes('/www/pkg/hashrate_outage_chart_bg.wasm'));
      assert.equal(new Set(paths).size, paths.length, `something was fetched twice: ${paths.join(', ')}`);
    } finally {
      await fresh.close();
    }
  });

  test('no uncaught exceptions; console errors are only the failures asked for', async () => {
    const unexpected = watcher.unexpected([
      '/virtual/',
      'small.json', // the CORS block
      /Access-Control-Allow-Origin|CORS policy/,
      /hashrate-outage-chart: EngineError/,
      /^Failed to load resource: (the server responded with a status of (404|500)|net::ERR_CONNECTION_REFUSED|net::ERR_FAILED)/,
    ]);
    assert.deepEqual(unexpected, { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  test('a real Rust panic: the hook records its message and only that chart shows it', async () => {
    // The module built with the test-only `testPanic` export (make build-test-panic), served
    // in place of the shipped one for this page.
    const { page } = await openBlank(harness, {
      beforeGoto: (page) =>
        page.route(/\/www\/pkg\/(hashrate_outage_chart[^/?]*)$/, async (route) => {
          const name = new URL(route.request().url()).pathname.split('/').pop();
          const body = await readFile(join(ROOT, 'www/pkg-test-panic', name));
          await route.fulfill({ status: 200, body, contentType: name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
        }),
    });
    await mountChart(page, 'victim', spec(), { hostStyle: 'width: 600px' });
    await mountChart(page, 'bystander', spec(1), { hostStyle: 'width: 600px' });
    const outcome = await page.evaluate(async () => {
      const glue = await import('/www/pkg/hashrate_outage_chart.js');
      const { victim, bystander } = window.charts;
      const impact = glue.ChartCore.prototype.impact;
      // This chart's next call into the engine hits a real panic inside Rust.
      glue.ChartCore.prototype.impact = function () {
        glue.ChartCore.prototype.impact = impact;
        glue.testPanic('boom: a bug in the engine');
      };
      let message;
      try {
        victim.impact();
      } catch (error) {
        message = `${error.name}: ${error.message}`;
      }
      return { message, exported: typeof glue.testPanic, bystander: bystander.impact().length };
    });
    assert.equal(outcome.exported, 'function', 'the test build has the panicking export');
    assert.match(outcome.message, /^EngineError: internal error \(please report\): panicked at src\/web\/mod\.rs:\d+:\d+:\nboom: a bug in the engine$/);
    assert.equal(outcome.bystander, 1, 'the other chart keeps working');
    await page.close();
  });
});
