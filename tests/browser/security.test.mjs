//! Text from a spec never becomes markup, and the embed runs under a strict
//! Content-Security-Policy, in each Playwright engine (Chromium, Firefox): HTML and script in every text field execute
//! nothing and add no element, and show literally in the tooltip, table, aria-label, error box
//! and SVG; the demo article and an embed page served with
//! `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'` report no
//! violation (and a deliberate inline <style> shows that violations are caught).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addElement, expectReady, mountChart, nextFrames, openBlank, probeViolation, recordViolations, startHarness, waitForState, watchPage } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const CSP_PAGES = new Set(['/www/index.html', '/tests/browser/pages/csp-embed.html']);

/** HTML that would run script (setting window.__pwned to `field`) if it ever became markup. */
function payload(field) {
  return `<img src=x onerror="window.__pwned='${field}'"><script>window.__pwned='${field}'</script><svg onload="window.__pwned='${field}'"></svg><b>${field}</b>`;
}

/** A valid spec with the payload in every text field. */
function hostileSpec() {
  const id = payload('id');
  return {
    title: payload('title'),
    subtitle: payload('subtitle'),
    source: payload('source'),
    series: [
      {
        id,
        label: payload('label'),
        unit: payload('unit'),
        points: [['2022-01-04', 170], ['2022-01-05', 181], ['2022-01-06', 176], ['2022-01-07', 169]],
      },
    ],
    outages: [
      { start: '2022-01-05T00:00:00Z', end: '2022-01-06T12:00:00Z', label: payload('outage-label'), region: payload('region'), source: payload('outage-source') },
    ],
    annotations: [{ at: '2022-01-06T00:00:00Z', text: payload('annotation'), series: id }],
  };
}

/**
 * A positive control for "no payload ran": loads an image the test puts in the page itself
 * (from the same server the payloads' `src=x` would go to) and waits for its load event. Once
 * it has come, an image smuggled in earlier by spec text would have fired its onerror, and a
 * smuggled script or svg onload would have run long before.
 */
function controlImageLoaded(page) {
  return page.evaluate(
    () =>
      new Promise((loaded, failed) => {
        const image = new Image();
        image.onload = () => (image.remove(), loaded());
        image.onerror = () => failed(new Error('the control image did not load'));
        image.src = `/tests/browser/pages/favicon.svg?control=${Math.random()}`;
        document.body.append(image);
      }),
  );
}

describe('spec text never becomes markup', () => {
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

  test('HTML and script in every text field: nothing runs, no element appears, the text shows literally', async () => {
    const spec = hostileSpec();
    await addElement(page, 'hostile', { spec, style: 'width: 700px' });
    await mountChart(page, 'hostile-host', spec, { hostStyle: 'width: 700px' });
    await waitForState(page, '#hostile');
    await page.evaluate(() => {
      // A read-out inside the outage, with the tooltip and the live region filled.
      const element = document.getElementById('hostile');
      window.charts['hostile-host'].showReadout(1, { announce: true });
      element.chart.showReadout(1, { announce: true });
      element.chart.toggleTable(true);
    });
    await controlImageLoaded(page);
    const seen = await page.evaluate(async () => {
      const element = document.getElementById('hostile');
      const host = document.getElementById('hostile-host');
      const chart = window.charts['hostile-host'];
      const root = element.shadowRoot;
      const injected = 'img, svg, b, iframe, object, embed, a';
      return {
        state: element.dataset.state,
        pwned: window.__pwned,
        pageElements: document.querySelectorAll(injected).length,
        shadowElements: root.querySelectorAll(injected).length,
        shadowScripts: root.querySelectorAll('script').length,
        hostElements: host.querySelectorAll(`${injected}, script`).length,
        pageScripts: document.querySelectorAll('script').length,
        tooltip: root.querySelector('.hoc-tooltip').textContent,
        live: root.querySelector('.hoc-live').textContent,
        table: root.querySelector('.hoc-table').textContent,
        ariaLabel: root.querySelector('canvas').getAttribute('aria-label'),
        hostTooltip: host.querySelector('.hoc-tooltip').textContent,
        svg: await chart.toSVG(),
      };
    });
    assert.equal(seen.state, 'ready');
    assert.equal(seen.pwned, undefined, `a payload ran: ${seen.pwned}`);
    assert.equal(seen.pageElements, 0);
    assert.equal(seen.shadowElements, 0);
    assert.equal(seen.shadowScripts, 0);
    assert.equal(seen.hostElements, 0);
    assert.equal(seen.pageScripts, 2, 'blank.html’s module and the inline JSON, nothing more');
    for (const [where, text] of [['tooltip', seen.tooltip], ['host tooltip', seen.hostTooltip], ['live region', seen.live]]) {
      assert.ok(text.includes(payload('label')), `${where} shows the series label literally: ${text}`);
      assert.ok(text.includes(payload('outage-label')), `${where} shows the outage label literally: ${text}`);
    }
    assert.ok(seen.table.includes(payload('label')), 'the table header shows the label literally');
    assert.ok(seen.table.includes(payload('unit')), 'the table header shows the unit literally');
    assert.ok(seen.table.includes(payload('outage-label')), 'the outage column shows the label literally');
    assert.ok(seen.table.includes(payload('title')), 'the caption shows the title literally');
    assert.ok(seen.ariaLabel.includes(payload('title')), `the aria-label has the title literally: ${seen.ariaLabel.slice(0, 300)}`);
    assert.ok(seen.ariaLabel.includes(payload('outage-label')), 'the aria-label has the outage label literally');
    // The SVG export escapes it: no raw tag from the spec.
    const svg = seen.svg.toLowerCase();
    for (const raw of ['<img', '<script', '<svg onload', '<b>']) assert.ok(!svg.includes(raw), `SVG contains ${raw}`);
    assert.ok(svg.includes('&lt;img src=x onerror='), 'the SVG has the title escaped');
  });

  test('HTML in a message (a key of the spec) shows literally in the error box', async () => {
    const key = payload('key');
    await addElement(page, 'hostile-key', { spec: { [key]: 1, series: [] } });
    assert.equal(await waitForState(page, '#hostile-key', ['error']), 'error');
    await controlImageLoaded(page);
    const seen = await page.evaluate(() => {
      const box = document.getElementById('hostile-key').shadowRoot.querySelector('[role="alert"]');
      return {
        shown: box.querySelector('.error-message').textContent,
        message: window.chartEvents['hostile-key'].map((event) => event.message).join('|'),
        children: box.querySelectorAll('*').length,
        pwned: window.__pwned,
      };
    });
    assert.equal(seen.pwned, undefined);
    assert.equal(seen.children, 2, 'title and message paragraphs only');
    assert.ok(seen.shown.startsWith(`[${JSON.stringify(key)}]: unknown key`), seen.shown);
    assert.equal(seen.message, seen.shown);
  });

  test('no page errors; failed requests are none (nothing fetched src=x)', async () => {
    assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });
  });
});

describe('a strict Content-Security-Policy', () => {
  let harness;

  before(async () => {
    harness = await startHarness({ headers: (pathname) => (CSP_PAGES.has(pathname) ? { 'content-security-policy': CSP } : {}) });
  });

  after(async () => {
    await harness?.close();
  });

  /** Opens `path` with violations recorded from the start. */
  async function openWithPolicy(path, viewport = { width: 1000, height: 900 }) {
    const page = await harness.browser.newPage({ viewport });
    const watcher = watchPage(page);
    await page.addInitScript(recordViolations);
    const response = await page.goto(harness.url(path));
    assert.equal(response.headers()['content-security-policy'], CSP, 'the page is served with the policy');
    return { page, watcher };
  }

  test('the embed page: both elements ready, charts drawn and styled, no violation', async () => {
    const { page, watcher } = await openWithPolicy('/tests/browser/pages/csp-embed.html');
    try {
      await expectReady(page, '#from-src');
      await expectReady(page, '#inline');
      await nextFrames(page);
      const seen = await page.evaluate(() => {
        const inline = document.getElementById('inline');
        const tooltipStyle = getComputedStyle(inline.shadowRoot.querySelector('.hoc-tooltip'));
        const inline_ = inline.chart;
        inline_.showReadout(1);
        return {
          violations: window.__violations,
          widths: ['from-src', 'inline'].map((id) => document.getElementById(id).chart.canvas.width),
          // Styles from the adopted sheets apply: the tooltip is absolutely placed.
          tooltipPosition: tooltipStyle.position,
          tooltipShown: !inline.shadowRoot.querySelector('.hoc-tooltip').hidden,
          sheets: inline.shadowRoot.adoptedStyleSheets.length,
          styleElements: inline.shadowRoot.querySelectorAll('style').length,
        };
      });
      assert.deepEqual(seen.violations, []);
      assert.ok(seen.widths.every((width) => width > 100), JSON.stringify(seen.widths));
      assert.equal(seen.tooltipPosition, 'absolute');
      assert.equal(seen.tooltipShown, true);
      assert.equal(seen.sheets, 2, "the element's and the chart's stylesheets, adopted");
      assert.equal(seen.styleElements, 0);
      assert.deepEqual(watcher.unexpected(), { consoleErrors: [], pageErrors: [], failedRequests: [] });

      // The listener does catch a violation: an inline <style> in a shadow root is refused.
      const caught = await probeViolation(page);
      assert.equal(caught.length, 1, JSON.stringify(caught));
      assert.ok(caught[0].startsWith('style-src'), JSON.stringify(caught));
    } finally {
      await page.close();
    }
  });

  test('the demo article: the chart is ready with no violation', async () => {
    const { page, watcher } = await openWithPolicy('/www/index.html');
    try {
      await expectReady(page, 'hashrate-outage-chart');
      await nextFrames(page);
      // Violations come by a task: a deliberate one, once reported, shows the page's are in.
      const violations = await probeViolation(page);
      assert.equal(violations.length, 1, `only the probe's: ${JSON.stringify(violations)}`);
      const seen = await page.evaluate(() => ({
        violations: window.__violations.slice(0, -1),
        width: document.querySelector('hashrate-outage-chart').chart.canvas.width,
        // demo.css applied (a same-origin stylesheet is allowed): the body has no default margin.
        stylesheets: document.styleSheets.length,
      }));
      assert.deepEqual(seen.violations, []);
      assert.ok(seen.width > 100);
      assert.ok(seen.stylesheets >= 1);
      // The probe's refusal may be reported (a console error in Chromium, a page error in
      // Firefox); nothing else may be.
      const { consoleErrors, pageErrors, failedRequests } = watcher.unexpected();
      const reported = [...consoleErrors, ...pageErrors];
      assert.ok(reported.length <= 1 && reported.every((text) => /inline style/i.test(text)), JSON.stringify(reported));
      assert.deepEqual(failedRequests, []);
    } finally {
      await page.close();
    }
  });
});
