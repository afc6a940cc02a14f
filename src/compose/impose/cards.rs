//! Cards N-up with bleed, crop marks outside every card (gutter or full-length), backs
//! ordered for long-edge duplex.

use super::board::{extend_edge_fills, grow};
use super::{ImposeError, MARK_LENGTH_MM, MARK_OFFSET_MM, PRINTER_MARGIN_MM, Paper, line, overlay};
use crate::compose::{Placement, Sheet};
use crate::layout::{FrameItem, Page, PointMm};
use crate::model::{RectMm, SizeMm};
use std::rc::Rc;

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
    pub(super) first_trim_mm: PointMm,
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

pub(super) fn card_grid_for(card_mm: SizeMm, options: &CardOptions, landscape: bool) -> CardGrid {
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
    let mut extended = ExtendedFaces::new();
    // The same marks on every sheet: one page, which the PDF draws once (a form).
    let marks = overlay(grid.sheet_mm, card_marks(&grid, options.marks));
    for (chunk_index, chunk) in fronts.chunks(per_sheet).enumerate() {
        let slots: Vec<(u32, u32)> = (0..chunk.len() as u32)
            .map(|index| (index / grid.columns, index % grid.columns))
            .collect();
        sheets.push(card_sheet(
            &grid,
            chunk.iter().zip(slots.iter().copied()),
            &marks,
            &mut extended,
        ));
        if let Some(backs) = backs {
            let start = chunk_index * per_sheet;
            let back_pages = backs.iter().skip(start).take(chunk.len());
            let back_slots = slots
                .iter()
                .map(|(row, column)| grid.back_slot(*row, *column));
            sheets.push(card_sheet(
                &grid,
                back_pages.zip(back_slots),
                &marks,
                &mut extended,
            ));
        }
    }
    Ok(sheets)
}

/// Each face with its edge fills extended into the bleed, once per face (a face placed many
/// times stays one page).
type ExtendedFaces = std::collections::HashMap<*const Page, Rc<Page>>;

/// One sheet of cards: each face at its slot, clipped to its bleed, then the sheet's `marks`.
pub(super) fn card_sheet<'a>(
    grid: &CardGrid,
    cards: impl Iterator<Item = (&'a Rc<Page>, (u32, u32))>,
    marks: &Placement,
    extended: &mut ExtendedFaces,
) -> Sheet {
    let mut sheet = Sheet::new(grid.sheet_mm);
    for (page, (row, column)) in cards {
        let trim = grid.trim(row, column);
        let bleed = grow(trim, grid.bleed_mm);
        sheet.placements.push(Placement {
            page: Rc::clone(
                extended
                    .entry(Rc::as_ptr(page))
                    .or_insert_with(|| Rc::new(extend_edge_fills(page, grid.bleed_mm))),
            ),
            origin_mm: PointMm::new(trim.x_mm, trim.y_mm),
            scale: 1.0,
            clip_mm: Some(bleed),
        });
    }
    sheet.placements.push(marks.clone());
    sheet
}

/// Marks along every trim line, never inside any card's bleed box.
pub(super) fn card_marks(grid: &CardGrid, style: CardMarks) -> Vec<(PointMm, FrameItem)> {
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
pub(super) fn free_segments(range: (f32, f32), blocked: &[(f32, f32)]) -> Vec<(f32, f32)> {
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
    fn free_segments_skip_the_blocked_parts() {
        let segments = free_segments((0.0, 100.0), &[(10.0, 40.0), (44.0, 90.0)]);
        assert_eq!(segments, vec![(0.0, 10.0), (40.0, 44.0), (90.0, 100.0)]);
    }
}
