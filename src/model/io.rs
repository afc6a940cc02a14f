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
#[error("无法打开项目文件 {path}：{kind}。")]
pub struct LoadError {
    pub path: PathBuf,
    pub kind: LoadErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadErrorKind {
    #[error("读取失败：{0}")]
    Io(String),
    #[error("文件是空的")]
    Empty,
    #[error("文件不完整（在第 {line} 行第 {column} 列意外结束），可能没有保存完整")]
    Truncated { line: usize, column: usize },
    #[error("不是有效的 JSON（第 {line} 行第 {column} 列{}），文件可能已损坏", syntax_detail_zh(.detail))]
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("内容不符合项目格式（第 {line} 行第 {column} 列）：{detail}")]
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

fn syntax_detail_zh(detail: &str) -> String {
    if detail.is_empty() {
        String::new()
    } else {
        format!("：{detail}")
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
            | LoadErrorKind::Structure { line, column, .. }
            | LoadErrorKind::Truncated { line, column } => Some((*line, *column)),
            _ => None,
        }
    }
}

/// THE Chinese text of a file error, for every message that reaches a clerk: what happened in
/// words a clerk knows, without the operating system's English (except as a last resort).
pub fn io_error_zh(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "找不到文件".to_owned(),
        ErrorKind::PermissionDenied => "没有权限".to_owned(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_owned(),
        ErrorKind::NotADirectory => "路径中有一段不是文件夹".to_owned(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘已满".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "磁盘为只读".to_owned(),
        ErrorKind::AlreadyExists => "文件已存在".to_owned(),
        ErrorKind::InvalidData => "文件内容无法识别".to_owned(),
        ErrorKind::ResourceBusy => "文件正被其他程序使用".to_owned(),
        _ => format!("读写失败（{error}）"),
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
        .map_err(|error| LoadErrorKind::Io(io_error_zh(&error)))
        .and_then(|bytes| {
            String::from_utf8(bytes).map_err(|error| {
                LoadErrorKind::Io(format!(
                    "文件不是 UTF-8 编码的文本（第 {} 个字节起无法识别）",
                    error.utf8_error().valid_up_to() + 1
                ))
            })
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
    // serde_json counts columns from 1, but says 0 at the very start of a line.
    let (line, column) = (error.line(), error.column().max(1));
    match error.classify() {
        Category::Eof => LoadErrorKind::Truncated { line, column },
        Category::Data => LoadErrorKind::Structure {
            line,
            column,
            detail: data_detail_zh(&serde_message(&error)),
        },
        Category::Io | Category::Syntax => LoadErrorKind::Syntax {
            line,
            column,
            detail: String::new(),
        },
    }
}

/// serde_json's message without its " at line L column C" (said in Chinese already).
fn serde_message(error: &serde_json::Error) -> String {
    let message = error.to_string();
    message
        .rsplit_once(" at line ")
        .map(|(message, _)| message.to_owned())
        .unwrap_or(message)
}

/// The common forms of serde's data errors in Chinese; anything else as serde says it.
fn data_detail_zh(message: &str) -> String {
    for (prefix, lead) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "取值不对"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        {
            return format!(
                "{lead}：应为{}，实为{}",
                expected_zh(expected),
                found_zh(found)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少字段 {}", rest.trim_matches('`'));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ").replace(" or ", ", ");
        let choices: Vec<&str> = expected
            .split(", ")
            .map(|choice| choice.trim_matches('`'))
            .filter(|choice| !choice.is_empty())
            .collect();
        let mut text = format!("没有“{}”这个选项", found.trim_matches('`'));
        if !choices.is_empty() {
            text.push_str(&format!("，可选：{}", choices.join("、")));
        }
        return text;
    }
    format!("详情：{message}")
}

/// serde's "expected …" in Chinese.
fn expected_zh(expected: &str) -> String {
    let expected = expected.trim();
    let zh = match expected {
        "a string" | "string" | "a borrowed string" | "a character" | "char" => "文字",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "整数",
        "f32" | "f64" | "a number" => "数字",
        "a boolean" | "bool" => "true 或 false",
        "a sequence" | "a tuple" => "列表（[…]）",
        "a map" => "对象（{…}）",
        _ if expected.starts_with("struct ") => "对象（{…}）",
        _ if expected.starts_with("tuple") => "列表（[…]）",
        _ if expected.contains("date") => "日期（如 2026-03-01）",
        _ => return expected.to_owned(),
    };
    zh.to_owned()
}

/// serde's "invalid type: <found>" in Chinese, with the value when it is short.
fn found_zh(found: &str) -> String {
    let found = found.trim();
    let value = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.trim().trim_matches('`').to_owned())
    };
    if let Some(number) = value("integer").or_else(|| value("floating point")) {
        return format!("数字 {number}");
    }
    if let Some(text) = value("string") {
        return format!("文字“{}”", text.trim_matches('"'));
    }
    if let Some(flag) = value("boolean") {
        return flag;
    }
    match found {
        "null" => "空值 null".to_owned(),
        "sequence" => "列表".to_owned(),
        "map" => "对象".to_owned(),
        other => other.to_owned(),
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
        return Err(write_error_zh(&error));
    }
    if keep_backup && path.exists() {
        let backup = folder.join(format!("{file_name}.bak"));
        if let Err(error) = std::fs::copy(path, &backup) {
            let _ = std::fs::remove_file(&temp_path);
            return Err(format!(
                "无法保留备份 {}（{}）",
                backup.display(),
                write_error_zh(&error)
            ));
        }
    }
    if let Err(error) = std::fs::rename(&temp_path, path) {
        let _ = std::fs::remove_file(&temp_path);
        return Err(write_error_zh(&error));
    }
    if let Ok(dir) = std::fs::File::open(&folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A failed write: a missing path means the folder is missing (the file is being created).
fn write_error_zh(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件夹不存在".to_owned(),
        _ => io_error_zh(error),
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
        assert!(
            matches!(error, LoadErrorKind::Truncated { .. }),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            "文件不完整（在第 5 行第 1 列意外结束），可能没有保存完整"
        );
        assert_eq!(error.line_column().map(|(line, _)| line), Some(5));
    }

    #[test]
    fn serde_data_errors_read_as_chinese() {
        assert_eq!(
            data_detail_zh("invalid type: integer `123`, expected a string"),
            "类型不对：应为文字，实为数字 123"
        );
        assert_eq!(
            data_detail_zh("invalid type: string \"two\", expected u32"),
            "类型不对：应为整数，实为文字“two”"
        );
        assert_eq!(data_detail_zh("missing field `id`"), "缺少字段 id");
        assert_eq!(
            data_detail_zh("unknown variant `squeeze`, expected `fixed` or `shrink_to_fit`"),
            "没有“squeeze”这个选项，可选：fixed、shrink_to_fit"
        );
        assert_eq!(
            data_detail_zh("unknown variant `x`, expected one of `a`, `b`, `c`"),
            "没有“x”这个选项，可选：a、b、c"
        );
        assert_eq!(data_detail_zh("something else"), "详情：something else");
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
