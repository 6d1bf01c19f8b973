//! The chart maker (maker.html): the reporter's fields in, a chart spec out, drawn live in two
//! previews (a phone and the article's width) by the widget itself, and published as a spec,
//! embed code, PNG or SVG. The data is the built-in chain history (data/chain-history.csv: the
//! blocks and difficulty of every UTC day, turned into the hash rate by the widget's own
//! adapter), newer days from blockchain.com, or the reporter's own files (convert()). The work
//! is kept in localStorage and in the address's hash. Not part of the embed.

import { convert, mount } from './index.min.js';
import { MAKER_STRINGS, interfaceLanguage } from './maker-strings.js';
import { fileName, pngOf, save as saveFile } from './downloads.js';

const HISTORY_URL = new URL('./data/chain-history.csv', import.meta.url);
const HISTORY_SOURCE = 'Blocks per day: Bitcoin Visuals; difficulty: bitcoinj checkpoints';
const FRESH_API = 'https://api.blockchain.info/charts/hash-rate';
const FRESH_SOURCE = 'blockchain.com';
const STORE = 'hashrate-outage-chart:maker';
const DAY_MS = 86_400_000;
const WIDE = 680;

const $ = (id) => document.getElementById(id);

/** The maker's own language (its words: maker-strings.js); the chart's is the "Chart language" option. */
let ui = 'en';
/** A text of the interface language with its {placeholders} filled (a function: "$&" stays). */
function t(key, vars = {}) {
  const text = MAKER_STRINGS[ui]?.[key] ?? MAKER_STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}
/** The history's first and last days, for the note that names them. */
const historyDays = { first: '2009', last: '2025' };

/** Puts the interface language's words into `root` (the page, or a new row). */
function translate(root) {
  for (const el of root.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t, historyDays);
  for (const el of root.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}
const form = $('maker');
const fields = {
  from: $('from'), to: $('to'), title: $('title'), subtitle: $('subtitle'), source: $('source'),
  theme: $('theme'), locale: $('locale'), timeZone: $('time-zone'), scale: $('scale'), rolling: $('rolling'),
  provenance: $('provenance'), specUrl: $('spec-url'), widgetUrl: $('widget-url'),
};
const outageList = $('outages');
const fileUnit = $('file-unit');
/** A time from a file (Unix ms or text) as the text the fields hold. */
const timeText = (t) => (typeof t === 'number' ? new Date(t).toISOString().replace(':00.000Z', 'Z').replace('.000Z', 'Z') : String(t ?? ''));
/** An outage from a converted spec as a row's fields. */
const outageFields = (o) => ({ start: timeText(o.start), end: timeText(o.end), label: o.label ?? '', region: o.region ?? '', source: o.source ?? '', share: o.share ? String(o.share * 100) : '' });
const annotationList = $('annotations');

/** Everything the reporter has set: what is saved, and what a link carries. */
function blankState() {
  return {
    data: { kind: 'history', from: '', to: '' },
    outages: [],
    annotations: [],
    title: '', subtitle: '', source: '',
    theme: 'light', locale: 'en', timeZone: 'UTC', scale: 'linear', rolling: '', provenance: false,
    specUrl: '', widgetUrl: '',
  };
}
let state = blankState();
/** Series read from the reporter's files (too large for the address): kept in localStorage. */
let fileSeries = null;
/** Days after the built-in history, fetched: [[date, EH/s], …]. */
let fresh = [];

// ---------------------------------------------------------------------------------------------
// The built-in history

let chainHistory = null;

/** The history's rows: `days` (YYYY-MM-DD, ascending) and `lines` (the CSV rows). */
async function loadHistory() {
  if (!chainHistory) {
    chainHistory = fetch(HISTORY_URL).then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const [header, ...rows] = (await response.text()).trim().split('\n');
      return { header, rows, days: rows.map((row) => row.slice(0, 10)) };
    }).catch((cause) => {
      chainHistory = null;
      throw new Error(t('historyFailed', { path: HISTORY_URL.pathname, message: cause.message }));
    });
  }
  return chainHistory;
}

/** First index of `days` at or after `day`. */
function lowerBound(days, day) {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const seriesCache = new Map();

/** The hash-rate series (with block counts) for `from`–`to` from the built-in history. */
async function historySeries(from, to) {
  const key = `${from} ${to}`;
  if (seriesCache.has(key)) return seriesCache.get(key);
  const { header, rows, days } = await loadHistory();
  const slice = rows.slice(lowerBound(days, from), lowerBound(days, to > from ? addDays(to, 1) : from));
  if (slice.length < 2) throw new Error(t('historyEmpty', { from, to, first: days[0], last: days[days.length - 1] }));
  const { spec } = await convert({ name: 'chain-history.csv', text: `${header}\n${slice.join('\n')}` });
  const series = { ...spec.series[0], label: 'Hash rate (daily estimate)', source: HISTORY_SOURCE };
  seriesCache.set(key, series);
  return series;
}

function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Times typed by the reporter

/** The offset of `zone` (UTC, ±hh:mm or an IANA name) at the local time `local` (no offset). */
function offsetOf(zone, local) {
  if (!zone || /^utc$/i.test(zone)) return 'Z';
  if (/^[+-]\d\d:\d\d$/.test(zone)) return zone;
  const guess = Date.parse(`${local}Z`);
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(guess)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d\d):?(\d\d)?/.exec(part ?? '');
  return match ? `${match[1]}:${match[2] ?? '00'}` : 'Z';
}

/**
 * A typed time as ISO 8601 in the chart's zone: "2022-01-05", "2022-01-05 11:00" or a full
 * ISO time (kept as written). Throws with what was expected.
 */
function isoTime(text, zone) {
  const value = text.trim();
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return offsetOf(zone, `${value}T00:00:00`) === 'Z' ? value : `${value}T00:00:00${offsetOf(zone, `${value}T00:00:00`)}`;
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d):(\d\d)(?::(\d\d))?(Z|[+-]\d\d:?\d\d)?$/.exec(value);
  if (!match) throw new Error(t('badTime', { value }));
  const local = `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}`;
  return `${local}${match[5] ?? offsetOf(zone, local)}`;
}

// ---------------------------------------------------------------------------------------------
// The spec

/** The spec the fields describe, and which outage row each spec outage came from. */
async function buildSpec() {
  const zone = state.timeZone.trim() || 'UTC';
  let series;
  if (state.data.kind === 'files') {
    if (!fileSeries) throw new Error(t('filesMissing'));
    series = fileSeries;
  } else {
    const base = await historySeries(state.data.from, state.data.to);
    const extra = fresh.filter(([day]) => day > base.points[base.points.length - 1][0] && day <= state.data.to);
    series = [extra.length ? { ...base, points: [...base.points, ...extra], blocks: [...base.blocks, ...extra.map(() => null)], source: `${HISTORY_SOURCE}; days after ${base.points[base.points.length - 1][0]}: ${FRESH_SOURCE}` } : base];
  }
  const rows = [];
  const outages = [];
  state.outages.forEach((outage, index) => {
    const row = outageList.children[index];
    const error = row?.querySelector('.row-error');
    if (error) error.hidden = true;
    if (!outage.start.trim() || !outage.end.trim()) return;
    try {
      // "ongoing" for an outage still going on: the chart runs it to the end of the data.
      const ongoing = /^ongoing$/i.test(outage.end.trim());
      const item = { start: isoTime(outage.start, zone), end: ongoing ? 'ongoing' : isoTime(outage.end, zone) };
      if (!ongoing && Date.parse(item.end.length === 10 ? `${item.end}T00:00:00Z` : item.end) <= Date.parse(item.start.length === 10 ? `${item.start}T00:00:00Z` : item.start)) {
        throw new Error(t('endBeforeStart'));
      }
      for (const key of ['label', 'region', 'source']) if (outage[key].trim()) item[key] = outage[key].trim();
      const share = parseFloat(outage.share);
      if (Number.isFinite(share) && share > 0) item.share = Math.min(share, 100) / 100;
      outages.push(item);
      rows.push(index);
    } catch (cause) {
      if (error) {
        error.textContent = t('outageError', { n: index + 1, message: cause.message });
        error.hidden = false;
      }
    }
  });
  const annotations = [];
  for (const note of state.annotations) {
    if (!note.at.trim() || !note.text.trim()) continue;
    try {
      annotations.push({ at: isoTime(note.at, zone), text: note.text.trim() });
    } catch {
      // an unfinished time: left out until it reads
    }
  }
  const options = { theme: state.theme === 'auto' ? 'auto' : state.theme, timeZone: zone };
  if (state.scale === 'log') options.scale = 'log';
  if (state.rolling) options.rollingAverage = Number(state.rolling);
  if (state.provenance) options.provenance = true;
  const spec = { series, outages, options };
  if (annotations.length) spec.annotations = annotations;
  for (const key of ['title', 'subtitle', 'source']) if (state[key].trim()) spec[key] = state[key].trim();
  return { spec, rows };
}

// ---------------------------------------------------------------------------------------------
// Previews

const previews = { phone: null, wide: null };
let lastSpec = null;
let lastRows = [];

async function showPreviews(spec) {
  // The maker has its own Publish buttons: no Download menu in its previews.
  const options = { locale: state.locale, explain: true, downloads: false };
  for (const [name, host] of [['phone', $('preview-phone')], ['wide', $('preview-wide')]]) {
    if (!previews[name]) {
      previews[name] = await mount(host, spec, options);
      if (name === 'wide') watchDrag(previews.wide);
    } else {
      previews[name].update(spec);
      await previews[name].setOptions(options);
    }
  }
}

/** Each outage row's verdict, as the chart measures it; and the suggested title. */
function showVerdicts() {
  const impacts = previews.wide.impact().filter((impact) => impact.series === 'hashrate' || impact.unit?.endsWith('H/s'));
  // Each row's verdict, set only where it changed: the line is a polite live region, so a
  // screen reader hears a verdict when it changes, not on every keystroke elsewhere.
  const verdicts = new Map();
  lastRows.forEach((rowIndex, specIndex) => {
    const impact = impacts[specIndex];
    if (impact) verdicts.set(rowIndex, impact.error ? t('notMeasured', { error: impact.error }) : t('verdict', { text: impact.plain }));
  });
  [...outageList.children].forEach((row, index) => {
    const line = row.querySelector('.verdict');
    const text = verdicts.get(index) ?? '';
    if (line.textContent !== text) line.textContent = text;
  });
  const first = impacts.find((impact) => !impact.error);
  const label = lastSpec.outages[0]?.label;
  let suggestion = '';
  if (first && label) {
    // In the chart's language: the title is the chart's.
    const words = (key, vars) => (MAKER_STRINGS[state.locale]?.[key] ?? MAKER_STRINGS.en[key]).replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
    const pct = Math.round(Math.abs(first.change) * 100);
    const amount = first.change < 0 && pct >= 18 && pct <= 22 ? words('fifth', {}) : words('percent', { pct });
    const name = state.locale === 'en' ? label.toLowerCase() : label;
    const key = !first.significant ? 'suggestBarely' : first.change < 0 ? 'suggestFell' : 'suggestRose';
    suggestion = words(key, { amount, label: name });
  }
  $('suggested-title').textContent = suggestion;
  $('suggestion-row').hidden = !suggestion || suggestion === state.title;
}

let pending = null;
let running = false;

/** Redraws from the fields: at most once a frame, the latest fields winning. */
function refresh() {
  save();
  if (pending) return pending;
  pending = new Promise((done) => requestAnimationFrame(async () => {
    pending = null;
    if (running) {
      await refresh();
      done();
      return;
    }
    running = true;
    try {
      const { spec, rows } = await buildSpec();
      await showPreviews(spec);
      lastSpec = spec;
      lastRows = rows;
      showVerdicts();
      showEmbedCode();
      alertData('');
      form.dataset.state = 'ready';
    } catch (cause) {
      // The chart being made stays as it was; the message says why.
      alertData(cause.message);
      form.dataset.state = 'error';
    } finally {
      running = false;
      done();
    }
  }));
  return pending;
}

function alertData(message) {
  const box = $('data-alert');
  box.textContent = message;
  box.hidden = !message;
}

// ---------------------------------------------------------------------------------------------
// Dragging across the plot adds an outage

function watchDrag(chart) {
  let from = null;
  const timeAt = (event) => {
    const { plot, time } = chart.layout();
    const x = event.clientX - chart.canvas.getBoundingClientRect().left;
    if (x < plot.x || x > plot.x + plot.width) return null;
    return time.start + ((x - plot.x) / plot.width) * (time.end - time.start);
  };
  chart.canvas.addEventListener('pointerdown', (event) => {
    from = event.pointerType === 'mouse' ? timeAt(event) : null;
  });
  chart.canvas.addEventListener('pointerup', (event) => {
    const to = from === null ? null : timeAt(event);
    if (to === null || Math.abs(to - from) < 3_600_000) return;
    const hour = (ms) => new Date(Math.round(ms / 3_600_000) * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    addOutage({ start: hour(Math.min(from, to)), end: hour(Math.max(from, to)), label: '', region: '', source: '', share: '' });
    from = null;
  });
}

// ---------------------------------------------------------------------------------------------
// Rows

function rowFrom(template, item, list, items) {
  const row = $(template).content.firstElementChild.cloneNode(true);
  translate(row);
  for (const input of row.querySelectorAll('[data-field]')) {
    input.value = item[input.dataset.field] ?? '';
    input.addEventListener('input', () => {
      items[[...list.children].indexOf(row)][input.dataset.field] = input.value;
      refresh();
    });
  }
  for (const button of row.querySelectorAll('[data-action]')) {
    button.addEventListener('click', () => {
      const index = [...list.children].indexOf(row);
      const action = button.dataset.action;
      if (action === 'remove') {
        items.splice(index, 1);
        row.remove();
        (list.children[index] ?? list.children[index - 1])?.querySelector('input')?.focus();
        if (!list.children.length) (list === outageList ? $('add-outage') : $('add-annotation')).focus();
      } else {
        const to = action === 'up' ? index - 1 : index + 1;
        if (to < 0 || to >= items.length) return;
        [items[index], items[to]] = [items[to], items[index]];
        if (action === 'up') list.insertBefore(row, list.children[to]);
        else list.insertBefore(list.children[to], row);
        button.focus();
      }
      renumber();
      refresh();
    });
  }
  return row;
}

/** Each row's fields say which outage they belong to (screen readers hear "Outage start, 2"). */
function renumber() {
  [...outageList.children].forEach((row, i) => row.setAttribute('aria-label', t('rowOutage', { n: i + 1 })));
  [...annotationList.children].forEach((row, i) => row.setAttribute('aria-label', t('rowAnnotation', { n: i + 1 })));
}

function addOutage(outage) {
  state.outages.push(outage);
  const row = rowFrom('outage-row', outage, outageList, state.outages);
  outageList.append(row);
  renumber();
  row.querySelector('input').focus();
  refresh();
}

function showRows() {
  outageList.replaceChildren(...state.outages.map((o) => rowFrom('outage-row', o, outageList, state.outages)));
  annotationList.replaceChildren(...state.annotations.map((a) => rowFrom('annotation-row', a, annotationList, state.annotations)));
  renumber();
}

// ---------------------------------------------------------------------------------------------
// Publishing

/** The chart's file name without its extension (the title's words; downloads.js). */
function slug() {
  return fileName(state.title, 'x').slice(0, -2);
}

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

function showEmbedCode() {
  const widget = (state.widgetUrl || new URL('./', location.href).href).replace(/\/?$/, '/');
  const specUrl = state.specUrl || `https://www.example.org/charts/${slug()}.json`;
  const png = specUrl.replace(/\.json$/i, '') + '.png';
  const alt = escapeHtml(state.title || 'Bitcoin hash rate and outages');
  const attributes = [`src="${escapeHtml(specUrl)}"`];
  if (state.locale !== 'en') attributes.push(`locale="${state.locale}"`);
  if (new URL(specUrl, location.href).origin !== new URL(widget, location.href).origin) attributes.push(`allow-origins="${new URL(specUrl, location.href).origin}"`);
  attributes.push(`fallback="${escapeHtml(png)}"`, `alt="${alt}"`);
  const query = new URLSearchParams({ src: specUrl });
  if (state.locale !== 'en') query.set('locale', state.locale);
  $('embed-code').value = `<!-- The element: where the page takes a script -->
<script type="module" src="${escapeHtml(widget)}index.min.js"></script>
<hashrate-outage-chart ${attributes.join(' ')}></hashrate-outage-chart>
<noscript><img src="${escapeHtml(png)}" alt="${alt}" style="width: 100%; height: auto"></noscript>

<!-- Or the iframe: where the page takes only an iframe -->
<iframe src="${escapeHtml(widget)}embed.html?${escapeHtml(query.toString())}" title="${alt}" loading="lazy" style="width: 100%; height: 480px; border: 0"></iframe>`;
}

async function pngBlob() {
  const chart = previews.wide;
  const { width, height } = chart.layout();
  return pngOf(await chart.toSVG(), width, height);
}

function say(message) {
  $('publish-status').textContent = message;
}

async function publishing(action) {
  try {
    await refresh();
    if (!lastSpec) throw new Error(t('noChart'));
    await action();
  } catch (cause) {
    say(t('couldNot', { message: cause.message }));
  }
}

// ---------------------------------------------------------------------------------------------
// Keeping the work

function toBase64Url(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function save() {
  readFields();
  const text = JSON.stringify(state);
  window.history.replaceState(null, '', `#${toBase64Url(text)}`);
  try {
    localStorage.setItem(STORE, text);
    localStorage.setItem(`${STORE}:files`, fileSeries ? JSON.stringify(fileSeries) : '');
  } catch {
    // storage full or off: the address still carries the work (not a file's data)
  }
}

function restore() {
  let text = null;
  try {
    if (location.hash.length > 1) text = fromBase64Url(location.hash.slice(1));
  } catch {
    text = null;
  }
  try {
    text ??= localStorage.getItem(STORE);
    const files = localStorage.getItem(`${STORE}:files`);
    fileSeries = files ? JSON.parse(files) : null;
  } catch {
    fileSeries = null;
  }
  if (!text) return false;
  try {
    state = { ...blankState(), ...JSON.parse(text) };
    return true;
  } catch {
    return false;
  }
}

function readFields() {
  for (const [key, input] of Object.entries(fields)) {
    if (key === 'from' || key === 'to') continue;
    state[key] = input.type === 'checkbox' ? input.checked : input.value;
  }
  if (state.data.kind === 'history') {
    state.data.from = fields.from.value;
    state.data.to = fields.to.value;
  }
}

function showFields() {
  for (const [key, input] of Object.entries(fields)) {
    if (key === 'from' || key === 'to') continue;
    if (input.type === 'checkbox') input.checked = Boolean(state[key]);
    else input.value = state[key] ?? '';
  }
  fields.from.value = state.data.from ?? '';
  fields.to.value = state.data.to ?? '';
  showRows();
}

// ---------------------------------------------------------------------------------------------
// Data from files, and fresh days

async function readFiles(files) {
  const list = [...files];
  if (!list.length) return;
  $('data-status').textContent = t('reading', { names: list.map((f) => f.name).join(', ') });
  try {
    let converted;
    const options = fileUnit.value ? { unit: fileUnit.value } : {};
    try {
      converted = await convert(list, options);
    } catch (cause) {
      // Outage lists only (IODA, Cloudflare Radar, an outage CSV): read beside the chart's data.
      if (!/no series to chart/.test(cause.message) || !lastSpec) throw cause;
      converted = await convert([...list, { name: 'the chart being made', text: JSON.stringify({ series: lastSpec.series }) }], options);
      const added = (converted.spec.outages ?? []).map(outageFields);
      state.outages.push(...added);
      showRows();
      $('data-status').textContent = t('outagesAdded', { names: list.map((f) => f.name).join(', '), count: added.length });
      await refresh();
      return;
    }
    const { spec, report } = converted;
    // A spec exported here comes back for editing: its words, outages and options too.
    const own = list.length === 1 && /\.json$/i.test(list[0].name) && spec.series?.length && report[0]?.includes('chart spec');
    fileSeries = spec.series;
    state.data = { kind: 'files', names: list.map((f) => f.name), from: '', to: '' };
    if (own || spec.outages?.length) {
      state.outages = (spec.outages ?? []).map(outageFields);
    }
    if (own) {
      for (const key of ['title', 'subtitle', 'source']) state[key] = spec[key] ?? '';
      state.annotations = (spec.annotations ?? []).map((a) => ({ at: timeText(a.at), text: a.text }));
      Object.assign(state, { theme: spec.options?.theme ?? 'light', timeZone: spec.options?.timeZone ?? 'UTC', scale: spec.options?.scale ?? 'linear', rolling: spec.options?.rollingAverage ? String(spec.options.rollingAverage) : '', provenance: Boolean(spec.options?.provenance) });
    }
    showFields();
    $('data-status').textContent = t('dataRead', { report: report.join('; ') });
    await refresh();
  } catch (cause) {
    // The chart being made is kept as it was.
    $('data-status').textContent = '';
    // The adapters speak to the command line; here the unit is a field.
    const message = cause.message.replace(/, or pass --unit/, ', or choose it in "Unit of a file that names none"').replace(/: pass --unit/, ': choose it in "Unit of a file that names none"').replace(/ \(its hash-rate chart is in TH\/s: --unit TH\/s\)/, ' (blockchain.com\'s hash-rate chart is in TH/s)');
    alertData(t('keeps', { message: message.replace(/\.$/, '') }));
  }
}

async function fetchFresh() {
  const { days } = await loadHistory();
  const last = days[days.length - 1];
  const start = addDays(last, 1);
  const today = new Date().toISOString().slice(0, 10);
  $('data-status').textContent = t('fetching', { last });
  try {
    const url = `${FRESH_API}?format=json&cors=true&sampled=false&start=${start}&timespan=${Math.max(1, Math.round((Date.parse(today) - Date.parse(start)) / DAY_MS) + 1)}days`;
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const { spec } = await convert({ name: 'blockchain.com hash-rate.json', text: await response.text() });
    const points = spec.series[0].points ?? spec.series[0].t.map((t, i) => [t, spec.series[0].v[i]]);
    const unit = spec.series[0].unit;
    const toEh = { 'TH/s': 1e-6, 'PH/s': 1e-3, 'EH/s': 1, 'ZH/s': 1e3 }[unit] ?? null;
    if (toEh === null) throw new Error(`unexpected unit ${unit}`);
    fresh = points
      .map(([t, v]) => [new Date(typeof t === 'number' ? t : Date.parse(t)).toISOString().slice(0, 10), v === null ? null : Math.round(v * toEh * 1000) / 1000])
      .filter(([day]) => day > last);
    if (!fresh.length) throw new Error('no days after the built-in history');
    $('data-status').textContent = t('fetched', { count: fresh.length, last, end: fresh[fresh.length - 1][0] });
    fields.to.max = fresh[fresh.length - 1][0];
    seriesCache.clear();
    await refresh();
  } catch (cause) {
    $('data-status').textContent = '';
    alertData(t('fetchFailed', { message: cause.message, last }));
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring

const UI_STORE = `${STORE}:interface`;

/** Shows the page in `language` (one of the six) and keeps the choice. */
function setInterface(language) {
  ui = Object.hasOwn(MAKER_STRINGS, language) ? language : 'en';
  document.documentElement.lang = ui;
  $('ui-language').value = ui;
  translate(document);
  renumber();
  try {
    localStorage.setItem(UI_STORE, ui);
  } catch {
    // not kept
  }
}

async function start() {
  let chosen = null;
  try {
    chosen = localStorage.getItem(UI_STORE);
  } catch {
    chosen = null;
  }
  ui = chosen ?? interfaceLanguage(navigator.languages ?? [navigator.language]);
  const restored = restore();
  const { days } = await loadHistory().catch((cause) => {
    alertData(cause.message);
    return { days: [] };
  });
  if (days.length) {
    Object.assign(historyDays, { first: days[0], last: days[days.length - 1] });
    fields.from.min = fields.to.min = days[0];
    fields.from.max = fields.to.max = days[days.length - 1];
    if (!restored || !state.data.from) {
      state.data = { kind: 'history', from: addDays(days[days.length - 1], -89), to: days[days.length - 1] };
    }
  }
  showFields();
  setInterface(ui);
  $('ui-language').addEventListener('change', (event) => {
    setInterface(event.target.value);
    refresh();
  });
  form.addEventListener('input', (event) => {
    if (event.target.closest('[data-field]') || event.target.type === 'file') return;
    if (event.target === fields.from || event.target === fields.to) state.data = { kind: 'history', from: fields.from.value, to: fields.to.value };
    refresh();
  });
  form.addEventListener('change', (event) => {
    if (event.target.tagName === 'SELECT' || event.target.type === 'checkbox') refresh();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', async () => {
      const { days: all } = await loadHistory();
      const last = fresh.length ? fresh[fresh.length - 1][0] : all[all.length - 1];
      const range = button.dataset.range;
      fields.to.value = last;
      fields.from.value = range === 'all' ? all[0] : addDays(last, -(Number(range) - 1));
      state.data = { kind: 'history', from: fields.from.value, to: fields.to.value };
      refresh();
    });
  }
  $('fetch-fresh').addEventListener('click', fetchFresh);
  $('data-file').addEventListener('change', (event) => readFiles(event.target.files));
  $('add-outage').addEventListener('click', () => addOutage({ start: '', end: '', label: '', region: '', source: '', share: '' }));
  $('add-annotation').addEventListener('click', () => {
    const note = { at: '', text: '' };
    state.annotations.push(note);
    const row = rowFrom('annotation-row', note, annotationList, state.annotations);
    annotationList.append(row);
    renumber();
    row.querySelector('input').focus();
  });
  $('use-suggestion').addEventListener('click', () => {
    fields.title.value = $('suggested-title').textContent;
    fields.title.focus();
    refresh();
  });
  $('download-spec').addEventListener('click', () => publishing(async () => {
    saveFile(new Blob([`${JSON.stringify(lastSpec, null, 2)}\n`], { type: 'application/json' }), `${slug()}.json`);
    say(t('specDone', { name: `${slug()}.json` }));
  }));
  $('download-svg').addEventListener('click', () => publishing(async () => {
    saveFile(new Blob([await previews.wide.toSVG()], { type: 'image/svg+xml' }), `${slug()}.svg`);
    say(t('svgDone', { name: `${slug()}.svg` }));
  }));
  $('download-png').addEventListener('click', () => publishing(async () => {
    saveFile(await pngBlob(), `${slug()}.png`);
    say(t('pngDone', { name: `${slug()}.png` }));
  }));
  $('copy-embed').addEventListener('click', () => publishing(async () => {
    const text = $('embed-code').value;
    try {
      await navigator.clipboard.writeText(text);
      say(t('copied'));
    } catch {
      $('embed-code').select();
      say(t('selectCopy'));
    }
  }));
  $('reset').addEventListener('click', () => {
    if (!confirm(t('resetConfirm'))) return;
    try {
      localStorage.removeItem(STORE);
      localStorage.removeItem(`${STORE}:files`);
    } catch {
      // nothing kept
    }
    location.hash = '';
    location.reload();
  });
  await refresh();
}

// For the browser tests (tests/browser/maker.test.mjs): the previews and the spec drawn.
window.__maker = { previews, spec: () => lastSpec };

start();
