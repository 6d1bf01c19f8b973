//! Outage event lists as CSV (start and end; optional label or name, category, description,
//! region or country code, share, sources): one outage per row, its sources shortened to
//! their sites.

use super::*;

/// A sources cell made short for a source line: each `;`-separated source without its
/// parenthetical, a web address by its site ("https://www.example.org/a/b" → "example.org"),
/// each once.
pub(super) fn short_sources(cell: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for part in cell.split(';') {
        let mut text = part.trim().to_string();
        if let Some(open) = text.find(" (") {
            text.truncate(open);
        }
        let text = text.trim();
        let short = if let Some(rest) = text
            .strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
        {
            let host = rest.split('/').next().unwrap_or(rest);
            host.strip_prefix("www.").unwrap_or(host).to_string()
        } else {
            text.to_string()
        };
        if !short.is_empty() && !out.contains(&short) {
            out.push(short);
        }
    }
    out.join("; ")
}

pub(super) fn read_outage_csv(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let rows = csv_records(ctx, text)?;
    let Some((header_line, header)) = rows.first().cloned() else {
        return Err(ctx.err(None, None, "is empty"));
    };
    let lower: Vec<String> = header.iter().map(|h| h.to_ascii_lowercase()).collect();
    let col = |names: &[&str]| lower.iter().position(|h| names.contains(&h.as_str()));
    let (Some(start_col), Some(end_col)) = (col(&["start", "start_utc"]), col(&["end", "end_utc"]))
    else {
        return Err(ctx.err(
            Some(header_line),
            None,
            "expected the columns start and end",
        ));
    };
    // A short label reads best on a band: an explicit label or name, else the category and
    // region ("Internet shutdown (KZ)"), else the description, else the id.
    let label_col = col(&["label"]).or(col(&["name"]));
    let category_col = col(&["category"]);
    let fallback_col = col(&["description"]).or(col(&["event_id"]));
    // A country code column names the countries; a free-text region stays as written.
    let region_col = col(&["country_iso2", "country", "region"]);
    let share_col = col(&["share"]);
    let source_col = col(&["source", "sources"]);
    let mut outages = Vec::new();
    for (line, row) in rows.iter().skip(1) {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(String::as_str)
                .filter(|s| !s.is_empty())
        };
        let (start, end) = span_of(
            ctx,
            *line,
            &header,
            (cell(Some(start_col)), start_col),
            (cell(Some(end_col)), end_col),
        )?;
        let mut outage = json!({ "start": start, "end": end });
        let label = band_label(
            cell(label_col),
            cell(category_col),
            cell(region_col),
            cell(fallback_col),
        );
        if let Some(label) = label {
            outage["label"] = json!(label);
        }
        if let Some(region) = cell(region_col) {
            outage["region"] = json!(crate::text::countries::region_names(region));
        }
        if let Some(share) = cell(share_col) {
            outage["share"] = json!(share_cell(ctx, *line, share)?);
        }
        // The row's own sources (short: a web address by its site), the file only failing them.
        outage["source"] = json!(cell(source_col)
            .map(short_sources)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| ctx.file.to_string()));
        outages.push(outage);
    }
    Ok(Fragment {
        outages,
        ..Fragment::default()
    })
}

/// A short label reads best on a band: an explicit label or name, else the category and
/// region ("Internet shutdown (KZ)"), else the description or id; cut at 80 characters.
fn band_label(
    label: Option<&str>,
    category: Option<&str>,
    region: Option<&str>,
    fallback: Option<&str>,
) -> Option<String> {
    let from_category = category.map(|c| {
        let words = c.replace('_', " ");
        let mut chars = words.chars();
        let pretty = chars.next().map_or_else(String::new, |f| {
            f.to_uppercase().collect::<String>() + chars.as_str()
        });
        match region {
            Some(region) => format!(
                "{pretty} ({})",
                crate::text::countries::region_names(region)
            ),
            None => pretty,
        }
    });
    label
        .map(String::from)
        .or(from_category)
        .or_else(|| fallback.map(String::from))
        .map(|l| {
            if l.chars().count() > 80 {
                format!("{}…", l.chars().take(79).collect::<String>())
            } else {
                l
            }
        })
}

/// A share of the hash rate: a fraction from 0 to 1, or a percentage ("13.2%").
fn share_cell(ctx: &Ctx, line: u64, share: &str) -> Result<f64, AdapterError> {
    let s: f64 = share
        .trim_end_matches('%')
        .parse()
        .map_err(|_| ctx.err(Some(line), Some("share"), "expected a fraction from 0 to 1"))?;
    let s = if share.ends_with('%') { s / 100.0 } else { s };
    if !(0.0..=1.0).contains(&s) {
        return Err(ctx.err(
            Some(line),
            Some("share"),
            format!("expected a fraction from 0 to 1 (0.132 for 13.2 %), got {share}"),
        ));
    }
    Ok(s)
}

/// An outage's start and end cells as times (Unix ms): both given, the end after the start;
/// a date alone as the end means the whole of that day.
fn span_of(
    ctx: &Ctx,
    line: u64,
    header: &[String],
    (start_cell, start_col): (Option<&str>, usize),
    (end_cell, end_col): (Option<&str>, usize),
) -> Result<(i64, i64), AdapterError> {
    let start_text = start_cell.ok_or_else(|| {
        ctx.err(
            Some(line),
            Some(&header[start_col]),
            "is empty: every outage needs a start",
        )
    })?;
    let end_text = end_cell.ok_or_else(|| {
        ctx.err(
            Some(line),
            Some(&header[end_col]),
            "is empty: every outage needs an end",
        )
    })?;
    let start = parse_time_cell(start_text)
        .map_err(|m| ctx.err(Some(line), Some(&header[start_col]), m))?;
    let mut end =
        parse_time_cell(end_text).map_err(|m| ctx.err(Some(line), Some(&header[end_col]), m))?;
    // A date alone as the end means the whole of that day ("4 to 11 January").
    if end_text.len() == 10 && end_text.as_bytes().get(4) == Some(&b'-') {
        end += MS_PER_DAY;
    }
    if end <= start {
        return Err(ctx.err(
            Some(line),
            Some(&header[end_col]),
            format!("ends ({end_text}) before it starts ({start_text})"),
        ));
    }
    Ok((start, end))
}
