//! The catalogs of villages (村务公开: 党务 / 村务 / 财务) and communities (居务公开), with the
//! national guidance for villages as cadences: ordinary matters at least once a quarter,
//! finances monthly, matters touching farmers' interests at once. Every cadence is per entry
//! and editable (counties tighten them in their own rules).

use crate::model::{
    Audience, Cadence, Catalog, CatalogCategory, CatalogEntry, Channel, DirectoryFields,
    DisclosureMode, Scope,
};

/// 每季首月10日.
const QUARTERLY: Cadence = Cadence::Quarterly { day: 10 };
/// 每月10日.
const MONTHLY: Cadence = Cadence::Monthly { day: 10 };
/// Matters touching the villagers' interests go up at once (within a working day).
const AT_ONCE: Cadence = Cadence::AdHoc { working_days: 1 };

const BOARD_REGISTER: &[Channel] = &[Channel::Board, Channel::Register];
const BOARD_REGISTER_MEETING: &[Channel] = &[Channel::Board, Channel::Register, Channel::Meeting];
const BOARD_REGISTER_CARD: &[Channel] = &[Channel::Board, Channel::Register, Channel::Card];

/// (id, 名称, 公开内容, 公开依据, 时限, 牵头, 渠道)
type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Cadence,
    &'static str,
    &'static [Channel],
);

const PARTY_BASIS: &str = "《中国共产党农村基层组织工作条例》";
const VILLAGE_BASIS: &str = "《中华人民共和国村民委员会组织法》《村务公开目录》";
const FINANCE_BASIS: &str = "《农村集体经济组织财务制度》";
const PARTY: &str = "村党组织";
const COMMITTEE: &str = "村民委员会";
const BOOKKEEPER: &str = "村报账员";

fn village_table() -> Vec<(&'static str, &'static str, Vec<Row>)> {
    vec![
        (
            "vc1",
            "党务公开",
            vec![
                (
                    "v01",
                    "党组织设置及成员",
                    "党组织设置、班子成员及分工、联系方式",
                    PARTY_BASIS,
                    Cadence::Standing,
                    PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "v02",
                    "党员发展",
                    "入党积极分子、发展对象、预备党员的确定和公示",
                    PARTY_BASIS,
                    QUARTERLY,
                    PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "v03",
                    "党费收缴使用",
                    "党费收缴标准、收缴和使用情况",
                    PARTY_BASIS,
                    QUARTERLY,
                    PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "v04",
                    "三会一课",
                    "支部党员大会、支委会、党小组会和党课的开展情况",
                    PARTY_BASIS,
                    QUARTERLY,
                    PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "v05",
                    "民主评议党员",
                    "评议的时间、程序和结果",
                    PARTY_BASIS,
                    Cadence::Annual,
                    PARTY,
                    BOARD_REGISTER_MEETING,
                ),
            ],
        ),
        (
            "vc2",
            "村务公开",
            vec![
                (
                    "v06",
                    "村民（代表）会议决议",
                    "四议两公开：党支部提议、两委商议、党员大会审议、村民代表会议决议，决议公开和实施结果公开",
                    VILLAGE_BASIS,
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER_MEETING,
                ),
                (
                    "v07",
                    "低保、特困、临时救助对象",
                    "救助对象、人数、标准和金额（身份证号等去标识化）",
                    "《社会救助暂行办法》",
                    QUARTERLY,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
                (
                    "v08",
                    "宅基地审批",
                    "申请人、面积、位置和审批结果",
                    "《中华人民共和国土地管理法》",
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
                (
                    "v09",
                    "惠农补贴发放",
                    "补贴项目、标准、对象和发放金额",
                    "惠农补贴“一卡通”管理办法",
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER_CARD,
                ),
                (
                    "v10",
                    "征地补偿",
                    "征地范围、补偿标准、分配方案和发放情况",
                    "《中华人民共和国土地管理法》",
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER_MEETING,
                ),
                (
                    "v11",
                    "工程项目",
                    "项目名称、资金来源、承建单位、进度和验收结果",
                    VILLAGE_BASIS,
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
                (
                    "v12",
                    "集体资产资源发包",
                    "发包方式、承包人、期限和金额",
                    VILLAGE_BASIS,
                    AT_ONCE,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
                (
                    "v13",
                    "土地流转",
                    "流转面积、期限、价格和受让方",
                    "《农村土地经营权流转管理办法》",
                    QUARTERLY,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
                (
                    "v14",
                    "危房改造",
                    "改造对象、补助标准和验收结果",
                    "农村危房改造补助资金管理办法",
                    QUARTERLY,
                    COMMITTEE,
                    BOARD_REGISTER,
                ),
            ],
        ),
        (
            "vc3",
            "财务公开",
            vec![
                (
                    "v15",
                    "财务收支明细",
                    "每笔收入和支出：开支项目、金额、资金来源、经手人、审核意见",
                    FINANCE_BASIS,
                    MONTHLY,
                    BOOKKEEPER,
                    BOARD_REGISTER,
                ),
                (
                    "v16",
                    "集体资产",
                    "集体资产的种类、数量、价值和变动",
                    FINANCE_BASIS,
                    QUARTERLY,
                    BOOKKEEPER,
                    BOARD_REGISTER,
                ),
                (
                    "v17",
                    "债权债务",
                    "债权债务的金额、对象和清收偿还情况",
                    FINANCE_BASIS,
                    QUARTERLY,
                    BOOKKEEPER,
                    BOARD_REGISTER,
                ),
                (
                    "v18",
                    "一事一议筹资筹劳",
                    "议题、筹资筹劳标准、收取和使用情况",
                    "村民一事一议筹资筹劳管理办法",
                    AT_ONCE,
                    BOOKKEEPER,
                    BOARD_REGISTER_MEETING,
                ),
                (
                    "v19",
                    "专项资金",
                    "上级拨付专项资金的项目、金额和使用",
                    FINANCE_BASIS,
                    QUARTERLY,
                    BOOKKEEPER,
                    BOARD_REGISTER,
                ),
            ],
        ),
    ]
}

const COMMUNITY_PARTY: &str = "社区党组织";
const RESIDENTS: &str = "社区居民委员会";
const RESIDENTS_BASIS: &str = "《中华人民共和国城市居民委员会组织法》";

fn community_table() -> Vec<(&'static str, &'static str, Vec<Row>)> {
    vec![
        (
            "sc1",
            "党务公开",
            vec![
                (
                    "s01",
                    "党组织设置及成员",
                    "党组织设置、班子成员及分工、联系方式",
                    PARTY_BASIS,
                    Cadence::Standing,
                    COMMUNITY_PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "s02",
                    "党员发展",
                    "入党积极分子、发展对象、预备党员的确定和公示",
                    PARTY_BASIS,
                    QUARTERLY,
                    COMMUNITY_PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "s03",
                    "党费收缴使用",
                    "党费收缴标准、收缴和使用情况",
                    PARTY_BASIS,
                    QUARTERLY,
                    COMMUNITY_PARTY,
                    BOARD_REGISTER,
                ),
                (
                    "s04",
                    "三会一课",
                    "支部党员大会、支委会、党小组会和党课的开展情况",
                    PARTY_BASIS,
                    QUARTERLY,
                    COMMUNITY_PARTY,
                    BOARD_REGISTER,
                ),
            ],
        ),
        (
            "sc2",
            "居务公开",
            vec![
                (
                    "s05",
                    "居民（代表）会议决议",
                    "议题、决议和实施结果",
                    RESIDENTS_BASIS,
                    AT_ONCE,
                    RESIDENTS,
                    BOARD_REGISTER_MEETING,
                ),
                (
                    "s06",
                    "低保、特困、临时救助对象",
                    "救助对象、人数、标准和金额（身份证号等去标识化）",
                    "《社会救助暂行办法》",
                    QUARTERLY,
                    RESIDENTS,
                    BOARD_REGISTER,
                ),
                (
                    "s07",
                    "养老服务补贴",
                    "高龄津贴、养老服务补贴的对象和标准",
                    "养老服务补贴制度",
                    QUARTERLY,
                    RESIDENTS,
                    BOARD_REGISTER_CARD,
                ),
                (
                    "s08",
                    "社区工程项目",
                    "项目名称、资金来源、承建单位、进度和验收结果",
                    RESIDENTS_BASIS,
                    AT_ONCE,
                    RESIDENTS,
                    BOARD_REGISTER,
                ),
                (
                    "s09",
                    "物业和小区管理",
                    "物业服务内容、收费标准和业主委员会事项",
                    "《物业管理条例》",
                    QUARTERLY,
                    RESIDENTS,
                    BOARD_REGISTER,
                ),
                (
                    "s10",
                    "社区服务事项",
                    "可办事项、办理条件、所需材料和咨询电话",
                    RESIDENTS_BASIS,
                    Cadence::Standing,
                    RESIDENTS,
                    BOARD_REGISTER_CARD,
                ),
            ],
        ),
        (
            "sc3",
            "财务公开",
            vec![
                (
                    "s11",
                    "社区财务收支",
                    "收入和支出明细、经手人、审核意见",
                    "社区财务管理制度",
                    QUARTERLY,
                    RESIDENTS,
                    BOARD_REGISTER,
                ),
                (
                    "s12",
                    "专项经费使用",
                    "上级拨付工作经费、服务经费的使用",
                    "社区财务管理制度",
                    QUARTERLY,
                    RESIDENTS,
                    BOARD_REGISTER,
                ),
            ],
        ),
    ]
}

fn catalog_from(table: Vec<(&'static str, &'static str, Vec<Row>)>, supervisor: &str) -> Catalog {
    let categories = table
        .into_iter()
        .map(|(id, name, rows)| CatalogCategory {
            id: id.to_owned(),
            name: name.to_owned(),
            entries: rows
                .into_iter()
                .map(
                    |(id, name, content, basis, cadence, lead, channels)| CatalogEntry {
                        id: id.to_owned(),
                        name: name.to_owned(),
                        sub_name: String::new(),
                        fields: DirectoryFields {
                            content: content.to_owned(),
                            basis: basis.to_owned(),
                            cadence,
                            lead_department: lead.to_owned(),
                            responsible: String::new(),
                            supervisor: supervisor.to_owned(),
                            channels: channels.to_vec(),
                            audience: Audience::Public,
                            mode: DisclosureMode::Proactive,
                            scope: Scope::External,
                        },
                    },
                )
                .collect(),
        })
        .collect();
    Catalog { categories }
}

/// The village catalog: 党务 5, 村务 9, 财务 5 entries.
pub fn village_catalog() -> Catalog {
    catalog_from(village_table(), "村务监督委员会")
}

/// The community catalog: 党务, 居务 and 财务.
pub fn community_catalog() -> Catalog {
    catalog_from(community_table(), "社区居务监督委员会")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_village_catalog_follows_the_national_guidance() {
        let catalog = village_catalog();
        let names: Vec<_> = catalog.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["党务公开", "村务公开", "财务公开"]);
        let finances = catalog.entry("v15").expect("财务收支明细");
        assert_eq!(finances.fields.cadence, MONTHLY);
        let decisions = catalog.entry("v06").expect("决议");
        assert_eq!(decisions.fields.cadence, AT_ONCE);
        assert!(decisions.fields.content.contains("四议两公开"));
        let mut ids: Vec<_> = catalog.entries().map(|e| e.id.clone()).collect();
        let count = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), count);
        assert!(community_catalog().entries().count() >= 10);
    }
}
