//! The simulator: block arrivals as a Poisson process at a given hash rate and difficulty,
//! with outages that take a share of the hash rate offline, counted per UTC day into the
//! daily estimate H = N · D · 2^32 / 86400. Deterministic for a seed (SplitMix64).

use crate::text::numtext::Limit;

use crate::time::{format_iso, MS_PER_DAY};
use serde_json::{json, Value};

/// 2^32: hashes per unit of difficulty per block.
pub const TWO_POW_32: f64 = 4_294_967_296.0;

/// One outage in the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct SimOutage {
    /// Unix ms.
    pub start_ms: i64,
    /// Unix ms.
    pub end_ms: i64,
    /// Share of the hash rate that goes dark, 0–1.
    pub share: f64,
    pub label: String,
}

/// Simulation parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct SimParams {
    /// Network hash rate outside outages, EH/s.
    pub hash_rate_ehs: f64,
    /// Difficulty; `None` for the difficulty at which that hash rate finds a block every 600 s.
    pub difficulty: Option<f64>,
    /// First simulated day, Unix ms (floored to a UTC midnight).
    pub start_ms: i64,
    pub days: u32,
    pub seed: u64,
    pub outages: Vec<SimOutage>,
}

/// One simulated UTC day.
#[derive(Debug, Clone, PartialEq)]
pub struct SimDay {
    /// UTC midnight, Unix ms.
    pub day_ms: i64,
    pub blocks: u64,
    /// Daily estimate from the block count, EH/s.
    pub estimate_ehs: f64,
    /// The true mean hash rate over the day, EH/s.
    pub true_ehs: f64,
}

/// SplitMix64: small, fast, and the same sequence on every platform.
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in (0, 1].
    pub fn next_open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
}

impl SimParams {
    /// The difficulty used: given, or the one giving 600 s blocks at `hash_rate_ehs`.
    pub fn effective_difficulty(&self) -> f64 {
        self.difficulty
            .unwrap_or(self.hash_rate_ehs * 1e18 * 600.0 / TWO_POW_32)
    }

    /// Fraction of the hash rate online at `t_ms` (overlapping outages multiply).
    fn online(&self, t_ms: i64) -> f64 {
        self.outages
            .iter()
            .filter(|o| o.start_ms <= t_ms && t_ms < o.end_ms)
            .fold(1.0, |f, o| f * (1.0 - o.share.limit(0.0, 1.0)))
    }
}

/// The simulated blocks' times (Unix ms, ascending): exact Poisson arrivals by thinning at
/// the full rate, each kept with the probability that its instant's hash rate is online.
pub fn block_times(p: &SimParams) -> Vec<i64> {
    let start = p.start_ms.div_euclid(MS_PER_DAY) * MS_PER_DAY;
    let end = start + i64::from(p.days) * MS_PER_DAY;
    let difficulty = p.effective_difficulty();
    // Full rate, blocks per ms.
    let rate = if difficulty > 0.0 {
        p.hash_rate_ehs * 1e18 / (difficulty * TWO_POW_32) / 1000.0
    } else {
        0.0
    };
    let mut times = Vec::new();
    let mut rng = SplitMix64::new(p.seed);
    if rate > 0.0 && rate.is_finite() {
        let mut t = start as f64;
        loop {
            t += -rng.next_open01().ln() / rate;
            if t >= end as f64 {
                break;
            }
            let accept = rng.next_open01();
            if accept <= p.online(t as i64) {
                times.push(t as i64);
            }
        }
    }
    times
}

/// Runs the simulation: the blocks of `block_times`, counted per UTC day.
pub fn simulate(p: &SimParams) -> Vec<SimDay> {
    let start = p.start_ms.div_euclid(MS_PER_DAY) * MS_PER_DAY;
    let difficulty = p.effective_difficulty();
    let mut counts = vec![0u64; p.days as usize];
    for t in block_times(p) {
        let day = ((t - start) / MS_PER_DAY) as usize;
        if let Some(c) = counts.get_mut(day) {
            *c += 1;
        }
    }
    let per_block_ehs = difficulty * TWO_POW_32 / 86_400.0 / 1e18;
    counts
        .iter()
        .enumerate()
        .map(|(i, &blocks)| {
            let day_ms = start + i as i64 * MS_PER_DAY;
            // True mean over the day, by the minute.
            let minutes = 1440;
            let online: f64 = (0..minutes)
                .map(|m| p.online(day_ms + m * 60_000 + 30_000))
                .sum::<f64>()
                / minutes as f64;
            SimDay {
                day_ms,
                blocks,
                estimate_ehs: blocks as f64 * per_block_ehs,
                true_ehs: p.hash_rate_ehs * online,
            }
        })
        .collect()
}

/// A chart spec of the simulation: the daily estimate with block counts, the outages with
/// their share (for the counterfactual band), labelled as simulated.
pub fn simulated_spec(p: &SimParams, title: Option<&str>) -> Value {
    let days = simulate(p);
    let points: Vec<Value> = days
        .iter()
        .map(|d| {
            json!([
                format_iso(d.day_ms).trim_end_matches("T00:00:00Z"),
                (d.estimate_ehs * 1000.0).round() / 1000.0
            ])
        })
        .collect();
    let blocks: Vec<u64> = days.iter().map(|d| d.blocks).collect();
    let outages: Vec<Value> = p
        .outages
        .iter()
        .map(|o| json!({ "start": format_iso(o.start_ms), "end": format_iso(o.end_ms), "label": o.label, "share": o.share }))
        .collect();
    let shares: Vec<String> = p
        .outages
        .iter()
        .map(|o| format!("{:.1}%", o.share * 100.0))
        .collect();
    json!({
        "title": title.unwrap_or("Simulated: would a blackout show in the daily hash rate?"),
        "subtitle": format!(
            "SIMULATED data, not measurements: Poisson block arrivals at {} EH/s, {} of it offline during the band (seed {})",
            crate::text::units::format_significant(p.hash_rate_ehs, 3),
            if shares.is_empty() { "none".to_string() } else { shares.join(", ") },
            p.seed
        ),
        "source": "Simulated with hashrate-outage-chart simulate; daily estimate = blocks × difficulty × 2^32 / 86,400 s",
        "series": [{ "id": "hashrate", "label": "Simulated daily estimate", "unit": "EH/s", "points": points, "blocks": blocks }],
        "outages": outages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(days: u32, seed: u64, outages: Vec<SimOutage>) -> SimParams {
        SimParams {
            hash_rate_ehs: 176.0,
            difficulty: None,
            start_ms: 1_640_995_200_000,
            days,
            seed,
            outages,
        }
    }

    #[test]
    fn same_seed_same_days_other_seed_other_days() {
        let a = simulate(&params(30, 7, vec![]));
        let b = simulate(&params(30, 7, vec![]));
        let c = simulate(&params(30, 8, vec![]));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn daily_blocks_have_poisson_mean_and_variance() {
        // 2000 days at 600 s blocks: mean 144, variance 144 (a Poisson count).
        let days = simulate(&params(2000, 2022, vec![]));
        let n = days.len() as f64;
        let mean = days.iter().map(|d| d.blocks as f64).sum::<f64>() / n;
        let var = days
            .iter()
            .map(|d| (d.blocks as f64 - mean).powi(2))
            .sum::<f64>()
            / (n - 1.0);
        // Standard error of the mean is 0.27; of the variance about 4.6.
        assert!((mean - 144.0).abs() < 1.0, "mean {mean}");
        assert!((var - 144.0).abs() < 18.0, "variance {var}");
        // The estimate is unbiased: mean of estimates ≈ the true rate.
        let est = days.iter().map(|d| d.estimate_ehs).sum::<f64>() / n;
        assert!((est - 176.0).abs() < 1.5, "estimate {est}");
    }

    #[test]
    fn an_outage_removes_its_share() {
        let day = MS_PER_DAY;
        let start = 1_640_995_200_000;
        // Half the hash rate offline for 200 whole days.
        let outage = SimOutage {
            start_ms: start + 100 * day,
            end_ms: start + 300 * day,
            share: 0.5,
            label: "x".into(),
        };
        let days = simulate(&params(400, 3, vec![outage]));
        let mean = |r: std::ops::Range<usize>| {
            days[r.clone()].iter().map(|d| d.blocks as f64).sum::<f64>() / r.len() as f64
        };
        assert!(
            (mean(100..300) - 72.0).abs() < 1.5,
            "during {}",
            mean(100..300)
        );
        assert!((mean(0..100) - 144.0).abs() < 3.0);
        assert!((days[150].true_ehs - 88.0).abs() < 1e-9);
    }
}
