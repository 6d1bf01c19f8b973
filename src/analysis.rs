//! Analysis: the measured impact of each outage on each hash-rate series, with a 95 % interval
//! from block-arrival (Poisson) noise or from the baseline's own day-to-day variability, and
//! rolling averages. Pure arithmetic on validated series; the README states the method.

use crate::layout::outage_label;
use crate::spec::{Outage, Series, Spec};
use crate::units::{format_significant, DisplayUnit};

/// Default length of the baseline before an outage, in days.
pub const DEFAULT_BASELINE_DAYS: u32 = 14;
/// Fewest baseline points an interval is computed from.
pub const MIN_BASELINE_POINTS: usize = 3;
const MS_PER_DAY: i64 = 86_400_000;
const Z95: f64 = 1.959_963_984_540_054;
/// The 99.5 % quantile of the standard normal (two-sided 99 %).
const Z995: f64 = 2.575_829_303_548_901;

/// How the interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// From the Poisson noise of the per-day block counts given with the series.
    Poisson,
    /// From the baseline's own day-to-day variability (no block counts given).
    BaselineVariability,
}

impl Method {
    /// The name used in JSON output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Poisson => "poisson-block-arrivals",
            Method::BaselineVariability => "baseline-variability",
        }
    }
}

/// The measured impact of one outage on one series. Values in the series' display unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// Index into `Spec::outages`.
    pub outage: usize,
    /// Index into `Spec::series`.
    pub series: usize,
    /// Baseline window, Unix ms [from, to).
    pub baseline_from_ms: i64,
    pub baseline_to_ms: i64,
    /// Number of points averaged for the baseline.
    pub baseline_points: usize,
    /// Baseline mean, display unit.
    pub baseline_mean: f64,
    /// Day-to-day standard deviation of the baseline, display unit.
    pub baseline_sd: f64,
    /// Mean blocks per point over the baseline, when block counts were given.
    pub baseline_blocks_mean: Option<f64>,
    /// Overlap-weighted mean during the outage, display unit.
    pub during_mean: f64,
    /// Sum of overlap weights during the outage (in points; 1.5 = a point and a half).
    pub during_weight: f64,
    /// during / baseline − 1.
    pub change: f64,
    /// 95 % interval for `change`.
    pub ci95: (f64, f64),
    /// True when the 95 % interval excludes zero.
    pub significant: bool,
    /// True when the 99 % interval excludes zero too: chance could hardly explain the change
    /// (only then does the chart say "a clear drop").
    pub clear: bool,
    pub method: Method,
    /// The display unit of the means.
    pub unit: String,
}

/// Why an outage could not be measured on a series.
#[derive(Debug, Clone, PartialEq)]
pub struct NotMeasured {
    pub outage: usize,
    pub series: usize,
    pub reason: String,
}

/// Options of the impact analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImpactOptions {
    pub baseline_days: u32,
}

impl Default for ImpactOptions {
    fn default() -> Self {
        ImpactOptions {
            baseline_days: DEFAULT_BASELINE_DAYS,
        }
    }
}

/// The typical spacing of a series' points (median gap), ms; one day for a single point.
/// Long series take the median of 1,001 evenly spread gaps, so this stays cheap on the
/// pointer path of a million-point chart.
pub fn point_spacing_ms(times: &[i64]) -> i64 {
    const SAMPLES: usize = 1001;
    let gaps = times.len().saturating_sub(1);
    if gaps == 0 {
        return MS_PER_DAY;
    }
    let mut sample: Vec<i64> = if gaps <= SAMPLES {
        times.windows(2).map(|w| w[1] - w[0]).collect()
    } else {
        (0..SAMPLES)
            .map(|k| {
                let i = k * (gaps - 1) / (SAMPLES - 1);
                times[i + 1] - times[i]
            })
            .collect()
    };
    sample.sort_unstable();
    sample[sample.len() / 2].max(1)
}

fn overlap(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    (a1.min(b1) - a0.max(b0)).max(0)
}

/// Impact of every outage on every hash-rate series.
pub fn impacts(spec: &Spec, options: ImpactOptions) -> Vec<Result<Impact, NotMeasured>> {
    let mut out = Vec::new();
    for (oi, outage) in spec.outages.iter().enumerate() {
        for (si, series) in spec.series.iter().enumerate() {
            if !series.unit.is_hash_rate() {
                continue;
            }
            out.push(impact_of(spec, oi, outage, si, series, options));
        }
    }
    out
}

fn impact_of(
    spec: &Spec,
    oi: usize,
    outage: &Outage,
    si: usize,
    series: &Series,
    options: ImpactOptions,
) -> Result<Impact, NotMeasured> {
    let not = |reason: String| NotMeasured {
        outage: oi,
        series: si,
        reason,
    };
    let spacing = point_spacing_ms(&series.times_ms);
    // Each point stands for the period [t, t + spacing): a daily estimate covers its UTC day.
    let covers = |i: usize| -> (i64, i64) {
        let t = series.times_ms[i];
        (t, t.saturating_add(spacing))
    };
    let n = series.times_ms.len();

    // During: every point overlapping the outage, weighted by the overlapping fraction.
    let mut during: Vec<(f64, f64, Option<f64>)> = Vec::new(); // (weight, value, blocks)
    let mut first_overlap: Option<usize> = None;
    for i in 0..n {
        let (a, b) = covers(i);
        let o = overlap(a, b, outage.start_ms, outage.end_ms);
        if o == 0 {
            continue;
        }
        first_overlap.get_or_insert(i);
        if let Some(v) = series.values[i] {
            let blocks = series
                .blocks
                .as_ref()
                .and_then(|bl| bl.get(i).copied().flatten());
            during.push((o as f64 / spacing as f64, v, blocks));
        }
    }
    if during.is_empty() {
        return Err(not(
            "no values of this series fall inside the outage".to_string()
        ));
    }

    // Baseline: the `baseline_days` before the first point touching the outage, skipping
    // points that overlap any other outage and gaps.
    let baseline_to = first_overlap
        .map(|i| series.times_ms[i])
        .unwrap_or(outage.start_ms);
    let baseline_from = baseline_to - i64::from(options.baseline_days) * MS_PER_DAY;
    let mut baseline: Vec<(f64, Option<f64>)> = Vec::new();
    for i in 0..n {
        let (a, b) = covers(i);
        if a < baseline_from || b > baseline_to {
            continue;
        }
        let in_other = spec
            .outages
            .iter()
            .enumerate()
            .any(|(j, o)| j != oi && overlap(a, b, o.start_ms, o.end_ms) > 0);
        if in_other {
            continue;
        }
        if let Some(v) = series.values[i] {
            let blocks = series
                .blocks
                .as_ref()
                .and_then(|bl| bl.get(i).copied().flatten());
            baseline.push((v, blocks));
        }
    }
    if baseline.len() < MIN_BASELINE_POINTS {
        return Err(not(format!(
            "only {} baseline value{} in the {} days before the outage (at least {} are needed)",
            baseline.len(),
            if baseline.len() == 1 { "" } else { "s" },
            options.baseline_days,
            MIN_BASELINE_POINTS
        )));
    }

    let weight: f64 = during.iter().map(|(w, _, _)| w).sum();
    let during_mean = during.iter().map(|(w, v, _)| w * v).sum::<f64>() / weight;
    let nb = baseline.len() as f64;
    let baseline_mean = baseline.iter().map(|(v, _)| v).sum::<f64>() / nb;
    if baseline_mean <= 0.0 {
        return Err(not("the baseline mean is zero".to_string()));
    }
    let ratio = during_mean / baseline_mean;

    let poisson =
        during.iter().all(|(_, _, b)| b.is_some()) && baseline.iter().all(|(_, b)| b.is_some());
    let (method, ci95, ci99) = if poisson {
        // Hash per block on a day (∝ difficulty): H_i / N_i. An estimate built from N_i
        // Poisson arrivals has Var(H_i) = (H_i / N_i)^2 · N_i.
        let baseline_per_block = {
            let (h, b) = baseline
                .iter()
                .fold((0.0, 0.0), |(h, b), (v, bl)| (h + v, b + bl.unwrap_or(0.0)));
            if b > 0.0 {
                h / b
            } else {
                0.0
            }
        };
        let var_of = |v: f64, blocks: f64| {
            let per_block = if blocks > 0.0 {
                v / blocks
            } else {
                baseline_per_block
            };
            per_block * per_block * blocks.max(1.0)
        };
        let var_during = during
            .iter()
            .map(|(w, v, b)| w * w * var_of(*v, b.unwrap_or(0.0)))
            .sum::<f64>()
            / (weight * weight);
        let var_baseline = baseline
            .iter()
            .map(|(v, b)| var_of(*v, b.unwrap_or(0.0)))
            .sum::<f64>()
            / (nb * nb);
        let rel = relative_se(during_mean, var_during, baseline_mean, var_baseline);
        (
            Method::Poisson,
            log_interval(ratio, rel, Z95),
            log_interval(ratio, rel, Z995),
        )
    } else {
        // Day-to-day spread of the baseline stands for the noise of any one day.
        let sd2 = baseline
            .iter()
            .map(|(v, _)| (v - baseline_mean).powi(2))
            .sum::<f64>()
            / (nb - 1.0);
        let sum_w2: f64 = during.iter().map(|(w, _, _)| w * w).sum();
        let var_during = sd2 * sum_w2 / (weight * weight);
        let var_baseline = sd2 / nb;
        let rel = relative_se(during_mean, var_during, baseline_mean, var_baseline);
        (
            Method::BaselineVariability,
            log_interval(ratio, rel, t_quantile_975(nb - 1.0)),
            log_interval(ratio, rel, t_quantile_995(nb - 1.0)),
        )
    };
    let (lo, hi) = ci95;
    let display = display_unit_of(spec, series);
    let to_display = series.unit.to_base_factor() / display.divisor;
    Ok(Impact {
        outage: oi,
        series: si,
        baseline_from_ms: baseline_from,
        baseline_to_ms: baseline_to,
        baseline_points: baseline.len(),
        baseline_mean: baseline_mean * to_display,
        baseline_sd: (baseline
            .iter()
            .map(|(v, _)| (v - baseline_mean).powi(2))
            .sum::<f64>()
            / (nb - 1.0))
            .sqrt()
            * to_display,
        baseline_blocks_mean: if poisson {
            Some(baseline.iter().map(|(_, b)| b.unwrap_or(0.0)).sum::<f64>() / nb)
        } else {
            None
        },
        during_mean: during_mean * to_display,
        during_weight: weight,
        change: ratio - 1.0,
        ci95,
        significant: lo > 0.0 || hi < 0.0,
        clear: ci99.0 > 0.0 || ci99.1 < 0.0,
        method,
        unit: display.label,
    })
}

/// Relative standard error of during/baseline by the delta method.
fn relative_se(during: f64, var_during: f64, baseline: f64, var_baseline: f64) -> f64 {
    let d = if during.abs() > 0.0 {
        var_during / (during * during)
    } else {
        f64::INFINITY
    };
    (d + var_baseline / (baseline * baseline)).sqrt()
}

/// Interval for ratio − 1 built on the log scale (ratios are skewed), then mapped back.
fn log_interval(ratio: f64, relative_se: f64, quantile: f64) -> (f64, f64) {
    if ratio <= 0.0 || !relative_se.is_finite() {
        return (-1.0, f64::INFINITY);
    }
    let l = ratio.ln();
    (
        (l - quantile * relative_se).exp() - 1.0,
        (l + quantile * relative_se).exp() - 1.0,
    )
}

/// 97.5 % quantile of Student's t with `df` degrees of freedom (two-sided 95 %).
pub fn t_quantile_975(df: f64) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    t_quantile(df, &TABLE, Z95)
}

/// 99.5 % quantile of Student's t with `df` degrees of freedom (two-sided 99 %).
pub fn t_quantile_995(df: f64) -> f64 {
    const TABLE: [f64; 30] = [
        63.657, 9.925, 5.841, 4.604, 4.032, 3.707, 3.499, 3.355, 3.250, 3.169, 3.106, 3.055, 3.012,
        2.977, 2.947, 2.921, 2.898, 2.878, 2.861, 2.845, 2.831, 2.819, 2.807, 2.797, 2.787, 2.779,
        2.771, 2.763, 2.756, 2.750,
    ];
    t_quantile(df, &TABLE, Z995)
}

/// A quantile of Student's t: `table` for df ≤ 30 (fractional df rounded down, which widens
/// the interval), above it a Cornish–Fisher expansion around the normal quantile `z`.
fn t_quantile(df: f64, table: &[f64; 30], z: f64) -> f64 {
    if !df.is_finite() || df < 1.0 {
        return f64::INFINITY;
    }
    if df <= 30.0 {
        return table[(df.floor() as usize).clamp(1, 30) - 1];
    }
    let (z3, z5, z7) = (z.powi(3), z.powi(5), z.powi(7));
    z + (z3 + z) / (4.0 * df)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * df * df)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * df.powi(3))
}

/// The display unit a series is drawn in (shared by the series on its axis).
pub fn display_unit_of(spec: &Spec, series: &Series) -> DisplayUnit {
    let max_abs = spec
        .series
        .iter()
        .filter(|s| s.axis == series.axis)
        .flat_map(|s| {
            let f = s.unit.to_base_factor();
            s.values.iter().flatten().map(move |v| (v * f).abs())
        })
        .fold(0.0, f64::max);
    DisplayUnit::choose(&series.unit, max_abs)
}

/// Formats a fraction as a signed percentage in the AP/Chicago style: "−0.4%", "+10%" (a
/// locale that sets its percent sign apart gets "−0,4 %" from `Presentation::localize_number`).
pub fn format_percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return if fraction > 0.0 {
            "+∞%".into()
        } else {
            "−∞%".into()
        };
    }
    let pct = fraction * 100.0;
    let text = if pct.abs() < 10.0 {
        format!("{:.1}", pct.abs())
    } else {
        format!("{:.0}", pct.abs())
    };
    let sign = if text.chars().all(|c| c == '0' || c == '.') {
        ""
    } else if pct < 0.0 {
        "−"
    } else {
        "+"
    };
    format!("{sign}{text}%")
}

/// The verdict in plain words: "a clear drop" only when the 99 % interval excludes no change,
/// "a possible drop" when only the 95 % one does.
pub fn verdict(impact: &Impact) -> &'static str {
    match (impact.significant, impact.clear, impact.change < 0.0) {
        (false, _, _) => "within normal day-to-day variation",
        (true, true, true) => "a clear drop",
        (true, true, false) => "a clear rise",
        (true, false, true) => "a possible drop",
        (true, false, false) => "a possible rise",
    }
}

/// Fewer baseline points than this and the description says the baseline is short.
pub const SHORT_BASELINE_POINTS: usize = 7;

/// The statistical form, for the `impact` JSON, the CLI and the README:
/// "−0.4% (95% CI −11% to +10%): within normal day-to-day variation" (plus "; baseline only 4
/// points" when the baseline is short, so a reader can weigh it).
pub fn describe(impact: &Impact) -> String {
    let (lo, hi) = impact.ci95;
    let mut text = format!(
        "{} (95% CI {} to {}): {}",
        format_percent(impact.change),
        format_percent(lo),
        format_percent(hi),
        verdict(impact)
    );
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        text.push_str(&format!(
            "; baseline only {} points",
            impact.baseline_points
        ));
    }
    text
}

/// The words on the chart, for a lay reader: "−1.3%: within normal day-to-day variation
/// (plausible range −13% to +12%)", "−11%: a clear drop (plausible range −19% to −2.0%)".
pub fn describe_plain(impact: &Impact) -> String {
    let (lo, hi) = impact.ci95;
    let mut text = format!(
        "{}: {} (plausible range {} to {})",
        format_percent(impact.change),
        verdict(impact),
        format_percent(lo),
        format_percent(hi),
    );
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        text.push_str(&format!(
            "; only {} days before it to compare with",
            impact.baseline_points
        ));
    }
    text
}

/// The impacts as JSON (the CLI's `impact` output and the web `chart.impact()`).
pub fn impacts_json(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> serde_json::Value {
    use serde_json::json;
    let iso = |ms: i64| crate::time::format_iso(ms);
    let items: Vec<serde_json::Value> = results
        .iter()
        .map(|r| match r {
            Ok(i) => json!({
                "outage": outage_name(spec, i.outage),
                "series": spec.series.get(i.series).map(|s| s.id.clone()),
                "baseline": { "from": iso(i.baseline_from_ms), "to": iso(i.baseline_to_ms), "mean": round6(i.baseline_mean), "points": i.baseline_points },
                "during": { "mean": round6(i.during_mean), "weight": round6(i.during_weight) },
                "unit": i.unit,
                "change": round6(i.change),
                "ci95": [round6(i.ci95.0), round6(i.ci95.1)],
                "significant": i.significant,
                "clear": i.clear,
                "plain": describe_plain(i),
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
    serde_json::Value::Array(items)
}

fn round6(v: f64) -> serde_json::Value {
    if v.is_finite() {
        let r = (v * 1e6).round() / 1e6;
        serde_json::json!(r)
    } else {
        serde_json::Value::Null
    }
}

fn outage_name(spec: &Spec, index: usize) -> String {
    spec.outages
        .get(index)
        .map(outage_label)
        .unwrap_or_default()
}

/// Rolling mean over a time window of `days`: centred ([t − d/2, t + d/2)) or trailing
/// ((t − d, t]). A window needs at least half its expected points, else it is a gap.
pub fn rolling_mean(
    times: &[i64],
    values: &[Option<f64>],
    days: u32,
    centred: bool,
) -> Vec<Option<f64>> {
    let window = i64::from(days) * MS_PER_DAY;
    let spacing = point_spacing_ms(times);
    let expected = (window as f64 / spacing as f64).max(1.0);
    let needed = (expected / 2.0).ceil() as usize;
    let mut out = Vec::with_capacity(times.len());
    let (mut lo, mut hi) = (0usize, 0usize);
    let (mut sum, mut count) = (0.0f64, 0usize);
    for &t in times {
        let (from, to) = if centred {
            (t - window / 2, t + window / 2)
        } else {
            (t - window + 1, t + 1)
        };
        while hi < times.len() && times[hi] < to {
            if let Some(v) = values[hi] {
                sum += v;
                count += 1;
            }
            hi += 1;
        }
        while lo < hi && times[lo] < from {
            if let Some(v) = values[lo] {
                sum -= v;
                count -= 1;
            }
            lo += 1;
        }
        out.push(if count >= needed && count > 0 {
            Some(sum / count as f64)
        } else {
            None
        });
    }
    out
}

/// Describes a value with its series' display unit, e.g. "176 EH/s".
pub fn format_display(value: f64, unit: &str) -> String {
    let n = format_significant(value, 3);
    if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_tables() {
        for (df, expected) in [
            (2.0, 4.303),
            (5.0, 2.571),
            (13.0, 2.160),
            (30.0, 2.042),
            (40.0, 2.021),
            (120.0, 1.980),
            (1000.0, 1.962),
        ] {
            let t = t_quantile_975(df);
            assert!(
                (t - expected).abs() / expected < 0.002,
                "df {df}: {t} vs {expected}"
            );
        }
    }

    #[test]
    fn percent_formatting() {
        assert_eq!(format_percent(-0.004), "−0.4%");
        assert_eq!(format_percent(0.1049), "+10%");
        assert_eq!(format_percent(-0.36), "−36%");
        assert_eq!(format_percent(0.0), "0.0%");
    }

    #[test]
    fn rolling_mean_centred_and_trailing() {
        let day = MS_PER_DAY;
        let times: Vec<i64> = (0..10).map(|i| i * day).collect();
        let values: Vec<Option<f64>> = (0..10).map(|i| Some(i as f64)).collect();
        let centred = rolling_mean(&times, &values, 3, true);
        // Window [t − 1.5 d, t + 1.5 d) holds t−1, t, t+1.
        assert_eq!(centred[5], Some(5.0));
        let trailing = rolling_mean(&times, &values, 3, false);
        // (t − 3 d, t] holds t−2, t−1, t.
        assert_eq!(trailing[5], Some(4.0));
        // The first point of a trailing 3-day window has one of three values: below half.
        assert_eq!(trailing[0], None);
        let mut gappy = values.clone();
        for v in gappy.iter_mut().take(6).skip(3) {
            *v = None;
        }
        assert_eq!(rolling_mean(&times, &gappy, 3, true)[4], None);
    }
}
