//! The in-page half of the benchmark (bench/run.mjs drives it): the same data on the same
//! canvas size for this widget, uPlot and Chart.js, each at its fastest documented settings
//! (no animation; decimation on where the library has it), every timing ending after the
//! pixels exist (a one-pixel getImageData), uPlot's after its `draw` hook (it commits in a
//! microtask after setData).

const WIDTH = 1600;
const HEIGHT = 600;

/** Deterministic data: `n` points a minute apart with noise and a dip, times in Unix ms. */
export function makeData(n, seed = 1) {
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let s = seed >>> 0;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
  let y = 176;
  for (let i = 0; i < n; i++) {
    t[i] = 1_640_995_200_000 + i * 60_000;
    y += (rand() - 0.5) * 2 - (y - 176) * 0.01;
    v[i] = i > n * 0.6 && i < n * 0.62 ? y * 0.87 : y;
  }
  return { t, v };
}

const stage = () => document.getElementById('stage');
const pixel = (canvas) => canvas.getContext('2d').getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1).data[3];

/** Loads Chart.js's UMD build once (its ESM build needs a bundler for @kurkle/color). */
function loadChartJs() {
  if (window.Chart) return Promise.resolve(window.Chart);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/chart.js/dist/chart.umd.min.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = reject;
    document.head.append(script);
  });
}

/** Creates a chart of `lib` with `data`; returns { redraw(data), pointer(x), canvas, destroy }. */
export async function create(lib, data) {
  const host = stage();
  host.replaceChildren();
  if (lib === 'ours' || lib === 'ours-update') {
    const { mount } = await import('/www/index.min.js'); // as a page with the script tag loads it
    const el = document.createElement('div');
    host.append(el);
    const chart = await mount(el, { title: 'Benchmark', series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t: data.t, v: data.v }] }, { height: HEIGHT, theme: 'light' });
    const overlay = el.querySelectorAll('canvas')[1];
    return {
      canvas: chart.canvas,
      // Our two API paths: setColumns, and update() with the whole spec (typed arrays).
      redraw(next) {
        if (lib === 'ours') chart.setColumns(0, next.t, next.v);
        else chart.update({ title: 'Benchmark', series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t: next.t, v: next.v }] });
        return pixel(chart.canvas);
      },
      pointer(index) {
        chart.showReadout(index);
        return pixel(overlay);
      },
      destroy: () => chart.destroy(),
    };
  }
  if (lib === 'uplot') {
    const { default: uPlot } = await import('/node_modules/uplot/dist/uPlot.esm.js');
    let drawn = null;
    const opts = {
      width: WIDTH, height: HEIGHT, title: 'Benchmark',
      scales: { x: { time: true } },
      series: [{}, { label: 'Hash rate', stroke: '#1652a0', width: STROKE_PX, points: { show: false } }],
      hooks: { draw: [() => drawn?.()] },
    };
    const toU = (d) => [Float64Array.from(d.t, (x) => x / 1000), d.v];
    const afterDraw = () => new Promise((resolve) => { drawn = resolve; });
    let wait = afterDraw();
    const u = new uPlot(opts, toU(data), host);
    await wait;
    const canvas = host.querySelector('canvas');
    return {
      canvas,
      prepare: (d) => ({ u: toU(d) }),
      async redraw(next) {
        wait = afterDraw();
        u.setData(next.u ?? toU(next));
        await wait;
        return pixel(canvas);
      },
      pointer(index) {
        const left = u.valToPos(u.data[0][index], 'x');
        u.setCursor({ left, top: HEIGHT / 3 });
        return pixel(canvas);
      },
      destroy: () => u.destroy(),
    };
  }
  if (lib === 'chartjs') {
    const Chart = await loadChartJs();
    const canvas = document.createElement('canvas');
    // With `responsive: false` Chart.js draws at the canvas element's own size: give it the
    // benchmark's (the default would be 300 × 150, a twentieth of the pixels).
    canvas.width = WIDTH * window.devicePixelRatio;
    canvas.height = HEIGHT * window.devicePixelRatio;
    canvas.style.width = `${WIDTH}px`;
    canvas.style.height = `${HEIGHT}px`;
    const box = document.createElement('div');
    box.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;position:relative`;
    box.append(canvas);
    host.append(box);
    const toC = (d) => Array.from(d.t, (x, i) => ({ x, y: d.v[i] }));
    let current = data.t; // the full times shown (the decimation plugin swaps the dataset's array)
    const chart = new Chart(canvas, {
      type: 'line',
      data: { datasets: [{ label: 'Hash rate', data: toC(data), borderColor: '#1652a0', borderWidth: STROKE_PX, pointRadius: 0, indexAxis: 'x' }] },
      options: {
        animation: false, parsing: false, normalized: true, spanGaps: true, responsive: false, maintainAspectRatio: false,
        devicePixelRatio: window.devicePixelRatio,
        interaction: { mode: 'nearest', axis: 'x', intersect: false },
        scales: { x: { type: 'linear' }, y: { type: 'linear' } },
        plugins: { decimation: { enabled: true, algorithm: 'min-max' }, legend: { display: false }, title: { display: true, text: 'Benchmark' } },
      },
    });
    return {
      canvas,
      prepare: (d) => ({ c: toC(d) }),
      redraw(next) {
        current = next.t;
        chart.data.datasets[0].data = next.c ?? toC(next);
        chart.update('none');
        return pixel(canvas);
      },
      pointer(index) {
        const x = chart.scales.x.getPixelForValue(current[index]);
        const rect = canvas.getBoundingClientRect();
        // Chart.js handles the event on the next animation frame; run its handler directly.
        chart._eventHandler({ type: 'mousemove', native: new MouseEvent('mousemove', { clientX: rect.left + x, clientY: rect.top + HEIGHT / 3 }), x, y: HEIGHT / 3 });
        chart.render();
        return pixel(canvas);
      },
      destroy: () => chart.destroy(),
    };
  }
  throw new Error(`unknown library ${lib}`);
}

/** What each library draws on, to check the comparison is fair: backing store, CSS size, stroke. */
export const STROKE_PX = 2;
export function surface(chart) {
  const box = chart.canvas.getBoundingClientRect();
  return { backing: [chart.canvas.width, chart.canvas.height], css: [Math.round(box.width), Math.round(box.height)], stroke: STROKE_PX };
}

/** Peak-ish memory now: JS heap (precise with --enable-precise-memory-info) and wasm memory. */
export async function memory() {
  const heap = performance.memory?.usedJSHeapSize ?? 0;
  let wasm = 0;
  try {
    const { Chart } = await import('/www/index.min.js');
    wasm = typeof Chart.wasmMemoryBytes === 'function' ? Chart.wasmMemoryBytes() : 0;
  } catch {
    wasm = 0;
  }
  return { heap, wasm };
}

window.bench = { makeData, create, memory, surface, ready: true };
