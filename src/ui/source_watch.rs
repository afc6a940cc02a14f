//! The linked spreadsheets (导入的源文件) as the findings list sees them: a file changed in
//! WPS/Excel since the import, or moved away, is said in the app as `gongkai check` says it.
//! The files are read again at most every [`RECHECK_INTERVAL_S`] seconds, not every frame.

use crate::model::{DataSource, Project};
use std::path::{Path, PathBuf};

/// How often the linked files are looked at again while the app runs.
pub const RECHECK_INTERVAL_S: f64 = 2.0;

/// The last look at the linked files.
#[derive(Default)]
pub struct SourceWatch {
    /// What was looked at: the links and the project's folder.
    checked: Option<(Vec<DataSource>, Option<PathBuf>)>,
    checked_at_s: f64,
    problems: Vec<String>,
}

impl SourceWatch {
    /// Looks at the linked files again when the links or the folder changed, or when
    /// [`RECHECK_INTERVAL_S`] has passed since the last look (`now_s`: the UI's clock).
    pub fn refresh(&mut self, project: &Project, project_dir: Option<&Path>, now_s: f64) {
        let key = (project.sources.clone(), project_dir.map(Path::to_path_buf));
        let links_changed = self.checked.as_ref() != Some(&key);
        if !links_changed && now_s - self.checked_at_s < RECHECK_INTERVAL_S {
            return;
        }
        self.problems = if project.sources.is_empty() {
            Vec::new()
        } else {
            crate::jobs::import::source_problems(project, project_dir)
        };
        self.checked = Some(key);
        self.checked_at_s = now_s;
    }

    /// The linked files that changed since the import or are gone, as of the last look.
    pub fn problems(&self) -> &[String] {
        &self.problems
    }
}
