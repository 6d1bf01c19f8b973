//! `simulate`: block arrivals for a hash rate with outages, as a daily spec.

use crate::args::{self, Arg};
use crate::usage_error;
use hashrate_outage_chart::analysis::simulate::{simulated_spec, SimOutage, SimParams};
use hashrate_outage_chart::time::parse_iso8601;
use std::process::ExitCode;

pub(crate) fn simulate(args: &[String]) -> ExitCode {
    let mut params = SimParams {
        hash_rate_ehs: 176.0,
        difficulty: None,
        start_ms: 1_639_958_400_000, // 2021-12-20
        days: 32,
        seed: 2022,
        outages: Vec::new(),
    };
    let mut title = None;
    let options = [
        "--hashrate",
        "--difficulty",
        "--start",
        "--days",
        "--seed",
        "--title",
        "--outage",
    ];
    let parsed = match args::parse(args, &options, &[]) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error("simulate", &message),
    };
    for arg in parsed {
        let (flag, value) = match arg {
            Arg::Opt(flag, value) => (flag, value),
            Arg::Value(value) => {
                return usage_error("simulate", &format!("unexpected argument {value}"))
            }
        };
        let bad =
            |what: &str| usage_error("simulate", &format!("{flag}: expected {what}, got {value}"));
        match flag {
            "--hashrate" => match value.parse::<f64>() {
                Ok(v) if v > 0.0 && v.is_finite() => params.hash_rate_ehs = v,
                _ => return bad("a hash rate in EH/s above 0"),
            },
            "--difficulty" => match value.parse::<f64>() {
                Ok(v) if v > 0.0 && v.is_finite() => params.difficulty = Some(v),
                _ => return bad("a difficulty above 0"),
            },
            "--start" => match parse_iso8601(&value) {
                Ok(ms) => params.start_ms = ms,
                Err(e) => return bad(&format!("an ISO 8601 date ({e})")),
            },
            "--days" => match value.parse::<u32>() {
                Ok(d) if (1..=3650).contains(&d) => params.days = d,
                _ => return bad("a whole number of days from 1 to 3650"),
            },
            "--seed" => match value.parse::<u64>() {
                Ok(s) => params.seed = s,
                Err(_) => return bad("a whole number"),
            },
            "--title" => title = Some(value),
            "--outage" => match sim_outage(&value) {
                Some(o) => params.outages.push(o),
                None => {
                    return bad("START,HOURS,SHARE[,LABEL] such as 2022-01-05T11:00:00Z,36,0.132")
                }
            },
            _ => {}
        }
    }
    let spec = simulated_spec(&params, title.as_deref());
    println!(
        "{}",
        serde_json::to_string_pretty(&spec).unwrap_or_else(|_| spec.to_string())
    );
    ExitCode::SUCCESS
}

/// `--outage START,HOURS,SHARE[,LABEL]`: None unless each part is as it should be.
fn sim_outage(value: &str) -> Option<SimOutage> {
    let parts: Vec<&str> = value.splitn(4, ',').collect();
    let start = parse_iso8601(parts.first()?.trim()).ok()?;
    let hours: f64 = parts
        .get(1)?
        .trim()
        .parse()
        .ok()
        .filter(|h: &f64| *h > 0.0 && h.is_finite())?;
    let share: f64 = parts
        .get(2)?
        .trim()
        .parse()
        .ok()
        .filter(|s| (0.0..=1.0).contains(s))?;
    let label = parts
        .get(3)
        .map_or("Simulated outage", |l| l.trim())
        .to_string();
    Some(SimOutage {
        start_ms: start,
        end_ms: start + (hours * 3_600_000.0).round() as i64,
        share,
        label,
    })
}
