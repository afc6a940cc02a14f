//! `gongkai check FILE [--today YYYY-MM-DD]`: the findings of the model, what would stop
//! `export`, and the status of every item. Exit 0 fine, 1 findings or items needing action,
//! 2 unreadable. The work is [`crate::jobs::check_file`]; this prints it. `gongkai check DIR`:
//! a county's summary, one row per project ([`crate::jobs::check_folder`]).

use super::today_or_clock;
use crate::jobs::{
    CountySummary, check_file, check_folder, summary_csv, summary_lines, summary_xlsx,
};
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

/// The county summary of `dir` on `today` (or the clock's day), or None after saying why
/// there is none (the folder cannot be read, or holds no project file).
pub fn county_summary(
    dir: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    roster: Option<&std::path::Path>,
) -> Option<CountySummary> {
    let roster = match roster.map(crate::jobs::county::roster::read_roster) {
        Some(Ok(entries)) => Some(entries),
        Some(Err(error)) => {
            eprintln!("错误：无法读取名单：{error}");
            return None;
        }
        None => None,
    };
    let summary = match check_folder(dir, today_or_clock(today)) {
        Ok(summary) => summary,
        Err(error) => {
            eprintln!(
                "错误：无法读取文件夹 {}：{}",
                dir.display(),
                model::io_error_zh(&error)
            );
            return None;
        }
    };
    let mut summary = summary;
    if let Some(entries) = &roster {
        summary.roster = Some(crate::jobs::county::roster::check_roster(&summary, entries));
    }
    if summary.rows.is_empty() && summary.unreadable.is_empty() {
        eprintln!(
            "错误：{} 中没有项目文件。查找的是{}。",
            dir.display(),
            crate::jobs::county::SCAN_RULE_ZH
        );
        return None;
    }
    Some(summary)
}

/// What `gongkai check DIR` writes besides its lines, and the 名单 it checks.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountyOutputs<'a> {
    pub csv: Option<&'a std::path::Path>,
    pub xlsx: Option<&'a std::path::Path>,
    pub roster: Option<&'a std::path::Path>,
}

/// `gongkai check DIR [--csv OUT.csv] [--xlsx OUT.xlsx] [--roster 名单.csv]`: one summary row
/// per village, most urgent first. Exit 0 when nothing needs action, 1 when something does (a
/// village's own `check FILE` fails, a file is unreadable, a unit of the 名单 sent no file or
/// several), 2 when the folder, the 名单 or an output cannot be used.
pub fn run_check_folder(
    dir: &std::path::Path,
    today: Option<chrono::NaiveDate>,
    outputs: &CountyOutputs<'_>,
) -> ExitCode {
    let (csv, xlsx) = (outputs.csv, outputs.xlsx);
    let Some(summary) = county_summary(dir, today, outputs.roster) else {
        return ExitCode::from(2);
    };
    for line in summary_lines(&summary) {
        outln!("{line}");
    }
    if let Some(csv_path) = csv {
        let text = summary_csv(&summary);
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
    if let Some(xlsx_path) = xlsx {
        let written = summary_xlsx(&summary).and_then(|bytes| {
            crate::jobs::write_output(
                xlsx_path,
                &bytes,
                crate::fileio::OutputKind::Xlsx,
                None,
                None,
                &[],
            )
            .map_err(|error| error.to_string())
        });
        if let Err(error) = written {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
        outln!("已写出汇总工作簿 {}。", xlsx_path.display());
    }
    if summary.needs_action() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
