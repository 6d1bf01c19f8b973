//! Typed columns (`setColumns`): a series' data replaced in place from typed arrays, the fast
//! path for large data, checked by the same rules as JSON points.

use crate::spec::fields::err;
use crate::spec::outages::close_ongoing;
use crate::spec::series::{check_log_values, Columns};
use crate::spec::types::{Spec, SpecError};
use crate::spec::values::{check_time_ms, check_value};
use crate::text::numtext::display;
use crate::text::units::Unit;

/// Replaces a series' data with typed columns (the fast path for large data): times in Unix
/// ms (finite, whole, strictly ascending, 1900–2199), values in the series' unit with NaN as a
/// gap. Errors name `series[i].t[k]` / `series[i].v[k]`. Block counts, which no longer match,
/// are dropped with the old data.
pub fn set_columns(
    spec: &mut Spec,
    index: usize,
    times: &[f64],
    values: &[f64],
    blocks: Option<&[f64]>,
) -> Result<(), SpecError> {
    let path = format!("series[{index}]");
    let Some(series) = spec.series.get_mut(index) else {
        return err(
            &path,
            format!("no such series: the spec has {}", spec.series.len()),
        );
    };
    if times.len() != values.len() {
        return err(
            &format!("{path}.v"),
            format!(
                "expected as many values as times: {} times, {} values",
                times.len(),
                values.len()
            ),
        );
    }
    if times.is_empty() {
        return err(
            &format!("{path}.t"),
            "expected at least one point, got none",
        );
    }
    let (out_times, out_values) = checked_columns(&path, times, values, &series.unit)?;
    let out_blocks = checked_blocks(&path, blocks, times.len())?;
    if spec.options.log_scale {
        check_log_values(&out_values, &out_times, &path)?;
    }
    let Some(series) = spec.series.get_mut(index) else {
        return err(&path, "no such series");
    };
    series.times_ms = out_times;
    series.values = out_values;
    series.blocks = out_blocks;
    // New data moves an ongoing outage's end with it; data that ends before it leaves it as it
    // was (the outage keeps its last end).
    let _ = close_ongoing(&mut spec.outages, &spec.series);
    Ok(())
}

/// The times and values, each checked: whole ascending milliseconds, values with NaN a gap.
fn checked_columns(
    path: &str,
    times: &[f64],
    values: &[f64],
    unit: &Unit,
) -> Result<Columns, SpecError> {
    let mut out_times = Vec::with_capacity(times.len());
    let mut out_values = Vec::with_capacity(values.len());
    for (k, (&t, &v)) in times.iter().zip(values.iter()).enumerate() {
        if !t.is_finite() || t.fract() != 0.0 {
            return err(
                &format!("{path}.t[{k}]"),
                format!(
                    "expected a whole number of Unix milliseconds, got {}",
                    display(t)
                ),
            );
        }
        let ms = check_time_ms(t as i64, || format!("{path}.t[{k}]"))?;
        if let Some(&last) = out_times.last() {
            if ms <= last {
                return err(
                    &format!("{path}.t[{k}]"),
                    "times must be strictly ascending",
                );
            }
        }
        // NaN is a gap on this path (typed arrays have no null); ±∞ is refused as in JSON.
        let value = check_value(
            (!v.is_nan()).then_some(v),
            || format!("{path}.v[{k}]"),
            unit,
        )?;
        out_times.push(ms);
        out_values.push(value);
    }
    Ok((out_times, out_values))
}

/// Block counts travel with their points (NaN for none): whole numbers, 0 or more.
fn checked_blocks(
    path: &str,
    blocks: Option<&[f64]>,
    points: usize,
) -> Result<Option<Vec<Option<f64>>>, SpecError> {
    let Some(b) = blocks else {
        return Ok(None);
    };
    if b.len() != points {
        return err(
            &format!("{path}.blocks"),
            format!(
                "expected one block count per point: {points} points, {} block counts",
                b.len()
            ),
        );
    }
    let mut out = Vec::with_capacity(b.len());
    for (k, &n) in b.iter().enumerate() {
        if n.is_nan() {
            out.push(None);
        } else if n.is_finite() && n >= 0.0 && n.fract() == 0.0 {
            out.push(Some(n));
        } else {
            return err(
                &format!("{path}.blocks[{k}]"),
                format!(
                    "expected a whole number of blocks (0 or more) or null, got {}",
                    display(n)
                ),
            );
        }
    }
    Ok(Some(out))
}
