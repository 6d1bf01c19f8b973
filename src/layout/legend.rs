//! The legend's items: each series, the outage band and the expected range, as drawn.

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
