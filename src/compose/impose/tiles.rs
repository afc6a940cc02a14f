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
    /// Leave out sheets that would print only the board's background colour (the overview
    /// marks them 「空白，未打印」).
    pub skip_blank: bool,
    /// Fit the board onto this many sheets (columns, rows), reduced, for an office copy;
    /// None: 1:1.
    pub fit_sheets: Option<(u32, u32)>,
    /// Toner saving: solid header and footer bands print as outlines, their text in the
    /// band's colour.
    pub toner_saving: bool,
}

impl Default for TileOptions {
    fn default() -> Self {
        TileOptions {
            paper: Paper::A4,
            overlap_mm: 15.0,
            skip_blank: true,
            fit_sheets: None,
            toner_saving: false,
        }
    }
}

/// At most this many sheets across or down for "fit to N×M sheets".
pub const MAX_FIT_SHEETS: u32 = 20;

/// How the overview marks a sheet left out because it would print only the background.
pub const BLANK_TILE_NOTE: &str = "空白，未打印";

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
    /// The board's scale on the sheets: 1.0 at true size, less when fitted to N×M sheets.
    pub scale: f32,
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
        scale: 1.0,
    }
}

/// The grid with the fewest sheets (portrait on a tie), or fitted to N×M sheets at the largest
/// scale either orientation allows. Fails on an unusable overlap or sheet count.
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
    if let Some((columns, rows)) = options.fit_sheets {
        if !(1..=MAX_FIT_SHEETS).contains(&columns) || !(1..=MAX_FIT_SHEETS).contains(&rows) {
            return Err(ImposeError::FitSheets {
                columns,
                rows,
                max: MAX_FIT_SHEETS,
            });
        }
        return Ok(fitted_grid(board_mm, options, columns, rows));
    }
    let landscape = grid_for(board_mm, options.paper, true, options.overlap_mm);
    Ok(if landscape.sheet_count() < portrait.sheet_count() {
        landscape
    } else {
        portrait
    })
}

/// The board reduced (never enlarged) so that it fits `columns` × `rows` sheets, in the
/// orientation that allows the larger scale (portrait on a tie).
fn fitted_grid(board_mm: SizeMm, options: &TileOptions, columns: u32, rows: u32) -> TileGrid {
    let overlap_mm = options.overlap_mm;
    let fit = |landscape: bool| {
        let window = grid_for(board_mm, options.paper, landscape, overlap_mm).window_mm;
        let span = |count: u32, window: f32| count as f32 * (window - overlap_mm) + overlap_mm;
        let scale = (span(columns, window.width_mm) / board_mm.width_mm.max(1.0))
            .min(span(rows, window.height_mm) / board_mm.height_mm.max(1.0))
            .min(1.0);
        // A hair smaller, so rounding never asks for one more sheet.
        let scale = scale * 0.9995;
        let scaled = SizeMm::new(board_mm.width_mm * scale, board_mm.height_mm * scale);
        TileGrid {
            scale,
            ..grid_for(scaled, options.paper, landscape, overlap_mm)
        }
    };
    let (portrait, landscape) = (fit(false), fit(true));
    if landscape.scale > portrait.scale + 1e-4 {
        landscape
    } else {
        portrait
    }
}

/// The sheets of `grid` that would print only the board's background: (row, column) in
/// order. A sheet is blank when no ink reaches into the part of the board it shows: fills of
/// the background colour or white (the paper) are no ink, a framed rectangle inks only its
/// frame.
pub fn blank_tiles(board: &Page, grid: &TileGrid) -> Vec<(u32, u32)> {
    let background = page_background(board);
    let inked: Vec<RectMm> = board
        .items
        .iter()
        .flat_map(|(at, item)| ink_bounds(*at, item, background))
        .collect();
    let mut blank = Vec::new();
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let window = grid.window(row, column);
            let on_board = RectMm::new(
                window.x_mm / grid.scale,
                window.y_mm / grid.scale,
                window.width_mm / grid.scale,
                window.height_mm / grid.scale,
            );
            if !inked.iter().any(|bounds| overlaps(bounds, &on_board)) {
                blank.push((row, column));
            }
        }
    }
    blank
}

/// The fill of a first rectangle that covers the whole page, else white.
fn page_background(page: &Page) -> Rgb {
    match page.items.first() {
        Some((at, FrameItem::Rect { size_mm, fill, .. }))
            if at.x_mm <= 0.0
                && at.y_mm <= 0.0
                && size_mm.width_mm >= page.size_mm.width_mm
                && size_mm.height_mm >= page.size_mm.height_mm =>
        {
            fill.unwrap_or(Rgb::WHITE)
        }
        _ => Rgb::WHITE,
    }
}

/// Where an item puts ink: nothing for blank text and for fills of the background or white;
/// a framed rectangle's frame as four strips.
fn ink_bounds(at: PointMm, item: &FrameItem, background: Rgb) -> Vec<RectMm> {
    match item {
        FrameItem::Text(run) if run.text.trim().is_empty() => Vec::new(),
        FrameItem::Rect {
            size_mm,
            fill,
            stroke,
        } => {
            let rect = RectMm::new(at.x_mm, at.y_mm, size_mm.width_mm, size_mm.height_mm);
            if fill.is_some_and(|fill| fill != background && fill != Rgb::WHITE) {
                return vec![rect];
            }
            let Some(stroke) = stroke else {
                return Vec::new();
            };
            let half = stroke.width_mm / 2.0;
            let (width, height) = (rect.width_mm + 2.0 * half, rect.height_mm + 2.0 * half);
            vec![
                RectMm::new(rect.x_mm - half, rect.y_mm - half, width, 2.0 * half),
                RectMm::new(rect.x_mm - half, rect.bottom_mm() - half, width, 2.0 * half),
                RectMm::new(rect.x_mm - half, rect.y_mm - half, 2.0 * half, height),
                RectMm::new(rect.right_mm() - half, rect.y_mm - half, 2.0 * half, height),
            ]
        }
        other => item_bounds(at, other).into_iter().collect(),
    }
}

/// Where an item draws, roughly (text: its em box on the baseline), in page coordinates.
fn item_bounds(at: PointMm, item: &FrameItem) -> Option<RectMm> {
    match item {
        FrameItem::Text(run) => {
            let em_mm = crate::units::pt_to_mm(run.size_pt);
            Some(RectMm::new(
                at.x_mm,
                at.y_mm - em_mm,
                run.width_mm,
                1.3 * em_mm,
            ))
        }
        FrameItem::Rect { size_mm, .. } | FrameItem::Image { size_mm, .. } => Some(RectMm::new(
            at.x_mm,
            at.y_mm,
            size_mm.width_mm,
            size_mm.height_mm,
        )),
        FrameItem::Line { to, stroke } => {
            let half = stroke.width_mm / 2.0;
            Some(RectMm::new(
                at.x_mm.min(to.x_mm) - half,
                at.y_mm.min(to.y_mm) - half,
                (at.x_mm - to.x_mm).abs() + 2.0 * half,
                (at.y_mm - to.y_mm).abs() + 2.0 * half,
            ))
        }
        FrameItem::Cells { cell_mm, cells, .. } => {
            let columns = cells.iter().map(|(column, _)| *column).max()? + 1;
            let rows = cells.iter().map(|(_, row)| *row).max()? + 1;
            Some(RectMm::new(
                at.x_mm,
                at.y_mm,
                f32::from(columns) * cell_mm,
                f32::from(rows) * cell_mm,
            ))
        }
    }
}

/// Whether two rectangles share some area (touching edges do not count).
fn overlaps(a: &RectMm, b: &RectMm) -> bool {
    a.x_mm < b.right_mm()
        && b.x_mm < a.right_mm()
        && a.y_mm < b.bottom_mm()
        && b.y_mm < a.bottom_mm()
}

/// The board for toner saving: every solid band across the board (a header or footer band:
/// a filled rectangle at least 90 % of the board wide and under 40 % of it high, in a colour
/// that is not near white) becomes its outline, and light text on it takes the band's colour.
pub fn toner_saving_page(page: &Page) -> Page {
    let is_band = |at: &PointMm, item: &FrameItem| -> Option<(RectMm, Rgb)> {
        let FrameItem::Rect {
            size_mm,
            fill: Some(fill),
            ..
        } = item
        else {
            return None;
        };
        let band = size_mm.width_mm >= 0.9 * page.size_mm.width_mm
            && size_mm.height_mm < 0.4 * page.size_mm.height_mm
            && luminance(*fill) < 0.85;
        band.then(|| {
            (
                RectMm::new(at.x_mm, at.y_mm, size_mm.width_mm, size_mm.height_mm),
                *fill,
            )
        })
    };
    let bands: Vec<(RectMm, Rgb)> = page
        .items
        .iter()
        .filter_map(|(at, item)| is_band(at, item))
        .collect();
    let items = page
        .items
        .iter()
        .map(|(at, item)| {
            if let Some((rect, color)) = is_band(at, item) {
                let width_mm = (0.004 * rect.height_mm).clamp(0.5, 3.0);
                return (
                    *at,
                    FrameItem::Rect {
                        size_mm: SizeMm::new(rect.width_mm, rect.height_mm),
                        fill: None,
                        stroke: Some(Stroke { width_mm, color }),
                    },
                );
            }
            if let FrameItem::Text(run) = item
                && luminance(run.color) >= 0.75
                && let Some((_, color)) = bands.iter().find(|(rect, _)| {
                    at.x_mm >= rect.x_mm
                        && at.x_mm <= rect.right_mm()
                        && at.y_mm >= rect.y_mm
                        && at.y_mm <= rect.bottom_mm()
                })
            {
                let mut run = run.clone();
                run.color = *color;
                return (*at, FrameItem::Text(run));
            }
            (*at, item.clone())
        })
        .collect();
    Page {
        size_mm: page.size_mm,
        items,
    }
}

/// Relative luminance, 0 (black) to 1 (white).
fn luminance(color: Rgb) -> f32 {
    (0.2126 * f32::from(color.0) + 0.7152 * f32::from(color.1) + 0.0722 * f32::from(color.2))
        / 255.0
}

/// The tiled sheets: an overview first, then the tiles row by row (blank ones left out when
/// the options say so).
pub fn tile_sheets(
    fonts: &FontSet,
    board: Rc<Page>,
    board_name: &str,
    options: &TileOptions,
) -> Result<Vec<Sheet>, ImposeError> {
    let board = if options.toner_saving {
        Rc::new(toner_saving_page(&board))
    } else {
        board
    };
    let grid = tile_grid(board.size_mm, options)?;
    let blank = if options.skip_blank {
        blank_tiles(&board, &grid)
    } else {
        Vec::new()
    };
    let total = grid.sheet_count() - blank.len() as u32;
    let mut sheets = vec![overview_sheet(
        fonts,
        &board,
        board_name,
        &grid,
        options.paper,
        &blank,
    )];
    let mut number = 0;
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            if blank.contains(&(row, column)) {
                continue;
            }
            number += 1;
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

/// "按实际大小打印，勿缩放", or the reduction of a board fitted to N×M sheets.
fn scale_note(grid: &TileGrid) -> String {
    if grid.scale < 0.999 {
        format!("已缩小为 {:.0}%，打印时勿再缩放", grid.scale * 100.0)
    } else {
        "按实际大小打印，勿缩放".to_owned()
    }
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
        scale: grid.scale,
        clip_mm: Some(on_sheet),
    });
    let mut items = tile_marks(grid, on_sheet, row, column);
    let baseline = on_sheet.bottom_mm() + TILE_LABEL_BAND_MM - 2.0;
    let text = format!(
        "{}　{}　第 {} 张，共 {} 张　{}",
        tile_name(row, column),
        board_name,
        number,
        total,
        scale_note(grid)
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
    blank: &[(u32, u32)],
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
    // The overview shows the board at `scale`; the grid's windows are in board mm × grid.scale.
    let to_overview = scale / grid.scale;
    let blank_fill = Rgb(0xee, 0xee, 0xee);
    for row in 0..grid.rows {
        for column in 0..grid.columns {
            let window = grid.window(row, column);
            let x = origin.x_mm + window.x_mm * to_overview;
            let y = origin.y_mm + window.y_mm * to_overview;
            let width = (window.width_mm * to_overview)
                .min(origin.x_mm + board.size_mm.width_mm * scale - x);
            let height = (window.height_mm * to_overview)
                .min(origin.y_mm + board.size_mm.height_mm * scale - y);
            if blank.contains(&(row, column)) {
                items.push((
                    PointMm::new(x, y),
                    FrameItem::Rect {
                        size_mm: SizeMm::new(width, height),
                        fill: Some(blank_fill),
                        stroke: None,
                    },
                ));
                let note_pt = (width.min(height) * 0.12).clamp(4.0, 9.0);
                items.push(label(
                    fonts,
                    note_pt,
                    BLANK_TILE_NOTE,
                    x + 1.5,
                    y + height / 2.0 + note_pt * 0.18,
                ));
            }
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
    let skipped = if blank.is_empty() {
        String::new()
    } else {
        format!("（另 {} 张{}）", blank.len(), BLANK_TILE_NOTE)
    };
    let title = format!(
        "{board_name}　拼贴总览：{} 行 × {} 列，共 {} 张 {}（{}）{skipped}，重叠 {} 毫米",
        grid.rows,
        grid.columns,
        grid.sheet_count() as usize - blank.len(),
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
        &format!(
            "{}。裁去每张的左边和上边，对齐虚线粘贴在前一张上。",
            scale_note(grid)
        ),
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
