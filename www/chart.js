//! mount() and Chart: loads the spec, sizes the canvas (CSS size × devicePixelRatio), watches
//! for resizes, ratio, colour-scheme, font and print changes, and owns the page side of
//! reading the chart: pointer and keyboard read-out, tooltip, live region and data table.
//! Drawing, layout, hit-testing, validation, the summary and the table's rows all belong to
//! the wasm core (src/web/chart.rs); here they are only formatted (Intl) and put into the DOM as text.
//! convert() hands data files to the core's adapters (the CLI's `convert`) and returns a spec.

import { STRINGS } from './strings.js';

const WASM_URL = new URL('./pkg/hashrate_outage_chart_bg.wasm', import.meta.url);
const GLUE_URL = new URL('./pkg/hashrate_outage_chart.js', import.meta.url);
// The tools module (the data adapters behind convert()): fetched the first time a page
// converts files, never by a page that only shows charts.
const TOOLS_WASM_URL = new URL('./pkg/hashrate_outage_chart_tools_bg.wasm', import.meta.url);
const TOOLS_GLUE_URL = new URL('./pkg/hashrate_outage_chart_tools.js', import.meta.url);
const THEMES = ['light', 'dark', 'auto'];

let wasmReady = null;
/** The wasm class, once loadCore() has resolved. */
let ChartCore = null;
let toolsReady = null;
/** The message of the last Rust panic, once (then undefined), once loadCore() has resolved. */
let takePanic = null;
/** The instance's linear memory (for Chart.wasmMemoryBytes), once loadCore() has resolved. */
let wasmMemory = null;

/** Loads and instantiates the wasm core once per page; every chart shares the instance. */
function loadCore() {
  if (!wasmReady) {
    // Imported dynamically so that a missing build shows up as a chart error, not as a module
    // that fails to load (which would leave the custom element undefined and the page silent).
    // Bundlers leave the import as it is (the comments) and emit the glue and the .wasm as
    // assets for the two `new URL(…, import.meta.url)` above.
    wasmReady = import(/* webpackIgnore: true */ /* @vite-ignore */ GLUE_URL.href)
      .then(async (glue) => {
        const exports = await glue.default({ module_or_path: WASM_URL });
        ChartCore = glue.ChartCore;
        takePanic = glue.takePanic;
        wasmMemory = exports.memory;
        return ChartCore;
      })
      .catch((cause) => {
        wasmReady = null; // let a later chart try again
        throw new Error(`Could not load the chart engine from ${GLUE_URL.pathname} and ${WASM_URL.pathname}: ${messageOf(cause)}`);
      });
  }
  return wasmReady;
}

/** Loads the tools module once, on the first convert(); resolves to its glue (convertFiles, takePanic). */
function loadTools() {
  if (!toolsReady) {
    toolsReady = import(/* webpackIgnore: true */ /* @vite-ignore */ TOOLS_GLUE_URL.href)
      .then(async (glue) => {
        await glue.default({ module_or_path: TOOLS_WASM_URL });
        return glue;
      })
      .catch((cause) => {
        toolsReady = null;
        throw new Error(`Could not load the data tools from ${TOOLS_GLUE_URL.pathname} and ${TOOLS_WASM_URL.pathname}: ${messageOf(cause)}`);
      });
  }
  return toolsReady;
}

function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A trap in the wasm core (a Rust panic): the chart that hit it stops; the others go on. */
class EngineError extends Error {
  name = 'EngineError';
}

/**
 * wasm-bindgen may throw an Error or a bare string; callers always get an Error. A trap
 * (WebAssembly.RuntimeError, what a Rust panic becomes in wasm) becomes an EngineError with
 * the panic's message, which the hook in src/web/mod.rs recorded before the trap (in the
 * module that trapped: `panicOf` is the tools module's for convert()).
 */
function asError(error, panicOf = takePanic) {
  if (error instanceof WebAssembly.RuntimeError) {
    let message;
    try {
      message = panicOf?.();
    } catch {
      message = undefined;
    }
    return new EngineError(message || `internal error in the chart engine (${error.message}); please report it`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * `core` with every method guarded: whatever a call throws comes out as an Error (see
 * asError), and a trap is passed to `onTrap` first, so the chart can stop using that core.
 */
function guardCore(core, onTrap) {
  return new Proxy(core, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args) => {
        try {
          return value.apply(target, args);
        } catch (error) {
          const failure = asError(error);
          if (failure instanceof EngineError) onTrap(failure);
          throw failure;
        }
      };
    },
  });
}

/**
 * JSON.stringify writes NaN and ±Infinity as null, which the core would draw as a gap, and
 * undefined in an array as null too: refuse them, naming the JSON path, before serialising.
 */
function checkJsonValues(spec) {
  const pending = [[spec, '']];
  const seen = new WeakSet(); // a shared object is checked once; a cycle is JSON.stringify's to report
  while (pending.length) {
    const [value, path] = pending.pop();
    if (seen.has(value)) continue;
    seen.add(value);
    const isArray = Array.isArray(value);
    // Object.keys skips what JSON.stringify skips (symbol keys); toJSON objects (Date) pass as they are.
    if (!isArray && typeof value.toJSON === 'function') continue;
    const keys = isArray ? value.keys() : Object.keys(value);
    for (const key of keys) {
      const item = value[key];
      const itemPath = () => (isArray ? `${path}[${key}]` : jsonKeyPath(path, key));
      if (typeof item === 'number') {
        if (Number.isNaN(item)) throw new Error(`${itemPath()}: NaN is not a number; use null for a gap`);
        if (!Number.isFinite(item)) throw new Error(`${itemPath()}: ${item} is not a finite number; use null for a gap`);
      } else if (typeof item === 'bigint') {
        throw new Error(`${itemPath()}: expected a number, got a BigInt (${item}n)`);
      } else if (isArray && (item === undefined || typeof item === 'function' || typeof item === 'symbol')) {
        throw new Error(`${itemPath()}: ${typeof item === 'undefined' ? 'undefined' : `a ${typeof item}`} is not a JSON value; use null for a gap`);
      } else if (item !== null && typeof item === 'object') {
        pending.push([item, itemPath()]);
      }
    }
  }
  return spec;
}

/** `path.key`, or `path["key"]` when the key is not a plain name (as the core's paths read). */
function jsonKeyPath(path, key) {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** A spec object as JSON text, refusing values JSON would silently change (checkJsonValues). */
function serialiseSpec(spec) {
  return JSON.stringify(checkJsonValues(spec));
}

/** Columns longer than this go to wasm as typed arrays, not JSON. */
const FAST_PATH_POINTS = 5_000;

/**
 * The typed-array fast path: a spec object whose series give `t`/`v` as typed arrays (or long
 * arrays of plain numbers) is split into a small spec (each such series keeps its first point,
 * so it validates) and the columns, which `applyColumns` copies into wasm in one block each —
 * no per-element conversion, no JSON. NaN or null in `v` is a gap.
 */
function splitColumns(spec) {
  const columns = [];
  if (!Array.isArray(spec?.series)) return { spec, columns };
  const series = spec.series.map((item, index) => {
    const { t, v } = item ?? {};
    const typed = ArrayBuffer.isView(t) && ArrayBuffer.isView(v);
    // Plain arrays take the fast path only when every entry is what the validator accepts
    // (numbers, null for a gap in v): anything else goes by JSON text, refused with its path.
    const long =
      Array.isArray(t) &&
      Array.isArray(v) &&
      t.length > FAST_PATH_POINTS &&
      t.length === v.length &&
      t.every((x) => typeof x === 'number' && Number.isFinite(x)) &&
      v.every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)));
    if (!typed && !long) return item;
    const times = t instanceof Float64Array ? t : Float64Array.from(t);
    const values = v instanceof Float64Array ? v : Float64Array.from(v, (x) => (x === null ? NaN : x));
    if (times.length === 0) return item; // the validator says what is wrong
    // Every per-point column travels with t and v: block counts too (NaN for none).
    const { blocks } = item;
    const perPoint = Array.isArray(blocks) || ArrayBuffer.isView(blocks);
    if (perPoint && blocks.length !== times.length) return item; // the validator names the mismatch
    const counts = perPoint ? Float64Array.from(blocks, (x) => (x === null ? NaN : x)) : undefined;
    columns.push([index, times, values, counts]);
    const first = values[0];
    const cut = { ...item, t: [times[0]], v: [Number.isFinite(first) ? first : null] };
    if (perPoint) cut.blocks = [Number.isFinite(counts[0]) ? counts[0] : null];
    return cut;
  });
  return { spec: { ...spec, series }, columns };
}

/** Hands the split columns to a fresh core (see splitColumns), then its zone's offsets. */
function applyColumns(core, columns) {
  for (const [index, times, values, blocks] of columns) core.setColumns(index, times, values, blocks);
  resolveZone(core);
}

/** Intl formatters that read a wall clock in a named zone, by zone (they are slow to make). */
const zoneFormats = new Map();
/** Offsets already worked out: "name start end" → [initial, changes]. */
const zoneOffsets = new Map();

/**
 * The offsets of the core's named time zone (options.timeZone "Asia/Almaty") over its span,
 * from the browser's Intl, handed to the core: the chart module carries no tz database. The
 * offset is read once a day and each change found to the second by bisection, as the native
 * build reads the same changes from the tz database (src/tz.rs): the same labels either way.
 */
function resolveZone(core, path = 'options.timeZone') {
  const request = core.zoneRequest();
  if (!request) return;
  const { name, start, end } = JSON.parse(request);
  const key = `${name} ${start} ${end}`;
  let found = zoneOffsets.get(key);
  if (!found) {
    let format = zoneFormats.get(name);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat('en-US', {
          timeZone: name, hourCycle: 'h23', era: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
        });
      } catch {
        throw new Error(`${path}: unknown time zone "${name}": expected UTC, an offset like +06:00, or an IANA name like Asia/Almaty or Europe/Berlin`);
      }
      zoneFormats.set(name, format);
    }
    const offsetAt = (ms) => {
      const second = Math.floor(ms / 1000) * 1000;
      const parts = {};
      for (const part of format.formatToParts(second)) parts[part.type] = part.value;
      const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
      const local = new Date(0);
      local.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
      local.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
      return Math.round((local.getTime() - second) / 60_000);
    };
    const day = 86_400_000;
    const initial = offsetAt(start);
    const changes = [];
    let current = initial;
    for (let t = start; t < end; t += day) {
      const next = Math.min(t + day, end);
      if (offsetAt(next) === current) continue;
      // The change is in (t, next]: bisect to the second.
      let lo = t;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offsetAt(mid) === current) lo = mid;
        else hi = mid;
      }
      current = offsetAt(hi);
      changes.push(hi, current);
    }
    found = [initial, Float64Array.from(changes)];
    if (zoneOffsets.size > 64) zoneOffsets.clear();
    zoneOffsets.set(key, found);
  }
  core.setZoneOffsets(found[0], found[1]);
}

/** Reads `specOrUrl` as JSON text: objects are serialised, `{…}` strings kept, others fetched. */
async function specText(specOrUrl) {
  if (specOrUrl !== null && typeof specOrUrl === 'object') return serialiseSpec(specOrUrl);
  if (typeof specOrUrl !== 'string') {
    throw new TypeError(`Expected a chart spec object, JSON text or a URL, got ${specOrUrl === null ? 'null' : typeof specOrUrl}`);
  }
  if (specOrUrl.trim().startsWith('{')) return specOrUrl;
  return fetchSpec(specOrUrl);
}

/** How long a spec URL may take (headers and body), in milliseconds. */
export const FETCH_TIMEOUT_MS = 15_000;

/**
 * @internal Fetches a spec URL (relative to the page) as JSON text, giving up after
 * `timeout` ms; errors name the URL and what went wrong (HTTP status, network, time, not JSON).
 * Only this URL is fetched.
 */
export async function fetchSpec(url, { timeout = FETCH_TIMEOUT_MS } = {}) {
  let absolute;
  try {
    absolute = new URL(url, document.baseURI).href;
  } catch {
    throw new Error(`Could not load the chart spec: ${JSON.stringify(url)} is not a valid URL`);
  }
  const failed = (reason) => new Error(`Could not load the chart spec from ${absolute}: ${reason}`);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const timedOut = () => failed(`no answer within ${timeout / 1000} s`);
  let response;
  let text;
  try {
    try {
      response = await fetch(absolute, { headers: { Accept: 'application/json' }, signal: controller.signal });
    } catch {
      // The browser does not say which (on purpose, for CORS): name the likely causes.
      throw controller.signal.aborted
        ? timedOut()
        : failed("network error, or blocked by CORS or the page's Content-Security-Policy");
    }
    if (!response.ok) {
      throw failed(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    try {
      text = await response.text();
    } catch (cause) {
      throw controller.signal.aborted ? timedOut() : failed(`the answer broke off (${messageOf(cause)})`);
    }
  } finally {
    clearTimeout(timer);
  }
  try {
    JSON.parse(text); // only to name the URL in the error; Rust parses the text itself
  } catch (cause) {
    throw new Error(`The chart spec at ${absolute} is not JSON (HTTP ${response.status}, ${response.headers.get('content-type') || 'no content type'}): ${messageOf(cause)}`);
  }
  return text;
}

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
  return JSON.parse(result);
}

const PRINT_RATIO = 3;
/** --hoc-* custom properties read from the host page, by setStyle() key. */
const STYLE_PROPERTIES = {
  font: '--hoc-font',
  background: '--hoc-background',
  text: '--hoc-text',
  mutedText: '--hoc-muted',
  grid: '--hoc-grid',
  band: '--hoc-band',
};
const SERIES_PROPERTIES = ['--hoc-series-1', '--hoc-series-2', '--hoc-series-3', '--hoc-series-4'];
/**
 * The language of a BCP 47 tag that has a translation table ('de' for 'de-AT'), else 'en'; as
 * the core's Lang::from_tag (src/i18n.rs): Traditional Chinese has no table and reads English.
 */
export function languageOf(tag) {
  const parts = String(tag ?? '').toLowerCase().replace(/_/g, '-').split('-');
  const primary = parts[0];
  if (!Object.hasOwn(STRINGS, primary)) return 'en';
  if (primary === 'zh' && parts.slice(1).some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p))) return 'en';
  return primary;
}

/** The page's texts for `tag` (www/strings.js, made from src/i18n.rs), with `overrides` over them. */
export function pageStrings(tag, overrides) {
  const texts = { ...STRINGS.en, ...STRINGS[languageOf(tag)] };
  for (const [key, text] of Object.entries(overrides ?? {})) if (Object.hasOwn(texts, key)) texts[key] = text;
  return texts;
}

/**
 * The shell's own styles (tooltip, focus ring, data table, control), adopted once by each
 * document or shadow root that holds a chart. :where() keeps them easy to override.
 */
export const CHART_CSS = `
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
  font: 13px/1.35 var(--hoc-font, var(--hoc-ui-font, Helvetica, Arial, sans-serif));
  overflow-wrap: anywhere; user-select: text; -webkit-user-select: text;
}
:where(.hoc-tooltip[hidden]) { display: none; }
:where(.hoc-narrow .hoc-tooltip) { font-size: 12px; max-width: min(15em, calc(100% - 8px)); padding: 0.3em 0.5em; }
:where(.hoc-tooltip-time) { font-weight: 600; margin-bottom: 0.2em; }
:where(.hoc-tooltip-row) { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 0.4em; }
:where(.hoc-tooltip-label) { flex: 1 1 auto; min-width: 0; }
:where(.hoc-tooltip-value) { margin-left: auto; padding-left: 0.6em; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
:where(.hoc-swatch) { flex: none; width: 0.7em; height: 0.7em; border-radius: 50%; align-self: center; }
:where(.hoc-tooltip-outage) { margin-top: 0.25em; color: var(--hoc-ui-muted); }
:where(.hoc-sr-only) {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
:where(.hoc-controls) { display: flex; justify-content: flex-end; padding-top: 4px; padding-inline-end: 4px; }
:where(.hoc-button) {
  font: 0.8em/1.3 var(--hoc-font, var(--hoc-ui-font, Helvetica, Arial, sans-serif)); padding: 0.3em 0.7em; cursor: pointer;
  color: var(--hoc-ui-text); background: var(--hoc-ui-background);
  border: 1px solid var(--hoc-ui-rule); border-radius: 4px;
}
:where(.hoc-button:hover) { border-color: var(--hoc-ui-muted); }
:where(.hoc-button:focus-visible) { outline: 2px solid var(--hoc-ui-focus); outline-offset: 2px; }
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
@media print {
  :where(.hoc-canvas) { height: auto !important; }
  :where(.hoc-overlay, .hoc-tooltip, .hoc-controls) { display: none !important; }
}
`;

/** Stylesheets already adopted, per document or shadow root. */
const adopted = new WeakSet();
let sharedSheet = null;

/** @internal Adds CHART_CSS to the document or shadow root that holds `element`, once (the
 *  custom element also calls it before mounting, for its fallback's placeholder row). */
export function adoptStyles(element) {
  const root = element.getRootNode();
  const target = root instanceof ShadowRoot || root instanceof Document ? root : document;
  if (adopted.has(target)) return;
  adopted.add(target);
  sharedSheet ??= new CSSStyleSheet();
  if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(CHART_CSS);
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sharedSheet];
}

function checkOptions(options) {
  const { theme, height, locale, timeZone, strings } = options;
  if (strings !== undefined && strings !== null) {
    if (typeof strings !== 'object' || Array.isArray(strings)) throw new Error('strings: expected an object of texts by key, e.g. { "table.show": "Tabelle zeigen" }');
    for (const [key, text] of Object.entries(strings)) {
      if (typeof text !== 'string') throw new Error(`strings.${key}: expected a string, got ${JSON.stringify(text)}`);
    }
  }
  if (timeZone !== undefined && timeZone !== null && (typeof timeZone !== 'string' || timeZone.trim() === '')) {
    throw new Error(`timeZone: expected a time zone such as "UTC", "+06:00" or "Asia/Almaty", got ${JSON.stringify(timeZone)}`);
  }
  if (theme !== undefined && theme !== null && theme !== '' && !THEMES.includes(theme)) {
    throw new Error(`theme: expected "light", "dark" or "auto", got ${JSON.stringify(theme)}`);
  }
  if (height !== undefined && height !== null && !(Number.isFinite(height) && height > 0)) {
    throw new Error(`height: expected a positive number of CSS pixels, got ${JSON.stringify(height)}`);
  }
  let checkedLocale = null;
  if (locale !== undefined && locale !== null && locale !== '') {
    checkedLocale = canonicalLocale(locale);
    if (!checkedLocale) throw new Error(`locale: expected a BCP 47 language tag such as "de-DE", got ${JSON.stringify(locale)}`);
  }
  return {
    theme: theme || '',
    height: height || null,
    locale: checkedLocale,
    timeZone: timeZone?.trim() || null,
    strings: strings && Object.keys(strings).length ? { ...strings } : null,
  };
}

/**
 * The `timeZone` option over the spec's own (UTC, an offset or an IANA name), with a named
 * zone's offsets from Intl; nothing when the option is not given.
 */
function applyZoneOption(core, timeZone) {
  core.setTimeZone(timeZone ?? '');
  resolveZone(core, timeZone ? 'timeZone' : 'options.timeZone');
}

function canonicalLocale(tag) {
  if (typeof tag !== 'string') return null;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/** The `lang` nearest to `element`, looking through shadow roots to their hosts; else 'en'. */
export function pageLocale(element) {
  let node = element;
  while (node) {
    const found = node.closest('[lang]');
    const tag = found && canonicalLocale(found.getAttribute('lang'));
    if (tag) return tag;
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return canonicalLocale(document.documentElement.lang) || 'en';
}

let colorContext = null;

/** Any CSS colour as the 2D context spells it (#rrggbb or rgba(r, g, b, a)); null if invalid. */
function normaliseColor(value) {
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

/** "UTC", "UTC+05:30", "UTC-03:00" for a time-zone offset in minutes. */
function zoneName(offsetMinutes) {
  if (!offsetMinutes) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Intl formatters for one locale: dates in the chart's time zone, values to 3 significant digits. */
class Formats {
  constructor(locale) {
    this.locale = locale;
    const utc = { timeZone: 'UTC' };
    this.number = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
    this.date = new Intl.DateTimeFormat(locale, { ...utc, day: 'numeric', month: 'short', year: 'numeric' });
    this.dateTime = new Intl.DateTimeFormat(locale, {
      ...utc, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    });
    this.month = new Intl.DateTimeFormat(locale, { ...utc, month: 'long', year: 'numeric' });
  }

  /**
   * `ms` (Unix) in a zone `offsetMinutes` east of UTC at that instant: a date, a date and time
   * (with `zone`, the zone's name, or the offset), or a month.
   */
  time(ms, offsetMinutes, kind, zone) {
    // Shift by hand and format as UTC: the core gives the zone's offset at the instant (a
    // named zone's from Intl, see resolveZone), so this is that wall clock.
    const shifted = new Date(ms + offsetMinutes * 60_000);
    if (kind === 'month') return this.month.format(shifted);
    if (kind === 'dateTime') return `${this.dateTime.format(shifted)} ${zone || zoneName(offsetMinutes)}`;
    return this.date.format(shifted);
  }

  /**
   * A value in its display unit; an en dash for a gap. A hash rate far below the axis' unit
   * (2009 on an EH/s axis) reads in its own: 5.28 MH/s, never 0.00000000000528 EH/s.
   */
  value(value, unit) {
    if (value === null || value === undefined || !Number.isFinite(value)) return '–';
    let index = HASH_RATE_UNITS.indexOf(unit);
    if (index > 0 && value !== 0 && Math.abs(value) < 1) {
      while (index > 0 && Math.abs(value) < 1) {
        value *= 1000;
        index -= 1;
      }
      unit = HASH_RATE_UNITS[index];
    }
    const number = this.number.format(value);
    return unit ? `${number} ${unit}` : number;
  }

  /** What ChartCore.setLocale takes: month names and the number separators. */
  coreLocale() {
    const monthNames = (month) => {
      const format = new Intl.DateTimeFormat(this.locale, { month, timeZone: 'UTC' });
      // The core replaces words, so a name must be one word: keep it together with a no-break space.
      return Array.from({ length: 12 }, (_, m) => format.format(Date.UTC(2022, m, 15)).trim().replace(/\s+/g, '\u00a0'));
    };
    const parts = new Intl.NumberFormat(this.locale).formatToParts(12345.6);
    const part = (type, fallback) => parts.find((p) => p.type === type)?.value ?? fallback;
    // "50 %" (German, French) or "50%" (English): whether the percent sign stands apart.
    const percentSpace = /\s%/.test(new Intl.NumberFormat(this.locale, { style: 'percent' }).format(0.5));
    return { monthsShort: monthNames('short'), monthsLong: monthNames('long'), decimal: part('decimal', '.'), group: part('group', ','), percentSpace };
  }
}

/** The hash-rate units, smallest first (as the core's units.rs). */
const HASH_RATE_UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s', 'EH/s', 'ZH/s'];

/** Measured fonts: family and characters → em widths, shared by every chart on the page. */
const fontCache = new Map();
let measuringContext = null;

/**
 * The advance widths, in ems, of ASCII and `extra` characters in `family`, regular and bold,
 * measured with a canvas at 1000 px (no kerning). Cached until a web font loads.
 */
function measureFont(family, extra) {
  const key = `${family}\n${extra}\n${document.fonts?.size ?? 0}:${document.fonts?.status ?? ''}`;
  const cached = fontCache.get(key);
  if (cached) return cached;
  if (!measuringContext) {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(8, 8) : document.createElement('canvas');
    measuringContext = canvas.getContext('2d');
  }
  const context = measuringContext;
  let text = '';
  for (let code = 32; code < 127; code++) text += String.fromCharCode(code);
  text += extra;
  const chars = Array.from(text);
  const regular = new Float64Array(chars.length);
  const bold = new Float64Array(chars.length);
  if ('fontKerning' in context) context.fontKerning = 'none';
  for (const [weight, out] of [['', regular], ['bold ', bold]]) {
    context.font = `${weight}1000px ${family}`;
    chars.forEach((c, i) => {
      out[i] = context.measureText(c).width / 1000;
    });
  }
  const result = { text: chars.join(''), regular, bold };
  if (fontCache.size > 32) fontCache.clear();
  fontCache.set(key, result);
  return result;
}

function contentBox(element) {
  const style = getComputedStyle(element);
  const px = (name) => parseFloat(style[name]) || 0;
  return {
    width: Math.max(0, element.clientWidth - px('paddingLeft') - px('paddingRight')),
    height: Math.max(0, element.clientHeight - px('paddingTop') - px('paddingBottom')),
  };
}

function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

let nextId = 0;

/**
 * A chart drawn into a canvas inside a host element. Made by `mount`; not constructed directly.
 *
 * What it adds to the element (one wrapper, class "hoc"):
 *   stage: the chart canvas (role img, focusable), an overlay canvas for the read-out's
 *          crosshair, and the tooltip;
 *   a visually hidden keyboard hint and an aria-live="polite" region for the read-out;
 *   a "Show data table" button and the data table, visually hidden until the button shows it
 *   (one table, so a screen reader never meets it twice).
 */
export class Chart {
  #core;
  #options;
  #onError;
  #title;
  #size = { cssWidth: 0, cssHeight: 0, dpr: 0 };
  #frame = 0;
  #resizeObserver = null;
  #ratioQuery = null;
  #onRatioChange = () => this.#watchRatio();
  #schemeQuery = matchMedia('(prefers-color-scheme: dark)');
  #onSchemeChange = () => this.#redrawReporting();
  #onFontsLoaded = () => {
    // A web font arrived: measure the chart's font again before redrawing.
    this.#metricsSent = false;
    this.#redrawReporting();
  };
  /** Whether the engine has the widths of the font and characters it draws now. */
  #metricsSent = false;
  #onBeforePrint = () => {
    this.#printing = true;
    this.#redrawReporting();
  };
  #onAfterPrint = () => {
    this.#printing = false;
    this.#redrawReporting();
  };
  #printing = false;
  /** The EngineError of a trap in this chart's core, after which the core is not used again. */
  #trapped = null;
  /** The last error handed to onError, so that one failure is reported once. */
  #reported = null;
  #onTrap = (error) => {
    if (this.#trapped) return;
    this.#trapped = error;
    cancelAnimationFrame(this.#frame);
    // After the throw has reached the caller (a script, or #drawReporting, which reports first).
    queueMicrotask(() => this.#report(error));
  };
  #formats;
  /** The page's texts in the reader's language (pageStrings). */
  #strings = STRINGS.en;
  #styleJson = '';
  #layout = null;
  #readoutIndex = -1;
  #root;
  #stage;
  #overlay;
  #tooltip;
  #liveRegion;
  #controls;
  #button;
  #tableWrap;

  /** @internal */
  constructor(element, core, options, onError, title = '') {
    /** The host element the chart was mounted into. */
    this.element = element;
    this.#core = guardCore(core, this.#onTrap);
    this.#options = options;
    this.#onError = onError;
    this.#title = title;
    adoptStyles(element);
    const id = `hoc-${(nextId += 1)}`;

    this.#root = make('div', 'hoc');
    this.#stage = make('div', 'hoc-stage');
    /** The <canvas> the chart is drawn into (null after destroy()). */
    this.canvas = make('canvas', 'hoc-canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', core.summary());
    this.canvas.setAttribute('aria-describedby', `${id}-keys`);
    this.canvas.tabIndex = 0;
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    this.#overlay = make('canvas', 'hoc-overlay');
    this.#overlay.setAttribute('aria-hidden', 'true');
    this.#tooltip = make('div', 'hoc-tooltip');
    this.#tooltip.setAttribute('aria-hidden', 'true'); // the live region says it
    this.#tooltip.setAttribute('part', 'tooltip');
    this.#tooltip.hidden = true;
    this.#stage.append(this.canvas, this.#overlay, this.#tooltip);

    const keys = make('p', 'hoc-sr-only hoc-keys');
    keys.id = `${id}-keys`;
    this.#liveRegion = make('div', 'hoc-sr-only hoc-live');
    this.#liveRegion.setAttribute('aria-live', 'polite');
    this.#liveRegion.setAttribute('aria-atomic', 'true');

    this.#tableWrap = make('div', 'hoc-table-wrap hoc-sr-only');
    this.#tableWrap.id = `${id}-table`;
    this.#tableWrap.setAttribute('part', 'table');
    this.#controls = make('div', 'hoc-controls');
    this.#button = make('button', 'hoc-button');
    this.#button.type = 'button';
    this.#button.setAttribute('part', 'table-button');
    this.#button.setAttribute('aria-expanded', 'false');
    this.#button.setAttribute('aria-controls', this.#tableWrap.id);
    this.#button.addEventListener('click', () => this.toggleTable());
    this.#controls.append(this.#button);

    this.#root.append(this.#stage, keys, this.#liveRegion, this.#controls, this.#tableWrap);
    element.append(this.#root);

    this.#stage.addEventListener('pointermove', this.#reporting((event) => this.#onPointer(event)));
    this.#stage.addEventListener('pointerdown', this.#reporting((event) => this.#onPointer(event)));
    this.#stage.addEventListener('pointerleave', this.#reporting((event) => {
      // A finger lifts with a leave: a tap keeps its read-out until the next tap or Escape.
      if (event.pointerType !== 'touch') this.showReadout(-1);
    }));
    this.canvas.addEventListener('keydown', this.#reporting((event) => this.#onKey(event)));

    try {
      this.#applyLocale();
      this.#applyStyle();
      this.#renderTable();
      this.#draw(true);
    } catch (error) {
      this.#root.remove(); // the caller frees the core and reports the error
      this.#core = null;
      throw error;
    }
    this.#resizeObserver = new ResizeObserver(() => this.#schedule());
    this.#resizeObserver.observe(element);
    this.#schemeQuery.addEventListener('change', this.#onSchemeChange);
    document.fonts?.addEventListener('loadingdone', this.#onFontsLoaded);
    document.fonts?.ready.then(() => this.#redrawReporting());
    window.addEventListener('beforeprint', this.#onBeforePrint);
    window.addEventListener('afterprint', this.#onAfterPrint);
    this.#watchRatio();
  }

  /** Replaces the data with a new spec (object or JSON text). Throws on an invalid spec and
   *  keeps the old chart drawn. */
  update(spec) {
    const core = this.#live();
    let text;
    let columns = [];
    if (spec !== null && typeof spec === 'object') {
      const split = splitColumns(spec);
      text = serialiseSpec(split.spec);
      columns = split.columns;
    } else if (typeof spec === 'string') text = spec;
    else throw new TypeError('update() takes a chart spec object or its JSON text; use mount() to load a URL');
    let next;
    try {
      next = new ChartCore(text);
      applyColumns(next, columns);
      if (this.#options.timeZone) applyZoneOption(next, this.#options.timeZone);
    } catch (error) {
      next?.free();
      throw asError(error);
    }
    core.free();
    this.#core = guardCore(next, this.#onTrap);
    this.#title = titleOf(text);
    this.#readoutIndex = -1;
    this.canvas.setAttribute('aria-label', this.#core.summary());
    this.#applyLocale();
    this.#styleJson = '';
    this.#metricsSent = false; // a new engine instance: it has the built-in widths only
    this.#applyStyle();
    this.#renderTable();
    this.#draw(true);
  }

  /**
   * Changes `theme`, `height`, `locale` and/or `timeZone` (same meaning as in mount's options)
   * and redraws. A `timeZone` of null goes back to the spec's own options.timeZone.
   */
  setOptions(options) {
    const core = this.#live();
    const next = checkOptions({ ...this.#options, ...options });
    const { theme, height, locale, timeZone, strings } = this.#options;
    const wordsChanged = next.locale !== locale || JSON.stringify(next.strings) !== JSON.stringify(strings);
    if (next.theme === theme && next.height === height && !wordsChanged && next.timeZone === timeZone) return;
    if (wordsChanged) {
      // Checked by the core before anything changes: an unknown key leaves the chart as it was.
      const probe = new Formats(next.locale || pageLocale(this.element));
      try {
        core.setLocale(JSON.stringify({ ...probe.coreLocale(), tag: probe.locale, strings: next.strings }));
      } catch (error) {
        throw asError(error); // the core kept its locale
      }
    }
    if (next.timeZone !== timeZone) {
      try {
        applyZoneOption(core, next.timeZone);
      } catch (error) {
        throw asError(error);
      }
    }
    this.#options = next;
    if (next.timeZone !== timeZone) {
      this.#readoutIndex = -1;
      this.canvas.setAttribute('aria-label', core.summary());
      this.#renderTable();
    }
    if (wordsChanged) {
      this.#applyLocale();
      this.#renderTable();
    }
    this.#draw(true);
  }

  /** Measures the element again and redraws now. */
  resize() {
    this.#live();
    this.#draw(true);
  }

  /** Reads the --hoc-* custom properties again (after the page changed them) and redraws. */
  restyle() {
    this.#live();
    this.#draw(true);
  }

  /** The same chart as an SVG document at the canvas's current CSS size. */
  toSVG() {
    const { cssWidth, cssHeight } = this.#cssSize();
    return this.#live().toSvg(cssWidth, cssHeight, this.#theme());
  }

  /** Where things are, in CSS px relative to the canvas: plot rectangle, outage bands, colours. */
  layout() {
    const { cssWidth, cssHeight } = this.#cssSize();
    return JSON.parse(this.#live().layout(cssWidth, cssHeight, this.#theme()));
  }

  /**
   * Replaces one series' data with columns — times in Unix ms and values (NaN or null for a
   * gap), as Float64Arrays or plain arrays, and optionally the blocks mined in each point's
   * period (null or NaN for none) — copied into wasm in one block each, then redraws.
   * The fast path for large or streaming data. `series` is the series' index or id. Throws
   * (naming `series[i].t[k]`) and keeps the old data on bad input. The summary, live label and
   * data table follow after the pixels.
   */
  setColumns(series, times, values, blocks) {
    const core = this.#live();
    const ids = JSON.parse(core.seriesIds());
    const index = typeof series === 'number' ? series : ids.indexOf(series);
    if (index < 0 || index >= ids.length) throw new RangeError(`setColumns: no series ${JSON.stringify(series)}; the chart has ${JSON.stringify(ids)}`);
    const t = times instanceof Float64Array ? times : Float64Array.from(times);
    const v = values instanceof Float64Array ? values : Float64Array.from(values, (x) => (x === null ? NaN : x));
    const b = blocks === undefined || blocks === null ? undefined : Float64Array.from(blocks, (x) => (x === null ? NaN : x));
    try {
      core.setColumns(index, t, v, b);
      resolveZone(core);
    } catch (error) {
      throw asError(error);
    }
    this.#readoutIndex = -1;
    this.#draw(true);
    // Words and the table after the pixels: they matter, but not before the drawing.
    setTimeout(() => {
      if (this.#core !== core) return;
      this.canvas.setAttribute('aria-label', core.summary());
      this.#renderTable();
    }, 0);
  }

  /**
   * The measured impact of each outage on each hash-rate series: an array of
   * { outage, series, baseline: {from, to, mean, points}, during: {mean, weight}, unit,
   *   change, ci95: [lo, hi], significant, method, text } (values in the display unit),
   * or { outage, series, error } where it could not be measured.
   */
  impact() {
    return JSON.parse(this.#live().impact());
  }

  /** The locale used for dates and numbers (BCP 47). */
  get locale() {
    return this.#formats.locale;
  }

  /** The theme drawn now: "light" or "dark" (auto and the spec's own resolved). */
  get theme() {
    return this.#theme() || this.#live().themeSetting();
  }

  /** Number of read-out positions (the distinct data times of all series). */
  get readoutCount() {
    return this.#live().readoutCount();
  }

  /** The index of the read-out shown now, or -1. */
  get readoutIndex() {
    return this.#readoutIndex;
  }

  /**
   * The read-out at `index` at the current size: { index, time, x, hasTime,
   * timeZoneOffsetMinutes, entries: [{ series, label, value, unit, color, y }], outages }.
   */
  readout(index) {
    const { cssWidth, cssHeight } = this.#cssSize();
    return JSON.parse(this.#live().readout(index, cssWidth, cssHeight, this.#theme()));
  }

  /**
   * Shows the crosshair and tooltip at read-out `index` (clamped to the data), or hides them
   * for a negative index. `announce` also puts it in the aria-live region. Returns the index.
   */
  showReadout(index, { announce = false } = {}) {
    const core = this.#live();
    const count = core.readoutCount();
    const next = index < 0 || count === 0 ? -1 : Math.min(count - 1, Math.max(0, Math.round(index)));
    this.#readoutIndex = next;
    this.#paintReadout(announce);
    return next;
  }

  /** Shows or hides the data table below the chart (it is always there for screen readers). */
  toggleTable(show = !this.#tableShown()) {
    this.#live();
    this.#tableWrap.classList.toggle('hoc-shown', show);
    this.#tableWrap.classList.toggle('hoc-sr-only', !show);
    this.#button.setAttribute('aria-expanded', String(show));
    this.#button.textContent = this.#strings[show ? 'table.hide' : 'table.show'];
  }

  /** Stops watching, removes what it added and frees the wasm memory. Safe to call twice. */
  destroy() {
    if (!this.#core) return;
    cancelAnimationFrame(this.#frame);
    this.#resizeObserver.disconnect();
    this.#ratioQuery?.removeEventListener('change', this.#onRatioChange);
    this.#schemeQuery.removeEventListener('change', this.#onSchemeChange);
    document.fonts?.removeEventListener('loadingdone', this.#onFontsLoaded);
    window.removeEventListener('beforeprint', this.#onBeforePrint);
    window.removeEventListener('afterprint', this.#onAfterPrint);
    this.#root.remove();
    try {
      this.#core.free();
    } catch {
      // A core that trapped mid-call may still count as borrowed; the instance goes on anyway.
    }
    this.#core = null;
    this.canvas = null;
  }

  /** @internal For tests: the shared wasm instance's linear memory in bytes (it grows, never shrinks). */
  static wasmMemoryBytes() {
    return wasmMemory?.buffer.byteLength ?? 0;
  }

  #live() {
    if (!this.#core) throw new Error('This chart was destroyed');
    if (this.#trapped) throw this.#trapped;
    return this.#core;
  }

  /** Hands an error that has no caller to throw to (a redraw, an event) to onError, once. */
  #report(error) {
    if (!this.#core || this.#reported === error) return;
    this.#reported = error;
    this.#onError(error);
  }

  /** An event listener that reports what `handler` throws instead of throwing into the page. */
  #reporting(handler) {
    return (event) => {
      if (!this.#core || this.#trapped) return;
      try {
        handler(event);
      } catch (error) {
        this.#report(asError(error));
      }
    };
  }

  #tableShown() {
    return this.#tableWrap.classList.contains('hoc-shown');
  }

  /** The theme string for the core: "light"/"dark", or "" for the spec's own light/dark. */
  #theme() {
    const setting = this.#options.theme || (this.#core?.themeSetting() === 'auto' ? 'auto' : '');
    if (setting !== 'auto') return setting;
    return this.#schemeQuery.matches ? 'dark' : 'light';
  }

  #ratio() {
    const dpr = window.devicePixelRatio || 1;
    return this.#printing ? Math.max(PRINT_RATIO, dpr) : dpr;
  }

  #applyLocale() {
    const locale = this.#options.locale || pageLocale(this.element);
    this.#formats = new Formats(locale);
    // The core checks the override keys (naming an unknown one) and makes the chart's words.
    this.#core.setLocale(JSON.stringify({ ...this.#formats.coreLocale(), tag: locale, strings: this.#options.strings }));
    this.#strings = pageStrings(locale, this.#options.strings);
    this.#root.querySelector('.hoc-keys').textContent = this.#strings['keys.help'];
    this.#button.textContent = this.#strings[this.#tableShown() ? 'table.hide' : 'table.show'];
    this.#metricsSent = false; // the words may bring characters to measure
    this.canvas.setAttribute('aria-label', this.#core.summary());
  }

  /** Hands the host's --hoc-* custom properties to the core; true if they changed. */
  #applyStyle() {
    const computed = getComputedStyle(this.#root);
    const read = (name) => computed.getPropertyValue(name).trim();
    const style = {};
    for (const [key, property] of Object.entries(STYLE_PROPERTIES)) {
      const value = read(property);
      if (!value) continue;
      style[key] = key === 'font' ? value : normaliseColor(value);
    }
    const series = SERIES_PROPERTIES.map((property) => {
      const value = read(property);
      return value ? normaliseColor(value) : null;
    });
    while (series.length && series[series.length - 1] === null) series.pop();
    if (series.length) style.series = series;
    const json = JSON.stringify(style);
    if (json === this.#styleJson) return this.#applyMetrics();
    this.#core.setStyle(json);
    this.#styleJson = json;
    this.#metricsSent = false; // the font may have changed
    if (style.font && document.fonts?.load) {
      // Ask for the web font now; `loadingdone` redraws once it arrives.
      document.fonts.load(`16px ${style.font}`).catch(() => {});
      document.fonts.load(`bold 16px ${style.font}`).catch(() => {});
    }
    this.#applyMetrics();
    return true;
  }

  /**
   * Hands the core the advance widths of the font the chart is drawn in, as this browser
   * resolves it, so wrapping and collision tests use real widths; true if they changed.
   */
  #applyMetrics() {
    // Only when the engine, the font, the locale or the loaded fonts changed: not per draw.
    if (this.#metricsSent) return false;
    this.#metricsSent = true;
    const { text, regular, bold } = measureFont(this.#core.fontFamily(), this.#core.textChars());
    this.#core.setFontMetrics(text, regular, bold);
    return true;
  }

  /** The CSS size used for drawing; measured now if nothing has been drawn yet. */
  #cssSize() {
    if (this.#size.cssWidth > 0) return this.#size;
    const { cssWidth, cssHeight } = this.#measure();
    return { cssWidth: Math.max(1, cssWidth), cssHeight };
  }

  /**
   * Height rule, first that applies:
   *   1. options.height (CSS px);
   *   2. the element's own content height, when the host gave it one (CSS height, flex or
   *      grid sizing): detected as a height that does not change with the canvas's height,
   *      and then the chart and its "Show data table" row fill it;
   *   3. otherwise clamp(round(width × 0.6), 260, 560), made taller if the plot itself would be
   *      shorter than min(240, round(width × 0.5)): on a phone the title, subtitle and source
   *      wrap onto several lines and would otherwise squeeze the plot to a strip.
   */
  #measure() {
    const style = this.canvas.style;
    const height = style.height;
    style.height = '0px';
    const box = contentBox(this.element);
    style.height = '64px';
    const explicit = box.height >= 1 && contentBox(this.element).height === box.height;
    style.height = height;
    const cssWidth = Math.round(box.width);
    let cssHeight;
    if (this.#options.height) cssHeight = Math.round(this.#options.height);
    else if (explicit) cssHeight = Math.max(1, Math.floor(box.height - this.#controls.getBoundingClientRect().height));
    else cssHeight = this.#autoHeight(cssWidth);
    return { cssWidth, cssHeight };
  }

  /** Rule 3 above, computed by the core (which keeps the layout it found for the draw). */
  #autoHeight(cssWidth) {
    if (cssWidth <= 0) return Math.min(560, Math.max(260, Math.round(cssWidth * 0.6)));
    // The core grows the height until the plot has min(240, max(200, width / 2)) px with every
    // title, note and key line in full (layout is cheap: no drawing).
    return Math.round(this.#core.autoHeight(cssWidth, this.#theme()));
  }

  #schedule() {
    if (this.#frame || !this.#core) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#drawReporting(false);
    });
  }

  /** Redraws triggered by the page (resize, zoom) have no caller to throw to. */
  #drawReporting(force) {
    if (!this.#core || this.#trapped) return;
    try {
      this.#draw(force);
    } catch (error) {
      this.#report(asError(error));
    }
  }

  #redrawReporting() {
    this.#drawReporting(true);
  }

  #draw(force) {
    const { cssWidth, cssHeight } = this.#measure();
    const dpr = this.#ratio();
    const size = this.#size;
    const restyled = this.#applyStyle();
    if (!force && !restyled && cssWidth === size.cssWidth && cssHeight === size.cssHeight && dpr === size.dpr) return;
    this.canvas.style.height = `${cssHeight}px`;
    this.#overlay.style.height = `${cssHeight}px`;
    if (cssWidth === 0) return; // hidden (display: none or zero width): draw when it shows
    const width = Math.round(cssWidth * dpr);
    const height = Math.round(cssHeight * dpr);
    // Assigning width or height clears the canvas even when unchanged; the draw repaints it all.
    for (const canvas of [this.canvas, this.#overlay]) {
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
    }
    const theme = this.#theme();
    try {
      // Widths are sums of advances: draw without kerning so the ink never outruns them.
      const context = this.canvas.getContext('2d');
      if (context && 'fontKerning' in context) context.fontKerning = 'none';
      this.#core.draw(this.canvas, dpr, theme);
      this.#layout = JSON.parse(this.#core.layout(cssWidth, cssHeight, theme));
    } catch (error) {
      throw asError(error);
    }
    this.#size = { cssWidth, cssHeight, dpr };
    this.#root.dataset.theme = this.#layout.theme;
    this.#root.classList.toggle('hoc-narrow', cssWidth < 480);
    const [r, g, b] = this.#layout.colors.background;
    this.#root.style.setProperty('--hoc-ui-background', `rgb(${r} ${g} ${b})`);
    if (this.#layout.font) this.#root.style.setProperty('--hoc-ui-font', this.#layout.font);
    this.#paintReadout(false);
  }

  /** Pointer (mouse, pen, touch) over the stage: the nearest data time inside the plot. */
  #onPointer(event) {
    if (!this.#core || !this.#layout) return;
    // Over the tooltip itself: hold still so its text can be selected.
    if (this.#tooltip.contains(event.target)) return;
    const box = this.canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const { plot } = this.#layout;
    const slack = 8;
    const inside = x >= plot.x - slack && x <= plot.x + plot.width + slack && y >= plot.y - slack && y <= plot.y + plot.height + slack;
    if (!inside) {
      if (event.type === 'pointerdown' || event.pointerType !== 'touch') this.showReadout(-1);
      return;
    }
    const { cssWidth, cssHeight } = this.#size;
    const index = this.#core.readoutAt(x, cssWidth, cssHeight);
    const tap = event.type === 'pointerdown' && event.pointerType === 'touch';
    if (index !== this.#readoutIndex || tap) this.showReadout(index, { announce: tap });
  }

  #onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = this.#core?.readoutCount() ?? 0;
    if (count === 0) return;
    const current = this.#readoutIndex;
    const page = Math.max(1, Math.round(count * 0.1));
    let next;
    switch (event.key) {
      case 'ArrowRight':
        next = current < 0 ? 0 : current + 1;
        break;
      case 'ArrowLeft':
        next = current < 0 ? count - 1 : current - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'PageUp': // as in a slider: Page Up moves forward, Page Down back
        next = current < 0 ? 0 : current + page;
        break;
      case 'PageDown':
        next = current < 0 ? count - 1 : current - page;
        break;
      case 'Escape':
        if (current < 0) return;
        event.preventDefault();
        this.showReadout(-1);
        this.#liveRegion.textContent = '';
        return;
      default:
        return;
    }
    event.preventDefault();
    this.showReadout(Math.min(count - 1, Math.max(0, next)), { announce: true });
  }

  /** Draws the overlay and fills the tooltip for the current read-out (or clears both). */
  #paintReadout(announce) {
    const core = this.#core;
    const { cssWidth, cssHeight, dpr } = this.#size;
    const index = this.#readoutIndex;
    if (cssWidth === 0) return;
    core.drawReadout(this.#overlay, dpr, index, this.#theme());
    if (index < 0) {
      this.#tooltip.hidden = true;
      return;
    }
    const readout = JSON.parse(core.readout(index, cssWidth, cssHeight, this.#theme()));
    const { time, entries, outages } = this.#describe(readout);
    const rows = entries.map(({ label, value, color }) => {
      const row = make('div', 'hoc-tooltip-row');
      const swatch = make('span', 'hoc-swatch');
      swatch.style.background = `rgb(${color.map(Number).join(' ')})`;
      row.append(swatch, make('span', 'hoc-tooltip-label', label), make('span', 'hoc-tooltip-value', value));
      return row;
    });
    const parts = [make('div', 'hoc-tooltip-time', time), ...rows];
    if (outages.length) parts.push(make('div', 'hoc-tooltip-outage', outages.join('; ')));
    this.#tooltip.replaceChildren(...parts);
    this.#tooltip.hidden = false;
    this.#placeTooltip(readout);
    if (announce) {
      const values = entries.map(({ label, value }) => `${label} ${value}`).join(', ');
      const inside = outages.length ? this.#strings['live.inside'].replace('{outages}', outages.join(this.#strings['list.and'])) : '';
      this.#liveRegion.textContent = `${time}: ${values}${inside}`;
    }
  }

  /** A read-out's texts, formatted in the chart's locale and time zone. */
  #describe(readout) {
    const formats = this.#formats;
    const kind = readout.hasTime ? 'dateTime' : 'date';
    return {
      // A daily value names its date only: the date of its day's middle, in the chart's zone.
      time: formats.time(readout.labelTime ?? readout.time, readout.timeZoneOffsetMinutes, kind, readout.timeZone),
      entries: readout.entries.map((entry) => ({
        label: entry.label,
        value: entry.value === null ? this.#strings['readout.noData'] : formats.value(entry.value, entry.unit),
        color: entry.color,
      })),
      outages: readout.outages,
    };
  }

  /**
   * Beside the crosshair on the side with room, at the top or bottom of the plot, whichever is
   * away from the points (and so from the lines near them). When it fits on neither side (a
   * phone), above or below the points instead. Never outside the stage.
   */
  #placeTooltip(readout) {
    const tip = this.#tooltip;
    const { cssWidth, cssHeight } = this.#size;
    const plot = this.#layout?.plot ?? { x: 0, y: 0, width: cssWidth, height: cssHeight };
    const gap = 12;
    const width = tip.offsetWidth;
    const height = tip.offsetHeight;
    const ys = readout.entries.map((entry) => entry.y).filter((y) => typeof y === 'number');
    const meanY = ys.length ? ys.reduce((sum, y) => sum + y, 0) / ys.length : plot.y + plot.height;
    let left;
    let top;
    if (readout.x + gap + width <= cssWidth || readout.x - gap - width >= 0) {
      left = readout.x + gap + width <= cssWidth ? readout.x + gap : readout.x - gap - width;
      top = meanY < plot.y + plot.height / 2 ? plot.y + plot.height - height - 4 : plot.y + 4;
    } else {
      left = readout.x - width / 2;
      const highest = ys.length ? Math.min(...ys) : plot.y + plot.height;
      const lowest = ys.length ? Math.max(...ys) : plot.y;
      top = highest - gap - height >= 0 ? highest - gap - height : lowest + gap;
    }
    left = Math.max(0, Math.min(cssWidth - width, left));
    top = Math.max(0, Math.min(cssHeight - height, top));
    tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  }

  /** The data table: caption, a header row with units, one row per period. Text only. */
  #renderTable() {
    const data = JSON.parse(this.#core.table());
    const formats = this.#formats;
    const offset = data.timeZoneOffsetMinutes ?? 0;
    // Whole-day spacing means daily (or longer) values: dates only, named by each day's middle.
    const daily = data.rows.length > 1 && data.rows.every((row, i) => i === 0 || (row.time - data.rows[i - 1].time) % 86_400_000 === 0);
    const withTime =
      data.granularity === 'point' && !daily && data.rows.some((row) => (row.time + offset * 60_000) % 86_400_000 !== 0);
    const dayMiddle = data.granularity === 'point' && daily ? 43_200_000 : 0;
    const kind = data.granularity === 'month' ? 'month' : withTime ? 'dateTime' : 'date';
    const words = this.#strings;
    const timeHeader = words[data.granularity === 'month' ? 'table.month' : withTime ? 'table.dateTime' : 'table.date'];
    const means = { day: words['table.dailyMeans'], month: words['table.monthlyMeans'] }[data.granularity];
    const note = means ? ` (${means})` : '';

    const table = make('table', 'hoc-table');
    table.append(make('caption', '', `${data.title || this.#title || words['table.caption']}${note}`));
    const headerRow = make('tr');
    const header = (text, className = '') => {
      const cell = make('th', className, text);
      cell.scope = 'col';
      return cell;
    };
    headerRow.append(
      header(timeHeader),
      ...data.columns.map((column) => header(column.unit ? `${column.label} (${column.unit})` : column.label, 'hoc-number')),
      header(words['table.outage']),
    );
    const head = make('thead');
    head.append(headerRow);
    const body = make('tbody');
    for (const row of data.rows) {
      const tr = make('tr');
      const time = make('th', '', formats.time(row.time + dayMiddle, row.offset ?? offset, kind, data.timeZone));
      time.scope = 'row';
      tr.append(time, ...row.values.map((value) => make('td', 'hoc-number', formats.value(value, ''))), make('td', '', row.outages.join('; ')));
      body.append(tr);
    }
    table.append(head, body);
    this.#tableWrap.replaceChildren(table);
  }

  /** A (resolution: Xdppx) query fires once when the ratio leaves X; then watch the new X. */
  #watchRatio() {
    this.#ratioQuery?.removeEventListener('change', this.#onRatioChange);
    if (!this.#core) return;
    this.#ratioQuery = matchMedia(`(resolution: ${window.devicePixelRatio || 1}dppx)`);
    this.#ratioQuery.addEventListener('change', this.#onRatioChange);
    this.#schedule();
  }
}

/** The spec's title, for the table caption (the core validated the text already). */
function titleOf(text) {
  try {
    const title = JSON.parse(text)?.title;
    return typeof title === 'string' ? title : '';
  } catch {
    return '';
  }
}

/**
 * @internal Shared by mount() and the custom element (which reads inline JSON itself).
 * `loadText` returns a promise of the spec's JSON text; it is called after the argument checks
 * so that a rejected load is always awaited.
 */
export async function mountText(element, loadText, options, onError) {
  if (!(element instanceof Element)) throw new TypeError('mount() needs an element to draw into');
  const checked = checkOptions(options ?? {});
  const [Core, loaded] = await Promise.all([loadCore(), loadText()]);
  const { text, columns } = typeof loaded === 'string' ? { text: loaded, columns: [] } : loaded;
  let core;
  try {
    core = new Core(text);
    applyColumns(core, columns);
    if (checked.timeZone) applyZoneOption(core, checked.timeZone);
  } catch (error) {
    core?.free();
    throw asError(error);
  }
  try {
    return new Chart(element, core, checked, onError, titleOf(text));
  } catch (error) {
    core.free();
    throw asError(error);
  }
}

/**
 * Draws a chart into `element` and keeps it sized to the element.
 * @param {Element} element where the canvas goes (appended; existing content is left alone)
 * @param {object|string} specOrUrl a spec object, its JSON text, or a URL to fetch it from
 * @param {{theme?: 'light'|'dark'|'auto', height?: number, locale?: string}} [options] height in
 *   CSS px; locale a BCP 47 tag (default: the nearest lang attribute, else 'en')
 * @returns {Promise<Chart>} rejects with the validator's message (naming the JSON path)
 */
export async function mount(element, specOrUrl, options = {}) {
  const onError = (error) => console.error('hashrate-outage-chart:', error);
  const load = async () => {
    if (specOrUrl === null || typeof specOrUrl !== 'object') return specText(specOrUrl);
    const { spec, columns } = splitColumns(specOrUrl);
    return { text: serialiseSpec(spec), columns };
  };
  return mountText(element, load, options, onError);
}
