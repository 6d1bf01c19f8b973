//! The series stage: the expected ranges of a simulated loss, then the series (a rolling
//! mean over its faint raw line), as lines with their gaps; the period a point stands for,
//! and hit tests of lines against label boxes.

use super::display::{HAlign, Rect, Shape, TextRole, VAlign};
use super::frame::{Drawing, Frame, PlotArea};
use super::lines::Look;
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

impl Frame<'_> {
    /// The expected ranges: where a series would have gone had the outage's share gone dark,
    /// shaded and outlined, with the expected line dashed between. Returns the expected lines,
    /// which callouts keep clear of.
    pub(super) fn expected(&self, d: &mut Drawing, area: &PlotArea) -> Vec<Vec<(f64, f64)>> {
        let (axes, time_scale) = (&area.axes, &area.time_scale);
        let mut data_lines = Vec::new();
        for band in &self.prepared.analysis.counterfactuals {
            let Some(series) = self.spec.series.get(band.series) else {
                continue;
            };
            let Some(axis) = axes.iter().find(|a| a.side == series.axis) else {
                continue;
            };
            let half = half_period_ms(&series.times_ms) as f64;
            let at = |t: i64, v: f64| (time_scale.map(t as f64 + half), axis.y(v));
            let upper: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|(t, _, hi, _)| at(*t, *hi))
                .collect();
            let lower: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|(t, _, _, lo)| at(*t, *lo))
                .collect();
            d.shapes.push(Shape::Polygon {
                points: upper.iter().chain(lower.iter().rev()).copied().collect(),
                color: self.palette.counterfactual,
            });
            // Its bounds outlined (the fill alone is too faint to see, WCAG 1.4.11): thin and
            // solid, the dashed expected line between them.
            for bound in [upper, lower] {
                if bound.len() >= 2 {
                    d.shapes.push(Shape::Line {
                        points: bound,
                        width: 1.0,
                        color: self.palette.counterfactual_line,
                    });
                }
            }
            let expected: Vec<(f64, f64)> =
                band.points.iter().map(|(t, e, _, _)| at(*t, *e)).collect();
            for dash in dashed(&expected, 5.0, 4.0) {
                d.shapes.push(Shape::Line {
                    points: dash,
                    width: 1.5,
                    color: self.palette.counterfactual_line,
                });
            }
            data_lines.push(expected);
        }
        data_lines
    }

    /// The series, the first on top; with a rolling mean the raw line is drawn faint beneath
    /// it. Each point stands for its period (a day for daily data) and is drawn at its
    /// middle. Adds the drawn lines to `data_lines`; says so when there is nothing to draw.
    pub(super) fn series(
        &self,
        d: &mut Drawing,
        area: &PlotArea,
        data_lines: &mut Vec<Vec<(f64, f64)>>,
    ) {
        let (axes, time_scale, plot) = (&area.axes, &area.time_scale, area.rect);
        let (m, palette, spec) = (&self.m, &self.palette, self.spec);
        let pixel_ratio = self.presentation.pixel_ratio;
        let mut any_value = false;
        for (index, series) in spec.series.iter().enumerate().rev() {
            let color = palette.series_color(index);
            let Some(axis) = axes.iter().find(|a| a.side == series.axis) else {
                continue;
            };
            let factor = series.unit.to_base_factor() / axis.unit.divisor;
            let half = half_period_ms(&series.times_ms) as f64;
            any_value |= series.values.iter().any(Option::is_some);
            let to_xy = |t: &i64, v: &f64| (time_scale.map(*t as f64 + half), axis.y(v * factor));
            let first = d.shapes.len();
            let times = &series.times_ms;
            let mut line = |values: &[Option<f64>], style: (Rgba, f64)| {
                push_series(&mut d.shapes, times, values, to_xy, style, pixel_ratio);
            };
            match self
                .prepared
                .analysis
                .rolling
                .get(index)
                .and_then(|r| r.as_ref())
            {
                Some(rolling) => {
                    if spec.options.show_raw {
                        line(
                            &series.values,
                            (Rgba { a: 0.4, ..color }, m.line_width * 0.6),
                        );
                    }
                    line(rolling, (color, m.line_width * 1.25));
                }
                None => line(&series.values, (color, m.line_width)),
            }
            for shape in &d.shapes[first..] {
                match shape {
                    Shape::Line { points, .. } => data_lines.push(points.clone()),
                    Shape::Circle { x, y, radius, .. } => {
                        data_lines.push(vec![(x - radius, y - radius), (x + radius, y + radius)])
                    }
                    _ => {}
                }
            }
        }
        if !any_value {
            let note = self.presentation.locale.text("note.noValues").to_string();
            d.shapes.push(self.t(
                note,
                (plot.x + plot.width / 2.0, plot.y + plot.height / 2.0),
                (HAlign::Center, VAlign::Middle),
                Look {
                    role: TextRole::Note,
                    size: m.tick,
                    bold: false,
                    color: palette.muted_text,
                },
            ));
        }
    }
}
