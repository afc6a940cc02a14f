//! `gongkai check FILE [--today YYYY-MM-DD]`: the findings of the model, what would stop
//! `export`, and the status of every item. Exit 0 fine, 1 findings or items needing action,
//! 2 unreadable.

use super::today_or_clock;
use crate::fonts::FontSet;
use crate::jobs::{
    ProjectSummary, archive_problems, check_folder, export_problems, status_table, summary_csv,
    summary_lines,
};
use crate::layout::LayoutEngine;
use crate::model::{self, Severity};
use crate::schedule::action_labels_zh;
use std::process::ExitCode;

pub fn run_check(file: &std::path::Path, today: Option<chrono::NaiveDate>) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let findings = model::check_project(&project);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let print_problems = export_problems(&mut engine, &project, file.parent()).messages;
    for problem in &print_problems {
        println!("问题：{problem}");
    }
    // The 台账: each publication has its complete archive folder.
    let archive_problems = archive_problems(&project, file);
    for problem in &archive_problems {
        println!("问题：{problem}");
    }
    let table = status_table(&project, today_or_clock(today));
    for line in &table.lines {
        println!("{line}");
    }
    if table.needs_action {
        println!(
            "{}：{} 项{}。",
            file.display(),
            table.action_count,
            action_labels_zh()
        );
    }
    if !print_problems.is_empty() {
        println!(
            "{}：{} 个问题会使导出被拒绝（文字排不下、缺字、还有【请填写】、图片用不了、文字跨越边框或个人信息未脱敏）。",
            file.display(),
            print_problems.len()
        );
    }
    if findings.is_empty() {
        if table.needs_action || !print_problems.is_empty() || !archive_problems.is_empty() {
            return ExitCode::from(1);
        }
        println!("{}：未发现问题。", file.display());
        return ExitCode::SUCCESS;
    }
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    for finding in &findings {
        let level = match finding.severity {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        };
        println!(
            "{level}：{}：{}",
            model::location_zh(&project, &finding.location),
            finding.message
        );
    }
    println!(
        "{}：{} 个问题（{} 个错误，{} 个警告）。",
        file.display(),
        findings.len(),
        errors,
        findings.len() - errors
    );
    ExitCode::from(1)
}

/// `gongkai check DIR [--csv OUT.csv]`: one summary row per project in the folder. Exit 0 when
/// no project needs action, 1 when some does, 2 when the folder or the CSV cannot be used.
pub fn run_check_folder(
    dir: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    csv: Option<&std::path::Path>,
) -> ExitCode {
    let rows = match check_folder(dir, today_or_clock(today)) {
        Ok(rows) => rows,
        Err(error) => {
            eprintln!(
                "错误：无法读取文件夹 {}：{}",
                dir.display(),
                model::io_error_zh(&error)
            );
            return ExitCode::from(2);
        }
    };
    if rows.is_empty() {
        eprintln!("错误：{} 中没有项目文件（*.gongkai.json）。", dir.display());
        return ExitCode::from(2);
    }
    for line in summary_lines(&rows, dir) {
        println!("{line}");
    }
    if let Some(csv_path) = csv {
        let text = summary_csv(&rows, dir);
        if let Err(error) = model::write_atomically(csv_path, text.as_bytes(), false) {
            eprintln!("错误：无法写出 {}：{error}", csv_path.display());
            return ExitCode::from(2);
        }
        println!("已写出汇总表 {}。", csv_path.display());
    }
    if rows.iter().any(ProjectSummary::needs_action) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
