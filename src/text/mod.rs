//! **text/**: words and numbers, the bottom of the crate (it uses nothing else of it): the
//! interface words in six languages (`i18n`), numbers to text and back without core's float
//! formatter (`numtext`), units and their formatting (`units`), country names (`countries`),
//! and, in this file, text metrics (`font_table`, `fontfile` for native fonts).
//!
//! Text metrics: the advance widths of the font the chart is drawn in. The built-in table is
//! the shipped Liberation Sans (metric-compatible with Arial and Helvetica; `font_table.rs`,
//! generated from `fonts/`), so native layout is deterministic. The browser measures the font
//! it actually resolves (the page's `--hoc-font` or the default stack) with the canvas and hands
//! the widths over (`FontMetrics::measured`); the native `render --font FILE` reads them from
//! the font file. Also word wrapping (never cutting a word or a number) and ellipsis.

pub mod countries;
pub mod font_table;
#[cfg(not(target_arch = "wasm32"))]
pub mod fontfile;
pub mod i18n;
pub mod json;
pub mod numtext;
pub mod units;

use crate::text::font_table::{RUNS, UNITS_PER_EM, WIDTHS};

/// The font stack every text is drawn in by default.
pub const FONT_FAMILY: &str = "Helvetica Neue, Helvetica, Arial, Liberation Sans, sans-serif";

/// Advance widths, in ems, for regular and bold text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FontMetrics {
    /// Measured widths (code point, regular em, bold em), sorted; empty: the built-in table.
    measured: Vec<(u32, f32, f32)>,
    /// Characters not measured: the built-in estimate times these (regular, bold).
    scale: (f64, f64),
}

/// The built-in table's (regular, bold) advance widths of `code`, in font units, if it has them.
fn table_widths(code: u32) -> Option<(u16, u16)> {
    // The run that starts at or before `code`, and where the next one starts in WIDTHS.
    let next = RUNS.partition_point(|(first, _)| *first <= code);
    let (first, start) = *RUNS.get(next.checked_sub(1)?)?;
    let end = RUNS
        .get(next)
        .map_or(WIDTHS.len(), |(_, at)| usize::from(*at));
    let at = usize::from(start) + usize::try_from(code - first).ok()?;
    if at < end {
        WIDTHS.get(at).copied()
    } else {
        None
    }
}

/// Every character of the built-in table with its (regular, bold) widths in font units.
#[cfg(test)]
pub(crate) fn table_entries() -> impl Iterator<Item = (u32, u16, u16)> {
    RUNS.iter().enumerate().flat_map(|(i, &(first, start))| {
        let end = RUNS
            .get(i + 1)
            .map_or(WIDTHS.len(), |(_, at)| usize::from(*at));
        (usize::from(start)..end).map(move |at| {
            let (regular, bold) = WIDTHS[at];
            (first + (at - usize::from(start)) as u32, regular, bold)
        })
    })
}

/// Width of one character in ems by the built-in table, erring wide outside it.
fn builtin_em(c: char, bold: bool) -> f64 {
    let code = c as u32;
    if let Some((regular, heavy)) = table_widths(code) {
        return f64::from(if bold { heavy } else { regular }) / UNITS_PER_EM;
    }
    let em = match code {
        0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F => 0.0, // combining, zero-width
        0x2070..=0x209F => 0.4,                                     // super- and subscripts
        0x0590..=0x08FF => 0.55,                                    // Hebrew, Arabic
        0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => {
            1.0
        }
        0x1F000..=0x1FFFF => 1.25, // emoji
        _ => 0.7,
    };
    em * if bold { 1.07 } else { 1.0 }
}

impl FontMetrics {
    /// The shipped Liberation Sans.
    pub fn builtin() -> FontMetrics {
        FontMetrics {
            measured: Vec::new(),
            scale: (1.0, 1.0),
        }
    }

    /// Whether this is the built-in table.
    pub fn is_builtin(&self) -> bool {
        self.measured.is_empty()
    }

    /// Metrics from measured widths: `chars[i]` is `regular[i]` / `bold[i]` ems wide. When
    /// every width agrees with the built-in table within 0.5 % (the browser resolved Liberation
    /// Sans, Arial or Helvetica), the built-in table is kept, so the layout is exactly the
    /// native one. Non-finite or negative widths are ignored.
    pub fn measured(chars: &[char], regular: &[f64], bold: &[f64]) -> FontMetrics {
        let mut rows: Vec<(u32, f32, f32)> = chars
            .iter()
            .zip(regular.iter().zip(bold.iter()))
            .filter(|(_, (r, b))| r.is_finite() && b.is_finite() && **r >= 0.0 && **b >= 0.0)
            .map(|(c, (r, b))| (*c as u32, *r as f32, *b as f32))
            .collect();
        small_sort_by(&mut rows, |a, b| a.0 < b.0);
        rows.dedup_by_key(|r| r.0);
        if rows.is_empty() {
            return FontMetrics::builtin();
        }
        let agrees = rows.iter().all(|(cp, r, b)| {
            let Some(c) = char::from_u32(*cp) else {
                return true;
            };
            if table_widths(*cp).is_none() {
                return true;
            }
            let close = |measured: f32, table: f64| {
                (f64::from(measured) - table).abs() <= table * 0.005 + 1e-4
            };
            close(*r, builtin_em(c, false)) && close(*b, builtin_em(c, true))
        });
        if agrees {
            return FontMetrics::builtin();
        }
        // Characters the page did not measure: scale the built-in estimate by how this font's
        // letters compare with Liberation Sans' (the median ratio over the measured ones).
        let ratio = |bold: bool| {
            let mut ratios: Vec<f64> = rows
                .iter()
                .filter_map(|(cp, r, b)| {
                    let c = char::from_u32(*cp)?;
                    let table = builtin_em(c, bold);
                    let m = f64::from(if bold { *b } else { *r });
                    (c.is_ascii_alphanumeric() && table > 0.0).then(|| m / table)
                })
                .collect();
            small_sort_by(&mut ratios, |a, b| a < b);
            ratios
                .get(ratios.len() / 2)
                .copied()
                .unwrap_or(1.0)
                .max(1.0)
        };
        FontMetrics {
            scale: (ratio(false), ratio(true)),
            measured: rows,
        }
    }

    /// A fingerprint of the built-in table over `chars` (those it holds, in code-point order):
    /// strings of up to 16 of them, each with its width in ems, regular and bold. A page that
    /// measures the same widths for each string (one measureText per string instead of one
    /// per character) has resolved Liberation Sans, Arial or Helvetica, and keeps the table.
    pub fn builtin_probe(chars: &[char]) -> Vec<(String, f64, f64)> {
        let mut known: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| table_widths(*c as u32).is_some())
            .collect();
        small_sort_by(&mut known, |a, b| a < b);
        known.dedup();
        known
            .chunks(16)
            .map(|group| {
                let text: String = group.iter().collect();
                let em = |bold| group.iter().map(|c| builtin_em(*c, bold)).sum::<f64>();
                (text, em(false), em(true))
            })
            .collect()
    }

    /// Width of one character in ems.
    pub fn char_em(&self, c: char, bold: bool) -> f64 {
        if !self.measured.is_empty() {
            let code = c as u32;
            if let Ok(i) = self.measured.binary_search_by_key(&code, |r| r.0) {
                let (_, r, b) = self.measured[i];
                return f64::from(if bold { b } else { r });
            }
            return builtin_em(c, bold) * if bold { self.scale.1 } else { self.scale.0 };
        }
        builtin_em(c, bold)
    }

    /// Rendered width of `text` at `size_px`, in px (the sum of advances, no kerning).
    pub fn width(&self, text: &str, size_px: f64, bold: bool) -> f64 {
        let ems: f64 = text.chars().map(|c| self.char_em(c, bold)).sum();
        ems * size_px
    }

    /// Cuts `text` to fit `max_width` px, ending with "…" when cut. Only for text whose full
    /// form is shown elsewhere (a key, the tooltip, the table).
    pub fn ellipsize(&self, text: &str, size_px: f64, bold: bool, max_width: f64) -> String {
        if self.width(text, size_px, bold) <= max_width {
            return text.to_string();
        }
        let ellipsis_width = self.width("…", size_px, bold);
        let mut out = String::new();
        let mut width = 0.0;
        for c in text.chars() {
            let w = self.char_em(c, bold) * size_px;
            if width + w + ellipsis_width > max_width {
                break;
            }
            width += w;
            out.push(c);
        }
        let trimmed = out.trim_end();
        if trimmed.is_empty() {
            return String::new();
        }
        format!("{trimmed}…")
    }

    /// Wraps `text` into as many lines as it needs, none wider than `max_width` px. A word
    /// wider than a line is broken (never cut or ellipsized), and a last line of a single word
    /// is avoided where narrower lines keep the same line count.
    pub fn wrap(&self, text: &str, size_px: f64, bold: bool, max_width: f64) -> Vec<String> {
        let lines = self.wrap_greedy(text, size_px, bold, max_width);
        let single_last =
            |lines: &[String]| lines.len() >= 2 && lines.last().is_some_and(|l| !l.contains(' '));
        if !single_last(&lines) {
            return lines;
        }
        // Narrow the measure while the line count holds; take the first that fixes the orphan.
        let count = lines.len();
        let mut width = max_width;
        for _ in 0..24 {
            width *= 0.97;
            let trial = self.wrap_greedy(text, size_px, bold, width);
            if trial.len() != count {
                break;
            }
            if !single_last(&trial) {
                return trial;
            }
        }
        lines
    }

    fn wrap_greedy(&self, text: &str, size_px: f64, bold: bool, max_width: f64) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for (word, spaced) in words(text) {
            let word = word.as_str();
            let candidate = if current.is_empty() {
                word.to_string()
            } else if spaced {
                format!("{current} {word}")
            } else {
                format!("{current}{word}")
            };
            if self.width(&candidate, size_px, bold) <= max_width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            if self.width(word, size_px, bold) <= max_width {
                current = word.to_string();
                continue;
            }
            // A word wider than the line: break it between characters, keeping every one.
            for c in word.chars() {
                let mut next = current.clone();
                next.push(c);
                if !current.is_empty() && self.width(&next, size_px, bold) > max_width {
                    lines.push(std::mem::take(&mut current));
                    current.push(c);
                } else {
                    current = next;
                }
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }
}

/// Insertion sort: stable, and a few bytes of wasm where the standard sorts cost kilobytes per
/// element type. For the short or nearly sorted lists of text layout (markers, measured
/// characters that arrive in order), not for data.
pub(crate) fn small_sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// `items` with `separator` between them: `[T]::join` without its two copies of std's
/// exact-capacity join (1 KB of wasm each, for `&str` and `String`).
pub fn join<T: AsRef<str>>(items: &[T], separator: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// Width by the built-in table (see `FontMetrics::width`).
pub fn text_width(text: &str, size_px: f64, bold: bool) -> f64 {
    FontMetrics::builtin().width(text, size_px, bold)
}

/// Whether a line may break next to `c` without a space: Chinese, Japanese and Korean text
/// breaks between its characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Punctuation that never starts a line (it closes or follows), and that never ends one.
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '”'
            | '%'
            | ')'
            | ','
            | '.'
            | ':'
            | ';'
    )
}
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '“' | '(')
}

/// The words of `text` and whether a space stood before each: spaces break (no-break spaces,
/// as in the German "−1,3 %", do not), and so does the gap between two characters where one
/// is Chinese, Japanese or Korean (no space is put back there), but not before closing or
/// after opening punctuation.
fn words(text: &str) -> Vec<(String, bool)> {
    let breakable = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut word = String::new();
    let mut spaced = false;
    let mut previous: Option<char> = None;
    for c in text.chars() {
        if breakable(c) {
            if !word.is_empty() {
                out.push((std::mem::take(&mut word), spaced));
            }
            spaced = true;
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            if (is_cjk(p) || is_cjk(c))
                && !no_break_before(c)
                && !no_break_after(p)
                && !word.is_empty()
            {
                out.push((std::mem::take(&mut word), spaced));
                spaced = false;
            }
        }
        word.push(c);
        previous = Some(c);
    }
    if !word.is_empty() {
        out.push((word, spaced));
    }
    // The first word of the text has nothing before it.
    if let Some(first) = out.first_mut() {
        first.1 = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_table_finds_every_character_it_holds_and_no_other() {
        let entries: Vec<(u32, u16, u16)> = table_entries().collect();
        assert_eq!(entries.len(), WIDTHS.len());
        assert!(
            entries.windows(2).all(|w| w[0].0 < w[1].0),
            "code points ascend"
        );
        for &(code, regular, bold) in &entries {
            assert_eq!(table_widths(code), Some((regular, bold)), "U+{code:04X}");
        }
        // Around every run: the code points just outside it are not in the table.
        for code in (0..0x2300).filter(|c| entries.binary_search_by_key(c, |e| e.0).is_err()) {
            assert_eq!(table_widths(code), None, "U+{code:04X}");
        }
        assert_eq!(table_widths(u32::MAX), None);
        assert_eq!(table_widths('A' as u32), Some((1366, 1479)));
        assert_eq!(
            table_widths('Ж' as u32).map(|w| w.0),
            entries.iter().find(|e| e.0 == 0x416).map(|e| e.1)
        );
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_its_punctuation() {
        let m = FontMetrics::default();
        let text = "−3.9%，在正常的日常波动范围内（合理范围 −13% 至 +6.2%）";
        let lines = m.wrap(text, 12.0, false, 90.0);
        assert!(lines.len() >= 3, "{lines:?}");
        // Every character kept, no space added inside the Chinese.
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        for line in &lines {
            let first = line.chars().next().unwrap();
            assert!(
                !matches!(first, '，' | '）' | '。'),
                "a line starts with closing punctuation: {lines:?}"
            );
            assert!(
                !line.ends_with('（'),
                "a line ends with an opening bracket: {lines:?}"
            );
        }
        // Latin text still breaks at spaces only.
        assert_eq!(m.wrap("Hash rate", 12.0, false, 30.0), vec!["Hash", "rate"]);
    }

    #[test]
    fn widths_follow_liberation_sans() {
        // "Hash rate": H 1479 a 1139 s 1024 h 1139 space 569 r 682 a 1139 t 569 e 1139 = 8879.
        assert!((text_width("Hash rate", 20.48, false) - 88.79).abs() < 1e-9);
        assert!(text_width("W", 10.0, false) > text_width("i", 10.0, false));
        assert!(text_width("abc", 10.0, true) > text_width("abc", 10.0, false));
    }

    #[test]
    fn measured_metrics_replace_the_table_unless_they_agree() {
        let chars: Vec<char> = "abc".chars().collect();
        let same: Vec<f64> = chars.iter().map(|c| builtin_em(*c, false)).collect();
        let same_bold: Vec<f64> = chars.iter().map(|c| builtin_em(*c, true)).collect();
        assert!(FontMetrics::measured(&chars, &same, &same_bold).is_builtin());
        let wide: Vec<f64> = same.iter().map(|w| w * 1.2).collect();
        let m = FontMetrics::measured(&chars, &wide, &same_bold);
        assert!(!m.is_builtin());
        assert!((m.width("abc", 10.0, false) - text_width("abc", 10.0, false) * 1.2).abs() < 1e-4);
        // An unmeasured letter is scaled like the measured ones.
        assert!(m.width("z", 10.0, false) > text_width("z", 10.0, false) * 1.19);
    }

    #[test]
    fn ellipsize_fits_and_marks_the_cut() {
        let m = FontMetrics::builtin();
        let cut = m.ellipsize("Kazakhstan internet shutdown", 12.0, false, 80.0);
        assert!(cut.ends_with('…'));
        assert!(m.width(&cut, 12.0, false) <= 80.0);
        assert_eq!(m.ellipsize("short", 12.0, false, 80.0), "short");
    }

    #[test]
    fn wrap_keeps_every_word_and_avoids_a_lone_last_word() {
        let m = FontMetrics::builtin();
        let title = "Bitcoin hash rate and the Kazakhstan internet shutdown";
        let lines = m.wrap(title, 20.0, true, 260.0);
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(m.width(line, 20.0, true) <= 260.0, "{line}");
        }
        assert_eq!(lines.join(" "), title);
        let long = "word ".repeat(200);
        let all = m.wrap(&long, 12.0, false, 100.0);
        assert_eq!(all.join(" "), long.trim());
        // Greedy wrapping would leave "shutdown" alone on the last line here.
        let greedy = m.wrap_greedy(title, 20.0, true, 520.0);
        assert_eq!(greedy.last().map(String::as_str), Some("shutdown"));
        let balanced = m.wrap(title, 20.0, true, 520.0);
        assert_eq!(balanced.len(), greedy.len());
        assert!(
            balanced.last().is_some_and(|l| l.contains(' ')),
            "{balanced:?}"
        );
    }

    #[test]
    fn a_no_break_space_holds_a_number_to_its_sign() {
        let m = FontMetrics::builtin();
        let text = "−1,3\u{a0}%: within normal day-to-day variation (plausible range −13\u{a0}% to +12\u{a0}%)";
        for width in [60.0, 120.0, 200.0, 400.0] {
            let lines = m.wrap(text, 12.0, false, width);
            assert_eq!(lines.join(" "), text, "at {width}");
            assert!(lines.iter().all(|l| !l.starts_with('%')), "{lines:?}");
        }
    }

    #[test]
    fn long_single_word_is_broken_not_cut() {
        let m = FontMetrics::builtin();
        let lines = m.wrap(&"x".repeat(1000), 12.0, false, 100.0);
        assert!(lines.iter().all(|l| m.width(l, 12.0, false) <= 100.0));
        assert_eq!(lines.concat().len(), 1000);
        assert!(text_width("🙂", 10.0, false) >= 10.0);
    }
}
