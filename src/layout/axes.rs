//! The axes stage: the value axes' plans (unit, ticks, labels; one per side), the time domain
//! the chart shows, the plot they leave (`plot_area`), the grid with the value labels and
//! units, and the time axis with its tick labels placed without overlap.

use super::display::{HAlign, Rect, Shape, TextRole, VAlign, ValueAxis};
use super::frame::{Drawing, Frame, PlotArea};
use super::header::Header;
use super::lines::Look;
use super::series::half_period_ms;
use crate::layout::presentation::Presentation;
use crate::layout::scale::{log_ticks, value_ticks, LinearScale, ValueTicks};
use crate::spec::{Axis, Spec};
use crate::text::numtext::Limit;
use crate::text::units::{format_tick, DisplayUnit, Unit};
use crate::time;

pub(super) struct AxisPlan {
    pub(super) side: Axis,
    pub(super) unit: DisplayUnit,
    /// Extent of the data in display units, already widened to include zero where that is honest.
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) label: String,
}

/// A value tick's label: on a log hash-rate axis each power of ten in the unit that reads
/// best for it ("1 MH/s", "100 EH/s"), else the number at the axis' step.
pub(super) fn tick_label(value: f64, ticks: &ValueTicks, unit: &DisplayUnit, log: bool) -> String {
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
pub(super) fn axis_header(
    unit: &DisplayUnit,
    log: bool,
    locale: &crate::text::i18n::Locale,
) -> String {
    match (log, &unit.unit) {
        (false, _) => unit.label.clone(),
        (true, Unit::HashRate(_)) => locale.text("axis.log").to_string(),
        (true, _) if unit.label.is_empty() => locale.text("axis.log").to_string(),
        (true, _) => locale.fill("axis.unitLog", &[("unit", &unit.label)]),
    }
}

/// One value axis per side that has series: a shared display unit and the data extent.
pub(super) fn value_axes(spec: &Spec) -> Vec<AxisPlan> {
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
    match spec.extent() {
        None => (0, time::MS_PER_DAY),
        Some((t0, t1)) if t0 == t1 => (t0 - time::MS_PER_DAY / 2, t1 + time::MS_PER_DAY / 2),
        Some(span) => span,
    }
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

pub(super) type PlacedTick = (time::TimeTick, Rect, Option<Rect>);

/// Time ticks whose labels fit: the most ticks whose label boxes do not overlap and stay
/// inside the chart, falling back to dropping colliding labels.
pub(super) fn time_tick_labels(
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

impl Frame<'_> {
    /// The plot from `plot_top` to above the time axis, which ends at `bottom`: its value axes
    /// and box (`value_axes`), and the time scale across it.
    pub(super) fn plot_area(&self, plot_top: f64, bottom: f64) -> PlotArea {
        let plot_bottom = (bottom - self.time_axis_height()).max(plot_top + 40.0);
        // The top tick label is centred on the top grid line: keep it inside the plot.
        let data_top = plot_top + self.m.tick * 0.75;
        let (axes, rect) = self.value_axes(plot_top, plot_bottom, data_top);
        let (t0, t1) = self.prepared.domain;
        PlotArea {
            time_scale: LinearScale {
                domain: (t0 as f64, t1 as f64),
                range: (rect.x, rect.right()),
            },
            rect,
            axes,
            data_top,
        }
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
        for axis in &self.prepared.axes {
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
    pub(super) fn grid(&self, d: &mut Drawing, area: &PlotArea, header: &Header) {
        let (m, palette, presentation) = (&self.m, &self.palette, self.presentation);
        let (axes, plot) = (&area.axes, area.rect);
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
                    label,
                    (x, py),
                    (align, VAlign::Middle),
                    Look {
                        role: TextRole::ValueTick,
                        size: m.tick,
                        bold: false,
                        color: palette.muted_text,
                    },
                ));
            }
            if !axis.unit.label.is_empty() {
                let (x, align) = match axis.side {
                    Axis::Left => (m.pad, HAlign::Left),
                    Axis::Right => (self.width - m.pad, HAlign::Right),
                };
                d.shapes.push(self.t(
                    axis_header(&axis.unit, axis.log, &presentation.locale),
                    (x, header.unit_row_y + header.unit_row / 2.0),
                    (align, VAlign::Middle),
                    Look {
                        role: TextRole::AxisUnit,
                        size: m.tick,
                        bold: true,
                        color: palette.muted_text,
                    },
                ));
            }
        }
    }

    /// The time axis: its line, ticks and their labels (with a second row for context).
    pub(super) fn time_axis(&self, d: &mut Drawing, area: &PlotArea) {
        let (m, palette) = (&self.m, &self.palette);
        let (plot, time_scale) = (area.rect, &area.time_scale);
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
        let label_look = Look {
            role: TextRole::TimeTick,
            size: m.tick,
            bold: false,
            color: palette.muted_text,
        };
        for (tick, label_box, context_box) in time_tick_labels(
            self.presentation,
            self.prepared.domain,
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
                tick.label.clone(),
                (label_box.x, axis_y + self.tick_gap()),
                (HAlign::Left, VAlign::Top),
                label_look,
            ));
            if let (Some(context), Some(cbox)) = (tick.context.clone(), context_box) {
                d.shapes.push(self.t(
                    context,
                    (cbox.x, axis_y + self.tick_gap() + self.tick_row()),
                    (HAlign::Left, VAlign::Top),
                    label_look,
                ));
            }
        }
    }
}
