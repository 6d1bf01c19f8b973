//! The spec's types, validated: the chart spec and its series, outages, annotations and
//! options, the accepted time range, and the error every check returns.

use crate::spec::theme::Theme;
use crate::text::i18n::{english, Locale};
use crate::text::units::Unit;
use crate::time;
use std::fmt;

/// Earliest accepted time, 1900-01-01T00:00Z, in Unix ms.
pub const MIN_TIME_MS: i64 = -2_208_988_800_000;
/// First rejected time, 2200-01-01T00:00Z, in Unix ms.
pub const MAX_TIME_MS: i64 = 7_258_118_400_000;

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

/// Which value axis a series is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    Left,
    Right,
}

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

impl Spec {
    /// The earliest and latest instant of the series, outages and annotations, or None when
    /// there is none: the one span the chart's time spans start from (`layout::time_domain`
    /// what the axis shows, `time_span` what a named zone's offsets are needed over).
    pub fn extent(&self) -> Option<(i64, i64)> {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        let mut take = |t0: i64, t1: i64| {
            lo = lo.min(t0);
            hi = hi.max(t1);
        };
        for s in &self.series {
            if let (Some(&first), Some(&last)) = (s.times_ms.first(), s.times_ms.last()) {
                take(first, last);
            }
        }
        for o in &self.outages {
            take(o.start_ms, o.end_ms);
        }
        for a in &self.annotations {
            take(a.at_ms, a.at_ms);
        }
        (lo <= hi).then_some((lo, hi))
    }

    /// The `extent` with the updated stamp, widened by three days either side: the span a
    /// named zone's offsets are needed over (axes run to the end of the last day; ticks fall
    /// inside). (0, 0) for a spec with no time at all.
    pub fn time_span(&self) -> (i64, i64) {
        let (mut lo, mut hi) = self.extent().unwrap_or((i64::MAX, i64::MIN));
        if let Some(stamp) = self.updated {
            lo = lo.min(stamp);
            hi = hi.max(stamp);
        }
        if lo > hi {
            return (0, 0);
        }
        let margin = 3 * time::MS_PER_DAY;
        (lo.saturating_sub(margin), hi.saturating_add(margin))
    }
}

/// The words a band is labelled with.
pub fn outage_label(outage: &Outage) -> String {
    outage_label_in(outage, english())
}

/// `outage_label` in `locale`: the outage's own label, else the word for an outage.
pub fn outage_label_in(outage: &Outage, locale: &Locale) -> String {
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
