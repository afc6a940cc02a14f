//! The statutory holidays and 调休 working days shipped with the program, for the current and
//! the next year; every project starts with them in `Settings::holidays` /
//! `Settings::makeup_workdays` and the clerk edits them there (公开时效 → 日历).
//!
//! - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号): 元旦 1月1日–3日
//!   (1月4日上班); 春节 2月15日–23日 (2月14日、2月28日上班); 清明节 4月4日–6日; 劳动节
//!   5月1日–5日 (5月9日上班); 端午节 6月19日–21日; 中秋节 9月25日–27日; 国庆节 10月1日–7日
//!   (9月20日、10月10日上班).
//! - 2027: the statutory days of 《全国年节及纪念日放假办法》 (2024 revision) on the 2027
//!   calendar (元旦 1月1日; 春节 除夕 2月5日 to 初三 2月8日; 清明节 4月5日; 劳动节 5月1日–2日;
//!   端午节 6月9日; 中秋节 9月15日; 国庆节 10月1日–3日). The 调休 of the State Council's 2027
//!   notice are not in this build: [`SHIPPED_NOTE_ZH`] tells the clerk to add them.

use chrono::NaiveDate;

/// Said beside the holiday list in the app and in README.
pub const SHIPPED_NOTE_ZH: &str = "已内置2026年节假日和调休（国办发明电〔2025〕7号）和2027年的法定节日；2027年的调休上班日请按国务院办公厅通知补充。";

/// (year, month, first day, last day) ranges of days off.
const HOLIDAYS: [(i32, u32, u32, u32); 14] = [
    (2026, 1, 1, 3),
    (2026, 2, 15, 23),
    (2026, 4, 4, 6),
    (2026, 5, 1, 5),
    (2026, 6, 19, 21),
    (2026, 9, 25, 27),
    (2026, 10, 1, 7),
    (2027, 1, 1, 1),
    (2027, 2, 5, 8),
    (2027, 4, 5, 5),
    (2027, 5, 1, 2),
    (2027, 6, 9, 9),
    (2027, 9, 15, 15),
    (2027, 10, 1, 3),
];

/// 调休上班: weekend days that are working days.
const MAKEUP_WORKDAYS: [(i32, u32, u32); 6] = [
    (2026, 1, 4),
    (2026, 2, 14),
    (2026, 2, 28),
    (2026, 5, 9),
    (2026, 9, 20),
    (2026, 10, 10),
];

/// The shipped days off, sorted.
pub fn shipped_holidays() -> Vec<NaiveDate> {
    HOLIDAYS
        .iter()
        .flat_map(|(year, month, first, last)| {
            (*first..=*last).filter_map(move |day| NaiveDate::from_ymd_opt(*year, *month, day))
        })
        .collect()
}

/// The shipped 调休 working days, sorted.
pub fn shipped_makeup_workdays() -> Vec<NaiveDate> {
    MAKEUP_WORKDAYS
        .iter()
        .filter_map(|(year, month, day)| NaiveDate::from_ymd_opt(*year, *month, *day))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Weekday};

    #[test]
    fn the_2026_notice() {
        let holidays = shipped_holidays();
        // 春节: nine days, 2月15日 to 2月23日.
        let spring: Vec<_> = holidays
            .iter()
            .filter(|day| day.year() == 2026 && day.month() == 2)
            .collect();
        assert_eq!(spring.len(), 9);
        // 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7 days off.
        assert_eq!(holidays.iter().filter(|d| d.year() == 2026).count(), 33);
        // Every make-up working day is a weekend day, and none is a holiday.
        for day in shipped_makeup_workdays() {
            assert!(
                matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                "{day}"
            );
            assert!(!holidays.contains(&day));
        }
    }
}
