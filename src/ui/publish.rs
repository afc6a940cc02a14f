//! 发布 opens a preview first: the items to be stamped (changed since their last publication),
//! the items due with unchanged content — each with "内容无变化，照常公开" to re-confirm — and
//! what stays overdue. 发布 in the preview carries it out (stamp, log, save, archive).

use super::GongkaiApp;
use crate::schedule::{PublishDay, PublishPlan, Status, plan_publication};
use chrono::NaiveDate;
use eframe::egui;
use std::collections::BTreeSet;

/// The state of the 发布预览 window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishPreview {
    /// Due, unchanged items the clerk re-confirms.
    pub confirmed: BTreeSet<String>,
    /// 公开日期 when not today (content put up earlier, recorded late).
    pub other_day: Option<NaiveDate>,
    /// Why the 公开日期 is not today (written to the 台账).
    pub reason: String,
    /// The items 发布 would hold back (【请填写】, sample content, unmasked personal numbers), as
    /// of the revision they were found for.
    pub held: Option<(u64, Vec<crate::schedule::Held>)>,
}

impl GongkaiApp {
    /// An item's or a 明白卡's title, for the publish preview.
    fn title_of(&self, id: &str) -> String {
        let project = self.doc.project();
        project
            .item(id)
            .map(|item| item.title.clone())
            .or_else(|| project.card(id).map(|card| card.name.clone()))
            .unwrap_or_else(|| id.to_owned())
    }

    /// Opens the 发布预览 window.
    pub fn open_publish_preview(&mut self) {
        self.publish_preview = Some(PublishPreview::default());
    }

    pub(crate) fn publish_preview_ui(&mut self, ctx: &egui::Context) {
        let Some(mut preview) = self.publish_preview.take() else {
            return;
        };
        let date = preview.other_day.unwrap_or(self.today);
        let revision = self.doc.revision();
        if preview
            .held
            .as_ref()
            .is_none_or(|(for_revision, _)| *for_revision != revision)
        {
            preview.held = Some((revision, crate::jobs::held_items(self.doc.project())));
        }
        let held: Vec<crate::schedule::Held> = preview
            .held
            .as_ref()
            .map(|(_, held)| held.clone())
            .unwrap_or_default();
        let is_held = |id: &str| held.iter().any(|held| held.item_id == id);
        let mut plan: PublishPlan = plan_publication(self.doc.project(), date, &[]);
        plan.to_stamp.retain(|(id, _)| !is_held(id));
        let day = PublishDay {
            date,
            today: self.today,
            reason: preview.reason.clone(),
        };
        let refused = day.validate(self.doc.project().settings.date_style).err();
        let mut publish = false;
        let mut cancel = false;
        egui::Window::new("发布预览")
            .collapsible(false)
            .resizable(true)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    if let Some(warning) = plan.empty_boards_warning_zh() {
                        ui.colored_label(ui.visuals().warn_fg_color, warning);
                        ui.separator();
                    }
                    ui.strong(format!(
                        "将盖上公开日期{}（内容有改动或从未公开）：{} 项",
                        crate::schedule::format_date(date, self.doc.project().settings.date_style),
                        plan.to_stamp.len()
                    ));
                    if plan.to_stamp.is_empty() {
                        ui.weak("无");
                    }
                    for (_, title) in &plan.to_stamp {
                        ui.label(format!("　{title}"));
                    }
                    if !held.is_empty() {
                        ui.separator();
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "暂不盖日期（先改好再发布，导出也会拒绝）：{} 项",
                                held.len()
                            ),
                        );
                        for one in &held {
                            ui.label(format!("　{}：{}", self.title_of(&one.item_id), one.reason));
                        }
                    }
                    ui.separator();
                    ui.strong(format!("到期但内容未改：{} 项", plan.due_unchanged.len()));
                    if plan.due_unchanged.is_empty() {
                        ui.weak("无");
                    } else {
                        ui.weak("内容确实不用改的，勾选后算作今天照常公开（记入台账）；不勾选的仍然逾期。");
                    }
                    for (item_id, title, status) in &plan.due_unchanged {
                        let mut checked = preview.confirmed.contains(item_id);
                        let label = format!("{title}【{}】：内容无变化，照常公开", status.label_zh());
                        if ui.checkbox(&mut checked, label).changed() {
                            if checked {
                                preview.confirmed.insert(item_id.clone());
                            } else {
                                preview.confirmed.remove(item_id);
                            }
                        }
                    }
                    let staying: Vec<&str> = plan
                        .due_unchanged
                        .iter()
                        .filter(|(id, _, status)| {
                            !preview.confirmed.contains(id)
                                && matches!(status, Status::Overdue | Status::Stale)
                        })
                        .map(|(_, title, _)| title.as_str())
                        .collect();
                    ui.separator();
                    if staying.is_empty() {
                        ui.label("发布后没有逾期的内容。");
                    } else {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!("发布后仍逾期 {} 项：{}", staying.len(), staying.join("、")),
                        );
                    }
                });
                ui.separator();
                ui.horizontal(|ui| {
                    if let Some(Some(chosen)) = super::inspector::form::date_row_ui(
                        ui,
                        "公开日期",
                        "publish-date",
                        Some(date),
                    ) {
                        preview.other_day = (chosen != self.today).then_some(chosen);
                    }
                    if preview.other_day.is_some() && ui.button("改回今天").clicked() {
                        preview.other_day = None;
                    }
                });
                if preview.other_day.is_some() {
                    let label = ui.label("公开日期不是今天的原因（记入公开台账）");
                    ui.text_edit_singleline(&mut preview.reason)
                        .labelled_by(label.id);
                }
                if let Some(message) = &refused {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
                ui.horizontal(|ui| {
                    // With nothing to stamp, 确认发布 still completes an archive a stopped
                    // publication left unfinished (and otherwise changes nothing).
                    if ui
                        .add_enabled(refused.is_none(), egui::Button::new("确认发布"))
                        .clicked()
                    {
                        publish = true;
                    }
                    if ui.button("取消").clicked() {
                        cancel = true;
                    }
                });
            });
        if publish {
            let confirmed: Vec<String> = preview.confirmed.iter().cloned().collect();
            self.later(move |app| app.publish_now(&day, &confirmed));
        } else if !cancel {
            self.publish_preview = Some(preview);
        }
    }
}
