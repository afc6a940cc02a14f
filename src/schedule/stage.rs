//! Stages of an item: 预公开 with its comment period, 正式公开, 决议 and 实施结果.
//!
//! - 预公开: the draft goes up on `pre_published_on` for `comment_days` days (the project's
//!   `pre_publication_days`, 30 by default, when the item sets none). The comment period ends
//!   on pre_published_on + comment_days: a draft put up on 3月1日 for 30 days takes comments
//!   until 3月31日, the 征求意见截止日期 shown on the board.
//! - 正式公开: the board's footer carries the dates; the item shows no extra line (a 公示 its
//!   公示期).
//! - 决议: the date of the decision; 实施结果: the decision's date and the result's date.
//!
//! [`stage_pairs`] are printed on the board (under the item's content, the title of a draft
//! marked 「（征求意见稿）」), in the 表簿 and, in one line, in the 自查情况表.

use super::dates::format_date;
use crate::model::{Disclosure, Item, KeyValue, Project, Settings, Stage};
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

/// The title an item prints under: a 预公开 says it is a draft for comments, 「（征求意见稿）」.
pub fn printed_title(item: &Item) -> String {
    if item.disclosure.stage == Stage::PrePublication && !item.title.contains(DRAFT_LABEL) {
        format!("{}（{DRAFT_LABEL}）", item.title)
    } else {
        item.title.clone()
    }
}

/// The label of a draft published for comments.
pub const DRAFT_LABEL: &str = "征求意见稿";

/// The dated lines of an item's stage as (key, value), what the board, the 表簿 and the
/// 自查情况表 print: 预公开 its comment period (起止) and how to comment (意见箱, 监督电话);
/// 决议 its 决议日期; 实施结果 the decision's date and the result's; a 公示 its 公示期. Empty
/// for a 正式公开 without a 公示期. Dates in the project's style.
pub fn stage_pairs(item: &Item, project: &Project) -> Vec<KeyValue> {
    let settings = &project.settings;
    let disclosure = &item.disclosure;
    let date = |date: NaiveDate| format_date(date, settings.date_style);
    let mut pairs = Vec::new();
    match disclosure.stage {
        Stage::PrePublication => {
            let period = match (
                disclosure.pre_published_on,
                comment_deadline(disclosure, settings),
            ) {
                (Some(from), Some(until)) => format!("{}至{}", date(from), date(until)),
                _ => format!("公开之日起{}日", comment_days(disclosure, settings)),
            };
            pairs.push(KeyValue::new("征求意见期", period));
            pairs.push(KeyValue::new("提出意见", how_to_comment(project)));
        }
        Stage::Formal => {}
        Stage::Decision => {
            if let Some(on) = disclosure.decided_on {
                pairs.push(KeyValue::new("决议日期", date(on)));
            }
        }
        Stage::Result => {
            if let Some(on) = disclosure.decided_on {
                pairs.push(KeyValue::new("决议日期", date(on)));
            }
            if let Some(on) = disclosure.result_on.or(disclosure.published_on) {
                pairs.push(KeyValue::new("实施结果公开日期", date(on)));
            }
        }
    }
    if let Some(until) = disclosure.notice_until {
        let period = match disclosure.published_on {
            Some(from) => format!("{}至{}", date(from), date(until)),
            None => format!("至{}", date(until)),
        };
        pairs.push(KeyValue::new("公示期", period));
    }
    pairs
}

/// "请投意见箱（镇政府大院门口）或拨打监督电话0000-6612301", from 单位信息.
fn how_to_comment(project: &Project) -> String {
    let meta = &project.meta;
    let mut ways = Vec::new();
    if !meta.suggestion_box.trim().is_empty() {
        ways.push(format!("投意见箱（{}）", meta.suggestion_box.trim()));
    }
    if !meta.supervision_phone.trim().is_empty() {
        ways.push(format!("拨打监督电话{}", meta.supervision_phone.trim()));
    }
    if ways.is_empty() {
        let unit = if meta.unit_name.trim().is_empty() {
            "本单位"
        } else {
            meta.unit_name.trim()
        };
        format!("请在征求意见期内向{unit}提出")
    } else {
        format!("请在征求意见期内{}", ways.join("或"))
    }
}

/// Puts each item's stage on paper in a copy about to be printed: a draft's title marked
/// 「（征求意见稿）」 and the [`stage_pairs`] appended as a last key–value block (last, so the
/// indices of the item's own blocks stay those of the project).
pub fn print_stages(project: &mut Project) {
    let pairs: Vec<Vec<KeyValue>> = project
        .items
        .iter()
        .map(|item| stage_pairs(item, project))
        .collect();
    for (item, pairs) in project.items.iter_mut().zip(pairs) {
        item.title = printed_title(item);
        if !pairs.is_empty() {
            item.blocks.push(crate::model::Block::KeyValue { pairs });
        }
    }
}

/// The stage lines as "键：值" (see [`stage_pairs`]).
pub fn stage_lines(item: &Item, project: &Project) -> Vec<String> {
    stage_pairs(item, project)
        .into_iter()
        .map(|pair| format!("{}：{}", pair.key, pair.value))
        .collect()
}

/// The stage in one line for a table cell: "预公开（2026年1月10日至2026年2月10日）",
/// "决议（决议日期：2026年3月5日）"; empty for 正式公开 without a 公示期.
pub fn stage_summary(item: &Item, project: &Project) -> String {
    let pairs = stage_pairs(item, project);
    if item.disclosure.stage == Stage::Formal && pairs.is_empty() {
        return String::new();
    }
    let details: Vec<String> = pairs
        .iter()
        .filter(|pair| pair.key != "提出意见")
        .map(|pair| {
            if pair.key == "征求意见期" {
                pair.value.clone()
            } else {
                format!("{}：{}", pair.key, pair.value)
            }
        })
        .collect();
    let label = match item.disclosure.stage {
        Stage::PrePublication => format!("预公开（{DRAFT_LABEL}）"),
        stage => stage.label_zh().to_owned(),
    };
    if details.is_empty() {
        label
    } else {
        format!("{label}：{}", details.join("；"))
    }
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

    fn project() -> Project {
        let mut project = Project::default();
        project.meta.suggestion_box = "镇政府大院门口".into();
        project.meta.supervision_phone = "0000-6612301".into();
        project
    }

    #[test]
    fn pre_publication_prints_the_period_and_how_to_comment() {
        let draft = item(Disclosure {
            stage: Stage::PrePublication,
            pre_published_on: Some(day(2027, 3, 1)),
            ..Disclosure::default()
        });
        let mut project = project();
        assert_eq!(
            printed_title(&draft),
            "青禾河综合治理工程方案（征求意见稿）"
        );
        assert_eq!(
            stage_lines(&draft, &project),
            vec![
                "征求意见期：2027年3月1日至2027年3月31日".to_owned(),
                "提出意见：请在征求意见期内投意见箱（镇政府大院门口）或拨打监督电话0000-6612301"
                    .to_owned(),
            ]
        );
        project.settings.date_style = DateStyle::Chinese;
        assert_eq!(
            stage_lines(&draft, &project)[0],
            "征求意见期：二〇二七年三月一日至二〇二七年三月三十一日"
        );
        let undated = item(Disclosure {
            stage: Stage::PrePublication,
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&undated, &Project::default()),
            vec![
                "征求意见期：公开之日起30日".to_owned(),
                "提出意见：请在征求意见期内向本单位提出".to_owned(),
            ]
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
    fn decisions_results_and_notices_carry_their_dates() {
        let project = project();
        let decided = item(Disclosure {
            stage: Stage::Decision,
            decided_on: Some(day(2027, 4, 20)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&decided, &project),
            vec!["决议日期：2027年4月20日".to_owned()]
        );
        assert_eq!(
            stage_summary(&decided, &project),
            "决议：决议日期：2027年4月20日"
        );
        let result = item(Disclosure {
            stage: Stage::Result,
            decided_on: Some(day(2027, 4, 20)),
            result_on: Some(day(2027, 10, 8)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&result, &project),
            vec![
                "决议日期：2027年4月20日".to_owned(),
                "实施结果公开日期：2027年10月8日".to_owned(),
            ]
        );
        let notice = item(Disclosure {
            published_on: Some(day(2026, 2, 13)),
            notice_until: Some(day(2026, 2, 20)),
            ..Disclosure::default()
        });
        assert_eq!(
            stage_lines(&notice, &project),
            vec!["公示期：2026年2月13日至2026年2月20日".to_owned()]
        );
        let formal = item(Disclosure::default());
        assert!(stage_lines(&formal, &project).is_empty());
        assert_eq!(stage_summary(&formal, &project), "");
    }
}
