//! The impact in words: the verdict, the statistical form and the lay reader's, what the
//! counterfactual was fitted to, what could have been seen, and the chance note.

use crate::analysis::impact::{Impact, NotMeasured};
use crate::text::i18n::{english, Locale};
use crate::text::numtext::fixed;
use crate::time::MS_PER_DAY;

/// Formats a fraction as a signed percentage in the AP/Chicago style: "−0.4%", "+10%" (a
/// locale that sets its percent sign apart gets "−0,4 %" from `Presentation::localize_number`).
pub fn format_percent(fraction: f64) -> String {
    if !fraction.is_finite() {
        return if fraction > 0.0 {
            "+∞%".into()
        } else {
            "−∞%".into()
        };
    }
    let pct = fraction * 100.0;
    let text = if pct.abs() < 10.0 {
        fixed(pct.abs(), 1)
    } else {
        fixed(pct.abs(), 0)
    };
    let sign = if text.chars().all(|c| c == '0' || c == '.') {
        ""
    } else if pct < 0.0 {
        "−"
    } else {
        "+"
    };
    format!("{sign}{text}%")
}

/// The verdict in `locale`'s plain words: "a clear drop" only when the 99 % interval excludes
/// no change, "a possible drop" when only the 95 % one does.
pub fn verdict<'a>(impact: &Impact, locale: &'a Locale) -> &'a str {
    locale.text(verdict_key(impact))
}

/// Fewer baseline points than this and the description says the baseline is short.
pub const SHORT_BASELINE_POINTS: usize = 7;

/// The statistical form, for the `impact` JSON, the CLI and the README:
/// "−0.4% (95% CI −11% to +10%): within normal day-to-day variation" (plus "; baseline only 4
/// points" when the baseline is short, so a reader can weigh it).
pub fn describe(impact: &Impact) -> String {
    let (lo, hi) = impact.ci95;
    let mut text = format!(
        "{} (95% CI {} to {}): {}",
        format_percent(impact.change),
        format_percent(lo),
        format_percent(hi),
        verdict(impact, english())
    );
    if !impact.significant {
        text.push_str(&detectable_words(impact, english()));
    }
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        text.push_str(&format!(
            "; baseline only {} points",
            impact.baseline_points
        ));
    }
    text
}

/// What a "within normal variation" verdict could have seen, in `locale`'s words: "; a loss
/// under about 27% would not show" (the detectable loss, rounded up to whole percent, so the
/// words never claim more than was measured), or "; even a total loss might not show".
pub fn detectable_words(impact: &Impact, locale: &Locale) -> String {
    match impact.detectable {
        Some(loss) => {
            let pct = (loss * 100.0 - 1e-9).ceil().max(1.0);
            let words = locale.number(&(fixed(pct, 0) + "%"));
            locale.fill("impact.detectable", &[("loss", &words)])
        }
        None => locale.text("impact.undetectable").to_string(),
    }
}

/// The verdict's key in the translation tables (src/text/i18n.rs).
pub fn verdict_key(impact: &Impact) -> &'static str {
    match (impact.significant, impact.clear, impact.change < 0.0) {
        (false, _, _) => "verdict.within",
        (true, true, true) => "verdict.clearDrop",
        (true, true, false) => "verdict.clearRise",
        (true, false, true) => "verdict.possibleDrop",
        (true, false, false) => "verdict.possibleRise",
    }
}

/// The words on the chart, for a lay reader, in `locale`'s words, each number in its style:
/// "−1.3%: within normal day-to-day variation (plausible range −13% to +12%)", "−11%: a
/// clear drop (plausible range −19% to −2.0%)".
pub fn describe_plain(impact: &Impact, locale: &Locale) -> String {
    describe_with(impact, locale, "impact.plain", true)
}

/// The same words as a list entry follows a label: "−0.4%, within normal day-to-day
/// variation (plausible range …)" (`impact.plainList`), for the band key.
pub fn describe_list(impact: &Impact, locale: &Locale) -> String {
    describe_with(impact, locale, "impact.plainList", true)
}

/// The chart's words for an impact, (label, key entry), in full or, for a chart too short for
/// all its text, without what could have been seen (the spoken summary keeps it).
pub fn describe_band_in(impact: &Impact, locale: &Locale, full: bool) -> (String, String) {
    (
        describe_with(impact, locale, "impact.plain", full),
        describe_with(impact, locale, "impact.plainList", full),
    )
}

fn describe_with(impact: &Impact, locale: &Locale, template: &str, detectable: bool) -> String {
    let (lo, hi) = impact.ci95;
    let percent = |x: f64| locale.number(&format_percent(x));
    let mut text = locale.fill(
        template,
        &[
            ("change", &percent(impact.change)),
            ("verdict", locale.text(verdict_key(impact))),
            ("low", &percent(lo)),
            ("high", &percent(hi)),
        ],
    );
    if detectable && !impact.significant {
        text.push_str(&detectable_words(impact, locale));
    }
    if impact.baseline_points < SHORT_BASELINE_POINTS {
        let days = locale.count("unit.day", impact.baseline_points as u64);
        text.push_str(&locale.fill("impact.shortBaseline", &[("days", &days)]));
    }
    text
}

/// How often chance alone gives a verdict other than "within normal variation" to an outage:
/// the 95 % interval's false alarms (calibrated on real history, README "Impact").
pub const CHANCE_PER_OUTAGE: f64 = 0.05;

/// With several outages measured on the chart's first hash-rate series, the note that says how
/// often chance alone gives at least one a "possible" verdict: "Note: with 10 outages
/// measured, chance alone would show at least one as a possible rise or drop 40% of the time".
/// None for fewer than two. The words end without the note's full stop (`note.end`).
pub fn chance_note_in(
    results: &[Result<Impact, NotMeasured>],
    series: usize,
    locale: &Locale,
) -> Option<String> {
    let mut measured: Vec<usize> = results
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .filter(|i| i.series == series)
        .map(|i| i.outage)
        .collect();
    measured.dedup();
    let n = measured.len();
    if n < 2 {
        return None;
    }
    let odds = 1.0 - (1.0 - CHANCE_PER_OUTAGE).powi(n as i32);
    let odds = locale.number(&(fixed(odds * 100.0, 0) + "%"));
    Some(locale.fill(
        "note.chance",
        &[
            ("count", &locale.count("count.outage", n as u64)),
            ("odds", &odds),
        ],
    ))
}

/// What the counterfactual was fitted to, in `locale`'s words: "the trend through the 14 days
/// before and the 12 days after", "the trend of the 14 days before", "the 5 days before".
pub fn baseline_words(impact: &Impact, locale: &Locale) -> String {
    let days = |from: i64, to: i64| {
        let n = ((to - from) as f64 / MS_PER_DAY as f64).round().max(0.0) as u64;
        locale.count("unit.day", n)
    };
    let before = days(impact.baseline_from_ms, impact.baseline_to_ms);
    let words = match (impact.after, impact.fit.trend) {
        (Some((from, to)), _) => locale.fill(
            "baseline.trendBoth",
            &[("before", &before), ("after", &days(from, to))],
        ),
        (None, true) => locale.fill("baseline.trendBefore", &[("before", &before)]),
        (None, false) => locale.fill("baseline.before", &[("before", &before)]),
    };
    let words = match impact.after_shift {
        Some(shift) => {
            let shift = locale.number(&format_percent(shift.exp() - 1.0));
            words + &locale.fill("baseline.notBack", &[("shift", &shift)])
        }
        None => words,
    };
    // Which resolution measured it: the blocks of the outage's own hours, when listed.
    match impact.arrivals {
        Some((found, expected)) => {
            let count = |x: f64| locale.number(&fixed(x, 0));
            words
                + &locale.fill(
                    "baseline.arrivals",
                    &[("found", &count(found)), ("expected", &count(expected))],
                )
        }
        None => words,
    }
}

#[cfg(test)]
mod tests {
    use super::format_percent;

    #[test]
    fn percent_formatting() {
        assert_eq!(format_percent(-0.004), "−0.4%");
        assert_eq!(format_percent(0.1049), "+10%");
        assert_eq!(format_percent(-0.36), "−36%");
        assert_eq!(format_percent(0.0), "0.0%");
    }
}
