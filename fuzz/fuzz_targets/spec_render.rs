//! Any bytes as a spec: parsing, validation, layout at a desktop and a phone size, and drawing
//! to SVG must return (an error or a chart), never panic.
#![no_main]
use hashrate_outage_chart::layout::layout;
use hashrate_outage_chart::{parse_spec, render_svg, Theme};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(spec) = parse_spec(text) {
        let _ = layout(&spec, 320.0, 400.0, Theme::Dark);
        let _ = render_svg(&spec, 800, 450, None);
    }
});
