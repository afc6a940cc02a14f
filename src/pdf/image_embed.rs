//! Pictures in the PDF: each readable picture embedded once as an image XObject; one that
//! cannot be read drawn as a grey "图片无法读取" frame.

use crate::compose::{Sheet, distinct_pages};
use crate::fonts::{FaceId, FontSet};
use crate::images::{PdfColorSpace, PdfImage, PdfImageData};
use crate::layout::{FrameItem, Page, PointMm, Stroke};
use crate::model::{Rgb, SizeMm};
use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, XObjectId};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::rc::Rc;

/// The pictures on the sheets so far that could be read, each embedded once (a card design's
/// logo on 200 cards is one XObject), and those that could not.
#[derive(Default)]
pub(super) struct EmbeddedImages {
    ids: BTreeMap<PathBuf, XObjectId>,
    refused: BTreeSet<PathBuf>,
}

impl EmbeddedImages {
    /// The XObject of a picture that could be read.
    pub(super) fn get(&self, path: &PathBuf) -> Option<&XObjectId> {
        self.ids.get(path)
    }

    /// Embeds each picture on `sheets` not seen before.
    pub(super) fn add(&mut self, document: &mut PdfDocument, sheets: &[Sheet]) {
        for page in distinct_pages(sheets) {
            for (_, item) in &page.items {
                let FrameItem::Image { path, .. } = item else {
                    continue;
                };
                if self.ids.contains_key(path) || self.refused.contains(path) {
                    continue;
                }
                match crate::images::for_pdf(path) {
                    Ok(picture) => {
                        let id = document.add_xobject(&image_xobject(picture));
                        self.ids.insert(path.clone(), id);
                    }
                    Err(_) => {
                        self.refused.insert(path.clone());
                    }
                }
            }
        }
    }
}

/// An image XObject (ISO 32000 8.9.5) for a picture: JPEG data as it is (/DCTDecode), PNG
/// samples raw (compressed later with the other streams), transparency as an /SMask.
pub(super) fn image_xobject(picture: PdfImage) -> ExternalXObject {
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
pub(super) fn image_dict(
    width_px: u32,
    height_px: u32,
    color_space: &str,
) -> BTreeMap<String, DictItem> {
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
pub(super) fn with_image_placeholders(
    fonts: &FontSet,
    sheets: &[Sheet],
    embedded: &EmbeddedImages,
) -> Vec<Sheet> {
    let is_refused = |item: &FrameItem| matches!(item, FrameItem::Image { path, .. } if embedded.get(path).is_none());
    // Each page replaced once, so that a page placed several times stays one page (one form).
    let mut replaced: std::collections::HashMap<*const Page, Rc<Page>> = Default::default();
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
        let page = replaced
            .entry(Rc::as_ptr(&placement.page))
            .or_insert_with(|| {
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
                Rc::new(page)
            });
        placement.page = Rc::clone(page);
    }
    sheets
}

/// The grey frame with a cross and "图片无法读取" that stands for a picture that cannot be
/// read (the raster exporter draws the same).
pub fn image_placeholder(
    fonts: &FontSet,
    at: PointMm,
    size_mm: SizeMm,
) -> Vec<(PointMm, FrameItem)> {
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
    let run = crate::compose::label::text_run(
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
