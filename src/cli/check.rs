//! `gongkai check FILE [--today YYYY-MM-DD]`: the findings of the model, what would stop
//! `export`, and the status of every item. Exit 0 fine, 1 findings or items needing action,
//! 2 unreadable. The work is [`crate::jobs::check_file`]; this prints it.

use super::today_or_clock;
use crate::jobs::check_file;
use std::process::ExitCode;

pub fn run_check(file: &std::path::Path, today: Option<chrono::NaiveDate>) -> ExitCode {
    let outcome = check_file(file, today_or_clock(today));
    for line in &outcome.stderr {
        eprintln!("{line}");
    }
    for line in &outcome.stdout {
        println!("{line}");
    }
    ExitCode::from(outcome.exit_code)
}
