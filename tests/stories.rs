//! Real multi-event stories as an editor would publish them: the January 2022 Kazakhstan
//! story (the real daily series from ../shared/data, skipped with a message when absent, and
//! four overlapping and adjacent events), a ten-outage stress spec and a spec of long texts, at
//! 320, 375, 768 and 1280 px wide with the element's automatic height. Each is checked against
//! the layout invariants below and against its golden SVG (tests/golden/story_*.svg; rewrite
//! with UPDATE_GOLDEN=1 after reviewing the pictures).

mod common;

use common::{auto_height, layout, layout_with};
use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::layout::presentation::Style;
use hashrate_outage_chart::layout::{BandMode, Layout, Rect, Shape, TextRole};
use hashrate_outage_chart::{parse_spec, render_svg, Theme};
use serde_json::{json, Value};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(root().join(format!("tests/fixtures/{name}.json")))
        .expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

/// The Kazakhstan story: Bitcoin Visuals' daily estimate with its block counts, and the events.
fn kazakhstan() -> Option<String> {
    let path = root().join("../shared/data/kz_2022_window_daily.csv");
    let Ok(csv) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: {} is absent (real data lives in ../shared/data)",
            path.display()
        );
        return None;
    };
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next()?.split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (date, value, blocks) = (
        col("date_utc"),
        col("bitcoinvisuals_hash_rate_eh_per_s"),
        col("blocks_per_day_bitcoinvisuals"),
    );
    let mut points = Vec::new();
    let mut counts = Vec::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        points.push(json!([cells[date], cells[value].parse::<f64>().ok()?]));
        counts.push(json!(cells[blocks].parse::<u64>().ok()?));
    }
    let text = std::fs::read_to_string(root().join("tests/data/kazakhstan_2022_events.json"))
        .expect("events readable");
    let mut spec: Value = serde_json::from_str(&text).expect("events are JSON");
    spec["title"] = json!("Did Kazakhstan's January 2022 shutdowns move Bitcoin's hash rate?");
    spec["subtitle"] = json!("Daily hash rate estimated from the blocks mined each UTC day; internet and power outages in Kazakhstan shaded");
    spec["series"] = json!([{ "id": "hashrate", "label": "Hash rate (daily estimate)", "unit": "EH/s",
        "points": points, "blocks": counts, "source": "Bitcoin Visuals" }]);
    Some(spec.to_string())
}

/// The whole 2009-2025 daily history on a log scale (the shared file; None when absent).
fn full_history() -> Option<String> {
    let path = root().join("../shared/data/btc_hashrate_daily_2009-2025.csv");
    let csv = std::fs::read_to_string(&path).ok()?;
    let points: Vec<Value> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cells = l.split(',');
            let day = cells.next()?;
            let value = cells.next()?.parse::<f64>().ok()?;
            Some(json!([day, value]))
        })
        .collect();
    Some(
        json!({
            "title": "Bitcoin's hash rate since 2009, on a log scale",
            "series": [{ "id": "h", "label": "Hash rate", "unit": "H/s", "points": points, "source": "Bitcoin Visuals" }],
            "outages": [{ "start": "2021-05-21", "end": "2021-07-01", "label": "China bans mining" }],
            "options": { "scale": "log" },
        })
        .to_string(),
    )
}

/// The Kazakhstan files as `convert` makes them into a chart, with only a title and one
/// label given: what a newsroom gets without hand edits.
fn converted_kazakhstan() -> Option<String> {
    use hashrate_outage_chart::adapters::{convert, ConvertOptions, InputFile};
    let dir = root().join("../shared/data");
    let window = std::fs::read(dir.join("kz_2022_window_daily.csv")).ok()?;
    let events = std::fs::read(dir.join("events_kazakhstan_2022.csv")).ok()?;
    let options = ConvertOptions {
        title: Some("Bitcoin's hash rate and Kazakhstan's January 2022 outages".into()),
        labels: vec![
            ("bchain_hash_rate_eh_per_s".into(), "blockchain.com".into()),
            (
                "bitcoinvisuals_hash_rate_eh_per_s".into(),
                "Bitcoin Visuals".into(),
            ),
        ],
        ..ConvertOptions::default()
    };
    let files = [
        InputFile {
            name: "kz_2022_window_daily.csv",
            bytes: &window,
        },
        InputFile {
            name: "events_kazakhstan_2022.csv",
            bytes: &events,
        },
    ];
    Some(
        convert(&files, &options)
            .expect("the shared files convert")
            .spec
            .to_string(),
    )
}

fn stories() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(converted) = converted_kazakhstan() {
        out.push(("converted_kazakhstan", converted));
    }
    if let Some(kz) = kazakhstan() {
        out.push(("kazakhstan_2022", kz));
    }
    if let Some(full) = full_history() {
        out.push(("full_history_log", full));
    }
    out.push((
        "stress_10_outages",
        fixture("stress_10_outages").to_string(),
    ));
    out.push(("long_texts", fixture("long_texts").to_string()));
    out
}

const WIDTHS: [f64; 4] = [320.0, 375.0, 768.0, 1280.0];

/// Every line a series or the expected line draws (leaders and rules are thinner).
fn data_segments(chart: &Layout) -> Vec<&Vec<(f64, f64)>> {
    chart
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Line { points, width, .. } if *width >= 1.2 => Some(points),
            _ => None,
        })
        .collect()
}

fn crosses(points: &[(f64, f64)], r: &Rect) -> bool {
    hashrate_outage_chart::layout::polyline_hits_rect(points, r, 0.0)
}

fn check_invariants(name: &str, chart: &Layout, spec: &hashrate_outage_chart::Spec) -> Vec<String> {
    let mut failures = Vec::new();
    let (w, h) = (chart.width, chart.height);
    let at = format!("{name} at {w}x{h}");
    let texts: Vec<_> = chart.texts().collect();
    for t in &texts {
        let b = t.bounds();
        if b.x < -0.5 || b.right() > w + 0.5 || b.y < -0.5 || b.bottom() > h + 0.5 {
            failures.push(format!(
                "{at}: {:?} '{}' leaves the chart ({b:?})",
                t.role, t.text
            ));
        }
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            if a.bounds().overlaps(&b.bounds(), -0.5) {
                failures.push(format!(
                    "{at}: {:?} '{}' overlaps {:?} '{}'",
                    a.role, a.text, b.role, b.text
                ));
            }
        }
    }
    for t in &texts {
        if t.text.ends_with('…') {
            failures.push(format!(
                "{at}: {:?} '{}' is cut at the automatic height",
                t.role, t.text
            ));
        }
    }
    let plot = chart.plot;
    let lines = data_segments(chart);
    let mut label_area_in_plot = 0.0;
    for t in &texts {
        let b = t.bounds();
        let inside = b.overlaps(&plot, -0.5);
        if !inside {
            continue;
        }
        if t.role == TextRole::BandLabel {
            label_area_in_plot += b.height;
        }
        if lines.iter().any(|l| crosses(l, &b)) {
            failures.push(format!(
                "{at}: {:?} '{}' inside the plot crosses a data line",
                t.role, t.text
            ));
        }
    }
    for (i, band) in chart.bands.iter().enumerate() {
        let Some(label) = band.label_box else {
            failures.push(format!(
                "{at}: band {i} '{}' has no label or marker",
                band.label
            ));
            continue;
        };
        let over_own = label.x < band.x1 && band.x0 < label.right();
        if !over_own && band.leader.is_none() {
            failures.push(format!("{at}: band {i} label {label:?} neither over its band [{}, {}] nor tied by a leader", band.x0, band.x1));
        }
        if let Some([from, _]) = band.leader {
            if from.0 < band.x0 - 0.5 || from.0 > band.x1 + 0.5 {
                failures.push(format!("{at}: band {i} leader starts off its band"));
            }
        }
        if chart.band_mode == BandMode::Inline {
            // An inline label spans no band that does not overlap its own in time.
            let own = &spec.outages[i];
            for (j, other) in chart.bands.iter().enumerate() {
                let o = &spec.outages[j];
                let in_time = o.start_ms < own.end_ms && own.start_ms < o.end_ms;
                if j != i && !in_time && label.x < other.x1 && other.x0 < label.right() {
                    failures.push(format!("{at}: label of band {i} lies over band {j}"));
                }
            }
        }
    }
    if (w - 375.0).abs() < 0.5 {
        if plot.height < 200.0 {
            failures.push(format!("{at}: the plot is only {} px high", plot.height));
        }
        if label_area_in_plot > plot.height * 0.3 {
            failures.push(format!(
                "{at}: band labels cover {label_area_in_plot} px of the plot"
            ));
        }
    }
    failures
}

/// The invariants for each spec at every width (automatic height), in each theme; asserts none fail.
fn assert_invariants(specs: Vec<(&str, String)>, themes: &[Theme]) {
    let mut failures = Vec::new();
    let presentation = Presentation::default();
    for (name, text) in specs {
        let spec = parse_spec(&text).expect("valid spec");
        for w in WIDTHS {
            let h = auto_height(&spec, w, &presentation);
            for theme in themes {
                failures.extend(check_invariants(name, &layout(&spec, w, h, *theme), &spec));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn no_chart_text_is_under_12_px_at_any_width() {
    let presentation = Presentation::default();
    let mut small = Vec::new();
    for (name, text) in stories() {
        let spec = parse_spec(&text).expect("valid spec");
        for w in WIDTHS {
            let chart = layout(&spec, w, auto_height(&spec, w, &presentation), Theme::Light);
            small.extend(
                chart
                    .texts()
                    .filter(|t| t.size < 12.0)
                    .map(|t| format!("{name} at {w}: {:?} '{}' {} px", t.role, t.text, t.size)),
            );
        }
    }
    assert!(small.is_empty(), "{}", small.join("\n"));
}

#[test]
fn the_readers_text_at_200_percent_doubles_the_chart_text_and_keeps_the_invariants() {
    // The element hands the core the root's font size over 16 px (README "Accessibility").
    let presentation = Presentation {
        style: Style {
            text_scale: Some(2.0),
            ..Style::default()
        },
        ..Presentation::default()
    };
    let mut failures = Vec::new();
    for (name, text) in stories() {
        let spec = parse_spec(&text).expect("valid spec");
        for w in WIDTHS {
            let plain = layout(
                &spec,
                w,
                auto_height(&spec, w, &Presentation::default()),
                Theme::Light,
            );
            let h = auto_height(&spec, w, &presentation);
            let big = layout_with(&spec, w, h, Theme::Light, &presentation);
            // One allowance: on a phone a long callout may have no spot clear of the line in
            // a 200 px plot; it is drawn over it with its halo (the glyphs outlined in the
            // background colour), so it stays legible.
            failures.extend(
                check_invariants(&format!("{name} (text 200%)"), &big, &spec)
                    .into_iter()
                    .filter(|f| !(f.contains("Annotation") && f.ends_with("crosses a data line"))),
            );
            assert!(big
                .texts()
                .filter(|t| t.role == TextRole::Annotation)
                .all(|t| t.halo.is_some()));
            for role in [
                TextRole::Title,
                TextRole::ValueTick,
                TextRole::TimeTick,
                TextRole::Source,
            ] {
                let size = |c: &Layout| {
                    c.texts()
                        .filter(|t| t.role == role)
                        .map(|t| t.size)
                        .fold(f64::NAN, f64::min)
                };
                let (a, b) = (size(&plain), size(&big));
                if a.is_finite() && (b.is_nan() || b < 1.5 * a) {
                    failures.push(format!(
                        "{name} at {w}: {role:?} {a} px grew only to {b} px"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn the_real_stories_are_among_those_checked() {
    // The invariants and goldens below include the real stories only when ../shared/data is
    // there; this says so visibly (ignored without it) and fails if they went missing.
    let names: Vec<&str> = stories().iter().map(|(n, _)| *n).collect();
    for real in [
        "converted_kazakhstan",
        "kazakhstan_2022",
        "full_history_log",
    ] {
        assert!(names.contains(&real), "{real} is missing from {names:?}");
    }
}

#[test]
fn stories_keep_the_layout_invariants_at_every_width() {
    let stories = stories();
    // The verdicts as the key prints them (`cargo test --test stories -- --nocapture`).
    for (name, text) in &stories {
        let spec = parse_spec(text).expect("valid story");
        let chart = layout(&spec, 1280.0, 800.0, Theme::Light);
        for t in chart.texts().filter(|t| t.role == TextRole::Key) {
            eprintln!("{name}: {}", t.text);
        }
    }
    assert_invariants(stories, &[Theme::Light, Theme::Dark]);
}

#[test]
fn existing_fixtures_keep_the_band_invariants_too() {
    let names = [
        "outages_annotations",
        "simulated_counterfactual",
        "rolling_average",
        "two_axes",
        "one_series",
        "span_hours",
        "gaps",
    ];
    let specs = names.iter().map(|n| (*n, fixture(n).to_string())).collect();
    assert_invariants(specs, &[Theme::Light]);
}

#[test]
fn many_or_crowded_outages_are_numbered_with_a_key_and_nothing_is_left_off() {
    let spec = parse_spec(&fixture("stress_10_outages").to_string()).expect("valid");
    for w in WIDTHS {
        let chart = layout(
            &spec,
            w,
            auto_height(&spec, w, &Presentation::default()),
            Theme::Light,
        );
        assert_eq!(chart.band_mode, BandMode::Markers, "at {w}");
        let mut numbers: Vec<usize> = chart.bands.iter().filter_map(|b| b.marker).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=10).collect::<Vec<_>>(), "at {w}");
        let key: String = chart
            .texts()
            .filter(|t| t.role == TextRole::Key)
            .map(|t| t.text.clone())
            .collect::<Vec<_>>()
            .join(" ");
        for o in &spec.outages {
            let label = o.label.as_deref().unwrap_or_default();
            assert!(key.contains(label), "at {w}: the key names '{label}'");
        }
        assert!(
            !key.contains('…'),
            "at {w}: nothing in the key is cut: {key}"
        );
        assert!(
            !chart.texts().any(|t| t.text.contains("left off")),
            "at {w}"
        );
    }
}

#[test]
fn one_roomy_outage_is_labelled_directly_above_its_band() {
    let text = fixture("simulated_counterfactual").to_string();
    let spec = parse_spec(&text).expect("valid");
    let chart = layout(&spec, 800.0, 450.0, Theme::Light);
    assert_eq!(chart.band_mode, BandMode::Inline);
    let band = &chart.bands[0];
    let label = band.label_box.expect("label box");
    assert!(label.bottom() <= chart.plot.y, "above the plot: {label:?}");
    // Computed from the fixture's literal times, not the layout's own scale.
    let (t0, t1) = (spec.series[0].times_ms[0] as f64, chart.time_scale.domain.1);
    let x_of = |t: f64| chart.plot.x + (t - t0) / (t1 - t0) * chart.plot.width;
    let start = x_of(spec.outages[0].start_ms as f64);
    let end = x_of(spec.outages[0].end_ms as f64);
    assert!((band.x0 - start).abs() < 0.5 && (band.x1 - end).abs() < 0.5);
    // Starts at the band's start, or (too near the right edge for that) ends at its end.
    assert!(
        (label.x - start).abs() < 0.5 || (label.right() - end).abs() < 0.5,
        "{label:?} over [{start}, {end}]"
    );
}

#[test]
fn story_goldens_match() {
    let update = std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1");
    let mut failures = Vec::new();
    for (name, text) in stories() {
        let spec = parse_spec(&text).expect("valid");
        for w in WIDTHS {
            let h = auto_height(&spec, w, &Presentation::default()).round();
            for (theme, suffix) in [(None, ""), (Some(Theme::Dark), "_dark")] {
                if suffix == "_dark" && w != 375.0 {
                    continue;
                }
                let svg = render_svg(&spec, w as u32, h as u32, theme).expect("renders");
                let file = format!("story_{name}_{w}{suffix}.svg");
                let path = root().join("tests/golden").join(&file);
                if update {
                    std::fs::write(&path, &svg).expect("write golden");
                    continue;
                }
                match std::fs::read_to_string(&path) {
                    Ok(golden) if golden == svg => {}
                    Ok(_) => {
                        let _ = std::fs::write(path.with_extension("actual.svg"), &svg);
                        failures.push(format!("{file} differs (see .actual.svg)"));
                    }
                    Err(_) => failures.push(format!("{file} is missing: run make golden")),
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
