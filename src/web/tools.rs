//! The tools module's exports: `convertFiles`, the CLI's `convert` adapters for the page's
//! `convert()`, and `renderSvg`, the SVG writer behind `Chart.toSVG()`. Built apart from the
//! chart module (cargo feature `tools`) so that a page that only shows charts never downloads
//! the CSV and JSON adapters or the SVG writer.

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

/// The SVG document of a chart from the chart module's `svgParts`: its shapes (`numbers` and
/// `texts_json`, a JSON array of strings; render/transfer.rs) drawn at `width` × `height` CSS
/// px in `font`, `title` (the summary) as its `<title>`, and `digest` in its `<metadata>`.
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(
    numbers: &[f64],
    texts_json: &str,
    width: f64,
    height: f64,
    font: &str,
    title: &str,
    digest: Option<String>,
) -> Result<String, JsError> {
    let texts: Vec<String> = serde_json::from_str(texts_json)
        .map_err(|e| JsError::new(&format!("texts: expected an array of strings: {e}")))?;
    let shapes = crate::render::transfer::decode(numbers, &texts).map_err(|e| JsError::new(&e))?;
    crate::render::svg_document(width, height, &shapes, font, title, digest.as_deref())
        .map_err(|e| JsError::new(&e))
}
