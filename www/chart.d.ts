//! Types for chart.js: the chart spec (version 1, as src/spec.rs validates it), mount(),
//! Chart and convert(). tests/browser/types.test.mjs keeps the spec's keys in step with the
//! Rust validator and type-checks every spec fixture against ChartSpec.

/** An ISO 8601 string (`"2022-01-05"`, `"2022-01-05T11:00:00+06:00"`) or integer Unix milliseconds. */
export type TimeInput = string | number;

/** A value in the series' unit; `null` is a gap (the line breaks, it is not drawn to zero). */
export type ValueInput = number | null;

/** Typed arrays accepted for `t`/`v` from a script (copied into wasm in one block; NaN is a gap). */
export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array;

/** Keys shared by both ways of giving a series' data. */
export interface SeriesBase {
  /** Unique, non-empty: annotations and `setColumns` name the series by it. */
  id: string;
  /** Shown in the legend, tooltip and table; defaults to `id`. */
  label?: string | null;
  /** `H/s` … `ZH/s` (a hash rate, case-insensitive), `%`, or any other text shown as given. */
  unit: string;
  /** Which value axis; `left` by default. */
  axis?: 'left' | 'right';
  /** Blocks mined in each point's period, one per point (whole numbers or null). */
  blocks?: ReadonlyArray<number | null>;
  /**
   * The header time of every block mined from the first listed to the last, whole Unix
   * seconds (with `blocks`): an outage shorter than two days inside that span is measured on
   * the blocks of its own hours. Each point inside the span must count exactly the blocks
   * listed in it.
   */
  blockTimes?: ReadonlyArray<number>;
  /** Where the data came from; builds the chart's source line unless the spec sets `source`. */
  source?: string | null;
}

/** A series given as `[time, value]` pairs, times strictly ascending. */
export interface PointsSeries extends SeriesBase {
  points: ReadonlyArray<readonly [TimeInput, ValueInput]>;
  t?: never;
  v?: never;
}

/** A series given as columns of equal length: times `t` (strictly ascending) and values `v`. */
export interface ColumnSeries extends SeriesBase {
  t: ReadonlyArray<TimeInput> | NumericArray;
  v: ReadonlyArray<ValueInput> | NumericArray;
  points?: never;
}

export type Series = PointsSeries | ColumnSeries;

/** A shaded band across the plot; `end` is after `start`. */
export interface Outage {
  start: TimeInput;
  /** Omitted, null or "ongoing": still going on, drawn to the end of the data and labelled so. */
  end?: TimeInput | 'ongoing' | null;
  label?: string | null;
  region?: string | null;
  /** Fraction of the hash rate that went dark, 0–1: draws the counterfactual. */
  share?: number | null;
  source?: string | null;
}

/** A callout at a time, on the series with id `series` or as a vertical rule. */
export interface Annotation {
  at: TimeInput;
  text: string;
  series?: string | null;
}

/** The spec's `options` (not mount()'s MountOptions). */
export interface SpecOptions {
  /** `light` (default), `dark`, or `auto` (follows the reader's colour scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** `UTC` (default), a fixed offset such as `+06:00` or `UTC+5`, or an IANA name such as `Asia/Almaty` (its daylight-saving and historical changes followed). */
  timeZone?: string;
  /** Label each band with its measured impact; default true. */
  impact?: boolean;
  /** Days of points before an outage that form its baseline, 1–365; default 14. */
  baselineDays?: number | null;
  /** Draw an N-day rolling mean, 2–365 days. */
  rollingAverage?: number | null;
  /** `centered` (default; `centred` is the same) or `trailing`. */
  rollingAlign?: 'centered' | 'centred' | 'trailing';
  /** Keep the raw line beneath the rolling mean; default true. */
  showRaw?: boolean;
  /** Add "Data SHA-256 …" to the footer and the SVG's metadata; default false. */
  provenance?: boolean;
  /** Value axes: "linear" (default; hash rates from zero) or "log" (long histories; values above zero). */
  scale?: 'linear' | 'log';
}

/** A chart spec, version 1 (README "Data format"). Unknown keys are errors. */
export interface ChartSpec {
  title?: string | null;
  subtitle?: string | null;
  source?: string | null;
  /** At least one series. */
  series: ReadonlyArray<Series>;
  outages?: ReadonlyArray<Outage>;
  annotations?: ReadonlyArray<Annotation>;
  options?: SpecOptions;
  /** When the data was last updated (ISO 8601 or Unix ms): "Updated …" in the footer. */
  updated?: string | number | null;
}

/** mount()'s and setOptions()'s options. */
export interface MountOptions {
  theme?: 'light' | 'dark' | 'auto' | '' | null;
  /** CSS px; default: the element's CSS height, else clamp(round(width × 0.6), 260, 560). */
  height?: number | null;
  /** BCP 47 tag for dates and numbers; default the nearest `lang`, else `en`. */
  locale?: string | null;
  /**
   * Time zone the chart is shown in, over the spec's options.timeZone: "UTC", an offset
   * ("+06:00") or an IANA name ("Asia/Almaty"; its offsets come from the browser's Intl).
   * null: the spec's own.
   */
  timeZone?: string | null;
  /**
   * Your own texts over the widget's, by key (e.g. `{ "table.show": "Tabelle zeigen" }`): any
   * key of the translation tables (README "Languages"); an unknown key is an error.
   */
  strings?: Readonly<Record<string, string>> | null;
  /**
   * A visible line under the chart, in its language, saying what each change is measured
   * against and what "plausible range" means (shown when an outage is measured). Default false;
   * embed.html turns it on.
   */
  explain?: boolean | null;
  /** The Download menu (PNG image, SVG image, data as CSV) under the chart. Default true. */
  downloads?: boolean | null;
  /**
   * For a spec URL: ask it again every this many seconds (2 or more; a minute or more for a
   * real page) and redraw in place when it changed (README "Publishing a developing story").
   * mount() only; refused for a spec given as an object or text.
   */
  refresh?: number | null;
}

/** Positions in CSS px relative to the canvas, from Chart.layout(). */
export interface ChartLayout {
  width: number;
  height: number;
  theme: 'light' | 'dark';
  timeZoneOffsetMinutes: number;
  font: string;
  plot: { x: number; y: number; width: number; height: number };
  /** The time axis's domain, Unix ms. */
  time: { start: number; end: number };
  /** How bands are labelled: each label above its band, or numbered markers and a key. */
  bandLabels: 'none' | 'inline' | 'markers';
  /** Whether text was measured in the page's font or with the built-in Liberation Sans widths. */
  metrics: 'builtin' | 'measured';
  outages: Array<{
    label: string | null;
    x0: number;
    x1: number;
    /** The box of the band's label (inline) or numbered marker, above the plot. */
    labelBox: { x: number; y: number; width: number; height: number } | null;
    /** The line tying the label or marker to its band: band end first. */
    leader: [[number, number], [number, number]] | null;
    /** The marker's number, also in the key under the plot. */
    marker: number | null;
  }>;
  /** Every text with its box and the CSS `font` it is drawn in. */
  texts: Array<{ role: string; text: string; x: number; y: number; width: number; height: number; font: string }>;
  colors: { background: string; band: string; series: string[] };
}

/** One outage × hash-rate series from Chart.impact(); values in the display unit. */
export interface ImpactResult {
  /** The outage's label, or a name made from its dates. */
  outage: string;
  series: string | null;
  /** `from`/`to` are ISO 8601 UTC. */
  baseline?: {
    from: string;
    to: string;
    /** The days after the outage, when enough follow it. */
    after: { from: string; to: string } | null;
    sides: 'before' | 'before-and-after';
    /**
     * When the days after did not come back to where the days before lead (a lasting fall of
     * more than about 22 %, far outside the noise): that change (−0.46); the counterfactual
     * then uses the days before only. Null otherwise.
     */
    afterShift: number | null;
    trend: 'level' | 'log-linear' | 'log-quadratic';
    /** The counterfactual's mean over the outage. */
    mean: number;
    points: number;
    /** "the trend through the 14 days before and the 14 days after" */
    words: string;
  };
  noise?: { dispersion: number | null; lag1Correlation: number; df: number };
  during?: { mean: number; weight: number };
  unit?: string;
  /** `block-arrivals` when measured on the blocks of the outage's own hours (`blockTimes`). */
  resolution?: 'points' | 'block-arrivals';
  /** On block arrivals: the blocks found in the outage's hours and the blocks expected. */
  arrivals?: { found: number; expected: number } | null;
  /** What `change` estimates: the hash rate's change during the outage's own hours. */
  estimand?: 'change-during-outage-hours';
  /**
   * The change while the outage lasted (−0.2: a fifth of the hash rate gone for its hours),
   * not diluted by the rest of the days it touches; for whole days, during / baseline − 1.
   */
  change?: number;
  /** The 95 % interval of `change`, on the same scale. */
  ci95?: [number, number];
  /**
   * The smallest loss during the outage's hours (0.27 = 27 %) this measurement would call at
   * least "a possible drop" 80 % of the time; null when even a total loss might not show.
   */
  detectable?: number | null;
  /** The 95 % interval excludes no change. */
  significant?: boolean;
  /** The 99 % interval excludes it too: only then does the chart say "a clear drop". */
  clear?: boolean;
  method?: 'quasi-poisson-block-arrivals' | 'baseline-residuals';
  /** The statistical form: "−1.3% (95% CI −13% to +12%): within normal day-to-day variation". */
  text?: string;
  /** The words on the chart: "−1.3%: within normal day-to-day variation (plausible range −13% to +12%)". */
  plain?: string;
  /** Set, instead of the figures, when the impact could not be measured. */
  error?: string;
}

/** The read-out at one data time, from Chart.readout(). */
export interface Readout {
  index: number;
  /** Unix ms. */
  time: number;
  /** CSS px from the canvas's left edge. */
  x: number;
  hasTime: boolean;
  /** The instant whose date names this point: the middle of its day for daily data. */
  labelTime: number;
  timeZoneOffsetMinutes: number;
  entries: Array<{ series: string; label: string; value: number | null; unit: string; color: string; y: number | null }>;
  outages: unknown[];
}

/** A chart drawn into a canvas inside a host element. Made by mount(), not constructed directly. */
export declare class Chart {
  private constructor();
  /** The host element the chart was mounted into. */
  readonly element: Element;
  /** The <canvas> the chart is drawn into (null after destroy()). */
  readonly canvas: HTMLCanvasElement | null;
  /** Replaces the data; throws on an invalid spec and keeps the old drawing. When only one
   *  series' typed columns differ from the last spec, as fast as setColumns (and, like it, the
   *  aria-label and table follow a moment after the pixels). */
  update(spec: ChartSpec | string): void;
  /** Replaces one series' data (by index or id) with columns; times in Unix ms, NaN/null a gap. */
  setColumns(
    series: number | string,
    times: ArrayLike<number> | Float64Array,
    values: ArrayLike<number | null> | Float64Array,
    blocks?: ArrayLike<number | null> | Float64Array,
  ): void;
  /** Changes theme, height, locale, timeZone and/or strings and redraws; bad options throw.
   *  Resolves once the chart shows them: at once, or when a language's words first loaded on
   *  this page have arrived (www/locale/*.js; English until then, and for good, with a console
   *  error, if they cannot be loaded). */
  setOptions(options: MountOptions): Promise<void>;
  /** Measures the element again and redraws now. */
  resize(): void;
  /** Reads the --hoc-* custom properties again and redraws. */
  restyle(): void;
  /**
   * The same chart as an SVG document at the canvas's current CSS size. The SVG writer is in
   * the tools module (`pkg/hashrate_outage_chart_tools*`), fetched on the first call only.
   */
  toSVG(): Promise<string>;
  layout(): ChartLayout;
  impact(): ImpactResult[];
  readout(index: number): Readout;
  /** Shows the read-out at `index` (clamped), or hides it for a negative index; returns the index shown. */
  showReadout(index: number, options?: { announce?: boolean }): number;
  toggleTable(show?: boolean): void;
  /** Removes what it added and frees the wasm memory. Safe to call twice. */
  destroy(): void;
  /** The spec's title ('' without one). */
  readonly title: string;
  /** The locale used for dates and numbers (BCP 47). */
  readonly locale: string;
  /** The theme drawn now. */
  readonly theme: 'light' | 'dark';
  readonly readoutCount: number;
  /** The read-out shown now, or -1. */
  readonly readoutIndex: number;
  /** For tests: the shared wasm instance's linear memory in bytes. */
  static wasmMemoryBytes(): number;
}

/**
 * Draws a chart into `element` (appended) and keeps it sized to it. `specOrUrl` is a spec
 * object, its JSON text or a URL; rejects with the validator's message (naming the JSON path).
 */
export declare function mount(element: Element, specOrUrl: ChartSpec | string, options?: MountOptions): Promise<Chart>;

/** A data file for convert(): a File or Blob, or its name and text. */
export type ConvertInput = Blob | { name?: string; text: string };

/**
 * Reads data files with the CLI's adapters and merges them into one valid spec; `report` has
 * one line per file saying what it was read as.
 */
export declare function convert(
  files: ConvertInput | Iterable<ConvertInput> | ArrayLike<ConvertInput>,
  options?: {
    title?: string;
    unit?: string;
    subtitle?: string;
    /** The source line, instead of the one built from the files' own source columns. */
    source?: string;
    /** Series labels by column name (series id). */
    labels?: Record<string, string>;
  },
): Promise<{ spec: ChartSpec; report: string[] }>;
