//! The native command: renders SVG, and an invalid spec exits 2 with the error on stderr.

mod common;

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hashrate-outage-chart"))
}

/// Asserts a command succeeded and printed exactly the committed file `relative` (demo data
/// made by a command, kept in step); returns the file's text.
fn committed_output(output: &std::process::Output, relative: &str) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = env!("CARGO_MANIFEST_DIR");
    let committed = std::fs::read_to_string(format!("{root}/{relative}")).expect("demo data");
    assert!(
        committed == String::from_utf8_lossy(&output.stdout),
        "{relative} is stale: run `make demo-data`"
    );
    committed
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn render_writes_an_svg_of_the_requested_size() {
    let out = std::env::temp_dir().join(format!("hoc-cli-{}.svg", std::process::id()));
    let status = bin()
        .args(["render", &fixture("readme_example.json"), "-o"])
        .arg(&out)
        .args(["--width", "640", "--height", "360", "--theme", "dark"])
        .status()
        .expect("runs");
    assert!(status.success());
    let svg = std::fs::read_to_string(&out).expect("written");
    let _ = std::fs::remove_file(&out);
    assert!(
        svg.starts_with("<svg width=\"640\" height=\"360\""),
        "{}",
        &svg[..80.min(svg.len())]
    );
    assert!(svg.contains("Kazakhstan internet shutdown"));
    assert!(svg.contains("fill=\"#121417\""), "dark background");
}

#[test]
fn invalid_spec_exits_2_with_the_error_on_stderr() {
    let dir = std::env::temp_dir().join(format!("hoc-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let spec = dir.join("bad.json");
    std::fs::write(&spec, r#"{"serie": []}"#).expect("write");
    let output = bin()
        .args(["render"])
        .arg(&spec)
        .arg("-o")
        .arg(dir.join("out.svg"))
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("serie: unknown key"), "{stderr}");
    assert!(
        !dir.join("out.svg").exists(),
        "no output for an invalid spec"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn usage_errors_exit_2_and_missing_files_exit_1() {
    let output = bin()
        .args(["render", "--width", "abc", "x.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--width"));
    let output = bin()
        .args(["render", "/nonexistent/spec.json"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let output = bin().args(["draw"]).output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn impact_prints_one_result_per_outage_and_series() {
    let output = bin()
        .args(["impact", &fixture("simulated_counterfactual.json")])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let items = json.as_array().expect("array");
    assert_eq!(items.len(), 1);
    let item = &items[0];
    for key in [
        "outage",
        "series",
        "baseline",
        "during",
        "change",
        "ci95",
        "significant",
        "method",
    ] {
        assert!(item.get(key).is_some(), "missing {key}: {item}");
    }
    assert_eq!(item["method"], "quasi-poisson-block-arrivals");
    assert_eq!(item["unit"], "EH/s");
    assert_eq!(item["significant"], false);
    // What could have been seen, as a number and in both forms of words.
    assert_eq!(item["estimand"], "change-during-outage-hours");
    let detectable = item["detectable"].as_f64().expect("detectable");
    assert!(detectable > 0.05 && detectable < 0.5, "{item}");
    let words = format!(
        "; a loss under about {}% would not show",
        (detectable * 100.0 - 1e-9).ceil()
    );
    for form in ["text", "plain"] {
        assert!(
            item[form].as_str().expect("words").ends_with(&words),
            "{form}: {item}"
        );
    }
}

#[test]
fn calibrate_reports_each_period_and_outage_length_or_says_the_data_is_absent() {
    let output = bin()
        .args(["calibrate", "--windows", "40", "--seed", "3"])
        .output()
        .expect("runs");
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/btc_hashrate_daily_2009-2025.csv");
    if !data.exists() {
        assert_eq!(output.status.code(), Some(1));
        assert!(String::from_utf8_lossy(&output.stderr).contains("../shared/data"));
        eprintln!("SKIPPED: the shared daily series is absent");
        return;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}");
    // Three periods (the one not tuned on starred) by five outage lengths.
    for period in ["2011-2015*", "2016-2021 ", "2022-2025 "] {
        for length in ["12 h", "24 h", "36 h", "72 h", "1-7 days"] {
            assert!(
                text.lines()
                    .any(|l| l.starts_with(period) && l[11..].starts_with(length)),
                "no row {period} {length}:\n{text}"
            );
        }
    }
    let bad = bin()
        .args(["calibrate", "--hours", "0-5"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--hours"));
}

#[test]
fn simulate_is_deterministic_for_a_seed_and_writes_a_valid_spec() {
    let run = |seed: &str| {
        let output = bin()
            .args([
                "simulate",
                "--seed",
                seed,
                "--days",
                "20",
                "--outage",
                "2022-01-05T11:00:00Z,36,0.132",
            ])
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("utf-8")
    };
    let a = run("7");
    assert_eq!(a, run("7"));
    assert_ne!(a, run("8"));
    let spec = hashrate_outage_chart::parse_spec(&a).expect("valid spec");
    assert_eq!(spec.series[0].times_ms.len(), 20);
    assert_eq!(spec.outages[0].share, Some(0.132));
    assert!(spec.subtitle.unwrap_or_default().starts_with("SIMULATED"));
    let bad = bin()
        .args(["simulate", "--outage", "yesterday"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn from_blocks_turns_block_records_into_a_daily_series() {
    let dir = std::env::temp_dir().join(format!("hoc-blocks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let csv = dir.join("blocks.csv");
    // Two days: 144 blocks, then 72, at genesis difficulty (nBits 1d00ffff).
    let mut text = String::from("height,timestamp,nbits\n");
    for i in 0..216u64 {
        let t = 1_641_340_800
            + if i < 144 {
                i * 600
            } else {
                86_400 + (i - 144) * 1200
            };
        text.push_str(&format!("{},{t},1d00ffff\n", 700_000 + i));
    }
    std::fs::write(&csv, text).expect("write");
    let output = bin().arg("from-blocks").arg(&csv).output().expect("runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let spec = hashrate_outage_chart::parse_spec(&String::from_utf8_lossy(&output.stdout))
        .expect("valid spec");
    assert_eq!(spec.series[0].blocks, Some(vec![Some(144.0), Some(72.0)]));
    assert_eq!(
        spec.series[0].times_ms,
        vec![1_641_340_800_000, 1_641_427_200_000]
    );
}

#[test]
fn the_demo_chart_is_computed_from_the_committed_chain_facts() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = bin()
        .current_dir(root)
        .args([
            "from-blocks",
            "www/data/kazakhstan-2022-chain.csv",
            "--with",
            "www/data/kazakhstan-2022-story.json",
        ])
        .output()
        .expect("runs");
    let committed = committed_output(&output, "www/data/kazakhstan-2022.json");
    // 5 January 2022: 150 blocks at difficulty 24,272,331,996,979.97 → 180.988 EH/s.
    let spec = hashrate_outage_chart::parse_spec(&committed).expect("valid");
    let s = &spec.series[0];
    let jan5 = hashrate_outage_chart::time::parse_iso8601("2022-01-05").expect("date");
    let i = s
        .times_ms
        .iter()
        .position(|t| *t == jan5)
        .expect("5 January");
    assert_eq!(s.values[i], Some(180.988));
    assert_eq!(s.blocks.as_ref().map(|b| b[i]), Some(Some(150.0)));
    assert_eq!(spec.outages.len(), 3);
    // The chain facts match the shared real data they were made from, when it is here.
    let shared = std::path::Path::new(root).join("../shared/data/btc_hashrate_daily_2009-2025.csv");
    if let Ok(daily) = std::fs::read_to_string(&shared) {
        let chain = std::fs::read_to_string(format!("{root}/www/data/kazakhstan-2022-chain.csv"))
            .expect("chain facts");
        for row in chain.lines().skip(1) {
            let mut cells = row.split(',');
            let (day, blocks) = (cells.next().unwrap_or(""), cells.next().unwrap_or(""));
            assert!(
                daily.lines().any(
                    |l| l.starts_with(&format!("{day},")) && l.ends_with(&format!(",{blocks}"))
                ),
                "{day}: {blocks} blocks is not what the shared daily file says"
            );
        }
    } else {
        eprintln!(
            "SKIPPED: {} is absent; the chain facts were not compared",
            shared.display()
        );
    }
}

#[test]
fn the_demo_data_is_exactly_what_the_simulator_makes() {
    let root = env!("CARGO_MANIFEST_DIR");
    let args = std::fs::read_to_string(format!("{root}/www/data/kazakhstan-simulated.args"))
        .expect("args file");
    let output = bin()
        .arg("simulate")
        .args(args.lines().filter(|l| !l.is_empty()))
        .output()
        .expect("runs");
    let committed = committed_output(&output, "www/data/kazakhstan-simulated.json");
    let spec = hashrate_outage_chart::parse_spec(&committed).expect("valid");
    assert!(spec.subtitle.unwrap_or_default().starts_with("SIMULATED"));
    assert_eq!(spec.outages[0].share, Some(0.132));
    assert_eq!(
        spec.outages[0].end_ms - spec.outages[0].start_ms,
        36 * 3_600_000
    );
}

#[test]
fn render_writes_a_deterministic_png_with_the_shipped_fonts() {
    use resvg::tiny_skia::Pixmap;
    let dir = std::env::temp_dir().join(format!("hoc-png-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let spec = fixture("outages_annotations.json");
    let render = |name: &str, extra: &[&str]| {
        let out = dir.join(name);
        let status = bin()
            .args(["render", &spec, "-o"])
            .arg(&out)
            .args(extra)
            .status()
            .expect("runs");
        assert!(status.success());
        std::fs::read(&out).expect("written")
    };
    let a = render("a.png", &["--width", "1200", "--height", "630"]);
    let b = render("b.png", &["--width", "1200", "--height", "630"]);
    assert_eq!(a, b, "the same PNG every time");
    let card = Pixmap::decode_png(&a).expect("a PNG");
    assert_eq!((card.width(), card.height()), (1200, 630), "a social card");
    let retina = Pixmap::decode_png(&render("c.png", &["--scale", "2"])).expect("a PNG");
    assert_eq!((retina.width(), retina.height()), (1600, 900));
    // The band is where the layout put it, in its colour over the background.
    let text = std::fs::read_to_string(&spec).expect("fixture");
    let parsed = hashrate_outage_chart::parse_spec(&text).expect("valid");
    let chart = common::layout(&parsed, 1200.0, 630.0, hashrate_outage_chart::Theme::Light);
    let band = chart
        .bands
        .iter()
        .find(|b| b.label == "Intermittent restrictions")
        .expect("band");
    let expected = chart.palette.band.over(chart.palette.background);
    let (x, y) = (
        ((band.x0 + band.x1) / 2.0 + 20.0) as u32,
        (chart.plot.bottom() - 6.0) as u32,
    );
    let pixel = card.pixel(x, y).expect("inside").demultiply();
    let close = |a: u8, b: u8| a.abs_diff(b) <= 3;
    assert!(
        close(pixel.red(), expected.r)
            && close(pixel.green(), expected.g)
            && close(pixel.blue(), expected.b),
        "{pixel:?} vs {expected:?}"
    );
    // The text was drawn in the shipped font: the title's box holds dark ink, in about the
    // share of its area that Liberation Sans Bold inks (a missing font draws nothing).
    let title = chart
        .texts()
        .find(|t| t.role == hashrate_outage_chart::layout::TextRole::Title)
        .expect("a title")
        .bounds();
    let (mut ink, mut area) = (0u32, 0u32);
    for y in title.y as u32..title.bottom() as u32 {
        for x in title.x as u32..title.right() as u32 {
            let p = card.pixel(x, y).expect("inside").demultiply();
            area += 1;
            ink += u32::from(u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 300);
        }
    }
    let share = f64::from(ink) / f64::from(area);
    assert!(
        (0.08..0.5).contains(&share),
        "the title's box is {:.0}% ink",
        share * 100.0
    );
    let missing = bin()
        .args(["render", &spec, "-o"])
        .arg(dir.join("d.png"))
        .args(["--font-dir", "/nonexistent"])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--font-dir"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_lays_out_and_draws_in_a_given_font_file() {
    use resvg::tiny_skia::Pixmap;
    let dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    if !std::path::Path::new(dejavu).exists() {
        eprintln!("SKIPPED: {dejavu} is absent (scripts/setup.sh installs fonts-dejavu-core)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("hoc-font-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let run = |extra: &[&str], out: &str| {
        let path = dir.join(out);
        let status = bin()
            .args([
                "render",
                &fixture("long_texts.json"),
                "--width",
                "375",
                "--height",
                "760",
                "-o",
            ])
            .arg(&path)
            .args(extra)
            .status()
            .expect("runs");
        assert!(status.success(), "{extra:?}");
        std::fs::read(&path).expect("written")
    };
    let bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
    let svg =
        String::from_utf8(run(&["--font", dejavu, "--bold-font", bold], "a.svg")).expect("utf-8");
    let plain = String::from_utf8(run(&[], "b.svg")).expect("utf-8");
    assert!(
        svg.contains("DejaVu Sans"),
        "the SVG names the font it was laid out in"
    );
    // DejaVu Sans is wider than Liberation Sans: the title takes more lines.
    let lines = |s: &str, word: &str| {
        s.lines()
            .filter(|l| l.contains("<text") && l.contains(word))
            .count()
    };
    assert!(
        svg.matches("<text").count() > plain.matches("<text").count(),
        "more lines in the wider font"
    );
    assert!(lines(&svg, "font-weight=\"bold\"") >= lines(&plain, "font-weight=\"bold\""));
    // Drawn in that font, nothing inks the outer 2 px of the image.
    let png = run(&["--font", dejavu, "--bold-font", bold], "a.png");
    let image = Pixmap::decode_png(&png).expect("a PNG");
    let (w, h) = (image.width(), image.height());
    let mut edge_ink = 0;
    for y in 0..h {
        for x in 0..w {
            if (2..w - 2).contains(&x) && (2..h - 2).contains(&y) {
                continue;
            }
            let p = image.pixel(x, y).expect("pixel");
            if u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 3 * 255 - 60 {
                edge_ink += 1;
            }
        }
    }
    assert_eq!(edge_ink, 0, "no text runs off the PNG");
    let missing = bin()
        .args([
            "render",
            &fixture("long_texts.json"),
            "--font",
            "/nonexistent.ttf",
        ])
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read font /nonexistent.ttf"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn from_blocks_lists_block_times_for_a_short_outage_and_impact_measures_its_hours() {
    // 30 days of blocks every 600 s from 2022-03-01 at one difficulty; from 06:00 to 18:00 on
    // 16 March every other block is missing (half the network gone for 12 hours).
    let dir = std::env::temp_dir().join(format!("hoc-times-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let start = 1_646_092_800i64; // 2022-03-01
    let (o0, o1) = (
        start + 15 * 86_400 + 6 * 3_600,
        start + 15 * 86_400 + 18 * 3_600,
    );
    let mut csv = String::from("height,timestamp,difficulty\n");
    let mut height = 700_000;
    for k in 0..30 * 144 {
        let t = start + k * 600 + 7;
        if (o0..o1).contains(&t) && k % 2 == 0 {
            continue;
        }
        csv.push_str(&format!("{height},{t},26000000000000\n"));
        height += 1;
    }
    let blocks = dir.join("blocks.csv");
    std::fs::write(&blocks, csv).expect("write blocks");
    let with = dir.join("story.json");
    std::fs::write(
        &with,
        r#"{"outages":[{"start":"2022-03-16T06:00:00Z","end":"2022-03-16T18:00:00Z","label":"Half gone"}]}"#,
    )
    .expect("write story");
    let output = bin()
        .args([
            "from-blocks",
            blocks.to_str().expect("path"),
            "--with",
            with.to_str().expect("path"),
        ])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let spec: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let times = spec["series"][0]["blockTimes"]
        .as_array()
        .expect("blockTimes listed");
    // From 00:00 on the 15th to 00:00 on the 18th: 3 days less the 36 missing blocks.
    assert_eq!(times.len(), 3 * 144 - 36);
    let spec_path = dir.join("spec.json");
    std::fs::write(&spec_path, &output.stdout).expect("write spec");
    let output = bin()
        .args(["impact", spec_path.to_str().expect("path")])
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let item = &json[0];
    assert_eq!(item["resolution"], "block-arrivals", "{item}");
    assert_eq!(item["arrivals"]["found"], 36.0, "{item}");
    let expected = item["arrivals"]["expected"].as_f64().expect("expected");
    assert!((expected - 72.0).abs() < 0.5, "{item}");
    let change = item["change"].as_f64().expect("change");
    assert!((change + 0.5).abs() < 0.01, "{item}");
    assert_eq!(item["clear"], true, "{item}");
    assert!(
        item["baseline"]["words"]
            .as_str()
            .expect("words")
            .ends_with("counted block by block over its own hours: 36 blocks found, 72 expected"),
        "{item}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn render_refuses_a_png_over_fifty_megapixels_and_says_the_limit() {
    let dir = std::env::temp_dir().join(format!("hoc-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let out = dir.join("huge.png");
    let output = bin()
        .args(["render", &fixture("one_series.json"), "-o"])
        .arg(&out)
        .args(["--width", "10000", "--height", "10000", "--scale", "8"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("a 80000 × 80000 PNG is 6400.0 megapixels; the limit is 50"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing written");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn specs_and_images_written_with_o_are_whole_or_not_at_all() {
    // A cron job rebuilds the spec a refreshing chart reads: -o writes a temporary file beside
    // the target and renames it over, so a reader sees the old file or the new one, never half.
    let dir = std::env::temp_dir().join(format!("hoc-cli-o-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let chain = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/data/kazakhstan-2022-chain.csv"
    );
    let series = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/adapters/series.csv"
    );
    let cases: [(&[&str], &str); 3] = [
        (&["from-blocks", chain], "from-blocks.json"),
        (&["convert", series], "convert.json"),
        (
            &[
                "render",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fixtures/one_series.json"
                ),
            ],
            "chart.svg",
        ),
    ];
    for (args, name) in cases {
        let printed = bin().args(args).output().expect("runs");
        assert!(printed.status.success(), "{args:?}");
        let target = dir.join(name);
        std::fs::write(&target, "the old file").expect("old file");
        let written = bin()
            .args(args)
            .arg("-o")
            .arg(&target)
            .output()
            .expect("runs");
        assert!(
            written.status.success(),
            "{args:?} -o: {}",
            String::from_utf8_lossy(&written.stderr)
        );
        assert!(written.stdout.is_empty());
        assert_eq!(
            std::fs::read(&target).expect("written"),
            printed.stdout,
            "{name}"
        );
    }
    // Nothing left beside them.
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["chart.svg", "convert.json", "from-blocks.json"]);
    // A target in a folder that does not exist: exit 1, and the message names it.
    let missing = dir.join("no/such/dir/spec.json");
    let failed = bin()
        .args(["convert", series, "-o"])
        .arg(&missing)
        .output()
        .expect("runs");
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("cannot write"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn convert_updated_stamps_the_spec_and_render_prints_it() {
    let series = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/adapters/series.csv"
    );
    // A given time, as ISO 8601 UTC; the rendered footer says it.
    let out = bin()
        .args(["convert", series, "--updated", "2022-01-07T20:05:00+06:00"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spec = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        spec.contains(r#""updated": "2022-01-07T14:05:00Z""#),
        "{spec}"
    );
    let dir = std::env::temp_dir().join(format!("hoc-cli-updated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("spec.json");
    std::fs::write(&path, &spec).expect("spec");
    let svg = bin().args(["render"]).arg(&path).output().expect("runs");
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    assert!(String::from_utf8_lossy(&svg.stdout).contains("Updated 7 Jan 2022, 14:05 UTC"));
    std::fs::remove_dir_all(&dir).ok();
    // "now": this minute.
    let now = bin()
        .args(["convert", series, "--updated", "now"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&now.stdout).into_owned();
    let stamp = text
        .split(r#""updated": ""#)
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an updated stamp");
    let ms = hashrate_outage_chart::time::parse_iso8601(stamp).expect("ISO 8601");
    let system = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    assert!((system - ms).abs() < 120_000, "{stamp}");
    // Anything else: a usage error naming the option.
    let bad = bin()
        .args(["convert", series, "--updated", "yesterday"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("--updated: expected now or an ISO 8601 time"));
}

#[test]
fn every_subcommand_reads_its_arguments_alike() {
    let series = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/adapters/series.csv"
    );
    // `--name=value` as well as `--name value`.
    let joined = bin()
        .args(["convert", series, "--title=Joined"])
        .output()
        .expect("runs");
    assert!(
        joined.status.success(),
        "{}",
        String::from_utf8_lossy(&joined.stderr)
    );
    assert!(String::from_utf8_lossy(&joined.stdout).contains(r#""title": "Joined""#));
    // The same words for an unknown option and a missing value, whichever the subcommand.
    for (command, extra) in [
        ("convert", series),
        ("impact", "spec.json"),
        ("from-blocks", "blocks.csv"),
        ("simulate", "--days=3"),
        ("render", "spec.json"),
        ("calibrate", "daily.csv"),
    ] {
        let unknown = bin()
            .args([command, extra, "--nope"])
            .output()
            .expect("runs");
        assert_eq!(unknown.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&unknown.stderr);
        assert!(
            stderr.contains("unknown option --nope"),
            "{command}: {stderr}"
        );
    }
    for (command, option) in [
        ("convert", "-o"),
        ("impact", "--baseline-days"),
        ("from-blocks", "--title"),
        ("simulate", "--days"),
        ("render", "--width"),
        ("calibrate", "--windows"),
    ] {
        let missing = bin().args([command, option]).output().expect("runs");
        assert_eq!(missing.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&missing.stderr);
        assert!(
            stderr.contains(&format!("{option} needs a value")),
            "{command}: {stderr}"
        );
    }
}
