//! Personal numbers never reach a public output unmasked: a 60-row 低保 list with 身份证号,
//! 银行卡号 and 手机号 exported in every external mode and read back from the PDF; the internal
//! register keeps them; a number in running text blocks the export (`--force` too) until it is
//! masked or allowed with a reason; a county's folder check finds exactly the exposed projects.
//! Every number here is generated (valid check digits), none is real.

use crate::support::*;
use gongkai::compose::{ExportMode, ExportRequest, personal_data_findings};
use gongkai::fonts::FontSet;
use gongkai::jobs::{ExportError, export_project};
use gongkai::layout::LayoutEngine;
use gongkai::model::{
    Block, Board, CardDesign, ColumnKind, LogKind, Panel, Project, RectMm, Table, load_project,
    save_project,
};
use gongkai::privacy::{id_check_char, luhn_valid};
use std::path::Path;

/// One household of the generated list.
struct Household {
    id_number: String,
    bank_account: String,
    mobile: String,
}

/// An 18-digit ID with its check character: area 410102, born 1950–1989, sequence by row.
fn id_number(row: usize) -> String {
    let first17 = format!(
        "410102{}{:02}{:02}{:03}",
        1950 + row % 40,
        1 + row % 12,
        1 + row % 28,
        100 + row
    );
    let check = id_check_char(first17.as_bytes()).expect("17 digits");
    format!("{first17}{check}")
}

/// A 19-digit card number with its Luhn digit.
fn bank_account(row: usize) -> String {
    let body = format!("622202100{:09}", 123_457 * (row + 1));
    (0..=9)
        .map(|digit| format!("{body}{digit}"))
        .find(|number| luhn_valid(number))
        .expect("a check digit")
}

fn mobile(row: usize) -> String {
    format!("139{:08}", 10_000_000 + row * 7_919)
}

fn households(count: usize) -> Vec<Household> {
    (0..count)
        .map(|row| Household {
            id_number: id_number(row),
            bank_account: bank_account(row),
            mobile: mobile(row),
        })
        .collect()
}

/// The 低保 list as a table whose personal columns have their kinds.
fn dibao_table(list: &[Household]) -> Table {
    Table {
        columns: [
            "序号",
            "户主",
            "身份证号",
            "银行卡号",
            "手机号",
            "金额（元）",
        ]
        .map(String::from)
        .to_vec(),
        rows: list
            .iter()
            .enumerate()
            .map(|(row, household)| {
                vec![
                    (row + 1).to_string(),
                    format!("户主{}", row + 1),
                    household.id_number.clone(),
                    household.bank_account.clone(),
                    household.mobile.clone(),
                    "1,230.00".to_owned(),
                ]
            })
            .collect(),
        column_kinds: vec![
            ColumnKind::Number,
            ColumnKind::Text,
            ColumnKind::IdNumber,
            ColumnKind::BankAccount,
            ColumnKind::Phone,
            ColumnKind::Number,
        ],
        total_row: false,
    }
}

/// The fixture with a second board, 低保公示, whose one panel shows the list, and a card design
/// with one card per household (ID and mobile fields bound to their kinds).
fn project_with_list(list: &[Household]) -> Project {
    let mut project = fixture();
    project.items.push(gongkai::model::Item {
        id: "dibao".into(),
        title: "2026年第一季度低保名单".into(),
        blocks: vec![Block::Table(dibao_table(list))],
        ..Default::default()
    });
    let mut board = project.boards[0].clone();
    board.id = "board-dibao".into();
    board.name = "低保公示栏".into();
    board.size_mm.height_mm = 2400.0;
    board.panels = vec![Panel {
        id: "panel-dibao".into(),
        title: "低保名单".into(),
        rect_mm: RectMm::new(40.0, 200.0, 2320.0, 2000.0),
        item_ids: vec!["dibao".into()],
        ..Panel::default()
    }];
    project.boards.push(board);
    let mut card = CardDesign {
        fields: ["户主", "身份证号", "手机号"].map(String::from).to_vec(),
        ..CardDesign::from_blocks(
            "card-dibao",
            "低保待遇告知卡",
            project.cards[0].size_mm,
            project.cards[0].style.clone(),
            vec![Block::KeyValue {
                pairs: vec![
                    gongkai::model::KeyValue::new("户主", "{户主}"),
                    gongkai::model::KeyValue::new("身份证号", "{身份证号}"),
                    gongkai::model::KeyValue::new("手机号", "{手机号}"),
                ],
            }],
            Vec::new(),
        )
    };
    card.records = list
        .iter()
        .enumerate()
        .map(|(row, household)| {
            [
                ("户主", format!("户主{}", row + 1)),
                ("身份证号", household.id_number.clone()),
                ("手机号", household.mobile.clone()),
            ]
            .into_iter()
            .map(|(field, value)| (field.to_owned(), value))
            .collect()
        })
        .collect();
    card.field_kinds = [
        ("身份证号".to_owned(), ColumnKind::IdNumber),
        ("手机号".to_owned(), ColumnKind::Phone),
    ]
    .into();
    project.cards.push(card);
    project
}

fn request(mode: ExportMode, internal: bool) -> ExportRequest {
    ExportRequest {
        mode,
        board: Some("低保公示栏".into()),
        cards: Some("低保待遇告知卡".into()),
        internal,
        ..ExportRequest::default()
    }
}

/// All text of a PDF as poppler reads it, without white space (so a number split by the
/// layout still shows whole).
fn pdf_digits_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect()
}

fn full_values(list: &[Household]) -> Vec<&str> {
    list.iter()
        .flat_map(|household| {
            [
                household.id_number.as_str(),
                household.bank_account.as_str(),
                household.mobile.as_str(),
            ]
        })
        .collect()
}

#[test]
fn no_external_pdf_holds_a_full_number_and_the_internal_register_does() {
    let list = households(60);
    let project = project_with_list(&list);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    for mode in [
        ExportMode::Board,
        ExportMode::Tiles,
        ExportMode::Register,
        ExportMode::Cards,
    ] {
        let exported =
            export_project(&mut engine, &project, &request(mode, false)).expect("exports");
        let text = pdf_digits_text(&exported.bytes);
        for value in full_values(&list) {
            assert!(!text.contains(value), "{mode:?} prints {value} in full");
        }
        // The masked forms are there instead.
        let first_id = &list[0].id_number;
        assert!(
            text.contains(&format!("4101**********{}", &first_id[14..])),
            "{mode:?} shows the masked ID"
        );
        assert!(text.contains(&format!("139****{}", &list[0].mobile[7..])));
        if mode != ExportMode::Cards {
            let bank = &list[0].bank_account;
            assert!(
                text.contains(&format!("************{}", &bank[bank.len() - 4..])),
                "{mode:?} shows the masked bank number"
            );
        }
    }
    let internal = export_project(&mut engine, &project, &request(ExportMode::Register, true))
        .expect("internal register");
    let text = pdf_digits_text(&internal.bytes);
    for value in full_values(&list) {
        assert!(text.contains(value), "the internal register keeps {value}");
    }
    // The project itself still holds every full value.
    let Block::Table(table) = &project.item("dibao").expect("item").blocks[0] else {
        panic!("table")
    };
    assert_eq!(table.rows[11][2], list[11].id_number);
}

#[test]
fn a_number_in_running_text_blocks_the_export_until_masked() {
    let list = households(3);
    let mut project = project_with_list(&list);
    // A clerk typed a household's mobile into a paragraph, and an ID into a text column.
    let item = project.item_mut("dibao").expect("item");
    item.blocks.push(Block::paragraph(format!(
        "如有疑问请联系户主本人{}。",
        list[1].mobile
    )));
    if let Block::Table(table) = &mut item.blocks[0] {
        table.column_kinds[2] = ColumnKind::Text;
    }
    let findings = personal_data_findings(&project);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(findings.len(), 3 + 1, "{messages:#?}");
    assert!(
        messages[0]
            .starts_with("栏目“低保名单”中“2026年第一季度低保名单”第 1 行（“身份证号”列）：身份证号 4101**********"),
        "{}",
        messages[0]
    );
    assert!(
        messages
            .iter()
            .all(|message| !message.contains(&list[1].mobile))
    );
    let mut engine = LayoutEngine::new(FontSet::bundled());
    match export_project(&mut engine, &project, &request(ExportMode::Board, false)) {
        Err(ExportError::PersonalData(places)) => assert_eq!(places.len(), 4),
        other => panic!(
            "the export must be refused, got {:?}",
            other.map(|e| e.pages)
        ),
    }
    // One click on the first finding sets the column's kind (all three rows), a second masks
    // the paragraph in the project; the list is made anew after each click, as the app does.
    let mut clicks = 0;
    while let Some(finding) = personal_data_findings(&project).into_iter().next() {
        project
            .apply(finding.fix.expect("every board finding has a fix"))
            .expect("fix applies");
        clicks += 1;
        assert!(clicks <= 2, "two clicks mask everything");
    }
    assert_eq!(clicks, 2);
    let item = project.item("dibao").expect("item");
    let Block::Paragraph { text } = &item.blocks[1] else {
        panic!("paragraph")
    };
    assert_eq!(text, "如有疑问请联系户主本人139****7919。");
    let exported = export_project(&mut engine, &project, &request(ExportMode::Board, false))
        .expect("exports once masked");
    let text = pdf_digits_text(&exported.bytes);
    assert!(text.contains(&format!("139****{}", &list[1].mobile[7..])));
}

#[test]
fn cli_check_and_export_refuse_unmasked_numbers_even_with_force() {
    let list = households(2);
    let mut project = project_with_list(&list);
    let item = project.item_mut("dibao").expect("item");
    item.blocks
        .push(Block::paragraph(format!("代办人电话{}", list[0].mobile)));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("村.gongkai.json");
    save_project(&project, &file).expect("save");
    let file_arg = file.to_str().expect("utf-8");
    let check = gongkai(&["check", file_arg, "--today", "2026-03-02"]);
    assert_eq!(check.status.code(), Some(1));
    let said = text(&check.stdout);
    assert!(said.contains("手机号 139****"), "{said}");
    assert!(said.contains("未脱敏"), "{said}");
    assert!(
        !said.contains(&list[0].mobile),
        "check never prints the full number"
    );
    let out = dir.path().join("out.pdf");
    let out_arg = out.to_str().expect("utf-8");
    let export = gongkai(&[
        "export",
        file_arg,
        "--board",
        "低保公示栏",
        "--force",
        "-o",
        out_arg,
    ]);
    assert_eq!(export.status.code(), Some(1), "{}", text(&export.stderr));
    assert!(!out.exists(), "nothing is written, --force or not");
    assert!(text(&export.stderr).contains("--force 也不能越过"));
}

#[test]
fn an_allowed_mobile_prints_and_the_allowance_is_logged() {
    let list = households(2);
    let mut project = project_with_list(&list);
    let grid_worker = mobile(500);
    project
        .item_mut("dibao")
        .expect("item")
        .blocks
        .push(Block::paragraph(format!("网格员电话{grid_worker}")));
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("村.gongkai.json");
    save_project(&project, &file).expect("save");
    let file_arg = file.to_str().expect("utf-8");
    let refused = gongkai(&["allow", file_arg, &grid_worker, "--reason", " "]);
    assert_eq!(refused.status.code(), Some(2), "a reason is required");
    let allowed = gongkai(&[
        "allow",
        file_arg,
        &grid_worker,
        "--reason",
        "网格员工作电话，本人同意公开",
        "--today",
        "2026-03-02",
    ]);
    assert_eq!(allowed.status.code(), Some(0), "{}", text(&allowed.stderr));
    let project = load_project(&file).expect("load");
    let entry = project.log.last().expect("logged");
    assert_eq!(entry.kind, LogKind::AllowedPublic);
    assert_eq!(entry.date, chrono::NaiveDate::from_ymd_opt(2026, 3, 2));
    assert!(entry.summary.contains("网格员工作电话，本人同意公开"));
    assert!(entry.summary.contains("139****"), "{}", entry.summary);
    assert_eq!(personal_data_findings(&project), Vec::new());
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported =
        export_project(&mut engine, &project, &request(ExportMode::Board, false)).expect("exports");
    let text = pdf_digits_text(&exported.bytes);
    assert!(
        text.contains(&grid_worker),
        "the allowed number prints in full"
    );
    assert!(!text.contains(&list[0].mobile), "the others stay masked");
}

/// A small village project (one board, one panel, one item) with a unit name.
fn village(name: &str, exposed: bool) -> Project {
    let mut project = Project::default();
    project.meta.unit_name = format!("{name}村民委员会");
    project.meta.supervision_phone = "13800001234".into();
    let mut text = "本季度低保金已按时足额发放到户。".to_owned();
    if exposed {
        text.push_str(&format!("联系人电话{}", mobile(name.len())));
    }
    project.items.push(gongkai::model::Item {
        id: "item-1".into(),
        title: "低保金发放情况".into(),
        blocks: vec![Block::paragraph(text)],
        ..Default::default()
    });
    project.boards.push(Board {
        id: "board-1".into(),
        name: format!("{name}村务公开栏"),
        panels: vec![Panel {
            id: "panel-1".into(),
            title: "村务公开".into(),
            rect_mm: RectMm::new(40.0, 200.0, 1000.0, 500.0),
            item_ids: vec!["item-1".into()],
            ..Panel::default()
        }],
        ..fixture().boards[0].clone()
    });
    project
}

#[test]
fn a_county_check_finds_exactly_the_exposed_villages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = ["东湾", "石桥", "柳林", "河口", "新庄", "北岗"];
    let exposed = ["石桥", "北岗"];
    for (index, name) in names.iter().enumerate() {
        // Some in subfolders, as counties keep them per town.
        let folder = dir.path().join(format!("乡镇{}", index % 2));
        std::fs::create_dir_all(&folder).expect("folder");
        let project = village(name, exposed.contains(name));
        save_project(&project, &folder.join(format!("{name}.gongkai.json"))).expect("save");
    }
    // A publish archive's snapshot is no project of its own.
    let archive = dir.path().join("乡镇0/东湾-archive/2026-03-01");
    std::fs::create_dir_all(&archive).expect("archive");
    save_project(&village("东湾", true), &archive.join("东湾.gongkai.json")).expect("save");
    let csv = dir.path().join("汇总.csv");
    let output = gongkai(&[
        "check",
        dir.path().to_str().expect("utf-8"),
        "--today",
        "2026-03-02",
        "--csv",
        csv.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let bytes = std::fs::read(&csv).expect("csv written");
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with BOM for Excel"
    );
    let csv_text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    let rows: Vec<Vec<&str>> = csv_text
        .lines()
        .skip(1)
        .map(|line| line.split(',').collect())
        .collect();
    assert_eq!(rows.len(), names.len(), "{csv_text}");
    let flagged: Vec<&str> = rows
        .iter()
        .filter(|cells| cells[4] != "0")
        .map(|cells| cells[1].trim_end_matches("村民委员会"))
        .collect();
    let mut expected = exposed.to_vec();
    expected.sort();
    let mut flagged_sorted = flagged.clone();
    flagged_sorted.sort();
    assert_eq!(flagged_sorted, expected, "{csv_text}");
    let summary = text(&output.stdout);
    assert!(summary.contains("共 6 个单位"), "{summary}");
    assert!(summary.contains("未脱敏个人信息 2 个"), "{summary}");
    // The unit's own 监督电话 (a mobile here) is never flagged.
    assert!(!Path::new(&csv).is_dir());
}

/// A 低保 card with a pasted 身份证号 column: a card whose faces never print `{身份证号}`
/// exports (the numbers are in no PDF); once a face prints it, the export is refused as ever,
/// each household named once (“第 1 张（户号 …）”, not “第 1 张 第 1 张”).
#[test]
fn a_card_column_no_face_prints_does_not_block_the_card_export() {
    let mut project = gongkai::catalog::sample_project(
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
    );
    project.meta.consult_phone = "0000-6612302".into();
    let mut card =
        gongkai::catalog::card_from_template(&project, gongkai::catalog::CardTemplate::Dibao, None);
    card.records.truncate(5);
    card.fields.push("身份证号".into());
    for (row, record) in card.records.iter_mut().enumerate() {
        record.insert("户主".into(), format!("户主{}", row + 1));
        record.insert("身份证号".into(), crate::support::id_number(row));
    }
    let numbers: Vec<String> = (0..5).map(crate::support::id_number).collect();
    let name = card.name.clone();
    project
        .apply(gongkai::model::Edit::AddCard(card.clone()))
        .expect("card");
    let request = ExportRequest {
        mode: ExportMode::Cards,
        cards: Some(name.clone()),
        card_backs: true,
        ..ExportRequest::default()
    };
    let mut engine = LayoutEngine::new(FontSet::bundled());
    assert!(
        personal_data_findings(&project).is_empty(),
        "{:?}",
        personal_data_findings(&project)
    );
    let exported = export_project(&mut engine, &project, &request).expect("written");
    let text = pdf_digits_text(&exported.bytes);
    assert!(text.contains("户主1"), "{text}");
    for number in &numbers {
        assert!(!text.contains(number.as_str()));
        assert!(!text.contains(&number[14..]), "not even masked: {text}");
    }

    // The 保障对象 panel prints it: refused, each of the 5 households named once.
    if let Some(Block::KeyValue { pairs }) = card.faces.front.panels[1].blocks.first_mut() {
        pairs.push(gongkai::model::KeyValue::new("身份证号", "{身份证号}"));
    }
    project
        .apply(gongkai::model::Edit::SetCard(card))
        .expect("printed");
    let places = match export_project(&mut engine, &project, &request) {
        Err(ExportError::PersonalData(places)) => places,
        other => panic!("refused: {:?}", other.map(|exported| exported.problems)),
    };
    assert_eq!(places.len(), 5, "{places:?}");
    assert!(
        places[0].starts_with(&format!(
            "明白卡“{name}”第 1 张（户号 0002，户主 户主1）的“身份证号”栏：身份证号 4101**********"
        )),
        "{}",
        places[0]
    );
    assert!(
        places.iter().all(|place| place.matches(" 张").count() == 1),
        "{places:?}"
    );
}
