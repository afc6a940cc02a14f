//! Personal data in external outputs, decided here once for board, tiles, cards, the external
//! register and the archive: table columns of a personal kind (身份证号, 银行卡号, 手机号) and
//! card fields bound to one are masked; any other personal number that would print in full is a
//! [`PersonalDataFinding`] that blocks the export (`--force` does not override it: only masking
//! or 允许公开 does). The project itself keeps every full value.

use crate::model::{Block, Board, CardDesign, CardRecord, Edit, Item, Project, Table};
use crate::privacy::{
    FoundNumber, PersonalKind, PublicNumbers, find_personal_numbers, mask_cell, mask_value,
    rule_for,
};

/// A personal number that an external output would print in full.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonalDataFinding {
    pub kind: PersonalKind,
    /// Where and what, in Chinese, with the number masked: "栏目“低保名单”中“2026年第一季度
    /// 低保名单”第 12 行（“身份证号”列）：身份证号 4101**********1234 未脱敏".
    pub message: String,
    pub board_id: Option<String>,
    pub panel_id: Option<String>,
    pub item_id: Option<String>,
    pub card_id: Option<String>,
    /// The number's digits (for 允许公开).
    pub digits: String,
    /// The one-click 脱敏: the edit that masks this occurrence in the project (a text), or sets
    /// the table column's or card field's kind so that every output masks it.
    pub fix: Option<Edit>,
    /// The table column it is in (item, block, column), when it is in one: 允许公开 can take
    /// the column's other numbers with the same reason (a list of cadres' work phones).
    pub column: Option<(String, usize, usize)>,
}

/// The project with every personal-kind table column and card field masked. Text elsewhere is
/// left as it is: [`personal_data_findings`] reports what it still holds.
pub fn masked_view(project: &Project) -> Project {
    let settings = &project.settings.privacy;
    let mut masked = project.clone();
    for item in &mut masked.items {
        for block in &mut item.blocks {
            if let Block::Table(table) = block {
                mask_table(table, settings);
            }
        }
    }
    for design in &mut masked.cards {
        for record in &mut design.records {
            mask_record(record, design.field_kinds.iter(), settings);
        }
    }
    masked
}

fn mask_table(table: &mut Table, settings: &crate::model::PrivacySettings) {
    let kinds: Vec<Option<PersonalKind>> = (0..table.columns.len())
        .map(|column| PersonalKind::of_column(table.column_kind(column)))
        .collect();
    for row in &mut table.rows {
        for (cell, kind) in row.iter_mut().zip(&kinds) {
            if let Some(kind) = kind {
                *cell = mask_cell(cell, *kind, settings);
            }
        }
    }
}

fn mask_record<'a>(
    record: &mut CardRecord,
    field_kinds: impl Iterator<Item = (&'a String, &'a crate::model::ColumnKind)>,
    settings: &crate::model::PrivacySettings,
) {
    for (field, column_kind) in field_kinds {
        if let (Some(kind), Some(value)) =
            (PersonalKind::of_column(*column_kind), record.get_mut(field))
        {
            *value = mask_cell(value, kind, settings);
        }
    }
}

/// Every personal number a board of `view` (the printed view: masked, 对内 items left out)
/// would print in full. Fixes are made against `original`, which keeps the full values.
pub fn board_findings(
    view: &Project,
    original: &Project,
    board: &Board,
) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let mut findings = Vec::new();
    let board_texts = [
        &board.header.title,
        &board.header.subtitle,
        &board.footer.note,
    ];
    for text in board_texts {
        for found in unmasked(text, &public) {
            findings.push(PersonalDataFinding {
                message: format!(
                    "公开栏“{}”的页眉或页脚：{}未脱敏",
                    board.name,
                    described(view, &found)
                ),
                board_id: Some(board.id.clone()),
                panel_id: None,
                item_id: None,
                card_id: None,
                kind: found.kind,
                digits: found.digits,
                fix: None,
                column: None,
            });
        }
    }
    for (panel_index, panel) in board.panels.iter().enumerate() {
        let place = if panel.title.trim().is_empty() {
            format!("第 {} 个栏目", panel_index + 1)
        } else {
            format!("栏目“{}”", panel.title.trim())
        };
        for item in panel.item_ids.iter().filter_map(|id| view.item(id)) {
            for mut finding in item_findings(view, original, item, &place, &public) {
                finding.board_id = Some(board.id.clone());
                finding.panel_id = Some(panel.id.clone());
                findings.push(finding);
            }
        }
    }
    findings
}

/// Every personal number a card design of `view` would print in full on some card.
pub fn card_findings(
    view: &Project,
    original: &Project,
    design: &CardDesign,
) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let mut findings = Vec::new();
    let original_design = original.card(&design.id).unwrap_or(design);
    let faces = [&design.faces.front, &design.faces.back]
        .into_iter()
        .flat_map(|face| &face.panels)
        .flat_map(|panel| {
            std::iter::once(Block::paragraph(panel.title.clone())).chain(panel.blocks.clone())
        });
    // Text typed on the card itself (the same on every card).
    for block in faces {
        let block = &block;
        for text in block_texts(block) {
            for found in unmasked(&text, &public) {
                findings.push(card_finding(
                    view,
                    design,
                    &format!("明白卡“{}”的文字", design.name),
                    found,
                    None,
                ));
            }
        }
    }
    // The records' values, field by field — only the fields the faces print (a column of the
    // 名单 no face uses never reaches a card): a fix binds the field to the kind found.
    let printed = design.used_fields();
    for (index, record) in design.records.iter().enumerate() {
        for (field, value) in record.iter().filter(|(field, _)| printed.contains(field)) {
            for found in unmasked(value, &public) {
                let mut fixed = original_design.clone();
                fixed
                    .field_kinds
                    .insert(field.clone(), found.kind.column_kind());
                let place = format!(
                    "明白卡“{}”{}的“{field}”栏",
                    design.name,
                    super::cards::record_name(design, record, index)
                );
                findings.push(card_finding(
                    view,
                    design,
                    &place,
                    found,
                    Some(Edit::SetCard(fixed)),
                ));
            }
        }
    }
    findings
}

fn card_finding(
    view: &Project,
    design: &CardDesign,
    place: &str,
    found: FoundNumber,
    fix: Option<Edit>,
) -> PersonalDataFinding {
    PersonalDataFinding {
        message: format!("{place}：{}未脱敏", described(view, &found)),
        board_id: None,
        panel_id: None,
        item_id: None,
        card_id: Some(design.id.clone()),
        kind: found.kind,
        digits: found.digits,
        fix,
        column: None,
    }
}

/// The findings in one item's blocks, placed as `place` ("栏目“低保名单”") and named by the
/// item's title.
fn item_findings(
    view: &Project,
    original: &Project,
    item: &Item,
    place: &str,
    public: &PublicNumbers,
) -> Vec<PersonalDataFinding> {
    let original_item = original.item(&item.id).unwrap_or(item);
    let mut findings = Vec::new();
    let finding = |found: FoundNumber, message: String, fix: Option<Edit>| PersonalDataFinding {
        message,
        board_id: None,
        panel_id: None,
        item_id: Some(item.id.clone()),
        card_id: None,
        kind: found.kind,
        digits: found.digits,
        fix,
        column: None,
    };
    for (block_index, block) in item.blocks.iter().enumerate() {
        if let Block::Table(table) = block {
            for (row_index, row) in table.rows.iter().enumerate() {
                for (column, cell) in row.iter().enumerate() {
                    for found in unmasked(cell, public) {
                        let header = table.columns.get(column).map_or("", String::as_str);
                        let message = format!(
                            "{place}中“{}”第 {} 行（“{header}”列）：{}未脱敏",
                            item.title,
                            row_index + 1,
                            described(view, &found)
                        );
                        let fix = column_kind_fix(original_item, block_index, column, found.kind);
                        findings.push(PersonalDataFinding {
                            column: Some((item.id.clone(), block_index, column)),
                            ..finding(found, message, fix)
                        });
                    }
                }
            }
            continue;
        }
        for text in block_texts(block) {
            for found in unmasked(&text, public) {
                let message = format!(
                    "{place}中“{}”：{}未脱敏",
                    item.title,
                    described(view, &found)
                );
                let fix = text_fix(view, original_item, block_index, &found);
                findings.push(finding(found, message, fix));
            }
        }
    }
    findings
}

/// The personal numbers of a text that are not public.
fn unmasked(text: &str, public: &PublicNumbers) -> Vec<FoundNumber> {
    find_personal_numbers(text)
        .into_iter()
        .filter(|found| !public.contains(&found.digits))
        .collect()
}

/// "身份证号 4101**********1234": the kind and the number as it would print once masked.
fn described(project: &Project, found: &FoundNumber) -> String {
    let rule = rule_for(&project.settings.privacy, found.kind);
    format!(
        "{} {} ",
        found.kind.label_zh(),
        mask_value(&found.digits, found.kind, rule)
    )
}

/// The texts of a block that print (not a table's: those are checked cell by cell).
fn block_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Paragraph { text } => vec![text.clone()],
        Block::List { entries, .. } => entries.clone(),
        Block::KeyValue { pairs } => pairs
            .iter()
            .flat_map(|pair| [pair.key.clone(), pair.value.clone()])
            .collect(),
        Block::Table(table) => table.columns.clone(),
        Block::Image { caption, .. } => vec![caption.clone()],
        Block::Qr { text, caption, .. } => vec![text.clone(), caption.clone()],
        Block::Flowchart(chart) => chart.texts().into_iter().map(str::to_owned).collect(),
    }
}

/// The item's blocks with the table column set to the kind found.
fn column_kind_fix(
    item: &Item,
    block_index: usize,
    column: usize,
    kind: PersonalKind,
) -> Option<Edit> {
    let mut blocks = item.blocks.clone();
    let Some(Block::Table(table)) = blocks.get_mut(block_index) else {
        return None;
    };
    if table.column_kinds.len() <= column {
        table
            .column_kinds
            .resize(column + 1, crate::model::ColumnKind::Text);
    }
    table.column_kinds[column] = kind.column_kind();
    Some(Edit::SetItemBlocks {
        item_id: item.id.clone(),
        blocks,
        // The app stamps the day it applies the fix.
        changed_on: None,
    })
}

/// The item's blocks with every occurrence of the number masked in the block's texts.
fn text_fix(
    project: &Project,
    item: &Item,
    block_index: usize,
    found: &FoundNumber,
) -> Option<Edit> {
    let rule = rule_for(&project.settings.privacy, found.kind);
    let mut blocks = item.blocks.clone();
    let block = blocks.get_mut(block_index)?;
    let mask = |text: &mut String| {
        let occurrences: Vec<FoundNumber> = find_personal_numbers(text)
            .into_iter()
            .filter(|other| other.digits == found.digits)
            .collect();
        for occurrence in occurrences.iter().rev() {
            let masked = mask_value(&text[occurrence.range.clone()], found.kind, rule);
            text.replace_range(occurrence.range.clone(), &masked);
        }
    };
    match block {
        Block::Paragraph { text } => mask(text),
        Block::List { entries, .. } => entries.iter_mut().for_each(mask),
        Block::KeyValue { pairs } => pairs.iter_mut().for_each(|pair| {
            mask(&mut pair.key);
            mask(&mut pair.value);
        }),
        Block::Table(table) => table.columns.iter_mut().for_each(mask),
        Block::Image { caption, .. } => mask(caption),
        Block::Qr { text, caption, .. } => {
            mask(text);
            mask(caption);
        }
        Block::Flowchart(chart) => chart.for_each_text_mut(mask),
    }
    Some(Edit::SetItemBlocks {
        item_id: item.id.clone(),
        blocks,
        // The app stamps the day it applies the fix.
        changed_on: None,
    })
}
