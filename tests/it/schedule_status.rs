//! The schedule on fixed days: statuses at exactly their boundary days for every cadence,
//! 随时 deadlines across weekends and holidays, 预公开 deadlines, footer dates, 对内 items.

use chrono::NaiveDate;
use gongkai::model::{
    Board, Cadence, Catalog, CatalogCategory, CatalogEntry, DirectoryFields, Disclosure, Item,
    MonthDay, Panel, Project, Scope, Settings, Stage,
};
use gongkai::schedule::{
    Status, external_view, footer_dates_text, item_schedule, left_out_message, split_external,
};

fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
}

/// A project with one board and one item per (cadence, scope, disclosure).
fn project(items: Vec<(Cadence, Scope, Disclosure)>) -> Project {
    let mut project = Project::default();
    let mut entries = Vec::new();
    let mut panel = Panel {
        id: "panel-1".into(),
        title: "事务公开".into(),
        ..Panel::default()
    };
    for (index, (cadence, scope, disclosure)) in items.into_iter().enumerate() {
        let entry_id = format!("e{index}");
        entries.push(CatalogEntry {
            id: entry_id.clone(),
            name: format!("事项{index}"),
            fields: DirectoryFields {
                cadence,
                scope,
                ..DirectoryFields::default()
            },
            ..CatalogEntry::default()
        });
        let item_id = format!("item-{index}");
        panel.item_ids.push(item_id.clone());
        project.items.push(Item {
            id: item_id,
            title: format!("公开内容{index}"),
            entry_id: Some(entry_id),
            disclosure,
            ..Item::default()
        });
    }
    project.catalog = Catalog {
        categories: vec![CatalogCategory {
            id: "c".into(),
            name: "方面".into(),
            entries,
        }],
    };
    project.boards.push(Board {
        id: "board-1".into(),
        name: "政务公开栏".into(),
        panels: vec![panel],
        ..Board::default()
    });
    project
}

fn published(on: NaiveDate) -> Disclosure {
    Disclosure {
        published_on: Some(on),
        ..Disclosure::default()
    }
}

/// (status, next due) of a single published item with `cadence` on `today`.
fn status_on(
    cadence: Cadence,
    disclosure: Disclosure,
    today: NaiveDate,
) -> (Status, Option<NaiveDate>) {
    let project = project(vec![(cadence, Scope::External, disclosure)]);
    let row = item_schedule(&project, &project.items[0], today);
    (row.status, row.next_due)
}

#[test]
fn half_yearly_boundaries() {
    // Published on 3月1日: due 8月31日; 即将到期 from 8月24日; 逾期 from 9月1日;
    // 内容过期 once the following 3月1日 has passed too.
    let at = |today| status_on(Cadence::HalfYearly, published(day(2027, 3, 1)), today);
    let due = Some(day(2027, 8, 31));
    assert_eq!(at(day(2027, 8, 23)), (Status::Normal, due));
    assert_eq!(at(day(2027, 8, 24)), (Status::DueSoon, due));
    assert_eq!(at(day(2027, 8, 31)), (Status::DueSoon, due));
    assert_eq!(at(day(2027, 9, 1)), (Status::Overdue, due));
    assert_eq!(at(day(2028, 3, 1)), (Status::Overdue, due));
    assert_eq!(at(day(2028, 3, 2)), (Status::Stale, due));
}

#[test]
fn annual_boundaries_across_the_year_end() {
    let at = |today| status_on(Cadence::Annual, published(day(2027, 3, 1)), today);
    let due = Some(day(2028, 3, 1));
    assert_eq!(at(day(2027, 12, 31)), (Status::Normal, due));
    // 2028 is a leap year: 3月1日 minus 7 days is 2月23日.
    assert_eq!(at(day(2028, 2, 22)), (Status::Normal, due));
    assert_eq!(at(day(2028, 2, 23)), (Status::DueSoon, due));
    assert_eq!(at(day(2028, 3, 2)), (Status::Overdue, due));
    assert_eq!(at(day(2029, 3, 1)), (Status::Overdue, due));
    assert_eq!(at(day(2029, 3, 2)), (Status::Stale, due));
}

#[test]
fn annual_in_a_common_year() {
    // 2027 is common: 3月1日 minus 7 days is 2月22日.
    let at = |today| status_on(Cadence::Annual, published(day(2026, 3, 1)), today);
    assert_eq!(at(day(2027, 2, 21)).0, Status::Normal);
    assert_eq!(at(day(2027, 2, 22)).0, Status::DueSoon);
}

#[test]
fn quarterly_boundaries_across_quarters_and_years() {
    let quarterly = Cadence::Quarterly { day: 15 };
    let at = |published_on, today| status_on(quarterly, published(published_on), today);
    let due = Some(day(2028, 1, 15));
    assert_eq!(
        at(day(2027, 10, 15), day(2028, 1, 7)),
        (Status::Normal, due)
    );
    assert_eq!(
        at(day(2027, 10, 15), day(2028, 1, 8)),
        (Status::DueSoon, due)
    );
    assert_eq!(
        at(day(2027, 10, 15), day(2028, 1, 16)),
        (Status::Overdue, due)
    );
    assert_eq!(
        at(day(2027, 10, 15), day(2028, 4, 15)),
        (Status::Overdue, due)
    );
    assert_eq!(
        at(day(2027, 10, 15), day(2028, 4, 16)),
        (Status::Stale, due)
    );
}

#[test]
fn monthly_on_day_31_across_month_ends() {
    let monthly = Cadence::Monthly { day: 31 };
    let at = |published_on, today| status_on(monthly, published(published_on), today);
    // Due 30 April (April has 30 days); late from 1 May.
    assert_eq!(
        at(day(2027, 3, 31), day(2027, 4, 30)),
        (Status::DueSoon, Some(day(2027, 4, 30)))
    );
    assert_eq!(
        at(day(2027, 3, 31), day(2027, 5, 1)),
        (Status::Overdue, Some(day(2027, 4, 30)))
    );
    // Then 31 May, and missed twice once 1 June comes.
    assert_eq!(at(day(2027, 3, 31), day(2027, 6, 1)).0, Status::Stale);
    // February: 29th in a leap year, 28th in a common year.
    assert_eq!(
        at(day(2028, 1, 31), day(2028, 2, 29)),
        (Status::DueSoon, Some(day(2028, 2, 29)))
    );
    assert_eq!(
        at(day(2028, 1, 31), day(2028, 3, 1)),
        (Status::Overdue, Some(day(2028, 2, 29)))
    );
    assert_eq!(
        at(day(2027, 1, 31), day(2027, 3, 1)),
        (Status::Overdue, Some(day(2027, 2, 28)))
    );
    assert_eq!(
        at(day(2027, 1, 31), day(2027, 2, 28)),
        (Status::DueSoon, Some(day(2027, 2, 28)))
    );
}

#[test]
fn a_fixed_day_of_feb_29() {
    let settings = Settings {
        disclosure_days: vec![MonthDay::new(2, 29)],
        ..Settings::default()
    };
    let mut common = project(vec![(
        Cadence::Annual,
        Scope::External,
        published(day(2027, 2, 28)),
    )]);
    common.settings = settings.clone();
    let row = item_schedule(&common, &common.items[0], day(2027, 6, 1));
    assert_eq!(row.next_due, Some(day(2028, 2, 29)));
    let mut leap = project(vec![(
        Cadence::Annual,
        Scope::External,
        published(day(2028, 2, 29)),
    )]);
    leap.settings = settings;
    let row = item_schedule(&leap, &leap.items[0], day(2028, 6, 1));
    assert_eq!(row.next_due, Some(day(2029, 2, 28)));
}

#[test]
fn ad_hoc_deadlines_skip_weekends_and_holidays() {
    // Event on Thursday 29 April 2027; 3 working days; 1–5 May holidays.
    let disclosure = Disclosure {
        published_on: Some(day(2027, 3, 1)),
        event_on: Some(day(2027, 4, 29)),
        ..Disclosure::default()
    };
    let mut project = project(vec![(
        Cadence::AdHoc { working_days: 3 },
        Scope::External,
        disclosure,
    )]);
    let at = |project: &Project, today| {
        let row = item_schedule(project, &project.items[0], today);
        (row.status, row.next_due)
    };
    // Without holidays: Fri 30 April, Mon 3 May, Tue 4 May.
    assert_eq!(
        at(&project, day(2027, 5, 4)),
        (Status::DueSoon, Some(day(2027, 5, 4)))
    );
    assert_eq!(
        at(&project, day(2027, 5, 5)),
        (Status::Overdue, Some(day(2027, 5, 4)))
    );
    project.settings.holidays = (1..=5).map(|d| day(2027, 5, d)).collect();
    // With them: Fri 30 April, Thu 6 May, Fri 7 May.
    assert_eq!(
        at(&project, day(2027, 5, 7)),
        (Status::DueSoon, Some(day(2027, 5, 7)))
    );
    assert_eq!(
        at(&project, day(2027, 5, 8)),
        (Status::Overdue, Some(day(2027, 5, 7)))
    );
    // Published after the event: nothing pending, no due date.
    project.items[0].disclosure.published_on = Some(day(2027, 5, 6));
    assert_eq!(at(&project, day(2027, 6, 1)), (Status::Normal, None));
}

#[test]
fn an_unpublished_ad_hoc_item_is_late_after_its_deadline() {
    let disclosure = Disclosure {
        event_on: Some(day(2027, 3, 1)),
        ..Disclosure::default()
    };
    let at = |today| {
        status_on(
            Cadence::AdHoc { working_days: 20 },
            disclosure.clone(),
            today,
        )
    };
    assert_eq!(
        at(day(2027, 3, 29)),
        (Status::Unpublished, Some(day(2027, 3, 29)))
    );
    assert_eq!(
        at(day(2027, 3, 30)),
        (Status::Overdue, Some(day(2027, 3, 29)))
    );
}

#[test]
fn standing_items_wait_for_publication_only_with_unpublished_changes() {
    let mut disclosure = published(day(2020, 1, 1));
    assert_eq!(
        status_on(Cadence::Standing, disclosure.clone(), day(2027, 1, 1)),
        (Status::Normal, None)
    );
    disclosure.changed_on = Some(day(2020, 1, 1));
    assert_eq!(
        status_on(Cadence::Standing, disclosure.clone(), day(2027, 1, 1)).0,
        Status::Normal
    );
    disclosure.changed_on = Some(day(2020, 1, 2));
    assert_eq!(
        status_on(Cadence::Standing, disclosure, day(2027, 1, 1)).0,
        Status::Pending
    );
}

#[test]
fn freshly_edited_content_is_waiting_for_publication_not_stale() {
    let disclosure = Disclosure {
        published_on: Some(day(2027, 3, 1)),
        changed_on: Some(day(2027, 3, 2)),
        ..Disclosure::default()
    };
    let project = project(vec![(Cadence::HalfYearly, Scope::External, disclosure)]);
    let row = item_schedule(&project, &project.items[0], day(2027, 3, 3));
    assert_eq!(
        (row.status, row.next_due),
        (Status::Pending, Some(day(2027, 8, 31)))
    );
    assert_eq!(row.status.label_zh(), "待发布");
    assert_eq!(row.note, "内容已于2027年3月2日修改，尚未发布");
    assert!(row.status.needs_action());
}

#[test]
fn edited_content_that_is_also_a_period_behind_stays_stale_and_says_both() {
    let disclosure = Disclosure {
        published_on: Some(day(2025, 1, 15)),
        changed_on: Some(day(2026, 11, 28)),
        ..Disclosure::default()
    };
    let project = project(vec![(Cadence::HalfYearly, Scope::External, disclosure)]);
    let row = item_schedule(&project, &project.items[0], day(2026, 11, 30));
    assert_eq!(row.status, Status::Stale);
    assert_eq!(row.status.label_zh(), "内容过期");
    assert!(
        row.note.contains("现公开内容为2025年1月15日发布"),
        "{}",
        row.note
    );
    assert!(
        row.note.contains("内容已于2026年11月28日修改，尚未发布"),
        "{}",
        row.note
    );
}

#[test]
fn never_published_items() {
    let (status, due) = status_on(
        Cadence::Quarterly { day: 1 },
        Disclosure::default(),
        day(2027, 5, 2),
    );
    assert_eq!((status, due), (Status::Unpublished, Some(day(2027, 7, 1))));
    assert_eq!(
        status_on(Cadence::Standing, Disclosure::default(), day(2027, 5, 2)),
        (Status::Unpublished, None)
    );
}

#[test]
fn pre_publication_deadline() {
    let draft = Disclosure {
        stage: Stage::PrePublication,
        pre_published_on: Some(day(2027, 3, 1)),
        ..Disclosure::default()
    };
    let at = |today| status_on(Cadence::AdHoc { working_days: 20 }, draft.clone(), today);
    // While comments are taken the draft is in time; afterwards it waits for its decision:
    // no rule sets a deadline for the decision, so it is never 逾期 and has no due date.
    assert_eq!(at(day(2027, 3, 23)), (Status::Normal, None));
    assert_eq!(at(day(2027, 3, 31)), (Status::Normal, None));
    assert_eq!(at(day(2027, 4, 1)), (Status::AwaitingDecision, None));
    assert_eq!(at(day(2027, 9, 1)), (Status::AwaitingDecision, None));
}

#[test]
fn footer_dates_come_from_the_items() {
    let mut project = project(vec![
        (
            Cadence::Standing,
            Scope::External,
            published(day(2027, 1, 5)),
        ),
        (
            Cadence::HalfYearly,
            Scope::External,
            published(day(2027, 3, 1)),
        ),
        (
            Cadence::Monthly { day: 10 },
            Scope::External,
            published(day(2027, 2, 10)),
        ),
        // Internal items never decide what the public board says.
        (
            Cadence::Monthly { day: 1 },
            Scope::Internal,
            published(day(2027, 3, 20)),
        ),
    ]);
    let board = project.boards[0].clone();
    assert_eq!(
        footer_dates_text(&project, &board, day(2027, 3, 2)).as_deref(),
        Some("本期公开日期：2027年3月1日\u{3000}\u{3000}下次公开日期：2027年3月10日")
    );
    project.items.truncate(2);
    project.settings.date_style = gongkai::model::DateStyle::Chinese;
    assert_eq!(
        footer_dates_text(&project, &board, day(2027, 3, 2)).as_deref(),
        Some(
            "本期公开日期：二〇二七年三月一日\u{3000}\u{3000}下次公开日期：二〇二七年八月三十一日"
        )
    );
    for item in &mut project.items {
        item.disclosure.published_on = None;
    }
    assert_eq!(footer_dates_text(&project, &board, day(2027, 3, 2)), None);
}

#[test]
fn internal_items_are_left_out_of_external_exports() {
    let project = project(vec![
        (
            Cadence::Standing,
            Scope::External,
            published(day(2027, 3, 1)),
        ),
        (
            Cadence::Quarterly { day: 15 },
            Scope::Internal,
            published(day(2027, 3, 1)),
        ),
    ]);
    let view = external_view(&project);
    assert_eq!(view.project.items.len(), 1);
    assert_eq!(
        view.project.boards[0].panels[0].item_ids,
        vec!["item-0".to_owned()]
    );
    assert_eq!(view.left_out.len(), 1);
    assert_eq!(view.left_out[0].title, "公开内容1");
    assert_eq!(
        left_out_message(&view.left_out).as_deref(),
        Some("1 项对内公开事项未包含在对外导出中：公开内容1。它们只出现在对内表簿中。")
    );
    let ids = project.boards[0].panels[0].item_ids.clone();
    let (kept, left_out) = split_external(&project, &ids);
    assert_eq!(kept, vec!["item-0".to_owned()]);
    assert_eq!(left_out, view.left_out);
    // The original is untouched: internal registers still see everything.
    assert_eq!(project.items.len(), 2);
}
