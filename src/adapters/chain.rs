//! Chain facts: one row a UTC day with the blocks mined that day and the difficulty in force
//! (`date_utc,blocks,difficulty`, as `scripts/chain-facts.py` writes them for the demo and the
//! chart maker's whole history). The hash rate is computed, not read: blocks × difficulty ×
//! 2^32 / 86,400 s, in EH/s to the thousandth, with the block counts attached so the impact's
//! interval is the block-count one. The CLI's `from-blocks` reads the same table.

use super::*;
use crate::analysis::blocks::{daily_estimate, DailyEstimate};

/// Whether a header (lower case, trimmed) names a chain-facts table.
pub(super) fn is_chain_facts(headers: &[&str]) -> bool {
    let has = |name: &str| headers.contains(&name);
    (has("date_utc") || has("date")) && has("blocks") && has("difficulty")
}

/// The days of a chain-facts table, in its order; each error names the line and column.
pub fn chain_days(file: &str, text: &str) -> Result<Vec<DailyEstimate>, AdapterError> {
    let ctx = Ctx { file };
    let rows = csv_records(&ctx, text)?;
    let Some((header_line, header)) = rows.first().cloned() else {
        return Err(ctx.err(None, None, "is empty"));
    };
    let lower: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
    let col = |name: &str| lower.iter().position(|h| h == name);
    let (Some(date), Some(count), Some(difficulty)) = (
        col("date_utc").or(col("date")),
        col("blocks"),
        col("difficulty"),
    ) else {
        return Err(ctx.err(
            Some(header_line),
            None,
            "expected the columns date_utc, blocks and difficulty",
        ));
    };
    let mut days: Vec<DailyEstimate> = Vec::new();
    let mut times = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        let cell = |c: usize| row.get(c).map(String::as_str).unwrap_or("");
        let day = parse_iso8601(cell(date))
            .map_err(|e| ctx.err(Some(*line), Some(&header[date]), e.to_string()))?;
        check_ascending(&ctx, &times, day, *line, &header[date])?;
        times.push(day);
        let blocks = cell(count).parse::<u64>().map_err(|_| {
            ctx.err(
                Some(*line),
                Some(&header[count]),
                "expected a whole number of blocks",
            )
        })?;
        let d = cell(difficulty)
            .parse::<f64>()
            .ok()
            .filter(|d| *d > 0.0 && d.is_finite())
            .ok_or_else(|| {
                ctx.err(
                    Some(*line),
                    Some(&header[difficulty]),
                    "expected a positive difficulty",
                )
            })?;
        days.push(daily_estimate(day, blocks, d));
    }
    if days.is_empty() {
        return Err(ctx.err(None, None, "has no days"));
    }
    Ok(days)
}

/// The daily hash-rate series of `days`, with their block counts.
pub fn chain_series(days: &[DailyEstimate]) -> Value {
    let points: Vec<Value> = days
        .iter()
        .map(|d| {
            json!([
                crate::time::format_iso(d.day_ms).trim_end_matches("T00:00:00Z"),
                (d.hash_rate_hs / 1e15).round() / 1e3
            ])
        })
        .collect();
    let counts: Vec<u64> = days.iter().map(|d| d.blocks).collect();
    json!({ "id": "hashrate", "label": "Hash rate", "unit": "EH/s", "points": points, "blocks": counts })
}

pub(super) fn read_chain_facts(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let days = chain_days(ctx.file, text)?;
    Ok(Fragment {
        series: vec![chain_series(&days)],
        subtitle: Some(
            "Daily estimate = blocks × difficulty × 2^32 / 86,400 s for each UTC day".to_string(),
        ),
        ..Fragment::default()
    })
}
