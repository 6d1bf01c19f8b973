//! Drawing: replays a `Layout`'s display list through plotters onto any `DrawingBackend`
//! (canvas in the browser, SVG natively and for toSVG()): the backend becomes a `DrawingArea`,
//! each shape one of plotters' elements. The layout has placed everything in CSS px; here they
//! become device pixels. The only place that talks to a backend; it never names one.

use crate::text::numtext::Limit;

use crate::layout::{HAlign, Layout, Shape, TextItem, VAlign};
use crate::spec::theme::Rgba;
use crate::text::text_width;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{Circle, Drawable, PathElement, PointCollection, Polygon, Rectangle};
use plotters::style::{RGBAColor, ShapeStyle};
use plotters_backend::{
    text_anchor::{HPos, Pos, VPos},
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily,
    FontStyle, FontTransform,
};

/// How to map the layout's CSS px onto the backend.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DrawScale {
    /// Device pixels per CSS px (devicePixelRatio in the browser, 1 for SVG).
    pub pixel_ratio: f64,
    /// Multiplier for font sizes handed to the backend: the SVG backend writes (as plotters-svg)
    /// `font-size` as size / 1.24, so SVG needs 1.24 to match the canvas.
    pub font_size_factor: f64,
}

impl DrawScale {
    /// For the canvas backend (src/web/canvas.rs) at the given devicePixelRatio.
    pub fn canvas(pixel_ratio: f64) -> DrawScale {
        let pixel_ratio = if pixel_ratio.is_finite() && pixel_ratio > 0.0 {
            pixel_ratio
        } else {
            1.0
        };
        DrawScale {
            pixel_ratio,
            font_size_factor: 1.0,
        }
    }

    /// For the SVG backend (src/render/svg.rs), one unit per CSS px.
    pub fn svg() -> DrawScale {
        DrawScale {
            pixel_ratio: 1.0,
            font_size_factor: 1.24,
        }
    }
}

/// A backend error, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for DrawError {}

/// Draws the layout on `backend`, through a plotters `DrawingArea` over it.
pub fn draw<DB: DrawingBackend>(
    backend: DB,
    layout: &Layout,
    scale: DrawScale,
) -> Result<(), DrawError> {
    draw_shapes(backend, &layout.shapes, scale, &layout.font_family)
}

/// Draws a list of shapes on `backend` (the chart, or the read-out on the overlay layer): the
/// backend becomes a plotters `DrawingArea` (device pixels, no coordinate change: the layout
/// has placed everything) and each shape one of plotters' elements, the texts our own
/// `Label` element with our own metrics.
pub fn draw_shapes<DB: DrawingBackend>(
    backend: DB,
    shapes: &[Shape],
    scale: DrawScale,
    font_family: &str,
) -> Result<(), DrawError> {
    let area = backend.into_drawing_area();
    for shape in shapes {
        draw_shape(&area, shape, scale, font_family)?;
    }
    area.present().map_err(area_error)
}

fn area_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> DrawError {
    DrawError(e.to_string())
}

fn draw_shape<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: &Shape,
    scale: DrawScale,
    font_family: &str,
) -> Result<(), DrawError> {
    let r = scale.pixel_ratio;
    let px = |v: f64| -> i32 { (v * r).round().limit(-1e9, 1e9) as i32 };
    let style = |color: Rgba, width_device_px: f64, filled: bool| ShapeStyle {
        color: RGBAColor(color.r, color.g, color.b, color.a),
        filled,
        stroke_width: width_device_px.round().max(1.0) as u32,
    };
    let points = |points: &[(f64, f64)]| -> Vec<BackendCoord> {
        points.iter().map(|(x, y)| (px(*x), px(*y))).collect()
    };
    match shape {
        Shape::Rect { rect, color } => {
            // Snap both edges to device pixels so fills and 1 px rules stay crisp.
            let (x0, y0) = (px(rect.x), px(rect.y));
            let (mut x1, mut y1) = (px(rect.right()), px(rect.bottom()));
            if x1 == x0 && rect.width > 0.0 {
                x1 = x0 + 1;
            }
            if y1 == y0 && rect.height > 0.0 {
                y1 = y0 + 1;
            }
            area.draw(&Rectangle::new(
                [(x0, y0), (x1, y1)],
                style(*color, 1.0, true),
            ))
        }
        Shape::Line {
            points: line,
            width,
            color,
        } => area.draw(&PathElement::new(
            points(line),
            style(*color, width * r, false),
        )),
        Shape::Polygon {
            points: outline,
            color,
        } => area.draw(&Polygon::new(points(outline), style(*color, 1.0, true))),
        Shape::Circle {
            x,
            y,
            radius,
            color,
            filled,
            width,
        } => {
            let radius = (radius * r).round().max(1.0) as u32;
            area.draw(&Circle::new(
                (px(*x), px(*y)),
                radius,
                style(*color, width * r, *filled),
            ))
        }
        Shape::Text(item) => {
            return draw_text(area, item, (px(item.x), px(item.y)), scale, font_family)
        }
    }
    .map_err(area_error)
}

/// A text at `at` (device pixels), with its halo when it has one.
// Inlined into its one caller: apart it costs the chart module bytes.
#[inline(always)]
fn draw_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    item: &TextItem,
    at: BackendCoord,
    scale: DrawScale,
    font_family: &str,
) -> Result<(), DrawError> {
    let r = scale.pixel_ratio;
    if let Some(halo) = item.halo {
        // The halo: the text itself in the background colour, a pixel around.
        let outline = TextItem {
            color: halo,
            ..item.clone()
        };
        let outline = TextStyle::new(&outline, scale, font_family);
        let d = (1.5 * r).round().max(1.0) as i32;
        for (dx, dy) in [
            (-d, 0),
            (d, 0),
            (0, -d),
            (0, d),
            (-d, -d),
            (d, -d),
            (-d, d),
            (d, d),
        ] {
            area.draw(&Label {
                at: (at.0 + dx, at.1 + dy),
                text: &item.text,
                style: &outline,
            })
            .map_err(area_error)?;
        }
    }
    area.draw(&Label {
        at,
        text: &item.text,
        style: &TextStyle::new(item, scale, font_family),
    })
    .map_err(area_error)
}

/// A text as a plotters element, drawn with our own style and metrics (plotters' `Text` would
/// bring its own font handling and, in the browser, DOM text measurement).
struct Label<'a> {
    at: BackendCoord,
    text: &'a str,
    style: &'a TextStyle<'a>,
}

impl<'b> PointCollection<'b, BackendCoord> for &'b Label<'_> {
    type Point = &'b BackendCoord;
    type IntoIter = std::iter::Once<&'b BackendCoord>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Label<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) => backend.draw_text(self.text, self.style, at),
            None => Ok(()),
        }
    }
}

fn backend_color(c: Rgba) -> BackendColor {
    BackendColor {
        alpha: c.a,
        rgb: (c.r, c.g, c.b),
    }
}

/// Text style with our own metrics: no font files, no DOM measurement.
struct TextStyle<'a> {
    family: &'a str,
    color: BackendColor,
    /// Size handed to the backend, already scaled.
    size: f64,
    /// Size in device px, for metrics.
    device_size: f64,
    bold: bool,
    anchor: Pos,
}

impl<'a> TextStyle<'a> {
    fn new(item: &TextItem, scale: DrawScale, family: &'a str) -> TextStyle<'a> {
        let device_size = item.size * scale.pixel_ratio;
        TextStyle {
            family,
            color: backend_color(item.color),
            size: device_size * scale.font_size_factor,
            device_size,
            bold: item.bold,
            anchor: Pos::new(
                match item.h_align {
                    HAlign::Left => HPos::Left,
                    HAlign::Center => HPos::Center,
                    HAlign::Right => HPos::Right,
                },
                match item.v_align {
                    VAlign::Top => VPos::Top,
                    VAlign::Middle => VPos::Center,
                    VAlign::Bottom => VPos::Bottom,
                },
            ),
        }
    }
}

/// Never produced: our metrics cannot fail.
#[derive(Debug)]
pub struct NoFontError;

impl std::fmt::Display for NoFontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "font error")
    }
}

impl std::error::Error for NoFontError {}

impl BackendTextStyle for TextStyle<'_> {
    type FontError = NoFontError;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn transform(&self) -> FontTransform {
        FontTransform::None
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        self.anchor
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), NoFontError> {
        let w = text_width(text, self.device_size, self.bold).round() as i32;
        let h = (self.device_size * 1.2).round() as i32;
        Ok(((0, 0), (w, h)))
    }
    /// Rasterising glyphs is only needed by bitmap backends, which this project does not use:
    /// both the canvas and the SVG backend draw text themselves.
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: BackendCoord,
        _draw: F,
    ) -> Result<Result<(), E>, NoFontError> {
        Ok(Ok(()))
    }
}
