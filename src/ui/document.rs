//! The open project as the app holds it: the project, its file, a revision number that names
//! each state of it, the revision last saved, and the undo history. [`Document::apply`] is the
//! one way the project changes (undo, redo, opening, publishing and recovering replace it
//! through the methods below, each giving the new state a revision of its own).
//!
//! A revision names one content: every change gets a number never used before, and undo and
//! redo bring back the number the restored state had. So "unsaved" is `revision !=
//! saved_revision`, and everything derived from the project (layout, findings, schedule) is
//! cached by revision instead of by copies of the project.

use crate::model::{Edit, EditError, History, Project};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A state of the project, shared (undo steps and background checks hold it without a copy),
/// named by its revision: two snapshots with the same revision hold the same project.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub revision: u64,
    pub project: Arc<Project>,
}

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
    }
}

/// The open project, its file, its revisions and its undo history.
#[derive(Debug)]
pub struct Document {
    project: Arc<Project>,
    /// The file the project came from; None for a new (unsaved) project.
    path: Option<PathBuf>,
    revision: u64,
    saved_revision: u64,
    /// The next revision number to give out (never reused).
    next_revision: u64,
    history: History<Snapshot>,
}

impl Document {
    /// A project as opened (or made): saved as it is when it has a file.
    pub fn new(project: Project, path: Option<PathBuf>) -> Self {
        Document {
            project: Arc::new(project),
            path,
            revision: 1,
            saved_revision: 1,
            next_revision: 2,
            history: History::default(),
        }
    }

    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project as it is now, shared (for a background check).
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            revision: self.revision,
            project: Arc::clone(&self.project),
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The number of the project's present state.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn history(&self) -> &History<Snapshot> {
        &self.history
    }

    /// Changes were made since the project was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    fn new_revision(&mut self) {
        self.revision = self.next_revision;
        self.next_revision += 1;
    }

    /// Applies `edit` to a copy and keeps it when the edit succeeds and changes something;
    /// returns whether the project changed.
    fn change(&mut self, edit: Edit) -> Result<bool, EditError> {
        let mut changed = Project::clone(&self.project);
        changed.apply(edit)?;
        if changed == *self.project {
            return Ok(false);
        }
        self.project = Arc::new(changed);
        self.new_revision();
        Ok(true)
    }

    /// Applies an edit as one undo step (a gesture that changes several things applies one
    /// [`Edit::Batch`]). A refused edit changes nothing; returns whether the project changed.
    pub fn apply(&mut self, edit: Edit) -> Result<bool, EditError> {
        let before = self.snapshot();
        let changed = self.change(edit)?;
        if changed {
            self.history.record(before);
        }
        Ok(changed)
    }

    /// Applies an edit as part of a gesture (a drag, a typing burst): the gesture becomes one
    /// undo step when it ends ([`Document::end_gesture`]). After its first edit the gesture
    /// changes the project in place (no copy per keystroke: `Project::apply` leaves the project
    /// as it was when it refuses an edit).
    pub fn apply_in_gesture(&mut self, edit: Edit) -> Result<(), EditError> {
        let start = self.snapshot();
        self.history.begin(&start);
        Arc::make_mut(&mut self.project).apply(edit)?;
        self.new_revision();
        Ok(())
    }

    /// Ends the gesture under way: one undo step if it changed the project. A gesture that
    /// came back to where it started (typed, then deleted) leaves no step and no change.
    pub fn end_gesture(&mut self) {
        let Some(start) = self.history.gesture_start().cloned() else {
            return;
        };
        if start.revision != self.revision && *start.project == *self.project {
            self.restore(start.clone());
        }
        let now = self.snapshot();
        self.history.end(&now);
    }

    pub fn in_gesture(&self) -> bool {
        self.history.in_gesture()
    }

    /// Steps back; returns whether there was a step.
    pub fn undo(&mut self) -> bool {
        self.end_gesture();
        let now = self.snapshot();
        match self.history.undo(&now) {
            Some(previous) => {
                self.restore(previous);
                true
            }
            None => false,
        }
    }

    /// Steps forward again; returns whether there was a step.
    pub fn redo(&mut self) -> bool {
        self.end_gesture();
        let now = self.snapshot();
        match self.history.redo(&now) {
            Some(next) => {
                self.restore(next);
                true
            }
            None => false,
        }
    }

    fn restore(&mut self, snapshot: Snapshot) {
        self.project = snapshot.project;
        self.revision = snapshot.revision;
    }

    /// Another project (new, opened): history starts afresh and it counts as saved.
    pub fn replace(&mut self, project: Project, path: Option<PathBuf>) {
        self.project = Arc::new(project);
        self.path = path;
        self.new_revision();
        self.saved_revision = self.revision;
        self.history.clear();
    }

    /// The project changed outside an edit (published, recovered after a crash) as one undo
    /// step: the outcome of a job that works on the whole project.
    /// Returns whether it changed anything.
    pub fn replace_as_step(&mut self, project: Project) -> bool {
        if project == *self.project {
            return false;
        }
        let before = self.snapshot();
        self.project = Arc::new(project);
        self.new_revision();
        self.history.record(before);
        true
    }

    /// Takes back the last undo step without a redo (a publication whose save failed).
    pub fn take_back_last_step(&mut self) {
        if let Some(previous) = self.history.pop_undo() {
            self.restore(previous);
        }
    }

    /// The project no longer belongs to a file (recovered work of a new project).
    pub fn detach_file(&mut self) {
        self.path = None;
    }

    /// The project was saved (to `path`) as it is now.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.saved_revision = self.revision;
        self.path = Some(path);
    }

    /// The changes are given up (不保存): the present state counts as saved.
    pub fn forget_changes(&mut self) {
        self.saved_revision = self.revision;
    }

    /// The state last saved is no longer what is on disk (a recovered project shows as
    /// unsaved).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn renamed(name: &str) -> Edit {
        Edit::SetMeta(crate::model::Meta {
            unit_name: name.to_owned(),
            ..crate::model::Meta::default()
        })
    }

    #[test]
    fn each_change_has_a_new_revision_and_undo_brings_back_the_saved_one() {
        let mut document = Document::new(Project::default(), None);
        let opened = document.revision();
        assert!(!document.is_dirty());
        assert_eq!(document.apply(renamed("青禾镇")), Ok(true));
        let renamed_revision = document.revision();
        assert_ne!(renamed_revision, opened);
        assert!(document.is_dirty());
        assert!(document.undo());
        assert_eq!(document.revision(), opened);
        assert!(!document.is_dirty(), "back where it was saved");
        assert!(document.redo());
        assert_eq!(document.revision(), renamed_revision);
        assert_eq!(document.project().meta.unit_name, "青禾镇");
    }

    #[test]
    fn a_change_after_undo_never_reuses_a_revision() {
        let mut document = Document::new(Project::default(), None);
        document.apply(renamed("a")).expect("edit");
        let first = document.revision();
        document.undo();
        document.apply(renamed("b")).expect("edit");
        assert_ne!(document.revision(), first, "b is not a");
    }

    #[test]
    fn an_edit_that_changes_nothing_keeps_the_revision_and_leaves_no_step() {
        let mut document = Document::new(Project::default(), None);
        let revision = document.revision();
        assert_eq!(document.apply(renamed("")), Ok(false));
        assert_eq!(document.revision(), revision);
        assert!(!document.history().can_undo());
    }

    #[test]
    fn a_refused_edit_changes_nothing() {
        let mut document = Document::new(Project::default(), None);
        let revision = document.revision();
        let refused = document.apply(Edit::RemoveBoard {
            board_id: "none".into(),
        });
        assert!(refused.is_err());
        assert_eq!(document.revision(), revision);
        assert!(!document.is_dirty());
    }

    #[test]
    fn a_typing_burst_is_one_step() {
        let mut document = Document::new(Project::default(), None);
        for name in ["青", "青禾", "青禾镇"] {
            document.apply_in_gesture(renamed(name)).expect("edit");
        }
        assert!(document.in_gesture());
        document.end_gesture();
        assert!(document.undo());
        assert_eq!(document.project().meta.unit_name, "");
        assert!(!document.history().can_undo());
    }

    #[test]
    fn a_gesture_that_comes_back_leaves_no_change() {
        let mut document = Document::new(Project::default(), None);
        document.apply_in_gesture(renamed("青")).expect("edit");
        document.apply_in_gesture(renamed("")).expect("edit");
        document.end_gesture();
        assert!(!document.is_dirty());
        assert!(!document.history().can_undo());
    }
}
