//! `impact`: each outage's measured change, as JSON.

use crate::args::{self, Arg};
use crate::{read_spec_or_exit, usage_error};
use std::process::ExitCode;

pub(crate) fn impact(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::{impacts, impacts_json, ImpactOptions};
    let mut path = None;
    let mut baseline_days = None;
    let parsed = match args::parse(args, &["--baseline-days"], &[]) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error("impact", &message),
    };
    for arg in parsed {
        match arg {
            Arg::Opt(_, value) => {
                match value.parse::<u32>().ok().filter(|d| (1..=365).contains(d)) {
                    Some(d) => baseline_days = Some(d),
                    None => {
                        return usage_error(
                            "impact",
                            "--baseline-days: expected a whole number of days from 1 to 365",
                        )
                    }
                }
            }
            Arg::Value(p) => path = Some(p),
        }
    }
    let Some(path) = path else {
        return usage_error("impact", "missing SPEC.json");
    };
    let spec = match read_spec_or_exit(&path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = ImpactOptions {
        baseline_days: baseline_days.unwrap_or(spec.options.baseline_days),
    };
    let results = impacts(&spec, options);
    match serde_json::to_string_pretty(&impacts_json(&spec, &results)) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("impact: could not write the JSON: {e}");
            ExitCode::FAILURE
        }
    }
}
