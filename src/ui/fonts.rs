//! The bundled CJK fonts in egui: the same bytes that layout measures and the PDF embeds.

use crate::fonts::{SANS_BOLD, SANS_REGULAR, SERIF_BOLD, SERIF_REGULAR};
use eframe::egui;
use std::sync::Arc;

/// egui font family names of the bundled faces, for the canvas.
pub const SANS_FAMILY: &str = "gongkai-sans";
pub const SANS_BOLD_FAMILY: &str = "gongkai-sans-bold";
pub const SERIF_FAMILY: &str = "gongkai-serif";
pub const SERIF_BOLD_FAMILY: &str = "gongkai-serif-bold";

/// The font definitions: the UI in Noto Sans SC (egui's own fonts after it, for symbols), and
/// each bundled face as a named family.
pub fn font_definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for (name, bytes) in [
        (SANS_FAMILY, SANS_REGULAR),
        (SANS_BOLD_FAMILY, SANS_BOLD),
        (SERIF_FAMILY, SERIF_REGULAR),
        (SERIF_BOLD_FAMILY, SERIF_BOLD),
    ] {
        fonts.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_static(bytes)),
        );
        fonts
            .families
            .insert(egui::FontFamily::Name(name.into()), vec![name.to_owned()]);
    }
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, SANS_FAMILY.to_owned());
    }
    fonts
}

/// Installs the bundled fonts in an egui context (before the first frame).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
