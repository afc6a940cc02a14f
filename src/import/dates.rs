//! Date columns: a cell as a spreadsheet shows a date (2026-03-15, 2026/3/15, 2026.3.15,
//! 2026年3月15日, with or without a time) or an Excel serial day number, rewritten in the
//! project's date style.

use crate::model::DateStyle;
use chrono::NaiveDate;

/// Serial numbers read as dates: 1950-01-01 ..= 2099-12-31 (the 1900 date system).
const SERIAL_RANGE: std::ops::RangeInclusive<i64> = 18_264..=73_050;

/// A date written with separators: `2026-03-15`, `2026/3/15`, `2026.3.15`, `2026年3月15日`,
/// optionally followed by a time (` 08:30`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let date_part = text.trim().split([' ', 'T']).next()?;
    let parts: Vec<&str> = date_part
        .split(['-', '/', '.', '年', '月', '日'])
        .filter(|part| !part.is_empty())
        .collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || !parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// An Excel serial day number (`46037`, or `46037.5` with a time) as a date.
pub fn serial_date(text: &str) -> Option<NaiveDate> {
    let value: f64 = text.trim().parse().ok()?;
    let days = value.floor() as i64;
    if !SERIAL_RANGE.contains(&days) {
        return None;
    }
    // Day 0 is 1899-12-30 for every serial past 1900-02-28 (Excel's 1900 leap-day bug).
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days as u64))
}

/// Whether a cell reads as a date (not a bare serial: a number column is not guessed a date).
pub fn looks_like_date(text: &str) -> bool {
    parse_date(text).is_some()
}

/// The cell in `style` when it is a date or a serial; else unchanged (a note like 待定 stays).
pub fn date_cell(text: &str, style: DateStyle) -> String {
    match parse_date(text).or_else(|| serial_date(text)) {
        Some(date) => crate::schedule::format_date(date, style),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_any_spelling_and_serials_become_the_project_style() {
        let style = DateStyle::Arabic;
        assert_eq!(date_cell("2026-03-15", style), "2026年3月15日");
        assert_eq!(date_cell("2026/3/5", style), "2026年3月5日");
        assert_eq!(date_cell("2026.03.05 08:30", style), "2026年3月5日");
        assert_eq!(date_cell("2026年3月5日", DateStyle::Iso), "2026-03-05");
        // 46096 is 2026-03-15 in Excel.
        assert_eq!(date_cell("46096", style), "2026年3月15日");
        assert_eq!(
            date_cell("46096", DateStyle::Chinese),
            "二〇二六年三月十五日"
        );
        assert_eq!(date_cell("待定", style), "待定");
        assert_eq!(date_cell("12", style), "12");
        assert_eq!(date_cell("2026-02-30", style), "2026-02-30");
        assert!(!looks_like_date("46096"));
        assert!(!looks_like_date("1,234.56"));
    }
}
