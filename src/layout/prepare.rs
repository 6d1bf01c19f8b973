//! What a layout needs of the data before any size is known, worked out once per data and
//! locale (`Prepared`): the impacts' words, rolling means, notes, the axis plans, the expected
//! ranges of a simulated loss, the time span drawn and the data's digest.

use super::axes::{drawn_time_domain, value_axes, AxisPlan};
use super::series::half_period_ms;
use crate::analysis::expected::{expected_ranges, ExpectedRange};
use crate::analysis::{Impact, NotMeasured};
use crate::layout::presentation::Presentation;
use crate::spec::{outage_label_in, Outage, Spec};
use crate::time;

/// What a layout needs of the spec whatever its size: the measured impacts, rolling means,
/// counterfactuals and notes (in the locale's words), the value axes' plans, the time span
/// drawn and the data's digest. Computed once per layout call natively, and once per data and
/// locale by the web core, which keeps it across resizes, theme changes and pointer moves.
pub struct Prepared {
    pub(super) analysis: Analysis,
    pub(super) axes: Vec<AxisPlan>,
    /// The time span drawn (`drawn_time_domain`).
    pub(super) domain: (i64, i64),
    /// The data's SHA-256 in hex, when the footer shows it (`options.provenance`).
    pub(super) digest: Option<String>,
    /// The read-out's one offset from a point's time to where it is drawn: the series' own
    /// half period when they agree, 0 (instants) when not.
    pub(super) point_offset_ms: i64,
}

impl Prepared {
    /// The expected ranges drawn (the simulated outages' counterfactuals).
    pub fn expected_ranges(&self) -> &[ExpectedRange] {
        &self.analysis.counterfactuals
    }

    /// The data's SHA-256 in hex, when the spec asks for it (`options.provenance`).
    pub fn digest(&self) -> Option<&str> {
        self.digest.as_deref()
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
        let halves: Vec<i64> = spec
            .series
            .iter()
            .map(|s| half_period_ms(&s.times_ms))
            .collect();
        Prepared {
            analysis: Analysis::of(spec, presentation, impacts),
            axes: value_axes(spec),
            domain: drawn_time_domain(spec),
            digest: spec
                .options
                .provenance
                .then(|| crate::spec::provenance::data_sha256(spec)),
            point_offset_ms: match halves.first() {
                Some(h) if halves.iter().all(|x| x == h) => *h,
                _ => 0,
            },
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

        let notes = spec
            .options
            .rolling_average_days
            .and_then(|days| rolling_note(spec, presentation, days))
            .into_iter()
            .collect();
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

/// With a rolling mean over `days`, the note on how much it dilutes the shortest outage shorter
/// than its window (and a simulated loss with it).
fn rolling_note(spec: &Spec, presentation: &Presentation, days: u32) -> Option<String> {
    let window = i64::from(days) * time::MS_PER_DAY;
    let shortest = spec.outages.iter().min_by_key(|o| o.end_ms - o.start_ms);
    let outage: &Outage = shortest.filter(|o| o.end_ms - o.start_ms < window)?;
    let duration = outage.end_ms - outage.start_ms;
    let dilution = duration as f64 / window as f64;
    let words = &presentation.locale;
    let align = words.text(if spec.options.rolling_centred {
        "rolling.centred"
    } else {
        "rolling.trailing"
    });
    let percent = |x: f64, digits: usize| {
        presentation.localize_number(&(crate::text::numtext::fixed(x * 100.0, digits) + "%"))
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
    Some(note)
}
