//! embed.html's script: reads the query string, puts one <hashrate-outage-chart> in the page,
//! and posts `{ "datawrapper-height": { [id]: px } }` to the parent on ready and whenever the
//! page's height changes, so the parent's iframe can follow it (README "Embedding"). Rendering,
//! errors and the fallback are element.js's. The page takes the chart's background and colour
//! scheme, so a dark chart has no white edges. Styles are adopted sheets and CSSOM properties
//! only: the page runs under `style-src 'self'`, which refuses <style> and style attributes.

import './element.js';
import { languageOf, pageStrings } from './words.js';

// The page's colours until the chart is drawn: the palettes' backgrounds and text (src/spec/theme.rs)
// by the `theme` query, `auto` following prefers-color-scheme. Once drawn, followChart() sets
// data-theme to the theme drawn and --embed-background to the chart's own background.
const DARK = 'color-scheme: dark; --embed-background: rgb(18 20 23); --embed-text: rgb(236 239 241);';
const PAGE_CSS = `
:root { color-scheme: light; --embed-background: rgb(255 255 255); --embed-text: rgb(26 26 26); }
:root[data-theme="dark"] { ${DARK} }
@media (prefers-color-scheme: dark) { :root[data-theme="auto"] { ${DARK} } }
html, body { margin: 0; padding: 0; }
html { overflow: hidden; }
/* The body's background fills the frame (html has none, so it paints the canvas). The frame is
   as tall as the body: the bottom padding keeps the button's focus ring (2px + 2px offset) in. */
body { display: flow-root; padding-bottom: 4px; background: var(--embed-background); color: var(--embed-text); }
hashrate-outage-chart { width: 100%; }
main { display: block; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
`;
// In the element's shadow root: the canvas's focus ring drawn inside the canvas, as the frame's
// edges would clip the ring chart.js draws 2px outside it.
const SHADOW_CSS = '.hoc-canvas:focus-visible { outline-offset: -4px; }';

/** A short stable id for the parent's message when the query gives none (FNV-1a of `src`). */
function idFrom(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return `hoc-${hash.toString(36)}`;
}

function sheetOf(css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return sheet;
}

const params = new URLSearchParams(location.search);
const root = document.documentElement;
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheetOf(PAGE_CSS)];
const theme = params.get('theme');
if (theme === 'light' || theme === 'dark' || theme === 'auto') root.dataset.theme = theme;

const chart = document.createElement('hashrate-outage-chart');
chart.shadowRoot.adoptedStyleSheets = [...chart.shadowRoot.adoptedStyleSheets, sheetOf(SHADOW_CSS)];
// Without `src` the element shows its own error ("No chart spec: …") and reports that height.
// The query string is anyone's to write: the element loads `src` and `fallback` only from
// this page's origin or the origins its owner lists in this page's own
// <meta name="hashrate-outage-chart:allow-origins" content="https://data.example.org"> (never
// from the query), and takes from `strings` only interface words (strings-scope="interface").
const allowed = document.querySelector('meta[name="hashrate-outage-chart:allow-origins"]');
if (allowed) chart.setAttribute('allow-origins', allowed.getAttribute('content') ?? '');
chart.setAttribute('strings-scope', 'interface');
for (const name of ['src', 'theme', 'locale', 'time-zone', 'strings', 'height', 'fallback', 'alt', 'timeout', 'downloads', 'refresh']) {
  const value = params.get(name);
  if (value !== null && value !== '') chart.setAttribute(name, value);
}
// The line under the chart on how to read its numbers: on unless the query says explain=0.
if (!['0', 'false', 'no', 'off'].includes(params.get('explain') ?? '')) chart.setAttribute('explain', '');
// The page's language is the chart's (set again from the chart once it is drawn: a locale
// without a table reads English), so a screen reader reads its words with the right rules.
root.lang = languageOf(params.get('locale') || 'en');
// A landmark and a heading for a screen reader's navigation: the chart's title, hidden, as
// the chart draws it.
const main = document.createElement('main');
const heading = document.createElement('h1');
heading.className = 'visually-hidden';
heading.textContent = pageStrings(root.lang)['alt.chart'];
main.append(heading, chart);
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

/** The page takes the drawn chart's theme and background (a spec may choose its own theme). */
function followChart() {
  let layout;
  try {
    layout = chart.chart?.layout();
  } catch {
    return; // a chart that failed: its error shows, the page keeps its colours
  }
  if (!layout) return;
  const drawn = chart.chart;
  const language = chart.shadowRoot.querySelector('.hoc')?.lang;
  if (language) root.lang = language;
  heading.textContent = drawn.title || pageStrings(root.lang)['alt.chart'];
  // What the chart says, for a page that lists or previews this one.
  document.querySelector('meta[name="description"]')?.setAttribute('content', drawn.canvas?.getAttribute('aria-label') ?? '');
  const [r, g, b] = layout.colors.background;
  root.dataset.theme = layout.theme;
  root.style.setProperty('--embed-background', `rgb(${r} ${g} ${b})`);
}

new ResizeObserver(() => postHeight()).observe(document.body);
new MutationObserver(() => {
  if (chart.dataset.state === 'ready') followChart();
  if (chart.dataset.state !== 'loading') postHeight(true);
}).observe(chart, { attributes: true, attributeFilter: ['data-state'] });
// A chart with theme "auto" redraws when the reader's scheme changes; the page follows it.
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', followChart);
document.body.append(main);
