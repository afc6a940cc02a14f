//! The check job: what would stop a project's export (every board laid out as `export` lays
//! it out, then the pictures), and where its schedule stands (the status table of
//! `gongkai check` and `gongkai publish`).

use crate::compose::{board_layout_problems, personal_data_findings};
use crate::layout::LayoutEngine;
use crate::model::{DateStyle, Project};
use crate::schedule::{ItemSchedule, Status, format_date, project_schedule, status_counts};
use chrono::NaiveDate;
use std::path::Path;

/// What would stop `export`: the messages in order, and how many of each kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportProblems {
    /// Each problem, said for the clerk: boards' overflows and missing characters, the
    /// 【请填写】 a template left, pictures, then personal numbers that would print in full.
    pub messages: Vec<String>,
    pub overflows: usize,
    pub missing_glyphs: usize,
    pub pictures: usize,
    pub personal_data: usize,
}

/// What would stop `export`: every board laid out as the export lays it out (overflowing
/// text, characters no font has), the 【请填写】 a template left, the pictures that cannot be used, and the personal numbers
/// any external output would print in full. `base_dir` is the project's folder (pictures are
/// named relative to it).
pub fn export_problems(
    engine: &mut LayoutEngine,
    project: &Project,
    base_dir: Option<&Path>,
) -> ExportProblems {
    engine.set_base_dir(base_dir.map(Path::to_path_buf));
    let mut problems = ExportProblems::default();
    for board in board_layout_problems(engine, project) {
        problems.overflows += board.overflows;
        problems.missing_glyphs += board.missing_glyphs;
        problems.messages.extend(
            board
                .problems
                .iter()
                .map(|problem| format!("公开栏“{}”：{problem}", board.board_name)),
        );
    }
    // 【请填写】 left by a template must never reach a printed board.
    problems.messages.extend(
        crate::model::placeholder_places(project)
            .iter()
            .map(crate::model::PlaceholderPlace::message),
    );
    let pictures = crate::images::check_images(project, base_dir);
    problems.pictures = pictures.len();
    problems
        .messages
        .extend(pictures.iter().map(crate::images::ImageProblem::message));
    let personal = personal_data_findings(project);
    problems.personal_data = personal.len();
    problems.messages.extend(
        personal
            .into_iter()
            .map(|finding| format!("{}（导出会被拒绝，--force 也不能越过）", finding.message)),
    );
    problems
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
