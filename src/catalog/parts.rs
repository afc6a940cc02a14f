//! Presets for boards made of parts: the glass-door cabinets (橱窗) and KT boards (展板) that
//! towns and villages mount, offered in the board inspector.

use crate::model::{
    Board, BoardParts, Edit, EditError, Project, RectMm, SizeMm, resize_with_panels,
};
use std::collections::BTreeMap;

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

/// Room kept between a panel and a frame bar, and between two panels in one part.
const PANEL_GAP_MM: f32 = 15.0;

/// The parts presets a template offers when a project is created (文件 → 新建): a village's or
/// community's board is often a three-door cabinet or three KT boards, one door to each of its
/// three columns (an even number of parts would put a bar under the centred title). The town
/// sample is not offered them: its twelve full panels, narrowed by the bars, overflow (two
/// panels at 3 doors); `gongkai new --template town --parts 3x1` still divides it.
pub fn template_parts_presets(kind: super::TemplateKind) -> Vec<PartsPreset> {
    use super::TemplateKind;
    match kind {
        TemplateKind::Village | TemplateKind::Community => PARTS_PRESETS
            .into_iter()
            .filter(|preset| preset.columns == 3 && preset.rows == 1)
            .collect(),
        TemplateKind::Town | TemplateKind::ServiceGuide | TemplateKind::Blank => Vec::new(),
    }
}

/// The edits that deal a new board's panels out over its parts, so that none crosses a bar:
/// each panel of a row (panels with the same top edge) goes to the column of parts nearest its
/// centre; the panels of one part share its width in
/// proportion to their widths, keep the board's side margins at the outer edges and
/// [`PANEL_GAP_MM`] from the bars and from each other. Their heights do not change.
pub fn fit_panels_to_parts(board: &Board) -> Vec<Edit> {
    let columns: Vec<RectMm> = board
        .part_rects()
        .into_iter()
        .filter(|part| part.row == 0)
        .map(|part| part.rect_mm)
        .collect();
    if columns.len() < 2 {
        return Vec::new();
    }
    let mut rows: BTreeMap<i64, Vec<(String, RectMm)>> = BTreeMap::new();
    for panel in &board.panels {
        let key = (panel.rect_mm.y_mm * 2.0).round() as i64;
        rows.entry(key)
            .or_default()
            .push((panel.id.clone(), panel.rect_mm));
    }
    let last = columns.len() - 1;
    let mut edits = Vec::new();
    for row in rows.values_mut() {
        row.sort_by(|a, b| a.1.x_mm.total_cmp(&b.1.x_mm));
        // Each panel goes to the part nearest its centre: it keeps about its place and width.
        let mut in_column: Vec<Vec<(String, RectMm)>> = vec![Vec::new(); columns.len()];
        for panel in row.iter() {
            let centre_mm = panel.1.x_mm + panel.1.width_mm / 2.0;
            let distance = |part: &RectMm| {
                (part.x_mm - centre_mm)
                    .max(centre_mm - part.right_mm())
                    .max(0.0)
            };
            let nearest = (0..columns.len())
                .min_by(|a, b| distance(&columns[*a]).total_cmp(&distance(&columns[*b])))
                .unwrap_or(0);
            in_column[nearest].push(panel.clone());
        }
        for (column, panels) in in_column.iter().enumerate() {
            if panels.is_empty() {
                continue;
            }
            let part = columns[column];
            let left_mm = part.x_mm
                + if column == 0 {
                    board.margins_mm.left_mm
                } else {
                    PANEL_GAP_MM
                };
            let right_mm = part.right_mm()
                - if column == last {
                    board.margins_mm.right_mm
                } else {
                    PANEL_GAP_MM
                };
            let room_mm = right_mm - left_mm - PANEL_GAP_MM * (panels.len() - 1) as f32;
            let total_mm: f32 = panels.iter().map(|(_, rect)| rect.width_mm).sum();
            let mut x_mm = left_mm;
            for (index, (panel_id, rect)) in panels.iter().enumerate() {
                let width_mm = if index + 1 == panels.len() {
                    right_mm - x_mm
                } else {
                    room_mm * rect.width_mm / total_mm
                };
                edits.push(Edit::SetPanelRect {
                    board_id: board.id.clone(),
                    panel_id: panel_id.clone(),
                    rect_mm: RectMm::new(x_mm, rect.y_mm, width_mm, rect.height_mm),
                });
                x_mm += width_mm + PANEL_GAP_MM;
            }
        }
    }
    edits
}

/// A new project's first board divided by `divide` (the edit a preset or `--parts` makes),
/// its panels then dealt out over the parts ([`fit_panels_to_parts`]).
pub fn divide_new_board(project: &mut Project, divide: Edit) -> Result<(), EditError> {
    project.apply(divide)?;
    let Some(board) = project.boards.first() else {
        return Ok(());
    };
    let fit = fit_panels_to_parts(board);
    if fit.is_empty() {
        return Ok(());
    }
    project.apply(Edit::Batch(fit))
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

#[cfg(test)]
mod fit_tests {
    use super::*;
    use crate::catalog::{TemplateKind, TemplateOptions, project_from_template};

    #[test]
    fn the_village_columns_go_one_to_a_door() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let mut project =
            project_from_template(TemplateKind::Village, &TemplateOptions::new(today));
        let preset = template_parts_presets(TemplateKind::Village)[0];
        assert_eq!(preset.name, "3 门橱窗（边框 30 毫米）");
        let edit = preset.edit(&project.boards[0]);
        divide_new_board(&mut project, edit).expect("divide");
        let rects: Vec<RectMm> = project.boards[0]
            .panels
            .iter()
            .map(|panel| panel.rect_mm)
            .collect();
        let xs: Vec<(f32, f32)> = rects.iter().map(|r| (r.x_mm, r.right_mm())).collect();
        assert_eq!(xs, vec![(30.0, 765.0), (825.0, 1575.0), (1635.0, 2370.0)]);
    }
}
