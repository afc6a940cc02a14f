//! The schedule's A4 reports: 自查情况表 (the quarterly self-inspection table) and 公开目录
//! (the catalog with all its fields), and `gongkai report`.
//!
//! Two stages, each testable alone:
//! 1. [`self_check_document`] / [`catalog_document`]: the project → a [`ReportDocument`]
//!    (title, subtitle lines, a table and what follows it), plain strings, no layout;
//! 2. [`render_report`]: the document → A4 pages through `layout::LayoutEngine::flow_blocks`
//!    and `Flow::paginate` (so long tables break between rows with the header row repeated),
//!    a running header (单位, report title) and the footer "第 x 页　共 y 页", written by
//!    `pdf::write_pdf`. Portrait unless landscape needs fewer pages (wide tables).

use super::cadence::{first_due_on_or_after, is_periodic};
use super::cli::today_or_clock;
use super::dates::format_date;
use super::status::{ItemSchedule, Status, action_labels_zh, item_schedule};
use crate::fonts::{FaceId, FontSet};
use crate::layout::{Flow, FlowLine, FlowPage, FlowPiece, FrameItem, LayoutEngine};
use crate::layout::{LineKind, Page, PointMm, Stroke};
use crate::model::{self, Block, CatalogEntry, DirectoryFields, Project, Rgb, SizeMm};
use crate::model::{Table, TextStyle, Theme};
use crate::pdf::label::text_run;
use crate::pdf::{DocumentInfo, PdfError, Placement, Sheet, WriteOptions, write_pdf};
use crate::units::pt_to_mm;
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;

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
}

/// A finished report.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub landscape: bool,
    /// The text lines of each page in order (for tests).
    pub page_lines: Vec<Vec<String>>,
    /// Characters no font has: the PDF shows a box for them.
    pub problems: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Pdf(#[from] PdfError),
}

/// `--kind` of `gongkai report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    SelfCheck,
    Catalog,
}

impl From<KindArg> for ReportKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::SelfCheck => ReportKind::SelfCheck,
            KindArg::Catalog => ReportKind::Catalog,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 自查情况表

/// One row of the self-check table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfCheckRow {
    /// 方面.
    pub category: String,
    /// 事项 (the catalog entry's name).
    pub entry: String,
    /// 公开内容: the item's title; empty for an entry no item discloses.
    pub item: String,
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

/// Every catalog entry in catalog order with the items disclosing it (an entry without items
/// is one 未公开 row), then the items of no entry.
pub fn self_check_rows(project: &Project, today: NaiveDate) -> Vec<SelfCheckRow> {
    let mut rows = Vec::new();
    for category in &project.catalog.categories {
        for entry in &category.entries {
            let items: Vec<_> = project
                .items
                .iter()
                .filter(|item| item.entry_id.as_deref() == Some(entry.id.as_str()))
                .collect();
            if items.is_empty() {
                rows.push(undisclosed_entry_row(project, &category.name, entry, today));
            }
            for item in items {
                let schedule = item_schedule(project, item, today);
                rows.push(item_row(project, &category.name, entry, &schedule));
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
            status: schedule.status,
            last_published: schedule.last_published,
            next_due: schedule.next_due,
            lead: lead_of(project, &fields),
            responsible: String::new(),
            note: schedule.note.clone(),
        });
    }
    rows
}

fn item_row(
    project: &Project,
    category: &str,
    entry: &CatalogEntry,
    schedule: &ItemSchedule,
) -> SelfCheckRow {
    SelfCheckRow {
        category: category.to_owned(),
        entry: entry_name(entry),
        item: schedule.title.clone(),
        status: schedule.status,
        last_published: schedule.last_published,
        next_due: schedule.next_due,
        lead: lead_of(project, &entry.fields),
        responsible: entry.fields.responsible.clone(),
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
        status: Status::Unpublished,
        last_published: None,
        next_due,
        lead: lead_of(project, &entry.fields),
        responsible: entry.fields.responsible.clone(),
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

/// The 自查情况表 of `project` on `today`.
pub fn self_check_document(project: &Project, today: NaiveDate) -> ReportDocument {
    let style = project.settings.date_style;
    let date = |date: Option<NaiveDate>| date.map_or("—".to_owned(), |d| format_date(d, style));
    let rows = self_check_rows(project, today);
    let table = Table {
        columns: [
            "序号",
            "方面",
            "事项",
            "公开内容",
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
    };
    let counts = row_counts(&rows);
    let counts_text: Vec<String> = counts
        .iter()
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
    };
    let mut conclusion = format!(
        "自查结果：共检查{}项，其中{}。",
        rows.len(),
        counts_text.join("，")
    );
    if needs_action > 0 {
        conclusion.push_str(&format!(
            "{}的{needs_action}项应立即更新内容并发布。",
            action_labels_zh()
        ));
    }
    let entries = project.catalog.entries().count();
    ReportDocument {
        title: format!("{}政务公开自查情况表", project.meta.unit_name),
        subtitle: vec![format!(
            "检查日期：{}　　公开目录 {} 个事项，公开内容 {} 项",
            format_date(today, style),
            entries,
            project.items.len()
        )],
        header_left: project.meta.unit_name.clone(),
        header_right: "政务公开自查情况表".to_owned(),
        blocks: vec![
            Block::Table(table),
            Block::Paragraph {
                text: "各状态项数：".to_owned(),
            },
            Block::Table(counts_table),
            Block::Paragraph { text: conclusion },
            Block::Paragraph {
                text: "自查人（签字）：＿＿＿＿＿＿　　负责人（签字）：＿＿＿＿＿＿".to_owned(),
            },
        ],
        body_pt: 9.0,
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
    };
    ReportDocument {
        title: format!("{}政务公开目录", project.meta.unit_name),
        subtitle: vec![format!(
            "{} 个方面，{} 个事项　　截至{}",
            project.catalog.categories.len(),
            project.catalog.entries().count(),
            format_date(today, style)
        )],
        header_left: project.meta.unit_name.clone(),
        header_right: "政务公开目录".to_owned(),
        blocks: vec![Block::Table(table)],
        body_pt: 8.0,
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
        fields.cadence.label_zh(),
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

const A4_MM: SizeMm = SizeMm {
    width_mm: 210.0,
    height_mm: 297.0,
};
const MARGIN_MM: f32 = 15.0;
/// The running header band above the body.
const HEADER_MM: f32 = 10.0;
/// The footer band below the body.
const FOOTER_MM: f32 = 8.0;
const TITLE_PT: f32 = 18.0;
const SUBTITLE_PT: f32 = 10.0;
const LABEL_PT: f32 = 8.0;
const GREY: Rgb = Rgb(0x42, 0x42, 0x42);
const INK: Rgb = Rgb(0x21, 0x21, 0x21);

/// The body flow of a document laid out for one page size, and its pages.
struct Laid {
    size_mm: SizeMm,
    flow: Flow,
    pages: Vec<FlowPage>,
}

fn body_width_mm(size_mm: SizeMm) -> f32 {
    size_mm.width_mm - 2.0 * MARGIN_MM
}

fn body_height_mm(size_mm: SizeMm) -> f32 {
    size_mm.height_mm - 2.0 * MARGIN_MM - HEADER_MM - FOOTER_MM
}

/// Sober office colours: black text, grey rules, light grey header row.
fn report_style(engine: &mut LayoutEngine, body_pt: f32) -> crate::layout::FlowStyle {
    let text_style = TextStyle {
        first_line_indent_chars: 0.0,
        ..TextStyle::default()
    };
    let theme = Theme {
        body_text: INK,
        panel_title_background: GREY,
        panel_border: GREY,
        ..Theme::default()
    };
    engine.flow_style(&text_style, &theme).scaled_to(body_pt)
}

/// A piece of one centred line (the title, a subtitle line).
fn centred_piece(
    fonts: &FontSet,
    face: FaceId,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    space_after_mm: f32,
) -> FlowPiece {
    let run = text_run(fonts, face, size_pt, INK, text);
    let em_mm = pt_to_mm(size_pt);
    let height_mm = em_mm * 1.5;
    let baseline_mm = em_mm * 1.15;
    let x_mm = ((width_mm - run.width_mm) / 2.0).max(0.0);
    FlowPiece {
        height_mm,
        space_after_mm,
        lines: vec![FlowLine {
            text: text.to_owned(),
            x_mm,
            baseline_mm,
            width_mm: run.width_mm,
            box_left_mm: 0.0,
            box_right_mm: width_mm,
            face,
            size_pt,
            kind: LineKind::BoardTitle,
            forced: false,
        }],
        items: vec![(PointMm::new(x_mm, baseline_mm), FrameItem::Text(run))],
        keep_with_next: true,
        table_header: false,
        header_piece: None,
        chars: text.chars().count(),
        tag: 0,
    }
}

fn lay_out(engine: &mut LayoutEngine, document: &ReportDocument, size_mm: SizeMm) -> Laid {
    let width_mm = body_width_mm(size_mm);
    let style = report_style(engine, document.body_pt);
    let mut flow = Flow::default();
    flow.pieces.push(centred_piece(
        engine.fonts(),
        FaceId::SANS_BOLD,
        TITLE_PT,
        &document.title,
        width_mm,
        2.0,
    ));
    for line in &document.subtitle {
        flow.pieces.push(centred_piece(
            engine.fonts(),
            FaceId::SANS,
            SUBTITLE_PT,
            line,
            width_mm,
            3.0,
        ));
    }
    let body = engine.flow_blocks(None, &document.blocks, width_mm, &style);
    flow.append(body, 1);
    let pages = flow.paginate(body_height_mm(size_mm));
    Laid {
        size_mm,
        flow,
        pages,
    }
}

fn forced_lines(laid: &Laid) -> usize {
    laid.flow
        .pieces
        .iter()
        .flat_map(|piece| &piece.lines)
        .filter(|line| line.forced)
        .count()
}

fn line_count(laid: &Laid) -> usize {
    laid.flow.pieces.iter().map(|piece| piece.lines.len()).sum()
}

/// A table this wide has columns under 20 mm in portrait: always landscape.
const LANDSCAPE_COLUMNS: usize = 8;

fn widest_table_columns(document: &ReportDocument) -> usize {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table.columns.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Portrait, unless the table needs landscape: it has `LANDSCAPE_COLUMNS` columns or more, or
/// turned it cuts fewer words or its cells wrap onto at least a fifth fewer lines.
fn choose_orientation(engine: &mut LayoutEngine, document: &ReportDocument) -> Laid {
    let portrait = lay_out(engine, document, A4_MM);
    let landscape = lay_out(
        engine,
        document,
        SizeMm::new(A4_MM.height_mm, A4_MM.width_mm),
    );
    let wide = widest_table_columns(document) >= LANDSCAPE_COLUMNS;
    let fewer_cut = forced_lines(&landscape) < forced_lines(&portrait);
    let fewer_lines = line_count(&landscape) * 5 <= line_count(&portrait) * 4;
    if wide || fewer_cut || fewer_lines {
        landscape
    } else {
        portrait
    }
}

/// 单位 left, the report's name right, above a rule.
fn running_header(
    fonts: &FontSet,
    document: &ReportDocument,
    size_mm: SizeMm,
) -> Vec<(PointMm, FrameItem)> {
    let baseline_mm = MARGIN_MM + 4.0;
    let right_edge_mm = size_mm.width_mm - MARGIN_MM;
    let left = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &document.header_left);
    let right = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &document.header_right);
    let right_x_mm = right_edge_mm - right.width_mm;
    let rule_y_mm = baseline_mm + 2.5;
    vec![
        (PointMm::new(MARGIN_MM, baseline_mm), FrameItem::Text(left)),
        (
            PointMm::new(right_x_mm, baseline_mm),
            FrameItem::Text(right),
        ),
        (
            PointMm::new(MARGIN_MM, rule_y_mm),
            FrameItem::Line {
                to: PointMm::new(right_edge_mm, rule_y_mm),
                stroke: Stroke {
                    width_mm: 0.3,
                    color: GREY,
                },
            },
        ),
    ]
}

/// "第 x 页　共 y 页", centred at the bottom.
fn page_footer(
    fonts: &FontSet,
    number: usize,
    total: usize,
    size_mm: SizeMm,
) -> (PointMm, FrameItem) {
    let text = format!("第 {number} 页　共 {total} 页");
    let run = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &text);
    let x_mm = (size_mm.width_mm - run.width_mm) / 2.0;
    (
        PointMm::new(x_mm, size_mm.height_mm - MARGIN_MM),
        FrameItem::Text(run),
    )
}

/// Lays out and writes a report; `created` goes into the PDF's metadata.
pub fn render_report(
    engine: &mut LayoutEngine,
    document: &ReportDocument,
    created: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Report, ReportError> {
    let laid = choose_orientation(engine, document);
    let size_mm = laid.size_mm;
    let body_origin = PointMm::new(MARGIN_MM, MARGIN_MM + HEADER_MM);
    let total = laid.pages.len();
    let sheets: Vec<Sheet> = laid
        .pages
        .iter()
        .enumerate()
        .map(|(index, flow_page)| {
            let mut items = running_header(engine.fonts(), document, size_mm);
            items.extend(laid.flow.page_items(flow_page, body_origin));
            items.push(page_footer(engine.fonts(), index + 1, total, size_mm));
            let mut sheet = Sheet::new(size_mm);
            sheet.placements.push(Placement::at(
                Rc::new(Page { size_mm, items }),
                PointMm::new(0.0, 0.0),
            ));
            sheet
        })
        .collect();
    let problems = laid
        .flow
        .missing_chars
        .iter()
        .map(|ch| {
            format!(
                "字“{ch}”（U+{:04X}）所有字体都没有，报表中显示为方框。请添加含此字的字体。",
                *ch as u32
            )
        })
        .collect();
    let options = WriteOptions {
        info: DocumentInfo {
            title: document.title.clone(),
            author: document.header_left.clone(),
            created,
            ..DocumentInfo::default()
        },
        cmyk_black: false,
    };
    let bytes = write_pdf(engine.fonts(), &sheets, &options)?;
    Ok(Report {
        bytes,
        pages: sheets.len(),
        landscape: size_mm.width_mm > size_mm.height_mm,
        page_lines: sheets
            .iter()
            .map(|sheet| sheet.text_runs().map(|run| run.text.clone()).collect())
            .collect(),
        problems,
    })
}

/// The PDF creation date of a report made "on" `day` (midnight), so the same day gives the
/// same file.
pub fn created_on(day: NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    day.and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        .fixed_offset()
}

/// `gongkai report FILE --kind self-check|catalog [--today YYYY-MM-DD] -o OUT.pdf`.
/// Exit 0 written, 2 unreadable input or unwritable output.
pub fn run_report(
    file: &Path,
    kind: ReportKind,
    today: Option<NaiveDate>,
    output: &Path,
) -> ExitCode {
    let project = match model::load_project(file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let today = today_or_clock(today);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let document = report_document(&project, kind, today);
    let report = match render_report(&mut engine, &document, created_on(today)) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("错误：无法生成{}：{error}", kind.label_zh());
            return ExitCode::from(2);
        }
    };
    for problem in &report.problems {
        eprintln!("问题：{problem}");
    }
    if let Err(error) = model::write_atomically(output, &report.bytes, false) {
        eprintln!(
            "错误：无法写出 {}：{error}。请检查文件夹是否存在、是否有写权限，文件是否被其他程序打开。",
            output.display()
        );
        return ExitCode::from(2);
    }
    println!(
        "已生成{} {}：A4{}，{} 页，{} KB。",
        kind.label_zh(),
        output.display(),
        if report.landscape { "横向" } else { "纵向" },
        report.pages,
        report.bytes.len().div_ceil(1024)
    );
    ExitCode::SUCCESS
}
