//! What the clerk has selected (a board, some of its panels, maybe one item), and keeping it
//! valid when the project changes under it (undo, delete).

use super::GongkaiApp;
use eframe::egui;

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

impl GongkaiApp {
    pub(crate) fn select_first_board(&mut self) {
        self.selection = self
            .doc
            .project()
            .boards
            .first()
            .map(|board| Selection::board(&board.id))
            .unwrap_or_default();
    }

    /// Drops selected ids that no longer exist (after undo, delete).
    pub(super) fn keep_selection_valid(&mut self) {
        let Some(board) = self
            .selection
            .board_id
            .as_deref()
            .and_then(|board_id| self.doc.project().board(board_id))
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
            .is_some_and(|item_id| self.doc.project().item(item_id).is_some());
        self.selection.panel_ids = existing;
        self.selection.board_id = Some(board_id);
        // An item stays selected without a panel when it is 未上栏.
        if !item_ok {
            self.selection.item_id = None;
        }
    }

    /// The centre of the (first) selected panel, in board millimetres.
    pub(super) fn selected_panel_centre_mm(&self) -> Option<egui::Pos2> {
        let board = self
            .doc
            .project()
            .board(self.selection.board_id.as_deref()?)?;
        let rect = board.panel(self.selection.primary_panel()?)?.rect_mm;
        Some(egui::pos2(
            rect.x_mm + rect.width_mm / 2.0,
            rect.y_mm + rect.height_mm / 2.0,
        ))
    }

    /// The selected board, or the first one.
    pub fn current_board_id(&self) -> Option<String> {
        self.selection
            .board_id
            .clone()
            .filter(|board_id| self.doc.project().board(board_id).is_some())
            .or_else(|| {
                self.doc
                    .project()
                    .boards
                    .first()
                    .map(|board| board.id.clone())
            })
    }
}
