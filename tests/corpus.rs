//! The bad-and-odd-input corpus (tests/corpus/cases.json): every case gives exactly its
//! expected outcome natively — the error (JSON path first) or a chart whose text stays inside
//! it and whose SVG carries no markup from the spec. The browser test runs the same file.

mod common;

use common::layout;
use hashrate_outage_chart::{parse_spec, render_svg, Theme};
use serde_json::Value;

fn cases() -> Vec<Value> {
    let text = include_str!("corpus/cases.json");
    serde_json::from_str::<Value>(text)
        .expect("cases.json")
        .as_array()
        .cloned()
        .expect("an array")
}

/// The input text of a case.
fn input(case: &Value) -> String {
    match (
        case.get("spec"),
        case.get("generate").and_then(Value::as_str),
    ) {
        (Some(Value::String(raw)), _) => raw.clone(),
        (Some(other), _) => other.to_string(),
        (None, Some("deep")) => format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        (None, Some("large")) => {
            // About 50 MB: 1.6 million hourly points.
            let mut s = String::with_capacity(52_000_000);
            s.push_str(r#"{"title":"A 50 MB spec","series":[{"id":"h","unit":"EH/s","t":["#);
            let start = 946_684_800_000i64;
            for i in 0..1_600_000i64 {
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&(start + i * 3_600_000).to_string());
            }
            s.push_str(r#"],"v":["#);
            for i in 0..1_600_000i64 {
                if i > 0 {
                    s.push(',');
                }
                s.push_str(&format!("{}.{:03}", 100 + i % 97, i % 1000));
            }
            s.push_str("]}]}");
            s
        }
        _ => panic!("case {case} has no input"),
    }
}

#[test]
fn corpus_has_at_least_sixty_cases_with_one_expected_outcome_each() {
    let all = cases();
    assert!(all.len() >= 60, "{} cases", all.len());
    for case in &all {
        let has_error = case.get("error").is_some();
        let has_ok = case.get("ok") == Some(&Value::Bool(true));
        assert!(
            has_error != has_ok,
            "case {} needs exactly one of error / ok",
            case["name"]
        );
        // A note says what a case shows; a check makes the test show it.
        if case.get("note").is_some() {
            assert!(
                case.get("checks")
                    .and_then(Value::as_array)
                    .is_some_and(|c| !c.is_empty()),
                "case {} has a note and no checks",
                case["name"]
            );
        }
    }
}

#[test]
fn every_case_gives_its_expected_outcome() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap_or("?").to_string();
        let text = input(&case);
        let result = parse_spec(&text);
        match (case.get("error").and_then(Value::as_str), result) {
            (Some(expected), Err(e)) => {
                if !e.to_string().starts_with(expected) {
                    failures.push(format!(
                        "{name}: expected an error starting {expected:?}, got {:?}",
                        e.to_string()
                    ));
                }
            }
            (Some(expected), Ok(_)) => failures.push(format!(
                "{name}: expected the error {expected:?}, but it validated"
            )),
            (None, Err(e)) => failures.push(format!("{name}: expected a chart, got the error {e}")),
            (None, Ok(spec)) => {
                let checks: Vec<&str> = case
                    .get("checks")
                    .and_then(Value::as_array)
                    .map(|c| c.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                let mut rendered = false;
                for (w, h) in [(800.0, 450.0), (320.0, 400.0)] {
                    let chart = layout(&spec, w, h, Theme::Light);
                    for check in &checks {
                        let ok = match *check {
                            "axis covers the outages" => spec.outages.iter().all(|o| {
                                chart.time_scale.domain.0 <= o.start_ms as f64
                                    && o.end_ms as f64 <= chart.time_scale.domain.1
                            }),
                            "bands at least 2 px wide" => {
                                chart.bands.iter().all(|b| b.x1 - b.x0 >= 2.0 - 1e-9)
                            }
                            "title cut with an ellipsis" => chart
                                .texts()
                                .filter(|t| {
                                    t.role == hashrate_outage_chart::layout::TextRole::Title
                                })
                                .last()
                                .is_some_and(|t| t.text.ends_with('…')),
                            "no markup in the SVG" | "renders natively" => true, // below
                            other => {
                                failures.push(format!("{name}: unknown check {other:?}"));
                                true
                            }
                        };
                        if !ok {
                            failures.push(format!("{name} at {w}x{h}: {check} does not hold"));
                        }
                    }
                    for t in chart.texts() {
                        let b = t.bounds();
                        if b.x < -0.5 || b.right() > w + 0.5 || b.y < -0.5 || b.bottom() > h + 0.5 {
                            failures.push(format!(
                                "{name} at {w}x{h}: {:?} text {:?} leaves the chart",
                                t.role,
                                t.text.chars().take(30).collect::<String>()
                            ));
                        }
                    }
                    match render_svg(&spec, w as u32, h as u32, None) {
                        Ok(svg) => {
                            rendered = true;
                            let lower = svg.to_ascii_lowercase();
                            // Markup from the spec would appear as a raw tag; escaped text ("&lt;svg onload…") is fine.
                            for bad in [
                                "<script",
                                "<img",
                                "<a ",
                                "<svg onload",
                                "<b>",
                                "<i>",
                                "<u>",
                                "<!--",
                            ] {
                                if lower.contains(bad) {
                                    failures.push(format!(
                                        "{name}: SVG contains {bad:?} from the spec"
                                    ));
                                }
                            }
                            if !svg.starts_with("<svg") || !svg.trim_end().ends_with("</svg>") {
                                failures.push(format!("{name}: SVG is not one document"));
                            }
                        }
                        Err(e) => failures.push(format!("{name}: render failed: {e}")),
                    }
                }
                if checks.contains(&"renders natively") && !rendered {
                    failures.push(format!("{name}: never rendered"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
