//! The writer: sheets of placed `layout::Page`s → PDF bytes. Sheets come in batches
//! ([`PdfWriter::add_sheets`]): each sheet's pictures are embedded, its glyphs numbered and its
//! content painted and compressed as it comes, so a batch can be dropped once it is written
//! and 10,000 cards cost their compressed streams, not every laid-out page. [`PdfWriter::finish`]
//! subsets the fonts and finishes the document. The layout and `compose` decide where every
//! glyph goes, the writer obeys.

use super::document::{DocumentHash, SheetBoxes, compress_streams, finish_document};
use super::font_embed::{EmbeddedFonts, FontEmbedError, add_fonts};
use super::forms::{Forms, Painted, assemble_pages};
use super::image_embed::EmbeddedImages;
use super::paint::{Content, SheetPainter};
use crate::compose::{Cleared, GatedSheets};
use crate::fonts::FontSet;
use printpdf::{Mm, PdfDocument, PdfPage, PdfSaveOptions};

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("字体“{family}”无法嵌入 PDF：{source}")]
    Font {
        family: String,
        #[source]
        source: FontEmbedError,
    },
    #[error("PDF 写出失败：{0}")]
    Serialize(String),
    /// A picture composition found readable could not be read by the writer (it was moved or
    /// changed while the export ran).
    #[error("图片“{path}”在导出过程中无法读取（{reason}），可能刚被移动或改动。请重新导出。")]
    Picture { path: String, reason: String },
}

/// How the writer draws.
#[derive(Clone, Debug, Default)]
pub struct WriteOptions {
    /// Write neutral (grey/black) text in the K channel only (CMYK 0,0,0,k), as print shops
    /// ask for black text.
    pub cmyk_black: bool,
}

/// Writes sheets that passed the privacy gate as a PDF document, with the metadata the gate
/// cleared.
pub fn write_pdf(
    fonts: &FontSet,
    sheets: &GatedSheets,
    cleared: &Cleared,
    options: &WriteOptions,
) -> Result<Vec<u8>, PdfError> {
    let mut writer = PdfWriter::new(fonts, options.clone());
    writer.add_sheets(sheets)?;
    writer.finish(cleared)
}

/// A PDF being written, sheet batch by sheet batch (see the module's note).
pub struct PdfWriter<'f> {
    fonts: &'f FontSet,
    options: WriteOptions,
    document: PdfDocument,
    images: EmbeddedImages,
    used_fonts: EmbeddedFonts,
    forms: Forms,
    /// Each sheet's boxes and painted content, in order.
    sheets: Vec<(SheetBoxes, Painted)>,
    hash: DocumentHash,
}

impl<'f> PdfWriter<'f> {
    pub fn new(fonts: &'f FontSet, options: WriteOptions) -> PdfWriter<'f> {
        PdfWriter {
            fonts,
            document: PdfDocument::new(""),
            options,
            images: EmbeddedImages::default(),
            used_fonts: EmbeddedFonts::default(),
            forms: Forms::default(),
            sheets: Vec::new(),
            hash: DocumentHash::default(),
        }
    }

    /// Sheets written so far.
    pub fn sheet_count(&self) -> usize {
        self.sheets.len()
    }

    /// Paints the next sheets (only sheets that passed the privacy gate). A page placed more
    /// than once among them (a board on its tiles, a card back on its sheet) is painted once,
    /// as a form.
    /// Pictures are embedded as they are: composition already put a placeholder in place of
    /// each picture that cannot be used.
    pub fn add_sheets(&mut self, sheets: &GatedSheets) -> Result<(), PdfError> {
        let sheets = sheets.sheets();
        self.images.add(&mut self.document, sheets)?;
        self.hash.sheets(sheets);
        let new_forms = self.forms.add_repeated(sheets);
        for page in new_forms {
            let mut painter = self.painter(page.size_mm.height_mm);
            painter.page(&page);
            let painted = painter.content.finish();
            self.forms.painted.push((page.size_mm, painted));
        }
        for sheet in sheets {
            let height_mm = sheet.size_mm.height_mm;
            let mut painter = self.painter(height_mm);
            for placement in &sheet.placements {
                painter.placement(placement, height_mm);
            }
            let painted = painter.content.finish();
            self.sheets.push((SheetBoxes::of(sheet), painted));
        }
        Ok(())
    }

    fn painter(&mut self, height_mm: f32) -> SheetPainter<'_> {
        SheetPainter {
            fonts: self.fonts,
            used_fonts: &mut self.used_fonts,
            images: &self.images,
            forms: &self.forms,
            options: &self.options,
            height_mm,
            content: Content::default(),
            fill: None,
            stroke: None,
        }
    }

    /// The finished PDF: fonts subset, boxes, the metadata the gate cleared, every stream
    /// compressed.
    pub fn finish(self, cleared: &Cleared) -> Result<Vec<u8>, PdfError> {
        let info = cleared.info();
        let mut document = self.document;
        // printpdf writes empty sheets: their content and fonts are put in by
        // `assemble_pages` and `add_fonts`.
        let pages: Vec<PdfPage> = self
            .sheets
            .iter()
            .map(|(boxes, _)| {
                let size_mm = boxes.size_mm;
                PdfPage::new(Mm(size_mm.width_mm), Mm(size_mm.height_mm), Vec::new())
            })
            .collect();
        document.metadata.info.document_title = info.title.clone();
        document.with_pages(pages);
        let save_options = PdfSaveOptions {
            optimize: true,
            subset_fonts: false,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let mut lo = document.to_lopdf_document(&save_options, &mut warnings);
        let (boxes, contents): (Vec<SheetBoxes>, Vec<Painted>) = self.sheets.into_iter().unzip();
        if let Some(font_dict_id) = assemble_pages(&mut lo, contents, self.forms.painted) {
            add_fonts(&mut lo, self.fonts, self.used_fonts, font_dict_id)?;
        }
        let id = self.hash.id(info);
        finish_document(&mut lo, &boxes, info, id);
        compress_streams(&mut lo);
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes)
            .map_err(|error| PdfError::Serialize(error.to_string()))?;
        Ok(bytes)
    }
}
