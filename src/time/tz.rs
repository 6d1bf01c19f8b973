//! Named IANA time zones for the native build (`render`, the tools and the tests): a zone's
//! offsets over a chart's span, read from jiff's bundled copy of the tz database. The web build
//! has no tz database of its own: www/zones.js asks the browser's `Intl` for the same offsets
//! and hands them to the core (`ChartCore::set_zone_offsets`), so both give the same labels.

use crate::time::Zone;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Minutes east of UTC of a jiff offset (whole minutes in every zone since about 1970).
fn minutes(offset: jiff::tz::Offset) -> i32 {
    (f64::from(offset.seconds()) / 60.0).round() as i32
}

fn timestamp(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

/// The zone `name` over Unix-ms span `(start, end)`: the offset at `start` and every change of
/// offset up to `end` (changes of name or DST flag alone are not changes of the clock).
pub fn resolve(name: &str, (start, end): (i64, i64)) -> Result<Zone, String> {
    let tz = TimeZone::get(name).map_err(|_| {
        format!(
            "unknown time zone \"{name}\": expected UTC, an offset like +06:00, or an IANA name like Asia/Almaty or Europe/Berlin"
        )
    })?;
    let initial = minutes(tz.to_offset(timestamp(start)));
    let mut transitions = Vec::new();
    let mut current = initial;
    for transition in tz.following(timestamp(start)) {
        let at = transition.timestamp().as_millisecond();
        if at > end {
            break;
        }
        let offset = minutes(transition.offset());
        if offset != current {
            transitions.push((at, offset));
            current = offset;
        }
    }
    Ok(Zone::with_offsets(name, initial, transitions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{civil_from_ms, parse_iso8601};

    fn ms(s: &str) -> i64 {
        parse_iso8601(s).unwrap()
    }

    #[test]
    fn almaty_moved_from_utc_plus_6_to_plus_5_on_1_march_2024() {
        let zone = resolve("Asia/Almaty", (ms("2024-01-01"), ms("2024-06-01"))).unwrap();
        assert_eq!(zone.initial, 360);
        assert_eq!(zone.transitions, vec![(ms("2024-02-29T18:00:00Z"), 300)]);
        assert_eq!(zone.offset_at(ms("2024-02-29T17:59:59Z")), 360);
        assert_eq!(zone.offset_at(ms("2024-02-29T18:00:00Z")), 300);
        // Midnight on 1 March came an hour after midnight's offset of the day before.
        let c = civil_from_ms(ms("2024-02-29T19:00:00Z"), &zone);
        assert_eq!((c.month, c.day, c.hour), (3, 1, 0));
    }

    #[test]
    fn berlin_keeps_summer_time() {
        let zone = resolve("Europe/Berlin", (ms("2024-01-01"), ms("2024-12-31"))).unwrap();
        assert_eq!(zone.initial, 60);
        assert_eq!(
            zone.transitions,
            vec![
                (ms("2024-03-31T01:00:00Z"), 120),
                (ms("2024-10-27T01:00:00Z"), 60)
            ]
        );
    }

    #[test]
    fn unknown_names_are_refused_with_what_is_expected() {
        let e = resolve("Asia/Almty", (0, 1)).unwrap_err();
        assert!(e.contains("unknown time zone \"Asia/Almty\""), "{e}");
        assert!(e.contains("Asia/Almaty"), "{e}");
    }
}
