//! What a reader meets, in WebKit: Debian's WebKitGTK MiniBrowser (the engine family behind
//! Safari) driven over classic WebDriver (./webdriver.mjs) under Xvfb. The demo article and
//! the embed page reach `ready` with the line drawn in the plot and the band colour where the
//! outage is; hovering shows the tooltip; focus and arrow keys update the live region; an
//! invalid spec and a 404 show their messages; a page under a strict CSP renders with no
//! violation; at devicePixelRatio 2 (GDK_SCALE=2) the backing store is twice the CSS size; no
//! page logs a console error, throws, or fails a request it did not mean to.
//!
//! The driver reports no console, so the test server puts a recorder (./recorder.js) first in
//! every HTML page; failed requests are read from the server's own log. Run with
//! `make browser-test ENGINE=webkit` (it starts Xvfb).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { requireWebPackage, startServer } from '../browser/harness.mjs';
import { KEY, startWebKit } from './webdriver.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CSP_PAGES = new Set(['/www/embed.html', '/tests/browser/pages/csp-embed.html']);
// Canvas fills are not antialiased inside shapes; compositing the band may round by a unit.
const TOLERANCE = 3;

/** In the page: waits until every `selector` has left `loading`; returns their states. */
function statesOf(selectors) {
  const states = selectors.map((s) => document.querySelector(s)?.dataset.state);
  return states.every((s) => s === 'ready' || s === 'error') ? states : null;
}

/**
 * In the page: what the chart on `selector` drew, read from its backing store: how many of 40
 * columns across the plot hold a series-coloured pixel, and the first clear row (from the
 * bottom) where five pixels in the middle of the first outage are the band colour while the
 * same row left of the band is background.
 */
function drawn(selector) {
  const chart = document.querySelector(selector).chart;
  const { plot, colors, outages } = chart.layout();
  const canvas = chart.canvas;
  const box = canvas.getBoundingClientRect();
  const ratio = canvas.width / box.width;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  const at = (x, y) => {
    const i = (Math.min(canvas.height - 1, Math.floor(y * ratio)) * canvas.width + Math.min(canvas.width - 1, Math.floor(x * ratio))) * 4;
    return [data[i], data[i + 1], data[i + 2]];
  };
  const distance = (a, b) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));
  let lineColumns = 0;
  for (let c = 0; c < 40; c++) {
    const x = plot.x + ((c + 0.5) * plot.width) / 40;
    for (let y = plot.y + 1; y < plot.y + plot.height - 1; y++) {
      if (distance(at(x, y), colors.series[0]) <= 40) {
        lineColumns++;
        break;
      }
    }
  }
  const band = outages[0];
  const middle = (band.x0 + band.x1) / 2;
  const outside = plot.x + Math.min(plot.width * 0.1, (band.x0 - plot.x) / 2);
  let bandRow = null;
  for (let y = plot.y + plot.height - 4; y > plot.y + 8 && bandRow === null; y--) {
    let clear = true;
    for (let k = 0; k < 5 && clear; k++) {
      clear = distance(at(middle, y - k), colors.band) <= window.TOLERANCE && distance(at(outside, y - k), colors.background) <= window.TOLERANCE;
    }
    if (clear) bandRow = y;
  }
  return {
    lineColumns,
    bandRow,
    bandVisible: distance(colors.band, colors.background) > 10,
    outsideLeft: outside < band.x0 - 4,
    backing: [canvas.width, canvas.height],
    css: [box.width, box.height],
    dpr: devicePixelRatio,
  };
}

/** In the page: the read-out's state on `selector`'s chart, and where read-out `index` is in the viewport. */
function readoutOf(selector, index) {
  const chart = document.querySelector(selector).chart;
  if (index !== undefined) chart.canvas.scrollIntoView({ block: 'center' });
  const tooltip = chart.element.querySelector('.hoc-tooltip');
  const live = chart.element.querySelector('[aria-live]');
  const canvasBox = chart.canvas.getBoundingClientRect();
  const { plot } = chart.layout();
  const point = index === undefined ? null : chart.readout(index);
  return {
    index: chart.readoutIndex,
    visible: !tooltip.hidden && tooltip.getBoundingClientRect().width > 0,
    tooltip: tooltip.textContent,
    live: live.textContent,
    focused: chart.element.getRootNode().activeElement === chart.canvas,
    target: point && { x: canvasBox.left + point.x, y: canvasBox.top + plot.y + plot.height / 2 },
  };
}

/** In the page: the error box of the element with `id`. */
function errorOf(id) {
  const element = document.getElementById(id);
  const box = element.shadowRoot.querySelector('[role="alert"]');
  return { state: element.dataset.state, text: box.textContent, visible: !box.hidden && box.getBoundingClientRect().height > 0 };
}

describe('WebKit (WebKitGTK MiniBrowser over WebDriver)', () => {
  let server;
  let browser;

  before(async () => {
    requireWebPackage();
    server = await startServer({
      headers: (path) => (CSP_PAGES.has(path) ? { 'Content-Security-Policy': CSP } : {}),
      headScript: '/tests/webkit/recorder.js',
    });
    browser = await startWebKit({ width: 1000, height: 900 });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `path`, waits for `selectors` to settle, returns their states. */
  async function open(path, selectors) {
    await browser.goto(`${server.origin}${path}`);
    await browser.evaluate((tolerance) => (window.TOLERANCE = tolerance), TOLERANCE);
    return browser.waitFor(statesOf, { args: [selectors], what: `${selectors} to settle on ${path}` });
  }

  /**
   * Nothing recorded in the page, and no failed request but `allowed` (substrings) and the
   * browser's own /favicon.ico guess for a top-level page with no icon link (the test pages;
   * embed.html has an empty one).
   */
  async function assertClean(allowed = []) {
    assert.deepEqual(await browser.evaluate(() => window.__problems), []);
    assert.deepEqual(
      server.failures.filter((f) => !f.startsWith('/favicon.ico ') && !allowed.some((a) => f.includes(a))),
      [],
    );
    server.failures.length = 0;
  }

  test('engine: WebKit, with the recorder in place', async () => {
    assert.match(browser.capabilities.browserName, /MiniBrowser/i);
    await browser.goto(`${server.origin}/tests/browser/pages/blank.html`);
    const seen = await browser.evaluate(() => ({ ua: navigator.userAgent, recorder: Array.isArray(window.__problems) }));
    assert.match(seen.ua, /AppleWebKit\/\d+/);
    assert.doesNotMatch(seen.ua, /Chrome|Firefox/);
    assert.ok(seen.recorder, 'the recorder ran first');
    // The recorder catches what it must: a console error is seen.
    await browser.evaluate(() => console.error('probe'));
    assert.deepEqual(await browser.evaluate(() => window.__problems), ['console.error: probe']);
  });

  test('the demo article reaches ready with the line in the plot and the band colour on the outage', async () => {
    assert.deepEqual(await open('/www/index.html', ['hashrate-outage-chart']), ['ready']);
    const seen = await browser.evaluate(drawn, 'hashrate-outage-chart');
    assert.ok(seen.lineColumns >= 20, `line pixels in ${seen.lineColumns} of 40 columns`);
    assert.ok(seen.outsideLeft, 'there is room left of the band');
    assert.notEqual(seen.bandRow, null, `no clear band row: ${JSON.stringify(seen)}`);
    assert.ok(seen.bandVisible, 'band and background differ visibly');
    const label = await browser.evaluate(() => document.querySelector('hashrate-outage-chart').chart.canvas.getAttribute('aria-label'));
    assert.match(label, /within normal day-to-day variation/);
    await assertClean();
  });

  test('hovering the plot shows the tooltip at the nearest day', async () => {
    const { target } = await browser.evaluate(readoutOf, 'hashrate-outage-chart', 5);
    await browser.mouseMove(target.x, target.y);
    const seen = await browser.waitFor(
      (selector) => {
        const chart = document.querySelector(selector).chart;
        const tooltip = chart.element.querySelector('.hoc-tooltip');
        return !tooltip.hidden && chart.readoutIndex >= 0 && { index: chart.readoutIndex, text: tooltip.textContent };
      },
      { args: ['hashrate-outage-chart'], what: 'the tooltip' },
    );
    assert.equal(seen.index, 5);
    assert.match(seen.text, /\d{4}/, 'the tooltip names the date');
    assert.match(seen.text, /EH\/s/, 'and the value with its unit');
    await browser.mouseMove(2, 2);
    await browser.waitFor((selector) => document.querySelector(selector).chart.readoutIndex === -1, { args: ['hashrate-outage-chart'], what: 'the tooltip to go' });
    await assertClean();
  });

  test('focus and the arrow keys move the read-out and the live region says it', async () => {
    await browser.evaluate(() => document.querySelector('hashrate-outage-chart').chart.canvas.focus());
    assert.ok((await browser.evaluate(readoutOf, 'hashrate-outage-chart')).focused, 'the canvas has the focus');
    await browser.keys(KEY.Home);
    const first = await browser.waitFor(
      (selector) => {
        const chart = document.querySelector(selector).chart;
        const live = chart.element.querySelector('[aria-live]').textContent;
        return chart.readoutIndex === 0 && live && { live };
      },
      { args: ['hashrate-outage-chart'], what: 'Home to announce the first day' },
    );
    await browser.keys(KEY.ArrowRight, KEY.ArrowRight);
    const moved = await browser.waitFor(
      (selector, before) => {
        const chart = document.querySelector(selector).chart;
        const live = chart.element.querySelector('[aria-live]').textContent;
        return chart.readoutIndex === 2 && live !== before && { live };
      },
      { args: ['hashrate-outage-chart', first.live], what: 'two arrows to announce the third day' },
    );
    for (const { live } of [first, moved]) assert.match(live, /^\d{1,2} \w{3} \d{4}: .*Hash rate \d+ EH\/s/, live);
    assert.notEqual(moved.live, first.live);
    await assertClean();
  });

  test('the embed page reaches ready under its strict CSP, line and band drawn, no violation', async () => {
    assert.deepEqual(await open('/www/embed.html?src=/tests/browser/pages/small.json', ['hashrate-outage-chart']), ['ready']);
    const seen = await browser.evaluate(drawn, 'hashrate-outage-chart');
    assert.ok(seen.lineColumns >= 20, `line pixels in ${seen.lineColumns} of 40 columns`);
    assert.notEqual(seen.bandRow, null, `no clear band row: ${JSON.stringify(seen)}`);
    await assertClean();
  });

  test('the embed page fetches its one script, the glue and the wasm once each (Safari\'s fetch() would not take a preloaded wasm)', async () => {
    server.requests.length = 0;
    assert.deepEqual(await open('/www/embed.html?src=/tests/browser/pages/small.json', ['hashrate-outage-chart']), ['ready']);
    const www = server.requests.filter((url) => url.startsWith('/www/') && !url.startsWith('/www/embed.html')).sort();
    assert.deepEqual(www, ['/www/embed.min.js', '/www/pkg/hashrate_outage_chart.js', '/www/pkg/hashrate_outage_chart_bg.wasm']);
    await assertClean();
  });

  test('the embed in German with a named zone: German words, ticks on Berlin\'s wall clock across its spring-forward', async () => {
    const query = 'src=/tests/fixtures/zone_berlin_dst.json&locale=de&time-zone=Europe/Berlin';
    assert.deepEqual(await open(`/www/embed.html?${query}`, ['hashrate-outage-chart']), ['ready']);
    const seen = await browser.evaluate(() => {
      const element = document.querySelector('hashrate-outage-chart');
      const layout = element.chart.layout();
      const at = (ms) => layout.plot.x + ((ms - layout.time.start) / (layout.time.end - layout.time.start)) * layout.plot.width;
      const ticks = layout.texts.filter((t) => t.role === 'time-tick');
      // The first "03:00" after the "31. März" line: 03:00 summer time, 01:00 UTC, an hour
      // after midnight's 23:00 UTC (02:00 never happened).
      const day = ticks.findIndex((t) => t.text.startsWith('31. März'));
      const three = ticks.slice(day).find((t) => t.text === '03:00');
      return {
        button: element.shadowRoot.querySelector('.hoc-button').textContent,
        ticks: ticks.map((t) => t.text),
        centre: three ? three.x + three.width / 2 : null,
        summer: at(Date.UTC(2024, 2, 31, 1)),
        winter: at(Date.UTC(2024, 2, 31, 2)),
      };
    });
    assert.equal(seen.button, 'Datentabelle anzeigen');
    assert.ok(seen.ticks.some((t) => t.includes('Europe/Berlin')), seen.ticks.join(' | '));
    assert.equal(typeof seen.centre, 'number', `a 03:00 tick on 31 March: ${seen.ticks.join(' | ')}`);
    assert.ok(Math.abs(seen.centre - seen.summer) < 1.5, `03:00 is 01:00 UTC: ${JSON.stringify(seen)}`);
    assert.ok(Math.abs(seen.winter - seen.summer) > 4, 'an hour is told apart at this width');
    await assertClean();
  });

  test("a named zone follows this engine's own Intl (Almaty: its ICU may predate the 2024 change)", async () => {
    // WebKitGTK here uses Debian's ICU 72, whose zone data predates Kazakhstan's move to UTC+5
    // on 1 March 2024: the chart shows what the reader's browser knows, as it must without a
    // tz database of its own. Whatever that is, the chart and Intl agree.
    assert.deepEqual(await open('/www/embed.html?src=/tests/fixtures/zone_almaty_2024.json', ['hashrate-outage-chart']), ['ready']);
    const seen = await browser.evaluate(() => {
      const chart = document.querySelector('hashrate-outage-chart').chart;
      const at = Date.UTC(2024, 2, 2, 6); // a point after the change
      const index = chart.readoutCount && [...Array(chart.readoutCount).keys()].find((i) => chart.readout(i).time === at);
      const readout = chart.readout(index);
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Almaty', hourCycle: 'h23', hour: 'numeric' }).formatToParts(at);
      const intlHour = Number(parts.find((p) => p.type === 'hour').value);
      return { offset: readout.timeZoneOffsetMinutes, intlHour };
    });
    assert.equal((6 + seen.offset / 60) % 24, seen.intlHour, JSON.stringify(seen));
    console.log(`# WebKitGTK's Intl puts Almaty at UTC${seen.offset >= 0 ? '+' : ''}${seen.offset / 60} in March 2024 (the tz database: UTC+5)`);
    await assertClean();
  });

  test('a page under a strict CSP renders both its charts with no violation', async () => {
    assert.deepEqual(await open('/tests/browser/pages/csp-embed.html', ['#from-src', '#inline']), ['ready', 'ready']);
    const seen = await browser.evaluate(() => [...document.querySelectorAll('hashrate-outage-chart')].map((e) => e.chart.layout().texts.length));
    assert.ok(seen.every((n) => n >= 3), `texts drawn: ${seen}`);
    await assertClean();
  });

  test('an invalid spec and a 404 show their messages', async () => {
    await browser.goto(`${server.origin}/tests/browser/pages/blank.html`);
    await browser.waitFor(() => window.hocLoaded === true, { what: 'the test page' });
    await browser.evaluate(() => {
      const typo = document.createElement('hashrate-outage-chart');
      typo.setAttribute('loading', 'eager');
      typo.id = 'typo';
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify({ serie: [{ id: 'h', unit: 'EH/s', points: [['2022-01-04', 177]] }] });
      typo.append(script);
      const missing = document.createElement('hashrate-outage-chart');
      missing.setAttribute('loading', 'eager');
      missing.id = 'missing';
      missing.setAttribute('src', 'no-such-spec.json');
      document.body.append(typo, missing);
    });
    await browser.waitFor(statesOf, { args: [['#typo', '#missing']], what: 'both to settle' });
    const typo = await browser.evaluate(errorOf, 'typo');
    assert.equal(typo.state, 'error');
    assert.ok(typo.visible, 'the error box is visible');
    assert.match(typo.text, /serie/);
    assert.match(typo.text, /unknown key/i);
    const missing = await browser.evaluate(errorOf, 'missing');
    assert.equal(missing.state, 'error');
    assert.ok(missing.text.includes(`${server.origin}/tests/browser/pages/no-such-spec.json`), missing.text);
    assert.match(missing.text, /404/);
    // The 404 is the one expected failure; WebKit logs no console error for a handled fetch.
    await assertClean(['no-such-spec.json']);
  });

  test('at devicePixelRatio 2 (GDK_SCALE=2) the backing store is twice the CSS size', async () => {
    const hiDpi = await startWebKit({ env: { GDK_SCALE: '2' }, width: 800, height: 800 });
    try {
      await hiDpi.goto(`${server.origin}/tests/browser/pages/csp-embed.html`);
      await hiDpi.waitFor(statesOf, { args: [['#from-src', '#inline']], what: 'the charts' });
      await hiDpi.evaluate((tolerance) => (window.TOLERANCE = tolerance), TOLERANCE);
      const seen = await hiDpi.evaluate(drawn, '#from-src');
      assert.equal(seen.dpr, 2);
      assert.ok(Math.abs(seen.backing[0] - 2 * seen.css[0]) <= 2, JSON.stringify(seen));
      assert.ok(Math.abs(seen.backing[1] - 2 * seen.css[1]) <= 2, JSON.stringify(seen));
      assert.ok(seen.lineColumns >= 20, `line drawn at ratio 2: ${seen.lineColumns} of 40 columns`);
      assert.notEqual(seen.bandRow, null, 'band drawn at ratio 2');
      assert.deepEqual(await hiDpi.evaluate(() => window.__problems), []);
    } finally {
      await hiDpi.close();
    }
  });
});
