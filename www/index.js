//! The embed entry point: `mount()` for scripts, and importing it defines the custom element
//! <hashrate-outage-chart>. The work is in chart.js (canvas sizing) and element.js (the tag).
export { mount, Chart } from './chart.js';
import './element.js';
