//! What changed between the rows of an earlier import and a fresh read: rows added, removed
//! and changed, matched by a key column (the first whose values are unique and filled on
//! both sides), or by position when no column is such a key.

use std::collections::{HashMap, HashSet};

/// The difference between two row lists of the same columns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowDiff {
    /// Rows in the new data only (their index in the new rows).
    pub added: Vec<usize>,
    /// Rows in the old data only (their index in the old rows).
    pub removed: Vec<usize>,
    /// (old index, new index) of rows present in both whose cells differ.
    pub changed: Vec<(usize, usize)>,
    /// The key column's index, if one was found.
    pub key: Option<usize>,
    /// The columns differ (names or order).
    pub columns_changed: bool,
    /// The 合计 row differs (set by the caller, which tells the 合计 row apart from the rows).
    pub total_changed: bool,
}

impl RowDiff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && !self.columns_changed
            && !self.total_changed
    }

    /// A one-line summary for the clerk.
    pub fn summary_zh(&self) -> String {
        if self.is_empty() {
            return "源文件的数据没有变化。".to_owned();
        }
        let mut text = format!(
            "新增 {} 行，删除 {} 行，修改 {} 行",
            self.added.len(),
            self.removed.len(),
            self.changed.len()
        );
        if self.columns_changed {
            text.push_str("，列有变化");
        }
        if self.total_changed {
            text.push_str("，合计行有变化");
        }
        text.push('。');
        text
    }
}

fn unique_key(rows: &[Vec<String>], column: usize) -> bool {
    let mut seen = HashSet::with_capacity(rows.len());
    rows.iter().all(|row| {
        let value = row.get(column).map(|v| v.trim()).unwrap_or_default();
        !value.is_empty() && seen.insert(value)
    })
}

/// Compares `old` rows with `new` rows (same columns: `old_columns`, `new_columns`).
pub fn diff_rows(
    old_columns: &[String],
    old: &[Vec<String>],
    new_columns: &[String],
    new: &[Vec<String>],
) -> RowDiff {
    let mut diff = RowDiff {
        columns_changed: old_columns != new_columns,
        ..RowDiff::default()
    };
    let width = old_columns.len().min(new_columns.len());
    let key = (0..width)
        .find(|&c| old_columns[c] == new_columns[c] && unique_key(old, c) && unique_key(new, c));
    diff.key = key;
    match key {
        Some(key) => {
            let new_by_key: HashMap<&str, usize> = new
                .iter()
                .enumerate()
                .map(|(i, row)| (row[key].trim(), i))
                .collect();
            let mut matched = vec![false; new.len()];
            for (i, row) in old.iter().enumerate() {
                match new_by_key.get(row[key].trim()) {
                    Some(&j) => {
                        matched[j] = true;
                        if new[j] != *row {
                            diff.changed.push((i, j));
                        }
                    }
                    None => diff.removed.push(i),
                }
            }
            diff.added = (0..new.len()).filter(|&j| !matched[j]).collect();
        }
        None => {
            let common = old.len().min(new.len());
            diff.changed = (0..common)
                .filter(|&i| old[i] != new[i])
                .map(|i| (i, i))
                .collect();
            diff.removed = (common..old.len()).collect();
            diff.added = (common..new.len()).collect();
        }
    }
    diff
}
