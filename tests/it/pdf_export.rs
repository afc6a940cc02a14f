//! Export of the qinghe fixture in every mode, read back from the PDF.

use crate::support::*;
use gongkai::compose::impose::Paper;
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::{Exported, export_project};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Project, load_project};

fn fixture() -> Project {
    load_project(std::path::Path::new("tests/fixtures/qinghe.gongkai.json")).expect("fixture")
}

fn export(mode: ExportMode, paper: Paper) -> Exported {
    let project = fixture();
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode,
        paper,
        created: fixed_info("").created,
        ..ExportRequest::default()
    };
    export_project(&mut engine, &project, &request).expect("export")
}

/// The text of a page in content-stream order, as lopdf decodes it through ToUnicode.
fn extracted(document: &lopdf::Document, page: u32) -> String {
    document
        .extract_text(&[page])
        .expect("text")
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect()
}

#[test]
fn the_board_pdf_has_every_layout_line_in_order_and_is_small() {
    let project = fixture();
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    let exported = export(ExportMode::Board, Paper::A4);
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    assert!(
        exported.bytes.len() < 400_000,
        "{} bytes",
        exported.bytes.len()
    );
    let document = load(&exported.bytes);
    assert_eq!(document.get_pages().len(), 1);
    let (width, height) = page_size_mm(&document, 1);
    assert_close(width, 2400.0, "width");
    assert_close(height, 1200.0, "height");
    let text = extracted(&document, 1);
    let mut from = 0;
    for line in &layout.lines {
        let wanted: String = line.text.chars().filter(|ch| !ch.is_whitespace()).collect();
        let found = text[from..].find(&wanted);
        assert!(
            found.is_some(),
            "line “{}” missing or out of order",
            line.text
        );
        from += found.unwrap_or(0) + wanted.len();
    }
    for (name, to_unicode, size) in fonts(&document) {
        assert_eq!(name.as_bytes()[6], b'+', "{name} is a subset");
        assert!(to_unicode, "{name} has ToUnicode");
        assert!(size < 400_000, "{name}: {size} bytes");
    }
}

#[test]
fn tiles_of_the_board_on_a3_are_an_overview_and_35_sheets() {
    let project = fixture();
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode: ExportMode::Tiles,
        paper: Paper::A3,
        skip_blank_tiles: false,
        created: fixed_info("").created,
        ..ExportRequest::default()
    };
    let exported = export_project(&mut engine, &project, &request).expect("export");
    let document = load(&exported.bytes);
    assert_eq!(document.get_pages().len(), 36);
    // By default the sheets that would print only the background are left out.
    let skipping = export(ExportMode::Tiles, Paper::A3);
    assert!(skipping.pages <= 36, "{}", skipping.pages);
    let (width, height) = page_size_mm(&document, 2);
    assert_close(width, 420.0, "width");
    assert_close(height, 297.0, "height");
}

#[test]
fn register_pages_are_a4_with_header_fields_and_page_numbers() {
    let exported = export(ExportMode::Register, Paper::A4);
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    let document = load(&exported.bytes);
    let pages = document.get_pages().len();
    assert!(pages >= 32, "{pages} pages: one or more per item");
    for page in [1, pages as u32] {
        let (width, height) = page_size_mm(&document, page);
        assert_close(width, 210.0, "A4 width");
        assert_close(height, 297.0, "A4 height");
    }
    let first = pdftotext_lines(&exported.bytes, 1).join("\n");
    for expected in [
        "单位：青禾镇人民政府",
        "栏目：机构概况",
        "单位简介",
        "公开主体",
        "公开时限",
        "公开日期",
        "下次更新",
    ] {
        assert!(first.contains(expected), "{expected} in\n{first}");
    }
    let squeeze = |text: &str| text.split_whitespace().collect::<String>();
    assert!(
        squeeze(&first).contains(&format!("第1页共{pages}页")),
        "{first}"
    );
    let last = pdftotext_lines(&exported.bytes, pages as u32).join("\n");
    assert!(
        squeeze(&last).contains(&format!("第{pages}页共{pages}页")),
        "{last}"
    );
}

#[test]
fn long_tables_break_across_register_pages_with_their_header_repeated() {
    let mut project = fixture();
    let item = project
        .items
        .iter_mut()
        .find(|item| item.title.starts_with("行政事业性收费"))
        .expect("the fee table item");
    let title = item.title.clone();
    for block in &mut item.blocks {
        if let gongkai::model::Block::Table(table) = block {
            let row = table.rows[0].clone();
            table.rows = (0..80).map(|_| row.clone()).collect();
        }
    }
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode: ExportMode::Register,
        ..ExportRequest::default()
    };
    let exported = export_project(&mut engine, &project, &request).expect("export");
    let first = exported
        .page_lines()
        .iter()
        .position(|lines| lines.contains(&title))
        .expect("the item's first page");
    let has_header = |lines: &Vec<String>| {
        ["收费项目", "收费标准", "收费依据"]
            .iter()
            .all(|cell| lines.iter().any(|line| line == cell))
    };
    let rows_on = |lines: &Vec<String>| {
        lines
            .iter()
            .filter(|line| line.as_str() == "住宅类不动产登记费")
            .count()
    };
    let continuation = &exported.page_lines()[first + 1];
    assert!(
        !continuation.contains(&title),
        "the next page continues the item"
    );
    assert!(
        has_header(continuation),
        "header repeated: {continuation:?}"
    );
    let total_rows: usize = exported.page_lines().iter().map(rows_on).sum();
    assert_eq!(total_rows, 80, "every row printed once");
}

#[test]
fn cards_are_one_per_record_with_values_filled_in() {
    let exported = export(ExportMode::Cards, Paper::A4);
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    let document = load(&exported.bytes);
    assert_eq!(
        document.get_pages().len(),
        2,
        "8 records: one sheet of fronts, one of backs"
    );
    let fronts = exported.page_lines()[0].join("\n");
    for name in ["周建华", "李秀兰", "吴海燕"] {
        assert!(fronts.contains(name), "{name}");
    }
    assert!(!fronts.contains("{姓名}"));
    let text = extracted(&document, 1);
    assert!(text.contains("周建华"), "{text}");
}

/// A text string of the document's Info dictionary (UTF-16BE with a byte-order mark).
fn info_string(document: &lopdf::Document, key: &[u8]) -> Option<String> {
    let info = document.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let dictionary = document.get_dictionary(info).ok()?;
    let bytes = dictionary.get(key).ok()?.as_str().ok()?;
    let units: Vec<u16> = bytes
        .strip_prefix(&[0xFE, 0xFF])?
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
        .collect();
    String::from_utf16(&units).ok()
}

fn export_board(width_mm: f32, marks: bool) -> Exported {
    let mut project = fixture();
    project.boards[0].size_mm.width_mm = width_mm;
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode: ExportMode::Board,
        marks,
        created: fixed_info("").created,
        ..ExportRequest::default()
    };
    export_project(&mut engine, &project, &request).expect("export")
}

#[test]
fn a_board_reduced_to_1_2_says_so_in_the_pdf_itself() {
    const INSTRUCTION: &str = "按 1:2 缩小，请放大 2 倍输出";
    // With crop marks there is a slug above the board: the instruction is printed there too.
    let with_marks = export_board(6000.0, true);
    assert_eq!(with_marks.board_scale_denominator, Some(2));
    let document = load(&with_marks.bytes);
    assert_eq!(
        info_string(&document, b"Subject").as_deref(),
        Some(INSTRUCTION)
    );
    assert_eq!(
        info_string(&document, b"Keywords").as_deref(),
        Some("比例 1:2")
    );
    assert!(
        with_marks.page_lines()[0].contains(&INSTRUCTION.to_owned()),
        "{:?}",
        &with_marks.page_lines()[0][..3]
    );
    let printed: String = INSTRUCTION
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    assert!(extracted(&document, 1).contains(&printed));

    // Without a margin round the board: the metadata alone, nothing printed on the board.
    let edge_to_edge = export_board(6000.0, false);
    let document = load(&edge_to_edge.bytes);
    assert_eq!(
        info_string(&document, b"Subject").as_deref(),
        Some(INSTRUCTION)
    );
    assert!(!edge_to_edge.page_lines()[0].contains(&INSTRUCTION.to_owned()));

    // At true size there is nothing to say.
    let true_size = export_board(2400.0, true);
    assert_eq!(true_size.board_scale_denominator, Some(1));
    assert_eq!(info_string(&load(&true_size.bytes), b"Subject"), None);
}
