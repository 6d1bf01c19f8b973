//! ISO 8601: parsing times as the spec writes them (with error messages that echo the input
//! safely), and writing an instant back in UTC.

use super::civil::{civil_from_ms, days_from_civil_i64, days_in_month, month_long};
use super::{MAX_OFFSET_MINUTES, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};

// Echo input in messages, bounded so a pasted megabyte does not end up in an error string;
// quoted as JSON writes it (the spec is JSON), not with Rust's Debug escapes (whose tables cost
// 2 KB of wasm), and with the characters that would hide or reorder the message's text (DEL
// and C1 controls, line and paragraph separators, bidirectional marks and overrides) as \uXXXX.
pub(super) fn quote(s: &str) -> String {
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
pub(super) fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let field = b.get(at..at.checked_add(n)?)?;
    field.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

pub(super) fn format_offset(minutes: i32) -> String {
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
        offset_minutes = zone_offset(b.get(pos..).unwrap_or_default(), s)?;
    }

    check_fields(
        s,
        (year, month, day),
        (hour, minute, second),
        fraction_is_zero,
    )?;

    let days = days_from_civil_i64(i64::from(year), month, day);
    Ok(days * MS_PER_DAY
        + i64::from(hour) * MS_PER_HOUR
        + i64::from(minute) * MS_PER_MINUTE
        + i64::from(second) * MS_PER_SECOND
        + i64::from(milli)
        - i64::from(offset_minutes) * MS_PER_MINUTE)
}

/// The offset `sign` `h`:`m` in minutes, or an error naming `s` when the minute is past 59 or
/// the offset past ±14:00 (shared by ISO times and the time-zone option).
pub(super) fn signed_offset(sign: u8, h: u32, m: u32, s: &str) -> Result<i32, String> {
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

/// The zone after the time (`zone`, of `s`): none or Z (UTC), or ±hh, ±hhmm or ±hh:mm within
/// ±14:00; in minutes.
fn zone_offset(zone: &[u8], s: &str) -> Result<i32, String> {
    let bad = || iso_expected(s);
    match zone {
        [] | [b'Z' | b'z'] => Ok(0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest.len() {
                2 => (digits(rest, 0, 2), Some(0)),
                4 => (digits(rest, 0, 2), digits(rest, 2, 2)),
                5 if rest.get(2) == Some(&b':') => (digits(rest, 0, 2), digits(rest, 3, 2)),
                _ => (None, None),
            };
            let (h, m) = h.zip(m).ok_or_else(bad)?;
            signed_offset(*sign, h, m, s)
        }
        _ => Err(bad()),
    }
}

/// Each field of `s` within its range: the month, the day in that month, the time of day
/// (24:00:00 as the end of a day; no leap second).
fn check_fields(
    s: &str,
    (year, month, day): (u32, u32, u32),
    (hour, minute, second): (u32, u32, u32),
    fraction_is_zero: bool,
) -> Result<(), String> {
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
    Ok(())
}

/// ISO 8601 in UTC to the second: "2022-01-05T11:00:00Z".
pub fn format_iso(ms: i64) -> String {
    let c = civil_from_ms(ms, 0);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}
