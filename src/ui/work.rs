//! 本期工作: what this month's round still needs besides the 检查结果 below it (which already
//! name what blocks printing, overdue or stale items and changed sources): items falling due
//! soon (each selects its item), content not yet published (opens 发布…), the last 全部导出
//! older than the project's changes (exports again). Worked out once per change of the project
//! (or of the day looked at), never per frame.

use super::{GongkaiApp, Selection};
use crate::schedule::{Status, item_schedule, plan_publication};
use eframe::egui;

/// One line of the list and where a click goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkLine {
    pub text: String,
    pub action: WorkAction,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkAction {
    /// Select the item (on the board that shows it).
    Item(String),
    /// Open the 发布 preview.
    Publish,
    /// 全部导出 again.
    ExportAll,
}

/// The list as last worked out, and for which project revision, day and save state.
#[derive(Clone, Debug, Default)]
pub struct WorkCache {
    key: Option<(u64, chrono::NaiveDate, bool, Option<u64>)>,
    pub lines: Vec<WorkLine>,
    /// The project's revision when this session last exported everything.
    pub exported_at: Option<u64>,
}

/// The latest 全部导出 folder's list beside the project (its modification time), if any.
fn last_export_all(project_path: &std::path::Path) -> Option<std::time::SystemTime> {
    let dir = project_path.parent()?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().contains("-全部导出-"))
        .filter_map(|entry| {
            std::fs::metadata(entry.path().join(crate::jobs::export_all::LIST_NAME))
                .and_then(|meta| meta.modified())
                .ok()
        })
        .max()
}

impl GongkaiApp {
    /// The 本期工作 lines for the project as it is now.
    pub fn work_lines(&mut self) -> Vec<WorkLine> {
        let key = (
            self.doc.revision(),
            self.view_day(),
            self.is_dirty(),
            self.work.exported_at,
        );
        if self.work.key != Some(key) {
            self.work.lines = self.compute_work_lines();
            self.work.key = Some(key);
        }
        self.work.lines.clone()
    }

    fn compute_work_lines(&self) -> Vec<WorkLine> {
        let project = self.doc.project();
        let day = self.view_day();
        let mut lines = Vec::new();
        for item in &project.items {
            let row = item_schedule(project, item, day);
            // Overdue and stale items are 检查结果 already: here what falls due soon.
            if row.status != Status::DueSoon {
                continue;
            }
            let when = row
                .next_due
                .map(|date| crate::schedule::format_date(date, project.settings.date_style))
                .map_or(String::new(), |date| format!("（应公开日期 {date}）"));
            lines.push(WorkLine {
                text: format!("{}：{}{when}", row.status.label_zh(), row.title),
                action: WorkAction::Item(item.id.clone()),
            });
        }
        let unpublished = plan_publication(project, day, &[]).to_stamp.len();
        if unpublished > 0 {
            lines.push(WorkLine {
                text: format!("{unpublished} 项改动或新内容未发布：点此“发布…”"),
                action: WorkAction::Publish,
            });
        }
        if let Some(path) = self.doc.path()
            && let Some(exported) = last_export_all(path)
        {
            let stale = match self.work.exported_at {
                // Exported in this session: any change since.
                Some(revision) => revision != self.doc.revision(),
                // Exported earlier: the file saved since, or changes not saved yet.
                None => {
                    let saved = std::fs::metadata(path)
                        .and_then(|meta| meta.modified())
                        .ok();
                    self.is_dirty() || saved.is_some_and(|saved| saved > exported)
                }
            };
            if stale {
                lines.push(WorkLine {
                    text: "上次全部导出的文件早于项目的改动：点此重新“全部导出”".to_owned(),
                    action: WorkAction::ExportAll,
                });
            }
        }
        lines
    }

    /// The list, each line a link to its place.
    pub(crate) fn work_list_ui(&mut self, ui: &mut egui::Ui) {
        let lines = self.work_lines();
        ui.horizontal(|ui| {
            ui.strong("本期工作");
            if lines.is_empty() {
                ui.label("没有即将到期或未发布的内容；要处理的问题见下方检查结果。");
            }
        });
        for line in lines {
            let text = egui::RichText::new(&line.text).color(ui.visuals().warn_fg_color);
            if ui.selectable_label(false, text).clicked() {
                match line.action {
                    WorkAction::Item(item_id) => self.select_item_anywhere(&item_id),
                    // Run after the frame, as the toolbar's buttons are.
                    WorkAction::Publish => self.queue(super::Command::Publish),
                    WorkAction::ExportAll => self.queue(super::Command::ExportAll),
                }
            }
        }
    }

    /// The item selected on the first board with a panel showing it (the item alone, on the
    /// first board, when none does).
    fn select_item_anywhere(&mut self, item_id: &str) {
        let project = self.doc.project();
        let placed = project.boards.iter().find_map(|board| {
            board
                .panels
                .iter()
                .find(|panel| panel.item_ids.iter().any(|id| id == item_id))
                .map(|panel| Selection::item(&board.id, &panel.id, item_id))
        });
        self.selection = placed.unwrap_or_else(|| Selection {
            item_id: Some(item_id.to_owned()),
            ..project
                .boards
                .first()
                .map(|board| Selection::board(&board.id))
                .unwrap_or_default()
        });
    }
}
