//! `gongkai allow FILE NUMBER --reason TEXT [--today YYYY-MM-DD]`: 允许公开 — the number prints
//! in full on public outputs from now on; the reason and day go into the settings and the 台账.
//! Exit 0 saved, 2 unreadable, refused (no reason, not a personal number) or not saved.

use super::today_or_clock;
use crate::model;
use crate::privacy::allow_public_edit;
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

pub fn run_allow(file: &Path, number: &str, reason: &str, today: Option<NaiveDate>) -> ExitCode {
    let _lock = match super::lock_project(file, "allow") {
        Ok(lock) => lock,
        Err(code) => return code,
    };
    let mut project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let edit = match allow_public_edit(&project, number, reason, today_or_clock(today)) {
        Ok(edit) => edit,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = project.apply(edit) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    if let Err(error) = model::save_project(&project, file) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    let logged = project
        .log
        .last()
        .map_or("", |entry| entry.summary.as_str());
    outln!("已允许公开，并记入台账：{logged}");
    ExitCode::SUCCESS
}
