//! The inspector: the properties of the selected board, panel or item. Every change is an
//! `Edit`; typing and dragging a value are gestures (one undo step each).

use super::GongkaiApp;
use crate::catalog::BOARD_PRESETS;
use crate::model::{
    Audience, Block, Board, Cadence, Channel, DirectoryFields, Disclosure, DisclosureMode, Edit,
    FitMode, FontFamily, Item, KeyValue, Panel, Rgb, Scope, SizeMm, Stage, Table, TextStyle,
};
use chrono::NaiveDate;
use eframe::egui;

/// A labelled single-line text field; returns the new text when it changed.
fn text_row(ui: &mut egui::Ui, label: &str, value: &str) -> Option<String> {
    let mut text = value.to_owned();
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        changed = ui
            .add(egui::TextEdit::singleline(&mut text).desired_width(f32::INFINITY))
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(text)
}

/// A labelled multi-line text field.
fn text_area(ui: &mut egui::Ui, label: &str, value: &str, rows: usize) -> Option<String> {
    let mut text = value.to_owned();
    let label = ui.label(label);
    let changed = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
        .changed();
    changed.then_some(text)
}

/// A labelled number; returns the new value when it changed.
fn number_row(
    ui: &mut egui::Ui,
    label: &str,
    value: f32,
    range: std::ops::RangeInclusive<f32>,
    suffix: &str,
) -> Option<f32> {
    let mut number = value;
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        changed = ui
            .add(
                egui::DragValue::new(&mut number)
                    .range(range)
                    .speed(1.0)
                    .suffix(suffix),
            )
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(number)
}

fn color_row(ui: &mut egui::Ui, label: &str, value: Rgb) -> Option<Rgb> {
    let mut rgb = [value.0, value.1, value.2];
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(label);
        changed = ui.color_edit_button_srgb(&mut rgb).changed();
    });
    changed.then_some(Rgb(rgb[0], rgb[1], rgb[2]))
}

/// The fonts, sizes and spacing of a board (with its title size) or of one panel; returns
/// whether anything changed.
fn text_style_ui(ui: &mut egui::Ui, style: &mut TextStyle, with_board_title: bool) -> bool {
    let mut changed = false;
    for (label, family) in [
        ("标题字体", &mut style.heading_font),
        ("正文字体", &mut style.body_font),
    ] {
        let label = match family {
            FontFamily::Installed(name) => format!("{label}（已选：{name}）"),
            _ => label.to_owned(),
        };
        let choices = [(FontFamily::Sans, "黑体"), (FontFamily::Serif, "宋体")];
        changed |= choice_row(ui, &label, family, choices);
    }
    let mut sizes = vec![
        ("栏目标题", &mut style.panel_title_pt),
        ("事项标题", &mut style.item_title_pt),
        ("正文", &mut style.body_pt),
    ];
    if with_board_title {
        sizes.insert(0, ("栏头标题", &mut style.board_title_pt));
    }
    for (label, size_pt) in sizes {
        if let Some(value) = number_row(ui, label, *size_pt, 6.0..=600.0, " 磅") {
            *size_pt = value;
            changed = true;
        }
    }
    if let Some(value) = decimal_row(ui, "行距（倍）", style.line_height, 1.0..=3.0) {
        style.line_height = value;
        changed = true;
    }
    if let Some(value) = decimal_row(ui, "段后空（字）", style.paragraph_spacing_em, 0.0..=3.0)
    {
        style.paragraph_spacing_em = value;
        changed = true;
    }
    changed |= choice_row(
        ui,
        "首行缩进",
        &mut style.first_line_indent_chars,
        [(2.0, "两字"), (0.0, "不缩进")],
    );
    changed
}

/// A label and one button per choice, the current one highlighted; returns whether the
/// value changed.
fn choice_row<'a, T: PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    choices: impl IntoIterator<Item = (T, &'a str)>,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(label);
        for (choice, name) in choices {
            changed |= ui.selectable_value(value, choice, name).changed();
        }
    });
    changed
}

/// A labelled number with two decimals (line height, spacing).
fn decimal_row(
    ui: &mut egui::Ui,
    label: &str,
    value: f32,
    range: std::ops::RangeInclusive<f32>,
) -> Option<f32> {
    let mut number = value;
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        changed = ui
            .add(
                egui::DragValue::new(&mut number)
                    .range(range)
                    .speed(0.05)
                    .fixed_decimals(2),
            )
            .labelled_by(label.id)
            .changed();
    });
    changed.then_some(number)
}

/// A date typed as YYYY-MM-DD (empty: none). The typed text lives in egui's memory until it
/// parses, so half-typed dates are never written to the project.
fn date_row(
    ui: &mut egui::Ui,
    label: &str,
    id_salt: &str,
    value: Option<NaiveDate>,
) -> Option<Option<NaiveDate>> {
    let id = ui.make_persistent_id(("date", id_salt));
    let shown = value
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let mut text: String = ui
        .data(|data| data.get_temp(id))
        .unwrap_or_else(|| shown.clone());
    let mut result = None;
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut text)
                    .desired_width(110.0)
                    .hint_text("2027-03-01"),
            )
            .labelled_by(label.id);
        if response.changed() {
            if text.trim().is_empty() {
                result = Some(None);
            } else if let Ok(date) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                result = Some(Some(date));
            }
        }
        let valid =
            text.trim().is_empty() || NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok();
        if !valid {
            ui.colored_label(ui.visuals().error_fg_color, "格式：年-月-日");
        }
        if response.has_focus() {
            ui.data_mut(|data| data.insert_temp(id, text.clone()));
        } else {
            ui.data_mut(|data| data.remove::<String>(id));
        }
    });
    result
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl GongkaiApp {
    pub(crate) fn inspector_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("属性");
        ui.separator();
        // A solid scroll bar beside the fields, not floating over their right ends.
        ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical().show(ui, |ui| {
            let Some(board_id) = self.current_board_id() else {
                ui.label("项目中还没有公开栏。");
                return;
            };
            if let Some(item_id) = self.selection.item_id.clone()
                && let Some(item) = self.project.item(&item_id).cloned()
            {
                self.item_inspector_ui(ui, &item);
            } else if let Some(panel_id) = self.selection.primary_panel().map(str::to_owned)
                && let Some(panel) = self
                    .project
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
            } else if let Some(board) = self.project.board(&board_id).cloned() {
                self.board_inspector_ui(ui, &board);
            }
        });
    }

    fn board_inspector_ui(&mut self, ui: &mut egui::Ui, board: &Board) {
        let board_id = board.id.clone();
        ui.strong("公开栏");
        if let Some(name) = text_row(ui, "名称", &board.name) {
            self.apply_edit_in_gesture(Edit::RenameBoard {
                board_id: board_id.clone(),
                name,
            });
        }
        ui.horizontal(|ui| {
            let current = BOARD_PRESETS
                .iter()
                .find(|preset| preset.size_mm == board.size_mm)
                .map(|preset| preset.name)
                .unwrap_or("自定义");
            egui::ComboBox::new("board-size", "尺寸预设")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for preset in BOARD_PRESETS {
                        if ui
                            .selectable_label(preset.size_mm == board.size_mm, preset.name)
                            .clicked()
                        {
                            self.queue_edit(Edit::ResizeBoard {
                                board_id: board_id.clone(),
                                size_mm: preset.size_mm,
                            });
                        }
                    }
                });
        });
        if let Some(width_mm) = number_row(
            ui,
            "宽度",
            board.size_mm.width_mm,
            100.0..=20_000.0,
            " 毫米",
        ) {
            self.apply_edit_in_gesture(Edit::ResizeBoard {
                board_id: board_id.clone(),
                size_mm: SizeMm::new(width_mm, board.size_mm.height_mm),
            });
        }
        if let Some(height_mm) = number_row(
            ui,
            "高度",
            board.size_mm.height_mm,
            100.0..=20_000.0,
            " 毫米",
        ) {
            self.apply_edit_in_gesture(Edit::ResizeBoard {
                board_id: board_id.clone(),
                size_mm: SizeMm::new(board.size_mm.width_mm, height_mm),
            });
        }
        if let Some(reading_distance_m) =
            number_row(ui, "阅读距离", board.reading_distance_m, 0.5..=20.0, " 米")
        {
            self.apply_edit_in_gesture(Edit::SetReadingDistance {
                board_id: board_id.clone(),
                reading_distance_m,
            });
        }
        ui.separator();
        ui.strong("栏头");
        let mut header = board.header.clone();
        let mut header_changed = false;
        if let Some(title) = text_row(ui, "标题", &header.title) {
            header.title = title;
            header_changed = true;
        }
        if let Some(subtitle) = text_row(ui, "副标题", &header.subtitle) {
            header.subtitle = subtitle;
            header_changed = true;
        }
        if header_changed {
            self.apply_edit_in_gesture(Edit::SetBoardHeader {
                board_id: board_id.clone(),
                header,
            });
        }
        ui.separator();
        ui.strong("栏脚");
        let mut footer = board.footer.clone();
        let mut footer_changed = ui
            .checkbox(&mut footer.show_contacts, "显示监督电话和意见箱")
            .changed();
        footer_changed |= ui
            .checkbox(&mut footer.show_dates, "显示本期和下次公开日期")
            .changed();
        if let Some(note) = text_row(ui, "附注", &footer.note) {
            footer.note = note;
            footer_changed = true;
        }
        if footer_changed {
            self.apply_edit_in_gesture(Edit::SetBoardFooter {
                board_id: board_id.clone(),
                footer,
            });
        }
        ui.separator();
        ui.strong("字体与字号");
        let mut style = board.style.clone();
        if text_style_ui(ui, &mut style, true) {
            self.apply_edit_in_gesture(Edit::SetBoardStyle {
                board_id: board_id.clone(),
                style,
            });
        }
        ui.separator();
        ui.strong("颜色");
        let mut theme = board.theme.clone();
        let mut theme_changed = false;
        for (label, rgb) in [
            ("底色", &mut theme.background),
            ("栏头底色", &mut theme.header_background),
            ("栏头文字", &mut theme.header_text),
            ("栏目标题底色", &mut theme.panel_title_background),
            ("栏目边框", &mut theme.panel_border),
            ("正文文字", &mut theme.body_text),
            ("栏脚底色", &mut theme.footer_background),
        ] {
            if let Some(value) = color_row(ui, label, *rgb) {
                *rgb = value;
                theme_changed = true;
            }
        }
        if theme_changed {
            self.apply_edit_in_gesture(Edit::SetBoardTheme { board_id, theme });
        }
    }

    fn panel_inspector_ui(&mut self, ui: &mut egui::Ui, board_id: &str, panel: &Panel) {
        let ids = (board_id.to_owned(), panel.id.clone());
        ui.strong("栏目");
        if let Some(title) = text_row(ui, "栏目名称", &panel.title) {
            self.apply_edit_in_gesture(Edit::RenamePanel {
                board_id: ids.0.clone(),
                panel_id: ids.1.clone(),
                title,
            });
        }
        let mut rect_mm = panel.rect_mm;
        let mut moved = false;
        for (label, value) in [
            ("左", &mut rect_mm.x_mm),
            ("上", &mut rect_mm.y_mm),
            ("宽", &mut rect_mm.width_mm),
            ("高", &mut rect_mm.height_mm),
        ] {
            if let Some(new_value) = number_row(ui, label, *value, -10_000.0..=100_000.0, " 毫米")
            {
                *value = new_value;
                moved = true;
            }
        }
        if moved {
            self.apply_edit_in_gesture(Edit::SetPanelRect {
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
            .project
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
                self.apply_edit_in_gesture(Edit::SetPanelStyle {
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
        ui.strong("本栏事项");
        let mut item_ids = panel.item_ids.clone();
        let mut order_changed = false;
        let count = item_ids.len();
        for index in 0..count {
            let title = self
                .project
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
            let item_id = self.project.fresh_id("item");
            let item = Item {
                id: item_id.clone(),
                title: "新事项".to_owned(),
                blocks: vec![Block::paragraph("")],
                disclosure: Disclosure {
                    changed_on: Some(today()),
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

    fn item_inspector_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let item_id = item.id.clone();
        ui.strong("公开事项");
        if let Some(title) = text_row(ui, "事项名称", &item.title) {
            self.apply_edit_in_gesture(Edit::RenameItem {
                item_id: item_id.clone(),
                title,
            });
        }
        self.entry_picker_ui(ui, item);
        egui::CollapsingHeader::new("目录信息（公开依据、时限、主体…）")
            .default_open(false)
            .show(ui, |ui| self.entry_fields_ui(ui, item));
        egui::CollapsingHeader::new("公开阶段与日期")
            .default_open(false)
            .show(ui, |ui| self.disclosure_ui(ui, item));
        ui.separator();
        ui.strong("内容");
        self.blocks_ui(ui, item);
    }

    fn entry_picker_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let current = self
            .project
            .entry_of(item)
            .map(|entry| entry.name.clone())
            .unwrap_or_else(|| "（未关联）".to_owned());
        let mut chosen = None;
        ui.horizontal(|ui| {
            egui::ComboBox::new(("entry", &item.id), "目录事项")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(item.entry_id.is_none(), "（未关联）")
                        .clicked()
                    {
                        chosen = Some(None);
                    }
                    for category in &self.project.catalog.categories {
                        ui.label(egui::RichText::new(&category.name).weak());
                        for entry in &category.entries {
                            let selected = item.entry_id.as_deref() == Some(entry.id.as_str());
                            if ui
                                .selectable_label(selected, format!("　{}", entry.name))
                                .clicked()
                            {
                                chosen = Some(Some(entry.id.clone()));
                            }
                        }
                    }
                });
        });
        if let Some(entry_id) = chosen {
            self.queue_edit(Edit::SetItemEntry {
                item_id: item.id.clone(),
                entry_id,
            });
        }
    }

    fn entry_fields_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let Some(entry) = self.project.entry_of(item).cloned() else {
            ui.label("先为本事项选择目录事项，才能填写公开依据、时限等。");
            return;
        };
        let users = self
            .project
            .items
            .iter()
            .filter(|other| other.entry_id.as_deref() == Some(entry.id.as_str()))
            .count();
        ui.weak(format!(
            "这些信息属于目录事项“{}”，共 {users} 项内容使用。",
            entry.name
        ));
        let mut fields: DirectoryFields = entry.fields.clone();
        let mut changed = false;
        for (label, value) in [
            ("公开内容", &mut fields.content),
            ("公开依据", &mut fields.basis),
            ("公开主体", &mut fields.lead_department),
            ("责任人", &mut fields.responsible),
            ("监督部门", &mut fields.supervisor),
        ] {
            if let Some(text) = text_row(ui, label, value) {
                *value = text;
                changed = true;
            }
        }
        ui.horizontal(|ui| {
            egui::ComboBox::new(("cadence", &entry.id), "公开时限")
                .selected_text(fields.cadence.label_zh())
                .show_ui(ui, |ui| {
                    for cadence in [
                        Cadence::Annual,
                        Cadence::HalfYearly,
                        Cadence::Quarterly { day: 15 },
                        Cadence::Monthly { day: 10 },
                        Cadence::AdHoc { working_days: 20 },
                        Cadence::Standing,
                    ] {
                        let same_kind = std::mem::discriminant(&cadence)
                            == std::mem::discriminant(&fields.cadence);
                        if ui.selectable_label(same_kind, cadence.label_zh()).clicked()
                            && !same_kind
                        {
                            fields.cadence = cadence;
                            changed = true;
                        }
                    }
                });
            match &mut fields.cadence {
                Cadence::Quarterly { day } | Cadence::Monthly { day } => {
                    changed |= ui
                        .add(
                            egui::DragValue::new(day)
                                .range(1..=31)
                                .prefix("第 ")
                                .suffix(" 日"),
                        )
                        .changed();
                }
                Cadence::AdHoc { working_days } => {
                    changed |= ui
                        .add(
                            egui::DragValue::new(working_days)
                                .range(0..=60)
                                .suffix(" 个工作日内"),
                        )
                        .changed();
                }
                _ => {}
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("公开渠道");
            for channel in Channel::ALL {
                let mut on = fields.channels.contains(&channel);
                if ui.checkbox(&mut on, channel.label_zh()).changed() {
                    if on {
                        fields.channels.push(channel);
                    } else {
                        fields.channels.retain(|c| *c != channel);
                    }
                    changed = true;
                }
            }
        });
        changed |= choice_row(
            ui,
            "公开对象",
            &mut fields.audience,
            [Audience::Public, Audience::SpecificGroup].map(|a| (a, a.label_zh())),
        );
        changed |= choice_row(
            ui,
            "公开方式",
            &mut fields.mode,
            [DisclosureMode::Proactive, DisclosureMode::OnRequest].map(|m| (m, m.label_zh())),
        );
        changed |= choice_row(
            ui,
            "公开范围",
            &mut fields.scope,
            [Scope::External, Scope::Internal].map(|scope| (scope, scope.label_zh())),
        );
        if changed {
            self.apply_edit_in_gesture(Edit::SetEntryFields {
                entry_id: entry.id.clone(),
                fields,
            });
        }
    }

    fn disclosure_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let mut disclosure = item.disclosure.clone();
        let mut changed = false;
        changed |= choice_row(
            ui,
            "阶段",
            &mut disclosure.stage,
            [
                Stage::PrePublication,
                Stage::Formal,
                Stage::Decision,
                Stage::Result,
            ]
            .map(|stage| (stage, stage.label_zh())),
        );
        let id = &item.id;
        for (label, salt, date) in [
            ("公开日期", "published", &mut disclosure.published_on),
            ("预公开日期", "pre", &mut disclosure.pre_published_on),
            ("决议日期", "decided", &mut disclosure.decided_on),
            ("实施结果日期", "result", &mut disclosure.result_on),
            ("事件日期（随时公开）", "event", &mut disclosure.event_on),
        ] {
            if let Some(value) = date_row(ui, label, &format!("{id}-{salt}"), *date) {
                *date = value;
                changed = true;
            }
        }
        let mut comment_days = disclosure
            .comment_days
            .unwrap_or(self.project.settings.pre_publication_days)
            as f32;
        if let Some(days) = number_row(ui, "征求意见天数", comment_days, 1.0..=365.0, " 天")
        {
            comment_days = days;
            disclosure.comment_days = Some(comment_days.round() as u32);
            changed = true;
        }
        if changed {
            self.apply_edit_in_gesture(Edit::SetItemDisclosure {
                item_id: item.id.clone(),
                disclosure,
            });
        }
    }

    fn blocks_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let mut blocks = item.blocks.clone();
        let mut changed = false;
        let base_dir = self.project_dir();
        let mut pick_picture = None;
        let mut remove = None;
        let mut swap = None;
        let count = blocks.len();
        for (index, block) in blocks.iter_mut().enumerate() {
            ui.push_id(("block", index), |ui| {
                ui.horizontal(|ui| {
                    ui.weak(block_kind_label(block));
                    if ui.small_button("↑").clicked() && index > 0 {
                        swap = Some(index - 1);
                    }
                    if ui.small_button("↓").clicked() && index + 1 < count {
                        swap = Some(index);
                    }
                    if ui.small_button("删除").clicked() {
                        remove = Some(index);
                    }
                });
                if let Block::Image { path, width_mm, .. } = block {
                    let (picked, resized) = picture_editor_ui(ui, path, width_mm, &base_dir);
                    if picked {
                        pick_picture = Some((index, path.clone()));
                    }
                    changed |= resized;
                }
                changed |= block_editor_ui(ui, block);
                ui.add_space(6.0);
            });
        }
        if let Some(index) = remove {
            blocks.remove(index);
            changed = true;
        }
        if let Some(index) = swap {
            blocks.swap(index, index + 1);
            changed = true;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("添加：");
            for (label, block) in [
                ("段落", Block::paragraph("")),
                (
                    "列表",
                    Block::List {
                        ordered: true,
                        entries: vec![String::new()],
                    },
                ),
                (
                    "键值行",
                    Block::KeyValue {
                        pairs: vec![KeyValue::new("监督电话", "")],
                    },
                ),
                (
                    "表格",
                    Block::Table(Table {
                        columns: vec!["项目".into(), "金额".into()],
                        rows: vec![vec![String::new(), String::new()]],
                        column_kinds: Vec::new(),
                    }),
                ),
                (
                    "图片",
                    Block::Image {
                        path: String::new(),
                        caption: String::new(),
                        width_mm: None,
                    },
                ),
                (
                    "二维码",
                    Block::Qr {
                        text: String::new(),
                        caption: String::new(),
                        size_mm: 40.0,
                    },
                ),
            ] {
                if ui.button(label).clicked() {
                    blocks.push(block);
                    changed = true;
                }
            }
        });
        if changed {
            self.apply_edit_in_gesture(Edit::SetItemBlocks {
                item_id: item.id.clone(),
                blocks,
                changed_on: Some(today()),
            });
        }
        if let Some((index, current)) = pick_picture {
            self.request_picture(&item.id, index, &current);
        }
    }

    /// Applies an edit now as one undo step (for clicks inside `show_ui` closures).
    fn queue_edit(&mut self, edit: Edit) {
        self.apply_edit(edit);
    }
}

fn block_kind_label(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "段落",
        Block::List { .. } => "列表（每行一条）",
        Block::KeyValue { .. } => "键值行",
        Block::Table(_) => "表格",
        Block::Image { .. } => "图片",
        Block::Qr { .. } => "二维码",
    }
}

/// The editor of one block; returns whether it changed.
fn block_editor_ui(ui: &mut egui::Ui, block: &mut Block) -> bool {
    match block {
        Block::Paragraph { text } => text_area(ui, "段落文字", text, 5)
            .map(|new| *text = new)
            .is_some(),
        Block::List { ordered, entries } => {
            let mut changed = ui.checkbox(ordered, "编号").changed();
            if let Some(text) = text_area(ui, "列表条目", &entries.join("\n"), 4) {
                *entries = text.lines().map(str::to_owned).collect();
                changed = true;
            }
            changed
        }
        Block::KeyValue { pairs } => {
            let mut changed = false;
            let mut remove = None;
            for (index, pair) in pairs.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(&mut pair.key)
                                .desired_width(90.0)
                                .hint_text("名称"),
                        )
                        .changed();
                    ui.label("：");
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(&mut pair.value)
                                .desired_width(170.0)
                                .hint_text("内容"),
                        )
                        .changed();
                    if ui.small_button("×").clicked() {
                        remove = Some(index);
                    }
                });
            }
            if let Some(index) = remove {
                pairs.remove(index);
                changed = true;
            }
            if ui.small_button("加一行").clicked() {
                pairs.push(KeyValue::default());
                changed = true;
            }
            changed
        }
        Block::Table(table) => table_editor_ui(ui, table),
        // The file and width are edited by `picture_editor_ui`.
        Block::Image { caption, .. } => text_row(ui, "图注", caption)
            .map(|new| *caption = new)
            .is_some(),
        Block::Qr {
            text,
            caption,
            size_mm,
        } => {
            let mut changed = text_row(ui, "二维码内容", text)
                .map(|new| *text = new)
                .is_some();
            changed |= text_row(ui, "说明", caption)
                .map(|new| *caption = new)
                .is_some();
            changed |= number_row(ui, "边长", *size_mm, 10.0..=500.0, " 毫米")
                .map(|new| *size_mm = new)
                .is_some();
            changed
        }
    }
}

/// The picture of an image block: its file (typed, or chosen with 选择图片…), what the file is
/// or why it cannot be used, and its printed width. Returns (选择图片… clicked, width changed).
fn picture_editor_ui(
    ui: &mut egui::Ui,
    path: &mut String,
    width_mm: &mut Option<f32>,
    base_dir: &Option<std::path::PathBuf>,
) -> (bool, bool) {
    let mut picked = false;
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label("图片文件");
        changed |= ui
            .add(
                egui::TextEdit::singleline(path)
                    .desired_width(200.0)
                    .hint_text("图片/村委会.jpg"),
            )
            .labelled_by(label.id)
            .changed();
        picked = ui.button("选择图片…").clicked();
    });
    let resolved = crate::images::resolve(path, base_dir.as_deref());
    match crate::images::probe(&resolved) {
        _ if path.trim().is_empty() => {
            ui.weak("还没有图片：点“选择图片…”。");
        }
        Ok(info) => {
            let kind = match info.kind {
                crate::images::ImageKind::Png => "PNG",
                crate::images::ImageKind::Jpeg => "JPEG",
            };
            ui.weak(format!("{kind}，{}×{} 像素", info.width_px, info.height_px));
        }
        Err(error) => {
            ui.colored_label(ui.visuals().error_fg_color, error.to_string());
        }
    }
    let mut full_width = width_mm.is_none();
    if ui.checkbox(&mut full_width, "与栏宽相同").changed() {
        *width_mm = if full_width { None } else { Some(100.0) };
        changed = true;
    }
    if let Some(width) = width_mm
        && let Some(new_width) = number_row(ui, "图片宽度", *width, 10.0..=5000.0, " 毫米")
    {
        *width = new_width;
        changed = true;
    }
    (picked, changed)
}

/// Parses cells copied from Excel/WPS: rows by line, cells by tab.
pub fn parse_tab_separated(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            line.split('\t')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// Replaces a table with pasted cells: the first row becomes the header.
pub fn table_from_pasted(text: &str) -> Option<Table> {
    let mut rows = parse_tab_separated(text);
    if rows.is_empty() {
        return None;
    }
    let columns = rows.remove(0);
    let width = rows
        .iter()
        .map(Vec::len)
        .chain([columns.len()])
        .max()
        .unwrap_or(0);
    let pad = |mut row: Vec<String>| {
        row.resize(width, String::new());
        row
    };
    Some(Table {
        columns: pad(columns),
        rows: rows.into_iter().map(pad).collect(),
        column_kinds: Vec::new(),
    })
}

/// Gives a widget without a visible label its accessible name (screen readers, tests).
fn name_widget(response: egui::Response, name: String) -> egui::Response {
    response.accessible_name(name)
}

fn table_editor_ui(ui: &mut egui::Ui, table: &mut Table) -> bool {
    let mut changed = false;
    let columns = table.columns.len();
    egui::ScrollArea::horizontal()
        .id_salt("table-grid")
        .show(ui, |ui| {
            egui::Grid::new("table-cells").striped(true).show(ui, |ui| {
                for (column, cell) in table.columns.iter_mut().enumerate() {
                    let name = format!("表头第{}列", column + 1);
                    let response = ui.add(
                        egui::TextEdit::singleline(cell)
                            .desired_width(80.0)
                            .font(egui::TextStyle::Button)
                            .hint_text(name.as_str()),
                    );
                    changed |= name_widget(response, name).changed();
                }
                ui.end_row();
                for (row_index, row) in table.rows.iter_mut().enumerate() {
                    row.resize(columns, String::new());
                    for (column, cell) in row.iter_mut().enumerate() {
                        let name = format!("第{}行第{}列", row_index + 1, column + 1);
                        let response = ui.add(
                            egui::TextEdit::singleline(cell)
                                .desired_width(80.0)
                                .hint_text(name.as_str()),
                        );
                        changed |= name_widget(response, name).changed();
                    }
                    ui.end_row();
                }
            });
        });
    ui.horizontal(|ui| {
        if ui.small_button("加行").clicked() {
            table.rows.push(vec![String::new(); columns]);
            changed = true;
        }
        if ui.small_button("删最后一行").clicked() && !table.rows.is_empty() {
            table.rows.pop();
            changed = true;
        }
        if ui.small_button("加列").clicked() {
            table.columns.push(String::new());
            table
                .rows
                .iter_mut()
                .for_each(|row| row.push(String::new()));
            changed = true;
        }
        if ui.small_button("删最后一列").clicked() && columns > 1 {
            table.columns.pop();
            table.rows.iter_mut().for_each(|row| {
                row.truncate(columns - 1);
            });
            changed = true;
        }
    });
    let paste_id = ui.make_persistent_id("table-paste");
    let mut pasted: String = ui.data(|data| data.get_temp(paste_id)).unwrap_or_default();
    let label = ui.label("从 Excel/WPS 复制单元格，粘贴到下面（第一行作表头）：");
    ui.add(
        egui::TextEdit::multiline(&mut pasted)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if ui.button("用粘贴的单元格替换表格").clicked() {
        if let Some(new_table) = table_from_pasted(&pasted) {
            *table = new_table;
            changed = true;
        }
        pasted.clear();
    }
    ui.data_mut(|data| data.insert_temp(paste_id, pasted));
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_pasted_from_a_spreadsheet_become_a_table() {
        let pasted = "项目\t金额\r\n办公费\t1,234.56\r\n差旅费\r\n\r\n";
        let table = table_from_pasted(pasted).expect("table");
        assert_eq!(table.columns, vec!["项目", "金额"]);
        assert_eq!(
            table.rows,
            vec![
                vec!["办公费".to_owned(), "1,234.56".to_owned()],
                vec!["差旅费".to_owned(), String::new()]
            ]
        );
        assert!(table_from_pasted("\n \n").is_none());
    }
}
