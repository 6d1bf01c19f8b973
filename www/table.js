//! The data table in the page's DOM: the core's table (ChartCore.table: granularity, columns,
//! rows) as a <table> with a caption, a header row with units and one row per period, every
//! cell text formatted in the reader's locale and the chart's time zone. Text only, no markup.
//! It sits in a wrapper below the chart, visually hidden until its button shows it (one
//! table, so a screen reader never meets it twice).

import { make } from './dom.js';

const DAY_MS = 86_400_000;

/** The table's wrapper (its element `id`) and the button that shows it: [wrapper, button]. */
export function tableParts(id) {
  const wrap = make('div', 'hoc-table-wrap hoc-sr-only');
  wrap.id = id;
  wrap.setAttribute('part', 'table');
  const button = make('button', 'hoc-button');
  button.type = 'button';
  button.setAttribute('part', 'table-button');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  return [wrap, button];
}

/** Shows or hides the table (`parts`, tableParts'), the button saying what it does next in `strings`. */
export function showTable([wrap, button], show, strings) {
  wrap.classList.toggle('hoc-shown', show);
  wrap.classList.toggle('hoc-sr-only', !show);
  button.setAttribute('aria-expanded', show);
  button.textContent = strings[show ? 'table.hide' : 'table.show'];
}

/**
 * The <table> for the core's `data`, in `formats` (words.js Formats) and the page's `strings`;
 * `title` names it when the core's table has none.
 */
export function tableElement(data, formats, strings, title) {
  const offset = data.timeZoneOffsetMinutes ?? 0;
  // Whole-day spacing means daily (or longer) values: dates only, named by each day's middle.
  const daily = data.rows.length > 1 && data.rows.every((row, i) => i === 0 || (row.time - data.rows[i - 1].time) % DAY_MS === 0);
  const withTime = data.granularity === 'point' && !daily && data.rows.some((row) => (row.time + offset * 60_000) % DAY_MS !== 0);
  const dayMiddle = data.granularity === 'point' && daily ? DAY_MS / 2 : 0;
  const kind = data.granularity === 'month' ? 'month' : withTime ? 'dateTime' : 'date';
  const timeHeader = strings[data.granularity === 'month' ? 'table.month' : withTime ? 'table.dateTime' : 'table.date'];
  const means = { day: strings['table.dailyMeans'], month: strings['table.monthlyMeans'] }[data.granularity];
  const note = means ? ` (${means})` : '';

  const table = make('table', 'hoc-table');
  table.append(make('caption', '', `${data.title || title || strings['table.caption']}${note}`));
  const header = (text, className = '') => {
    const cell = make('th', className, text);
    cell.scope = 'col';
    return cell;
  };
  const headerRow = make('tr');
  headerRow.append(
    header(timeHeader),
    ...data.columns.map((column) => header(column.unit ? `${column.label} (${column.unit})` : column.label, 'hoc-number')),
    header(strings['table.outage']),
  );
  const head = make('thead');
  head.append(headerRow);
  const body = make('tbody');
  for (const row of data.rows) {
    const tr = make('tr');
    const time = make('th', '', formats.time(row.time + dayMiddle, row.offset ?? offset, kind, data.timeZone));
    time.scope = 'row';
    tr.append(time, ...row.values.map((value) => make('td', 'hoc-number', formats.value(value, ''))), make('td', '', row.outages.join('; ')));
    body.append(tr);
  }
  table.append(head, body);
  return table;
}
