//! Colours and type sizes for the light and dark themes. Text colours keep a WCAG contrast
//! of at least 4.5:1 against their background, and the lines that mark a band's edges or the
//! expected range's bounds 3:1 against the fills beside them (WCAG 1.4.11; tested below).

/// Colour theme of the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    /// Parses `light` or `dark`.
    pub fn parse(s: &str) -> Option<Theme> {
        match s {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

/// An sRGB colour with opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    /// 0.0 (transparent) to 1.0 (opaque).
    pub a: f64,
}

const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
    Rgba { r, g, b, a: 1.0 }
}

impl Rgba {
    /// This colour composited over an opaque `background`.
    pub fn over(&self, background: Rgba) -> Rgba {
        let mix = |fg: u8, bg: u8| (fg as f64 * self.a + bg as f64 * (1.0 - self.a)).round() as u8;
        rgb(
            mix(self.r, background.r),
            mix(self.g, background.g),
            mix(self.b, background.b),
        )
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(&self) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                // x^2.4 as e^(2.4 ln x): exp and ln are in the module already, pow (2 KB) is not.
                (2.4 * ((c + 0.055) / 1.055).ln()).exp()
            }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// This colour moved `t` (0 to 1) of the way to `other`, opaque.
    pub fn toward(&self, other: Rgba, t: f64) -> Rgba {
        Rgba { a: t, ..other }.over(Rgba { a: 1.0, ..*self })
    }

    /// WCAG contrast ratio between two opaque colours (1 to 21).
    pub fn contrast(&self, other: Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

/// Everything the drawing needs to know about colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub background: Rgba,
    pub text: Rgba,
    pub muted_text: Rgba,
    pub grid: Rgba,
    pub baseline: Rgba,
    pub band: Rgba,
    /// The opaque line at each end of a band: 3:1 against the background, the band's fill and
    /// two fills overlapping (`Palette::edge_for`).
    pub band_edge: Rgba,
    pub band_text: Rgba,
    /// Fill of the counterfactual range; its dashed expected line, also its bounds' outline.
    pub counterfactual: Rgba,
    pub counterfactual_line: Rgba,
    pub series: [Rgba; 4],
}

impl Palette {
    /// The palette of a theme.
    pub fn of(theme: Theme) -> Palette {
        match theme {
            Theme::Light => Palette {
                background: rgb(255, 255, 255),
                text: rgb(26, 26, 26),
                muted_text: rgb(94, 94, 94),
                grid: rgb(230, 230, 230),
                baseline: rgb(120, 120, 120),
                band: Rgba {
                    r: 232,
                    g: 119,
                    b: 34,
                    a: 0.16,
                },
                band_edge: rgb(190, 80, 0),
                band_text: rgb(140, 58, 0),
                counterfactual: Rgba {
                    r: 96,
                    g: 64,
                    b: 160,
                    a: 0.16,
                },
                counterfactual_line: rgb(96, 64, 160),
                series: [
                    rgb(22, 82, 160),
                    rgb(190, 42, 70),
                    rgb(26, 128, 112),
                    rgb(120, 80, 160),
                ],
            },
            Theme::Dark => Palette {
                background: rgb(18, 20, 23),
                text: rgb(236, 239, 241),
                muted_text: rgb(168, 174, 180),
                grid: rgb(48, 53, 59),
                baseline: rgb(140, 146, 152),
                band: Rgba {
                    r: 255,
                    g: 150,
                    b: 60,
                    a: 0.20,
                },
                band_edge: rgb(255, 160, 80),
                band_text: rgb(255, 184, 120),
                counterfactual: Rgba {
                    r: 190,
                    g: 160,
                    b: 255,
                    a: 0.20,
                },
                counterfactual_line: rgb(190, 160, 255),
                series: [
                    rgb(108, 170, 255),
                    rgb(255, 122, 140),
                    rgb(80, 210, 180),
                    rgb(200, 160, 255),
                ],
            },
        }
    }

    /// The fills a band's edge sits between: the background, the band over it, and two bands
    /// overlapping.
    pub fn band_fills(&self) -> [Rgba; 3] {
        let one = self.band.over(self.background);
        [self.background, one, self.band.over(one)]
    }

    /// A band edge for the band colour `band`: the colour itself, opaque, moved toward the text
    /// colour until it has 3:1 against every fill beside it (a light band a page chose gets a
    /// darker edge on a light background, a lighter one on a dark).
    pub fn edge_for(&self, band: Rgba) -> Rgba {
        let fills = Palette {
            band,
            ..self.clone()
        }
        .band_fills();
        let opaque = Rgba { a: 1.0, ..band };
        (0..=20)
            .map(|step| opaque.toward(self.text, step as f64 / 20.0))
            .find(|edge| fills.iter().all(|f| edge.contrast(*f) >= 3.0))
            .unwrap_or(self.text)
    }

    /// Colour of the series at `index`, cycling through the palette.
    pub fn series_color(&self, index: usize) -> Rgba {
        self.series[index % self.series.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luminance_is_the_wcag_formula() {
        // Computed as e^(2.4 ln x) to keep pow out of the wasm: the same as powf to 1e-15.
        for v in 0..=255u8 {
            let c = f64::from(v) / 255.0;
            let linear = if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            };
            let grey = Rgba {
                r: v,
                g: v,
                b: v,
                a: 1.0,
            };
            assert!(
                (grey.luminance() - linear).abs() <= 1e-15 * linear.max(1e-3),
                "{v}"
            );
        }
    }

    #[test]
    fn text_is_readable_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme);
            assert!(p.text.contrast(p.background) >= 7.0, "{theme:?} text");
            assert!(
                p.muted_text.contrast(p.background) >= 4.5,
                "{theme:?} muted"
            );
            // Band labels sit on the band itself.
            let band = p.band.over(p.background);
            assert!(p.band_text.contrast(band) >= 4.5, "{theme:?} band text");
            for (i, s) in p.series.iter().enumerate() {
                assert!(s.contrast(band) >= 3.0, "{theme:?} series {i} on band");
            }
        }
    }

    #[test]
    fn band_edges_and_the_range_outline_stand_out_from_the_fills_beside_them() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme);
            for fill in p.band_fills() {
                assert!(
                    p.band_edge.contrast(fill) >= 3.0,
                    "{theme:?} edge on {fill:?}"
                );
            }
            let range = p.counterfactual.over(p.background);
            let range_on_band = p.counterfactual.over(p.band.over(p.background));
            for fill in [p.background, range, range_on_band] {
                let c = p.counterfactual_line.contrast(fill);
                assert!(c >= 3.0, "{theme:?} range outline on {fill:?}: {c}");
            }
            // A pale band a page chose still gets an edge that shows.
            let pale = Rgba {
                r: 250,
                g: 240,
                b: 120,
                a: 0.3,
            };
            let edge = p.edge_for(pale);
            let fills = Palette {
                band: pale,
                ..p.clone()
            }
            .band_fills();
            assert!(
                fills.iter().all(|f| edge.contrast(*f) >= 3.0),
                "{theme:?} {edge:?}"
            );
        }
    }

    #[test]
    fn compositing_matches_canvas_blending() {
        let white = rgb(255, 255, 255);
        let c = Rgba {
            r: 0,
            g: 0,
            b: 0,
            a: 0.5,
        }
        .over(white);
        assert_eq!((c.r, c.g, c.b), (128, 128, 128));
    }
}
