//! "保存更改？": what waits for the clerk's answer (new, open, close), and quitting.

use super::{GongkaiApp, files};
use eframe::egui;
use std::path::PathBuf;

/// What to do once the clerk has answered "save the changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAction {
    New,
    Open(Option<PathBuf>),
    Close,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfirmAnswer {
    Save,
    Discard,
    Cancel,
}

impl GongkaiApp {
    pub(super) fn confirm_ui(&mut self, ctx: &egui::Context) {
        if ctx.input(|input| input.viewport().close_requested())
            && self.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(PendingAction::Close);
        }
        let Some(action) = self.confirm.clone() else {
            return;
        };
        let mut answer = None;
        egui::Window::new("保存更改？")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(format!(
                    "“{}”有未保存的更改。要先保存吗？",
                    self.doc
                        .path()
                        .and_then(|path| path.file_name())
                        .map(|name| name.to_string_lossy().into_owned())
                        .unwrap_or_else(|| "未命名项目".to_owned())
                ));
                ui.horizontal(|ui| {
                    if ui.button("保存").clicked() {
                        answer = Some(ConfirmAnswer::Save);
                    }
                    if ui.button("不保存").clicked() {
                        answer = Some(ConfirmAnswer::Discard);
                    }
                    if ui.button("取消").clicked() {
                        answer = Some(ConfirmAnswer::Cancel);
                    }
                });
            });
        let Some(answer) = answer else {
            return;
        };
        self.confirm = None;
        match answer {
            ConfirmAnswer::Cancel => {}
            ConfirmAnswer::Save => {
                self.save();
                if !self.is_dirty() {
                    self.carry_out(action, ctx);
                }
            }
            ConfirmAnswer::Discard => {
                self.doc.forget_changes();
                self.carry_out(action, ctx);
            }
        }
    }

    /// 文件 → 退出: asks about unsaved changes first, as closing the window does (the window
    /// closes after the frame).
    pub(crate) fn request_quit(&mut self) {
        if self.is_dirty() {
            self.confirm = Some(PendingAction::Close);
        } else {
            self.quit_now = true;
        }
    }

    pub(super) fn carry_out(&mut self, action: PendingAction, ctx: &egui::Context) {
        match action {
            PendingAction::New => self.request_new(),
            PendingAction::Open(path) => self.request_open(path),
            PendingAction::Close => {
                self.close_confirmed = true;
                files::remove_recovery_file(&self.files);
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
