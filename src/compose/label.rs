//! Single-line labels the imposition adds itself (sheet names, "B3", page numbers): a run in
//! one face, never broken. Everything else comes laid out from `layout`.

use crate::fonts::{FaceId, FontSet};
use crate::layout::{FrameItem, PlacedGlyph, PointMm, TextRun};
use crate::model::Rgb;

/// `text` as one run of `face` at `size_pt`, glyphs at their advances. A character the face
/// lacks takes the next face of its fallback chain's advance but shows as .notdef; labels are
/// written by us and use only common characters.
pub fn text_run(fonts: &FontSet, face_id: FaceId, size_pt: f32, color: Rgb, text: &str) -> TextRun {
    let face = fonts.face(face_id);
    let mut x_mm = 0.0;
    let glyphs = text
        .chars()
        .filter(|ch| !ch.is_control())
        .map(|ch| {
            let glyph_id = face.glyph_id(ch).unwrap_or(0);
            let glyph = PlacedGlyph { glyph_id, ch, x_mm };
            x_mm += face.units_to_mm(f32::from(face.advance_units(glyph_id)), size_pt);
            glyph
        })
        .collect();
    TextRun {
        face: face_id,
        size_pt,
        color,
        glyphs,
        text: text.to_owned(),
        width_mm: x_mm,
    }
}

/// A label item whose baseline starts at `(x_mm, baseline_mm)`.
pub fn label(
    fonts: &FontSet,
    size_pt: f32,
    text: &str,
    x_mm: f32,
    baseline_mm: f32,
) -> (PointMm, FrameItem) {
    (
        PointMm::new(x_mm, baseline_mm),
        FrameItem::Text(text_run(fonts, FaceId::SANS, size_pt, Rgb(0, 0, 0), text)),
    )
}
