//! Paste import: cells copied from Excel/WPS (rows by line, cells by tab) become a table.

use crate::model::Table;

/// Parses cells copied from Excel/WPS: rows by line, cells by tab.
pub fn parse_tab_separated(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            line.split('\t')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
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
    Some(Table {
        columns: pad(columns),
        rows: rows.into_iter().map(pad).collect(),
        column_kinds: Vec::new(),
    })
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
    }
}
