//! Getting a spec to the core: objects checked for values JSON cannot carry and serialised,
//! long numeric columns handed over as typed arrays (the fast path), URLs fetched with a
//! timeout and a message naming what failed.

import { messageOf } from './engine.js';
import { resolveZone } from './zones.js';

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
export function serialiseSpec(spec) {
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
export function splitColumns(spec) {
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
    const times = floats(t); // numbers only (above): no gaps
    const values = floats(v);
    if (times.length === 0) return item; // the validator says what is wrong
    // Every per-point column travels with t and v: block counts too (NaN for none).
    const { blocks } = item;
    const perPoint = Array.isArray(blocks) || ArrayBuffer.isView(blocks);
    if (perPoint && blocks.length !== times.length) return item; // the validator names the mismatch
    const counts = perPoint ? Float64Array.from(blocks, gapAsNaN) : undefined;
    columns.push([index, times, values, counts]);
    const first = values[0];
    const cut = { ...item, t: [times[0]], v: [Number.isFinite(first) ? first : null] };
    if (perPoint) cut.blocks = [Number.isFinite(counts[0]) ? counts[0] : null];
    return cut;
  });
  const split = { ...spec, series };
  // The spec without its columns' data: two specs of the same shape differ only in the data
  // the columns carry (Chart.update then hands the new columns to the same core).
  const marked = { ...spec, series: series.map((item, index) => (columns.some((c) => c[0] === index) ? { ...item, t: 'columns', v: 'columns', blocks: 'columns' } : item)) };
  return { spec: split, columns, shape: columns.length ? JSON.stringify(marked) : null };
}

/** A typed column's entry: null (a gap, or no count) as NaN. */
export const gapAsNaN = (x) => (x === null ? NaN : x);

/** `list` as a Float64Array (itself when it is one), a null as NaN. */
export function floats(list) {
  return list instanceof Float64Array ? list : Float64Array.from(list, gapAsNaN);
}

/** Hands the split columns to a fresh core (see splitColumns), then its zone's offsets. */
export function applyColumns(core, columns) {
  for (const [index, times, values, blocks] of columns) core.setColumns(index, times, values, blocks);
  resolveZone(core);
}

/** Reads `specOrUrl` as JSON text: objects are serialised, `{…}` strings kept, others fetched. */
export async function specText(specOrUrl) {
  if (specOrUrl !== null && typeof specOrUrl === 'object') return serialiseSpec(specOrUrl);
  if (typeof specOrUrl !== 'string') {
    throw new TypeError(`Expected a chart spec object, JSON text or a URL, got ${specOrUrl === null ? 'null' : typeof specOrUrl}`);
  }
  if (specOrUrl.trim().startsWith('{')) return specOrUrl;
  return fetchSpec(specOrUrl);
}

/** How long a spec URL may take (headers and body), in milliseconds. */
export const FETCH_TIMEOUT_MS = 15_000;
/** The longest `timeout` an element takes: a minute (a longer one is this). */
export const MAX_TIMEOUT_MS = 60_000;

/**
 * The `refresh` period in seconds (an option or attribute): null for none (absent, empty,
 * "off", 0), else a number of at least 2 (refresh.js follows the spec URL); else it throws.
 */
export function refreshSeconds(value) {
  if ([undefined, null, false, 0, '', 'off', '0'].includes(typeof value === 'string' ? value.trim() : value)) return null;
  const seconds = Number(value);
  if (seconds >= 2 && seconds < Infinity) return seconds;
  throw new Error(`refresh: expected a number of seconds, 2 or more, got ${JSON.stringify(value)}`);
}

/**
 * The origins of an `allow-origins` list (space- or comma-separated, as the page's owner wrote
 * it on the element or in embed.html's meta tag), each checked: only http(s) origins.
 */
export function parseOrigins(text) {
  const origins = [];
  for (const item of String(text ?? '').split(/[\s,]+/).filter(Boolean)) {
    let url;
    try {
      url = new URL(item);
    } catch {
      throw new Error(`allow-origins: ${JSON.stringify(item)} is not an origin such as https://data.example.org`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new Error(`allow-origins: ${JSON.stringify(item)} is not an http or https origin`);
    }
    origins.push(url.origin);
  }
  return origins;
}

/**
 * The absolute URL of a `src` or `fallback` the element may load: http(s) only, and from the
 * page's own origin unless the page's owner listed that origin (`allowOrigins`). Anything
 * else is refused before a request is made, with a message naming the origin and how to
 * allow it: a URL that anyone can write (embed.html's query string) cannot put another
 * site's data or image under this page's address.
 */
export function checkSource(url, allowOrigins, what) {
  let absolute;
  try {
    absolute = new URL(url, document.baseURI);
  } catch {
    throw new Error(`Could not load the ${what}: ${JSON.stringify(url)} is not a valid URL`);
  }
  const shown = absolute.href.length > 80 ? `${absolute.href.slice(0, 77)}…` : absolute.href;
  if (absolute.protocol !== 'https:' && absolute.protocol !== 'http:') {
    throw new Error(`Refused to load the ${what} from ${shown}: only http and https addresses are loaded, not ${absolute.protocol}`);
  }
  const own = location.origin;
  if (absolute.origin !== own && !allowOrigins.includes(absolute.origin)) {
    throw new Error(
      `Refused to load the ${what} from ${shown}: ${absolute.origin} is not this page's origin (${own}). ` +
        `To allow it, the page's owner lists it on the element, allow-origins="${absolute.origin}" ` +
        `(for embed.html: in its <meta name="hashrate-outage-chart:allow-origins">, and in its Content-Security-Policy)`,
    );
  }
  return absolute.href;
}

/**
 * @internal Fetches a spec URL (relative to the page) as JSON text, giving up after
 * `timeout` ms; errors name the URL and what went wrong (HTTP status, network, time, not JSON).
 * Only this URL is fetched. `meta`, if given, gets the answer's `etag` and `lastModified`
 * (what a refresh asks with, and the footer's stamp).
 */
export async function fetchSpec(url, { timeout = FETCH_TIMEOUT_MS, meta } = {}) {
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
  if (meta) {
    meta.etag = response.headers.get('etag');
    meta.lastModified = response.headers.get('last-modified');
  }
  return text;
}
