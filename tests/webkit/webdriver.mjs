//! A small W3C WebDriver (classic) client for WebKitGTK's WebKitWebDriver, which drives the
//! MiniBrowser of Debian's libwebkit2gtk-4.1 (the WebKit engine family behind Safari).
//! Playwright cannot drive it (it needs its own patched WebKit build), and WebKitWebDriver has
//! no BiDi, so this speaks the HTTP protocol: sessions, navigation, scripts, actions, window
//! size and screenshots: only what the WebKit suite uses. Needs an X display (xvfb-run).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

export const DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** A free TCP port on the loopback. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Why WebKit cannot run here, or undefined when it can (the binaries and a display are present). */
export function webkitMissing() {
  if (!existsSync(DRIVER)) return `${DRIVER} is missing (Debian package webkit2gtk-driver; scripts/setup.sh installs it)`;
  if (!existsSync(MINIBROWSER)) return `${MINIBROWSER} is missing (Debian package libwebkit2gtk-4.1-0)`;
  if (!process.env.DISPLAY) return 'no X display: run under xvfb-run (make browser-test ENGINE=webkit does)';
  return undefined;
}

/** A WebDriver error, with the command that failed. */
class WebDriverError extends Error {}

/**
 * Starts WebKitWebDriver (with `env` added to its environment, which the MiniBrowser it starts
 * inherits: e.g. GDK_SCALE=2 for devicePixelRatio 2) and opens a session. `close()` ends both.
 */
export async function startWebKit({ env = {}, width = 1024, height = 768 } = {}) {
  const missing = webkitMissing();
  if (missing) throw new Error(missing);
  const port = await freePort();
  const driver = spawn(DRIVER, [`--port=${port}`], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let driverLog = '';
  driver.stderr.on('data', (chunk) => (driverLog = (driverLog + chunk).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;

  async function call(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok || data?.value?.error) {
      const { error, message } = data?.value ?? {};
      throw new WebDriverError(`${method} ${path}: ${error ?? response.status} ${message ?? ''}`.trim());
    }
    return data.value;
  }

  // Wait for the driver to listen (it starts in well under a second).
  for (let tries = 0; ; tries++) {
    try {
      await call('GET', '/status');
      break;
    } catch (error) {
      if (tries > 100 || driver.exitCode !== null) {
        driver.kill();
        throw new Error(`WebKitWebDriver did not start: ${error.message}\n${driverLog}`);
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }

  let session;
  try {
    session = await call('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
        },
      },
    });
  } catch (error) {
    driver.kill();
    throw new Error(`no WebKit session: ${error.message}\n${driverLog}`);
  }
  const id = session.sessionId;
  const at = (path) => `/session/${id}${path}`;

  const browser = {
    capabilities: session.capabilities,
    /** Navigates and waits for the load event. */
    goto: (url) => call('POST', at('/url'), { url }),
    /** Runs `fn` (a function, sent as source) in the page with `args`; returns its JSON value. */
    evaluate: (fn, ...args) => call('POST', at('/execute/sync'), { script: `return (${fn}).apply(null, arguments);`, args }),
    /** Runs an async `fn` in the page; resolves with what its promise resolves to. */
    evaluateAsync: (fn, ...args) =>
      call('POST', at('/execute/async'), {
        script: `const done = arguments[arguments.length - 1];
          Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1)))
            .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
        args,
      }).then((result) => {
        if (result?.error) throw new Error(result.error);
        return result?.value;
      }),
    /** Polls `fn` in the page until it returns a truthy value; returns it. */
    async waitFor(fn, { timeout = 10_000, args = [], what = String(fn) } = {}) {
      const end = Date.now() + timeout;
      for (;;) {
        const value = await browser.evaluate(fn, ...args);
        if (value) return value;
        if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
        await new Promise((wait) => setTimeout(wait, 50));
      }
    },
    /** Performs W3C actions (pointer moves in viewport coordinates, keys). */
    actions: (actions) => call('POST', at('/actions'), { actions }),
    releaseActions: () => call('DELETE', at('/actions')),
    /** Moves the mouse to viewport point (x, y). */
    mouseMove: (x, y) =>
      browser.actions([
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) }],
        },
      ]),
    /** Presses and releases each key (WebDriver key values, e.g. '\uE014' for ArrowRight). */
    keys: (...keys) =>
      browser.actions([{ type: 'key', id: 'keyboard', actions: keys.flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]) }]),
    setWindowSize: (width, height) => call('POST', at('/window/rect'), { width, height }),
    /** The viewport as a PNG (element screenshots are broken in WebKitGTK's driver). */
    screenshot: () => call('GET', at('/screenshot')).then((base64) => Buffer.from(base64, 'base64')),
    async close() {
      await call('DELETE', at('')).catch(() => {});
      driver.kill();
    },
  };
  await browser.setWindowSize(width, height).catch(() => {});
  return browser;
}

/** WebDriver key values. */
export const KEY = { ArrowRight: '\uE014', ArrowLeft: '\uE012', Tab: '\uE004', End: '\uE010', Home: '\uE011' };
