import { chromium } from 'playwright-core';
import { startServer } from './harness.mjs';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const out = { load: [], mount: [] };
for (let i = 0; i < 9; i++) {
  const context = await browser.newContext({ viewport: { width: 1700, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.origin}/bench/page.html`);
  await page.waitForFunction(() => window.bench?.ready === true);
  const r = await page.evaluate(async () => {
    const data = window.bench.makeData(6000);
    const t0 = performance.now();
    const mod = await import('/www/index.min.js');
    const glue = await import('/www/pkg/hashrate_outage_chart.js');
    await glue.default({ module_or_path: new URL('/www/pkg/hashrate_outage_chart_bg.wasm', location.href) });
    const t1 = performance.now();
    const el = document.createElement('div'); document.getElementById('stage').append(el);
    const chart = await mod.mount(el, { title: 'Benchmark', series: [{ id: 'h', label: 'Hash rate', unit: 'EH/s', t: data.t, v: data.v }] }, { height: 600, theme: 'light' });
    chart.canvas.getContext('2d').getImageData(0, 0, 1, 1);
    return { load: t1 - t0, mount: performance.now() - t1 };
  });
  out.load.push(r.load); out.mount.push(r.mount);
  await context.close();
}
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1].toFixed(1);
console.log('median load', med(out.load), 'mount', med(out.mount));
await browser.close(); process.exit(0);
