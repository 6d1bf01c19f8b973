//! convert(): data files (CSV, JSON) read by the tools module's adapters, the CLI's
//! `convert`, into a chart spec. The tools module is fetched on the first call only.

/** The message of anything thrown (engine.js's, here so that this module imports nothing). */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

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
 * What convert() (index.js) hands the tools module's adapters: the settings from `options`,
 * checked at once (a TypeError names what is wrong), and the files read as `{name, text}`.
 * Its own module, imported on convert()'s first call: a page that only shows charts never
 * downloads it, and it imports nothing, so a bundler splits it off alone.
 * @param {File|Blob|{name: string, text: string}|Iterable<File|Blob|{name: string, text: string}>} files
 * @param {{title?: string, unit?: string, subtitle?: string, source?: string, labels?: object}} [options]
 * @returns {{settings: object, inputs: Promise<{name: string, text: string}[]>}}
 */
export function prepare(files, options = {}) {
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
  return { settings, inputs: Promise.all(list.map(readInput)) };
}
