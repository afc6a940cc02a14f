//! 明白卡: one card face per record with `{字段}` filled in, an accent band along the top,
//! imposed N-up with backs for duplex.

use super::impose::{self, CardMarks, CardOptions};
use super::{ComposeError, Composed, ExportRequest, Sheet};
use crate::layout::{FrameItem, LayoutEngine, Page, PointMm};
use crate::model::{Block, CardDesign, CardRecord, KeyValue, SizeMm, Table};
use std::rc::Rc;

pub(super) fn card_mode_sheets(
    engine: &mut LayoutEngine,
    design: &CardDesign,
    request: &ExportRequest,
    composed: &mut Composed,
) -> Result<Vec<Sheet>, ComposeError> {
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
            composed,
        ));
        if request.card_backs && !design.back.is_empty() {
            backs.push(card_face(
                engine,
                design,
                &design.back,
                record,
                &name,
                composed,
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
pub(super) fn record_name(design: &CardDesign, record: &CardRecord, index: usize) -> String {
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
    composed: &mut Composed,
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
        composed.problems.push(format!(
            "明白卡“{}”（{record_name}）的内容放不下。请精简文字、缩小字号或加大卡片。",
            crate::text::quoted(&design.name)
        ));
    }
    for ch in &flow.missing_chars {
        composed.problems.push(format!(
            "明白卡“{}”（{record_name}）中的字“{ch}”（U+{:04X}）所有字体都没有。请添加含此字的字体。",
            crate::text::quoted(&design.name),
            *ch as u32
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
}
