//! Sheets → PDF bytes, and nothing else: the writer draws each glyph, rule and picture where
//! `compose` put it on its sheet and decides nothing about what is printed.
//!
//! - [`write_pdf`] (`writer`): the document, page by page;
//! - `paint`: one sheet's content, one `match` over `FrameItem`;
//! - `font_embed` and [`subset`]: fonts cut down to the used glyphs, with ToUnicode;
//! - `image_embed`: pictures embedded once each;
//! - `document`: boxes, metadata, shared content, compression.

mod document;
mod font_embed;
mod image_embed;
mod paint;
pub mod subset;
mod writer;

pub use writer::{PdfError, WriteOptions, write_pdf};
