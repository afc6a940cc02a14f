//! Issue 16, the PDF engine at scale: tiles draw the board once, every output mode is clean
//! for qpdf and reads back, a face with 9,000 distinct hanzi extracts intact.

use crate::support::*;
use gongkai::compose::{ExportMode, ExportRequest, Placement, Sheet};
use gongkai::fonts::FontSet;
use gongkai::jobs::{Exported, export_project};
use gongkai::layout::{LayoutEngine, PointMm};
use gongkai::model::SizeMm;
use std::rc::Rc;

fn export(mode: ExportMode) -> Exported {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode,
        card_backs: true,
        ..ExportRequest::default()
    };
    export_project(&mut engine, &fixture(), &request).expect("exported")
}

/// The Form XObjects of a document.
fn forms(document: &lopdf::Document) -> usize {
    document
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| {
            stream
                .dict
                .get(b"Subtype")
                .and_then(lopdf::Object::as_name)
                .ok()
                == Some(b"Form")
        })
        .count()
}

#[test]
fn every_output_mode_is_clean_for_qpdf_and_reads_back() {
    for mode in [
        ExportMode::Board,
        ExportMode::Tiles,
        ExportMode::Register,
        ExportMode::Cards,
    ] {
        let exported = export(mode);
        assert_qpdf_clean(&exported.bytes, &format!("{mode:?}"));
        let document = load(&exported.bytes);
        assert_eq!(document.get_pages().len(), exported.pages, "{mode:?}");
        for page in [1, exported.pages] {
            let read: String = pdftotext_lines(&exported.bytes, page as u32).concat();
            let read: String = read.split_whitespace().collect();
            let drawn = &exported.page_lines()[page - 1];
            let line = drawn
                .iter()
                .map(|line| line.split_whitespace().collect::<String>())
                .find(|line| line.chars().count() >= 4)
                .expect("a line of text");
            assert!(
                read.contains(&line),
                "{mode:?} page {page}: {line} in {read}"
            );
        }
    }
}

#[test]
fn tiles_draw_the_board_once_and_place_it_on_every_tile() {
    let board = export(ExportMode::Board);
    let tiles = export(ExportMode::Tiles);
    let document = load(&tiles.bytes);
    assert_eq!(forms(&document), 1, "one form: the board");
    assert!(tiles.pages > 10, "{} sheets", tiles.pages);
    for (number, page_id) in document.get_pages() {
        // The overview (sheet 1) draws its grid and labels; a tile only its marks and label (the
        // board alone is ~200 KB of content).
        let content = document.get_page_content(page_id);
        assert!(
            number == 1 || content.len() < 16_000,
            "sheet {number}: {} bytes",
            content.len()
        );
        let (width_mm, height_mm) = page_size_mm(&document, number);
        assert_close(width_mm.min(height_mm), 210.0, "A4 short side");
        assert_close(width_mm.max(height_mm), 297.0, "A4 long side");
    }
    assert!(
        tiles.bytes.len() < board.bytes.len() * 3 / 2,
        "tiles {} bytes, board {} bytes",
        tiles.bytes.len(),
        board.bytes.len()
    );
    // Neighbouring tiles A1 and A2 (sheets 2 and 3) each name themselves.
    for (page, name) in [(2, "A1"), (3, "A2")] {
        let lines = pdftotext_lines(&tiles.bytes, page).concat();
        assert!(lines.contains(name), "sheet {page}: {lines}");
    }
}

#[test]
fn a_face_with_9000_distinct_hanzi_extracts_intact() {
    let fonts = FontSet::bundled();
    let hanzi: Vec<char> = ('\u{4E00}'..='\u{9FA5}')
        .filter(|ch| fonts.missing_chars(&ch.to_string()).is_empty())
        .take(9_000)
        .collect();
    assert_eq!(hanzi.len(), 9_000);
    let lines: Vec<String> = hanzi
        .chunks(60)
        .map(|chunk| chunk.iter().collect())
        .collect();
    let line_refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let size_mm = SizeMm::new(320.0, 20.0 + 10.0 * line_refs.len() as f32);
    let mut sheets = Vec::new();
    // The first line is set in the bold sans, the rest in the serif: 8,940 on one face.
    let page = text_page(size_mm, &line_refs);
    let mut sheet = Sheet::new(size_mm);
    sheet
        .placements
        .push(Placement::at(Rc::new(page), PointMm::new(0.0, 0.0)));
    sheets.push(sheet);
    let bytes = write_gated(&fonts, &sheets, "九千字").expect("written");
    assert_qpdf_clean(&bytes, "9,000 hanzi");
    let read = pdftotext_lines(&bytes, 1);
    assert_eq!(read.len(), lines.len());
    for (read, drawn) in read.iter().zip(&lines) {
        assert_eq!(read, drawn);
    }
}

/// 300 contact cards with backs, 8-up: more than two batches of sheets (the writer takes them
/// as they are composed). Every card is on its sheet in order, its back on the next sheet, the
/// PDF is clean and reads back the same as the sheets composed all at once.
#[test]
fn cards_written_in_batches_are_the_cards_composed_at_once() {
    use gongkai::catalog::{CardTemplate, card_from_template, sample_project};
    use gongkai::compose::{CARD_SHEETS_PER_BATCH, compose_export};
    use gongkai::model::Edit;
    let mut project = sample_project(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("day"));
    let mut card = card_from_template(&project, CardTemplate::Contact, None);
    let count: usize = 300;
    card.records = contact_records((0..count).map(|index| format!("网格员{index:04}"))).into();
    let name = card.name.clone();
    project.apply(Edit::AddCard(card)).expect("card");
    let request = ExportRequest {
        mode: ExportMode::Cards,
        cards: Some(name),
        card_backs: true,
        ..ExportRequest::default()
    };
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported = export_project(&mut engine, &project, &request).expect("exported");
    let at_once = compose_export(&mut engine, &project, &request).expect("composed");
    let per_sheet = 8;
    let sheets = 2 * count.div_ceil(per_sheet);
    assert_eq!(exported.pages, sheets);
    assert!(
        sheets > 2 * CARD_SHEETS_PER_BATCH,
        "{sheets} sheets: more than two batches"
    );
    assert_eq!(exported.page_lines(), at_once.page_lines());
    assert_qpdf_clean(&exported.bytes, "300 cards");
    assert_eq!(load(&exported.bytes).get_pages().len(), sheets);
    // Every page read back at once (pdftotext separates pages with a form feed).
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("cards.pdf");
    std::fs::write(&path, &exported.bytes).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let pages: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect())
        .collect();
    for index in 0..count {
        let front = 2 * (index / per_sheet);
        let phone = format!("0000-6613{index:04}");
        let name = format!("网格员{index:04}");
        assert!(
            pages[front].contains(&name),
            "{name} on sheet {}",
            front + 1
        );
        for (number, page) in pages.iter().enumerate() {
            if number != front && number != front + 1 {
                assert!(!page.contains(&name), "{name} also on sheet {}", number + 1);
            }
        }
        assert!(
            pages[front].contains(&phone) || pages[front + 1].contains(&phone),
            "{phone} on sheet {} or its back",
            front + 1
        );
    }
}
