//! Imposition: where laid-out pages go on output sheets, and the marks and labels around them.
//!
//! - board: one sheet at true size (or 1:N), TrimBox = the board, optional bleed and crop marks;
//! - tiles: the board at 100 % on A4/A3 sheets with overlap, labels, cut/glue marks, and an
//!   overview sheet first;
//! - cards: N-up with bleed, crop marks outside every card, backs ordered for long-edge duplex.

use super::label::label;
use super::writer::{Placement, Sheet};
use crate::fonts::FontSet;
use crate::layout::{FrameItem, Page, PointMm, Stroke};
use crate::model::{RectMm, Rgb, SizeMm};
use std::rc::Rc;

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
fn board_margin_mm(options: &BoardOptions) -> f32 {
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

fn grow(rect: RectMm, by_mm: f32) -> RectMm {
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
const TILE_LABEL_BAND_MM: f32 = 8.0;

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

fn grid_for(board_mm: SizeMm, paper: Paper, landscape: bool, overlap_mm: f32) -> TileGrid {
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

fn tile_sheet(
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
fn tile_marks(
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

fn dashed_vertical(x: f32, from: f32, to: f32, stroke: Stroke) -> Vec<(PointMm, FrameItem)> {
    dashes(from, to)
        .map(|(start, end)| stroked_line(x, start, x, end, stroke))
        .collect()
}

fn dashed_horizontal(y: f32, from: f32, to: f32, stroke: Stroke) -> Vec<(PointMm, FrameItem)> {
    dashes(from, to)
        .map(|(start, end)| stroked_line(start, y, end, y, stroke))
        .collect()
}

/// 3 mm dashes with 2 mm gaps from `from` to `to`.
fn dashes(from: f32, to: f32) -> impl Iterator<Item = (f32, f32)> {
    let count = ((to - from) / 5.0).ceil().max(0.0) as usize;
    (0..count).map(move |index| {
        let start = from + index as f32 * 5.0;
        (start, (start + 3.0).min(to))
    })
}

/// The whole board shrunk onto one sheet with the grid of tiles and their names.
fn overview_sheet(
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

/// Crop marks of N-up cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CardMarks {
    /// Short marks in the gutters and margins next to each trim line.
    #[default]
    Gutter,
    /// Lines along every trim line across the whole sheet, broken around the cards.
    FullLength,
}

/// Options of the N-up card export.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardOptions {
    pub paper: Paper,
    pub bleed_mm: f32,
    /// Space between the bleed boxes of neighbouring cards.
    pub gutter_mm: f32,
    pub marks: CardMarks,
}

impl Default for CardOptions {
    fn default() -> Self {
        CardOptions {
            paper: Paper::A4,
            bleed_mm: 3.0,
            gutter_mm: 4.0,
            marks: CardMarks::Gutter,
        }
    }
}

/// How many cards fit and where.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CardGrid {
    pub sheet_mm: SizeMm,
    pub landscape: bool,
    pub columns: u32,
    pub rows: u32,
    pub card_mm: SizeMm,
    pub bleed_mm: f32,
    pub gutter_mm: f32,
    /// Top-left of the first card's trim.
    first_trim_mm: PointMm,
}

impl CardGrid {
    pub fn per_sheet(&self) -> u32 {
        self.columns * self.rows
    }

    /// The trim of slot (row, column) on the sheet.
    pub fn trim(&self, row: u32, column: u32) -> RectMm {
        let pitch_x = self.card_mm.width_mm + 2.0 * self.bleed_mm + self.gutter_mm;
        let pitch_y = self.card_mm.height_mm + 2.0 * self.bleed_mm + self.gutter_mm;
        RectMm::new(
            self.first_trim_mm.x_mm + column as f32 * pitch_x,
            self.first_trim_mm.y_mm + row as f32 * pitch_y,
            self.card_mm.width_mm,
            self.card_mm.height_mm,
        )
    }

    /// The slot a card's back takes on the back of the sheet when the sheet turns over its
    /// long edge: columns mirror on a portrait sheet, rows on a landscape one.
    pub fn back_slot(&self, row: u32, column: u32) -> (u32, u32) {
        if self.landscape {
            (self.rows - 1 - row, column)
        } else {
            (row, self.columns - 1 - column)
        }
    }
}

fn card_grid_for(card_mm: SizeMm, options: &CardOptions, landscape: bool) -> CardGrid {
    let sheet_mm = options.paper.oriented(landscape);
    let cell_w = card_mm.width_mm + 2.0 * options.bleed_mm;
    let cell_h = card_mm.height_mm + 2.0 * options.bleed_mm;
    let usable_w = sheet_mm.width_mm - 2.0 * PRINTER_MARGIN_MM;
    let usable_h = sheet_mm.height_mm - 2.0 * PRINTER_MARGIN_MM;
    let fit = |usable: f32, cell: f32| {
        ((usable + options.gutter_mm) / (cell + options.gutter_mm))
            .floor()
            .max(0.0) as u32
    };
    let columns = fit(usable_w, cell_w);
    let rows = fit(usable_h, cell_h);
    let used_w = columns as f32 * (cell_w + options.gutter_mm) - options.gutter_mm;
    let used_h = rows as f32 * (cell_h + options.gutter_mm) - options.gutter_mm;
    // Centred, so mirrored slots of the back coincide with the front's.
    let first_trim_mm = PointMm::new(
        (sheet_mm.width_mm - used_w) / 2.0 + options.bleed_mm,
        (sheet_mm.height_mm - used_h) / 2.0 + options.bleed_mm,
    );
    CardGrid {
        sheet_mm,
        landscape,
        columns,
        rows,
        card_mm,
        bleed_mm: options.bleed_mm,
        gutter_mm: options.gutter_mm,
        first_trim_mm,
    }
}

/// The orientation that fits the most cards (portrait on a tie).
pub fn card_grid(card_mm: SizeMm, options: &CardOptions) -> Result<CardGrid, ImposeError> {
    let portrait = card_grid_for(card_mm, options, false);
    let landscape = card_grid_for(card_mm, options, true);
    let best = if landscape.per_sheet() > portrait.per_sheet() {
        landscape
    } else {
        portrait
    };
    if best.per_sheet() == 0 {
        return Err(ImposeError::CardTooLarge {
            width_mm: card_mm.width_mm + 2.0 * options.bleed_mm,
            height_mm: card_mm.height_mm + 2.0 * options.bleed_mm,
            paper: options.paper.name(),
        });
    }
    Ok(best)
}

/// Cards N-up: for each sheet of fronts, the sheet of their backs right after it (when backs
/// are given, one per front), each back behind its front for long-edge duplex printing.
pub fn card_sheets(
    fronts: &[Rc<Page>],
    backs: Option<&[Rc<Page>]>,
    card_mm: SizeMm,
    options: &CardOptions,
) -> Result<Vec<Sheet>, ImposeError> {
    let grid = card_grid(card_mm, options)?;
    let per_sheet = grid.per_sheet() as usize;
    let mut sheets = Vec::new();
    for (chunk_index, chunk) in fronts.chunks(per_sheet).enumerate() {
        let slots: Vec<(u32, u32)> = (0..chunk.len() as u32)
            .map(|index| (index / grid.columns, index % grid.columns))
            .collect();
        sheets.push(card_sheet(
            &grid,
            chunk.iter().zip(slots.iter().copied()),
            options,
        ));
        if let Some(backs) = backs {
            let start = chunk_index * per_sheet;
            let back_pages = backs.iter().skip(start).take(chunk.len());
            let back_slots = slots
                .iter()
                .map(|(row, column)| grid.back_slot(*row, *column));
            sheets.push(card_sheet(&grid, back_pages.zip(back_slots), options));
        }
    }
    Ok(sheets)
}

fn card_sheet<'a>(
    grid: &CardGrid,
    cards: impl Iterator<Item = (&'a Rc<Page>, (u32, u32))>,
    options: &CardOptions,
) -> Sheet {
    let mut sheet = Sheet::new(grid.sheet_mm);
    for (page, (row, column)) in cards {
        let trim = grid.trim(row, column);
        let bleed = grow(trim, grid.bleed_mm);
        sheet.placements.push(Placement {
            page: Rc::new(extend_edge_fills(page, grid.bleed_mm)),
            origin_mm: PointMm::new(trim.x_mm, trim.y_mm),
            scale: 1.0,
            clip_mm: Some(bleed),
        });
    }
    sheet
        .placements
        .push(overlay(grid.sheet_mm, card_marks(grid, options.marks)));
    sheet
}

/// Marks along every trim line, never inside any card's bleed box.
fn card_marks(grid: &CardGrid, style: CardMarks) -> Vec<(PointMm, FrameItem)> {
    let clearance = 0.5;
    let all: Vec<RectMm> = (0..grid.rows)
        .flat_map(|row| (0..grid.columns).map(move |column| (row, column)))
        .map(|(row, column)| grow(grid.trim(row, column), grid.bleed_mm + clearance))
        .collect();
    let first = grid.trim(0, 0);
    let last = grid.trim(grid.rows.saturating_sub(1), grid.columns.saturating_sub(1));
    let reach = match style {
        CardMarks::Gutter => grid.bleed_mm + MARK_OFFSET_MM + MARK_LENGTH_MM,
        CardMarks::FullLength => f32::INFINITY,
    };
    let x_range = (
        (first.x_mm - reach).max(PRINTER_MARGIN_MM),
        (last.right_mm() + reach).min(grid.sheet_mm.width_mm - PRINTER_MARGIN_MM),
    );
    let y_range = (
        (first.y_mm - reach).max(PRINTER_MARGIN_MM),
        (last.bottom_mm() + reach).min(grid.sheet_mm.height_mm - PRINTER_MARGIN_MM),
    );
    let mut xs: Vec<f32> = (0..grid.columns)
        .flat_map(|column| {
            let trim = grid.trim(0, column);
            [trim.x_mm, trim.right_mm()]
        })
        .collect();
    let mut ys: Vec<f32> = (0..grid.rows)
        .flat_map(|row| {
            let trim = grid.trim(row, 0);
            [trim.y_mm, trim.bottom_mm()]
        })
        .collect();
    xs.dedup();
    ys.dedup();
    let mut marks = Vec::new();
    for x in xs {
        let blocked: Vec<(f32, f32)> = all
            .iter()
            .filter(|rect| rect.x_mm <= x && x <= rect.right_mm())
            .map(|rect| (rect.y_mm, rect.bottom_mm()))
            .collect();
        for (from, to) in free_segments(y_range, &blocked) {
            marks.push(line(x, from, x, to));
        }
    }
    for y in ys {
        let blocked: Vec<(f32, f32)> = all
            .iter()
            .filter(|rect| rect.y_mm <= y && y <= rect.bottom_mm())
            .map(|rect| (rect.x_mm, rect.right_mm()))
            .collect();
        for (from, to) in free_segments(x_range, &blocked) {
            marks.push(line(from, y, to, y));
        }
    }
    marks
}

/// The parts of `range` not covered by any of `blocked`, longer than 1 mm.
fn free_segments(range: (f32, f32), blocked: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut blocked = blocked.to_vec();
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut segments = Vec::new();
    let mut cursor = range.0;
    for (start, end) in blocked {
        if start > cursor {
            segments.push((cursor, start.min(range.1)));
        }
        cursor = cursor.max(end);
    }
    if cursor < range.1 {
        segments.push((cursor, range.1));
    }
    segments.retain(|(from, to)| to - from > 1.0);
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_names_are_row_letter_and_column_number() {
        assert_eq!(tile_name(0, 0), "A1");
        assert_eq!(tile_name(1, 2), "B3");
    }

    #[test]
    fn free_segments_skip_the_blocked_parts() {
        let segments = free_segments((0.0, 100.0), &[(10.0, 40.0), (44.0, 90.0)]);
        assert_eq!(segments, vec![(0.0, 10.0), (40.0, 44.0), (90.0, 100.0)]);
    }

    #[test]
    fn huge_boards_get_the_smallest_whole_scale_that_fits() {
        assert_eq!(fitting_scale_denominator(SizeMm::new(2400.0, 1200.0), 1), 1);
        assert_eq!(fitting_scale_denominator(SizeMm::new(6000.0, 2200.0), 1), 2);
        assert_eq!(fitting_scale_denominator(SizeMm::new(6000.0, 2200.0), 4), 4);
    }
}
