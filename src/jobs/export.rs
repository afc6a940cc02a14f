//! The export job: compose the sheets for a request, write them as PDF bytes. The CLI's
//! `export`, the app's export dialog and the publish archive all call [`export_project`].

use crate::compose::{ComposeError, ExportMode, ExportRequest, compose_export};
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
    let mut problems = composed.problems.clone();
    problems.extend(placeholder_problems(project, request));
    Ok(Exported {
        bytes,
        pages: composed.sheets.len(),
        page_lines: composed.page_lines(),
        notes: composed.notes,
        problems,
        board_scale_denominator: composed.board_scale_denominator,
    })
}

/// The 【请填写】 left in what this export prints: on a board (or its tiles) the unit's details
/// and the board's own text; in a register or on cards everything.
pub fn placeholder_problems(project: &Project, request: &ExportRequest) -> Vec<String> {
    let board_id = match request.mode {
        ExportMode::Board | ExportMode::Tiles => match request.board.as_deref() {
            Some(wanted) => project.board_by_id_or_name(wanted),
            None => project.boards.first(),
        }
        .map(|board| board.id.clone()),
        ExportMode::Register | ExportMode::Cards => None,
    };
    crate::model::placeholder_places(project)
        .iter()
        .filter(|place| match &board_id {
            Some(board_id) => place.board_ids.is_empty() || place.board_ids.contains(board_id),
            None => true,
        })
        .map(crate::model::PlaceholderPlace::message)
        .collect()
}
