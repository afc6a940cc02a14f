//! The writer on hand-made pages: sizes, text, fonts, metadata, reproducibility.

mod pdf_support;

use gongkai::fonts::FontSet;
use gongkai::model::SizeMm;
use gongkai::pdf::{Placement, Sheet, write_pdf};
use pdf_support::*;
use std::rc::Rc;

fn a4_sheet(lines: &[&str]) -> Sheet {
    let size_mm = SizeMm::new(210.0, 297.0);
    let page = Rc::new(text_page(size_mm, lines));
    let mut sheet = Sheet::new(size_mm);
    sheet
        .placements
        .push(Placement::at(page, gongkai::layout::PointMm::new(0.0, 0.0)));
    sheet
}

const LINES: [&str; 3] = [
    "青禾镇人民政府政务公开栏",
    "财务收支明细：2026年第一季度",
    "监督电话：0000-6612301，喆堃珺玥",
];

#[test]
fn a_page_keeps_its_size_and_its_chinese_text_in_order() {
    let fonts = FontSet::bundled();
    let bytes = write_pdf(&fonts, &[a4_sheet(&LINES)], &options("测试")).expect("pdf");
    let document = load(&bytes);
    assert_eq!(document.get_pages().len(), 1);
    let (width, height) = page_size_mm(&document, 1);
    assert_close(width, 210.0, "width");
    assert_close(height, 297.0, "height");
    assert_eq!(pdftotext_lines(&bytes, 1), LINES.map(String::from).to_vec());
}

#[test]
fn fonts_are_embedded_as_small_subsets_with_to_unicode() {
    let fonts = FontSet::bundled();
    let bytes = write_pdf(&fonts, &[a4_sheet(&LINES)], &options("测试")).expect("pdf");
    let embedded = gongkai_fonts(&bytes);
    assert_eq!(embedded.len(), 2, "{embedded:?}");
    for (name, to_unicode, size) in embedded {
        assert!(name.as_bytes()[6] == b'+', "subset tag in {name}");
        assert!(to_unicode, "{name} has ToUnicode");
        assert!(
            size > 1000 && size < 60_000,
            "{name}: {size} bytes embedded"
        );
    }
    assert!(bytes.len() < 60_000, "{} bytes", bytes.len());
}

fn gongkai_fonts(bytes: &[u8]) -> Vec<(String, bool, usize)> {
    fonts(&load(bytes))
}

#[test]
fn metadata_carries_title_author_and_date_and_output_is_reproducible() {
    let fonts = FontSet::bundled();
    let first = write_pdf(&fonts, &[a4_sheet(&LINES)], &options("青禾镇公开栏")).expect("pdf");
    let second = write_pdf(&fonts, &[a4_sheet(&LINES)], &options("青禾镇公开栏")).expect("pdf");
    assert!(first == second, "same input, same bytes");
    let document = load(&first);
    let info_id = document
        .trailer
        .get(b"Info")
        .and_then(|info| info.as_reference())
        .expect("Info");
    let info = document.get_dictionary(info_id).expect("Info dict");
    let text = |key: &[u8]| {
        let bytes = info.get(key).and_then(|v| v.as_str()).expect("entry");
        lopdf::decode_text_string(info.get(key).expect("entry"))
            .unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
    };
    assert_eq!(text(b"Title"), "青禾镇公开栏");
    assert_eq!(text(b"Author"), "青禾镇人民政府");
    assert!(text(b"CreationDate").starts_with("D:20260301090000"));
}

#[test]
fn images_that_cannot_be_embedded_show_a_labelled_placeholder() {
    let fonts = FontSet::bundled();
    let size_mm = SizeMm::new(210.0, 297.0);
    let page = gongkai::layout::Page {
        size_mm,
        items: vec![(
            gongkai::layout::PointMm::new(20.0, 20.0),
            gongkai::layout::FrameItem::Image {
                size_mm: SizeMm::new(100.0, 60.0),
                path: "照片/不存在.png".into(),
            },
        )],
    };
    let mut sheet = Sheet::new(size_mm);
    sheet.placements.push(Placement::at(
        Rc::new(page),
        gongkai::layout::PointMm::new(0.0, 0.0),
    ));
    let bytes = write_pdf(&fonts, &[sheet], &options("图片")).expect("pdf");
    assert_eq!(pdftotext_lines(&bytes, 1), vec!["图片无法读取".to_owned()]);
}
