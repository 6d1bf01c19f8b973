import { chromium } from 'playwright-core';
import { startServer } from './harness.mjs';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const self = new Map(); let total = 0;
for (let run = 0; run < 5; run++) {
const context = await browser.newContext({ viewport: { width: 1700, height: 900 } });
const page = await context.newPage();
await page.goto(`${server.origin}/bench/page.html`);
await page.waitForFunction(() => window.bench?.ready === true);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
total += await page.evaluate(async () => {
  const data = window.bench.makeData(6000);
  const t0 = performance.now();
  const chart = await window.bench.create('ours', data);
  chart.canvas.getContext('2d').getImageData(0, 0, 1, 1);
  return performance.now() - t0;
});
const { profile } = await cdp.send('Profiler.stop');
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map(n => [n.id, n]));
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`; self.set(k, (self.get(k) || 0) + (dt[i] || 0) / 1000 / 5); });
await context.close();
}
console.log('mean total', (total / 5).toFixed(1));
[...self].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log(v.toFixed(1).padStart(7), k.slice(0, 120)));
await browser.close(); process.exit(0);
