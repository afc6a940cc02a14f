//! The board canvas: the board at true proportions, zoom and pan, rulers in cm, a grid with
//! snapping and alignment guides, and panels that can be selected, moved, resized and nudged.
//!
//! Board millimetres map to screen points through one `RectTransform` per frame
//! ([`CanvasView::transform`]); nothing else converts between the two.
//!
//! The pure geometry (snapping, resizing, arranging) is in `geometry`, the view (zoom, pan,
//! fit, the transform) in `view`, the pointer and keyboard in `pointer`, the drawing in
//! `paint`; this module puts them together for one frame.

mod geometry;
mod paint;
mod parts;
mod pointer;
mod view;

pub use geometry::arrange;
pub use view::CanvasView;

use super::GongkaiApp;
use eframe::egui::{self, Rect, Sense, Vec2};
use view::to_rect;

impl GongkaiApp {
    /// The screen rectangle of a panel in the last frame (for tests and tooltips).
    pub fn panel_screen_rect(&self, panel_id: &str) -> Option<Rect> {
        let transform = self.canvas.last_transform?;
        let board = self
            .doc
            .project()
            .board(self.current_board_id()?.as_str())?;
        let panel = board.panel(panel_id)?;
        Some(transform.transform_rect(to_rect(panel.rect_mm)))
    }

    /// An item dragged from 未上栏 and let go over a panel goes at the end of that panel.
    fn drop_item_on_panel(
        &mut self,
        response: &egui::Response,
        board_id: &str,
        transform: egui::emath::RectTransform,
    ) {
        let Some(item) = response.dnd_release_payload::<super::DraggedItem>() else {
            return;
        };
        let Some(pointer) = response.ctx.pointer_interact_pos() else {
            return;
        };
        let position_mm = transform.inverse().transform_pos(pointer);
        if let Some(panel_id) = self.panel_under(board_id, position_mm) {
            let (item_id, board_id) = (item.0.clone(), board_id.to_owned());
            self.later(move |app| app.place_item(&item_id, &board_id, &panel_id));
        } else {
            self.warn("请把内容拖到某个栏目上。");
        }
    }

    pub(crate) fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let Some(board_id) = self.current_board_id() else {
            ui.centered_and_justified(|ui| ui.label("项目中还没有公开栏。"));
            return;
        };
        let (canvas, response) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let board_size_mm = match self.doc.project().board(&board_id) {
            Some(board) => Vec2::new(board.size_mm.width_mm, board.size_mm.height_mm),
            None => return,
        };
        self.canvas.last_canvas = Some(canvas);
        // Another surface, or this one at another size (a card resized, or the resize
        // undone): fitted again.
        let shown = (board_id.clone(), board_size_mm);
        if self.canvas.shown_surface.as_ref() != Some(&shown) {
            self.canvas.shown_surface = Some(shown);
            self.canvas.fit_requested = true;
        }
        if self.canvas.fit_requested {
            self.canvas.fit(board_size_mm, canvas);
        }
        self.zoom_and_pan_input(ui, &response, canvas);
        let transform = self.canvas.transform(board_size_mm, canvas);
        self.canvas.last_transform = Some(transform);
        self.drop_item_on_panel(&response, &board_id, transform);
        self.canvas_pointer(ui, &response, &board_id, transform);
        self.nudge_with_arrows(ui, &board_id);
        let painter = ui.painter_at(canvas);
        self.paint_board(&painter, &board_id, transform);
        self.paint_selection(&painter, &board_id, transform);
        self.paint_rulers(&painter, canvas, transform);
        self.canvas.last_part_tags = match self.doc.project().board(&board_id) {
            Some(board) => self.paint_part_tags(&painter, canvas, board, transform),
            None => Vec::new(),
        };
    }
}
