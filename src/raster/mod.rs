//! Sheets → pixels: the third exporter of our frame items, beside the PDF writer (`crate::pdf`)
//! and the designer's canvas. Like them it lays out nothing: it draws each glyph, rule, picture
//! and QR module of the composed [`Sheet`]s where `compose` put it, in one `match` over
//! [`FrameItem`] ([`Rasterizer::item`]). The phone pictures of the village WeChat group
//! (`jobs::pictures`) are drawn here.
//!
//! **Why tiny-skia.** It is a maintained, pure-Rust port of Skia's CPU rasteriser (the one
//! typst's `typst-render` and resvg use): anti-aliased paths with the non-zero rule, strokes,
//! clip masks and bicubic picture sampling, no C library and no GPU, so it builds offline and
//! headless (`--no-default-features`) like the rest of the crate. Its PNG codec is left out
//! (default features off): pictures are encoded by the `image` crate the project already has.
//!
//! **Glyphs** come from the same font bytes the PDF embeds (`fonts::Face::outline_glyph`,
//! through `owned_ttf_parser`), each outline read once per face and glyph and scaled per run:
//! what the phone shows is the PDF's text, not a look-alike.
//!
//! Space: sheet millimetres (y down) → pixels through one transform per sheet
//! ([`sheet_transform`]); a placement adds its origin and scale, as the PDF's `cm` does.

use crate::compose::{GatedSheets, Placement, Sheet};
use crate::fonts::{FaceId, FontSet};
use crate::layout::{FrameItem, Page, PointMm, Stroke, TextRun};
use crate::model::{RectMm, Rgb, SizeMm};
use crate::units::pt_to_mm;
use std::collections::HashMap;
use std::path::PathBuf;
use tiny_skia::{
    Color, FillRule, FilterQuality, Mask, Paint, PathBuilder, Pattern, Pixmap, SpreadMode,
    Transform,
};

/// The widest picture drawn, in pixels (a 2.4 m board at 8000 px is 3.3 px a millimetre).
pub const MAX_WIDTH_PX: u32 = 8000;
/// The most pixels one picture may have (about 190 MB of RGBA while it is drawn).
pub const MAX_PIXELS: u64 = 48_000_000;
/// Pictures on a sheet are decoded at most this many pixels on their longer side.
const MAX_PICTURE_SIDE_PX: u32 = 2400;

/// Why a sheet could not be drawn.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RasterError {
    #[error("图片宽度 {0} 像素不可用：请选 200 到 {MAX_WIDTH_PX} 像素之间的宽度。")]
    Width(u32),
    #[error(
        "图片会有 {width_px}×{height_px} 像素，太大（最多 {} 万像素）：请把宽度改小。",
        MAX_PIXELS / 10_000
    )]
    TooLarge { width_px: u32, height_px: u32 },
    #[error("页面大小为零，没有可画的内容。")]
    EmptySheet,
}

/// The pixel size of a sheet drawn `width_px` wide (its height keeps the sheet's proportions).
pub fn pixel_size(size_mm: SizeMm, width_px: u32) -> Result<(u32, u32), RasterError> {
    if !(200..=MAX_WIDTH_PX).contains(&width_px) {
        return Err(RasterError::Width(width_px));
    }
    let usable = |length: f32| length.is_finite() && length > 0.0;
    if !usable(size_mm.width_mm) || !usable(size_mm.height_mm) {
        return Err(RasterError::EmptySheet);
    }
    let height = (size_mm.height_mm / size_mm.width_mm * width_px as f32).round();
    let height_px = if height.is_finite() && height >= 1.0 {
        height.min(u32::MAX as f32) as u32
    } else {
        1
    };
    if u64::from(width_px) * u64::from(height_px) > MAX_PIXELS {
        return Err(RasterError::TooLarge {
            width_px,
            height_px,
        });
    }
    Ok((width_px, height_px))
}

/// Sheet millimetres → pixels for a sheet drawn `width_px` wide: the one place the scale is
/// decided.
pub fn sheet_transform(size_mm: SizeMm, width_px: u32) -> Transform {
    let px_per_mm = width_px as f32 / size_mm.width_mm;
    Transform::from_scale(px_per_mm, px_per_mm)
}

/// Draws sheets; keeps each glyph's outline and each picture it has decoded, so the 30th card
/// costs its own glyphs only. Memory: the caches grow with distinct glyphs and pictures, not
/// with the number of sheets drawn (each picture is handed back and dropped by the caller).
pub struct Rasterizer<'f> {
    fonts: &'f FontSet,
    glyphs: HashMap<(FaceId, u16), Option<tiny_skia::Path>>,
    /// `None`: the picture cannot be read (drawn as the PDF's grey placeholder).
    pictures: HashMap<PathBuf, Option<Pixmap>>,
}

impl<'f> Rasterizer<'f> {
    pub fn new(fonts: &'f FontSet) -> Rasterizer<'f> {
        Rasterizer {
            fonts,
            glyphs: HashMap::new(),
            pictures: HashMap::new(),
        }
    }

    /// Draws each sheet `width_px` wide, as the PDF writer's `add_sheets` writes them: like it,
    /// it takes only sheets that passed the output's privacy gate.
    pub fn render(
        &mut self,
        sheets: &GatedSheets,
        width_px: u32,
    ) -> Result<Vec<Pixmap>, RasterError> {
        sheets
            .sheets()
            .iter()
            .map(|sheet| self.render_sheet(sheet, width_px))
            .collect()
    }

    /// One sheet `width_px` wide on white paper (as PDF viewers show a page).
    fn render_sheet(&mut self, sheet: &Sheet, width_px: u32) -> Result<Pixmap, RasterError> {
        let (width_px, height_px) = pixel_size(sheet.size_mm, width_px)?;
        let mut pixmap = Pixmap::new(width_px, height_px).ok_or(RasterError::TooLarge {
            width_px,
            height_px,
        })?;
        pixmap.fill(Color::WHITE);
        let to_pixels = sheet_transform(sheet.size_mm, width_px);
        for placement in &sheet.placements {
            self.placement(&mut pixmap, placement, to_pixels);
        }
        Ok(pixmap)
    }

    /// A placement: clipped in sheet space, then its page under origin and scale.
    fn placement(&mut self, pixmap: &mut Pixmap, placement: &Placement, to_pixels: Transform) {
        let mask = placement
            .clip_mm
            .and_then(|clip| clip_mask(pixmap, clip, to_pixels));
        let transform = to_pixels
            .pre_translate(placement.origin_mm.x_mm, placement.origin_mm.y_mm)
            .pre_scale(placement.scale, placement.scale);
        self.page(pixmap, &placement.page, transform, mask.as_ref());
    }

    fn page(
        &mut self,
        pixmap: &mut Pixmap,
        page: &Page,
        transform: Transform,
        mask: Option<&Mask>,
    ) {
        for (origin, item) in &page.items {
            self.item(pixmap, *origin, item, transform, mask);
        }
    }

    /// One frame item, as `pdf::paint` paints it.
    fn item(
        &mut self,
        pixmap: &mut Pixmap,
        origin: PointMm,
        item: &FrameItem,
        transform: Transform,
        mask: Option<&Mask>,
    ) {
        match item {
            FrameItem::Text(run) => self.text(pixmap, run, origin, transform, mask),
            FrameItem::Rect {
                size_mm,
                fill,
                stroke,
            } => {
                let rect = RectMm::new(
                    origin.x_mm,
                    origin.y_mm,
                    size_mm.width_mm,
                    size_mm.height_mm,
                );
                let Some(path) = rect_path(rect) else {
                    return;
                };
                if let Some(fill) = fill {
                    pixmap.fill_path(&path, &paint(*fill), FillRule::Winding, transform, mask);
                }
                if let Some(stroke) = stroke {
                    stroke_path(pixmap, &path, *stroke, transform, mask);
                }
            }
            FrameItem::Line { to, stroke } => {
                let mut builder = PathBuilder::new();
                builder.move_to(origin.x_mm, origin.y_mm);
                builder.line_to(to.x_mm, to.y_mm);
                if let Some(path) = builder.finish() {
                    stroke_path(pixmap, &path, *stroke, transform, mask);
                }
            }
            FrameItem::Image { size_mm, path } => {
                // Composition put placeholders in place of pictures that cannot be used.
                if self.picture(path).is_some() {
                    self.image(pixmap, path, origin, *size_mm, transform, mask);
                }
            }
            FrameItem::Cells {
                cell_mm,
                cells,
                color,
            } => {
                // One path for every module: neighbouring squares share their edges, so
                // anti-aliasing leaves no seams between them.
                let mut builder = PathBuilder::new();
                for (column, row) in cells {
                    let x_mm = origin.x_mm + f32::from(*column) * cell_mm;
                    let y_mm = origin.y_mm + f32::from(*row) * cell_mm;
                    if let Some(rect) = tiny_skia::Rect::from_xywh(x_mm, y_mm, *cell_mm, *cell_mm) {
                        builder.push_rect(rect);
                    }
                }
                if let Some(path) = builder.finish() {
                    pixmap.fill_path(&path, &paint(*color), FillRule::Winding, transform, mask);
                }
            }
        }
    }

    /// A run: each glyph's outline at its place on the baseline, scaled from font units
    /// (y up) to the run's size in mm (y down).
    fn text(
        &mut self,
        pixmap: &mut Pixmap,
        run: &TextRun,
        origin: PointMm,
        transform: Transform,
        mask: Option<&Mask>,
    ) {
        let face = self.fonts.face(run.face);
        let units_per_em = f32::from(face.units_per_em().max(1));
        let mm_per_unit = pt_to_mm(run.size_pt) / units_per_em;
        if !mm_per_unit.is_finite() || mm_per_unit <= 0.0 {
            return;
        }
        let paint = paint(run.color);
        for glyph in &run.glyphs {
            let Some(path) = self.glyph(run.face, glyph.glyph_id) else {
                continue;
            };
            let at = transform.pre_translate(origin.x_mm + glyph.x_mm, origin.y_mm);
            // The baseline on a whole pixel row, as PDF viewers (poppler, pdf.js) place
            // glyphs: horizontal strokes stay crisp and the picture matches the PDF on screen.
            let at = at
                .post_translate(0.0, at.ty.round() - at.ty)
                .pre_scale(mm_per_unit, -mm_per_unit);
            pixmap.fill_path(path, &paint, FillRule::Winding, at, mask);
        }
    }

    /// A glyph's outline in font units, read once.
    fn glyph(&mut self, face: FaceId, glyph_id: u16) -> Option<&tiny_skia::Path> {
        let fonts = self.fonts;
        self.glyphs
            .entry((face, glyph_id))
            .or_insert_with(|| {
                let mut outline = Outline(PathBuilder::new());
                fonts
                    .face(face)
                    .outline_glyph(glyph_id, &mut outline)
                    .then(|| outline.0.finish())
                    .flatten()
            })
            .as_ref()
    }

    /// A picture decoded once (at most [`MAX_PICTURE_SIDE_PX`] on its longer side); None when
    /// it cannot be read.
    fn picture(&mut self, path: &std::path::Path) -> Option<&Pixmap> {
        self.pictures
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let decoded = crate::images::decode_for_screen(path, MAX_PICTURE_SIDE_PX).ok()?;
                premultiplied(decoded)
            })
            .as_ref()
    }

    /// A picture stretched over its box, sampled bicubically.
    fn image(
        &mut self,
        pixmap: &mut Pixmap,
        path: &std::path::Path,
        top_left: PointMm,
        size_mm: SizeMm,
        transform: Transform,
        mask: Option<&Mask>,
    ) {
        let Some(rect) = tiny_skia::Rect::from_xywh(
            top_left.x_mm,
            top_left.y_mm,
            size_mm.width_mm,
            size_mm.height_mm,
        ) else {
            return;
        };
        let Some(picture) = self.pictures.get(path).and_then(Option::as_ref) else {
            return;
        };
        let scale_x = size_mm.width_mm / picture.width() as f32;
        let scale_y = size_mm.height_mm / picture.height() as f32;
        let paint = Paint {
            shader: Pattern::new(
                picture.as_ref(),
                SpreadMode::Pad,
                FilterQuality::Bicubic,
                1.0,
                Transform::from_row(scale_x, 0.0, 0.0, scale_y, top_left.x_mm, top_left.y_mm),
            ),
            anti_alias: true,
            ..Paint::default()
        };
        pixmap.fill_rect(rect, &paint, transform, mask);
    }
}

/// A solid anti-aliased paint of a model colour.
fn paint(color: Rgb) -> Paint<'static> {
    let Rgb(red, green, blue) = color;
    let mut paint = Paint::default();
    paint.set_color_rgba8(red, green, blue, 255);
    paint.anti_alias = true;
    paint
}

fn rect_path(rect: RectMm) -> Option<tiny_skia::Path> {
    let rect = tiny_skia::Rect::from_xywh(rect.x_mm, rect.y_mm, rect.width_mm, rect.height_mm)?;
    Some(PathBuilder::from_rect(rect))
}

/// A stroke centred on the path, butt caps (the PDF's defaults).
fn stroke_path(
    pixmap: &mut Pixmap,
    path: &tiny_skia::Path,
    stroke: Stroke,
    transform: Transform,
    mask: Option<&Mask>,
) {
    if !(stroke.width_mm.is_finite() && stroke.width_mm >= 0.0) {
        return;
    }
    let style = tiny_skia::Stroke {
        width: stroke.width_mm,
        ..tiny_skia::Stroke::default()
    };
    pixmap.stroke_path(path, &paint(stroke.color), &style, transform, mask);
}

/// The clip of a placement (sheet coordinates) as a mask over the picture.
fn clip_mask(pixmap: &Pixmap, clip: RectMm, to_pixels: Transform) -> Option<Mask> {
    let path = rect_path(clip)?;
    let mut mask = Mask::new(pixmap.width(), pixmap.height())?;
    mask.fill_path(&path, FillRule::Winding, true, to_pixels);
    Some(mask)
}

/// Straight RGBA → tiny-skia's premultiplied pixels.
fn premultiplied(image: crate::images::ScreenImage) -> Option<Pixmap> {
    let mut rgba = image.rgba;
    for pixel in rgba.chunks_exact_mut(4) {
        let alpha = u16::from(pixel[3]);
        if alpha < 255 {
            for channel in &mut pixel[..3] {
                *channel = ((u16::from(*channel) * alpha + 127) / 255) as u8;
            }
        }
    }
    let size = tiny_skia::IntSize::from_wh(image.width_px, image.height_px)?;
    Pixmap::from_vec(rgba, size)
}

/// A glyph outline as a tiny-skia path (font units, y up).
struct Outline(PathBuilder);

impl owned_ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::label::text_run;

    fn sheet_with(items: Vec<(PointMm, FrameItem)>, size_mm: SizeMm) -> Sheet {
        let mut sheet = Sheet::new(size_mm);
        sheet.placements.push(Placement::at(
            std::rc::Rc::new(Page { size_mm, items }),
            PointMm::new(0.0, 0.0),
        ));
        sheet
    }

    fn dark_pixels(pixmap: &Pixmap) -> usize {
        pixmap
            .pixels()
            .iter()
            .filter(|pixel| pixel.red() < 128)
            .count()
    }

    #[test]
    fn text_is_drawn_from_the_font_outlines_at_its_size() {
        let fonts = FontSet::bundled();
        let size_mm = SizeMm::new(100.0, 20.0);
        let run = text_run(&fonts, FaceId::SANS, 12.0, Rgb(0, 0, 0), "公开栏");
        let sheet = sheet_with(
            vec![(PointMm::new(10.0, 15.0), FrameItem::Text(run))],
            size_mm,
        );
        let mut rasterizer = Rasterizer::new(&fonts);
        let pixmap = rasterizer.render_sheet(&sheet, 1000).expect("drawn");
        assert_eq!((pixmap.width(), pixmap.height()), (1000, 200));
        // The ink lies on the baseline, right of x = 10 mm.
        let ink: Vec<(u32, u32)> = (0..200)
            .flat_map(|y| (0..1000).map(move |x| (x, y)))
            .filter(|(x, y)| pixmap.pixel(*x, *y).is_some_and(|pixel| pixel.red() < 128))
            .collect();
        assert!(!ink.is_empty());
        let top = ink.iter().map(|(_, y)| *y).min().unwrap_or(0);
        let bottom = ink.iter().map(|(_, y)| *y).max().unwrap_or(0);
        let left = ink.iter().map(|(x, _)| *x).min().unwrap_or(0);
        assert!(left >= 100, "{left}");
        // The baseline is at y = 150 px; hanzi reach about 0.12 em (5 px) below it.
        assert!((150..=157).contains(&bottom), "{bottom}");
        // 12 pt = 4.23 mm: the hanzi stand about 3.5 mm (35 px) tall.
        assert!((30..=45).contains(&(bottom - top)), "{top}..{bottom}");
        // Anti-aliased: there are grey edge pixels, not only black and white.
        let greys = pixmap
            .pixels()
            .iter()
            .filter(|pixel| (40..215).contains(&pixel.red()))
            .count();
        assert!(greys > 50, "{greys}");
    }

    #[test]
    fn qr_modules_and_rules_are_drawn_and_clipped() {
        let fonts = FontSet::bundled();
        let size_mm = SizeMm::new(20.0, 20.0);
        let cells = (0..10u16)
            .flat_map(|x| (0..10u16).map(move |y| (x, y)))
            .collect();
        let mut sheet = sheet_with(
            vec![(
                PointMm::new(0.0, 0.0),
                FrameItem::Cells {
                    cell_mm: 1.0,
                    cells,
                    color: Rgb(0, 0, 0),
                },
            )],
            size_mm,
        );
        let mut rasterizer = Rasterizer::new(&fonts);
        let whole = rasterizer.render_sheet(&sheet, 200).expect("drawn");
        // 10×10 modules of 1 mm at 10 px/mm, no seams: a solid 100×100 px square.
        assert_eq!(dark_pixels(&whole), 100 * 100);
        sheet.placements[0].clip_mm = Some(RectMm::new(0.0, 0.0, 5.0, 20.0));
        let clipped = rasterizer.render_sheet(&sheet, 200).expect("drawn");
        assert_eq!(dark_pixels(&clipped), 50 * 100);
    }

    #[test]
    fn an_unreadable_picture_is_drawn_as_composition_s_placeholder() {
        let fonts = FontSet::bundled();
        let size_mm = SizeMm::new(60.0, 40.0);
        let mut sheets = vec![sheet_with(
            vec![(
                PointMm::new(0.0, 0.0),
                FrameItem::Image {
                    size_mm,
                    path: PathBuf::from("/nonexistent/picture.png"),
                },
            )],
            size_mm,
        )];
        crate::compose::missing_picture::put_placeholders(&fonts, &mut sheets, &|_| true);
        let pixmap = Rasterizer::new(&fonts)
            .render_sheet(&sheets[0], 600)
            .expect("drawn");
        // The grey fill of the placeholder covers the box.
        let centre = pixmap.pixel(30, 200).expect("inside");
        assert_eq!((centre.red(), centre.green()), (0xf5, 0xf5));
    }

    #[test]
    fn unusable_sizes_are_refused_with_a_message() {
        assert_eq!(
            pixel_size(SizeMm::new(100.0, 100.0), 50),
            Err(RasterError::Width(50))
        );
        assert_eq!(
            pixel_size(SizeMm::new(0.0, 100.0), 1000),
            Err(RasterError::EmptySheet)
        );
        assert!(matches!(
            pixel_size(SizeMm::new(10.0, 10_000.0), 8000),
            Err(RasterError::TooLarge { .. })
        ));
        assert_eq!(
            pixel_size(SizeMm::new(2400.0, 1200.0), 3000),
            Ok((3000, 1500))
        );
    }
}
