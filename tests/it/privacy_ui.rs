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
    let mut app = crate::support::open_app(Some(file));
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    (dir, app)
}

fn paragraph_texts(app: &GongkaiApp) -> Vec<String> {
    app.project()
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
    let undo_steps = harness.state().doc.history().undo_len();
    harness.get_by_label("脱敏").click();
    harness.run();
    assert!(harness.query_by_label_contains("未脱敏").is_none());
    assert!(
        paragraph_texts(harness.state()).contains(&"代办联系人：139****5678".to_owned()),
        "the project's text is masked"
    );
    assert_eq!(harness.state().doc.history().undo_len(), undo_steps + 1);
    let item = harness
        .state()
        .project()
        .item("p12-2")
        .expect("item")
        .clone();
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
        harness
            .state()
            .project()
            .settings
            .privacy
            .allowed
            .is_empty(),
        "no reason, no allowance"
    );
    let label = format!("允许公开号码 {MOBILE} 的理由：");
    let field = harness.get_by_label(&label);
    field.focus();
    field.type_text("代办员工作电话，本人同意公开");
    harness.run();
    harness.get_by_label("确定允许公开").click();
    harness.run();
    let project = &harness.state().project();
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

/// A table of cadres' work phones: 允许公开 on one offers the column's other numbers with the
/// same reason; ticked, all of them are allowed in one undo step and each goes to the 台账.
#[test]
fn a_column_of_work_phones_is_allowed_with_one_reason() {
    let phones = ["13912345678", "13812345679", "13712345670"];
    let mut project = fixture();
    let item = project.item_mut("p12-2").expect("item");
    item.blocks.push(Block::Table(gongkai::model::Table {
        columns: vec!["姓名".into(), "职务".into(), "联系电话".into()],
        rows: phones
            .iter()
            .enumerate()
            .map(|(index, phone)| vec![format!("干部{index}"), "镇干部".into(), (*phone).into()])
            .collect(),
        column_kinds: vec![gongkai::model::ColumnKind::Text; 3],
        total_row: false,
    }));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("qinghe.gongkai.json");
    save_project(&project, &file).expect("save");
    let mut app = crate::support::open_app(Some(file));
    app.today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let mut harness = app_harness(app);
    assert_eq!(harness.query_all_by_label("允许公开…").count(), 3);
    harness
        .query_all_by_label("允许公开…")
        .next()
        .expect("a button")
        .click();
    harness.run();
    let field = harness.get_by_label_contains("的理由：");
    field.focus();
    field.type_text("镇干部工作电话，本人同意公开");
    harness.run();
    harness
        .get_by_label("同一列另外 2 个号码也允许公开（同一理由）")
        .click();
    harness.run();
    let steps = harness.state().doc.history().undo_len();
    harness.get_by_label("确定允许公开").click();
    harness.run();
    let project = &harness.state().project();
    assert_eq!(project.settings.privacy.allowed.len(), 3);
    assert_eq!(
        project
            .log
            .iter()
            .filter(|entry| entry.kind == LogKind::AllowedPublic)
            .count(),
        3
    );
    assert_eq!(harness.state().doc.history().undo_len(), steps + 1);
    assert!(harness.query_by_label_contains("未脱敏").is_none());
}
