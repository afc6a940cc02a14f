//! The schedule dashboard (公开时效): overdue and stale items, what is due in the next 30 days,
//! the disclosure calendar, and 发布. Status badges for the outline and the canvas come from
//! here too. Clicking an item selects it on its board.

use super::{GongkaiApp, Selection};
use crate::model::{MonthDay, Settings};
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
        Status::AwaitingDecision => Color32::from_rgb(0x00, 0x83, 0x8f),
        Status::NoticeEnded => Color32::from_rgb(0xad, 0x14, 0x57),
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
        self.doc.project().boards.iter().find_map(|board| {
            board
                .panels
                .iter()
                .find(|panel| panel.item_ids.iter().any(|id| id == item_id))
                .map(|panel| Selection::item(&board.id, &panel.id, item_id))
        })
    }

    pub(crate) fn dashboard_ui(&mut self, ui: &mut egui::Ui) {
        let schedule = self.schedule();
        let style = self.doc.project().settings.date_style;
        let view_day = self.view_day();
        ui.label(format!(
            "今天：{}",
            schedule::format_date(self.today, style)
        ));
        ui.horizontal(|ui| {
            if let Some(Some(day)) =
                super::inspector::form::date_row_ui(ui, "查看日期", "view-day", Some(view_day))
            {
                self.view_day = (day != self.today).then_some(day);
            }
            if self.view_day.is_some() && ui.button("回到今天").clicked() {
                self.view_day = None;
            }
        });
        if self.view_day.is_some() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "正在查看{}的公开时效（状态、发布预览和公开栏下次公开日期都按这一天计算）。",
                    schedule::format_date(view_day, style)
                ),
            );
        }
        for line in crate::jobs::board_dates_lines(self.doc.project(), view_day) {
            ui.label(line);
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("公开时效设置…")
                .on_hover_text("固定公开日、法定节假日和调休、征求意见天数、决议和实施结果期限")
                .clicked()
            {
                self.calendar_settings = Some(CalendarSettingsDraft::from_settings(
                    &self.doc.project().settings,
                ));
            }
            if ui
                .button("自查情况表…")
                .on_hover_text("选择季度或期间，填写自查情况总结，生成自查情况表（A4）")
                .clicked()
            {
                self.self_check_open = true;
            }
        });
        // Catalog entries without content: the 自查情况表 counts them as 未公开, so the
        // counts here say them too and the two agree.
        let without_content = schedule::entries_without_content(self.doc.project());
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
        let horizon = view_day + chrono::Duration::days(LOOK_AHEAD_DAYS);
        list(
            ui,
            "30 天内到期",
            schedule
                .iter()
                .filter(|entry| !entry.status.needs_action())
                .filter(|entry| {
                    entry
                        .next_due
                        .is_some_and(|due| due >= view_day && due <= horizon)
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
        for ((year, month), days) in calendar(&schedule, view_day) {
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

    /// 发布: stamps the 公开日期 of `day` (today, or another day with its reason) on changed
    /// items (and on the `confirmed` due, unchanged ones), logs it, writes the archive and then
    /// saves (`jobs::archive_before_save`): when the archive or the save fails, the publication
    /// is taken back whole — the project stays as it was, the archive just written is removed,
    /// and the clerk is told. A day refused (another day without a reason, a day to come)
    /// changes nothing.
    pub fn publish_now(&mut self, day: &schedule::PublishDay, confirmed: &[String]) {
        let Some(path) = self.doc.path().map(std::path::Path::to_path_buf) else {
            self.warn("请先保存项目（发布时要在项目文件旁存档）。");
            self.files.show(super::FilePurpose::SaveAs, None);
            return;
        };
        let mut published = self.doc.project().clone();
        let outcome = match crate::jobs::publish_project(&mut published, day, &[], confirmed) {
            Ok(outcome) => outcome,
            Err(message) => {
                self.warn(message);
                return;
            }
        };
        let pending = match crate::jobs::archive_before_save(&outcome, &published, &path) {
            Ok(pending) => pending,
            Err(error) => {
                self.warn(crate::jobs::PublicationError::Archive(error).to_string());
                return;
            }
        };
        // One undo step; taken back whole (with no redo) when the save fails.
        let changed = self.doc.replace_as_step(published);
        if outcome.logged {
            self.save_to(&path);
            if self.is_dirty() {
                pending.undo();
                let why = self
                    .notice
                    .as_ref()
                    .filter(|notice| notice.is_error)
                    .map(|notice| notice.text.clone());
                if changed {
                    self.doc.take_back_last_step();
                }
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
        let said = match pending.keep() {
            None => outcome.summary_zh(),
            Some(archive) => {
                let mut said = format!("已存档到 {}", archive.dir.display());
                for note in archive.notes.iter().filter(|note| note.starts_with("补写")) {
                    said.push_str(&format!("；{note}"));
                }
                format!("{}{said}。", outcome.summary_zh())
            }
        };
        // Items held back (a 【请填写】 or a personal number left) are a warning to act on.
        if outcome.held.is_empty() {
            self.say(said);
        } else {
            self.warn(said);
        }
    }
}

impl GongkaiApp {
    /// The 公开时效设置 window: fixed disclosure days, holidays and 调休, the periods of
    /// one-off items; 应用 sets them as one undoable edit.
    pub(crate) fn calendar_settings_ui(&mut self, ctx: &egui::Context) {
        let Some(mut draft) = self.calendar_settings.take() else {
            return;
        };
        let mut apply = false;
        let mut close = false;
        egui::Window::new("公开时效设置")
            .collapsible(false)
            .resizable(true)
            .default_width(460.0)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(520.0)
                    .show(ui, |ui| {
                        let label = ui.label("固定公开日（月-日，逗号分隔）");
                        ui.text_edit_singleline(&mut draft.disclosure_days)
                            .labelled_by(label.id);
                        if let Ok(settings) = draft.apply_to(&self.doc.project().settings) {
                            for cadence in [
                                crate::model::Cadence::Annual,
                                crate::model::Cadence::HalfYearly,
                            ] {
                                ui.weak(schedule::cadence::cadence_label_zh(cadence, &settings));
                            }
                        }
                        for (text, value) in [
                            ("征求意见天数（预公开）", &mut draft.pre_publication_days),
                            (
                                "决议期限：征求意见截止后几天内公开决议（空着：无期限，待决议）",
                                &mut draft.decision_due_days,
                            ),
                            (
                                "实施结果期限：决议后几天内公开实施结果",
                                &mut draft.result_due_days,
                            ),
                        ] {
                            let label = ui.label(text);
                            ui.text_edit_singleline(value).labelled_by(label.id);
                        }
                        let label = ui.label("开始公开日期（YYYY-MM-DD；空着即用建项目的日子）");
                        ui.text_edit_singleline(&mut draft.disclosure_start)
                            .labelled_by(label.id);
                        let start = schedule::disclosure_start(self.doc.project())
                            .map(|day| schedule::format_date(day, self.doc.project().settings.date_style))
                            .unwrap_or_else(|| "未知".to_owned());
                        ui.weak(format!(
                            "从未公开的事项，自开始公开（现为{start}）起满一个公开周期（月度一个月、季度三个月、半年六个月、年度十二个月，长期公开一个月）仍未公开即为逾期。"
                        ));
                        ui.separator();
                        ui.weak(crate::model::SHIPPED_NOTE_ZH);
                        let label =
                            ui.label("法定节假日（每行一天或一段：2026-02-15..2026-02-23）");
                        ui.add(egui::TextEdit::multiline(&mut draft.holidays).desired_rows(6))
                            .labelled_by(label.id);
                        let label = ui.label("调休上班日（周末上班，每行一天）");
                        ui.add(
                            egui::TextEdit::multiline(&mut draft.makeup_workdays).desired_rows(4),
                        )
                        .labelled_by(label.id);
                        ui.weak("“随时”公开的工作日期限跳过节假日，算上调休上班日。");
                    });
                if let Some(error) = &draft.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    if ui.button("应用").clicked() {
                        apply = true;
                    }
                    if ui.button("关闭").clicked() {
                        close = true;
                    }
                });
            });
        if apply {
            match draft.apply_to(&self.doc.project().settings) {
                Ok(settings) => {
                    self.later(move |app| {
                        if app.apply_edit(crate::model::Edit::SetSettings(settings)) {
                            app.say("已更新公开时效设置（可撤销）。");
                        }
                    });
                    return;
                }
                Err(error) => draft.error = Some(error),
            }
        }
        if !close {
            self.calendar_settings = Some(draft);
        }
    }

    /// The 自查情况表 window: the quarter (or a period typed), the 自查情况总结 kept in the
    /// project, and 生成.
    pub(crate) fn self_check_ui(&mut self, ctx: &egui::Context) {
        if !self.self_check_open {
            return;
        }
        let view_day = self.view_day();
        let style = self.doc.project().settings.date_style;
        let mut period = self
            .self_check_period
            .unwrap_or_else(|| schedule::Period::quarter_of(view_day));
        let mut open = true;
        let mut generate = false;
        egui::Window::new("自查情况表")
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .open(&mut open)
            .collapsible(false)
            .resizable(true)
            .default_width(480.0)
            .show(ctx, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label("季度：");
                    let year = view_day.year();
                    for (year, quarter) in [year - 1, year]
                        .into_iter()
                        .flat_map(|year| (1..=4).map(move |quarter| (year, quarter)))
                    {
                        let Some(candidate) = schedule::Period::quarter(year, quarter) else {
                            continue;
                        };
                        if candidate.from > view_day {
                            continue;
                        }
                        if ui
                            .selectable_label(period == candidate, format!("{year}年{quarter}季度"))
                            .clicked()
                        {
                            period = candidate;
                        }
                    }
                });
                let mut from = Some(period.from);
                let mut to = Some(period.to);
                if let Some(day) =
                    super::inspector::form::date_row_ui(ui, "起", "self-check-from", from)
                {
                    from = day;
                }
                if let Some(day) =
                    super::inspector::form::date_row_ui(ui, "止", "self-check-to", to)
                {
                    to = day;
                }
                if let (Some(from), Some(to)) = (from, to)
                    && from <= to
                {
                    period = schedule::Period { from, to };
                }
                ui.label(format!("自查期间：{}", period.label_zh(style)));
                let published = schedule::publications_in(self.doc.project(), &period);
                ui.weak(format!("台账中本期发布 {} 次。", published.len()));
                if let Some(summary) = super::inspector::form::text_area_ui(
                    ui,
                    "自查情况总结（印在表末，随项目保存）",
                    &self.doc.project().self_check_summary,
                    5,
                ) {
                    self.queue_gesture_edit(crate::model::Edit::SetSelfCheckSummary(summary));
                }
                if ui.button("生成自查情况表（A4）…").clicked() {
                    generate = true;
                }
            });
        self.self_check_period = Some(period);
        self.self_check_open = open && !generate;
        if generate {
            self.queue(super::Command::SelfCheckReport);
        }
    }
}

/// The 公开时效设置 being edited: the fixed disclosure days, the holiday lists and the periods
/// of one-off items, as text the clerk types (applied as one edit by 应用).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CalendarSettingsDraft {
    /// "3-1, 8-31".
    pub disclosure_days: String,
    /// One date or range a line: "2026-02-15..2026-02-23".
    pub holidays: String,
    pub makeup_workdays: String,
    pub pre_publication_days: String,
    /// Empty: no rule sets a deadline for the decision.
    pub decision_due_days: String,
    pub result_due_days: String,
    /// 开始公开 (YYYY-MM-DD); empty: the day the project was made.
    pub disclosure_start: String,
    /// Why the last 应用 was refused.
    pub error: Option<String>,
}

impl CalendarSettingsDraft {
    pub fn from_settings(settings: &Settings) -> Self {
        CalendarSettingsDraft {
            disclosure_days: settings
                .disclosure_days
                .iter()
                .map(|day| format!("{}-{}", day.month, day.day))
                .collect::<Vec<_>>()
                .join(", "),
            holidays: date_lines(&settings.holidays),
            makeup_workdays: date_lines(&settings.makeup_workdays),
            pre_publication_days: settings.pre_publication_days.to_string(),
            decision_due_days: settings
                .decision_due_days
                .map(|days| days.to_string())
                .unwrap_or_default(),
            result_due_days: settings.result_due_days.to_string(),
            disclosure_start: settings
                .disclosure_start
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            error: None,
        }
    }

    /// The settings with the draft applied, or what is wrong (in Chinese).
    pub fn apply_to(&self, settings: &Settings) -> Result<Settings, String> {
        let mut disclosure_days = Vec::new();
        for part in self
            .disclosure_days
            .split([',', '，', '、', ' '])
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let (month, day) = part
                .split_once(['-', '/', '月'])
                .ok_or_else(|| format!("公开日“{part}”应写作 月-日，例如 3-1"))?;
            let month: u32 = month
                .trim()
                .parse()
                .map_err(|_| format!("公开日“{part}”的月份无效"))?;
            let day: u32 = day
                .trim()
                .trim_end_matches('日')
                .parse()
                .map_err(|_| format!("公开日“{part}”的日期无效"))?;
            if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
                return Err(format!("公开日“{part}”不存在"));
            }
            disclosure_days.push(MonthDay::new(month, day));
        }
        if disclosure_days.is_empty() {
            return Err("至少要有一个固定公开日，例如 3-1, 8-31".to_owned());
        }
        let days = |text: &str, what: &str| -> Result<u32, String> {
            text.trim()
                .parse::<u32>()
                .ok()
                .filter(|days| (1..=3650).contains(days))
                .ok_or_else(|| format!("{what}应为 1 到 3650 之间的天数"))
        };
        let decision_due_days = if self.decision_due_days.trim().is_empty() {
            None
        } else {
            Some(days(&self.decision_due_days, "决议期限")?)
        };
        Ok(Settings {
            disclosure_days,
            holidays: parse_date_lines(&self.holidays, "节假日")?,
            makeup_workdays: parse_date_lines(&self.makeup_workdays, "调休上班日")?,
            pre_publication_days: days(&self.pre_publication_days, "征求意见天数")?,
            decision_due_days,
            result_due_days: days(&self.result_due_days, "实施结果期限")?,
            disclosure_start: match self.disclosure_start.trim() {
                "" => None,
                text => Some(
                    schedule::dates::parse_iso_date(text)
                        .map_err(|error| format!("开始公开：{error}"))?,
                ),
            },
            ..settings.clone()
        })
    }
}

/// Dates one a line, consecutive days as "from..to".
fn date_lines(dates: &[NaiveDate]) -> String {
    let mut sorted = dates.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut lines: Vec<String> = Vec::new();
    let mut run: Option<(NaiveDate, NaiveDate)> = None;
    let iso = |date: NaiveDate| date.format("%Y-%m-%d").to_string();
    for date in sorted {
        run = match run {
            Some((from, to)) if to.succ_opt() == Some(date) => Some((from, date)),
            Some((from, to)) => {
                lines.push(if from == to {
                    iso(from)
                } else {
                    format!("{}..{}", iso(from), iso(to))
                });
                Some((date, date))
            }
            None => Some((date, date)),
        };
    }
    if let Some((from, to)) = run {
        lines.push(if from == to {
            iso(from)
        } else {
            format!("{}..{}", iso(from), iso(to))
        });
    }
    lines.join("\n")
}

/// Reads dates one a line, "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD" (at most a year a line).
fn parse_date_lines(text: &str, what: &str) -> Result<Vec<NaiveDate>, String> {
    let mut dates = Vec::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        let period = schedule::parse_period(line)
            .or_else(|_| {
                schedule::dates::parse_iso_date(line)
                    .map(|day| schedule::Period { from: day, to: day })
            })
            .map_err(|_| format!("{what}“{line}”应写作 2026-02-15 或 2026-02-15..2026-02-23"))?;
        if (period.to - period.from).num_days() > 366 {
            return Err(format!("{what}“{line}”跨度超过一年"));
        }
        let mut day = period.from;
        while day <= period.to {
            dates.push(day);
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
    }
    dates.sort();
    dates.dedup();
    Ok(dates)
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
