//! The archive (台账) of each publication: a folder next to the project file,
//! `<name>-archive/<YYYY-MM-DD>/`, holding the project as published (a loadable
//! `.gongkai.json`), each board as the print shop gets it (true size, 对内 items left out)
//! and the 自查情况表 of that day: what was on the wall, and where the schedule stood.
//! Writing the same day's archive again replaces its files: harmless.

use super::report::{created_on, render_report, self_check_document};
use super::scope::external_view;
use crate::fonts::FontSet;
use crate::layout::LayoutEngine;
use crate::model::{Project, write_atomically};
use crate::pdf::{ExportMode, ExportRequest, export_project};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What went into an archive folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    pub dir: PathBuf,
    /// The files written, the project snapshot first, then the board PDFs and the report.
    pub files: Vec<PathBuf>,
    /// What the clerk should know about the PDFs (a board with overflowing text was archived
    /// as it prints; a board that could not be exported at all).
    pub notes: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("无法创建存档文件夹 {path}：{detail}")]
    CreateDir { path: PathBuf, detail: String },
    #[error("无法写入存档文件 {path}：{detail}")]
    Write { path: PathBuf, detail: String },
}

/// The project's name: its file name without ".gongkai.json" (or another extension).
pub fn project_name(project_path: &Path) -> String {
    let file_name = project_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(stem) = file_name.strip_suffix(".gongkai.json") {
        return stem.to_owned();
    }
    project_path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".to_owned())
}

/// `<folder of the project>/<name>-archive/<YYYY-MM-DD>/`.
pub fn archive_dir(project_path: &Path, date: NaiveDate) -> PathBuf {
    let folder = project_path.parent().unwrap_or(Path::new(""));
    folder
        .join(format!("{}-archive", project_name(project_path)))
        .join(date.format("%Y-%m-%d").to_string())
}

/// Writes the archive of a publication on `date` for the project saved at `project_path`.
pub fn write_archive(
    project: &Project,
    project_path: &Path,
    date: NaiveDate,
) -> Result<Archive, ArchiveError> {
    let dir = archive_dir(project_path, date);
    std::fs::create_dir_all(&dir).map_err(|error| ArchiveError::CreateDir {
        path: dir.clone(),
        detail: error.to_string(),
    })?;
    let snapshot = dir.join(format!("{}.gongkai.json", project_name(project_path)));
    let write_error = |path: &Path, detail: String| ArchiveError::Write {
        path: path.to_owned(),
        detail,
    };
    let mut json = serde_json::to_string_pretty(project)
        .map_err(|error| write_error(&snapshot, error.to_string()))?;
    json.push('\n');
    write_atomically(&snapshot, json.as_bytes(), false)
        .map_err(|detail| write_error(&snapshot, detail))?;
    let mut files = vec![snapshot];
    let exports = archive_exports(project, project_path, &dir, date)?;
    files.extend(exports.files);
    Ok(Archive {
        dir,
        files,
        notes: exports.notes,
    })
}

/// The PDFs written into an archive folder.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchivedPdfs {
    pub files: Vec<PathBuf>,
    pub notes: Vec<String>,
}

/// The file name of a board's PDF in the archive: "公开栏-<name>.pdf", with characters that
/// file systems refuse replaced.
pub fn board_pdf_name(board_name: &str) -> String {
    let name: String = board_name
        .chars()
        .map(|ch| match ch {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            ch if ch.is_control() => '_',
            ch => ch,
        })
        .collect();
    format!("公开栏-{}.pdf", name.trim())
}

pub const SELF_CHECK_PDF: &str = "自查情况表.pdf";

/// THE place where the exported PDFs join the archive: every board of the external view at
/// true size, and the 自查情况表 on `date`. Problems in a board (overflowing text, missing
/// characters) do not stop the archive: the board is written as it prints and noted.
fn archive_exports(
    project: &Project,
    project_path: &Path,
    dir: &Path,
    date: NaiveDate,
) -> Result<ArchivedPdfs, ArchiveError> {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    engine.set_base_dir(project_path.parent().map(Path::to_path_buf));
    let mut archived = ArchivedPdfs::default();
    let external = external_view(project).project;
    for board in &external.boards {
        let request = ExportRequest {
            mode: ExportMode::Board,
            board: Some(board.id.clone()),
            created: created_on(date),
            ..ExportRequest::default()
        };
        match export_project(&mut engine, &external, &request) {
            Ok(exported) => {
                let path = dir.join(board_pdf_name(&board.name));
                write_pdf_file(&path, &exported.bytes)?;
                archived.files.push(path);
                archived.notes.extend(
                    exported.problems.iter().map(|problem| {
                        format!("公开栏“{}”：{problem}（已照原样存档）", board.name)
                    }),
                );
            }
            Err(error) => archived
                .notes
                .push(format!("公开栏“{}”未能导出 PDF：{error}", board.name)),
        }
    }
    let document = self_check_document(project, date);
    match render_report(&mut engine, &document, created_on(date)) {
        Ok(report) => {
            let path = dir.join(SELF_CHECK_PDF);
            write_pdf_file(&path, &report.bytes)?;
            archived.files.push(path);
            archived.notes.extend(
                report
                    .problems
                    .iter()
                    .map(|problem| format!("自查情况表：{problem}")),
            );
        }
        Err(error) => archived.notes.push(format!("自查情况表未能生成：{error}")),
    }
    Ok(archived)
}

fn write_pdf_file(path: &Path, bytes: &[u8]) -> Result<(), ArchiveError> {
    write_atomically(path, bytes, false).map_err(|detail| ArchiveError::Write {
        path: path.to_owned(),
        detail,
    })
}
