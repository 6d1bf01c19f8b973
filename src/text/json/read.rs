//! The JSON reader: text into `Value`s, with serde_json's words for an error and its line
//! and column. Numbers are read exactly as Rust's own parser reads them (`numtext`).

use crate::text::json::{Map, Number, Value};
use crate::text::numtext::{self, Digits};
use std::fmt;

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
pub(super) const MAX_DEPTH: usize = 127;

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
            self.fraction(&mut digits)?;
            integer = None;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.exponent(&mut digits)?;
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

    /// The digits after a decimal point (at the point), each a power of ten further down.
    #[inline]
    fn fraction(&mut self, digits: &mut Digits) -> Result<(), Fail> {
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
        Ok(())
    }

    /// The exponent (at its `e`), added to the digits' power of ten.
    #[inline]
    fn exponent(&mut self, digits: &mut Digits) -> Result<(), Fail> {
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
        Ok(())
    }
}
