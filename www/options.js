//! The options of mount() and Chart.setOptions(): checked, with the message that names what
//! is wrong, and normalised.

import { canonicalLocale } from './words.js';

const THEMES = ['light', 'dark', 'auto'];

/**
 * mount()'s and setOptions()'s `options` checked (an Error names the first bad one) and in
 * the form the chart keeps: theme '' for the spec's own, height and locale null when not
 * given, strings null when empty, explain and downloads as booleans.
 */
export function checkOptions(options) {
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
