//! `make bench BASE=<commit>`: this build against another commit's, both loaded in one
//! Chromium page and measured in turn, alternating which goes first. `scripts/base-build.sh`
//! builds the other commit's package into target/base/. What a reader's page does with a real
//! story (the Kazakhstan story of www/data, three outages and a note): its first draw with the
//! module warm, a resize through eight widths from 375 to 1600 px (each a layout and a draw),
//! a redraw of 166,650 points through setColumns on a chart without outages (the drawing), and
//! one of 20,000 minute points over the story's outages (their impacts measured again).
//! Prints the medians and ours ÷ base, and whether both builds drew the same pixels (a
//! refactor should); asserts nothing.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../tests/browser/harness.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
// The minute data over the outages took seconds a redraw before the one-pass design effect.
const ANALYSIS_ROUNDS = Number(process.env.BENCH_ANALYSIS_ROUNDS ?? 3);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const BUILDS = { ours: '/www/index.min.js', base: '/target/base/www/index.min.js' };

if (!existsSync(join(ROOT, 'target/base/www/index.min.js'))) {
  console.log('builds: no base build (make bench BASE=<commit> makes one); skipped');
  process.exit(0);
}
const story = JSON.parse(readFileSync(join(ROOT, 'www/data/kazakhstan-2022.json'), 'utf8'));
const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const context = await browser.newContext({ viewport: { width: 1700, height: 1000 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(`${server.origin}/bench/builds.html`);

// Both builds' modules and a chart of each, set up once; each keeps its own wasm instance.
await page.evaluate(async ([builds, story]) => {
  const pixel = (canvas) => canvas.getContext('2d').getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data[3];
  // The peers' benchmark's data (bench/bench.js): a noisy walk a minute apart, with a dip.
  const { makeData } = await import('/bench/bench.js');
  const big = [makeData(166650, 1), makeData(166650, 2)];
  const minutes = [makeData(20000, 3), makeData(20000, 4)];
  const stage = document.getElementById('stage');
  const host = () => {
    const el = document.createElement('div');
    el.style.width = '800px';
    stage.append(el);
    return el;
  };
  const modules = {};
  for (const [name, url] of Object.entries(builds)) modules[name] = await import(url);
  const charts = {};
  const plain = {};
  const plainSpec = { title: 'Benchmark', series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t: [1_640_995_200_000], v: [176] }] };
  for (const name of Object.keys(builds)) {
    const el = host();
    charts[name] = { el, chart: await modules[name].mount(el, story, { height: 480, theme: 'light' }) };
    plain[name] = await modules[name].mount(host(), plainSpec, { height: 480, theme: 'light' });
  }
  window.run = {
    async first(name) {
      const el = host();
      const t0 = performance.now();
      const chart = await modules[name].mount(el, story, { height: 480, theme: 'light' });
      pixel(chart.canvas);
      const ms = performance.now() - t0;
      chart.destroy();
      el.remove();
      return ms;
    },
    resize(name) {
      const { el, chart } = charts[name];
      const t0 = performance.now();
      for (const w of [375, 480, 640, 800, 960, 1120, 1280, 1600]) {
        el.style.width = `${w}px`;
        chart.resize();
        pixel(chart.canvas);
      }
      const ms = performance.now() - t0;
      el.style.width = '800px';
      chart.resize();
      return ms;
    },
    redraw(name, k) {
      const chart = plain[name];
      const t0 = performance.now();
      chart.setColumns(0, big[k % 2].t, big[k % 2].v);
      pixel(chart.canvas);
      return performance.now() - t0;
    },
    // The story's chart with minute data: its outages' impacts are measured again.
    analyse(name, k) {
      const { chart } = charts[name];
      const t0 = performance.now();
      chart.setColumns(0, minutes[k % 2].t, minutes[k % 2].v);
      pixel(chart.canvas);
      return performance.now() - t0;
    },
    // The story at 800 × 480 as drawn: the canvas's pixels, hashed.
    async pixels(name) {
      const { chart } = charts[name];
      const c = chart.canvas;
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const digest = await crypto.subtle.digest('SHA-256', data);
      return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 16);
    },
  };
}, [BUILDS, story]);

const settle = () => page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 })));
const same = await page.evaluate(async () => [await window.run.pixels('ours'), await window.run.pixels('base')]);
const results = {};
const record = (scenario, name, ms) => ((results[scenario] ??= { ours: [], base: [] })[name]).push(ms);
const names = (round) => (round % 2 ? ['base', 'ours'] : ['ours', 'base']);
for (let round = -1; round < ROUNDS; round++) {
  for (const name of names(round)) {
    const first = await page.evaluate((n) => window.run.first(n), name);
    await settle();
    const resize = await page.evaluate((n) => window.run.resize(n), name);
    await settle();
    if (round >= 0) record('first draw of the story, 800 × 480 (module warm)', name, first);
    if (round >= 0) record('resize the story through 8 widths, 375–1600 px', name, resize);
  }
}
for (const name of ['ours', 'base']) await page.evaluate((n) => window.run.redraw(n, 0), name); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const name of names(round)) {
    record('redraw 166,650 points (setColumns)', name, await page.evaluate(([n, k]) => window.run.redraw(n, k), [name, round + 1]));
    await settle();
  }
}
for (let round = 0; round < ANALYSIS_ROUNDS; round++) {
  for (const name of names(round)) {
    record('redraw 20,000 minute points over the outages', name, await page.evaluate(([n, k]) => window.run.analyse(n, k), [name, round]));
    await settle();
  }
}
const base = (await import('node:child_process')).execFileSync('git', ['-C', join(ROOT, 'target/base'), 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).trim();
await browser.close();
await server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\nThis build against ${base.slice(0, 72)}: one Chromium page, ${ROUNDS} rounds (${ANALYSIS_ROUNDS} for the minute data), medians in ms`);
console.log(`same pixels (the story at 800 × 480): ${same[0] === same[1] ? 'yes' : 'NO'} (${same.join(' / ')})`);
console.log(`${'scenario'.padEnd(52)}${'ours'.padStart(9)}${'base'.padStart(9)}${'ours÷base'.padStart(11)}`);
for (const [scenario, { ours, base }] of Object.entries(results)) {
  const [a, b] = [median(ours), median(base)];
  console.log(`${scenario.padEnd(52)}${a.toFixed(2).padStart(9)}${b.toFixed(2).padStart(9)}${(a / b).toFixed(2).padStart(11)}`);
}
