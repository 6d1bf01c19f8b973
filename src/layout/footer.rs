//! The footer stage: the source line (with the updated stamp and the data's digest) at the
//! very bottom, the notes above it, each capped to its share of the height.

use super::display::TextRole;
use super::frame::{Drawing, Frame};
use super::lines::{cap_lines, push_footer_lines};

impl Frame<'_> {
    /// Source line(s) at the very bottom, notes above them; returns the y above them.
    pub(super) fn footer(&self, d: &mut Drawing) -> f64 {
        let (m, fm, spec) = (&self.m, self.fm, self.spec);
        let mut bottom = self.height - m.pad;
        let words = &self.presentation.locale;
        let mut footer = crate::spec::provenance::source_line_in(spec, words).unwrap_or_default();
        if let Some(ms) = spec.updated {
            let when = crate::time::format_stamp_in(ms, &spec.options.time_zone, words);
            footer = format!(
                "{footer}{}{}",
                if footer.is_empty() { "" } else { " · " },
                words.fill("footer.updated", &[("when", &when)])
            );
        }
        if spec.options.provenance {
            let digest = self.prepared.digest.as_deref().unwrap_or_default();
            let short = digest.get(..16).unwrap_or(digest);
            footer = format!(
                "{footer}{}{}",
                if footer.is_empty() { "" } else { " · " },
                words.fill("footer.sha", &[("digest", short)])
            );
        }
        if !footer.is_empty() {
            let max = self.most(0.15, m.small * 1.35, [1, 1]);
            let lines = fm.wrap(&footer, m.small, false, self.content_width);
            let lines = cap_lines(fm, lines, max, m.small, false, self.content_width);
            bottom = push_footer_lines(
                &mut d.shapes,
                fm,
                lines,
                TextRole::Source,
                self.palette.muted_text,
                bottom,
                m,
            ) - 6.0;
        }
        let chance = self
            .prepared
            .analysis
            .chance_note
            .iter()
            .filter(|_| self.squeeze == 0);
        let note_lines: Vec<String> = chance
            .chain(&self.prepared.analysis.notes)
            .flat_map(|note| {
                let max = self.most(0.15, m.small * 1.35, [3, 2]);
                let lines = fm.wrap(note, m.small, false, self.content_width);
                cap_lines(fm, lines, max, m.small, false, self.content_width)
            })
            .collect();
        if !note_lines.is_empty() {
            bottom = push_footer_lines(
                &mut d.shapes,
                fm,
                note_lines,
                TextRole::Note,
                self.palette.band_text,
                bottom,
                m,
            ) - 4.0;
        }
        bottom
    }
}
