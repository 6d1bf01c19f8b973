//! Time-axis ticks: the step that fits, the ticks in the chart's zone, and their labels in
//! the locale.

use super::civil::{
    civil_from_days, civil_from_ms, clamp_i64, days_from_civil_i64, days_in_month, offset_ms, Civil,
};
use super::format::{clock_label, format_instant};
use super::zone::Offsets;
use super::{MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_WEEK, TICK_HARD_LIMIT};
use crate::text::i18n::Locale;

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
            fixed_ticks((step, phase), (s, e, off), zone, limit, &mut out, &push)?
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

/// Ticks a fixed step apart from `phase` in local time, into `out`; None over the limit.
// Its one caller's step, inlined: apart it costs the chart module bytes.
#[inline(always)]
fn fixed_ticks(
    (step, phase): (i64, i64),
    (s, e, off): (i128, i128, i128),
    zone: impl Offsets,
    limit: usize,
    out: &mut Vec<i64>,
    push: &impl Fn(i128, &mut Vec<i64>) -> Option<bool>,
) -> Option<()> {
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
            if !push(at, out)? {
                break;
            }
            last = at;
        } else if at > e {
            break;
        }
        t += step;
    }
    Some(())
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
/// `locale`'s words and order, at most max_ticks of them (treated as at least 1, at most
/// 10 000); empty only when start_ms > end_ms.
pub fn time_ticks(
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
            label: format_instant(start_ms, zone, locale),
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
