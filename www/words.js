//! The reader's language on the page side: the page's texts (www/strings.js, generated from
//! src/text/i18n.rs), the locale a chart takes from its element, and the Intl formatters of the
//! tooltip, live region and table.

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

/** The page's texts for `tag` (www/strings.js, made from src/text/i18n.rs), with `overrides` over them. */
/**
 * Whether the core has a table for `tag`'s language: it then takes the months and separators
 * from its table and ignores Intl's, so the page need not read them (Formats.coreLocale).
 */
export function coreHasTable(tag) {
  return languageOf(tag) !== 'en' || String(tag ?? '').toLowerCase().split(/[-_]/)[0] === 'en';
}

export function pageStrings(tag, overrides) {
  const texts = { ...STRINGS.en, ...STRINGS[languageOf(tag)] };
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
