//! The demo article (/www/index.html) in each Playwright engine (Chromium, Firefox): it loads cleanly, the canvas is
//! labelled, the pixels show a line, the outage band in its colour and the background, and every
//! number the text cites (data-cite) is the chart's own.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { colorDistance, expectReady, luminance, pixelsAt, startHarness, watchPage } from './harness.mjs';

const HOST = 'hashrate-outage-chart';
// Canvas fills are not antialiased inside shapes; compositing the band may round by a unit.
const TOLERANCE = 3;

describe('demo page /www/index.html', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    page = await harness.browser.newPage({ viewport: { width: 1000, height: 900 } });
    watcher = watchPage(page);
    await page.goto(harness.url('/www/index.html'));
  });

  after(async () => {
    await harness?.close();
  });

  test('the element becomes ready with no console errors, page errors or failed requests', async () => {
    await expectReady(page, HOST);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  test('the canvas is an image labelled with the title, the measure and the outage', async () => {
    const canvas = await page.evaluate((host) => {
      const element = document.querySelector(host);
      const c = element.shadowRoot.querySelector('canvas');
      return { role: c.getAttribute('role'), label: c.getAttribute('aria-label'), same: c === element.chart.canvas };
    }, HOST);
    assert.equal(canvas.role, 'img');
    assert.ok(canvas.same, 'element.chart.canvas is the canvas in the shadow root');
    assert.match(canvas.label, /Bitcoin’s hash rate through Kazakhstan’s January 2022 shutdowns/);
    assert.match(canvas.label, /hash rate/i);
    assert.match(canvas.label, /Internet shutdown, 4–11 Jan/);
    assert.match(canvas.label, /Internet shutdown, 4–11 Jan, 4–11 Jan 2022 \(8 days\)/, 'the outage is read out with the days it covers');
    assert.match(canvas.label, /within normal day-to-day variation \(plausible range −?\d+% to \+?\d+%\)/, 'the measured impact is read out in plain words');
  });

  test('chart.impact() gives the measured change with a Poisson interval', async () => {
    const impact = await page.evaluate((host) => document.querySelector(host).chart.impact(), HOST);
    assert.equal(impact.length, 3);
    const [result] = impact;
    assert.equal(result.outage, 'Internet shutdown, 4–11 Jan');
    assert.equal(result.series, 'hashrate');
    assert.equal(result.method, 'quasi-poisson-block-arrivals');
    assert.equal(result.unit, 'EH/s');
    assert.ok(result.ci95[0] < result.change && result.change < result.ci95[1], JSON.stringify(result));
    assert.equal(result.significant, result.ci95[0] > 0 || result.ci95[1] < 0);
    // What the chart could have seen: a positive fraction, in the words when nothing was found.
    assert.equal(result.estimand, 'change-during-outage-hours');
    assert.ok(result.detectable > 0 && result.detectable < 1, JSON.stringify(result));
    assert.match(result.plain, new RegExp(`a loss under about ${Math.ceil(result.detectable * 100 - 1e-9)}% would not show$`));
    assert.ok(result.baseline.mean > 150 && result.baseline.mean < 200, JSON.stringify(result.baseline));
  });

  test('every number the article cites is what the chart shows', async () => {
    const { cites, impact, spec } = await page.evaluate(async (host) => {
      const chart = document.querySelector(host).chart;
      const src = document.querySelector(host).getAttribute('src');
      const spec = await (await fetch(src)).json();
      const cites = [...document.querySelectorAll('[data-cite]')].map((e) => ({ cite: e.dataset.cite, text: e.textContent.trim() }));
      return { cites, impact: chart.impact(), spec };
    }, HOST);
    assert.ok(cites.length >= 12, `cited numbers: ${cites.length}`);
    const series = spec.series[0];
    const at = (day) => series.points.findIndex(([t]) => t === day);
    const percent = (x) => {
      const pct = x * 100;
      const digits = Math.abs(pct) < 10 ? 1 : 0;
      const text = Math.abs(pct).toFixed(digits);
      return `${pct < 0 ? '−' : '+'}${text}%`;
    };
    for (const { cite, text } of cites) {
      const [kind, key] = cite.split(' ');
      const i = at(key);
      const expected = {
        blocks: () => String(series.blocks[i]),
        value: () => String(Math.round(series.points[i][1])),
        during: () => String(Math.round(impact[Number(key)].during.mean)),
        expected: () => String(Math.round(impact[Number(key)].baseline.mean)),
        change: () => percent(impact[Number(key)].change),
        low: () => percent(impact[Number(key)].ci95[0]),
        high: () => percent(impact[Number(key)].ci95[1]),
        // Rounded up to whole percent, as the chart's words are.
        detectable: () => `${Math.ceil(impact[Number(key)].detectable * 100 - 1e-9)}%`,
      }[kind];
      assert.ok(expected, `unknown citation ${cite}`);
      assert.equal(text, expected(), `the article's "${text}" (${cite}) is not the chart's`);
    }
    // And the verdict the article states is the one the chart gives.
    assert.match(impact[0].plain, /within normal day-to-day variation/);
  });

  test('the backing store is the CSS size times devicePixelRatio', async () => {
    const size = await page.evaluate((host) => {
      const c = document.querySelector(host).chart.canvas;
      const box = c.getBoundingClientRect();
      return { width: c.width, height: c.height, cssWidth: box.width, cssHeight: box.height, dpr: devicePixelRatio };
    }, HOST);
    assert.equal(size.dpr, 1);
    assert.ok(Math.abs(size.width - size.cssWidth) <= 1, JSON.stringify(size));
    assert.ok(Math.abs(size.height - size.cssHeight) <= 1, JSON.stringify(size));
    // No explicit height on the demo element: clamp(round(width * 0.6), 260, 560), grown just
    // enough to keep the plot at least min(240, round(width / 2)) tall (see www/chart.js).
    const plotHeight = await page.evaluate((host) => document.querySelector(host).chart.layout().plot.height, HOST);
    const clamped = Math.min(560, Math.max(260, Math.round(size.cssWidth * 0.6)));
    const minPlot = Math.min(240, Math.max(200, Math.round(size.cssWidth * 0.5)));
    assert.ok(size.cssHeight >= clamped, `height ${size.cssHeight} below ${clamped}`);
    if (size.cssHeight > clamped) assert.ok(Math.abs(plotHeight - minPlot) <= 1, `grown to plot ${plotHeight}, wanted ${minPlot}`);
    else assert.ok(plotHeight >= minPlot - 1, `plot ${plotHeight} under ${minPlot}`);
  });

  test('on a phone-width page the chart grows so the plot is not squeezed by wrapped titles', async () => {
    const phone = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(harness.url('/www/index.html'));
      await expectReady(phone, HOST);
      const { cssWidth, cssHeight, plotHeight } = await phone.evaluate((host) => {
        const chart = document.querySelector(host).chart;
        const box = chart.canvas.getBoundingClientRect();
        return { cssWidth: box.width, cssHeight: box.height, plotHeight: chart.layout().plot.height };
      }, HOST);
      assert.ok(cssWidth < 400, `phone width ${cssWidth}`);
      assert.ok(cssHeight >= 260, `height ${cssHeight}`);
      assert.ok(plotHeight >= Math.min(240, Math.max(200, Math.round(cssWidth * 0.5))) - 1, `plot height ${plotHeight} at width ${cssWidth}`);
    } finally {
      await phone.close();
    }
  });

  test('pixels: the line in the plot, the band colour inside the outage, background outside', async () => {
    const layout = await page.evaluate((host) => document.querySelector(host).chart.layout(), HOST);
    const { plot, colors, outages } = layout;
    assert.equal(outages.length, 3);
    const band = outages[0];
    assert.ok(band.x1 - band.x0 >= 8, `the band is wide enough to sample: ${JSON.stringify(band)}`);

    // The line: some pixel in the plot is neither background nor band (and is series-coloured).
    const columns = 40;
    const grid = [];
    for (let i = 0; i < columns; i++) {
      for (let y = plot.y + 1; y < plot.y + plot.height - 1; y += 1) grid.push([plot.x + ((i + 0.5) * plot.width) / columns, y]);
    }
    const plotPixels = await pixelsAt(page, HOST, grid);
    const seriesColored = plotPixels.filter((p) => colorDistance(p, colors.series[0]) <= 40).length;
    assert.ok(seriesColored >= columns / 2, `line pixels found in ${seriesColored} samples of ${columns} columns`);

    // The band: scan rows from the bottom of the plot up; take the first row where a small
    // vertical run in the middle of the band is all band colour (so no line, grid or label is
    // there) and the same rows left of the band are all background.
    const middle = (band.x0 + band.x1) / 2;
    const outside = plot.x + Math.min(plot.width * 0.1, (band.x0 - plot.x) / 2);
    assert.ok(outside < band.x0 - 4, 'there is room left of the band');
    const rows = [];
    for (let y = plot.y + plot.height - 4; y > plot.y + 3; y -= 1) rows.push(y);
    const probe = rows.flatMap((y) => [[middle, y], [outside, y]]);
    const pixels = await pixelsAt(page, HOST, probe);
    const run = 5;
    let found = null;
    for (let i = 0; i + run <= rows.length && !found; i++) {
      let ok = true;
      for (let k = i; k < i + run && ok; k++) {
        const inside = pixels[2 * k];
        const beside = pixels[2 * k + 1];
        ok = colorDistance(inside, colors.band) <= TOLERANCE && colorDistance(beside, colors.background) <= TOLERANCE;
      }
      if (ok) found = rows[i + Math.floor(run / 2)];
    }
    assert.ok(found !== null, `no clear row: band ${colors.band}, background ${colors.background}, inside samples ${JSON.stringify(pixels.filter((_, i) => i % 2 === 0).slice(0, 12))}`);
    assert.ok(colorDistance(colors.band, colors.background) > 10, 'band and background differ visibly');
  });

  test('switching the theme attribute to dark redraws with a dark background', async () => {
    await page.evaluate((host) => document.querySelector(host).setAttribute('theme', 'dark'), HOST);
    const layout = await page.evaluate((host) => document.querySelector(host).chart.layout(), HOST);
    assert.ok(luminance(layout.colors.background) < 0.2);
    const [corner] = await pixelsAt(page, HOST, [[2, 2]]);
    assert.ok(colorDistance(corner, layout.colors.background) <= TOLERANCE, `corner ${corner}`);
    assert.ok(luminance(corner) < 0.2, `corner luminance ${luminance(corner)}`);
    await page.evaluate((host) => document.querySelector(host).removeAttribute('theme'), HOST);
    const [light] = await pixelsAt(page, HOST, [[2, 2]]);
    assert.ok(luminance(light) > 0.8, `back to the spec's light theme: ${light}`);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});
