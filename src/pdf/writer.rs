//! The writer: sheets of placed `layout::Page`s → PDF bytes, in the order of its stages:
//! pictures, fonts, one painted content stream per sheet (compressed as it is painted), then
//! the document's finish. The
//! layout and `compose` decide where every glyph goes, the writer obeys.

use super::document::{compress_streams, finish_document};
use super::font_embed::{add_fonts, embed_fonts};
use super::forms::{Painted, assemble_pages, repeated_pages};
use super::image_embed::{embed_images, with_image_placeholders};
use super::paint::{Content, SheetPainter};
use super::subset::SubsetError;
use crate::compose::{DocumentInfo, Sheet};
use crate::fonts::FontSet;
use crate::model::SizeMm;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("字体“{family}”无法嵌入 PDF：{source}")]
    Font {
        family: String,
        #[source]
        source: SubsetError,
    },
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
    let embedded = embed_fonts(fonts, sheets)?;
    let forms = repeated_pages(sheets);
    let painter = |height_mm: f32| SheetPainter {
        fonts: &embedded,
        images: &images,
        forms: &forms,
        options,
        height_mm,
        content: Content::default(),
        fill: None,
        stroke: None,
    };
    // Each sheet's content is written and compressed as it is painted: memory grows with the
    // compressed streams, not with every sheet's operations.
    let sheet_contents: Vec<Painted> = sheets
        .iter()
        .map(|sheet| {
            let mut painter = painter(sheet.size_mm.height_mm);
            for placement in &sheet.placements {
                painter.placement(placement, sheet.size_mm.height_mm);
            }
            painter.content.finish()
        })
        .collect();
    let form_contents: Vec<(SizeMm, Painted)> = forms
        .pages
        .iter()
        .map(|page| {
            let mut painter = painter(page.size_mm.height_mm);
            painter.page(page);
            (page.size_mm, painter.content.finish())
        })
        .collect();
    // printpdf writes empty sheets: their content and fonts are put in by `assemble_pages`
    // and `add_fonts`.
    let pages: Vec<PdfPage> = sheets
        .iter()
        .map(|sheet| {
            let size_mm = sheet.size_mm;
            PdfPage::new(Mm(size_mm.width_mm), Mm(size_mm.height_mm), Vec::new())
        })
        .collect();
    document.with_pages(pages);
    let save_options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = document.to_lopdf_document(&save_options, &mut warnings);
    if let Some(font_dict_id) = assemble_pages(&mut lo, sheet_contents, form_contents) {
        add_fonts(&mut lo, embedded, font_dict_id);
    }
    finish_document(&mut lo, sheets, &options.info);
    compress_streams(&mut lo);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|error| PdfError::Serialize(error.to_string()))?;
    Ok(bytes)
}
