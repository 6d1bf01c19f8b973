//! TEMPORARY STUB (to be replaced by the real time module).
pub const MS_PER_DAY: i64 = 86_400_000;
pub const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millisecond: u32,
}
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let d = d as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}
pub fn civil_from_ms(ms: i64, off: i32) -> Civil {
    let ms = ms + off as i64 * 60_000;
    let z = ms.div_euclid(MS_PER_DAY) + 719468;
    let rem = ms.rem_euclid(MS_PER_DAY);
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    Civil {
        year: (if m <= 2 { y + 1 } else { y }) as i32,
        month: m as u32,
        day: d as u32,
        hour: (rem / 3_600_000) as u32,
        minute: (rem / 60_000 % 60) as u32,
        second: (rem / 1000 % 60) as u32,
        millisecond: (rem % 1000) as u32,
    }
}
pub fn parse_iso8601(s: &str) -> Result<i64, String> {
    let b = s.as_bytes();
    if b.len() < 10 || !s.is_ascii() {
        return Err(format!("expected an ISO 8601 date, got \"{s}\""));
    }
    let n = |a: usize, z: usize| s[a..z].parse::<u32>().map_err(|_| format!("bad {s}"));
    let d = days_from_civil(n(0, 4)? as i32, n(5, 7)?, n(8, 10)?);
    let mut ms = d * MS_PER_DAY;
    if b.len() >= 16 {
        ms += n(11, 13)? as i64 * 3_600_000 + n(14, 16)? as i64 * 60_000;
    }
    if b.len() >= 19 && b[16] == b':' {
        ms += n(17, 19)? as i64 * 1000;
    }
    Ok(ms)
}
pub fn parse_time_zone(s: &str) -> Result<i32, String> {
    if s == "UTC" {
        Ok(0)
    } else {
        Err("expected UTC".into())
    }
}
#[derive(Debug, Clone, PartialEq)]
pub struct TimeTick {
    pub ms: i64,
    pub label: String,
    pub context: Option<String>,
}
pub fn time_ticks(start: i64, end: i64, off: i32, max: usize) -> Vec<TimeTick> {
    for step in [1i64, 2, 7, 14, 30, 91, 365, 730, 1826] {
        let s = step * MS_PER_DAY;
        let first = (start + s - 1).div_euclid(s) * s;
        let count = if end >= first {
            (end - first) / s + 1
        } else {
            0
        };
        if count as usize <= max {
            return (0..count)
                .map(|i| {
                    let ms = first + i * s;
                    let c = civil_from_ms(ms, off);
                    TimeTick {
                        ms,
                        label: format!("{}", c.day),
                        context: if i == 0 {
                            Some(format!("{} {}", MONTHS_SHORT[c.month as usize - 1], c.year))
                        } else {
                            None
                        },
                    }
                })
                .collect();
        }
    }
    vec![]
}
pub fn format_date(ms: i64, off: i32) -> String {
    let c = civil_from_ms(ms, off);
    format!(
        "{} {} {}",
        c.day,
        MONTHS_SHORT[c.month as usize - 1],
        c.year
    )
}
pub fn format_date_time(ms: i64, off: i32) -> String {
    let c = civil_from_ms(ms, off);
    format!("{} {:02}:{:02}", format_date(ms, off), c.hour, c.minute)
}
pub fn format_instant(ms: i64, off: i32) -> String {
    if (ms + off as i64 * 60_000).rem_euclid(MS_PER_DAY) == 0 {
        format_date(ms, off)
    } else {
        format_date_time(ms, off)
    }
}
pub fn format_range(a: i64, b: i64, off: i32) -> String {
    format!("{} to {}", format_date(a, off), format_date(b, off))
}
pub fn format_duration(ms: i64) -> String {
    format!("{} hours", ms / 3_600_000)
}
