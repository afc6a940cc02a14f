//! The board inspector's 分块 section: a board made of several physical parts (the doors of a
//! glass-door cabinet, KT boards side by side), from a preset or typed: columns, rows, the
//! frame bar between parts, and column widths when they are not equal.

use super::super::GongkaiApp;
use super::form::number_row_ui;
use crate::catalog::PARTS_PRESETS;
use crate::model::{Board, BoardParts, Edit, MAX_BAR_MM, MAX_PART_COLUMNS, MAX_PART_ROWS};
use eframe::egui;

const ONE_PIECE: &str = "不分块（一整块）";

impl GongkaiApp {
    pub(super) fn board_parts_ui(&mut self, ui: &mut egui::Ui, board: &Board) {
        ui.strong("分块（橱窗门、展板）");
        let set = |parts: Option<BoardParts>| Edit::SetBoardParts {
            board_id: board.id.clone(),
            parts,
        };
        let current = if board.divided_parts().is_none() {
            ONE_PIECE
        } else {
            PARTS_PRESETS
                .iter()
                .find(|preset| preset.matches(board))
                .map_or("自定义", |preset| preset.name)
        };
        let mut chosen = None;
        ui.horizontal(|ui| {
            egui::ComboBox::new("board-parts", "分块预设")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(current == ONE_PIECE, ONE_PIECE)
                        .clicked()
                    {
                        chosen = Some(set(None));
                    }
                    for preset in PARTS_PRESETS {
                        if ui
                            .selectable_label(preset.matches(board), preset.name)
                            .clicked()
                        {
                            chosen = Some(preset.edit(board));
                        }
                    }
                });
        });
        if let Some(edit) = chosen {
            self.queue_edit(edit);
            return;
        }
        let Some(parts) = board.divided_parts().cloned() else {
            ui.label("整块印刷。有边框隔开的橱窗或并排的展板请选分块预设。");
            return;
        };
        let mut changed = parts.clone();
        if let Some(columns) = number_row_ui(
            ui,
            "列数",
            parts.columns as f32,
            1.0..=MAX_PART_COLUMNS as f32,
            " 列",
        ) {
            changed.columns = columns.round() as u32;
            changed.column_widths_mm.clear();
        }
        if let Some(rows) = number_row_ui(
            ui,
            "行数",
            parts.rows as f32,
            1.0..=MAX_PART_ROWS as f32,
            " 行",
        ) {
            changed.rows = rows.round() as u32;
        }
        if let Some(bar_mm) = number_row_ui(ui, "边框宽度", parts.bar_mm, 0.0..=MAX_BAR_MM, " 毫米")
        {
            changed.bar_mm = bar_mm;
            changed.column_widths_mm.clear();
        }
        let widths = parts.column_widths(board.size_mm.width_mm);
        let mut equal = parts.column_widths_mm.is_empty();
        if parts.columns > 1 && ui.checkbox(&mut equal, "各列等宽").changed() {
            changed.column_widths_mm = if equal { Vec::new() } else { widths.clone() };
        }
        if !equal && parts.columns > 1 {
            let room_mm = widths.iter().sum::<f32>();
            let mut typed = widths.clone();
            let last = typed.len() - 1;
            for column in 0..last {
                if let Some(width_mm) = number_row_ui(
                    ui,
                    &format!("第 {} 列宽", column + 1),
                    widths[column],
                    50.0..=room_mm,
                    " 毫米",
                ) {
                    typed[column] = width_mm;
                    let others: f32 = typed[..last].iter().sum();
                    typed[last] = room_mm - others;
                    if typed[last] >= 50.0 {
                        changed.column_widths_mm = typed.clone();
                    }
                }
            }
            ui.label(format!(
                "第 {} 列宽 {:.0} 毫米（余下的宽度）",
                last + 1,
                widths[last]
            ));
        }
        if changed != parts {
            self.queue_gesture_edit(set(Some(changed)));
        }
        let all = parts.parts(board.size_mm);
        let sizes: Vec<String> = all
            .iter()
            .map(|part| format!("{:.0}×{:.0}", part.rect_mm.width_mm, part.rect_mm.height_mm))
            .collect();
        let mut distinct = sizes.clone();
        distinct.dedup();
        ui.label(format!(
            "共 {} 块，{} 毫米；边框处不印字，栏目拖动时吸附到块的边缘。导出时选“分块原大”每块一页。",
            all.len(),
            if distinct.len() == 1 {
                format!("每块 {}", distinct[0])
            } else {
                sizes.join("、")
            }
        ));
    }
}
