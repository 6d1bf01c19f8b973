//! The counterfactual: a curve through the logs of the baseline days (a level, a line or a
//! quadratic by least squares), how the days scatter about it, and the curve's own
//! uncertainty at a day.

use crate::text::numtext::Limit;
use crate::time::MS_PER_DAY;

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

/// A least-squares polynomial through (x, y), with (X'X)⁻¹ for the variance of its values.
pub(super) struct Polynomial {
    pub(super) coefficients: Vec<f64>,
    pub(super) inverse: Vec<Vec<f64>>,
}

impl Polynomial {
    pub(super) fn at(&self, x: f64) -> f64 {
        self.coefficients
            .iter()
            .enumerate()
            .map(|(p, c)| c * x.powi(p as i32))
            .sum()
    }

    /// b'(X'X)⁻¹b: the variance of the fitted value at basis b, in units of one point's.
    pub(super) fn leverage(&self, basis: &[f64]) -> f64 {
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

/// The curve's basis (1, x, x²…) averaged over the outage's points with their weights.
pub(super) fn weighted_basis(
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
pub(super) struct Curve {
    pub(super) poly: Polynomial,
    pub(super) degree: usize,
    /// Mean day of the reference points, the curve's origin (days since the epoch).
    pub(super) x_mean: f64,
    pub(super) residuals: Vec<f64>,
    pub(super) residual_var: f64,
    pub(super) df: f64,
    /// Lag-1 correlation of consecutive days' deviations, within [0, 0.6].
    pub(super) rho: f64,
}

/// ln(value) against days. With days on both sides, a quadratic (a line for 6-9 points)
/// through them, interpolated across the outage: it follows the network's growth and its
/// bends. With days before only (the latest days of a series), a line extrapolated from them
/// (a level for fewer than 10 points): without it the growth reads as rises (the placebo
/// harness measured 10 % false alarms, two thirds rises).
// One copy for `impact_of` and `lasting_shift` (not inlined, `dyn`): bytes on the chart page.
#[inline(never)]
pub(super) fn curve(
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
