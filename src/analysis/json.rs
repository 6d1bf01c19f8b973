//! The impacts as JSON: the CLI's `impact` output and the web `chart.impact()`.

use crate::analysis::impact::{Impact, NotMeasured};
use crate::analysis::words::{baseline_words, describe, describe_plain};
use crate::spec::{outage_label_in, Spec};
use crate::text::i18n::english;
use crate::text::json::{json, Value};
use crate::time::format_iso;

/// The impacts as JSON (the CLI's `impact` output and the web `chart.impact()`).
pub fn impacts_json(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> Value {
    let iso = |ms: i64| format_iso(ms);
    let items: Vec<Value> = results
        .iter()
        .map(|r| match r {
            Ok(i) => json!({
                "outage": outage_name(spec, i.outage),
                "series": spec.series.get(i.series).map(|s| s.id.clone()),
                "baseline": {
                    "from": iso(i.baseline_from_ms), "to": iso(i.baseline_to_ms),
                    "after": i.after.map(|(from, to)| json!({ "from": iso(from), "to": iso(to) })),
                    "sides": if i.after.is_some() { "before-and-after" } else { "before" },
                    "afterShift": i.after_shift.map(|x| round6(x.exp() - 1.0)),
                    "trend": match (i.fit.trend, i.fit.coefficients.len()) { (false, _) => "level", (true, 2) => "log-linear", _ => "log-quadratic" },
                    "mean": round6(i.baseline_mean), "points": i.baseline_points,
                    "words": baseline_words(i, english()),
                },
                "noise": {
                    "dispersion": i.dispersion.map(round6),
                    "lag1Correlation": round6(i.fit.rho),
                    "df": round6(i.fit.df),
                },
                "during": { "mean": round6(i.during_mean), "weight": round6(i.during_weight) },
                "resolution": if i.arrivals.is_some() { "block-arrivals" } else { "points" },
                "arrivals": i.arrivals.map(|(found, expected)| json!({ "found": found, "expected": round6(expected) })),
                "unit": i.unit,
                "estimand": "change-during-outage-hours",
                "change": round6(i.change),
                "ci95": [round6(i.ci95.0), round6(i.ci95.1)],
                "detectable": i.detectable.map(round6),
                "significant": i.significant,
                "clear": i.clear,
                "plain": describe_plain(i, english()),
                "method": i.method.as_str(),
                "text": describe(i),
            }),
            Err(n) => json!({
                "outage": outage_name(spec, n.outage),
                "series": spec.series.get(n.series).map(|s| s.id.clone()),
                "error": n.reason,
            }),
        })
        .collect();
    Value::Array(items)
}

fn round6(v: f64) -> Value {
    if v.is_finite() {
        Value::from((v * 1e6).round() / 1e6)
    } else {
        Value::Null
    }
}

fn outage_name(spec: &Spec, index: usize) -> String {
    spec.outages
        .get(index)
        .map(|o| outage_label_in(o, english()))
        .unwrap_or_default()
}
