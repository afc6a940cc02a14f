//! From a project to sheets: everything that decides what is printed where, for every output
//! — the board as printed (external view, computed footer dates, 1:N, bleed and marks), tiles
//! for the office printer, the 表簿 register, 明白卡 merged with their records and imposed N-up,
//! and the pages of the A4 reports. The PDF writer (`crate::pdf`) draws the [`Sheet`]s it is
//! given and decides nothing; the app's export preview stops here (page count, notes,
//! problems) and never writes a PDF.
//!
//! - [`compose_export`]: a project and an [`ExportRequest`] → [`Composed`] sheets;
//! - [`board`], [`register`], [`cards`], [`report`]: the sheets of each kind;
//! - [`impose`]: placing laid-out pages on sheets (board, tiles, cards), marks and labels.

pub mod board;
pub mod cards;
mod gate;
pub mod impose;
pub mod label;
pub mod missing_picture;
pub mod parts;
pub mod pictures;
pub mod privacy;
pub mod register;
pub mod report;
mod sheet;

pub use board::{
    BoardProblem, BoardProblemKind, BoardProblems, board_layout_problems, layout_as_printed,
    scale_instruction_zh,
};
pub use cards::{CARD_SHEETS_PER_BATCH, fill_placeholders};
pub use gate::{Cleared, Gate, GatedSheets, Refusal, public_file_name};
pub use impose::{ImposeError, Paper};
pub use pictures::{PictureName, PictureRequest, PictureSheet, compose_pictures};
pub use privacy::PersonalDataFinding;
pub use report::{ReportSheets, report_sheets};
pub use sheet::{
    DocumentInfo, Placement, Sheet, SheetLines, distinct_pages, page_lines, page_text_runs,
};

use crate::fonts::FontSet;
use crate::images::{MIN_PRINT_DPI, print_dpi};
use crate::layout::{FrameItem, LayoutEngine};
use crate::model::{Board, CardDesign, Project};

/// What to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportMode {
    /// The board at true size (or 1:N) for the print shop.
    #[default]
    Board,
    /// The board at 100 % on A4/A3 sheets (a board with parts: each part on its own).
    Tiles,
    /// A board with parts: one sheet per part at true size, its place on the slug.
    Parts,
    /// 表簿: the board's items as A4 pages.
    Register,
    /// 明白卡, N-up.
    Cards,
}

/// Everything the export needs besides the project.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub mode: ExportMode,
    /// The board's id or name (default: the first board).
    pub board: Option<String>,
    /// The card design's id or name (default: the first).
    pub cards: Option<String>,
    pub paper: Paper,
    pub overlap_mm: f32,
    /// Tiles: leave out sheets that would print only the background (default on).
    pub skip_blank_tiles: bool,
    /// Tiles: fit the board to (columns, rows) sheets, reduced; None: true size.
    pub fit_sheets: Option<(u32, u32)>,
    /// Tiles: header and footer bands as outlines (toner saving).
    pub toner_saving: bool,
    /// Board bleed (default 0) or card bleed (default 3 mm).
    pub bleed_mm: Option<f32>,
    pub scale_denominator: u32,
    /// Crop marks on the board; full-length (rather than gutter) marks on cards.
    pub marks: bool,
    /// Card backs after each sheet of fronts, for long-edge duplex.
    pub card_backs: bool,
    /// Which card records print, in which order; None: the design's own filter and sort.
    pub card_view: Option<crate::model::RecordView>,
    pub cmyk_black: bool,
    /// A register for inside the office (对内): includes the 对内 items every other export
    /// leaves out.
    pub internal: bool,
    /// The creation date written into the PDF.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

impl ExportRequest {
    /// The tiled export's options this request asks for.
    pub fn tile_options(&self) -> impose::TileOptions {
        impose::TileOptions {
            paper: self.paper,
            overlap_mm: self.overlap_mm,
            skip_blank: self.skip_blank_tiles,
            fit_sheets: self.fit_sheets,
            toner_saving: self.toner_saving,
        }
    }
}

impl Default for ExportRequest {
    fn default() -> Self {
        ExportRequest {
            mode: ExportMode::Board,
            board: None,
            cards: None,
            paper: Paper::A4,
            overlap_mm: 15.0,
            skip_blank_tiles: true,
            fit_sheets: None,
            toner_saving: false,
            bleed_mm: None,
            scale_denominator: 1,
            marks: false,
            card_backs: true,
            card_view: None,
            cmyk_black: false,
            internal: false,
            created: chrono::DateTime::default(),
        }
    }
}

/// The sheets of an export and what the clerk should know about them.
#[derive(Clone, Debug, Default)]
pub struct Composed {
    pub sheets: Vec<Sheet>,
    /// The document's title (the board's or card design's name), author (单位) and, for a
    /// reduced board, the scale.
    pub info: DocumentInfo,
    /// Worth saying but not a problem (e.g. the scale chosen).
    pub notes: Vec<String>,
    /// Overflowing text and characters no font has: each message says what to do.
    pub problems: Vec<String>,
    /// A board at true size: Some(1); reduced 1:N: Some(N); other modes: None.
    pub board_scale_denominator: Option<u32>,
    /// Personal numbers the sheets would show in full: the export is refused while there are
    /// any, `--force` or not.
    pub personal_data: Vec<PersonalDataFinding>,
    /// A board made of parts printed part by part on pages without a slug (no bleed, no marks):
    /// each page's part ("第 2 块 共 3 块（从左到右）"), written into the document's subject
    /// and title instead of onto the page, which stays the part's exact size.
    pub part_pages: Vec<String>,
}

impl Composed {
    /// The text lines of each sheet in order (for tests and checks).
    pub fn page_lines(&self) -> Vec<Vec<String>> {
        page_lines(&self.sheets)
    }
}

/// Why nothing could be composed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("项目中没有公开栏。请先在设计器中新建一块公开栏。")]
    NoBoards,
    #[error("项目中没有名为“{0}”的公开栏。请用 --board 指定已有公开栏的名称或编号。")]
    NoSuchBoard(String),
    #[error("项目中没有明白卡。请先在设计器中新建明白卡。")]
    NoCards,
    #[error("项目中没有名为“{0}”的明白卡。请用 --cards 指定已有明白卡的名称或编号。")]
    NoSuchCards(String),
    #[error("公开栏“{0}”没有分块。请先在公开栏的“分块”里设置（如 3 门橱窗），或导出整版。")]
    NoParts(String),
    #[error("{0}")]
    Impose(#[from] ImposeError),
}

/// Lays out and imposes the project as the request says: the sheets, with the document's
/// metadata, notes and problems. 对内 items are left out of everything but an internal register.
pub fn compose_export(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &ExportRequest,
) -> Result<Composed, ComposeError> {
    let mut sheets = Vec::new();
    let (mut composed, _gate) =
        compose_export_in_batches(engine, project, request, &mut |batch| {
            sheets.extend(batch.into_sheets())
        })?;
    composed.sheets = sheets;
    Ok(composed)
}

/// As [`compose_export`], but the sheets are handed to `sink` a batch at a time and not kept
/// (the returned `Composed` has none): cards come [`cards::CARD_SHEETS_PER_BATCH`] sheets at a
/// time, so 10,000 cards are never all laid out at once; other modes come in one batch. Every
/// batch has passed the output's privacy [`Gate`], returned with the sheets' metadata: a
/// writer needs the gate's [`Cleared`] document to finish.
pub fn compose_export_in_batches(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &ExportRequest,
    sink: &mut dyn FnMut(GatedSheets),
) -> Result<(Composed, Gate), ComposeError> {
    let mut composed = Composed::default();
    let mut pictures = PictureCheck::default();
    let fonts = engine.shared_fonts();
    // The project's fonts (found again only if its installed families changed); a family that
    // could not be loaded prints in the bundled serif, and the notes say so.
    engine.use_project_fonts(project);
    composed
        .notes
        .extend(engine.fonts().problems().iter().cloned());
    // 对内 items stay out of everything but an internal register; say which were left out.
    let internal_register = request.internal && request.mode == ExportMode::Register;
    let original = project;
    let filled;
    let printed;
    let project = if internal_register {
        // `{单位名称}`, `{监督电话}`… print as the unit's details.
        filled = {
            let mut filled = project.with_unit_fields();
            crate::schedule::stage::print_stages(&mut filled);
            filled
        };
        if printed_view(project).left_out.is_empty() {
            composed.notes.push(
                "项目中没有对内公开的事项：对内表簿的事项与公开表簿相同，只是个人信息完整印出、每页有“对内”标记。"
                    .to_owned(),
            );
        }
        &filled
    } else {
        printed = printed_view(project);
        composed
            .notes
            .extend(crate::schedule::left_out_message(&printed.left_out));
        &printed.project
    };
    let mut gate = Gate::internal_register(project);
    let title = match request.mode {
        ExportMode::Board | ExportMode::Tiles | ExportMode::Parts | ExportMode::Register => {
            let board = find_board(project, request.board.as_deref())?;
            if !internal_register {
                composed.personal_data = privacy::board_findings(project, original, board);
                composed
                    .personal_data
                    .extend(privacy::unit_findings(project, original));
                gate = Gate::public(project, composed.personal_data.clone());
            }
            let sheets = match request.mode {
                ExportMode::Register => register::register_sheets(
                    engine,
                    project,
                    board,
                    internal_register,
                    &mut composed,
                ),
                _ => board::board_mode_sheets(engine, project, board, request, &mut composed)?,
            };
            let mut sheets = sheets;
            pictures.settle(&fonts, &mut sheets);
            sink(gate.pass(sheets));
            board.name.clone()
        }
        ExportMode::Cards => {
            let design = find_cards(project, request.cards.as_deref())?;
            composed.personal_data = privacy::card_findings(project, original, design);
            composed
                .personal_data
                .extend(privacy::unit_findings(project, original));
            gate = Gate::public(project, composed.personal_data.clone());
            cards::card_mode_batches(
                engine,
                project,
                design,
                request,
                &mut composed,
                &mut |batch| {
                    let mut batch = batch;
                    pictures.settle(&fonts, &mut batch);
                    sink(gate.pass(batch));
                },
            )?;
            design.name.clone()
        }
    };
    let subject = composed
        .board_scale_denominator
        .filter(|denominator| *denominator > 1)
        .map(|denominator| {
            (
                scale_instruction_zh(denominator),
                format!("比例 1:{denominator}"),
            )
        });
    let (mut subject, mut keywords) = subject.unwrap_or_default();
    let mut title = title;
    if !composed.part_pages.is_empty() {
        let pages: Vec<String> = composed
            .part_pages
            .iter()
            .enumerate()
            .map(|(index, label)| format!("第 {} 页：{label}", index + 1))
            .collect();
        subject = [subject, pages.join("；")]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("　");
        keywords = [keywords, "分块".to_owned()]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        title = format!("{title}-分{}块-每页一块", composed.part_pages.len());
    }
    if internal_register {
        title = format!("{title}（对内表簿）");
        subject = [subject, register::INTERNAL_MARK.to_owned()]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join("　");
    }
    composed.info = DocumentInfo {
        title,
        author: project.meta.unit_name.clone(),
        subject,
        keywords,
        created: request.created,
    };
    composed.problems.extend(pictures.problems);
    composed.notes.extend(pictures.notes);
    Ok((composed, gate))
}

/// The project as every external output prints it: the unit's details filled in, 对内 items
/// left out (and named), personal table columns and card fields masked. The canvas, `check` and every export use this one view.
pub fn printed_view(project: &Project) -> crate::schedule::ExternalView {
    // `{单位名称}`, `{监督电话}`… print as the unit's details; each stage is printed.
    let mut filled = project.with_unit_fields();
    crate::schedule::stage::print_stages(&mut filled);
    let external = crate::schedule::external_view(&filled);
    crate::schedule::ExternalView {
        project: privacy::masked_view(&external.project),
        left_out: external.left_out,
    }
}

/// Every personal number that some external output of the project (any board, any card
/// design, the unit's details on all of them, the catalog in the reports) would print in full:
/// the places the privacy [`Gate`] of those outputs refuses for. `check`, the app and the
/// county summary list these.
pub fn personal_data_findings(project: &Project) -> Vec<PersonalDataFinding> {
    let printed = printed_view(project).project;
    let unit = privacy::unit_findings(&printed, project);
    let catalog = privacy::catalog_findings(&printed, project);
    let loose_items = privacy::item_title_findings(&printed, project, true);
    let boards = printed
        .boards
        .iter()
        .flat_map(|board| privacy::board_findings(&printed, project, board));
    let cards = printed
        .cards
        .iter()
        .flat_map(|design| privacy::card_findings(&printed, project, design));
    unit.into_iter()
        .chain(catalog)
        .chain(loose_items)
        .chain(boards)
        .chain(cards)
        .collect()
}

/// Each picture on the sheets once: one that cannot be read or is damaged (decoded to be
/// sure) is a problem, and composition puts the grey 「图片无法读取」 frame in its place
/// ([`missing_picture`]); one that prints below [`MIN_PRINT_DPI`] is a note. Fed batch by
/// batch, before the gate: writers get only pictures that can be read.
#[derive(Default)]
pub(super) struct PictureCheck {
    /// Each picture seen, and whether it can be used.
    seen: std::collections::BTreeMap<std::path::PathBuf, bool>,
    pub(super) problems: Vec<String>,
    pub(super) notes: Vec<String>,
}

impl PictureCheck {
    /// Looks at the sheets' pictures not seen before, and replaces each picture that cannot
    /// be used by its placeholder.
    pub(super) fn settle(&mut self, fonts: &FontSet, sheets: &mut [Sheet]) {
        let pictures: Vec<(std::path::PathBuf, f32)> = distinct_pages(sheets)
            .into_iter()
            .flat_map(|page| page.items.iter())
            .filter_map(|(_, item)| match item {
                FrameItem::Image { size_mm, path } => Some((path.clone(), size_mm.width_mm)),
                _ => None,
            })
            .collect();
        for (path, width_mm) in pictures {
            if self.seen.contains_key(&path) {
                continue;
            }
            let usable = match crate::images::verify(&path) {
                Err(error) => {
                    self.problems
                        .push(format!("{error}。印出来会是一个写着“图片无法读取”的灰框。"));
                    false
                }
                Ok(info) => {
                    let dpi = print_dpi(info.width_px, width_mm);
                    if dpi < MIN_PRINT_DPI {
                        self.notes.push(format!(
                            "图片“{}”只有 {}×{} 像素，印成 {:.0} 毫米宽时约 {:.0} dpi，近看会模糊；最好换一张像素更高的图片。",
                            crate::text::quoted(&path.display().to_string()),
                            info.width_px,
                            info.height_px,
                            width_mm,
                            dpi
                        ));
                    }
                    true
                }
            };
            self.seen.insert(path, usable);
        }
        let unusable = |path: &std::path::Path| self.seen.get(path) == Some(&false);
        missing_picture::put_placeholders(fonts, sheets, &unusable);
    }
}

pub(super) fn find_board<'p>(
    project: &'p Project,
    wanted: Option<&str>,
) -> Result<&'p Board, ComposeError> {
    match wanted {
        Some(name) => project
            .board_by_id_or_name(name)
            .ok_or_else(|| ComposeError::NoSuchBoard(name.to_owned())),
        None => project.boards.first().ok_or(ComposeError::NoBoards),
    }
}

pub(super) fn find_cards<'p>(
    project: &'p Project,
    wanted: Option<&str>,
) -> Result<&'p CardDesign, ComposeError> {
    match wanted {
        Some(name) => project
            .cards
            .iter()
            .find(|card| card.id == name || card.name == name)
            .ok_or_else(|| ComposeError::NoSuchCards(name.to_owned())),
        None => project.cards.first().ok_or(ComposeError::NoCards),
    }
}
