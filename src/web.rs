//! The web module: every line of wasm-bindgen / web-sys glue. JS hands over the spec as JSON
//! text and a canvas; the parsed spec stays here between redraws, so resizes and theme
//! changes never re-parse. Errors become JS `Error`s carrying the validation message.

use crate::analysis::{impacts, impacts_json, ImpactOptions};
use crate::draw::{draw, DrawScale};
use crate::layout::layout;
use crate::render::render_svg;
use crate::spec::{parse_spec, Spec, Theme};
use crate::summary::summary;
use crate::theme::Rgba;
use plotters_canvas::CanvasBackend;
use serde_json::json;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// A validated chart, ready to draw on any number of canvases.
#[wasm_bindgen]
pub struct ChartCore {
    spec: Spec,
    summary: String,
}

fn theme_override(theme: &str) -> Result<Option<Theme>, JsError> {
    match theme {
        "" => Ok(None),
        other => Theme::parse(other).map(Some).ok_or_else(|| {
            JsError::new(&format!(
                "theme: expected \"light\" or \"dark\", got \"{other}\""
            ))
        }),
    }
}

fn rgb(c: Rgba) -> [u8; 3] {
    [c.r, c.g, c.b]
}

#[wasm_bindgen]
impl ChartCore {
    /// Parses and validates a spec (JSON text); throws an Error naming the JSON path.
    #[wasm_bindgen(constructor)]
    pub fn new(spec_json: &str) -> Result<ChartCore, JsError> {
        let spec = parse_spec(spec_json).map_err(|e| JsError::new(&e.to_string()))?;
        let summary = summary(&spec);
        Ok(ChartCore { spec, summary })
    }

    /// Draws over the whole backing store of `canvas`; `dpr` device px per CSS px.
    pub fn draw(&self, canvas: HtmlCanvasElement, dpr: f64, theme: &str) -> Result<(), JsError> {
        let theme = theme_override(theme)?.unwrap_or(self.spec.options.theme);
        let scale = DrawScale::canvas(dpr);
        let css_width = f64::from(canvas.width()) / scale.pixel_ratio;
        let css_height = f64::from(canvas.height()) / scale.pixel_ratio;
        let chart = layout(&self.spec, css_width, css_height, theme);
        let mut backend = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        draw(&mut backend, &chart, scale).map_err(|e| JsError::new(&e.to_string()))
    }

    /// The same chart as an SVG document of `width` × `height` CSS px.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&self, width: u32, height: u32, theme: &str) -> Result<String, JsError> {
        render_svg(&self.spec, width, height, theme_override(theme)?).map_err(|e| JsError::new(&e))
    }

    /// The measured impact of each outage on each hash-rate series, as JSON (an array of
    /// `{outage, series, baseline, during, change, ci95, significant, method, text}`).
    pub fn impact(&self) -> String {
        let options = ImpactOptions {
            baseline_days: self.spec.options.baseline_days,
        };
        impacts_json(&self.spec, &impacts(&self.spec, options)).to_string()
    }

    /// The chart in words, for `aria-label`.
    pub fn summary(&self) -> String {
        self.summary.clone()
    }

    /// Where things are at `width` × `height` CSS px, as JSON: the plot area, outage bands
    /// and the colours used (band composited over the background, as it appears).
    pub fn layout(&self, width: f64, height: f64, theme: &str) -> Result<String, JsError> {
        let theme = theme_override(theme)?.unwrap_or(self.spec.options.theme);
        let chart = layout(&self.spec, width, height, theme);
        let p = &chart.palette;
        let value = json!({
            "width": chart.width,
            "height": chart.height,
            "theme": if theme == Theme::Dark { "dark" } else { "light" },
            "plot": { "x": chart.plot.x, "y": chart.plot.y, "width": chart.plot.width, "height": chart.plot.height },
            "time": { "start": chart.time_scale.domain.0, "end": chart.time_scale.domain.1 },
            "outages": chart.bands.iter().map(|b| json!({ "label": b.label, "x0": b.x0, "x1": b.x1 })).collect::<Vec<_>>(),
            "colors": {
                "background": rgb(p.background),
                "band": rgb(p.band.over(p.background)),
                "series": (0..self.spec.series.len()).map(|i| rgb(p.series_color(i))).collect::<Vec<_>>(),
            },
        });
        Ok(value.to_string())
    }
}
