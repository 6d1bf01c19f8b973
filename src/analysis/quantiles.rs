//! The quantiles an interval is drawn with: the normal law's, or Student's t with the
//! effective degrees of freedom of the baseline's scatter.

/// The 97.5 % quantile of the standard normal (two-sided 95 %).
const Z95: f64 = 1.959_963_984_540_054;
/// The 99.5 % quantile of the standard normal (two-sided 99 %).
const Z995: f64 = 2.575_829_303_548_901;

/// The two-sided 95 % and 99 % quantiles for an impact's interval. Student's t for a variance
/// estimated from the baseline; when the baseline scatters no more than block luck (`known`),
/// the variance is the known Poisson one and the normal law applies. Real days have heavier
/// tails than a normal law (kurtosis about 5 over 2016-2025), which makes an estimated scatter
/// less certain than its df say: the effective df of a variance, 2n / (kurtosis − 1)
/// (Satterthwaite), from the baseline's own deviations, within [2, df].
pub(super) fn quantiles(residuals: &[f64], df: f64, known: bool) -> (f64, f64) {
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

#[cfg(test)]
mod tests {
    use super::t_quantile_975;

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
}
