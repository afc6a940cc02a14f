//! A clerk's own project (issue 11): templates, the unit's details on every page, several
//! boards, items that outlive their panel, and publishing that says what it will do.

use crate::support::*;
use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{self, PLACEHOLDER, Project};

pub(crate) fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

fn export_board(project: &Project, board: Option<&str>) -> gongkai::jobs::Exported {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode: ExportMode::Board,
        board: board.map(str::to_owned),
        scale_denominator: 10,
        ..ExportRequest::default()
    };
    export_project(&mut engine, project, &request).expect("export")
}

/// The village template with every 【请填写】 replaced, as a clerk leaves it.
pub(crate) fn filled_in_village() -> Project {
    let options = TemplateOptions {
        unit_name: Some("东湾村村民委员会".into()),
        supervision_phone: Some("0000-6613101".into()),
        ..TemplateOptions::new(day())
    };
    let project = project_from_template(TemplateKind::Village, &options);
    let json = serde_json::to_string(&project).expect("json");
    let mut project: Project =
        serde_json::from_str(&json.replace(PLACEHOLDER, "示例")).expect("back");
    project.meta.reviewer = "陈立新".into();
    project.meta.suggestion_box = "村委会门口".into();
    project
}

#[test]
fn list_templates_names_all_five() {
    let output = gongkai(&["new", "--list-templates"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let listed = text(&output.stdout);
    for kind in TemplateKind::ALL {
        assert!(listed.contains(kind.key()), "{listed}");
        assert!(listed.contains(kind.name_zh()), "{listed}");
    }
}

#[test]
fn new_village_with_unit_and_phone_then_check_lists_the_placeholders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("东湾村.gongkai.json");
    let file = file.to_str().expect("utf-8");
    let created = gongkai(&[
        "new",
        "--template",
        "village",
        "--unit",
        "东湾村村民委员会",
        "--phone",
        "0000-6613101",
        "-o",
        file,
    ]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    assert!(
        text(&created.stdout).contains("待填写"),
        "{}",
        text(&created.stdout)
    );
    let saved = std::fs::read_to_string(file).expect("saved");
    let blanks = saved.matches(model::PLACEHOLDER).count();
    assert!(
        text(&created.stdout).contains(&format!("还有 {blanks} 处“【请填写】”待填写")),
        "every blank in the file is counted ({blanks}): {}",
        text(&created.stdout)
    );
    let project = model::load_project(std::path::Path::new(file)).expect("loads");
    assert_eq!(project.meta.unit_name, "东湾村村民委员会");
    assert_eq!(project.meta.supervision_phone, "0000-6613101");
    let checked = gongkai(&["check", file, "--today", "2026-03-01"]);
    assert_eq!(checked.status.code(), Some(1));
    let out = text(&checked.stdout);
    assert!(
        out.contains("公开栏“村务公开栏”栏目“党务公开”中的“党组织设置及成员”还有“【请填写】”"),
        "{out}"
    );
    assert!(
        out.contains("公开栏“村务公开栏”的栏脚还有“【请填写】”"),
        "{out}"
    );
    assert!(out.contains("单位信息“意见箱位置”还没有填写"), "{out}");
    // The export preflight refuses the same.
    let pdf = dir.path().join("board.pdf");
    let exported = gongkai(&[
        "export",
        file,
        "--scale",
        "10",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(exported.status.code(), Some(1));
    assert!(text(&exported.stderr).contains("【请填写】"));
    assert!(!pdf.exists());
    // Filled in and exported before the first 发布: the footer has no 公开日期, and the export says so.
    let filled = std::fs::read_to_string(file)
        .expect("saved")
        .replace(PLACEHOLDER, "（示例）");
    let mut project = model::parse_project(&filled).expect("loads");
    project.meta.suggestion_box = "村委会大门右侧".into();
    project.meta.default_publisher = "东湾村村民委员会".into();
    project.meta.reviewer = "东湾村村务监督委员会".into();
    project.meta.consult_phone = "0000-6613102".into();
    model::save_project(&project, std::path::Path::new(file)).expect("saves");
    let forced = gongkai(&[
        "export",
        file,
        "--scale",
        "10",
        "--force",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    assert!(
        text(&forced.stdout).contains("公开栏“村务公开栏”还没有发布过，栏脚没有印本期公开日期"),
        "{}",
        text(&forced.stdout)
    );
    assert!(
        !pdftotext_lines(&std::fs::read(&pdf).expect("pdf"), 1)
            .join("\n")
            .contains("本期公开日期")
    );
}

/// The town template starts from the sample: a town of another name gets its 青禾镇 text
/// named wherever it is (单位简介, the contact card, the address), and the board export is
/// refused until it is replaced, as a 【请填写】 would be. The sample itself is not flagged.
#[test]
fn a_town_made_from_the_sample_is_told_where_the_sample_s_text_still_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("青石镇.gongkai.json");
    let file = file.to_str().expect("utf-8");
    let created = gongkai(&[
        "new",
        "--template",
        "town",
        "--unit",
        "青石镇人民政府",
        "--phone",
        "0000-6613101",
        "-o",
        file,
    ]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    assert!(
        text(&created.stdout).contains("还是示例“青禾镇”的文字"),
        "{}",
        text(&created.stdout)
    );
    let checked = gongkai(&["check", file, "--today", "2026-03-01"]);
    assert_eq!(checked.status.code(), Some(1));
    let out = text(&checked.stdout);
    for place in [
        "中的“单位简介”还是示例“青禾镇”的文字（模板自带的虚构内容），请改成本单位的实际内容后再打印。",
        "明白卡“便民服务联系卡”还是示例“青禾镇”的文字",
        "单位信息“地址”还是示例“青禾镇”的文字",
    ] {
        assert!(out.contains(place), "{place} in {out}");
    }
    let pdf = dir.path().join("board.pdf");
    let refused = gongkai(&["export", file, "-o", pdf.to_str().expect("utf-8")]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(!pdf.exists());
    // The sample (its unit is 青禾镇) has none.
    assert!(
        !model::placeholder_places(&fixture())
            .iter()
            .any(|place| place.sample_text)
    );
}

#[test]
fn a_published_board_exports_without_the_not_yet_published_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("board.pdf");
    let exported = gongkai(&[
        "export",
        fixture_path().to_str().expect("utf-8"),
        "--scale",
        "10",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        text(&exported.stderr)
    );
    assert!(
        !text(&exported.stdout).contains("还没有发布过"),
        "{}",
        text(&exported.stdout)
    );
    assert!(
        pdftotext_lines(&std::fs::read(&pdf).expect("pdf"), 1)
            .join("\n")
            .contains("本期公开日期")
    );
}

#[test]
fn unknown_template_is_refused_with_the_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("x.gongkai.json");
    let output = gongkai(&[
        "new",
        "--template",
        "castle",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("village（村务公开栏）"));
    assert!(!file.exists());
}

#[test]
fn blank_template_takes_size_and_catalog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("blank.gongkai.json");
    let output = gongkai(&[
        "new",
        "--template",
        "空白",
        "--size",
        "3000x1500",
        "--catalog",
        "community",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let project = model::load_project(&file).expect("loads");
    assert_eq!(project.boards[0].size_mm.width_mm, 3000.0);
    assert!(project.boards[0].panels.is_empty());
    assert!(project.items.is_empty());
    assert!(project.catalog.entry("s01").is_some());
}

#[test]
fn the_village_board_prints_the_village_s_details() {
    let project = filled_in_village();
    let exported = export_board(&project, None);
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    let lines = pdftotext_lines(&exported.bytes, 1).join("\n");
    assert!(lines.contains("东湾村村务公开栏"), "{lines}");
    assert!(lines.contains("0000-6613101"), "{lines}");
    assert!(lines.contains("审核人"), "{lines}");
    assert!(lines.contains("陈立新"), "{lines}");
    assert!(!lines.contains("青禾"), "{lines}");
    assert!(!lines.contains('{'), "fields are filled: {lines}");
}

#[test]
fn old_files_without_the_new_unit_fields_still_load() {
    let loaded = fixture();
    assert!(loaded.meta.consult_phone.is_empty());
    assert!(loaded.meta.reviewer.is_empty());
    assert!(model::placeholder_places(&loaded).is_empty());
}

#[test]
fn export_board_all_writes_one_pdf_per_board_named_after_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = filled_in_village();
    let (mut board, items) =
        gongkai::catalog::board_from_template(TemplateKind::ServiceGuide, &project, day());
    board.name = "办事指南/东湾".into();
    project.items.extend(items);
    project.boards.push(board);
    let json = serde_json::to_string(&project)
        .expect("json")
        .replace(PLACEHOLDER, "示例");
    let project: Project = serde_json::from_str(&json).expect("back");
    let mut project = project;
    project.meta.consult_phone = "0000-6613102".into();
    project.meta.address = "东湾村委会".into();
    let file = dir.path().join("东湾村.gongkai.json");
    model::save_project(&project, &file).expect("save");
    let out = dir.path().join("pdf");
    let output = gongkai(&[
        "export",
        file.to_str().expect("utf-8"),
        "--board",
        "all",
        "--scale",
        "10",
        "--date",
        "2026-03-01",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let village = std::fs::read(out.join("村务公开栏.pdf")).expect("village board");
    let guide = std::fs::read(out.join("办事指南_东湾.pdf")).expect("guide board");
    assert!(pdftotext_lines(&village, 1).join("").contains("党务公开"));
    let guide_text = pdftotext_lines(&guide, 1).join("");
    assert!(guide_text.contains("最低生活保障申请"), "{guide_text}");
    assert!(
        guide_text.contains("0000-6613102"),
        "{{咨询电话}} filled: {guide_text}"
    );
}

#[test]
fn an_item_whose_panel_is_gone_is_unplaced_in_the_schedule_and_the_self_check() {
    let mut project = fixture();
    let removed = project.boards[0].panels.remove(0);
    let item_id = removed.item_ids[0].clone();
    let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 16).expect("date");
    let schedule = gongkai::schedule::project_schedule(&project, today);
    let row = schedule
        .iter()
        .find(|row| row.item_id == item_id)
        .expect("row");
    assert_eq!(row.status, gongkai::schedule::Status::Unplaced);
    assert_eq!(row.status.label_zh(), "未上栏");
    let table = gongkai::jobs::status_table(&project, today);
    assert!(
        table.lines.iter().any(|line| line.contains("未上栏")),
        "{:?}",
        table.lines
    );
    let rows = gongkai::schedule::self_check_rows(&project, today);
    let title = &project.item(&item_id).expect("item").title;
    let row = rows
        .iter()
        .find(|row| &row.item == title)
        .expect("self-check row");
    assert_eq!(row.status, gongkai::schedule::Status::Unplaced);
    assert_ne!(row.status.label_zh(), "正常");
}

#[test]
fn a_blank_on_a_card_stops_the_card_export_not_the_board() {
    let mut project = filled_in_village();
    project.cards[0].faces.front.panels[1]
        .blocks
        .push(model::Block::paragraph(format!("发放日期：{PLACEHOLDER}")));
    let problems = |project: &Project, mode| {
        let request = ExportRequest {
            mode,
            ..ExportRequest::default()
        };
        gongkai::jobs::placeholder_problems(project, &request)
    };
    assert!(problems(&project, ExportMode::Board).is_empty());
    assert!(problems(&project, ExportMode::Register).is_empty());
    let cards = problems(&project, ExportMode::Cards);
    assert_eq!(cards.len(), 1, "{cards:?}");
    assert!(cards[0].contains("明白卡“惠民政策明白卡”"));
    // An empty unit detail stops every export.
    project.meta.unit_name.clear();
    assert!(problems(&project, ExportMode::Board)[0].contains("单位信息“单位名称”还没有填写"));
}

/// The fixture in a temporary folder, as a clerk keeps it.
fn fixture_in_folder() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("青禾镇.gongkai.json");
    std::fs::copy(fixture_path(), &path).expect("copy");
    (dir, path)
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn status_of(
    project: &Project,
    item_id: &str,
    today: chrono::NaiveDate,
) -> gongkai::schedule::Status {
    gongkai::schedule::project_schedule(project, today)
        .into_iter()
        .find(|row| row.item_id == item_id)
        .expect("row")
        .status
}

#[test]
fn publish_confirm_unchanged_counts_due_items_as_published_and_check_agrees_next_day() {
    let (_dir, path) = fixture_in_folder();
    let file = path.to_str().expect("utf-8");
    // 2025年9月2日: the half-yearly items missed 8月31日.
    let before = fixture();
    assert!(status_of(&before, "p05-2", date(2025, 9, 2)).needs_action());
    let output = gongkai(&[
        "publish",
        file,
        "--today",
        "2025-09-02",
        "--confirm-unchanged",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let out = text(&output.stdout);
    assert!(out.contains("内容无变化，照常公开"), "{out}");
    let saved = model::load_project(&path).expect("saved");
    let item = saved.item("p05-2").expect("item");
    assert_eq!(item.disclosure.published_on, Some(date(2025, 9, 2)));
    assert_eq!(
        item.disclosure.published_fingerprint.as_deref(),
        Some(item.content_fingerprint().as_str())
    );
    assert!(saved.log.last().expect("log").summary.contains("照常公开"));
    let checked = gongkai(&["check", file, "--today", "2025-09-03"]);
    let out = text(&checked.stdout);
    assert!(!out.contains("逾期"), "{out}");
    assert_eq!(checked.status.code(), Some(0), "{out}");
}

#[test]
fn publish_confirm_one_item_leaves_the_others_overdue() {
    let (_dir, path) = fixture_in_folder();
    let file = path.to_str().expect("utf-8");
    let title = fixture().item("p05-2").expect("item").title.clone();
    let output = gongkai(&[
        "publish",
        file,
        "--today",
        "2025-09-02",
        "--confirm",
        &title,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("到期但内容未改，未确认"));
    let saved = model::load_project(&path).expect("saved");
    assert_eq!(
        status_of(&saved, "p05-2", date(2025, 9, 3)),
        gongkai::schedule::Status::Normal
    );
    let others_overdue = gongkai::schedule::project_schedule(&saved, date(2025, 9, 3))
        .iter()
        .any(|row| row.status == gongkai::schedule::Status::Overdue);
    assert!(others_overdue);
    let unknown = gongkai(&[
        "publish",
        file,
        "--today",
        "2025-09-02",
        "--confirm",
        "没有这项",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn an_edit_on_the_day_of_publishing_is_offered_on_the_next_publish() {
    let mut project = fixture();
    let day = date(2025, 9, 2);
    gongkai::schedule::publish_confirmed(&mut project, day, &[], &["p05-2".to_owned()]);
    assert!(
        gongkai::schedule::plan_publication(&project, day, &[])
            .to_stamp
            .is_empty()
    );
    // Later the same day the clerk corrects a figure.
    project
        .apply(model::Edit::SetItemBlocks {
            item_id: "p05-2".into(),
            blocks: vec![model::Block::paragraph("更正后的数字")],
            changed_on: Some(day),
        })
        .expect("edit");
    let plan = gongkai::schedule::plan_publication(&project, day, &[]);
    assert_eq!(plan.to_stamp.len(), 1);
    assert_eq!(plan.to_stamp[0].0, "p05-2");
    assert_eq!(
        status_of(&project, "p05-2", day),
        gongkai::schedule::Status::Pending
    );
    let outcome = gongkai::schedule::publish(&mut project, day, &[]);
    assert_eq!(outcome.stamped.len(), 1);
}

#[test]
fn check_reports_a_missing_archive_and_the_next_publish_writes_it() {
    let (dir, path) = fixture_in_folder();
    let file = path.to_str().expect("utf-8");
    let published = gongkai(&[
        "publish",
        file,
        "--today",
        "2025-09-02",
        "--confirm-unchanged",
    ]);
    assert_eq!(published.status.code(), Some(0));
    let archive = dir.path().join("青禾镇-archive").join("2025-09-02");
    assert!(archive.join(gongkai::jobs::MANIFEST).is_file());
    // The archive was cut short: its list is missing.
    std::fs::remove_file(archive.join(gongkai::jobs::MANIFEST)).expect("remove");
    let checked = gongkai(&["check", file, "--today", "2025-09-03"]);
    assert_eq!(checked.status.code(), Some(1));
    assert!(
        text(&checked.stdout).contains("2025年9月2日的发布没有完整的存档"),
        "{}",
        text(&checked.stdout)
    );
    let again = gongkai(&["publish", file, "--today", "2025-09-03"]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    assert!(
        text(&again.stdout).contains("补写了2025年9月2日发布的存档"),
        "{}",
        text(&again.stdout)
    );
    assert!(archive.join(gongkai::jobs::MANIFEST).is_file());
    let checked = gongkai(&["check", file, "--today", "2025-09-03"]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked.stdout));
}

/// Kills `gongkai publish` at points spread over its run (a fixed sequence, a few seconds in
/// all): afterwards the day's archive folder is either absent or complete, and what a killed
/// run left behind is cleared by the next one.
#[test]
fn a_killed_publish_leaves_no_archive_or_a_complete_one() {
    let (dir, path) = fixture_in_folder();
    let mut project = fixture();
    project.items[3].disclosure.published_on = None; // something to stamp
    model::save_project(&project, &path).expect("save");
    let original = std::fs::read(&path).expect("read");
    let archives = dir.path().join("青禾镇-archive");
    let day_dir = archives.join("2025-09-02");
    // Microseconds after the start: a linear congruential sequence, so the run is repeatable.
    let mut seed: u64 = 11;
    let mut outcomes = (0, 0);
    let started = std::time::Instant::now();
    for _ in 0..12 {
        std::fs::write(&path, &original).expect("reset");
        let _ = std::fs::remove_dir_all(&day_dir);
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let delay_us = (seed >> 33) % 700_000;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "publish",
                path.to_str().expect("utf-8"),
                "--today",
                "2025-09-02",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_micros(delay_us));
        let _ = child.kill();
        let _ = child.wait();
        if day_dir.exists() {
            assert_eq!(
                gongkai::jobs::archive_incomplete(&path, date(2025, 9, 2)),
                None,
                "killed after {delay_us} µs: the archive is complete"
            );
            outcomes.1 += 1;
        } else {
            outcomes.0 += 1;
        }
        // The project file itself always loads (saved atomically).
        model::load_project(&path).expect("the project still loads");
    }
    assert!(started.elapsed().as_secs() < 30, "bounded");
    // A last, uninterrupted run clears what the killed ones left and writes a complete one.
    std::fs::write(&path, &original).expect("reset");
    let _ = std::fs::remove_dir_all(&day_dir);
    let done = gongkai(&[
        "publish",
        path.to_str().expect("utf-8"),
        "--today",
        "2025-09-02",
    ]);
    assert_eq!(done.status.code(), Some(0));
    assert_eq!(
        gongkai::jobs::archive_incomplete(&path, date(2025, 9, 2)),
        None
    );
    let leftovers: Vec<String> = std::fs::read_dir(&archives)
        .expect("archives")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!(
        "killed runs: {} without archive, {} with a complete one",
        outcomes.0, outcomes.1
    );
}

#[cfg(feature = "gui")]
mod designer {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use gongkai::ui::{Command, GongkaiApp, install_fonts};

    /// Issue 28, trap 3: started without a file, the app reopens the project opened last (the
    /// settings file named by GONGKAI_CONFIG); the sample and the chooser show only on a first
    /// run; a project created from the chooser is saved at once and reopens next time.
    #[test]
    #[allow(unsafe_code)]
    fn the_app_started_without_a_file_reopens_the_last_project() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = dir.path().join("设置").join("settings.json");
        // SAFETY: only this test reads GONGKAI_CONFIG (the app reads it in `run_app`).
        unsafe { std::env::set_var(gongkai::config::CONFIG_ENV, &config) };
        let config_path = gongkai::config::AppConfig::default_path();
        assert_eq!(config_path.as_deref(), Some(config.as_path()));
        let project_file = dir.path().join("东湾村.gongkai.json");
        let options = gongkai::catalog::TemplateOptions {
            unit_name: Some("东湾村村民委员会".into()),
            ..gongkai::catalog::TemplateOptions::new(day())
        };
        let village = gongkai::catalog::project_from_template(
            gongkai::catalog::TemplateKind::Village,
            &options,
        );
        model::save_project(&village, &project_file).expect("save");

        // First run: the sample behind the chooser.
        let first = GongkaiApp::start(None, day(), config_path.clone());
        assert!(first.is_showing_sample());
        assert!(first.new_dialog.is_some());
        let mut opened = harness(first);
        opened.state_mut().open_file(&project_file);
        opened.run();
        drop(opened);
        assert!(config.is_file(), "remembered as soon as it was opened");

        // Next start, no file given: the same project, no chooser, the file in the title.
        let again = GongkaiApp::start(None, day(), config_path.clone());
        assert_eq!(
            again.doc.path().and_then(|path| path.file_name()),
            project_file.file_name()
        );
        assert!(again.new_dialog.is_none());
        assert!(
            again.title().contains("东湾村.gongkai.json"),
            "{}",
            again.title()
        );
        let board = again.project().boards[0].name.clone();
        let shown = harness(again);
        assert!(
            shown.query_all_by_label_contains(&board).next().is_some(),
            "the outline shows {board}"
        );
        drop(shown);

        // 新建 later: the chooser offers the recent project first; one click opens it.
        let mut again = harness(GongkaiApp::start(None, day(), config_path.clone()));
        again.state_mut().run_command(Command::New);
        again.run();
        again.get_by_label("继续最近的项目：");
        again.get_by_label("打开 东湾村.gongkai.json").click();
        again.run();
        assert!(again.state().new_dialog.is_none());
        assert_eq!(
            again.state().doc.path().and_then(|path| path.file_name()),
            project_file.file_name()
        );
        // 打开… starts in the projects' folder last used.
        again.state_mut().run_command(Command::Open);
        again.run();
        assert!(
            again
                .state()
                .files
                .path_text
                .starts_with(&dir.path().display().to_string()),
            "{}",
            again.state().files.path_text
        );
        drop(again);

        // The project gone: the chooser lists no dead file and no sample shows behind it.
        std::fs::remove_file(&project_file).expect("remove");
        let gone = GongkaiApp::start(None, day(), config_path.clone());
        assert!(gone.doc.path().is_none());
        assert!(!gone.is_showing_sample(), "the sample only on a first run");
        assert!(gone.new_dialog.is_some());
        unsafe { std::env::remove_var(gongkai::config::CONFIG_ENV) };
    }

    pub fn harness(app: GongkaiApp) -> Harness<'static, GongkaiApp> {
        let mut harness = Harness::builder()
            .with_size([1500.0, 920.0])
            .with_context_setup(install_fonts)
            .build_ui_state(|ui, app: &mut GongkaiApp| app.app_ui(ui), app);
        harness.run();
        harness
    }

    /// 文件 → 新建 → 村务公开栏, the unit's name and phone typed in the chooser.
    pub fn new_village(harness: &mut Harness<'static, GongkaiApp>) {
        harness.state_mut().run_command(Command::New);
        harness.run();
        harness.get_by_label("村务公开栏").click();
        harness.run();
        let unit = harness.get_by_label("单位名称");
        unit.focus();
        unit.type_text("东湾村村民委员会");
        harness.run();
        let phone = harness.get_by_label("监督电话");
        phone.focus();
        phone.type_text("0000-6613101");
        harness.run();
        harness.get_by_label("创建").click();
        harness.run();
    }

    #[test]
    fn a_new_village_project_carries_the_village_s_name_into_the_exported_footer() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        new_village(&mut harness);
        {
            let state = harness.state();
            assert_eq!(state.project().meta.unit_name, "东湾村村民委员会");
            assert_eq!(state.project().meta.supervision_phone, "0000-6613101");
            assert!(state.unit_info_open, "单位信息 is asked for next");
            assert_eq!(state.project().boards[0].panels.len(), 3);
        }
        // The rest of the details in the 单位信息 window.
        let reviewer = harness.get_by_label("村务监督委员会 / 审核人");
        reviewer.focus();
        reviewer.type_text("陈立新");
        harness.run();
        harness.get_by_label("完成").click();
        harness.run();
        assert!(!harness.state().unit_info_open);
        let project = harness.state().project().clone();
        assert_eq!(project.meta.reviewer, "陈立新");
        let exported = export_board(&project, None);
        assert!(
            exported.problems.iter().any(|p| p.contains(PLACEHOLDER)),
            "the template's blanks stop the export"
        );
        let lines = pdftotext_lines(&exported.bytes, 1).join("\n");
        assert!(lines.contains("东湾村村务公开栏"), "{lines}");
        assert!(lines.contains("监督电话：0000-6613101"), "{lines}");
        assert!(!lines.contains("青禾"), "{lines}");
    }

    #[test]
    fn a_blank_project_gets_a_second_board_panels_and_text_then_exports_both() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        harness.state_mut().run_command(Command::New);
        harness.run();
        harness.get_by_label("空白").click();
        harness.run();
        let unit = harness.get_by_label("单位名称");
        unit.focus();
        unit.type_text("西岭村村民委员会");
        harness.run();
        harness.get_by_label("创建").click();
        harness.run();
        harness.get_by_label("完成").click();
        harness.run();
        assert_eq!(harness.state().project().boards.len(), 1);
        assert!(harness.state().project().items.is_empty());
        // One board more, from a preset.
        harness.get_by_label("添加公开栏").click();
        harness.run();
        harness.get_by_label_contains("空白 600×800 毫米").click();
        harness.run();
        assert_eq!(harness.state().project().boards.len(), 2);
        let second = harness.state().project().boards[1].id.clone();
        assert_eq!(
            harness.state().selection.board_id.as_deref(),
            Some(second.as_str())
        );
        // Two panels on it: unique names, side by side.
        harness.get_by_label("添加栏目").click();
        harness.run();
        harness.get_by_label("添加栏目").click();
        harness.run();
        let board = harness
            .state()
            .project()
            .board(&second)
            .expect("board")
            .clone();
        assert_eq!(board.panels.len(), 2);
        assert_ne!(board.panels[0].title, board.panels[1].title);
        assert!(!board.panels[0].rect_mm.overlaps(&board.panels[1].rect_mm));
        // Text in the second panel: a new item, typed.
        harness.get_by_label("新建事项").click();
        harness.run();
        let title = harness.get_by_label("事项名称");
        title.focus();
        title.type_text("通知");
        harness.run();
        harness.key_press(egui::Key::Escape);
        harness.run();
        // Undo and redo the board's deletion.
        harness.get_by_label("删除公开栏…").click();
        harness.run();
        harness.get_by_label("删除公开栏").click();
        harness.run();
        assert_eq!(harness.state().project().boards.len(), 1);
        harness.state_mut().run_command(Command::Undo);
        harness.run();
        assert_eq!(harness.state().project().boards.len(), 2);
        let project = harness.state().project().clone();
        let exported = export_board(&project, Some(&second));
        let lines = pdftotext_lines(&exported.bytes, 1).join("\n");
        assert!(lines.contains("西岭村"), "{lines}");
        assert!(lines.contains("通知"), "{lines}");
    }

    #[test]
    fn deleting_a_panel_can_keep_its_items_as_unplaced_and_place_them_again() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        harness.get_by_label("财务收支").click();
        harness.run();
        let item_ids = harness.state().project().boards[0]
            .panel("p05")
            .expect("p05")
            .item_ids
            .clone();
        harness.state_mut().run_command(Command::Delete);
        harness.run();
        harness.get_by_label_contains("这些内容要一起删除，还是保留为“未上栏”");
        harness.get_by_label("保留内容为未上栏").click();
        harness.run();
        assert!(harness.state().project().boards[0].panel("p05").is_none());
        let unplaced: Vec<String> = harness
            .state()
            .unplaced_items()
            .iter()
            .map(|item| item.id.clone())
            .collect();
        assert_eq!(unplaced, item_ids);
        harness.get_by_label_contains("未上栏（");
        let first_title = harness
            .state()
            .project()
            .item(&item_ids[0])
            .expect("item")
            .title
            .clone();
        harness
            .get_by_label(&format!("{first_title}【未上栏】"))
            .click();
        harness.run();
        assert_eq!(
            harness.state().selection.item_id.as_deref(),
            Some(item_ids[0].as_str())
        );
        harness.get_by_label_contains("未上栏：没有栏目显示这项内容");
        harness.get_by_label("放到栏目").click();
        harness.run();
        harness.get_by_label("　收费标准").click();
        harness.run();
        let placed = harness.state().project().boards[0]
            .panels
            .iter()
            .find(|panel| panel.title == "收费标准")
            .expect("panel")
            .item_ids
            .contains(&item_ids[0]);
        assert!(placed);
        assert_eq!(harness.state().unplaced_items().len(), item_ids.len() - 1);
        // Dragged from 未上栏 onto a panel on the canvas, the next one goes there.
        let second_title = harness
            .state()
            .project()
            .item(&item_ids[1])
            .expect("item")
            .title
            .clone();
        let from = harness
            .get_by_label(&format!("{second_title}【未上栏】"))
            .rect()
            .center();
        let (to, target_id) = {
            let state = harness.state();
            let panel = state.project().boards[0]
                .panels
                .iter()
                .find(|panel| panel.title == "惠农补贴")
                .expect("panel");
            let rect = panel.rect_mm;
            let transform = state.canvas.last_transform.expect("canvas drawn");
            let centre = egui::pos2(
                rect.x_mm + rect.width_mm / 2.0,
                rect.y_mm + rect.height_mm / 2.0,
            );
            (transform.transform_pos(centre), panel.id.clone())
        };
        harness.hover_at(from);
        harness.run();
        harness.drag_at(from);
        harness.run();
        for step in 1..=5 {
            harness.hover_at(from + (to - from) * (step as f32 / 5.0));
            harness.run();
        }
        harness.drop_at(to);
        harness.run();
        harness.run();
        let on_target = harness.state().project().boards[0]
            .panel(&target_id)
            .expect("panel")
            .item_ids
            .contains(&item_ids[1]);
        assert!(on_target, "dropped on the canvas panel");
        assert_eq!(harness.state().unplaced_items().len(), item_ids.len() - 2);
        // Deleting with the items removes them too (one undo step brings all back).
        harness.get_by_label("收费标准").click();
        harness.run();
        harness.state_mut().run_command(Command::Delete);
        harness.run();
        let before = harness.state().project().items.len();
        harness.get_by_label("连同内容一起删除").click();
        harness.run();
        assert!(harness.state().project().items.len() < before);
        harness.state_mut().run_command(Command::Undo);
        harness.run();
        assert_eq!(harness.state().project().items.len(), before);
    }

    /// The 自查情况表 of a new village is a 村务公开 one, and the catalog entries without
    /// content it counts as 未公开 are listed on the 公开时效 page too, so the numbers agree;
    /// the page opens with 单位信息 still open after 新建.
    #[test]
    fn a_new_village_s_self_check_counts_what_the_schedule_page_lists() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        // Through the chooser: the 单位信息 window it opens leaves the left side's tabs free.
        new_village(&mut harness);
        assert!(harness.state().unit_info_open);
        let project = harness.state().project().clone();
        let document = gongkai::schedule::self_check_document(&project, day());
        assert_eq!(document.title, "东湾村村民委员会村务公开自查情况表");
        let without_content = gongkai::schedule::self_check_rows(&project, day())
            .iter()
            .filter(|row| row.item.is_empty())
            .count();
        assert!(
            without_content > 0,
            "the village template leaves entries open"
        );
        let said = format!("{document:?}");
        assert!(
            said.contains(&format!("有{without_content}项是目录所列事项")),
            "{said}"
        );
        harness.get_by_label("公开时效").click();
        harness.run();
        harness.get_by_label(&format!("目录中尚无公开内容的事项（{without_content}）"));
        // The counts at the top say them too, as the 自查情况表 counts them.
        harness.get_by_label(&format!("目录事项无内容 {without_content}"));
    }

    #[test]
    fn the_publish_preview_re_confirms_an_unchanged_overdue_item() {
        let (_dir, path) = fixture_in_folder();
        let mut app = GongkaiApp::open_on(Some(path.clone()), date(2025, 9, 2));
        app.today = date(2025, 9, 2);
        let mut harness = harness(app);
        harness.get_by_label("公开时效").click();
        harness.run();
        harness.get_by_label("发布（盖公开日期并存档）…").click();
        harness.run();
        harness.get_by_label_contains("到期但内容未改");
        harness.get_by_label_contains("发布后仍逾期");
        let title = harness
            .state()
            .project()
            .item("p05-2")
            .expect("item")
            .title
            .clone();
        let status = status_of(harness.state().project(), "p05-2", date(2025, 9, 2));
        harness
            .get_by_label(&format!(
                "{title}【{}】：内容无变化，照常公开",
                status.label_zh()
            ))
            .click();
        harness.run();
        harness.get_by_label("确认发布").click();
        harness.run();
        assert!(harness.state().publish_preview.is_none());
        let saved = model::load_project(&path).expect("saved");
        assert_eq!(
            saved.item("p05-2").expect("item").disclosure.published_on,
            Some(date(2025, 9, 2))
        );
        let table = gongkai::jobs::status_table(&saved, date(2025, 9, 3));
        let line = table
            .lines
            .iter()
            .find(|line| line.contains(&title))
            .expect("line");
        assert!(
            !line.contains("逾期") && !line.contains("内容过期"),
            "{line}"
        );
    }

    /// The preview says beforehand what 发布 will hold back (it listed such an item among those
    /// to be stamped, and only the message after publishing named it).
    #[test]
    fn the_publish_preview_names_an_item_held_back_and_publishing_leaves_it_unstamped() {
        let (_dir, path) = fixture_in_folder();
        let mut project = model::load_project(&path).expect("fixture");
        let before = project.item("p12-2").expect("item").disclosure.published_on;
        project
            .item_mut("p12-2")
            .expect("item")
            .blocks
            .push(model::Block::paragraph("值班电话：【请填写】"));
        model::save_project(&project, &path).expect("save");
        let title = project.item("p12-2").expect("item").title.clone();
        let mut harness = harness(GongkaiApp::open_on(Some(path.clone()), date(2025, 9, 2)));
        harness.get_by_label("公开时效").click();
        harness.run();
        harness.get_by_label("发布（盖公开日期并存档）…").click();
        harness.run();
        harness.get_by_label_contains("暂不盖日期");
        harness.get_by_label(&format!("　{title}：还有【请填写】"));
        assert!(harness.query_by_label(&format!("　{title}")).is_none());
        harness.get_by_label("确认发布").click();
        harness.run();
        let saved = model::load_project(&path).expect("saved");
        assert_eq!(
            saved.item("p12-2").expect("item").disclosure.published_on,
            before
        );
    }

    #[test]
    fn a_panel_width_beyond_its_board_is_clamped_and_said_so() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        harness.get_by_label("收费标准").click();
        harness.run();
        let x_mm = harness.state().project().boards[0]
            .panel("p04")
            .expect("p04")
            .rect_mm
            .x_mm;
        let field = harness.get_by_label("宽");
        field.focus();
        harness.run();
        harness.get_by_label("宽").type_text("99999");
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        let width_mm = harness.state().project().boards[0]
            .panel("p04")
            .expect("p04")
            .rect_mm
            .width_mm;
        assert!((width_mm - (2400.0 - x_mm)).abs() < 0.01, "{width_mm}");
        harness.get_by_label_contains("宽只能在");
        // Undone, the width is the old one again and the note goes with it.
        harness.state_mut().run_command(Command::Undo);
        harness.run();
        harness.run();
        assert_eq!(
            harness.query_all_by_label_contains("宽只能在").count(),
            0,
            "the note is gone after 撤销"
        );
    }

    /// 新建 → 村务公开栏 → fill in → one board more → export the second board from the app's
    /// export dialog: the PDF is that board's, named after it, with the village's footer.
    #[test]
    fn the_app_exports_the_board_on_the_canvas_named_after_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("东湾村.gongkai.json");
        model::save_project(&filled_in_village(), &path).expect("save");
        let mut harness = harness(GongkaiApp::open_on(Some(path.clone()), day()));
        harness.get_by_label("添加公开栏").click();
        harness.run();
        harness.get_by_label("模板：便民服务中心办事指南栏").click();
        harness.run();
        // Fill in the guide's blanks as a clerk would, in one go here.
        let mut project = harness.state().project().clone();
        for item in &mut project.items {
            for block in &mut item.blocks {
                if let model::Block::KeyValue { pairs } = block {
                    for pair in pairs {
                        pair.value = pair.value.replace(PLACEHOLDER, "见窗口说明");
                    }
                }
                // The 办理流程 chart's 办理时限 ask for the days too.
                if let model::Block::Flowchart(chart) = block {
                    for step in &mut chart.steps {
                        step.text = step.text.replace(PLACEHOLDER, "5");
                        step.time_limit = step.time_limit.replace(PLACEHOLDER, "5");
                    }
                }
            }
        }
        project.meta.consult_phone = "0000-6613102".into();
        project.meta.address = "东湾村便民服务站".into();
        harness.state_mut().doc.replace_as_step(project);
        harness.run();
        let second = harness.state().project().boards[1].id.clone();
        harness.state_mut().run_command(Command::Export);
        harness.run();
        assert_eq!(
            harness.state().export.request.board.as_deref(),
            Some(second.as_str())
        );
        let expected = dir.path().join("东湾村-便民服务中心办事指南栏.pdf");
        assert_eq!(
            std::path::PathBuf::from(harness.state().files.path_text.trim()),
            expected
        );
        harness.get_by_label("确定导出").click();
        harness.run();
        harness.state_mut().wait_for_export();
        harness.run();
        let bytes = std::fs::read(&expected).unwrap_or_else(|error| {
            panic!(
                "the PDF: {error}; the app said {:?}",
                harness
                    .state()
                    .notice
                    .as_ref()
                    .map(|notice| notice.text.clone())
            )
        });
        let lines = pdftotext_lines(&bytes, 1).join("\n");
        assert!(lines.contains("东湾村便民服务中心办事指南"), "{lines}");
        assert!(lines.contains("0000-6613101"), "{lines}");
        assert!(
            !lines.contains("党务公开"),
            "the second board only: {lines}"
        );
    }

    /// The register ticked 对内 in the export dialog gets a file name of its own, so that it
    /// never overwrites (or passes for) the public register; unticked, the name goes back.
    #[test]
    fn the_internal_register_is_never_named_like_the_public_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("东湾村.gongkai.json");
        model::save_project(&filled_in_village(), &path).expect("save");
        let mut harness = harness(GongkaiApp::open_on(Some(path.clone()), day()));
        harness.state_mut().run_command(Command::Export);
        harness.run();
        harness.get_by_label("表簿（A4 页）").click();
        harness.run();
        let path_text = |harness: &egui_kittest::Harness<'_, GongkaiApp>| {
            std::path::PathBuf::from(harness.state().files.path_text.trim())
        };
        assert_eq!(path_text(&harness), dir.path().join("东湾村-表簿.pdf"));
        let internal = "对内表簿（包括对内公开的事项，只在机关内部使用）";
        harness.get_by_label(internal).click();
        harness.run();
        assert_eq!(path_text(&harness), dir.path().join("东湾村-对内表簿.pdf"));
        harness.get_by_label(internal).click();
        harness.run();
        assert_eq!(path_text(&harness), dir.path().join("东湾村-表簿.pdf"));
    }

    /// 文件 → 生成自查情况表 / 生成公开目录: the reports a clerk hands the inspectors, from
    /// the app (not only `gongkai report`), beside the project by default.
    #[test]
    fn the_app_writes_the_self_check_table_and_the_catalog() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("东湾村.gongkai.json");
        model::save_project(&filled_in_village(), &path).expect("save");
        let mut harness = harness(GongkaiApp::open_on(Some(path.clone()), day()));
        for (menu_entry, file, title) in [
            (
                "生成自查情况表（A4）…",
                "东湾村-自查情况表.pdf",
                "自查情况表",
            ),
            ("生成公开目录（A4）…", "东湾村-公开目录.pdf", "公开目录"),
        ] {
            harness.get_by_label("文件").click();
            harness.run();
            harness.get_by_label(menu_entry).click();
            harness.run();
            let expected = dir.path().join(file);
            assert_eq!(
                std::path::PathBuf::from(harness.state().files.path_text.trim()),
                expected
            );
            harness.get_by_label("确定生成").click();
            harness.run();
            let bytes = std::fs::read(&expected).expect("the report");
            let lines = pdftotext_lines(&bytes, 1).join("\n");
            assert!(lines.contains(title), "{lines}");
            assert!(lines.contains("东湾村"), "{lines}");
            assert!(harness.state().files.purpose.is_none(), "the dialog closed");
            let said = harness
                .state()
                .notice
                .as_ref()
                .map(|notice| notice.text.clone())
                .unwrap_or_default();
            assert!(said.starts_with(&format!("已生成{title}")), "{said}");
        }
    }

    /// A card zoomed in, then the board chosen in the outline: the board is fitted to the
    /// canvas, not shown at the card's 200 % as one red block.
    #[test]
    fn going_from_a_zoomed_card_to_the_board_fits_the_board() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        harness.run();
        let fitted_board = harness.state().canvas.zoom;
        let card_id = harness.state().project().cards[0].id.clone();
        harness
            .state_mut()
            .select_card(&card_id, gongkai::model::CardSide::Front);
        harness.run();
        for _ in 0..3 {
            harness.state_mut().run_command(Command::ZoomIn);
            harness.run();
        }
        let zoomed_card = harness.state().canvas.zoom;
        assert!(
            zoomed_card > fitted_board * 4.0,
            "{zoomed_card} / {fitted_board}"
        );
        let board = &harness.state().project().boards[0];
        let title = format!(
            "{}（{}×{} 毫米）",
            board.name, board.size_mm.width_mm, board.size_mm.height_mm
        );
        harness.get_by_label(&title).click();
        harness.run();
        harness.run();
        let zoom = harness.state().canvas.zoom;
        assert!(
            (zoom - fitted_board).abs() < fitted_board * 0.01,
            "the board fitted again: {zoom}, fitted {fitted_board}"
        );
    }

    /// 文件 → 退出 with unsaved changes asks first, as closing the window does; 取消 keeps
    /// the app and the changes.
    #[test]
    fn quitting_from_the_file_menu_asks_about_unsaved_changes() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        {
            let mut meta = harness.state_mut().project().meta.clone();
            meta.reviewer = "张监委".into();
            harness
                .state_mut()
                .apply_edit(gongkai::model::Edit::SetMeta(meta));
        }
        harness.run();
        harness.get_by_label("文件").click();
        harness.run();
        harness.get_by_label("退出").click();
        harness.run();
        harness.get_by_label("不保存");
        harness.get_by_label("取消").click();
        harness.run();
        assert_eq!(harness.query_all_by_label("不保存").count(), 0);
        assert_eq!(harness.state().project().meta.reviewer, "张监委");
    }

    /// Opened without a file, the app says the project on screen is the invented sample, in
    /// the title and the status bar, until the clerk makes her own.
    #[test]
    fn the_sample_says_it_is_one_until_a_project_of_her_own_is_made() {
        let mut harness = harness(GongkaiApp::open_on(None, day()));
        harness.run();
        assert!(
            harness
                .state()
                .title()
                .starts_with("示例项目（虚构的青禾镇）")
        );
        harness.get_by_label_contains("这是示例项目：青禾镇和其中的内容都是虚构的");
        new_village(&mut harness);
        harness.run();
        assert_eq!(
            harness.query_all_by_label_contains("这是示例项目").count(),
            0
        );
        assert!(harness.state().title().starts_with("未命名项目"));
    }

    /// A card design named …卡 is not named …卡-明白卡 again in the export's file name.
    #[test]
    fn a_card_export_is_named_after_the_card_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("东湾村.gongkai.json");
        model::save_project(&fixture(), &path).expect("save");
        let mut harness = harness(GongkaiApp::open_on(Some(path.clone()), day()));
        let card_id = harness.state().project().cards[0].id.clone();
        harness
            .state_mut()
            .select_card(&card_id, gongkai::model::CardSide::Front);
        harness.run();
        harness.state_mut().run_command(Command::Export);
        harness.run();
        assert_eq!(
            std::path::PathBuf::from(harness.state().files.path_text.trim()),
            dir.path().join("东湾村-便民服务联系卡.pdf")
        );
    }
}
