//! Lengths in millimetres: rectangles, sizes and margins of boards, panels and cards.

use serde::{Deserialize, Serialize};

/// A rectangle in millimetres, from the top-left corner of its parent (board or card).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RectMm {
    pub x_mm: f32,
    pub y_mm: f32,
    pub width_mm: f32,
    pub height_mm: f32,
}

impl RectMm {
    pub const fn new(x_mm: f32, y_mm: f32, width_mm: f32, height_mm: f32) -> Self {
        RectMm {
            x_mm,
            y_mm,
            width_mm,
            height_mm,
        }
    }

    pub fn right_mm(&self) -> f32 {
        self.x_mm + self.width_mm
    }

    pub fn bottom_mm(&self) -> f32 {
        self.y_mm + self.height_mm
    }

    pub fn overlaps(&self, other: &RectMm) -> bool {
        self.x_mm < other.right_mm()
            && other.x_mm < self.right_mm()
            && self.y_mm < other.bottom_mm()
            && other.y_mm < self.bottom_mm()
    }
}

/// A width and height in millimetres.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SizeMm {
    pub width_mm: f32,
    pub height_mm: f32,
}

impl SizeMm {
    pub const fn new(width_mm: f32, height_mm: f32) -> Self {
        SizeMm {
            width_mm,
            height_mm,
        }
    }
}

/// Margins in millimetres.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarginsMm {
    pub top_mm: f32,
    pub right_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
}

impl MarginsMm {
    pub const fn uniform(margin_mm: f32) -> Self {
        MarginsMm {
            top_mm: margin_mm,
            right_mm: margin_mm,
            bottom_mm: margin_mm,
            left_mm: margin_mm,
        }
    }
}

impl Default for MarginsMm {
    fn default() -> Self {
        MarginsMm::uniform(40.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rect_overlap_is_strict() {
        let left = RectMm::new(0.0, 0.0, 100.0, 100.0);
        let touching = RectMm::new(100.0, 0.0, 50.0, 50.0);
        let inside = RectMm::new(50.0, 50.0, 10.0, 10.0);
        assert!(!left.overlaps(&touching));
        assert!(left.overlaps(&inside));
    }
}
