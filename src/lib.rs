//! hashrate-outage-chart: a chart of Bitcoin network hash rate against internet and power
//! outages. The core (spec, validation, time, scales, layout, drawing) is pure Rust and
//! platform-free; `web` holds every line of wasm glue and is compiled only for wasm32.
#![forbid(unsafe_code)]

// One folder per job, listed in the order data flows: each uses only the folders above it
// (tests/structure.rs checks it, with this same order; rustfmt.toml keeps the order).
pub mod text; // words, numbers, units, fonts, JSON: the leaves
pub mod time; // calendar, zones, ISO 8601, ticks, formatting
pub mod spec; // the chart spec and its validation
pub mod analysis; // impacts, rolling means, block arrivals, simulation
pub mod layout; // the display list at a size
pub mod explain; // the summary, read-out and table in words
pub mod render; // drawing the display list (SVG, plotters backends)
pub mod adapters; // other formats into specs (the tools module and the CLI)
#[cfg(target_arch = "wasm32")]
mod web; // the wasm glue: the only place that knows the browser

pub use explain::summary::summary;
pub use render::render_svg;
pub use spec::{parse_spec, Spec, SpecError, Theme};
