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
