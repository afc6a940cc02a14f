//! .csv / .txt: decoded (UTF-8, UTF-8 with BOM, GBK/GB18030), separator detected, parsed by
//! `csv` (quoted cells may hold separators and line breaks).

use super::{Grid, ImportError};
use std::path::Path;

/// Decodes the bytes: a BOM decides; valid UTF-8 is UTF-8; otherwise `chardetng` guesses
/// (GBK is read as GB18030, its superset). A guess other than GB18030 or Big5, or one that
/// still leaves malformed bytes, is refused.
pub(crate) fn decode(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(ImportError::UnknownEncoding(path.display().to_string()));
        }
        return Ok(text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let mut encoding = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if encoding == encoding_rs::GBK {
        encoding = encoding_rs::GB18030;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    // Chinese spreadsheets save UTF-8, GBK/GB18030 or Big5; any other guess is a misreading.
    let chinese = encoding == encoding_rs::GB18030 || encoding == encoding_rs::BIG5;
    if had_errors || !chinese {
        return Err(ImportError::UnknownEncoding(path.display().to_string()));
    }
    Ok(text.into_owned())
}

/// The separator: of comma, tab and semicolon, the one found outside quotes most often in the
/// first lines.
fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for ch in text.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            '\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b'\t', b';'][best]
}

pub(super) fn read(path: &Path, bytes: &[u8]) -> Result<Grid, ImportError> {
    let text = decode(path, bytes)?;
    let separator = detect_separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| ImportError::Corrupt {
            path: path.display().to_string(),
            reason: error.to_string(),
        })?;
        rows.push(
            record
                .iter()
                .map(|cell| cell.trim_end_matches('\r').to_owned())
                .collect(),
        );
    }
    Ok(Grid {
        rows,
        sheet: None,
        sheets: Vec::new(),
        unformatted_numbers: false,
    })
}
