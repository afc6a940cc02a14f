//! The board at 100 % on A4/A3 sheets with overlap, labels, cut and glue marks, and an
//! overview sheet first.

use super::{ImposeError, PRINTER_MARGIN_MM, Paper, line, overlay, stroked_line};
use crate::compose::label::label;
use crate::compose::{Placement, Sheet};
use crate::fonts::FontSet;
use crate::layout::{FrameItem, Page, PointMm, Stroke};
use crate::model::{RectMm, Rgb, SizeMm};
use std::rc::Rc;

/// Options of the tiled export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileOptions {
    pub paper: Paper,
    /// How far neighbouring sheets overlap, for gluing.
    pub overlap_mm: f32,
}

impl Default for TileOptions {
    fn default() -> Self {
        TileOptions {
            paper: Paper::A4,
            overlap_mm: 15.0,
        }
    }
}

/// The label band at the bottom of each tile sheet (inside the printer margin).
pub(super) const TILE_LABEL_BAND_MM: f32 = 8.0;

/// How a board is cut into sheets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TileGrid {
    pub sheet_mm: SizeMm,
    pub landscape: bool,
    pub columns: u32,
    pub rows: u32,
    /// The part of the board each sheet shows (overlap included).
    pub window_mm: SizeMm,
    pub overlap_mm: f32,
}

impl TileGrid {
    pub fn sheet_count(&self) -> u32 {
        self.columns * self.rows
    }

    /// The board region (board coordinates) sheet (row, column) shows.
    pub fn window(&self, row: u32, column: u32) -> RectMm {
        RectMm::new(
            column as f32 * (self.window_mm.width_mm - self.overlap_mm),
            row as f32 * (self.window_mm.height_mm - self.overlap_mm),
            self.window_mm.width_mm,
            self.window_mm.height_mm,
        )
    }

    /// Where the window sits on its sheet.
    fn window_on_sheet(&self) -> RectMm {
        RectMm::new(
            PRINTER_MARGIN_MM,
            PRINTER_MARGIN_MM,
            self.window_mm.width_mm,
            self.window_mm.height_mm,
        )
    }
}

/// The sheet label: row letter and column number, e.g. "B3".
pub fn tile_name(row: u32, column: u32) -> String {
    let letter = char::from(b'A' + (row % 26) as u8);
    let repeat = row / 26 + 1;
    format!(
        "{}{}",
        letter.to_string().repeat(repeat as usize),
        column + 1
    )
}

pub(super) fn grid_for(
    board_mm: SizeMm,
    paper: Paper,
    landscape: bool,
    overlap_mm: f32,
) -> TileGrid {
    let sheet_mm = paper.oriented(landscape);
    let window_mm = SizeMm::new(
        sheet_mm.width_mm - 2.0 * PRINTER_MARGIN_MM,
        sheet_mm.height_mm - 2.0 * PRINTER_MARGIN_MM - TILE_LABEL_BAND_MM,
    );
    let count = |board: f32, window: f32| -> u32 {
        (((board - overlap_mm) / (window - overlap_mm))
            .ceil()
            .max(1.0)) as u32
    };
    TileGrid {
        sheet_mm,
        landscape,
        columns: count(board_mm.width_mm, window_mm.width_mm),
        rows: count(board_mm.height_mm, window_mm.height_mm),
        window_mm,
        overlap_mm,
    }
}

/// The grid with the fewest sheets (portrait on a tie). Fails on an unusable overlap.
pub fn tile_grid(board_mm: SizeMm, options: &TileOptions) -> Result<TileGrid, ImposeError> {
    let portrait = grid_for(board_mm, options.paper, false, options.overlap_mm);
    let shortest_window = portrait
        .window_mm
        .width_mm
        .min(portrait.window_mm.height_mm);
    let max_mm = (shortest_window / 2.0).floor();
    if options.overlap_mm <= PRINTER_MARGIN_MM || options.overlap_mm > max_mm {
        return Err(ImposeError::Overlap {
            overlap_mm: options.overlap_mm,
            max_mm,
        });
    }
    let landscape = grid_for(board_mm, options.paper, true, options.overlap_mm);
    Ok(if landscape.sheet_count() < portrait.sheet_count() {
        landscape
    } else {
        portrait
    })
}

/// The tiled sheets: an overview first, then the tiles row by row.
pub fn tile_sheets(
    fonts: &FontSet,
    board: Rc<Page>,
    board_name: &str,
    options: &TileOptions,
) -> Result<Vec<Sheet>, ImposeError> {
    let grid = tile_grid(board.size_mm, options)?;
    let mut sheets = vec![overview_sheet(
        fonts,
        &board,
        board_name,
        &grid,
        options.paper,
    )];
    let total = grid.sheet_count();
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let number = row * grid.columns + column + 1;
            sheets.push(tile_sheet(
                fonts,
                &board,
                board_name,
                &grid,
                (row, column),
                (number, total),
            ));
        }
    }
    Ok(sheets)
}

pub(super) fn tile_sheet(
    fonts: &FontSet,
    board: &Rc<Page>,
    board_name: &str,
    grid: &TileGrid,
    (row, column): (u32, u32),
    (number, total): (u32, u32),
) -> Sheet {
    let window = grid.window(row, column);
    let on_sheet = grid.window_on_sheet();
    let mut sheet = Sheet::new(grid.sheet_mm);
    sheet.placements.push(Placement {
        page: Rc::clone(board),
        origin_mm: PointMm::new(on_sheet.x_mm - window.x_mm, on_sheet.y_mm - window.y_mm),
        scale: 1.0,
        clip_mm: Some(on_sheet),
    });
    let mut items = tile_marks(grid, on_sheet, row, column);
    let baseline = on_sheet.bottom_mm() + TILE_LABEL_BAND_MM - 2.0;
    let text = format!(
        "{}　{}　第 {} 张，共 {} 张　按实际大小打印，勿缩放",
        tile_name(row, column),
        board_name,
        number,
        total
    );
    // Clear of the cut mark that runs down the sheet's left edge.
    items.push(label(fonts, 9.0, &text, on_sheet.x_mm + 4.0, baseline));
    sheet.placements.push(overlay(grid.sheet_mm, items));
    sheet
}

/// Cut marks where this sheet is cut (left and top edges, when it has a neighbour there), and
/// glue lines with alignment ticks on the overlap it lends to the next sheet (right, bottom).
pub(super) fn tile_marks(
    grid: &TileGrid,
    on_sheet: RectMm,
    row: u32,
    column: u32,
) -> Vec<(PointMm, FrameItem)> {
    let glue = Stroke {
        width_mm: 0.2,
        color: Rgb(0x75, 0x75, 0x75),
    };
    let mut items = Vec::new();
    let (top, bottom) = (on_sheet.y_mm, on_sheet.bottom_mm());
    let (left, right) = (on_sheet.x_mm, on_sheet.right_mm());
    let tick = PRINTER_MARGIN_MM - 1.0;
    if column > 0 {
        // Cut along the left edge of the picture: ticks in the top and bottom margins.
        items.push(line(left, top - tick, left, top - 0.5));
        items.push(line(left, bottom + 0.5, left, bottom + tick));
    }
    if row > 0 {
        items.push(line(left - tick, top, left - 0.5, top));
        items.push(line(right + 0.5, top, right + tick, top));
    }
    if column + 1 < grid.columns {
        // The next sheet's cut edge lands on this line: dashes across the overlap, ticks outside.
        let x = right - grid.overlap_mm;
        items.extend(dashed_vertical(x, top, bottom, glue));
        items.push(line(x, top - tick, x, top - 0.5));
        items.push(line(x, bottom + 0.5, x, bottom + tick));
    }
    if row + 1 < grid.rows {
        let y = bottom - grid.overlap_mm;
        items.extend(dashed_horizontal(y, left, right, glue));
        items.push(line(left - tick, y, left - 0.5, y));
        items.push(line(right + 0.5, y, right + tick, y));
    }
    items
}

pub(super) fn dashed_vertical(
    x: f32,
    from: f32,
    to: f32,
    stroke: Stroke,
) -> Vec<(PointMm, FrameItem)> {
    dashes(from, to)
        .map(|(start, end)| stroked_line(x, start, x, end, stroke))
        .collect()
}

pub(super) fn dashed_horizontal(
    y: f32,
    from: f32,
    to: f32,
    stroke: Stroke,
) -> Vec<(PointMm, FrameItem)> {
    dashes(from, to)
        .map(|(start, end)| stroked_line(start, y, end, y, stroke))
        .collect()
}

/// 3 mm dashes with 2 mm gaps from `from` to `to`.
pub(super) fn dashes(from: f32, to: f32) -> impl Iterator<Item = (f32, f32)> {
    let count = ((to - from) / 5.0).ceil().max(0.0) as usize;
    (0..count).map(move |index| {
        let start = from + index as f32 * 5.0;
        (start, (start + 3.0).min(to))
    })
}

/// The whole board shrunk onto one sheet with the grid of tiles and their names.
pub(super) fn overview_sheet(
    fonts: &FontSet,
    board: &Rc<Page>,
    board_name: &str,
    grid: &TileGrid,
    paper: Paper,
) -> Sheet {
    let sheet_mm = paper.oriented(board.size_mm.width_mm > board.size_mm.height_mm);
    let title_band_mm = 14.0;
    let area = RectMm::new(
        PRINTER_MARGIN_MM + 5.0,
        PRINTER_MARGIN_MM + title_band_mm,
        sheet_mm.width_mm - 2.0 * (PRINTER_MARGIN_MM + 5.0),
        sheet_mm.height_mm - 2.0 * PRINTER_MARGIN_MM - title_band_mm - 5.0,
    );
    let scale =
        (area.width_mm / board.size_mm.width_mm).min(area.height_mm / board.size_mm.height_mm);
    let origin = PointMm::new(area.x_mm, area.y_mm);
    let mut sheet = Sheet::new(sheet_mm);
    sheet.placements.push(Placement {
        page: Rc::clone(board),
        origin_mm: origin,
        scale,
        clip_mm: None,
    });
    let grid_stroke = Stroke {
        width_mm: 0.3,
        color: Rgb(0xd3, 0x2f, 0x2f),
    };
    let mut items = Vec::new();
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let window = grid.window(row, column);
            let x = origin.x_mm + window.x_mm * scale;
            let y = origin.y_mm + window.y_mm * scale;
            let width =
                (window.width_mm * scale).min(origin.x_mm + board.size_mm.width_mm * scale - x);
            let height =
                (window.height_mm * scale).min(origin.y_mm + board.size_mm.height_mm * scale - y);
            items.push((
                PointMm::new(x, y),
                FrameItem::Rect {
                    size_mm: SizeMm::new(width, height),
                    fill: None,
                    stroke: Some(grid_stroke),
                },
            ));
            let size_pt = (width.min(height) * 0.25).clamp(4.0, 12.0);
            items.push(label(
                fonts,
                size_pt,
                &tile_name(row, column),
                x + 1.5,
                y + 1.0 + size_pt * 0.36,
            ));
        }
    }
    let orientation = if grid.landscape { "横向" } else { "纵向" };
    let title = format!(
        "{board_name}　拼贴总览：{} 行 × {} 列，共 {} 张 {}（{}），重叠 {} 毫米",
        grid.rows,
        grid.columns,
        grid.sheet_count(),
        paper.name(),
        orientation,
        grid.overlap_mm
    );
    items.push(label(
        fonts,
        12.0,
        &title,
        area.x_mm,
        PRINTER_MARGIN_MM + 7.0,
    ));
    items.push(label(
        fonts,
        9.0,
        "按实际大小打印，勿缩放。裁去每张的左边和上边，对齐虚线粘贴在前一张上。",
        area.x_mm,
        PRINTER_MARGIN_MM + 12.0,
    ));
    sheet.placements.push(overlay(sheet_mm, items));
    sheet
}

// ---------------------------------------------------------------------------------------------
// Cards

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_names_are_row_letter_and_column_number() {
        assert_eq!(tile_name(0, 0), "A1");
        assert_eq!(tile_name(1, 2), "B3");
    }
}
