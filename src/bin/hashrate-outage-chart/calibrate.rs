//! `calibrate`: the placebo-and-power harness on the real daily series (README, "Impact").

use crate::args::{self, Arg};
use crate::usage_error;
use hashrate_outage_chart::analysis::calibrate::{
    self as harness, format_report, read_daily_csv, study, CalibrationOptions,
};
use hashrate_outage_chart::time::parse_iso8601;
use std::process::ExitCode;

/// The placebo-and-power harness on the real daily series (README, "Impact").
pub(crate) fn calibrate(args: &[String]) -> ExitCode {
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/btc_hashrate_daily_2009-2025.csv"
    )
    .to_string();
    let mut options = CalibrationOptions {
        windows: 500,
        seed: 2026,
        from_ms: parse_iso8601("2016-01-01").unwrap_or(0),
        to_ms: i64::MAX,
        hours: (24, 7 * 24),
        losses: vec![0.1, 0.2, 0.3],
    };
    // Without --from, --to or --hours: the table of periods and outage lengths.
    let mut single = false;
    let parsed = match args::parse(
        args,
        &["--windows", "--seed", "--from", "--to", "--hours"],
        &[],
    ) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error("calibrate", &message),
    };
    for arg in parsed {
        let (flag, value) = match arg {
            Arg::Opt(flag, value) => (flag, value),
            Arg::Value(p) => {
                path = p;
                continue;
            }
        };
        if let Err(message) = set_option(flag, &value, &mut options, &mut single) {
            return usage_error("calibrate", &message);
        }
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hashrate-outage-chart calibrate: the real daily series is absent ({path}: {e}); it lives in ../shared/data (see its README)");
            return ExitCode::from(1);
        }
    };
    let report = read_daily_csv(&text).and_then(|daily| {
        if single {
            harness::calibrate(&daily, &options).map(|r| format_report(&r, &options))
        } else {
            study(&daily, options.windows, options.seed)
        }
    });
    match report {
        Ok(r) => {
            print!("{r}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hashrate-outage-chart calibrate: {path}: {e}");
            ExitCode::from(1)
        }
    }
}

/// One option into `options`; `single` once it asks for one period and one outage length
/// (not the table). Err is the usage error's words.
fn set_option(
    flag: &str,
    value: &str,
    options: &mut CalibrationOptions,
    single: &mut bool,
) -> Result<(), String> {
    match flag {
        "--windows" => match value.parse::<usize>() {
            Ok(n) if (1..=100_000).contains(&n) => options.windows = n,
            _ => return Err("--windows: expected a whole number from 1 to 100000".into()),
        },
        "--seed" => match value.parse::<u64>() {
            Ok(n) => options.seed = n,
            _ => return Err("--seed: expected a whole number".into()),
        },
        "--from" => match parse_iso8601(value) {
            Ok(t) => (options.from_ms, *single) = (t, true),
            Err(e) => return Err(format!("--from: {e}")),
        },
        "--to" => match parse_iso8601(value) {
            Ok(t) => (options.to_ms, *single) = (t, true),
            Err(e) => return Err(format!("--to: {e}")),
        },
        "--hours" => {
            let range = value.split_once('-').unwrap_or((value, value));
            match (range.0.parse::<i64>(), range.1.parse::<i64>()) {
                (Ok(a), Ok(b)) if 1 <= a && a <= b && b <= 24 * 14 => {
                    (options.hours, *single) = ((a, b), true)
                }
                _ => return Err("--hours: expected hours or a range of them, such as 36 or 24-168 (at most 336)".into()),
            }
        }
        _ => {}
    }
    Ok(())
}
