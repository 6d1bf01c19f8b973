//! <hashrate-outage-chart>: the HTML embed. Reads the spec from `src` or an inline
//! <script type="application/json"> child, mounts a chart in its shadow root, and reports
//! progress in `data-state` (loading | ready | error). With a `fallback` image it shows that
//! until the chart is ready, then swaps in place. Sizing, drawing, the read-out and the
//! data table are chart.js's (its styles, styles.js, are adopted into this shadow root).

import { mountText } from './chart.js';
import { make } from './dom.js';
import { messageOf } from './engine.js';
import { FETCH_TIMEOUT_MS, MAX_TIMEOUT_MS, checkSource, fetchSpec, parseOrigins, refreshSeconds } from './spec.js';
import { adoptStyles } from './styles.js';
import { languageOf, pageLocale, pageStrings } from './words.js';

// `.chart.behind`: the chart is laid out and drawn behind the fallback, then swapped in
// within one task. (Comments stay out of the text: it is downloaded.)
const STYLE = `
:host { display: block; }
:host([hidden]) { display: none; }
.chart { height: 100%; }
.chart[hidden], .error[hidden], .loading[hidden], .fallback[hidden] { display: none; }
:host([fallback]) { position: relative; }
.fallback { display: flex; flex-direction: column; height: 100%; }
.fallback img { display: block; flex: 1 1 auto; min-height: 0; width: 100%; height: auto; object-fit: contain; }
.fallback .hoc-controls { visibility: hidden; }
.chart.behind { position: absolute; top: 0; left: 0; right: 0; height: auto; visibility: hidden; }
.loading { margin: 0; padding: 0.75em 0; font: inherit; font-size: 0.9em; opacity: 0.75; }
.error {
  box-sizing: border-box; margin: 0; padding: 0.75em 1em; border: 1px solid #b42318; border-left-width: 4px;
  background: #fef3f2; color: #7a271a; font: inherit; font-size: 0.9em; line-height: 1.4; overflow-wrap: anywhere;
}
.error-title { font-weight: bold; margin: 0 0 0.25em; }
.error-message { margin: 0; }
:host([theme="dark"]) .error { background: #2b1412; color: #fecdca; border-color: #f97066; }
@media (prefers-color-scheme: dark) {
  :host([theme="auto"]) .error { background: #2b1412; color: #fecdca; border-color: #f97066; }
}
`;

let sheet = null;

/** STYLE as one constructable stylesheet shared by every element: a strict CSP (style-src
 *  'self') blocks <style> elements in a shadow root, but not adopted stylesheets. */
function elementSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}

/** The spec's title from its JSON text, or '' (only for the fallback's alt text). */
function titleOf(text) {
  try {
    const title = JSON.parse(text)?.title;
    return typeof title === 'string' ? title.trim() : '';
  } catch {
    return '';
  }
}

/**
 * The `timeout` attribute (ms, for a `src`), at most MAX_TIMEOUT_MS; FETCH_TIMEOUT_MS when
 * absent or not positive.
 */
function timeoutOf(text) {
  const timeout = text === null ? NaN : Number(text);
  return Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, MAX_TIMEOUT_MS) : FETCH_TIMEOUT_MS;
}

/** Interface words that state no finding: the only ones `strings-scope="interface"` takes. */
const INTERFACE_KEYS = new Set([
  'table.show', 'table.hide', 'table.caption', 'table.dailyMeans', 'table.monthlyMeans', 'table.date',
  'table.dateTime', 'table.month', 'table.outage', 'keys.help', 'readout.noData', 'loading', 'error.title',
]);
/** The longest override `strings-scope="interface"` takes, in characters. */
const INTERFACE_MAX_LENGTH = 200;

/** The `{name}` placeholders of a text, sorted. */
function placeholders(text) {
  return [...String(text).matchAll(/\{[a-zA-Z]+\}/g)].map((m) => m[0]).sort().join(' ');
}

/**
 * Overrides from a source anyone can write (embed.html's query string): interface words only,
 * each a string of at most INTERFACE_MAX_LENGTH characters keeping the placeholders of the word
 * it replaces. Anything else is refused by name, not dropped.
 */
function checkInterfaceStrings(overrides, english) {
  for (const [key, text] of Object.entries(overrides)) {
    if (!INTERFACE_KEYS.has(key)) {
      throw new Error(`strings: ${JSON.stringify(key)} cannot be set from the page's address; only interface words can (${[...INTERFACE_KEYS].join(', ')})`);
    }
    if (typeof text !== 'string' || text.length > INTERFACE_MAX_LENGTH) {
      throw new Error(`strings: ${JSON.stringify(key)} must be a text of at most ${INTERFACE_MAX_LENGTH} characters`);
    }
    if (placeholders(text) !== placeholders(english[key])) {
      throw new Error(`strings: ${JSON.stringify(key)} must keep the placeholders of the text it replaces (${placeholders(english[key]) || 'none'})`);
    }
  }
  return overrides;
}

export class HashrateOutageChartElement extends HTMLElement {
  static observedAttributes = ['src', 'theme', 'height', 'locale', 'time-zone', 'strings', 'fallback', 'alt', 'allow-origins', 'explain', 'downloads', 'refresh'];

  #chart = null;
  #connected = false;
  /** Bumped by every (re)load and disconnect, so a load that was overtaken drops its result. */
  #generation = 0;
  #container;
  #errorBox;
  #errorMessage;
  #loading;
  #fallback;
  #fallbackImage;
  #errorTitle;
  /** The spec's title once known, for the fallback's default alt text. */
  #title = '';
  /** While lazy loading waits: its IntersectionObserver and the load it starts. */
  #near = null;
  /** The `src` loaded last, as refresh follows it: `{ url, timeout, first }` (the answer). */
  #followed = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [elementSheet()];
    this.#loading = make('p', 'loading');
    this.#loading.setAttribute('part', 'loading');
    this.#loading.setAttribute('role', 'status');
    this.#loading.hidden = true;
    this.#container = make('div', 'chart');
    this.#container.setAttribute('part', 'chart');
    this.#errorBox = make('div', 'error');
    this.#errorBox.setAttribute('part', 'error');
    this.#errorBox.setAttribute('role', 'alert');
    this.#errorBox.hidden = true;
    const title = make('p', 'error-title');
    this.#errorTitle = title;
    this.#errorMessage = make('p', 'error-message');
    this.#errorMessage.lang = 'en'; // the messages (validation, loading) are English
    this.#errorBox.append(title, this.#errorMessage);
    root.append(this.#loading, this.#container, this.#errorBox);
  }

  /** Makes the fallback's image and placeholder row, the first time a `fallback` is shown. */
  #makeFallback() {
    this.#fallback = make('div', 'fallback');
    this.#fallback.setAttribute('part', 'fallback');
    this.#fallbackImage = make('img');
    this.#fallbackImage.decoding = 'async';
    // Stands in for the chart's "Show data table" row (same classes, invisible), so that a
    // fallback with the chart's aspect ratio takes exactly the chart's height.
    const placeholder = make('div', 'hoc');
    placeholder.setAttribute('aria-hidden', 'true');
    const controls = make('div', 'hoc-controls');
    const words = this.#words();
    // The row's buttons as the chart will have them: "Show data table" and "Download" (unless
    // downloads="off").
    for (const key of ['table.show', 'download.menu']) {
      const button = make('button', 'hoc-button');
      button.type = 'button';
      button.tabIndex = -1;
      button.textContent = words[key];
      if (key === 'download.menu') button.hidden = this.getAttribute('downloads')?.trim().toLowerCase() === 'off';
      controls.append(button);
    }
    placeholder.append(controls);
    this.#fallback.append(this.#fallbackImage, placeholder);
    this.#errorBox.before(this.#fallback); // in flow above an error; the chart is laid over it
    adoptStyles(this.#container); // styles.js sizes the placeholder row as the chart's own
  }

  /** The mounted Chart (see chart.js) while `data-state` is `ready`; otherwise null. */
  get chart() {
    return this.#chart;
  }

  connectedCallback() {
    this.#connected = true;
    if (this.#defer()) return;
    this.#load();
  }

  /**
   * Lazy loading: a chart far below the fold costs nothing (no spec, wasm or words) until it
   * comes within about a screen of the viewport, or the page is printed. `loading="eager"`
   * loads at once, as does a browser without IntersectionObserver. Until then the element
   * keeps the chart's height, so the page does not move when it arrives. Returns whether the
   * load was deferred.
   */
  #defer() {
    if (this.getAttribute('loading') === 'eager' || typeof IntersectionObserver !== 'function') return false;
    const generation = this.#generation;
    try {
      this.#setState('loading');
    } catch (error) {
      this.#fail(error); // a refused fallback: said now, nothing to load
      return true;
    }
    this.#reserve(true);
    const go = () => {
      this.#stopWatching();
      if (this.#connected && generation === this.#generation) this.#load();
    };
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && go(), { rootMargin: '100% 0px' });
    observer.observe(this);
    window.addEventListener('beforeprint', go);
    this.#near = { observer, go };
    return true;
  }

  #stopWatching() {
    if (!this.#near) return;
    this.#near.observer.disconnect();
    window.removeEventListener('beforeprint', this.#near.go);
    this.#near = null;
  }

  /**
   * Holds the chart's height (its `height`, else the chart's own rule) while it loads; a
   * fallback image holds it itself.
   */
  #reserve(on) {
    if (!on || this.hasAttribute('fallback')) {
      this.style.removeProperty('min-height');
      return;
    }
    const given = parseFloat(this.getAttribute('height') ?? '');
    const width = this.getBoundingClientRect().width;
    const height = Number.isFinite(given) && given > 0 ? given : Math.min(560, Math.max(260, Math.round(width * 0.6)));
    this.style.setProperty('min-height', `${height}px`);
  }

  disconnectedCallback() {
    this.#connected = false;
    this.#stopWatching();
    this.#generation += 1;
    this.#chart?.destroy();
    this.#chart = null;
  }

  attributeChangedCallback(name, oldValue, newValue) {
    // Attributes present at upgrade arrive before connectedCallback, which loads anyway.
    if (!this.#connected || oldValue === newValue) return;
    if (name === 'fallback' || name === 'alt' || name === 'height') {
      try {
        this.#showFallback(this.dataset.state !== 'ready');
      } catch (error) {
        this.#fail(error);
        return;
      }
      if (name !== 'height') return;
    }
    if (name === 'refresh') {
      if (this.#chart) this.#follow();
      else if (this.dataset.state === 'error') this.#load(); // a refused refresh, corrected
      return;
    }
    const reload = name === 'src' || name === 'allow-origins';
    if (reload || !this.#chart) {
      if (reload || this.dataset.state === 'error') this.#load();
      return; // theme/height/locale while loading: #load applies the latest ones when it finishes
    }
    try {
      this.#chart.setOptions(this.#options()); // a language's words may follow a moment later
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The mount options from the `theme`, `height`, `locale`, `time-zone`, `strings` and `explain` attributes (checked by chart.js). */
  #options() {
    const timeZone = this.getAttribute('time-zone')?.trim() || null;
    const theme = this.getAttribute('theme') || undefined;
    const heightText = this.getAttribute('height');
    const height = heightText === null || heightText.trim() === '' ? undefined : parseFloat(heightText);
    const locale = this.getAttribute('locale')?.trim() || null;
    // `explain` (a boolean attribute): the line under the chart on how to read its numbers.
    // `downloads="off"` hides the Download menu.
    return { theme, height, locale, timeZone, strings: this.#overrides(), explain: this.hasAttribute('explain'), downloads: this.getAttribute('downloads')?.trim().toLowerCase() !== 'off' };
  }

  async #load() {
    this.#stopWatching();
    const generation = (this.#generation += 1);
    this.#title = ''; // the alt text names the new spec's title once it has arrived
    this.#chart?.destroy();
    this.#chart = null;
    this.#followed = null;
    try {
      this.#setState('loading');
      const source = await this.#source();
      if (generation !== this.#generation) return;
      const loadText = async () => {
        const loaded = await source();
        this.#title = titleOf(loaded.text);
        this.#showFallback(true);
        return loaded;
      };
      const chart = await mountText(this.#container, loadText, this.#options(), (error) => this.#fail(error));
      if (generation !== this.#generation) {
        chart.destroy();
        return;
      }
      this.#chart = chart;
      chart.setOptions(this.#options()); // in case theme or height changed while loading
      this.#setState('ready');
      this.#reserve(false);
      this.#follow();
    } catch (error) {
      if (generation === this.#generation) this.#fail(error);
    }
  }

  /**
   * With `refresh` and a `src`, the chart follows the `src` (refresh.js); without, it stops.
   * A bad `refresh` is the element's error.
   */
  #follow() {
    const chart = this.#chart;
    try {
      const seconds = refreshSeconds(this.getAttribute('refresh'));
      const followed = seconds ? this.#followed : null;
      chart.follow(followed?.url ?? null, { seconds, timeout: followed?.timeout, first: followed?.first }).catch((error) => this.#fail(error));
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Returns a function that loads the spec: `{ text, columns, modified }`, from `src`, else
   * the inline JSON child.
   */
  async #source() {
    const src = this.getAttribute('src');
    const refresh = refreshSeconds(this.getAttribute('refresh')); // said before anything loads
    if (src !== null && src.trim() !== '') {
      const timeout = timeoutOf(this.getAttribute('timeout'));
      const url = checkSource(src.trim(), this.#allowOrigins(), 'chart spec');
      return async () => {
        const first = {};
        first.text = await fetchSpec(url, { timeout, meta: first });
        this.#followed = { url, timeout, first };
        return { text: first.text, columns: [], modified: Date.parse(first.lastModified) };
      };
    }
    if (refresh) throw new Error('refresh: follows a src; this chart has its spec inline');
    let script = this.#inlineSpec();
    if (!script && document.readyState === 'loading') {
      // Defined before the parser reached our children: wait for them.
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      script = this.#inlineSpec();
    }
    if (!script) {
      throw new Error('No chart spec: give <hashrate-outage-chart> a src attribute or a <script type="application/json"> child');
    }
    const text = script.textContent;
    return async () => ({ text, columns: [] });
  }

  /** The origins the page's owner allows besides its own (`allow-origins`). */
  #allowOrigins() {
    return parseOrigins(this.getAttribute('allow-origins'));
  }

  #inlineSpec() {
    return this.querySelector(':scope > script[type="application/json"]');
  }

  #setState(state) {
    this.dataset.state = state;
    const failed = state === 'error';
    let fallback = false;
    try {
      fallback = this.#showFallback(state !== 'ready');
    } catch (error) {
      // A refused fallback: never shown, and the element says why (once: the error state
      // shows no fallback it would refuse again).
      if (!failed) throw error;
    }
    this.#errorBox.hidden = !failed;
    if (state === 'loading') {
      this.#loading.textContent = this.#words().loading;
      this.#loading.lang = this.#language();
    }
    this.#loading.hidden = state !== 'loading' || fallback;
    this.#container.hidden = failed;
    this.#container.classList.toggle('behind', fallback && state === 'loading');
    if (!failed) this.#errorMessage.textContent = '';
  }

  /**
   * Shows the `fallback` image (when `show` and the attribute names one) or hides it; returns
   * whether it is shown. Its alt text is the `alt` attribute, else "Chart: " and the title.
   */
  #showFallback(show) {
    const given = this.getAttribute('fallback')?.trim();
    const shown = Boolean(show && given);
    if (!shown) {
      if (this.#fallback) this.#fallback.hidden = true;
      return false;
    }
    let url;
    try {
      url = checkSource(given, this.#allowOrigins(), 'fallback image');
    } catch (error) {
      if (this.#fallback) this.#fallback.hidden = true;
      throw error;
    }
    if (!this.#fallback) this.#makeFallback();
    this.#fallback.hidden = false;
    const image = this.#fallbackImage;
    if (image.getAttribute('src') !== url) image.src = url;
    const words = this.#words();
    this.#fallback.lang = this.#language();
    // A function, not a replacement pattern: "$&" in a title stays as written.
    image.alt = this.getAttribute('alt') ?? (this.#title ? words['alt.titled'].replace('{title}', () => this.#title) : words['alt.chart']);
    const height = parseFloat(this.getAttribute('height') ?? '');
    image.style.height = Number.isFinite(height) && height > 0 ? `${height}px` : '';
    return true;
  }

  /** The `strings` attribute: the embedder's texts by key, as JSON (checked by the core). */
  #overrides() {
    const text = this.getAttribute('strings');
    if (text === null || text.trim() === '') return null;
    let overrides;
    try {
      overrides = JSON.parse(text);
    } catch (error) {
      throw new Error(`strings: expected a JSON object of texts by key (${error.message})`);
    }
    if (this.getAttribute('strings-scope') === 'interface' && overrides && typeof overrides === 'object') {
      return checkInterfaceStrings(overrides, pageStrings('en', null));
    }
    return overrides;
  }

  /** The language of the element's own texts (the chart's root says the chart's: chart.js). */
  #language() {
    return languageOf(this.getAttribute('locale')?.trim() || pageLocale(this));
  }

  /** The page's texts in the element's language (its `locale`, else the nearest `lang`). */
  #words() {
    let overrides = null;
    try {
      overrides = this.#overrides();
    } catch {
      // shown as the element's error when the chart is mounted
    }
    return pageStrings(this.getAttribute('locale')?.trim() || pageLocale(this), overrides);
  }

  #fail(error) {
    this.#reserve(false);
    const message = messageOf(error);
    this.#errorTitle.textContent = this.#words()['error.title'];
    this.#errorTitle.lang = this.#language();
    this.#chart?.destroy();
    this.#chart = null;
    this.#errorMessage.textContent = message;
    this.#setState('error');
    this.dispatchEvent(new CustomEvent('error', { detail: { message } }));
  }
}

if (!customElements.get('hashrate-outage-chart')) {
  customElements.define('hashrate-outage-chart', HashrateOutageChartElement);
}
