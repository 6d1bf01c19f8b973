//! The rest of the shell's styles (styles.js has the colours and the table control): tooltip,
//! focus ring, overlay, data table, hidden texts, the explain line, print. Fetched beside the
//! engine when the first chart mounts (styles.js loadChartCss), so a page whose charts are far
//! down does not download it; imports nothing, so a bundler splits it off alone.
export default `
:where(.hoc-stage) { position: relative; touch-action: pan-y pinch-zoom; }
:where(.hoc-canvas) { display: block; width: 100%; }
:where(.hoc-canvas:focus) { outline: none; }
:where(.hoc-canvas:focus-visible) { outline: 2px solid var(--hoc-ui-focus); outline-offset: 2px; }
:where(.hoc-overlay) { position: absolute; left: 0; top: 0; width: 100%; pointer-events: none; }
:where(.hoc-tooltip) {
  position: absolute; left: 0; top: 0; z-index: 1; box-sizing: border-box;
  max-width: min(20em, calc(100% - 8px)); margin: 0; padding: 0.4em 0.6em;
  border: 1px solid var(--hoc-ui-rule); border-radius: 4px;
  background: var(--hoc-ui-background); color: var(--hoc-ui-text);
  box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  font: max(13px, 0.8125rem)/1.35 var(--hoc-font, var(--hoc-ui-font, Helvetica, Arial, sans-serif));
  overflow-wrap: anywhere; user-select: text; -webkit-user-select: text;
}
:where(.hoc-tooltip[hidden]) { display: none; }
:where(.hoc-narrow .hoc-tooltip) { font-size: max(12px, 0.75rem); max-width: min(15em, calc(100% - 8px)); padding: 0.3em 0.5em; }
:where(.hoc-tooltip-time) { font-weight: 600; margin-bottom: 0.2em; }
:where(.hoc-tooltip-row) { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.4em; }
:where(.hoc-tooltip-label) { flex: 1 1 auto; min-width: 0; }
:where(.hoc-tooltip-value) { margin-left: auto; padding-left: 0.6em; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
:where(.hoc-swatch) { flex: none; width: 0.7em; height: 0.7em; border-radius: 50%; align-self: center; }
@media (forced-colors: active) { :where(.hoc-swatch) { forced-color-adjust: none; } }
:where(.hoc-tooltip-outage) { margin-top: 0.25em; color: var(--hoc-ui-muted); }
:where(.hoc-sr-only) {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
:where(.hoc-explain) {
  margin: 0; padding: 0 16px; background: var(--hoc-ui-background); color: var(--hoc-ui-muted);
  font: 0.8em/1.35 var(--hoc-font, var(--hoc-ui-font, Helvetica, Arial, sans-serif));
}
:where(.hoc-narrow .hoc-explain) { padding-inline: 10px; }
:where(.hoc-explain[hidden]) { display: none; }
:where(.hoc-table-wrap.hoc-shown) {
  margin-top: 0.5em; max-height: 28em; overflow: auto;
  background: var(--hoc-ui-background); color: var(--hoc-ui-text);
  border: 1px solid var(--hoc-ui-rule);
}
:where(.hoc-table) { border-collapse: collapse; width: 100%; font-size: 0.85em; line-height: 1.35; font-variant-numeric: tabular-nums; }
:where(.hoc-table caption) { text-align: start; font-weight: 600; padding: 0.5em 0.6em; caption-side: top; }
:where(.hoc-table th, .hoc-table td) { padding: 0.3em 0.6em; border-bottom: 1px solid var(--hoc-ui-rule); text-align: start; vertical-align: top; }
:where(.hoc-table thead th) { position: sticky; top: 0; background: var(--hoc-ui-background); border-bottom-width: 2px; }
:where(.hoc-table .hoc-number) { text-align: end; }
:where(.hoc-table td.hoc-number) { white-space: nowrap; }
:where(.hoc-table tbody th) { font-weight: normal; white-space: nowrap; }
:where(.hoc-download-menu[hidden]) { display: none; }
@media print {
  :where(.hoc-canvas) { height: auto !important; }
  :where(.hoc-overlay, .hoc-tooltip, .hoc-controls, .hoc-download-menu) { display: none !important; }
}
`;
