//! Adapters: the files newsrooms have (blockchain.com charts JSON and CSV, CSV time series,
//! outage event lists, IODA and Cloudflare Radar responses, chart specs) read into one valid
//! chart spec. Pure Rust, so the CLI's `convert` and the browser's "Load file…" share it.
//! Each file's kind is recognised from its content; every error names the file and, where
//! there is one, the line and column.

use crate::spec::parse_spec;
use crate::text::units::{Unit, HASH_RATE_UNITS};
use crate::time::{parse_iso8601, MS_PER_DAY};
use serde_json::{json, Map, Value};
use std::fmt;

/// One input: its name (file name or URL) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The kinds of input recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Spec,
    BlockchainJson,
    BlockchainCsv,
    CsvSeries,
    OutageCsv,
    IodaEvents,
    IodaSignals,
    CloudflareRadar,
}

impl Kind {
    /// How the kind is named in messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Spec => "chart spec",
            Kind::BlockchainJson => "blockchain.com charts API JSON",
            Kind::BlockchainCsv => "blockchain.com charts CSV",
            Kind::CsvSeries => "CSV time series",
            Kind::OutageCsv => "outage events CSV",
            Kind::IodaEvents => "IODA outage events",
            Kind::IodaSignals => "IODA signals",
            Kind::CloudflareRadar => "Cloudflare Radar outage annotations",
        }
    }
}

/// Options of a conversion.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConvertOptions {
    pub title: Option<String>,
    /// Unit for CSV value columns whose name carries none (e.g. "TH/s").
    pub unit: Option<String>,
    pub subtitle: Option<String>,
    /// The source line, instead of the one built from the files' own sources.
    pub source: Option<String>,
    /// Series labels by column (series id): `--label COLUMN=TEXT`.
    pub labels: Vec<(String, String)>,
}

/// An error reading one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterError {
    pub file: String,
    /// 1-based line, where known.
    pub line: Option<u64>,
    /// Column name or number, where known.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for AdapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ": column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for AdapterError {}

/// The merged spec and what was recognised in each input.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    pub spec: Value,
    /// One line per input: "name: kind (n series, m outages)", plus notes.
    pub report: Vec<String>,
}

#[derive(Default)]
struct Fragment {
    title: Option<String>,
    series: Vec<Value>,
    outages: Vec<Value>,
    annotations: Vec<Value>,
    options: Option<Value>,
    subtitle: Option<String>,
    source: Option<String>,
    notes: Vec<String>,
}

struct Ctx<'a> {
    file: &'a str,
}

impl Ctx<'_> {
    fn err(
        &self,
        line: Option<u64>,
        column: Option<&str>,
        message: impl Into<String>,
    ) -> AdapterError {
        AdapterError {
            file: self.file.to_string(),
            line,
            column: column.map(String::from),
            message: message.into(),
        }
    }
}

/// Text of an input: UTF-8 with any byte-order mark removed.
fn text_of(file: &InputFile) -> Result<String, AdapterError> {
    let text = std::str::from_utf8(file.bytes).map_err(|e| AdapterError {
        file: file.name.to_string(),
        line: None,
        column: None,
        message: format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.valid_up_to()
        ),
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}

/// Recognises an input's kind from its content.
pub fn detect(text: &str) -> Kind {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let Ok(value) = serde_json::from_str::<Value>(trimmed) else {
            return Kind::Spec; // reported as invalid JSON by the spec reader
        };
        if value.get("series").is_some() {
            return Kind::Spec;
        }
        if value.get("values").is_some_and(Value::is_array) {
            return Kind::BlockchainJson;
        }
        if value.pointer("/result/annotations").is_some()
            || value.get("annotations").is_some_and(Value::is_array)
        {
            return Kind::CloudflareRadar;
        }
        if let Some(data) = value.get("data").and_then(Value::as_array) {
            if data.first().is_some_and(Value::is_array) {
                return Kind::IodaSignals;
            }
            return Kind::IodaEvents;
        }
        return Kind::Spec;
    }
    let first_line = trimmed
        .lines()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    let headers: Vec<&str> = first_line
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    let has = |names: &[&str]| headers.iter().any(|h| names.contains(h));
    if has(&["start", "start_utc"]) && has(&["end", "end_utc"]) {
        return Kind::OutageCsv;
    }
    let first_cell = headers.first().copied().unwrap_or_default();
    if headers.len() == 2 && parse_iso8601(first_cell).is_ok() {
        return Kind::BlockchainCsv;
    }
    Kind::CsvSeries
}

/// Reads one input as the given kind, whatever its content looks like (for fuzzing each
/// reader on its own), merged into a spec as `convert` would.
pub fn convert_as(
    kind: Kind,
    file: &InputFile,
    options: &ConvertOptions,
) -> Result<Value, AdapterError> {
    let text = text_of(file)?;
    let fragment = read_kind(kind, &Ctx { file: file.name }, &text, options)?;
    merge(vec![fragment], options, file.name)
}

fn read_kind(
    kind: Kind,
    ctx: &Ctx,
    text: &str,
    options: &ConvertOptions,
) -> Result<Fragment, AdapterError> {
    match kind {
        Kind::Spec => read_spec(ctx, text),
        Kind::BlockchainJson => read_blockchain_json(ctx, text),
        Kind::BlockchainCsv => read_blockchain_csv(ctx, text, options),
        Kind::CsvSeries => read_csv_series(ctx, text, options),
        Kind::OutageCsv => read_outage_csv(ctx, text),
        Kind::IodaEvents => read_ioda_events(ctx, text),
        Kind::IodaSignals => read_ioda_signals(ctx, text),
        Kind::CloudflareRadar => read_cloudflare(ctx, text),
    }
}

/// Reads every input and merges them into one spec, validated.
pub fn convert(files: &[InputFile], options: &ConvertOptions) -> Result<Converted, AdapterError> {
    let mut fragments = Vec::new();
    let mut report = Vec::new();
    for file in files {
        let text = text_of(file)?;
        let kind = detect(&text);
        let ctx = Ctx { file: file.name };
        let fragment = read_kind(kind, &ctx, &text, options)?;
        report.push(format!(
            "{}: {} ({} series, {} outages)",
            file.name,
            kind.describe(),
            fragment.series.len(),
            fragment.outages.len()
        ));
        for note in &fragment.notes {
            report.push(format!("{}: {note}", file.name));
        }
        fragments.push(fragment);
    }
    let spec = merge(
        fragments,
        options,
        files.first().map_or("input", |f| f.name),
    )?;
    Ok(Converted { spec, report })
}

fn merge(
    fragments: Vec<Fragment>,
    options: &ConvertOptions,
    first_name: &str,
) -> Result<Value, AdapterError> {
    let mut root = Map::new();
    let mut series: Vec<Value> = Vec::new();
    let mut outages: Vec<Value> = Vec::new();
    let mut annotations: Vec<Value> = Vec::new();
    let mut title = options.title.clone();
    let mut subtitle = options.subtitle.clone();
    let mut source = options.source.clone();
    let mut spec_options = None;
    for f in fragments {
        title = title.or(f.title);
        subtitle = subtitle.or(f.subtitle);
        source = source.or(f.source);
        spec_options = spec_options.or(f.options);
        for mut s in f.series {
            // Ids stay unique across files: "hashrate", "hashrate-2", …
            let base = s
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("series")
                .to_string();
            let mut id = base.clone();
            let mut n = 2;
            while series
                .iter()
                .any(|other| other.get("id").and_then(Value::as_str) == Some(id.as_str()))
            {
                id = format!("{base}-{n}");
                n += 1;
            }
            s["id"] = json!(id);
            series.push(s);
        }
        outages.extend(f.outages);
        annotations.extend(f.annotations);
    }
    if series.is_empty() {
        return Err(AdapterError {
            file: first_name.to_string(),
            line: None,
            column: None,
            message: "no series to chart: give at least one file with a time series (outage lists only shade a chart)".into(),
        });
    }
    // Hash rates on the left, everything else on the right; with no hash rate, the first
    // series' kind takes the left. Two other kinds cannot share the right: validation says so.
    let unit_of = |s: &Value| Unit::parse(s.get("unit").and_then(Value::as_str).unwrap_or(""));
    let left_kind = series
        .iter()
        .map(unit_of)
        .find(Unit::is_hash_rate)
        .or_else(|| series.first().map(unit_of));
    for s in &mut series {
        if s.get("axis").is_none() {
            let on_left = left_kind.as_ref().is_some_and(|k| k.same_kind(&unit_of(s)));
            s["axis"] = json!(if on_left { "left" } else { "right" });
        }
    }
    // An ongoing outage (no end yet) runs to the last data time.
    let last_time = series
        .iter()
        .filter_map(|s| {
            s.get("t")
                .and_then(Value::as_array)
                .and_then(|t| t.last())
                .and_then(Value::as_i64)
        })
        .max();
    for o in &mut outages {
        if let Some(obj) = o.as_object_mut() {
            if obj.remove("_ongoing").is_some() {
                let start = obj.get("start").and_then(Value::as_i64).unwrap_or(0);
                let end = last_time
                    .filter(|t| *t > start)
                    .unwrap_or(start + 3_600_000);
                obj.insert("end".into(), json!(end));
            }
        }
    }
    for s in &mut series {
        let id = s
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if let Some((_, label)) = options.labels.iter().find(|(column, _)| *column == id) {
            s["label"] = json!(label);
        }
    }
    // A default title says only what is there.
    let has_hash_rate = series.iter().any(|s| unit_of(s).is_hash_rate());
    let default_title = match (has_hash_rate, outages.is_empty()) {
        (true, false) => "Bitcoin hash rate and outages".to_string(),
        (true, true) => "Bitcoin hash rate".to_string(),
        (false, _) => series
            .first()
            .and_then(|s| s.get("label").and_then(Value::as_str))
            .unwrap_or("Chart")
            .to_string(),
    };
    root.insert("title".into(), json!(title.unwrap_or(default_title)));
    if let Some(s) = subtitle {
        root.insert("subtitle".into(), json!(s));
    }
    if let Some(s) = source {
        root.insert("source".into(), json!(s));
    }
    root.insert("series".into(), Value::Array(series));
    if !outages.is_empty() {
        root.insert("outages".into(), Value::Array(outages));
    }
    if !annotations.is_empty() {
        root.insert("annotations".into(), Value::Array(annotations));
    }
    if let Some(o) = spec_options {
        root.insert("options".into(), o);
    }
    let spec = Value::Object(root);
    parse_spec(&spec.to_string()).map_err(|e| AdapterError {
        file: first_name.to_string(),
        line: None,
        column: None,
        message: format!("the merged chart spec is not valid: {e}"),
    })?;
    Ok(spec)
}

fn parse_json(ctx: &Ctx, text: &str) -> Result<Value, AdapterError> {
    serde_json::from_str(text)
        .map_err(|e| ctx.err(Some(e.line() as u64), None, format!("invalid JSON: {e}")))
}

/// An IODA response: JSON whose `error` is null.
fn parse_ioda(ctx: &Ctx, text: &str) -> Result<Value, AdapterError> {
    let value = parse_json(ctx, text)?;
    match value.get("error").filter(|e| !e.is_null()) {
        Some(error) => Err(ctx.err(
            None,
            Some("error"),
            format!("IODA answered with an error: {error}"),
        )),
        None => Ok(value),
    }
}

fn read_spec(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_json(ctx, text)?;
    parse_spec(&value.to_string())
        .map_err(|e| ctx.err(None, None, format!("not a valid chart spec: {e}")))?;
    let get_text = |key: &str| value.get(key).and_then(Value::as_str).map(String::from);
    let array = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    Ok(Fragment {
        title: get_text("title"),
        subtitle: get_text("subtitle"),
        source: get_text("source"),
        series: array("series"),
        outages: array("outages"),
        annotations: array("annotations"),
        options: value.get("options").cloned(),
        notes: Vec::new(),
    })
}

/// The hash-rate unit named inside a unit string such as "Hash Rate TH/s".
fn unit_in(text: &str) -> Option<&'static str> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .find_map(|word| {
            HASH_RATE_UNITS
                .iter()
                .find(|u| u.eq_ignore_ascii_case(word))
                .copied()
        })
}

fn read_blockchain_json(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_json(ctx, text)?;
    if let Some(status) = value.get("status").and_then(Value::as_str) {
        if status != "ok" {
            return Err(ctx.err(
                None,
                Some("status"),
                format!("blockchain.com answered status \"{status}\", not \"ok\""),
            ));
        }
    }
    let unit_text = value.get("unit").and_then(Value::as_str).ok_or_else(|| {
        ctx.err(
            None,
            Some("unit"),
            "has no \"unit\": the unit is read from it, never assumed",
        )
    })?;
    let unit = unit_in(unit_text)
        .map(String::from)
        .unwrap_or_else(|| unit_text.to_string());
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("blockchain.com chart")
        .to_string();
    let mut t = Vec::new();
    let mut v = Vec::new();
    let values = value
        .get("values")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, point) in values.iter().enumerate() {
        let x = point.get("x").and_then(Value::as_f64).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("values[{i}].x")),
                "expected Unix seconds",
            )
        })?;
        let y = match point.get("y") {
            Some(Value::Null) | None => Value::Null,
            Some(y) => json!(y.as_f64().ok_or_else(|| ctx.err(
                None,
                Some(&format!("values[{i}].y")),
                "expected a number"
            ))?),
        };
        let ms = (x * 1000.0).round() as i64;
        if let Some(&last) = t.last() {
            if ms <= last {
                return Err(ctx.err(
                    None,
                    Some(&format!("values[{i}].x")),
                    "times must be strictly ascending",
                ));
            }
        }
        t.push(ms);
        v.push(y);
    }
    if t.is_empty() {
        return Err(ctx.err(None, Some("values"), "has no values"));
    }
    Ok(Fragment {
        // No title of its own: the merged spec's says what the files hold together.
        title: None,
        series: vec![
            json!({ "id": "hashrate", "label": name, "unit": unit, "t": t, "v": v, "source": format!("blockchain.com charts API ({})", ctx.file) }),
        ],
        ..Fragment::default()
    })
}

fn csv_records(ctx: &Ctx, text: &str) -> Result<Vec<(u64, Vec<String>)>, AdapterError> {
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

fn parse_value_cell(cell: &str) -> Result<Value, String> {
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

fn check_ascending(
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

fn read_blockchain_csv(
    ctx: &Ctx,
    text: &str,
    options: &ConvertOptions,
) -> Result<Fragment, AdapterError> {
    let unit = options.unit.clone().ok_or_else(|| {
        ctx.err(None, None, "a blockchain.com CSV export carries no unit: pass --unit (its hash-rate chart is in TH/s: --unit TH/s)")
    })?;
    let mut t = Vec::new();
    let mut v = Vec::new();
    for (line, row) in csv_records(ctx, text)? {
        let (Some(time), Some(value)) = (row.first(), row.get(1)) else {
            return Err(ctx.err(
                Some(line),
                None,
                format!("expected 2 columns (time, value), got {}", row.len()),
            ));
        };
        let ms = parse_time_cell(time).map_err(|m| ctx.err(Some(line), Some("1"), m))?;
        check_ascending(ctx, &t, ms, line, "1")?;
        t.push(ms);
        v.push(parse_value_cell(value).map_err(|m| ctx.err(Some(line), Some("2"), m))?);
    }
    Ok(Fragment {
        series: vec![
            json!({ "id": "hashrate", "label": "Hash rate", "unit": unit, "t": t, "v": v, "source": format!("blockchain.com charts CSV ({})", ctx.file) }),
        ],
        ..Fragment::default()
    })
}

/// Unit suffixes of CSV column names: `_th_per_s`, `_eh_per_s`, `_pct`, …
fn unit_from_column(name: &str) -> Option<String> {
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

fn label_from_column(name: &str) -> String {
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

fn is_blocks_column(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower == "blocks" || lower.starts_with("blocks_") || lower.ends_with("_blocks")
}

fn read_csv_series(
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
    // A column that repeats another (same unit, same values) would draw one line on another:
    // it is left out, and said so.
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

/// The columns of a CSV time series: which holds the time, which hold values (with their
/// units), which hold other dates (left out, and said so) and which holds block counts.
struct CsvColumns {
    time_col: usize,
    skipped: Vec<usize>,
    value_cols: Vec<usize>,
    blocks_col: Option<usize>,
    units: Vec<String>,
}

fn csv_columns(
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
fn blocks_cell(cell: &str) -> Result<Value, String> {
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
fn blocks_target(
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

/// A sources cell made short for a source line: each `;`-separated source without its
/// parenthetical, a web address by its site ("https://www.example.org/a/b" → "example.org"),
/// each once.
fn short_sources(cell: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(';') {
        let mut text = part.trim().to_string();
        if let Some(open) = text.find(" (") {
            text.truncate(open);
        }
        let text = text.trim();
        let short = if let Some(rest) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        {
            let host = rest.split('/').next().unwrap_or(rest);
            host.strip_prefix("www.").unwrap_or(host).to_string()
        } else {
            text.to_string()
        };
        if !short.is_empty() && !out.contains(&short) {
            out.push(short);
        }
    }
    out.join("; ")
}

fn read_outage_csv(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let rows = csv_records(ctx, text)?;
    let Some((header_line, header)) = rows.first().cloned() else {
        return Err(ctx.err(None, None, "is empty"));
    };
    let lower: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
    let col = |names: &[&str]| lower.iter().position(|h| names.contains(&h.as_str()));
    let (Some(start_col), Some(end_col)) = (col(&["start", "start_utc"]), col(&["end", "end_utc"]))
    else {
        return Err(ctx.err(
            Some(header_line),
            None,
            "expected the columns start and end",
        ));
    };
    // A short label reads best on a band: an explicit label or name, else the category and
    // region ("Internet shutdown (KZ)"), else the description, else the id.
    let label_col = col(&["label"]).or(col(&["name"]));
    let category_col = col(&["category"]);
    let fallback_col = col(&["description"]).or(col(&["event_id"]));
    // A country code column names the countries; a free-text region stays as written.
    let region_col = col(&["country_iso2", "country", "region"]);
    let share_col = col(&["share"]);
    let source_col = col(&["source", "sources"]);
    let mut outages = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(String::as_str)
                .filter(|s| !s.is_empty())
        };
        let start_text = cell(Some(start_col)).ok_or_else(|| {
            ctx.err(
                Some(*line),
                Some(&header[start_col]),
                "is empty: every outage needs a start",
            )
        })?;
        let end_text = cell(Some(end_col)).ok_or_else(|| {
            ctx.err(
                Some(*line),
                Some(&header[end_col]),
                "is empty: every outage needs an end",
            )
        })?;
        let start = parse_time_cell(start_text)
            .map_err(|m| ctx.err(Some(*line), Some(&header[start_col]), m))?;
        let mut end = parse_time_cell(end_text)
            .map_err(|m| ctx.err(Some(*line), Some(&header[end_col]), m))?;
        // A date alone as the end means the whole of that day ("4 to 11 January").
        if end_text.len() == 10 && end_text.as_bytes().get(4) == Some(&b'-') {
            end += MS_PER_DAY;
        }
        if end <= start {
            return Err(ctx.err(
                Some(*line),
                Some(&header[end_col]),
                format!("ends ({end_text}) before it starts ({start_text})"),
            ));
        }
        let mut outage = json!({ "start": start, "end": end });
        let from_category = cell(category_col).map(|c| {
            let words = c.replace('_', " ");
            let mut chars = words.chars();
            let pretty = chars.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + chars.as_str()
            });
            match cell(region_col) {
                Some(region) => format!(
                    "{pretty} ({})",
                    crate::text::countries::region_names(region)
                ),
                None => pretty,
            }
        });
        let label = cell(label_col)
            .map(String::from)
            .or(from_category)
            .or_else(|| cell(fallback_col).map(String::from))
            .map(|l| {
                if l.chars().count() > 80 {
                    format!("{}…", l.chars().take(79).collect::<String>())
                } else {
                    l
                }
            });
        if let Some(label) = label {
            outage["label"] = json!(label);
        }
        if let Some(region) = cell(region_col) {
            outage["region"] = json!(crate::text::countries::region_names(region));
        }
        if let Some(share) = cell(share_col) {
            let s: f64 = share.trim_end_matches('%').parse().map_err(|_| {
                ctx.err(
                    Some(*line),
                    Some("share"),
                    "expected a fraction from 0 to 1",
                )
            })?;
            let s = if share.ends_with('%') { s / 100.0 } else { s };
            if !(0.0..=1.0).contains(&s) {
                return Err(ctx.err(
                    Some(*line),
                    Some("share"),
                    format!("expected a fraction from 0 to 1 (0.132 for 13.2 %), got {share}"),
                ));
            }
            outage["share"] = json!(s);
        }
        // The row's own sources (short: a web address by its site), the file only failing them.
        outage["source"] = json!(cell(source_col)
            .map(short_sources)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ctx.file.to_string()));
        outages.push(outage);
    }
    Ok(Fragment {
        outages,
        ..Fragment::default()
    })
}

fn read_ioda_events(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_ioda(ctx, text)?;
    let data = value
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // One band per place: IODA reports each signal separately; overlapping events merge.
    let mut events: Vec<(String, String, i64, i64, Vec<String>)> = Vec::new();
    for (i, event) in data.iter().enumerate() {
        let path = format!("data[{i}]");
        let start = event.get("start").and_then(Value::as_f64).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("{path}.start")),
                "expected Unix seconds",
            )
        })?;
        let duration = event
            .get("duration")
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
            .max(0.0);
        let (code, name) = match (
            event.get("location").and_then(Value::as_str),
            event.get("entity"),
        ) {
            (Some(location), _) => (
                location.rsplit('/').next().unwrap_or(location).to_string(),
                event
                    .get("location_name")
                    .and_then(Value::as_str)
                    .unwrap_or(location)
                    .to_string(),
            ),
            (None, Some(entity)) => (
                entity
                    .get("code")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string(),
                entity
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("?")
                    .to_string(),
            ),
            _ => ("?".into(), "unknown place".into()),
        };
        let datasource = event
            .get("datasource")
            .and_then(Value::as_str)
            .unwrap_or("signal")
            .to_string();
        let (s, e) = (
            (start * 1000.0) as i64,
            ((start + duration.max(300.0)) * 1000.0) as i64,
        );
        match events
            .iter_mut()
            .find(|(c, _, es, ee, _)| *c == code && s <= *ee && *es <= e)
        {
            Some(existing) => {
                existing.2 = existing.2.min(s);
                existing.3 = existing.3.max(e);
                if !existing.4.contains(&datasource) {
                    existing.4.push(datasource);
                }
            }
            None => events.push((code, name, s, e, vec![datasource])),
        }
    }
    let outages = events
        .into_iter()
        .map(|(code, name, s, e, sources)| {
            json!({ "start": s, "end": e, "label": format!("IODA outage: {name} ({})", sources.join(", ")), "region": code, "source": format!("IODA ({})", ctx.file) })
        })
        .collect();
    Ok(Fragment {
        outages,
        ..Fragment::default()
    })
}

fn ioda_signal_name(datasource: &str) -> &str {
    match datasource {
        "bgp" => "BGP",
        "ping-slash24" => "active probing",
        "merit-nt" => "telescope",
        other => other,
    }
}

fn read_ioda_signals(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_ioda(ctx, text)?;
    let groups = value
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut series = Vec::new();
    let mut notes = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for (k, signal) in group
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let path = format!("data[{g}][{k}]");
            let datasource = signal
                .get("datasource")
                .and_then(Value::as_str)
                .unwrap_or("signal");
            let from = signal.get("from").and_then(Value::as_f64).ok_or_else(|| {
                ctx.err(None, Some(&format!("{path}.from")), "expected Unix seconds")
            })?;
            let step = signal
                .get("step")
                .and_then(Value::as_f64)
                .filter(|s| *s > 0.0)
                .ok_or_else(|| {
                    ctx.err(
                        None,
                        Some(&format!("{path}.step")),
                        "expected a step in seconds above 0",
                    )
                })?;
            let raw = signal
                .get("values")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if raw.iter().any(|v| !(v.is_null() || v.is_number())) {
                notes.push(format!(
                    "{path} ({datasource}) holds no plain numbers and was not used"
                ));
                continue;
            }
            let values: Vec<Option<f64>> = raw.iter().map(Value::as_f64).collect();
            // Normalise to % of the pre-event level: the median of the window's first quarter.
            let quarter: Vec<f64> = values
                .iter()
                .take(values.len().div_ceil(4).max(1))
                .flatten()
                .copied()
                .collect();
            let mut sorted = quarter.clone();
            sorted.sort_by(f64::total_cmp);
            let Some(&median) = sorted.get(sorted.len() / 2).filter(|m| **m > 0.0) else {
                notes.push(format!("{path} ({datasource}) has no positive values in its first quarter to normalise to and was not used"));
                continue;
            };
            let code = signal
                .get("entityCode")
                .and_then(Value::as_str)
                .unwrap_or("");
            let t: Vec<i64> = (0..values.len())
                .map(|i| ((from + step * i as f64) * 1000.0) as i64)
                .collect();
            let v: Vec<Value> = values
                .iter()
                .map(|v| v.map_or(Value::Null, |x| json!((x / median * 1000.0).round() / 10.0)))
                .collect();
            series.push(json!({
                "id": format!("ioda-{datasource}-{code}").to_ascii_lowercase(),
                "label": format!("IODA {} {code}, % of pre-event level", ioda_signal_name(datasource)).replace("  ", " "),
                "unit": "%", "t": t, "v": v, "source": format!("IODA ({})", ctx.file),
            }));
        }
    }
    Ok(Fragment {
        series,
        notes,
        ..Fragment::default()
    })
}

fn read_cloudflare(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_json(ctx, text)?;
    if value.get("success").and_then(Value::as_bool) == Some(false) {
        return Err(ctx.err(
            None,
            Some("success"),
            format!(
                "Cloudflare answered with errors: {}",
                value.get("errors").unwrap_or(&Value::Null)
            ),
        ));
    }
    let annotations = value
        .pointer("/result/annotations")
        .or_else(|| value.get("annotations"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut outages = Vec::new();
    let mut notes = Vec::new();
    for (i, a) in annotations.iter().enumerate() {
        let path = format!("annotations[{i}]");
        let start_text = a.get("startDate").and_then(Value::as_str).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("{path}.startDate")),
                "expected an ISO 8601 date-time",
            )
        })?;
        let start = parse_iso8601(start_text)
            .map_err(|m| ctx.err(None, Some(&format!("{path}.startDate")), m))?;
        let place = a
            .get("scope")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .or_else(|| {
                a.get("locations").and_then(Value::as_array).map(|l| {
                    l.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
            })
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Outage".into());
        let cause = a
            .pointer("/outage/outageCause")
            .and_then(Value::as_str)
            .map(|c| c.replace('_', " ").to_lowercase());
        let mut label = match cause {
            Some(c) if !c.is_empty() => format!("{place} ({c})"),
            _ => place,
        };
        let mut outage = json!({ "start": start, "source": a.get("linkedUrl").and_then(Value::as_str).filter(|u| !u.is_empty()).map_or_else(|| format!("Cloudflare Radar ({})", ctx.file), String::from) });
        match a
            .get("endDate")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
        {
            Some(end_text) => {
                let end = parse_iso8601(end_text)
                    .map_err(|m| ctx.err(None, Some(&format!("{path}.endDate")), m))?;
                if end <= start {
                    return Err(ctx.err(
                        None,
                        Some(&format!("{path}.endDate")),
                        "ends before it starts",
                    ));
                }
                outage["end"] = json!(end);
            }
            None => {
                label.push_str(" (ongoing)");
                outage["_ongoing"] = json!(true);
                notes.push(format!(
                    "{path} has no end yet: drawn to the last data time"
                ));
            }
        }
        outage["label"] = json!(label);
        if let Some(locations) = a.get("locations").and_then(Value::as_array) {
            let codes: Vec<&str> = locations.iter().filter_map(Value::as_str).collect();
            if !codes.is_empty() {
                outage["region"] = json!(codes.join(", "));
            }
        }
        outages.push(outage);
    }
    Ok(Fragment {
        outages,
        notes,
        ..Fragment::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_cells_tell_seconds_from_milliseconds() {
        assert_eq!(parse_time_cell("1641340800"), Ok(1_641_340_800_000));
        assert_eq!(parse_time_cell("1641340800000"), Ok(1_641_340_800_000));
        assert_eq!(parse_time_cell("2022-01-05"), Ok(1_641_340_800_000));
        assert_eq!(
            parse_time_cell("2022-01-05 00:00:00"),
            Ok(1_641_340_800_000)
        );
        assert!(parse_time_cell("yesterday").is_err());
    }

    #[test]
    fn column_names_carry_units() {
        assert_eq!(
            unit_from_column("hash_rate_th_per_s").as_deref(),
            Some("TH/s")
        );
        assert_eq!(
            unit_from_column("bitcoinvisuals_hash_rate_eh_per_s").as_deref(),
            Some("EH/s")
        );
        assert_eq!(
            unit_from_column("hash_rate_h_per_s").as_deref(),
            Some("H/s")
        );
        assert_eq!(unit_from_column("connectivity_pct").as_deref(), Some("%"));
        assert_eq!(unit_from_column("value"), None);
        assert_eq!(label_from_column("hash_rate_eh_per_s"), "Hash rate");
        assert_eq!(unit_in("Hash Rate TH/s"), Some("TH/s"));
    }
}
