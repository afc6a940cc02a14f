//! The archive (台账) of each publication: a folder next to the project file,
//! `<name>-archive/<YYYY-MM-DD>/`, holding the project as published (a loadable
//! `.gongkai.json`), each board as the print shop gets it (true size, 对内 items left out)
//! and the 自查情况表 of that day: what was on the wall, and where the schedule stood.
//! Writing the same day's archive again replaces its files: harmless.
//!
//! The pictures of image blocks go into the archive too, so the archived project exports the
//! same boards on another computer: a picture inside the project's folder keeps its path
//! relative to that folder inside the archive folder. A path outside the folder (absolute
//! elsewhere, "..", a link leading out) is never copied — a project file may name any file —
//! and neither is a file that is not a PNG or JPEG picture; both are reported, and the
//! designer copies pictures chosen from elsewhere into the project folder (`图片/`).
//!
//! Only a publication that stamped something is archived (see [`archive_publication`]).

use super::export::export_project;
use super::report::{created_on, render_report};
use crate::compose::{ExportMode, ExportRequest};
use crate::layout::LayoutEngine;
use crate::model::{Block, Project, io_error_zh, write_atomically};
use crate::schedule::{PublishOutcome, external_view, self_check_document};
use chrono::NaiveDate;
use std::collections::BTreeSet;
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
    /// The pictures copied into the archive folder, in project order.
    pub pictures: Vec<PathBuf>,
    /// The pictures that could not be copied: the archived project still names them where
    /// they were, so on another computer its boards show a grey box instead.
    pub pictures_not_copied: Vec<PictureNotCopied>,
}

/// A picture of the project that is missing from its archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PictureNotCopied {
    /// The path as the image block names it.
    pub block_path: String,
    /// Why, in Chinese (e.g. 找不到文件).
    pub reason: String,
}

impl PictureNotCopied {
    pub fn message(&self) -> String {
        format!(
            "图片“{}”未能复制到存档：{}。存档中的项目打开时此图片会缺失。",
            self.block_path, self.reason
        )
    }
}

/// Where a picture of the project goes in the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PicturePlan {
    /// The path as the image blocks name it.
    pub block_path: String,
    /// The file to copy.
    pub source: PathBuf,
    /// Its path relative to the archive folder (and to the project's folder), with "/"
    /// separators; the archived project's blocks name it so. Empty for a picture outside the
    /// project's folder: never copied.
    pub archived_as: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("无法创建存档文件夹 {path}：{detail}")]
    CreateDir { path: PathBuf, detail: String },
    #[error("无法写入存档文件 {path}：{detail}")]
    Write { path: PathBuf, detail: String },
}

/// The project's name as the archive names its folder and snapshot: the file name without
/// ".gongkai.json" (or another extension), through the privacy gate's file names (a personal
/// number in it masked).
pub fn project_name(project_path: &Path) -> String {
    let file_name = project_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = match file_name.strip_suffix(".gongkai.json") {
        Some(stem) => stem.to_owned(),
        None => project_path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| "project".to_owned()),
    };
    crate::jobs::file_name_for(&stem)
}

/// `<folder of the project>/<name>-archive/<YYYY-MM-DD>/`.
pub fn archive_dir(project_path: &Path, date: NaiveDate) -> PathBuf {
    let folder = project_path.parent().unwrap_or(Path::new(""));
    folder
        .join(format!("{}-archive", project_name(project_path)))
        .join(date.format("%Y-%m-%d").to_string())
}

/// The list of an archive's files, written last: an archive folder without it, or missing a
/// file it lists, is incomplete.
pub const MANIFEST: &str = "存档清单.txt";

/// The hidden sibling folders a write in progress uses: `.<date>.tmp-<pid>` (being written)
/// and `.<date>.old-<pid>` (the day's previous archive, while it is being replaced).
fn scratch_dir(final_dir: &Path, kind: &str) -> PathBuf {
    let date = final_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    final_dir.with_file_name(format!(".{date}.{kind}-{}", std::process::id()))
}

/// Removes what interrupted writes left beside the archive folders (`.<date>.tmp-…`,
/// `.<date>.old-…`).
fn remove_leftovers(archives: &Path) {
    let Ok(entries) = std::fs::read_dir(archives) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && (name.contains(".tmp-") || name.contains(".old-")) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Writes the archive of a publication on `date` for the project saved at `project_path`:
/// completely or not at all. Everything goes into a hidden temporary folder, the list of files
/// ([`MANIFEST`]) last, and the folder is then renamed to `<date>`; a process killed on the way
/// leaves no `<date>` folder (or the day's previous, complete one), never half of one.
pub fn write_archive(
    project: &Project,
    project_path: &Path,
    date: NaiveDate,
) -> Result<Archive, ArchiveError> {
    let dir = archive_dir(project_path, date);
    let archives = dir.parent().unwrap_or(Path::new("")).to_path_buf();
    let create_error = |path: &Path, error: std::io::Error| ArchiveError::CreateDir {
        path: path.to_owned(),
        detail: io_error_zh(&error),
    };
    std::fs::create_dir_all(&archives).map_err(|error| create_error(&archives, error))?;
    remove_leftovers(&archives);
    let work = scratch_dir(&dir, "tmp");
    std::fs::create_dir_all(&work).map_err(|error| create_error(&work, error))?;
    let written = write_archive_into(project, project_path, date, &work);
    let mut archive = match written {
        Ok(archive) => archive,
        Err(error) => {
            let _ = std::fs::remove_dir_all(&work);
            return Err(error);
        }
    };
    // The day's previous archive (publishing twice a day) steps aside, then the new one
    // takes its name in one rename.
    let old = scratch_dir(&dir, "old");
    let had_old = dir.exists();
    if had_old {
        std::fs::rename(&dir, &old).map_err(|error| create_error(&dir, error))?;
    }
    if let Err(error) = std::fs::rename(&work, &dir) {
        if had_old {
            let _ = std::fs::rename(&old, &dir);
        }
        let _ = std::fs::remove_dir_all(&work);
        return Err(create_error(&dir, error));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    let moved = |path: PathBuf| match path.strip_prefix(&work) {
        Ok(relative) => dir.join(relative),
        Err(_) => path,
    };
    archive.files = archive.files.into_iter().map(moved).collect();
    archive.pictures = archive.pictures.into_iter().map(moved).collect();
    archive.dir = dir;
    Ok(archive)
}

fn write_archive_into(
    project: &Project,
    project_path: &Path,
    date: NaiveDate,
    dir: &Path,
) -> Result<Archive, ArchiveError> {
    let plans = picture_plans(project, project_path.parent());
    let copied = copy_pictures(&plans, dir);
    let archived_project = with_archived_pictures(project, &plans, &copied.not_copied);
    let snapshot = dir.join(format!("{}.gongkai.json", project_name(project_path)));
    let write_error = |path: &Path, detail: String| ArchiveError::Write {
        path: path.to_owned(),
        detail,
    };
    let not_written =
        |path: &Path, error: crate::fileio::WriteError| write_error(path, error.reason());
    let mut json = serde_json::to_string_pretty(&archived_project)
        .map_err(|error| write_error(&snapshot, error.to_string()))?;
    json.push('\n');
    write_atomically(&snapshot, json.as_bytes(), false)
        .map_err(|error| not_written(&snapshot, error))?;
    let mut files = vec![snapshot];
    let exports = archive_exports(project, project_path, dir, date)?;
    files.extend(exports.files);
    let manifest = dir.join(MANIFEST);
    let listed: Vec<String> = files
        .iter()
        .chain(&copied.files)
        .filter_map(|path| path.strip_prefix(dir).ok())
        .map(|relative| relative.to_string_lossy().replace('\\', "/"))
        .collect();
    let mut text = format!("公开日期：{}\n", date.format("%Y-%m-%d"));
    for name in &listed {
        text.push_str(name);
        text.push('\n');
    }
    write_atomically(&manifest, text.as_bytes(), false)
        .map_err(|error| not_written(&manifest, error))?;
    Ok(Archive {
        dir: dir.to_path_buf(),
        files,
        notes: exports.notes,
        pictures: copied.files,
        pictures_not_copied: copied.not_copied,
    })
}

/// A list of an archive's files longer than this is not one the program wrote.
const MANIFEST_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// Why the archive of a publication on `date` is not complete; None when it is.
pub fn archive_incomplete(project_path: &Path, date: NaiveDate) -> Option<String> {
    let dir = archive_dir(project_path, date);
    if !dir.is_dir() {
        return Some("没有存档文件夹".to_owned());
    }
    let Ok(Some(text)) =
        crate::fileio::read_to_string_regular(&dir.join(MANIFEST), MANIFEST_MAX_BYTES)
    else {
        return Some(format!("缺少{MANIFEST}（存档未写完）"));
    };
    let missing: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|name| !name.trim().is_empty())
        .filter(|name| std::fs::metadata(dir.join(name)).map_or(true, |meta| meta.len() == 0))
        .collect();
    (!missing.is_empty()).then(|| format!("缺少文件 {}", missing.join("、")))
}

/// The days on which the project was published (its 台账), each once, oldest first.
fn publication_days(project: &Project) -> Vec<NaiveDate> {
    let days: BTreeSet<NaiveDate> = project
        .log
        .iter()
        .filter(|entry| entry.kind == crate::model::LogKind::Published)
        .filter_map(|entry| entry.date)
        .collect();
    days.into_iter().collect()
}

/// Every publication of the 台账 whose archive folder is missing or incomplete, as messages.
pub fn archive_problems(project: &Project, project_path: &Path) -> Vec<String> {
    publication_days(project)
        .into_iter()
        .filter_map(|date| {
            archive_incomplete(project_path, date).map(|why| {
                format!(
                    "{}的发布没有完整的存档（{}：{why}）。再次发布时（gongkai publish 或设计器中的“发布”）会补写。",
                    date.format("%Y年%-m月%-d日"),
                    archive_dir(project_path, date).display()
                )
            })
        })
        .collect()
}

/// THE place that decides whether a publication is archived: when it stamped or confirmed
/// something. Publishing again with nothing changed writes nothing (the last archive stays the
/// record) — except the archives of logged publications that are missing or incomplete (an
/// older version saved the 台账 entry first, and was stopped before the archive): each of them,
/// not only the latest, is rebuilt then from the project as it is, with a note.
///
/// Callers that save the project afterwards go through [`save_publication`] (or
/// [`archive_before_save`]), so the archive exists before its 台账 entry does.
pub fn archive_publication(
    outcome: &PublishOutcome,
    project: &Project,
    project_path: &Path,
) -> Result<Option<Archive>, ArchiveError> {
    if outcome.logged {
        return write_archive(project, project_path, outcome.date).map(Some);
    }
    let days = publication_days(project);
    let missing: Vec<NaiveDate> = days
        .iter()
        .copied()
        .filter(|day| archive_incomplete(project_path, *day).is_some())
        .collect();
    let latest = days.last().copied();
    let mut rebuilt: Option<Archive> = None;
    let mut notes = Vec::new();
    for day in missing {
        let archive = write_archive(project, project_path, day)?;
        notes.push(if Some(day) == latest {
            format!(
                "补写了{}发布的存档（上次未写完）。",
                day.format("%Y年%-m月%-d日")
            )
        } else {
            format!(
                "补写了{}发布的存档（按台账记录的日期，用项目当前的内容）。",
                day.format("%Y年%-m月%-d日")
            )
        });
        rebuilt = Some(archive);
    }
    Ok(rebuilt.map(|mut archive| {
        notes.extend(std::mem::take(&mut archive.notes));
        archive.notes = notes;
        archive
    }))
}

/// An archive written for a publication whose project is not saved yet: kept when the save
/// succeeds, taken back when it fails (so a full disk leaves neither the archive nor the 台账
/// entry).
#[derive(Debug)]
#[must_use = "keep() it after the project is saved, or undo() it"]
pub struct PendingArchive {
    archive: Option<Archive>,
    /// The folder did not exist before: undo removes it.
    created: Option<PathBuf>,
}

impl PendingArchive {
    pub fn keep(self) -> Option<Archive> {
        self.archive
    }

    pub fn undo(self) {
        if let Some(dir) = self.created {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// The first step of a publication on disk: its archive, complete (temporary folder, renamed).
/// Only then may the project with its 台账 entry be saved.
pub fn archive_before_save(
    outcome: &PublishOutcome,
    project: &Project,
    project_path: &Path,
) -> Result<PendingArchive, ArchiveError> {
    let dir = archive_dir(project_path, outcome.date);
    let existed = dir.exists();
    let archive = archive_publication(outcome, project, project_path)?;
    let created = (outcome.logged && !existed).then_some(dir);
    Ok(PendingArchive { archive, created })
}

/// Why a publication did not reach the disk. Either way the 台账 on disk has no new entry.
#[derive(Debug, thiserror::Error)]
pub enum PublicationError {
    #[error("{0}。项目未改动，本次发布没有记入台账，请解决后重新发布")]
    Archive(#[from] ArchiveError),
    #[error("{0}。本次发布没有记入台账（已写的存档已撤回），请解决后重新发布")]
    Save(String),
}

/// THE order of a publication on disk: the archive first (complete, by a temporary folder and a
/// rename), then `save` writes the project with its 台账 entry in one atomic save. A kill or a
/// full disk leaves both or neither: never a logged publication without its archive.
pub fn save_publication(
    outcome: &PublishOutcome,
    project: &Project,
    project_path: &Path,
    save: impl FnOnce() -> Result<(), String>,
) -> Result<Option<Archive>, PublicationError> {
    let pending = archive_before_save(outcome, project, project_path)?;
    if !outcome.logged {
        return Ok(pending.keep());
    }
    match save() {
        Ok(()) => Ok(pending.keep()),
        Err(error) => {
            pending.undo();
            Err(PublicationError::Save(error))
        }
    }
}

/// Every picture the project's image blocks name (each path once, in project order) and where
/// it goes in the archive: a picture inside the project's folder keeps its path relative to
/// the folder; one outside it (an absolute path elsewhere, "..", or a link leading out) has no
/// place — it is never copied ([`copy_pictures`] says so).
pub fn picture_plans(project: &Project, base_dir: Option<&Path>) -> Vec<PicturePlan> {
    let mut block_paths: Vec<&str> = Vec::new();
    for item in &project.items {
        for block in &item.blocks {
            if let Block::Image { path, .. } = block
                && !path.trim().is_empty()
                && !block_paths.contains(&path.as_str())
            {
                block_paths.push(path);
            }
        }
    }
    block_paths
        .into_iter()
        .map(|block_path| PicturePlan {
            block_path: block_path.to_owned(),
            source: crate::images::resolve(block_path, base_dir),
            archived_as: base_dir
                .and_then(|base| crate::images::inside_folder(block_path, base))
                .unwrap_or_default(),
        })
        .collect()
}

/// What copying the pictures did.
#[derive(Debug, Default)]
struct CopiedPictures {
    files: Vec<PathBuf>,
    not_copied: Vec<PictureNotCopied>,
}

/// Copies the pictures of the plans into the archive folder `dir`: only those inside the
/// project's folder, and only files that are PNG or JPEG pictures (by their first bytes), read
/// through the one reading path.
fn copy_pictures(plans: &[PicturePlan], dir: &Path) -> CopiedPictures {
    let mut copied = CopiedPictures::default();
    for plan in plans {
        match copy_picture(plan, dir) {
            Ok(target) => copied.files.push(target),
            Err(reason) => copied.not_copied.push(PictureNotCopied {
                block_path: plan.block_path.clone(),
                reason,
            }),
        }
    }
    copied
}

fn copy_picture(plan: &PicturePlan, dir: &Path) -> Result<PathBuf, String> {
    if plan.archived_as.is_empty() {
        return Err("它在项目文件夹之外，为安全起见不复制（请在设计器中重新选择此图片，它会被复制到项目文件夹）".to_owned());
    }
    let bytes = crate::fileio::read_regular(&plan.source, crate::images::MAX_FILE_BYTES).map_err(
        |error| match error {
            crate::fileio::ReadError::Io { reason, .. } => reason,
            other => other.to_string(),
        },
    )?;
    if crate::images::picture_kind(&bytes).is_none() {
        return Err("它不是 PNG 或 JPEG 图片，不复制".to_owned());
    }
    let target = dir.join(&plan.archived_as);
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder).map_err(|error| io_error_zh(&error))?;
    }
    write_atomically(&target, &bytes, false).map_err(|error| error.reason())?;
    Ok(target)
}

/// The project as archived: image blocks name their pictures where the archive holds them
/// (pictures not copied keep their paths).
fn with_archived_pictures(
    project: &Project,
    plans: &[PicturePlan],
    not_copied: &[PictureNotCopied],
) -> Project {
    let mut archived = project.clone();
    for item in &mut archived.items {
        for block in &mut item.blocks {
            let Block::Image { path, .. } = block else {
                continue;
            };
            let missing = not_copied.iter().any(|picture| picture.block_path == *path);
            if let Some(plan) = plans.iter().find(|plan| plan.block_path == *path)
                && !missing
                && !plan.archived_as.is_empty()
            {
                *path = plan.archived_as.clone();
            }
        }
    }
    archived
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
    format!("公开栏-{}.pdf", crate::jobs::file_name_for(board_name))
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
    let mut engine = LayoutEngine::for_project(project);
    engine.set_base_dir(project_path.parent().map(Path::to_path_buf));
    let mut archived = ArchivedPdfs::default();
    let external = external_view(project).project;
    for (board, mode) in external.boards.iter().flat_map(|board| {
        let parts = board.divided_parts().map(|_| (board, ExportMode::Parts));
        std::iter::once((board, ExportMode::Board)).chain(parts)
    }) {
        let request = ExportRequest {
            mode,
            board: Some(board.id.clone()),
            created: created_on(date),
            ..ExportRequest::default()
        };
        match export_project(&mut engine, &external, &request) {
            Ok(exported) => {
                let name = board_pdf_name(&board.name);
                let name = match mode {
                    ExportMode::Parts => name.replace(".pdf", "-分块.pdf"),
                    _ => name,
                };
                let path = dir.join(name);
                write_pdf_file(&path, &exported.bytes)?;
                archived.files.push(path);
                if mode == ExportMode::Parts {
                    continue;
                }
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
    match render_report(&mut engine, project, &document, created_on(date)) {
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
    write_atomically(path, bytes, false).map_err(|error| ArchiveError::Write {
        path: path.to_owned(),
        detail: error.reason(),
    })
}
