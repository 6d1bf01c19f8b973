//! JSON text: a small reader into `Value`s (errors with line and column), string quoting, and
//! `json!` for building values. The chart module reads specs, styles and locales with it and
//! hands results to the page through serde (`Value` is `Serialize`); serde_json's reader, map
//! and formatter cost ~8 KB of the gzipped chart module. The data tools (src/adapters/) keep
//! serde_json. Numbers are read exactly as Rust's own parser reads them (`numtext`).
//!
//! This file holds the values (`Value`, `Map`, `Number`), building them (`ToJson`, `json!`),
//! writing them (quoting, serde); `read` the reader.

mod read;

use crate::text::numtext;
pub use read::{parse, ParseError};
use std::fmt;

/// A JSON value. Objects keep their keys in document order.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A JSON number: its f64, and the integer when it was written as one (no fraction or
/// exponent) and fits an i64.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number {
    pub(super) value: f64,
    pub(super) integer: Option<i64>,
}

impl Number {
    pub fn as_f64(&self) -> Option<f64> {
        Some(self.value)
    }

    pub fn as_i64(&self) -> Option<i64> {
        self.integer
    }

    pub fn as_u64(&self) -> Option<u64> {
        self.integer.and_then(|i| u64::try_from(i).ok())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.integer {
            Some(i) => write!(f, "{i}"),
            None => f.write_str(&numtext::debug(self.value)),
        }
    }
}

/// An object's members in document order. A key written twice reads as its last value, as
/// serde_json's map does.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Map(Vec<(String, Value)>);

impl Map {
    pub fn new() -> Map {
        Map(Vec::new())
    }

    /// An object as read: a key written twice keeps its first place and its last value (as
    /// serde_json's map). Checked up to 1,000 members (quadratic); a larger object keeps every
    /// member, and `get` still reads a repeated key's last value.
    pub(super) fn read(mut members: Vec<(String, Value)>) -> Map {
        if members.len() <= 1_000 {
            let mut i = 1;
            while i < members.len() {
                match members[..i].iter().position(|(k, _)| *k == members[i].0) {
                    Some(first) => {
                        let (_, value) = members.remove(i);
                        members[first].1 = value;
                    }
                    None => i += 1,
                }
            }
        }
        Map(members)
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`, replacing an earlier value.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(member) => member.1 = value,
            None => self.0.push((key, value)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.into_iter()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Value {
    /// The member `key` of an object; None for other values.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// A float; NaN and the infinities (which JSON cannot write) become null, as with serde_json.
impl From<f64> for Value {
    fn from(value: f64) -> Value {
        if !value.is_finite() {
            return Value::Null;
        }
        Value::Number(Number {
            value,
            integer: None,
        })
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Number(Number {
            value: i as f64,
            integer: Some(i),
        })
    }
}

impl From<u32> for Value {
    fn from(i: u32) -> Value {
        Value::from(i64::from(i))
    }
}

impl From<usize> for Value {
    fn from(i: usize) -> Value {
        i64::try_from(i).map_or_else(|_| Value::from(i as f64), Value::from)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_string())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Object(map)
    }
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, Value)>, MemberRefs>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(member_refs as MemberRefs)
    }
}

type MemberRefs = for<'b> fn(&'b (String, Value)) -> (&'b String, &'b Value);

fn member_refs(member: &(String, Value)) -> (&String, &Value) {
    (&member.0, &member.1)
}

/// A value's JSON, taken by reference (as serde_json's `json!` takes its values).
pub trait ToJson {
    fn to_json(&self) -> Value;
}

macro_rules! to_json_via_from {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(self.clone())
            }
        }
    )*};
}
to_json_via_from!(f64, i64, u32, usize, bool, String, Value, Map);

macro_rules! to_json_as_i64 {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn to_json(&self) -> Value {
                Value::from(i64::from(*self))
            }
        }
    )*};
}
to_json_as_i64!(u8, i32);

impl ToJson for str {
    fn to_json(&self) -> Value {
        Value::from(self)
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn to_json(&self) -> Value {
        (**self).to_json()
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}

impl<T: ToJson> ToJson for [T] {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

impl<T: ToJson, const N: usize> ToJson for [T; N] {
    fn to_json(&self) -> Value {
        self.as_slice().to_json()
    }
}

/// A `Value` in JSON's own syntax, as serde_json's `json!`: `json!({ "key": value, ... })` with
/// nested `{...}` and `[...]`, `json!([value, ...])` or `json!(value)`. Values are any
/// expressions whose type is `ToJson`, taken by reference.
macro_rules! json {
    ({ $($members:tt)* }) => {{
        #[allow(unused_mut)]
        let mut map = $crate::text::json::Map::new();
        $crate::text::json::json!(@members map $($members)*);
        $crate::text::json::Value::Object(map)
    }};
    ([ $($item:expr),* $(,)? ]) => {
        $crate::text::json::Value::Array(vec![$($crate::text::json::json!($item)),*])
    };
    (@members $map:ident) => {};
    (@members $map:ident $key:literal : { $($inner:tt)* } $(, $($rest:tt)*)?) => {
        $map.insert($key, $crate::text::json::json!({ $($inner)* }));
        $crate::text::json::json!(@members $map $($($rest)*)?);
    };
    (@members $map:ident $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $map.insert($key, $crate::text::json::json!($value));
        $crate::text::json::json!(@members $map $($($rest)*)?);
    };
    ($value:expr) => {
        $crate::text::json::ToJson::to_json(&$value)
    };
}
pub(crate) use json;

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            // Integers as integers (native JSON output writes "3", not "3.0"); past 2^53 as
            // floats, which every JS number is.
            Value::Number(n) => match n.integer {
                Some(i) if i.unsigned_abs() <= 1 << 53 => serializer.serialize_i64(i),
                _ => serializer.serialize_f64(n.value),
            },
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(map) => {
                let mut out = serializer.serialize_map(Some(map.len()))?;
                for (k, v) in map.iter() {
                    out.serialize_entry(k, v)?;
                }
                out.end()
            }
        }
    }
}

/// `s` as a JSON string literal, escaped as serde_json writes it.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => push_unicode_escape(&mut out, c),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `c` (of the Basic Multilingual Plane) as `\uXXXX`, lower-case hex as serde_json writes it.
pub(crate) fn push_unicode_escape(out: &mut String, c: char) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(char::from_digit((c as u32 >> shift) & 15, 16).unwrap_or('0'));
    }
}

#[cfg(test)]
mod tests {
    use super::read::MAX_DEPTH;
    use super::*;

    /// Every value serde_json reads, ours reads to the same tree (numbers to the same bits).
    fn same(a: &Value, b: &serde_json::Value) -> bool {
        match (a, b) {
            (Value::Null, serde_json::Value::Null) => true,
            (Value::Bool(x), serde_json::Value::Bool(y)) => x == y,
            (Value::Number(x), serde_json::Value::Number(y)) => {
                x.as_i64() == y.as_i64()
                    && x.as_u64() == y.as_u64().filter(|&u| i64::try_from(u).is_ok())
                    && x.as_f64().map(f64::to_bits) == y.as_str_or_f64().map(f64::to_bits)
            }
            (Value::String(x), serde_json::Value::String(y)) => x == y,
            (Value::Array(x), serde_json::Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (Value::Object(x), serde_json::Value::Object(y)) => {
                y.iter()
                    .all(|(k, v)| x.get(k).is_some_and(|ours| same(ours, v)))
                    && x.keys().all(|k| y.contains_key(k))
            }
            _ => false,
        }
    }

    trait ExactF64 {
        fn as_str_or_f64(&self) -> Option<f64>;
    }

    /// serde_json's own float reading is not always the nearest float (its float_roundtrip
    /// feature is off); compare with core's reading of the number's text instead.
    impl ExactF64 for serde_json::Number {
        fn as_str_or_f64(&self) -> Option<f64> {
            self.to_string().parse().ok()
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let texts = [
            r#"{"title": "Kazakhstan, January 2022", "series": [{"id": "hashrate", "unit": "EH/s",
               "points": [["2022-01-01", 176.25], [1641081600000, null], [1641168000000, -1.5e-7]]}],
               "nested": {"a": [true, false, null, [], {}], "b": -0, "c": 0.0, "d": 12345678901234567890}}"#,
            r#""tab\tnew\nline \"quoted\" \\ \/ \b\f\r \u00e9 \ud83d\ude00 \u0000""#,
            "  [1, 2.5, -3e2, 4E-2, 1e400 ] ",
            "[9223372036854775807, -9223372036854775808, 9223372036854775808]",
            "[1e-3456789012345, 0e3456789012345, -0e99]",
            "\"caf\u{e9} \u{1F600} \u{4E2D}\"",
            r#"{"k": 1, "k": 2}"#,
        ];
        for text in texts {
            let theirs: Result<serde_json::Value, _> = serde_json::from_str(text);
            let ours = parse(text);
            match (&ours, &theirs) {
                (Ok(a), Ok(b)) => assert!(same(a, b), "{text}: {a:?} vs {b:?}"),
                (Err(_), Err(_)) => {}
                _ => panic!("{text}: ours {ours:?}, serde_json {theirs:?}"),
            }
        }
        assert_eq!(
            parse(r#"{"k": 1, "k": 2}"#).unwrap().get("k"),
            Some(&json!(2i64))
        );
    }

    #[test]
    fn refuses_bad_json_in_serde_jsons_words_at_its_place() {
        for text in [
            "",
            "[1, 2",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\": 1,\n \"b\": 2,}",
            "[1,]",
            "{1: 2}",
            "{\"a\": 1",
            "{\"a\"",
            "[01]",
            "[1.]",
            "[-]",
            "[1.5e]",
            "[1e309]",
            "[-1e309]",
            "[1e3456789012345]",
            "1.",
            "1e",
            "1e+",
            "-",
            "\"a\\qb\"",
            "\"\\ud800\"",
            "\"\\ud800\\u0041\"",
            "\"\\ude00\"",
            "\"\\ud83d\\de00\"",
            "{\"a\": 1,",
            "{",
            "{\"a\"",
            "\"\\ud83d\\de00\"",
            "\"\\u12zz\"",
            "\"\\u12\"",
            "\"a\u{1}\"",
            "\"abc",
            "[\"a\nb\"]",
            "nul",
            "nulL",
            "{} x",
            "\n\n  ?",
            "\u{e9}\u{e9}",
            "[\"\u{e9}\u{e9}\", ?]",
        ] {
            let ours = parse(text).expect_err(text).to_string();
            let theirs = serde_json::from_str::<serde_json::Value>(text).expect_err(text);
            assert_eq!(ours, theirs.to_string(), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse(&deep).unwrap_err().message,
            "recursion limit exceeded"
        );
        // The same depth as serde_json's: as deep as it reads, no deeper.
        for depth in [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
            let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            assert_eq!(parse(&text).is_ok(), theirs.is_ok(), "depth {depth}");
        }
    }

    #[test]
    fn a_repeated_key_keeps_its_place_and_its_last_value() {
        let v = parse(r#"{"a": 1, "b": 2, "a": 3, "a": 4}"#).unwrap();
        let map = v.as_object().unwrap();
        assert_eq!(map.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(map.get("a"), Some(&json!(4i64)));
        assert_eq!(json!(f64::NAN), Value::Null, "NaN is written as null");
    }

    #[test]
    fn quotes_as_serde_json_does() {
        for s in [
            "plain",
            "a\"b\\c",
            "tab\there\nline\r",
            "\u{0}\u{1f}\u{8}\u{c}",
            "é 😀 /",
        ] {
            assert_eq!(quote(s), serde_json::Value::from(s).to_string(), "{s:?}");
            assert_eq!(parse(&quote(s)), Ok(Value::from(s)));
        }
    }

    #[test]
    fn numbers_show_as_written_kinds() {
        let v = parse("[3, 3.0, -2.5e-7, 1e21]").unwrap();
        let shown: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|n| match n {
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(shown, ["3", "3.0", "-2.5e-7", "1e21"]);
    }
}
