//! Font files, natively: the advance widths of a TrueType/OpenType font, read with the same
//! parser resvg draws with, for `render --font FILE` (the layout then measures text in the
//! font the PNG is drawn in). Not in the web build: the browser measures its own fonts.

use crate::text::FontMetrics;
use skrifa::instance::{LocationRef, Size};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

/// Code points measured: Latin, Greek, Cyrillic, punctuation, currency, arrows and the maths
/// signs the chart writes (the same ranges as the built-in table).
const RANGES: [(u32, u32); 8] = [
    (0x20, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x4FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20BF),
    (0x2190, 0x2193),
    (0x2212, 0x2212),
    (0x2248, 0x2265),
];

/// (code point, advance in ems) for every mapped character in `RANGES`, and the family name.
fn advances(data: &[u8]) -> Result<(Vec<(char, f64)>, String), String> {
    let font = FontRef::new(data).map_err(|e| format!("not a font file: {e}"))?;
    let units = f64::from(
        font.metrics(Size::unscaled(), LocationRef::default())
            .units_per_em,
    );
    if units <= 0.0 {
        return Err("the font has no units per em".into());
    }
    let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let charmap = font.charmap();
    let mut out = Vec::new();
    for (lo, hi) in RANGES {
        for code in lo..=hi {
            let (Some(c), Some(glyph)) = (char::from_u32(code), charmap.map(code)) else {
                continue;
            };
            if let Some(advance) = glyphs.advance_width(glyph) {
                out.push((c, f64::from(advance) / units));
            }
        }
    }
    if out.is_empty() {
        return Err("the font maps none of the characters the chart writes".into());
    }
    let family = font
        .localized_strings(StringId::FAMILY_NAME)
        .english_or_first()
        .map(|s| s.to_string())
        .unwrap_or_default();
    Ok((out, family))
}

/// Metrics and family name from a regular font file and, optionally, its bold (without one,
/// bold text is measured and drawn in the regular face).
pub fn metrics_from_font_files(
    regular: &[u8],
    bold: Option<&[u8]>,
) -> Result<(FontMetrics, String), String> {
    let (regular, family) = advances(regular)?;
    let bold = match bold {
        Some(data) => advances(data)?.0,
        None => regular.clone(),
    };
    let bold_of = |c: char| {
        bold.iter()
            .find(|(b, _)| *b == c)
            .map_or(f64::NAN, |(_, w)| *w)
    };
    let chars: Vec<char> = regular.iter().map(|(c, _)| *c).collect();
    let widths: Vec<f64> = regular.iter().map(|(_, w)| *w).collect();
    let bolds: Vec<f64> = chars.iter().map(|c| bold_of(*c)).collect();
    Ok((FontMetrics::measured(&chars, &widths, &bolds), family))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::font_table::UNITS_PER_EM;
    use crate::text::table_entries;

    fn font(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/fonts/{name}", env!("CARGO_MANIFEST_DIR"))).expect("shipped font")
    }

    #[test]
    fn font_table_is_the_shipped_liberation_sans() {
        let (regular, family) = advances(&font("LiberationSans-Regular.ttf")).expect("font");
        let (bold, _) = advances(&font("LiberationSans-Bold.ttf")).expect("font");
        assert_eq!(family, "Liberation Sans");
        for (code, r, b) in table_entries() {
            let c = char::from_u32(code).expect("char");
            let find = |list: &[(char, f64)]| list.iter().find(|(x, _)| *x == c).map(|(_, w)| *w);
            assert_eq!(
                find(&regular),
                Some(f64::from(r) / UNITS_PER_EM),
                "{c:?} regular"
            );
            assert_eq!(find(&bold), Some(f64::from(b) / UNITS_PER_EM), "{c:?} bold");
        }
        // So the shipped fonts, read as files, give the built-in table itself.
        let (metrics, _) = metrics_from_font_files(
            &font("LiberationSans-Regular.ttf"),
            Some(&font("LiberationSans-Bold.ttf")),
        )
        .expect("font");
        assert!(metrics.is_builtin());
    }

    #[test]
    fn a_non_font_is_refused_with_a_message() {
        let err = metrics_from_font_files(b"not a font", None).expect_err("refused");
        assert!(err.contains("not a font"), "{err}");
    }
}
