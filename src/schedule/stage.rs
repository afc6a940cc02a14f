//! Stages of an item: 预公开 with its comment period, 正式公开, 决议 and 实施结果.
//!
//! - 预公开: the draft goes up on `pre_published_on` for `comment_days` days (the project's
//!   `pre_publication_days`, 30 by default, when the item sets none). The comment period ends
//!   on pre_published_on + comment_days: a draft put up on 3月1日 for 30 days takes comments
//!   until 3月31日, the 征求意见截止日期 shown on the board.
//! - 正式公开: the board's footer carries the dates; the item shows no extra line.
//! - 决议: the date of the decision; 实施结果: the decision's date and the result's date.

use super::dates::format_date;
use crate::model::{Disclosure, Item, Settings, Stage};
use chrono::{Days, NaiveDate};

/// The length of an item's comment period in days.
pub fn comment_days(disclosure: &Disclosure, settings: &Settings) -> u32 {
    disclosure
        .comment_days
        .unwrap_or(settings.pre_publication_days)
}

/// 征求意见截止日期: the last day of the comment period, when the draft's date is known.
pub fn comment_deadline(disclosure: &Disclosure, settings: &Settings) -> Option<NaiveDate> {
    let days = comment_days(disclosure, settings);
    disclosure
        .pre_published_on?
        .checked_add_days(Days::new(u64::from(days)))
}

/// The line(s) the board shows under an item's title for its stage, dates in the project's
/// style. Empty for 正式公开.
pub fn stage_lines(item: &Item, settings: &Settings) -> Vec<String> {
    let disclosure = &item.disclosure;
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    let mut lines = Vec::new();
    match disclosure.stage {
        Stage::PrePublication => {
            lines.push(match disclosure.pre_published_on {
                Some(on) => format!("预公开（征求意见稿），公开日期：{}", date(on)),
                None => "预公开（征求意见稿）".to_owned(),
            });
            if let Some(deadline) = comment_deadline(disclosure, settings) {
                lines.push(format!("征求意见截止日期：{}", date(deadline)));
            }
        }
        Stage::Formal => {}
        Stage::Decision => {
            lines.push(match disclosure.decided_on {
                Some(on) => format!("决议日期：{}", date(on)),
                None => "决议".to_owned(),
            });
        }
        Stage::Result => {
            if let Some(on) = disclosure.decided_on {
                lines.push(format!("决议日期：{}", date(on)));
            }
            lines.push(match disclosure.result_on.or(disclosure.published_on) {
                Some(on) => format!("实施结果公开日期：{}", date(on)),
                None => "实施结果".to_owned(),
            });
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateStyle;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    fn item(disclosure: Disclosure) -> Item {
        Item {
            id: "i".into(),
            title: "青禾河综合治理工程方案".into(),
            disclosure,
            ..Item::default()
        }
    }

    #[test]
    fn pre_publication_shows_the_comment_deadline() {
        let draft = item(Disclosure {
            stage: Stage::PrePublication,
            pre_published_on: Some(day(2027, 3, 1)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&draft, &Settings::default()),
            vec![
                "预公开（征求意见稿），公开日期：2027年3月1日".to_owned(),
                "征求意见截止日期：2027年3月31日".to_owned(),
            ]
        );
        let chinese = Settings {
            date_style: DateStyle::Chinese,
            ..Settings::default()
        };
        assert_eq!(
            stage_lines(&draft, &chinese)[1],
            "征求意见截止日期：二〇二七年三月三十一日"
        );
    }

    #[test]
    fn the_item_may_set_its_own_comment_period() {
        let disclosure = Disclosure {
            stage: Stage::PrePublication,
            pre_published_on: Some(day(2028, 2, 1)),
            comment_days: Some(28),
            ..Disclosure::default()
        };
        // 2028 is a leap year: 1 February + 28 days is 29 February.
        assert_eq!(
            comment_deadline(&disclosure, &Settings::default()),
            Some(day(2028, 2, 29))
        );
        let settings = Settings {
            pre_publication_days: 45,
            ..Settings::default()
        };
        let default_days = Disclosure {
            comment_days: None,
            ..disclosure
        };
        assert_eq!(
            comment_deadline(&default_days, &settings),
            Some(day(2028, 3, 17))
        );
    }

    #[test]
    fn decisions_and_results_carry_their_dates() {
        let decided = item(Disclosure {
            stage: Stage::Decision,
            decided_on: Some(day(2027, 4, 20)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&decided, &Settings::default()),
            vec!["决议日期：2027年4月20日".to_owned()]
        );
        let result = item(Disclosure {
            stage: Stage::Result,
            decided_on: Some(day(2027, 4, 20)),
            result_on: Some(day(2027, 10, 8)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&result, &Settings::default()),
            vec![
                "决议日期：2027年4月20日".to_owned(),
                "实施结果公开日期：2027年10月8日".to_owned(),
            ]
        );
        let formal = item(Disclosure::default());
        assert!(stage_lines(&formal, &Settings::default()).is_empty());
    }
}
