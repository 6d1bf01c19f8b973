//! **analysis/**: uses text/, time/ and spec/. This file (impacts, rolling means), `simulate`
//! (synthetic hash rate with known outages), `blocks` (block counts from a simulation) and,
//! natively, `calibrate` (how often the verdicts are wrong on simulations and on real history).
//!
//! Analysis: the measured impact of each outage on each hash-rate series, with a 95 % interval
//! from block-arrival (Poisson) noise or from the baseline's own day-to-day variability, and
//! rolling averages. Pure arithmetic on validated series; the README states the method.

pub mod blocks;
#[cfg(not(target_arch = "wasm32"))]
pub mod calibrate;
pub mod expected;
pub mod simulate;

use crate::text::numtext::Limit;

use crate::spec::outage_label;
use crate::spec::{Outage, Series, Spec};
use crate::text::json::{json, Value};
use crate::text::units::{format_significant, DisplayUnit};

pub use crate::spec::DEFAULT_BASELINE_DAYS;
/// Fewest baseline points an interval is computed from.
pub const MIN_BASELINE_POINTS: usize = 3;
/// Fewest points after an outage for the baseline to take both sides (and a trend).
pub const MIN_AFTER_POINTS: usize = 5;
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
            Method::Poisson => "quasi-poisson-block-arrivals",
            Method::BaselineVariability => "baseline-residuals",
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
    /// Baseline before the outage, Unix ms [from, to).
    pub baseline_from_ms: i64,
    pub baseline_to_ms: i64,
    /// Baseline after the outage, Unix ms [from, to), when enough data follows it and the
    /// network came back (see `after_shift`).
    pub after: Option<(i64, i64)>,
    /// When the days after the outage did not return to where the days before lead (a lasting
    /// shift of ln level, large and far outside the noise), that shift; the counterfactual
    /// then uses the days before only.
    pub after_shift: Option<f64>,
    /// Number of points the counterfactual is fitted to (before and after).
    pub baseline_points: usize,
    /// The counterfactual: a log-linear trend (or a level) through the baseline.
    pub fit: Fit,
    /// The counterfactual's (geometric) mean over the outage, display unit: what the series
    /// would have shown without it.
    pub baseline_mean: f64,
    /// One point's standard deviation about the counterfactual, display unit.
    pub baseline_sd: f64,
    /// Mean blocks per point over the baseline, when block counts were given.
    pub baseline_blocks_mean: Option<f64>,
    /// How far the baseline's scatter exceeds pure block-arrival luck (≥ 1), with blocks.
    pub dispersion: Option<f64>,
    /// Overlap-weighted geometric mean during the outage, display unit.
    pub during_mean: f64,
    /// Sum of overlap weights during the outage (in points; 1.5 = a point and a half).
    pub during_weight: f64,
    /// The change of the hash rate while the outage lasted, in its own hours (−0.2: a fifth of
    /// the hash rate gone for the outage's hours), not diluted by the rest of the days it
    /// touches: ψ(L) = Σ wᵢ (rᵢ − ln(1 − L·wᵢ)) = 0 for the loss L, where rᵢ is a day's log
    /// deviation from the counterfactual and wᵢ the share of the day the outage covers. With
    /// whole days covered, the ratio of the geometric means less one. At least −1.
    pub change: f64,
    /// 95 % interval for `change`, on the same scale: the losses the test does not reject.
    pub ci95: (f64, f64),
    /// The smallest loss during the outage's own hours (a positive fraction: 0.27) that this
    /// measurement, on this baseline, would call at least "a possible drop" 80 % of the time.
    /// None when even a total loss would not be found that often (an outage covering only part
    /// of one day on a noisy baseline).
    pub detectable: Option<f64>,
    /// The two-sided 95 % quantile the interval uses (Student's t, or the normal law for pure
    /// block luck), shared with the expected range (`expected_range`).
    pub q95: f64,
    /// The variance of one point's ln(value) about the counterfactual, at the baseline's blocks
    /// per point (quasi-Poisson) or from the baseline's scatter.
    pub point_var: f64,
    /// True when the 95 % interval excludes zero.
    pub significant: bool,
    /// True when the 99 % interval excludes zero too: chance could hardly explain the change
    /// (only then does the chart say "a clear drop").
    pub clear: bool,
    pub method: Method,
    /// When the outage was measured on the blocks of its own hours (`blockTimes`): the blocks
    /// found in them and the blocks the counterfactual expected there.
    pub arrivals: Option<(f64, f64)>,
    /// The display unit of the means.
    pub unit: String,
}

/// Outages shorter than this are measured on block arrivals when the series lists them.
pub const ARRIVALS_BELOW_MS: i64 = 2 * MS_PER_DAY;

/// The counterfactual fitted to the baseline: ln(value) = `level` + `slope_per_day` × days
/// from `center_ms` (display unit inside the log), with `residual_var` the scatter of the
/// baseline's logs about it and `df` its degrees of freedom.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    /// ln(value) = Σ coefficients[p] · days^p, days from `center_ms` (display unit).
    pub coefficients: Vec<f64>,
    pub center_ms: i64,
    pub residual_var: f64,
    pub df: f64,
    /// Lag-1 correlation of consecutive days' deviations.
    pub rho: f64,
    /// Whether a trend was fitted (baseline on both sides), or a level (before only).
    pub trend: bool,
    /// (X'X)⁻¹ of the fit, in days from `center_ms`: the curve's own uncertainty at a day x is
    /// the point variance times b'(X'X)⁻¹b, b = (1, x, x²…).
    pub inverse: Vec<Vec<f64>>,
}

impl Fit {
    /// The counterfactual at `t_ms` (a point's period middle), display unit.
    pub fn at(&self, t_ms: i64) -> f64 {
        let days = (t_ms - self.center_ms) as f64 / MS_PER_DAY as f64;
        self.coefficients
            .iter()
            .enumerate()
            .map(|(p, c)| c * days.powi(p as i32))
            .sum::<f64>()
            .exp()
    }

    /// Relative growth a day at the outage by the fitted curve (0 without a trend).
    pub fn slope_per_day(&self) -> f64 {
        self.coefficients.get(1).copied().unwrap_or(0.0)
    }

    /// b'(X'X)⁻¹b at `t_ms`: the variance of the curve's ln value there, in units of one
    /// point's variance.
    pub fn leverage_at(&self, t_ms: i64) -> f64 {
        let days = (t_ms - self.center_ms) as f64 / MS_PER_DAY as f64;
        let basis: Vec<f64> = (0..self.coefficients.len())
            .map(|p| days.powi(p as i32))
            .collect();
        leverage(&self.inverse, &basis)
    }
}

/// b'Mb for a symmetric matrix M.
fn leverage(inverse: &[Vec<f64>], basis: &[f64]) -> f64 {
    let mut total = 0.0;
    for (i, bi) in basis.iter().enumerate() {
        for (j, bj) in basis.iter().enumerate() {
            total += bi
                * inverse
                    .get(i)
                    .and_then(|r| r.get(j))
                    .copied()
                    .unwrap_or(0.0)
                * bj;
        }
    }
    total
}

impl Impact {
    /// The one interval of the analysis, for a single point: what the series would show at
    /// `t_ms` (a point's period middle) with only `online` of its hash rate at work (1 − the
    /// share that went dark, for the covered fraction of the point), and the 95 % range a
    /// point falls in then: a point's own noise (block luck at the blocks `online` leaves, or
    /// the baseline's scatter) plus the curve's uncertainty, on the log scale the verdict
    /// uses, with the verdict's quantile. (expected, low, high), display unit.
    pub fn expected_range(&self, t_ms: i64, online: f64) -> (f64, f64, f64) {
        let online = online.limit(1e-6, 1.0);
        let expected = self.fit.at(t_ms) * online;
        let own = match self.dispersion {
            // Block luck grows as fewer blocks are found: Var ln ≈ φ / N.
            Some(_) => self.point_var / online,
            None => self.point_var,
        };
        let fit = self.fit.leverage_at(t_ms) * self.point_var;
        let half = self.q95 * (own + fit).max(0.0).sqrt();
        if !half.is_finite() {
            return (expected, 0.0, f64::INFINITY);
        }
        (expected, expected * (-half).exp(), expected * half.exp())
    }
}

/// A least-squares polynomial through (x, y), with (X'X)⁻¹ for the variance of its values.
struct Polynomial {
    coefficients: Vec<f64>,
    inverse: Vec<Vec<f64>>,
}

impl Polynomial {
    fn at(&self, x: f64) -> f64 {
        self.coefficients
            .iter()
            .enumerate()
            .map(|(p, c)| c * x.powi(p as i32))
            .sum()
    }

    /// b'(X'X)⁻¹b: the variance of the fitted value at basis b, in units of one point's.
    fn leverage(&self, basis: &[f64]) -> f64 {
        leverage(&self.inverse, basis)
    }
}

/// Fits y = Σ c_p x^p, p ≤ `degree`, by the normal equations (Gauss–Jordan on at most 3 × 3);
/// None when the points do not determine it.
fn fit_polynomial(xs: &[f64], ys: &[f64], degree: usize) -> Option<Polynomial> {
    let k = degree + 1;
    if xs.len() < k {
        return None;
    }
    let mut a = vec![vec![0.0; 2 * k]; k];
    let mut rhs = vec![0.0; k];
    for (x, y) in xs.iter().zip(ys) {
        for (i, (row, r)) in a.iter_mut().zip(rhs.iter_mut()).enumerate() {
            *r += x.powi(i as i32) * y;
            for (j, cell) in row.iter_mut().take(k).enumerate() {
                *cell += x.powi((i + j) as i32);
            }
        }
    }
    for (i, row) in a.iter_mut().enumerate() {
        row[k + i] = 1.0;
    }
    for col in 0..k {
        let pivot = (col..k).max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        let d = a[col][col];
        for v in a[col].iter_mut() {
            *v /= d;
        }
        for r in 0..k {
            if r != col {
                let f = a[r][col];
                let pivot_row = a[col].clone();
                for (v, p) in a[r].iter_mut().zip(&pivot_row) {
                    *v -= f * p;
                }
            }
        }
    }
    let inverse: Vec<Vec<f64>> = a.iter().map(|row| row[k..].to_vec()).collect();
    let coefficients = inverse
        .iter()
        .map(|row| row.iter().zip(&rhs).map(|(m, r)| m * r).sum())
        .collect();
    Some(Polynomial {
        coefficients,
        inverse,
    })
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
    let sample = crate::time::sorted_times(sample);
    sample[sample.len() / 2].max(1)
}

fn overlap(a0: i64, a1: i64, b0: i64, b1: i64) -> i64 {
    (a1.min(b1) - a0.max(b0)).max(0)
}

/// Every outage's impact on every hash-rate series, or why it was not measured.
pub type Impacts = Vec<Result<Impact, NotMeasured>>;

/// `impacts` with the spec's own options (`options.baselineDays`): what the chart draws, says
/// and reports. A caller that keeps the chart (the web core) computes it once per data and
/// hands it to the layout (`Prepared::with`), the summary (`summary_with`) and `impact()`.
pub fn spec_impacts(spec: &Spec) -> Impacts {
    impacts(
        spec,
        ImpactOptions {
            baseline_days: spec.options.baseline_days,
        },
    )
}

/// Impact of every outage on every hash-rate series.
pub fn impacts(spec: &Spec, options: ImpactOptions) -> Impacts {
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

/// The points an impact is measured from: the outage's own (weight, index, value, blocks)
/// and the reference days (index, value, blocks) before it and, when data follows, after it.
struct Windows {
    during: Vec<(f64, usize, f64, Option<f64>)>,
    points: Vec<(usize, f64, Option<f64>)>,
    baseline_from: i64,
    baseline_to: i64,
    /// The span after the outage, when it holds enough days to be used.
    after: Option<(i64, i64)>,
}

/// Picks the points: those overlapping the outage (weighted by the overlapping fraction), the
/// `baseline_days` before the first of them and the same span after the last, skipping gaps
/// and points that overlap another outage. Err says why the impact cannot be measured.
fn windows(
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

    // During: every point overlapping the outage, weighted by the overlapping fraction.
    let mut during = Vec::new();
    let mut first_overlap: Option<usize> = None;
    let mut during_last: Option<usize> = None;
    for i in 0..n {
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
fn set_aside_after(
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

/// The curve's basis (1, x, x²…) averaged over the outage's points with their weights.
fn weighted_basis(
    during: &[(f64, usize, f64, Option<f64>)],
    x_of: impl Fn(usize) -> f64,
    degree: usize,
    weight: f64,
) -> Vec<f64> {
    (0..=degree)
        .map(|p| {
            during
                .iter()
                .map(|(w, i, _, _)| w * x_of(*i).powi(p as i32))
                .sum::<f64>()
                / weight
        })
        .collect()
}

/// The counterfactual curve through the reference days' logs, and how they scatter about it.
struct Curve {
    poly: Polynomial,
    degree: usize,
    /// Mean day of the reference points, the curve's origin (days since the epoch).
    x_mean: f64,
    residuals: Vec<f64>,
    residual_var: f64,
    df: f64,
    /// Lag-1 correlation of consecutive days' deviations, within [0, 0.6].
    rho: f64,
}

/// ln(value) against days. With days on both sides, a quadratic (a line for 6-9 points)
/// through them, interpolated across the outage: it follows the network's growth and its
/// bends. With days before only (the latest days of a series), a line extrapolated from them
/// (a level for fewer than 10 points): without it the growth reads as rises (the placebo
/// harness measured 10 % false alarms, two thirds rises).
// One copy for `impact_of` and `lasting_shift` (not inlined, `dyn`): bytes on the chart page.
#[inline(never)]
fn curve(
    points: &[(usize, f64, Option<f64>)],
    day_of: &dyn Fn(usize) -> f64,
    two_sided: bool,
    max_degree: usize,
) -> Result<Curve, String> {
    let nb = points.len() as f64;
    let x_mean = points.iter().map(|(i, _, _)| day_of(*i)).sum::<f64>() / nb;
    let xs: Vec<f64> = points.iter().map(|(i, _, _)| day_of(*i) - x_mean).collect();
    let ys: Vec<f64> = points.iter().map(|(_, v, _)| v.ln()).collect();
    let degree = match (two_sided, points.len()) {
        (true, n) if n >= 10 => 2,
        (true, n) if n >= 6 => 1,
        (false, n) if n >= 10 => 1,
        _ => 0,
    }
    .min(max_degree);
    let Some(poly) = fit_polynomial(&xs, &ys, degree) else {
        return Err("the baseline's days do not determine a trend".to_string());
    };
    let df = nb - (degree + 1) as f64;
    let residuals: Vec<f64> = xs.iter().zip(&ys).map(|(x, y)| y - poly.at(*x)).collect();
    let residual_var = residuals.iter().map(|r| r * r).sum::<f64>() / df;
    // Consecutive days' deviations from the curve go together (miners switch on and off in
    // groups): their lag-1 correlation, from the baseline's consecutive pairs, within [0, 0.6].
    let rho = {
        let pairs: Vec<f64> = (1..points.len())
            .filter(|&k| points[k].0 == points[k - 1].0 + 1)
            .map(|k| residuals[k] * residuals[k - 1])
            .collect();
        let var = residuals.iter().map(|r| r * r).sum::<f64>() / nb;
        // A baseline on the curve to rounding has no deviations to correlate.
        if pairs.is_empty() || var <= 1e-12 {
            0.0
        } else {
            (pairs.iter().sum::<f64>() / pairs.len() as f64 / var).limit(0.0, 0.6)
        }
    };
    Ok(Curve {
        poly,
        degree,
        x_mean,
        residuals,
        residual_var,
        df,
        rho,
    })
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
    let Windows {
        during,
        points,
        baseline_from,
        baseline_to,
        after,
    } = windows(spec, oi, outage, series, options, spacing).map_err(not)?;
    let day_of = |i: usize| (series.times_ms[i] + spacing / 2) as f64 / MS_PER_DAY as f64;
    let (points, after, after_shift) = set_aside_after(points, after, &day_of);
    let Curve {
        poly,
        degree,
        x_mean,
        residuals,
        residual_var,
        df,
        rho,
    } = curve(
        &points,
        &day_of,
        after.is_some(),
        // After a lasting fall, the level the network stood at before: a line through two
        // weeks, carried across a long outage, would be a guess.
        if after_shift.is_some() { 0 } else { 2 },
    )
    .map_err(not)?;
    let nb = points.len() as f64;
    let center_ms = (x_mean * MS_PER_DAY as f64).round() as i64;

    // During: the overlap-weighted mean of the logs against the curve at the same days.
    let weight: f64 = during.iter().map(|(w, _, _, _)| w).sum();
    let basis_during = weighted_basis(&during, |i| day_of(i) - x_mean, degree, weight);
    let (log_during, log_expected) = during_logs(&during, &poly, &basis_during, weight);
    let log_ratio = log_during - log_expected;
    let leverage = poly.leverage(&basis_during);
    let design = design_effect(&during, rho);
    let sum_w2: f64 = during.iter().map(|(w, _, _, _)| w * w).sum();

    let (method, dispersion, point_var, poisson) = noise_model(&points, &during, residual_var);
    // The during days' noise at the baseline's blocks per day (the luck they would have had
    // without the outage, not the fewer blocks it leaves, which would widen the interval
    // exactly when there is something to find), plus the curve's at those days.
    let variance = point_var * (sum_w2 / (weight * weight) * design + leverage);
    let mid = outage.start_ms + (outage.end_ms - outage.start_ms) / 2;
    let curve_at = |t: i64| (poly.at(t as f64 / MS_PER_DAY as f64 - x_mean)).exp();
    let by_arrivals = arrivals(series, outage, spacing, curve_at).filter(|_| poisson);
    let (shares, sum, noise) = match by_arrivals {
        Some(counts) => {
            let basis: Vec<f64> = (0..=degree)
                .map(|p| (mid as f64 / MS_PER_DAY as f64 - x_mean).powi(p as i32))
                .collect();
            on_arrivals(
                counts,
                (outage.end_ms - outage.start_ms) as f64 / spacing as f64,
                (point_var, point_var / dispersion.unwrap_or(1.0)),
                point_var * poly.leverage(&basis),
            )
        }
        None => (
            during.iter().map(|(w, _, _, _)| *w).collect(),
            log_ratio * weight,
            Noise {
                total: variance * weight * weight,
                during_per_share: point_var * design,
            },
        ),
    };
    let (q95, q99) = quantiles(&residuals, df, dispersion == Some(1.0));
    let Estimate {
        change,
        ci95,
        ci99,
        detectable,
        measurable,
    } = estimate(&shares, sum, noise, (q95, q99), df >= 1.0);
    let display = display_unit_of(spec, series);
    let to_display = series.unit.to_base_factor() / display.divisor;
    // The curve in the display unit: ln(display) = ln(value) + ln(to_display).
    let mut coefficients = poly.coefficients.clone();
    if let Some(c0) = coefficients.first_mut() {
        *c0 += to_display.ln();
    }
    // On arrivals, the means are the curve at the outage's middle and that times found /
    // expected; else the overlap-weighted geometric means of the points.
    let (baseline_mean, during_mean) = match by_arrivals {
        Some((found, expected)) => {
            let at = curve_at(mid) * to_display;
            (at, at * found / expected)
        }
        None => (
            log_expected.exp() * to_display,
            log_during.exp() * to_display,
        ),
    };
    let (lo, hi) = ci95;
    Ok(Impact {
        outage: oi,
        series: si,
        baseline_from_ms: baseline_from,
        baseline_to_ms: baseline_to,
        after,
        after_shift,
        baseline_points: points.len(),
        fit: Fit {
            coefficients,
            center_ms,
            residual_var,
            df,
            rho,
            trend: degree > 0,
            inverse: poly.inverse.clone(),
        },
        baseline_mean,
        baseline_sd: baseline_mean * point_var.sqrt(),
        baseline_blocks_mean: if poisson {
            Some(points.iter().map(|(_, _, b)| b.unwrap_or(0.0)).sum::<f64>() / nb)
        } else {
            None
        },
        dispersion,
        during_mean,
        during_weight: weight,
        change,
        ci95,
        detectable,
        q95: if measurable { q95 } else { f64::INFINITY },
        point_var,
        significant: lo > 0.0 || hi < 0.0,
        clear: ci99.0 > 0.0 || ci99.1 < 0.0,
        method,
        arrivals: by_arrivals,
        unit: display.label,
    })
}

/// The outage measured on the blocks of its own hours: K blocks found in [start, end) against
/// μ expected from the counterfactual. μ sums, over the points the outage overlaps, the curve
/// at the overlap's middle times the point's blocks per unit of value (its difficulty: a
/// point's value is its blocks × difficulty × 2³² / its seconds, so the ratio holds whatever
/// the outage did to its blocks) times the overlapping share. None when the series lists no
/// block times over the whole outage, or a point lacks the ratio.
fn arrivals(
    series: &Series,
    outage: &Outage,
    spacing: i64,
    curve_at: impl Fn(i64) -> f64,
) -> Option<(f64, f64)> {
    let times = series.block_times_ms.as_ref()?;
    let (first, last) = (*times.first()?, *times.last()?);
    if outage.end_ms - outage.start_ms >= ARRIVALS_BELOW_MS
        || outage.start_ms < first
        || outage.end_ms > last
    {
        return None;
    }
    let blocks = series.blocks.as_ref()?;
    // Blocks per unit of value at point i, or at the nearest point that has both.
    let ratio = |i: usize| -> Option<f64> {
        let at = |k: usize| match (blocks.get(k).copied().flatten(), series.values.get(k)) {
            (Some(b), Some(Some(v))) if b > 0.0 && *v > 0.0 => Some(b / v),
            _ => None,
        };
        (0..series.times_ms.len()).find_map(|d| at(i + d).or_else(|| at(i.checked_sub(d)?)))
    };
    let mut expected = 0.0;
    for (i, &t) in series.times_ms.iter().enumerate() {
        let (a, b) = (t.max(outage.start_ms), (t + spacing).min(outage.end_ms));
        if b <= a {
            continue;
        }
        expected += curve_at(a + (b - a) / 2) * ratio(i)? * (b - a) as f64 / spacing as f64;
    }
    let found = times.partition_point(|&x| x < outage.end_ms)
        - times.partition_point(|&x| x < outage.start_ms);
    (expected > 0.0 && expected.is_finite()).then_some((found as f64, expected))
}

/// The overlap-weighted mean ln value during the outage and the curve's at the same points
/// (`basis`: the curve's basis averaged with the same weights).
fn during_logs(
    during: &[(f64, usize, f64, Option<f64>)],
    poly: &Polynomial,
    basis: &[f64],
    weight: f64,
) -> (f64, f64) {
    let floor = (poly.at(0.0) - 7.0).exp(); // a day with no blocks at all: 0.1 % of the level
    let log_during = during
        .iter()
        .map(|(w, _, v, _)| w * v.max(floor).ln())
        .sum::<f64>()
        / weight;
    let log_expected = basis
        .iter()
        .zip(&poly.coefficients)
        .map(|(b, c)| b * c)
        .sum();
    (log_during, log_expected)
}

/// The noise of one point about the curve: (method, dispersion, variance of ln value, whether
/// block counts were given throughout). With block counts: quasi-Poisson, the luck of block
/// arrivals (Var ln v ≈ 1/N) scaled by how much more the baseline scatters about the curve,
/// never below pure luck. Without: the baseline's own scatter about the curve.
fn noise_model(
    points: &[(usize, f64, Option<f64>)],
    during: &[(f64, usize, f64, Option<f64>)],
    residual_var: f64,
) -> (Method, Option<f64>, f64, bool) {
    let poisson =
        during.iter().all(|(_, _, _, b)| b.is_some()) && points.iter().all(|(_, _, b)| b.is_some());
    if !poisson {
        return (Method::BaselineVariability, None, residual_var, false);
    }
    let inv = |b: Option<f64>| 1.0 / b.unwrap_or(0.0).max(0.5);
    let luck = points.iter().map(|(_, _, b)| inv(*b)).sum::<f64>() / points.len() as f64;
    let phi = (residual_var / luck).max(1.0);
    (Method::Poisson, Some(phi), phi * luck, true)
}

/// A short outage with its blocks listed, measured on the blocks of its own hours: one share
/// of 1, S = ln(K / μ). Its noise: Poisson luck at the count expected (1/μ); the baseline's
/// scatter beyond luck ((φ − 1)·luck a point, `point_var` − `luck`) as for a mean over the
/// outage's length in `points` (a half-day outage: twice a day's); and the curve's own
/// uncertainty at the outage's middle.
fn on_arrivals(
    (found, expected): (f64, f64),
    points: f64,
    (point_var, luck): (f64, f64),
    curve_var: f64,
) -> (Vec<f64>, f64, Noise) {
    let beyond_luck = (point_var - luck).max(0.0) / points.max(1e-3);
    (
        vec![1.0],
        (found.max(0.5) / expected).ln(),
        Noise {
            total: 1.0 / expected + beyond_luck + curve_var,
            during_per_share: 1.0 / expected,
        },
    )
}

/// The variance of an outage's sum S = Σ wᵢ rᵢ: in all, and the part each point's own noise
/// adds per w² (which grows as a loss takes blocks away); the rest is the curve's.
struct Noise {
    total: f64,
    during_per_share: f64,
}

/// The change during the outage's own hours, its intervals and the detectable loss.
struct Estimate {
    change: f64,
    ci95: (f64, f64),
    ci99: (f64, f64),
    detectable: Option<f64>,
    measurable: bool,
}

/// The estimand: the loss while the outage lasted. A point covered for a share w of its
/// period carries w of the loss: E rᵢ ≈ ln(1 − L·wᵢ). The outage's sum S = Σ wᵢ rᵢ (the
/// least-squares weights of a regression on the covered share) against the curve, and its
/// standard deviation, on the scale of the test; the change and its interval are the losses
/// whose expected S is S itself and S ∓ q·sd: the interval holds exactly the losses the test
/// does not reject, so it excludes 0 exactly when the verdict says so.
fn estimate(
    shares: &[f64],
    sum: f64,
    noise: Noise,
    (q95, q99): (f64, f64),
    enough_df: bool,
) -> Estimate {
    let sd = noise.total.sqrt();
    let change_at = |target: f64| change_for(shares, target);
    let measurable = sd.is_finite() && enough_df;
    if !measurable {
        return Estimate {
            change: change_at(sum),
            ci95: (-1.0, f64::INFINITY),
            ci99: (-1.0, f64::INFINITY),
            detectable: None,
            measurable,
        };
    }
    // What could have been seen: the loss L whose expected S lies z80 of its own sds below
    // the test's threshold −q95·sd is called a drop 80 % of the time. Under a loss a point
    // keeps 1 − L·w of its blocks and its luck grows by 1 / (1 − L·w): a few rounds of the
    // fixed point settle it.
    let sum_w2: f64 = shares.iter().map(|w| w * w).sum();
    let fit_part = (noise.total - noise.during_per_share * sum_w2).max(0.0);
    let sd_under = |loss: f64| {
        let inflated: f64 = shares
            .iter()
            .map(|w| w * w / (1.0 - loss.min(0.99) * w).max(0.01))
            .sum();
        (fit_part + noise.during_per_share * inflated).sqrt()
    };
    let mut loss = -change_at(-(q95 + Z80) * sd);
    for _ in 0..4 {
        loss = -change_at(-q95 * sd - Z80 * sd_under(loss));
    }
    // The interval: the losses L that |S − E S(L)| ≤ q·sd(L) does not reject, each end with
    // the luck it implies (a large loss leaves fewer blocks, so more luck; the verdict, at
    // L = 0, is unchanged): again a few rounds of the fixed point.
    let end = |q: f64| {
        let mut change = change_at(sum + q * sd);
        for _ in 0..6 {
            change = change_at(sum + q * sd_under(-change));
        }
        change
    };
    let interval = |q: f64| (end(-q), end(q));
    Estimate {
        change: change_at(sum),
        ci95: interval(q95),
        ci99: interval(q99),
        detectable: Some(loss).filter(|loss| *loss < 1.0),
        measurable,
    }
}

/// The change (−L) of the hash rate during an outage that covers the shares `shares` of its
/// points, whose expected Σ wᵢ ln(1 − L·wᵢ) is `target`: the root of a function that falls
/// monotonically in L, found by bisection on u = ln(1 − L·max w) (the log ratio of the most
/// covered point). With every point wholly covered, e^(target / n) − 1. Within [−1, ∞).
pub fn change_for(shares: &[f64], target: f64) -> f64 {
    let top = shares.iter().copied().fold(0.0, f64::max);
    if top <= 0.0 || target.is_nan() {
        return f64::NAN;
    }
    if target == f64::INFINITY {
        return f64::INFINITY;
    }
    // Σ wᵢ ln(1 − (1 − eᵘ)·wᵢ / top), increasing in u.
    let expected = |u: f64| -> f64 {
        let lost = 1.0 - u.exp();
        shares
            .iter()
            .map(|w| w * (1.0 - lost * w / top).max(f64::MIN_POSITIVE).ln())
            .sum()
    };
    let (mut lo, mut hi) = (-700.0_f64, 700.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if expected(mid) < target {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-13 {
            break;
        }
    }
    let u = 0.5 * (lo + hi);
    // −L = −(1 − eᵘ) / top; a loss beyond the whole hash rate reads as all of it.
    ((u.exp() - 1.0) / top).max(-1.0)
}

/// The one-sided 80 % quantile of the standard normal: the power `detectable` is set for.
const Z80: f64 = 0.841_621_233_572_914_3;

/// The design effect of correlated days on the during mean: w'Rw / w'w, R_ij = ρ^|i−j|.
fn design_effect(during: &[(f64, usize, f64, Option<f64>)], rho: f64) -> f64 {
    let mut num = 0.0;
    for (wa, ia, _, _) in during {
        for (wb, ib, _, _) in during {
            num += wa * wb * rho.powi((*ia as i32 - *ib as i32).abs());
        }
    }
    num / during.iter().map(|(w, _, _, _)| w * w).sum::<f64>()
}

/// The two-sided 95 % and 99 % quantiles for an impact's interval. Student's t for a variance
/// estimated from the baseline; when the baseline scatters no more than block luck (`known`),
/// the variance is the known Poisson one and the normal law applies. Real days have heavier
/// tails than a normal law (kurtosis about 5 over 2016-2025), which makes an estimated scatter
/// less certain than its df say: the effective df of a variance, 2n / (kurtosis − 1)
/// (Satterthwaite), from the baseline's own deviations, within [2, df].
fn quantiles(residuals: &[f64], df: f64, known: bool) -> (f64, f64) {
    if known {
        return (Z95, Z995);
    }
    let nb = residuals.len() as f64;
    let kurtosis = {
        let m2 = residuals.iter().map(|r| r * r).sum::<f64>() / nb;
        let m4 = residuals.iter().map(|r| r.powi(4)).sum::<f64>() / nb;
        if m2 > 0.0 {
            m4 / (m2 * m2)
        } else {
            3.0
        }
    };
    let df_t = (2.0 * nb / (kurtosis - 1.0).max(2.0))
        .min(df)
        .max(2.0_f64.min(df));
    (t_quantile_975(df_t), t_quantile_995(df_t))
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

/// The display unit a series is drawn in, shared by the series on its axis: the one choice the
/// axis, the table, the read-out, the impacts and the spoken summary all use.
pub fn display_unit_of(spec: &Spec, series: &Series) -> DisplayUnit {
    let max_abs = spec
        .series
        .iter()
        .filter(|s| s.axis == series.axis)
        .flat_map(|s| {
            let f = s.unit.to_base_factor();
            s.values.iter().flatten().map(move |v| (v * f).abs())
        })
        .filter(|v| v.is_finite())
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
        crate::text::numtext::fixed(pct.abs(), 1)
    } else {
        crate::text::numtext::fixed(pct.abs(), 0)
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
    crate::text::i18n::english().text(verdict_key(impact))
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
    if !impact.significant {
        text.push_str(&detectable_words(impact, crate::text::i18n::english()));
    }
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        text.push_str(&format!(
            "; baseline only {} points",
            impact.baseline_points
        ));
    }
    text
}

/// What a "within normal variation" verdict could have seen, in `locale`'s words: "; a loss
/// under about 27% would not show" (the detectable loss, rounded up to whole percent, so the
/// words never claim more than was measured), or "; even a total loss might not show".
pub fn detectable_words(impact: &Impact, locale: &crate::text::i18n::Locale) -> String {
    match impact.detectable {
        Some(loss) => {
            let pct = (loss * 100.0 - 1e-9).ceil().max(1.0);
            let words = locale.number(&(crate::text::numtext::fixed(pct, 0) + "%"));
            locale.fill("impact.detectable", &[("loss", &words)])
        }
        None => locale.text("impact.undetectable").to_string(),
    }
}

/// The words on the chart, for a lay reader: "−1.3%: within normal day-to-day variation
/// (plausible range −13% to +12%)", "−11%: a clear drop (plausible range −19% to −2.0%)".
pub fn describe_plain(impact: &Impact) -> String {
    describe_plain_in(impact, crate::text::i18n::english())
}

/// The verdict's key in the translation tables (src/text/i18n.rs).
pub fn verdict_key(impact: &Impact) -> &'static str {
    match (impact.significant, impact.clear, impact.change < 0.0) {
        (false, _, _) => "verdict.within",
        (true, true, true) => "verdict.clearDrop",
        (true, true, false) => "verdict.clearRise",
        (true, false, true) => "verdict.possibleDrop",
        (true, false, false) => "verdict.possibleRise",
    }
}

/// `describe_plain` in `locale`'s words, each number in its style.
pub fn describe_plain_in(impact: &Impact, locale: &crate::text::i18n::Locale) -> String {
    describe_with(impact, locale, "impact.plain", true)
}

/// The same words as a list entry follows a label: "−0.4%, within normal day-to-day
/// variation (plausible range …)" (`impact.plainList`), for the band key.
pub fn describe_list_in(impact: &Impact, locale: &crate::text::i18n::Locale) -> String {
    describe_with(impact, locale, "impact.plainList", true)
}

/// The chart's words for an impact, (label, key entry), in full or, for a chart too short for
/// all its text, without what could have been seen (the spoken summary keeps it).
pub fn describe_band_in(
    impact: &Impact,
    locale: &crate::text::i18n::Locale,
    full: bool,
) -> (String, String) {
    (
        describe_with(impact, locale, "impact.plain", full),
        describe_with(impact, locale, "impact.plainList", full),
    )
}

fn describe_with(
    impact: &Impact,
    locale: &crate::text::i18n::Locale,
    template: &str,
    detectable: bool,
) -> String {
    let (lo, hi) = impact.ci95;
    let percent = |x: f64| locale.number(&format_percent(x));
    let mut text = locale.fill(
        template,
        &[
            ("change", &percent(impact.change)),
            ("verdict", locale.text(verdict_key(impact))),
            ("low", &percent(lo)),
            ("high", &percent(hi)),
        ],
    );
    if detectable && !impact.significant {
        text.push_str(&detectable_words(impact, locale));
    }
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        let days = locale.count("unit.day", impact.baseline_points as u64);
        text.push_str(&locale.fill("impact.shortBaseline", &[("days", &days)]));
    }
    text
}

/// How often chance alone gives a verdict other than "within normal variation" to an outage:
/// the 95 % interval's false alarms (calibrated on real history, README "Impact").
pub const CHANCE_PER_OUTAGE: f64 = 0.05;

/// With several outages measured on the chart's first hash-rate series, the note that says how
/// often chance alone gives at least one a "possible" verdict: "Note: with 10 outages
/// measured, chance alone would show at least one as a possible rise or drop 40% of the time".
/// None for fewer than two. The words end without the note's full stop (`note.end`).
pub fn chance_note_in(
    results: &[Result<Impact, NotMeasured>],
    series: usize,
    locale: &crate::text::i18n::Locale,
) -> Option<String> {
    let mut measured: Vec<usize> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|i| i.series == series)
        .map(|i| i.outage)
        .collect();
    measured.dedup();
    let n = measured.len();
    if n < 2 {
        return None;
    }
    let odds = 1.0 - (1.0 - CHANCE_PER_OUTAGE).powi(n as i32);
    let odds = locale.number(&(crate::text::numtext::fixed(odds * 100.0, 0) + "%"));
    Some(locale.fill(
        "note.chance",
        &[
            ("count", &locale.count("count.outage", n as u64)),
            ("odds", &odds),
        ],
    ))
}

/// What the counterfactual was fitted to, in words: "the trend through the 14 days before and
/// the 12 days after", "the trend of the 14 days before", "the 5 days before".
pub fn baseline_words(impact: &Impact) -> String {
    baseline_words_in(impact, crate::text::i18n::english())
}

/// `baseline_words` in `locale`.
pub fn baseline_words_in(impact: &Impact, locale: &crate::text::i18n::Locale) -> String {
    let days = |from: i64, to: i64| {
        let n = ((to - from) as f64 / MS_PER_DAY as f64).round().max(0.0) as u64;
        locale.count("unit.day", n)
    };
    let before = days(impact.baseline_from_ms, impact.baseline_to_ms);
    let words = match (impact.after, impact.fit.trend) {
        (Some((from, to)), _) => locale.fill(
            "baseline.trendBoth",
            &[("before", &before), ("after", &days(from, to))],
        ),
        (None, true) => locale.fill("baseline.trendBefore", &[("before", &before)]),
        (None, false) => locale.fill("baseline.before", &[("before", &before)]),
    };
    let words = match impact.after_shift {
        Some(shift) => {
            let shift = locale.number(&format_percent(shift.exp() - 1.0));
            words + &locale.fill("baseline.notBack", &[("shift", &shift)])
        }
        None => words,
    };
    // Which resolution measured it: the blocks of the outage's own hours, when listed.
    match impact.arrivals {
        Some((found, expected)) => {
            let count = |x: f64| locale.number(&crate::text::numtext::fixed(x, 0));
            words
                + &locale.fill(
                    "baseline.arrivals",
                    &[("found", &count(found)), ("expected", &count(expected))],
                )
        }
        None => words,
    }
}

/// The impacts as JSON (the CLI's `impact` output and the web `chart.impact()`).
pub fn impacts_json(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> Value {
    let iso = |ms: i64| crate::time::format_iso(ms);
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
                    "words": baseline_words(i),
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
    // A hash rate far below its axis' unit (2009 on an EH/s axis) reads in its own unit.
    if let Some(index) = crate::text::units::HASH_RATE_UNITS
        .iter()
        .position(|u| *u == unit)
    {
        if value != 0.0 && value.is_finite() && value.abs() < 1.0 {
            let display = DisplayUnit {
                unit: crate::text::units::Unit::HashRate(index),
                divisor: 1000f64.powi(index as i32),
                label: unit.to_string(),
            };
            return crate::text::units::format_readable(value, &display);
        }
    }
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
    fn tiny_hash_rates_read_in_their_own_unit() {
        assert_eq!(format_display(5.28e-12, "EH/s"), "5.28 MH/s");
        assert_eq!(format_display(181.0, "EH/s"), "181 EH/s");
        assert_eq!(format_display(0.5, "%"), "0.5 %");
    }

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
