//! Drawing the canvas: the laid-out board (the page the PDF gets), the grid, overflow and
//! missing-glyph markers, status badges, the selection with its handles, guides and rulers.

use super::geometry::{HANDLES, ruler_step_mm};
use super::pointer::HANDLE_SIZE_POINTS;
use super::view::{RULER_WIDTH, to_rect};
use crate::ui::GongkaiApp;
use eframe::egui::{self, Color32, Pos2, Rect, Stroke, Vec2, emath::RectTransform};

fn color(rgb: crate::model::Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

const SELECTION_COLOR: Color32 = Color32::from_rgb(0x1e, 0x88, 0xe5);
const GUIDE_COLOR: Color32 = Color32::from_rgb(0xe9, 0x1e, 0x63);

impl GongkaiApp {
    /// The laid-out board (the same page the PDF gets), then the grid and the markers.
    pub(super) fn paint_board(
        &self,
        painter: &egui::Painter,
        board_id: &str,
        transform: RectTransform,
    ) {
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
            crate::ui::paint_page(
                painter,
                &layout.page,
                transform,
                &self.pictures,
                self.layout_engine.fonts(),
            );
        }
        self.paint_parts(painter, board, transform);
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
        self.paint_personal_data_markers(painter, transform, layout);
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

    /// A purple frame and tag on each panel that would print a personal number in full.
    fn paint_personal_data_markers(
        &self,
        painter: &egui::Painter,
        transform: RectTransform,
        layout: &crate::layout::BoardLayout,
    ) {
        let purple = Color32::from_rgb(0x8e, 0x24, 0xaa);
        let mut marked: Vec<&str> = Vec::new();
        for finding in self.personal_data() {
            let Some(panel_id) = finding.panel_id.as_deref() else {
                continue;
            };
            if marked.contains(&panel_id) {
                continue;
            }
            let Some(panel) = layout
                .panels
                .iter()
                .find(|panel| panel.panel_id == panel_id)
            else {
                continue;
            };
            marked.push(panel_id);
            let rect = transform.transform_rect(to_rect(panel.rect_mm)).shrink(1.5);
            painter.rect_stroke(
                rect,
                0.0,
                Stroke::new(3.0, purple),
                egui::StrokeKind::Inside,
            );
            let galley = painter.layout_no_wrap(
                "个人信息未脱敏".to_owned(),
                egui::FontId::proportional(12.0),
                Color32::WHITE,
            );
            // Bottom left, above where an overflow tag goes: the panel's title stays readable.
            let size = galley.size() + Vec2::new(8.0, 4.0);
            let tag = Rect::from_min_size(
                rect.left_bottom() - Vec2::new(0.0, 2.0 * size.y + 4.0),
                size,
            );
            painter.rect_filled(tag, 2.0, purple);
            painter.galley(tag.min + Vec2::new(4.0, 2.0), galley, Color32::WHITE);
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
            painter.rect_filled(badge, 6.0, crate::ui::dashboard::status_color(status));
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

    pub(super) fn paint_selection(
        &self,
        painter: &egui::Painter,
        board_id: &str,
        transform: RectTransform,
    ) {
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
    pub(super) fn paint_rulers(
        &self,
        painter: &egui::Painter,
        canvas: Rect,
        transform: RectTransform,
    ) {
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
        let x_of = |mm: f32| transform.transform_pos(Pos2::new(mm, 0.0)).x;
        for tick in ruler_ticks(first_x_mm, minor_mm, major_mm, x_of, top.right()) {
            if tick.screen > left.right() {
                painter.vline(
                    tick.screen,
                    (top.bottom() - tick.length())..=top.bottom(),
                    Stroke::new(1.0, ink),
                );
                if tick.is_major {
                    painter.text(
                        Pos2::new(tick.screen + 2.0, top.top() + 1.0),
                        egui::Align2::LEFT_TOP,
                        tick.label(),
                        font.clone(),
                        ink,
                    );
                }
            }
        }
        let first_y_mm = (to_mm.transform_pos(left.left_top()).y / minor_mm).floor() * minor_mm;
        let y_of = |mm: f32| transform.transform_pos(Pos2::new(0.0, mm)).y;
        for tick in ruler_ticks(first_y_mm, minor_mm, major_mm, y_of, left.bottom()) {
            if tick.screen > top.bottom() {
                painter.hline(
                    (left.right() - tick.length())..=left.right(),
                    tick.screen,
                    Stroke::new(1.0, ink),
                );
                if tick.is_major {
                    painter.text(
                        Pos2::new(left.left() + 1.0, tick.screen + 2.0),
                        egui::Align2::LEFT_TOP,
                        tick.label(),
                        font.clone(),
                        ink,
                    );
                }
            }
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

/// One tick of a ruler: where it is on screen, at which millimetre, and whether it is a
/// major (labelled) one.
struct RulerTick {
    screen: f32,
    mm: f32,
    is_major: bool,
}

impl RulerTick {
    fn length(&self) -> f32 {
        if self.is_major {
            RULER_WIDTH * 0.6
        } else {
            RULER_WIDTH * 0.25
        }
    }

    /// Major ticks are labelled in centimetres.
    fn label(&self) -> String {
        format!("{}", self.mm / 10.0)
    }
}

/// The ticks of one ruler from `first_mm` every `minor_mm`, while `screen_of` the tick is
/// before `end` (one rule for the top and the left ruler).
fn ruler_ticks(
    first_mm: f32,
    minor_mm: f32,
    major_mm: f32,
    screen_of: impl Fn(f32) -> f32,
    end: f32,
) -> Vec<RulerTick> {
    let mut ticks = Vec::new();
    let mut mm = first_mm;
    while screen_of(mm) < end {
        ticks.push(RulerTick {
            screen: screen_of(mm),
            mm,
            is_major: (mm / major_mm).round() * major_mm == mm,
        });
        mm += minor_mm;
    }
    ticks
}
