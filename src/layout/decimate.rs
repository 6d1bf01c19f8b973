//! M4 decimation (Jugel et al., VLDB 2014): per device-pixel column keep the first, last,
//! minimum and maximum vertex, in their original order. A polyline rasterised at 1 px is then
//! identical to the full one, so at most ~4 vertices per column are stroked and a spike (an
//! outage dip) is never lost, unlike LTTB. Columns are the ones `draw` snaps vertices to:
//! round(x × pixel ratio).

/// Decimates a polyline (CSS px, x ascending) for a display of `pixel_ratio` device px per
/// CSS px. Short lines come back unchanged.
pub fn m4(points: &[(f64, f64)], pixel_ratio: f64) -> Vec<(f64, f64)> {
    let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
        pixel_ratio
    } else {
        1.0
    };
    if points.len() <= 4 {
        return points.to_vec();
    }
    let column = |x: f64| (x * ratio).round() as i64;
    let mut out = Vec::with_capacity(points.len().min(4096));
    let mut start = 0;
    while start < points.len() {
        let col = column(points[start].0);
        let mut end = start + 1;
        while end < points.len() && column(points[end].0) == col {
            end += 1;
        }
        let group = &points[start..end];
        if group.len() <= 4 {
            out.extend_from_slice(group);
        } else {
            let (mut lo, mut hi) = (0, 0);
            for (i, p) in group.iter().enumerate() {
                if p.1 < group[lo].1 {
                    lo = i;
                }
                if p.1 > group[hi].1 {
                    hi = i;
                }
            }
            let mut keep = [0, lo, hi, group.len() - 1];
            crate::text::small_sort_by(&mut keep, |a, b| a < b);
            let mut last = usize::MAX;
            for k in keep {
                if k != last {
                    out.push(group[k]);
                    last = k;
                }
            }
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// 1 px Bresenham rasterisation of a polyline with vertices snapped like `draw` does.
    fn raster(points: &[(f64, f64)], ratio: f64) -> BTreeSet<(i64, i64)> {
        let snap = |p: &(f64, f64)| ((p.0 * ratio).round() as i64, (p.1 * ratio).round() as i64);
        let mut pixels = BTreeSet::new();
        for pair in points.windows(2) {
            let ((mut x0, mut y0), (x1, y1)) = (snap(&pair[0]), snap(&pair[1]));
            let (dx, dy) = ((x1 - x0).abs(), -(y1 - y0).abs());
            let (sx, sy) = (if x0 < x1 { 1 } else { -1 }, if y0 < y1 { 1 } else { -1 });
            let mut err = dx + dy;
            loop {
                pixels.insert((x0, y0));
                if x0 == x1 && y0 == y1 {
                    break;
                }
                let e2 = 2 * err;
                if e2 >= dy {
                    err += dy;
                    x0 += sx;
                }
                if e2 <= dx {
                    err += dx;
                    y0 += sy;
                }
            }
        }
        pixels
    }

    /// A noisy random walk with spikes, `n` points across `width` CSS px.
    fn series(n: usize, width: f64, seed: u64) -> Vec<(f64, f64)> {
        let mut rng = crate::analysis::simulate::SplitMix64::new(seed);
        let mut y = 200.0;
        (0..n)
            .map(|i| {
                y = (y + (rng.next_open01() - 0.5) * 6.0).clamp(20.0, 380.0);
                let spike = if rng.next_open01() < 0.0005 {
                    -150.0
                } else {
                    0.0
                };
                (10.0 + width * i as f64 / n as f64, (y + spike).max(5.0))
            })
            .collect()
    }

    #[test]
    fn decimated_lines_rasterise_to_the_same_pixels() {
        for (n, width, ratio) in [
            (1_000_000, 1600.0, 1.0),
            (200_000, 800.0, 2.0),
            (50_000, 320.0, 3.0),
            (20_000, 600.0, 1.5),
        ] {
            let full = series(n, width, n as u64);
            let reduced = m4(&full, ratio);
            assert!(
                reduced.len() <= 4 * ((width * ratio) as usize + 2),
                "{n} points → {} vertices",
                reduced.len()
            );
            assert!(reduced.len() < full.len() / 4, "it actually decimates");
            assert_eq!(
                raster(&full, ratio),
                raster(&reduced, ratio),
                "{n} points at ratio {ratio}"
            );
        }
    }

    #[test]
    fn a_one_point_spike_survives() {
        let mut line: Vec<(f64, f64)> = (0..100_000).map(|i| (i as f64 / 100.0, 100.0)).collect();
        line[54_321].1 = 300.0;
        let reduced = m4(&line, 1.0);
        assert!(reduced.iter().any(|p| p.1 == 300.0));
    }

    #[test]
    fn short_lines_are_unchanged() {
        let line = vec![(0.0, 1.0), (0.2, 5.0), (0.4, 2.0)];
        assert_eq!(m4(&line, 1.0), line);
    }
}
