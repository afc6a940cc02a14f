//! The schedule's two A4 reports as documents: 自查情况表 (the quarterly self-inspection table)
//! and 公开目录 (the catalog with all its fields). [`self_check_document`] /
//! [`catalog_document`]: the project → a [`ReportDocument`] (title, subtitle lines, a table and
//! what follows it), plain strings, no layout. `compose::report` lays a document out on A4
//! pages; `jobs::report` writes it.

use super::cadence::{first_due_on_or_after, is_periodic};
use super::dates::format_date;
use super::period::{Period, publications_in};
use super::stage::stage_summary;
use super::status::{ItemSchedule, Status, action_labels_zh, item_schedule};
use crate::model::{Block, CatalogEntry, DirectoryFields, Item, Project, Table};
use chrono::NaiveDate;

/// Which report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// 自查情况表.
    SelfCheck,
    /// 公开目录.
    Catalog,
}

impl ReportKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            ReportKind::SelfCheck => "自查情况表",
            ReportKind::Catalog => "公开目录",
        }
    }
}

/// A report before layout: what it says, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDocument {
    /// Centred on the first page, e.g. "青禾镇人民政府政务公开自查情况表".
    pub title: String,
    /// Lines under the title (the check date, the scope).
    pub subtitle: Vec<String>,
    /// Left of the running header on every page (the 单位).
    pub header_left: String,
    /// Right of the running header (the report's short name).
    pub header_right: String,
    /// The table first, then whatever follows it.
    pub blocks: Vec<Block>,
    /// The body size of the tables and text.
    pub body_pt: f32,
    /// How many of the last blocks stay on one page (a conclusion with its signature lines):
    /// 0, the blocks break anywhere.
    pub kept_together_at_end: usize,
    /// A bar chart drawn after the first `chart.after_blocks` blocks (the county's 通报).
    pub chart: Option<BarChart>,
    /// Always portrait (a 通报 reads as a letter), never turned to fit a table.
    pub portrait_only: bool,
}

/// A horizontal bar chart of shares (按时公开率 by town): one bar per label.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BarChart {
    /// Above the bars.
    pub title: String,
    /// Each bar's label and share, 0–1.
    pub bars: Vec<(String, f64)>,
    /// How many of the document's blocks come before the chart.
    pub after_blocks: usize,
}

/// One row of the self-check table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfCheckRow {
    /// 方面.
    pub category: String,
    /// 事项 (the catalog entry's name).
    pub entry: String,
    /// 公开内容: the item's title; empty for an entry no item discloses.
    pub item: String,
    /// The stage with its dates in one line (see `stage::stage_summary`); empty for 正式公开.
    pub stage: String,
    pub status: Status,
    pub last_published: Option<NaiveDate>,
    pub next_due: Option<NaiveDate>,
    /// 公开主体.
    pub lead: String,
    /// 责任人.
    pub responsible: String,
    pub note: String,
}

/// The category name for items that disclose no catalog entry.
const NO_CATEGORY_ZH: &str = "（未归入目录）";

/// The catalog entries no item discloses yet, as "方面：事项" in catalog order: the 自查情况表
/// counts each as one 未公开 row, and the 公开时效 page lists them beside the items.
pub fn entries_without_content(project: &Project) -> Vec<String> {
    project
        .catalog
        .categories
        .iter()
        .flat_map(|category| {
            category
                .entries
                .iter()
                .filter(|entry| !has_content(project, entry))
                .map(move |entry| format!("{}：{}", category.name, entry_name(entry)))
        })
        .collect()
}

fn has_content(project: &Project, entry: &CatalogEntry) -> bool {
    project
        .items
        .iter()
        .any(|item| item.entry_id.as_deref() == Some(entry.id.as_str()))
        || project
            .cards
            .iter()
            .any(|card| card.entry_id.as_deref() == Some(entry.id.as_str()))
}

/// Every catalog entry in catalog order with the items disclosing it (an entry without items
/// is one 未公开 row), then the items of no entry.
pub fn self_check_rows(project: &Project, today: NaiveDate) -> Vec<SelfCheckRow> {
    let mut rows = Vec::new();
    for category in &project.catalog.categories {
        for entry in &category.entries {
            let cards: Vec<Item> = project
                .cards
                .iter()
                .filter_map(|card| card.as_disclosed_item())
                .filter(|card| card.entry_id.as_deref() == Some(entry.id.as_str()))
                .collect();
            let items: Vec<&Item> = project
                .items
                .iter()
                .filter(|item| item.entry_id.as_deref() == Some(entry.id.as_str()))
                .chain(&cards)
                .collect();
            if items.is_empty() {
                rows.push(undisclosed_entry_row(project, &category.name, entry, today));
            }
            for item in items {
                let schedule = item_schedule(project, item, today);
                rows.push(item_row(project, &category.name, entry, item, &schedule));
            }
        }
    }
    let orphans = project.items.iter().filter(|item| {
        item.entry_id
            .as_deref()
            .and_then(|id| project.catalog.entry(id))
            .is_none()
    });
    for item in orphans {
        let schedule = item_schedule(project, item, today);
        let fields = DirectoryFields::default();
        rows.push(SelfCheckRow {
            category: NO_CATEGORY_ZH.to_owned(),
            entry: "—".to_owned(),
            item: schedule.title.clone(),
            stage: stage_summary(item, project),
            status: schedule.status,
            last_published: schedule.last_published,
            next_due: schedule.next_due,
            lead: lead_of(project, &fields),
            responsible: responsible_of(project, item, &fields),
            note: schedule.note.clone(),
        });
    }
    rows
}

fn item_row(
    project: &Project,
    category: &str,
    entry: &CatalogEntry,
    item: &Item,
    schedule: &ItemSchedule,
) -> SelfCheckRow {
    SelfCheckRow {
        category: category.to_owned(),
        entry: entry_name(entry),
        item: schedule.title.clone(),
        stage: stage_summary(item, project),
        status: schedule.status,
        last_published: schedule.last_published,
        next_due: schedule.next_due,
        lead: lead_of(project, &entry.fields),
        responsible: responsible_of(project, item, &entry.fields),
        note: schedule.note.clone(),
    }
}

fn undisclosed_entry_row(
    project: &Project,
    category: &str,
    entry: &CatalogEntry,
    today: NaiveDate,
) -> SelfCheckRow {
    let cadence = entry.fields.cadence;
    let next_due = if is_periodic(cadence) {
        first_due_on_or_after(cadence, &project.settings, today)
    } else {
        None
    };
    SelfCheckRow {
        category: category.to_owned(),
        entry: entry_name(entry),
        item: String::new(),
        stage: String::new(),
        status: Status::Unpublished,
        last_published: None,
        next_due,
        lead: lead_of(project, &entry.fields),
        responsible: default_responsible(project, &entry.fields),
        note: "目录所列事项，尚无公开内容".to_owned(),
    }
}

/// "名称" or "名称（二级事项）".
fn entry_name(entry: &CatalogEntry) -> String {
    if entry.sub_name.is_empty() {
        entry.name.clone()
    } else {
        format!("{}（{}）", entry.name, entry.sub_name)
    }
}

/// 公开主体: the entry's lead department, else the 单位 itself.
fn lead_of(project: &Project, fields: &DirectoryFields) -> String {
    if fields.lead_department.is_empty() {
        project.meta.unit_name.clone()
    } else {
        fields.lead_department.clone()
    }
}

/// 责任人 of an item: its own, else its catalog entry's, else 单位信息's 默认责任人.
pub fn responsible_of(project: &Project, item: &Item, fields: &DirectoryFields) -> String {
    if item.responsible.trim().is_empty() {
        default_responsible(project, fields)
    } else {
        item.responsible.trim().to_owned()
    }
}

fn default_responsible(project: &Project, fields: &DirectoryFields) -> String {
    if fields.responsible.trim().is_empty() {
        project.meta.responsible.trim().to_owned()
    } else {
        fields.responsible.trim().to_owned()
    }
}

/// The counts per status over the rows, in the order of `Status::ALL`.
pub fn row_counts(rows: &[SelfCheckRow]) -> Vec<(Status, usize)> {
    Status::ALL
        .iter()
        .map(|status| {
            (
                *status,
                rows.iter().filter(|row| row.status == *status).count(),
            )
        })
        .collect()
}

/// The 自查情况表 of `project` on `today`, for the quarter `today` falls in.
pub fn self_check_document(project: &Project, today: NaiveDate) -> ReportDocument {
    self_check_document_for(project, today, Period::quarter_of(today))
}

/// The 自查情况表 of `project` checked on `today` for `period`: the state of every item on
/// `today` (with its stage and 责任人), what the 台账 records as published in the period
/// (date, items, boards), the counts, the conclusion, the clerk's 自查情况总结 and the
/// signature lines, the last four kept on one page.
pub fn self_check_document_for(
    project: &Project,
    today: NaiveDate,
    period: Period,
) -> ReportDocument {
    let style = project.settings.date_style;
    let date = |date: Option<NaiveDate>| date.map_or("—".to_owned(), |d| format_date(d, style));
    let rows = self_check_rows(project, today);
    let table = Table {
        columns: [
            "序号",
            "方面",
            "事项",
            "公开内容",
            "阶段",
            "状态",
            "上次公开日期",
            "应公开日期",
            "公开主体",
            "责任人",
            "备注",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                vec![
                    (index + 1).to_string(),
                    row.category.clone(),
                    row.entry.clone(),
                    row.item.clone(),
                    row.stage.clone(),
                    row.status.label_zh().to_owned(),
                    date(row.last_published),
                    date(row.next_due),
                    row.lead.clone(),
                    row.responsible.clone(),
                    row.note.clone(),
                ]
            })
            .collect(),
        column_kinds: Vec::new(),
        total_row: false,
    };
    let publications = publications_in(project, &period);
    let log_table = Table {
        columns: ["序号", "公开日期", "公开内容", "公开栏", "台账记录"]
            .map(String::from)
            .to_vec(),
        rows: publications
            .iter()
            .enumerate()
            .map(|(index, publication)| {
                vec![
                    (index + 1).to_string(),
                    format_date(publication.date, style),
                    publication.items.join("、"),
                    publication.boards.join("、"),
                    publication.summary.clone(),
                ]
            })
            .collect(),
        column_kinds: Vec::new(),
        total_row: false,
    };
    let counts = row_counts(&rows);
    let counts_text: Vec<String> = counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(status, count)| format!("{}{count}项", status.label_zh()))
        .collect();
    let needs_action: usize = counts
        .iter()
        .filter(|(status, _)| status.needs_action())
        .map(|(_, count)| count)
        .sum();
    let counts_table = Table {
        columns: Status::ALL
            .iter()
            .map(|status| status.label_zh().to_owned())
            .chain(std::iter::once("合计".to_owned()))
            .collect(),
        rows: vec![
            counts
                .iter()
                .map(|(_, count)| count.to_string())
                .chain(std::iter::once(rows.len().to_string()))
                .collect(),
        ],
        column_kinds: Vec::new(),
        total_row: false,
    };
    let mut conclusion = format!(
        "自查结果：本期（{}）共发布{}次；共检查{}项，其中{}。",
        period.label_zh(style),
        publications.len(),
        rows.len(),
        counts_text.join("，")
    );
    let without_content = entries_without_content(project).len();
    if without_content > 0 {
        conclusion.push_str(&format!(
            "未公开项中有{without_content}项是目录所列事项、尚无公开内容，需补充公开内容。"
        ));
    }
    if needs_action > 0 {
        conclusion.push_str(&format!(
            "{}的{needs_action}项应立即更新内容并发布。",
            action_labels_zh()
        ));
    }
    let summary = project.self_check_summary.trim();
    let summary = if summary.is_empty() {
        "自查情况总结：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿".to_owned()
    } else {
        format!("自查情况总结：{summary}")
    };
    let log_blocks = if publications.is_empty() {
        vec![Block::paragraph(format!(
            "本期公开记录（公开台账）：{}内台账中没有发布记录。",
            period.label_zh(style)
        ))]
    } else {
        vec![
            Block::paragraph("本期公开记录（公开台账）：".to_owned()),
            Block::Table(log_table),
        ]
    };
    let entries = project.catalog.entries().count();
    let disclosure = project.meta.disclosure_name_zh();
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(log_blocks);
    blocks.extend([
        Block::paragraph("各状态项数：".to_owned()),
        Block::Table(counts_table),
        Block::Paragraph { text: conclusion },
        Block::Paragraph { text: summary },
        Block::Paragraph {
            text: "自查人（签字）：＿＿＿＿＿＿　　负责人（签字）：＿＿＿＿＿＿".to_owned(),
        },
    ]);
    ReportDocument {
        title: format!("{}{disclosure}自查情况表", project.meta.unit_name),
        subtitle: vec![
            format!("自查期间：{}", period.label_zh(style)),
            format!(
                "检查日期：{}　　公开目录 {} 个事项，公开内容 {} 项",
                format_date(today, style),
                entries,
                project.items.len()
            ),
        ],
        header_left: project.meta.unit_name.clone(),
        header_right: format!("{disclosure}自查情况表"),
        blocks,
        body_pt: 9.0,
        // The counts (with their label), the conclusion, the summary and the signature lines
        // are signed as one.
        kept_together_at_end: 5,
        chart: None,
        portrait_only: false,
    }
}

// ---------------------------------------------------------------------------------------------
// 公开目录

/// The 公开目录: one row per catalog entry with all its fields.
pub fn catalog_document(project: &Project, today: NaiveDate) -> ReportDocument {
    let style = project.settings.date_style;
    let rows: Vec<Vec<String>> = project
        .catalog
        .categories
        .iter()
        .flat_map(|category| {
            category
                .entries
                .iter()
                .map(move |entry| catalog_row(project, &category.name, entry))
        })
        .collect();
    let table = Table {
        columns: [
            "方面",
            "事项",
            "公开内容",
            "公开依据",
            "公开时限",
            "公开主体",
            "责任人",
            "监督部门",
            "公开渠道",
            "公开对象",
            "公开方式",
            "公开范围",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        column_kinds: Vec::new(),
        total_row: false,
    };
    let disclosure = project.meta.disclosure_name_zh();
    ReportDocument {
        title: format!("{}{disclosure}目录", project.meta.unit_name),
        subtitle: vec![format!(
            "{} 个方面，{} 个事项　　截至{}",
            project.catalog.categories.len(),
            project.catalog.entries().count(),
            format_date(today, style)
        )],
        header_left: project.meta.unit_name.clone(),
        header_right: format!("{disclosure}目录"),
        blocks: vec![Block::Table(table)],
        body_pt: 8.0,
        kept_together_at_end: 0,
        chart: None,
        portrait_only: false,
    }
}

fn catalog_row(project: &Project, category: &str, entry: &CatalogEntry) -> Vec<String> {
    let fields = &entry.fields;
    let channels: Vec<&str> = fields
        .channels
        .iter()
        .map(|channel| channel.label_zh())
        .collect();
    vec![
        category.to_owned(),
        entry_name(entry),
        fields.content.clone(),
        fields.basis.clone(),
        super::cadence::cadence_label_zh(fields.cadence, &project.settings),
        lead_of(project, fields),
        fields.responsible.clone(),
        fields.supervisor.clone(),
        channels.join("、"),
        fields.audience.label_zh().to_owned(),
        fields.mode.label_zh().to_owned(),
        fields.scope.label_zh().to_owned(),
    ]
}

/// The document of a report kind.
pub fn report_document(project: &Project, kind: ReportKind, today: NaiveDate) -> ReportDocument {
    match kind {
        ReportKind::SelfCheck => self_check_document(project, today),
        ReportKind::Catalog => catalog_document(project, today),
    }
}

// ---------------------------------------------------------------------------------------------
// Pages
