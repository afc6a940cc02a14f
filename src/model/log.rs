//! The project's change log (公开台账): dated entries of what was published or exported.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// 允许公开: a personal number allowed on public outputs, with the reason.
    AllowedPublic,
    #[default]
    Note,
}
