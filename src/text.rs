//! Text metrics without a font file: Helvetica/Arial advance widths (Liberation Sans shares
//! them), so layout is deterministic and identical natively and in the browser, and the web
//! build never measures text through the DOM. Also word wrapping and ellipsis.

/// The font stack every text is drawn in.
pub const FONT_FAMILY: &str = "Helvetica Neue, Helvetica, Arial, Liberation Sans, sans-serif";

/// Advance widths of ASCII 32..=126 in thousandths of an em (Helvetica AFM).
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // ' '..'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // '0'..'9'
    278, 278, 584, 584, 584, 556, 1015, // ':'..'@'
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // 'A'..'M'
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // 'N'..'Z'
    278, 278, 278, 469, 556, 333, // '['..'`'
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // 'a'..'m'
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // 'n'..'z'
    334, 260, 334, 584, // '{'..'~'
];

/// Width of one character in ems, erring wide for characters outside the table.
fn char_em(c: char) -> f64 {
    let code = c as u32;
    if (32..=126).contains(&code) {
        return f64::from(ASCII_WIDTHS[(code - 32) as usize]) / 1000.0;
    }
    match code {
        0x2212 | 0x2013 => 0.584,                 // minus, en dash
        0x2014 | 0x2026 => 1.0,                   // em dash, ellipsis
        0x00A0..=0x024F => 0.62,                  // Latin-1 and Latin Extended
        0x0300..=0x036F | 0x200B..=0x200F => 0.0, // combining marks, zero-width and direction marks
        0x0370..=0x058F => 0.62,                  // Greek, Cyrillic, Armenian
        0x0590..=0x08FF => 0.55,                  // Hebrew, Arabic
        0x1100..=0x11FF | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFF00..=0xFF60 => {
            1.0
        }
        0x1F000..=0x1FFFF => 1.25, // emoji
        _ => 0.7,
    }
}

/// Approximate rendered width of `text` at `size_px`, in px; bold is about 7 % wider.
pub fn text_width(text: &str, size_px: f64, bold: bool) -> f64 {
    let ems: f64 = text.chars().map(char_em).sum();
    ems * size_px * if bold { 1.07 } else { 1.0 }
}

/// Cuts `text` to fit `max_width` px, ending with "…" when cut.
pub fn ellipsize(text: &str, size_px: f64, bold: bool, max_width: f64) -> String {
    if text_width(text, size_px, bold) <= max_width {
        return text.to_string();
    }
    let ellipsis_width = text_width("…", size_px, bold);
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = char_em(c) * size_px * if bold { 1.07 } else { 1.0 };
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

/// Wraps `text` into lines no wider than `max_width` px, at most `max_lines` lines (the last
/// one ellipsized if the text does not fit). Words longer than a line are cut.
pub fn wrap(text: &str, size_px: f64, bold: bool, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut overflow = false;
    for word in &words {
        let candidate = if current.is_empty() {
            (*word).to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size_px, bold) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() >= max_lines {
            overflow = true;
            break;
        }
        current = if text_width(word, size_px, bold) <= max_width {
            (*word).to_string()
        } else {
            ellipsize(word, size_px, bold, max_width)
        };
    }
    if !overflow && !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        overflow = true;
        lines.truncate(max_lines);
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            let marked = format!("{last} …");
            *last = ellipsize(&marked, size_px, bold, max_width);
            if !last.ends_with('…') {
                last.push('…');
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_helvetica_metrics() {
        // "Hash rate" = H 722 a 556 s 500 h 556 space 278 r 333 a 556 t 278 e 556 = 4335.
        assert!((text_width("Hash rate", 10.0, false) - 43.35).abs() < 1e-9);
        assert!(text_width("W", 10.0, false) > text_width("i", 10.0, false));
        assert!(text_width("abc", 10.0, true) > text_width("abc", 10.0, false));
    }

    #[test]
    fn ellipsize_fits_and_marks_the_cut() {
        let cut = ellipsize("Kazakhstan internet shutdown", 12.0, false, 80.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 12.0, false) <= 80.0);
        assert_eq!(ellipsize("short", 12.0, false, 80.0), "short");
    }

    #[test]
    fn wrap_breaks_at_words_and_limits_lines() {
        let lines = wrap(
            "Bitcoin hash rate and the Kazakhstan internet shutdown",
            20.0,
            true,
            260.0,
            3,
        );
        assert!(lines.len() >= 2);
        for line in &lines {
            assert!(text_width(line, 20.0, true) <= 260.0, "{line}");
        }
        assert_eq!(
            lines.join(" "),
            "Bitcoin hash rate and the Kazakhstan internet shutdown"
        );
        let capped = wrap(&"word ".repeat(200), 12.0, false, 100.0, 2);
        assert_eq!(capped.len(), 2);
        assert!(capped[1].ends_with('…'));
    }

    #[test]
    fn long_single_word_and_emoji_do_not_overflow() {
        let lines = wrap(&"x".repeat(10_000), 12.0, false, 100.0, 2);
        assert!(lines.iter().all(|l| text_width(l, 12.0, false) <= 100.0));
        assert!(text_width("🙂", 10.0, false) >= 10.0);
    }
}
