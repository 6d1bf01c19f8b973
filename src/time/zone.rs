//! A chart's time zone (a fixed offset, or a named zone as its offsets over the chart's span)
//! and the `timeZone` option's syntax.

use super::civil::{clamp_i64, offset_ms};
use super::iso::{digits, format_offset, quote, signed_offset};
use super::MS_PER_DAY;

/// A chart's time zone: a fixed offset, or a named IANA zone given as the offsets it had over
/// the chart's span. The chart module carries no tz database: in the browser the offsets come
/// from `Intl` (www/zones.js), natively from jiff's bundled database (`Zone::named`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Zone {
    /// As given: "UTC", "+06:00", "Asia/Almaty".
    pub name: String,
    /// Whether `name` is an IANA name (its offsets change), not UTC or a fixed offset.
    pub named: bool,
    /// The offset, minutes east of UTC, before the first transition (or always, when fixed).
    pub initial: i32,
    /// (Unix ms from which it applies, offset in minutes), ascending.
    pub transitions: Vec<(i64, i32)>,
}

impl Zone {
    /// A fixed offset, `minutes` east of UTC.
    pub fn fixed(minutes: i32) -> Zone {
        Zone {
            name: if minutes == 0 {
                "UTC".into()
            } else {
                format_offset(minutes)
            },
            named: false,
            initial: minutes,
            transitions: Vec::new(),
        }
    }

    /// A named zone with its offsets: `initial` before the first of `transitions`.
    pub fn with_offsets(name: &str, initial: i32, mut transitions: Vec<(i64, i32)>) -> Zone {
        // In time order already when they come from the page's Intl (src/web/), so the
        // insertion sort is one pass.
        crate::text::small_sort_by(&mut transitions, |a, b| a.0 < b.0);
        transitions.dedup_by_key(|&mut (t, _)| t);
        Zone {
            name: name.to_string(),
            named: true,
            initial,
            transitions,
        }
    }

    /// The offset in minutes east of UTC at Unix-ms instant `ms`.
    pub fn offset_at(&self, ms: i64) -> i32 {
        let after = self.transitions.partition_point(|&(t, _)| t <= ms);
        if after == 0 {
            self.initial
        } else {
            self.transitions[after - 1].1
        }
    }

    /// Whether the offset is the same at every instant.
    pub fn is_fixed(&self) -> bool {
        self.transitions.iter().all(|&(_, o)| o == self.initial)
    }

    /// How an axis names the zone: "UTC", "UTC+06:00", or the IANA name ("America/New York").
    pub fn label(&self) -> String {
        if self.named {
            return self.name.replace('_', " ");
        }
        match self.initial {
            0 => "UTC".to_string(),
            o => {
                let sign = if o < 0 { '−' } else { '+' };
                format!("UTC{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
            }
        }
    }
}

/// What the calendar functions need of a zone: the offset at an instant, and the instant of a
/// local wall-clock time. A fixed offset in minutes (`i32`) and a `&Zone` both serve.
pub trait Offsets: Copy {
    /// Minutes east of UTC at Unix-ms instant `ms`.
    fn at(self, ms: i64) -> i32;
    /// The Unix ms of local time `local` (ms since 1970-01-01 00:00 local). A wall-clock time
    /// skipped by a change (a spring-forward gap) maps by the offset before it; a repeated one
    /// to its first occurrence.
    fn utc_of(self, local: i128) -> i128 {
        // At most one change within a day either side: try the offsets in force a day before
        // and a day after, and keep the one that is in force at the instant it gives.
        let day = i128::from(MS_PER_DAY);
        let (a, b) = (
            self.at(clamp_i64(local - day)),
            self.at(clamp_i64(local + day)),
        );
        let (ta, tb) = (local - offset_ms(a), local - offset_ms(b));
        match (self.at(clamp_i64(ta)) == a, self.at(clamp_i64(tb)) == b) {
            (true, true) => ta.min(tb),
            (false, true) => tb,
            _ => ta,
        }
    }
}

impl Offsets for i32 {
    fn at(self, _ms: i64) -> i32 {
        self
    }
    fn utc_of(self, local: i128) -> i128 {
        local - offset_ms(self)
    }
}

impl Offsets for &Zone {
    fn at(self, ms: i64) -> i32 {
        self.offset_at(ms)
    }
}

fn zone_expected(s: &str) -> String {
    format!(
        "expected a time zone: UTC, Z, GMT, an offset like +06:00, -03:30, +0600, UTC+6, UTC+05:30, or an IANA name like Asia/Almaty, got {}",
        quote(s)
    )
}

/// Whether `s` has the shape of an IANA zone name ("Asia/Almaty", "America/Argentina/Salta",
/// "Etc/GMT+5", "Japan"): ASCII letters first, then letters, digits, `_`, `-`, `+` and `/`
/// parts. Whether it exists is asked of the tz database (natively) or of `Intl` (in the browser).
pub fn is_zone_name(s: &str) -> bool {
    let t = s.trim();
    t.len() <= 64
        && t.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && t.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
        })
}

/// Parse a time-zone option ("UTC", "Z", "GMT", "+06:00", "-03:30", "+0600", "UTC+6", "UTC+05:30") to an offset in minutes east of UTC (-840..=840).
pub fn parse_time_zone(s: &str) -> Result<i32, String> {
    let t = s.trim();
    if !t.is_ascii() {
        return Err(zone_expected(s));
    }
    let b = t.as_bytes();
    let is_name = |name: &str| t.eq_ignore_ascii_case(name);
    if is_name("UTC") || is_name("Z") || is_name("GMT") {
        return Ok(0);
    }
    let body = match b {
        [a, b2, c, rest @ ..]
            if [*a, *b2, *c].eq_ignore_ascii_case(b"UTC")
                || [*a, *b2, *c].eq_ignore_ascii_case(b"GMT") =>
        {
            rest
        }
        _ => b,
    };
    let (sign, rest) = match body {
        [sign @ (b'+' | b'-'), rest @ ..] => (*sign, rest),
        _ => return Err(zone_expected(s)),
    };
    // Hour may be one or two digits; minutes optional, with or without a colon.
    let (h, m) = match rest.len() {
        1 => (digits(rest, 0, 1), Some(0)),
        2 => (digits(rest, 0, 2), Some(0)),
        4 if rest.get(1) == Some(&b':') => (digits(rest, 0, 1), digits(rest, 2, 2)),
        4 => (digits(rest, 0, 2), digits(rest, 2, 2)),
        5 if rest.get(2) == Some(&b':') => (digits(rest, 0, 2), digits(rest, 3, 2)),
        _ => (None, None),
    };
    let (h, m) = h.zip(m).ok_or_else(|| zone_expected(s))?;
    signed_offset(sign, h, m, s)
}
