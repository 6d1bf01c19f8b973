//! The read-out: hit-testing a pixel to the nearest data time, what each series shows there
//! (in its display unit) and which outages cover it, and the crosshair shapes for the overlay
//! layer. Pure; the web module draws the shapes on the overlay canvas.

use crate::text::numtext::Limit;

use crate::analysis::expected::ExpectedRange;
use crate::analysis::{display_unit_of, point_spacing_ms};
use crate::layout::{Layout, Rect, Shape};
use crate::spec::theme::Rgba;
use crate::spec::Spec;

/// The read-out positions: every distinct data time of every series, ascending. Each series'
/// times are strictly ascending (validated), so they are merged, not sorted: one series is a
/// copy, on every `setColumns` of a million points.
pub fn readout_times(spec: &Spec) -> Vec<i64> {
    let mut times: Vec<i64> = Vec::new();
    for series in &spec.series {
        times = if times.is_empty() {
            series.times_ms.clone()
        } else {
            merge_distinct(&times, &series.times_ms)
        };
    }
    times
}

/// Two strictly ascending lists as one, each time once.
fn merge_distinct(a: &[i64], b: &[i64]) -> Vec<i64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x <= y => {
                i += 1;
                j += usize::from(x == y);
                x
            }
            (_, Some(&y)) => {
                j += 1;
                y
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (None, None) => break,
        };
        out.push(next);
    }
    out
}

/// Index of the time nearest `t` (ties go to the earlier one); None when there are none.
pub fn nearest_time_index(times: &[i64], t: f64) -> Option<usize> {
    if times.is_empty() || !t.is_finite() {
        return None;
    }
    let i = times.partition_point(|&x| (x as f64) < t);
    if i == 0 {
        return Some(0);
    }
    if i >= times.len() {
        return Some(times.len() - 1);
    }
    let (before, after) = (times[i - 1] as f64, times[i] as f64);
    Some(if t - before <= after - t { i - 1 } else { i })
}

/// The read-out index under the CSS pixel column `x` (clamped to the plot).
pub fn index_at_x(layout: &Layout, times: &[i64], x: f64) -> Option<usize> {
    let x = x.limit(layout.plot.x, layout.plot.right());
    // Points are drawn at the middle of their period: anywhere in a day finds that day.
    nearest_time_index(
        times,
        layout.time_scale.invert(x) - layout.point_offset_ms as f64,
    )
}

/// One series at the read-out time.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadoutEntry {
    pub series_id: String,
    pub label: String,
    /// In the display unit; None in a gap or outside the series.
    pub value: Option<f64>,
    pub unit: String,
    pub color: Rgba,
    /// Where the value sits, CSS px.
    pub y: Option<f64>,
    /// Words after the value: an expected value's range ("95% range 125 to 186 EH/s").
    pub note: Option<String>,
}

/// What the read-out shows at one data time.
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    pub index: usize,
    /// Unix ms.
    pub time_ms: i64,
    /// CSS px.
    pub x: f64,
    pub entries: Vec<ReadoutEntry>,
    /// Labels of the outages overlapping this read-out's period.
    pub outages: Vec<String>,
}

/// The value of a series for the period containing `t`: each point stands for
/// [t_i, t_i + its spacing), so a daily estimate answers for any hour of its day.
pub fn value_covering(times: &[i64], values: &[Option<f64>], t: i64) -> Option<f64> {
    let spacing = point_spacing_ms(times);
    let i = times.partition_point(|&x| x <= t).checked_sub(1)?;
    let start = *times.get(i)?;
    let end = times
        .get(i + 1)
        .copied()
        .unwrap_or(start.saturating_add(spacing))
        .min(start.saturating_add(spacing));
    if t < end || t == start {
        values.get(i).copied().flatten()
    } else {
        None
    }
}

/// The read-out at `index` of `times`, with the value and range of each expected range
/// (`layout::Prepared::expected_ranges`) that has a point there.
/// `locale` names an unlabelled outage in the reader's words.
pub fn readout(
    spec: &Spec,
    layout: &Layout,
    times: &[i64],
    index: usize,
    ranges: &[ExpectedRange],
    locale: &crate::text::i18n::Locale,
) -> Option<Readout> {
    let t = *times.get(index)?;
    // The spacing (a median over up to 1,001 gaps) only for the last point, not per move.
    let period_end = times
        .get(index + 1)
        .copied()
        .unwrap_or_else(|| t.saturating_add(point_spacing_ms(times)));
    let entries = spec
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // The axis already knows its unit; scanning the data again would cost O(n) per move.
            let unit = layout
                .axis(s.axis)
                .map_or_else(|| display_unit_of(spec, s), |a| a.unit.clone());
            let factor = s.unit.to_base_factor() / unit.divisor;
            let value = value_covering(&s.times_ms, &s.values, t).map(|v| v * factor);
            let y = value.and_then(|v| layout.axis(s.axis).map(|a| a.y(v)));
            ReadoutEntry {
                series_id: s.id.clone(),
                label: s.label.clone(),
                value,
                unit: unit.label,
                color: layout.palette.series_color(i),
                y,
                note: None,
            }
        })
        .chain(expected_entries(spec, layout, ranges, t, locale))
        .collect();
    let outages = spec
        .outages
        .iter()
        .filter(|o| o.start_ms < period_end && t < o.end_ms)
        .map(|o| crate::spec::outage_label_in(o, locale))
        .collect();
    Some(Readout {
        index,
        time_ms: t,
        x: layout.time_scale.map((t + layout.point_offset_ms) as f64),
        entries,
        outages,
    })
}

/// The expected ranges' entries at time `t`: "Expected if 13.2% had gone dark", its value on
/// the expected line, its range in words.
fn expected_entries<'a>(
    spec: &'a Spec,
    layout: &'a Layout,
    ranges: &'a [ExpectedRange],
    t: i64,
    locale: &'a crate::text::i18n::Locale,
) -> impl Iterator<Item = ReadoutEntry> + 'a {
    ranges.iter().filter_map(move |range| {
        let (expected, low, high) = range.at(t)?;
        let series = spec.series.get(range.series)?;
        let (_, level) = range.share_and_level_in(locale);
        let show = |v: f64| locale.number(&crate::analysis::format_display(v, &range.unit));
        Some(ReadoutEntry {
            series_id: format!("expected-{}", range.outage),
            label: range.label_in(locale),
            value: Some(expected),
            unit: range.unit.clone(),
            color: layout.palette.counterfactual_line,
            y: layout.axis(series.axis).map(|a| a.y(expected)),
            note: Some(locale.fill(
                "expected.readout",
                &[
                    ("range", &level),
                    ("low", &show(low)),
                    ("high", &show(high)),
                ],
            )),
        })
    })
}

/// Whether any read-out time falls off local midnight (else dates alone suffice).
pub fn has_time_of_day(times: &[i64], zone: impl crate::time::Offsets) -> bool {
    times
        .iter()
        .any(|&t| (t + i64::from(zone.at(t)) * 60_000).rem_euclid(crate::time::MS_PER_DAY) != 0)
}

/// The crosshair and point markers for the overlay layer.
pub fn readout_shapes(layout: &Layout, readout: &Readout) -> Vec<Shape> {
    let p = &layout.palette;
    // From the top of the data area (below any band labels) to the time axis.
    let top = layout
        .axes
        .first()
        .map_or(layout.plot.y, |a| a.scale.range.1.min(a.scale.range.0));
    let mut shapes = vec![Shape::Rect {
        rect: Rect {
            x: readout.x - 0.5,
            y: top,
            width: 1.0,
            height: layout.plot.bottom() - top,
        },
        color: Rgba { a: 0.55, ..p.text },
    }];
    for entry in &readout.entries {
        if let Some(y) = entry.y {
            shapes.push(Shape::Circle {
                x: readout.x,
                y,
                radius: 5.5,
                color: p.background,
                filled: true,
                width: 0.0,
            });
            shapes.push(Shape::Circle {
                x: readout.x,
                y,
                radius: 3.5,
                color: entry.color,
                filled: true,
                width: 0.0,
            });
        }
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_plain as layout;
    use crate::spec::{parse_spec, Theme};

    fn spec() -> Spec {
        parse_spec(
            r#"{"series":[
                {"id":"h","label":"Hash rate","unit":"TH/s","points":[["2022-01-04",177400000],["2022-01-05",181000000],["2022-01-06",null],["2022-01-07",169000000]]},
                {"id":"c","label":"Connectivity","unit":"%","axis":"right","t":["2022-01-05T00:00:00Z","2022-01-05T12:00:00Z"],"v":[100,5]}],
              "outages":[{"start":"2022-01-05T11:00:00Z","end":"2022-01-07T00:00:00Z","label":"Blackout"}]}"#,
        )
        .expect("valid")
    }

    #[test]
    fn readout_times_are_every_series_time_once_ascending() {
        let t = |d: &str| crate::time::parse_iso8601(d).unwrap();
        let times = readout_times(&spec());
        assert_eq!(
            times,
            [
                t("2022-01-04"),
                t("2022-01-05"),
                t("2022-01-05T12:00:00Z"),
                t("2022-01-06"),
                t("2022-01-07")
            ],
            "the shared 5 January once"
        );
        assert_eq!(
            merge_distinct(&[1, 4, 9], &[2, 4, 10, 11]),
            [1, 2, 4, 9, 10, 11]
        );
        assert_eq!(merge_distinct(&[], &[3]), [3]);
        assert_eq!(merge_distinct(&[3, 5], &[]), [3, 5]);
    }

    #[test]
    fn nearest_time_picks_the_closer_neighbour() {
        let times = [0, 10, 20];
        assert_eq!(nearest_time_index(&times, -5.0), Some(0));
        assert_eq!(nearest_time_index(&times, 4.0), Some(0));
        assert_eq!(nearest_time_index(&times, 5.0), Some(0));
        assert_eq!(nearest_time_index(&times, 6.0), Some(1));
        assert_eq!(nearest_time_index(&times, 99.0), Some(2));
        assert_eq!(nearest_time_index(&[], 1.0), None);
        assert_eq!(nearest_time_index(&times, f64::NAN), None);
    }

    #[test]
    fn a_pixel_maps_to_the_nearest_data_time() {
        let s = spec();
        let l = layout(&s, 800.0, 450.0, Theme::Light);
        let times = readout_times(&s);
        assert_eq!(times.len(), 5, "union of both series' times");
        for (i, t) in times.iter().enumerate() {
            let x = l.time_scale.map((*t + l.point_offset_ms) as f64);
            assert_eq!(index_at_x(&l, &times, x), Some(i));
            assert_eq!(index_at_x(&l, &times, x + 0.4), Some(i));
        }
        assert_eq!(
            index_at_x(&l, &times, -100.0),
            Some(0),
            "left of the plot clamps"
        );
        assert_eq!(index_at_x(&l, &times, 10_000.0), Some(times.len() - 1));
    }

    #[test]
    fn a_daily_point_is_found_anywhere_in_its_day() {
        let s = parse_spec(
            r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-04",177],["2022-01-05",181],["2022-01-06",176],["2022-01-07",169]]}]}"#,
        )
        .expect("valid");
        let l = layout(&s, 800.0, 450.0, Theme::Light);
        let times = readout_times(&s);
        assert_eq!(l.point_offset_ms, crate::time::MS_PER_DAY / 2);
        // 5 Jan 00:30 and 23:30 UTC both read out 5 Jan, drawn at its noon.
        let day = crate::time::MS_PER_DAY;
        for minutes in [30, 23 * 60 + 30] {
            let x = l.time_scale.map((times[1] + minutes * 60_000) as f64);
            assert_eq!(
                index_at_x(&l, &times, x),
                Some(1),
                "{minutes} min into 5 Jan"
            );
        }
        let r = readout(&s, &l, &times, 1, &[], crate::text::i18n::english()).expect("read-out");
        assert!((r.x - l.time_scale.map((times[1] + day / 2) as f64)).abs() < 1e-9);
        // The last day is drawn whole: the axis runs to the end of 7 Jan.
        assert_eq!(l.time_scale.domain.1 as i64, times[3] + day);
    }

    #[test]
    fn read_out_values_are_in_display_units_and_name_the_outage() {
        let s = spec();
        let l = layout(&s, 800.0, 450.0, Theme::Light);
        let times = readout_times(&s);
        // 2022-01-05T12:00Z: the hash-rate day of the 5th, connectivity 5 %, inside the blackout.
        let noon = times
            .iter()
            .position(|t| *t == 1_641_384_000_000)
            .expect("noon is a data time");
        let r = readout(&s, &l, &times, noon, &[], crate::text::i18n::english()).expect("readout");
        assert!((r.entries[0].value.expect("hash rate") - 181.0).abs() < 1e-9);
        assert_eq!(r.entries[0].unit, "EH/s");
        assert_eq!(r.entries[1].value, Some(5.0));
        assert_eq!(r.entries[1].unit, "%");
        assert_eq!(r.outages, vec!["Blackout"]);
        // The 6th is a gap in the hash rate; the connectivity series has ended.
        let sixth = times
            .iter()
            .position(|t| *t == 1_641_427_200_000)
            .expect("6th");
        let r = readout(&s, &l, &times, sixth, &[], crate::text::i18n::english()).expect("readout");
        assert_eq!(r.entries[0].value, None);
        assert_eq!(r.entries[0].y, None);
        // The 4th is before the blackout.
        let r = readout(&s, &l, &times, 0, &[], crate::text::i18n::english()).expect("readout");
        assert!(r.outages.is_empty());
        // The 5th at midnight: its period (to noon) overlaps the blackout from 11:00.
        let r = readout(&s, &l, &times, 1, &[], crate::text::i18n::english()).expect("readout");
        assert_eq!(r.outages, vec!["Blackout"]);
    }

    #[test]
    fn crosshair_sits_at_the_read_out_time_with_a_marker_per_value() {
        let s = spec();
        let l = layout(&s, 800.0, 450.0, Theme::Light);
        let times = readout_times(&s);
        let r = readout(&s, &l, &times, 1, &[], crate::text::i18n::english()).expect("readout");
        let shapes = readout_shapes(&l, &r);
        match &shapes[0] {
            Shape::Rect { rect, .. } => assert!((rect.x + 0.5 - r.x).abs() < 1e-9),
            other => panic!("crosshair first, got {other:?}"),
        }
        let markers = shapes
            .iter()
            .filter(|s| matches!(s, Shape::Circle { .. }))
            .count();
        assert_eq!(markers, 4, "two series with values, ring + dot each");
    }

    #[test]
    fn daily_data_has_no_time_of_day() {
        assert!(!has_time_of_day(&[0, 86_400_000], 0));
        assert!(has_time_of_day(&[0, 3_600_000], 0));
        assert!(
            has_time_of_day(&[0], 360),
            "midnight UTC is 06:00 at +06:00"
        );
    }
}
