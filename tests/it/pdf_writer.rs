//! The writer on hand-made pages: sizes, text, fonts, metadata, reproducibility.

use crate::support::*;
use gongkai::compose::{Placement, Sheet};
use gongkai::fonts::FontSet;
use gongkai::model::SizeMm;
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
    let bytes = write_gated(&fonts, &[a4_sheet(&LINES)], "测试").expect("pdf");
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
    let bytes = write_gated(&fonts, &[a4_sheet(&LINES)], "测试").expect("pdf");
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
    let first = write_gated(&fonts, &[a4_sheet(&LINES)], "青禾镇公开栏").expect("pdf");
    let second = write_gated(&fonts, &[a4_sheet(&LINES)], "青禾镇公开栏").expect("pdf");
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

/// Composition decides what a picture that cannot be used prints as (a labelled grey frame);
/// the writer draws what it gets, and a picture that vanished after composition stops it with
/// the clerk's sentence instead of printing a gap.
#[test]
fn composition_puts_the_placeholder_and_the_writer_decides_nothing() {
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
    let error = write_gated(&fonts, std::slice::from_ref(&sheet), "图片").expect_err("refused");
    let said = error.to_string();
    assert!(
        said.contains("照片/不存在.png") && said.contains("请重新导出"),
        "{said}"
    );

    let mut sheets = vec![sheet];
    gongkai::compose::missing_picture::put_placeholders(&fonts, &mut sheets, &|_| true);
    let bytes = write_gated(&fonts, &sheets, "图片").expect("pdf");
    assert_eq!(pdftotext_lines(&bytes, 1), vec!["图片无法读取".to_owned()]);
}

/// Glyph x positions (mm from the page's left edge) of the first text run of page 1,
/// reconstructed from the content stream the way a viewer does: Tm, then each glyph's /W
/// advance (1000 for these hanzi) and the TJ kerns.
fn glyph_positions_mm(bytes: &[u8], size_pt: f32) -> Vec<f32> {
    let document = load(bytes);
    let page_id = *document.get_pages().get(&1).expect("page");
    let content = document.get_page_content(page_id);
    let operations = lopdf::content::Content::decode(&content)
        .expect("ops")
        .operations;
    let mut x_pt = 0.0;
    let mut positions = Vec::new();
    for operation in operations {
        match operation.operator.as_str() {
            "Tm" => x_pt = operation.operands[4].as_float().expect("x"),
            "TJ" if positions.is_empty() => {
                for element in operation.operands[0].as_array().expect("array") {
                    match element {
                        lopdf::Object::String(..) => {
                            positions.push(x_pt * MM_PER_PT);
                            x_pt += size_pt;
                        }
                        number => x_pt -= number.as_float().expect("kern") / 1000.0 * size_pt,
                    }
                }
            }
            _ => {}
        }
    }
    positions
}

#[test]
fn each_glyph_lands_where_the_layout_put_it() {
    let fonts = FontSet::bundled();
    let size_mm = SizeMm::new(210.0, 297.0);
    let mut run = gongkai::compose::label::text_run(
        &fonts,
        gongkai::fonts::FaceId::SERIF,
        14.0,
        gongkai::model::Rgb(0, 0, 0),
        "政务公开栏两端对齐",
    );
    // Justified: gaps spread unevenly, as the layout may do.
    let xs_mm = [0.0, 5.3, 10.61, 15.92, 21.4, 26.75, 31.0, 36.33, 41.9];
    for (glyph, x_mm) in run.glyphs.iter_mut().zip(xs_mm) {
        glyph.x_mm = x_mm;
    }
    let page = gongkai::layout::Page {
        size_mm,
        items: vec![(
            gongkai::layout::PointMm::new(20.0, 30.0),
            gongkai::layout::FrameItem::Text(run),
        )],
    };
    let mut sheet = Sheet::new(size_mm);
    sheet.placements.push(Placement::at(
        Rc::new(page),
        gongkai::layout::PointMm::new(0.0, 0.0),
    ));
    let bytes = write_gated(&fonts, &[sheet], "位置").expect("pdf");
    let positions = glyph_positions_mm(&bytes, 14.0);
    assert_eq!(positions.len(), xs_mm.len());
    for (actual, expected) in positions.iter().zip(xs_mm) {
        assert!(
            (actual - (20.0 + expected)).abs() < 0.01,
            "{actual} vs {}",
            20.0 + expected
        );
    }
}
