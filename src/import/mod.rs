//! Spreadsheets and CSV → a header and rows of shown text, with each column's kind guessed.
//! Pure: reads the file it is given and returns values or a clerk's message in Chinese; never
//! changes a project (the import job in `jobs` does that).
//!
//! Workbooks (.xlsx, .xls, .ods) are read by `calamine` (formulas give their cached values;
//! .xlsx number formats keep their decimals and 千分位); .csv / .txt by `csv`, decoded from
//! UTF-8, UTF-8 with BOM or GBK/GB18030 (`chardetng` + `encoding_rs`), with the separator
//! (comma, tab, semicolon) detected.

mod csv_file;
mod dates;
mod diff;
mod workbook;

pub use dates::{date_cell, parse_date, serial_date};
pub use diff::{RowDiff, diff_rows};

use crate::model::{ColumnKind, DateStyle};
use std::path::Path;

/// More data rows than this are refused (the speed target is met well within it).
pub const MAX_ROWS: usize = 50_000;
/// Rows looked at for the header when none is given.
const HEADER_SEARCH_ROWS: usize = 30;

/// What to read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The sheet's name (workbooks; default: the first sheet).
    pub sheet: Option<String>,
    /// The header row, counted from 1 as the spreadsheet shows it (default: detected).
    pub header_row: Option<usize>,
    /// The columns to keep, by header name, in this order (default: all, as in the file). An
    /// entry `源列=栏名` imports the file's column under another name (a card's field, say);
    /// see [`column_pick`].
    pub columns: Option<Vec<String>>,
}

/// A table read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub kinds: Vec<ColumnKind>,
    /// The sheet read (workbooks only).
    pub sheet: Option<String>,
    /// The header row used, counted from 1.
    pub header_row: usize,
    /// Whether the last row is a 合计/总计 row (kept, last).
    pub total_row: bool,
    /// The file's content hash (16 hex digits).
    pub hash: String,
    /// The names of all sheets (workbooks only).
    pub sheets: Vec<String>,
    /// Said to the clerk, the import goes on (e.g. the file is still open in WPS).
    pub warnings: Vec<String>,
}

/// Why a file could not be imported. The messages are for clerks.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("无法打开 {path}：{reason}")]
    Open { path: String, reason: String },
    #[error("文件 {0} 设有打开密码。请在 Excel/WPS 中取消密码（文件 → 加密）后另存，再导入。")]
    Password(String),
    #[error(
        "文件 {path} 已损坏或不是所说的格式（{reason}）。请在 Excel/WPS 中打开后另存为 .xlsx 再试。"
    )]
    Corrupt { path: String, reason: String },
    #[error("不支持的文件类型“{0}”。请用 .xlsx、.xls、.ods、.csv 或 .txt。")]
    UnknownType(String),
    #[error("找不到工作表“{sheet}”。文件中的工作表：{available}")]
    NoSuchSheet { sheet: String, available: String },
    #[error("工作表“{0}”是空的，没有可导入的数据。")]
    EmptySheet(String),
    #[error("表头行 {row} 超出了数据范围（最后一行有内容的是第 {last} 行）。")]
    HeaderBeyondData { row: usize, last: usize },
    #[error("表头行 {0} 之下没有数据行。")]
    NoDataRows(usize),
    #[error("文件中没有这些列：{missing}。表头中的列：{available}")]
    NoSuchColumns { missing: String, available: String },
    #[error("有两列都导入为“{0}”。请给其中一列另选栏名，或不保留它。")]
    SameName(String),
    #[error("数据有 {rows} 行，超过一次导入的上限 {limit} 行。请把表格拆分后分别导入。")]
    TooManyRows { rows: usize, limit: usize },
    #[error("无法识别文件 {0} 的文字编码。请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 再导入。")]
    UnknownEncoding(String),
    #[error("文件 {0} 正被其他程序（如 WPS、Excel）使用，无法读取。请关闭该文件后再试。")]
    Locked(String),
    #[error(
        "没有读取文件 {0} 的权限。请把它复制到自己的文件夹（如“文档”）再导入，或请管理员开放读取权限。"
    )]
    NoPermission(String),
}

impl ImportError {
    fn open(path: &Path, error: &std::io::Error) -> Self {
        let shown = path.display().to_string();
        // Windows: ERROR_SHARING_VIOLATION (32), ERROR_LOCK_VIOLATION (33).
        if (cfg!(windows) && matches!(error.raw_os_error(), Some(32 | 33)))
            || error.kind() == std::io::ErrorKind::ResourceBusy
        {
            return ImportError::Locked(shown);
        }
        if error.kind() == std::io::ErrorKind::PermissionDenied {
            return ImportError::NoPermission(shown);
        }
        ImportError::Open {
            path: shown,
            reason: crate::model::io_error_zh(error),
        }
    }
}

/// The raw grid of a sheet: shown text per cell, rows as in the file (row 0 = row 1).
#[derive(Clone, Debug, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Vec<String>>,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
    /// Numbers came without their sheet's format (.xls, .ods): amount columns get two
    /// decimals and 千分位 from their kind.
    pub unformatted_numbers: bool,
}

/// 64-bit FNV-1a of the file's bytes, as 16 hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The hash of a file on disk, or None when it cannot be read.
pub fn file_hash(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|bytes| content_hash(&bytes))
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|ext| ext.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Reads a table from `path` as `options` say.
pub fn read_table(path: &Path, options: &ImportOptions) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(path).map_err(|error| ImportError::open(path, &error))?;
    let hash = content_hash(&bytes);
    let grid = match extension(path).as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => workbook::read(path, bytes, options.sheet.as_deref())?,
        "csv" | "txt" | "tsv" => csv_file::read(path, &bytes)?,
        other => return Err(ImportError::UnknownType(other.to_owned())),
    };
    let mut imported = table_from_grid(grid, options)?;
    imported.hash = hash;
    if let Some(lock) = lock_file(path) {
        imported.warnings.push(open_elsewhere_zh(&lock));
    }
    Ok(imported)
}

/// The owner or lock file an office program keeps beside a file it has open: Excel and WPS
/// write `~$name.xlsx` (long names lose their first two characters: `~$me.xlsx`),
/// LibreOffice `.~lock.name.xlsx#`, WPS on Linux also `.~name.xlsx`.
pub fn lock_file(path: &Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_str()?;
    let dir = path.parent().unwrap_or_else(|| Path::new(""));
    let shortened: String = name.chars().skip(2).collect();
    [
        format!("~${name}"),
        format!("~${shortened}"),
        format!(".~lock.{name}#"),
        format!(".~{name}"),
    ]
    .into_iter()
    .map(|candidate| dir.join(candidate))
    .find(|candidate| candidate.is_file())
}

/// The warning for a file whose lock file is there.
pub fn open_elsewhere_zh(lock: &Path) -> String {
    let name = lock
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(
        "文件可能仍在 WPS/Excel 中打开（旁边有它的锁文件 {name}）。导入的是最后一次保存的内容；如有未保存的修改，请先在 WPS/Excel 中保存。"
    )
}

fn non_empty(row: &[String]) -> usize {
    row.iter().filter(|cell| !cell.trim().is_empty()).count()
}

/// The header row (index into the grid): the first of the top rows that has at least half as
/// many filled cells as the fullest of them (a title row or a merged caption has one).
fn detect_header(rows: &[Vec<String>]) -> Option<usize> {
    let top = &rows[..rows.len().min(HEADER_SEARCH_ROWS)];
    let widest = top.iter().map(|row| non_empty(row)).max()?;
    if widest == 0 {
        return None;
    }
    let needed = widest.div_ceil(2).max(widest.min(2));
    top.iter().position(|row| non_empty(row) >= needed)
}

fn is_total_label(cell: &str) -> bool {
    crate::model::is_total_label(cell)
}

fn table_from_grid(grid: Grid, options: &ImportOptions) -> Result<Imported, ImportError> {
    let sheet_label = grid.sheet.clone().unwrap_or_else(|| "CSV".to_owned());
    let rows = grid.rows;
    let last_filled = rows.iter().rposition(|row| non_empty(row) > 0);
    let Some(last_filled) = last_filled else {
        return Err(ImportError::EmptySheet(sheet_label));
    };
    let header = match options.header_row {
        Some(row) if row == 0 || row > last_filled + 1 => {
            return Err(ImportError::HeaderBeyondData {
                row,
                last: last_filled + 1,
            });
        }
        Some(row) => row - 1,
        None => detect_header(&rows).ok_or(ImportError::EmptySheet(sheet_label))?,
    };
    let header_cells = &rows[header];
    // The width: the last column with a header or any data.
    let width = std::iter::once(header_cells)
        .chain(rows[header + 1..].iter())
        .map(|row| {
            row.iter()
                .rposition(|cell| !cell.trim().is_empty())
                .map_or(0, |i| i + 1)
        })
        .max()
        .unwrap_or(0);
    let all_columns: Vec<String> = (0..width)
        .map(|i| {
            let name = header_cells.get(i).map(|c| c.trim()).unwrap_or_default();
            if name.is_empty() {
                format!("列{}", i + 1)
            } else {
                name.replace('\n', "")
            }
        })
        .collect();
    let data: Vec<Vec<String>> = rows[header + 1..]
        .iter()
        .filter(|row| non_empty(row) > 0)
        .map(|row| {
            (0..width)
                .map(|i| row.get(i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    if data.is_empty() {
        return Err(ImportError::NoDataRows(header + 1));
    }
    if data.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            rows: data.len(),
            limit: MAX_ROWS,
        });
    }
    let picked: Vec<(usize, String)> = match &options.columns {
        None => (0..width).map(|i| (i, all_columns[i].clone())).collect(),
        Some(wanted) => {
            let mut picked = Vec::new();
            let mut missing = Vec::new();
            for spec in wanted {
                let (source, name) = column_pick(spec);
                match all_columns.iter().position(|c| c == source) {
                    Some(i) => picked.push((i, name.to_owned())),
                    None => missing.push(source.to_owned()),
                }
            }
            if !missing.is_empty() {
                return Err(ImportError::NoSuchColumns {
                    missing: missing.join("、"),
                    available: all_columns.join("、"),
                });
            }
            picked
        }
    };
    let total_row = data
        .last()
        .is_some_and(|row| row.iter().take(3).any(|cell| is_total_label(cell)));
    let columns: Vec<String> = picked.iter().map(|(_, name)| name.clone()).collect();
    if let Some(twice) = columns
        .iter()
        .enumerate()
        .find(|(index, name)| columns[..*index].contains(name))
        .map(|(_, name)| name.clone())
    {
        return Err(ImportError::SameName(twice));
    }
    let mut rows: Vec<Vec<String>> = data
        .into_iter()
        .map(|row| picked.iter().map(|(i, _)| row[*i].clone()).collect())
        .collect();
    if total_row {
        label_total_row(&mut rows);
    }
    let body = if total_row {
        &rows[..rows.len() - 1]
    } else {
        &rows[..]
    };
    let kinds: Vec<ColumnKind> = (0..columns.len())
        .map(|c| guess_kind(&columns[c], body.iter().map(|row| row[c].as_str())))
        .collect();
    if grid.unformatted_numbers {
        for (c, name) in columns.iter().enumerate() {
            if kinds[c] == ColumnKind::Number && is_amount_header(name) {
                for row in &mut rows {
                    if let Ok(value) = row[c].trim().parse::<f64>() {
                        row[c] = workbook::format_number(value, 2, true);
                    }
                }
            }
        }
    }
    Ok(Imported {
        columns,
        rows,
        kinds,
        sheet: grid.sheet,
        header_row: header + 1,
        total_row,
        hash: String::new(),
        sheets: grid.sheets,
        warnings: Vec::new(),
    })
}

/// The 合计 row keeps its label when the column holding it was left out: written in the
/// first kept cell if that is empty.
fn label_total_row(rows: &mut [Vec<String>]) {
    if let Some(last) = rows.last_mut()
        && !last.iter().any(|cell| is_total_label(cell))
        && let Some(first) = last.first_mut()
        && first.trim().is_empty()
    {
        *first = "合计".to_owned();
    }
}

/// A header naming money (金额, 元, 资金, 补贴, 款): two decimals when the sheet gives no format.
fn is_amount_header(name: &str) -> bool {
    ["金额", "元", "资金", "补贴", "款", "费"]
        .iter()
        .any(|word| name.contains(word))
}

fn digits_of(cell: &str) -> String {
    cell.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect()
}

/// A code written with leading zeros (户号 0001): text, or the zeros would be lost.
fn has_leading_zero(cell: &str) -> bool {
    let t = cell.trim();
    t.len() > 1 && t.starts_with('0') && !t.starts_with("0.")
}

fn is_number_text(cell: &str) -> bool {
    let t: String = cell
        .trim()
        .trim_start_matches(['¥', '￥', '-', '+'])
        .trim_end_matches(['%', '元'])
        .chars()
        .filter(|c| *c != ',')
        .collect();
    !t.is_empty() && t.parse::<f64>().is_ok()
}

/// A column's kind from its header and values: personal numbers first (every filled value is
/// one), then dates (every value a written date, or serial numbers under a 日期 header), then
/// numbers; text otherwise.
pub fn guess_kind<'a>(header: &str, values: impl Iterator<Item = &'a str>) -> ColumnKind {
    let filled: Vec<&str> = values.filter(|v| !v.trim().is_empty()).collect();
    if filled.is_empty() {
        return ColumnKind::Text;
    }
    let all = |test: &dyn Fn(&str) -> bool| filled.iter().all(|v| test(v));
    if all(&|v| crate::privacy::is_id_number(&digits_of(v))) {
        return ColumnKind::IdNumber;
    }
    if all(&|v| crate::privacy::is_mobile(&digits_of(v))) {
        return ColumnKind::Phone;
    }
    if all(&|v| crate::privacy::is_bank_account(&digits_of(v)))
        || (header.contains("卡号") || header.contains("账号"))
            && all(&|v| {
                let d = digits_of(v);
                d.len() >= 12 && d.chars().all(|c| c.is_ascii_digit())
            })
    {
        return ColumnKind::BankAccount;
    }
    if ["序号", "编号", "户号"]
        .iter()
        .any(|word| header.contains(word))
        || all(&has_leading_zero)
    {
        return ColumnKind::Text;
    }
    if all(&dates::looks_like_date)
        || header.contains("日期") && all(&|v| dates::serial_date(v).is_some())
    {
        return ColumnKind::Date;
    }
    if all(&|v| is_number_text(v)) {
        return ColumnKind::Number;
    }
    ColumnKind::Text
}

/// A column to keep as written in [`ImportOptions::columns`]: the file's column and the name
/// it is imported under — `面积=面积/人数` (or ＝) imports 面积 as 面积/人数; a bare name keeps
/// its own.
pub fn column_pick(spec: &str) -> (&str, &str) {
    match spec.split_once(['=', '＝']) {
        Some((source, name)) if !name.trim().is_empty() => (source.trim(), name.trim()),
        Some((source, _)) => (source.trim(), source.trim()),
        None => (spec.trim(), spec.trim()),
    }
}

/// `源列=栏名`, or the bare name when they are the same (what [`column_pick`] reads).
pub fn column_spec(source: &str, name: &str) -> String {
    if source == name || name.trim().is_empty() {
        source.to_owned()
    } else {
        format!("{source}={name}")
    }
}

/// Parses a typed column spec `A,B,C` (comma or 、 separated).
pub fn parse_columns(spec: &str) -> Vec<String> {
    spec.split([',', '，', '、'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Rewrites the cells of date columns in the project's date style (serials included). The
/// 合计 row is left as it is.
pub fn apply_date_kinds(imported: &mut Imported, style: DateStyle) {
    let body = imported
        .rows
        .len()
        .saturating_sub(usize::from(imported.total_row));
    for (c, kind) in imported.kinds.iter().enumerate() {
        if *kind != ColumnKind::Date {
            continue;
        }
        for row in &mut imported.rows[..body] {
            if let Some(cell) = row.get_mut(c) {
                *cell = date_cell(cell, style);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_imported_under_the_name_given() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("补贴.csv");
        std::fs::write(
            &path,
            "户主,面积,金额\n王桂兰,3.5,369.25\n李建国,4.3,453.65\n",
        )
        .expect("csv");
        let options = |columns: &[&str]| ImportOptions {
            columns: Some(columns.iter().map(|c| (*c).to_owned()).collect()),
            ..ImportOptions::default()
        };
        let read = read_table(
            &path,
            &options(&["户主", "面积=面积/人数", "金额＝补贴金额"]),
        )
        .expect("read");
        assert_eq!(read.columns, ["户主", "面积/人数", "补贴金额"]);
        assert_eq!(read.rows[1], ["李建国", "4.3", "453.65"]);
        assert_eq!(read.kinds[2], ColumnKind::Number);
        let twice = read_table(&path, &options(&["面积=数量", "金额=数量"]));
        assert_eq!(
            twice.expect_err("refused").to_string(),
            "有两列都导入为“数量”。请给其中一列另选栏名，或不保留它。"
        );
        let missing = read_table(&path, &options(&["面积/人数=面积"]));
        assert!(
            missing
                .expect_err("refused")
                .to_string()
                .starts_with("文件中没有这些列：面积/人数。"),
        );
        assert_eq!(column_spec("面积", "面积/人数"), "面积=面积/人数");
        assert_eq!(column_spec("户主", "户主"), "户主");
        assert_eq!(column_pick(" 户主 "), ("户主", "户主"));
    }

    #[test]
    fn codes_with_leading_zeros_stay_text() {
        let kind = guess_kind("户号", ["0001", "0002"].into_iter());
        assert_eq!(kind, ColumnKind::Text);
        assert_eq!(
            guess_kind("代码", ["007", "010"].into_iter()),
            ColumnKind::Text
        );
        assert_eq!(
            guess_kind("金额", ["0.50", "10"].into_iter()),
            ColumnKind::Number
        );
    }

    #[test]
    fn open_errors_name_a_lock_and_a_missing_permission() {
        let path = Path::new("低保.xlsx");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(matches!(
            ImportError::open(path, &denied),
            ImportError::NoPermission(_)
        ));
        let shared = std::io::Error::from_raw_os_error(32);
        // 32 is a sharing violation on Windows, a broken pipe (EPIPE) on Linux.
        assert_eq!(
            matches!(ImportError::open(path, &shared), ImportError::Locked(_)),
            cfg!(windows)
        );
        let gone = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(
            ImportError::open(path, &gone)
                .to_string()
                .contains("找不到文件")
        );
    }

    #[test]
    fn a_lock_file_beside_the_sheet_is_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let sheet = dir.path().join("名单.xlsx");
        std::fs::write(&sheet, b"x").expect("write");
        assert_eq!(lock_file(&sheet), None);
        std::fs::write(dir.path().join(".~名单.xlsx"), b"x").expect("write");
        assert_eq!(lock_file(&sheet), Some(dir.path().join(".~名单.xlsx")));
    }
}
