//! The placebo-and-power harness: does the impact interval keep its promise on real history?
//! Random 40-day windows of the real daily series get a pretend outage of 1 to 7 days starting
//! at a random hour on day 25, where nothing happened to the network as a whole. A calibrated
//! 95 % interval calls about 5 % of them significant (false alarms), as many rises as drops.
//! The same windows with a real loss injected (block counts thinned binomially, values scaled
//! with them) measure the power. Deterministic for a seed (SplitMix64). Native only.

use crate::analysis::simulate::SplitMix64;
use crate::analysis::{impacts, ImpactOptions};
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
    /// Injected losses for the power (fractions).
    pub losses: Vec<f64>,
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
}

impl Tally {
    pub fn rate(&self) -> f64 {
        self.significant as f64 / self.measured.max(1) as f64
    }
}

/// The harness' result: placebo tallies and, per loss, the share of windows where a drop was
/// found (significant and negative).
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
    /// (loss, drops found with blocks, drops found without) as shares of measured windows.
    pub power: Vec<(f64, f64, f64)>,
}

const WINDOW_DAYS: usize = 40;
/// The pretend outage starts on day 25 of the window (index 24).
const OUTAGE_DAY: usize = 24;

/// Runs the harness on `daily`.
pub fn calibrate(daily: &Daily, options: &CalibrationOptions) -> Result<CalibrationReport, String> {
    let d = &daily.days;
    // Windows of 40 consecutive days, all with values and blocks.
    let starts: Vec<usize> = (0..d.len().saturating_sub(WINDOW_DAYS - 1))
        .filter(|&i| d[i].0 >= options.from_ms)
        .filter(|&i| d[i + WINDOW_DAYS - 1].0 - d[i].0 == (WINDOW_DAYS as i64 - 1) * MS_PER_DAY)
        .collect();
    if starts.is_empty() {
        return Err("no 40-day stretch of complete days in the data".into());
    }
    let mut rng = SplitMix64::new(options.seed);
    let mut report = CalibrationReport {
        windows: options.windows,
        first_window: String::new(),
        last_window: String::new(),
        placebo_blocks: Tally::default(),
        placebo_values: Tally::default(),
        before_only_blocks: Tally::default(),
        before_only_values: Tally::default(),
        power: Vec::new(),
    };
    let mut found = vec![(0usize, 0usize, 0usize, 0usize); options.losses.len()];
    let mut first = i64::MAX;
    let mut last = i64::MIN;
    for _ in 0..options.windows {
        let start = starts[(rng.next_u64() % starts.len() as u64) as usize];
        let window = &d[start..start + WINDOW_DAYS];
        first = first.min(window[0].0);
        last = last.max(window[0].0);
        let hour = (rng.next_u64() % 24) as i64;
        let hours = 24 + (rng.next_u64() % (6 * 24 + 1)) as i64;
        let o_start = window[OUTAGE_DAY].0 + hour * 3_600_000;
        let o_end = o_start + hours * 3_600_000;
        let placebo: Vec<(i64, f64, u32)> = window.to_vec();
        let last_day = window
            .iter()
            .rposition(|(t, _, _)| *t < o_end)
            .unwrap_or(OUTAGE_DAY);
        let cut = &window[..=last_day];
        for (days, blocks, tally) in [
            (&placebo[..], true, &mut report.placebo_blocks),
            (&placebo[..], false, &mut report.placebo_values),
            (cut, true, &mut report.before_only_blocks),
            (cut, false, &mut report.before_only_values),
        ] {
            if let Some((significant, clear, change)) = measure(days, o_start, o_end, blocks)? {
                tally.measured += 1;
                tally.significant += usize::from(significant);
                tally.rises += usize::from(significant && change > 0.0);
                tally.clear += usize::from(clear);
            }
        }
        for (k, loss) in options.losses.iter().enumerate() {
            // The loss as it would arrive: each block of the outage's share not found.
            let lossy: Vec<(i64, f64, u32)> = window
                .iter()
                .map(|&(t, v, n)| {
                    let covered = ((t + MS_PER_DAY).min(o_end) - t.max(o_start)).max(0) as f64
                        / MS_PER_DAY as f64;
                    if covered == 0.0 {
                        return (t, v, n);
                    }
                    let keep = 1.0 - loss * covered;
                    let kept = (0..n).filter(|_| rng.next_open01() < keep).count() as u32;
                    (t, v * f64::from(kept) / f64::from(n), kept)
                })
                .collect();
            for (blocks, slot) in [(true, 0), (false, 1)] {
                if let Some((significant, _, change)) = measure(&lossy, o_start, o_end, blocks)? {
                    let f = &mut found[k];
                    if slot == 0 {
                        f.0 += usize::from(significant && change < 0.0);
                        f.1 += 1;
                    } else {
                        f.2 += usize::from(significant && change < 0.0);
                        f.3 += 1;
                    }
                }
            }
        }
    }
    report.first_window = format_iso(first);
    report.last_window = format_iso(last);
    report.power = options
        .losses
        .iter()
        .zip(&found)
        .map(|(loss, f)| {
            (
                *loss,
                f.0 as f64 / f.1.max(1) as f64,
                f.2 as f64 / f.3.max(1) as f64,
            )
        })
        .collect();
    Ok(report)
}

/// The impact of the outage on the window: (significant, clear, change), None if unmeasured.
fn measure(
    days: &[(i64, f64, u32)],
    start: i64,
    end: i64,
    with_blocks: bool,
) -> Result<Option<(bool, bool, f64)>, String> {
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
        .and_then(Result::ok)
        .map(|i| (i.significant, i.clear, i.change)))
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
        "Placebo outages (1-7 days from a random hour on day 25 of a 40-day window), {} windows\n\
         from {} to {} (seed {}): false alarms at 95 %\n",
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
        "Power: a real loss injected (blocks thinned), share of windows where a drop is found\n",
    );
    for (loss, b, v) in &r.power {
        out.push_str(&format!(
            "  {:>3.0}% loss              with blocks {:>6}   without {:>6}\n",
            loss * 100.0,
            pct(*b),
            pct(*v)
        ));
    }
    out
}
