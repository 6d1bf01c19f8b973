//! Safe on a newsroom's domain (issue 26): the element and embed.html load a spec or a fallback
//! image only from the page's own origin, over http(s), unless the page's owner lists another
//! origin (`allow-origins`, or embed.html's own meta tag, never its query string); a refused
//! source gives a clear error and no request. embed.html's query `strings` rewords interface
//! words only; `$&` in a title stays as written; the README's resize snippet takes heights only
//! from the chart's own frame at the origin its src names.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORY_SPEC_URL } from './fixtures.mjs';
import { addElement, eventually, expectReady, openBlank, startHarness, waitForState, watchPage } from './harness.mjs';

describe('sources: own origin by default', () => {
  let harness;
  let other; // the same server under another host name: another origin

  before(async () => {
    harness = await startHarness({
      headers: (path) => (path.endsWith('.json') || path.endsWith('.svg') ? { 'access-control-allow-origin': '*' } : {}),
    });
    other = harness.origin.replace('127.0.0.1', 'localhost');
  });

  after(async () => {
    await harness?.close();
  });

  /** Puts an element with `attributes` on a blank page; returns its state, error text and the requests made meanwhile. */
  async function element(attributes) {
    const { page, watcher } = await openBlank(harness);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await addElement(page, 'source', { attributes, style: null });
    const state = await waitForState(page, '#source');
    const message = await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.error-message').textContent);
    return { page, watcher, state, message, requests };
  }

  const refused = [
    ['a data: spec', { src: 'data:application/json,{"series":[]}' }, /only http and https addresses are loaded, not data:/, 'data:'],
    ['a blob: spec', { src: 'blob:https://evil.example/1234' }, /not blob:/, 'blob:'],
    ['a spec on another origin', { src: 'OTHER/tests/browser/pages/small.json' }, /is not this page's origin .*allow-origins="OTHER"/, 'OTHER'],
    ['a javascript: fallback', { src: '/tests/browser/pages/small.json', fallback: 'javascript:alert(1)' }, /fallback image .*not javascript:/, 'javascript:'],
    ['a fallback on another origin', { src: '/tests/browser/pages/small.json', fallback: 'OTHER/tests/browser/pages/favicon.svg' }, /fallback image from .*allow-origins="OTHER"/, 'OTHER'],
  ];
  for (const [name, attributes, expected, target] of refused) {
    test(`${name} is refused with a clear error and never requested`, async () => {
      const filled = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v.replace('OTHER', other)]));
      const { page, state, message, requests } = await element(filled);
      assert.equal(state, 'error');
      assert.match(message, new RegExp(expected.source.replace('OTHER', other.replace(/[.:/]/g, '\\$&'))));
      const hit = requests.filter((url) => url.startsWith(target.replace('OTHER', other)));
      assert.deepEqual(hit, [], 'nothing was requested from the refused source');
      await page.close();
    });
  }

  test('an origin the page lists in allow-origins works', async () => {
    const { page, state, message, requests } = await element({
      src: `${other}/tests/browser/pages/small.json`,
      'allow-origins': `https://data.example.org ${other}`,
    });
    assert.equal(state, 'ready', message);
    assert.ok(requests.includes(`${other}/tests/browser/pages/small.json`));
    await page.close();
  });

  test('a same-origin spec works as before, and a bad allow-origins entry is named', async () => {
    const ok = await element({ src: '/tests/browser/pages/small.json' });
    assert.equal(ok.state, 'ready', ok.message);
    await ok.page.close();
    const bad = await element({ src: '/tests/browser/pages/small.json', 'allow-origins': 'data.example.org' });
    assert.equal(bad.state, 'error');
    assert.match(bad.message, /allow-origins: "data.example.org" is not an origin/);
    await bad.page.close();
  });

  test('timeout is capped at a minute', async () => {
    // A spec that never answers would hold the fallback for days with timeout=2000000000; the
    // element gives up after 60 s: checked through the message a short cap would give.
    const { page } = await openBlank(harness);
    const capped = await page.evaluate(async () => {
      const { MAX_TIMEOUT_MS } = await import('/www/spec.js');
      return MAX_TIMEOUT_MS;
    });
    assert.equal(capped, 60_000);
    await page.close();
  });

  /** Opens embed.html with `query`; returns its frame-less page, state and error text, and requests. */
  async function embed(query) {
    const page = await harness.browser.newPage();
    const watcher = watchPage(page);
    const requests = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(harness.url(`/www/embed.html?${query}`));
    const state = await waitForState(page, 'hashrate-outage-chart');
    const message = await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.error-message').textContent);
    return { page, watcher, state, message, requests };
  }

  test('embed.html: a data: or foreign src from the query string draws nothing and fetches nothing', async () => {
    const made = encodeURIComponent('data:application/json,{"title":"Fake","series":[{"id":"h","unit":"EH/s","points":[["2022-01-01",1]]}]}');
    const a = await embed(`src=${made}`);
    assert.equal(a.state, 'error');
    assert.match(a.message, /only http and https/);
    assert.ok(!a.requests.some((url) => url.startsWith('data:')));
    await a.page.close();
    const b = await embed(`src=${encodeURIComponent(`${other}/tests/browser/pages/small.json`)}&allow-origins=${encodeURIComponent(other)}`);
    assert.equal(b.state, 'error', 'allow-origins in the query string is not taken');
    assert.ok(!b.requests.some((url) => url.startsWith(other)));
    await b.page.close();
  });

  test("embed.html: the query's strings cannot reword the verdict; interface words can", async () => {
    const spoof = await embed(`src=${STORY_SPEC_URL}&strings=${encodeURIComponent('{"verdict.within":"a clear collapse","footer.sha":"Verified"}')}`);
    assert.equal(spoof.state, 'error');
    assert.match(spoof.message, /"verdict.within" cannot be set from the page's address/);
    await spoof.page.close();
    const placeholders = await embed(`src=/tests/browser/pages/small.json&strings=${encodeURIComponent('{"table.caption":"{title}"}')}`);
    assert.equal(placeholders.state, 'error');
    assert.match(placeholders.message, /must keep the placeholders/);
    await placeholders.page.close();
    const ok = await embed(`src=${STORY_SPEC_URL}&strings=${encodeURIComponent('{"table.show":"Tabelle zeigen"}')}`);
    assert.equal(ok.state, 'ready', ok.message);
    const { button, words } = await ok.page.evaluate(() => {
      const el = document.querySelector('hashrate-outage-chart');
      const layout = el.chart.layout();
      return {
        button: el.shadowRoot.querySelector('.hoc-button').textContent,
        words: layout.texts.filter((t) => t.role === 'band-label' || t.role === 'key').map((t) => t.text).join(' '),
      };
    });
    assert.equal(button, 'Tabelle zeigen');
    assert.match(words, /within normal day-to-day variation/, 'the verdict is the chart\'s own');
    assert.deepEqual(ok.watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
    await ok.page.close();
  });

  test('"$&" in a title stays as written in the fallback\'s alt text', async () => {
    const { page } = await openBlank(harness);
    await addElement(page, 'dollars', {
      attributes: { fallback: '/tests/browser/pages/favicon.svg' },
      spec: { title: 'Costs $& and $` rose', series: [{ id: 'h', unit: 'EH/s', points: [['2022-01-01', 1], ['2022-01-02', 2]] }] },
      style: null,
    });
    assert.equal(await waitForState(page, '#dollars'), 'ready');
    const alt = await page.evaluate(() => document.querySelector('hashrate-outage-chart').shadowRoot.querySelector('.fallback img')?.alt);
    assert.equal(alt, 'Chart: Costs $& and $` rose');
    await page.close();
  });

  test('the resize snippet takes a height only from the chart\'s own frame at its own origin', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 900, height: 900 } });
    await page.goto(harness.url('/tests/browser/pages/embed-parent.html'));
    const frame = page.frame({ url: /\/www\/embed\.html/ });
    await expectReady(frame, 'hashrate-outage-chart');
    // Settled: the frame is as tall as the chart page says it is (its last height is applied).
    const own = () => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    const shown = () => page.evaluate(() => document.getElementById('frame').getBoundingClientRect().height);
    await eventually(async () => (await shown()) > 200 && (await shown()) === (await own()), { what: 'the frame at the height its page reports' });
    const before = await shown();
    // Every height message the article receives, after the snippet's listener (added first) has had it.
    await page.evaluate(() => {
      window.heightsSeen = [];
      window.addEventListener('message', (event) => {
        const heights = event.data?.['datawrapper-height'];
        if (heights) window.heightsSeen.push(Object.values(heights)[0]);
      });
    });
    // Another frame on the page (another origin) posts a height naming the chart's id.
    await page.evaluate((other) => {
      const foreign = document.createElement('iframe');
      foreign.id = 'foreign';
      foreign.src = `${other}/tests/browser/pages/blank.html`;
      document.body.append(foreign);
      return new Promise((done) => (foreign.onload = done));
    }, other);
    const foreign = page.frames().find((f) => f.url().startsWith(other));
    await foreign.evaluate(() => window.parent.postMessage({ 'datawrapper-height': { small: 7000 } }, '*'));
    // The chart's own frame, navigated to another origin, is not the chart any more either.
    // (Navigate after evaluate returns, or the navigation destroys the context evaluate waits on.)
    await frame.evaluate((other) => void setTimeout(() => (location.href = `${other}/tests/browser/pages/blank.html`), 0), other);
    const moved = await eventually(() => page.frames().find((f) => f !== foreign && f.url().startsWith(other)), {
      what: 'the chart frame moved to the other origin',
      timeout: 5000,
    });
    await moved.waitForLoadState();
    await moved.evaluate(() => window.parent.postMessage({ 'datawrapper-height': { small: 4321 } }, '*'));
    // Both messages have reached the article, and the snippet has had its turn at each.
    await page.waitForFunction(() => window.heightsSeen.includes(7000) && window.heightsSeen.includes(4321), null, { timeout: 5000 });
    const after = await shown();
    assert.equal(after, before, 'no message from another origin or frame changed the height');
    const foreignHeight = await page.evaluate(() => document.getElementById('foreign').getBoundingClientRect().height);
    assert.notEqual(foreignHeight, 7000, 'a height past 5,000 px is ignored');
    await page.close();
  });
});
