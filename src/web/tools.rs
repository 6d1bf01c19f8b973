//! The tools module's exports: `convertFiles`, the CLI's `convert` adapters for the page's
//! `convert()`. Built apart from the chart module (cargo feature `tools`) so that a page that
//! only shows charts never downloads the CSV and JSON adapters.

use crate::adapters::{convert, ConvertOptions, InputFile};
use serde_json::json;
use wasm_bindgen::prelude::*;

/// Reads files (JSON `[{"name", "text"}]`) with the same adapters as the CLI's `convert` and
/// returns `{spec: {...}, report: ["name: kind (n series, m outages)", ...]}`.
/// `options_json`: `{"title"?: string, "unit"?: string}`. Throws an Error naming the file,
/// line and column when a file cannot be read.
#[wasm_bindgen(js_name = convertFiles)]
pub fn convert_files(files_json: &str, options_json: &str) -> Result<JsValue, JsError> {
    let files: Vec<serde_json::Value> = serde_json::from_str(files_json)
        .map_err(|e| JsError::new(&format!("files: expected [{{name, text}}]: {e}")))?;
    let options: serde_json::Value = serde_json::from_str(if options_json.trim().is_empty() {
        "{}"
    } else {
        options_json
    })
    .map_err(|e| JsError::new(&format!("options: invalid JSON: {e}")))?;
    let text_of = |key: &str| options.get(key).and_then(|v| v.as_str()).map(String::from);
    let labels = options
        .get("labels")
        .and_then(|l| l.as_object())
        .map(|l| {
            l.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                .collect()
        })
        .unwrap_or_default();
    let options = ConvertOptions {
        title: text_of("title"),
        unit: text_of("unit"),
        subtitle: text_of("subtitle"),
        source: text_of("source"),
        labels,
    };
    let names: Vec<String> = files
        .iter()
        .map(|f| {
            f.get("name")
                .and_then(|n| n.as_str())
                .unwrap_or("file")
                .to_string()
        })
        .collect();
    let texts: Vec<String> = files
        .iter()
        .map(|f| {
            f.get("text")
                .and_then(|t| t.as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    let inputs: Vec<InputFile> = names
        .iter()
        .zip(texts.iter())
        .map(|(name, text)| InputFile {
            name,
            bytes: text.as_bytes(),
        })
        .collect();
    let converted = convert(&inputs, &options).map_err(|e| JsError::new(&e.to_string()))?;
    super::to_js(&json!({ "spec": converted.spec, "report": converted.report }))
}
