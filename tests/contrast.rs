//! Contrast as a reader sees it (WCAG 1.4.3 and 1.4.11), measured on the colours the layout
//! reports for real stories, light and dark, at phone and desktop widths: every text 4.5:1
//! against what is painted under it; every band edge 3:1 against the background, its band's
//! fill and two fills overlapping; the expected range's outline 3:1 against the background,
//! the range's fill and the range over a band.

mod common;

use common::{auto_height, layout};
use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::layout::{Layout, Shape};
use hashrate_outage_chart::spec::theme::Rgba;
use hashrate_outage_chart::{parse_spec, Theme};
use std::path::PathBuf;

fn read(path: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The demo's Kazakhstan story (real block counts; three outages, two of them overlapping),
/// its simulation with the expected range, the ten-outage stress story and long texts.
fn stories() -> Vec<(&'static str, String)> {
    vec![
        ("kazakhstan-2022", read("www/data/kazakhstan-2022.json")),
        (
            "kazakhstan-simulated",
            read("www/data/kazakhstan-simulated.json"),
        ),
        (
            "stress_10_outages",
            read("tests/fixtures/stress_10_outages.json"),
        ),
        (
            "simulated_counterfactual",
            read("tests/fixtures/simulated_counterfactual.json"),
        ),
        ("long_texts", read("tests/fixtures/long_texts.json")),
    ]
}

fn laid_out() -> Vec<(String, Layout)> {
    let mut out = Vec::new();
    for (name, text) in stories() {
        let spec = parse_spec(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for width in [320.0, 375.0, 1280.0] {
            let height = auto_height(&spec, width, &Presentation::default());
            for theme in [Theme::Light, Theme::Dark] {
                let chart = layout(&spec, width, height, theme);
                out.push((format!("{name} at {width} px, {theme:?}"), chart));
            }
        }
    }
    out
}

fn inside_polygon(points: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    let mut j = points.len() - 1;
    for i in 0..points.len() {
        let ((xi, yi), (xj, yj)) = (points[i], points[j]);
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// The colour painted at `point` by the filled shapes before `before` (rectangles, discs,
/// polygons; strokes left out), composited over the background.
fn painted_at(chart: &Layout, before: usize, point: (f64, f64)) -> Rgba {
    let mut color = chart.palette.background;
    for shape in &chart.shapes[..before] {
        let (fill, hit) = match shape {
            Shape::Rect { rect, color } => (
                *color,
                point.0 >= rect.x
                    && point.0 < rect.right()
                    && point.1 >= rect.y
                    && point.1 < rect.bottom(),
            ),
            Shape::Circle {
                x,
                y,
                radius,
                color,
                filled: true,
                ..
            } => (*color, (point.0 - x).hypot(point.1 - y) <= *radius),
            Shape::Polygon { points, color } => (*color, inside_polygon(points, point)),
            _ => continue,
        };
        if hit {
            color = fill.over(color);
        }
    }
    color
}

#[test]
fn every_text_has_4_5_to_1_against_what_is_under_it() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, chart) in laid_out() {
        for (i, shape) in chart.shapes.iter().enumerate() {
            let Shape::Text(t) = shape else { continue };
            let b = t.bounds();
            let cy = b.y + b.height / 2.0;
            for x in [
                b.x + b.width * 0.25,
                b.x + b.width / 2.0,
                b.x + b.width * 0.75,
            ] {
                let under = painted_at(&chart, i, (x, cy));
                // A halo (a callout over data) is what the glyphs stand on.
                let ground = t.halo.map(|h| h.over(under)).unwrap_or(under);
                let ratio = t.color.over(ground).contrast(ground);
                checked += 1;
                if ratio < 4.5 {
                    failures.push(format!(
                        "{name}: {:?} {:?} is {ratio:.2}:1 on {ground:?}",
                        t.role, t.text
                    ));
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} samples");
    assert!(
        failures.is_empty(),
        "{} texts under 4.5:1:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn band_edges_and_the_range_outline_have_3_to_1_against_their_neighbours() {
    let mut edges = 0;
    let mut outlines = 0;
    for (name, chart) in laid_out() {
        let p = &chart.palette;
        let fills = p.band_fills();
        let range = p.counterfactual.over(p.background);
        let range_on_band = p.counterfactual.over(fills[1]);
        for shape in &chart.shapes {
            match shape {
                Shape::Rect { rect, color } if *color == p.band_edge && rect.width <= 1.0 => {
                    edges += 1;
                    assert_eq!(color.a, 1.0, "{name}: the band edge is opaque");
                    for fill in fills {
                        let ratio = color.contrast(fill);
                        assert!(
                            ratio >= 3.0,
                            "{name}: band edge {color:?} on {fill:?} is {ratio:.2}:1"
                        );
                    }
                }
                Shape::Line { color, width, .. }
                    if *color == p.counterfactual_line && *width == 1.0 =>
                {
                    outlines += 1;
                    for fill in [p.background, range, range_on_band] {
                        let ratio = color.contrast(fill);
                        assert!(
                            ratio >= 3.0,
                            "{name}: range outline on {fill:?} is {ratio:.2}:1"
                        );
                    }
                }
                _ => {}
            }
        }
    }
    // Every story has bands; the two simulations draw the range, outlined top and bottom.
    assert!(edges >= 5 * 6 * 2, "{edges} band edges");
    assert!(outlines >= 2 * 6 * 2, "{outlines} range outlines");
}

#[test]
fn forced_colours_draw_in_the_colours_given_and_hatch_every_band() {
    use common::layout_with;
    use hashrate_outage_chart::layout::presentation::parse_style;
    // Windows' "Night sky" high-contrast palette: Canvas, CanvasText, Highlight, GrayText.
    let style = parse_style(
        r##"{"background":"#000000","text":"#ffffff","mutedText":"#ffffff","grid":"#a6a6a6",
            "band":"#1aebff","series":["#ffffff","#1aebff"],"forcedColors":true}"##,
    )
    .expect("valid");
    let presentation = Presentation {
        style,
        ..Presentation::default()
    };
    for (name, text) in stories() {
        let spec = parse_spec(&text).expect("valid");
        let chart = layout_with(&spec, 800.0, 600.0, Theme::Light, &presentation);
        let p = &chart.palette;
        assert_eq!(
            (p.background.r, p.text.r, p.band_text.r),
            (0, 255, 255),
            "{name}"
        );
        for fill in p.band_fills() {
            assert!(
                p.band_edge.contrast(fill) >= 3.0,
                "{name}: edge on {fill:?}"
            );
        }
        for band in &chart.bands {
            let hatched = chart.shapes.iter().any(|s| match s {
                Shape::Line { points, color, .. } => {
                    *color == p.band_edge
                        && points.len() == 2
                        && points[0].1 != points[1].1
                        && points
                            .iter()
                            .all(|(x, _)| *x >= band.x0 - 1e-9 && *x <= band.x1 + 1e-9)
                }
                _ => false,
            });
            assert!(hatched, "{name}: band {} is not hatched", band.label);
        }
        // Without forcedColors, no hatching.
        let plain = layout(&spec, 800.0, 600.0, Theme::Light);
        let diagonal = plain.shapes.iter().any(|s| matches!(s, Shape::Line { points, color, .. } if *color == plain.palette.band_edge && points.len() == 2 && points[0].0 != points[1].0));
        assert!(!diagonal, "{name}");
    }
}
