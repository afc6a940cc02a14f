//! 明白卡 in the app: the cards in the outline (new from a template, duplicate, delete), the
//! bar above a card face (正面 / 背面, the record navigator, 名单), the 名单 grid (add,
//! edit, delete and paste rows) and the 新建明白卡 dialog. The face itself is drawn, edited
//! and undone like a board: its id is a board id.

use super::inspector::form::column_width_px;
use super::{GongkaiApp, Selection};
use crate::catalog::{CARD_PRESETS, CardTemplate, card_from_template, unique_card_name};
use crate::model::{CardDesign, CardRecord, CardSide, Edit, SizeMm, records_from_rows};
use eframe::egui;
use std::collections::BTreeMap;

/// The 名单 grid sizes its columns by this many rows.
const MEASURED_ROWS: usize = 200;

/// What the card parts of the app remember between frames.
#[derive(Debug, Default)]
pub struct CardsUi {
    /// Per card: the position, among the records shown, of the one on the canvas.
    pub preview: BTreeMap<String, usize>,
    /// The card whose 名单 window is open.
    pub records_open: Option<String>,
    /// The 新建明白卡 dialog, while open.
    pub new_card: Option<NewCardDialog>,
    /// Text pasted into the 名单 window, waiting for 添加粘贴的行.
    pub pasted: String,
    /// A row of the 名单 to scroll to on the next frame (a row just added).
    pub scroll_to_row: Option<usize>,
    /// 整列填写: the field and the value to give every household.
    pub fill_field: String,
    pub fill_value: String,
}

/// The choices of 新建明白卡.
#[derive(Clone, Debug, PartialEq)]
pub struct NewCardDialog {
    pub template: CardTemplate,
    /// One of [`CARD_PRESETS`]; None: the template's own size (or the custom one).
    pub preset: Option<usize>,
    pub custom: bool,
    pub width_mm: f32,
    pub height_mm: f32,
}

impl Default for NewCardDialog {
    fn default() -> Self {
        NewCardDialog {
            template: CardTemplate::Subsidy,
            preset: None,
            custom: false,
            width_mm: 100.0,
            height_mm: 70.0,
        }
    }
}

impl NewCardDialog {
    fn size_mm(&self) -> Option<SizeMm> {
        if self.custom {
            Some(SizeMm::new(self.width_mm, self.height_mm))
        } else {
            self.preset
                .and_then(|index| CARD_PRESETS.get(index))
                .map(|preset| preset.size_mm)
        }
    }
}

impl GongkaiApp {
    /// The card whose face the canvas shows, and which face.
    pub fn current_card(&self) -> Option<(&CardDesign, CardSide)> {
        let board_id = self.selection.board_id.as_deref()?;
        self.doc.project().card_of_face(board_id)
    }

    /// The position of the previewed record among the records shown (kept in range).
    pub fn preview_position(&self, card: &CardDesign) -> usize {
        let shown = card.shown_records().len();
        self.cards
            .preview
            .get(&card.id)
            .copied()
            .unwrap_or(0)
            .min(shown.saturating_sub(1))
    }

    /// Shows a card's face on the canvas.
    pub fn select_card(&mut self, card_id: &str, side: CardSide) {
        self.selection = Selection::board(&CardDesign::face_id(card_id, side));
        self.canvas.request_fit();
    }

    /// Steps the previewed record by `step` (−1 ◀, +1 ▶), within the records shown.
    pub fn step_preview(&mut self, step: isize) {
        let Some((card, _)) = self.current_card() else {
            return;
        };
        let shown = card.shown_records().len();
        let position = self.preview_position(card) as isize + step;
        let position = position.clamp(0, shown.saturating_sub(1) as isize) as usize;
        let card_id = card.id.clone();
        self.cards.preview.insert(card_id, position);
    }

    /// Adds a card made from a template and shows its front.
    pub fn add_card_from_template(&mut self, template: CardTemplate, size_mm: Option<SizeMm>) {
        let card = card_from_template(self.doc.project(), template, size_mm);
        let card_id = card.id.clone();
        let name = card.name.clone();
        if self.apply_edit(Edit::AddCard(card)) {
            self.select_card(&card_id, CardSide::Front);
            self.say(format!("已新建明白卡“{name}”。"));
        }
    }

    /// A copy of a card with fresh ids, named “… 副本”.
    pub fn duplicate_card(&mut self, card_id: &str) {
        let Some(card) = self.doc.project().card(card_id) else {
            return;
        };
        let mut copy = card.clone();
        copy.id = self.doc.project().fresh_id("card");
        copy.name = unique_card_name(self.doc.project(), &format!("{} 副本", card.name));
        for side in [CardSide::Front, CardSide::Back] {
            let face_id = CardDesign::face_id(&copy.id, side);
            let face = copy.face_mut(side);
            face.id = face_id.clone();
            for (index, panel) in face.panels.iter_mut().enumerate() {
                panel.id = format!("{face_id}-{}", index + 1);
            }
        }
        let copy_id = copy.id.clone();
        if self.apply_edit(Edit::AddCard(copy)) {
            self.select_card(&copy_id, CardSide::Front);
        }
    }

    pub fn delete_card(&mut self, card_id: &str) {
        let name = self
            .doc
            .project()
            .card(card_id)
            .map(|card| card.name.clone());
        if self.apply_edit(Edit::RemoveCard {
            card_id: card_id.to_owned(),
        }) {
            if self.current_card().is_none() {
                self.select_first_board();
            }
            self.say(format!(
                "已删除明白卡“{}”（可撤销）。",
                name.unwrap_or_default()
            ));
        }
    }

    /// Changes one card as one undo step (`in_gesture`: as part of a typing burst).
    pub(crate) fn change_card(
        &mut self,
        card_id: &str,
        in_gesture: bool,
        change: impl FnOnce(&mut CardDesign),
    ) {
        let Some(mut card) = self.doc.project().card(card_id).cloned() else {
            return;
        };
        change(&mut card);
        if in_gesture {
            self.queue_gesture_edit(Edit::SetCard(card));
        } else {
            self.queue_edit(Edit::SetCard(card));
        }
    }

    /// Adds an empty record at the end and shows it.
    pub fn add_record(&mut self, card_id: &str) {
        self.change_card(card_id, false, |card| {
            let record: CardRecord = card
                .fields
                .iter()
                .map(|field| (field.clone(), String::new()))
                .collect();
            card.records.push(record);
            card.view.filter = None;
        });
        if let Some(card) = self.doc.project().card(card_id) {
            let last = card.shown_records().len().saturating_sub(1);
            self.cards.preview.insert(card_id.to_owned(), last);
            self.cards.scroll_to_row = Some(card.records.len().saturating_sub(1));
        }
    }

    /// Rows pasted from Excel/WPS added as records (a header row maps columns to fields).
    pub fn paste_records(&mut self, card_id: &str, text: &str) {
        let rows = super::inspector::paste::parse_tab_separated(text);
        if rows.is_empty() {
            self.warn("没有可添加的行。请先在 Excel/WPS 中复制单元格，再粘贴到框中。");
            return;
        }
        let Some(card) = self.doc.project().card(card_id) else {
            return;
        };
        let pasted = records_from_rows(&card.fields, &rows);
        let added = pasted.records.len();
        let extra = pasted.extra_cells;
        let header = pasted.had_header;
        self.change_card(card_id, false, |card| {
            card.fields = pasted.fields;
            card.records.extend(pasted.records);
        });
        let mut message = format!("已添加 {added} 行");
        if header {
            message.push_str("（第一行作为栏名）");
        }
        if extra > 0 {
            message.push_str(&format!("；{extra} 个多出的单元格没有对应的栏，未添加"));
        }
        message.push('。');
        self.say(message);
        self.cards.pasted.clear();
    }

    /// The 明白卡 part of the outline.
    pub(crate) fn cards_outline_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.strong("明白卡");
            if ui.button("新建明白卡…").clicked() {
                self.cards.new_card = Some(NewCardDialog::default());
            }
        });
        let current = self
            .current_card()
            .map(|(card, side)| (card.id.clone(), side));
        let mut action = None;
        for card in &self.doc.project().cards {
            let selected = current.as_ref().is_some_and(|(id, _)| *id == card.id);
            let label = format!(
                "{}（{}×{} 毫米，{} 张）",
                card.name,
                card.size_mm.width_mm,
                card.size_mm.height_mm,
                card.records.len()
            );
            ui.horizontal(|ui| {
                if ui.selectable_label(selected, label).clicked() {
                    action = Some(("select", card.id.clone()));
                }
            });
            if selected {
                ui.horizontal(|ui| {
                    ui.add_space(12.0);
                    if ui.small_button("复制").clicked() {
                        action = Some(("duplicate", card.id.clone()));
                    }
                    if ui.small_button("删除").clicked() {
                        action = Some(("delete", card.id.clone()));
                    }
                    if ui.small_button("名单").clicked() {
                        action = Some(("records", card.id.clone()));
                    }
                });
            }
        }
        if self.doc.project().cards.is_empty() {
            ui.weak("（还没有明白卡）");
        }
        match action {
            Some(("select", card_id)) => self.select_card(&card_id, CardSide::Front),
            Some(("duplicate", card_id)) => self.later(move |app| app.duplicate_card(&card_id)),
            Some(("delete", card_id)) => self.later(move |app| app.delete_card(&card_id)),
            Some((_, card_id)) => self.cards.records_open = Some(card_id),
            None => {}
        }
    }

    /// Above the canvas while a card face is shown: the face switch, the record navigator
    /// and the 名单 button.
    pub(crate) fn card_bar_ui(&mut self, ui: &mut egui::Ui) {
        let Some((card, side)) = self.current_card() else {
            return;
        };
        let card_id = card.id.clone();
        let shown = card.shown_records().len();
        let total = card.records.len();
        let position = self.preview_position(card);
        let has_back = card.has_back();
        let view_note = view_summary_zh(card);
        let mut switch_to = None;
        let mut step = 0;
        let mut open_records = false;
        ui.horizontal(|ui| {
            // Clear of the canvas' left edge (the panel has no margin of its own).
            ui.add_space(6.0);
            ui.label(format!("明白卡“{}”", card.name));
            ui.separator();
            for face in [CardSide::Front, CardSide::Back] {
                if ui.selectable_label(side == face, face.label_zh()).clicked() && side != face {
                    switch_to = Some(face);
                }
            }
            if !has_back && side == CardSide::Front {
                ui.weak("（背面为空，不打印）");
            }
            ui.separator();
            if total == 0 {
                ui.label("没有名单：打印 1 张，字段照原样印出");
            } else {
                if ui.button("◀").on_hover_text("上一户").clicked() {
                    step = -1;
                }
                let label = if shown == 0 {
                    "0 / 0".to_owned()
                } else {
                    format!("{} / {shown}", position + 1)
                };
                ui.label(label);
                if ui.button("▶").on_hover_text("下一户").clicked() {
                    step = 1;
                }
            }
            if let Some(note) = &view_note {
                ui.weak(note);
            }
            if ui.button("名单…").clicked() {
                open_records = true;
            }
        });
        if let Some(face) = switch_to {
            self.selection = Selection::board(&CardDesign::face_id(&card_id, face));
        }
        if step != 0 {
            self.step_preview(step);
        }
        if open_records {
            self.cards.records_open = Some(card_id);
        }
    }

    /// The 新建明白卡 dialog.
    pub(crate) fn new_card_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.cards.new_card.clone() else {
            return;
        };
        let mut open = true;
        let mut create = false;
        egui::Window::new("新建明白卡")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("模板");
                // On a short screen (1366×768 at 125 %) the templates scroll, so that the
                // dialog and its 创建 stay on screen.
                let templates_height = (ctx.content_rect().height() - 330.0).max(120.0);
                egui::ScrollArea::vertical()
                    .max_height(templates_height)
                    .show(ui, |ui| {
                        for template in CardTemplate::ALL {
                            let base = template.base_size_mm();
                            ui.radio_value(&mut dialog.template, template, template.name_zh())
                                .on_hover_text(template.description_zh());
                            ui.indent(template.name_zh(), |ui| {
                                ui.weak(format!(
                                    "{}（{}×{} 毫米）",
                                    template.description_zh(),
                                    base.width_mm,
                                    base.height_mm
                                ));
                            });
                        }
                    });
                ui.separator();
                ui.label("尺寸");
                if ui
                    .radio(dialog.preset.is_none() && !dialog.custom, "模板原尺寸")
                    .clicked()
                {
                    dialog.preset = None;
                    dialog.custom = false;
                }
                for (index, preset) in CARD_PRESETS.iter().enumerate() {
                    if ui
                        .radio(dialog.preset == Some(index) && !dialog.custom, preset.name)
                        .clicked()
                    {
                        dialog.preset = Some(index);
                        dialog.custom = false;
                    }
                }
                ui.horizontal(|ui| {
                    if ui.radio(dialog.custom, "自定义").clicked() {
                        dialog.custom = true;
                    }
                    ui.add(
                        egui::DragValue::new(&mut dialog.width_mm)
                            .range(30.0..=420.0)
                            .suffix(" 毫米宽"),
                    );
                    ui.add(
                        egui::DragValue::new(&mut dialog.height_mm)
                            .range(30.0..=420.0)
                            .suffix(" 毫米高"),
                    );
                });
                ui.separator();
                if ui.button("创建").clicked() {
                    create = true;
                }
            });
        if create {
            self.cards.new_card = None;
            let (template, size_mm) = (dialog.template, dialog.size_mm());
            self.later(move |app| app.add_card_from_template(template, size_mm));
        } else if open {
            self.cards.new_card = Some(dialog);
        } else {
            self.cards.new_card = None;
        }
    }

    /// The 名单 window: one row per record, a column per field; add, edit, delete, paste.
    pub(crate) fn records_ui(&mut self, ctx: &egui::Context) {
        let Some(card_id) = self.cards.records_open.clone() else {
            return;
        };
        let Some(card) = self.doc.project().card(&card_id).cloned() else {
            self.cards.records_open = None;
            return;
        };
        let mut open = true;
        let mut edited: Option<(usize, String, String)> = None;
        let mut remove = None;
        let mut add = false;
        let mut clear = false;
        let mut paste = false;
        let mut fill_column: Option<(String, String)> = None;
        let mut show = None;
        let mut pasted = std::mem::take(&mut self.cards.pasted);
        let preview = self.preview_position(&card);
        let shown = card.shown_records();
        egui::Window::new(format!("名单：{}（{} 户）", card.name, card.records.len()))
            .id(egui::Id::unique("card-records"))
            .open(&mut open)
            .default_size([760.0, 420.0])
            // Below the card, so that the card stays in view while the rows are edited.
            .default_pos(ctx.content_rect().center_bottom() - egui::vec2(380.0, 460.0))
            .show(ctx, |ui| {
                if let Some((_, message)) = crate::compose::cards::sample_people_problem(&card) {
                    ui.colored_label(ui.visuals().warn_fg_color, message);
                }
                ui.horizontal(|ui| {
                    if ui.button("添加一行").clicked() {
                        add = true;
                    }
                    if ui
                        .button("清空名单")
                        .on_hover_text("删除所有行（可撤销），栏不变")
                        .clicked()
                    {
                        clear = true;
                    }
                    ui.weak("也可从 Excel/WPS 复制多行，粘贴到下框后点“添加粘贴的行”（第一行是栏名时按栏名对应）。");
                });
                ui.horizontal(|ui| {
                    let label = ui.label("粘贴");
                    ui.add(
                        egui::TextEdit::multiline(&mut pasted)
                            .desired_rows(2)
                            .desired_width(520.0)
                            .hint_text("在此按 Ctrl+V 粘贴"),
                    )
                    .labelled_by(label.id);
                    if ui.button("添加粘贴的行").clicked() {
                        paste = true;
                    }
                });
                // 整列填写: one value for every household (a 补贴项目 or 发放日期 the list
                // from the office does not carry).
                ui.horizontal(|ui| {
                    if !card.fields.contains(&self.cards.fill_field) {
                        self.cards.fill_field = card.fields.first().cloned().unwrap_or_default();
                    }
                    let column_label = ui.label("整列：");
                    egui::ComboBox::from_id_salt("fill-column-field")
                        .selected_text(self.cards.fill_field.clone())
                        .show_ui(ui, |ui| {
                            for field in &card.fields {
                                ui.selectable_value(
                                    &mut self.cards.fill_field,
                                    field.clone(),
                                    field,
                                );
                            }
                        })
                        .response
                        .labelled_by(column_label.id);
                    let label = ui.label("一栏都填");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.cards.fill_value)
                            .desired_width(220.0)
                            .hint_text("如 耕地地力保护补贴"),
                    )
                    .labelled_by(label.id);
                    if ui
                        .add_enabled(!card.records.is_empty(), egui::Button::new("整列填写"))
                        .on_hover_text("给名单中每一户的这一栏填上同一内容（可撤销）")
                        .clicked()
                    {
                        fill_column = Some((
                            self.cards.fill_field.clone(),
                            self.cards.fill_value.clone(),
                        ));
                    }
                });
                ui.separator();
                // Each column as wide as its longest text among the first rows (a long 名单 is
                // not measured whole every frame).
                let char_px = ui.text_style_height(&egui::TextStyle::Body);
                let widths_px: Vec<f32> = card
                    .fields
                    .iter()
                    .map(|field| {
                        let values = card
                            .records
                            .iter()
                            .take(MEASURED_ROWS)
                            .filter_map(|record| record.get(field))
                            .map(String::as_str);
                        column_width_px(std::iter::once(field.as_str()).chain(values), char_px)
                    })
                    .collect();
                // The scroll bar always shown: a wide 名单 goes on past the window's edge.
                egui::ScrollArea::horizontal()
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.add_sized([44.0, 18.0], egui::Label::new("序号"));
                        for (field, width_px) in card.fields.iter().zip(&widths_px) {
                            ui.add_sized([*width_px, 18.0], egui::Label::new(egui::RichText::new(field).strong()));
                        }
                    });
                    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
                    let mut rows_area = egui::ScrollArea::vertical().max_height(300.0);
                    if let Some(row) = self.cards.scroll_to_row.take() {
                        rows_area = rows_area.vertical_scroll_offset(row as f32 * row_height);
                    }
                    rows_area.show_rows(
                        ui,
                        row_height,
                        card.records.len(),
                        |ui, range| {
                            for index in range {
                                let record = &card.records[index];
                                ui.horizontal(|ui| {
                                    let position = shown.iter().position(|shown| *shown == index);
                                    let number = format!("{}", index + 1);
                                    let is_preview = position == Some(preview);
                                    if ui
                                        .add_sized([44.0, 18.0], egui::Button::selectable(is_preview, number))
                                        .on_hover_text("在画布上显示这一户")
                                        .clicked()
                                    {
                                        show = position;
                                    }
                                    for (field, width_px) in card.fields.iter().zip(&widths_px) {
                                        let mut value = record.get(field).cloned().unwrap_or_default();
                                        let response = ui.add(
                                            egui::TextEdit::singleline(&mut value)
                                                .desired_width(width_px - 8.0),
                                        );
                                        let response = response
                                            .accessible_name(format!("第{}行{field}", index + 1));
                                        if response.changed() {
                                            edited = Some((index, field.clone(), value));
                                        }
                                    }
                                    if ui.small_button("删除").on_hover_text("删除这一行").clicked() {
                                        remove = Some(index);
                                    }
                                });
                            }
                        },
                    );
                });
            });
        self.cards.pasted = pasted;
        if !open {
            self.cards.records_open = None;
        }
        if let Some((index, field, value)) = edited {
            self.change_card(&card_id, true, |card| {
                if let Some(record) = card.records.get_mut(index) {
                    record.insert(field, value);
                }
            });
        }
        if let Some(index) = remove {
            self.change_card(&card_id, false, |card| {
                if index < card.records.len() {
                    card.records.remove(index);
                }
            });
        }
        if let Some((field, value)) = fill_column {
            let households = card.records.len();
            self.change_card(&card_id, false, |card| {
                for record in &mut card.records {
                    record.insert(field.clone(), value.clone());
                }
            });
            self.say(format!(
                "已给名单中 {households} 户的“{field}”都填上“{value}”（可撤销）。"
            ));
        }
        if clear {
            self.change_card(&card_id, false, |card| card.records.clear());
            self.cards.preview.insert(card_id.clone(), 0);
        }
        if add {
            self.add_record(&card_id);
        }
        if paste {
            let text = self.cards.pasted.clone();
            self.paste_records(&card_id, &text);
        }
        if let Some(position) = show {
            self.cards.preview.insert(card_id, position);
        }
    }
}

/// "筛选：村民小组 = 一组；按 户号 排序", or None when every record prints in order.
pub(crate) fn view_summary_zh(card: &CardDesign) -> Option<String> {
    let mut parts = Vec::new();
    if let Some((field, value)) = &card.view.filter {
        parts.push(format!("筛选：{field} = {value}"));
    }
    if let Some(field) = &card.view.sort_by {
        parts.push(format!("按 {field} 排序"));
    }
    (!parts.is_empty()).then(|| parts.join("；"))
}
