//! The change during an outage and its interval: a point's noise (block luck or the
//! baseline's scatter), the sums on the points or on the blocks of the outage's own hours,
//! the losses the test does not reject, and the loss it could have seen.

use crate::analysis::fit::Polynomial;
use crate::analysis::impact::Method;
use crate::spec::{Outage, Series};
use crate::time::MS_PER_DAY;

/// Outages shorter than this are measured on block arrivals when the series lists them.
pub const ARRIVALS_BELOW_MS: i64 = 2 * MS_PER_DAY;

/// The outage measured on the blocks of its own hours: K blocks found in [start, end) against
/// μ expected from the counterfactual. μ sums, over the points the outage overlaps, the curve
/// at the overlap's middle times the point's blocks per unit of value (its difficulty: a
/// point's value is its blocks × difficulty × 2³² / its seconds, so the ratio holds whatever
/// the outage did to its blocks) times the overlapping share. None when the series lists no
/// block times over the whole outage, or a point lacks the ratio.
pub(super) fn arrivals(
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
pub(super) fn during_logs(
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
pub(super) fn noise_model(
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
pub(super) fn on_arrivals(
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
pub(super) struct Noise {
    pub(super) total: f64,
    pub(super) during_per_share: f64,
}

/// The change during the outage's own hours, its intervals and the detectable loss.
pub(super) struct Estimate {
    pub(super) change: f64,
    pub(super) ci95: (f64, f64),
    pub(super) ci99: (f64, f64),
    pub(super) detectable: Option<f64>,
    pub(super) measurable: bool,
}

/// The estimand: the loss while the outage lasted. A point covered for a share w of its
/// period carries w of the loss: E rᵢ ≈ ln(1 − L·wᵢ). The outage's sum S = Σ wᵢ rᵢ (the
/// least-squares weights of a regression on the covered share) against the curve, and its
/// standard deviation, on the scale of the test; the change and its interval are the losses
/// whose expected S is S itself and S ∓ q·sd: the interval holds exactly the losses the test
/// does not reject, so it excludes 0 exactly when the verdict says so.
pub(super) fn estimate(
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

/// The design effect of correlated days on the during mean: w'Rw / w'w, R_ij = ρ^|i−j|, for
/// the points in index order (as `windows` gives them). In one pass, not over every pair:
/// w'Rw = Σ w_b² + 2 Σ_b w_b S_b with S_b = Σ_{a<b} w_a ρ^(i_b − i_a) = ρ^(i_b − i_{b−1})
/// (S_{b−1} + w_{b−1}). Over every pair, an outage of a week in minute data (10,000 points)
/// took seconds.
pub(super) fn design_effect(during: &[(f64, usize, f64, Option<f64>)], rho: f64) -> f64 {
    let (mut squares, mut cross, mut s) = (0.0, 0.0, 0.0);
    let mut previous: Option<(f64, usize)> = None;
    for &(w, i, _, _) in during {
        if let Some((w0, i0)) = previous {
            s = rho.powi(i.abs_diff(i0) as i32) * (s + w0);
        }
        squares += w * w;
        cross += w * s;
        previous = Some((w, i));
    }
    (squares + 2.0 * cross) / squares
}

#[cfg(test)]
mod tests {
    use super::design_effect;

    /// w'Rw / w'w over every pair, as the design effect is defined.
    fn over_every_pair(during: &[(f64, usize, f64, Option<f64>)], rho: f64) -> f64 {
        let mut num = 0.0;
        for (wa, ia, _, _) in during {
            for (wb, ib, _, _) in during {
                num += wa * wb * rho.powi(ia.abs_diff(*ib) as i32);
            }
        }
        num / during.iter().map(|(w, _, _, _)| w * w).sum::<f64>()
    }

    #[test]
    fn the_one_pass_design_effect_is_the_sum_over_every_pair() {
        // Partial first and last points, gaps in the indices (missing values), one point.
        let mut during = vec![(0.25, 3, 0.0, None)];
        let mut i = 4;
        for k in 0..200 {
            during.push((1.0, i, 0.0, None));
            i += if k % 17 == 0 { 3 } else { 1 };
        }
        during.push((0.6, i, 0.0, None));
        for rho in [0.0, 0.3, 0.9, 0.999, -0.4] {
            for points in [&during[..1], &during[..2], &during[..]] {
                let (fast, slow) = (design_effect(points, rho), over_every_pair(points, rho));
                assert!(
                    (fast - slow).abs() <= 1e-12 * slow.abs(),
                    "ρ {rho}, {} points: {fast} against {slow}",
                    points.len()
                );
            }
        }
    }
}
