//! The board canvas: the board at true proportions, zoom and pan, rulers in cm, a grid with
//! snapping and alignment guides, and panels that can be selected, moved, resized and nudged.
//!
//! Board millimetres map to screen points through one `RectTransform` per frame
//! ([`CanvasView::transform`]); nothing else converts between the two.

use super::{Command, GongkaiApp, Selection};
use crate::model::{Edit, RectMm};
use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, Vec2, emath::RectTransform};

/// Screen points per millimetre at 100 % (a 96-dpi screen: 100 % is the real size).
const POINTS_PER_MM_AT_100: f32 = 96.0 / 25.4;
pub const MIN_ZOOM: f32 = 0.02;
pub const MAX_ZOOM: f32 = 8.0;
const RULER_WIDTH: f32 = 22.0;
/// Snapping reaches this far on screen.
const SNAP_DISTANCE_POINTS: f32 = 6.0;
const HANDLE_SIZE_POINTS: f32 = 8.0;
const MIN_PANEL_SIDE_MM: f32 = 20.0;

/// Zoom, pan and grid of the canvas, and the gesture under way.
pub struct CanvasView {
    /// 1.0 = real size on screen.
    pub zoom: f32,
    /// Where the board's top-left corner is, relative to the canvas' top-left, in points.
    pub offset: Vec2,
    pub show_grid: bool,
    pub grid_mm: f32,
    pub snap: bool,
    fit_requested: bool,
    drag: Option<Drag>,
    /// Guides drawn while a drag snaps to them: (vertical?, position in board mm).
    guides: Vec<(bool, f32)>,
    /// The transform of the last frame (tests use it to find panels on screen).
    pub last_transform: Option<RectTransform>,
    /// The canvas rectangle of the last frame: zoom buttons keep its centre in place.
    last_canvas: Option<Rect>,
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
        }
    }
}

#[derive(Clone, Debug)]
struct Drag {
    kind: DragKind,
    start_pointer_mm: Pos2,
    /// The dragged panels' rectangles when the drag began.
    start_rects: Vec<(String, RectMm)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DragKind {
    Move,
    Resize(Handle),
    Pan,
}

/// A resize handle: which edges it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Handle {
    left: bool,
    right: bool,
    top: bool,
    bottom: bool,
}

const HANDLES: [Handle; 8] = [
    Handle {
        left: true,
        right: false,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: false,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: true,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: false,
        bottom: false,
    },
    Handle {
        left: false,
        right: true,
        top: false,
        bottom: true,
    },
    Handle {
        left: false,
        right: false,
        top: false,
        bottom: true,
    },
    Handle {
        left: true,
        right: false,
        top: false,
        bottom: true,
    },
    Handle {
        left: true,
        right: false,
        top: false,
        bottom: false,
    },
];

impl Handle {
    fn position(self, rect: Rect) -> Pos2 {
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

    fn cursor(self) -> egui::CursorIcon {
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
    fn zoom_around(&mut self, factor: f32, anchor: Pos2, canvas_min: Pos2) {
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

    fn fit(&mut self, board_size_mm: Vec2, canvas: Rect) {
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

fn to_rect(rect_mm: RectMm) -> Rect {
    Rect::from_min_size(
        Pos2::new(rect_mm.x_mm, rect_mm.y_mm),
        Vec2::new(rect_mm.width_mm, rect_mm.height_mm),
    )
}

fn from_rect(rect: Rect) -> RectMm {
    RectMm::new(rect.min.x, rect.min.y, rect.width(), rect.height())
}

/// Snaps one coordinate: to the nearest guide within `reach_mm` (returning it), else to the grid.
fn snap_coordinate(
    value_mm: f32,
    guides_mm: &[f32],
    reach_mm: f32,
    grid_mm: Option<f32>,
) -> (f32, Option<f32>) {
    let nearest = guides_mm
        .iter()
        .map(|guide| (*guide, (guide - value_mm).abs()))
        .filter(|(_, distance)| *distance <= reach_mm)
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match (nearest, grid_mm) {
        (Some((guide, _)), _) => (guide, Some(guide)),
        (None, Some(grid)) if grid > 0.0 => ((value_mm / grid).round() * grid, None),
        _ => (value_mm, None),
    }
}

/// Where a moved rectangle lands: its left/right/centre and top/bottom/centre are tried against
/// the guides (other panels' edges, the board's centre and edges), else its top-left corner
/// snaps to the grid. Returns the rectangle and the guides it snapped to.
pub fn snap_moved_rect(
    rect_mm: RectMm,
    guides_x_mm: &[f32],
    guides_y_mm: &[f32],
    reach_mm: f32,
    grid_mm: Option<f32>,
) -> (RectMm, Vec<(bool, f32)>) {
    let mut snapped = rect_mm;
    let mut used = Vec::new();
    let axis = |start: f32, size: f32, guides: &[f32]| -> (f32, Option<f32>) {
        for (offset, candidate) in [
            (0.0, start),
            (size, start + size),
            (size / 2.0, start + size / 2.0),
        ] {
            let (position, guide) = snap_coordinate(candidate, guides, reach_mm, None);
            if guide.is_some() {
                return (position - offset, guide);
            }
        }
        snap_coordinate(start, &[], reach_mm, grid_mm)
    };
    let (x_mm, guide_x) = axis(rect_mm.x_mm, rect_mm.width_mm, guides_x_mm);
    let (y_mm, guide_y) = axis(rect_mm.y_mm, rect_mm.height_mm, guides_y_mm);
    snapped.x_mm = x_mm;
    snapped.y_mm = y_mm;
    if let Some(guide) = guide_x {
        used.push((true, guide));
    }
    if let Some(guide) = guide_y {
        used.push((false, guide));
    }
    (snapped, used)
}

/// Aligns or distributes panels (at least 2, or 3 to distribute) and returns their new rects.
pub fn arrange(command: Command, rects: &[(String, RectMm)]) -> Vec<(String, RectMm)> {
    if rects.len() < 2 {
        return rects.to_vec();
    }
    let min_x = rects
        .iter()
        .map(|(_, r)| r.x_mm)
        .fold(f32::INFINITY, f32::min);
    let max_right = rects
        .iter()
        .map(|(_, r)| r.right_mm())
        .fold(f32::NEG_INFINITY, f32::max);
    let min_y = rects
        .iter()
        .map(|(_, r)| r.y_mm)
        .fold(f32::INFINITY, f32::min);
    let max_bottom = rects
        .iter()
        .map(|(_, r)| r.bottom_mm())
        .fold(f32::NEG_INFINITY, f32::max);
    let mut arranged = rects.to_vec();
    match command {
        Command::AlignLeft => arranged.iter_mut().for_each(|(_, r)| r.x_mm = min_x),
        Command::AlignRight => arranged
            .iter_mut()
            .for_each(|(_, r)| r.x_mm = max_right - r.width_mm),
        Command::AlignTop => arranged.iter_mut().for_each(|(_, r)| r.y_mm = min_y),
        Command::AlignBottom => arranged
            .iter_mut()
            .for_each(|(_, r)| r.y_mm = max_bottom - r.height_mm),
        Command::DistributeHorizontally => {
            arranged.sort_by(|a, b| a.1.x_mm.total_cmp(&b.1.x_mm));
            let total_width: f32 = arranged.iter().map(|(_, r)| r.width_mm).sum();
            let gap = (max_right - min_x - total_width) / (arranged.len() - 1) as f32;
            let mut x_mm = min_x;
            for (_, rect) in arranged.iter_mut() {
                rect.x_mm = x_mm;
                x_mm += rect.width_mm + gap;
            }
        }
        Command::DistributeVertically => {
            arranged.sort_by(|a, b| a.1.y_mm.total_cmp(&b.1.y_mm));
            let total_height: f32 = arranged.iter().map(|(_, r)| r.height_mm).sum();
            let gap = (max_bottom - min_y - total_height) / (arranged.len() - 1) as f32;
            let mut y_mm = min_y;
            for (_, rect) in arranged.iter_mut() {
                rect.y_mm = y_mm;
                y_mm += rect.height_mm + gap;
            }
        }
        _ => {}
    }
    arranged
}

/// A ruler step in mm with at least `min_points` between ticks.
fn ruler_step_mm(points_per_mm: f32, min_points: f32) -> f32 {
    [1.0, 5.0, 10.0, 50.0, 100.0, 500.0, 1000.0, 5000.0]
        .into_iter()
        .find(|step| step * points_per_mm >= min_points)
        .unwrap_or(10_000.0)
}

fn color(rgb: crate::model::Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

const SELECTION_COLOR: Color32 = Color32::from_rgb(0x1e, 0x88, 0xe5);
const GUIDE_COLOR: Color32 = Color32::from_rgb(0xe9, 0x1e, 0x63);

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

    /// The screen rectangle of a panel in the last frame (for tests and tooltips).
    pub fn panel_screen_rect(&self, panel_id: &str) -> Option<Rect> {
        let transform = self.canvas.last_transform?;
        let board = self.project.board(self.current_board_id()?.as_str())?;
        let panel = board.panel(panel_id)?;
        Some(transform.transform_rect(to_rect(panel.rect_mm)))
    }

    pub(crate) fn canvas_ui(&mut self, ui: &mut egui::Ui) {
        let Some(board_id) = self.current_board_id() else {
            ui.centered_and_justified(|ui| ui.label("项目中还没有公开栏。"));
            return;
        };
        let (canvas, response) =
            ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let board_size_mm = match self.project.board(&board_id) {
            Some(board) => Vec2::new(board.size_mm.width_mm, board.size_mm.height_mm),
            None => return,
        };
        self.canvas.last_canvas = Some(canvas);
        if self.canvas.fit_requested {
            self.canvas.fit(board_size_mm, canvas);
        }
        self.zoom_and_pan_input(ui, &response, canvas);
        let transform = self.canvas.transform(board_size_mm, canvas);
        self.canvas.last_transform = Some(transform);
        self.canvas_pointer(ui, &response, &board_id, transform);
        self.nudge_with_arrows(ui, &board_id);
        let painter = ui.painter_at(canvas);
        self.paint_board(&painter, &board_id, transform);
        self.paint_selection(&painter, &board_id, transform);
        self.paint_rulers(&painter, canvas, transform);
    }

    fn zoom_and_pan_input(&mut self, ui: &egui::Ui, response: &egui::Response, canvas: Rect) {
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

    fn canvas_pointer(
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
            self.history.end(&self.project);
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
                Some(panel_id) => {
                    let item = self.item_under(board_id, &panel_id);
                    self.selection = Selection::panel(board_id, &panel_id);
                    self.selection.item_id = item;
                }
                None => self.selection = Selection::board(board_id),
            }
        }
    }

    /// The item to select when a panel is clicked: its first, if it has one.
    fn item_under(&self, board_id: &str, panel_id: &str) -> Option<String> {
        let _ = (board_id, panel_id);
        None
    }

    fn selected_rects(&self, board_id: &str) -> Vec<(String, RectMm)> {
        let Some(board) = self.project.board(board_id) else {
            return Vec::new();
        };
        self.selection
            .panel_ids
            .iter()
            .filter_map(|panel_id| board.panel(panel_id).map(|p| (p.id.clone(), p.rect_mm)))
            .collect()
    }

    /// The topmost panel at a board position.
    fn panel_under(&self, board_id: &str, position_mm: Pos2) -> Option<String> {
        let board = self.project.board(board_id)?;
        board
            .panels
            .iter()
            .rev()
            .find(|panel| to_rect(panel.rect_mm).contains(position_mm))
            .map(|panel| panel.id.clone())
    }

    fn handle_under(
        &self,
        board_id: &str,
        transform: RectTransform,
        pointer: Pos2,
    ) -> Option<Handle> {
        if self.selection.panel_ids.len() != 1 {
            return None;
        }
        let panel_id = self.selection.primary_panel()?;
        let panel = self.project.board(board_id)?.panel(panel_id)?;
        let rect = transform.transform_rect(to_rect(panel.rect_mm));
        HANDLES.into_iter().find(|handle| {
            Rect::from_center_size(handle.position(rect), Vec2::splat(HANDLE_SIZE_POINTS + 4.0))
                .contains(pointer)
        })
    }

    /// Guides for snapping: the board's edges and centre, and other panels' edges and centres.
    fn guides(&self, board_id: &str, moving: &[String]) -> (Vec<f32>, Vec<f32>) {
        let Some(board) = self.project.board(board_id) else {
            return (Vec::new(), Vec::new());
        };
        let (width_mm, height_mm) = (board.size_mm.width_mm, board.size_mm.height_mm);
        let mut xs = vec![
            0.0,
            width_mm / 2.0,
            width_mm,
            board.margins_mm.left_mm,
            width_mm - board.margins_mm.right_mm,
        ];
        let mut ys = vec![0.0, height_mm / 2.0, height_mm];
        for panel in board
            .panels
            .iter()
            .filter(|panel| !moving.contains(&panel.id))
        {
            let rect = panel.rect_mm;
            xs.extend([rect.x_mm, rect.right_mm(), rect.x_mm + rect.width_mm / 2.0]);
            ys.extend([
                rect.y_mm,
                rect.bottom_mm(),
                rect.y_mm + rect.height_mm / 2.0,
            ]);
        }
        (xs, ys)
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
        let Some((_, primary_start)) = drag.start_rects.first() else {
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
                let (id, start) = &drag.start_rects[0];
                let mut rect = to_rect(*start);
                let snap =
                    |value: f32, guides: &[f32]| snap_coordinate(value, guides, reach_mm, grid).0;
                if handle.left {
                    rect.min.x = snap(start.x_mm + delta_mm.x, &guides_x)
                        .min(rect.max.x - MIN_PANEL_SIDE_MM);
                }
                if handle.right {
                    rect.max.x = snap(start.right_mm() + delta_mm.x, &guides_x)
                        .max(rect.min.x + MIN_PANEL_SIDE_MM);
                }
                if handle.top {
                    rect.min.y = snap(start.y_mm + delta_mm.y, &guides_y)
                        .min(rect.max.y - MIN_PANEL_SIDE_MM);
                }
                if handle.bottom {
                    rect.max.y = snap(start.bottom_mm() + delta_mm.y, &guides_y)
                        .max(rect.min.y + MIN_PANEL_SIDE_MM);
                }
                vec![(id.clone(), from_rect(rect))]
            }
            DragKind::Pan => Vec::new(),
        };
        for (panel_id, rect_mm) in new_rects {
            self.apply_edit_in_gesture(Edit::SetPanelRect {
                board_id: board_id.to_owned(),
                panel_id,
                rect_mm,
            });
        }
    }

    /// Arrow keys nudge the selected panels 1 mm, with Shift 10 mm (not while typing).
    fn nudge_with_arrows(&mut self, ui: &egui::Ui, board_id: &str) {
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
        let before = self.project.clone();
        for (panel_id, mut rect_mm) in self.selected_rects(board_id) {
            rect_mm.x_mm += step_x;
            rect_mm.y_mm += step_y;
            if let Err(error) = self.project.apply(Edit::SetPanelRect {
                board_id: board_id.to_owned(),
                panel_id,
                rect_mm,
            }) {
                self.warn(error.to_string());
            }
        }
        if before != self.project {
            self.history.record(before);
        }
    }

    /// The laid-out board (the same page the PDF gets), then the grid and the markers.
    fn paint_board(&self, painter: &egui::Painter, board_id: &str, transform: RectTransform) {
        let Some(board) = self.project.board(board_id) else {
            return;
        };
        let board_rect = *transform.to();
        painter.rect_filled(
            board_rect.translate(Vec2::splat(4.0)),
            0.0,
            Color32::from_black_alpha(60),
        );
        painter.rect_filled(board_rect, 0.0, color(board.theme.background));
        if let Some(layout) = self.last_layout() {
            super::paint_page(painter, &layout.page, transform, &self.pictures);
        }
        if self.canvas.show_grid {
            self.paint_grid(painter, transform);
        }
        self.paint_markers(painter, transform);
    }

    /// Red markers on overflowing panels (with the amount), orange outlines where a character
    /// has no glyph.
    fn paint_markers(&self, painter: &egui::Painter, transform: RectTransform) {
        let Some(layout) = self.last_layout() else {
            return;
        };
        let red = Color32::from_rgb(0xd3, 0x2f, 0x2f);
        for panel in &layout.panels {
            let Some(overflow) = &panel.overflow else {
                continue;
            };
            let rect = transform.transform_rect(to_rect(panel.rect_mm));
            painter.rect_stroke(rect, 0.0, Stroke::new(3.0, red), egui::StrokeKind::Inside);
            let label = format!(
                "溢出约 {:.0} 毫米（{} 字）",
                overflow.overflow_mm, overflow.chars
            );
            let galley =
                painter.layout_no_wrap(label, egui::FontId::proportional(12.0), Color32::WHITE);
            let tag = Rect::from_min_size(
                rect.left_bottom() - Vec2::new(0.0, galley.size().y + 4.0),
                galley.size() + Vec2::new(8.0, 4.0),
            );
            painter.rect_filled(tag, 2.0, red);
            painter.galley(tag.min + Vec2::new(4.0, 2.0), galley, Color32::WHITE);
        }
        self.paint_status_badges(painter, transform);
        let orange = Color32::from_rgb(0xef, 0x6c, 0x00);
        for missing in &layout.missing_glyphs {
            if let Some(panel) = layout
                .panels
                .iter()
                .find(|panel| panel.panel_id == missing.panel_id)
            {
                let rect = transform.transform_rect(to_rect(panel.rect_mm)).shrink(3.0);
                painter.rect_stroke(
                    rect,
                    0.0,
                    Stroke::new(2.0, orange),
                    egui::StrokeKind::Inside,
                );
            }
        }
    }

    /// A badge at each panel's bottom-right corner (the title at the top stays readable) with
    /// the worst schedule status of its items.
    fn paint_status_badges(&self, painter: &egui::Painter, transform: RectTransform) {
        let Some(board) = self
            .current_board_id()
            .and_then(|id| self.project.board(&id))
        else {
            return;
        };
        let schedule = self.schedule();
        for panel in &board.panels {
            let Some(status) = self
                .panel_status(&schedule, &panel.item_ids)
                .filter(|status| *status != crate::schedule::Status::Normal)
            else {
                continue;
            };
            let rect = transform.transform_rect(to_rect(panel.rect_mm));
            let galley = painter.layout_no_wrap(
                status.label_zh().to_owned(),
                egui::FontId::proportional(11.0),
                Color32::WHITE,
            );
            let size = galley.size() + Vec2::new(8.0, 2.0);
            // Above the overflow tag (bottom left) when the panel has one: narrow panels.
            let overflowing = self.last_layout().is_some_and(|layout| {
                layout
                    .panels
                    .iter()
                    .any(|laid| laid.panel_id == panel.id && laid.overflow.is_some())
            });
            let lift = if overflowing { 22.0 } else { 0.0 };
            let badge = Rect::from_min_size(
                rect.right_bottom() - size - Vec2::new(3.0, 3.0 + lift),
                size,
            );
            painter.rect_filled(badge, 6.0, super::dashboard::status_color(status));
            painter.galley(badge.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
        }
    }

    fn paint_grid(&self, painter: &egui::Painter, transform: RectTransform) {
        let points_per_mm = transform.scale().x;
        let mut step_mm = self.canvas.grid_mm.max(1.0);
        while step_mm * points_per_mm < 8.0 {
            step_mm *= 10.0;
        }
        let board_mm = *transform.from();
        let stroke = Stroke::new(1.0, Color32::from_black_alpha(18));
        let clip = painter.clip_rect();
        let mut x_mm = 0.0;
        while x_mm <= board_mm.max.x {
            let x = transform.transform_pos(Pos2::new(x_mm, 0.0)).x;
            if x >= clip.left() && x <= clip.right() {
                painter.vline(x, transform.to().y_range(), stroke);
            }
            x_mm += step_mm;
        }
        let mut y_mm = 0.0;
        while y_mm <= board_mm.max.y {
            let y = transform.transform_pos(Pos2::new(0.0, y_mm)).y;
            if y >= clip.top() && y <= clip.bottom() {
                painter.hline(transform.to().x_range(), y, stroke);
            }
            y_mm += step_mm;
        }
    }

    fn paint_selection(&self, painter: &egui::Painter, board_id: &str, transform: RectTransform) {
        let Some(board) = self.project.board(board_id) else {
            return;
        };
        for panel_id in &self.selection.panel_ids {
            if let Some(panel) = board.panel(panel_id) {
                let rect = transform.transform_rect(to_rect(panel.rect_mm));
                painter.rect_stroke(
                    rect.expand(1.0),
                    0.0,
                    Stroke::new(2.0, SELECTION_COLOR),
                    egui::StrokeKind::Outside,
                );
                if self.selection.panel_ids.len() == 1 {
                    for handle in HANDLES {
                        let handle_rect = Rect::from_center_size(
                            handle.position(rect),
                            Vec2::splat(HANDLE_SIZE_POINTS),
                        );
                        painter.rect_filled(handle_rect, 1.0, Color32::WHITE);
                        painter.rect_stroke(
                            handle_rect,
                            1.0,
                            Stroke::new(1.0, SELECTION_COLOR),
                            egui::StrokeKind::Inside,
                        );
                    }
                    let size_text = format!(
                        "{:.0}×{:.0} 毫米 @ ({:.0}, {:.0})",
                        panel.rect_mm.width_mm,
                        panel.rect_mm.height_mm,
                        panel.rect_mm.x_mm,
                        panel.rect_mm.y_mm
                    );
                    // On a white pill: it may lie over the next panel's title.
                    let galley = painter.layout_no_wrap(
                        size_text,
                        egui::FontId::proportional(12.0),
                        SELECTION_COLOR,
                    );
                    let pill = Rect::from_min_size(
                        rect.left_bottom() + Vec2::new(0.0, 4.0),
                        galley.size() + Vec2::new(8.0, 2.0),
                    );
                    painter.rect_filled(pill, 3.0, Color32::from_white_alpha(235));
                    painter.galley(pill.min + Vec2::new(4.0, 1.0), galley, SELECTION_COLOR);
                }
            }
        }
        for (vertical, position_mm) in &self.canvas.guides {
            let stroke = Stroke::new(1.0, GUIDE_COLOR);
            if *vertical {
                let x = transform.transform_pos(Pos2::new(*position_mm, 0.0)).x;
                painter.vline(x, transform.to().y_range(), stroke);
            } else {
                let y = transform.transform_pos(Pos2::new(0.0, *position_mm)).y;
                painter.hline(transform.to().x_range(), y, stroke);
            }
        }
    }

    /// Rulers along the top and left of the canvas, in centimetres.
    fn paint_rulers(&self, painter: &egui::Painter, canvas: Rect, transform: RectTransform) {
        let background = Color32::from_gray(235);
        let ink = Color32::from_gray(70);
        let top = Rect::from_min_size(canvas.min, Vec2::new(canvas.width(), RULER_WIDTH));
        let left = Rect::from_min_size(canvas.min, Vec2::new(RULER_WIDTH, canvas.height()));
        painter.rect_filled(top, 0.0, background);
        painter.rect_filled(left, 0.0, background);
        let points_per_mm = transform.scale().x;
        let minor_mm = ruler_step_mm(points_per_mm, 6.0);
        let major_mm = ruler_step_mm(points_per_mm, 60.0);
        let to_mm = transform.inverse();
        let font = egui::FontId::proportional(10.0);
        let first_x_mm = (to_mm.transform_pos(top.left_top()).x / minor_mm).floor() * minor_mm;
        let mut x_mm = first_x_mm;
        while transform.transform_pos(Pos2::new(x_mm, 0.0)).x < top.right() {
            let x = transform.transform_pos(Pos2::new(x_mm, 0.0)).x;
            let is_major = (x_mm / major_mm).round() * major_mm == x_mm;
            let length = if is_major {
                RULER_WIDTH * 0.6
            } else {
                RULER_WIDTH * 0.25
            };
            if x > left.right() {
                painter.vline(
                    x,
                    (top.bottom() - length)..=top.bottom(),
                    Stroke::new(1.0, ink),
                );
                if is_major {
                    painter.text(
                        Pos2::new(x + 2.0, top.top() + 1.0),
                        egui::Align2::LEFT_TOP,
                        format!("{}", x_mm / 10.0),
                        font.clone(),
                        ink,
                    );
                }
            }
            x_mm += minor_mm;
        }
        let first_y_mm = (to_mm.transform_pos(left.left_top()).y / minor_mm).floor() * minor_mm;
        let mut y_mm = first_y_mm;
        while transform.transform_pos(Pos2::new(0.0, y_mm)).y < left.bottom() {
            let y = transform.transform_pos(Pos2::new(0.0, y_mm)).y;
            let is_major = (y_mm / major_mm).round() * major_mm == y_mm;
            let length = if is_major {
                RULER_WIDTH * 0.6
            } else {
                RULER_WIDTH * 0.25
            };
            if y > top.bottom() {
                painter.hline(
                    (left.right() - length)..=left.right(),
                    y,
                    Stroke::new(1.0, ink),
                );
                if is_major {
                    painter.text(
                        Pos2::new(left.left() + 1.0, y + 2.0),
                        egui::Align2::LEFT_TOP,
                        format!("{}", y_mm / 10.0),
                        font.clone(),
                        ink,
                    );
                }
            }
            y_mm += minor_mm;
        }
        painter.rect_filled(
            Rect::from_min_size(canvas.min, Vec2::splat(RULER_WIDTH)),
            0.0,
            background,
        );
        painter.text(
            canvas.min + Vec2::splat(3.0),
            egui::Align2::LEFT_TOP,
            "厘米",
            egui::FontId::proportional(9.0),
            ink,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_near_another_panel_edge_snaps_to_it() {
        let proposed = RectMm::new(503.0, 207.0, 100.0, 100.0);
        let (snapped, used) = snap_moved_rect(proposed, &[500.0], &[], 5.0, Some(10.0));
        assert_eq!(snapped.x_mm, 500.0);
        assert_eq!(snapped.y_mm, 210.0, "y falls back to the 10 mm grid");
        assert_eq!(used, vec![(true, 500.0)]);
    }

    #[test]
    fn the_right_edge_and_centre_snap_too() {
        let proposed = RectMm::new(398.0, 0.0, 100.0, 100.0);
        let (snapped, _) = snap_moved_rect(proposed, &[500.0], &[], 5.0, None);
        assert_eq!(snapped.right_mm(), 500.0);
        let centred = RectMm::new(1148.0, 0.0, 100.0, 100.0);
        let (snapped, _) = snap_moved_rect(centred, &[1200.0], &[], 5.0, None);
        assert_eq!(snapped.x_mm + 50.0, 1200.0);
    }

    #[test]
    fn without_guides_the_corner_snaps_to_the_grid() {
        let (snapped, used) = snap_moved_rect(
            RectMm::new(123.4, 56.7, 10.0, 10.0),
            &[],
            &[],
            2.0,
            Some(10.0),
        );
        assert_eq!((snapped.x_mm, snapped.y_mm), (120.0, 60.0));
        assert!(used.is_empty());
    }

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

    #[test]
    fn distributing_spaces_panels_evenly() {
        let rects = vec![
            ("a".to_owned(), RectMm::new(0.0, 0.0, 100.0, 50.0)),
            ("c".to_owned(), RectMm::new(900.0, 0.0, 100.0, 50.0)),
            ("b".to_owned(), RectMm::new(150.0, 0.0, 200.0, 50.0)),
        ];
        let arranged = arrange(Command::DistributeHorizontally, &rects);
        let b = arranged.iter().find(|(id, _)| id == "b").expect("b");
        assert_eq!(b.1.x_mm, 400.0);
        let aligned = arrange(Command::AlignRight, &rects);
        assert!(aligned.iter().all(|(_, r)| r.right_mm() == 1000.0));
    }
}
