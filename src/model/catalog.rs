//! The disclosure catalog (目录): categories (方面), entries (事项) and the 标准目录 fields
//! each entry carries (cadence, channels, audience, mode, scope).

use serde::{Deserialize, Serialize};

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
