//! The chart maker (issue 28), as the reporter uses it: only the page's labelled fields and
//! buttons. The Kazakhstan chart from the built-in history, an outage and a title; the spec it
//! downloads mounts on embed.html as the same chart with the real block counts; the PNG is the
//! chart at twice its size; the embed code has both snippets and the fallback; a reload keeps
//! everything; each adapter's fixture goes in through "Data file" and a bad one keeps the chart;
//! the same task by keyboard; axe-core on the page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINE, ROOT, downloaded, expectReady, frameWorkDone, recordDownloads, startHarness, trackFrameWork, watchPage } from './harness.mjs';
import { MAKER_STRINGS } from '../../www/maker-strings.js';

const FIXTURES = join(ROOT, 'tests/fixtures/adapters');
const AXE = await readFile(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Waits until the maker has drawn the latest fields: it redraws in an animation frame, the
 * latest fields winning (an async callback, which the page's trackFrameWork follows to its end).
 */
async function settled(page) {
  await page.waitForFunction(() => document.getElementById('maker').dataset.state); // started
  await frameWorkDone(page);
  assert.equal(await page.evaluate(() => document.getElementById('maker').dataset.state), 'ready');
}

/** The reporter's task, with the fields' labels. */
async function makeKazakhstanChart(page) {
  await page.getByLabel('From', { exact: true }).fill('2021-12-01');
  await page.getByLabel('To', { exact: true }).fill('2022-02-15');
  await page.getByRole('button', { name: 'Add outage' }).click();
  const row = page.locator('#outages > li').last();
  await row.getByLabel('Outage start').fill('2022-01-05 11:00');
  await row.getByLabel('Outage end').fill('2022-01-07 23:00');
  await row.getByLabel('Outage label').fill('Nationwide internet blackout');
  await row.getByLabel('Region').fill('Kazakhstan');
  await page.getByLabel('Title', { exact: true }).fill('Did Kazakhstan’s blackout move Bitcoin’s hash rate?');
  await settled(page);
}

describe('chart maker', () => {
  let harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  /** The maker in a context of its own: nothing stored by another test. */
  async function openMaker(viewport = { width: 1280, height: 1000 }) {
    const context = await harness.browser.newContext({ viewport });
    await context.addInitScript(trackFrameWork);
    const page = await context.newPage();
    const watcher = watchPage(page);
    await page.goto(harness.url('/www/maker.html'));
    await settled(page);
    return { page, watcher };
  }

  test("the reporter's task: period, outage, title; the spec, the PNG, the embed code; a reload keeps it", async () => {
    const context = await harness.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1000 } });
    await context.addInitScript(trackFrameWork);
    try {
      const page = await context.newPage();
      if (ENGINE !== 'chromium') await page.addInitScript(recordDownloads);
      const watcher = watchPage(page);
      await page.goto(harness.url('/www/maker.html'));
      await settled(page);
      await makeKazakhstanChart(page);
      const row = page.locator('#outages > li').first();
      // In the chart's own words.
      assert.match(await row.locator('.verdict').textContent(), /^Verdict: [−+][\d.]+%: within normal day-to-day variation \(plausible range [−+][\d.]+% to [−+][\d.]+%\)/);
      // A polite live region: typing elsewhere does not rewrite it (a screen reader would hear
      // the verdict at every keystroke).
      await page.evaluate(() => {
        window.__verdictChanges = 0;
        new MutationObserver((records) => (window.__verdictChanges += records.length)).observe(document.querySelector('#outages .verdict'), { childList: true, characterData: true, subtree: true });
      });
      await page.getByLabel('Subtitle').fill('Daily estimate from the blocks mined each UTC day');
      await settled(page);
      assert.equal(await page.evaluate(() => window.__verdictChanges), 0);

      // Download spec: the JSON a chart page loads.
      const specDownload = await downloaded(page, page.getByRole('button', { name: 'Download spec' }));
      assert.equal(specDownload.name, 'did-kazakhstan-s-blackout-move-bitcoin-s-hash-rate.json');
      const specText = specDownload.bytes.toString('utf8');
      const spec = JSON.parse(specText);
      assert.equal(spec.title, 'Did Kazakhstan’s blackout move Bitcoin’s hash rate?');
      assert.deepEqual(spec.outages, [{ start: '2022-01-05T11:00:00Z', end: '2022-01-07T23:00:00Z', label: 'Nationwide internet blackout', region: 'Kazakhstan' }]);
      const series = spec.series[0];
      const at = (day) => series.points.findIndex(([d]) => d === day);
      assert.deepEqual(['2022-01-05', '2022-01-06', '2022-01-07'].map((d) => Math.round(series.points[at(d)][1])), [181, 176, 169]);
      assert.deepEqual(['2022-01-05', '2022-01-06', '2022-01-07'].map((d) => series.blocks[at(d)]), [150, 146, 140]);
      assert.equal(series.points.length, 77);

      // The same chart on embed.html, at the preview's width.
      const previewLayout = await page.evaluate(() => window.__maker.previews.wide.layout());
      await context.route((url) => url.pathname === '/maker-test/spec.json', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'application/json' }, body: specText }));
      const embed = await context.newPage();
      await embed.setViewportSize({ width: Math.round(previewLayout.width), height: 900 });
      await embed.goto(harness.url('/www/embed.html?src=/maker-test/spec.json'));
      await expectReady(embed, 'hashrate-outage-chart');
      const embedLayout = await embed.evaluate(() => document.querySelector('hashrate-outage-chart').chart.layout());
      assert.deepEqual(embedLayout, previewLayout, 'the published chart is the preview');
      await embed.close();

      // Download PNG: the chart at twice its size.
      const png = (await downloaded(page, page.getByRole('button', { name: 'Download PNG' }))).bytes;
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [Math.round(previewLayout.width * 2), Math.round(previewLayout.height * 2)]);

      // Download SVG: the same chart, with its title in words.
      const svg = (await downloaded(page, page.getByRole('button', { name: 'Download SVG' }))).bytes.toString('utf8');
      assert.match(svg, /<title>Chart: Did Kazakhstan’s blackout move Bitcoin’s hash rate\? Time axis/);

      // Embed code for the spec's future address: the element, the fallback, the iframe.
      await page.getByLabel('Spec URL').fill('https://data.newsroom.example/charts/kazakhstan.json');
      await settled(page);
      const code = await page.getByLabel('Embed code').inputValue();
      assert.match(code, /<script type="module" src="[^"]+\/www\/index\.min\.js"><\/script>/);
      assert.match(code, /<hashrate-outage-chart src="https:\/\/data\.newsroom\.example\/charts\/kazakhstan\.json" allow-origins="https:\/\/data\.newsroom\.example" fallback="https:\/\/data\.newsroom\.example\/charts\/kazakhstan\.png"/);
      assert.match(code, /<noscript><img src="https:\/\/data\.newsroom\.example\/charts\/kazakhstan\.png" alt="Did Kazakhstan&#8217;s|<noscript><img src="https:\/\/data\.newsroom\.example\/charts\/kazakhstan\.png" alt="Did Kazakhstan’s/);
      assert.match(code, /<iframe src="[^"]+\/www\/embed\.html\?src=https%3A%2F%2Fdata\.newsroom\.example%2Fcharts%2Fkazakhstan\.json" title="[^"]+" loading="lazy"/);
      if (ENGINE === 'chromium') {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(harness.url('/')).origin });
        await page.getByRole('button', { name: 'Copy embed code' }).click();
        await page.waitForFunction(() => document.getElementById('publish-status').textContent === 'Embed code copied.');
        assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
      }

      // A reload keeps everything: the fields and the chart.
      await page.reload();
      await settled(page);
      assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2021-12-01');
      assert.equal(await page.locator('#outages > li').first().getByLabel('Outage label').inputValue(), 'Nationwide internet blackout');
      assert.equal(await page.getByLabel('Spec URL').inputValue(), 'https://data.newsroom.example/charts/kazakhstan.json');
      assert.deepEqual(await page.evaluate(() => window.__maker.previews.wide.layout()), previewLayout);
      // And the link alone (another browser, nothing stored) opens the same chart.
      const link = page.url();
      const fresh = await harness.browser.newContext({ viewport: { width: 1280, height: 1000 } });
      await fresh.addInitScript(trackFrameWork);
      const other = await fresh.newPage();
      await other.goto(link);
      await settled(other);
      assert.deepEqual(await other.evaluate(() => window.__maker.previews.wide.layout()), previewLayout);
      await fresh.close();
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    } finally {
      await context.close();
    }
  });

  test('each adapter fixture goes in through "Data file"; a bad file keeps the chart and says why', async () => {
    const { page, watcher } = await openMaker();
    const fileInput = page.getByLabel('Data file');
    // A file that names no unit asks for one, then reads with it.
    await fileInput.setInputFiles(join(FIXTURES, 'blockchain.csv'));
    await page.waitForFunction(() => !document.getElementById('data-alert').hidden);
    assert.match(await page.locator('#data-alert').textContent(), /^blockchain\.csv: a blockchain\.com CSV export carries no unit: choose it in "Unit of a file that names none"/);
    await page.getByLabel('Unit of a file that names none').selectOption('TH/s');
    for (const [name, expect] of [
      ['blockchain.json', /blockchain\.com charts API JSON \(1 series/],
      ['blockchain.csv', /blockchain\.com charts CSV \(1 series/],
      ['series.csv', /CSV time series \(\d series/],
      ['series_seconds.csv', /CSV time series/],
      ['events.csv', /Outages added from events\.csv: \d/],
      ['ioda_events.json', /Outages added from ioda_events\.json: \d/],
      ['cloudflare.json', /Outages added from cloudflare\.json: \d/],
      ['ioda_signals.json', /IODA signals \(\d series/],
    ]) {
      await fileInput.setInputFiles(join(FIXTURES, name));
      await page.waitForFunction((pattern) => new RegExp(pattern).test(document.getElementById('data-status').textContent), expect.source, { timeout: 10_000 });
      await settled(page);
      assert.equal(await page.locator('#data-alert').isHidden(), true, `${name}: ${await page.locator('#data-alert').textContent()}`);
    }
    const before = await page.evaluate(() => window.__maker.previews.wide.layout());
    await fileInput.setInputFiles(join(FIXTURES, 'bad_value.csv'));
    await page.waitForFunction(() => !document.getElementById('data-alert').hidden);
    const alert = await page.locator('#data-alert').textContent();
    assert.match(alert, /^bad_value\.csv:\d+: column [^:]+: .*The chart keeps its data\.$/);
    assert.deepEqual(await page.evaluate(() => window.__maker.previews.wide.layout()), before);
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('fresh days: merged after the built-in history from an answer in the API\'s shape; a failed fetch keeps the history', async (t) => {
    const real = await readFile(join(ROOT, '../shared/data/blockchaincom_hash-rate_2021-12-01_2022-02-15.json'), 'utf8').catch(() => null);
    if (!real) {
      t.skip('../shared/data is absent: no real blockchain.com response to shape the answer on');
      return;
    }
    // The real response, its days moved to just after the built-in history (2025-03-08).
    const answer = JSON.parse(real);
    const shift = Date.parse('2025-03-09T00:00:00Z') / 1000 - answer.values[0].x;
    answer.values = answer.values.slice(0, 12).map(({ x, y }) => ({ x: x + shift, y }));
    const { page, watcher } = await openMaker();
    const api = (url) => url.hostname === 'api.blockchain.info';
    await page.route(api, (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Fetch days after the built-in history' }).click();
    await page.waitForFunction(() => !document.getElementById('data-alert').hidden);
    assert.match(await page.locator('#data-alert').textContent(), /^Could not fetch newer days from blockchain\.com \(.*\); the built-in history, to 2025-03-08, is kept\.$/);
    await page.unroute(api);
    await page.route(api, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*' }, body: JSON.stringify(answer) }));
    await page.getByRole('button', { name: 'Fetch days after the built-in history' }).click();
    await page.waitForFunction(() => /^12 days after 2025-03-08 from blockchain\.com/.test(document.getElementById('data-status').textContent));
    await page.getByLabel('From', { exact: true }).fill('2025-02-01');
    await page.getByLabel('To', { exact: true }).fill('2025-03-20');
    await settled(page);
    const spec = await page.evaluate(() => window.__maker.spec());
    const series = spec.series[0];
    assert.equal(series.points.at(-1)[0], '2025-03-20');
    assert.equal(series.points.at(-1)[1], Math.round(answer.values[11].y / 1e3) / 1e3, 'TH/s to EH/s');
    const first = series.points.findIndex(([day]) => day === '2025-03-09');
    assert.ok(series.blocks.slice(0, first).every((b) => Number.isInteger(b)), 'the built-in days keep their block counts');
    assert.deepEqual(series.blocks.slice(first), Array(12).fill(null), 'the fetched days have none');
    assert.match(series.source, /; days after 2025-03-08: blockchain\.com$/);
    assert.deepEqual(watcher.unexpected([/api\.blockchain\.info/, 'ERR_CONNECTION_REFUSED', 'NS_ERROR_CONNECTION_REFUSED']), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  test('dragging across the larger preview adds an outage over that span', async () => {
    const { page } = await openMaker();
    await page.getByLabel('From', { exact: true }).fill('2021-12-01');
    await page.getByLabel('To', { exact: true }).fill('2022-02-15');
    await settled(page);
    const { x0, x1, y } = await page.evaluate(() => {
      const chart = window.__maker.previews.wide;
      const { plot, time } = chart.layout();
      const box = chart.canvas.getBoundingClientRect();
      const at = (iso) => box.left + plot.x + ((Date.parse(iso) - time.start) / (time.end - time.start)) * plot.width;
      return { x0: at('2022-01-05T12:00:00Z'), x1: at('2022-01-08T00:00:00Z'), y: box.top + plot.y + plot.height / 2 };
    });
    await page.mouse.move(x0, y);
    await page.mouse.down();
    await page.mouse.move((x0 + x1) / 2, y, { steps: 4 });
    await page.mouse.move(x1, y, { steps: 4 });
    await page.mouse.up();
    await settled(page);
    const row = page.locator('#outages > li').first();
    // Rounded to the hour: within an hour of where the pointer went down and came up.
    const start = Date.parse(`${(await row.getByLabel('Outage start').inputValue()).replace(' ', 'T')}:00Z`);
    const end = Date.parse(`${(await row.getByLabel('Outage end').inputValue()).replace(' ', 'T')}:00Z`);
    assert.ok(Math.abs(start - Date.parse('2022-01-05T12:00:00Z')) <= 2 * 3_600_000, new Date(start).toISOString());
    assert.ok(Math.abs(end - Date.parse('2022-01-08T00:00:00Z')) <= 2 * 3_600_000, new Date(end).toISOString());
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'start', 'focus goes to the new row, to name it');
    assert.equal((await page.evaluate(() => window.__maker.spec())).outages.length, 1);
    // Still going on: "ongoing" runs it to the end of the data, labelled so on the chart.
    await row.getByLabel('Outage label').fill('Shutdown');
    await row.getByLabel('Outage end').fill('ongoing');
    await settled(page);
    assert.equal((await page.evaluate(() => window.__maker.spec())).outages[0].end, 'ongoing');
    assert.match(await page.evaluate(() => window.__maker.previews.wide.canvas.getAttribute('aria-label')), /Shutdown \(ongoing\)/);
    assert.match(await row.locator('.verdict').textContent(), /^Verdict: /);
    await page.close();
  });

  test('the same task by keyboard alone', async () => {
    const { page } = await openMaker();
    await page.evaluate(() => document.activeElement?.blur());
    /** Tabs until the focused control's accessible name is `name`; fails after 80 presses. */
    const tabTo = async (name) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          return el?.labels?.[0]?.textContent.trim().split('\n')[0].trim() || el?.textContent?.trim() || '';
        });
        if (focused === name || focused.startsWith(`${name} `)) return;
      }
      assert.fail(`no control named ${name} by Tab`);
    };
    await tabTo('From');
    await page.keyboard.type(ENGINE === 'firefox' ? '12012021' : '12012021');
    await tabTo('To');
    await page.keyboard.type('02152022');
    await tabTo('Add outage');
    await page.keyboard.press('Enter');
    // Focus moves into the new row's first field.
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'start');
    await page.keyboard.type('2022-01-05 11:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2022-01-07 23:00');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Blackout');
    await settled(page);
    const spec = await page.evaluate(() => window.__maker.spec());
    assert.equal(spec.series[0].points[0][0], '2021-12-01');
    assert.equal(spec.series[0].points.at(-1)[0], '2022-02-15');
    assert.deepEqual(spec.outages, [{ start: '2022-01-05T11:00:00Z', end: '2022-01-07T23:00:00Z', label: 'Blackout' }]);
    await page.close();
  });

  test('the interface in six languages: every text in each, with the same placeholders; the page follows the choice', async () => {
    const placeholders = (text) => (text.match(/\{\w+\}/g) ?? []).sort().join(' ');
    for (const [language, texts] of Object.entries(MAKER_STRINGS)) {
      for (const [key, english] of Object.entries(MAKER_STRINGS.en)) {
        assert.equal(typeof texts[key], 'string', `${language}: ${key} is missing`);
        assert.equal(placeholders(texts[key]), placeholders(english), `${language}: ${key}`);
      }
    }
    const { page, watcher } = await openMaker();
    await page.getByLabel('Interface language').selectOption('de');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await page.getByRole('button', { name: 'Ausfall hinzufügen' }).count(), 1);
    await page.getByRole('button', { name: 'Ausfall hinzufügen' }).click();
    assert.equal(await page.locator('#outages > li').first().getByLabel('Beginn des Ausfalls').count(), 1, 'a new row speaks German too');
    assert.match(await page.locator('#history-note').textContent(), /^Eingebaute Historie: .* von 2009-01-09 bis 2025-03-08;/);
    // Kept: a reload opens in German.
    await page.reload();
    await settled(page);
    assert.equal(await page.getByLabel('Von', { exact: true }).count(), 1);
    await page.getByLabel('Sprache der Oberfläche').selectOption('en');
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await page.close();
  });

  for (const width of [1280, 375]) {
    test(`axe-core: no serious violations on the maker, ${width} px`, async () => {
      const { page } = await openMaker({ width, height: 1000 });
      await makeKazakhstanChart(page);
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, []);
      await page.close();
    });
  }
});
