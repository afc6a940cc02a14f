//! The project itself: the file's format marker, the [`Project`] with its look-ups and fresh
//! ids, the unit's [`Meta`] and the schedule [`Settings`] (disclosure days, date style).

use super::privacy::PrivacySettings;
use super::{
    Board, CardDesign, Catalog, CatalogEntry, DataSource, DirectoryFields, Item, LogEntry,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `format` field of every project file.
pub const FORMAT_NAME: &str = "gongkai-project";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 3;

/// A whole project: one town's (or village's) disclosure work.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub meta: Meta,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub catalog: Catalog,
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub boards: Vec<Board>,
    #[serde(default)]
    pub cards: Vec<CardDesign>,
    #[serde(default)]
    pub log: Vec<LogEntry>,
    /// Files tables and card records were imported from (see [`DataSource`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<DataSource>,
    /// The day the project was made (new projects; None in files written before format 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<NaiveDate>,
    /// 自查情况总结: the written summary of the latest self-inspection, printed in the
    /// 自查情况表 (empty: the table's own conclusion only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub self_check_summary: String,
    /// The template's sample values still to be replaced (see [`SampleMarks`]).
    #[serde(default, skip_serializing_if = "SampleMarks::is_empty")]
    pub sample_marks: SampleMarks,
    /// What loading changed in an older file (format migration), for the clerk to be told
    /// once; never written.
    #[serde(skip)]
    pub load_notes: Vec<String>,
}

impl Default for Project {
    fn default() -> Self {
        Project {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            meta: Meta::default(),
            settings: Settings::default(),
            catalog: Catalog::default(),
            items: Vec::new(),
            boards: Vec::new(),
            cards: Vec::new(),
            log: Vec::new(),
            sources: Vec::new(),
            created_on: None,
            self_check_summary: String::new(),
            sample_marks: SampleMarks::default(),
            load_notes: Vec::new(),
        }
    }
}

impl Project {
    /// A copy of the project with only the 明白卡 designs `keep` returns (a design's
    /// households are most of a large project): what one surface prints from, for laying out
    /// one board (no card) or one card face (its design) without copying every household.
    pub fn with_cards(&self, keep: impl Fn(&CardDesign) -> Option<CardDesign>) -> Project {
        Project {
            format: self.format.clone(),
            version: self.version,
            meta: self.meta.clone(),
            settings: self.settings.clone(),
            catalog: self.catalog.clone(),
            items: self.items.clone(),
            boards: self.boards.clone(),
            cards: self.cards.iter().filter_map(keep).collect(),
            log: self.log.clone(),
            sources: self.sources.clone(),
            created_on: self.created_on,
            self_check_summary: self.self_check_summary.clone(),
            sample_marks: self.sample_marks.clone(),
            load_notes: Vec::new(),
        }
    }

    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == item_id)
    }

    pub fn item_mut(&mut self, item_id: &str) -> Option<&mut Item> {
        self.items.iter_mut().find(|item| item.id == item_id)
    }

    /// A board, or a card's face (a face is laid out, drawn and edited like a board).
    pub fn board(&self, board_id: &str) -> Option<&Board> {
        self.boards
            .iter()
            .chain(
                self.cards
                    .iter()
                    .flat_map(|card| [&card.faces.front, &card.faces.back]),
            )
            .find(|board| board.id == board_id)
    }

    /// A board or a card's face, to change.
    pub fn board_mut(&mut self, board_id: &str) -> Option<&mut Board> {
        self.boards
            .iter_mut()
            .chain(
                self.cards
                    .iter_mut()
                    .flat_map(|card| [&mut card.faces.front, &mut card.faces.back]),
            )
            .find(|board| board.id == board_id)
    }

    /// The card a face belongs to, and which face it is.
    pub fn card_of_face(&self, face_id: &str) -> Option<(&CardDesign, super::CardSide)> {
        self.cards.iter().find_map(|card| {
            if card.faces.front.id == face_id {
                Some((card, super::CardSide::Front))
            } else if card.faces.back.id == face_id {
                Some((card, super::CardSide::Back))
            } else {
                None
            }
        })
    }

    /// A board (never a card face) by id, or else by its name (what a clerk types on the
    /// command line).
    pub fn board_by_id_or_name(&self, id_or_name: &str) -> Option<&Board> {
        self.boards
            .iter()
            .find(|board| board.id == id_or_name)
            .or_else(|| self.boards.iter().find(|board| board.name == id_or_name))
    }

    /// A card design by id, or else by its name.
    pub fn card_by_id_or_name(&self, id_or_name: &str) -> Option<&CardDesign> {
        self.card(id_or_name)
            .or_else(|| self.cards.iter().find(|card| card.name == id_or_name))
    }

    /// The linked source of a target, if it has one.
    pub fn source(&self, target: &super::SourceTarget) -> Option<&DataSource> {
        self.sources.iter().find(|source| source.target == *target)
    }

    pub fn card(&self, card_id: &str) -> Option<&CardDesign> {
        self.cards.iter().find(|card| card.id == card_id)
    }

    /// The catalog entry an item discloses, if it names one that exists.
    pub fn entry_of(&self, item: &Item) -> Option<&CatalogEntry> {
        item.entry_id
            .as_deref()
            .and_then(|entry_id| self.catalog.entry(entry_id))
    }

    /// The 标准目录 fields that apply to an item: its catalog entry's, or the defaults.
    pub fn fields_of(&self, item: &Item) -> DirectoryFields {
        self.entry_of(item)
            .map(|entry| entry.fields.clone())
            .unwrap_or_default()
    }

    /// An id not yet used by any item, board, panel, card or catalog entry, starting with
    /// `prefix` (e.g. "item" → "item-7").
    pub fn fresh_id(&self, prefix: &str) -> String {
        let used = self.all_ids();
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|candidate| !used.contains(candidate))
            .unwrap_or_else(|| format!("{prefix}-x"))
    }

    /// `count` ids not yet used, starting with `prefix`: the ids `fresh_id` would give if each
    /// were taken before asking for the next (for several things added in one batch).
    pub fn fresh_ids(&self, prefix: &str, count: usize) -> Vec<String> {
        let used = self.all_ids();
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .filter(|candidate| !used.contains(candidate))
            .take(count)
            .collect()
    }

    pub(super) fn all_ids(&self) -> std::collections::HashSet<String> {
        let mut ids = std::collections::HashSet::new();
        ids.extend(self.items.iter().map(|item| item.id.clone()));
        for board in &self.boards {
            ids.insert(board.id.clone());
            ids.extend(board.panels.iter().map(|panel| panel.id.clone()));
        }
        for card in &self.cards {
            ids.insert(card.id.clone());
            for face in [&card.faces.front, &card.faces.back] {
                ids.insert(face.id.clone());
                ids.extend(face.panels.iter().map(|panel| panel.id.clone()));
            }
        }
        for category in &self.catalog.categories {
            ids.insert(category.id.clone());
            ids.extend(category.entries.iter().map(|entry| entry.id.clone()));
        }
        ids
    }
}

/// The sample values a template filled in (invented figures, a sample 意见箱 or 接待日): each
/// is named by the check until the clerk edits it. An item is still the sample while its
/// content fingerprint is the one recorded; a detail of the unit while its value is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SampleMarks {
    /// Item id → the content fingerprint of the sample.
    pub items: std::collections::BTreeMap<String, String>,
    /// `{名称}` of a unit field (意见箱, 接待日…) → the sample value.
    pub unit_fields: std::collections::BTreeMap<String, String>,
}

impl SampleMarks {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.unit_fields.is_empty()
    }

    /// Marks every item and every filled unit field (but the name and the 监督电话 the clerk
    /// gave) of a project made from a template as sample values.
    pub fn of_template(project: &Project, given_fields: &[&str]) -> SampleMarks {
        SampleMarks {
            items: project
                .items
                .iter()
                .filter(|item| !item.blocks.is_empty())
                .map(|item| (item.id.clone(), item.content_fingerprint()))
                .collect(),
            unit_fields: super::UNIT_FIELDS
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| !given_fields.contains(name))
                .filter_map(|name| {
                    let value = project.meta.field_value(name)?.trim();
                    (!value.is_empty()).then(|| (name.to_owned(), value.to_owned()))
                })
                .collect(),
        }
    }

    /// Whether an item still holds the template's sample content.
    pub fn is_sample_item(&self, item: &Item) -> bool {
        self.items
            .get(&item.id)
            .is_some_and(|fingerprint| *fingerprint == item.content_fingerprint())
    }
}

/// The unit that keeps the boards, and how the public reaches it. Fields added after the
/// first files were written are left out of the file while empty (old files stay as they were).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta {
    /// 单位名称, e.g. "青禾镇人民政府".
    pub unit_name: String,
    /// 监督电话.
    pub supervision_phone: String,
    /// 意见箱位置, e.g. "镇政府大院门口".
    pub suggestion_box: String,
    /// 领导接待日, e.g. "每周一上午".
    pub reception_day: String,
    /// 地址.
    pub address: String,
    /// 默认公开主体 / 公开人, e.g. "东湾村村民委员会" (empty: the unit's name).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub default_publisher: String,
    /// 咨询电话 (办事咨询; the 监督电话 is for complaints).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub consult_phone: String,
    /// The text of the 意见箱 QR code (a web address or a phone number).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub suggestion_qr: String,
    /// 村务监督委员会 / 审核人 (villages and communities: who reviews before publication).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// 默认责任人: who answers for an item whose catalog entry and item name none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub responsible: String,
    /// 所属乡镇 (a village's or community's town): the county summary groups by it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub town: String,
}

/// A day of the year without a year (a fixed disclosure day such as 3月1日).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub const fn new(month: u32, day: u32) -> Self {
        MonthDay { month, day }
    }
}

/// How dates are written on boards and in registers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// "2026年3月1日" (GB/T 9704).
    #[default]
    Arabic,
    /// "二〇二六年三月一日".
    Chinese,
    /// "2026-03-01".
    Iso,
}

/// How long after a decision its 实施结果 is due, unless the clerk sets otherwise.
pub const DEFAULT_RESULT_DUE_DAYS: u32 = 90;

/// Schedule settings of the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// 公开日: fixed disclosure days, default 3月1日 and 8月31日.
    pub disclosure_days: Vec<MonthDay>,
    /// An item is 即将到期 this many days before it is due.
    pub due_soon_days: u32,
    /// Default 预公开 comment period in days.
    pub pre_publication_days: u32,
    pub date_style: DateStyle,
    /// Public holidays (not working days) for 随时 deadlines.
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (调休上班).
    pub makeup_workdays: Vec<NaiveDate>,
    /// After a 预公开's comment period the decision is due within this many days; None: no
    /// rule sets one, the item waits as 待决议.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision_due_days: Option<u32>,
    /// The 实施结果 of a 决议 is due this many days after the decision (an item may set its own).
    pub result_due_days: u32,
    /// How personal numbers are masked, and the ones allowed to be shown.
    #[serde(skip_serializing_if = "PrivacySettings::is_default")]
    pub privacy: PrivacySettings,
    /// 开始公开: the day the unit's disclosure starts counting (None: the day the project was
    /// made). An item never published is 逾期 one cadence after it (`schedule::status`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disclosure_start: Option<NaiveDate>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            disclosure_days: vec![MonthDay::new(3, 1), MonthDay::new(8, 31)],
            due_soon_days: 7,
            pre_publication_days: 30,
            date_style: DateStyle::Arabic,
            holidays: super::shipped_holidays(),
            makeup_workdays: super::shipped_makeup_workdays(),
            decision_due_days: None,
            result_due_days: DEFAULT_RESULT_DUE_DAYS,
            privacy: PrivacySettings::default(),
            disclosure_start: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_ids_do_not_collide() {
        let mut project = Project::default();
        project.items.push(Item {
            id: "item-1".into(),
            ..Item::default()
        });
        assert_eq!(project.fresh_id("item"), "item-2");
        assert_eq!(project.fresh_id("panel"), "panel-1");
    }

    #[test]
    fn several_fresh_ids_skip_the_used_ones() {
        let mut project = Project::default();
        for id in ["item-1", "item-3"] {
            project.items.push(Item {
                id: id.into(),
                ..Item::default()
            });
        }
        assert_eq!(project.fresh_ids("item", 3), ["item-2", "item-4", "item-5"]);
        assert!(project.fresh_ids("item", 0).is_empty());
    }
}
