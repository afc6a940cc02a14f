//! The command line: the clap types, and one module per subcommand (`new`, `check`,
//! `publish`, `report`, `export`, `layout`). Each module loads the project, calls a job
//! (`crate::jobs`) or the layout, prints what happened and returns the exit code; the library
//! folders never print or exit.
//!
//! Exit codes: 0 fine, 1 findings (the work was done or checked, but something needs a look),
//! 2 the input could not be read or the output not written.

/// `println!` for the subcommands' results: see [`output`] for a reader that goes away early.
macro_rules! outln {
    () => {
        $crate::cli::output::line(format_args!(""))
    };
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))
    };
}

mod allow;
mod check;
pub mod export;
mod export_image;
mod import;
mod layout;
mod new;
mod new_parts;
pub mod output;
mod publish;
pub mod report;
mod usage;

pub use usage::usage_error_zh;

use chrono::NaiveDate;
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
    /// 新建项目：从模板（乡镇、村务、社区居务、办事指南、空白）新建 (create a project from a
    /// template; `--list-templates` lists them).
    New(new::NewArgs),
    /// 检查项目：列出问题，包括导出时会拒绝的排不下、缺字、【请填写】、用不了的图片、跨越边框的文字和
    /// 未脱敏的个人信息；给一个文件夹时检查其中所有项目并汇总 (validate a project, lay out every
    /// board as `export` does; or every project in a folder, one summary row each; exit 0 fine,
    /// 1 findings, 2 unreadable).
    #[command(after_help = concat!(
        "给一个文件夹时（县里汇总各村）：检查",
        crate::county_scan_rule_zh!(),
        "。每个单位是否“需处理”与它自己的 gongkai check FILE 是否通过完全一致；乡镇取单位信息中的“所属乡镇”，没填时取所在的第一层子文件夹名。"
    ))]
    Check {
        /// The project file, or a folder of project files (a county's villages).
        file: PathBuf,
        /// 今天的日期，用于公开时效 (the day to check the schedule on), YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// With a folder: also write the summary as CSV (UTF-8 with BOM, opens in Excel/WPS).
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// With a folder: also write the summary as an Excel workbook (各单位情况, 各乡镇汇总 with
        /// 按时公开率, 无法读取的文件, 重复文件).
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// With a folder: 名单 of the units expected (.csv/.xlsx, a column 单位 and maybe 乡镇):
        /// lists who sent no file and who sent several.
        #[arg(long, value_name = "名单.csv")]
        roster: Option<PathBuf>,
    },
    /// 允许公开：让一个身份证号、银行卡号或手机号在公开输出中完整显示，须写明理由，记入台账
    /// (allow a personal number on public outputs, with the reason; exit 0 saved, 2 refused).
    Allow {
        /// The project file.
        file: PathBuf,
        /// The number, as typed (spaces and dashes are ignored).
        number: String,
        /// 理由 (required), e.g. "网格员工作电话，本人同意公开".
        #[arg(long)]
        reason: String,
        /// The day recorded, YYYY-MM-DD (default: today).
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
        /// 内容无变化，照常公开：到期而内容未改的各项（在所发布的公开栏上）都算今天公开
        /// (re-confirm every due, unchanged item).
        #[arg(long)]
        confirm_unchanged: bool,
        /// 内容无变化，照常公开这一项（编号或名称，可重复） (re-confirm one item).
        #[arg(long = "confirm", value_name = "ITEM")]
        confirm: Vec<String>,
        /// 公开日期不是今天时（已张贴、补录）：实际张贴的日期 (the 公开日期 recorded, when not
        /// today; needs --reason).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// 公开日期不是今天的原因，记入公开台账 (why --date is not today; written to the 台账).
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
    },
    /// 报表：自查情况表或公开目录（A4 PDF） (write the self-check table or the catalog as an A4
    /// PDF; exit 0 written, 2 unreadable or unwritable).
    Report {
        /// The project file (county: the folder of the villages' project files).
        file: PathBuf,
        /// self-check：自查情况表；catalog：公开目录；county：县级检查情况通报（给文件夹）.
        #[arg(long, value_enum)]
        kind: report::KindArg,
        /// 检查日期 (the day the statuses are computed for), YYYY-MM-DD (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<chrono::NaiveDate>,
        /// 自查期间（自查情况表）：季度 2026Q3，或起止日期 2026-07-01..2026-09-30（默认：检查日期
        /// 所在季度） (the period a self-check covers: a quarter or a span of days).
        #[arg(long, value_name = "2026Q3")]
        period: Option<String>,
        /// Where to write the PDF.
        #[arg(short, long, value_name = "OUT.pdf")]
        output: PathBuf,
        /// 通报的结束语：一个文本文件（UTF-8，每行一段）；不给时用默认的整改要求 (the county
        /// report's closing paragraphs, from a text file).
        #[arg(long, value_name = "FILE.txt", conflicts_with = "closing_text")]
        closing: Option<PathBuf>,
        /// 通报的结束语（直接写在这里） (the closing paragraph as text).
        #[arg(long, value_name = "TEXT")]
        closing_text: Option<String>,
        /// 通报：名单 of the units expected (.csv/.xlsx), as for `check DIR --roster`.
        #[arg(long, value_name = "名单.csv")]
        roster: Option<PathBuf>,
    },
    /// 导出 PDF：公开栏原大、A4/A3 拼贴、表簿、明白卡；--mode image：手机图片 (export a
    /// print-ready PDF, or pictures for phones into the folder -o; exit 0 written, 1 overflow or
    /// missing glyphs (nothing written unless --force), 2 unreadable).
    Export(export::ExportArgs),
    /// 导入数据：从 Excel、WPS 或 CSV 文件导入表格或明白卡名单，并关联源文件；不给 --source 时从
    /// 源文件更新 (import a table or card records from .xlsx/.xls/.ods/.csv, linked; without
    /// --source: update from the linked file; exit 0 saved, 2 unreadable or refused).
    Import(import::ImportArgs),
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
        Command::New(args) => new::run_new(&args),
        Command::Check {
            file,
            today,
            csv,
            xlsx,
            roster,
        } if file.is_dir() => check::run_check_folder(
            &file,
            today,
            &check::CountyOutputs {
                csv: csv.as_deref(),
                xlsx: xlsx.as_deref(),
                roster: roster.as_deref(),
            },
        ),
        Command::Check { file, today, .. } => check::run_check(&file, today),
        Command::Allow {
            file,
            number,
            reason,
            today,
        } => allow::run_allow(&file, &number, &reason, today),
        Command::Publish {
            file,
            today,
            boards,
            confirm_unchanged,
            confirm,
            date,
            reason,
        } => publish::run_publish(
            &file,
            today,
            &boards,
            &publish::Confirm {
                all_unchanged: confirm_unchanged,
                items: confirm,
            },
            &publish::Backdate { date, reason },
        ),
        Command::Report {
            file,
            kind: report::KindArg::County,
            today,
            output,
            closing,
            closing_text,
            roster,
            ..
        } => report::run_county_report(
            &file,
            today,
            &output,
            &report::Closing {
                file: closing.as_deref(),
                text: closing_text.as_deref(),
            },
            roster.as_deref(),
        ),
        Command::Report {
            file,
            kind,
            today,
            period,
            output,
            ..
        } => report::run_report(&file, kind.into(), today, period.as_deref(), &output),
        Command::Export(args) => export::run_export(&args),
        Command::Import(args) => import::run_import(&args),
        Command::Layout { file, board, json } => layout::run_layout(&file, board.as_deref(), json),
    }
}

/// Says what loading changed in an older project file (see `model::migrate`).
pub fn print_load_notes(project: &crate::model::Project) {
    for note in &project.load_notes {
        eprintln!("提示：{note}");
    }
}

/// Locks the project for this command (waiting [`crate::fileio::lock::CLI_WAIT`] for another
/// process to finish), or says who has it; every command that saves the project calls this
/// before it loads it, so two commands never lose each other's changes.
pub fn lock_project(
    file: &std::path::Path,
    command: &str,
) -> Result<crate::fileio::ProjectLock, ExitCode> {
    crate::fileio::ProjectLock::acquire_waiting(
        file,
        &format!("命令行 gongkai {command}"),
        crate::fileio::lock::CLI_WAIT,
    )
    .map_err(|error| {
        eprintln!("错误：{error}");
        eprintln!("项目未改动。");
        ExitCode::from(2)
    })
}

/// `--today` if given, else the local date of the computer: the one place the command line
/// reads the clock for a day.
pub fn today_or_clock(today: Option<NaiveDate>) -> NaiveDate {
    today.unwrap_or_else(|| chrono::Local::now().date_naive())
}
