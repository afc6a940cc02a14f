//! The town's disclosure year (issue 34), as a new clerk lives it: a project made from the
//! town template on 2026-02-20, content typed that day, the first publication on 3月1日,
//! checks on 7月15日 and 9月15日. Every 公开日期 in the model, the 表簿 and the 自查情况表 read
//! back; every status on each day; the footer's 下次公开日期 the same as `check` says; a
//! 预公开 → 决议 → 结果 item and a 公示 with its 公示期 on paper; the holiday table across
//! 春节; an old (format 2) project repaired on loading.

use crate::support::*;
use chrono::{FixedOffset, NaiveDate, TimeZone};
use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::{board_dates_lines, created_on, export_project, render_report};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, Cadence, Disclosure, Edit, Item, Project, Stage, Table, load_project};
use gongkai::schedule::{
    Period, PublishDay, Status, footer_dates_text, item_schedule, plan_publication, publish,
    publish_on, self_check_document_for,
};
use std::path::Path;

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

fn created() -> NaiveDate {
    day(2026, 2, 20)
}

/// The clerk's new project: the town template for 白沙镇, made on 2026-02-20.
fn new_town() -> Project {
    let options = TemplateOptions {
        unit_name: Some("白沙镇人民政府".into()),
        supervision_phone: Some("0000-6618801".into()),
        ..TemplateOptions::new(created())
    };
    project_from_template(TemplateKind::Town, &options)
}

/// The 2025 finance table typed in on the day the project was made.
fn type_finance_table(project: &mut Project) -> String {
    let item = project
        .items
        .iter()
        .find(|item| {
            item.blocks
                .iter()
                .any(|block| matches!(block, Block::Table(_)))
        })
        .expect("a table item")
        .clone();
    let table = Table {
        columns: vec!["项目".into(), "金额（元）".into()],
        rows: vec![
            vec!["一般公共预算收入".into(), "12,345,600.00".into()],
            vec!["一般公共预算支出".into(), "11,987,300.00".into()],
            vec!["合计".into(), "24,332,900.00".into()],
        ],
        ..Table::default()
    };
    project
        .apply(Edit::SetItemBlocks {
            item_id: item.id.clone(),
            blocks: vec![Block::Table(table)],
            changed_on: Some(created()),
        })
        .expect("typed");
    item.title
}

fn at(date: NaiveDate) -> chrono::DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .expect("offset")
        .from_local_datetime(&date.and_hms_opt(10, 0, 0).expect("time"))
        .single()
        .expect("time")
}

fn export_text(project: &Project, mode: ExportMode, on: NaiveDate) -> String {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode,
        created: at(on),
        ..ExportRequest::default()
    };
    let exported = export_project(&mut engine, project, &request).expect("export");
    exported.page_lines().concat().concat()
}

fn self_check_text(project: &Project, today: NaiveDate, period: Period) -> (String, Vec<u8>) {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let document = self_check_document_for(project, today, period);
    let report = render_report(&mut engine, project, &document, created_on(today)).expect("report");
    let mut text = String::new();
    for page in 1..=report.pages {
        text.push_str(&pdftotext_lines(&report.bytes, page as u32).concat());
    }
    (text.replace(' ', ""), report.bytes)
}

/// What the rules say of an item of `cadence` published on 3月1日 (and not since), on `today`.
fn expected_status(cadence: Cadence, today: NaiveDate) -> Status {
    match (cadence, today.month_day()) {
        (Cadence::Standing | Cadence::AdHoc { .. } | Cadence::Annual, _) => Status::Normal,
        // Due 8月31日.
        (Cadence::HalfYearly, (7, 15)) => Status::Normal,
        (Cadence::HalfYearly, (9, 15)) => Status::Overdue,
        // Due 4月15日: on 7月15日 one due day missed (7月15日 itself still in time), on 9月15日
        // two.
        (Cadence::Quarterly { day: 15 }, (7, 15)) => Status::Overdue,
        (Cadence::Quarterly { .. } | Cadence::Monthly { .. }, _) => Status::Stale,
        (cadence, date) => panic!("no expectation for {cadence:?} on {date:?}"),
    }
}

trait MonthDayOf {
    fn month_day(&self) -> (u32, u32);
}

impl MonthDayOf for NaiveDate {
    fn month_day(&self) -> (u32, u32) {
        use chrono::Datelike;
        (self.month(), self.day())
    }
}

#[test]
fn the_town_s_year_has_true_dates_on_every_page() {
    let mut project = new_town();
    // 1. Nothing is published until the clerk publishes.
    assert_eq!(project.created_on, Some(created()));
    assert!(project.log.is_empty());
    for item in &project.items {
        assert_eq!(item.disclosure.published_on, None, "{}", item.title);
        let row = item_schedule(&project, item, created());
        assert_eq!(row.status, Status::Unpublished, "{}", item.title);
    }
    // 2. Content typed on the day the project was made.
    let finance = type_finance_table(&mut project);
    // 3. The 3月1日 preview stamps everything, the new finance table included; nothing is
    //    "内容无变化，照常公开".
    let plan = plan_publication(&project, day(2026, 3, 1), &[]);
    assert_eq!(plan.to_stamp.len(), project.items.len());
    assert!(plan.due_unchanged.is_empty());
    assert!(plan.to_stamp.iter().any(|(_, title)| *title == finance));
    let outcome = publish(&mut project, day(2026, 3, 1), &[]);
    assert_eq!(outcome.stamped.len(), project.items.len());
    for item in &project.items {
        assert_eq!(item.disclosure.published_on, Some(day(2026, 3, 1)));
    }
    assert_eq!(project.log.len(), 1);
    assert_eq!(project.log[0].item_ids.len(), project.items.len());
    // An edit later on the same day is a change.
    let mut edited = project.clone();
    let item_id = edited
        .items
        .iter()
        .find(|item| item.title == finance)
        .expect("item")
        .id
        .clone();
    edited
        .apply(Edit::SetItemBlocks {
            item_id: item_id.clone(),
            blocks: vec![Block::paragraph("2025年财务收支情况（更正）")],
            changed_on: Some(day(2026, 3, 1)),
        })
        .expect("edit");
    let plan = plan_publication(&edited, day(2026, 3, 1), &[]);
    assert_eq!(plan.to_stamp, vec![(item_id, finance.clone())]);

    // The 表簿 prints 3月1日, never the day the project was made.
    let register = export_text(&project, ExportMode::Register, day(2026, 3, 1));
    assert!(register.contains("2026年3月1日"), "{register}");
    assert!(!register.contains("2026年2月20日"), "{register}");
    // 年度/半年 name their days in the 表簿.
    assert!(
        register.contains("半年（每年3月1日、8月31日）"),
        "{register}"
    );

    // 4. Statuses on 7月15日 and 9月15日, as the rules say.
    for today in [day(2026, 7, 15), day(2026, 9, 15)] {
        for item in &project.items {
            let cadence = project.fields_of(item).cadence;
            let row = item_schedule(&project, item, today);
            assert_eq!(
                row.status,
                expected_status(cadence, today),
                "{} ({cadence:?}) on {today}: {}",
                item.title,
                row.note
            );
            assert_eq!(row.last_published, Some(day(2026, 3, 1)));
        }
    }

    // 5. The 自查情况表 of the third quarter, checked on 9月15日: every 公开日期 is 3月1日,
    //    and the first quarter's lists the 3月1日 publication from the 台账.
    let q3 = Period::quarter(2026, 3).expect("q3");
    let (text, bytes) = self_check_text(&project, day(2026, 9, 15), q3);
    std::fs::write("/tmp/issue34-self-check-q3.pdf", &bytes).ok();
    assert!(text.contains("自查期间：2026年第三季度"), "{text}");
    assert!(!text.contains("2026年2月20日"), "{text}");
    assert!(text.matches("2026年3月1日").count() >= project.items.len());
    assert!(text.contains("台账中没有发布记录"), "{text}");
    let q1 = Period::quarter(2026, 1).expect("q1");
    let (text, _) = self_check_text(&project, day(2026, 9, 15), q1);
    assert!(text.contains("本期公开记录（公开台账）"), "{text}");
    assert!(text.contains("自查人（签字）"), "{text}");
}

#[test]
fn the_footer_the_app_and_check_give_one_next_date() {
    let mut project = new_town();
    publish(&mut project, day(2026, 3, 1), &[]);
    let board = project.boards[0].clone();
    // After 3月1日 the earliest due item is a monthly one, due 3月10日.
    let footer = footer_dates_text(&project, &board, day(2026, 3, 2)).expect("dates");
    assert!(footer.contains("下次公开日期：2026年3月10日"), "{footer}");
    let check = board_dates_lines(&project, day(2026, 3, 2)).concat();
    assert!(check.contains("下次公开日期 2026年3月10日"), "{check}");
    // On 9月15日 items are overdue: due now, not 2027年3月1日.
    let late = footer_dates_text(&project, &board, day(2026, 9, 15)).expect("dates");
    assert!(late.contains("下次公开日期：2026年9月15日"), "{late}");
    let check = board_dates_lines(&project, day(2026, 9, 15)).concat();
    assert!(check.contains("下次公开日期 2026年9月15日"), "{check}");
    // The printed board says the same on the day of the export.
    let printed = export_text(&project, ExportMode::Board, day(2026, 9, 15));
    assert!(printed.contains("下次公开日期：2026年9月15日"), "{printed}");
}

/// An item of the board's first panel made a one-off matter.
fn one_off(project: &mut Project, title: &str, disclosure: Disclosure) -> String {
    let id = project.fresh_id("item");
    project.items.push(Item {
        id: id.clone(),
        title: title.into(),
        blocks: vec![Block::paragraph("方案内容略。")],
        disclosure,
        ..Item::default()
    });
    project.boards[0].panels[0].item_ids.push(id.clone());
    id
}

#[test]
fn a_draft_its_decision_and_its_result_print_each_stage_with_its_dates() {
    let mut project = new_town();
    project.meta.suggestion_box = "镇政府大院门口".into();
    let id = one_off(
        &mut project,
        "白沙河治理方案",
        Disclosure {
            stage: Stage::PrePublication,
            comment_days: Some(31),
            ..Disclosure::default()
        },
    );
    publish(&mut project, day(2026, 1, 10), &[]);
    let item = project.item(&id).expect("item").clone();
    assert_eq!(item.disclosure.pre_published_on, Some(day(2026, 1, 10)));
    let board = export_text(&project, ExportMode::Board, day(2026, 1, 10));
    assert!(board.contains("白沙河治理方案（征求意见稿）"), "{board}");
    assert!(
        board.contains("征求意见期：2026年1月10日至2026年2月10日"),
        "{board}"
    );
    assert!(board.contains("意见箱（镇政府大院门口）"), "{board}");
    assert!(board.contains("监督电话0000-6618801"), "{board}");
    let register = export_text(&project, ExportMode::Register, day(2026, 1, 10));
    assert!(register.contains("征求意见稿"), "{register}");
    // During the comment period: 正常; after it: 待决议, not 逾期.
    let status =
        |project: &Project, on| item_schedule(project, project.item(&id).expect("item"), on).status;
    assert_eq!(status(&project, day(2026, 2, 1)), Status::Normal);
    assert_eq!(status(&project, day(2026, 2, 15)), Status::AwaitingDecision);
    assert_eq!(status(&project, day(2026, 6, 1)), Status::AwaitingDecision);
    // The decision of 3月5日, published on 3月6日: the board prints its date; the result is
    // due 30 days later (the clerk's period) and late after.
    let mut decided = item.disclosure.clone();
    decided.stage = Stage::Decision;
    decided.decided_on = Some(day(2026, 3, 5));
    decided.result_due_days = Some(30);
    project
        .apply(Edit::SetItemDisclosure {
            item_id: id.clone(),
            disclosure: decided,
        })
        .expect("edit");
    let plan = plan_publication(&project, day(2026, 3, 6), &[]);
    assert!(
        plan.to_stamp.iter().any(|(item_id, _)| *item_id == id),
        "a new stage is a change"
    );
    publish(&mut project, day(2026, 3, 6), &[]);
    let board = export_text(&project, ExportMode::Board, day(2026, 3, 6));
    assert!(board.contains("决议日期：2026年3月5日"), "{board}");
    assert!(!board.contains("征求意见稿"), "{board}");
    assert_eq!(status(&project, day(2026, 3, 30)), Status::DueSoon);
    assert_eq!(status(&project, day(2026, 4, 5)), Status::Overdue);
    // The result.
    let mut result = project.item(&id).expect("item").disclosure.clone();
    result.stage = Stage::Result;
    project
        .apply(Edit::SetItemDisclosure {
            item_id: id.clone(),
            disclosure: result,
        })
        .expect("edit");
    publish(&mut project, day(2026, 4, 2), &[]);
    let board = export_text(&project, ExportMode::Board, day(2026, 4, 2));
    assert!(board.contains("决议日期：2026年3月5日"), "{board}");
    assert!(board.contains("实施结果公开日期：2026年4月2日"), "{board}");
    // The 自查情况表 has the stages in its 阶段 column.
    let (text, _) = self_check_text(
        &project,
        day(2026, 4, 2),
        Period::quarter(2026, 2).expect("q2"),
    );
    // (A cell's lines interleave with its neighbours' in the text read back.)
    assert!(text.contains("实施结果：决议日期："), "{text}");
    assert!(text.contains("实施结果公开日期："), "{text}");
}

#[test]
fn a_notice_s_period_ends() {
    let mut project = new_town();
    let id = one_off(
        &mut project,
        "中标结果公示",
        Disclosure {
            notice_until: Some(day(2026, 2, 20)),
            ..Disclosure::default()
        },
    );
    publish(&mut project, day(2026, 2, 13), &[]);
    let row = |on| item_schedule(&project, project.item(&id).expect("item"), on);
    assert_ne!(row(day(2026, 2, 20)).status, Status::NoticeEnded);
    let ended = row(day(2026, 2, 21));
    assert_eq!(ended.status, Status::NoticeEnded);
    assert!(ended.status.needs_action());
    assert!(ended.note.contains("请撤下或更换"), "{}", ended.note);
    let board = export_text(&project, ExportMode::Board, day(2026, 2, 13));
    assert!(
        board.contains("公示期：2026年2月13日至2026年2月20日"),
        "{board}"
    );
    // An ended 公示 is never offered as 内容无变化，照常公开.
    let plan = plan_publication(&project, day(2026, 3, 1), &[]);
    assert!(
        !plan
            .due_unchanged
            .iter()
            .any(|(item_id, _, _)| *item_id == id)
    );
}

#[test]
fn the_holiday_table_moves_a_working_day_deadline_across_spring_festival() {
    let mut project = new_town();
    // An event on Thursday 12 February 2026, to be disclosed within 5 working days: Fri 13,
    // Sat 14 (调休上班), 15–23 春节, Tue 24, Wed 25, Thu 26.
    let id = one_off(
        &mut project,
        "临时救助对象",
        Disclosure {
            event_on: Some(day(2026, 2, 12)),
            ..Disclosure::default()
        },
    );
    let entry = project
        .catalog
        .entries()
        .find(|entry| entry.fields.cadence == Cadence::AdHoc { working_days: 5 })
        .expect("a 5-working-day entry")
        .id
        .clone();
    project.item_mut(&id).expect("item").entry_id = Some(entry);
    let row = item_schedule(&project, project.item(&id).expect("item"), day(2026, 2, 12));
    assert_eq!(row.next_due, Some(day(2026, 2, 26)));
    project.settings.holidays.clear();
    project.settings.makeup_workdays.clear();
    let row = item_schedule(&project, project.item(&id).expect("item"), day(2026, 2, 12));
    assert_eq!(row.next_due, Some(day(2026, 2, 19)), "without the table");
}

#[test]
fn the_publication_date_is_what_happened() {
    let mut project = new_town();
    // 公开日期 cannot be typed: an edit of the stage keeps what the publication recorded.
    let id = project.items[0].id.clone();
    let mut forged = project.items[0].disclosure.clone();
    forged.published_on = Some(created());
    project
        .apply(Edit::SetItemDisclosure {
            item_id: id.clone(),
            disclosure: forged,
        })
        .expect("edit");
    assert_eq!(
        project.item(&id).expect("item").disclosure.published_on,
        None
    );
    // Another day needs a reason, written to the 台账; a day to come is refused.
    let late = PublishDay {
        date: day(2026, 3, 1),
        today: day(2026, 3, 3),
        reason: String::new(),
    };
    let before = project.clone();
    let refused = publish_on(&mut project, &late, &[], &[], &[]).expect_err("no reason");
    assert!(refused.contains("原因"), "{refused}");
    assert_eq!(project, before, "a refused publication changes nothing");
    let future = PublishDay {
        date: day(2026, 3, 5),
        ..late.clone()
    };
    assert!(publish_on(&mut project, &future, &[], &[], &[]).is_err());
    let with_reason = PublishDay {
        reason: "3月1日已张贴，今日补录".into(),
        ..late
    };
    publish_on(&mut project, &with_reason, &[], &[], &[]).expect("published");
    assert_eq!(
        project.items[0].disclosure.published_on,
        Some(day(2026, 3, 1))
    );
    let entry = project.log.last().expect("entry");
    assert_eq!(entry.date, Some(day(2026, 3, 1)));
    assert!(
        entry.summary.contains("3月1日已张贴，今日补录"),
        "{}",
        entry.summary
    );
    assert!(
        entry.summary.contains("2026年3月3日补录"),
        "{}",
        entry.summary
    );
}

fn format2_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/town-2026-format2.gongkai.json")
}

#[test]
fn an_old_project_is_repaired_and_the_clerk_is_told() {
    let project = load_project(&format2_fixture()).expect("loads");
    assert_eq!(project.created_on, Some(created()));
    let unpublished: Vec<&Item> = project
        .items
        .iter()
        .filter(|item| item.disclosure.published_on.is_none())
        .collect();
    let published: Vec<&Item> = project
        .items
        .iter()
        .filter(|item| item.disclosure.published_on == Some(day(2026, 3, 1)))
        .collect();
    assert_eq!(
        unpublished.len(),
        24,
        "dated the creation day, in no 台账 entry"
    );
    assert_eq!(
        published.len(),
        8,
        "the 3月1日 publication of the 台账 stays"
    );
    assert!(
        project
            .items
            .iter()
            .all(|item| item.disclosure.published_on != Some(created()))
    );
    let notes = project.load_notes.join("\n");
    assert!(notes.contains("24项记为2026年2月20日公开"), "{notes}");
    assert!(notes.contains("节假日"), "{notes}");
    assert!(!project.settings.holidays.is_empty());
    // `check` says it too, and the next publication stamps the 24.
    let output = gongkai(&[
        "check",
        format2_fixture().to_str().expect("path"),
        "--today",
        "2026-03-02",
    ]);
    let said = text(&output.stdout);
    assert!(said.contains("已改为“未公开”"), "{said}");
    let plan = plan_publication(&project, day(2026, 3, 2), &[]);
    assert_eq!(plan.to_stamp.len(), 24);
    // Saved and loaded again: nothing more to repair, nothing more said.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    gongkai::model::save_project(&project, &path).expect("save");
    let again = load_project(&path).expect("loads");
    assert!(again.load_notes.is_empty());
    assert_eq!(again.items, project.items);
}

#[test]
fn the_self_check_period_is_chosen_on_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    let mut project = new_town();
    project.self_check_summary = "本季度按时更新财务公开内容，意见箱无来信。".into();
    project.meta.responsible = "李文书".into();
    publish(&mut project, day(2026, 3, 1), &[]);
    gongkai::model::save_project(&project, &path).expect("save");
    let out = dir.path().join("q1.pdf");
    let output = gongkai(&[
        "report",
        path.to_str().expect("path"),
        "--kind",
        "self-check",
        "--today",
        "2026-03-31",
        "--period",
        "2026Q1",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let bytes = std::fs::read(&out).expect("pdf");
    let mut read = String::new();
    for page in 1..=8 {
        read.push_str(&pdftotext_lines(&bytes, page).concat());
    }
    let read = read.replace(' ', "");
    assert!(read.contains("2026年第一季度"), "{read}");
    assert!(read.contains("本季度按时更新财务公开内容"), "{read}");
    assert!(read.contains("李文书"), "{read}");
    let bad = gongkai(&[
        "report",
        path.to_str().expect("path"),
        "--kind",
        "self-check",
        "--period",
        "2026Q5",
        "-o",
        out.to_str().expect("path"),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("期间“2026Q5”无效"));
}
