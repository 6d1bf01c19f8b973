//! The chart in words: the `aria-label` of the canvas and the `<title>` of the SVG, written
//! for a listener (what is measured, when, the range and latest value, each outage).

use crate::analysis::{baseline_words, describe_plain, format_display, impacts, ImpactOptions};
use crate::layout::{outage_label, time_domain};
use crate::spec::Spec;
use crate::time;
use crate::units::DisplayUnit;

/// A plain-language summary of the chart.
pub fn summary(spec: &Spec) -> String {
    let offset = &spec.options.time_zone;
    let mut parts: Vec<String> = Vec::new();
    let title = spec
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    parts.push(match title {
        Some(t) => format!("Chart: {}.", t.trim_end_matches('.')),
        None => "Chart.".to_string(),
    });
    let (t0, t1) = time_domain(spec);
    parts.push(format!(
        "Time axis {}, {}.",
        time::format_range(t0, t1, offset),
        spec.options.time_zone.label()
    ));
    for series in &spec.series {
        let values: Vec<(i64, f64)> = series
            .times_ms
            .iter()
            .zip(series.values.iter())
            .filter_map(|(t, v)| v.map(|v| (*t, v * series.unit.to_base_factor())))
            .collect();
        let Some(&(last_t, last_v)) = values.last() else {
            parts.push(format!("{}: no values.", series.label));
            continue;
        };
        let min = values.iter().map(|(_, v)| *v).fold(f64::INFINITY, f64::min);
        let max = values
            .iter()
            .map(|(_, v)| *v)
            .fold(f64::NEG_INFINITY, f64::max);
        let unit = DisplayUnit::choose(&series.unit, min.abs().max(max.abs()));
        let show = |v: f64| unit.format_value(v / unit.divisor);
        let gaps = series.values.iter().filter(|v| v.is_none()).count();
        let mut sentence = format!(
            "{}: {} values from {} to {}, latest {} on {}",
            series.label,
            values.len(),
            show(min),
            show(max),
            show(last_v),
            time::format_instant(last_t, offset)
        );
        if gaps > 0 {
            sentence.push_str(&format!(
                "; {gaps} missing value{}",
                if gaps == 1 { "" } else { "s" }
            ));
        }
        sentence.push('.');
        parts.push(sentence);
    }
    match spec.outages.len() {
        0 => {}
        n => parts.push(format!(
            "{} shaded period{}:",
            n,
            if n == 1 { "" } else { "s" }
        )),
    }
    let results = if spec.options.impact {
        impacts(
            spec,
            ImpactOptions {
                baseline_days: spec.options.baseline_days,
            },
        )
    } else {
        Vec::new()
    };
    for (index, outage) in spec.outages.iter().enumerate() {
        let mut sentence = format!(
            "{}, {} ({})",
            outage_label(outage),
            time::format_period(outage.start_ms, outage.end_ms, offset),
            time::format_duration(outage.end_ms - outage.start_ms)
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
            sentence.push_str(&format!(
                "; {label} during it {} against {} expected from {}: {}",
                format_display(impact.during_mean, &impact.unit),
                format_display(impact.baseline_mean, &impact.unit),
                baseline_words(impact),
                describe_plain(impact)
            ));
        }
        sentence.push('.');
        parts.push(sentence);
    }
    for annotation in &spec.annotations {
        parts.push(format!(
            "Note at {}: {}.",
            time::format_instant(annotation.at_ms, offset),
            annotation.text.trim_end_matches('.')
        ));
    }
    if let Some(source) = spec.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("Source: {}", source.trim()));
    }
    parts.join(" ")
}
