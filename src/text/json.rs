//! JSON text: a small reader into `Value`s (errors with line and column), string quoting, and
//! `json!` for building values. The chart module reads specs, styles and locales with it and
//! hands results to the page through serde (`Value` is `Serialize`); serde_json's reader, map
//! and formatter cost ~8 KB of the gzipped chart module. The data tools (src/adapters/) keep
//! serde_json. Numbers are read exactly as Rust's own parser reads them (`numtext`).

use crate::text::numtext::{self, Digits};
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
    value: f64,
    integer: Option<i64>,
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
    fn read(mut members: Vec<(String, Value)>) -> Map {
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

/// Why JSON text could not be read, and where (line and column from 1; the column counts
/// bytes, as serde_json's does).
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Nesting deeper than this is refused (as serde_json does), so no input can exhaust the stack.
const MAX_DEPTH: usize = 127;

/// Reads one JSON value, with nothing but white space around it.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let mut read = || {
        let value = reader.value()?;
        reader.skip_space();
        if reader.pos < reader.bytes.len() {
            return Err(Fail("trailing characters"));
        }
        Ok(value)
    };
    read().map_err(|Fail(message)| reader.place(message))
}

/// An error's message; the reader stays where it was found. (Small, so the recursion passes
/// results around cheaply; the line and column are worked out once, at the top.)
struct Fail(&'static str);

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn error(&self, message: &'static str) -> Fail {
        Fail(message)
    }

    /// The error at the current position (the last character at the end of the text).
    fn place(&self, message: &'static str) -> ParseError {
        let at = self.pos.min(self.bytes.len());
        let before = &self.bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = at - line_start + usize::from(at < self.bytes.len());
        // Places are counted after the character at fault, as serde_json does: a line break
        // at fault is the start of the next line.
        if self.bytes.get(at) == Some(&b'\n') {
            return ParseError {
                line: line + 1,
                column: 0,
                message,
            };
        }
        ParseError {
            line,
            column,
            message,
        }
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline]
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, Fail> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.word("null", Value::Null),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.nested(Self::array),
            Some(b'{') => self.nested(Self::object),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, Fail> {
        for expected in word.bytes() {
            match self.peek() {
                Some(b) if b == expected => self.pos += 1,
                Some(_) => return Err(self.error("expected ident")),
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, Fail>) -> Result<Value, Fail> {
        if self.depth == MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.depth += 1;
        self.pos += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn array(&mut self) -> Result<Value, Fail> {
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b']') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                Some(_) => return Err(self.error("expected `,` or `]`")),
                None => return Err(self.error("EOF while parsing a list")),
            }
        }
    }

    fn object(&mut self) -> Result<Value, Fail> {
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(Map(members)));
        }
        let mut first = true;
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                Some(_) => return Err(self.error("key must be a string")),
                // serde_json's words: after a comma it was reading a value.
                None if first => return Err(self.error("EOF while parsing an object")),
                None => return Err(self.error("EOF while parsing a value")),
            }
            first = false;
            let key = self.string()?;
            self.skip_space();
            match self.peek() {
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.error("expected `:`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
            members.push((key, self.value()?));
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_space();
                    if self.peek() == Some(b'}') {
                        return Err(self.error("trailing comma"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(Map::read(members)));
                }
                Some(_) => return Err(self.error("expected `,` or `}`")),
                None => return Err(self.error("EOF while parsing an object")),
            }
        }
    }

    /// A string, the reader on its opening quote.
    fn string(&mut self) -> Result<String, Fail> {
        self.pos += 1;
        let mut out = String::new();
        let mut start = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[start..self.pos]);
                    self.pos += 1;
                    self.escape(&mut out)?;
                    start = self.pos;
                }
                Some(0..=0x1f) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// One escape, the reader just past its backslash.
    fn escape(&mut self, out: &mut String) -> Result<(), Fail> {
        let Some(b) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            // At the character after a backslash, if there is one (serde_json's place).
                            if self.peek() == Some(b'\\') {
                                self.pos += 1;
                            }
                            return Err(self.error("unexpected end of hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            self.pos -= 1;
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        // A trailing surrogate alone (serde_json's words for it).
                        self.pos -= 1;
                        return Err(self.error("lone leading surrogate in hex escape"));
                    }
                    code => code,
                };
                match char::from_u32(code) {
                    Some(c) => c,
                    None => return Err(self.error("invalid unicode code point")),
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.error("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    /// Four hex digits (read as a group, as serde_json does, so errors point where it does).
    fn hex4(&mut self) -> Result<u32, Fail> {
        let Some(group) = self.bytes.get(self.pos..self.pos + 4) else {
            self.pos = self.bytes.len();
            return Err(self.error("EOF while parsing a string"));
        };
        let mut code = 0;
        for &b in group {
            match (b as char).to_digit(16) {
                Some(d) => code = code * 16 + d,
                None => {
                    self.pos += 3;
                    return Err(self.error("invalid escape"));
                }
            }
        }
        self.pos += 4;
        Ok(code)
    }

    /// Digits were expected here: the text ended, or something else came.
    fn no_digits(&self) -> Fail {
        if self.pos >= self.bytes.len() {
            self.error("EOF while parsing a value")
        } else {
            self.error("invalid number")
        }
    }

    fn number(&mut self) -> Result<Value, Fail> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        // The digits on the way: the whole part as an integer (None once it no longer fits),
        // and up to 19 significant digits with their power of ten.
        let whole_start = self.pos;
        let mut integer: Option<i64> = Some(0);
        let mut digits = Digits::default();
        while let Some(b @ b'0'..=b'9') = self.peek() {
            let d = b - b'0';
            integer = integer.and_then(|n| n.checked_mul(10)).and_then(|n| {
                if negative {
                    n.checked_sub(i64::from(d))
                } else {
                    n.checked_add(i64::from(d))
                }
            });
            digits.push(d);
            self.pos += 1;
        }
        let whole = self.pos - whole_start;
        if whole == 0 {
            return Err(self.no_digits());
        }
        if whole > 1 && self.bytes[whole_start] == b'0' {
            self.pos = whole_start + 1;
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let fraction_start = self.pos;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                digits.push(b - b'0');
                self.pos += 1;
            }
            if self.pos == fraction_start {
                return Err(self.no_digits());
            }
            digits.exp10 -= (self.pos - fraction_start) as i64;
            integer = None;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            let exp_negative = match self.peek() {
                Some(b'-') => {
                    self.pos += 1;
                    true
                }
                Some(b'+') => {
                    self.pos += 1;
                    false
                }
                _ => false,
            };
            let exp_start = self.pos;
            let mut exp: i64 = 0;
            while let Some(b @ b'0'..=b'9') = self.peek() {
                let d = i64::from(b - b'0');
                // Past i32: too large for any float unless the digits are all zero or the
                // exponent negative (then zero); refused at this digit, as serde_json does.
                if exp > 214_748_364 || (exp == 214_748_364 && d > 7) {
                    if !exp_negative && !digits.is_zero() {
                        return Err(self.error("number out of range"));
                    }
                } else {
                    exp = exp * 10 + d;
                }
                self.pos += 1;
            }
            if self.pos == exp_start {
                return Err(self.no_digits());
            }
            digits.exp10 += if exp_negative { -exp } else { exp };
            integer = None;
        }
        // "-0" is the float -0.0, as serde_json reads it.
        if negative && integer == Some(0) {
            integer = None;
        }
        let quick = digits.exact();
        let value = match (integer, quick) {
            (Some(i), _) => i as f64,
            (None, Some(v)) => {
                if negative {
                    -v
                } else {
                    v
                }
            }
            (None, None) => match numtext::parse_number(&self.text[start..self.pos]) {
                Some(v) => v,
                None => {
                    self.pos -= 1;
                    return Err(self.error("number out of range"));
                }
            },
        };
        Ok(Value::Number(Number { value, integer }))
    }
}

#[cfg(test)]
mod tests {
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
