//! Any bytes through the csv reader(s): an error naming the file, or a spec that validates
//! and draws; never a panic.
#![no_main]
use hashrate_outage_chart::adapters::{convert_as, ConvertOptions, InputFile, Kind};
use hashrate_outage_chart::{parse_spec, render_svg};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let file = InputFile { name: "fuzz", bytes: data };
    let options = ConvertOptions { unit: Some("TH/s".into()), ..Default::default() };
    for kind in [Kind::CsvSeries, Kind::OutageCsv, Kind::BlockchainCsv, Kind::ChainFacts] {
        if let Ok(spec) = convert_as(kind, &file, &options) {
            let spec = parse_spec(&spec.to_string()).expect("convert_as returns valid specs");
            let _ = render_svg(&spec, 640, 400, None);
        }
    }
});
