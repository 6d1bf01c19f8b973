//! A series: its id, label, unit and axis, its points (as `[time, value]` pairs or as the
//! columns `t` and `v`), its block counts and block times; and the checks across series
//! (units sharing an axis, values on a log scale).

use crate::spec::fields::{as_array, as_object, check_keys, err, join, kind, optional_text, show};
use crate::spec::types::{Axis, Series, SpecError};
use crate::spec::values::{check_ascending, parse_time_at, parse_value};
use crate::text::json::{Map, Value};
use crate::text::units::Unit;
use crate::time;

/// The keys of a series.
const SERIES_KEYS: [&str; 10] = [
    "id",
    "label",
    "unit",
    "axis",
    "points",
    "t",
    "v",
    "blocks",
    "blockTimes",
    "source",
];

pub(super) fn parse_series(value: &Value, path: &str) -> Result<Series, SpecError> {
    let obj = as_object(value, path, "a series object")?;
    check_keys(obj, path, &SERIES_KEYS)?;
    let id = match optional_text(obj, path, "id")? {
        Some(id) if !id.trim().is_empty() => id,
        Some(_) => return err(&join(path, "id"), "expected a non-empty string"),
        None => {
            return err(
                &join(path, "id"),
                "is required: a short unique name such as \"hashrate\"",
            )
        }
    };
    let label = optional_text(obj, path, "label")?.unwrap_or_else(|| id.clone());
    let unit = match obj.get("unit") {
        Some(Value::String(s)) => Unit::parse(s),
        Some(other) => {
            return err(
                &join(path, "unit"),
                format!(
                    "expected a unit string such as \"TH/s\" or \"%\", got {}",
                    kind(other)
                ),
            )
        }
        None => {
            return err(
                &join(path, "unit"),
                "is required: a unit such as \"TH/s\", \"EH/s\" or \"%\" (use \"\" for none)",
            )
        }
    };
    let axis = match obj.get("axis") {
        None => Axis::Left,
        Some(Value::String(s)) if s == "left" => Axis::Left,
        Some(Value::String(s)) if s == "right" => Axis::Right,
        Some(other) => {
            return err(
                &join(path, "axis"),
                format!("expected \"left\" or \"right\", got {}", show(other)),
            )
        }
    };

    let has_points = obj.contains_key("points");
    let has_columns = obj.contains_key("t") || obj.contains_key("v");
    let (times_ms, values) = match (has_points, has_columns) {
        (true, true) => {
            return err(
                path,
                "give either \"points\" or the columns \"t\" and \"v\", not both",
            )
        }
        (false, false) => return err(
            path,
            "expected \"points\" (an array of [time, value] pairs) or the columns \"t\" and \"v\"",
        ),
        (true, false) => parse_points(obj, path, &unit)?,
        (false, true) => parse_columns(obj, path, &unit)?,
    };
    if times_ms.is_empty() {
        let key = if has_points { "points" } else { "t" };
        return err(&join(path, key), "expected at least one point, got none");
    }
    let blocks = parse_blocks(obj.get("blocks"), path, times_ms.len())?;
    let block_times_ms =
        parse_block_times(obj.get("blockTimes"), path, &times_ms, blocks.as_deref())?;
    Ok(Series {
        id,
        label,
        unit,
        axis,
        times_ms,
        values,
        blocks,
        block_times_ms,
        source: optional_text(obj, path, "source")?,
    })
}

/// `blockTimes`: whole Unix seconds (1970–2199), each a block's header time. Header times may
/// step back a little (a miner's clock), so they are sorted here. Where `blocks` counts a
/// point whose whole period lies between the first and the last time, the times in it must
/// be that many (a point's period runs to the next point): the list has to be every block, or
/// the count an outage would be measured by is not the one the chart shows.
fn parse_block_times(
    value: Option<&Value>,
    series_path: &str,
    times_ms: &[i64],
    blocks: Option<&[Option<f64>]>,
) -> Result<Option<Vec<i64>>, SpecError> {
    let value = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(v) => v,
    };
    let path = &join(series_path, "blockTimes");
    const LAST_SECOND: i64 = 7_258_118_400; // 2200-01-01
    let items = as_array(value, path, "an array of block times in whole Unix seconds")?;
    let mut out = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        let seconds = match item {
            Value::Number(n) => n.as_u64().and_then(|s| i64::try_from(s).ok()),
            _ => None,
        };
        match seconds {
            Some(s) if (0..LAST_SECOND).contains(&s) => out.push(s * 1000),
            _ => {
                return err(
                    &format!("{path}[{k}]"),
                    format!(
                        "expected a block's time in whole Unix seconds (1970 to 2199), got {}",
                        show(item)
                    ),
                )
            }
        }
    }
    if out.len() < 2 {
        return err(
            path,
            "expected the times of at least two blocks (the span they cover is first to last)",
        );
    }
    let out = crate::time::sorted_times(out);
    let (first, last) = (out[0], out[out.len() - 1]);
    // Each point's period runs to the next point's time (the last one, and a point before a
    // gap in the data, are not checked).
    let step = times_ms.windows(2).map(|p| p[1] - p[0]).min().unwrap_or(0);
    for (i, pair) in times_ms.windows(2).enumerate() {
        let (t, end) = (pair[0], pair[1]);
        if end - t != step {
            continue;
        }
        let Some(count) = blocks.and_then(|b| b.get(i).copied().flatten()) else {
            continue;
        };
        if t < first || end > last {
            continue;
        }
        let listed = out.partition_point(|&x| x < end) - out.partition_point(|&x| x < t);
        if listed as f64 != count {
            return err(
                path,
                format!(
                    "lists {listed} blocks in the period of point {i} ({}), where blocks[{i}] counts {}: give every block between the first time and the last",
                    crate::time::format_iso(t),
                    count as usize
                ),
            );
        }
    }
    Ok(Some(out))
}

/// `blocks`, when given: a whole count (or null) for each point.
fn parse_blocks(
    value: Option<&Value>,
    series_path: &str,
    points: usize,
) -> Result<Option<Vec<Option<f64>>>, SpecError> {
    let value = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(v) => v,
    };
    let path = &join(series_path, "blocks");
    let items = as_array(value, path, "an array of block counts, one per point")?;
    if items.len() != points {
        return err(
            path,
            format!(
                "expected one block count per point: {points} points, {} block counts",
                items.len()
            ),
        );
    }
    let mut counts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        counts.push(match item {
            Value::Null => None,
            Value::Number(n) => match n.as_u64() {
                Some(c) => Some(c as f64),
                None => {
                    return err(
                        &format!("{path}[{i}]"),
                        format!("expected a whole number of blocks (0 or more) or null, got {n}"),
                    )
                }
            },
            other => {
                return err(
                    &format!("{path}[{i}]"),
                    format!(
                        "expected a whole number of blocks or null, got {}",
                        kind(other)
                    ),
                )
            }
        });
    }
    Ok(Some(counts))
}

pub(super) type Columns = (Vec<i64>, Vec<Option<f64>>);

fn parse_points(obj: &Map, path: &str, unit: &Unit) -> Result<Columns, SpecError> {
    let points_path = join(path, "points");
    let points = as_array(
        obj.get("points").unwrap_or(&Value::Null),
        &points_path,
        "an array of [time, value] pairs",
    )?;
    let mut times = Vec::with_capacity(points.len());
    let mut values = Vec::with_capacity(points.len());
    for (i, point) in points.iter().enumerate() {
        // Paths are made only for an error: this runs once per point.
        let point_path = || format!("{points_path}[{i}]");
        let pair = match point {
            Value::Array(pair) if pair.len() == 2 => pair,
            Value::Array(pair) => {
                return err(
                    &point_path(),
                    format!(
                        "expected a [time, value] pair, got an array of {} items",
                        pair.len()
                    ),
                )
            }
            other => {
                return err(
                    &point_path(),
                    format!("expected a [time, value] pair, got {}", kind(other)),
                )
            }
        };
        let time_path = || format!("{points_path}[{i}][0]");
        let t = parse_time_at(&pair[0], time_path)?;
        check_ascending(&times, t, time_path)?;
        times.push(t);
        values.push(parse_value(
            &pair[1],
            || format!("{points_path}[{i}][1]"),
            unit,
        )?);
    }
    Ok((times, values))
}

fn parse_columns(obj: &Map, path: &str, unit: &Unit) -> Result<Columns, SpecError> {
    let t_path = join(path, "t");
    let v_path = join(path, "v");
    let t = match obj.get("t") {
        Some(v) => as_array(v, &t_path, "an array of times")?,
        None => return err(&t_path, "is required with \"v\": an array of times"),
    };
    let v = match obj.get("v") {
        Some(v) => as_array(v, &v_path, "an array of values")?,
        None => return err(&v_path, "is required with \"t\": an array of values"),
    };
    if t.len() != v.len() {
        return err(
            &v_path,
            format!(
                "expected as many values as times: \"t\" has {}, \"v\" has {}",
                t.len(),
                v.len()
            ),
        );
    }
    let mut times = Vec::with_capacity(t.len());
    let mut values = Vec::with_capacity(v.len());
    for (i, (time_value, value)) in t.iter().zip(v.iter()).enumerate() {
        // Paths are made only for an error: this runs once per point.
        let time_path = || format!("{t_path}[{i}]");
        let time = parse_time_at(time_value, time_path)?;
        check_ascending(&times, time, time_path)?;
        times.push(time);
        values.push(parse_value(value, || format!("{v_path}[{i}]"), unit)?);
    }
    Ok((times, values))
}

/// On a log scale every value must be positive: the first that is not is named.
pub fn check_log_values(
    values: &[Option<f64>],
    times: &[i64],
    path: &str,
) -> Result<(), SpecError> {
    if let Some(k) = values.iter().position(|v| v.is_some_and(|v| v <= 0.0)) {
        return err(
            path,
            format!(
                "value {k} ({}) is {}: a log scale (options.scale \"log\") shows only values above zero; use null for a gap or the linear scale",
                time::format_date_time(times.get(k).copied().unwrap_or(0), 0),
                crate::text::numtext::display(values[k].unwrap_or(0.0))
            ),
        );
    }
    Ok(())
}

/// Series sharing an axis must measure the same kind of thing, or its labels would lie.
pub(super) fn check_axis_units(series: &[Series]) -> Result<(), SpecError> {
    for (i, s) in series.iter().enumerate() {
        if let Some((j, first)) = series
            .iter()
            .enumerate()
            .take(i)
            .find(|(_, other)| other.axis == s.axis)
        {
            if !first.unit.same_kind(&s.unit) {
                let side = if s.axis == Axis::Left {
                    "left"
                } else {
                    "right"
                };
                return err(
                    &format!("series[{i}].unit"),
                    format!(
                        "\"{}\" cannot share the {side} axis with series[{j}] (\"{}\"); give it its own axis with \"axis\": \"{}\"",
                        s.unit.as_written(),
                        first.unit.as_written(),
                        if side == "left" { "right" } else { "left" }
                    ),
                );
            }
        }
    }
    Ok(())
}
