//! 文件 → 新建: the template chooser (a picture of each template, the unit's name and
//! 监督电话 asked first, a size and a catalog for a blank board), and the 单位信息 form,
//! shown in its own window (文件 → 单位信息…) and in the board inspector.

use super::GongkaiApp;
use crate::catalog::{
    BOARD_PRESETS, CatalogKind, PartsPreset, TemplateKind, TemplateOptions, divide_new_board,
    project_from_template, template_parts_presets,
};
use crate::model::{Edit, Meta, Project};
use eframe::egui;

/// The state of the 新建项目 window.
#[derive(Clone, Debug)]
pub struct NewProjectDialog {
    pub kind: TemplateKind,
    pub unit_name: String,
    pub phone: String,
    /// Index into [`BOARD_PRESETS`] (a blank board's size).
    pub size_index: usize,
    pub catalog: CatalogKind,
    /// The board's parts (None: one piece), among those the template offers.
    pub parts: Option<PartsPreset>,
    /// Each template built once, for its picture.
    previews: Vec<(TemplateKind, Project)>,
}

impl NewProjectDialog {
    pub fn new(today: chrono::NaiveDate) -> Self {
        let options = TemplateOptions::new(today);
        NewProjectDialog {
            kind: TemplateKind::Village,
            unit_name: String::new(),
            phone: String::new(),
            size_index: 0,
            catalog: CatalogKind::Town,
            parts: None,
            previews: TemplateKind::ALL
                .iter()
                .map(|kind| (*kind, project_from_template(*kind, &options)))
                .collect(),
        }
    }

    fn options(&self, today: chrono::NaiveDate) -> TemplateOptions {
        let given = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
        TemplateOptions {
            unit_name: given(&self.unit_name),
            supervision_phone: given(&self.phone),
            board_size_mm: (self.kind == TemplateKind::Blank)
                .then(|| {
                    BOARD_PRESETS
                        .get(self.size_index)
                        .map(|preset| preset.size_mm)
                })
                .flatten(),
            catalog: (self.kind == TemplateKind::Blank).then_some(self.catalog),
            today,
        }
    }
}

/// A small picture of a template's first board: header band, panels with their title strips,
/// text lines, footer band, in the board's colours.
fn template_picture_ui(ui: &mut egui::Ui, project: &Project, selected: bool) -> egui::Response {
    let size = egui::vec2(150.0, 84.0);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let painter = ui.painter_at(rect);
    let stroke_color = if selected {
        ui.visuals().selection.stroke.color
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke.color
    };
    let Some(board) = project.boards.first() else {
        return response;
    };
    let scale = (size.x / board.size_mm.width_mm).min(size.y / board.size_mm.height_mm);
    let board_size = egui::vec2(board.size_mm.width_mm, board.size_mm.height_mm) * scale;
    let origin = rect.center() - board_size / 2.0;
    let to_screen = |x_mm: f32, y_mm: f32| origin + egui::vec2(x_mm, y_mm) * scale;
    let color = |rgb: crate::model::Rgb| egui::Color32::from_rgb(rgb.0, rgb.1, rgb.2);
    let theme = &board.theme;
    let board_rect = egui::Rect::from_min_size(origin, board_size);
    painter.rect_filled(board_rect, 0.0, color(theme.background));
    let header = egui::Rect::from_min_max(
        to_screen(0.0, 0.0),
        to_screen(
            board.size_mm.width_mm,
            board.margins_mm.top_mm + board.header.height_mm,
        ),
    );
    painter.rect_filled(header, 0.0, color(theme.header_background));
    let title_bar = egui::Rect::from_center_size(
        header.center(),
        egui::vec2(header.width() * 0.5, header.height() * 0.3),
    );
    painter.rect_filled(title_bar, 1.0, color(theme.header_text));
    let footer_top = board.size_mm.height_mm - board.margins_mm.bottom_mm - board.footer.height_mm;
    painter.rect_filled(
        egui::Rect::from_min_max(
            to_screen(0.0, footer_top),
            to_screen(board.size_mm.width_mm, board.size_mm.height_mm),
        ),
        0.0,
        color(theme.footer_background),
    );
    for panel in &board.panels {
        let r = panel.rect_mm;
        let panel_rect = egui::Rect::from_min_max(
            to_screen(r.x_mm, r.y_mm),
            to_screen(r.x_mm + r.width_mm, r.y_mm + r.height_mm),
        );
        painter.rect_filled(panel_rect, 0.0, color(theme.panel_background));
        let strip = egui::Rect::from_min_size(
            panel_rect.min,
            egui::vec2(panel_rect.width(), (panel_rect.height() * 0.12).max(3.0)),
        );
        painter.rect_filled(strip, 0.0, color(theme.panel_title_background));
        let mut y = strip.bottom() + 3.0;
        while y < panel_rect.bottom() - 2.0 {
            painter.line_segment(
                [
                    egui::pos2(panel_rect.left() + 2.0, y),
                    egui::pos2(panel_rect.right() - 2.0, y),
                ],
                egui::Stroke::new(0.7, color(theme.body_text).gamma_multiply(0.35)),
            );
            y += 3.0;
        }
    }
    if board.panels.is_empty() {
        let body = egui::Rect::from_min_max(
            to_screen(
                board.margins_mm.left_mm,
                board.margins_mm.top_mm + board.header.height_mm + 15.0,
            ),
            to_screen(
                board.size_mm.width_mm - board.margins_mm.right_mm,
                footer_top - 15.0,
            ),
        );
        painter.rect_stroke(
            body,
            0.0,
            egui::Stroke::new(1.0, color(theme.panel_border).gamma_multiply(0.5)),
            egui::StrokeKind::Inside,
        );
    }
    painter.rect_stroke(
        rect,
        2.0,
        egui::Stroke::new(if selected { 2.5 } else { 1.0 }, stroke_color),
        egui::StrokeKind::Inside,
    );
    response
}

/// The 分块 choice of the chooser: 整块, or a parts preset the template offers (its columns
/// are then placed one part each, none across a bar).
const ONE_PIECE: &str = "整块（不分块）";

fn parts_choice_ui(ui: &mut egui::Ui, dialog: &mut NewProjectDialog) {
    let offered = template_parts_presets(dialog.kind);
    if dialog
        .parts
        .is_some_and(|chosen| !offered.contains(&chosen))
    {
        dialog.parts = None;
    }
    if offered.is_empty() {
        return;
    }
    ui.horizontal(|ui| {
        egui::ComboBox::new("new-board-parts", "分块")
            .selected_text(dialog.parts.map_or(ONE_PIECE, |preset| preset.name))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut dialog.parts, None, ONE_PIECE);
                for preset in offered {
                    ui.selectable_value(&mut dialog.parts, Some(preset), preset.name);
                }
            });
    });
    if dialog.parts.is_some() {
        ui.label("模板的各栏按块排好，不跨边框；以后可在公开栏的“分块”中修改。");
    }
}

/// A labelled text field for the unit's details; returns the new text when it changed.
fn field_ui(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) -> bool {
    ui.horizontal(|ui| {
        let label = ui.add_sized([150.0, 20.0], egui::Label::new(label));
        ui.add(
            egui::TextEdit::singleline(value)
                .hint_text(hint)
                .desired_width(280.0),
        )
        .labelled_by(label.id)
        .changed()
    })
    .inner
}

/// The 单位信息 form: every field of [`Meta`]; returns the changed details.
pub(crate) fn unit_info_form_ui(ui: &mut egui::Ui, meta: &Meta, village: bool) -> Option<Meta> {
    let mut edited = meta.clone();
    let mut changed = false;
    changed |= field_ui(ui, "单位名称", &mut edited.unit_name, "如 东湾村村民委员会");
    changed |= field_ui(
        ui,
        "公开人（默认公开主体）",
        &mut edited.default_publisher,
        "空着即用单位名称",
    );
    changed |= field_ui(
        ui,
        "所属乡镇",
        &mut edited.town,
        "如 青禾镇；县里汇总时按乡镇分组",
    );
    changed |= field_ui(ui, "地址", &mut edited.address, "");
    changed |= field_ui(ui, "监督电话", &mut edited.supervision_phone, "");
    changed |= field_ui(ui, "咨询电话", &mut edited.consult_phone, "");
    changed |= field_ui(ui, "意见箱位置", &mut edited.suggestion_box, "");
    changed |= field_ui(ui, "领导接待日", &mut edited.reception_day, "如 每周一上午");
    changed |= field_ui(
        ui,
        "意见箱二维码内容",
        &mut edited.suggestion_qr,
        "网址或电话",
    );
    let reviewer_label = if village {
        "村务监督委员会 / 审核人"
    } else {
        "审核人"
    };
    changed |= field_ui(
        ui,
        reviewer_label,
        &mut edited.reviewer,
        if village {
            "如 监委会主任姓名"
        } else {
            "如 分管负责人姓名"
        },
    );
    changed |= field_ui(
        ui,
        "默认责任人",
        &mut edited.responsible,
        "自查情况表中未另填责任人的事项用此人",
    );
    ui.weak(format!(
        "公开栏、表簿、报表和明白卡中的 {{单位名称}}、{{单位简称}}、{{监督电话}}、{{咨询电话}}、{{地址}}、{{意见箱}}、{{接待日}}、{{公开人}}、{{审核人}} 会换成这里的内容；{{单位简称}} 是单位名称去掉“人民政府”“村民委员会”等（现在是“{}”）。",
        edited.short_unit_name()
    ));
    changed.then_some(edited)
}

impl GongkaiApp {
    /// The 新建项目 window.
    pub(crate) fn new_project_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.new_dialog.take() else {
            return;
        };
        let mut create = false;
        let mut cancel = false;
        let mut reopen: Option<std::path::PathBuf> = None;
        let recent: Vec<std::path::PathBuf> = self
            .files
            .recent
            .iter()
            .filter(|path| path.is_file())
            .take(5)
            .cloned()
            .collect();
        egui::Window::new("新建项目")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                // Next month's update goes into last month's project, with its 台账 and links.
                if !recent.is_empty() {
                    ui.label("继续最近的项目：");
                    for path in &recent {
                        let name = path
                            .file_name()
                            .map(|name| name.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        if ui
                            .button(format!("打开 {name}"))
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            reopen = Some(path.clone());
                        }
                    }
                    ui.separator();
                    ui.label("或新建项目，选择模板：");
                } else {
                    ui.label("选择模板：");
                }
                ui.horizontal(|ui| {
                    for (kind, preview) in &dialog.previews {
                        ui.vertical(|ui| {
                            ui.set_width(156.0);
                            let selected = dialog.kind == *kind;
                            if template_picture_ui(ui, preview, selected).clicked() {
                                dialog.kind = *kind;
                            }
                            if ui.selectable_label(selected, kind.name_zh()).clicked() {
                                dialog.kind = *kind;
                            }
                        });
                    }
                });
                ui.label(dialog.kind.description_zh());
                ui.separator();
                parts_choice_ui(ui, &mut dialog);
                if dialog.kind == TemplateKind::Blank {
                    ui.horizontal(|ui| {
                        egui::ComboBox::new("new-board-size", "公开栏尺寸")
                            .selected_text(BOARD_PRESETS[dialog.size_index].name)
                            .show_ui(ui, |ui| {
                                for (index, preset) in BOARD_PRESETS.iter().enumerate() {
                                    ui.selectable_value(&mut dialog.size_index, index, preset.name);
                                }
                            });
                    });
                    ui.horizontal(|ui| {
                        ui.label("公开目录：");
                        for catalog in CatalogKind::ALL {
                            ui.radio_value(&mut dialog.catalog, catalog, catalog.name_zh());
                        }
                    });
                }
                ui.label("单位信息（以后可在“文件 → 单位信息…”中修改；没填的，检查时会列出）：");
                field_ui(ui, "单位名称", &mut dialog.unit_name, "如 东湾村村民委员会");
                field_ui(ui, "监督电话", &mut dialog.phone, "如 0000-6613101");
                ui.separator();
                ui.horizontal(|ui| {
                    if ui.button("创建").clicked() {
                        create = true;
                    }
                    if ui.button("取消").clicked() {
                        cancel = true;
                    }
                });
            });
        if let Some(path) = reopen {
            self.later(move |app| app.request_open(Some(path)));
        } else if create {
            self.later(move |app| app.create_new_project(&dialog));
        } else if !cancel {
            self.new_dialog = Some(dialog);
        }
    }

    /// Replaces the project by a new one from the chooser's template and details; with
    /// 【请填写】 left, opens 单位信息 and says how many there are.
    pub fn create_new_project(&mut self, dialog: &NewProjectDialog) {
        let mut project = project_from_template(dialog.kind, &dialog.options(self.today));
        if let Some(preset) = dialog.parts
            && let Some(board) = project.boards.first()
        {
            let divide = preset.edit(board);
            if let Err(error) = divide_new_board(&mut project, divide) {
                self.warn(format!("无法分块：{error}"));
            }
        }
        let name = dialog.kind.name_zh();
        self.replace_project(project, None);
        // Saved at once in the default folder (文档/公开栏/单位名), so that the next start
        // reopens it; never over a project that is there already.
        if let Some(file) = self.default_project_file()
            && !file.exists()
        {
            self.save_to(&file);
        }
        let left = crate::model::placeholder_places(self.doc.project()).len();
        if left > 0 {
            // 【请填写】 and the sample's own text alike: both listed below, both to replace.
            self.say(format!(
                "已从模板“{name}”新建项目{}，还有 {left} 处要填写或改成本单位的内容（见下方问题列表）。",
                self.saved_where()
            ));
            self.unit_info_open = true;
        } else {
            self.say(format!("已从模板“{name}”新建项目{}。", self.saved_where()));
        }
    }

    /// Where a new project went: "，已保存到 …", or what to do when it has no file yet.
    fn saved_where(&self) -> String {
        match self.doc.path() {
            Some(path) => format!("，已保存到 {}", path.display()),
            None => "（保存时请选择文件名）".to_owned(),
        }
    }

    /// The 单位信息 window.
    pub(crate) fn unit_info_ui(&mut self, ctx: &egui::Context) {
        if !self.unit_info_open {
            return;
        }
        let mut open = true;
        let mut close = false;
        let village = self.is_village_project();
        // Opened over the canvas, not over the left side's tabs (a new project opens it).
        egui::Window::new("单位信息")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| {
                if let Some(meta) = unit_info_form_ui(ui, &self.doc.project().meta, village) {
                    self.queue_gesture_edit(Edit::SetMeta(meta));
                }
                if ui.button("完成").clicked() {
                    close = true;
                }
            });
        self.unit_info_open = open && !close;
    }

    /// A village or community project (its catalog is the village's or community's).
    pub(crate) fn is_village_project(&self) -> bool {
        self.doc
            .project()
            .catalog
            .categories
            .iter()
            .any(|category| category.id.starts_with("vc") || category.id.starts_with("sc"))
    }
}
