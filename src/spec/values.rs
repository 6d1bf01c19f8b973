//! A point's time and value: the one rule for each, whatever the path they came by (JSON
//! points, columns, typed arrays).

use crate::spec::fields::{err, kind};
use crate::spec::types::{SpecError, MAX_TIME_MS, MIN_TIME_MS};
use crate::text::json::Value;
use crate::text::units::Unit;
use crate::time;

/// Integers in [SECONDS_LOW, SECONDS_HIGH) are years 1973..5138 as Unix seconds but only the
/// first days of 1970 as milliseconds, so they are rejected as probable seconds.
const SECONDS_LOW: i64 = 100_000_000;
const SECONDS_HIGH: i64 = 100_000_000_000;

pub(super) fn check_ascending(
    times: &[i64],
    t: i64,
    path: impl Fn() -> String,
) -> Result<(), SpecError> {
    if let Some(&previous) = times.last() {
        if t <= previous {
            let what = if t == previous {
                "repeats the previous time"
            } else {
                "is before the previous time"
            };
            return err(
                &path(),
                format!(
                    "times must be strictly ascending; {} {} ({})",
                    time::format_date_time(t, 0),
                    what,
                    time::format_date_time(previous, 0)
                ),
            );
        }
    }
    Ok(())
}

/// A value or null; the path is made only for an error.
pub(super) fn parse_value(
    value: &Value,
    path: impl Fn() -> String,
    unit: &Unit,
) -> Result<Option<f64>, SpecError> {
    match value {
        Value::Null => Ok(None),
        Value::Number(n) => check_value(Some(n.as_f64().unwrap_or(f64::NAN)), path, unit),
        other => err(
            &path(),
            format!("expected a number or null (a gap), got {}", kind(other)),
        ),
    }
}

/// The one rule for a time given as a number of Unix milliseconds, whatever the path it came
/// by (JSON, typed columns, `setColumns`): not Unix seconds, within 1900..2200.
/// The path is made only for an error: this runs once per point of a million-point column.
pub(super) fn check_time_ms(ms: i64, path: impl Fn() -> String) -> Result<i64, SpecError> {
    if (SECONDS_LOW..SECONDS_HIGH).contains(&ms) {
        return err(
            &path(),
            format!(
                "{ms} looks like Unix seconds ({}); times must be Unix milliseconds ({}) or ISO 8601 strings",
                time::format_date_time(ms.saturating_mul(1000), 0),
                ms.saturating_mul(1000)
            ),
        );
    }
    if !(MIN_TIME_MS..MAX_TIME_MS).contains(&ms) {
        return err(
            &path(),
            "expected a time from 1900-01-01 up to (not including) 2200-01-01",
        );
    }
    Ok(ms)
}

/// The one rule for a value, whatever the path it came by: finite, and a hash rate not
/// negative. `None` is a gap.
pub(super) fn check_value(
    x: Option<f64>,
    path: impl Fn() -> String,
    unit: &Unit,
) -> Result<Option<f64>, SpecError> {
    match x {
        None => Ok(None),
        Some(x) if !x.is_finite() => err(&path(), "expected a finite number or null"),
        Some(x) if x < 0.0 && unit.is_hash_rate() => err(
            &path(),
            format!(
                "a hash rate cannot be negative, got {}; use null for a missing day",
                crate::text::numtext::display(x)
            ),
        ),
        Some(x) => Ok(Some(x)),
    }
}

/// Parses a time: an ISO 8601 string or an integer number of Unix milliseconds.
pub fn parse_time(value: &Value, path: &str) -> Result<i64, SpecError> {
    parse_time_at(value, || path.to_string())
}

/// `parse_time` with the path made only for an error (once per point of a long series).
pub(super) fn parse_time_at(value: &Value, path: impl Fn() -> String) -> Result<i64, SpecError> {
    let ms = match value {
        Value::String(s) => match time::parse_iso8601(s) {
            Ok(ms) => ms,
            Err(message) => return err(&path(), message),
        },
        Value::Number(n) => {
            let ms = match n.as_i64() {
                Some(ms) => ms,
                None => {
                    return err(
                        &path(),
                        format!(
                            "expected an integer number of Unix milliseconds or an ISO 8601 string, got {n}"
                        ),
                    )
                }
            };
            return check_time_ms(ms, path);
        }
        other => {
            return err(
                &path(),
                format!(
                    "expected a time (ISO 8601 string or integer Unix milliseconds), got {}",
                    kind(other)
                ),
            )
        }
    };
    if !(MIN_TIME_MS..MAX_TIME_MS).contains(&ms) {
        return err(
            &path(),
            "expected a time from 1900-01-01 up to (not including) 2200-01-01",
        );
    }
    Ok(ms)
}
