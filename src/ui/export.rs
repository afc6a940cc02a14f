//! The export dialog's options and the export itself (wired to `crate::pdf` when it lands).

use super::GongkaiApp;
use eframe::egui;
use std::path::Path;

impl GongkaiApp {
    pub(crate) fn export_options_ui(&mut self, ui: &mut egui::Ui) {
        ui.label("导出整块公开栏（实际尺寸）。");
    }

    pub(crate) fn export_to(&mut self, path: &Path) {
        self.warn(format!(
            "暂不能导出到 {}：PDF 导出尚未完成。",
            path.display()
        ));
    }
}
