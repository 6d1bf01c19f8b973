//! The CSV layer every CSV adapter shares: records with their line numbers, time cells
//! (ISO 8601, Unix seconds or milliseconds), value cells (numbers, gaps) and the check that
//! times ascend.

use super::*;

pub(super) fn csv_records(ctx: &Ctx, text: &str) -> Result<Vec<(u64, Vec<String>)>, AdapterError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line());
            ctx.err(line, None, format!("cannot read CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue; // blank lines, including trailing ones
        }
        rows.push((line, record.iter().map(String::from).collect()));
    }
    Ok(rows)
}

/// A time cell: ISO 8601, or a number — below 10^11 Unix seconds (up to the year 5138),
/// from 10^11 up Unix milliseconds (from March 1973).
pub fn parse_time_cell(cell: &str) -> Result<i64, String> {
    if let Ok(ms) = parse_iso8601(cell) {
        return Ok(ms);
    }
    match cell.parse::<f64>() {
        Ok(n) if n.is_finite() && n.abs() < 1e11 => Ok((n * 1000.0).round() as i64),
        Ok(n) if n.is_finite() && n.abs() < 1e16 => Ok(n.round() as i64),
        _ => Err(format!(
            "expected a time (ISO 8601 like 2022-01-05 or 2022-01-05T11:00:00Z, or Unix seconds or milliseconds), got \"{}\"",
            cell.chars().take(40).collect::<String>()
        )),
    }
}

pub(super) fn parse_value_cell(cell: &str) -> Result<Value, String> {
    if cell.is_empty()
        || ["null", "na", "n/a", "nan", "-"].contains(&cell.to_ascii_lowercase().as_str())
    {
        return Ok(Value::Null);
    }
    match cell.replace('_', "").parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(json!(n)),
        _ => Err(format!(
            "expected a number (or an empty cell for a gap), got \"{}\"",
            cell.chars().take(40).collect::<String>()
        )),
    }
}

pub(super) fn check_ascending(
    ctx: &Ctx,
    times: &[i64],
    t: i64,
    line: u64,
    column: &str,
) -> Result<(), AdapterError> {
    if let Some(&last) = times.last() {
        if t == last {
            return Err(ctx.err(
                Some(line),
                Some(column),
                "repeats the previous row's time; times must be strictly ascending",
            ));
        }
        if t < last {
            return Err(ctx.err(Some(line), Some(column), "is before the previous row's time; times must be strictly ascending (sort the file)"));
        }
    }
    Ok(())
}
