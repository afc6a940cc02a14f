//! The inspector: the properties of the selected board, panel or item. Every change is an
//! `Edit`; typing and dragging a value are gestures (one undo step each).
//!
//! This module picks the inspector for the selection; the form widgets, the inspector of each
//! kind of selection, the block editors and the paste import live in the submodules.

mod blocks;
mod board;
mod card;
pub(crate) mod form;
mod item;
mod panel;
mod parts;
pub(crate) mod paste;

use super::GongkaiApp;
use eframe::egui;

impl GongkaiApp {
    pub(crate) fn inspector_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("属性");
        ui.separator();
        // A solid scroll bar beside the fields, not floating over their right ends.
        ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
        // Both ways: content wider than the panel (a long flowchart step row) scrolls inside it
        // instead of widening the panel past its edge, where the canvas would take its clicks.
        egui::ScrollArea::both().show(ui, |ui| {
            let Some(board_id) = self.current_board_id() else {
                ui.label("项目中还没有公开栏。");
                return;
            };
            if let Some(item_id) = self.selection.item_id.clone()
                && let Some(item) = self.doc.project().item(&item_id).cloned()
            {
                self.item_inspector_ui(ui, &item);
            } else if let Some(panel_id) = self.selection.primary_panel().map(str::to_owned)
                && let Some(panel) = self
                    .doc
                    .project()
                    .board(&board_id)
                    .and_then(|b| b.panel(&panel_id))
                    .cloned()
            {
                if self.selection.panel_ids.len() > 1 {
                    ui.label(format!(
                        "已选 {} 个栏目（按住 Shift 点选）。可在“排列”菜单中对齐或等距分布。",
                        self.selection.panel_ids.len()
                    ));
                    ui.separator();
                }
                self.panel_inspector_ui(ui, &board_id, &panel);
            } else if let Some(snapshot) = self
                .doc
                .project()
                .card_of_face(&board_id)
                .map(|_| self.doc.snapshot())
                && let Some((card, _)) = snapshot.project.card_of_face(&board_id)
            {
                // Read from the shared snapshot: a 名单 of 10,000 households is not copied
                // every frame.
                self.card_inspector_ui(ui, card);
            } else if let Some(board) = self.doc.project().board(&board_id).cloned() {
                self.board_inspector_ui(ui, &board);
            }
        });
    }
}
