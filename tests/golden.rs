//! Golden SVG tests: each fixture is rendered natively and compared byte for byte with
//! tests/golden/NAME.svg. A missing golden fails; UPDATE_GOLDEN=1 (`make golden`) rewrites
//! them; a mismatch writes tests/golden/NAME.actual.svg beside the golden for review.

use hashrate_outage_chart::{parse_spec, render_svg, Theme};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// (golden name, fixture, width, height, theme override)
const CASES: &[(&str, &str, u32, u32, Option<Theme>)] = &[
    ("one_series", "one_series", 800, 450, None),
    ("two_axes", "two_axes", 800, 450, None),
    ("outages_annotations", "outages_annotations", 800, 450, None),
    ("gaps", "gaps", 800, 450, None),
    ("dark_theme", "dark_theme", 800, 450, None),
    ("dark_override", "two_axes", 800, 450, Some(Theme::Dark)),
    ("span_hours", "span_hours", 800, 450, None),
    // Named zones: Almaty across Kazakhstan's change to UTC+5 (1 March 2024), Berlin across
    // its spring-forward; the browser's Intl must give the same (tests/browser/svg-parity).
    ("zone_almaty_2024", "zone_almaty_2024", 800, 450, None),
    ("zone_berlin_dst", "zone_berlin_dst", 800, 450, None),
    ("span_months", "span_months", 800, 450, None),
    ("span_years", "span_years", 800, 450, None),
    ("narrow_phone", "outages_annotations", 340, 420, None),
    (
        "simulated_counterfactual",
        "simulated_counterfactual",
        800,
        450,
        None,
    ),
    ("rolling_average", "rolling_average", 800, 450, None),
    ("rolling_average_narrow", "rolling_average", 360, 480, None),
];

fn check(
    name: &str,
    fixture: &str,
    width: u32,
    height: u32,
    theme: Option<Theme>,
) -> Result<(), String> {
    let dir = root();
    let spec_text = std::fs::read_to_string(dir.join("fixtures").join(format!("{fixture}.json")))
        .map_err(|e| format!("{fixture}: cannot read fixture: {e}"))?;
    let spec = parse_spec(&spec_text).map_err(|e| format!("{fixture}: invalid fixture: {e}"))?;
    let svg = render_svg(&spec, width, height, theme)
        .map_err(|e| format!("{name}: render failed: {e}"))?;
    let golden_path = dir.join("golden").join(format!("{name}.svg"));
    let actual_path = dir.join("golden").join(format!("{name}.actual.svg"));
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(&golden_path, &svg)
            .map_err(|e| format!("{name}: cannot write golden: {e}"))?;
        let _ = std::fs::remove_file(&actual_path);
        return Ok(());
    }
    let golden = match std::fs::read_to_string(&golden_path) {
        Ok(g) => g,
        Err(_) => {
            let _ = std::fs::write(&actual_path, &svg);
            return Err(format!(
                "{name}: golden {} is missing; review {} and run `make golden` to accept it",
                golden_path.display(),
                actual_path.display()
            ));
        }
    };
    if golden == svg {
        let _ = std::fs::remove_file(&actual_path);
        return Ok(());
    }
    let _ = std::fs::write(&actual_path, &svg);
    let line = golden
        .lines()
        .zip(svg.lines())
        .position(|(a, b)| a != b)
        .map_or_else(
            || golden.lines().count().min(svg.lines().count()) + 1,
            |i| i + 1,
        );
    Err(format!(
        "{name}: rendering differs from the golden at line {line}; the new one is at {} (run `make golden` if the change is intended)",
        actual_path.display()
    ))
}

#[test]
fn golden_svgs_match() {
    let failures: Vec<String> = CASES
        .iter()
        .filter_map(|(name, fixture, w, h, theme)| check(name, fixture, *w, *h, *theme).err())
        .collect();
    assert!(
        failures.is_empty(),
        "golden mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn rendering_is_deterministic() {
    let text =
        std::fs::read_to_string(root().join("fixtures/outages_annotations.json")).expect("fixture");
    let spec = parse_spec(&text).expect("valid fixture");
    let a = render_svg(&spec, 640, 400, None).expect("render");
    let b = render_svg(&spec, 640, 400, None).expect("render");
    assert_eq!(a, b);
}
