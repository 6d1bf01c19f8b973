//! The band plan stage: where each band is, whether its label and verdict stand inline above
//! it or a numbered marker (spread apart, tied by a leader) points to a key under the plot,
//! and the plot that leaves (`fit_bands`: decided before anything is drawn on the plot).

use super::frame::{Frame, PlotArea};
use super::lines::cap_lines;
use crate::layout::scale::LinearScale;
use crate::spec::{outage_label_in, Axis, Spec};
use crate::text::numtext::Limit;
use crate::text::{small_sort_by, FontMetrics};

/// How outage bands are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandMode {
    /// No outages.
    None,
    /// Each label (name and verdict) directly above its own band.
    Inline,
    /// A numbered marker above each band and a key below the plot with the full texts.
    Markers,
}

/// The words of one band: its name and, when measured, the verdict in plain words.
pub(super) struct BandWords {
    pub(super) label: String,
    pub(super) verdict: Option<String>,
    /// The band's key line: "Label: −0.4%, within normal … (plausible range …)".
    pub(super) key: String,
}

/// How the bands are labelled, the strip above the plot that takes, the key's entries
/// (outage, number, lines) when they are numbered, where the plot's room ends (above the key),
/// and the labels as placed on the real plot.
pub(super) struct BandPlan {
    pub(super) mode: BandMode,
    pub(super) strip_height: f64,
    pub(super) key_entries: Vec<(usize, usize, Vec<String>)>,
    pub(super) bottom: f64,
    pub(super) labels: Labels,
}

/// The band labels placed on the real plot: inline blocks, or numbered markers (outage,
/// number, centre x, row).
pub(super) enum Labels {
    None,
    Inline(Vec<Block>),
    Markers(Vec<(usize, usize, f64, usize)>),
}

/// A label block above the plot (inline mode).
pub(super) struct Block {
    pub(super) outage: usize,
    /// Left edge of the block.
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) lines: Vec<(String, bool)>,
    /// Anchored at the band's end (text set right) rather than its start.
    pub(super) right_aligned: bool,
}

/// Band x-range on `scale`, clamped to it and at least 2 px wide.
pub(super) fn band_range(o: &crate::spec::Outage, scale: &LinearScale) -> (f64, f64) {
    let (left, right) = scale.range;
    let mut x0 = scale.map(o.start_ms as f64).limit(left, right);
    let mut x1 = scale.map(o.end_ms as f64).limit(left, right);
    if x1 - x0 < 2.0 {
        let mid = (x0 + x1) / 2.0;
        x0 = (mid - 1.0).max(left);
        x1 = (x0 + 2.0).min(right);
    }
    (x0, x1)
}

/// Inline label blocks, or None when they cannot all sit above their own bands: each block
/// overlaps its band's x-range, no block overlaps another, and none spans a band that does
/// not overlap its own in time.
pub(super) fn inline_blocks(
    spec: &Spec,
    words: &[BandWords],
    scale: &LinearScale,
    fm: &FontMetrics,
    size: f64,
    right_limit: f64,
    max_lines: usize,
) -> Option<Vec<Block>> {
    let (left, _) = scale.range;
    let ranges: Vec<(f64, f64)> = spec.outages.iter().map(|o| band_range(o, scale)).collect();
    let lines_of = |w: &BandWords, width: f64| {
        let mut lines: Vec<(String, bool)> = fm
            .wrap(&w.label, size, true, width)
            .into_iter()
            .map(|l| (l, true))
            .collect();
        if let Some(v) = &w.verdict {
            lines.extend(
                fm.wrap(v, size, false, width)
                    .into_iter()
                    .map(|l| (l, false)),
            );
        }
        let widest = lines
            .iter()
            .map(|(l, bold)| fm.width(l, size, *bold))
            .fold(0.0, f64::max);
        (lines, widest)
    };
    let mut blocks: Vec<Block> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        // Starting at the band's start and running right, or (short of room there) ending at
        // the band's end and set right: either way the block stands on its own band.
        let (x0, x1) = ranges[i];
        let room_right = (right_limit - x0).min(420.0);
        let room_left = (x1 - left).min(420.0);
        let (lines, width, right_aligned) = {
            let (lines, width) = lines_of(w, room_right.max(1.0));
            if room_right >= 160.0 || room_right >= room_left {
                (lines, width, false)
            } else {
                let (lines, width) = lines_of(w, room_left.max(1.0));
                (lines, width, true)
            }
        };
        if lines.len() > max_lines {
            return None;
        }
        let x = if right_aligned { x1 - width } else { x0 };
        if x < left - 0.5 || x + width > right_limit + 0.5 {
            return None;
        }
        blocks.push(Block {
            outage: i,
            x,
            width,
            lines,
            right_aligned,
        });
    }
    blocks_apart(spec, &blocks, &ranges).then_some(blocks)
}

/// Whether no block overlaps another (12 px apart) or spans a band (`ranges`, 3 px clear)
/// that does not overlap its own in time.
fn blocks_apart(spec: &Spec, blocks: &[Block], ranges: &[(f64, f64)]) -> bool {
    for a in blocks {
        for b in blocks {
            if a.outage >= b.outage {
                continue;
            }
            if a.x < b.x + b.width + 12.0 && b.x < a.x + a.width + 12.0 {
                return false;
            }
        }
        for (j, o) in spec.outages.iter().enumerate() {
            let own = &spec.outages[a.outage];
            let overlaps_in_time = o.start_ms < own.end_ms && own.start_ms < o.end_ms;
            if j == a.outage || overlaps_in_time {
                continue;
            }
            let (x0, x1) = ranges[j];
            if a.x < x1 + 3.0 && x0 - 3.0 < a.x + a.width {
                return false;
            }
        }
    }
    true
}

/// Numbered markers above the bands: (outage, number, centre x, row). Numbered left to right
/// by band centre, so the key reads in the order the eye meets them. In one row when they fit
/// (each as near its band's centre as the spacing allows, crowded ones spread evenly around
/// their bands' mean, so leaders never cross), else in alternating rows.
pub(super) fn place_markers(
    spec: &Spec,
    scale: &LinearScale,
    radius: f64,
) -> Vec<(usize, usize, f64, usize)> {
    let (left, right) = scale.range;
    let lo = left + radius;
    let hi = (right - radius).max(lo);
    let want_of = |i: usize| {
        let (x0, x1) = band_range(&spec.outages[i], scale);
        ((x0 + x1) / 2.0).limit(lo, hi)
    };
    let mut order: Vec<usize> = (0..spec.outages.len()).collect();
    small_sort_by(&mut order, |&a, &b| {
        (want_of(a), spec.outages[a].start_ms) < (want_of(b), spec.outages[b].start_ms)
    });
    let spacing = 2.0 * radius + 4.0;
    let rows = ((order.len() as f64 * spacing) / (hi - lo + spacing).max(spacing))
        .ceil()
        .max(1.0) as usize;
    let mut out = Vec::new();
    for row in 0..rows {
        let members: Vec<usize> = order.iter().copied().skip(row).step_by(rows).collect();
        let wants: Vec<f64> = members.iter().map(|&i| want_of(i)).collect();
        for (k, x) in spread(&wants, spacing, lo, hi).into_iter().enumerate() {
            out.push((members[k], 0, x, row));
        }
    }
    small_sort_by(&mut out, |a, b| (a.2, a.3) < (b.2, b.3));
    for (n, marker) in out.iter_mut().enumerate() {
        marker.1 = n + 1;
    }
    out
}

/// Positions at least `spacing` apart, in `[lo, hi]`, each as near its sorted `wants` as the
/// others allow: overlapping groups are merged and centred on their mean.
fn spread(wants: &[f64], spacing: f64, lo: f64, hi: f64) -> Vec<f64> {
    // (first index, count, centre)
    let mut groups: Vec<(usize, usize, f64)> = Vec::new();
    let width = |n: usize| (n.saturating_sub(1)) as f64 * spacing;
    for (i, w) in wants.iter().enumerate() {
        groups.push((i, 1, *w));
        while groups.len() > 1 {
            let (a, b) = (groups[groups.len() - 2], groups[groups.len() - 1]);
            let a_end = a.2 + width(a.1) / 2.0;
            let b_start = b.2 - width(b.1) / 2.0;
            if b_start - a_end >= spacing - 1e-9 {
                break;
            }
            let n = a.1 + b.1;
            let mean = wants[a.0..a.0 + n].iter().sum::<f64>() / n as f64;
            groups.truncate(groups.len() - 2);
            groups.push((a.0, n, mean));
        }
    }
    let mut out = Vec::with_capacity(wants.len());
    for (_, n, centre) in &groups {
        let start = centre - width(*n) / 2.0;
        for k in 0..*n {
            out.push(start + k as f64 * spacing);
        }
    }
    // Keep inside [lo, hi]: push right from the left edge, then left from the right edge.
    let mut floor = lo;
    for x in out.iter_mut() {
        *x = x.max(floor);
        floor = *x + spacing;
    }
    let mut ceiling = hi;
    for x in out.iter_mut().rev() {
        *x = x.min(ceiling);
        ceiling = *x - spacing;
    }
    out
}

impl Frame<'_> {
    /// The band plan and the plot it leaves. Labels go above the bands when they all fit there
    /// on a trial plot (the value axes' widths are not known yet). Placed on the real plot they
    /// may need more room than the strip planned for them; then the bands are numbered instead,
    /// planned on a narrower trial plot so that the rows reserved suffice.
    pub(super) fn fit_bands(
        &self,
        words: &[BandWords],
        header_bottom: f64,
        footer_top: f64,
    ) -> (BandPlan, PlotArea) {
        let mut forced = false;
        loop {
            let mut plan = self.band_plan(words, header_bottom, footer_top, forced);
            let area = self.plot_area(header_bottom + plan.strip_height, plan.bottom);
            match self.place_labels(&plan, words, &area, forced) {
                Some(labels) => plan.labels = labels,
                // Numbered and forced, the labels always fit: this is not reached.
                None if forced => {}
                None => {
                    forced = true;
                    continue;
                }
            }
            return (plan, area);
        }
    }

    /// The labels on the real plot, or None when they need more than the strip planned (never
    /// when `forced`).
    fn place_labels(
        &self,
        plan: &BandPlan,
        words: &[BandWords],
        area: &PlotArea,
        forced: bool,
    ) -> Option<Labels> {
        let m = &self.m;
        let needed = match plan.mode {
            BandMode::None => return Some(Labels::None),
            BandMode::Inline => {
                let blocks = inline_blocks(
                    self.spec,
                    words,
                    &area.time_scale,
                    self.fm,
                    m.small,
                    self.width - m.pad,
                    usize::MAX,
                )?;
                let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
                (lines * self.line_h() + 6.0, Labels::Inline(blocks))
            }
            BandMode::Markers => {
                let radius = self.radius();
                let placed = place_markers(self.spec, &area.time_scale, radius);
                let rows = placed.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
                let height = if forced {
                    0.0
                } else {
                    rows * (2.0 * radius + 3.0) + 5.0
                };
                (height, Labels::Markers(placed))
            }
        };
        if needed.0 > plan.strip_height + 0.5 {
            return None;
        }
        Some(needed.1)
    }

    /// Each outage's label, verdict and key entry, in the locale's words.
    pub(super) fn band_words(&self) -> Vec<BandWords> {
        let locale = &self.presentation.locale;
        self.spec
            .outages
            .iter()
            .enumerate()
            .map(|(i, o)| {
                // A squeezed chart keeps the verdict and its range, not what could have been
                // seen (the spoken summary keeps that).
                let texts = self
                    .prepared
                    .analysis
                    .band_texts
                    .get(i)
                    .and_then(Option::as_ref)
                    .map(|t| t[usize::from(self.squeeze != 0)].clone());
                BandWords {
                    label: outage_label_in(o, locale),
                    verdict: texts.as_ref().map(|t| t.0.clone()),
                    key: match texts {
                        Some((_, list)) => locale.fill(
                            "band.key",
                            &[("label", &outage_label_in(o, locale)), ("verdict", &list)],
                        ),
                        None => outage_label_in(o, locale),
                    },
                }
            })
            .collect()
    }

    /// Band labels above their bands when they all fit there in a trial plot (checked again in
    /// the real one by `fit_bands`), else numbered markers and a key, which takes room from
    /// the bottom; `forced`, numbered.
    fn band_plan(
        &self,
        words: &[BandWords],
        header_bottom: f64,
        footer_top: f64,
        forced: bool,
    ) -> BandPlan {
        let (m, width) = (&self.m, self.width);
        let right_axis = self.spec.series.iter().any(|s| s.axis == Axis::Right);
        let (t0, t1) = self.prepared.domain;
        let trial_scale = LinearScale {
            domain: (t0 as f64, t1 as f64),
            range: (
                m.pad + 48.0,
                width - m.pad - if right_axis { 48.0 } else { 4.0 },
            ),
        };
        let mut plan = BandPlan {
            mode: BandMode::None,
            strip_height: 0.0,
            key_entries: Vec::new(),
            bottom: footer_top,
            labels: Labels::None,
        };
        if self.spec.outages.is_empty() {
            return plan;
        }
        let room = footer_top - self.time_axis_height() - header_bottom;
        let inline = if forced {
            None
        } else {
            self.inline_strip(words, &trial_scale, room)
        };
        match inline {
            Some(strip) => {
                plan.mode = BandMode::Inline;
                plan.strip_height = strip;
            }
            None => {
                // On a second try the trial plot is taken narrower, so the rows reserved suffice.
                let marker_scale = if forced {
                    LinearScale {
                        domain: trial_scale.domain,
                        range: (trial_scale.range.0 + 40.0, trial_scale.range.1 - 20.0),
                    }
                } else {
                    trial_scale
                };
                self.number_bands(&mut plan, words, &marker_scale);
            }
        }
        plan
    }

    /// The strip inline labels take above a trial plot when they fit there and may have it:
    /// at most a fifth of the `room` the plot has, unless numbering would take more.
    fn inline_strip(
        &self,
        words: &[BandWords],
        trial_scale: &LinearScale,
        room: f64,
    ) -> Option<f64> {
        let (m, fm) = (&self.m, self.fm);
        let (line_h, radius) = (self.line_h(), self.radius());
        let max_lines = if self.width < 480.0 { 3 } else { 4 };
        let blocks = inline_blocks(
            self.spec,
            words,
            trial_scale,
            fm,
            m.small,
            self.width - m.pad,
            max_lines,
        )?;
        let lines = blocks.iter().map(|b| b.lines.len()).max().unwrap_or(1) as f64;
        let strip = lines * line_h + 6.0;
        // What numbering would cost instead: a row of markers and the key's lines.
        let key_lines: usize = words
            .iter()
            .map(|w| {
                fm.wrap(
                    &w.key,
                    m.small,
                    false,
                    self.content_width - 2.0 * radius - 6.0,
                )
                .len()
            })
            .sum();
        let markers_cost =
            2.0 * radius + 8.0 + key_lines as f64 * line_h + 4.0 * words.len() as f64;
        (strip <= room * 0.2 || strip <= markers_cost).then_some(strip)
    }

    /// Numbered markers: the strip their rows take over `scale`, and the key's entries under
    /// the plot, which take room from `plan.bottom`.
    fn number_bands(&self, plan: &mut BandPlan, words: &[BandWords], scale: &LinearScale) {
        let (m, fm) = (&self.m, self.fm);
        let (line_h, radius) = (self.line_h(), self.radius());
        plan.mode = BandMode::Markers;
        let markers = place_markers(self.spec, scale, radius);
        let rows = markers.iter().map(|k| k.3 + 1).max().unwrap_or(1) as f64;
        plan.strip_height = rows * (2.0 * radius + 3.0) + 5.0;
        let indent = 2.0 * radius + 6.0;
        let mut by_number = markers;
        small_sort_by(&mut by_number, |a, b| a.1 < b.1);
        for (outage, number, _, _) in by_number {
            // "Label: −0.4%, within normal day-to-day variation (plausible range …)".
            // A pathological label is cut after four lines; the tooltip and table hold it.
            let lines = fm.wrap(
                &words[outage].key,
                m.small,
                false,
                self.content_width - indent,
            );
            plan.key_entries.push((
                outage,
                number,
                // Four lines a key entry, more where the reader's text is larger.
                cap_lines(
                    fm,
                    lines,
                    (5.0 * m.scale * m.scale).ceil() as usize,
                    m.small,
                    false,
                    self.content_width - indent,
                ),
            ));
        }
        let key_height: f64 = plan
            .key_entries
            .iter()
            .map(|(_, _, lines)| lines.len().max(1) as f64 * line_h + 4.0)
            .sum();
        plan.bottom -= key_height + 4.0;
    }
}
