//! Several boards per project (add from a preset or a template, duplicate, delete with a
//! question and undo, move up and down), and items that outlive their panel: deleting a panel
//! asks whether its items go too or stay as 未上栏, shown in the outline until placed again.

use super::{GongkaiApp, Selection};
use crate::catalog::{
    BOARD_PRESETS, TemplateKind, blank_board, board_from_template, duplicate_board,
};
use crate::model::{Edit, Item};
use eframe::egui;

/// Dragged from the 未上栏 list onto a panel in the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraggedItem(pub String);

/// A deletion waiting for the clerk's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingDelete {
    Board(String),
    /// Panels of a board whose items no other panel shows.
    Panels {
        board_id: String,
        panel_ids: Vec<String>,
    },
}

impl GongkaiApp {
    /// The items no panel of any board shows, in project order.
    pub fn unplaced_items(&self) -> Vec<&Item> {
        self.doc
            .project()
            .items
            .iter()
            .filter(|item| {
                !self
                    .doc
                    .project()
                    .boards
                    .iter()
                    .flat_map(|board| &board.panels)
                    .any(|panel| panel.item_ids.contains(&item.id))
            })
            .collect()
    }

    /// The 添加公开栏 menu and, for the selected board, 上移 / 下移 / 复制 / 删除.
    pub(crate) fn board_actions_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong("公开栏");
            ui.menu_button("添加公开栏", |ui| {
                for preset in BOARD_PRESETS {
                    if ui.button(format!("空白 {}", preset.name)).clicked() {
                        let board = blank_board(self.doc.project(), preset.size_mm);
                        self.later(move |app| app.add_board(board, Vec::new()));
                        ui.close();
                    }
                }
                ui.separator();
                for kind in [
                    TemplateKind::Village,
                    TemplateKind::Community,
                    TemplateKind::ServiceGuide,
                    TemplateKind::Town,
                ] {
                    if ui.button(format!("模板：{}", kind.name_zh())).clicked() {
                        let (board, items) =
                            board_from_template(kind, self.doc.project(), self.today);
                        self.later(move |app| app.add_board(board, items));
                        ui.close();
                    }
                }
            });
        });
        let Some(board_id) = self.selection.board_id.clone() else {
            return;
        };
        let Some(index) = self
            .doc
            .project()
            .boards
            .iter()
            .position(|b| b.id == board_id)
        else {
            return;
        };
        let count = self.doc.project().boards.len();
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(index > 0, egui::Button::new("上移"))
                .clicked()
            {
                self.queue_edit(Edit::MoveBoard {
                    board_id: board_id.clone(),
                    index: index - 1,
                });
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("下移"))
                .clicked()
            {
                self.queue_edit(Edit::MoveBoard {
                    board_id: board_id.clone(),
                    index: index + 1,
                });
            }
            if ui.button("复制公开栏").clicked()
                && let Some(copy) = duplicate_board(self.doc.project(), &board_id)
            {
                self.later(move |app| app.add_board(copy, Vec::new()));
            }
            if ui.button("删除公开栏…").clicked() {
                self.pending_delete = Some(PendingDelete::Board(board_id.clone()));
            }
        });
    }

    /// Adds a board (and the items its panels show) as one undo step and selects it.
    pub fn add_board(&mut self, board: crate::model::Board, items: Vec<Item>) {
        let board_id = board.id.clone();
        let name = board.name.clone();
        let mut edits: Vec<Edit> = items
            .into_iter()
            .map(|item| Edit::AddItem { item, panel: None })
            .collect();
        edits.push(Edit::AddBoard(board));
        if self.apply_edit(Edit::Batch(edits)) {
            self.selection = Selection::board(&board_id);
            self.canvas.request_fit();
            self.say(format!("已添加公开栏“{name}”（可撤销）。"));
        }
    }

    /// The 未上栏 list: items no panel shows; click to select, drag onto a panel in the
    /// outline (or use 放到栏目 in the inspector) to place one again.
    pub(crate) fn unplaced_ui(&mut self, ui: &mut egui::Ui) {
        let unplaced: Vec<(String, String)> = self
            .unplaced_items()
            .iter()
            .map(|item| (item.id.clone(), item.title.clone()))
            .collect();
        if unplaced.is_empty() {
            return;
        }
        ui.separator();
        ui.strong(format!("未上栏（{} 项）", unplaced.len()))
            .on_hover_text("这些内容不在任何栏目中，不会印在公开栏上。拖到上面的栏目名称上即可放回，或在右侧“放到栏目”中选择。");
        for (item_id, title) in unplaced {
            let selected = self.selection.item_id.as_deref() == Some(item_id.as_str());
            let response = ui
                .selectable_label(selected, format!("{title}【未上栏】"))
                .interact(egui::Sense::click_and_drag());
            // Dragged onto a panel's name in the outline, the item goes there.
            response.dnd_set_drag_payload(DraggedItem(item_id.clone()));
            if response.clicked() {
                self.selection = Selection {
                    item_id: Some(item_id.clone()),
                    ..Selection::board(&self.current_board_id().unwrap_or_default())
                };
            }
        }
    }

    /// Shows an item at the end of a panel (an item from 未上栏 placed again).
    pub fn place_item(&mut self, item_id: &str, board_id: &str, panel_id: &str) {
        let Some(panel) = self
            .doc
            .project()
            .board(board_id)
            .and_then(|board| board.panel(panel_id))
        else {
            return;
        };
        if panel.item_ids.iter().any(|id| id == item_id) {
            return;
        }
        let mut item_ids = panel.item_ids.clone();
        item_ids.push(item_id.to_owned());
        let title = panel.title.clone();
        if self.apply_edit(Edit::SetPanelItems {
            board_id: board_id.to_owned(),
            panel_id: panel_id.to_owned(),
            item_ids,
        }) {
            self.selection = Selection::item(board_id, panel_id, item_id);
            self.say(format!("已放到栏目“{title}”。"));
        }
    }

    /// 删除栏目: panels whose items show nowhere else ask first.
    pub(crate) fn request_delete_panels(&mut self) {
        let Some(board_id) = self.selection.board_id.clone() else {
            return;
        };
        let panel_ids = self.selection.panel_ids.clone();
        if panel_ids.is_empty() {
            return;
        }
        if self.items_only_on(&board_id, &panel_ids).is_empty() {
            self.later(move |app| app.delete_panels(&board_id, &panel_ids, false));
        } else {
            self.pending_delete = Some(PendingDelete::Panels {
                board_id,
                panel_ids,
            });
        }
    }

    /// The items of these panels that no other panel (of any board) shows.
    fn items_only_on(&self, board_id: &str, panel_ids: &[String]) -> Vec<String> {
        let Some(board) = self.doc.project().board(board_id) else {
            return Vec::new();
        };
        let mut items: Vec<String> = Vec::new();
        for panel in board.panels.iter().filter(|p| panel_ids.contains(&p.id)) {
            for item_id in &panel.item_ids {
                let elsewhere = self.doc.project().boards.iter().any(|other| {
                    other.panels.iter().any(|p| {
                        !(other.id == board_id && panel_ids.contains(&p.id))
                            && p.item_ids.contains(item_id)
                    })
                });
                if !elsewhere && !items.contains(item_id) {
                    items.push(item_id.clone());
                }
            }
        }
        items
    }

    /// Deletes panels as one undo step; with `with_items`, also the items no other panel shows.
    pub fn delete_panels(&mut self, board_id: &str, panel_ids: &[String], with_items: bool) {
        let orphans = if with_items {
            self.items_only_on(board_id, panel_ids)
        } else {
            Vec::new()
        };
        let kept = self.items_only_on(board_id, panel_ids).len() - orphans.len();
        let mut edits: Vec<Edit> = panel_ids
            .iter()
            .map(|panel_id| Edit::RemovePanel {
                board_id: board_id.to_owned(),
                panel_id: panel_id.clone(),
            })
            .collect();
        edits.extend(orphans.iter().map(|item_id| Edit::RemoveItem {
            item_id: item_id.clone(),
        }));
        if self.apply_edit(Edit::Batch(edits)) {
            self.selection = Selection::board(board_id);
            if kept > 0 {
                self.say(format!(
                    "已删除栏目，其中 {kept} 项内容保留在“未上栏”中（可撤销）。"
                ));
            } else if with_items {
                self.say(format!(
                    "已删除栏目和其中 {} 项内容（可撤销）。",
                    orphans.len()
                ));
            } else {
                self.say("已删除栏目（可撤销）。");
            }
        }
    }

    /// The questions before deleting a board or panels with items.
    pub(crate) fn pending_delete_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending_delete.clone() else {
            return;
        };
        let mut done = false;
        match pending {
            PendingDelete::Board(board_id) => {
                let Some(board) = self.doc.project().board(&board_id) else {
                    self.pending_delete = None;
                    return;
                };
                let text = format!(
                    "删除公开栏“{}”和它的 {} 个栏目吗？栏目中的内容会保留在“未上栏”中。可以撤销。",
                    board.name,
                    board.panels.len()
                );
                egui::Window::new("删除公开栏？")
                    .collapsible(false)
                    .resizable(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
                        ui.label(text);
                        ui.horizontal(|ui| {
                            if ui.button("删除公开栏").clicked() {
                                let name = self
                                    .doc
                                    .project()
                                    .board(&board_id)
                                    .map(|board| board.name.clone())
                                    .unwrap_or_default();
                                let board_id = board_id.clone();
                                self.later(move |app| {
                                    if app.apply_edit(Edit::RemoveBoard { board_id }) {
                                        app.select_first_board();
                                        app.say(format!("已删除公开栏“{name}”（可撤销）。"));
                                    }
                                });
                                done = true;
                            }
                            if ui.button("取消").clicked() {
                                done = true;
                            }
                        });
                    });
            }
            PendingDelete::Panels {
                board_id,
                panel_ids,
            } => {
                let items = self.items_only_on(&board_id, &panel_ids);
                let titles: Vec<String> = items
                    .iter()
                    .filter_map(|id| self.doc.project().item(id))
                    .map(|item| format!("“{}”", item.title))
                    .collect();
                egui::Window::new("删除栏目？")
                    .collapsible(false)
                    .resizable(false)
                    .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
                    .show(ctx, |ui| {
                        ui.label(format!(
                            "要删除的栏目中有 {} 项内容（{}）。这些内容要一起删除，还是保留为“未上栏”（以后可放到其他栏目）？",
                            items.len(),
                            titles.join("、")
                        ));
                        ui.horizontal(|ui| {
                            for (label, with_items) in
                                [("保留内容为未上栏", false), ("连同内容一起删除", true)]
                            {
                                if ui.button(label).clicked() {
                                    let (board_id, panel_ids) =
                                        (board_id.clone(), panel_ids.clone());
                                    self.later(move |app| {
                                        app.delete_panels(&board_id, &panel_ids, with_items)
                                    });
                                    done = true;
                                }
                            }
                            if ui.button("取消").clicked() {
                                done = true;
                            }
                        });
                    });
            }
        }
        if done {
            self.pending_delete = None;
        }
    }
}
