//! The command line: `gongkai` (no arguments: the app), `gongkai new`, `gongkai check`,
//! `gongkai publish` (in `schedule::cli`), `gongkai report` (in `schedule::report`).
//!
//! Exit codes: 0 fine, 1 findings (the work was done or checked, but something needs a look),
//! 2 the input could not be read or the output not written.

use crate::catalog::sample_project;
use crate::fonts::FontSet;
use crate::layout::LayoutEngine;
use crate::model::{self, Severity};
use crate::schedule;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "gongkai",
    version,
    about = "公开栏设计器：政务公开栏、表簿和明白卡的排版与打印",
    long_about = "公开栏设计器 (gongkai)。不带参数运行时打开设计器窗口。"
)]
pub struct Cli {
    /// A project file to open in the app (.gongkai.json).
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 新建项目：写出一个完整的示例乡镇项目 (create a sample town project).
    New {
        /// 模板 (template); only "town" exists.
        #[arg(long, default_value = "town", value_parser = ["town"])]
        template: String,
        /// Where to write the project (.gongkai.json).
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// 公开日期 stamped on every item, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// 检查项目：列出问题，包括导出时会拒绝的排不下、缺字和用不了的图片 (validate a project, lay
    /// out every board as `export` does; exit 0 fine, 1 findings, 2 unreadable).
    Check {
        /// The project file.
        file: PathBuf,
        /// 今天的日期，用于公开时效 (the day to check the schedule on), YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
    },
    /// 发布：为改动过的内容盖上今天的公开日期，记入台账并存档 (publish, log and archive).
    Publish {
        /// The project file.
        file: PathBuf,
        /// 公开日期, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// 发布的公开栏（名称或编号，可重复；默认：显示改动内容的所有公开栏）.
        #[arg(long = "board", value_name = "NAME")]
        boards: Vec<String>,
    },
    /// 报表：自查情况表或公开目录（A4 PDF） (write the self-check table or the catalog as an A4
    /// PDF; exit 0 written, 2 unreadable or unwritable).
    Report {
        /// The project file.
        file: PathBuf,
        /// self-check：自查情况表；catalog：公开目录.
        #[arg(long, value_enum)]
        kind: crate::schedule::report::KindArg,
        /// 检查日期 (the day the statuses are computed for), YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
    },
    /// 导出 PDF：公开栏原大、A4/A3 拼贴、表簿、明白卡 (export a print-ready PDF; exit 0
    /// written, 1 overflow or missing glyphs (nothing written unless --force), 2 unreadable).
    Export(crate::pdf::ExportArgs),
    /// 排版：输出公开栏每行文字的位置 (lay out a board; exit 0 fine, 1 overflow or missing
    /// glyphs, 2 unreadable).
    Layout {
        /// The project file.
        file: PathBuf,
        /// The board's id or name (default: the first board).
        #[arg(long)]
        board: Option<String>,
        /// Print the layout as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a subcommand and returns the process exit code. Messages go to stdout/stderr.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::New {
            template: _,
            output,
            force,
            date,
        } => run_new(&output, force, date),
        Command::Check { file, today } => run_check(&file, today),
        Command::Publish {
            file,
            today,
            boards,
        } => schedule::cli::run_publish(&file, today, &boards),
        Command::Report {
            file,
            kind,
            today,
            output,
        } => schedule::report::run_report(&file, kind.into(), today, &output),
        Command::Export(args) => crate::pdf::run_export(&args),
        Command::Layout { file, board, json } => {
            crate::layout::report::run_layout(&file, board.as_deref(), json)
        }
    }
}

fn run_new(output: &std::path::Path, force: bool, date: Option<chrono::NaiveDate>) -> ExitCode {
    if output.exists() && !force {
        eprintln!(
            "错误：{} 已存在。换一个文件名，或加 --force 覆盖（原文件会保留为 .bak）。",
            output.display()
        );
        return ExitCode::from(2);
    }
    let published_on = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let project = sample_project(published_on);
    match model::save_project(&project, output) {
        Ok(()) => {
            println!(
                "已创建示例项目 {}：{} 块公开栏，{} 个栏目，{} 项公开内容，{} 种明白卡。",
                output.display(),
                project.boards.len(),
                project.boards.iter().map(|b| b.panels.len()).sum::<usize>(),
                project.items.len(),
                project.cards.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误：{error}");
            ExitCode::from(2)
        }
    }
}

fn run_check(file: &std::path::Path, today: Option<chrono::NaiveDate>) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let findings = model::check_project(&project);
    let print_problems = print_problems(&project, file);
    let table = schedule::cli::status_table(&project, schedule::cli::today_or_clock(today));
    for line in &table.lines {
        println!("{line}");
    }
    if table.needs_action {
        println!(
            "{}：{} 项{}。",
            file.display(),
            table.action_count,
            schedule::action_labels_zh()
        );
    }
    if !print_problems.is_empty() {
        println!(
            "{}：{} 个问题会使导出被拒绝（文字排不下、缺字或图片用不了）。",
            file.display(),
            print_problems.len()
        );
    }
    if findings.is_empty() {
        if table.needs_action || !print_problems.is_empty() {
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
        println!("{finding}");
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

/// What would stop `export`, printed as "问题：…" lines: every board laid out as the export
/// lays it out (overflowing text, characters no font has), then the pictures that cannot be
/// used. Returns the messages.
fn print_problems(project: &model::Project, file: &std::path::Path) -> Vec<String> {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    engine.set_base_dir(file.parent().map(std::path::Path::to_path_buf));
    let mut problems: Vec<String> = crate::pdf::board_layout_problems(&mut engine, project)
        .into_iter()
        .flat_map(|board| {
            board
                .problems
                .into_iter()
                .map(move |problem| format!("公开栏“{}”：{problem}", board.board_name))
        })
        .collect();
    problems.extend(
        crate::images::check_images(project, file.parent())
            .iter()
            .map(crate::images::ImageProblem::message),
    );
    for problem in &problems {
        println!("问题：{problem}");
    }
    problems
}
