//! The window: starting eframe on a file, the title, the icon, and the input-method fix.

use super::{GongkaiApp, ShellPrefs, files, install_fonts, renderer, shell};
use eframe::egui;
use std::path::PathBuf;

/// Opens the designer window on a file, or the project opened last, or the template chooser,
/// drawn by `renderer` ([`renderer::start`] picks it and falls back).
pub fn run_app(file: Option<PathBuf>, renderer: renderer::Renderer) -> Result<(), String> {
    // Started without a file: the project opened last, else the 新建 chooser (see
    // `GongkaiApp::start`).
    let mut app = GongkaiApp::start(
        file,
        chrono::Local::now().date_naive(),
        crate::config::AppConfig::default_path(),
    );
    app.check_in_background();
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
                // Recent files of versions before the settings file.
                if app.files.recent.is_empty() {
                    app.files.recent = files::load_recent(storage);
                }
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

/// Input methods place their candidate window at the point winit is given, which X11 takes as
/// the text's baseline; egui gives the caret's top-left corner, so the window covered the line
/// being typed. Giving the caret's bottom puts it below the line (as in every other program).
pub(super) fn place_ime_candidates_below_caret(ctx: &egui::Context) {
    ctx.output_mut(|output| {
        if let Some(ime) = output.ime.as_mut() {
            let caret = ime.cursor_rect;
            ime.cursor_rect =
                egui::Rect::from_min_max(egui::pos2(caret.min.x, caret.max.y), caret.max);
        }
    });
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

impl GongkaiApp {
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }
}
