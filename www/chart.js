//! mount() and Chart, the conductor: builds the chart's DOM and wires its parts, each in its
//! own module by job: sizing.js (width, height, pixel ratio, print), session.js (the wasm core
//! and what is sent to it: spec, words, style, font widths, zone), readout.js (pointer, keys,
//! tooltip, live region) and table.js (the data table). Drawing, layout, hit-testing,
//! validation, the summary and the table's rows all belong to the wasm core
//! (src/web/chart.rs); the shell only formats them (Intl) and puts them into the DOM as text.
//! Beside them: options.js (checking the options), engine.js (loading the wasm), spec.js
//! (getting a spec in), zones.js, words.js, styles.js, fonts.js, dom.js and convert.js.

import { STRINGS } from './strings.js';
import { asError, guardCore, loadCore, loadTools, wasmMemory } from './engine.js';
import { make } from './dom.js';
import { readout } from './readout.js';
import { openCore, sendLocale, sendStyle, themeOf, watchStyle } from './session.js';
import { measure, watchSize } from './sizing.js';
import { fetchSpec, floats, gapAsNaN, refreshSeconds, serialiseSpec, specText, splitColumns } from './spec.js';
import { adoptStyles, loadChartCss } from './styles.js';
import { showTable, tableElement, tableParts } from './table.js';
import { Formats, coreWords, languageOf, loadWords, pageLocale, pageStrings } from './words.js';
import { applyZoneOption, resolveZone } from './zones.js';
// Last: bundled beside this file's code it gzips about 30 bytes smaller than in its place above.
import { checkOptions } from './options.js';

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
  /** The size drawn at: CSS px and the device-pixel ratio. */
  #size = { cssWidth: 0, cssHeight: 0, dpr: 0 };
  #frame = 0;
  /** The device-pixel ratio to draw at now (sizing.js watchSize). */
  #ratio;
  /** Stop watching the size and the style (sizing.js, session.js). */
  #stopSize;
  #stopStyle;
  /** The EngineError of a trap in this chart's core, after which the core is not used again. */
  #trapped = null;
  /** The last error handed to onError, so that one failure is reported once. */
  #reported = null;
  #onTrap = (error) => {
    if (this.#trapped) return;
    this.#trapped = error;
    cancelAnimationFrame(this.#frame);
    // After the throw has reached the caller (a script, or #reporting, which reports first).
    queueMicrotask(() => this.#report(error));
  };
  #formats;
  /** The load of a language's words this chart waits for (#wordsArriving), or null. */
  #wordsPending = null;
  /** The page's texts in the reader's language (pageStrings). */
  #strings = STRINGS.en;
  /** What the page reads of the last draw (ChartCore.drawInfo). */
  #layout = null;
  /** The read-out (readout.js). */
  #readout;
  /** The pending first build of the table (a timer id), or 0. */
  #tableTimer = 0;
  #root;
  /** The visible line under the chart that says how to read its numbers (option `explain`). */
  #explain;
  #overlay;
  /** The chart canvas's 2D context, asked for once (null where the browser gives none). */
  #context = null;
  #controls;
  /** The data table's wrapper and the button that shows it (table.js tableParts). */
  #table;
  /** The Download menu's button, its group of choices and their handle (option `downloads`). */
  #downloadButton;
  #downloadMenu;
  #downloads = null;
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
    const stage = make('div', 'hoc-stage');
    /** The <canvas> the chart is drawn into (null after destroy()). */
    this.canvas = make('canvas', 'hoc-canvas');
    this.canvas.setAttribute('role', 'img'); // its aria-label: the summary (#describe)
    this.canvas.setAttribute('aria-describedby', `${id}-keys`);
    this.canvas.tabIndex = 0;
    this.canvas.style.display = 'block';
    this.canvas.style.width = '100%';
    this.#overlay = make('canvas', 'hoc-overlay');
    this.#overlay.setAttribute('aria-hidden', 'true');

    const keys = make('p', 'hoc-sr-only hoc-keys');
    keys.id = `${id}-keys`;
    const live = make('div', 'hoc-sr-only hoc-live');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    this.#readout = readout(stage, this.canvas, this.#overlay, live, () => [this.#core, this.#size, this.#layout, this.#formats, this.#strings], () => this.#theme(), (handler) => this.#reporting(handler));

    const [table, button] = (this.#table = tableParts(`${id}-table`));
    button.addEventListener('click', () => this.toggleTable());
    this.#controls = make('div', 'hoc-controls');
    // The menu itself is made by downloads.js when first opened (`#openDownloads`).
    this.#downloadMenu = make('div', 'hoc-controls hoc-download-menu');
    this.#downloadMenu.id = `${id}-downloads`;
    this.#downloadMenu.hidden = true;
    const download = (this.#downloadButton = make('button', 'hoc-button'));
    download.type = 'button';
    download.setAttribute('part', 'download-button');
    download.setAttribute('aria-expanded', 'false');
    download.setAttribute('aria-controls', this.#downloadMenu.id);
    download.hidden = !options.downloads;
    download.addEventListener('click', this.#reporting(() => this.#openDownloads(this.#downloadMenu.hidden).catch((error) => this.#report(asError(error)))));
    this.#controls.append(button, download);

    this.#explain = make('p', 'hoc-explain');
    this.#explain.setAttribute('part', 'explain');
    this.#explain.hidden = true;

    this.#root.append(stage, this.#explain, keys, live, this.#controls, this.#downloadMenu, table);
    element.append(this.#root);

    // Watching starts before the first draw, which draws at the ratio it gives.
    const redraw = this.#reporting(() => this.#draw(true));
    [this.#ratio, this.#stopSize] = watchSize(element, () => this.#schedule(), redraw);
    this.#stopStyle = watchStyle(redraw, () => this.#core);
    try {
      this.#applyLocale();
      sendStyle(this.#core, this.#root);
      this.#draw(true);
      // The table after the pixels (a task later, or at once when asked for): on a cold page
      // its first Intl date format alone costs about 25 ms.
      this.#tableTimer = setTimeout(this.#reporting(() => this.#renderTable()), 0);
    } catch (error) {
      this.#stop(); // the caller frees the core and reports the error
      throw error;
    }
  }

  /** Replaces the data with a new spec (object or JSON text). Throws on an invalid spec and
   *  keeps the old chart drawn. */
  update(spec) {
    this.refreshWith(spec);
  }

  /**
   * @internal update() for a refresh (refresh.js): `modified` (Unix ms, the answer's
   * Last-Modified) stamps the footer unless the spec says when it was updated.
   */
  refreshWith(spec, modified = NaN) {
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
    const next = openCore(text, modified, columns, this.#options.timeZone);
    core.free();
    // A new engine instance: session.js sends it the style and the font's widths again.
    this.#core = guardCore(next, this.#onTrap);
    this.#shape = shape;
    this.#title = next.title();
    this.#readout.index = -1;
    this.#applyLocale(); // and the summary in its words, once
    sendStyle(this.#core, this.#root);
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
    // Checked by the core before anything changes: an unknown key leaves the chart as it was
    // (the core keeps its locale; the guarded core throws Errors).
    if (wordsChanged) sendLocale(core, next.locale || pageLocale(this.element), next.strings, this.#formats);
    if (next.timeZone !== timeZone) {
      try {
        applyZoneOption(core, next.timeZone);
      } catch (error) {
        if (wordsChanged) this.#applyLocale(); // back to the chart's own words: nothing changed
        throw error;
      }
    }
    this.#options = next;
    if (next.timeZone !== timeZone) {
      this.#readout.index = -1;
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
    const v = floats(values);
    const b = blocks === undefined || blocks === null ? undefined : Float64Array.from(blocks, gapAsNaN);
    core.setColumns(index, t, v, b); // the guarded core throws Errors
    resolveZone(core);
    this.#readout.index = -1;
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
    return this.#readout.index;
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
    this.#live();
    return this.#readout.show(index, announce);
  }

  /** Shows or hides the data table below the chart (it is always there for screen readers). */
  toggleTable(show = !this.#tableShown()) {
    this.#live();
    if (this.#tableTimer) this.#renderTable();
    showTable(this.#table, show, this.#strings);
  }

  /** Stops watching, removes what it added and frees the wasm memory. Safe to call twice. */
  destroy() {
    if (!this.#core) return;
    this.#follower?.stop();
    this.#follower = null;
    clearTimeout(this.#tableTimer);
    const core = this.#core;
    this.#stop();
    try {
      core.free();
    } catch {
      // A core that trapped mid-call may still count as borrowed; the instance goes on anyway.
    }
    this.canvas = null;
  }

  /** Stops watching and drawing, and takes the chart out of the page (the core is left to free). */
  #stop() {
    cancelAnimationFrame(this.#frame);
    this.#stopSize();
    this.#stopStyle();
    this.#root.remove();
    this.#core = null;
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

  /**
   * An event listener (or a redraw the page triggers) that reports what `handler` throws
   * instead of throwing into the page: it has no caller to throw to.
   */
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

  /** Loads `locale`'s words and shows them, unless the chart has moved on meanwhile. */
  #wordsArriving(locale) {
    if (this.#wordsPending?.locale === locale) return; // already on their way
    const pending = loadWords(locale).then(
      this.#reporting(() => {
        if (this.#wordsPending !== pending) return;
        this.#wordsPending = null;
        this.#applyLocale();
        this.#renderTable();
        this.#draw(true);
      }),
      () => {
        // The chart stays in English (loadWords said why in the console).
        if (this.#wordsPending === pending) this.#wordsPending = null;
      },
    );
    pending.locale = locale;
    this.#wordsPending = pending;
  }

  #tableShown() {
    return this.#table[0].classList.contains('hoc-shown');
  }

  /** The theme string for the core: "light"/"dark", or "" for the spec's own light/dark. */
  #theme() {
    return themeOf(this.#options.theme, this.#core);
  }

  #applyLocale() {
    const locale = this.#options.locale || pageLocale(this.element);
    this.#formats = new Formats(locale);
    // The core checks the override keys (naming an unknown one) and makes the chart's words.
    const loading = sendLocale(this.#core, locale, this.#options.strings, this.#formats);
    if (loading) this.#wordsArriving(locale);
    else this.#wordsPending = null;
    this.#strings = pageStrings(locale, this.#options.strings);
    // The language the chart's words are in, so a screen reader reads them with its rules
    // (WCAG 3.1.2): the locale's table language, English while its words load or without one.
    this.#root.lang = loading || coreWords(locale) === false ? 'en' : languageOf(locale);
    this.#root.querySelector('.hoc-keys').textContent = this.#strings['keys.help'];
    showTable(this.#table, this.#tableShown(), this.#strings);
    this.#downloadButton.textContent = this.#strings['download.menu'];
    this.#downloads?.words(this.#strings);
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

  /** The CSS size used for drawing; measured now if nothing has been drawn yet. */
  #cssSize() {
    if (this.#size.cssWidth > 0) return this.#size;
    const height = this.canvas.style.height;
    const { cssWidth, cssHeight } = this.#measure();
    this.canvas.style.height = height; // nothing is drawn: the canvas keeps its height
    return { cssWidth: Math.max(1, cssWidth), cssHeight };
  }

  /**
   * The chart's CSS size (sizing.js), its height when nothing else gives one as computed by
   * the core: clamp(round(width × 0.6), 260, 560), made taller if the plot itself would be
   * shorter than min(240, round(width × 0.5)): on a phone the title, subtitle and source wrap
   * onto several lines and would otherwise squeeze the plot to a strip.
   */
  #measure() {
    return measure(this.element, this.canvas, this.#controls, this.#options.height, (cssWidth) => {
      if (cssWidth <= 0) return 260; // the rule's clamp(round(width × 0.6), 260, 560) at no width
      // The core grows the height until the plot has min(240, max(200, width / 2)) px with every
      // title, note and key line in full (layout is cheap: no drawing).
      return Math.round(this.#core.autoHeight(cssWidth, this.#theme()));
    });
  }

  /** A redraw in the next frame, if the size changed; the page's (resize, zoom): reported. */
  #schedule() {
    if (this.#frame || !this.#core) return;
    this.#frame = requestAnimationFrame(this.#reporting(() => {
      this.#frame = 0;
      this.#draw(false);
    }));
  }

  #draw(force) {
    const { cssWidth, cssHeight } = this.#measure();
    const dpr = this.#ratio();
    const size = this.#size;
    // The canvas's one height write of the draw (measuring left it at 0 px).
    this.canvas.style.height = `${cssHeight}px`;
    const restyled = sendStyle(this.#core, this.#root);
    if (!force && !restyled && cssWidth === size.cssWidth && cssHeight === size.cssHeight && dpr === size.dpr) return;
    this.#overlay.style.height = `${cssHeight}px`;
    if (cssWidth === 0) return; // hidden (display: none or zero width): draw when it shows
    const width = Math.round(cssWidth * dpr);
    const height = Math.round(cssHeight * dpr);
    // Assigning width or height clears a canvas, even to the same value: only a new size is
    // assigned (the draw repaints the chart; the read-out is told when the overlay was cleared).
    let resized = false;
    for (const canvas of [this.canvas, this.#overlay]) {
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
        resized = canvas === this.#overlay;
      }
    }
    const theme = this.#theme();
    // Widths are sums of advances: draw without kerning so the ink never outruns them.
    const context = (this.#context ??= this.canvas.getContext('2d'));
    if (context && 'fontKerning' in context) context.fontKerning = 'none';
    this.#core.draw(this.canvas, context, dpr, theme); // the guarded core throws Errors
    this.#layout = this.#core.drawInfo(cssWidth, cssHeight, theme); // only what the page reads
    this.#size = { cssWidth, cssHeight, dpr };
    this.#root.dataset.theme = this.#layout.theme;
    this.#root.classList.toggle('hoc-narrow', cssWidth < 480);
    const [r, g, b] = this.#layout.background;
    this.#root.style.setProperty('--hoc-ui-background', `rgb(${r} ${g} ${b})`);
    if (this.#layout.font) this.#root.style.setProperty('--hoc-ui-font', this.#layout.font);
    this.#readout.paint(false, resized);
  }

  /** The data table (table.js), from the core's rows, in the reader's words. */
  #renderTable() {
    clearTimeout(this.#tableTimer);
    this.#tableTimer = 0;
    this.#table[0].replaceChildren(tableElement(this.#core.table(), this.#formats, this.#strings, this.#title));
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
  const [, loaded] = await Promise.all([loadCore(), loadText(), words, loadChartCss()]);
  const { text, columns, shape = null, modified = NaN } = typeof loaded === 'string' ? { text: loaded, columns: [] } : loaded;
  const core = openCore(text, modified, columns, checked.timeZone);
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
