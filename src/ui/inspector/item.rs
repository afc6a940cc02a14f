//! The inspector of an item: title, catalog entry and its 标准目录 fields, disclosure stage
//! and dates, and the content (see `blocks`).

use super::super::GongkaiApp;
use super::form::{choice_row_ui, date_row_ui, number_row_ui, text_row_ui};
use crate::model::{
    Audience, Cadence, Channel, DirectoryFields, DisclosureMode, Edit, Item, Scope, Stage,
};
use eframe::egui;

impl GongkaiApp {
    pub(super) fn item_inspector_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let item_id = item.id.clone();
        ui.horizontal(|ui| {
            ui.strong("公开事项");
            if ui
                .button("删除事项")
                .on_hover_text("从项目中删除这项内容（所有栏目中都不再显示；可撤销）")
                .clicked()
            {
                let title = item.title.clone();
                let item_id = item_id.clone();
                self.later(move |app| {
                    if app.apply_edit(Edit::RemoveItem { item_id }) {
                        app.selection.item_id = None;
                        app.selection.panel_ids.clear();
                        app.say(format!("已删除“{title}”（可撤销）。"));
                    }
                });
            }
        });
        if self.doc.project().item(&item_id).is_none() {
            return;
        }
        if self
            .unplaced_items()
            .iter()
            .any(|unplaced| unplaced.id == item_id)
        {
            self.place_item_ui(ui, &item_id);
        }
        if let Some(title) = text_row_ui(ui, "事项名称", &item.title) {
            self.queue_gesture_edit(Edit::RenameItem {
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
        let target = crate::model::SourceTarget::Table(item.id.clone());
        if let Some(path) = self
            .doc
            .project()
            .source(&target)
            .map(|source| source.path.clone())
        {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("表格数据来自 {path}"));
                if ui.button("从源文件更新").clicked() {
                    self.start_source_update(target.clone());
                }
            });
        }
        self.blocks_ui(ui, item);
    }

    /// 未上栏: which panel to show the item on.
    fn place_item_ui(&mut self, ui: &mut egui::Ui, item_id: &str) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "未上栏：没有栏目显示这项内容，它不会印在公开栏上。",
        );
        let mut chosen = None;
        egui::ComboBox::new(("place-item", item_id), "放到栏目")
            .selected_text("选择栏目…")
            .show_ui(ui, |ui| {
                for board in &self.doc.project().boards {
                    ui.label(egui::RichText::new(&board.name).weak());
                    for panel in &board.panels {
                        if ui
                            .selectable_label(false, format!("　{}", panel.title))
                            .clicked()
                        {
                            chosen = Some((board.id.clone(), panel.id.clone()));
                        }
                    }
                }
            });
        if let Some((board_id, panel_id)) = chosen {
            let item_id = item_id.to_owned();
            self.later(move |app| app.place_item(&item_id, &board_id, &panel_id));
        }
    }

    fn entry_picker_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let current = self
            .doc
            .project()
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
                    for category in &self.doc.project().catalog.categories {
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
        let Some(entry) = self.doc.project().entry_of(item).cloned() else {
            ui.label("先为本事项选择目录事项，才能填写公开依据、时限等。");
            return;
        };
        let users = self
            .doc
            .project()
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
            if let Some(text) = text_row_ui(ui, label, value) {
                *value = text;
                changed = true;
            }
        }
        ui.horizontal(|ui| {
            egui::ComboBox::new(("cadence", &entry.id), "公开时限")
                .selected_text(crate::schedule::cadence::cadence_label_zh(
                    fields.cadence,
                    &self.doc.project().settings,
                ))
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
        changed |= choice_row_ui(
            ui,
            "公开对象",
            &mut fields.audience,
            [Audience::Public, Audience::SpecificGroup].map(|a| (a, a.label_zh())),
        );
        changed |= choice_row_ui(
            ui,
            "公开方式",
            &mut fields.mode,
            [DisclosureMode::Proactive, DisclosureMode::OnRequest].map(|m| (m, m.label_zh())),
        );
        changed |= choice_row_ui(
            ui,
            "公开范围",
            &mut fields.scope,
            [Scope::External, Scope::Internal].map(|scope| (scope, scope.label_zh())),
        );
        if changed {
            self.queue_gesture_edit(Edit::SetEntryFields {
                entry_id: entry.id.clone(),
                fields,
            });
        }
    }

    fn disclosure_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        let mut disclosure = item.disclosure.clone();
        let mut changed = false;
        changed |= choice_row_ui(
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
        // 公开日期 is what a publication recorded: shown, never typed (发布 sets it).
        let style = self.doc.project().settings.date_style;
        ui.horizontal(|ui| {
            ui.label("公开日期");
            match disclosure.published_on {
                Some(on) => ui.label(crate::schedule::format_date(on, style)),
                None => ui.weak("未公开"),
            }
            .on_hover_text("发布时自动记录（公开时效 → 发布），不能直接修改。");
        });
        for (label, salt, date) in [
            ("预公开日期", "pre", &mut disclosure.pre_published_on),
            ("决议日期", "decided", &mut disclosure.decided_on),
            ("实施结果日期", "result", &mut disclosure.result_on),
            ("事件日期（随时公开）", "event", &mut disclosure.event_on),
            ("公示期截止日期", "notice", &mut disclosure.notice_until),
        ] {
            if let Some(value) = date_row_ui(ui, label, &format!("{id}-{salt}"), *date) {
                *date = value;
                changed = true;
            }
        }
        let mut comment_days = disclosure
            .comment_days
            .unwrap_or(self.doc.project().settings.pre_publication_days)
            as f32;
        if let Some(days) = number_row_ui(ui, "征求意见天数", comment_days, 1.0..=365.0, " 天")
        {
            comment_days = days;
            disclosure.comment_days = Some(comment_days.round() as u32);
            changed = true;
        }
        if disclosure.stage == Stage::Decision {
            let result_days = disclosure
                .result_due_days
                .unwrap_or(self.doc.project().settings.result_due_days)
                as f32;
            if let Some(days) = number_row_ui(
                ui,
                "决议后几天内公开实施结果",
                result_days,
                1.0..=3650.0,
                " 天",
            ) {
                disclosure.result_due_days = Some(days.round() as u32);
                changed = true;
            }
        }
        let stage_lines = crate::schedule::stage_lines(item, self.doc.project());
        if !stage_lines.is_empty() {
            ui.weak(format!("印在公开栏上：{}", stage_lines.join("；")));
        }
        if let Some(responsible) = text_row_ui(ui, "责任人", &item.responsible) {
            self.queue_gesture_edit(Edit::SetItemResponsible {
                item_id: item.id.clone(),
                responsible,
            });
        }
        if item.responsible.trim().is_empty() {
            let fields = self.doc.project().fields_of(item);
            let fallback = crate::schedule::responsible_of(self.doc.project(), item, &fields);
            if fallback.is_empty() {
                ui.weak("未填写：自查情况表的责任人一栏将空着（可在单位信息中填写默认责任人）。");
            } else {
                ui.weak(format!("未填写时为：{fallback}"));
            }
        }
        if changed {
            self.queue_gesture_edit(Edit::SetItemDisclosure {
                item_id: item.id.clone(),
                disclosure,
            });
        }
    }
}
