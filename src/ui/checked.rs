//! The last check of the project (`jobs::project_findings`, the one findings list, and the
//! personal numbers the canvas marks), keyed by the document's revision, its file, the day and
//! the state of the linked files. Those files (spreadsheets, pictures) are looked at every
//! [`RECHECK_INTERVAL_S`] seconds, not every frame.
//!
//! The check lays out every board and every household's card, which takes seconds for a town's
//! 惠农补贴明白卡: it runs on a worker thread, never in a frame. Each request gets a number;
//! the worker skips requests overtaken by newer ones, and a result older than the one shown
//! is dropped, so results appear in revision order. While a request is out the list shows the
//! last results with 「检查中…」. No check starts during a gesture (a drag, a typing burst).
//! Tests may check inline (at once, in the frame), as the app did before.

use super::document::Snapshot;
use crate::compose::PersonalDataFinding;
use crate::jobs::Finding;
use crate::layout::LayoutEngine;
use crate::model::{Project, SourceTarget};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

/// How often the linked files and pictures are looked at again while the app runs.
pub const RECHECK_INTERVAL_S: f64 = 2.0;

/// What a check was made for: a revision of the project, its file, the day, and the state of
/// its linked files (a number that grows when they change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckKey {
    pub revision: u64,
    pub file: Option<PathBuf>,
    pub today: NaiveDate,
    pub files_generation: u64,
}

/// A picture file and its size and modification time (None: not there).
type PictureStamp = (PathBuf, Option<(u64, std::time::SystemTime)>);

/// What a check finds.
#[derive(Clone, Debug, Default)]
pub struct CheckOutcome {
    pub findings: Vec<Finding>,
    pub personal: Vec<PersonalDataFinding>,
}

/// The one check: the findings list and the personal numbers.
pub fn check(
    engine: &mut LayoutEngine,
    project: &Project,
    file: Option<&Path>,
    today: NaiveDate,
    memo: &mut crate::jobs::FindingsMemo,
) -> CheckOutcome {
    let checked = crate::jobs::project_check_with(engine, project, file, today, memo);
    CheckOutcome {
        findings: checked.findings,
        personal: checked.personal_data,
    }
}

struct Job {
    number: u64,
    key: CheckKey,
    project: Arc<Project>,
    /// Woken when the result is there.
    repaint: Option<eframe::egui::Context>,
}

struct Done {
    number: u64,
    key: CheckKey,
    outcome: CheckOutcome,
}

/// The checking thread and its two channels.
struct Worker {
    jobs: mpsc::Sender<Job>,
    results: mpsc::Receiver<Done>,
}

impl Worker {
    fn start(fonts: Arc<crate::fonts::FontSet>) -> Option<Worker> {
        let (jobs, job_queue) = mpsc::channel::<Job>();
        let (done, results) = mpsc::channel::<Done>();
        std::thread::Builder::new()
            .name("gongkai-checks".into())
            .spawn(move || {
                let mut engine = LayoutEngine::with_shared_fonts(fonts);
                // The household checks of card designs an edit did not touch are kept.
                let mut memo = crate::jobs::FindingsMemo::default();
                while let Ok(mut job) = job_queue.recv() {
                    // Requests overtaken by newer ones are skipped.
                    while let Ok(newer) = job_queue.try_recv() {
                        job = newer;
                    }
                    let outcome = check(
                        &mut engine,
                        &job.project,
                        job.key.file.as_deref(),
                        job.key.today,
                        &mut memo,
                    );
                    // The snapshot goes before the UI hears of the result (a gesture then
                    // edits the project in place, without a copy).
                    drop(job.project);
                    let sent = done.send(Done {
                        number: job.number,
                        key: job.key,
                        outcome,
                    });
                    if sent.is_err() {
                        break;
                    }
                    if let Some(ctx) = job.repaint {
                        ctx.request_repaint();
                    }
                }
            })
            .ok()?;
        Some(Worker { jobs, results })
    }
}

/// A frame's request for a check: of this snapshot, file and day, at the UI's time `now_s`;
/// none during a gesture; `repaint` is woken when a background result is there.
pub struct CheckRequest<'a> {
    pub snapshot: &'a Snapshot,
    pub file: Option<&'a Path>,
    pub today: NaiveDate,
    pub now_s: f64,
    pub in_gesture: bool,
    pub repaint: Option<&'a eframe::egui::Context>,
}

/// The findings of the last check and what they were found for.
#[derive(Default)]
pub struct CheckedFindings {
    /// What the shown results were found for.
    shown_for: Option<CheckKey>,
    shown_number: u64,
    outcome: CheckOutcome,
    /// The last check asked for, and its number.
    requested: Option<CheckKey>,
    next_number: u64,
    /// The linked files' problems and the pictures' sizes and times at the last look, and
    /// when that was (the UI's clock).
    sources: Vec<(SourceTarget, String)>,
    pictures: Vec<PictureStamp>,
    files_looked_at_s: Option<f64>,
    files_generation: u64,
    /// The household checks of card designs kept between checks in the frame (the worker
    /// keeps its own).
    memo: crate::jobs::FindingsMemo,
    /// Check on a worker thread (the app); otherwise at once, in the frame (tests).
    background: bool,
    worker: Option<Worker>,
}

impl CheckedFindings {
    /// Checks on a worker thread from now on.
    pub fn use_background(&mut self) {
        self.background = true;
    }

    /// The key of a check of `snapshot` now.
    pub fn key_for(&self, revision: u64, file: Option<&Path>, today: NaiveDate) -> CheckKey {
        CheckKey {
            revision,
            file: file.map(Path::to_path_buf),
            today,
            files_generation: self.files_generation,
        }
    }

    /// Looks at the linked files when [`RECHECK_INTERVAL_S`] has passed, takes in the
    /// worker's results, and asks for a check when the project, file, day or linked files
    /// changed since the last request (not during a gesture).
    pub fn refresh(&mut self, engine: &mut LayoutEngine, request: CheckRequest<'_>) {
        let CheckRequest {
            snapshot,
            file,
            today,
            now_s,
            in_gesture,
            repaint,
        } = request;
        let project = &snapshot.project;
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
            if sources != self.sources || pictures != self.pictures {
                self.files_generation += 1;
            }
            self.sources = sources;
            self.pictures = pictures;
            self.files_looked_at_s = Some(now_s);
        }
        self.take_results();
        let key = self.key_for(snapshot.revision, file, today);
        if self.requested.as_ref() == Some(&key) || in_gesture {
            return;
        }
        self.next_number += 1;
        let number = self.next_number;
        self.requested = Some(key.clone());
        if self.background && self.worker.is_none() {
            self.worker = Worker::start(engine.shared_fonts());
        }
        match self.worker.as_ref().filter(|_| self.background) {
            Some(worker) => {
                let job = Job {
                    number,
                    key,
                    project: Arc::clone(&snapshot.project),
                    repaint: repaint.cloned(),
                };
                if worker.jobs.send(job).is_err() {
                    // The thread is gone: check here from now on.
                    self.worker = None;
                    self.background = false;
                    self.requested = None;
                }
            }
            None => {
                let outcome = check(engine, project, file, today, &mut self.memo);
                self.accept(number, key, outcome);
            }
        }
    }

    /// Takes in what the worker found, in order; a result older than the one shown is
    /// dropped.
    fn take_results(&mut self) {
        let Some(worker) = &self.worker else {
            return;
        };
        let done: Vec<Done> = worker.results.try_iter().collect();
        for result in done {
            self.accept(result.number, result.key, result.outcome);
        }
    }

    fn accept(&mut self, number: u64, key: CheckKey, outcome: CheckOutcome) {
        if number <= self.shown_number {
            return;
        }
        self.shown_number = number;
        self.shown_for = Some(key);
        self.outcome = outcome;
    }

    /// The shown results are not for `key` (a check is running or waits for a gesture's end).
    pub fn is_pending(&self, key: &CheckKey) -> bool {
        self.shown_for.as_ref() != Some(key)
    }

    /// The results last found (perhaps for an older revision: see [`Self::is_pending`]).
    pub fn shown(&self) -> &CheckOutcome {
        &self.outcome
    }

    /// The findings, when they were found for `key`.
    pub fn current(&self, key: &CheckKey) -> Option<&[Finding]> {
        (self.shown_for.as_ref() == Some(key)).then_some(self.outcome.findings.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(revision: u64) -> CheckKey {
        CheckKey {
            revision,
            file: None,
            today: NaiveDate::from_ymd_opt(2026, 6, 1).expect("day"),
            files_generation: 0,
        }
    }

    fn found(message: &str) -> CheckOutcome {
        CheckOutcome {
            findings: vec![Finding {
                severity: crate::model::Severity::Warning,
                blocks_export: false,
                kind: crate::jobs::FindingKind::Font,
                message: message.to_owned(),
                place: crate::jobs::Place::Project,
                fix: None,
            }],
            personal: Vec::new(),
        }
    }

    #[test]
    fn a_result_older_than_the_one_shown_is_dropped() {
        let mut checked = CheckedFindings::default();
        checked.accept(2, key(5), found("second"));
        checked.accept(1, key(4), found("first, late"));
        assert_eq!(checked.current(&key(5)).map(<[_]>::len), Some(1));
        assert_eq!(checked.shown().findings[0].message, "second");
        assert!(checked.is_pending(&key(4)));
        assert!(!checked.is_pending(&key(5)));
    }
}
