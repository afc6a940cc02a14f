//! The finished document: boxes and metadata, compressed streams,
//! a reproducible document id.

use super::paint::pdf_box;
use crate::compose::{DocumentInfo, Sheet, distinct_pages, page_text_runs};
use crate::model::{RectMm, SizeMm};
use printpdf_lopdf::{Dictionary, Object, StringFormat};

/// What the finished document keeps of each sheet once it is painted: its boxes.
#[derive(Clone, Copy, Debug)]
pub(super) struct SheetBoxes {
    pub(super) size_mm: SizeMm,
    trim_mm: Option<RectMm>,
    bleed_mm: Option<RectMm>,
}

impl SheetBoxes {
    pub(super) fn of(sheet: &Sheet) -> SheetBoxes {
        SheetBoxes {
            size_mm: sheet.size_mm,
            trim_mm: sheet.trim_mm,
            bleed_mm: sheet.bleed_mm,
        }
    }
}

/// What printpdf does not write: correct page boxes (TrimBox, BleedBox), our metadata and
/// dates, and the document ID (`id`, see [`DocumentHash`]).
pub(super) fn finish_document(
    lo: &mut printpdf_lopdf::Document,
    sheets: &[SheetBoxes],
    info: &DocumentInfo,
    id: Vec<u8>,
) {
    let page_ids: Vec<_> = lo.get_pages().into_values().collect();
    for (page_id, sheet) in page_ids.into_iter().zip(sheets) {
        let Ok(Object::Dictionary(page)) = lo.get_object_mut(page_id) else {
            continue;
        };
        let height_mm = sheet.size_mm.height_mm;
        let media = RectMm::new(0.0, 0.0, sheet.size_mm.width_mm, height_mm);
        page.set("MediaBox", pdf_box(media, height_mm));
        page.remove(b"CropBox");
        page.set(
            "TrimBox",
            pdf_box(sheet.trim_mm.unwrap_or(media), height_mm),
        );
        if let Some(bleed) = sheet.bleed_mm {
            page.set("BleedBox", pdf_box(bleed, height_mm));
        }
    }
    let date = pdf_date(&info.created);
    let mut entries = vec![
        ("Title", text_string(&info.title)),
        ("Author", text_string(&info.author)),
        ("Creator", text_string("gongkai 公开栏设计器")),
        ("Producer", text_string("gongkai (printpdf)")),
        (
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        ),
        (
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        ),
    ];
    if !info.subject.is_empty() {
        entries.push(("Subject", text_string(&info.subject)));
    }
    if !info.keywords.is_empty() {
        entries.push(("Keywords", text_string(&info.keywords)));
    }
    let info_dict = Dictionary::from_iter(entries);
    let info_id = lo.add_object(info_dict);
    lo.trailer.set("Info", Object::Reference(info_id));
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

/// The flate level, chosen by measurement (`examples/deflate_levels`, the fixture's board,
/// 450 KB of streams): level 6 (the default) 243.7 KB in 8.0 ms, level 4 246.4 KB in 6.8 ms,
/// level 3 248.6 KB in 6.2 ms, level 1 295 KB in 2.7 ms, level 9 241.4 KB in 13.5 ms. Level 4
/// is the fastest that keeps the board's PDF within 250 KB.
pub(super) const FLATE_LEVEL: u32 = 4;

/// Flate-compresses every stream not compressed yet, at [`FLATE_LEVEL`].
pub(super) fn compress_streams(lo: &mut printpdf_lopdf::Document) {
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(FLATE_LEVEL));
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed
            && compressed.len() < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// A PDF date string, e.g. "D:20260301090000+08'00'".
pub(super) fn pdf_date(date: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let offset_minutes = date.offset().local_minus_utc() / 60;
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    format!(
        "D:{}{}{:02}'{:02}'",
        date.format("%Y%m%d%H%M%S"),
        sign,
        offset_minutes.abs() / 60,
        offset_minutes.abs() % 60
    )
}

/// A PDF text string in UTF-16BE with a byte-order mark (Chinese titles need it).
pub(super) fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A document ID of 16 bytes that depend only on the document's content and metadata, fed
/// sheet batch by sheet batch as they are painted (reproducible output).
#[derive(Clone, Debug)]
pub(super) struct DocumentHash(u64);

impl Default for DocumentHash {
    fn default() -> Self {
        DocumentHash(0xcbf2_9ce4_8422_2325)
    }
}

impl DocumentHash {
    fn feed(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// The sheets' sizes and the text of each page placed on them.
    pub(super) fn sheets(&mut self, sheets: &[Sheet]) {
        for sheet in sheets {
            self.feed(&sheet.size_mm.width_mm.to_le_bytes());
            self.feed(&sheet.size_mm.height_mm.to_le_bytes());
        }
        for page in distinct_pages(sheets) {
            for run in page_text_runs(page) {
                self.feed(run.text.as_bytes());
            }
        }
    }

    /// The ID, with the metadata.
    pub(super) fn id(mut self, info: &DocumentInfo) -> Vec<u8> {
        self.feed(info.title.as_bytes());
        self.feed(info.author.as_bytes());
        self.feed(info.subject.as_bytes());
        self.feed(info.created.to_rfc3339().as_bytes());
        let hash = self.0;
        let second = hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
        [hash.to_be_bytes(), second.to_be_bytes()].concat()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_carry_the_offset() {
        let date = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:30:00+08:00").expect("date");
        assert_eq!(pdf_date(&date), "D:20260301093000+08'00'");
    }
}
