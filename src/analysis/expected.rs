//! The expected range of a simulated loss: what the hash rate would have shown had an
//! outage's `share` gone dark, from its measured impact's own counterfactual and interval
//! (`Impact::expected_range`). Drawn by layout, said by explain.

use crate::analysis::{point_spacing_ms, Impact, NotMeasured};
use crate::spec::Spec;
use crate::text::i18n::Locale;

/// What the hash rate would have shown had an outage's `share` gone dark (a simulated
/// outage's counterfactual): per point over the outage and one either side, its expected value
/// and the 95 % range a point falls in then. Drawn as the expected line and its shaded range,
/// and said in the summary, the data table and the read-out (`expected_ranges`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRange {
    pub outage: usize,
    pub series: usize,
    pub share: f64,
    /// The impact's display unit ("EH/s").
    pub unit: String,
    /// (time ms, expected, upper, lower) in `unit`.
    pub points: Vec<(i64, f64, f64, f64)>,
}

impl ExpectedRange {
    /// Its share and its range's level ("13.2%", "95%") in `locale`'s style, for its words.
    pub fn share_and_level_in(&self, locale: &Locale) -> (String, String) {
        let share = crate::text::units::format_significant(self.share * 100.0, 3) + "%";
        (locale.number(&share), locale.number("95%"))
    }

    /// Its label ("Expected if 13.2% had gone dark") in `locale`'s words.
    pub fn label_in(&self, locale: &Locale) -> String {
        let (share, _) = self.share_and_level_in(locale);
        locale.fill("expected.label", &[("share", &share)])
    }

    /// (expected, low, high) at the point of time `t_ms`, if the range has one there.
    pub fn at(&self, t_ms: i64) -> Option<(f64, f64, f64)> {
        let i = self.points.binary_search_by_key(&t_ms, |p| p.0).ok()?;
        let (_, expected, high, low) = self.points[i];
        Some((expected, low, high))
    }
}

/// The expected ranges of the outages with a `share` that went dark, on the first hash-rate
/// series, from its measured impacts (`analysis::spec_impacts`).
pub fn expected_ranges(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> Vec<ExpectedRange> {
    let mut ranges = Vec::new();
    let Some(si) = spec.series.iter().position(|s| s.unit.is_hash_rate()) else {
        return ranges;
    };
    let series = &spec.series[si];
    let spacing = point_spacing_ms(&series.times_ms);
    for (oi, outage) in spec.outages.iter().enumerate() {
        let impact = results
            .iter()
            .find_map(|r| r.as_ref().ok().filter(|i| i.series == si && i.outage == oi));
        let (Some(share), Some(impact)) = (outage.share, impact) else {
            continue;
        };
        // Each point covers [t, t + spacing); include one point either side at f = 0.
        let fractions: Vec<f64> = series
            .times_ms
            .iter()
            .map(|&t| {
                let o = (t.saturating_add(spacing)).min(outage.end_ms) - t.max(outage.start_ms);
                o.max(0) as f64 / spacing as f64
            })
            .collect();
        let Some(first) = fractions.iter().position(|f| *f > 0.0) else {
            continue;
        };
        let last = fractions.iter().rposition(|f| *f > 0.0).unwrap_or(first);
        let from = first.saturating_sub(1);
        let to = (last + 1).min(series.times_ms.len() - 1);
        let points = (from..=to)
            .map(|i| {
                // The impact's own counterfactual, less the share that went dark, and the
                // range of the verdict's own interval (analysis::expected_range).
                let online = 1.0 - share * fractions[i];
                let (expected, low, high) =
                    impact.expected_range(series.times_ms[i] + spacing / 2, online);
                (series.times_ms[i], expected, high, low)
            })
            .collect();
        ranges.push(ExpectedRange {
            outage: oi,
            series: si,
            share,
            unit: impact.unit.clone(),
            points,
        });
    }
    ranges
}
