//! `make bench`: renders the same data on the same canvas size with this widget, uPlot and
//! Chart.js in one headless Chromium run, in alternating order, and prints medians and the
//! ratios ours / uPlot and ours / Chart.js (see BENCHMARKS.md for the method). A benchmark,
//! not a test: it asserts nothing; it prints, and says by how much a target is missed.

import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../tests/browser/harness.mjs';

// Ours twice for the warm redraws: `ours` through setColumns, `ours-update` through update()
// with the whole spec (typed arrays). One `ours` for the cold start and the pointer.
const LIBS = ['ours', 'ours-update', 'uplot', 'chartjs'];
const SINGLE = ['ours', 'uplot', 'chartjs'];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
// Cold starts vary most from page to page (uPlot's own from 62 to 130 ms on one machine), so
// they get more rounds, and the run prints their spread as well as the medians.
const COLD_ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 15);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const order = (round, libs = LIBS) => libs.map((_, i) => libs[(i + round) % libs.length]);

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const pageUrl = `${server.origin}/bench/page.html`;

async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1700, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.bench?.ready === true);
  return { page, context };
}

const results = {};
const coldCpu = {};
const record = (scenario, lib, ms) => ((results[scenario] ??= {})[lib] ??= []).push(ms);

// 1. Cold first render of ~6,000 points, module instantiation included: a fresh page each time.
for (let round = 0; round < COLD_ROUNDS; round++) {
  for (const lib of order(round, SINGLE)) {
    const { page, context } = await openPage();
    // The main thread's CPU time in tasks over the same span (DevTools' TaskDuration, thread
    // ticks): what the page computed, apart from waiting for the network and other threads.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const taskSeconds = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
    await page.evaluate(() => (window.coldData = window.bench.makeData(6000))); // not in either figure
    const before = await taskSeconds();
    const ms = await page.evaluate(async (lib) => {
      const data = window.coldData;
      const t0 = performance.now();
      const chart = await window.bench.create(lib, data);
      chart.canvas.getContext('2d').getImageData(0, 0, 1, 1);
      return performance.now() - t0;
    }, lib);
    record('1. first render, 6,000 points (cold)', lib, ms);
    (coldCpu[lib] ??= []).push((await taskSeconds() - before) * 1000);
    await context.close();
  }
}

// 2–4. Warm: one page per library, created once, then alternating measurements.
const pages = {};
for (const lib of LIBS) {
  pages[lib] = await openPage();
  await pages[lib].page.evaluate(async (lib) => {
    const b = window.bench;
    window.sets = { 166650: [b.makeData(166650, 1), b.makeData(166650, 2)], 1000000: [b.makeData(1e6, 3), b.makeData(1e6, 4)] };
    window.chart = await b.create(lib, window.sets[166650][0]);
    if (window.chart.prepare) for (const list of Object.values(window.sets)) for (const d of list) Object.assign(d, window.chart.prepare(d));
  }, lib);
}
// Fairness: every library draws the same pixels (backing store, CSS size, stroke width), or
// the comparison means nothing: print it, and stop if it is not so.
const surfaces = {};
for (const lib of LIBS) surfaces[lib] = await pages[lib].page.evaluate(() => window.bench.surface(window.chart));
for (const lib of LIBS) {
  const s = surfaces[lib];
  console.log(`surface ${lib.padEnd(8)} backing ${s.backing.join(' × ')} px, CSS ${s.css.join(' × ')} px, stroke ${s.stroke} px`);
}
const reference = JSON.stringify(surfaces.ours);
const unfair = LIBS.filter((lib) => JSON.stringify({ ...surfaces[lib] }) !== reference);
if (unfair.length) {
  console.error(`unfair comparison: ${unfair.join(', ')} draw(s) a different surface than ours; no figures printed`);
  process.exit(1);
}
// The measured page is brought to the front first: a background page's timers and frames
// may be throttled, which would charge one library for the others.
const front = async (lib) => pages[lib].page.bringToFront();
// Work a library leaves for later (ours: the spoken summary and the table after the pixels)
// must not run during the next library's measurement on the other core: each measurement
// waits, untimed, until its page is idle.
const settle = (lib) => pages[lib].page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
const warm = async (lib, n, k) => {
  await front(lib);
  const ms = await pages[lib].page.evaluate(async ([n, k]) => {
    const data = window.sets[n][k % 2];
    const t0 = performance.now();
    await window.chart.redraw(data);
    return performance.now() - t0;
  }, [n, k]);
  await settle(lib);
  return ms;
};
// Peak memory: JS heap plus wasm linear memory, sampled after every scenario.
const peak = Object.fromEntries(LIBS.map((lib) => [lib, 0]));
const sample = async () => {
  for (const lib of LIBS) {
    const m = await pages[lib].page.evaluate(() => window.bench.memory());
    peak[lib] = Math.max(peak[lib], m.heap + m.wasm);
  }
};
await sample();
for (const [n, label] of [[166650, '2. redraw 166,650 points, 1600 × 600 (warm)'], [1000000, '3. 1,000,000 points as typed arrays (warm)']]) {
  for (const lib of LIBS) await warm(lib, n, 0); // warm-up
  for (let round = 0; round < ROUNDS; round++) for (const lib of order(round)) record(label, lib, await warm(lib, n, round + 1));
  await sample();
}
// Pointer moves at 1,000,000 points (the last data set drawn is the 1M one).
for (let round = 0; round < ROUNDS * 3; round++) {
  for (const lib of order(round, SINGLE)) {
    await front(lib);
    const ms = await pages[lib].page.evaluate(async (round) => {
      const index = 100_000 + round * 29_000;
      const t0 = performance.now();
      await window.chart.pointer(index);
      return performance.now() - t0;
    }, round);
    await settle(lib);
    record('4. one pointer move with read-out, 1,000,000 points', lib, ms);
  }
}
await sample();
const memoryMb = Object.fromEntries(LIBS.map((lib) => [lib, (peak[lib] / 1048576).toFixed(1)]));

// 5. Bytes a page downloads for the chart, gzip -9.
const gz = (files) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(ROOT, f)), { level: 9 }).length, 0);
const br = (files) =>
  files.reduce((sum, f) => sum + brotliCompressSync(readFileSync(join(ROOT, f)), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0);
const downloads = {
  // The script-tag path: the minified shell, the wasm glue and the chart module (the tools
  // module only on convert()); the peers' minified builds likewise.
  ours: ['www/index.min.js', 'www/pkg/hashrate_outage_chart.js', 'www/pkg/hashrate_outage_chart_bg.wasm'],
  'ours-update': ['www/index.min.js', 'www/pkg/hashrate_outage_chart.js', 'www/pkg/hashrate_outage_chart_bg.wasm'],
  uplot: ['node_modules/uplot/dist/uPlot.iife.min.js', 'node_modules/uplot/dist/uPlot.min.css'],
  chartjs: ['node_modules/chart.js/dist/chart.umd.min.js'],
};
const bytes = Object.fromEntries(LIBS.map((lib) => [lib, gz(downloads[lib])]));
const brotli = Object.fromEntries(LIBS.map((lib) => [lib, br(downloads[lib])]));

await browser.close();
await server.close();

// The table: both of our paths against the faster peer, issue 15's targets.
const targets = {
  '1. first render, 6,000 points (cold)': { uplot: 1.0 },
  '2. redraw 166,650 points, 1600 × 600 (warm)': { peer: 1.0 },
  '3. 1,000,000 points as typed arrays (warm)': { peer: 1.0 },
  '4. one pointer move with read-out, 1,000,000 points': { absolute: 2 },
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fmt = (x) => (x === undefined ? '–' : x.toFixed(1));
console.log(`Chromium ${browser.version?.() ?? ''}; ${ROUNDS} rounds (cold: ${COLD_ROUNDS}); medians in ms; "set" = setColumns, "upd" = update(spec)\n`);
console.log(`${pad('scenario', 54)}${lpad('ours set', 10)}${lpad('ours upd', 10)}${lpad('uPlot', 9)}${lpad('Chart.js', 10)}${lpad('set÷best', 10)}${lpad('upd÷best', 10)}  target`);
for (const [scenario, byLib] of Object.entries(results)) {
  const m = Object.fromEntries(LIBS.map((l) => [l, byLib[l] ? median(byLib[l]) : undefined]));
  const target = targets[scenario] ?? {};
  const best = target.uplot ? m.uplot : Math.min(m.uplot, m.chartjs);
  const ratios = ['ours', 'ours-update'].map((l) => (m[l] === undefined ? undefined : m[l] / best));
  const verdict = (r, ms) => {
    if (r === undefined) return null;
    if (target.absolute) return ms < target.absolute ? `met (< ${target.absolute} ms)` : `missed (${ms.toFixed(1)} ms)`;
    const limit = target.uplot ?? target.peer;
    const whom = target.uplot ? 'uPlot' : 'the faster peer';
    return r <= limit ? `met (≤ ${limit} × ${whom})` : `missed: ${r.toFixed(2)} × ${whom}`;
  };
  const verdicts = [verdict(ratios[0], m.ours), verdict(ratios[1], m['ours-update'])].filter(Boolean);
  const r = (x) => (x === undefined ? '–' : x.toFixed(2));
  console.log(`${pad(scenario, 54)}${lpad(fmt(m.ours), 10)}${lpad(fmt(m['ours-update']), 10)}${lpad(fmt(m.uplot), 9)}${lpad(fmt(m.chartjs), 10)}${lpad(target.absolute ? '' : r(ratios[0]), 10)}${lpad(target.absolute ? '' : r(ratios[1]), 10)}  ${verdicts.join('; ')}`);
}
// The cold row's spread: each round's ours ÷ uPlot (fresh pages a second apart), so a reader
// sees whether the median's verdict is firm or a coin toss.
{
  const cold = results['1. first render, 6,000 points (cold)'];
  const ratios = cold.ours.map((ms, i) => ms / cold.uplot[i]).sort((a, b) => a - b);
  const at = (f) => ratios[Math.floor((ratios.length - 1) * f)].toFixed(2);
  const met = ratios.filter((r) => r <= 1).length;
  console.log(`   cold, ${COLD_ROUNDS} rounds: ours ÷ uPlot per round ${at(0)}–${at(1)}, quartiles ${at(0.25)} / ${at(0.5)} / ${at(0.75)}; ≤ 1.0 in ${met} of ${ratios.length}`);
  const cpu = (lib) => median(coldCpu[lib]).toFixed(1);
  console.log(`   cold, main-thread CPU in tasks (medians, ms; the rest is time the main thread is not working): ours ${cpu('ours')}, uPlot ${cpu('uplot')}, Chart.js ${cpu('chartjs')}`);
}
const bu = bytes.ours / bytes.uplot;
const bc = bytes.ours / bytes.chartjs;
console.log(`\n${pad('5. bytes a page downloads, gzip -9', 54)}${lpad(bytes.ours, 10)}${lpad('', 10)}${lpad(bytes.uplot, 9)}${lpad(bytes.chartjs, 10)}   ${bu.toFixed(2)} × uPlot, ${bc.toFixed(2)} × Chart.js; issue 15's budget 110,000: ${bytes.ours <= 110000 ? 'met' : 'missed'}`);
console.log(`${pad('   the same, brotli -q 11', 54)}${lpad(brotli.ours, 10)}${lpad('', 10)}${lpad(brotli.uplot, 9)}${lpad(brotli.chartjs, 10)}`);
console.log(`${pad('peak JS heap + wasm memory, MB', 54)}${lpad(memoryMb.ours, 10)}${lpad(memoryMb['ours-update'], 10)}${lpad(memoryMb.uplot, 9)}${lpad(memoryMb.chartjs, 10)}`);
