//! Accessible by the standard (issue 27): axe-core finds nothing on the embed page and the demo
//! article, light and dark, phone and desktop; the chart says its language; its text grows with
//! the reader's; forced colours draw with the system's colours and hatched bands; the expected
//! range of a simulated outage is in the table and the read-out; the embed says how to read
//! its numbers.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STORY_SPEC_URL } from './fixtures.mjs';
import { ROOT, addElement, canvasDigest, engineLacks, expectReady, mountChart, openBlank, startHarness } from './harness.mjs';

const AXE = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SIMULATED = JSON.parse(await readFile(join(ROOT, 'tests/fixtures/simulated_counterfactual.json'), 'utf8'));

/** axe-core's violations on the page (evaluated, so a page's CSP does not refuse it). */
async function axeViolations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The font size in px of a layout text ("bold 12px Liberation Sans, …"). */
const sizeOf = (text) => parseFloat(/([\d.]+)px/.exec(text.font)[1]);

describe('accessibility', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  for (const width of [375, 1280]) {
    for (const scheme of ['light', 'dark']) {
      test(`axe-core: no violations on the embed page and the demo article, ${width} px, ${scheme}`, async () => {
        const context = await harness.browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        try {
          const page = await context.newPage();
          await page.goto(harness.url(`/www/embed.html?src=${STORY_SPEC_URL}&theme=auto`));
          await expectReady(page, 'hashrate-outage-chart');
          assert.deepEqual(await axeViolations(page), [], 'embed.html');
          await page.goto(harness.url('/www/index.html'));
          await expectReady(page, 'hashrate-outage-chart');
          assert.deepEqual(await axeViolations(page), [], 'the demo article');
        } finally {
          await context.close();
        }
      });
    }
  }

  test("the chart, its table and the embed page say the chart's language", async () => {
    const page = await harness.browser.newPage();
    for (const [locale, lang] of [['de-DE', 'de'], ['fr-FR', 'fr'], ['ru-RU', 'ru'], ['zh-CN', 'zh'], ['it-IT', 'en']]) {
      await page.goto(harness.url(`/www/embed.html?src=${STORY_SPEC_URL}&locale=${locale}`));
      await expectReady(page, 'hashrate-outage-chart');
      const seen = await page.evaluate(() => {
        const root = document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc');
        return { page: document.documentElement.lang, chart: root.lang, table: root.querySelector('.hoc-table')?.closest('[lang]')?.lang, label: root.querySelector('canvas').getAttribute('aria-label') };
      });
      // Italian has no table: its words are English, and say so.
      assert.deepEqual({ page: seen.page, chart: seen.chart, table: seen.table }, { page: lang, chart: lang, table: lang }, locale);
      if (lang === 'de') assert.match(seen.label, /^Diagramm: /);
    }
    await page.close();
  });

  test('the embed page has a main landmark, a heading with the title, a description and no icon request', async () => {
    const page = await harness.browser.newPage();
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await page.goto(harness.url(`/www/embed.html?src=${STORY_SPEC_URL}`));
    await expectReady(page, 'hashrate-outage-chart');
    const seen = await page.evaluate(() => ({
      main: document.querySelectorAll('main hashrate-outage-chart').length,
      heading: document.querySelector('main h1')?.textContent,
      description: document.querySelector('meta[name="description"]').content,
      label: document.querySelector('hashrate-outage-chart').chart.canvas.getAttribute('aria-label'),
      explain: document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-explain'),
    }));
    assert.equal(seen.main, 1);
    assert.equal(seen.heading, 'Bitcoin’s hash rate through Kazakhstan’s January 2022 shutdowns');
    assert.equal(seen.description, seen.label);
    assert.ok(!requested.includes('/favicon.ico'), requested.join(', '));
    // The line under the key: what each change is measured against, what the range means.
    const explain = await page.evaluate(() => {
      const line = document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-explain');
      const box = line.getBoundingClientRect();
      return { text: line.textContent, height: box.height, hidden: line.hidden };
    });
    assert.equal(explain.hidden, false);
    assert.ok(explain.height > 10);
    assert.match(explain.text, /^How to read it: each change is the hash rate during the outage against the level the days before and after it predict; the plausible range/);
    // explain=0 turns it off; German speaks German.
    await page.goto(harness.url(`/www/embed.html?src=${STORY_SPEC_URL}&explain=0`));
    await expectReady(page, 'hashrate-outage-chart');
    assert.equal(await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-explain').hidden), true);
    await page.goto(harness.url(`/www/embed.html?src=${STORY_SPEC_URL}&locale=de`));
    await expectReady(page, 'hashrate-outage-chart');
    assert.match(await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-explain').textContent), /^So ist es zu lesen: /);
    await page.close();
  });

  test('the explain line is off on the element unless asked for, and follows the attribute', async () => {
    const { page } = await openBlank(harness);
    await addElement(page, 'explained', { attributes: { src: STORY_SPEC_URL }, style: null });
    await expectReady(page, 'hashrate-outage-chart');
    const hidden = () => page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.hoc-explain').hidden);
    assert.equal(await hidden(), true);
    await page.evaluate(() => document.querySelector('hashrate-outage-chart').setAttribute('explain', ''));
    assert.equal(await hidden(), false);
    await page.close();
  });

  test("the chart's text grows with the reader's: 200 % root font, at least 1.5 times, nothing overlapping", async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'text', SIMULATED, { hostStyle: 'width: 700px' });
    const texts = () => page.evaluate(() => window.charts.text.layout().texts);
    const before = await texts();
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '32px';
      window.charts.text.resize();
    });
    const after = await texts();
    const title = (list) => sizeOf(list.find((t) => t.role === 'title'));
    assert.equal(title(after), 2 * title(before));
    const smallest = (list) => Math.min(...list.map(sizeOf));
    assert.ok(smallest(after) >= 1.5 * smallest(before), `${smallest(before)} -> ${smallest(after)} px`);
    for (let i = 0; i < after.length; i++) {
      for (const b of after.slice(i + 1)) {
        const a = after[i];
        const apart = a.x + a.width <= b.x + 0.5 || b.x + b.width <= a.x + 0.5 || a.y + a.height <= b.y + 0.5 || b.y + b.height <= a.y + 0.5;
        assert.ok(apart, `'${a.text}' overlaps '${b.text}'`);
      }
    }
    // The tooltip's text grows too (it is sized in em).
    const tip = await page.evaluate(() => {
      window.charts.text.showReadout(3);
      return parseFloat(getComputedStyle(document.querySelector('#text .hoc-tooltip')).fontSize);
    });
    assert.ok(tip >= 24, `tooltip ${tip} px`);
    await page.close();
  });

  test('no chart text under 12 px on a 320 px phone', async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'phone', SIMULATED, { hostStyle: 'width: 320px' });
    const sizes = await page.evaluate(() => window.charts.phone.layout().texts.map((t) => [t.text, t.font]));
    const small = sizes.filter(([, font]) => parseFloat(/([\d.]+)px/.exec(font)[1]) < 12);
    assert.deepEqual(small, []);
    await page.close();
  });

  test('forced colours: drawn in the system colours, bands hatched, the tooltip swatch kept', { skip: engineLacks({ firefox: 'no forced-colors emulation over WebDriver BiDi', webkit: 'not run here' }) }, async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'normal', SIMULATED);
    const normal = await canvasDigest(page, 'normal');
    await page.emulateMedia({ forcedColors: 'active' });
    await mountChart(page, 'forced', SIMULATED);
    const seen = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.forcedColorAdjust = 'none';
      document.body.append(probe);
      const system = Object.fromEntries(['Canvas', 'CanvasText', 'Highlight'].map((name) => {
        probe.style.color = name;
        return [name, getComputedStyle(probe).color.match(/\d+/g).slice(0, 3).map(Number)];
      }));
      probe.remove();
      const { colors } = window.charts.forced.layout();
      window.charts.forced.showReadout(5);
      const swatch = getComputedStyle(document.querySelector('#forced .hoc-swatch'));
      return { system, colors, swatch: { adjust: swatch.forcedColorAdjust, background: swatch.backgroundColor } };
    });
    assert.deepEqual(seen.colors.background, seen.system.Canvas);
    assert.deepEqual(seen.colors.series[0], seen.system.CanvasText);
    assert.notEqual((await canvasDigest(page, 'forced')).hash, normal.hash, 'drawn differently from the normal chart');
    assert.equal(seen.swatch.adjust, 'none');
    assert.notEqual(seen.swatch.background, 'rgba(0, 0, 0, 0)', 'the swatch keeps its colour');
    // Hatched: the band's pixels alternate between the edge colour and the fill along a row.
    const hatch = await page.evaluate(() => {
      const chart = window.charts.forced;
      const { outages, plot } = chart.layout();
      const ratio = chart.canvas.width / chart.canvas.getBoundingClientRect().width;
      const ctx = chart.canvas.getContext('2d');
      const y = Math.round((plot.y + plot.height * 0.8) * ratio);
      const x0 = Math.ceil((outages[0].x0 + 2) * ratio);
      const x1 = Math.floor((outages[0].x1 - 2) * ratio);
      const row = ctx.getImageData(x0, y, x1 - x0, 1).data;
      let changes = 0;
      for (let i = 4; i < row.length; i += 4) {
        const step = Math.abs(row[i] - row[i - 4]) + Math.abs(row[i + 1] - row[i - 3]) + Math.abs(row[i + 2] - row[i - 2]);
        if (step > 60) changes++;
      }
      return changes;
    });
    assert.ok(hatch >= 4, `${hatch} edges along a row of the band`);
    await page.close();
  });

  test('the expected range is in the data table and the read-out, not only drawn', async () => {
    const { page } = await openBlank(harness);
    await mountChart(page, 'simulated', SIMULATED);
    const seen = await page.evaluate(() => {
      const chart = window.charts.simulated;
      chart.toggleTable(true);
      const table = document.querySelector('#simulated .hoc-table');
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
      // The read-out on the deepest day of the outage (the 6th).
      let index = -1;
      for (let i = 0; i < chart.readoutCount; i++) if (chart.readout(i).entries.length > 1) index = i;
      const readout = chart.readout(index - 1);
      chart.showReadout(index - 1, { announce: true });
      return { headers, rows, entries: readout.entries, live: document.querySelector('#simulated .hoc-live').textContent };
    });
    assert.deepEqual(seen.headers.slice(-4), ['Expected if 13.2% had gone dark (EH/s)', '95% range, from (EH/s)', '95% range, to (EH/s)', 'Outage']);
    const filled = seen.rows.filter((cells) => /\d/.test(cells[cells.length - 4]));
    assert.equal(filled.length, 4, 'the outage days and one either side');
    const expected = seen.entries.find((e) => e.series === 'expected-0');
    assert.equal(expected.label, 'Expected if 13.2% had gone dark');
    assert.match(expected.note, /^95% range [\d.]+ EH\/s to [\d.]+ EH\/s$/);
    assert.match(seen.live, /Expected if 13\.2% had gone dark [\d.,]+ EH\/s \(95% range [\d.]+ EH\/s to [\d.]+ EH\/s\)/);
    await page.close();
  });
});

