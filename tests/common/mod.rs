//! Shared by the native tests: a spec laid out on its own, as the CLI does, through the
//! library's two entry points (`layout::layout`, `layout::auto_height`) over its prepared input.
#![allow(dead_code)]

use hashrate_outage_chart::layout::presentation::Presentation;
use hashrate_outage_chart::layout::{self, Input, Layout, Prepared};
use hashrate_outage_chart::spec::{Spec, Theme};

/// `spec` at `width` × `height` in `theme`, with the default presentation.
pub fn layout(spec: &Spec, width: f64, height: f64, theme: Theme) -> Layout {
    layout_with(spec, width, height, theme, &Presentation::default())
}

/// `spec` at `width` × `height` in `theme`, with the host page's choices.
pub fn layout_with(
    spec: &Spec,
    width: f64,
    height: f64,
    theme: Theme,
    presentation: &Presentation,
) -> Layout {
    let prepared = Prepared::of(spec, presentation);
    let input = Input {
        spec,
        presentation,
        prepared: &prepared,
    };
    layout::layout(input, width, height, theme)
}

/// The automatic height of `spec` at `width`.
pub fn auto_height(spec: &Spec, width: f64, presentation: &Presentation) -> f64 {
    let prepared = Prepared::of(spec, presentation);
    let input = Input {
        spec,
        presentation,
        prepared: &prepared,
    };
    layout::auto_height(input, width, Theme::Light).0
}
