//! From a project to PDF bytes for each mode: lay out (via `layout::LayoutEngine`), impose,
//! write. The CLI's `export` subcommand and the app call [`export_project`].

use super::impose::{self, BoardOptions, CardMarks, CardOptions, ImposeError, Paper, TileOptions};
use super::label::{label, text_run};
use super::writer::{DocumentInfo, PdfError, Placement, Sheet, WriteOptions, write_pdf};
use crate::fonts::FaceId;
use crate::images::{MIN_PRINT_DPI, print_dpi};
use crate::layout::{BoardFooterText, BoardLayout, FrameItem, LayoutEngine, Page, PointMm, Stroke};
use crate::model::{
    Block, Board, Cadence, CardDesign, CardRecord, Item, KeyValue, Project, Rgb, SizeMm, Table,
};
use std::rc::Rc;

/// What to export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportMode {
    /// The board at true size (or 1:N) for the print shop.
    #[default]
    Board,
    /// The board at 100 % on A4/A3 sheets.
    Tiles,
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
    /// Board bleed (default 0) or card bleed (default 3 mm).
    pub bleed_mm: Option<f32>,
    pub scale_denominator: u32,
    /// Crop marks on the board; full-length (rather than gutter) marks on cards.
    pub marks: bool,
    /// Card backs after each sheet of fronts, for long-edge duplex.
    pub card_backs: bool,
    pub cmyk_black: bool,
    /// A register for inside the office (对内): includes the 对内 items every other export
    /// leaves out.
    pub internal: bool,
    /// The creation date written into the PDF.
    pub created: chrono::DateTime<chrono::FixedOffset>,
}

impl Default for ExportRequest {
    fn default() -> Self {
        ExportRequest {
            mode: ExportMode::Board,
            board: None,
            cards: None,
            paper: Paper::A4,
            overlap_mm: 15.0,
            bleed_mm: None,
            scale_denominator: 1,
            marks: false,
            card_backs: true,
            cmyk_black: false,
            internal: false,
            created: chrono::DateTime::default(),
        }
    }
}

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
    #[error("项目中没有公开栏。请先在设计器中新建一块公开栏。")]
    NoBoards,
    #[error("项目中没有名为“{0}”的公开栏。请用 --board 指定已有公开栏的名称或编号。")]
    NoSuchBoard(String),
    #[error("项目中没有明白卡。请先在设计器中新建明白卡。")]
    NoCards,
    #[error("项目中没有名为“{0}”的明白卡。请用 --cards 指定已有明白卡的名称或编号。")]
    NoSuchCards(String),
    #[error("{0}")]
    Impose(#[from] ImposeError),
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// Lays out, imposes and writes the project as the request says.
pub fn export_project(
    engine: &mut LayoutEngine,
    project: &Project,
    request: &ExportRequest,
) -> Result<Exported, ExportError> {
    let mut exported = Exported::default();
    // 对内 items stay out of everything but an internal register; say which were left out.
    let internal_register = request.internal && request.mode == ExportMode::Register;
    let external;
    let project = if internal_register {
        project
    } else {
        external = crate::schedule::external_view(project);
        exported
            .notes
            .extend(crate::schedule::left_out_message(&external.left_out));
        &external.project
    };
    let (sheets, title) = match request.mode {
        ExportMode::Board | ExportMode::Tiles | ExportMode::Register => {
            let board = find_board(project, request.board.as_deref())?;
            let sheets = match request.mode {
                ExportMode::Register => register_sheets(engine, project, board, &mut exported),
                _ => board_mode_sheets(engine, project, board, request, &mut exported)?,
            };
            (sheets, board.name.clone())
        }
        ExportMode::Cards => {
            let design = find_cards(project, request.cards.as_deref())?;
            (
                card_mode_sheets(engine, design, request, &mut exported)?,
                design.name.clone(),
            )
        }
    };
    let subject = exported
        .board_scale_denominator
        .filter(|denominator| *denominator > 1)
        .map(|denominator| {
            (
                scale_instruction_zh(denominator),
                format!("比例 1:{denominator}"),
            )
        });
    let (subject, keywords) = subject.unwrap_or_default();
    let options = WriteOptions {
        info: DocumentInfo {
            title,
            author: project.meta.unit_name.clone(),
            subject,
            keywords,
            created: request.created,
        },
        cmyk_black: request.cmyk_black,
    };
    picture_findings(&sheets, &mut exported);
    exported.bytes = write_pdf(engine.fonts(), &sheets, &options)?;
    exported.pages = sheets.len();
    exported.page_lines = sheets
        .iter()
        .map(|sheet| sheet.text_runs().map(|run| run.text.clone()).collect())
        .collect();
    Ok(exported)
}

/// Each picture on the sheets once: one that cannot be read is a problem (it prints as a grey
/// placeholder), one that prints below [`MIN_PRINT_DPI`] a note.
fn picture_findings(sheets: &[Sheet], exported: &mut Exported) {
    let mut seen = std::collections::BTreeSet::new();
    let pictures = sheets
        .iter()
        .flat_map(|sheet| sheet.placements.iter())
        .flat_map(|placement| placement.page.items.iter())
        .filter_map(|(_, item)| match item {
            FrameItem::Image { size_mm, path } => Some((path, size_mm.width_mm)),
            _ => None,
        });
    for (path, width_mm) in pictures {
        if !seen.insert(path.clone()) {
            continue;
        }
        match crate::images::probe(path) {
            Err(error) => exported
                .problems
                .push(format!("{error}。印出来会是一个写着“图片无法读取”的灰框。")),
            Ok(info) => {
                let dpi = print_dpi(info.width_px, width_mm);
                if dpi < MIN_PRINT_DPI {
                    exported.notes.push(format!(
                        "图片“{}”只有 {}×{} 像素，印成 {:.0} 毫米宽时约 {:.0} dpi，近看会模糊；最好换一张像素更高的图片。",
                        path.display(),
                        info.width_px,
                        info.height_px,
                        width_mm,
                        dpi
                    ));
                }
            }
        }
    }
}

fn find_board<'p>(project: &'p Project, wanted: Option<&str>) -> Result<&'p Board, ExportError> {
    match wanted {
        Some(name) => project
            .board_by_id_or_name(name)
            .ok_or_else(|| ExportError::NoSuchBoard(name.to_owned())),
        None => project.boards.first().ok_or(ExportError::NoBoards),
    }
}

fn find_cards<'p>(
    project: &'p Project,
    wanted: Option<&str>,
) -> Result<&'p CardDesign, ExportError> {
    match wanted {
        Some(name) => project
            .cards
            .iter()
            .find(|card| card.id == name || card.name == name)
            .ok_or_else(|| ExportError::NoSuchCards(name.to_owned())),
        None => project.cards.first().ok_or(ExportError::NoCards),
    }
}

fn board_mode_sheets(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    request: &ExportRequest,
    exported: &mut Exported,
) -> Result<Vec<Sheet>, ExportError> {
    let layout = print_layout(engine, project, board)?;
    exported.problems.extend(layout_problems(&layout));
    let page = Rc::new(layout.page);
    if request.mode == ExportMode::Tiles {
        let options = TileOptions {
            paper: request.paper,
            overlap_mm: request.overlap_mm,
        };
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
    exported.board_scale_denominator = Some(imposed.scale_denominator);
    if imposed.scale_denominator > 1 {
        add_slug_line(
            engine.fonts(),
            &mut imposed.sheet,
            &scale_instruction_zh(imposed.scale_denominator),
        );
    }
    if imposed.scaled_to_fit {
        exported.notes.push(format!(
            "公开栏 {}×{} 毫米超过 PDF 页面上限 5080 毫米，已按 1:{} 缩小导出；请告诉印刷厂按 {} 倍放大输出。",
            board.size_mm.width_mm,
            board.size_mm.height_mm,
            imposed.scale_denominator,
            imposed.scale_denominator
        ));
    } else if imposed.scale_denominator > 1 {
        exported.notes.push(format!(
            "已按 1:{} 缩小导出；请告诉印刷厂按 {} 倍放大输出。",
            imposed.scale_denominator, imposed.scale_denominator
        ));
    }
    Ok(vec![imposed.sheet])
}

/// A board laid out as its exports print it: the footer carries the dates computed from the
/// items. `project` is the view being exported (对内 items already left out).
fn print_layout(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
) -> Result<BoardLayout, ExportError> {
    // The footer's 本期 / 下次公开日期 are computed from the items, never typed.
    let footer = BoardFooterText {
        dates_line: crate::schedule::footer_dates_text(project, board),
    };
    engine
        .layout_board_with_footer(project, &board.id, &footer)
        .map_err(|_| ExportError::NoSuchBoard(board.id.clone()))
}

/// A board of the project laid out exactly as its exports print it (对内 items left out, the
/// computed footer dates): what the designer's canvas shows.
pub fn layout_as_printed(
    engine: &mut LayoutEngine,
    project: &Project,
    board_id: &str,
) -> Result<BoardLayout, ExportError> {
    let external = crate::schedule::external_view(project).project;
    let board = external
        .board(board_id)
        .ok_or_else(|| ExportError::NoSuchBoard(board_id.to_owned()))?;
    print_layout(engine, &external, board)
}

/// What in a laid-out board stops its export: overflowing text and characters no font has.
fn layout_problems(layout: &BoardLayout) -> Vec<String> {
    layout
        .overflows
        .iter()
        .map(|overflow| overflow.message.clone())
        .chain(
            layout
                .missing_glyphs
                .iter()
                .map(|missing| missing.message.clone()),
        )
        .collect()
}

/// The layout problems of one board, as `export` would refuse it for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardProblems {
    pub board_name: String,
    pub problems: Vec<String>,
}

/// Every board of the project laid out exactly as `export` lays it out (对内 items left out,
/// computed footer dates), with its overflows and missing characters; boards without problems
/// are left out. Pictures are not looked at here (`crate::images::check_images` does).
pub fn board_layout_problems(engine: &mut LayoutEngine, project: &Project) -> Vec<BoardProblems> {
    let external = crate::schedule::external_view(project).project;
    external
        .boards
        .iter()
        .filter_map(|board| {
            let problems = match print_layout(engine, &external, board) {
                Ok(layout) => layout_problems(&layout),
                Err(error) => vec![error.to_string()],
            };
            (!problems.is_empty()).then(|| BoardProblems {
                board_name: board.name.clone(),
                problems,
            })
        })
        .collect()
}

/// What the print shop must do with a board exported at 1:N.
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
fn add_slug_line(fonts: &crate::fonts::FontSet, sheet: &mut Sheet, text: &str) {
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

// ---------------------------------------------------------------------------------------------
// Register (表簿)

const REGISTER_MARGIN_MM: f32 = 20.0;
const REGISTER_HEADER_MM: f32 = 12.0;
const REGISTER_FOOTER_MM: f32 = 10.0;
const REGISTER_BODY_PT: f32 = 12.0;

/// One A4 register page before its footer is known.
struct RegisterPage {
    items: Vec<(PointMm, FrameItem)>,
}

fn register_sheets(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    exported: &mut Exported,
) -> Vec<Sheet> {
    let a4 = Paper::A4.size_mm();
    let width_mm = a4.width_mm - 2.0 * REGISTER_MARGIN_MM;
    let body_top_mm = REGISTER_MARGIN_MM + REGISTER_HEADER_MM;
    let body_height_mm = a4.height_mm - body_top_mm - REGISTER_MARGIN_MM - REGISTER_FOOTER_MM;
    let style = engine
        .flow_style(&board.style, &board.theme)
        .scaled_to(REGISTER_BODY_PT);
    let mut pages: Vec<RegisterPage> = Vec::new();
    for panel in &board.panels {
        for item in panel.item_ids.iter().filter_map(|id| project.item(id)) {
            let blocks = register_blocks(project, item);
            let flow = engine.flow_blocks(Some(&item.title), &blocks, width_mm, &style);
            for ch in &flow.missing_chars {
                exported.problems.push(format!(
                    "“{}”中的字“{ch}”（U+{:04X}）所有字体都没有。请添加含此字的字体。",
                    item.title, *ch as u32
                ));
            }
            for flow_page in flow.paginate(body_height_mm) {
                if flow_page.height_mm > body_height_mm + 0.5 {
                    exported.problems.push(format!(
                        "“{}”中有一段内容比一页还高，超出部分印不出来。请拆分这段内容。",
                        item.title
                    ));
                }
                let mut items = register_header(engine, project, &panel.title, width_mm);
                items.extend(
                    flow.page_items(&flow_page, PointMm::new(REGISTER_MARGIN_MM, body_top_mm)),
                );
                pages.push(RegisterPage { items });
            }
        }
    }
    let total = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(index, mut page)| {
            let footer = format!("第 {} 页　共 {} 页", index + 1, total);
            let run = text_run(
                engine.fonts(),
                FaceId::SANS,
                9.0,
                Rgb(0x42, 0x42, 0x42),
                &footer,
            );
            let x_mm = (a4.width_mm - run.width_mm) / 2.0;
            page.items.push((
                PointMm::new(x_mm, a4.height_mm - REGISTER_MARGIN_MM),
                FrameItem::Text(run),
            ));
            let mut sheet = Sheet::new(a4);
            sheet.placements.push(Placement::at(
                Rc::new(Page {
                    size_mm: a4,
                    items: page.items,
                }),
                PointMm::new(0.0, 0.0),
            ));
            sheet
        })
        .collect()
}

/// 单位 and 栏目 above a rule, on every register page.
fn register_header(
    engine: &LayoutEngine,
    project: &Project,
    panel_title: &str,
    width_mm: f32,
) -> Vec<(PointMm, FrameItem)> {
    let baseline = REGISTER_MARGIN_MM + 5.0;
    let unit = format!("单位：{}", project.meta.unit_name);
    let column = format!("栏目：{panel_title}");
    let column_run = text_run(
        engine.fonts(),
        FaceId::SANS,
        9.0,
        Rgb(0x42, 0x42, 0x42),
        &column,
    );
    let right_x = REGISTER_MARGIN_MM + width_mm - column_run.width_mm;
    vec![
        label(engine.fonts(), 9.0, &unit, REGISTER_MARGIN_MM, baseline),
        (PointMm::new(right_x, baseline), FrameItem::Text(column_run)),
        (
            PointMm::new(REGISTER_MARGIN_MM, baseline + 3.0),
            FrameItem::Line {
                to: PointMm::new(REGISTER_MARGIN_MM + width_mm, baseline + 3.0),
                stroke: Stroke {
                    width_mm: 0.3,
                    color: Rgb(0x42, 0x42, 0x42),
                },
            },
        ),
    ]
}

/// The fields table, then the item's own blocks.
fn register_blocks(project: &Project, item: &Item) -> Vec<Block> {
    let fields = project.fields_of(item);
    let published = item.disclosure.published_on;
    let lead = if fields.lead_department.is_empty() {
        project.meta.unit_name.clone()
    } else {
        fields.lead_department.clone()
    };
    let table = Table {
        columns: ["公开主体", "公开时限", "公开日期", "下次更新"]
            .map(String::from)
            .to_vec(),
        rows: vec![vec![
            lead,
            fields.cadence.label_zh(),
            published.map_or("未公开".to_owned(), |date| {
                crate::schedule::format_date(date, project.settings.date_style)
            }),
            next_update_zh(project, item, fields.cadence),
        ]],
        column_kinds: Vec::new(),
    };
    std::iter::once(Block::Table(table))
        .chain(item.blocks.iter().cloned())
        .collect()
}

/// "2026年3月1日".
/// When the item is next due, as the schedule computes it; for items without a due date, what
/// triggers the next update.
fn next_update_zh(project: &Project, item: &Item, cadence: Cadence) -> String {
    let next_due = crate::schedule::status::next_due_of_published(
        cadence,
        &item.disclosure,
        &project.settings,
    );
    match (next_due, cadence) {
        (Some(date), _) => crate::schedule::format_date(date, project.settings.date_style),
        (None, Cadence::AdHoc { working_days }) => format!("事项发生后{working_days}个工作日内"),
        (None, Cadence::Standing) => "内容变化时".to_owned(),
        (None, _) => "发布后确定".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Cards (明白卡)

fn card_mode_sheets(
    engine: &mut LayoutEngine,
    design: &CardDesign,
    request: &ExportRequest,
    exported: &mut Exported,
) -> Result<Vec<Sheet>, ExportError> {
    let empty = CardRecord::new();
    let records: Vec<&CardRecord> = if design.records.is_empty() {
        vec![&empty]
    } else {
        design.records.iter().collect()
    };
    let mut fronts = Vec::new();
    let mut backs = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let name = record_name(design, record, index);
        fronts.push(card_face(
            engine,
            design,
            &design.front,
            record,
            &name,
            exported,
        ));
        if request.card_backs && !design.back.is_empty() {
            backs.push(card_face(
                engine,
                design,
                &design.back,
                record,
                &name,
                exported,
            ));
        }
    }
    let options = CardOptions {
        paper: request.paper,
        bleed_mm: request.bleed_mm.unwrap_or(3.0),
        marks: if request.marks {
            CardMarks::FullLength
        } else {
            CardMarks::Gutter
        },
        ..CardOptions::default()
    };
    let backs = (!backs.is_empty()).then_some(backs.as_slice());
    Ok(impose::card_sheets(
        &fronts,
        backs,
        design.size_mm,
        &options,
    )?)
}

/// How a record is named in messages: its first field's value, or its number.
fn record_name(design: &CardDesign, record: &CardRecord, index: usize) -> String {
    design
        .fields
        .first()
        .and_then(|field| record.get(field))
        .filter(|value| !value.is_empty())
        .cloned()
        .unwrap_or_else(|| format!("第{}张", index + 1))
}

/// One face of one card: an accent band along the top edge (it runs into the bleed), then the
/// blocks with the record's values, inside the safe margin.
fn card_face(
    engine: &mut LayoutEngine,
    design: &CardDesign,
    blocks: &[Block],
    record: &CardRecord,
    record_name: &str,
    exported: &mut Exported,
) -> Rc<Page> {
    let size_mm = design.size_mm;
    let margin_mm = design.style.safe_margin_mm;
    let style = engine.card_flow_style(&design.style);
    let blocks: Vec<Block> = blocks
        .iter()
        .map(|block| fill_block(block, record))
        .collect();
    let flow = engine.flow_blocks(None, &blocks, size_mm.width_mm - 2.0 * margin_mm, &style);
    let pages = flow.paginate(size_mm.height_mm - 2.0 * margin_mm);
    if pages.len() > 1
        || pages
            .iter()
            .any(|page| page.height_mm > size_mm.height_mm - 2.0 * margin_mm + 0.5)
    {
        exported.problems.push(format!(
            "明白卡“{}”（{record_name}）的内容放不下。请精简文字、缩小字号或加大卡片。",
            design.name
        ));
    }
    for ch in &flow.missing_chars {
        exported.problems.push(format!(
            "明白卡“{}”（{record_name}）中的字“{ch}”（U+{:04X}）所有字体都没有。请添加含此字的字体。",
            design.name, *ch as u32
        ));
    }
    let mut items = vec![(
        PointMm::new(0.0, 0.0),
        FrameItem::Rect {
            size_mm: SizeMm::new(size_mm.width_mm, 2.0),
            fill: Some(design.style.accent),
            stroke: None,
        },
    )];
    if let Some(first) = pages.first() {
        items.extend(flow.page_items(first, PointMm::new(margin_mm, margin_mm)));
    }
    Rc::new(Page { size_mm, items })
}

/// `{字段}` placeholders replaced by the record's values (unknown names stay as written).
pub fn fill_placeholders(text: &str, record: &CardRecord) -> String {
    if !text.contains('{') {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for (field, value) in record {
        out = out.replace(&format!("{{{field}}}"), value);
    }
    out
}

fn fill_block(block: &Block, record: &CardRecord) -> Block {
    let fill = |text: &String| fill_placeholders(text, record);
    match block {
        Block::Paragraph { text } => Block::Paragraph { text: fill(text) },
        Block::List { ordered, entries } => Block::List {
            ordered: *ordered,
            entries: entries.iter().map(fill).collect(),
        },
        Block::KeyValue { pairs } => Block::KeyValue {
            pairs: pairs
                .iter()
                .map(|pair| KeyValue::new(fill(&pair.key), fill(&pair.value)))
                .collect(),
        },
        Block::Table(table) => Block::Table(Table {
            columns: table.columns.iter().map(fill).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| row.iter().map(fill).collect())
                .collect(),
            column_kinds: table.column_kinds.clone(),
        }),
        Block::Image {
            path,
            caption,
            width_mm,
        } => Block::Image {
            path: path.clone(),
            caption: fill(caption),
            width_mm: *width_mm,
        },
        Block::Qr {
            text,
            caption,
            size_mm,
        } => Block::Qr {
            text: fill(text),
            caption: fill(caption),
            size_mm: *size_mm,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_take_the_record_values() {
        let mut record = CardRecord::new();
        record.insert("姓名".into(), "周建华".into());
        assert_eq!(
            fill_placeholders("姓名：{姓名}，{未知}", &record),
            "姓名：周建华，{未知}"
        );
    }

    #[test]
    fn next_update_follows_the_schedule() {
        let mut project = Project::default();
        let mut item = Item::default();
        item.disclosure.published_on = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
        // 半年 with the default fixed days 3月1日 and 8月31日.
        assert_eq!(
            next_update_zh(&project, &item, Cadence::HalfYearly),
            "2026年8月31日"
        );
        assert_eq!(
            next_update_zh(&project, &item, Cadence::Standing),
            "内容变化时"
        );
        project.settings.date_style = crate::model::DateStyle::Iso;
        assert_eq!(
            next_update_zh(&project, &item, Cadence::HalfYearly),
            "2026-08-31"
        );
    }
}
