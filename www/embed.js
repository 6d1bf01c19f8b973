//! embed.html's script: reads the query string, puts one <hashrate-outage-chart> in the page,
//! and posts `{ "datawrapper-height": { [id]: px } }` to the parent on ready and whenever the
//! page's height changes, so the parent's iframe can follow it (README "Embedding"). Rendering,
//! errors and the fallback are element.js's.

import './element.js';

const PAGE_CSS = `
html, body { margin: 0; padding: 0; background: transparent; }
html { overflow: hidden; }
body { display: flow-root; }
hashrate-outage-chart { width: 100%; }
`;

/** A short stable id for the parent's message when the query gives none (FNV-1a of `src`). */
function idFrom(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return `hoc-${hash.toString(36)}`;
}

const params = new URLSearchParams(location.search);
const sheet = new CSSStyleSheet();
sheet.replaceSync(PAGE_CSS);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

const chart = document.createElement('hashrate-outage-chart');
// Without `src` the element shows its own error ("No chart spec: …") and reports that height.
for (const name of ['src', 'theme', 'locale', 'height', 'fallback', 'alt', 'timeout']) {
  const value = params.get(name);
  if (value !== null && value !== '') chart.setAttribute(name, value);
}
const id = params.get('id') || idFrom(params.get('src') ?? '');
const title = params.get('title');
if (title) document.title = title;

let lastHeight = -1;
function postHeight(force = false) {
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (window.parent === window || (!force && height === lastHeight)) return;
  lastHeight = height;
  // Only a height leaves the frame, so any parent may read it ('*').
  window.parent.postMessage({ 'datawrapper-height': { [id]: height } }, '*');
}

new ResizeObserver(() => postHeight()).observe(document.body);
new MutationObserver(() => {
  if (chart.dataset.state !== 'loading') postHeight(true);
}).observe(chart, { attributes: true, attributeFilter: ['data-state'] });
document.body.append(chart);
