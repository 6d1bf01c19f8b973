//! hashrate-outage-chart: a chart of Bitcoin network hash rate against outages.
//! The core (spec, validation, time, scales, layout, drawing) is pure Rust; `web` holds all wasm glue.
#![forbid(unsafe_code)]

pub mod time;

#[cfg(target_arch = "wasm32")]
mod web;
