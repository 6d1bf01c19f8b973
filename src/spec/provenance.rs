//! Provenance: the chart's source line built from each series' and outage's `source`, and a
//! SHA-256 of the data drawn, over a canonical text form of the validated spec (so the same
//! data gives the same digest however the JSON was formatted).

use crate::spec::sha256::Sha256;
use crate::spec::Spec;

/// The source line: the spec's own, else the distinct sources of series and outages, with
/// its word ("Source:", "Quellen:") in `locale`.
pub fn source_line_in(spec: &Spec, locale: &crate::text::i18n::Locale) -> Option<String> {
    if let Some(source) = spec
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        return Some(source.to_string());
    }
    let mut sources: Vec<&str> = Vec::new();
    let all = spec
        .series
        .iter()
        .filter_map(|s| s.source.as_deref())
        .chain(spec.outages.iter().filter_map(|o| o.source.as_deref()));
    // Each ";"-separated source once, across series and outages.
    for source in all
        .flat_map(sources_in)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    match sources.len() {
        0 => None,
        1 => Some(locale.fill("footer.source", &[("sources", sources[0])])),
        _ => Some(locale.fill(
            "footer.sources",
            &[("sources", &crate::text::join(&sources, "; "))],
        )),
    }
}

/// `text` cut at each "; " (a semicolon with no space after it stays inside a source, as in a
/// URL's parameters). A char search, not `split("; ")`: std's two-way string searcher costs
/// 2 KB of wasm.
fn sources_in(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices(';') {
        if text.as_bytes().get(at + 1) == Some(&b' ') {
            parts.push(&text[start..at]);
            start = at + 2;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// SHA-256 (hex) of the data: every series (id, unit, time,value lines with "null" for gaps,
/// block counts) and every outage (start, end, label), one item per line.
pub fn data_sha256(spec: &Spec) -> String {
    let mut hasher = Sha256::default();
    for s in &spec.series {
        hasher.update(format!("series\t{}\t{}\n", s.id, s.unit.as_written()).as_bytes());
        for (i, (t, v)) in s.times_ms.iter().zip(s.values.iter()).enumerate() {
            let value = v.map_or_else(|| "null".to_string(), crate::text::numtext::debug);
            let blocks = s
                .blocks
                .as_ref()
                .and_then(|b| b.get(i).copied().flatten())
                .map_or_else(String::new, |b| {
                    format!("\t{}", crate::text::numtext::display(b))
                });
            hasher.update(format!("{t}\t{value}{blocks}\n").as_bytes());
        }
    }
    for o in &spec.outages {
        hasher.update(
            format!(
                "outage\t{}\t{}\t{}\n",
                o.start_ms,
                o.end_ms,
                o.label.as_deref().unwrap_or("")
            )
            .as_bytes(),
        );
    }
    hasher.hex()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::parse_spec;

    #[test]
    fn sources_are_cut_at_semicolon_space_only() {
        assert_eq!(
            sources_in("Blockchain.com; IODA"),
            ["Blockchain.com", "IODA"]
        );
        assert_eq!(
            sources_in("https://x.org/a;v=1; IODA"),
            ["https://x.org/a;v=1", "IODA"]
        );
        assert_eq!(sources_in("A;B"), ["A;B"]);
        assert_eq!(sources_in("A; ; B;"), ["A", "", "B;"]);
        assert_eq!(sources_in("; "), ["", ""]);
        assert_eq!(sources_in(""), [""]);
    }

    #[test]
    fn the_digest_depends_on_the_data_not_the_formatting() {
        let a = parse_spec(r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]]}]}"#)
            .expect("valid");
        let b = parse_spec("{ \"series\" : [ { \"unit\":\"EH/s\", \"id\":\"h\", \"points\":[[1641340800000, 1.0]] } ] }").expect("valid");
        let c = parse_spec(r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",2]]}]}"#)
            .expect("valid");
        assert_eq!(data_sha256(&a), data_sha256(&b));
        assert_ne!(data_sha256(&a), data_sha256(&c));
        assert_eq!(data_sha256(&a).len(), 64);
    }

    #[test]
    fn source_line_lists_distinct_sources_unless_the_spec_sets_one() {
        let spec = parse_spec(
            r#"{"series":[{"id":"h","unit":"EH/s","points":[["2022-01-05",1]],"source":"a.json"},{"id":"g","unit":"EH/s","points":[["2022-01-05",1]],"source":"a.json"}],
                "outages":[{"start":"2022-01-05","end":"2022-01-06","source":"events.csv"}]}"#,
        )
        .expect("valid");
        assert_eq!(
            source_line_in(&spec, crate::text::i18n::english()).as_deref(),
            Some("Sources: a.json; events.csv")
        );
        // The word in the reader's language.
        let de = crate::text::i18n::Locale::of(crate::text::i18n::Lang::De);
        assert_eq!(
            source_line_in(&spec, &de).as_deref(),
            Some("Quellen: a.json; events.csv")
        );
        let mut own = spec.clone();
        own.source = Some("Data: blockchain.com".into());
        assert_eq!(
            source_line_in(&own, crate::text::i18n::english()).as_deref(),
            Some("Data: blockchain.com")
        );
    }
}
