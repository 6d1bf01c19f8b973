//! The series as drawn: lines with their gaps, the dashed counterfactual, the period a point
//! stands for, and hit tests of lines against label boxes.

use super::display::{Rect, Shape};
use crate::spec::theme::Rgba;
use crate::time;

/// Half a point's period when points stand for a day or more (daily, weekly, monthly values
/// are drawn at the middle of their period), else 0 (instants).
pub fn half_period_ms(times: &[i64]) -> i64 {
    if times.len() < 2 {
        return 0;
    }
    let spacing = crate::analysis::point_spacing_ms(times);
    if spacing >= time::MS_PER_DAY {
        spacing / 2
    } else {
        0
    }
}

/// Whether the polyline (x ascending, as series, M4 output and dashes are) comes within `pad`
/// px of the rectangle.
pub fn polyline_hits_rect(points: &[(f64, f64)], r: &Rect, pad: f64) -> bool {
    let (x0, x1, y0, y1) = (r.x - pad, r.right() + pad, r.y - pad, r.bottom() + pad);
    // Points are in x order for series: skip to the segments that reach the box.
    let start = points.partition_point(|p| p.0 < x0).saturating_sub(1);
    for pair in points[start..].windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        if ax > x1 {
            break; // x ascending: nothing further reaches the box
        }
        if segment_hits_box((ax, ay), (bx, by), (x0, y0, x1, y1)) {
            return true;
        }
    }
    false
}

/// Liang–Barsky: whether the segment a–b meets the box (x0, y0, x1, y1).
fn segment_hits_box(a: (f64, f64), b: (f64, f64), (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0 = 0.0f64;
    let mut t1 = 1.0f64;
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Linear interpolation of a series at `t` (None in a gap or outside the data).
pub fn value_at(times: &[i64], values: &[Option<f64>], t: i64) -> Option<f64> {
    let i = times.partition_point(|&x| x < t);
    let exact = times.get(i).filter(|&&x| x == t);
    if exact.is_some() {
        return values.get(i).copied().flatten();
    }
    if i == 0 || i >= times.len() {
        return None;
    }
    let (ta, tb) = (*times.get(i - 1)?, *times.get(i)?);
    let (va, vb) = (
        values.get(i - 1).copied().flatten()?,
        values.get(i).copied().flatten()?,
    );
    let f = (t - ta) as f64 / (tb - ta) as f64;
    Some(va + (vb - va) * f)
}

/// Adds a series as lines broken at gaps; a lone value between gaps becomes a dot.
pub(super) fn push_series(
    shapes: &mut Vec<Shape>,
    times: &[i64],
    values: &[Option<f64>],
    to_xy: impl Fn(&i64, &f64) -> (f64, f64),
    (color, width): (Rgba, f64),
    pixel_ratio: f64,
) {
    use crate::layout::decimate::M4;
    // Each run of values between gaps is decimated as it is mapped (at most ~4 vertices per
    // device-pixel column, drawn the same), so a long series is never held whole in pixels.
    let flush = |segment: M4, shapes: &mut Vec<Shape>| {
        let count = segment.count();
        let points = segment.finish();
        match count {
            0 => {}
            1 => shapes.push(Shape::Circle {
                x: points[0].0,
                y: points[0].1,
                radius: width * 1.25,
                color,
                filled: true,
                width: 0.0,
            }),
            _ => shapes.push(Shape::Line {
                points,
                width,
                color,
            }),
        }
    };
    let mut segment = M4::new(pixel_ratio);
    for (t, v) in times.iter().zip(values.iter()) {
        match v {
            Some(v) => {
                let (x, y) = to_xy(t, v);
                segment.push(x, y);
            }
            None => flush(
                std::mem::replace(&mut segment, M4::new(pixel_ratio)),
                shapes,
            ),
        }
    }
    flush(segment, shapes);
}

/// Splits a polyline into dashes of `dash` px with `gap` px between them.
pub(super) fn dashed(points: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut drawing = true;
    let mut left = dash;
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let length = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        let mut at = 0.0;
        if drawing && current.is_empty() {
            current.push((x0, y0));
        }
        while length - at > left {
            at += left;
            let f = at / length;
            let p = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
            } else {
                current.push(p);
            }
            drawing = !drawing;
            left = if drawing { dash } else { gap };
        }
        left -= length - at;
        if drawing {
            current.push((x1, y1));
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}
