//! Disclosed items: their content [`Block`]s (paragraphs, lists, key–value lines, tables,
//! pictures, QR codes) and where each stands in its disclosure ([`Disclosure`], [`Stage`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    /// 责任人 of this item (empty: the catalog entry's, else 单位信息's 默认责任人).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub responsible: String,
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
    /// The content fingerprint (`Item::content_fingerprint`) saved when it was published:
    /// a change is found by comparing it, not by dates. None in files written before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_fingerprint: Option<String>,
    /// 公示期 end: a 公示 (e.g. 中标结果公示) is up until this day; afterwards it is 公示期满
    /// and must come down or be replaced. None: not a 公示 with a period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice_until: Option<NaiveDate>,
    /// For a 决议: the 实施结果 is due this many days after `decided_on` (None: the project's
    /// `Settings::result_due_days`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_due_days: Option<u32>,
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
    /// 办事流程图: the steps of a procedure as boxes joined by arrows.
    Flowchart(Flowchart),
}

/// 办事流程图: steps in order, top-down (left-to-right when the column is wide); a step may be a
/// 是/否 question whose 否 leads to a box of its own beside it (one level), and may carry its
/// 办理时限, noted beside it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flowchart {
    pub steps: Vec<FlowStep>,
}

/// One step of a [`Flowchart`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlowStep {
    /// What happens (or, for a question, what is asked: "材料是否齐全").
    pub text: String,
    /// 办理时限 ("1个工作日"); empty: none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub time_limit: String,
    /// A 是/否 question: 是 goes on to the next step, 否 to this box ("一次性告知需补正的材料").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_branch: Option<String>,
}

impl FlowStep {
    pub fn new(text: impl Into<String>) -> Self {
        FlowStep {
            text: text.into(),
            ..FlowStep::default()
        }
    }

    pub fn with_time_limit(mut self, time_limit: impl Into<String>) -> Self {
        self.time_limit = time_limit.into();
        self
    }

    pub fn with_no_branch(mut self, no: impl Into<String>) -> Self {
        self.no_branch = Some(no.into());
        self
    }
}

impl Flowchart {
    /// Calls `f` on every text of the chart (to fill fields in or mask numbers).
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut String)) {
        for step in &mut self.steps {
            f(&mut step.text);
            if let Some(no) = &mut step.no_branch {
                f(no);
            }
            f(&mut step.time_limit);
        }
    }

    /// Every text of the chart: each step, its 否 box and its 办理时限, in order.
    pub fn texts(&self) -> Vec<&str> {
        self.steps
            .iter()
            .flat_map(|step| {
                std::iter::once(step.text.as_str())
                    .chain(step.no_branch.as_deref())
                    .chain((!step.time_limit.is_empty()).then_some(step.time_limit.as_str()))
            })
            .collect()
    }
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
            Block::Flowchart(chart) => chart.texts().join("\n"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_row_is_named_by_its_first_cell() {
        let mut table = Table {
            columns: vec!["项目".into(), "金额".into()],
            rows: vec![vec!["办公费".into(), "100".into()]],
            ..Table::default()
        };
        assert!(!table.last_row_is_total());
        for label in ["合计", "总计", "小计", "合　计", "合计：", " 合计 "] {
            table.rows.push(vec![label.into(), "100".into()]);
            assert!(table.last_row_is_total(), "{label}");
            table.rows.pop();
        }
        table.rows.push(vec!["合计金额说明".into(), String::new()]);
        assert!(!table.last_row_is_total());
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
    /// The last row is a 合计/总计 row (printed bold, with a rule above it).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub total_row: bool,
}

impl Table {
    pub fn column_kind(&self, column: usize) -> ColumnKind {
        self.column_kinds.get(column).copied().unwrap_or_default()
    }

    /// Whether the last row's first cell names it a total (合计, 总计, 小计): how a row pasted
    /// or imported from a spreadsheet is recognised as the 合计 row.
    pub fn last_row_is_total(&self) -> bool {
        self.rows
            .last()
            .and_then(|row| row.first())
            .is_some_and(|cell| is_total_label(cell))
    }
}

/// Whether a cell is a total row's label: 合计, 总计 or 小计, spaces and a trailing colon
/// ignored ("合　计", "合计：").
pub fn is_total_label(cell: &str) -> bool {
    let compact: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let label = compact.trim_end_matches(['：', ':']);
    matches!(label, "合计" | "总计" | "小计")
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
    /// Dates, shown in the project's date style (Excel serials converted on import).
    Date,
}
