//! How the program starts the app: on the file given, else where the clerk left off (the
//! project opened or saved last, from the settings file of [`crate::config`]), else with the
//! 新建 chooser — over the sample on a first run only.

use super::{GongkaiApp, NewProjectDialog};
use std::path::{Path, PathBuf};

impl GongkaiApp {
    /// The app as the program starts it, with its settings file (`config_path`): on `file`;
    /// else on the project opened or saved last (still there); else with the 新建 chooser —
    /// over the sample on a first run, over a blank project later. The project opened is
    /// remembered at once.
    pub fn start(
        file: Option<PathBuf>,
        today: chrono::NaiveDate,
        config_path: Option<PathBuf>,
    ) -> Self {
        let config = config_path
            .as_deref()
            .map(crate::config::AppConfig::load_from)
            .unwrap_or_default();
        let first_run = !config.started_before;
        let asked = file.is_some();
        let file = file.or_else(|| config.last_project().map(Path::to_path_buf));
        let mut app = GongkaiApp::open_on(file, today);
        app.files.recent = config.recent.clone();
        app.files.config = config;
        app.files.config_path = config_path;
        app.files.config.started_before = true;
        match app.doc.path().map(Path::to_path_buf) {
            Some(path) => app.files.remember(&path),
            None => {
                app.files.store_config();
                if !first_run {
                    let blank = crate::catalog::project_from_template(
                        crate::catalog::TemplateKind::Blank,
                        &crate::catalog::TemplateOptions::new(today),
                    );
                    app.replace_project(blank, None);
                    app.showing_sample = false;
                    app.select_first_board();
                }
                if !asked {
                    app.new_dialog = Some(NewProjectDialog::new(today));
                }
            }
        }
        app
    }
}
