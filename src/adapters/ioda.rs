//! IODA (Internet Outage Detection and Analysis, Georgia Tech) API responses: outage events
//! into outages (one band per place, overlapping events merged), and raw signals into
//! connectivity series in % of their pre-event level.

use super::*;

/// An IODA response: JSON whose `error` is null.
pub(super) fn parse_ioda(ctx: &Ctx, text: &str) -> Result<Value, AdapterError> {
    let value = parse_json(ctx, text)?;
    match value.get("error").filter(|e| !e.is_null()) {
        Some(error) => Err(ctx.err(
            None,
            Some("error"),
            format!("IODA answered with an error: {error}"),
        )),
        None => Ok(value),
    }
}

pub(super) fn read_ioda_events(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_ioda(ctx, text)?;
    let data = value
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // One band per place: IODA reports each signal separately; overlapping events merge.
    let mut events: Vec<(String, String, i64, i64, Vec<String>)> = Vec::new();
    for (i, event) in data.iter().enumerate() {
        let path = format!("data[{i}]");
        let start = event.get("start").and_then(Value::as_f64).ok_or_else(|| {
            ctx.err(
                None,
                Some(&format!("{path}.start")),
                "expected Unix seconds",
            )
        })?;
        let duration = event
            .get("duration")
            .and_then(Value::as_f64)
            .unwrap_or(0.0)
            .max(0.0);
        let (code, name) = place_of(event);
        let datasource = event
            .get("datasource")
            .and_then(Value::as_str)
            .unwrap_or("signal")
            .to_string();
        let (s, e) = (
            (start * 1000.0) as i64,
            ((start + duration.max(300.0)) * 1000.0) as i64,
        );
        match events
            .iter_mut()
            .find(|(c, _, es, ee, _)| *c == code && s <= *ee && *es <= e)
        {
            Some(existing) => {
                existing.2 = existing.2.min(s);
                existing.3 = existing.3.max(e);
                if !existing.4.contains(&datasource) {
                    existing.4.push(datasource);
                }
            }
            None => events.push((code, name, s, e, vec![datasource])),
        }
    }
    let outages = events
        .into_iter()
        .map(|(code, name, s, e, sources)| {
            json!({ "start": s, "end": e, "label": format!("IODA outage: {name} ({})", sources.join(", ")), "region": code, "source": format!("IODA ({})", ctx.file) })
        })
        .collect();
    Ok(Fragment {
        outages,
        ..Fragment::default()
    })
}

/// An event's place: its code (the location's last part, or the entity's) and name.
fn place_of(event: &Value) -> (String, String) {
    match (
        event.get("location").and_then(Value::as_str),
        event.get("entity"),
    ) {
        (Some(location), _) => (
            location.rsplit('/').next().unwrap_or(location).to_string(),
            event
                .get("location_name")
                .and_then(Value::as_str)
                .unwrap_or(location)
                .to_string(),
        ),
        (None, Some(entity)) => (
            entity
                .get("code")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string(),
            entity
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("?")
                .to_string(),
        ),
        _ => ("?".into(), "unknown place".into()),
    }
}

pub(super) fn ioda_signal_name(datasource: &str) -> &str {
    match datasource {
        "bgp" => "BGP",
        "ping-slash24" => "active probing",
        "merit-nt" => "telescope",
        other => other,
    }
}

pub(super) fn read_ioda_signals(ctx: &Ctx, text: &str) -> Result<Fragment, AdapterError> {
    let value = parse_ioda(ctx, text)?;
    let groups = value
        .get("data")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut series = Vec::new();
    let mut notes = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        for (k, signal) in group
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let path = format!("data[{g}][{k}]");
            let datasource = signal
                .get("datasource")
                .and_then(Value::as_str)
                .unwrap_or("signal");
            let from = signal.get("from").and_then(Value::as_f64).ok_or_else(|| {
                ctx.err(None, Some(&format!("{path}.from")), "expected Unix seconds")
            })?;
            let step = signal
                .get("step")
                .and_then(Value::as_f64)
                .filter(|s| *s > 0.0)
                .ok_or_else(|| {
                    ctx.err(
                        None,
                        Some(&format!("{path}.step")),
                        "expected a step in seconds above 0",
                    )
                })?;
            let raw = signal
                .get("values")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if raw.iter().any(|v| !(v.is_null() || v.is_number())) {
                notes.push(format!(
                    "{path} ({datasource}) holds no plain numbers and was not used"
                ));
                continue;
            }
            let values: Vec<Option<f64>> = raw.iter().map(Value::as_f64).collect();
            // Normalise to % of the pre-event level: the median of the window's first quarter.
            let Some(median) = first_quarter_median(&values) else {
                notes.push(format!("{path} ({datasource}) has no positive values in its first quarter to normalise to and was not used"));
                continue;
            };
            let code = signal
                .get("entityCode")
                .and_then(Value::as_str)
                .unwrap_or("");
            let t: Vec<i64> = (0..values.len())
                .map(|i| ((from + step * i as f64) * 1000.0) as i64)
                .collect();
            let v: Vec<Value> = values
                .iter()
                .map(|v| v.map_or(Value::Null, |x| json!((x / median * 1000.0).round() / 10.0)))
                .collect();
            series.push(json!({
                "id": format!("ioda-{datasource}-{code}").to_ascii_lowercase(),
                "label": format!("IODA {} {code}, % of pre-event level", ioda_signal_name(datasource)).replace("  ", " "),
                "unit": "%", "t": t, "v": v, "source": format!("IODA ({})", ctx.file),
            }));
        }
    }
    Ok(Fragment {
        series,
        notes,
        ..Fragment::default()
    })
}

/// The median of the first quarter of a signal's values (the level before the event), when
/// it is above zero.
fn first_quarter_median(values: &[Option<f64>]) -> Option<f64> {
    let quarter: Vec<f64> = values
        .iter()
        .take(values.len().div_ceil(4).max(1))
        .flatten()
        .copied()
        .collect();
    let mut sorted = quarter.clone();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len() / 2).copied().filter(|m| *m > 0.0)
}
