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

/// The egui family name of an installed face of the project's font set.
pub fn installed_family_name(face: crate::fonts::FaceId) -> String {
    format!("gongkai-face-{}", face.0)
}

/// The font definitions with the installed faces of `fonts` too (each as its own family,
/// the bundled serif behind it), so the canvas shows the letters the PDF prints.
pub fn font_definitions_for(fonts: &crate::fonts::FontSet) -> egui::FontDefinitions {
    let mut definitions = font_definitions();
    for (face_id, face) in fonts.faces().skip(4) {
        let name = installed_family_name(face_id);
        let mut data = egui::FontData::from_owned(face.bytes().to_vec());
        data.index = face.collection_index;
        definitions.font_data.insert(name.clone(), Arc::new(data));
        definitions.families.insert(
            egui::FontFamily::Name(name.as_str().into()),
            vec![name, SERIF_FAMILY.to_owned()],
        );
    }
    definitions
}

/// Installs the bundled fonts in an egui context (before the first frame).
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FaceId, FontSet};

    #[test]
    fn installed_faces_become_egui_families_with_the_serif_behind() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("sans.ttf"), SANS_REGULAR).expect("copy");
        let families = ["Noto Sans SC".to_owned()].into_iter().collect();
        let fonts = FontSet::with_installed(&families, &[dir.path().to_path_buf()]);
        assert!(fonts.problems().is_empty(), "{:?}", fonts.problems());
        let definitions = font_definitions_for(&fonts);
        let name = installed_family_name(FaceId(4));
        assert_eq!(
            definitions.families[&egui::FontFamily::Name(name.as_str().into())],
            [name.clone(), SERIF_FAMILY.to_owned()]
        );
        let data: &[u8] = (*definitions.font_data[&name].font).as_ref();
        assert!(data == SANS_REGULAR, "the installed file's bytes");
        // The bundled set adds nothing.
        assert_eq!(
            font_definitions_for(&FontSet::bundled()).families.len(),
            font_definitions().families.len()
        );
    }
}
