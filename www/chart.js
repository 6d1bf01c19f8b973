//! mount() and Chart: loads the spec, sizes the canvas (CSS size × devicePixelRatio), watches
//! for resizes and ratio changes, and hands the canvas to Rust. Drawing, layout, validation
//! and the summary text all belong to the wasm core (src/web.rs); nothing here reshapes data.

const WASM_URL = new URL('./pkg/hashrate_outage_chart_bg.wasm', import.meta.url);
const GLUE_URL = new URL('./pkg/hashrate_outage_chart.js', import.meta.url);
const THEMES = ['light', 'dark'];

let wasmReady = null;
/** The wasm class, once loadCore() has resolved. */
let ChartCore = null;

/** Loads and instantiates the wasm core once per page; every chart shares the instance. */
function loadCore() {
  if (!wasmReady) {
    // Imported dynamically so that a missing build shows up as a chart error, not as a module
    // that fails to load (which would leave the custom element undefined and the page silent).
    wasmReady = import(GLUE_URL.href)
      .then(async (glue) => {
        await glue.default({ module_or_path: WASM_URL });
        ChartCore = glue.ChartCore;
        return ChartCore;
      })
      .catch((cause) => {
        wasmReady = null; // let a later chart try again
        throw new Error(`Could not load the chart engine from ${GLUE_URL.pathname} and ${WASM_URL.pathname}: ${messageOf(cause)}`);
      });
  }
  return wasmReady;
}

function messageOf(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** wasm-bindgen may throw an Error or a bare string; callers always get an Error. */
function asError(error) {
  return error instanceof Error ? error : new Error(String(error));
}

/** Reads `specOrUrl` as JSON text: objects are serialised, `{…}` strings kept, others fetched. */
async function specText(specOrUrl) {
  if (specOrUrl !== null && typeof specOrUrl === 'object') return JSON.stringify(specOrUrl);
  if (typeof specOrUrl !== 'string') {
    throw new TypeError(`Expected a chart spec object, JSON text or a URL, got ${specOrUrl === null ? 'null' : typeof specOrUrl}`);
  }
  if (specOrUrl.trim().startsWith('{')) return specOrUrl;
  return fetchSpec(specOrUrl);
}

/** @internal Fetches a spec URL (relative to the page) as JSON text; errors name the URL and the HTTP status. */
export async function fetchSpec(url) {
  const absolute = new URL(url, document.baseURI).href;
  let response;
  try {
    response = await fetch(absolute, { headers: { Accept: 'application/json' } });
  } catch (cause) {
    throw new Error(`Could not load the chart spec from ${absolute}: ${messageOf(cause)}`);
  }
  if (!response.ok) {
    throw new Error(`Could not load the chart spec from ${absolute}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  const text = await response.text();
  try {
    JSON.parse(text); // only to name the URL in the error; Rust parses the text itself
  } catch (cause) {
    throw new Error(`The chart spec at ${absolute} is not JSON (HTTP ${response.status}, ${response.headers.get('content-type') || 'no content type'}): ${messageOf(cause)}`);
  }
  return text;
}

function checkOptions(options) {
  const { theme, height } = options;
  if (theme !== undefined && theme !== null && theme !== '' && !THEMES.includes(theme)) {
    throw new Error(`theme: expected "light" or "dark", got ${JSON.stringify(theme)}`);
  }
  if (height !== undefined && height !== null && !(Number.isFinite(height) && height > 0)) {
    throw new Error(`height: expected a positive number of CSS pixels, got ${JSON.stringify(height)}`);
  }
  return { theme: theme || '', height: height || null };
}

function contentBox(element) {
  const style = getComputedStyle(element);
  const px = (name) => parseFloat(style[name]) || 0;
  return {
    width: Math.max(0, element.clientWidth - px('paddingLeft') - px('paddingRight')),
    height: Math.max(0, element.clientHeight - px('paddingTop') - px('paddingBottom')),
  };
}

/**
 * A chart drawn into a canvas inside a host element. Made by `mount`; not constructed directly.
 */
export class Chart {
  #core;
  #options;
  #onError;
  #size = { cssWidth: 0, cssHeight: 0, dpr: 0 };
  #frame = 0;
  #resizeObserver = null;
  #ratioQuery = null;
  #onRatioChange = () => this.#watchRatio();

  /** @internal */
  constructor(element, core, options, onError) {
    /** The host element the chart was mounted into. */
    this.element = element;
    /** The <canvas> the chart is drawn into (null after destroy()). */
    this.canvas = document.createElement('canvas');
    this.#core = core;
    this.#options = options;
    this.#onError = onError;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', core.summary());
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    element.append(this.canvas);
    try {
      this.#draw(true);
    } catch (error) {
      this.canvas.remove(); // the caller frees the core and reports the error
      throw error;
    }
    this.#resizeObserver = new ResizeObserver(() => this.#schedule());
    this.#resizeObserver.observe(element);
    this.#watchRatio();
  }

  /** Replaces the data with a new spec (object or JSON text). Throws on an invalid spec and
   *  keeps the old chart drawn. */
  update(spec) {
    const core = this.#live();
    let text;
    if (spec !== null && typeof spec === 'object') text = JSON.stringify(spec);
    else if (typeof spec === 'string') text = spec;
    else throw new TypeError('update() takes a chart spec object or its JSON text; use mount() to load a URL');
    let next;
    try {
      next = new ChartCore(text);
    } catch (error) {
      throw asError(error);
    }
    core.free();
    this.#core = next;
    this.canvas.setAttribute('aria-label', next.summary());
    this.#draw(true);
  }

  /** Changes `theme` and/or `height` (same meaning as in mount's options) and redraws. */
  setOptions(options) {
    this.#live();
    const next = checkOptions({ ...this.#options, ...options });
    if (next.theme === this.#options.theme && next.height === this.#options.height) return;
    this.#options = next;
    this.#draw(true);
  }

  /** Measures the element again and redraws now. */
  resize() {
    this.#live();
    this.#draw(true);
  }

  /** The same chart as an SVG document at the canvas's current CSS size. */
  toSVG() {
    const { cssWidth, cssHeight } = this.#cssSize();
    return this.#live().toSvg(cssWidth, cssHeight, this.#options.theme);
  }

  /** Where things are, in CSS px relative to the canvas: plot rectangle, outage bands, colours. */
  layout() {
    const { cssWidth, cssHeight } = this.#cssSize();
    return JSON.parse(this.#live().layout(cssWidth, cssHeight, this.#options.theme));
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

  /** Stops watching, removes the canvas and frees the wasm memory. Safe to call twice. */
  destroy() {
    if (!this.#core) return;
    cancelAnimationFrame(this.#frame);
    this.#resizeObserver.disconnect();
    this.#ratioQuery?.removeEventListener('change', this.#onRatioChange);
    this.canvas.remove();
    this.#core.free();
    this.#core = null;
    this.canvas = null;
  }

  #live() {
    if (!this.#core) throw new Error('This chart was destroyed');
    return this.#core;
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
   *      and then the chart fills it;
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
    else if (explicit) cssHeight = Math.round(box.height);
    else cssHeight = this.#autoHeight(cssWidth);
    return { cssWidth, cssHeight };
  }

  /**
   * Rule 3 above. The space around the plot depends on the width only, but the layout keeps a
   * minimum plot when squeezed, so a second pass may be needed; layout is cheap (no drawing).
   */
  #autoHeight(cssWidth) {
    let height = Math.min(560, Math.max(260, Math.round(cssWidth * 0.6)));
    if (cssWidth <= 0) return height;
    const minPlotHeight = Math.min(240, Math.round(cssWidth * 0.5));
    for (let pass = 0; pass < 3; pass++) {
      const { plot } = JSON.parse(this.#core.layout(cssWidth, height, this.#options.theme));
      if (plot.height >= minPlotHeight - 0.5) break;
      height += Math.ceil(minPlotHeight - plot.height);
    }
    return height;
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
    if (!this.#core) return;
    try {
      this.#draw(force);
    } catch (error) {
      this.#onError(asError(error));
    }
  }

  #draw(force) {
    const { cssWidth, cssHeight } = this.#measure();
    const dpr = window.devicePixelRatio || 1;
    const size = this.#size;
    if (!force && cssWidth === size.cssWidth && cssHeight === size.cssHeight && dpr === size.dpr) return;
    this.canvas.style.height = `${cssHeight}px`;
    if (cssWidth === 0) return; // hidden (display: none or zero width): draw when it shows
    const width = Math.round(cssWidth * dpr);
    const height = Math.round(cssHeight * dpr);
    // Assigning width or height clears the canvas even when unchanged; the draw repaints it all.
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
    try {
      this.#core.draw(this.canvas, dpr, this.#options.theme);
    } catch (error) {
      throw asError(error);
    }
    this.#size = { cssWidth, cssHeight, dpr };
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

/**
 * @internal Shared by mount() and the custom element (which reads inline JSON itself).
 * `loadText` returns a promise of the spec's JSON text; it is called after the argument checks
 * so that a rejected load is always awaited.
 */
export async function mountText(element, loadText, options, onError) {
  if (!(element instanceof Element)) throw new TypeError('mount() needs an element to draw into');
  const checked = checkOptions(options ?? {});
  const [Core, text] = await Promise.all([loadCore(), loadText()]);
  let core;
  try {
    core = new Core(text);
  } catch (error) {
    throw asError(error);
  }
  try {
    return new Chart(element, core, checked, onError);
  } catch (error) {
    core.free();
    throw asError(error);
  }
}

/**
 * Draws a chart into `element` and keeps it sized to the element.
 * @param {Element} element where the canvas goes (appended; existing content is left alone)
 * @param {object|string} specOrUrl a spec object, its JSON text, or a URL to fetch it from
 * @param {{theme?: 'light'|'dark', height?: number}} [options] height in CSS px
 * @returns {Promise<Chart>} rejects with the validator's message (naming the JSON path)
 */
export async function mount(element, specOrUrl, options = {}) {
  const onError = (error) => console.error('hashrate-outage-chart:', error);
  return mountText(element, () => specText(specOrUrl), options, onError);
}
