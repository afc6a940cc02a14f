//! Due days of the periodic cadences, and which due day a publication answers.
//!
//! The rules, per `model::Cadence`:
//! - 年度 (`Annual`): once a year on the *first* fixed disclosure day of the year (the
//!   earliest of `Settings::disclosure_days`, 3月1日 by default: on that day the previous
//!   year's finance and government operations go up).
//! - 半年 (`HalfYearly`): on each fixed disclosure day (3月1日 and 8月31日 by default).
//! - 季度 (`Quarterly { day }`): on `day` of each quarter's first month (January, April, July,
//!   October).
//! - 月度 (`Monthly { day }`): on `day` of every month.
//! - 随时 and 长期 have no calendar of due days (see `status`).
//!
//! A day past the end of its month falls on the month's last day (31 → 30 April, 29/30/31 →
//! 28 or 29 February); a fixed day of 2月29日 is 2月28日 in common years. A month outside 1–12 in
//! the settings is ignored; with no valid fixed day at all the defaults (3月1日, 8月31日) apply.
//!
//! **Which due day a publication answers.** Content may go up a little early: a publication
//! counts for a due day when it is at most the *early window* before it, the window being
//! `Settings::due_soon_days` (the 即将到期 warning period) but never more than half the
//! shortest gap between two due days of the cadence, so that one publication never answers
//! two due days. A publication after a due day (late) answers that due day. Hence the next
//! due day after a publication on day P is the first due day later than P + window.

use super::dates::clamped_date;
use crate::model::{Cadence, MonthDay, Settings};
use chrono::{Datelike, Days, NaiveDate};

/// The fixed disclosure days of the settings, valid and sorted; the defaults when none is valid.
pub fn fixed_days(settings: &Settings) -> Vec<MonthDay> {
    let mut days: Vec<MonthDay> = settings
        .disclosure_days
        .iter()
        .copied()
        .filter(|day| (1..=12).contains(&day.month))
        .collect();
    if days.is_empty() {
        days = Settings::default().disclosure_days;
    }
    days.sort();
    days.dedup();
    days
}

/// The due days of `cadence` in `year`, sorted. Empty for 随时 and 长期.
pub fn due_days_in_year(cadence: Cadence, settings: &Settings, year: i32) -> Vec<NaiveDate> {
    let month_days: Vec<MonthDay> = match cadence {
        Cadence::Annual => fixed_days(settings).into_iter().take(1).collect(),
        Cadence::HalfYearly => fixed_days(settings),
        Cadence::Quarterly { day } => [1, 4, 7, 10]
            .into_iter()
            .map(|month| MonthDay::new(month, day))
            .collect(),
        Cadence::Monthly { day } => (1..=12).map(|month| MonthDay::new(month, day)).collect(),
        Cadence::AdHoc { .. } | Cadence::Standing => Vec::new(),
    };
    let mut dates: Vec<NaiveDate> = month_days
        .into_iter()
        .filter_map(|day| clamped_date(year, day.month, day.day))
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// The cadence's name with the days it means under the project's settings, as every page
/// prints it: "年度（每年3月1日）", "半年（每年3月1日、8月31日）", "季度（每季首月15日：1、4、7、
/// 10月）", "月度（每月10日）", "随时（事项发生后20个工作日内）", "长期公开".
pub fn cadence_label_zh(cadence: Cadence, settings: &Settings) -> String {
    let days = |days: &[MonthDay]| -> String {
        days.iter()
            .map(|day| format!("{}月{}日", day.month, day.day))
            .collect::<Vec<_>>()
            .join("、")
    };
    match cadence {
        Cadence::Annual => format!("年度（每年{}）", days(&fixed_days(settings)[..1])),
        Cadence::HalfYearly => format!("半年（每年{}）", days(&fixed_days(settings))),
        Cadence::Quarterly { day } => format!("季度（每季首月{day}日：1、4、7、10月）"),
        Cadence::Monthly { day } => format!("月度（每月{day}日）"),
        Cadence::AdHoc { working_days } => {
            format!("随时（事项发生后{working_days}个工作日内）")
        }
        Cadence::Standing => "长期公开".to_owned(),
    }
}

/// Whether the cadence has a calendar of due days.
pub fn is_periodic(cadence: Cadence) -> bool {
    !matches!(cadence, Cadence::AdHoc { .. } | Cadence::Standing)
}

/// The first due day strictly after `after`; None for 随时 and 长期.
pub fn first_due_after(
    cadence: Cadence,
    settings: &Settings,
    after: NaiveDate,
) -> Option<NaiveDate> {
    // Every periodic cadence has at least one due day a year, so two years always suffice.
    (after.year()..=after.year() + 2)
        .flat_map(|year| due_days_in_year(cadence, settings, year))
        .find(|due| *due > after)
}

/// The first due day on or after `on_or_after`.
pub fn first_due_on_or_after(
    cadence: Cadence,
    settings: &Settings,
    on_or_after: NaiveDate,
) -> Option<NaiveDate> {
    first_due_after(cadence, settings, on_or_after.pred_opt()?)
}

/// How many days before a due day a publication still counts for it (see the module docs).
pub fn early_window_days(cadence: Cadence, settings: &Settings, around: NaiveDate) -> u32 {
    let dates: Vec<NaiveDate> = (around.year() - 1..=around.year() + 1)
        .flat_map(|year| due_days_in_year(cadence, settings, year))
        .collect();
    let shortest_gap_days = dates
        .windows(2)
        .map(|pair| (pair[1] - pair[0]).num_days())
        .min()
        .unwrap_or(0);
    let half_gap_days = u32::try_from(shortest_gap_days / 2).unwrap_or(0);
    settings.due_soon_days.min(half_gap_days)
}

/// The due day that comes after a publication on `published_on` (see the module docs).
pub fn next_due_after_publication(
    cadence: Cadence,
    settings: &Settings,
    published_on: NaiveDate,
) -> Option<NaiveDate> {
    let window_days = early_window_days(cadence, settings, published_on);
    let window_end = published_on.checked_add_days(Days::new(u64::from(window_days)))?;
    first_due_after(cadence, settings, window_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    fn next(cadence: Cadence, published_on: NaiveDate) -> Option<NaiveDate> {
        next_due_after_publication(cadence, &Settings::default(), published_on)
    }

    #[test]
    fn annual_is_the_first_fixed_day() {
        assert_eq!(
            next(Cadence::Annual, day(2027, 3, 1)),
            Some(day(2028, 3, 1))
        );
        assert_eq!(
            next(Cadence::Annual, day(2027, 3, 2)),
            Some(day(2028, 3, 1))
        );
        assert_eq!(
            next(Cadence::Annual, day(2026, 12, 31)),
            Some(day(2027, 3, 1))
        );
        // A week early still answers 3月1日; eight days early does not.
        assert_eq!(
            next(Cadence::Annual, day(2027, 2, 22)),
            Some(day(2028, 3, 1))
        );
        assert_eq!(
            next(Cadence::Annual, day(2027, 2, 21)),
            Some(day(2027, 3, 1))
        );
    }

    #[test]
    fn the_first_fixed_day_is_the_earliest_whatever_the_order() {
        let settings = Settings {
            disclosure_days: vec![MonthDay::new(9, 30), MonthDay::new(4, 15)],
            ..Settings::default()
        };
        assert_eq!(
            due_days_in_year(Cadence::Annual, &settings, 2027),
            vec![day(2027, 4, 15)]
        );
    }

    #[test]
    fn half_yearly_uses_each_fixed_day() {
        assert_eq!(
            next(Cadence::HalfYearly, day(2027, 3, 1)),
            Some(day(2027, 8, 31))
        );
        assert_eq!(
            next(Cadence::HalfYearly, day(2027, 8, 31)),
            Some(day(2028, 3, 1))
        );
        assert_eq!(
            next(Cadence::HalfYearly, day(2027, 5, 10)),
            Some(day(2027, 8, 31))
        );
    }

    #[test]
    fn feb_29_as_a_fixed_day() {
        let settings = Settings {
            disclosure_days: vec![MonthDay::new(2, 29), MonthDay::new(8, 31)],
            due_soon_days: 0,
            ..Settings::default()
        };
        let annual = |after| first_due_after(Cadence::Annual, &settings, after);
        assert_eq!(annual(day(2027, 1, 1)), Some(day(2027, 2, 28)));
        assert_eq!(annual(day(2027, 2, 28)), Some(day(2028, 2, 29)));
        assert_eq!(annual(day(2028, 2, 29)), Some(day(2029, 2, 28)));
    }

    #[test]
    fn quarterly_on_the_first_month_of_each_quarter() {
        let quarterly = Cadence::Quarterly { day: 15 };
        assert_eq!(next(quarterly, day(2027, 1, 15)), Some(day(2027, 4, 15)));
        assert_eq!(next(quarterly, day(2027, 10, 15)), Some(day(2028, 1, 15)));
        assert_eq!(next(quarterly, day(2027, 12, 31)), Some(day(2028, 1, 15)));
        // Seven days early answers the January due day, across the year boundary too.
        assert_eq!(next(quarterly, day(2028, 1, 8)), Some(day(2028, 4, 15)));
        assert_eq!(next(quarterly, day(2027, 3, 25)), Some(day(2027, 4, 15)));
        // Day 31 in April (30 days) falls on 30 April.
        let last = Cadence::Quarterly { day: 31 };
        assert_eq!(next(last, day(2027, 1, 31)), Some(day(2027, 4, 30)));
    }

    #[test]
    fn monthly_across_month_ends_and_february() {
        let settings = Settings {
            due_soon_days: 0,
            ..Settings::default()
        };
        let monthly =
            |on: u32, after| first_due_after(Cadence::Monthly { day: on }, &settings, after);
        assert_eq!(monthly(31, day(2027, 3, 31)), Some(day(2027, 4, 30)));
        assert_eq!(monthly(31, day(2027, 4, 30)), Some(day(2027, 5, 31)));
        assert_eq!(monthly(31, day(2027, 1, 31)), Some(day(2027, 2, 28)));
        assert_eq!(monthly(31, day(2028, 1, 31)), Some(day(2028, 2, 29)));
        assert_eq!(monthly(29, day(2027, 2, 1)), Some(day(2027, 2, 28)));
        assert_eq!(monthly(29, day(2028, 2, 1)), Some(day(2028, 2, 29)));
        assert_eq!(monthly(10, day(2027, 12, 10)), Some(day(2028, 1, 10)));
    }

    #[test]
    fn the_early_window_never_spans_two_due_days() {
        let settings = Settings {
            due_soon_days: 40,
            ..Settings::default()
        };
        // Monthly: the shortest gap (10 Feb → 10 Mar, 28 days) halves to 14.
        let monthly = Cadence::Monthly { day: 10 };
        assert_eq!(early_window_days(monthly, &settings, day(2027, 6, 1)), 14);
        assert_eq!(
            next_due_after_publication(monthly, &settings, day(2027, 1, 5)),
            Some(day(2027, 2, 10))
        );
        assert_eq!(
            early_window_days(Cadence::Annual, &settings, day(2027, 6, 1)),
            40
        );
    }

    #[test]
    fn cadences_name_their_days() {
        let settings = Settings::default();
        assert_eq!(
            cadence_label_zh(Cadence::Annual, &settings),
            "年度（每年3月1日）"
        );
        assert_eq!(
            cadence_label_zh(Cadence::HalfYearly, &settings),
            "半年（每年3月1日、8月31日）"
        );
        let village = Settings {
            disclosure_days: vec![MonthDay::new(7, 15), MonthDay::new(1, 15)],
            ..Settings::default()
        };
        assert_eq!(
            cadence_label_zh(Cadence::HalfYearly, &village),
            "半年（每年1月15日、7月15日）"
        );
    }

    #[test]
    fn ad_hoc_and_standing_have_no_calendar() {
        assert_eq!(next(Cadence::Standing, day(2027, 3, 1)), None);
        assert_eq!(
            next(Cadence::AdHoc { working_days: 20 }, day(2027, 3, 1)),
            None
        );
    }
}
