//! The command line: `gongkai` (no arguments: the app), `gongkai new`, `gongkai check`.
//!
//! Exit codes: 0 fine, 1 findings (the work was done or checked, but something needs a look),
//! 2 the input could not be read or the output not written.

use crate::catalog::sample_project;
use crate::model::{self, Severity};
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
    /// 检查项目：列出问题 (validate a project; exit 0 fine, 1 findings, 2 unreadable).
    Check {
        /// The project file.
        file: PathBuf,
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
        Command::Check { file } => run_check(&file),
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

fn run_check(file: &std::path::Path) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let findings = model::check_project(&project);
    if findings.is_empty() {
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
