//! Instants, spans and durations in words: dates, date-times, ranges, periods, stamps and
//! durations in a locale's words and order, in the chart's zone.

use super::civil::{civil_from_ms, ms_from_civil, Civil};
use super::zone::{Offsets, Zone};
use super::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};
use crate::text::i18n::{english, Locale};

// One function per job, each taking the zone and the locale (`english()` for English); only
// the validator's messages, which are English by design, use `format_date`/`format_date_time`.

pub(super) fn clock_label(c: &Civil) -> String {
    format!("{:02}:{:02}", c.hour, c.minute)
}

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

/// Local date alone when the Unix-ms instant is local midnight, else the date and time, in
/// `locale`'s words and order: for summaries.
pub fn format_instant(ms: i64, zone: impl Offsets, locale: &Locale) -> String {
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

/// Human span between two Unix-ms instants in local time, in `locale`'s words and order:
/// "1 Dec 2021 to 15 Feb 2022", "1 to 15 Jan 2022", "1 Jan to 15 Feb 2022", "5 Jan 2022 11:00
/// to 23:00".
pub fn format_range(start_ms: i64, end_ms: i64, zone: impl Offsets, locale: &Locale) -> String {
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
            &format_instant(start_ms, zone, locale),
            &format_instant(end_ms, zone, locale),
        )
    }
}

/// An outage's period [start, end) in `locale`'s words: whole days name their days, the last
/// one included ("4–11 Jan 2022" for 4 January 00:00 to 12 January 00:00, as an outage
/// list's "4 to 11 January" means); anything else its two instants ("5 Jan 2022 11:00 to 6 Jan
/// 2022 23:00").
pub fn format_period(start_ms: i64, end_ms: i64, zone: impl Offsets, locale: &Locale) -> String {
    let a = civil_from_ms(start_ms, zone);
    let b = civil_from_ms(end_ms, zone);
    if !(is_midnight(&a) && is_midnight(&b) && end_ms > start_ms) {
        return locale.fill(
            "date.to",
            &[
                ("from", &format_instant(start_ms, zone, locale)),
                ("to", &format_instant(end_ms, zone, locale)),
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

/// Duration of `ms` milliseconds in `locale`'s words and plural forms: "36 hours", "6 days",
/// "2 hours 30 minutes", "about 3 months" ("about" whenever the words drop or round something).
pub fn format_duration(ms: i64, locale: &Locale) -> String {
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
