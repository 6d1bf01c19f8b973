//! The chart's Download menu's actions (chart.js): the chart as a PNG (twice its size) or SVG
//! image, and its data as CSV (the table's rows, units in the header, the outage column), each
//! named after the chart's title. Imported on the first use: a page whose readers never
//! download does not fetch it; it imports nothing, so a bundler splits it off alone.

/** A file name from the chart's title ("did-kazakhstan-s-shutdown…"), else "hash-rate-chart". */
export function fileName(title, extension) {
  let slug = String(title ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  // At most 60 characters, in whole words where it can.
  if (slug.length > 60) {
    const cut = slug.slice(0, 61);
    slug = cut.includes('-') ? cut.replace(/-[^-]*$/, '') : cut.slice(0, 60);
  }
  return `${slug || 'hash-rate-chart'}.${extension}`;
}

/** One CSV cell: quoted when it holds a comma, a quote or a line break. */
function cell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The core's table (ChartCore.table) as CSV: the time (ISO 8601, UTC; a date for daily and
 * monthly rows), each column with its unit in the header, the outages; numbers as the core
 * holds them, not rounded.
 */
export function tableCsv(data, strings) {
  const DAY = 86_400_000;
  const daily = data.rows.every((row) => row.time % DAY === 0);
  const time = (ms) => {
    const iso = new Date(ms).toISOString();
    if (data.granularity === 'month') return iso.slice(0, 7);
    return daily ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  };
  const header = [strings[daily || data.granularity !== 'point' ? 'table.date' : 'table.dateTime'], ...data.columns.map((c) => (c.unit ? `${c.label} (${c.unit})` : c.label)), strings['table.outage']];
  const lines = [header.map(cell).join(',')];
  for (const row of data.rows) lines.push([time(row.time), ...row.values, row.outages.join('; ')].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The SVG drawn on a canvas `scale` times its size, as a PNG. */
export async function pngOf(svg, width, height, scale = 2) {
  const image = new Image();
  image.src = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise((done, fail) => canvas.toBlob((blob) => (blob ? done(blob) : fail(new Error('the browser made no PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(image.src);
  }
}

/** Hands `blob` to the browser as a download named `name`. */
export function save(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/**
 * Makes and saves what the reader picked: `kind` is "png", "svg" or "csv", of `chart` (a
 * Chart), `table()` its data table (the core's), `strings()` the page's texts.
 */
export async function download(kind, chart, table, strings) {
  const { title } = chart;
  if (kind === 'csv') {
    save(new Blob([tableCsv(table(), strings())], { type: 'text/csv;charset=utf-8' }), fileName(title, 'csv'));
    return;
  }
  const svg = await chart.toSVG();
  if (kind === 'svg') {
    save(new Blob([svg], { type: 'image/svg+xml' }), fileName(title, 'svg'));
    return;
  }
  const { width, height } = chart.layout();
  save(await pngOf(svg, width, height), fileName(title, 'png'));
}

/**
 * The Download menu in `menu` (a hidden element under the chart), opened by `button`: a group
 * of three buttons, the first focused on opening, Escape closing it back to `button`; a failed
 * download says why in the console. Returns `{ open(bool), words(strings) }`.
 */
export function downloadMenu(menu, button, chart, table, strings) {
  menu.setAttribute('role', 'group');
  menu.setAttribute('part', 'download-menu');
  const choices = ['png', 'svg', 'csv'].map((kind) => {
    const choice = document.createElement('button');
    choice.className = 'hoc-button';
    choice.type = 'button';
    choice.dataset.kind = kind;
    choice.addEventListener('click', async () => {
      try {
        await download(kind, chart, table, strings);
        open(false);
        button.focus();
      } catch (error) {
        console.error('hashrate-outage-chart:', error);
      }
    });
    return choice;
  });
  menu.replaceChildren(...choices);
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    open(false);
    button.focus();
  });
  function open(show) {
    menu.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (show) choices[0].focus();
  }
  return {
    open,
    words(strings) {
      menu.setAttribute('aria-label', strings['download.menu']);
      for (const choice of choices) choice.textContent = strings[`download.${choice.dataset.kind}`];
    },
  };
}
