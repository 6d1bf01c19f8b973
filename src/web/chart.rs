//! The chart module's exports: `ChartCore`. JS hands over the spec as JSON text and a canvas;
//! the parsed spec, its read-out times and the last layout stay here between calls, so
//! resizes, theme changes and pointer moves never re-parse, and a pointer move only draws the
//! overlay. Errors become JS `Error`s carrying the validation message.

use super::canvas::Canvas;
use super::to_js;
use crate::analysis::expected::expected_ranges;
use crate::analysis::{impacts_json, spec_impacts, Impacts};
use crate::explain::readout::{
    has_time_of_day, index_at_x, readout, readout_shapes, readout_times,
};
use crate::explain::summary::summary_with;
use crate::explain::table::{add_expected, table_in};
use crate::layout::presentation::{parse_locale, parse_style, Presentation};
use crate::layout::{layout, BandMode, Input, Layout, Prepared, TextRole};
use crate::render::draw::{draw, draw_shapes, DrawScale};
use crate::render::transfer::encode;
use crate::spec::theme::Rgba;
use crate::spec::{parse_spec, Spec, Theme};
use crate::text::json::{json, Value};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A validated chart, ready to draw on any number of canvases.
#[wasm_bindgen]
pub struct ChartCore {
    spec: Spec,
    /// The words of the chart, computed when first asked for (not on the drawing path).
    summary: Option<String>,
    times: Vec<i64>,
    presentation: Presentation,
    /// The last layout, by CSS size and theme: pointer moves reuse it.
    cached: Option<(f64, f64, Theme, Layout)>,
    /// Whether any data time falls off local midnight (read-outs then show the time of day).
    has_time: bool,
    /// The spec's own options.timeZone, which setTimeZone("") brings back.
    spec_zone: crate::time::Zone,
    /// The analysis of the data in the locale (the impacts' words, rolling means, notes, axis
    /// plans): kept across layouts, dropped when the data, the locale or the zone change.
    prepared: Option<Prepared>,
    /// Each outage's measured impact: computed once per data (the slowest part of the
    /// analysis) and shared by the layout, the summary and `impact()`; kept across locale and
    /// zone changes, which do not change it.
    impacts: Option<Impacts>,
    /// Whether the spec gave its own `updated` (which `setUpdated` then leaves alone).
    updated_in_spec: bool,
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

fn role_name(role: TextRole) -> &'static str {
    match role {
        TextRole::Title => "title",
        TextRole::Subtitle => "subtitle",
        TextRole::Legend => "legend",
        TextRole::AxisUnit => "axis-unit",
        TextRole::ValueTick => "value-tick",
        TextRole::TimeTick => "time-tick",
        TextRole::BandLabel => "band-label",
        TextRole::Annotation => "annotation",
        TextRole::Source => "source",
        TextRole::Note => "note",
        TextRole::Key => "key",
        TextRole::Marker => "marker",
    }
}

/// The data's impacts (the `impacts` field), measured when first needed.
fn measured<'a>(impacts: &'a mut Option<Impacts>, spec: &Spec) -> &'a Impacts {
    impacts.get_or_insert_with(|| spec_impacts(spec))
}

/// The analysis (the `prepared` field), made from the measured impacts when first needed.
fn prepared<'a>(
    prepared: &'a mut Option<Prepared>,
    impacts: &mut Option<Impacts>,
    spec: &Spec,
    presentation: &Presentation,
) -> &'a Prepared {
    prepared.get_or_insert_with(|| Prepared::with(spec, presentation, measured(impacts, spec)))
}

/// Whether read-outs show the time of day: a point falls off local midnight and the points
/// are not whole periods (recomputed when the data or the zone change).
fn has_time(times: &[i64], spec: &Spec) -> bool {
    has_time_of_day(times, &spec.options.time_zone) && crate::layout::half_period_ms(times) == 0
}

impl ChartCore {
    fn theme_or_spec(&self, theme: &str) -> Result<Theme, JsError> {
        Ok(theme_override(theme)?.unwrap_or(self.spec.options.theme))
    }

    /// The layout at this CSS size and theme, computed once.
    fn layout_for(&mut self, width: f64, height: f64, theme: Theme) -> &Layout {
        let fresh = matches!(&self.cached, Some((w, h, t, _)) if *w == width && *h == height && *t == theme);
        if !fresh {
            self.cached = None;
        }
        let (spec, presentation) = (&self.spec, &self.presentation);
        let prepared = prepared(&mut self.prepared, &mut self.impacts, spec, presentation);
        let input = Input {
            spec,
            presentation,
            prepared,
        };
        let (_, _, _, chart) = self
            .cached
            .get_or_insert_with(|| (width, height, theme, layout(input, width, height, theme)));
        chart
    }

    /// The one invalidation rule: a setter says what it changed, and this drops exactly the
    /// derived state that depends on it (each change includes the ones before it in `Change`),
    /// computed again when next needed. The layout also depends on the size and theme, which
    /// `layout_for` checks itself.
    fn changed(&mut self, what: Change) {
        self.cached = None;
        if what >= Change::Metrics {
            self.summary = None;
        }
        if what >= Change::Words {
            self.prepared = None;
        }
        if what == Change::Data {
            self.impacts = None;
            self.times = readout_times(&self.spec);
        }
        if what >= Change::Zone {
            self.has_time = has_time(&self.times, &self.spec);
        }
    }
}

/// What a setter changed, from the narrowest to the widest; each drops what the ones before
/// it drop, and more (`ChartCore::changed`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    /// Colours, the device pixel ratio, the updated stamp: the layout.
    Layout,
    /// The font's measured widths: the summary too.
    Metrics,
    /// The locale's words: the analysis' words and plans too (`prepared`).
    Words,
    /// The time zone: whether read-outs show the time of day too.
    Zone,
    /// The data: the impacts and the read-out times too.
    Data,
}

#[wasm_bindgen]
impl ChartCore {
    /// Parses and validates a spec (JSON text); throws an Error naming the JSON path.
    #[wasm_bindgen(constructor)]
    pub fn new(spec_json: &str) -> Result<ChartCore, JsError> {
        let spec = parse_spec(spec_json).map_err(|e| JsError::new(&e.to_string()))?;
        let times = readout_times(&spec);
        let has_time = has_time(&times, &spec);
        let updated_in_spec = spec.updated.is_some();
        Ok(ChartCore {
            spec_zone: spec.options.time_zone.clone(),
            prepared: None,
            impacts: None,
            spec,
            summary: None,
            times,
            presentation: Presentation::default(),
            cached: None,
            has_time,
            updated_in_spec,
        })
    }

    /// Draws over the whole backing store of `canvas` through `context`, its 2D context (null
    /// when the canvas gives none); `dpr` device px per CSS px.
    pub fn draw(
        &mut self,
        canvas: HtmlCanvasElement,
        context: Option<CanvasRenderingContext2d>,
        dpr: f64,
        theme: &str,
    ) -> Result<(), JsError> {
        let theme = self.theme_or_spec(theme)?;
        let scale = DrawScale::canvas(dpr);
        if self.presentation.pixel_ratio != scale.pixel_ratio {
            // Lines are decimated per device-pixel column: a new ratio needs a new layout.
            self.presentation.pixel_ratio = scale.pixel_ratio;
            self.changed(Change::Layout);
        }
        let css_width = f64::from(canvas.width()) / scale.pixel_ratio;
        let css_height = f64::from(canvas.height()) / scale.pixel_ratio;
        let chart = self.layout_for(css_width, css_height, theme);
        let context = context.ok_or_else(|| JsError::new("the canvas has no 2D context"))?;
        let backend = Canvas::new(canvas, context);
        draw(backend, chart, scale).map_err(|e| JsError::new(&e.to_string()))
    }

    /// What the SVG document of the chart at `width` × `height` CSS px is made of, for the
    /// tools module's `renderSvg` (the SVG writer is there, fetched only by a page that
    /// exports): `{numbers, texts}` (the shapes, render/transfer.rs), `width`, `height`,
    /// `font`, `title` (the summary) and `digest` (the data's SHA-256, with options.provenance).
    #[wasm_bindgen(js_name = svgParts)]
    pub fn svg_parts(&mut self, width: u32, height: u32, theme: &str) -> Result<JsValue, JsError> {
        let theme = self.theme_or_spec(theme)?;
        let title = self.summary();
        let digest = self
            .spec
            .options
            .provenance
            .then(|| crate::spec::provenance::data_sha256(&self.spec));
        let chart = self.layout_for(f64::from(width), f64::from(height), theme);
        let (numbers, texts) = encode(&chart.shapes);
        to_js(&json!({
            "numbers": numbers, "texts": texts, "width": chart.width, "height": chart.height,
            "font": chart.font_family, "title": title, "digest": digest,
        }))
    }

    /// The measured impact of each outage on each hash-rate series: an array of
    /// `{outage, series, baseline, during, change, ci95, significant, method, text}`.
    pub fn impact(&mut self) -> Result<JsValue, JsError> {
        to_js(&impacts_json(
            &self.spec,
            measured(&mut self.impacts, &self.spec),
        ))
    }

    /// The line under the chart (option `explain`) on how to read its numbers, in the chart's
    /// words: what each change is measured against and what "plausible range" means; "" when
    /// no outage is measured.
    pub fn explainer(&mut self) -> String {
        let impacts = measured(&mut self.impacts, &self.spec);
        if impacts.iter().any(Result::is_ok) {
            self.presentation.locale.text("explain.impact").to_string()
        } else {
            String::new()
        }
    }

    /// The chart in words, for `aria-label`.
    pub fn summary(&mut self) -> String {
        let impacts = measured(&mut self.impacts, &self.spec);
        let (spec, locale) = (&self.spec, &self.presentation.locale);
        self.summary
            .get_or_insert_with(|| summary_with(spec, locale, impacts))
            .clone()
    }

    /// "light", "dark" or "auto", as the spec asks.
    #[wasm_bindgen(js_name = themeSetting)]
    pub fn theme_setting(&self) -> String {
        if self.spec.options.theme_auto {
            "auto".into()
        } else if self.spec.options.theme == Theme::Dark {
            "dark".into()
        } else {
            "light".into()
        }
    }

    /// Colour and font overrides (JSON: font, background, text, mutedText, grid, band, series).
    #[wasm_bindgen(js_name = setStyle)]
    pub fn set_style(&mut self, style_json: &str) -> Result<(), JsError> {
        self.presentation.style = parse_style(style_json).map_err(|e| JsError::new(&e))?;
        self.changed(Change::Layout);
        Ok(())
    }

    /// Month names and number separators (JSON: monthsShort, monthsLong, decimal, group).
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&mut self, locale_json: &str) -> Result<(), JsError> {
        self.presentation.locale = parse_locale(locale_json).map_err(|e| JsError::new(&e))?;
        self.changed(Change::Words);
        Ok(())
    }

    /// The advance widths of the chart's font as measured by the page: `chars` (a string) and,
    /// per character in order, its width in ems regular and bold. Kept as the built-in table
    /// when they agree with it (Liberation Sans, Arial, Helvetica). Returns "builtin" or
    /// "measured".
    #[wasm_bindgen(js_name = setFontMetrics)]
    pub fn set_font_metrics(&mut self, chars: &str, regular: &[f64], bold: &[f64]) -> String {
        let chars: Vec<char> = chars.chars().collect();
        let metrics = crate::text::FontMetrics::measured(&chars, regular, bold);
        let kind = if metrics.is_builtin() {
            "builtin"
        } else {
            "measured"
        };
        if metrics != self.presentation.metrics {
            self.presentation.metrics = metrics;
            self.changed(Change::Metrics);
        }
        kind.to_string()
    }

    /// The height for a chart `width` CSS px wide when the page sets none: the plot keeps
    /// `min(240, max(200, width / 2))` px with every text in full (see `layout::auto_height`).
    #[wasm_bindgen(js_name = autoHeight)]
    pub fn auto_height(&mut self, width: f64, theme: &str) -> f64 {
        let theme = self.theme_or_spec(theme).unwrap_or(self.spec.options.theme);
        let (spec, presentation) = (&self.spec, &self.presentation);
        let prepared = prepared(&mut self.prepared, &mut self.impacts, spec, presentation);
        let input = Input {
            spec,
            presentation,
            prepared,
        };
        let (height, chart) = crate::layout::auto_height(input, width, theme);
        // The draw at this size needs exactly this layout: keep it rather than lay out again.
        if let Some(chart) = chart {
            self.cached = Some((width, height, theme, chart));
        }
        height
    }

    /// The font stack the chart's text is drawn in (the page's `--hoc-font` or the default).
    #[wasm_bindgen(js_name = fontFamily)]
    pub fn font_family(&self) -> String {
        self.presentation.font_family().to_string()
    }

    /// The built-in widths' fingerprint over ASCII and `extra` (the page passes `textChars()`):
    /// `{texts, regular, bold}`, each text's width in ems. When the page measures the same, its
    /// font is the built-in one and it need not measure character by character.
    #[wasm_bindgen(js_name = builtinProbe)]
    pub fn builtin_probe(&self, extra: &str) -> Result<JsValue, JsError> {
        let mut chars: Vec<char> = (' '..='~').collect();
        chars.extend(extra.chars());
        let probe = crate::text::FontMetrics::builtin_probe(&chars);
        to_js(&json!({
            "texts": probe.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(),
            "regular": probe.iter().map(|p| p.1).collect::<Vec<_>>(),
            "bold": probe.iter().map(|p| p.2).collect::<Vec<_>>(),
        }))
    }

    /// Every character beyond ASCII that the chart's own texts use (title, labels, sources,
    /// notes, month names), once each: what the page measures in the chart's font.
    #[wasm_bindgen(js_name = textChars)]
    pub fn text_chars(&self) -> String {
        // A plain list, not a set: the chart's own texts use few distinct characters, and a
        // BTreeSet would cost kilobytes of wasm.
        let mut set: Vec<char> = Vec::new();
        let mut add = |s: &str| {
            for c in s.chars().filter(|c| !c.is_ascii()) {
                if set.len() < 4000 && !set.contains(&c) {
                    set.push(c);
                }
            }
        };
        let spec = &self.spec;
        for text in [&spec.title, &spec.subtitle, &spec.source]
            .into_iter()
            .flatten()
        {
            add(text);
        }
        for s in &spec.series {
            add(&s.label);
        }
        for o in &spec.outages {
            add(&crate::layout::outage_label_in(
                o,
                &self.presentation.locale,
            ));
        }
        for a in &spec.annotations {
            add(&a.text);
        }
        add(
            &crate::spec::provenance::source_line_in(spec, &self.presentation.locale)
                .unwrap_or_default(),
        );
        let locale = &self.presentation.locale;
        for m in locale
            .months_short
            .iter()
            .chain(&locale.months_standalone)
            .chain(&locale.months_long)
        {
            add(m);
        }
        // The chart's own words in the reader's language (and the embedder's), and the
        // characters the dates of some languages use.
        for key in crate::text::i18n::keys() {
            add(locale.text(key));
        }
        for (_, text) in &locale.overrides {
            add(text);
        }
        add("年月日г");
        add(&locale.decimal);
        add(&locale.group);
        add("−–—…·×°’“”‘→←≈≤≥\u{a0}⁰¹²³⁴⁵⁶⁷⁸⁹⁻");
        crate::text::small_sort_by(&mut set, |a, b| a < b);
        set.into_iter().collect()
    }

    /// The spec's title, or "" (the table's caption): the page need not parse the spec again.
    pub fn title(&self) -> String {
        self.spec.title.clone().unwrap_or_default()
    }

    /// What the page reads of the layout on every draw, and no more: the theme drawn, the
    /// font, the background colour and the plot's box (CSS px). `layout()` gives the whole
    /// display list, for scripts and tests.
    #[wasm_bindgen(js_name = drawInfo)]
    pub fn draw_info(&mut self, width: f64, height: f64, theme: &str) -> Result<JsValue, JsError> {
        let theme = self.theme_or_spec(theme)?;
        let chart = self.layout_for(width, height, theme);
        to_js(&json!({
            "theme": if theme == Theme::Dark { "dark" } else { "light" },
            "font": chart.font_family,
            "background": rgb(chart.palette.background),
            "plot": { "x": chart.plot.x, "y": chart.plot.y, "width": chart.plot.width, "height": chart.plot.height },
        }))
    }

    /// Where things are at `width` × `height` CSS px: the plot area, outage bands,
    /// every text box, and the colours used (band composited over the background).
    pub fn layout(&mut self, width: f64, height: f64, theme: &str) -> Result<JsValue, JsError> {
        let theme = self.theme_or_spec(theme)?;
        let series_count = self.spec.series.len();
        let zone = &self.spec.options.time_zone;
        let (offset, zone_label) = (zone.initial, zone.label());
        let builtin_metrics = self.presentation.metrics.is_builtin();
        let chart = self.layout_for(width, height, theme);
        let p = &chart.palette;
        let texts: Vec<Value> = chart
            .texts()
            .map(|t| {
                let b = t.bounds();
                let font = format!("{}{}px {}", if t.bold { "bold " } else { "" }, crate::text::numtext::display(t.size), chart.font_family);
                json!({ "role": role_name(t.role), "text": t.text, "x": b.x, "y": b.y, "width": b.width, "height": b.height, "font": font })
            })
            .collect();
        let value = json!({
            "width": chart.width,
            "height": chart.height,
            "theme": if theme == Theme::Dark { "dark" } else { "light" },
            "timeZoneOffsetMinutes": offset,
            "timeZone": zone_label,
            "font": chart.font_family,
            "plot": { "x": chart.plot.x, "y": chart.plot.y, "width": chart.plot.width, "height": chart.plot.height },
            "time": { "start": chart.time_scale.domain.0, "end": chart.time_scale.domain.1 },
            "bandLabels": match chart.band_mode { BandMode::None => "none", BandMode::Inline => "inline", BandMode::Markers => "markers" },
            "metrics": if builtin_metrics { "builtin" } else { "measured" },
            "outages": chart.bands.iter().map(|b| json!({
                "label": b.label, "x0": b.x0, "x1": b.x1,
                "labelBox": b.label_box.map(|r| json!({ "x": r.x, "y": r.y, "width": r.width, "height": r.height })),
                "leader": b.leader.map(|[a, z]| json!([[a.0, a.1], [z.0, z.1]])),
                "marker": b.marker,
            })).collect::<Vec<_>>(),
            "texts": texts,
            "colors": {
                "background": rgb(p.background),
                "band": rgb(p.band.over(p.background)),
                "series": (0..series_count).map(|i| rgb(p.series_color(i))).collect::<Vec<_>>(),
            },
        });
        to_js(&value)
    }

    /// Replaces series `index`'s data with typed columns (times in Unix ms, values with NaN
    /// for gaps), copied into wasm memory in one block each: the fast path for large series.
    /// Throws an Error naming `series[i].t[k]` on bad data and keeps the old data.
    #[wasm_bindgen(js_name = setColumns)]
    pub fn set_columns(
        &mut self,
        index: usize,
        times: &[f64],
        values: &[f64],
        blocks: Option<Vec<f64>>,
    ) -> Result<(), JsError> {
        // set_columns checks everything before it changes anything: no copy of the old data.
        crate::spec::set_columns(&mut self.spec, index, times, values, blocks.as_deref())
            .map_err(|e| JsError::new(&e.to_string()))?;
        self.changed(Change::Data);
        Ok(())
    }

    /// The series ids, in order.
    #[wasm_bindgen(js_name = seriesIds)]
    pub fn series_ids(&self) -> Vec<String> {
        self.spec.series.iter().map(|s| s.id.clone()).collect()
    }

    /// How many read-out positions there are (the distinct data times).
    #[wasm_bindgen(js_name = readoutCount)]
    pub fn readout_count(&self) -> usize {
        self.times.len()
    }

    /// The read-out index nearest CSS x on a `width` × `height` chart; -1 without data.
    #[wasm_bindgen(js_name = readoutAt)]
    pub fn readout_at(&mut self, x: f64, width: f64, height: f64) -> i32 {
        // Positions do not depend on the theme: reuse the layout drawn at this size, whatever
        // its theme, so a pointer move never lays the chart out again.
        let theme = match &self.cached {
            Some((w, h, t, _)) if *w == width && *h == height => *t,
            _ => self.spec.options.theme,
        };
        self.layout_for(width, height, theme);
        let index = self
            .cached
            .as_ref()
            .and_then(|(_, _, _, chart)| index_at_x(chart, &self.times, x));
        index.map_or(-1, |i| i as i32)
    }

    /// The read-out at `index`: time, x, each series' value in its display unit, the
    /// outages covering it.
    pub fn readout(
        &mut self,
        index: usize,
        width: f64,
        height: f64,
        theme: &str,
    ) -> Result<JsValue, JsError> {
        let theme = self.theme_or_spec(theme)?;
        let has_time = self.has_time;
        // Fill the layout cache, then borrow it beside the spec: no copy of the data.
        self.layout_for(width, height, theme);
        let result = self.cached.as_ref().and_then(|(_, _, _, chart)| {
            readout(
                &self.spec,
                chart,
                &self.times,
                index,
                self.prepared.as_ref().map_or(&[], |p| p.expected_ranges()),
                &self.presentation.locale,
            )
        });
        let r = result
            .ok_or_else(|| JsError::new(&format!("read-out index {index} is out of range")))?;
        let entries: Vec<Value> = r
            .entries
            .iter()
            .map(|e| json!({ "series": e.series_id, "label": e.label, "value": e.value, "unit": e.unit, "color": rgb(e.color), "y": e.y, "note": e.note }))
            .collect();
        let zone = &self.spec.options.time_zone;
        // The instant whose date names the point: the middle of its day for daily data.
        let label_time = r.time_ms + self.cached.as_ref().map_or(0, |c| c.3.point_offset_ms);
        to_js(&json!({
            "index": r.index, "time": r.time_ms, "x": r.x, "hasTime": has_time,
            // The zone's offset at that instant (a named zone's changes), and its name.
            "timeZoneOffsetMinutes": zone.offset_at(label_time), "timeZone": zone.named.then(|| zone.label()),
            "labelTime": label_time,
            "entries": entries, "outages": r.outages,
        }))
    }

    /// Clears `overlay` (through `context`, its 2D context, null when it gives none) and draws
    /// the read-out crosshair and markers at `index` (a negative index only clears). The chart
    /// canvas underneath is not touched.
    #[wasm_bindgen(js_name = drawReadout)]
    pub fn draw_readout(
        &mut self,
        overlay: HtmlCanvasElement,
        context: Option<CanvasRenderingContext2d>,
        dpr: f64,
        index: i32,
        theme: &str,
    ) -> Result<(), JsError> {
        let theme = self.theme_or_spec(theme)?;
        let context =
            context.ok_or_else(|| JsError::new("the overlay canvas has no 2D context"))?;
        context.clear_rect(
            0.0,
            0.0,
            f64::from(overlay.width()),
            f64::from(overlay.height()),
        );
        if index < 0 {
            return Ok(());
        }
        let scale = DrawScale::canvas(dpr);
        let (w, h) = (
            f64::from(overlay.width()) / scale.pixel_ratio,
            f64::from(overlay.height()) / scale.pixel_ratio,
        );
        self.layout_for(w, h, theme);
        let Some((_, _, _, chart)) = self.cached.as_ref() else {
            return Ok(());
        };
        let shapes = readout(
            &self.spec,
            chart,
            &self.times,
            index as usize,
            self.prepared.as_ref().map_or(&[], |p| p.expected_ranges()),
            &self.presentation.locale,
        )
        .map(|r| readout_shapes(chart, &r));
        let font = chart.font_family.clone();
        let Some(shapes) = shapes else { return Ok(()) };
        let backend = Canvas::new(overlay, context);
        draw_shapes(backend, &shapes, scale, &font).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Shows the chart in time zone `zone` (the `timeZone` mount option and the `time-zone`
    /// attribute, over the spec's options.timeZone): UTC, an offset or an IANA name, whose
    /// offsets the page then supplies (zone_request); "" goes back to the spec's own. Throws
    /// naming what is expected.
    #[wasm_bindgen(js_name = setTimeZone)]
    pub fn set_time_zone(&mut self, zone: &str) -> Result<(), JsError> {
        let zone = if zone.is_empty() {
            self.spec_zone.clone()
        } else {
            crate::spec::zone_option(zone).map_err(|e| JsError::new(&format!("timeZone: {e}")))?
        };
        self.spec.options.time_zone = zone;
        self.changed(Change::Zone);
        Ok(())
    }

    /// When the data was last updated (Unix ms), for the footer's stamp, from the response's
    /// `Last-Modified`: taken only when the spec gives no `updated` of its own (which is the
    /// publisher's word); NaN takes it away again.
    #[wasm_bindgen(js_name = setUpdated)]
    pub fn set_updated(&mut self, ms: f64) {
        if self.updated_in_spec {
            return;
        }
        let updated = if ms.is_finite() {
            Some(ms as i64)
        } else {
            None
        };
        if updated != self.spec.updated {
            self.spec.updated = updated;
            self.changed(Change::Layout);
        }
    }

    /// A word of the chart's language (its table and the page's overrides): `key`'s text, or,
    /// with a whole `count`, its plural form for that count with `{n}` filled in ("Updated: 3
    /// new days"). For the page's own lines that only some charts need (refresh.js).
    pub fn word(&self, key: &str, count: f64) -> String {
        let locale = &self.presentation.locale;
        if count >= 0.0 {
            locale.count(key, count as u64)
        } else {
            locale.text(key).to_string()
        }
    }

    /// An instant (Unix ms) as the footer's stamp writes it, in the chart's words and zone:
    /// "7 Jan 2022, 14:05 UTC" (for the page's "Last updated …" note).
    pub fn stamp(&self, ms: f64) -> String {
        crate::time::format_stamp_in(
            ms as i64,
            &self.spec.options.time_zone,
            &self.presentation.locale,
        )
    }

    /// A named time zone whose offsets the page must supply (the chart module holds no tz
    /// database): `{name, start, end}` (Unix ms), or null when there is none.
    #[wasm_bindgen(js_name = zoneRequest)]
    pub fn zone_request(&self) -> Result<JsValue, JsError> {
        let zone = &self.spec.options.time_zone;
        if !zone.named {
            return Ok(JsValue::NULL);
        }
        let (start, end) = self.spec.time_span();
        to_js(&json!({ "name": zone.name, "start": start, "end": end }))
    }

    /// The named zone's offsets from the page's `Intl`: `initial` minutes east of UTC before
    /// the first change, then `changes` as [Unix ms, minutes, Unix ms, minutes, ...].
    #[wasm_bindgen(js_name = setZoneOffsets)]
    pub fn set_zone_offsets(&mut self, initial: i32, changes: &[f64]) {
        let name = self.spec.options.time_zone.name.clone();
        let transitions = changes
            .chunks_exact(2)
            .map(|pair| (pair[0] as i64, pair[1] as i32))
            .collect();
        self.spec.options.time_zone = crate::time::Zone::with_offsets(&name, initial, transitions);
        self.changed(Change::Zone);
    }

    /// The data table: granularity, columns (label, display unit), rows (time,
    /// values, outages), summarised by day or month for long series.
    pub fn table(&mut self) -> Result<JsValue, JsError> {
        let mut t = table_in(&self.spec, &self.presentation.locale);
        let impacts = measured(&mut self.impacts, &self.spec);
        add_expected(
            &mut t,
            &expected_ranges(&self.spec, impacts),
            &self.presentation.locale,
        );
        let zone = &self.spec.options.time_zone;
        // A zone that changes its clocks gives each row its own offset.
        let fixed = zone.is_fixed();
        to_js(&json!({
            "granularity": t.granularity.as_str(),
            "timeZoneOffsetMinutes": zone.initial,
            "timeZone": zone.named.then(|| zone.label()),
            "columns": t.columns.iter().map(|c| json!({ "id": c.id, "label": c.label, "unit": c.unit })).collect::<Vec<_>>(),
            "rows": t.rows.iter().map(|r| if fixed {
                json!({ "time": r.time_ms, "values": r.values, "outages": r.outages })
            } else {
                json!({ "time": r.time_ms, "values": r.values, "outages": r.outages, "offset": zone.offset_at(r.time_ms) })
            }).collect::<Vec<_>>(),
        }))
    }
}
