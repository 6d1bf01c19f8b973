//! **spec/**: the chart spec and what it names; uses text/ and time/.
//!
//! The chart spec, version 1: JSON in, validated typed structs out.
//! Validation happens once, here; layout and drawing trust what this module returns.
//! Every error names the JSON path of the offending value and says what was expected.
//!
//! By file: `types` (the spec's structs, the error, the time range), `parse` (the document
//! and its annotations), `series` (a series and its points), `columns` (typed columns,
//! `setColumns`), `values` (the rule for a time and for a value), `outages`, `options`
//! (with the time zone), `fields` (reading JSON fields with errors that name their path),
//! `theme` (the light and dark palettes) and `provenance` (the source line and the data's
//! SHA-256).

mod columns;
mod fields;
mod options;
mod outages;
mod parse;
pub mod provenance;
mod series;
pub mod sha256;
pub mod theme;
mod types;
mod values;

pub use columns::set_columns;
#[cfg(not(target_arch = "wasm32"))]
pub use options::resolve_zone;
pub use options::zone_option;
pub use parse::{parse_spec, spec_from_value};
pub use series::check_log_values;
pub use theme::Theme;
pub use types::{
    outage_label, outage_label_in, Annotation, Axis, Options, Outage, Series, Spec, SpecError,
    DEFAULT_BASELINE_DAYS, MAX_TIME_MS, MIN_TIME_MS,
};
pub use values::parse_time;
