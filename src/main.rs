//! `gongkai`: with no subcommand the designer window opens (on a file, or on the sample).

// On Windows a windowed program: a double-click opens no console window next to the app.
// From cmd, `windows_console` attaches to the console that started it, so commands still print.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(windows)]
mod windows_console;

use clap::Parser;
use gongkai::cli::{Cli, run, usage_error_zh};
use std::process::ExitCode;

fn main() -> ExitCode {
    #[cfg(windows)]
    windows_console::attach_to_parent_console();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => match usage_error_zh(&error) {
            Some(message) => {
                eprintln!("{message}");
                return ExitCode::from(2);
            }
            // --help and --version.
            None => error.exit(),
        },
    };
    match cli.command {
        // Output cut short by a closed pipe ends quietly: gongkai::cli::output.
        Some(command) => run(command),
        None => open_app(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    use gongkai::ui::renderer::{Started, start};
    gongkai::ui::locale::restart_in_utf8_locale_if_needed();
    // glow first; when it cannot open the window, this program again with wgpu.
    match start(|renderer| gongkai::ui::run_app(file, renderer)) {
        Started::Closed => ExitCode::SUCCESS,
        Started::Relaunched(code) => ExitCode::from(code),
        Started::Error(error) => {
            eprintln!("错误：{error}");
            ExitCode::from(2)
        }
        Started::Failed(failure) => {
            // A windowed exe has no console: the clerk would see nothing at all.
            #[cfg(windows)]
            windows_console::message_box(&failure.title, &failure.text);
            gongkai::ui::renderer::show_failure_without_windows_api(&failure);
            ExitCode::from(2)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("这个版本不含设计器窗口（编译时未启用 gui 功能）。请使用子命令，见 gongkai --help。");
    ExitCode::from(2)
}
