//! The reader's language on the page side: the page's texts (www/strings.js, generated from
//! src/text/i18n.rs), the chart's words in languages other than English (www/locale/*.js, from
//! the same tables, loaded only by a page that shows a chart in that language: the chart module
//! carries English only), the locale a chart takes from its element, and the Intl formatters of
//! the tooltip, live region and table.

import { STRINGS } from './strings.js';

/**
 * The language of a BCP 47 tag that has a translation table ('de' for 'de-AT'), else 'en'; as
 * the core's Lang::from_tag (src/text/i18n.rs): Traditional Chinese has no table and reads English.
 */
export function languageOf(tag) {
  const parts = String(tag ?? '').toLowerCase().replace(/_/g, '-').split('-');
  const primary = parts[0];
  if (!Object.hasOwn(STRINGS, primary)) return 'en';
  if (primary === 'zh' && parts.slice(1).some((p) => ['hant', 'tw', 'hk', 'mo'].includes(p))) return 'en';
  return primary;
}

/**
 * Whether the widget has a table for `tag`'s language: the core then takes the words, months
 * and separators from it (coreWords) and not from Intl, so the page need not read Intl's
 * (Formats.coreLocale).
 */
export function coreHasTable(tag) {
  return languageOf(tag) !== 'en' || String(tag ?? '').toLowerCase().split(/[-_]/)[0] === 'en';
}

// Each table language's module for the core, beside this file. Static URLs, so bundlers emit
// the files as assets (as the wasm's); the import below is left to the browser.
const WORDS_URLS = {
  de: new URL('./locale/de.js', import.meta.url),
  es: new URL('./locale/es.js', import.meta.url),
  fr: new URL('./locale/fr.js', import.meta.url),
  ru: new URL('./locale/ru.js', import.meta.url),
  zh: new URL('./locale/zh.js', import.meta.url),
};
const wordsByLanguage = new Map();

/**
 * What the core needs beside its English table for `tag`: `{ words, monthsShort, ... }` for a
 * table language once loaded (loadWords); undefined while it is not; false when it could not
 * be (the chart stays in English; no second try on this page); null when the core needs
 * nothing (English, or a language without a table, whose dates come from Intl).
 */
export function coreWords(tag) {
  const language = languageOf(tag);
  if (!Object.hasOwn(WORDS_URLS, language)) return null;
  return wordsByLanguage.get(language)?.data;
}

/**
 * Loads `tag`'s language module once per page; resolves to coreWords(tag), rejects if it
 * cannot (and says why in the console, once per page and language).
 */
export function loadWords(tag) {
  const language = languageOf(tag);
  if (!Object.hasOwn(WORDS_URLS, language)) return Promise.resolve(null);
  let entry = wordsByLanguage.get(language);
  if (!entry) {
    const url = WORDS_URLS[language];
    entry = { data: undefined, promise: null };
    entry.promise = import(/* webpackIgnore: true */ /* @vite-ignore */ url.href)
      .then((module) => {
        const data = module.default;
        if (!data || data.words === null || typeof data.words !== 'object') throw new Error('it holds no words');
        return (entry.data = data);
      })
      .catch((cause) => {
        entry.data = false; // English for the rest of this page; said here, once
        const error = new Error(`Could not load the chart's words for "${language}" from ${url.pathname}: ${cause?.message ?? cause}`);
        console.error('hashrate-outage-chart:', error);
        throw error;
      });
    wordsByLanguage.set(language, entry);
  }
  return entry.promise;
}

/** The page's texts for `tag` (www/strings.js, made from src/text/i18n.rs), with `overrides` over them. */
export function pageStrings(tag, overrides) {
  // English, then what the page carries of the language (its texts before its words arrive),
  // then the language's words once loaded (loadWords: a chart is drawn after they arrive).
  const texts = { ...STRINGS.en, ...STRINGS[languageOf(tag)] };
  const loaded = coreWords(tag)?.words;
  if (loaded) for (const key of Object.keys(STRINGS.en)) if (typeof loaded[key] === 'string') texts[key] = loaded[key];
  for (const [key, text] of Object.entries(overrides ?? {})) if (Object.hasOwn(texts, key)) texts[key] = text;
  return texts;
}

export function canonicalLocale(tag) {
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

/** "UTC", "UTC+05:30", "UTC-03:00" for a time-zone offset in minutes. */
function zoneName(offsetMinutes) {
  if (!offsetMinutes) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const minutes = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Intl formatters for one locale: dates in the chart's time zone, values to 3 significant digits. */
const UTC = { timeZone: 'UTC' };

export class Formats {
  // Each Intl format is made when first used (the tooltip, the table), not before the chart's
  // first pixels: a constructor costs milliseconds on a cold page.
  #number;
  #date;
  #dateTime;
  #month;

  constructor(locale) {
    this.locale = locale;
  }

  get number() {
    return (this.#number ??= new Intl.NumberFormat(this.locale, { maximumSignificantDigits: 3 }));
  }

  get date() {
    return (this.#date ??= new Intl.DateTimeFormat(this.locale, { ...UTC, day: 'numeric', month: 'short', year: 'numeric' }));
  }

  get dateTime() {
    return (this.#dateTime ??= new Intl.DateTimeFormat(this.locale, {
      ...UTC, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit',
    }));
  }

  get month() {
    return (this.#month ??= new Intl.DateTimeFormat(this.locale, { ...UTC, month: 'long', year: 'numeric' }));
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
