//! The chart's CSS (adopted once per document or shadow root) and the host page's --hoc-*
//! custom properties, read as colours the core understands.


/** --hoc-* custom properties read from the host page, by setStyle() key. */
export const STYLE_PROPERTIES = {
  font: '--hoc-font',
  background: '--hoc-background',
  text: '--hoc-text',
  mutedText: '--hoc-muted',
  grid: '--hoc-grid',
  band: '--hoc-band',
};
export const SERIES_PROPERTIES = ['--hoc-series-1', '--hoc-series-2', '--hoc-series-3', '--hoc-series-4'];

/**
 * The part of the shell's styles a chart needs before it is drawn: the colours the rest use
 * and the "Show data table" control (the element's fallback image keeps a row of the same
 * height under it). The rest (chart-css.js: tooltip, focus ring, data table, hidden texts) is
 * fetched beside the engine when the first chart mounts, so a page whose charts are far down
 * does not download it. :where() keeps them easy to override.
 */
const BASE_CSS = `
:where(.hoc) {
  --hoc-ui-background: var(--hoc-background, #ffffff);
  --hoc-ui-text: var(--hoc-text, #1a1a1a);
  --hoc-ui-muted: var(--hoc-muted, #5e5e5e);
  --hoc-ui-rule: var(--hoc-grid, #d0d0d0);
  --hoc-ui-focus: var(--hoc-focus, #1652a0);
}
:where(.hoc[data-theme="dark"]) {
  --hoc-ui-background: var(--hoc-background, #121417);
  --hoc-ui-text: var(--hoc-text, #eceff1);
  --hoc-ui-muted: var(--hoc-muted, #a8aeb4);
  --hoc-ui-rule: var(--hoc-grid, #3a4047);
  --hoc-ui-focus: var(--hoc-focus, #8ab4f8);
}
:where(.hoc-controls) { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 4px 6px; padding-top: 4px; padding-inline-end: 4px; }
:where(.hoc-button) {
  font: 0.8em/1.3 var(--hoc-font, var(--hoc-ui-font, Helvetica, Arial, sans-serif)); padding: 0.3em 0.7em; cursor: pointer;
  color: var(--hoc-ui-text); background: var(--hoc-ui-background);
  border: 1px solid var(--hoc-ui-rule); border-radius: 4px;
}
:where(.hoc-button:hover) { border-color: var(--hoc-ui-muted); }
:where(.hoc-button:focus-visible) { outline: 2px solid var(--hoc-ui-focus); outline-offset: 2px; }
`;

/** Stylesheets already adopted, per document or shadow root. */
const adopted = new WeakSet();
let sharedSheet = null;
let fullCss = null;

function chartSheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(BASE_CSS);
  }
  return sharedSheet;
}

/**
 * @internal Loads the rest of the chart's styles (chart-css.js) into the shared sheet, once;
 * mountText waits for it beside the engine, so a chart is never drawn without them.
 */
export function loadChartCss() {
  fullCss ??= import('./chart-css.js').then(
    ({ default: css }) => chartSheet().replaceSync(BASE_CSS + css),
    (cause) => {
      fullCss = null;
      throw new Error(`Could not load the chart's styles (chart-css.js): ${cause?.message ?? cause}`);
    },
  );
  return fullCss;
}

/** @internal Adds the chart's styles to the document or shadow root that holds `element`, once
 *  (the custom element also calls it before mounting, for its fallback's placeholder row). */
export function adoptStyles(element) {
  const root = element.getRootNode();
  const target = root instanceof ShadowRoot || root instanceof Document ? root : document;
  if (adopted.has(target)) return;
  adopted.add(target);
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, chartSheet()];
}

let colorContext = null;

/** Any CSS colour as the 2D context spells it (#rrggbb or rgba(r, g, b, a)); null if invalid. */
export function normaliseColor(value) {
  colorContext ??= document.createElement('canvas').getContext('2d');
  const context = colorContext;
  // An invalid colour leaves fillStyle as it was: try from two different starting values.
  context.fillStyle = '#000000';
  context.fillStyle = value;
  const first = context.fillStyle;
  context.fillStyle = '#ffffff';
  context.fillStyle = value;
  return context.fillStyle === first ? first : null;
}
