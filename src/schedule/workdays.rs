//! Working days for 随时 deadlines.
//!
//! A working day is Monday to Friday unless listed in `Settings::holidays`, plus any weekend
//! day listed in `Settings::makeup_workdays` (调休上班). A listed holiday wins over a make-up
//! listing of the same day (a file that lists a day twice is taken at its safer reading:
//! the deadline moves later, never earlier).

use crate::model::Settings;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Whether government offices work on `date`.
pub fn is_working_day(date: NaiveDate, settings: &Settings) -> bool {
    if settings.holidays.contains(&date) {
        return false;
    }
    let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
    !weekend || settings.makeup_workdays.contains(&date)
}

/// The day by which something that happened on `event_on` must be disclosed when the rule
/// says "within `working_days` working days": counting starts the day after the event, and the
/// deadline is the `working_days`-th working day. Zero working days means the event day
/// itself (立即公开). None only past the end of the calendar.
pub fn add_working_days(
    event_on: NaiveDate,
    working_days: u32,
    settings: &Settings,
) -> Option<NaiveDate> {
    let mut date = event_on;
    let mut counted = 0;
    while counted < working_days {
        date = date.checked_add_days(Days::new(1))?;
        if is_working_day(date, settings) {
            counted += 1;
        }
    }
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid date")
    }

    #[test]
    fn weekends_are_skipped() {
        let settings = Settings::default();
        // Thursday 2027-03-04 + 3 working days: Fri 5, (Sat, Sun), Mon 8, Tue 9.
        assert_eq!(
            add_working_days(day(2027, 3, 4), 3, &settings),
            Some(day(2027, 3, 9))
        );
        // An event on a Saturday: Monday is the first working day.
        assert_eq!(
            add_working_days(day(2027, 3, 6), 1, &settings),
            Some(day(2027, 3, 8))
        );
        assert_eq!(
            add_working_days(day(2027, 3, 6), 0, &settings),
            Some(day(2027, 3, 6))
        );
    }

    #[test]
    fn twenty_working_days_are_four_weeks() {
        let settings = Settings::default();
        assert_eq!(
            add_working_days(day(2027, 3, 1), 20, &settings),
            Some(day(2027, 3, 29))
        );
    }

    #[test]
    fn the_shipped_calendar_moves_a_deadline_across_spring_festival() {
        let settings = Settings::default();
        // Thursday 12 February 2026 + 5: Fri 13, Sat 14 (调休上班), 15–23 春节, 24, 25, 26.
        assert_eq!(
            add_working_days(day(2026, 2, 12), 5, &settings),
            Some(day(2026, 2, 26))
        );
        assert!(is_working_day(day(2026, 2, 14), &settings));
        assert!(!is_working_day(day(2026, 2, 16), &settings));
    }

    #[test]
    fn holidays_and_makeup_days() {
        let settings = Settings {
            // 劳动节 2027: Sat 1 May – Wed 5 May off; Sunday 25 April a make-up working day.
            holidays: (1..=5).map(|d| day(2027, 5, d)).collect(),
            makeup_workdays: vec![day(2027, 4, 25)],
            ..Settings::default()
        };
        // Friday 23 April + 1: the make-up Sunday 25 April.
        assert_eq!(
            add_working_days(day(2027, 4, 23), 1, &settings),
            Some(day(2027, 4, 25))
        );
        // Thursday 29 April + 3: Fri 30 April, (1–5 May off), Thu 6, Fri 7.
        assert_eq!(
            add_working_days(day(2027, 4, 29), 3, &settings),
            Some(day(2027, 5, 7))
        );
        assert!(!is_working_day(day(2027, 5, 3), &settings));
        assert!(is_working_day(day(2027, 4, 25), &settings));
    }
}
