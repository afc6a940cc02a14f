//! .csv / .txt: decoded (UTF-8, UTF-8 with BOM, UTF-16 with or without BOM, GBK/GB18030),
//! separator detected, parsed by `csv` (quoted cells may hold separators and line breaks).

use super::grid::GridBuilder;
use super::{Grid, ImportError};
use std::path::Path;

/// UTF-16 without a byte-order mark (Excel's "Unicode 文本" saved by some tools without one):
/// in the first 4 KB, most characters of a table (digits, separators, line ends) are ASCII,
/// so one byte of each pair is zero — the odd bytes for little-endian, the even ones for
/// big-endian — and the other side almost never is.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|byte| **byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // NUL characters (two zero bytes) are rare, so the other side may have a few zeros.
    let mostly = |count: usize| count * 5 >= pairs * 2;
    let rarely = |count: usize, other: usize| count * 5 < other;
    if mostly(odd) && rarely(even, odd) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(even) && rarely(odd, even) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

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
    if let Some(encoding) = utf16_without_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
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
    let mut builder = GridBuilder::new(path);
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|error| ImportError::Corrupt {
            path: path.display().to_string(),
            reason: error.to_string(),
        })?;
        for (column, cell) in record.iter().enumerate() {
            builder.put(row, column, cell.trim_end_matches('\r').to_owned())?;
        }
    }
    // A CSV keeps no number formats (Excel writes 6434.1 for a cell shown 6,434.10): amount
    // columns get two decimals and 千分位, as a workbook's formatted cells and the board show
    // them — the cards and the board print money alike.
    Ok(builder.finish(Grid {
        unformatted_numbers: true,
        ..Grid::default()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf16_without_a_bom_is_read_as_utf16() {
        let text = "户主,金额\r\n王桂兰,369.25\r\n李建国,453.65\r\n";
        let path = Path::new("补贴.csv");
        assert_eq!(decode(path, &utf16le(text)).expect("LE"), text);
        let big: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(path, &big).expect("BE"), text);
        assert_eq!(decode(path, text.as_bytes()).expect("UTF-8"), text);
    }
}
