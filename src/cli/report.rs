//! `gongkai report FILE --kind self-check|catalog [--today YYYY-MM-DD] [--period 2026Q3]
//! -o OUT.pdf`.
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
}

impl From<KindArg> for ReportKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::SelfCheck => ReportKind::SelfCheck,
            KindArg::Catalog => ReportKind::Catalog,
        }
    }
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
    if let Err(error) = model::write_atomically(output, &report.bytes, false) {
        eprintln!(
            "错误：无法写出 {}：{error}。请检查文件夹是否存在、是否有写权限，文件是否被其他程序打开。",
            output.display()
        );
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
