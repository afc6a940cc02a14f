//! The designer app (feature `gui`): eframe with the glow renderer (wgpu when OpenGL 2 is
//! missing, [`renderer`]), Chinese UI.
//!
//! Left: the outline (boards → panels → items) and the catalog checklist; centre: the board
//! canvas; right: the inspector; bottom: the findings list.
//!
//! The app layer:
//! - [`Document`] (`document.rs`) holds the project, its file, its revision, the revision last
//!   saved and the undo history; `Document::apply(Edit)` is the one way the project changes.
//! - Panels never change the project while they are drawn: they queue an [`Action`] (an edit,
//!   an edit of a gesture, or a [`Command`]), carried out after the frame
//!   (`command_handling.rs`). Every user action is a [`Command`]; the menus, the toolbar and
//!   the shortcuts are made from its one list (`commands.rs`).
//! - What is derived from the document (the surface on the canvas laid out as it prints,
//!   picture status, schedule) is cached by revision and by what else it depends on
//!   (`derived.rs`); the findings and the personal-number scan run on a worker thread
//!   (`checked.rs`) while the findings pane says 检查中….

mod boards;
mod canvas;
mod cards;
mod checked;
mod chrome;
mod command_handling;
mod commands;
mod confirm;
mod dashboard;
mod derived;
mod document;
mod export;
mod export_all;
mod files;
mod findings;
mod fonts;
mod import;
mod inspector;
pub mod locale;
mod new_project;
mod outline;
mod page_painter;
mod pictures;
mod publish;
pub mod renderer;
mod screen_images;
mod selection;
mod shell;
mod start;
mod window;
mod work;

pub use boards::{DraggedItem, PendingDelete};
pub use canvas::CanvasView;
pub use cards::{CardsUi, NewCardDialog};
pub use command_handling::Action;
pub use commands::Command;
pub use confirm::PendingAction;
pub use export::{ExportDone, ExportState};
pub use files::{FileDialogState, FilePurpose};
pub use fonts::{font_definitions, install_fonts};
pub use import::ImportDialog;
pub use new_project::NewProjectDialog;
pub use page_painter::paint_page;
pub use publish::PublishPreview;
pub use selection::Selection;
pub use shell::{ShellPrefs, ThemeChoice};
pub use window::{run_app, window_icon};
pub use work::{WorkAction, WorkLine};

use crate::catalog::sample_project;
use crate::layout::LayoutEngine;
use crate::model::{self, Edit, Project};
pub use document::{Document, Snapshot};
use eframe::egui;
use std::path::PathBuf;

/// A message for the clerk in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// A project path made absolute against the working folder (a project opened as
/// `gongkai x.gongkai.json` has the folder "" otherwise, and picture paths, the recent list
/// and the export folder need a real one).
fn absolute_path(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The whole app state.
pub struct GongkaiApp {
    /// The project, its file, its revision and undo history: changed through `apply` alone.
    pub doc: Document,
    pub selection: Selection,
    pub canvas: CanvasView,
    pub files: FileDialogState,
    pub notice: Option<Notice>,
    /// Waiting for the clerk's answer to "save the changes?".
    pub confirm: Option<PendingAction>,
    /// Panels copied with 复制栏目.
    clipboard: Vec<model::Panel>,
    /// What the panels asked for while they were drawn: applied after the frame, in order.
    queued: Vec<Action>,
    /// Set when the window may close (after the unsaved-changes question).
    close_confirmed: bool,
    /// 退出 was chosen with nothing unsaved: the window closes after this frame.
    quit_now: bool,
    /// The last edit of the gesture under way (a repeat of it is not applied again).
    last_gesture_edit: Option<Edit>,
    last_title: String,
    layout_engine: LayoutEngine,
    /// The font set egui was given last (installed faces for the canvas); None: the bundled.
    canvas_fonts: Option<std::sync::Arc<crate::fonts::FontSet>>,
    /// What is derived from the document (layout, schedule, picture status), by revision.
    derived: derived::Derived,
    /// Textures of the pictures in image blocks.
    pictures: screen_images::ScreenImages,
    pub export: ExportState,
    /// 允许公开 being asked for: the number's digits and the reason typed so far.
    pub allow_public: Option<findings::AllowRequest>,
    /// Today: the day statuses are computed for, and the day edits are dated. Read from the
    /// clock once, when the app starts ([`GongkaiApp::open`]); tests set it.
    pub today: chrono::NaiveDate,
    /// 查看日期: the day the 公开时效 page, the publish preview and the canvas's footer look at
    /// (None: today).
    pub view_day: Option<chrono::NaiveDate>,
    /// The period of the next 自查情况表 (None: the quarter of the 查看日期).
    pub self_check_period: Option<crate::schedule::Period>,
    /// The 自查情况表 window, while it is open.
    pub self_check_open: bool,
    /// The 公开时效设置 window, while it is open.
    pub calendar_settings: Option<dashboard::CalendarSettingsDraft>,
    /// The 新建项目 chooser, while it is open.
    pub new_dialog: Option<NewProjectDialog>,
    /// The 导入数据 dialog, while it is open.
    pub import_dialog: Option<ImportDialog>,
    /// 从源文件更新: what the re-read file changes, shown before it is applied.
    pub source_update: Option<import::SourceUpdate>,
    /// The 单位信息 window is open.
    pub unit_info_open: bool,
    /// The 手机图片 window, while it is open.
    pub pictures_dialog: Option<pictures::PicturesDialog>,
    /// A board or panels to delete, waiting for the clerk's answer.
    pub pending_delete: Option<PendingDelete>,
    /// The 发布预览 window, while it is open.
    pub publish_preview: Option<PublishPreview>,
    /// 本期工作, worked out once per change ([`work::WorkCache`]).
    work: work::WorkCache,
    /// 明白卡: the previewed records, the 名单 window, the 新建明白卡 dialog.
    pub cards: CardsUi,
    /// The last check of the project (the findings list), with the linked spreadsheets looked
    /// at every few seconds.
    checked: checked::CheckedFindings,
    /// The built-in sample (the invented 青禾镇) is open, not a file of the clerk's: the
    /// title and the status bar say so until a project is made, opened or saved.
    showing_sample: bool,
    /// The lock of the open project's file, held while it is open: one writer per project.
    project_lock: Option<crate::fileio::ProjectLock>,
    /// The content hash of the project's file as the app loaded or last saved it.
    disk_stamp: Option<String>,
    /// The project's file changed on disk since: a save waits for the clerk's choice.
    pub disk_conflict: Option<PathBuf>,
    /// The look and the folded panels (remembered).
    pub shell: ShellPrefs,
    /// The window was fitted to the screen (once, on the first frame).
    window_fitted: bool,
    /// Nothing remembered about the shell yet: the first frame picks it for the screen.
    first_start: bool,
    /// The 关于 window is open.
    pub about_open: bool,
    /// The renderer that opened the window (None in tests).
    pub renderer_info: Option<renderer::RendererInfo>,
}

impl GongkaiApp {
    /// The app on a file, or on the built-in sample when there is none, as of today by the
    /// clock: the one place the app reads the clock.
    pub fn open(file: Option<PathBuf>) -> Self {
        GongkaiApp::open_on(file, chrono::Local::now().date_naive())
    }

    /// The app on a file (or the sample) as of `today`. A file that cannot be opened leaves
    /// the sample open and says why.
    pub fn open_on(file: Option<PathBuf>, today: chrono::NaiveDate) -> Self {
        let mut notice = None;
        let mut project_lock = None;
        let mut disk_stamp = None;
        let (project, path) = match file {
            None => (sample_project(today), None),
            Some(path) => match files::load_locked(&path, None) {
                Ok((mut project, lock, stamp)) => {
                    project_lock = Some(lock);
                    disk_stamp = stamp;
                    if !project.load_notes.is_empty() {
                        notice = Some(Notice {
                            text: std::mem::take(&mut project.load_notes).join(" "),
                            is_error: false,
                        });
                    }
                    (project, Some(absolute_path(&path)))
                }
                Err((error, _)) => {
                    notice = Some(Notice {
                        text: format!("{error}已打开示例项目。"),
                        is_error: true,
                    });
                    (sample_project(today), None)
                }
            },
        };
        let showing_sample = path.is_none();
        let layout_engine = LayoutEngine::for_project(&project);
        let mut app = GongkaiApp {
            doc: Document::new(project, path),
            selection: Selection::default(),
            canvas: CanvasView::default(),
            files: FileDialogState::default(),
            notice,
            confirm: None,
            clipboard: Vec::new(),
            queued: Vec::new(),
            close_confirmed: false,
            quit_now: false,
            last_gesture_edit: None,
            last_title: String::new(),
            layout_engine,
            canvas_fonts: None,
            derived: Default::default(),
            pictures: Default::default(),
            export: ExportState::default(),
            allow_public: None,
            today,
            view_day: None,
            self_check_period: None,
            self_check_open: false,
            calendar_settings: None,
            new_dialog: None,
            import_dialog: None,
            source_update: None,
            unit_info_open: false,
            pictures_dialog: None,
            pending_delete: None,
            publish_preview: None,
            work: work::WorkCache::default(),
            cards: CardsUi::default(),
            checked: Default::default(),
            showing_sample,
            project_lock,
            disk_stamp,
            disk_conflict: None,
            shell: ShellPrefs::default(),
            window_fitted: false,
            first_start: false,
            about_open: false,
            renderer_info: None,
        };
        app.select_first_board();
        app
    }

    /// Replaces the open project (new or opened file): history and selection start afresh.
    pub fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        let path = path.map(|path| absolute_path(&path));
        if path.is_none() || path.as_deref() != self.doc.path() {
            // Another file (or none): its lock and stamp are set by who opened it.
            self.project_lock = None;
            self.disk_stamp = None;
        }
        self.doc.replace(project, path);
        self.disk_conflict = None;
        self.showing_sample = false;
        self.canvas.request_fit();
        self.select_first_board();
    }

    /// The open project (read only: changes go through edits).
    pub fn project(&self) -> &Project {
        self.doc.project()
    }

    /// No check of the present revision is still running in the background.
    pub fn is_settled(&self) -> bool {
        !self.is_checking()
    }

    /// The findings are checked on a worker thread from now on (the app; tests check in the
    /// frame unless they ask for this).
    pub fn check_in_background(&mut self) {
        self.checked.use_background();
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    pub(crate) fn mark_saved(&mut self, path: PathBuf) {
        self.doc.mark_saved(absolute_path(&path));
    }

    /// The window title: file name (or 未命名) with an unsaved marker, and the program name.
    pub fn title(&self) -> String {
        let name = self
            .doc
            .path()
            .and_then(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                if self.is_showing_sample() {
                    "示例项目（虚构的青禾镇）".to_owned()
                } else {
                    "未命名项目".to_owned()
                }
            });
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{name} — 公开栏设计器")
    }

    /// The built-in sample is open (not saved as the clerk's own file).
    pub fn is_showing_sample(&self) -> bool {
        self.showing_sample && self.doc.path().is_none()
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            is_error: true,
        });
    }

    /// Applies an edit as one undo step (a gesture that changes several things applies one
    /// [`Edit::Batch`]). A refused edit is reported in the status line; returns whether the
    /// edit was carried out.
    pub fn apply_edit(&mut self, edit: Edit) -> bool {
        match self.doc.apply(edit) {
            Ok(_) => true,
            Err(error) => {
                self.warn(error.to_string());
                false
            }
        }
    }

    /// Applies an edit as part of a gesture (a drag, a typing burst): the gesture becomes one
    /// undo step when it ends.
    pub fn apply_edit_in_gesture(&mut self, edit: Edit) {
        if let Err(error) = self.doc.apply_in_gesture(edit) {
            self.warn(error.to_string());
        }
    }

    /// 查看日期: the day the schedule is looked at (today unless the clerk chose another).
    pub fn view_day(&self) -> chrono::NaiveDate {
        self.view_day.unwrap_or(self.today)
    }

    /// The project file's folder: relative picture paths start there.
    pub(crate) fn project_dir(&self) -> Option<PathBuf> {
        self.doc
            .path()
            .and_then(|path| path.parent())
            .map(PathBuf::from)
    }

    /// Draws the whole app into `ui` and runs what the clerk asked for.
    pub fn app_ui(&mut self, ui: &mut egui::Ui) {
        if self.pictures.take_changed_on_disk() {
            self.layout_engine.clear_cache();
            self.derived.pictures_changed();
        }
        self.board_layout();
        self.sync_canvas_fonts(ui.ctx());
        let now_s = ui.input(|input| input.time);
        self.refresh_findings(Some(ui.ctx()), now_s);
        self.read_shortcuts(ui.ctx());
        self.apply_theme(ui.ctx());
        self.fit_window_to_screen(ui.ctx());
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        // Each side and the findings pane can be folded to its edge; open, they leave the
        // canvas at least 60 % of the window (shell.rs).
        let window_height = ui.available_height();
        self.findings_panel_ui(ui, window_height);
        let window_width = ui.available_width();
        self.outline_panel_ui(ui, window_width);
        self.inspector_panel_ui(ui, window_width);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(shell::canvas_backdrop(ui.visuals())))
            .show(ui, |ui| {
                let canvas = ui.max_rect();
                self.card_bar_ui(ui);
                self.canvas_ui(ui);
                self.fold_handles_ui(ui, canvas);
            });
        self.files_ui(ui.ctx());
        self.new_card_ui(ui.ctx());
        self.records_ui(ui.ctx());
        self.new_project_ui(ui.ctx());
        self.import_dialog_ui(ui.ctx());
        self.source_update_ui(ui.ctx());
        self.unit_info_ui(ui.ctx());
        self.pending_delete_ui(ui.ctx());
        self.publish_preview_ui(ui.ctx());
        self.calendar_settings_ui(ui.ctx());
        self.self_check_ui(ui.ctx());
        self.export_ui(ui.ctx());
        self.pictures_ui(ui.ctx());
        self.confirm_ui(ui.ctx());
        self.about_ui(ui.ctx());
        self.handle_dropped_files(ui.ctx());
        self.run_queued(ui.ctx());
        if std::mem::take(&mut self.quit_now) {
            self.carry_out(PendingAction::Close, ui.ctx());
        }
        self.end_gesture_when_idle(ui.ctx());
        self.autosave_tick(ui.ctx());
        window::place_ime_candidates_below_caret(ui.ctx());
    }

    /// A drag or typing burst ends when no pointer button is down and no text field has focus.
    fn end_gesture_when_idle(&mut self, ctx: &egui::Context) {
        if self.doc.in_gesture()
            && !ctx.input(|input| input.pointer.any_down())
            && !ctx.text_edit_focused()
        {
            self.doc.end_gesture();
        }
    }
}

#[cfg(test)]
mod tests;
