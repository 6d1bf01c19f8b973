//! **layout/**: uses everything above it (text, time, spec, analysis). This file (the display
//! list), `scale` (linear and log value scales), `decimate` (M4 per pixel column) and
//! `presentation` (the host page's colours, font, locale and pixel ratio).
//!
//! Layout: from a validated spec and a size in CSS px to a display list (rectangles, lines,
//! circles, text) with every position decided: titles wrap, tick labels never overlap or
//! leave the chart, band labels and callouts stay inside the plot. Pure and deterministic;
//! `draw` turns the display list into backend calls, the web module and tests query it.

pub mod decimate;
pub mod presentation;
pub mod scale;

use crate::text::numtext::Limit;

use crate::layout::presentation::Presentation;
use crate::layout::scale::{log_ticks, value_ticks, LinearScale, ValueTicks};
use crate::spec::theme::{Palette, Rgba};
use crate::spec::{Axis, Spec, Theme};
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
}

impl Metrics {
    fn for_width(width: f64) -> Metrics {
        if width < 480.0 {
            Metrics {
                pad: 10.0,
                title: 17.0,
                subtitle: 13.0,
                legend: 12.0,
                tick: 11.5,
                small: 11.0,
                line_width: 2.0,
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
    for _ in 0..8 {
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
    /// The analysis of `spec` in `presentation`'s locale.
    pub fn of(spec: &Spec, presentation: &Presentation) -> Prepared {
        Prepared {
            analysis: Analysis::of(spec, presentation),
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

#[allow(clippy::too_many_lines, clippy::too_many_arguments)]
fn layout_pass(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
    force_markers: bool,
    squeeze: u8,
    prepared: &Prepared,
) -> Result<Layout, ()> {
    // Most lines the title, subtitle and footer texts may take at this squeeze level.
    let most = |share: f64, line: f64, squeezed: [usize; 2]| -> usize {
        let by_height = ((height * share / line).floor() as usize).max(2);
        match squeeze {
            // Unsqueezed, a text takes the lines it needs up to a dozen (only a pathological
            // one is cut; a chart too short for its texts squeezes them below).
            0 => by_height.max(12),
            1 => by_height.min(squeezed[0]),
            _ => by_height.min(squeezed[1]),
        }
    };
    let width = if width.is_finite() {
        width.max(MIN_WIDTH)
    } else {
        MIN_WIDTH
    };
    let height = if height.is_finite() {
        height.max(MIN_HEIGHT)
    } else {
        MIN_HEIGHT
    };
    let fm = &presentation.metrics;
    let m = Metrics::for_width(width);
    let palette = presentation.palette(theme);
    let offset = &spec.options.time_zone;
    let mut shapes = vec![Shape::Rect {
        rect: Rect {
            x: 0.0,
            y: 0.0,
            width,
            height,
        },
        color: palette.background,
    }];
    let mut texts_placed: Vec<Rect> = Vec::new();
    let content_width = width - 2.0 * m.pad;
    let t = |role, s: String, x, y, h, v, size, bold, color| {
        Shape::Text(text(fm, role, s, x, y, h, v, size, bold, color))
    };

    // Header: title, subtitle, legend; every word kept, wrapped to as many lines as needed.
    let mut y = m.pad;
    // (text, role, size, bold, colour, line height, share of the height, squeezed line caps)
    let header = [
        (
            &spec.title,
            TextRole::Title,
            m.title,
            true,
            palette.text,
            1.25,
            0.25,
            [2, 1],
        ),
        (
            &spec.subtitle,
            TextRole::Subtitle,
            m.subtitle,
            false,
            palette.muted_text,
            1.3,
            0.2,
            [1, 1],
        ),
    ];
    for (text, role, size, bold, color, leading, share, squeezed) in header {
        let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        let max = most(share, size * leading, squeezed);
        let lines = fm.wrap(text, size, bold, content_width);
        for line in cap_lines(fm, lines, max, size, bold, content_width) {
            shapes.push(t(
                role,
                line,
                m.pad,
                y,
                HAlign::Left,
                VAlign::Top,
                size,
                bold,
                color,
            ));
            y += size * leading;
        }
        if role == TextRole::Title {
            y += 2.0;
        }
    }
    y += 6.0;

    let two_axes = spec.series.iter().any(|s| s.axis == Axis::Right)
        && spec.series.iter().any(|s| s.axis == Axis::Left);
    let Prepared { analysis, axes } = prepared;
    let legend = legend_items(spec, analysis, &palette, two_axes, presentation);
    if legend.len() > 1 {
        let row_height = m.legend * 1.5;
        let mut x = m.pad;
        let swatch = 16.0;
        for item in legend {
            let lines = fm.wrap(&item.label, m.legend, false, content_width - swatch - 6.0);
            let item_width = swatch
                + 6.0
                + lines
                    .iter()
                    .map(|l| fm.width(l, m.legend, false))
                    .fold(0.0, f64::max);
            if x > m.pad && x + item_width > width - m.pad {
                x = m.pad;
                y += row_height;
            }
            let mid = y + row_height / 2.0;
            match item.kind {
                LegendKind::Line => shapes.push(Shape::Rect {
                    rect: Rect {
                        x,
                        y: mid - 1.5,
                        width: swatch,
                        height: 3.0,
                    },
                    color: item.color,
                }),
                LegendKind::Expected(line) => {
                    shapes.push(Shape::Rect {
                        rect: Rect {
                            x,
                            y: mid - 5.0,
                            width: swatch,
                            height: 10.0,
                        },
                        color: item.color,
                    });
                    for dx in [0.0, 9.0] {
                        shapes.push(Shape::Rect {
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
            let extra_lines = lines.len().saturating_sub(1) as f64;
            for (k, line) in lines.into_iter().enumerate() {
                shapes.push(t(
                    TextRole::Legend,
                    line,
                    x + swatch + 6.0,
                    mid + k as f64 * m.legend * 1.25,
                    HAlign::Left,
                    VAlign::Middle,
                    m.legend,
                    false,
                    palette.text,
                ));
            }
            x += item_width + 18.0;
            if extra_lines > 0.0 {
                // A wrapped item takes the row to itself.
                y += extra_lines * m.legend * 1.25;
                x = width;
            }
        }
        y += row_height + 4.0;
    }

    // Axis unit labels sit in a row above the plot, over their axis.
    let unit_row = m.tick * 1.5;
    let any_unit = axes.iter().any(|a| !a.label.is_empty());
    let unit_row_y = y;
    if any_unit {
        y += unit_row;
    }
    let header_bottom = y;

    // Footer: source line(s) at the very bottom, notes above them.
    let mut bottom = height - m.pad;
    let words = &presentation.locale;
    let mut footer = crate::spec::provenance::source_line_in(spec, words).unwrap_or_default();
    if spec.options.provenance {
        let digest = crate::spec::provenance::data_sha256(spec);
        let short = digest.get(..16).unwrap_or(&digest);
        footer = format!(
            "{footer}{}{}",
            if footer.is_empty() { "" } else { " · " },
            words.fill("footer.sha", &[("digest", short)])
        );
    }
    if !footer.is_empty() {
        let max = most(0.15, m.small * 1.35, [1, 1]);
        let lines = fm.wrap(&footer, m.small, false, content_width);
        let lines = cap_lines(fm, lines, max, m.small, false, content_width);
        bottom = push_footer_lines(
            &mut shapes,
            fm,
            lines,
            TextRole::Source,
            palette.muted_text,
            bottom,
            &m,
        ) - 6.0;
    }
    let note_lines: Vec<String> = analysis
        .notes
        .iter()
        .flat_map(|note| {
            let max = most(0.15, m.small * 1.35, [3, 2]);
            let lines = fm.wrap(note, m.small, false, content_width);
            cap_lines(fm, lines, max, m.small, false, content_width)
        })
        .collect();
    if !note_lines.is_empty() {
        bottom = push_footer_lines(
            &mut shapes,
            fm,
            note_lines,
            TextRole::Note,
            palette.band_text,
            bottom,
            &m,
        ) - 4.0;
    }

    // Band labels: above their bands when they all fit there, else numbered markers and a key.
    let words: Vec<BandWords> = spec
        .outages
        .iter()
        .enumerate()
        .map(|(i, o)| BandWords {
            label: outage_label_in(o, &presentation.locale),
            verdict: analysis.band_texts.get(i).cloned().flatten().map(|t| t.0),
            key: match analysis.band_texts.get(i).cloned().flatten() {
                Some((_, list)) => presentation.locale.fill(
                    "band.key",
                    &[
                        ("label", &outage_label_in(o, &presentation.locale)),
                        ("verdict", &list),
                    ],
                ),
                None => outage_label_in(o, &presentation.locale),
            },
        })
        .collect();
    let (t0, t1) = drawn_time_domain(spec);
    let right_axis = spec.series.iter().any(|s| s.axis == Axis::Right);
    let trial_scale = LinearScale {
        domain: (t0 as f64, t1 as f64),
        range: (
            m.pad + 48.0,
            width - m.pad - if right_axis { 48.0 } else { 4.0 },
        ),
    };
    let line_h = m.small * 1.3;
    let tick_row = m.tick * 1.35;
    let time_axis_height = 6.0 + tick_row * 2.0;
    let radius = (m.small * 0.75).round();
    let mut mode = if spec.outages.is_empty() {
        BandMode::None
    } else {
        BandMode::Markers
    };
    let mut strip_height = 0.0;
    if !spec.outages.is_empty() && !force_markers {
        let max_lines = if width < 480.0 { 3 } else { 4 };
        if let Some(blocks) = inline_blocks(
            spec,
            &words,
            &trial_scale,
            fm,
            m.small,
            width - m.pad,
            max_lines,
        ) {
            let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
            let strip = lines * line_h + 6.0;
            let room = bottom - time_axis_height - header_bottom;
            // What numbering would cost instead: a row of markers and the key's lines.
            let key_lines: usize = words
                .iter()
                .map(|w| {
                    fm.wrap(&w.key, m.small, false, content_width - 2.0 * radius - 6.0)
                        .len()
                })
                .sum();
            let markers_cost =
                2.0 * radius + 8.0 + key_lines as f64 * line_h + 4.0 * words.len() as f64;
            // Inline labels may take at most a fifth of the room the plot has, unless numbering
            // would take more.
            if strip <= room * 0.2 || strip <= markers_cost {
                mode = BandMode::Inline;
                strip_height = strip;
            }
        }
    }
    let mut key_entries: Vec<(usize, usize, Vec<String>)> = Vec::new();
    if mode == BandMode::Markers {
        // On a second try the trial plot is taken narrower, so the rows reserved suffice.
        let marker_scale = if force_markers {
            LinearScale {
                domain: trial_scale.domain,
                range: (trial_scale.range.0 + 40.0, trial_scale.range.1 - 20.0),
            }
        } else {
            trial_scale
        };
        let markers = place_markers(spec, &marker_scale, radius);
        let rows = markers.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
        strip_height = rows * (2.0 * radius + 3.0) + 5.0;
        let indent = 2.0 * radius + 6.0;
        let mut by_number = markers.clone();
        small_sort_by(&mut by_number, |a, b| a.1 < b.1);
        for (outage, number, _, _) in by_number {
            let w = &words[outage];
            // "Label: −0.4%, within normal day-to-day variation (plausible range …)".
            let entry = w.key.clone();
            // A pathological label is cut after four lines; the tooltip and table hold it whole.
            let lines = fm.wrap(&entry, m.small, false, content_width - indent);
            key_entries.push((
                outage,
                number,
                cap_lines(fm, lines, 4, m.small, false, content_width - indent),
            ));
        }
        let key_height: f64 = key_entries
            .iter()
            .map(|(_, _, lines)| lines.len().max(1) as f64 * line_h + 4.0)
            .sum();
        bottom -= key_height + 4.0;
    }

    let plot_top = header_bottom + strip_height;
    let plot_bottom = (bottom - time_axis_height).max(plot_top + 40.0);
    let plot_height = plot_bottom - plot_top;
    // The top tick label is centred on the top grid line: keep it inside the plot.
    let data_top = plot_top + m.tick * 0.75;

    // Value axes: ticks depend on the plot height; their label widths set the plot width.
    let tick_count = ((plot_bottom - data_top) / 42.0).floor().limit(2.0, 8.0) as usize;
    let mut value_axes_laid: Vec<ValueAxis> = Vec::new();
    let mut left_width = 0.0f64;
    let mut right_width = 0.0f64;
    let log = spec.options.log_scale;
    for axis in axes {
        let ticks = if log {
            log_ticks(axis.min, axis.max, tick_count)
        } else {
            value_ticks(axis.min, axis.max, tick_count)
        };
        let widest = ticks
            .values
            .iter()
            .map(|v| {
                fm.width(
                    &presentation.localize_number(&tick_label(*v, &ticks, &axis.unit, log)),
                    m.tick,
                    false,
                )
            })
            .fold(0.0, f64::max);
        let needed = widest.max(
            fm.width(
                &axis_header(&axis.unit, log, &presentation.locale),
                m.tick,
                true,
            ) - 4.0,
        ) + 8.0;
        match axis.side {
            Axis::Left => left_width = needed,
            Axis::Right => right_width = needed,
        }
        value_axes_laid.push(ValueAxis {
            side: axis.side,
            unit: axis.unit.clone(),
            scale: LinearScale {
                domain: ticks.domain,
                range: (plot_bottom, data_top),
            },
            ticks,
            log,
        });
    }
    let plot_x = m.pad + left_width;
    let plot_right = width - m.pad - if right_width > 0.0 { right_width } else { 4.0 };
    let plot = Rect {
        x: plot_x,
        y: plot_top,
        width: (plot_right - plot_x).max(20.0),
        height: plot_height,
    };
    let time_scale = LinearScale {
        domain: (t0 as f64, t1 as f64),
        range: (plot.x, plot.right()),
    };

    // Grid and value tick labels.
    for axis in &value_axes_laid {
        // In a very short plot, label every other tick rather than stack labels.
        let mut last_label_y = f64::INFINITY;
        for v in &axis.ticks.values {
            let py = axis.y(*v).round();
            let label_clear = (last_label_y - py).abs() >= m.tick * 1.3;
            if axis.side == Axis::Left || !value_axes_laid.iter().any(|a| a.side == Axis::Left) {
                let color = if *v == 0.0 {
                    palette.baseline
                } else {
                    palette.grid
                };
                shapes.push(Shape::Rect {
                    rect: Rect {
                        x: plot.x,
                        y: py - 0.5,
                        width: plot.width,
                        height: 1.0,
                    },
                    color,
                });
            }
            if !label_clear {
                continue;
            }
            last_label_y = py;
            let label =
                presentation.localize_number(&tick_label(*v, &axis.ticks, &axis.unit, axis.log));
            let (x, align) = match axis.side {
                Axis::Left => (plot.x - 6.0, HAlign::Right),
                Axis::Right => (plot.right() + 6.0, HAlign::Left),
            };
            shapes.push(t(
                TextRole::ValueTick,
                label,
                x,
                py,
                align,
                VAlign::Middle,
                m.tick,
                false,
                palette.muted_text,
            ));
        }
        if !axis.unit.label.is_empty() {
            let (x, align) = match axis.side {
                Axis::Left => (m.pad, HAlign::Left),
                Axis::Right => (width - m.pad, HAlign::Right),
            };
            shapes.push(t(
                TextRole::AxisUnit,
                axis_header(&axis.unit, axis.log, &presentation.locale),
                x,
                unit_row_y + unit_row / 2.0,
                align,
                VAlign::Middle,
                m.tick,
                true,
                palette.muted_text,
            ));
        }
    }

    // Time axis.
    let axis_y = plot.bottom();
    shapes.push(Shape::Rect {
        rect: Rect {
            x: plot.x,
            y: axis_y - 0.5,
            width: plot.width,
            height: 1.0,
        },
        color: palette.baseline,
    });
    for (tick, label_box, context_box) in time_tick_labels(
        presentation,
        (t0, t1),
        offset,
        &time_scale,
        width,
        m.pad,
        m.tick,
    ) {
        let x = time_scale.map(tick.ms as f64).round();
        shapes.push(Shape::Rect {
            rect: Rect {
                x: x - 0.5,
                y: axis_y,
                width: 1.0,
                height: 5.0,
            },
            color: palette.baseline,
        });
        shapes.push(t(
            TextRole::TimeTick,
            tick.label.clone(),
            label_box.x,
            axis_y + 8.0,
            HAlign::Left,
            VAlign::Top,
            m.tick,
            false,
            palette.muted_text,
        ));
        if let (Some(context), Some(cbox)) = (tick.context.clone(), context_box) {
            shapes.push(t(
                TextRole::TimeTick,
                context,
                cbox.x,
                axis_y + 8.0 + tick_row,
                HAlign::Left,
                VAlign::Top,
                m.tick,
                false,
                palette.muted_text,
            ));
        }
    }

    // Outage bands, under the data lines.
    let mut bands = Vec::new();
    for outage in &spec.outages {
        let (x0, x1) = band_range(outage, &time_scale);
        shapes.push(Shape::Rect {
            rect: Rect {
                x: x0,
                y: plot.y,
                width: x1 - x0,
                height: plot.height,
            },
            color: palette.band,
        });
        bands.push(BandBox {
            label: outage_label_in(outage, &presentation.locale),
            x0,
            x1,
            label_box: None,
            leader: None,
            marker: None,
        });
    }
    // Band edges after all fills, so overlapping bands keep visible boundaries; never cut.
    for band in &bands {
        for x in [band.x0, band.x1] {
            if x > plot.x + 0.5 && x < plot.right() - 0.5 {
                shapes.push(Shape::Rect {
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
    match mode {
        BandMode::None => {}
        BandMode::Inline => {
            let max_lines = usize::MAX;
            let blocks = inline_blocks(
                spec,
                &words,
                &time_scale,
                fm,
                m.small,
                width - m.pad,
                max_lines,
            )
            .ok_or(())?;
            let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
            if lines * line_h + 6.0 > strip_height + 0.5 {
                return Err(());
            }
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
                    shapes.push(t(
                        TextRole::BandLabel,
                        line,
                        anchor,
                        top + k as f64 * line_h,
                        align,
                        VAlign::Top,
                        m.small,
                        bold,
                        palette.band_text,
                    ));
                }
                texts_placed.push(rect);
                if let Some(b) = bands.get_mut(block.outage) {
                    b.label_box = Some(rect);
                }
            }
        }
        BandMode::Markers => {
            let placed = place_markers(spec, &time_scale, radius);
            let rows = placed.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
            if rows * (2.0 * radius + 3.0) + 5.0 > strip_height + 0.5 && !force_markers {
                return Err(());
            }
            for &(outage, number, cx, row) in &placed {
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
                    (row > 0).then_some(cx)
                };
                if let Some(bx) = from {
                    let leader = [(bx, plot.y), (cx, cy + radius)];
                    shapes.push(Shape::Line {
                        points: leader.to_vec(),
                        width: 1.0,
                        color: palette.band_text,
                    });
                    band.leader = Some(leader);
                }
                push_marker(&mut shapes, fm, cx, cy, radius, number, &palette, m.small);
                band.label_box = Some(rect);
                band.marker = Some(number);
                texts_placed.push(rect);
            }
            // The key, under the time axis: every label and verdict in full.
            let indent = 2.0 * radius + 6.0;
            let mut ky = plot.bottom() + time_axis_height + 4.0;
            for (_, number, lines) in &key_entries {
                let count = lines.len().max(1) as f64;
                push_marker(
                    &mut shapes,
                    fm,
                    m.pad + radius,
                    ky + line_h / 2.0 - 1.0,
                    radius,
                    *number,
                    &palette,
                    m.small,
                );
                for (k, line) in lines.iter().enumerate() {
                    shapes.push(t(
                        TextRole::Key,
                        line.clone(),
                        m.pad + indent,
                        ky + k as f64 * line_h + (line_h - m.small * 1.2) / 2.0,
                        HAlign::Left,
                        VAlign::Top,
                        m.small,
                        false,
                        palette.text,
                    ));
                }
                ky += count * line_h + 4.0;
            }
        }
    }

    // Counterfactual bands: where the series would have gone had the outage's share gone dark.
    let half_of = |times: &[i64]| half_period_ms(times);
    let mut data_lines: Vec<Vec<(f64, f64)>> = Vec::new();
    for band in &analysis.counterfactuals {
        let Some(series) = spec.series.get(band.series) else {
            continue;
        };
        let Some(axis) = value_axes_laid.iter().find(|a| a.side == series.axis) else {
            continue;
        };
        let half = half_of(&series.times_ms) as f64;
        let upper = band
            .points
            .iter()
            .map(|(t, _, hi, _)| (time_scale.map(*t as f64 + half), axis.y(*hi)));
        let lower = band
            .points
            .iter()
            .rev()
            .map(|(t, _, _, lo)| (time_scale.map(*t as f64 + half), axis.y(*lo)));
        shapes.push(Shape::Polygon {
            points: upper.chain(lower).collect(),
            color: palette.counterfactual,
        });
        let expected: Vec<(f64, f64)> = band
            .points
            .iter()
            .map(|(t, e, _, _)| (time_scale.map(*t as f64 + half), axis.y(*e)))
            .collect();
        for dash in dashed(&expected, 5.0, 4.0) {
            shapes.push(Shape::Line {
                points: dash,
                width: 1.5,
                color: palette.counterfactual_line,
            });
        }
        data_lines.push(expected);
    }

    // Series, the first on top; with a rolling mean the raw line is drawn faint beneath it.
    // Each point stands for its period (a day for daily data) and is drawn at its middle.
    let mut any_value = false;
    for (index, series) in spec.series.iter().enumerate().rev() {
        let color = palette.series_color(index);
        let Some(axis) = value_axes_laid.iter().find(|a| a.side == series.axis) else {
            continue;
        };
        let factor = series.unit.to_base_factor() / axis.unit.divisor;
        let half = half_of(&series.times_ms) as f64;
        any_value |= series.values.iter().any(Option::is_some);
        let to_xy = |t: &i64, v: &f64| (time_scale.map(*t as f64 + half), axis.y(v * factor));
        let first = shapes.len();
        match analysis.rolling.get(index).and_then(|r| r.as_ref()) {
            Some(rolling) => {
                if spec.options.show_raw {
                    let faint = Rgba { a: 0.4, ..color };
                    push_series(
                        &mut shapes,
                        &series.times_ms,
                        &series.values,
                        &to_xy,
                        (faint, m.line_width * 0.6),
                        presentation.pixel_ratio,
                    );
                }
                push_series(
                    &mut shapes,
                    &series.times_ms,
                    rolling,
                    &to_xy,
                    (color, m.line_width * 1.25),
                    presentation.pixel_ratio,
                );
            }
            None => push_series(
                &mut shapes,
                &series.times_ms,
                &series.values,
                &to_xy,
                (color, m.line_width),
                presentation.pixel_ratio,
            ),
        }
        for shape in &shapes[first..] {
            match shape {
                Shape::Line { points, .. } => data_lines.push(points.clone()),
                Shape::Circle { x, y, radius, .. } => {
                    data_lines.push(vec![(x - radius, y - radius), (x + radius, y + radius)])
                }
                _ => {}
            }
        }
    }
    if !any_value {
        let note = presentation.locale.text("note.noValues").to_string();
        shapes.push(t(
            TextRole::Note,
            note,
            plot.x + plot.width / 2.0,
            plot.y + plot.height / 2.0,
            HAlign::Center,
            VAlign::Middle,
            m.tick,
            false,
            palette.muted_text,
        ));
    }

    // Annotations: a marker on the series (or a rule for a time-only note) and a callout
    // placed where it covers no line and no other text, tied by a leader when it had to move.
    for annotation in &spec.annotations {
        let series = annotation.series.and_then(|i| spec.series.get(i));
        let half = series.map_or(0, |s| half_of(&s.times_ms));
        let x = time_scale.map(annotation.at_ms as f64);
        let marker_y = series.and_then(|s| {
            let axis = value_axes_laid.iter().find(|a| a.side == s.axis)?;
            let value = value_at(&s.times_ms, &s.values, annotation.at_ms - half)?;
            Some(axis.y(value * s.unit.to_base_factor() / axis.unit.divisor))
        });
        let color = palette.text;
        let callout_width = (plot.width * 0.45).limit(80.0, 240.0).min(plot.width - 8.0);
        let lines = fm.wrap(&annotation.text, m.small, true, callout_width);
        let lines = cap_lines(fm, lines, 5, m.small, true, callout_width);
        let w = lines
            .iter()
            .map(|l| fm.width(l, m.small, true))
            .fold(0.0, f64::max);
        let lh = m.small * 1.2;
        let h = lh * lines.len() as f64;
        let anchor_y = marker_y.unwrap_or(data_top);
        let inside = |r: &Rect| {
            r.x >= plot.x + 2.0
                && r.right() <= plot.right() - 2.0
                && r.y >= plot.y + 2.0
                && r.bottom() <= plot.bottom() - 2.0
        };
        let clear = |r: &Rect| {
            inside(r)
                && !texts_placed.iter().any(|b| b.overlaps(r, 3.0))
                && !data_lines
                    .iter()
                    .any(|line| polyline_hits_rect(line, r, 2.0))
        };
        let mut candidates: Vec<Rect> = Vec::new();
        let clamp_x = |cx: f64| cx.limit(plot.x + 2.0, (plot.right() - 2.0 - w).max(plot.x + 2.0));
        match marker_y {
            Some(my) => {
                for dy in [12.0, 28.0, 48.0, 72.0, 100.0, 132.0] {
                    for dx in [0.0, -0.5, 0.5, -1.0, 1.0] {
                        let cx = clamp_x(x - w / 2.0 + dx * (w / 2.0 + 8.0));
                        candidates.push(Rect {
                            x: cx,
                            y: my - dy - h,
                            width: w,
                            height: h,
                        });
                        candidates.push(Rect {
                            x: cx,
                            y: my + dy,
                            width: w,
                            height: h,
                        });
                    }
                }
            }
            None => {
                let beside = [x + 6.0, x - 6.0 - w];
                for k in 0..12 {
                    for bx in beside {
                        candidates.push(Rect {
                            x: bx,
                            y: data_top + k as f64 * (lh + 4.0),
                            width: w,
                            height: h,
                        });
                    }
                }
            }
        }
        let chosen = candidates.iter().find(|r| clear(r)).copied();
        let callout_box = chosen
            .or_else(|| candidates.iter().find(|r| inside(r)).copied())
            .unwrap_or(Rect {
                x: clamp_x(x - w / 2.0),
                y: (anchor_y - 26.0 - h)
                    .limit(plot.y + 2.0, (plot.bottom() - h - 2.0).max(plot.y + 2.0)),
                width: w,
                height: h,
            });
        texts_placed.push(callout_box);
        match marker_y {
            Some(my) => {
                // A leader from the marker to the nearest point of the callout's box.
                let tx = x.limit(callout_box.x, callout_box.right());
                let ty = if callout_box.y > my {
                    callout_box.y - 2.0
                } else {
                    callout_box.bottom() + 2.0
                };
                let dist = ((tx - x).powi(2) + (ty - my).powi(2)).sqrt();
                if dist > 8.0 {
                    let f = 5.0 / dist;
                    shapes.push(Shape::Line {
                        points: vec![(x + (tx - x) * f, my + (ty - my) * f), (tx, ty)],
                        width: 1.0,
                        color: palette.muted_text,
                    });
                }
                shapes.push(Shape::Circle {
                    x,
                    y: my,
                    radius: 4.0,
                    color,
                    filled: false,
                    width: 1.5,
                });
            }
            None => {
                shapes.push(Shape::Line {
                    points: vec![(x, plot.y), (x, plot.bottom())],
                    width: 1.0,
                    color: palette.muted_text,
                });
            }
        }
        // The halo is the text's own outline in the background colour, not a box over data.
        for (k, line) in lines.into_iter().enumerate() {
            let mut item = text(
                fm,
                TextRole::Annotation,
                line,
                callout_box.x,
                callout_box.y + k as f64 * lh,
                HAlign::Left,
                VAlign::Top,
                m.small,
                true,
                color,
            );
            item.halo = Some(palette.background);
            shapes.push(Shape::Text(item));
        }
    }

    Ok(Layout {
        width,
        height,
        theme,
        palette,
        plot,
        time_scale,
        axes: value_axes_laid,
        bands,
        shapes,
        font_family: presentation.font_family().to_string(),
        band_mode: mode,
        // One offset for the read-out: the series' own when they agree (instants when not).
        point_offset_ms: {
            let halves: Vec<i64> = spec.series.iter().map(|s| half_of(&s.times_ms)).collect();
            match halves.first() {
                Some(h) if halves.iter().all(|x| x == h) => *h,
                _ => 0,
            }
        },
    })
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
    let size = if digits.len() > 1 {
        size * 0.8
    } else {
        size * 0.95
    };
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
        let placed = place(time::time_ticks_in(
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
    to_xy: &dyn Fn(&i64, &f64) -> (f64, f64),
    (color, width): (Rgba, f64),
    pixel_ratio: f64,
) {
    let mut segment: Vec<(f64, f64)> = Vec::new();
    let flush = |segment: &mut Vec<(f64, f64)>, shapes: &mut Vec<Shape>| {
        match segment.len() {
            0 => {}
            1 => shapes.push(Shape::Circle {
                x: segment[0].0,
                y: segment[0].1,
                radius: width * 1.25,
                color,
                filled: true,
                width: 0.0,
            }),
            // At most ~4 vertices per device-pixel column, drawn the same.
            _ => shapes.push(Shape::Line {
                points: crate::layout::decimate::m4(segment, pixel_ratio),
                width,
                color,
            }),
        }
        segment.clear();
    };
    for (t, v) in times.iter().zip(values.iter()) {
        match v {
            Some(v) => segment.push(to_xy(t, v)),
            None => flush(&mut segment, shapes),
        }
    }
    flush(&mut segment, shapes);
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
        items.push(LegendItem {
            kind: LegendKind::Expected(palette.counterfactual_line),
            color: palette.counterfactual.over(palette.background),
            label: presentation.locale.fill(
                "legend.expected",
                &[
                    (
                        "share",
                        &presentation.localize_number(&format!(
                            "{}%",
                            crate::text::units::format_significant(band.share * 100.0, 3)
                        )),
                    ),
                    ("range", &presentation.localize_number("95%")),
                ],
            ),
        });
    }
    items
}

/// What the analysis adds to the drawing: impact texts per band, rolling means per series,
/// counterfactual bands, and notes.
struct Analysis {
    /// Per outage: the impact in plain words for the first hash-rate series.
    band_texts: Vec<Option<(String, String)>>,
    /// Per series: the rolling mean, when asked for.
    rolling: Vec<Option<Vec<Option<f64>>>>,
    counterfactuals: Vec<Counterfactual>,
    notes: Vec<String>,
}

struct Counterfactual {
    series: usize,
    share: f64,
    /// (time ms, expected, upper, lower) in the axis' display unit.
    points: Vec<(i64, f64, f64, f64)>,
}

impl Analysis {
    fn of(spec: &Spec, presentation: &Presentation) -> Analysis {
        use crate::analysis::{
            describe_list_in, describe_plain_in, impacts, point_spacing_ms, rolling_mean,
            ImpactOptions,
        };
        let results = impacts(
            spec,
            ImpactOptions {
                baseline_days: spec.options.baseline_days,
            },
        );
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
                    (
                        describe_plain_in(i, &presentation.locale),
                        describe_list_in(i, &presentation.locale),
                    )
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

        let mut counterfactuals = Vec::new();
        if let Some(si) = primary {
            let series = &spec.series[si];
            let spacing = point_spacing_ms(&series.times_ms);
            for (oi, outage) in spec.outages.iter().enumerate() {
                let (Some(share), Some(impact)) = (outage.share, primary_impact(oi)) else {
                    continue;
                };
                // Each point covers [t, t + spacing); include one point either side at f = 0.
                let fractions: Vec<f64> = series
                    .times_ms
                    .iter()
                    .map(|&t| {
                        let o =
                            (t.saturating_add(spacing)).min(outage.end_ms) - t.max(outage.start_ms);
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
                        // The impact's own counterfactual (its trend and its noise model),
                        // less the share that went dark.
                        let online = 1.0 - share * fractions[i];
                        let expected = impact.fit.at(series.times_ms[i] + spacing / 2) * online;
                        let sd = match (impact.baseline_blocks_mean, impact.dispersion) {
                            (Some(blocks), Some(phi)) if blocks * online > 0.0 => {
                                expected * (phi / (blocks * online)).sqrt()
                            }
                            _ => expected * impact.fit.residual_var.sqrt(),
                        };
                        (
                            series.times_ms[i],
                            expected,
                            expected + 1.96 * sd,
                            (expected - 1.96 * sd).max(0.0),
                        )
                    })
                    .collect();
                counterfactuals.push(Counterfactual {
                    series: si,
                    share,
                    points,
                });
            }
        }

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
                        ("duration", &time::format_duration_in(duration, words)),
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
        Analysis {
            band_texts,
            rolling,
            counterfactuals,
            notes,
        }
    }
}
