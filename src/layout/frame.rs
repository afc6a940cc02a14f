//! The output of layout: pages of positioned items in millimetres. The egui canvas and the PDF
//! writer draw these and nothing else; neither measures nor breaks text.

use crate::fonts::FaceId;
use crate::model::{Rgb, SizeMm};

/// A point in millimetres from the top-left corner of the page, y growing downwards.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PointMm {
    pub x_mm: f32,
    pub y_mm: f32,
}

impl PointMm {
    pub const fn new(x_mm: f32, y_mm: f32) -> Self {
        PointMm { x_mm, y_mm }
    }
}

/// One laid-out page (a board, a tile's source, a register page, a card face).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub size_mm: SizeMm,
    /// Drawn in order: later items paint over earlier ones.
    pub items: Vec<(PointMm, FrameItem)>,
}

/// Something drawn on a page at a position (see each variant for what the position means).
#[derive(Clone, Debug, PartialEq)]
pub enum FrameItem {
    /// Positioned at the left end of the run's baseline.
    Text(TextRun),
    /// Positioned at the rectangle's top-left corner.
    Rect {
        size_mm: SizeMm,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    /// From the position to `to` (both in page coordinates).
    Line { to: PointMm, stroke: Stroke },
    /// Positioned at the image's top-left corner; `path` is the picture file, resolved
    /// against the project's folder.
    Image {
        size_mm: SizeMm,
        path: std::path::PathBuf,
    },
    /// Filled squares in a grid (a QR code): `cells` are (column, row) of dark modules, each
    /// `cell_mm` wide, from the position (top-left).
    Cells {
        cell_mm: f32,
        cells: Vec<(u16, u16)>,
        color: Rgb,
    },
}

/// A stroke: width and colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub width_mm: f32,
    pub color: Rgb,
}

/// One line (or part of a line) of text in a single face and size.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    pub face: FaceId,
    pub size_pt: f32,
    pub color: Rgb,
    /// Each glyph with its x offset from the run's origin, in mm.
    pub glyphs: Vec<PlacedGlyph>,
    /// The source text of the run, exactly (for text extraction and tests).
    pub text: String,
    /// From the origin to the end of the last glyph's advance.
    pub width_mm: f32,
}

/// A glyph of a run: its id in the run's face, the character it shows and where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub glyph_id: u16,
    pub ch: char,
    pub x_mm: f32,
}
