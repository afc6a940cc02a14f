//! 明白卡 templates: 惠农补贴明白卡, 低保待遇告知卡, 便民服务联系卡, 办事指南卡, 政策明白卡
//! and a blank card. Each is laid out on a base size and scaled to the size chosen, with
//! invented sample records (no real people; no personal numbers).

use crate::model::{
    Block, CardDesign, CardFaces, CardRecord, CardSide, CardStyle, KeyValue, Panel, Project,
    RectMm, Rgb, SizeMm, Table, blank_face, body_pt_for, scale_panel_rect,
};

/// The built-in card templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardTemplate {
    Subsidy,
    Dibao,
    Contact,
    Guide,
    Policy,
    Blank,
}

impl CardTemplate {
    pub const ALL: [CardTemplate; 6] = [
        CardTemplate::Subsidy,
        CardTemplate::Dibao,
        CardTemplate::Contact,
        CardTemplate::Guide,
        CardTemplate::Policy,
        CardTemplate::Blank,
    ];

    pub fn name_zh(self) -> &'static str {
        match self {
            CardTemplate::Subsidy => "惠农补贴明白卡",
            CardTemplate::Dibao => "低保待遇告知卡",
            CardTemplate::Contact => "便民服务联系卡",
            CardTemplate::Guide => "办事指南卡",
            CardTemplate::Policy => "政策明白卡",
            CardTemplate::Blank => "空白明白卡",
        }
    }

    /// The size the template is laid out for.
    pub fn base_size_mm(self) -> SizeMm {
        match self {
            CardTemplate::Contact => SizeMm::new(90.0, 54.0),
            CardTemplate::Guide | CardTemplate::Policy => SizeMm::new(148.0, 210.0),
            _ => SizeMm::new(148.0, 100.0),
        }
    }

    /// What the template is for, in the chooser.
    pub fn description_zh(self) -> &'static str {
        match self {
            CardTemplate::Subsidy => {
                "一户一卡：补贴项目、面积/人数、标准、金额、发放方式、政策依据、二维码"
            }
            CardTemplate::Dibao => "一户一卡：保障类别、人数、月保障金额、起始月份、复核时间",
            CardTemplate::Contact => "名片大小：网格员姓名、负责区域、服务事项、联系电话",
            CardTemplate::Guide => "办事步骤、所需材料、办理地点和时限",
            CardTemplate::Policy => "政策要点和扫码查看全文",
            CardTemplate::Blank => "只有标题色带，自己添加栏目",
        }
    }
}

/// A new card from a template at `size_mm` (None: the template's own size), with ids not yet
/// used in `project`.
pub fn card_from_template(
    project: &Project,
    template: CardTemplate,
    size_mm: Option<SizeMm>,
) -> CardDesign {
    let card_id = project.fresh_id("card");
    let base = template.base_size_mm();
    let size_mm = size_mm.unwrap_or(base);
    let style = CardStyle {
        accent: match template {
            CardTemplate::Contact => Rgb(0x15, 0x65, 0xc0),
            CardTemplate::Guide => Rgb(0x2e, 0x7d, 0x32),
            _ => Rgb(0xc6, 0x28, 0x28),
        },
        // A business card keeps the usual 8 pt; larger cards read better larger.
        body_pt: body_pt_for(size_mm),
        ..CardStyle::default()
    };
    let spec = spec(template);
    let mut faces = CardFaces {
        front: blank_face(
            &CardDesign::face_id(&card_id, CardSide::Front),
            size_mm,
            &style,
        ),
        back: blank_face(
            &CardDesign::face_id(&card_id, CardSide::Back),
            size_mm,
            &style,
        ),
    };
    for (side, panels) in [(CardSide::Front, spec.front), (CardSide::Back, spec.back)] {
        let face = match side {
            CardSide::Front => &mut faces.front,
            CardSide::Back => &mut faces.back,
        };
        let face_id = face.id.clone();
        for (index, spec_panel) in panels.into_iter().enumerate() {
            face.panels.push(Panel {
                id: format!("{face_id}-{}", index + 1),
                title: spec_panel.title,
                rect_mm: scale_panel_rect(spec_panel.rect_mm, spec_panel.is_band, base, size_mm),
                blocks: spec_panel.blocks,
                band: spec_panel.is_band,
                ..Panel::default()
            });
        }
    }
    let unique_name = unique_card_name(project, template.name_zh());
    CardDesign {
        id: card_id,
        name: unique_name,
        size_mm,
        style,
        faces,
        fields: spec
            .fields
            .iter()
            .map(|field| (*field).to_owned())
            .collect(),
        records: spec.records.into(),
        ..CardDesign::default()
    }
}

/// `name`, or `name 2`, `name 3`… when a card of that name exists.
pub fn unique_card_name(project: &Project, name: &str) -> String {
    super::templates::unique_name(name, |candidate| {
        project.cards.iter().any(|card| card.name == candidate)
    })
}

struct SpecPanel {
    title: String,
    rect_mm: RectMm,
    blocks: Vec<Block>,
    is_band: bool,
}

fn band(title: &str) -> SpecPanel {
    SpecPanel {
        title: title.to_owned(),
        rect_mm: RectMm::default(),
        blocks: Vec::new(),
        is_band: true,
    }
}

fn box_panel(title: &str, rect_mm: RectMm, blocks: Vec<Block>) -> SpecPanel {
    SpecPanel {
        title: title.to_owned(),
        rect_mm,
        blocks,
        is_band: false,
    }
}

struct Spec {
    fields: &'static [&'static str],
    front: Vec<SpecPanel>,
    back: Vec<SpecPanel>,
    records: Vec<CardRecord>,
}

fn kv(pairs: &[(&str, &str)]) -> Block {
    Block::KeyValue {
        pairs: pairs
            .iter()
            .map(|(key, value)| KeyValue::new(*key, *value))
            .collect(),
    }
}

fn field(name: &str) -> String {
    format!("{{{name}}}")
}

/// 户主 {户主} with the lines the clerk and the household sign on.
fn signature_lines() -> Block {
    kv(&[
        ("户主", "{户主}（户号 {户号}）"),
        ("填写人", "＿＿＿＿＿＿　日期：＿＿＿＿＿＿"),
        ("户主签字", "＿＿＿＿＿＿　日期：＿＿＿＿＿＿"),
    ])
}

/// 咨询电话 and 监督电话 on one line.
fn contact_lines() -> Block {
    Block::paragraph("咨询电话：{咨询电话}　　监督电话：{监督电话}")
}

/// The fields that name a person in a template's sample records.
const PERSON_FIELDS: [&str; 2] = ["户主", "网格员"];

/// The records a template comes with that name a person: invented households and 网格员,
/// never to be handed out.
fn sample_people() -> &'static [CardRecord] {
    static SAMPLES: std::sync::OnceLock<Vec<CardRecord>> = std::sync::OnceLock::new();
    SAMPLES.get_or_init(|| {
        CardTemplate::ALL
            .iter()
            .flat_map(|template| spec(*template).records)
            .filter(|record| {
                PERSON_FIELDS
                    .iter()
                    .any(|field| record.contains_key(*field))
            })
            .collect()
    })
}

/// Whether `record` is one of the invented people a template comes with, unchanged in every
/// field `compared` keeps (an export compares the fields that are not masked).
pub fn is_sample_person(record: &CardRecord, compared: impl Fn(&str) -> bool) -> bool {
    let kept = |record: &CardRecord| -> Vec<(String, String)> {
        record
            .iter()
            .filter(|(field, _)| compared(field))
            .map(|(field, value)| (field.clone(), value.clone()))
            .collect()
    };
    let wanted = kept(record);
    !wanted.is_empty() && sample_people().iter().any(|sample| kept(sample) == wanted)
}

fn spec(template: CardTemplate) -> Spec {
    match template {
        CardTemplate::Subsidy => subsidy(),
        CardTemplate::Dibao => dibao(),
        CardTemplate::Contact => contact(),
        CardTemplate::Guide => guide(),
        CardTemplate::Policy => policy(),
        CardTemplate::Blank => Spec {
            fields: &[],
            front: vec![band("明白卡")],
            back: Vec::new(),
            records: Vec::new(),
        },
    }
}

const SUBSIDY_FIELDS: [&str; 10] = [
    "户号",
    "户主",
    "村民小组",
    "补贴项目",
    "面积/人数",
    "补贴标准",
    "补贴金额",
    "发放方式",
    "发放日期",
    "政策依据",
];

fn subsidy() -> Spec {
    // The 补贴项目 is a line of its own above the table: in a fourth column its name (耕地地力
    // 保护补贴) broke in the middle of a word on an A6 card.
    let table = Block::Table(Table {
        columns: ["面积/人数", "补贴标准", "补贴金额（元）"]
            .map(String::from)
            .to_vec(),
        rows: vec![["面积/人数", "补贴标准", "补贴金额"].map(field).to_vec()],
        column_kinds: vec![
            crate::model::ColumnKind::Number,
            crate::model::ColumnKind::Text,
            crate::model::ColumnKind::Number,
        ],
        total_row: false,
    });
    Spec {
        fields: &SUBSIDY_FIELDS,
        front: vec![
            band("{单位简称}惠农补贴明白卡"),
            box_panel(
                "户主信息",
                RectMm::new(5.0, 17.0, 56.0, 31.0),
                vec![kv(&[
                    ("户号", "{户号}"),
                    ("户主", "{户主}"),
                    ("村民小组", "{村民小组}"),
                    ("发放日期", "{发放日期}"),
                ])],
            ),
            box_panel(
                "补贴明细",
                RectMm::new(64.0, 17.0, 79.0, 31.0),
                vec![
                    kv(&[("补贴项目", "{补贴项目}")]),
                    table,
                    kv(&[("发放方式", "{发放方式}")]),
                ],
            ),
            box_panel(
                "政策依据",
                RectMm::new(5.0, 51.0, 104.0, 30.0),
                vec![Block::paragraph("{政策依据}")],
            ),
            box_panel(
                "",
                RectMm::new(112.0, 51.0, 31.0, 44.0),
                vec![Block::Qr {
                    text: "tel:{监督电话}".to_owned(),
                    caption: "扫码拨打监督电话".to_owned(),
                    size_mm: 22.0,
                }],
            ),
            box_panel("", RectMm::new(5.0, 84.0, 104.0, 11.0), vec![contact_lines()]),
        ],
        back: vec![
            band("{单位名称}"),
            box_panel(
                "温馨提示",
                RectMm::new(5.0, 17.0, 138.0, 44.0),
                vec![Block::List {
                    ordered: true,
                    entries: vec![
                        "补贴资金通过“一卡通”直接发放到户，任何单位和个人不得截留、挪用、代领。".to_owned(),
                        "请核对本卡的面积、人数和金额，如有异议，请在公示期内向村委会或镇农业农村办反映。".to_owned(),
                        "不收取任何费用；有人以补贴为名索要钱物，请拨打监督电话举报。".to_owned(),
                    ],
                }],
            ),
            box_panel("签字确认", RectMm::new(5.0, 64.0, 138.0, 31.0), vec![signature_lines()]),
        ],
        records: subsidy_records(),
    }
}

/// Invented households: the same names serve every template.
const HOUSEHOLDS: [(&str, &str); 12] = [
    ("王桂兰", "一组"),
    ("李建国", "一组"),
    ("张秀英", "二组"),
    ("刘德明", "二组"),
    ("陈玉梅", "三组"),
    ("杨志强", "三组"),
    ("赵春花", "四组"),
    ("黄海涛", "四组"),
    ("周淑芬", "五组"),
    ("吴长林", "五组"),
    ("徐凤琴", "六组"),
    ("孙立平", "六组"),
];

fn record(pairs: &[(&str, String)]) -> CardRecord {
    pairs
        .iter()
        .map(|(field, value)| ((*field).to_owned(), value.clone()))
        .collect()
}

fn subsidy_records() -> Vec<CardRecord> {
    const ITEMS: [(&str, &str, f32, &str); 3] = [
        (
            "耕地地力保护补贴",
            "元/亩",
            105.5,
            "《关于做好耕地地力保护补贴工作的通知》：补贴对象为拥有耕地承包权的种地农民，按确权面积发放。",
        ),
        (
            "玉米生产者补贴",
            "元/亩",
            86.0,
            "《玉米和大豆生产者补贴实施方案》：按当年实际种植面积补贴，以村为单位公示后发放。",
        ),
        (
            "农机购置补贴",
            "元/台",
            3200.0,
            "《农机购置与应用补贴实施意见》：购机后凭发票和机具申请，核验后补贴到户。",
        ),
    ];
    HOUSEHOLDS
        .iter()
        .enumerate()
        .map(|(index, (name, group))| {
            let (item, unit, rate, basis) = ITEMS[index % ITEMS.len()];
            let amount_units = if unit == "元/台" {
                1.0
            } else {
                3.5 + ((index * 7) % 9) as f32 * 0.8
            };
            let quantity = if unit == "元/台" {
                "1 台".to_owned()
            } else {
                format!("{amount_units:.1} 亩")
            };
            record(&[
                ("户号", format!("{:04}", index + 1)),
                ("户主", (*name).to_owned()),
                ("村民小组", (*group).to_owned()),
                ("补贴项目", item.to_owned()),
                ("面积/人数", quantity),
                ("补贴标准", format!("{rate} {unit}")),
                ("补贴金额", format!("{:.2}", rate * amount_units)),
                ("发放方式", "“一卡通”直达".to_owned()),
                ("发放日期", "2026年6月30日".to_owned()),
                ("政策依据", basis.to_owned()),
            ])
        })
        .collect()
}

const DIBAO_FIELDS: [&str; 8] = [
    "户号",
    "户主",
    "村民小组",
    "保障类别",
    "保障人数",
    "月保障金额",
    "起始月份",
    "复核时间",
];

fn dibao() -> Spec {
    Spec {
        fields: &DIBAO_FIELDS,
        front: vec![
            band("{单位简称}最低生活保障待遇告知卡"),
            box_panel(
                "保障对象",
                RectMm::new(5.0, 17.0, 66.0, 34.0),
                vec![kv(&[
                    ("户号", "{户号}"),
                    ("户主", "{户主}"),
                    ("村民小组", "{村民小组}"),
                    ("保障类别", "{保障类别}"),
                ])],
            ),
            box_panel(
                "待遇标准",
                RectMm::new(77.0, 17.0, 66.0, 34.0),
                vec![kv(&[
                    ("保障人数", "{保障人数} 人"),
                    ("月保障金", "{月保障金额} 元"),
                    ("起始月份", "{起始月份}"),
                    ("复核时间", "{复核时间}"),
                ])],
            ),
            box_panel(
                "您的权利和义务",
                RectMm::new(5.0, 54.0, 138.0, 28.0),
                vec![Block::paragraph(
                    "家庭人口、收入、财产发生变化的，请在一个月内告知村委会；低保实行动态管理，定期复核，应保尽保、应退尽退。",
                )],
            ),
            box_panel(
                "",
                RectMm::new(5.0, 87.0, 138.0, 9.0),
                vec![contact_lines()],
            ),
        ],
        back: vec![
            band("{单位名称}"),
            box_panel(
                "办理和监督",
                RectMm::new(5.0, 17.0, 138.0, 46.0),
                vec![Block::List {
                    ordered: false,
                    entries: vec![
                        "低保金按月通过社会保障卡发放，不收取任何费用。".to_owned(),
                        "对审核结果有异议的，可在收到本卡之日起 30 日内向镇民政办提出复核。"
                            .to_owned(),
                        "监督电话：{监督电话}　　意见箱：{意见箱}".to_owned(),
                    ],
                }],
            ),
            box_panel(
                "签字确认",
                RectMm::new(5.0, 66.0, 138.0, 29.0),
                vec![signature_lines()],
            ),
        ],
        records: HOUSEHOLDS
            .iter()
            .enumerate()
            .take(8)
            .map(|(index, (name, group))| {
                let people = 1 + index % 4;
                record(&[
                    ("户号", format!("{:04}", index * 3 + 2)),
                    ("户主", (*name).to_owned()),
                    ("村民小组", (*group).to_owned()),
                    (
                        "保障类别",
                        if index % 3 == 0 {
                            "重点保障户"
                        } else {
                            "一般保障户"
                        }
                        .to_owned(),
                    ),
                    ("保障人数", people.to_string()),
                    ("月保障金额", format!("{}", people * 465)),
                    ("起始月份", format!("2026年{}月", 1 + index % 6)),
                    ("复核时间", "2026年12月".to_owned()),
                ])
            })
            .collect(),
    }
}

const CONTACT_FIELDS: [&str; 5] = ["网格员", "职务", "负责区域", "服务事项", "联系电话"];

fn contact() -> Spec {
    Spec {
        fields: &CONTACT_FIELDS,
        front: vec![
            band("便民服务联系卡"),
            box_panel(
                "",
                RectMm::new(3.0, 12.0, 84.0, 39.0),
                vec![kv(&[
                    ("网格员", "{网格员}（{职务}）"),
                    ("负责区域", "{负责区域}"),
                    ("服务事项", "{服务事项}"),
                    ("联系电话", "{联系电话}"),
                ])],
            ),
        ],
        back: vec![
            band("{单位名称}"),
            box_panel(
                "",
                RectMm::new(3.0, 12.0, 60.0, 39.0),
                vec![kv(&[
                    ("我的网格员", "{网格员}"),
                    ("监督电话", "{监督电话}"),
                    ("便民热线", "12345"),
                    ("办公地址", "{地址}"),
                ])],
            ),
            box_panel(
                "",
                RectMm::new(64.0, 12.0, 24.0, 39.0),
                vec![Block::Qr {
                    text: "tel:{监督电话}".to_owned(),
                    caption: "监督电话".to_owned(),
                    size_mm: 18.0,
                }],
            ),
        ],
        records: [
            (
                "周建华",
                "东湾村网格员",
                "东湾村一至四组",
                "低保代办、医保缴费提醒、矛盾调解",
                "0000-6613101",
            ),
            (
                "李秀兰",
                "石桥村网格员",
                "石桥村全域",
                "高龄津贴代办、残疾人补贴代办",
                "0000-6613102",
            ),
            (
                "陈国栋",
                "新河社区网格员",
                "新河社区1—6栋",
                "居住证办理、就业登记、政策咨询",
                "0000-6613103",
            ),
            (
                "吴丽娟",
                "柳塘村网格员",
                "柳塘村五至八组",
                "养老保险代办、危房改造申报",
                "0000-6613104",
            ),
        ]
        .iter()
        .map(|(name, role, area, services, phone)| {
            record(&[
                ("网格员", (*name).to_owned()),
                ("职务", (*role).to_owned()),
                ("负责区域", (*area).to_owned()),
                ("服务事项", (*services).to_owned()),
                ("联系电话", (*phone).to_owned()),
            ])
        })
        .collect(),
    }
}

const GUIDE_FIELDS: [&str; 4] = ["事项", "办理地点", "办理时限", "所需材料"];

fn guide() -> Spec {
    Spec {
        fields: &GUIDE_FIELDS,
        front: vec![
            band("办事指南：{事项}"),
            box_panel(
                "办理步骤",
                RectMm::new(8.0, 28.0, 132.0, 78.0),
                vec![Block::List {
                    ordered: true,
                    entries: vec![
                        "申请：本人（或委托代办员）携带材料到{办理地点}提出申请。".to_owned(),
                        "受理：窗口当场核对材料，材料齐全的当场受理，不齐全的一次性告知。"
                            .to_owned(),
                        "审核：村（社区）入户核查，镇相关办公室审核，结果公示 7 天。".to_owned(),
                        "办结：{办理时限}内办结，结果短信通知，可到窗口领取。".to_owned(),
                    ],
                }],
            ),
            box_panel(
                "所需材料",
                RectMm::new(8.0, 110.0, 132.0, 36.0),
                vec![Block::paragraph("{所需材料}")],
            ),
            box_panel(
                "咨询与监督",
                RectMm::new(8.0, 150.0, 132.0, 34.0),
                vec![kv(&[
                    ("办理地点", "{办理地点}"),
                    ("咨询电话", "{咨询电话}"),
                    ("监督电话", "{监督电话}"),
                ])],
            ),
            box_panel(
                "",
                RectMm::new(8.0, 188.0, 132.0, 16.0),
                vec![Block::paragraph(
                    "本指南所列材料为常见情形，特殊情况以窗口一次性告知为准。办事不收费，不需要找人。",
                )],
            ),
        ],
        back: Vec::new(),
        records: vec![
            record(&[
                ("事项", "城乡居民养老保险参保登记".to_owned()),
                ("办理地点", "镇便民服务中心 3 号窗口".to_owned()),
                ("办理时限", "5 个工作日".to_owned()),
                (
                    "所需材料",
                    "居民身份证、户口簿；委托代办的另带代办人身份证。".to_owned(),
                ),
            ]),
            record(&[
                ("事项", "高龄津贴申领".to_owned()),
                ("办理地点", "镇便民服务中心 5 号窗口".to_owned()),
                ("办理时限", "10 个工作日".to_owned()),
                (
                    "所需材料",
                    "年满 80 周岁老人的居民身份证、户口簿、社会保障卡。".to_owned(),
                ),
            ]),
        ],
    }
}

fn policy() -> Spec {
    Spec {
        fields: &[],
        front: vec![
            band("政策明白卡"),
            box_panel(
                "2026年农村危房改造政策",
                RectMm::new(8.0, 28.0, 132.0, 104.0),
                vec![
                    Block::List {
                        ordered: true,
                        entries: vec![
                            "对象：农村低收入群体等重点对象的危房，经鉴定为 C 级、D 级的住房。".to_owned(),
                            "标准：D 级危房拆除重建户均补助 2 万元，C 级危房加固改造户均补助 1 万元。".to_owned(),
                            "程序：农户申请，村委会评议公示，镇审核，县审批，竣工验收后补助资金直接拨付到户。".to_owned(),
                            "要求：改造后的住房须达到安全住房标准，面积适度，不搞大拆大建。".to_owned(),
                        ],
                    },
                ],
            ),
            box_panel(
                "",
                RectMm::new(8.0, 140.0, 82.0, 40.0),
                vec![kv(&[
                    ("咨询电话", "{咨询电话}"),
                    ("监督电话", "{监督电话}"),
                    ("地址", "{地址}"),
                ])],
            ),
            box_panel(
                "",
                RectMm::new(95.0, 138.0, 45.0, 50.0),
                vec![Block::Qr {
                    text: "https://www.gov.cn/zhengce/".to_owned(),
                    caption: "扫码查看政策原文".to_owned(),
                    size_mm: 30.0,
                }],
            ),
            box_panel(
                "",
                RectMm::new(8.0, 190.0, 132.0, 14.0),
                vec![Block::paragraph("以上为政策要点，具体以正式文件为准。")],
            ),
        ],
        back: Vec::new(),
        records: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edit, Project};

    #[test]
    fn every_template_adds_to_a_project_with_fresh_ids_and_panels_on_the_card() {
        let mut project = Project::default();
        for template in CardTemplate::ALL {
            let card = card_from_template(&project, template, None);
            for face in [&card.faces.front, &card.faces.back] {
                assert_eq!(face.size_mm, card.size_mm);
                for panel in &face.panels {
                    let rect = panel.rect_mm;
                    assert!(rect.x_mm >= 0.0 && rect.y_mm >= 0.0, "{template:?}");
                    assert!(rect.x_mm + rect.width_mm <= card.size_mm.width_mm + 0.01);
                    assert!(rect.y_mm + rect.height_mm <= card.size_mm.height_mm + 0.01);
                }
            }
            for record in &card.records {
                assert!(record.keys().all(|field| card.fields.contains(field)));
            }
            assert_eq!(
                card.unknown_fields(),
                Vec::<String>::new(),
                "{template:?}: every field the faces use is a column of the 名单"
            );
            project.apply(Edit::AddCard(card)).expect("added");
        }
        assert_eq!(project.cards.len(), CardTemplate::ALL.len());
        let again = card_from_template(
            &project,
            CardTemplate::Subsidy,
            Some(SizeMm::new(210.0, 297.0)),
        );
        assert_eq!(again.name, "惠农补贴明白卡 2");
        // A 名单 imported under other column names leaves the faces' fields unknown.
        let mut imported = again.clone();
        imported.fields = vec!["户号".into(), "户主".into(), "金额".into()];
        let unknown = imported.unknown_fields();
        assert!(unknown.contains(&"补贴金额".to_owned()), "{unknown:?}");
        assert!(!unknown.contains(&"户主".to_owned()), "{unknown:?}");
        assert!(
            !unknown.iter().any(|name| name == "监督电话"),
            "the unit's fields are known: {unknown:?}"
        );
        project.apply(Edit::AddCard(again)).expect("second");
    }

    #[test]
    fn a_resized_card_is_laid_out_as_the_template_made_at_that_size() {
        let project = Project::default();
        let business = SizeMm::new(90.0, 54.0);
        for template in [CardTemplate::Dibao, CardTemplate::Subsidy] {
            let mut card = card_from_template(&project, template, None);
            card.set_size(business);
            let made = card_from_template(&project, template, Some(business));
            for side in [CardSide::Front, CardSide::Back] {
                let (resized, made) = (card.face(side), made.face(side));
                assert_eq!(resized.size_mm, business);
                assert_eq!(resized.style, made.style, "{template:?}: 8 pt body");
                let rects = |face: &crate::model::Board| -> Vec<RectMm> {
                    face.panels.iter().map(|panel| panel.rect_mm).collect()
                };
                assert_eq!(rects(resized), rects(made), "{template:?} {side:?}");
                assert_eq!(crate::model::overlapping_panels(&resized.panels), []);
            }
            assert_eq!(card.style.body_pt, 8.0);
        }
        // A body size the clerk chose stays; back to A6, the panels return.
        let mut card = card_from_template(&project, CardTemplate::Dibao, None);
        let original = card.clone();
        card.faces.front.style.body_pt = 10.0;
        card.set_size(business);
        assert_eq!(card.faces.front.style.body_pt, 10.0);
        assert_eq!(card.faces.back.style.body_pt, 8.0);
        let small = card.clone();
        card.set_size(original.size_mm);
        assert_eq!(card.faces.back.style, original.faces.back.style);
        for ((resized, panel), on_small) in card
            .faces
            .front
            .panels
            .iter()
            .zip(&original.faces.front.panels)
            .zip(&small.faces.front.panels)
        {
            let (a, b) = (resized.rect_mm, panel.rect_mm);
            let near = |x: f32, y: f32| (x - y).abs() < 0.01;
            assert!(near(a.x_mm, b.x_mm) && near(a.y_mm, b.y_mm), "{a:?} {b:?}");
            assert!(near(a.width_mm, b.width_mm), "{a:?} {b:?}");
            // A panel made 5 mm high on the small card (the least a template gives) comes
            // back taller; the others exactly.
            if on_small.rect_mm.height_mm > 5.01 {
                assert!(near(a.height_mm, b.height_mm), "{a:?} {b:?}");
            } else {
                assert!(
                    a.height_mm >= b.height_mm && a.bottom_mm() <= 100.0,
                    "{a:?}"
                );
            }
        }
    }

    #[test]
    fn the_sample_households_of_a_template_are_known_until_changed() {
        let project = Project::default();
        let card = card_from_template(&project, CardTemplate::Subsidy, None);
        let every_field = |_: &str| true;
        assert!(card.records.len() >= 10);
        assert!(
            card.records
                .iter()
                .all(|record| is_sample_person(record, every_field))
        );
        let mut changed = card.records[0].clone();
        changed.insert("户主".into(), "钱多多".into());
        assert!(!is_sample_person(&changed, every_field));
        // A masked field is left out of the comparison.
        let mut masked = card.records[0].clone();
        masked.insert("补贴金额".into(), "****".into());
        assert!(!is_sample_person(&masked, every_field));
        assert!(is_sample_person(&masked, |field| field != "补贴金额"));
        // 办事指南 rows name no person.
        let guide = card_from_template(&project, CardTemplate::Guide, None);
        assert!(
            !guide.records.is_empty()
                && !guide
                    .records
                    .iter()
                    .any(|record| is_sample_person(record, every_field))
        );
    }
}
