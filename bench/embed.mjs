//! `make bench` (after bench/run.mjs): how long a cold page waits for its chart when every
//! request takes `BENCH_LATENCY_MS` (50 by default; Chromium's network emulation):
//!   - the iframe page: `embed.html` as shipped (one bundled script, `embed.min.js`) against the
//!     same page loading `embed.js` and its module graph, as it was before;
//!   - the script tag: the README snippet, and the same with the `.wasm` preloaded by a
//!     `<link rel="preload" as="fetch" crossorigin>` (what the README advises against: Safari
//!     downloads the module twice; Chromium takes the preload).
//! Time from navigation to the element's `data-state="ready"`, fresh context each page,
//! alternating, medians. Prints; asserts nothing. Each page's HTML is handed over by the page's
//! route, which may skip the emulated latency: the same for both sides of each comparison, so
//! the differences hold, the absolute times may be a round trip short. Same origin throughout
//! (the README snippet's CDN address is replaced by the local files).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ROOT, startServer } from '../tests/browser/harness.mjs';

const ROUNDS = Number(process.env.BENCH_EMBED_ROUNDS ?? 8);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const SPEC = './data/kazakhstan-2022.json';

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });

// Every page is served from www/ (so relative URLs resolve alike); each variant's HTML is made
// here from the shipped files and handed to the browser by the page's route, the same way for
// both sides of a comparison.
const embed = readFileSync(join(ROOT, 'www/embed.html'), 'utf8');
const unbundled = embed.replace('./embed.min.js', './embed.js');
const snippet = readFileSync(join(ROOT, 'docs/embed/script-tag.html'), 'utf8').replaceAll(/https:\/\/cdn\.jsdelivr\.net\/npm\/hashrate-outage-chart@[^/]+\//g, './');
const PRELOAD = '<link rel="preload" href="./pkg/hashrate_outage_chart_bg.wasm" as="fetch" type="application/wasm" crossorigin>';
const tag = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Story</title></head><body>\n${body}</body></html>`;
const withSpec = (html) => html.replace(/<hashrate-outage-chart src="[^"]*">/, `<hashrate-outage-chart src="${SPEC}">`);
const variants = {
  'iframe page, as shipped': { path: `embed.html?src=${SPEC}`, html: embed },
  'iframe page, embed.js unbundled': { path: `embed.html?src=${SPEC}`, html: unbundled },
  'script tag, README snippet': { path: 'story.html', html: tag(withSpec(snippet)) },
  'script tag, .wasm preloaded (not advised)': { path: 'story.html', html: tag(withSpec(`${PRELOAD}\n${snippet}`)) },
};
if (unbundled === embed || !unbundled.includes('./embed.js') || !snippet.includes('./index.min.js')) {
  throw new Error('bench/embed.mjs: embed.html or the README snippet no longer look as this script expects');
}

async function readyAfter({ path, html }) {
  const context = await browser.newContext({ viewport: { width: 700, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY, downloadThroughput: 5e6, uploadThroughput: 1e6 });
  const url = `${server.origin}/www/${path}`;
  const pathname = new URL(url).pathname;
  await page.route((u) => u.pathname === pathname, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (document.querySelector('hashrate-outage-chart')?.dataset.state === 'ready') window.readyAt ??= performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
  const requests = [];
  page.on('request', () => requests.push(1));
  await page.goto(url);
  await page.waitForFunction(() => window.readyAt, null, { timeout: 60_000 });
  const ms = await page.evaluate(() => window.readyAt);
  await context.close();
  return { ms, requests: requests.length };
}

const results = Object.fromEntries(Object.keys(variants).map((name) => [name, { ms: [], requests: 0 }]));
const names = Object.keys(variants);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    const { ms, requests } = await readyAfter(variants[name]);
    results[name].ms.push(ms);
    results[name].requests = requests;
  }
}
await browser.close();
await server.close();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\nEmbeds: a cold page until the chart is ready, ${LATENCY} ms per request (Chromium's emulation), ${ROUNDS} rounds, medians`);
for (const [name, { ms, requests }] of Object.entries(results)) {
  console.log(`${name.padEnd(48)}${median(ms).toFixed(0).padStart(6)} ms   (${requests} requests)`);
}
