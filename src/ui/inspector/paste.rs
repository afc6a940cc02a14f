//! Paste import: cells copied from Excel/WPS (rows by line, cells by tab) become a table.

use crate::model::Table;

/// Parses cells copied from Excel/WPS: rows by line, cells by tab; a cell in double quotes
/// may hold tabs, line breaks and doubled quotes (`""`), as Excel and WPS copy them. Blank
/// rows are left out; cells are trimmed.
pub fn parse_tab_separated(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    let finish_row = |row: &mut Vec<String>, rows: &mut Vec<Vec<String>>| {
        if row.iter().any(|cell| !cell.trim().is_empty()) {
            rows.push(row.iter().map(|cell| cell.trim().to_owned()).collect());
        }
        row.clear();
    };
    while let Some(ch) = chars.next() {
        if quoted {
            match ch {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                _ => cell.push(ch),
            }
            continue;
        }
        match ch {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                finish_row(&mut row, &mut rows);
                at_cell_start = true;
            }
            _ => {
                cell.push(ch);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        finish_row(&mut row, &mut rows);
    }
    rows
}

/// Replaces a table with pasted cells: the first row becomes the header.
pub fn table_from_pasted(text: &str) -> Option<Table> {
    let mut rows = parse_tab_separated(text);
    if rows.is_empty() {
        return None;
    }
    let columns = rows.remove(0);
    let width = rows
        .iter()
        .map(Vec::len)
        .chain([columns.len()])
        .max()
        .unwrap_or(0);
    let pad = |mut row: Vec<String>| {
        row.resize(width, String::new());
        row
    };
    let mut table = Table {
        columns: pad(columns),
        rows: rows.into_iter().map(pad).collect(),
        column_kinds: Vec::new(),
        total_row: false,
    };
    // A 合计/总计/小计 row pasted from WPS or Excel prints as the total row.
    table.total_row = table.last_row_is_total();
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_pasted_from_a_spreadsheet_become_a_table() {
        let pasted = "项目\t金额\r\n办公费\t1,234.56\r\n差旅费\r\n\r\n";
        let table = table_from_pasted(pasted).expect("table");
        assert_eq!(table.columns, vec!["项目", "金额"]);
        assert_eq!(
            table.rows,
            vec![
                vec!["办公费".to_owned(), "1,234.56".to_owned()],
                vec!["差旅费".to_owned(), String::new()]
            ]
        );
        assert!(table_from_pasted("\n \n").is_none());
        assert!(!table.total_row);
        let with_total =
            table_from_pasted("项目\t金额\n办公费\t100\n合　计\t100\n").expect("table");
        assert!(with_total.total_row, "a 合计 row pasted is the total row");
    }

    #[test]
    fn quoted_cells_keep_line_breaks_tabs_and_quotes() {
        let pasted =
            "户主\t备注\r\n王桂兰\t\"第一行\r\n第二行\"\r\n李建国\t\"说\"\"好\"\"\ta\"\r\n";
        assert_eq!(
            parse_tab_separated(pasted),
            vec![
                vec!["户主".to_owned(), "备注".to_owned()],
                vec!["王桂兰".to_owned(), "第一行\n第二行".to_owned()],
                vec!["李建国".to_owned(), "说\"好\"\ta".to_owned()],
            ]
        );
        assert_eq!(
            parse_tab_separated("a\tb"),
            vec![vec!["a".to_owned(), "b".to_owned()]]
        );
    }
}
