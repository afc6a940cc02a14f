//! The inspector of a board: name, size, reading distance, header, footer, type and colours.

use super::super::GongkaiApp;
use super::form::{color_row_ui, number_row_ui, text_row_ui, text_style_ui};
use crate::catalog::BOARD_PRESETS;
use crate::model::{Board, Edit, SizeMm};
use eframe::egui;

/// A board's sides in the inspector: from a 100 mm wall unit to the longest the model takes.
const BOARD_SIDE_MM: std::ops::RangeInclusive<f32> =
    100.0..=crate::model::limits::MAX_BOARD_SIDE_MM;

impl GongkaiApp {
    pub(super) fn board_inspector_ui(&mut self, ui: &mut egui::Ui, board: &Board) {
        let board_id = board.id.clone();
        egui::CollapsingHeader::new("单位信息")
            .id_salt("unit-info-inspector")
            .show(ui, |ui| {
                let village = self.is_village_project();
                if let Some(meta) =
                    crate::ui::new_project::unit_info_form_ui(ui, &self.doc.project().meta, village)
                {
                    self.queue_gesture_edit(Edit::SetMeta(meta));
                }
            });
        ui.separator();
        ui.strong("公开栏");
        if let Some(name) = text_row_ui(ui, "名称", &board.name) {
            self.queue_gesture_edit(Edit::RenameBoard {
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
        if let Some(width_mm) =
            number_row_ui(ui, "宽度", board.size_mm.width_mm, BOARD_SIDE_MM, " 毫米")
        {
            self.queue_gesture_edit(Edit::ResizeBoard {
                board_id: board_id.clone(),
                size_mm: SizeMm::new(width_mm, board.size_mm.height_mm),
            });
        }
        if let Some(height_mm) =
            number_row_ui(ui, "高度", board.size_mm.height_mm, BOARD_SIDE_MM, " 毫米")
        {
            self.queue_gesture_edit(Edit::ResizeBoard {
                board_id: board_id.clone(),
                size_mm: SizeMm::new(board.size_mm.width_mm, height_mm),
            });
        }
        if let Some(reading_distance_m) = number_row_ui(
            ui,
            "阅读距离",
            board.reading_distance_m,
            crate::model::limits::MIN_READING_DISTANCE_M
                ..=crate::model::limits::MAX_READING_DISTANCE_M,
            " 米",
        ) {
            self.queue_gesture_edit(Edit::SetReadingDistance {
                board_id: board_id.clone(),
                reading_distance_m,
            });
        }
        ui.separator();
        self.board_parts_ui(ui, board);
        ui.separator();
        ui.strong("栏头");
        let mut header = board.header.clone();
        let mut header_changed = false;
        if let Some(title) = text_row_ui(ui, "标题", &header.title) {
            header.title = title;
            header_changed = true;
        }
        if let Some(subtitle) = text_row_ui(ui, "副标题", &header.subtitle) {
            header.subtitle = subtitle;
            header_changed = true;
        }
        if header_changed {
            self.queue_gesture_edit(Edit::SetBoardHeader {
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
        if let Some(note) = text_row_ui(ui, "附注", &footer.note) {
            footer.note = note;
            footer_changed = true;
        }
        if footer_changed {
            self.queue_gesture_edit(Edit::SetBoardFooter {
                board_id: board_id.clone(),
                footer,
            });
        }
        ui.separator();
        ui.strong("字体与字号");
        let mut style = board.style.clone();
        if text_style_ui(ui, &mut style, true) {
            self.queue_gesture_edit(Edit::SetBoardStyle {
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
            if let Some(value) = color_row_ui(ui, label, *rgb) {
                *rgb = value;
                theme_changed = true;
            }
        }
        if theme_changed {
            self.queue_gesture_edit(Edit::SetBoardTheme { board_id, theme });
        }
    }
}
