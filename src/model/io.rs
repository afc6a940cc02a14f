//! Reading and writing `.gongkai.json` files.
//!
//! Loading never changes anything on disk and says exactly what is wrong (file, line, column).
//! Saving is atomic: the new content goes to a temporary file in the same folder, is synced,
//! and is renamed over the old file, whose previous content is kept as `<file>.bak`.

use super::{FORMAT_NAME, FORMAT_VERSION, Finding, Project, Severity, check_project};
use crate::text::quoted;
use serde::Deserialize;
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
    /// Not JSON at all: a spreadsheet, a picture, a PDF, some other binary or text file.
    #[error("这不是公开栏设计器的项目文件（{what}）")]
    NotJson { what: &'static str },
    #[error(
        "文件格式版本为 {found}，本程序只能读取 {supported} 及以下版本。请升级公开栏设计器后再打开"
    )]
    FutureVersion { found: u32, supported: u32 },
    #[error("{}", describe_findings(.0))]
    Invalid(Vec<Finding>),
}

fn found_format(found: &Option<String>) -> String {
    match found {
        Some(format) => format!("，文件中为 \"{}\"", quoted(format)),
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

/// At most this many findings are spelled out in a load error; the rest are counted.
const LISTED_FINDINGS: usize = 10;

fn describe_findings(findings: &[Finding]) -> String {
    let lines: Vec<String> = findings
        .iter()
        .take(LISTED_FINDINGS)
        .map(|finding| format!("{}：{}", quoted(&finding.location), finding.message))
        .collect();
    let more = match findings.len().saturating_sub(LISTED_FINDINGS) {
        0 => String::new(),
        rest => format!("；另有 {rest} 处"),
    };
    format!("数值不合理：{}{more}", lines.join("；"))
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

pub use crate::fileio::io_error_zh;

/// The first fields of a file, read before the rest to refuse files from the future.
/// Any JSON value is taken here (another program's `"version": "2.1"` is no type error): the
/// fields are judged after.
#[derive(Deserialize)]
struct FormatHeader {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads a project file.
///
/// Through the one reading path (a regular file, at most
/// [`crate::fileio::MAX_PROJECT_BYTES`]); temporary files an interrupted save of this project
/// left beside it are removed first.
pub fn load_project(path: &Path) -> Result<Project, LoadError> {
    crate::fileio::remove_stale_temp_files(path);
    let fail = |kind| LoadError {
        path: path.to_owned(),
        kind,
    };
    let bytes = crate::fileio::read_regular(path, crate::fileio::MAX_PROJECT_BYTES)
        .map_err(|error| fail(LoadErrorKind::Io(read_error_zh(error))))?;
    let text = project_text(&bytes).map_err(fail)?;
    parse_project(text).map_err(fail)
}

/// The UTF-8 byte-order mark Notepad writes ("UTF-8 with BOM").
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of a project file's bytes, or what the bytes are instead: a byte-order mark is
/// skipped; a file that is not JSON (a spreadsheet, a picture, a PDF, other text) is named for
/// what it is; a file cut in the middle of a character is truncated (with the line and column
/// where it ends), not "not UTF-8".
pub fn project_text(bytes: &[u8]) -> Result<&str, LoadErrorKind> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if let Some(what) = foreign_kind(bytes) {
        return Err(LoadErrorKind::NotJson { what });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // Valid up to a character the end cut short: the file was not written to its end.
            let text = std::str::from_utf8(valid).unwrap_or_default();
            if error.error_len().is_none() {
                let (line, column) = end_line_column(text);
                return Err(LoadErrorKind::Truncated { line, column });
            }
            Err(LoadErrorKind::Io(format!(
                "文件不是 UTF-8 编码的文本（第 {} 个字节起无法识别）",
                error.valid_up_to() + 1
            )))
        }
    }
}

/// The line and column (from 1, in characters) just after the end of `text`.
fn end_line_column(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    (line, last_line.chars().count() + 1)
}

/// What a file is when it cannot be a project file (which is a JSON object: `{` first, after
/// white space), by its first bytes; None when it may be one.
fn foreign_kind(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 8] = [
        (b"PK\x03\x04", "是 Excel 表格（.xlsx）、Word 文档或压缩包"),
        (
            b"\xD0\xCF\x11\xE0",
            "是旧版 Excel 表格（.xls）或 Word 文档（.doc）",
        ),
        (b"%PDF", "是 PDF 文件"),
        (b"\x89PNG", "是 PNG 图片"),
        (b"\xFF\xD8\xFF", "是 JPEG 图片"),
        (b"Rar!", "是 RAR 压缩包"),
        (b"7z\xBC\xAF", "是 7z 压缩包"),
        (b"\x1F\x8B", "是 gzip 压缩包"),
    ];
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(signature, _)| bytes.starts_with(signature))
    {
        return Some(what);
    }
    let first = bytes.iter().find(|byte| !byte.is_ascii_whitespace())?;
    if *first == b'{' {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) || std::str::from_utf8(head).is_err() && *first >= 0x80 {
        return Some("是二进制文件，不是文本");
    }
    if *first == b'[' {
        return Some("是别的程序的 JSON 数据，不是项目文件");
    }
    Some("内容不是 JSON 格式的项目数据")
}

/// A refused read without the path (the load error names it already).
fn read_error_zh(error: crate::fileio::ReadError) -> String {
    use crate::fileio::ReadError;
    match error {
        ReadError::Io { reason, .. } => reason,
        ReadError::NotRegular {
            what: "文件夹", ..
        } => "这是一个文件夹，不是文件".to_owned(),
        ReadError::NotRegular { what, .. } => format!("不是普通文件（是{what}）"),
        ReadError::TooLarge { .. } => {
            let said = error.to_string();
            said.split_once('有')
                .map(|(_, rest)| format!("文件有{rest}"))
                .unwrap_or(said)
        }
    }
}

/// Parses the text of a project file and refuses unusable values.
pub fn parse_project(text: &str) -> Result<Project, LoadErrorKind> {
    if text.trim().is_empty() {
        return Err(LoadErrorKind::Empty);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header: FormatHeader = serde_json::from_str(text).map_err(|error| {
        match json_error(error) {
            // Valid JSON of another shape (a list, a number): another program's data.
            LoadErrorKind::Structure { .. } => LoadErrorKind::NotJson {
                what: "是别的程序的 JSON 数据，不是项目文件",
            },
            other => other,
        }
    })?;
    let format = header.format.as_ref().map(|format| match format {
        serde_json::Value::String(format) => format.clone(),
        other => crate::text::excerpt(&other.to_string(), crate::text::EXCERPT_CHARS),
    });
    if format.as_deref() != Some(FORMAT_NAME) {
        return Err(LoadErrorKind::NotAProject { found: format });
    }
    let file_version = match header.version.as_ref().map(serde_json::Value::as_u64) {
        Some(Some(version)) if version > u64::from(FORMAT_VERSION) => {
            return Err(LoadErrorKind::FutureVersion {
                found: u32::try_from(version).unwrap_or(u32::MAX),
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
        Some(None) => {
            return Err(LoadErrorKind::Structure {
                line: 1,
                column: 1,
                detail: "version 应为整数".to_owned(),
            });
        }
        Some(Some(version)) => u32::try_from(version).unwrap_or(u32::MAX),
    };
    let mut project: Project = serde_json::from_str(text).map_err(json_error)?;
    super::migrate(&mut project, file_version);
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

/// serde's (and chrono's) data errors in Chinese, every value from the file cut to
/// [`crate::text::EXCERPT_CHARS`] characters.
fn data_detail_zh(message: &str) -> String {
    for (prefix, lead) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "取值不对"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return format!(
                "{lead}：应为{}，实为{}",
                expected_zh(expected),
                found_zh(found)
            );
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "列表长度不对：应为{}，实有 {} 项",
            expected_zh(expected),
            quoted(found)
        );
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少字段 {}", quoted(rest.trim_matches('`')));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("字段 {} 出现了两次", quoted(rest.trim_matches('`')));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (found, _) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        return format!("没有 {} 这个字段", quoted(found.trim_matches('`')));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.trim_start_matches("one of ").replace(" or ", ", ");
        let choices: Vec<&str> = expected
            .split(", ")
            .map(|choice| choice.trim_matches('`'))
            .filter(|choice| !choice.is_empty())
            .collect();
        let mut text = format!("没有“{}”这个选项", quoted(found.trim_matches('`')));
        if !choices.is_empty() {
            text.push_str(&format!("，可选：{}", quoted(&choices.join("、"))));
        }
        return text;
    }
    if let Some(zh) = chrono_message_zh(message) {
        return format!("日期不对：{zh}（应写作 2026-03-01）");
    }
    if !message.is_ascii() {
        // Our own messages (a colour written wrongly) are Chinese already: only cut them.
        return crate::text::excerpt(message, 2 * crate::text::EXCERPT_CHARS);
    }
    format!("取值不对（{}）", quoted(message))
}

/// chrono's date parse errors (`NaiveDate` fields) in Chinese.
fn chrono_message_zh(message: &str) -> Option<&'static str> {
    Some(match message {
        "input is out of range" => "超出范围",
        "no possible date and time matching input" => "没有这一天",
        "input is not enough for unique date and time" => "不完整",
        "input contains invalid characters" => "含有不该有的字符",
        "premature end of input" => "不完整",
        "trailing input" => "后面多了字符",
        "bad or unsupported format string" => "格式不对",
        _ => return None,
    })
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
        _ if expected.starts_with("internally tagged enum") || expected.starts_with("enum") => {
            "对象（{…}）"
        }
        "variant identifier" | "field identifier" => "选项名（文字）",
        _ => return quoted(expected),
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
        return format!("数字 {}", quoted(&number));
    }
    if let Some(text) = value("string") {
        return format!("文字“{}”", quoted(text.trim_matches('"')));
    }
    if let Some(flag) = value("boolean") {
        return flag;
    }
    match found {
        "null" => "空值 null".to_owned(),
        "sequence" => "列表".to_owned(),
        "map" => "对象".to_owned(),
        "unit" | "unit value" => "空值".to_owned(),
        other => quoted(other),
    }
}

/// Why a project could not be saved. The file on disk (if there was one) is then as it was
/// before.
#[derive(Debug, thiserror::Error)]
#[error("无法保存到 {path}：{detail}。{}", if path.exists() { "原文件未被改动" } else { "文件没有写出" })]
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
    write_atomically(path, json.as_bytes(), true).map_err(|error| fail(error.reason()))
}

pub use crate::fileio::write_atomically;

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
        assert_eq!(
            data_detail_zh("something else"),
            "取值不对（something else）"
        );
    }

    #[test]
    fn a_failed_save_speaks_of_the_original_file_only_when_there_is_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("没有的文件夹").join("a.gongkai.json");
        let error = save_project(&Project::default(), &missing).expect_err("no folder");
        let said = error.to_string();
        assert!(said.ends_with("文件没有写出"), "{said}");
        let existing = dir.path().join("b.gongkai.json");
        std::fs::write(&existing, "{}").expect("write");
        let error = SaveError {
            path: existing,
            detail: "磁盘已满".into(),
        };
        assert!(error.to_string().ends_with("原文件未被改动"), "{error}");
    }

    #[test]
    fn chrono_and_duplicate_messages_are_chinese_and_values_cut() {
        assert_eq!(
            data_detail_zh("input contains invalid characters"),
            "日期不对：含有不该有的字符（应写作 2026-03-01）"
        );
        assert_eq!(
            data_detail_zh("duplicate field `stage`"),
            "字段 stage 出现了两次"
        );
        let huge = format!(
            "unknown variant `{}`, expected `fixed` or `shrink_to_fit`",
            "x".repeat(100_000)
        );
        let message = data_detail_zh(&huge);
        assert!(message.chars().count() < 120, "{message}");
        assert!(message.ends_with("可选：fixed、shrink_to_fit"), "{message}");
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
    fn a_bom_is_skipped_and_a_cut_character_is_a_truncation() {
        let text = "{\"format\":\"gongkai-project\",\"version\":1}";
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(text.as_bytes());
        assert_eq!(project_text(&bytes).ok(), Some(text));
        let cut = "{\n  \"unit\": \"东".as_bytes();
        let cut = &cut[..cut.len() - 1];
        assert!(matches!(
            project_text(cut),
            Err(LoadErrorKind::Truncated {
                line: 2,
                column: 12
            })
        ));
    }

    #[test]
    fn other_files_are_named_for_what_they_are() {
        for (bytes, said) in [
            (&b"PK\x03\x04rest"[..], "Excel"),
            (b"%PDF-1.7", "PDF"),
            (b"[1,2]", "别的程序的 JSON"),
            (b"\x00\x01\x02", "二进制"),
            (b"hello", "不是 JSON"),
        ] {
            let error = project_text(bytes).expect_err("refused");
            assert!(error.to_string().contains(said), "{error}");
            assert!(
                error.to_string().contains("不是公开栏设计器的项目文件"),
                "{error}"
            );
        }
        let error = parse_project(r#"{"version":"2.1"}"#).expect_err("other json");
        assert!(matches!(error, LoadErrorKind::NotAProject { found: None }));
    }

    #[test]
    fn a_minimal_file_loads_with_defaults() {
        let project =
            parse_project(r#"{"format":"gongkai-project","version":1}"#).expect("minimal");
        assert_eq!(project.settings.disclosure_days.len(), 2);
    }
}
