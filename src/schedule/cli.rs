//! The schedule's part of the command line: the status table of `gongkai check` and
//! `gongkai publish`. Exit codes as in `crate::cli`: 0 fine, 1 needs a look, 2 unreadable or
//! unwritable.

use super::archive::{Archive, archive_publication};
use super::dates::format_date;
use super::publish::publish;
use super::status::{ItemSchedule, Status, action_labels_zh, project_schedule, status_counts};
use crate::model::{self, DateStyle, Project};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// `--today` if given, else the local date of the computer.
pub fn today_or_clock(today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The status table of `gongkai check`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusTable {
    /// A heading, one line per item, and the counts.
    pub lines: Vec<String>,
    /// Something is 待发布, 逾期 or 内容过期 (`Status::needs_action`).
    pub needs_action: bool,
    /// How many items need action.
    pub action_count: usize,
}

/// One line per item: status, item, next due date (and why, when not 正常).
pub fn status_table(project: &Project, today: NaiveDate) -> StatusTable {
    let style = project.settings.date_style;
    let schedule = project_schedule(project, today);
    let mut lines = vec![format!("公开时效（截至{}）：", format_date(today, style))];
    lines.extend(schedule.iter().map(|row| status_line(row, style)));
    let counts: Vec<String> = status_counts(&schedule)
        .into_iter()
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{} {count}", status.label_zh()))
        .collect();
    lines.push(format!("共 {} 项：{}。", schedule.len(), counts.join("，")));
    let action_count = schedule
        .iter()
        .filter(|row| row.status.needs_action())
        .count();
    StatusTable {
        lines,
        needs_action: action_count > 0,
        action_count,
    }
}

fn status_line(row: &ItemSchedule, style: DateStyle) -> String {
    let due = row
        .next_due
        .map(|date| format_date(date, style))
        .unwrap_or_else(|| "—".to_owned());
    let mut line = format!(
        "  {}  {}  应公开日期：{}",
        padded_status(row.status),
        row.title,
        due
    );
    if !row.note.is_empty() && row.status != Status::Normal {
        line.push_str(&format!("（{}）", row.note));
    }
    line
}

/// The status label padded with ideographic spaces to four characters, so titles align.
fn padded_status(status: Status) -> String {
    let label = status.label_zh();
    let padding = 4usize.saturating_sub(label.chars().count());
    format!("{label}{}", "\u{3000}".repeat(padding))
}

/// `gongkai publish FILE [--today YYYY-MM-DD] [--board NAME]…`
pub fn run_publish(file: &Path, today: Option<NaiveDate>, boards: &[String]) -> ExitCode {
    let mut project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let mut board_ids = Vec::new();
    for name in boards {
        match project.board_by_id_or_name(name) {
            Some(board) => board_ids.push(board.id.clone()),
            None => {
                eprintln!("错误：项目中没有名为“{name}”的公开栏。");
                return ExitCode::from(2);
            }
        }
    }
    let today = today_or_clock(today);
    let outcome = publish(&mut project, today, &board_ids);
    if outcome.logged
        && let Err(error) = model::save_project(&project, file)
    {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    let archive = match archive_publication(&outcome, &project, file) {
        Ok(archive) => archive,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if outcome.logged {
        let style = project.settings.date_style;
        println!(
            "{}（公开日期 {}）",
            outcome.summary_zh(),
            format_date(today, style)
        );
    } else {
        println!("{}", outcome.summary_zh());
    }
    let pictures_missing = archive.as_ref().is_some_and(print_archive);
    let table = status_table(&project, today);
    if table.needs_action {
        println!(
            "仍有 {} 项{}：请更新其内容后再发布（gongkai check 查看明细）。",
            table.action_count,
            action_labels_zh()
        );
    }
    if pictures_missing {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What went into the archive; true if some pictures could not be copied.
fn print_archive(archive: &Archive) -> bool {
    println!("存档：{}", archive.dir.display());
    for path in &archive.files {
        let name = path.file_name().unwrap_or(path.as_os_str());
        println!("  已写入 {}", name.to_string_lossy());
    }
    if !archive.pictures.is_empty() {
        println!("  已复制图片 {} 张", archive.pictures.len());
    }
    for note in &archive.notes {
        println!("提示：{note}");
    }
    for picture in &archive.pictures_not_copied {
        println!("问题：{}", picture.message());
    }
    !archive.pictures_not_copied.is_empty()
}
