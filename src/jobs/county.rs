//! A county checks all its villages: every project file in a folder (and its subfolders, but
//! not inside publish archives) checked as `gongkai check` checks one, summed up in one row per
//! project — 单位, boards, 逾期, 内容过期, 未脱敏个人信息, 溢出, 缺字 — in parallel on every core.

use super::check::export_check;
use crate::layout::LayoutEngine;
use crate::model::load_project;
use crate::schedule::{Status, project_schedule};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One project's row of the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectSummary {
    pub path: PathBuf,
    /// 单位名称 (empty when the file could not be read).
    pub unit: String,
    pub boards: usize,
    pub overdue: usize,
    pub stale: usize,
    pub personal_data: usize,
    pub overflows: usize,
    pub missing_glyphs: usize,
    /// Why the file could not be read, if it could not.
    pub unreadable: Option<String>,
}

impl ProjectSummary {
    /// Something here needs the clerk: late or stale items, unmasked personal numbers, text that
    /// does not fit, missing characters, or a file that cannot be read.
    pub fn needs_action(&self) -> bool {
        self.unreadable.is_some()
            || self.overdue + self.stale + self.personal_data + self.overflows + self.missing_glyphs
                > 0
    }
}

/// The project files under `dir`, sorted: `*.gongkai.json`, not in hidden folders nor in
/// publish archives (`…-archive/`, which hold snapshots of published projects).
pub fn project_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            let name = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            if path.is_dir() {
                if !name.starts_with('.') && !name.ends_with("-archive") {
                    pending.push(path);
                }
            } else if name.ends_with(".gongkai.json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Checks every project file under `dir` on `today`, on all cores; rows in file order.
pub fn check_folder(dir: &Path, today: NaiveDate) -> std::io::Result<Vec<ProjectSummary>> {
    let files = project_files(dir)?;
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    let next = AtomicUsize::new(0);
    let rows = Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                // Each project gets its own fonts in `export_check` (`use_project_fonts`).
                let mut engine = LayoutEngine::for_project(&crate::model::Project::default());
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(path) = files.get(index) else {
                        break;
                    };
                    let row = summarize(&mut engine, path, today);
                    if let Ok(mut rows) = rows.lock() {
                        rows.push((index, row));
                    }
                }
            });
        }
    });
    let mut rows = rows.into_inner().unwrap_or_default();
    rows.sort_by_key(|(index, _)| *index);
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

/// One project's row.
pub fn summarize(engine: &mut LayoutEngine, path: &Path, today: NaiveDate) -> ProjectSummary {
    let project = match load_project(path) {
        Ok(project) => project,
        Err(error) => {
            return ProjectSummary {
                path: path.to_path_buf(),
                unreadable: Some(error.to_string()),
                ..ProjectSummary::default()
            };
        }
    };
    let schedule = project_schedule(&project, today);
    let count = |status: Status| schedule.iter().filter(|row| row.status == status).count();
    let problems = export_check(engine, &project, path.parent());
    ProjectSummary {
        path: path.to_path_buf(),
        unit: project.meta.unit_name.clone(),
        boards: project.boards.len(),
        overdue: count(Status::Overdue),
        stale: count(Status::Stale),
        personal_data: problems.personal_data,
        overflows: problems.overflows,
        missing_glyphs: problems.missing_glyphs,
        unreadable: None,
    }
}

/// How the county CSV starts (after its byte-order mark): an existing file is replaced only
/// when it starts so (`crate::fileio::check_output`).
pub const SUMMARY_CSV_HEADER: &str = "项目文件,单位,公开栏";

const COLUMNS_ZH: [&str; 9] = [
    "项目文件",
    "单位",
    "公开栏",
    "逾期",
    "内容过期",
    "未脱敏个人信息",
    "溢出",
    "缺字",
    "需处理",
];

fn row_cells(row: &ProjectSummary, dir: &Path) -> [String; 9] {
    let file = row
        .path
        .strip_prefix(dir)
        .unwrap_or(&row.path)
        .display()
        .to_string();
    let unit = match &row.unreadable {
        Some(reason) => format!("（无法读取：{}）", cut(reason, 160)),
        None => row.unit.clone(),
    };
    [
        file,
        unit,
        row.boards.to_string(),
        row.overdue.to_string(),
        row.stale.to_string(),
        row.personal_data.to_string(),
        row.overflows.to_string(),
        row.missing_glyphs.to_string(),
        if row.needs_action() { "是" } else { "否" }.to_owned(),
    ]
}

fn cut(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max_chars).collect();
    format!("{kept}…")
}

/// The summary as text lines: a header, one tab-separated row per project, and the totals.
pub fn summary_lines(rows: &[ProjectSummary], dir: &Path) -> Vec<String> {
    let mut lines = vec![COLUMNS_ZH.join("\t")];
    lines.extend(rows.iter().map(|row| row_cells(row, dir).join("\t")));
    let needing = rows.iter().filter(|row| row.needs_action()).count();
    let total = |field: fn(&ProjectSummary) -> usize| rows.iter().map(field).sum::<usize>();
    lines.push(format!(
        "共 {} 个项目，{} 个需要处理：逾期 {} 项，内容过期 {} 项，未脱敏个人信息 {} 处，溢出 {} 处，缺字 {} 处。",
        rows.len(),
        needing,
        total(|row| row.overdue),
        total(|row| row.stale),
        total(|row| row.personal_data),
        total(|row| row.overflows),
        total(|row| row.missing_glyphs),
    ));
    lines
}

/// The summary as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends.
pub fn summary_csv(rows: &[ProjectSummary], dir: &Path) -> String {
    let mut csv = String::from("\u{feff}");
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|cell| csv_cell(cell))
            .collect::<Vec<_>>()
            .join(",")
    };
    csv.push_str(&line(&COLUMNS_ZH.map(String::from)));
    csv.push_str("\r\n");
    for row in rows {
        csv.push_str(&line(&row_cells(row, dir)));
        csv.push_str("\r\n");
    }
    csv
}

/// One CSV cell, safe for spreadsheets (OWASP, CSV injection): a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read by Excel/WPS as a formula, so it gets a
/// leading `'` (shown as text, the formula never runs) and is quoted; quotes are doubled.
fn csv_cell(cell: &str) -> String {
    let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if formula_like {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if formula_like || cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
        assert_eq!(csv_cell("青禾镇"), "青禾镇");
        assert_eq!(csv_cell("=1+2"), "\"'=1+2\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"点我\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""
        );
        for lead in ["+", "-", "@", "\t", "\r"] {
            let cell = format!("{lead}SUM(A1)");
            assert!(csv_cell(&cell).starts_with("\"'"), "{cell:?}");
        }
        assert_eq!(csv_cell("3"), "3");
    }

    #[test]
    fn the_header_the_output_guard_knows_is_the_one_written() {
        let csv = summary_csv(&[], Path::new("."));
        assert!(
            csv.starts_with(&format!("\u{feff}{SUMMARY_CSV_HEADER}")),
            "{csv}"
        );
    }
}
