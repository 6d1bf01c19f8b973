//! Named time zones (options.timeZone "Asia/Almaty"): the chart module holds no tz database,
//! so the zone's offsets over the chart's span are read here from the browser's Intl and
//! handed to the core, which gives the same labels as the native build's tz database.


/** Intl formatters that read a wall clock in a named zone, by zone (they are slow to make). */
const zoneFormats = new Map();
/** Offsets already worked out: "name start end" → [initial, changes]. */
const zoneOffsets = new Map();

/**
 * The offsets of the core's named time zone (options.timeZone "Asia/Almaty") over its span,
 * from the browser's Intl, handed to the core: the chart module carries no tz database. The
 * offset is read once a day and each change found to the second by bisection, as the native
 * build reads the same changes from the tz database (src/time/tz.rs): the same labels either way.
 */
export function resolveZone(core, path = 'options.timeZone') {
  const request = core.zoneRequest();
  if (!request) return;
  const { name, start, end } = request;
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

/**
 * The `timeZone` option over the spec's own (UTC, an offset or an IANA name), with a named
 * zone's offsets from Intl; nothing when the option is not given.
 */
export function applyZoneOption(core, timeZone) {
  core.setTimeZone(timeZone ?? '');
  resolveZone(core, timeZone ? 'timeZone' : 'options.timeZone');
}
