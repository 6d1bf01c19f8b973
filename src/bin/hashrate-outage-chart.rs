//! The native command line: renders a chart spec to SVG with the same drawing code the
//! browser uses, measures outage impact, simulates block arrivals, and turns per-block data
//! into a daily series. Exit codes: 0 done, 1 file error, 2 invalid input or usage.

use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::render::render_svg_with;
use hashrate_outage_chart::{parse_spec, Theme};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  hashrate-outage-chart render SPEC.json [-o chart.svg|chart.png] [--width 800] [--height 450] [--theme light|dark]
        [--scale 2] [--font-dir DIR]   (PNG: pixels per CSS px, and where the fonts are)
        [--font FILE [--bold-font FILE]]   (lay out and draw the text in this font)
        [--locale en|de|fr|es|ru|zh]   (the chart's words, dates and numbers; default en)
  hashrate-outage-chart impact SPEC.json [--baseline-days 14]
  hashrate-outage-chart simulate [--hashrate 176] [--difficulty D] [--start 2021-12-20] [--days 32]
        [--seed 2022] [--outage START,HOURS,SHARE[,LABEL]]... [--title TEXT]
  hashrate-outage-chart from-blocks BLOCKS.csv [--title TEXT] [--with SPEC.json] [-o spec.json]
  hashrate-outage-chart calibrate [DAILY.csv] [--windows 500] [--seed 2026] [--from 2016-01-01 --to 2026-01-01 --hours 24-168]
  hashrate-outage-chart convert FILE... [--title TEXT] [--subtitle TEXT] [--source TEXT]
        [--label COLUMN=TEXT]... [--unit TH/s] [--updated now|TIME] [--verbose] [-o spec.json]
SPEC.json may be - for standard input; without -o the SVG or spec goes to standard output; with -o
it is written whole or not at all (a temporary file renamed over it), so a page refreshing it never
reads half a file.
BLOCKS.csv has a header and the columns height, timestamp (Unix seconds) and difficulty or nbits (hex),
or one row a day: date_utc, blocks and difficulty. --with merges a spec's other keys (outages, title, …).
--updated stamps the spec's `updated` (now, or an ISO 8601 time): \"Updated …\" in the chart's footer.";

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed
/// over it, so a chart page refreshing the file never reads half of it (a cron job that
/// rebuilds a spec every few minutes, README "A developing story").
fn write_atomically(path: &str, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::path::Path::new(path);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".to_string());
    let temporary = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

/// Prints a JSON spec, or writes it to `output` atomically; the exit code says which failed.
/// `--updated`'s value as the spec's ISO 8601 UTC time: "now" (this second) or a time.
fn updated_stamp(value: &str) -> Result<String, String> {
    use hashrate_outage_chart::time::{format_iso, parse_iso8601};
    let ms = if value == "now" {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| e.to_string())?;
        since.as_millis() as i64
    } else {
        parse_iso8601(value).map_err(|e| format!("expected now or an ISO 8601 time ({e})"))?
    };
    Ok(format_iso(ms))
}

fn emit_spec(spec: &serde_json::Value, output: Option<&str>) -> ExitCode {
    let text = serde_json::to_string_pretty(spec).unwrap_or_else(|_| spec.to_string()) + "\n";
    let written = match output {
        Some(path) => write_atomically(path, text.as_bytes()),
        None => std::io::stdout().write_all(text.as_bytes()),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "hashrate-outage-chart: cannot write {}: {e}",
                output.unwrap_or("standard output")
            );
            ExitCode::from(1)
        }
    }
}

struct RenderArgs {
    spec_path: String,
    output: Option<String>,
    width: u32,
    height: u32,
    theme: Option<Theme>,
    /// PNG only: device pixels per CSS px.
    scale: f32,
    /// PNG only: the folder holding the fonts (default: the repository's fonts/).
    font_dir: String,
    /// A font file to lay out and draw the text in (and its bold), instead of Liberation Sans.
    font: Option<String>,
    bold_font: Option<String>,
    /// The reader's language (a tag with a translation table); English by default.
    locale: Option<hashrate_outage_chart::text::i18n::Locale>,
}

fn parse_render_args(args: &[String]) -> Result<RenderArgs, String> {
    let mut spec_path = None;
    let mut output = None;
    let mut width = 800;
    let mut height = 450;
    let mut theme = None;
    let mut scale = 1.0f32;
    let mut font_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts").to_string();
    let mut font = None;
    let mut bold_font = None;
    let mut locale = None;
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
            "--scale" => {
                let text = value(arg)?;
                scale = match text.parse::<f32>() {
                    Ok(v) if (0.25..=8.0).contains(&v) => v,
                    _ => {
                        return Err(format!(
                            "--scale: expected a number from 0.25 to 8, got {text}"
                        ))
                    }
                };
            }
            "--font-dir" => font_dir = value(arg)?,
            "--font" => font = Some(value(arg)?),
            "--bold-font" => bold_font = Some(value(arg)?),
            "--locale" => {
                use hashrate_outage_chart::text::i18n::{Lang, Locale};
                let tag = value(arg)?;
                let lang = Lang::from_tag(&tag).ok_or_else(|| {
                    let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
                    format!(
                        "--locale: expected a language with a translation table ({}), got {tag}",
                        codes.join(", ")
                    )
                })?;
                locale = Some(Locale::of(lang));
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
        scale,
        font_dir,
        font,
        bold_font,
        locale,
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

/// The largest PNG `render` makes, in pixels.
const MAX_PNG_PIXELS: u64 = 50_000_000;

/// Rasterises the chart's SVG with only the fonts in `font_dir` (no system fonts), so the PNG
/// is the same on every machine: for `<noscript>`, social cards (1200 × 630) and RSS.
fn svg_to_png(
    svg: &str,
    scale: f32,
    font_dir: &str,
    font: Option<&ChartFont>,
) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    for name in ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"] {
        let path = std::path::Path::new(font_dir).join(name);
        let data = std::fs::read(&path)
            .map_err(|e| format!("font {}: {e} (pass --font-dir)", path.display()))?;
        options.fontdb_mut().load_font_data(data);
    }
    options.font_family = "Liberation Sans".into();
    if let Some(font) = font {
        for data in &font.files {
            options.fontdb_mut().load_font_data(data.clone());
        }
        options.font_family = font.family.clone();
    }
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let (w, h) = (
        (size.width() as f32 * scale).round() as u32,
        (size.height() as f32 * scale).round() as u32,
    );
    // 50 megapixels (200 MB of pixels) at most: 10,000 × 10,000 at scale 8 would be 6.4
    // gigapixels, some 25 GB, and no reader's screen needs it.
    let pixels = u64::from(w) * u64::from(h);
    if pixels > MAX_PNG_PIXELS {
        return Err(format!(
            "a {w} × {h} PNG is {:.1} megapixels; the limit is {} (lower --width, --height or --scale)",
            pixels as f64 / 1e6,
            MAX_PNG_PIXELS / 1_000_000
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("the image size is zero or too large")?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// A font given with `--font`: its files, family name and advance widths.
struct ChartFont {
    files: Vec<Vec<u8>>,
    family: String,
    presentation: Presentation,
}

fn load_font(regular: &str, bold: Option<&str>) -> Result<ChartFont, String> {
    let read =
        |path: &str| std::fs::read(path).map_err(|e| format!("cannot read font {path}: {e}"));
    let regular_data = read(regular)?;
    let bold_data = bold.map(read).transpose()?;
    let (metrics, family) = hashrate_outage_chart::text::fontfile::metrics_from_font_files(
        &regular_data,
        bold_data.as_deref(),
    )
    .map_err(|e| format!("font {regular}: {e}"))?;
    if family.trim().is_empty() {
        return Err(format!("font {regular}: it has no family name"));
    }
    let mut presentation = Presentation {
        metrics,
        ..Presentation::default()
    };
    presentation.style.font = Some(family.clone());
    let mut files = vec![regular_data];
    files.extend(bold_data);
    Ok(ChartFont {
        files,
        family,
        presentation,
    })
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
    let font = match args
        .font
        .as_deref()
        .map(|f| load_font(f, args.bold_font.as_deref()))
    {
        Some(Ok(font)) => Some(font),
        Some(Err(message)) => {
            eprintln!("hashrate-outage-chart: {message}");
            return ExitCode::from(1);
        }
        None if args.bold_font.is_some() => {
            eprintln!("hashrate-outage-chart render: --bold-font needs --font\n{USAGE}");
            return ExitCode::from(2);
        }
        None => None,
    };
    let mut presentation = font
        .as_ref()
        .map_or_else(Presentation::default, |f| f.presentation.clone());
    if let Some(locale) = args.locale.clone() {
        presentation.locale = locale;
    }
    let svg = match render_svg_with(&spec, args.width, args.height, args.theme, &presentation) {
        Ok(svg) => svg,
        Err(e) => {
            eprintln!("hashrate-outage-chart: {e}");
            return ExitCode::from(1);
        }
    };
    let is_png = args
        .output
        .as_deref()
        .is_some_and(|p| p.to_ascii_lowercase().ends_with(".png"));
    let bytes = if is_png {
        match svg_to_png(&svg, args.scale, &args.font_dir, font.as_ref()) {
            Ok(png) => png,
            Err(e) => {
                eprintln!("hashrate-outage-chart: cannot make the PNG: {e}");
                return ExitCode::from(1);
            }
        }
    } else {
        svg.into_bytes()
    };
    let written = match &args.output {
        Some(path) => write_atomically(path, &bytes),
        None => std::io::stdout().write_all(&bytes),
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
        Some("impact") => impact(&args[1..]),
        Some("simulate") => simulate(&args[1..]),
        Some("from-blocks") => from_blocks(&args[1..]),
        Some("convert") => convert(&args[1..]),
        Some("calibrate") => calibrate(&args[1..]),
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

/// The placebo-and-power harness on the real daily series (README, "Impact").
fn calibrate(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::calibrate::{
        calibrate, format_report, read_daily_csv, study, CalibrationOptions,
    };
    let mut path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/btc_hashrate_daily_2009-2025.csv"
    )
    .to_string();
    let mut options = CalibrationOptions {
        windows: 500,
        seed: 2026,
        from_ms: hashrate_outage_chart::time::parse_iso8601("2016-01-01").unwrap_or(0),
        to_ms: i64::MAX,
        hours: (24, 7 * 24),
        losses: vec![0.1, 0.2, 0.3],
    };
    // Without --from, --to or --hours: the table of periods and outage lengths.
    let mut single = false;
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--windows" => match value.parse::<usize>() {
                Ok(n) if (1..=100_000).contains(&n) => options.windows = n,
                _ => {
                    return usage_error(
                        "calibrate",
                        "--windows: expected a whole number from 1 to 100000",
                    )
                }
            },
            "--seed" => match value.parse::<u64>() {
                Ok(n) => options.seed = n,
                _ => return usage_error("calibrate", "--seed: expected a whole number"),
            },
            "--from" => match hashrate_outage_chart::time::parse_iso8601(&value) {
                Ok(t) => (options.from_ms, single) = (t, true),
                Err(e) => return usage_error("calibrate", &format!("--from: {e}")),
            },
            "--to" => match hashrate_outage_chart::time::parse_iso8601(&value) {
                Ok(t) => (options.to_ms, single) = (t, true),
                Err(e) => return usage_error("calibrate", &format!("--to: {e}")),
            },
            "--hours" => {
                let range = value.split_once('-').unwrap_or((&value, &value));
                match (range.0.parse::<i64>(), range.1.parse::<i64>()) {
                    (Ok(a), Ok(b)) if 1 <= a && a <= b && b <= 24 * 14 => {
                        (options.hours, single) = ((a, b), true)
                    }
                    _ => {
                        return usage_error(
                            "calibrate",
                            "--hours: expected hours or a range of them, such as 36 or 24-168 (at most 336)",
                        )
                    }
                }
            }
            flag if flag.starts_with('-') => {
                return usage_error("calibrate", &format!("unknown option {flag}"))
            }
            p => {
                path = p.to_string();
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hashrate-outage-chart calibrate: the real daily series is absent ({path}: {e}); it lives in ../shared/data (see its README)");
            return ExitCode::from(1);
        }
    };
    let report = read_daily_csv(&text).and_then(|daily| {
        if single {
            calibrate(&daily, &options).map(|r| format_report(&r, &options))
        } else {
            study(&daily, options.windows, options.seed)
        }
    });
    match report {
        Ok(r) => {
            print!("{r}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hashrate-outage-chart calibrate: {path}: {e}");
            ExitCode::from(1)
        }
    }
}

fn usage_error(command: &str, message: &str) -> ExitCode {
    eprintln!("hashrate-outage-chart {command}: {message}\n{USAGE}");
    ExitCode::from(2)
}

fn impact(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::{impacts, impacts_json, ImpactOptions};
    let mut path = None;
    let mut baseline_days = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--baseline-days" => {
                i += 1;
                match args
                    .get(i)
                    .and_then(|v| v.parse::<u32>().ok())
                    .filter(|d| (1..=365).contains(d))
                {
                    Some(d) => baseline_days = Some(d),
                    None => {
                        return usage_error(
                            "impact",
                            "--baseline-days: expected a whole number of days from 1 to 365",
                        )
                    }
                }
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return usage_error("impact", &format!("unknown option {flag}"))
            }
            p => path = Some(p.to_string()),
        }
        i += 1;
    }
    let Some(path) = path else {
        return usage_error("impact", "missing SPEC.json");
    };
    let text = match read_spec(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hashrate-outage-chart: cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let spec = match parse_spec(&text) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: invalid chart spec: {e}");
            return ExitCode::from(2);
        }
    };
    let options = ImpactOptions {
        baseline_days: baseline_days.unwrap_or(spec.options.baseline_days),
    };
    let results = impacts(&spec, options);
    match serde_json::to_string_pretty(&impacts_json(&spec, &results)) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("impact: could not write the JSON: {e}");
            ExitCode::FAILURE
        }
    }
}

fn simulate(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::simulate::{simulated_spec, SimOutage, SimParams};
    use hashrate_outage_chart::time::parse_iso8601;
    let mut params = SimParams {
        hash_rate_ehs: 176.0,
        difficulty: None,
        start_ms: 1_639_958_400_000, // 2021-12-20
        days: 32,
        seed: 2022,
        outages: Vec::new(),
    };
    let mut title = None;
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].clone();
        i += 1;
        let Some(value) = args.get(i).cloned() else {
            return usage_error("simulate", &format!("{flag} needs a value"));
        };
        let bad =
            |what: &str| usage_error("simulate", &format!("{flag}: expected {what}, got {value}"));
        match flag.as_str() {
            "--hashrate" => match value.parse::<f64>() {
                Ok(v) if v > 0.0 && v.is_finite() => params.hash_rate_ehs = v,
                _ => return bad("a hash rate in EH/s above 0"),
            },
            "--difficulty" => match value.parse::<f64>() {
                Ok(v) if v > 0.0 && v.is_finite() => params.difficulty = Some(v),
                _ => return bad("a difficulty above 0"),
            },
            "--start" => match parse_iso8601(&value) {
                Ok(ms) => params.start_ms = ms,
                Err(e) => return bad(&format!("an ISO 8601 date ({e})")),
            },
            "--days" => match value.parse::<u32>() {
                Ok(d) if (1..=3650).contains(&d) => params.days = d,
                _ => return bad("a whole number of days from 1 to 3650"),
            },
            "--seed" => match value.parse::<u64>() {
                Ok(s) => params.seed = s,
                Err(_) => return bad("a whole number"),
            },
            "--title" => title = Some(value),
            "--outage" => {
                let parts: Vec<&str> = value.splitn(4, ',').collect();
                let parsed = (|| {
                    let start = parse_iso8601(parts.first()?.trim()).ok()?;
                    let hours: f64 = parts
                        .get(1)?
                        .trim()
                        .parse()
                        .ok()
                        .filter(|h: &f64| *h > 0.0 && h.is_finite())?;
                    let share: f64 = parts
                        .get(2)?
                        .trim()
                        .parse()
                        .ok()
                        .filter(|s| (0.0..=1.0).contains(s))?;
                    let label = parts
                        .get(3)
                        .map_or("Simulated outage", |l| l.trim())
                        .to_string();
                    Some(SimOutage {
                        start_ms: start,
                        end_ms: start + (hours * 3_600_000.0).round() as i64,
                        share,
                        label,
                    })
                })();
                match parsed {
                    Some(o) => params.outages.push(o),
                    None => {
                        return bad(
                            "START,HOURS,SHARE[,LABEL] such as 2022-01-05T11:00:00Z,36,0.132",
                        )
                    }
                }
            }
            other => return usage_error("simulate", &format!("unknown option {other}")),
        }
        i += 1;
    }
    let spec = simulated_spec(&params, title.as_deref());
    println!(
        "{}",
        serde_json::to_string_pretty(&spec).unwrap_or_else(|_| spec.to_string())
    );
    ExitCode::SUCCESS
}

fn from_blocks(args: &[String]) -> ExitCode {
    use hashrate_outage_chart::analysis::blocks::{
        daily_from_blocks, difficulty_from_nbits, Block,
    };
    let mut path = None;
    let mut title = None;
    let mut with = None;
    let mut output: Option<String> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--title" => {
                i += 1;
                title = args.get(i).cloned();
            }
            "--with" => {
                i += 1;
                with = args.get(i).cloned();
            }
            "-o" | "--output" => {
                i += 1;
                output = args.get(i).cloned();
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return usage_error("from-blocks", &format!("unknown option {flag}"))
            }
            p => path = Some(p.to_string()),
        }
        i += 1;
    }
    let Some(path) = path else {
        return usage_error("from-blocks", "missing BLOCKS.csv");
    };
    let text = match read_spec(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hashrate-outage-chart: cannot read {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let mut lines = text.lines().enumerate();
    let header: Vec<String> = lines
        .next()
        .map(|(_, l)| {
            l.trim_start_matches('\u{feff}')
                .split(',')
                .map(|h| h.trim().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let col = |name: &str| header.iter().position(|h| h == name);
    let daily = (col("date_utc").is_some() || col("date").is_some())
        && col("blocks").is_some()
        && col("difficulty").is_some();
    if daily {
        // The chain-facts table, read by the same adapter as convert's and the chart maker's.
        return match hashrate_outage_chart::adapters::chain_days(&path, &text) {
            Ok(days) => print_daily_spec(
                &path,
                &days,
                (title, with.as_deref(), output.as_deref()),
                "days",
                &[],
            ),
            Err(error) => {
                eprintln!("{error}");
                ExitCode::from(2)
            }
        };
    }
    let (Some(height_col), Some(time_col)) = (col("height"), col("timestamp")) else {
        eprintln!("{path}:1: expected a header with the columns height, timestamp and difficulty or nbits (one row a block), or date_utc, blocks and difficulty (one row a day)");
        return ExitCode::from(2);
    };
    let difficulty_col = col("difficulty");
    let nbits_col = col("nbits");
    if difficulty_col.is_none() && nbits_col.is_none() {
        eprintln!("{path}:1: expected a difficulty or an nbits column");
        return ExitCode::from(2);
    }
    let mut blocks = Vec::new();
    for (index, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let line_no = index + 1;
        let field = |c: usize, name: &str| {
            fields
                .get(c)
                .copied()
                .ok_or_else(|| format!("{path}:{line_no}: missing the {name} column"))
        };
        let parsed = (|| -> Result<Block, String> {
            let height = field(height_col, "height")?
                .parse::<u64>()
                .map_err(|_| format!("{path}:{line_no}: height is not a whole number"))?;
            let time_s = field(time_col, "timestamp")?
                .parse::<i64>()
                .map_err(|_| format!("{path}:{line_no}: timestamp is not whole Unix seconds"))?;
            let difficulty = match (difficulty_col, nbits_col) {
                (Some(c), _) => field(c, "difficulty")?
                    .parse::<f64>()
                    .ok()
                    .filter(|d| *d > 0.0 && d.is_finite())
                    .ok_or_else(|| {
                        format!("{path}:{line_no}: difficulty is not a positive number")
                    })?,
                (None, Some(c)) => {
                    let text = field(c, "nbits")?.trim_start_matches("0x");
                    u32::from_str_radix(text, 16)
                        .ok()
                        .and_then(difficulty_from_nbits)
                        .ok_or_else(|| {
                            format!("{path}:{line_no}: nbits is not a valid compact target in hex")
                        })?
                }
                (None, None) => return Err(format!("{path}: no difficulty column")),
            };
            Ok(Block {
                height,
                time_s,
                difficulty,
            })
        })();
        match parsed {
            Ok(b) => blocks.push(b),
            Err(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
        }
    }
    let days = daily_from_blocks(&blocks);
    if days.is_empty() {
        eprintln!("{path}: no blocks");
        return ExitCode::from(2);
    }
    print_daily_spec(
        &path,
        &days,
        (title, with.as_deref(), output.as_deref()),
        &format!("{} blocks", blocks.len()),
        &blocks,
    )
}

/// Prints the spec of daily estimates (EH/s to the thousandth, blocks attached), with the keys
/// of `with` (a spec file: title, outages, annotations, options, …) merged over the defaults;
/// to `output` (written atomically) when given.
fn print_daily_spec(
    path: &str,
    days: &[hashrate_outage_chart::analysis::blocks::DailyEstimate],
    (title, with, output): (Option<String>, Option<&str>, Option<&str>),
    what: &str,
    blocks: &[hashrate_outage_chart::analysis::blocks::Block],
) -> ExitCode {
    let points: Vec<serde_json::Value> = days
        .iter()
        .map(|d| {
            serde_json::json!([
                hashrate_outage_chart::time::format_iso(d.day_ms).trim_end_matches("T00:00:00Z"),
                (d.hash_rate_hs / 1e15).round() / 1e3
            ])
        })
        .collect();
    let counts: Vec<u64> = days.iter().map(|d| d.blocks).collect();
    let mut spec = serde_json::json!({
        "title": title.unwrap_or_else(|| "Bitcoin hash rate estimated from blocks".to_string()),
        "subtitle": "Daily estimate = blocks × difficulty × 2^32 / 86,400 s for each UTC day",
        "source": format!("Computed from {what} in {path}"),
        "series": [{ "id": "hashrate", "label": "Hash rate", "unit": "EH/s", "points": points, "blocks": counts }],
    });
    if let Some(with) = with {
        let extra = std::fs::read_to_string(with)
            .map_err(|e| format!("cannot read {with}: {e}"))
            .and_then(|t| {
                serde_json::from_str::<serde_json::Value>(&t).map_err(|e| format!("{with}: {e}"))
            });
        match extra {
            Ok(serde_json::Value::Object(map)) => {
                for (key, value) in map {
                    if key == "series" {
                        eprintln!("{with}: series come from the blocks; its series are ignored");
                        return ExitCode::from(2);
                    }
                    spec[key] = value;
                }
            }
            Ok(_) => {
                eprintln!("{with}: expected a JSON object of spec keys");
                return ExitCode::from(2);
            }
            Err(message) => {
                eprintln!("hashrate-outage-chart: {message}");
                return ExitCode::from(1);
            }
        }
    }
    let parsed = match parse_spec(&spec.to_string()) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("the spec made from {path} is invalid: {e}");
            return ExitCode::from(2);
        }
    };
    // Outages shorter than two days are measured on the blocks of their own hours: list the
    // blocks' times over the whole UTC days from the first such outage to the last, and a day
    // either side (the list covers first to last time: an outage from midnight needs the
    // blocks before it).
    let day = hashrate_outage_chart::time::MS_PER_DAY;
    let short = parsed
        .outages
        .iter()
        .filter(|o| o.end_ms - o.start_ms < hashrate_outage_chart::analysis::ARRIVALS_BELOW_MS);
    let span = short.fold(None, |span: Option<(i64, i64)>, o| {
        let (a, b) = (
            o.start_ms.div_euclid(day) * day - day,
            (o.end_ms + day - 1).div_euclid(day) * day + day,
        );
        Some(span.map_or((a, b), |(x, y)| (x.min(a), y.max(b))))
    });
    if let (Some((from, to)), false) = (span, blocks.is_empty()) {
        let mut times: Vec<i64> = blocks
            .iter()
            .map(|b| b.time_s)
            .filter(|s| (from..to).contains(&(s * 1000)))
            .collect();
        times.sort_unstable();
        spec["series"][0]["blockTimes"] = serde_json::json!(times);
        if let Err(e) = parse_spec(&spec.to_string()) {
            eprintln!("the spec made from {path} is invalid: {e}");
            return ExitCode::from(2);
        }
    }
    emit_spec(&spec, output)
}

fn convert(args: &[String]) -> ExitCode {
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
