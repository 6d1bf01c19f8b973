// Console recorder for the WebKit suite (tests/webkit/): the test server puts this first in
// every HTML page's head, because WebKitWebDriver reports no console or page errors. It is a
// same-origin classic script, so a strict CSP (script-src 'self') allows it. It records console
// errors, uncaught errors and rejections, resources that failed to load and CSP violations
// in window.__problems.
(() => {
  const problems = (window.__problems = []);
  const text = (value) => (value && value.stack) || String(value);
  const error = console.error;
  console.error = function (...args) {
    problems.push(`console.error: ${args.map(text).join(' ')}`);
    return error.apply(this, args);
  };
  window.addEventListener(
    'error',
    (event) => {
      // The chart's own `error` CustomEvent (a bad spec, shown in its box) is no page error.
      if (event instanceof CustomEvent) return;
      if (event.target && event.target !== window) problems.push(`failed to load: ${event.target.src || event.target.href}`);
      else problems.push(`uncaught: ${event.message} (${event.filename}:${event.lineno})`);
    },
    true,
  );
  window.addEventListener('unhandledrejection', (event) => problems.push(`unhandled rejection: ${text(event.reason)}`));
  document.addEventListener(
    'securitypolicyviolation',
    (event) => problems.push(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
    true,
  );
})();
