//! The dates in a board's footer: 本期公开日期 and 下次公开日期, computed from the board's
//! items, never typed.
//!
//! - 本期公开日期: the latest 公开日期 of the (对外) items the board shows.
//! - 下次公开日期: the earliest date after 本期公开日期 on which something on the board is due:
//!   an item's own next due date, or the next fixed disclosure day (公开日) counted as a
//!   publication on 本期公开日期 would count (see `cadence`).
//!
//! Pure: the layout engine calls `footer_dates_text` and gets the same text for the same
//! project on any day.

use super::cadence::next_due_after_publication;
use super::dates::format_date;
use super::scope::is_internal;
use super::status::next_due_of_published;
use crate::model::{Board, Cadence, Item, Project};
use chrono::NaiveDate;

/// The computed footer dates of a board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FooterDates {
    /// 本期公开日期.
    pub this_issue: NaiveDate,
    /// 下次公开日期.
    pub next_issue: Option<NaiveDate>,
}

/// The 对外 items a board shows, in panel order, each once.
pub fn board_items<'a>(project: &'a Project, board: &Board) -> Vec<&'a Item> {
    let mut items: Vec<&Item> = Vec::new();
    for item_id in board.panels.iter().flat_map(|panel| &panel.item_ids) {
        if let Some(item) = project.item(item_id)
            && !is_internal(project, item)
            && !items.iter().any(|seen| seen.id == item.id)
        {
            items.push(item);
        }
    }
    items
}

/// The footer dates of a board; None while none of its items was ever published.
pub fn board_footer_dates(project: &Project, board: &Board) -> Option<FooterDates> {
    let items = board_items(project, board);
    let this_issue = items
        .iter()
        .filter_map(|item| item.disclosure.published_on)
        .max()?;
    let settings = &project.settings;
    let item_dues = items.iter().filter_map(|item| {
        item.disclosure.published_on?;
        let cadence = project.fields_of(item).cadence;
        next_due_of_published(cadence, &item.disclosure, settings)
    });
    let fixed_day = next_due_after_publication(Cadence::HalfYearly, settings, this_issue);
    let next_issue = item_dues
        .chain(fixed_day)
        .filter(|due| *due > this_issue)
        .min();
    Some(FooterDates {
        this_issue,
        next_issue,
    })
}

/// The footer's date line, e.g. "本期公开日期：2027年3月1日　　下次公开日期：2027年8月31日",
/// in the project's date style; None while nothing on the board was published.
pub fn footer_dates_text(project: &Project, board: &Board) -> Option<String> {
    let dates = board_footer_dates(project, board)?;
    let style = project.settings.date_style;
    let mut text = format!("本期公开日期：{}", format_date(dates.this_issue, style));
    if let Some(next_issue) = dates.next_issue {
        text.push_str("\u{3000}\u{3000}下次公开日期：");
        text.push_str(&format_date(next_issue, style));
    }
    Some(text)
}
