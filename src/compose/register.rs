//! The 表簿 register: each item of a board on A4 pages, its fields table first, a running
//! header (单位, 栏目) and "第 x 页　共 y 页". A table's text shrinks until its columns' longest
//! tokens fit (down to [`REGISTER_TABLE_FLOOR_PT`]), then the item gets landscape pages, then a
//! problem names the table and the column; a long table repeats its header row on every page
//! and never splits a row. An internal register (对内 items, personal
//! numbers in full) says so in red above the header of every page.

use super::impose::Paper;
use super::label::{label, text_run};
use super::{Composed, Placement, Sheet};
use crate::fonts::FaceId;
use crate::layout::{Flow, FlowStyle, FrameItem, LayoutEngine, Page, PointMm, Stroke};
use crate::model::{Block, Board, Cadence, Item, Project, Rgb, SizeMm, Table};
use std::rc::Rc;

const REGISTER_MARGIN_MM: f32 = 20.0;
const REGISTER_HEADER_MM: f32 = 12.0;
const REGISTER_FOOTER_MM: f32 = 10.0;
const REGISTER_BODY_PT: f32 = 12.0;

/// A register table's text shrinks to fit its columns' longest tokens, down to this size (a
/// bound A4 register is read at arm's length); below it the table gets a landscape page.
pub const REGISTER_TABLE_FLOOR_PT: f32 = 8.0;

/// Above the header of every page of an internal register.
pub const INTERNAL_MARK: &str = "对内表簿　仅限机关内部使用，不得张贴或对外提供";

/// One A4 register page before its footer is known.
struct RegisterPage {
    size_mm: SizeMm,
    items: Vec<(PointMm, FrameItem)>,
}

/// The text area of a register page of `size_mm`: its width and the body's height.
fn text_area_mm(size_mm: SizeMm) -> (f32, f32) {
    let body_top_mm = REGISTER_MARGIN_MM + REGISTER_HEADER_MM;
    (
        size_mm.width_mm - 2.0 * REGISTER_MARGIN_MM,
        size_mm.height_mm - body_top_mm - REGISTER_MARGIN_MM - REGISTER_FOOTER_MM,
    )
}

/// An item's flow on portrait A4, or on landscape A4 when a table's columns do not fit
/// portrait even at [`REGISTER_TABLE_FLOOR_PT`] and fit (or fit better) landscape.
fn item_flow(
    engine: &mut LayoutEngine,
    item: &Item,
    blocks: &[Block],
    style: &FlowStyle,
) -> (SizeMm, Flow) {
    let portrait = Paper::A4.size_mm();
    let (width_mm, _) = text_area_mm(portrait);
    let flow = engine.flow_blocks(Some(&item.title), blocks, width_mm, style);
    if flow.table_misfits.is_empty() {
        return (portrait, flow);
    }
    let landscape = SizeMm::new(portrait.height_mm, portrait.width_mm);
    let (wide_mm, _) = text_area_mm(landscape);
    let wide = engine.flow_blocks(Some(&item.title), blocks, wide_mm, style);
    (landscape, wide)
}

pub(super) fn register_sheets(
    engine: &mut LayoutEngine,
    project: &Project,
    board: &Board,
    internal: bool,
    composed: &mut Composed,
) -> Vec<Sheet> {
    let body_top_mm = REGISTER_MARGIN_MM + REGISTER_HEADER_MM;
    let style = FlowStyle {
        table_floor_pt: REGISTER_TABLE_FLOOR_PT,
        ..engine
            .flow_style(&board.style, &board.theme)
            .scaled_to(REGISTER_BODY_PT)
    };
    let mut pages: Vec<RegisterPage> = Vec::new();
    for panel in &board.panels {
        for item in panel.item_ids.iter().filter_map(|id| project.item(id)) {
            let blocks = register_blocks(project, item);
            let (size_mm, flow) = item_flow(engine, item, &blocks, &style);
            let (width_mm, body_height_mm) = text_area_mm(size_mm);
            for ch in &flow.missing_chars {
                composed.problems.push(format!(
                    "“{}”中的字“{ch}”（U+{:04X}）所有字体都没有。请添加含此字的字体。",
                    crate::text::quoted(&item.title),
                    *ch as u32
                ));
            }
            composed.problems.extend(
                flow.table_misfits
                    .iter()
                    .map(|misfit| format!("表簿：{}", misfit.message(&item.title))),
            );
            for flow_page in flow.paginate(body_height_mm) {
                if flow_page.height_mm > body_height_mm + 0.5 {
                    composed.problems.push(format!(
                        "“{}”中有一段内容比一页还高，超出部分印不出来。请拆分这段内容。",
                        crate::text::quoted(&item.title)
                    ));
                }
                let mut items = register_header(engine, project, &panel.title, width_mm);
                if internal {
                    items.push(internal_mark(engine, size_mm.width_mm));
                }
                items.extend(
                    flow.page_items(&flow_page, PointMm::new(REGISTER_MARGIN_MM, body_top_mm)),
                );
                pages.push(RegisterPage { size_mm, items });
            }
        }
    }
    let total = pages.len();
    let contacts = contacts_line(project);
    pages
        .into_iter()
        .enumerate()
        .map(|(index, mut page)| {
            let size_mm = page.size_mm;
            if !contacts.is_empty() {
                let run = text_run(
                    engine.fonts(),
                    FaceId::SANS,
                    9.0,
                    Rgb(0x42, 0x42, 0x42),
                    &contacts,
                );
                let x_mm = (size_mm.width_mm - run.width_mm) / 2.0;
                page.items.push((
                    PointMm::new(x_mm, size_mm.height_mm - REGISTER_MARGIN_MM - 5.0),
                    FrameItem::Text(run),
                ));
            }
            let footer = format!("第 {} 页　共 {} 页", index + 1, total);
            let run = text_run(
                engine.fonts(),
                FaceId::SANS,
                9.0,
                Rgb(0x42, 0x42, 0x42),
                &footer,
            );
            let x_mm = (size_mm.width_mm - run.width_mm) / 2.0;
            page.items.push((
                PointMm::new(x_mm, size_mm.height_mm - REGISTER_MARGIN_MM),
                FrameItem::Text(run),
            ));
            let mut sheet = Sheet::new(size_mm);
            sheet.placements.push(Placement::at(
                Rc::new(Page {
                    size_mm,
                    items: page.items,
                }),
                PointMm::new(0.0, 0.0),
            ));
            sheet
        })
        .collect()
}

/// 监督电话, 公开人 and 审核人 above the page number on every register page (those the unit
/// has), as on the board's footer.
fn contacts_line(project: &Project) -> String {
    let meta = &project.meta;
    let publisher = if meta.default_publisher.trim().is_empty() {
        meta.unit_name.trim()
    } else {
        meta.default_publisher.trim()
    };
    [
        ("监督电话", meta.supervision_phone.trim()),
        ("公开人", publisher),
        ("审核人", meta.reviewer.trim()),
    ]
    .iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(label, value)| format!("{label}：{value}"))
    .collect::<Vec<_>>()
    .join("　")
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

/// The red mark of an internal register, centred in the top margin.
fn internal_mark(engine: &LayoutEngine, page_width_mm: f32) -> (PointMm, FrameItem) {
    let run = text_run(
        engine.fonts(),
        FaceId::SANS_BOLD,
        11.0,
        Rgb(0xc6, 0x28, 0x28),
        INTERNAL_MARK,
    );
    let x_mm = (page_width_mm - run.width_mm) / 2.0;
    (
        PointMm::new(x_mm, REGISTER_MARGIN_MM - 8.0),
        FrameItem::Text(run),
    )
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
            crate::schedule::cadence::cadence_label_zh(fields.cadence, &project.settings),
            published.map_or("未公开".to_owned(), |date| {
                crate::schedule::format_date(date, project.settings.date_style)
            }),
            next_update_zh(project, item, fields.cadence),
        ]],
        column_kinds: Vec::new(),
        total_row: false,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_pages_carry_the_unit_s_contacts() {
        let mut project = Project::default();
        project.meta.unit_name = "东湾村村民委员会".into();
        project.meta.supervision_phone = "0000-6613101".into();
        project.meta.reviewer = "陈立新".into();
        assert_eq!(
            contacts_line(&project),
            "监督电话：0000-6613101　公开人：东湾村村民委员会　审核人：陈立新"
        );
        project.meta = crate::model::Meta::default();
        assert_eq!(contacts_line(&project), "");
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
