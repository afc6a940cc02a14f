//! The export job: compose the sheets for a request, write them as PDF bytes. The CLI's
//! `export`, the app's export dialog and the publish archive all call [`export_project`].

use crate::compose::{
    ComposeError, ExportMode, ExportRequest, SheetLines, compose_export_in_batches,
};
use crate::layout::LayoutEngine;
use crate::model::Project;
use crate::pdf::{PdfError, PdfWriter, WriteOptions};

/// A finished export: the PDF, notes for the clerk, and problems that should stop printing.
#[derive(Clone, Debug, Default)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Worth saying but not a problem (e.g. the scale chosen).
    pub notes: Vec<String>,
    /// Overflowing text and characters no font has: each message says what to do.
    pub problems: Vec<String>,
    /// The text lines of each page (for tests and checks): see [`Exported::page_lines`].
    pub lines: crate::compose::SheetLines,
    /// A board at true size: Some(1); reduced 1:N: Some(N); other modes: None.
    pub board_scale_denominator: Option<u32>,
}

/// Why nothing could be exported.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Compose(#[from] ComposeError),
    /// Personal numbers would print in full: never written, `--force` or not.
    #[error("{}", personal_data_message(.0))]
    PersonalData(Vec<String>),
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// Lays out, imposes and writes the project as the request says. The sheets are written as
/// they are composed, a batch at a time (see [`compose_export_in_batches`]): 10,000 cards
/// never sit laid out in memory at once.
pub fn export_project(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &ExportRequest,
) -> Result<Exported, ExportError> {
    // The font set the layout will use, shared with the writer.
    engine.use_project_fonts(project);
    let fonts = engine.shared_fonts();
    let mut writer = PdfWriter::new(
        &fonts,
        WriteOptions {
            cmyk_black: request.cmyk_black,
        },
    );
    let mut lines = SheetLines::default();
    // The first picture the writer could not read stops the export (composition found it
    // readable: it changed while the export ran).
    let mut written = Ok(());
    let (composed, gate) = compose_export_in_batches(engine, project, request, &mut |batch| {
        lines.extend(batch.sheets());
        if written.is_ok() {
            written = writer.add_sheets(&batch);
        }
    })?;
    written?;
    let cleared = gate
        .clear(composed.info.clone())
        .map_err(|refusal| ExportError::PersonalData(refusal.places))?;
    let pages = writer.sheet_count();
    let bytes = writer.finish(&cleared)?;
    let mut notes = composed.notes;
    notes.extend(cleared.notes);
    let mut problems = composed.problems.clone();
    problems.extend(placeholder_problems(project, request));
    Ok(Exported {
        bytes,
        pages,
        lines,
        notes,
        problems,
        board_scale_denominator: composed.board_scale_denominator,
    })
}

impl Exported {
    /// The text lines of each page in order (for tests and checks).
    pub fn page_lines(&self) -> Vec<Vec<String>> {
        self.lines.page_lines()
    }
}

/// What the clerk reads when personal numbers stop an export: each place, then what to do.
pub fn personal_data_message(places: &[String]) -> String {
    format!(
        "有 {} 处个人信息（身份证号、银行卡号或手机号）会完整印出，不能导出：{}。请在设计器的检查结果中点“脱敏”，或把表格列设为相应的个人信息类型；确需公开的号码可标记“允许公开”并写明理由。",
        places.len(),
        places.join("；")
    )
}

/// The 【请填写】 left in what this export prints: the unit's details always; on a board (or
/// its tiles, or its register) the board's own text; on cards the card design's. An item on
/// no panel prints nowhere: `check` lists it, no export refuses for it.
pub fn placeholder_problems(project: &Project, request: &ExportRequest) -> Vec<String> {
    let board_id = match request.board.as_deref() {
        Some(wanted) => project.board_by_id_or_name(wanted),
        None => project.boards.first(),
    }
    .map(|board| board.id.clone());
    let card_id = match request.cards.as_deref() {
        Some(wanted) => project
            .card(wanted)
            .or_else(|| project.cards.iter().find(|card| card.name == wanted)),
        None => project.cards.first(),
    }
    .map(|card| card.id.clone());
    crate::model::placeholder_places(project)
        .iter()
        .filter(|place| {
            let unit_detail =
                place.board_ids.is_empty() && place.card_id.is_none() && !place.register_only;
            unit_detail
                || match request.mode {
                    // A register is the board's items as A4 pages.
                    ExportMode::Board
                    | ExportMode::Tiles
                    | ExportMode::Parts
                    | ExportMode::Register => board_id
                        .as_ref()
                        .is_some_and(|id| place.board_ids.contains(id)),
                    ExportMode::Cards => place.card_id.is_some() && place.card_id == card_id,
                }
        })
        .map(crate::model::PlaceholderPlace::message)
        .collect()
}

/// A board's or card design's name as a file name, through the privacy gate: characters no
/// file system takes become "_", personal numbers are masked (see
/// [`crate::compose::public_file_name`]).
pub fn file_name_for(name: &str) -> String {
    crate::compose::public_file_name(name, &crate::model::PrivacySettings::default())
}
