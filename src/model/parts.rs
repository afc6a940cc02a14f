//! Boards made of several physical parts (分块): the doors of a glass-door cabinet (橱窗) or
//! KT boards (展板) mounted side by side, with frame bars (边框) between them. The clerk designs
//! the wall as one board; each part is printed on its own, and whatever lies under a bar is
//! lost. [`BoardParts`] divides a board into columns × rows of parts; [`Part`] and [`Bar`] are
//! the rectangles that division gives, in board millimetres.

use super::{Board, Edit, Finding, RectMm, Severity, SizeMm};
use serde::{Deserialize, Serialize};

/// Limits of a division into parts.
pub const MAX_PART_COLUMNS: u32 = 12;
pub const MAX_PART_ROWS: u32 = 6;
pub const MAX_BAR_MM: f32 = 200.0;
/// A part narrower or lower than this is a typing error, not a door.
pub const MIN_PART_SIDE_MM: f32 = 50.0;

/// How a board is divided into parts: columns × rows with a bar between neighbours.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardParts {
    pub columns: u32,
    pub rows: u32,
    /// The width of each frame bar between two parts.
    pub bar_mm: f32,
    /// The width of each column, left to right, when typed (empty: equal parts). When they do
    /// not add up to the board's width (with the bars), they are taken as proportions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub column_widths_mm: Vec<f32>,
}

impl Default for BoardParts {
    fn default() -> Self {
        BoardParts::equal(1, 1, 0.0)
    }
}

/// One part of a board, numbered from 1 left to right, then top to bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub number: usize,
    pub column: u32,
    pub row: u32,
    pub rect_mm: RectMm,
}

/// A frame bar between parts: vertical between two columns, horizontal between two rows,
/// across the whole board.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub rect_mm: RectMm,
    pub vertical: bool,
    /// "第 1、2 块之间的边框".
    pub name: String,
}

impl BoardParts {
    /// Equal parts.
    pub fn equal(columns: u32, rows: u32, bar_mm: f32) -> BoardParts {
        BoardParts {
            columns,
            rows,
            bar_mm,
            column_widths_mm: Vec::new(),
        }
    }

    pub fn count(&self) -> usize {
        (self.columns.max(1) * self.rows.max(1)) as usize
    }

    /// More than one part.
    pub fn is_divided(&self) -> bool {
        self.count() > 1
    }

    /// The width of each column on a board `board_width_mm` wide.
    pub fn column_widths(&self, board_width_mm: f32) -> Vec<f32> {
        let columns = self.columns.max(1) as usize;
        let room_mm = board_width_mm - self.bar_mm * (columns - 1) as f32;
        let typed = &self.column_widths_mm;
        let typed_sum: f32 = typed.iter().sum();
        if typed.len() == columns && typed.iter().all(|w| *w > 0.0) && typed_sum > 0.0 {
            typed.iter().map(|w| w * room_mm / typed_sum).collect()
        } else {
            vec![room_mm / columns as f32; columns]
        }
    }

    /// The typed widths add up to the board's width with the bars (within 0.5 mm).
    pub fn typed_widths_fit(&self, board_width_mm: f32) -> bool {
        let columns = self.columns.max(1) as usize;
        self.column_widths_mm.is_empty()
            || (self.column_widths_mm.len() == columns
                && (self.column_widths_mm.iter().sum::<f32>() + self.bar_mm * (columns - 1) as f32
                    - board_width_mm)
                    .abs()
                    <= 0.5)
    }

    fn row_height(&self, board_height_mm: f32) -> f32 {
        let rows = self.rows.max(1);
        (board_height_mm - self.bar_mm * (rows - 1) as f32) / rows as f32
    }

    /// The parts, numbered left to right, then top to bottom.
    pub fn parts(&self, size_mm: SizeMm) -> Vec<Part> {
        let widths = self.column_widths(size_mm.width_mm);
        let height_mm = self.row_height(size_mm.height_mm);
        let mut parts = Vec::new();
        for row in 0..self.rows.max(1) {
            let y_mm = row as f32 * (height_mm + self.bar_mm);
            let mut x_mm = 0.0;
            for (column, width_mm) in widths.iter().enumerate() {
                parts.push(Part {
                    number: parts.len() + 1,
                    column: column as u32,
                    row,
                    rect_mm: RectMm::new(x_mm, y_mm, *width_mm, height_mm),
                });
                x_mm += width_mm + self.bar_mm;
            }
        }
        parts
    }

    /// The bars between the parts: vertical ones left to right, then horizontal ones top to
    /// bottom. None when the bars are 0 mm wide (parts butt against each other: the seam is
    /// still a line nothing should cross, see [`BoardParts::seams`]).
    pub fn bars(&self, size_mm: SizeMm) -> Vec<Bar> {
        let columns = self.columns.max(1);
        let rows = self.rows.max(1);
        let widths = self.column_widths(size_mm.width_mm);
        let height_mm = self.row_height(size_mm.height_mm);
        let mut bars = Vec::new();
        let mut x_mm = 0.0;
        for column in 0..columns.saturating_sub(1) {
            x_mm += widths[column as usize];
            let name = if rows == 1 {
                format!("第 {}、{} 块之间的边框", column + 1, column + 2)
            } else {
                format!("第 {}、{} 列之间的竖框", column + 1, column + 2)
            };
            bars.push(Bar {
                rect_mm: RectMm::new(x_mm, 0.0, self.bar_mm, size_mm.height_mm),
                vertical: true,
                name,
            });
            x_mm += self.bar_mm;
        }
        for row in 0..rows.saturating_sub(1) {
            let y_mm = (row + 1) as f32 * height_mm + row as f32 * self.bar_mm;
            let name = if columns == 1 {
                format!("第 {}、{} 块之间的边框", row + 1, row + 2)
            } else {
                format!("第 {}、{} 行之间的横框", row + 1, row + 2)
            };
            bars.push(Bar {
                rect_mm: RectMm::new(0.0, y_mm, size_mm.width_mm, self.bar_mm),
                vertical: false,
                name,
            });
        }
        bars
    }

    /// Where a part is, as the print shop and the clerk read it: "第 2 块 共 3 块（从左到右）".
    pub fn part_label(&self, part: &Part) -> String {
        let total = self.count();
        if self.rows.max(1) == 1 {
            format!("第 {} 块 共 {total} 块（从左到右）", part.number)
        } else if self.columns.max(1) == 1 {
            format!("第 {} 块 共 {total} 块（从上到下）", part.number)
        } else {
            format!(
                "第 {} 块 共 {total} 块（第 {} 行第 {} 列，从左上角数起）",
                part.number,
                part.row + 1,
                part.column + 1
            )
        }
    }

    /// What is wrong with the division on a board of `size_mm`, as sentences for the clerk.
    pub fn problems(&self, size_mm: SizeMm) -> Vec<String> {
        let mut problems = Vec::new();
        if !(1..=MAX_PART_COLUMNS).contains(&self.columns) {
            problems.push(format!(
                "分块列数应在 1 到 {MAX_PART_COLUMNS} 之间，现为 {}",
                self.columns
            ));
        }
        if !(1..=MAX_PART_ROWS).contains(&self.rows) {
            problems.push(format!(
                "分块行数应在 1 到 {MAX_PART_ROWS} 之间，现为 {}",
                self.rows
            ));
        }
        if !self.bar_mm.is_finite() || !(0.0..=MAX_BAR_MM).contains(&self.bar_mm) {
            problems.push(format!(
                "边框宽度应在 0 到 {MAX_BAR_MM} 毫米之间，现为 {}",
                self.bar_mm
            ));
        }
        if self
            .column_widths_mm
            .iter()
            .any(|width| !width.is_finite() || *width <= 0.0)
        {
            problems.push("各列宽度都应大于 0 毫米".to_owned());
        }
        if !problems.is_empty() {
            return problems;
        }
        if !self.column_widths_mm.is_empty() && self.column_widths_mm.len() != self.columns as usize
        {
            problems.push(format!(
                "填了 {} 个列宽，但分成 {} 列",
                self.column_widths_mm.len(),
                self.columns
            ));
        }
        let small = self.parts(size_mm).into_iter().any(|part| {
            part.rect_mm.width_mm < MIN_PART_SIDE_MM || part.rect_mm.height_mm < MIN_PART_SIDE_MM
        });
        if small {
            problems.push(format!(
                "分块后有的块不到 {MIN_PART_SIDE_MM} 毫米：请减少块数或边框宽度"
            ));
        }
        problems
    }

    /// A warning when typed column widths do not add up to the board's width.
    pub fn width_warning(&self, size_mm: SizeMm) -> Option<String> {
        (self.column_widths_mm.len() == self.columns as usize
            && !self.typed_widths_fit(size_mm.width_mm))
        .then(|| {
            format!(
                "各列宽度加边框共 {:.0} 毫米，与公开栏宽度 {:.0} 毫米不符，已按比例分配",
                self.column_widths_mm.iter().sum::<f32>()
                    + self.bar_mm * self.columns.saturating_sub(1) as f32,
                size_mm.width_mm
            )
        })
    }
}

impl Board {
    /// The board's division into parts, when it has more than one part.
    pub fn divided_parts(&self) -> Option<&BoardParts> {
        self.parts.as_ref().filter(|parts| parts.is_divided())
    }

    /// The parts of the board (none when it is one piece).
    pub fn part_rects(&self) -> Vec<Part> {
        self.divided_parts()
            .map(|parts| parts.parts(self.size_mm))
            .unwrap_or_default()
    }

    /// The frame bars of the board (none when it is one piece).
    pub fn bar_rects(&self) -> Vec<Bar> {
        self.divided_parts()
            .map(|parts| parts.bars(self.size_mm))
            .unwrap_or_default()
    }
}

/// The edits that resize a board to `size_mm` with its panels scaled along (so a sample board
/// stretched to a wider cabinet keeps its design). Apply them as one batch.
pub fn resize_with_panels(board: &Board, size_mm: SizeMm) -> Vec<Edit> {
    let scale_x = size_mm.width_mm / board.size_mm.width_mm;
    let scale_y = size_mm.height_mm / board.size_mm.height_mm;
    let mut edits = vec![Edit::ResizeBoard {
        board_id: board.id.clone(),
        size_mm,
    }];
    if !(scale_x.is_finite() && scale_y.is_finite()) {
        return edits;
    }
    for panel in &board.panels {
        let rect = panel.rect_mm;
        edits.push(Edit::SetPanelRect {
            board_id: board.id.clone(),
            panel_id: panel.id.clone(),
            rect_mm: RectMm::new(
                rect.x_mm * scale_x,
                rect.y_mm * scale_y,
                rect.width_mm * scale_x,
                rect.height_mm * scale_y,
            ),
        });
    }
    edits
}

/// Findings about the division of each board (part of `check_project`).
pub(super) fn check_parts(boards: &[Board]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (index, board) in boards.iter().enumerate() {
        let Some(parts) = &board.parts else {
            continue;
        };
        let errors = parts.problems(board.size_mm);
        let warning = parts.width_warning(board.size_mm);
        let errors = errors.into_iter().map(|message| (Severity::Error, message));
        for (severity, message) in errors.chain(warning.map(|m| (Severity::Warning, m))) {
            findings.push(Finding {
                severity,
                code: "board-parts",
                location: format!("boards[{index}].parts"),
                message,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_doors_with_30_mm_bars_are_1180_wide() {
        let parts = BoardParts::equal(3, 1, 30.0);
        let size = SizeMm::new(3600.0, 1200.0);
        let rects: Vec<RectMm> = parts.parts(size).iter().map(|p| p.rect_mm).collect();
        assert_eq!(
            rects,
            vec![
                RectMm::new(0.0, 0.0, 1180.0, 1200.0),
                RectMm::new(1210.0, 0.0, 1180.0, 1200.0),
                RectMm::new(2420.0, 0.0, 1180.0, 1200.0),
            ]
        );
        let bars = parts.bars(size);
        assert_eq!(bars.len(), 2);
        assert_eq!(bars[0].rect_mm, RectMm::new(1180.0, 0.0, 30.0, 1200.0));
        assert_eq!(bars[1].name, "第 2、3 块之间的边框");
        assert_eq!(
            parts.part_label(&parts.parts(size)[1]),
            "第 2 块 共 3 块（从左到右）"
        );
        assert!(parts.problems(size).is_empty());
    }

    #[test]
    fn typed_widths_and_rows() {
        let parts = BoardParts {
            columns: 2,
            rows: 2,
            bar_mm: 20.0,
            column_widths_mm: vec![1000.0, 1380.0],
        };
        let size = SizeMm::new(2400.0, 1220.0);
        let rects: Vec<RectMm> = parts.parts(size).iter().map(|p| p.rect_mm).collect();
        assert_eq!(rects[1], RectMm::new(1020.0, 0.0, 1380.0, 600.0));
        assert_eq!(rects[2], RectMm::new(0.0, 620.0, 1000.0, 600.0));
        let bars = parts.bars(size);
        assert_eq!(bars[1].rect_mm, RectMm::new(0.0, 600.0, 2400.0, 20.0));
        assert_eq!(bars[1].name, "第 1、2 行之间的横框");
        assert!(parts.problems(size).is_empty());
        let too_wide = SizeMm::new(3000.0, 1220.0);
        assert!(parts.problems(too_wide).is_empty());
        assert!(
            parts
                .width_warning(too_wide)
                .expect("warning")
                .contains("按比例")
        );
        assert!((parts.column_widths(3000.0).iter().sum::<f32>() - 2980.0).abs() < 0.01);
    }

    #[test]
    fn nonsense_is_reported() {
        let size = SizeMm::new(2400.0, 1200.0);
        assert!(!BoardParts::equal(0, 1, 30.0).problems(size).is_empty());
        assert!(!BoardParts::equal(3, 1, f32::NAN).problems(size).is_empty());
        assert!(!BoardParts::equal(12, 1, 200.0).problems(size).is_empty());
    }
}
