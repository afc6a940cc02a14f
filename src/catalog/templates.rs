//! Project templates: what 文件 → 新建 and `gongkai new --template NAME` start from. Text the
//! clerk must replace is written as [`PLACEHOLDER`] (【请填写】); the unit's details appear as
//! `{单位简称}`, `{监督电话}`… fields, so changing them in 单位信息 changes every page.

use super::village::{community_catalog, village_catalog};
use super::{default_catalog, sample_project};
use crate::model::{
    Block, Board, BoardFooter, BoardHeader, CardDesign, CardRecord, CardStyle, Catalog, FlowStep,
    Flowchart, Item, KeyValue, MarginsMm, Meta, MonthDay, PLACEHOLDER, Panel, Project, RectMm,
    SizeMm, Stage, Table, TextStyle,
};
use chrono::NaiveDate;

/// The templates a new project can start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TemplateKind {
    /// 乡镇政务公开栏: the 青禾镇 sample (14 方面 / 30 事项).
    Town,
    /// 村务公开栏: 党务 / 村务 / 财务.
    Village,
    /// 社区居务公开栏.
    Community,
    /// 便民服务中心办事指南栏.
    ServiceGuide,
    /// 空白: one board of a chosen size, no panels, no items.
    Blank,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 5] = [
        TemplateKind::Town,
        TemplateKind::Village,
        TemplateKind::Community,
        TemplateKind::ServiceGuide,
        TemplateKind::Blank,
    ];

    /// The name on the command line.
    pub fn key(self) -> &'static str {
        match self {
            TemplateKind::Town => "town",
            TemplateKind::Village => "village",
            TemplateKind::Community => "community",
            TemplateKind::ServiceGuide => "service",
            TemplateKind::Blank => "blank",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            TemplateKind::Town => "乡镇政务公开栏",
            TemplateKind::Village => "村务公开栏",
            TemplateKind::Community => "社区居务公开栏",
            TemplateKind::ServiceGuide => "便民服务中心办事指南栏",
            TemplateKind::Blank => "空白",
        }
    }

    pub fn description_zh(self) -> &'static str {
        match self {
            TemplateKind::Town => "示例乡镇：14个方面30项公开事项，12个栏目和一种便民联系卡。",
            TemplateKind::Village => {
                "党务、村务、财务三栏，村务公开目录（季度、财务每月、重大事项随时），四议两公开，公开人和审核人，一种明白卡。"
            }
            TemplateKind::Community => "党务、居务、财务三栏和社区居务公开目录。",
            TemplateKind::ServiceGuide => {
                "每个办事事项一栏：申请条件、所需材料、办理流程、办理时限、咨询电话。"
            }
            TemplateKind::Blank => "一块选定尺寸的空公开栏，没有栏目和内容，带所选种类的公开目录。",
        }
    }

    /// A template by its command-line key or its Chinese name.
    pub fn parse(name: &str) -> Option<TemplateKind> {
        let name = name.trim();
        TemplateKind::ALL
            .into_iter()
            .find(|kind| kind.key().eq_ignore_ascii_case(name) || kind.name_zh() == name)
    }

    /// The catalog the template starts with (a blank project takes the one chosen).
    pub fn catalog_kind(self) -> CatalogKind {
        match self {
            TemplateKind::Village => CatalogKind::Village,
            TemplateKind::Community => CatalogKind::Community,
            _ => CatalogKind::Town,
        }
    }
}

/// Which 公开目录 a project starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CatalogKind {
    Town,
    Village,
    Community,
}

impl CatalogKind {
    pub const ALL: [CatalogKind; 3] = [
        CatalogKind::Town,
        CatalogKind::Village,
        CatalogKind::Community,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CatalogKind::Town => "town",
            CatalogKind::Village => "village",
            CatalogKind::Community => "community",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            CatalogKind::Town => "乡镇公开目录",
            CatalogKind::Village => "村务公开目录",
            CatalogKind::Community => "社区居务公开目录",
        }
    }

    pub fn parse(name: &str) -> Option<CatalogKind> {
        CatalogKind::ALL
            .into_iter()
            .find(|kind| kind.key().eq_ignore_ascii_case(name.trim()) || kind.name_zh() == name)
    }

    /// The kind a project's catalog was made from (matched by its categories' names); None
    /// for a catalog the clerk reworked.
    pub fn of(catalog: &Catalog) -> Option<CatalogKind> {
        let names = |catalog: &Catalog| -> Vec<String> {
            catalog
                .categories
                .iter()
                .map(|category| category.name.clone())
                .collect()
        };
        let wanted = names(catalog);
        CatalogKind::ALL
            .into_iter()
            .find(|kind| names(&kind.catalog()) == wanted)
    }

    /// What a board of this kind of unit is called: 政务公开栏, 村务公开栏, 居务公开栏.
    pub fn board_title(self) -> &'static str {
        match self {
            CatalogKind::Town => "政务公开栏",
            CatalogKind::Village => "村务公开栏",
            CatalogKind::Community => "居务公开栏",
        }
    }

    pub fn catalog(self) -> Catalog {
        match self {
            CatalogKind::Town => default_catalog(),
            CatalogKind::Village => village_catalog(),
            CatalogKind::Community => community_catalog(),
        }
    }
}

/// What the clerk says before the template is filled in.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateOptions {
    /// 单位名称 (None: empty, named by the check; the town sample keeps 青禾镇).
    pub unit_name: Option<String>,
    /// 监督电话.
    pub supervision_phone: Option<String>,
    /// The board's size (None: 2400×1200 mm).
    pub board_size_mm: Option<SizeMm>,
    /// The catalog of a blank project (None: the template's own).
    pub catalog: Option<CatalogKind>,
    /// The day the project is made (recorded as `Project::created_on`; nothing counts as
    /// published on it).
    pub today: NaiveDate,
}

impl TemplateOptions {
    pub fn new(today: NaiveDate) -> Self {
        TemplateOptions {
            unit_name: None,
            supervision_phone: None,
            board_size_mm: None,
            catalog: None,
            today,
        }
    }
}

const MARGIN_MM: f32 = 30.0;
const GAP_MM: f32 = 15.0;
const HEADER_MM: f32 = 170.0;
const FOOTER_MM: f32 = 110.0;
const DEFAULT_SIZE: SizeMm = SizeMm::new(2400.0, 1200.0);

fn given(value: &Option<String>) -> Option<String> {
    value
        .as_ref()
        .map(|value| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// A new project from a template.
pub fn project_from_template(kind: TemplateKind, options: &TemplateOptions) -> Project {
    let mut project = match kind {
        TemplateKind::Town => {
            let mut project = sample_project(options.today);
            if let Some(unit) = given(&options.unit_name) {
                project.meta.unit_name = unit;
                let title = format!("{}政务公开栏", project.meta.short_unit_name());
                for board in &mut project.boards {
                    board.header.title = title.clone();
                    board.name = title.clone();
                }
            }
            if let Some(phone) = given(&options.supervision_phone) {
                project.meta.supervision_phone = phone;
            }
            // Nothing is published until the clerk publishes: the sample's items start 未公开.
            for item in &mut project.items {
                item.disclosure = crate::model::Disclosure {
                    stage: item.disclosure.stage,
                    ..Default::default()
                };
            }
            project.created_on = Some(options.today);
            project.log.clear();
            // Every invented figure and detail is named by the check until it is edited.
            let mut given_fields = Vec::new();
            if given(&options.unit_name).is_some() {
                given_fields.extend(["单位名称", "公开主体"]);
            }
            if given(&options.supervision_phone).is_some() {
                given_fields.push("监督电话");
            }
            project.sample_marks = crate::model::SampleMarks::of_template(&project, &given_fields);
            return project;
        }
        TemplateKind::Village => three_columns(
            options,
            "村务公开栏",
            ["党务公开", "村务公开", "财务公开"],
            village_items(),
        ),
        TemplateKind::Community => three_columns(
            options,
            "居务公开栏",
            ["党务公开", "居务公开", "财务公开"],
            community_items(),
        ),
        TemplateKind::ServiceGuide => service_guide(options),
        TemplateKind::Blank => {
            let board = empty_board(options, "政务公开栏");
            Project {
                boards: vec![board],
                ..Project::default()
            }
        }
    };
    project.catalog = options.catalog.unwrap_or(kind.catalog_kind()).catalog();
    // Details not given stay empty: the check names each one the pages need.
    project.meta = Meta {
        unit_name: given(&options.unit_name).unwrap_or_default(),
        supervision_phone: given(&options.supervision_phone).unwrap_or_default(),
        ..Meta::default()
    };
    if matches!(kind, TemplateKind::Village | TemplateKind::Community) {
        let mut card = village_card(kind);
        // The cards disclose the catalog's 惠农补贴 entry (else the first one handed out as
        // 明白卡): publishing them counts in the 自查情况表.
        card.entry_id = project
            .catalog
            .entries()
            .find(|entry| entry.name.contains("惠农补贴"))
            .or_else(|| {
                project
                    .catalog
                    .entries()
                    .find(|entry| entry.fields.channels.contains(&crate::model::Channel::Card))
            })
            .map(|entry| entry.id.clone());
        project.cards.push(card);
        // 村务/居务 go up every quarter (the town's 3月1日 / 8月31日 are the town's own).
        project.settings.disclosure_days = quarterly_disclosure_days();
    }
    project.created_on = Some(options.today);
    project
}

/// 每季首月15日: the fixed disclosure days villages and communities commonly keep.
fn quarterly_disclosure_days() -> Vec<MonthDay> {
    [1, 4, 7, 10]
        .into_iter()
        .map(|month| MonthDay::new(month, 15))
        .collect()
}

fn empty_board(options: &TemplateOptions, kind_title: &str) -> Board {
    let size_mm = options.board_size_mm.unwrap_or(DEFAULT_SIZE);
    Board {
        id: "board-1".to_owned(),
        name: kind_title.to_owned(),
        size_mm,
        reading_distance_m: 2.0,
        margins_mm: MarginsMm::uniform(MARGIN_MM),
        style: TextStyle::default(),
        header: BoardHeader {
            title: format!("{{单位简称}}{kind_title}"),
            subtitle: "公开内容　依法公开　接受监督".to_owned(),
            height_mm: HEADER_MM.min(size_mm.height_mm / 6.0),
        },
        footer: BoardFooter {
            height_mm: FOOTER_MM.min(size_mm.height_mm / 8.0),
            ..BoardFooter::default()
        },
        ..Board::default()
    }
}

/// `count` panels side by side between the header and the footer.
fn column_rects(size_mm: SizeMm, header_mm: f32, footer_mm: f32, count: usize) -> Vec<RectMm> {
    let top_mm = MARGIN_MM + header_mm + GAP_MM;
    let height_mm = size_mm.height_mm - top_mm - footer_mm - MARGIN_MM - GAP_MM;
    let width_mm =
        (size_mm.width_mm - 2.0 * MARGIN_MM - GAP_MM * (count as f32 - 1.0)) / count as f32;
    (0..count)
        .map(|index| {
            RectMm::new(
                MARGIN_MM + index as f32 * (width_mm + GAP_MM),
                top_mm,
                width_mm,
                height_mm,
            )
        })
        .collect()
}

/// (entry id, title, blocks, stage) of a template item.
type TemplateItem = (&'static str, &'static str, Vec<Block>, Stage);

fn fill_in() -> String {
    PLACEHOLDER.to_owned()
}

fn table(columns: &[&str], rows: usize) -> Block {
    Block::Table(Table {
        columns: columns.iter().map(|c| (*c).to_owned()).collect(),
        rows: (0..rows)
            .map(|_| columns.iter().map(|_| fill_in()).collect())
            .collect(),
        column_kinds: Vec::new(),
        total_row: false,
    })
}

fn stages_block() -> Block {
    Block::List {
        ordered: true,
        entries: [
            "党支部提议",
            "两委商议",
            "党员大会审议",
            "村民代表会议决议",
            "决议公开",
            "实施结果公开",
        ]
        .iter()
        .map(|stage| format!("{stage}：{PLACEHOLDER}"))
        .collect(),
    }
}

fn village_items() -> [Vec<TemplateItem>; 3] {
    [
        vec![
            (
                "v01",
                "党组织设置及成员",
                vec![table(&["职务", "姓名", "分工"], 3)],
                Stage::Formal,
            ),
            (
                "v04",
                "三会一课",
                vec![Block::paragraph(format!("本季度开展情况：{PLACEHOLDER}"))],
                Stage::Formal,
            ),
        ],
        vec![
            (
                "v06",
                "村民代表会议决议（四议两公开）",
                vec![
                    Block::paragraph(format!("议题：{PLACEHOLDER}")),
                    stages_block(),
                ],
                Stage::Decision,
            ),
            (
                "v07",
                "低保、特困、临时救助对象",
                vec![table(&["姓名", "村民小组", "人数", "金额（元）"], 2)],
                Stage::Formal,
            ),
        ],
        vec![(
            "v15",
            "财务收支明细",
            vec![
                table(
                    &[
                        "序号",
                        "开支项目",
                        "金额（元）",
                        "资金来源",
                        "经手人",
                        "审核意见",
                    ],
                    3,
                ),
                Block::paragraph(format!(
                    "本期收入合计：{PLACEHOLDER}元；支出合计：{PLACEHOLDER}元。"
                )),
            ],
            Stage::Formal,
        )],
    ]
}

fn community_items() -> [Vec<TemplateItem>; 3] {
    [
        vec![(
            "s01",
            "党组织设置及成员",
            vec![table(&["职务", "姓名", "分工"], 3)],
            Stage::Formal,
        )],
        vec![
            (
                "s05",
                "居民（代表）会议决议",
                vec![Block::paragraph(format!(
                    "议题：{PLACEHOLDER}\n决议：{PLACEHOLDER}"
                ))],
                Stage::Decision,
            ),
            (
                "s10",
                "社区服务事项",
                vec![Block::KeyValue {
                    pairs: vec![
                        KeyValue::new("可办事项", PLACEHOLDER),
                        KeyValue::new("咨询电话", "{咨询电话}"),
                    ],
                }],
                Stage::Formal,
            ),
        ],
        vec![(
            "s11",
            "社区财务收支",
            vec![table(
                &["序号", "收支项目", "金额（元）", "经手人", "审核意见"],
                3,
            )],
            Stage::Formal,
        )],
    ]
}

/// A village or community board: three columns with their items, and a footer with the
/// 公开人 / 审核人 line the 村务监督委员会 signs.
fn three_columns(
    options: &TemplateOptions,
    kind_title: &str,
    columns: [&str; 3],
    items: [Vec<TemplateItem>; 3],
) -> Project {
    let mut board = empty_board(options, kind_title);
    board.footer.note = "公开人：{公开人}　　审核人（监督委员会）：{审核人}".to_owned();
    let rects = column_rects(
        board.size_mm,
        board.header.height_mm,
        board.footer.height_mm,
        3,
    );
    let mut project_items = Vec::new();
    for (index, ((title, rect_mm), column_items)) in
        columns.iter().zip(rects).zip(items).enumerate()
    {
        let mut item_ids = Vec::new();
        for (entry_id, item_title, blocks, stage) in column_items {
            let id = format!("item-{}", project_items.len() + 1);
            item_ids.push(id.clone());
            project_items.push(Item {
                id,
                title: item_title.to_owned(),
                entry_id: Some(entry_id.to_owned()),
                blocks,
                disclosure: crate::model::Disclosure {
                    stage,
                    ..Default::default()
                },
                ..Item::default()
            });
        }
        board.panels.push(Panel {
            id: format!("panel-{}", index + 1),
            title: (*title).to_owned(),
            rect_mm,
            item_ids,
            ..Panel::default()
        });
    }
    Project {
        items: project_items,
        boards: vec![board],
        ..Project::default()
    }
}

/// The procedures of a 办事指南栏: one panel each.
const PROCEDURES: [&str; 4] = [
    "城乡居民基本养老保险参保登记",
    "最低生活保障申请",
    "残疾人两项补贴申请",
    "生育登记",
];

/// 办理流程 of a procedure at the 便民服务中心: the usual 受理 → 审核 → 办结 with the 材料齐全 question
/// (否: 一次性告知); the 审核 step's 办理时限 is the clerk's to fill in.
fn service_flowchart() -> Flowchart {
    Flowchart {
        steps: vec![
            FlowStep::new("申请人到便民服务中心窗口提交申请材料"),
            FlowStep::new("窗口审查材料是否齐全").with_no_branch("一次性告知需补正的材料"),
            FlowStep::new("受理并审核").with_time_limit(format!("{PLACEHOLDER}个工作日")),
            FlowStep::new("审批（上报审批的，由窗口代办）"),
            FlowStep::new("办结，告知申请人结果"),
        ],
    }
}

fn service_guide(options: &TemplateOptions) -> Project {
    let mut board = empty_board(options, "便民服务中心办事指南");
    let columns = column_rects(
        board.size_mm,
        board.header.height_mm,
        board.footer.height_mm,
        PROCEDURES.len(),
    );
    let mut items = Vec::new();
    for (index, (procedure, rect_mm)) in PROCEDURES.iter().zip(columns).enumerate() {
        let id = format!("item-{}", index + 1);
        items.push(Item {
            id: id.clone(),
            title: "办事指南".to_owned(),
            entry_id: Some("e03".to_owned()),
            blocks: vec![
                Block::KeyValue {
                    pairs: vec![
                        KeyValue::new("申请条件", PLACEHOLDER),
                        KeyValue::new("所需材料", PLACEHOLDER),
                        KeyValue::new("办理流程", ""),
                    ],
                },
                Block::Flowchart(service_flowchart()),
                Block::KeyValue {
                    pairs: vec![
                        KeyValue::new("办理时限", format!("{PLACEHOLDER}个工作日")),
                        KeyValue::new("办理地点", "{地址}"),
                        KeyValue::new("咨询电话", "{咨询电话}"),
                    ],
                },
            ],
            ..Item::default()
        });
        board.panels.push(Panel {
            id: format!("panel-{}", index + 1),
            title: (*procedure).to_owned(),
            rect_mm,
            item_ids: vec![id],
            ..Panel::default()
        });
    }
    Project {
        items,
        boards: vec![board],
        ..Project::default()
    }
}

/// The village's 明白卡: one card per household with its subsidies (one blank record, written
/// in by hand),
/// the 公开人 / 审核人 and the 监督电话 on the back.
fn village_card(kind: TemplateKind) -> CardDesign {
    let fields = ["户主", "村民小组", "补贴项目", "金额（元）"];
    let group = if kind == TemplateKind::Community {
        "居民小组"
    } else {
        "村民小组"
    };
    let fields: Vec<String> = fields
        .iter()
        .map(|field| {
            if *field == "村民小组" {
                group
            } else {
                field
            }
            .to_owned()
        })
        .collect();
    // Filled in by hand at each household (or merged from a list later).
    let record: CardRecord = fields
        .iter()
        .map(|field| (field.clone(), "　".repeat(6)))
        .collect();
    let front = vec![
        Block::paragraph("{单位简称}惠民政策明白卡"),
        Block::KeyValue {
            pairs: fields
                .iter()
                .map(|field| KeyValue::new(field.clone(), format!("{{{field}}}")))
                .collect(),
        },
    ];
    let back = vec![
        Block::paragraph("{单位名称}"),
        Block::KeyValue {
            pairs: vec![
                KeyValue::new("公开人", "{公开人}"),
                KeyValue::new("审核人", "{审核人}"),
                KeyValue::new("监督电话", "{监督电话}"),
                KeyValue::new("户主签字", "　　　　　　"),
            ],
        },
    ];
    CardDesign {
        fields,
        records: vec![record].into(),
        ..CardDesign::from_blocks(
            "card-1",
            "惠民政策明白卡",
            SizeMm::new(148.0, 100.0),
            CardStyle::default(),
            front,
            back,
        )
    }
}

/// A new empty board for `project`: a fresh id, the given size, the unit's title.
pub fn blank_board(project: &Project, size_mm: SizeMm) -> Board {
    let options = TemplateOptions {
        board_size_mm: Some(size_mm),
        ..TemplateOptions::new(NaiveDate::default())
    };
    let kind_title =
        CatalogKind::of(&project.catalog).map_or("政务公开栏", CatalogKind::board_title);
    let mut board = empty_board(&options, kind_title);
    board.id = project.fresh_id("board");
    board.name = unique_board_name(project, kind_title);
    board
}

/// A board name not yet used in the project: `name`, or `name 2`, `name 3`…
pub fn unique_board_name(project: &Project, name: &str) -> String {
    unique_name(name, |candidate| {
        project.boards.iter().any(|board| board.name == candidate)
    })
}

/// `name`, or the first of `name 2`, `name 3`… that is not `taken`.
pub(super) fn unique_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(name) {
        return name.to_owned();
    }
    (2..)
        .map(|n| format!("{name} {n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| name.to_owned())
}

/// The board of a template and its items, with ids fresh for `project` (catalog entries the
/// project's catalog lacks are dropped), to add as one more board.
pub fn board_from_template(
    kind: TemplateKind,
    project: &Project,
    today: NaiveDate,
) -> (Board, Vec<Item>) {
    let template = project_from_template(kind, &TemplateOptions::new(today));
    let Some(mut board) = template.boards.into_iter().next() else {
        return (blank_board(project, DEFAULT_SIZE), Vec::new());
    };
    let item_ids = project.fresh_ids("item", template.items.len());
    let renamed: std::collections::HashMap<String, String> = template
        .items
        .iter()
        .map(|item| item.id.clone())
        .zip(item_ids)
        .collect();
    let items = template
        .items
        .into_iter()
        .map(|mut item| {
            item.id = renamed[&item.id].clone();
            if item
                .entry_id
                .as_deref()
                .is_some_and(|entry_id| project.catalog.entry(entry_id).is_none())
            {
                item.entry_id = None;
            }
            item
        })
        .collect();
    let panel_ids = project.fresh_ids("panel", board.panels.len());
    for (panel, panel_id) in board.panels.iter_mut().zip(panel_ids) {
        panel.id = panel_id;
        for item_id in &mut panel.item_ids {
            if let Some(new_id) = renamed.get(item_id) {
                *item_id = new_id.clone();
            }
        }
    }
    board.id = project.fresh_id("board");
    board.name = unique_board_name(project, kind.name_zh());
    (board, items)
}

/// A copy of a board: fresh ids for it and its panels, the same items shown, named "…（副本）".
pub fn duplicate_board(project: &Project, board_id: &str) -> Option<Board> {
    let mut board = project.board(board_id)?.clone();
    let panel_ids = project.fresh_ids("panel", board.panels.len());
    for (panel, panel_id) in board.panels.iter_mut().zip(panel_ids) {
        panel.id = panel_id;
    }
    board.id = project.fresh_id("board");
    board.name = unique_board_name(project, &format!("{}（副本）", board.name));
    Some(board)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::placeholder_places;

    impl Project {
        fn all_item_ids(&self) -> Vec<String> {
            self.items.iter().map(|item| item.id.clone()).collect()
        }
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
    }

    #[test]
    fn every_template_builds_a_checked_project() {
        for kind in TemplateKind::ALL {
            let project = project_from_template(kind, &TemplateOptions::new(day()));
            assert_eq!(project.boards.len(), 1, "{kind:?}");
            assert_eq!(TemplateKind::parse(kind.key()), Some(kind));
            assert_eq!(TemplateKind::parse(kind.name_zh()), Some(kind));
            let errors: Vec<_> = crate::model::check_project(&project)
                .into_iter()
                .filter(|finding| finding.severity == crate::model::Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{kind:?}: {errors:?}");
        }
    }

    #[test]
    fn the_village_template_has_three_columns_and_the_unit_s_name() {
        let options = TemplateOptions {
            unit_name: Some("东湾村村民委员会".into()),
            supervision_phone: Some("0000-6613101".into()),
            ..TemplateOptions::new(day())
        };
        let project = project_from_template(TemplateKind::Village, &options);
        let board = &project.boards[0];
        let titles: Vec<_> = board.panels.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["党务公开", "村务公开", "财务公开"]);
        let filled = project.with_unit_fields();
        assert_eq!(filled.boards[0].header.title, "东湾村村务公开栏");
        assert!(filled.boards[0].footer.note.contains("审核人"));
        assert_eq!(project.meta.supervision_phone, "0000-6613101");
        assert_eq!(project.cards.len(), 1);
        assert!(project.catalog.entry("v15").is_some());
        // The clerk still has to fill in the members, the decisions, the finances...
        let places = placeholder_places(&project);
        assert!(places.iter().any(|p| p.place.contains("党组织设置及成员")));
        assert!(
            places.iter().any(|p| p.place.contains("栏脚")),
            "{{审核人}} is empty"
        );
        assert!(
            places
                .iter()
                .any(|p| p.missing && p.place.contains("意见箱"))
        );
    }

    #[test]
    fn a_blank_project_has_a_board_and_nothing_on_it() {
        let options = TemplateOptions {
            board_size_mm: Some(SizeMm::new(3000.0, 1500.0)),
            catalog: Some(CatalogKind::Village),
            ..TemplateOptions::new(day())
        };
        let project = project_from_template(TemplateKind::Blank, &options);
        assert_eq!(project.boards[0].size_mm, SizeMm::new(3000.0, 1500.0));
        assert!(project.boards[0].panels.is_empty());
        assert!(project.items.is_empty());
        assert!(project.catalog.entry("v01").is_some());
    }

    #[test]
    fn a_template_board_joins_a_project_with_fresh_ids() {
        let mut project =
            project_from_template(TemplateKind::Village, &TemplateOptions::new(day()));
        let (board, items) = board_from_template(TemplateKind::ServiceGuide, &project, day());
        assert_eq!(board.id, "board-2");
        assert_eq!(board.name, "便民服务中心办事指南栏");
        assert_eq!(items.len(), 4);
        let ids = project.all_item_ids();
        assert!(items.iter().all(|item| !ids.contains(&item.id)));
        // The village catalog has no e03: the entry is dropped, not left dangling.
        assert!(items.iter().all(|item| item.entry_id.is_none()));
        project.items.extend(items);
        project.boards.push(board);
        let copy = duplicate_board(&project, "board-1").expect("copy");
        assert_eq!(copy.name, "村务公开栏（副本）");
        assert_eq!(
            copy.panels[0].item_ids,
            project.boards[0].panels[0].item_ids
        );
        assert!(project.board(&copy.id).is_none());
        assert_eq!(unique_board_name(&project, "村务公开栏"), "村务公开栏 2");
        assert_eq!(
            project.settings.disclosure_days,
            [(1, 15), (4, 15), (7, 15), (10, 15)].map(|(month, day)| MonthDay::new(month, day)),
            "a village keeps its own quarterly days, not the town's"
        );
        let added = blank_board(&project, DEFAULT_SIZE);
        assert_eq!(added.header.title, "{单位简称}村务公开栏");
        assert_eq!(added.name, "村务公开栏 2");
    }

    #[test]
    fn the_town_template_is_the_sample_not_yet_published() {
        let project = project_from_template(TemplateKind::Town, &TemplateOptions::new(day()));
        let sample = sample_project(day());
        assert_eq!(project.items.len(), sample.items.len());
        assert_eq!(project.boards, sample.boards);
        assert_eq!(project.created_on, Some(day()));
        for (item, sample_item) in project.items.iter().zip(&sample.items) {
            assert_eq!(item.blocks, sample_item.blocks);
            assert_eq!(item.disclosure.published_on, None, "{}", item.title);
        }
        assert!(project.log.is_empty());
    }
}
