//! The canvas view: zoom, pan and fit, and the one transform from board millimetres to
//! screen points.

use super::pointer::Drag;
use crate::model::RectMm;
use crate::ui::{Command, GongkaiApp};
use eframe::egui::{self, Pos2, Rect, Vec2, emath::RectTransform};

/// Screen points per millimetre at 100 % (a 96-dpi screen: 100 % is the real size).
const POINTS_PER_MM_AT_100: f32 = 96.0 / 25.4;
pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 8.0;
pub(super) const RULER_WIDTH: f32 = 22.0;

/// Zoom, pan and grid of the canvas, and the gesture under way.
pub struct CanvasView {
    /// 1.0 = real size on screen.
    pub zoom: f32,
    /// Where the board's top-left corner is, relative to the canvas' top-left, in points.
    pub offset: Vec2,
    pub show_grid: bool,
    pub grid_mm: f32,
    pub snap: bool,
    pub(super) fit_requested: bool,
    pub(super) drag: Option<Drag>,
    /// Guides drawn while a drag snaps to them: (vertical?, position in board mm).
    pub(super) guides: Vec<(bool, f32)>,
    /// The transform of the last frame (tests use it to find panels on screen).
    pub last_transform: Option<RectTransform>,
    /// The canvas rectangle of the last frame: zoom buttons keep its centre in place.
    pub(super) last_canvas: Option<Rect>,
    /// Where the "第 n 块" tags of a board made of parts were drawn in the last frame (in the
    /// top ruler band, off the board).
    pub last_part_tags: Vec<Rect>,
    /// The board or card face shown in the last frame: another one is fitted to the canvas
    /// (a card zoomed to 232 % would show a board as one red block).
    pub(super) shown_surface: Option<(String, Vec2)>,
}

impl Default for CanvasView {
    fn default() -> Self {
        CanvasView {
            zoom: 0.25,
            offset: Vec2::new(RULER_WIDTH + 16.0, RULER_WIDTH + 16.0),
            show_grid: true,
            grid_mm: 10.0,
            snap: true,
            fit_requested: true,
            drag: None,
            guides: Vec::new(),
            last_transform: None,
            last_canvas: None,
            last_part_tags: Vec::new(),
            shown_surface: None,
        }
    }
}

impl CanvasView {
    pub fn points_per_mm(&self) -> f32 {
        self.zoom * POINTS_PER_MM_AT_100
    }

    pub fn set_zoom(&mut self, zoom: f32) {
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        self.fit_requested = false;
    }

    /// Zooms by `factor` around the centre of the canvas.
    pub fn zoom_by(&mut self, factor: f32) {
        match self.last_canvas {
            Some(canvas) => self.zoom_around(factor, canvas.center(), canvas.min),
            None => self.set_zoom(self.zoom * factor),
        }
    }

    /// Zooms by `factor` keeping the board point under `anchor` (screen) where it is.
    pub(super) fn zoom_around(&mut self, factor: f32, anchor: Pos2, canvas_min: Pos2) {
        let old_zoom = self.zoom;
        self.set_zoom(self.zoom * factor);
        let ratio = self.zoom / old_zoom;
        let anchor_in_canvas = anchor - canvas_min;
        self.offset = anchor_in_canvas - (anchor_in_canvas - self.offset) * ratio;
    }

    /// 100 %: real size, keeping `focus_mm` (the selected panel's centre; None: the board
    /// point at the canvas centre) in the middle of the canvas.
    pub fn zoom_to_actual_size(&mut self, focus_mm: Option<Pos2>) {
        let Some(canvas) = self.last_canvas else {
            self.set_zoom(1.0);
            return;
        };
        let centre_mm = focus_mm.unwrap_or_else(|| {
            ((canvas.size() / 2.0 - self.offset) / self.points_per_mm()).to_pos2()
        });
        self.set_zoom(1.0);
        self.offset = canvas.size() / 2.0 - centre_mm.to_vec2() * self.points_per_mm();
    }

    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    pub(super) fn fit(&mut self, board_size_mm: Vec2, canvas: Rect) {
        let margin = RULER_WIDTH + 24.0;
        let available = (canvas.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(50.0));
        let zoom = (available.x / board_size_mm.x).min(available.y / board_size_mm.y)
            / POINTS_PER_MM_AT_100;
        self.zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        let board_points = board_size_mm * self.points_per_mm();
        self.offset = (canvas.size() - board_points) / 2.0;
        self.fit_requested = false;
    }

    /// Board millimetres → screen points for a canvas rectangle.
    pub fn transform(&self, board_size_mm: Vec2, canvas: Rect) -> RectTransform {
        let board_mm = Rect::from_min_size(Pos2::ZERO, board_size_mm);
        let screen = Rect::from_min_size(
            canvas.min + self.offset,
            board_size_mm * self.points_per_mm(),
        );
        RectTransform::from_to(board_mm, screen)
    }
}

pub(super) fn to_rect(rect_mm: RectMm) -> Rect {
    Rect::from_min_size(
        Pos2::new(rect_mm.x_mm, rect_mm.y_mm),
        Vec2::new(rect_mm.width_mm, rect_mm.height_mm),
    )
}

impl GongkaiApp {
    pub(crate) fn zoom_controls_ui(&mut self, ui: &mut egui::Ui) {
        if ui.button("－").on_hover_text("缩小（Ctrl+-）").clicked() {
            self.queue(Command::ZoomOut);
        }
        ui.label(format!("{:.0}%", self.canvas.zoom * 100.0));
        if ui.button("＋").on_hover_text("放大（Ctrl++）").clicked() {
            self.queue(Command::ZoomIn);
        }
        if ui.button("适合窗口").clicked() {
            self.queue(Command::ZoomFit);
        }
        if ui.button("100%").on_hover_text("实际大小").clicked() {
            self.queue(Command::ZoomActual);
        }
        ui.checkbox(&mut self.canvas.show_grid, "网格");
        ui.checkbox(&mut self.canvas.snap, "吸附");
    }

    pub(super) fn zoom_and_pan_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        canvas: Rect,
    ) {
        if !response.hovered() && !response.dragged() {
            return;
        }
        let (zoom_delta, scroll, pointer) = ui.input(|input| {
            (
                input.zoom_delta(),
                input.smooth_scroll_delta,
                input.pointer.hover_pos(),
            )
        });
        if zoom_delta != 1.0 {
            let anchor = pointer.unwrap_or(canvas.center());
            self.canvas.zoom_around(zoom_delta, anchor, canvas.min);
        } else if scroll != Vec2::ZERO {
            self.canvas.offset += scroll;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_board_point_under_the_anchor() {
        let mut view = CanvasView::default();
        let canvas = Rect::from_min_size(Pos2::new(100.0, 50.0), Vec2::new(800.0, 600.0));
        let board = Vec2::new(2400.0, 1200.0);
        let anchor = Pos2::new(400.0, 300.0);
        let before = view
            .transform(board, canvas)
            .inverse()
            .transform_pos(anchor);
        view.zoom_around(2.5, anchor, canvas.min);
        let after = view
            .transform(board, canvas)
            .inverse()
            .transform_pos(anchor);
        assert!((before - after).length() < 0.01, "{before:?} → {after:?}");
        assert!((view.zoom - 0.625).abs() < 1e-6);
    }

    #[test]
    fn zoom_stays_within_its_range() {
        let mut view = CanvasView::default();
        view.set_zoom(100.0);
        assert_eq!(view.zoom, MAX_ZOOM);
        view.set_zoom(0.0);
        assert_eq!(view.zoom, MIN_ZOOM);
    }
}
