//! 发布: stamping today's 公开日期 on what changed, with a dated entry in the 台账 (the log),
//! and the archive folder inspectors look at.
//!
//! An item needs publishing when it was never published or its content changed after its last
//! 公开日期 (`changed_on` > `published_on`). Publishing sets `published_on` to today; a draft in
//! 预公开 without a date gets today as `pre_published_on`, a 实施结果 without a date today as
//! `result_on`. One `LogEntry` records the day, the items and the boards. Publishing again on
//! the same day finds nothing to stamp and appends nothing, so it is harmless; nor is an
//! archive written then (`archive::archive_publication`).

use super::status::has_unpublished_changes;
use crate::model::{Disclosure, LogEntry, LogKind, Project, Stage};
use chrono::NaiveDate;

/// What a publication did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublishOutcome {
    pub date: NaiveDate,
    /// The items stamped, (id, title), in project order. Empty: nothing had changed.
    pub stamped: Vec<(String, String)>,
    /// The boards named in the log entry.
    pub board_ids: Vec<String>,
    /// Whether a log entry was appended (only when something was stamped).
    pub logged: bool,
}

impl PublishOutcome {
    /// A one-line Chinese summary for the clerk.
    pub fn summary_zh(&self) -> String {
        if self.stamped.is_empty() {
            "没有自上次发布以来改动的内容，未作更改，也未写新的存档。".to_owned()
        } else {
            format!(
                "已发布 {} 项：{}。",
                self.stamped.len(),
                titles_zh(&self.stamped)
            )
        }
    }
}

/// Whether an item is to be stamped by the next publication.
pub fn needs_publication(disclosure: &Disclosure) -> bool {
    disclosure.published_on.is_none() || has_unpublished_changes(disclosure)
}

/// Publishes on `today`. `board_ids` names the boards put up; empty: every board showing a
/// stamped item.
pub fn publish(project: &mut Project, today: NaiveDate, board_ids: &[String]) -> PublishOutcome {
    let mut stamped = Vec::new();
    for item in &mut project.items {
        if needs_publication(&item.disclosure) {
            stamp(&mut item.disclosure, today);
            stamped.push((item.id.clone(), item.title.clone()));
        }
    }
    let board_ids: Vec<String> = if board_ids.is_empty() {
        boards_showing(project, &stamped)
    } else {
        board_ids.to_vec()
    };
    let logged = !stamped.is_empty();
    if logged {
        project.log.push(LogEntry {
            date: Some(today),
            kind: LogKind::Published,
            summary: format!("发布：更新{}项（{}）", stamped.len(), titles_zh(&stamped)),
            item_ids: stamped.iter().map(|(id, _)| id.clone()).collect(),
            board_ids: board_ids.clone(),
        });
    }
    PublishOutcome {
        date: today,
        stamped,
        board_ids,
        logged,
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
