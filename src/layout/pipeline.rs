//! One layout: the stages in the order they claim room. The header (title, subtitle, legend,
//! the axis-unit row) from the top, the footer (sources, notes) from the bottom, the band plan
//! (labels above the bands, or numbered markers and a key) in between, decided with the plot
//! it leaves; then, drawn in paint order on that plot, the grid and value labels, the time
//! axis, the bands and their labels, the expected ranges, the series and the annotations.

use super::display::{Layout, Rect, Shape};
use super::frame::{Drawing, Frame};
use super::{Input, Metrics, MIN_HEIGHT, MIN_WIDTH};
use crate::spec::Theme;

/// Lays out `input` at `width` × `height` CSS px (at least `MIN_WIDTH` × `MIN_HEIGHT`) in
/// `theme`, its texts held to fewer lines at `squeeze` 1 and 2.
pub(super) fn lay_out(input: Input, width: f64, height: f64, theme: Theme, squeeze: u8) -> Layout {
    let at_least = |x: f64, min: f64| if x.is_finite() { x.max(min) } else { min };
    let (width, height) = (at_least(width, MIN_WIDTH), at_least(height, MIN_HEIGHT));
    let presentation = input.presentation;
    let m = Metrics::for_reader(width, presentation.style.text_scale.unwrap_or(1.0));
    let frame = Frame {
        spec: input.spec,
        presentation,
        prepared: input.prepared,
        fm: &presentation.metrics,
        content_width: width - 2.0 * m.pad,
        m,
        palette: presentation.palette(theme),
        width,
        height,
        squeeze,
    };
    let mut d = Drawing {
        shapes: vec![Shape::Rect {
            rect: Rect {
                x: 0.0,
                y: 0.0,
                width,
                height,
            },
            color: frame.palette.background,
        }],
        texts_placed: Vec::new(),
    };

    let header = frame.header(&mut d);
    let footer_top = frame.footer(&mut d);
    let words = frame.band_words();
    let (plan, area) = frame.fit_bands(&words, header.bottom, footer_top);

    frame.grid(&mut d, &area, &header);
    frame.time_axis(&mut d, &area);
    let band_mode = plan.mode;
    let bands = frame.bands(&mut d, plan, &area);
    let mut data_lines = frame.expected(&mut d, &area);
    frame.series(&mut d, &area, &mut data_lines);
    frame.annotations(&mut d, &area, &data_lines);

    Layout {
        width,
        height,
        theme,
        palette: frame.palette,
        plot: area.rect,
        time_scale: area.time_scale,
        axes: area.axes,
        bands,
        shapes: d.shapes,
        font_family: presentation.font_family().to_string(),
        band_mode,
        point_offset_ms: input.prepared.point_offset_ms,
    }
}
