//! The privacy gate (42 placements), tried as a hostile clerk would: a personal number put into every text
//! field of the model (titles, headers, names, the unit's details, catalog fields, card names
//! and fields…), written every way a keyboard, an IME or a paste from Word writes it, and
//! exported in every public mode. Each export either refuses, naming the place, or writes a
//! PDF that holds the number nowhere — not in its text, its decompressed streams, its
//! metadata or its file name — and `check` names the same place before any export is tried.
//! The other direction: dates, amounts, 户号, postal codes, landlines and document numbers in
//! the same fields, and the fixture, every template and the sample households, are never
//! refused. Every number here is generated (valid check digits), none is real.

use crate::support::*;
use gongkai::compose::{ExportMode, ExportRequest, Gate, Sheet, personal_data_findings};
use gongkai::fonts::FontSet;
use gongkai::jobs::{ExportError, export_project, file_name_for, render_report};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, KeyValue, Project, Table};
use gongkai::privacy::{find_personal_numbers, id_check_char, luhn_valid};
use gongkai::schedule::{ReportKind, report_document};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

/// An invented ID (area 430702, born 1979-06-14) with its check character.
fn id_number() -> String {
    let first17 = "43070219790614351";
    let check = id_check_char(first17.as_bytes()).expect("17 digits");
    format!("{first17}{check}")
}

/// An invented 19-digit card number with its Luhn digit (not UnionPay's 62, so only Luhn
/// makes it a card).
fn bank_account() -> String {
    let body = "955880201900123456";
    (0..=9)
        .map(|digit| format!("{body}{digit}"))
        .find(|number| luhn_valid(number))
        .expect("a check digit")
}

const MOBILE: &str = "13907311234";

/// The kinds of number tried.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Id,
    Bank,
    Mobile,
}

fn digits_of(kind: Kind) -> String {
    match kind {
        Kind::Id => id_number(),
        Kind::Bank => bank_account(),
        Kind::Mobile => MOBILE.to_owned(),
    }
}

/// Groups as clerks write each kind: an ID 6-8-4, a card in fours, a mobile 3-4-4.
fn groups(digits: &str, kind: Kind) -> Vec<String> {
    let sizes: &[usize] = match kind {
        Kind::Id => &[6, 8, 4],
        Kind::Bank => &[4, 4, 4, 4, 3],
        Kind::Mobile => &[3, 4, 4],
    };
    let mut rest = digits;
    sizes
        .iter()
        .map(|size| {
            let (group, tail) = rest.split_at(*size);
            rest = tail;
            group.to_owned()
        })
        .collect()
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            '0'..='9' | 'A'..='Z' | 'a'..='z' => {
                char::from_u32(ch as u32 - 0x21 + 0xFF01).expect("full-width form")
            }
            other => other,
        })
        .collect()
}

/// Every spelling of a number tried, with its name.
fn spellings(kind: Kind) -> Vec<(&'static str, String)> {
    let digits = digits_of(kind);
    let grouped = |separator: &str| groups(&digits, kind).join(separator);
    let mut all = vec![
        ("ASCII", digits.clone()),
        ("全角数字", full_width(&digits)),
        ("全角分组", full_width(&grouped(" "))),
        ("不换行空格", grouped("\u{00A0}")),
        ("窄空格", grouped("\u{2009}")),
        ("全角空格", grouped("\u{3000}")),
        ("点", grouped(".")),
        ("斜线", grouped("/")),
        ("间隔号", grouped("·")),
        ("连字符", grouped("-")),
        ("前粘字母", format!("TEL{digits}")),
        ("后粘字母", format!("{digits}ABC")),
        ("前后粘汉字", format!("号码{digits}号")),
    ];
    if kind == Kind::Mobile {
        all.push(("+86", format!("+86 {digits}")));
        all.push(("0086", format!("0086-{}", grouped("-"))));
        all.push(("全角+86", full_width(&format!("+86{digits}"))));
    }
    all
}

/// A field of the model a clerk can type into, and what may legitimately be public there
/// (a mobile in the unit's phone fields is the unit's own number).
struct Placement {
    name: &'static str,
    put: fn(&mut Project, &str),
    mobile_is_public: bool,
}

fn board(project: &mut Project) -> &mut gongkai::model::Board {
    &mut project.boards[0]
}

fn gate_item(project: &mut Project) -> &mut gongkai::model::Item {
    project.item_mut("gate-item").expect("the test item")
}

fn card(project: &mut Project) -> &mut gongkai::model::CardDesign {
    &mut project.cards[0]
}

fn entry(project: &mut Project) -> &mut gongkai::model::CatalogEntry {
    let id = project
        .catalog
        .entries()
        .next()
        .expect("an entry")
        .id
        .clone();
    project.catalog.entry_mut(&id).expect("entry")
}

fn item_block(project: &mut Project, index: usize) -> &mut Block {
    &mut gate_item(project).blocks[index]
}

fn placements() -> Vec<Placement> {
    macro_rules! at {
        ($name:expr, $put:expr) => {
            Placement {
                name: $name,
                put: $put,
                mobile_is_public: false,
            }
        };
    }
    vec![
        // 单位信息.
        at!("单位名称", |p, t| p.meta.unit_name =
            format!("东湾村{t}")),
        Placement {
            mobile_is_public: true,
            ..at!("监督电话", |p, t| p.meta.supervision_phone =
                t.to_owned())
        },
        Placement {
            mobile_is_public: true,
            ..at!("咨询电话", |p, t| p.meta.consult_phone = t.to_owned())
        },
        at!("意见箱位置", |p, t| p.meta.suggestion_box =
            format!("村委会门口{t}")),
        Placement {
            mobile_is_public: true,
            ..at!("意见箱二维码", |p, t| p.meta.suggestion_qr =
                t.to_owned())
        },
        at!("领导接待日", |p, t| p.meta.reception_day =
            format!("每周一 {t}")),
        at!("地址", |p, t| p.meta.address = format!("东湾村{t}号")),
        at!("公开人", |p, t| p.meta.default_publisher =
            format!("村委会{t}")),
        at!("审核人", |p, t| p.meta.reviewer = format!("监委会{t}")),
        // The board.
        at!("公开栏名称", |p, t| board(p).name =
            format!("公开栏{t}")),
        at!("栏头标题", |p, t| board(p).header.title =
            format!("政务公开栏{t}")),
        at!("栏头副标题", |p, t| board(p).header.subtitle =
            format!("接受监督{t}")),
        at!("栏脚说明", |p, t| board(p).footer.note =
            format!("说明{t}")),
        at!("栏目标题", |p, t| board(p).panels[0].title =
            format!("栏目{t}")),
        at!("栏目自带文字", |p, t| board(p).panels[0]
            .blocks
            .push(Block::paragraph(format!("联系{t}")))),
        // An item on the board.
        at!("事项标题", |p, t| gate_item(p).title =
            format!("名单{t}")),
        at!("未上栏事项标题", |p, t| {
            let shown: Vec<String> = p.boards[0]
                .panels
                .iter()
                .flat_map(|panel| panel.item_ids.clone())
                .collect();
            let loose = p
                .items
                .iter_mut()
                .find(|item| !shown.contains(&item.id))
                .expect("an item no panel shows");
            loose.title = format!("名单{t}");
        }),
        at!("段落", |p, t| *item_block(p, 0) =
            Block::paragraph(format!("户主电话{t}。"))),
        at!("段落换行", |p, t| *item_block(p, 0) = Block::paragraph(
            format!("户主张三，身份证明文件号码如下，请核对\n{t}")
        )),
        at!("列表", |p, t| *item_block(p, 1) = Block::List {
            ordered: true,
            entries: vec!["第一项".into(), format!("联系人{t}")],
        }),
        at!("键值（键）", |p, t| *item_block(p, 2) =
            Block::KeyValue {
                pairs: vec![KeyValue::new(format!("号码{t}"), "是")],
            }),
        at!("键值（值）", |p, t| *item_block(p, 2) =
            Block::KeyValue {
                pairs: vec![KeyValue::new("联系电话", t)],
            }),
        at!(
            "表头",
            |p, t| if let Block::Table(table) = item_block(p, 3) {
                table.columns[1] = format!("备注{t}");
            }
        ),
        at!(
            "表格（文字列）",
            |p, t| if let Block::Table(table) = item_block(p, 3) {
                table.rows[0][1] = t.to_owned();
            }
        ),
        at!(
            "表格（金额列旁）",
            |p, t| if let Block::Table(table) = item_block(p, 3) {
                table.rows[1][1] = format!("代领人 {t}");
            }
        ),
        at!("图片说明", |p, t| *item_block(p, 4) = Block::Image {
            path: String::new(),
            caption: format!("照片{t}"),
            width_mm: None,
        }),
        at!("二维码文字", |p, t| *item_block(p, 5) = Block::Qr {
            text: format!("tel:{t}"),
            caption: "扫码联系".into(),
            size_mm: 30.0,
        }),
        at!("二维码说明", |p, t| *item_block(p, 5) = Block::Qr {
            text: "https://example.invalid/gk".into(),
            caption: format!("扫码{t}"),
            size_mm: 30.0,
        }),
        // The card design.
        at!("明白卡名称", |p, t| card(p).name =
            format!("明白卡{t}")),
        at!("明白卡栏目标题", |p, t| card(p).faces.front.panels
            [0]
        .title = format!("告知{t}")),
        at!("明白卡文字", |p, t| card(p).faces.front.panels[0]
            .blocks
            .push(Block::paragraph(format!("咨询{t}")))),
        at!("明白卡键值", |p, t| card(p).faces.back.panels[0]
            .blocks
            .push(Block::KeyValue {
                pairs: vec![KeyValue::new("经办人", t)],
            })),
        at!("明白卡表格", |p, t| card(p).faces.back.panels[0]
            .blocks
            .push(Block::Table(Table {
                columns: vec!["项目".into(), "说明".into()],
                rows: vec![vec!["联系".into(), t.to_owned()]],
                ..Table::default()
            }))),
        at!("明白卡户字段", |p, t| {
            let design = card(p);
            let field = design
                .used_fields()
                .into_iter()
                .next()
                .expect("the card prints a field");
            if let Some(record) = design.records.first_mut() {
                record.insert(field, format!("张三{t}"));
            }
        }),
        // The catalog (公开目录, 自查情况表).
        at!("事项名称", |p, t| entry(p).name = format!("低保{t}")),
        at!("二级事项", |p, t| entry(p).sub_name =
            format!("名单{t}")),
        at!("公开内容", |p, t| entry(p).fields.content =
            format!("名单及{t}")),
        at!("公开依据", |p, t| entry(p).fields.basis =
            format!("文件{t}")),
        at!("公开主体", |p, t| entry(p).fields.lead_department =
            format!("民政办{t}")),
        at!("责任人", |p, t| entry(p).fields.responsible =
            format!("李四 {t}")),
        at!("监督人", |p, t| entry(p).fields.supervisor =
            format!("王五{t}")),
    ]
}

/// The fixture cut to what every output prints quickly: its first board with two panels, the
/// first panel showing a test item with one block of every kind; its first card design with
/// two households.
fn base() -> Project {
    let mut project = fixture();
    project.boards.truncate(1);
    project.boards[0].panels.truncate(2);
    project.items.push(gongkai::model::Item {
        id: "gate-item".into(),
        title: "测试事项".into(),
        blocks: vec![
            Block::paragraph("段落"),
            Block::List {
                ordered: false,
                entries: vec!["一".into()],
            },
            Block::KeyValue {
                pairs: vec![KeyValue::new("键", "值")],
            },
            Block::Table(Table {
                columns: vec!["户主".into(), "备注".into(), "金额（元）".into()],
                rows: vec![
                    vec!["张三".into(), "无".into(), "1,200.00".into()],
                    vec!["李四".into(), "无".into(), "960.50".into()],
                ],
                ..Table::default()
            }),
            Block::paragraph("图片"),
            Block::paragraph("二维码"),
        ],
        ..Default::default()
    });
    project.boards[0].panels[0].item_ids = vec!["gate-item".into()];
    project.cards.truncate(1);
    project.cards[0].records.truncate(2);
    project
}

/// The public outputs tried.
#[derive(Clone, Copy, Debug)]
enum Output {
    Export(ExportMode),
    Report(ReportKind),
}

const OUTPUTS: [Output; 6] = [
    Output::Export(ExportMode::Board),
    Output::Export(ExportMode::Tiles),
    Output::Export(ExportMode::Register),
    Output::Export(ExportMode::Cards),
    Output::Report(ReportKind::Catalog),
    Output::Report(ReportKind::SelfCheck),
];

/// What an output did: written (bytes, text lines) or refused (the places it named).
enum Outcome {
    Written(Vec<u8>, Vec<String>),
    Refused(Vec<String>),
}

fn produce(engine: &mut LayoutEngine, project: &Project, output: Output) -> Outcome {
    match output {
        Output::Export(mode) => {
            let request = ExportRequest {
                mode,
                ..ExportRequest::default()
            };
            match export_project(engine, project, &request) {
                Ok(exported) => Outcome::Written(
                    exported.bytes.clone(),
                    exported.page_lines().into_iter().flatten().collect(),
                ),
                Err(ExportError::PersonalData(places)) => Outcome::Refused(places),
                Err(other) => panic!("{output:?}: {other}"),
            }
        }
        Output::Report(kind) => {
            let document = report_document(project, kind, today());
            match render_report(
                engine,
                project,
                &document,
                gongkai::jobs::created_on(today()),
            ) {
                Ok(report) => Outcome::Written(
                    report.bytes,
                    report.page_lines.into_iter().flatten().collect(),
                ),
                Err(gongkai::jobs::ReportError::PersonalData(places)) => Outcome::Refused(places),
                Err(other) => panic!("{output:?}: {other}"),
            }
        }
    }
}

/// Whether `digits` is anywhere in a written PDF: its text lines (read as the detector reads
/// them, so a wrapped or full-width number counts), its decompressed streams and its
/// metadata.
fn pdf_holds(bytes: &[u8], lines: &[String], digits: &str) -> Option<String> {
    // Read independently of the detector under test: every ASCII or full-width digit of the
    // document's text in order, everything else dropped — any spelling of the number shows.
    let only_digits: String = lines
        .iter()
        .flat_map(|line| line.chars())
        .filter_map(|ch| match ch {
            '0'..='9' => Some(ch),
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    let without_check = &digits[..digits.len() - 1];
    if only_digits.contains(without_check) {
        return Some("文字".into());
    }
    let mut document = lopdf::Document::load_mem(bytes).expect("a PDF");
    document.decompress();
    for object in document.objects.values() {
        if let Ok(stream) = object.as_stream()
            && contains(&stream.content, digits.as_bytes())
        {
            return Some("内容流".into());
        }
    }
    if let Ok(info) = document
        .trailer
        .get(b"Info")
        .and_then(|info| info.as_reference())
        && let Ok(dictionary) = document.get_dictionary(info)
    {
        for (key, value) in dictionary.iter() {
            if let Ok(raw) = value.as_str() {
                let decoded = decode_pdf_text(raw);
                if find_personal_numbers(&decoded)
                    .iter()
                    .any(|found| found.digits == digits)
                {
                    return Some(format!("文件信息 {}", String::from_utf8_lossy(key)));
                }
            }
        }
    }
    None
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// A PDF text string: UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
fn decode_pdf_text(raw: &[u8]) -> String {
    if raw.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = raw[2..]
            .chunks(2)
            .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(raw).into_owned()
    }
}

#[test]
fn no_placement_and_no_spelling_gets_a_personal_number_out() {
    let placements = placements();
    assert!(placements.len() >= 40, "{} placements", placements.len());
    let base = base();
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let mut tried_exports = 0;
    let mut refused = 0;
    let mut leaks = Vec::new();
    for (placement_index, placement) in placements.iter().enumerate() {
        let kinds: Vec<Kind> = [Kind::Id, Kind::Bank, Kind::Mobile]
            .into_iter()
            .filter(|kind| !(placement.mobile_is_public && *kind == Kind::Mobile))
            .collect();
        let cases: Vec<(Kind, &'static str, String)> = kinds
            .iter()
            .flat_map(|kind| {
                spellings(*kind)
                    .into_iter()
                    .map(move |(name, text)| (*kind, name, text))
            })
            .collect();
        // `check` names the place for every spelling, and never prints the number whole.
        for (kind, spelling, text) in &cases {
            let mut project = base.clone();
            (placement.put)(&mut project, text);
            let digits = digits_of(*kind);
            let findings = personal_data_findings(&project);
            let named = findings.iter().any(|finding| finding.digits == digits);
            if !named {
                leaks.push(format!(
                    "check：{}·{kind:?}·{spelling}：没有发现",
                    placement.name
                ));
            }
            for finding in &findings {
                assert!(
                    !finding.message.contains(&digits),
                    "the finding shows the number whole: {}",
                    finding.message
                );
            }
            // A file name made from the text never holds it.
            let name = file_name_for(text);
            if find_personal_numbers(&name)
                .iter()
                .any(|found| found.digits == digits)
            {
                leaks.push(format!("文件名：{spelling} → {name}"));
            }
        }
        // Every public output, each with another spelling: refused, or the number nowhere.
        for (output_index, output) in OUTPUTS.iter().enumerate() {
            let (kind, spelling, text) = &cases[(placement_index + output_index * 7) % cases.len()];
            let mut project = base.clone();
            (placement.put)(&mut project, text);
            let digits = digits_of(*kind);
            tried_exports += 1;
            match produce(&mut engine, &project, *output) {
                Outcome::Refused(places) => {
                    refused += 1;
                    assert!(!places.is_empty());
                    for place in &places {
                        assert!(!place.contains(&digits), "{place}");
                    }
                }
                Outcome::Written(bytes, lines) => {
                    if let Some(where_) = pdf_holds(&bytes, &lines, &digits) {
                        leaks.push(format!(
                            "{output:?}：{}·{kind:?}·{spelling}：PDF 的{where_}含完整号码",
                            placement.name
                        ));
                    }
                }
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    assert!(
        refused > 0 && refused < tried_exports,
        "{refused} of {tried_exports}"
    );
}

/// Numbers that are no personal data, each in a field where clerks write them.
fn decoys() -> Vec<&'static str> {
    vec![
        "20260301",
        "2026.03.01",
        "2026年3月1日",
        "6,434.10",
        "1272.77",
        "12 345.67",
        "0007",
        "户号 0007-0012",
        "邮编 410000",
        "0731-84123456",
        "（0731）8412 3456",
        "12345",
        "12328",
        "〔2026〕12号",
        "湘政办发〔2025〕3号",
        "第 12 行 共 300 行",
        "1.2.3",
        "2025年度第1季度",
        "面积 3.5 亩，补贴 120 元/亩",
        "400-812-3456",
        "95588",
    ]
}

#[test]
fn dates_amounts_codes_and_landlines_are_never_refused() {
    let base = base();
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let placements = placements();
    let mut false_refusals = Vec::new();
    for (index, placement) in placements.iter().enumerate() {
        for decoy in decoys() {
            let mut project = base.clone();
            (placement.put)(&mut project, decoy);
            let findings = personal_data_findings(&project);
            if !findings.is_empty() {
                false_refusals.push(format!(
                    "check：{}：{decoy}：{}",
                    placement.name, findings[0].message
                ));
            }
        }
        // One output per placement, the decoys all at once.
        let output = OUTPUTS[index % OUTPUTS.len()];
        let mut project = base.clone();
        (placement.put)(&mut project, &decoys().join(" "));
        if let Outcome::Refused(places) = produce(&mut engine, &project, output) {
            false_refusals.push(format!(
                "{output:?}：{}：{}",
                placement.name,
                places.join("；")
            ));
        }
    }
    assert!(
        false_refusals.is_empty(),
        "{} false refusals:\n{}",
        false_refusals.len(),
        false_refusals.join("\n")
    );
}

#[test]
fn the_fixture_and_every_template_export_everything_without_a_refusal() {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let mut projects = vec![("青禾镇（测试基准）".to_owned(), fixture())];
    for template in gongkai::catalog::TemplateKind::ALL {
        let options = gongkai::catalog::TemplateOptions {
            unit_name: Some("东湾村村民委员会".into()),
            supervision_phone: Some("0731-84123456".into()),
            board_size_mm: None,
            catalog: None,
            today: today(),
        };
        projects.push((
            template.name_zh().to_owned(),
            gongkai::catalog::project_from_template(template, &options),
        ));
    }
    // Every 明白卡 template with its sample households, on the village project.
    let mut with_cards = projects[2].1.clone();
    for template in gongkai::catalog::CardTemplate::ALL {
        let card = gongkai::catalog::card_from_template(&with_cards, template, None);
        with_cards.cards.push(card);
    }
    for index in 0..with_cards.cards.len() {
        let mut one = with_cards.clone();
        one.cards = vec![with_cards.cards[index].clone()];
        projects.push((format!("明白卡模板 {}", one.cards[0].name), one));
    }
    for (name, project) in &projects {
        let findings = personal_data_findings(project);
        assert!(
            findings.is_empty(),
            "{name}: {}",
            findings
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("；")
        );
        for output in OUTPUTS {
            if let Output::Export(ExportMode::Cards) = output
                && project.cards.is_empty()
            {
                continue;
            }
            if let Outcome::Refused(places) = produce(&mut engine, project, output) {
                panic!("{name} {output:?}: {}", places.join("；"));
            }
        }
    }
}

/// A sheet with the given lines of text.
fn sheet_with(lines: &[&str]) -> Sheet {
    let size = gongkai::model::SizeMm::new(210.0, 297.0);
    let page = std::rc::Rc::new(text_page(size, lines));
    let mut sheet = Sheet::new(size);
    sheet
        .placements
        .push(gongkai::compose::Placement::at(page, Default::default()));
    sheet
}

#[test]
fn text_the_model_does_not_know_is_read_on_the_sheet_itself() {
    // A sheet made by hand, as a new kind of output would make it: the gate reads its text,
    // whatever field it came from, wrapped over two lines or not.
    let id = id_number();
    for lines in [
        vec!["标题", id.as_str()],
        vec!["标题", &id[..10], &id[10..]],
        vec!["身份证号", &id[..6], &id[6..]],
    ] {
        let mut gate = Gate::public(&Project::default(), Vec::new());
        let _sheets = gate.pass(vec![sheet_with(&lines)]);
        let refusal = gate
            .clear(fixed_info("测试"))
            .expect_err("a full ID on a sheet is refused");
        let said = refusal.places.join("；");
        assert!(said.contains("第 1 页印有身份证号 4307"), "{said}");
        assert!(!said.contains(&id), "{said}");
    }
    // The metadata goes out masked.
    let mut gate = Gate::public(&Project::default(), Vec::new());
    let _sheets = gate.pass(vec![sheet_with(&["公开栏"])]);
    let mut info = fixed_info(&format!("公开栏{MOBILE}"));
    info.author = format!("东湾村{}", full_width(&id));
    let cleared = gate.clear(info).expect("nothing on the sheet");
    assert_eq!(cleared.info().title, "公开栏139****1234");
    assert!(cleared.info().author.starts_with("东湾村4307**********"));
    assert_eq!(cleared.notes.len(), 2);
}

#[test]
fn the_source_update_listing_masks_numbers_unless_asked() {
    use gongkai::import::{Imported, diff_rows};
    use gongkai::jobs::import::{ImportPlan, diff_lines};
    let id = id_number();
    let columns = vec!["户主".to_owned(), "身份证号".to_owned(), "人数".to_owned()];
    let old_rows = vec![vec!["张三".to_owned(), id.clone(), "3".to_owned()]];
    let new_rows = vec![vec!["张三".to_owned(), id.clone(), "4".to_owned()]];
    let plan = ImportPlan {
        diff: diff_rows(&columns, &old_rows, &columns, &new_rows),
        old_rows,
        imported: Imported {
            columns,
            rows: new_rows,
            ..Imported::default()
        },
        edit: gongkai::model::Edit::Batch(Vec::new()),
        target: gongkai::model::SourceTarget::Table("gate-item".into()),
        summary: String::new(),
        card_fields: None,
    };
    let masked = diff_lines(&plan, false).join("\n");
    assert!(!masked.contains(&id), "{masked}");
    assert!(masked.contains("4307**********"), "{masked}");
    assert!(
        masked.contains("【3 → 4】"),
        "the changed cell is marked: {masked}"
    );
    let full = diff_lines(&plan, true).join("\n");
    assert!(full.contains(&id), "{full}");
}

/// 从源文件更新 in the app: the changed 低保 list shows its ID numbers masked and the changed
/// cell marked; 显示完整号码 shows them whole for the clerk who compares with the file.
#[cfg(feature = "gui")]
#[test]
fn the_source_update_window_masks_numbers_until_the_clerk_asks() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("村.gongkai.json");
    let project = fixture();
    let item_id = project.items[0].id.clone();
    gongkai::model::save_project(&project, &file).expect("save");
    let csv = dir.path().join("低保名单.csv");
    let id = id_number();
    let write = |people: &str| {
        std::fs::write(&csv, format!("户主,身份证号,人数\n张三,{id},{people}\n")).expect("csv")
    };
    write("3");
    let imported = gongkai(&[
        "import",
        file.to_str().expect("utf-8"),
        "--source",
        csv.to_str().expect("utf-8"),
        "--into",
        &format!("table:{item_id}"),
    ]);
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        text(&imported.stderr)
    );
    write("4");
    let mut app = crate::support::open_app(Some(file));
    app.start_source_update(gongkai::model::SourceTarget::Table(item_id));
    let mut harness = app_harness(app);
    harness.run();
    harness.get_by_label_contains("【3 → 4】");
    harness.get_by_label_contains("4307**********");
    assert_eq!(harness.query_all_by_label_contains(&id).count(), 0);
    harness.get_by_label("显示完整号码").click();
    harness.run();
    harness.get_by_label_contains(&id);
}

#[test]
fn an_id_in_a_name_or_the_units_details_cannot_be_allowed_only_masked() {
    let mut project = base();
    project.meta.reception_day = format!("每周一，{}", id_number());
    project.meta.unit_name = format!("东湾村{MOBILE}");
    let findings = personal_data_findings(&project);
    let reception = findings
        .iter()
        .find(|finding| finding.message.contains("领导接待日"))
        .expect("the ID is named");
    assert!(!reception.allowable, "{}", reception.message);
    assert!(reception.fix.is_some(), "one click masks it");
    let unit_name = findings
        .iter()
        .find(|finding| finding.message.contains("单位名称"))
        .expect("the mobile is named");
    assert!(unit_name.allowable, "a mobile may be allowed with a reason");
    // Allowed anyway (a reason written), the ID still refuses; the mobile no longer does.
    let mut allowed = project.clone();
    for number in [id_number(), MOBILE.to_owned()] {
        allowed
            .settings
            .privacy
            .allowed
            .push(gongkai::model::AllowedNumber {
                number,
                reason: "测试".into(),
                allowed_on: None,
            });
    }
    let findings = personal_data_findings(&allowed);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert!(findings[0].message.contains("领导接待日"));
}
