//! The A4 reports (自查情况表, 公开目录) on the qinghe fixture (stamped 2025-01-15) at a fixed
//! day, `gongkai report`'s exit codes, and the PDFs in the archive of a publication.

use crate::support::*;
use chrono::NaiveDate;
use gongkai::fonts::FontSet;
use gongkai::jobs::{Report, archive_dir, created_on, render_report};
use gongkai::layout::LayoutEngine;
use gongkai::model::{self, Project};
use gongkai::schedule::{ReportKind, Status, report_document, self_check_rows};
use std::process::Command;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

/// The fixed day of these tests: three days before the 8月31日 disclosure day.
fn today() -> NaiveDate {
    day(2025, 8, 28)
}

fn render(project: &Project, kind: ReportKind) -> Report {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let document = report_document(project, kind, today());
    render_report(&mut engine, project, &document, created_on(today())).expect("report renders")
}

/// All the text of a PDF in the order it was written (pdftotext -raw), without spaces and
/// line breaks, so a table cell's lines stay together.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).expect("write");
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    text(&output.stdout).replace([' ', '\n', '\u{c}'], "")
}

fn status_of(rows: &[gongkai::schedule::SelfCheckRow], item: &str) -> Status {
    rows.iter()
        .find(|row| row.item == item)
        .unwrap_or_else(|| panic!("a row for {item}"))
        .status
}

#[test]
fn self_check_rows_cover_every_catalog_entry_and_every_item() {
    let project = fixture();
    let rows = self_check_rows(&project, today());
    for entry in project.catalog.entries() {
        assert!(
            rows.iter().any(|row| row.entry == entry.name),
            "no row for the entry {}",
            entry.name
        );
    }
    for item in &project.items {
        assert!(
            rows.iter().any(|row| row.item == item.title),
            "{}",
            item.title
        );
    }
    // 30 entries, 32 items over 15 entries: 15 entries have no item.
    let undisclosed: Vec<&str> = rows
        .iter()
        .filter(|row| row.item.is_empty())
        .map(|row| row.entry.as_str())
        .collect();
    assert_eq!(undisclosed.len(), 15, "{undisclosed:?}");
    assert!(undisclosed.contains(&"便民服务事项"));
    assert!(
        rows.iter()
            .filter(|row| row.item.is_empty())
            .all(|row| row.status == Status::Unpublished)
    );
    assert_eq!(rows.len(), 32 + 15);
}

#[test]
fn self_check_statuses_on_the_fixed_day() {
    let project = fixture();
    let rows = self_check_rows(&project, today());
    // 长期 content without changes.
    assert_eq!(status_of(&rows, "单位简介"), Status::Normal);
    // Half-yearly, published 2025-01-15: due 2025-03-01, missed.
    assert_eq!(
        status_of(&rows, "行政事业性收费及经营服务性收费标准"),
        Status::Overdue
    );
    let fees = rows
        .iter()
        .find(|row| row.entry == "收费标准")
        .expect("收费标准");
    assert_eq!(fees.next_due, Some(day(2025, 3, 1)));
    assert_eq!(fees.last_published, Some(day(2025, 1, 15)));
    assert_eq!(fees.lead, "财政所");
    // Quarterly: 4月15日 and 7月15日 passed, the content is from January.
    assert_eq!(status_of(&rows, "防汛防灾提示"), Status::Stale);
}

#[test]
fn self_check_pdf_shows_every_entry_the_statuses_and_the_counts() {
    let project = fixture();
    let report = render(&project, ReportKind::SelfCheck);
    let text = pdf_text(&report.bytes);
    assert!(text.contains("青禾镇人民政府政务公开自查情况表"), "{text}");
    assert!(text.contains("检查日期：2025年8月28日"));
    for entry in project.catalog.entries() {
        assert!(text.contains(&entry.name), "{} missing", entry.name);
    }
    for status in ["正常", "逾期", "内容过期", "未公开"] {
        assert!(text.contains(status), "{status} missing");
    }
    let rows = self_check_rows(&project, today());
    let counts = gongkai::schedule::row_counts(&rows);
    let summary: Vec<String> = counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{}{count}项", status.label_zh()))
        .collect();
    assert!(
        text.contains(&format!(
            "共检查{}项，其中{}",
            rows.len(),
            summary.join("，")
        )),
        "{text}"
    );
    assert!(text.contains("已逾期180天"), "{text}");
}

#[test]
fn reports_are_a4_with_numbered_pages_and_wide_tables_turned() {
    let project = fixture();
    for kind in [ReportKind::SelfCheck, ReportKind::Catalog] {
        let report = render(&project, kind);
        assert!(
            report.landscape,
            "{kind:?}: 10 and 12 columns need landscape"
        );
        let document = load(&report.bytes);
        let pages = document.get_pages().len();
        assert_eq!(pages, report.pages);
        assert!(pages >= 2, "{kind:?} fits one page?");
        for page in 1..=pages as u32 {
            let (width_mm, height_mm) = page_size_mm(&document, page);
            assert_close(width_mm, 297.0, "width");
            assert_close(height_mm, 210.0, "height");
        }
        for (index, lines) in report.page_lines.iter().enumerate() {
            let footer = format!("第 {} 页　共 {} 页", index + 1, pages);
            assert!(
                lines.contains(&footer),
                "{kind:?} page {}: {lines:?}",
                index + 1
            );
        }
    }
}

#[test]
fn the_header_row_repeats_on_page_two() {
    let project = fixture();
    let report = render(&project, ReportKind::SelfCheck);
    let first = &report.page_lines[0];
    let second = &report.page_lines[1];
    assert!(
        first
            .iter()
            .any(|line| line.contains("自查情况表") && line.starts_with("青禾镇"))
    );
    // The title is on page 1 only; the header row on both.
    assert!(!second.contains(&"青禾镇人民政府政务公开自查情况表".to_owned()));
    for header in ["方面", "公开内容", "状态", "公开主体"] {
        assert!(first.contains(&header.to_owned()), "{header} on page 1");
        assert!(second.contains(&header.to_owned()), "{header} on page 2");
    }
    let page_two = crate::support::pdftotext_lines(&report.bytes, 2).join("");
    assert!(page_two.contains("公开内容"), "{page_two}");
}

#[test]
fn catalog_pdf_holds_every_field_of_every_entry() {
    let project = fixture();
    let report = render(&project, ReportKind::Catalog);
    let text = pdf_text(&report.bytes);
    for header in [
        "方面",
        "事项",
        "公开内容",
        "公开依据",
        "公开时限",
        "公开主体",
        "责任人",
        "监督部门",
        "公开渠道",
        "公开对象",
        "公开方式",
        "公开范围",
    ] {
        assert!(text.contains(header), "{header} column");
    }
    for entry in project.catalog.entries() {
        assert!(text.contains(&entry.name), "{}", entry.name);
        assert!(
            text.contains(&entry.fields.basis.replace(' ', "")),
            "basis of {}",
            entry.name
        );
    }
    assert!(text.contains("对内"), "机关内部事务 is 对内");
    assert!(text.contains("季度（每季首月15日）") || text.contains("季度（每季首月"));
}

#[test]
fn gongkai_report_writes_the_pdf_and_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("自查.pdf");
    let fixture = fixture_path();
    let output = gongkai(&[
        "report",
        fixture.to_str().expect("utf-8"),
        "--kind",
        "self-check",
        "--today",
        "2025-08-28",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("已生成自查情况表"));
    let bytes = std::fs::read(&out).expect("written");
    assert!(pdf_text(&bytes).contains("检查日期：2025年8月28日"));

    let catalog = dir.path().join("目录.pdf");
    let output = gongkai(&[
        "report",
        fixture.to_str().expect("utf-8"),
        "--kind",
        "catalog",
        "-o",
        catalog.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(catalog.exists());
}

#[test]
fn gongkai_report_exits_2_on_unreadable_input_or_unwritable_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.pdf");
    let missing = dir.path().join("missing.gongkai.json");
    let output = gongkai(&[
        "report",
        missing.to_str().expect("utf-8"),
        "--kind",
        "catalog",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("错误"));
    assert!(!out.exists());

    let unwritable = dir.path().join("no-such-folder").join("out.pdf");
    let output = gongkai(&[
        "report",
        fixture_path().to_str().expect("utf-8"),
        "--kind",
        "self-check",
        "-o",
        unwritable.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("无法写出"),
        "{}",
        text(&output.stderr)
    );
    assert!(!unwritable.exists());
}

#[test]
fn the_archive_of_a_publication_holds_the_board_pdf_and_the_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    // Only a publication that changes something is archived: one item was edited.
    let mut project = fixture();
    project.items[0].disclosure.changed_on = Some(day(2025, 8, 20));
    model::save_project(&project, &path).expect("save");
    let output = gongkai(&[
        "publish",
        path.to_str().expect("utf-8"),
        "--today",
        "2025-08-28",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("公开栏-青禾镇人民政府政务公开栏.pdf"),
        "{stdout}"
    );
    assert!(stdout.contains("自查情况表.pdf"), "{stdout}");

    let archive = archive_dir(&path, today());
    let board = std::fs::read(archive.join("公开栏-青禾镇人民政府政务公开栏.pdf")).expect("board");
    let document = load(&board);
    assert_eq!(document.get_pages().len(), 1);
    let (width_mm, height_mm) = page_size_mm(&document, 1);
    assert_close(width_mm, 2400.0, "board width");
    assert_close(height_mm, 1200.0, "board height");
    let board_text = pdf_text(&board);
    assert!(
        board_text.contains("镇人民政府主要职责"),
        "the board's content"
    );

    let report = std::fs::read(archive.join("自查情况表.pdf")).expect("report");
    let report_text = pdf_text(&report);
    assert!(report_text.contains("检查日期：2025年8月28日"));
    assert!(
        report_text.contains("防汛防灾提示内容过期"),
        "{report_text}"
    );
}

#[test]
fn internal_items_stay_off_the_archived_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    let mut project = fixture();
    let entry = project.catalog.entry_mut("e01").expect("e01");
    entry.fields.scope = gongkai::model::Scope::Internal;
    model::save_project(&project, &path).expect("save");
    let archive = gongkai::jobs::write_archive(&project, &path, today()).expect("archive");
    // The project, the board, its tiles, the 表簿, the card, the 自查情况表.
    assert_eq!(archive.files.len(), 6, "{:?}", archive.files);
    let board = std::fs::read(&archive.files[1]).expect("board");
    let board_text = pdf_text(&board);
    assert!(
        !board_text.contains("便民服务中心职责"),
        "对内 item on the board"
    );
    let register = pdf_text(&std::fs::read(&archive.files[3]).expect("register"));
    assert!(
        !register.contains("便民服务中心职责"),
        "对内 item in the archived 表簿"
    );
    assert!(board_text.contains("单位简介"));
}

#[test]
fn an_overflowing_board_is_archived_anyway_with_a_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    let mut project = fixture();
    project.items[0]
        .blocks
        .push(gongkai::model::Block::Paragraph {
            text: "本镇政务公开工作情况说明。".repeat(3000),
        });
    model::save_project(&project, &path).expect("save");
    let archive = gongkai::jobs::write_archive(&project, &path, today()).expect("archive");
    assert_eq!(archive.files.len(), 6, "{:?}", archive.files);
    assert!(archive.files[1].exists());
    assert!(
        archive
            .notes
            .iter()
            .any(|note| note.starts_with("公开栏“青禾镇人民政府政务公开栏”")
                && note.contains("已照原样存档")),
        "{:?}",
        archive.notes
    );
}

/// Every cell that must not wrap (dates, numbers, terms such as 序号, 机构职能, 主动公开) is one
/// whole line of the PDF: no 2025年1月/15日, no 序/号.
#[test]
fn dates_numbers_and_short_terms_never_wrap_in_report_tables() {
    let mut project = fixture();
    project.items[0].disclosure.changed_on = Some(day(2025, 8, 20));
    for kind in [ReportKind::SelfCheck, ReportKind::Catalog] {
        let document = report_document(&project, kind, today());
        let report = render(&project, kind);
        let lines: std::collections::HashSet<&str> = report
            .page_lines
            .iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let tables = document.blocks.iter().filter_map(|block| match block {
            gongkai::model::Block::Table(table) => Some(table),
            _ => None,
        });
        let mut whole = 0;
        for table in tables {
            for cell in table.columns.iter().chain(table.rows.iter().flatten()) {
                let cell = cell.trim();
                if cell.is_empty() || !gongkai::layout::table::keeps_whole(cell) {
                    continue;
                }
                whole += 1;
                assert!(lines.contains(cell), "{kind:?}: “{cell}” was broken");
            }
        }
        assert!(whole > 50, "{kind:?}: {whole} whole cells");
    }
}

/// However long the table, the signature lines are never alone on the last page: the
/// conclusion they sign goes over with them.
#[test]
fn the_signature_lines_stay_with_the_conclusion() {
    let mut project = fixture();
    let template = project.items[0].clone();
    let mut pages_seen = std::collections::BTreeSet::new();
    for extra in 0..36 {
        let mut item = template.clone();
        item.id = format!("extra-{extra}");
        item.title = format!("补充公开内容第{}项", extra + 1);
        project.items.push(item);
        let report = render(&project, ReportKind::SelfCheck);
        pages_seen.insert(report.page_lines.len());
        let signed_on = report
            .page_lines
            .iter()
            .position(|lines| lines.iter().any(|line| line.contains("自查人（签字）")))
            .expect("signature lines");
        assert!(
            report.page_lines[signed_on]
                .iter()
                .any(|line| line.contains("自查结果")),
            "with {} extra items the signature is on page {} without the conclusion",
            extra + 1,
            signed_on + 1
        );
        // Issue 28: nor does the conclusion start a page alone — the counts' label and what
        // stood above it (a table row, the 台账 paragraph) come along.
        let page = &report.page_lines[signed_on];
        let first_conclusion = page
            .iter()
            .position(|line| line.contains("各状态项数"))
            .expect("the counts' label is on the signed page");
        assert!(
            first_conclusion > 0
                && page[..first_conclusion]
                    .iter()
                    .any(|line| !line.trim().is_empty() && !line.contains("自查情况表")),
            "with {} extra items the counts start page {}: {page:?}",
            extra + 1,
            signed_on + 1
        );
    }
    assert!(pages_seen.len() > 1, "the table grew over a page break");
}

/// Issue 28, trap 9: the village template's 明白卡 disclose the 惠农补贴发放 entry; publishing
/// them counts in the 自查情况表 (no longer 未公开), and a change to the cards needs the next
/// publication.
#[test]
fn published_cards_disclose_their_catalog_entry_in_the_self_check() {
    use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
    use gongkai::schedule::{plan_publication, publish};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let mut project = project_from_template(TemplateKind::Village, &TemplateOptions::new(day));
    let card_id = project.cards[0].id.clone();
    let row_of = |project: &gongkai::model::Project| {
        self_check_rows(project, day)
            .into_iter()
            .find(|row| row.entry.contains("惠农补贴发放"))
            .expect("the entry's row")
    };
    let before = row_of(&project);
    assert_eq!(before.status, Status::Unpublished);
    assert!(before.item.contains("明白卡"), "{}", before.item);
    // The publication path holds the cards back while they still print 【请填写】.
    let mut held = project.clone();
    let outcome = gongkai::jobs::publish_project(
        &mut held,
        &gongkai::schedule::PublishDay::today(day),
        &[],
        &[],
    )
    .expect("publish");
    assert!(
        outcome.held.iter().any(|(id, _, _)| *id == card_id),
        "{:?}",
        outcome.held
    );
    assert_eq!(row_of(&held).status, Status::Unpublished);
    publish(&mut project, day, &[]);
    let after = row_of(&project);
    assert_ne!(after.status, Status::Unpublished, "{after:?}");
    assert_eq!(after.last_published, Some(day));
    assert!(plan_publication(&project, day, &[]).to_stamp.is_empty());
    project
        .cards
        .iter_mut()
        .find(|card| card.id == card_id)
        .expect("card")
        .fixed
        .insert("补贴项目".into(), "耕地地力保护补贴".into());
    let plan = plan_publication(&project, day, &[]);
    assert_eq!(plan.to_stamp.len(), 1, "{plan:?}");
    assert!(plan.to_stamp[0].1.contains("明白卡"), "{plan:?}");
}
