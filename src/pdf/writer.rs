//! The writer: sheets of placed `layout::Page`s → PDF bytes. One `match` over `FrameItem`;
//! the layout decides where every glyph goes, the writer obeys.

use super::subset::{SubsetError, subset_face};
use crate::fonts::{FaceId, FontSet};
use crate::images::{PdfColorSpace, PdfImage, PdfImageData};
use crate::layout::{FrameItem, Page, PointMm, Stroke, TextRun};
use crate::model::{RectMm, Rgb, SizeMm};
use crate::units::mm_to_pt;
use printpdf::{
    Codepoint, Color, CurTransMat, DictItem, ExternalStream, ExternalXObject, Line, LinePoint, Op,
    PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect,
    TextItem, TextMatrix, XObjectId, XObjectTransform,
};
use printpdf_lopdf::{Dictionary, Object, StringFormat};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::rc::Rc;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("字体“{family}”无法嵌入 PDF：{source}")]
    Font {
        family: String,
        #[source]
        source: SubsetError,
    },
    #[error("字体“{0}”的子集无法读取，无法嵌入 PDF")]
    FontParse(String),
    #[error("PDF 写出失败：{0}")]
    Serialize(String),
}

/// Document metadata: title = the board's name, author = 单位名称.
#[derive(Clone, Debug, Default)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    /// Left out of the file when empty (e.g. "按 1:2 缩小，请放大 2 倍输出").
    pub subject: String,
    /// Left out of the file when empty.
    pub keywords: String,
    /// The creation date written into the file. Fix it to make output byte-identical.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

/// How the writer draws.
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    pub info: DocumentInfo,
    /// Write neutral (grey/black) text in the K channel only (CMYK 0,0,0,k), as print shops
    /// ask for black text.
    pub cmyk_black: bool,
}

/// One output PDF page: its size, the print boxes, and the pages placed on it.
#[derive(Clone, Debug)]
pub struct Sheet {
    /// The MediaBox.
    pub size_mm: SizeMm,
    /// The finished size (TrimBox), in sheet coordinates (mm from the top-left, y down).
    pub trim_mm: Option<RectMm>,
    /// The BleedBox, in sheet coordinates.
    pub bleed_mm: Option<RectMm>,
    /// Drawn in order.
    pub placements: Vec<Placement>,
}

impl Sheet {
    /// A sheet of `size_mm` with nothing on it.
    pub fn new(size_mm: SizeMm) -> Sheet {
        Sheet {
            size_mm,
            trim_mm: None,
            bleed_mm: None,
            placements: Vec::new(),
        }
    }

    /// Every text run on the sheet in drawing order (for tests and text checks).
    pub fn text_runs(&self) -> impl Iterator<Item = &TextRun> {
        self.placements.iter().flat_map(|placement| {
            placement
                .page
                .items
                .iter()
                .filter_map(|(_, item)| match item {
                    FrameItem::Text(run) => Some(run),
                    _ => None,
                })
        })
    }
}

/// A page drawn on a sheet: page point p lands at `origin_mm + scale · p`, clipped to `clip_mm`
/// (sheet coordinates) when given.
#[derive(Clone, Debug)]
pub struct Placement {
    pub page: Rc<Page>,
    pub origin_mm: PointMm,
    pub scale: f32,
    pub clip_mm: Option<RectMm>,
}

impl Placement {
    /// The page at the sheet's top-left corner, at 100 %.
    pub fn at(page: Rc<Page>, origin_mm: PointMm) -> Placement {
        Placement {
            page,
            origin_mm,
            scale: 1.0,
            clip_mm: None,
        }
    }

    /// The `cm` matrix that maps the page's PDF space onto the sheet's: page point (x, y) in mm
    /// lands at `origin_mm + scale · (x, y)`.
    fn matrix(&self, sheet_height_mm: f32) -> [f32; 6] {
        let page_height_mm = self.page.size_mm.height_mm;
        let (e, f) = pdf_point(
            PointMm::new(
                self.origin_mm.x_mm,
                self.origin_mm.y_mm + self.scale * page_height_mm,
            ),
            sheet_height_mm,
        );
        [self.scale, 0.0, 0.0, self.scale, e, f]
    }
}

/// Sheet coordinates (mm from the top-left, y down) → PDF user space (pt from the bottom-left,
/// y up). The only place the y axis flips.
/// Rounded to 1/100 pt (0.0035 mm): finer is invisible and only makes the file bigger.
fn pdf_point(point: PointMm, sheet_height_mm: f32) -> (f32, f32) {
    let round = |length_pt: f32| (length_pt * 100.0).round() / 100.0;
    (
        round(mm_to_pt(point.x_mm)),
        round(mm_to_pt(sheet_height_mm - point.y_mm)),
    )
}

/// A rectangle in sheet coordinates as a PDF box array [llx lly urx ury].
fn pdf_box(rect: RectMm, sheet_height_mm: f32) -> Object {
    let (left, bottom) = pdf_point(PointMm::new(rect.x_mm, rect.bottom_mm()), sheet_height_mm);
    let (right, top) = pdf_point(PointMm::new(rect.right_mm(), rect.y_mm), sheet_height_mm);
    Object::Array(vec![
        Object::Real(left),
        Object::Real(bottom),
        Object::Real(right),
        Object::Real(top),
    ])
}

/// The embedded faces: the printpdf handle of each used face and its glyph renumbering.
struct EmbeddedFonts {
    faces: BTreeMap<FaceId, EmbeddedFace>,
}

struct EmbeddedFace {
    handle: PdfFontHandle,
    new_glyph_ids: BTreeMap<u16, u16>,
    /// Each original glyph's advance in thousandths of an em, as in the PDF's /W array.
    advances: BTreeMap<u16, i64>,
}

/// Every glyph used per face, with the character it shows.
fn used_glyphs(sheets: &[Sheet]) -> BTreeMap<FaceId, BTreeMap<u16, char>> {
    let mut used: BTreeMap<FaceId, BTreeMap<u16, char>> = BTreeMap::new();
    for run in sheets.iter().flat_map(Sheet::text_runs) {
        let glyphs = used.entry(run.face).or_default();
        for glyph in &run.glyphs {
            glyphs.entry(glyph.glyph_id).or_insert(glyph.ch);
        }
    }
    used
}

/// A six-letter subset tag (ISO 32000 9.6.4) that depends only on the face and its glyphs, so
/// output is reproducible.
fn subset_tag(face_id: FaceId, glyphs: &BTreeMap<u16, char>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(face_id.0);
    for glyph_id in glyphs.keys() {
        hash = (hash ^ u64::from(*glyph_id)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

fn embed_fonts(
    document: &mut PdfDocument,
    fonts: &FontSet,
    sheets: &[Sheet],
) -> Result<EmbeddedFonts, PdfError> {
    let mut faces = BTreeMap::new();
    for (face_id, glyphs) in used_glyphs(sheets) {
        let face = fonts.face(face_id);
        let subset =
            subset_face(face.bytes(), face.collection_index, &glyphs).map_err(|source| {
                PdfError::Font {
                    family: face.family.clone(),
                    source,
                }
            })?;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::FontParse(face.family.clone()))?;
        let font_id = printpdf::FontId(subset_tag(face_id, &glyphs));
        let units_per_em = f32::from(face.units_per_em().max(1));
        let advances = glyphs
            .keys()
            .map(|glyph_id| {
                let units = f32::from(face.advance_units(*glyph_id));
                (*glyph_id, (units * 1000.0 / units_per_em) as i64)
            })
            .collect();
        document
            .resources
            .fonts
            .map
            .insert(font_id.clone(), printpdf::PdfFont::new(parsed));
        faces.insert(
            face_id,
            EmbeddedFace {
                handle: PdfFontHandle::External(font_id),
                new_glyph_ids: subset.new_glyph_ids,
                advances,
            },
        );
    }
    Ok(EmbeddedFonts { faces })
}

/// Neutral colours this dark are meant as black (the themes' #212121 text): with single-K
/// black they print as 100 % K, as print shops ask, not 87 %.
const NEAR_BLACK: u8 = 0x40;

/// Converts a model colour; neutral colours go to the K channel when asked (near-black as
/// K100, lighter greys keep their tone).
fn pdf_color(color: Rgb, k_only: bool) -> Color {
    let Rgb(red, green, blue) = color;
    if k_only && red == green && green == blue {
        let black = if red <= NEAR_BLACK {
            1.0
        } else {
            1.0 - f32::from(red) / 255.0
        };
        return Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, black, None));
    }
    Color::Rgb(printpdf::Rgb::new(
        f32::from(red) / 255.0,
        f32::from(green) / 255.0,
        f32::from(blue) / 255.0,
        None,
    ))
}

/// Builds the content of one sheet.
struct SheetPainter<'a> {
    fonts: &'a EmbeddedFonts,
    images: &'a EmbeddedImages,
    options: &'a WriteOptions,
    height_mm: f32,
    ops: Vec<Op>,
}

impl SheetPainter<'_> {
    fn point(&self, point: PointMm) -> Point {
        let (x, y) = pdf_point(point, self.height_mm);
        Point { x: Pt(x), y: Pt(y) }
    }

    fn rect_op(&self, rect: RectMm, mode: PaintMode) -> Op {
        let (x, y) = pdf_point(PointMm::new(rect.x_mm, rect.bottom_mm()), self.height_mm);
        Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(mm_to_pt(rect.width_mm)),
                height: Pt(mm_to_pt(rect.height_mm)),
                mode: Some(mode),
                winding_order: None,
            },
        }
    }

    /// A placement: clipped in sheet space, then painted in its page's own space under a `cm`,
    /// between markers, so that the same page on several sheets is the same bytes (shared by
    /// `share_repeated_content`).
    fn placement(&mut self, placement: &Placement, sheet_height_mm: f32) {
        self.ops.push(Op::SaveGraphicsState);
        self.height_mm = sheet_height_mm;
        if let Some(clip) = placement.clip_mm {
            self.ops.push(self.rect_op(clip, PaintMode::Clip));
        }
        let matrix = placement.matrix(sheet_height_mm);
        if matrix != [1.0, 0.0, 0.0, 1.0, 0.0, 0.0] {
            self.ops.push(Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw(matrix),
            });
        }
        self.height_mm = placement.page.size_mm.height_mm;
        self.ops.push(Op::Marker {
            id: SHARED_BEGIN.into(),
        });
        for (position, item) in &placement.page.items {
            self.item(*position, item);
        }
        self.ops.push(Op::Marker {
            id: SHARED_END.into(),
        });
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn item(&mut self, origin: PointMm, item: &FrameItem) {
        match item {
            FrameItem::Text(run) => self.text(run, origin),
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
                if let Some(fill) = fill {
                    self.ops.push(Op::SetFillColor {
                        col: pdf_color(*fill, self.options.cmyk_black),
                    });
                    self.ops.push(self.rect_op(rect, PaintMode::Fill));
                }
                if let Some(stroke) = stroke {
                    self.set_stroke(*stroke);
                    self.ops.push(self.rect_op(rect, PaintMode::Stroke));
                }
            }
            FrameItem::Line { to, stroke } => {
                self.set_stroke(*stroke);
                self.line(origin, *to);
            }
            // Pictures that could not be read were replaced by `with_image_placeholders`.
            FrameItem::Image { size_mm, path } => {
                if let Some(id) = self.images.get(path) {
                    self.image(id.clone(), origin, *size_mm);
                }
            }
            FrameItem::Cells {
                cell_mm,
                cells,
                color,
            } => {
                self.ops.push(Op::SetFillColor {
                    col: pdf_color(*color, self.options.cmyk_black),
                });
                let cell = *cell_mm;
                for (column, row) in cells {
                    let rect = RectMm::new(
                        origin.x_mm + f32::from(*column) * cell,
                        origin.y_mm + f32::from(*row) * cell,
                        cell,
                        cell,
                    );
                    self.ops.push(self.rect_op(rect, PaintMode::Fill));
                }
            }
        }
    }

    /// A picture stretched over its box: the image XObject fills the unit square, scaled to
    /// the box and moved to its bottom-left corner.
    fn image(&mut self, id: XObjectId, top_left: PointMm, size_mm: SizeMm) {
        let (x, y) = pdf_point(
            PointMm::new(top_left.x_mm, top_left.y_mm + size_mm.height_mm),
            self.height_mm,
        );
        self.ops.push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(y)),
                scale_x: Some(mm_to_pt(size_mm.width_mm)),
                scale_y: Some(mm_to_pt(size_mm.height_mm)),
                ..XObjectTransform::default()
            },
        });
    }

    fn set_stroke(&mut self, stroke: Stroke) {
        self.ops.push(Op::SetOutlineColor {
            col: pdf_color(stroke.color, self.options.cmyk_black),
        });
        self.ops.push(Op::SetOutlineThickness {
            pt: Pt(mm_to_pt(stroke.width_mm)),
        });
    }

    fn line(&mut self, from: PointMm, to: PointMm) {
        let points = [from, to]
            .into_iter()
            .map(|point| LinePoint {
                p: self.point(point),
                bezier: false,
            })
            .collect();
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    /// A run: each glyph placed absolutely at its `x_mm` on the run's baseline (printpdf
    /// merges same-baseline glyphs into one TJ with exact kerns).
    fn text(&mut self, run: &TextRun, origin: PointMm) {
        let Some(face) = self.fonts.faces.get(&run.face) else {
            return;
        };
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont {
            font: face.handle.clone(),
            size: Pt(run.size_pt),
        });
        self.ops.push(Op::SetFillColor {
            col: pdf_color(run.color, self.options.cmyk_black),
        });
        let first_x_mm = run.glyphs.first().map_or(0.0, |glyph| glyph.x_mm);
        let (x, y) = pdf_point(
            PointMm::new(origin.x_mm + first_x_mm, origin.y_mm),
            self.height_mm,
        );
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(y)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(positioned_glyphs(run, face))],
        });
        self.ops.push(Op::EndTextSection);
    }
}

/// The glyphs of a run for one TJ: after each glyph, the kern (thousandths of an em, PDF sign)
/// that moves the pen from the end of its advance (the /W width viewers use) to where the
/// layout put the next glyph. Kerns are rounded to 1/100 000 em, against the running rounded
/// pen, so rounding never accumulates.
fn positioned_glyphs(run: &TextRun, face: &EmbeddedFace) -> Vec<Codepoint> {
    let em_mm = crate::units::pt_to_mm(run.size_pt);
    let mut pen_em: f64 = 0.0;
    let mut glyphs = Vec::with_capacity(run.glyphs.len());
    for (index, glyph) in run.glyphs.iter().enumerate() {
        let new_id = face
            .new_glyph_ids
            .get(&glyph.glyph_id)
            .copied()
            .unwrap_or(0);
        pen_em += face.advances.get(&glyph.glyph_id).copied().unwrap_or(0) as f64;
        let kern = match run.glyphs.get(index + 1) {
            Some(next) if em_mm > 0.0 => {
                let target_em =
                    f64::from(next.x_mm - run.glyphs[0].x_mm) / f64::from(em_mm) * 1000.0;
                let kern = ((pen_em - target_em) * 100.0).round() / 100.0;
                pen_em -= kern;
                kern as f32
            }
            _ => 0.0,
        };
        glyphs.push(Codepoint::with_cid(new_id, kern, glyph.ch.to_string()));
    }
    glyphs
}

/// Writes sheets as a PDF document.
pub fn write_pdf(
    fonts: &FontSet,
    sheets: &[Sheet],
    options: &WriteOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut document = PdfDocument::new(&options.info.title);
    let images = embed_images(&mut document, sheets);
    let sheets = &with_image_placeholders(fonts, sheets, &images);
    let embedded = embed_fonts(&mut document, fonts, sheets)?;
    let pages = sheets
        .iter()
        .map(|sheet| {
            let mut painter = SheetPainter {
                fonts: &embedded,
                images: &images,
                options,
                height_mm: sheet.size_mm.height_mm,
                ops: Vec::new(),
            };
            for placement in &sheet.placements {
                painter.placement(placement, sheet.size_mm.height_mm);
            }
            PdfPage::new(
                printpdf::Mm(sheet.size_mm.width_mm),
                printpdf::Mm(sheet.size_mm.height_mm),
                painter.ops,
            )
        })
        .collect();
    document.with_pages(pages);
    // Our faces are subsets already: printpdf embeds them as they are (subsetting them again
    // with allsorts would cost a third of the export's time) and `tag_subset_fonts` names them.
    let save_options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = document.to_lopdf_document(&save_options, &mut warnings);
    finish_document(&mut lo, sheets, &options.info);
    share_repeated_content(&mut lo);
    tag_subset_fonts(&mut lo);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|error| PdfError::Serialize(error.to_string()))?;
    Ok(bytes)
}

/// The pictures on the sheets that could be read, each embedded once (a card design's logo on
/// 200 cards is one XObject).
type EmbeddedImages = BTreeMap<PathBuf, XObjectId>;

fn embed_images(document: &mut PdfDocument, sheets: &[Sheet]) -> EmbeddedImages {
    let mut embedded = EmbeddedImages::new();
    let mut refused = BTreeSet::new();
    for placement in sheets.iter().flat_map(|sheet| sheet.placements.iter()) {
        for (_, item) in &placement.page.items {
            let FrameItem::Image { path, .. } = item else {
                continue;
            };
            if embedded.contains_key(path) || refused.contains(path) {
                continue;
            }
            match crate::images::for_pdf(path) {
                Ok(picture) => {
                    let id = document.add_xobject(&image_xobject(picture));
                    embedded.insert(path.clone(), id);
                }
                Err(_) => {
                    refused.insert(path.clone());
                }
            }
        }
    }
    embedded
}

/// An image XObject (ISO 32000 8.9.5) for a picture: JPEG data as it is (/DCTDecode), PNG
/// samples raw (compressed later with the other streams), transparency as an /SMask.
fn image_xobject(picture: PdfImage) -> ExternalXObject {
    let (width_px, height_px) = (picture.width_px, picture.height_px);
    let mut dict = image_dict(width_px, height_px, picture.color_space.pdf_name());
    if picture.color_space == (PdfColorSpace::Cmyk { inverted: true }) {
        let inverted = [1, 0, 1, 0, 1, 0, 1, 0].map(DictItem::Int).to_vec();
        dict.insert("Decode".to_owned(), DictItem::Array(inverted));
    }
    if let Some(alpha) = picture.alpha {
        let stream = ExternalStream {
            dict: image_dict(width_px, height_px, "DeviceGray"),
            content: alpha,
            compress: true,
        };
        dict.insert("SMask".to_owned(), DictItem::Stream { stream });
    }
    let content = match picture.data {
        PdfImageData::Jpeg(bytes) => {
            dict.insert("Filter".to_owned(), DictItem::Name(b"DCTDecode".to_vec()));
            bytes
        }
        PdfImageData::Samples(samples) => samples,
    };
    ExternalXObject {
        stream: ExternalStream {
            dict,
            content,
            compress: true,
        },
        width: None,
        height: None,
        dpi: None,
    }
}

/// The dictionary of an 8-bit image XObject (a picture or its soft mask).
fn image_dict(width_px: u32, height_px: u32, color_space: &str) -> BTreeMap<String, DictItem> {
    BTreeMap::from([
        ("Type".to_owned(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_owned(), DictItem::Name(b"Image".to_vec())),
        ("Width".to_owned(), DictItem::Int(i64::from(width_px))),
        ("Height".to_owned(), DictItem::Int(i64::from(height_px))),
        (
            "ColorSpace".to_owned(),
            DictItem::Name(color_space.as_bytes().to_vec()),
        ),
        ("BitsPerComponent".to_owned(), DictItem::Int(8)),
    ])
}

/// Each picture that could not be read becomes a grey frame with a cross and "图片无法读取",
/// so the gap is obvious on the print.
fn with_image_placeholders(
    fonts: &FontSet,
    sheets: &[Sheet],
    embedded: &EmbeddedImages,
) -> Vec<Sheet> {
    let is_refused = |item: &FrameItem| matches!(item, FrameItem::Image { path, .. } if !embedded.contains_key(path));
    let mut sheets = sheets.to_vec();
    for placement in sheets
        .iter_mut()
        .flat_map(|sheet| sheet.placements.iter_mut())
    {
        let has_refused_image = placement
            .page
            .items
            .iter()
            .any(|(_, item)| is_refused(item));
        if !has_refused_image {
            continue;
        }
        let mut page = Page {
            size_mm: placement.page.size_mm,
            items: Vec::new(),
        };
        for (position, item) in &placement.page.items {
            match item {
                FrameItem::Image { size_mm, .. } if is_refused(item) => {
                    page.items
                        .extend(image_placeholder(fonts, *position, *size_mm));
                }
                other => page.items.push((*position, other.clone())),
            }
        }
        placement.page = Rc::new(page);
    }
    sheets
}

fn image_placeholder(fonts: &FontSet, at: PointMm, size_mm: SizeMm) -> Vec<(PointMm, FrameItem)> {
    const TEXT: &str = "图片无法读取";
    let stroke = Stroke {
        width_mm: 0.5,
        color: Rgb(0x9e, 0x9e, 0x9e),
    };
    let right = at.x_mm + size_mm.width_mm;
    let bottom = at.y_mm + size_mm.height_mm;
    let mut items = vec![
        (
            at,
            FrameItem::Rect {
                size_mm,
                fill: Some(Rgb(0xf5, 0xf5, 0xf5)),
                stroke: Some(stroke),
            },
        ),
        (
            at,
            FrameItem::Line {
                to: PointMm::new(right, bottom),
                stroke,
            },
        ),
        (
            PointMm::new(at.x_mm, bottom),
            FrameItem::Line {
                to: PointMm::new(right, at.y_mm),
                stroke,
            },
        ),
    ];
    // Six characters across 60 % of the width, at most 24 pt.
    let size_pt = (crate::units::mm_to_pt(size_mm.width_mm * 0.6) / 6.0).min(24.0);
    let run = super::label::text_run(
        fonts,
        FaceId::SANS_BOLD,
        size_pt,
        Rgb(0x61, 0x61, 0x61),
        TEXT,
    );
    let x_mm = at.x_mm + (size_mm.width_mm - run.width_mm) / 2.0;
    let y_mm = at.y_mm + size_mm.height_mm / 2.0 + crate::units::pt_to_mm(size_pt) * 0.35;
    items.push((PointMm::new(x_mm, y_mm), FrameItem::Text(run)));
    items
}

/// What printpdf does not write: correct page boxes (TrimBox, BleedBox), our metadata and
/// dates, and a document ID that depends only on the content (reproducible output).
fn finish_document(lo: &mut printpdf_lopdf::Document, sheets: &[Sheet], info: &DocumentInfo) {
    let page_ids: Vec<_> = lo.get_pages().into_values().collect();
    for (page_id, sheet) in page_ids.into_iter().zip(sheets) {
        let Ok(Object::Dictionary(page)) = lo.get_object_mut(page_id) else {
            continue;
        };
        let height_mm = sheet.size_mm.height_mm;
        let media = RectMm::new(0.0, 0.0, sheet.size_mm.width_mm, height_mm);
        page.set("MediaBox", pdf_box(media, height_mm));
        page.remove(b"CropBox");
        page.set(
            "TrimBox",
            pdf_box(sheet.trim_mm.unwrap_or(media), height_mm),
        );
        if let Some(bleed) = sheet.bleed_mm {
            page.set("BleedBox", pdf_box(bleed, height_mm));
        }
    }
    let date = pdf_date(&info.created);
    let mut entries = vec![
        ("Title", text_string(&info.title)),
        ("Author", text_string(&info.author)),
        ("Creator", text_string("gongkai 公开栏设计器")),
        ("Producer", text_string("gongkai (printpdf)")),
        (
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        ),
        (
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        ),
    ];
    if !info.subject.is_empty() {
        entries.push(("Subject", text_string(&info.subject)));
    }
    if !info.keywords.is_empty() {
        entries.push(("Keywords", text_string(&info.keywords)));
    }
    let info_dict = Dictionary::from_iter(entries);
    let info_id = lo.add_object(info_dict);
    lo.trailer.set("Info", Object::Reference(info_id));
    let id = document_id(sheets, info);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
}

/// Flate-compresses every stream not compressed yet, at the default level: lopdf's own
/// `compress` uses the best level, twice as slow for 0.3 % smaller files.
fn compress_streams(lo: &mut printpdf_lopdf::Document) {
    use std::io::Write;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let compressed = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish());
        if let Ok(compressed) = compressed
            && compressed.len() < stream.content.len()
        {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// Gives each embedded font the six-letter subset tag (ISO 32000 9.6.4) on its /BaseFont,
/// its descendant's /BaseFont and its descriptor's /FontName, so readers and print shops see
/// a subset. The tag depends only on the font's name and its glyph widths (reproducible).
fn tag_subset_fonts(lo: &mut printpdf_lopdf::Document) {
    let mut descriptors = Vec::new();
    for object in lo.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let Ok(name) = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(<[u8]>::to_vec)
        else {
            continue;
        };
        if name.get(6) == Some(&b'+') {
            continue;
        }
        let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") else {
            continue;
        };
        // printpdf writes the CIDFont inline.
        let Some(Object::Dictionary(cid_font)) = descendants.first_mut() else {
            continue;
        };
        let widths = cid_font
            .get(b"W")
            .map(|widths| format!("{widths:?}"))
            .unwrap_or_default();
        let tagged = with_subset_tag(&name, widths.as_bytes());
        cid_font.set("BaseFont", Object::Name(tagged.clone()));
        if let Ok(descriptor_id) = cid_font
            .get(b"FontDescriptor")
            .and_then(Object::as_reference)
        {
            descriptors.push((descriptor_id, tagged.clone()));
        }
        dict.set("BaseFont", Object::Name(tagged));
    }
    for (descriptor_id, tagged) in descriptors {
        if let Ok(descriptor) = lo
            .get_object_mut(descriptor_id)
            .and_then(Object::as_dict_mut)
        {
            descriptor.set("FontName", Object::Name(tagged));
        }
    }
}

/// "ABCDEF+Name": six letters from a hash of the name and `salt`.
fn with_subset_tag(name: &[u8], salt: &[u8]) -> Vec<u8> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.iter().chain(salt) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut tagged: Vec<u8> = (0..6)
        .map(|i| b'A' + ((hash >> (i * 8)) % 26) as u8)
        .collect();
    tagged.push(b'+');
    tagged.extend_from_slice(name);
    tagged
}

const SHARED_BEGIN: &str = "GKpage";
const SHARED_END: &str = "GKpageEnd";

/// Splits each page's content at the placement markers into several streams and stores equal
/// pieces once: a board on 60 tiles is written once, not 60 times.
fn share_repeated_content(lo: &mut printpdf_lopdf::Document) {
    let begin = format!("/{SHARED_BEGIN} MP");
    let end = format!("/{SHARED_END} MP");
    let mut shared: std::collections::HashMap<Vec<u8>, printpdf_lopdf::ObjectId> =
        std::collections::HashMap::new();
    let page_ids: Vec<_> = lo.get_pages().into_values().collect();
    for page_id in page_ids {
        let content = lo.get_page_content(page_id);
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        for (index, part) in split_on(&content, begin.as_bytes()).into_iter().enumerate() {
            if index == 0 {
                pieces.push(part.to_vec());
                continue;
            }
            let (inner, rest) = split_once(part, end.as_bytes());
            pieces.push(inner.to_vec());
            pieces.push(rest.to_vec());
        }
        let references = pieces
            .into_iter()
            .filter(|piece| piece.iter().any(|byte| !byte.is_ascii_whitespace()))
            .map(|mut piece| {
                // Streams of one page are read as one: keep tokens apart at the seams.
                piece.push(b'\n');
                *shared.entry(piece.clone()).or_insert_with(|| {
                    lo.add_object(printpdf_lopdf::Stream::new(Dictionary::new(), piece))
                })
            })
            .map(Object::Reference)
            .collect();
        if let Ok(Object::Dictionary(page)) = lo.get_object_mut(page_id) {
            page.set("Contents", Object::Array(references));
        }
    }
    lo.prune_objects();
}

/// `bytes` cut at every `separator` (which is dropped).
fn split_on<'a>(bytes: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = bytes;
    while let Some(at) = find(rest, separator) {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len()..];
    }
    parts.push(rest);
    parts
}

fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Before and after the first `separator` (all of `bytes` and nothing if there is none).
fn split_once<'a>(bytes: &'a [u8], separator: &[u8]) -> (&'a [u8], &'a [u8]) {
    match find(bytes, separator) {
        Some(at) => (&bytes[..at], &bytes[at + separator.len()..]),
        None => (bytes, &bytes[bytes.len()..]),
    }
}

/// A PDF date string, e.g. "D:20260301090000+08'00'".
fn pdf_date(date: &chrono::DateTime<chrono::FixedOffset>) -> String {
    let offset_minutes = date.offset().local_minus_utc() / 60;
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    format!(
        "D:{}{}{:02}'{:02}'",
        date.format("%Y%m%d%H%M%S"),
        sign,
        offset_minutes.abs() / 60,
        offset_minutes.abs() % 60
    )
}

/// A PDF text string in UTF-16BE with a byte-order mark (Chinese titles need it).
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// 16 bytes that depend only on the document's content and metadata.
fn document_id(sheets: &[Sheet], info: &DocumentInfo) -> Vec<u8> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(info.title.as_bytes());
    feed(info.author.as_bytes());
    feed(info.subject.as_bytes());
    feed(info.created.to_rfc3339().as_bytes());
    for sheet in sheets {
        feed(&sheet.size_mm.width_mm.to_le_bytes());
        feed(&sheet.size_mm.height_mm.to_le_bytes());
        for run in sheet.text_runs() {
            feed(run.text.as_bytes());
        }
    }
    let second = hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15;
    [hash.to_be_bytes(), second.to_be_bytes()].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_y_axis_flips_in_one_place() {
        let (x, y) = pdf_point(PointMm::new(25.4, 10.0), 297.0);
        assert!((x - 72.0).abs() < 0.001);
        assert!((y - mm_to_pt(287.0)).abs() < 0.01);
    }

    #[test]
    fn pdf_dates_carry_the_offset() {
        let date = chrono::DateTime::parse_from_rfc3339("2026-03-01T09:30:00+08:00").expect("date");
        assert_eq!(pdf_date(&date), "D:20260301093000+08'00'");
    }

    #[test]
    fn grey_text_goes_to_k_only_when_asked() {
        assert_eq!(
            pdf_color(Rgb(0, 0, 0), true),
            Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, 1.0, None))
        );
        assert_eq!(
            pdf_color(Rgb(0x21, 0x21, 0x21), true),
            Color::Cmyk(printpdf::Cmyk::new(0.0, 0.0, 0.0, 1.0, None)),
            "the themes' near-black text prints as K100"
        );
        assert_eq!(
            pdf_color(Rgb(0x80, 0x80, 0x80), true),
            Color::Cmyk(printpdf::Cmyk::new(
                0.0,
                0.0,
                0.0,
                1.0 - 128.0 / 255.0,
                None
            ))
        );
        assert!(matches!(pdf_color(Rgb(0, 0, 0), false), Color::Rgb(_)));
        assert!(matches!(pdf_color(Rgb(200, 0, 0), true), Color::Rgb(_)));
    }
}
