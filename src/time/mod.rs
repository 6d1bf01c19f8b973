//! **time/**: uses text/ only. By job: `civil` (the calendar), `zone` (a chart's zone and the
//! option's syntax), `iso` (ISO 8601 in and out), `ticks` (time-axis ticks and labels),
//! `format` (instants, spans and durations in words), and `tz` (named zones natively, from
//! jiff's bundled database; the browser reads its own). This file holds the shared units and
//! the merge sort of times.
//!
//! Time: ISO 8601 parsing, the UTC civil calendar, time zones (fixed offsets, and named IANA
//! zones as their offsets over the chart's span), time-axis ticks and their labels.
//!
//! Everything here is pure arithmetic on Unix milliseconds: no clock, no time-zone database,
//! so results are deterministic and identical on native and wasm32 builds.

#[cfg(not(target_arch = "wasm32"))]
pub mod tz;

mod civil;
mod format;
mod iso;
mod ticks;
mod zone;

pub use civil::*;
pub use format::*;
pub use iso::*;
pub use ticks::*;
pub use zone::*;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::i18n::english;

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
                let ticks = time_ticks(ms, i64::MAX, off, 10, english());
                assert!(!ticks.is_empty() && ticks.len() <= 10);
            }
        }
        let all = time_ticks(i64::MIN, i64::MAX, 0, 10, english());
        assert!(!all.is_empty() && all.len() <= 10, "{all:?}");
        assert!(all.windows(2).all(|w| w[0].ms < w[1].ms));
        let _ = format_duration(i64::MIN, english());
        let _ = format_duration(i64::MAX, english());
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
        let ticks = time_ticks(start, end, 0, 10, english());
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
        let ticks = time_ticks(
            iso("2021-12-31T20:00Z"),
            iso("2022-01-01T04:00Z"),
            0,
            5,
            english(),
        );
        assert_eq!(
            labels(&ticks),
            ["20:00", "22:00", "00:00", "02:00", "04:00"]
        );
        assert_eq!(
            contexts(&ticks),
            [Some("31 Dec 2021"), None, Some("1 Jan 2022"), None, None]
        );
        // Unaligned start: first tick is the next whole step.
        let ticks = time_ticks(
            iso("2022-01-05T10:17Z"),
            iso("2022-01-05T11:13Z"),
            0,
            3,
            english(),
        );
        assert_eq!(labels(&ticks), ["10:30", "10:45", "11:00"]);
        assert_eq!(ticks[0].context.as_deref(), Some("5 Jan 2022"));
    }

    #[test]
    fn ticks_10_days_are_daily_with_month_context() {
        let ticks = time_ticks(iso("2022-01-05"), iso("2022-01-15"), 0, 12, english());
        assert_eq!(
            labels(&ticks),
            ["5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]
        );
        assert_eq!(ticks[0].context.as_deref(), Some("Jan 2022"));
        assert!(ticks[1..].iter().all(|t| t.context.is_none()));
        let ticks = time_ticks(iso("2021-12-28"), iso("2022-01-03"), 0, 12, english());
        assert_eq!(labels(&ticks), ["28", "29", "30", "31", "1", "2", "3"]);
        assert_eq!(ticks[0].context.as_deref(), Some("Dec 2021"));
        assert_eq!(ticks[4].context.as_deref(), Some("Jan 2022"));
    }

    #[test]
    fn ticks_77_days_weekly_or_two_daily() {
        let (start, end) = (iso("2021-12-01"), iso("2022-02-15"));
        let weekly = time_ticks(start, end, 0, 12, english());
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
        let two_daily = time_ticks(start, end, 0, 40, english());
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
        let leap = time_ticks(iso("2024-02-20"), iso("2024-03-04"), 0, 8, english());
        assert_eq!(labels(&leap), ["21", "23", "25", "27", "1", "3"]);
        let common = time_ticks(iso("2023-02-20"), iso("2023-03-04"), 0, 8, english());
        assert_eq!(labels(&common), ["21", "23", "25", "27", "1", "3"]);
    }

    #[test]
    fn ticks_2_years_are_months() {
        let ticks = time_ticks(iso("2021-01-01"), iso("2023-01-01"), 0, 12, english());
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
        let monthly = time_ticks(iso("2021-11-15"), iso("2022-03-20"), 0, 12, english());
        assert_eq!(labels(&monthly), ["Dec", "Jan", "Feb", "Mar"]);
        assert_eq!(contexts(&monthly), [Some("2021"), Some("2022"), None, None]);
        let six = time_ticks(iso("2019-03-01"), iso("2023-03-01"), 0, 8, english());
        assert_eq!(
            labels(&six),
            ["Jul", "Jan", "Jul", "Jan", "Jul", "Jan", "Jul", "Jan"]
        );
    }

    #[test]
    fn ticks_16_years_are_years() {
        let ticks = time_ticks(iso("2006-01-01"), iso("2022-01-01"), 0, 10, english());
        assert_eq!(
            labels(&ticks),
            ["2006", "2008", "2010", "2012", "2014", "2016", "2018", "2020", "2022"]
        );
        assert!(ticks.iter().all(|t| t.context.is_none()));
        let ticks = time_ticks(iso("1703-06-01"), iso("2003-06-01"), 0, 7, english());
        assert_eq!(
            labels(&ticks),
            ["1750", "1800", "1850", "1900", "1950", "2000"]
        );
    }

    #[test]
    fn ticks_with_offset_sit_on_local_midnight() {
        let off = parse_time_zone("+06:00").unwrap_or_default();
        let ticks = time_ticks(
            iso("2022-01-04T18:00Z"),
            iso("2022-01-07T18:00Z"),
            off,
            5,
            english(),
        );
        assert_eq!(labels(&ticks), ["5", "6", "7", "8"]);
        assert_eq!(ticks[0].ms, iso("2022-01-05T00:00+06:00"));
        for t in &ticks {
            assert_eq!((t.ms + 6 * MS_PER_HOUR).rem_euclid(MS_PER_DAY), 0);
        }
        // Hour ticks are aligned to local midnight, also at a half-hour offset.
        let ticks = time_ticks(
            iso("2022-01-05T00:00Z"),
            iso("2022-01-06T00:00Z"),
            330,
            5,
            english(),
        );
        assert_eq!(labels(&ticks), ["06:00", "12:00", "18:00", "00:00"]);
        assert_eq!(ticks[0].ms, iso("2022-01-05T06:00+05:30"));
        assert_eq!(ticks[3].context.as_deref(), Some("6 Jan"));
        // Months begin at local midnight too.
        let ticks = time_ticks(iso("2021-12-15"), iso("2022-02-15"), 360, 3, english());
        assert_eq!(ticks[0].ms, iso("2022-01-01T00:00+06:00"));
    }

    #[test]
    fn ticks_degenerate_spans() {
        let one = time_ticks(
            JAN5_2022 + 11 * MS_PER_HOUR,
            JAN5_2022 + 11 * MS_PER_HOUR,
            0,
            10,
            english(),
        );
        assert_eq!(
            one,
            [TimeTick {
                ms: JAN5_2022 + 11 * MS_PER_HOUR,
                label: "5 Jan 2022 11:00".to_string(),
                context: None
            }]
        );
        assert!(time_ticks(JAN5_2022 + 1, JAN5_2022, 0, 10, english()).is_empty());
        // 30 seconds between minute marks: one full label at the start.
        let short = time_ticks(JAN5_2022 + 10_000, JAN5_2022 + 40_000, 0, 10, english());
        assert_eq!(short.len(), 1);
        assert_eq!(short[0].label, "5 Jan 2022 00:00:10");
        // max_ticks 0 is treated as 1.
        assert_eq!(
            time_ticks(JAN5_2022, JAN5_2022 + MS_PER_DAY, 0, 0, english()).len(),
            1
        );
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
                        let ticks = time_ticks(start, end, off, max, english());
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
        assert_eq!(format_instant(JAN5_2022, 0, english()), "5 Jan 2022");
        assert_eq!(format_instant(JAN5_2022, 60, english()), "5 Jan 2022 01:00");
        assert_eq!(
            format_instant(JAN5_2022 - 6 * MS_PER_HOUR, 360, english()),
            "5 Jan 2022"
        );
        assert_eq!(
            format_instant(JAN5_2022 + 1, 0, english()),
            "5 Jan 2022 00:00"
        );
        assert_eq!(format_date(-MS_PER_DAY, 0), "31 Dec 1969");
    }

    #[test]
    fn outage_periods_name_their_days() {
        assert_eq!(
            format_period(iso("2022-01-04"), iso("2022-01-12"), 0, english()),
            "4–11 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2022-01-24"), iso("2022-02-01"), 0, english()),
            "24–31 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2021-12-28"), iso("2022-01-04"), 0, english()),
            "28 Dec 2021 – 3 Jan 2022"
        );
        assert_eq!(
            format_period(iso("2022-01-25"), iso("2022-01-26"), 0, english()),
            "25 Jan 2022"
        );
        assert_eq!(
            format_period(
                iso("2022-01-05T11:00:00Z"),
                iso("2022-01-06T23:00:00Z"),
                0,
                english()
            ),
            "5 Jan 2022 11:00 to 6 Jan 2022 23:00"
        );
    }

    #[test]
    fn format_ranges() {
        assert_eq!(
            format_range(iso("2021-12-01"), iso("2022-02-15"), 0, english()),
            "1 Dec 2021 to 15 Feb 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-01"), iso("2022-01-15"), 0, english()),
            "1 to 15 Jan 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-01"), iso("2022-02-15"), 0, english()),
            "1 Jan to 15 Feb 2022"
        );
        assert_eq!(
            format_range(iso("2022-01-05"), iso("2022-01-05"), 0, english()),
            "5 Jan 2022"
        );
        assert_eq!(
            format_range(
                iso("2022-01-05T11:00Z"),
                iso("2022-01-05T23:00Z"),
                0,
                english()
            ),
            "5 Jan 2022 11:00 to 23:00"
        );
        assert_eq!(
            format_range(iso("2022-01-05T11:00Z"), iso("2022-01-07"), 0, english()),
            "5 Jan 2022 11:00 to 7 Jan 2022"
        );
        assert_eq!(
            format_range(
                iso("2022-01-04T18:00Z"),
                iso("2022-01-14T18:00Z"),
                360,
                english()
            ),
            "5 to 15 Jan 2022"
        );
    }

    #[test]
    fn format_durations() {
        let (m, h, d) = (MS_PER_MINUTE, MS_PER_HOUR, MS_PER_DAY);
        assert_eq!(format_duration(0, english()), "0 seconds");
        assert_eq!(format_duration(250, english()), "250 milliseconds");
        assert_eq!(format_duration(1_000, english()), "1 second");
        assert_eq!(format_duration(1_500, english()), "about 1 second");
        assert_eq!(format_duration(45_000, english()), "45 seconds");
        assert_eq!(format_duration(m, english()), "1 minute");
        assert_eq!(format_duration(90_000, english()), "1 minute 30 seconds");
        assert_eq!(format_duration(h, english()), "1 hour");
        assert_eq!(
            format_duration(2 * h + 30 * m, english()),
            "2 hours 30 minutes"
        );
        assert_eq!(
            format_duration(2 * h + 30 * m + 5_000, english()),
            "about 2 hours 30 minutes"
        );
        assert_eq!(format_duration(36 * h, english()), "36 hours");
        assert_eq!(format_duration(47 * h + m, english()), "47 hours 1 minute");
        assert_eq!(format_duration(2 * d, english()), "2 days");
        assert_eq!(format_duration(6 * d, english()), "6 days");
        assert_eq!(format_duration(3 * d + 4 * h, english()), "3 days 4 hours");
        assert_eq!(format_duration(10 * d, english()), "10 days");
        assert_eq!(format_duration(10 * d + 13 * h, english()), "about 11 days");
        assert_eq!(format_duration(91 * d, english()), "about 3 months");
        assert_eq!(format_duration(365 * d, english()), "about 12 months");
        assert_eq!(format_duration(16 * 365 * d, english()), "about 16 years");
        assert_eq!(format_duration(-36 * h, english()), "minus 36 hours");
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
