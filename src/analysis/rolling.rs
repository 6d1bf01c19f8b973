//! The rolling mean drawn over a series (`options.rollingAverage`).

use crate::analysis::windows::point_spacing_ms;
use crate::time::MS_PER_DAY;

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

#[cfg(test)]
mod tests {
    use super::rolling_mean;
    use crate::time::MS_PER_DAY;

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
