//! `gongkai layout FILE [--board NAME] [--json]`: every line of a board with its position in
//! mm, overflows and missing glyphs. Exit 0 fine, 1 overflow or missing glyphs, 2 unreadable.

use crate::layout::LayoutEngine;
use crate::layout::dump::{LayoutDump, dump};
use crate::model;
use std::path::Path;
use std::process::ExitCode;

/// Runs `gongkai layout`.
pub fn run_layout(file: &Path, board: Option<&str>, json: bool) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let Some(board_id) = board
        .map(str::to_owned)
        .or_else(|| project.boards.first().map(|board| board.id.clone()))
    else {
        eprintln!("错误：{} 中没有公开栏。", file.display());
        return ExitCode::from(2);
    };
    let mut engine = LayoutEngine::for_project(&project);
    engine.set_base_dir(file.parent().map(Path::to_path_buf));
    let layout = match engine.layout_board(&project, &board_id) {
        Ok(layout) => layout,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let report = dump(&layout, engine.fonts());
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => outln!("{text}"),
            Err(error) => {
                eprintln!("错误：{error}");
                return ExitCode::from(2);
            }
        }
    } else {
        print_summary(&report);
    }
    if report.overflows.is_empty() && report.missing_glyphs.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn print_summary(report: &LayoutDump) {
    outln!(
        "公开栏 {}：{}×{} 毫米，{} 个栏目，{} 行文字。",
        report.board,
        report.width_mm,
        report.height_mm,
        report.panels.len(),
        report.lines.len()
    );
    for panel in &report.panels {
        outln!("  栏目 {}：正文 {:.1} 磅", panel.panel_id, panel.body_pt);
    }
    for overflow in &report.overflows {
        outln!("溢出：{}", overflow.message);
    }
    for missing in &report.missing_glyphs {
        outln!("缺字：{}", missing.message);
    }
}
