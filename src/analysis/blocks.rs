//! Hash rate from block data: compact nBits to difficulty, and per-block records (height,
//! timestamp, difficulty) to a daily series with block counts, H = Σ D · 2^32 / 86,400 s
//! over the blocks of each UTC day (the mean-interval formula H = D · 2^32 / T summed).

use crate::analysis::simulate::TWO_POW_32;
use crate::time::MS_PER_DAY;

/// Difficulty from a block header's compact target (nBits): max target / target.
pub fn difficulty_from_nbits(nbits: u32) -> Option<f64> {
    let exponent = (nbits >> 24) as i32;
    let mantissa = nbits & 0x007f_ffff;
    if mantissa == 0 || nbits & 0x0080_0000 != 0 {
        return None;
    }
    // Max target is 0xffff · 256^(0x1d − 3); target is mantissa · 256^(exponent − 3).
    Some(65_535.0 / f64::from(mantissa) * 256f64.powi(0x1d - exponent))
}

/// One block: height, timestamp (Unix seconds) and difficulty.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    pub height: u64,
    pub time_s: i64,
    pub difficulty: f64,
}

/// One UTC day of blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DailyEstimate {
    /// UTC midnight, Unix ms.
    pub day_ms: i64,
    pub blocks: u64,
    /// H/s.
    pub hash_rate_hs: f64,
}

/// The hash rate that finds `blocks` blocks at `difficulty` in `seconds`, H/s:
/// H = N · D · 2³² / T (each block takes D · 2³² hashes on average).
pub fn hash_rate_hs(blocks: f64, difficulty: f64, seconds: f64) -> f64 {
    blocks * difficulty * TWO_POW_32 / seconds
}

/// The estimate of one UTC day from its block count and the difficulty in force:
/// H = N · D · 2³² / 86,400 s.
pub fn daily_estimate(day_ms: i64, blocks: u64, difficulty: f64) -> DailyEstimate {
    DailyEstimate {
        day_ms,
        blocks,
        hash_rate_hs: hash_rate_hs(blocks as f64, difficulty, 86_400.0),
    }
}

/// Daily hash-rate estimates from blocks (any order). Days with no block in between two
/// days with blocks are reported with 0 blocks, so a stopped network is not a gap.
pub fn daily_from_blocks(blocks: &[Block]) -> Vec<DailyEstimate> {
    let mut days: std::collections::BTreeMap<i64, (u64, f64)> = std::collections::BTreeMap::new();
    for b in blocks {
        let day = b.time_s.saturating_mul(1000).div_euclid(MS_PER_DAY) * MS_PER_DAY;
        let entry = days.entry(day).or_insert((0, 0.0));
        entry.0 += 1;
        entry.1 += b.difficulty * TWO_POW_32;
    }
    let (Some(&first), Some(&last)) = (days.keys().next(), days.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let (count, work) = days.get(&day).copied().unwrap_or((0, 0.0));
        out.push(DailyEstimate {
            day_ms: day,
            blocks: count,
            hash_rate_hs: work / 86_400.0,
        });
        day += MS_PER_DAY;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesis_nbits_is_difficulty_one() {
        assert_eq!(difficulty_from_nbits(0x1d00ffff), Some(1.0));
        assert_eq!(difficulty_from_nbits(0x1d800000), None);
    }

    #[test]
    fn one_day_of_600_second_blocks() {
        let d = 24_371_874_614_345.0; // January 2022
        let blocks: Vec<Block> = (0..144)
            .map(|i| Block {
                height: 716_000 + i,
                time_s: 1_641_340_800 + i as i64 * 600,
                difficulty: d,
            })
            .collect();
        let days = daily_from_blocks(&blocks);
        assert_eq!(days.len(), 1);
        assert_eq!(days[0].blocks, 144);
        let expected = d * TWO_POW_32 / 600.0;
        assert!((days[0].hash_rate_hs / expected - 1.0).abs() < 1e-12);
        assert!(
            (days[0].hash_rate_hs / 1e18 - 174.5).abs() < 0.5,
            "{} EH/s",
            days[0].hash_rate_hs / 1e18
        );
    }

    #[test]
    fn empty_days_between_blocks_count_zero() {
        let blocks = [
            Block {
                height: 1,
                time_s: 0,
                difficulty: 1.0,
            },
            Block {
                height: 2,
                time_s: 2 * 86_400 + 5,
                difficulty: 1.0,
            },
        ];
        let days = daily_from_blocks(&blocks);
        assert_eq!(
            days.iter().map(|d| d.blocks).collect::<Vec<_>>(),
            vec![1, 0, 1]
        );
    }
}
