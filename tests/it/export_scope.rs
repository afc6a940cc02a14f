//! What goes on which export: 对内 items only in the internal register, and the board's footer
//! dates computed from the items.

use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Project, load_project};
use std::path::Path;

fn fixture_with_internal_item() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let mut project = load_project(&path).expect("fixture");
    // 单位简介 becomes 机关内部事务 (对内).
    project.item_mut("p01-1").expect("item").entry_id = Some("e17".into());
    project
}

fn text_of(project: &Project, mode: ExportMode, internal: bool) -> (String, Vec<String>) {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode,
        internal,
        ..ExportRequest::default()
    };
    let exported = export_project(&mut engine, project, &request).expect("export");
    (exported.page_lines().concat().concat(), exported.notes)
}

#[test]
fn internal_items_are_absent_from_the_board_and_say_so() {
    let project = fixture_with_internal_item();
    for mode in [ExportMode::Board, ExportMode::Tiles] {
        let (text, notes) = text_of(&project, mode, false);
        assert!(
            !text.contains("单位简介"),
            "{mode:?} shows an internal item"
        );
        assert!(
            text.contains("领导分工"),
            "{mode:?} keeps the external ones"
        );
        assert!(
            notes
                .iter()
                .any(|note| note.contains("1 项对内公开事项") && note.contains("单位简介")),
            "{notes:?}"
        );
    }
}

#[test]
fn internal_items_appear_only_in_the_internal_register() {
    let project = fixture_with_internal_item();
    let (external, _) = text_of(&project, ExportMode::Register, false);
    assert!(!external.contains("单位简介"));
    let (internal, notes) = text_of(&project, ExportMode::Register, true);
    assert!(internal.contains("单位简介"));
    assert!(notes.is_empty(), "{notes:?}");
    // Without a 对内 item, the internal register says it holds what the public one does.
    let plain = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let (_, notes) = text_of(
        &load_project(&plain).expect("fixture"),
        ExportMode::Register,
        true,
    );
    assert!(
        notes
            .iter()
            .any(|note| note.starts_with("项目中没有对内公开的事项")),
        "{notes:?}"
    );
}

#[test]
fn the_board_footer_shows_the_computed_dates() {
    let project = fixture_with_internal_item();
    let (text, _) = text_of(&project, ExportMode::Board, false);
    // The fixture was published on 2025-01-15; the next fixed day is 3月1日.
    assert!(text.contains("本期公开日期：2025年1月15日"), "{text}");
    let tail: String = text
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(text.contains("下次公开日期："), "footer: {tail}");
}

/// An internal register says so in red on every page, read back from the PDF, and in the
/// document's title; the public register never does. Its default file name is its own.
#[test]
fn every_page_of_the_internal_register_is_marked_internal() {
    let project = fixture_with_internal_item();
    let export = |internal: bool| {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let request = ExportRequest {
            mode: ExportMode::Register,
            internal,
            ..ExportRequest::default()
        };
        export_project(&mut engine, &project, &request).expect("export")
    };
    let mark = "对内表簿仅限机关内部使用，不得张贴或对外提供";
    let internal = export(true);
    assert!(internal.pages > 1);
    for page in 1..=internal.pages {
        let read = crate::support::pdftotext_lines(&internal.bytes, page as u32);
        let first: Option<String> = read.first().map(|line| line.split_whitespace().collect());
        assert_eq!(
            first.as_deref(),
            Some(mark),
            "page {page} starts with the mark: {read:?}"
        );
    }
    let document = crate::support::load(&internal.bytes);
    let info = document
        .trailer
        .get(b"Info")
        .and_then(|info| document.dereference(info))
        .and_then(|(_, info)| info.as_dict().cloned())
        .expect("info");
    let title = info.get(b"Title").expect("title").as_str().expect("string");
    let title = gongkai_text(title);
    assert!(title.ends_with("（对内表簿）"), "{title}");
    let public = export(false);
    for page in 1..=public.pages {
        let read = crate::support::pdftotext_lines(&public.bytes, page as u32).concat();
        assert!(!read.contains("对内"), "public page {page}: {read}");
    }
}

/// A UTF-16BE PDF text string (with its byte-order mark) as text.
fn gongkai_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}
