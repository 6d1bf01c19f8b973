//! Text items and lines of text: a positioned text, lines capped with an ellipsis, and the
//! footer's lines stacked up from the bottom.

use super::display::{HAlign, Shape, TextItem, TextRole, VAlign};
use super::Metrics;
use crate::spec::theme::Rgba;
use crate::text::FontMetrics;

/// How a text looks: its role (what it is, for the page and the tests), size, weight and
/// colour.
#[derive(Clone, Copy)]
pub(super) struct Look {
    pub(super) role: TextRole,
    pub(super) size: f64,
    pub(super) bold: bool,
    pub(super) color: Rgba,
}

/// `text` in the chart's font at `(x, y)`, aligned there by `(h_align, v_align)`. Out of
/// line: a `Look` built at each of its dozen call sites, inlined, cost bytes (`Frame::t`).
#[inline(never)]
pub(super) fn text(
    fm: &FontMetrics,
    text: String,
    (x, y): (f64, f64),
    (h_align, v_align): (HAlign, VAlign),
    Look {
        role,
        size,
        bold,
        color,
    }: Look,
) -> TextItem {
    TextItem {
        role,
        width: fm.width(&text, size, bold),
        text,
        x,
        y,
        h_align,
        v_align,
        size,
        bold,
        color,
        halo: None,
    }
}

/// At most `max` lines: beyond that the last kept line ends in "…". Only a text too long for
/// the chart at any size (a pathological title) is cut; the full text is in the chart's
/// spoken summary and the data table caption.
pub(super) fn cap_lines(
    fm: &FontMetrics,
    mut lines: Vec<String>,
    max: usize,
    size: f64,
    bold: bool,
    width: f64,
) -> Vec<String> {
    let max = max.max(1);
    if lines.len() <= max {
        return lines;
    }
    lines.truncate(max);
    if let Some(last) = lines.last_mut() {
        let marked = format!("{last} …");
        *last = fm.ellipsize(&marked, size, bold, width);
        if !last.ends_with('…') {
            last.push('…');
        }
    }
    lines
}

/// Stacks `lines` upwards from `bottom` at the chart's left margin; returns the new bottom.
pub(super) fn push_footer_lines(
    shapes: &mut Vec<Shape>,
    fm: &FontMetrics,
    lines: Vec<String>,
    role: TextRole,
    color: Rgba,
    bottom: f64,
    m: &Metrics,
) -> f64 {
    let line_height = m.small * 1.35;
    let top = bottom - line_height * lines.len() as f64;
    for (i, line) in lines.into_iter().enumerate() {
        shapes.push(Shape::Text(text(
            fm,
            line,
            (m.pad, top + line_height * i as f64 + 2.0),
            (HAlign::Left, VAlign::Top),
            Look {
                role,
                size: m.small,
                bold: false,
                color,
            },
        )));
    }
    top
}
