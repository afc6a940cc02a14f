//! In the designer: a personal number that would print in full is listed among the findings
//! and framed on the canvas; 脱敏 masks it in one click (one undo step); 允许公开 asks for the
//! reason and writes it to the 台账.

use crate::support::*;
use egui_kittest::kittest::Queryable;
use gongkai::model::{Block, LogKind, save_project};
use gongkai::ui::GongkaiApp;

const MOBILE: &str = "13912345678";

/// The fixture with a household's mobile typed into the 监督举报 panel's first item.
fn app_with_exposed_mobile() -> (tempfile::TempDir, GongkaiApp) {
    let mut project = fixture();
    let item = project.item_mut("p12-2").expect("item");
    item.blocks
        .push(Block::paragraph(format!("代办联系人：{MOBILE}")));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("qinghe.gongkai.json");
    save_project(&project, &file).expect("save");
    let mut app = GongkaiApp::open(Some(file));
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    (dir, app)
}

fn paragraph_texts(app: &GongkaiApp) -> Vec<String> {
    app.project
        .item("p12-2")
        .expect("item")
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn one_click_masks_a_number_in_running_text() {
    let (_dir, app) = app_with_exposed_mobile();
    let mut harness = app_harness(app);
    harness.get_by_label_contains("手机号 139****5678 未脱敏");
    assert!(
        harness.query_by_label_contains(MOBILE).is_none(),
        "the full number is never shown in the findings"
    );
    let undo_steps = harness.state().history.undo_len();
    harness.get_by_label("脱敏").click();
    harness.run();
    assert!(harness.query_by_label_contains("未脱敏").is_none());
    assert!(
        paragraph_texts(harness.state()).contains(&"代办联系人：139****5678".to_owned()),
        "the project's text is masked"
    );
    assert_eq!(harness.state().history.undo_len(), undo_steps + 1);
    let item = harness.state().project.item("p12-2").expect("item").clone();
    assert_eq!(item.disclosure.changed_on, Some(harness.state().today));
}

#[test]
fn allowing_a_number_asks_for_the_reason_and_logs_it() {
    let (_dir, app) = app_with_exposed_mobile();
    let mut harness = app_harness(app);
    harness.get_by_label("允许公开…").click();
    harness.run();
    harness.get_by_label("确定允许公开").click();
    harness.run();
    assert!(
        harness.state().project.settings.privacy.allowed.is_empty(),
        "no reason, no allowance"
    );
    let label = format!("允许公开号码 {MOBILE} 的理由：");
    let field = harness.get_by_label(&label);
    field.focus();
    field.type_text("代办员工作电话，本人同意公开");
    harness.run();
    harness.get_by_label("确定允许公开").click();
    harness.run();
    let project = &harness.state().project;
    assert_eq!(project.settings.privacy.allowed.len(), 1);
    let entry = project.log.last().expect("logged");
    assert_eq!(entry.kind, LogKind::AllowedPublic);
    assert!(entry.summary.contains("代办员工作电话，本人同意公开"));
    assert!(harness.query_by_label_contains("未脱敏").is_none());
    assert!(
        paragraph_texts(harness.state()).contains(&format!("代办联系人：{MOBILE}")),
        "the project keeps the number as typed"
    );
}
