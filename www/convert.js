//! convert(): data files (CSV, JSON) read by the tools module's adapters, the CLI's
//! `convert`, into a chart spec. The tools module is fetched on the first call only.

import { asError, loadTools, messageOf } from './engine.js';

/** `files` as an array: one file, or an array, FileList or other iterable of them. */
function fileList(files) {
  if (files === null || files === undefined) return [];
  if (files instanceof Blob || typeof files.text === 'string') return [files];
  if (typeof files[Symbol.iterator] === 'function' && typeof files !== 'string') return Array.from(files);
  return [files];
}

/** One input as `{name, text}`: a File/Blob is read as UTF-8 (a nameless Blob is "file N"). */
async function readInput(file, index) {
  if (file instanceof Blob) {
    const name = typeof file.name === 'string' && file.name ? file.name : `file ${index + 1}`;
    try {
      return { name, text: await file.text() };
    } catch (cause) {
      throw new Error(`Could not read ${name}: ${messageOf(cause)}`);
    }
  }
  if (file !== null && typeof file === 'object' && typeof file.text === 'string') {
    const name = typeof file.name === 'string' && file.name ? file.name : `file ${index + 1}`;
    return { name, text: file.text };
  }
  throw new TypeError(`convert(): file ${index + 1} is not a File, a Blob or {name, text}`);
}

/**
 * Reads data files with the same adapters as the CLI's `convert` (blockchain.com JSON or CSV,
 * CSV series, outage CSV, IODA, Cloudflare Radar, a chart spec) and merges them into one spec.
 * @param {File|Blob|{name: string, text: string}|Iterable<File|Blob|{name: string, text: string}>} files
 * @param {{title?: string, unit?: string}} [options] unit (e.g. "TH/s") for files that carry none
 * @returns {Promise<{spec: object, report: string[]}>} a valid spec, and one line per file saying
 *   what it was read as; rejects with the adapters' message (naming the file, line and column)
 */
export async function convert(files, options = {}) {
  const list = fileList(files);
  if (list.length === 0) throw new TypeError('convert() needs at least one file');
  const settings = {};
  for (const key of ['title', 'unit', 'subtitle', 'source']) {
    const value = options?.[key];
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new TypeError(`${key}: expected a string, got ${typeof value}`);
    settings[key] = value;
  }
  if (options?.labels !== undefined && options.labels !== null) {
    const labels = options.labels;
    if (typeof labels !== 'object' || Array.isArray(labels) || Object.values(labels).some((v) => typeof v !== 'string')) {
      throw new TypeError('labels: expected an object of column name to label text');
    }
    settings.labels = labels;
  }
  const [inputs, tools] = await Promise.all([Promise.all(list.map(readInput)), loadTools()]);
  let result;
  try {
    result = tools.convertFiles(JSON.stringify(inputs), JSON.stringify(settings));
  } catch (error) {
    throw asError(error, tools.takePanic);
  }
  return result;
}
