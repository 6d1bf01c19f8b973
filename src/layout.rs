//! Layout: from a validated spec and a size in CSS px to a display list (rectangles, lines,
//! circles, text) with every position decided: titles wrap, tick labels never overlap or
//! leave the chart, band labels and callouts stay inside the plot. Pure and deterministic;
//! `draw` turns the display list into backend calls, the web module and tests query it.

use crate::presentation::Presentation;
use crate::scale::{value_ticks, LinearScale, ValueTicks};
use crate::spec::{Axis, Spec, Theme};
use crate::text::{ellipsize, text_width, wrap};
use crate::theme::{Palette, Rgba};
use crate::time;
use crate::units::{format_tick, DisplayUnit, Unit};

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
}

impl TextItem {
    /// The box the text occupies (estimated from font metrics), CSS px.
    pub fn bounds(&self) -> Rect {
        let width = text_width(&self.text, self.size, self.bold);
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
}

/// A value axis as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub side: Axis,
    pub unit: DisplayUnit,
    pub scale: LinearScale,
    pub ticks: ValueTicks,
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

/// Lays out with the host page's colour, font and locale choices.
pub fn layout_with(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
) -> Layout {
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
    let m = Metrics::for_width(width);
    let palette = presentation.palette(theme);
    let offset = spec.options.time_zone_offset_min;
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

    // Header: title, subtitle, legend.
    let mut y = m.pad;
    let push_text = |shapes: &mut Vec<Shape>, item: TextItem| shapes.push(Shape::Text(item));
    if let Some(title) = spec.title.as_deref().filter(|t| !t.trim().is_empty()) {
        for line in wrap(title, m.title, true, content_width, 3) {
            push_text(
                &mut shapes,
                text(
                    TextRole::Title,
                    line,
                    m.pad,
                    y,
                    HAlign::Left,
                    VAlign::Top,
                    m.title,
                    true,
                    palette.text,
                ),
            );
            y += m.title * 1.25;
        }
        y += 2.0;
    }
    if let Some(subtitle) = spec.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
        for line in wrap(subtitle, m.subtitle, false, content_width, 3) {
            push_text(
                &mut shapes,
                text(
                    TextRole::Subtitle,
                    line,
                    m.pad,
                    y,
                    HAlign::Left,
                    VAlign::Top,
                    m.subtitle,
                    false,
                    palette.muted_text,
                ),
            );
            y += m.subtitle * 1.3;
        }
    }
    y += 6.0;

    let two_axes = spec.series.iter().any(|s| s.axis == Axis::Right)
        && spec.series.iter().any(|s| s.axis == Axis::Left);
    let axes = value_axes(spec);
    let analysis = Analysis::of(spec, presentation);
    let legend = legend_items(spec, &analysis, &palette, two_axes);
    if legend.len() > 1 {
        let row_height = m.legend * 1.5;
        let mut x = m.pad;
        let swatch = 16.0;
        for item in legend {
            let label = ellipsize(&item.label, m.legend, false, content_width - swatch - 6.0);
            let item_width = swatch + 6.0 + text_width(&label, m.legend, false);
            if x > m.pad && x + item_width > width - m.pad {
                x = m.pad;
                y += row_height;
            }
            let mid = y + row_height / 2.0;
            let (sy, sh) = match item.kind {
                LegendKind::Line => (mid - 1.5, 3.0),
                LegendKind::Area => (mid - 5.0, 10.0),
            };
            shapes.push(Shape::Rect {
                rect: Rect {
                    x,
                    y: sy,
                    width: swatch,
                    height: sh,
                },
                color: item.color,
            });
            push_text(
                &mut shapes,
                text(
                    TextRole::Legend,
                    label,
                    x + swatch + 6.0,
                    mid,
                    HAlign::Left,
                    VAlign::Middle,
                    m.legend,
                    false,
                    palette.text,
                ),
            );
            x += item_width + 18.0;
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
    let plot_top = y + 4.0;

    // Footer: source line(s) at the very bottom, then the time axis above it.
    let mut bottom = height - m.pad;
    let mut footer = crate::provenance::source_line(spec).unwrap_or_default();
    if spec.options.provenance {
        let digest = crate::provenance::data_sha256(spec);
        let short = digest.get(..16).unwrap_or(&digest);
        footer = format!(
            "{footer}{}Data SHA-256 {short}…",
            if footer.is_empty() { "" } else { " · " }
        );
    }
    if !footer.is_empty() {
        let lines = wrap(&footer, m.small, false, content_width, 3);
        bottom = push_footer_lines(
            &mut shapes,
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
        .flat_map(|note| wrap(note, m.small, false, content_width, 3))
        .collect();
    if !note_lines.is_empty() {
        bottom = push_footer_lines(
            &mut shapes,
            note_lines,
            TextRole::Note,
            palette.band_text,
            bottom,
            &m,
        ) - 4.0;
    }
    let tick_row = m.tick * 1.35;
    let time_axis_height = 6.0 + tick_row * 2.0;
    let plot_bottom = (bottom - time_axis_height).max(plot_top + 40.0);
    let plot_height = plot_bottom - plot_top;

    // Bands reserve rows at the top of the plot for their labels.
    let band_label_rows = if spec.outages.is_empty() {
        0.0
    } else {
        // A trial placement on the plot as it will roughly be (axes not yet measured).
        let (t0, t1) = time_domain(spec);
        let right_axis = spec.series.iter().any(|s| s.axis == Axis::Right);
        let trial_scale = LinearScale {
            domain: (t0 as f64, t1 as f64),
            range: (
                m.pad + 40.0,
                width - m.pad - if right_axis { 40.0 } else { 4.0 },
            ),
        };
        let requests = band_label_requests(spec, &analysis, &trial_scale);
        let (placed, _) = place_band_labels(&requests, trial_scale.range, 3, m.small);
        placed.iter().map(|p| p.row + 1).max().unwrap_or(1) as f64
    };
    let lines_per_label = if analysis.band_texts.iter().any(Option::is_some) {
        2.0
    } else {
        1.0
    };
    let band_label_height = m.small * 1.35;
    let data_top = plot_top
        + band_label_rows * lines_per_label * band_label_height
        + if band_label_rows > 0.0 { 6.0 } else { 0.0 };
    // The top tick label is centred on the top grid line: keep it clear of the unit row.
    let data_top = data_top
        .max(plot_top + m.tick * 0.75)
        .min(plot_top + plot_height * 0.4);

    // Value axes: ticks depend on the plot height; their label widths set the plot width.
    let tick_count = ((plot_bottom - data_top) / 42.0).floor().clamp(2.0, 8.0) as usize;
    let mut value_axes_laid: Vec<ValueAxis> = Vec::new();
    let mut left_width = 0.0f64;
    let mut right_width = 0.0f64;
    for axis in &axes {
        let ticks = value_ticks(axis.min, axis.max, tick_count);
        let widest = ticks
            .values
            .iter()
            .map(|v| {
                text_width(
                    &presentation.localize_number(&format_tick(*v, ticks.step)),
                    m.tick,
                    false,
                )
            })
            .fold(0.0, f64::max);
        let needed = widest.max(text_width(&axis.unit.label, m.tick, false) - 4.0) + 8.0;
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

    // Grid and value tick labels.
    for axis in &value_axes_laid {
        // In a very short plot, label every other tick rather than stack labels.
        let mut last_label_y = f64::INFINITY;
        for v in &axis.ticks.values {
            let py = axis.scale.map(*v).round();
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
            let label = presentation.localize_number(&format_tick(*v, axis.ticks.step));
            let (x, align) = match axis.side {
                Axis::Left => (plot.x - 6.0, HAlign::Right),
                Axis::Right => (plot.right() + 6.0, HAlign::Left),
            };
            push_text(
                &mut shapes,
                text(
                    TextRole::ValueTick,
                    label,
                    x,
                    py,
                    align,
                    VAlign::Middle,
                    m.tick,
                    false,
                    palette.muted_text,
                ),
            );
        }
        if !axis.unit.label.is_empty() {
            let (x, align) = match axis.side {
                Axis::Left => (m.pad, HAlign::Left),
                Axis::Right => (width - m.pad, HAlign::Right),
            };
            let label = ellipsize(&axis.unit.label, m.tick, true, content_width / 2.0 - 4.0);
            push_text(
                &mut shapes,
                text(
                    TextRole::AxisUnit,
                    label,
                    x,
                    unit_row_y + unit_row / 2.0,
                    align,
                    VAlign::Middle,
                    m.tick,
                    true,
                    palette.muted_text,
                ),
            );
        }
    }

    // Time axis.
    let (t0, t1) = time_domain(spec);
    let time_scale = LinearScale {
        domain: (t0 as f64, t1 as f64),
        range: (plot.x, plot.right()),
    };
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
        push_text(
            &mut shapes,
            text(
                TextRole::TimeTick,
                tick.label.clone(),
                label_box.x,
                axis_y + 7.0,
                HAlign::Left,
                VAlign::Top,
                m.tick,
                false,
                palette.muted_text,
            ),
        );
        if let (Some(context), Some(cbox)) = (tick.context.clone(), context_box) {
            push_text(
                &mut shapes,
                text(
                    TextRole::TimeTick,
                    context,
                    cbox.x,
                    axis_y + 7.0 + tick_row,
                    HAlign::Left,
                    VAlign::Top,
                    m.tick,
                    false,
                    palette.muted_text,
                ),
            );
        }
    }

    // Outage bands, under the data lines, labelled at the top of the plot.
    let mut bands = Vec::new();
    for outage in &spec.outages {
        let mut x0 = time_scale
            .map(outage.start_ms as f64)
            .clamp(plot.x, plot.right());
        let mut x1 = time_scale
            .map(outage.end_ms as f64)
            .clamp(plot.x, plot.right());
        if x1 - x0 < 2.0 {
            // Too short to see at this width: keep it visible rather than drop it.
            let mid = (x0 + x1) / 2.0;
            x0 = (mid - 1.0).max(plot.x);
            x1 = (x0 + 2.0).min(plot.right());
        }
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
            label: outage_label(outage),
            x0,
            x1,
        });
    }
    if band_label_rows > 0.0 {
        let requests = band_label_requests(spec, &analysis, &time_scale);
        let (placed, omitted) = place_band_labels(
            &requests,
            (plot.x, plot.right()),
            band_label_rows as usize,
            m.small,
        );
        for p in placed {
            let y = plot.y + 2.0 + p.row as f64 * lines_per_label * band_label_height;
            let lines = if p.impact.is_some() { 2.0 } else { 1.0 };
            texts_placed.push(Rect {
                x: p.x,
                y,
                width: p.width,
                height: band_label_height * lines,
            });
            push_text(
                &mut shapes,
                text(
                    TextRole::BandLabel,
                    p.label,
                    p.x,
                    y + 1.0,
                    HAlign::Left,
                    VAlign::Top,
                    m.small,
                    false,
                    palette.band_text,
                ),
            );
            if let Some(line) = p.impact {
                push_text(
                    &mut shapes,
                    text(
                        TextRole::BandLabel,
                        line,
                        p.x,
                        y + 1.0 + band_label_height,
                        HAlign::Left,
                        VAlign::Top,
                        m.small,
                        true,
                        palette.band_text,
                    ),
                );
            }
        }
        if omitted > 0 {
            // Said, not hidden: the summary and the data table name every outage.
            let note = format!(
                "{omitted} outage label{} left off for space",
                if omitted == 1 { "" } else { "s" }
            );
            push_text(
                &mut shapes,
                text(
                    TextRole::Note,
                    note,
                    plot.right() - 2.0,
                    plot.bottom() - 4.0,
                    HAlign::Right,
                    VAlign::Bottom,
                    m.small,
                    false,
                    palette.muted_text,
                ),
            );
        }
    }
    // Band edges after all fills, so overlapping bands keep visible boundaries; an edge
    // stops short of any band label it would cross.
    for band in &bands {
        for x in [band.x0, band.x1] {
            if x > plot.x + 0.5 && x < plot.right() - 0.5 {
                for (y0, y1) in rule_segments(x, plot.y, plot.bottom(), &texts_placed) {
                    shapes.push(Shape::Rect {
                        rect: Rect {
                            x: x - 0.5,
                            y: y0,
                            width: 1.0,
                            height: y1 - y0,
                        },
                        color: palette.band_edge,
                    });
                }
            }
        }
    }

    // Counterfactual bands: where the series would have gone had the outage's share gone dark.
    for band in &analysis.counterfactuals {
        let Some(series) = spec.series.get(band.series) else {
            continue;
        };
        let Some(axis) = value_axes_laid.iter().find(|a| a.side == series.axis) else {
            continue;
        };
        let upper = band
            .points
            .iter()
            .map(|(t, _, hi, _)| (time_scale.map(*t as f64), axis.scale.map(*hi)));
        let lower = band
            .points
            .iter()
            .rev()
            .map(|(t, _, _, lo)| (time_scale.map(*t as f64), axis.scale.map(*lo)));
        shapes.push(Shape::Polygon {
            points: upper.chain(lower).collect(),
            color: palette.counterfactual,
        });
        let expected: Vec<(f64, f64)> = band
            .points
            .iter()
            .map(|(t, e, _, _)| (time_scale.map(*t as f64), axis.scale.map(*e)))
            .collect();
        for dash in dashed(&expected, 5.0, 4.0) {
            shapes.push(Shape::Line {
                points: dash,
                width: 1.5,
                color: palette.counterfactual_line,
            });
        }
    }

    // Series, the first on top; with a rolling mean the raw line is drawn faint beneath it.
    let mut any_value = false;
    for (index, series) in spec.series.iter().enumerate().rev() {
        let color = palette.series_color(index);
        let Some(axis) = value_axes_laid.iter().find(|a| a.side == series.axis) else {
            continue;
        };
        let factor = series.unit.to_base_factor() / axis.unit.divisor;
        any_value |= series.values.iter().any(Option::is_some);
        let to_xy = |t: &i64, v: &f64| (time_scale.map(*t as f64), axis.scale.map(v * factor));
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
    }
    if !any_value {
        push_text(
            &mut shapes,
            text(
                TextRole::Note,
                "No values to show: every value is null".to_string(),
                plot.x + plot.width / 2.0,
                plot.y + plot.height / 2.0,
                HAlign::Center,
                VAlign::Middle,
                m.tick,
                false,
                palette.muted_text,
            ),
        );
    }

    // Annotations: a marker on the series (or the top of the plot) and a callout kept inside
    // the plot, clear of band labels and earlier callouts.
    for annotation in &spec.annotations {
        let x = time_scale.map(annotation.at_ms as f64);
        let marker_y = annotation
            .series
            .and_then(|i| spec.series.get(i))
            .and_then(|s| {
                let axis = value_axes_laid.iter().find(|a| a.side == s.axis)?;
                let value = value_at(&s.times_ms, &s.values, annotation.at_ms)?;
                Some(
                    axis.scale
                        .map(value * s.unit.to_base_factor() / axis.unit.divisor),
                )
            });
        let color = palette.text;
        let callout = ellipsize(
            &annotation.text,
            m.small,
            true,
            (plot.width * 0.45).max(60.0),
        );
        let w = text_width(&callout, m.small, true);
        let h = m.small * 1.2;
        let (lx, candidates) = match marker_y {
            // On a series: centred over the marker, above it if there is room, else below.
            Some(my) => (
                (x - w / 2.0).clamp(plot.x + 2.0, (plot.right() - 2.0 - w).max(plot.x + 2.0)),
                vec![my - 26.0 - h, my + 18.0, my - 44.0 - h, my + 36.0, data_top],
            ),
            // A time-only note: beside its vertical rule, near the top of the data area.
            None => (
                if x + 5.0 + w <= plot.right() - 2.0 {
                    x + 5.0
                } else {
                    (x - 5.0 - w).max(plot.x + 2.0)
                },
                (0..6).map(|i| data_top + i as f64 * (h + 2.0)).collect(),
            ),
        };
        let anchor_y = marker_y.unwrap_or(data_top);
        let mut chosen = None;
        for cy in candidates {
            let cy = cy.clamp(plot.y + 2.0, plot.bottom() - h - 2.0);
            let candidate = Rect {
                x: lx,
                y: cy,
                width: w,
                height: h,
            };
            if !texts_placed.iter().any(|b| b.overlaps(&candidate, 3.0)) {
                chosen = Some(candidate);
                break;
            }
        }
        let callout_box = chosen.unwrap_or(Rect {
            x: lx,
            y: (anchor_y - 26.0 - h).clamp(plot.y + 2.0, plot.bottom() - h - 2.0),
            width: w,
            height: h,
        });
        texts_placed.push(callout_box);
        let leader_end_y = if callout_box.y > anchor_y {
            callout_box.y - 2.0
        } else {
            callout_box.bottom() + 2.0
        };
        match marker_y {
            Some(my) => {
                if (leader_end_y - my).abs() > 6.0 {
                    let from = if leader_end_y > my {
                        my + 5.0
                    } else {
                        my - 5.0
                    };
                    shapes.push(Shape::Line {
                        points: vec![(x, from), (x, leader_end_y)],
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
        // A halo of background behind the callout keeps band edges and lines from crossing it.
        shapes.push(Shape::Rect {
            rect: Rect {
                x: callout_box.x - 3.0,
                y: callout_box.y - 1.0,
                width: callout_box.width + 6.0,
                height: callout_box.height + 2.0,
            },
            color: Rgba {
                a: 0.8,
                ..palette.background
            },
        });
        push_text(
            &mut shapes,
            text(
                TextRole::Annotation,
                callout,
                callout_box.x,
                callout_box.y,
                HAlign::Left,
                VAlign::Top,
                m.small,
                true,
                color,
            ),
        );
    }

    Layout {
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
    }
}

#[allow(clippy::too_many_arguments)]
fn text(
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
        text,
        x,
        y,
        h_align,
        v_align,
        size,
        bold,
        color,
    }
}

/// The words a band is labelled with.
pub fn outage_label(outage: &crate::spec::Outage) -> String {
    match (&outage.label, &outage.region) {
        (Some(label), _) if !label.trim().is_empty() => label.clone(),
        (_, Some(region)) if !region.trim().is_empty() => format!("Outage ({region})"),
        _ => "Outage".to_string(),
    }
}

/// A band label to place: the band's x range and its texts (full and short impact lines).
struct LabelRequest {
    x0: f64,
    x1: f64,
    label: String,
    impact: Option<(String, String)>,
}

/// Where a band label went.
struct PlacedLabel {
    row: usize,
    x: f64,
    width: f64,
    label: String,
    impact: Option<String>,
}

fn band_label_requests(spec: &Spec, analysis: &Analysis, scale: &LinearScale) -> Vec<LabelRequest> {
    let (left, right) = scale.range;
    spec.outages
        .iter()
        .enumerate()
        .map(|(i, o)| LabelRequest {
            x0: scale.map(o.start_ms as f64).clamp(left, right),
            x1: scale.map(o.end_ms as f64).clamp(left, right),
            label: outage_label(o),
            impact: analysis.band_texts.get(i).cloned().flatten(),
        })
        .collect()
}

/// Places band labels in up to `rows` rows at the top of the plot without overlap: first at
/// full length, then shortened to the free space of the roomiest row; a label with no room at
/// all is left off and counted.
fn place_band_labels(
    requests: &[LabelRequest],
    (left, right): (f64, f64),
    rows: usize,
    size: f64,
) -> (Vec<PlacedLabel>, usize) {
    let rows = rows.max(1);
    let mut occupied: Vec<Vec<(f64, f64)>> = vec![Vec::new(); rows];
    let mut placed = Vec::new();
    let mut omitted = 0;
    let gap = 8.0;
    for r in requests {
        let max = (right - left - 8.0).max(0.0);
        let label = ellipsize(&r.label, size, false, max);
        let impact = r.impact.as_ref().map(|(full, short)| {
            if text_width(full, size, true) <= max {
                full.clone()
            } else {
                ellipsize(short, size, true, max)
            }
        });
        let width = text_width(&label, size, false)
            .max(impact.as_deref().map_or(0.0, |t| text_width(t, size, true)));
        let mut x = r.x0 + 4.0;
        if x + width > right - 2.0 {
            x = (r.x1 - 4.0 - width).max(left + 2.0);
        }
        let free = |row: &Vec<(f64, f64)>, a: f64, b: f64| {
            row.iter().all(|(s, e)| b + gap <= *s || *e + gap <= a)
        };
        if let Some(row) = (0..rows).find(|&k| free(&occupied[k], x, x + width)) {
            occupied[row].push((x, x + width));
            placed.push(PlacedLabel {
                row,
                x,
                width,
                label,
                impact,
            });
            continue;
        }
        // Shorten to the space from the band's start to the next label in the roomiest row.
        let start = (r.x0 + 4.0).min(right - 2.0);
        let best = (0..rows)
            .filter(|&k| {
                occupied[k]
                    .iter()
                    .all(|(s, e)| !(*s <= start && start < *e + gap))
            })
            .map(|k| {
                let next = occupied[k]
                    .iter()
                    .map(|(s, _)| *s)
                    .filter(|s| *s > start)
                    .fold(right - 2.0, f64::min);
                (k, next - gap - start)
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((row, room)) if room >= 48.0 => {
                let label = ellipsize(&r.label, size, false, room);
                let impact = r
                    .impact
                    .as_ref()
                    .map(|(_, short)| ellipsize(short, size, true, room));
                let width = text_width(&label, size, false)
                    .max(impact.as_deref().map_or(0.0, |t| text_width(t, size, true)));
                occupied[row].push((start, start + width));
                placed.push(PlacedLabel {
                    row,
                    x: start,
                    width,
                    label,
                    impact,
                });
            }
            _ => omitted += 1,
        }
    }
    (placed, omitted)
}

struct AxisPlan {
    side: Axis,
    unit: DisplayUnit,
    /// Extent of the data in display units, already widened to include zero where that is honest.
    min: f64,
    max: f64,
    label: String,
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
            lo = lo.clamp(-f64::MAX, f64::MAX);
            hi = hi.clamp(-f64::MAX, f64::MAX);
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
    offset: i32,
    scale: &LinearScale,
    chart_width: f64,
    pad: f64,
    size: f64,
) -> Vec<PlacedTick> {
    let plot_width = scale.range.1 - scale.range.0;
    let mut max_ticks = ((plot_width / 48.0).floor() as usize).clamp(2, 24);
    // Clock times mean nothing without their zone: name it on the first tick's second line.
    let zone = if offset == 0 {
        "UTC".to_string()
    } else {
        let sign = if offset < 0 { '−' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60)
    };
    let place = |mut ticks: Vec<time::TimeTick>| -> Vec<PlacedTick> {
        for tick in ticks.iter_mut() {
            tick.label = presentation.localize_date(&tick.label);
            tick.context = tick
                .context
                .as_deref()
                .map(|c| presentation.localize_date(c));
        }
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
                    let w = text_width(s, size, false);
                    let left = (x - w / 2.0).clamp(pad, (chart_width - pad - w).max(pad));
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
        let placed = place(time::time_ticks(t0, t1, offset, max_ticks));
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
                points: crate::decimate::m4(segment, pixel_ratio),
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegendKind {
    Line,
    Area,
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
) -> Vec<LegendItem> {
    let mut items = Vec::new();
    for (i, series) in spec.series.iter().enumerate() {
        let color = palette.series_color(i);
        let side = if !two_axes {
            String::new()
        } else if series.axis == Axis::Left {
            " (left)".to_string()
        } else {
            " (right)".to_string()
        };
        if analysis.rolling.get(i).is_some_and(Option::is_some) {
            let days = spec.options.rolling_average_days.unwrap_or(0);
            let align = if spec.options.rolling_centred {
                "centred"
            } else {
                "trailing"
            };
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
                label: format!("{days}-day {align} average{side}"),
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
            kind: LegendKind::Area,
            color: palette.counterfactual.over(palette.background),
            label: format!(
                "Expected had {} gone dark (95 % range)",
                crate::units::format_significant(band.share * 100.0, 3) + " %"
            ),
        });
    }
    items
}

/// What the analysis adds to the drawing: impact texts per band, rolling means per series,
/// counterfactual bands, and notes.
struct Analysis {
    /// Per outage: (full, short) impact text for the first hash-rate series.
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
            describe, describe_short, impacts, point_spacing_ms, rolling_mean, ImpactOptions,
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
                primary_impact(o).map(|i| {
                    // Numbers in the reader's locale; the words stay English for now.
                    (
                        presentation.localize_number(&describe(i)),
                        presentation.localize_number(&describe_short(i)),
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
                        let online = 1.0 - share * fractions[i];
                        let expected = impact.baseline_mean * online;
                        let sd = match impact.baseline_blocks_mean {
                            Some(blocks) if blocks * online > 0.0 => {
                                expected / (blocks * online).sqrt()
                            }
                            _ => impact.baseline_sd,
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
                let align = if spec.options.rolling_centred {
                    "centred"
                } else {
                    "trailing"
                };
                let mut note = format!(
                    "Note: a {days}-day {align} average spreads the “{}” ({}) over {days} days, diluting its effect to about {:.0} % of its size",
                    outage_label(outage),
                    time::format_duration(duration),
                    dilution * 100.0
                );
                if let Some(share) = outage.share {
                    note.push_str(&format!(
                        ": a {:.1} % loss would show as at most {:.1} %",
                        share * 100.0,
                        share * dilution * 100.0
                    ));
                }
                note.push('.');
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

/// The parts of a vertical rule at `x` from `y0` to `y1` that do not cross any of `boxes`.
fn rule_segments(x: f64, y0: f64, y1: f64, boxes: &[Rect]) -> Vec<(f64, f64)> {
    let mut blocked: Vec<(f64, f64)> = boxes
        .iter()
        .filter(|b| x >= b.x - 3.0 && x <= b.right() + 3.0)
        .map(|b| (b.y - 1.0, b.bottom() + 1.0))
        .collect();
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut segments = Vec::new();
    let mut from = y0;
    for (b0, b1) in blocked {
        if b0 > from {
            segments.push((from, b0.min(y1)));
        }
        from = from.max(b1);
    }
    if from < y1 {
        segments.push((from, y1));
    }
    segments.retain(|(a, b)| b - a > 0.5);
    segments
}
