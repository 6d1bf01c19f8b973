//! **layout/**: uses everything above it (text, time, spec, analysis). A pipeline of stages,
//! one file each, in the order they claim room (`pipeline`): `header` (title, subtitle, the
//! unit row) with `legend`, `footer` (sources, notes), `band_plan` (labels above the bands or
//! numbered markers and a key, and the plot that leaves), `axes` (value axes, grid, time
//! axis), `bands`, `series` (expected ranges, lines), `annotations`. Each stage is an
//! `impl Frame` block reading the shared `frame` (inputs, type sizes, palette) and adding to
//! its `Drawing`. Before them `prepare` (what needs the data and locale but no size, once);
//! beside them `display` (the display list a layout produces), `lines` (text items, capped
//! lines), `scale` (linear and log value scales), `decimate` (M4 per pixel column) and
//! `presentation` (the host page's colours, font, locale and pixel ratio). This file: the
//! type sizes and the two entry points, `layout` and `auto_height`.
//!
//! Layout: from a validated spec and a size in CSS px to a display list (rectangles, lines,
//! circles, text) with every position decided: titles wrap, tick labels never overlap or
//! leave the chart, band labels and callouts stay inside the plot. Pure and deterministic;
//! `draw` turns the display list into backend calls, the web module and tests query it.

mod prepare;
mod frame;
mod pipeline;
mod header;
mod legend;
mod footer;
mod band_plan;
mod axes;
mod bands;
mod series;
mod annotations;
mod display;
mod lines;
pub mod decimate;
pub mod presentation;
pub mod scale;

pub use crate::spec::{outage_label, outage_label_in};
pub use axes::{drawn_time_domain, time_domain};
pub use band_plan::BandMode;
pub use display::*;
pub use prepare::Prepared;
pub use series::{half_period_ms, polyline_hits_rect, value_at};

use crate::text::numtext::Limit;

use crate::layout::presentation::Presentation;
use crate::spec::{Spec, Theme};
use pipeline::lay_out;

/// Type sizes and spacing, scaled down on narrow charts.
struct Metrics {
    pad: f64,
    title: f64,
    subtitle: f64,
    legend: f64,
    tick: f64,
    small: f64,
    line_width: f64,
    /// The reader's text scale the sizes above carry (1 at the browser's default).
    scale: f64,
}

impl Metrics {
    /// The sizes for a chart `width` CSS px wide, its text grown by `text_scale` (the reader's
    /// text size over the browser's 16 px default: 1.5 at 24 px; never below 1, at most 3):
    /// padding and line widths stay as they are.
    fn for_reader(width: f64, text_scale: f64) -> Metrics {
        let k = if text_scale.is_finite() {
            text_scale.limit(1.0, 3.0)
        } else {
            1.0
        };
        let m = Metrics::for_width(width);
        Metrics {
            title: m.title * k,
            subtitle: m.subtitle * k,
            legend: m.legend * k,
            tick: m.tick * k,
            small: m.small * k,
            scale: k,
            ..m
        }
    }

    fn for_width(width: f64) -> Metrics {
        if width < 480.0 {
            Metrics {
                pad: 10.0,
                title: 17.0,
                subtitle: 13.0,
                legend: 12.0,
                tick: 12.0,
                small: 12.0,
                line_width: 2.0,
                scale: 1.0,
            }
        } else {
            Metrics {
                pad: 16.0,
                title: 20.0,
                subtitle: 14.0,
                legend: 13.0,
                tick: 12.0,
                small: 12.0,
                line_width: 2.0,
                scale: 1.0,
            }
        }
    }
}

/// The smallest chart laid out; smaller requests are drawn at this size, clipped by the canvas.
pub const MIN_WIDTH: f64 = 200.0;

pub const MIN_HEIGHT: f64 = 160.0;

/// What a layout reads besides its size and theme: the spec, the host page's choices
/// (colours, font, locale, pixel ratio) and what was prepared from both once
/// (`Prepared::of(spec, presentation)`, which the web core keeps across resizes).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub spec: &'a Spec,
    pub presentation: &'a Presentation,
    pub prepared: &'a Prepared,
}

/// Lays out `input` at `width` × `height` CSS px in `theme`. A chart too short for all its
/// text keeps a readable plot: subtitle, source and title are held to fewer lines, step by
/// step (their full text stays in the spoken summary).
pub fn layout(input: Input, width: f64, height: f64, theme: Theme) -> Layout {
    let min_plot = (height * 0.3).limit(60.0, 120.0);
    let mut chart = lay_out(input, width, height, theme, 0);
    for squeeze in 1..3 {
        if chart.plot.height >= min_plot {
            break;
        }
        chart = lay_out(input, width, height, theme, squeeze);
    }
    chart
}

/// The height the web element gives a chart `width` CSS px wide when the page sets none:
/// `clamp(round(width × 0.6), 260, 560)`, grown until the plot has at least
/// `min(240, max(200, width / 2))` px (so a phone keeps a 200 px plot whatever the text). With
/// it, the layout at that height in `theme` when the search ended on it (what `layout` gives
/// there: the plot is over its squeeze threshold), so a caller can keep it instead of laying
/// the chart out once more.
pub fn auto_height(input: Input, width: f64, theme: Theme) -> (f64, Option<Layout>) {
    let mut height = (width * 0.6).round().limit(260.0, 560.0);
    let min_plot = (width * 0.5).round().limit(200.0, 240.0);
    // Usually two or three passes; a phone at a large text size with a long key takes more.
    for _ in 0..24 {
        // Measured on the full texts (never squeezed), so the height found holds them all.
        let chart = lay_out(input, width, height, theme, 0);
        let plot = chart.plot.height;
        if plot >= min_plot - 0.5 {
            // Over 120 px, `layout` would not squeeze: this is its layout.
            return (height, Some(chart).filter(|c| c.height == height));
        }
        if height >= 4000.0 {
            break;
        }
        height += (min_plot - plot).ceil().max(1.0);
    }
    (height, None)
}

/// For the library's own tests: `spec` laid out with the default presentation.
#[cfg(test)]
pub(crate) fn layout_plain(spec: &Spec, width: f64, height: f64, theme: Theme) -> Layout {
    let presentation = Presentation::default();
    let prepared = Prepared::of(spec, &presentation);
    let input = Input {
        spec,
        presentation: &presentation,
        prepared: &prepared,
    };
    layout(input, width, height, theme)
}
