//! 发布 and the CLI on the qinghe fixture (stamped 2025-01-15): stamping, the log, running
//! twice in a day, the archive, and `check`'s status table and exit codes.

use chrono::NaiveDate;
use gongkai::model::{self, LogKind, Project};
use gongkai::schedule::{Status, archive_dir, project_schedule, publish, write_archive};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json")
}

fn fixture() -> Project {
    model::load_project(&fixture_path()).expect("fixture loads")
}

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the fixture in a fresh folder.
fn fixture_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(fixture_path(), &path).expect("copy fixture");
    (dir, path)
}

#[test]
fn publish_stamps_changed_items_only_and_logs_once() {
    let mut project = fixture();
    let today = day(2027, 3, 1);
    project.items[0].disclosure.changed_on = Some(day(2027, 2, 20));
    project.items[1].disclosure.published_on = None;
    let untouched = project.items[2].clone();

    let outcome = publish(&mut project, today, &[]);
    let stamped: Vec<&str> = outcome.stamped.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(stamped, vec!["p01-1", "p01-2"]);
    assert_eq!(project.items[0].disclosure.published_on, Some(today));
    assert_eq!(project.items[1].disclosure.published_on, Some(today));
    assert_eq!(project.items[2], untouched);
    assert_eq!(project.log.len(), 1);
    let entry = &project.log[0];
    assert_eq!(entry.date, Some(today));
    assert_eq!(entry.kind, LogKind::Published);
    assert_eq!(entry.summary, "发布：更新2项（单位简介、领导分工）");
    assert_eq!(entry.item_ids, vec!["p01-1".to_owned(), "p01-2".to_owned()]);
    assert_eq!(entry.board_ids, vec!["board-1".to_owned()]);

    // The same day again: nothing to stamp, nothing logged, the project unchanged.
    let before = project.clone();
    let again = publish(&mut project, today, &[]);
    assert!(again.stamped.is_empty() && !again.logged);
    assert_eq!(project, before);
    assert!(again.summary_zh().contains("没有"));
}

#[test]
fn published_items_are_no_longer_stale() {
    let mut project = fixture();
    let today = day(2027, 3, 1);
    project.items[0].disclosure.changed_on = Some(day(2027, 2, 20));
    let row = |project: &Project| project_schedule(project, today)[0].clone();
    assert_eq!(row(&project).status, Status::Stale);
    publish(&mut project, today, &[]);
    assert_eq!(row(&project).status, Status::Normal);
}

#[test]
fn the_archive_holds_a_loadable_project() {
    let (dir, path) = fixture_copy();
    let mut project = model::load_project(&path).expect("load");
    let today = day(2027, 3, 1);
    project.items[0].disclosure.changed_on = Some(today);
    project.items[0].disclosure.published_on = None;
    publish(&mut project, today, &[]);
    let archive = write_archive(&project, &path, today).expect("archive");
    assert_eq!(
        archive.dir,
        dir.path().join("qinghe-archive").join("2027-03-01")
    );
    assert_eq!(archive.dir, archive_dir(&path, today));
    let snapshot = archive.dir.join("qinghe.gongkai.json");
    assert_eq!(
        archive.files,
        vec![
            snapshot.clone(),
            archive.dir.join("公开栏-青禾镇人民政府政务公开栏.pdf"),
            archive.dir.join("自查情况表.pdf"),
        ]
    );
    let loaded = model::load_project(&snapshot).expect("the snapshot loads");
    assert_eq!(loaded, project);
    // Writing the same day's archive again is harmless.
    write_archive(&project, &path, today).expect("archive again");
    assert_eq!(model::load_project(&snapshot).expect("loads"), project);
    assert!(!archive.dir.join("qinghe.gongkai.json.bak").exists());
}

#[test]
fn cli_publish_twice_in_a_day() {
    let (dir, path) = fixture_copy();
    let file = path.to_str().expect("utf-8 path");
    // Mark one item changed.
    let mut project = model::load_project(&path).expect("load");
    project.items[3].disclosure.changed_on = Some(day(2027, 2, 27));
    model::save_project(&project, &path).expect("save");

    let first = gongkai(&["publish", file, "--today", "2027-03-01"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    assert!(stdout.contains("已发布 1 项：便民服务中心职责"), "{stdout}");
    assert!(stdout.contains("qinghe-archive"), "{stdout}");
    let after_first = std::fs::read_to_string(&path).expect("read");
    let saved = model::load_project(&path).expect("load");
    assert_eq!(
        saved.items[3].disclosure.published_on,
        Some(day(2027, 3, 1))
    );
    assert_eq!(saved.log.len(), 1);

    let second = gongkai(&["publish", file, "--today", "2027-03-01"]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert!(text(&second.stdout).contains("未作更改"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), after_first);
    let snapshot = dir
        .path()
        .join("qinghe-archive/2027-03-01/qinghe.gongkai.json");
    assert_eq!(model::load_project(&snapshot).expect("snapshot"), saved);
}

#[test]
fn cli_publish_refuses_an_unknown_board() {
    let (_dir, path) = fixture_copy();
    let before = std::fs::read_to_string(&path).expect("read");
    let output = gongkai(&[
        "publish",
        path.to_str().expect("path"),
        "--board",
        "没有这块栏",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("没有这块栏"));
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn cli_check_prints_the_status_table_and_exits_1_when_late() {
    let file = fixture_path();
    let output = gongkai(&[
        "check",
        file.to_str().expect("path"),
        "--today",
        "2025-09-01",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("公开时效（截至2025年9月1日）："),
        "{stdout}"
    );
    // Half-yearly 财务收支, published 15 January 2025: due 3月1日, missed; 8月31日 missed too.
    assert!(
        stdout.contains(
            "内容过期  二〇二四年度镇本级财务收支情况（单位：万元）  应公开日期：2025年3月1日（已错过2个公开日，现公开内容为2025年1月15日发布）"
        ),
        "{stdout}"
    );
    // Standing 职责 stay fine.
    assert!(
        stdout.contains("正常　　  镇人民政府主要职责  应公开日期：—"),
        "{stdout}"
    );
    assert!(stdout.contains("共 32 项："), "{stdout}");
    assert!(stdout.contains("项逾期或内容过期"), "{stdout}");
    assert!(!stdout.contains("未发现问题"), "{stdout}");
}

#[test]
fn cli_check_exits_0_when_everything_is_current() {
    let file = fixture_path();
    let output = gongkai(&[
        "check",
        file.to_str().expect("path"),
        "--today",
        "2025-01-20",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("未发现问题"), "{stdout}");
    // Quarterly 防汛 (day 1): published 15 January, due 1 April.
    assert!(
        stdout.contains("防汛防灾提示  应公开日期：2025年4月1日"),
        "{stdout}"
    );
}

#[test]
fn cli_new_then_check_today_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.gongkai.json");
    let file = file.to_str().expect("utf-8 path");
    for today in ["2026-02-27", "2026-08-31", "2026-12-31"] {
        let created = gongkai(&["new", "--force", "--date", today, "-o", file]);
        assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
        let checked = gongkai(&["check", file, "--today", today]);
        assert_eq!(
            checked.status.code(),
            Some(0),
            "{today}: {}",
            text(&checked.stdout)
        );
    }
}
