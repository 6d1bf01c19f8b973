//! The read-out in the page's DOM: a core read-out (ChartCore.readout) in the reader's words,
//! the tooltip's rows and its place beside the crosshair, and the sentence the live region
//! says. The crosshair itself is drawn by the core on the overlay canvas.

import { make } from './dom.js';

/**
 * A read-out's texts in the chart's locale and time zone: `formats` (words.js Formats) and the
 * page's `strings` (pageStrings).
 */
export function describeReadout(readout, formats, strings) {
  const kind = readout.hasTime ? 'dateTime' : 'date';
  return {
    // A daily value names its date only: the date of its day's middle, in the chart's zone.
    time: formats.time(readout.labelTime ?? readout.time, readout.timeZoneOffsetMinutes, kind, readout.timeZone),
    entries: readout.entries.map((entry) => ({
      label: entry.label,
      // An expected value (a simulated outage's) says its range after it.
      value: `${entry.value === null ? strings['readout.noData'] : formats.value(entry.value, entry.unit)}${entry.note ? ` (${entry.note})` : ''}`,
      color: entry.color,
    })),
    outages: readout.outages,
  };
}

/** The tooltip's elements from its last fill, reused while the read-out has as many rows. */
const tooltipParts = new WeakMap();

/**
 * Fills the tooltip `tip` with a described read-out: the time, a row per series, the outages.
 * Between pointer moves only texts change: the elements stay, so the page re-lays out the
 * tooltip without restyling new ones (a move stays well under a millisecond in the shell).
 */
export function fillTooltip(tip, { time, entries, outages }) {
  let parts = tooltipParts.get(tip);
  if (!parts || parts.rows.length !== entries.length) {
    parts = {
      time: make('div', 'hoc-tooltip-time'),
      rows: entries.map(() => {
        const row = make('div', 'hoc-tooltip-row');
        const swatch = make('span', 'hoc-swatch');
        const label = make('span', 'hoc-tooltip-label');
        const value = make('span', 'hoc-tooltip-value');
        row.append(swatch, label, value);
        return { row, swatch, label, value, color: '' };
      }),
      outages: make('div', 'hoc-tooltip-outage'),
    };
    tooltipParts.set(tip, parts);
    tip.replaceChildren(parts.time, ...parts.rows.map((r) => r.row));
  }
  setText(parts.time, time);
  entries.forEach(({ label, value, color }, i) => {
    const row = parts.rows[i];
    const background = `rgb(${color.map(Number).join(' ')})`;
    // Compared with what was written (the style reads back as "rgb(r, g, b)").
    if (row.color !== background) row.swatch.style.background = row.color = background;
    setText(row.label, label);
    setText(row.value, value);
  });
  if (outages.length) {
    setText(parts.outages, outages.join('; '));
    if (parts.outages.parentNode !== tip) tip.append(parts.outages);
  } else parts.outages.remove();
}

/** Sets `element`'s text only when it differs (an equal write still replaces the text node). */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/** What the live region says for a described read-out, in the page's `strings`. */
export function announcement({ time, entries, outages }, strings) {
  const values = entries.map(({ label, value }) => `${label} ${value}`).join(', ');
  const inside = outages.length ? strings['live.inside'].replace('{outages}', () => outages.join(strings['list.and'])) : '';
  return `${time}: ${values}${inside}`;
}

/**
 * Places `tip` beside the crosshair on the side with room, at the top or bottom of the plot,
 * whichever is away from the points (and so from the lines near them). When it fits on neither
 * side (a phone), above or below the points instead. Never outside the `cssWidth` × `cssHeight`
 * stage; `plot` from the layout.
 */
export function placeTooltip(tip, readout, { cssWidth, cssHeight }, plot) {
  const gap = 12;
  const width = tip.offsetWidth;
  const height = tip.offsetHeight;
  const ys = readout.entries.map((entry) => entry.y).filter((y) => typeof y === 'number');
  const meanY = ys.length ? ys.reduce((sum, y) => sum + y, 0) / ys.length : plot.y + plot.height;
  let left;
  let top;
  if (readout.x + gap + width <= cssWidth || readout.x - gap - width >= 0) {
    left = readout.x + gap + width <= cssWidth ? readout.x + gap : readout.x - gap - width;
    top = meanY < plot.y + plot.height / 2 ? plot.y + plot.height - height - 4 : plot.y + 4;
  } else {
    left = readout.x - width / 2;
    const highest = ys.length ? Math.min(...ys) : plot.y + plot.height;
    const lowest = ys.length ? Math.max(...ys) : plot.y;
    top = highest - gap - height >= 0 ? highest - gap - height : lowest + gap;
  }
  left = Math.max(0, Math.min(cssWidth - width, left));
  top = Math.max(0, Math.min(cssHeight - height, top));
  tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
}
