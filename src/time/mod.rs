//! **time/**: uses text/ only. This file, and `tz` (named zones natively, from jiff's bundled
//! database; the browser reads its own).
//!
//! Time: ISO 8601 parsing, the UTC civil calendar, time zones (fixed offsets, and named IANA
//! zones as their offsets over the chart's span), time-axis ticks and their labels.
//!
//! Everything here is pure arithmetic on Unix milliseconds: no clock, no time-zone database,
//! so results are deterministic and identical on native and wasm32 builds.

#[cfg(not(target_arch = "wasm32"))]
pub mod tz;

use crate::text::i18n::{english, Locale};

/// Milliseconds in one day (86 400 000 ms).
pub const MS_PER_DAY: i64 = 86_400_000;

const MS_PER_SECOND: i64 = 1_000;
const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_HOUR: i64 = 3_600_000;
const MS_PER_WEEK: i64 = 7 * MS_PER_DAY;
/// Largest accepted offset from UTC, in minutes (14 hours, Line Islands).
const MAX_OFFSET_MINUTES: i32 = 14 * 60;
/// Upper bound on ticks ever generated, so a huge `max_ticks` cannot exhaust memory.
const TICK_HARD_LIMIT: usize = 10_000;

/// Full English month names, "January" to "December" (index 0 is January).
pub const MONTHS_LONG: [&str; 12] = crate::text::i18n::ENGLISH_MONTHS_LONG;

/// A calendar date-time, fields in the usual ranges (month 1-12, day 1-31, hour 0-23, minute 0-59, second 0-59, millisecond 0-999).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// Proleptic Gregorian year (astronomical numbering: 0 is 1 BC).
    pub year: i32,
    /// Month of the year, 1-12.
    pub month: u32,
    /// Day of the month, 1-31.
    pub day: u32,
    /// Hour of the day, 0-23.
    pub hour: u32,
    /// Minute of the hour, 0-59.
    pub minute: u32,
    /// Second of the minute, 0-59.
    pub second: u32,
    /// Millisecond of the second, 0-999.
    pub millisecond: u32,
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn month_long(month: u32) -> &'static str {
    MONTHS_LONG
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("???")
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil); month 1-12, day 1-31.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    days_from_civil_i64(i64::from(year), month, day)
}

// Wide-year version so tick generation can step past i32 years without overflow.
fn days_from_civil_i64(year: i64, month: u32, day: u32) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    // Counting years from March puts the leap day last, so day-of-year needs no leap test.
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// Inverse of days_from_civil (Hinnant's civil_from_days): (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A chart's time zone: a fixed offset, or a named IANA zone given as the offsets it had over
/// the chart's span. The chart module carries no tz database: in the browser the offsets come
/// from `Intl` (www/chart.js), natively from jiff's bundled database (`Zone::named`).
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

fn offset_ms(offset_minutes: i32) -> i128 {
    i128::from(offset_minutes) * i128::from(MS_PER_MINUTE)
}

// Saturating narrowing: callers near the ends of the i64 range get the nearest end, not a panic.
fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

/// Unix milliseconds -> civil date-time in `zone` (local = UTC + its offset then); works before 1970 and far beyond 9999.
pub fn civil_from_ms(ms: i64, zone: impl Offsets) -> Civil {
    // i128 so that i64::MAX plus a positive offset cannot overflow.
    let local = i128::from(ms) + offset_ms(zone.at(ms));
    let day_ms = i128::from(MS_PER_DAY);
    let days = clamp_i64(local.div_euclid(day_ms));
    let in_day = local.rem_euclid(day_ms) as i64;
    let (year, month, day) = civil_from_days(days);
    Civil {
        year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
        month,
        day,
        hour: (in_day / MS_PER_HOUR) as u32,
        minute: (in_day % MS_PER_HOUR / MS_PER_MINUTE) as u32,
        second: (in_day % MS_PER_MINUTE / MS_PER_SECOND) as u32,
        millisecond: (in_day % MS_PER_SECOND) as u32,
    }
}

/// Civil date-time in local time of `zone` -> Unix ms (inverse of `civil_from_ms`; saturates at the i64 range).
pub fn ms_from_civil(c: &Civil, zone: impl Offsets) -> i64 {
    let days = i128::from(days_from_civil(c.year, c.month, c.day));
    let local = days * i128::from(MS_PER_DAY)
        + i128::from(c.hour) * i128::from(MS_PER_HOUR)
        + i128::from(c.minute) * i128::from(MS_PER_MINUTE)
        + i128::from(c.second) * i128::from(MS_PER_SECOND)
        + i128::from(c.millisecond);
    clamp_i64(zone.utc_of(local))
}

// ---------------------------------------------------------------------------------------------
// ISO 8601 parsing
// ---------------------------------------------------------------------------------------------

// Echo input in messages, bounded so a pasted megabyte does not end up in an error string;
// quoted as JSON writes it (the spec is JSON), not with Rust's Debug escapes (whose tables cost
// 2 KB of wasm), and with the characters that would hide or reorder the message's text (DEL
// and C1 controls, line and paragraph separators, bidirectional marks and overrides) as \uXXXX.
fn quote(s: &str) -> String {
    const MAX_CHARS: usize = 48;
    let (head, more) = match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => (&s[..cut], "..."),
        None => (s, ""),
    };
    let mut out = String::new();
    for c in crate::text::json::quote(head).chars() {
        match c as u32 {
            0x7f..=0x9f | 0x200e | 0x200f | 0x2028..=0x202e | 0x2066..=0x2069 => {
                crate::text::json::push_unicode_escape(&mut out, c);
            }
            _ => out.push(c),
        }
    }
    out + more
}

fn iso_expected(s: &str) -> String {
    format!(
        "expected an ISO 8601 date (2022-01-05) or date-time (2022-01-05T11:00:00Z), got {}",
        quote(s)
    )
}

// Fixed-width unsigned decimal field; None if any byte is missing or not a digit.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let field = b.get(at..at.checked_add(n)?)?;
    field.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn format_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Parse ISO 8601 (`2022-01-05`, `2022-01-05T11:00`, `2022-01-05T11:00:00.123+06:00`, ...) to Unix ms (UTC); no zone suffix means UTC.
pub fn parse_iso8601(s: &str) -> Result<i64, String> {
    // Working on bytes of an ASCII-only string keeps every index on a char boundary.
    if !s.is_ascii() {
        return Err(iso_expected(s));
    }
    let b = s.as_bytes();
    let bad = || iso_expected(s);

    let year = digits(b, 0, 4).ok_or_else(bad)?;
    let month = match (b.get(4), digits(b, 5, 2)) {
        (Some(b'-'), Some(m)) => m,
        _ => return Err(bad()),
    };
    let day = match (b.get(7), digits(b, 8, 2)) {
        (Some(b'-'), Some(d)) => d,
        _ => return Err(bad()),
    };

    let (mut hour, mut minute, mut second, mut milli) = (0u32, 0u32, 0u32, 0u32);
    let mut fraction_is_zero = true;
    let mut offset_minutes = 0i32;
    if b.len() > 10 {
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) {
            return Err(bad());
        }
        hour = digits(b, 11, 2).ok_or_else(bad)?;
        minute = match (b.get(13), digits(b, 14, 2)) {
            (Some(b':'), Some(m)) => m,
            _ => return Err(bad()),
        };
        let mut pos = 16;
        if b.get(pos) == Some(&b':') {
            second = digits(b, pos + 1, 2).ok_or_else(bad)?;
            pos += 3;
            if b.get(pos) == Some(&b'.') {
                pos += 1;
                let start = pos;
                while b.get(pos).is_some_and(u8::is_ascii_digit) {
                    pos += 1;
                }
                let n = pos - start;
                if n == 0 {
                    return Err(bad());
                }
                if n > 9 {
                    return Err(format!(
                        "fraction of a second has {n} digits, at most 9 are supported in {}",
                        quote(s)
                    ));
                }
                let frac = b.get(start..pos).unwrap_or_default();
                fraction_is_zero = frac.iter().all(|&c| c == b'0');
                // Truncate (not round) to ms so an instant never moves into the next second.
                milli = frac
                    .iter()
                    .chain(b"00".iter())
                    .take(3)
                    .fold(0, |acc, &c| acc * 10 + u32::from(c - b'0'));
            }
        }
        let zone = b.get(pos..).unwrap_or_default();
        offset_minutes = match zone {
            [] | [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let (h, m) = match rest.len() {
                    2 => (digits(rest, 0, 2), Some(0)),
                    4 => (digits(rest, 0, 2), digits(rest, 2, 2)),
                    5 if rest.get(2) == Some(&b':') => (digits(rest, 0, 2), digits(rest, 3, 2)),
                    _ => (None, None),
                };
                let (h, m) = h.zip(m).ok_or_else(bad)?;
                if m > 59 {
                    return Err(format!(
                        "time-zone offset minute {m} is out of range 00-59 in {}",
                        quote(s)
                    ));
                }
                let total = (h * 60 + m) as i32;
                let total = if *sign == b'-' { -total } else { total };
                if total.abs() > MAX_OFFSET_MINUTES {
                    return Err(format!(
                        "time-zone offset {} is out of range -14:00..+14:00 in {}",
                        format_offset(total),
                        quote(s)
                    ));
                }
                total
            }
            _ => return Err(bad()),
        };
    }

    if !(1..=12).contains(&month) {
        return Err(format!(
            "month {month} is out of range 01-12 in {}",
            quote(s)
        ));
    }
    let dim = days_in_month(i64::from(year), month);
    if !(1..=dim).contains(&day) {
        return Err(format!(
            "day {day} is out of range for {} {year:04} in {}",
            month_long(month),
            quote(s)
        ));
    }
    if hour == 24 {
        // ISO 8601 allows 24:00 as the end of a day; any later instant would be a different day.
        if minute != 0 || second != 0 || !fraction_is_zero {
            return Err(format!(
                "hour 24 is only allowed as 24:00:00 (the end of the day) in {}",
                quote(s)
            ));
        }
    } else if hour > 23 {
        return Err(format!("hour {hour} is out of range 00-23 in {}", quote(s)));
    }
    if minute > 59 {
        return Err(format!(
            "minute {minute} is out of range 00-59 in {}",
            quote(s)
        ));
    }
    if second == 60 {
        return Err(format!(
            "second 60 is a leap second; leap seconds are not supported (use 59) in {}",
            quote(s)
        ));
    }
    if second > 59 {
        return Err(format!(
            "second {second} is out of range 00-59 in {}",
            quote(s)
        ));
    }

    let days = days_from_civil_i64(i64::from(year), month, day);
    Ok(days * MS_PER_DAY
        + i64::from(hour) * MS_PER_HOUR
        + i64::from(minute) * MS_PER_MINUTE
        + i64::from(second) * MS_PER_SECOND
        + i64::from(milli)
        - i64::from(offset_minutes) * MS_PER_MINUTE)
}

// ---------------------------------------------------------------------------------------------
// Time-zone option
// ---------------------------------------------------------------------------------------------

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
    if m > 59 {
        return Err(format!(
            "time-zone offset minute {m} is out of range 00-59 in {}",
            quote(s)
        ));
    }
    let total = (h * 60 + m) as i32;
    let total = if sign == b'-' { -total } else { total };
    if total.abs() > MAX_OFFSET_MINUTES {
        return Err(format!(
            "time-zone offset {} is out of range -14:00..+14:00 in {}",
            format_offset(total),
            quote(s)
        ));
    }
    Ok(total)
}

// ---------------------------------------------------------------------------------------------
// Ticks
// ---------------------------------------------------------------------------------------------

/// One tick on the time axis: instant in Unix ms, short label, optional second-line context.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTick {
    /// Instant of the tick, Unix ms.
    pub ms: i64,
    /// Short label drawn at the tick ("06:00", "5", "Jan", "2022").
    pub label: String,
    /// Second line under the label, only where the larger unit changes ("5 Jan 2022", "Jan 2022", "2022").
    pub context: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Every `step` ms of local time, counted from local ms `phase` (a local midnight).
    Fixed { step: i64, phase: i64 },
    /// Odd days of each month, restarting at day 1.
    TwoDays,
    /// First day of every n-th month, aligned to January.
    Months(i64),
    /// 1 January of every n-th year, aligned to multiples of n.
    Years(i64),
}

fn fixed(step: i64) -> Step {
    Step::Fixed { step, phase: 0 }
}

fn candidate_steps() -> Vec<Step> {
    let mut steps = vec![
        fixed(MS_PER_MINUTE),
        fixed(5 * MS_PER_MINUTE),
        fixed(10 * MS_PER_MINUTE),
        fixed(15 * MS_PER_MINUTE),
        fixed(30 * MS_PER_MINUTE),
        fixed(MS_PER_HOUR),
        fixed(2 * MS_PER_HOUR),
        fixed(3 * MS_PER_HOUR),
        fixed(6 * MS_PER_HOUR),
        fixed(12 * MS_PER_HOUR),
        fixed(MS_PER_DAY),
        Step::TwoDays,
        // 1970-01-05 was a Monday: weeks start there.
        Step::Fixed {
            step: MS_PER_WEEK,
            phase: 4 * MS_PER_DAY,
        },
        Step::Months(1),
        Step::Months(2),
        Step::Months(3),
        Step::Months(6),
    ];
    // 1, 2, 5, 10, ... years, continued past 1000 so even the whole i64 range gets an axis.
    let mut decade = 1i64;
    while decade <= 100_000_000 {
        for k in [1, 2, 5] {
            steps.push(Step::Years(k * decade));
        }
        decade *= 10;
    }
    steps
}

// Longest gap between consecutive ticks of a step, ms; used to skip hopeless steps cheaply.
fn max_gap_ms(step: Step) -> i128 {
    let day = i128::from(MS_PER_DAY);
    match step {
        Step::Fixed { step, .. } => i128::from(step),
        Step::TwoDays => 3 * day,
        Step::Months(n) => i128::from(n) * 31 * day,
        Step::Years(n) => i128::from(n) * 366 * day,
    }
}

// Ticks of one step inside [start, end], or None as soon as there are more than `limit`.
fn step_ticks(
    step: Step,
    start: i64,
    end: i64,
    zone: impl Offsets,
    limit: usize,
) -> Option<Vec<i64>> {
    let (s, e) = (i128::from(start), i128::from(end));
    let off = offset_ms(zone.at(start));
    let day = i128::from(MS_PER_DAY);
    let mut out = Vec::new();
    // Returns false when the caller should stop: past the end or over the limit.
    let push = |t: i128, out: &mut Vec<i64>| -> Option<bool> {
        if t > e {
            return Some(false);
        }
        if t >= s {
            if out.len() >= limit {
                return None;
            }
            out.push(clamp_i64(t));
        }
        Some(true)
    };
    match step {
        Step::Fixed { step, phase } => {
            let (step, phase) = (i128::from(step), i128::from(phase));
            let local_s = s + off;
            let mut t = phase + (local_s - phase + step - 1).div_euclid(step) * step;
            let count = if t - off > e {
                0
            } else {
                (e - (t - off)) / step + 1
            };
            if count > limit as i128 {
                return None;
            }
            // Wall-clock ticks: across an offset change they keep to local times; a local
            // time that repeats is ticked once.
            let mut last = i128::MIN;
            loop {
                let at = zone.utc_of(t);
                if at > last {
                    if !push(at, &mut out)? {
                        break;
                    }
                    last = at;
                } else if at > e {
                    break;
                }
                t += step;
            }
        }
        Step::TwoDays => {
            let mut local_day = (s + off).div_euclid(day);
            loop {
                let (y, m, d) = civil_from_days(clamp_i64(local_day));
                let t = zone.utc_of(local_day * day);
                // Day 31 (or 29 Feb) sits one day before the next month's 1st: too close.
                let wanted = d % 2 == 1 && d != days_in_month(y, m);
                if t > e {
                    break;
                }
                if wanted && !push(t, &mut out)? {
                    break;
                }
                local_day += 1;
            }
        }
        Step::Months(n) => {
            let c = civil_from_ms(start, zone);
            let idx = i64::from(c.year) * 12 + i64::from(c.month) - 1;
            let mut idx = idx.div_euclid(n) * n;
            loop {
                let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1);
                let t = zone.utc_of(i128::from(days_from_civil_i64(y, m, 1)) * day);
                if !push(t, &mut out)? {
                    break;
                }
                idx += n;
            }
        }
        Step::Years(n) => {
            let c = civil_from_ms(start, zone);
            let mut y = i64::from(c.year).div_euclid(n) * n;
            loop {
                let t = zone.utc_of(i128::from(days_from_civil_i64(y, 1, 1)) * day);
                if !push(t, &mut out)? {
                    break;
                }
                y += n;
            }
        }
    }
    Some(out)
}

fn clock_label(c: &Civil) -> String {
    format!("{:02}:{:02}", c.hour, c.minute)
}

fn label_ticks(step: Step, ticks: &[i64], zone: impl Offsets, locale: &Locale) -> Vec<TimeTick> {
    let mut out = Vec::with_capacity(ticks.len());
    let mut prev: Option<Civil> = None;
    for &ms in ticks {
        let c = civil_from_ms(ms, zone);
        let new_year = prev.is_none_or(|p| p.year != c.year);
        let new_month = new_year || prev.is_some_and(|p| p.month != c.month);
        let new_day = new_month || prev.is_some_and(|p| p.day != c.day);
        let (label, context) = match step {
            Step::Fixed { step, .. } if step < MS_PER_DAY => {
                let context = if new_year {
                    Some(locale.day_month_year(c.day, c.month, c.year))
                } else if new_day {
                    Some(locale.day_month(c.day, c.month))
                } else {
                    None
                };
                (clock_label(&c), context)
            }
            Step::Fixed { .. } | Step::TwoDays => {
                let context = if new_year {
                    Some(locale.month_year(c.month, c.year))
                } else if new_month {
                    Some(locale.month_name(c.month))
                } else {
                    None
                };
                (locale.day(c.day), context)
            }
            Step::Months(_) => (
                locale.month_name(c.month),
                new_year.then(|| c.year.to_string()),
            ),
            Step::Years(_) => (c.year.to_string(), None),
        };
        out.push(TimeTick { ms, label, context });
        prev = Some(c);
    }
    out
}

/// Ticks for [start_ms, end_ms] (Unix ms, inclusive) in local time of `zone`, labelled in
/// English, at most max_ticks of them (treated as at least 1, at most 10 000); empty only
/// when start_ms > end_ms.
pub fn time_ticks(
    start_ms: i64,
    end_ms: i64,
    zone: impl Offsets,
    max_ticks: usize,
) -> Vec<TimeTick> {
    time_ticks_in(start_ms, end_ms, zone, max_ticks, english())
}

/// `time_ticks` with labels in `locale`'s words and order.
pub fn time_ticks_in(
    start_ms: i64,
    end_ms: i64,
    zone: impl Offsets,
    max_ticks: usize,
    locale: &Locale,
) -> Vec<TimeTick> {
    if start_ms > end_ms {
        return Vec::new();
    }
    let single = || {
        vec![TimeTick {
            ms: start_ms,
            label: format_instant_in(start_ms, zone, locale),
            context: None,
        }]
    };
    if start_ms == end_ms {
        return single();
    }
    let limit = max_ticks.clamp(1, TICK_HARD_LIMIT);
    let span = i128::from(end_ms) - i128::from(start_ms);
    for step in candidate_steps() {
        // Any window of max_gap contains a tick, so this many ticks are guaranteed: too many.
        if span / max_gap_ms(step) > limit as i128 {
            continue;
        }
        match step_ticks(step, start_ms, end_ms, zone, limit) {
            Some(ticks) if !ticks.is_empty() => return label_ticks(step, &ticks, zone, locale),
            // A step too coarse to land inside a short span: a larger one might still, keep looking.
            _ => continue,
        }
    }
    // Span shorter than any step (e.g. 30 s between minute marks): label its start in full.
    single()
}

// ---------------------------------------------------------------------------------------------
// Formatting: each function in English, and an `_in` form in a locale's words and order.
// ---------------------------------------------------------------------------------------------

fn time_of(c: &Civil) -> String {
    if c.second != 0 {
        format!("{:02}:{:02}:{:02}", c.hour, c.minute, c.second)
    } else {
        clock_label(c)
    }
}

fn is_midnight(c: &Civil) -> bool {
    c.hour == 0 && c.minute == 0 && c.second == 0 && c.millisecond == 0
}

fn date_in(c: &Civil, locale: &Locale) -> String {
    locale.day_month_year(c.day, c.month, c.year)
}

/// Local date of a Unix-ms instant, e.g. "5 Jan 2022".
pub fn format_date(ms: i64, zone: impl Offsets) -> String {
    date_in(&civil_from_ms(ms, zone), english())
}

/// Local date and time of a Unix-ms instant, e.g. "5 Jan 2022 11:00"; seconds shown only when non-zero ("11:00:30"), milliseconds never.
pub fn format_date_time(ms: i64, zone: impl Offsets) -> String {
    let c = civil_from_ms(ms, zone);
    format!("{} {}", date_in(&c, english()), time_of(&c))
}

/// Local date alone when the Unix-ms instant is local midnight, else the date and time: for summaries.
pub fn format_instant(ms: i64, zone: impl Offsets) -> String {
    format_instant_in(ms, zone, english())
}

/// `format_instant` in `locale`.
pub fn format_instant_in(ms: i64, zone: impl Offsets, locale: &Locale) -> String {
    let c = civil_from_ms(ms, zone);
    if is_midnight(&c) {
        date_in(&c, locale)
    } else {
        format!("{} {}", date_in(&c, locale), time_of(&c))
    }
}

/// When data was updated, for a stamp: the local date, time and zone's name, "7 Jan 2022,
/// 14:05 UTC" (the comma and order as the locale's `stamp` pattern puts them).
pub fn format_stamp_in(ms: i64, zone: &Zone, locale: &Locale) -> String {
    let c = civil_from_ms(ms, zone);
    locale.fill(
        "stamp",
        &[
            ("date", &date_in(&c, locale)),
            ("time", &clock_label(&c)),
            ("zone", &zone.label()),
        ],
    )
}

/// Human span between two Unix-ms instants in local time: "1 Dec 2021 to 15 Feb 2022", "1 to 15 Jan 2022", "1 Jan to 15 Feb 2022", "5 Jan 2022 11:00 to 23:00".
pub fn format_range(start_ms: i64, end_ms: i64, zone: impl Offsets) -> String {
    format_range_in(start_ms, end_ms, zone, english())
}

/// `format_range` in `locale`.
pub fn format_range_in(start_ms: i64, end_ms: i64, zone: impl Offsets, locale: &Locale) -> String {
    let a = civil_from_ms(start_ms, zone);
    let b = civil_from_ms(end_ms, zone);
    let same_day = (a.year, a.month, a.day) == (b.year, b.month, b.day);
    let to = |from: &str, to: &str| locale.fill("date.to", &[("from", from), ("to", to)]);
    if is_midnight(&a) && is_midnight(&b) {
        if same_day {
            date_in(&a, locale)
        } else if a.year == b.year && a.month == b.month {
            to(&locale.day(a.day), &date_in(&b, locale))
        } else if a.year == b.year {
            to(&locale.day_month(a.day, a.month), &date_in(&b, locale))
        } else {
            to(&date_in(&a, locale), &date_in(&b, locale))
        }
    } else if same_day {
        to(
            &format!("{} {}", date_in(&a, locale), time_of(&a)),
            &time_of(&b),
        )
    } else {
        to(
            &format_instant_in(start_ms, zone, locale),
            &format_instant_in(end_ms, zone, locale),
        )
    }
}

/// An outage's period [start, end): whole days name their days, the last one included ("4–11
/// Jan 2022" for 4 January 00:00 to 12 January 00:00, as an outage list's "4 to 11 January"
/// means); anything else its two instants ("5 Jan 2022 11:00 to 6 Jan 2022 23:00").
pub fn format_period(start_ms: i64, end_ms: i64, zone: impl Offsets) -> String {
    format_period_in(start_ms, end_ms, zone, english())
}

/// `format_period` in `locale`.
pub fn format_period_in(start_ms: i64, end_ms: i64, zone: impl Offsets, locale: &Locale) -> String {
    let a = civil_from_ms(start_ms, zone);
    let b = civil_from_ms(end_ms, zone);
    if !(is_midnight(&a) && is_midnight(&b) && end_ms > start_ms) {
        return locale.fill(
            "date.to",
            &[
                ("from", &format_instant_in(start_ms, zone, locale)),
                ("to", &format_instant_in(end_ms, zone, locale)),
            ],
        );
    }
    // The last day: local midnight a day before the end's (whatever the day's length).
    let last = civil_from_ms(ms_from_civil(&b, zone) - MS_PER_DAY / 2, zone);
    if (a.year, a.month, a.day) == (last.year, last.month, last.day) {
        date_in(&a, locale)
    } else if a.year == last.year && a.month == last.month {
        locale.day_range(a.day, last.day, a.month, a.year)
    } else if a.year == last.year {
        locale.day_month_range((a.day, a.month), (last.day, last.month), a.year)
    } else {
        format!("{} – {}", date_in(&a, locale), date_in(&last, locale))
    }
}

/// Duration of `ms` milliseconds in words: "36 hours", "6 days", "2 hours 30 minutes", "about 3 months" ("about" whenever the words drop or round something).
pub fn format_duration(ms: i64) -> String {
    format_duration_in(ms, english())
}

/// `format_duration` in `locale`'s words and plural forms.
pub fn format_duration_in(ms: i64, locale: &Locale) -> String {
    let words = format_duration_abs(ms.unsigned_abs(), locale);
    if ms < 0 {
        locale.fill("duration.minus", &[("d", &words)])
    } else {
        words
    }
}

fn format_duration_abs(ms: u64, locale: &Locale) -> String {
    const SECOND: u64 = MS_PER_SECOND as u64;
    const MINUTE: u64 = MS_PER_MINUTE as u64;
    const HOUR: u64 = MS_PER_HOUR as u64;
    const DAY: u64 = MS_PER_DAY as u64;
    // Mean Gregorian month and year (365.2425 days), so long spans round consistently.
    const MONTH: u64 = 2_629_746_000;
    const YEAR: u64 = 31_556_952_000;
    let count = |n: u64, unit: &str| locale.count(&format!("unit.{unit}"), n);
    let two = |big: u64, big_unit: &str, small: u64, small_unit: &str| {
        if small == 0 {
            count(big, big_unit)
        } else {
            locale.fill(
                "duration.pair",
                &[
                    ("a", &count(big, big_unit)),
                    ("b", &count(small, small_unit)),
                ],
            )
        }
    };
    let about = |exact: bool, words: String| {
        if exact {
            words
        } else {
            locale.fill("duration.about", &[("d", &words)])
        }
    };
    if ms == 0 {
        count(0, "second")
    } else if ms < SECOND {
        count(ms, "millisecond")
    } else if ms < MINUTE {
        about(ms.is_multiple_of(SECOND), count(ms / SECOND, "second"))
    } else if ms < HOUR {
        let words = two(ms / MINUTE, "minute", ms % MINUTE / SECOND, "second");
        about(ms.is_multiple_of(SECOND), words)
    } else if ms < 48 * HOUR {
        // Up to two days, hours read better than "1 day 12 hours".
        let words = two(ms / HOUR, "hour", ms % HOUR / MINUTE, "minute");
        about(ms.is_multiple_of(MINUTE), words)
    } else if ms < 7 * DAY {
        let words = two(ms / DAY, "day", ms % DAY / HOUR, "hour");
        about(ms.is_multiple_of(HOUR), words)
    } else if ms < 60 * DAY {
        about(ms.is_multiple_of(DAY), count((ms + DAY / 2) / DAY, "day"))
    } else if ms < 2 * YEAR {
        about(false, count((ms + MONTH / 2) / MONTH, "month"))
    } else {
        about(false, count((ms + YEAR / 2) / YEAR, "year"))
    }
}

/// Times (or gaps between them) in ascending order: a natural merge sort. Each series' times
/// are already one ascending run, so a chart's times merge in a pass per doubling of its
/// series, and sorted input costs one look. A few hundred bytes of wasm, where the standard
/// library's sorts cost kilobytes per element type.
pub fn sorted_times(mut times: Vec<i64>) -> Vec<i64> {
    // Where each ascending run starts, then the end.
    let mut runs = vec![0];
    runs.extend((1..times.len()).filter(|&i| times[i] < times[i - 1]));
    if runs.len() == 1 {
        return times;
    }
    runs.push(times.len());
    let mut merged_into = vec![0; times.len()];
    while runs.len() > 2 {
        let mut next = vec![0];
        for pair in runs.windows(3).step_by(2) {
            let (start, middle, end) = (pair[0], pair[1], pair[2]);
            merge(
                &times[start..middle],
                &times[middle..end],
                &mut merged_into[start..end],
            );
            next.push(end);
        }
        // An odd run out: carried over as it is.
        if runs.len() % 2 == 0 {
            let start = runs[runs.len() - 2];
            merged_into[start..].copy_from_slice(&times[start..]);
            next.push(times.len());
        }
        std::mem::swap(&mut times, &mut merged_into);
        runs = next;
    }
    times
}

fn merge(a: &[i64], b: &[i64], out: &mut [i64]) {
    let (mut i, mut j) = (0, 0);
    for slot in out {
        if j == b.len() || (i < a.len() && a[i] <= b[j]) {
            *slot = a[i];
            i += 1;
        } else {
            *slot = b[j];
            j += 1;
        }
    }
}

/// ISO 8601 in UTC to the second: "2022-01-05T11:00:00Z".
pub fn format_iso(ms: i64) -> String {
    let c = civil_from_ms(ms, 0);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_echo_input_as_json_with_hidden_characters_escaped_and_cut_at_48() {
        assert_eq!(quote("2022-13-01"), r#""2022-13-01""#);
        assert_eq!(quote("a\"b\\c\n"), r#""a\"b\\c\n""#);
        // A right-to-left override would reorder the message around it; DEL and C1 hide.
        assert_eq!(
            quote("1\u{202e}2\u{7f}3\u{85}4\u{2028}5"),
            r#""1\u202e2\u007f3\u00854\u20285""#
        );
        assert_eq!(quote("é日"), "\"é日\"");
        let long: String = "é".repeat(60);
        assert_eq!(quote(&long), format!("\"{}\"...", "é".repeat(48)));
        assert_eq!(quote(&"x".repeat(48)), format!("\"{}\"", "x".repeat(48)));
    }

    #[test]
    fn sorted_times_sorts_as_the_standard_sort_does() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for len in [0usize, 1, 2, 3, 5, 8, 33, 1000, 4097] {
            for kind in 0..4 {
                let v: Vec<i64> = (0..len)
                    .map(|i| match kind {
                        0 => (next() % 1000) as i64 - 500,
                        1 => i as i64,
                        2 => (len - i) as i64,
                        // Three ascending series one after another (a chart's read-out times).
                        _ => (i % (len / 3 + 1)) as i64 * 60_000 + (i * 3 / (len + 1)) as i64,
                    })
                    .collect();
                let mut expected = v.clone();
                expected.sort();
                assert_eq!(sorted_times(v), expected, "length {len}, kind {kind}");
            }
        }
    }

    const JAN5_2022: i64 = 1_641_340_800_000;

    fn iso(s: &str) -> i64 {
        match parse_iso8601(s) {
            Ok(ms) => ms,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    fn err(s: &str) -> String {
        match parse_iso8601(s) {
            Ok(ms) => panic!("{s:?} should be rejected, parsed to {ms}"),
            Err(e) => e,
        }
    }

    fn civil(year: i32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Civil {
        Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
            millisecond: 0,
        }
    }

    fn labels(ticks: &[TimeTick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    fn contexts(ticks: &[TimeTick]) -> Vec<Option<&str>> {
        ticks.iter().map(|t| t.context.as_deref()).collect()
    }

    #[test]
    fn known_values() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(2022, 1, 5) * MS_PER_DAY, JAN5_2022);
        assert_eq!(days_from_civil(2000, 2, 29) * MS_PER_DAY, 951_782_400_000);
        assert_eq!(civil_from_ms(JAN5_2022, 0), civil(2022, 1, 5, 0, 0, 0));
        assert_eq!(civil_from_ms(0, 0), civil(1970, 1, 1, 0, 0, 0));
        assert_eq!(civil_from_ms(-MS_PER_DAY, 0), civil(1969, 12, 31, 0, 0, 0));
        assert_eq!(
            civil_from_ms(951_782_400_000, 0),
            civil(2000, 2, 29, 0, 0, 0)
        );
        let last_ms = Civil {
            millisecond: 999,
            ..civil(1969, 12, 31, 23, 59, 59)
        };
        assert_eq!(civil_from_ms(-1, 0), last_ms);
        assert_eq!(ms_from_civil(&last_ms, 0), -1);
        assert_eq!(
            civil_from_ms(253_402_300_799_999, 0).year,
            9999,
            "9999-12-31T23:59:59.999Z"
        );
        assert_eq!(
            civil_from_ms(253_402_300_800_000, 0),
            civil(10000, 1, 1, 0, 0, 0)
        );
    }

    #[test]
    fn leap_years() {
        assert!(!is_leap(1900));
        assert!(is_leap(2000));
        assert!(is_leap(2024));
        assert!(!is_leap(2023));
        assert_eq!(
            days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28),
            1
        );
        assert_eq!(
            days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28),
            2
        );
        assert_eq!(
            days_from_civil(2001, 1, 1) - days_from_civil(2000, 1, 1),
            366
        );
        assert_eq!(
            days_from_civil(1901, 1, 1) - days_from_civil(1900, 1, 1),
            365
        );
        assert!(parse_iso8601("1900-02-29").is_err());
        assert!(parse_iso8601("2000-02-29").is_ok());
    }

    #[test]
    fn round_trip_every_day_1900_to_2200() {
        let mut expected = days_from_civil(1900, 1, 1);
        for year in 1900..=2200 {
            for month in 1..=12 {
                for day in 1..=days_in_month(i64::from(year), month) {
                    let days = days_from_civil(year, month, day);
                    assert_eq!(days, expected, "{year}-{month}-{day}");
                    expected += 1;
                    let c = civil(year, month, day, 0, 0, 0);
                    assert_eq!(civil_from_ms(days * MS_PER_DAY, 0), c);
                    assert_eq!(ms_from_civil(&c, 0), days * MS_PER_DAY);
                    let noon = civil(year, month, day, 12, 34, 56);
                    assert_eq!(civil_from_ms(ms_from_civil(&noon, 0), 0), noon);
                }
            }
        }
    }

    #[test]
    fn round_trip_with_offsets() {
        let instants = [
            i64::MIN / 2,
            -62_167_219_200_000, // 0000-01-01
            -2_208_988_800_001,
            -1,
            0,
            JAN5_2022 + 12_345_678,
            253_402_300_799_999,
        ];
        for off in (-840..=840).step_by(15) {
            for &ms in &instants {
                let c = civil_from_ms(ms, off);
                assert_eq!(ms_from_civil(&c, off), ms, "{ms} at {off}");
                assert_eq!(c, civil_from_ms(ms + i64::from(off) * 60_000, 0));
            }
        }
        assert_eq!(civil_from_ms(JAN5_2022, 360), civil(2022, 1, 5, 6, 0, 0));
        assert_eq!(civil_from_ms(JAN5_2022, -210), civil(2022, 1, 4, 20, 30, 0));
        assert_eq!(ms_from_civil(&civil(2022, 1, 5, 6, 0, 0), 360), JAN5_2022);
    }

    #[test]
    fn extremes_do_not_panic() {
        for ms in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            for off in [-840, 0, 840] {
                let c = civil_from_ms(ms, off);
                assert!((1..=12).contains(&c.month) && (1..=31).contains(&c.day));
                let _ = ms_from_civil(&c, off);
                let _ = format_date_time(ms, off);
                let ticks = time_ticks(ms, i64::MAX, off, 10);
                assert!(!ticks.is_empty() && ticks.len() <= 10);
            }
        }
        let all = time_ticks(i64::MIN, i64::MAX, 0, 10);
        assert!(!all.is_empty() && all.len() <= 10, "{all:?}");
        assert!(all.windows(2).all(|w| w[0].ms < w[1].ms));
        let _ = format_duration(i64::MIN);
        let _ = format_duration(i64::MAX);
    }

    #[test]
    fn parse_accepts_each_form() {
        let h = MS_PER_HOUR;
        assert_eq!(iso("2022-01-05"), JAN5_2022);
        assert_eq!(iso("2022-01-05T11:00"), JAN5_2022 + 11 * h);
        assert_eq!(iso("2022-01-05T11:00:30"), JAN5_2022 + 11 * h + 30_000);
        assert_eq!(iso("2022-01-05T11:00:30Z"), JAN5_2022 + 11 * h + 30_000);
        assert_eq!(iso("2022-01-05t11:00:30z"), JAN5_2022 + 11 * h + 30_000);
        assert_eq!(iso("2022-01-05 11:00:30"), JAN5_2022 + 11 * h + 30_000);
        assert_eq!(iso("2022-01-05T11:00Z"), JAN5_2022 + 11 * h);
        assert_eq!(iso("2022-01-05T11:00:30.5"), JAN5_2022 + 11 * h + 30_500);
        assert_eq!(iso("2022-01-05T11:00:30.12Z"), JAN5_2022 + 11 * h + 30_120);
        assert_eq!(iso("2022-01-05T11:00:30.123"), JAN5_2022 + 11 * h + 30_123);
        assert_eq!(
            iso("2022-01-05T11:00:30.123999999Z"),
            JAN5_2022 + 11 * h + 30_123,
            "fractions truncate"
        );
        assert_eq!(iso("2022-01-05T11:00:00+06:00"), JAN5_2022 + 5 * h);
        assert_eq!(iso("2022-01-05T11:00:00+0600"), JAN5_2022 + 5 * h);
        assert_eq!(iso("2022-01-05T11:00:00+06"), JAN5_2022 + 5 * h);
        assert_eq!(iso("2022-01-05T11:00+06:00"), JAN5_2022 + 5 * h);
        assert_eq!(
            iso("2022-01-05T11:00:00-03:30"),
            JAN5_2022 + 14 * h + 30 * 60_000
        );
        assert_eq!(
            iso("2022-01-05T11:00:00.250-0330"),
            JAN5_2022 + 14 * h + 1_800_250
        );
        assert_eq!(iso("2022-01-05T00:00:00-00:00"), JAN5_2022);
        assert_eq!(iso("2022-01-04T24:00:00"), JAN5_2022);
        assert_eq!(iso("2022-01-04T24:00"), JAN5_2022);
        assert_eq!(iso("2022-01-04T24:00:00.000Z"), JAN5_2022);
        assert_eq!(iso("2022-01-05T14:00:00+14:00"), JAN5_2022);
        assert_eq!(iso("1970-01-01"), 0);
        assert_eq!(iso("1969-12-31"), -MS_PER_DAY);
        assert_eq!(iso("2000-02-29"), 951_782_400_000);
        assert_eq!(iso("0000-01-01"), -62_167_219_200_000);
        assert_eq!(iso("9999-12-31T23:59:59.999Z"), 253_402_300_799_999);
    }

    #[test]
    fn parse_rejects_malformed_with_expected_forms() {
        for bad in [
            "",
            "2022/01/05",
            "22-01-05",
            "2022-1-5",
            "2022-01-5",
            "20220105",
            "+2022-01-05",
            "-2022-01-05",
            "12022-01-05",
            " 2022-01-05",
            "2022-01-05 ",
            "2022-01-05Z",
            "2022-01-05T",
            "2022-01-05T11",
            "2022-01-05T1100",
            "2022-01-05T11:0",
            "2022-01-05T11:00:",
            "2022-01-05T11:00:0",
            "2022-01-05T11:00:00.",
            "2022-01-05T11:00.5",
            "2022-01-05T11:00:00,5",
            "2022-01-05T11:00:00+6",
            "2022-01-05T11:00:00+06:0",
            "2022-01-05T11:00:00+060",
            "2022-01-05T11:00:00+06:00:00",
            "2022-01-05T11:00:00ZZ",
            "2022-01-05T11:00:00 UTC",
            "2022-01-05X11:00:00",
            "2022-01-05T11:00:00Z\n",
            "abcd-ef-gh",
            "2022-0a-05",
        ] {
            let e = err(bad);
            assert!(
                e.starts_with("expected an ISO 8601 date (2022-01-05) or date-time"),
                "{bad:?}: {e}"
            );
            assert!(e.contains(&format!("{bad:?}")), "{bad:?}: {e}");
        }
        assert_eq!(
            err("2022/01/05"),
            r#"expected an ISO 8601 date (2022-01-05) or date-time (2022-01-05T11:00:00Z), got "2022/01/05""#
        );
        let long = "x".repeat(1000);
        assert!(err(&long).len() < 200, "long input is not echoed in full");
    }

    #[test]
    fn parse_rejects_out_of_range_parts_specifically() {
        assert_eq!(
            err("2022-13-01"),
            r#"month 13 is out of range 01-12 in "2022-13-01""#
        );
        assert!(err("2022-00-10").contains("month 0 is out of range 01-12"));
        assert_eq!(
            err("2022-02-30"),
            r#"day 30 is out of range for February 2022 in "2022-02-30""#
        );
        assert!(err("2021-02-29T00:00:00Z").contains("day 29 is out of range for February 2021"));
        assert!(err("1900-02-29").contains("day 29 is out of range for February 1900"));
        assert!(err("2022-04-31").contains("day 31 is out of range for April 2022"));
        assert!(err("2022-01-32").contains("day 32 is out of range for January 2022"));
        assert!(err("2022-01-00").contains("day 0 is out of range"));
        assert!(err("2022-01-05T25:00:00Z").contains("hour 25 is out of range 00-23"));
        for bad in [
            "2022-01-05T24:00:01",
            "2022-01-05T24:30",
            "2022-01-05T24:00:00.001",
        ] {
            assert!(
                err(bad).contains("hour 24 is only allowed as 24:00:00"),
                "{bad}"
            );
        }
        assert!(err("2022-01-05T11:60").contains("minute 60 is out of range 00-59"));
        let leap = err("2016-12-31T23:59:60Z");
        assert!(leap.contains("second 60") && leap.contains("leap seconds are not supported"));
        assert!(err("2022-01-05T11:00:61").contains("second 61 is out of range 00-59"));
        assert!(err("2022-01-05T11:00:00.1234567891Z")
            .contains("fraction of a second has 10 digits, at most 9"));
        assert!(err("2022-01-05T11:00:00+15:00")
            .contains("time-zone offset +15:00 is out of range -14:00..+14:00"));
        assert!(err("2022-01-05T11:00:00-14:01").contains("-14:01 is out of range"));
        assert!(err("2022-01-05T11:00:00+05:60").contains("offset minute 60 is out of range"));
        // Every specific message names the offending input.
        assert!(err("2022-01-05T11:60").contains(r#"in "2022-01-05T11:60""#));
    }

    #[test]
    fn parse_non_ascii_is_an_error_not_a_panic() {
        for bad in [
            "é",
            "２０２２-01-05",
            "2022-01-05T11:00:00Zé",
            "2022-01-05T11:00:00+06:0é",
            "🦀🦀🦀🦀-01-05",
            "2022-01-０5",
            "2022‐01‐05",
        ] {
            assert!(err(bad).starts_with("expected an ISO 8601"), "{bad}");
        }
        // A multi-byte char at every position must never land a slice off a char boundary.
        let good = "2022-01-05T11:00:00.123+06:00";
        for i in 0..=good.len() {
            for ch in ["é", "€", "🦀"] {
                let mut s = good.to_string();
                s.insert_str(i, ch);
                assert!(parse_iso8601(&s).is_err(), "{s}");
                let mut r = good.to_string();
                r.replace_range(i..(i + 1).min(good.len()), ch);
                assert!(parse_iso8601(&r).is_err(), "{r}");
            }
        }
        // Every prefix of a valid string either parses or fails cleanly.
        for i in 0..=good.len() {
            let _ = parse_iso8601(&good[..i]);
        }
    }

    #[test]
    fn time_zones() {
        for (s, want) in [
            ("UTC", 0),
            ("utc", 0),
            ("Z", 0),
            ("z", 0),
            ("GMT", 0),
            (" UTC ", 0),
            ("+06:00", 360),
            ("-03:30", -210),
            ("+0600", 360),
            ("-0330", -210),
            ("+06", 360),
            ("+6", 360),
            ("UTC+6", 360),
            ("UTC+05:30", 330),
            ("UTC+0530", 330),
            ("UTC-3:30", -210),
            ("utc-03", -180),
            ("GMT+2", 120),
            ("+14:00", 840),
            ("-14:00", -840),
            ("UTC+00:00", 0),
            ("-00:00", 0),
            ("+05:45", 345),
        ] {
            assert_eq!(parse_time_zone(s), Ok(want), "{s}");
        }
        for bad in [
            "",
            "   ",
            "EST",
            "Europe/Berlin",
            "UTC+",
            "UTC6",
            "06:00",
            "+",
            "+6:0",
            "+123",
            "+06:00:00",
            "UTC+ 6",
            "UTC++6",
            "+06:0a",
            "UTC+６",
            "ÜTC+6",
        ] {
            let e = parse_time_zone(bad).expect_err(bad);
            assert!(e.starts_with("expected a time zone"), "{bad}: {e}");
        }
        assert!(parse_time_zone("+15:00")
            .expect_err("+15")
            .contains("+15:00 is out of range -14:00..+14:00"));
        assert!(parse_time_zone("UTC-14:30")
            .expect_err("-14:30")
            .contains("-14:30 is out of range"));
        assert!(parse_time_zone("+05:75")
            .expect_err("minute")
            .contains("offset minute 75 is out of range"));
    }

    #[test]
    fn ticks_36_hours_use_hour_steps_with_day_contexts() {
        let start = iso("2022-01-05T00:00Z");
        let end = iso("2022-01-06T12:00Z");
        let ticks = time_ticks(start, end, 0, 10);
        assert_eq!(
            labels(&ticks),
            ["00:00", "06:00", "12:00", "18:00", "00:00", "06:00", "12:00"]
        );
        assert_eq!(
            contexts(&ticks),
            [
                Some("5 Jan 2022"),
                None,
                None,
                None,
                Some("6 Jan"),
                None,
                None
            ]
        );
        assert_eq!(ticks[0].ms, start);
        assert_eq!(ticks[6].ms, end);
        // Over a new year the context carries the new year.
        let ticks = time_ticks(iso("2021-12-31T20:00Z"), iso("2022-01-01T04:00Z"), 0, 5);
        assert_eq!(
            labels(&ticks),
            ["20:00", "22:00", "00:00", "02:00", "04:00"]
        );
        assert_eq!(
            contexts(&ticks),
            [Some("31 Dec 2021"), None, Some("1 Jan 2022"), None, None]
        );
        // Unaligned start: first tick is the next whole step.
        let ticks = time_ticks(iso("2022-01-05T10:17Z"), iso("2022-01-05T11:13Z"), 0, 3);
        assert_eq!(labels(&ticks), ["10:30", "10:45", "11:00"]);
        assert_eq!(ticks[0].context.as_deref(), Some("5 Jan 2022"));
    }

    #[test]
    fn ticks_10_days_are_daily_with_month_context() {
        let ticks = time_ticks(iso("2022-01-05"), iso("2022-01-15"), 0, 12);
        assert_eq!(
            labels(&ticks),
            ["5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]
        );
        assert_eq!(ticks[0].context.as_deref(), Some("Jan 2022"));
        assert!(ticks[1..].iter().all(|t| t.context.is_none()));
        let ticks = time_ticks(iso("2021-12-28"), iso("2022-01-03"), 0, 12);
        assert_eq!(labels(&ticks), ["28", "29", "30", "31", "1", "2", "3"]);
        assert_eq!(ticks[0].context.as_deref(), Some("Dec 2021"));
        assert_eq!(ticks[4].context.as_deref(), Some("Jan 2022"));
    }

    #[test]
    fn ticks_77_days_weekly_or_two_daily() {
        let (start, end) = (iso("2021-12-01"), iso("2022-02-15"));
        let weekly = time_ticks(start, end, 0, 12);
        assert_eq!(
            labels(&weekly),
            ["6", "13", "20", "27", "3", "10", "17", "24", "31", "7", "14"]
        );
        assert_eq!(
            contexts(&weekly),
            [
                Some("Dec 2021"),
                None,
                None,
                None,
                Some("Jan 2022"),
                None,
                None,
                None,
                None,
                Some("Feb"),
                None
            ]
        );
        for t in &weekly {
            // Mondays: 1970-01-05 was a Monday.
            assert_eq!((t.ms.div_euclid(MS_PER_DAY) - 4).rem_euclid(7), 0);
        }
        let two_daily = time_ticks(start, end, 0, 40);
        let l = labels(&two_daily);
        assert_eq!(&l[..3], ["1", "3", "5"]);
        // 31 Dec and 31 Jan are skipped: a day before the next month's 1st.
        assert!(l.windows(2).all(|w| w != ["31", "1"]));
        assert!(l.contains(&"29") && !l.contains(&"31"));
        assert_eq!(l.last(), Some(&"15"));
        assert!(l.len() <= 40);
        assert!(two_daily
            .windows(2)
            .all(|w| w[1].ms - w[0].ms >= 2 * MS_PER_DAY && w[1].ms - w[0].ms <= 3 * MS_PER_DAY));
    }

    #[test]
    fn two_day_steps_in_february() {
        let leap = time_ticks(iso("2024-02-20"), iso("2024-03-04"), 0, 8);
        assert_eq!(labels(&leap), ["21", "23", "25", "27", "1", "3"]);
        let common = time_ticks(iso("2023-02-20"), iso("2023-03-04"), 0, 8);
        assert_eq!(labels(&common), ["21", "23", "25", "27", "1", "3"]);
    }

    #[test]
    fn ticks_2_years_are_months() {
        let ticks = time_ticks(iso("2021-01-01"), iso("2023-01-01"), 0, 12);
        assert_eq!(
            labels(&ticks),
            ["Jan", "Apr", "Jul", "Oct", "Jan", "Apr", "Jul", "Oct", "Jan"]
        );
        assert_eq!(
            contexts(&ticks),
            [
                Some("2021"),
                None,
                None,
                None,
                Some("2022"),
                None,
                None,
                None,
                Some("2023")
            ]
        );
        let monthly = time_ticks(iso("2021-11-15"), iso("2022-03-20"), 0, 12);
        assert_eq!(labels(&monthly), ["Dec", "Jan", "Feb", "Mar"]);
        assert_eq!(contexts(&monthly), [Some("2021"), Some("2022"), None, None]);
        let six = time_ticks(iso("2019-03-01"), iso("2023-03-01"), 0, 8);
        assert_eq!(
            labels(&six),
            ["Jul", "Jan", "Jul", "Jan", "Jul", "Jan", "Jul", "Jan"]
        );
    }

    #[test]
    fn ticks_16_years_are_years() {
        let ticks = time_ticks(iso("2006-01-01"), iso("2022-01-01"), 0, 10);
        assert_eq!(
            labels(&ticks),
            ["2006", "2008", "2010", "2012", "2014", "2016", "2018", "2020", "2022"]
        );
        assert!(ticks.iter().all(|t| t.context.is_none()));
        let ticks = time_ticks(iso("1703-06-01"), iso("2003-06-01"), 0, 7);
        assert_eq!(
            labels(&ticks),
            ["1750", "1800", "1850", "1900", "1950", "2000"]
        );
    }

    #[test]
    fn ticks_with_offset_sit_on_local_midnight() {
        let off = parse_time_zone("+06:00").unwrap_or_default();
        let ticks = time_ticks(iso("2022-01-04T18:00Z"), iso("2022-01-07T18:00Z"), off, 5);
        assert_eq!(labels(&ticks), ["5", "6", "7", "8"]);
        assert_eq!(ticks[0].ms, iso("2022-01-05T00:00+06:00"));
        for t in &ticks {
            assert_eq!((t.ms + 6 * MS_PER_HOUR).rem_euclid(MS_PER_DAY), 0);
        }
        // Hour ticks are aligned to local midnight, also at a half-hour offset.
        let ticks = time_ticks(iso("2022-01-05T00:00Z"), iso("2022-01-06T00:00Z"), 330, 5);
        assert_eq!(labels(&ticks), ["06:00", "12:00", "18:00", "00:00"]);
        assert_eq!(ticks[0].ms, iso("2022-01-05T06:00+05:30"));
        assert_eq!(ticks[3].context.as_deref(), Some("6 Jan"));
        // Months begin at local midnight too.
        let ticks = time_ticks(iso("2021-12-15"), iso("2022-02-15"), 360, 3);
        assert_eq!(ticks[0].ms, iso("2022-01-01T00:00+06:00"));
    }

    #[test]
    fn ticks_degenerate_spans() {
        let one = time_ticks(
            JAN5_2022 + 11 * MS_PER_HOUR,
            JAN5_2022 + 11 * MS_PER_HOUR,
            0,
            10,
        );
        assert_eq!(
            one,
            [TimeTick {
                ms: JAN5_2022 + 11 * MS_PER_HOUR,
                label: "5 Jan 2022 11:00".to_string(),
                context: None
            }]
        );
        assert!(time_ticks(JAN5_2022 + 1, JAN5_2022, 0, 10).is_empty());
        // 30 seconds between minute marks: one full label at the start.
        let short = time_ticks(JAN5_2022 + 10_000, JAN5_2022 + 40_000, 0, 10);
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].label, "5 Jan 2022 00:00:10");
        // max_ticks 0 is treated as 1.
        assert_eq!(time_ticks(JAN5_2022, JAN5_2022 + MS_PER_DAY, 0, 0).len(), 1);
    }

    #[test]
    fn ticks_respect_max_and_order_for_many_spans() {
        let starts = [
            iso("1969-12-31T23:59:30Z"),
            iso("2021-12-01T13:37:11.5Z"),
            iso("1900-02-28"),
            iso("2099-12-31T23:00Z"),
        ];
        let mut span = MS_PER_MINUTE;
        let three_hundred_years = 300 * 366 * MS_PER_DAY;
        while span <= three_hundred_years {
            for &start in &starts {
                for off in [-600, 0, 345] {
                    for max in 2..=12 {
                        let end = start + span;
                        let ticks = time_ticks(start, end, off, max);
                        let ctx = format!("start {start} span {span} off {off} max {max}");
                        assert!(!ticks.is_empty() && ticks.len() <= max, "{ctx}: {ticks:?}");
                        assert!(ticks.iter().all(|t| t.ms >= start && t.ms <= end), "{ctx}");
                        assert!(ticks.iter().all(|t| !t.label.is_empty()), "{ctx}");
                        assert!(ticks.windows(2).all(|w| w[0].ms < w[1].ms), "{ctx}");
                        if ticks.len() >= 3 {
                            // Even spacing: no gap under half the largest one.
                            let gaps: Vec<i64> =
                                ticks.windows(2).map(|w| w[1].ms - w[0].ms).collect();
                            let (lo, hi) = (gaps.iter().min(), gaps.iter().max());
                            if let (Some(&lo), Some(&hi)) = (lo, hi) {
                                assert!(lo * 2 >= hi, "{ctx}: gaps {gaps:?}");
                            }
                        }
                    }
                }
            }
            span = span * 3 / 2 + 7;
        }
    }

    #[test]
    fn format_dates_and_times() {
        assert_eq!(format_date(JAN5_2022, 0), "5 Jan 2022");
        assert_eq!(format_date(JAN5_2022, -60), "4 Jan 2022");
        assert_eq!(
            format_date_time(JAN5_2022 + 11 * MS_PER_HOUR, 0),
            "5 Jan 2022 11:00"
        );
        assert_eq!(
            format_date_time(JAN5_2022 + 11 * MS_PER_HOUR + 30_000, 0),
            "5 Jan 2022 11:00:30"
        );
        assert_eq!(format_date_time(JAN5_2022, 330), "5 Jan 2022 05:30");
        assert_eq!(
            format_date_time(JAN5_2022 + 11 * MS_PER_HOUR + 250, 0),
            "5 Jan 2022 11:00"
        );
        assert_eq!(format_instant(JAN5_2022, 0), "5 Jan 2022");
        assert_eq!(format_instant(JAN5_2022, 60), "5 Jan 2022 01:00");
        assert_eq!(
            format_instant(JAN5_2022 - 6 * MS_PER_HOUR, 360),
            "5 Jan 2022"
        );
        assert_eq!(format_instant(JAN5_2022 + 1, 0), "5 Jan 2022 00:00");
        assert_eq!(format_date(-MS_PER_DAY, 0), "31 Dec 1969");
    }

    #[test]
    fn outage_periods_name_their_days() {
        assert_eq!(
            format_period(iso("2022-01-04"), iso("2022-01-12"), 0),
            "4–11 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2022-01-24"), iso("2022-02-01"), 0),
            "24–31 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2021-12-28"), iso("2022-01-04"), 0),
            "28 Dec 2021 – 3 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2022-01-25"), iso("2022-01-26"), 0),
            "25 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2022-01-05T11:00:00Z"), iso("2022-01-06T23:00:00Z"), 0),
            "5 Jan 2022 11:00 to 6 Jan 2022 23:00"
        );
    }

    #[test]
    fn format_ranges() {
        assert_eq!(
            format_range(iso("2021-12-01"), iso("2022-02-15"), 0),
            "1 Dec 2021 to 15 Feb 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-01"), iso("2022-01-15"), 0),
            "1 to 15 Jan 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-01"), iso("2022-02-15"), 0),
            "1 Jan to 15 Feb 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-05"), iso("2022-01-05"), 0),
            "5 Jan 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-05T11:00Z"), iso("2022-01-05T23:00Z"), 0),
            "5 Jan 2022 11:00 to 23:00"
        );
        assert_eq!(
            format_range(iso("2022-01-05T11:00Z"), iso("2022-01-07"), 0),
            "5 Jan 2022 11:00 to 7 Jan 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-04T18:00Z"), iso("2022-01-14T18:00Z"), 360),
            "5 to 15 Jan 2022"
        );
    }

    #[test]
    fn format_durations() {
        let (m, h, d) = (MS_PER_MINUTE, MS_PER_HOUR, MS_PER_DAY);
        assert_eq!(format_duration(0), "0 seconds");
        assert_eq!(format_duration(250), "250 milliseconds");
        assert_eq!(format_duration(1_000), "1 second");
        assert_eq!(format_duration(1_500), "about 1 second");
        assert_eq!(format_duration(45_000), "45 seconds");
        assert_eq!(format_duration(m), "1 minute");
        assert_eq!(format_duration(90_000), "1 minute 30 seconds");
        assert_eq!(format_duration(h), "1 hour");
        assert_eq!(format_duration(2 * h + 30 * m), "2 hours 30 minutes");
        assert_eq!(
            format_duration(2 * h + 30 * m + 5_000),
            "about 2 hours 30 minutes"
        );
        assert_eq!(format_duration(36 * h), "36 hours");
        assert_eq!(format_duration(47 * h + m), "47 hours 1 minute");
        assert_eq!(format_duration(2 * d), "2 days");
        assert_eq!(format_duration(6 * d), "6 days");
        assert_eq!(format_duration(3 * d + 4 * h), "3 days 4 hours");
        assert_eq!(format_duration(10 * d), "10 days");
        assert_eq!(format_duration(10 * d + 13 * h), "about 11 days");
        assert_eq!(format_duration(91 * d), "about 3 months");
        assert_eq!(format_duration(365 * d), "about 12 months");
        assert_eq!(format_duration(16 * 365 * d), "about 16 years");
        assert_eq!(format_duration(-36 * h), "minus 36 hours");
    }

    #[test]
    fn month_names() {
        assert_eq!(crate::text::i18n::ENGLISH_MONTHS[0], "Jan");
        assert_eq!(crate::text::i18n::ENGLISH_MONTHS[11], "Dec");
        assert_eq!(MONTHS_LONG[1], "February");
        for (s, l) in crate::text::i18n::ENGLISH_MONTHS
            .iter()
            .zip(MONTHS_LONG.iter())
        {
            assert!(l.starts_with(s));
        }
    }
}
