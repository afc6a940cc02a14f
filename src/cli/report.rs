//! `gongkai report FILE --kind self-check|catalog [--today YYYY-MM-DD] [--period 2026Q3]
//! -o OUT.pdf`; `gongkai report DIR --kind county -o 通报.pdf`.
//! Exit 0 written, 2 unreadable input or unwritable output.

use super::today_or_clock;
use crate::jobs::{created_on, render_report};
use crate::layout::LayoutEngine;
use crate::model;
use crate::schedule::{Period, ReportKind, parse_period, report_document, self_check_document_for};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

/// `--kind` of `gongkai report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    SelfCheck,
    Catalog,
    /// 县级检查情况通报 (a folder of villages).
    County,
}

impl From<KindArg> for ReportKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::SelfCheck => ReportKind::SelfCheck,
            // `County` is run by `run_county_report`; a project's catalog otherwise.
            KindArg::Catalog | KindArg::County => ReportKind::Catalog,
        }
    }
}

/// The longest closing text read from a file (a few paragraphs; a wrong file is refused).
const MAX_CLOSING_BYTES: u64 = 64 * 1024;

/// `gongkai report DIR --kind county [--today YYYY-MM-DD] [--closing FILE | --closing-text
/// TEXT] [--roster 名单.csv] -o 通报.pdf`: the county's 通报 (A4). Exit 0 written, 2 unreadable folder or closing
/// file, nothing to report, or unwritable output.
/// The closing paragraphs of the 通报: a text file, or the text itself.
#[derive(Clone, Copy, Debug, Default)]
pub struct Closing<'a> {
    pub file: Option<&'a Path>,
    pub text: Option<&'a str>,
}

pub fn run_county_report(
    dir: &Path,
    today: Option<NaiveDate>,
    output: &Path,
    closing: &Closing<'_>,
    roster: Option<&Path>,
) -> ExitCode {
    let (closing_file, closing_text) = (closing.file, closing.text);
    if !dir.is_dir() {
        eprintln!(
            "错误：--kind county 要给一个文件夹（县里各村的项目文件），{} 不是文件夹。",
            dir.display()
        );
        return ExitCode::from(2);
    }
    let closing = match closing_file {
        Some(file) => match crate::fileio::read_to_string_regular(file, MAX_CLOSING_BYTES) {
            Ok(Some(text)) => text.trim_start_matches('\u{feff}').to_owned(),
            Ok(None) => {
                eprintln!(
                    "错误：结束语文件 {} 不是 UTF-8 编码的文本，请另存为 UTF-8 后再试。",
                    file.display()
                );
                return ExitCode::from(2);
            }
            Err(error) => {
                eprintln!("错误：无法读取结束语文件：{error}");
                return ExitCode::from(2);
            }
        },
        None => closing_text.unwrap_or_default().to_owned(),
    };
    let Some(summary) = super::check::county_summary(dir, today, roster) else {
        return ExitCode::from(2);
    };
    let document = crate::jobs::county_document(&summary, &closing);
    let mut engine = LayoutEngine::for_project(&model::Project::default());
    let report = match crate::jobs::render_county_report(
        &mut engine,
        &document,
        created_on(summary.today),
    ) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("错误：无法生成检查情况通报：{error}");
            return ExitCode::from(2);
        }
    };
    for problem in &report.problems {
        eprintln!("问题：{problem}");
    }
    if let Err(error) = crate::jobs::write_output(
        output,
        &report.bytes,
        crate::fileio::OutputKind::Pdf,
        None,
        None,
        &[],
    ) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    outln!(
        "已生成检查情况通报 {}：A4{}，{} 页，{} KB。",
        output.display(),
        if report.landscape { "横向" } else { "纵向" },
        report.pages,
        report.bytes.len().div_ceil(1024)
    );
    ExitCode::SUCCESS
}

// ---------------------------------------------------------------------------------------------
// 自查情况表

/// `gongkai report FILE --kind self-check|catalog [--today YYYY-MM-DD] -o OUT.pdf`.
/// Exit 0 written, 2 unreadable input or unwritable output.
pub fn run_report(
    file: &Path,
    kind: ReportKind,
    today: Option<NaiveDate>,
    period: Option<&str>,
    output: &Path,
) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    super::print_load_notes(&project);
    let today = today_or_clock(today);
    let period = match period.map(parse_period).transpose() {
        Ok(period) => period.unwrap_or_else(|| Period::quarter_of(today)),
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let mut engine = LayoutEngine::for_project(&project);
    let document = match kind {
        ReportKind::SelfCheck => self_check_document_for(&project, today, period),
        ReportKind::Catalog => report_document(&project, kind, today),
    };
    let report = match render_report(&mut engine, &project, &document, created_on(today)) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("错误：无法生成{}：{error}", kind.label_zh());
            return ExitCode::from(2);
        }
    };
    for problem in &report.problems {
        eprintln!("问题：{problem}");
    }
    if let Err(error) = crate::jobs::write_output(
        output,
        &report.bytes,
        crate::fileio::OutputKind::Pdf,
        Some(&project),
        Some(file),
        &[],
    ) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    outln!(
        "已生成{} {}：A4{}，{} 页，{} KB。",
        kind.label_zh(),
        output.display(),
        if report.landscape { "横向" } else { "纵向" },
        report.pages,
        report.bytes.len().div_ceil(1024)
    );
    ExitCode::SUCCESS
}
