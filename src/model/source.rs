//! Linked data sources: the spreadsheet or CSV file a table block or a card design's records
//! were imported from, so that "从源文件更新" can re-read it and `check` can tell when it
//! changed on disk or is gone.

use serde::{Deserialize, Serialize};

/// What an import filled.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum SourceTarget {
    /// The (first) table block of the item with this id.
    Table(String),
    /// The records of the card design with this id.
    Cards(String),
}

/// A file data was imported from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DataSource {
    pub target: SourceTarget,
    /// Relative to the project file's folder when the file is inside it; else absolute.
    pub path: String,
    /// The sheet (workbooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The header row, counted from 1.
    pub header_row: usize,
    /// The columns kept, in order (empty: all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The file's content hash at the import (16 hex digits).
    pub hash: String,
}
