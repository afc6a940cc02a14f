//! 文件 → 导出手机图片…: the picture export of `jobs::pictures` with the CLI's options (board
//! or cards, widths, PNG or JPEG), the list of pictures it will write, a preview of the chosen
//! one, 复制图片 (that picture on the clipboard, to paste into WeChat on the PC) and 导出图片
//! (every picture into a folder, on a worker thread).

use super::GongkaiApp;
use crate::compose::PictureRequest;
use crate::compose::pictures::{DEFAULT_PHONE_WIDTH_PX, MIN_PHONE_WIDTH_PX};
use crate::jobs::pictures::{
    DEFAULT_JPEG_QUALITY, PictureFormat, PicturesExported, Wanted, draw_pictures, list_pictures,
};
use crate::layout::LayoutEngine;
use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc;

/// The preview is drawn this wide (the picture itself at its chosen width).
const PREVIEW_WIDTH_PX: u32 = 360;

/// The 手机图片 window's state.
pub struct PicturesDialog {
    pub request: PictureRequest,
    /// Card pictures of this design rather than the board's pictures.
    pub cards_mode: bool,
    pub jpeg: bool,
    pub quality: u8,
    pub folder_text: String,
    /// The picture previewed and copied (its file name).
    pub selected: Option<String>,
    /// Export although the list shows problems.
    pub accept_problems: bool,
    /// The app's today, as the export's creation time.
    created: chrono::DateTime<chrono::FixedOffset>,
    listed_for: Option<(u64, PictureRequest, PictureFormat)>,
    /// The pictures' file names, or why there are none.
    pub list: Result<PictureList, String>,
    preview: Option<(String, egui::TextureHandle)>,
    running: Option<mpsc::Receiver<Result<PicturesExported, String>>>,
    /// The last export's outcome, shown in the window.
    pub done: Option<Result<PicturesExported, String>>,
}

/// What the export would write and say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PictureList {
    pub names: Vec<String>,
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

impl PicturesDialog {
    fn new(folder: String, today: chrono::NaiveDate) -> Self {
        PicturesDialog {
            created: today
                .and_hms_opt(12, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .fixed_offset(),
            request: PictureRequest::default(),
            cards_mode: false,
            jpeg: false,
            quality: DEFAULT_JPEG_QUALITY,
            folder_text: folder,
            selected: None,
            accept_problems: false,
            listed_for: None,
            list: Ok(PictureList::default()),
            preview: None,
            running: None,
            done: None,
        }
    }

    fn format(&self) -> PictureFormat {
        if self.jpeg {
            PictureFormat::Jpeg {
                quality: self.quality,
            }
        } else {
            PictureFormat::Png
        }
    }

    /// The request as chosen: cards only in cards mode.
    fn effective_request(&self, first_card: Option<&str>) -> PictureRequest {
        let mut request = self.request.clone();
        // The footer dates as of the day the app was opened (the app's one reading of the clock).
        request.created = self.created;
        request.cards = if self.cards_mode {
            request.cards.or(first_card.map(str::to_owned))
        } else {
            None
        };
        request
    }
}

impl GongkaiApp {
    /// Opens the window on the board (or card) shown on the canvas.
    pub fn open_pictures_dialog(&mut self) {
        let folder = self
            .project_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("手机图片")
            .display()
            .to_string();
        let mut dialog = PicturesDialog::new(folder, self.today);
        if let Some((card, _)) = self.current_card() {
            dialog.cards_mode = true;
            dialog.request.cards = Some(card.id.clone());
        }
        dialog.request.board = self.current_board_id();
        self.pictures_dialog = Some(dialog);
    }

    fn picture_engine(&mut self) -> LayoutEngine {
        self.layout_engine.use_project_fonts(self.doc.project());
        let mut engine = LayoutEngine::with_shared_fonts(self.layout_engine.shared_fonts());
        engine.set_base_dir(self.project_dir());
        engine
    }

    /// The list of pictures, composed again when the project or the options changed.
    fn refresh_picture_list(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &self.pictures_dialog else {
            return;
        };
        let first_card = self.doc.project().cards.first().map(|card| card.id.clone());
        let request = dialog.effective_request(first_card.as_deref());
        let format = dialog.format();
        let fresh = dialog
            .listed_for
            .as_ref()
            .is_some_and(|(revision, listed, listed_format)| {
                *revision == self.doc.revision() && *listed == request && *listed_format == format
            });
        if fresh {
            return;
        }
        let mut engine = self.picture_engine();
        // Forced here: the list shows the problems; exporting asks for them to be accepted.
        let list = match list_pictures(&mut engine, self.doc.project(), &request, true, format) {
            Ok((composed, names)) => Ok(PictureList {
                names,
                notes: composed.notes,
                problems: composed.problems,
            }),
            Err(error) => Err(error.to_string()),
        };
        let Some(dialog) = &mut self.pictures_dialog else {
            return;
        };
        dialog.list = list;
        dialog.listed_for = Some((self.doc.revision(), request, format));
        let names = dialog
            .list
            .as_ref()
            .map(|list| list.names.clone())
            .unwrap_or_default();
        if !dialog
            .selected
            .as_ref()
            .is_some_and(|selected| names.contains(selected))
        {
            // The first panel's picture (the board's is the first of all).
            dialog.selected = names.get(1).or(names.first()).cloned();
        }
        dialog.preview = None;
        self.refresh_picture_preview(ctx);
    }

    /// Draws the chosen picture small for the window.
    fn refresh_picture_preview(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &self.pictures_dialog else {
            return;
        };
        let Some(selected) = dialog.selected.clone() else {
            return;
        };
        if dialog
            .preview
            .as_ref()
            .is_some_and(|(name, _)| *name == selected)
        {
            return;
        }
        let first_card = self.doc.project().cards.first().map(|card| card.id.clone());
        let mut request = dialog.effective_request(first_card.as_deref());
        let format = dialog.format();
        // Every picture drawn small for the preview: the board and each panel alike.
        request.board_width_px = PREVIEW_WIDTH_PX * 2;
        request.phone_width_px = MIN_PHONE_WIDTH_PX;
        let mut engine = self.picture_engine();
        let mut texture = None;
        let names = [selected.clone()];
        let drawn = draw_pictures(
            &mut engine,
            self.doc.project(),
            &request,
            true,
            format,
            Wanted::Named(&names),
            &mut |drawn| {
                let pixmap = &drawn.pixmap;
                let image = egui::ColorImage::from_rgba_premultiplied(
                    [pixmap.width() as usize, pixmap.height() as usize],
                    pixmap.data(),
                );
                texture = Some(ctx.load_texture(
                    format!("phone-picture-{}", drawn.file_name),
                    image,
                    egui::TextureOptions::LINEAR,
                ));
                Ok(())
            },
        );
        if let (Ok(_), Some(texture), Some(dialog)) =
            (drawn, texture, self.pictures_dialog.as_mut())
        {
            dialog.preview = Some((selected, texture));
        }
    }

    /// 复制图片: the chosen picture at its full width on the clipboard.
    fn copy_picture(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &self.pictures_dialog else {
            return;
        };
        let Some(selected) = dialog.selected.clone() else {
            self.warn("没有可复制的图片。");
            return;
        };
        let first_card = self.doc.project().cards.first().map(|card| card.id.clone());
        let request = dialog.effective_request(first_card.as_deref());
        let (format, force) = (dialog.format(), dialog.accept_problems);
        let mut engine = self.picture_engine();
        let mut copied = None;
        let names = [selected.clone()];
        let drawn = draw_pictures(
            &mut engine,
            self.doc.project(),
            &request,
            force,
            format,
            Wanted::Named(&names),
            &mut |drawn| {
                let pixmap = &drawn.pixmap;
                copied = Some((pixmap.width(), pixmap.height()));
                ctx.copy_image(egui::ColorImage::from_rgba_premultiplied(
                    [pixmap.width() as usize, pixmap.height() as usize],
                    pixmap.data(),
                ));
                Ok(())
            },
        );
        match (drawn, copied) {
            (Ok(_), Some((width, height))) => self.say(format!(
                "已复制图片 {selected}（{width}×{height} 像素），可在微信电脑版中粘贴。"
            )),
            (Ok(_), None) => self.warn("没有可复制的图片。"),
            (Err(error), _) => self.warn(format!("不能复制图片：{error}")),
        }
    }

    /// 导出图片: every picture into the folder, on a worker thread.
    fn start_picture_export(&mut self) {
        let Some(dialog) = &self.pictures_dialog else {
            return;
        };
        if dialog.running.is_some() {
            return;
        }
        let first_card = self.doc.project().cards.first().map(|card| card.id.clone());
        let request = dialog.effective_request(first_card.as_deref());
        let (format, force) = (dialog.format(), dialog.accept_problems);
        let folder = PathBuf::from(dialog.folder_text.trim());
        if folder.as_os_str().is_empty() {
            self.warn("请填写存放图片的文件夹。");
            return;
        }
        let project = self.doc.project().clone();
        self.layout_engine.use_project_fonts(self.doc.project());
        let fonts = self.layout_engine.shared_fonts();
        let base_dir = self.project_dir();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut engine = LayoutEngine::with_shared_fonts(fonts);
            engine.set_base_dir(base_dir);
            let exported = crate::jobs::export_pictures(
                &mut engine,
                &project,
                &request,
                format,
                force,
                &folder,
            )
            .map_err(|error| error.to_string());
            let _ = sender.send(exported);
        });
        if let Some(dialog) = &mut self.pictures_dialog {
            dialog.running = Some(receiver);
            dialog.done = None;
        }
        self.say("正在导出手机图片…");
    }

    /// Waits for the export's worker (blocking); for tests.
    pub fn wait_for_picture_export(&mut self) {
        if let Some(dialog) = &mut self.pictures_dialog
            && let Some(receiver) = dialog.running.take()
            && let Ok(result) = receiver.recv()
        {
            dialog.done = Some(result);
        }
    }

    /// The 手机图片 window.
    pub(crate) fn pictures_ui(&mut self, ctx: &egui::Context) {
        if self.pictures_dialog.is_none() {
            return;
        }
        if let Some(dialog) = &mut self.pictures_dialog
            && let Some(receiver) = &dialog.running
        {
            match receiver.try_recv() {
                Ok(result) => {
                    dialog.running = None;
                    dialog.done = Some(result);
                }
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                Err(mpsc::TryRecvError::Disconnected) => {
                    dialog.running = None;
                    dialog.done = Some(Err("导出意外中止。".to_owned()));
                }
            }
        }
        self.refresh_picture_list(ctx);
        let boards: Vec<(String, String)> = self
            .doc
            .project()
            .boards
            .iter()
            .map(|board| (board.id.clone(), board.name.clone()))
            .collect();
        let cards: Vec<(String, String)> = self
            .doc
            .project()
            .cards
            .iter()
            .map(|card| (card.id.clone(), card.name.clone()))
            .collect();
        let mut open = true;
        let mut copy = false;
        let mut export = false;
        let mut reselected = false;
        egui::Window::new("手机图片")
            .open(&mut open)
            .collapsible(false)
            .default_width(720.0)
            .show(ctx, |ui| {
                let Some(dialog) = &mut self.pictures_dialog else {
                    return;
                };
                ui.label("给村务公开微信群的图片：整版一张、每个栏目一张长图（手机宽度），或每户明白卡一张（正反面并排，按户号命名）。个人信息与 PDF 一样脱敏。");
                ui.horizontal(|ui| {
                    ui.radio_value(&mut dialog.cards_mode, false, "公开栏");
                    ui.add_enabled_ui(!cards.is_empty(), |ui| {
                        ui.radio_value(&mut dialog.cards_mode, true, "明白卡");
                    });
                });
                if dialog.cards_mode {
                    super::export::choose_by_id_ui(
                        ui,
                        "pictures-cards",
                        "明白卡",
                        &cards,
                        &mut dialog.request.cards,
                    );
                } else if boards.len() > 1 {
                    super::export::choose_by_id_ui(
                        ui,
                        "pictures-board",
                        "公开栏",
                        &boards,
                        &mut dialog.request.board,
                    );
                }
                ui.horizontal(|ui| {
                    if !dialog.cards_mode {
                        let label = ui.label("整版宽度");
                        ui.add(
                            egui::DragValue::new(&mut dialog.request.board_width_px)
                                .range(200..=crate::raster::MAX_WIDTH_PX)
                                .suffix(" 像素"),
                        )
                        .labelled_by(label.id);
                    }
                    let label = ui.label("手机宽度");
                    ui.add(
                        egui::DragValue::new(&mut dialog.request.phone_width_px)
                            .range(MIN_PHONE_WIDTH_PX..=2 * DEFAULT_PHONE_WIDTH_PX)
                            .suffix(" 像素"),
                    )
                    .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    ui.label("格式");
                    ui.radio_value(&mut dialog.jpeg, false, "PNG（文字清晰）");
                    ui.radio_value(&mut dialog.jpeg, true, "JPEG");
                    if dialog.jpeg {
                        let label = ui.label("质量");
                        ui.add(egui::DragValue::new(&mut dialog.quality).range(1..=100))
                            .labelled_by(label.id);
                    }
                });
                ui.horizontal(|ui| {
                    let label = ui.label("存放到文件夹");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.folder_text).desired_width(420.0),
                    )
                    .labelled_by(label.id);
                });
                ui.separator();
                match &dialog.list {
                    Err(error) => {
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    }
                    Ok(list) => {
                        for note in &list.notes {
                            ui.label(note);
                        }
                        if !list.problems.is_empty() {
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("发现 {} 个问题：", list.problems.len()),
                            );
                            for problem in list.problems.iter().take(6) {
                                ui.colored_label(
                                    ui.visuals().error_fg_color,
                                    format!("· {problem}"),
                                );
                            }
                            ui.checkbox(&mut dialog.accept_problems, "我已知晓，仍然导出");
                        }
                        ui.label(format!("共 {} 张图片：", list.names.len()));
                        ui.horizontal_top(|ui| {
                            egui::ScrollArea::vertical()
                                .id_salt("pictures-list")
                                .max_height(360.0)
                                .max_width(260.0)
                                .show(ui, |ui| {
                                    for name in &list.names {
                                        let selected = dialog.selected.as_deref() == Some(name);
                                        if ui.selectable_label(selected, name).clicked() {
                                            dialog.selected = Some(name.clone());
                                            reselected = true;
                                        }
                                    }
                                });
                            egui::ScrollArea::vertical()
                                .id_salt("pictures-preview")
                                .max_height(360.0)
                                .show(ui, |ui| {
                                    if let Some((name, texture)) = &dialog.preview {
                                        let size = texture.size_vec2();
                                        let scale = (PREVIEW_WIDTH_PX as f32 / size.x).min(1.0);
                                        ui.add(
                                            egui::Image::new((texture.id(), size * scale))
                                                .alt_text(format!("预览：{name}")),
                                        );
                                    }
                                });
                        });
                    }
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let running = dialog.running.is_some();
                    if ui
                        .add_enabled(!running, egui::Button::new("导出图片"))
                        .clicked()
                    {
                        export = true;
                    }
                    if ui
                        .add_enabled(dialog.selected.is_some(), egui::Button::new("复制图片"))
                        .on_hover_text("把选中的图片放到剪贴板，可直接粘贴到微信电脑版")
                        .clicked()
                    {
                        copy = true;
                    }
                    if running {
                        ui.spinner();
                        ui.label("正在导出…");
                    }
                });
                match &dialog.done {
                    Some(Ok(done)) => {
                        ui.label(format!(
                            "已写出 {} 张图片到 {}：",
                            done.pictures.len(),
                            dialog.folder_text.trim()
                        ));
                        for picture in done.pictures.iter().take(20) {
                            ui.label(format!(
                                "{}　{}×{} 像素　{} KB",
                                picture.file_name,
                                picture.width_px,
                                picture.height_px,
                                picture.bytes.div_ceil(1024)
                            ));
                        }
                        for note in &done.notes {
                            ui.label(note);
                        }
                    }
                    Some(Err(error)) => {
                        ui.colored_label(ui.visuals().error_fg_color, error);
                    }
                    None => {}
                }
            });
        if reselected {
            self.refresh_picture_preview(ctx);
        }
        if copy {
            self.copy_picture(ctx);
        }
        if export {
            self.start_picture_export();
        }
        if !open {
            self.pictures_dialog = None;
        }
    }
}
