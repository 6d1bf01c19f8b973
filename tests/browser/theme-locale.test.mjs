//! Theme, CSS custom properties and locale in each Playwright engine: theme="auto" follows
//! prefers-color-scheme live; --hoc-* properties recolour the band and set the font; a German
//! locale formats dates and numbers in the tooltip, the live region, the table and the ticks.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addElement, colorDistance, expectReady, gotoWithColorScheme, luminance, mountChart, nextFrames, pixelsAt, startHarness, watchPage } from './harness.mjs';

const SPEC = {
  title: 'Theme and locale test',
  series: [
    {
      id: 'hashrate',
      label: 'Hash rate',
      unit: 'TH/s',
      points: [
        ['2021-12-28', 17640000],
        ['2021-12-29', 18120000],
        ['2021-12-30', 17310000],
        ['2021-12-31', 17850000],
        ['2022-01-01', 18420000],
        ['2022-01-02', 17980000],
        ['2022-01-03', 17530000],
        ['2022-01-04', 18260000],
      ],
    },
  ],
  outages: [{ start: '2021-12-30T00:00:00Z', end: '2022-01-02T00:00:00Z', label: 'Ausfall' }],
};

/** The colour at the middle of the outage band, low in the plot (below line and labels). */
async function bandPixel(page, selector) {
  const layout = await page.evaluate((selector) => document.querySelector(selector).chart.layout(), selector);
  const band = layout.outages[0];
  const [pixel] = await pixelsAt(page, selector, [[(band.x0 + band.x1) / 2, layout.plot.y + layout.plot.height - 3]]);
  return { pixel, layout };
}

describe('theme, custom properties and locale', () => {
  let harness;
  let context;
  let page;
  let watcher;
  let setScheme;

  before(async () => {
    harness = await startHarness();
    context = await harness.browser.newContext({ viewport: { width: 900, height: 900 } });
    // The page is framed in Firefox, where that is how the colour scheme is switched live.
    const top = await context.newPage();
    watcher = watchPage(top);
    ({ frame: page, setScheme } = await gotoWithColorScheme(top, harness.url('/tests/browser/pages/blank.html'), 'light'));
    await page.waitForFunction(() => window.hocLoaded === true);
  });

  after(async () => {
    await harness?.close();
  });

  test('theme "auto" follows prefers-color-scheme and redraws when it changes', async () => {
    await setScheme('dark');
    await mountChart(page, 'auto', SPEC, { options: { theme: 'auto' } });
    const corner = () => pixelsAt(page, '#auto', [[2, 2]]).then(([p]) => p);
    assert.equal(await page.evaluate(() => window.charts.auto.theme), 'dark');
    assert.ok(luminance(await corner()) < 0.2, 'dark background under a dark scheme');
    await setScheme('light');
    await nextFrames(page);
    assert.equal(await page.evaluate(() => window.charts.auto.theme), 'light');
    assert.ok(luminance(await corner()) > 0.8, 'redrawn light when the scheme changes');
    await setScheme('dark');
    await nextFrames(page);
    assert.ok(luminance(await corner()) < 0.2, 'and dark again');
    // The tooltip and the shown table take the dark theme too.
    const ui = await page.evaluate(() => {
      const chart = window.charts.auto;
      chart.showReadout(2);
      chart.toggleTable(true);
      const rgb = (value) => value.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      const tooltip = getComputedStyle(chart.element.querySelector('.hoc-tooltip'));
      const table = getComputedStyle(chart.element.querySelector('.hoc-table-wrap'));
      return { tooltip: [rgb(tooltip.backgroundColor), rgb(tooltip.color)], table: [rgb(table.backgroundColor), rgb(table.color)] };
    });
    for (const [part, [background, text]] of Object.entries(ui)) {
      assert.ok(luminance(background) < 0.2 && luminance(text) > 0.6, `${part}: ${background} on ${text}`);
    }
  });

  test('a spec with options.theme "auto" follows the scheme in the element', async () => {
    await setScheme('dark');
    await addElement(page, 'specauto', { spec: { ...SPEC, options: { theme: 'auto' } }, style: 'width: 500px' });
    await expectReady(page, '#specauto');
    const [dark] = await pixelsAt(page, '#specauto', [[2, 2]]);
    assert.ok(luminance(dark) < 0.2, `dark: ${dark}`);
    await setScheme('light');
    await nextFrames(page);
    const [light] = await pixelsAt(page, '#specauto', [[2, 2]]);
    assert.ok(luminance(light) > 0.8, `light: ${light}`);
  });

  test('--hoc-band on the host recolours the band; changing it and calling restyle() redraws', async () => {
    await setScheme('light');
    await addElement(page, 'styled', { spec: SPEC, style: 'width: 600px; --hoc-band: rgb(0 160 0); --hoc-font: Georgia, serif' });
    await expectReady(page, '#styled');
    const green = await bandPixel(page, '#styled');
    assert.ok(green.pixel[1] > green.pixel[0] + 20 && green.pixel[1] > green.pixel[2] + 20, `green band: ${green.pixel}`);
    assert.ok(colorDistance(green.pixel, green.layout.colors.band) <= 3, `${green.pixel} vs layout ${green.layout.colors.band}`);
    assert.match(green.layout.font, /Georgia/, '--hoc-font reaches the drawing');
    await page.evaluate(() => {
      const element = document.getElementById('styled');
      element.style.setProperty('--hoc-band', 'rebeccapurple');
      element.chart.restyle();
    });
    const purple = await bandPixel(page, '#styled');
    // rebeccapurple (102, 51, 153) at the band's opacity over white: blue and red above green.
    assert.ok(purple.pixel[2] > purple.pixel[1] + 10 && purple.pixel[0] > purple.pixel[1], `purple band: ${purple.pixel}`);
    assert.ok(colorDistance(purple.pixel, purple.layout.colors.band) <= 3);
    // Without the property the theme's own band returns.
    await page.evaluate(() => {
      const element = document.getElementById('styled');
      element.style.removeProperty('--hoc-band');
      element.chart.restyle();
    });
    const plain = await bandPixel(page, '#styled');
    assert.ok(colorDistance(plain.pixel, purple.pixel) > 20, `back to the theme band: ${plain.pixel}`);
  });

  test('the chart redraws when web fonts finish loading', async () => {
    // A chart of this test's own: exactly one redraw of its canvas, whatever other tests left.
    const redrawn = await page.evaluate(async () => {
      const { ChartCore } = await import('/www/pkg/hashrate_outage_chart.js');
      const host = document.createElement('div');
      host.style.width = '400px';
      document.body.append(host);
      const chart = await window.hoc.mount(host, { series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-05', 1], ['2022-01-06', 2]] }] });
      const counts = new Map();
      const draw = ChartCore.prototype.draw;
      ChartCore.prototype.draw = function (canvas, ...rest) {
        counts.set(canvas, (counts.get(canvas) ?? 0) + 1);
        return draw.call(this, canvas, ...rest);
      };
      try {
        document.fonts.dispatchEvent(new Event('loadingdone'));
        return counts.get(chart.canvas) ?? 0;
      } finally {
        ChartCore.prototype.draw = draw;
        chart.destroy();
        host.remove();
      }
    });
    assert.equal(redrawn, 1, 'the chart redrew once when the fonts loaded');
  });

  test('a German locale formats the tooltip, the live region, the table and the tick labels', async () => {
    await mountChart(page, 'german', SPEC, { options: { locale: 'de-DE' } });
    const seen = await page.evaluate(() => {
      const chart = window.charts.german;
      const host = chart.element;
      chart.showReadout(0, { announce: true });
      const table = host.querySelector('table');
      return {
        locale: chart.locale,
        time: host.querySelector('.hoc-tooltip-time').textContent,
        value: host.querySelector('.hoc-tooltip-value').textContent,
        live: host.querySelector('[aria-live]').textContent,
        firstRow: [...table.tBodies[0].rows[0].cells].map((cell) => cell.textContent),
        ticks: chart.layout().texts.filter((t) => t.role.endsWith('tick')).map((t) => t.text),
      };
    });
    assert.equal(seen.locale, 'de-DE');
    assert.equal(seen.time, '28. Dez. 2021');
    assert.equal(seen.value, '17,6 EH/s');
    assert.equal(seen.live, '28. Dez. 2021: Hash rate 17,6 EH/s');
    assert.deepEqual(seen.firstRow, ['28. Dez. 2021', '17,6', '']);
    assert.ok(seen.ticks.some((t) => /Dez/.test(t)), `a German month on the time axis: ${seen.ticks}`);
    assert.ok(!seen.ticks.some((t) => /Dec/.test(t)), `no English month left: ${seen.ticks}`);
  });

  test('without a locale option the nearest lang applies (lang="de" on an ancestor)', async () => {
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.lang = 'de';
      section.id = 'german-section';
      document.body.append(section);
    });
    await page.evaluate(async (spec) => {
      const host = document.createElement('div');
      host.id = 'inherited';
      host.style.width = '600px';
      document.getElementById('german-section').append(host);
      window.charts.inherited = await window.hoc.mount(host, spec);
      window.charts.inherited.showReadout(3);
    }, SPEC);
    const seen = await page.evaluate(() => ({
      locale: window.charts.inherited.locale,
      time: window.charts.inherited.element.querySelector('.hoc-tooltip-time').textContent,
      english: window.charts.german && window.charts.auto.locale,
    }));
    assert.equal(seen.locale, 'de');
    assert.equal(seen.time, '31. Dez. 2021');
    assert.equal(seen.english, 'en', 'blank.html says lang="en"');
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });

  test('the element\'s locale attribute applies and can change on a live chart', async () => {
    await addElement(page, 'localised', { spec: SPEC, attributes: { locale: 'de-DE' }, style: 'width: 500px' });
    await expectReady(page, '#localised');
    const firstRow = () =>
      page.evaluate(() => {
        const element = document.getElementById('localised');
        return [element.chart.locale, ...[...element.shadowRoot.querySelector('tbody tr').cells].map((cell) => cell.textContent)];
      });
    assert.deepEqual(await firstRow(), ['de-DE', '28. Dez. 2021', '17,6', '']);
    await page.evaluate(() => document.getElementById('localised').setAttribute('locale', 'en-GB'));
    assert.deepEqual(await firstRow(), ['en-GB', '28 Dec 2021', '17.6', '']);
  });

  test('an invalid locale option is refused with its name', async () => {
    const message = await page.evaluate(async (spec) => {
      try {
        await window.hoc.mount(document.createElement('div'), spec, { locale: 'not a tag!' });
        return 'resolved';
      } catch (error) {
        return error.message;
      }
    }, SPEC);
    assert.match(message, /^locale: expected a BCP 47 language tag/);
  });
});
