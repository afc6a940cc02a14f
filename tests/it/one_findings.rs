//! One findings list (issue 32): the app's 检查结果 is `gongkai check`'s list, line for line,
//! for every template, the fixtures, and projects with a fault of each kind the check knows.

use crate::support::*;
use chrono::NaiveDate;
use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
use gongkai::jobs::{FindingKind, check_file};
use gongkai::model::{Block, DataSource, Project, SourceTarget, save_project};
use std::path::{Path, PathBuf};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

/// The fixture with one fault of each kind: an unmasked ID in a text and in a panel title, a
/// text far too long for its panel, a picture that is not there, a linked spreadsheet that is
/// gone.
fn faulty_fixture() -> Project {
    let mut project = fixture();
    let item_id = project.boards[0].panels[0].item_ids[0].clone();
    let item = project.item_mut(&item_id).expect("item");
    item.blocks.push(Block::Paragraph {
        text: format!("申请人身份证号 {}。", id_number(7)),
    });
    item.blocks.push(Block::Paragraph {
        text: "公开内容".repeat(3000),
    });
    item.blocks.push(Block::Image {
        path: "照片/没有这张.jpg".to_owned(),
        caption: String::new(),
        width_mm: None,
    });
    project.boards[0].panels[1].title = format!("联系人 {}", id_number(8));
    project.sources.push(DataSource {
        target: SourceTarget::Table(item_id),
        path: "不在了.xlsx".to_owned(),
        sheet: None,
        header_row: 1,
        columns: Vec::new(),
        hash: "0123456789abcdef".to_owned(),
    });
    project
}

fn cases() -> Vec<(String, Project)> {
    let mut cases: Vec<(String, Project)> = TemplateKind::ALL
        .into_iter()
        .map(|kind| {
            let options = TemplateOptions {
                unit_name: None,
                supervision_phone: None,
                board_size_mm: None,
                catalog: None,
                today: today(),
            };
            (kind.key().to_owned(), project_from_template(kind, &options))
        })
        .collect();
    cases.push(("fixture".to_owned(), fixture()));
    for older in [
        "qinghe-format1.gongkai.json",
        "town-2026-format2.gongkai.json",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(older);
        let project = gongkai::model::load_project(&path).expect("older fixture loads");
        cases.push((older.to_owned(), project));
    }
    cases.push(("faulty".to_owned(), faulty_fixture()));
    cases
}

fn saved(dir: &Path, name: &str, project: &Project) -> PathBuf {
    let file = dir.join(format!("{name}.gongkai.json"));
    save_project(project, &file).expect("save");
    file
}

/// What `gongkai check FILE` lists: its 问题/错误/警告 lines.
fn check_lines(file: &Path) -> Vec<String> {
    check_file(file, today())
        .stdout
        .into_iter()
        .filter(|line| {
            ["问题：", "错误：", "警告："]
                .iter()
                .any(|mark| line.starts_with(mark))
        })
        .collect()
}

#[test]
fn check_exits_1_exactly_when_its_list_has_something() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, project) in cases() {
        let file = saved(dir.path(), &name, &project);
        let outcome = check_file(&file, today());
        let listed = check_lines(&file);
        assert_eq!(
            outcome.exit_code == 1,
            !listed.is_empty(),
            "{name}: {outcome:?}"
        );
    }
}

#[test]
fn the_faulty_project_has_a_finding_of_each_kind_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = faulty_fixture();
    let file = saved(dir.path(), "faulty", &project);
    let mut engine = gongkai::layout::LayoutEngine::for_project(&project);
    let findings = gongkai::jobs::project_findings(&mut engine, &project, Some(&file), today());
    for kind in [
        FindingKind::Overflow,
        FindingKind::Picture,
        FindingKind::PersonalNumber,
        FindingKind::Source,
    ] {
        assert!(
            findings.iter().any(|finding| finding.kind == kind),
            "{kind:?} missing: {findings:#?}"
        );
    }
    // Both IDs are found, neither printed in full, and each has its 脱敏.
    let numbers: Vec<_> = findings
        .iter()
        .filter(|finding| finding.kind == FindingKind::PersonalNumber)
        .collect();
    assert!(numbers.len() >= 2, "{numbers:#?}");
    for finding in &numbers {
        assert!(finding.blocks_export);
        assert!(!finding.message.contains(&id_number(7)));
        assert!(!finding.message.contains(&id_number(8)));
    }
    // What stops an export comes first.
    let first_warning = findings
        .iter()
        .position(|finding| !finding.blocks_export)
        .unwrap_or(findings.len());
    assert!(
        findings[first_warning..]
            .iter()
            .all(|finding| !finding.blocks_export)
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_apps_findings_are_the_checks_line_for_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, project) in cases() {
        let file = saved(dir.path(), &name, &project);
        let expected = check_lines(&file);
        let mut harness = app_harness(gongkai::ui::GongkaiApp::open_on(
            Some(file.clone()),
            today(),
        ));
        harness.run();
        let shown: Vec<String> = harness
            .state()
            .findings()
            .into_iter()
            .map(|listed| listed.finding.line_zh())
            .collect();
        assert_eq!(shown, expected, "{name}");
        // The pane says the same count.
        use egui_kittest::kittest::Queryable;
        if expected.is_empty() {
            harness.get_by_label("未发现问题。");
        } else {
            harness.get_by_label(&format!("{} 个问题（点击定位）", expected.len()));
        }
    }
}

/// Clicking a finding on a linked spreadsheet that is gone selects its item (it did nothing).
#[cfg(feature = "gui")]
#[test]
fn clicking_a_changed_source_finding_selects_its_item() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let project = faulty_fixture();
    let item_id = project.boards[0].panels[0].item_ids[0].clone();
    let file = saved(dir.path(), "faulty", &project);
    let mut harness = app_harness(gongkai::ui::GongkaiApp::open_on(Some(file), today()));
    harness.run();
    harness.get_by_label_contains("不在了.xlsx").click();
    harness.run();
    assert_eq!(
        harness.state().selection.item_id.as_deref(),
        Some(item_id.as_str())
    );
}

/// The app's checking thread keeps each card design's household check between checks: what it
/// says is always what a fresh check says, after an edit elsewhere and after an edit of the
/// card's own 名单.
#[test]
fn the_kept_card_checks_never_go_stale() {
    // The fixture's 便民服务联系卡: 8 households, each card printing its own fields.
    let mut project = fixture();
    assert!(!project.cards[0].used_fields().is_empty());
    let mut memo = gongkai::jobs::FindingsMemo::default();
    let mut engine = gongkai::layout::LayoutEngine::for_project(&project);
    let lines = |findings: Vec<gongkai::jobs::Finding>| -> Vec<String> {
        findings.iter().map(|finding| finding.line_zh()).collect()
    };
    let mut check_both = |project: &Project| {
        let kept =
            gongkai::jobs::project_findings_with(&mut engine, project, None, today(), &mut memo);
        let mut fresh_engine = gongkai::layout::LayoutEngine::for_project(project);
        let fresh = gongkai::jobs::project_findings(&mut fresh_engine, project, None, today());
        (lines(kept), lines(fresh))
    };
    let (kept, fresh) = check_both(&project);
    assert_eq!(kept, fresh);
    // An edit on a board.
    project.boards[0].name = "青禾镇政务公开栏（新）".to_owned();
    let (kept, fresh) = check_both(&project);
    assert_eq!(kept, fresh);
    // An edit of the card's households: a name far too long for the card.
    let card = &mut project.cards[0];
    let mut record = card.records.first().cloned().unwrap_or_default();
    for field in card.used_fields() {
        record.insert(field, "很长的名字".repeat(60));
    }
    card.records.push(record);
    let (kept, fresh) = check_both(&project);
    assert_eq!(kept, fresh);
    assert!(
        kept.iter()
            .any(|line| line.contains("排不下") || line.contains("放不下")),
        "the long household is found: {kept:#?}"
    );
}
