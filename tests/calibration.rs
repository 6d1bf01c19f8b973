//! The impact interval keeps its promise on real history (README "Impact"): a seeded sample
//! of the placebo-and-power harness (`hashrate-outage-chart calibrate`, `make calibrate`) on
//! the real daily series in ../shared/data (skipped with a message when absent), the known
//! episodes' verdicts, and a difficulty retarget inside the window.

use hashrate_outage_chart::analysis::calibrate::{
    calibrate, read_daily_csv, CalibrationOptions, Daily,
};
use hashrate_outage_chart::analysis::{describe_plain, impacts, ImpactOptions};
use hashrate_outage_chart::parse_spec;
use hashrate_outage_chart::time::parse_iso8601;
use std::path::PathBuf;

fn daily() -> Option<Daily> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/btc_hashrate_daily_2009-2025.csv");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(read_daily_csv(&text).expect("the shared daily file parses")),
        Err(_) => {
            eprintln!(
                "SKIPPED: {} is absent (real data lives in ../shared/data)",
                path.display()
            );
            None
        }
    }
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn placebo_outages_raise_about_five_percent_false_alarms_and_losses_are_found() {
    let Some(daily) = daily() else { return };
    let options = CalibrationOptions {
        windows: 200,
        seed: 11,
        from_ms: parse_iso8601("2016-01-01").expect("date"),
        losses: vec![0.2],
    };
    let r = calibrate(&daily, &options).expect("runs");
    // A binomial tolerance around 5 % for 200 windows: 99 % of Binomial(200, 0.05) lies in
    // 3..=18 false alarms.
    for (name, t) in [
        ("with blocks", r.placebo_blocks),
        ("without", r.placebo_values),
    ] {
        assert!(t.measured >= 195, "{name}: {t:?}");
        assert!(
            (3..=18).contains(&t.significant),
            "{name}: {} false alarms of {} ({:.1} %)",
            t.significant,
            t.measured,
            t.rate() * 100.0
        );
    }
    // Neither rises nor drops dominate (both samples together, so the share is not two coins).
    let alarms = r.placebo_blocks.significant + r.placebo_values.significant;
    let rises = r.placebo_blocks.rises + r.placebo_values.rises;
    let share = rises as f64 / alarms as f64;
    assert!(
        (0.25..=0.75).contains(&share),
        "{rises} rises of {alarms} false alarms"
    );
    // Power at a 20 % loss: at least what the former method reached (62 % / 74 % in the issue
    // that asked for calibration, by its harness; 78 % / 86 % by this one).
    let (_, with_blocks, without) = r.power[0];
    assert!(
        with_blocks >= 0.80 && without >= 0.78,
        "power {with_blocks} / {without}"
    );
}

fn episode(from: &str, to: &str, outage: (&str, &str), blocks: bool) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/btc_hashrate_daily_2009-2025.csv");
    let text = std::fs::read_to_string(path).ok()?;
    let mut points = Vec::new();
    let mut counts = Vec::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        if cells.len() < 3 || cells[0] < from || cells[0] > to {
            continue;
        }
        points.push(format!("[\"{}\",{}]", cells[0], cells[1]));
        counts.push(cells[2].to_string());
    }
    let blocks = if blocks {
        format!(r#","blocks":[{}]"#, counts.join(","))
    } else {
        String::new()
    };
    let spec = format!(
        r#"{{"series":[{{"id":"h","unit":"H/s","points":[{}]{blocks}}}],"outages":[{{"start":"{}","end":"{}"}}]}}"#,
        points.join(","),
        outage.0,
        outage.1
    );
    let spec = parse_spec(&spec).expect("valid");
    let impact = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    Some(describe_plain(&impact))
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn known_episodes_keep_their_verdicts() {
    for blocks in [true, false] {
        // Winter Storm Elliott: Texas miners curtailed for the grid, 23-25 December 2022.
        let Some(elliott) = episode(
            "2022-11-20",
            "2023-01-25",
            ("2022-12-23", "2022-12-26"),
            blocks,
        ) else {
            eprintln!("SKIPPED: the shared daily series is absent");
            return;
        };
        assert!(
            elliott.contains(": a clear drop (plausible range"),
            "Elliott, blocks {blocks}: {elliott}"
        );
        // Kazakhstan: the 36-hour nationwide blackout from 11:00 UTC on 5 January 2022.
        let kz = episode(
            "2021-12-01",
            "2022-02-15",
            ("2022-01-05T11:00:00Z", "2022-01-06T23:00:00Z"),
            blocks,
        )
        .expect("same file");
        assert!(
            kz.contains("within normal day-to-day variation"),
            "Kazakhstan, blocks {blocks}: {kz}"
        );
    }
}

#[test]
fn a_difficulty_retarget_inside_the_window_is_not_an_outage() {
    // Constant hash rate; the difficulty rises 10 % on day 20, so 131 blocks a day replace 144.
    // The daily estimates (blocks × difficulty) stay level: no change, nothing significant.
    let mut points = Vec::new();
    let mut blocks = Vec::new();
    for day in 1..=40 {
        let n = if day < 20 { 144 } else { 131 };
        points.push(format!("[\"2022-03-{:02}\", 200]", day.min(31)));
        blocks.push(n.to_string());
        if day == 31 {
            break;
        }
    }
    let spec = format!(
        r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}],"blocks":[{}]}}],"outages":[{{"start":"2022-03-18T06:00:00Z","end":"2022-03-21T18:00:00Z"}}]}}"#,
        points.join(","),
        blocks.join(",")
    );
    let spec = parse_spec(&spec).expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert!(i.change.abs() < 1e-9 && !i.significant, "{i:?}");
    assert!(i.after.is_some(), "days after it are used");
    // The interval reflects luck at the blocks per day the days would have had (131-144).
    let half_width = (i.ci95.1 - i.ci95.0) / 2.0;
    assert!(half_width > 0.03 && half_width < 0.15, "{:?}", i.ci95);
}
