//! The built-in catalog (目录: 14 方面, 30 事项), board and card presets, and the sample project.

mod cards;
mod parts;
mod sample;
mod templates;
mod village;

pub use cards::{CardTemplate, card_from_template, is_sample_person, unique_card_name};
pub use parts::{
    PARTS_PRESETS, PartsPreset, divide_new_board, fit_panels_to_parts, template_parts_presets,
};
pub use sample::{QINGHE_CONTENT_JSON, SampleError, project_from_content, sample_project};
pub use templates::{
    CatalogKind, TemplateKind, TemplateOptions, blank_board, board_from_template, duplicate_board,
    project_from_template, unique_board_name,
};
pub use village::{community_catalog, village_catalog};

use crate::model::{
    Audience, Cadence, Catalog, CatalogCategory, CatalogEntry, Channel, DirectoryFields,
    DisclosureMode, Scope, SizeMm,
};

/// A named board size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizePreset {
    pub name: &'static str,
    pub size_mm: SizeMm,
}

/// Common board sizes; there is no national standard, so any size can also be typed.
pub const BOARD_PRESETS: [SizePreset; 4] = [
    SizePreset {
        name: "2400×1200 毫米（常用）",
        size_mm: SizeMm::new(2400.0, 1200.0),
    },
    SizePreset {
        name: "3000×1500 毫米",
        size_mm: SizeMm::new(3000.0, 1500.0),
    },
    SizePreset {
        name: "2500×2200 毫米",
        size_mm: SizeMm::new(2500.0, 2200.0),
    },
    SizePreset {
        name: "600×800 毫米（墙面单元）",
        size_mm: SizeMm::new(600.0, 800.0),
    },
];

/// Common 明白卡 sizes.
pub const CARD_PRESETS: [SizePreset; 4] = [
    SizePreset {
        name: "90×54 毫米（名片）",
        size_mm: SizeMm::new(90.0, 54.0),
    },
    SizePreset {
        name: "148×100 毫米（A6）",
        size_mm: SizeMm::new(148.0, 100.0),
    },
    SizePreset {
        name: "A5（148×210 毫米）",
        size_mm: SizeMm::new(148.0, 210.0),
    },
    SizePreset {
        name: "A4（210×297 毫米）",
        size_mm: SizeMm::new(210.0, 297.0),
    },
];

/// One row of the built-in catalog table below.
struct EntryRow {
    id: &'static str,
    name: &'static str,
    content: &'static str,
    basis: &'static str,
    cadence: Cadence,
    lead_department: &'static str,
    channels: &'static [Channel],
    audience: Audience,
    mode: DisclosureMode,
    scope: Scope,
}

const BOARD_AND_REGISTER: &[Channel] = &[Channel::Board, Channel::Register];
const BOARD_REGISTER_CARD: &[Channel] = &[Channel::Board, Channel::Register, Channel::Card];
const BOARD_MEETING: &[Channel] = &[Channel::Board, Channel::Register, Channel::Meeting];
const ALL_PUBLIC: &[Channel] = &[
    Channel::Board,
    Channel::Register,
    Channel::Card,
    Channel::Broadcast,
];
const INTERNAL_CHANNELS: &[Channel] = &[Channel::Register, Channel::Meeting];

const fn row(
    id: &'static str,
    name: &'static str,
    content: &'static str,
    basis: &'static str,
    cadence: Cadence,
    lead_department: &'static str,
    channels: &'static [Channel],
) -> EntryRow {
    EntryRow {
        id,
        name,
        content,
        basis,
        cadence,
        lead_department,
        channels,
        audience: Audience::Public,
        mode: DisclosureMode::Proactive,
        scope: Scope::External,
    }
}

const GOV_INFO_REGULATION: &str = "《中华人民共和国政府信息公开条例》";
const OFFICE: &str = "党政综合办公室";
const FINANCE: &str = "财政所";
const SOCIAL: &str = "社会事务办公室";
const ECONOMY: &str = "经济发展办公室";
const PLANNING: &str = "自然资源和生态环境办公室";
const SAFETY: &str = "平安建设办公室";
const SERVICE_CENTER: &str = "便民服务中心";

/// The 14 categories with their 30 entries, in the order of the town's 标准目录.
fn catalog_table() -> Vec<(&'static str, &'static str, Vec<EntryRow>)> {
    use Cadence::*;
    vec![
        (
            "c01",
            "机构职能",
            vec![
                row(
                    "e01",
                    "工作职责",
                    "镇政府及内设机构、站所的职责，法定职权事项",
                    GOV_INFO_REGULATION,
                    Standing,
                    OFFICE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e02",
                    "机构设置与领导分工",
                    "机构设置、领导班子成员及分工、联系村（社区）",
                    "《地方各级人民代表大会和地方各级人民政府组织法》",
                    Standing,
                    OFFICE,
                    BOARD_AND_REGISTER,
                ),
            ],
        ),
        (
            "c02",
            "办事服务",
            vec![
                row(
                    "e03",
                    "办事程序",
                    "办理事项的条件、材料、流程、时限、地点和咨询电话",
                    "《优化营商环境条例》",
                    Standing,
                    SERVICE_CENTER,
                    BOARD_REGISTER_CARD,
                ),
                row(
                    "e04",
                    "便民服务事项",
                    "代办帮办事项、工作时间、值班安排",
                    "省政务服务事项清单",
                    Standing,
                    SERVICE_CENTER,
                    BOARD_REGISTER_CARD,
                ),
            ],
        ),
        (
            "c03",
            "政策法规",
            vec![
                row(
                    "e05",
                    "政策依据",
                    "与群众切身利益相关的法律法规和上级政策文件",
                    GOV_INFO_REGULATION,
                    AdHoc { working_days: 20 },
                    OFFICE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e06",
                    "政策解读",
                    "惠民政策的对象、标准、办理方式的通俗解读",
                    "《关于全面推进政务公开工作的意见》",
                    AdHoc { working_days: 20 },
                    OFFICE,
                    ALL_PUBLIC,
                ),
            ],
        ),
        (
            "c04",
            "收费管理",
            vec![row(
                "e07",
                "收费标准",
                "收费项目、标准、依据、减免政策和举报电话",
                "《价格法》及省收费目录清单",
                HalfYearly,
                FINANCE,
                BOARD_REGISTER_CARD,
            )],
        ),
        (
            "c05",
            "人事管理",
            vec![
                row(
                    "e08",
                    "干部聘用",
                    "招聘计划、条件、程序、考试考察结果和拟聘人员",
                    "《事业单位人事管理条例》",
                    AdHoc { working_days: 7 },
                    OFFICE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e09",
                    "重要人事任免",
                    "任前公示对象的基本情况、拟任职务和监督电话",
                    "《党政领导干部选拔任用工作条例》",
                    AdHoc { working_days: 5 },
                    OFFICE,
                    BOARD_AND_REGISTER,
                ),
            ],
        ),
        (
            "c06",
            "工程建设",
            vec![
                row(
                    "e10",
                    "工程发包",
                    "项目名称、投资额、招标方式、中标单位、合同价和工期",
                    "《招标投标法》",
                    AdHoc { working_days: 20 },
                    PLANNING,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e11",
                    "重要项目安排",
                    "年度重点项目的建设内容、投资、进度和责任单位",
                    "镇年度重点项目计划",
                    Quarterly { day: 15 },
                    ECONOMY,
                    BOARD_MEETING,
                ),
            ],
        ),
        (
            "c07",
            "财务管理",
            vec![
                row(
                    "e12",
                    "年度预决算",
                    "镇本级财政预算、决算及说明",
                    "《预算法》",
                    Annual,
                    FINANCE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e13",
                    "财务收支",
                    "镇本级分季度收入、支出和结余",
                    "《预算法》《会计法》",
                    HalfYearly,
                    FINANCE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e14",
                    "大额资金使用",
                    "大额资金的用途、金额、审批和使用情况",
                    "镇重大问题集体决策制度",
                    AdHoc { working_days: 20 },
                    FINANCE,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e15",
                    "“三公”经费",
                    "公务接待、公务用车、因公出国（境）经费",
                    "《党政机关厉行节约反对浪费条例》",
                    Annual,
                    FINANCE,
                    BOARD_AND_REGISTER,
                ),
            ],
        ),
        (
            "c08",
            "政务运行",
            vec![
                row(
                    "e16",
                    "政务运行情况",
                    "上年度政府工作报告、工作目标完成情况",
                    "镇政务公开工作方案",
                    Annual,
                    OFFICE,
                    BOARD_MEETING,
                ),
                EntryRow {
                    scope: Scope::Internal,
                    audience: Audience::SpecificGroup,
                    ..row(
                        "e17",
                        "机关内部事务",
                        "干部考勤、公务接待、办公用品采购等机关内部事项",
                        "镇机关内部管理制度",
                        Quarterly { day: 15 },
                        OFFICE,
                        INTERNAL_CHANNELS,
                    )
                },
            ],
        ),
        (
            "c09",
            "重大决策",
            vec![
                row(
                    "e18",
                    "重大决策",
                    "决策事项、依据、集体讨论结果和实施情况",
                    "《重大行政决策程序暂行条例》",
                    AdHoc { working_days: 20 },
                    OFFICE,
                    BOARD_MEETING,
                ),
                row(
                    "e19",
                    "决策预公开",
                    "决策草案、征求意见的方式和截止日期",
                    "镇预公开制度",
                    AdHoc { working_days: 3 },
                    OFFICE,
                    BOARD_MEETING,
                ),
            ],
        ),
        (
            "c10",
            "审计监督",
            vec![row(
                "e20",
                "审计结果",
                "财政预算执行、决算和专项资金的审计结果及整改情况",
                "《审计法》",
                Annual,
                FINANCE,
                BOARD_AND_REGISTER,
            )],
        ),
        (
            "c11",
            "惠民政策",
            vec![
                row(
                    "e21",
                    "惠农补贴",
                    "补贴项目、标准、对象、发放金额和发放时间",
                    "中央和省惠农补贴政策",
                    Quarterly { day: 15 },
                    ECONOMY,
                    ALL_PUBLIC,
                ),
                row(
                    "e22",
                    "社会救助",
                    "低保、特困供养、临时救助的对象、标准和人数",
                    "《社会救助暂行办法》",
                    Monthly { day: 10 },
                    SOCIAL,
                    ALL_PUBLIC,
                ),
                row(
                    "e23",
                    "医疗保障",
                    "城乡居民医保缴费标准、报销比例和办理方式",
                    "省城乡居民基本医疗保险办法",
                    Annual,
                    SOCIAL,
                    ALL_PUBLIC,
                ),
            ],
        ),
        (
            "c12",
            "社会事务",
            vec![
                row(
                    "e24",
                    "生育服务",
                    "生育登记、奖励扶助政策和办理方式",
                    "省人口与计划生育条例",
                    Standing,
                    SOCIAL,
                    BOARD_REGISTER_CARD,
                ),
                row(
                    "e25",
                    "养老服务",
                    "养老保险、高龄津贴的标准和领取方式",
                    "《城乡居民基本养老保险办法》",
                    HalfYearly,
                    SOCIAL,
                    ALL_PUBLIC,
                ),
                row(
                    "e26",
                    "安全生产",
                    "防汛、防火、交通、燃气等安全提示和应急电话",
                    "《安全生产法》",
                    Quarterly { day: 1 },
                    SAFETY,
                    ALL_PUBLIC,
                ),
            ],
        ),
        (
            "c13",
            "乡村振兴",
            vec![
                row(
                    "e27",
                    "产业发展",
                    "产业项目、扶持资金和带动农户情况",
                    "乡村振兴促进法",
                    HalfYearly,
                    ECONOMY,
                    BOARD_AND_REGISTER,
                ),
                row(
                    "e28",
                    "防止返贫监测",
                    "监测对象的识别标准、程序和帮扶措施",
                    "防止返贫动态监测和帮扶工作方案",
                    Quarterly { day: 15 },
                    ECONOMY,
                    ALL_PUBLIC,
                ),
            ],
        ),
        (
            "c14",
            "监督评议",
            vec![
                row(
                    "e29",
                    "群众评议",
                    "人大代表和群众评议镇机关干部、镇政府工作的结果",
                    "镇群众评议制度",
                    Annual,
                    OFFICE,
                    BOARD_MEETING,
                ),
                row(
                    "e30",
                    "监督渠道",
                    "监督电话、意见箱位置、镇长接待日和办理时限",
                    "镇政务公开责任制度",
                    Standing,
                    "镇纪委",
                    BOARD_REGISTER_CARD,
                ),
            ],
        ),
    ]
}

/// The default catalog: the seed town's 14 方面 and 30 事项, editable in every project.
pub fn default_catalog() -> Catalog {
    let categories = catalog_table()
        .into_iter()
        .map(|(id, name, rows)| CatalogCategory {
            id: id.to_owned(),
            name: name.to_owned(),
            entries: rows.into_iter().map(entry_from_row).collect(),
        })
        .collect();
    Catalog { categories }
}

fn entry_from_row(row: EntryRow) -> CatalogEntry {
    CatalogEntry {
        id: row.id.to_owned(),
        name: row.name.to_owned(),
        sub_name: String::new(),
        fields: DirectoryFields {
            content: row.content.to_owned(),
            basis: row.basis.to_owned(),
            cadence: row.cadence,
            lead_department: row.lead_department.to_owned(),
            responsible: String::new(),
            supervisor: "镇纪委".to_owned(),
            channels: row.channels.to_vec(),
            audience: row.audience,
            mode: row.mode,
            scope: row.scope,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_has_14_categories_and_30_entries() {
        let catalog = default_catalog();
        assert_eq!(catalog.categories.len(), 14);
        assert_eq!(catalog.entries().count(), 30);
        let mut ids: Vec<_> = catalog.entries().map(|entry| entry.id.clone()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 30, "entry ids are unique");
    }

    #[test]
    fn the_catalog_names_what_the_seed_names() {
        let catalog = default_catalog();
        let names: Vec<_> = catalog.entries().map(|entry| entry.name.as_str()).collect();
        for named in [
            "工作职责",
            "办事程序",
            "政策依据",
            "收费标准",
            "干部聘用",
            "工程发包",
            "财务收支",
            "年度预决算",
            "政务运行情况",
            "重大决策",
            "重要人事任免",
            "重要项目安排",
            "大额资金使用",
            "审计结果",
            "群众评议",
            "监督渠道",
        ] {
            assert!(names.contains(&named), "{named} missing");
        }
    }

    #[test]
    fn internal_affairs_are_kept_internal() {
        let catalog = default_catalog();
        let internal: Vec<_> = catalog
            .entries()
            .filter(|entry| entry.fields.scope == Scope::Internal)
            .map(|entry| entry.name.as_str())
            .collect();
        assert_eq!(internal, vec!["机关内部事务"]);
    }
}
