//! The header stage: title and subtitle, every word kept, wrapped to as many lines as they
//! need (fewer on a squeezed chart); the legend under them; the row for the axis units.

use super::display::{HAlign, TextRole, VAlign};
use super::frame::{Drawing, Frame};
use super::lines::{cap_lines, Look};
use crate::spec::theme::Rgba;

/// Where the header ends: the axis-unit row's top and height, and the header's bottom.
pub(super) struct Header {
    pub(super) unit_row_y: f64,
    pub(super) unit_row: f64,
    pub(super) bottom: f64,
}

/// How one header text is set.
struct HeaderText<'a> {
    text: Option<&'a str>,
    role: TextRole,
    size: f64,
    bold: bool,
    color: Rgba,
    /// Line height over the size.
    leading: f64,
    /// The share of the chart's height it may take, and its most lines at squeeze 1 and 2.
    share: f64,
    squeezed: [usize; 2],
}

impl Frame<'_> {
    /// The header from the top padding; returns where it ends.
    pub(super) fn header(&self, d: &mut Drawing) -> Header {
        let (m, palette, fm) = (&self.m, &self.palette, self.fm);
        let mut y = m.pad;
        let texts = [
            HeaderText {
                text: self.spec.title.as_deref(),
                role: TextRole::Title,
                size: m.title,
                bold: true,
                color: palette.text,
                leading: 1.25,
                share: 0.25,
                squeezed: [2, 1],
            },
            HeaderText {
                text: self.spec.subtitle.as_deref(),
                role: TextRole::Subtitle,
                size: m.subtitle,
                bold: false,
                color: palette.muted_text,
                leading: 1.3,
                share: 0.2,
                squeezed: [1, 1],
            },
        ];
        for h in texts {
            let Some(text) = h.text.filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            let max = self.most(h.share, h.size * h.leading, h.squeezed);
            let lines = fm.wrap(text, h.size, h.bold, self.content_width);
            for line in cap_lines(fm, lines, max, h.size, h.bold, self.content_width) {
                d.shapes.push(self.t(
                    line,
                    (m.pad, y),
                    (HAlign::Left, VAlign::Top),
                    Look {
                        role: h.role,
                        size: h.size,
                        bold: h.bold,
                        color: h.color,
                    },
                ));
                y += h.size * h.leading;
            }
            if h.role == TextRole::Title {
                y += 2.0;
            }
        }
        y += 6.0;
        y = self.legend(d, y);

        // Axis unit labels sit in a row above the plot, over their axis.
        let unit_row = m.tick * 1.5;
        let unit_row_y = y;
        if self.prepared.axes.iter().any(|a| !a.label.is_empty()) {
            y += unit_row;
        }
        Header {
            unit_row_y,
            unit_row,
            bottom: y,
        }
    }
}
