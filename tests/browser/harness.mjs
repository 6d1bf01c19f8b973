//! Browser-test harness: a static file server for the repository (127.0.0.1, a free port) and
//! a headless browser through Playwright: Chromium (playwright-core, the default) or Firefox
//! (Debian's firefox-esr over WebDriver BiDi, through playwright-core 1.64.1 installed as the npm
//! alias playwright-firefox: 1.65 asks Firefox ESR 153 for a BiDi command it lacks). The engine
//! is the ENGINE environment variable (`make browser-test ENGINE=firefox`). WebKit has its own
//! WebDriver suite (tests/webkit/): Playwright drives only its own patched WebKit build.
//! Beside starting, watching and stopping things, it holds the helpers tests share (opening
//! blank.html, mounting a chart, adding an element, digests of pixels) and the waits: a test
//! that checks something did *not* happen waits for a signal that the moment has passed (an
//! event, a state, a control that did happen, frames), never for a clock; realDelay() is the
//! one named exception, for when the time itself is tested. Shared specs are in fixtures.mjs.
//! Needs www/pkg/ from `make build`.

import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { firefox } from 'playwright-firefox';

/**
 * The engine this run tests: 'chromium' (default) or 'firefox'. `make browser-test ENGINE=…`
 * passes its value on to every suite, so 'webkit' and 'all' are accepted here too (the WebKit
 * suite uses only this file's server); launchBrowser then refuses them.
 */
const REQUESTED = process.env.ENGINE || 'chromium';
if (!['chromium', 'firefox', 'webkit', 'all'].includes(REQUESTED)) {
  throw new Error(`ENGINE=${REQUESTED}: expected chromium, firefox or webkit`);
}
export const ENGINE = REQUESTED === 'all' ? 'chromium' : REQUESTED;
export const FIREFOX_BINARY = '/usr/bin/firefox-esr';

/**
 * Firefox preferences for a test run: no update checks, telemetry or other calls out (only the
 * loopback answers here); `prefs` adds more (e.g. { 'ui.systemUsesDarkTheme': 1 }).
 */
function firefoxPrefs(prefs) {
  return {
    'app.update.enabled': false,
    'browser.shell.checkDefaultBrowser': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    ...prefs,
  };
}

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
};

// Flags that keep Chromium from dialling out: there is no network here but the loopback.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Fails loudly (never skips) when the web package has not been built. */
export function requireWebPackage() {
  const glue = join(ROOT, 'www/pkg/hashrate_outage_chart.js');
  const wasm = join(ROOT, 'www/pkg/hashrate_outage_chart_bg.wasm');
  if (!existsSync(glue) || !existsSync(wasm)) {
    throw new Error(`The web package is missing (${glue}, ${wasm}): run \`make build\` first`);
  }
}

/**
 * Serves files under `root` (default ROOT); 404 for anything else, including paths that try
 * to leave it. `headers(pathname)` may return extra response headers for a file (e.g. a
 * Content-Security-Policy for some pages). `routes` maps a path to a handler
 * `(request, response)` that answers it instead (a spec that changes between requests).
 * `headScript` (a URL path) is put as the first
 * script of every HTML page's head: the WebKit suite's console recorder, where the driver
 * reports no console. `failures` lists every request answered with an error status, `requests`
 * every request's URL (path and query), in order.
 */
export async function startServer({ headers = () => ({}), root = ROOT, headScript, routes = {} } = {}) {
  const failures = [];
  const requests = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url);
    const notFound = () => {
      failures.push(`${request.url} HTTP 404`);
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found\n');
    };
    try {
      const route = routes[new URL(request.url, 'http://localhost').pathname];
      if (route) return route(request, response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
      let pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      if (pathname.includes('\0')) return notFound();
      if (pathname.endsWith('/')) pathname += 'index.html';
      const file = resolve(root, `.${pathname}`);
      if (!file.startsWith(root + sep)) return notFound();
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return notFound();
      let body = await readFile(file);
      if (headScript && extname(file) === '.html') {
        body = Buffer.from(body.toString('utf8').replace(/<head>/i, `<head><script src="${headScript}"></script>`));
      }
      response.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
        ...headers(pathname),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch {
      notFound(); // a malformed URL (bad percent-encoding) is just not found
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    failures,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * Launches the run's browser. `args` are extra Chromium flags (e.g. --enable-precise-memory-info),
 * `firefoxUserPrefs` extra Firefox preferences; each engine ignores the other's.
 */
export function launchBrowser({ args = [], firefoxUserPrefs = {} } = {}) {
  if (ENGINE === 'webkit') {
    throw new Error('ENGINE=webkit: Playwright drives only its own WebKit build; the WebKit suite is tests/webkit/ (WebDriver)');
  }
  if (ENGINE === 'firefox') {
    return firefox.launch({
      channel: 'moz-firefox',
      executablePath: FIREFOX_BINARY,
      headless: true,
      firefoxUserPrefs: firefoxPrefs(firefoxUserPrefs),
    });
  }
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...args] });
}

/**
 * Why a test cannot run in this engine, or undefined when it can: `reasons` maps an engine to
 * its stated reason. Use as `test(name, { skip: engineLacks({ firefox: '…' }) }, fn)`, so the
 * report names the reason.
 */
export function engineLacks(reasons) {
  return reasons[ENGINE] ? `${ENGINE}: ${reasons[ENGINE]}` : undefined;
}

/**
 * Starts the server and a browser; `close()` stops both. `headers` and `routes` go to startServer;
 * `args` and `firefoxUserPrefs` to launchBrowser.
 */
export async function startHarness({ headers, args = [], firefoxUserPrefs, routes } = {}) {
  requireWebPackage();
  const server = await startServer({ headers, routes });
  let browser;
  try {
    browser = await launchBrowser({ args, firefoxUserPrefs });
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    origin: server.origin,
    browser,
    url: (path) => `${server.origin}${path}`,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Records what went wrong on a page: console errors, uncaught exceptions (which include
 * unhandled rejections), failed requests and HTTP error responses. `allow` drops expected
 * entries (matched against the text of each).
 */
export function watchPage(page) {
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.pageErrors.push(String(error?.stack ?? error)));
  page.on('requestfailed', (request) =>
    problems.failedRequests.push(`${request.url()} ${request.failure()?.errorText ?? 'failed'}`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()} HTTP ${response.status()}`);
  });
  return {
    problems,
    /** Everything recorded, minus entries matching one of `allow` (strings or RegExps). */
    unexpected(allow = []) {
      const allowed = (text) => allow.some((a) => (a instanceof RegExp ? a.test(text) : text.includes(a)));
      return Object.fromEntries(Object.entries(problems).map(([kind, list]) => [kind, list.filter((t) => !allowed(t))]));
    },
  };
}

/**
 * Opens `url` in `page` with prefers-color-scheme `scheme`, switchable live with
 * `setScheme(scheme)`. Returns { frame, response, setScheme }: `frame` is where the document
 * under test is (a Playwright Page or Frame; both have evaluate and waitForFunction).
 * Chromium emulates the media feature on the page. Firefox is driven over WebDriver BiDi,
 * where Playwright 1.64 has no media emulation (1.65's needs a newer Firefox), so there the
 * document is framed at full size and the iframe element's `color-scheme` is set: a framed
 * document's prefers-color-scheme follows its embedder's used color-scheme (CSS Color
 * Adjustment 1), live and with `change` events, as a reader's switch would be.
 */
export async function gotoWithColorScheme(page, url, scheme) {
  if (ENGINE !== 'firefox') {
    await page.emulateMedia({ colorScheme: scheme });
    const response = await page.goto(url);
    return { frame: page, response, setScheme: (next) => page.emulateMedia({ colorScheme: next }) };
  }
  await page.goto(`${new URL(url).origin}/tests/browser/pages/frame.html`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === url),
    page.evaluate(
      ({ url, scheme }) =>
        new Promise((loaded) => {
          const iframe = document.querySelector('iframe');
          iframe.style.colorScheme = scheme;
          iframe.onload = loaded;
          iframe.src = url;
        }),
      { url, scheme },
    ),
  ]);
  const frame = page.frames().find((f) => f !== page.mainFrame() && f.url() === url);
  if (!frame) throw new Error(`no frame with ${url}`);
  const setScheme = async (next) => {
    await page.evaluate((next) => (document.querySelector('iframe').style.colorScheme = next), next);
    // The framed document sees the change at its next style update.
    await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  };
  return { frame, response, setScheme };
}

/** Waits until `selector`'s data-state is one of `states`; returns it. */
export async function waitForState(page, selector, states = ['ready', 'error'], timeout = 10_000) {
  const handle = await page.waitForFunction(
    ({ selector, states }) => {
      const element = document.querySelector(selector);
      return element && states.includes(element.dataset.state) ? element.dataset.state : null;
    },
    { selector, states },
    { timeout },
  );
  return handle.jsonValue();
}

/**
 * Waits for `selector` to leave `loading` and fails unless it is `ready`, quoting the
 * element's error text (e.g. a wasm that did not instantiate) so the cause is in the report.
 */
export async function expectReady(page, selector, timeout = 10_000) {
  const state = await waitForState(page, selector, ['ready', 'error'], timeout);
  if (state !== 'ready') {
    const text = await page.evaluate(
      (selector) => document.querySelector(selector)?.shadowRoot?.querySelector('[role="alert"]')?.textContent ?? '',
      selector,
    );
    throw new Error(`${selector} is in data-state="${state}", not "ready": ${text}`);
  }
  return state;
}

/**
 * RGB of the canvas of the chart on `hostSelector` (an element whose `.chart` is a Chart) at
 * each CSS-px point [x, y] relative to the canvas, read from the backing store.
 */
export async function pixelsAt(page, hostSelector, cssPoints) {
  return page.evaluate(
    ({ hostSelector, cssPoints }) => {
      const canvas = document.querySelector(hostSelector).chart.canvas;
      const ratio = canvas.width / canvas.getBoundingClientRect().width;
      const image = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      return cssPoints.map(([x, y]) => {
        const px = Math.min(canvas.width - 1, Math.floor(x * ratio));
        const py = Math.min(canvas.height - 1, Math.floor(y * ratio));
        const i = (py * canvas.width + px) * 4;
        return [image.data[i], image.data[i + 1], image.data[i + 2]];
      });
    },
    { hostSelector, cssPoints },
  );
}

/** Fails unless `actual` is `expected` to the byte, quoting the first line that differs. */
export function assertSameLines(name, actual, expected) {
  if (actual === expected) return;
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  throw new Error(`${name}: differs at line ${line + 1}:\n  native:  ${a[line]}\n  browser: ${b[line]}`);
}

/** Largest channel difference between two RGB triples. */
export function colorDistance(a, b) {
  return Math.max(...a.map((value, i) => Math.abs(value - b[i])));
}

/** WCAG relative luminance of an sRGB triple, 0..1. */
export function luminance([r, g, b]) {
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The test page every helper below opens: it imports /www/index.js as `window.hoc`. */
export const BLANK_PAGE = '/tests/browser/pages/blank.html';

/**
 * Opens blank.html and waits for window.hoc; returns { page, watcher } (watchPage's).
 * `context`: a BrowserContext to open the page in (default: a page of its own in the browser,
 * with `viewport` if given); `beforeGoto(page)` runs before the page loads (routes, init
 * scripts, request recorders).
 */
export async function openBlank(harness, { context, viewport, beforeGoto } = {}) {
  if (typeof arguments[1]?.newPage === 'function') {
    throw new TypeError('openBlank(harness, { context }): the context goes in the options');
  }
  const page = context ? await context.newPage() : await harness.browser.newPage(viewport ? { viewport } : {});
  const watcher = watchPage(page);
  await beforeGoto?.(page);
  await page.goto(harness.url(BLANK_PAGE));
  await page.waitForFunction(() => window.hocLoaded === true);
  return { page, watcher };
}

/**
 * Mounts `spec` (object, JSON text or URL) into a new host (style `hostStyle`, attributes
 * `hostAttributes`) as window.charts[name]; the host gets id `name` and, as the custom element
 * has, `.chart` (so pixelsAt(page, '#name', …) works). Returns what mount() gave:
 * { isChart, elementIsHost, canvasInHost, role, label } (the canvas's role and aria-label).
 */
export async function mountChart(page, name, spec, { options, hostStyle = 'width: 600px', hostAttributes = {} } = {}) {
  return page.evaluate(
    async ({ name, spec, options, hostStyle, hostAttributes }) => {
      const host = document.createElement('div');
      host.id = name;
      host.setAttribute('style', hostStyle);
      for (const [key, value] of Object.entries(hostAttributes)) host.setAttribute(key, value);
      document.body.append(host);
      const chart = await window.hoc.mount(host, spec, options);
      (window.charts ??= {})[name] = chart;
      host.chart = chart;
      return {
        isChart: chart instanceof window.hoc.Chart,
        elementIsHost: chart.element === host,
        canvasInHost: host.contains(chart.canvas),
        role: chart.canvas.getAttribute('role'),
        label: chart.canvas.getAttribute('aria-label'),
      };
    },
    { name, spec, options, hostStyle, hostAttributes },
  );
}

/**
 * Adds `<hashrate-outage-chart id=…>` to the page: `loading="eager"` (one of many on a page: no
 * wait for the viewport; an `attributes.loading` overrides it), then `attributes`, style
 * `style` (none when null), and the spec inline when given (text, or an object as JSON). Its
 * `error` events are recorded in window.chartEvents[id] as { message, bubbles, isCustom }.
 * Returns at once: wait with waitForState / expectReady.
 */
export async function addElement(page, id, { attributes = {}, spec, style = 'width: 600px' } = {}) {
  await page.evaluate(
    ({ id, attributes, spec, style }) => {
      const element = document.createElement('hashrate-outage-chart');
      element.setAttribute('loading', 'eager');
      element.id = id;
      if (style !== null) element.setAttribute('style', style);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      const events = ((window.chartEvents ??= {})[id] = []);
      element.addEventListener('error', (event) =>
        events.push({ message: event.detail?.message, bubbles: event.bubbles, isCustom: event instanceof CustomEvent }),
      );
      if (spec !== undefined) {
        const script = document.createElement('script');
        script.type = 'application/json';
        script.textContent = typeof spec === 'string' ? spec : JSON.stringify(spec);
        element.append(script);
      }
      document.body.append(element);
    },
    { id, attributes, spec, style },
  );
}

/**
 * A hash of every pixel of a canvas of window.charts[name] (its chart canvas, or `which` =
 * 'overlay'), its opaque pixels (alpha > 0) and its ink (red channel under 200: dark on the
 * light theme's background).
 */
export function canvasDigest(page, name, which = 'chart') {
  return page.evaluate(
    ({ name, which }) => {
      const chart = window.charts[name];
      const canvas = which === 'overlay' ? chart.element.querySelector('.hoc-overlay') : chart.canvas;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 2166136261;
      let opaque = 0;
      let ink = 0;
      for (let i = 0; i < data.length; i++) {
        hash = Math.imul(hash ^ data[i], 16777619) >>> 0;
        if (i % 4 === 3 && data[i] > 0) opaque++;
        if (i % 4 === 0 && data[i] < 200) ink++;
      }
      return { hash, opaque, ink };
    },
    { name, which },
  );
}

/**
 * Resolves after `count` animation frames of `page` (a Page or Frame): with the default two, a
 * ResizeObserver or media-query redraw scheduled before the call has run.
 */
export function nextFrames(page, count = 2) {
  return page.evaluate(
    (count) =>
      new Promise((done) => {
        const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : done());
        step(count);
      }),
    count,
  );
}

/**
 * Resolves once the chart's deferred work on `page` has run: `document.fonts.ready` has
 * settled (a redraw for late fonts hangs on it), a task has passed (the table and words are
 * built a task after the pixels) and two animation frames (a scheduled redraw). A check that
 * something did *not* happen after a chart is ready waits for this, not for a clock.
 */
export function deferredWorkDone(page) {
  return page.evaluate(async () => {
    await document.fonts?.ready;
    await new Promise((done) => setTimeout(done, 0));
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/**
 * Waits until the browser has computed whether each of `selectors` intersects the viewport
 * (an IntersectionObserver's first callback, which comes for every observer in the order they
 * were made): once it has, an element's own lazy-loading observer made earlier has had its
 * answer too. Returns each element's isIntersecting with `rootMargin` (the element's own is
 * '100% 0px': within a screen).
 */
export function intersectionsComputed(page, selectors, { rootMargin = '0px' } = {}) {
  return page.evaluate(
    ({ selectors, rootMargin }) =>
      new Promise((done) => {
        const seen = new Map();
        const elements = selectors.map((s) => document.querySelector(s));
        const observer = new IntersectionObserver((entries) => {
          for (const entry of entries) seen.set(entry.target, entry.isIntersecting);
          if (seen.size < elements.length) return;
          observer.disconnect();
          done(elements.map((e) => seen.get(e)));
        }, { rootMargin });
        for (const element of elements) observer.observe(element);
      }),
    { selectors, rootMargin },
  );
}

/**
 * An init script (context.addInitScript(trackFrameWork)): counts the page's animation-frame
 * callbacks from when they are asked for until they have run, and, for one that returns a
 * promise (an async redraw), until that settles; frameWorkDone(page) waits for none to be left.
 */
export function trackFrameWork() {
  const request = window.requestAnimationFrame.bind(window);
  const cancel = window.cancelAnimationFrame.bind(window);
  const asked = new Set();
  let outstanding = 0;
  let waiters = [];
  const finish = () => {
    if (--outstanding > 0) return;
    for (const done of waiters) done();
    waiters = [];
  };
  window.requestAnimationFrame = (callback) => {
    outstanding++;
    const id = request((time) => {
      asked.delete(id);
      let result;
      try {
        result = callback(time);
      } finally {
        if (typeof result?.then === 'function') Promise.resolve(result).finally(finish);
        else finish();
      }
    });
    asked.add(id);
    return id;
  };
  window.cancelAnimationFrame = (id) => {
    if (asked.delete(id)) finish();
    cancel(id);
  };
  window.__frameWorkDone = () => new Promise((done) => (outstanding === 0 ? done() : waiters.push(done)));
}

/** Waits until a page with trackFrameWork has no animation-frame work asked for or running. */
export async function frameWorkDone(page, timeout = 15_000) {
  await page.evaluate(
    (timeout) =>
      Promise.race([
        window.__frameWorkDone(),
        new Promise((_, fail) => setTimeout(() => fail(new Error(`animation-frame work still running after ${timeout} ms`)), timeout)),
      ]),
    timeout,
  );
}

/**
 * Polls `check` (a function in the test, sync or async) until it returns a truthy value, and
 * returns that; fails after `timeout` ms naming `what` (text, or a function giving it, to say
 * what was last seen). For state outside any page (a test server's request log, a child
 * process's output); in a page, use page.waitForFunction.
 */
export async function eventually(check, { what = 'the condition', timeout = 10_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${typeof what === 'function' ? what() : what}: not within ${timeout} ms`);
    await new Promise((done) => setTimeout(done, interval));
  }
}

/**
 * Waits `ms` of wall-clock time, on purpose: only where the time itself is what is tested (a
 * server that answers late, a timer that must not have fired yet), never to let something
 * happen or not. `why` says which, for the reader.
 */
export function realDelay(ms, why) {
  if (!why) throw new Error('realDelay(ms, why): say why a clock, not an event, is waited for');
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * An init script (page.addInitScript(recordViolations)): records Content-Security-Policy
 * violations from the first script on, in every frame, as window.__violations
 * ("directive blockedURI sample").
 */
export function recordViolations() {
  window.__violations = [];
  document.addEventListener(
    'securitypolicyviolation',
    (event) => window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample ?? ''}`.trim()),
    true,
  );
}

/**
 * Commits a violation on purpose in a page run under a policy with `style-src 'self'` (an
 * inline <style> in a new shadow root) and waits until window.__violations (recordViolations)
 * has it: violations are reported by a task, in order, so once this one is in, any the page
 * made before it are too. Returns window.__violations, the probe's last.
 */
export async function probeViolation(page) {
  const before = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.attachShadow({ mode: 'open' }).innerHTML = '<style>:host { color: red; }</style>';
    document.body.append(probe);
    return window.__violations.length;
  });
  await page.waitForFunction((before) => window.__violations.slice(before).some((line) => line.startsWith('style-src')), before, { timeout: 5000 });
  return page.evaluate(() => window.__violations);
}

/**
 * Clicks `button` and returns what it downloaded ({ name, bytes }). Chromium's real download;
 * Playwright over WebDriver BiDi has no download event, so in Firefox the page's link is read
 * instead of followed (an init script records it; the blob is fetched in the page).
 */
export async function downloaded(page, button) {
  if (ENGINE === 'chromium') {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }
  await page.evaluate(() => (window.__downloads = []));
  await button.click();
  await page.waitForFunction(() => window.__downloads.length > 0, null, { timeout: 10_000 });
  const { name, base64 } = await page.evaluate(async () => {
    const { name, href } = window.__downloads[0];
    const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return { name, base64: btoa(binary) };
  });
  return { name, bytes: Buffer.from(base64, 'base64') };
}

/** In Firefox: links with `download` are recorded, not followed (see downloaded()). */
export function recordDownloads() {
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (!this.download || !window.__downloads) return click.call(this);
    window.__downloads.push({ name: this.download, href: this.href });
  };
}
