//! THE place where cells of a file join a [`Grid`]: every reader (xlsx, xls, ods, CSV) hands
//! its cells here one by one, so the caps hold for all of them — filled cells, columns, one
//! cell's text — and a file's claims (a `<dimension>`, a far cell) never size anything: only
//! the rows and cells really there take memory. Work is linear in the cells read.

use super::{Grid, ImportError};
use std::path::Path;

/// Filled cells in one sheet above this are refused (50,000 rows of 40 columns).
pub const MAX_CELLS: usize = 2_000_000;
/// A filled cell right of this column is refused.
pub const MAX_COLUMNS: usize = 500;
/// One cell holding more characters than this is refused (Excel's own limit).
pub const MAX_CELL_CHARS: usize = 32_767;
/// A row below this is refused (Excel's last row).
pub const MAX_ROW_NUMBER: usize = 1_048_576;

/// The spreadsheet name of a column counted from 0: A, B, …, Z, AA, …, XFD.
pub fn column_name(column: usize) -> String {
    let mut name = Vec::new();
    let mut rest = column + 1;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        name.push(b'A' + digit as u8);
        rest = (rest - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A cell's name, row and column counted from 0: `B7`.
pub fn cell_name(row: usize, column: usize) -> String {
    format!("{}{}", column_name(column), row + 1)
}

pub(super) struct GridBuilder<'p> {
    path: &'p Path,
    rows: Vec<Vec<String>>,
    cells: usize,
    nul_cells: Vec<String>,
    nul_count: usize,
}

impl<'p> GridBuilder<'p> {
    pub fn new(path: &'p Path) -> Self {
        Self {
            path,
            rows: Vec::new(),
            cells: 0,
            nul_cells: Vec::new(),
            nul_count: 0,
        }
    }

    fn limit(&self, what: String, figure: String, limit: String) -> ImportError {
        ImportError::Limit {
            path: self.path.display().to_string(),
            what,
            figure,
            limit,
        }
    }

    /// Puts the shown text of the cell at (`row`, `column`), counted from 0. Empty text is
    /// skipped (it takes no memory, wherever it claims to be).
    pub fn put(&mut self, row: usize, column: usize, text: String) -> Result<(), ImportError> {
        if text.is_empty() {
            return Ok(());
        }
        if column >= MAX_COLUMNS {
            return Err(self.limit(
                format!("第 {} 列（{}）有内容", column + 1, cell_name(row, column)),
                format!("共 {} 列以上", column + 1),
                format!("{MAX_COLUMNS} 列"),
            ));
        }
        if row >= MAX_ROW_NUMBER {
            return Err(self.limit(
                format!("第 {} 行有内容", row + 1),
                format!("{} 行", row + 1),
                format!("{MAX_ROW_NUMBER} 行"),
            ));
        }
        if text.len() > MAX_CELL_CHARS {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(self.limit(
                    format!("单元格 {} 的文字", cell_name(row, column)),
                    format!("{chars} 个字"),
                    format!("{MAX_CELL_CHARS} 个字"),
                ));
            }
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(self.limit(
                "有内容的单元格".to_owned(),
                format!("超过 {MAX_CELLS} 个"),
                format!("{MAX_CELLS} 个"),
            ));
        }
        let text = if text.contains('\0') {
            self.nul_count += text.matches('\0').count();
            if self.nul_cells.len() < 3 {
                self.nul_cells.push(cell_name(row, column));
            }
            text.replace('\0', "")
        } else {
            text
        };
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }

    /// The grid, with a warning for removed NUL characters.
    pub fn finish(self, mut grid: Grid) -> Grid {
        if self.nul_count > 0 {
            grid.warnings.push(format!(
                "文件中有 {} 个空字符（NUL，如单元格 {}），已删除。",
                self.nul_count,
                self.nul_cells.join("、")
            ));
        }
        grid.rows = self.rows;
        grid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn a_far_cell_is_refused_by_its_column_and_empty_ones_take_nothing() {
        let path = Path::new("远.xlsx");
        let mut builder = GridBuilder::new(path);
        builder.put(0, 0, "户主".into()).expect("A1");
        builder
            .put(1_048_575, 16_383, String::new())
            .expect("empty");
        let error = builder
            .put(1_048_575, 16_383, "x".into())
            .expect_err("XFD1048576");
        assert_eq!(
            error.to_string(),
            "文件 远.xlsx 第 16384 列（XFD1048576）有内容：共 16384 列以上，超过上限 500 列。请检查文件（删去多余的行列）或拆分后分别导入。"
        );
        let grid = builder.finish(Grid::default());
        assert_eq!(grid.rows, [["户主"]]);
    }

    #[test]
    fn nul_characters_are_removed_and_said() {
        let mut builder = GridBuilder::new(Path::new("a.csv"));
        builder.put(2, 1, "王\0桂兰".into()).expect("put");
        let grid = builder.finish(Grid::default());
        assert_eq!(grid.rows[2][1], "王桂兰");
        assert_eq!(
            grid.warnings,
            ["文件中有 1 个空字符（NUL，如单元格 B3），已删除。"]
        );
    }
}
