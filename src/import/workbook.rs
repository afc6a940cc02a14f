//! .xlsx, .xls and .ods through `calamine`: the sheet's cells as the spreadsheet shows them.
//!
//! A zip (.xlsx, .ods) is checked entry by entry first ([`crate::fileio::zip`]). An .xlsx sheet
//! is then read as a stream of cells (never through calamine's `Range`, which sizes itself
//! from the first to the last cell named: A1 and XFD1048576 would ask for 512 GB); each cell
//! goes through [`GridBuilder`], which holds only the cells really there.

use super::grid::{GridBuilder, cell_name};
use super::{Grid, ImportError};
use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx, open_workbook_from_rs};
use std::io::Cursor;
use std::path::Path;

/// Formula cells without a saved value named in the warning, at most.
const NAMED_CELLS: usize = 3;

type Bytes = Cursor<Vec<u8>>;

fn corrupt(path: &Path, reason: impl std::fmt::Display) -> ImportError {
    ImportError::Corrupt {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

/// Reads one sheet (by name, or the first) into a grid of shown text.
pub(super) fn read(path: &Path, bytes: Vec<u8>, sheet: Option<&str>) -> Result<Grid, ImportError> {
    let shown = path.display().to_string();
    let ext = super::extension(path);
    // A password-protected .xlsx is an OLE (CFB) file holding "EncryptedPackage".
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ext != "xls" && is_ole {
        let text = String::from_utf16_lossy(
            &bytes
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect::<Vec<_>>(),
        );
        if text.contains("EncryptedPackage") {
            return Err(ImportError::Password(shown));
        }
    }
    if bytes.starts_with(b"PK")
        && let Err(refusal) = crate::fileio::zip::check_zip(&bytes)
    {
        return Err(match refusal {
            crate::fileio::zip::ZipRefusal::Broken(reason) => corrupt(path, reason),
            refusal => ImportError::Refused(format!("文件 {shown} {refusal}")),
        });
    }
    match ext.as_str() {
        "xls" => {
            let mut book: Xls<Bytes> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|error| match error {
                    calamine::XlsError::Password => ImportError::Password(shown.clone()),
                    other => corrupt(path, other),
                })?;
            let (name, sheets) = pick_sheet(book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&name).map_err(|error| match error {
                calamine::XlsError::Password => ImportError::Password(shown.clone()),
                other => corrupt(path, other),
            })?;
            let grid = grid(path, &range, name, sheets)?;
            Ok(Grid {
                unformatted_numbers: true,
                ..grid
            })
        }
        "ods" => {
            let mut book: Ods<Bytes> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|error| match error {
                    calamine::OdsError::Password => ImportError::Password(shown.clone()),
                    other => corrupt(path, other),
                })?;
            let (name, sheets) = pick_sheet(book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|error| corrupt(path, error))?;
            let grid = grid(path, &range, name, sheets)?;
            Ok(Grid {
                unformatted_numbers: true,
                ..grid
            })
        }
        _ => {
            let mut book: Xlsx<Bytes> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|error| match error {
                    calamine::XlsxError::Password => ImportError::Password(shown.clone()),
                    other => corrupt(path, other),
                })?;
            let (name, sheets) = pick_sheet(book.sheet_names(), sheet)?;
            xlsx_grid(path, &mut book, name, sheets)
        }
    }
}

/// An .xlsx sheet, cell by cell: its shown text (with the cell's number format), then, in a
/// second pass, the formula cells that were saved without a value (named in a warning).
fn xlsx_grid(
    path: &Path,
    book: &mut Xlsx<Bytes>,
    name: String,
    sheets: Vec<String>,
) -> Result<Grid, ImportError> {
    let mut builder = GridBuilder::new(path);
    let mut warnings = Vec::new();
    let mut out_of_range = Vec::new();
    {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|error| corrupt(path, error))?;
        while let Some((cell, style_id)) = reader
            .next_cell_with_style_id()
            .map_err(|error| corrupt(path, error))?
        {
            let (row, column) = cell.get_position();
            let format = reader
                .styles()
                .get(style_id)
                .and_then(|style| style.number_format.as_ref())
                .map(|format| format.format_code.clone());
            let text = shown_ref(cell.get_value(), format.as_deref());
            let date_serial = match cell.get_value() {
                DataRef::DateTime(date)
                    if date.is_datetime() || format.as_deref().is_some_and(is_date_format) =>
                {
                    Some(date.as_f64())
                }
                DataRef::Float(value) if format.as_deref().is_some_and(is_date_format) => {
                    Some(*value)
                }
                DataRef::Int(value) if format.as_deref().is_some_and(is_date_format) => {
                    Some(*value as f64)
                }
                _ => None,
            };
            if date_serial.is_some_and(|serial| !serial_in_range(serial))
                && out_of_range.len() < NAMED_CELLS
            {
                out_of_range.push(format!(
                    "{}（{}）",
                    cell_name(row as usize, column as usize),
                    text
                ));
            }
            builder.put(row as usize, column as usize, text)?;
        }
    }
    if !out_of_range.is_empty() {
        warnings.push(format!(
            "单元格 {}是日期格式，但数值超出 1900-01-01 至 9999-12-31，已按数字保留。",
            out_of_range.join("、")
        ));
    }
    let mut unsaved = Vec::new();
    let mut unsaved_count = 0usize;
    {
        let mut reader = book
            .worksheet_cells_reader(&name)
            .map_err(|error| corrupt(path, error))?;
        while let Some(record) = reader
            .next_cell_with_formula_metadata()
            .map_err(|error| corrupt(path, error))?
        {
            if record.formula.is_some() && record.value == DataRef::Empty {
                unsaved_count += 1;
                if unsaved.len() < NAMED_CELLS {
                    unsaved.push(cell_name(record.pos.0 as usize, record.pos.1 as usize));
                }
            }
        }
    }
    if unsaved_count > 0 {
        warnings.push(format!(
            "有 {unsaved_count} 个公式单元格没有保存计算结果（如 {}），导入为空。请在 Excel/WPS 中打开此文件、保存后再导入。",
            unsaved.join("、")
        ));
    }
    let mut grid = builder.finish(Grid {
        sheet: Some(name),
        sheets,
        ..Grid::default()
    });
    grid.warnings.extend(warnings);
    Ok(grid)
}

/// Whether a number format shows a date (a year or a day), quoted text and `[…]` left out.
fn is_date_format(code: &str) -> bool {
    let mut plain = String::new();
    let (mut quoted, mut bracket) = (false, false);
    for ch in code.chars() {
        match ch {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if !quoted && !bracket => plain.push(ch.to_ascii_lowercase()),
            _ => {}
        }
    }
    plain.contains('y') || plain.contains('d')
}

/// Excel's day numbers from 1900-01-01 (1) to 9999-12-31 (2958465), times of day included.
fn serial_in_range(serial: f64) -> bool {
    (1.0..2_958_466.0).contains(&serial)
}

fn pick_sheet(
    names: Vec<String>,
    wanted: Option<&str>,
) -> Result<(String, Vec<String>), ImportError> {
    let name = match wanted {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted.trim())
            .cloned()
            .ok_or_else(|| ImportError::NoSuchSheet {
                sheet: wanted.to_owned(),
                available: names.join("、"),
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ImportError::EmptySheet("（无工作表）".to_owned()))?,
    };
    Ok((name, names))
}

/// An .xls or .ods sheet (calamine's range) through [`GridBuilder`]: only filled cells.
fn grid(
    path: &Path,
    range: &calamine::Range<Data>,
    name: String,
    sheets: Vec<String>,
) -> Result<Grid, ImportError> {
    let mut builder = GridBuilder::new(path);
    let (row0, column0) = range.start().unwrap_or((0, 0));
    for (row, column, cell) in range.used_cells() {
        builder.put(
            row0 as usize + row,
            column0 as usize + column,
            shown(cell, None),
        )?;
    }
    Ok(builder.finish(Grid {
        sheet: Some(name),
        sheets,
        ..Grid::default()
    }))
}

/// Decimals and 千分位 of a number format like `#,##0.00` (first section only).
fn number_format(code: &str) -> Option<(usize, bool)> {
    let section = code.split(';').next().unwrap_or_default();
    if !section.contains('0') && !section.contains('#') {
        return None;
    }
    let thousands = section.contains("#,##") || section.contains("0,0");
    let decimals = section.split_once('.').map_or(0, |(_, after)| {
        after.chars().take_while(|c| *c == '0').count()
    });
    Some((decimals, thousands))
}

/// A number with `decimals` places, grouped by thousands when asked.
pub(crate) fn format_number(value: f64, decimals: usize, thousands: bool) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if thousands && i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if value < 0.0 && text.chars().any(|c| matches!(c, '1'..='9')) {
        "-"
    } else {
        ""
    };
    match frac {
        Some(frac) => format!("{sign}{grouped}.{frac}"),
        None => format!("{sign}{grouped}"),
    }
}

fn plain_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        // Shortest text that reads back the same, trimmed of float noise (0.1 + 0.2).
        let rounded = format!("{value:.10}");
        rounded
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

/// [`shown`] of a streamed .xlsx cell.
fn shown_ref(cell: &DataRef<'_>, format: Option<&str>) -> String {
    let owned = match cell {
        DataRef::SharedString(text) => return text.trim_end().to_owned(),
        DataRef::String(text) => Data::String(text.clone()),
        DataRef::Int(value) => Data::Int(*value),
        DataRef::Float(value) => Data::Float(*value),
        DataRef::Bool(value) => Data::Bool(*value),
        DataRef::DateTime(date) => Data::DateTime(*date),
        DataRef::DateTimeIso(text) => Data::DateTimeIso(text.clone()),
        DataRef::DurationIso(text) => Data::DurationIso(text.clone()),
        DataRef::Error(error) => Data::Error(error.clone()),
        DataRef::Empty => Data::Empty,
    };
    shown(&owned, format)
}

fn shown(cell: &Data, format: Option<&str>) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.trim_end().to_owned(),
        Data::Bool(true) => "是".to_owned(),
        Data::Bool(false) => "否".to_owned(),
        Data::Int(value) => match format.and_then(number_format) {
            Some((decimals, thousands)) => format_number(*value as f64, decimals, thousands),
            None => value.to_string(),
        },
        Data::Float(value) => match format.and_then(number_format) {
            Some((decimals, thousands)) => format_number(*value, decimals, thousands),
            None => plain_number(*value),
        },
        Data::DateTime(date) => match date.as_datetime() {
            Some(moment) if date.is_datetime() && serial_in_range(date.as_f64()) => {
                if moment.time() == chrono::NaiveTime::MIN {
                    moment.date().format("%Y-%m-%d").to_string()
                } else {
                    moment.format("%Y-%m-%d %H:%M").to_string()
                }
            }
            _ => plain_number(date.as_f64()),
        },
        Data::DateTimeIso(text) => text.split('T').next().unwrap_or(text).to_owned(),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => format!("#{error}"),
    }
}
