//! Pointer and keyboard on the canvas: click and Shift-click to select, drag to move or resize
//! panels (snapping through `geometry`) or to pan, arrow keys to nudge.

use super::geometry::{HANDLES, Handle, resized_rect, snap_guides_mm, snap_moved_rect};
use super::view::to_rect;
use crate::model::{Edit, RectMm};
use crate::ui::{GongkaiApp, Selection};
use eframe::egui::{self, Pos2, Rect, Vec2, emath::RectTransform};

/// Snapping reaches this far on screen.
const SNAP_DISTANCE_POINTS: f32 = 6.0;
pub(super) const HANDLE_SIZE_POINTS: f32 = 8.0;

#[derive(Clone, Debug)]
pub(super) struct Drag {
    kind: DragKind,
    start_pointer_mm: Pos2,
    /// The dragged panels' rectangles when the drag began.
    start_rects: Vec<(String, RectMm)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DragKind {
    Move,
    Resize(Handle),
    Pan,
}

impl Handle {
    pub(super) fn position(self, rect: Rect) -> Pos2 {
        let x = if self.left {
            rect.left()
        } else if self.right {
            rect.right()
        } else {
            rect.center().x
        };
        let y = if self.top {
            rect.top()
        } else if self.bottom {
            rect.bottom()
        } else {
            rect.center().y
        };
        Pos2::new(x, y)
    }

    pub(super) fn cursor(self) -> egui::CursorIcon {
        match (self.left || self.right, self.top || self.bottom) {
            (true, false) => egui::CursorIcon::ResizeHorizontal,
            (false, true) => egui::CursorIcon::ResizeVertical,
            _ if (self.left && self.top) || (self.right && self.bottom) => {
                egui::CursorIcon::ResizeNwSe
            }
            _ => egui::CursorIcon::ResizeNeSw,
        }
    }
}

impl GongkaiApp {
    pub(super) fn canvas_pointer(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        board_id: &str,
        transform: RectTransform,
    ) {
        let to_mm = transform.inverse();
        let space_down = ui.input(|input| input.key_down(egui::Key::Space));
        let shift = ui.input(|input| input.modifiers.shift);
        if let Some(pointer) = response.hover_pos()
            && self.canvas.drag.is_none()
            && let Some(handle) = self.handle_under(board_id, transform, pointer)
        {
            ui.ctx().set_cursor_icon(handle.cursor());
        }
        if response.drag_started() {
            let pointer = response.interact_pointer_pos().unwrap_or_default();
            let middle = ui.input(|input| input.pointer.middle_down());
            let kind = if middle || space_down {
                Some(DragKind::Pan)
            } else if let Some(handle) = self.handle_under(board_id, transform, pointer) {
                Some(DragKind::Resize(handle))
            } else if let Some(panel_id) = self.panel_under(board_id, to_mm.transform_pos(pointer))
            {
                if !self.selection.has_panel(&panel_id) {
                    self.selection = Selection::panel(board_id, &panel_id);
                }
                Some(DragKind::Move)
            } else {
                Some(DragKind::Pan)
            };
            if let Some(kind) = kind {
                let start_rects = self.selected_rects(board_id);
                self.canvas.drag = Some(Drag {
                    kind,
                    start_pointer_mm: to_mm.transform_pos(pointer),
                    start_rects,
                });
            }
        }
        if response.dragged()
            && let Some(drag) = self.canvas.drag.clone()
        {
            if drag.kind == DragKind::Pan {
                self.canvas.offset += response.drag_delta();
            } else if let Some(pointer) = response.interact_pointer_pos() {
                let delta_mm = to_mm.transform_pos(pointer) - drag.start_pointer_mm;
                self.drag_panels(board_id, &drag, delta_mm, transform);
            }
        }
        if response.drag_stopped() {
            self.canvas.drag = None;
            self.canvas.guides.clear();
            // The drag's last move is applied after this frame; the gesture ends then, when
            // no button is down (`end_gesture_when_idle`): one undo step for the whole drag.
        }
        if response.clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            match self.panel_under(board_id, to_mm.transform_pos(pointer)) {
                Some(panel_id) if shift => {
                    if self.selection.has_panel(&panel_id) {
                        self.selection.panel_ids.retain(|id| *id != panel_id);
                    } else {
                        self.selection.panel_ids.push(panel_id);
                    }
                    self.selection.item_id = None;
                }
                Some(panel_id) => self.selection = Selection::panel(board_id, &panel_id),
                None => self.selection = Selection::board(board_id),
            }
        }
    }

    pub(super) fn selected_rects(&self, board_id: &str) -> Vec<(String, RectMm)> {
        let Some(board) = self.doc.project().board(board_id) else {
            return Vec::new();
        };
        self.selection
            .panel_ids
            .iter()
            .filter_map(|panel_id| board.panel(panel_id).map(|p| (p.id.clone(), p.rect_mm)))
            .collect()
    }

    /// The topmost panel at a board position.
    pub(super) fn panel_under(&self, board_id: &str, position_mm: Pos2) -> Option<String> {
        let board = self.doc.project().board(board_id)?;
        board
            .panels
            .iter()
            .rev()
            .find(|panel| to_rect(panel.rect_mm).contains(position_mm))
            .map(|panel| panel.id.clone())
    }

    pub(super) fn handle_under(
        &self,
        board_id: &str,
        transform: RectTransform,
        pointer: Pos2,
    ) -> Option<Handle> {
        if self.selection.panel_ids.len() != 1 {
            return None;
        }
        let panel_id = self.selection.primary_panel()?;
        let panel = self.doc.project().board(board_id)?.panel(panel_id)?;
        let rect = transform.transform_rect(to_rect(panel.rect_mm));
        HANDLES.into_iter().find(|handle| {
            Rect::from_center_size(handle.position(rect), Vec2::splat(HANDLE_SIZE_POINTS + 4.0))
                .contains(pointer)
        })
    }

    /// Guides for snapping: the board's edges and centre, and other panels' edges and centres.
    /// Guides for snapping: the board's edges and centre, and other panels' edges and centres.
    fn guides(&self, board_id: &str, moving: &[String]) -> (Vec<f32>, Vec<f32>) {
        self.doc
            .project()
            .board(board_id)
            .map(|board| snap_guides_mm(board, moving))
            .unwrap_or_default()
    }

    fn drag_panels(
        &mut self,
        board_id: &str,
        drag: &Drag,
        delta_mm: Vec2,
        transform: RectTransform,
    ) {
        let reach_mm = SNAP_DISTANCE_POINTS / transform.scale().x.max(0.0001);
        let grid = self.canvas.snap.then_some(self.canvas.grid_mm);
        let moving: Vec<String> = drag.start_rects.iter().map(|(id, _)| id.clone()).collect();
        let (guides_x, guides_y) = if self.canvas.snap {
            self.guides(board_id, &moving)
        } else {
            (Vec::new(), Vec::new())
        };
        let Some((primary_id, primary_start)) = drag.start_rects.first() else {
            return;
        };
        let new_rects: Vec<(String, RectMm)> = match drag.kind {
            DragKind::Move => {
                let proposed = RectMm::new(
                    primary_start.x_mm + delta_mm.x,
                    primary_start.y_mm + delta_mm.y,
                    primary_start.width_mm,
                    primary_start.height_mm,
                );
                let (snapped, used) =
                    snap_moved_rect(proposed, &guides_x, &guides_y, reach_mm, grid);
                self.canvas.guides = used;
                let shift_x = snapped.x_mm - primary_start.x_mm;
                let shift_y = snapped.y_mm - primary_start.y_mm;
                drag.start_rects
                    .iter()
                    .map(|(id, rect)| {
                        let mut moved = *rect;
                        moved.x_mm += shift_x;
                        moved.y_mm += shift_y;
                        (id.clone(), moved)
                    })
                    .collect()
            }
            DragKind::Resize(handle) => {
                let rect_mm = resized_rect(
                    *primary_start,
                    handle,
                    (delta_mm.x, delta_mm.y),
                    (&guides_x, &guides_y),
                    reach_mm,
                    grid,
                );
                vec![(primary_id.clone(), rect_mm)]
            }
            DragKind::Pan => Vec::new(),
        };
        if new_rects.is_empty() {
            return;
        }
        let moves = new_rects
            .into_iter()
            .map(|(panel_id, rect_mm)| Edit::SetPanelRect {
                board_id: board_id.to_owned(),
                panel_id,
                rect_mm,
            })
            .collect();
        self.queue_gesture_edit(Edit::Batch(moves));
    }

    /// Arrow keys nudge the selected panels 1 mm, with Shift 10 mm (not while typing).
    pub(super) fn nudge_with_arrows(&mut self, ui: &egui::Ui, board_id: &str) {
        if self.selection.panel_ids.is_empty() || ui.ctx().text_edit_focused() {
            return;
        }
        let (step_x, step_y) = ui.input(|input| {
            let step = if input.modifiers.shift { 10.0 } else { 1.0 };
            let mut dx = 0.0;
            let mut dy = 0.0;
            if input.key_pressed(egui::Key::ArrowLeft) {
                dx -= step;
            }
            if input.key_pressed(egui::Key::ArrowRight) {
                dx += step;
            }
            if input.key_pressed(egui::Key::ArrowUp) {
                dy -= step;
            }
            if input.key_pressed(egui::Key::ArrowDown) {
                dy += step;
            }
            (dx, dy)
        });
        if step_x == 0.0 && step_y == 0.0 {
            return;
        }
        let moves = self
            .selected_rects(board_id)
            .into_iter()
            .map(|(panel_id, mut rect_mm)| {
                rect_mm.x_mm += step_x;
                rect_mm.y_mm += step_y;
                Edit::SetPanelRect {
                    board_id: board_id.to_owned(),
                    panel_id,
                    rect_mm,
                }
            })
            .collect();
        self.queue_edit(Edit::Batch(moves));
    }
}
