//! Outages: the shaded periods, each checked, and the ongoing ones run to the end of the data.

use crate::spec::fields::{as_object, check_keys, err, join, kind, optional_text, required_time};
use crate::spec::types::{Outage, Series, SpecError};
use crate::text::json::Value;
use crate::time;

pub(super) fn parse_outage(value: &Value, path: &str) -> Result<Outage, SpecError> {
    let obj = as_object(value, path, "an outage object")?;
    check_keys(
        obj,
        path,
        &["start", "end", "label", "region", "share", "source"],
    )?;
    let start_ms = required_time(obj, path, "start")?;
    // No end yet: an ongoing outage, closed at the end of the data (`close_ongoing`).
    let ongoing = matches!(obj.get("end"), None | Some(Value::Null))
        || matches!(obj.get("end"), Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("ongoing"));
    let end_ms = if ongoing {
        i64::MAX
    } else {
        required_time(obj, path, "end")?
    };
    if end_ms <= start_ms {
        return err(
            &join(path, "end"),
            format!(
                "expected the end after the start ({}), got {}",
                time::format_date_time(start_ms, 0),
                time::format_date_time(end_ms, 0)
            ),
        );
    }
    let share = match obj.get("share") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => match n.as_f64() {
            Some(x) if (0.0..=1.0).contains(&x) => Some(x),
            _ => {
                return err(
                    &join(path, "share"),
                    format!(
                    "expected a fraction of the hash rate from 0 to 1 (0.132 for 13.2 %), got {n}"
                ),
                )
            }
        },
        Some(other) => {
            return err(
                &join(path, "share"),
                format!("expected a fraction from 0 to 1, got {}", kind(other)),
            )
        }
    };
    Ok(Outage {
        start_ms,
        end_ms,
        label: optional_text(obj, path, "label")?,
        region: optional_text(obj, path, "region")?,
        share,
        source: optional_text(obj, path, "source")?,
        ongoing,
    })
}

/// The end of the data: the last point's period end (its last gap, a day for a single point)
/// over every series; None without points.
fn data_end_ms(series: &[Series]) -> Option<i64> {
    series
        .iter()
        .filter_map(|s| {
            let last = *s.times_ms.last()?;
            let gap = match s.times_ms.len() {
                0 | 1 => time::MS_PER_DAY,
                n => last - s.times_ms[n - 2],
            };
            Some(last.saturating_add(gap))
        })
        .max()
}

/// Runs each ongoing outage to the end of the data; one that starts at or after it is refused
/// (at parse) naming its start.
pub(super) fn close_ongoing(outages: &mut [Outage], series: &[Series]) -> Result<(), SpecError> {
    let Some(end) = data_end_ms(series) else {
        return Ok(());
    };
    for (i, outage) in outages.iter_mut().enumerate().filter(|(_, o)| o.ongoing) {
        if outage.start_ms >= end {
            return err(
                &format!("outages[{i}].start"),
                format!(
                    "an ongoing outage (no end) must start before the data ends ({})",
                    time::format_date_time(end, 0)
                ),
            );
        }
        outage.end_ms = end;
    }
    Ok(())
}
