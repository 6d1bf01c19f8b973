//! A display list as numbers and texts, so one wasm module can lay a chart out and another
//! draw it: the chart module hands its shapes to the tools module, which holds the SVG writer
//! (`Chart.toSVG()` fetches it then; a page that only shows charts never downloads it). The
//! native renderer goes through the same round trip, so the goldens check it.
//!
//! Each shape is a tag and its fields as f64 (colours as 0–255 and an opacity; booleans as
//! 0/1; enums by position); a text's string goes into `texts` and its index into the numbers.

use crate::layout::{HAlign, Rect, Shape, TextItem, TextRole, VAlign};
use crate::spec::theme::Rgba;

const RECT: f64 = 0.0;
const LINE: f64 = 1.0;
const POLYGON: f64 = 2.0;
const CIRCLE: f64 = 3.0;
const TEXT: f64 = 4.0;

const ROLES: [TextRole; 12] = [
    TextRole::Title,
    TextRole::Subtitle,
    TextRole::Legend,
    TextRole::AxisUnit,
    TextRole::ValueTick,
    TextRole::TimeTick,
    TextRole::BandLabel,
    TextRole::Annotation,
    TextRole::Source,
    TextRole::Note,
    TextRole::Key,
    TextRole::Marker,
];
const H_ALIGNS: [HAlign; 3] = [HAlign::Left, HAlign::Center, HAlign::Right];
const V_ALIGNS: [VAlign; 3] = [VAlign::Top, VAlign::Middle, VAlign::Bottom];

/// `shapes` as numbers and texts (`decode` gives them back exactly).
pub fn encode(shapes: &[Shape]) -> (Vec<f64>, Vec<String>) {
    let mut n = Vec::with_capacity(shapes.len() * 10);
    let mut texts = Vec::new();
    let color = |n: &mut Vec<f64>, c: &Rgba| {
        n.extend([f64::from(c.r), f64::from(c.g), f64::from(c.b), c.a]);
    };
    let points = |n: &mut Vec<f64>, points: &[(f64, f64)]| {
        n.push(points.len() as f64);
        for (x, y) in points {
            n.extend([*x, *y]);
        }
    };
    for shape in shapes {
        match shape {
            Shape::Rect { rect, color: c } => {
                n.extend([RECT, rect.x, rect.y, rect.width, rect.height]);
                color(&mut n, c);
            }
            Shape::Line {
                points: p,
                width,
                color: c,
            } => {
                n.extend([LINE, *width]);
                color(&mut n, c);
                points(&mut n, p);
            }
            Shape::Polygon {
                points: p,
                color: c,
            } => {
                n.push(POLYGON);
                color(&mut n, c);
                points(&mut n, p);
            }
            Shape::Circle {
                x,
                y,
                radius,
                color: c,
                filled,
                width,
            } => {
                n.extend([
                    CIRCLE,
                    *x,
                    *y,
                    *radius,
                    f64::from(u8::from(*filled)),
                    *width,
                ]);
                color(&mut n, c);
            }
            Shape::Text(t) => encode_text(&mut n, &mut texts, t, color),
        }
    }
    (n, texts)
}

/// A text: its fields, its colour and halo, and its string (into `texts`, by index).
fn encode_text(
    n: &mut Vec<f64>,
    texts: &mut Vec<String>,
    t: &TextItem,
    color: impl Fn(&mut Vec<f64>, &Rgba),
) {
    let h = H_ALIGNS.iter().position(|a| *a == t.h_align).unwrap_or(0);
    let v = V_ALIGNS.iter().position(|a| *a == t.v_align).unwrap_or(0);
    n.extend([
        TEXT,
        texts.len() as f64,
        ROLES.iter().position(|r| *r == t.role).unwrap_or(0) as f64,
        t.x,
        t.y,
        h as f64,
        v as f64,
        t.size,
        f64::from(u8::from(t.bold)),
        t.width,
    ]);
    color(n, &t.color);
    match &t.halo {
        Some(h) => {
            n.push(1.0);
            color(n, h);
        }
        None => n.push(0.0),
    }
    texts.push(t.text.clone());
}

/// Reads numbers one at a time; running out is an error, not a panic.
struct Reader<'a> {
    numbers: &'a [f64],
    at: usize,
}

impl Reader<'_> {
    fn next(&mut self) -> Result<f64, String> {
        let v = self.numbers.get(self.at).copied();
        self.at += 1;
        v.ok_or_else(|| "shapes: the numbers end inside a shape".to_string())
    }
    fn index(&mut self, len: usize) -> Result<usize, String> {
        let v = self.next()?;
        if v >= 0.0 && v < len as f64 && v.fract() == 0.0 {
            Ok(v as usize)
        } else {
            Err("shapes: an index out of range".to_string())
        }
    }
    fn flag(&mut self) -> Result<bool, String> {
        Ok(self.index(2)? == 1)
    }
    fn color(&mut self) -> Result<Rgba, String> {
        Ok(Rgba {
            r: self.index(256)? as u8,
            g: self.index(256)? as u8,
            b: self.index(256)? as u8,
            a: self.next()?,
        })
    }
    fn points(&mut self) -> Result<Vec<(f64, f64)>, String> {
        let count = self.index(self.numbers.len() / 2 + 1)?;
        (0..count)
            .map(|_| Ok((self.next()?, self.next()?)))
            .collect()
    }
}

/// The shapes `encode` made; a clear error (never a panic) on numbers it did not make.
pub fn decode(numbers: &[f64], texts: &[String]) -> Result<Vec<Shape>, String> {
    let mut r = Reader { numbers, at: 0 };
    let mut shapes = Vec::new();
    while r.at < numbers.len() {
        let tag = r.index(5)? as f64;
        let shape = if tag == RECT {
            let rect = Rect {
                x: r.next()?,
                y: r.next()?,
                width: r.next()?,
                height: r.next()?,
            };
            Shape::Rect {
                rect,
                color: r.color()?,
            }
        } else if tag == LINE {
            let width = r.next()?;
            let color = r.color()?;
            Shape::Line {
                width,
                color,
                points: r.points()?,
            }
        } else if tag == POLYGON {
            let color = r.color()?;
            Shape::Polygon {
                color,
                points: r.points()?,
            }
        } else if tag == CIRCLE {
            let (x, y, radius) = (r.next()?, r.next()?, r.next()?);
            let (filled, width) = (r.flag()?, r.next()?);
            Shape::Circle {
                x,
                y,
                radius,
                filled,
                width,
                color: r.color()?,
            }
        } else {
            let text = texts
                .get(r.index(texts.len())?)
                .cloned()
                .unwrap_or_default();
            let role = ROLES[r.index(ROLES.len())?];
            let (x, y) = (r.next()?, r.next()?);
            let h_align = H_ALIGNS[r.index(3)?];
            let v_align = V_ALIGNS[r.index(3)?];
            let (size, bold, width) = (r.next()?, r.flag()?, r.next()?);
            let color = r.color()?;
            let halo = if r.flag()? { Some(r.color()?) } else { None };
            Shape::Text(TextItem {
                role,
                text,
                x,
                y,
                h_align,
                v_align,
                size,
                bold,
                color,
                width,
                halo,
            })
        };
        shapes.push(shape);
    }
    Ok(shapes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::layout_plain as layout;
    use crate::spec::{parse_spec, Theme};

    #[test]
    fn charts_come_back_exactly() {
        let mut all = Vec::new();
        for name in [
            "simulated_counterfactual",
            "outages_annotations",
            "stress_10_outages",
        ] {
            let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
            let spec = parse_spec(&std::fs::read_to_string(path).expect("fixture")).expect("valid");
            for theme in [Theme::Light, Theme::Dark] {
                let chart = layout(&spec, 375.0, 400.0, theme);
                let (numbers, texts) = encode(&chart.shapes);
                assert_eq!(
                    decode(&numbers, &texts).expect("decodes"),
                    chart.shapes,
                    "{name}"
                );
                all.extend(chart.shapes);
            }
        }
        // Every kind of shape went through: rectangles, lines, a polygon, discs, texts with a halo.
        let has = |f: fn(&Shape) -> bool| all.iter().any(f);
        assert!(has(|s| matches!(s, Shape::Rect { .. })));
        assert!(has(|s| matches!(s, Shape::Line { .. })));
        assert!(has(|s| matches!(s, Shape::Polygon { .. })));
        assert!(has(|s| matches!(s, Shape::Circle { .. })));
        assert!(has(|s| matches!(s, Shape::Text(t) if t.halo.is_some())));
    }

    #[test]
    fn numbers_it_did_not_make_are_an_error() {
        let (numbers, texts) = encode(&[Shape::Rect {
            rect: Rect {
                x: 1.0,
                y: 2.0,
                width: 3.0,
                height: 4.0,
            },
            color: Rgba {
                r: 1,
                g: 2,
                b: 3,
                a: 1.0,
            },
        }]);
        assert!(decode(&numbers[..numbers.len() - 1], &texts).is_err());
        assert!(decode(&[9.0], &texts).is_err());
        assert!(decode(&[TEXT, 0.0], &[]).is_err());
        assert!(decode(&[RECT, 0.0, 0.0, 1.0, 1.0, 300.0, 0.0, 0.0, 1.0], &[]).is_err());
    }
}
