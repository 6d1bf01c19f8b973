//! Cloudflare Radar's outage annotations: one outage per event.

use super::*;

pub(super) fn read_cloudflare(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_json(ctx, text)?;
    if value.get("success").and_then(Value::as_bool) == Some(false) {
        return Err(ctx.err(
            None,
            Some("success"),
            format!(
                "Cloudflare answered with errors: {}",
                value.get("errors").unwrap_or(&Value::Null)
            ),
        ));
    }
    let annotations = value
        .pointer("/result/annotations")
        .or_else(|| value.get("annotations"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut outages = Vec::new();
    let mut notes = Vec::new();
    for (i, a) in annotations.iter().enumerate() {
        let path = format!("annotations[{i}]");
        let start_text = a.get("startDate").and_then(Value::as_str).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("{path}.startDate")),
                "expected an ISO 8601 date-time",
            )
        })?;
        let start = parse_iso8601(start_text)
            .map_err(|m| ctx.err(None, Some(&format!("{path}.startDate")), m))?;
        let mut label = label_of(a);
        let mut outage = json!({ "start": start, "source": a.get("linkedUrl").and_then(Value::as_str).filter(|u| !u.is_empty()).map_or_else(|| format!("Cloudflare Radar ({})", ctx.file), String::from) });
        match a
            .get("endDate")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
        {
            Some(end_text) => {
                let end = parse_iso8601(end_text)
                    .map_err(|m| ctx.err(None, Some(&format!("{path}.endDate")), m))?;
                if end <= start {
                    return Err(ctx.err(
                        None,
                        Some(&format!("{path}.endDate")),
                        "ends before it starts",
                    ));
                }
                outage["end"] = json!(end);
            }
            None => {
                label.push_str(" (ongoing)");
                outage["_ongoing"] = json!(true);
                notes.push(format!(
                    "{path} has no end yet: drawn to the last data time"
                ));
            }
        }
        outage["label"] = json!(label);
        if let Some(locations) = a.get("locations").and_then(Value::as_array) {
            let codes: Vec<&str> = locations.iter().filter_map(Value::as_str).collect();
            if !codes.is_empty() {
                outage["region"] = json!(codes.join(", "));
            }
        }
        outages.push(outage);
    }
    Ok(Fragment {
        outages,
        notes,
        ..Fragment::default()
    })
}

/// An annotation's band label: its scope or locations, and the cause when given
/// ("Iran (government directed)").
fn label_of(a: &Value) -> String {
    let place = a
        .get("scope")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .or_else(|| {
            a.get("locations").and_then(Value::as_array).map(|l| {
                l.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Outage".into());
    let cause = a
        .pointer("/outage/outageCause")
        .and_then(Value::as_str)
        .map(|c| c.replace('_', " ").to_lowercase());
    match cause {
        Some(c) if !c.is_empty() => format!("{place} ({c})"),
        _ => place,
    }
}
