//! Pictures for phones (the village WeChat group, 村务公开微信群): the sheets of a picture
//! export, drawn by `crate::raster` as the PDF writer draws the others.
//!
//! - the whole board: the board sheet exactly as the PDF export composes it;
//! - one long picture (长图) per panel: a new sheet kind, [`PHONE_PAGE_WIDTH_MM`] wide — the
//!   unit and board name on top, the panel's items and blocks in reading order laid out by the
//!   layout engine from the printed view (masked as every export is), and at the bottom the
//!   公开日期, 下次公开日期, 监督电话 and 「本图与公开栏原件内容一致」; a panel taller than
//!   [`PHONE_MAX_HEIGHT_MM`] continues on a second picture, numbered 1/2, 2/2;
//! - each household's 明白卡, front and back side by side (`cards::card_picture_batches`).
//!
//! Everything decided here — masking, 对内 items left out, the dates, what refuses — is what
//! the PDF export decides: both start from [`super::compose_export_in_batches`].

use super::label::text_run;
use super::{
    Cleared, ComposeError, Composed, ExportMode, ExportRequest, GatedSheets, Placement, Refusal,
    Sheet,
};
use crate::fonts::{FaceId, FontSet};
use crate::layout::{Flow, FrameItem, LayoutEngine, Page, PointMm, Stroke, TextRun};
use crate::model::{Board, Panel, Project, Rgb, SizeMm};
use std::rc::Rc;

/// The width of a panel picture's page. At the default 1080 px a millimetre is 10.8 px, so
/// 9 pt (3.18 mm) is 34 px tall: sharp on a phone, ~22 characters of body text a line.
pub const PHONE_PAGE_WIDTH_MM: f32 = 100.0;
/// The tallest panel picture before it continues on the next (9 times its width).
pub const PHONE_MAX_HEIGHT_MM: f32 = 900.0;
/// Body text of a panel picture (item titles scaled alike).
pub const PHONE_BODY_PT: f32 = 11.0;
/// The smallest text on a panel picture (the footer).
pub const PHONE_SMALLEST_PT: f32 = 9.0;
/// Default widths in pixels.
pub const DEFAULT_BOARD_WIDTH_PX: u32 = 3000;
pub const DEFAULT_PHONE_WIDTH_PX: u32 = 1080;
/// The narrowest panel picture: below it a 9 pt line would be under 24 px tall.
pub const MIN_PHONE_WIDTH_PX: u32 = 760;
/// The sentence at the bottom of every panel picture.
pub const SAME_AS_BOARD: &str = "「本图与公开栏原件内容一致」";

const MARGIN_MM: f32 = 6.0;
const BAND_MM: f32 = 24.0;
const TITLE_BAR_MM: f32 = 12.0;
const GAP_MM: f32 = 5.0;
const FOOTER_LINE_MM: f32 = 5.6;
const GREY: Rgb = Rgb(0x42, 0x42, 0x42);

/// What a picture shows, from which its file is named (`jobs::pictures::picture_file_name`,
/// the one place names are made).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PictureName {
    /// The whole board.
    Board { board_name: String },
    /// The `number`-th panel (from 1); `part` is (this, of) when it takes several pictures.
    Panel {
        number: usize,
        title: String,
        part: Option<(usize, usize)>,
    },
    /// A household's card: its 户号 when it has one that is not a personal number, else its
    /// place in the 名单 (from 1).
    Card {
        household_number: Option<String>,
        position: usize,
    },
}

/// A sheet to draw as one picture, with its name and width. The sheet has passed the
/// output's privacy gate (the raster exporter takes only gated sheets).
#[derive(Debug)]
pub struct PictureSheet {
    pub name: PictureName,
    pub sheet: GatedSheets,
    pub width_px: u32,
}

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureRequest {
    /// The board's id or name (default: the first board).
    pub board: Option<String>,
    /// Some: the card pictures of this design (id or name) instead of the board's pictures.
    pub cards: Option<String>,
    pub board_width_px: u32,
    /// Panel pictures; each card face is drawn this wide too.
    pub phone_width_px: u32,
    /// Which card records, in which order; None: the design's own filter and sort.
    pub card_view: Option<crate::model::RecordView>,
    /// When the pictures are made: the footer dates are computed as of this day.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

impl Default for PictureRequest {
    fn default() -> Self {
        PictureRequest {
            board: None,
            cards: None,
            board_width_px: DEFAULT_BOARD_WIDTH_PX,
            phone_width_px: DEFAULT_PHONE_WIDTH_PX,
            card_view: None,
            created: chrono::DateTime::default(),
        }
    }
}

impl PictureRequest {
    /// The PDF export this picture export follows (its checks, masking and refusals).
    pub fn export_request(&self) -> ExportRequest {
        ExportRequest {
            mode: if self.cards.is_some() {
                ExportMode::Cards
            } else {
                ExportMode::Board
            },
            board: self.board.clone(),
            cards: self.cards.clone(),
            bleed_mm: Some(0.0),
            card_backs: true,
            card_view: self.card_view.clone(),
            created: self.created,
            ..ExportRequest::default()
        }
    }
}

/// Why the picture widths cannot be used (said before anything is composed).
pub fn width_problem(request: &PictureRequest) -> Option<String> {
    if !(200..=crate::raster::MAX_WIDTH_PX).contains(&request.board_width_px) {
        return Some(format!(
            "整版图片宽度 {} 像素不可用：请选 200 到 {} 像素之间。",
            request.board_width_px,
            crate::raster::MAX_WIDTH_PX
        ));
    }
    if !(MIN_PHONE_WIDTH_PX..=2 * DEFAULT_PHONE_WIDTH_PX).contains(&request.phone_width_px) {
        return Some(format!(
            "手机图片宽度 {} 像素不可用：请选 {MIN_PHONE_WIDTH_PX} 到 {} 像素之间（默认 {DEFAULT_PHONE_WIDTH_PX}）；再窄，9 磅的字在手机上不到 24 像素高，看不清。",
            request.phone_width_px,
            2 * DEFAULT_PHONE_WIDTH_PX
        ));
    }
    None
}

/// The pictures of a request, handed to `sink` a batch at a time (cards: a batch of households
/// at a time), every sheet through the output's privacy gate — the same gate, fed the same
/// sheets, as the PDF export of the board or cards — and only once the gate has cleared the
/// output: a refused export draws nothing. `sink` is told what composition says first (the
/// problems that stop an export unless forced). Returns what composition says (notes, problems)
/// and the gate's verdict.
pub fn compose_pictures(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &PictureRequest,
    sink: &mut dyn FnMut(&Composed, Vec<PictureSheet>),
) -> Result<(Composed, Result<Cleared, Refusal>), ComposeError> {
    let export = request.export_request();
    if request.cards.is_some() {
        // The PDF's composition of the same cards passes every face through the gate; its
        // sheets are not kept. Once it clears, the pictures are composed from the same faces.
        let (composed, gate) =
            super::compose_export_in_batches(engine, project, &export, &mut |_| {})?;
        let cleared = gate.clear(composed.info.clone());
        if cleared.is_err() {
            return Ok((composed, cleared));
        }
        let printed = super::printed_view(project).project;
        let design = super::find_cards(&printed, request.cards.as_deref())?;
        let mut gate = super::Gate::public(project, composed.personal_data.clone());
        let mut pictures = super::PictureCheck::default();
        let fonts = engine.shared_fonts();
        super::cards::card_picture_batches(
            engine,
            &printed,
            design,
            &export,
            request,
            &mut |batch| {
                let gated = batch
                    .into_iter()
                    .map(|(name, mut sheet, width_px)| {
                        pictures.settle(&fonts, std::slice::from_mut(&mut sheet));
                        PictureSheet {
                            name,
                            sheet: gate.pass(vec![sheet]),
                            width_px,
                        }
                    })
                    .collect();
                sink(&composed, gated);
            },
        );
        let pictures_cleared = gate.clear(composed.info.clone());
        return Ok((composed, pictures_cleared));
    }
    let mut board_sheets = Vec::new();
    let (mut composed, mut gate) =
        super::compose_export_in_batches(engine, project, &export, &mut |batch| {
            board_sheets.push(batch)
        })?;
    let printed = super::printed_view(project).project;
    let board = super::find_board(&printed, request.board.as_deref())?;
    let as_of = request.created.date_naive();
    let panels = panel_sheets(engine, &printed, board, as_of, &mut composed);
    // A picture the panel pictures show that cannot be read, as the board's are checked (the
    // board may not show it: it overflowed there); it prints as its placeholder.
    let mut pictures = super::PictureCheck::default();
    let fonts = engine.shared_fonts();
    let mut panels = panels;
    for (_, sheet) in &mut panels {
        pictures.settle(&fonts, std::slice::from_mut(sheet));
    }
    for problem in pictures.problems {
        if !composed.problems.contains(&problem) {
            composed.problems.push(problem);
        }
    }
    for note in pictures.notes {
        if !composed.notes.contains(&note) {
            composed.notes.push(note);
        }
    }
    if panels.is_empty() {
        composed.problems.push(format!(
            "公开栏“{}”上还没有任何栏目内容，没有可导出的图片。请先在栏目里添加公开事项。",
            crate::text::quoted(&board.name)
        ));
    }
    let board_pictures: Vec<PictureSheet> = board_sheets
        .into_iter()
        .map(|sheet| PictureSheet {
            name: PictureName::Board {
                board_name: board.name.clone(),
            },
            sheet,
            width_px: request.board_width_px,
        })
        .collect();
    let panel_pictures: Vec<PictureSheet> = panels
        .into_iter()
        .map(|(name, sheet)| PictureSheet {
            name,
            sheet: gate.pass(vec![sheet]),
            width_px: request.phone_width_px,
        })
        .collect();
    let cleared = gate.clear(composed.info.clone());
    if cleared.is_ok() {
        sink(
            &composed,
            board_pictures.into_iter().chain(panel_pictures).collect(),
        );
    }
    Ok((composed, cleared))
}

/// The long pictures of each panel with content, in the board's panel order.
fn panel_sheets(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    as_of: chrono::NaiveDate,
    composed: &mut Composed,
) -> Vec<(PictureName, Sheet)> {
    let footer = footer_lines(project, board, as_of);
    let mut sheets = Vec::new();
    let mut number = 0;
    for panel in &board.panels {
        let flow = panel_flow(engine, project, board, panel);
        if flow.pieces.is_empty() {
            continue;
        }
        number += 1;
        let content_height_mm = PHONE_MAX_HEIGHT_MM - chrome_height_mm(footer.len());
        let pages = flow.paginate(content_height_mm);
        if pages
            .iter()
            .any(|page| page.height_mm > content_height_mm + 0.5)
        {
            composed.notes.push(format!(
                "栏目“{}”中有一段内容比一张手机图片还高，这张图片会比其他的长。",
                crate::text::quoted(&panel.title)
            ));
        }
        let count = pages.len();
        for (index, page) in pages.iter().enumerate() {
            let part = (count > 1).then_some((index + 1, count));
            let header = Header {
                unit: &project.meta.unit_name,
                board: &board.name,
                panel: &panel.title,
                part,
                theme: &board.theme,
            };
            let sheet = phone_sheet(engine.fonts(), &header, &flow, page, &footer);
            sheets.push((
                PictureName::Panel {
                    number,
                    title: panel.title.clone(),
                    part,
                },
                sheet,
            ));
        }
    }
    sheets
}

/// A panel's items (对内 ones are already gone from the printed view) and its own blocks, in
/// reading order, laid out one column wide in the panel's style at [`PHONE_BODY_PT`].
fn panel_flow(engine: &mut LayoutEngine, project: &Project, board: &Board, panel: &Panel) -> Flow {
    if panel.band {
        return Flow::default();
    }
    let width_mm = PHONE_PAGE_WIDTH_MM - 2.0 * MARGIN_MM;
    let text_style = panel.style.as_ref().unwrap_or(&board.style);
    let mut style = engine
        .flow_style(text_style, &board.theme)
        .scaled_to(PHONE_BODY_PT);
    // A wide table shrinks no further than a phone keeps legible (9 pt ≥ 24 px at 1080 px).
    style.table_floor_pt = PHONE_SMALLEST_PT;
    let mut flow = Flow::default();
    for (index, item) in panel
        .item_ids
        .iter()
        .filter_map(|id| project.item(id))
        .enumerate()
    {
        let item_flow = whole_token_flow(engine, Some(&item.title), &item.blocks, width_mm, &style);
        flow.append(item_flow, index);
    }
    if !panel.blocks.is_empty() {
        let own = whole_token_flow(engine, None, &panel.blocks, width_mm, &style);
        flow.append(own, panel.item_ids.len());
    }
    flow
}

/// Blocks laid out at [`PHONE_BODY_PT`], or a point or two smaller (never under
/// [`PHONE_SMALLEST_PT`]) when that keeps every number and word whole: a wide table on a
/// phone gets smaller type before an amount is broken across lines.
fn whole_token_flow(
    engine: &mut LayoutEngine,
    title: Option<&str>,
    blocks: &[crate::model::Block],
    width_mm: f32,
    style: &crate::layout::FlowStyle,
) -> Flow {
    let mut flow = engine.flow_blocks(title, blocks, width_mm, style);
    let mut body_pt = PHONE_BODY_PT;
    while has_forced_cuts(&flow) && body_pt > PHONE_SMALLEST_PT {
        body_pt -= 1.0;
        let smaller = style.scaled_to(body_pt);
        let candidate = engine.flow_blocks(title, blocks, width_mm, &smaller);
        let better = !has_forced_cuts(&candidate) || body_pt <= PHONE_SMALLEST_PT;
        if better {
            flow = candidate;
        }
    }
    flow
}

fn has_forced_cuts(flow: &Flow) -> bool {
    flow.pieces
        .iter()
        .flat_map(|piece| &piece.lines)
        .any(|line| line.forced)
}

/// What stands above a panel picture's content.
struct Header<'a> {
    unit: &'a str,
    board: &'a str,
    panel: &'a str,
    part: Option<(usize, usize)>,
    theme: &'a crate::model::Theme,
}

/// Band, title bar and footer: everything but the content, in mm.
fn chrome_height_mm(footer_lines: usize) -> f32 {
    BAND_MM + TITLE_BAR_MM + 2.0 * GAP_MM + footer_height_mm(footer_lines)
}

fn footer_height_mm(lines: usize) -> f32 {
    3.0 + FOOTER_LINE_MM * (lines as f32 + 1.0) + MARGIN_MM
}

/// One panel picture: header, one page of the panel's flow, footer.
fn phone_sheet(
    fonts: &FontSet,
    header: &Header<'_>,
    flow: &Flow,
    page: &crate::layout::FlowPage,
    footer: &[String],
) -> Sheet {
    let width_mm = PHONE_PAGE_WIDTH_MM;
    let inner_mm = width_mm - 2.0 * MARGIN_MM;
    let content_top_mm = BAND_MM + TITLE_BAR_MM + GAP_MM;
    let footer_top_mm = content_top_mm + page.height_mm + GAP_MM;
    let size_mm = SizeMm::new(width_mm, footer_top_mm + footer_height_mm(footer.len()));
    let theme = header.theme;
    let mut items: Vec<(PointMm, FrameItem)> = Vec::new();
    // The band: 单位 large, the board's name under it.
    items.push(filled(
        PointMm::new(0.0, 0.0),
        SizeMm::new(width_mm, BAND_MM),
        theme.header_background,
    ));
    let unit = fitted_run(
        fonts,
        FaceId::SANS_BOLD,
        16.0,
        theme.header_text,
        header.unit,
        inner_mm,
    );
    items.push(centred(unit, width_mm, 11.5));
    let board = fitted_run(
        fonts,
        FaceId::SANS,
        11.0,
        theme.header_text,
        header.board,
        inner_mm,
    );
    items.push(centred(board, width_mm, 19.5));
    // The panel's title bar, with 1/2 at its right end when the panel continues.
    items.push(filled(
        PointMm::new(0.0, BAND_MM),
        SizeMm::new(width_mm, TITLE_BAR_MM),
        theme.panel_title_background,
    ));
    let part = header.part.map(|(this, of)| format!("{this}/{of}"));
    let part_run = part
        .as_deref()
        .map(|text| text_run(fonts, FaceId::SANS_BOLD, 12.0, theme.panel_title_text, text));
    let part_width_mm = part_run.as_ref().map_or(0.0, |run| run.width_mm + 3.0);
    let title = fitted_run(
        fonts,
        FaceId::SANS_BOLD,
        14.0,
        theme.panel_title_text,
        header.panel,
        inner_mm - part_width_mm,
    );
    let title_baseline_mm = BAND_MM + TITLE_BAR_MM / 2.0 + 1.7;
    items.push((
        PointMm::new(MARGIN_MM, title_baseline_mm),
        FrameItem::Text(title),
    ));
    if let Some(run) = part_run {
        items.push((
            PointMm::new(width_mm - MARGIN_MM - run.width_mm, title_baseline_mm),
            FrameItem::Text(run),
        ));
    }
    // The content.
    items.extend(flow.page_items(page, PointMm::new(MARGIN_MM, content_top_mm)));
    // The footer: a rule, the dates and 监督电话, the sentence.
    items.push((
        PointMm::new(MARGIN_MM, footer_top_mm),
        FrameItem::Line {
            to: PointMm::new(width_mm - MARGIN_MM, footer_top_mm),
            stroke: Stroke {
                width_mm: 0.3,
                color: GREY,
            },
        },
    ));
    let mut baseline_mm = footer_top_mm + 3.0 + FOOTER_LINE_MM - 1.2;
    for line in footer {
        let run = fitted_run(fonts, FaceId::SANS, 10.0, GREY, line, inner_mm);
        items.push((PointMm::new(MARGIN_MM, baseline_mm), FrameItem::Text(run)));
        baseline_mm += FOOTER_LINE_MM;
    }
    let same = fitted_run(
        fonts,
        FaceId::SANS_BOLD,
        10.0,
        theme.header_background,
        SAME_AS_BOARD,
        inner_mm,
    );
    items.push(centred(same, width_mm, baseline_mm));
    let mut sheet = Sheet::new(size_mm);
    sheet.placements.push(Placement::at(
        Rc::new(Page { size_mm, items }),
        PointMm::new(0.0, 0.0),
    ));
    sheet
}

/// 公开日期, 下次公开日期 and 监督电话, a line each, as the board's footer computes them.
fn footer_lines(project: &Project, board: &Board, as_of: chrono::NaiveDate) -> Vec<String> {
    let style = project.settings.date_style;
    let dates = crate::schedule::board_footer_dates(project, board, as_of);
    let mut lines = vec![match dates {
        Some(dates) => format!(
            "公开日期：{}",
            crate::schedule::format_date(dates.this_issue, style)
        ),
        None => "公开日期：尚未发布".to_owned(),
    }];
    if let Some(next) = dates.and_then(|dates| dates.next_issue) {
        lines.push(format!(
            "下次公开日期：{}",
            crate::schedule::format_date(next, style)
        ));
    }
    let phone = project.meta.supervision_phone.trim();
    if !phone.is_empty() {
        lines.push(format!("监督电话：{phone}"));
    }
    lines
}

fn filled(at: PointMm, size_mm: SizeMm, color: Rgb) -> (PointMm, FrameItem) {
    (
        at,
        FrameItem::Rect {
            size_mm,
            fill: Some(color),
            stroke: None,
        },
    )
}

/// A run centred across the page on `baseline_mm`.
fn centred(run: TextRun, page_width_mm: f32, baseline_mm: f32) -> (PointMm, FrameItem) {
    let x_mm = ((page_width_mm - run.width_mm) / 2.0).max(0.0);
    (PointMm::new(x_mm, baseline_mm), FrameItem::Text(run))
}

/// A one-line run at `size_pt`, smaller (down to [`PHONE_SMALLEST_PT`]) when it would be wider
/// than `max_width_mm`; a longer text is cut with "…".
fn fitted_run(
    fonts: &FontSet,
    face: FaceId,
    size_pt: f32,
    color: Rgb,
    text: &str,
    max_width_mm: f32,
) -> TextRun {
    let run = text_run(fonts, face, size_pt, color, text);
    if run.width_mm <= max_width_mm || run.width_mm <= 0.0 {
        return run;
    }
    let fitted_pt = (size_pt * max_width_mm / run.width_mm).max(PHONE_SMALLEST_PT);
    let mut chars: Vec<char> = text.chars().collect();
    loop {
        let shown: String = if chars.len() < text.chars().count() {
            chars.iter().collect::<String>() + "…"
        } else {
            text.to_owned()
        };
        let run = text_run(fonts, face, fitted_pt, color, &shown);
        if run.width_mm <= max_width_mm || chars.is_empty() {
            return run;
        }
        chars.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_made_smaller_then_cut() {
        let fonts = FontSet::bundled();
        let run = fitted_run(
            &fonts,
            FaceId::SANS,
            16.0,
            GREY,
            "青禾镇东湾村村民委员会",
            60.0,
        );
        assert!(run.width_mm <= 60.0);
        assert_eq!(run.text, "青禾镇东湾村村民委员会");
        let long = "很长".repeat(40);
        let run = fitted_run(&fonts, FaceId::SANS, 16.0, GREY, &long, 60.0);
        assert!(run.width_mm <= 60.0);
        assert_eq!(run.size_pt, PHONE_SMALLEST_PT);
        assert!(run.text.ends_with('…'));
    }

    #[test]
    fn widths_that_blur_the_text_are_refused() {
        let narrow = PictureRequest {
            phone_width_px: 540,
            ..PictureRequest::default()
        };
        assert!(width_problem(&narrow).is_some_and(|message| message.contains("24 像素")));
        assert!(width_problem(&PictureRequest::default()).is_none());
        // The narrowest width still draws 9 pt at least 24 px tall.
        let px_per_mm = MIN_PHONE_WIDTH_PX as f32 / PHONE_PAGE_WIDTH_MM;
        assert!(crate::units::pt_to_mm(PHONE_SMALLEST_PT) * px_per_mm >= 24.0);
    }
}
