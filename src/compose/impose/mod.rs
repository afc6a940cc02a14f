//! Imposition: where laid-out pages go on output sheets, and the marks and labels around them.
//!
//! - board: one sheet at true size (or 1:N), TrimBox = the board, optional bleed and crop marks;
//! - tiles: the board at 100 % on A4/A3 sheets with overlap, labels, cut/glue marks, and an
//!   overview sheet first;
//! - cards: N-up with bleed, crop marks outside every card, backs ordered for long-edge duplex.

use super::Placement;
use crate::layout::{FrameItem, Page, PointMm, Stroke};
use crate::model::{RectMm, Rgb, SizeMm};
use std::rc::Rc;

mod board;
mod cards;
mod tiles;

pub use board::{
    BoardImposition, BoardOptions, board_sheet, extend_edge_fills, fitting_scale_denominator,
    slug_band_above,
};
pub use cards::{CardGrid, CardMarks, CardOptions, card_grid, card_sheets};
pub use tiles::{
    BLANK_TILE_NOTE, MAX_FIT_SHEETS, TileGrid, TileOptions, blank_tiles, tile_grid, tile_name,
    tile_sheets, toner_saving_page,
};

/// The largest page side a PDF allows (200 in); bigger boards are scaled 1:N.
pub const MAX_PDF_SIDE_MM: f32 = 5080.0;
/// What an office printer cannot print at the sheet's edge.
pub const PRINTER_MARGIN_MM: f32 = 5.0;
/// Crop marks start this far from the trim (or the bleed, if larger) and are this long.
const MARK_OFFSET_MM: f32 = 3.0;
const MARK_LENGTH_MM: f32 = 5.0;
const MARK_STROKE: Stroke = Stroke {
    width_mm: 0.25,
    color: Rgb(0, 0, 0),
};

/// Why sheets could not be imposed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImposeError {
    #[error(
        "拼贴重叠 {overlap_mm} 毫米不合适：须大于打印机页边距 {PRINTER_MARGIN_MM} 毫米，且不超过纸张可打印区域的一半（{max_mm} 毫米）。请用 --overlap 调整。"
    )]
    Overlap { overlap_mm: f32, max_mm: f32 },
    #[error(
        "缩印到 {columns}×{rows} 张不合适：每个方向须为 1 到 {max} 张。请用 --fit-sheets 调整，如 --fit-sheets 3x2。"
    )]
    FitSheets { columns: u32, rows: u32, max: u32 },
    #[error("出血 {0} 毫米不合适：请设为 0 到 20 毫米之间。")]
    Bleed(f32),
    #[error("比例 1:{0} 不合适：请设为 1 到 100 之间的整数。")]
    Scale(u32),
    #[error(
        "明白卡 {width_mm}×{height_mm} 毫米（含出血）放不进一张 {paper} 纸，请换大一号的纸或缩小卡片。"
    )]
    CardTooLarge {
        width_mm: f32,
        height_mm: f32,
        paper: &'static str,
    },
}

/// Office paper sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
}

impl Paper {
    /// Portrait size.
    pub fn size_mm(self) -> SizeMm {
        match self {
            Paper::A4 => SizeMm::new(210.0, 297.0),
            Paper::A3 => SizeMm::new(297.0, 420.0),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
        }
    }

    fn oriented(self, landscape: bool) -> SizeMm {
        let SizeMm {
            width_mm,
            height_mm,
        } = self.size_mm();
        if landscape {
            SizeMm::new(height_mm, width_mm)
        } else {
            SizeMm::new(width_mm, height_mm)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Board

/// Eight crop marks around `trim`, starting `offset_mm` outside it, `length_mm` long.
fn crop_marks(trim: RectMm, offset_mm: f32, length_mm: f32) -> Vec<(PointMm, FrameItem)> {
    let mut marks = Vec::new();
    for x in [trim.x_mm, trim.right_mm()] {
        for (y, direction) in [(trim.y_mm, -1.0), (trim.bottom_mm(), 1.0)] {
            let start = y + direction * offset_mm;
            marks.push(line(x, start, x, start + direction * length_mm));
        }
    }
    for y in [trim.y_mm, trim.bottom_mm()] {
        for (x, direction) in [(trim.x_mm, -1.0), (trim.right_mm(), 1.0)] {
            let start = x + direction * offset_mm;
            marks.push(line(start, y, start + direction * length_mm, y));
        }
    }
    marks
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32) -> (PointMm, FrameItem) {
    stroked_line(x1, y1, x2, y2, MARK_STROKE)
}

fn stroked_line(x1: f32, y1: f32, x2: f32, y2: f32, stroke: Stroke) -> (PointMm, FrameItem) {
    (
        PointMm::new(x1, y1),
        FrameItem::Line {
            to: PointMm::new(x2, y2),
            stroke,
        },
    )
}

/// Items drawn in sheet coordinates over everything else.
fn overlay(size_mm: SizeMm, items: Vec<(PointMm, FrameItem)>) -> Placement {
    Placement::at(Rc::new(Page { size_mm, items }), PointMm::new(0.0, 0.0))
}

// ---------------------------------------------------------------------------------------------
// Tiles
