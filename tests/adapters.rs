//! Adapters: each source format from a hand-made fixture in its documented shape (see
//! tests/fixtures/adapters/README.md), malformed files with the error they must give, the real
//! files in ../shared/data (skipped with a message when absent), and the `convert` command.

use hashrate_outage_chart::adapters::{convert, detect, ConvertOptions, InputFile, Kind};
use hashrate_outage_chart::{parse_spec, render_svg};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/adapters")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(names: &[&str], options: &ConvertOptions) -> Result<Value, String> {
    let contents: Vec<Vec<u8>> = names.iter().map(|n| fixture(n)).collect();
    let files: Vec<InputFile> = names
        .iter()
        .zip(contents.iter())
        .map(|(name, bytes)| InputFile { name, bytes })
        .collect();
    convert(&files, options)
        .map(|c| c.spec)
        .map_err(|e| e.to_string())
}

fn ok(names: &[&str]) -> Value {
    let spec = run(names, &ConvertOptions::default()).unwrap_or_else(|e| panic!("{names:?}: {e}"));
    // Every conversion validates and renders.
    let parsed = parse_spec(&spec.to_string()).expect("valid spec");
    render_svg(&parsed, 640, 400, None).expect("renders");
    spec
}

#[test]
fn each_format_is_recognised_by_its_content() {
    let kind = |name: &str| {
        detect(
            std::str::from_utf8(&fixture(name))
                .expect("utf-8")
                .trim_start_matches('\u{feff}'),
        )
    };
    assert_eq!(kind("blockchain.json"), Kind::BlockchainJson);
    assert_eq!(kind("blockchain.csv"), Kind::BlockchainCsv);
    assert_eq!(kind("series.csv"), Kind::CsvSeries);
    assert_eq!(kind("events.csv"), Kind::OutageCsv);
    assert_eq!(kind("ioda_events.json"), Kind::IodaEvents);
    assert_eq!(kind("ioda_signals.json"), Kind::IodaSignals);
    assert_eq!(kind("cloudflare.json"), Kind::CloudflareRadar);
    assert_eq!(detect(r#"{"series":[]}"#), Kind::Spec);
}

#[test]
fn blockchain_json_reads_its_unit_from_the_unit_string() {
    let spec = ok(&["blockchain.json"]);
    let s = &spec["series"][0];
    assert_eq!(s["unit"], "TH/s");
    assert_eq!(
        s["t"][0], 1_640_995_200_000i64,
        "x is Unix seconds, 2022-01-01"
    );
    assert_eq!(s["v"][0], 177_400_000.5);
    assert!(s["source"]
        .as_str()
        .unwrap_or("")
        .contains("blockchain.com"));
    let e = run(&["bad_blockchain_no_unit.json"], &ConvertOptions::default()).expect_err("no unit");
    assert!(e.contains("has no \"unit\""), "{e}");
}

#[test]
fn blockchain_csv_needs_the_unit_from_a_flag() {
    let e = run(&["blockchain.csv"], &ConvertOptions::default()).expect_err("no unit");
    assert!(e.contains("--unit TH/s"), "{e}");
    let spec = run(
        &["blockchain.csv"],
        &ConvertOptions {
            unit: Some("TH/s".into()),
            ..Default::default()
        },
    )
    .expect("converts");
    assert_eq!(
        spec["series"][0]["v"][0], 177_400_000.0,
        "scientific notation 1.774E8"
    );
    assert_eq!(spec["series"][0]["t"].as_array().map(Vec::len), Some(8));
}

#[test]
fn csv_series_handles_bom_crlf_quotes_gaps_blocks_and_blank_lines() {
    let spec = ok(&["series.csv"]);
    let s = &spec["series"][0];
    assert_eq!(s["id"], "hash_rate_eh_per_s");
    assert_eq!(s["label"], "Hash rate");
    assert_eq!(s["unit"], "EH/s");
    assert_eq!(
        s["v"].as_array().map(Vec::len),
        Some(7),
        "blank trailing lines are not rows"
    );
    assert_eq!(s["v"][3], Value::Null, "an empty cell is a gap");
    assert_eq!(s["blocks"][0], 141);
    assert_eq!(s["blocks"][3], Value::Null);
}

#[test]
fn csv_times_in_seconds_are_converted_and_the_unit_can_come_from_a_flag() {
    let e = run(&["series_seconds.csv"], &ConvertOptions::default()).expect_err("no unit");
    assert!(e.contains("column 2 \"value\": has no unit"), "{e}");
    let spec = run(
        &["series_seconds.csv"],
        &ConvertOptions {
            unit: Some("%".into()),
            ..Default::default()
        },
    )
    .expect("converts");
    assert_eq!(spec["series"][0]["t"][0], 1_641_340_800_000i64);
    assert_eq!(spec["series"][0]["t"][1], 1_641_344_400_000i64);
}

#[test]
fn malformed_csv_errors_name_the_file_line_and_column() {
    let cases = [
        (
            "bad_no_header.csv",
            "bad_no_header.csv:1: expected a header row",
        ),
        (
            "bad_descending.csv",
            "bad_descending.csv:3: column 1 \"date\": is before the previous row's time",
        ),
        (
            "bad_duplicate.csv",
            "bad_duplicate.csv:3: column 1 \"date\": repeats the previous row's time",
        ),
        (
            "bad_value.csv",
            "bad_value.csv:3: column 2 \"hash_rate_eh_per_s\": expected a number",
        ),
        (
            "bad_no_unit.csv",
            "bad_no_unit.csv:1: column 2 \"hash_rate\": has no unit",
        ),
    ];
    for (file, expected) in cases {
        let e = run(&[file], &ConvertOptions::default()).expect_err(file);
        assert!(e.starts_with(expected), "{file}: {e}");
    }
    let e = run(
        &["blockchain.json", "bad_events.csv"],
        &ConvertOptions::default(),
    )
    .expect_err("backwards outage");
    assert!(e.starts_with("bad_events.csv:2: column end: ends"), "{e}");
}

#[test]
fn outage_lists_shade_a_series_and_a_date_alone_ends_at_the_end_of_that_day() {
    let spec = ok(&["blockchain.json", "events.csv"]);
    let outages = spec["outages"].as_array().expect("outages");
    assert_eq!(outages.len(), 2);
    assert_eq!(
        outages[0]["label"], "Blackout, nationwide",
        "quoted field with a comma"
    );
    assert_eq!(outages[0]["share"], 0.132);
    assert_eq!(
        outages[1]["end"], 1_641_945_600_000i64,
        "2022-01-11 means through the 11th"
    );
    let e = run(&["events.csv"], &ConvertOptions::default()).expect_err("no series");
    assert!(e.contains("no series to chart"), "{e}");
}

#[test]
fn ioda_events_merge_per_place_and_signals_normalise_to_their_pre_event_level() {
    let spec = ok(&["ioda_signals.json", "ioda_events.json"]);
    let outages = spec["outages"].as_array().expect("outages");
    assert_eq!(
        outages.len(),
        2,
        "two overlapping KZ signals merge; KG stays apart"
    );
    assert_eq!(
        outages[0]["label"],
        "IODA outage: Kazakhstan (ping-slash24, bgp)"
    );
    assert_eq!(outages[0]["region"], "KZ");
    let s = &spec["series"][0];
    assert_eq!(s["unit"], "%");
    assert_eq!(s["v"][0], 100.0, "pre-event level is 100 %");
    assert_eq!(s["v"][30], 4.0, "40 of 1000 is 4 %");
    assert_eq!(s["v"][3], Value::Null, "a null stays a gap");
    assert_eq!(
        spec["series"].as_array().map(Vec::len),
        Some(1),
        "the loss signal has no plain numbers"
    );
}

#[test]
fn cloudflare_annotations_become_bands_and_an_ongoing_one_runs_to_the_data() {
    let spec = ok(&["blockchain.json", "cloudflare.json"]);
    let outages = spec["outages"].as_array().expect("outages");
    assert_eq!(outages[0]["label"], "Kazakhstan (government directed)");
    assert_eq!(outages[0]["region"], "KZ");
    assert_eq!(outages[1]["label"], "KZ, KG, UZ (power outage) (ongoing)");
    assert!(outages[1]["end"].as_i64() > outages[1]["start"].as_i64());
}

#[test]
fn a_spec_passes_through_and_ids_stay_unique() {
    let spec_text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/readme_example.json"),
    )
    .expect("example");
    let files = [
        InputFile {
            name: "a.json",
            bytes: spec_text.as_bytes(),
        },
        InputFile {
            name: "b.json",
            bytes: spec_text.as_bytes(),
        },
    ];
    let spec = convert(&files, &ConvertOptions::default())
        .expect("converts")
        .spec;
    let ids: Vec<&str> = spec["series"]
        .as_array()
        .expect("series")
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["hashrate", "connectivity", "hashrate-2", "connectivity-2"]
    );
    assert_eq!(
        spec["title"],
        "Bitcoin hash rate and the Kazakhstan internet shutdown"
    );
}

fn shared(file: &str) -> Option<Vec<u8>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(file);
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(_) => panic!(
            "{} is absent: this real-data test needs ../shared/data (plain `cargo test` skips it)",
            path.display()
        ),
    }
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn the_real_files_convert_and_render() {
    let names = [
        "blockchaincom_hash-rate_2021-12-01_2022-02-15.json",
        "kz_2022_window_daily.csv",
        "btc_hashrate_daily_2009-2025.csv",
        "btc_hashrate_daily_blockchaincom_api_2021-2024.csv",
        "events_kazakhstan_2022.csv",
    ];
    let Some(contents) = names.iter().map(|n| shared(n)).collect::<Option<Vec<_>>>() else {
        return;
    };
    let file = |i: usize| InputFile {
        name: names[i],
        bytes: &contents[i],
    };
    // blockchain.com's JSON reads in TH/s; the 2022 window shows in EH/s.
    let spec = convert(&[file(0), file(4)], &ConvertOptions::default())
        .expect("blockchain.com + events")
        .spec;
    assert_eq!(spec["series"][0]["unit"], "TH/s");
    assert_eq!(spec["outages"].as_array().map(Vec::len), Some(3));
    // Country codes named; each outage's source from its own sources column, sites by name.
    assert_eq!(
        spec["outages"][0]["label"],
        "Internet shutdown (Kazakhstan)"
    );
    assert_eq!(
        spec["outages"][2]["label"],
        "Power outage (Kazakhstan, Kyrgyzstan, Uzbekistan)"
    );
    let source = spec["outages"][0]["source"].as_str().unwrap_or("");
    assert!(
        source.contains("knowasiak.com") && !source.contains("https://"),
        "{source}"
    );
    assert!(!source.contains("events_kazakhstan_2022.csv"), "{source}");
    assert_eq!(spec["title"], "Bitcoin hash rate and outages");
    // The three-source window: blockchain.com's two columns are the same numbers, so one of
    // them is left out (and said); the block counts stay on Bitcoin Visuals' column.
    let converted = convert(&[file(1)], &ConvertOptions::default()).expect("window");
    assert!(
        converted.report.iter().any(|r| r.contains(
            "\"blockchaincom_api_hash_rate_eh_per_s\" repeats column \"bchain_hash_rate_eh_per_s\""
        )),
        "{:?}",
        converted.report
    );
    let spec = converted.spec;
    assert_eq!(
        spec["title"], "Bitcoin hash rate",
        "no outages, no \"and outages\""
    );
    let series = spec["series"].as_array().expect("series");
    assert_eq!(series.len(), 2);
    assert!(series[1]["id"]
        .as_str()
        .unwrap_or("")
        .starts_with("bitcoinvisuals"));
    assert!(series[1]["blocks"].is_array() && series[0]["blocks"].is_null());
    // The full history: 5,904 days in H/s with block counts; an extra date column is skipped.
    let converted = convert(&[file(2)], &ConvertOptions::default()).expect("history");
    assert_eq!(
        converted.spec["series"][0]["t"].as_array().map(Vec::len),
        Some(5904)
    );
    let converted = convert(&[file(3)], &ConvertOptions::default()).expect("api csv");
    assert!(
        converted
            .report
            .iter()
            .any(|r| r.contains("date_as_committed")),
        "{:?}",
        converted.report
    );
    let parsed = parse_spec(&converted.spec.to_string()).expect("valid");
    render_svg(&parsed, 800, 450, None).expect("renders");
}

#[test]
fn the_convert_command_reports_kinds_and_fails_with_the_file_and_line() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adapters");
    let out = Command::new(env!("CARGO_BIN_EXE_hashrate-outage-chart"))
        .args(["convert", "--verbose", "--title", "Test"])
        .arg(dir.join("blockchain.json"))
        .arg(dir.join("events.csv"))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("blockchain.json: blockchain.com charts API JSON (1 series, 0 outages)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("events.csv: outage events CSV (0 series, 2 outages)"),
        "{stderr}"
    );
    let spec: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(spec["title"], "Test");
    let bad = Command::new(env!("CARGO_BIN_EXE_hashrate-outage-chart"))
        .arg("convert")
        .arg(dir.join("bad_value.csv"))
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).starts_with("bad_value.csv:3: column 2"));
}

#[test]
fn convert_takes_the_words_of_a_publishable_chart() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adapters");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_hashrate-outage-chart"))
            .arg("convert")
            .args(extra)
            .arg(dir.join("blockchain.json"))
            .output()
            .expect("runs")
    };
    let out = run(&[
        "--subtitle",
        "Daily estimate",
        "--source",
        "blockchain.com",
        "--label",
        "hashrate=Hash rate (blockchain.com)",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let spec: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(spec["subtitle"], "Daily estimate");
    assert_eq!(spec["source"], "blockchain.com");
    assert_eq!(spec["series"][0]["label"], "Hash rate (blockchain.com)");
    assert_eq!(
        spec["title"], "Bitcoin hash rate",
        "no outages: the title does not promise any"
    );
    let bad = run(&["--label", "hashrate"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--label: expected COLUMN=TEXT"));
}

#[test]
fn chain_facts_read_as_the_daily_hash_rate_with_block_counts() {
    use hashrate_outage_chart::adapters::{convert, ConvertOptions, InputFile};
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let history =
        std::fs::read_to_string(root.join("www/data/chain-history.csv")).expect("history");
    let window =
        std::fs::read_to_string(root.join("www/data/kazakhstan-2022-chain.csv")).expect("window");
    // The maker's history holds the demo's window, row for row.
    let rows: Vec<&str> = window.lines().skip(1).collect();
    let start = history
        .lines()
        .position(|l| l == rows[0])
        .expect("the window's first day");
    let slice: Vec<&str> = history.lines().skip(start).take(rows.len()).collect();
    assert_eq!(slice, rows);
    // Read by convert (the maker's route), the window is the demo chart's series.
    let converted = convert(
        &[InputFile {
            name: "kazakhstan-2022-chain.csv",
            bytes: window.as_bytes(),
        }],
        &ConvertOptions::default(),
    )
    .expect("reads");
    assert_eq!(converted.report[0], "kazakhstan-2022-chain.csv: chain facts (blocks and difficulty per UTC day) (1 series, 0 outages)");
    let demo: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("www/data/kazakhstan-2022.json")).expect("demo"),
    )
    .expect("json");
    assert_eq!(
        converted.spec["series"][0]["points"],
        demo["series"][0]["points"]
    );
    assert_eq!(
        converted.spec["series"][0]["blocks"],
        demo["series"][0]["blocks"]
    );
    // A bad row names its line and column.
    let bad = "date_utc,blocks,difficulty\n2022-01-01,140,1e14\n2022-01-02,many,1e14\n";
    let error = convert(
        &[InputFile {
            name: "bad.csv",
            bytes: bad.as_bytes(),
        }],
        &ConvertOptions::default(),
    )
    .expect_err("refused");
    assert_eq!(
        error.to_string(),
        "bad.csv:3: column blocks: expected a whole number of blocks"
    );
}
