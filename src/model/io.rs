//! Reading and writing `.gongkai.json` files.
//!
//! Loading never changes anything on disk and says exactly what is wrong (file, line, column).
//! Saving is atomic: the new content goes to a temporary file in the same folder, is synced,
//! and is renamed over the old file, whose previous content is kept as `<file>.bak`.

use super::{FORMAT_NAME, FORMAT_VERSION, Finding, Project, Severity, check_project};
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a project file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("无法打开项目文件 {path}：{kind}")]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("读取失败（{0}）")]
    Io(String),
    #[error("文件是空的")]
    Empty,
    #[error("第 {line} 行第 {column} 列不是有效的 JSON（{detail}）。文件可能已损坏或不完整")]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("第 {line} 行第 {column} 列的内容不符合项目格式（{detail}）")]
    Structure {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("这不是公开栏设计器的项目文件（format 应为 \"{FORMAT_NAME}\"{}）", found_format(.found))]
    NotAProject { found: Option<String> },
    #[error(
        "文件格式版本为 {found}，本程序只能读取 {supported} 及以下版本。请升级公开栏设计器后再打开"
    )]
    FutureVersion { found: u32, supported: u32 },
    #[error("{}", describe_findings(.0))]
    Invalid(Vec<Finding>),
}

fn found_format(found: &Option<String>) -> String {
    match found {
        Some(format) => format!("，文件中为 \"{format}\""),
        None => "，文件中没有此项".to_owned(),
    }
}

fn describe_findings(findings: &[Finding]) -> String {
    let lines: Vec<String> = findings
        .iter()
        .map(|finding| format!("{}：{}", finding.location, finding.message))
        .collect();
    format!("数值不合理：{}", lines.join("；"))
}

impl LoadErrorKind {
    /// The line and column of the problem, where known.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            LoadErrorKind::Syntax { line, column, .. }
            | LoadErrorKind::Structure { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// The first fields of a file, read before the rest to refuse files from the future.
#[derive(Deserialize)]
struct FormatHeader {
    format: Option<String>,
    version: Option<u32>,
}

/// Reads a project file.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    let text = std::fs::read(path)
        .map_err(|error| LoadErrorKind::Io(error.to_string()))
        .and_then(|bytes| {
            String::from_utf8(bytes)
                .map_err(|error| LoadErrorKind::Io(format!("文件不是 UTF-8 编码的文本：{error}")))
        })
        .map_err(|kind| LoadError {
            path: path.to_owned(),
            kind,
        })?;
    parse_project(&text).map_err(|kind| LoadError {
        path: path.to_owned(),
        kind,
    })
}

/// Parses the text of a project file and refuses unusable values.
pub fn parse_project(text: &str) -> Result<Project, LoadErrorKind> {
    if text.trim().is_empty() {
        return Err(LoadErrorKind::Empty);
    }
    let header: FormatHeader = serde_json::from_str(text).map_err(json_error)?;
    if header.format.as_deref() != Some(FORMAT_NAME) {
        return Err(LoadErrorKind::NotAProject {
            found: header.format,
        });
    }
    match header.version {
        Some(version) if version > FORMAT_VERSION => {
            return Err(LoadErrorKind::FutureVersion {
                found: version,
                supported: FORMAT_VERSION,
            });
        }
        None => {
            return Err(LoadErrorKind::Structure {
                line: 1,
                column: 1,
                detail: "缺少 version 字段".to_owned(),
            });
        }
        Some(_) => {}
    }
    let project: Project = serde_json::from_str(text).map_err(json_error)?;
    let errors: Vec<Finding> = check_project(&project)
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        Ok(project)
    } else {
        Err(LoadErrorKind::Invalid(errors))
    }
}

fn json_error(error: serde_json::Error) -> LoadErrorKind {
    use serde_json::error::Category;
    let (line, column) = (error.line(), error.column());
    // serde_json appends " at line L column C" to its message; we say it in Chinese already.
    let detail = error.to_string();
    let detail = detail
        .rsplit_once(" at line ")
        .map(|(message, _)| message.to_owned())
        .unwrap_or(detail);
    match error.classify() {
        Category::Data => LoadErrorKind::Structure {
            line,
            column,
            detail,
        },
        Category::Io | Category::Syntax | Category::Eof => LoadErrorKind::Syntax {
            line,
            column,
            detail,
        },
    }
}

/// Why a project could not be saved. The file on disk is then as it was before.
#[derive(Debug, thiserror::Error)]
#[error("无法保存到 {path}：{detail}。原文件未被改动")]
pub struct SaveError {
    pub path: PathBuf,
    pub detail: String,
}

/// Writes the project atomically; the old content of `path` is kept as `<path>.bak`.
pub fn save_project(project: &Project, path: &Path) -> Result<(), SaveError> {
    let fail = |detail: String| SaveError {
        path: path.to_owned(),
        detail,
    };
    let mut json = serde_json::to_string_pretty(project)
        .map_err(|error| fail(format!("无法生成文件内容（{error}）")))?;
    json.push('\n');
    write_atomically(path, json.as_bytes(), true).map_err(fail)
}

/// Writes `bytes` to `path` through a synced temporary file in the same folder and a rename,
/// so that `path` is never half-written. With `keep_backup`, an existing file is first copied
/// to `<path>.bak`. The error text is in Chinese.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), String> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| "没有文件名".to_owned())?
        .to_string_lossy()
        .into_owned();
    let temp_path = folder.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let write_temp = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp_path)?;
        file.write_all(bytes)?;
        file.sync_all()
    };
    if let Err(error) = write_temp() {
        let _ = std::fs::remove_file(&temp_path);
        return Err(describe_io_error(&error));
    }
    if keep_backup && path.exists() {
        let backup = folder.join(format!("{file_name}.bak"));
        if let Err(error) = std::fs::copy(path, &backup) {
            let _ = std::fs::remove_file(&temp_path);
            return Err(format!(
                "无法保留备份 {}（{}）",
                backup.display(),
                describe_io_error(&error)
            ));
        }
    }
    if let Err(error) = std::fs::rename(&temp_path, path) {
        let _ = std::fs::remove_file(&temp_path);
        return Err(describe_io_error(&error));
    }
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn describe_io_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::StorageFull => "磁盘已满".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有写入权限".to_owned(),
        std::io::ErrorKind::NotFound => "文件夹不存在".to_owned(),
        std::io::ErrorKind::ReadOnlyFilesystem => "磁盘为只读".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_refused() {
        assert!(matches!(parse_project("  \n"), Err(LoadErrorKind::Empty)));
    }

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let text = "{\n  \"format\": \"gongkai-project\",\n  \"version\": 1,\n  \"boards\": [\n";
        let error = parse_project(text).expect_err("truncated");
        assert!(matches!(error, LoadErrorKind::Syntax { .. }), "{error:?}");
        assert_eq!(error.line_column().map(|(line, _)| line), Some(5));
    }

    #[test]
    fn future_versions_are_refused() {
        let error =
            parse_project(r#"{"format":"gongkai-project","version":99}"#).expect_err("future");
        assert!(matches!(
            error,
            LoadErrorKind::FutureVersion {
                found: 99,
                supported: FORMAT_VERSION
            }
        ));
        assert!(error.to_string().contains("升级"));
    }

    #[test]
    fn a_minimal_file_loads_with_defaults() {
        let project =
            parse_project(r#"{"format":"gongkai-project","version":1}"#).expect("minimal");
        assert_eq!(project.settings.disclosure_days.len(), 2);
    }
}
