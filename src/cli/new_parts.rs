//! `gongkai new … --board-size WxH --parts CxR --bar MM`: the new project's first board at the
//! size asked for (a template's panels scaled with it) and divided into parts (doors of a
//! cabinet, KT boards side by side).

use crate::catalog::divide_new_board;
use crate::model::{BoardParts, Edit, Project, SizeMm, resize_with_panels};

/// The parts options of `gongkai new`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct PartsArgs {
    /// 分块：列x行，如 3x1 为三门橱窗 (parts: columns x rows).
    #[arg(long, value_name = "CxR", value_parser = parse_grid)]
    pub parts: Option<(u32, u32)>,
    /// 块与块之间边框的宽度（毫米），默认 30 (the frame bar between parts in mm).
    #[arg(long, value_name = "MM", requires = "parts")]
    pub bar: Option<f32>,
}

/// The bar between parts when `--bar` is not given.
pub const DEFAULT_BAR_MM: f32 = 30.0;

fn pair(text: &str) -> Option<(&str, &str)> {
    text.split_once(['x', 'X', '×', '*'])
}

fn parse_grid(text: &str) -> Result<(u32, u32), String> {
    pair(text)
        .and_then(|(columns, rows)| Some((columns.trim().parse().ok()?, rows.trim().parse().ok()?)))
        .ok_or_else(|| format!("“{text}”不是分块：请写成 列x行，如 3x1"))
}

impl PartsArgs {
    /// Resizes the first board to `size_mm` when the template made it another size (its panels
    /// scaled with it) and divides it into parts, its panels moved so that none crosses a bar; the message says what is wrong
    /// when it cannot.
    pub fn apply(&self, project: &mut Project, size_mm: Option<SizeMm>) -> Result<(), String> {
        let board_size = size_mm.filter(|size| {
            project
                .boards
                .first()
                .is_some_and(|board| board.size_mm != *size)
        });
        if board_size.is_none() && self.parts.is_none() {
            return Ok(());
        }
        let Some(board) = project.boards.first() else {
            return Err("模板中没有公开栏".to_owned());
        };
        let board_id = board.id.clone();
        if let Some(size_mm) = board_size {
            let resize = resize_with_panels(board, size_mm);
            project
                .apply(Edit::Batch(resize))
                .map_err(|error| error.to_string())?;
        }
        let Some((columns, rows)) = self.parts else {
            return Ok(());
        };
        // Divided, then the template's panels dealt out over the parts: none crosses a bar.
        let divide = Edit::SetBoardParts {
            board_id,
            parts: Some(BoardParts::equal(
                columns,
                rows,
                self.bar.unwrap_or(DEFAULT_BAR_MM),
            )),
        };
        divide_new_board(project, divide).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_parse() {
        assert_eq!(parse_grid("3x1"), Ok((3, 1)));
        assert!(parse_grid("three").is_err());
    }
}
