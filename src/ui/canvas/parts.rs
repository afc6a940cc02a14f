//! Drawing a board made of parts: the frame bars as hatched strips at true size, the number of
//! each part in the top ruler band above it (never over the board's text), and a dashed
//! outline on panels whose text runs under a bar.

use super::view::{RULER_WIDTH, to_rect};
use crate::compose::parts::bar_crossings;
use crate::model::Board;
use crate::ui::GongkaiApp;
use eframe::egui::{self, Color32, Pos2, Rect, Stroke, Vec2, emath::RectTransform};

const BAR_FILL: Color32 = Color32::from_rgba_premultiplied(96, 100, 108, 215);
const BAR_HATCH: Color32 = Color32::from_rgb(0xd0, 0xd4, 0xda);
const CROSSING: Color32 = Color32::from_rgb(0xef, 0x6c, 0x00);
/// Distance between hatch lines on screen.
const HATCH_STEP_POINTS: f32 = 7.0;

impl GongkaiApp {
    /// The bars over the laid-out board, and what crosses them.
    pub(super) fn paint_parts(
        &self,
        painter: &egui::Painter,
        board: &Board,
        transform: RectTransform,
    ) {
        if board.divided_parts().is_none() {
            return;
        }
        for bar in board.bar_rects() {
            let rect = transform.transform_rect(to_rect(bar.rect_mm));
            painter.rect_filled(rect, 0.0, BAR_FILL);
            let hatch = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
            let span = rect.width() + rect.height();
            let mut offset = 0.0;
            while offset < span {
                let start = Pos2::new(rect.left() + offset, rect.top());
                let end = start + Vec2::new(-rect.height(), rect.height());
                hatch.line_segment([start, end], Stroke::new(1.0, BAR_HATCH));
                offset += HATCH_STEP_POINTS;
            }
        }
        let Some(layout) = self.last_layout() else {
            return;
        };
        for crossing in bar_crossings(board, layout) {
            let Some(panel) = crossing.panel_id.as_deref().and_then(|id| board.panel(id)) else {
                continue;
            };
            let rect = transform.transform_rect(to_rect(panel.rect_mm)).shrink(2.0);
            let dashes = egui::Shape::dashed_line(
                &[
                    rect.left_top(),
                    rect.right_top(),
                    rect.right_bottom(),
                    rect.left_bottom(),
                    rect.left_top(),
                ],
                Stroke::new(3.0, CROSSING),
                8.0,
                5.0,
            );
            painter.extend(dashes);
        }
    }

    /// "第 n 块" above each part, in the top ruler band (drawn after the rulers): centred on
    /// the part's visible width, so it never covers the header or a panel. Returns where the
    /// tags are.
    pub(super) fn paint_part_tags(
        &self,
        painter: &egui::Painter,
        canvas: Rect,
        board: &Board,
        transform: RectTransform,
    ) -> Vec<Rect> {
        let mut tags = Vec::new();
        let Some(parts) = board.divided_parts() else {
            return tags;
        };
        let band = Rect::from_min_max(
            Pos2::new(canvas.left() + RULER_WIDTH, canvas.top()),
            Pos2::new(canvas.right(), canvas.top() + RULER_WIDTH),
        );
        for part in parts.parts(board.size_mm) {
            let rect = transform.transform_rect(to_rect(part.rect_mm));
            let left = rect.left().max(band.left());
            let right = rect.right().min(band.right());
            if right <= left {
                continue;
            }
            let galley = painter.layout_no_wrap(
                format!("第 {} 块", part.number),
                egui::FontId::proportional(11.0),
                Color32::WHITE,
            );
            let tag = Rect::from_center_size(
                Pos2::new((left + right) / 2.0, band.center().y),
                galley.size() + Vec2::new(8.0, 2.0),
            );
            painter.rect_filled(tag, 3.0, BAR_FILL);
            painter.galley(tag.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
            tags.push(tag);
        }
        tags
    }
}
