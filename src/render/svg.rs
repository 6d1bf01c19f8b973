//! The SVG drawing backend: plotters' `DrawingBackend` writing an SVG document into a String,
//! element for element and byte for byte what plotters-svg 0.3 writes (the goldens were made
//! with it), but with its numbers written by `numtext` instead of core's float formatting, so
//! the chart module that exports SVG carries no float formatter.

use crate::text::numtext;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

/// Never produced: writing into a String cannot fail.
pub type SvgError = std::fmt::Error;

pub struct SvgBackend<'a> {
    out: &'a mut String,
    size: (u32, u32),
    open: Vec<&'static str>,
}

impl<'a> SvgBackend<'a> {
    /// Starts a `width` × `height` document in `out`; it is closed when the backend is dropped.
    pub fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        let mut backend = SvgBackend {
            out,
            size,
            open: Vec::new(),
        };
        let (w, h) = (size.0.to_string(), size.1.to_string());
        let view_box = format!("0 0 {w} {h}");
        backend.tag(
            "svg",
            &[
                ("width", &w),
                ("height", &h),
                ("viewBox", &view_box),
                ("xmlns", "http://www.w3.org/2000/svg"),
            ],
            false,
        );
        backend
    }

    fn tag(&mut self, name: &'static str, attributes: &[(&str, &str)], close: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(self.out, value);
            self.out.push('"');
        }
        if close {
            self.out.push_str("/>\n");
        } else {
            self.open.push(name);
            self.out.push_str(">\n");
        }
    }

    fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }
}

impl Drop for SvgBackend<'_> {
    fn drop(&mut self) {
        while !self.open.is_empty() {
            self.close();
        }
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}

fn color(c: BackendColor) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::from("#");
    for v in [c.rgb.0, c.rgb.1, c.rgb.2] {
        out.push(HEX[usize::from(v >> 4)] as char);
        out.push(HEX[usize::from(v & 15)] as char);
    }
    out
}

fn opacity(c: BackendColor) -> String {
    numtext::display(c.alpha)
}

fn points(path: impl IntoIterator<Item = BackendCoord>) -> String {
    let mut out = String::new();
    for (x, y) in path {
        out.push_str(&x.to_string());
        out.push(',');
        out.push_str(&y.to_string());
        out.push(' ');
    }
    out
}

type Drawn = Result<(), DrawingErrorKind<SvgError>>;

impl DrawingBackend for SvgBackend<'_> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, c: BackendColor) -> Drawn {
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (point.0.to_string(), point.1.to_string());
        self.tag(
            "rect",
            &[
                ("x", &x),
                ("y", &y),
                ("width", "1"),
                ("height", "1"),
                ("stroke", "none"),
                ("opacity", &opacity(c)),
                ("fill", &color(c)),
            ],
            true,
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, s: &S) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "line",
            &[
                ("opacity", &opacity(c)),
                ("stroke", &color(c)),
                ("stroke-width", &s.stroke_width().to_string()),
                ("x1", &from.0.to_string()),
                ("y1", &from.1.to_string()),
                ("x2", &to.0.to_string()),
                ("y2", &to.1.to_string()),
            ],
            true,
        );
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        s: &S,
        fill: bool,
    ) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (fill, stroke) = if fill {
            (color(c), "none".to_string())
        } else {
            ("none".to_string(), color(c))
        };
        self.tag(
            "rect",
            &[
                ("x", &upper_left.0.to_string()),
                ("y", &upper_left.1.to_string()),
                ("width", &(bottom_right.0 - upper_left.0).to_string()),
                ("height", &(bottom_right.1 - upper_left.1).to_string()),
                ("opacity", &opacity(c)),
                ("fill", &fill),
                ("stroke", &stroke),
            ],
            true,
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "polyline",
            &[
                ("fill", "none"),
                ("opacity", &opacity(c)),
                ("stroke", &color(c)),
                ("stroke-width", &s.stroke_width().to_string()),
                ("points", &points(path)),
            ],
            true,
        );
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        s: &S,
    ) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        self.tag(
            "polygon",
            &[
                ("opacity", &opacity(c)),
                ("fill", &color(c)),
                ("points", &points(path)),
            ],
            true,
        );
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        s: &S,
        fill: bool,
    ) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (stroke, fill) = if fill {
            ("none".to_string(), color(c))
        } else {
            (color(c), "none".to_string())
        };
        self.tag(
            "circle",
            &[
                ("cx", &center.0.to_string()),
                ("cy", &center.1.to_string()),
                ("r", &radius.to_string()),
                ("opacity", &opacity(c)),
                ("fill", &fill),
                ("stroke", &stroke),
                ("stroke-width", &s.stroke_width().to_string()),
            ],
            true,
        );
        Ok(())
    }

    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, s: &S, pos: BackendCoord) -> Drawn {
        let c = s.color();
        if c.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (pos.0.to_string(), pos.1.to_string());
        let anchor = match s.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        let dy = match s.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let family = s.family();
        // plotters sizes text in "points" of 1.24 px; the SVG attribute is in px.
        let size = numtext::display(s.size() / 1.24);
        let (opacity, fill) = (opacity(c), color(c));
        let mut attributes = vec![
            ("x", x.as_str()),
            ("y", y.as_str()),
            ("dy", dy),
            ("text-anchor", anchor),
            ("font-family", family.as_str()),
            ("font-size", &size),
            ("opacity", &opacity),
            ("fill", &fill),
        ];
        let style = s.style();
        match style {
            FontStyle::Normal => {}
            FontStyle::Bold => attributes.push(("font-weight", "bold")),
            _ => attributes.push(("font-style", style.as_str())),
        }
        let degrees = match s.transform() {
            FontTransform::None => None,
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
        };
        let transform = degrees.map(|d| format!("rotate({d}, {x}, {y})"));
        if let Some(t) = &transform {
            attributes.push(("transform", t));
        }
        self.tag("text", &attributes, false);
        escape_into(self.out, text);
        self.out.push('\n');
        self.close();
        Ok(())
    }
}
