//! 发布: stamping today's 公开日期 on what changed, with a dated entry in the 台账 (the log),
//! and the archive folder inspectors look at.
//!
//! An item needs publishing when it was never published or its content differs from what was
//! published (the content fingerprint saved at publication; for files written before
//! fingerprints, `changed_on` > `published_on`), so an edit made on the day of publishing is
//! published next time. Items due with unchanged content can be re-confirmed
//! (内容无变化，照常公开): they count as published today. [`plan_publication`] says what a
//! publication would do before it is done. Publishing sets `published_on` to today; a draft in
//! 预公开 without a date gets today as `pre_published_on`, a 实施结果 without a date today as
//! `result_on`. One `LogEntry` records the day, the items and the boards. Publishing again on
//! the same day finds nothing to stamp and appends nothing, so it is harmless; nor is an
//! archive written then (`archive::archive_publication`).
//!
//! The 公开日期 is the day of publishing unless the clerk gives another day (content put up
//! earlier, recorded late) with a reason: [`publish_on`] refuses another day without one, and
//! writes the reason into the 台账 entry.

use super::status::{Status, item_schedule};
use crate::model::{Disclosure, Item, LogEntry, LogKind, Project, Stage};
use chrono::NaiveDate;

/// What a publication did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishOutcome {
    pub date: NaiveDate,
    /// The items stamped because they changed (or were never published), (id, title), in
    /// project order.
    pub stamped: Vec<(String, String)>,
    /// The items due but unchanged that the clerk confirmed: 内容无变化，照常公开.
    pub confirmed: Vec<(String, String)>,
    /// The boards named in the log entry.
    pub board_ids: Vec<String>,
    /// Whether a log entry was appended (only when something was stamped or confirmed).
    pub logged: bool,
    /// The items held back (id, title, why): changed or due, but they still hold a 【请填写】
    /// or a personal number that would print in full, so they were not stamped.
    pub held: Vec<(String, String, String)>,
}

impl PublishOutcome {
    /// A one-line Chinese summary for the clerk.
    pub fn summary_zh(&self) -> String {
        let held = self.held_zh();
        if !self.logged {
            if !held.is_empty() {
                return format!("没有发布任何内容，未写新的存档。{held}");
            }
            return "没有自上次发布以来改动的内容，未作更改，也未写新的存档。".to_owned();
        }
        let mut parts = Vec::new();
        if !self.stamped.is_empty() {
            parts.push(format!(
                "已发布 {} 项：{}",
                self.stamped.len(),
                titles_zh(&self.stamped)
            ));
        }
        if !self.confirmed.is_empty() {
            parts.push(format!(
                "内容无变化、照常公开 {} 项：{}",
                self.confirmed.len(),
                titles_zh(&self.confirmed)
            ));
        }
        format!("{}。{held}", parts.join("；"))
    }

    /// The items held back, named with their reasons (empty when none was).
    pub fn held_zh(&self) -> String {
        if self.held.is_empty() {
            return String::new();
        }
        let named: Vec<String> = self
            .held
            .iter()
            .map(|(_, title, why)| format!("“{title}”（{why}）"))
            .collect();
        format!(
            "未发布 {} 项：{}。请改好后再发布。",
            self.held.len(),
            named.join("；")
        )
    }
}

/// What the next publication would do, for the clerk to see first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishPlan {
    /// Changed since their last publication (or never published): stamped.
    pub to_stamp: Vec<(String, String)>,
    /// Due (or overdue, or stale) with unchanged content: each may be re-confirmed as
    /// 内容无变化，照常公开; those not confirmed stay overdue.
    pub due_unchanged: Vec<(String, String, Status)>,
    /// The boards put up (those named, or all) that show no item: they would go up empty.
    pub empty_boards: Vec<String>,
}

impl PublishPlan {
    pub fn is_empty(&self) -> bool {
        self.to_stamp.is_empty() && self.due_unchanged.is_empty()
    }

    /// The warning for boards that would go up empty, if any.
    pub fn empty_boards_warning_zh(&self) -> Option<String> {
        (!self.empty_boards.is_empty()).then(|| {
            let names: Vec<String> = self
                .empty_boards
                .iter()
                .map(|name| format!("“{name}”"))
                .collect();
            format!(
                "公开栏{}上没有任何公开内容（没有栏目，或栏目里没有放内容），发布后张贴出去是空的。请先添加栏目和内容。",
                names.join("、")
            )
        })
    }
}

/// The names of the boards (those in `board_ids`, or all when empty) whose panels show no
/// item.
fn empty_boards(project: &Project, board_ids: &[String]) -> Vec<String> {
    project
        .boards
        .iter()
        .filter(|board| board_ids.is_empty() || board_ids.contains(&board.id))
        .filter(|board| board.panels.iter().all(|panel| panel.item_ids.is_empty()))
        .map(|board| board.name.clone())
        .collect()
}

/// Whether an item is to be stamped by the next publication: never published, or its content
/// differs from what was published (by fingerprint; by dates for older files).
pub fn needs_publication(item: &Item) -> bool {
    item.disclosure.published_on.is_none() || item.changed_since_publication()
}

/// Whether an item is shown on one of the boards (all items when `board_ids` is empty).
fn on_boards(project: &Project, item_id: &str, board_ids: &[String]) -> bool {
    board_ids.is_empty()
        || project
            .boards
            .iter()
            .filter(|board| board_ids.contains(&board.id))
            .flat_map(|board| &board.panels)
            .any(|panel| panel.item_ids.iter().any(|id| id == item_id))
}

/// What publishing on `today` would do: the items it stamps, and the items due but unchanged
/// (on `board_ids`, or anywhere when empty) that the clerk may re-confirm.
pub fn plan_publication(project: &Project, today: NaiveDate, board_ids: &[String]) -> PublishPlan {
    let mut plan = PublishPlan {
        empty_boards: empty_boards(project, board_ids),
        ..PublishPlan::default()
    };
    for card in project
        .cards
        .iter()
        .filter_map(|card| card.as_disclosed_item())
    {
        if needs_publication(&card) {
            plan.to_stamp.push((card.id.clone(), card.title.clone()));
        }
    }
    for item in &project.items {
        if needs_publication(item) {
            plan.to_stamp.push((item.id.clone(), item.title.clone()));
            continue;
        }
        let row = item_schedule(project, item, today);
        // An ended 公示 comes down or is replaced, and a draft waiting for its decision has
        // nothing to re-confirm: neither goes up again unchanged.
        let reconfirmable = !matches!(row.status, Status::NoticeEnded | Status::AwaitingDecision);
        let due = matches!(row.status, Status::Overdue | Status::Stale)
            || row.next_due.is_some_and(|due| due <= today);
        let due = due && reconfirmable;
        if due && on_boards(project, &item.id, board_ids) {
            plan.due_unchanged
                .push((item.id.clone(), item.title.clone(), row.status));
        }
    }
    plan
}

/// The 公开日期 a publication records: the day of publishing, or another day (content put
/// up earlier and recorded late) with the reason, which goes into the 台账.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishDay {
    /// 公开日期.
    pub date: NaiveDate,
    /// The day the clerk publishes (the app's and the command's today).
    pub today: NaiveDate,
    /// Why `date` is not `today`; required then.
    pub reason: String,
}

impl PublishDay {
    pub fn today(today: NaiveDate) -> Self {
        PublishDay {
            date: today,
            today,
            reason: String::new(),
        }
    }

    /// Refuses another day without a reason, and a day after today (nothing is published in
    /// the future). The message is for the clerk.
    pub fn validate(&self, style: crate::model::DateStyle) -> Result<(), String> {
        let date = super::dates::format_date(self.date, style);
        if self.date > self.today {
            return Err(format!(
                "公开日期{date}晚于今天：只能记录已经张贴的内容，请改为今天或以前的日期。"
            ));
        }
        if self.date != self.today && self.reason.trim().is_empty() {
            return Err(format!(
                "公开日期{date}不是今天：请写明原因（例如“{date}已张贴，今日补录”），原因会记入公开台账。"
            ));
        }
        Ok(())
    }
}

/// Publishes with the 公开日期 of `day` (see [`PublishDay`]): refused with a Chinese message,
/// changing nothing, when the day is not today and no reason is given or is in the future. A
/// reason is written into the 台账 entry.
pub fn publish_on(
    project: &mut Project,
    day: &PublishDay,
    board_ids: &[String],
    confirmed: &[String],
    held: &[Held],
) -> Result<PublishOutcome, String> {
    day.validate(project.settings.date_style)?;
    let outcome = publish_holding(project, day.date, board_ids, confirmed, held);
    if outcome.logged
        && day.date != day.today
        && let Some(entry) = project.log.last_mut()
    {
        let style = project.settings.date_style;
        entry.summary.push_str(&format!(
            "（{}补录，原因：{}）",
            super::dates::format_date(day.today, style),
            day.reason.trim()
        ));
    }
    Ok(outcome)
}

/// Publishes on `today`. `board_ids` names the boards put up; empty: every board showing a
/// stamped item.
pub fn publish(project: &mut Project, today: NaiveDate, board_ids: &[String]) -> PublishOutcome {
    publish_confirmed(project, today, board_ids, &[])
}

/// Publishes on `today`, and counts the items in `confirmed` (ids of due items whose content
/// is unchanged) as published today too: 内容无变化，照常公开. Ids of items that changed are
/// stamped anyway; unknown ids are ignored.
pub fn publish_confirmed(
    project: &mut Project,
    today: NaiveDate,
    board_ids: &[String],
    confirmed: &[String],
) -> PublishOutcome {
    publish_holding(project, today, board_ids, confirmed, &[])
}

/// An item a publication must not stamp, and why (said for the clerk). Which items are held is
/// decided by `jobs::publish_project` (placeholders and personal numbers, as export sees them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub item_id: String,
    pub reason: String,
}

/// [`publish_confirmed`] that leaves the `held` items as they are (neither stamped nor
/// re-confirmed) and names them in the outcome.
pub fn publish_holding(
    project: &mut Project,
    today: NaiveDate,
    board_ids: &[String],
    confirmed: &[String],
    held: &[Held],
) -> PublishOutcome {
    let mut stamped = Vec::new();
    let mut reconfirmed = Vec::new();
    let mut held_back = Vec::new();
    for item in &mut project.items {
        if let Some(hold) = held.iter().find(|hold| hold.item_id == item.id) {
            if needs_publication(item) || confirmed.contains(&item.id) {
                held_back.push((item.id.clone(), item.title.clone(), hold.reason.clone()));
            }
            continue;
        }
        if needs_publication(item) {
            stamped.push((item.id.clone(), item.title.clone()));
        } else if confirmed.contains(&item.id) {
            reconfirmed.push((item.id.clone(), item.title.clone()));
        } else {
            continue;
        }
        let fingerprint = item.content_fingerprint();
        stamp(&mut item.disclosure, today);
        item.disclosure.published_fingerprint = Some(fingerprint);
    }
    // 明白卡 linked to a catalog entry go out with the publication when they changed.
    for card in &mut project.cards {
        let Some(item) = card.as_disclosed_item() else {
            continue;
        };
        if !needs_publication(&item) {
            continue;
        }
        if let Some(hold) = held.iter().find(|hold| hold.item_id == card.id) {
            held_back.push((item.id.clone(), item.title.clone(), hold.reason.clone()));
        } else {
            stamped.push((item.id.clone(), item.title.clone()));
            card.disclosure.published_on = Some(today);
            card.disclosure.published_fingerprint = Some(item.content_fingerprint());
        }
    }
    let all: Vec<(String, String)> = stamped.iter().chain(&reconfirmed).cloned().collect();
    let board_ids: Vec<String> = if board_ids.is_empty() {
        boards_showing(project, &all)
    } else {
        board_ids.to_vec()
    };
    let logged = !all.is_empty();
    if logged {
        let mut summary = Vec::new();
        if !stamped.is_empty() {
            summary.push(format!(
                "更新{}项（{}）",
                stamped.len(),
                titles_zh(&stamped)
            ));
        }
        if !reconfirmed.is_empty() {
            summary.push(format!(
                "内容无变化，照常公开{}项（{}）",
                reconfirmed.len(),
                titles_zh(&reconfirmed)
            ));
        }
        project.log.push(LogEntry {
            date: Some(today),
            kind: LogKind::Published,
            summary: format!("发布：{}", summary.join("；")),
            item_ids: all.iter().map(|(id, _)| id.clone()).collect(),
            board_ids: board_ids.clone(),
        });
    }
    PublishOutcome {
        date: today,
        stamped,
        confirmed: reconfirmed,
        board_ids,
        logged,
        held: held_back,
    }
}

fn stamp(disclosure: &mut Disclosure, today: NaiveDate) {
    disclosure.published_on = Some(today);
    match disclosure.stage {
        Stage::PrePublication if disclosure.pre_published_on.is_none() => {
            disclosure.pre_published_on = Some(today);
        }
        Stage::Result if disclosure.result_on.is_none() => disclosure.result_on = Some(today),
        _ => {}
    }
}

/// The boards (in project order) with a panel showing one of the items.
fn boards_showing(project: &Project, items: &[(String, String)]) -> Vec<String> {
    project
        .boards
        .iter()
        .filter(|board| {
            board
                .panels
                .iter()
                .flat_map(|panel| &panel.item_ids)
                .any(|item_id| items.iter().any(|(id, _)| id == item_id))
        })
        .map(|board| board.id.clone())
        .collect()
}

/// Up to five titles joined with 、, then "等".
fn titles_zh(items: &[(String, String)]) -> String {
    const SHOWN: usize = 5;
    let titles: Vec<&str> = items
        .iter()
        .take(SHOWN)
        .map(|(_, title)| title.as_str())
        .collect();
    let mut text = titles.join("、");
    if items.len() > SHOWN {
        text.push('等');
    }
    text
}
