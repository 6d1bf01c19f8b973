//! The demo article's data picker: the bundled examples (the measured January 2022 chart and
//! the simulation of a 13% loss), files the reader loads (picked or dropped on the figure) and
//! blockchain.com's hash-rate chart for a date range. It only moves
//! text: convert() (the wasm adapters) reads the data and chart.update() redraws. Not part of
//! the embed; an error always leaves the chart showing what it showed before.

import { convert } from './index.min.js';

const API = 'https://api.blockchain.info/charts/hash-rate';
const FETCH_TIMEOUT_MS = 15_000;
const DAY_MS = 86_400_000;
/** Four years and a leap day: enough for the story, small enough for the API's one answer. */
const MAX_DAYS = 4 * 365 + 1;
const FIRST_DAY = '2009-01-03'; // the Bitcoin genesis block
const KEEP = 'The chart still shows the previous data.';

const figure = document.getElementById('chart-figure');
const element = figure.querySelector('hashrate-outage-chart');
const exampleUrl = element.getAttribute('src');
const radios = [...document.querySelectorAll('#picker input[name="source"]')];
const panels = { file: document.getElementById('picker-file'), fetch: document.getElementById('picker-fetch') };
const fileInput = document.getElementById('picker-files');
const unitSelect = document.getElementById('picker-unit');
const startInput = document.getElementById('picker-start');
const endInput = document.getElementById('picker-end');
const fetchButton = document.getElementById('picker-fetch-button');
const statusLine = document.getElementById('picker-status');
const alertBox = document.getElementById('picker-alert');
const captionExample = document.getElementById('caption-example');
const captionSimulated = document.getElementById('caption-simulated');
const captionOther = document.getElementById('caption-other');
const simulatedUrl = document.querySelector('#picker input[value="simulated"]').dataset.src;

/** Bumped by every load; a load that was overtaken drops its result. */
let generation = 0;
/** The pending blockchain.com request, so a newer load can cancel it. */
let pendingFetch = null;
/** The files last picked or dropped, read again when the unit changes. */
let lastFiles = [];
/** The example's spec text, kept after the first time it is shown again. */
/** The bundled specs' texts, by URL, once fetched. */
const bundled = new Map();
const EXAMPLE_STATUS = 'Showing the example: the blocks mined each day in January 2022, measured.';
const SIMULATED_STATUS = 'Showing the simulation: what the loss of 13% of the machines for 36 hours would look like.';

class PickerError extends Error {}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** A new load: cancels a pending fetch and returns the generation to check after each await. */
function begin() {
  pendingFetch?.abort();
  pendingFetch = null;
  return (generation += 1);
}

function selectSource(value) {
  for (const radio of radios) radio.checked = radio.value === value;
  for (const [name, panel] of Object.entries(panels)) panel.hidden = name !== value;
}

/** The status line: what the chart shows, with one list item per report line. */
function showStatus(text, lines = []) {
  const parts = [document.createTextNode(text)];
  if (lines.length) {
    const list = document.createElement('ul');
    for (const line of lines) {
      const item = document.createElement('li');
      item.textContent = line;
      list.append(item);
    }
    parts.push(list);
  }
  statusLine.replaceChildren(...parts);
}

function showAlert(message) {
  const sentence = /[.!?…)]$/.test(message) ? message : `${message}.`;
  alertBox.textContent = message ? `${sentence} ${KEEP}` : '';
}

function showCaption(text, which = 'example') {
  captionExample.hidden = text !== null || which !== 'example';
  captionSimulated.hidden = text !== null || which !== 'simulated';
  captionOther.hidden = text === null;
  captionOther.textContent = text ?? '';
}

/** Resolves once the element is no longer loading (its first spec, fetched from `src`). */
function settled() {
  if (element.dataset.state !== 'loading') return Promise.resolve();
  return new Promise((done) => {
    const observer = new MutationObserver(() => {
      if (element.dataset.state === 'loading') return;
      observer.disconnect();
      done();
    });
    observer.observe(element, { attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Puts `spec` (object or JSON text) on the chart; throws, keeping the old data, if it cannot. */
async function draw(spec) {
  await settled();
  const chart = element.chart;
  if (!chart) throw new PickerError('The chart itself could not be shown (see the message in its place), so there is nothing to update.');
  chart.update(spec);
}

/** Draws a bundled spec: the measured example (the element's own `src`) or the simulation. */
async function showBundled(which) {
  const url = which === 'simulated' ? simulatedUrl : exampleUrl;
  const mine = begin();
  showAlert('');
  try {
    if (!bundled.has(url)) {
      let response;
      try {
        response = await fetch(new URL(url, document.baseURI));
      } catch (cause) {
        throw new PickerError(`Could not load the example (${url}): ${messageOf(cause)}.`);
      }
      if (!response.ok) throw new PickerError(`Could not load the example (${url}): HTTP ${response.status}.`);
      const text = await response.text();
      if (mine !== generation) return;
      bundled.set(url, text);
    }
    await draw(bundled.get(url));
  } catch (error) {
    if (mine === generation) showAlert(messageOf(error));
    return;
  }
  if (mine !== generation) return;
  showCaption(null, which);
  showStatus(which === 'simulated' ? SIMULATED_STATUS : EXAMPLE_STATUS);
}

async function loadFiles(files) {
  lastFiles = [...files];
  if (lastFiles.length === 0) return;
  const mine = begin();
  const names = lastFiles.map((file) => file.name).join(', ');
  let report;
  try {
    const converted = await convert(lastFiles, { unit: unitSelect.value });
    if (mine !== generation) return;
    await draw(converted.spec);
    report = converted.report;
  } catch (error) {
    if (mine !== generation) return;
    let message = messageOf(error);
    if (/--unit\b/.test(message)) {
      // The adapters word it for the command line; here the unit is the select's.
      message = `${message.replace(/\.?$/, '.')} Choose the unit under “Unit for CSV without one” and ${lastFiles.length > 1 ? 'the files are' : 'the file is'} read again.`;
    }
    showAlert(message);
    return;
  }
  showAlert('');
  const count = lastFiles.length;
  showStatus(`Showing ${count === 1 ? 'your file' : `your ${count} files`}:`, report);
  showCaption(`Your data (${names}), read in this browser and not uploaded. Shaded bands are the outages in the files; a band’s label states the measured change against the trend through the days around it.`);
}

/** 'YYYY-MM-DD' to Unix ms at 00:00 UTC, or NaN. */
function dayMs(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
}

/** The request for the chosen range ({url, start, end}); throws a PickerError naming what is wrong. */
function fetchUrl() {
  const start = startInput.value;
  const end = endInput.value;
  const startMs = dayMs(start);
  const endMs = dayMs(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) throw new PickerError('Give both dates, “From” and “To”.');
  if (start < FIRST_DAY) throw new PickerError(`“From” is before the first Bitcoin block (${FIRST_DAY}).`);
  const days = Math.round((endMs - startMs) / DAY_MS);
  if (days <= 0) throw new PickerError('“To” must be after “From”.');
  if (days > MAX_DAYS) throw new PickerError(`The range is ${days} days; ask for at most four years (${MAX_DAYS} days) at a time.`);
  const url = new URL(API);
  url.search = new URLSearchParams({ start, timespan: `${days}days`, format: 'json', cors: 'true', sampled: 'false' }).toString();
  return { url, start, end };
}

function setFetching(busy) {
  // Disabling the focused button drops focus to the body; give it back when done.
  const refocus = !busy && document.activeElement === document.body && fetchButton.dataset.hadFocus === 'true';
  fetchButton.dataset.hadFocus = String(busy && document.activeElement === fetchButton);
  fetchButton.disabled = busy;
  fetchButton.setAttribute('aria-busy', String(busy));
  fetchButton.textContent = busy ? 'Fetching…' : 'Fetch hash rate';
  if (refocus) fetchButton.focus();
}

async function fetchBlockchain() {
  let url;
  let range;
  try {
    ({ url, ...range } = fetchUrl());
  } catch (error) {
    showAlert(messageOf(error));
    return;
  }
  const mine = begin();
  const controller = new AbortController();
  pendingFetch = controller;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, FETCH_TIMEOUT_MS);
  setFetching(true);
  showAlert('');
  const previousStatus = [...statusLine.childNodes];
  showStatus('Fetching…');
  let result;
  try {
    let response;
    try {
      response = await fetch(url, { signal: controller.signal });
    } catch (cause) {
      if (timedOut) throw new PickerError(`blockchain.com did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds.`);
      throw new PickerError(`Could not reach blockchain.com (${url.host}): ${messageOf(cause)}.`);
    }
    if (!response.ok) {
      throw new PickerError(`blockchain.com answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
    }
    const text = await response.text();
    try {
      JSON.parse(text);
    } catch (cause) {
      throw new PickerError(`blockchain.com’s answer is not JSON (${response.headers.get('content-type') || 'no content type'}): ${messageOf(cause)}.`);
    }
    const retrieved = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    try {
      result = await convert([{ name: `blockchain.com hash-rate (retrieved ${retrieved})`, text }], {});
    } catch (cause) {
      throw new PickerError(`blockchain.com’s answer could not be read: ${messageOf(cause)}`);
    }
    if (mine !== generation) return;
    await draw(result.spec);
  } catch (error) {
    if (mine !== generation) return; // overtaken by a newer load, which owns the status
    statusLine.replaceChildren(...previousStatus);
    showAlert(timedOut && !(error instanceof PickerError) ? `blockchain.com did not answer within ${FETCH_TIMEOUT_MS / 1000} seconds.` : messageOf(error));
    return;
  } finally {
    clearTimeout(timer);
    if (pendingFetch === controller) pendingFetch = null;
    setFetching(false);
  }
  showStatus(`Showing blockchain.com’s hash rate, ${range.start} to ${range.end}:`, result.report);
  showCaption(`blockchain.com’s daily estimate of the Bitcoin network’s hash rate from ${range.start} to ${range.end}, fetched from its public charts API. No outages are marked: load an outage list with “Load file…” to add them.`);
}

for (const radio of radios) {
  radio.addEventListener('change', () => {
    if (!radio.checked) return;
    selectSource(radio.value);
    if (radio.value === 'example' || radio.value === 'simulated') showBundled(radio.value);
  });
}
fileInput.addEventListener('change', () => loadFiles(fileInput.files));
unitSelect.addEventListener('change', () => {
  if (lastFiles.length) loadFiles(lastFiles);
});
fetchButton.addEventListener('click', () => fetchBlockchain());

// Files dropped anywhere on the figure (picker or chart) are loaded as if picked.
figure.addEventListener('dragover', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  figure.classList.add('picker-dropping');
});
figure.addEventListener('dragleave', (event) => {
  if (!figure.contains(event.relatedTarget)) figure.classList.remove('picker-dropping');
});
figure.addEventListener('drop', (event) => {
  figure.classList.remove('picker-dropping');
  const files = event.dataTransfer?.files;
  if (!files?.length) return;
  event.preventDefault();
  selectSource('file');
  loadFiles(files);
});

selectSource('example');
showStatus(EXAMPLE_STATUS);
