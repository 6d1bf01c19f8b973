//! The chart in words: the `aria-label` of the canvas and the `<title>` of the SVG, written
//! for a listener (what is measured, when, the range and latest value, each outage).

use crate::analysis::expected::{expected_ranges, ExpectedRange};
use crate::analysis::{
    baseline_words, chance_note_in, describe_plain, format_display, spec_impacts, Impact,
    NotMeasured,
};
use crate::layout::{outage_label_in, time_domain};
use crate::spec::{Outage, Series, Spec};
use crate::text::i18n::Locale;
use crate::text::units::DisplayUnit;
use crate::time::{self, Zone};

/// A plain-language summary of the chart in `locale`'s words, each number and date in its
/// style.
pub fn summary(spec: &Spec, locale: &Locale) -> String {
    let impacts = if spec.options.impact {
        spec_impacts(spec)
    } else {
        Vec::new()
    };
    summary_with(spec, locale, &impacts)
}

/// `summary` with the spec's impacts (`analysis::spec_impacts`) measured by the caller,
/// which shares them with the layout (see `layout::Prepared::with`).
pub fn summary_with(
    spec: &Spec,
    locale: &Locale,
    impacts: &[Result<Impact, NotMeasured>],
) -> String {
    let zone = &spec.options.time_zone;
    let end = locale.text("summary.end");
    let mut parts: Vec<String> = Vec::new();
    parts.push(title_sentence(spec, locale, end));
    let (t0, t1) = time_domain(spec);
    parts.push(locale.fill(
        "summary.timeAxis",
        &[
            ("range", &time::format_range(t0, t1, zone, locale)),
            // "UTC", "UTC+06:00" or the zone's name, as the axis names it.
            ("zone", &zone.label()),
        ],
    ));
    for series in &spec.series {
        parts.push(series_sentence(series, locale, zone, end));
    }
    if !spec.outages.is_empty() {
        parts.push(locale.fill(
            "summary.periods",
            &[(
                "count",
                &locale.count("count.period", spec.outages.len() as u64),
            )],
        ));
    }
    let results: &[Result<Impact, NotMeasured>] = if spec.options.impact { impacts } else { &[] };
    let ranges = expected_ranges(spec, results);
    for (index, outage) in spec.outages.iter().enumerate() {
        let range = ranges.iter().find(|r| r.outage == index);
        parts.push(outage_sentence(spec, (index, outage), results, range, locale) + end);
    }
    // Several outages measured: how often chance alone gives one a "possible" verdict.
    let primary = spec.series.iter().position(|s| s.unit.is_hash_rate());
    if let Some(note) = primary.and_then(|si| chance_note_in(results, si, locale)) {
        parts.push(note + end);
    }
    for annotation in &spec.annotations {
        parts.push(locale.fill(
            "summary.note",
            &[
                (
                    "date",
                    &time::format_instant(annotation.at_ms, zone, locale),
                ),
                ("text", annotation.text.trim_end_matches(['.', '。'])),
            ],
        ));
    }
    if let Some(source) = spec.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(locale.fill("summary.source", &[("source", source.trim())]));
    }
    // Chinese runs its sentences together; the others put a space between them.
    let joiner = if end == "。" { "" } else { " " };
    crate::text::join(&parts, joiner)
}

/// A series in a sentence: how many values, the lowest, highest and last, and how many are
/// missing.
fn series_sentence(series: &Series, locale: &Locale, zone: &Zone, end: &str) -> String {
    let values: Vec<(i64, f64)> = series
        .times_ms
        .iter()
        .zip(series.values.iter())
        .filter_map(|(t, v)| v.map(|v| (*t, v * series.unit.to_base_factor())))
        .collect();
    let Some(&(last_t, last_v)) = values.last() else {
        return locale.fill("summary.noValues", &[("series", &series.label)]);
    };
    let min = values.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
    let max = values
        .iter()
        .map(|(_, v)| *v)
        .fold(f64::NEG_INFINITY, f64::max);
    let unit = DisplayUnit::choose(&series.unit, min.abs().max(max.abs()));
    let show = |v: f64| locale.number(&unit.format_value(v / unit.divisor));
    let gaps = series.values.iter().filter(|v| v.is_none()).count();
    let mut sentence = locale.fill(
        "summary.series",
        &[
            ("series", &series.label),
            ("count", &locale.count("count.value", values.len() as u64)),
            ("min", &show(min)),
            ("max", &show(max)),
            ("last", &show(last_v)),
            ("date", &time::format_instant(last_t, zone, locale)),
        ],
    );
    if gaps > 0 {
        sentence.push_str(&locale.fill(
            "summary.missing",
            &[("count", &locale.count("count.missing", gaps as u64))],
        ));
    }
    sentence.push_str(end);
    sentence
}

/// An outage in words: its label, period and duration, each measured impact on it, and its
/// expected range when simulated; without the sentence's end.
fn outage_sentence(
    spec: &Spec,
    (index, outage): (usize, &Outage),
    results: &[Result<Impact, NotMeasured>],
    range: Option<&ExpectedRange>,
    locale: &Locale,
) -> String {
    let zone = &spec.options.time_zone;
    let mut sentence = locale.fill(
        "summary.outage",
        &[
            ("label", &outage_label_in(outage, locale)),
            (
                "period",
                &time::format_period(outage.start_ms, outage.end_ms, zone, locale),
            ),
            (
                "duration",
                &time::format_duration(outage.end_ms - outage.start_ms, locale),
            ),
        ],
    );
    for impact in results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|i| i.outage == index)
    {
        let label = spec
            .series
            .get(impact.series)
            .map_or("", |s| s.label.as_str());
        sentence.push_str(&locale.fill(
            "summary.impact",
            &[
                ("series", label),
                (
                    "during",
                    &locale.number(&format_display(impact.during_mean, &impact.unit)),
                ),
                (
                    "expected",
                    &locale.number(&format_display(impact.baseline_mean, &impact.unit)),
                ),
                ("baseline", &baseline_words(impact, locale)),
                ("plain", &describe_plain(impact, locale)),
            ],
        ));
    }
    if let Some(range) = range {
        sentence.push_str(&expected_words(spec, range, locale));
    }
    sentence
}

/// A simulated outage's expected range in words, at its deepest point: what the series would
/// have shown there had the share gone dark, the range, and what it showed.
fn expected_words(spec: &Spec, range: &ExpectedRange, locale: &Locale) -> String {
    let Some(&(t, expected, high, low)) = range.points.iter().min_by(|a, b| a.1.total_cmp(&b.1))
    else {
        return String::new();
    };
    let Some(series) = spec.series.get(range.series) else {
        return String::new();
    };
    let to_display =
        series.unit.to_base_factor() / crate::analysis::display_unit_of(spec, series).divisor;
    let actual = series
        .times_ms
        .binary_search(&t)
        .ok()
        .and_then(|i| series.values.get(i).copied().flatten());
    let show = |v: f64| locale.number(&format_display(v, &range.unit));
    let (share, level) = range.share_and_level_in(locale);
    locale.fill(
        "summary.expected",
        &[
            ("share", &share),
            ("expected", &show(expected)),
            (
                "date",
                &time::format_instant(t, &spec.options.time_zone, locale),
            ),
            ("range", &level),
            ("low", &show(low)),
            ("high", &show(high)),
            (
                "actual",
                &actual.map_or_else(
                    || locale.text("readout.noData").to_string(),
                    |v| show(v * to_display),
                ),
            ),
        ],
    )
}

/// "Chart: {title}." (no full stop after a question or an exclamation), or "Chart."
fn title_sentence(spec: &Spec, locale: &Locale, end: &str) -> String {
    let title = spec
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => {
            let t = t.trim_end_matches(['.', '。']);
            let mut filled = locale.fill("summary.chartTitled", &[("title", t)]);
            // A title that ends in a question or an exclamation takes no full stop after it
            // (every language's sentence ends with the title; no string search: 1.3 KB of wasm).
            let asks = matches!(t.chars().last(), Some('?' | '!' | '？' | '！'));
            if asks && filled.ends_with(end) {
                filled.truncate(filled.len() - end.len());
            }
            filled
        }
        None => locale.text("summary.chart").to_string(),
    }
}
