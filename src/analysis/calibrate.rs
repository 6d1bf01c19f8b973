//! The placebo-and-power harness: does the impact interval keep its promise on real history?
//! Random 40-day windows of the real daily series get a pretend outage of 1 to 7 days starting
//! at a random hour on day 25, where nothing happened to the network as a whole. A calibrated
//! 95 % interval calls about 5 % of them significant (false alarms), as many rises as drops.
//! The same windows with a real loss injected (block counts thinned binomially, values scaled
//! with them) measure the power. Deterministic for a seed (SplitMix64). Native only.

use crate::analysis::simulate::SplitMix64;
use crate::analysis::{impacts, Impact, ImpactOptions};
use crate::spec::parse_spec;
use crate::time::{format_iso, parse_iso8601, MS_PER_DAY};

/// A daily series with block counts: (day start, H/s, blocks).
pub struct Daily {
    pub days: Vec<(i64, f64, u32)>,
}

/// Reads `date_utc,hash_rate_h_per_s,blocks` (the shared daily file); rows without a value or
/// a block count are skipped.
pub fn read_daily_csv(text: &str) -> Result<Daily, String> {
    let mut lines = text.lines();
    let header = lines.next().ok_or("the file is empty")?;
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    let col = |name: &str| {
        cols.iter()
            .position(|c| *c == name)
            .ok_or_else(|| format!("no column {name} in the header {header:?}"))
    };
    let (date, value, blocks) = (col("date_utc")?, col("hash_rate_h_per_s")?, col("blocks")?);
    let mut days = Vec::new();
    for (n, line) in lines.enumerate() {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        let (Some(d), Some(v), Some(b)) = (cells.get(date), cells.get(value), cells.get(blocks))
        else {
            continue;
        };
        let (Ok(v), Ok(b)) = (v.parse::<f64>(), b.parse::<u32>()) else {
            continue;
        };
        let t = parse_iso8601(d).map_err(|e| format!("line {}: {e}", n + 2))?;
        if v > 0.0 && b > 0 {
            days.push((t, v, b));
        }
    }
    Ok(Daily { days })
}

/// What to run.
#[derive(Debug, Clone)]
pub struct CalibrationOptions {
    pub windows: usize,
    pub seed: u64,
    /// Windows start on or after this day (Unix ms).
    pub from_ms: i64,
    /// Windows end before this instant (Unix ms); `i64::MAX` for no end.
    pub to_ms: i64,
    /// The pretend outages last from `hours.0` to `hours.1` hours (whole hours, uniform).
    pub hours: (i64, i64),
    /// Injected losses for the power (fractions).
    pub losses: Vec<f64>,
}

impl CalibrationOptions {
    /// 1-7 days from 2016 on: the harness as the README first described it.
    pub fn new(windows: usize, seed: u64, from_ms: i64) -> CalibrationOptions {
        CalibrationOptions {
            windows,
            seed,
            from_ms,
            to_ms: i64::MAX,
            hours: (24, 7 * 24),
            losses: vec![0.2],
        }
    }
}

/// Counts of one kind of window, with and without block counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub measured: usize,
    /// Significant (95 %) calls.
    pub significant: usize,
    /// Of those, rises.
    pub rises: usize,
    /// "A clear" calls (99 %).
    pub clear: usize,
    /// Windows whose days after the outage did not come back (a lasting shift: the days
    /// before alone were used), and of those, significant calls.
    pub shifted: usize,
    pub shifted_significant: usize,
}

impl Tally {
    pub fn rate(&self) -> f64 {
        self.significant as f64 / self.measured.max(1) as f64
    }
}

/// What the chart printed for windows with a known loss injected: how often it found a drop,
/// how close its number came, how often its range held the truth, and whether `detectable`
/// kept its word.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Recovery {
    pub measured: usize,
    /// Significant drops.
    pub found: usize,
    /// Sum of the printed changes (for their mean).
    pub change_sum: f64,
    /// Windows whose 95 % range held −loss.
    pub covered: usize,
    /// Windows whose `detectable` was at most the loss, and of those, drops found.
    pub claimed: usize,
    pub claimed_found: usize,
    /// Windows whose `detectable` was above the loss (or none), and of those, drops found.
    pub disclaimed: usize,
    pub disclaimed_found: usize,
}

impl Recovery {
    pub fn power(&self) -> f64 {
        self.found as f64 / self.measured.max(1) as f64
    }
    pub fn mean_change(&self) -> f64 {
        self.change_sum / self.measured.max(1) as f64
    }
    pub fn coverage(&self) -> f64 {
        self.covered as f64 / self.measured.max(1) as f64
    }
    fn add(&mut self, impact: &Impact, loss: f64) {
        self.measured += 1;
        let drop = impact.significant && impact.change < 0.0;
        self.found += usize::from(drop);
        self.change_sum += impact.change;
        self.covered += usize::from(impact.ci95.0 <= -loss && -loss <= impact.ci95.1);
        if impact.detectable.is_some_and(|d| d <= loss) {
            self.claimed += 1;
            self.claimed_found += usize::from(drop);
        } else {
            self.disclaimed += 1;
            self.disclaimed_found += usize::from(drop);
        }
    }
}

/// The harness' result: placebo tallies and, per loss, what was recovered with and without
/// block counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationReport {
    pub windows: usize,
    pub first_window: String,
    pub last_window: String,
    pub placebo_blocks: Tally,
    pub placebo_values: Tally,
    /// The same placebos with the window cut after the outage's last day (a chart of the
    /// latest days: the baseline is the days before only).
    pub before_only_blocks: Tally,
    pub before_only_values: Tally,
    /// (loss, with blocks, without).
    pub power: Vec<(f64, Recovery, Recovery)>,
}

const WINDOW_DAYS: usize = 40;
/// The pretend outage starts on day 25 of the window (index 24).
const OUTAGE_DAY: usize = 24;

/// The window with a loss injected as it would arrive: each block of the covered share of each
/// day not found with probability `loss` (binomial thinning), the day's value scaled with its
/// blocks.
pub fn inject_loss(
    window: &[(i64, f64, u32)],
    start_ms: i64,
    end_ms: i64,
    loss: f64,
    rng: &mut SplitMix64,
) -> Vec<(i64, f64, u32)> {
    window
        .iter()
        .map(|&(t, v, n)| {
            let covered =
                ((t + MS_PER_DAY).min(end_ms) - t.max(start_ms)).max(0) as f64 / MS_PER_DAY as f64;
            if covered == 0.0 {
                return (t, v, n);
            }
            let keep = 1.0 - loss * covered;
            let kept = (0..n).filter(|_| rng.next_open01() < keep).count() as u32;
            (t, v * f64::from(kept) / f64::from(n), kept)
        })
        .collect()
}

/// Runs the harness on `daily`.
pub fn calibrate(daily: &Daily, options: &CalibrationOptions) -> Result<CalibrationReport, String> {
    let d = &daily.days;
    // Windows of 40 consecutive days, all with values and blocks, inside [from, to).
    let starts: Vec<usize> = (0..d.len().saturating_sub(WINDOW_DAYS - 1))
        .filter(|&i| d[i].0 >= options.from_ms)
        .filter(|&i| d[i + WINDOW_DAYS - 1].0 < options.to_ms)
        .filter(|&i| d[i + WINDOW_DAYS - 1].0 - d[i].0 == (WINDOW_DAYS as i64 - 1) * MS_PER_DAY)
        .collect();
    if starts.is_empty() {
        return Err("no 40-day stretch of complete days in the data".into());
    }
    let (min_hours, max_hours) = (options.hours.0.max(1), options.hours.1.max(options.hours.0));
    let mut rng = SplitMix64::new(options.seed);
    let mut report = CalibrationReport {
        windows: options.windows,
        first_window: String::new(),
        last_window: String::new(),
        placebo_blocks: Tally::default(),
        placebo_values: Tally::default(),
        before_only_blocks: Tally::default(),
        before_only_values: Tally::default(),
        power: options
            .losses
            .iter()
            .map(|l| (*l, Recovery::default(), Recovery::default()))
            .collect(),
    };
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    for _ in 0..options.windows {
        let start = starts[(rng.next_u64() % starts.len() as u64) as usize];
        let window = &d[start..start + WINDOW_DAYS];
        first = first.min(window[0].0);
        last = last.max(window[0].0);
        let hour = (rng.next_u64() % 24) as i64;
        let hours = min_hours + (rng.next_u64() % (max_hours - min_hours + 1) as u64) as i64;
        let o_start = window[OUTAGE_DAY].0 + hour * 3_600_000;
        let o_end = o_start + hours * 3_600_000;
        let last_day = window
            .iter()
            .rposition(|(t, _, _)| *t < o_end)
            .unwrap_or(OUTAGE_DAY);
        let cut = &window[..=last_day];
        for (days, blocks, tally) in [
            (window, true, &mut report.placebo_blocks),
            (window, false, &mut report.placebo_values),
            (cut, true, &mut report.before_only_blocks),
            (cut, false, &mut report.before_only_values),
        ] {
            if let Some(i) = measure_impact(days, o_start, o_end, blocks)? {
                tally.measured += 1;
                tally.significant += usize::from(i.significant);
                tally.rises += usize::from(i.significant && i.change > 0.0);
                tally.clear += usize::from(i.clear);
                if i.after_shift.is_some() {
                    tally.shifted += 1;
                    tally.shifted_significant += usize::from(i.significant);
                }
            }
        }
        for (loss, with_blocks, without) in report.power.iter_mut() {
            let lossy = inject_loss(window, o_start, o_end, *loss, &mut rng);
            for (blocks, recovery) in [(true, with_blocks), (false, without)] {
                if let Some(i) = measure_impact(&lossy, o_start, o_end, blocks)? {
                    recovery.add(&i, *loss);
                }
            }
        }
    }
    report.first_window = format_iso(first);
    report.last_window = format_iso(last);
    Ok(report)
}

/// The impact of the outage [start, end) on the days, with or without their block counts, as
/// the chart measures it (a spec, parsed); None if it could not be measured.
pub fn measure_impact(
    days: &[(i64, f64, u32)],
    start: i64,
    end: i64,
    with_blocks: bool,
) -> Result<Option<Impact>, String> {
    let points: Vec<String> = days.iter().map(|(t, v, _)| format!("[{t},{v}]")).collect();
    let blocks = if with_blocks {
        let counts: Vec<String> = days.iter().map(|(_, _, n)| n.to_string()).collect();
        format!(r#","blocks":[{}]"#, counts.join(","))
    } else {
        String::new()
    };
    let text = format!(
        r#"{{"series":[{{"id":"h","unit":"H/s","points":[{}]{blocks}}}],"outages":[{{"start":{start},"end":{end}}}]}}"#,
        points.join(",")
    );
    let spec = parse_spec(&text).map_err(|e| format!("window spec: {e}"))?;
    Ok(impacts(&spec, ImpactOptions::default())
        .into_iter()
        .next()
        .and_then(Result::ok))
}

/// The report as the command prints it.
pub fn format_report(r: &CalibrationReport, options: &CalibrationOptions) -> String {
    let pct = |x: f64| format!("{:.1}%", x * 100.0);
    let line = |name: &str, t: &Tally| {
        format!(
            "  {name:<22} {:>6} of {:>4} windows  ({}; rises {} of {}; clear {})\n",
            pct(t.rate()),
            t.measured,
            t.significant,
            t.rises,
            t.significant,
            t.clear,
        )
    };
    let mut out = format!(
        "Placebo outages ({}-{} hours from a random hour on day 25 of a 40-day window), {} windows\n\
         from {} to {} (seed {}): false alarms at 95 %\n",
        options.hours.0,
        options.hours.1,
        r.windows,
        r.first_window.get(..10).unwrap_or(&r.first_window),
        r.last_window.get(..10).unwrap_or(&r.last_window),
        options.seed,
    );
    out.push_str(&line("with block counts", &r.placebo_blocks));
    out.push_str(&line("without block counts", &r.placebo_values));
    out.push_str(
        "The same, cut after the outage (before-only baseline, as on a chart of the latest days)\n",
    );
    out.push_str(&line("with block counts", &r.before_only_blocks));
    out.push_str(&line("without block counts", &r.before_only_values));
    out.push_str(
        "A real loss injected (blocks thinned over the outage's hours): drops found, the mean\n\
         printed change, and how often the 95 % range held the true loss\n",
    );
    for (loss, b, v) in &r.power {
        for (name, x) in [("with blocks", b), ("without", v)] {
            out.push_str(&format!(
                "  {:>3.0}% loss, {name:<12} found {:>6}   mean change {:>6}   range holds it {:>6}\n",
                loss * 100.0,
                pct(x.power()),
                pct(x.mean_change()),
                pct(x.coverage()),
            ));
        }
    }
    out
}

/// One period of history for `study`.
pub struct Period {
    pub name: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    /// Whether the method's constants were chosen while looking at these years.
    pub tuned: bool,
}

/// The periods `make calibrate` reports apart: the years the method was tuned on and the
/// years it was not.
pub const PERIODS: [Period; 3] = [
    Period {
        name: "2011-2015",
        from: "2011-01-01",
        to: "2016-01-01",
        tuned: false,
    },
    Period {
        name: "2016-2021",
        from: "2016-01-01",
        to: "2022-01-01",
        tuned: true,
    },
    Period {
        name: "2022-2025",
        from: "2022-01-01",
        to: "2026-01-01",
        tuned: true,
    },
];

/// The outage lengths `make calibrate` reports apart (hours, from-to).
pub const DURATIONS: [(&str, (i64, i64)); 5] = [
    ("12 h", (12, 12)),
    ("24 h", (24, 24)),
    ("36 h", (36, 36)),
    ("72 h", (72, 72)),
    ("1-7 days", (24, 168)),
];

/// The harness per period and per outage length, `windows` windows each, with a 20 % loss
/// injected: the table `make calibrate` prints (README "Impact").
pub fn study(daily: &Daily, windows: usize, seed: u64) -> Result<String, String> {
    let pct = |x: f64| format!("{:.1}", x * 100.0);
    let mut out = format!(
        "Placebo outages on day 25 of random 40-day windows of real history, {windows} windows per row\n\
         (seed {seed}); false alarms at 95 % should be 5 % (3-7.5 % for 500 windows), rises about\n\
         half of them. Then a 20 % loss injected over the outage's hours (blocks thinned): drops\n\
         found, the mean printed change (-20 is right), how often the 95 % range held -20 %, and\n\
         how often a drop was found where `detectable` said <= 20 % (>= 80 % promised; n windows).\n\
         b = with block counts, v = without. All figures in %.\n\n\
         {:<10} {:<9} {:>5} {:>5} {:>6} {:>5} {:>5} | {:>5} {:>5} {:>6} {:>6} {:>5} {:>5} {:>15}\n",
        "period", "outage", "FA b", "FA v", "rises", "BO b", "BO v", "pow b", "pow v", "chg b",
        "chg v", "cov b", "cov v", "det<=20 b/v(n)",
    );
    for period in &PERIODS {
        let from_ms = crate::time::parse_iso8601(period.from).map_err(|e| e.to_string())?;
        let to_ms = crate::time::parse_iso8601(period.to).map_err(|e| e.to_string())?;
        for (name, hours) in DURATIONS {
            let options = CalibrationOptions {
                windows,
                seed,
                from_ms,
                to_ms,
                hours,
                losses: vec![0.2],
            };
            let r = calibrate(daily, &options)?;
            let alarms = r.placebo_blocks.significant + r.placebo_values.significant;
            let rises = r.placebo_blocks.rises + r.placebo_values.rises;
            let (_, b, v) = r.power[0];
            let honest = |x: &Recovery| {
                if x.claimed == 0 {
                    "-".to_string()
                } else {
                    format!(
                        "{:.0}({})",
                        100.0 * x.claimed_found as f64 / x.claimed as f64,
                        x.claimed
                    )
                }
            };
            out.push_str(&format!(
                "{:<10} {:<9} {:>5} {:>5} {:>6} {:>5} {:>5} | {:>5} {:>5} {:>6} {:>6} {:>5} {:>5} {:>15}\n",
                format!("{}{}", period.name, if period.tuned { "" } else { "*" }),
                name,
                pct(r.placebo_blocks.rate()),
                pct(r.placebo_values.rate()),
                if alarms == 0 { "-".into() } else { format!("{:.0}", 100.0 * rises as f64 / alarms as f64) },
                pct(r.before_only_blocks.rate()),
                pct(r.before_only_values.rate()),
                pct(b.power()),
                pct(v.power()),
                pct(b.mean_change()),
                pct(v.mean_change()),
                pct(b.coverage()),
                pct(v.coverage()),
                format!("{}/{}", honest(&b), honest(&v)),
            ));
        }
    }
    out.push_str(
        "\n* not looked at while the method's constants were chosen (those were set on 2016-2025).\n\
         FA = placebo false alarms with the days after the outage in the baseline; BO = the same\n\
         windows cut after the outage (before-only baseline).\n",
    );
    Ok(out)
}
