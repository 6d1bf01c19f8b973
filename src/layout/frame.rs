//! What every stage of a layout reads and writes: the `Frame` (the inputs, the type sizes, the
//! palette and the squeeze level, with the spacing every stage shares) and the `Drawing` (the
//! shapes in paint order, and the boxes of the texts placed over the plot). Each stage is an
//! `impl Frame` block in its own file; `pipeline` calls them in the order they claim room.

use super::display::{HAlign, Rect, Shape, VAlign, ValueAxis};
use super::lines::{text, Look};
use super::prepare::Prepared;
use super::presentation::Presentation;
use super::scale::LinearScale;
use super::Metrics;
use crate::spec::theme::Palette;
use crate::spec::Spec;
use crate::text::FontMetrics;

/// What every stage reads: the inputs, the type sizes and the palette.
pub(super) struct Frame<'a> {
    pub(super) spec: &'a Spec,
    pub(super) presentation: &'a Presentation,
    pub(super) prepared: &'a Prepared,
    pub(super) fm: &'a FontMetrics,
    pub(super) m: Metrics,
    pub(super) palette: Palette,
    pub(super) width: f64,
    pub(super) height: f64,
    /// How far the texts are held to fewer lines (0: not at all; 1, 2: the chart is short).
    pub(super) squeeze: u8,
    /// The width between the paddings.
    pub(super) content_width: f64,
}

/// What the stages draw: the shapes in paint order, and the boxes of the texts placed over
/// the plot (callouts keep clear of them).
pub(super) struct Drawing {
    pub(super) shapes: Vec<Shape>,
    pub(super) texts_placed: Vec<Rect>,
}

impl Frame<'_> {
    /// A text shape in the chart's font (`lines::text`). Inlined, and `text` kept out of
    /// line: the pair measured 88 B gzipped smaller on the chart module than the defaults.
    #[inline(always)]
    pub(super) fn t(
        &self,
        s: String,
        at: (f64, f64),
        align: (HAlign, VAlign),
        look: Look,
    ) -> Shape {
        Shape::Text(text(self.fm, s, at, align, look))
    }

    /// Most lines the title, subtitle and footer texts may take at this squeeze level.
    pub(super) fn most(&self, share: f64, line: f64, squeezed: [usize; 2]) -> usize {
        let by_height = ((self.height * share / line).floor() as usize).max(2);
        match self.squeeze {
            // Unsqueezed, a text takes the lines it needs up to a dozen (only a pathological
            // one is cut; a chart too short for its texts squeezes them below).
            0 => by_height.max(12),
            1 => by_height.min(squeezed[0]),
            _ => by_height.min(squeezed[1]),
        }
    }

    pub(super) fn line_h(&self) -> f64 {
        self.m.small * 1.3
    }

    pub(super) fn tick_row(&self) -> f64 {
        self.m.tick * 1.35
    }

    /// From the axis line to the top of its labels: clear of the value axis' lowest label,
    /// which is centred on the line (it grows with the reader's text size).
    pub(super) fn tick_gap(&self) -> f64 {
        8.0_f64.max(self.m.tick * 0.6 + 0.5)
    }

    pub(super) fn time_axis_height(&self) -> f64 {
        self.tick_gap() - 2.0 + self.tick_row() * 2.0
    }

    pub(super) fn radius(&self) -> f64 {
        (self.m.small * 0.75).round()
    }
}

/// The plot as the stages after the band plan see it: its box, the value axes (whose label
/// widths set its width), the time scale across it, and the highest a data point is drawn
/// (the top tick label is centred on the top grid line, kept inside the plot).
pub(super) struct PlotArea {
    pub(super) rect: Rect,
    pub(super) axes: Vec<ValueAxis>,
    pub(super) time_scale: LinearScale,
    pub(super) data_top: f64,
}
