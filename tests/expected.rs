//! The expected range of a simulated outage ("what if 13.2 % had gone dark") exists in words,
//! not only in pixels (issue 27): the spoken summary says it at its deepest point with what the
//! series showed, the data table carries it as three columns, the read-out names it with its
//! range, in the reader's language.

mod common;

use common::layout;
use hashrate_outage_chart::analysis::expected::{expected_ranges, ExpectedRange};
use hashrate_outage_chart::analysis::{format_display, spec_impacts};
use hashrate_outage_chart::explain::readout::{readout, readout_times};
use hashrate_outage_chart::explain::summary::summary;
use hashrate_outage_chart::explain::table::{add_expected, table_in};
use hashrate_outage_chart::text::i18n::{english, Locale};
use hashrate_outage_chart::{parse_spec, Spec, Theme};

fn simulated() -> (Spec, Vec<ExpectedRange>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/simulated_counterfactual.json"
    );
    let spec = parse_spec(&std::fs::read_to_string(path).expect("fixture")).expect("valid");
    let ranges = expected_ranges(&spec, &spec_impacts(&spec));
    (spec, ranges)
}

#[test]
fn a_simulated_outage_has_one_expected_range_over_its_days() {
    let (spec, ranges) = simulated();
    assert_eq!(ranges.len(), 1);
    let range = &ranges[0];
    assert_eq!((range.outage, range.series, range.share), (0, 0, 0.132));
    // 11:00 on the 5th to 23:00 on the 6th: the 5th and the 6th, and a day either side.
    assert_eq!(range.points.len(), 4);
    for &(_, expected, high, low) in &range.points {
        assert!(low < expected && expected < high, "{low} {expected} {high}");
    }
    // The deepest point is a day the outage covers (almost) whole: the 6th.
    let deepest = range
        .points
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    assert_eq!(
        deepest.0,
        hashrate_outage_chart::time::parse_iso8601("2022-01-06").unwrap()
    );
    assert!(spec.series[0].times_ms.contains(&deepest.0));
}

#[test]
fn the_summary_says_the_expected_value_its_range_and_what_was_seen() {
    let (spec, ranges) = simulated();
    let range = &ranges[0];
    let &(t, expected, high, low) = range
        .points
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap();
    let i = spec.series[0]
        .times_ms
        .iter()
        .position(|x| *x == t)
        .unwrap();
    let actual = spec.series[0].values[i].unwrap() * spec.series[0].unit.to_base_factor() / 1e18;
    let text = summary(&spec, english());
    let show = |v: f64| format_display(v, "EH/s");
    let said = format!(
        "had 13.2% gone dark, it would have shown about {} on 6 Jan 2022 (95% range {} to {}), and it showed {}",
        show(expected),
        show(low),
        show(high),
        show(actual)
    );
    assert!(text.contains(&said), "{said}\nnot in\n{text}");
    // In German too, each number in its style.
    let german = summary(&spec, &Locale::for_tag("de-DE"));
    assert!(
        german.contains("wären 13,2\u{a0}% ausgefallen")
            || german.contains("wären 13,2 % ausgefallen"),
        "{german}"
    );
}

#[test]
fn the_table_has_the_expected_value_and_its_range_as_columns() {
    let (spec, ranges) = simulated();
    let mut table = table_in(&spec, english());
    let before = table.columns.len();
    add_expected(&mut table, &ranges, english());
    let labels: Vec<&str> = table.columns[before..]
        .iter()
        .map(|c| c.label.as_str())
        .collect();
    assert_eq!(
        labels,
        [
            "Expected if 13.2% had gone dark",
            "95% range, from",
            "95% range, to"
        ]
    );
    assert!(table.columns[before..].iter().all(|c| c.unit == "EH/s"));
    let mut filled = 0;
    for row in &table.rows {
        assert_eq!(row.values.len(), before + 3);
        match ranges[0].points.iter().find(|p| p.0 == row.time_ms) {
            Some(&(_, expected, high, low)) => {
                filled += 1;
                assert_eq!(
                    &row.values[before..],
                    &[Some(expected), Some(low), Some(high)]
                );
            }
            None => assert_eq!(&row.values[before..], &[None, None, None]),
        }
    }
    assert_eq!(filled, 4);
}

#[test]
fn the_read_out_names_the_expected_value_with_its_range() {
    let (spec, ranges) = simulated();
    let chart = layout(&spec, 800.0, 480.0, Theme::Light);
    let times = readout_times(&spec);
    let &(t, expected, high, low) = &ranges[0].points[2];
    let index = times.iter().position(|x| *x == t).unwrap();
    let r = readout(&spec, &chart, &times, index, &ranges, english()).expect("read-out");
    assert_eq!(r.entries.len(), 2, "the series and the expected value");
    let entry = &r.entries[1];
    assert_eq!(entry.label, "Expected if 13.2% had gone dark");
    assert_eq!(entry.value, Some(expected));
    assert_eq!(entry.color, chart.palette.counterfactual_line);
    let note = format!(
        "95% range {} to {}",
        format_display(low, "EH/s"),
        format_display(high, "EH/s")
    );
    assert_eq!(entry.note.as_deref(), Some(note.as_str()));
    // On the expected line: the marker sits where the line is drawn.
    let y = entry.y.expect("on the plot");
    assert!(y > chart.plot.y && y < chart.plot.bottom());
    // A time outside the range has the series alone.
    let r = readout(&spec, &chart, &times, 0, &ranges, english()).expect("read-out");
    assert_eq!(r.entries.len(), 1);
}

#[test]
fn a_title_that_asks_a_question_takes_no_full_stop() {
    let spec = parse_spec(r#"{"title":"Did it drop?","series":[{"id":"h","unit":"EH/s","points":[["2022-01-01",1],["2022-01-02",2]]}]}"#).unwrap();
    let text = summary(&spec, english());
    assert!(text.starts_with("Chart: Did it drop? Time axis"), "{text}");
}
