//! Impact analysis: the real January 2022 Kazakhstan data (read from ../shared/data, skipped
//! with a message when absent), synthetic series with a known answer, the calibration of the
//! 95 % interval on simulated block arrivals, and the block formula against the real
//! difficulty-epoch table.

use hashrate_outage_chart::analysis::blocks::{difficulty_from_nbits, hash_rate_hs};
use hashrate_outage_chart::analysis::simulate::{simulated_spec, SimOutage, SimParams};
use hashrate_outage_chart::analysis::{
    change_for, describe, describe_plain, impacts, ImpactOptions, Method,
};
use hashrate_outage_chart::layout::presentation::{parse_locale, Presentation};
use hashrate_outage_chart::parse_spec;
use hashrate_outage_chart::text::i18n::english;
use std::path::PathBuf;

fn shared_data(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data")
        .join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => panic!(
            "{} is absent: this real-data test needs ../shared/data (plain `cargo test` skips it)",
            path.display()
        ),
    }
}

/// (date, EH/s, blocks) rows of kz_2022_window_daily.csv.
fn kz_rows(text: &str) -> Vec<(String, f64, u64)> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (date, rate, blocks) = (
        col("date_utc"),
        col("bitcoinvisuals_hash_rate_eh_per_s"),
        col("blocks_per_day_bitcoinvisuals"),
    );
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[date].to_string(),
                f[rate].parse().expect("rate"),
                f[blocks].parse().expect("blocks"),
            )
        })
        .collect()
}

fn kz_spec(rows: &[(String, f64, u64)], with_blocks: bool) -> String {
    let points: Vec<String> = rows
        .iter()
        .map(|(d, r, _)| format!("[\"{d}\", {r}]"))
        .collect();
    let blocks: Vec<String> = rows.iter().map(|(_, _, b)| b.to_string()).collect();
    let blocks = if with_blocks {
        format!(", \"blocks\": [{}]", blocks.join(","))
    } else {
        String::new()
    };
    format!(
        r#"{{"series":[{{"id":"hashrate","unit":"EH/s","points":[{}]{blocks}}}],
            "outages":[{{"start":"2022-01-05T11:00:00Z","end":"2022-01-06T23:00:00Z","label":"Nationwide blackout (36 h)"}},
                       {{"start":"2022-01-04","end":"2022-01-11","label":"Shutdown, Access Now dates"}}]}}"#,
        points.join(",")
    )
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn kazakhstan_2022_shutdown_is_not_a_significant_change() {
    let Some(text) = shared_data("kz_2022_window_daily.csv") else {
        return;
    };
    let rows = kz_rows(&text);
    assert_eq!(rows.len(), 77);
    for with_blocks in [true, false] {
        let spec = parse_spec(&kz_spec(&rows, with_blocks)).expect("valid spec");
        let results = impacts(&spec, ImpactOptions::default());
        assert_eq!(results.len(), 2);
        for r in &results {
            let i = r.as_ref().expect("measured");
            eprintln!(
                "{} blocks={with_blocks}: {}",
                spec.outages[i.outage].label.as_deref().unwrap_or(""),
                describe(i)
            );
            assert!(!i.significant, "{}", describe(i));
            assert!(i.ci95.0 < 0.0 && i.ci95.1 > 0.0);
            // The figures the README cites ("Checked on known episodes").
            let cited = [
                "−1.9% (95% CI −21% to +18%): within normal day-to-day variation; a loss under about 26% would not show",
                "−5.0% (95% CI −14% to +4.4%): within normal day-to-day variation; a loss under about 13% would not show",
            ];
            assert_eq!(describe(i), cited[i.outage], "blocks {with_blocks}");
            assert_eq!(
                i.method,
                if with_blocks {
                    Method::Poisson
                } else {
                    Method::BaselineVariability
                }
            );
            assert_eq!(i.unit, "EH/s");
            assert!(
                i.baseline_mean > 170.0 && i.baseline_mean < 185.0,
                "{}",
                i.baseline_mean
            );
        }
        // 36 hours of Kazakhstan's ~13 % would be a 13 % loss during those hours; the chart
        // says it could not have seen one under about 26 %: not "proof of no effect".
        let blackout = results[0].as_ref().expect("measured");
        assert!(blackout.ci95.0 < -0.13, "{:?}", blackout.ci95);
        assert!(
            blackout.detectable.is_some_and(|d| d > 0.13),
            "{:?}",
            blackout.detectable
        );
    }
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn blockchain_com_th_values_give_the_same_answer_in_eh() {
    let Some(text) = shared_data("blockchaincom_hash-rate_2021-12-01_2022-02-15.json") else {
        return;
    };
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["unit"], "Hash Rate TH/s");
    let values = json["values"].as_array().expect("values");
    let points: Vec<String> = values
        .iter()
        .map(|v| {
            format!(
                "[{}, {}]",
                v["x"].as_i64().expect("x") * 1000,
                v["y"].as_f64().expect("y")
            )
        })
        .collect();
    let spec = parse_spec(&format!(
        r#"{{"series":[{{"id":"h","unit":"TH/s","points":[{}]}}],"outages":[{{"start":"2022-01-05T11:00:00Z","end":"2022-01-06T23:00:00Z"}}]}}"#,
        points.join(",")
    ))
    .expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert_eq!(i.unit, "EH/s");
    assert!(!i.significant, "{}", describe(&i));
}

/// 14 days at 100 EH/s with 144 blocks, then two days at half: the answer is known exactly.
fn halved_spec(start: &str, end: &str, extra_outage: &str) -> String {
    let mut points = Vec::new();
    let mut blocks = Vec::new();
    for day in 1..=20 {
        let half = day == 15 || day == 16;
        points.push(format!(
            "[\"2022-03-{day:02}\", {}]",
            if half { 50 } else { 100 }
        ));
        blocks.push(if half { 72 } else { 144 }.to_string());
    }
    format!(
        r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}],"blocks":[{}]}}],"outages":[{{"start":"{start}","end":"{end}"}}{extra_outage}]}}"#,
        points.join(","),
        blocks.join(",")
    )
}

#[test]
fn a_halving_gives_the_analytic_change_and_interval() {
    let spec = parse_spec(&halved_spec("2022-03-15", "2022-03-17", "")).expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert_eq!(i.baseline_points, 14);
    assert!((i.baseline_mean - 100.0).abs() < 1e-9);
    assert!((i.during_mean - 50.0).abs() < 1e-9);
    assert!((i.change + 0.5).abs() < 1e-12);
    // Only 4 days follow the outage: a line through the 14 days before, extrapolated. The
    // baseline does not scatter beyond luck, so the dispersion is 1: the known Poisson
    // variance, and the normal quantile.
    assert!(i.after.is_none() && i.fit.trend);
    assert_eq!(i.dispersion, Some(1.0));
    // Var ln(day) = 1/N at the baseline's 144 blocks a day (the luck the days would have had
    // without the outage): the two days' mean 1/144 · 2/2²; the line at the outage's mean day
    // (16.0, the baseline's mean day 8.0, Sxx = 227.5) 1/144 · (1/14 + 8²/227.5).
    let var_d: f64 = (1.0 / 144.0) * 2.0 / 4.0;
    let var_b: f64 = (1.0 / 144.0) * (1.0 / 14.0 + 64.0 / 227.5);
    // Each end of the interval takes the luck of the loss it stands for: a day keeping 1 − L
    // of its blocks has Var ln = 1/(144 (1 − L)); so ln(1 − L) = ln 0.5 ∓ 1.96·se(L).
    let end = |q: f64| {
        let mut change: f64 = -0.5;
        for _ in 0..50 {
            let se = (var_d / (1.0 + change) + var_b).sqrt();
            change = 0.5 * (q * se).exp() - 1.0;
        }
        change
    };
    let (lo, hi) = (end(-1.959964), end(1.959964));
    assert!(
        (i.ci95.0 - lo).abs() < 1e-6 && (i.ci95.1 - hi).abs() < 1e-6,
        "{:?} vs ({lo}, {hi})",
        i.ci95
    );
    assert!(i.significant && i.clear);
    assert_eq!(describe(&i), "−50% (95% CI −59% to −40%): a clear drop");
    assert_eq!(
        describe_plain(&i, english()),
        "−50%: a clear drop (plausible range −59% to −40%)"
    );
}

/// One day of `during` blocks after 14 days of 144 (the same difficulty: value ∝ blocks).
fn one_day_spec(during: u32) -> String {
    let mut points = Vec::new();
    let mut blocks = Vec::new();
    for day in 1..=16 {
        let n = if day == 15 { during } else { 144 };
        points.push(format!("[\"2022-03-{day:02}\", {n}]"));
        blocks.push(n.to_string());
    }
    format!(
        r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}],"blocks":[{}]}}],"outages":[{{"start":"2022-03-15","end":"2022-03-16"}}]}}"#,
        points.join(","),
        blocks.join(",")
    )
}

#[test]
fn the_verdict_says_clear_only_when_chance_could_hardly_explain_it() {
    let verdict_for = |during: u32| {
        let spec = parse_spec(&one_day_spec(during)).expect("valid");
        impacts(&spec, ImpactOptions::default())
            .remove(0)
            .expect("measured")
    };
    // 115 of 144 blocks: z ≈ 2.35, outside the 95 % interval, inside the 99 % one.
    let possible = verdict_for(115);
    assert!(possible.significant && !possible.clear, "{possible:?}");
    let plain = describe_plain(&possible, english());
    assert!(
        plain == "−20%: a possible drop (plausible range −36% to −3.4%)",
        "{plain}"
    );
    // 100 of 144: z ≈ 3.6, a clear drop.
    let clear = verdict_for(100);
    assert!(clear.clear);
    assert!(describe_plain(&clear, english()).contains(": a clear drop (plausible range"));
    // 130 of 144: within normal variation, said in plain words.
    let normal = describe_plain(&verdict_for(130), english());
    assert!(
        normal.starts_with("−9.7%: within normal day-to-day variation (plausible range −"),
        "{normal}"
    );
    for text in [&plain, &normal] {
        assert!(
            !text.contains("CI"),
            "no statistical jargon on the chart: {text}"
        );
        assert!(!text.contains(" %"), "English sets % close: {text}");
    }
}

#[test]
fn german_numbers_on_the_verdict_follow_the_locale() {
    let spec = parse_spec(&one_day_spec(130)).expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    let de = Presentation {
        locale: parse_locale(r#"{"tag":"de-DE"}"#).expect("valid"),
        ..Presentation::default()
    };
    let text = describe_plain(&i, &de.locale);
    assert!(
        text.starts_with(
            "−9,7\u{a0}%: im Rahmen der üblichen Schwankung von Tag zu Tag (plausible Spanne −"
        ),
        "{text}"
    );
    assert!(!text.contains("CI") && !text.contains('.'), "{text}");
    assert_eq!(
        text.matches("\u{a0}%").count(),
        4,
        "every percentage in German style: {text}"
    );
    // Within normal variation, it says what could have hidden in the noise.
    assert!(
        text.ends_with("; ein Verlust unter etwa 25\u{a0}% wäre nicht zu sehen"),
        "{text}"
    );
    // The English words are unchanged by the German numbers of another chart.
    assert!(describe_plain(&i, english()).starts_with("−9.7%: within normal day-to-day variation"));
}

#[test]
fn partial_days_are_weighted_by_overlap() {
    // Noon on the 14th to noon on the 16th: half of day 14 (100), all of 15 (50), half of 16 (50).
    let spec = parse_spec(&halved_spec(
        "2022-03-14T12:00:00Z",
        "2022-03-16T12:00:00Z",
        "",
    ))
    .expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert!((i.during_weight - 2.0).abs() < 1e-9);
    // The geometric mean, weighted by overlap.
    let logs = (0.5 * 100f64.ln() + 50f64.ln() + 0.5 * 50f64.ln()) / 2.0;
    assert!((i.during_mean - logs.exp()).abs() < 1e-9);
    // The baseline ends where the first touched day begins: the 14th is not in it.
    assert_eq!(i.baseline_points, 13);
}

#[test]
fn baseline_skips_days_inside_other_outages() {
    let spec = parse_spec(&halved_spec(
        "2022-03-15",
        "2022-03-17",
        r#",{"start":"2022-03-05","end":"2022-03-08"}"#,
    ))
    .expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert_eq!(
        i.baseline_points, 11,
        "three days inside the other outage are skipped"
    );
    let i = impacts(&spec, ImpactOptions { baseline_days: 7 })
        .remove(0)
        .expect("measured");
    assert_eq!(i.baseline_points, 7);
}

#[test]
fn without_a_baseline_the_outage_is_not_measured() {
    let spec = parse_spec(&halved_spec("2022-03-02", "2022-03-03", "")).expect("valid");
    let e = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect_err("no baseline");
    assert!(e.reason.contains("baseline"), "{}", e.reason);
}

fn simulated(seed: u64, share: f64) -> hashrate_outage_chart::Spec {
    let day = 86_400_000;
    let start = 1_640_995_200_000; // 2022-01-01
    let p = SimParams {
        hash_rate_ehs: 176.0,
        difficulty: None,
        start_ms: start,
        days: 24,
        seed,
        outages: vec![SimOutage {
            start_ms: start + 18 * day + 11 * 3_600_000,
            end_ms: start + 18 * day + 47 * 3_600_000,
            share,
            label: "blackout".into(),
        }],
    };
    let value = simulated_spec(&p, None);
    parse_spec(&value.to_string()).expect("the simulator writes valid specs")
}

#[test]
fn the_poisson_interval_covers_no_change_about_95_percent_of_the_time() {
    let runs = 400;
    let covered = (0..runs)
        .filter(|seed| {
            let i = impacts(&simulated(*seed, 0.0), ImpactOptions::default())
                .remove(0)
                .expect("measured");
            !i.significant
        })
        .count();
    let rate = covered as f64 / runs as f64;
    // Binomial sd at 95 % over 400 runs is 1.1 %.
    assert!((0.91..=0.985).contains(&rate), "coverage {rate}");
}

#[test]
fn a_total_blackout_of_half_the_network_for_36_hours_is_detected() {
    let detected = (0..100)
        .filter(|seed| {
            let i = impacts(&simulated(1000 + seed, 0.5), ImpactOptions::default())
                .remove(0)
                .expect("measured");
            i.significant && i.change < 0.0
        })
        .count();
    assert!(detected >= 90, "detected {detected} of 100");
}

#[test]
#[ignore = "needs ../shared/data (real data): `make test` runs it when the folder is there"]
fn difficulty_epochs_check_the_block_formula() {
    let Some(text) = shared_data("btc_difficulty_epochs.csv") else {
        return;
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (dur, diff, nbits, rate) = (
        col("epoch_duration_s"),
        col("difficulty"),
        col("nbits_hex"),
        col("mean_hash_rate_eh_per_s"),
    );
    let mut checked = 0;
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let nb = u32::from_str_radix(f[nbits], 16).expect("hex nbits");
        let d = difficulty_from_nbits(nb).expect("valid nbits");
        let listed: f64 = f[diff].parse().expect("difficulty");
        assert!(
            (d - listed).abs() <= 0.005 + listed * 1e-9,
            "nbits {} gives {d}, table says {listed}",
            f[nbits]
        );
        let seconds: f64 = f[dur].parse().expect("duration");
        let ehs = hash_rate_hs(2016.0, d, seconds) / 1e18;
        let listed_rate: f64 = f[rate].parse().expect("rate");
        assert!(
            (ehs - listed_rate).abs() <= 0.0005 + listed_rate * 1e-6,
            "epoch {line}: {ehs} vs {listed_rate}"
        );
        checked += 1;
    }
    assert!(checked > 400, "checked {checked} epochs");
}

/// 30 days at a level with a ±4 % zig-zag (so the baseline has scatter), the hash rate at
/// `1 − loss` for the outage's own hours: each day's value and blocks are its covered share's
/// loss, as a real part-day outage leaves them.
fn part_day_spec(start: &str, end: &str, loss: f64, with_blocks: bool) -> String {
    let (o0, o1) = (
        hashrate_outage_chart::time::parse_iso8601(start).expect("start"),
        hashrate_outage_chart::time::parse_iso8601(end).expect("end"),
    );
    let day_ms = 86_400_000i64;
    let first = hashrate_outage_chart::time::parse_iso8601("2022-03-01").expect("day");
    let mut points = Vec::new();
    let mut blocks = Vec::new();
    for d in 0..30 {
        let t = first + d * day_ms;
        let covered = ((t + day_ms).min(o1) - t.max(o0)).max(0) as f64 / day_ms as f64;
        let wiggle = if d % 2 == 0 { 1.04 } else { 1.0 / 1.04 };
        let keep = 1.0 - loss * covered;
        points.push(format!("[{t}, {}]", 200.0 * wiggle * keep));
        blocks.push(format!("{}", (144.0 * wiggle * keep).round()));
    }
    let blocks = if with_blocks {
        format!(r#","blocks":[{}]"#, blocks.join(","))
    } else {
        String::new()
    };
    format!(
        r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}]{blocks}}}],"outages":[{{"start":"{start}","end":"{end}"}}]}}"#,
        points.join(",")
    )
}

#[test]
fn the_change_is_the_loss_during_the_outage_s_own_hours() {
    // Whole days, half days, a 12-hour outage across midnight, 36 hours from 11:00: a 20 %
    // loss during the outage's hours reads as −20 %, not diluted by the rest of the days.
    // The zig-zag cancels over whole days only, so the part-day cases carry a little of it.
    for (start, end, tolerance) in [
        ("2022-03-15", "2022-03-17", 1e-9),
        ("2022-03-15T00:00:00Z", "2022-03-15T12:00:00Z", 0.09),
        ("2022-03-15T18:00:00Z", "2022-03-16T06:00:00Z", 0.09),
        ("2022-03-15T11:00:00Z", "2022-03-16T23:00:00Z", 0.05),
        ("2022-03-14T06:00:00Z", "2022-03-17T06:00:00Z", 0.03),
    ] {
        for with_blocks in [true, false] {
            let spec = parse_spec(&part_day_spec(start, end, 0.2, with_blocks)).expect("valid");
            let i = impacts(&spec, ImpactOptions::default())
                .remove(0)
                .expect("measured");
            assert!(
                (i.change + 0.2).abs() < tolerance,
                "{start}..{end} blocks {with_blocks}: {}",
                describe(&i)
            );
            assert!(i.ci95.0 < i.change && i.change < i.ci95.1, "{:?}", i.ci95);
        }
    }
    // The estimating equation itself, exactly: shares 0.25 and 0.25 of two days.
    let shares: [f64; 2] = [0.25, 0.25];
    let target: f64 = shares.iter().map(|w| w * (1.0 - 0.2 * w).ln()).sum();
    assert!((change_for(&shares, target) + 0.2).abs() < 1e-12);
    // Whole days: the ratio of geometric means less one, as before.
    let whole = [1.0, 1.0, 1.0];
    assert!((change_for(&whole, 3.0 * 0.9f64.ln()) - (-0.1)).abs() < 1e-12);
    assert!((change_for(&whole, 0.3) - (0.1f64.exp() - 1.0)).abs() < 1e-12);
    // Never below −100 %, and a rise has no ceiling.
    assert_eq!(change_for(&[0.5], -50.0), -1.0);
    assert!(change_for(&[0.5], 5.0) > 100.0);
}

#[test]
fn the_interval_excludes_zero_exactly_when_the_verdict_says_so() {
    for loss in [-0.3, -0.1, 0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.9] {
        for (start, end) in [
            ("2022-03-15", "2022-03-16"),
            ("2022-03-15T06:00:00Z", "2022-03-15T18:00:00Z"),
            ("2022-03-15T11:00:00Z", "2022-03-16T23:00:00Z"),
        ] {
            for with_blocks in [true, false] {
                let spec =
                    parse_spec(&part_day_spec(start, end, loss, with_blocks)).expect("valid");
                let i = impacts(&spec, ImpactOptions::default())
                    .remove(0)
                    .expect("measured");
                let excludes = i.ci95.0 > 0.0 || i.ci95.1 < 0.0;
                assert_eq!(excludes, i.significant, "{loss} {start}: {}", describe(&i));
                assert!(i.ci95.0 >= -1.0 && i.ci95.0 <= i.change && i.change <= i.ci95.1);
                // What could have been seen is said exactly when nothing was found.
                assert_eq!(
                    describe(&i).contains("would not show")
                        || describe(&i).contains("might not show"),
                    !i.significant,
                    "{}",
                    describe(&i)
                );
            }
        }
    }
}

#[test]
fn detectable_is_the_loss_found_four_times_in_five() {
    // One whole day on a baseline of pure block luck at 144 blocks a day: the interval is the
    // normal one, se = sqrt(1/144 · (1 + leverage)) for the line through the 14 days before,
    // extrapolated 7.5 days past their middle (1/14 + 7.5²/227.5). A drop is called when
    // ln(1 − L) < −1.96 se; 80 % of the time when ln(1 − L) lies 0.84 sds below that.
    let spec = parse_spec(&one_day_spec(144)).expect("valid");
    let i = impacts(&spec, ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert_eq!(i.dispersion, Some(1.0));
    let d = i.detectable.expect("a whole day can show a loss");
    let se = (1.0f64 / 144.0 * (1.0 + 1.0 / 14.0 + 7.5 * 7.5 / 227.5)).sqrt();
    // Between the plain answer and the one with the during day's luck grown by 1 / (1 − L).
    let plain = 1.0 - (-(1.959_964 + 0.841_621) * se).exp();
    assert!(d > plain && d < plain + 0.02, "{d} vs {plain}");
    assert!(
        describe(&i).ends_with("; a loss under about 25% would not show"),
        "{}",
        describe(&i)
    );
    // A 12-hour outage inside one day on a noisy baseline of 15 days without blocks: even a
    // total loss of those 12 hours might not show.
    let mut points = Vec::new();
    for day in 1..=15 {
        let v = if day % 2 == 0 { 260 } else { 140 };
        points.push(format!("[\"2022-03-{day:02}\", {v}]"));
    }
    let spec = format!(
        r#"{{"series":[{{"id":"h","unit":"EH/s","points":[{}]}}],"outages":[{{"start":"2022-03-15T06:00:00Z","end":"2022-03-15T18:00:00Z"}}]}}"#,
        points.join(",")
    );
    let i = impacts(&parse_spec(&spec).expect("valid"), ImpactOptions::default())
        .remove(0)
        .expect("measured");
    assert_eq!(i.detectable, None, "{i:?}");
    assert!(
        describe_plain(&i, english()).ends_with("; even a total loss might not show"),
        "{}",
        describe_plain(&i, english())
    );
}

/// 30 simulated days (176 EH/s, 600 s blocks) with an outage of `hours` from 06:00 on day
/// 16 that takes `share` offline, as a spec with block counts and, when `times`, every
/// block's time (`blockTimes`, whole seconds).
fn simulated_short(seed: u64, hours: i64, share: f64, times: bool) -> hashrate_outage_chart::Spec {
    let value = simulated_short_value(seed, hours, share, times);
    parse_spec(&value.to_string()).expect("the simulator writes valid specs")
}

fn simulated_short_value(seed: u64, hours: i64, share: f64, times: bool) -> serde_json::Value {
    use hashrate_outage_chart::analysis::simulate::block_times;
    let day = 86_400_000;
    let start = 1_640_995_200_000; // 2022-01-01
    let p = SimParams {
        hash_rate_ehs: 176.0,
        difficulty: None,
        start_ms: start,
        days: 30,
        seed,
        outages: vec![SimOutage {
            start_ms: start + 15 * day + 6 * 3_600_000,
            end_ms: start + 15 * day + (6 + hours) * 3_600_000,
            share,
            label: "outage".into(),
        }],
    };
    let mut value = simulated_spec(&p, None);
    if times {
        let seconds: Vec<i64> = block_times(&p).iter().map(|t| t / 1000).collect();
        value["series"][0]["blockTimes"] = serde_json::json!(seconds);
    }
    value
}

#[test]
fn a_short_outage_with_its_blocks_listed_is_measured_on_its_own_hours() {
    // 12 hours with half the network gone: about 36 of 72 blocks missing from those hours.
    let (mut daily_found, mut arrivals_found, mut covered, mut sum) = (0, 0, 0, 0.0);
    let runs = 200;
    for seed in 0..runs {
        let by_day = impacts(
            &simulated_short(seed, 12, 0.5, false),
            ImpactOptions::default(),
        )
        .remove(0)
        .expect("measured");
        let on_blocks = impacts(
            &simulated_short(seed, 12, 0.5, true),
            ImpactOptions::default(),
        )
        .remove(0)
        .expect("measured");
        assert!(by_day.arrivals.is_none());
        let (found, expected) = on_blocks.arrivals.expect("measured on arrivals");
        assert!(expected > 60.0 && expected < 85.0, "{expected}");
        assert!((on_blocks.change - (found / expected - 1.0)).abs() < 1e-9);
        daily_found += usize::from(by_day.significant && by_day.change < 0.0);
        arrivals_found += usize::from(on_blocks.significant && on_blocks.change < 0.0);
        covered += usize::from(on_blocks.ci95.0 <= -0.5 && -0.5 <= on_blocks.ci95.1);
        sum += on_blocks.change;
        // The hours alone can see less than the diluted days.
        assert!(
            on_blocks.detectable.unwrap_or(1.0) < by_day.detectable.unwrap_or(1.0),
            "{:?} vs {:?}",
            on_blocks.detectable,
            by_day.detectable
        );
        // The words say which resolution measured it.
        let words = hashrate_outage_chart::analysis::baseline_words(&on_blocks, english());
        assert!(
            words.contains("counted block by block over its own hours"),
            "{words}"
        );
    }
    let mean = sum / runs as f64;
    eprintln!("12 h, half gone: found by day {daily_found}, on arrivals {arrivals_found} of {runs}; mean change {mean:.3}; range holds -50 % in {covered}");
    assert!((mean + 0.5).abs() < 0.03, "mean change {mean}");
    assert!(covered as f64 >= 0.92 * runs as f64, "covered {covered}");
    assert!(
        arrivals_found > daily_found + runs as usize / 10,
        "{arrivals_found} vs {daily_found}"
    );
    assert!(
        arrivals_found as f64 >= 0.9 * runs as f64,
        "{arrivals_found}"
    );
}

#[test]
fn block_arrivals_keep_the_false_alarms_at_five_percent() {
    let runs = 400;
    let alarms = (0..runs)
        .filter(|seed| {
            let i = impacts(
                &simulated_short(5000 + seed, 12, 0.0, true),
                ImpactOptions::default(),
            )
            .remove(0)
            .expect("measured");
            assert!(i.arrivals.is_some());
            i.significant
        })
        .count();
    // 99 % of Binomial(400, 0.05) lies in 9..=32.
    assert!(
        (9..=32).contains(&alarms),
        "{alarms} false alarms of {runs}"
    );
}

#[test]
fn block_times_must_be_every_block_the_counts_count() {
    let mut value = simulated_short_value(1, 12, 0.0, true);
    let times = value["series"][0]["blockTimes"]
        .as_array_mut()
        .expect("listed");
    // One block of a whole day in the middle left out: the day's count no longer matches.
    times.remove(times.len() / 2);
    let e = parse_spec(&value.to_string()).expect_err("a block missing");
    assert_eq!(e.path, "series[0].blockTimes");
    assert!(e.message.contains("where blocks["), "{}", e.message);
    let mut value = simulated_short_value(1, 12, 0.0, true);
    value["series"][0]["blockTimes"][3] = serde_json::json!(1.5);
    let e = parse_spec(&value.to_string()).expect_err("not whole seconds");
    assert_eq!(e.path, "series[0].blockTimes[3]");
    assert!(e.message.contains("whole Unix seconds"), "{}", e.message);
}
