//! Draws a `layout::Page` with egui: one `match` over the frame items, like the PDF writer.
//! Nothing here measures or breaks text: every glyph goes where the layout put it.

use super::fonts::{SANS_BOLD_FAMILY, SANS_FAMILY, SERIF_BOLD_FAMILY, SERIF_FAMILY};
use super::screen_images::ScreenImages;
use crate::fonts::{FaceId, FontSet};
use crate::layout::{FrameItem, Page, PointMm, TextRun};
use crate::model::Rgb;
use eframe::egui::{self, Color32, Pos2, Rect, Stroke, Vec2, emath::RectTransform};

/// Below this many screen points per em, text is drawn as grey bars (it cannot be read anyway
/// and thousands of tiny glyphs would cost more than they show).
const GREEK_BELOW_POINTS: f32 = 4.0;
/// Glyph sizes asked of egui are whole points up to this, so zooming cannot fill the atlas.
const MAX_GLYPH_POINTS: f32 = 160.0;

fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

fn to_pos(point: PointMm) -> Pos2 {
    Pos2::new(point.x_mm, point.y_mm)
}

/// The egui family that shows a face: a bundled face's, or an installed face's as
/// [`super::fonts::font_definitions_for`] registered it (the bundled serif until egui has it).
fn family_of(painter: &egui::Painter, face: FaceId) -> egui::FontFamily {
    if face > FaceId::SERIF_BOLD {
        let installed = egui::FontFamily::Name(super::fonts::installed_family_name(face).into());
        let known = painter
            .ctx()
            .fonts(|fonts| fonts.definitions().families.contains_key(&installed));
        if known {
            return installed;
        }
    }
    let name = match face {
        FaceId::SANS => SANS_FAMILY,
        FaceId::SANS_BOLD => SANS_BOLD_FAMILY,
        FaceId::SERIF_BOLD => SERIF_BOLD_FAMILY,
        _ => SERIF_FAMILY,
    };
    egui::FontFamily::Name(name.into())
}

/// Paints the page's items through `transform` (page mm → screen points). A picture that
/// cannot be shown is drawn as the placeholder composition prints for it
/// (`compose::missing_picture`), measured with `fonts`.
pub fn paint_page(
    painter: &egui::Painter,
    page: &Page,
    transform: RectTransform,
    pictures: &ScreenImages,
    fonts: &FontSet,
) {
    let on_page = PagePainter {
        painter,
        transform,
        pictures,
        fonts,
    };
    for (position, item) in &page.items {
        on_page.item(*position, item);
    }
}

/// What painting a page's items needs.
struct PagePainter<'a> {
    painter: &'a egui::Painter,
    transform: RectTransform,
    pictures: &'a ScreenImages,
    fonts: &'a FontSet,
}

impl PagePainter<'_> {
    fn item(&self, position: PointMm, item: &FrameItem) {
        let (painter, transform, pictures) = (self.painter, self.transform, self.pictures);
        let points_per_mm = transform.scale().x;
        let clip = painter.clip_rect();
        let origin = transform.transform_pos(to_pos(position));
        match item {
            FrameItem::Rect {
                size_mm,
                fill,
                stroke,
            } => {
                let rect = Rect::from_min_size(
                    origin,
                    Vec2::new(size_mm.width_mm, size_mm.height_mm) * points_per_mm,
                );
                if !rect.intersects(clip) {
                    return;
                }
                if let Some(fill) = fill {
                    painter.rect_filled(rect, 0.0, color(*fill));
                }
                if let Some(stroke) = stroke {
                    painter.rect_stroke(
                        rect,
                        0.0,
                        Stroke::new(
                            (stroke.width_mm * points_per_mm).max(0.5),
                            color(stroke.color),
                        ),
                        egui::StrokeKind::Middle,
                    );
                }
            }
            FrameItem::Line { to, stroke } => {
                painter.line_segment(
                    [origin, transform.transform_pos(to_pos(*to))],
                    Stroke::new(
                        (stroke.width_mm * points_per_mm).max(0.5),
                        color(stroke.color),
                    ),
                );
            }
            FrameItem::Image { size_mm, path } => {
                let rect = Rect::from_min_size(
                    origin,
                    Vec2::new(size_mm.width_mm, size_mm.height_mm) * points_per_mm,
                );
                if !rect.intersects(clip) {
                    return;
                }
                match pictures.texture(painter.ctx(), path) {
                    Ok(texture) => {
                        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
                        painter.image(texture.id(), rect, uv, Color32::WHITE);
                    }
                    Err(_) => {
                        let placeholder = crate::compose::missing_picture::placeholder_items(
                            self.fonts, position, *size_mm,
                        );
                        for (at, part) in &placeholder {
                            self.item(*at, part);
                        }
                    }
                }
            }
            FrameItem::Cells {
                cell_mm,
                cells,
                color: cell_color,
            } => {
                let cell = Vec2::splat(cell_mm * points_per_mm);
                for (column, row) in cells {
                    let min = origin + Vec2::new(f32::from(*column), f32::from(*row)) * cell;
                    painter.rect_filled(Rect::from_min_size(min, cell), 0.0, color(*cell_color));
                }
            }
            FrameItem::Text(run) => paint_run(painter, run, origin, points_per_mm, clip),
        }
    }
}

fn paint_run(
    painter: &egui::Painter,
    run: &TextRun,
    baseline_left: Pos2,
    points_per_mm: f32,
    clip: Rect,
) {
    let em_points = crate::units::pt_to_mm(run.size_pt) * points_per_mm;
    let width_points = run.width_mm * points_per_mm;
    let run_box = Rect::from_min_max(
        baseline_left - Vec2::new(0.0, em_points),
        baseline_left + Vec2::new(width_points, em_points * 0.3),
    );
    if !run_box.intersects(clip) {
        return;
    }
    let text_color = color(run.color);
    if em_points < GREEK_BELOW_POINTS {
        let bar = Rect::from_min_max(
            baseline_left - Vec2::new(0.0, em_points * 0.7),
            baseline_left + Vec2::new(width_points, 0.0),
        );
        painter.rect_filled(bar, 0.0, text_color.gamma_multiply(0.35));
        return;
    }
    let size = em_points.round().clamp(1.0, MAX_GLYPH_POINTS);
    let font = egui::FontId::new(size, family_of(painter, run.face));
    let galleys = painter.fonts_mut(|fonts| {
        run.glyphs
            .iter()
            .filter(|glyph| !glyph.ch.is_whitespace())
            .map(|glyph| {
                let galley = fonts.layout_no_wrap(glyph.ch.to_string(), font.clone(), text_color);
                (glyph.x_mm, galley)
            })
            .collect::<Vec<_>>()
    });
    for (x_mm, galley) in galleys {
        let baseline_in_galley = galley
            .rows
            .first()
            .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
            .unwrap_or(size * 0.88);
        let x = baseline_left.x + x_mm * points_per_mm;
        let position = Pos2::new(x, baseline_left.y - baseline_in_galley);
        painter.galley(position, galley, text_color);
    }
}
