//! Validation: one test per rule of the spec's data contract (README "Data format"),
//! each asserting the JSON path and the words of the error.

mod common;

use hashrate_outage_chart::spec::{parse_spec, Axis, Theme};
use hashrate_outage_chart::text::units::Unit;

fn error_of(json: &str) -> String {
    match parse_spec(json) {
        Ok(_) => panic!("expected an error for {json}"),
        Err(e) => e.to_string(),
    }
}

fn series_with(points: &str) -> String {
    format!(r#"{{"series":[{{"id":"h","unit":"TH/s","points":{points}}}]}}"#)
}

const JAN5: i64 = 1_641_340_800_000; // 2022-01-05T00:00:00Z
const HOUR: i64 = 3_600_000;

#[test]
fn the_readme_example_is_valid() {
    let example = include_str!("fixtures/readme_example.json");
    let spec = parse_spec(example).expect("README example validates");
    assert_eq!(spec.series.len(), 2);
    assert_eq!(
        spec.series[0].times_ms,
        vec![JAN5 - 24 * HOUR, JAN5, JAN5 + 24 * HOUR]
    );
    assert_eq!(
        spec.series[0].values,
        vec![Some(177400000.0), Some(181000000.0), None]
    );
    assert_eq!(spec.series[1].axis, Axis::Right);
    assert_eq!(spec.series[1].unit, Unit::Percent);
    assert_eq!(spec.outages[0].start_ms, JAN5 + 11 * HOUR);
    assert_eq!(spec.annotations[0].series, Some(0));
    assert_eq!(spec.options.theme, Theme::Light);
}

#[test]
fn a_date_alone_is_midnight_utc_and_a_date_time_without_offset_is_utc() {
    let spec = parse_spec(&series_with(
        r#"[["2022-01-05", 1], ["2022-01-05T11:00:00", 2], ["2022-01-05T13:00:00+01:00", 3], [1641394800000, 4]]"#,
    ))
    .expect("valid");
    assert_eq!(
        spec.series[0].times_ms,
        vec![JAN5, JAN5 + 11 * HOUR, JAN5 + 12 * HOUR, JAN5 + 15 * HOUR]
    );
}

#[test]
fn unix_seconds_are_an_error_that_says_so() {
    let e = error_of(&series_with("[[1641340800, 1]]"));
    assert!(e.starts_with("series[0].points[0][0]: "), "{e}");
    assert!(e.contains("looks like Unix seconds"), "{e}");
    assert!(e.contains("1641340800000"), "{e}");
}

#[test]
fn fractional_and_out_of_range_times_are_errors() {
    let e = error_of(&series_with("[[1641340800000.5, 1]]"));
    assert!(e.contains("integer number of Unix milliseconds"), "{e}");
    let e = error_of(&series_with(r#"[["2300-01-01", 1]]"#));
    assert!(e.contains("2200-01-01"), "{e}");
    let e = error_of(&series_with(r#"[["5 January 2022", 1]]"#));
    assert!(e.starts_with("series[0].points[0][0]: "), "{e}");
    assert!(e.contains("ISO 8601"), "{e}");
}

#[test]
fn columns_t_and_v_must_have_equal_length() {
    let ok = parse_spec(
        r#"{"series":[{"id":"c","unit":"%","t":[1641340800000,1641344400000],"v":[100,5]}]}"#,
    )
    .expect("valid");
    assert_eq!(ok.series[0].values, vec![Some(100.0), Some(5.0)]);
    let e = error_of(
        r#"{"series":[{"id":"c","unit":"%","t":[1641340800000,1641344400000],"v":[100]}]}"#,
    );
    assert!(e.starts_with("series[0].v: "), "{e}");
    assert!(e.contains("\"t\" has 2, \"v\" has 1"), "{e}");
}

#[test]
fn points_and_columns_are_exclusive_and_one_is_required() {
    let e = error_of(r#"{"series":[{"id":"c","unit":"%","points":[],"t":[],"v":[]}]}"#);
    assert!(e.contains("not both"), "{e}");
    let e = error_of(r#"{"series":[{"id":"c","unit":"%"}]}"#);
    assert!(e.starts_with("series[0]: "), "{e}");
    assert!(e.contains("\"points\""), "{e}");
}

#[test]
fn times_must_be_strictly_ascending() {
    let e = error_of(&series_with(r#"[["2022-01-05", 1], ["2022-01-04", 2]]"#));
    assert!(
        e.starts_with("series[0].points[1][0]: times must be strictly ascending"),
        "{e}"
    );
    let e = error_of(&series_with(
        r#"[["2022-01-05", 1], ["2022-01-05T00:00:00Z", 2]]"#,
    ));
    assert!(e.contains("repeats the previous time"), "{e}");
    let e = error_of(
        r#"{"series":[{"id":"c","unit":"%","t":[1641340800000,1641340800000],"v":[1,2]}]}"#,
    );
    assert!(e.starts_with("series[0].t[1]: "), "{e}");
}

#[test]
fn null_is_a_gap_and_other_values_must_be_numbers() {
    let spec =
        parse_spec(&series_with(r#"[["2022-01-05", null], ["2022-01-06", 3]]"#)).expect("valid");
    assert_eq!(spec.series[0].values, vec![None, Some(3.0)]);
    let e = error_of(&series_with(r#"[["2022-01-05", "181"]]"#));
    assert_eq!(
        e,
        "series[0].points[0][1]: expected a number or null (a gap), got a string"
    );
    let e = error_of(&series_with(r#"[["2022-01-05", 1, 2]]"#));
    assert!(
        e.starts_with("series[0].points[0]: expected a [time, value] pair"),
        "{e}"
    );
}

#[test]
fn negative_hash_rate_is_an_error_but_other_units_may_be_negative() {
    let e = error_of(&series_with(r#"[["2022-01-05", -1]]"#));
    assert!(e.contains("cannot be negative"), "{e}");
    parse_spec(r#"{"series":[{"id":"d","unit":"%","points":[["2022-01-05",-12.5]]}]}"#)
        .expect("negative percent is fine");
}

#[test]
fn units_are_recognised() {
    for (text, expected) in [
        ("H/s", Unit::HashRate(0)),
        ("TH/s", Unit::HashRate(4)),
        ("EH/s", Unit::HashRate(6)),
        ("ZH/s", Unit::HashRate(7)),
        ("%", Unit::Percent),
        ("blocks/day", Unit::Other("blocks/day".into())),
    ] {
        let spec = parse_spec(&format!(
            r#"{{"series":[{{"id":"a","unit":"{text}","points":[["2022-01-05",1]]}}]}}"#
        ))
        .expect("valid");
        assert_eq!(spec.series[0].unit, expected, "{text}");
    }
    let e = error_of(r#"{"series":[{"id":"a","points":[["2022-01-05",1]]}]}"#);
    assert!(e.starts_with("series[0].unit: is required"), "{e}");
}

#[test]
fn axis_defaults_to_left_and_rejects_other_words() {
    let spec = parse_spec(&series_with(r#"[["2022-01-05", 1]]"#)).expect("valid");
    assert_eq!(spec.series[0].axis, Axis::Left);
    let e =
        error_of(r#"{"series":[{"id":"a","unit":"%","axis":"top","points":[["2022-01-05",1]]}]}"#);
    assert_eq!(
        e,
        "series[0].axis: expected \"left\" or \"right\", got \"top\""
    );
}

#[test]
fn different_units_cannot_share_an_axis() {
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"TH/s","points":[["2022-01-05",1]]},{"id":"b","unit":"%","points":[["2022-01-05",1]]}]}"#,
    );
    assert!(e.starts_with("series[1].unit: "), "{e}");
    assert!(e.contains("\"axis\": \"right\""), "{e}");
    // Hash-rate units convert, so they may share.
    parse_spec(r#"{"series":[{"id":"a","unit":"TH/s","points":[["2022-01-05",1]]},{"id":"b","unit":"EH/s","points":[["2022-01-05",1]]}]}"#).expect("valid");
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let e = error_of(r#"{"serie":[]}"#);
    assert!(
        e.starts_with("serie: unknown key; did you mean \"series\"?"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]],"colour":"red"}]}"#,
    );
    assert!(e.starts_with("series[0].colour: unknown key"), "{e}");
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"thme":"dark"}}"#,
    );
    assert!(
        e.starts_with("options.thme: unknown key; did you mean \"theme\"?"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"outages":[{"start":"2022-01-05","end":"2022-01-06","lable":"x"}]}"#,
    );
    assert!(
        e.starts_with("outages[0].lable: unknown key; did you mean \"label\"?"),
        "{e}"
    );
}

#[test]
fn series_are_required_non_empty_and_uniquely_named() {
    assert!(error_of("{}").starts_with("series: is required"));
    assert!(error_of(r#"{"series":[]}"#).starts_with("series: expected at least one series"));
    assert!(
        error_of(&series_with("[]")).starts_with("series[0].points: expected at least one point")
    );
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]},{"id":"a","unit":"%","points":[["2022-01-05",1]]}]}"#,
    );
    assert!(
        e.starts_with("series[1].id: \"a\" is already the id of series[0]"),
        "{e}"
    );
}

#[test]
fn outages_need_an_end_after_the_start() {
    let base =
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"outages":[OUTAGE]}"#;
    let e = error_of(&base.replace("OUTAGE", r#"{"start":"2022-01-07","end":"2022-01-05"}"#));
    assert!(
        e.starts_with("outages[0].end: expected the end after the start"),
        "{e}"
    );
    let e = error_of(&base.replace("OUTAGE", r#"{"end":"2022-01-05"}"#));
    assert!(e.starts_with("outages[0].start: is required"), "{e}");
}

#[test]
fn annotations_refer_to_existing_series() {
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"annotations":[{"at":"2022-01-05","text":"x","series":"b"}]}"#,
    );
    assert_eq!(
        e,
        "annotations[0].series: no series has the id \"b\"; expected one of \"a\""
    );
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"annotations":[{"at":"2022-01-05"}]}"#,
    );
    assert!(e.starts_with("annotations[0].text: is required"), "{e}");
}

#[test]
fn options_theme_and_time_zone() {
    let spec = parse_spec(r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"theme":"dark","timeZone":"+06:00"}}"#).expect("valid");
    assert_eq!(spec.options.theme, Theme::Dark);
    assert_eq!(spec.options.time_zone.offset_at(0), 360);
    assert!(!spec.options.time_zone.named);
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"theme":"sepia"}}"#,
    );
    assert_eq!(
        e,
        "options.theme: expected \"light\", \"dark\" or \"auto\", got \"sepia\""
    );
    let auto = parse_spec(r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"theme":"auto"}}"#).expect("valid");
    assert!(auto.options.theme_auto);
    assert_eq!(auto.options.theme, Theme::Light);
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"timeZone":"Mars/Olympus"}}"#,
    );
    assert!(
        e.starts_with("options.timeZone: unknown time zone \"Mars/Olympus\""),
        "{e}"
    );
    // Not the shape of a zone at all: the syntax error lists every accepted form.
    let e = error_of(
        r#"{"series":[{"id":"a","unit":"%","points":[["2022-01-05",1]]}],"options":{"timeZone":"six hours east"}}"#,
    );
    assert!(e.contains("or an IANA name like Asia/Almaty"), "{e}");
}

#[test]
fn a_named_zone_gets_its_offsets_over_the_data() {
    // Almaty: UTC+6 until 1 March 2024, then UTC+5; the span reaches both sides.
    let spec = parse_spec(r#"{"series":[{"id":"a","unit":"%","points":[["2024-02-20",1],["2024-03-10",2]]}],"options":{"timeZone":"Asia/Almaty"}}"#).expect("valid");
    let zone = &spec.options.time_zone;
    assert!(zone.named);
    assert_eq!(zone.name, "Asia/Almaty");
    assert_eq!(zone.initial, 360);
    assert_eq!(zone.transitions.len(), 1, "{zone:?}");
    assert_eq!(zone.offset_at(1_710_000_000_000), 300);
    assert_eq!(zone.label(), "Asia/Almaty");
    // Berlin over a year: two changes, summer time in between.
    let spec = parse_spec(r#"{"series":[{"id":"a","unit":"%","points":[["2024-01-02",1],["2024-12-30",2]]}],"options":{"timeZone":"Europe/Berlin"}}"#).expect("valid");
    let offsets: Vec<i32> = spec
        .options
        .time_zone
        .transitions
        .iter()
        .map(|t| t.1)
        .collect();
    assert_eq!(offsets, vec![120, 60]);
}

#[test]
fn wrong_types_name_the_path() {
    assert_eq!(
        error_of("[]"),
        "expected the chart spec as a JSON object, got an array"
    );
    assert_eq!(
        error_of(r#"{"series":{}}"#),
        "series: expected an array of series objects, got an object"
    );
    assert_eq!(
        error_of(r#"{"title":5,"series":[]}"#),
        "title: expected a string, got a number"
    );
    assert_eq!(
        error_of(r#"{"series":[7]}"#),
        "series[0]: expected a series object, got a number"
    );
}

#[test]
fn malformed_json_says_where() {
    let e = error_of("{\"series\": [\n  {\"id\": \"a\",,}\n]}");
    assert!(e.starts_with("invalid JSON at line 2, column "), "{e}");
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = error_of(&deep);
    assert!(e.starts_with("invalid JSON"), "{e}");
}

#[test]
fn blocks_share_and_analysis_options_are_validated() {
    let spec = parse_spec(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1],["2022-01-06",2]],"blocks":[150,null]}],
            "outages":[{"start":"2022-01-05","end":"2022-01-06","share":0.132}],
            "options":{"impact":false,"baselineDays":7,"rollingAverage":7,"rollingAlign":"trailing","showRaw":false}}"#,
    )
    .expect("valid");
    assert_eq!(spec.series[0].blocks, Some(vec![Some(150.0), None]));
    assert_eq!(spec.outages[0].share, Some(0.132));
    assert!(!spec.options.impact && !spec.options.show_raw && !spec.options.rolling_centred);
    assert_eq!(
        (
            spec.options.baseline_days,
            spec.options.rolling_average_days
        ),
        (7, Some(7))
    );

    let e = error_of(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]],"blocks":[1,2]}]}"#,
    );
    assert!(
        e.starts_with("series[0].blocks: expected one block count per point"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]],"blocks":[-3]}]}"#,
    );
    assert!(
        e.starts_with("series[0].blocks[0]: expected a whole number of blocks"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]]}],"outages":[{"start":"2022-01-05","end":"2022-01-06","share":13.2}]}"#,
    );
    assert!(
        e.starts_with("outages[0].share: expected a fraction of the hash rate from 0 to 1"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]]}],"options":{"rollingAverage":1}}"#,
    );
    assert!(
        e.starts_with("options.rollingAverage: expected a whole number of days from 2 to 365"),
        "{e}"
    );
    let e = error_of(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]]}],"options":{"impact":"yes"}}"#,
    );
    assert_eq!(e, "options.impact: expected true or false, got a string");
}

#[test]
fn typed_columns_replace_a_series_and_name_bad_values() {
    use hashrate_outage_chart::spec::set_columns;
    let mut spec = parse_spec(
        r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]],"blocks":[144]}]}"#,
    )
    .expect("valid");
    let t: Vec<f64> = (0..1000).map(|i| 1.6e12 + f64::from(i) * 3.6e6).collect();
    let mut v: Vec<f64> = (0..1000).map(f64::from).collect();
    v[10] = f64::NAN;
    set_columns(&mut spec, 0, &t, &v, None).expect("valid columns");
    assert_eq!(spec.series[0].times_ms.len(), 1000);
    assert_eq!(spec.series[0].values[10], None, "NaN is a gap");
    assert_eq!(spec.series[0].blocks, None);
    let before = spec.clone();
    let mut bad = t.clone();
    bad[5] = bad[4];
    assert_eq!(
        set_columns(&mut spec, 0, &bad, &v, None).map_err(|e| e.to_string()),
        Err("series[0].t[5]: times must be strictly ascending".into())
    );
    let mut inf = v.clone();
    inf[7] = f64::INFINITY;
    assert!(set_columns(&mut spec, 0, &t, &inf, None)
        .expect_err("infinite")
        .to_string()
        .starts_with("series[0].v[7]: expected a finite number"));
    let mut neg = v.clone();
    neg[3] = -1.0;
    assert!(set_columns(&mut spec, 0, &t, &neg, None)
        .expect_err("negative")
        .to_string()
        .contains("cannot be negative"));
    assert!(
        set_columns(&mut spec, 1, &t, &v, None).is_err(),
        "no second series"
    );
    assert!(
        set_columns(&mut spec, 0, &t[..3], &v, None).is_err(),
        "lengths differ"
    );
    // Block counts travel with their points; a bad one is named by its path.
    let mut blocks: Vec<f64> = (0..1000).map(|i| f64::from(140 + i % 9)).collect();
    blocks[2] = 1.5;
    assert_eq!(
        set_columns(&mut spec, 0, &t, &v, Some(&blocks)).map_err(|e| e.to_string()),
        Err(
            "series[0].blocks[2]: expected a whole number of blocks (0 or more) or null, got 1.5"
                .into()
        )
    );
    assert!(set_columns(&mut spec, 0, &t, &v, Some(&blocks[..9]))
        .expect_err("short")
        .to_string()
        .contains("1000 points, 9 block counts"));
    assert_eq!(spec, before, "failed calls change nothing");
    blocks[2] = f64::NAN;
    set_columns(&mut spec, 0, &t, &v, Some(&blocks)).expect("valid blocks");
    let kept = spec.series[0].blocks.as_ref().expect("blocks kept");
    assert_eq!((kept.len(), kept[2], kept[3]), (1000, None, Some(143.0)));
}

#[test]
fn a_log_scale_takes_only_positive_values_and_names_the_first_that_is_not() {
    let ok = parse_spec(
        r#"{"series":[{"id":"h","unit":"H/s","points":[["2009-01-09",944495],["2009-01-10",null]]}],"options":{"scale":"log"}}"#,
    )
    .expect("valid");
    assert!(ok.options.log_scale);
    let zero = parse_spec(
        r#"{"series":[{"id":"h","unit":"H/s","points":[["2009-01-09",944495],["2009-01-10",0]]}],"options":{"scale":"log"}}"#,
    )
    .expect_err("zero on a log scale");
    assert_eq!(zero.path, "series[0]");
    assert!(
        zero.message.contains("value 1 (10 Jan 2009") && zero.message.contains("log scale"),
        "{zero}"
    );
    let bad = parse_spec(r#"{"series":[{"id":"h","unit":"H/s","points":[["2009-01-09",1]]}],"options":{"scale":"ln"}}"#)
        .expect_err("unknown scale");
    assert_eq!(
        bad.to_string(),
        "options.scale: expected \"linear\" or \"log\", got \"ln\""
    );
}

#[test]
fn typed_columns_and_json_text_follow_one_validator() {
    use hashrate_outage_chart::spec::set_columns;
    // (times, values) that must fail, each the same way on both paths.
    let day = 86_400_000.0;
    let t0 = 1_641_340_800_000.0; // 5 Jan 2022
    let cases: Vec<(&str, Vec<f64>, Vec<f64>)> = vec![
        (
            "Unix seconds",
            vec![1_641_340_800.0, 1_641_427_200.0],
            vec![1.0, 2.0],
        ),
        ("before 1900", vec![-2.3e12, t0], vec![1.0, 2.0]),
        ("negative hash rate", vec![t0, t0 + day], vec![1.0, -2.0]),
        ("not ascending", vec![t0 + day, t0], vec![1.0, 2.0]),
    ];
    for (name, t, v) in cases {
        let json = format!(
            r#"{{"series":[{{"id":"h","unit":"EH/s","t":[{}],"v":[{}]}}]}}"#,
            t.iter()
                .map(|x| format!("{x:.0}"))
                .collect::<Vec<_>>()
                .join(","),
            v.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        let from_json = parse_spec(&json).expect_err(name);
        let mut spec =
            parse_spec(r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]]}]}"#)
                .expect("valid");
        let from_columns = set_columns(&mut spec, 0, &t, &v, None).expect_err(name);
        // The same rule: the same place (series[0].t[k] / .v[k]) and, for the value and time
        // rules, the same words.
        assert_eq!(from_columns.path, from_json.path, "{name}");
        if name != "not ascending" {
            assert_eq!(from_columns.message, from_json.message, "{name}");
        }
    }
}

#[test]
fn an_ongoing_outage_runs_to_the_end_of_the_data_and_is_closed_by_a_later_spec() {
    use crate::common::layout;
    use hashrate_outage_chart::analysis::spec_impacts;
    use hashrate_outage_chart::explain::summary::summary;
    use hashrate_outage_chart::layout::Shape;
    use hashrate_outage_chart::text::i18n::{english, Locale};
    use hashrate_outage_chart::Theme;
    let days: Vec<String> = (1..=40)
        .map(|d| {
            let day = if d <= 31 {
                format!("2022-01-{d:02}")
            } else {
                format!("2022-02-{:02}", d - 31)
            };
            format!("[\"{day}\", {}]", 180 + (d * 7) % 11)
        })
        .collect();
    let spec_with = |end: &str| {
        format!(
            r#"{{"series":[{{"id":"hashrate","unit":"EH/s","points":[{}]}}],
               "outages":[{{"start":"2022-02-07T06:00:00Z"{end},"label":"Shutdown"}}]}}"#,
            days.join(",")
        )
    };
    let day = 86_400_000i64;
    let data_end = hashrate_outage_chart::time::parse_iso8601("2022-02-10").unwrap();
    for end in ["", r#","end":"ongoing""#, r#","end":null"#] {
        let spec = parse_spec(&spec_with(end)).unwrap_or_else(|e| panic!("{end}: {e}"));
        let outage = &spec.outages[0];
        assert!(outage.ongoing, "{end}");
        assert_eq!(
            outage.end_ms, data_end,
            "to the end of the last day's period"
        );
        // Measured so far, on the days before it (there are none after).
        let impacts = spec_impacts(&spec);
        let impact = impacts[0].as_ref().expect("measured");
        assert!(impact.after.is_none());
        assert!(impact.detectable.is_some());
        // Labelled ongoing, in the reader's language; drawn with no closing edge.
        assert!(summary(&spec, english()).contains("Shutdown (ongoing)"));
        assert!(summary(&spec, &Locale::for_tag("de")).contains("Shutdown (andauernd)"));
        let chart = layout(&spec, 800.0, 450.0, Theme::Light);
        let band = &chart.bands[0];
        let edges: Vec<f64> = chart
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Rect { rect, color }
                    if *color == chart.palette.band_edge && rect.width <= 1.0 =>
                {
                    Some(rect.x + 0.5)
                }
                _ => None,
            })
            .collect();
        assert!(
            edges.iter().any(|x| (x - band.x0).abs() < 1e-6),
            "the opening edge"
        );
        assert!(
            !edges.iter().any(|x| (x - band.x1).abs() < 1e-6),
            "no closing edge"
        );
    }
    // A later spec gives the end: closed, with both edges and no "ongoing".
    let closed = parse_spec(&spec_with(r#","end":"2022-02-08T18:00:00Z""#)).expect("valid");
    assert!(!closed.outages[0].ongoing);
    assert!(!summary(&closed, english()).contains("ongoing"));
    // An ongoing outage cannot start after the data ends.
    let late = spec_with("").replace("2022-02-07T06:00:00Z", "2022-02-11T00:00:00Z");
    let error = parse_spec(&late).expect_err("refused").to_string();
    assert!(
        error.starts_with(
            "outages[0].start: an ongoing outage (no end) must start before the data ends"
        ),
        "{error}"
    );
    // New data moves its end along (the typed-column path).
    let mut spec = parse_spec(&spec_with("")).expect("valid");
    let times: Vec<f64> = (0..45)
        .map(|d| {
            (hashrate_outage_chart::time::parse_iso8601("2022-01-01").unwrap() + d * day) as f64
        })
        .collect();
    let values: Vec<f64> = (0..45).map(|d| 180.0 + d as f64 % 5.0).collect();
    hashrate_outage_chart::spec::set_columns(&mut spec, 0, &times, &values, None).expect("set");
    assert_eq!(
        spec.outages[0].end_ms,
        hashrate_outage_chart::time::parse_iso8601("2022-02-15").unwrap()
    );
}

#[test]
fn updated_stamps_the_footer_in_the_charts_words_and_zone() {
    use crate::common::layout;
    use hashrate_outage_chart::layout::{Shape, TextRole};
    use hashrate_outage_chart::Theme;
    let with = |updated: &str, options: &str| {
        format!(
            r#"{{"source":"Source: blockchain.com","updated":{updated},"options":{{{options}}},
               "series":[{{"id":"h","unit":"EH/s","points":[["2022-01-05",180],["2022-01-06",170],["2022-01-07",175]]}}]}}"#
        )
    };
    let footer = |json: &str| -> String {
        let spec = parse_spec(json).unwrap_or_else(|e| panic!("{json}: {e}"));
        let chart = layout(&spec, 800.0, 450.0, Theme::Light);
        chart
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text(t) if t.role == TextRole::Source => Some(t.text.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    // An ISO date-time or Unix ms; the stamp follows the source, in the chart's zone.
    let spec = parse_spec(&with(r#""2022-01-07T14:05:00Z""#, "")).expect("valid");
    assert_eq!(
        spec.updated,
        Some(JAN5 + 2 * 24 * HOUR + 14 * HOUR + 5 * 60_000)
    );
    assert_eq!(
        footer(&with(r#""2022-01-07T14:05:00Z""#, "")),
        "Source: blockchain.com · Updated 7 Jan 2022, 14:05 UTC"
    );
    let ms = JAN5 + 2 * 24 * HOUR + 14 * HOUR + 5 * 60_000;
    assert_eq!(
        footer(&with(&ms.to_string(), r#""timeZone":"+06:00""#)),
        "Source: blockchain.com · Updated 7 Jan 2022, 20:05 UTC+06:00"
    );
    // Without `updated`, no stamp.
    let plain = with("0", "").replace(r#""updated":0,"#, "");
    assert_eq!(footer(&plain), "Source: blockchain.com");
    // Anything else is refused by path.
    let error = error_of(&with(r#""last Tuesday""#, ""));
    assert!(error.starts_with("updated: "), "{error}");
    let error = error_of(&with("true", ""));
    assert!(error.starts_with("updated: expected a time"), "{error}");
}
