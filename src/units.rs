//! Units: the model and layout work in millimetres, PDF in points, the screen in egui points.
//! Every conversion between them lives here.

/// Millimetres in one PostScript/PDF point (1 pt = 1/72 in).
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// A length in points (font sizes, PDF coordinates) as millimetres.
pub fn pt_to_mm(length_pt: f32) -> f32 {
    length_pt * MM_PER_PT
}

/// A length in millimetres as points.
pub fn mm_to_pt(length_mm: f32) -> f32 {
    length_mm / MM_PER_PT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a4_width_in_points() {
        assert!((mm_to_pt(210.0) - 595.2756).abs() < 0.001);
        assert!((pt_to_mm(72.0) - 25.4).abs() < 0.0001);
    }
}
