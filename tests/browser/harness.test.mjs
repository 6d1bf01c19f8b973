//! The harness's own waits, in each Playwright engine: eventually() returns what it waited for
//! and names it when time runs out; realDelay() wants a reason; openBlank() refuses the old
//! positional context; addElement() records error events; settledState() (blank.html) follows
//! data-state; trackFrameWork() follows an async frame callback to its end and a cancelled one
//! out; intersectionsComputed() answers for near and far elements; fiveDaySpec() is fresh each
//! call. Each check here would fail if the helper only returned.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fiveDaySpec } from './fixtures.mjs';
import {
  addElement,
  eventually,
  frameWorkDone,
  intersectionsComputed,
  openBlank,
  realDelay,
  startHarness,
  trackFrameWork,
  waitForState,
} from './harness.mjs';

describe('the harness', () => {
  let harness;
  let page;

  before(async () => {
    harness = await startHarness();
    ({ page } = await openBlank(harness, { viewport: { width: 800, height: 600 }, beforeGoto: (page) => page.addInitScript(trackFrameWork) }));
  });

  after(async () => {
    await harness?.close();
  });

  test('eventually() returns the first truthy value, and fails naming what it waited for', async () => {
    let calls = 0;
    assert.equal(await eventually(() => ++calls >= 3 && `after ${calls}`, { interval: 1 }), 'after 3');
    const seen = { value: 7 };
    await assert.rejects(eventually(() => false, { what: () => `seven (last ${seen.value})`, timeout: 30, interval: 5 }), /^Error: seven \(last 7\): not within 30 ms$/);
  });

  test('realDelay() waits the time it is given, and only with a reason', async () => {
    assert.throws(() => realDelay(10), /say why/);
    const started = Date.now();
    await realDelay(40, 'the helper itself is tested');
    assert.ok(Date.now() - started >= 35, `${Date.now() - started} ms`);
  });

  test('openBlank() refuses a context given in the old place', async () => {
    const context = await harness.browser.newContext();
    try {
      await assert.rejects(openBlank(harness, context), /the context goes in the options/);
    } finally {
      await context.close();
    }
  });

  test('addElement() adds an eager element with the spec inline and records its error events', async () => {
    await addElement(page, 'good', { spec: fiveDaySpec() });
    await addElement(page, 'bad', { spec: '{"series": []}', attributes: { loading: 'lazy' }, style: null });
    assert.equal(await waitForState(page, '#good'), 'ready');
    assert.equal(await waitForState(page, '#bad'), 'error');
    const seen = await page.evaluate(() => ({
      good: [document.getElementById('good').getAttribute('loading'), document.getElementById('good').style.width, window.chartEvents.good.length],
      bad: [document.getElementById('bad').getAttribute('loading'), document.getElementById('bad').style.width, window.chartEvents.bad],
    }));
    assert.deepEqual(seen.good, ['eager', '600px', 0]);
    assert.equal(seen.bad[0], 'lazy', 'attributes override the default loading');
    assert.equal(seen.bad[1], '', 'style: null sets no width');
    assert.equal(seen.bad[2].length, 1);
    assert.deepEqual({ ...seen.bad[2][0], message: undefined }, { message: undefined, bubbles: false, isCustom: true });
    assert.match(seen.bad[2][0].message, /series/);
  });

  test("blank.html's settledState() resolves on a later data-state and rejects at its deadline", async () => {
    const states = await page.evaluate(async () => {
      const element = document.createElement('div');
      element.dataset.state = 'loading';
      const later = window.settledState(element, ['ready']);
      setTimeout(() => (element.dataset.state = 'ready'), 20);
      const stuck = document.createElement('div');
      stuck.id = 'stuck';
      stuck.dataset.state = 'loading';
      const timedOut = await window.settledState(stuck, ['ready'], 30).then(() => 'resolved', (error) => error.message);
      return { later: await later, timedOut };
    });
    assert.equal(states.later, 'ready');
    assert.match(states.timedOut, /#stuck: data-state "loading", not ready, after 30 ms/);
  });

  test('frameWorkDone() waits for an async frame callback to finish, and not for a cancelled one', async () => {
    const order = await page.evaluate(async () => {
      const order = [];
      requestAnimationFrame(async () => {
        order.push('frame');
        await new Promise((done) => setTimeout(done, 60));
        order.push('async work done');
      });
      cancelAnimationFrame(requestAnimationFrame(() => order.push('cancelled ran')));
      order.push(await Promise.race([window.__frameWorkDone().then(() => 'waited'), new Promise((done) => setTimeout(() => done('still waiting after 2 s'), 2000))]));
      return order;
    });
    assert.deepEqual(order, ['frame', 'async work done', 'waited']);
    await frameWorkDone(page, 2000); // nothing left: at once
  });

  test('intersectionsComputed() says which elements are near the viewport', async () => {
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('afterbegin', '<p id="near">near</p>');
      document.body.insertAdjacentHTML('beforeend', '<div style="height: 5000px"></div><p id="far">far</p>');
      window.scrollTo(0, 0);
    });
    assert.deepEqual(await intersectionsComputed(page, ['#near', '#far']), [true, false]);
    // 5000 px below the top of a 600 px viewport: within nine screens, not within one.
    assert.deepEqual(await intersectionsComputed(page, ['#far'], { rootMargin: '900% 0px' }), [true]);
  });

  test('fiveDaySpec() is a fresh object each call, named as asked', () => {
    const a = fiveDaySpec({ title: 'A', subtitle: 'S', outageLabel: 'Cut' });
    a.series[0].points[0][1] = 0;
    const b = fiveDaySpec();
    assert.equal(b.series[0].points[0][1], 177400000);
    assert.equal(b.series[0].points.length, 5);
    assert.deepEqual([a.title, a.subtitle, a.outages[0].label], ['A', 'S', 'Cut']);
    assert.deepEqual([b.title, 'subtitle' in b, b.outages[0].label], ['Test chart', false, 'Test shutdown']);
  });
});
