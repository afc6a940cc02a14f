//! Presets for boards made of parts: the glass-door cabinets (橱窗) and KT boards (展板) that
//! towns and villages mount, offered in the board inspector.

use crate::model::{Board, BoardParts, Edit, SizeMm, resize_with_panels};

/// A common division of a board into parts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PartsPreset {
    pub name: &'static str,
    pub columns: u32,
    pub rows: u32,
    pub bar_mm: f32,
    /// KT boards come in a fixed size: the board becomes as wide as the parts and bars.
    /// None: the board keeps its size and is divided (a cabinet's doors).
    pub part_size_mm: Option<SizeMm>,
}

pub const PARTS_PRESETS: [PartsPreset; 5] = [
    PartsPreset {
        name: "2 门橱窗（边框 30 毫米）",
        columns: 2,
        rows: 1,
        bar_mm: 30.0,
        part_size_mm: None,
    },
    PartsPreset {
        name: "3 门橱窗（边框 30 毫米）",
        columns: 3,
        rows: 1,
        bar_mm: 30.0,
        part_size_mm: None,
    },
    PartsPreset {
        name: "4 门橱窗（边框 30 毫米）",
        columns: 4,
        rows: 1,
        bar_mm: 30.0,
        part_size_mm: None,
    },
    PartsPreset {
        name: "3 块展板 1200×2400（铝条 20 毫米）",
        columns: 3,
        rows: 1,
        bar_mm: 20.0,
        part_size_mm: Some(SizeMm::new(1200.0, 2400.0)),
    },
    PartsPreset {
        name: "4 块展板 1200×2400（铝条 20 毫米）",
        columns: 4,
        rows: 1,
        bar_mm: 20.0,
        part_size_mm: Some(SizeMm::new(1200.0, 2400.0)),
    },
];

impl PartsPreset {
    pub fn parts(&self) -> BoardParts {
        BoardParts::equal(self.columns, self.rows, self.bar_mm)
    }

    /// The board's size with this preset.
    pub fn board_size_mm(&self, board: &Board) -> SizeMm {
        match self.part_size_mm {
            Some(part) => SizeMm::new(
                part.width_mm * self.columns as f32 + self.bar_mm * (self.columns - 1) as f32,
                part.height_mm * self.rows as f32 + self.bar_mm * (self.rows - 1) as f32,
            ),
            None => board.size_mm,
        }
    }

    /// Whether the board is divided as this preset divides it.
    pub fn matches(&self, board: &Board) -> bool {
        board.parts.as_ref() == Some(&self.parts()) && board.size_mm == self.board_size_mm(board)
    }

    /// One batch: the board resized (panels scaled along) when the parts have a fixed size,
    /// then divided.
    pub fn edit(&self, board: &Board) -> Edit {
        let size_mm = self.board_size_mm(board);
        let mut edits = if size_mm == board.size_mm {
            Vec::new()
        } else {
            resize_with_panels(board, size_mm)
        };
        edits.push(Edit::SetBoardParts {
            board_id: board.id.clone(),
            parts: Some(self.parts()),
        });
        Edit::Batch(edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kt_boards_set_the_board_size_cabinets_keep_it() {
        let board = Board {
            id: "b".into(),
            size_mm: SizeMm::new(2400.0, 1200.0),
            ..Board::default()
        };
        assert_eq!(PARTS_PRESETS[1].board_size_mm(&board), board.size_mm);
        assert_eq!(
            PARTS_PRESETS[4].board_size_mm(&board),
            SizeMm::new(4860.0, 2400.0)
        );
        let mut project = crate::model::Project {
            boards: vec![board],
            ..Default::default()
        };
        let edit = PARTS_PRESETS[4].edit(&project.boards[0]);
        project.apply(edit).expect("preset");
        assert!(PARTS_PRESETS[4].matches(&project.boards[0]));
        let parts = project.boards[0].part_rects();
        assert_eq!(parts[3].rect_mm.width_mm, 1200.0);
    }
}
