//! The display list a layout produces: positioned texts, rectangles, lines, circles, and the
//! boxes and axes the page and the tests query (`Layout`).

use super::band_plan::BandMode;
use crate::layout::scale::{LinearScale, ValueTicks};
use crate::spec::theme::{Palette, Rgba};
use crate::spec::{Axis, Theme};
use crate::text::units::DisplayUnit;

/// Horizontal anchor of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical anchor of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VAlign {
    Top,
    Middle,
    Bottom,
}

/// An axis-aligned rectangle in CSS px.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// Right edge, px.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    /// Bottom edge, px.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    /// Whether two rectangles overlap, with `gap` px of required clearance.
    pub fn overlaps(&self, other: &Rect, gap: f64) -> bool {
        self.x < other.right() + gap
            && other.x < self.right() + gap
            && self.y < other.bottom() + gap
            && other.y < self.bottom() + gap
    }
}

/// What a text item is, so tests and the web layer can find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Title,
    Subtitle,
    Legend,
    AxisUnit,
    ValueTick,
    TimeTick,
    BandLabel,
    Annotation,
    Source,
    Note,
    /// The key under the plot: a band's full label and verdict.
    Key,
    /// The number in a band's marker (above the plot and in the key).
    Marker,
}

/// One piece of text: anchor point, alignment, style.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    pub role: TextRole,
    pub text: String,
    /// Anchor, CSS px.
    pub x: f64,
    pub y: f64,
    pub h_align: HAlign,
    pub v_align: VAlign,
    /// Font size, CSS px.
    pub size: f64,
    pub bold: bool,
    pub color: Rgba,
    /// Advance width in the chart's font metrics, CSS px.
    pub width: f64,
    /// An outline in this colour around the glyphs (callouts over data), not a box.
    pub halo: Option<Rgba>,
}

impl TextItem {
    /// The box the text occupies (by the chart's font metrics), CSS px.
    pub fn bounds(&self) -> Rect {
        let width = self.width;
        let height = self.size * 1.2;
        let x = match self.h_align {
            HAlign::Left => self.x,
            HAlign::Center => self.x - width / 2.0,
            HAlign::Right => self.x - width,
        };
        let y = match self.v_align {
            VAlign::Top => self.y,
            VAlign::Middle => self.y - height / 2.0,
            VAlign::Bottom => self.y - height,
        };
        Rect {
            x,
            y,
            width,
            height,
        }
    }
}

/// One drawing instruction, in CSS px.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A filled rectangle (also used for crisp grid lines).
    Rect {
        rect: Rect,
        color: Rgba,
    },
    /// A polyline of at least two points.
    Line {
        points: Vec<(f64, f64)>,
        width: f64,
        color: Rgba,
    },
    /// A filled polygon.
    Polygon {
        points: Vec<(f64, f64)>,
        color: Rgba,
    },
    /// A circle; filled, or stroked with `width`.
    Circle {
        x: f64,
        y: f64,
        radius: f64,
        color: Rgba,
        filled: bool,
        width: f64,
    },
    Text(TextItem),
}

/// Where an outage band ended up, CSS px.
#[derive(Debug, Clone, PartialEq)]
pub struct BandBox {
    pub label: String,
    pub x0: f64,
    pub x1: f64,
    /// The box of its label (inline) or of its numbered marker, above the plot.
    pub label_box: Option<Rect>,
    /// A line tying the label or marker to the band: band end first.
    pub leader: Option<[(f64, f64); 2]>,
    /// The marker's number (also in the key), when bands are numbered.
    pub marker: Option<usize>,
}

/// A value axis as laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub side: Axis,
    pub unit: DisplayUnit,
    /// On a log axis the scale's domain is in log10 units.
    pub scale: LinearScale,
    pub ticks: ValueTicks,
    pub log: bool,
}

impl ValueAxis {
    /// The y of a value in the display unit (on a log axis, nothing at or below zero exists:
    /// it sits on the axis' foot).
    pub fn y(&self, value: f64) -> f64 {
        if !self.log {
            return self.scale.map(value);
        }
        if value > 0.0 {
            self.scale.map(value.log10())
        } else {
            self.scale.range.0
        }
    }
}

/// The chart, positioned.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Size, CSS px.
    pub width: f64,
    pub height: f64,
    pub theme: Theme,
    pub palette: Palette,
    /// The plot area (inside the axes), CSS px.
    pub plot: Rect,
    /// Time (Unix ms) to x in CSS px.
    pub time_scale: LinearScale,
    pub axes: Vec<ValueAxis>,
    pub bands: Vec<BandBox>,
    pub shapes: Vec<Shape>,
    /// The font stack every text is drawn in.
    pub font_family: String,
    /// How the bands are labelled.
    pub band_mode: BandMode,
    /// Where a read-out time is drawn: its time plus this (half a day for daily data).
    pub point_offset_ms: i64,
}

impl Layout {
    /// Every text item, in drawing order.
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.shapes.iter().filter_map(|s| match s {
            Shape::Text(t) => Some(t),
            _ => None,
        })
    }

    /// The value axis a series is drawn against.
    pub fn axis(&self, side: Axis) -> Option<&ValueAxis> {
        self.axes.iter().find(|a| a.side == side)
    }
}
