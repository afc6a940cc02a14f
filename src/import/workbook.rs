//! .xlsx, .xls and .ods through `calamine`: the sheet's cells as the spreadsheet shows them.

use super::{Grid, ImportError};
use calamine::{Data, Ods, Reader, Xls, Xlsx, open_workbook_from_rs};
use std::io::Cursor;
use std::path::Path;

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
            Ok(Grid {
                unformatted_numbers: true,
                ..grid(&range, None, name, sheets)
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
            Ok(Grid {
                unformatted_numbers: true,
                ..grid(&range, None, name, sheets)
            })
        }
        _ => {
            let mut book: Xlsx<Bytes> =
                open_workbook_from_rs(Cursor::new(bytes)).map_err(|error| match error {
                    calamine::XlsxError::Password => ImportError::Password(shown.clone()),
                    other => corrupt(path, other),
                })?;
            let (name, sheets) = pick_sheet(book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|error| corrupt(path, error))?;
            let styles = book.worksheet_style(&name).ok();
            Ok(grid(&range, styles.as_ref(), name, sheets))
        }
    }
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

fn grid(
    range: &calamine::Range<Data>,
    styles: Option<&calamine::StyleRange>,
    name: String,
    sheets: Vec<String>,
) -> Grid {
    let Some((row0, col0)) = range.start() else {
        return Grid {
            rows: Vec::new(),
            sheet: Some(name),
            sheets,
            unformatted_numbers: false,
        };
    };
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); row0 as usize];
    for (r, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); col0 as usize];
        for (c, cell) in row.iter().enumerate() {
            let position = (row0 + r as u32, col0 + c as u32);
            let format = styles
                .and_then(|styles| styles.get(position))
                .and_then(|style| style.number_format.as_ref())
                .map(|format| format.format_code.as_str());
            cells.push(shown(cell, format));
        }
        rows.push(cells);
    }
    Grid {
        rows,
        sheet: Some(name),
        sheets,
        unformatted_numbers: false,
    }
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
            Some(moment) if date.is_datetime() => {
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
