//! The app layer: the document's revisions, the findings checked off the UI thread while the
//! pane says 检查中…, and the results of the latest revision shown in the end.

use crate::support::{app_harness, open_app};
use egui_kittest::kittest::Queryable;
use gongkai::model::{Block, Edit};
use gongkai::ui::GongkaiApp;
use std::time::{Duration, Instant};

/// Frames until the check of the present revision is in (at most 60 s).
fn wait_for_checks(harness: &mut egui_kittest::Harness<'_, GongkaiApp>) {
    let started = Instant::now();
    while harness.state().is_checking() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the check never came back"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.step();
}

fn with_placeholder(app: &GongkaiApp, text: &str) -> Edit {
    let item = &app.project().items[0];
    let mut blocks = item.blocks.clone();
    blocks.push(Block::paragraph(text));
    Edit::SetItemBlocks {
        item_id: item.id.clone(),
        blocks,
        changed_on: None,
    }
}

#[test]
fn findings_are_checked_on_a_worker_and_the_latest_revision_s_are_shown() {
    let mut app = open_app(None);
    app.check_in_background();
    let mut harness = app_harness(app);
    wait_for_checks(&mut harness);
    let before = harness.state().shown_findings();
    assert_eq!(
        before,
        harness.state().findings(),
        "settled: the check's own list"
    );

    // Three quick edits: three revisions; the frame does not wait for their checks.
    let revision = harness.state().doc.revision();
    for text in ["【请填写】第一处", "【请填写】第二处", "【请填写】第三处"]
    {
        let edit = with_placeholder(harness.state(), text);
        assert!(harness.state_mut().apply_edit(edit));
        assert!(
            harness.state().is_checking(),
            "a new revision is not checked yet"
        );
        harness.step();
    }
    assert_eq!(harness.state().doc.revision(), revision + 3);
    harness.get_by_label("检查中…");

    wait_for_checks(&mut harness);
    let shown = harness.state().shown_findings();
    assert_eq!(
        shown,
        harness.state().findings(),
        "the latest revision's findings"
    );
    assert!(
        shown.len() > before.len(),
        "the 【请填写】 found: {} then {}",
        before.len(),
        shown.len()
    );
    assert!(harness.query_by_label("检查中…").is_none());
}

#[test]
fn undo_back_to_the_saved_revision_is_not_a_change() {
    let mut app = open_app(None);
    let saved = app.doc.revision();
    let edit = with_placeholder(&app, "新的一段");
    assert!(app.apply_edit(edit));
    assert!(app.is_dirty());
    app.run_command(gongkai::ui::Command::Undo);
    assert_eq!(app.doc.revision(), saved);
    assert!(!app.is_dirty(), "{}", app.title());
}
