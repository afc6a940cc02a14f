//! The schedule dashboard (公开时效): overdue and stale items, what is due in the next 30 days,
//! the disclosure calendar, and 发布. Status badges for the outline and the canvas come from
//! here too. Clicking an item selects it on its board.

use super::{GongkaiApp, Selection};
use crate::schedule::{self, ItemSchedule, Status};
use chrono::{Datelike, NaiveDate};
use eframe::egui::{self, Color32};
use std::collections::BTreeMap;

/// How far ahead "due soon" lists look.
const LOOK_AHEAD_DAYS: i64 = 30;
/// How many months the calendar shows.
const CALENDAR_MONTHS: u32 = 12;

/// The colour of a status badge.
pub fn status_color(status: Status) -> Color32 {
    match status {
        Status::Normal => Color32::from_rgb(0x2e, 0x7d, 0x32),
        Status::DueSoon => Color32::from_rgb(0xf9, 0xa8, 0x25),
        Status::Unpublished => Color32::from_rgb(0x75, 0x75, 0x75),
        Status::Pending => Color32::from_rgb(0x15, 0x65, 0xc0),
        Status::Overdue => Color32::from_rgb(0xd3, 0x2f, 0x2f),
        Status::Stale => Color32::from_rgb(0x8e, 0x24, 0xaa),
        Status::Unplaced => Color32::from_rgb(0xe6, 0x51, 0x00),
    }
}

/// The due dates of every item within the calendar's months, by (year, month).
pub fn calendar(
    schedule: &[ItemSchedule],
    today: NaiveDate,
) -> BTreeMap<(i32, u32), Vec<(NaiveDate, String)>> {
    let mut months: BTreeMap<(i32, u32), Vec<(NaiveDate, String)>> = BTreeMap::new();
    let last = today
        .checked_add_months(chrono::Months::new(CALENDAR_MONTHS))
        .unwrap_or(today);
    for entry in schedule {
        if let Some(due) = entry.next_due
            && due <= last
        {
            months
                .entry((due.year(), due.month()))
                .or_default()
                .push((due, entry.title.clone()));
        }
    }
    for days in months.values_mut() {
        days.sort();
    }
    months
}

impl GongkaiApp {
    /// The schedule of every item today.
    pub fn schedule(&self) -> Vec<ItemSchedule> {
        schedule::project_schedule(&self.project, self.today)
    }

    /// The worst status of a panel's items (what its badge shows).
    pub fn panel_status(&self, schedule: &[ItemSchedule], item_ids: &[String]) -> Option<Status> {
        schedule
            .iter()
            .filter(|entry| item_ids.contains(&entry.item_id))
            .map(|entry| entry.status)
            .max()
    }

    /// Where an item is shown: the first board and panel that has it.
    fn selection_of_item(&self, item_id: &str) -> Option<Selection> {
        self.project.boards.iter().find_map(|board| {
            board
                .panels
                .iter()
                .find(|panel| panel.item_ids.iter().any(|id| id == item_id))
                .map(|panel| Selection::item(&board.id, &panel.id, item_id))
        })
    }

    pub(crate) fn dashboard_ui(&mut self, ui: &mut egui::Ui) {
        let schedule = self.schedule();
        let style = self.project.settings.date_style;
        ui.label(format!(
            "今天：{}",
            schedule::format_date(self.today, style)
        ));
        // Catalog entries without content: the 自查情况表 counts them as 未公开, so the
        // counts here say them too and the two agree.
        let without_content = schedule::entries_without_content(&self.project);
        ui.horizontal_wrapped(|ui| {
            for (status, count) in schedule::status_counts(&schedule) {
                // Each count whole ("内容过期 20"); the row wraps between them.
                let text = egui::RichText::new(format!("{} {count}", status.label_zh()))
                    .color(status_color(status));
                ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
            }
            if !without_content.is_empty() {
                let text = egui::RichText::new(format!("目录事项无内容 {}", without_content.len()))
                    .color(status_color(Status::Unpublished));
                ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend))
                    .on_hover_text(
                        "公开目录列出、但还没有公开内容的事项；自查情况表把它们计为未公开。",
                    );
            }
        });
        if ui
            .button("发布（盖公开日期并存档）…")
            .on_hover_text("先看将要发布什么：为改动过的内容盖上今天的公开日期，到期而内容未改的可确认照常公开；记入台账，并在项目文件旁存档。")
            .clicked()
        {
            self.open_publish_preview();
        }
        ui.separator();
        let mut clicked = None;
        let mut list = |ui: &mut egui::Ui, heading: &str, entries: Vec<&ItemSchedule>| {
            ui.strong(format!("{heading}（{}）", entries.len()));
            if entries.is_empty() {
                ui.weak("无");
            }
            for entry in entries {
                let due = entry
                    .next_due
                    .map(|date| schedule::format_date(date, style))
                    .unwrap_or_default();
                let text = egui::RichText::new(format!(
                    "【{}】{} {due}",
                    entry.status.label_zh(),
                    entry.title
                ))
                .color(status_color(entry.status));
                let response = ui.selectable_label(false, text);
                let response = if entry.note.is_empty() {
                    response
                } else {
                    response.on_hover_text(&entry.note)
                };
                if response.clicked() {
                    clicked = Some(entry.item_id.clone());
                }
            }
        };
        list(
            ui,
            &schedule::action_labels_zh(),
            schedule
                .iter()
                .filter(|entry| entry.status.needs_action())
                .collect(),
        );
        let horizon = self.today + chrono::Duration::days(LOOK_AHEAD_DAYS);
        list(
            ui,
            "30 天内到期",
            schedule
                .iter()
                .filter(|entry| !entry.status.needs_action())
                .filter(|entry| {
                    entry
                        .next_due
                        .is_some_and(|due| due >= self.today && due <= horizon)
                })
                .collect(),
        );
        list(
            ui,
            "未公开（已有内容）",
            schedule
                .iter()
                .filter(|entry| entry.status == Status::Unpublished)
                .collect(),
        );
        // The 自查情况表 counts these as 未公开 too: say them here, so the numbers agree.
        ui.strong(format!(
            "目录中尚无公开内容的事项（{}）",
            without_content.len()
        ))
        .on_hover_text("公开目录列出、但项目里还没有公开内容的事项；自查情况表把它们计为未公开。");
        if without_content.is_empty() {
            ui.weak("无");
        }
        for name in &without_content {
            ui.colored_label(status_color(Status::Unpublished), name);
        }
        ui.separator();
        ui.strong("公开日历");
        for ((year, month), days) in calendar(&schedule, self.today) {
            egui::CollapsingHeader::new(format!("{year}年{month}月（{} 项）", days.len()))
                .id_salt(("calendar", year, month))
                .show(ui, |ui| {
                    for (date, title) in days {
                        ui.label(format!("{}日　{title}", date.day()));
                    }
                });
        }
        if let Some(item_id) = clicked
            && let Some(selection) = self.selection_of_item(&item_id)
        {
            self.selection = selection;
        }
    }

    /// 发布: stamps today's 公开日期 on changed items (and on the `confirmed` due, unchanged
    /// ones), logs it, writes the archive and then saves (`jobs::archive_before_save`): when
    /// the archive or the save fails, the publication is taken back whole — the project stays
    /// as it was, the archive just written is removed, and the clerk is told.
    pub fn publish_now(&mut self, confirmed: &[String]) {
        let Some(path) = self.path.clone() else {
            self.warn("请先保存项目（发布时要在项目文件旁存档）。");
            self.files.show(super::FilePurpose::SaveAs, None);
            return;
        };
        let before = self.project.clone();
        let mut published = self.project.clone();
        let outcome = schedule::publish_confirmed(&mut published, self.today, &[], confirmed);
        let pending = match crate::jobs::archive_before_save(&outcome, &published, &path) {
            Ok(pending) => pending,
            Err(error) => {
                self.warn(crate::jobs::PublicationError::Archive(error).to_string());
                return;
            }
        };
        self.project = published;
        if outcome.logged {
            self.save_to(&path);
            if self.is_dirty() {
                pending.undo();
                let why = self
                    .notice
                    .as_ref()
                    .filter(|notice| notice.is_error)
                    .map(|notice| notice.text.clone());
                self.project = before;
                let said = match (why, &self.disk_conflict) {
                    (_, Some(_)) => "项目文件已被其他程序改动".to_owned(),
                    (Some(why), None) => why,
                    (None, None) => "未能保存".to_owned(),
                };
                self.warn(format!(
                    "发布未完成：{}。本次发布没有记入台账（已写的存档已撤回）。",
                    said.trim_end_matches('。')
                ));
                return;
            }
        }
        if before != self.project {
            self.history.record(before);
        }
        match pending.keep() {
            None => self.say(outcome.summary_zh()),
            Some(archive) => {
                let mut said = format!(
                    "{}；已存档到 {}",
                    outcome.summary_zh().trim_end_matches('。'),
                    archive.dir.display()
                );
                for note in archive.notes.iter().filter(|note| note.starts_with("补写")) {
                    said.push_str(&format!("；{note}"));
                }
                self.say(said);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cadence;

    fn entry(title: &str, due: Option<NaiveDate>) -> ItemSchedule {
        ItemSchedule {
            item_id: title.to_owned(),
            title: title.to_owned(),
            cadence: Cadence::Annual,
            status: Status::Normal,
            last_published: None,
            next_due: due,
            note: String::new(),
        }
    }

    #[test]
    fn the_calendar_groups_due_dates_by_month_within_a_year() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).expect("date");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let schedule = vec![
            entry("收费标准", day(2027, 3, 1)),
            entry("财务收支", day(2027, 3, 1)),
            entry("社会救助", day(2026, 12, 10)),
            entry("太远", day(2028, 3, 1)),
            entry("长期", None),
        ];
        let months = calendar(&schedule, today);
        assert_eq!(
            months.keys().copied().collect::<Vec<_>>(),
            vec![(2026, 12), (2027, 3)]
        );
        assert_eq!(months[&(2027, 3)].len(), 2);
    }
}
