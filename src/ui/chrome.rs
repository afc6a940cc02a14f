//! The app's chrome: the menu bar and toolbar (made from the one command list,
//! [`super::commands::MENUS`]), the keyboard shortcuts and the status line.

use super::{Action, Command, GongkaiApp, commands};
use eframe::egui;

impl GongkaiApp {
    pub(super) fn read_shortcuts(&mut self, ctx: &egui::Context) {
        let text_focused = ctx.text_edit_focused();
        let mut fired = Vec::new();
        ctx.input_mut(|input| {
            // egui ignores extra Shift and Alt when matching, so Ctrl+Z would swallow
            // Ctrl+Shift+Z: the most specific shortcuts are tried first.
            for (command, shortcut) in commands::shortcuts_most_specific_first() {
                if text_focused && command.yields_to_text_editing() {
                    continue;
                }
                if input.consume_shortcut(&shortcut) && !fired.contains(&command) {
                    fired.push(command);
                }
            }
        });
        self.queued.extend(fired.into_iter().map(Action::Command));
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for (title, commands) in commands::MENUS {
                ui.menu_button(title, |ui| {
                    for &command in commands {
                        match command {
                            Command::OpenRecent(_) => self.recent_files_ui(ui),
                            Command::Quit => {
                                ui.separator();
                                self.command_button(ui, command);
                            }
                            _ => self.command_button(ui, command),
                        }
                    }
                    if title == "视图" {
                        self.view_menu_shell_ui(ui);
                    }
                });
            }
        });
    }

    /// 最近打开: one entry per recent file (`Command::OpenRecent` with its place).
    pub(super) fn recent_files_ui(&mut self, ui: &mut egui::Ui) {
        if self.files.recent.is_empty() {
            return;
        }
        ui.separator();
        ui.label("最近打开");
        for (index, path) in self.files.recent.iter().enumerate() {
            if ui.button(path.display().to_string()).clicked() {
                self.queued
                    .push(Action::Command(Command::OpenRecent(index)));
                ui.close();
            }
        }
    }

    pub(super) fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut_text() {
            button = button.shortcut_text(shortcut);
        }
        if ui.add_enabled(self.can_run(command), button).clicked() {
            self.queue(command);
            ui.close();
        }
    }

    pub(super) fn can_run(&self, command: Command) -> bool {
        let panels = self.selection.panel_ids.len();
        match command {
            Command::Undo => self.doc.history().can_undo(),
            Command::Redo => self.doc.history().can_redo(),
            Command::Copy | Command::Delete => panels > 0,
            Command::Paste => !self.clipboard.is_empty(),
            Command::AlignLeft | Command::AlignRight | Command::AlignTop | Command::AlignBottom => {
                panels >= 2
            }
            Command::DistributeHorizontally | Command::DistributeVertically => panels >= 3,
            _ => true,
        }
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for command in [
                Command::New,
                Command::Open,
                Command::Save,
                Command::Undo,
                Command::Redo,
            ] {
                let text = match command.icon() {
                    Some(icon) => format!("{icon} {}", command.label()),
                    None => command.label().to_owned(),
                };
                let tooltip = match command.shortcut_text() {
                    Some(shortcut) => format!("{}（{shortcut}）", command.label()),
                    None => command.label().to_owned(),
                };
                if ui
                    .add_enabled(self.can_run(command), egui::Button::new(text))
                    .on_hover_text(tooltip)
                    .clicked()
                {
                    self.queue(command);
                }
            }
            ui.separator();
            if ui.button("添加栏目").clicked() {
                self.queue(Command::AddPanel);
            }
            if ui
                .add_enabled(self.can_run(Command::Delete), egui::Button::new("删除栏目"))
                .clicked()
            {
                self.queue(Command::Delete);
            }
            ui.separator();
            for command in [Command::Export, Command::ExportAll, Command::Publish] {
                if ui.button(command.label()).clicked() {
                    self.queue(command);
                }
            }
            ui.separator();
            self.zoom_controls_ui(ui);
        });
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("单位：{}", self.doc.project().meta.unit_name));
            ui.separator();
            // The save state is always shown: a message (export done, picture placed) must
            // not hide that changes are unsaved.
            if self.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "● 有未保存的更改");
            } else if self.doc.path().is_some() {
                ui.label("已保存");
            } else {
                ui.label("未保存为文件");
            }
            if self.is_showing_sample() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "这是示例项目：青禾镇和其中的内容都是虚构的。点“新建”开始本单位的项目。",
                );
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                if notice.is_error {
                    ui.colored_label(ui.visuals().error_fg_color, &notice.text);
                } else {
                    ui.label(&notice.text);
                }
            }
        });
    }
}
