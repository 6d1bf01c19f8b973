//! `convert`: the files newsrooms have (through the adapters) into one chart spec.

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
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--title" | "--unit" | "--subtitle" | "--source" | "--label" => {
                let flag = args[i].clone();
                i += 1;
                let Some(value) = args.get(i).cloned() else {
                    return usage_error("convert", &format!("{flag} needs a value"));
                };
                match flag.as_str() {
                    "--title" => options.title = Some(value),
                    "--subtitle" => options.subtitle = Some(value),
                    "--source" => options.source = Some(value),
                    "--label" => match value.split_once('=') {
                        Some((column, text)) if !column.is_empty() && !text.trim().is_empty() => {
                            options.labels.push((column.to_string(), text.to_string()))
                        }
                        _ => {
                            return usage_error(
                                "convert",
                                &format!("--label: expected COLUMN=TEXT, got {value}"),
                            )
                        }
                    },
                    _ => options.unit = Some(value),
                }
            }
            "--verbose" | "-v" => verbose = true,
            "-o" | "--output" => {
                i += 1;
                match args.get(i) {
                    Some(path) => output = Some(path.clone()),
                    None => return usage_error("convert", "-o needs a file name"),
                }
            }
            "--updated" => {
                i += 1;
                match args.get(i).map(|v| updated_stamp(v)) {
                    Some(Ok(iso)) => updated = Some(iso),
                    Some(Err(e)) => return usage_error("convert", &format!("--updated: {e}")),
                    None => return usage_error("convert", "--updated needs now or a time"),
                }
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return usage_error("convert", &format!("unknown option {flag}"))
            }
            path => paths.push(path.to_string()),
        }
        i += 1;
    }
    if paths.is_empty() {
        return usage_error("convert", "give one or more files");
    }
    let mut contents = Vec::new();
    for path in &paths {
        let bytes = if path == "-" {
            let mut buffer = Vec::new();
            std::io::stdin().read_to_end(&mut buffer).map(|_| buffer)
        } else {
            std::fs::read(path)
        };
        match bytes {
            Ok(b) => contents.push(b),
            Err(e) => {
                eprintln!("hashrate-outage-chart: cannot read {path}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            std::path::Path::new(p)
                .file_name()
                .map_or_else(|| p.clone(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
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
