//! `gongkai layout FILE [--board NAME] [--json]`: the layout of a board for inspection and
//! tests. Exit 0 clean, 1 overflows or missing glyphs, 2 unreadable file or unknown board.

use super::{BoardLayout, LayoutEngine, MissingGlyph, Overflow, PanelLayout};
use crate::fonts::FontSet;
use crate::model;
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// A length rounded to 0.01 mm (what the report and snapshots show).
pub fn round_mm(length_mm: f32) -> f64 {
    (f64::from(length_mm) * 100.0).round() / 100.0
}

#[derive(Serialize)]
pub struct LineBox {
    pub panel: Option<String>,
    pub item: Option<String>,
    pub left_mm: f64,
    pub right_mm: f64,
}

#[derive(Serialize)]
pub struct ReportLine {
    pub text: String,
    pub x_mm: f64,
    pub y_mm: f64,
    pub width_mm: f64,
    #[serde(rename = "box")]
    pub line_box: LineBox,
    pub font: String,
    pub size_pt: f64,
    pub kind: super::LineKind,
    /// A token wider than the box was cut to make this line.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub forced: bool,
}

#[derive(Serialize)]
pub struct LayoutReport {
    pub board: String,
    pub width_mm: f64,
    pub height_mm: f64,
    pub panels: Vec<PanelLayout>,
    pub lines: Vec<ReportLine>,
    pub overflows: Vec<Overflow>,
    pub missing_glyphs: Vec<MissingGlyph>,
}

/// The report of a laid-out board.
pub fn report(layout: &BoardLayout, fonts: &FontSet) -> LayoutReport {
    let lines = layout
        .lines
        .iter()
        .map(|line| {
            let face = fonts.face(line.face);
            ReportLine {
                text: line.text.clone(),
                x_mm: round_mm(line.x_mm),
                y_mm: round_mm(line.y_mm),
                width_mm: round_mm(line.width_mm),
                line_box: LineBox {
                    panel: line.panel_id.clone(),
                    item: line.item_id.clone(),
                    left_mm: round_mm(line.box_left_mm),
                    right_mm: round_mm(line.box_right_mm),
                },
                font: format!("{}{}", face.family, if face.bold { " Bold" } else { "" }),
                size_pt: (f64::from(line.size_pt) * 100.0).round() / 100.0,
                kind: line.kind,
                forced: line.forced,
            }
        })
        .collect();
    LayoutReport {
        board: layout.board_id.clone(),
        width_mm: round_mm(layout.page.size_mm.width_mm),
        height_mm: round_mm(layout.page.size_mm.height_mm),
        panels: layout.panels.clone(),
        lines,
        overflows: layout.overflows.clone(),
        missing_glyphs: layout.missing_glyphs.clone(),
    }
}

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
    let mut engine = LayoutEngine::new(FontSet::bundled());
    engine.set_base_dir(file.parent().map(Path::to_path_buf));
    let layout = match engine.layout_board(&project, &board_id) {
        Ok(layout) => layout,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let report = report(&layout, engine.fonts());
    if json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
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

fn print_summary(report: &LayoutReport) {
    println!(
        "公开栏 {}：{}×{} 毫米，{} 个栏目，{} 行文字。",
        report.board,
        report.width_mm,
        report.height_mm,
        report.panels.len(),
        report.lines.len()
    );
    for panel in &report.panels {
        println!("  栏目 {}：正文 {:.1} 磅", panel.panel_id, panel.body_pt);
    }
    for overflow in &report.overflows {
        println!("溢出：{}", overflow.message);
    }
    for missing in &report.missing_glyphs {
        println!("缺字：{}", missing.message);
    }
}
