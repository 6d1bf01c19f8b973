//! Layout invariants at many sizes: no text leaves the chart, no two labels overlap,
//! bands sit where their times are, and lines stay inside the plot.

mod common;

use common::layout;
use hashrate_outage_chart::layout::{Shape, TextRole};
use hashrate_outage_chart::{parse_spec, Spec, Theme};

const FIXTURES: &[&str] = &[
    "one_series",
    "two_axes",
    "outages_annotations",
    "gaps",
    "dark_theme",
    "span_hours",
    "span_months",
    "span_years",
    "simulated_counterfactual",
    "rolling_average",
];

fn fixture(name: &str) -> Spec {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture readable");
    parse_spec(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const SIZES: &[(f64, f64)] = &[
    (320.0, 400.0),
    (375.0, 300.0),
    (480.0, 320.0),
    (640.0, 400.0),
    (800.0, 450.0),
    (1200.0, 600.0),
    (1600.0, 600.0),
];

#[test]
fn text_stays_inside_the_chart() {
    for name in FIXTURES {
        let spec = fixture(name);
        for &(w, h) in SIZES {
            let chart = layout(&spec, w, h, Theme::Light);
            for t in chart.texts() {
                let b = t.bounds();
                assert!(
                    b.x >= -0.5 && b.right() <= w + 0.5,
                    "{name} at {w}x{h}: {:?} '{}' leaves the chart horizontally ({:?})",
                    t.role,
                    t.text,
                    b
                );
                assert!(
                    b.y >= -0.5 && b.bottom() <= h + 0.5,
                    "{name} at {w}x{h}: {:?} '{}' leaves the chart vertically ({:?})",
                    t.role,
                    t.text,
                    b
                );
            }
        }
    }
}

#[test]
fn no_two_labels_overlap() {
    for name in FIXTURES {
        let spec = fixture(name);
        for &(w, h) in SIZES {
            let chart = layout(&spec, w, h, Theme::Light);
            let texts: Vec<_> = chart.texts().filter(|t| t.role != TextRole::Note).collect();
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    assert!(
                        !a.bounds().overlaps(&b.bounds(), -1.0),
                        "{name} at {w}x{h}: {:?} '{}' overlaps {:?} '{}'",
                        a.role,
                        a.text,
                        b.role,
                        b.text
                    );
                }
            }
        }
    }
}

#[test]
fn time_ticks_are_labelled_at_every_size() {
    for name in FIXTURES {
        let spec = fixture(name);
        for &(w, h) in SIZES {
            let chart = layout(&spec, w, h, Theme::Light);
            let ticks = chart
                .texts()
                .filter(|t| t.role == TextRole::TimeTick)
                .count();
            assert!(ticks >= 2, "{name} at {w}x{h}: only {ticks} time labels");
        }
    }
}

#[test]
fn lines_stay_inside_the_plot() {
    for name in FIXTURES {
        let spec = fixture(name);
        let chart = layout(&spec, 800.0, 450.0, Theme::Light);
        let p = chart.plot;
        for shape in &chart.shapes {
            if let Shape::Line { points, .. } = shape {
                for (x, y) in points {
                    assert!(
                        *x >= p.x - 0.01
                            && *x <= p.right() + 0.01
                            && *y >= p.y - 0.01
                            && *y <= p.bottom() + 0.01,
                        "{name}: point ({x}, {y}) outside plot {p:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn outage_band_sits_at_its_times() {
    let spec = fixture("outages_annotations");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    let blackout = &spec.outages[1];
    let band = chart
        .bands
        .iter()
        .find(|b| b.label == "Nationwide blackout")
        .expect("band laid out");
    // From the fixture's literal times, not the layout's own scale: the axis runs from the
    // first day (20 Dec 2021) to the end of the last (20 Jan 2022 + one day, each a whole day);
    // the blackout is 5 Jan 11:00 to 7 Jan 00:00 UTC.
    let (t0, t1) = (1_639_958_400_000.0, 1_642_636_800_000.0 + 86_400_000.0);
    let x = |t: f64| chart.plot.x + (t - t0) / (t1 - t0) * chart.plot.width;
    assert_eq!(blackout.start_ms, 1_641_380_400_000);
    assert!(
        (band.x0 - x(1_641_380_400_000.0)).abs() < 1e-6,
        "{} vs {}",
        band.x0,
        x(1_641_380_400_000.0)
    );
    assert!((band.x1 - x(1_641_513_600_000.0)).abs() < 1e-6);
    let band_rects = chart
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Rect { color, .. } if *color == chart.palette.band))
        .count();
    assert_eq!(band_rects, 2);
}

#[test]
fn hash_rate_in_th_is_shown_in_eh_from_zero() {
    let spec = fixture("one_series");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    let axis = &chart.axes[0];
    assert_eq!(axis.unit.label, "EH/s");
    assert_eq!(axis.ticks.domain.0, 0.0);
    assert!(axis.ticks.domain.1 >= 180.0 && axis.ticks.domain.1 <= 250.0);
    assert!(chart
        .texts()
        .any(|t| t.role == TextRole::AxisUnit && t.text == "EH/s"));
}

#[test]
fn legend_appears_only_with_several_series() {
    let one = layout(&fixture("one_series"), 800.0, 450.0, Theme::Light);
    assert_eq!(
        one.texts().filter(|t| t.role == TextRole::Legend).count(),
        0
    );
    let two = layout(&fixture("two_axes"), 800.0, 450.0, Theme::Light);
    let legend: Vec<_> = two
        .texts()
        .filter(|t| t.role == TextRole::Legend)
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(
        legend,
        vec!["Hash rate (left)", "Kazakhstan connectivity (right)"]
    );
}

#[test]
fn gaps_break_the_line_and_lone_points_become_dots() {
    let chart = layout(&fixture("gaps"), 800.0, 450.0, Theme::Light);
    let lines = chart
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Line { .. }))
        .count();
    let dots = chart
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Circle { filled: true, .. }))
        .count();
    // Gaps at 5,6 / 14 / 20 / 22 leave segments 0-4, 7-13, 15-19, 21 (alone), 23-31.
    assert_eq!(lines, 4, "four line segments");
    assert_eq!(dots, 1, "one lone point drawn as a dot");
}

#[test]
fn dark_theme_has_a_dark_background() {
    let chart = layout(&fixture("dark_theme"), 800.0, 450.0, Theme::Dark);
    assert!(chart.palette.background.luminance() < 0.05);
    assert!(chart.palette.text.contrast(chart.palette.background) >= 7.0);
}

fn band_texts(chart: &hashrate_outage_chart::layout::Layout) -> Vec<String> {
    chart
        .texts()
        .filter(|t| t.role == TextRole::BandLabel)
        .map(|t| t.text.clone())
        .collect()
}

#[test]
fn bands_state_the_measured_impact_unless_turned_off() {
    let spec = fixture("simulated_counterfactual");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    let texts = band_texts(&chart).join(" ");
    assert!(
        texts.ends_with("−3.6%: within normal day-to-day variation (plausible range −20% to +14%); a loss under about 23% would not show"),
        "{texts:?}"
    );
    let mut off = spec.clone();
    off.options.impact = false;
    let texts = band_texts(&layout(&off, 800.0, 450.0, Theme::Light));
    assert_eq!(texts, vec!["Kazakhstan blackout (simulated)"]);
}

#[test]
fn an_outage_with_a_share_gets_a_counterfactual_band() {
    let spec = fixture("simulated_counterfactual");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    let polygons: Vec<_> = chart
        .shapes
        .iter()
        .filter(|s| matches!(s, Shape::Polygon { .. }))
        .collect();
    assert_eq!(polygons.len(), 1);
    if let Shape::Polygon { points, .. } = polygons[0] {
        // Spans the outage: from the day before it to the day after.
        let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
        let band = &chart.bands[0];
        assert!(xs.iter().cloned().fold(f64::INFINITY, f64::min) < band.x0);
        assert!(xs.iter().cloned().fold(f64::NEG_INFINITY, f64::max) >= band.x1 - 1.0);
    }
    assert!(chart.texts().any(|t| t.role == TextRole::Legend
        && t.text == "Expected if 13.2% had gone dark (shaded: 95% range)"));
    let mut no_share = spec.clone();
    no_share.outages[0].share = None;
    let chart = layout(&no_share, 800.0, 450.0, Theme::Light);
    assert!(!chart
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Polygon { .. })));
}

#[test]
fn a_rolling_window_longer_than_the_outage_warns_how_much_it_dilutes() {
    let spec = fixture("rolling_average");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    let note: String = chart
        .texts()
        .filter(|t| t.role == TextRole::Note)
        .map(|t| t.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(note.contains("7-day centred average"), "{note}");
    assert!(note.contains("about 21% of its size"), "{note}");
    assert!(
        note.contains("a 13.2% loss would show as at most 2.8%"),
        "{note}"
    );
    let mut short_window = spec.clone();
    short_window.options.rolling_average_days = Some(2);
    short_window.outages[0].end_ms = short_window.outages[0].start_ms + 3 * 86_400_000;
    let chart = layout(&short_window, 800.0, 450.0, Theme::Light);
    assert_eq!(
        chart.texts().filter(|t| t.role == TextRole::Note).count(),
        0
    );
}

#[test]
fn each_axis_shows_the_display_unit_the_table_and_summary_use() {
    use hashrate_outage_chart::analysis::display_unit_of;
    for name in FIXTURES {
        let spec = fixture(name);
        let chart = layout(&spec, 800.0, 450.0, Theme::Light);
        assert!(!chart.axes.is_empty());
        for axis in &chart.axes {
            let series = spec.series.iter().find(|s| s.axis == axis.side).unwrap();
            assert_eq!(
                axis.unit,
                display_unit_of(&spec, series),
                "{name}: {:?} axis",
                axis.side
            );
        }
    }
}
