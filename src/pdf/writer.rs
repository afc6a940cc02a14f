//! The writer: sheets of placed `layout::Page`s → PDF bytes, in the order of its stages:
//! pictures, fonts, one painted content stream per sheet, then the document's finish. The
//! layout and `compose` decide where every glyph goes, the writer obeys.

use super::document::{compress_streams, finish_document};
use super::font_embed::{embed_fonts, tag_subset_fonts};
use super::forms::{pages_into_forms, repeated_pages};
use super::image_embed::{embed_images, with_image_placeholders};
use super::paint::SheetPainter;
use super::subset::SubsetError;
use crate::compose::{DocumentInfo, Sheet};
use crate::fonts::FontSet;
use printpdf::{PdfDocument, PdfPage, PdfSaveOptions};

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

/// How the writer draws.
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    pub info: DocumentInfo,
    /// Write neutral (grey/black) text in the K channel only (CMYK 0,0,0,k), as print shops
    /// ask for black text.
    pub cmyk_black: bool,
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
    let forms = repeated_pages(sheets);
    let painter = |height_mm: f32| SheetPainter {
        fonts: &embedded,
        images: &images,
        forms: &forms,
        options,
        height_mm,
        ops: Vec::new(),
        fill: None,
        stroke: None,
    };
    // Every sheet's operations are held until printpdf writes the document: no spare capacity.
    let page_of = |size_mm: crate::model::SizeMm, mut ops: Vec<printpdf::Op>| {
        ops.shrink_to_fit();
        PdfPage::new(
            printpdf::Mm(size_mm.width_mm),
            printpdf::Mm(size_mm.height_mm),
            ops,
        )
    };
    let mut pages: Vec<PdfPage> = sheets
        .iter()
        .map(|sheet| {
            let mut painter = painter(sheet.size_mm.height_mm);
            for placement in &sheet.placements {
                painter.placement(placement, sheet.size_mm.height_mm);
            }
            page_of(sheet.size_mm, painter.ops)
        })
        .collect();
    // Forms are painted as pages after the sheets; `pages_into_forms` makes them XObjects.
    pages.extend(forms.pages.iter().map(|page| {
        let mut painter = painter(page.size_mm.height_mm);
        painter.page(page);
        page_of(page.size_mm, painter.ops)
    }));
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
    pages_into_forms(&mut lo, forms.pages.len());
    finish_document(&mut lo, sheets, &options.info);
    tag_subset_fonts(&mut lo);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|error| PdfError::Serialize(error.to_string()))?;
    Ok(bytes)
}
