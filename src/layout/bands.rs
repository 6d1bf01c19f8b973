//! The outage bands' plan: where each band is, whether its label and verdict stand inline
//! above it or a numbered marker (spread apart, tied by a leader) points to the key.

use super::display::{HAlign, Shape, TextRole, VAlign};
use super::lines::text;
use crate::layout::scale::LinearScale;
use crate::spec::theme::Palette;
use crate::spec::Spec;
use crate::text::numtext::Limit;
use crate::text::{small_sort_by, FontMetrics};

/// How outage bands are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandMode {
    /// No outages.
    None,
    /// Each label (name and verdict) directly above its own band.
    Inline,
    /// A numbered marker above each band and a key below the plot with the full texts.
    Markers,
}

/// The words of one band: its name and, when measured, the verdict in plain words.
pub(super) struct BandWords {
    pub(super) label: String,
    pub(super) verdict: Option<String>,
    /// The band's key line: "Label: −0.4%, within normal … (plausible range …)".
    pub(super) key: String,
}

/// A label block above the plot (inline mode).
pub(super) struct Block {
    pub(super) outage: usize,
    /// Left edge of the block.
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) lines: Vec<(String, bool)>,
    /// Anchored at the band's end (text set right) rather than its start.
    pub(super) right_aligned: bool,
}

/// Band x-range on `scale`, clamped to it and at least 2 px wide.
pub(super) fn band_range(o: &crate::spec::Outage, scale: &LinearScale) -> (f64, f64) {
    let (left, right) = scale.range;
    let mut x0 = scale.map(o.start_ms as f64).limit(left, right);
    let mut x1 = scale.map(o.end_ms as f64).limit(left, right);
    if x1 - x0 < 2.0 {
        let mid = (x0 + x1) / 2.0;
        x0 = (mid - 1.0).max(left);
        x1 = (x0 + 2.0).min(right);
    }
    (x0, x1)
}

/// Inline label blocks, or None when they cannot all sit above their own bands: each block
/// overlaps its band's x-range, no block overlaps another, and none spans a band that does
/// not overlap its own in time.
#[allow(clippy::too_many_arguments)]
pub(super) fn inline_blocks(
    spec: &Spec,
    words: &[BandWords],
    scale: &LinearScale,
    fm: &FontMetrics,
    size: f64,
    right_limit: f64,
    max_lines: usize,
) -> Option<Vec<Block>> {
    let (left, _) = scale.range;
    let ranges: Vec<(f64, f64)> = spec.outages.iter().map(|o| band_range(o, scale)).collect();
    let lines_of = |w: &BandWords, width: f64| {
        let mut lines: Vec<(String, bool)> = fm
            .wrap(&w.label, size, true, width)
            .into_iter()
            .map(|l| (l, true))
            .collect();
        if let Some(v) = &w.verdict {
            lines.extend(
                fm.wrap(v, size, false, width)
                    .into_iter()
                    .map(|l| (l, false)),
            );
        }
        let widest = lines
            .iter()
            .map(|(l, bold)| fm.width(l, size, *bold))
            .fold(0.0, f64::max);
        (lines, widest)
    };
    let mut blocks: Vec<Block> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // Starting at the band's start and running right, or (short of room there) ending at
        // the band's end and set right: either way the block stands on its own band.
        let (x0, x1) = ranges[i];
        let room_right = (right_limit - x0).min(420.0);
        let room_left = (x1 - left).min(420.0);
        let (lines, width, right_aligned) = {
            let (lines, width) = lines_of(w, room_right.max(1.0));
            if room_right >= 160.0 || room_right >= room_left {
                (lines, width, false)
            } else {
                let (lines, width) = lines_of(w, room_left.max(1.0));
                (lines, width, true)
            }
        };
        if lines.len() > max_lines {
            return None;
        }
        let x = if right_aligned { x1 - width } else { x0 };
        if x < left - 0.5 || x + width > right_limit + 0.5 {
            return None;
        }
        blocks.push(Block {
            outage: i,
            x,
            width,
            lines,
            right_aligned,
        });
    }
    for a in &blocks {
        for b in &blocks {
            if a.outage >= b.outage {
                continue;
            }
            if a.x < b.x + b.width + 12.0 && b.x < a.x + a.width + 12.0 {
                return None;
            }
        }
        for (j, o) in spec.outages.iter().enumerate() {
            let own = &spec.outages[a.outage];
            let overlaps_in_time = o.start_ms < own.end_ms && own.start_ms < o.end_ms;
            if j == a.outage || overlaps_in_time {
                continue;
            }
            let (x0, x1) = ranges[j];
            if a.x < x1 + 3.0 && x0 - 3.0 < a.x + a.width {
                return None;
            }
        }
    }
    Some(blocks)
}

/// Numbered markers above the bands: (outage, number, centre x, row). Numbered left to right
/// by band centre, so the key reads in the order the eye meets them. In one row when they fit
/// (each as near its band's centre as the spacing allows, crowded ones spread evenly around
/// their bands' mean, so leaders never cross), else in alternating rows.
pub(super) fn place_markers(
    spec: &Spec,
    scale: &LinearScale,
    radius: f64,
) -> Vec<(usize, usize, f64, usize)> {
    let (left, right) = scale.range;
    let lo = left + radius;
    let hi = (right - radius).max(lo);
    let want_of = |i: usize| {
        let (x0, x1) = band_range(&spec.outages[i], scale);
        ((x0 + x1) / 2.0).limit(lo, hi)
    };
    let mut order: Vec<usize> = (0..spec.outages.len()).collect();
    small_sort_by(&mut order, |&a, &b| {
        (want_of(a), spec.outages[a].start_ms) < (want_of(b), spec.outages[b].start_ms)
    });
    let spacing = 2.0 * radius + 4.0;
    let rows = ((order.len() as f64 * spacing) / (hi - lo + spacing).max(spacing))
        .ceil()
        .max(1.0) as usize;
    let mut out = Vec::new();
    for row in 0..rows {
        let members: Vec<usize> = order.iter().copied().skip(row).step_by(rows).collect();
        let wants: Vec<f64> = members.iter().map(|&i| want_of(i)).collect();
        for (k, x) in spread(&wants, spacing, lo, hi).into_iter().enumerate() {
            out.push((members[k], 0, x, row));
        }
    }
    small_sort_by(&mut out, |a, b| (a.2, a.3) < (b.2, b.3));
    for (n, marker) in out.iter_mut().enumerate() {
        marker.1 = n + 1;
    }
    out
}

/// Positions at least `spacing` apart, in `[lo, hi]`, each as near its sorted `wants` as the
/// others allow: overlapping groups are merged and centred on their mean.
fn spread(wants: &[f64], spacing: f64, lo: f64, hi: f64) -> Vec<f64> {
    // (first index, count, centre)
    let mut groups: Vec<(usize, usize, f64)> = Vec::new();
    let width = |n: usize| (n.saturating_sub(1)) as f64 * spacing;
    for (i, w) in wants.iter().enumerate() {
        groups.push((i, 1, *w));
        while groups.len() > 1 {
            let (a, b) = (groups[groups.len() - 2], groups[groups.len() - 1]);
            let a_end = a.2 + width(a.1) / 2.0;
            let b_start = b.2 - width(b.1) / 2.0;
            if b_start - a_end >= spacing - 1e-9 {
                break;
            }
            let n = a.1 + b.1;
            let mean = wants[a.0..a.0 + n].iter().sum::<f64>() / n as f64;
            groups.truncate(groups.len() - 2);
            groups.push((a.0, n, mean));
        }
    }
    let mut out = Vec::with_capacity(wants.len());
    for (_, n, centre) in &groups {
        let start = centre - width(*n) / 2.0;
        for k in 0..*n {
            out.push(start + k as f64 * spacing);
        }
    }
    // Keep inside [lo, hi]: push right from the left edge, then left from the right edge.
    let mut floor = lo;
    for x in out.iter_mut() {
        *x = x.max(floor);
        floor = *x + spacing;
    }
    let mut ceiling = hi;
    for x in out.iter_mut().rev() {
        *x = x.min(ceiling);
        ceiling = *x - spacing;
    }
    out
}

/// A numbered marker: a filled disc in the band-label colour with its number in the background.
#[allow(clippy::too_many_arguments)]
pub(super) fn push_marker(
    shapes: &mut Vec<Shape>,
    fm: &FontMetrics,
    cx: f64,
    cy: f64,
    radius: f64,
    number: usize,
    palette: &Palette,
    size: f64,
) {
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
        size * 0.8
    } else {
        size * 0.95
    }
    .max(12.0);
    shapes.push(Shape::Text(text(
        fm,
        TextRole::Marker,
        digits,
        cx,
        cy,
        HAlign::Center,
        VAlign::Middle,
        size,
        true,
        palette.background,
    )));
}
