//! Explaining a laid-out chart in words and numbers, beside the picture: the read-out under
//! the pointer or keys (`readout`), the data table (`table`) and the spoken summary
//! (`summary`, the canvas's aria-label and the SVG's title).

pub mod readout;
pub mod summary;
pub mod table;
