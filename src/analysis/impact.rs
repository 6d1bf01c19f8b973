//! The impact of each outage on each hash-rate series: the types a measurement returns
//! (`Impact`, `NotMeasured`), the entry points (`spec_impacts`, `impacts`) and the steps of
//! one measurement, each in its own file: the points (`windows`), the counterfactual curve
//! (`fit`), the change and its interval (`estimate`, `quantiles`).

use crate::analysis::display::display_unit_of;
use crate::analysis::estimate::{
    arrivals, design_effect, during_logs, estimate, noise_model, on_arrivals, Estimate, Noise,
};
use crate::analysis::fit::{curve, weighted_basis, Curve, Fit};
use crate::analysis::quantiles::quantiles;
use crate::analysis::windows::{point_spacing_ms, set_aside_after, windows, Windows};
use crate::spec::{Outage, Series, Spec, DEFAULT_BASELINE_DAYS};
use crate::text::numtext::Limit;
use crate::time::MS_PER_DAY;

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

/// One outage on one series: its points, the curve through the baseline, and the change
/// against it, in the series' display unit.
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
    let fitted = curve(
        &points,
        &day_of,
        after.is_some(),
        // After a lasting fall, the level the network stood at before: a line through two
        // weeks, carried across a long outage, would be a guess.
        if after_shift.is_some() { 0 } else { 2 },
    )
    .map_err(not)?;
    let measured = measure(series, outage, spacing, &during, &points, &fitted, &day_of);
    let display = display_unit_of(spec, series);
    let to_display = series.unit.to_base_factor() / display.divisor;
    let (baseline_mean, during_mean) = means(&measured, to_display);
    let nb = points.len() as f64;
    let Estimate {
        change,
        ci95,
        ci99,
        detectable,
        measurable,
    } = measured.estimate;
    let (lo, hi) = ci95;
    Ok(Impact {
        outage: oi,
        series: si,
        baseline_from_ms: baseline_from,
        baseline_to_ms: baseline_to,
        after,
        after_shift,
        baseline_points: points.len(),
        fit: counterfactual(&fitted, to_display),
        baseline_mean,
        baseline_sd: baseline_mean * measured.point_var.sqrt(),
        baseline_blocks_mean: if measured.poisson {
            Some(points.iter().map(|(_, _, b)| b.unwrap_or(0.0)).sum::<f64>() / nb)
        } else {
            None
        },
        dispersion: measured.dispersion,
        during_mean,
        during_weight: measured.weight,
        change,
        ci95,
        detectable,
        q95: if measurable {
            measured.q95
        } else {
            f64::INFINITY
        },
        point_var: measured.point_var,
        significant: lo > 0.0 || hi < 0.0,
        clear: ci99.0 > 0.0 || ci99.1 < 0.0,
        method: measured.method,
        arrivals: measured.by_arrivals,
        unit: display.label,
    })
}

/// What the outage's points say against the curve: a point's noise, the change with its
/// intervals (on the points, or on the blocks of the outage's own hours), and the logs the
/// means come from.
struct Measured {
    method: Method,
    dispersion: Option<f64>,
    point_var: f64,
    /// Block counts were given throughout.
    poisson: bool,
    /// Blocks found in the outage's own hours and expected there, when measured on them.
    by_arrivals: Option<(f64, f64)>,
    /// The curve at the outage's middle, the series' unit.
    curve_at_mid: f64,
    /// Sum of overlap weights during the outage.
    weight: f64,
    /// The overlap-weighted mean ln value during the outage, and the curve's at those points.
    log_during: f64,
    log_expected: f64,
    q95: f64,
    estimate: Estimate,
}

/// The outage's points against the fitted curve (see `Measured`).
fn measure(
    series: &Series,
    outage: &Outage,
    spacing: i64,
    during: &[(f64, usize, f64, Option<f64>)],
    points: &[(usize, f64, Option<f64>)],
    fitted: &Curve,
    day_of: &impl Fn(usize) -> f64,
) -> Measured {
    let (poly, degree, x_mean) = (&fitted.poly, fitted.degree, fitted.x_mean);
    // During: the overlap-weighted mean of the logs against the curve at the same days.
    let weight: f64 = during.iter().map(|(w, _, _, _)| w).sum();
    let basis_during = weighted_basis(during, |i| day_of(i) - x_mean, degree, weight);
    let (log_during, log_expected) = during_logs(during, poly, &basis_during, weight);
    let log_ratio = log_during - log_expected;
    let leverage = poly.leverage(&basis_during);
    let design = design_effect(during, fitted.rho);
    let sum_w2: f64 = during.iter().map(|(w, _, _, _)| w * w).sum();

    let (method, dispersion, point_var, poisson) = noise_model(points, during, fitted.residual_var);
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
    let (q95, q99) = quantiles(&fitted.residuals, fitted.df, dispersion == Some(1.0));
    Measured {
        method,
        dispersion,
        point_var,
        poisson,
        by_arrivals,
        curve_at_mid: curve_at(mid),
        weight,
        log_during,
        log_expected,
        q95,
        estimate: estimate(&shares, sum, noise, (q95, q99), fitted.df >= 1.0),
    }
}

/// The counterfactual's mean over the outage and the outage's own, display unit. On
/// arrivals, the curve at the outage's middle and that times found / expected; else the
/// overlap-weighted geometric means of the points.
fn means(measured: &Measured, to_display: f64) -> (f64, f64) {
    match measured.by_arrivals {
        Some((found, expected)) => {
            let at = measured.curve_at_mid * to_display;
            (at, at * found / expected)
        }
        None => (
            measured.log_expected.exp() * to_display,
            measured.log_during.exp() * to_display,
        ),
    }
}

/// The fitted curve as an impact keeps it, in the display unit: ln(display) = ln(value) +
/// ln(to_display).
fn counterfactual(fitted: &Curve, to_display: f64) -> Fit {
    let mut coefficients = fitted.poly.coefficients.clone();
    if let Some(c0) = coefficients.first_mut() {
        *c0 += to_display.ln();
    }
    Fit {
        coefficients,
        center_ms: (fitted.x_mean * MS_PER_DAY as f64).round() as i64,
        residual_var: fitted.residual_var,
        df: fitted.df,
        rho: fitted.rho,
        trend: fitted.degree > 0,
        inverse: fitted.poly.inverse.clone(),
    }
}
