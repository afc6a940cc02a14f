//! The dates in a board's footer: 本期公开日期 and 下次公开日期, computed from the board's
//! items, never typed.
//!
//! - 本期公开日期: the latest 公开日期 of the (对外) items the board shows.
//! - 下次公开日期 (one rule, the same in the printed footer, the app and `gongkai check`): the
//!   earliest date on which an item of the board is next due (its `ItemSchedule::next_due` on
//!   the day looked at), an overdue item counting as due that day. Items with no next due date
//!   (长期, 随时 without a pending event, a 预公开 waiting for its decision) do not count; with
//!   none left there is no 下次公开日期.
//!
//! The day looked at (`as_of`) is passed in: the export's date for a printed board, the app's
//! 查看日期 for the canvas, `--today` for `check`.

use super::dates::format_date;
use super::scope::is_internal;
use super::status::item_schedule;
use crate::model::{Board, Item, Project};
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

/// 下次公开日期 of a board on `as_of` (see the module docs).
pub fn next_issue_date(project: &Project, board: &Board, as_of: NaiveDate) -> Option<NaiveDate> {
    board_items(project, board)
        .into_iter()
        .filter_map(|item| item_schedule(project, item, as_of).next_due)
        .map(|due| due.max(as_of))
        .min()
}

/// The footer dates of a board on `as_of`; None while none of its items was ever published.
pub fn board_footer_dates(
    project: &Project,
    board: &Board,
    as_of: NaiveDate,
) -> Option<FooterDates> {
    let this_issue = board_items(project, board)
        .iter()
        .filter_map(|item| item.disclosure.published_on)
        .max()?;
    Some(FooterDates {
        this_issue,
        next_issue: next_issue_date(project, board, as_of),
    })
}

/// The footer's date line, e.g. "本期公开日期：2027年3月1日　　下次公开日期：2027年8月31日",
/// in the project's date style; None while nothing on the board was published.
pub fn footer_dates_text(project: &Project, board: &Board, as_of: NaiveDate) -> Option<String> {
    let dates = board_footer_dates(project, board, as_of)?;
    let style = project.settings.date_style;
    let mut text = format!("本期公开日期：{}", format_date(dates.this_issue, style));
    if let Some(next_issue) = dates.next_issue {
        text.push_str("\u{3000}\u{3000}下次公开日期：");
        text.push_str(&format_date(next_issue, style));
    }
    Some(text)
}
