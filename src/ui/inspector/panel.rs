//! The inspector of a panel: title, rectangle, columns, fit, own type, and its items.

use super::super::GongkaiApp;
use super::form::{number_row_ui, text_row_ui, text_style_ui};
use crate::model::{Block, Disclosure, Edit, FitMode, Item, Panel};
use eframe::egui;

impl GongkaiApp {
    pub(super) fn panel_inspector_ui(&mut self, ui: &mut egui::Ui, board_id: &str, panel: &Panel) {
        let ids = (board_id.to_owned(), panel.id.clone());
        ui.strong("栏目");
        if let Some(title) = text_row_ui(ui, "栏目名称", &panel.title) {
            self.queue_gesture_edit(Edit::RenamePanel {
                board_id: ids.0.clone(),
                panel_id: ids.1.clone(),
                title,
            });
        }
        let mut rect_mm = panel.rect_mm;
        let mut moved = false;
        // The panel stays on its board: one set of limits, the board's.
        let board_mm = self
            .doc
            .project()
            .board(board_id)
            .map(|board| board.size_mm)
            .unwrap_or(crate::model::SizeMm::new(100_000.0, 100_000.0));
        let min_side_mm = 10.0_f32.min(board_mm.width_mm).min(board_mm.height_mm);
        let ranges = [
            0.0..=(board_mm.width_mm - rect_mm.width_mm).max(0.0),
            0.0..=(board_mm.height_mm - rect_mm.height_mm).max(0.0),
            min_side_mm..=(board_mm.width_mm - rect_mm.x_mm).max(min_side_mm),
            min_side_mm..=(board_mm.height_mm - rect_mm.y_mm).max(min_side_mm),
        ];
        for ((label, value), range) in [
            ("左", &mut rect_mm.x_mm),
            ("上", &mut rect_mm.y_mm),
            ("宽", &mut rect_mm.width_mm),
            ("高", &mut rect_mm.height_mm),
        ]
        .into_iter()
        .zip(ranges)
        {
            if let Some(new_value) = number_row_ui(ui, label, *value, range, " 毫米") {
                *value = new_value;
                moved = true;
            }
        }
        if moved {
            self.queue_gesture_edit(Edit::SetPanelRect {
                board_id: ids.0.clone(),
                panel_id: ids.1.clone(),
                rect_mm,
            });
        }
        ui.horizontal(|ui| {
            ui.label("分栏");
            for columns in 1..=3 {
                if ui
                    .selectable_label(panel.columns == columns, format!("{columns} 栏"))
                    .clicked()
                {
                    self.queue_edit(Edit::SetPanelColumns {
                        board_id: ids.0.clone(),
                        panel_id: ids.1.clone(),
                        columns,
                    });
                }
            }
        });
        ui.horizontal(|ui| {
            ui.label("排版");
            for (fit, label) in [
                (FitMode::ShrinkToFit, "自动缩小以放下"),
                (FitMode::Fixed, "固定字号"),
            ] {
                if ui.selectable_label(panel.fit == fit, label).clicked() {
                    self.queue_edit(Edit::SetPanelFit {
                        board_id: ids.0.clone(),
                        panel_id: ids.1.clone(),
                        fit,
                    });
                }
            }
        });
        ui.separator();
        let board_style = self
            .doc
            .project()
            .board(board_id)
            .map(|board| board.style.clone())
            .unwrap_or_default();
        let mut own_style = panel.style.is_some();
        if ui
            .checkbox(&mut own_style, "本栏使用自己的字体与字号")
            .changed()
        {
            self.queue_edit(Edit::SetPanelStyle {
                board_id: ids.0.clone(),
                panel_id: ids.1.clone(),
                style: own_style.then(|| board_style.clone()),
            });
        } else if let Some(style) = &panel.style {
            let mut style = style.clone();
            if text_style_ui(ui, &mut style, false) {
                self.queue_gesture_edit(Edit::SetPanelStyle {
                    board_id: ids.0.clone(),
                    panel_id: ids.1.clone(),
                    style: Some(style),
                });
            }
        } else {
            ui.weak(format!(
                "与公开栏相同：正文 {} 磅，事项标题 {} 磅。",
                board_style.body_pt, board_style.item_title_pt
            ));
        }
        ui.separator();
        if self.doc.project().card_of_face(board_id).is_some() {
            self.card_panel_content_ui(ui, board_id, panel);
            return;
        }
        ui.strong("本栏事项");
        let mut item_ids = panel.item_ids.clone();
        let mut order_changed = false;
        let count = item_ids.len();
        for index in 0..count {
            let title = self
                .doc
                .project()
                .item(&item_ids[index])
                .map(|item| item.title.clone())
                .unwrap_or_default();
            ui.horizontal(|ui| {
                if ui.small_button("↑").on_hover_text("上移").clicked() && index > 0 {
                    item_ids.swap(index, index - 1);
                    order_changed = true;
                }
                if ui.small_button("↓").on_hover_text("下移").clicked() && index + 1 < count {
                    item_ids.swap(index, index + 1);
                    order_changed = true;
                }
                if ui.small_button("移出").clicked() {
                    item_ids[index].clear();
                    order_changed = true;
                }
                ui.label(title);
            });
        }
        item_ids.retain(|id| !id.is_empty());
        if order_changed {
            self.queue_edit(Edit::SetPanelItems {
                board_id: ids.0.clone(),
                panel_id: ids.1.clone(),
                item_ids: item_ids.clone(),
            });
        }
        if ui.button("新建事项").clicked() {
            let item_id = self.doc.project().fresh_id("item");
            let item = Item {
                id: item_id.clone(),
                title: "新事项".to_owned(),
                blocks: vec![Block::paragraph("")],
                disclosure: Disclosure {
                    changed_on: Some(self.today),
                    ..Disclosure::default()
                },
                ..Item::default()
            };
            self.queue_edit(Edit::AddItem {
                item,
                panel: Some(ids.clone()),
            });
            self.selection.item_id = Some(item_id);
        }
    }
}
