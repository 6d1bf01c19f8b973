//! hashrate-outage-chart: a chart of Bitcoin network hash rate against internet and power
//! outages. The core (spec, validation, time, scales, layout, drawing) is pure Rust and
//! platform-free; `web` holds every line of wasm glue and is compiled only for wasm32.
#![forbid(unsafe_code)]

pub mod adapters;
pub mod analysis;
pub mod blocks;
#[cfg(not(target_arch = "wasm32"))]
pub mod calibrate;
pub mod countries;
pub mod decimate;
pub mod draw;
pub mod font_table;
#[cfg(not(target_arch = "wasm32"))]
pub mod fontfile;
pub mod i18n;
pub mod layout;
pub mod numtext;
pub mod presentation;
pub mod provenance;
pub mod readout;
pub mod render;
pub mod scale;
pub mod simulate;
pub mod spec;
pub mod summary;
pub mod svg;
pub mod table;
pub mod text;
pub mod theme;
pub mod time;
#[cfg(not(target_arch = "wasm32"))]
pub mod tz;
pub mod units;

#[cfg(target_arch = "wasm32")]
mod web;

pub use render::render_svg;
pub use spec::{parse_spec, Spec, SpecError, Theme};
pub use summary::summary;
