//! 发布 and the CLI on the qinghe fixture (stamped 2025-01-15): stamping, the log, running
//! twice in a day, the archive, and `check`'s status table and exit codes.

use crate::support::*;
use chrono::NaiveDate;
use gongkai::jobs::{archive_dir, write_archive};
use gongkai::model::{self, LogKind, Project};
use gongkai::schedule::{Status, project_schedule, publish};
use std::path::{Path, PathBuf};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
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
fn published_items_are_no_longer_waiting() {
    let mut project = fixture();
    let today = day(2027, 3, 1);
    project.items[0].disclosure.changed_on = Some(day(2027, 2, 20));
    let row = |project: &Project| project_schedule(project, today)[0].clone();
    assert_eq!(row(&project).status, Status::Pending);
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
            // Issue 28: the same set 全部导出 writes: tiles, the 表簿, every 明白卡.
            archive
                .dir
                .join("公开栏-青禾镇人民政府政务公开栏-A4拼贴.pdf"),
            archive.dir.join("表簿.pdf"),
            archive.dir.join("明白卡-便民服务联系卡.pdf"),
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
fn cli_publish_warns_when_a_board_would_go_up_empty() {
    let (_dir, path) = fixture_copy();
    let file = path.to_str().expect("utf-8 path");
    let full = gongkai(&["publish", file, "--today", "2027-03-01"]);
    assert_eq!(full.status.code(), Some(0), "{}", text(&full.stderr));
    assert!(
        !text(&full.stderr).contains("没有任何公开内容"),
        "{}",
        text(&full.stderr)
    );
    let mut project = model::load_project(&path).expect("load");
    let mut empty = project.boards[0].clone();
    empty.id = "board-empty".into();
    empty.name = "东侧副栏".into();
    empty.panels.clear();
    project.boards.push(empty);
    model::save_project(&project, &path).expect("save");
    let warned = gongkai(&["publish", file, "--today", "2027-03-02"]);
    assert_eq!(warned.status.code(), Some(0), "{}", text(&warned.stderr));
    let stderr = text(&warned.stderr);
    assert!(
        stderr.contains("警告：公开栏“东侧副栏”上没有任何公开内容"),
        "{stderr}"
    );
    assert!(!stderr.contains(&project.boards[0].name), "{stderr}");
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
    assert!(
        stdout.contains("项待发布、逾期、内容过期或公示期满。"),
        "{stdout}"
    );
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

/// A new project is unpublished and nothing in it is late on the day it is made, whatever the
/// day; what `check` names is the template's sample values, each until the clerk edits it.
#[test]
fn cli_new_then_check_today_finds_nothing_late_only_the_sample_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.gongkai.json");
    let file = file.to_str().expect("utf-8 path");
    for today in ["2026-02-27", "2026-08-31", "2026-12-31"] {
        let created = gongkai(&["new", "--force", "--date", today, "-o", file]);
        assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
        let checked = gongkai(&["check", file, "--today", today]);
        let out = text(&checked.stdout);
        assert!(
            !out.contains("逾期") && !out.contains("内容过期"),
            "{today}: {out}"
        );
        assert!(out.contains("未公开"), "{today}: {out}");
        assert!(out.contains("还是模板填好的示例内容"), "{today}: {out}");
        assert!(out.contains("单位信息“意见箱位置”"), "{today}: {out}");
        assert!(out.contains("单位信息“领导接待日”"), "{today}: {out}");
    }
}

fn write_png(path: &Path, width: u32) {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).expect("folder");
    }
    image::RgbImage::from_fn(width, 20, |x, _| image::Rgb([(x % 256) as u8, 90, 160]))
        .save(path)
        .expect("write png");
}

fn add_picture(project: &mut Project, item: usize, path: &str) {
    project.items[item].blocks.push(model::Block::Image {
        path: path.to_owned(),
        caption: String::new(),
        width_mm: Some(40.0),
    });
}

fn image_paths(project: &Project) -> Vec<String> {
    project
        .items
        .iter()
        .flat_map(|item| &item.blocks)
        .filter_map(|block| match block {
            model::Block::Image { path, .. } => Some(path.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_archive_carries_the_pictures_and_its_project_exports_without_the_originals() {
    let (dir, path) = fixture_copy();
    let elsewhere = tempfile::tempdir().expect("another folder");
    write_png(&dir.path().join("图片/村委会.png"), 64);
    write_png(&dir.path().join("a/合影.png"), 48);
    write_png(&dir.path().join("b/合影.png"), 32);
    write_png(&elsewhere.path().join("合影.png"), 40);
    let outside = elsewhere.path().join("合影.png").display().to_string();
    let mut project = model::load_project(&path).expect("load");
    add_picture(&mut project, 0, "图片/村委会.png");
    add_picture(&mut project, 1, "a/合影.png");
    add_picture(&mut project, 2, "b/合影.png");
    add_picture(&mut project, 3, "丢了.png");
    add_picture(&mut project, 4, "图片/村委会.png");
    add_picture(&mut project, 5, &outside);
    let today = day(2027, 3, 1);

    let archive = write_archive(&project, &path, today).expect("archive");
    let archived_file = |relative: &str| archive.dir.join(relative);
    assert_eq!(
        archive.pictures,
        vec![
            archived_file("图片/村委会.png"),
            archived_file("a/合影.png"),
            archived_file("b/合影.png"),
        ]
    );
    for picture in &archive.pictures {
        assert!(picture.is_file(), "{}", picture.display());
    }
    // The two pictures named 合影.png are different files and stay different.
    assert_ne!(
        std::fs::read(archived_file("a/合影.png")).expect("read"),
        std::fs::read(archived_file("b/合影.png")).expect("read")
    );
    let reasons: Vec<String> = archive
        .pictures_not_copied
        .iter()
        .map(|picture| picture.message())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].contains("丢了.png") && reasons[0].contains("找不到文件"),
        "{reasons:?}"
    );
    // A picture outside the project's folder is never copied (issue 27).
    assert!(reasons[1].contains("在项目文件夹之外"), "{reasons:?}");

    let snapshot = archive.dir.join("qinghe.gongkai.json");
    let archived = model::load_project(&snapshot).expect("the snapshot loads");
    assert_eq!(
        image_paths(&archived),
        vec![
            "图片/村委会.png",
            "a/合影.png",
            "b/合影.png",
            "丢了.png",
            "图片/村委会.png",
            outside.as_str(),
        ]
    );

    // With the originals gone, the archived project still exports its pictures.
    drop(elsewhere);
    for folder in ["图片", "a", "b"] {
        std::fs::remove_dir_all(dir.path().join(folder)).expect("remove originals");
    }
    let mut engine = gongkai::layout::LayoutEngine::new(gongkai::fonts::FontSet::bundled());
    engine.set_base_dir(Some(archive.dir.clone()));
    let request = gongkai::compose::ExportRequest::default();
    let exported = gongkai::jobs::export_project(&mut engine, &archived, &request).expect("export");
    let unreadable: Vec<&String> = exported
        .problems
        .iter()
        .filter(|problem| problem.contains("图片"))
        .collect();
    // Only the missing picture and the one from outside (not archived) are unreadable.
    assert!(
        unreadable
            .iter()
            .any(|problem| problem.contains("丢了.png")),
        "{unreadable:?}"
    );
    assert!(
        unreadable
            .iter()
            .all(|problem| problem.contains("丢了.png") || problem.contains("合影.png")),
        "{unreadable:?}"
    );
}

#[test]
fn cli_publish_names_the_pictures_it_could_not_archive() {
    let (dir, path) = fixture_copy();
    let mut project = model::load_project(&path).expect("load");
    add_picture(&mut project, 0, "照片/没有这张.jpg");
    project.items[0].disclosure.changed_on = Some(day(2027, 2, 27));
    model::save_project(&project, &path).expect("save");
    let output = gongkai(&[
        "publish",
        path.to_str().expect("path"),
        "--today",
        "2027-03-01",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("问题：图片“照片/没有这张.jpg”未能复制到存档：找不到文件。"),
        "{stdout}"
    );
    // The archive is written all the same.
    assert!(
        dir.path()
            .join("qinghe-archive/2027-03-01/qinghe.gongkai.json")
            .is_file()
    );
}

#[test]
fn cli_publish_with_nothing_changed_writes_no_archive_and_says_so() {
    let (dir, path) = fixture_copy();
    let before = std::fs::read_to_string(&path).expect("read");
    let output = gongkai(&[
        "publish",
        path.to_str().expect("path"),
        "--today",
        "2027-03-02",
    ]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("未作更改，也未写新的存档"), "{stdout}");
    assert!(!stdout.contains("存档："), "{stdout}");
    assert!(!dir.path().join("qinghe-archive").exists());
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}
