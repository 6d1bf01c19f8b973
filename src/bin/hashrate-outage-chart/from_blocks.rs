//! `from-blocks`: per-block records or the chain-facts table into a daily hash-rate spec.

use crate::args::{self, Arg};
use crate::{emit_spec, read_or_exit, usage_error};
use hashrate_outage_chart::analysis::blocks::{difficulty_from_nbits, Block};
use hashrate_outage_chart::parse_spec;
use std::process::ExitCode;

pub(crate) fn from_blocks(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::blocks::daily_from_blocks;
    let mut path = None;
    let mut title = None;
    let mut with = None;
    let mut output: Option<String> = None;
    let parsed = match args::parse(args, &["--title", "--with", "-o", "--output"], &[]) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error("from-blocks", &message),
    };
    for arg in parsed {
        match arg {
            Arg::Opt("--title", value) => title = Some(value),
            Arg::Opt("--with", value) => with = Some(value),
            Arg::Opt(_, value) => output = Some(value),
            Arg::Value(p) => path = Some(p),
        }
    }
    let Some(path) = path else {
        return usage_error("from-blocks", "missing BLOCKS.csv");
    };
    let text = match read_or_exit(&path) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // CSV through the csv crate, as the adapters read it (quoting, CRLF, a BOM).
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(str::to_ascii_lowercase).collect())
        .unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let daily = (col("date_utc").is_some() || col("date").is_some())
        && col("blocks").is_some()
        && col("difficulty").is_some();
    if daily {
        return from_days(&path, &text, (title, with.as_deref(), output.as_deref()));
    }
    let columns = match block_columns(&path, &header) {
        Ok(columns) => columns,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let blocks = match read_blocks(&path, &mut reader, columns) {
        Ok(blocks) => blocks,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let days = daily_from_blocks(&blocks);
    if days.is_empty() {
        eprintln!("{path}: no blocks");
        return ExitCode::from(2);
    }
    print_daily_spec(
        &path,
        &days,
        (title, with.as_deref(), output.as_deref()),
        &format!("{} blocks", blocks.len()),
        &blocks,
    )
}

/// The chain-facts table (one row a day), read by the same adapter as convert's and the
/// chart maker's.
fn from_days(
    path: &str,
    text: &str,
    options: (Option<String>, Option<&str>, Option<&str>),
) -> ExitCode {
    match hashrate_outage_chart::adapters::chain_days(path, text) {
        Ok(days) => print_daily_spec(path, &days, options, "days", &[]),
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
    }
}

/// Where a block's fields are in a row of per-block records.
#[derive(Clone, Copy)]
struct BlockColumns {
    height: usize,
    time: usize,
    difficulty: Option<usize>,
    nbits: Option<usize>,
}

/// The columns of per-block records in the header (lower case): height, timestamp, and
/// difficulty or nbits.
fn block_columns(path: &str, header: &[String]) -> Result<BlockColumns, String> {
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(height), Some(time)) = (col("height"), col("timestamp")) else {
        return Err(format!("{path}:1: expected a header with the columns height, timestamp and difficulty or nbits (one row a block), or date_utc, blocks and difficulty (one row a day)"));
    };
    let (difficulty, nbits) = (col("difficulty"), col("nbits"));
    if difficulty.is_none() && nbits.is_none() {
        return Err(format!(
            "{path}:1: expected a difficulty or an nbits column"
        ));
    }
    Ok(BlockColumns {
        height,
        time,
        difficulty,
        nbits,
    })
}

/// Every row of per-block records as a block (blank rows skipped); the first error names
/// its file and line.
fn read_blocks(
    path: &str,
    reader: &mut csv::Reader<&[u8]>,
    columns: BlockColumns,
) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| format!("{path}: {error}"))?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        blocks.push(read_block(path, &record, columns)?);
    }
    Ok(blocks)
}

/// One row as a block: its height, time and difficulty (given, or from nbits).
fn read_block(
    path: &str,
    record: &csv::StringRecord,
    columns: BlockColumns,
) -> Result<Block, String> {
    let line_no = record.position().map_or(0, csv::Position::line);
    let field = |c: usize, name: &str| {
        record
            .get(c)
            .ok_or_else(|| format!("{path}:{line_no}: missing the {name} column"))
    };
    let height = field(columns.height, "height")?
        .parse::<u64>()
        .map_err(|_| format!("{path}:{line_no}: height is not a whole number"))?;
    let time_s = field(columns.time, "timestamp")?
        .parse::<i64>()
        .map_err(|_| format!("{path}:{line_no}: timestamp is not whole Unix seconds"))?;
    let difficulty = match (columns.difficulty, columns.nbits) {
        (Some(c), _) => field(c, "difficulty")?
            .parse::<f64>()
            .ok()
            .filter(|d| *d > 0.0 && d.is_finite())
            .ok_or_else(|| format!("{path}:{line_no}: difficulty is not a positive number"))?,
        (None, Some(c)) => {
            let text = field(c, "nbits")?.trim_start_matches("0x");
            u32::from_str_radix(text, 16)
                .ok()
                .and_then(difficulty_from_nbits)
                .ok_or_else(|| {
                    format!("{path}:{line_no}: nbits is not a valid compact target in hex")
                })?
        }
        (None, None) => return Err(format!("{path}: no difficulty column")),
    };
    Ok(Block {
        height,
        time_s,
        difficulty,
    })
}

/// Prints the spec of daily estimates (EH/s to the thousandth, blocks attached), with the keys
/// of `with` (a spec file: title, outages, annotations, options, …) merged over the defaults;
/// to `output` (written atomically) when given.
fn print_daily_spec(
    path: &str,
    days: &[hashrate_outage_chart::analysis::blocks::DailyEstimate],
    (title, with, output): (Option<String>, Option<&str>, Option<&str>),
    what: &str,
    blocks: &[Block],
) -> ExitCode {
    let points: Vec<serde_json::Value> = days
        .iter()
        .map(|d| {
            serde_json::json!([
                hashrate_outage_chart::time::format_iso(d.day_ms).trim_end_matches("T00:00:00Z"),
                (d.hash_rate_hs / 1e15).round() / 1e3
            ])
        })
        .collect();
    let counts: Vec<u64> = days.iter().map(|d| d.blocks).collect();
    let mut spec = serde_json::json!({
        "title": title.unwrap_or_else(|| "Bitcoin hash rate estimated from blocks".to_string()),
        "subtitle": "Daily estimate = blocks × difficulty × 2^32 / 86,400 s for each UTC day",
        "source": format!("Computed from {what} in {path}"),
        "series": [{ "id": "hashrate", "label": "Hash rate", "unit": "EH/s", "points": points, "blocks": counts }],
    });
    if let Some(with) = with {
        if let Err(code) = merge_with(&mut spec, with) {
            return code;
        }
    }
    let parsed = match parse_spec(&spec.to_string()) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("the spec made from {path} is invalid: {e}");
            return ExitCode::from(2);
        }
    };
    // Outages shorter than two days are measured on the blocks of their own hours: list the
    // blocks' times over the whole UTC days from the first such outage to the last, and a day
    // either side (the list covers first to last time: an outage from midnight needs the
    // blocks before it).
    let day = hashrate_outage_chart::time::MS_PER_DAY;
    let short = parsed
        .outages
        .iter()
        .filter(|o| o.end_ms - o.start_ms < hashrate_outage_chart::analysis::ARRIVALS_BELOW_MS);
    let span = short.fold(None, |span: Option<(i64, i64)>, o| {
        let (a, b) = (
            o.start_ms.div_euclid(day) * day - day,
            (o.end_ms + day - 1).div_euclid(day) * day + day,
        );
        Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
    });
    if let (Some((from, to)), false) = (span, blocks.is_empty()) {
        let mut times: Vec<i64> = blocks
            .iter()
            .map(|b| b.time_s)
            .filter(|s| (from..to).contains(&(s * 1000)))
            .collect();
        times.sort_unstable();
        spec["series"][0]["blockTimes"] = serde_json::json!(times);
        if let Err(e) = parse_spec(&spec.to_string()) {
            eprintln!("the spec made from {path} is invalid: {e}");
            return ExitCode::from(2);
        }
    }
    emit_spec(&spec, output)
}

/// The keys of the spec file `with` (anything but series) over those of `spec`.
fn merge_with(spec: &mut serde_json::Value, with: &str) -> Result<(), ExitCode> {
    let extra = std::fs::read_to_string(with)
        .map_err(|e| format!("cannot read {with}: {e}"))
        .and_then(|t| {
            serde_json::from_str::<serde_json::Value>(&t).map_err(|e| format!("{with}: {e}"))
        });
    match extra {
        Ok(serde_json::Value::Object(map)) => {
            for (key, value) in map {
                if key == "series" {
                    eprintln!("{with}: series come from the blocks; its series are ignored");
                    return Err(ExitCode::from(2));
                }
                spec[key] = value;
            }
        }
        Ok(_) => {
            eprintln!("{with}: expected a JSON object of spec keys");
            return Err(ExitCode::from(2));
        }
        Err(message) => {
            eprintln!("hashrate-outage-chart: {message}");
            return Err(ExitCode::from(1));
        }
    }
    Ok(())
}
