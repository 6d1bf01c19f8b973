//! Reading a JSON object's fields with errors that name the path: the helpers every part
//! of the spec is checked with (required and optional fields, unknown keys with a suggestion,
//! how a value is shown in a message).

use crate::spec::types::SpecError;
use crate::spec::values::parse_time;
use crate::text::json::{self, Map, Value};

/// An error at `path`. The error is built out of line, one copy for every result type.
#[inline(always)]
pub(super) fn err<T>(path: &str, message: impl Into<String>) -> Result<T, SpecError> {
    Err(error_at(path, message))
}

#[inline(never)]
fn error_at(path: &str, message: impl Into<String>) -> SpecError {
    SpecError {
        path: path.to_string(),
        message: message.into(),
    }
}

pub(super) fn optional_bool(obj: &Map, path: &str, key: &str) -> Result<Option<bool>, SpecError> {
    match obj.get(key) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => err(
            &join(path, key),
            format!("expected true or false, got {}", kind(other)),
        ),
    }
}

pub(super) fn optional_days(
    obj: &Map,
    path: &str,
    key: &str,
    min: u32,
) -> Result<Option<u32>, SpecError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_u64() {
            Some(d) if d >= u64::from(min) && d <= 365 => Ok(Some(d as u32)),
            _ => err(
                &join(path, key),
                format!("expected a whole number of days from {min} to 365, got {n}"),
            ),
        },
        Some(other) => err(
            &join(path, key),
            format!("expected a whole number of days, got {}", kind(other)),
        ),
    }
}

pub(super) fn required_time(obj: &Map, path: &str, key: &str) -> Result<i64, SpecError> {
    match obj.get(key) {
        Some(v) => parse_time(v, &join(path, key)),
        None => err(
            &join(path, key),
            "is required: an ISO 8601 time or integer Unix milliseconds",
        ),
    }
}

pub(super) fn optional_text(obj: &Map, path: &str, key: &str) -> Result<Option<String>, SpecError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => err(
            &join(path, key),
            format!("expected a string, got {}", kind(other)),
        ),
    }
}

pub(super) fn as_object<'a>(
    value: &'a Value,
    path: &str,
    what: &str,
) -> Result<&'a Map, SpecError> {
    match value {
        Value::Object(map) => Ok(map),
        other => err(path, format!("expected {what}, got {}", kind(other))),
    }
}

pub(super) fn as_array<'a>(
    value: &'a Value,
    path: &str,
    what: &str,
) -> Result<&'a Vec<Value>, SpecError> {
    match value {
        Value::Array(items) => Ok(items),
        other => err(path, format!("expected {what}, got {}", kind(other))),
    }
}

/// Unknown keys are errors: a typo such as `serie` must not be silently ignored.
pub(super) fn check_keys(obj: &Map, path: &str, allowed: &[&str]) -> Result<(), SpecError> {
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            let suggestion = allowed
                .iter()
                .map(|a| (edit_distance(a, key), *a))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, a)| format!("did you mean \"{a}\"? "))
                .unwrap_or_default();
            return err(
                &join(path, key),
                format!(
                    "unknown key; {suggestion}expected one of: {}",
                    crate::text::join(allowed, ", ")
                ),
            );
        }
    }
    Ok(())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

pub(super) fn join(path: &str, key: &str) -> String {
    let simple = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match (path.is_empty(), simple) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", json::quote(key)),
    }
}

pub(super) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A short rendering of a value for messages (long strings are cut).
pub(super) fn show(value: &Value) -> String {
    match value {
        Value::String(s) if s.chars().count() > 40 => {
            let cut: String = s.chars().take(40).collect();
            format!("\"{cut}…\"")
        }
        Value::String(s) => format!("\"{s}\""),
        other => kind(other).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{edit_distance, join};

    #[test]
    fn join_builds_readable_paths() {
        assert_eq!(join("", "series"), "series");
        assert_eq!(join("series[0]", "unit"), "series[0].unit");
        assert_eq!(join("", "a b"), "[\"a b\"]");
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("series", "serie"), 1);
        assert_eq!(edit_distance("title", "titel"), 2);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }
}
