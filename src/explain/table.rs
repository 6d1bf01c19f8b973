//! The data table for screen readers and the "Show data table" control: one row per data
//! time, or summarised by day (when points are closer than a day) or by month (when the span
//! is longer than 400 days), values in each series' display unit, with the outages covering
//! each row.

use crate::analysis::display_unit_of;
use crate::spec::outage_label_in;
use crate::spec::Spec;
use crate::time::{civil_from_ms, ms_from_civil, Civil, Zone, MS_PER_DAY};

/// How rows are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Point,
    Day,
    Month,
}

impl Granularity {
    /// The name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Granularity::Point => "point",
            Granularity::Day => "day",
            Granularity::Month => "month",
        }
    }
}

/// A column: one series.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub unit: String,
}

/// A row: a period and each series' (mean) value in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Start of the period, Unix ms.
    pub time_ms: i64,
    pub values: Vec<Option<f64>>,
    pub outages: Vec<String>,
}

/// The table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub granularity: Granularity,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// Most days shown one row per day.
pub const MAX_DAILY_SPAN_DAYS: i64 = 400;

/// The start of the local day holding instant `t`.
fn local_midnight(t: i64, zone: &crate::time::Zone) -> i64 {
    let c = civil_from_ms(t, zone);
    ms_from_civil(
        &Civil {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
            ..c
        },
        zone,
    )
}

/// Adds each expected range (a simulated outage's counterfactual) as three columns: the
/// expected value, and its range's low and high ends, filled in the rows its points fall in
/// (their mean where a row holds several: daily or monthly tables) and empty elsewhere.
pub fn add_expected(
    table: &mut Table,
    ranges: &[crate::analysis::expected::ExpectedRange],
    locale: &crate::text::i18n::Locale,
) {
    for range in ranges {
        let (_, level) = range.share_and_level_in(locale);
        let id = |suffix: &str| format!("expected-{}{suffix}", range.outage);
        let column = |id: String, label: String| Column {
            id,
            label,
            unit: range.unit.clone(),
        };
        table.columns.push(column(id(""), range.label_in(locale)));
        table.columns.push(column(
            id("-low"),
            locale.fill("expected.low", &[("range", &level)]),
        ));
        table.columns.push(column(
            id("-high"),
            locale.fill("expected.high", &[("range", &level)]),
        ));
        let starts: Vec<i64> = table.rows.iter().map(|r| r.time_ms).collect();
        for (i, row) in table.rows.iter_mut().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(i64::MAX);
            let inside: Vec<_> = range
                .points
                .iter()
                .filter(|p| p.0 >= row.time_ms && p.0 < end)
                .collect();
            let mean = |pick: fn(&(i64, f64, f64, f64)) -> f64| {
                (!inside.is_empty())
                    .then(|| inside.iter().map(|p| pick(p)).sum::<f64>() / inside.len() as f64)
            };
            row.values.push(mean(|p| p.1));
            row.values.push(mean(|p| p.3));
            row.values.push(mean(|p| p.2));
        }
    }
}

/// Builds the table of a spec, the outages named in `locale`'s words (an unlabelled one is
/// "Ausfall" in German).
pub fn table_in(spec: &Spec, locale: &crate::text::i18n::Locale) -> Table {
    let offset = &spec.options.time_zone;
    let times = crate::explain::readout::readout_times(spec);
    let granularity = granularity_of(&times);
    let starts = period_starts(&times, granularity, offset);

    let columns: Vec<Column> = spec
        .series
        .iter()
        .map(|s| Column {
            id: s.id.clone(),
            label: s.label.clone(),
            unit: display_unit_of(spec, s).label,
        })
        .collect();
    let factors: Vec<f64> = spec
        .series
        .iter()
        .zip(columns.iter())
        // The column's display unit was chosen above; reuse it rather than scan the data again.
        .map(|(s, c)| s.unit.to_base_factor() / divisor_of(&c.unit))
        .collect();

    // Sums and counts per row and series, walking each series once.
    let mut sums = vec![vec![(0.0f64, 0usize); spec.series.len()]; starts.len()];
    for (si, s) in spec.series.iter().enumerate() {
        // The row of a time is the last period starting at or before it; times are sorted, so
        // the row only moves forward.
        let mut row = 0usize;
        for (&t, v) in s.times_ms.iter().zip(s.values.iter()) {
            while starts.get(row + 1).is_some_and(|&next| next <= t) {
                row += 1;
            }
            let Some(v) = v else { continue };
            if let Some(cell) = sums.get_mut(row).and_then(|r| r.get_mut(si)) {
                cell.0 += v * factors[si];
                cell.1 += 1;
            }
        }
    }
    let rows = starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let end = starts
                .get(i + 1)
                .copied()
                .unwrap_or_else(|| match granularity {
                    Granularity::Point => start + crate::analysis::point_spacing_ms(&times),
                    Granularity::Day => start + MS_PER_DAY,
                    Granularity::Month => start + 31 * MS_PER_DAY,
                });
            Row {
                time_ms: start,
                values: sums[i]
                    .iter()
                    .map(|(sum, n)| if *n > 0 { Some(sum / *n as f64) } else { None })
                    .collect(),
                outages: spec
                    .outages
                    .iter()
                    .filter(|o| o.start_ms < end && start < o.end_ms)
                    .map(|o| outage_label_in(o, locale))
                    .collect(),
            }
        })
        .collect();
    Table {
        granularity,
        columns,
        rows,
    }
}

/// Rows by month past 400 days, by day when points are closer than a day, else a row a point.
fn granularity_of(times: &[i64]) -> Granularity {
    let (first, last) = (
        times.first().copied().unwrap_or(0),
        times.last().copied().unwrap_or(0),
    );
    let sub_daily = times.windows(2).any(|w| w[1] - w[0] < MS_PER_DAY);
    if last - first > MAX_DAILY_SPAN_DAYS * MS_PER_DAY {
        Granularity::Month
    } else if sub_daily {
        Granularity::Day
    } else {
        Granularity::Point
    }
}

/// The start of each row's period, in order: each data time, or the local day or month it
/// falls in.
fn period_starts(times: &[i64], granularity: Granularity, offset: &Zone) -> Vec<i64> {
    let period_start = |t: i64| -> i64 {
        match granularity {
            Granularity::Point => t,
            // The local day: 23 or 25 hours long where the zone changes its clocks.
            Granularity::Day => local_midnight(t, offset),
            Granularity::Month => {
                let c = civil_from_ms(t, offset);
                ms_from_civil(
                    &Civil {
                        day: 1,
                        hour: 0,
                        minute: 0,
                        second: 0,
                        millisecond: 0,
                        ..c
                    },
                    offset,
                )
            }
        }
    };
    // Times are sorted: find a period's start once and reuse it until a time passes its end,
    // so a long series costs comparisons, not a calendar conversion per point.
    let period_end = |start: i64| -> i64 {
        match granularity {
            Granularity::Point => start + 1,
            // 26 hours on is in the next local day whatever its length.
            Granularity::Day => local_midnight(start + MS_PER_DAY + 2 * 3_600_000, offset),
            Granularity::Month => {
                let c = civil_from_ms(start, offset);
                let (year, month) = if c.month == 12 {
                    (c.year + 1, 1)
                } else {
                    (c.year, c.month + 1)
                };
                ms_from_civil(&Civil { year, month, ..c }, offset)
            }
        }
    };
    let mut starts: Vec<i64> = Vec::new();
    let mut current_end = i64::MIN;
    for &t in times {
        if t >= current_end || granularity == Granularity::Point {
            let start = period_start(t);
            starts.push(start);
            current_end = period_end(start);
        }
    }
    starts.dedup();
    starts
}

/// The divisor of a display unit label (EH/s → 10^18); 1 for non-hash-rate units.
fn divisor_of(label: &str) -> f64 {
    match crate::text::units::Unit::parse(label) {
        crate::text::units::Unit::HashRate(i) => 1000f64.powi(i as i32),
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse_spec;

    #[test]
    fn daily_data_gives_a_row_per_point_in_display_units() {
        let spec = parse_spec(r#"{"series":[{"id":"h","label":"Hash rate","unit":"TH/s","points":[["2022-01-04",177400000],["2022-01-05",181000000],["2022-01-06",null]]}],
            "outages":[{"start":"2022-01-05T11:00:00Z","end":"2022-01-06T00:00:00Z","label":"Blackout"}]}"#).expect("valid");
        let t = table_in(&spec, crate::text::i18n::english());
        assert_eq!(t.granularity, Granularity::Point);
        assert_eq!(t.columns[0].unit, "EH/s");
        assert_eq!(t.rows.len(), 3);
        assert!((t.rows[0].values[0].expect("value") - 177.4).abs() < 1e-9);
        assert_eq!(t.rows[2].values[0], None);
        assert_eq!(t.rows[1].outages, vec!["Blackout"]);
        assert!(t.rows[0].outages.is_empty() && t.rows[2].outages.is_empty());
    }

    #[test]
    fn hourly_data_is_summarised_by_day() {
        let hours: Vec<String> = (0..48)
            .map(|h| format!("{}", 1_641_340_800_000i64 + h * 3_600_000))
            .collect();
        let values: Vec<String> = (0..48)
            .map(|h| {
                if h < 24 {
                    "100".into()
                } else {
                    "50".to_string()
                }
            })
            .collect();
        let spec = parse_spec(&format!(
            r#"{{"series":[{{"id":"c","unit":"%","t":[{}],"v":[{}]}}]}}"#,
            hours.join(","),
            values.join(",")
        ))
        .expect("valid");
        let t = table_in(&spec, crate::text::i18n::english());
        assert_eq!(t.granularity, Granularity::Day);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].values[0], Some(100.0));
        assert_eq!(t.rows[1].values[0], Some(50.0));
        assert_eq!(t.rows[1].time_ms, 1_641_427_200_000);
    }

    #[test]
    fn years_of_data_are_summarised_by_month() {
        let days: Vec<String> = (0..800)
            .map(|d| format!("[{}, {}]", 1_609_459_200_000i64 + d * MS_PER_DAY, d))
            .collect();
        let spec = parse_spec(&format!(
            r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}]}}]}}"#,
            days.join(",")
        ))
        .expect("valid");
        let t = table_in(&spec, crate::text::i18n::english());
        assert_eq!(t.granularity, Granularity::Month);
        assert_eq!(t.rows.len(), 27, "Jan 2021 .. Mar 2023");
        // January 2021: days 0..30, mean 15.
        assert_eq!(t.rows[0].values[0], Some(15.0));
    }
}
