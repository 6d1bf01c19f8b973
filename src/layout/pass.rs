//! One layout pass, as a pipeline of small stages in the order they claim room: the header
//! (title, subtitle, legend, the axis-unit row) from the top, the footer (sources, notes) from
//! the bottom, the band plan (labels above the bands, or numbered markers and a key) in
//! between, then the value axes (whose label widths set the plot's width), the grid, the time
//! axis, the bands and their labels, the counterfactual bands, the series and the annotations.
//! Shapes are pushed in paint order; each stage reads the pass's inputs (`Pass`) and what the
//! earlier stages decided, and returns what the later ones need.

use super::axes::axis_header;
use super::axes::tick_label;
use super::axes::time_tick_labels;
use super::axes::AxisPlan;
use super::bands::band_range;
use super::bands::inline_blocks;
use super::bands::place_markers;
use super::bands::push_marker;
use super::bands::BandWords;
use super::legend::legend_items;
use super::legend::LegendKind;
use super::lines::cap_lines;
use super::lines::push_footer_lines;
use super::lines::text;
use super::prepare::Analysis;
use super::series::dashed;
use super::series::push_series;
use super::*;

/// What every stage of a pass reads: the inputs, the type sizes and the palette.
struct Pass<'a> {
    spec: &'a Spec,
    presentation: &'a Presentation,
    analysis: &'a Analysis,
    axes: &'a [AxisPlan],
    fm: &'a FontMetrics,
    m: Metrics,
    palette: Palette,
    width: f64,
    height: f64,
    squeeze: u8,
    force_markers: bool,
    content_width: f64,
}

/// What the stages draw: the shapes in paint order, and the boxes of the texts placed over
/// the plot (callouts keep clear of them).
struct Drawing {
    shapes: Vec<Shape>,
    texts_placed: Vec<Rect>,
}

/// Where the header ends: the axis-unit row's top and height, and the header's bottom.
struct Header {
    unit_row_y: f64,
    unit_row: f64,
    bottom: f64,
}

/// How the bands are labelled, the strip above the plot that takes, and the key's entries
/// (outage, number, lines) when they are numbered.
struct BandPlan {
    mode: BandMode,
    strip_height: f64,
    key_entries: Vec<(usize, usize, Vec<String>)>,
}

/// Lays out one pass. Err when labels above the bands fitted the trial plot but not the real
/// one (the caller then forces markers), never with `force_markers`.
#[allow(clippy::too_many_arguments)]
pub(super) fn layout_pass(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
    force_markers: bool,
    squeeze: u8,
    prepared: &Prepared,
) -> Result<Layout, ()> {
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
    let m = Metrics::for_reader(width, presentation.style.text_scale.unwrap_or(1.0));
    let pass = Pass {
        spec,
        presentation,
        analysis: &prepared.analysis,
        axes: &prepared.axes,
        fm: &presentation.metrics,
        content_width: width - 2.0 * m.pad,
        m,
        palette: presentation.palette(theme),
        width,
        height,
        squeeze,
        force_markers,
    };
    let mut d = Drawing {
        shapes: vec![Shape::Rect {
            rect: Rect {
                x: 0.0,
                y: 0.0,
                width,
                height,
            },
            color: pass.palette.background,
        }],
        texts_placed: Vec::new(),
    };

    let header = pass.header(&mut d);
    let mut bottom = pass.footer(&mut d);
    let words = pass.band_words();
    let (t0, t1) = drawn_time_domain(spec);
    let plan = pass.band_plan(&words, (t0, t1), header.bottom, &mut bottom);

    let plot_top = header.bottom + plan.strip_height;
    let plot_bottom = (bottom - pass.time_axis_height()).max(plot_top + 40.0);
    // The top tick label is centred on the top grid line: keep it inside the plot.
    let data_top = plot_top + pass.m.tick * 0.75;
    let (axes, plot) = pass.value_axes(plot_top, plot_bottom, data_top);
    let time_scale = LinearScale {
        domain: (t0 as f64, t1 as f64),
        range: (plot.x, plot.right()),
    };

    pass.grid(&mut d, &axes, plot, &header);
    pass.time_axis(&mut d, plot, &time_scale, (t0, t1));
    let bands = pass.bands(&mut d, &plan, &words, plot, &time_scale)?;
    let mut data_lines = pass.counterfactuals(&mut d, &axes, &time_scale);
    pass.series(&mut d, &axes, &time_scale, plot, &mut data_lines);
    pass.annotations(&mut d, &axes, plot, &time_scale, data_top, &data_lines);

    Ok(Layout {
        width,
        height,
        theme,
        palette: pass.palette,
        plot,
        time_scale,
        axes,
        bands,
        shapes: d.shapes,
        font_family: presentation.font_family().to_string(),
        band_mode: plan.mode,
        // One offset for the read-out: the series' own when they agree (instants when not).
        point_offset_ms: {
            let halves: Vec<i64> = spec
                .series
                .iter()
                .map(|s| half_period_ms(&s.times_ms))
                .collect();
            match halves.first() {
                Some(h) if halves.iter().all(|x| x == h) => *h,
                _ => 0,
            }
        },
    })
}

impl Pass<'_> {
    /// A text shape in the chart's font.
    #[allow(clippy::too_many_arguments)]
    fn t(
        &self,
        role: TextRole,
        s: String,
        x: f64,
        y: f64,
        h: HAlign,
        v: VAlign,
        size: f64,
        bold: bool,
        color: Rgba,
    ) -> Shape {
        Shape::Text(text(self.fm, role, s, x, y, h, v, size, bold, color))
    }

    /// Most lines the title, subtitle and footer texts may take at this squeeze level.
    fn most(&self, share: f64, line: f64, squeezed: [usize; 2]) -> usize {
        let by_height = ((self.height * share / line).floor() as usize).max(2);
        match self.squeeze {
            // Unsqueezed, a text takes the lines it needs up to a dozen (only a pathological
            // one is cut; a chart too short for its texts squeezes them below).
            0 => by_height.max(12),
            1 => by_height.min(squeezed[0]),
            _ => by_height.min(squeezed[1]),
        }
    }

    fn line_h(&self) -> f64 {
        self.m.small * 1.3
    }

    fn tick_row(&self) -> f64 {
        self.m.tick * 1.35
    }

    /// From the axis line to the top of its labels: clear of the value axis' lowest label,
    /// which is centred on the line (it grows with the reader's text size).
    fn tick_gap(&self) -> f64 {
        8.0_f64.max(self.m.tick * 0.6 + 0.5)
    }

    fn time_axis_height(&self) -> f64 {
        self.tick_gap() - 2.0 + self.tick_row() * 2.0
    }

    fn radius(&self) -> f64 {
        (self.m.small * 0.75).round()
    }

    /// Title and subtitle, every word kept, wrapped to as many lines as needed; the legend;
    /// the row for the axis units.
    fn header(&self, d: &mut Drawing) -> Header {
        let (m, palette, fm) = (&self.m, &self.palette, self.fm);
        let mut y = m.pad;
        // (text, role, size, bold, colour, line height, share of the height, squeezed caps)
        let header = [
            (
                &self.spec.title,
                TextRole::Title,
                m.title,
                true,
                palette.text,
                1.25,
                0.25,
                [2, 1],
            ),
            (
                &self.spec.subtitle,
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
            let max = self.most(share, size * leading, squeezed);
            let lines = fm.wrap(text, size, bold, self.content_width);
            for line in cap_lines(fm, lines, max, size, bold, self.content_width) {
                d.shapes.push(self.t(
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
        y = self.legend(d, y);

        // Axis unit labels sit in a row above the plot, over their axis.
        let unit_row = m.tick * 1.5;
        let unit_row_y = y;
        if self.axes.iter().any(|a| !a.label.is_empty()) {
            y += unit_row;
        }
        Header {
            unit_row_y,
            unit_row,
            bottom: y,
        }
    }

    /// The legend from `y` (when there is more than one item); returns the y below it.
    fn legend(&self, d: &mut Drawing, mut y: f64) -> f64 {
        let (m, palette, fm) = (&self.m, &self.palette, self.fm);
        let two_axes = self.spec.series.iter().any(|s| s.axis == Axis::Right)
            && self.spec.series.iter().any(|s| s.axis == Axis::Left);
        let legend = legend_items(
            self.spec,
            self.analysis,
            palette,
            two_axes,
            self.presentation,
        );
        if legend.len() <= 1 {
            return y;
        }
        let row_height = m.legend * 1.5;
        let mut x = m.pad;
        let swatch = 16.0;
        for item in legend {
            let lines = fm.wrap(
                &item.label,
                m.legend,
                false,
                self.content_width - swatch - 6.0,
            );
            let item_width = swatch
                + 6.0
                + lines
                    .iter()
                    .map(|l| fm.width(l, m.legend, false))
                    .fold(0.0, f64::max);
            if x > m.pad && x + item_width > self.width - m.pad {
                x = m.pad;
                y += row_height;
            }
            let mid = y + row_height / 2.0;
            match item.kind {
                LegendKind::Line => d.shapes.push(Shape::Rect {
                    rect: Rect {
                        x,
                        y: mid - 1.5,
                        width: swatch,
                        height: 3.0,
                    },
                    color: item.color,
                }),
                LegendKind::Expected(line) => {
                    d.shapes.push(Shape::Rect {
                        rect: Rect {
                            x,
                            y: mid - 5.0,
                            width: swatch,
                            height: 10.0,
                        },
                        color: item.color,
                    });
                    // The range's outline, top and bottom, as on the plot.
                    for dy in [-5.0, 4.0] {
                        d.shapes.push(Shape::Rect {
                            rect: Rect {
                                x,
                                y: mid + dy,
                                width: swatch,
                                height: 1.0,
                            },
                            color: line,
                        });
                    }
                    for dx in [0.0, 9.0] {
                        d.shapes.push(Shape::Rect {
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
                d.shapes.push(self.t(
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
                x = self.width;
            }
        }
        y + row_height + 4.0
    }

    /// Source line(s) at the very bottom, notes above them; returns the y above them.
    fn footer(&self, d: &mut Drawing) -> f64 {
        let (m, fm, spec) = (&self.m, self.fm, self.spec);
        let mut bottom = self.height - m.pad;
        let words = &self.presentation.locale;
        let mut footer = crate::spec::provenance::source_line_in(spec, words).unwrap_or_default();
        if let Some(ms) = spec.updated {
            let when = crate::time::format_stamp_in(ms, &spec.options.time_zone, words);
            footer = format!(
                "{footer}{}{}",
                if footer.is_empty() { "" } else { " · " },
                words.fill("footer.updated", &[("when", &when)])
            );
        }
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
            let max = self.most(0.15, m.small * 1.35, [1, 1]);
            let lines = fm.wrap(&footer, m.small, false, self.content_width);
            let lines = cap_lines(fm, lines, max, m.small, false, self.content_width);
            bottom = push_footer_lines(
                &mut d.shapes,
                fm,
                lines,
                TextRole::Source,
                self.palette.muted_text,
                bottom,
                m,
            ) - 6.0;
        }
        let chance = self
            .analysis
            .chance_note
            .iter()
            .filter(|_| self.squeeze == 0);
        let note_lines: Vec<String> = chance
            .chain(&self.analysis.notes)
            .flat_map(|note| {
                let max = self.most(0.15, m.small * 1.35, [3, 2]);
                let lines = fm.wrap(note, m.small, false, self.content_width);
                cap_lines(fm, lines, max, m.small, false, self.content_width)
            })
            .collect();
        if !note_lines.is_empty() {
            bottom = push_footer_lines(
                &mut d.shapes,
                fm,
                note_lines,
                TextRole::Note,
                self.palette.band_text,
                bottom,
                m,
            ) - 4.0;
        }
        bottom
    }

    /// Each outage's label, verdict and key entry, in the locale's words.
    fn band_words(&self) -> Vec<BandWords> {
        let locale = &self.presentation.locale;
        self.spec
            .outages
            .iter()
            .enumerate()
            .map(|(i, o)| {
                // A squeezed chart keeps the verdict and its range, not what could have been
                // seen (the spoken summary keeps that).
                let texts = self
                    .analysis
                    .band_texts
                    .get(i)
                    .and_then(Option::as_ref)
                    .map(|t| t[usize::from(self.squeeze != 0)].clone());
                BandWords {
                    label: outage_label_in(o, locale),
                    verdict: texts.as_ref().map(|t| t.0.clone()),
                    key: match texts {
                        Some((_, list)) => locale.fill(
                            "band.key",
                            &[("label", &outage_label_in(o, locale)), ("verdict", &list)],
                        ),
                        None => outage_label_in(o, locale),
                    },
                }
            })
            .collect()
    }

    /// Band labels above their bands when they all fit there (in a trial plot, checked again
    /// in the real one), else numbered markers and a key, which takes room from `bottom`.
    fn band_plan(
        &self,
        words: &[BandWords],
        (t0, t1): (i64, i64),
        header_bottom: f64,
        bottom: &mut f64,
    ) -> BandPlan {
        let (m, fm, spec, width) = (&self.m, self.fm, self.spec, self.width);
        let right_axis = spec.series.iter().any(|s| s.axis == Axis::Right);
        let trial_scale = LinearScale {
            domain: (t0 as f64, t1 as f64),
            range: (
                m.pad + 48.0,
                width - m.pad - if right_axis { 48.0 } else { 4.0 },
            ),
        };
        let (line_h, radius) = (self.line_h(), self.radius());
        let mut plan = BandPlan {
            mode: if spec.outages.is_empty() {
                BandMode::None
            } else {
                BandMode::Markers
            },
            strip_height: 0.0,
            key_entries: Vec::new(),
        };
        if !spec.outages.is_empty() && !self.force_markers {
            let max_lines = if width < 480.0 { 3 } else { 4 };
            if let Some(blocks) = inline_blocks(
                spec,
                words,
                &trial_scale,
                fm,
                m.small,
                width - m.pad,
                max_lines,
            ) {
                let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
                let strip = lines * line_h + 6.0;
                let room = *bottom - self.time_axis_height() - header_bottom;
                // What numbering would cost instead: a row of markers and the key's lines.
                let key_lines: usize = words
                    .iter()
                    .map(|w| {
                        fm.wrap(
                            &w.key,
                            m.small,
                            false,
                            self.content_width - 2.0 * radius - 6.0,
                        )
                        .len()
                    })
                    .sum();
                let markers_cost =
                    2.0 * radius + 8.0 + key_lines as f64 * line_h + 4.0 * words.len() as f64;
                // Inline labels may take at most a fifth of the room the plot has, unless
                // numbering would take more.
                if strip <= room * 0.2 || strip <= markers_cost {
                    plan.mode = BandMode::Inline;
                    plan.strip_height = strip;
                }
            }
        }
        if plan.mode == BandMode::Markers {
            // On a second try the trial plot is taken narrower, so the rows reserved suffice.
            let marker_scale = if self.force_markers {
                LinearScale {
                    domain: trial_scale.domain,
                    range: (trial_scale.range.0 + 40.0, trial_scale.range.1 - 20.0),
                }
            } else {
                trial_scale
            };
            let markers = place_markers(spec, &marker_scale, radius);
            let rows = markers.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
            plan.strip_height = rows * (2.0 * radius + 3.0) + 5.0;
            let indent = 2.0 * radius + 6.0;
            let mut by_number = markers.clone();
            small_sort_by(&mut by_number, |a, b| a.1 < b.1);
            for (outage, number, _, _) in by_number {
                // "Label: −0.4%, within normal day-to-day variation (plausible range …)".
                // A pathological label is cut after four lines; the tooltip and table hold it.
                let lines = fm.wrap(
                    &words[outage].key,
                    m.small,
                    false,
                    self.content_width - indent,
                );
                plan.key_entries.push((
                    outage,
                    number,
                    // Four lines a key entry, more where the reader's text is larger.
                    cap_lines(
                        fm,
                        lines,
                        (5.0 * m.scale * m.scale).ceil() as usize,
                        m.small,
                        false,
                        self.content_width - indent,
                    ),
                ));
            }
            let key_height: f64 = plan
                .key_entries
                .iter()
                .map(|(_, _, lines)| lines.len().max(1) as f64 * line_h + 4.0)
                .sum();
            *bottom -= key_height + 4.0;
        }
        plan
    }

    /// The value axes: ticks depend on the plot's height, their labels' widths set the plot's
    /// width. Returns the axes and the plot's rectangle.
    fn value_axes(&self, plot_top: f64, plot_bottom: f64, data_top: f64) -> (Vec<ValueAxis>, Rect) {
        let (m, fm, presentation) = (&self.m, self.fm, self.presentation);
        let tick_count = ((plot_bottom - data_top) / 42.0).floor().limit(2.0, 8.0) as usize;
        let mut laid: Vec<ValueAxis> = Vec::new();
        let mut left_width = 0.0f64;
        let mut right_width = 0.0f64;
        let log = self.spec.options.log_scale;
        for axis in self.axes {
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
            laid.push(ValueAxis {
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
        let plot_right = self.width - m.pad - if right_width > 0.0 { right_width } else { 4.0 };
        let plot = Rect {
            x: plot_x,
            y: plot_top,
            width: (plot_right - plot_x).max(20.0),
            height: plot_bottom - plot_top,
        };
        (laid, plot)
    }

    /// Grid lines, value tick labels and the axis units.
    fn grid(&self, d: &mut Drawing, axes: &[ValueAxis], plot: Rect, header: &Header) {
        let (m, palette, presentation) = (&self.m, &self.palette, self.presentation);
        for axis in axes {
            // In a very short plot, label every other tick rather than stack labels.
            let mut last_label_y = f64::INFINITY;
            for v in &axis.ticks.values {
                let py = axis.y(*v).round();
                let label_clear = (last_label_y - py).abs() >= m.tick * 1.3;
                if axis.side == Axis::Left || !axes.iter().any(|a| a.side == Axis::Left) {
                    let color = if *v == 0.0 {
                        palette.baseline
                    } else {
                        palette.grid
                    };
                    d.shapes.push(Shape::Rect {
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
                let label = presentation.localize_number(&tick_label(
                    *v,
                    &axis.ticks,
                    &axis.unit,
                    axis.log,
                ));
                let (x, align) = match axis.side {
                    Axis::Left => (plot.x - 6.0, HAlign::Right),
                    Axis::Right => (plot.right() + 6.0, HAlign::Left),
                };
                d.shapes.push(self.t(
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
                    Axis::Right => (self.width - m.pad, HAlign::Right),
                };
                d.shapes.push(self.t(
                    TextRole::AxisUnit,
                    axis_header(&axis.unit, axis.log, &presentation.locale),
                    x,
                    header.unit_row_y + header.unit_row / 2.0,
                    align,
                    VAlign::Middle,
                    m.tick,
                    true,
                    palette.muted_text,
                ));
            }
        }
    }

    /// The time axis: its line, ticks and their labels (with a second row for context).
    fn time_axis(&self, d: &mut Drawing, plot: Rect, time_scale: &LinearScale, span: (i64, i64)) {
        let (m, palette) = (&self.m, &self.palette);
        let axis_y = plot.bottom();
        d.shapes.push(Shape::Rect {
            rect: Rect {
                x: plot.x,
                y: axis_y - 0.5,
                width: plot.width,
                height: 1.0,
            },
            color: palette.baseline,
        });
        for (tick, label_box, context_box) in time_tick_labels(
            self.presentation,
            span,
            &self.spec.options.time_zone,
            time_scale,
            self.width,
            m.pad,
            m.tick,
        ) {
            let x = time_scale.map(tick.ms as f64).round();
            d.shapes.push(Shape::Rect {
                rect: Rect {
                    x: x - 0.5,
                    y: axis_y,
                    width: 1.0,
                    height: 5.0,
                },
                color: palette.baseline,
            });
            d.shapes.push(self.t(
                TextRole::TimeTick,
                tick.label.clone(),
                label_box.x,
                axis_y + self.tick_gap(),
                HAlign::Left,
                VAlign::Top,
                m.tick,
                false,
                palette.muted_text,
            ));
            if let (Some(context), Some(cbox)) = (tick.context.clone(), context_box) {
                d.shapes.push(self.t(
                    TextRole::TimeTick,
                    context,
                    cbox.x,
                    axis_y + self.tick_gap() + self.tick_row(),
                    HAlign::Left,
                    VAlign::Top,
                    m.tick,
                    false,
                    palette.muted_text,
                ));
            }
        }
    }

    /// Outage bands under the data, their edges, and their labels as planned. Err when the
    /// planned labels above the bands do not fit the real plot.
    fn bands(
        &self,
        d: &mut Drawing,
        plan: &BandPlan,
        words: &[BandWords],
        plot: Rect,
        time_scale: &LinearScale,
    ) -> Result<Vec<BandBox>, ()> {
        let palette = &self.palette;
        let mut bands = Vec::new();
        for outage in &self.spec.outages {
            let (x0, x1) = band_range(outage, time_scale);
            d.shapes.push(Shape::Rect {
                rect: Rect {
                    x: x0,
                    y: plot.y,
                    width: x1 - x0,
                    height: plot.height,
                },
                color: palette.band,
            });
            bands.push(BandBox {
                label: outage_label_in(outage, &self.presentation.locale),
                x0,
                x1,
                label_box: None,
                leader: None,
                marker: None,
            });
        }
        // Under forced colours a band is hatched too: a fill alone may not show (issue 27).
        if self.presentation.style.forced_colors {
            for band in &bands {
                for segment in hatch(band.x0, band.x1, plot.y, plot.bottom(), 8.0) {
                    d.shapes.push(Shape::Line {
                        points: segment.to_vec(),
                        width: 1.0,
                        color: palette.band_edge,
                    });
                }
            }
        }
        // Band edges after all fills, so overlapping bands keep visible boundaries; never cut.
        // An ongoing outage has no closing edge: it is open at the end of the data.
        for (band, outage) in bands.iter().zip(&self.spec.outages) {
            let edges = if outage.ongoing {
                &[band.x0][..]
            } else {
                &[band.x0, band.x1][..]
            };
            for &x in edges {
                if x > plot.x + 0.5 && x < plot.right() - 0.5 {
                    d.shapes.push(Shape::Rect {
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
        match plan.mode {
            BandMode::None => {}
            BandMode::Inline => self.inline_labels(d, plan, words, plot, time_scale, &mut bands)?,
            BandMode::Markers => self.markers(d, plan, plot, time_scale, &mut bands)?,
        }
        Ok(bands)
    }

    /// Each band's label and verdict standing on the plot's top edge above it.
    fn inline_labels(
        &self,
        d: &mut Drawing,
        plan: &BandPlan,
        words: &[BandWords],
        plot: Rect,
        time_scale: &LinearScale,
        bands: &mut [BandBox],
    ) -> Result<(), ()> {
        let (m, line_h) = (&self.m, self.line_h());
        let blocks = inline_blocks(
            self.spec,
            words,
            time_scale,
            self.fm,
            m.small,
            self.width - m.pad,
            usize::MAX,
        )
        .ok_or(())?;
        let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
        if lines * line_h + 6.0 > plan.strip_height + 0.5 {
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
                d.shapes.push(self.t(
                    TextRole::BandLabel,
                    line,
                    anchor,
                    top + k as f64 * line_h,
                    align,
                    VAlign::Top,
                    m.small,
                    bold,
                    self.palette.band_text,
                ));
            }
            d.texts_placed.push(rect);
            if let Some(b) = bands.get_mut(block.outage) {
                b.label_box = Some(rect);
            }
        }
        Ok(())
    }

    /// A numbered marker above each band (tied to it by a leader when it had to move aside)
    /// and the key under the time axis, every label and verdict in full.
    fn markers(
        &self,
        d: &mut Drawing,
        plan: &BandPlan,
        plot: Rect,
        time_scale: &LinearScale,
        bands: &mut [BandBox],
    ) -> Result<(), ()> {
        let (m, fm, palette) = (&self.m, self.fm, &self.palette);
        let (radius, line_h) = (self.radius(), self.line_h());
        let placed = place_markers(self.spec, time_scale, radius);
        let rows = placed.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
        if rows * (2.0 * radius + 3.0) + 5.0 > plan.strip_height + 0.5 && !self.force_markers {
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
                // From over the band, even where the marker is wider than it.
                (row > 0).then_some(cx.limit(band.x0, band.x1))
            };
            if let Some(bx) = from {
                let leader = [(bx, plot.y), (cx, cy + radius)];
                d.shapes.push(Shape::Line {
                    points: leader.to_vec(),
                    width: 1.0,
                    color: palette.band_text,
                });
                band.leader = Some(leader);
            }
            push_marker(&mut d.shapes, fm, cx, cy, radius, number, palette, m.small);
            band.label_box = Some(rect);
            band.marker = Some(number);
            d.texts_placed.push(rect);
        }
        // The key, under the time axis: every label and verdict in full.
        let indent = 2.0 * radius + 6.0;
        let mut ky = plot.bottom() + self.time_axis_height() + 4.0;
        for (_, number, lines) in &plan.key_entries {
            let count = lines.len().max(1) as f64;
            push_marker(
                &mut d.shapes,
                fm,
                m.pad + radius,
                ky + line_h / 2.0 - 1.0,
                radius,
                *number,
                palette,
                m.small,
            );
            for (k, line) in lines.iter().enumerate() {
                d.shapes.push(self.t(
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
        Ok(())
    }

    /// Counterfactual bands: where a series would have gone had the outage's share gone dark.
    /// Returns their expected lines, which callouts keep clear of.
    fn counterfactuals(
        &self,
        d: &mut Drawing,
        axes: &[ValueAxis],
        time_scale: &LinearScale,
    ) -> Vec<Vec<(f64, f64)>> {
        let mut data_lines = Vec::new();
        for band in &self.analysis.counterfactuals {
            let Some(series) = self.spec.series.get(band.series) else {
                continue;
            };
            let Some(axis) = axes.iter().find(|a| a.side == series.axis) else {
                continue;
            };
            let half = half_period_ms(&series.times_ms) as f64;
            let at = |t: i64, v: f64| (time_scale.map(t as f64 + half), axis.y(v));
            let upper: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|(t, _, hi, _)| at(*t, *hi))
                .collect();
            let lower: Vec<(f64, f64)> = band
                .points
                .iter()
                .map(|(t, _, _, lo)| at(*t, *lo))
                .collect();
            d.shapes.push(Shape::Polygon {
                points: upper.iter().chain(lower.iter().rev()).copied().collect(),
                color: self.palette.counterfactual,
            });
            // Its bounds outlined (the fill alone is too faint to see, WCAG 1.4.11): thin and
            // solid, the dashed expected line between them.
            for bound in [upper, lower] {
                if bound.len() >= 2 {
                    d.shapes.push(Shape::Line {
                        points: bound,
                        width: 1.0,
                        color: self.palette.counterfactual_line,
                    });
                }
            }
            let expected: Vec<(f64, f64)> =
                band.points.iter().map(|(t, e, _, _)| at(*t, *e)).collect();
            for dash in dashed(&expected, 5.0, 4.0) {
                d.shapes.push(Shape::Line {
                    points: dash,
                    width: 1.5,
                    color: self.palette.counterfactual_line,
                });
            }
            data_lines.push(expected);
        }
        data_lines
    }

    /// The series, the first on top; with a rolling mean the raw line is drawn faint beneath
    /// it. Each point stands for its period (a day for daily data) and is drawn at its
    /// middle. Adds the drawn lines to `data_lines`; says so when there is nothing to draw.
    fn series(
        &self,
        d: &mut Drawing,
        axes: &[ValueAxis],
        time_scale: &LinearScale,
        plot: Rect,
        data_lines: &mut Vec<Vec<(f64, f64)>>,
    ) {
        let (m, palette, spec) = (&self.m, &self.palette, self.spec);
        let pixel_ratio = self.presentation.pixel_ratio;
        let mut any_value = false;
        for (index, series) in spec.series.iter().enumerate().rev() {
            let color = palette.series_color(index);
            let Some(axis) = axes.iter().find(|a| a.side == series.axis) else {
                continue;
            };
            let factor = series.unit.to_base_factor() / axis.unit.divisor;
            let half = half_period_ms(&series.times_ms) as f64;
            any_value |= series.values.iter().any(Option::is_some);
            let to_xy = |t: &i64, v: &f64| (time_scale.map(*t as f64 + half), axis.y(v * factor));
            let first = d.shapes.len();
            let times = &series.times_ms;
            let mut line = |values: &[Option<f64>], style: (Rgba, f64)| {
                push_series(&mut d.shapes, times, values, to_xy, style, pixel_ratio);
            };
            match self.analysis.rolling.get(index).and_then(|r| r.as_ref()) {
                Some(rolling) => {
                    if spec.options.show_raw {
                        line(
                            &series.values,
                            (Rgba { a: 0.4, ..color }, m.line_width * 0.6),
                        );
                    }
                    line(rolling, (color, m.line_width * 1.25));
                }
                None => line(&series.values, (color, m.line_width)),
            }
            for shape in &d.shapes[first..] {
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
            let note = self.presentation.locale.text("note.noValues").to_string();
            d.shapes.push(self.t(
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
    }

    /// Annotations: a marker on the series (or a rule for a time-only note) and a callout
    /// placed where it covers no line and no other text, tied by a leader when it had to move.
    fn annotations(
        &self,
        d: &mut Drawing,
        axes: &[ValueAxis],
        plot: Rect,
        time_scale: &LinearScale,
        data_top: f64,
        data_lines: &[Vec<(f64, f64)>],
    ) {
        for annotation in &self.spec.annotations {
            let series = annotation.series.and_then(|i| self.spec.series.get(i));
            let half = series.map_or(0, |s| half_period_ms(&s.times_ms));
            let x = time_scale.map(annotation.at_ms as f64);
            let marker_y = series.and_then(|s| {
                let axis = axes.iter().find(|a| a.side == s.axis)?;
                let value = value_at(&s.times_ms, &s.values, annotation.at_ms - half)?;
                Some(axis.y(value * s.unit.to_base_factor() / axis.unit.divisor))
            });
            self.annotation(d, &annotation.text, x, marker_y, plot, data_top, data_lines);
        }
    }

    /// One annotation's callout, marker or rule, and leader.
    #[allow(clippy::too_many_arguments)]
    fn annotation(
        &self,
        d: &mut Drawing,
        note: &str,
        x: f64,
        marker_y: Option<f64>,
        plot: Rect,
        data_top: f64,
        data_lines: &[Vec<(f64, f64)>],
    ) {
        let (m, fm, palette) = (&self.m, self.fm, &self.palette);
        let color = palette.text;
        // Wider and longer where the reader's text is larger.
        let callout_width = (plot.width * 0.45 * m.scale)
            .limit(80.0, 240.0 * m.scale)
            .min(plot.width - 8.0);
        let lines = fm.wrap(note, m.small, true, callout_width);
        let most = (5.0 * m.scale).ceil() as usize;
        let lines = cap_lines(fm, lines, most, m.small, true, callout_width);
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
                && !d.texts_placed.iter().any(|b| b.overlaps(r, 3.0))
                && !data_lines
                    .iter()
                    .any(|line| polyline_hits_rect(line, r, 2.0))
        };
        let mut candidates: Vec<Rect> = Vec::new();
        let clamp_x = |cx: f64| cx.limit(plot.x + 2.0, (plot.right() - 2.0 - w).max(plot.x + 2.0));
        match marker_y {
            Some(my) => {
                for dy in [12.0, 28.0, 48.0, 72.0, 100.0, 132.0].map(|dy| dy * m.scale) {
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
        d.texts_placed.push(callout_box);
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
                    d.shapes.push(Shape::Line {
                        points: vec![(x + (tx - x) * f, my + (ty - my) * f), (tx, ty)],
                        width: 1.0,
                        color: palette.muted_text,
                    });
                }
                d.shapes.push(Shape::Circle {
                    x,
                    y: my,
                    radius: 4.0,
                    color,
                    filled: false,
                    width: 1.5,
                });
            }
            None => {
                d.shapes.push(Shape::Line {
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
            d.shapes.push(Shape::Text(item));
        }
    }
}

/// Diagonal lines `spacing` px apart across the rectangle from `x0` to `x1` and `top` to
/// `bottom`, each clipped to it (rising to the right).
fn hatch(x0: f64, x1: f64, top: f64, bottom: f64, spacing: f64) -> Vec<[(f64, f64); 2]> {
    let mut lines = Vec::new();
    // Each line is x + y = c.
    let mut c = x0 + top + spacing / 2.0;
    while c < x1 + bottom {
        let (xa, xb) = ((c - bottom).max(x0), (c - top).min(x1));
        if xb > xa {
            lines.push([(xa, c - xa), (xb, c - xb)]);
        }
        c += spacing;
    }
    lines
}
