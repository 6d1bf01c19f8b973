//! The embed entry point: `mount()` and `convert()` for scripts, and importing it defines the
//! custom element <hashrate-outage-chart>. The work is in chart.js (the chart, and the parts it
//! wires: sizing.js, session.js, readout.js, table.js) and element.js (the tag).
import { asError, loadTools } from './engine.js';

export { mount, Chart } from './chart.js';
export { HashrateOutageChartElement } from './element.js';

/**
 * Reads data files with the same adapters as the CLI's `convert` (blockchain.com JSON or CSV,
 * CSV series, outage CSV, IODA, Cloudflare Radar, a chart spec) and merges them into one spec.
 * The file reading (convert.js) and the adapters (the tools module) load on the first call.
 * @param {File|Blob|{name: string, text: string}|Iterable<File|Blob|{name: string, text: string}>} files
 * @param {{title?: string, unit?: string}} [options] unit (e.g. "TH/s") for files that carry none
 * @returns {Promise<{spec: object, report: string[]}>} a valid spec, and one line per file saying
 *   what it was read as; rejects with the adapters' message (naming the file, line and column)
 */
export async function convert(files, options) {
  const { settings, inputs } = (await import('./convert.js')).prepare(files, options);
  const [read, tools] = await Promise.all([inputs, loadTools()]);
  try {
    return tools.convertFiles(JSON.stringify(read), JSON.stringify(settings));
  } catch (error) {
    throw asError(error, tools.takePanic);
  }
}
