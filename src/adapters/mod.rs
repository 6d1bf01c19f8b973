//! Adapters: the files newsrooms have (blockchain.com charts JSON and CSV, CSV time series,
//! outage event lists, IODA and Cloudflare Radar responses, chart specs) read into one valid
//! chart spec. Pure Rust, so the CLI's `convert` and the browser's "Load file…" share it.
//! Each file's kind is recognised from its content; every error names the file and, where
//! there is one, the line and column.
//!
//! Never in the chart module (the tools module and the CLI only), so the chart module's size
//! conventions (clippy/chart/clippy.toml) do not bind it.
#![allow(clippy::disallowed_methods)]

use crate::spec::parse_spec;
use crate::text::units::{Unit, HASH_RATE_UNITS};
use crate::time::{parse_iso8601, MS_PER_DAY};
use serde_json::{json, Map, Value};
use std::fmt;

mod blockchain;
mod chain;
mod cloudflare;
mod csv_cells;
mod csv_series;
mod ioda;
mod outages_csv;

use blockchain::{read_blockchain_csv, read_blockchain_json};
pub use chain::{chain_days, chain_series};
use chain::{is_chain_facts, read_chain_facts};
use cloudflare::read_cloudflare;
pub use csv_cells::parse_time_cell;
use csv_cells::{check_ascending, csv_records, parse_value_cell};
use csv_series::read_csv_series;
use ioda::{read_ioda_events, read_ioda_signals};
use outages_csv::read_outage_csv;

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
    ChainFacts,
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
            Kind::ChainFacts => "chain facts (blocks and difficulty per UTC day)",
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
    if is_chain_facts(&headers) {
        return Kind::ChainFacts;
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
        Kind::ChainFacts => read_chain_facts(ctx, text),
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
            s["id"] = json!(unique_id(&series, &s));
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
    place_on_axes(&mut series);
    close_ongoing(&mut outages, &series);
    apply_labels(&mut series, &options.labels);
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

/// A series' unit as written.
fn unit_of(s: &Value) -> Unit {
    Unit::parse(s.get("unit").and_then(Value::as_str).unwrap_or(""))
}

/// Ids stay unique across files: "hashrate", "hashrate-2", …
fn unique_id(series: &[Value], s: &Value) -> String {
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
    id
}

/// Hash rates on the left, everything else on the right; with no hash rate, the first
/// series' kind takes the left. Two other kinds cannot share the right: validation says so.
fn place_on_axes(series: &mut [Value]) {
    let left_kind = series
        .iter()
        .map(unit_of)
        .find(Unit::is_hash_rate)
        .or_else(|| series.first().map(unit_of));
    for s in series {
        if s.get("axis").is_none() {
            let on_left = left_kind.as_ref().is_some_and(|k| k.same_kind(&unit_of(s)));
            s["axis"] = json!(if on_left { "left" } else { "right" });
        }
    }
}

/// The labels given for columns (`--label COLUMN=TEXT`) on the series of those ids.
fn apply_labels(series: &mut [Value], labels: &[(String, String)]) {
    for s in series {
        let id = s
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if let Some((_, label)) = labels.iter().find(|(column, _)| *column == id) {
            s["label"] = json!(label);
        }
    }
}

/// An ongoing outage (no end yet) runs to the last data time.
fn close_ongoing(outages: &mut [Value], series: &[Value]) {
    let last_time = series
        .iter()
        .filter_map(|s| {
            s.get("t")
                .and_then(Value::as_array)
                .and_then(|t| t.last())
                .and_then(Value::as_i64)
        })
        .max();
    for o in outages.iter_mut() {
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
}

fn parse_json(ctx: &Ctx, text: &str) -> Result<Value, AdapterError> {
    serde_json::from_str(text)
        .map_err(|e| ctx.err(Some(e.line() as u64), None, format!("invalid JSON: {e}")))
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

#[cfg(test)]
mod tests {
    use super::blockchain::unit_in;
    use super::csv_series::{label_from_column, unit_from_column};
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
