//! The board as printed: laid out with the computed footer dates and 对内 items left out,
//! imposed at true size or 1:N (bleed, crop marks, the scale on the slug), or tiled.

use super::impose::{self, BoardOptions};
use super::label::text_run;
use super::{ComposeError, Composed, ExportMode, ExportRequest, Placement, Sheet};
use crate::fonts::FaceId;
use crate::layout::{BoardFooterText, BoardLayout, FrameItem, LayoutEngine, Page, PointMm};
use crate::model::{Board, Project, Rgb};
use chrono::NaiveDate;
use std::rc::Rc;

pub(super) fn board_mode_sheets(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    request: &ExportRequest,
    composed: &mut Composed,
) -> Result<Vec<Sheet>, ComposeError> {
    // The footer's 下次公开日期 is worked out on the day of the export.
    let as_of = request.created.date_naive();
    let layout = print_layout(engine, project, board, as_of)?;
    composed.problems.extend(
        layout_problems(board, &layout)
            .into_iter()
            .map(|problem| problem.message),
    );
    composed.notes.extend(
        forced_cuts(project, &layout)
            .into_iter()
            .map(|cut| cut.message),
    );
    composed
        .notes
        .extend(undated_footer_note(project, board, as_of));
    let divided = board.divided_parts();
    if request.mode == ExportMode::Parts && divided.is_none() {
        return Err(ComposeError::NoParts(board.name.clone()));
    }
    if let Some(parts) = divided.filter(|_| request.mode != ExportMode::Board) {
        return super::parts::part_sheets(
            engine.fonts(),
            board,
            parts,
            &layout.page,
            request,
            composed,
        );
    }
    let page = Rc::new(layout.page);
    if request.mode == ExportMode::Tiles {
        let options = request.tile_options();
        return Ok(impose::tile_sheets(
            engine.fonts(),
            page,
            &board.name,
            &options,
        )?);
    }
    let options = BoardOptions {
        bleed_mm: request.bleed_mm.unwrap_or(0.0),
        crop_marks: request.marks,
        scale_denominator: request.scale_denominator,
    };
    let mut imposed = impose::board_sheet(page, &options)?;
    composed.board_scale_denominator = Some(imposed.scale_denominator);
    if imposed.scale_denominator > 1 {
        add_slug_line(
            engine.fonts(),
            &mut imposed.sheet,
            &scale_instruction_zh(imposed.scale_denominator),
        );
    }
    if imposed.scaled_to_fit {
        composed.notes.push(format!(
            "公开栏 {}×{} 毫米超过 PDF 页面上限 5080 毫米，已按 1:{} 缩小导出；请告诉印刷厂按 {} 倍放大输出。",
            board.size_mm.width_mm,
            board.size_mm.height_mm,
            imposed.scale_denominator,
            imposed.scale_denominator
        ));
    } else if imposed.scale_denominator > 1 {
        composed.notes.push(format!(
            "已按 1:{} 缩小导出；请告诉印刷厂按 {} 倍放大输出。",
            imposed.scale_denominator, imposed.scale_denominator
        ));
    }
    Ok(vec![imposed.sheet])
}

/// A board whose footer should carry the 公开日期 but has none yet because nothing on it was
/// published: said, since a board put up without its date is not a valid publication.
fn undated_footer_note(project: &Project, board: &Board, as_of: NaiveDate) -> Option<String> {
    let undated = board.footer.show_dates
        && crate::schedule::board_footer_dates(project, board, as_of).is_none();
    undated.then(|| {
        format!(
            "公开栏“{}”还没有发布过，栏脚没有印本期公开日期。张贴前请先“发布”（公开时效 → 发布），公开日期会自动印上。",
            board.name
        )
    })
}

/// A board laid out as its exports print it: the footer carries the dates computed from the
/// items on `as_of`. `project` is the view being composed (对内 items already left out).
fn print_layout(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    as_of: NaiveDate,
) -> Result<BoardLayout, ComposeError> {
    // The footer's 本期 / 下次公开日期 are computed from the items, never typed.
    let footer = BoardFooterText {
        dates_line: crate::schedule::footer_dates_text(project, board, as_of),
    };
    engine
        .layout_board_with_footer(project, &board.id, &footer)
        .map_err(|_| ComposeError::NoSuchBoard(board.id.clone()))
}

/// A board of the project laid out exactly as its exports print it (对内 items left out, the
/// computed footer dates on `as_of`, the day looked at): what the designer's canvas shows.
pub fn layout_as_printed(
    engine: &mut LayoutEngine,
    project: &Project,
    board_id: &str,
    as_of: NaiveDate,
) -> Result<BoardLayout, ComposeError> {
    let external = super::printed_view(project).project;
    let board = external
        .board(board_id)
        .ok_or_else(|| ComposeError::NoSuchBoard(board_id.to_owned()))?;
    print_layout(engine, &external, board, as_of)
}

/// What in a laid-out board stops its export: overflowing text, characters no font has and
/// text under a frame bar of a board with parts, each with the panel and item it is in.
fn layout_problems(board: &Board, layout: &BoardLayout) -> Vec<BoardProblem> {
    let placed = |kind: BoardProblemKind,
                  message: &str,
                  panel_id: Option<&str>,
                  item_id: &Option<String>| BoardProblem {
        kind,
        message: message.to_owned(),
        panel_id: panel_id.map(str::to_owned),
        item_id: item_id.clone(),
    };
    layout
        .overflows
        .iter()
        .map(|overflow| {
            placed(
                BoardProblemKind::Overflow,
                &overflow.message,
                Some(&overflow.panel_id),
                &overflow.item_id,
            )
        })
        .chain(layout.missing_glyphs.iter().map(|missing| {
            placed(
                BoardProblemKind::MissingGlyph,
                &missing.message,
                Some(&missing.panel_id),
                &missing.item_id,
            )
        }))
        .chain(
            super::parts::bar_crossings(board, layout)
                .into_iter()
                .map(|crossing| {
                    placed(
                        BoardProblemKind::BarCrossing,
                        &crossing.message,
                        crossing.panel_id.as_deref(),
                        &None,
                    )
                }),
        )
        .collect()
}

/// A token cut by force across lines, where it is (panel, item) and what the clerk reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForcedCut {
    pub panel_id: Option<String>,
    pub item_id: Option<String>,
    pub message: String,
}

/// The forced cuts of a laid-out board, one per panel and item (or title), in order.
pub fn forced_cuts(project: &Project, layout: &BoardLayout) -> Vec<ForcedCut> {
    // (panel, item) → lines cut and the first cut line's text, in order of appearance.
    type Place<'a> = (Option<&'a str>, Option<&'a str>);
    let mut cuts: Vec<(Place<'_>, usize, &str)> = Vec::new();
    // A table's cut cells are reported by table and column (below), not as loose lines.
    let in_misfit_table = |line: &crate::layout::LineInfo| {
        matches!(
            line.kind,
            crate::layout::LineKind::TableCell | crate::layout::LineKind::TableHeader
        ) && layout.table_misfits.iter().any(|misfit| {
            Some(misfit.panel_id.as_str()) == line.panel_id.as_deref()
                && misfit.item_id == line.item_id
        })
    };
    for line in layout
        .lines
        .iter()
        .filter(|line| line.forced && !in_misfit_table(line))
    {
        let key = (line.panel_id.as_deref(), line.item_id.as_deref());
        match cuts.iter_mut().find(|(known, _, _)| *known == key) {
            Some((_, count, _)) => *count += 1,
            None => cuts.push((key, 1, line.text.as_str())),
        }
    }
    let board = project.board(&layout.board_id);
    cuts.into_iter()
        .map(|((panel_id, item_id), count, example)| {
            let panel_title = panel_id
                .and_then(|id| board.and_then(|board| board.panel(id)))
                .map(|panel| format!("栏目“{}”", crate::text::quoted(&panel.title)));
            let item_title = item_id
                .and_then(|id| project.item(id))
                .map(|item| format!("“{}”", crate::text::quoted(&item.title)));
            let place = match (panel_title, item_title) {
                (Some(panel), Some(item)) => format!("{panel}中{item}"),
                (Some(panel), None) => panel,
                (None, Some(item)) => item,
                (None, None) => "公开栏上".to_owned(),
            };
            ForcedCut {
                panel_id: panel_id.map(str::to_owned),
                item_id: item_id.map(str::to_owned),
                message: format!(
                    "{place}有一串不能断开的字（如“{}”）比一行还宽，被强行断在 {count} 行里：数字、账号、网址断开后容易读错。请缩短、加空格分段或加宽栏目。",
                    crate::text::excerpt(example, 20)
                ),
            }
        })
        .chain(layout.table_misfits.iter().map(|misfit| ForcedCut {
            panel_id: Some(misfit.panel_id.clone()),
            item_id: misfit.item_id.clone(),
            message: misfit.message.clone(),
        }))
        .collect()
}

/// A problem or warning of a laid-out board, with the panel and item it is in (None: the
/// header, the footer or the board as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardProblem {
    pub kind: BoardProblemKind,
    pub message: String,
    pub panel_id: Option<String>,
    pub item_id: Option<String>,
}

/// What kind of trouble a [`BoardProblem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardProblemKind {
    /// Text that does not fit its panel.
    Overflow,
    /// A character no font has.
    MissingGlyph,
    /// Text under a frame bar of a board with parts.
    BarCrossing,
    /// The board could not be laid out at all.
    NotLaidOut,
    /// A token cut by force across lines (a warning).
    ForcedCut,
}

/// The layout problems of one board, as `export` would refuse it for, and its warnings (which
/// do not stop an export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardProblems {
    pub board_id: String,
    pub board_name: String,
    /// Overflows first, then missing characters, then text under frame bars.
    pub problems: Vec<BoardProblem>,
    pub overflows: usize,
    pub missing_glyphs: usize,
    /// Tokens cut by force ([`forced_cuts`]): tokens wider than their line (a long number, an
    /// account, a URL), one per panel and item. They do not stop an export, but the clerk
    /// should know a number is printed broken.
    pub warnings: Vec<BoardProblem>,
}

/// Every board of the project laid out exactly as `export` lays it out (对内 items left out,
/// computed footer dates), with its overflows and missing characters, and its forced cuts as
/// warnings; boards with neither are left out. Pictures are not looked at here
/// (`crate::images::check_images` does).
pub fn board_layout_problems(engine: &mut LayoutEngine, project: &Project) -> Vec<BoardProblems> {
    let external = super::printed_view(project).project;
    // The footer line is measured as of the latest publication: its text has the same length
    // on any day (the dates, not their number of characters, change).
    let as_of = project
        .items
        .iter()
        .filter_map(|item| item.disclosure.published_on)
        .max()
        .unwrap_or_default();
    external
        .boards
        .iter()
        .filter_map(|board| {
            let (problems, overflows, missing_glyphs, warnings) =
                match print_layout(engine, &external, board, as_of) {
                    Ok(layout) => (
                        layout_problems(board, &layout),
                        layout.overflows.len(),
                        layout.missing_glyphs.len(),
                        forced_cuts(&external, &layout)
                            .into_iter()
                            .map(|cut| BoardProblem {
                                kind: BoardProblemKind::ForcedCut,
                                message: cut.message,
                                panel_id: cut.panel_id,
                                item_id: cut.item_id,
                            })
                            .collect(),
                    ),
                    Err(error) => (
                        vec![BoardProblem {
                            kind: BoardProblemKind::NotLaidOut,
                            message: error.to_string(),
                            panel_id: None,
                            item_id: None,
                        }],
                        0,
                        0,
                        Vec::new(),
                    ),
                };
            (!problems.is_empty() || !warnings.is_empty()).then(|| BoardProblems {
                board_id: board.id.clone(),
                board_name: board.name.clone(),
                problems,
                overflows,
                missing_glyphs,
                warnings,
            })
        })
        .collect()
}

/// What the print shop must do with a board composed at 1:N.
pub fn scale_instruction_zh(denominator: u32) -> String {
    format!("按 1:{denominator} 缩小，请放大 {denominator} 倍输出")
}

/// Clearance between the slug line and the bleed (or trim) box, in mm on the sheet.
const SLUG_GAP_MM: f32 = 0.5;
/// The slug line is never taller than this.
const SLUG_MAX_PT: f32 = 8.0;
/// Below this size a slug line is unreadable: the metadata alone carries it.
const SLUG_MIN_PT: f32 = 4.0;

/// A line of text in the slug above the board (outside the bleed, right of the top-left crop
/// mark), if the sheet has room for it.
pub(super) fn add_slug_line(fonts: &crate::fonts::FontSet, sheet: &mut Sheet, text: &str) {
    let Some(band) = impose::slug_band_above(sheet) else {
        return;
    };
    let size_pt = crate::units::mm_to_pt((band.height_mm - SLUG_GAP_MM) * 0.7).min(SLUG_MAX_PT);
    if size_pt < SLUG_MIN_PT {
        return;
    }
    let run = text_run(fonts, FaceId::SANS, size_pt, Rgb(0, 0, 0), text);
    let baseline_mm =
        band.y_mm + band.height_mm - SLUG_GAP_MM - crate::units::pt_to_mm(size_pt) * 0.2;
    let x_mm = band.x_mm + crate::units::pt_to_mm(size_pt);
    let size_mm = sheet.size_mm;
    sheet.placements.push(Placement::at(
        Rc::new(Page {
            size_mm,
            items: vec![(PointMm::new(x_mm, baseline_mm), FrameItem::Text(run))],
        }),
        PointMm::new(0.0, 0.0),
    ));
}
