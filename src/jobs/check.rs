//! The check job: what would stop a project's export (every board laid out as `export` lays
//! it out, the 【请填写】 left, the pictures, personal numbers that would print in full), and
//! where its schedule stands (the status table of
//! `gongkai check` and `gongkai publish`). [`check_file`] is all of `gongkai check` but the
//! printing.

use super::findings::{Finding, FindingKind, export_findings, project_findings};
use crate::layout::LayoutEngine;
use crate::model::{DateStyle, Project, Severity};
use crate::schedule::{
    ItemSchedule, Status, action_labels_zh, format_date, project_schedule, status_counts,
};
use crate::text::quoted;
use chrono::NaiveDate;
use std::path::Path;

/// What would stop `export` (with how many of each kind, for a county's summary), and what is
/// only worth a warning.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportCheck {
    /// Each problem, said for the clerk: boards' overflows, missing characters and text under
    /// frame bars, the 【请填写】 a template left, pictures, then personal numbers that would
    /// print in full.
    pub problems: Vec<String>,
    /// Installed fonts that could not be loaded, and tokens cut by force across lines.
    pub warnings: Vec<String>,
    pub overflows: usize,
    pub missing_glyphs: usize,
    pub pictures: usize,
    pub personal_data: usize,
}

/// Every board laid out as the export lays it out (overflowing text, characters no font has,
/// text under a frame bar, tokens cut by force), the 【请填写】 a template left, the pictures
/// that cannot be used (decoded to be sure), and the personal numbers any external output
/// would print in full ([`export_findings`], counted). `base_dir` is the project's folder
/// (pictures are named relative to it).
pub fn export_check(
    engine: &mut LayoutEngine,
    project: &Project,
    base_dir: Option<&Path>,
) -> ExportCheck {
    ExportCheck::of(&export_findings(engine, project, base_dir))
}

impl ExportCheck {
    /// The problems and warnings of an export's findings, counted by kind.
    pub fn of(findings: &[Finding]) -> Self {
        let count = |kind: FindingKind| {
            findings
                .iter()
                .filter(|finding| finding.blocks_export && finding.kind == kind)
                .count()
        };
        ExportCheck {
            problems: findings
                .iter()
                .filter(|finding| finding.blocks_export)
                .map(|finding| finding.message.clone())
                .collect(),
            warnings: findings
                .iter()
                .filter(|finding| !finding.blocks_export)
                .map(|finding| finding.message.clone())
                .collect(),
            overflows: count(FindingKind::Overflow),
            missing_glyphs: count(FindingKind::MissingGlyph),
            pictures: count(FindingKind::Picture),
            personal_data: count(FindingKind::PersonalNumber),
        }
    }
}

/// What would stop `export`, as messages (the problems of [`export_check`]).
pub fn export_problems(project: &Project, base_dir: Option<&Path>) -> Vec<String> {
    let mut engine = LayoutEngine::for_project(project);
    export_check(&mut engine, project, base_dir).problems
}

/// What `gongkai check` says about a file and how it ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOutcome {
    /// 0 fine, 1 findings or items needing action, 2 unreadable.
    pub exit_code: u8,
    /// Lines for standard output.
    pub stdout: Vec<String>,
    /// Lines for standard error.
    pub stderr: Vec<String>,
}

/// `gongkai check` without the printing: the model's findings, what would stop `export`
/// (problems) or deserves a look (warnings), and the status of every item on `today`.
pub fn check_file(file: &Path, today: NaiveDate) -> CheckOutcome {
    let mut outcome = CheckOutcome {
        exit_code: 0,
        stdout: Vec::new(),
        stderr: Vec::new(),
    };
    let project = match crate::model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            outcome.stderr.push(format!("错误：{error}"));
            outcome.exit_code = 2;
            return outcome;
        }
    };
    let shown = file.display();
    // What loading changed in an older file, said once (saving keeps it).
    outcome.stdout.extend(
        project
            .load_notes
            .iter()
            .map(|note| format!("提示：{note}")),
    );
    let mut engine = LayoutEngine::for_project(&project);
    let findings = project_findings(&mut engine, &project, Some(file), today);
    let out = &mut outcome.stdout;
    out.extend(findings.iter().map(Finding::line_zh));
    let table = status_table(&project, today);
    out.extend(table.lines.iter().cloned());
    if table.needs_action {
        out.push(format!(
            "{shown}：{} 项{}。",
            table.action_count,
            action_labels_zh()
        ));
    }
    let blocking = findings
        .iter()
        .filter(|finding| finding.blocks_export)
        .count();
    if blocking > 0 {
        out.push(format!(
            "{shown}：{blocking} 个问题会使导出被拒绝（文字排不下、缺字、还有【请填写】、图片用不了、文字跨越边框或个人信息未脱敏）。",
        ));
    }
    if findings.is_empty() {
        out.push(format!("{shown}：未发现问题。"));
        return outcome;
    }
    let errors = findings
        .iter()
        .filter(|finding| !finding.blocks_export && finding.severity == Severity::Error)
        .count();
    out.push(format!(
        "{shown}：共 {} 条检查结果（{blocking} 个问题，{errors} 个错误，{} 个警告）。",
        findings.len(),
        findings.len() - blocking - errors
    ));
    outcome.exit_code = 1;
    outcome
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
    lines.extend(board_dates_lines(project, today));
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

/// Each board's 本期公开日期 and 下次公开日期 on `today`, by the footer's rule
/// (`schedule::footer`): what the printed footer says.
pub fn board_dates_lines(project: &Project, today: NaiveDate) -> Vec<String> {
    let style = project.settings.date_style;
    let view = crate::schedule::external_view(project).project;
    view.boards
        .iter()
        .map(|board| {
            let this_issue = crate::schedule::board_footer_dates(&view, board, today)
                .map_or("未发布".to_owned(), |dates| {
                    format_date(dates.this_issue, style)
                });
            let next_issue = crate::schedule::next_issue_date(&view, board, today)
                .map_or("—".to_owned(), |date| format_date(date, style));
            format!(
                "公开栏“{}”：本期公开日期 {this_issue}，下次公开日期 {next_issue}",
                quoted(&board.name)
            )
        })
        .collect()
}

fn status_line(row: &ItemSchedule, style: DateStyle) -> String {
    let due = row
        .next_due
        .map(|date| format_date(date, style))
        .unwrap_or_else(|| "—".to_owned());
    let mut line = format!(
        "  {}  {}  应公开日期：{}",
        padded_status(row.status),
        quoted(&row.title),
        due
    );
    if !row.note.is_empty() && row.status != Status::Normal {
        line.push_str(&format!("（{}）", quoted(&row.note)));
    }
    line
}

/// The status label padded with ideographic spaces to four characters, so titles align.
fn padded_status(status: Status) -> String {
    let label = status.label_zh();
    let padding = 4usize.saturating_sub(label.chars().count());
    format!("{label}{}", "\u{3000}".repeat(padding))
}
