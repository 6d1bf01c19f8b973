//! The read-out in each Playwright engine: mouse hover and touch tap show the crosshair (on the
//! overlay canvas, without redrawing the chart) and a DOM tooltip at the right value; the
//! tooltip stays inside the element; the keyboard moves it and the live region says it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MARKUP, fiveDaySpec } from './fixtures.mjs';
import { ENGINE, canvasDigest, mountChart, nextFrames, openBlank, startHarness } from './harness.mjs';

/** Five daily values (TH/s, shown in EH/s) with an outage covering 6 January. */
const SPEC = fiveDaySpec({ title: 'Read-out test' });

/** What the read-out shows now on chart `name`. */
function readoutState(page, name) {
  return page.evaluate((name) => {
    const chart = window.charts[name];
    const host = chart.element;
    const tooltip = host.querySelector('.hoc-tooltip');
    const live = host.querySelector('[aria-live]');
    const box = tooltip.getBoundingClientRect();
    const hostBox = host.getBoundingClientRect();
    const canvasBox = chart.canvas.getBoundingClientRect();
    return {
      index: chart.readoutIndex,
      visible: !tooltip.hidden && box.width > 0,
      tooltip: tooltip.textContent,
      time: tooltip.querySelector('.hoc-tooltip-time')?.textContent ?? null,
      values: [...tooltip.querySelectorAll('.hoc-tooltip-value')].map((e) => e.textContent),
      live: live.textContent,
      liveMode: live.getAttribute('aria-live'),
      box: { left: box.left - canvasBox.left, right: box.right - canvasBox.left, top: box.top - canvasBox.top, bottom: box.bottom - canvasBox.top },
      host: { left: hostBox.left - canvasBox.left, right: hostBox.right - canvasBox.left, top: hostBox.top - canvasBox.top, bottom: hostBox.bottom - canvasBox.top },
    };
  }, name);
}

/** Page coordinates of CSS point (x, y) of chart `name`'s canvas. */
async function pagePoint(page, name, x, y) {
  const origin = await page.evaluate((name) => {
    const box = window.charts[name].canvas.getBoundingClientRect();
    return { left: box.left, top: box.top };
  }, name);
  return { x: origin.left + x, y: origin.top + y };
}

/** Counts ChartCore.draw calls (full chart redraws) from now on in window.drawCalls. */
async function countDraws(page) {
  await page.evaluate(async () => {
    const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
    if (window.drawCalls !== undefined) return;
    window.drawCalls = 0;
    const draw = ChartCore.prototype.draw;
    ChartCore.prototype.draw = function (...args) {
      window.drawCalls += 1;
      return draw.apply(this, args);
    };
  });
}

/** Opaque pixels of the overlay in a 5 px wide column around CSS x, over the plot's height. */
function overlayColumnInk(page, name, x) {
  return page.evaluate(
    ({ name, x }) => {
      const chart = window.charts[name];
      const overlay = chart.element.querySelector('.hoc-overlay');
      const ratio = overlay.width / overlay.getBoundingClientRect().width;
      const { plot } = chart.layout();
      const left = Math.max(0, Math.round((x - 2) * ratio));
      const top = Math.round(plot.y * ratio);
      const data = overlay.getContext('2d').getImageData(left, top, Math.round(5 * ratio), Math.round(plot.height * ratio)).data;
      let ink = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
      return ink;
    },
    { name, x },
  );
}

describe('read-out', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness, { viewport: { width: 900, height: 900 } }));
    // lang on the host: dates follow the nearest lang (en-GB: "6 Jan 2022").
    await mountChart(page, 'hover', SPEC, { hostAttributes: { lang: 'en-GB' } });
  });

  after(async () => {
    await harness?.close();
  });

  test('the mouse over the plot shows the crosshair and a tooltip at the nearest point, without redrawing the chart', async () => {
    const target = await page.evaluate(() => ({ readout: window.charts.hover.readout(2), plot: window.charts.hover.layout().plot }));
    assert.equal(target.readout.time, Date.UTC(2022, 0, 6));
    await countDraws(page);
    const chartBefore = await canvasDigest(page, 'hover');
    const drawsBefore = await page.evaluate(() => window.drawCalls);
    // A little to the right of 6 January, still nearer it than 7 January.
    const point = await pagePoint(page, 'hover', target.readout.x + 6, target.plot.y + target.plot.height / 2);
    await page.mouse.move(point.x, point.y);
    const seen = await readoutState(page, 'hover');
    assert.equal(seen.index, 2);
    assert.ok(seen.visible, 'the tooltip is shown');
    assert.equal(seen.time, '6 Jan 2022');
    assert.deepEqual(seen.values, ['176 EH/s']);
    assert.match(seen.tooltip, /Hash rate/);
    assert.match(seen.tooltip, /Test shutdown/, 'the outage containing the time is named');
    assert.ok((await overlayColumnInk(page, 'hover', target.readout.x)) > 20, 'the crosshair is on the overlay at the point');
    assert.equal(await overlayColumnInk(page, 'hover', target.readout.x - 40), 0, 'and nowhere else in that row band');
    // Move to 5 January: the overlay follows, the chart canvas is neither redrawn nor changed.
    const earlier = await page.evaluate(() => window.charts.hover.readout(1).x);
    const point1 = await pagePoint(page, 'hover', earlier - 5, target.plot.y + 20);
    await page.mouse.move(point1.x, point1.y);
    const moved = await readoutState(page, 'hover');
    assert.equal(moved.index, 1);
    assert.equal(moved.time, '5 Jan 2022');
    assert.deepEqual(moved.values, ['181 EH/s']);
    assert.match(moved.tooltip, /Test shutdown/, 'a daily value covers its day, and the outage starts that day');
    assert.equal(await page.evaluate(() => window.drawCalls), drawsBefore, 'ChartCore.draw was not called');
    assert.equal((await canvasDigest(page, 'hover')).hash, chartBefore.hash, 'the chart pixels are unchanged');
    assert.equal(moved.live, '', 'hovering does not flood the live region');
  });

  test('leaving the plot hides the tooltip and clears the overlay', async () => {
    const point = await pagePoint(page, 'hover', 5, 5); // the title area
    await page.mouse.move(point.x, point.y);
    const seen = await readoutState(page, 'hover');
    assert.equal(seen.visible, false);
    assert.equal(seen.index, -1);
    assert.equal((await canvasDigest(page, 'hover', 'overlay')).opaque, 0);
  });

  test('moving the read-out keeps the tooltip\'s elements and changes only their texts; the outage line comes and goes', async () => {
    const seen = await page.evaluate(() => {
      const chart = window.charts.hover;
      const tip = chart.element.querySelector('.hoc-tooltip');
      const state = () => ({
        time: tip.querySelector('.hoc-tooltip-time').textContent,
        value: tip.querySelector('.hoc-tooltip-value').textContent,
        outage: tip.querySelector('.hoc-tooltip-outage')?.textContent ?? null,
        rows: tip.querySelectorAll('.hoc-tooltip-row').length,
      });
      chart.showReadout(0);
      const first = state();
      const row = tip.querySelector('.hoc-tooltip-row');
      chart.showReadout(2); // 6 January, inside the outage
      const inside = state();
      const sameRow = tip.querySelector('.hoc-tooltip-row') === row;
      chart.showReadout(4);
      const after = state();
      chart.showReadout(-1);
      return { first, inside, after, sameRow };
    });
    assert.ok(seen.sameRow, 'the row element is reused');
    assert.deepEqual([seen.first.rows, seen.inside.rows, seen.after.rows], [1, 1, 1]);
    assert.match(seen.first.time, /4 Jan 2022/);
    assert.match(seen.inside.time, /6 Jan 2022/);
    assert.match(seen.after.time, /8 Jan 2022/);
    assert.notEqual(seen.first.value, seen.inside.value);
    assert.equal(seen.first.outage, null);
    assert.equal(seen.inside.outage, 'Test shutdown');
    assert.equal(seen.after.outage, null);
  });

  test('the overlay has the backing store of the chart canvas and sits exactly on it', async () => {
    const boxes = await page.evaluate(() => {
      const chart = window.charts.hover;
      const overlay = chart.element.querySelector('.hoc-overlay');
      const a = chart.canvas.getBoundingClientRect();
      const b = overlay.getBoundingClientRect();
      return {
        chart: [chart.canvas.width, chart.canvas.height, a.left, a.top, a.width, a.height],
        overlay: [overlay.width, overlay.height, b.left, b.top, b.width, b.height],
        events: getComputedStyle(overlay).pointerEvents,
      };
    });
    assert.deepEqual(boxes.overlay, boxes.chart);
    assert.equal(boxes.events, 'none');
  });

  test('near the right edge the tooltip flips left of the crosshair and stays inside the element', async () => {
    for (const width of [600, 320]) {
      await page.evaluate((width) => {
        window.charts.hover.element.style.width = `${width}px`;
        window.charts.hover.resize();
      }, width);
      const { readout, plot } = await page.evaluate(() => ({ readout: window.charts.hover.readout(4), plot: window.charts.hover.layout().plot }));
      const point = await pagePoint(page, 'hover', readout.x, plot.y + plot.height - 4);
      await page.mouse.move(point.x, point.y);
      const seen = await readoutState(page, 'hover');
      assert.equal(seen.index, 4, `width ${width}`);
      assert.ok(seen.visible);
      assert.ok(seen.box.right <= readout.x, `flipped left of the crosshair at ${readout.x}: ${JSON.stringify(seen.box)}`);
      for (const [side, inside] of [
        ['left', seen.box.left >= seen.host.left],
        ['right', seen.box.right <= seen.host.right],
        ['top', seen.box.top >= seen.host.top],
        ['bottom', seen.box.bottom <= seen.host.bottom],
      ]) {
        assert.ok(inside, `width ${width}: the tooltip's ${side} edge is inside the element: ${JSON.stringify(seen)}`);
      }
      // And near the left edge it sits right of the crosshair, also inside.
      const first = await page.evaluate(() => window.charts.hover.readout(0).x);
      const left = await pagePoint(page, 'hover', first, plot.y + 10);
      await page.mouse.move(left.x, left.y);
      const atStart = await readoutState(page, 'hover');
      assert.equal(atStart.index, 0);
      assert.ok(atStart.box.left >= first && atStart.box.right <= atStart.host.right, JSON.stringify(atStart));
    }
    await page.evaluate(() => {
      window.charts.hover.element.style.width = '600px';
      window.charts.hover.resize();
    });
  });

  test('keyboard: the chart is focusable; arrows, Home/End, PageUp/PageDown move the read-out and the live region says it', async () => {
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => ({
      isCanvas: document.activeElement === window.charts.hover.canvas,
      outline: getComputedStyle(window.charts.hover.canvas).outlineStyle,
      described: document.getElementById(window.charts.hover.canvas.getAttribute('aria-describedby'))?.textContent ?? '',
    }));
    assert.ok(focus.isCanvas, 'Tab reaches the chart');
    assert.equal(focus.outline, 'solid', 'a visible focus ring');
    assert.match(focus.described, /arrow keys/);

    const steps = [
      ['ArrowRight', 0, '4 Jan 2022: Hash rate 177 EH/s'],
      ['ArrowRight', 1, '5 Jan 2022: Hash rate 181 EH/s; inside Test shutdown'],
      ['ArrowRight', 2, '6 Jan 2022: Hash rate 176 EH/s; inside Test shutdown'],
      ['ArrowLeft', 1, '5 Jan 2022: Hash rate 181 EH/s; inside Test shutdown'],
      ['End', 4, '8 Jan 2022: Hash rate 178 EH/s'],
      ['ArrowRight', 4, '8 Jan 2022: Hash rate 178 EH/s'],
      ['Home', 0, '4 Jan 2022: Hash rate 177 EH/s'],
      ['PageUp', 1, '5 Jan 2022: Hash rate 181 EH/s; inside Test shutdown'], // 10 % of 5 points, at least 1
      ['PageDown', 0, '4 Jan 2022: Hash rate 177 EH/s'],
    ];
    for (const [key, index, text] of steps) {
      await page.keyboard.press(key);
      const seen = await readoutState(page, 'hover');
      assert.equal(seen.index, index, `after ${key}`);
      assert.equal(seen.live, text, `after ${key}`);
      assert.equal(seen.liveMode, 'polite');
      assert.ok(seen.visible, `the tooltip shows after ${key}`);
    }
    assert.ok((await canvasDigest(page, 'hover', 'overlay')).opaque > 0);
    await page.keyboard.press('Escape');
    const hidden = await readoutState(page, 'hover');
    assert.equal(hidden.index, -1);
    assert.equal(hidden.visible, false);
    assert.equal((await canvasDigest(page, 'hover', 'overlay')).opaque, 0, 'Escape clears the crosshair');
  });

  test('labels with markup reach the tooltip and the live region as text', async () => {
    const spec = structuredClone(SPEC);
    spec.series[0].label = MARKUP;
    spec.outages[0].label = `Outage ${MARKUP}`;
    await mountChart(page, 'markup', spec, { hostAttributes: { lang: 'en-GB' } });
    await page.evaluate(() => window.charts.markup.showReadout(2, { announce: true }));
    const seen = await readoutState(page, 'markup');
    assert.ok(seen.tooltip.includes(MARKUP), seen.tooltip);
    assert.ok(seen.live.includes(`inside Outage ${MARKUP}`), seen.live);
    assert.equal(await page.evaluate(() => window.charts.markup.element.querySelectorAll('img').length), 0);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  test('touch: a tap shows and announces the read-out; vertical swipes still scroll the page', async () => {
    const phone = await harness.browser.newContext({ viewport: { width: 390, height: 700 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
    try {
      const { page: touch, watcher: touchWatcher } = await openBlank(harness, { context: phone });
      await touch.evaluate(() => (document.body.style.paddingBottom = '2000px'));
      await mountChart(touch, 'tap', SPEC, { hostStyle: 'width: 360px; margin-top: 100px', options: { locale: 'en-GB' } });
      const { readout, plot, touchAction } = await touch.evaluate(() => ({
        readout: window.charts.tap.readout(3),
        plot: window.charts.tap.layout().plot,
        touchAction: getComputedStyle(window.charts.tap.canvas.parentElement).touchAction,
      }));
      assert.match(touchAction, /pan-y/, 'the chart area leaves vertical panning to the browser');
      const point = await pagePoint(touch, 'tap', readout.x + 2, plot.y + plot.height / 2);
      if (ENGINE === 'firefox') {
        // Playwright drives Firefox over WebDriver BiDi with a mouse only (its touchscreen does
        // nothing there), so the tap is the pointer events a finger makes, dispatched at the
        // element under the point: the chart's own handling of a touch is what is tested.
        await touch.evaluate(({ x, y }) => {
          const target = document.elementFromPoint(x, y);
          const init = { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, pointerId: 7, pointerType: 'touch', isPrimary: true };
          for (const type of ['pointerover', 'pointerenter', 'pointerdown', 'pointerup', 'pointerout', 'pointerleave']) {
            target.dispatchEvent(new PointerEvent(type, { ...init, bubbles: !type.endsWith('enter') && !type.endsWith('leave') }));
          }
        }, point);
      } else {
        await touch.touchscreen.tap(point.x, point.y);
      }
      await nextFrames(touch);
      const seen = await readoutState(touch, 'tap');
      assert.equal(seen.index, 3);
      assert.ok(seen.visible, 'the tooltip stays after the finger lifts');
      assert.deepEqual(seen.values, ['169 EH/s']);
      assert.equal(seen.live, '7 Jan 2022: Hash rate 169 EH/s');
      assert.ok(seen.box.left >= seen.host.left && seen.box.right <= seen.host.right, JSON.stringify(seen));

      // A vertical swipe that starts on the chart scrolls the page (with touch-action: none on
      // the chart area this stays at 0). Chromium only: the swipe is CDP touch input; in Firefox
      // the pan-y touch-action asserted above is what leaves the swipe to the page.
      if (ENGINE !== 'firefox') {
        const session = await phone.newCDPSession(touch);
        const start = { x: Math.round(point.x), y: Math.round(point.y) };
        await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [start] });
        for (let step = 1; step <= 10; step++) {
          await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: start.x, y: start.y - step * 25 }] });
        }
        await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        await touch.waitForFunction(() => window.scrollY > 50, null, { timeout: 2000 }).catch(() => {});
        const scrolled = await touch.evaluate(() => window.scrollY);
        assert.ok(scrolled > 50, `the page scrolled by ${scrolled}px`);
      }
      assert.deepEqual(touchWatcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await phone.close();
    }
  });
});
