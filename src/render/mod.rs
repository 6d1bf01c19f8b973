//! **render/**: the display list onto plotters backends; uses layout/ and explain/. `draw`
//! (shapes and text onto any `DrawingBackend`), `svg` (the SVG backend) and, in this file:
//!
//! Whole-chart entry points shared by the CLI, the web module and tests: spec text in,
//! SVG text out.

pub mod draw;
pub mod svg;
pub mod transfer;

use crate::analysis::{spec_impacts, Impact, NotMeasured};
use crate::explain::summary::summary_with;
use crate::layout::presentation::Presentation;
use crate::layout::{layout, Input, Prepared};
use crate::render::draw::DrawScale;
use crate::render::svg::SvgBackend;
use crate::spec::{Spec, Theme};

/// Renders a validated spec to an SVG document of `width` × `height` CSS px.
/// `theme` overrides the spec's theme when given.
pub fn render_svg(
    spec: &Spec,
    width: u32,
    height: u32,
    theme: Option<Theme>,
) -> Result<String, String> {
    render_svg_with(spec, width, height, theme, &Presentation::default())
}

/// As `render_svg`, with a host page's colours, font and locale.
pub fn render_svg_with(
    spec: &Spec,
    width: u32,
    height: u32,
    theme: Option<Theme>,
    presentation: &Presentation,
) -> Result<String, String> {
    render_svg_measured(
        spec,
        width,
        height,
        theme,
        presentation,
        &spec_impacts(spec),
    )
}

/// `render_svg_with` with the spec's impacts (`analysis::spec_impacts`) measured by the caller
/// (the web core keeps them with the data), used for the drawing and the title's words.
pub fn render_svg_measured(
    spec: &Spec,
    width: u32,
    height: u32,
    theme: Option<Theme>,
    presentation: &Presentation,
    impacts: &[Result<Impact, NotMeasured>],
) -> Result<String, String> {
    let theme = theme.unwrap_or(spec.options.theme);
    let prepared = Prepared::with(spec, presentation, impacts);
    let input = Input {
        spec,
        presentation,
        prepared: &prepared,
    };
    let chart = layout(input, f64::from(width), f64::from(height), theme);
    let digest = prepared.digest();
    // Through the numbers the web's chart module hands to the tools module, as toSVG() does.
    let (numbers, texts) = transfer::encode(&chart.shapes);
    svg_document(
        chart.width,
        chart.height,
        &transfer::decode(&numbers, &texts)?,
        &chart.font_family,
        &summary_with(spec, &presentation.locale, impacts),
        digest,
    )
}

/// The SVG document of a laid-out chart `width` × `height` CSS px: its shapes drawn in
/// `font_family`, the summary as its `<title>`, and the data's SHA-256 (options.provenance)
/// in `<metadata>`.
pub fn svg_document(
    width: f64,
    height: f64,
    shapes: &[crate::layout::Shape],
    font_family: &str,
    summary: &str,
    digest: Option<&str>,
) -> Result<String, String> {
    let (w, h) = (width.round() as u32, height.round() as u32);
    let mut svg = String::new();
    {
        let backend = SvgBackend::new(&mut svg, (w, h));
        draw::draw_shapes(backend, shapes, DrawScale::svg(), font_family)
            .map_err(|e| e.to_string())?;
    }
    let mut svg = with_accessible_title(&svg, summary);
    if let Some(digest) = digest {
        // Machine-readable provenance right after the title.
        if let Some(at) = find(&svg, "</title>") {
            svg.insert_str(
                at + "</title>".len(),
                &format!("\n<metadata><data-sha256>{digest}</data-sha256></metadata>"),
            );
        }
    }
    Ok(svg)
}

/// Adds `role="img"` and a `<title>` with the summary, so the SVG reads like the canvas.
fn with_accessible_title(svg: &str, summary: &str) -> String {
    let Some(open_end) =
        find(svg, "<svg").and_then(|start| svg[start..].find('>').map(|e| start + e))
    else {
        return svg.to_string();
    };
    let (head, rest) = svg.split_at(open_end);
    let mut out = String::with_capacity(svg.len() + summary.len() + 64);
    out.push_str(head);
    out.push_str(" role=\"img\">\n<title>");
    for c in summary.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out.push_str("</title>");
    out.push_str(rest.strip_prefix('>').unwrap_or(rest));
    out
}

/// Where `needle` first starts in `text`: a plain scan, for the two short searches above (std's
/// two-way string searcher costs 2 KB of wasm).
fn find(text: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}
