//! Units: recognising hash-rate units, choosing the most readable one for an axis, and
//! formatting numbers for tick labels and summaries (English, deterministic).

use crate::text::numtext::Limit;

/// Hash-rate units from H/s up, each 1000 times the last.
pub const HASH_RATE_UNITS: [&str; 8] = [
    "H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s", "ZH/s",
];

/// The unit of a series, as recognised from its `unit` string.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A hash rate; the index into `HASH_RATE_UNITS` of the unit it was given in.
    HashRate(usize),
    /// A percentage.
    Percent,
    /// Any other unit, shown as written (may be empty).
    Other(String),
}

impl Unit {
    /// Recognises hash-rate units (case-insensitive), `%`, or keeps the string as given.
    pub fn parse(s: &str) -> Unit {
        let trimmed = s.trim();
        if trimmed == "%" {
            return Unit::Percent;
        }
        match HASH_RATE_UNITS
            .iter()
            .position(|u| u.eq_ignore_ascii_case(trimmed))
        {
            Some(i) => Unit::HashRate(i),
            None => Unit::Other(trimmed.to_string()),
        }
    }

    /// True for H/s .. ZH/s.
    pub fn is_hash_rate(&self) -> bool {
        matches!(self, Unit::HashRate(_))
    }

    /// Whether two units can share one axis (all hash-rate units can, converted).
    pub fn same_kind(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::HashRate(_), Unit::HashRate(_)) | (Unit::Percent, Unit::Percent) => true,
            (Unit::Other(a), Unit::Other(b)) => a == b,
            _ => false,
        }
    }

    /// The unit as it reads in text.
    pub fn as_written(&self) -> String {
        match self {
            Unit::HashRate(i) => HASH_RATE_UNITS[(*i).min(HASH_RATE_UNITS.len() - 1)].to_string(),
            Unit::Percent => "%".to_string(),
            Unit::Other(s) => s.clone(),
        }
    }

    /// Factor from this unit to the axis' base (H/s for hash rates, 1 otherwise).
    pub fn to_base_factor(&self) -> f64 {
        match self {
            Unit::HashRate(i) => 1000f64.powi(*i as i32),
            _ => 1.0,
        }
    }
}

/// How an axis shows its values: `display = base / divisor`, labelled `label`.
#[derive(Debug, Clone, PartialEq)]
pub struct DisplayUnit {
    pub unit: Unit,
    /// Divide a base value (H/s for hash rates) by this to get the displayed number.
    pub divisor: f64,
    /// The unit label, e.g. `EH/s`, `%`, or the unit as written.
    pub label: String,
}

impl DisplayUnit {
    /// The most readable unit for values up to `max_abs_base` (in base units): for hash
    /// rates the largest unit in which the maximum is at least 1 (2022 data reads in EH/s).
    pub fn choose(unit: &Unit, max_abs_base: f64) -> DisplayUnit {
        match unit {
            Unit::HashRate(_) => {
                let mut index = 0;
                while index + 1 < HASH_RATE_UNITS.len()
                    && max_abs_base.is_finite()
                    && max_abs_base >= 1000f64.powi(index as i32 + 1)
                {
                    index += 1;
                }
                DisplayUnit {
                    unit: Unit::HashRate(index),
                    divisor: 1000f64.powi(index as i32),
                    label: HASH_RATE_UNITS[index].to_string(),
                }
            }
            other => DisplayUnit {
                unit: other.clone(),
                divisor: 1.0,
                label: other.as_written(),
            },
        }
    }

    /// A displayed value with its unit, 3 significant digits: "181 EH/s", "54.2%".
    pub fn format_value(&self, display_value: f64) -> String {
        let number = format_significant(display_value, 3);
        match &self.unit {
            Unit::Percent => format!("{number}%"),
            _ if self.label.is_empty() => number,
            _ => format!("{number} {}", self.label),
        }
    }
}

/// Formats `value` as a tick label for ticks `step` apart: just enough decimals to tell
/// neighbouring ticks apart, thousands grouped with commas, a true minus sign.
/// Steps of 10^15 and more, or below 10^-6, read in scientific notation ("5×10³⁰⁷").
/// A hash rate given in the display unit `unit`, in the unit that reads best for it alone
/// (1 to 999 of it where the ladder allows), 3 significant digits: 5.28×10⁻¹² EH/s is
/// "5.28 MH/s". Other units: the value and its unit.
pub fn format_readable(value: f64, unit: &DisplayUnit) -> String {
    let Unit::HashRate(_) = unit.unit else {
        return format!("{} {}", format_significant(value, 3), unit.label)
            .trim()
            .to_string();
    };
    let base = value * unit.divisor;
    let mut index = 0;
    while index + 1 < HASH_RATE_UNITS.len()
        && base.abs() >= 1000f64.powi(index as i32 + 1) * (1.0 - 1e-9)
    {
        index += 1;
    }
    let shown = base / 1000f64.powi(index as i32);
    format!(
        "{} {}",
        format_significant(shown, 3),
        HASH_RATE_UNITS[index]
    )
}

pub fn format_tick(value: f64, step: f64) -> String {
    if step.is_finite() && step > 0.0 && !(1e-6..1e15).contains(&step) {
        return format_scientific(value, step);
    }
    let decimals = if step > 0.0 && step.is_finite() {
        (-step.log10().floor()).limit(0.0, 12.0) as usize
    } else {
        0
    };
    format_fixed(value, decimals)
}

/// `value` as mantissa × 10^exponent, the exponent that of `step` (shared by an axis), with
/// just enough decimals in the mantissa to tell ticks `step` apart.
fn format_scientific(value: f64, step: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let exponent = value.abs().log10().floor() as i32;
    let mantissa = value / 10f64.powi(exponent);
    let decimals = (exponent - step.log10().floor() as i32).clamp(0, 6) as usize;
    let digits = format_fixed(mantissa, decimals);
    format!("{digits}×10{}", superscript(exponent))
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// `value` rounded to `significant` significant digits, trailing zeros dropped.
pub fn format_significant(value: f64, significant: i32) -> String {
    if value == 0.0 || !value.is_finite() {
        return format_fixed(if value.is_finite() { 0.0 } else { value }, 0);
    }
    let magnitude = value.abs().log10().floor() as i32;
    let decimals = (significant - 1 - magnitude).clamp(0, 12) as usize;
    let text = format_fixed(value, decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Fixed decimals, commas between thousands when the integer part has five or more digits.
pub fn format_fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "∞".into()
        } else {
            "−∞".into()
        };
    }
    let text = crate::text::numtext::fixed(value.abs(), decimals);
    let (int_part, frac_part) = match text.find('.') {
        Some(i) => (&text[..i], &text[i..]),
        None => (text.as_str(), ""),
    };
    let grouped = if int_part.len() >= 5 {
        let mut out = String::with_capacity(int_part.len() + int_part.len() / 3);
        for (i, c) in int_part.chars().enumerate() {
            if i > 0 && (int_part.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        int_part.to_string()
    };
    let is_zero = text.chars().all(|c| c == '0' || c == '.');
    let sign = if value < 0.0 && !is_zero { "−" } else { "" };
    format!("{sign}{grouped}{frac_part}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_hash_rate_units_case_insensitively() {
        assert_eq!(Unit::parse("TH/s"), Unit::HashRate(4));
        assert_eq!(Unit::parse("eh/s"), Unit::HashRate(6));
        assert_eq!(Unit::parse("%"), Unit::Percent);
        assert_eq!(Unit::parse("blocks"), Unit::Other("blocks".into()));
    }

    #[test]
    fn data_from_2022_in_th_reads_in_eh() {
        let unit = Unit::parse("TH/s");
        let base = 181_000_000.0 * unit.to_base_factor();
        let display = DisplayUnit::choose(&unit, base);
        assert_eq!(display.label, "EH/s");
        assert!((base / display.divisor - 181.0).abs() < 1e-9);
        assert_eq!(display.format_value(base / display.divisor), "181 EH/s");
    }

    #[test]
    fn early_network_reads_in_small_units() {
        let display = DisplayUnit::choose(&Unit::parse("H/s"), 4_000_000.0);
        assert_eq!(display.label, "MH/s");
        assert_eq!(DisplayUnit::choose(&Unit::parse("H/s"), 0.0).label, "H/s");
    }

    #[test]
    fn tick_labels_use_just_enough_decimals() {
        assert_eq!(format_tick(150.0, 50.0), "150");
        assert_eq!(format_tick(0.5, 0.5), "0.5");
        assert_eq!(format_tick(-20.0, 10.0), "−20");
        assert_eq!(format_tick(12500.0, 2500.0), "12,500");
        assert_eq!(format_tick(1500.0, 500.0), "1500");
        assert_eq!(format_tick(-0.0, 1.0), "0");
        assert_eq!(format_tick(5e307, 1e307), "5×10³⁰⁷");
        assert_eq!(format_tick(-1e308, 2e307), "−1.0×10³⁰⁸");
        assert_eq!(format_tick(2e-9, 1e-9), "2×10⁻⁹");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(format_significant(181.04, 3), "181");
        assert_eq!(format_significant(1.2549, 3), "1.25");
        assert_eq!(format_significant(0.000123456, 3), "0.000123");
        assert_eq!(format_significant(123456.0, 3), "123,456");
    }
}
