//! What a layout needs of the data before any size is known, worked out once per data and
//! locale (`Prepared`): the impacts' words, rolling means, notes, the axis plans and the
//! expected ranges of a simulated loss.

use super::axes::{value_axes, AxisPlan};
use crate::analysis::{Impact, NotMeasured};
use crate::layout::presentation::Presentation;
use crate::spec::{outage_label_in, Spec};
use crate::text::i18n::Locale;
use crate::time;

/// What a layout needs of the spec whatever its size: the measured impacts, rolling means,
/// counterfactuals and notes (in the locale's words), and the value axes' plans. Computed once
/// per layout call natively, and once per data and locale by the web core, which keeps it
/// across resizes, theme changes and pointer moves.
pub struct Prepared {
    pub(super) analysis: Analysis,
    pub(super) axes: Vec<AxisPlan>,
}

impl Prepared {
    /// The expected ranges drawn (the simulated outages' counterfactuals).
    pub fn expected_ranges(&self) -> &[ExpectedRange] {
        &self.analysis.counterfactuals
    }

    /// The analysis of `spec` in `presentation`'s locale.
    pub fn of(spec: &Spec, presentation: &Presentation) -> Prepared {
        Prepared::with(spec, presentation, &crate::analysis::spec_impacts(spec))
    }

    /// `of`, with the spec's impacts (`analysis::spec_impacts`) computed by the caller, which
    /// shares them with the summary and `impact()` instead of measuring them again.
    pub fn with(
        spec: &Spec,
        presentation: &Presentation,
        impacts: &[Result<Impact, NotMeasured>],
    ) -> Prepared {
        Prepared {
            analysis: Analysis::of(spec, presentation, impacts),
            axes: value_axes(spec),
        }
    }
}

/// What the analysis adds to the drawing: impact texts per band, rolling means per series,
/// counterfactual bands, and notes.
pub(super) struct Analysis {
    /// Per outage: the impact in plain words for the first hash-rate series, (label, key
    /// entry) in full and, for a squeezed chart, without the detectable loss.
    pub(super) band_texts: Vec<Option<[(String, String); 2]>>,
    /// Per series: the rolling mean, when asked for.
    pub(super) rolling: Vec<Option<Vec<Option<f64>>>>,
    pub(super) counterfactuals: Vec<ExpectedRange>,
    pub(super) notes: Vec<String>,
    /// With several outages measured, how often chance alone gives one a "possible" verdict:
    /// shown above the other notes unless the chart is squeezed (the summary keeps it).
    pub(super) chance_note: Option<String>,
}

/// What the hash rate would have shown had an outage's `share` gone dark (a simulated
/// outage's counterfactual): per point over the outage and one either side, its expected value
/// and the 95 % range a point falls in then. Drawn as the expected line and its shaded range,
/// and said in the summary, the data table and the read-out (`expected_ranges`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExpectedRange {
    pub outage: usize,
    pub series: usize,
    pub share: f64,
    /// The impact's display unit ("EH/s").
    pub unit: String,
    /// (time ms, expected, upper, lower) in `unit`.
    pub points: Vec<(i64, f64, f64, f64)>,
}

impl ExpectedRange {
    /// Its share and its range's level ("13.2%", "95%") in `locale`'s style, for its words.
    pub fn share_and_level_in(&self, locale: &Locale) -> (String, String) {
        let share = crate::text::units::format_significant(self.share * 100.0, 3) + "%";
        (locale.number(&share), locale.number("95%"))
    }

    /// Its label ("Expected if 13.2% had gone dark") in `locale`'s words.
    pub fn label_in(&self, locale: &Locale) -> String {
        let (share, _) = self.share_and_level_in(locale);
        locale.fill("expected.label", &[("share", &share)])
    }

    /// (expected, low, high) at the point of time `t_ms`, if the range has one there.
    pub fn at(&self, t_ms: i64) -> Option<(f64, f64, f64)> {
        let i = self.points.binary_search_by_key(&t_ms, |p| p.0).ok()?;
        let (_, expected, high, low) = self.points[i];
        Some((expected, low, high))
    }
}

/// The expected ranges of the outages with a `share` that went dark, on the first hash-rate
/// series, from its measured impacts (`analysis::spec_impacts`).
pub fn expected_ranges(spec: &Spec, results: &[Result<Impact, NotMeasured>]) -> Vec<ExpectedRange> {
    let mut ranges = Vec::new();
    let Some(si) = spec.series.iter().position(|s| s.unit.is_hash_rate()) else {
        return ranges;
    };
    let series = &spec.series[si];
    let spacing = crate::analysis::point_spacing_ms(&series.times_ms);
    for (oi, outage) in spec.outages.iter().enumerate() {
        let impact = results
            .iter()
            .find_map(|r| r.as_ref().ok().filter(|i| i.series == si && i.outage == oi));
        let (Some(share), Some(impact)) = (outage.share, impact) else {
            continue;
        };
        // Each point covers [t, t + spacing); include one point either side at f = 0.
        let fractions: Vec<f64> = series
            .times_ms
            .iter()
            .map(|&t| {
                let o = (t.saturating_add(spacing)).min(outage.end_ms) - t.max(outage.start_ms);
                o.max(0) as f64 / spacing as f64
            })
            .collect();
        let Some(first) = fractions.iter().position(|f| *f > 0.0) else {
            continue;
        };
        let last = fractions.iter().rposition(|f| *f > 0.0).unwrap_or(first);
        let from = first.saturating_sub(1);
        let to = (last + 1).min(series.times_ms.len() - 1);
        let points = (from..=to)
            .map(|i| {
                // The impact's own counterfactual, less the share that went dark, and the
                // range of the verdict's own interval (analysis::expected_range).
                let online = 1.0 - share * fractions[i];
                let (expected, low, high) =
                    impact.expected_range(series.times_ms[i] + spacing / 2, online);
                (series.times_ms[i], expected, high, low)
            })
            .collect();
        ranges.push(ExpectedRange {
            outage: oi,
            series: si,
            share,
            unit: impact.unit.clone(),
            points,
        });
    }
    ranges
}

impl Analysis {
    pub(super) fn of(
        spec: &Spec,
        presentation: &Presentation,
        results: &[Result<Impact, NotMeasured>],
    ) -> Analysis {
        use crate::analysis::{chance_note_in, describe_band_in, rolling_mean};
        let primary = spec.series.iter().position(|s| s.unit.is_hash_rate());
        let primary_impact = |outage: usize| {
            results.iter().find_map(|r| {
                r.as_ref()
                    .ok()
                    .filter(|i| Some(i.series) == primary && i.outage == outage)
            })
        };
        let band_texts = (0..spec.outages.len())
            .map(|o| {
                if !spec.options.impact {
                    return None;
                }
                // In the reader's words, each number in their style.
                primary_impact(o).map(|i| {
                    [
                        describe_band_in(i, &presentation.locale, true),
                        describe_band_in(i, &presentation.locale, false),
                    ]
                })
            })
            .collect();
        let rolling = spec
            .series
            .iter()
            .map(|s| {
                spec.options.rolling_average_days.map(|days| {
                    rolling_mean(&s.times_ms, &s.values, days, spec.options.rolling_centred)
                })
            })
            .collect();

        let counterfactuals = expected_ranges(spec, results);

        let mut notes = Vec::new();
        if let Some(days) = spec.options.rolling_average_days {
            let window = i64::from(days) * time::MS_PER_DAY;
            let shortest = spec.outages.iter().min_by_key(|o| o.end_ms - o.start_ms);
            if let Some(outage) = shortest.filter(|o| o.end_ms - o.start_ms < window) {
                let duration = outage.end_ms - outage.start_ms;
                let dilution = duration as f64 / window as f64;
                let words = &presentation.locale;
                let align = words.text(if spec.options.rolling_centred {
                    "rolling.centred"
                } else {
                    "rolling.trailing"
                });
                let percent = |x: f64, digits: usize| {
                    presentation
                        .localize_number(&(crate::text::numtext::fixed(x * 100.0, digits) + "%"))
                };
                let mut note = words.fill(
                    "note.rolling",
                    &[
                        ("days", &days.to_string()),
                        ("align", align),
                        ("label", &outage_label_in(outage, words)),
                        ("duration", &time::format_duration(duration, words)),
                        ("dilution", &percent(dilution, 0)),
                    ],
                );
                if let Some(share) = outage.share {
                    note.push_str(&words.fill(
                        "note.rollingLoss",
                        &[
                            ("loss", &percent(share, 1)),
                            ("shown", &percent(share * dilution, 1)),
                        ],
                    ));
                }
                note.push_str(words.text("note.end"));
                notes.push(note);
            }
        }
        // Several outages measured: how often chance alone gives one a "possible" verdict.
        let chance_note = primary
            .filter(|_| spec.options.impact)
            .and_then(|si| chance_note_in(results, si, &presentation.locale))
            .map(|note| note + presentation.locale.text("note.end"));
        Analysis {
            band_texts,
            rolling,
            counterfactuals,
            notes,
            chance_note,
        }
    }
}
