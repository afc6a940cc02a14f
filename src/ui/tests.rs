//! Unit tests of the app state: selection, commands, undo steps, dates.

use super::*;
use crate::model::{RectMm, limits};
use chrono::NaiveDate;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

/// The sample with its first `count` panels selected.
fn sample_with_panels_selected(count: usize) -> GongkaiApp {
    let mut app = GongkaiApp::open_on(None, day(2027, 3, 1));
    let board = &app.project().boards[0];
    app.selection = Selection {
        board_id: Some(board.id.clone()),
        panel_ids: board
            .panels
            .iter()
            .take(count)
            .map(|panel| panel.id.clone())
            .collect(),
        item_id: None,
    };
    app
}

#[test]
fn aligning_panels_is_one_undo_step() {
    let mut app = sample_with_panels_selected(3);
    let before = app.project().clone();
    app.run_command(Command::AlignLeft);
    let lefts: Vec<f32> = app.project().boards[0].panels[..3]
        .iter()
        .map(|panel| panel.rect_mm.x_mm)
        .collect();
    assert!(lefts.iter().all(|x_mm| *x_mm == lefts[0]), "{lefts:?}");
    assert_ne!(app.project(), &before);
    assert_eq!(app.doc.history().undo_len(), 1);
    app.run_command(Command::Undo);
    assert_eq!(app.project(), &before);
}

#[test]
fn pasting_panels_is_one_undo_step() {
    let mut app = sample_with_panels_selected(2);
    let before = app.project().clone();
    app.run_command(Command::Copy);
    app.run_command(Command::Paste);
    let panels = &app.project().boards[0].panels;
    assert_eq!(panels.len(), before.boards[0].panels.len() + 2);
    let pasted: Vec<String> = panels[panels.len() - 2..]
        .iter()
        .map(|panel| panel.id.clone())
        .collect();
    assert_ne!(pasted[0], pasted[1]);
    assert_eq!(app.selection.panel_ids, pasted);
    assert_eq!(app.doc.history().undo_len(), 1);
    app.run_command(Command::Undo);
    assert_eq!(app.project(), &before);
}

#[test]
fn a_paste_that_cannot_all_be_placed_places_none() {
    let mut app = sample_with_panels_selected(2);
    app.run_command(Command::Copy);
    let mut far = app.clipboard[1].clone();
    far.rect_mm = RectMm::new(limits::MAX_BOARD_SIDE_MM - 10.0, 0.0, 100.0, 100.0);
    app.clipboard[1] = far;
    let before = app.project().clone();
    let selection = app.selection.clone();
    app.run_command(Command::Paste);
    assert_eq!(app.project(), &before);
    assert_eq!(app.selection, selection);
    assert_eq!(app.doc.history().undo_len(), 0);
    assert!(app.notice.as_ref().is_some_and(|notice| notice.is_error));
}

#[test]
fn deleting_panels_is_one_undo_step() {
    let mut app = sample_with_panels_selected(3);
    let before = app.project().clone();
    app.run_command(Command::Delete);
    // The panels hold items: the clerk is asked whether they go too.
    assert!(matches!(
        app.pending_delete,
        Some(crate::ui::PendingDelete::Panels { .. })
    ));
    let panel_ids = app.selection.panel_ids.clone();
    app.pending_delete = None;
    app.delete_panels("board-1", &panel_ids, true);
    assert_eq!(
        app.project().boards[0].panels.len(),
        before.boards[0].panels.len() - 3
    );
    assert!(app.project().items.len() < before.items.len());
    assert!(app.selection.panel_ids.is_empty());
    assert_eq!(app.doc.history().undo_len(), 1);
    app.run_command(Command::Undo);
    assert_eq!(app.project(), &before);
}

#[test]
fn a_new_item_is_dated_by_the_app_day_not_the_clock() {
    use egui_kittest::{Harness, kittest::Queryable};
    let mut app = GongkaiApp::open_on(None, day(2030, 6, 15));
    let board_id = app.project().boards[0].id.clone();
    let panel_id = app.project().boards[0].panels[0].id.clone();
    app.selection = Selection::panel(&board_id, &panel_id);
    app.today = day(2031, 1, 2);
    let mut harness = Harness::builder()
        .with_size([1500.0, 920.0])
        .with_context_setup(install_fonts)
        .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app);
    harness.run();
    harness.get_by_label("新建事项").click();
    harness.run();
    let state = harness.state();
    let item_id = state.selection.item_id.as_deref().expect("the new item");
    let item = state.project().item(item_id).expect("the new item");
    assert_eq!(item.disclosure.changed_on, Some(day(2031, 1, 2)));
}

#[test]
fn a_new_project_is_the_town_template_made_on_the_app_day_and_unpublished() {
    let mut app = GongkaiApp::open_on(None, day(2030, 6, 15));
    app.today = day(2031, 1, 2);
    app.run_command(Command::New);
    let mut chooser = app
        .new_dialog
        .take()
        .expect("新建 opens the template chooser");
    chooser.kind = crate::catalog::TemplateKind::Town;
    app.create_new_project(&chooser);
    assert_eq!(app.project().created_on, Some(day(2031, 1, 2)));
    assert_eq!(
        app.project().items.len(),
        sample_project(day(2031, 1, 2)).items.len()
    );
    assert!(app.project().log.is_empty());
    assert!(
        app.project()
            .items
            .iter()
            .all(|item| item.disclosure.published_on.is_none()),
        "nothing is published until the clerk publishes"
    );
}
