//! The designer app (feature `gui`): eframe with the glow renderer (wgpu when OpenGL 2 is
//! missing, [`renderer`]), Chinese UI.
//!
//! Left: the outline (boards → panels → items) and the catalog checklist; centre: the board
//! canvas; right: the inspector; bottom: the findings list. Every change to the project is an
//! `Edit` applied through [`GongkaiApp::apply_edit`], which also keeps the undo history.
//! Commands (menus, toolbar, shortcuts) are queued while drawing and run afterwards.

mod boards;
mod canvas;
mod cards;
mod checked;
mod commands;
mod dashboard;
mod export;
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
mod shell;

pub use boards::{DraggedItem, PendingDelete};
pub use canvas::CanvasView;
pub use cards::{CardsUi, NewCardDialog};
pub use commands::Command;
pub use export::{ExportDone, ExportState};
pub use files::{FileDialogState, FilePurpose};
pub use fonts::{font_definitions, install_fonts};
pub use import::ImportDialog;
pub use new_project::NewProjectDialog;
pub use page_painter::paint_page;
pub use publish::PublishPreview;
pub use shell::{ShellPrefs, ThemeChoice};

use crate::catalog::sample_project;
use crate::layout::{BoardLayout, LayoutEngine};
use crate::model::{self, Edit, History, Project};
use eframe::egui;
use std::path::PathBuf;

/// What the clerk has selected: a board, some of its panels, maybe one item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub board_id: Option<String>,
    /// Selected panels; the first is the one the inspector shows.
    pub panel_ids: Vec<String>,
    pub item_id: Option<String>,
}

impl Selection {
    pub fn board(board_id: &str) -> Self {
        Selection {
            board_id: Some(board_id.to_owned()),
            ..Selection::default()
        }
    }

    pub fn panel(board_id: &str, panel_id: &str) -> Self {
        Selection {
            board_id: Some(board_id.to_owned()),
            panel_ids: vec![panel_id.to_owned()],
            item_id: None,
        }
    }

    pub fn item(board_id: &str, panel_id: &str, item_id: &str) -> Self {
        Selection {
            item_id: Some(item_id.to_owned()),
            ..Selection::panel(board_id, panel_id)
        }
    }

    pub fn primary_panel(&self) -> Option<&str> {
        self.panel_ids.first().map(String::as_str)
    }

    pub fn has_panel(&self, panel_id: &str) -> bool {
        self.panel_ids.iter().any(|id| id == panel_id)
    }
}

/// A message for the clerk in the status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What to do once the clerk has answered "save the changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum PendingAction {
    New,
    Open(Option<PathBuf>),
    Close,
}

/// The menus after 文件 (which also lists recent files), with their commands in order.
const MENUS: [(&str, &[Command]); 3] = [
    (
        "编辑",
        &[
            Command::Undo,
            Command::Redo,
            Command::Copy,
            Command::Paste,
            Command::Delete,
            Command::AddPanel,
        ],
    ),
    (
        "排列",
        &[
            Command::AlignLeft,
            Command::AlignRight,
            Command::AlignTop,
            Command::AlignBottom,
            Command::DistributeHorizontally,
            Command::DistributeVertically,
        ],
    ),
    (
        "视图",
        &[
            Command::ZoomIn,
            Command::ZoomOut,
            Command::ZoomFit,
            Command::ZoomActual,
            Command::ToggleGrid,
        ],
    ),
];

/// A board laid out from a snapshot of the project.
struct LaidOut {
    source: Project,
    board_id: String,
    /// A card face: the position of the record it shows.
    preview: Option<usize>,
    /// The project's folder, where relative picture paths start.
    base_dir: Option<PathBuf>,
    /// The day the footer's dates were worked out for (查看日期).
    view_day: chrono::NaiveDate,
    layout: BoardLayout,
    /// Pictures of image blocks that cannot be used (probed once per change, not per frame).
    picture_problems: Vec<crate::images::ImageProblem>,
    /// Personal numbers some external output would print in full (any board or card).
    personal_data: Vec<crate::compose::PersonalDataFinding>,
}

/// Input methods place their candidate window at the point winit is given, which X11 takes as
/// the text's baseline; egui gives the caret's top-left corner, so the window covered the line
/// being typed. Giving the caret's bottom puts it below the line (as in every other program).
fn place_ime_candidates_below_caret(ctx: &egui::Context) {
    ctx.output_mut(|output| {
        if let Some(ime) = output.ime.as_mut() {
            let caret = ime.cursor_rect;
            ime.cursor_rect =
                egui::Rect::from_min_max(egui::pos2(caret.min.x, caret.max.y), caret.max);
        }
    });
}

/// A project path made absolute against the working folder (a project opened as
/// `gongkai x.gongkai.json` has the folder "" otherwise, and picture paths, the recent list
/// and the export folder need a real one).
fn absolute_path(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The whole app state.
pub struct GongkaiApp {
    pub project: Project,
    /// The file the project came from; None for a new (unsaved) project.
    pub path: Option<PathBuf>,
    /// The project as last saved or opened, to tell unsaved changes.
    saved: Project,
    pub history: History,
    pub selection: Selection,
    pub canvas: CanvasView,
    pub files: FileDialogState,
    pub notice: Option<Notice>,
    /// Waiting for the clerk's answer to "save the changes?".
    pub confirm: Option<PendingAction>,
    /// Panels copied with 复制栏目.
    clipboard: Vec<model::Panel>,
    queued: Vec<Command>,
    /// Set when the window may close (after the unsaved-changes question).
    close_confirmed: bool,
    last_title: String,
    layout_engine: LayoutEngine,
    /// The font set egui was given last (installed faces for the canvas); None: the bundled.
    canvas_fonts: Option<std::sync::Arc<crate::fonts::FontSet>>,
    laid_out: Option<LaidOut>,
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
            saved: project.clone(),
            project,
            path,
            history: History::default(),
            selection: Selection::default(),
            canvas: CanvasView::default(),
            files: FileDialogState::default(),
            notice,
            confirm: None,
            clipboard: Vec::new(),
            queued: Vec::new(),
            close_confirmed: false,
            last_title: String::new(),
            layout_engine,
            canvas_fonts: None,
            laid_out: None,
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

    pub(crate) fn select_first_board(&mut self) {
        self.selection = self
            .project
            .boards
            .first()
            .map(|board| Selection::board(&board.id))
            .unwrap_or_default();
    }

    /// Replaces the open project (new or opened file): history and selection start afresh.
    pub fn replace_project(&mut self, project: Project, path: Option<PathBuf>) {
        self.saved = project.clone();
        self.project = project;
        let path = path.map(|path| absolute_path(&path));
        if path.is_none() || path != self.path {
            // Another file (or none): its lock and stamp are set by who opened it.
            self.project_lock = None;
            self.disk_stamp = None;
        }
        self.path = path;
        self.disk_conflict = None;
        self.showing_sample = false;
        self.history.clear();
        self.canvas.request_fit();
        self.select_first_board();
    }

    pub fn is_dirty(&self) -> bool {
        self.project != self.saved
    }

    pub(crate) fn mark_saved(&mut self, path: PathBuf) {
        self.saved = self.project.clone();
        self.path = Some(absolute_path(&path));
    }

    /// The window title: file name (or 未命名) with an unsaved marker, and the program name.
    pub fn title(&self) -> String {
        let name = self
            .path
            .as_ref()
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
        self.showing_sample && self.path.is_none()
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
        let before = self.project.clone();
        match self.project.apply(edit) {
            Ok(()) => {
                if before != self.project {
                    self.history.record(before);
                }
                true
            }
            Err(error) => {
                self.warn(error.to_string());
                false
            }
        }
    }

    /// Applies an edit as part of a gesture (a drag, a typing burst): the gesture becomes one
    /// undo step when it ends.
    pub fn apply_edit_in_gesture(&mut self, edit: Edit) {
        self.history.begin(&self.project);
        if let Err(error) = self.project.apply(edit) {
            self.warn(error.to_string());
        }
    }

    /// Queues a command to run after this frame's UI.
    pub fn queue(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// The selected board, or the first one.
    pub fn current_board_id(&self) -> Option<String> {
        self.selection
            .board_id
            .clone()
            .filter(|board_id| self.project.board(board_id).is_some())
            .or_else(|| self.project.boards.first().map(|board| board.id.clone()))
    }

    /// 查看日期: the day the schedule is looked at (today unless the clerk chose another).
    pub fn view_day(&self) -> chrono::NaiveDate {
        self.view_day.unwrap_or(self.today)
    }

    /// The current board laid out as it will print, redone when the project changed (the
    /// engine caches panels, so an edit only lays out the panels it touched).
    pub fn board_layout(&mut self) -> Option<&BoardLayout> {
        let board_id = self.current_board_id()?;
        let base_dir = self.project_dir();
        let preview = self
            .project
            .card_of_face(&board_id)
            .map(|(card, _)| self.preview_position(card));
        let stale = self.laid_out.as_ref().is_none_or(|laid_out| {
            laid_out.board_id != board_id
                || laid_out.preview != preview
                || laid_out.base_dir != base_dir
                || laid_out.view_day != self.view_day()
                || laid_out.source != self.project
        });
        // A project opened or replaced, or a style naming another installed family: the
        // fonts are found again (only then; the check is a walk over the styles).
        let refonted = self.layout_engine.use_project_fonts(&self.project);
        if stale || refonted {
            let view_day = self.view_day();
            self.layout_engine.set_base_dir(base_dir.clone());
            // The canvas shows what the board will print: no 对内 items, the computed dates.
            let layout = match preview {
                Some(position) => crate::compose::cards::layout_face_as_printed(
                    &mut self.layout_engine,
                    &self.project,
                    &board_id,
                    position,
                ),
                None => crate::compose::layout_as_printed(
                    &mut self.layout_engine,
                    &self.project,
                    &board_id,
                    view_day,
                ),
            };
            match layout {
                Ok(layout) => {
                    self.laid_out = Some(LaidOut {
                        picture_problems: crate::images::check_images(
                            &self.project,
                            base_dir.as_deref(),
                        ),
                        personal_data: crate::compose::personal_data_findings(&self.project),
                        source: self.project.clone(),
                        board_id,
                        preview,
                        base_dir,
                        view_day: self.view_day(),
                        layout,
                    })
                }
                Err(error) => {
                    self.laid_out = None;
                    self.warn(error.to_string());
                }
            }
        }
        self.laid_out.as_ref().map(|laid_out| &laid_out.layout)
    }

    /// The centre of the (first) selected panel, in board millimetres.
    fn selected_panel_centre_mm(&self) -> Option<egui::Pos2> {
        let board = self.project.board(self.selection.board_id.as_deref()?)?;
        let rect = board.panel(self.selection.primary_panel()?)?.rect_mm;
        Some(egui::pos2(
            rect.x_mm + rect.width_mm / 2.0,
            rect.y_mm + rect.height_mm / 2.0,
        ))
    }

    /// The project file's folder: relative picture paths start there.
    pub(crate) fn project_dir(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|path| path.parent())
            .map(PathBuf::from)
    }

    /// Pictures of image blocks that cannot be used, as of the last layout.
    pub fn picture_problems(&self) -> &[crate::images::ImageProblem] {
        self.laid_out
            .as_ref()
            .map_or(&[], |laid_out| &laid_out.picture_problems)
    }

    /// Personal numbers an external output would print in full, as of the last layout.
    pub fn personal_data(&self) -> &[crate::compose::PersonalDataFinding] {
        self.laid_out
            .as_ref()
            .map_or(&[], |laid_out| &laid_out.personal_data)
    }

    /// The layout of the last frame, without laying out again.
    pub fn last_layout(&self) -> Option<&BoardLayout> {
        self.laid_out.as_ref().map(|laid_out| &laid_out.layout)
    }

    /// Gives egui the installed faces of the project's font set when it changed (the canvas
    /// then draws the faces the layout measured and the PDF embeds).
    fn sync_canvas_fonts(&mut self, ctx: &egui::Context) {
        let fonts = self.layout_engine.shared_fonts();
        let shown = self.canvas_fonts.as_ref();
        if shown.is_some_and(|shown| std::sync::Arc::ptr_eq(shown, &fonts)) {
            return;
        }
        let had_installed = shown.is_some_and(|shown| shown.faces().count() > 4);
        if had_installed || fonts.faces().count() > 4 {
            ctx.set_fonts(fonts::font_definitions_for(&fonts));
        }
        self.canvas_fonts = Some(fonts);
    }

    /// Draws the whole app into `ui` and runs what the clerk asked for.
    pub fn app_ui(&mut self, ui: &mut egui::Ui) {
        if self.pictures.take_changed_on_disk() {
            self.layout_engine.clear_cache();
            self.laid_out = None;
        }
        self.board_layout();
        self.sync_canvas_fonts(ui.ctx());
        self.refresh_card_check();
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
        self.run_queued();
        self.end_gesture_when_idle(ui.ctx());
        self.autosave_tick(ui.ctx());
        place_ime_candidates_below_caret(ui.ctx());
    }

    /// A drag or typing burst ends when no pointer button is down and no text field has focus.
    fn end_gesture_when_idle(&mut self, ctx: &egui::Context) {
        if self.history.in_gesture()
            && !ctx.input(|input| input.pointer.any_down())
            && !ctx.text_edit_focused()
        {
            self.history.end(&self.project);
        }
    }

    fn read_shortcuts(&mut self, ctx: &egui::Context) {
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
        self.queued.extend(fired);
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("文件", |ui| {
                for command in [
                    Command::New,
                    Command::Open,
                    Command::Save,
                    Command::SaveAs,
                    Command::UnitInfo,
                    Command::Export,
                    Command::ExportPictures,
                ] {
                    self.command_button(ui, command);
                }
                for kind in [
                    crate::schedule::ReportKind::SelfCheck,
                    crate::schedule::ReportKind::Catalog,
                ] {
                    if ui
                        .button(format!("生成{}（A4）…", kind.label_zh()))
                        .clicked()
                    {
                        self.request_report(kind);
                        ui.close();
                    }
                }
                if ui.button("导入数据（Excel、WPS、CSV）…").clicked() {
                    self.open_import_dialog();
                    ui.close();
                }
                if !self.files.recent.is_empty() {
                    ui.separator();
                    ui.label("最近打开");
                    for path in self.files.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.request_open(Some(path));
                        }
                    }
                }
                ui.separator();
                if ui.button("退出").clicked() {
                    ui.close();
                    self.request_quit(ui.ctx());
                }
            });
            for (title, commands) in MENUS {
                ui.menu_button(title, |ui| {
                    for command in commands {
                        self.command_button(ui, *command);
                    }
                    if title == "视图" {
                        self.view_menu_shell_ui(ui);
                    }
                });
            }
            ui.menu_button("帮助", |ui| {
                if ui.button("关于公开栏设计器").clicked() {
                    self.about_open = true;
                    ui.close();
                }
            });
        });
    }

    fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let mut button = egui::Button::new(command.label());
        if let Some(shortcut) = command.shortcut_text() {
            button = button.shortcut_text(shortcut);
        }
        if ui.add_enabled(self.can_run(command), button).clicked() {
            self.queue(command);
            ui.close();
        }
    }

    fn can_run(&self, command: Command) -> bool {
        let panels = self.selection.panel_ids.len();
        match command {
            Command::Undo => self.history.can_undo(),
            Command::Redo => self.history.can_redo(),
            Command::Copy | Command::Delete => panels > 0,
            Command::Paste => !self.clipboard.is_empty(),
            Command::AlignLeft | Command::AlignRight | Command::AlignTop | Command::AlignBottom => {
                panels >= 2
            }
            Command::DistributeHorizontally | Command::DistributeVertically => panels >= 3,
            _ => true,
        }
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
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
            if ui.button("导出 PDF…").clicked() {
                self.queue(Command::Export);
            }
            ui.separator();
            self.zoom_controls_ui(ui);
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(format!("单位：{}", self.project.meta.unit_name));
            ui.separator();
            // The save state is always shown: a message (export done, picture placed) must
            // not hide that changes are unsaved.
            if self.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "● 有未保存的更改");
            } else if self.path.is_some() {
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

    /// Runs the queued commands in order.
    fn run_queued(&mut self) {
        for command in std::mem::take(&mut self.queued) {
            self.run_command(command);
        }
    }

    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::New => self.request_new(),
            Command::Open => self.request_open(None),
            Command::Save => self.save(),
            Command::SaveAs => self.files.show(FilePurpose::SaveAs, self.path.clone()),
            Command::UnitInfo => self.unit_info_open = true,
            Command::ExportPictures => self.open_pictures_dialog(),
            Command::Export => {
                // The board (or card) on the canvas is the one exported (another can be
                // chosen).
                if let Some((card, _)) = self.current_card() {
                    self.export.request.cards = Some(card.id.clone());
                    self.export.request.mode = crate::compose::ExportMode::Cards;
                } else {
                    self.export.request.board = self.current_board_id();
                    if self.export.request.mode == crate::compose::ExportMode::Cards {
                        self.export.request.mode = crate::compose::ExportMode::Board;
                    }
                }
                self.files
                    .show(FilePurpose::Export, self.default_export_path())
            }
            Command::Undo => {
                if let Some(previous) = self.history.undo(&self.project) {
                    self.project = previous;
                    self.keep_selection_valid();
                }
            }
            Command::Redo => {
                if let Some(next) = self.history.redo(&self.project) {
                    self.project = next;
                    self.keep_selection_valid();
                }
            }
            Command::Copy => self.copy_panels(),
            Command::Paste => self.paste_panels(),
            Command::Delete => self.request_delete_panels(),
            Command::AddPanel => self.add_panel(),
            Command::AlignLeft
            | Command::AlignRight
            | Command::AlignTop
            | Command::AlignBottom
            | Command::DistributeHorizontally
            | Command::DistributeVertically => self.arrange_panels(command),
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomFit => self.canvas.request_fit(),
            Command::ZoomActual => {
                let focus_mm = self.selected_panel_centre_mm();
                self.canvas.zoom_to_actual_size(focus_mm);
            }
            Command::ToggleGrid => self.canvas.show_grid = !self.canvas.show_grid,
        }
    }

    /// Drops selected ids that no longer exist (after undo, delete).
    fn keep_selection_valid(&mut self) {
        let Some(board) = self
            .selection
            .board_id
            .as_deref()
            .and_then(|board_id| self.project.board(board_id))
        else {
            self.select_first_board();
            return;
        };
        let board_id = board.id.clone();
        let existing: Vec<String> = self
            .selection
            .panel_ids
            .iter()
            .filter(|panel_id| board.panel(panel_id).is_some())
            .cloned()
            .collect();
        let item_ok = self
            .selection
            .item_id
            .as_deref()
            .is_some_and(|item_id| self.project.item(item_id).is_some());
        self.selection.panel_ids = existing;
        self.selection.board_id = Some(board_id);
        // An item stays selected without a panel when it is 未上栏.
        if !item_ok {
            self.selection.item_id = None;
        }
    }

    fn add_panel(&mut self) {
        let Some(board_id) = self.current_board_id() else {
            self.warn("请先新建一块公开栏。");
            return;
        };
        let Some(board) = self.project.board(&board_id) else {
            return;
        };
        let on_card = self.project.card_of_face(&board_id).is_some();
        let (width_mm, height_mm) = if on_card {
            // A card face: a quarter of the card, with a line of text to start from.
            (board.size_mm.width_mm / 2.0, board.size_mm.height_mm / 4.0)
        } else {
            (
                (board.size_mm.width_mm / 5.0).clamp(50.0, 600.0),
                (board.size_mm.height_mm / 3.0).clamp(50.0, 500.0),
            )
        };
        let rect_mm = free_spot_mm(board, width_mm, height_mm);
        let title = unique_panel_title(board, "新栏目");
        let panel_id = self.project.fresh_id("panel");
        let panel = model::Panel {
            id: panel_id.clone(),
            title,
            rect_mm,
            blocks: if on_card {
                vec![model::Block::paragraph("新内容")]
            } else {
                Vec::new()
            },
            ..model::Panel::default()
        };
        self.apply_edit(Edit::AddPanel {
            board_id: board_id.clone(),
            panel,
            index: None,
        });
        self.selection = Selection::panel(&board_id, &panel_id);
    }

    fn copy_panels(&mut self) {
        let Some(board) = self
            .selection
            .board_id
            .as_deref()
            .and_then(|board_id| self.project.board(board_id))
        else {
            return;
        };
        self.clipboard = self
            .selection
            .panel_ids
            .iter()
            .filter_map(|panel_id| board.panel(panel_id).cloned())
            .collect();
        let count = self.clipboard.len();
        self.say(format!("已复制 {count} 个栏目。"));
    }

    /// Pastes copies of the copied panels 20 mm lower right; they show the same items.
    fn paste_panels(&mut self) {
        let Some(board_id) = self.current_board_id() else {
            return;
        };
        if self.clipboard.is_empty() {
            return;
        }
        let pasted = self.project.fresh_ids("panel", self.clipboard.len());
        let additions = self
            .clipboard
            .iter()
            .zip(&pasted)
            .map(|(panel, panel_id)| {
                let mut copy = panel.clone();
                copy.id = panel_id.clone();
                copy.rect_mm.x_mm += 20.0;
                copy.rect_mm.y_mm += 20.0;
                copy.item_ids
                    .retain(|item_id| self.project.item(item_id).is_some());
                Edit::AddPanel {
                    board_id: board_id.clone(),
                    panel: copy,
                    index: None,
                }
            })
            .collect();
        if self.apply_edit(Edit::Batch(additions)) {
            self.selection = Selection {
                board_id: Some(board_id),
                panel_ids: pasted,
                item_id: None,
            };
        }
    }

    fn arrange_panels(&mut self, command: Command) {
        let Some(board_id) = self.selection.board_id.clone() else {
            return;
        };
        let Some(board) = self.project.board(&board_id) else {
            return;
        };
        let rects: Vec<(String, model::RectMm)> = self
            .selection
            .panel_ids
            .iter()
            .filter_map(|panel_id| board.panel(panel_id).map(|p| (p.id.clone(), p.rect_mm)))
            .collect();
        let moves = canvas::arrange(command, &rects)
            .into_iter()
            .map(|(panel_id, rect_mm)| Edit::SetPanelRect {
                board_id: board_id.clone(),
                panel_id,
                rect_mm,
            })
            .collect();
        self.apply_edit(Edit::Batch(moves));
    }

    fn confirm_ui(&mut self, ctx: &egui::Context) {
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
                    self.path
                        .as_ref()
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
                self.saved = self.project.clone();
                self.carry_out(action, ctx);
            }
        }
    }

    /// 文件 → 退出: asks about unsaved changes first, as closing the window does.
    pub(crate) fn request_quit(&mut self, ctx: &egui::Context) {
        if self.is_dirty() {
            self.confirm = Some(PendingAction::Close);
        } else {
            self.carry_out(PendingAction::Close, ctx);
        }
    }

    fn carry_out(&mut self, action: PendingAction, ctx: &egui::Context) {
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

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}

/// A title no panel of the board has: `title`, or `title 2`, `title 3`…
fn unique_panel_title(board: &model::Board, title: &str) -> String {
    let taken = |candidate: &str| board.panels.iter().any(|panel| panel.title == candidate);
    if !taken(title) {
        return title.to_owned();
    }
    (2..)
        .map(|n| format!("{title} {n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| title.to_owned())
}

/// Where a new panel of this size goes: the first place (left to right, top to bottom, on a
/// 10 mm grid) between the header and the footer that no panel covers; the centre when the
/// board is full.
fn free_spot_mm(board: &model::Board, width_mm: f32, height_mm: f32) -> model::RectMm {
    let size = board.size_mm;
    let margins = board.margins_mm;
    let left_mm = margins.left_mm;
    let top_mm = margins.top_mm + board.header.height_mm + 10.0;
    let right_mm = size.width_mm - margins.right_mm;
    let bottom_mm = size.height_mm - margins.bottom_mm - board.footer.height_mm - 10.0;
    let step_mm = 10.0;
    let mut y_mm = top_mm;
    while y_mm + height_mm <= bottom_mm {
        let mut x_mm = left_mm;
        while x_mm + width_mm <= right_mm {
            let candidate = model::RectMm::new(
                (x_mm / step_mm).ceil() * step_mm,
                (y_mm / step_mm).ceil() * step_mm,
                width_mm,
                height_mm,
            );
            if !board
                .panels
                .iter()
                .any(|panel| panel.rect_mm.overlaps(&candidate))
            {
                return candidate;
            }
            x_mm += step_mm * 2.0;
        }
        y_mm += step_mm * 2.0;
    }
    let x_mm = ((size.width_mm - width_mm) / 2.0 / 10.0).round() * 10.0;
    let y_mm = ((size.height_mm - height_mm) / 2.0 / 10.0).round() * 10.0;
    model::RectMm::new(x_mm, y_mm, width_mm, height_mm)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfirmAnswer {
    Save,
    Discard,
    Cancel,
}

impl eframe::App for GongkaiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.update_title(ui.ctx());
        self.app_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        files::store_recent(storage, &self.files.recent);
        self.shell.store(storage);
    }
}

/// Opens the designer window on a file, or on the sample project with the template chooser,
/// drawn by `renderer` ([`renderer::start`] picks it and falls back).
pub fn run_app(file: Option<PathBuf>, renderer: renderer::Renderer) -> Result<(), String> {
    // Started without a file, a clerk first chooses what to make (the sample stays behind,
    // for 取消).
    let choose_first = file.is_none();
    let mut app = GongkaiApp::open(file);
    if choose_first {
        app.new_dialog = Some(NewProjectDialog::new(app.today));
    }
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.title())
        // The desktop entry's StartupWMClass and the Wayland app id (packaging/linux).
        .with_app_id("gongkai")
        .with_inner_size(shell::DEFAULT_WINDOW)
        .with_min_inner_size(shell::MIN_WINDOW)
        .with_drag_and_drop(true);
    if let Some(icon) = window_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: renderer.eframe(),
        centered: true,
        ..Default::default()
    };
    eframe::run_native(
        "gongkai",
        options,
        Box::new(move |creation| {
            app.renderer_info = Some(renderer::window_opened(creation));
            install_fonts(&creation.egui_ctx);
            if let Some(storage) = creation.storage {
                app.files.recent = files::load_recent(storage);
                app.first_start = ShellPrefs::is_first_start(storage);
                app.shell = ShellPrefs::load(storage);
            }
            app.apply_theme(&creation.egui_ctx);
            app.files.enable_recovery(files::default_recovery_path());
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| error.to_string())
}

/// The window's icon (title bar, taskbar, Alt+Tab): `assets/icon/gongkai-128.png`, rendered
/// from `assets/icon/gongkai.svg`. `None` (the system's default icon) if it could not be decoded.
pub fn window_icon() -> Option<egui::IconData> {
    let png = include_bytes!("../../assets/icon/gongkai-128.png");
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png).ok()?;
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    Some(egui::IconData {
        rgba: rgba.into_raw(),
        width,
        height,
    })
}

#[cfg(test)]
mod tests;
