//! The spec as a whole: JSON text in, a validated `Spec` out, each part checked by its own
//! file (series, outages, options) and the annotations here.

use crate::spec::fields::{
    as_array, as_object, check_keys, err, join, optional_text, required_time,
};
use crate::spec::options::parse_options;
#[cfg(not(target_arch = "wasm32"))]
use crate::spec::options::resolve_zone;
use crate::spec::outages::{close_ongoing, parse_outage};
use crate::spec::series::{check_axis_units, check_log_values, parse_series};
use crate::spec::types::{Annotation, Options, Series, Spec, SpecError};
use crate::spec::values::parse_time;
use crate::text;
use crate::text::json::{self, Map, Value};

/// Parses and validates a spec from JSON text.
pub fn parse_spec(text: &str) -> Result<Spec, SpecError> {
    let value = json::parse(text).map_err(|e| SpecError {
        path: String::new(),
        message: format!(
            "invalid JSON at line {}, column {}: {}",
            e.line, e.column, e.message
        ),
    })?;
    spec_from_value(&value)
}

/// The keys of the spec's top level.
const SPEC_KEYS: [&str; 8] = [
    "title",
    "subtitle",
    "source",
    "series",
    "outages",
    "annotations",
    "options",
    "updated",
];

/// Validates a parsed JSON value as a spec.
pub fn spec_from_value(value: &Value) -> Result<Spec, SpecError> {
    let root = as_object(value, "", "the chart spec as a JSON object")?;
    check_keys(root, "", &SPEC_KEYS)?;
    let title = optional_text(root, "", "title")?;
    let subtitle = optional_text(root, "", "subtitle")?;
    let source = optional_text(root, "", "source")?;

    let series_value = match root.get("series") {
        Some(v) => v,
        None => return err("series", "is required: an array of one or more series"),
    };
    let series_items = as_array(series_value, "series", "an array of series objects")?;
    if series_items.is_empty() {
        return err("series", "expected at least one series, got an empty array");
    }
    let mut series = Vec::with_capacity(series_items.len());
    for (i, item) in series_items.iter().enumerate() {
        let s = parse_series(item, &format!("series[{i}]"))?;
        if let Some(j) = series.iter().position(|other: &Series| other.id == s.id) {
            return err(
                &format!("series[{i}].id"),
                format!(
                    "\"{}\" is already the id of series[{j}]; ids must be unique",
                    s.id
                ),
            );
        }
        series.push(s);
    }
    check_axis_units(&series)?;

    let mut outages = Vec::new();
    if let Some(v) = root.get("outages") {
        for (i, item) in as_array(v, "outages", "an array of outage objects")?
            .iter()
            .enumerate()
        {
            outages.push(parse_outage(item, &format!("outages[{i}]"))?);
        }
    }
    close_ongoing(&mut outages, &series)?;

    let annotations = parse_annotations(root, &series)?;

    let updated = match root.get("updated") {
        Some(v) => Some(parse_time(v, "updated")?),
        None => None,
    };

    let options = match root.get("options") {
        Some(v) => parse_options(v, "options")?,
        None => Options::default(),
    };
    if options.log_scale {
        for (i, s) in series.iter().enumerate() {
            check_log_values(&s.values, &s.times_ms, &format!("series[{i}]"))?;
        }
    }

    #[cfg_attr(target_arch = "wasm32", allow(unused_mut))]
    let mut spec = Spec {
        title,
        subtitle,
        source,
        series,
        outages,
        annotations,
        options,
        updated,
    };
    // Natively a named zone's offsets come from the tz database now; the web shell supplies
    // them from Intl (ChartCore::zone_request / set_zone_offsets).
    #[cfg(not(target_arch = "wasm32"))]
    resolve_zone(&mut spec).map_err(|message| SpecError {
        path: "options.timeZone".into(),
        message,
    })?;
    Ok(spec)
}

/// `annotations`, if any, each on the series it names.
fn parse_annotations(root: &Map, series: &[Series]) -> Result<Vec<Annotation>, SpecError> {
    let mut annotations = Vec::new();
    if let Some(v) = root.get("annotations") {
        for (i, item) in as_array(v, "annotations", "an array of annotation objects")?
            .iter()
            .enumerate()
        {
            annotations.push(parse_annotation(
                item,
                &format!("annotations[{i}]"),
                series,
            )?);
        }
    }
    Ok(annotations)
}

fn parse_annotation(value: &Value, path: &str, series: &[Series]) -> Result<Annotation, SpecError> {
    let obj = as_object(value, path, "an annotation object")?;
    check_keys(obj, path, &["at", "text", "series"])?;
    let at_ms = required_time(obj, path, "at")?;
    let text = match optional_text(obj, path, "text")? {
        Some(t) => t,
        None => return err(&join(path, "text"), "is required: the callout text"),
    };
    let series_index = match optional_text(obj, path, "series")? {
        None => None,
        Some(id) => match series.iter().position(|s| s.id == id) {
            Some(i) => Some(i),
            None => {
                let ids: Vec<String> = series.iter().map(|s| format!("\"{}\"", s.id)).collect();
                return err(
                    &join(path, "series"),
                    format!(
                        "no series has the id \"{id}\"; expected one of {}",
                        text::join(&ids, ", ")
                    ),
                );
            }
        },
    };
    Ok(Annotation {
        at_ms,
        text,
        series: series_index,
    })
}
