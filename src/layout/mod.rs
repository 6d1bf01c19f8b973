//! **layout/**: uses everything above it (text, time, spec, analysis). By stage: `prepare`
//! (what needs the data and locale but no size, once), `pass` (one layout pass: the stages in
//! the order they claim room), `bands` (the outage bands' plan, inline labels or markers),
//! `axes` (value axes, the time domain and time labels), `series` (lines, gaps, dashes, hit
//! tests), `legend`, `lines` (text items, capped lines, the footer's lines), and `display` (the
//! display list a layout produces). Beside them `scale` (linear and log value scales),
//! `decimate` (M4 per pixel column) and `presentation` (the host page's colours, font, locale
//! and pixel ratio). This file: the metrics and the entry points.
//!
//! Layout: from a validated spec and a size in CSS px to a display list (rectangles, lines,
//! circles, text) with every position decided: titles wrap, tick labels never overlap or
//! leave the chart, band labels and callouts stay inside the plot. Pure and deterministic;
//! `draw` turns the display list into backend calls, the web module and tests query it.

mod axes;
mod bands;
pub mod decimate;
mod display;
mod legend;
mod lines;
mod pass;
mod prepare;
pub mod presentation;
pub mod scale;
mod series;

pub use crate::spec::{outage_label, outage_label_in};
pub use axes::{drawn_time_domain, time_domain};
pub use bands::BandMode;
pub use display::*;
pub use prepare::{expected_ranges, ExpectedRange, Prepared};
pub use series::{half_period_ms, polyline_hits_rect, value_at};

use crate::text::numtext::Limit;

use crate::layout::presentation::Presentation;
use crate::layout::scale::{log_ticks, value_ticks, LinearScale};
use crate::spec::theme::{Palette, Rgba};
use crate::spec::{Axis, Spec, Theme};
use crate::text::{small_sort_by, FontMetrics};
use pass::layout_pass;
// What pass.rs (`use super::*`) and the stage files use of each other.

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

/// Lays out `spec` at `width` × `height` CSS px in `theme`.
pub fn layout(spec: &Spec, width: f64, height: f64, theme: Theme) -> Layout {
    layout_with(spec, width, height, theme, &Presentation::default())
}

/// The height the web element gives a chart `width` CSS px wide when the page sets none:
/// `clamp(round(width × 0.6), 260, 560)`, grown until the plot has at least
/// `min(240, max(200, width / 2))` px (so a phone keeps a 200 px plot whatever the text).
pub fn auto_height(spec: &Spec, width: f64, presentation: &Presentation) -> f64 {
    auto_height_layout(spec, width, Theme::Light, presentation).0
}

/// `auto_height`, and the layout at that height in `theme` when the search ended on it (what
/// `layout_with` gives there: the plot is over its squeeze threshold), so a caller can keep it
/// instead of laying the chart out once more.
pub fn auto_height_layout(
    spec: &Spec,
    width: f64,
    theme: Theme,
    presentation: &Presentation,
) -> (f64, Option<Layout>) {
    auto_height_prepared(
        spec,
        width,
        theme,
        presentation,
        &Prepared::of(spec, presentation),
    )
}

/// `auto_height_layout` with the chart's `Prepared` analysis, kept by a caller that lays the
/// same data out again and again (the web core, across resizes and theme changes).
pub fn auto_height_prepared(
    spec: &Spec,
    width: f64,
    theme: Theme,
    presentation: &Presentation,
    prepared: &Prepared,
) -> (f64, Option<Layout>) {
    let mut height = (width * 0.6).round().limit(260.0, 560.0);
    let min_plot = (width * 0.5).round().limit(200.0, 240.0);
    // Usually two or three passes; a phone at a large text size with a long key takes more.
    for _ in 0..24 {
        // Measured on the full texts (never squeezed), so the height found holds them all.
        let chart = pass(spec, width, height, theme, presentation, 0, prepared);
        let plot = chart.plot.height;
        if plot >= min_plot - 0.5 {
            // Over 120 px, layout_with would not squeeze: this is its layout.
            return (height, Some(chart).filter(|c| c.height == height));
        }
        if height >= 4000.0 {
            break;
        }
        height += (min_plot - plot).ceil().max(1.0);
    }
    (height, None)
}

/// Lays out with the host page's colour, font and locale choices.
pub fn layout_with(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
) -> Layout {
    layout_prepared(
        spec,
        width,
        height,
        theme,
        presentation,
        &Prepared::of(spec, presentation),
    )
}

/// `layout_with` with the chart's `Prepared` analysis (see `auto_height_prepared`).
pub fn layout_prepared(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
    prepared: &Prepared,
) -> Layout {
    // A chart too short for all its text keeps a readable plot: subtitle, source and title are
    // held to fewer lines, step by step (their full text stays in the spoken summary).
    let min_plot = (height * 0.3).limit(60.0, 120.0);
    let mut chart = pass(spec, width, height, theme, presentation, 0, prepared);
    for squeeze in 1..3 {
        if chart.plot.height >= min_plot {
            break;
        }
        chart = pass(spec, width, height, theme, presentation, squeeze, prepared);
    }
    chart
}

/// One pass at a squeeze level: labels above their bands when they fit the real plot, else
/// (they fitted only the trial plot) numbered with a key.
fn pass(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
    squeeze: u8,
    prepared: &Prepared,
) -> Layout {
    layout_pass(
        spec,
        width,
        height,
        theme,
        presentation,
        false,
        squeeze,
        prepared,
    )
    .or_else(|()| {
        layout_pass(
            spec,
            width,
            height,
            theme,
            presentation,
            true,
            squeeze,
            prepared,
        )
    })
    .unwrap_or_else(|()| unreachable_layout(width, height, theme, presentation))
}

/// Never used: a pass with markers forced always succeeds. An empty chart, not a panic.
fn unreachable_layout(
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
) -> Layout {
    Layout {
        width,
        height,
        theme,
        palette: presentation.palette(theme),
        plot: Rect {
            x: 0.0,
            y: 0.0,
            width,
            height,
        },
        time_scale: LinearScale {
            domain: (0.0, 1.0),
            range: (0.0, width),
        },
        axes: Vec::new(),
        bands: Vec::new(),
        shapes: Vec::new(),
        font_family: presentation.font_family().to_string(),
        band_mode: BandMode::None,
        point_offset_ms: 0,
    }
}
