//! The read-out: which data time the reader points at or steps to (pointer, touch, keys), the
//! crosshair on the overlay canvas (drawn by the core), the tooltip with the core's read-out
//! (ChartCore.readout) in the reader's words and its place beside the crosshair, and the
//! sentence the live region says.

import { make } from './dom.js';

/**
 * The read-out of a chart drawn on `canvas`, its crosshair on `overlay`: both go into `stage`,
 * then the tooltip; `live` is the chart's aria-live region. `view()` gives what the read-out
 * reads from the chart now: [core, size ({ cssWidth, cssHeight, dpr } as drawn), layout
 * (drawInfo), formats, strings]; `theme()` the theme it is drawn in. Event handlers are
 * wrapped by `guard` (which reports what they throw). Returns the read-out: `index`, the one
 * shown or -1; `show` and `paint` below. (A closure, not a class: its state's names minify.)
 */
export function readout(stage, canvas, overlay, live, view, theme, guard) {
  const tip = make('div', 'hoc-tooltip');
  let context = null;
  /** Whether the overlay canvas holds nothing (new, resized, or last cleared). */
  let clear = true;
  const self = {
    index: -1,

    /**
     * Shows the crosshair and tooltip at read-out `index` (clamped to the data), or hides them
     * for a negative index; `announce` also puts it in the live region. Returns the index.
     */
    show(index, announce) {
      const count = view()[0].readoutCount();
      self.index = index < 0 || count === 0 ? -1 : Math.min(count - 1, Math.max(0, Math.round(index)));
      self.paint(announce);
      return self.index;
    },

    /**
     * Draws the overlay and fills the tooltip for the current read-out (or clears both);
     * `resized` when the overlay was just resized (which clears it).
     */
    paint(announce, resized) {
      const [core, size, layout, formats, strings] = view();
      const { cssWidth, cssHeight, dpr } = size;
      const index = self.index;
      if (resized) clear = true;
      if (cssWidth === 0) return;
      // Nothing to clear on an overlay just resized (resizing clears it) or already cleared.
      if (index >= 0 || !clear) core.drawReadout(overlay, (context ??= overlay.getContext('2d')), dpr, index, theme());
      clear = index < 0;
      if (index < 0) {
        tip.hidden = true;
        return;
      }
      const read = core.readout(index, cssWidth, cssHeight, theme());
      const described = describeReadout(read, formats, strings);
      fillTooltip(tip, described);
      tip.hidden = false;
      placeTooltip(tip, read, size, layout.plot); // a size is kept only with its draw's layout
      if (announce) live.textContent = announcement(described, strings);
    },
  };

  /** Pointer (mouse, pen, touch) over the stage: the nearest data time inside the plot. */
  const onPointer = guard((event) => {
    const [core, { cssWidth, cssHeight }, layout] = view();
    // Over the tooltip itself: hold still so its text can be selected.
    if (!layout || tip.contains(event.target)) return;
    const box = canvas.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    const { plot } = layout;
    const slack = 8;
    const inside = x >= plot.x - slack && x <= plot.x + plot.width + slack && y >= plot.y - slack && y <= plot.y + plot.height + slack;
    if (!inside) {
      if (event.type === 'pointerdown' || event.pointerType !== 'touch') self.show(-1);
      return;
    }
    const index = core.readoutAt(x, cssWidth, cssHeight);
    const tap = event.type === 'pointerdown' && event.pointerType === 'touch';
    if (index !== self.index || tap) self.show(index, tap);
  });

  const onKey = guard((event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const count = view()[0].readoutCount();
    if (count === 0) return;
    const current = self.index;
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
        self.show(-1);
        live.textContent = '';
        return;
      default:
        return;
    }
    event.preventDefault();
    self.show(Math.min(count - 1, Math.max(0, next)), true);
  });

  tip.setAttribute('aria-hidden', 'true'); // the live region says it
  tip.setAttribute('part', 'tooltip');
  tip.hidden = true;
  stage.append(canvas, overlay, tip);
  stage.addEventListener('pointermove', onPointer);
  stage.addEventListener('pointerdown', onPointer);
  stage.addEventListener('pointerleave', guard((event) => {
    // A finger lifts with a leave: a tap keeps its read-out until the next tap or Escape.
    if (event.pointerType !== 'touch') self.show(-1);
  }));
  canvas.addEventListener('keydown', onKey);
  return self;
}

/**
 * A read-out's texts in the chart's locale and time zone: `formats` (words.js Formats) and the
 * page's `strings` (pageStrings).
 */
function describeReadout(readout, formats, strings) {
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
function fillTooltip(tip, { time, entries, outages }) {
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
function announcement({ time, entries, outages }, strings) {
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
function placeTooltip(tip, readout, { cssWidth, cssHeight }, plot) {
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
