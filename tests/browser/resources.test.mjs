//! Resources in each Playwright engine: 1,000 update() calls of 100,000 points and 1,000 resizes
//! leave the wasm memory and (Chromium) the JS heap where they were after warm-up; destroy() (and
//! removing the element) takes back every listener and observer and frees the core; 20
//! charts on one page render and answer the pointer.
//!
//! HOC_RESOURCE_UPDATES=N shortens the update loop while iterating (default 1,000, the
//! issue's number; it takes about 150 ms an update, most of it in the core's parse and table).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE, mountChart, nextFrames, openBlank, startHarness } from './harness.mjs';

const UPDATES = Number(process.env.HOC_RESOURCE_UPDATES) || 1000;
// The allocator's high-water mark is reached within the first quarter of the updates, but not
// always by the 100th: measured 11.25 MiB from the 100th update on with one allocation order,
// from the 250th (9.63 MiB at the 100th) with another, and flat at 11.25 MiB to the end in
// both. Warm up for the first quarter; growth after it is still held to 1 MiB.
const WARM_UP = Math.floor(UPDATES / 4);
const POINTS = 100_000;
const MiB = 1024 * 1024;

// The JS heap is read in Chromium only: Firefox gives a page neither a way to force a full
// collection (gc()) nor its heap size (performance.memory); measureUserAgentSpecificMemory() is
// Chromium's too. The wasm linear memory, the chart's own allocations, is read in both.
const HEAP_MEASURED = ENGINE === 'chromium';

/** JS heap after a full collection (null where not measurable), and the wasm linear memory, in bytes. */
function sample(page) {
  return page.evaluate((heapMeasured) => {
    if (heapMeasured) {
      window.gc();
      window.gc();
    }
    return { heap: heapMeasured ? performance.memory.usedJSHeapSize : null, wasm: window.hoc.Chart.wasmMemoryBytes() };
  }, HEAP_MEASURED);
}

const mib = (bytes) => `${(bytes / MiB).toFixed(2)} MiB`;

describe('resources', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
    ({ page } = await openBlank(harness));
  });

  after(async () => {
    await harness?.close();
  });

  test(`${UPDATES} updates of ${POINTS} points and 1,000 resizes: wasm memory${HEAP_MEASURED ? " and JS heap" : ""} plateau`, { timeout: 600_000 }, async () => {
    await mountChart(page, 'big', { series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-01', 1]] }] });
    await page.evaluate((points) => {
      // Generated once (columns form); each update changes one value so every spec differs.
      const start = Date.UTC(2010, 0, 1);
      const t = new Array(points);
      const v = new Array(points);
      for (let i = 0; i < points; i++) {
        t[i] = start + i * 3_600_000;
        v[i] = 150 + 20 * Math.sin(i / 500);
      }
      window.bigSpec = { title: 'Memory test', series: [{ id: 'h', unit: 'EH/s', t, v }] };
      window.updatesDone = 0;
      window.updateBatch = (count) => {
        const chart = window.charts.big;
        for (let k = 0; k < count; k++) {
          window.bigSpec.series[0].v[window.updatesDone % points] += 1;
          chart.update(window.bigSpec);
          window.updatesDone += 1;
        }
        return chart.readoutCount;
      };
    }, POINTS);
    const started = Date.now();
    const samples = [];
    for (let done = 0; done < UPDATES; ) {
      const batch = Math.min(50, UPDATES - done);
      assert.equal(await page.evaluate((count) => window.updateBatch(count), batch), POINTS);
      done += batch;
      if (done === WARM_UP || done % 250 === 0 || done === UPDATES) samples.push({ after: done, ...(await sample(page)) });
    }
    const updateSeconds = (Date.now() - started) / 1000;
    const resizeStarted = Date.now();
    const resized = await page.evaluate(() => {
      const chart = window.charts.big;
      const widths = new Set();
      for (let k = 0; k < 1000; k++) {
        chart.element.style.width = `${320 + ((k * 37) % 600)}px`;
        chart.resize();
        widths.add(chart.canvas.width);
      }
      return widths.size;
    });
    const resizeSeconds = (Date.now() - resizeStarted) / 1000;
    samples.push({ after: `${UPDATES} + 1000 resizes`, ...(await sample(page)) });
    const warm = samples[0];
    const end = samples[samples.length - 1];
    console.log(`# ${UPDATES} updates: ${updateSeconds.toFixed(1)} s; 1,000 resizes: ${resizeSeconds.toFixed(1)} s`);
    for (const s of samples) {
      const heap = HEAP_MEASURED ? mib(s.heap) : `not measurable in ${ENGINE}`;
      console.log(`#   after ${s.after}: JS heap ${heap}, wasm memory ${mib(s.wasm)}`);
    }
    assert.ok(resized > 100, 'the resizes drew at many widths');
    // Wasm memory never shrinks, so a leak shows as growth once the free space of the
    // warm-up high-water mark is used up: none at all is allowed beyond it but 1 MiB (16
    // pages) of allocator slack, far less than one update's 3.3 MB of JSON text.
    assert.ok(end.wasm - warm.wasm <= 1 * MiB, `wasm memory grew from ${mib(warm.wasm)} to ${mib(end.wasm)}`);
    // After a full GC the heap holds the spec (~1.6 MB of arrays) and one chart's DOM; 2 MiB
    // of growth would be 2 KB kept per update (an old spec's text alone is 3.3 MB).
    if (HEAP_MEASURED) assert.ok(end.heap - warm.heap <= 2 * MiB, `JS heap grew from ${mib(warm.heap)} to ${mib(end.heap)}`);
    await page.evaluate(() => {
      window.charts.big.destroy();
      window.bigSpec = null;
    });
  });

  test('destroy() and removing the element take back listeners and observers and free the core', async () => {
    const seen = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      // Count what charts attach outside their own DOM: window, document.fonts, media queries.
      const live = new Map();
      const kind = (target) =>
        target === window ? 'window' : target === document.fonts ? 'fonts' : target instanceof MediaQueryList ? 'media' : null;
      const { addEventListener, removeEventListener } = EventTarget.prototype;
      EventTarget.prototype.addEventListener = function (type, listener, options) {
        const k = kind(this);
        if (k) live.set(k, (live.get(k) ?? 0) + 1);
        return addEventListener.call(this, type, listener, options);
      };
      EventTarget.prototype.removeEventListener = function (type, listener, options) {
        const k = kind(this);
        if (k) live.set(k, (live.get(k) ?? 0) - 1);
        return removeEventListener.call(this, type, listener, options);
      };
      let observing = 0;
      const { observe, disconnect } = ResizeObserver.prototype;
      ResizeObserver.prototype.observe = function (...args) {
        observing += 1;
        return observe.apply(this, args);
      };
      ResizeObserver.prototype.disconnect = function () {
        observing -= 1;
        return disconnect.call(this);
      };
      let draws = 0;
      let frees = 0;
      const { draw, free } = ChartCore.prototype;
      ChartCore.prototype.draw = function (...args) {
        draws += 1;
        return draw.apply(this, args);
      };
      ChartCore.prototype.free = function () {
        frees += 1;
        return free.call(this);
      };
      const frames = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      const snapshot = () => ({ listeners: Object.fromEntries([...live].filter(([, n]) => n !== 0)), observing });
      try {
        const spec = { series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 170], ['2022-01-05', 181]] }] };
        const host = document.createElement('div');
        host.style.width = '600px';
        document.body.append(host);
        const chart = await window.hoc.mount(host, spec);
        await frames();
        const mounted = snapshot();
        chart.destroy();
        const destroyed = snapshot();
        const drawsBefore = draws;
        host.style.width = '400px';
        await frames();
        let call;
        try {
          chart.resize();
          call = 'no error';
        } catch (error) {
          call = error.message;
        }
        const apiResult = { canvasGone: host.querySelector('canvas') === null && chart.canvas === null, call, drawsAfterResize: draws - drawsBefore, frees };

        // The element: removing it destroys its chart.
        const element = document.createElement('hashrate-outage-chart');
        element.setAttribute('loading', 'eager'); // one of many on this page: no wait for the viewport
        element.style.width = '600px';
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = JSON.stringify(spec);
        element.append(script);
        document.body.append(element);
        if ((await window.settledState(element)) !== 'ready') throw new Error(`the element: ${element.dataset.state}`);
        const elementChart = element.chart;
        const elementMounted = snapshot();
        element.remove();
        await frames();
        const elementRemoved = snapshot();
        return {
          mounted,
          destroyed,
          apiResult,
          elementMounted,
          elementRemoved,
          elementChartGone: elementChart.canvas === null && element.chart === null,
          frees,
        };
      } finally {
        Object.assign(EventTarget.prototype, { addEventListener, removeEventListener });
        Object.assign(ResizeObserver.prototype, { observe, disconnect });
        Object.assign(ChartCore.prototype, { draw, free });
      }
    });
    assert.ok(seen.mounted.observing === 1 && seen.mounted.listeners.window >= 2 && seen.mounted.listeners.media >= 2,
      `a mounted chart watches the page: ${JSON.stringify(seen.mounted)}`);
    assert.deepEqual(seen.destroyed, { listeners: {}, observing: 0 });
    assert.deepEqual(seen.apiResult, { canvasGone: true, call: 'This chart was destroyed', drawsAfterResize: 0, frees: 1 });
    assert.ok(seen.elementMounted.observing === 1, JSON.stringify(seen.elementMounted));
    assert.deepEqual(seen.elementRemoved, { listeners: {}, observing: 0 });
    assert.equal(seen.elementChartGone, true);
    assert.equal(seen.frees, 2);
  });

  test('mounting and destroying 60 charts of 100,000 points keeps the wasm memory flat', { timeout: 120_000 }, async () => {
    const measured = await page.evaluate(async (points) => {
      const start = Date.UTC(2010, 0, 1);
      const spec = { series: [{ id: 'h', unit: 'EH/s', t: Array.from({ length: points }, (_, i) => start + i * 3_600_000), v: Array.from({ length: points }, (_, i) => i % 200) }] };
      const text = JSON.stringify(spec);
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const memory = [];
      for (let k = 1; k <= 60; k++) {
        const chart = await window.hoc.mount(host, text);
        chart.destroy();
        if (k === 10 || k === 60) memory.push(window.hoc.Chart.wasmMemoryBytes());
      }
      host.remove();
      return memory;
    }, POINTS);
    console.log(`# mount+destroy: wasm memory after 10 charts ${mib(measured[0])}, after 60 ${mib(measured[1])}`);
    // A chart that kept its parsed spec (~2.4 MB for 100,000 points) would add 120 MB here.
    assert.ok(measured[1] - measured[0] <= 1 * MiB, JSON.stringify(measured));
  });

  test('20 charts on one page render, and the last answers the pointer within two frames', async () => {
    const { page: crowded } = await openBlank(harness);
    try {
      const started = Date.now();
      await crowded.evaluate(async () => {
        for (let k = 0; k < 20; k++) {
          const element = document.createElement('hashrate-outage-chart');
          element.setAttribute('loading', 'eager'); // one of many on this page: no wait for the viewport
          element.id = `chart-${k}`;
          element.style.width = '480px';
          element.setAttribute('height', '240');
          const script = document.createElement('script');
          script.type = 'application/json';
          const points = Array.from({ length: 200 }, (_, i) => [Date.UTC(2022, 0, 1) + i * 3_600_000, 150 + ((i * (k + 3)) % 40)]);
          script.textContent = JSON.stringify({ title: `Chart ${k + 1}`, series: [{ id: 'h', label: `Series ${k + 1}`, unit: 'EH/s', points }] });
          element.append(script);
          document.body.append(element);
        }
        const states = await Promise.all([...document.querySelectorAll('hashrate-outage-chart')].map((e) => window.settledState(e)));
        if (states.includes('error')) throw new Error(`a chart failed: ${states}`);
      });
      const readyMs = Date.now() - started;
      const inked = await crowded.evaluate(() =>
        [...document.querySelectorAll('hashrate-outage-chart')].map((element) => {
          const canvas = element.chart.canvas;
          const [r, g, b] = element.chart.layout().colors.background;
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          let count = 0;
          for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 48) count++;
          return count;
        }),
      );
      assert.equal(inked.length, 20);
      assert.ok(inked.every((n) => n > 500), `every chart drew: ${inked}`);
      const last = crowded.locator('#chart-19');
      await last.scrollIntoViewIfNeeded();
      const box = await last.boundingBox();
      await crowded.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
      await nextFrames(crowded);
      const tooltip = await crowded.evaluate(() => {
        const tip = document.getElementById('chart-19').shadowRoot.querySelector('.hoc-tooltip');
        return tip.hidden ? null : tip.textContent;
      });
      assert.match(tooltip ?? '(hidden)', /Series 20/);
      console.log(`# 20 charts ready in ${readyMs} ms`);
    } finally {
      await crowded.close();
    }
  });
});
