//! Dates as the clerk writes them, and calendar arithmetic on fixed days.
//!
//! Three styles (`model::DateStyle`): "2027年3月1日" (GB/T 9704, the default),
//! "二〇二七年三月一日" (zero is 〇 U+3007, never 零 or O) and ISO "2027-03-01" for files.
//! The year is always written in full.

use crate::model::DateStyle;
use chrono::{Datelike, NaiveDate};

/// The Chinese numerals for 0–9 as used in dates; zero is 〇 (U+3007).
const DIGITS_ZH: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes `date` in `style`.
pub fn format_date(date: NaiveDate, style: DateStyle) -> String {
    match style {
        DateStyle::Arabic => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        DateStyle::Chinese => format!(
            "{}年{}月{}日",
            year_zh(date.year()),
            small_number_zh(date.month()),
            small_number_zh(date.day())
        ),
        DateStyle::Iso => date.format("%Y-%m-%d").to_string(),
    }
}

/// A year digit by digit: 2027 → "二〇二七".
fn year_zh(year: i32) -> String {
    let digits: String = year
        .unsigned_abs()
        .to_string()
        .chars()
        .filter_map(|digit| digit.to_digit(10))
        .map(|digit| DIGITS_ZH[digit as usize])
        .collect();
    if year < 0 {
        format!("公元前{digits}")
    } else {
        digits
    }
}

/// A month or day number (1–31) as counted in Chinese: 10 → "十", 21 → "二十一".
fn small_number_zh(number: u32) -> String {
    let tens = number / 10;
    let ones = number % 10;
    let mut text = String::new();
    match tens {
        0 => {}
        1 => text.push('十'),
        _ => {
            text.push(DIGITS_ZH[(tens % 10) as usize]);
            text.push('十');
        }
    }
    if ones != 0 || tens == 0 {
        text.push(DIGITS_ZH[ones as usize]);
    }
    text
}

/// The number of days of a month (28–31); None for a month outside 1–12.
pub fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next_first = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    u32::try_from((next_first - first).num_days()).ok()
}

/// Day `day` of a month, moved to the month's last day when the month is shorter
/// (31 in April → 30 April; 29, 30 or 31 in February → 28 or 29 February) and to the 1st
/// when `day` is 0. None only for a month outside 1–12.
pub fn clamped_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let last_day = days_in_month(year, month)?;
    NaiveDate::from_ymd_opt(year, month, day.clamp(1, last_day))
}

/// Parses "YYYY-MM-DD" (what `--today` takes); the error text is in Chinese.
pub fn parse_iso_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("日期“{text}”无效，应写作 YYYY-MM-DD，例如 2027-03-01"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    #[test]
    fn the_three_styles() {
        let date = day(2027, 3, 1);
        assert_eq!(format_date(date, DateStyle::Arabic), "2027年3月1日");
        assert_eq!(format_date(date, DateStyle::Chinese), "二〇二七年三月一日");
        assert_eq!(format_date(date, DateStyle::Iso), "2027-03-01");
    }

    #[test]
    fn chinese_numbers_for_tens() {
        let style = DateStyle::Chinese;
        assert_eq!(format_date(day(2030, 10, 10), style), "二〇三〇年十月十日");
        assert_eq!(
            format_date(day(2026, 12, 31), style),
            "二〇二六年十二月三十一日"
        );
        assert_eq!(
            format_date(day(2000, 11, 20), style),
            "二〇〇〇年十一月二十日"
        );
        assert_eq!(format_date(day(2025, 8, 19), style), "二〇二五年八月十九日");
        // U+3007, not 零 (U+96F6) or the Latin letter O.
        assert!(format_date(day(2027, 1, 1), style).contains('\u{3007}'));
    }

    #[test]
    fn the_year_is_never_abbreviated() {
        assert_eq!(
            format_date(day(2005, 1, 9), DateStyle::Arabic),
            "2005年1月9日"
        );
        assert_eq!(format_date(day(2005, 1, 9), DateStyle::Iso), "2005-01-09");
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(clamped_date(2027, 4, 31), Some(day(2027, 4, 30)));
        assert_eq!(clamped_date(2028, 2, 31), Some(day(2028, 2, 29)));
        assert_eq!(clamped_date(2027, 2, 29), Some(day(2027, 2, 28)));
        assert_eq!(clamped_date(2100, 2, 29), Some(day(2100, 2, 28)));
        assert_eq!(clamped_date(2000, 2, 29), Some(day(2000, 2, 29)));
        assert_eq!(clamped_date(2027, 1, 0), Some(day(2027, 1, 1)));
        assert_eq!(clamped_date(2027, 13, 1), None);
    }

    #[test]
    fn iso_dates_parse() {
        assert_eq!(parse_iso_date("2027-03-01"), Ok(day(2027, 3, 1)));
        assert!(parse_iso_date("2027-02-30").is_err());
        assert!(parse_iso_date("3月1日").is_err());
    }
}
