//! The inspector of a 明白卡 (its face shown, no panel selected): name, size, colour, fields,
//! and which records print in which order; and, for a panel on a card face, its blocks and
//! the fields to insert.

use super::super::GongkaiApp;
use super::super::files::BlockOwner;
use super::form::{color_row_ui, number_row_ui, text_row_ui};
use crate::catalog::CARD_PRESETS;
use crate::model::{Block, CardDesign, Edit, KeyValue, Panel, UNIT_FIELDS};
use eframe::egui;

impl GongkaiApp {
    pub(super) fn card_inspector_ui(&mut self, ui: &mut egui::Ui, card: &CardDesign) {
        let card_id = card.id.clone();
        ui.strong("明白卡");
        if let Some(name) = text_row_ui(ui, "名称", &card.name) {
            self.change_card(&card_id, true, |card| card.name = name);
        }
        ui.label("尺寸");
        let mut new_size = None;
        ui.horizontal_wrapped(|ui| {
            for preset in CARD_PRESETS {
                if ui
                    .selectable_label(card.size_mm == preset.size_mm, preset.name)
                    .clicked()
                {
                    new_size = Some(preset.size_mm);
                }
            }
        });
        let mut size = card.size_mm;
        if let Some(width_mm) = number_row_ui(ui, "宽", size.width_mm, 30.0..=420.0, " 毫米") {
            size.width_mm = width_mm;
            new_size = Some(size);
        }
        if let Some(height_mm) = number_row_ui(ui, "高", size.height_mm, 30.0..=420.0, " 毫米") {
            size.height_mm = height_mm;
            new_size = Some(size);
        }
        if let Some(size_mm) = new_size {
            // Dragging 宽 or 高 resizes on every frame: each frame lays the faces out again
            // from the card as the drag found it, so that rounding never adds up.
            let start = self
                .doc
                .history()
                .gesture_start()
                .and_then(|start| start.project.card(&card_id))
                .cloned();
            self.change_card(&card_id, true, |card| match start {
                Some(start) => {
                    let mut resized = start;
                    resized.set_size(size_mm);
                    card.size_mm = resized.size_mm;
                    card.style = resized.style;
                    card.faces = resized.faces;
                }
                None => card.set_size(size_mm),
            });
            self.canvas.request_fit();
        }
        if let Some(accent) = color_row_ui(ui, "主色（标题色带）", card.style.accent) {
            self.change_card(&card_id, true, |card| card.set_accent(accent));
        }
        ui.separator();
        self.card_entry_ui(ui, card);
        ui.separator();
        self.card_fields_ui(ui, card);
        self.card_fixed_ui(ui, card);
        ui.separator();
        self.card_view_ui(ui, card);
        ui.separator();
        if ui.button("在这一面添加栏目").clicked() {
            self.queue(super::super::Command::AddPanel);
        }
        ui.weak("栏目可在画布上拖动、缩放、对齐，与公开栏相同；选中栏目后在此编辑内容和插入字段。");
    }

    /// 公开目录事项: the catalog entry these cards disclose (publishing them counts for it in
    /// the 自查情况表).
    fn card_entry_ui(&mut self, ui: &mut egui::Ui, card: &CardDesign) {
        let card_id = card.id.clone();
        let project = self.doc.project();
        let shown = card
            .entry_id
            .as_deref()
            .and_then(|id| project.catalog.entry(id))
            .map_or("（未关联）".to_owned(), |entry| entry.name.clone());
        let entries: Vec<(String, String)> = project
            .catalog
            .entries()
            .map(|entry| (entry.id.clone(), entry.name.clone()))
            .collect();
        let mut chosen = None;
        egui::ComboBox::new(("card-entry", &card_id), "公开目录事项")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(card.entry_id.is_none(), "（未关联）")
                    .clicked()
                {
                    chosen = Some(None);
                }
                for (id, name) in &entries {
                    if ui
                        .selectable_label(card.entry_id.as_deref() == Some(id), name)
                        .clicked()
                    {
                        chosen = Some(Some(id.clone()));
                    }
                }
            })
            .response
            .on_hover_text("发布这些明白卡即公开了这一事项：自查情况表中计为已公开");
        if let Some(entry_id) = chosen {
            self.change_card(&card_id, false, |card| card.entry_id = entry_id);
        }
    }

    /// 固定内容: the fields every card prints the same (kept from the template when a list
    /// without them was imported), edited here once for all households.
    fn card_fixed_ui(&mut self, ui: &mut egui::Ui, card: &CardDesign) {
        if card.fixed.is_empty() {
            return;
        }
        let card_id = card.id.clone();
        ui.strong("固定内容（每张卡相同）");
        for (field, value) in &card.fixed {
            if let Some(new_value) = text_row_ui(ui, field, value) {
                let field = field.clone();
                self.change_card(&card_id, true, |card| {
                    card.fixed.insert(field, new_value);
                });
            }
        }
    }

    fn card_fields_ui(&mut self, ui: &mut egui::Ui, card: &CardDesign) {
        let card_id = card.id.clone();
        self.card_source_ui(ui, &card_id);
        ui.strong(format!("名单的栏（{} 个）", card.fields.len()));
        let mut remove = None;
        ui.horizontal_wrapped(|ui| {
            for field in &card.fields {
                if ui
                    .small_button(format!("{field} ×"))
                    .on_hover_text("删除这一栏（各户的这项内容一并删除）")
                    .clicked()
                {
                    remove = Some(field.clone());
                }
            }
        });
        if let Some(field) = remove {
            self.change_card(&card_id, false, |card| {
                card.fields.retain(|existing| *existing != field);
                for record in &mut card.records {
                    record.remove(&field);
                }
            });
        }
        let id = ui.make_persistent_id(("new-field", &card_id));
        let mut name: String = ui.data(|data| data.get_temp(id)).unwrap_or_default();
        let mut add = false;
        ui.horizontal(|ui| {
            let label = ui.label("新栏名");
            ui.add(egui::TextEdit::singleline(&mut name).desired_width(120.0))
                .labelled_by(label.id);
            add = ui.button("添加栏").clicked();
        });
        if add {
            let name = name.trim().trim_matches(['{', '}']).to_owned();
            if name.is_empty() {
                self.warn("请先填写栏名，例如“户主姓名”。");
            } else if card.fields.contains(&name) {
                self.warn(format!("已有“{name}”这一栏。"));
            } else {
                self.change_card(&card_id, false, |card| card.fields.push(name));
                ui.data_mut(|data| data.remove::<String>(id));
                return;
            }
        }
        ui.data_mut(|data| data.insert_temp(id, name));
    }

    /// The 名单's spreadsheet: 从表格导入… and, once linked, 从源文件更新 (the rows added,
    /// removed and changed are shown before they are applied, as for a table).
    fn card_source_ui(&mut self, ui: &mut egui::Ui, card_id: &str) {
        let target = crate::model::SourceTarget::Cards(card_id.to_owned());
        let linked = self
            .doc
            .project()
            .source(&target)
            .map(|source| source.path.clone());
        ui.horizontal_wrapped(|ui| {
            if let Some(path) = &linked {
                ui.label(format!("名单来自 {path}"));
                if ui.button("从源文件更新").clicked() {
                    self.start_source_update(target.clone());
                }
            }
            if ui.button("从表格导入名单…").clicked() {
                self.open_import_dialog_for_cards(card_id);
            }
        });
    }

    fn card_view_ui(&mut self, ui: &mut egui::Ui, card: &CardDesign) {
        let card_id = card.id.clone();
        ui.strong("打印哪些户、按什么顺序");
        let mut view = card.view.clone();
        let mut changed = false;
        let (mut field, mut value) = view.filter.clone().unwrap_or_default();
        ui.horizontal(|ui| {
            egui::ComboBox::new(("filter-field", &card_id), "筛选栏")
                .selected_text(if field.is_empty() {
                    "（全部）"
                } else {
                    field.as_str()
                })
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut field, String::new(), "（全部）")
                        .changed();
                    for name in &card.fields {
                        changed |= ui
                            .selectable_value(&mut field, name.clone(), name)
                            .changed();
                    }
                });
            let label = ui.label("等于");
            changed |= ui
                .add(egui::TextEdit::singleline(&mut value).desired_width(80.0))
                .labelled_by(label.id)
                .changed();
        });
        view.filter = (!field.is_empty()).then_some((field, value));
        let mut sort = view.sort_by.clone().unwrap_or_default();
        ui.horizontal(|ui| {
            egui::ComboBox::new(("sort-field", &card_id), "排序栏")
                .selected_text(if sort.is_empty() {
                    "（按名单顺序）"
                } else {
                    sort.as_str()
                })
                .show_ui(ui, |ui| {
                    changed |= ui
                        .selectable_value(&mut sort, String::new(), "（按名单顺序）")
                        .changed();
                    for name in &card.fields {
                        changed |= ui.selectable_value(&mut sort, name.clone(), name).changed();
                    }
                });
        });
        view.sort_by = (!sort.is_empty()).then_some(sort);
        if changed {
            self.change_card(&card_id, true, |card| card.view = view);
        }
        ui.weak(format!(
            "将打印 {} 张（共 {} 户）。预览和导出都按此筛选、排序。",
            card.shown_records()
                .len()
                .max(usize::from(card.records.is_empty())),
            card.records.len()
        ));
    }

    /// For a panel on a card face: its blocks, and buttons that insert the card's fields.
    pub(super) fn card_panel_content_ui(
        &mut self,
        ui: &mut egui::Ui,
        board_id: &str,
        panel: &Panel,
    ) {
        let Some((card, _)) = self.doc.project().card_of_face(board_id) else {
            return;
        };
        let fields = card.fields.clone();
        let mut band = panel.band;
        if ui
            .checkbox(&mut band, "色带（标题铺满栏目，大字印在主色中）")
            .changed()
        {
            self.queue_edit(Edit::SetPanelBand {
                board_id: board_id.to_owned(),
                panel_id: panel.id.clone(),
                band,
            });
        }
        if panel.band {
            ui.weak("色带只印标题。标题中也可用字段，例如“{单位简称}惠农补贴明白卡”。");
            return;
        }
        ui.strong("卡片内容");
        let owner = BlockOwner::Panel {
            board_id: board_id.to_owned(),
            panel_id: panel.id.clone(),
        };
        self.owned_blocks_ui(ui, owner, &panel.blocks);
        ui.separator();
        ui.strong("插入字段");
        ui.weak("点一下：在本栏最后一个键值块中加一行“栏名：{栏名}”（没有时新建一个）。");
        let mut insert = None;
        ui.horizontal_wrapped(|ui| {
            for field in &fields {
                if ui.button(format!("{{{field}}}")).clicked() {
                    insert = Some(field.clone());
                }
            }
        });
        ui.label("单位信息");
        ui.horizontal_wrapped(|ui| {
            for (field, meaning) in UNIT_FIELDS {
                if ui
                    .small_button(format!("{{{field}}}"))
                    .on_hover_text(meaning)
                    .clicked()
                {
                    insert = Some(field.to_owned());
                }
            }
        });
        if let Some(field) = insert {
            self.queue_edit(Edit::SetPanelBlocks {
                board_id: board_id.to_owned(),
                panel_id: panel.id.clone(),
                blocks: with_field_line(&panel.blocks, &field),
            });
        }
    }
}

/// The blocks with a line “栏名：{栏名}” at the end of the last key–value block (a new one
/// at the end when there is none).
pub fn with_field_line(blocks: &[Block], field: &str) -> Vec<Block> {
    let mut blocks = blocks.to_vec();
    let line = KeyValue::new(field, format!("{{{field}}}"));
    match blocks.iter_mut().rev().find_map(|block| match block {
        Block::KeyValue { pairs } => Some(pairs),
        _ => None,
    }) {
        Some(pairs) => pairs.push(line),
        None => blocks.push(Block::KeyValue { pairs: vec![line] }),
    }
    blocks
}
