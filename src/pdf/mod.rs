//! Sheets → PDF bytes, and nothing else: the writer draws each glyph, rule and picture where
//! `compose` put it on its sheet and decides nothing about what is printed.
//!
//! - [`write_pdf`] (`writer`): the document, page by page;
//! - `paint`: one sheet's content, one `match` over `FrameItem`, written and compressed as painted;
//! - `font_embed`: glyphs numbered as painted, fonts cut down to them by the `subsetter` crate
//!   (TrueType and OpenType/CFF), with ToUnicode;
//! - `image_embed`: pictures embedded once each;
//! - `forms`: a page placed more than once (a board on its tiles) drawn once, as a form XObject,
//!   and the painted content put into the pages printpdf wrote;
//! - `document`: boxes, metadata, compression.

mod document;
mod font_embed;
mod forms;
mod image_embed;
mod paint;
mod writer;

pub use font_embed::FontEmbedError;
pub use writer::{PdfError, PdfWriter, WriteOptions, write_pdf};
