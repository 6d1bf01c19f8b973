//! Following a spec URL for a developing story (`refresh`): the chart asks its `src` again
//! every period with a conditional request, and when the spec changed it is redrawn in place
//! (Chart.refreshWith: no loading state, the read-out and focus kept), the change said once in
//! the live region. A failed check keeps the last good chart and says so quietly under it.
//! Nothing is asked while the page is hidden or the browser is offline; errors back off.
//! Loaded only by a chart with `refresh` (a chunk of its own). It imports nothing: what it
//! uses of the shell comes through the chart, so the bundler makes no shared chunk that would
//! move the engine's `new URL('./pkg/…', import.meta.url)` away from pkg/.

/** The longest wait after failures (the period doubles per failure up to this), in ms. */
const MAX_BACKOFF_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** A spec time (ISO text or Unix ms) in Unix ms, or NaN. */
function timeMs(t) {
  return typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
}

/** Each series' times by id, from spec JSON text (`t`, or the first of each of `points`). */
function seriesTimes(text) {
  const times = new Map();
  let spec;
  try {
    spec = JSON.parse(text);
  } catch {
    return times;
  }
  for (const [index, series] of (Array.isArray(spec?.series) ? spec.series : []).entries()) {
    const list = Array.isArray(series?.t) ? series.t : Array.isArray(series?.points) ? series.points.map((p) => p?.[0]) : [];
    times.set(series?.id ?? index, list.map(timeMs).filter(Number.isFinite));
  }
  return times;
}

/**
 * What an update brought, for the live region: `{ count, daily }`, the most points any series
 * gained after its previous last point, and whether that series is daily.
 */
export function newPoints(before, after) {
  const old = seriesTimes(before);
  let count = 0;
  let daily = false;
  for (const [id, times] of seriesTimes(after)) {
    // A loop, not Math.max(...previous): spreading a few hundred thousand times overflows the
    // stack, and the update would fail before its redraw.
    let last = -Infinity;
    for (const t of old.get(id) ?? []) if (t > last) last = t;
    const added = times.filter((t) => t > last).length;
    if (added > count) {
      count = added;
      const steps = times.slice(1).map((t, i) => t - times[i]).filter((d) => d > 0).sort((a, b) => a - b);
      const median = steps[Math.floor(steps.length / 2)];
      daily = median >= DAY_MS * 0.8 && median <= DAY_MS * 1.2;
    }
  }
  return { count, daily };
}

/** "Updated: 3 new days" (or "Chart updated" when no point was added), in the chart's words. */
export function updateText(chart, { count, daily }) {
  return count ? chart.word(daily ? 'updated.days' : 'updated.points', count) : chart.word('updated.same');
}

/**
 * Asks for `url` again: `{ text, etag, lastModified }`, or `{ notModified: true }` for a 304.
 * Conditional (If-None-Match, If-Modified-Since from `last`) on the page's own origin; on
 * another, such headers would need a CORS preflight the data host may not answer, so there
 * the browser's cache revalidates (`no-cache`) and an unchanged answer reads as the same text.
 */
async function ask(url, timeout, last) {
  const own = new URL(url, document.baseURI).origin === location.origin && (last.etag || last.lastModified);
  const headers = { Accept: 'application/json' };
  if (own && last.etag) headers['If-None-Match'] = last.etag;
  if (own && last.lastModified) headers['If-Modified-Since'] = last.lastModified;
  const response = await fetch(url, { headers, cache: own ? 'no-store' : 'no-cache', signal: AbortSignal.timeout(timeout) });
  if (own && response.status === 304) return { notModified: true };
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return { text: await response.text(), etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
}

/**
 * Redraws `chart` with `text` (throws on an invalid spec, keeping the old chart), the
 * keyboard read-out staying on the time it was on.
 */
function redraw(chart, text, modified) {
  const shown = chart.readoutIndex >= 0 ? chart.readout(chart.readoutIndex).time : null;
  chart.refreshWith(text, modified);
  if (shown === null) return;
  // The first read-out at or after that time (read-outs ascend in time).
  let [low, high] = [0, chart.readoutCount - 1];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (chart.readout(middle).time < shown) low = middle + 1;
    else high = middle;
  }
  chart.showReadout(low);
}

/** Says `text` once, politely, in the chart's live region. */
function announce(chart, text) {
  const live = chart.element.querySelector('.hoc-live');
  if (live) live.textContent = text;
}

/**
 * The quiet line under a chart whose latest update failed: "Last updated 7 Jan 2022, 14:05
 * UTC; the latest update failed" (`since`, Unix ms, the last good check), or none (null).
 */
function showStale(chart, since, make) {
  const stage = chart.element.querySelector('.hoc-stage');
  let line = chart.element.querySelector('.hoc-status');
  if (since === null) {
    if (line) line.hidden = true;
    return;
  }
  if (!line) {
    line = make('p', 'hoc-explain hoc-status'); // the explain line's look
    line.setAttribute('part', 'status');
    line.setAttribute('role', 'status');
    line.style.marginBottom = '0.4em'; // apart from the explain line under it (CSSOM: CSP-safe)
    stage?.after(line);
  }
  const text = chart.word('updated.failed').replace('{time}', () => chart.stamp(since));
  if (line.textContent !== text) line.textContent = text;
  line.hidden = false;
}

/**
 * Follows `url` for `chart` every `seconds`. `first` is what the first load's answer said
 * (`text`, `etag`, `lastModified`); `make` is dom.js's. Returns `{ stop() }`.
 */
export function follow(chart, url, { seconds, timeout = 15_000, first, make }) {
  const period = seconds * 1000;
  let last = first;
  let lastGood = Date.now();
  let failures = 0;
  let timer = 0;
  let waiting = false; // a check fell due while hidden or offline
  let stopped = false;

  const schedule = () => {
    if (stopped) return;
    const delay = failures ? Math.min(period * 2 ** failures, Math.max(period, MAX_BACKOFF_MS)) : period;
    timer = setTimeout(check, delay);
  };

  async function check() {
    timer = 0;
    if (stopped) return;
    if (document.visibilityState === 'hidden' || navigator.onLine === false) {
      waiting = true; // checked again as soon as the page is seen or online
      return;
    }
    try {
      const answer = await ask(url, timeout, last);
      if (stopped) return;
      if (!answer.notModified) {
        if (answer.text !== last.text) {
          const added = newPoints(last.text, answer.text);
          redraw(chart, answer.text, Date.parse(answer.lastModified)); // an invalid spec throws: the old chart stays
          announce(chart, updateText(chart, added));
        }
        last = answer;
      }
      lastGood = Date.now();
      failures = 0;
      showStale(chart, null, make);
    } catch (error) {
      if (stopped) return;
      failures += 1;
      console.warn('hashrate-outage-chart: the latest update failed; the chart shows the last good data.', error);
      try {
        showStale(chart, lastGood, make);
      } catch {
        stop(); // the chart was destroyed
        return;
      }
    }
    schedule();
  }

  const resume = () => {
    if (!waiting || stopped || document.visibilityState === 'hidden' || navigator.onLine === false) return;
    waiting = false;
    check();
  };
  document.addEventListener('visibilitychange', resume);
  window.addEventListener('online', resume);

  function stop() {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', resume);
    window.removeEventListener('online', resume);
  }

  schedule();
  return { stop };
}
