//! The core session: a chart's wasm ChartCore and what the page sends it. The spec (with its
//! typed columns) and the time-zone option make a core; then the locale and its words, the
//! host's --hoc-* style and the widths of the font it is drawn in, each sent only when it
//! changed. What the core gives back (drawing, read-outs, table) is asked for by chart.js.

import { ChartCore, asError } from './engine.js';
import { make } from './dom.js';
import { measureFont } from './fonts.js';
import { applyColumns } from './spec.js';
import { SERIES_PROPERTIES, STYLE_PROPERTIES, normaliseColor } from './styles.js';
import { Formats, coreHasTable, coreWords } from './words.js';
import { applyZoneOption } from './zones.js';

const FORCED = matchMedia('(forced-colors: active)');
const DARK = matchMedia('(prefers-color-scheme: dark)');

/** The style JSON each core was last sent. */
const styled = new WeakMap();
/** The cores that have the widths of the font and characters they draw now. */
const measured = new WeakSet();

/**
 * A core for the spec's JSON `text`, its typed `columns` (splitColumns), the `modified` time
 * (Unix ms, NaN for none) and the `timeZone` option; throws (as an Error) and frees it when
 * any of them is refused.
 */
export function openCore(text, modified, columns, timeZone) {
  let core;
  try {
    core = new ChartCore(text);
    core.setUpdated(modified);
    applyColumns(core, columns);
    if (timeZone) applyZoneOption(core, timeZone);
  } catch (error) {
    core?.free();
    throw asError(error);
  }
  return core;
}

/**
 * Sends `core` the locale `locale` (BCP 47) with the embedder's `strings`: a table language's
 * words, months and separators (www/locale/*.js, loaded once per page; mount() waits for
 * them); any other language's months and separators from Intl (`formats`, when they are that
 * locale's), with English words; English while a table language's words are on their way
 * (then true is returned: send it again when they are in) or could not be loaded. Never a
 * language's tag without its words. The core checks the strings' keys (naming an unknown
 * one) and keeps its locale when it throws.
 */
export function sendLocale(core, locale, strings, formats) {
  let words = null;
  let loading = false;
  if (!coreHasTable(locale)) words = (formats?.locale === locale ? formats : new Formats(locale)).coreLocale();
  else {
    words = coreWords(locale);
    if (words === undefined || words === false) {
      loading = words === undefined;
      locale = 'en';
    }
  }
  core.setLocale(JSON.stringify({ ...words, tag: locale, strings }));
  measured.delete(core); // the words may bring characters to measure
  return loading;
}

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

/**
 * Sends `core` the --hoc-* custom properties as `root` has them, and the widths of the font
 * they name; true if either changed.
 */
export function sendStyle(core, root) {
  const computed = getComputedStyle(root);
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
  while (series.at(-1) === null) series.pop();
  if (series.length) style.series = series;
  // The reader's text size: the root's font size over the browser's 16 px (never smaller).
  const rootSize = parseFloat(getComputedStyle(document.documentElement).fontSize);
  if (rootSize > 16) style.textScale = rootSize / 16;
  // Forced colours (Windows High Contrast): the system's colours; the core hatches bands.
  if (FORCED.matches) Object.assign(style, systemColors(root), { forcedColors: true });
  const json = JSON.stringify(style);
  if (json === styled.get(core)) return sendMetrics(core);
  core.setStyle(json);
  styled.set(core, json);
  measured.delete(core); // the font may have changed
  if (style.font && document.fonts?.load) {
    // Ask for the web font now; `loadingdone` redraws once it arrives.
    for (const weight of ['', 'bold ']) document.fonts.load(`${weight}16px ${style.font}`).catch(() => {});
  }
  sendMetrics(core);
  return true;
}

/**
 * Hands the core the advance widths of the font the chart is drawn in, as this browser
 * resolves it, so wrapping and collision tests use real widths; true if they changed.
 */
function sendMetrics(core) {
  // Only when the engine, the font, the locale or the loaded fonts changed: not per draw.
  if (measured.has(core)) return false;
  measured.add(core);
  const extra = core.textChars();
  const found = measureFont(core.fontFamily(), extra, core.builtinProbe(extra));
  // null: the font measures as the built-in table (an empty measurement keeps the table).
  const { text, regular, bold } = found ?? { text: '', regular: new Float64Array(), bold: new Float64Array() };
  core.setFontMetrics(text, regular, bold);
  return true;
}

/**
 * The theme string for `core`: the option (`setting`), else "" for the spec's own light or
 * dark; "auto" (the option's or the spec's) is "light" or "dark" as the page's scheme is now.
 */
export function themeOf(setting, core) {
  setting ||= core?.themeSetting() === 'auto' ? 'auto' : '';
  if (setting !== 'auto') return setting;
  return DARK.matches ? 'dark' : 'light';
}

/**
 * Watches what changes the style a chart is drawn in: the page's colour scheme, forced
 * colours and fonts arriving; `redraw` draws again, `core()` is the chart's core now (its
 * font is measured again after a font arrived). Returns what stops watching.
 */
export function watchStyle(redraw, core) {
  const onFonts = () => {
    // A web font arrived: measure the chart's font again before redrawing.
    measured.delete(core());
    redraw();
  };
  DARK.addEventListener('change', redraw);
  FORCED.addEventListener('change', redraw);
  document.fonts?.addEventListener('loadingdone', onFonts);
  // Fonts still loading (a --hoc-font just asked for, say): draw again once they are in.
  // When none are, `ready` has nothing new and a second draw would only delay the page.
  if (document.fonts && document.fonts.status !== 'loaded') document.fonts.ready.then(redraw);
  return () => {
    DARK.removeEventListener('change', redraw);
    FORCED.removeEventListener('change', redraw);
    document.fonts?.removeEventListener('loadingdone', onFonts);
  };
}
