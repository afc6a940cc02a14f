//! The project model: what a `.gongkai.json` file holds.
//!
//! A [`Project`] has the unit's details ([`Meta`]), schedule [`Settings`], the disclosure
//! [`Catalog`] (目录: 方面 → 事项 with the 标准目录 fields), the disclosed [`Item`]s with their
//! content blocks, the physical [`Board`]s whose [`Panel`]s show items, the 明白卡
//! [`CardDesign`]s and a change [`LogEntry`] list.
//!
//! Items live once in `Project::items` and are referenced by id from panels (and later from
//! registers and cards), so the same disclosed content feeds every form of output.
//! All lengths are millimetres (`_mm`), font sizes points (`_pt`), distances metres (`_m`).
//! Every field added after format version 1 must carry `#[serde(default)]`.

mod edit;
mod history;
mod io;
mod validate;

pub use edit::{Edit, EditError};
pub use history::History;
pub use io::{
    LoadError, LoadErrorKind, SaveError, io_error_zh, load_project, parse_project, save_project,
    write_atomically,
};
pub use validate::{Finding, Severity, check_project, limits};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `format` field of every project file.
pub const FORMAT_NAME: &str = "gongkai-project";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;

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
        }
    }
}

impl Project {
    pub fn item(&self, item_id: &str) -> Option<&Item> {
        self.items.iter().find(|item| item.id == item_id)
    }

    pub fn item_mut(&mut self, item_id: &str) -> Option<&mut Item> {
        self.items.iter_mut().find(|item| item.id == item_id)
    }

    pub fn board(&self, board_id: &str) -> Option<&Board> {
        self.boards.iter().find(|board| board.id == board_id)
    }

    pub fn board_mut(&mut self, board_id: &str) -> Option<&mut Board> {
        self.boards.iter_mut().find(|board| board.id == board_id)
    }

    /// A board by id, or else by its name (what a clerk types on the command line).
    pub fn board_by_id_or_name(&self, id_or_name: &str) -> Option<&Board> {
        self.board(id_or_name)
            .or_else(|| self.boards.iter().find(|board| board.name == id_or_name))
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

    fn all_ids(&self) -> std::collections::HashSet<String> {
        let mut ids = std::collections::HashSet::new();
        ids.extend(self.items.iter().map(|item| item.id.clone()));
        for board in &self.boards {
            ids.insert(board.id.clone());
            ids.extend(board.panels.iter().map(|panel| panel.id.clone()));
        }
        ids.extend(self.cards.iter().map(|card| card.id.clone()));
        for category in &self.catalog.categories {
            ids.insert(category.id.clone());
            ids.extend(category.entries.iter().map(|entry| entry.id.clone()));
        }
        ids
    }
}

/// The unit that keeps the boards, and how the public reaches it.
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            disclosure_days: vec![MonthDay::new(3, 1), MonthDay::new(8, 31)],
            due_soon_days: 7,
            pre_publication_days: 30,
            date_style: DateStyle::Arabic,
            holidays: Vec::new(),
            makeup_workdays: Vec::new(),
        }
    }
}

/// The disclosure catalog (目录): categories (方面) of entries (事项).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Catalog {
    pub categories: Vec<CatalogCategory>,
}

impl Catalog {
    pub fn entries(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.categories
            .iter()
            .flat_map(|category| category.entries.iter())
    }

    pub fn entry(&self, entry_id: &str) -> Option<&CatalogEntry> {
        self.entries().find(|entry| entry.id == entry_id)
    }

    pub fn entry_mut(&mut self, entry_id: &str) -> Option<&mut CatalogEntry> {
        self.categories
            .iter_mut()
            .flat_map(|category| category.entries.iter_mut())
            .find(|entry| entry.id == entry_id)
    }

    /// The category an entry belongs to.
    pub fn category_of(&self, entry_id: &str) -> Option<&CatalogCategory> {
        self.categories
            .iter()
            .find(|category| category.entries.iter().any(|entry| entry.id == entry_id))
    }
}

/// 方面: a category of the catalog, e.g. 财务公开.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogCategory {
    pub id: String,
    pub name: String,
    pub entries: Vec<CatalogEntry>,
}

/// 事项: one entry of the catalog (一级事项, optionally with a 二级事项 name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CatalogEntry {
    pub id: String,
    /// 名称 (一级事项).
    pub name: String,
    /// 二级事项, if the entry is a sub-entry.
    pub sub_name: String,
    pub fields: DirectoryFields,
}

/// The 标准目录 fields of an entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DirectoryFields {
    /// 公开内容（要素）.
    pub content: String,
    /// 公开依据.
    pub basis: String,
    /// 公开时限.
    pub cadence: Cadence,
    /// 公开主体 / 牵头部门.
    pub lead_department: String,
    /// 责任人.
    pub responsible: String,
    /// 监督部门.
    pub supervisor: String,
    /// 公开渠道/载体.
    pub channels: Vec<Channel>,
    /// 公开对象.
    pub audience: Audience,
    /// 公开方式.
    pub mode: DisclosureMode,
    /// 公开范围.
    pub scope: Scope,
}

impl Default for DirectoryFields {
    fn default() -> Self {
        DirectoryFields {
            content: String::new(),
            basis: String::new(),
            cadence: Cadence::default(),
            lead_department: String::new(),
            responsible: String::new(),
            supervisor: String::new(),
            channels: vec![Channel::Board],
            audience: Audience::default(),
            mode: DisclosureMode::default(),
            scope: Scope::default(),
        }
    }
}

/// 公开时限: how often an entry must be disclosed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cadence {
    /// 年度: once a year, on the first fixed disclosure day.
    Annual,
    /// 半年: on each of the fixed disclosure days.
    HalfYearly,
    /// 季度: on `day` of each quarter's first month.
    Quarterly { day: u32 },
    /// 月度: on `day` of each month.
    Monthly { day: u32 },
    /// 随时: within `working_days` working days of the event.
    AdHoc { working_days: u32 },
    /// 长期: standing content (职责, 程序), replaced when it changes.
    Standing,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence::AdHoc { working_days: 20 }
    }
}

impl Cadence {
    /// The Chinese name shown to clerks, e.g. "季度（每季首月15日）".
    pub fn label_zh(&self) -> String {
        match self {
            Cadence::Annual => "年度".to_owned(),
            Cadence::HalfYearly => "半年".to_owned(),
            Cadence::Quarterly { day } => format!("季度（每季首月{day}日）"),
            Cadence::Monthly { day } => format!("月度（每月{day}日）"),
            Cadence::AdHoc { working_days } => format!("随时（{working_days}个工作日内）"),
            Cadence::Standing => "长期公开".to_owned(),
        }
    }
}

/// 公开渠道/载体.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 公开栏.
    Board,
    /// 表簿.
    Register,
    /// 明白卡.
    Card,
    /// 会议.
    Meeting,
    /// 广播.
    Broadcast,
    /// 网站.
    Website,
}

impl Channel {
    pub const ALL: [Channel; 6] = [
        Channel::Board,
        Channel::Register,
        Channel::Card,
        Channel::Meeting,
        Channel::Broadcast,
        Channel::Website,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Channel::Board => "公开栏",
            Channel::Register => "表簿",
            Channel::Card => "明白卡",
            Channel::Meeting => "会议",
            Channel::Broadcast => "广播",
            Channel::Website => "网站",
        }
    }
}

/// 公开对象.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// 全社会.
    #[default]
    Public,
    /// 特定群体.
    SpecificGroup,
}

impl Audience {
    pub fn label_zh(self) -> &'static str {
        match self {
            Audience::Public => "全社会",
            Audience::SpecificGroup => "特定群体",
        }
    }
}

/// 公开方式.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DisclosureMode {
    /// 主动公开.
    #[default]
    Proactive,
    /// 依申请公开.
    OnRequest,
}

impl DisclosureMode {
    pub fn label_zh(self) -> &'static str {
        match self {
            DisclosureMode::Proactive => "主动公开",
            DisclosureMode::OnRequest => "依申请公开",
        }
    }
}

/// 公开范围: 对外 items go on boards; 对内 items only into internal registers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// 对外公开.
    #[default]
    External,
    /// 对内公开.
    Internal,
}

impl Scope {
    pub fn label_zh(self) -> &'static str {
        match self {
            Scope::External => "对外",
            Scope::Internal => "对内",
        }
    }
}

/// One disclosed item: a titled piece of content that a panel, a register or a card shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// The catalog entry (事项) this item discloses.
    pub entry_id: Option<String>,
    pub blocks: Vec<Block>,
    pub disclosure: Disclosure,
}

impl Item {
    /// All the text of the item, title first, in reading order (for search and glyph checks).
    pub fn all_text(&self) -> String {
        let mut text = self.title.clone();
        for block in &self.blocks {
            text.push('\n');
            text.push_str(&block.all_text());
        }
        text
    }
}

/// Where an item stands in its disclosure: stage and dates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Disclosure {
    pub stage: Stage,
    /// 公开日期: when the current content was last published.
    pub published_on: Option<NaiveDate>,
    /// When the content was last changed (set by edits; compared with `published_on`).
    pub changed_on: Option<NaiveDate>,
    /// 预公开: the draft went up on this day ...
    pub pre_published_on: Option<NaiveDate>,
    /// ... for this many days of comments (None: the project default).
    pub comment_days: Option<u32>,
    /// 决议: the date of the decision, for decisions.
    pub decided_on: Option<NaiveDate>,
    /// 实施结果: the date the result was disclosed.
    pub result_on: Option<NaiveDate>,
    /// For 随时 items: the date of the event that must be disclosed.
    pub event_on: Option<NaiveDate>,
}

/// The stage of an item.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 预公开: the draft is out for comments.
    PrePublication,
    /// 正式公开.
    #[default]
    Formal,
    /// 决议: the decision is disclosed, the result to follow.
    Decision,
    /// 实施结果.
    Result,
}

impl Stage {
    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::PrePublication => "预公开",
            Stage::Formal => "正式公开",
            Stage::Decision => "决议",
            Stage::Result => "实施结果",
        }
    }
}

/// A piece of an item's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    List {
        #[serde(default)]
        ordered: bool,
        entries: Vec<String>,
    },
    /// Key–value lines such as "监督电话：0000-6612301".
    KeyValue {
        pairs: Vec<KeyValue>,
    },
    Table(Table),
    Image {
        /// A path relative to the project file's folder, or absolute.
        path: String,
        #[serde(default)]
        caption: String,
        /// The width on the board; None: the column's width.
        #[serde(default)]
        width_mm: Option<f32>,
    },
    Qr {
        text: String,
        #[serde(default)]
        caption: String,
        #[serde(default = "default_qr_size_mm")]
        size_mm: f32,
    },
}

fn default_qr_size_mm() -> f32 {
    40.0
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph { text: text.into() }
    }

    /// The block's text in reading order, lines joined with '\n'.
    pub fn all_text(&self) -> String {
        match self {
            Block::Paragraph { text } => text.clone(),
            Block::List { entries, .. } => entries.join("\n"),
            Block::KeyValue { pairs } => pairs
                .iter()
                .map(|pair| format!("{}：{}", pair.key, pair.value))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(table) => {
                let mut lines = vec![table.columns.join("\t")];
                lines.extend(table.rows.iter().map(|row| row.join("\t")));
                lines.join("\n")
            }
            Block::Image { caption, .. } => caption.clone(),
            Block::Qr { caption, .. } => caption.clone(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

impl KeyValue {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValue {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// A table with one header row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table {
    /// The header row.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Per column what its values are (for alignment and, later, masking); missing: Text.
    pub column_kinds: Vec<ColumnKind>,
}

impl Table {
    pub fn column_kind(&self, column: usize) -> ColumnKind {
        self.column_kinds.get(column).copied().unwrap_or_default()
    }
}

/// What a table column holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    #[default]
    Text,
    /// Amounts and counts: right-aligned.
    Number,
    /// Personal data, masked on external exports.
    IdNumber,
    BankAccount,
    Phone,
}

/// A rectangle in millimetres, from the top-left corner of its parent (board or card).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RectMm {
    pub x_mm: f32,
    pub y_mm: f32,
    pub width_mm: f32,
    pub height_mm: f32,
}

impl RectMm {
    pub const fn new(x_mm: f32, y_mm: f32, width_mm: f32, height_mm: f32) -> Self {
        RectMm {
            x_mm,
            y_mm,
            width_mm,
            height_mm,
        }
    }

    pub fn right_mm(&self) -> f32 {
        self.x_mm + self.width_mm
    }

    pub fn bottom_mm(&self) -> f32 {
        self.y_mm + self.height_mm
    }

    pub fn overlaps(&self, other: &RectMm) -> bool {
        self.x_mm < other.right_mm()
            && other.x_mm < self.right_mm()
            && self.y_mm < other.bottom_mm()
            && other.y_mm < self.bottom_mm()
    }
}

/// A width and height in millimetres.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SizeMm {
    pub width_mm: f32,
    pub height_mm: f32,
}

impl SizeMm {
    pub const fn new(width_mm: f32, height_mm: f32) -> Self {
        SizeMm {
            width_mm,
            height_mm,
        }
    }
}

/// Margins in millimetres.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarginsMm {
    pub top_mm: f32,
    pub right_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
}

impl MarginsMm {
    pub const fn uniform(margin_mm: f32) -> Self {
        MarginsMm {
            top_mm: margin_mm,
            right_mm: margin_mm,
            bottom_mm: margin_mm,
            left_mm: margin_mm,
        }
    }
}

impl Default for MarginsMm {
    fn default() -> Self {
        MarginsMm::uniform(40.0)
    }
}

/// An sRGB colour, written "#rrggbb" in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub fn from_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rgb::from_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("颜色应写作 \"#rrggbb\"，而不是 \"{text}\""))
        })
    }
}

/// Colours of a board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Theme {
    pub background: Rgb,
    pub header_background: Rgb,
    pub header_text: Rgb,
    pub panel_background: Rgb,
    pub panel_title_background: Rgb,
    pub panel_title_text: Rgb,
    pub panel_border: Rgb,
    pub body_text: Rgb,
    pub footer_background: Rgb,
    pub footer_text: Rgb,
}

impl Default for Theme {
    /// The usual government red and white.
    fn default() -> Self {
        Theme {
            background: Rgb(0xfb, 0xf7, 0xef),
            header_background: Rgb(0xb7, 0x1c, 0x1c),
            header_text: Rgb(0xff, 0xe0, 0x82),
            panel_background: Rgb::WHITE,
            panel_title_background: Rgb(0xc6, 0x28, 0x28),
            panel_title_text: Rgb::WHITE,
            panel_border: Rgb(0xc6, 0x28, 0x28),
            body_text: Rgb(0x21, 0x21, 0x21),
            footer_background: Rgb(0xb7, 0x1c, 0x1c),
            footer_text: Rgb::WHITE,
        }
    }
}

/// A font family: one of the bundled ones, or a font the user installed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontFamily {
    /// The bundled sans (黑体 role): Noto Sans SC.
    Sans,
    /// The bundled serif (宋体 role): Noto Serif SC.
    #[default]
    Serif,
    /// A font the user added, by family name (仿宋, 方正小标宋…).
    Installed(String),
}

/// Type sizes and fonts of a board (and, overridden, of one panel).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextStyle {
    pub heading_font: FontFamily,
    pub body_font: FontFamily,
    /// The board's title in the header.
    pub board_title_pt: f32,
    pub panel_title_pt: f32,
    pub item_title_pt: f32,
    pub body_pt: f32,
    /// Line height as a multiple of the body size.
    pub line_height: f32,
    /// Space after each block, in body sizes (em).
    pub paragraph_spacing_em: f32,
    /// 首行缩进 in characters (0 or 2).
    pub first_line_indent_chars: f32,
}

impl Default for TextStyle {
    /// Sizes for a board read from 2–3 m (body ≈ 10 mm letter height).
    fn default() -> Self {
        TextStyle {
            heading_font: FontFamily::Sans,
            body_font: FontFamily::Serif,
            board_title_pt: 220.0,
            panel_title_pt: 72.0,
            item_title_pt: 44.0,
            body_pt: 32.0,
            line_height: 1.5,
            paragraph_spacing_em: 0.5,
            first_line_indent_chars: 2.0,
        }
    }
}

/// The header band of a board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardHeader {
    /// e.g. "青禾镇人民政府政务公开栏".
    pub title: String,
    /// e.g. "公开内容　依法公开　接受监督".
    pub subtitle: String,
    pub height_mm: f32,
}

/// The footer band: contacts from `Meta`, dates computed from the schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFooter {
    /// Show 监督电话 and 意见箱 (from the project's meta).
    pub show_contacts: bool,
    /// Show 本期公开日期 / 下次公开日期 (computed, never typed).
    pub show_dates: bool,
    /// Any further line, e.g. "欢迎广大群众监督".
    pub note: String,
    pub height_mm: f32,
}

impl Default for BoardFooter {
    fn default() -> Self {
        BoardFooter {
            show_contacts: true,
            show_dates: true,
            note: String::new(),
            height_mm: 80.0,
        }
    }
}

/// A physical board (公开栏 / 图板).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Board {
    pub id: String,
    pub name: String,
    pub size_mm: SizeMm,
    /// How far readers stand, for the legibility check (letter height ≈ 0.5 % of it).
    pub reading_distance_m: f32,
    pub margins_mm: MarginsMm,
    pub theme: Theme,
    pub style: TextStyle,
    pub header: BoardHeader,
    pub footer: BoardFooter,
    pub panels: Vec<Panel>,
}

impl Board {
    pub fn panel(&self, panel_id: &str) -> Option<&Panel> {
        self.panels.iter().find(|panel| panel.id == panel_id)
    }

    pub fn panel_mut(&mut self, panel_id: &str) -> Option<&mut Panel> {
        self.panels.iter_mut().find(|panel| panel.id == panel_id)
    }
}

/// How a panel deals with content that does not fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitMode {
    /// Use the style's sizes; report what does not fit as overflow.
    Fixed,
    /// Shrink the body size until it fits, never below the legible minimum.
    #[default]
    ShrinkToFit,
}

/// A section (栏目) of a board: a titled rectangle showing items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Panel {
    pub id: String,
    pub title: String,
    pub rect_mm: RectMm,
    /// 1–3 text columns.
    pub columns: u32,
    pub fit: FitMode,
    /// Overrides the board's text style for this panel.
    pub style: Option<TextStyle>,
    /// The items shown, in order.
    pub item_ids: Vec<String>,
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            id: String::new(),
            title: String::new(),
            rect_mm: RectMm::default(),
            columns: 1,
            fit: FitMode::default(),
            style: None,
            item_ids: Vec::new(),
        }
    }
}

/// A 明白卡 design: a card size, front and back content, and the records it is merged with
/// (one card per record; placeholders `{字段}` in the blocks take the record's values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardDesign {
    pub id: String,
    pub name: String,
    pub size_mm: SizeMm,
    pub style: CardStyle,
    pub front: Vec<Block>,
    pub back: Vec<Block>,
    /// Field names of the merge records, in column order.
    pub fields: Vec<String>,
    /// One card per record. Empty: a single card without placeholders.
    pub records: Vec<CardRecord>,
}

/// One merge record of a card: field name → value.
pub type CardRecord = std::collections::BTreeMap<String, String>;

/// Type and colour of a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardStyle {
    pub title_pt: f32,
    pub body_pt: f32,
    pub line_height: f32,
    /// Text stays this far inside the trim.
    pub safe_margin_mm: f32,
    pub accent: Rgb,
    pub text: Rgb,
}

impl Default for CardStyle {
    fn default() -> Self {
        CardStyle {
            title_pt: 12.0,
            body_pt: 8.0,
            line_height: 1.35,
            safe_margin_mm: 5.0,
            accent: Rgb(0xc6, 0x28, 0x28),
            text: Rgb(0x21, 0x21, 0x21),
        }
    }
}

/// A dated entry of the project's change log (公开台账).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogEntry {
    pub date: Option<NaiveDate>,
    pub kind: LogKind,
    /// What happened, in Chinese, e.g. "发布：更新3项".
    pub summary: String,
    pub item_ids: Vec<String>,
    pub board_ids: Vec<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    /// 发布.
    Published,
    /// 导出.
    Exported,
    #[default]
    Note,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        assert_eq!(Rgb::from_hex("#c62828"), Some(Rgb(0xc6, 0x28, 0x28)));
        assert_eq!(Rgb(1, 2, 255).to_hex(), "#0102ff");
        assert_eq!(Rgb::from_hex("c62828"), None);
        assert_eq!(Rgb::from_hex("#c6282"), None);
        assert_eq!(Rgb::from_hex("#红红红"), None);
    }

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
    fn rect_overlap_is_strict() {
        let left = RectMm::new(0.0, 0.0, 100.0, 100.0);
        let touching = RectMm::new(100.0, 0.0, 50.0, 50.0);
        let inside = RectMm::new(50.0, 50.0, 10.0, 10.0);
        assert!(!left.overlaps(&touching));
        assert!(left.overlaps(&inside));
    }
}
