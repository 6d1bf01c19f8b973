//! Presentation choices a host page makes: colour and font overrides (from CSS custom
//! properties in the web build) and the reader's locale (src/text/i18n.rs: words, dates, numbers).
//! The native renderer uses English unless `render --locale` names another.

use crate::text::numtext::Limit;

use crate::spec::theme::{Palette, Rgba};
use crate::spec::Theme;
use crate::text::json::{self, Value};
use crate::text::{FontMetrics, FONT_FAMILY};

/// Colour and font overrides; `None` keeps the theme's own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    pub font: Option<String>,
    pub background: Option<Rgba>,
    pub text: Option<Rgba>,
    pub muted_text: Option<Rgba>,
    pub grid: Option<Rgba>,
    pub band: Option<Rgba>,
    /// Series colours by index; `None` keeps the palette's.
    pub series: Vec<Option<Rgba>>,
    /// The reader's text size over the browser's default (1.5 at 24 px): the chart's text
    /// grows by it (never shrinks).
    pub text_scale: Option<f64>,
    /// Forced colours (Windows High Contrast): the page hands the system colours as the
    /// overrides above, and bands are hatched, so they never rely on a fill alone.
    pub forced_colors: bool,
}

pub use crate::text::i18n::Locale;

/// Style and locale together, and the display's device pixels per CSS px (lines are
/// decimated per device-pixel column; 0 or 1 means one column per CSS px).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Presentation {
    pub style: Style,
    pub locale: Locale,
    pub pixel_ratio: f64,
    /// The advance widths of the font the text is drawn in (built in: Liberation Sans).
    pub metrics: FontMetrics,
}

impl Presentation {
    /// The theme's palette with the overrides applied. A band override keeps the theme's
    /// band opacity unless it brings its own.
    pub fn palette(&self, theme: Theme) -> Palette {
        let mut p = Palette::of(theme);
        let s = &self.style;
        if let Some(c) = s.background {
            p.background = Rgba { a: 1.0, ..c };
        }
        if let Some(c) = s.text {
            p.text = c;
        }
        if let Some(c) = s.muted_text {
            p.muted_text = c;
        }
        if let Some(c) = s.grid {
            p.grid = c;
        }
        if let Some(c) = s.band {
            p.band = if c.a >= 1.0 {
                Rgba { a: p.band.a, ..c }
            } else {
                c
            };
        }
        // Forced colours: the rest in the system's colours the page handed over too.
        if s.forced_colors {
            p.band_text = p.text;
            p.baseline = p.text;
            p.counterfactual_line = p.text;
            p.counterfactual = Rgba { a: 0.2, ..p.text };
        }
        // The edge stands out from the fills beside it whatever the page chose.
        if s.band.is_some() || s.background.is_some() || s.text.is_some() || s.forced_colors {
            p.band_edge = p.edge_for(p.band);
        }
        for (i, c) in s.series.iter().enumerate() {
            if let (Some(c), Some(slot)) = (c, p.series.get_mut(i)) {
                *slot = *c;
            }
        }
        p
    }

    /// The font stack for all text.
    pub fn font_family(&self) -> &str {
        self.style
            .font
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .unwrap_or(FONT_FAMILY)
    }

    /// One formatted number ("12,500.5", "−1.3%") in the locale's style.
    pub fn localize_number(&self, text: &str) -> String {
        self.locale.number(text)
    }
}

/// Parses a style JSON object (keys font, background, text, mutedText, grid, band, series,
/// textScale, forcedColors).
pub fn parse_style(text: &str) -> Result<Style, String> {
    let value = json::parse(text).map_err(|e| format!("style: invalid JSON: {e}"))?;
    let obj = value.as_object().ok_or("style: expected an object")?;
    let mut style = Style::default();
    for (key, v) in obj {
        let color = |v: &Value| -> Result<Option<Rgba>, String> {
            match v {
                Value::Null => Ok(None),
                Value::String(s) if s.trim().is_empty() => Ok(None),
                Value::String(s) => parse_color(s).map(Some).ok_or_else(|| format!("style.{key}: expected a colour such as #1652a0 or rgba(22, 82, 160, 0.5), got \"{s}\"")),
                _ => Err(format!("style.{key}: expected a colour string")),
            }
        };
        match key.as_str() {
            "font" => {
                style.font = v
                    .as_str()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
            }
            "background" => style.background = color(v)?,
            "text" => style.text = color(v)?,
            "mutedText" => style.muted_text = color(v)?,
            "grid" => style.grid = color(v)?,
            "band" => style.band = color(v)?,
            "series" => {
                let items = v
                    .as_array()
                    .ok_or("style.series: expected an array of colours")?;
                style.series = items.iter().map(color).collect::<Result<_, _>>()?;
            }
            "textScale" => {
                style.text_scale = match (v, v.as_f64()) {
                    (Value::Null, _) => None,
                    (_, Some(n)) if n.is_finite() && n > 0.0 => Some(n),
                    _ => return Err("style.textScale: expected a positive number".to_string()),
                }
            }
            "forcedColors" => {
                style.forced_colors = match v {
                    Value::Bool(b) => *b,
                    _ => return Err("style.forcedColors: expected true or false".to_string()),
                }
            }
            other => return Err(format!("style.{other}: unknown key")),
        }
    }
    Ok(style)
}

/// Parses a locale JSON object from the web shell: `tag` (BCP 47: the language whose plural
/// rules and date order apply); the language's `words` by key (from www/locale/*.js: the web
/// build carries the English table only), `monthsShort`, `monthsStandalone`, `monthsLong` (12
/// names each), `decimal`, `group` and `percentSpace` (from that module, or from Intl for a
/// language without a table), each over the built-in table's; and `strings`: the embedder's
/// texts by key, over all of them. Unknown keys are refused.
pub fn parse_locale(text: &str) -> Result<Locale, String> {
    let value = json::parse(text).map_err(|e| format!("locale: invalid JSON: {e}"))?;
    let tag = value.get("tag").and_then(Value::as_str).unwrap_or("en");
    let mut locale = Locale::for_tag(tag);
    let months = |key: &str| -> Result<Option<[String; 12]>, String> {
        match value.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) if items.len() == 12 => {
                let names: Vec<String> = items
                    .iter()
                    .map(|i| i.as_str().unwrap_or_default().to_string())
                    .collect();
                if names.iter().any(|n| n.is_empty()) {
                    return Err(format!("locale.{key}: expected 12 non-empty names"));
                }
                Ok(names.try_into().ok())
            }
            Some(_) => Err(format!("locale.{key}: expected 12 month names")),
        }
    };
    if let Some(m) = months("monthsShort")? {
        locale.months_short = m.clone();
        locale.months_standalone = m;
    }
    if let Some(m) = months("monthsStandalone")? {
        locale.months_standalone = m;
    }
    if let Some(m) = months("monthsLong")? {
        locale.months_long = m;
    }
    if let Some(d) = value.get("decimal").and_then(Value::as_str) {
        locale.decimal = d.to_string();
    }
    if let Some(p) = value.get("percentSpace").and_then(Value::as_bool) {
        locale.percent_space = p;
    }
    if let Some(g) = value.get("group").and_then(Value::as_str) {
        locale.group = g.to_string();
    }
    locale.words = texts_by_key(&value, "words")?;
    locale.overrides = texts_by_key(&value, "strings")?;
    Ok(locale)
}

/// The texts by key under `name` (none when absent or null); an unknown key is refused.
fn texts_by_key(value: &Value, name: &str) -> Result<Vec<(String, String)>, String> {
    let Some(texts) = value.get(name).filter(|v| !v.is_null()) else {
        return Ok(Vec::new());
    };
    let texts = texts
        .as_object()
        .ok_or_else(|| format!("{name}: expected an object of texts by key"))?;
    let mut out = Vec::with_capacity(texts.len());
    for (key, text) in texts {
        if !crate::text::i18n::is_key(key) {
            return Err(format!(
                "{name}.{key}: unknown key; the keys are listed in the README (\"Languages\")"
            ));
        }
        let text = text
            .as_str()
            .ok_or_else(|| format!("{name}.{key}: expected a string"))?;
        out.push((key.clone(), text.to_string()));
    }
    Ok(out)
}

/// Parses `#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)` and `rgba(r, g, b, a)` (also the
/// space-separated `rgb(r g b / a)` form).
pub fn parse_color(text: &str) -> Option<Rgba> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix('#') {
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        return match digits.len() {
            3 => Some(Rgba {
                r: digits[0] * 17,
                g: digits[1] * 17,
                b: digits[2] * 17,
                a: 1.0,
            }),
            6 | 8 => {
                let byte = |i: usize| digits[i] * 16 + digits[i + 1];
                let a = if digits.len() == 8 {
                    f64::from(byte(6)) / 255.0
                } else {
                    1.0
                };
                Some(Rgba {
                    r: byte(0),
                    g: byte(2),
                    b: byte(4),
                    a,
                })
            }
            _ => None,
        };
    }
    let inner = t
        .strip_prefix("rgba(")
        .or_else(|| t.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let parts: Vec<&str> = inner
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 || parts.len() > 4 {
        return None;
    }
    let channel = |p: &str| -> Option<u8> {
        crate::text::numtext::parse_decimal(p)
            .filter(|v| (0.0..=255.0).contains(v))
            .map(|v| v.round() as u8)
    };
    let alpha = match parts.get(3) {
        Some(p) if p.ends_with('%') => {
            crate::text::numtext::parse_decimal(p.trim_end_matches('%'))? / 100.0
        }
        Some(p) => crate::text::numtext::parse_decimal(p)?,
        None => 1.0,
    };
    Some(Rgba {
        r: channel(parts[0])?,
        g: channel(parts[1])?,
        b: channel(parts[2])?,
        a: alpha.limit(0.0, 1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_in_the_forms_browsers_return() {
        assert_eq!(
            parse_color("#1652a0"),
            Some(Rgba {
                r: 22,
                g: 82,
                b: 160,
                a: 1.0
            })
        );
        assert_eq!(
            parse_color("#fff"),
            Some(Rgba {
                r: 255,
                g: 255,
                b: 255,
                a: 1.0
            })
        );
        assert_eq!(
            parse_color("rgba(10, 20, 30, 0.5)"),
            Some(Rgba {
                r: 10,
                g: 20,
                b: 30,
                a: 0.5
            })
        );
        assert_eq!(
            parse_color("rgb(10 20 30 / 50%)"),
            Some(Rgba {
                r: 10,
                g: 20,
                b: 30,
                a: 0.5
            })
        );
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("#12345"), None);
    }

    #[test]
    fn a_locale_takes_its_language_table_and_overrides() {
        let de =
            parse_locale(r#"{"tag":"de-DE","strings":{"table.show":"Tabelle"}}"#).expect("valid");
        let p = Presentation {
            locale: de,
            ..Presentation::default()
        };
        assert_eq!(p.localize_number("12,500.5"), "12.500,5");
        assert_eq!(p.locale.text("table.show"), "Tabelle");
        assert_eq!(p.locale.text("table.hide"), "Datentabelle ausblenden");
        // A language without a table keeps the page's months and separators, English words.
        let it = parse_locale(r#"{"tag":"it","monthsShort":["gen","feb","mar","apr","mag","giu","lug","ago","set","ott","nov","dic"],"decimal":",","group":"."}"#).expect("valid");
        assert_eq!(it.day_month_year(5, 1, 2022), "5 gen 2022");
        assert_eq!(it.text("outage"), "Outage");
        let e = parse_locale(r#"{"tag":"de","strings":{"tabel.show":"x"}}"#).unwrap_err();
        assert!(e.starts_with("strings.tabel.show: unknown key"), "{e}");
    }

    #[test]
    fn style_overrides_the_palette() {
        let style = parse_style(
            r##"{"band":"#00ff00","series":["rgb(1, 2, 3)"],"font":"Georgia, serif"}"##,
        )
        .expect("valid");
        let p = Presentation {
            style,
            ..Presentation::default()
        };
        let palette = p.palette(Theme::Light);
        assert_eq!(
            (palette.band.r, palette.band.g, palette.band.b),
            (0, 255, 0)
        );
        assert!(
            (palette.band.a - Palette::of(Theme::Light).band.a).abs() < 1e-12,
            "keeps the band opacity"
        );
        assert_eq!(
            palette.series[0],
            Rgba {
                r: 1,
                g: 2,
                b: 3,
                a: 1.0
            }
        );
        assert_eq!(p.font_family(), "Georgia, serif");
        assert!(parse_style(r#"{"colour":"red"}"#).is_err());
    }
}
