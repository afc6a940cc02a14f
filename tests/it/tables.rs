//! Tables never break a number or a name: the trial's 8-column 低保 register on A4 portrait
//! reads back with `pdftotext -raw` with every name, masked number and amount whole on one
//! line; a table that cannot fit is named with its column. The 办事指南 template's 办事流程图
//! reads back from the board PDF with each step's text inside its box. Every number is
//! generated (valid check digits), every name invented.

use crate::support::*;
use gongkai::compose::{ExportMode, ExportRequest, compose_export};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, ColumnKind, Panel, Project, RectMm, Table};
use gongkai::privacy::luhn_valid;

/// Invented names of two to four hanzi (a 复姓 among them).
const NAMES: [&str; 8] = [
    "张福贵",
    "李秀兰",
    "王建",
    "欧阳春华",
    "赵德明",
    "孙桂芳",
    "周长林",
    "吴雪",
];

fn bank_account(row: usize) -> String {
    let body = format!("622848{:012}", 97_531 * (row + 3));
    (0..=9)
        .map(|digit| format!("{body}{digit}"))
        .find(|number| luhn_valid(number))
        .expect("a check digit")
}

fn mobile(row: usize) -> String {
    format!("186{:08}", 20_000_000 + row * 6_173)
}

/// The trial's 低保 table: 8 columns, personal columns typed (so they print masked), a 合计 row.
fn dibao_table(rows: usize) -> Table {
    let mut body: Vec<Vec<String>> = (0..rows)
        .map(|row| {
            vec![
                (row + 1).to_string(),
                NAMES[row % NAMES.len()].to_owned(),
                id_number(row),
                bank_account(row),
                mobile(row),
                format!("{}", 1 + row % 4),
                format!(
                    "{},{:03}.{:02}",
                    1 + row % 3,
                    100 + row * 7 % 900,
                    row % 100
                ),
                "2026年3月15日".to_owned(),
            ]
        })
        .collect();
    body.push(vec![
        "合计".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        "6,321.60".into(),
        String::new(),
    ]);
    Table {
        columns: [
            "序号",
            "户主姓名",
            "身份证号",
            "银行卡号",
            "联系电话",
            "保障人数",
            "月保障金（元）",
            "发放日期",
        ]
        .map(String::from)
        .to_vec(),
        rows: body,
        column_kinds: vec![
            ColumnKind::Number,
            ColumnKind::Text,
            ColumnKind::IdNumber,
            ColumnKind::BankAccount,
            ColumnKind::Phone,
            ColumnKind::Number,
            ColumnKind::Number,
            ColumnKind::Text,
        ],
        total_row: true,
    }
}

/// The fixture with one more board whose panel holds the 低保 list.
fn project_with(table: Table) -> Project {
    let mut project = fixture();
    project.items.push(gongkai::model::Item {
        id: "dibao".into(),
        title: "低保、特困、临时救助对象".into(),
        blocks: vec![Block::Table(table)],
        ..Default::default()
    });
    let mut board = project.boards[0].clone();
    board.id = "board-dibao".into();
    board.name = "低保公示栏".into();
    board.panels = vec![Panel {
        id: "panel-dibao".into(),
        title: "低保名单".into(),
        rect_mm: RectMm::new(40.0, 200.0, 1500.0, 900.0),
        item_ids: vec!["dibao".into()],
        ..Panel::default()
    }];
    project.boards.push(board);
    project
}

fn request(mode: ExportMode) -> ExportRequest {
    ExportRequest {
        mode,
        board: Some("低保公示栏".into()),
        ..ExportRequest::default()
    }
}

/// The text of every page as `pdftotext -raw` reads it (content order, one text line a line).
fn pdftotext_raw(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("register.pdf");
    std::fs::write(&path, bytes).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn the_trial_register_reads_back_with_every_name_number_and_amount_whole() {
    let table = dibao_table(40);
    let project = project_with(table.clone());
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported =
        export_project(&mut engine, &project, &request(ExportMode::Register)).expect("exports");
    let text = pdftotext_raw(&exported.bytes);
    // pdftotext puts a space where hanzi meet digits ("2026 年 3 月"): compared without spaces,
    // a token is whole when one line holds all of it.
    let lines: Vec<String> = text.lines().map(|line| line.replace(' ', "")).collect();
    let whole_on_a_line = |token: &str| {
        let token = token.replace(' ', "");
        lines.iter().any(|line| line.contains(&token))
    };
    for (row, cells) in table.rows.iter().enumerate().take(40) {
        let id = &cells[2];
        let bank = &cells[3];
        let phone = &cells[4];
        let masked = [
            format!("{}**********{}", &id[..4], &id[14..]),
            format!("**** **** **** {}", &bank[bank.len() - 4..]),
            format!("{}****{}", &phone[..3], &phone[7..]),
        ];
        for token in masked.iter().map(String::as_str).chain([
            cells[1].as_str(),
            cells[6].as_str(),
            cells[7].as_str(),
        ]) {
            assert!(
                whole_on_a_line(token),
                "row {row}: “{token}” is not whole on one line of the register:\n{text}"
            );
        }
    }
    assert!(whole_on_a_line("6,321.60"), "the 合计 amount is whole");
    // Portrait A4 is kept: the table's text shrank instead.
    let document = load(&exported.bytes);
    let (width_mm, height_mm) = page_size_mm(&document, 1);
    assert_close(width_mm, 210.0, "register page width");
    assert_close(height_mm, 297.0, "register page height");
}

#[test]
fn a_long_register_table_repeats_its_header_on_every_page_and_never_splits_a_row() {
    let project = project_with(dibao_table(120));
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let composed =
        compose_export(&mut engine, &project, &request(ExportMode::Register)).expect("composes");
    let table_pages: Vec<Vec<String>> = composed
        .page_lines()
        .into_iter()
        .filter(|lines| lines.iter().any(|line| line.contains("**********")))
        .collect();
    assert!(table_pages.len() >= 3, "120 rows take several pages");
    for (page, lines) in table_pages.iter().enumerate() {
        assert!(
            lines.iter().any(|line| line == "身份证号"),
            "page {page} of the table repeats the header row: {lines:?}"
        );
    }
    // Each row's 8 cells are on one page: every row number's masked ID is on the page that
    // holds its name (rows are never split).
    let mut seen = 0;
    for lines in &table_pages {
        seen += lines
            .iter()
            .filter(|line| line.contains("**********"))
            .count();
    }
    assert_eq!(seen, 120, "every row's ID once, none cut across pages");
    assert!(composed.problems.is_empty(), "{:?}", composed.problems);
}

#[test]
fn a_table_too_wide_even_landscape_names_the_table_and_the_column() {
    // Twelve personal-number columns cannot fit A4 landscape at 8 pt.
    let mut table = dibao_table(3);
    for row in &mut table.rows {
        let extra: Vec<String> = row[2..5].to_vec();
        for _ in 0..3 {
            row.extend(extra.iter().cloned());
        }
    }
    for copy in 1..=3 {
        for name in ["身份证号", "银行卡号", "联系电话"] {
            table.columns.push(format!("{name}{copy}"));
        }
    }
    table.column_kinds.clear();
    let project = project_with(table);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let composed =
        compose_export(&mut engine, &project, &request(ExportMode::Register)).expect("composes");
    assert!(
        composed.problems.iter().any(|problem| problem
            .contains("表格“低保、特困、临时救助对象”的“")
            && problem.contains("列放不下")),
        "{:?}",
        composed.problems
    );
    // It was tried landscape before giving up.
    assert!(
        composed
            .sheets
            .iter()
            .any(|sheet| sheet.size_mm.width_mm > sheet.size_mm.height_mm)
    );
}

#[test]
fn a_wide_table_gets_a_landscape_register_page_before_a_finding() {
    // Ten columns of masked numbers: too wide for portrait at 8 pt, fine landscape.
    let mut table = dibao_table(5);
    for row in &mut table.rows {
        let extra: Vec<String> = row[2..4].to_vec();
        row.extend(extra);
    }
    table.columns.push("身份证号（配偶）".into());
    table.columns.push("银行卡号（备用）".into());
    table
        .column_kinds
        .extend([ColumnKind::IdNumber, ColumnKind::BankAccount]);
    let mut project = project_with(table);
    // Another item on the panel, with a narrow table of its own.
    let other = project.items[0].id.clone();
    project.boards[1].panels[0].item_ids.push(other);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let composed =
        compose_export(&mut engine, &project, &request(ExportMode::Register)).expect("composes");
    assert!(composed.problems.is_empty(), "{:?}", composed.problems);
    let landscape = composed
        .sheets
        .iter()
        .filter(|sheet| sheet.size_mm.width_mm > sheet.size_mm.height_mm)
        .count();
    assert!(landscape >= 1, "the wide table's pages are landscape");
    assert!(
        composed
            .sheets
            .iter()
            .any(|sheet| sheet.size_mm.width_mm < sheet.size_mm.height_mm),
        "other items stay portrait"
    );
}

/// Millimetres to PDF points.
fn pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

#[test]
fn the_service_guide_board_prints_its_flowchart_steps_inside_their_boxes() {
    use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
    use gongkai::layout::LineKind;
    use gongkai::model::PLACEHOLDER;
    let options = TemplateOptions {
        unit_name: Some("青禾镇便民服务中心".into()),
        supervision_phone: Some("0000-6612301".into()),
        ..TemplateOptions::new(crate::own_project::day())
    };
    let project = project_from_template(TemplateKind::ServiceGuide, &options);
    let json = serde_json::to_string(&project).expect("json");
    let project: Project = serde_json::from_str(&json.replace(PLACEHOLDER, "5")).expect("back");
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let board_id = project.boards[0].id.clone();
    let layout = engine.layout_board(&project, &board_id).expect("layout");
    assert_eq!(layout.diagrams.len(), 4, "one 办理流程 per procedure panel");
    let first = &layout.diagrams[0].diagram;
    assert_eq!(first.boxes.len(), 6, "5 steps and the 否 box");
    assert!(first.arrows.iter().any(|arrow| arrow.label == "否"));
    let exported = export_project(
        &mut engine,
        &project,
        &ExportRequest {
            mode: ExportMode::Board,
            ..ExportRequest::default()
        },
    )
    .expect("board");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("guide.pdf");
    std::fs::write(&path, &exported.bytes).expect("write");
    let words = word_boxes(&path, 1);
    let step_lines: Vec<_> = layout
        .lines
        .iter()
        .filter(|line| line.kind == LineKind::FlowchartStep)
        .collect();
    assert!(step_lines.len() >= 4 * 6, "every box has its text");
    for diagram in &layout.diagrams {
        for diagram_box in &diagram.diagram.boxes {
            let rect = diagram_box.rect_mm;
            // The box's text, as its lines read back from the PDF inside the box.
            let inside: String = words
                .iter()
                .filter(|(_, x0, y0, x1, y1)| {
                    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                    cx > pt(rect.x_mm)
                        && cx < pt(rect.right_mm())
                        && cy > pt(rect.y_mm)
                        && cy < pt(rect.bottom_mm())
                })
                .map(|(word, ..)| word.as_str())
                .collect();
            assert_eq!(
                inside, diagram_box.text,
                "the PDF shows “{}” inside its box",
                diagram_box.text
            );
        }
    }
}
