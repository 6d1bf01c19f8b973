//! mount() and Chart: loads the spec, sizes the canvas (CSS size × devicePixelRatio), watches
//! for resizes, ratio, colour-scheme, font and print changes, and owns the page side of
//! reading the chart: pointer and keyboard read-out, tooltip, live region and data table.
//! Drawing, layout, hit-testing, validation, the summary and the table's rows all belong to
//! the wasm core (src/web/chart.rs); here they are only formatted (Intl) and put into the DOM as text.
//! The rest lives beside it by job: engine.js (loading the wasm), spec.js (getting a spec in),
//! readout.js (the tooltip and live region's words), table.js (the data table), zones.js,
//! words.js, styles.js, fonts.js, dom.js and convert.js.

import { STRINGS } from './strings.js';
import { ChartCore, asError, guardCore, loadCore, loadTools, wasmMemory } from './engine.js';
import { make } from './dom.js';
import { measureFont } from './fonts.js';
import { announcement, describeReadout, fillTooltip, placeTooltip } from './readout.js';
import { applyColumns, fetchSpec, refreshSeconds, serialiseSpec, specText, splitColumns } from './spec.js';
import { SERIES_PROPERTIES, STYLE_PROPERTIES, adoptStyles, loadChartCss, normaliseColor } from './styles.js';
import { tableElement } from './table.js';
import { Formats, canonicalLocale, coreHasTable, coreWords, languageOf, loadWords, pageLocale, pageStrings } from './words.js';
import { applyZoneOption, resolveZone } from './zones.js';

const THEMES = ['light', 'dark', 'auto'];

const PRINT_RATIO = 3;

const FORCED = matchMedia('(forced-colors: active)');

/**
 * The system colours forced-colours mode gives (Canvas, CanvasText, Highlight, GrayText) as
 * style overrides: read from a probe in `root` that keeps the colour it is given.
 */
function systemColors(root) {
  const probe = make('span');
  probe.style.forcedColorAdjust = 'none';
  root.append(probe);
  const [background, text, band, grid] = ['Canvas', 'CanvasText', 'Highlight', 'GrayText'].map((name) => {
    probe.style.color = name;
    return normaliseColor(getComputedStyle(probe).color);
  });
  probe.remove();
  return { background, text, mutedText: text, grid, band, series: [text, band] };
}

function checkOptions(options) {
  const { theme, height, locale, timeZone, strings, explain, downloads } = options;
  for (const [name, value] of [['explain', explain], ['downloads', downloads]]) {
    if (value !== undefined && value !== null && typeof value !== 'boolean') throw new Error(`${name}: expected true or false, got ${JSON.stringify(value)}`);
  }
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
    explain: explain === true,
    downloads: downloads !== false,
  };
}

function contentBox(element) {
  const style = getComputedStyle(element);
  const px = (name) => parseFloat(style[name]) || 0;
  return {
    width: Math.max(0, element.clientWidth - px('paddingLeft') - px('paddingRight')),
    height: Math.max(0, element.clientHeight - px('paddingTop') - px('paddingBottom')),
  };
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
  /** The spec's shape without its columns' data (splitColumns), when it has columns. */
  #shape = null;
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
  /** The load of a language's words this chart waits for (#wordsArriving), or null. */
  #wordsPending = null;
  /** The page's texts in the reader's language (pageStrings). */
  #strings = STRINGS.en;
  #styleJson = '';
  #layout = null;
  #readoutIndex = -1;
  /** The pending first build of the table (a timer id), or 0. */
  #tableTimer = 0;
  /** Whether the overlay canvas holds nothing (new, resized, or last cleared). */
  #overlayClear = true;
  #root;
  /** The visible line under the chart that says how to read its numbers (option `explain`). */
  #explain;
  #stage;
  #overlay;
  /** The two canvases' 2D contexts, asked for once (null where the browser gives none). */
  #context = null;
  #overlayContext = null;
  #tooltip;
  #liveRegion;
  #controls;
  #button;
  /** The Download menu's button, its group of choices and their handle (option `downloads`). */
  #downloadButton;
  #downloadMenu;
  #downloads = null;
  #tableWrap;
  /** The refresh of a followed spec URL (refresh.js), or null. */
  #follower = null;

  /** @internal */
  constructor(element, core, options, onError, title = '', shape = null) {
    /** The host element the chart was mounted into. */
    this.element = element;
    this.#core = guardCore(core, this.#onTrap);
    this.#options = options;
    this.#onError = onError;
    this.#title = title;
    this.#shape = shape;
    adoptStyles(element);
    const id = `hoc-${(nextId += 1)}`;

    this.#root = make('div', 'hoc');
    this.#stage = make('div', 'hoc-stage');
    /** The <canvas> the chart is drawn into (null after destroy()). */
    this.canvas = make('canvas', 'hoc-canvas');
    this.canvas.setAttribute('role', 'img'); // its aria-label: the summary (#applyLocale)
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
    // The menu itself is made by downloads.js when first opened (`#openDownloads`).
    this.#downloadMenu = make('div', 'hoc-controls hoc-download-menu');
    this.#downloadMenu.id = `${id}-downloads`;
    this.#downloadMenu.hidden = true;
    this.#downloadButton = make('button', 'hoc-button');
    this.#downloadButton.type = 'button';
    this.#downloadButton.setAttribute('part', 'download-button');
    this.#downloadButton.setAttribute('aria-expanded', 'false');
    this.#downloadButton.setAttribute('aria-controls', this.#downloadMenu.id);
    this.#downloadButton.hidden = !options.downloads;
    this.#downloadButton.addEventListener('click', this.#reporting(() => this.#openDownloads(this.#downloadMenu.hidden).catch((error) => this.#report(asError(error)))));
    this.#controls.append(this.#button, this.#downloadButton);

    this.#explain = make('p', 'hoc-explain');
    this.#explain.setAttribute('part', 'explain');
    this.#explain.hidden = true;

    this.#root.append(this.#stage, this.#explain, keys, this.#liveRegion, this.#controls, this.#downloadMenu, this.#tableWrap);
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
      this.#draw(true);
      // The table after the pixels (a task later, or at once when asked for): on a cold page
      // its first Intl date format alone costs about 25 ms.
      this.#tableTimer = setTimeout(this.#reporting(() => this.#renderTable()), 0);
    } catch (error) {
      this.#root.remove(); // the caller frees the core and reports the error
      this.#core = null;
      throw error;
    }
    this.#resizeObserver = new ResizeObserver(() => this.#schedule());
    this.#resizeObserver.observe(element);
    this.#schemeQuery.addEventListener('change', this.#onSchemeChange);
    FORCED.addEventListener('change', this.#onSchemeChange);
    document.fonts?.addEventListener('loadingdone', this.#onFontsLoaded);
    // Fonts still loading (a --hoc-font just asked for, say): draw again once they are in.
    // When none are, `ready` has nothing new and a second draw would only delay the page.
    if (document.fonts && document.fonts.status !== 'loaded') document.fonts.ready.then(() => this.#redrawReporting());
    window.addEventListener('beforeprint', this.#onBeforePrint);
    window.addEventListener('afterprint', this.#onAfterPrint);
    this.#watchRatio();
  }

  /** Replaces the data with a new spec (object or JSON text). Throws on an invalid spec and
   *  keeps the old chart drawn. */
  update(spec) {
    this.#replace(spec);
  }

  /**
   * @internal update() for a refresh (refresh.js): `modified` (Unix ms, the answer's
   * Last-Modified) stamps the footer unless the spec says when it was updated.
   */
  refreshWith(text, modified) {
    this.#replace(text, modified);
  }

  #replace(spec, modified = NaN) {
    const core = this.#live();
    let text;
    let columns = [];
    let shape = null;
    if (spec !== null && typeof spec === 'object') {
      const split = splitColumns(spec);
      // Only one series' typed data changed: as setColumns, the same core takes it (a failed
      // check changes nothing; with two columns the first could be taken before the second
      // fails, so those rebuild).
      if (split.shape !== null && split.shape === this.#shape && split.columns.length === 1) {
        const [[index, times, values, blocks]] = split.columns;
        this.setColumns(index, times, values, blocks);
        return;
      }
      text = serialiseSpec(split.spec);
      columns = split.columns;
      shape = split.shape;
    } else if (typeof spec === 'string') text = spec;
    else throw new TypeError('update() takes a chart spec object or its JSON text; use mount() to load a URL');
    let next;
    try {
      next = new ChartCore(text);
      next.setUpdated(modified);
      applyColumns(next, columns);
      if (this.#options.timeZone) applyZoneOption(next, this.#options.timeZone);
    } catch (error) {
      next?.free();
      throw asError(error);
    }
    core.free();
    this.#core = guardCore(next, this.#onTrap);
    this.#shape = shape;
    this.#title = next.title();
    this.#readoutIndex = -1;
    this.#applyLocale(); // and the summary in its words, once
    this.#styleJson = '';
    this.#metricsSent = false; // a new engine instance: it has the built-in widths only
    this.#applyStyle();
    this.#renderTable();
    this.#draw(true);
  }

  /**
   * @internal Follows `url` every `options.seconds` (refresh.js; `options.first` is the first
   * answer), in place of any earlier one; a null `url` stops following.
   */
  async follow(url, options) {
    this.#follower?.stop();
    const pending = { stop() {} }; // until refresh.js is in; a later call replaces it
    this.#follower = url ? pending : null;
    if (!url) return;
    const { follow } = await import('./refresh.js');
    if (this.#core && this.#follower === pending) this.#follower = follow(this, url, { ...options, make });
  }

  /** @internal For refresh.js: the core's word(key, count) and stamp(ms). */
  word(key, count = -1) {
    return this.#live().word(key, count);
  }

  stamp(ms) {
    return this.#live().stamp(ms);
  }

  /**
   * Changes `theme`, `height`, `locale` and/or `timeZone` (same meaning as in mount's options)
   * and redraws. A `timeZone` of null goes back to the spec's own options.timeZone. Bad options
   * throw here. Returns a promise that resolves once the chart shows them all: at once, or when
   * a language's words first loaded on this page have arrived (English until then).
   */
  setOptions(options) {
    this.#changeOptions(options);
    // A language whose words were not loaded yet shows a moment later.
    return this.#wordsPending ?? Promise.resolve();
  }

  #changeOptions(options) {
    const core = this.#live();
    const next = checkOptions({ ...this.#options, ...options });
    const { theme, height, locale, timeZone, strings } = this.#options;
    const wordsChanged = next.locale !== locale || JSON.stringify(next.strings) !== JSON.stringify(strings);
    if (next.downloads !== this.#options.downloads) {
      this.#options = { ...this.#options, downloads: next.downloads };
      this.#downloadButton.hidden = !next.downloads;
      if (!next.downloads) this.#downloads?.open(false);
    }
    if (next.explain !== this.#options.explain) {
      this.#options = { ...this.#options, explain: next.explain };
      this.#describe();
    }
    if (next.theme === theme && next.height === height && !wordsChanged && next.timeZone === timeZone) return;
    if (wordsChanged) {
      // Checked by the core before anything changes: an unknown key leaves the chart as it was.
      try {
        core.setLocale(this.#localeJson(next.locale || pageLocale(this.element), next.strings).json);
      } catch (error) {
        throw asError(error); // the core kept its locale
      }
    }
    if (next.timeZone !== timeZone) {
      try {
        applyZoneOption(core, next.timeZone);
      } catch (error) {
        if (wordsChanged) this.#applyLocale(); // back to the chart's own words: nothing changed
        throw asError(error);
      }
    }
    this.#options = next;
    if (next.timeZone !== timeZone) {
      this.#readoutIndex = -1;
      this.#describe();
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

  /**
   * The same chart as an SVG document at the canvas's current CSS size (as it is when called).
   * The SVG writer is in the tools module, fetched on the first call only.
   */
  async toSVG() {
    const { cssWidth, cssHeight } = this.#cssSize();
    const parts = this.#live().svgParts(cssWidth, cssHeight, this.#theme());
    const tools = await loadTools();
    try {
      return tools.renderSvg(Float64Array.from(parts.numbers), JSON.stringify(parts.texts), parts.width, parts.height, parts.font, parts.title, parts.digest ?? undefined);
    } catch (error) {
      throw asError(error, tools.takePanic);
    }
  }

  /** Where things are, in CSS px relative to the canvas: plot rectangle, outage bands, colours. */
  layout() {
    const { cssWidth, cssHeight } = this.#cssSize();
    return this.#live().layout(cssWidth, cssHeight, this.#theme());
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
    const ids = core.seriesIds();
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
      this.#describe();
      this.#renderTable();
    }, 0);
  }

  /**
   * The measured impact of each outage on each hash-rate series: an array of
   * { outage, series, baseline: {from, to, mean, points}, during: {mean, weight}, unit,
   *   change, ci95: [lo, hi], detectable, significant, method, text } (values in the display
   *   unit; change is the change during the outage's own hours, detectable the smallest loss
   *   it would find 80 % of the time, or null),
   * or { outage, series, error } where it could not be measured.
   */
  impact() {
    return this.#live().impact();
  }

  /** The spec's title ('' without one). */
  get title() {
    return this.#title;
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
    return this.#live().readout(index, cssWidth, cssHeight, this.#theme());
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
    if (this.#tableTimer) this.#renderTable();
    this.#tableWrap.classList.toggle('hoc-shown', show);
    this.#tableWrap.classList.toggle('hoc-sr-only', !show);
    this.#button.setAttribute('aria-expanded', String(show));
    this.#button.textContent = this.#strings[show ? 'table.hide' : 'table.show'];
  }

  /** Stops watching, removes what it added and frees the wasm memory. Safe to call twice. */
  destroy() {
    if (!this.#core) return;
    this.#follower?.stop();
    this.#follower = null;
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#tableTimer);
    this.#resizeObserver.disconnect();
    this.#ratioQuery?.removeEventListener('change', this.#onRatioChange);
    this.#schemeQuery.removeEventListener('change', this.#onSchemeChange);
    FORCED.removeEventListener('change', this.#onSchemeChange);
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

  /**
   * The core's locale for `locale` (BCP 47) with the embedder's `strings`: a table language's
   * words, months and separators (www/locale/*.js, loaded once per page; mount() waits for
   * them); any other language's months and separators from Intl, with English words; English
   * while a table language's words are on their way (`loading`: then again in the language)
   * or could not be loaded. Never a language's tag without its words.
   */
  #localeJson(locale, strings) {
    if (!coreHasTable(locale)) {
      const formats = this.#formats?.locale === locale ? this.#formats : new Formats(locale);
      return { json: JSON.stringify({ ...formats.coreLocale(), tag: locale, strings }), loading: false };
    }
    const words = coreWords(locale);
    if (words === null) return { json: JSON.stringify({ tag: locale, strings }), loading: false };
    if (words) return { json: JSON.stringify({ ...words, tag: locale, strings }), loading: false };
    return { json: JSON.stringify({ tag: 'en', strings }), loading: words === undefined };
  }

  /** Loads `locale`'s words and shows them, unless the chart has moved on meanwhile. */
  #wordsArriving(locale) {
    if (this.#wordsPending?.locale === locale) return; // already on their way
    const pending = loadWords(locale).then(
      () => {
        if (!this.#core || this.#trapped || this.#wordsPending !== pending) return;
        this.#wordsPending = null;
        try {
          this.#applyLocale();
          this.#renderTable();
          this.#draw(true);
        } catch (error) {
          this.#report(asError(error));
        }
      },
      () => {
        // The chart stays in English (loadWords said why in the console).
        if (this.#wordsPending === pending) this.#wordsPending = null;
      },
    );
    pending.locale = locale;
    this.#wordsPending = pending;
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
    const { json, loading } = this.#localeJson(locale, this.#options.strings);
    this.#core.setLocale(json);
    if (loading) this.#wordsArriving(locale);
    else this.#wordsPending = null;
    this.#strings = pageStrings(locale, this.#options.strings);
    // The language the chart's words are in, so a screen reader reads them with its rules
    // (WCAG 3.1.2): the locale's table language, English while its words load or without one.
    this.#root.lang = loading || coreWords(locale) === false ? 'en' : languageOf(locale);
    this.#root.querySelector('.hoc-keys').textContent = this.#strings['keys.help'];
    this.#button.textContent = this.#strings[this.#tableShown() ? 'table.hide' : 'table.show'];
    this.#downloadButton.textContent = this.#strings['download.menu'];
    this.#downloads?.words(this.#strings);
    this.#metricsSent = false; // the words may bring characters to measure
    this.#describe();
  }

  /** Opens or closes the Download menu (made by downloads.js, fetched when first opened). */
  async #openDownloads(open) {
    if (!this.#downloads) {
      const { downloadMenu } = await import('./downloads.js');
      this.#downloads = downloadMenu(this.#downloadMenu, this.#downloadButton, this, () => this.#live().table(), () => this.#strings);
      this.#downloads.words(this.#strings);
    }
    this.#downloads.open(open);
  }

  /**
   * The chart in words for screen readers, in the reader's language; with `explain`, the line
   * under it that says what each change is measured against and what "plausible range" means
   * (shown when the chart measures an outage).
   */
  #describe() {
    const core = this.#core;
    this.canvas.setAttribute('aria-label', core.summary());
    const text = this.#options.explain ? core.explainer() : '';
    this.#explain.hidden = !text;
    this.#explain.textContent = text;
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
    // The reader's text size: the root's font size over the browser's 16 px (never smaller).
    const rootSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (rootSize > 16) style.textScale = rootSize / 16;
    // Forced colours (Windows High Contrast): the system's colours; the core hatches bands.
    if (FORCED.matches) Object.assign(style, systemColors(this.#root), { forcedColors: true });
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
    const extra = this.#core.textChars();
    const measured = measureFont(this.#core.fontFamily(), extra, this.#core.builtinProbe(extra));
    // null: the font measures as the built-in table (an empty measurement keeps the table).
    const { text, regular, bold } = measured ?? { text: '', regular: new Float64Array(0), bold: new Float64Array(0) };
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
    // Assigning width or height clears a canvas, even to the same value: only a new size is
    // assigned (the draw repaints the chart; #overlayClear says if the overlay holds a read-out).
    for (const canvas of [this.canvas, this.#overlay]) {
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
        if (canvas === this.#overlay) this.#overlayClear = true;
      }
    }
    const theme = this.#theme();
    try {
      // Widths are sums of advances: draw without kerning so the ink never outruns them.
      const context = (this.#context ??= this.canvas.getContext('2d'));
      if (context && 'fontKerning' in context) context.fontKerning = 'none';
      this.#core.draw(this.canvas, context, dpr, theme);
      this.#layout = this.#core.drawInfo(cssWidth, cssHeight, theme); // only what the page reads
    } catch (error) {
      throw asError(error);
    }
    this.#size = { cssWidth, cssHeight, dpr };
    this.#root.dataset.theme = this.#layout.theme;
    this.#root.classList.toggle('hoc-narrow', cssWidth < 480);
    const [r, g, b] = this.#layout.background;
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
    // Nothing to clear on an overlay just resized (resizing clears it) or already cleared.
    if (index >= 0 || !this.#overlayClear) core.drawReadout(this.#overlay, (this.#overlayContext ??= this.#overlay.getContext('2d')), dpr, index, this.#theme());
    this.#overlayClear = index < 0;
    if (index < 0) {
      this.#tooltip.hidden = true;
      return;
    }
    const readout = core.readout(index, cssWidth, cssHeight, this.#theme());
    const described = describeReadout(readout, this.#formats, this.#strings);
    fillTooltip(this.#tooltip, described);
    this.#tooltip.hidden = false;
    placeTooltip(this.#tooltip, readout, this.#size, this.#layout?.plot ?? { x: 0, y: 0, width: cssWidth, height: cssHeight });
    if (announce) this.#liveRegion.textContent = announcement(described, this.#strings);
  }

  /** The data table (table.js), from the core's rows, in the reader's words. */
  #renderTable() {
    clearTimeout(this.#tableTimer);
    this.#tableTimer = 0;
    this.#tableWrap.replaceChildren(tableElement(this.#core.table(), this.#formats, this.#strings, this.#title));
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
  // The reader's language's words come beside the engine and the spec, so the first pixels
  // are in that language; if they cannot be loaded the chart is drawn in English (and says so).
  const words = loadWords(checked.locale || pageLocale(element)).catch(() => {}); // said by loadWords
  // The rest of the chart's styles too (chart-css.js: its first chart only).
  const [Core, loaded] = await Promise.all([loadCore(), loadText(), words, loadChartCss()]);
  const { text, columns, shape = null, modified = NaN } = typeof loaded === 'string' ? { text: loaded, columns: [] } : loaded;
  let core;
  try {
    core = new Core(text);
    core.setUpdated(modified);
    applyColumns(core, columns);
    if (checked.timeZone) applyZoneOption(core, checked.timeZone);
  } catch (error) {
    core?.free();
    throw asError(error);
  }
  try {
    return new Chart(element, core, checked, onError, core.title(), shape);
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
  const seconds = refreshSeconds(options?.refresh);
  const url = typeof specOrUrl === 'string' && !specOrUrl.trim().startsWith('{');
  if (seconds && !url) throw new Error('refresh: follows a spec URL; this chart was given the spec');
  const first = {};
  const load = async () => {
    if (url) {
      first.text = await fetchSpec(specOrUrl, { meta: first });
      return { text: first.text, columns: [], modified: Date.parse(first.lastModified) };
    }
    if (specOrUrl === null || typeof specOrUrl !== 'object') return specText(specOrUrl);
    const { spec, columns, shape } = splitColumns(specOrUrl);
    return { text: serialiseSpec(spec), columns, shape };
  };
  const chart = await mountText(element, load, options, onError);
  if (seconds) chart.follow(specOrUrl, { seconds, first }).catch(onError);
  return chart;
}
