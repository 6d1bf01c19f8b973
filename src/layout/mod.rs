//! **layout/**: uses everything above it (text, time, spec, analysis). This file (the display
//! list), `scale` (linear and log value scales), `decimate` (M4 per pixel column) and
//! `presentation` (the host page's colours, font, locale and pixel ratio).
//!
//! Layout: from a validated spec and a size in CSS px to a display list (rectangles, lines,
//! circles, text) with every position decided: titles wrap, tick labels never overlap or
//! leave the chart, band labels and callouts stay inside the plot. Pure and deterministic;
//! `draw` turns the display list into backend calls, the web module and tests query it.

pub mod decimate;
mod pass;
pub mod presentation;
pub mod scale;

use pass::layout_pass;

use crate::analysis::{Impact, NotMeasured};
use crate::text::numtext::Limit;

use crate::layout::presentation::Presentation;
use crate::layout::scale::{log_ticks, value_ticks, LinearScale, ValueTicks};
use crate::spec::theme::{Palette, Rgba};
use crate::spec::{Axis, Spec, Theme};
use crate::text::i18n::Locale;
use crate::text::units::{format_tick, DisplayUnit, Unit};
use crate::text::{small_sort_by, FontMetrics};
use crate::time;

/// Horizontal anchor of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical anchor of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
    Bottom,
}

/// An axis-aligned rectangle in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// Right edge, px.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    /// Bottom edge, px.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    /// Whether two rectangles overlap, with `gap` px of required clearance.
    pub fn overlaps(&self, other: &Rect, gap: f64) -> bool {
        self.x < other.right() + gap
            && other.x < self.right() + gap
            && self.y < other.bottom() + gap
            && other.y < self.bottom() + gap
    }
}

/// What a text item is, so tests and the web layer can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Title,
    Subtitle,
    Legend,
    AxisUnit,
    ValueTick,
    TimeTick,
    BandLabel,
    Annotation,
    Source,
    Note,
    /// The key under the plot: a band's full label and verdict.
    Key,
    /// The number in a band's marker (above the plot and in the key).
    Marker,
}

/// One piece of text: anchor point, alignment, style.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    pub role: TextRole,
    pub text: String,
    /// Anchor, CSS px.
    pub x: f64,
    pub y: f64,
    pub h_align: HAlign,
    pub v_align: VAlign,
    /// Font size, CSS px.
    pub size: f64,
    pub bold: bool,
    pub color: Rgba,
    /// Advance width in the chart's font metrics, CSS px.
    pub width: f64,
    /// An outline in this colour around the glyphs (callouts over data), not a box.
    pub halo: Option<Rgba>,
}

impl TextItem {
    /// The box the text occupies (by the chart's font metrics), CSS px.
    pub fn bounds(&self) -> Rect {
        let width = self.width;
        let height = self.size * 1.2;
        let x = match self.h_align {
            HAlign::Left => self.x,
            HAlign::Center => self.x - width / 2.0,
            HAlign::Right => self.x - width,
        };
        let y = match self.v_align {
            VAlign::Top => self.y,
            VAlign::Middle => self.y - height / 2.0,
            VAlign::Bottom => self.y - height,
        };
        Rect {
            x,
            y,
            width,
            height,
        }
    }
}

/// One drawing instruction, in CSS px.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle (also used for crisp grid lines).
    Rect {
        rect: Rect,
        color: Rgba,
    },
    /// A polyline of at least two points.
    Line {
        points: Vec<(f64, f64)>,
        width: f64,
        color: Rgba,
    },
    /// A filled polygon.
    Polygon {
        points: Vec<(f64, f64)>,
        color: Rgba,
    },
    /// A circle; filled, or stroked with `width`.
    Circle {
        x: f64,
        y: f64,
        radius: f64,
        color: Rgba,
        filled: bool,
        width: f64,
    },
    Text(TextItem),
}

/// Where an outage band ended up, CSS px.
#[derive(Debug, Clone, PartialEq)]
pub struct BandBox {
    pub label: String,
    pub x0: f64,
    pub x1: f64,
    /// The box of its label (inline) or of its numbered marker, above the plot.
    pub label_box: Option<Rect>,
    /// A line tying the label or marker to the band: band end first.
    pub leader: Option<[(f64, f64); 2]>,
    /// The marker's number (also in the key), when bands are numbered.
    pub marker: Option<usize>,
}

/// A value axis as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub side: Axis,
    pub unit: DisplayUnit,
    /// On a log axis the scale's domain is in log10 units.
    pub scale: LinearScale,
    pub ticks: ValueTicks,
    pub log: bool,
}

impl ValueAxis {
    /// The y of a value in the display unit (on a log axis, nothing at or below zero exists:
    /// it sits on the axis' foot).
    pub fn y(&self, value: f64) -> f64 {
        if !self.log {
            return self.scale.map(value);
        }
        if value > 0.0 {
            self.scale.map(value.log10())
        } else {
            self.scale.range.0
        }
    }
}

/// The chart, positioned.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Size, CSS px.
    pub width: f64,
    pub height: f64,
    pub theme: Theme,
    pub palette: Palette,
    /// The plot area (inside the axes), CSS px.
    pub plot: Rect,
    /// Time (Unix ms) to x in CSS px.
    pub time_scale: LinearScale,
    pub axes: Vec<ValueAxis>,
    pub bands: Vec<BandBox>,
    pub shapes: Vec<Shape>,
    /// The font stack every text is drawn in.
    pub font_family: String,
    /// How the bands are labelled.
    pub band_mode: BandMode,
    /// Where a read-out time is drawn: its time plus this (half a day for daily data).
    pub point_offset_ms: i64,
}

impl Layout {
    /// Every text item, in drawing order.
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
    }

    /// The value axis a series is drawn against.
    pub fn axis(&self, side: Axis) -> Option<&ValueAxis> {
        self.axes.iter().find(|a| a.side == side)
    }
}

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

/// What a layout needs of the spec whatever its size: the measured impacts, rolling means,
/// counterfactuals and notes (in the locale's words), and the value axes' plans. Computed once
/// per layout call natively, and once per data and locale by the web core, which keeps it
/// across resizes, theme changes and pointer moves.
pub struct Prepared {
    analysis: Analysis,
    axes: Vec<AxisPlan>,
}

impl Prepared {
    /// The expected ranges drawn (the simulated outages' counterfactuals).
    pub fn expected_ranges(&self) -> &[ExpectedRange] {
        &self.analysis.counterfactuals
    }

    /// The analysis of `spec` in `presentation`'s locale.
    pub fn of(spec: &Spec, presentation: &Presentation) -> Prepared {
        Prepared::with(spec, presentation, &crate::analysis::spec_impacts(spec))
    }

    /// `of`, with the spec's impacts (`analysis::spec_impacts`) computed by the caller, which
    /// shares them with the summary and `impact()` instead of measuring them again.
    pub fn with(
        spec: &Spec,
        presentation: &Presentation,
        impacts: &[Result<Impact, NotMeasured>],
    ) -> Prepared {
        Prepared {
            analysis: Analysis::of(spec, presentation, impacts),
            axes: value_axes(spec),
        }
    }
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
struct BandWords {
    label: String,
    verdict: Option<String>,
    /// The band's key line: "Label: −0.4%, within normal … (plausible range …)".
    key: String,
}

/// A label block above the plot (inline mode).
struct Block {
    outage: usize,
    /// Left edge of the block.
    x: f64,
    width: f64,
    lines: Vec<(String, bool)>,
    /// Anchored at the band's end (text set right) rather than its start.
    right_aligned: bool,
}

/// Band x-range on `scale`, clamped to it and at least 2 px wide.
fn band_range(o: &crate::spec::Outage, scale: &LinearScale) -> (f64, f64) {
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
fn inline_blocks(
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
fn place_markers(spec: &Spec, scale: &LinearScale, radius: f64) -> Vec<(usize, usize, f64, usize)> {
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

/// At most `max` lines: beyond that the last kept line ends in "…". Only a text too long for
/// the chart at any size (a pathological title) is cut; the full text is in the chart's
/// spoken summary and the data table caption.
fn cap_lines(
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

/// A numbered marker: a filled disc in the band-label colour with its number in the background.
#[allow(clippy::too_many_arguments)]
fn push_marker(
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

/// Half a point's period when points stand for a day or more (daily, weekly, monthly values
/// are drawn at the middle of their period), else 0 (instants).
pub fn half_period_ms(times: &[i64]) -> i64 {
    if times.len() < 2 {
        return 0;
    }
    let spacing = crate::analysis::point_spacing_ms(times);
    if spacing >= time::MS_PER_DAY {
        spacing / 2
    } else {
        0
    }
}

/// Whether the polyline (x ascending, as series, M4 output and dashes are) comes within `pad`
/// px of the rectangle.
pub fn polyline_hits_rect(points: &[(f64, f64)], r: &Rect, pad: f64) -> bool {
    let (x0, x1, y0, y1) = (r.x - pad, r.right() + pad, r.y - pad, r.bottom() + pad);
    // Points are in x order for series: skip to the segments that reach the box.
    let start = points.partition_point(|p| p.0 < x0).saturating_sub(1);
    for pair in points[start..].windows(2) {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        if ax > x1 {
            break; // x ascending: nothing further reaches the box
        }
        if segment_hits_box((ax, ay), (bx, by), (x0, y0, x1, y1)) {
            return true;
        }
    }
    false
}

/// Liang–Barsky: whether the segment a–b meets the box (x0, y0, x1, y1).
fn segment_hits_box(a: (f64, f64), b: (f64, f64), (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0 = 0.0f64;
    let mut t1 = 1.0f64;
    for (p, q) in [
        (-dx, a.0 - x0),
        (dx, x1 - a.0),
        (-dy, a.1 - y0),
        (dy, y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

#[allow(clippy::too_many_arguments)]
fn text(
    fm: &FontMetrics,
    role: TextRole,
    text: String,
    x: f64,
    y: f64,
    h_align: HAlign,
    v_align: VAlign,
    size: f64,
    bold: bool,
    color: Rgba,
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

pub use crate::spec::{outage_label, outage_label_in};

struct AxisPlan {
    side: Axis,
    unit: DisplayUnit,
    /// Extent of the data in display units, already widened to include zero where that is honest.
    min: f64,
    max: f64,
    label: String,
}

/// A value tick's label: on a log hash-rate axis each power of ten in the unit that reads
/// best for it ("1 MH/s", "100 EH/s"), else the number at the axis' step.
fn tick_label(value: f64, ticks: &ValueTicks, unit: &DisplayUnit, log: bool) -> String {
    if !log {
        return format_tick(value, ticks.step);
    }
    match unit.unit {
        Unit::HashRate(_) => crate::text::units::format_readable(value, unit),
        _ => crate::text::units::format_significant(value, 3),
    }
}

/// The words over a value axis: its unit, or on a log scale "log scale" (the ticks carry
/// their units) or the unit and "log scale".
fn axis_header(unit: &DisplayUnit, log: bool, locale: &crate::text::i18n::Locale) -> String {
    match (log, &unit.unit) {
        (false, _) => unit.label.clone(),
        (true, Unit::HashRate(_)) => locale.text("axis.log").to_string(),
        (true, _) if unit.label.is_empty() => locale.text("axis.log").to_string(),
        (true, _) => locale.fill("axis.unitLog", &[("unit", &unit.label)]),
    }
}

/// One value axis per side that has series: a shared display unit and the data extent.
fn value_axes(spec: &Spec) -> Vec<AxisPlan> {
    let mut plans = Vec::new();
    for side in [Axis::Left, Axis::Right] {
        let on_side: Vec<_> = spec.series.iter().filter(|s| s.axis == side).collect();
        let Some(first) = on_side.first() else {
            continue;
        };
        let mut min = f64::INFINITY;
        let mut max = f64::NEG_INFINITY;
        for s in &on_side {
            let factor = s.unit.to_base_factor();
            for v in s.values.iter().flatten() {
                let base = v * factor;
                if base.is_finite() {
                    min = min.min(base);
                    max = max.max(base);
                }
            }
        }
        // The rule of analysis::display_unit_of (which the table, read-out, impacts and summary
        // use), from the extent this pass has already found; a test checks they agree.
        let max_abs = if min.is_finite() {
            min.abs().max(max.abs())
        } else {
            0.0
        };
        let unit = DisplayUnit::choose(&first.unit, max_abs);
        let (mut lo, mut hi) = if min.is_finite() {
            (min / unit.divisor, max / unit.divisor)
        } else {
            (0.0, 1.0)
        };
        match first.unit {
            // A log axis spans the data: zero is not on it.
            _ if spec.options.log_scale => {}
            // A hash rate or a share reads against zero: a 3 % wobble should look like one.
            Unit::HashRate(_) => lo = lo.min(0.0),
            Unit::Percent => {
                lo = lo.min(0.0);
                if hi <= 100.0 && hi > 0.0 {
                    hi = 100.0;
                }
            }
            Unit::Other(_) => {}
        }
        if !lo.is_finite() || !hi.is_finite() {
            lo = lo.limit(-f64::MAX, f64::MAX);
            hi = hi.limit(-f64::MAX, f64::MAX);
        }
        let label = unit.label.clone();
        plans.push(AxisPlan {
            side,
            unit,
            min: lo,
            max: hi,
            label,
        });
    }
    plans
}

/// The time span shown: all data, outages and annotations, so none is silently off-chart.
pub fn time_domain(spec: &Spec) -> (i64, i64) {
    let mut t0 = i64::MAX;
    let mut t1 = i64::MIN;
    for s in &spec.series {
        if let (Some(first), Some(last)) = (s.times_ms.first(), s.times_ms.last()) {
            t0 = t0.min(*first);
            t1 = t1.max(*last);
        }
    }
    for o in &spec.outages {
        t0 = t0.min(o.start_ms);
        t1 = t1.max(o.end_ms);
    }
    for a in &spec.annotations {
        t0 = t0.min(a.at_ms);
        t1 = t1.max(a.at_ms);
    }
    if t0 > t1 {
        return (0, time::MS_PER_DAY);
    }
    if t0 == t1 {
        return (t0 - time::MS_PER_DAY / 2, t1 + time::MS_PER_DAY / 2);
    }
    (t0, t1)
}

/// The time span drawn: `time_domain`, widened to the end of the last point's period (a
/// daily value stands for its whole day and is drawn at its middle).
pub fn drawn_time_domain(spec: &Spec) -> (i64, i64) {
    let (t0, mut t1) = time_domain(spec);
    for s in &spec.series {
        if let Some(last) = s.times_ms.last() {
            t1 = t1.max(last.saturating_add(2 * half_period_ms(&s.times_ms)));
        }
    }
    (t0, t1)
}

/// Linear interpolation of a series at `t` (None in a gap or outside the data).
pub fn value_at(times: &[i64], values: &[Option<f64>], t: i64) -> Option<f64> {
    let i = times.partition_point(|&x| x < t);
    let exact = times.get(i).filter(|&&x| x == t);
    if exact.is_some() {
        return values.get(i).copied().flatten();
    }
    if i == 0 || i >= times.len() {
        return None;
    }
    let (ta, tb) = (*times.get(i - 1)?, *times.get(i)?);
    let (va, vb) = (
        values.get(i - 1).copied().flatten()?,
        values.get(i).copied().flatten()?,
    );
    let f = (t - ta) as f64 / (tb - ta) as f64;
    Some(va + (vb - va) * f)
}

type PlacedTick = (time::TimeTick, Rect, Option<Rect>);

/// Time ticks whose labels fit: the most ticks whose label boxes do not overlap and stay
/// inside the chart, falling back to dropping colliding labels.
fn time_tick_labels(
    presentation: &Presentation,
    (t0, t1): (i64, i64),
    offset: &time::Zone,
    scale: &LinearScale,
    chart_width: f64,
    pad: f64,
    size: f64,
) -> Vec<PlacedTick> {
    let plot_width = scale.range.1 - scale.range.0;
    let mut max_ticks = ((plot_width / 48.0).floor() as usize).clamp(2, 24);
    // Clock times mean nothing without their zone: name it on the first tick's second line.
    let zone = offset.label();
    let place = |mut ticks: Vec<time::TimeTick>| -> Vec<PlacedTick> {
        if let Some(first) = ticks.first_mut().filter(|t| t.label.contains(':')) {
            first.context = Some(match first.context.take() {
                Some(context) => format!("{context} {zone}"),
                None => zone.clone(),
            });
        }
        ticks
            .into_iter()
            .map(|tick| {
                let x = scale.map(tick.ms as f64);
                let place_box = |s: &str| {
                    let w = presentation.metrics.width(s, size, false);
                    let left = (x - w / 2.0).limit(pad, (chart_width - pad - w).max(pad));
                    Rect {
                        x: left,
                        y: 0.0,
                        width: w,
                        height: size,
                    }
                };
                let label_box = place_box(&tick.label);
                let context_box = tick.context.as_deref().map(place_box);
                (tick, label_box, context_box)
            })
            .collect()
    };
    let fits = |placed: &[PlacedTick]| {
        placed.windows(2).all(|pair| {
            let (a, b) = (&pair[0], &pair[1]);
            let labels_clear = a.1.right() + 10.0 <= b.1.x;
            // Contexts may be sparse: compare each with the next one present.
            labels_clear
        }) && {
            let contexts: Vec<&Rect> = placed.iter().filter_map(|p| p.2.as_ref()).collect();
            contexts
                .windows(2)
                .all(|pair| pair[0].right() + 10.0 <= pair[1].x)
        }
    };
    loop {
        let placed = place(time::time_ticks(
            t0,
            t1,
            offset,
            max_ticks,
            &presentation.locale,
        ));
        if fits(&placed) || max_ticks <= 2 {
            if fits(&placed) {
                return placed;
            }
            // Even two ticks collide (a very narrow chart): keep the labels that fit.
            let mut kept: Vec<PlacedTick> = Vec::new();
            for p in placed {
                let clear = kept.last().is_none_or(|k| k.1.right() + 10.0 <= p.1.x);
                if clear {
                    kept.push(p);
                }
            }
            return kept;
        }
        max_ticks -= 1;
    }
}

/// Stacks `lines` upwards from `bottom` at the chart's left margin; returns the new bottom.
fn push_footer_lines(
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
            role,
            line,
            m.pad,
            top + line_height * i as f64 + 2.0,
            HAlign::Left,
            VAlign::Top,
            m.small,
            false,
            color,
        )));
    }
    top
}

/// Adds a series as lines broken at gaps; a lone value between gaps becomes a dot.
fn push_series(
    shapes: &mut Vec<Shape>,
    times: &[i64],
    values: &[Option<f64>],
    to_xy: impl Fn(&i64, &f64) -> (f64, f64),
    (color, width): (Rgba, f64),
    pixel_ratio: f64,
) {
    use crate::layout::decimate::M4;
    // Each run of values between gaps is decimated as it is mapped (at most ~4 vertices per
    // device-pixel column, drawn the same), so a long series is never held whole in pixels.
    let flush = |segment: M4, shapes: &mut Vec<Shape>| {
        let count = segment.count();
        let points = segment.finish();
        match count {
            0 => {}
            1 => shapes.push(Shape::Circle {
                x: points[0].0,
                y: points[0].1,
                radius: width * 1.25,
                color,
                filled: true,
                width: 0.0,
            }),
            _ => shapes.push(Shape::Line {
                points,
                width,
                color,
            }),
        }
    };
    let mut segment = M4::new(pixel_ratio);
    for (t, v) in times.iter().zip(values.iter()) {
        match v {
            Some(v) => {
                let (x, y) = to_xy(t, v);
                segment.push(x, y);
            }
            None => flush(
                std::mem::replace(&mut segment, M4::new(pixel_ratio)),
                shapes,
            ),
        }
    }
    flush(segment, shapes);
}

/// Splits a polyline into dashes of `dash` px with `gap` px between them.
fn dashed(points: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut drawing = true;
    let mut left = dash;
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let length = ((x1 - x0).powi(2) + (y1 - y0).powi(2)).sqrt();
        let mut at = 0.0;
        if drawing && current.is_empty() {
            current.push((x0, y0));
        }
        while length - at > left {
            at += left;
            let f = at / length;
            let p = (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f);
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
            } else {
                current.push(p);
            }
            drawing = !drawing;
            left = if drawing { dash } else { gap };
        }
        left -= length - at;
        if drawing {
            current.push((x1, y1));
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum LegendKind {
    Line,
    /// The counterfactual: its range as an area, its expected line dashed over it.
    Expected(Rgba),
}

struct LegendItem {
    kind: LegendKind,
    color: Rgba,
    label: String,
}

fn legend_items(
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

/// What the analysis adds to the drawing: impact texts per band, rolling means per series,
/// counterfactual bands, and notes.
struct Analysis {
    /// Per outage: the impact in plain words for the first hash-rate series, (label, key
    /// entry) in full and, for a squeezed chart, without the detectable loss.
    band_texts: Vec<Option<[(String, String); 2]>>,
    /// Per series: the rolling mean, when asked for.
    rolling: Vec<Option<Vec<Option<f64>>>>,
    counterfactuals: Vec<ExpectedRange>,
    notes: Vec<String>,
    /// With several outages measured, how often chance alone gives one a "possible" verdict:
    /// shown above the other notes unless the chart is squeezed (the summary keeps it).
    chance_note: Option<String>,
}

/// What the hash rate would have shown had an outage's `share` gone dark (a simulated
/// outage's counterfactual): per point over the outage and one either side, its expected value
/// and the 95 % range a point falls in then. Drawn as the expected line and its shaded range,
/// and said in the summary, the data table and the read-out (`expected_ranges`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRange {
    pub outage: usize,
    pub series: usize,
    pub share: f64,
    /// The impact's display unit ("EH/s").
    pub unit: String,
    /// (time ms, expected, upper, lower) in `unit`.
    pub points: Vec<(i64, f64, f64, f64)>,
}

impl ExpectedRange {
    /// Its share and its range's level ("13.2%", "95%") in `locale`'s style, for its words.
    pub fn share_and_level_in(&self, locale: &Locale) -> (String, String) {
        let share = crate::text::units::format_significant(self.share * 100.0, 3) + "%";
        (locale.number(&share), locale.number("95%"))
    }

    /// Its label ("Expected if 13.2% had gone dark") in `locale`'s words.
    pub fn label_in(&self, locale: &Locale) -> String {
        let (share, _) = self.share_and_level_in(locale);
        locale.fill("expected.label", &[("share", &share)])
    }

    /// (expected, low, high) at the point of time `t_ms`, if the range has one there.
    pub fn at(&self, t_ms: i64) -> Option<(f64, f64, f64)> {
        let i = self.points.binary_search_by_key(&t_ms, |p| p.0).ok()?;
        let (_, expected, high, low) = self.points[i];
        Some((expected, low, high))
    }
}

/// The expected ranges of the outages with a `share` that went dark, on the first hash-rate
/// series, from its measured impacts (`analysis::spec_impacts`).
pub fn expected_ranges(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> Vec<ExpectedRange> {
    let mut ranges = Vec::new();
    let Some(si) = spec.series.iter().position(|s| s.unit.is_hash_rate()) else {
        return ranges;
    };
    let series = &spec.series[si];
    let spacing = crate::analysis::point_spacing_ms(&series.times_ms);
    for (oi, outage) in spec.outages.iter().enumerate() {
        let impact = results
            .iter()
            .find_map(|r| r.as_ref().ok().filter(|i| i.series == si && i.outage == oi));
        let (Some(share), Some(impact)) = (outage.share, impact) else {
            continue;
        };
        // Each point covers [t, t + spacing); include one point either side at f = 0.
        let fractions: Vec<f64> = series
            .times_ms
            .iter()
            .map(|&t| {
                let o = (t.saturating_add(spacing)).min(outage.end_ms) - t.max(outage.start_ms);
                o.max(0) as f64 / spacing as f64
            })
            .collect();
        let Some(first) = fractions.iter().position(|f| *f > 0.0) else {
            continue;
        };
        let last = fractions.iter().rposition(|f| *f > 0.0).unwrap_or(first);
        let from = first.saturating_sub(1);
        let to = (last + 1).min(series.times_ms.len() - 1);
        let points = (from..=to)
            .map(|i| {
                // The impact's own counterfactual, less the share that went dark, and the
                // range of the verdict's own interval (analysis::expected_range).
                let online = 1.0 - share * fractions[i];
                let (expected, low, high) =
                    impact.expected_range(series.times_ms[i] + spacing / 2, online);
                (series.times_ms[i], expected, high, low)
            })
            .collect();
        ranges.push(ExpectedRange {
            outage: oi,
            series: si,
            share,
            unit: impact.unit.clone(),
            points,
        });
    }
    ranges
}

impl Analysis {
    fn of(
        spec: &Spec,
        presentation: &Presentation,
        results: &[Result<Impact, NotMeasured>],
    ) -> Analysis {
        use crate::analysis::{chance_note_in, describe_band_in, rolling_mean};
        let primary = spec.series.iter().position(|s| s.unit.is_hash_rate());
        let primary_impact = |outage: usize| {
            results.iter().find_map(|r| {
                r.as_ref()
                    .ok()
                    .filter(|i| Some(i.series) == primary && i.outage == outage)
            })
        };
        let band_texts = (0..spec.outages.len())
            .map(|o| {
                if !spec.options.impact {
                    return None;
                }
                // In the reader's words, each number in their style.
                primary_impact(o).map(|i| {
                    [
                        describe_band_in(i, &presentation.locale, true),
                        describe_band_in(i, &presentation.locale, false),
                    ]
                })
            })
            .collect();
        let rolling = spec
            .series
            .iter()
            .map(|s| {
                spec.options.rolling_average_days.map(|days| {
                    rolling_mean(&s.times_ms, &s.values, days, spec.options.rolling_centred)
                })
            })
            .collect();

        let counterfactuals = expected_ranges(spec, results);

        let mut notes = Vec::new();
        if let Some(days) = spec.options.rolling_average_days {
            let window = i64::from(days) * time::MS_PER_DAY;
            let shortest = spec.outages.iter().min_by_key(|o| o.end_ms - o.start_ms);
            if let Some(outage) = shortest.filter(|o| o.end_ms - o.start_ms < window) {
                let duration = outage.end_ms - outage.start_ms;
                let dilution = duration as f64 / window as f64;
                let words = &presentation.locale;
                let align = words.text(if spec.options.rolling_centred {
                    "rolling.centred"
                } else {
                    "rolling.trailing"
                });
                let percent = |x: f64, digits: usize| {
                    presentation
                        .localize_number(&(crate::text::numtext::fixed(x * 100.0, digits) + "%"))
                };
                let mut note = words.fill(
                    "note.rolling",
                    &[
                        ("days", &days.to_string()),
                        ("align", align),
                        ("label", &outage_label_in(outage, words)),
                        ("duration", &time::format_duration(duration, words)),
                        ("dilution", &percent(dilution, 0)),
                    ],
                );
                if let Some(share) = outage.share {
                    note.push_str(&words.fill(
                        "note.rollingLoss",
                        &[
                            ("loss", &percent(share, 1)),
                            ("shown", &percent(share * dilution, 1)),
                        ],
                    ));
                }
                note.push_str(words.text("note.end"));
                notes.push(note);
            }
        }
        // Several outages measured: how often chance alone gives one a "possible" verdict.
        let chance_note = primary
            .filter(|_| spec.options.impact)
            .and_then(|si| chance_note_in(results, si, &presentation.locale))
            .map(|note| note + presentation.locale.text("note.end"));
        Analysis {
            band_texts,
            rolling,
            counterfactuals,
            notes,
            chance_note,
        }
    }
}
