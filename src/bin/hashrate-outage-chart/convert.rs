//! `convert`: the files newsrooms have (through the adapters) into one chart spec.

use crate::args::{self, Arg};
use crate::{emit_spec, updated_stamp, usage_error};
use std::io::Read;
use std::process::ExitCode;

pub(crate) fn convert(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::adapters::{convert, ConvertOptions, InputFile};
    let mut options = ConvertOptions::default();
    let mut verbose = false;
    let mut output: Option<String> = None;
    let mut updated: Option<String> = None;
    let mut paths = Vec::new();
    let with_value = [
        "--title",
        "--unit",
        "--subtitle",
        "--source",
        "--label",
        "-o",
        "--output",
        "--updated",
    ];
    let parsed = match args::parse(args, &with_value, &["--verbose", "-v"]) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error("convert", &message),
    };
    for arg in parsed {
        match arg {
            Arg::Opt("--title", value) => options.title = Some(value),
            Arg::Opt("--subtitle", value) => options.subtitle = Some(value),
            Arg::Opt("--source", value) => options.source = Some(value),
            Arg::Opt("--unit", value) => options.unit = Some(value),
            Arg::Opt("--label", value) => match label_option(&value) {
                Some(label) => options.labels.push(label),
                None => {
                    let message = format!("--label: expected COLUMN=TEXT, got {value}");
                    return usage_error("convert", &message);
                }
            },
            Arg::Opt("--updated", value) => match updated_stamp(&value) {
                Ok(iso) => updated = Some(iso),
                Err(e) => return usage_error("convert", &format!("--updated: {e}")),
            },
            Arg::Opt("-o" | "--output", value) => output = Some(value),
            Arg::Opt(_, _) => verbose = true,
            Arg::Value(path) => paths.push(path),
        }
    }
    if paths.is_empty() {
        return usage_error("convert", "give one or more files");
    }
    let contents = match read_files(&paths) {
        Ok(contents) => contents,
        Err(message) => {
            eprintln!("hashrate-outage-chart: {message}");
            return ExitCode::from(1);
        }
    };
    let names: Vec<String> = paths.iter().map(|p| file_name(p)).collect();
    let files: Vec<InputFile> = names
        .iter()
        .zip(contents.iter())
        .map(|(name, bytes)| InputFile { name, bytes })
        .collect();
    match convert(&files, &options) {
        Ok(converted) => {
            if verbose {
                for line in &converted.report {
                    eprintln!("{line}");
                }
            }
            let mut spec = converted.spec;
            if let (Some(iso), Some(object)) = (updated, spec.as_object_mut()) {
                object.insert("updated".into(), serde_json::Value::String(iso));
            }
            emit_spec(&spec, output.as_deref())
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// Each file's bytes (`-`: standard input); Err names the first that cannot be read.
fn read_files(paths: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let mut contents = Vec::new();
    for path in paths {
        let bytes = if path == "-" {
            let mut buffer = Vec::new();
            std::io::stdin().read_to_end(&mut buffer).map(|_| buffer)
        } else {
            std::fs::read(path)
        };
        contents.push(bytes.map_err(|e| format!("cannot read {path}: {e}"))?);
    }
    Ok(contents)
}

/// `--label COLUMN=TEXT`: a column's label in the spec.
fn label_option(value: &str) -> Option<(String, String)> {
    match value.split_once('=') {
        Some((column, text)) if !column.is_empty() && !text.trim().is_empty() => {
            Some((column.to_string(), text.to_string()))
        }
        _ => None,
    }
}

/// A file's name without its folders, as the adapters name their inputs.
fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}
