//! Files: open, save, save as, export paths, recent files, autosave to a recovery file, and
//! files dropped on the window.
//!
//! The system file dialog (rfd) runs on its own thread. Where none can open (no desktop portal),
//! rfd answers `None` at once, exactly like Cancel; an answer within half a second is taken to
//! mean that, and the in-app path field (always shown beside "浏览…") gets the focus.

use super::{GongkaiApp, PendingAction};
use crate::model::{self, Project, write_atomically};
use crate::schedule::ReportKind;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    Open,
    SaveAs,
    Export,
    /// The picture of an image block ([`FileDialogState::picture_target`]).
    Picture,
    /// A report (自查情况表, 公开目录) as an A4 PDF.
    Report(ReportKind),
}

impl FilePurpose {
    /// The kind of file whose last folder is remembered ([`crate::config::AppConfig::folders`]).
    fn folder_kind(self) -> &'static str {
        match self {
            FilePurpose::Open | FilePurpose::SaveAs => crate::config::PROJECT_FOLDER,
            FilePurpose::Export | FilePurpose::Report(_) => "导出",
            FilePurpose::Picture => "图片",
        }
    }

    fn title(self) -> String {
        match self {
            FilePurpose::Open => "打开项目".to_owned(),
            FilePurpose::SaveAs => "另存为".to_owned(),
            FilePurpose::Export => "导出 PDF".to_owned(),
            FilePurpose::Picture => "选择图片".to_owned(),
            FilePurpose::Report(kind) => format!("生成{}", kind.label_zh()),
        }
    }

    /// The path field's hint, named after the unit (`short_name`, e.g. 青禾村).
    fn example_path(self, short_name: &str) -> String {
        match self {
            FilePurpose::Open | FilePurpose::SaveAs => {
                format!("/home/user/公开栏/{short_name}.gongkai.json")
            }
            FilePurpose::Export => format!("/home/user/公开栏/{short_name}.pdf"),
            FilePurpose::Picture => "/home/user/公开栏/图片/照片.jpg".to_owned(),
            FilePurpose::Report(kind) => {
                format!("/home/user/公开栏/{short_name}-{}.pdf", kind.label_zh())
            }
        }
    }

    fn confirm_label(self) -> &'static str {
        match self {
            FilePurpose::Open => "确定打开",
            FilePurpose::SaveAs => "确定保存",
            FilePurpose::Export => "确定导出",
            FilePurpose::Picture => "使用此图片",
            FilePurpose::Report(_) => "确定生成",
        }
    }

    /// What it writes is a PDF.
    fn writes_pdf(self) -> bool {
        matches!(self, FilePurpose::Export | FilePurpose::Report(_))
    }
}

/// An answer quicker than this from the system dialog means there is none.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(500);
/// Autosave interval while there are unsaved changes.
const AUTOSAVE_INTERVAL_S: f64 = 60.0;
const MAX_RECENT: usize = 8;
const RECENT_KEY: &str = "gongkai-recent-files";

/// The state of the in-app file dialog, recent files and the recovery file.
#[derive(Default)]
pub struct FileDialogState {
    /// The dialog being shown, if any.
    pub purpose: Option<FilePurpose>,
    /// The path typed (or picked) in the dialog.
    pub path_text: String,
    pub recent: Vec<PathBuf>,
    /// A system dialog running on its thread.
    pending: Option<(mpsc::Receiver<Option<PathBuf>>, Instant)>,
    /// An existing file the clerk agreed to replace (asked in the dialog, or by the system
    /// dialog itself).
    overwrite_agreed: Option<PathBuf>,
    focus_path_field: bool,
    dialog_message: Option<String>,
    /// The image block a picture is being chosen for: (item id, block index).
    pub picture_target: Option<(BlockOwner, usize)>,
    /// Where the recovery copy goes; None: no autosave (tests).
    pub recovery_path: Option<PathBuf>,
    /// A recovery file found at start, offered for restoring.
    pub recovery_offer: Option<PathBuf>,
    last_autosave_s: Option<f64>,
    was_focused: bool,
    /// The designer's settings ([`crate::config`]) and where they are written; None: not
    /// written (tests that do not ask for it).
    pub config: crate::config::AppConfig,
    pub config_path: Option<PathBuf>,
}

impl FileDialogState {
    /// Shows the dialog for `purpose`, prefilled with `path`.
    pub fn show(&mut self, purpose: FilePurpose, path: Option<PathBuf>) {
        self.purpose = Some(purpose);
        // Without a path: the folder last used for this kind of file.
        let path = path.or_else(|| {
            self.config
                .folder(purpose.folder_kind())
                .map(|dir| PathBuf::from(format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR)))
        });
        self.path_text = path
            .map(|path| path.display().to_string())
            .unwrap_or_default();
        self.dialog_message = None;
        self.focus_path_field = true;
    }

    /// Turns autosave on, and offers a recovery file left by a crash.
    pub fn enable_recovery(&mut self, path: Option<PathBuf>) {
        if let Some(path) = &path
            && path.exists()
        {
            self.recovery_offer = Some(path.clone());
        }
        self.recovery_path = path;
    }

    /// A project opened or saved: first among the recent ones, and written to the settings at
    /// once (the next start reopens it, even after a power cut).
    pub(crate) fn remember(&mut self, path: &Path) {
        self.recent.retain(|recent| recent != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
        self.config.remember_project(path);
        self.store_config();
    }

    /// The folder of a file chosen for `purpose`, remembered for the next one of its kind.
    fn remember_folder(&mut self, purpose: FilePurpose, path: &Path) {
        if let Some(dir) = path.parent() {
            self.config.remember_folder(purpose.folder_kind(), dir);
            self.store_config();
        }
    }

    /// Writes the settings, when the app has a settings file.
    pub(crate) fn store_config(&self) {
        if let Some(path) = &self.config_path {
            // Settings that cannot be written cost the clerk nothing now: the next start is
            // a first one.
            let _ = self.config.save_to(path);
        }
    }
}

/// Beside the recovery file: the path of the project file the recovered work belongs to.
/// The app's name in the lock files of the projects it has open.
pub const APP_LOCK_NAME: &str = "公开栏设计器";

/// What the app knows of a project file as it loaded or saved it: its content hash.
pub fn disk_stamp(path: &Path) -> Option<String> {
    crate::fileio::read_regular(path, crate::fileio::MAX_PROJECT_BYTES)
        .ok()
        .map(|bytes| crate::import::content_hash(&bytes))
}

/// A project loaded under its lock, with the file's stamp.
pub(crate) type Locked = (Project, crate::fileio::ProjectLock, Option<String>);
/// Why a project was not loaded, and the lock given back when one was given.
pub(crate) type NotLocked = (String, Option<crate::fileio::ProjectLock>);

/// A project loaded under its lock (`held`: the lock the app has already). On failure the
/// message, and the lock given back when it was given.
pub(crate) fn load_locked(
    path: &Path,
    held: Option<crate::fileio::ProjectLock>,
) -> Result<Locked, NotLocked> {
    let lock = match held {
        Some(lock) => lock,
        None => crate::fileio::ProjectLock::try_acquire(path, APP_LOCK_NAME)
            .map_err(|error| (error.to_string(), None))?,
    };
    let stamp = disk_stamp(path);
    match model::load_project(path) {
        Ok(project) => Ok((project, lock, stamp)),
        Err(error) => Err((error.to_string(), Some(lock))),
    }
}

/// "村务.gongkai.json" → "村务-副本.gongkai.json" beside it.
fn copy_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let copy = match name.strip_suffix(".gongkai.json") {
        Some(stem) => format!("{stem}-副本.gongkai.json"),
        None => format!("副本-{name}"),
    };
    path.with_file_name(copy)
}

fn origin_path(recovery: &Path) -> PathBuf {
    recovery.with_extension("origin")
}

fn read_origin(recovery: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(origin_path(recovery)).ok()?;
    let path = PathBuf::from(text.trim());
    path.is_file().then_some(path)
}

/// The recovery file in the app's data folder.
pub fn default_recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("gongkai").map(|dir| dir.join("recovery.gongkai.json"))
}

pub fn remove_recovery_file(files: &FileDialogState) {
    if let Some(path) = &files.recovery_path {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(origin_path(path));
    }
}

pub fn store_recent(storage: &mut dyn eframe::Storage, recent: &[PathBuf]) {
    let lines: Vec<String> = recent
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    storage.set_string(RECENT_KEY, lines.join("\n"));
}

pub fn load_recent(storage: &dyn eframe::Storage) -> Vec<PathBuf> {
    storage
        .get_string(RECENT_KEY)
        .map(|text| {
            text.lines()
                .filter(|line| !line.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Adds `.gongkai.json` (projects) or `.pdf` (exports) when the clerk typed a bare name.
fn with_extension(path_text: &str, purpose: FilePurpose) -> PathBuf {
    let path = PathBuf::from(path_text.trim());
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match purpose {
        purpose if purpose.writes_pdf() && !name.ends_with(".pdf") => {
            PathBuf::from(format!("{}.pdf", path.display()))
        }
        FilePurpose::SaveAs if !name.ends_with(".json") => {
            PathBuf::from(format!("{}.gongkai.json", path.display()))
        }
        _ => path,
    }
}

/// What an export's file name says about its kind: "" for the board at true size,
/// "-拼贴A4", "-表簿" (an internal one "-对内表簿", never the public register's name),
/// "-明白卡".
fn export_name_suffix(request: &crate::compose::ExportRequest) -> String {
    use crate::compose::ExportMode;
    match request.mode {
        ExportMode::Board => String::new(),
        ExportMode::Tiles => format!("-拼贴{}", request.paper.name()),
        ExportMode::Parts => "-分块".to_owned(),
        ExportMode::Register if request.internal => "-对内表簿".to_owned(),
        ExportMode::Register => "-表簿".to_owned(),
        ExportMode::Cards => "-明白卡".to_owned(),
    }
}

impl GongkaiApp {
    /// 新建: a fresh copy of the sample town, after asking about unsaved changes.
    pub(crate) fn request_new(&mut self) {
        if self.is_dirty() {
            self.confirm = Some(PendingAction::New);
            return;
        }
        self.new_dialog = Some(super::NewProjectDialog::new(self.today));
    }

    /// 打开: a given file, or the open dialog; asks about unsaved changes first.
    pub(crate) fn request_open(&mut self, path: Option<PathBuf>) {
        if self.is_dirty() {
            self.confirm = Some(PendingAction::Open(path));
            return;
        }
        match path {
            Some(path) => self.open_file(&path),
            None => self.files.show(FilePurpose::Open, None),
        }
    }

    /// Opens a project file; a broken one, or one another program is writing (its lock is
    /// held), changes nothing and says why (and who has it).
    pub fn open_file(&mut self, path: &Path) {
        let reusing = self.holds_lock_of(path);
        let reuse = if reusing {
            self.project_lock.take()
        } else {
            None
        };
        match load_locked(path, reuse) {
            Ok((mut project, lock, stamp)) => {
                let notes = std::mem::take(&mut project.load_notes);
                self.replace_project(project, Some(path.to_owned()));
                self.project_lock = Some(lock);
                self.disk_stamp = stamp;
                self.files.remember(path);
                if notes.is_empty() {
                    self.say(format!("已打开 {}", path.display()));
                } else {
                    self.say(format!("已打开 {}。{}", path.display(), notes.join(" ")));
                }
            }
            Err((message, lock)) => {
                if reusing {
                    self.project_lock = lock;
                }
                self.warn(message);
            }
        }
    }

    /// Whether the app holds the lock of the project at `path` (the open project's own file).
    fn holds_lock_of(&self, path: &Path) -> bool {
        self.project_lock.is_some() && self.doc.path() == Some(super::absolute_path(path).as_path())
    }

    /// 保存: to the project's file, or asks for one.
    pub(crate) fn save(&mut self) {
        match self.doc.path().map(std::path::Path::to_path_buf) {
            Some(path) => self.save_to(&path),
            None => {
                let default = self.default_project_file();
                self.files.show(FilePurpose::SaveAs, default);
            }
        }
    }

    /// Where a project not saved yet goes by default: 文档/公开栏/<单位>/<单位>.gongkai.json
    /// (the app with a settings file only: tests type their own paths).
    pub(crate) fn default_project_file(&self) -> Option<PathBuf> {
        self.files.config_path.as_ref()?;
        let documents = crate::config::documents_dir()?;
        Some(crate::config::default_project_file(
            &documents,
            &self.doc.project().meta.unit_name,
        ))
    }

    /// Saves atomically to `path`; on failure the clerk's work stays open and unsaved. One
    /// writer per project: the app holds the project's lock (a file another program is writing
    /// is refused, with who has it). Never silently over someone else's changes: when the
    /// project's file on disk is no longer the one the app loaded or saved, nothing is written
    /// and the clerk chooses (重新载入 or 另存为副本, [`Self::disk_conflict`]).
    pub fn save_to(&mut self, path: &Path) {
        // A folder that does not exist yet is made (文档/公开栏/单位名 the first time).
        if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty())
            && !dir.is_dir()
            && let Err(error) = std::fs::create_dir_all(dir)
        {
            self.warn(format!(
                "无法建立文件夹 {}：{}。请换一个位置保存。",
                dir.display(),
                model::io_error_zh(&error)
            ));
            return;
        }
        let own_file = self.holds_lock_of(path);
        let new_lock = if own_file {
            None
        } else {
            match crate::fileio::ProjectLock::try_acquire(path, APP_LOCK_NAME) {
                Ok(lock) => Some(lock),
                Err(error) => {
                    self.warn(format!("{error}"));
                    return;
                }
            }
        };
        if own_file
            && path.exists()
            && let Some(loaded) = &self.disk_stamp
            && disk_stamp(path).as_ref() != Some(loaded)
        {
            self.disk_conflict = Some(path.to_owned());
            return;
        }
        match model::save_project(self.doc.project(), path) {
            Ok(()) => {
                if let Some(lock) = new_lock {
                    self.project_lock = Some(lock);
                }
                self.disk_stamp = disk_stamp(path);
                self.mark_saved(path.to_owned());
                self.files.remember(path);
                remove_recovery_file(&self.files);
                self.say(format!("已保存到 {}", path.display()));
            }
            Err(error) => self.warn(error.to_string()),
        }
    }

    /// The project file changed on disk since it was loaded: 重新载入 (the clerk's unsaved
    /// changes are dropped), 另存为副本 (the clerk's work goes to another file), or 取消.
    pub(crate) fn disk_conflict_ui(&mut self, ctx: &egui::Context) {
        let Some(path) = self.disk_conflict.clone() else {
            return;
        };
        egui::Window::new("项目文件已被其他程序改动")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::vec2(0.0, 0.0))
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} 在打开（或上次保存）之后被其他程序改动过。为免覆盖别人的修改，这次没有保存。",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("重新载入（放弃我的修改）").clicked() {
                        self.disk_conflict = None;
                        self.reload_from_disk(&path);
                    }
                    if ui.button("另存为副本…").clicked() {
                        self.disk_conflict = None;
                        self.files.show(FilePurpose::SaveAs, Some(copy_path(&path)));
                    }
                    if ui.button("取消").clicked() {
                        self.disk_conflict = None;
                    }
                });
            });
    }

    /// 重新载入: the project as it is on disk now, the clerk's unsaved changes dropped.
    pub fn reload_from_disk(&mut self, path: &Path) {
        let lock = self
            .holds_lock_of(path)
            .then(|| self.project_lock.take())
            .flatten();
        match load_locked(path, lock) {
            Ok((project, lock, stamp)) => {
                self.replace_project(project, Some(path.to_owned()));
                self.project_lock = Some(lock);
                self.disk_stamp = stamp;
                self.say(format!("已重新载入 {}", path.display()));
            }
            Err((message, lock)) => {
                self.project_lock = lock;
                self.warn(message);
            }
        }
    }

    /// Beside the project, named after it and the export's kind, so that exporting the board,
    /// the tiles and the register does not overwrite one with the other.
    pub(crate) fn default_export_path(&self) -> Option<PathBuf> {
        let path = self.doc.path()?;
        let name = path.file_name()?.to_string_lossy();
        let stem = name
            .strip_suffix(".gongkai.json")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or(&name);
        let kind = export_name_suffix(&self.export.request);
        // With several boards the file says which one.
        let board = (self.doc.project().boards.len() > 1
            && self.export.request.mode != crate::compose::ExportMode::Cards)
            .then(|| {
                self.export
                    .request
                    .board
                    .as_deref()
                    .and_then(|id| self.doc.project().board(id))
            })
            .flatten()
            .map(|board| format!("-{}", crate::jobs::file_name_for(&board.name)))
            .unwrap_or_default();
        // Cards: the file says which card design.
        let card = (self.export.request.mode == crate::compose::ExportMode::Cards)
            .then(|| {
                self.export
                    .request
                    .cards
                    .as_deref()
                    .and_then(|id| self.doc.project().card_by_id_or_name(id))
            })
            .flatten()
            .map(|card| format!("-{}", crate::jobs::file_name_for(&card.name)))
            .unwrap_or_default();
        // 惠农补贴明白卡-明白卡 says it twice: a card design's name that says it is a card
        // stands for the kind.
        let kind = if card.ends_with('卡') && kind == "-明白卡" {
            String::new()
        } else {
            kind
        };
        let board = format!("{board}{card}");
        Some(path.with_file_name(format!("{stem}{board}{kind}.pdf")))
    }

    /// 生成自查情况表… / 生成公开目录…: asks where, beside the project by default.
    pub(crate) fn request_report(&mut self, kind: ReportKind) {
        let start = self.doc.path().map(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let stem = name
                .strip_suffix(".gongkai.json")
                .or_else(|| name.strip_suffix(".json"))
                .unwrap_or(&name);
            path.with_file_name(format!("{stem}-{}.pdf", kind.label_zh()))
        });
        self.files.show(FilePurpose::Report(kind), start);
    }

    /// Writes a report of the project as it is today (as `gongkai report` does).
    pub(crate) fn write_report(&mut self, kind: ReportKind, path: &Path) {
        let view_day = self.view_day();
        let document = match kind {
            ReportKind::SelfCheck => crate::schedule::self_check_document_for(
                self.doc.project(),
                view_day,
                self.self_check_period
                    .unwrap_or_else(|| crate::schedule::Period::quarter_of(view_day)),
            ),
            ReportKind::Catalog => {
                crate::schedule::report_document(self.doc.project(), kind, view_day)
            }
        };
        let report = match crate::jobs::render_report(
            &mut self.layout_engine,
            self.doc.project(),
            &document,
            crate::jobs::created_on(self.today),
        ) {
            Ok(report) => report,
            Err(error) => {
                self.warn(format!("无法生成{}：{error}", kind.label_zh()));
                return;
            }
        };
        if let Err(error) = crate::jobs::write_output(
            path,
            &report.bytes,
            crate::fileio::OutputKind::Pdf,
            Some(self.doc.project()),
            self.doc.path(),
            &[],
        ) {
            self.warn(error.to_string());
            return;
        }
        let mut said = format!(
            "已生成{} {}：A4{}，{} 页。",
            kind.label_zh(),
            path.display(),
            if report.landscape { "横向" } else { "纵向" },
            report.pages
        );
        for problem in &report.problems {
            said.push_str(problem);
        }
        self.say(said);
    }

    /// The unit's short name (青禾村), for example paths.
    fn unit_short_name(&self) -> String {
        let name = self.doc.project().meta.short_unit_name();
        if name.trim().is_empty() {
            "单位".to_owned()
        } else {
            name.trim().to_owned()
        }
    }

    /// 选择图片…: asks for the picture of an image block, starting from its current file.
    pub(crate) fn request_picture(&mut self, owner: BlockOwner, block_index: usize, current: &str) {
        let start = (!current.trim().is_empty())
            .then(|| crate::images::resolve(current, self.project_dir().as_deref()));
        self.files.picture_target = Some((owner, block_index));
        self.files.show(FilePurpose::Picture, start);
    }

    /// Puts a chosen picture into its image block (one undo step), after checking it can be
    /// used; a picture that cannot is refused with the reason and changes nothing.
    pub fn use_picture(&mut self, path: &Path) {
        let Some((owner, block_index)) = self.files.picture_target.clone() else {
            return;
        };
        if let Err(error) = crate::images::probe(path) {
            self.warn(format!("{error}。"));
            return;
        }
        let Some(mut blocks) = owner.blocks(self.doc.project()).map(<[_]>::to_vec) else {
            self.warn("要放图片的事项或栏目已不存在。".to_owned());
            return;
        };
        let Some(crate::model::Block::Image { path: stored, .. }) = blocks.get_mut(block_index)
        else {
            self.warn("要放图片的图片块已不存在。".to_owned());
            return;
        };
        // A picture from elsewhere is copied into the project's folder (图片/): the archive
        // holds only pictures inside it. Without a folder yet, the path stays (a finding).
        *stored = match self.project_dir() {
            Some(dir) => match crate::images::copy_into_project(path, &dir) {
                Ok(inside) => inside,
                Err(error) => {
                    self.warn(format!("{error}。"));
                    return;
                }
            },
            None => crate::images::path_for_block(path, None),
        };
        let name = stored.clone();
        self.apply_edit(owner.set_blocks(blocks, self.today));
        self.files.picture_target = None;
        self.say(format!("已放入图片 {name}。"));
    }

    /// The in-app file dialog, the recovery offer and the system dialog's answer.
    pub(crate) fn files_ui(&mut self, ctx: &egui::Context) {
        self.poll_system_dialog(ctx);
        self.recovery_offer_ui(ctx);
        self.disk_conflict_ui(ctx);
        let Some(purpose) = self.files.purpose else {
            return;
        };
        let mut open = true;
        let mut confirmed = false;
        let example_path = purpose.example_path(&self.unit_short_name());
        egui::Window::new(purpose.title())
            .open(&mut open)
            .collapsible(false)
            .default_width(520.0)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                if purpose == FilePurpose::Export {
                    self.export_options_ui(ui);
                    ui.separator();
                }
                let label = ui.label("文件路径：");
                ui.horizontal(|ui| {
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.files.path_text)
                            .desired_width(380.0)
                            .hint_text(example_path.as_str()),
                    );
                    let field = field.labelled_by(label.id);
                    if std::mem::take(&mut self.files.focus_path_field) {
                        field.request_focus();
                    }
                    if field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter)) {
                        confirmed = true;
                    }
                    let browsing = self.files.pending.is_some();
                    if ui
                        .add_enabled(!browsing, egui::Button::new("浏览…"))
                        .clicked()
                    {
                        self.start_system_dialog(purpose, ctx);
                    }
                });
                if let Some(message) = &self.files.dialog_message {
                    ui.colored_label(ui.visuals().warn_fg_color, message);
                }
                ui.horizontal(|ui| {
                    if ui.button(purpose.confirm_label()).clicked() {
                        confirmed = true;
                    }
                    if ui.button("取消").clicked() {
                        self.files.purpose = None;
                    }
                });
            });
        if !open {
            self.files.purpose = None;
        }
        if confirmed {
            // Opening, saving, exporting or putting a picture in place runs after the frame.
            self.later(move |app| app.confirm_file_dialog(purpose));
        }
    }

    fn confirm_file_dialog(&mut self, purpose: FilePurpose) {
        if self.files.path_text.trim().is_empty() {
            self.files.dialog_message = Some("请输入文件路径，或点“浏览…”选择。".to_owned());
            return;
        }
        let path = with_extension(&self.files.path_text, purpose);
        let replaces_another_file = (purpose == FilePurpose::SaveAs || purpose.writes_pdf())
            && path.is_file()
            && self.doc.path() != Some(path.as_path());
        if replaces_another_file && self.files.overwrite_agreed.as_deref() != Some(path.as_path()) {
            self.files.overwrite_agreed = Some(path.clone());
            self.files.dialog_message = Some(format!(
                "“{}”已经存在。再点一次“{}”会替换它；不想替换请改个文件名。",
                path.display(),
                purpose.confirm_label()
            ));
            return;
        }
        self.files.overwrite_agreed = None;
        self.files.remember_folder(purpose, &path);
        match purpose {
            FilePurpose::Open => {
                if !path.exists() {
                    self.files.dialog_message = Some(format!("找不到文件 {}", path.display()));
                    return;
                }
                self.open_file(&path);
            }
            FilePurpose::SaveAs => self.save_to(&path),
            FilePurpose::Export => self.export_to(&path),
            FilePurpose::Picture => self.use_picture(&path),
            FilePurpose::Report(kind) => self.write_report(kind, &path),
        }
        if !self.notice.as_ref().is_some_and(|notice| notice.is_error) {
            self.files.purpose = None;
        } else {
            self.files.dialog_message = self.notice.as_ref().map(|notice| notice.text.clone());
        }
    }

    fn start_system_dialog(&mut self, purpose: FilePurpose, ctx: &egui::Context) {
        let (sender, receiver) = mpsc::channel();
        let start_dir = Path::new(self.files.path_text.trim())
            .parent()
            .filter(|dir| dir.is_dir())
            .map(Path::to_path_buf);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let picked = match purpose {
                FilePurpose::Open => dialog.add_filter("公开栏项目", &["json"]).pick_file(),
                FilePurpose::SaveAs => dialog
                    .add_filter("公开栏项目", &["json"])
                    .set_file_name("公开栏.gongkai.json")
                    .save_file(),
                FilePurpose::Export | FilePurpose::Report(_) => {
                    dialog.add_filter("PDF", &["pdf"]).save_file()
                }
                FilePurpose::Picture => dialog
                    .add_filter("图片（PNG、JPEG）", &["png", "jpg", "jpeg"])
                    .pick_file(),
            };
            let _ = sender.send(picked);
            repaint.request_repaint();
        });
        self.files.pending = Some((receiver, Instant::now()));
    }

    fn poll_system_dialog(&mut self, ctx: &egui::Context) {
        let Some((receiver, started)) = &self.files.pending else {
            return;
        };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                // The system's save dialog asks before replacing a file itself.
                self.files.overwrite_agreed = Some(path.clone());
                self.files.path_text = path.display().to_string();
                self.files.pending = None;
            }
            Ok(None) => {
                if started.elapsed() < NO_DIALOG_THRESHOLD {
                    self.files.dialog_message = Some(
                        "系统文件对话框无法打开。请在上面的路径栏直接输入文件路径。".to_owned(),
                    );
                    self.files.focus_path_field = true;
                }
                self.files.pending = None;
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(mpsc::TryRecvError::Disconnected) => self.files.pending = None,
        }
    }

    fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(path) = self.files.recovery_offer.clone() else {
            return;
        };
        let mut answer = None;
        let origin = read_origin(&path);
        egui::Window::new("恢复未保存的工作")
            .collapsible(false)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("上次关闭前有未保存的更改（可能是程序意外退出）。要恢复吗？");
                if let Some(origin) = &origin {
                    ui.label("这些更改属于：");
                    ui.monospace(origin.display().to_string());
                }
                ui.weak("恢复用的副本：");
                ui.add(
                    egui::Label::new(egui::RichText::new(path.display().to_string()).weak())
                        .wrap_mode(egui::TextWrapMode::Extend),
                );
                ui.horizontal(|ui| {
                    if ui.button("恢复").clicked() {
                        answer = Some(true);
                    }
                    if ui.button("丢弃").clicked() {
                        answer = Some(false);
                    }
                });
            });
        match answer {
            Some(true) => {
                self.files.recovery_offer = None;
                match model::load_project(&path) {
                    Ok(project) => self.restore_recovered(project, read_origin(&path)),
                    Err(error) => self.warn(format!("恢复失败：{error}")),
                }
            }
            Some(false) => {
                self.files.recovery_offer = None;
                let _ = std::fs::remove_file(&path);
                let _ = std::fs::remove_file(origin_path(&path));
            }
            None => {}
        }
    }

    /// Writes the recovery copy every minute while there are unsaved changes, and when the
    /// window loses focus.
    pub(crate) fn autosave_tick(&mut self, ctx: &egui::Context) {
        if self.files.recovery_path.is_none() || self.files.recovery_offer.is_some() {
            return;
        }
        let (now_s, focused) = ctx.input(|input| (input.time, input.focused));
        let lost_focus = self.files.was_focused && !focused;
        self.files.was_focused = focused;
        let last_s = *self.files.last_autosave_s.get_or_insert(now_s);
        if !self.is_dirty() {
            self.files.last_autosave_s = Some(now_s);
            return;
        }
        if lost_focus || now_s - last_s >= AUTOSAVE_INTERVAL_S {
            self.files.last_autosave_s = Some(now_s);
            self.write_recovery_file();
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(AUTOSAVE_INTERVAL_S));
        }
    }

    /// Writes the project to the recovery file now.
    pub fn write_recovery_file(&mut self) {
        let Some(path) = self.files.recovery_path.clone() else {
            return;
        };
        if let Some(folder) = path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let result = serde_json::to_vec_pretty(self.doc.project())
            .map_err(|error| error.to_string())
            .and_then(|bytes| {
                write_atomically(&path, &bytes, false).map_err(|error| error.reason())
            });
        if let Err(error) = result {
            self.warn(format!("自动保存失败：{error}"));
        }
        // Which file the work belongs to, so a restore can save back to it.
        let origin = origin_path(&path);
        let _ = match self.doc.path() {
            Some(project_path) => std::fs::write(&origin, project_path.display().to_string()),
            None => std::fs::remove_file(&origin),
        };
    }

    /// Puts recovered work in place: back on its own file when it had one (that file, as it
    /// is on disk, counts as saved, so the work shows as unsaved changes to it).
    fn restore_recovered(&mut self, recovered: Project, origin: Option<PathBuf>) {
        let original = origin.as_deref().and_then(|origin| {
            model::load_project(origin)
                .ok()
                .map(|project| (origin, project))
        });
        match original {
            Some((origin, project)) => {
                // The file as it is on disk is the saved state; the work is a change to it.
                self.doc.replace(project, Some(origin.to_path_buf()));
                self.doc.replace_as_step(recovered);
                self.say(format!(
                    "已恢复未保存的工作（属于 {}）。按 Ctrl+S 保存回这个文件。",
                    origin.display()
                ));
            }
            None => {
                // Unsaved work of a new project: the sample stays the "saved" state.
                self.doc.replace_as_step(recovered);
                self.doc.detach_file();
                self.say("已恢复未保存的工作。请保存到一个文件。");
            }
        }
        self.keep_selection_valid();
    }

    pub(crate) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_path_buf())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        for path in dropped {
            let name = path.to_string_lossy().to_lowercase();
            if name.ends_with(".json") {
                self.request_open(Some(path));
                break;
            }
            self.warn(format!(
                "只能打开公开栏项目文件（.gongkai.json）：{}",
                path.display()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_names_get_their_extension() {
        assert_eq!(
            with_extension("青禾镇", FilePurpose::SaveAs),
            PathBuf::from("青禾镇.gongkai.json")
        );
        assert_eq!(
            with_extension(" /tmp/板.PDF ", FilePurpose::Export),
            PathBuf::from("/tmp/板.PDF")
        );
        assert_eq!(
            with_extension("/tmp/a.gongkai.json", FilePurpose::Open),
            PathBuf::from("/tmp/a.gongkai.json")
        );
    }
}

/// What holds a list of blocks: an item, or a panel of its own (a card face's panels).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BlockOwner {
    Item(String),
    Panel { board_id: String, panel_id: String },
}

impl BlockOwner {
    pub fn blocks<'p>(
        &self,
        project: &'p crate::model::Project,
    ) -> Option<&'p [crate::model::Block]> {
        match self {
            BlockOwner::Item(item_id) => project.item(item_id).map(|item| item.blocks.as_slice()),
            BlockOwner::Panel { board_id, panel_id } => project
                .board(board_id)
                .and_then(|board| board.panel(panel_id))
                .map(|panel| panel.blocks.as_slice()),
        }
    }

    /// The edit that gives the owner these blocks (an item's change is dated `today`).
    pub fn set_blocks(
        &self,
        blocks: Vec<crate::model::Block>,
        today: chrono::NaiveDate,
    ) -> crate::model::Edit {
        match self {
            BlockOwner::Item(item_id) => crate::model::Edit::SetItemBlocks {
                item_id: item_id.clone(),
                blocks,
                changed_on: Some(today),
            },
            BlockOwner::Panel { board_id, panel_id } => crate::model::Edit::SetPanelBlocks {
                board_id: board_id.clone(),
                panel_id: panel_id.clone(),
                blocks,
            },
        }
    }
}
