//! Which points measure an outage: those it overlaps (weighted by how much), the baseline
//! days before it and, when the network came back, the same span after it; the typical
//! spacing of a series' points.

use crate::analysis::fit::curve;
use crate::analysis::impact::ImpactOptions;
use crate::spec::{Outage, Series, Spec};
use crate::time::{sorted_times, MS_PER_DAY};

/// Fewest baseline points an interval is computed from.
pub const MIN_BASELINE_POINTS: usize = 3;
/// Fewest points after an outage for the baseline to take both sides (and a trend).
pub const MIN_AFTER_POINTS: usize = 5;

/// The typical spacing of a series' points (median gap), ms; one day for a single point.
/// Long series take the median of 1,001 evenly spread gaps, so this stays cheap on the
/// pointer path of a million-point chart.
pub fn point_spacing_ms(times: &[i64]) -> i64 {
    const SAMPLES: usize = 1001;
    let gaps = times.len().saturating_sub(1);
    if gaps == 0 {
        return MS_PER_DAY;
    }
    let sample: Vec<i64> = if gaps <= SAMPLES {
        times.windows(2).map(|w| w[1] - w[0]).collect()
    } else {
        (0..SAMPLES)
            .map(|k| {
                let i = k * (gaps - 1) / (SAMPLES - 1);
                times[i + 1] - times[i]
            })
            .collect()
    };
    let sample = sorted_times(sample);
    sample[sample.len() / 2].max(1)
}

fn overlap(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    (a1.min(b1) - a0.max(b0)).max(0)
}

/// The points an impact is measured from: the outage's own (weight, index, value, blocks)
/// and the reference days (index, value, blocks) before it and, when data follows, after it.
pub(super) struct Windows {
    pub(super) during: Vec<(f64, usize, f64, Option<f64>)>,
    pub(super) points: Vec<(usize, f64, Option<f64>)>,
    pub(super) baseline_from: i64,
    pub(super) baseline_to: i64,
    /// The span after the outage, when it holds enough days to be used.
    pub(super) after: Option<(i64, i64)>,
}

/// Picks the points: those overlapping the outage (weighted by the overlapping fraction), the
/// `baseline_days` before the first of them and the same span after the last, skipping gaps
/// and points that overlap another outage. Err says why the impact cannot be measured.
pub(super) fn windows(
    spec: &Spec,
    oi: usize,
    outage: &Outage,
    series: &Series,
    options: ImpactOptions,
    spacing: i64,
) -> Result<Windows, String> {
    // Each point stands for the period [t, t + spacing): a daily estimate covers its UTC day.
    let covers = |i: usize| -> (i64, i64) {
        let t = series.times_ms[i];
        (t, t.saturating_add(spacing))
    };
    let n = series.times_ms.len();
    let blocks_at = |i: usize| {
        series
            .blocks
            .as_ref()
            .and_then(|bl| bl.get(i).copied().flatten())
    };
    let in_other_outage = |a: i64, b: i64| {
        spec.outages
            .iter()
            .enumerate()
            .any(|(j, o)| j != oi && overlap(a, b, o.start_ms, o.end_ms) > 0)
    };
    // Every value whose period lies within [from, to] and in no other outage.
    let reference = |from: i64, to: i64| -> Vec<(usize, f64, Option<f64>)> {
        (0..n)
            .filter(|&i| {
                let (a, b) = covers(i);
                a >= from && b <= to && !in_other_outage(a, b)
            })
            .filter_map(|i| series.values[i].map(|v| (i, v, blocks_at(i))))
            .collect()
    };

    let (during, first_overlap, during_last) =
        during_points(series, outage, spacing, &covers, &blocks_at);
    if during.is_empty() {
        return Err("no values of this series fall inside the outage".to_string());
    }

    // Before: the `baseline_days` before the first point touching the outage.
    let baseline_to = first_overlap
        .map(|i| series.times_ms[i])
        .unwrap_or(outage.start_ms);
    let baseline_from = baseline_to - i64::from(options.baseline_days) * MS_PER_DAY;
    let mut points = reference(baseline_from, baseline_to);
    if points.len() < MIN_BASELINE_POINTS {
        return Err(format!(
            "only {} baseline value{} in the {} days before the outage (at least {} are needed)",
            points.len(),
            if points.len() == 1 { "" } else { "s" },
            options.baseline_days,
            MIN_BASELINE_POINTS
        ));
    }

    // After: the same span after the last point touching the outage, when data follows it.
    let last_end = during_last.map(|i| covers(i).1).unwrap_or(outage.end_ms);
    let after_to = last_end + i64::from(options.baseline_days) * MS_PER_DAY;
    let after = reference(last_end, after_to);
    let two_sided = after.len() >= MIN_AFTER_POINTS;
    if two_sided {
        points.extend(after);
    }
    if points.iter().any(|(_, v, _)| *v <= 0.0) {
        return Err("the baseline holds a zero or negative value".to_string());
    }
    Ok(Windows {
        during,
        points,
        baseline_from,
        baseline_to,
        after: two_sided.then_some((last_end, after_to)),
    })
}

/// During: every point overlapping the outage that has a value, weighted by the overlapping
/// fraction (weight, index, value, blocks); and the first and last point touching it.
#[allow(clippy::type_complexity)]
fn during_points(
    series: &Series,
    outage: &Outage,
    spacing: i64,
    covers: &impl Fn(usize) -> (i64, i64),
    blocks_at: &impl Fn(usize) -> Option<f64>,
) -> (
    Vec<(f64, usize, f64, Option<f64>)>,
    Option<usize>,
    Option<usize>,
) {
    let mut during = Vec::new();
    let mut first_overlap: Option<usize> = None;
    let mut during_last: Option<usize> = None;
    for i in 0..series.times_ms.len() {
        let (a, b) = covers(i);
        let o = overlap(a, b, outage.start_ms, outage.end_ms);
        if o == 0 {
            continue;
        }
        first_overlap.get_or_insert(i);
        during_last = Some(i);
        if let Some(v) = series.values[i] {
            during.push((o as f64 / spacing as f64, i, v, blocks_at(i)));
        }
    }
    (during, first_overlap, during_last)
}

/// How far a lasting fall must stand out of the noise (in standard errors) before the days
/// after an outage are set aside.
const SHIFT_SE: f64 = 4.0;
/// …and how large it must be, in ln units: −0.25 is a fall to 78 %, beyond what a month of
/// the network's own ups and downs brings.
const SHIFT_MIN: f64 = 0.25;

/// The ln level of the days after an outage (those from `after_from`) less that of the days
/// before, when the network fell and did not come back: a fall both large and far outside
/// the noise of the two means. None otherwise (rises are growth, which the curve follows).
fn lasting_shift(
    points: &[(usize, f64, Option<f64>)],
    day_of: &impl Fn(usize) -> f64,
    after_from: i64,
) -> Option<f64> {
    let after_start = after_from as f64 / MS_PER_DAY as f64;
    let (before, after): (Vec<_>, Vec<_>) = points
        .iter()
        .copied()
        .partition(|(i, _, _)| day_of(*i) < after_start);
    // Each side's level and the scatter of its days about its own line, correlated days
    // counted as fewer.
    let side = |days: &[(usize, f64, Option<f64>)]| -> Option<(f64, f64)> {
        let fit = curve(days, day_of, false, 1).ok()?;
        let n = days.len() as f64;
        let level = days.iter().map(|(_, v, _)| v.ln()).sum::<f64>() / n;
        let correlated = (1.0 + fit.rho) / (1.0 - fit.rho);
        Some((level, fit.residual_var * correlated / n))
    };
    let (b, vb) = side(&before)?;
    let (a, va) = side(&after)?;
    let shift = a - b;
    (shift < -SHIFT_MIN && -shift > SHIFT_SE * (vb + va).sqrt()).then_some(shift)
}

/// The reference points without the days after when the network did not come back to
/// where the days before lead (`lasting_shift`): (points, after span, the shift). The days
/// after are used only when the network came back, within noise. A lasting shift (China's
/// 2021 mining ban: the days after ran at half the days before) would bend the curve through
/// both sides down across the outage and turn a fall into "a rise"; the days before alone
/// measure it then.
#[allow(clippy::type_complexity)]
pub(super) fn set_aside_after(
    points: Vec<(usize, f64, Option<f64>)>,
    after: Option<(i64, i64)>,
    day_of: &impl Fn(usize) -> f64,
) -> (
    Vec<(usize, f64, Option<f64>)>,
    Option<(i64, i64)>,
    Option<f64>,
) {
    let Some(span) = after else {
        return (points, None, None);
    };
    match lasting_shift(&points, day_of, span.0) {
        Some(shift) => {
            let from = span.0 as f64 / MS_PER_DAY as f64;
            let before = points
                .into_iter()
                .filter(|(i, _, _)| day_of(*i) < from)
                .collect();
            (before, None, Some(shift))
        }
        None => (points, Some(span), None),
    }
}
