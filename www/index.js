//! The embed entry point: `mount()` and `convert()` for scripts, and importing it defines the
//! custom element <hashrate-outage-chart>. The work is in chart.js (canvas sizing, the wasm
//! adapters) and element.js (the tag).
export { mount, Chart } from './chart.js';
export { convert } from './convert.js';
export { HashrateOutageChartElement } from './element.js';
