//! The drawing options (`options`): theme, time zone, impact labels, baseline, rolling mean,
//! scale, and resolving a named time zone natively.

use crate::spec::fields::{
    as_object, check_keys, err, join, kind, optional_bool, optional_days, show,
};
use crate::spec::theme::Theme;
#[cfg(not(target_arch = "wasm32"))]
use crate::spec::types::Spec;
use crate::spec::types::{Options, SpecError, DEFAULT_BASELINE_DAYS};
use crate::text::json::Value;
use crate::time;

/// The keys of the options.
const OPTION_KEYS: [&str; 9] = [
    "theme",
    "timeZone",
    "impact",
    "baselineDays",
    "rollingAverage",
    "rollingAlign",
    "showRaw",
    "provenance",
    "scale",
];

pub(super) fn parse_options(value: &Value, path: &str) -> Result<Options, SpecError> {
    let obj = as_object(value, path, "an options object")?;
    check_keys(obj, path, &OPTION_KEYS)?;
    let mut options = Options {
        impact: optional_bool(obj, path, "impact")?.unwrap_or(true),
        show_raw: optional_bool(obj, path, "showRaw")?.unwrap_or(true),
        provenance: optional_bool(obj, path, "provenance")?.unwrap_or(false),
        baseline_days: optional_days(obj, path, "baselineDays", 1)?
            .unwrap_or(DEFAULT_BASELINE_DAYS),
        rolling_average_days: optional_days(obj, path, "rollingAverage", 2)?,
        ..Options::default()
    };
    match obj.get("rollingAlign") {
        None => {}
        Some(Value::String(s)) if s == "centered" || s == "centred" => {
            options.rolling_centred = true
        }
        Some(Value::String(s)) if s == "trailing" => options.rolling_centred = false,
        Some(other) => {
            return err(
                &join(path, "rollingAlign"),
                format!("expected \"centered\" or \"trailing\", got {}", show(other)),
            )
        }
    }
    match obj.get("scale") {
        None => {}
        Some(Value::String(s)) if s == "linear" => options.log_scale = false,
        Some(Value::String(s)) if s == "log" => options.log_scale = true,
        Some(other) => {
            return err(
                &join(path, "scale"),
                format!("expected \"linear\" or \"log\", got {}", show(other)),
            )
        }
    }
    if let Some(v) = obj.get("theme") {
        options.theme_auto = v.as_str() == Some("auto");
        options.theme = match v {
            Value::String(s) if s == "auto" => Theme::Light,
            Value::String(s) => match Theme::parse(s) {
                Some(theme) => theme,
                None => {
                    return err(
                        &join(path, "theme"),
                        format!("expected \"light\", \"dark\" or \"auto\", got {}", show(v)),
                    )
                }
            },
            other => {
                return err(
                    &join(path, "theme"),
                    format!(
                        "expected \"light\", \"dark\" or \"auto\", got {}",
                        kind(other)
                    ),
                )
            }
        };
    }
    if let Some(v) = obj.get("timeZone") {
        let zone_path = join(path, "timeZone");
        let Value::String(name) = v else {
            return err(
                &zone_path,
                format!(
                    "expected a time zone string such as \"UTC\", \"+06:00\" or \"Asia/Almaty\", got {}",
                    kind(v)
                ),
            );
        };
        options.time_zone = match zone_option(name) {
            Ok(zone) => zone,
            Err(message) => return err(&zone_path, message),
        };
    }
    Ok(options)
}

/// A time-zone option: UTC or a fixed offset, or an IANA name whose offsets are filled in once
/// the chart's span is known (`resolve_zone`).
pub fn zone_option(name: &str) -> Result<time::Zone, String> {
    match time::parse_time_zone(name) {
        Ok(offset) => Ok(time::Zone {
            name: name.to_string(),
            ..time::Zone::fixed(offset)
        }),
        Err(_) if time::is_zone_name(name) => {
            Ok(time::Zone::with_offsets(name.trim(), 0, Vec::new()))
        }
        Err(message) => Err(message),
    }
}

/// Natively, a named zone's offsets over the spec's span from the tz database (src/time/tz.rs);
/// the web shell supplies them from Intl instead (ChartCore::zone_request).
#[cfg(not(target_arch = "wasm32"))]
pub fn resolve_zone(spec: &mut Spec) -> Result<(), String> {
    if spec.options.time_zone.named {
        let span = spec.time_span();
        spec.options.time_zone = crate::time::tz::resolve(&spec.options.time_zone.name, span)?;
    }
    Ok(())
}
