//! The sample project: the fictional town of 青禾镇, built from the board content that is also
//! the project's benchmark fixture (`assets/qinghe-board-content.json`, a copy of the team's
//! shared fixture; `tests/fixtures/qinghe.gongkai.json` is this project as a file).

use super::default_catalog;
use crate::model::{
    Block, Board, BoardFooter, BoardHeader, CardDesign, CardRecord, CardStyle, Disclosure, Item,
    KeyValue, MarginsMm, Meta, Panel, Project, RectMm, SizeMm, Table, TextStyle,
};
use chrono::NaiveDate;
use serde::Deserialize;

/// The board content of the sample town, as written for the team's benchmark.
pub const QINGHE_CONTENT_JSON: &str = include_str!("../../assets/qinghe-board-content.json");

/// Why board content could not be turned into a project.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("内容文件格式不对：{0}")]
    Json(#[from] serde_json::Error),
    #[error("内容文件中的日期无法识别：{0}")]
    Date(String),
}

#[derive(Deserialize)]
struct Content {
    board: ContentBoard,
    panels: Vec<ContentPanel>,
    cards: ContentCards,
}

#[derive(Deserialize)]
struct ContentBoard {
    title: String,
    subtitle: String,
    issuer: String,
    page_mm: [f32; 2],
}

#[derive(Deserialize)]
struct ContentPanel {
    id: String,
    title: String,
    items: Vec<ContentItem>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ContentItem {
    Text {
        title: String,
        text: String,
    },
    Table {
        title: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
        #[serde(default)]
        note: String,
    },
}

#[derive(Deserialize)]
struct ContentCards {
    title: String,
    issuer: String,
    card_mm: [f32; 2],
    items: Vec<ContentCard>,
}

#[derive(Deserialize)]
struct ContentCard {
    name: String,
    role: String,
    area: String,
    phone: String,
    services: String,
}

/// Margin around the board, gap between panels, and the header and footer bands, in mm.
const BOARD_MARGIN_MM: f32 = 30.0;
const PANEL_GAP_MM: f32 = 15.0;
const HEADER_HEIGHT_MM: f32 = 170.0;
const FOOTER_HEIGHT_MM: f32 = 80.0;

/// Panel widths of the sample board in two rows (panel ids of the content), sized to their
/// amount of text. Each row's widths and gaps fill the board's width between the margins.
const ROWS: [&[(&str, f32)]; 2] = [
    &[
        ("p01", 400.0),
        ("p02", 520.0),
        ("p03", 540.0),
        ("p04", 360.0),
        ("p05", 460.0),
    ],
    &[
        ("p06", 330.0),
        ("p07", 310.0),
        ("p08", 300.0),
        ("p09", 360.0),
        ("p10", 330.0),
        ("p11", 350.0),
        ("p12", 270.0),
    ],
];

/// Which catalog entry (事项) each item of the content discloses, by item title; items not
/// listed fall back to their panel's entry.
const ENTRY_BY_ITEM_TITLE: [(&str, &str); 8] = [
    ("单位简介", "e02"),
    ("领导分工", "e02"),
    ("财务管理说明", "e13"),
    ("城乡居民医疗保险", "e23"),
    ("城乡居民基本养老保险", "e25"),
    ("高龄津贴发放", "e25"),
    ("就业创业服务", "e27"),
    ("监督说明", "e30"),
];

const ENTRY_BY_PANEL: [(&str, &str); 12] = [
    ("p01", "e02"),
    ("p02", "e01"),
    ("p03", "e03"),
    ("p04", "e07"),
    ("p05", "e13"),
    ("p06", "e21"),
    ("p07", "e22"),
    ("p08", "e11"),
    ("p09", "e06"),
    ("p10", "e26"),
    ("p11", "e28"),
    ("p12", "e30"),
];

fn entry_for(panel_id: &str, item_title: &str) -> Option<String> {
    ENTRY_BY_ITEM_TITLE
        .iter()
        .find(|(title, _)| *title == item_title)
        .or_else(|| ENTRY_BY_PANEL.iter().find(|(id, _)| *id == panel_id))
        .map(|(_, entry_id)| (*entry_id).to_owned())
}

/// The sample project (the invented 青禾镇 the app shows when no file is open), made on
/// `published_on` with every item carrying that 公开日期 (the town template starts from the
/// same content, unpublished: `templates::project_from_template`).
pub fn sample_project(published_on: NaiveDate) -> Project {
    // The content is compiled in and covered by tests, so this cannot fail at run time.
    project_from_content(QINGHE_CONTENT_JSON, published_on)
        .unwrap_or_else(|error| panic!("the built-in sample content is broken: {error}"))
}

/// Builds a project from board content in the shape of `assets/qinghe-board-content.json`.
pub fn project_from_content(json: &str, published_on: NaiveDate) -> Result<Project, SampleError> {
    let content: Content = serde_json::from_str(json)?;
    let board_id = "board-1".to_owned();
    let mut items = Vec::new();
    let mut panels = Vec::new();
    for content_panel in &content.panels {
        let mut item_ids = Vec::new();
        for (index, content_item) in content_panel.items.iter().enumerate() {
            let item = item_from_content(content_panel, index, content_item, published_on);
            item_ids.push(item.id.clone());
            items.push(item);
        }
        panels.push(Panel {
            id: content_panel.id.clone(),
            title: content_panel.title.clone(),
            rect_mm: panel_rect(&content_panel.id, content.board.page_mm),
            item_ids,
            ..Panel::default()
        });
    }
    let board = Board {
        id: board_id,
        name: content.board.title.clone(),
        size_mm: SizeMm::new(content.board.page_mm[0], content.board.page_mm[1]),
        reading_distance_m: 2.0,
        margins_mm: MarginsMm::uniform(BOARD_MARGIN_MM),
        style: TextStyle::default(),
        header: BoardHeader {
            title: content.board.title.clone(),
            subtitle: content.board.subtitle.clone(),
            height_mm: HEADER_HEIGHT_MM,
        },
        footer: BoardFooter {
            height_mm: FOOTER_HEIGHT_MM,
            ..BoardFooter::default()
        },
        panels,
        ..Board::default()
    };
    let meta = Meta {
        unit_name: content.board.issuer.clone(),
        supervision_phone: "0000-6612301".to_owned(),
        suggestion_box: "镇政府大院门口、便民服务中心大厅".to_owned(),
        reception_day: "每周一上午（镇长接待日）".to_owned(),
        address: "青禾大道八十八号".to_owned(),
        ..Meta::default()
    };
    Ok(Project {
        meta,
        catalog: default_catalog(),
        items,
        boards: vec![board],
        cards: vec![card_from_content(&content.cards)],
        created_on: Some(published_on),
        ..Project::default()
    })
}

fn item_from_content(
    panel: &ContentPanel,
    index: usize,
    content_item: &ContentItem,
    published_on: NaiveDate,
) -> Item {
    let (title, blocks) = match content_item {
        ContentItem::Text { title, text } => (title.clone(), vec![Block::paragraph(text.clone())]),
        ContentItem::Table {
            title,
            columns,
            rows,
            note,
        } => {
            let mut blocks = vec![Block::Table(Table {
                columns: columns.clone(),
                rows: rows.clone(),
                column_kinds: Vec::new(),
                total_row: false,
            })];
            if !note.is_empty() {
                blocks.push(Block::paragraph(note.clone()));
            }
            (title.clone(), blocks)
        }
    };
    Item {
        id: format!("{}-{}", panel.id, index + 1),
        entry_id: entry_for(&panel.id, &title),
        title,
        blocks,
        disclosure: Disclosure {
            published_on: Some(published_on),
            ..Disclosure::default()
        },
        ..Item::default()
    }
}

fn panel_rect(panel_id: &str, board_mm: [f32; 2]) -> RectMm {
    let top_mm = BOARD_MARGIN_MM + HEADER_HEIGHT_MM + PANEL_GAP_MM;
    let bottom_mm = board_mm[1] - BOARD_MARGIN_MM - FOOTER_HEIGHT_MM - PANEL_GAP_MM;
    let row_height_mm = (bottom_mm - top_mm - PANEL_GAP_MM) / ROWS.len() as f32;
    for (row_index, row) in ROWS.iter().enumerate() {
        let mut x_mm = BOARD_MARGIN_MM;
        for (id, width_mm) in row.iter() {
            if *id == panel_id {
                let y_mm = top_mm + row_index as f32 * (row_height_mm + PANEL_GAP_MM);
                return RectMm::new(x_mm, y_mm, *width_mm, row_height_mm);
            }
            x_mm += width_mm + PANEL_GAP_MM;
        }
    }
    // A panel the plan does not know goes in the top-left corner at a default size.
    RectMm::new(BOARD_MARGIN_MM, top_mm, 400.0, row_height_mm)
}

/// The fields of a merged 便民服务联系卡, in column order.
const CARD_FIELDS: [&str; 5] = ["姓名", "职务", "负责区域", "联系电话", "服务事项"];

fn card_from_content(cards: &ContentCards) -> CardDesign {
    let records = cards
        .items
        .iter()
        .map(|card| {
            let values = [
                &card.name,
                &card.role,
                &card.area,
                &card.phone,
                &card.services,
            ];
            CARD_FIELDS
                .iter()
                .zip(values)
                .map(|(field, value)| ((*field).to_owned(), value.clone()))
                .collect::<CardRecord>()
        })
        .collect();
    let placeholder = |field: &str| format!("{{{field}}}");
    let front = vec![
        Block::paragraph(cards.title.clone()),
        Block::KeyValue {
            pairs: CARD_FIELDS
                .iter()
                .map(|field| KeyValue::new(*field, placeholder(field)))
                .collect(),
        },
    ];
    let back = vec![
        Block::paragraph(cards.issuer.clone()),
        Block::KeyValue {
            pairs: vec![
                KeyValue::new("监督电话", "0000-6612301"),
                KeyValue::new("政务服务便民热线", "12345"),
            ],
        },
    ];
    CardDesign {
        fields: CARD_FIELDS
            .iter()
            .map(|field| (*field).to_owned())
            .collect(),
        records,
        ..CardDesign::from_blocks(
            "card-1",
            &cards.title,
            SizeMm::new(cards.card_mm[0], cards.card_mm[1]),
            CardStyle::default(),
            front,
            back,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Severity, check_project};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 15).expect("date")
    }

    #[test]
    fn the_sample_has_the_benchmark_shape() {
        let project = sample_project(day());
        let board = &project.boards[0];
        assert_eq!(board.size_mm, SizeMm::new(2400.0, 1200.0));
        assert_eq!(board.panels.len(), 12);
        assert_eq!(project.items.len(), 32);
        let tables = project
            .items
            .iter()
            .flat_map(|item| &item.blocks)
            .filter(|block| matches!(block, Block::Table(_)))
            .count();
        assert_eq!(tables, 2);
        assert_eq!(project.cards[0].records.len(), 8);
    }

    #[test]
    fn the_sample_has_no_warnings() {
        let project = sample_project(day());
        let findings = check_project(&project);
        assert!(findings.is_empty(), "{findings:#?}");
        assert!(findings.iter().all(|f| f.severity != Severity::Error));
    }

    #[test]
    fn panels_fill_the_board_between_margins() {
        let project = sample_project(day());
        let board = &project.boards[0];
        for row in ROWS {
            let last = row.last().map(|(id, _)| *id).unwrap_or_default();
            let right_mm = board
                .panel(last)
                .map(|p| p.rect_mm.right_mm())
                .unwrap_or(0.0);
            assert!(
                (right_mm - (2400.0 - BOARD_MARGIN_MM)).abs() < 0.01,
                "{last}: {right_mm}"
            );
        }
    }

    #[test]
    fn every_item_discloses_a_catalog_entry() {
        let project = sample_project(day());
        for item in &project.items {
            assert!(
                project.entry_of(item).is_some(),
                "{} has no entry",
                item.title
            );
        }
    }

    #[test]
    fn the_content_text_is_kept_exactly() {
        let raw: serde_json::Value = serde_json::from_str(QINGHE_CONTENT_JSON).expect("json");
        let project = sample_project(day());
        let first_text = raw["panels"][0]["items"][0]["text"].as_str().expect("text");
        assert_eq!(project.items[0].blocks[0], Block::paragraph(first_text));
    }
}
