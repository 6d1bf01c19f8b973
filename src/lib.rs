//! hashrate-outage-chart: a chart of Bitcoin network hash rate against internet and power
//! outages. The core (spec, validation, time, scales, layout, drawing) is pure Rust and
//! platform-free; `web` holds every line of wasm glue and is compiled only for wasm32.
#![forbid(unsafe_code)]

// One folder per job, in the order data flows; dependencies run one way, down this list
// (tests/structure.rs checks it).
pub mod adapters;
pub mod analysis;
pub mod explain;
pub mod layout;
pub mod render;
pub mod spec;
pub mod text;
pub mod time;

#[cfg(target_arch = "wasm32")]
mod web;

pub use explain::summary::summary;
pub use render::render_svg;
pub use spec::{parse_spec, Spec, SpecError, Theme};
