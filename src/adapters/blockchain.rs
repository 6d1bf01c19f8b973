//! blockchain.com charts: the API's JSON (`/charts/hash-rate?format=json`) and the CSV the
//! site downloads, each one hash-rate series.

use super::*;

/// The hash-rate unit named inside a unit string such as "Hash Rate TH/s".
pub(super) fn unit_in(text: &str) -> Option<&'static str> {
    text.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .find_map(|word| {
            HASH_RATE_UNITS
                .iter()
                .find(|u| u.eq_ignore_ascii_case(word))
                .copied()
        })
}

pub(super) fn read_blockchain_json(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_json(ctx, text)?;
    if let Some(status) = value.get("status").and_then(Value::as_str) {
        if status != "ok" {
            return Err(ctx.err(
                None,
                Some("status"),
                format!("blockchain.com answered status \"{status}\", not \"ok\""),
            ));
        }
    }
    let unit_text = value.get("unit").and_then(Value::as_str).ok_or_else(|| {
        ctx.err(
            None,
            Some("unit"),
            "has no \"unit\": the unit is read from it, never assumed",
        )
    })?;
    let unit = unit_in(unit_text)
        .map(String::from)
        .unwrap_or_else(|| unit_text.to_string());
    let name = value
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("blockchain.com chart")
        .to_string();
    let mut t = Vec::new();
    let mut v = Vec::new();
    let values = value
        .get("values")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, point) in values.iter().enumerate() {
        let x = point.get("x").and_then(Value::as_f64).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("values[{i}].x")),
                "expected Unix seconds",
            )
        })?;
        let y = match point.get("y") {
            Some(Value::Null) | None => Value::Null,
            Some(y) => json!(y.as_f64().ok_or_else(|| ctx.err(
                None,
                Some(&format!("values[{i}].y")),
                "expected a number"
            ))?),
        };
        let ms = (x * 1000.0).round() as i64;
        if let Some(&last) = t.last() {
            if ms <= last {
                return Err(ctx.err(
                    None,
                    Some(&format!("values[{i}].x")),
                    "times must be strictly ascending",
                ));
            }
        }
        t.push(ms);
        v.push(y);
    }
    if t.is_empty() {
        return Err(ctx.err(None, Some("values"), "has no values"));
    }
    Ok(Fragment {
        // No title of its own: the merged spec's says what the files hold together.
        title: None,
        series: vec![
            json!({ "id": "hashrate", "label": name, "unit": unit, "t": t, "v": v, "source": format!("blockchain.com charts API ({})", ctx.file) }),
        ],
        ..Fragment::default()
    })
}

pub(super) fn read_blockchain_csv(
    ctx: &Ctx,
    text: &str,
    options: &ConvertOptions,
) -> Result<Fragment, AdapterError> {
    let unit = options.unit.clone().ok_or_else(|| {
        ctx.err(None, None, "a blockchain.com CSV export carries no unit: pass --unit (its hash-rate chart is in TH/s: --unit TH/s)")
    })?;
    let mut t = Vec::new();
    let mut v = Vec::new();
    for (line, row) in csv_records(ctx, text)? {
        let (Some(time), Some(value)) = (row.first(), row.get(1)) else {
            return Err(ctx.err(
                Some(line),
                None,
                format!("expected 2 columns (time, value), got {}", row.len()),
            ));
        };
        let ms = parse_time_cell(time).map_err(|m| ctx.err(Some(line), Some("1"), m))?;
        check_ascending(ctx, &t, ms, line, "1")?;
        t.push(ms);
        v.push(parse_value_cell(value).map_err(|m| ctx.err(Some(line), Some("2"), m))?);
    }
    Ok(Fragment {
        series: vec![
            json!({ "id": "hashrate", "label": "Hash rate", "unit": unit, "t": t, "v": v, "source": format!("blockchain.com charts CSV ({})", ctx.file) }),
        ],
        ..Fragment::default()
    })
}
