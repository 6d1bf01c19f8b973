//! The proleptic Gregorian calendar on Unix milliseconds: civil date-times from instants in a
//! zone and back (pure arithmetic, no clock).

use super::zone::Offsets;
use super::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};

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

pub(super) fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(super) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub(super) fn month_long(month: u32) -> &'static str {
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
pub(super) fn days_from_civil_i64(year: i64, month: u32, day: u32) -> i64 {
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
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
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

pub(super) fn offset_ms(offset_minutes: i32) -> i128 {
    i128::from(offset_minutes) * i128::from(MS_PER_MINUTE)
}

// Saturating narrowing: callers near the ends of the i64 range get the nearest end, not a panic.
pub(super) fn clamp_i64(v: i128) -> i64 {
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
