//! The left side: the outline (boards → panels → items) and the catalog checklist (which
//! 目录 entries the board shows, which are missing).

use super::{GongkaiApp, Selection};
use eframe::egui;
use std::collections::BTreeSet;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeftTab {
    #[default]
    Outline,
    Catalog,
    Schedule,
}

impl GongkaiApp {
    pub(crate) fn outline_ui(&mut self, ui: &mut egui::Ui) {
        let tab_id = ui.make_persistent_id("left-tab");
        let mut tab: LeftTab = ui.data(|data| data.get_temp(tab_id)).unwrap_or_default();
        // Wrapped: a narrow side (small screens) shows all three tabs.
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut tab, LeftTab::Outline, "结构");
            ui.selectable_value(&mut tab, LeftTab::Catalog, "公开目录");
            ui.selectable_value(&mut tab, LeftTab::Schedule, "公开时效");
        });
        ui.data_mut(|data| data.insert_temp(tab_id, tab));
        ui.separator();
        egui::ScrollArea::vertical().show(ui, |ui| match tab {
            LeftTab::Outline => self.structure_ui(ui),
            LeftTab::Catalog => self.catalog_checklist_ui(ui),
            LeftTab::Schedule => self.dashboard_ui(ui),
        });
    }

    fn structure_ui(&mut self, ui: &mut egui::Ui) {
        self.board_actions_ui(ui);
        let schedule = self.schedule();
        let mut clicked = None;
        let mut dropped = None;
        for board in &self.doc.project().boards {
            let board_selected = self.selection.board_id.as_deref() == Some(board.id.as_str())
                && self.selection.panel_ids.is_empty();
            let title = format!(
                "{}（{}×{} 毫米）",
                board.name, board.size_mm.width_mm, board.size_mm.height_mm
            );
            if ui.selectable_label(board_selected, title).clicked() {
                clicked = Some(Selection::board(&board.id));
            }
            for panel in &board.panels {
                let open = self.selection.has_panel(&panel.id);
                let selected_panel = open && self.selection.item_id.is_none();
                let heading = if selected_panel {
                    egui::RichText::new(&panel.title)
                        .color(ui.visuals().selection.stroke.color)
                        .background_color(ui.visuals().selection.bg_fill)
                } else {
                    egui::RichText::new(&panel.title)
                };
                let header = egui::CollapsingHeader::new(heading)
                    .id_salt(("panel", &board.id, &panel.id))
                    .open(if open { Some(true) } else { None })
                    .show(ui, |ui| {
                        for item_id in &panel.item_ids {
                            let title = self
                                .doc
                                .project()
                                .item(item_id)
                                .map(|item| item.title.as_str())
                                .unwrap_or("（缺失的事项）");
                            let status = schedule
                                .iter()
                                .find(|entry| entry.item_id == *item_id)
                                .map(|entry| entry.status)
                                .filter(|status| *status != crate::schedule::Status::Normal);
                            let selected = self.selection.item_id.as_deref() == Some(item_id);
                            let label = match status {
                                // Selected: the selection's own text colour stays readable.
                                Some(status) if selected => {
                                    egui::RichText::new(format!("{title}【{}】", status.label_zh()))
                                }
                                Some(status) => {
                                    egui::RichText::new(format!("{title}【{}】", status.label_zh()))
                                        .color(super::dashboard::status_color(status))
                                }
                                None => egui::RichText::new(title),
                            };
                            if ui.selectable_label(selected, label).clicked() {
                                clicked = Some(Selection::item(&board.id, &panel.id, item_id));
                            }
                        }
                        if panel.item_ids.is_empty() {
                            ui.weak("（没有事项）");
                        }
                    });
                if header.header_response.clicked() {
                    clicked = Some(Selection::panel(&board.id, &panel.id));
                }
                // An item dragged from 未上栏 onto the panel's name goes at its end.
                if let Some(item) = header
                    .header_response
                    .dnd_release_payload::<super::DraggedItem>()
                {
                    dropped = Some((item.0.clone(), board.id.clone(), panel.id.clone()));
                }
            }
        }
        if let Some(selection) = clicked {
            self.selection = selection;
        }
        if let Some((item_id, board_id, panel_id)) = dropped {
            self.later(move |app| app.place_item(&item_id, &board_id, &panel_id));
        }
        self.unplaced_ui(ui);
        ui.separator();
        self.cards_outline_ui(ui);
    }

    /// Every catalog entry with whether the current board shows an item for it.
    fn catalog_checklist_ui(&mut self, ui: &mut egui::Ui) {
        let Some(board_id) = self.current_board_id() else {
            return;
        };
        let Some(board) = self.doc.project().board(&board_id) else {
            return;
        };
        let shown: BTreeSet<&str> = board
            .panels
            .iter()
            .flat_map(|panel| &panel.item_ids)
            .filter_map(|item_id| self.doc.project().item(item_id))
            .filter_map(|item| item.entry_id.as_deref())
            .collect();
        // 对内 entries are disclosed inside the office, never on the board: not "missing".
        let is_internal = |entry: &crate::model::CatalogEntry| {
            entry.fields.scope == crate::model::Scope::Internal
        };
        let total = self
            .doc
            .project()
            .catalog
            .entries()
            .filter(|entry| !is_internal(entry))
            .count();
        let covered = self
            .doc
            .project()
            .catalog
            .entries()
            .filter(|entry| !is_internal(entry) && shown.contains(entry.id.as_str()))
            .count();
        ui.label(format!("这块公开栏已有 {covered} / {total} 个对外公开事项"));
        let mut clicked = None;
        for category in &self.doc.project().catalog.categories {
            ui.strong(&category.name);
            for entry in &category.entries {
                let on_board = shown.contains(entry.id.as_str());
                let label = if is_internal(entry) {
                    egui::RichText::new(format!("· {}（对内公开，不上公开栏）", entry.name)).weak()
                } else if on_board {
                    egui::RichText::new(format!("√ {}", entry.name))
                } else {
                    egui::RichText::new(format!("× 缺 {}", entry.name))
                        .color(ui.visuals().warn_fg_color)
                };
                let response = ui.selectable_label(false, label).on_hover_text(format!(
                    "{}｜{}｜{}",
                    entry.fields.content,
                    entry.fields.cadence.label_zh(),
                    entry.fields.lead_department
                ));
                if response.clicked() && on_board {
                    clicked = self.first_item_of_entry(&board_id, &entry.id);
                }
            }
        }
        if let Some(selection) = clicked {
            self.selection = selection;
        }
    }

    fn first_item_of_entry(&self, board_id: &str, entry_id: &str) -> Option<Selection> {
        let board = self.doc.project().board(board_id)?;
        board.panels.iter().find_map(|panel| {
            panel.item_ids.iter().find_map(|item_id| {
                let item = self.doc.project().item(item_id)?;
                (item.entry_id.as_deref() == Some(entry_id))
                    .then(|| Selection::item(board_id, &panel.id, item_id))
            })
        })
    }
}
