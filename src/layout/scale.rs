//! Scales: linear value scales with "nice" tick steps (1, 2, 2.5, 5 × 10^k) and the mapping
//! from data to CSS pixels. Time ticks live in `time`.

/// A linear map from a data domain to a pixel range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    /// Maps a data value to pixels; a degenerate domain maps to the middle of the range.
    pub fn map(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        let span = d1 - d0;
        if span == 0.0 || !span.is_finite() {
            return (r0 + r1) / 2.0;
        }
        r0 + (value - d0) / span * (r1 - r0)
    }

    /// Maps pixels back to a data value.
    pub fn invert(&self, pixel: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if r1 == r0 {
            return d0;
        }
        d0 + (pixel - r0) / (r1 - r0) * (d1 - d0)
    }
}

/// Ticks for a value axis: the extended domain and its tick values.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueTicks {
    /// The domain rounded out to whole steps.
    pub domain: (f64, f64),
    /// Distance between ticks, in data units.
    pub step: f64,
    pub values: Vec<f64>,
}

/// A nice step near `span / count`: 1, 2 or 5 times a power of ten, whichever is nearest
/// on a log scale (the thresholds d3 uses: √2, √10, √50).
pub fn nice_step(span: f64, count: usize) -> f64 {
    let count = count.max(1) as f64;
    let raw = span / count;
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let power = crate::text::numtext::pow10(raw.log10().floor() as i32);
    let error = raw / power;
    let factor = if error >= 50f64.sqrt() {
        10.0
    } else if error >= 10f64.sqrt() {
        5.0
    } else if error >= 2f64.sqrt() {
        2.0
    } else {
        1.0
    };
    // Nearest on a log scale may give up to twice the ticks asked for: cap at one and a half.
    let mut step = factor * power;
    while span / step > count * 1.5 {
        step = if (step / power - 1.0).abs() < 1e-9 || (step / power - 10.0).abs() < 1e-9 {
            step * 2.0
        } else if (step / power - 2.0).abs() < 1e-9 || (step / power - 20.0).abs() < 1e-9 {
            step * 2.5
        } else {
            step * 2.0
        };
    }
    step
}

/// Ticks for a logarithmic axis over the positive [min, max]: the domain in log10 units, rounded
/// out to whole powers of ten, ticks at each power (and at 2 and 5 times it when the data span
/// two decades or less), values in data units; `step` is 0.
pub fn log_ticks(min: f64, max: f64, count: usize) -> ValueTicks {
    let lo = if min > 0.0 && min.is_finite() {
        min
    } else {
        1.0
    };
    let hi = if max >= lo && max.is_finite() {
        max
    } else {
        lo * 10.0
    };
    let mut d0 = lo.log10().floor();
    let mut d1 = hi.log10().ceil();
    if d1 <= d0 {
        d1 = d0 + 1.0;
    }
    d0 = d0.max(-300.0);
    d1 = d1.min(300.0);
    let decades = (d1 - d0) as usize;
    // At most `count` labelled powers: every other decade (or more) on a long axis.
    let every = decades.div_ceil(count.max(2)).max(1);
    let mut values = Vec::new();
    let mut e = d0 as i32;
    while e <= d1 as i32 {
        if ((e - d0 as i32) as usize).is_multiple_of(every) {
            values.push(10f64.powi(e));
        }
        if decades <= 2 && e < d1 as i32 {
            values.push(2.0 * 10f64.powi(e));
            values.push(5.0 * 10f64.powi(e));
        }
        e += 1;
    }
    ValueTicks {
        domain: (d0, d1),
        step: 0.0,
        values,
    }
}

/// Ticks covering [min, max] with about `count` intervals; the domain is rounded out to
/// whole steps so the axis starts and ends on a labelled tick. Degenerate and enormous
/// domains are handled without overflow.
pub fn value_ticks(min: f64, max: f64, count: usize) -> ValueTicks {
    let (mut lo, mut hi) = if min <= max { (min, max) } else { (max, min) };
    if !lo.is_finite() || !hi.is_finite() {
        lo = 0.0;
        hi = 1.0;
    }
    if lo == hi {
        // One value: show it in the middle of a small band around it.
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        lo -= pad;
        hi += pad;
    }
    let mut span = hi - lo;
    if !span.is_finite() {
        // Values near ±f64::MAX: halve first so the span stays finite.
        span = hi / 2.0 - lo / 2.0;
        let step = nice_step(span, count) * 2.0;
        let step = if step.is_finite() {
            step
        } else {
            f64::MAX / 4.0
        };
        return ValueTicks {
            domain: (lo, hi),
            step,
            values: vec![lo, lo / 2.0 + hi / 2.0, hi],
        };
    }
    let step = nice_step(span, count);
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let (start, end) = if start.is_finite() && end.is_finite() {
        (start, end)
    } else {
        (lo, hi)
    };
    let n = ((end - start) / step).round();
    let values = if n.is_finite() && n <= 1000.0 {
        (0..=n as usize)
            .map(|i| {
                let v = start + step * i as f64;
                // Snap float noise so labels read "0.3", not "0.30000000000000004".
                (v / step).round() * step
            })
            .collect()
    } else {
        vec![start, end]
    };
    ValueTicks {
        domain: (start, end),
        step,
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(180.0, 4), 50.0);
        assert_eq!(nice_step(1.0, 4), 0.2);
        assert_eq!(nice_step(188.0, 6), 50.0);
        for (span, count) in [(188.0, 6), (1.0, 3), (7.3, 2), (12345.0, 8)] {
            let step = nice_step(span, count);
            assert!(span / step <= count as f64 * 1.5, "{span}/{count}: {step}");
        }
        assert_eq!(nice_step(205.0, 4), 50.0);
        assert_eq!(nice_step(0.0, 4), 1.0);
    }

    #[test]
    fn ticks_cover_the_data_and_start_on_a_step() {
        let t = value_ticks(0.0, 181.0, 5);
        assert_eq!(t.step, 50.0);
        assert_eq!(t.domain, (0.0, 200.0));
        assert_eq!(t.values, vec![0.0, 50.0, 100.0, 150.0, 200.0]);
    }

    #[test]
    fn single_value_gets_a_band() {
        let t = value_ticks(42.0, 42.0, 4);
        assert!(t.domain.0 < 42.0 && t.domain.1 > 42.0);
        assert!(t.values.len() >= 2);
    }

    #[test]
    fn enormous_values_do_not_overflow() {
        let t = value_ticks(-1e308, 1e308, 5);
        assert!(t.values.iter().all(|v| v.is_finite()));
        assert!(t.domain.0 <= -1e308 && t.domain.1 >= 1e308);
        let scale = LinearScale {
            domain: t.domain,
            range: (100.0, 0.0),
        };
        let y = scale.map(0.0);
        assert!(y.is_finite() && (0.0..=100.0).contains(&y));
    }

    #[test]
    fn scale_maps_and_inverts() {
        let s = LinearScale {
            domain: (0.0, 200.0),
            range: (300.0, 100.0),
        };
        assert_eq!(s.map(100.0), 200.0);
        assert_eq!(s.invert(200.0), 100.0);
    }
}
