//! M4 decimation (Jugel et al., VLDB 2014): per device-pixel column keep the first, last,
//! minimum and maximum vertex, in their original order. A polyline rasterised at 1 px is then
//! identical to the full one, so at most ~4 vertices per column are stroked and a spike (an
//! outage dip) is never lost, unlike LTTB. Columns are the ones `draw` snaps vertices to:
//! round(x × pixel ratio).

/// Decimates a polyline (CSS px, x ascending) for a display of `pixel_ratio` device px per
/// CSS px. Short lines come back unchanged.
pub fn m4(points: &[(f64, f64)], pixel_ratio: f64) -> Vec<(f64, f64)> {
    let mut m4 = M4::new(pixel_ratio);
    for &(x, y) in points {
        m4.push(x, y);
    }
    m4.finish()
}

/// `round(v)` (halves away from zero) without a libm call: wasm has no such instruction, and
/// a call per vertex was a fifth of a 1,000,000-point redraw. `v - trunc(v)` is exact.
#[inline(always)]
fn round_half_away(v: f64) -> f64 {
    let t = v.trunc();
    if (v - t).abs() >= 0.5 {
        t + v.signum()
    } else {
        t
    }
}

/// M4 over a polyline fed one vertex at a time, so a long series is decimated as it is mapped
/// to pixels and never held whole: the same vertices as decimating the whole line at once.
pub struct M4 {
    ratio: f64,
    out: Vec<(f64, f64)>,
    /// Vertices pushed so far.
    count: usize,
    /// The open column: its number, its first up-to-4 vertices, and (index in the column,
    /// vertex) of its first minimum, first maximum and last vertex.
    column: i64,
    head: [(f64, f64); 4],
    len: usize,
    lo: (usize, (f64, f64)),
    hi: (usize, (f64, f64)),
    last: (f64, f64),
}

impl M4 {
    pub fn new(pixel_ratio: f64) -> M4 {
        let ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
            pixel_ratio
        } else {
            1.0
        };
        M4 {
            ratio,
            out: Vec::new(),
            count: 0,
            column: 0,
            head: [(0.0, 0.0); 4],
            len: 0,
            lo: (0, (0.0, 0.0)),
            hi: (0, (0.0, 0.0)),
            last: (0.0, 0.0),
        }
    }

    /// Vertices pushed so far (a caller draws a lone vertex as a dot).
    pub fn count(&self) -> usize {
        self.count
    }

    // Inlined into the caller's loop over the series (opt-level "z" would otherwise make it a
    // call per vertex).
    #[inline(always)]
    pub fn push(&mut self, x: f64, y: f64) {
        let column = round_half_away(x * self.ratio) as i64;
        if self.len > 0 && column != self.column {
            self.close();
        }
        let p = (x, y);
        if self.len == 0 {
            self.column = column;
            self.lo = (0, p);
            self.hi = (0, p);
        } else {
            if y < self.lo.1 .1 {
                self.lo = (self.len, p);
            }
            if y > self.hi.1 .1 {
                self.hi = (self.len, p);
            }
        }
        if self.len < 4 {
            self.head[self.len] = p;
        }
        self.last = p;
        self.len += 1;
        self.count += 1;
    }

    /// Emits the open column: all its vertices when it has up to 4, else its first, minimum,
    /// maximum and last in their order, each once.
    fn close(&mut self) {
        if self.len <= 4 {
            self.out.extend_from_slice(&self.head[..self.len]);
        } else {
            let end = self.len - 1;
            let mut keep = [(0, self.head[0]), self.lo, self.hi, (end, self.last)];
            crate::text::small_sort_by(&mut keep, |a, b| a.0 < b.0);
            let mut previous = usize::MAX;
            for (index, p) in keep {
                if index != previous {
                    self.out.push(p);
                    previous = index;
                }
            }
        }
        self.len = 0;
    }

    /// The decimated polyline.
    pub fn finish(mut self) -> Vec<(f64, f64)> {
        if self.len > 0 {
            self.close();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole-line M4 that the streaming one replaced, with std's `round`: the reference.
    fn m4_reference(points: &[(f64, f64)], ratio: f64) -> Vec<(f64, f64)> {
        if points.len() <= 4 {
            return points.to_vec();
        }
        let column = |x: f64| (x * ratio).round() as i64;
        let mut out = Vec::new();
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
                keep.sort_unstable();
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

    #[test]
    fn rounding_without_libm_is_std_round() {
        let mut rng = crate::analysis::simulate::SplitMix64::new(7);
        let mut cases = vec![
            0.5,
            -0.5,
            1.5,
            -1.5,
            2.5,
            0.49999999999999994,
            -0.49999999999999994,
            4503599627370495.5,
            -0.0,
            0.0,
            1e300,
            -1e300,
            0.3,
            -0.3,
        ];
        for k in -2000..2000 {
            let v = f64::from(k) / 4.0;
            cases.extend([
                v,
                f64::from_bits(v.to_bits() + 1),
                f64::from_bits(v.to_bits().wrapping_sub(1)),
            ]);
        }
        for _ in 0..100_000 {
            cases.push((rng.next_open01() - 0.5) * 8000.0);
        }
        for v in cases {
            assert_eq!(round_half_away(v).to_bits(), v.round().to_bits(), "{v:e}");
        }
        assert!(round_half_away(f64::NAN).is_nan());
    }

    #[test]
    fn streaming_m4_keeps_the_same_vertices_as_the_whole_line() {
        let mut rng = crate::analysis::simulate::SplitMix64::new(11);
        for (n, width, ratio) in [
            (0, 10.0, 1.0),
            (1, 10.0, 1.0),
            (4, 1.0, 1.0),
            (5, 1.0, 1.0),
            (37, 3.0, 2.0),
            (5_000, 90.0, 1.5),
            (200_000, 800.0, 2.0),
        ] {
            // Values on a coarse grid, so minima and maxima tie within columns.
            let points: Vec<(f64, f64)> = (0..n)
                .map(|i| {
                    (
                        width * i as f64 / n.max(1) as f64,
                        (rng.next_open01() * 6.0).floor(),
                    )
                })
                .collect();
            assert_eq!(
                m4(&points, ratio),
                m4_reference(&points, ratio),
                "{n} points at ratio {ratio}"
            );
        }
    }
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
