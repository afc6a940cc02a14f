//! `gongkai check FILE [--today YYYY-MM-DD]`: the findings of the model, what would stop
//! `export`, and the status of every item. Exit 0 fine, 1 findings or items needing action,
//! 2 unreadable.

use super::today_or_clock;
use crate::jobs::{archive_problems, export_problems, status_table};
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
    let print_problems = export_problems(&project, file.parent());
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
            "{}：{} 个问题会使导出被拒绝（文字排不下、缺字、还有【请填写】或图片用不了）。",
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
