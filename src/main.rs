//! `gongkai`: with no subcommand the designer window opens (on a file, or on the sample).

use clap::Parser;
use gongkai::cli::{Cli, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => {
            stop_quietly_when_stdout_closes();
            run(command)
        }
        None => open_app(cli.file),
    }
}

/// `gongkai check x | head` closes our output early, and the next `println!` fails. Stop there
/// quietly with the usual status (128 + SIGPIPE), as command-line tools do, instead of
/// reporting a crash.
fn stop_quietly_when_stdout_closes() {
    let report_crash = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        report_crash(info);
    }));
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    gongkai::ui::locale::restart_in_utf8_locale_if_needed();
    match gongkai::ui::run_app(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("错误：无法打开窗口：{error}");
            ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("这个版本不含设计器窗口（编译时未启用 gui 功能）。请使用子命令，见 gongkai --help。");
    ExitCode::from(2)
}
