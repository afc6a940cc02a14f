//! 全部导出: THE list of what a project prints — every board at true size (and its parts, when
//! it is divided), its A4 tiles, the 表簿 and every 明白卡 design — composed one at a time.
//! `gongkai export FILE --all -o DIR`, the app's 全部导出 and the publication archive all take
//! their PDFs from [`export_set`], so the archive holds the same set the clerk printed.
//! `write_all` writes a dated folder through the guarded writer ([`super::write_output`]) with a
//! 清单 of what it wrote and what it did not.

use super::export::{ExportError, Exported, export_project, file_name_for};
use crate::compose::{ExportMode, ExportRequest, Paper};
use crate::layout::LayoutEngine;
use crate::model::Project;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// One output of the set: its file name (through the privacy gate's file names), what it is
/// for the clerk, and the export (or why there is none).
pub struct SetOutput {
    pub file_name: String,
    pub what: String,
    pub result: Result<Exported, ExportError>,
}

/// The requests of the set, in the order they are written: for each board its true size, its
/// parts (a divided board) and its A4 tiles; the 表簿; each 明白卡 design.
fn set_requests(
    project: &Project,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Vec<(String, String, ExportRequest)> {
    let base = ExportRequest {
        created,
        ..ExportRequest::default()
    };
    let mut requests = Vec::new();
    for board in &project.boards {
        let name = file_name_for(&board.name);
        let request = |mode| ExportRequest {
            mode,
            board: Some(board.id.clone()),
            ..base.clone()
        };
        requests.push((
            format!("公开栏-{name}.pdf"),
            format!("公开栏“{}”（原大，交印刷厂）", board.name),
            request(ExportMode::Board),
        ));
        if board.divided_parts().is_some() {
            requests.push((
                format!("公开栏-{name}-分块.pdf"),
                format!("公开栏“{}”的分块（每块一页）", board.name),
                request(ExportMode::Parts),
            ));
        }
        requests.push((
            format!("公开栏-{name}-A4拼贴.pdf"),
            format!("公开栏“{}”的 A4 拼贴（办公室打印）", board.name),
            ExportRequest {
                paper: Paper::A4,
                ..request(ExportMode::Tiles)
            },
        ));
    }
    if !project.items.is_empty() {
        requests.push((
            "表簿.pdf".to_owned(),
            "表簿（A4）".to_owned(),
            ExportRequest {
                mode: ExportMode::Register,
                ..base.clone()
            },
        ));
    }
    for card in &project.cards {
        requests.push((
            format!("明白卡-{}.pdf", file_name_for(&card.name)),
            format!("明白卡“{}”（{} 户）", card.name, card.records.len().max(1)),
            ExportRequest {
                mode: ExportMode::Cards,
                cards: Some(card.id.clone()),
                ..base.clone()
            },
        ));
    }
    // Two boards or cards of the same name: the later ones get a number.
    let mut seen: Vec<String> = Vec::new();
    for (file_name, _, _) in &mut requests {
        let mut candidate = file_name.clone();
        let mut number = 2;
        while seen.contains(&candidate) {
            candidate = file_name.replace(".pdf", &format!("-{number}.pdf"));
            number += 1;
        }
        seen.push(candidate.clone());
        *file_name = candidate;
    }
    requests
}

/// Exports the whole set of `project` (its external view: 对内 items left out), handing each
/// output to `each` as soon as it is made (one PDF in memory at a time). Stops at the first
/// error `each` returns.
pub fn export_set<E>(
    engine: &mut LayoutEngine,
    project: &Project,
    created: chrono::DateTime<chrono::FixedOffset>,
    mut each: impl FnMut(SetOutput) -> Result<(), E>,
) -> Result<(), E> {
    let external = crate::schedule::external_view(project).project;
    for (file_name, what, request) in set_requests(&external, created) {
        let result = export_project(engine, &external, &request);
        each(SetOutput {
            file_name,
            what,
            result,
        })?;
    }
    Ok(())
}

/// The list written into every 全部导出 folder.
pub const LIST_NAME: &str = "导出清单.txt";
/// The first line of a list: how the guard knows a list it may replace.
const LIST_HEADER: &str = "公开栏设计器 全部导出清单";

/// What [`write_all`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WrittenSet {
    pub dir: PathBuf,
    /// The files written, the list last.
    pub files: Vec<PathBuf>,
    /// What was not written, and why (problems without `force`, personal numbers).
    pub refused: Vec<String>,
    /// Problems of files written anyway (`force`), and notes.
    pub notes: Vec<String>,
}

/// The dated folder of a 全部导出: `<DIR>/<project name>-全部导出-<YYYY-MM-DD>`.
pub fn set_dir(out_dir: &Path, project_path: &Path, date: NaiveDate) -> PathBuf {
    out_dir.join(format!(
        "{}-全部导出-{}",
        super::archive::project_name(project_path),
        date.format("%Y-%m-%d")
    ))
}

/// Why a 全部导出 could not be written at all.
#[derive(Debug, thiserror::Error)]
pub enum WriteAllError {
    #[error("无法建立文件夹 {path}：{detail}")]
    CreateDir { path: String, detail: String },
    #[error("{0}")]
    Output(#[from] super::OutputError),
}

/// 全部导出: every output of [`export_set`] into the dated folder under `out_dir` (made as
/// needed), each through the guarded writer; one with problems is left out unless `force`
/// (personal numbers: never); then the 清单 naming each file, what it is, and what was left out.
pub fn write_all(
    engine: &mut LayoutEngine,
    project: &Project,
    project_path: &Path,
    out_dir: &Path,
    date: NaiveDate,
    force: bool,
) -> Result<WrittenSet, WriteAllError> {
    let dir = set_dir(out_dir, project_path, date);
    std::fs::create_dir_all(&dir).map_err(|error| WriteAllError::CreateDir {
        path: dir.display().to_string(),
        detail: crate::model::io_error_zh(&error),
    })?;
    let mut written = WrittenSet {
        dir: dir.clone(),
        ..WrittenSet::default()
    };
    let mut list = vec![
        LIST_HEADER.to_owned(),
        format!("单位：{}", project.meta.unit_name),
        format!("导出日期：{}", date.format("%Y-%m-%d")),
        String::new(),
    ];
    export_set(engine, project, super::created_on(date), |output| {
        let SetOutput {
            file_name,
            what,
            result,
        } = output;
        match result {
            Ok(exported) if exported.problems.is_empty() || force => {
                let path = dir.join(&file_name);
                super::write_output(
                    &path,
                    &exported.bytes,
                    crate::fileio::OutputKind::Pdf,
                    Some(project),
                    Some(project_path),
                    &[],
                )?;
                list.push(format!("{file_name}　{what}，{} 页", exported.pages));
                written.notes.extend(
                    exported
                        .problems
                        .iter()
                        .map(|problem| format!("{what}：{problem}（已照原样导出）")),
                );
                written.files.push(path);
            }
            Ok(exported) => {
                let why = format!("{what}未导出：{}", exported.problems.join("；"));
                list.push(format!(
                    "（未导出）{what}：有 {} 个问题",
                    exported.problems.len()
                ));
                written.refused.push(why);
            }
            Err(error) => {
                list.push(format!("（未导出）{what}"));
                written.refused.push(format!("{what}未导出：{error}"));
            }
        }
        Ok::<(), WriteAllError>(())
    })?;
    if !written.refused.is_empty() {
        list.push(String::new());
        list.push("未导出的原因：".to_owned());
        list.extend(written.refused.iter().cloned());
    }
    let mut text = list.join("\n");
    text.push('\n');
    // The list names the unit's boards and cards: it passes the same masking as a PDF's text.
    let text = crate::privacy::mask_all(&text, &project.settings.privacy);
    let path = dir.join(LIST_NAME);
    super::write_output(
        &path,
        text.as_bytes(),
        crate::fileio::OutputKind::Text {
            header: LIST_HEADER,
        },
        Some(project),
        Some(project_path),
        &[],
    )?;
    written.files.push(path);
    Ok(written)
}
