//! Undo and redo as whole-project snapshots (the model is small), one step per completed
//! gesture: a whole drag or a whole typing burst is one step. Never written to the file.

use super::Project;

/// Undo/redo stacks of project snapshots: `Project`s, or anything that stands for one (the
/// app keeps shared snapshots named by their revision, compared by that revision alone).
#[derive(Clone, Debug)]
pub struct History<S = Project> {
    undo: Vec<S>,
    redo: Vec<S>,
    /// The project as it was when the current gesture began.
    gesture_start: Option<S>,
    limit: usize,
}

impl<S: Clone + PartialEq> Default for History<S> {
    fn default() -> Self {
        History::with_limit(200)
    }
}

impl<S: Clone + PartialEq> History<S> {
    /// A history that keeps at most `limit` undo steps (the oldest go first).
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            gesture_start: None,
            limit: limit.max(1),
        }
    }

    /// Marks the start of a gesture (drag start, text field focus). A gesture already under
    /// way keeps its start.
    pub fn begin(&mut self, project: &S) {
        if self.gesture_start.is_none() {
            self.gesture_start = Some(project.clone());
        }
    }

    /// Ends the gesture: one undo step if the project changed since `begin`.
    pub fn end(&mut self, project: &S) {
        if let Some(start) = self.gesture_start.take()
            && start != *project
        {
            self.push_undo(start);
            self.redo.clear();
        }
    }

    pub fn in_gesture(&self) -> bool {
        self.gesture_start.is_some()
    }

    /// The project as it was when the gesture under way began.
    pub fn gesture_start(&self) -> Option<&S> {
        self.gesture_start.as_ref()
    }

    /// Records a one-shot change: `before` is the project before it. A gesture still open
    /// (typing a panel's name, then clicking 2 栏) ends first as its own step.
    pub fn record(&mut self, before: S) {
        if let Some(start) = self.gesture_start.take()
            && start != before
        {
            self.push_undo(start);
        }
        self.push_undo(before);
        self.redo.clear();
    }

    fn push_undo(&mut self, snapshot: S) {
        self.undo.push(snapshot);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// Takes the last undo step off the stack (a change taken back without a redo).
    pub fn pop_undo(&mut self) -> Option<S> {
        self.undo.pop()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.gesture_start.is_some()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back: returns the project to show, taking `current` onto the redo stack.
    pub fn undo(&mut self, current: &S) -> Option<S> {
        self.end(current);
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(previous)
    }

    /// Steps forward again.
    pub fn redo(&mut self, current: &S) -> Option<S> {
        self.end(current);
        let next = self.redo.pop()?;
        self.push_undo(current.clone());
        Some(next)
    }

    /// Forgets everything (a new or opened project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.gesture_start = None;
    }

    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_shot_change_during_typing_keeps_the_typing_its_own_step() {
        let mut history = History::default();
        let before_typing = named("青禾镇");
        history.begin(&before_typing);
        // Typing a panel's name changes the project; the field still has focus.
        let typed = named("青禾镇人民政府");
        // Then a click on 2 栏: a one-shot change recorded against the typed state.
        history.record(typed.clone());
        let clicked = named("青禾镇人民政府（2 栏）");
        assert_eq!(
            history.undo(&clicked),
            Some(typed.clone()),
            "the click first"
        );
        assert_eq!(history.undo(&typed), Some(before_typing), "then the typing");
    }

    fn named(name: &str) -> Project {
        let mut project = Project::default();
        project.meta.unit_name = name.to_owned();
        project
    }

    #[test]
    fn a_gesture_is_one_step() {
        let mut history = History::default();
        let mut project = named("a");
        history.begin(&project);
        for name in ["ab", "abc", "abcd"] {
            project = named(name);
            history.begin(&project);
        }
        history.end(&project);
        assert_eq!(history.undo_len(), 1);
        let back = history.undo(&project).expect("undo");
        assert_eq!(back.meta.unit_name, "a");
        let forward = history.redo(&back).expect("redo");
        assert_eq!(forward.meta.unit_name, "abcd");
    }

    #[test]
    fn an_unchanged_gesture_leaves_no_step() {
        let mut history = History::default();
        let project = named("a");
        history.begin(&project);
        history.end(&project);
        assert!(!history.can_undo());
    }

    #[test]
    fn a_new_change_clears_redo() {
        let mut history = History::default();
        history.record(named("a"));
        let back = history.undo(&named("b")).expect("undo");
        assert!(history.can_redo());
        history.record(back);
        assert!(!history.can_redo());
    }

    #[test]
    fn undo_during_a_gesture_first_closes_it() {
        let mut history = History::default();
        history.begin(&named("a"));
        let back = history.undo(&named("typed")).expect("undo");
        assert_eq!(back.meta.unit_name, "a");
    }

    #[test]
    fn keeps_at_least_100_steps_and_drops_the_oldest_past_the_limit() {
        let mut history = History::with_limit(150);
        for step in 0..160 {
            history.record(named(&step.to_string()));
        }
        assert_eq!(history.undo_len(), 150);
        let mut current = named("now");
        for _ in 0..150 {
            current = history.undo(&current).expect("undo");
        }
        assert_eq!(current.meta.unit_name, "10");
        assert!(history.undo(&current).is_none());
    }
}
