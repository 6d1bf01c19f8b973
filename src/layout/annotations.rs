//! The annotations stage: a marker on the series (or a rule for a time-only note) and a
//! callout placed where it covers no line and no other text, tied by a leader when it moved.

use super::display::{HAlign, Rect, Shape, TextRole, VAlign};
use super::frame::{Drawing, Frame, PlotArea};
use super::lines::{cap_lines, text, Look};
use super::series::{half_period_ms, polyline_hits_rect, value_at};
use crate::text::numtext::Limit;

impl Frame<'_> {
    /// Annotations: a marker on the series (or a rule for a time-only note) and a callout
    /// placed where it covers no line and no other text, tied by a leader when it had to move.
    pub(super) fn annotations(
        &self,
        d: &mut Drawing,
        area: &PlotArea,
        data_lines: &[Vec<(f64, f64)>],
    ) {
        let (axes, time_scale) = (&area.axes, &area.time_scale);
        for annotation in &self.spec.annotations {
            let series = annotation.series.and_then(|i| self.spec.series.get(i));
            let half = series.map_or(0, |s| half_period_ms(&s.times_ms));
            let x = time_scale.map(annotation.at_ms as f64);
            let marker_y = series.and_then(|s| {
                let axis = axes.iter().find(|a| a.side == s.axis)?;
                let value = value_at(&s.times_ms, &s.values, annotation.at_ms - half)?;
                Some(axis.y(value * s.unit.to_base_factor() / axis.unit.divisor))
            });
            self.annotation(d, &annotation.text, (x, marker_y), area, data_lines);
        }
    }

    /// One annotation's callout, marker or rule, and leader.
    /// At time `x`, on the series at `marker_y` (None: a time-only note).
    fn annotation(
        &self,
        d: &mut Drawing,
        note: &str,
        (x, marker_y): (f64, Option<f64>),
        area: &PlotArea,
        data_lines: &[Vec<(f64, f64)>],
    ) {
        let (m, fm, palette) = (&self.m, self.fm, &self.palette);
        let (plot, data_top) = (area.rect, area.data_top);
        // Wider and longer where the reader's text is larger.
        let callout_width = (plot.width * 0.45 * m.scale)
            .limit(80.0, 240.0 * m.scale)
            .min(plot.width - 8.0);
        let lines = fm.wrap(note, m.small, true, callout_width);
        let most = (5.0 * m.scale).ceil() as usize;
        let lines = cap_lines(fm, lines, most, m.small, true, callout_width);
        let w = lines
            .iter()
            .map(|l| fm.width(l, m.small, true))
            .fold(0.0, f64::max);
        let lh = m.small * 1.2;
        let h = lh * lines.len() as f64;
        let inside = |r: &Rect| {
            r.x >= plot.x + 2.0
                && r.right() <= plot.right() - 2.0
                && r.y >= plot.y + 2.0
                && r.bottom() <= plot.bottom() - 2.0
        };
        let clear = |r: &Rect| {
            inside(r)
                && !d.texts_placed.iter().any(|b| b.overlaps(r, 3.0))
                && !data_lines
                    .iter()
                    .any(|line| polyline_hits_rect(line, r, 2.0))
        };
        let candidates = self.callout_places(x, marker_y, (w, h), plot, data_top);
        let chosen = candidates.iter().find(|r| clear(r)).copied();
        let anchor_y = marker_y.unwrap_or(data_top);
        let callout_box = chosen
            .or_else(|| candidates.iter().find(|r| inside(r)).copied())
            .unwrap_or(Rect {
                x: clamp_in(x - w / 2.0, w, plot),
                y: (anchor_y - 26.0 - h)
                    .limit(plot.y + 2.0, (plot.bottom() - h - 2.0).max(plot.y + 2.0)),
                width: w,
                height: h,
            });
        d.texts_placed.push(callout_box);
        self.annotation_mark(d, x, marker_y, callout_box, plot);
        // The halo is the text's own outline in the background colour, not a box over data.
        for (k, line) in lines.into_iter().enumerate() {
            let mut item = text(
                fm,
                line,
                (callout_box.x, callout_box.y + k as f64 * lh),
                (HAlign::Left, VAlign::Top),
                Look {
                    role: TextRole::Annotation,
                    size: m.small,
                    bold: true,
                    color: palette.text,
                },
            );
            item.halo = Some(palette.background);
            d.shapes.push(Shape::Text(item));
        }
    }

    /// Where a callout `w` × `h` may go, best first: above or below the marker at growing
    /// distances and shifts, or beside a time-only note's rule from the top of the data down.
    fn callout_places(
        &self,
        x: f64,
        marker_y: Option<f64>,
        (w, h): (f64, f64),
        plot: Rect,
        data_top: f64,
    ) -> Vec<Rect> {
        let mut candidates: Vec<Rect> = Vec::new();
        let boxed = |x: f64, y: f64| Rect {
            x,
            y,
            width: w,
            height: h,
        };
        match marker_y {
            Some(my) => {
                for dy in [12.0, 28.0, 48.0, 72.0, 100.0, 132.0].map(|dy| dy * self.m.scale) {
                    for dx in [0.0, -0.5, 0.5, -1.0, 1.0] {
                        let cx = clamp_in(x - w / 2.0 + dx * (w / 2.0 + 8.0), w, plot);
                        candidates.push(boxed(cx, my - dy - h));
                        candidates.push(boxed(cx, my + dy));
                    }
                }
            }
            None => {
                let lh = self.m.small * 1.2;
                for k in 0..12 {
                    for bx in [x + 6.0, x - 6.0 - w] {
                        candidates.push(boxed(bx, data_top + k as f64 * (lh + 4.0)));
                    }
                }
            }
        }
        candidates
    }

    /// The annotation's mark: a ring on the series with a leader to the callout when it sits
    /// apart, or a rule across the plot for a time-only note.
    fn annotation_mark(
        &self,
        d: &mut Drawing,
        x: f64,
        marker_y: Option<f64>,
        callout: Rect,
        plot: Rect,
    ) {
        let palette = &self.palette;
        let Some(my) = marker_y else {
            d.shapes.push(Shape::Line {
                points: vec![(x, plot.y), (x, plot.bottom())],
                width: 1.0,
                color: palette.muted_text,
            });
            return;
        };
        // A leader from the marker to the nearest point of the callout's box.
        let tx = x.limit(callout.x, callout.right());
        let ty = if callout.y > my {
            callout.y - 2.0
        } else {
            callout.bottom() + 2.0
        };
        let dist = ((tx - x).powi(2) + (ty - my).powi(2)).sqrt();
        if dist > 8.0 {
            let f = 5.0 / dist;
            d.shapes.push(Shape::Line {
                points: vec![(x + (tx - x) * f, my + (ty - my) * f), (tx, ty)],
                width: 1.0,
                color: palette.muted_text,
            });
        }
        d.shapes.push(Shape::Circle {
            x,
            y: my,
            radius: 4.0,
            color: palette.text,
            filled: false,
            width: 1.5,
        });
    }
}

/// A callout's left edge `cx` kept inside the plot for its width `w`.
fn clamp_in(cx: f64, w: f64, plot: Rect) -> f64 {
    cx.limit(plot.x + 2.0, (plot.right() - 2.0 - w).max(plot.x + 2.0))
}
