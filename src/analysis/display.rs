//! The unit a series' values are shown in, and a value written with it.

use crate::spec::{Series, Spec};
use crate::text::units::{format_readable, format_significant, DisplayUnit, Unit, HASH_RATE_UNITS};

/// The display unit a series is drawn in, shared by the series on its axis: the one choice the
/// axis, the table, the read-out, the impacts and the spoken summary all use.
pub fn display_unit_of(spec: &Spec, series: &Series) -> DisplayUnit {
    let max_abs = spec
        .series
        .iter()
        .filter(|s| s.axis == series.axis)
        .flat_map(|s| {
            let f = s.unit.to_base_factor();
            s.values.iter().flatten().map(move |v| (v * f).abs())
        })
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    DisplayUnit::choose(&series.unit, max_abs)
}

/// Describes a value with its series' display unit, e.g. "176 EH/s".
pub fn format_display(value: f64, unit: &str) -> String {
    // A hash rate far below its axis' unit (2009 on an EH/s axis) reads in its own unit.
    if let Some(index) = HASH_RATE_UNITS.iter().position(|u| *u == unit) {
        if value != 0.0 && value.is_finite() && value.abs() < 1.0 {
            let display = DisplayUnit {
                unit: Unit::HashRate(index),
                divisor: 1000f64.powi(index as i32),
                label: unit.to_string(),
            };
            return format_readable(value, &display);
        }
    }
    let n = format_significant(value, 3);
    if unit.is_empty() {
        n
    } else {
        format!("{n} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_display;

    #[test]
    fn tiny_hash_rates_read_in_their_own_unit() {
        assert_eq!(format_display(5.28e-12, "EH/s"), "5.28 MH/s");
        assert_eq!(format_display(181.0, "EH/s"), "181 EH/s");
        assert_eq!(format_display(0.5, "%"), "0.5 %");
    }
}
