//! The export dialog: mode, paper, overlap, bleed, scale, marks; the page count and the
//! problems are shown before writing (composed sheets only, no PDF); the PDF is written on a worker thread (atomically), and
//! the dialog ends with the output path and a button that opens its folder.

use super::GongkaiApp;
use crate::compose::{ExportMode, ExportRequest, Paper, compose_export};
use crate::jobs::export_project;
use crate::layout::LayoutEngine;
use crate::model::Project;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// The export options the clerk chose, and what the last preview found.
#[derive(Default)]
pub struct ExportState {
    pub request: ExportRequest,
    /// Pages and problems of the options as they are now (None: not computed yet).
    preview: Option<Preview>,
    preview_for: Option<(u64, ExportKey)>,
    /// Export even though the preview found problems.
    pub accept_problems: bool,
    running: Option<mpsc::Receiver<Result<ExportDone, String>>>,
    /// The last finished export, shown until dismissed.
    pub done: Option<ExportDone>,
}

/// What a finished export wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportDone {
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
struct Preview {
    pages: usize,
    notes: Vec<String>,
    problems: Vec<String>,
    /// Personal numbers that would print in full: the export is refused, whatever is ticked.
    personal_data: Vec<String>,
    error: Option<String>,
}

/// The options that change the preview.
#[derive(Clone, Debug, PartialEq)]
struct ExportKey {
    mode: ExportMode,
    board: Option<String>,
    cards: Option<String>,
    paper: Paper,
    overlap_mm: f32,
    skip_blank_tiles: bool,
    fit_sheets: Option<(u32, u32)>,
    toner_saving: bool,
    bleed_mm: Option<f32>,
    scale_denominator: u32,
    marks: bool,
    card_backs: bool,
    internal: bool,
}

impl ExportKey {
    fn of(request: &ExportRequest) -> Self {
        ExportKey {
            mode: request.mode,
            board: request.board.clone(),
            cards: request.cards.clone(),
            paper: request.paper,
            overlap_mm: request.overlap_mm,
            skip_blank_tiles: request.skip_blank_tiles,
            fit_sheets: request.fit_sheets,
            toner_saving: request.toner_saving,
            bleed_mm: request.bleed_mm,
            scale_denominator: request.scale_denominator,
            marks: request.marks,
            card_backs: request.card_backs,
            internal: request.internal,
        }
    }
}

impl ExportState {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }
}

/// 出血: the request's bleed (its mode's `default_mm` until set), within 0–`max_mm`.
fn bleed_ui(
    ui: &mut egui::Ui,
    request: &mut ExportRequest,
    default_mm: f32,
    max_mm: f32,
) -> egui::Response {
    let label = ui.label("出血");
    let mut bleed_mm = request.bleed_mm.unwrap_or(default_mm);
    let response = ui
        .add(
            egui::DragValue::new(&mut bleed_mm)
                .range(0.0..=max_mm)
                .suffix(" 毫米"),
        )
        .labelled_by(label.id);
    if response.changed() {
        request.bleed_mm = Some(bleed_mm);
    }
    response
}

/// 分页拼贴's choices besides paper and overlap: 原大 or 缩印到 N×M 张, blank sheets, toner saving.
fn tile_options_ui(ui: &mut egui::Ui, request: &mut ExportRequest) {
    ui.horizontal(|ui| {
        if ui
            .radio(request.fit_sheets.is_none(), "原大（1:1）")
            .clicked()
        {
            request.fit_sheets = None;
        }
        if ui.radio(request.fit_sheets.is_some(), "缩印到").clicked()
            && request.fit_sheets.is_none()
        {
            request.fit_sheets = Some((2, 2));
        }
        if let Some((columns, rows)) = &mut request.fit_sheets {
            let max = crate::compose::impose::MAX_FIT_SHEETS;
            let label = ui.label("列");
            ui.add(egui::DragValue::new(columns).range(1..=max))
                .labelled_by(label.id);
            let label = ui.label("× 行");
            ui.add(egui::DragValue::new(rows).range(1..=max))
                .labelled_by(label.id);
            ui.label("张");
        }
    });
    ui.checkbox(
        &mut request.skip_blank_tiles,
        "不打印空白页（只有底色的纸，总览上标“空白，未打印”）",
    );
    ui.checkbox(&mut request.toner_saving, "省墨：页眉、页脚色带只印轮廓");
}

fn mode_label(mode: ExportMode) -> &'static str {
    match mode {
        ExportMode::Board => "整版原大（交广告公司喷绘/写真）",
        ExportMode::Tiles => "分页拼贴（办公室打印机 A4/A3）",
        ExportMode::Parts => "分块原大（橱窗门、展板每块一页）",
        ExportMode::Register => "表簿（A4 页）",
        ExportMode::Cards => "明白卡拼版",
    }
}

/// The request with today's time as the creation date.
fn stamped(request: &ExportRequest) -> ExportRequest {
    let mut request = request.clone();
    request.created = chrono::Local::now().fixed_offset();
    request
}

/// Lays out and writes a PDF (on the worker thread).
fn export_to_file(
    fonts: std::sync::Arc<crate::fonts::FontSet>,
    project: &Project,
    request: &ExportRequest,
    base_dir: Option<PathBuf>,
    project_path: Option<&Path>,
    path: &Path,
) -> Result<ExportDone, String> {
    let mut engine = LayoutEngine::with_shared_fonts(fonts);
    engine.set_base_dir(base_dir);
    let exported =
        export_project(&mut engine, project, request).map_err(|error| error.to_string())?;
    crate::jobs::write_output(
        path,
        &exported.bytes,
        crate::fileio::OutputKind::Pdf,
        Some(project),
        project_path,
        &[],
    )
    .map_err(|error| error.to_string())?;
    Ok(ExportDone {
        path: path.to_owned(),
        pages: exported.pages,
        bytes: exported.bytes.len(),
        notes: exported.notes,
    })
}

/// Opens the folder holding `path` in the desktop's file manager.
fn open_folder(path: &Path) -> Result<(), String> {
    let folder = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let opener = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(folder)
        .spawn()
        .map(|_| ())
        .map_err(|error| format!("无法打开文件夹 {}（{error}）", folder.display()))
}

impl GongkaiApp {
    /// Recomputes the preview when the project or the options changed.
    fn refresh_export_preview(&mut self) {
        let key = ExportKey::of(&self.export.request);
        let fresh = self
            .export
            .preview_for
            .as_ref()
            .is_some_and(|(revision, for_key)| *for_key == key && *revision == self.doc.revision());
        if fresh {
            return;
        }
        // The app's one font set for the project (built again only when its families change).
        self.layout_engine.use_project_fonts(self.doc.project());
        let mut engine = LayoutEngine::with_shared_fonts(self.layout_engine.shared_fonts());
        engine.set_base_dir(self.project_dir());
        // The preview stops at the sheets: no PDF is written on the UI thread.
        let preview = match compose_export(&mut engine, self.doc.project(), &self.export.request) {
            Ok(composed) => Preview {
                pages: composed.sheets.len(),
                notes: composed.notes,
                problems: composed
                    .problems
                    .into_iter()
                    .chain(crate::jobs::placeholder_problems(
                        self.doc.project(),
                        &self.export.request,
                    ))
                    .collect(),
                personal_data: composed
                    .personal_data
                    .iter()
                    .map(|finding| finding.message.clone())
                    .collect(),
                error: None,
            },
            Err(error) => Preview {
                pages: 0,
                notes: Vec::new(),
                problems: Vec::new(),
                personal_data: Vec::new(),
                error: Some(error.to_string()),
            },
        };
        self.export.preview = Some(preview);
        self.export.preview_for = Some((self.doc.revision(), key));
    }

    /// The export's options; a file name still at its default follows the chosen kind.
    pub(crate) fn export_options_ui(&mut self, ui: &mut egui::Ui) {
        let default_before = self.default_export_path();
        self.export_request_ui(ui);
        let default_after = self.default_export_path();
        let typed = PathBuf::from(self.files.path_text.trim());
        if default_after != default_before && default_before.as_ref() == Some(&typed) {
            self.files.path_text = default_after
                .map(|path| path.display().to_string())
                .unwrap_or_default();
        }
    }

    fn export_request_ui(&mut self, ui: &mut egui::Ui) {
        let boards: Vec<(String, String)> = self
            .doc
            .project()
            .boards
            .iter()
            .map(|board| (board.id.clone(), board.name.clone()))
            .collect();
        let cards: Vec<(String, String, String)> = self
            .doc
            .project()
            .cards
            .iter()
            .map(|card| {
                let shown = card
                    .shown_records()
                    .len()
                    .max(usize::from(card.records.is_empty()));
                let note = match super::cards::view_summary_zh(card) {
                    Some(view) => format!("{shown} 张，{view}"),
                    None => format!("{shown} 张"),
                };
                (card.id.clone(), card.name.clone(), note)
            })
            .collect();
        let request = &mut self.export.request;
        if request.mode != ExportMode::Cards && boards.len() > 1 {
            choose_by_id_ui(ui, "export-board", "公开栏", &boards, &mut request.board);
        }
        ui.strong("导出方式");
        for mode in [
            ExportMode::Board,
            ExportMode::Parts,
            ExportMode::Tiles,
            ExportMode::Register,
            ExportMode::Cards,
        ] {
            ui.radio_value(&mut request.mode, mode, mode_label(mode));
        }
        match request.mode {
            ExportMode::Board | ExportMode::Parts => {
                ui.horizontal(|ui| {
                    bleed_ui(ui, request, 0.0, 20.0);
                    let label = ui.label("比例 1:");
                    ui.add(egui::DragValue::new(&mut request.scale_denominator).range(1..=100))
                        .labelled_by(label.id);
                });
                ui.checkbox(&mut request.marks, "裁切标记");
            }
            ExportMode::Tiles => {
                ui.horizontal(|ui| {
                    ui.label("纸张");
                    ui.selectable_value(&mut request.paper, Paper::A4, "A4");
                    ui.selectable_value(&mut request.paper, Paper::A3, "A3");
                    let label = ui.label("重叠");
                    ui.add(
                        egui::DragValue::new(&mut request.overlap_mm)
                            .range(6.0..=100.0)
                            .suffix(" 毫米"),
                    )
                    .labelled_by(label.id);
                });
                tile_options_ui(ui, request);
            }
            ExportMode::Register => {
                ui.label(
                    "每个事项一页起，A4 纵向（放不下的宽表格用横向页），页脚“第 x 页 共 y 页”。",
                );
                ui.checkbox(
                    &mut request.internal,
                    "对内表簿（包括对内公开的事项，只在机关内部使用）",
                );
            }
            ExportMode::Cards => {
                let current = request
                    .cards
                    .as_ref()
                    .and_then(|id| cards.iter().find(|(card_id, _, _)| card_id == id))
                    .or(cards.first());
                if let Some((_, name, note)) = current {
                    let name = name.clone();
                    let note = note.clone();
                    egui::ComboBox::new("export-cards", "明白卡")
                        .selected_text(&name)
                        .show_ui(ui, |ui| {
                            for (card_id, name, _) in &cards {
                                let selected = request.cards.as_deref() == Some(card_id.as_str());
                                if ui.selectable_label(selected, name).clicked() {
                                    request.cards = Some(card_id.clone());
                                }
                            }
                        });
                    ui.label(format!("印 {note}（筛选和排序在明白卡的属性中设置）。"));
                }
                ui.horizontal(|ui| {
                    ui.label("纸张");
                    ui.selectable_value(&mut request.paper, Paper::A4, "A4");
                    ui.selectable_value(&mut request.paper, Paper::A3, "A3");
                });
                ui.horizontal(|ui| {
                    bleed_ui(ui, request, 3.0, 5.0).on_hover_text(
                        "交印刷厂裁切留 3 毫米；办公室打印后自己裁切可填 0，每张纸能多排几张",
                    );
                });
                ui.checkbox(&mut request.card_backs, "印背面（长边双面打印）");
                ui.checkbox(&mut request.marks, "通长裁切线（否则在卡片间隙）");
            }
        }
        ui.checkbox(
            &mut request.cmyk_black,
            "黑色文字和线条用单黑（K100，印刷厂要求时勾选）",
        );
        self.refresh_export_preview();
        let Some(preview) = self.export.preview.clone() else {
            return;
        };
        ui.separator();
        if let Some(error) = &preview.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
            return;
        }
        ui.label(format!("共 {} 页。", preview.pages));
        for note in &preview.notes {
            ui.label(note);
        }
        if !preview.personal_data.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "有 {} 处身份证号、银行卡号或手机号会完整印出，不能导出。请在检查结果中点“脱敏”，或确认“允许公开”并写明理由：",
                    preview.personal_data.len()
                ),
            );
            for place in preview.personal_data.iter().take(8) {
                ui.colored_label(ui.visuals().error_fg_color, format!("· {place}"));
            }
        }
        if !preview.problems.is_empty() {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!(
                    "发现 {} 个问题，印出来会缺字或缺内容：",
                    preview.problems.len()
                ),
            );
            for problem in preview.problems.iter().take(8) {
                ui.colored_label(ui.visuals().error_fg_color, format!("· {problem}"));
            }
            ui.checkbox(&mut self.export.accept_problems, "我已知晓，仍然导出");
        }
        if self.export.is_running() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("正在导出…");
            });
        }
    }

    /// Starts writing the PDF in the background (after the preview's problems were accepted).
    pub(crate) fn export_to(&mut self, path: &Path) {
        self.refresh_export_preview();
        if let Some(preview) = &self.export.preview {
            if let Some(error) = &preview.error {
                self.warn(error.clone());
                return;
            }
            if !preview.personal_data.is_empty() {
                self.warn(
                    "有个人信息未脱敏，不能导出。请先在检查结果中点“脱敏”，或确认“允许公开”。",
                );
                return;
            }
            if !preview.problems.is_empty() && !self.export.accept_problems {
                self.warn("有排不下的内容或缺字。请先修改，或勾选“我已知晓，仍然导出”。");
                return;
            }
        }
        if self.export.is_running() {
            self.warn("上一次导出还没有完成。");
            return;
        }
        let project = self.doc.project().clone();
        let request = stamped(&self.export.request);
        let base_dir = self.project_dir();
        let project_path = self.doc.path().map(std::path::Path::to_path_buf);
        let path = path.to_owned();
        self.layout_engine.use_project_fonts(self.doc.project());
        let fonts = self.layout_engine.shared_fonts();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = sender.send(export_to_file(
                fonts,
                &project,
                &request,
                base_dir,
                project_path.as_deref(),
                &path,
            ));
        });
        self.export.running = Some(receiver);
        self.say("正在导出 PDF…");
    }

    /// Waits for the worker (blocking); for tests and for closing the app mid-export.
    pub fn wait_for_export(&mut self) {
        if let Some(receiver) = self.export.running.take()
            && let Ok(result) = receiver.recv()
        {
            self.finish_export(result);
        }
    }

    fn finish_export(&mut self, result: Result<ExportDone, String>) {
        match result {
            Ok(done) => {
                self.say(format!(
                    "已导出 {}（{} 页）",
                    done.path.display(),
                    done.pages
                ));
                self.export.done = Some(done);
            }
            Err(error) => self.warn(format!("导出失败：{error}")),
        }
    }

    /// Polls the worker and shows the finished export.
    pub(crate) fn export_ui(&mut self, ctx: &egui::Context) {
        if let Some(receiver) = &self.export.running {
            match receiver.try_recv() {
                Ok(result) => {
                    self.export.running = None;
                    self.finish_export(result);
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100))
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.export.running = None;
                    self.warn("导出意外中止。");
                }
            }
        }
        let Some(done) = self.export.done.clone() else {
            return;
        };
        let mut close = false;
        egui::Window::new("导出完成")
            .collapsible(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label(format!("已写出 {}", done.path.display()));
                ui.label(format!(
                    "{} 页，{:.0} KB",
                    done.pages,
                    done.bytes as f64 / 1024.0
                ));
                for note in &done.notes {
                    ui.label(note);
                }
                ui.horizontal(|ui| {
                    if ui.button("打开所在文件夹").clicked()
                        && let Err(error) = open_folder(&done.path)
                    {
                        self.warn(error);
                    }
                    if ui.button("关闭").clicked() {
                        close = true;
                    }
                });
            });
        if close {
            self.export.done = None;
        }
    }
}

/// A choice among (id, name) pairs, shown by name, the chosen id in `chosen` (none yet: the
/// first is shown).
pub(crate) fn choose_by_id_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    label: &str,
    options: &[(String, String)],
    chosen: &mut Option<String>,
) {
    let current = chosen
        .as_ref()
        .and_then(|id| options.iter().find(|(option_id, _)| option_id == id))
        .or(options.first())
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    egui::ComboBox::new(id_salt, label)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (id, name) in options {
                let selected = chosen.as_deref() == Some(id.as_str());
                if ui.selectable_label(selected, name).clicked() {
                    *chosen = Some(id.clone());
                }
            }
        });
}
