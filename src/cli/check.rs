//! `gongkai check FILE [--today YYYY-MM-DD]`: the findings of the model, what would stop
//! `export`, and the status of every item. Exit 0 fine, 1 findings or items needing action,
//! 2 unreadable. The work is [`crate::jobs::check_file`]; this prints it. `gongkai check DIR`:
//! a county's summary, one row per project ([`crate::jobs::check_folder`]).

use super::today_or_clock;
use crate::jobs::{ProjectSummary, check_file, check_folder, summary_csv, summary_lines};
use crate::model;
use std::process::ExitCode;

pub fn run_check(file: &std::path::Path, today: Option<chrono::NaiveDate>) -> ExitCode {
    let outcome = check_file(file, today_or_clock(today));
    for line in &outcome.stderr {
        eprintln!("{line}");
    }
    for line in &outcome.stdout {
        outln!("{line}");
    }
    ExitCode::from(outcome.exit_code)
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
        outln!("{line}");
    }
    if let Some(csv_path) = csv {
        let text = summary_csv(&rows, dir);
        let kind = crate::fileio::OutputKind::Csv {
            header: crate::jobs::county::SUMMARY_CSV_HEADER,
        };
        if let Err(error) =
            crate::jobs::write_output(csv_path, text.as_bytes(), kind, None, None, &[])
        {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
        outln!("已写出汇总表 {}。", csv_path.display());
    }
    if rows.iter().any(ProjectSummary::needs_action) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
