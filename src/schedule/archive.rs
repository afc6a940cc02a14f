//! The archive (台账) of each publication: a folder next to the project file,
//! `<name>-archive/<YYYY-MM-DD>/`, holding the project as published (a loadable
//! `.gongkai.json`) and, once the PDF module is in, the exported PDFs.
//! Writing the same day's archive again replaces its files: harmless.

use crate::model::{Project, write_atomically};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// What went into an archive folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    pub dir: PathBuf,
    /// The files written, the project snapshot first.
    pub files: Vec<PathBuf>,
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
    files.extend(archive_exports(project, &dir)?);
    Ok(Archive { dir, files })
}

/// THE place where the exported PDFs join the archive (board, tiles, registers, cards), once
/// the `pdf` module lands: export each into `dir` and return the paths written.
/// Until then the archive holds the project snapshot only.
fn archive_exports(_project: &Project, _dir: &Path) -> Result<Vec<PathBuf>, ArchiveError> {
    Ok(Vec::new())
}
