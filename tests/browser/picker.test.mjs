//! The demo article's data picker (www/demo.js) and the convert() API in each Playwright engine (Chromium, Firefox):
//! files through a real file input and a drop, the unit select, blockchain.com fetched through
//! a Playwright route (never the network), and every failure keeping the chart's data.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expectReady, openBlank, ROOT, startHarness, watchPage } from './harness.mjs';

const HOST = 'hashrate-outage-chart';
const FIXTURES = join(ROOT, 'tests/fixtures/adapters');
const fixture = (name) => join(FIXTURES, name);
const API = 'https://api.blockchain.info/**';
const CLEAN = { consoleErrors: [], pageErrors: [], failedRequests: [] };
const EXAMPLE_LABEL = /Bitcoin’s hash rate through Kazakhstan’s January 2022 shutdowns/;

/** What the chart shows: the canvas's aria-label and a hash of its pixels, plus the state. */
function chartState(page) {
  return page.evaluate((host) => {
    const element = document.querySelector(host);
    const canvas = element.chart.canvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619) >>> 0;
    return { state: element.dataset.state, label: canvas.getAttribute('aria-label'), hash };
  }, HOST);
}

const statusText = (page) => page.locator('#picker-status').innerText();
const alertText = (page) => page.locator('#picker-alert').innerText();

/** Waits until the alert (role="alert") has text; returns it. */
async function waitForAlert(page) {
  await page.waitForFunction(() => document.getElementById('picker-alert').textContent.trim() !== '');
  return alertText(page);
}

/** Waits until the status line contains `text`. */
function waitForStatus(page, text) {
  return page.waitForFunction((text) => document.getElementById('picker-status').textContent.includes(text), text);
}

describe('demo data picker', () => {
  let harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  /** A fresh demo page (its own routes and watcher), the example drawn. */
  async function openDemo({ width = 1000 } = {}) {
    const page = await harness.browser.newPage({ viewport: { width, height: 900 } });
    const watcher = watchPage(page);
    await page.goto(harness.url('/www/index.html'));
    await expectReady(page, HOST);
    await page.waitForFunction(() => document.getElementById('picker-status').textContent !== '');
    return { page, watcher };
  }

  test('on load: the example is selected and drawn, the panels are hidden, nothing is fetched', async () => {
    const { page, watcher } = await openDemo();
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      assert.equal(await page.getByLabel('January 2022 (measured)').isChecked(), true);
      assert.equal(await page.locator('#picker-file').isHidden(), true);
      assert.equal(await page.locator('#picker-fetch').isHidden(), true);
      assert.match((await chartState(page)).label, EXAMPLE_LABEL);
      assert.match(await statusText(page), /example/i);
      assert.equal(await alertText(page), '');
      await page.getByLabel('Fetch from blockchain.com').check();
      assert.equal(await page.locator('#picker-fetch').isVisible(), true);
      assert.equal(await page.locator('#picker-start').inputValue(), '2021-12-01');
      assert.equal(await page.locator('#picker-end').inputValue(), '2022-02-15');
      assert.deepEqual(requests.filter((url) => url.includes('blockchain')), [], 'choosing the source does not fetch');
      assert.deepEqual(watcher.unexpected(), CLEAN);
    } finally {
      await page.close();
    }
  });

  test('"Load file…" with a real file input: blockchain.com JSON plus an outage CSV are merged and drawn', async () => {
    const { page, watcher } = await openDemo();
    try {
      const before = await chartState(page);
      await page.getByLabel('Load file…').check();
      assert.equal(await page.locator('#picker-file').isVisible(), true);
      await page.setInputFiles('#picker-files', [fixture('blockchain.json'), fixture('events.csv')]);
      await waitForStatus(page, 'events.csv:');
      const after = await chartState(page);
      assert.equal(after.state, 'ready');
      assert.doesNotMatch(after.label, EXAMPLE_LABEL);
      assert.match(after.label, /Hash Rate/, after.label);
      assert.match(after.label, /Blackout, nationwide/, after.label);
      assert.notEqual(after.hash, before.hash, 'the pixels changed');
      const items = await page.locator('#picker-status li').allInnerTexts();
      assert.deepEqual(items, [
        'blockchain.json: blockchain.com charts API JSON (1 series, 0 outages)',
        'events.csv: outage events CSV (0 series, 2 outages)',
      ]);
      assert.equal(await alertText(page), '');
      assert.match(await page.locator('figcaption').innerText(), /blockchain\.json, events\.csv/);
      assert.deepEqual(watcher.unexpected(), CLEAN);

      // Back to the example: the same element redraws the bundled data.
      await page.getByLabel('January 2022 (measured)').check();
      await waitForStatus(page, 'Showing the example');
      const example = await chartState(page);
      assert.match(example.label, EXAMPLE_LABEL);
      assert.equal(example.label, before.label);
      assert.equal(await page.locator(HOST).count(), 1);
      assert.deepEqual(watcher.unexpected(), CLEAN);
    } finally {
      await page.close();
    }
  });

  test('a malformed file: the alert names file, line and column, and the chart keeps its data', async () => {
    const { page, watcher } = await openDemo();
    try {
      await page.getByLabel('Load file…').check();
      await page.setInputFiles('#picker-files', [fixture('blockchain.json'), fixture('events.csv')]);
      await waitForStatus(page, 'events.csv:');
      const before = await chartState(page);
      const statusBefore = await statusText(page);

      await page.setInputFiles('#picker-files', fixture('bad_value.csv'));
      const message = await waitForAlert(page);
      assert.match(message, /bad_value\.csv:3: column 2 "hash_rate_eh_per_s": expected a number/);
      assert.match(message, /still shows the previous data/);
      assert.equal(await page.locator('#picker-alert').getAttribute('role'), 'alert');
      const after = await chartState(page);
      assert.equal(after.state, 'ready');
      assert.equal(after.label, before.label, 'aria-label unchanged');
      assert.equal(after.hash, before.hash, 'pixels unchanged');
      assert.equal(await statusText(page), statusBefore, 'the status still says what is shown');
      assert.deepEqual(watcher.unexpected(), CLEAN);
    } finally {
      await page.close();
    }
  });

  test('a blockchain.com CSV loads with the unit select at TH/s; without it the message asks for the unit', async () => {
    const { page, watcher } = await openDemo();
    try {
      const example = await chartState(page);
      await page.getByLabel('Load file…').check();
      await page.setInputFiles('#picker-files', fixture('blockchain.csv'));
      const message = await waitForAlert(page);
      assert.match(message, /blockchain\.csv: a blockchain\.com CSV export carries no unit/);
      assert.match(message, /Choose the unit under “Unit for CSV without one”/);
      assert.equal((await chartState(page)).hash, example.hash, 'the example is still drawn');

      // Choosing the unit reads the same file again.
      await page.getByLabel('Unit for CSV without one').selectOption('TH/s');
      await waitForStatus(page, 'blockchain.csv:');
      assert.deepEqual(await page.locator('#picker-status li').allInnerTexts(), [
        'blockchain.csv: blockchain.com charts CSV (1 series, 0 outages)',
      ]);
      assert.equal(await alertText(page), '', 'the alert is cleared');
      const loaded = await chartState(page);
      assert.notEqual(loaded.hash, example.hash);
      assert.match(loaded.label, /Hash rate/i);
      assert.doesNotMatch(loaded.label, EXAMPLE_LABEL);
      assert.deepEqual(watcher.unexpected(), CLEAN);
    } finally {
      await page.close();
    }
  });

  test('files dropped on the figure (a DataTransfer built in the page) are loaded', async () => {
    const { page, watcher } = await openDemo();
    try {
      const before = await chartState(page);
      const text = await readFile(fixture('blockchain.json'), 'utf8');
      const outages = await readFile(fixture('events.csv'), 'utf8');
      const prevented = await page.evaluate(
        ({ host, text, outages }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
          transfer.items.add(new File([outages], 'events.csv', { type: 'text/csv' }));
          const target = document.querySelector(host);
          const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer });
          target.dispatchEvent(over);
          const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer });
          target.dispatchEvent(drop);
          return { over: over.defaultPrevented, drop: drop.defaultPrevented };
        },
        { host: HOST, text, outages },
      );
      assert.deepEqual(prevented, { over: true, drop: true }, 'the figure accepts the drop (no navigation to the file)');
      await waitForStatus(page, 'dropped.json:');
      const after = await chartState(page);
      assert.match(after.label, /Hash Rate/);
      assert.match(after.label, /Blackout, nationwide/);
      assert.notEqual(after.hash, before.hash);
      assert.equal(await page.getByLabel('Load file…').isChecked(), true, 'the picker shows where the data came from');
      assert.deepEqual(watcher.unexpected(), CLEAN);
    } finally {
      await page.close();
    }
  });

  describe('"Fetch from blockchain.com" (routed, never the network)', () => {
    /** Opens the demo on the fetch panel with the range `start`..`end`; `handler` answers the API. */
    async function openFetch(handler, { start = '2022-01-01', end = '2022-01-09' } = {}) {
      const { page, watcher } = await openDemo();
      const requests = [];
      await page.route(API, async (route) => {
        requests.push(route.request().url());
        await handler(route);
      });
      await page.getByLabel('Fetch from blockchain.com').check();
      await page.getByLabel('From', { exact: true }).fill(start);
      await page.getByLabel('To', { exact: true }).fill(end);
      return { page, watcher, requests, before: await chartState(page) };
    }

    const CORS = { 'access-control-allow-origin': '*' };

    test('(a) a good answer is drawn; the URL has cors=true, the start and the timespan', async () => {
      const body = await readFile(fixture('blockchain.json'), 'utf8');
      const { page, watcher, requests, before } = await openFetch((route) =>
        route.fulfill({ status: 200, contentType: 'application/json', headers: CORS, body }),
      );
      try {
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        await waitForStatus(page, 'blockchain.com hash-rate (retrieved ');
        assert.equal(requests.length, 1, requests.join('\n'));
        const url = new URL(requests[0]);
        assert.equal(`${url.origin}${url.pathname}`, 'https://api.blockchain.info/charts/hash-rate');
        assert.equal(url.searchParams.get('cors'), 'true');
        assert.equal(url.searchParams.get('start'), '2022-01-01');
        assert.equal(url.searchParams.get('timespan'), '8days');
        assert.equal(url.searchParams.get('format'), 'json');
        assert.equal(url.searchParams.get('sampled'), 'false');
        const after = await chartState(page);
        assert.match(after.label, /Hash Rate/);
        assert.notEqual(after.hash, before.hash);
        const [line] = await page.locator('#picker-status li').allInnerTexts();
        assert.match(line, /^blockchain\.com hash-rate \(retrieved \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): blockchain\.com charts API JSON \(1 series, 0 outages\)$/);
        assert.equal(await alertText(page), '');
        assert.equal(await page.locator('#picker-fetch-button').isEnabled(), true);
        assert.deepEqual(watcher.unexpected(), CLEAN);
      } finally {
        await page.close();
      }
    });

    test('(b) HTTP 500: the message names the status and the chart is unchanged', async () => {
      const { page, watcher, requests, before } = await openFetch((route) =>
        route.fulfill({ status: 500, contentType: 'text/plain', headers: CORS, body: 'oops' }),
      );
      try {
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        const message = await waitForAlert(page);
        assert.match(message, /blockchain\.com answered HTTP 500/);
        assert.match(message, /still shows the previous data/);
        assert.equal(requests.length, 1);
        assert.deepEqual(await chartState(page), before);
        assert.match(await statusText(page), /Showing the example/, 'the status is back to what is shown');
        assert.equal(await page.locator('#picker-fetch-button').isEnabled(), true);
        // The 500 itself is the only problem on the page.
        assert.deepEqual(watcher.unexpected([/api\.blockchain\.info.*HTTP 500/, /status of 500/]), CLEAN);
      } finally {
        await page.close();
      }
    });

    test('(c) a network failure: a clear message and the chart is unchanged', async () => {
      const { page, watcher, before } = await openFetch((route) => route.abort('internetdisconnected'));
      try {
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        const message = await waitForAlert(page);
        assert.match(message, /Could not reach blockchain\.com \(api\.blockchain\.info\)/);
        assert.deepEqual(await chartState(page), before);
        assert.equal(await page.locator('#picker-fetch-button').isEnabled(), true);
        assert.deepEqual(watcher.unexpected([/api\.blockchain\.info/, /ERR_INTERNET_DISCONNECTED/]), CLEAN);
      } finally {
        await page.close();
      }
    });

    test('(c2) an answer that is not JSON, or not a hash-rate chart: the message says so', async () => {
      let body = '<html>maintenance</html>';
      const { page, before } = await openFetch((route) =>
        route.fulfill({ status: 200, contentType: 'text/html', headers: CORS, body }),
      );
      try {
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        assert.match(await waitForAlert(page), /blockchain\.com’s answer is not JSON \(text\/html\)/);
        assert.deepEqual(await chartState(page), before);
        body = '{"status": "ok", "values": []}';
        await page.evaluate(() => (document.getElementById('picker-alert').textContent = ''));
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        assert.match(await waitForAlert(page), /blockchain\.com’s answer could not be read: blockchain\.com hash-rate \(retrieved [^)]*\)/);
        assert.deepEqual(await chartState(page), before);
      } finally {
        await page.close();
      }
    });

    test('(d) an invalid date range: a message and no request', async () => {
      const { page, watcher, requests, before } = await openFetch(
        (route) => route.fulfill({ status: 200, headers: CORS, body: '{}' }),
        { start: '2022-02-15', end: '2022-01-01' },
      );
      try {
        const button = page.getByRole('button', { name: 'Fetch hash rate' });
        await button.click();
        assert.match(await waitForAlert(page), /“To” must be after “From”/);
        await page.getByLabel('From', { exact: true }).fill('2015-01-01');
        await page.getByLabel('To', { exact: true }).fill('2022-01-01');
        await button.click();
        await page.waitForFunction(() => document.getElementById('picker-alert').textContent.includes('at most four years'));
        await page.getByLabel('From', { exact: true }).fill('');
        await button.click();
        await page.waitForFunction(() => document.getElementById('picker-alert').textContent.includes('Give both dates'));
        assert.deepEqual(requests, [], 'nothing was requested');
        assert.deepEqual(await chartState(page), before);
        assert.deepEqual(watcher.unexpected(), CLEAN);
      } finally {
        await page.close();
      }
    });

    test('(e) while the request is pending: the button is disabled and the status says "Fetching…"', async () => {
      const body = await readFile(fixture('blockchain.json'), 'utf8');
      let release;
      const released = new Promise((done) => (release = done));
      const { page, watcher, before } = await openFetch(async (route) => {
        await released;
        await route.fulfill({ status: 200, contentType: 'application/json', headers: CORS, body });
      });
      try {
        await page.getByRole('button', { name: 'Fetch hash rate' }).click();
        await waitForStatus(page, 'Fetching…');
        const button = page.locator('#picker-fetch-button');
        assert.equal(await button.isDisabled(), true);
        assert.equal(await button.getAttribute('aria-busy'), 'true');
        assert.deepEqual(await chartState(page), before, 'the old chart stays while loading');
        release();
        await waitForStatus(page, 'blockchain.com hash-rate (retrieved ');
        assert.equal(await button.isEnabled(), true);
        assert.equal(await button.getAttribute('aria-busy'), 'false');
        assert.notEqual((await chartState(page)).hash, before.hash);
        assert.deepEqual(watcher.unexpected(), CLEAN);
      } finally {
        release();
        await page.close();
      }
    });
  });

  test('keyboard: the sources are radios in a labelled group and the controls are reachable', async () => {
    const { page } = await openDemo();
    try {
      const group = page.getByRole('group', { name: 'Data shown' });
      assert.equal(await group.getByRole('radio').count(), 4);
      await page.getByLabel('January 2022 (measured)').focus();
      await page.keyboard.press('ArrowRight');
      // The second bundled chart: the simulation, drawn and said to be one.
      assert.equal(await page.getByLabel('What a 13% loss would look like (simulated)').isChecked(), true);
      await waitForStatus(page, 'Showing the simulation');
      assert.match((await chartState(page)).label, /Simulated: would Kazakhstan's blackout show/);
      assert.equal(await page.locator('#caption-simulated').isVisible(), true);
      assert.equal(await page.locator('#caption-example').isVisible(), false);
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getByLabel('Load file…').isChecked(), true);
      assert.equal(await page.locator('#picker-file').isVisible(), true);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'picker-files');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'picker-unit');
    } finally {
      await page.close();
    }
  });
});

describe('convert() (www/index.js)', () => {
  let harness;
  let page;
  let watcher;

  before(async () => {
    harness = await startHarness();
    ({ page, watcher } = await openBlank(harness));
  });

  after(async () => {
    await harness?.close();
  });

  test('takes Files, Blobs and {name, text}, merges them and reports each', async () => {
    const json = await readFile(fixture('blockchain.json'), 'utf8');
    const csv = await readFile(fixture('events.csv'), 'utf8');
    const result = await page.evaluate(
      async ({ json, csv }) => {
        const fromFile = await window.hoc.convert(
          [new File([json], 'hash-rate.json'), { name: 'events.csv', text: csv }],
          { title: 'Merged' },
        );
        const fromBlob = await window.hoc.convert(new Blob([json]));
        return { fromFile, fromBlob };
      },
      { json, csv },
    );
    assert.equal(result.fromFile.spec.title, 'Merged');
    assert.equal(result.fromFile.spec.series.length, 1);
    assert.equal(result.fromFile.spec.series[0].unit, 'TH/s');
    assert.equal(result.fromFile.spec.outages.length, 2);
    assert.deepEqual(result.fromFile.report, [
      'hash-rate.json: blockchain.com charts API JSON (1 series, 0 outages)',
      'events.csv: outage events CSV (0 series, 2 outages)',
    ]);
    assert.deepEqual(result.fromBlob.report, ['file 1: blockchain.com charts API JSON (1 series, 0 outages)']);
    // The spec it gives is one mount() accepts.
    const label = await page.evaluate(async (spec) => {
      const host = document.createElement('div');
      host.style.width = '600px';
      document.body.append(host);
      const chart = await window.hoc.mount(host, spec);
      return chart.canvas.getAttribute('aria-label');
    }, result.fromFile.spec);
    assert.match(label, /Merged/);
    assert.deepEqual(watcher.unexpected(), CLEAN);
  });

  test('rejects with the adapters\' message; the unit option is passed through', async () => {
    const bad = await readFile(fixture('bad_value.csv'), 'utf8');
    const csv = await readFile(fixture('blockchain.csv'), 'utf8');
    const outcome = await page.evaluate(
      async ({ bad, csv }) => {
        const message = (promise) => promise.then(() => 'resolved', (error) => `${error.constructor.name}: ${error.message}`);
        return {
          bad: await message(window.hoc.convert([{ name: 'bad_value.csv', text: bad }])),
          noUnit: await message(window.hoc.convert({ name: 'blockchain.csv', text: csv })),
          unit: (await window.hoc.convert({ name: 'blockchain.csv', text: csv }, { unit: 'TH/s' })).spec.series[0].unit,
          none: await message(window.hoc.convert([])),
          wrong: await message(window.hoc.convert([42])),
          badOption: await message(window.hoc.convert({ name: 'a.csv', text: csv }, { unit: 5 })),
        };
      },
      { bad, csv },
    );
    assert.match(outcome.bad, /^Error: bad_value\.csv:3: column 2 "hash_rate_eh_per_s": expected a number/);
    assert.match(outcome.noUnit, /^Error: blockchain\.csv: .*carries no unit/);
    assert.equal(outcome.unit, 'TH/s');
    assert.equal(outcome.none, 'TypeError: convert() needs at least one file');
    assert.match(outcome.wrong, /^TypeError: convert\(\): file 1 is not a File/);
    assert.match(outcome.badOption, /^TypeError: unit: expected a string/);
    assert.deepEqual(watcher.unexpected(), CLEAN);
  });
});
