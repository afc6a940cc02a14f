//! The last check of the project (`jobs::project_findings`, the one findings list): found
//! again when the project, its file or the day changed, or when a linked spreadsheet changed in
//! WPS/Excel or a picture was put in place since the last look. Those files are looked at
//! every [`RECHECK_INTERVAL_S`] seconds, not every frame.

use crate::jobs::Finding;
use crate::layout::LayoutEngine;
use crate::model::{Project, SourceTarget};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How often the linked files and pictures are looked at again while the app runs.
pub const RECHECK_INTERVAL_S: f64 = 2.0;

/// What was checked: the project, its file and the day.
type CheckedKey = (Project, Option<PathBuf>, NaiveDate);

/// A picture file and its size and modification time (None: not there).
type PictureStamp = (PathBuf, Option<(u64, std::time::SystemTime)>);

/// The findings of the last check and what they were found for.
#[derive(Default)]
pub struct CheckedFindings {
    key: Option<CheckedKey>,
    /// The linked files' problems and the pictures' sizes and times at the last look, and
    /// when that was (the UI's clock).
    sources: Vec<(SourceTarget, String)>,
    pictures: Vec<PictureStamp>,
    files_looked_at_s: Option<f64>,
    findings: Vec<Finding>,
}

impl CheckedFindings {
    /// Checks again when the project, file or day changed since the last check, or a linked
    /// file's state changed (looked at when [`RECHECK_INTERVAL_S`] has passed).
    pub fn refresh(
        &mut self,
        engine: &mut LayoutEngine,
        project: &Project,
        file: Option<&Path>,
        today: NaiveDate,
        now_s: f64,
    ) {
        let mut stale = self.current(project, file, today).is_none();
        let look_again = self
            .files_looked_at_s
            .is_none_or(|looked_at_s| now_s - looked_at_s >= RECHECK_INTERVAL_S);
        if look_again {
            let folder = file.and_then(Path::parent);
            let sources = if project.sources.is_empty() {
                Vec::new()
            } else {
                crate::jobs::import::source_problems(project, folder)
            };
            let pictures = crate::images::picture_stamps(project, folder);
            stale |= sources != self.sources || pictures != self.pictures;
            self.sources = sources;
            self.pictures = pictures;
            self.files_looked_at_s = Some(now_s);
        }
        if stale {
            self.findings = crate::jobs::project_findings(engine, project, file, today);
            self.key = Some((project.clone(), file.map(Path::to_path_buf), today));
        }
    }

    /// The findings, when they were found for this project, file and day.
    pub fn current(
        &self,
        project: &Project,
        file: Option<&Path>,
        today: NaiveDate,
    ) -> Option<&[Finding]> {
        let (checked, checked_file, checked_day) = self.key.as_ref()?;
        (checked == project && checked_file.as_deref() == file && *checked_day == today)
            .then_some(self.findings.as_slice())
    }
}
