//! `gongkai publish FILE [--today YYYY-MM-DD] [--board NAME]… [--confirm-unchanged]
//! [--confirm ITEM]… [--date YYYY-MM-DD --reason TEXT]`: say what will be done, stamp (and
//! re-confirm), log, archive, save, and say what happened. The archive is written before the
//! project with its 台账 entry is saved (`jobs::save_publication`), under the project's lock.
//! Items still holding a 【请填写】 or an unmasked personal number are held back and named
//! (`jobs::publish_project`). Exit 0 done, 1 some items were held back or some pictures could
//! not be archived, 2 failed.

use super::today_or_clock;
use crate::jobs::{Archive, save_publication, status_table};
use crate::model;
use crate::schedule::{PublishDay, action_labels_zh, format_date, plan_publication};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// Which due, unchanged items count as published today (内容无变化，照常公开).
#[derive(Clone, Debug, Default)]
pub struct Confirm {
    /// Every due, unchanged item on the published boards.
    pub all_unchanged: bool,
    /// Items by id or title.
    pub items: Vec<String>,
}

/// `--date` and `--reason`: a 公开日期 other than today, and why.
#[derive(Clone, Debug, Default)]
pub struct Backdate {
    pub date: Option<NaiveDate>,
    pub reason: String,
}

/// `gongkai publish FILE [--today YYYY-MM-DD] [--board NAME]… [--confirm-unchanged]
/// [--confirm ITEM]… [--date YYYY-MM-DD --reason TEXT]`
pub fn run_publish(
    file: &Path,
    today: Option<NaiveDate>,
    boards: &[String],
    confirm: &Confirm,
    backdate: &Backdate,
) -> ExitCode {
    let _lock = match super::lock_project(file, "publish") {
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
    super::print_load_notes(&project);
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
    let clock_today = today_or_clock(today);
    let day = PublishDay {
        date: backdate.date.unwrap_or(clock_today),
        today: clock_today,
        reason: backdate.reason.clone(),
    };
    if let Err(message) = day.validate(project.settings.date_style) {
        eprintln!("错误：{message}（用 --reason 写明原因）");
        return ExitCode::from(2);
    }
    let today = day.date;
    let plan = plan_publication(&project, today, &board_ids);
    let mut confirmed: Vec<String> = Vec::new();
    for wanted in &confirm.items {
        match project
            .item(wanted)
            .or_else(|| project.items.iter().find(|item| item.title == *wanted))
        {
            Some(item) => confirmed.push(item.id.clone()),
            None => {
                eprintln!("错误：项目中没有编号或名称为“{wanted}”的公开内容。");
                return ExitCode::from(2);
            }
        }
    }
    if confirm.all_unchanged {
        confirmed.extend(plan.due_unchanged.iter().map(|(id, _, _)| id.clone()));
    }
    if let Some(warning) = plan.empty_boards_warning_zh() {
        eprintln!("警告：{warning}");
    }
    // What will be done, before it is done.
    // Items holding a 【请填写】 or an unmasked personal number are not stamped.
    let held = crate::jobs::held_items(&project);
    let stamping = plan
        .to_stamp
        .iter()
        .filter(|(id, _)| !held.iter().any(|hold| &hold.item_id == id))
        .count();
    if stamping > 0 {
        outln!("将盖上公开日期（内容有改动或从未公开）：{stamping} 项");
    }
    let (reconfirmed, staying): (Vec<_>, Vec<_>) = plan
        .due_unchanged
        .iter()
        .partition(|(id, _, _)| confirmed.contains(id));
    for (_, title, _) in &reconfirmed {
        outln!("  内容无变化，照常公开：{title}");
    }
    for (_, title, status) in &staying {
        outln!(
            "  到期但内容未改，未确认（仍为{}）：{title}（可加 --confirm-unchanged 或 --confirm “{title}”）",
            status.label_zh()
        );
    }
    let outcome = match crate::jobs::publish_project(&mut project, &day, &board_ids, &confirmed) {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    // The archive first, then the project with its 台账 entry: both or neither.
    let saved = save_publication(&outcome, &project, file, || {
        model::save_project(&project, file).map_err(|error| error.to_string())
    });
    let archive = match saved {
        Ok(archive) => archive,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if outcome.logged {
        let style = project.settings.date_style;
        outln!(
            "{}（公开日期 {}）",
            outcome.summary_zh(),
            format_date(today, style)
        );
    } else {
        outln!("{}", outcome.summary_zh());
    }
    let pictures_missing = archive.as_ref().is_some_and(print_archive);
    if !outcome.held.is_empty() {
        eprintln!(
            "问题：{}（gongkai check 查看明细；--force 也不能越过）",
            outcome.held_zh()
        );
    }
    let table = status_table(&project, today);
    if table.needs_action {
        outln!(
            "仍有 {} 项{}：请更新其内容后再发布（gongkai check 查看明细）。",
            table.action_count,
            action_labels_zh()
        );
    }
    if pictures_missing || !outcome.held.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What went into the archive; true if some pictures could not be copied.
fn print_archive(archive: &Archive) -> bool {
    outln!("存档：{}", archive.dir.display());
    for path in &archive.files {
        let name = path.file_name().unwrap_or(path.as_os_str());
        outln!("  已写入 {}", name.to_string_lossy());
    }
    if !archive.pictures.is_empty() {
        outln!("  已复制图片 {} 张", archive.pictures.len());
    }
    for note in &archive.notes {
        outln!("提示：{note}");
    }
    for picture in &archive.pictures_not_copied {
        outln!("问题：{}", picture.message());
    }
    !archive.pictures_not_copied.is_empty()
}
