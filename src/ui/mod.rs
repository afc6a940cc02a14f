//! The designer app (feature `gui`): eframe with the glow renderer, Chinese UI.
//!
//! This is the skeleton the designer grows from: the project's outline (boards → panels →
//! items) on the left, the selected board's panel plan in the centre, what is selected on the
//! right. All drawing of the board goes through one mm → screen transform.

mod fonts;

pub use fonts::install_fonts;

use crate::catalog::sample_project;
use crate::model::{self, Project};
use eframe::egui;
use std::path::PathBuf;

/// What the clerk has selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    #[default]
    Nothing,
    Board {
        board_id: String,
    },
    Panel {
        board_id: String,
        panel_id: String,
    },
    Item {
        board_id: String,
        panel_id: String,
        item_id: String,
    },
}

impl Selection {
    fn board_id(&self) -> Option<&str> {
        match self {
            Selection::Nothing => None,
            Selection::Board { board_id }
            | Selection::Panel { board_id, .. }
            | Selection::Item { board_id, .. } => Some(board_id),
        }
    }

    fn panel_id(&self) -> Option<&str> {
        match self {
            Selection::Panel { panel_id, .. } | Selection::Item { panel_id, .. } => Some(panel_id),
            _ => None,
        }
    }
}

/// The whole app state.
pub struct GongkaiApp {
    pub project: Project,
    /// The file the project came from; None for the unsaved sample.
    pub path: Option<PathBuf>,
    pub selection: Selection,
    /// A problem to tell the clerk about (e.g. the file given could not be opened).
    pub notice: Option<String>,
}

impl GongkaiApp {
    /// The app on a file, or on the built-in sample when there is none. A file that cannot be
    /// opened leaves the sample open and says why.
    pub fn open(file: Option<PathBuf>) -> Self {
        let today = chrono::Local::now().date_naive();
        let (project, path, notice) = match file {
            None => (sample_project(today), None, None),
            Some(path) => match model::load_project(&path) {
                Ok(project) => (project, Some(path), None),
                Err(error) => (
                    sample_project(today),
                    None,
                    Some(format!("{error}。已打开示例项目。")),
                ),
            },
        };
        let selection = project
            .boards
            .first()
            .map(|board| Selection::Board {
                board_id: board.id.clone(),
            })
            .unwrap_or_default();
        GongkaiApp {
            project,
            path,
            selection,
            notice,
        }
    }

    /// The window title: file name (or 示例项目) and the program name.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
            .and_then(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "示例项目（未保存）".to_owned());
        format!("{name} — 公开栏设计器")
    }

    /// Draws the whole app into `ui`.
    pub fn app_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::left("outline")
            .default_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.outline_ui(ui));
            });
        egui::Panel::right("inspector")
            .default_size(300.0)
            .show(ui, |ui| self.inspector_ui(ui));
        egui::CentralPanel::default().show(ui, |ui| self.board_plan_ui(ui));
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("公开栏设计器");
            ui.separator();
            ui.label(format!("单位：{}", self.project.meta.unit_name));
            if let Some(notice) = &self.notice {
                ui.separator();
                ui.colored_label(ui.visuals().error_fg_color, notice);
            }
        });
    }

    fn outline_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("公开栏");
        let mut clicked = None;
        for board in &self.project.boards {
            let board_selected = self.selection
                == Selection::Board {
                    board_id: board.id.clone(),
                };
            let title = format!(
                "{}（{}×{} 毫米）",
                board.name, board.size_mm.width_mm, board.size_mm.height_mm
            );
            if ui.selectable_label(board_selected, title).clicked() {
                clicked = Some(Selection::Board {
                    board_id: board.id.clone(),
                });
            }
            for panel in &board.panels {
                let panel_selection = Selection::Panel {
                    board_id: board.id.clone(),
                    panel_id: panel.id.clone(),
                };
                egui::CollapsingHeader::new(&panel.title)
                    .id_salt(("panel", &board.id, &panel.id))
                    .default_open(self.selection.panel_id() == Some(panel.id.as_str()))
                    .show(ui, |ui| {
                        if ui
                            .selectable_label(self.selection == panel_selection, "栏目设置")
                            .clicked()
                        {
                            clicked = Some(panel_selection.clone());
                        }
                        for item_id in &panel.item_ids {
                            let title = self
                                .project
                                .item(item_id)
                                .map(|item| item.title.as_str())
                                .unwrap_or("（缺失的事项）");
                            let item_selection = Selection::Item {
                                board_id: board.id.clone(),
                                panel_id: panel.id.clone(),
                                item_id: item_id.clone(),
                            };
                            if ui
                                .selectable_label(self.selection == item_selection, title)
                                .clicked()
                            {
                                clicked = Some(item_selection);
                            }
                        }
                    });
            }
        }
        if let Some(selection) = clicked {
            self.selection = selection;
        }
        ui.separator();
        ui.strong("明白卡");
        for card in &self.project.cards {
            ui.label(format!(
                "{}（{}×{} 毫米，{} 张）",
                card.name,
                card.size_mm.width_mm,
                card.size_mm.height_mm,
                card.records.len().max(1)
            ));
        }
    }

    fn inspector_ui(&mut self, ui: &mut egui::Ui) {
        ui.strong("属性");
        ui.separator();
        match &self.selection {
            Selection::Nothing => {
                ui.label("在左侧目录中选择公开栏、栏目或事项。");
            }
            Selection::Board { board_id } => {
                if let Some(board) = self.project.board(board_id) {
                    ui.label(format!("名称：{}", board.name));
                    ui.label(format!(
                        "尺寸：{}×{} 毫米",
                        board.size_mm.width_mm, board.size_mm.height_mm
                    ));
                    ui.label(format!("阅读距离：{} 米", board.reading_distance_m));
                    ui.label(format!("栏目：{} 个", board.panels.len()));
                }
            }
            Selection::Panel { board_id, panel_id } => {
                if let Some(panel) = self
                    .project
                    .board(board_id)
                    .and_then(|board| board.panel(panel_id))
                {
                    ui.label(format!("栏目：{}", panel.title));
                    let rect = panel.rect_mm;
                    ui.label(format!(
                        "位置：{:.0}, {:.0} 毫米；大小：{:.0}×{:.0} 毫米",
                        rect.x_mm, rect.y_mm, rect.width_mm, rect.height_mm
                    ));
                    ui.label(format!("事项：{} 项", panel.item_ids.len()));
                }
            }
            Selection::Item { item_id, .. } => {
                if let Some(item) = self.project.item(item_id) {
                    ui.label(format!("事项：{}", item.title));
                    if let Some(entry) = self.project.entry_of(item) {
                        ui.label(format!("目录事项：{}", entry.name));
                        ui.label(format!("公开时限：{}", entry.fields.cadence.label_zh()));
                        ui.label(format!("公开主体：{}", entry.fields.lead_department));
                    }
                    ui.separator();
                    egui::ScrollArea::vertical().show(ui, |ui| {
                        for block in &item.blocks {
                            ui.label(block.all_text());
                        }
                    });
                }
            }
        }
    }

    /// The selected board's panels as rectangles at true proportions.
    fn board_plan_ui(&mut self, ui: &mut egui::Ui) {
        let Some(board) = self
            .selection
            .board_id()
            .and_then(|board_id| self.project.board(board_id))
            .or_else(|| self.project.boards.first())
        else {
            ui.label("项目中还没有公开栏。");
            return;
        };
        let available = ui.available_rect_before_wrap().shrink(12.0);
        let scale = (available.width() / board.size_mm.width_mm)
            .min(available.height() / board.size_mm.height_mm)
            .max(0.001);
        let board_size = egui::vec2(board.size_mm.width_mm, board.size_mm.height_mm) * scale;
        let board_rect = egui::Rect::from_min_size(available.min, board_size);
        let board_mm = egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(board.size_mm.width_mm, board.size_mm.height_mm),
        );
        let to_screen = egui::emath::RectTransform::from_to(board_mm, board_rect);
        let painter = ui.painter_at(available.expand(12.0));
        let theme = &board.theme;
        painter.rect_filled(board_rect, 0.0, color(theme.background));
        let header_rect = to_screen.transform_rect(egui::Rect::from_min_size(
            egui::pos2(0.0, 0.0),
            egui::vec2(board.size_mm.width_mm, board.header.height_mm),
        ));
        painter.rect_filled(header_rect, 0.0, color(theme.header_background));
        painter.text(
            header_rect.center(),
            egui::Align2::CENTER_CENTER,
            &board.header.title,
            egui::FontId::proportional(quantised_size(header_rect.height() * 0.4)),
            color(theme.header_text),
        );
        let selected_panel = self.selection.panel_id();
        for panel in &board.panels {
            let rect_mm = panel.rect_mm;
            let panel_rect = to_screen.transform_rect(egui::Rect::from_min_size(
                egui::pos2(rect_mm.x_mm, rect_mm.y_mm),
                egui::vec2(rect_mm.width_mm, rect_mm.height_mm),
            ));
            painter.rect_filled(panel_rect, 0.0, color(theme.panel_background));
            let stroke_width = if selected_panel == Some(panel.id.as_str()) {
                3.0
            } else {
                1.0
            };
            painter.rect_stroke(
                panel_rect,
                0.0,
                egui::Stroke::new(stroke_width, color(theme.panel_border)),
                egui::StrokeKind::Inside,
            );
            let title_height = (panel_rect.height() * 0.08).max(10.0);
            let title_rect = egui::Rect::from_min_size(
                panel_rect.min,
                egui::vec2(panel_rect.width(), title_height),
            );
            painter.rect_filled(title_rect, 0.0, color(theme.panel_title_background));
            painter.text(
                title_rect.center(),
                egui::Align2::CENTER_CENTER,
                &panel.title,
                egui::FontId::proportional(quantised_size(title_height * 0.6)),
                color(theme.panel_title_text),
            );
        }
        ui.allocate_rect(board_rect, egui::Sense::hover());
    }
}

/// Text sizes asked of egui are whole pixels, so zooming cannot fill the glyph atlas.
fn quantised_size(size_px: f32) -> f32 {
    size_px.round().clamp(6.0, 200.0)
}

fn color(rgb: crate::model::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

impl eframe::App for GongkaiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        ui.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
        self.app_ui(ui);
    }
}

/// Opens the designer window on a file, or on the sample project.
pub fn run_app(file: Option<PathBuf>) -> Result<(), eframe::Error> {
    let app = GongkaiApp::open(file);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(app.title())
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([800.0, 500.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native(
        "gongkai",
        options,
        Box::new(move |creation| {
            install_fonts(&creation.egui_ctx);
            Ok(Box::new(app))
        }),
    )
}
