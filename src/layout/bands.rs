//! The bands stage: each outage's band under the data, its edges (hatched too under forced
//! colours), and its label as planned: inline above it, or a numbered marker and the key.

use super::band_plan::{band_range, BandPlan, Block, Labels};
use super::display::{BandBox, HAlign, Rect, Shape, TextRole, VAlign};
use super::frame::{Drawing, Frame, PlotArea};
use super::lines::{text, Look};
use crate::spec::outage_label_in;
use crate::text::numtext::Limit;

impl Frame<'_> {
    /// Outage bands under the data, their edges, and their labels as planned.
    pub(super) fn bands(&self, d: &mut Drawing, plan: BandPlan, area: &PlotArea) -> Vec<BandBox> {
        let (plot, time_scale, palette) = (area.rect, &area.time_scale, &self.palette);
        let mut bands = Vec::new();
        for outage in &self.spec.outages {
            let (x0, x1) = band_range(outage, time_scale);
            d.shapes.push(Shape::Rect {
                rect: Rect {
                    x: x0,
                    y: plot.y,
                    width: x1 - x0,
                    height: plot.height,
                },
                color: palette.band,
            });
            bands.push(BandBox {
                label: outage_label_in(outage, &self.presentation.locale),
                x0,
                x1,
                label_box: None,
                leader: None,
                marker: None,
            });
        }
        // Under forced colours a band is hatched too: a fill alone may not show (issue 27).
        if self.presentation.style.forced_colors {
            for band in &bands {
                for segment in hatch(band.x0, band.x1, plot.y, plot.bottom(), 8.0) {
                    d.shapes.push(Shape::Line {
                        points: segment.to_vec(),
                        width: 1.0,
                        color: palette.band_edge,
                    });
                }
            }
        }
        // Band edges after all fills, so overlapping bands keep visible boundaries; never cut.
        // An ongoing outage has no closing edge: it is open at the end of the data.
        for (band, outage) in bands.iter().zip(&self.spec.outages) {
            let edges = if outage.ongoing {
                &[band.x0][..]
            } else {
                &[band.x0, band.x1][..]
            };
            for &x in edges {
                if x > plot.x + 0.5 && x < plot.right() - 0.5 {
                    d.shapes.push(Shape::Rect {
                        rect: Rect {
                            x: x - 0.5,
                            y: plot.y,
                            width: 1.0,
                            height: plot.height,
                        },
                        color: palette.band_edge,
                    });
                }
            }
        }
        match plan.labels {
            Labels::None => {}
            Labels::Inline(blocks) => self.inline_labels(d, blocks, plot, &mut bands),
            Labels::Markers(placed) => {
                self.markers(d, &placed, plot, &mut bands);
                self.key(d, &plan.key_entries, plot);
            }
        }
        bands
    }

    /// Each band's label and verdict standing on the plot's top edge above it.
    fn inline_labels(
        &self,
        d: &mut Drawing,
        blocks: Vec<Block>,
        plot: Rect,
        bands: &mut [BandBox],
    ) {
        let (m, line_h) = (&self.m, self.line_h());
        for block in blocks {
            // Bottom-aligned on the plot's top edge: the label stands on its band.
            let top = plot.y - 4.0 - block.lines.len() as f64 * line_h;
            let rect = Rect {
                x: block.x,
                y: top,
                width: block.width,
                height: block.lines.len() as f64 * line_h,
            };
            let (anchor, align) = if block.right_aligned {
                (block.x + block.width, HAlign::Right)
            } else {
                (block.x, HAlign::Left)
            };
            for (k, (line, bold)) in block.lines.into_iter().enumerate() {
                d.shapes.push(self.t(
                    line,
                    (anchor, top + k as f64 * line_h),
                    (align, VAlign::Top),
                    Look {
                        role: TextRole::BandLabel,
                        size: m.small,
                        bold,
                        color: self.palette.band_text,
                    },
                ));
            }
            d.texts_placed.push(rect);
            if let Some(b) = bands.get_mut(block.outage) {
                b.label_box = Some(rect);
            }
        }
    }

    /// A numbered marker above each band, tied to it by a leader when it had to move aside.
    fn markers(
        &self,
        d: &mut Drawing,
        placed: &[(usize, usize, f64, usize)],
        plot: Rect,
        bands: &mut [BandBox],
    ) {
        let palette = &self.palette;
        let radius = self.radius();
        for &(outage, number, cx, row) in placed {
            let cy = plot.y - 4.0 - radius - row as f64 * (2.0 * radius + 3.0);
            let Some(band) = bands.get_mut(outage) else {
                continue;
            };
            let rect = Rect {
                x: cx - radius,
                y: cy - radius,
                width: 2.0 * radius,
                height: 2.0 * radius,
            };
            // Tied to its band by a leader from the band's top edge when it had to move
            // aside, or by a short stem when it sits in an upper row.
            let from = if rect.right() <= band.x0 || rect.x >= band.x1 {
                Some(((band.x0 + band.x1) / 2.0).limit(plot.x, plot.right()))
            } else {
                // From over the band, even where the marker is wider than it.
                (row > 0).then_some(cx.limit(band.x0, band.x1))
            };
            if let Some(bx) = from {
                let leader = [(bx, plot.y), (cx, cy + radius)];
                d.shapes.push(Shape::Line {
                    points: leader.to_vec(),
                    width: 1.0,
                    color: palette.band_text,
                });
                band.leader = Some(leader);
            }
            self.marker(d, (cx, cy), number);
            band.label_box = Some(rect);
            band.marker = Some(number);
            d.texts_placed.push(rect);
        }
    }

    /// The key, under the time axis: each marker's number, label and verdict in full.
    fn key(&self, d: &mut Drawing, entries: &[(usize, usize, Vec<String>)], plot: Rect) {
        let (m, palette) = (&self.m, &self.palette);
        let (radius, line_h) = (self.radius(), self.line_h());
        let indent = 2.0 * radius + 6.0;
        let mut ky = plot.bottom() + self.time_axis_height() + 4.0;
        for (_, number, lines) in entries {
            let count = lines.len().max(1) as f64;
            self.marker(d, (m.pad + radius, ky + line_h / 2.0 - 1.0), *number);
            for (k, line) in lines.iter().enumerate() {
                d.shapes.push(self.t(
                    line.clone(),
                    (
                        m.pad + indent,
                        ky + k as f64 * line_h + (line_h - m.small * 1.2) / 2.0,
                    ),
                    (HAlign::Left, VAlign::Top),
                    Look {
                        role: TextRole::Key,
                        size: m.small,
                        bold: false,
                        color: palette.text,
                    },
                ));
            }
            ky += count * line_h + 4.0;
        }
    }

    /// A numbered marker: a filled disc in the band-label colour, its number in the
    /// background colour.
    fn marker(&self, d: &mut Drawing, (cx, cy): (f64, f64), number: usize) {
        let (fm, palette, radius) = (self.fm, &self.palette, self.radius());
        let shapes = &mut d.shapes;
        shapes.push(Shape::Circle {
            x: cx,
            y: cy,
            radius,
            color: palette.band_text,
            filled: true,
            width: 0.0,
        });
        let digits = number.to_string();
        // Never under 12 px (WCAG's readable minimum for the chart's text, issue 27).
        let size = if digits.len() > 1 {
            self.m.small * 0.8
        } else {
            self.m.small * 0.95
        }
        .max(12.0);
        shapes.push(Shape::Text(text(
            fm,
            digits,
            (cx, cy),
            (HAlign::Center, VAlign::Middle),
            Look {
                role: TextRole::Marker,
                size,
                bold: true,
                color: palette.background,
            },
        )));
    }
}

/// Diagonal lines `spacing` px apart across the rectangle from `x0` to `x1` and `top` to
/// `bottom`, each clipped to it (rising to the right).
fn hatch(x0: f64, x1: f64, top: f64, bottom: f64, spacing: f64) -> Vec<[(f64, f64); 2]> {
    let mut lines = Vec::new();
    // Each line is x + y = c.
    let mut c = x0 + top + spacing / 2.0;
    while c < x1 + bottom {
        let (xa, xb) = ((c - bottom).max(x0), (c - top).min(x1));
        if xb > xa {
            lines.push([(xa, c - xa), (xb, c - xb)]);
        }
        c += spacing;
    }
    lines
}
