//! A laid-out board as plain data for inspection, snapshots and `gongkai layout --json`: every
//! line with its text, position and box in mm (rounded to 0.01 mm), overflows and missing
//! glyphs.

use super::{BoardLayout, MissingGlyph, Overflow, PanelLayout};
use crate::fonts::FontSet;
use serde::Serialize;

/// A length rounded to 0.01 mm (what the dump and snapshots show).
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
pub struct DumpLine {
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
pub struct LayoutDump {
    pub board: String,
    pub width_mm: f64,
    pub height_mm: f64,
    pub panels: Vec<PanelLayout>,
    pub lines: Vec<DumpLine>,
    pub overflows: Vec<Overflow>,
    pub missing_glyphs: Vec<MissingGlyph>,
    /// Table columns too narrow for their longest token (printed cut).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub table_misfits: Vec<super::BoardTableMisfit>,
    /// 办事流程图s: their boxes and arrows in board mm.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flowcharts: Vec<super::BoardDiagram>,
}

/// The dump of a laid-out board.
pub fn dump(layout: &BoardLayout, fonts: &FontSet) -> LayoutDump {
    let lines = layout
        .lines
        .iter()
        .map(|line| {
            let face = fonts.face(line.face);
            DumpLine {
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
    LayoutDump {
        board: layout.board_id.clone(),
        width_mm: round_mm(layout.page.size_mm.width_mm),
        height_mm: round_mm(layout.page.size_mm.height_mm),
        panels: layout.panels.clone(),
        lines,
        overflows: layout.overflows.clone(),
        missing_glyphs: layout.missing_glyphs.clone(),
        table_misfits: layout.table_misfits.clone(),
        flowcharts: layout.diagrams.clone(),
    }
}
