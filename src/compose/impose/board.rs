//! The board on one sheet at true size (or 1:N): TrimBox = the board, optional bleed (edge
//! fills extended into it) and crop marks.

use super::{ImposeError, MARK_LENGTH_MM, MARK_OFFSET_MM, MAX_PDF_SIDE_MM, crop_marks, overlay};
use crate::compose::{Placement, Sheet};
use crate::layout::{FrameItem, Page, PointMm};
use crate::model::{RectMm, SizeMm};
use std::rc::Rc;

/// Options of the true-size board export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BoardOptions {
    /// Bleed around the board in mm at true size (0 for 喷绘, e.g. 3 for 写真).
    pub bleed_mm: f32,
    /// Crop marks outside the trim.
    pub crop_marks: bool,
    /// Scale 1:N requested (1 = true size).
    pub scale_denominator: u32,
}

impl Default for BoardOptions {
    fn default() -> Self {
        BoardOptions {
            bleed_mm: 0.0,
            crop_marks: false,
            scale_denominator: 1,
        }
    }
}

/// The board sheet and the scale it ended up at.
#[derive(Clone, Debug)]
pub struct BoardImposition {
    pub sheet: Sheet,
    /// 1:N actually used.
    pub scale_denominator: u32,
    /// The requested scale did not fit the PDF page limit and was raised.
    pub scaled_to_fit: bool,
}

/// The space around the trim for bleed and crop marks, in mm at true size.
pub(super) fn board_margin_mm(options: &BoardOptions) -> f32 {
    if options.crop_marks {
        options.bleed_mm.max(MARK_OFFSET_MM) + MARK_LENGTH_MM + 1.0
    } else {
        options.bleed_mm
    }
}

/// The smallest whole N ≥ `requested` with every side ≤ the PDF limit.
pub fn fitting_scale_denominator(outer_mm: SizeMm, requested: u32) -> u32 {
    let longest_mm = outer_mm.width_mm.max(outer_mm.height_mm);
    let needed = (longest_mm / MAX_PDF_SIDE_MM).ceil().max(1.0) as u32;
    requested.max(needed)
}

/// Imposes a laid-out board on one sheet.
pub fn board_sheet(
    board: Rc<Page>,
    options: &BoardOptions,
) -> Result<BoardImposition, ImposeError> {
    if !(0.0..=20.0).contains(&options.bleed_mm) {
        return Err(ImposeError::Bleed(options.bleed_mm));
    }
    if !(1..=100).contains(&options.scale_denominator) {
        return Err(ImposeError::Scale(options.scale_denominator));
    }
    let margin_mm = board_margin_mm(options);
    let board_mm = board.size_mm;
    let outer_mm = SizeMm::new(
        board_mm.width_mm + 2.0 * margin_mm,
        board_mm.height_mm + 2.0 * margin_mm,
    );
    let denominator = fitting_scale_denominator(outer_mm, options.scale_denominator);
    let scale = 1.0 / denominator as f32;
    let scaled = |length_mm: f32| length_mm * scale;
    let trim = RectMm::new(
        scaled(margin_mm),
        scaled(margin_mm),
        scaled(board_mm.width_mm),
        scaled(board_mm.height_mm),
    );
    let bleed = grow(trim, scaled(options.bleed_mm));
    let mut sheet = Sheet::new(SizeMm::new(
        scaled(outer_mm.width_mm),
        scaled(outer_mm.height_mm),
    ));
    sheet.trim_mm = Some(trim);
    sheet.bleed_mm = (options.bleed_mm > 0.0).then_some(bleed);
    let page = if options.bleed_mm > 0.0 {
        Rc::new(extend_edge_fills(&board, options.bleed_mm))
    } else {
        board
    };
    sheet.placements.push(Placement {
        page,
        origin_mm: PointMm::new(trim.x_mm, trim.y_mm),
        scale,
        clip_mm: Some(bleed),
    });
    if options.crop_marks {
        let offset = scaled(options.bleed_mm.max(MARK_OFFSET_MM));
        let marks = crop_marks(trim, offset, scaled(MARK_LENGTH_MM));
        sheet.placements.push(overlay(sheet.size_mm, marks));
    }
    Ok(BoardImposition {
        sheet,
        scale_denominator: denominator,
        scaled_to_fit: denominator > options.scale_denominator,
    })
}

/// The strip of the sheet above the bleed box (or the trim, without bleed), as wide as the
/// trim: where a slug line can go without being printed on the board. None when the board
/// fills the sheet to its top edge.
pub fn slug_band_above(sheet: &Sheet) -> Option<RectMm> {
    let trim = sheet.trim_mm?;
    let printed_top_mm = sheet.bleed_mm.unwrap_or(trim).y_mm;
    (printed_top_mm > 0.0).then(|| RectMm::new(trim.x_mm, 0.0, trim.width_mm, printed_top_mm))
}

pub(super) fn grow(rect: RectMm, by_mm: f32) -> RectMm {
    RectMm::new(
        rect.x_mm - by_mm,
        rect.y_mm - by_mm,
        rect.width_mm + 2.0 * by_mm,
        rect.height_mm + 2.0 * by_mm,
    )
}

/// Filled rectangles that touch an edge of the page grow outwards by `bleed_mm` across it,
/// so backgrounds and colour bands run into the bleed.
pub fn extend_edge_fills(page: &Page, bleed_mm: f32) -> Page {
    const TOUCH_MM: f32 = 0.01;
    let size = page.size_mm;
    let items = page
        .items
        .iter()
        .map(|(position, item)| match item {
            FrameItem::Rect {
                size_mm,
                fill: Some(fill),
                stroke,
            } => {
                let left = position.x_mm <= TOUCH_MM;
                let top = position.y_mm <= TOUCH_MM;
                let right = position.x_mm + size_mm.width_mm >= size.width_mm - TOUCH_MM;
                let bottom = position.y_mm + size_mm.height_mm >= size.height_mm - TOUCH_MM;
                let grow_left = if left { bleed_mm } else { 0.0 };
                let grow_top = if top { bleed_mm } else { 0.0 };
                let width = size_mm.width_mm + grow_left + if right { bleed_mm } else { 0.0 };
                let height = size_mm.height_mm + grow_top + if bottom { bleed_mm } else { 0.0 };
                (
                    PointMm::new(position.x_mm - grow_left, position.y_mm - grow_top),
                    FrameItem::Rect {
                        size_mm: SizeMm::new(width, height),
                        fill: Some(*fill),
                        stroke: *stroke,
                    },
                )
            }
            _ => (*position, item.clone()),
        })
        .collect();
    Page {
        size_mm: size,
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_boards_get_the_smallest_whole_scale_that_fits() {
        assert_eq!(fitting_scale_denominator(SizeMm::new(2400.0, 1200.0), 1), 1);
        assert_eq!(fitting_scale_denominator(SizeMm::new(6000.0, 2200.0), 1), 2);
        assert_eq!(fitting_scale_denominator(SizeMm::new(6000.0, 2200.0), 4), 4);
    }
}
