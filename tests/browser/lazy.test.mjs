//! Nothing below the fold until it is near (issue 26): a chart element loads its spec, the
//! wasm and its words only when it comes within about a screen of the viewport, or the page is
//! printed; `loading="eager"` loads at once; the reserved height keeps the page from moving.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { expectReady, intersectionsComputed, nextFrames, openBlank, startHarness, watchPage } from './harness.mjs';

describe('lazy loading', () => {
  let harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  test('a page whose only chart is far below downloads the shell alone until the reader scrolls', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 800, height: 700 } });
    const watcher = watchPage(page);
    const responses = [];
    const requested = [];
    page.on('response', (response) => responses.push(response));
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(harness.url('/tests/browser/pages/lazy-one.html'));
    await page.waitForFunction(() => customElements.get('hashrate-outage-chart') && document.querySelector('#only').dataset.state === 'loading');
    // The element's own observer has had its answer (far below) by the time a later one has.
    assert.deepEqual(await intersectionsComputed(page, ['#only'], { rootMargin: '100% 0px' }), [false], 'not within a screen');
    await nextFrames(page);
    assert.deepEqual(requested.filter((path) => /\.(js|wasm|json)$/.test(path)), ['/www/index.min.js'], 'nothing asked for but the shell');
    const early = [];
    for (const response of responses) {
      const path = new URL(response.url()).pathname;
      if (/\.(js|wasm|json)$/.test(path)) early.push({ path, gzip: gzipSync(await response.body(), { level: 9 }).length });
    }
    assert.deepEqual(early.map((e) => e.path), ['/www/index.min.js'], 'only the shell before the chart is near');
    // 15 KiB until issue 29's refresh (the attribute, the first answer's validators for its
    // conditional requests, the footer's stamp: 0.6 KB gzip; the refresh loop itself is in
    // chunks/refresh-*.js, fetched only by a chart that follows its src).
    assert.ok(early[0].gzip <= 16 * 1024, `the shell is ${early[0].gzip} B gzipped, over 16 KiB`);
    // While it waits, the element holds the chart's own height rule for its width (640 px:
    // round(640 × 0.6) = 384), not the one line of "Loading chart…".
    const reserved = await page.evaluate(() => document.getElementById('only').getBoundingClientRect().height);
    assert.equal(reserved, 384);
    await page.evaluate(() => document.getElementById('only').scrollIntoView());
    await expectReady(page, '#only');
    const paths = responses.map((r) => new URL(r.url()).pathname);
    assert.ok(paths.includes('/www/pkg/hashrate_outage_chart_bg.wasm'), 'the wasm came once it was near');
    // The chart may grow past the rule (its plot kept readable under wrapped titles, and the
    // table button's row): the page moves by that, not by the whole chart.
    const drawn = await page.evaluate(() => document.getElementById('only').getBoundingClientRect().height);
    assert.ok(drawn >= reserved && drawn - reserved < drawn / 2, `reserved ${reserved} px of ${drawn}`);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('three charts: the lower two load only when scrolled to, and printing loads them all', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 800, height: 700 } });
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).search));
    await page.goto(harness.url('/tests/browser/pages/lazy.html'));
    await expectReady(page, '#first');
    // The lower two elements' observers have answered (far) by the time a later one has.
    assert.deepEqual(await intersectionsComputed(page, ['#second', '#third'], { rootMargin: '100% 0px' }), [false, false], 'not within a screen');
    await nextFrames(page);
    assert.deepEqual(requested.filter((q) => q), ['?first'], 'only the first spec');
    await page.evaluate(() => document.getElementById('second').scrollIntoView());
    await expectReady(page, '#second');
    assert.ok(!requested.includes('?third'), 'the third is still far below');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await expectReady(page, '#third');
    await page.close();
  });

  test('loading="eager" loads at once, far below or not', async () => {
    const { page } = await openBlank(harness, { viewport: { width: 800, height: 700 } });
    await page.evaluate(() => {
      const spacer = document.createElement('div');
      spacer.style.height = '5000px';
      const el = document.createElement('hashrate-outage-chart');
      el.id = 'eager';
      el.setAttribute('loading', 'eager');
      el.setAttribute('src', '/tests/browser/pages/small.json');
      document.body.append(spacer, el);
    });
    await expectReady(page, '#eager');
    await page.close();
  });
});
