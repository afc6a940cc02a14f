//! The period a 自查情况表 covers: a quarter (每季度自查) or any span of days, and what was
//! published in it according to the 台账.

use super::dates::{format_date, parse_iso_date};
use crate::model::{DateStyle, LogKind, Project};
use chrono::{Datelike, NaiveDate};

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// Quarter 1–4 of `year`; None for another number.
    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let first_month = 3 * (quarter - 1) + 1;
        let from = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let next = if quarter == 4 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, first_month + 3, 1)?
        };
        Some(Period {
            from,
            to: next.pred_opt()?,
        })
    }

    /// The quarter `day` falls in.
    pub fn quarter_of(day: NaiveDate) -> Period {
        let quarter = (day.month() - 1) / 3 + 1;
        Period::quarter(day.year(), quarter).unwrap_or(Period { from: day, to: day })
    }

    /// Which quarter this period is exactly, if it is one: (year, 1–4).
    pub fn as_quarter(&self) -> Option<(i32, u32)> {
        let quarter = (self.from.month() - 1) / 3 + 1;
        (Period::quarter(self.from.year(), quarter) == Some(*self))
            .then_some((self.from.year(), quarter))
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// "2026年第三季度（2026年7月1日至2026年9月30日）" or "2026年7月1日至2026年8月15日".
    pub fn label_zh(&self, style: DateStyle) -> String {
        let span = format!(
            "{}至{}",
            format_date(self.from, style),
            format_date(self.to, style)
        );
        match self.as_quarter() {
            Some((year, quarter)) => {
                let name = ["一", "二", "三", "四"][(quarter - 1) as usize];
                format!("{year}年第{name}季度（{span}）")
            }
            None => span,
        }
    }
}

/// Reads a period as the clerk types it: "2026Q3", "2026-Q3", "2026年第3季度",
/// "2026年第三季度", or "2026-07-01..2026-08-15" (also with "至" or "~"). The error is Chinese.
pub fn parse_period(text: &str) -> Result<Period, String> {
    let text = text.trim();
    let invalid =
        || format!("期间“{text}”无效，应写作 2026Q3（季度）或 2026-07-01..2026-09-30（起止日期）");
    for separator in ["..", "至", "~", "～"] {
        if let Some((from, to)) = text.split_once(separator) {
            let from = parse_iso_date(from)?;
            let to = parse_iso_date(to)?;
            if to < from {
                return Err(format!("期间“{text}”的结束日期早于开始日期"));
            }
            return Ok(Period { from, to });
        }
    }
    let normalized = text
        .replace("年第", "Q")
        .replace("季度", "")
        .replace(['-', ' '], "")
        .replace('q', "Q");
    let (year, quarter) = normalized.split_once('Q').ok_or_else(invalid)?;
    let year: i32 = year.parse().map_err(|_| invalid())?;
    let quarter = match quarter {
        "1" | "一" => 1,
        "2" | "二" => 2,
        "3" | "三" => 3,
        "4" | "四" => 4,
        _ => return Err(invalid()),
    };
    Period::quarter(year, quarter).ok_or_else(invalid)
}

/// One publication of the 台账 within a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publication {
    pub date: NaiveDate,
    /// The items' titles as they are now (an item deleted since: its id).
    pub items: Vec<String>,
    /// The boards' names.
    pub boards: Vec<String>,
    /// The 台账 entry's own words.
    pub summary: String,
}

/// The 发布 entries of the 台账 dated within `period`, in date order.
pub fn publications_in(project: &Project, period: &Period) -> Vec<Publication> {
    let mut publications: Vec<Publication> = project
        .log
        .iter()
        .filter(|entry| entry.kind == LogKind::Published)
        .filter_map(|entry| {
            let date = entry.date.filter(|date| period.contains(*date))?;
            let items = entry
                .item_ids
                .iter()
                .map(|id| {
                    project
                        .item(id)
                        .map(|item| item.title.clone())
                        .or_else(|| {
                            project
                                .card(id)
                                .map(|card| format!("明白卡“{}”", card.name))
                        })
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            let boards = entry
                .board_ids
                .iter()
                .map(|id| {
                    project
                        .board(id)
                        .map_or(id.clone(), |board| board.name.clone())
                })
                .collect();
            Some(Publication {
                date,
                items,
                boards,
                summary: entry.summary.clone(),
            })
        })
        .collect();
    publications.sort_by_key(|publication| publication.date);
    publications
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    #[test]
    fn quarters_and_spans() {
        let q3 = Period::quarter(2026, 3).expect("quarter");
        assert_eq!((q3.from, q3.to), (day(2026, 7, 1), day(2026, 9, 30)));
        assert_eq!(Period::quarter_of(day(2026, 12, 31)).to, day(2026, 12, 31));
        assert_eq!(Period::quarter_of(day(2026, 2, 20)).from, day(2026, 1, 1));
        for text in ["2026Q3", "2026-q3", "2026年第3季度", "2026年第三季度"] {
            assert_eq!(parse_period(text), Ok(q3), "{text}");
        }
        assert_eq!(
            parse_period("2026-07-01..2026-08-15"),
            Ok(Period {
                from: day(2026, 7, 1),
                to: day(2026, 8, 15)
            })
        );
        assert!(parse_period("2026Q5").is_err());
        assert!(parse_period("2026-09-01..2026-08-01").is_err());
        assert_eq!(
            q3.label_zh(DateStyle::Arabic),
            "2026年第三季度（2026年7月1日至2026年9月30日）"
        );
    }
}
