//! The native command line: renders a chart spec to SVG with the same drawing code the
//! browser uses. Exit codes: 0 done, 1 file error, 2 invalid spec or usage.

use hashrate_outage_chart::{parse_spec, render_svg, Theme};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: hashrate-outage-chart render SPEC.json [-o chart.svg] [--width 800] [--height 450] [--theme light|dark]
  SPEC.json may be - for standard input; without -o the SVG goes to standard output.";

struct RenderArgs {
    spec_path: String,
    output: Option<String>,
    width: u32,
    height: u32,
    theme: Option<Theme>,
}

fn parse_render_args(args: &[String]) -> Result<RenderArgs, String> {
    let mut spec_path = None;
    let mut output = None;
    let mut width = 800;
    let mut height = 450;
    let mut theme = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let mut value = |name: &str| -> Result<String, String> {
            i += 1;
            args.get(i)
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg {
            "-o" | "--output" => output = Some(value(arg)?),
            "--width" => width = parse_size(&value(arg)?, "--width")?,
            "--height" => height = parse_size(&value(arg)?, "--height")?,
            "--theme" => {
                let name = value(arg)?;
                theme = Some(
                    Theme::parse(&name)
                        .ok_or_else(|| format!("--theme: expected light or dark, got {name}"))?,
                );
            }
            "-" => spec_path = Some("-".to_string()),
            flag if flag.starts_with('-') => return Err(format!("unknown option {flag}")),
            path => {
                if spec_path.is_some() {
                    return Err(format!("one spec file at a time; got a second: {path}"));
                }
                spec_path = Some(path.to_string());
            }
        }
        i += 1;
    }
    let spec_path = spec_path.ok_or("missing SPEC.json")?;
    Ok(RenderArgs {
        spec_path,
        output,
        width,
        height,
        theme,
    })
}

fn parse_size(text: &str, name: &str) -> Result<u32, String> {
    match text.parse::<u32>() {
        Ok(v) if (100..=10_000).contains(&v) => Ok(v),
        _ => Err(format!(
            "{name}: expected a whole number of pixels from 100 to 10000, got {text}"
        )),
    }
}

fn read_spec(path: &str) -> std::io::Result<String> {
    if path == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        Ok(text)
    } else {
        std::fs::read_to_string(path)
    }
}

fn render(args: &[String]) -> ExitCode {
    let args = match parse_render_args(args) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("hashrate-outage-chart render: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match read_spec(&args.spec_path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hashrate-outage-chart: cannot read {}: {e}", args.spec_path);
            return ExitCode::from(1);
        }
    };
    let spec = match parse_spec(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}: invalid chart spec: {e}", args.spec_path);
            return ExitCode::from(2);
        }
    };
    let svg = match render_svg(&spec, args.width, args.height, args.theme) {
        Ok(svg) => svg,
        Err(e) => {
            eprintln!("hashrate-outage-chart: {e}");
            return ExitCode::from(1);
        }
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, svg.as_bytes()),
        None => std::io::stdout().write_all(svg.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "hashrate-outage-chart: cannot write {}: {e}",
                args.output.as_deref().unwrap_or("standard output")
            );
            ExitCode::from(1)
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("render") => render(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("hashrate-outage-chart: unknown command {other}\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
