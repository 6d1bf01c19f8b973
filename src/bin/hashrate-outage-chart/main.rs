//! The native command line: renders a chart spec to SVG with the same drawing code the
//! browser uses, measures outage impact, simulates block arrivals, and turns per-block data
//! into a daily series. Exit codes: 0 done, 1 file error, 2 invalid input or usage. One file
//! per subcommand beside this one; here the usage, the dispatch and what they share (reading
//! input, writing output whole or not at all).

use hashrate_outage_chart::spec::{parse_spec, Spec};
use std::io::{Read, Write};
use std::process::ExitCode;

mod args;
mod calibrate;
mod convert;
mod from_blocks;
mod impact;
mod render;
mod simulate;

use calibrate::calibrate;
use convert::convert;
use from_blocks::from_blocks;
use impact::impact;
use render::render;
use simulate::simulate;

const USAGE: &str = "usage:
  hashrate-outage-chart render SPEC.json [-o chart.svg|chart.png] [--width 800] [--height 450] [--theme light|dark]
        [--scale 2] [--font-dir DIR]   (PNG: pixels per CSS px, and where the fonts are)
        [--font FILE [--bold-font FILE]]   (lay out and draw the text in this font)
        [--locale en|de|fr|es|ru|zh]   (the chart's words, dates and numbers; default en)
  hashrate-outage-chart impact SPEC.json [--baseline-days 14]
  hashrate-outage-chart simulate [--hashrate 176] [--difficulty D] [--start 2021-12-20] [--days 32]
        [--seed 2022] [--outage START,HOURS,SHARE[,LABEL]]... [--title TEXT]
  hashrate-outage-chart from-blocks BLOCKS.csv [--title TEXT] [--with SPEC.json] [-o spec.json]
  hashrate-outage-chart calibrate [DAILY.csv] [--windows 500] [--seed 2026] [--from 2016-01-01 --to 2026-01-01 --hours 24-168]
  hashrate-outage-chart convert FILE... [--title TEXT] [--subtitle TEXT] [--source TEXT]
        [--label COLUMN=TEXT]... [--unit TH/s] [--updated now|TIME] [--verbose] [-o spec.json]
Options take their value as --name value or --name=value.
SPEC.json may be - for standard input; without -o the SVG or spec goes to standard output; with -o
it is written whole or not at all (a temporary file renamed over it), so a page refreshing it never
reads half a file.
BLOCKS.csv has a header and the columns height, timestamp (Unix seconds) and difficulty or nbits (hex),
or one row a day: date_utc, blocks and difficulty. --with merges a spec's other keys (outages, title, …).
--updated stamps the spec's `updated` (now, or an ISO 8601 time): \"Updated …\" in the chart's footer.";

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it, so a chart page refreshing the file never reads half of it (a cron job that
/// rebuilds a spec every few minutes, README "A developing story").
fn write_atomically(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::path::Path::new(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Prints a JSON spec, or writes it to `output` atomically; the exit code says which failed.
/// `--updated`'s value as the spec's ISO 8601 UTC time: "now" (this second) or a time.
fn updated_stamp(value: &str) -> Result<String, String> {
    use hashrate_outage_chart::time::{format_iso, parse_iso8601};
    let ms = if value == "now" {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| e.to_string())?;
        since.as_millis() as i64
    } else {
        parse_iso8601(value).map_err(|e| format!("expected now or an ISO 8601 time ({e})"))?
    };
    Ok(format_iso(ms))
}

fn emit_spec(spec: &serde_json::Value, output: Option<&str>) -> ExitCode {
    let text = serde_json::to_string_pretty(spec).unwrap_or_else(|_| spec.to_string()) + "\n";
    let written = match output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "hashrate-outage-chart: cannot write {}: {e}",
                output.unwrap_or("standard output")
            );
            ExitCode::from(1)
        }
    }
}

/// A file's text, or standard input's for "-": a spec, or the CSV from-blocks reads.
fn read_input(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}

/// `read_input`, or the exit (1) after saying what could not be read.
fn read_or_exit(path: &str) -> Result<String, ExitCode> {
    read_input(path).map_err(|e| {
        eprintln!("hashrate-outage-chart: cannot read {path}: {e}");
        ExitCode::from(1)
    })
}

/// The chart spec at `path`, or the exit after saying why not: 1 unread, 2 invalid.
fn read_spec_or_exit(path: &str) -> Result<Spec, ExitCode> {
    parse_spec(&read_or_exit(path)?).map_err(|e| {
        eprintln!("{path}: invalid chart spec: {e}");
        ExitCode::from(2)
    })
}

fn usage_error(command: &str, message: &str) -> ExitCode {
    eprintln!("hashrate-outage-chart {command}: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("render") => render(&args[1..]),
        Some("impact") => impact(&args[1..]),
        Some("simulate") => simulate(&args[1..]),
        Some("from-blocks") => from_blocks(&args[1..]),
        Some("convert") => convert(&args[1..]),
        Some("calibrate") => calibrate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("hashrate-outage-chart: unknown command {other}\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
