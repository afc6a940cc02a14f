//! Personal data in external outputs, decided here once for board, tiles, cards, the external
//! register and the archive: table columns of a personal kind (身份证号, 银行卡号, 手机号) and
//! card fields bound to one are masked; any other personal number that would print in full is a
//! [`PersonalDataFinding`] that blocks the export (`--force` does not override it: only masking
//! or 允许公开 does). The project itself keeps every full value.

use crate::model::{Block, Board, CardDesign, CardRecord, Edit, Item, Project, Table};
use crate::privacy::{
    FoundNumber, PersonalKind, PublicNumbers, TextPlace, find_personal_numbers, mask_cell,
    mask_value, rule_for,
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
    /// Whether 允许公开 can let it print: never for an ID in a title, a name or the unit's
    /// details.
    pub allowable: bool,
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
/// would print in full: in its name (the PDF title, the tile labels, file names), its header
/// and footer, its panels' titles and own blocks, and its items. Fixes are made against
/// `original`, which keeps the full values.
pub fn board_findings(
    view: &Project,
    original: &Project,
    board: &Board,
) -> Vec<PersonalDataFinding> {
    with_masked_messages(board_findings_unmasked(view, original, board), view)
}

/// Every personal number a card design of `view` would print in full on some card: in its
/// name (the PDF title, file names), the text typed on its faces, and the records' fields.
pub fn card_findings(
    view: &Project,
    original: &Project,
    design: &CardDesign,
) -> Vec<PersonalDataFinding> {
    with_masked_messages(card_findings_unmasked(view, original, design), view)
}

/// Every personal number in the unit's details (单位信息), which every output prints in part
/// (the header, the footer, the document's author): an ID never, a mobile only in the phone
/// fields (监督电话, 咨询电话) or when allowed. Fixes are made against `original`.
pub fn unit_findings(view: &Project, original: &Project) -> Vec<PersonalDataFinding> {
    with_masked_messages(unit_findings_unmasked(view, original), view)
}

/// Every personal number in the catalog (公开目录): the entries' names and fields print in
/// the 公开目录 and the 自查情况表. Fixes are made against `original`.
pub fn catalog_findings(view: &Project, original: &Project) -> Vec<PersonalDataFinding> {
    with_masked_messages(catalog_findings_unmasked(view, original), view)
}

/// Every personal number in the items' titles, which the 自查情况表 and the 公开目录 print:
/// `only_loose`, of the items no board shows (an item on a board is named by
/// [`board_findings`]); else of every item.
pub fn item_title_findings(
    view: &Project,
    original: &Project,
    only_loose: bool,
) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let shown: std::collections::BTreeSet<&str> = view
        .boards
        .iter()
        .flat_map(|board| &board.panels)
        .flat_map(|panel| &panel.item_ids)
        .map(String::as_str)
        .collect();
    let findings = view
        .items
        .iter()
        .filter(|item| !only_loose || !shown.contains(item.id.as_str()))
        .flat_map(|item| {
            let title = original
                .item(&item.id)
                .map_or(&item.title, |item| &item.title);
            named_findings(
                view,
                title,
                &public,
                &format!("事项“{}”的标题", item.title),
                |title| {
                    Some(Edit::RenameItem {
                        item_id: item.id.clone(),
                        title,
                    })
                },
            )
            .into_iter()
            .map(|finding| PersonalDataFinding {
                item_id: Some(item.id.clone()),
                ..finding
            })
        })
        .collect();
    with_masked_messages(findings, view)
}

/// The findings with their messages masked: a message quotes the name of a board, panel, item
/// or card, which may itself hold the number it is about.
fn with_masked_messages(
    findings: Vec<PersonalDataFinding>,
    view: &Project,
) -> Vec<PersonalDataFinding> {
    findings
        .into_iter()
        .map(|finding| PersonalDataFinding {
            message: crate::privacy::mask_all(&finding.message, &view.settings.privacy),
            ..finding
        })
        .collect()
}

/// A finding with no place ids yet.
fn finding_at(message: String, found: FoundNumber, fix: Option<Edit>) -> PersonalDataFinding {
    PersonalDataFinding {
        message,
        board_id: None,
        panel_id: None,
        item_id: None,
        card_id: None,
        kind: found.kind,
        digits: found.digits,
        fix,
        column: None,
        allowable: true,
    }
}

/// The findings of a title, a name or a detail of the unit (`place` says which, in the
/// clerk's words): an ID is never accepted there. `fix` makes the edit that writes the text
/// back with its numbers masked.
fn named_findings(
    view: &Project,
    text: &str,
    public: &PublicNumbers,
    place: &str,
    fix: impl Fn(String) -> Option<Edit>,
) -> Vec<PersonalDataFinding> {
    let found = unmasked(text, public, TextPlace::Named);
    if found.is_empty() {
        return Vec::new();
    }
    let masked = masked_named(text, &view.settings.privacy, public);
    found
        .into_iter()
        .map(|found| {
            let message = format!("{place}：{}未脱敏", described(view, &found));
            let allowable = found.kind != PersonalKind::IdNumber;
            PersonalDataFinding {
                allowable,
                ..finding_at(message, found, fix(masked.clone()))
            }
        })
        .collect()
}

/// A title or name with every number it may not show masked.
fn masked_named(
    text: &str,
    settings: &crate::model::PrivacySettings,
    public: &PublicNumbers,
) -> String {
    let mut out = text.to_owned();
    for found in unmasked(text, public, TextPlace::Named).iter().rev() {
        let masked = mask_value(&found.digits, found.kind, rule_for(settings, found.kind));
        out.replace_range(found.range.clone(), &masked);
    }
    out
}

/// [`board_findings`], the messages as written.
fn board_findings_unmasked(
    view: &Project,
    original: &Project,
    board: &Board,
) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let mut findings = Vec::new();
    let board_name = format!("公开栏“{}”", board.name);
    findings.extend(named_findings(
        view,
        &board.name,
        &public,
        &format!("{board_name}的名称"),
        |name| {
            Some(Edit::RenameBoard {
                board_id: board.id.clone(),
                name,
            })
        },
    ));
    let original_board = original.board(&board.id).unwrap_or(board);
    let header_fields = [
        ("栏头标题", &board.header.title),
        ("栏头副标题", &board.header.subtitle),
    ];
    for (field, text) in header_fields {
        findings.extend(named_findings(
            view,
            text,
            &public,
            &format!("{board_name}的{field}"),
            |masked| {
                let mut header = original_board.header.clone();
                if field == "栏头标题" {
                    header.title = masked;
                } else {
                    header.subtitle = masked;
                }
                Some(Edit::SetBoardHeader {
                    board_id: board.id.clone(),
                    header,
                })
            },
        ));
    }
    findings.extend(named_findings(
        view,
        &board.footer.note,
        &public,
        &format!("{board_name}的栏脚说明"),
        |note| {
            let mut footer = original_board.footer.clone();
            footer.note = note;
            Some(Edit::SetBoardFooter {
                board_id: board.id.clone(),
                footer,
            })
        },
    ));
    for finding in &mut findings {
        finding.board_id = Some(board.id.clone());
    }
    for (panel_index, panel) in board.panels.iter().enumerate() {
        let place = if panel.title.trim().is_empty() {
            format!("第 {} 个栏目", panel_index + 1)
        } else {
            format!("栏目“{}”", panel.title.trim())
        };
        let mut panel_findings = named_findings(
            view,
            &panel.title,
            &public,
            &format!("{board_name}的第 {} 个栏目的标题", panel_index + 1),
            |title| {
                Some(Edit::RenamePanel {
                    board_id: board.id.clone(),
                    panel_id: panel.id.clone(),
                    title,
                })
            },
        );
        for block in &panel.blocks {
            for text in printed_texts(block) {
                for found in unmasked(&text, &public, TextPlace::Content) {
                    let message = format!("{place}的文字：{}未脱敏", described(view, &found));
                    panel_findings.push(finding_at(message, found, None));
                }
            }
        }
        for item in panel.item_ids.iter().filter_map(|id| view.item(id)) {
            panel_findings.extend(item_findings(view, original, item, &place, &public));
        }
        for mut finding in panel_findings {
            finding.board_id = Some(board.id.clone());
            finding.panel_id = Some(panel.id.clone());
            findings.push(finding);
        }
    }
    findings
}

/// [`card_findings`], the messages as written.
fn card_findings_unmasked(
    view: &Project,
    original: &Project,
    design: &CardDesign,
) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let original_design = original.card(&design.id).unwrap_or(design);
    let mut findings = named_findings(
        view,
        &design.name,
        &public,
        &format!("明白卡“{}”的名称", design.name),
        |name| {
            let mut renamed = original_design.clone();
            renamed.name = name;
            Some(Edit::SetCard(renamed))
        },
    );
    for finding in &mut findings {
        finding.card_id = Some(design.id.clone());
    }
    let face_texts = [&design.faces.front, &design.faces.back]
        .into_iter()
        .flat_map(|face| {
            [
                face.header.title.clone(),
                face.header.subtitle.clone(),
                face.footer.note.clone(),
            ]
            .into_iter()
            .map(|text| (text, TextPlace::Named))
            .chain(face.panels.iter().flat_map(|panel| {
                std::iter::once((panel.title.clone(), TextPlace::Named)).chain(
                    panel
                        .blocks
                        .iter()
                        .flat_map(printed_texts)
                        .map(|text| (text, TextPlace::Content)),
                )
            }))
        })
        // The card-wide 固定内容 the faces print: the same on every card too.
        .chain(
            design
                .fixed
                .iter()
                .filter(|(field, _)| design.used_fields().contains(field))
                .map(|(_, value)| (value.clone(), TextPlace::Content)),
        );
    // Text typed on the card itself (the same on every card).
    for (text, place) in face_texts {
        for found in unmasked(&text, &public, place) {
            let allowable = place == TextPlace::Content || found.kind != PersonalKind::IdNumber;
            findings.push(PersonalDataFinding {
                allowable,
                ..card_finding(
                    view,
                    design,
                    &format!("明白卡“{}”的文字", design.name),
                    found,
                    None,
                )
            });
        }
    }
    // The records' values, field by field — only the fields the faces print (a column of the
    // 名单 no face uses never reaches a card): a fix binds the field to the kind found.
    let printed = design.used_fields();
    for (index, record) in design.records.iter().enumerate() {
        for (field, value) in record.iter().filter(|(field, _)| printed.contains(field)) {
            for found in unmasked(value, &public, TextPlace::Content) {
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

/// A text field of the unit's details, to write its masked form back.
type MetaField = fn(&mut crate::model::Meta) -> &mut String;
/// A text field of a catalog entry, to write its masked form back.
type EntryField = fn(&mut crate::model::DirectoryFields) -> &mut String;

/// [`unit_findings`], the messages as written.
fn unit_findings_unmasked(view: &Project, original: &Project) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let meta = &original.meta;
    let fields: [(&str, &String, MetaField); 9] = [
        ("单位名称", &meta.unit_name, |m| &mut m.unit_name),
        ("监督电话", &meta.supervision_phone, |m| {
            &mut m.supervision_phone
        }),
        ("咨询电话", &meta.consult_phone, |m| {
            &mut m.consult_phone
        }),
        ("意见箱位置", &meta.suggestion_box, |m| {
            &mut m.suggestion_box
        }),
        ("意见箱二维码", &meta.suggestion_qr, |m| {
            &mut m.suggestion_qr
        }),
        ("领导接待日", &meta.reception_day, |m| {
            &mut m.reception_day
        }),
        ("地址", &meta.address, |m| &mut m.address),
        ("公开人", &meta.default_publisher, |m| {
            &mut m.default_publisher
        }),
        ("审核人", &meta.reviewer, |m| &mut m.reviewer),
    ];
    fields
        .into_iter()
        .flat_map(|(label, text, field)| {
            named_findings(
                view,
                text,
                &public,
                &format!("单位信息 → {label}"),
                |masked| {
                    let mut fixed = meta.clone();
                    *field(&mut fixed) = masked;
                    Some(Edit::SetMeta(fixed))
                },
            )
        })
        .collect()
}

/// [`catalog_findings`], the messages as written.
fn catalog_findings_unmasked(view: &Project, original: &Project) -> Vec<PersonalDataFinding> {
    let public = PublicNumbers::of(&view.meta, &view.settings.privacy);
    let mut findings = Vec::new();
    for entry in original.catalog.entries() {
        let name = if entry.sub_name.is_empty() {
            entry.name.clone()
        } else {
            format!("{}（{}）", entry.name, entry.sub_name)
        };
        let place = |field: &str| format!("公开目录“{name}”的{field}");
        for (label, text) in [("事项名称", &entry.name), ("二级事项", &entry.sub_name)] {
            findings.extend(named_findings(view, text, &public, &place(label), |_| None));
        }
        let fields = &entry.fields;
        let texts: [(&str, &String, EntryField); 5] = [
            ("公开内容", &fields.content, |f| &mut f.content),
            ("公开依据", &fields.basis, |f| &mut f.basis),
            ("公开主体", &fields.lead_department, |f| {
                &mut f.lead_department
            }),
            ("责任人", &fields.responsible, |f| &mut f.responsible),
            ("监督人", &fields.supervisor, |f| &mut f.supervisor),
        ];
        for (label, text, field) in texts {
            findings.extend(named_findings(
                view,
                text,
                &public,
                &place(label),
                |masked| {
                    let mut fixed = fields.clone();
                    *field(&mut fixed) = masked;
                    Some(Edit::SetEntryFields {
                        entry_id: entry.id.clone(),
                        fields: fixed,
                    })
                },
            ));
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
        allowable: true,
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
        allowable: true,
    };
    findings.extend(
        named_findings(
            view,
            &item.title,
            public,
            &format!("{place}中事项“{}”的标题", item.title),
            |title| {
                Some(Edit::RenameItem {
                    item_id: item.id.clone(),
                    title,
                })
            },
        )
        .into_iter()
        .map(|found| PersonalDataFinding {
            item_id: Some(item.id.clone()),
            ..found
        }),
    );
    for (block_index, block) in item.blocks.iter().enumerate() {
        if let Block::Table(table) = block {
            for (column, header) in table.columns.iter().enumerate() {
                for found in unmasked(header, public, TextPlace::Named) {
                    let message = format!(
                        "{place}中“{}”的表头（第 {} 列）：{}未脱敏",
                        item.title,
                        column + 1,
                        described(view, &found)
                    );
                    let fix = text_fix(view, original_item, block_index, &found);
                    findings.push(finding(found, message, fix));
                }
            }
            for (row_index, row) in table.rows.iter().enumerate() {
                for (column, cell) in row.iter().enumerate() {
                    for found in unmasked(cell, public, TextPlace::Content) {
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
            for found in unmasked(&text, public, TextPlace::Content) {
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

/// The personal numbers of a text that may not print at a place of this kind.
fn unmasked(text: &str, public: &PublicNumbers, place: TextPlace) -> Vec<FoundNumber> {
    find_personal_numbers(text)
        .into_iter()
        .filter(|found| !public.accepts(found, place))
        .collect()
}

/// Every text of a block that prints, a table's header and cells included.
fn printed_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Table(table) => table
            .columns
            .iter()
            .chain(table.rows.iter().flatten())
            .cloned()
            .collect(),
        other => block_texts(other),
    }
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
            let masked = mask_value(&occurrence.digits, found.kind, rule);
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
