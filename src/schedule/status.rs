//! Where each item stands on a given day: its next due date and a status.
//!
//! The rules (dates are whole days; "today" is always passed in, never read from the clock):
//! - **未公开**: the item was never published (no 公开日期) and nothing is late yet. Its next
//!   due date is the cadence's next due day from today, or for 随时 the event's deadline.
//! - **内容过期** (stale: the board shows content of a past period, "还是去年的"): a periodic
//!   item has missed a whole period: today is past the due day *after* its next due day (a
//!   half-yearly table published in January 2025 and not updated by 2026年3月1日).
//! - **待发布** (edited, not yet published): the content changed after it was last published
//!   (`changed_on` > `published_on`), for every cadence — the new version waits to go up; for
//!   长期 items (职责, 程序) this is the only way to need publishing. When the item is also
//!   逾期 or 内容过期, that status wins and the note mentions the edit.
//! - **逾期**: today is past the next due date (the due day itself still counts as in time).
//!   For 随时 items the due date is the event's deadline (`event_on` + N working days, see
//!   `workdays`), open while the item was last published before the event; a never-published
//!   item is 逾期 once its deadline passed. For a 预公开 draft the due date is the end of its
//!   comment period: afterwards the formal version is late.
//! - **即将到期**: the next due date is at most `Settings::due_soon_days` away (7 days before
//!   the due day is 即将到期, 8 days before is 正常).
//! - **未上栏**: a board item (its channels include 公开栏) that no panel of any board shows
//!   (its panel was deleted and the item kept): it would be 正常, 即将到期 or 未公开, but the
//!   public cannot see it. A worse status (待发布, 逾期, 内容过期) wins and the note says 未上栏.
//! - **正常**: otherwise, including 长期 items without unpublished changes and 随时 items
//!   without a pending event.

use super::cadence::{
    first_due_after, first_due_on_or_after, is_periodic, next_due_after_publication,
};
use super::dates::format_date;
use super::stage::comment_deadline;
use super::workdays::add_working_days;
use crate::model::{Cadence, Disclosure, Item, Project, Settings, Stage};
use chrono::NaiveDate;

/// The schedule status of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// 正常.
    Normal,
    /// 即将到期.
    DueSoon,
    /// 未公开.
    Unpublished,
    /// 待发布: edited after its last 公开日期, the new version not yet published.
    Pending,
    /// 逾期.
    Overdue,
    /// 内容过期.
    Stale,
    /// 未上栏: on no panel of any board.
    Unplaced,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Normal,
        Status::DueSoon,
        Status::Unpublished,
        Status::Pending,
        Status::Overdue,
        Status::Stale,
        Status::Unplaced,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Normal => "正常",
            Status::DueSoon => "即将到期",
            Status::Unpublished => "未公开",
            Status::Pending => "待发布",
            Status::Overdue => "逾期",
            Status::Stale => "内容过期",
            Status::Unplaced => "未上栏",
        }
    }

    /// Overdue, stale and edited-but-unpublished items need the clerk now (`gongkai check`
    /// exits 1).
    pub fn needs_action(self) -> bool {
        matches!(self, Status::Pending | Status::Overdue | Status::Stale)
    }
}

/// The labels of the statuses that need action, as a clerk reads them: "待发布、逾期或内容过期".
pub fn action_labels_zh() -> String {
    let labels: Vec<&str> = Status::ALL
        .iter()
        .filter(|status| status.needs_action())
        .map(|status| status.label_zh())
        .collect();
    match labels.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{}或{last}", rest.join("、")),
        None => String::new(),
    }
}

/// One item's place in the schedule on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemSchedule {
    pub item_id: String,
    pub title: String,
    pub cadence: Cadence,
    pub status: Status,
    /// 公开日期 of the content now shown.
    pub last_published: Option<NaiveDate>,
    /// When the item is next due; None for 长期 items and 随时 items with no pending event.
    pub next_due: Option<NaiveDate>,
    /// Why the status is what it is, in Chinese (empty when 正常).
    pub note: String,
}

/// Every item of the project in project order.
pub fn project_schedule(project: &Project, today: NaiveDate) -> Vec<ItemSchedule> {
    project
        .items
        .iter()
        .map(|item| item_schedule(project, item, today))
        .collect()
}

/// The counts per status, in the order of `Status::ALL`.
pub fn status_counts(schedule: &[ItemSchedule]) -> Vec<(Status, usize)> {
    Status::ALL
        .iter()
        .map(|status| {
            let count = schedule.iter().filter(|row| row.status == *status).count();
            (*status, count)
        })
        .collect()
}

/// Whether the content changed after it was last published, by the dates alone (files written
/// before content fingerprints; see `Item::changed_since_publication`).
pub fn has_unpublished_changes(disclosure: &Disclosure) -> bool {
    match (disclosure.changed_on, disclosure.published_on) {
        (Some(changed_on), Some(published_on)) => changed_on > published_on,
        _ => false,
    }
}

/// The 随时 deadline still open for an item: the event happened after the last publication.
pub fn pending_event_deadline(
    disclosure: &Disclosure,
    working_days: u32,
    settings: &Settings,
) -> Option<NaiveDate> {
    let event_on = disclosure.event_on?;
    if disclosure
        .published_on
        .is_some_and(|published_on| published_on >= event_on)
    {
        return None;
    }
    add_working_days(event_on, working_days, settings)
}

/// The next due date of a published item, from its own dates only (no "today").
pub fn next_due_of_published(
    cadence: Cadence,
    disclosure: &Disclosure,
    settings: &Settings,
) -> Option<NaiveDate> {
    match cadence {
        Cadence::AdHoc { working_days } => {
            pending_event_deadline(disclosure, working_days, settings)
        }
        Cadence::Standing => None,
        periodic => next_due_after_publication(periodic, settings, disclosure.published_on?),
    }
}

/// The schedule of one item on `today`.
pub fn item_schedule(project: &Project, item: &Item, today: NaiveDate) -> ItemSchedule {
    let settings = &project.settings;
    let cadence = project.fields_of(item).cadence;
    let disclosure = &item.disclosure;
    let (status, next_due, note) = if let Some(deadline) = draft_deadline(disclosure, settings) {
        draft_status(deadline, today, settings)
    } else if disclosure.published_on.is_some() {
        published_status(cadence, item, today, settings)
    } else {
        unpublished_status(cadence, disclosure, today, settings)
    };
    let (status, note) = if is_unplaced(project, item) {
        const NOTE: &str = "未上栏：没有栏目显示此项，请拖到某个栏目上或删除";
        let note = if note.is_empty() {
            NOTE.to_owned()
        } else {
            format!("{note}；{NOTE}")
        };
        if status.needs_action() {
            (status, note)
        } else {
            (Status::Unplaced, note)
        }
    } else {
        (status, note)
    };
    ItemSchedule {
        item_id: item.id.clone(),
        title: item.title.clone(),
        cadence,
        status,
        last_published: disclosure.published_on,
        next_due,
        note,
    }
}

/// A board item (its channels include 公开栏) that no panel of any board shows.
pub fn is_unplaced(project: &Project, item: &Item) -> bool {
    let on_boards = project
        .fields_of(item)
        .channels
        .contains(&crate::model::Channel::Board);
    on_boards
        && !project
            .boards
            .iter()
            .flat_map(|board| &board.panels)
            .any(|panel| panel.item_ids.contains(&item.id))
}

type Verdict = (Status, Option<NaiveDate>, String);

/// The end of the comment period of an item in 预公开.
fn draft_deadline(disclosure: &Disclosure, settings: &Settings) -> Option<NaiveDate> {
    if disclosure.stage == Stage::PrePublication {
        comment_deadline(disclosure, settings)
    } else {
        None
    }
}

fn draft_status(deadline: NaiveDate, today: NaiveDate, settings: &Settings) -> Verdict {
    let date = format_date(deadline, settings.date_style);
    if today > deadline {
        let note = format!("征求意见已于{date}截止，尚未正式公开");
        (Status::Overdue, Some(deadline), note)
    } else {
        let status = timeliness(deadline, today, settings);
        (
            status,
            Some(deadline),
            format!("预公开，征求意见截止日期：{date}"),
        )
    }
}

fn published_status(
    cadence: Cadence,
    item: &Item,
    today: NaiveDate,
    settings: &Settings,
) -> Verdict {
    let disclosure = &item.disclosure;
    let verdict = period_status(cadence, disclosure, today, settings);
    if !item.changed_since_publication() {
        return verdict;
    }
    let edited = match disclosure.changed_on {
        Some(changed_on) => format!(
            "内容已于{}修改，尚未发布",
            format_date(changed_on, settings.date_style)
        ),
        None => "内容已修改，尚未发布".to_owned(),
    };
    let (status, next_due, note) = verdict;
    if status.needs_action() {
        (status, next_due, format!("{note}；{edited}"))
    } else {
        (Status::Pending, next_due, edited)
    }
}

/// The status of a published item from its cadence and dates alone (edits left aside).
fn period_status(
    cadence: Cadence,
    disclosure: &Disclosure,
    today: NaiveDate,
    settings: &Settings,
) -> Verdict {
    let next_due = next_due_of_published(cadence, disclosure, settings);
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    let Some(due) = next_due else {
        return (Status::Normal, None, String::new());
    };
    let missed = if is_periodic(cadence) {
        missed_due_days(cadence, settings, due, today)
    } else {
        0
    };
    if missed >= 2 {
        let last = disclosure.published_on.map(date).unwrap_or_default();
        let note = format!("已错过{missed}个公开日，现公开内容为{last}发布");
        return (Status::Stale, Some(due), note);
    }
    if today > due {
        let days_late = (today - due).num_days();
        return (Status::Overdue, Some(due), format!("已逾期{days_late}天"));
    }
    (timeliness(due, today, settings), Some(due), String::new())
}

fn unpublished_status(
    cadence: Cadence,
    disclosure: &Disclosure,
    today: NaiveDate,
    settings: &Settings,
) -> Verdict {
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    match cadence {
        Cadence::AdHoc { working_days } => {
            let deadline = pending_event_deadline(disclosure, working_days, settings);
            match deadline {
                Some(deadline) if today > deadline => {
                    let note = format!("应于{}前公开，尚未公开", date(deadline));
                    (Status::Overdue, Some(deadline), note)
                }
                _ => (Status::Unpublished, deadline, "尚未公开".to_owned()),
            }
        }
        Cadence::Standing => (Status::Unpublished, None, "尚未公开".to_owned()),
        periodic => {
            let due = first_due_on_or_after(periodic, settings, today);
            (Status::Unpublished, due, "尚未公开".to_owned())
        }
    }
}

/// How many due days from `due` on have passed by `today` (capped at 99).
fn missed_due_days(
    cadence: Cadence,
    settings: &Settings,
    due: NaiveDate,
    today: NaiveDate,
) -> usize {
    const CAP: usize = 99;
    std::iter::successors(Some(due), |previous| {
        first_due_after(cadence, settings, *previous)
    })
    .take_while(|due_day| today > *due_day)
    .take(CAP)
    .count()
}

/// 即将到期 or 正常 for a due date that has not passed.
fn timeliness(due: NaiveDate, today: NaiveDate, settings: &Settings) -> Status {
    if (due - today).num_days() <= i64::from(settings.due_soon_days) {
        Status::DueSoon
    } else {
        Status::Normal
    }
}
