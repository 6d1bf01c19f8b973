//! **spec/**: the chart spec and what it names; uses text/ and time/. This file (parsing and
//! validation, with the defaults such as the baseline length), `theme` (the light and dark
//! palettes) and `provenance` (the source line and the data's SHA-256).
//!
//! The chart spec, version 1: JSON in, validated typed structs out.
//! Validation happens once, here; layout and drawing trust what this module returns.
//! Every error names the JSON path of the offending value and says what was expected.

pub mod provenance;
pub mod sha256;
pub mod theme;

use crate::text::json::{self, Map, Value};
use crate::text::units::Unit;
use crate::time;
use std::fmt;

/// Earliest accepted time, 1900-01-01T00:00Z, in Unix ms.
pub const MIN_TIME_MS: i64 = -2_208_988_800_000;
/// First rejected time, 2200-01-01T00:00Z, in Unix ms.
pub const MAX_TIME_MS: i64 = 7_258_118_400_000;
/// Integers in [SECONDS_LOW, SECONDS_HIGH) are years 1973..5138 as Unix seconds but only the
/// first days of 1970 as milliseconds, so they are rejected as probable seconds.
const SECONDS_LOW: i64 = 100_000_000;
const SECONDS_HIGH: i64 = 100_000_000_000;

/// A validation error: where in the JSON, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// JSON path such as `series[0].points[12][0]`; empty for the document as a whole.
    pub path: String,
    /// What was wrong and what was expected.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for SpecError {}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, SpecError> {
    Err(SpecError {
        path: path.to_string(),
        message: message.into(),
    })
}

/// Which value axis a series is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Left,
    Right,
}

pub use crate::spec::theme::Theme;

/// Default length of the baseline before an outage, in days.
pub const DEFAULT_BASELINE_DAYS: u32 = 14;

/// One time series, validated: times strictly ascending, values finite or gaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    pub axis: Axis,
    /// Unix milliseconds, strictly ascending.
    pub times_ms: Vec<i64>,
    /// Values in the series' own `unit`; `None` is a gap (the line breaks there).
    pub values: Vec<Option<f64>>,
    /// Blocks mined in each point's period (optional, same length as `values`), for the
    /// Poisson interval of the impact analysis.
    pub blocks: Option<Vec<Option<f64>>>,
    /// The time of every block mined from the first listed to the last (Unix ms, ascending;
    /// `blockTimes` in whole Unix seconds): an outage shorter than two days inside that span
    /// is measured on the blocks of its own hours.
    pub block_times_ms: Option<Vec<i64>>,
    /// Where the data came from (file name or URL, retrieval time where known).
    pub source: Option<String>,
}

/// A shaded period: an internet or power outage.
#[derive(Debug, Clone, PartialEq)]
pub struct Outage {
    /// Unix ms, inclusive.
    pub start_ms: i64,
    /// Unix ms, after `start_ms`.
    pub end_ms: i64,
    pub label: Option<String>,
    pub region: Option<String>,
    /// Share of the hash rate that went dark (0–1), for the counterfactual band.
    pub share: Option<f64>,
    /// Where the outage record came from.
    pub source: Option<String>,
    /// Still going on (no `end`, or `"end": "ongoing"`): it runs to the end of the data
    /// (`end_ms` is the end of the last point's period) and is drawn with no closing edge.
    pub ongoing: bool,
}

/// A marker at a time, with a short callout.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// Unix ms.
    pub at_ms: i64,
    pub text: String,
    /// Index into `Spec::series` of the series the marker sits on, if any.
    pub series: Option<usize>,
}

/// Drawing options.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub theme: Theme,
    /// The spec asked for "auto": follow the reader's colour scheme (the web shell resolves
    /// it; natively it is light).
    pub theme_auto: bool,
    /// The displayed time zone: UTC, a fixed offset, or a named IANA zone with its offsets
    /// over the chart's span (natively from the tz database, in the browser from `Intl`).
    pub time_zone: time::Zone,
    /// Label bands with the measured impact (default true).
    pub impact: bool,
    /// Days of baseline before each outage for the impact analysis.
    pub baseline_days: u32,
    /// Draw an N-day rolling mean of each series.
    pub rolling_average_days: Option<u32>,
    /// Centred window (default) or trailing.
    pub rolling_centred: bool,
    /// With a rolling mean, also draw the raw series (default true).
    pub show_raw: bool,
    /// Add the SHA-256 of the data to the footer and the SVG metadata.
    pub provenance: bool,
    /// Value axes on a logarithmic scale (long histories): every value must be positive.
    pub log_scale: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: Theme::Light,
            theme_auto: false,
            time_zone: time::Zone::fixed(0),
            impact: true,
            baseline_days: DEFAULT_BASELINE_DAYS,
            rolling_average_days: None,
            rolling_centred: true,
            show_raw: true,
            provenance: false,
            log_scale: false,
        }
    }
}

/// A validated chart spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub source: Option<String>,
    pub series: Vec<Series>,
    pub outages: Vec<Outage>,
    pub annotations: Vec<Annotation>,
    pub options: Options,
    /// When the data was last updated (Unix ms), from the spec's `updated`: stamped in the
    /// footer ("Updated 7 Jan 2022, 14:05 UTC"). The web shell may set it from the
    /// response's `Last-Modified` when the spec gives none.
    pub updated: Option<i64>,
}

/// Parses and validates a spec from JSON text.
pub fn parse_spec(text: &str) -> Result<Spec, SpecError> {
    let value = json::parse(text).map_err(|e| SpecError {
        path: String::new(),
        message: format!(
            "invalid JSON at line {}, column {}: {}",
            e.line, e.column, e.message
        ),
    })?;
    spec_from_value(&value)
}

/// Validates a parsed JSON value as a spec.
pub fn spec_from_value(value: &Value) -> Result<Spec, SpecError> {
    let root = as_object(value, "", "the chart spec as a JSON object")?;
    check_keys(
        root,
        "",
        &[
            "title",
            "subtitle",
            "source",
            "series",
            "outages",
            "annotations",
            "options",
            "updated",
        ],
    )?;
    let title = optional_text(root, "", "title")?;
    let subtitle = optional_text(root, "", "subtitle")?;
    let source = optional_text(root, "", "source")?;

    let series_value = match root.get("series") {
        Some(v) => v,
        None => return err("series", "is required: an array of one or more series"),
    };
    let series_items = as_array(series_value, "series", "an array of series objects")?;
    if series_items.is_empty() {
        return err("series", "expected at least one series, got an empty array");
    }
    let mut series = Vec::with_capacity(series_items.len());
    for (i, item) in series_items.iter().enumerate() {
        let s = parse_series(item, &format!("series[{i}]"))?;
        if let Some(j) = series.iter().position(|other: &Series| other.id == s.id) {
            return err(
                &format!("series[{i}].id"),
                format!(
                    "\"{}\" is already the id of series[{j}]; ids must be unique",
                    s.id
                ),
            );
        }
        series.push(s);
    }
    check_axis_units(&series)?;

    let mut outages = Vec::new();
    if let Some(v) = root.get("outages") {
        for (i, item) in as_array(v, "outages", "an array of outage objects")?
            .iter()
            .enumerate()
        {
            outages.push(parse_outage(item, &format!("outages[{i}]"))?);
        }
    }
    close_ongoing(&mut outages, &series)?;

    let mut annotations = Vec::new();
    if let Some(v) = root.get("annotations") {
        for (i, item) in as_array(v, "annotations", "an array of annotation objects")?
            .iter()
            .enumerate()
        {
            annotations.push(parse_annotation(
                item,
                &format!("annotations[{i}]"),
                &series,
            )?);
        }
    }

    let updated = match root.get("updated") {
        Some(v) => Some(parse_time(v, "updated")?),
        None => None,
    };

    let options = match root.get("options") {
        Some(v) => parse_options(v, "options")?,
        None => Options::default(),
    };
    if options.log_scale {
        for (i, s) in series.iter().enumerate() {
            check_log_values(&s.values, &s.times_ms, &format!("series[{i}]"))?;
        }
    }

    #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
    let mut spec = Spec {
        title,
        subtitle,
        source,
        series,
        outages,
        annotations,
        options,
        updated,
    };
    // Natively a named zone's offsets come from the tz database now; the web shell supplies
    // them from Intl (ChartCore::zone_request / set_zone_offsets).
    #[cfg(not(target_arch = "wasm32"))]
    resolve_zone(&mut spec).map_err(|message| SpecError {
        path: "options.timeZone".into(),
        message,
    })?;
    Ok(spec)
}

impl Spec {
    /// The earliest and latest instant the chart shows (series times, outages, annotations,
    /// the updated stamp),
    /// widened by three days either side: the span a named zone's offsets are needed over
    /// (axes run to the end of the last day; ticks fall inside).
    pub fn time_span(&self) -> (i64, i64) {
        let times = self
            .series
            .iter()
            .flat_map(|s| s.times_ms.first().into_iter().chain(s.times_ms.last()))
            .copied()
            .chain(self.outages.iter().flat_map(|o| [o.start_ms, o.end_ms]))
            .chain(self.annotations.iter().map(|a| a.at_ms))
            .chain(self.updated);
        let (lo, hi) = times.fold((i64::MAX, i64::MIN), |(lo, hi), t| (lo.min(t), hi.max(t)));
        if lo > hi {
            return (0, 0);
        }
        let margin = 3 * time::MS_PER_DAY;
        (lo.saturating_sub(margin), hi.saturating_add(margin))
    }
}

fn parse_series(value: &Value, path: &str) -> Result<Series, SpecError> {
    let obj = as_object(value, path, "a series object")?;
    check_keys(
        obj,
        path,
        &[
            "id",
            "label",
            "unit",
            "axis",
            "points",
            "t",
            "v",
            "blocks",
            "blockTimes",
            "source",
        ],
    )?;
    let id = match optional_text(obj, path, "id")? {
        Some(id) if !id.trim().is_empty() => id,
        Some(_) => return err(&join(path, "id"), "expected a non-empty string"),
        None => {
            return err(
                &join(path, "id"),
                "is required: a short unique name such as \"hashrate\"",
            )
        }
    };
    let label = optional_text(obj, path, "label")?.unwrap_or_else(|| id.clone());
    let unit = match obj.get("unit") {
        Some(Value::String(s)) => Unit::parse(s),
        Some(other) => {
            return err(
                &join(path, "unit"),
                format!(
                    "expected a unit string such as \"TH/s\" or \"%\", got {}",
                    kind(other)
                ),
            )
        }
        None => {
            return err(
                &join(path, "unit"),
                "is required: a unit such as \"TH/s\", \"EH/s\" or \"%\" (use \"\" for none)",
            )
        }
    };
    let axis = match obj.get("axis") {
        None => Axis::Left,
        Some(Value::String(s)) if s == "left" => Axis::Left,
        Some(Value::String(s)) if s == "right" => Axis::Right,
        Some(other) => {
            return err(
                &join(path, "axis"),
                format!("expected \"left\" or \"right\", got {}", show(other)),
            )
        }
    };

    let has_points = obj.contains_key("points");
    let has_columns = obj.contains_key("t") || obj.contains_key("v");
    let (times_ms, values) = match (has_points, has_columns) {
        (true, true) => {
            return err(
                path,
                "give either \"points\" or the columns \"t\" and \"v\", not both",
            )
        }
        (false, false) => return err(
            path,
            "expected \"points\" (an array of [time, value] pairs) or the columns \"t\" and \"v\"",
        ),
        (true, false) => parse_points(obj, path, &unit)?,
        (false, true) => parse_columns(obj, path, &unit)?,
    };
    if times_ms.is_empty() {
        let key = if has_points { "points" } else { "t" };
        return err(&join(path, key), "expected at least one point, got none");
    }
    let blocks = match obj.get("blocks") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_blocks(v, &join(path, "blocks"), times_ms.len())?),
    };
    let block_times_ms = match obj.get("blockTimes") {
        None | Some(Value::Null) => None,
        Some(v) => Some(parse_block_times(
            v,
            &join(path, "blockTimes"),
            &times_ms,
            blocks.as_deref(),
        )?),
    };
    Ok(Series {
        id,
        label,
        unit,
        axis,
        times_ms,
        values,
        blocks,
        block_times_ms,
        source: optional_text(obj, path, "source")?,
    })
}

/// `blockTimes`: whole Unix seconds (1970–2199), each a block's header time. Header times may
/// step back a little (a miner's clock), so they are sorted here. Where `blocks` counts a
/// point whose whole period lies between the first and the last time, the times in it must
/// be that many (a point's period runs to the next point): the list has to be every block, or
/// the count an outage would be measured by is not the one the chart shows.
fn parse_block_times(
    value: &Value,
    path: &str,
    times_ms: &[i64],
    blocks: Option<&[Option<f64>]>,
) -> Result<Vec<i64>, SpecError> {
    const LAST_SECOND: i64 = 7_258_118_400; // 2200-01-01
    let items = as_array(value, path, "an array of block times in whole Unix seconds")?;
    let mut out = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let seconds = match item {
            Value::Number(n) => n.as_u64().and_then(|s| i64::try_from(s).ok()),
            _ => None,
        };
        match seconds {
            Some(s) if (0..LAST_SECOND).contains(&s) => out.push(s * 1000),
            _ => {
                return err(
                    &format!("{path}[{k}]"),
                    format!(
                        "expected a block's time in whole Unix seconds (1970 to 2199), got {}",
                        show(item)
                    ),
                )
            }
        }
    }
    if out.len() < 2 {
        return err(
            path,
            "expected the times of at least two blocks (the span they cover is first to last)",
        );
    }
    let out = crate::time::sorted_times(out);
    let (first, last) = (out[0], out[out.len() - 1]);
    // Each point's period runs to the next point's time (the last one, and a point before a
    // gap in the data, are not checked).
    let step = times_ms.windows(2).map(|p| p[1] - p[0]).min().unwrap_or(0);
    for (i, pair) in times_ms.windows(2).enumerate() {
        let (t, end) = (pair[0], pair[1]);
        if end - t != step {
            continue;
        }
        let Some(count) = blocks.and_then(|b| b.get(i).copied().flatten()) else {
            continue;
        };
        if t < first || end > last {
            continue;
        }
        let listed = out.partition_point(|&x| x < end) - out.partition_point(|&x| x < t);
        if listed as f64 != count {
            return err(
                path,
                format!(
                    "lists {listed} blocks in the period of point {i} ({}), where blocks[{i}] counts {}: give every block between the first time and the last",
                    crate::time::format_iso(t),
                    count as usize
                ),
            );
        }
    }
    Ok(out)
}

fn parse_blocks(value: &Value, path: &str, points: usize) -> Result<Vec<Option<f64>>, SpecError> {
    let items = as_array(value, path, "an array of block counts, one per point")?;
    if items.len() != points {
        return err(
            path,
            format!(
                "expected one block count per point: {points} points, {} block counts",
                items.len()
            ),
        );
    }
    let mut counts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        counts.push(match item {
            Value::Null => None,
            Value::Number(n) => match n.as_u64() {
                Some(c) => Some(c as f64),
                None => {
                    return err(
                        &format!("{path}[{i}]"),
                        format!("expected a whole number of blocks (0 or more) or null, got {n}"),
                    )
                }
            },
            other => {
                return err(
                    &format!("{path}[{i}]"),
                    format!(
                        "expected a whole number of blocks or null, got {}",
                        kind(other)
                    ),
                )
            }
        });
    }
    Ok(counts)
}

type Columns = (Vec<i64>, Vec<Option<f64>>);

fn parse_points(obj: &Map, path: &str, unit: &Unit) -> Result<Columns, SpecError> {
    let points_path = join(path, "points");
    let points = as_array(
        obj.get("points").unwrap_or(&Value::Null),
        &points_path,
        "an array of [time, value] pairs",
    )?;
    let mut times = Vec::with_capacity(points.len());
    let mut values = Vec::with_capacity(points.len());
    for (i, point) in points.iter().enumerate() {
        // Paths are made only for an error: this runs once per point.
        let point_path = || format!("{points_path}[{i}]");
        let pair = match point {
            Value::Array(pair) if pair.len() == 2 => pair,
            Value::Array(pair) => {
                return err(
                    &point_path(),
                    format!(
                        "expected a [time, value] pair, got an array of {} items",
                        pair.len()
                    ),
                )
            }
            other => {
                return err(
                    &point_path(),
                    format!("expected a [time, value] pair, got {}", kind(other)),
                )
            }
        };
        let time_path = || format!("{points_path}[{i}][0]");
        let t = parse_time_at(&pair[0], time_path)?;
        check_ascending(&times, t, time_path)?;
        times.push(t);
        values.push(parse_value(
            &pair[1],
            || format!("{points_path}[{i}][1]"),
            unit,
        )?);
    }
    Ok((times, values))
}

fn parse_columns(obj: &Map, path: &str, unit: &Unit) -> Result<Columns, SpecError> {
    let t_path = join(path, "t");
    let v_path = join(path, "v");
    let t = match obj.get("t") {
        Some(v) => as_array(v, &t_path, "an array of times")?,
        None => return err(&t_path, "is required with \"v\": an array of times"),
    };
    let v = match obj.get("v") {
        Some(v) => as_array(v, &v_path, "an array of values")?,
        None => return err(&v_path, "is required with \"t\": an array of values"),
    };
    if t.len() != v.len() {
        return err(
            &v_path,
            format!(
                "expected as many values as times: \"t\" has {}, \"v\" has {}",
                t.len(),
                v.len()
            ),
        );
    }
    let mut times = Vec::with_capacity(t.len());
    let mut values = Vec::with_capacity(v.len());
    for (i, (time_value, value)) in t.iter().zip(v.iter()).enumerate() {
        // Paths are made only for an error: this runs once per point.
        let time_path = || format!("{t_path}[{i}]");
        let time = parse_time_at(time_value, time_path)?;
        check_ascending(&times, time, time_path)?;
        times.push(time);
        values.push(parse_value(value, || format!("{v_path}[{i}]"), unit)?);
    }
    Ok((times, values))
}

/// Replaces a series' data with typed columns (the fast path for large data): times in Unix
/// ms (finite, whole, strictly ascending, 1900–2199), values in the series' unit with NaN as a
/// gap. Errors name `series[i].t[k]` / `series[i].v[k]`. Block counts, which no longer match,
/// are dropped with the old data.
pub fn set_columns(
    spec: &mut Spec,
    index: usize,
    times: &[f64],
    values: &[f64],
    blocks: Option<&[f64]>,
) -> Result<(), SpecError> {
    let path = format!("series[{index}]");
    let Some(series) = spec.series.get_mut(index) else {
        return err(
            &path,
            format!("no such series: the spec has {}", spec.series.len()),
        );
    };
    if times.len() != values.len() {
        return err(
            &format!("{path}.v"),
            format!(
                "expected as many values as times: {} times, {} values",
                times.len(),
                values.len()
            ),
        );
    }
    if times.is_empty() {
        return err(
            &format!("{path}.t"),
            "expected at least one point, got none",
        );
    }
    let mut out_times = Vec::with_capacity(times.len());
    let mut out_values = Vec::with_capacity(values.len());
    for (k, (&t, &v)) in times.iter().zip(values.iter()).enumerate() {
        if !t.is_finite() || t.fract() != 0.0 {
            return err(
                &format!("{path}.t[{k}]"),
                format!(
                    "expected a whole number of Unix milliseconds, got {}",
                    crate::text::numtext::display(t)
                ),
            );
        }
        let ms = check_time_ms(t as i64, || format!("{path}.t[{k}]"))?;
        if let Some(&last) = out_times.last() {
            if ms <= last {
                return err(
                    &format!("{path}.t[{k}]"),
                    "times must be strictly ascending",
                );
            }
        }
        // NaN is a gap on this path (typed arrays have no null); ±∞ is refused as in JSON.
        let value = check_value(
            (!v.is_nan()).then_some(v),
            || format!("{path}.v[{k}]"),
            &series.unit,
        )?;
        out_times.push(ms);
        out_values.push(value);
    }
    // Block counts travel with their points (NaN for none): whole numbers, 0 or more.
    let out_blocks = match blocks {
        None => None,
        Some(b) if b.len() != times.len() => {
            return err(
                &format!("{path}.blocks"),
                format!(
                    "expected one block count per point: {} points, {} block counts",
                    times.len(),
                    b.len()
                ),
            )
        }
        Some(b) => {
            let mut out = Vec::with_capacity(b.len());
            for (k, &n) in b.iter().enumerate() {
                if n.is_nan() {
                    out.push(None);
                } else if n.is_finite() && n >= 0.0 && n.fract() == 0.0 {
                    out.push(Some(n));
                } else {
                    return err(
                        &format!("{path}.blocks[{k}]"),
                        format!(
                            "expected a whole number of blocks (0 or more) or null, got {}",
                            crate::text::numtext::display(n)
                        ),
                    );
                }
            }
            Some(out)
        }
    };
    if spec.options.log_scale {
        check_log_values(&out_values, &out_times, &path)?;
    }
    let Some(series) = spec.series.get_mut(index) else {
        return err(&path, "no such series");
    };
    series.times_ms = out_times;
    series.values = out_values;
    series.blocks = out_blocks;
    // New data moves an ongoing outage's end with it; data that ends before it leaves it as it
    // was (the outage keeps its last end).
    let _ = close_ongoing(&mut spec.outages, &spec.series);
    Ok(())
}

/// On a log scale every value must be positive: the first that is not is named.
pub fn check_log_values(
    values: &[Option<f64>],
    times: &[i64],
    path: &str,
) -> Result<(), SpecError> {
    if let Some(k) = values.iter().position(|v| v.is_some_and(|v| v <= 0.0)) {
        return err(
            path,
            format!(
                "value {k} ({}) is {}: a log scale (options.scale \"log\") shows only values above zero; use null for a gap or the linear scale",
                time::format_date_time(times.get(k).copied().unwrap_or(0), 0),
                crate::text::numtext::display(values[k].unwrap_or(0.0))
            ),
        );
    }
    Ok(())
}

fn check_ascending(times: &[i64], t: i64, path: impl Fn() -> String) -> Result<(), SpecError> {
    if let Some(&previous) = times.last() {
        if t <= previous {
            let what = if t == previous {
                "repeats the previous time"
            } else {
                "is before the previous time"
            };
            return err(
                &path(),
                format!(
                    "times must be strictly ascending; {} {} ({})",
                    time::format_date_time(t, 0),
                    what,
                    time::format_date_time(previous, 0)
                ),
            );
        }
    }
    Ok(())
}

/// A value or null; the path is made only for an error.
fn parse_value(
    value: &Value,
    path: impl Fn() -> String,
    unit: &Unit,
) -> Result<Option<f64>, SpecError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => check_value(Some(n.as_f64().unwrap_or(f64::NAN)), path, unit),
        other => err(
            &path(),
            format!("expected a number or null (a gap), got {}", kind(other)),
        ),
    }
}

/// The one rule for a time given as a number of Unix milliseconds, whatever the path it came
/// by (JSON, typed columns, `setColumns`): not Unix seconds, within 1900..2200.
/// The path is made only for an error: this runs once per point of a million-point column.
fn check_time_ms(ms: i64, path: impl Fn() -> String) -> Result<i64, SpecError> {
    if (SECONDS_LOW..SECONDS_HIGH).contains(&ms) {
        return err(
            &path(),
            format!(
                "{ms} looks like Unix seconds ({}); times must be Unix milliseconds ({}) or ISO 8601 strings",
                time::format_date_time(ms.saturating_mul(1000), 0),
                ms.saturating_mul(1000)
            ),
        );
    }
    if !(MIN_TIME_MS..MAX_TIME_MS).contains(&ms) {
        return err(
            &path(),
            "expected a time from 1900-01-01 up to (not including) 2200-01-01",
        );
    }
    Ok(ms)
}

/// The one rule for a value, whatever the path it came by: finite, and a hash rate not
/// negative. `None` is a gap.
fn check_value(
    x: Option<f64>,
    path: impl Fn() -> String,
    unit: &Unit,
) -> Result<Option<f64>, SpecError> {
    match x {
        None => Ok(None),
        Some(x) if !x.is_finite() => err(&path(), "expected a finite number or null"),
        Some(x) if x < 0.0 && unit.is_hash_rate() => err(
            &path(),
            format!(
                "a hash rate cannot be negative, got {}; use null for a missing day",
                crate::text::numtext::display(x)
            ),
        ),
        Some(x) => Ok(Some(x)),
    }
}

/// Parses a time: an ISO 8601 string or an integer number of Unix milliseconds.
pub fn parse_time(value: &Value, path: &str) -> Result<i64, SpecError> {
    parse_time_at(value, || path.to_string())
}

/// `parse_time` with the path made only for an error (once per point of a long series).
fn parse_time_at(value: &Value, path: impl Fn() -> String) -> Result<i64, SpecError> {
    let ms = match value {
        Value::String(s) => match time::parse_iso8601(s) {
            Ok(ms) => ms,
            Err(message) => return err(&path(), message),
        },
        Value::Number(n) => {
            let ms = match n.as_i64() {
                Some(ms) => ms,
                None => {
                    return err(
                        &path(),
                        format!(
                            "expected an integer number of Unix milliseconds or an ISO 8601 string, got {n}"
                        ),
                    )
                }
            };
            return check_time_ms(ms, path);
        }
        other => {
            return err(
                &path(),
                format!(
                    "expected a time (ISO 8601 string or integer Unix milliseconds), got {}",
                    kind(other)
                ),
            )
        }
    };
    if !(MIN_TIME_MS..MAX_TIME_MS).contains(&ms) {
        return err(
            &path(),
            "expected a time from 1900-01-01 up to (not including) 2200-01-01",
        );
    }
    Ok(ms)
}

fn parse_outage(value: &Value, path: &str) -> Result<Outage, SpecError> {
    let obj = as_object(value, path, "an outage object")?;
    check_keys(
        obj,
        path,
        &["start", "end", "label", "region", "share", "source"],
    )?;
    let start_ms = required_time(obj, path, "start")?;
    // No end yet: an ongoing outage, closed at the end of the data (`close_ongoing`).
    let ongoing = matches!(obj.get("end"), None | Some(Value::Null))
        || matches!(obj.get("end"), Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("ongoing"));
    let end_ms = if ongoing {
        i64::MAX
    } else {
        required_time(obj, path, "end")?
    };
    if end_ms <= start_ms {
        return err(
            &join(path, "end"),
            format!(
                "expected the end after the start ({}), got {}",
                time::format_date_time(start_ms, 0),
                time::format_date_time(end_ms, 0)
            ),
        );
    }
    let share = match obj.get("share") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if (0.0..=1.0).contains(&x) => Some(x),
            _ => {
                return err(
                    &join(path, "share"),
                    format!(
                    "expected a fraction of the hash rate from 0 to 1 (0.132 for 13.2 %), got {n}"
                ),
                )
            }
        },
        Some(other) => {
            return err(
                &join(path, "share"),
                format!("expected a fraction from 0 to 1, got {}", kind(other)),
            )
        }
    };
    Ok(Outage {
        start_ms,
        end_ms,
        label: optional_text(obj, path, "label")?,
        region: optional_text(obj, path, "region")?,
        share,
        source: optional_text(obj, path, "source")?,
        ongoing,
    })
}

/// The end of the data: the last point's period end (its last gap, a day for a single point)
/// over every series; None without points.
fn data_end_ms(series: &[Series]) -> Option<i64> {
    series
        .iter()
        .filter_map(|s| {
            let last = *s.times_ms.last()?;
            let gap = match s.times_ms.len() {
                0 | 1 => time::MS_PER_DAY,
                n => last - s.times_ms[n - 2],
            };
            Some(last.saturating_add(gap))
        })
        .max()
}

/// Runs each ongoing outage to the end of the data; one that starts at or after it is refused
/// (at parse) naming its start.
fn close_ongoing(outages: &mut [Outage], series: &[Series]) -> Result<(), SpecError> {
    let Some(end) = data_end_ms(series) else {
        return Ok(());
    };
    for (i, outage) in outages.iter_mut().enumerate().filter(|(_, o)| o.ongoing) {
        if outage.start_ms >= end {
            return err(
                &format!("outages[{i}].start"),
                format!(
                    "an ongoing outage (no end) must start before the data ends ({})",
                    time::format_date_time(end, 0)
                ),
            );
        }
        outage.end_ms = end;
    }
    Ok(())
}

fn parse_annotation(value: &Value, path: &str, series: &[Series]) -> Result<Annotation, SpecError> {
    let obj = as_object(value, path, "an annotation object")?;
    check_keys(obj, path, &["at", "text", "series"])?;
    let at_ms = required_time(obj, path, "at")?;
    let text = match optional_text(obj, path, "text")? {
        Some(t) => t,
        None => return err(&join(path, "text"), "is required: the callout text"),
    };
    let series_index = match optional_text(obj, path, "series")? {
        None => None,
        Some(id) => match series.iter().position(|s| s.id == id) {
            Some(i) => Some(i),
            None => {
                let ids: Vec<String> = series.iter().map(|s| format!("\"{}\"", s.id)).collect();
                return err(
                    &join(path, "series"),
                    format!(
                        "no series has the id \"{id}\"; expected one of {}",
                        crate::text::join(&ids, ", ")
                    ),
                );
            }
        },
    };
    Ok(Annotation {
        at_ms,
        text,
        series: series_index,
    })
}

fn parse_options(value: &Value, path: &str) -> Result<Options, SpecError> {
    let obj = as_object(value, path, "an options object")?;
    check_keys(
        obj,
        path,
        &[
            "theme",
            "timeZone",
            "impact",
            "baselineDays",
            "rollingAverage",
            "rollingAlign",
            "showRaw",
            "provenance",
            "scale",
        ],
    )?;
    let mut options = Options {
        impact: optional_bool(obj, path, "impact")?.unwrap_or(true),
        show_raw: optional_bool(obj, path, "showRaw")?.unwrap_or(true),
        provenance: optional_bool(obj, path, "provenance")?.unwrap_or(false),
        ..Options::default()
    };
    if let Some(days) = optional_days(obj, path, "baselineDays", 1)? {
        options.baseline_days = days;
    }
    options.rolling_average_days = optional_days(obj, path, "rollingAverage", 2)?;
    match obj.get("rollingAlign") {
        None => {}
        Some(Value::String(s)) if s == "centered" || s == "centred" => {
            options.rolling_centred = true
        }
        Some(Value::String(s)) if s == "trailing" => options.rolling_centred = false,
        Some(other) => {
            return err(
                &join(path, "rollingAlign"),
                format!("expected \"centered\" or \"trailing\", got {}", show(other)),
            )
        }
    }
    match obj.get("scale") {
        None => {}
        Some(Value::String(s)) if s == "linear" => options.log_scale = false,
        Some(Value::String(s)) if s == "log" => options.log_scale = true,
        Some(other) => {
            return err(
                &join(path, "scale"),
                format!("expected \"linear\" or \"log\", got {}", show(other)),
            )
        }
    }
    if let Some(v) = obj.get("theme") {
        options.theme_auto = v.as_str() == Some("auto");
        options.theme = match v {
            Value::String(s) if s == "auto" => Theme::Light,
            Value::String(s) => match Theme::parse(s) {
                Some(theme) => theme,
                None => {
                    return err(
                        &join(path, "theme"),
                        format!("expected \"light\", \"dark\" or \"auto\", got {}", show(v)),
                    )
                }
            },
            other => {
                return err(
                    &join(path, "theme"),
                    format!(
                        "expected \"light\", \"dark\" or \"auto\", got {}",
                        kind(other)
                    ),
                )
            }
        };
    }
    if let Some(v) = obj.get("timeZone") {
        let zone_path = join(path, "timeZone");
        let name = match v {
            Value::String(s) => s,
            other => {
                return err(
                    &zone_path,
                    format!(
                        "expected a time zone string such as \"UTC\", \"+06:00\" or \"Asia/Almaty\", got {}",
                        kind(other)
                    ),
                )
            }
        };
        options.time_zone = match zone_option(name) {
            Ok(zone) => zone,
            Err(message) => return err(&zone_path, message),
        };
    }
    Ok(options)
}

/// The words a band is labelled with.
pub fn outage_label(outage: &crate::spec::Outage) -> String {
    outage_label_in(outage, crate::text::i18n::english())
}

/// `outage_label` in `locale`: the outage's own label, else the word for an outage.
pub fn outage_label_in(outage: &crate::spec::Outage, locale: &crate::text::i18n::Locale) -> String {
    let mut name = match (&outage.label, &outage.region) {
        (Some(label), _) if !label.trim().is_empty() => label.clone(),
        (_, Some(region)) if !region.trim().is_empty() => {
            locale.fill("outage.region", &[("region", region)])
        }
        _ => locale.text("outage").to_string(),
    };
    if outage.ongoing {
        name.push_str(locale.text("outage.ongoing"));
    }
    name
}

/// A time-zone option: UTC or a fixed offset, or an IANA name whose offsets are filled in once
/// the chart's span is known (`resolve_zone`).
pub fn zone_option(name: &str) -> Result<time::Zone, String> {
    match time::parse_time_zone(name) {
        Ok(offset) => Ok(time::Zone {
            name: name.to_string(),
            ..time::Zone::fixed(offset)
        }),
        Err(_) if time::is_zone_name(name) => {
            Ok(time::Zone::with_offsets(name.trim(), 0, Vec::new()))
        }
        Err(message) => Err(message),
    }
}

/// Natively, a named zone's offsets over the spec's span from the tz database (src/time/tz.rs);
/// the web shell supplies them from Intl instead (ChartCore::zone_request).
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve_zone(spec: &mut Spec) -> Result<(), String> {
    if spec.options.time_zone.named {
        let span = spec.time_span();
        spec.options.time_zone = crate::time::tz::resolve(&spec.options.time_zone.name, span)?;
    }
    Ok(())
}

/// Series sharing an axis must measure the same kind of thing, or its labels would lie.
fn check_axis_units(series: &[Series]) -> Result<(), SpecError> {
    for (i, s) in series.iter().enumerate() {
        if let Some((j, first)) = series
            .iter()
            .enumerate()
            .take(i)
            .find(|(_, other)| other.axis == s.axis)
        {
            if !first.unit.same_kind(&s.unit) {
                let side = if s.axis == Axis::Left {
                    "left"
                } else {
                    "right"
                };
                return err(
                    &format!("series[{i}].unit"),
                    format!(
                        "\"{}\" cannot share the {side} axis with series[{j}] (\"{}\"); give it its own axis with \"axis\": \"{}\"",
                        s.unit.as_written(),
                        first.unit.as_written(),
                        if side == "left" { "right" } else { "left" }
                    ),
                );
            }
        }
    }
    Ok(())
}

fn optional_bool(obj: &Map, path: &str, key: &str) -> Result<Option<bool>, SpecError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => err(
            &join(path, key),
            format!("expected true or false, got {}", kind(other)),
        ),
    }
}

fn optional_days(obj: &Map, path: &str, key: &str, min: u32) -> Result<Option<u32>, SpecError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(d) if d >= u64::from(min) && d <= 365 => Ok(Some(d as u32)),
            _ => err(
                &join(path, key),
                format!("expected a whole number of days from {min} to 365, got {n}"),
            ),
        },
        Some(other) => err(
            &join(path, key),
            format!("expected a whole number of days, got {}", kind(other)),
        ),
    }
}

fn required_time(obj: &Map, path: &str, key: &str) -> Result<i64, SpecError> {
    match obj.get(key) {
        Some(v) => parse_time(v, &join(path, key)),
        None => err(
            &join(path, key),
            "is required: an ISO 8601 time or integer Unix milliseconds",
        ),
    }
}

fn optional_text(obj: &Map, path: &str, key: &str) -> Result<Option<String>, SpecError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => err(
            &join(path, key),
            format!("expected a string, got {}", kind(other)),
        ),
    }
}

fn as_object<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Map, SpecError> {
    match value {
        Value::Object(map) => Ok(map),
        other => err(path, format!("expected {what}, got {}", kind(other))),
    }
}

fn as_array<'a>(value: &'a Value, path: &str, what: &str) -> Result<&'a Vec<Value>, SpecError> {
    match value {
        Value::Array(items) => Ok(items),
        other => err(path, format!("expected {what}, got {}", kind(other))),
    }
}

/// Unknown keys are errors: a typo such as `serie` must not be silently ignored.
fn check_keys(obj: &Map, path: &str, allowed: &[&str]) -> Result<(), SpecError> {
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            let suggestion = allowed
                .iter()
                .map(|a| (edit_distance(a, key), *a))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, a)| format!("did you mean \"{a}\"? "))
                .unwrap_or_default();
            return err(
                &join(path, key),
                format!(
                    "unknown key; {suggestion}expected one of: {}",
                    crate::text::join(allowed, ", ")
                ),
            );
        }
    }
    Ok(())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

fn join(path: &str, key: &str) -> String {
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), simple) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", json::quote(key)),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a value for messages (long strings are cut).
fn show(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 40 => {
            let cut: String = s.chars().take(40).collect();
            format!("\"{cut}…\"")
        }
        Value::String(s) => format!("\"{s}\""),
        other => kind(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_builds_readable_paths() {
        assert_eq!(join("", "series"), "series");
        assert_eq!(join("series[0]", "unit"), "series[0].unit");
        assert_eq!(join("", "a b"), "[\"a b\"]");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("series", "serie"), 1);
        assert_eq!(edit_distance("title", "titel"), 2);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
