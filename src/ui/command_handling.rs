//! What the panels ask for, carried out after the frame: queued [`Action`]s (edits, gesture
//! edits, commands) applied in order once the UI is drawn, and what each [`Command`] does.

use super::{Command, FilePurpose, GongkaiApp, Selection, canvas};
use crate::model::{self, Edit};
use eframe::egui;

/// What a panel asks for while it is drawn, carried out after the frame.
pub enum Action {
    /// A change to the project: one undo step.
    Edit(Edit),
    /// A change that is part of a gesture (drag, typing burst): one undo step when it ends.
    GestureEdit(Edit),
    Command(Command),
    /// An operation of the app that edits and then says or selects something (add a board,
    /// delete a card, place an item): run after the frame like the rest.
    Operation(Operation),
}

/// An app operation run after the frame (see [`Action::Operation`]).
pub type Operation = Box<dyn FnOnce(&mut GongkaiApp)>;

impl std::fmt::Debug for Action {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Action::Edit(edit) => formatter.debug_tuple("Edit").field(edit).finish(),
            Action::GestureEdit(edit) => formatter.debug_tuple("GestureEdit").field(edit).finish(),
            Action::Command(command) => formatter.debug_tuple("Command").field(command).finish(),
            Action::Operation(_) => formatter.write_str("Operation"),
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

impl GongkaiApp {
    /// Carries out what the panels asked for during the frame, in order: the project changes
    /// here, after drawing, never in the middle of it. A change is shown by one more frame.
    pub(super) fn run_queued(&mut self, ctx: &egui::Context) {
        let revision = self.doc.revision();
        if !self.doc.in_gesture() {
            self.last_gesture_edit = None;
        }
        for action in std::mem::take(&mut self.queued) {
            match action {
                Action::Edit(edit) => {
                    self.apply_edit(edit);
                }
                // A drag that did not move since the last frame asks for the same change
                // again: it is not applied twice (every gesture edit sets a value).
                Action::GestureEdit(edit) => {
                    if self.last_gesture_edit.as_ref() != Some(&edit) {
                        self.last_gesture_edit = Some(edit.clone());
                        self.apply_edit_in_gesture(edit);
                    }
                }
                Action::Command(command) => self.run_command(command),
                Action::Operation(operation) => operation(self),
            }
        }
        if self.doc.revision() != revision {
            ctx.request_repaint();
        }
    }

    pub fn run_command(&mut self, command: Command) {
        match command {
            Command::New => self.request_new(),
            Command::Open => self.request_open(None),
            Command::OpenRecent(index) => {
                if let Some(path) = self.files.recent.get(index).cloned() {
                    self.request_open(Some(path));
                }
            }
            Command::SelfCheckReport => self.request_report(crate::schedule::ReportKind::SelfCheck),
            Command::CatalogReport => self.request_report(crate::schedule::ReportKind::Catalog),
            Command::Import => self.open_import_dialog(),
            Command::Quit => self.request_quit(),
            Command::About => self.about_open = true,
            Command::Save => self.save(),
            Command::SaveAs => self.files.show(
                FilePurpose::SaveAs,
                self.doc.path().map(std::path::Path::to_path_buf),
            ),
            Command::UnitInfo => self.unit_info_open = true,
            Command::ExportPictures => self.open_pictures_dialog(),
            Command::ExportAll => self.export_all(),
            Command::Publish => self.open_publish_preview(),
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
                if self.doc.undo() {
                    self.keep_selection_valid();
                }
            }
            Command::Redo => {
                if self.doc.redo() {
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

    pub(super) fn add_panel(&mut self) {
        let Some(board_id) = self.current_board_id() else {
            self.warn("请先新建一块公开栏。");
            return;
        };
        let Some(board) = self.doc.project().board(&board_id) else {
            return;
        };
        let on_card = self.doc.project().card_of_face(&board_id).is_some();
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
        let panel_id = self.doc.project().fresh_id("panel");
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

    pub(super) fn copy_panels(&mut self) {
        let Some(board) = self
            .selection
            .board_id
            .as_deref()
            .and_then(|board_id| self.doc.project().board(board_id))
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
    pub(super) fn paste_panels(&mut self) {
        let Some(board_id) = self.current_board_id() else {
            return;
        };
        if self.clipboard.is_empty() {
            return;
        }
        let pasted = self.doc.project().fresh_ids("panel", self.clipboard.len());
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
                    .retain(|item_id| self.doc.project().item(item_id).is_some());
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

    pub(super) fn arrange_panels(&mut self, command: Command) {
        let Some(board_id) = self.selection.board_id.clone() else {
            return;
        };
        let Some(board) = self.doc.project().board(&board_id) else {
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

    /// Queues an edit (one undo step) to apply after this frame's UI.
    pub(crate) fn queue_edit(&mut self, edit: Edit) {
        self.queued.push(Action::Edit(edit));
    }

    /// Queues an edit that is part of a gesture (a drag, a typing burst) to apply after this
    /// frame's UI; the gesture becomes one undo step when it ends.
    pub(crate) fn queue_gesture_edit(&mut self, edit: Edit) {
        self.queued.push(Action::GestureEdit(edit));
    }

    /// Queues an operation of the app (edits with what follows them) to run after this
    /// frame's UI.
    pub(crate) fn later(&mut self, operation: impl FnOnce(&mut GongkaiApp) + 'static) {
        self.queued.push(Action::Operation(Box::new(operation)));
    }

    /// Queues a command to run after this frame's UI.
    pub fn queue(&mut self, command: Command) {
        self.queued.push(Action::Command(command));
    }
}
