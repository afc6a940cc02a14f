//! The unit's details in text: `{单位名称}`, `{监督电话}`… in headers, footers, items and
//! cards take the values of the project's [`Meta`]; and the 【请填写】 marks that templates
//! leave for the clerk, found wherever they are so that none reaches a printed board.

use super::{Block, Item, Meta, Project};

/// What a template writes where the clerk must put the real text.
pub const PLACEHOLDER: &str = "【请填写】";

/// The `{名称}` fields a text may use, with what they are in the 单位信息 form.
pub const UNIT_FIELDS: [(&str, &str); 9] = [
    ("单位名称", "单位名称"),
    ("公开主体", "默认公开主体（公开人）"),
    ("地址", "地址"),
    ("监督电话", "监督电话"),
    ("咨询电话", "咨询电话"),
    ("意见箱", "意见箱位置"),
    ("接待日", "领导接待日"),
    ("二维码", "意见箱二维码内容"),
    ("审核人", "村务监督委员会 / 审核人"),
];

impl Meta {
    /// The value of a `{名称}` field; None for a name that is not the unit's.
    pub fn field_value(&self, name: &str) -> Option<&str> {
        let value = match name {
            "单位名称" => &self.unit_name,
            "单位简称" => return Some(self.short_unit_name()),
            "公开主体" | "公开人" => {
                if self.default_publisher.trim().is_empty() {
                    &self.unit_name
                } else {
                    &self.default_publisher
                }
            }
            "地址" => &self.address,
            "监督电话" => &self.supervision_phone,
            "咨询电话" => &self.consult_phone,
            "意见箱" => &self.suggestion_box,
            "接待日" => &self.reception_day,
            "二维码" => &self.suggestion_qr,
            "审核人" | "监委会" => &self.reviewer,
            _ => return None,
        };
        Some(value.as_str())
    }

    /// The unit's name without 人民政府 / 村民委员会 / 居民委员会 (东湾村村民委员会 → 东湾村), for
    /// titles such as "{单位简称}村务公开栏".
    pub fn short_unit_name(&self) -> &str {
        let name = self.unit_name.trim();
        ["人民政府", "村民委员会", "居民委员会", "委员会"]
            .iter()
            .find_map(|suffix| name.strip_suffix(suffix).filter(|short| !short.is_empty()))
            .unwrap_or(name)
    }

    /// What the unit's disclosure is called, from its name: 村务公开 for a village (…村,
    /// …村民委员会, …村委会), 居务公开 for a community (…社区…, …居民委员会, …居委会), else
    /// 政务公开 (a town or an office). Titles of reports use it.
    pub fn disclosure_name_zh(&self) -> &'static str {
        let name = self.unit_name.trim();
        let ends_with_any =
            |suffixes: &[&str]| suffixes.iter().any(|suffix| name.ends_with(suffix));
        if name.contains("社区") || ends_with_any(&["居民委员会", "居委会"]) {
            "居务公开"
        } else if ends_with_any(&["村", "村民委员会", "村委会", "村党支部"]) {
            "村务公开"
        } else {
            "政务公开"
        }
    }

    /// `text` with the unit's `{名称}` fields filled in; a field left empty becomes
    /// [`PLACEHOLDER`] (so the check finds it), unknown names stay as written (card merge
    /// fields such as `{姓名}` are filled later, per record).
    pub fn fill(&self, text: &str) -> String {
        fill_fields_with(text, |name| self.printed_field_value(name))
    }

    /// The value a `{名称}` field of the unit prints as: its value, or [`PLACEHOLDER`] while
    /// it is empty; None for a name that is not the unit's.
    pub fn printed_field_value(&self, name: &str) -> Option<&str> {
        self.field_value(name).map(|value| {
            if value.trim().is_empty() {
                PLACEHOLDER
            } else {
                value
            }
        })
    }
}

/// `text` with each `{名称}` that `value_of` knows replaced, in one pass from left to right: a
/// value that itself holds `{…}` is not filled again; unknown names and a `{` without its `}`
/// stay as written. The one scanner of fields (the unit's, and a card's per record).
pub fn fill_fields_with<'v>(text: &str, value_of: impl Fn(&str) -> Option<&'v str>) -> String {
    if !text.contains('{') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after
            .find('}')
            .and_then(|end| value_of(&after[..end]).map(|value| (end, value)))
        {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn fill_block(meta: &Meta, block: &mut Block) {
    let fill = |text: &mut String| *text = meta.fill(text);
    match block {
        Block::Paragraph { text } => fill(text),
        Block::List { entries, .. } => entries.iter_mut().for_each(fill),
        Block::KeyValue { pairs } => pairs.iter_mut().for_each(|pair| {
            fill(&mut pair.key);
            fill(&mut pair.value);
        }),
        Block::Table(table) => {
            table.columns.iter_mut().for_each(fill);
            table
                .rows
                .iter_mut()
                .for_each(|row| row.iter_mut().for_each(fill));
        }
        Block::Image { caption, .. } => fill(caption),
        Block::Qr { text, caption, .. } => {
            fill(text);
            fill(caption);
        }
        Block::Flowchart(chart) => chart.for_each_text_mut(fill),
    }
}

fn fill_item(meta: &Meta, item: &mut Item) {
    item.title = meta.fill(&item.title);
    item.blocks
        .iter_mut()
        .for_each(|block| fill_block(meta, block));
}

impl Project {
    /// The project as it prints: every `{单位名称}`-style field filled from the unit's details.
    pub fn with_unit_fields(&self) -> Project {
        let mut project = self.clone();
        let meta = &self.meta;
        for board in &mut project.boards {
            board.header.title = meta.fill(&board.header.title);
            board.header.subtitle = meta.fill(&board.header.subtitle);
            board.footer.note = meta.fill(&board.footer.note);
            for panel in &mut board.panels {
                panel.title = meta.fill(&panel.title);
            }
        }
        project
            .items
            .iter_mut()
            .for_each(|item| fill_item(meta, item));
        for card in &mut project.cards {
            // The faces' fields are filled per card, the unit's and the record's in one
            // pass (compose::cards).
            card.name = meta.fill(&card.name);
        }
        project
    }
}

/// A 【请填写】 left in the project, named the way the clerk sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceholderPlace {
    /// The boards that print it; empty: every output (the unit's details), or only the outputs
    /// `card_id` and `register_only` say.
    pub board_ids: Vec<String>,
    /// On this card design only.
    pub card_id: Option<String>,
    /// In registers only (an item on no panel).
    pub register_only: bool,
    /// e.g. "公开栏“东湾村村务公开栏”的栏目“党务公开”中的“党组织设置及成员”".
    pub place: String,
    /// A detail of the unit that is empty (rather than a 【请填写】 in the text).
    pub missing: bool,
    /// The panel and the item it is in, to select them.
    pub panel_id: Option<String>,
    pub item_id: Option<String>,
    /// Text of the built-in sample (the invented 青禾镇) in another unit's project: the town
    /// template starts from the sample, and its text is no more to be printed than a 【请填写】.
    pub sample_text: bool,
    /// A value the template marked as a sample (`Project::sample_marks`), not yet edited.
    pub sample_value: bool,
}

/// The short name of the built-in sample's invented town (青禾镇人民政府).
pub const SAMPLE_UNIT_SHORT_NAME: &str = "青禾";

impl PlaceholderPlace {
    pub fn message(&self) -> String {
        if self.sample_value {
            format!(
                "{}还是模板填好的示例内容（虚构的数字和说明），请改成本单位的实际内容后再打印。",
                self.place
            )
        } else if self.sample_text {
            format!(
                "{}还是示例“{SAMPLE_UNIT_SHORT_NAME}镇”的文字（模板自带的虚构内容），请改成本单位的实际内容后再打印。",
                self.place
            )
        } else if self.missing {
            format!(
                "{}还没有填写，请在“文件 → 单位信息…”中填上后再打印。",
                self.place
            )
        } else {
            format!(
                "{}还有“{PLACEHOLDER}”，请填上实际内容后再打印。",
                self.place
            )
        }
    }
}

fn block_has_placeholder(block: &Block) -> bool {
    block.all_text().contains(PLACEHOLDER)
        || matches!(block, Block::Qr { text, .. } if text.contains(PLACEHOLDER))
}

fn item_has_placeholder(item: &Item) -> bool {
    item.title.contains(PLACEHOLDER) || item.blocks.iter().any(block_has_placeholder)
}

/// Every place that still holds a 【请填写】 once the unit's fields are filled in, in the
/// order of the outline: the unit's details, each board (header, panels and their items,
/// footer), items on no panel, cards.
pub fn placeholder_places(project: &Project) -> Vec<PlaceholderPlace> {
    let filled = project.with_unit_fields();
    let mut places = Vec::new();
    let everywhere = |place: String| PlaceholderPlace {
        board_ids: Vec::new(),
        place,
        missing: false,
        panel_id: None,
        item_id: None,
        card_id: None,
        register_only: false,
        sample_text: false,
        sample_value: false,
    };
    // The unit's name heads registers and reports; the contacts print in board footers.
    let contacts_shown = project
        .boards
        .iter()
        .any(|board| board.footer.show_contacts);
    for (name, label) in UNIT_FIELDS {
        let value = project.meta.field_value(name).unwrap_or_default();
        let required =
            name == "单位名称" || (contacts_shown && matches!(name, "监督电话" | "意见箱"));
        if value.contains(PLACEHOLDER) {
            places.push(everywhere(format!("单位信息“{label}”")));
        } else if required && value.trim().is_empty() {
            places.push(PlaceholderPlace {
                missing: true,
                ..everywhere(format!("单位信息“{label}”"))
            });
        }
    }
    for board in &filled.boards {
        let on_board = |place: String| PlaceholderPlace {
            board_ids: vec![board.id.clone()],
            place,
            missing: false,
            panel_id: None,
            item_id: None,
            card_id: None,
            register_only: false,
            sample_text: false,
            sample_value: false,
        };
        if board.header.title.contains(PLACEHOLDER) || board.header.subtitle.contains(PLACEHOLDER) {
            places.push(on_board(format!("公开栏“{}”的标题", board.name)));
        }
        for panel in &board.panels {
            if panel.title.contains(PLACEHOLDER) {
                places.push(PlaceholderPlace {
                    panel_id: Some(panel.id.clone()),
                    ..on_board(format!(
                        "公开栏“{}”的栏目“{}”的标题",
                        board.name, panel.title
                    ))
                });
            }
            for item in panel.item_ids.iter().filter_map(|id| filled.item(id)) {
                if item_has_placeholder(item) {
                    places.push(PlaceholderPlace {
                        panel_id: Some(panel.id.clone()),
                        item_id: Some(item.id.clone()),
                        ..on_board(format!(
                            "公开栏“{}”栏目“{}”中的“{}”",
                            board.name, panel.title, item.title
                        ))
                    });
                }
            }
        }
        if board.footer.note.contains(PLACEHOLDER) {
            places.push(on_board(format!("公开栏“{}”的栏脚", board.name)));
        }
    }
    for item in &filled.items {
        let placed = filled.boards.iter().any(|board| {
            board
                .panels
                .iter()
                .any(|panel| panel.item_ids.contains(&item.id))
        });
        if !placed && item_has_placeholder(item) {
            places.push(PlaceholderPlace {
                item_id: Some(item.id.clone()),
                register_only: true,
                ..everywhere(format!("未上栏的“{}”", item.title))
            });
        }
    }
    for card in &filled.cards {
        if [&card.faces.front, &card.faces.back]
            .iter()
            .flat_map(|face| &face.panels)
            .any(|panel| {
                // The faces keep their fields until each card is merged: an empty unit
                // detail shows here as 【请填写】.
                let mut blocks = panel.blocks.clone();
                blocks
                    .iter_mut()
                    .for_each(|block| fill_block(&filled.meta, block));
                filled.meta.fill(&panel.title).contains(PLACEHOLDER)
                    || blocks.iter().any(block_has_placeholder)
            })
            || card
                .records
                .iter()
                .any(|record| record.values().any(|value| value.contains(PLACEHOLDER)))
        {
            places.push(PlaceholderPlace {
                card_id: Some(card.id.clone()),
                ..everywhere(format!("明白卡“{}”", card.name))
            });
        }
    }
    let sample_text = sample_text_places(project);
    let marked = sample_value_places(project, &sample_text);
    places.extend(sample_text);
    places.extend(marked);
    places
}

/// An item's place: the board and panel that show it, or none (it prints in the register only).
fn item_place(
    project: &Project,
    item: &super::Item,
    place: &dyn Fn(String) -> PlaceholderPlace,
) -> PlaceholderPlace {
    let shown = project.boards.iter().find_map(|board| {
        board
            .panels
            .iter()
            .find(|panel| panel.item_ids.contains(&item.id))
            .map(|panel| (board, panel))
    });
    match shown {
        Some((board, panel)) => PlaceholderPlace {
            board_ids: vec![board.id.clone()],
            panel_id: Some(panel.id.clone()),
            item_id: Some(item.id.clone()),
            ..place(format!(
                "公开栏“{}”栏目“{}”中的“{}”",
                board.name, panel.title, item.title
            ))
        },
        None => PlaceholderPlace {
            item_id: Some(item.id.clone()),
            register_only: true,
            ..place(format!("未上栏的“{}”", item.title))
        },
    }
}

/// The values the template marked as samples and the clerk has not edited, but those
/// `already` names (by item or by place).
fn sample_value_places(project: &Project, already: &[PlaceholderPlace]) -> Vec<PlaceholderPlace> {
    let marks = &project.sample_marks;
    let place = |place: String| PlaceholderPlace {
        board_ids: Vec::new(),
        card_id: None,
        register_only: false,
        place,
        missing: false,
        panel_id: None,
        item_id: None,
        sample_text: false,
        sample_value: true,
    };
    let mut places = Vec::new();
    for (name, label) in UNIT_FIELDS {
        let still_sample = marks.unit_fields.get(name).is_some_and(|sample| {
            project.meta.field_value(name).map(str::trim) == Some(sample.as_str())
        });
        let shown = format!("单位信息“{label}”");
        if still_sample && !already.iter().any(|known| known.place == shown) {
            places.push(place(shown));
        }
    }
    for item in project
        .items
        .iter()
        .filter(|item| marks.is_sample_item(item))
    {
        if already
            .iter()
            .any(|known| known.item_id.as_deref() == Some(item.id.as_str()))
        {
            continue;
        }
        places.push(item_place(project, item, &place));
    }
    places
}

/// Where a project of another unit still has the built-in sample's text (青禾…): the unit's
/// details, each board's header and footer, each item (on a board or not), each card.
fn sample_text_places(project: &Project) -> Vec<PlaceholderPlace> {
    let sample = SAMPLE_UNIT_SHORT_NAME;
    if project.meta.unit_name.contains(sample) {
        return Vec::new();
    }
    let place = |place: String| PlaceholderPlace {
        board_ids: Vec::new(),
        card_id: None,
        register_only: false,
        place,
        missing: false,
        panel_id: None,
        item_id: None,
        sample_text: true,
        sample_value: false,
    };
    let mut places = Vec::new();
    for (name, label) in UNIT_FIELDS {
        if project
            .meta
            .field_value(name)
            .is_some_and(|value| value.contains(sample))
        {
            places.push(place(format!("单位信息“{label}”")));
        }
    }
    for board in &project.boards {
        if [
            &board.header.title,
            &board.header.subtitle,
            &board.footer.note,
        ]
        .iter()
        .any(|text| text.contains(sample))
        {
            places.push(PlaceholderPlace {
                board_ids: vec![board.id.clone()],
                ..place(format!("公开栏“{}”的栏头或栏脚", board.name))
            });
        }
    }
    for item in &project.items {
        let has_sample = item.title.contains(sample)
            || item.blocks.iter().any(|block| {
                block.all_text().contains(sample)
                    || matches!(block, Block::Qr { text, .. } if text.contains(sample))
            });
        if !has_sample {
            continue;
        }
        places.push(item_place(project, item, &place));
    }
    for card in &project.cards {
        let on_faces = [&card.faces.front, &card.faces.back]
            .iter()
            .flat_map(|face| &face.panels)
            .any(|panel| {
                panel.title.contains(sample)
                    || panel
                        .blocks
                        .iter()
                        .any(|block| block.all_text().contains(sample))
            });
        let in_records = card
            .records
            .iter()
            .any(|record| record.values().any(|value| value.contains(sample)));
        if on_faces || in_records {
            places.push(PlaceholderPlace {
                card_id: Some(card.id.clone()),
                ..place(format!("明白卡“{}”", card.name))
            });
        }
    }
    places
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_disclosure_is_named_after_the_kind_of_unit() {
        let named = |unit_name: &str| {
            Meta {
                unit_name: unit_name.into(),
                ..Meta::default()
            }
            .disclosure_name_zh()
        };
        assert_eq!(named("青禾镇人民政府"), "政务公开");
        assert_eq!(named("东湾村村民委员会"), "村务公开");
        assert_eq!(named("青禾镇东坡村"), "村务公开");
        assert_eq!(named("东湾村村委会"), "村务公开");
        assert_eq!(named("青禾社区居民委员会"), "居务公开");
        assert_eq!(named("城关镇幸福社区"), "居务公开");
        assert_eq!(named("青禾镇村镇建设办公室"), "政务公开");
    }

    use super::*;
    use crate::model::{Board, BoardHeader, Panel};

    #[test]
    fn unit_fields_are_filled_and_empty_ones_marked() {
        let meta = Meta {
            unit_name: "东湾村村民委员会".into(),
            supervision_phone: "0000-6613101".into(),
            ..Meta::default()
        };
        assert_eq!(
            meta.fill("{单位名称}　监督电话：{监督电话}　{姓名}　审核人：{审核人}　{"),
            "东湾村村民委员会　监督电话：0000-6613101　{姓名}　审核人：【请填写】　{"
        );
        assert_eq!(meta.fill("公开人：{公开人}"), "公开人：东湾村村民委员会");
    }

    #[test]
    fn placeholders_are_named_by_board_panel_and_item() {
        let mut project = Project::default();
        project.meta.unit_name = "东湾村村民委员会".into();
        project.meta.supervision_phone = "0000-6613101".into();
        project.items.push(Item {
            id: "item-1".into(),
            title: "党组织设置及成员".into(),
            blocks: vec![Block::paragraph("书记：【请填写】")],
            ..Item::default()
        });
        project.items.push(Item {
            id: "item-2".into(),
            title: "旧通知".into(),
            blocks: vec![Block::paragraph("{审核人}")],
            ..Item::default()
        });
        project.boards.push(Board {
            id: "board-1".into(),
            name: "村务公开栏".into(),
            header: BoardHeader {
                title: "{单位名称}村务公开栏".into(),
                ..BoardHeader::default()
            },
            panels: vec![Panel {
                id: "panel-1".into(),
                title: "党务公开".into(),
                item_ids: vec!["item-1".into()],
                ..Panel::default()
            }],
            ..Board::default()
        });
        let messages: Vec<String> = placeholder_places(&project)
            .iter()
            .map(PlaceholderPlace::message)
            .collect();
        assert_eq!(
            messages,
            [
                "单位信息“意见箱位置”还没有填写，请在“文件 → 单位信息…”中填上后再打印。",
                "公开栏“村务公开栏”栏目“党务公开”中的“党组织设置及成员”还有“【请填写】”，请填上实际内容后再打印。",
                "未上栏的“旧通知”还有“【请填写】”，请填上实际内容后再打印。",
            ]
        );
    }
}
