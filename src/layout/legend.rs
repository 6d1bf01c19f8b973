//! The legend stage: each series, the outage band and the expected range, as drawn, in rows
//! under the header's texts (wrapped items take a row to themselves).

use super::display::{HAlign, Rect, Shape, TextRole, VAlign};
use super::frame::{Drawing, Frame};
use super::lines::Look;
use super::prepare::Analysis;
use crate::layout::presentation::Presentation;
use crate::spec::theme::{Palette, Rgba};
use crate::spec::{Axis, Spec};

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum LegendKind {
    Line,
    /// The counterfactual: its range as an area, its expected line dashed over it.
    Expected(Rgba),
}

pub(super) struct LegendItem {
    pub(super) kind: LegendKind,
    pub(super) color: Rgba,
    pub(super) label: String,
}

pub(super) fn legend_items(
    spec: &Spec,
    analysis: &Analysis,
    palette: &Palette,
    two_axes: bool,
    presentation: &Presentation,
) -> Vec<LegendItem> {
    let mut items = Vec::new();
    for (i, series) in spec.series.iter().enumerate() {
        let color = palette.series_color(i);
        let words = &presentation.locale;
        let side = if !two_axes {
            ""
        } else if series.axis == Axis::Left {
            words.text("legend.left")
        } else {
            words.text("legend.right")
        };
        if analysis.rolling.get(i).is_some_and(Option::is_some) {
            let days = spec.options.rolling_average_days.unwrap_or(0);
            let align = words.text(if spec.options.rolling_centred {
                "rolling.centred"
            } else {
                "rolling.trailing"
            });
            if spec.options.show_raw {
                items.push(LegendItem {
                    kind: LegendKind::Line,
                    color: Rgba { a: 0.4, ..color },
                    label: format!("{}{side}", series.label),
                });
            }
            items.push(LegendItem {
                kind: LegendKind::Line,
                color,
                label: words.fill(
                    "legend.rolling",
                    &[
                        ("days", &days.to_string()),
                        ("align", align),
                        ("side", side),
                    ],
                ),
            });
        } else {
            items.push(LegendItem {
                kind: LegendKind::Line,
                color,
                label: format!("{}{side}", series.label),
            });
        }
    }
    for band in &analysis.counterfactuals {
        let (share, range) = band.share_and_level_in(&presentation.locale);
        items.push(LegendItem {
            kind: LegendKind::Expected(palette.counterfactual_line),
            color: palette.counterfactual.over(palette.background),
            label: presentation
                .locale
                .fill("legend.expected", &[("share", &share), ("range", &range)]),
        });
    }
    items
}

impl Frame<'_> {
    /// The legend from `y` (when there is more than one item); returns the y below it.
    pub(super) fn legend(&self, d: &mut Drawing, mut y: f64) -> f64 {
        let (m, palette, fm) = (&self.m, &self.palette, self.fm);
        let two_axes = self.spec.series.iter().any(|s| s.axis == Axis::Right)
            && self.spec.series.iter().any(|s| s.axis == Axis::Left);
        let legend = legend_items(
            self.spec,
            &self.prepared.analysis,
            palette,
            two_axes,
            self.presentation,
        );
        if legend.len() <= 1 {
            return y;
        }
        let row_height = m.legend * 1.5;
        let mut x = m.pad;
        let swatch = 16.0;
        for item in legend {
            let lines = fm.wrap(
                &item.label,
                m.legend,
                false,
                self.content_width - swatch - 6.0,
            );
            let item_width = swatch
                + 6.0
                + lines
                    .iter()
                    .map(|l| fm.width(l, m.legend, false))
                    .fold(0.0, f64::max);
            if x > m.pad && x + item_width > self.width - m.pad {
                x = m.pad;
                y += row_height;
            }
            let mid = y + row_height / 2.0;
            legend_swatch(d, item.kind, item.color, x, mid, swatch);
            let extra_lines = lines.len().saturating_sub(1) as f64;
            for (k, line) in lines.into_iter().enumerate() {
                d.shapes.push(self.t(
                    line,
                    (x + swatch + 6.0, mid + k as f64 * m.legend * 1.25),
                    (HAlign::Left, VAlign::Middle),
                    Look {
                        role: TextRole::Legend,
                        size: m.legend,
                        bold: false,
                        color: palette.text,
                    },
                ));
            }
            x += item_width + 18.0;
            if extra_lines > 0.0 {
                // A wrapped item takes the row to itself.
                y += extra_lines * m.legend * 1.25;
                x = self.width;
            }
        }
        y + row_height + 4.0
    }
}

/// An item's swatch `width` px wide at `x`, centred on `mid`: a bar for a line; for the
/// expected range, its fill with its outline top and bottom and the dashed line across.
fn legend_swatch(d: &mut Drawing, kind: LegendKind, color: Rgba, x: f64, mid: f64, width: f64) {
    match kind {
        LegendKind::Line => d.shapes.push(Shape::Rect {
            rect: Rect {
                x,
                y: mid - 1.5,
                width,
                height: 3.0,
            },
            color,
        }),
        LegendKind::Expected(line) => {
            d.shapes.push(Shape::Rect {
                rect: Rect {
                    x,
                    y: mid - 5.0,
                    width,
                    height: 10.0,
                },
                color,
            });
            // The range's outline, top and bottom, as on the plot.
            for dy in [-5.0, 4.0] {
                d.shapes.push(Shape::Rect {
                    rect: Rect {
                        x,
                        y: mid + dy,
                        width,
                        height: 1.0,
                    },
                    color: line,
                });
            }
            for dx in [0.0, 9.0] {
                d.shapes.push(Shape::Rect {
                    rect: Rect {
                        x: x + dx,
                        y: mid - 0.75,
                        width: 5.0,
                        height: 1.5,
                    },
                    color: line,
                });
            }
        }
    }
}
