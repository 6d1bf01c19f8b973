//! CSV time series: a time column and one series per value column, with units and labels
//! read from the column names (`hash_rate_eh_per_s` → "Hash rate", EH/s) and block-count
//! columns attached to the hash-rate series they estimate.

use super::*;

/// Unit suffixes of CSV column names: `_th_per_s`, `_eh_per_s`, `_pct`, …
pub(super) fn unit_from_column(name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    for unit in HASH_RATE_UNITS {
        let suffix = format!(
            "_{}_per_s",
            unit.trim_end_matches("/s").to_ascii_lowercase()
        );
        if lower.ends_with(&suffix) {
            return Some(unit.to_string());
        }
    }
    if lower.ends_with("_pct") || lower.ends_with("_percent") || lower.ends_with("_%") {
        return Some("%".into());
    }
    None
}

pub(super) fn label_from_column(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    let mut base = name.to_string();
    for unit in HASH_RATE_UNITS {
        let suffix = format!(
            "_{}_per_s",
            unit.trim_end_matches("/s").to_ascii_lowercase()
        );
        if lower.ends_with(&suffix) {
            base.truncate(name.len() - suffix.len());
        }
    }
    for suffix in ["_pct", "_percent"] {
        if lower.ends_with(suffix) {
            base.truncate(name.len() - suffix.len());
        }
    }
    let words = base.replace('_', " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => name.to_string(),
    }
}

pub(super) fn is_blocks_column(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "blocks" || lower.starts_with("blocks_") || lower.ends_with("_blocks")
}

pub(super) fn read_csv_series(
    ctx: &Ctx,
    text: &str,
    options: &ConvertOptions,
) -> Result<Fragment, AdapterError> {
    let rows = csv_records(ctx, text)?;
    let Some((header_line, header)) = rows.first().cloned() else {
        return Err(ctx.err(None, None, "is empty: expected a header row and data rows"));
    };
    // A header names columns: a date or a row of plain numbers means the header is missing.
    let looks_like_data = header.iter().any(|h| parse_iso8601(h).is_ok())
        || header
            .iter()
            .all(|h| h.replace('_', "").parse::<f64>().is_ok());
    if looks_like_data {
        return Err(ctx.err(
            Some(header_line),
            None,
            "expected a header row naming the columns (time, then values), got data",
        ));
    }
    let CsvColumns {
        time_col,
        skipped,
        value_cols,
        blocks_col,
        units,
    } = csv_columns(ctx, &rows, &header, header_line, options)?;
    let (times, columns, blocks) =
        read_rows(ctx, &rows, &header, time_col, &value_cols, blocks_col)?;
    if times.is_empty() {
        return Err(ctx.err(Some(header_line), None, "has a header but no data rows"));
    }
    // Block counts belong to the hash-rate column they were counted for: the one sharing a
    // word with the blocks column's name, else the first hash-rate column.
    let blocks_target = blocks_col.and_then(|bc| blocks_target(&header, bc, &value_cols, &units));
    let mut notes: Vec<String> = skipped
        .iter()
        .map(|c| {
            format!(
                "column \"{}\" holds dates, not values, and was not charted",
                header[*c]
            )
        })
        .collect();
    if let (Some(bc), None) = (blocks_col, blocks_target) {
        notes.push(format!(
            "column \"{}\" (block counts) has no hash-rate column to attach to and was not used",
            header[bc]
        ));
    }
    let duplicate_of = duplicates(&header, &value_cols, &units, &columns, &mut notes);
    let blocks_target = blocks_target.map(|k| duplicate_of[k].unwrap_or(k));
    let series = value_cols
        .iter()
        .enumerate()
        .filter(|(k, _)| duplicate_of[*k].is_none())
        .map(|(k, &c)| {
            let mut s = json!({ "id": header[c], "label": label_from_column(&header[c]), "unit": units[k], "t": times, "v": columns[k], "source": ctx.file });
            if blocks_target == Some(k) {
                s["blocks"] = json!(blocks);
            }
            s
        })
        .collect();
    Ok(Fragment {
        series,
        notes,
        ..Fragment::default()
    })
}

/// A column that repeats another (same unit, same values) would draw one line on another:
/// for each value column, the column it repeats (left out, and a note says so).
fn duplicates(
    header: &[String],
    value_cols: &[usize],
    units: &[String],
    columns: &[Vec<Value>],
    notes: &mut Vec<String>,
) -> Vec<Option<usize>> {
    let mut duplicate_of: Vec<Option<usize>> = vec![None; value_cols.len()];
    for k in 0..value_cols.len() {
        duplicate_of[k] = (0..k).find(|&j| {
            duplicate_of[j].is_none() && units[j] == units[k] && columns[j] == columns[k]
        });
        if let Some(j) = duplicate_of[k] {
            notes.push(format!(
                "column \"{}\" repeats column \"{}\" and was not charted",
                header[value_cols[k]], header[value_cols[j]]
            ));
        }
    }
    duplicate_of
}

/// The data rows: each row's time (ascending), its values in each value column, and its
/// block count when a column holds them.
#[allow(clippy::type_complexity)]
fn read_rows(
    ctx: &Ctx,
    rows: &[(u64, Vec<String>)],
    header: &[String],
    time_col: usize,
    value_cols: &[usize],
    blocks_col: Option<usize>,
) -> Result<(Vec<i64>, Vec<Vec<Value>>, Vec<Value>), AdapterError> {
    let mut times = Vec::new();
    let mut columns: Vec<Vec<Value>> = vec![Vec::new(); value_cols.len()];
    let mut blocks: Vec<Value> = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        let time_name = format!("{} \"{}\"", time_col + 1, header[time_col]);
        let cell = row.get(time_col).map(String::as_str).unwrap_or("");
        let t = parse_time_cell(cell).map_err(|m| ctx.err(Some(*line), Some(&time_name), m))?;
        check_ascending(ctx, &times, t, *line, &time_name)?;
        times.push(t);
        for (k, &c) in value_cols.iter().enumerate() {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let value = parse_value_cell(cell).map_err(|m| {
                ctx.err(
                    Some(*line),
                    Some(&format!("{} \"{}\"", c + 1, header[c])),
                    m,
                )
            })?;
            columns[k].push(value);
        }
        if let Some(c) = blocks_col {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let column = format!("{} \"{}\"", c + 1, header[c]);
            let count = blocks_cell(cell).map_err(|m| ctx.err(Some(*line), Some(&column), m))?;
            blocks.push(count);
        }
    }
    Ok((times, columns, blocks))
}

/// The columns of a CSV time series: which holds the time, which hold values (with their
/// units), which hold other dates (left out, and said so) and which holds block counts.
pub(super) struct CsvColumns {
    time_col: usize,
    skipped: Vec<usize>,
    value_cols: Vec<usize>,
    blocks_col: Option<usize>,
    units: Vec<String>,
}

pub(super) fn csv_columns(
    ctx: &Ctx,
    rows: &[(u64, Vec<String>)],
    header: &[String],
    header_line: u64,
    options: &ConvertOptions,
) -> Result<CsvColumns, AdapterError> {
    let time_names = [
        "time",
        "date",
        "timestamp",
        "datetime",
        "date_utc",
        "time_utc",
        "t",
        "x",
        "day",
    ];
    let time_col = header
        .iter()
        .position(|h| time_names.contains(&h.to_ascii_lowercase().as_str()))
        .unwrap_or(0);
    // Other date columns (e.g. "date_as_committed") are bookkeeping, not values.
    let is_other_time = |c: usize| {
        let name = header[c].to_ascii_lowercase();
        (name.contains("date") || name.contains("time"))
            && rows
                .iter()
                .skip(1)
                .take(3)
                .all(|(_, r)| r.get(c).is_some_and(|v| parse_iso8601(v).is_ok()))
    };
    let skipped: Vec<usize> = (0..header.len())
        .filter(|c| *c != time_col && is_other_time(*c))
        .collect();
    let value_cols: Vec<usize> = (0..header.len())
        .filter(|c| {
            *c != time_col
                && !skipped.contains(c)
                && !is_blocks_column(&header[*c])
                && !header[*c].is_empty()
        })
        .collect();
    if value_cols.is_empty() {
        return Err(ctx.err(
            Some(header_line),
            None,
            "has no value column: expected a time column and one or more value columns",
        ));
    }
    let blocks_col = (0..header.len()).find(|c| *c != time_col && is_blocks_column(&header[*c]));
    let mut units = Vec::new();
    for &c in &value_cols {
        let unit = unit_from_column(&header[c]).or_else(|| options.unit.clone()).ok_or_else(|| {
            ctx.err(Some(header_line), Some(&format!("{} \"{}\"", c + 1, header[c])), "has no unit: name it with a suffix such as _th_per_s, _eh_per_s or _pct, or pass --unit")
        })?;
        units.push(unit);
    }
    Ok(CsvColumns {
        time_col,
        skipped,
        value_cols,
        blocks_col,
        units,
    })
}

/// The largest block count a cell may hold: 2^53 − 1, the largest whole number a JS number
/// (and a JSON reader) keeps exactly.
const MAX_SAFE_COUNT: f64 = 9_007_199_254_740_991.0;

/// A block-count cell: a whole number, or empty (null).
pub(super) fn blocks_cell(cell: &str) -> Result<Value, String> {
    match parse_value_cell(cell)? {
        Value::Number(n)
            if n.as_f64()
                .is_some_and(|x| (0.0..=MAX_SAFE_COUNT).contains(&x) && x.fract() == 0.0) =>
        {
            Ok(json!(n.as_f64().unwrap_or(0.0) as u64))
        }
        Value::Null => Ok(Value::Null),
        _ => Err("expected a whole number of blocks".to_string()),
    }
}

/// Block counts belong to the hash-rate column they were counted for: the one (by index into
/// `value_cols`) sharing a word with the blocks column's name, else the first hash-rate column.
pub(super) fn blocks_target(
    header: &[String],
    blocks_col: usize,
    value_cols: &[usize],
    units: &[String],
) -> Option<usize> {
    let words: Vec<String> = header[blocks_col]
        .to_ascii_lowercase()
        .split('_')
        .filter(|w| *w != "blocks" && *w != "per" && *w != "day")
        .map(String::from)
        .collect();
    let hash_cols: Vec<usize> = (0..value_cols.len())
        .filter(|k| Unit::parse(&units[*k]).is_hash_rate())
        .collect();
    hash_cols
        .iter()
        .copied()
        .find(|k| {
            words.iter().any(|w| {
                header[value_cols[*k]]
                    .to_ascii_lowercase()
                    .contains(w.as_str())
            })
        })
        .or_else(|| hash_cols.first().copied())
}
