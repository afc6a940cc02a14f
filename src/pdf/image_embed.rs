//! Pictures in the PDF: each picture embedded once as an image XObject. Composition replaced
//! every picture that cannot be used by its placeholder (`compose::missing_picture`); one that
//! cannot be read here changed while the export ran, and stops it.

use crate::compose::{Sheet, distinct_pages};
use crate::images::{PdfColorSpace, PdfImage, PdfImageData};
use crate::layout::FrameItem;
use printpdf::{DictItem, ExternalStream, ExternalXObject, PdfDocument, XObjectId};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The pictures on the sheets so far, each embedded once (a card design's logo on 200 cards is
/// one XObject).
#[derive(Default)]
pub(super) struct EmbeddedImages {
    ids: BTreeMap<PathBuf, XObjectId>,
}

impl EmbeddedImages {
    /// The XObject of a picture.
    pub(super) fn get(&self, path: &PathBuf) -> Option<&XObjectId> {
        self.ids.get(path)
    }

    /// Embeds each picture on `sheets` not seen before.
    pub(super) fn add(
        &mut self,
        document: &mut PdfDocument,
        sheets: &[Sheet],
    ) -> Result<(), super::PdfError> {
        for page in distinct_pages(sheets) {
            for (_, item) in &page.items {
                let FrameItem::Image { path, .. } = item else {
                    continue;
                };
                if self.ids.contains_key(path) {
                    continue;
                }
                let picture =
                    crate::images::for_pdf(path).map_err(|error| super::PdfError::Picture {
                        path: path.display().to_string(),
                        reason: error.to_string(),
                    })?;
                let id = document.add_xobject(&image_xobject(picture));
                self.ids.insert(path.clone(), id);
            }
        }
        Ok(())
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
