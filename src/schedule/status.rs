//! Where each item stands on a given day: its next due date and a status.
//!
//! The rules (dates are whole days; "today" is always passed in, never read from the clock):
//! - **未公开**: the item was never published (no 公开日期) and nothing is late yet. When the
//!   project knows its start (开始公开, `Settings::disclosure_start`, else the day the project
//!   was made), a periodic item is due for the first time one cadence after the start (a
//!   月度 item one month after it, 季度 three months, 半年 six, 年度 twelve) and a 长期 item
//!   (职责, 程序) one month after it; past that day it is **逾期** like any late item. Without a
//!   known start its next due date is the cadence's next due day from today. A 随时 item's is
//!   the event's deadline.
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
//!   item is 逾期 once its deadline passed.
//! - **预公开** (a draft out for comments, see `stage`): 正常 while the comment period runs.
//!   Afterwards the item waits for its decision, **待决议** (not late: no rule sets a deadline
//!   for a decision), unless the project sets `Settings::decision_due_days`: then the decision
//!   is due that many days after the comment period and late after it.
//! - **决议**: the 实施结果 is due `Disclosure::result_due_days` (else
//!   `Settings::result_due_days`, 90 by default) days after the 决议日期; 即将到期 and 逾期 as
//!   for any due date.
//! - **公示期满**: a published 公示 whose 公示期 (`Disclosure::notice_until`) has ended: it must
//!   come down or be replaced (the finding says so); before that it is judged by its cadence
//!   and the note gives the end of the 公示期.
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
    /// 待决议: a 预公开 whose comment period has ended, waiting for its decision.
    AwaitingDecision,
    /// 公示期满: a 公示 whose 公示期 has ended, still up.
    NoticeEnded,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Normal,
        Status::DueSoon,
        Status::Unpublished,
        Status::AwaitingDecision,
        Status::Pending,
        Status::Overdue,
        Status::Stale,
        Status::NoticeEnded,
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
            Status::AwaitingDecision => "待决议",
            Status::NoticeEnded => "公示期满",
        }
    }

    /// Overdue, stale, ended 公示 and edited-but-unpublished items need the clerk now
    /// (`gongkai check` exits 1).
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            Status::Pending | Status::Overdue | Status::Stale | Status::NoticeEnded
        )
    }
}

/// The labels of the statuses that need action, as a clerk reads them:
/// "待发布、逾期、内容过期或公示期满".
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
        with_edits(draft_status(deadline, today, settings), item, settings)
    } else if let Some(due) = result_due(disclosure, settings) {
        with_edits(result_status(due, today, settings), item, settings)
    } else if disclosure.published_on.is_some() {
        let verdict = with_edits(
            period_status(cadence, disclosure, today, settings),
            item,
            settings,
        );
        notice_status(verdict, disclosure, today, settings)
    } else {
        unpublished_status(
            cadence,
            disclosure,
            disclosure_start(project),
            today,
            settings,
        )
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
    // 明白卡 are handed out, not put on a board.
    let is_cards = project.card(&item.id).is_some();
    on_boards
        && !is_cards
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
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    if today <= deadline {
        let note = format!("预公开，征求意见截止日期：{}", date(deadline));
        let next_due = decision_deadline(deadline, settings);
        return (Status::Normal, next_due, note);
    }
    let ended = format!("征求意见已于{}截止", date(deadline));
    match decision_deadline(deadline, settings) {
        Some(due) if today > due => {
            let note = format!("{ended}，决议应于{}前公开，尚未公开", date(due));
            (Status::Overdue, Some(due), note)
        }
        Some(due) => (
            Status::AwaitingDecision,
            Some(due),
            format!("{ended}，待决议（应于{}前公开决议）", date(due)),
        ),
        None => (
            Status::AwaitingDecision,
            None,
            format!("{ended}，待决议；作出决议后请改为“决议”阶段并发布"),
        ),
    }
}

/// The day by which the decision is due after the comment period, when the town's rules set one.
fn decision_deadline(comment_deadline: NaiveDate, settings: &Settings) -> Option<NaiveDate> {
    let days = settings.decision_due_days?;
    comment_deadline.checked_add_days(chrono::Days::new(u64::from(days)))
}

/// The day a 决议's 实施结果 is due: the decision's date (else its 公开日期) plus the period.
pub fn result_due(disclosure: &Disclosure, settings: &Settings) -> Option<NaiveDate> {
    if disclosure.stage != Stage::Decision {
        return None;
    }
    let decided_on = disclosure.decided_on.or(disclosure.published_on)?;
    let days = disclosure
        .result_due_days
        .unwrap_or(settings.result_due_days);
    decided_on.checked_add_days(chrono::Days::new(u64::from(days)))
}

fn result_status(due: NaiveDate, today: NaiveDate, settings: &Settings) -> Verdict {
    let date = format_date(due, settings.date_style);
    if today > due {
        let days_late = (today - due).num_days();
        let note = format!("实施结果应于{date}前公开，已逾期{days_late}天");
        return (Status::Overdue, Some(due), note);
    }
    (
        timeliness(due, today, settings),
        Some(due),
        format!("已决议，实施结果应于{date}前公开"),
    )
}

/// A published 公示 past its 公示期 is 公示期满; before, the note gives the period's end.
fn notice_status(
    verdict: Verdict,
    disclosure: &Disclosure,
    today: NaiveDate,
    settings: &Settings,
) -> Verdict {
    let Some(until) = disclosure.notice_until else {
        return verdict;
    };
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    let (status, next_due, note) = verdict;
    if today > until {
        let from = disclosure
            .published_on
            .map(|on| format!("{}至", date(on)))
            .unwrap_or_default();
        let ended = format!(
            "公示期（{from}{}）已满，请撤下或更换为新的内容",
            date(until)
        );
        return (Status::NoticeEnded, Some(until), join_notes(&note, &ended));
    }
    let running = format!("公示期至{}", date(until));
    (status, next_due, join_notes(&note, &running))
}

fn join_notes(first: &str, second: &str) -> String {
    if first.is_empty() {
        second.to_owned()
    } else {
        format!("{first}；{second}")
    }
}

/// A published item whose content changed since: 待发布, or the worse status with a note.
fn with_edits(verdict: Verdict, item: &Item, settings: &Settings) -> Verdict {
    let disclosure = &item.disclosure;
    if disclosure.published_on.is_none() || !item.changed_since_publication() {
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
        (status, next_due, join_notes(&note, &edited))
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

/// The day the unit's disclosure starts counting: 开始公开, else the day the project was made.
pub fn disclosure_start(project: &Project) -> Option<NaiveDate> {
    project.settings.disclosure_start.or(project.created_on)
}

/// The day by which an item never published must first go up: one cadence after the start
/// (长期 items one month after it); None for 随时 items (their events set deadlines).
pub fn first_publication_due(cadence: Cadence, start: NaiveDate) -> Option<NaiveDate> {
    let months = match cadence {
        Cadence::Monthly { .. } | Cadence::Standing => 1,
        Cadence::Quarterly { .. } => 3,
        Cadence::HalfYearly => 6,
        Cadence::Annual => 12,
        Cadence::AdHoc { .. } => return None,
    };
    start.checked_add_months(chrono::Months::new(months))
}

fn unpublished_status(
    cadence: Cadence,
    disclosure: &Disclosure,
    start: Option<NaiveDate>,
    today: NaiveDate,
    settings: &Settings,
) -> Verdict {
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    if let Some(due) = start.and_then(|start| first_publication_due(cadence, start)) {
        if today > due {
            let days_late = (today - due).num_days();
            let note = format!("从未公开：应于{}前首次公开，已逾期{days_late}天", date(due));
            return (Status::Overdue, Some(due), note);
        }
        let note = format!("尚未公开（应于{}前首次公开）", date(due));
        return (
            timeliness_unpublished(due, today, settings),
            Some(due),
            note,
        );
    }
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

/// 未公开 (or 即将到期 when the first due day is near) for an item never published in time.
fn timeliness_unpublished(due: NaiveDate, today: NaiveDate, settings: &Settings) -> Status {
    match timeliness(due, today, settings) {
        Status::DueSoon => Status::DueSoon,
        _ => Status::Unpublished,
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
