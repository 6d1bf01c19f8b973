//! **analysis/**: uses text/, time/ and spec/.
//!
//! Analysis: the measured impact of each outage on each hash-rate series, with a 95 % interval
//! from block-arrival (Poisson) noise or from the baseline's own day-to-day variability, and
//! rolling averages. Pure arithmetic on validated series; the README states the method.
//!
//! By file, in the order a measurement runs: `impact` (the result types and the entry
//! points), `windows` (the points during, before and after an outage), `fit` (the
//! counterfactual curve through the baseline), `estimate` (the noise, the change and its
//! interval), `quantiles` (normal and Student's t); then `words` (verdicts and descriptions),
//! `json` (the impacts as JSON), `display` (the unit values are shown in), `rolling` (the
//! rolling mean) and `expected` (the expected range had an outage's share gone dark, drawn and
//! said beside a simulated loss). Beside them: `simulate` (synthetic hash rate with known outages), `blocks`
//! (block counts from a simulation) and, natively, `calibrate` (how often the verdicts are
//! wrong on simulations and on real history).

pub mod blocks;
#[cfg(not(target_arch = "wasm32"))]
pub mod calibrate;
pub mod expected;
mod display;
mod estimate;
mod fit;
mod impact;
mod json;
mod quantiles;
mod rolling;
pub mod simulate;
mod windows;
mod words;

pub use crate::spec::DEFAULT_BASELINE_DAYS;
pub use display::{display_unit_of, format_display};
pub use estimate::{change_for, ARRIVALS_BELOW_MS};
pub use fit::Fit;
pub use impact::{impacts, spec_impacts, Impact, ImpactOptions, Impacts, Method, NotMeasured};
pub use json::impacts_json;
pub use quantiles::{t_quantile_975, t_quantile_995};
pub use rolling::rolling_mean;
pub use windows::{point_spacing_ms, MIN_AFTER_POINTS, MIN_BASELINE_POINTS};
pub use words::{
    baseline_words, chance_note_in, describe, describe_band_in, describe_list, describe_plain,
    detectable_words, format_percent, verdict, verdict_key, CHANCE_PER_OUTAGE,
    SHORT_BASELINE_POINTS,
};
