//! A developing story (issue 29): `refresh` follows the spec URL. A test server whose spec
//! changes between requests: the chart follows within two periods with `data-state` never
//! leaving `ready`, pixels, table, read-out and focus follow or stay, the change is said once;
//! unchanged answers are 304s to conditional requests; a 500 and an invalid spec keep the last
//! chart with a quiet stale note; a hidden or offline page asks nothing; the footer carries the stamp
//! (the spec's `updated`, else Last-Modified). In Chromium and Firefox.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addElement, eventually, expectReady, nextFrames, openBlank, startHarness, waitForState } from './harness.mjs';

const DAY = 86_400_000;

/** A daily spec of `days` points from 1 Jan 2022 (each run of it the same text). */
function specOf(days, extra = {}) {
  const points = Array.from({ length: days }, (_, i) => [new Date(Date.UTC(2022, 0, 1) + i * DAY).toISOString().slice(0, 10), 180 + ((i * 7) % 11)]);
  return JSON.stringify({
    title: 'Live',
    source: 'Source: test server',
    ...extra,
    series: [{ id: 'hashrate', label: 'Hash rate', unit: 'EH/s', points }],
    outages: [{ start: '2022-01-05', end: '2022-01-06', label: 'Shutdown' }],
  });
}

describe('refresh: following a spec URL', () => {
  let harness;
  const live = { body: '', etag: '', modified: '', status: 200, log: [] };
  // A second spec URL, for a control chart whose checks show the time that has passed.
  const control = { log: [] };
  const serve = (body, etag, modified = 'Fri, 07 Jan 2022 14:05:00 GMT') => Object.assign(live, { body, etag, modified, status: 200 });

  before(async () => {
    harness = await startHarness({
      routes: {
        '/live/spec.json': (request, response) => {
          const entry = { ifNoneMatch: request.headers['if-none-match'] ?? null, answer: live.status };
          live.log.push(entry);
          if (live.status !== 200) {
            response.writeHead(live.status, { 'content-type': 'text/plain' });
            return response.end('server error\n');
          }
          if (entry.ifNoneMatch === live.etag) {
            entry.answer = 304;
            response.writeHead(304, { etag: live.etag });
            return response.end();
          }
          response.writeHead(200, { 'content-type': 'application/json', etag: live.etag, 'last-modified': live.modified, 'cache-control': 'no-cache' });
          return response.end(live.body);
        },
        '/live/control.json': (request, response) => {
          control.log.push(request.headers['if-none-match'] ?? null);
          if (request.headers['if-none-match'] === '"c1"') {
            response.writeHead(304, { etag: '"c1"' });
            return response.end();
          }
          response.writeHead(200, { 'content-type': 'application/json', etag: '"c1"', 'cache-control': 'no-cache' });
          return response.end(specOf(5, { title: 'Control' }));
        },
      },
    });
  });
  after(async () => {
    await harness?.close();
  });

  const openPage = async () => (await openBlank(harness, { viewport: { width: 800, height: 900 } })).page;

  /** The element's state, table rows, read-out, focus, stale note, live region and pixels. */
  function look(page) {
    return page.evaluate(async () => {
      const element = document.querySelector('hashrate-outage-chart');
      const root = element.shadowRoot;
      const chart = element.chart;
      const canvas = chart?.canvas;
      let hash = 2166136261;
      if (canvas) for (const byte of canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
      const status = root.querySelector('.hoc-status');
      return {
        state: element.dataset.state,
        states: window.states,
        rows: root.querySelectorAll('.hoc-table tbody tr').length,
        readout: chart?.readoutIndex,
        focused: root.activeElement === canvas,
        stale: status && !status.hidden ? status.textContent : null,
        live: root.querySelector('.hoc-live')?.textContent,
        label: canvas?.getAttribute('aria-label'),
        svg: chart ? await chart.toSVG() : '',
        hash,
      };
    });
  }

  /** Looks at the page until `predicate(seen)` holds; returns what was seen then. */
  async function waitFor(page, predicate, what, timeout = 9_000) {
    let seen;
    await eventually(async () => predicate((seen = await look(page))), {
      what: () => `${what} (last seen ${JSON.stringify({ ...seen, svg: undefined })})`,
      timeout,
      interval: 200,
    });
    return seen;
  }

  test('new data is drawn in place, said once; 304s when unchanged; failures keep the chart; hidden or offline pages ask nothing', async () => {
    serve(specOf(10), '"v1"');
    live.log.length = 0;
    const page = await openPage();
    const warnings = [];
    page.on('console', (message) => /the latest update failed/.test(message.text()) && warnings.push(message.text()));
    try {
      await page.evaluate(() => {
        const element = document.createElement('hashrate-outage-chart');
        element.setAttribute('src', '/live/spec.json');
        element.setAttribute('refresh', '2');
        element.setAttribute('loading', 'eager');
        window.states = [];
        new MutationObserver(() => window.states.push(element.dataset.state)).observe(element, { attributes: true, attributeFilter: ['data-state'] });
        document.body.append(element);
      });
      await expectReady(page, 'hashrate-outage-chart');
      const first = await waitFor(page, (s) => s.rows === 10, 'the first table');
      assert.match(first.svg, /Source: test server · Updated 7 Jan 2022, 14:05 UTC/, "Last-Modified stamps the footer");
      // The reader reads the last day by keyboard.
      await page.evaluate(() => document.querySelector('hashrate-outage-chart').chart.canvas.focus());
      await page.keyboard.press('End');
      assert.equal((await look(page)).readout, 9);

      // Unchanged: conditional requests answered 304, nothing redrawn.
      await waitFor(page, () => live.log.some((e) => e.answer === 304), 'a 304');
      assert.ok(live.log.filter((e) => e.answer === 304).every((e) => e.ifNoneMatch === '"v1"'));
      assert.equal((await look(page)).hash, first.hash, 'a 304 changes no pixel');

      // Three new days, and the publisher's own stamp.
      serve(specOf(13, { updated: '2022-01-13T09:30:00Z' }), '"v2"');
      const changedAt = Date.now();
      const updated = await waitFor(page, (s) => s.rows === 13, 'the new days in the table');
      assert.ok(Date.now() - changedAt < 2 * 2000 + 1500, `followed within two periods (${Date.now() - changedAt} ms)`);
      assert.notEqual(updated.hash, first.hash, 'the pixels follow');
      assert.deepEqual(updated.states, ['loading', 'ready'], 'data-state never left ready');
      assert.equal(updated.live, 'Updated: 3 new days', 'said once in the live region');
      assert.equal(updated.readout, 9, 'the read-out stays on the day it was on');
      assert.ok(updated.focused, 'focus stays on the chart');
      assert.match(updated.label, /13 values/, 'the spoken summary follows');
      assert.match(updated.svg, /Updated 13 Jan 2022, 09:30 UTC/, "the spec's updated is the publisher's word");
      assert.equal(updated.stale, null);

      // A 500: the last chart stays, with a quiet note.
      live.status = 500;
      const failed = await waitFor(page, (s) => s.stale !== null, 'the stale note');
      assert.match(failed.stale, /^Last updated \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC; the latest update failed$/);
      assert.equal(failed.state, 'ready');
      assert.equal(failed.rows, 13);
      assert.equal(failed.hash, updated.hash, 'the chart is not replaced');
      // An invalid spec (200, but no series): the same.
      const asked = live.log.length;
      serve('{"series": []}', '"bad"');
      await waitFor(page, () => live.log.length > asked && live.log.at(-1).answer === 200, 'the invalid spec asked for', 12_000);
      // Each failed check warns once: the 500s, then the invalid spec (its redraw refused).
      const failedChecks = live.log.filter((e) => e.answer === 500).length + 1;
      await eventually(() => warnings.length >= failedChecks, { what: () => `the invalid spec refused (${warnings.length} of ${failedChecks} warnings)` });
      const invalid = await look(page);
      assert.equal(invalid.state, 'ready');
      assert.equal(invalid.rows, 13);
      assert.equal(invalid.hash, updated.hash);
      assert.ok(invalid.stale, 'still says the latest update failed');
      // Recovered: the note goes.
      serve(specOf(13, { updated: '2022-01-13T09:30:00Z' }), '"v2"');
      const recovered = await waitFor(page, (s) => s.stale === null, 'the note gone after recovery', 20_000);
      assert.equal(recovered.hash, updated.hash);

      // A hidden page asks nothing, and asks at once when seen again. The check that just
      // cleared the note scheduled the next a period on; when that falls due it reads the
      // page's visibility (only the refresh loop does): counted, that is the moment it would
      // have asked.
      const hiddenFrom = live.log.length;
      await page.evaluate(() => {
        window.visibilityReads = 0;
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (window.visibilityReads++, 'hidden') });
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await page.waitForFunction(() => window.visibilityReads > 0, null, { timeout: 2 * 2000 + 1500 });
      await nextFrames(page);
      assert.equal(live.log.length, hiddenFrom, 'no request while hidden');
      await page.evaluate(() => {
        delete document.visibilityState;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      await waitFor(page, () => live.log.length > hiddenFrom, 'a check when seen again', 1500);

      // Offline: nothing asked; back online, asked at once. The same way: the next check due
      // reads navigator.onLine (counted here, and only the refresh loop reads it).
      await page.evaluate(() => {
        window.onLineReads = 0;
        const { get } = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
        Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => (window.onLineReads++, get.call(navigator)) });
      });
      await page.context().setOffline(true);
      const offlineFrom = live.log.length; // a check asked just before is logged already
      // A check in flight as the network went may fail: the next then comes two periods on.
      await page.waitForFunction(() => window.onLineReads > 0, null, { timeout: 3 * 2000 + 1500 });
      await nextFrames(page);
      assert.equal(live.log.length, offlineFrom, 'no request while offline');
      await page.context().setOffline(false);
      await waitFor(page, () => live.log.length > offlineFrom, 'a check when back online', 1500);

      // Taken away: no more requests, while a control chart with the same period checks twice.
      await page.evaluate(() => delete navigator.onLine);
      await addElement(page, 'control', { attributes: { src: '/live/control.json', refresh: '2' } });
      await expectReady(page, '#control');
      const controlFrom = control.log.length;
      await page.evaluate(() => document.querySelector('hashrate-outage-chart').remove());
      const removedAt = live.log.length; // one in flight is logged already, and then dropped
      await eventually(() => control.log.length >= controlFrom + 2, { what: 'two checks of the control chart', timeout: 3 * 2000 + 1500 });
      assert.equal(live.log.length, removedAt, 'a removed chart stops following');
    } finally {
      await page.close();
    }
  });

  test('mount({ refresh }) follows a URL; a bad refresh is refused by name; an inline spec has nothing to follow', async () => {
    serve(specOf(10), '"m1"');
    const page = await openPage();
    try {
      await page.evaluate(async () => {
        const host = document.createElement('div');
        host.style.width = '600px';
        document.body.append(host);
        window.chart = await window.hoc.mount(host, '/live/spec.json', { refresh: 2 });
      });
      serve(specOf(12), '"m2"');
      await page.waitForFunction(() => window.chart.readoutCount === 12, null, { timeout: 9000 });
      const refused = await page.evaluate(async () => {
        const host = document.createElement('div');
        document.body.append(host);
        const messages = [];
        for (const [spec, options] of [['/live/spec.json', { refresh: 1 }], ['/live/spec.json', { refresh: 'soon' }], [{ series: [] }, { refresh: 60 }]]) {
          messages.push(await window.hoc.mount(host, spec, options).then(() => 'mounted', (error) => error.message));
        }
        return messages;
      });
      assert.equal(refused[0], 'refresh: expected a number of seconds, 2 or more, got 1');
      assert.equal(refused[1], 'refresh: expected a number of seconds, 2 or more, got "soon"');
      assert.equal(refused[2], 'refresh: follows a spec URL; this chart was given the spec');
      // The element: the same words, as its error.
      await addElement(page, 'too-often', { attributes: { src: '/live/spec.json', refresh: '0.5' } });
      await addElement(page, 'inline', { attributes: { refresh: '30' }, spec: { series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-01', 1]] }] } });
      const errors = [];
      for (const id of ['too-often', 'inline']) {
        const state = await waitForState(page, `#${id}`);
        errors.push([state, await page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.error-message').textContent, id)]);
      }
      assert.equal(errors[0][0], 'error');
      assert.equal(errors[0][1], 'refresh: expected a number of seconds, 2 or more, got "0.5"');
      assert.equal(errors[1][0], 'error');
      assert.equal(errors[1][1], 'refresh: follows a src; this chart has its spec inline');
    } finally {
      await page.close();
    }
  });

  test('the iframe page follows its src with &refresh=', async () => {
    serve(specOf(10), '"e1"');
    const page = await harness.browser.newPage({ viewport: { width: 700, height: 700 } });
    try {
      await page.goto(harness.url('/www/embed.html?src=/live/spec.json&refresh=2'));
      await expectReady(page, 'hashrate-outage-chart');
      const rows = () => page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelectorAll('.hoc-table tbody tr').length);
      await page.waitForFunction(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelectorAll('.hoc-table tbody tr').length === 10);
      serve(specOf(11), '"e2"');
      await page.waitForFunction(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelectorAll('.hoc-table tbody tr').length === 11, null, { timeout: 9000 });
      assert.equal(await rows(), 11);
      assert.equal(await page.evaluate(() => document.querySelector('hashrate-outage-chart').dataset.state), 'ready');
    } finally {
      await page.close();
    }
  });

  test('the update is said in the chart language, with its plural forms', async () => {
    const page = await openPage();
    try {
      const said = await page.evaluate(async (spec) => {
        const { updateText } = await import('/www/refresh.js');
        const out = {};
        for (const locale of ['en', 'de', 'ru', 'zh']) {
          const host = document.createElement('div');
          document.body.append(host);
          const chart = await window.hoc.mount(host, spec, { locale });
          out[locale] = [1, 3, 5, 0].map((count) => updateText(chart, { count, daily: true })).concat(updateText(chart, { count: 2, daily: false }));
          chart.destroy();
        }
        return out;
      }, specOf(3));
      assert.deepEqual(said.en, ['Updated: 1 new day', 'Updated: 3 new days', 'Updated: 5 new days', 'Chart updated', 'Updated: 2 new data points']);
      assert.deepEqual(said.de, ['Aktualisiert: 1 neuer Tag', 'Aktualisiert: 3 neue Tage', 'Aktualisiert: 5 neue Tage', 'Diagramm aktualisiert', 'Aktualisiert: 2 neue Datenpunkte']);
      assert.deepEqual(said.ru, ['Обновлено: 1 новый день', 'Обновлено: 3 новых дня', 'Обновлено: 5 новых дней', 'График обновлён', 'Обновлено: 2 новые точки']);
      assert.deepEqual(said.zh, ['已更新：新增 1 天', '已更新：新增 3 天', '已更新：新增 5 天', '图表已更新', '已更新：新增 2 个数据点']);
    } finally {
      await page.close();
    }
  });

  test('a long series still counts its new points (no spread of its times into Math.max)', async () => {
    const page = await openPage();
    try {
      // 300,000 daily points, then three more: spreading that many times into Math.max
      // overflowed the stack, and every changed refresh failed before its redraw.
      const counted = await page.evaluate(async () => {
        const { newPoints } = await import('/www/refresh.js');
        const spec = (n) => JSON.stringify({ series: [{ id: 'h', t: Array.from({ length: n }, (_, i) => 1.6e12 + i * 86_400_000), v: new Array(n).fill(1) }] });
        try {
          return newPoints(spec(300_000), spec(300_003));
        } catch (error) {
          return String(error);
        }
      });
      assert.deepEqual(counted, { count: 3, daily: true });
    } finally {
      await page.close();
    }
  });
});
