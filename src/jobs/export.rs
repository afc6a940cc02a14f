//! The export job: compose the sheets for a request, write them as PDF bytes. The CLI's
//! `export`, the app's export dialog and the publish archive all call [`export_project`].

use crate::compose::{ComposeError, ExportRequest, compose_export};
use crate::layout::LayoutEngine;
use crate::model::Project;
use crate::pdf::{PdfError, WriteOptions, write_pdf};

/// A finished export: the PDF, notes for the clerk, and problems that should stop printing.
#[derive(Clone, Debug, Default)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Worth saying but not a problem (e.g. the scale chosen).
    pub notes: Vec<String>,
    /// Overflowing text and characters no font has: each message says what to do.
    pub problems: Vec<String>,
    /// The text lines of each page in order (for tests and checks).
    pub page_lines: Vec<Vec<String>>,
    /// A board at true size: Some(1); reduced 1:N: Some(N); other modes: None.
    pub board_scale_denominator: Option<u32>,
}

/// Why nothing could be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Compose(#[from] ComposeError),
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// Lays out, imposes and writes the project as the request says.
pub fn export_project(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &ExportRequest,
) -> Result<Exported, ExportError> {
    let composed = compose_export(engine, project, request)?;
    let options = WriteOptions {
        info: composed.info.clone(),
        cmyk_black: request.cmyk_black,
    };
    let bytes = write_pdf(engine.fonts(), &composed.sheets, &options)?;
    Ok(Exported {
        bytes,
        pages: composed.sheets.len(),
        page_lines: composed.page_lines(),
        notes: composed.notes,
        problems: composed.problems,
        board_scale_denominator: composed.board_scale_denominator,
    })
}
