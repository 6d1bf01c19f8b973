//! `render`: a chart spec to SVG or PNG with the same layout and drawing as the browser (PNG
//! rasterised by resvg with the shipped fonts, or a given font file).

use crate::args::{self, Arg};
use crate::{read_spec_or_exit, write_atomically, USAGE};
use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::render::render_svg_with;
use hashrate_outage_chart::text::i18n::{Lang, Locale};
use hashrate_outage_chart::Theme;
use std::io::Write;
use std::process::ExitCode;

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
    locale: Option<Locale>,
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
    let options = [
        "-o",
        "--output",
        "--width",
        "--height",
        "--theme",
        "--scale",
        "--font-dir",
        "--font",
        "--bold-font",
        "--locale",
    ];
    for arg in args::parse(args, &options, &[])? {
        let (flag, value) = match arg {
            Arg::Opt(flag, value) => (flag, value),
            Arg::Value(path) => {
                if spec_path.is_some() {
                    return Err(format!("one spec file at a time; got a second: {path}"));
                }
                spec_path = Some(path);
                continue;
            }
        };
        match flag {
            "-o" | "--output" => output = Some(value),
            "--width" => width = parse_size(&value, "--width")?,
            "--height" => height = parse_size(&value, "--height")?,
            "--theme" => {
                let name = value;
                theme = Some(
                    Theme::parse(&name)
                        .ok_or_else(|| format!("--theme: expected light or dark, got {name}"))?,
                );
            }
            "--scale" => scale = parse_scale(&value)?,
            "--font-dir" => font_dir = value,
            "--font" => font = Some(value),
            "--bold-font" => bold_font = Some(value),
            "--locale" => locale = Some(parse_locale(&value)?),
            _ => {}
        }
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

/// `--scale`: device pixels per CSS px, from 0.25 to 8.
fn parse_scale(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(v) if (0.25..=8.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "--scale: expected a number from 0.25 to 8, got {text}"
        )),
    }
}

/// `--locale`: a language with a translation table.
fn parse_locale(tag: &str) -> Result<Locale, String> {
    let lang = Lang::from_tag(tag).ok_or_else(|| {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        format!(
            "--locale: expected a language with a translation table ({}), got {tag}",
            codes.join(", ")
        )
    })?;
    Ok(Locale::of(lang))
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

pub(crate) fn render(args: &[String]) -> ExitCode {
    let args = match parse_render_args(args) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("hashrate-outage-chart render: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let spec = match read_spec_or_exit(&args.spec_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let font = match font_of(&args) {
        Ok(font) => font,
        Err(code) => return code,
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

/// The font of `--font` (and `--bold-font`), if given; Err is the exit code, the error told.
fn font_of(args: &RenderArgs) -> Result<Option<ChartFont>, ExitCode> {
    match args
        .font
        .as_deref()
        .map(|f| load_font(f, args.bold_font.as_deref()))
    {
        Some(Ok(font)) => Ok(Some(font)),
        Some(Err(message)) => {
            eprintln!("hashrate-outage-chart: {message}");
            Err(ExitCode::from(1))
        }
        None if args.bold_font.is_some() => {
            eprintln!("hashrate-outage-chart render: --bold-font needs --font\n{USAGE}");
            Err(ExitCode::from(2))
        }
        None => Ok(None),
    }
}
