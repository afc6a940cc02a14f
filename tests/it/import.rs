//! Issue 13: tables and card records from Excel/WPS workbooks and CSV files — the readers,
//! `gongkai import` (table and cards), `export --data`, 从源文件更新 and `check` on linked files.
//! The workbooks are written here with rust_xlsxwriter; the people are invented, their
//! numbers generated with valid check digits.

use crate::support::*;
use gongkai::import::{ImportError, ImportOptions, read_table};
use gongkai::model::{Block, ColumnKind, SourceTarget};
use gongkai::privacy::{id_check_char, luhn_valid};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

fn id_number(row: usize) -> String {
    let first17 = format!(
        "410102{}{:02}{:02}{:03}",
        1960 + row % 30,
        1 + row % 12,
        1 + row % 28,
        200 + row % 800
    );
    let check = id_check_char(first17.as_bytes()).expect("17 digits");
    format!("{first17}{check}")
}

fn bank_account(row: usize) -> String {
    let body = format!("622848001{:09}", 97_531 * (row + 1));
    (0..=9)
        .map(|digit| format!("{body}{digit}"))
        .find(|number| luhn_valid(number))
        .expect("a check digit")
}

fn mobile(row: usize) -> String {
    format!("138{:08}", 20_000_000 + row * 7_919)
}

/// Amounts of the 低保 list; row 0 is the 12,345.67 the PDF must show.
fn amount(row: usize) -> f64 {
    if row == 0 {
        12_345.67
    } else {
        300.0 + row as f64 * 10.5
    }
}

/// A 低保 list as WPS saves it: a merged title row, a header, #,##0.00 amounts, dates, and a
/// 合计 row whose amount is a formula (cached value written too).
fn write_dibao_xlsx(path: &Path, rows: usize, changed: &[usize]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("低保名单").expect("name");
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .merge_range(
            0,
            0,
            0,
            7,
            "青禾村2026年第一季度农村低保名单",
            &Format::new(),
        )
        .expect("merge");
    for (c, name) in [
        "序号",
        "户主",
        "村民小组",
        "人数",
        "金额",
        "身份证号",
        "银行卡号",
        "发放日期",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(1, c as u16, *name).expect("header");
    }
    let mut total = 0.0;
    for row in 0..rows {
        let r = row as u32 + 2;
        let people = if changed.contains(&row) {
            9
        } else {
            1 + row % 5
        };
        sheet.write_number(r, 0, (row + 1) as f64).expect("n");
        sheet
            .write_string(r, 1, format!("户主{}", row + 1))
            .expect("s");
        sheet
            .write_string(r, 2, format!("第{}组", 1 + row % 6))
            .expect("s");
        sheet.write_number(r, 3, people as f64).expect("n");
        sheet
            .write_number_with_format(r, 4, amount(row), &money)
            .expect("n");
        sheet.write_string(r, 5, id_number(row)).expect("s");
        sheet.write_string(r, 6, bank_account(row)).expect("s");
        sheet
            .write_datetime_with_format(
                r,
                7,
                ExcelDateTime::from_ymd(2026, 3, 1).expect("d"),
                &date,
            )
            .expect("date");
        total += amount(row);
    }
    let last = rows as u32 + 2;
    sheet.write_string(last, 0, "合计").expect("s");
    let formula = Formula::new(format!("=SUM(E3:E{})", last)).set_result(format!("{total}"));
    sheet
        .write_formula_with_format(last, 4, formula, &money)
        .expect("formula");
    workbook.save(path).expect("save xlsx");
}

fn dir_with_project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(fixture_path(), &file).expect("copy fixture");
    (dir, file)
}

#[test]
fn a_wps_workbook_reads_past_its_title_with_formats_dates_total_and_formula() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("低保.xlsx");
    write_dibao_xlsx(&path, 5, &[]);
    let table = read_table(&path, &ImportOptions::default()).expect("read");
    assert_eq!(table.header_row, 2, "the merged title row is skipped");
    assert_eq!(table.sheet.as_deref(), Some("低保名单"));
    assert_eq!(
        table.columns,
        [
            "序号",
            "户主",
            "村民小组",
            "人数",
            "金额",
            "身份证号",
            "银行卡号",
            "发放日期"
        ]
    );
    assert_eq!(table.rows.len(), 6, "5 households and the 合计 row");
    assert_eq!(table.rows[0][4], "12,345.67");
    assert_eq!(table.rows[1][4], "310.50");
    assert_eq!(table.rows[0][7], "2026-03-01", "dates become dates");
    assert!(table.total_row);
    let total: f64 = (0..5).map(amount).sum();
    assert_eq!(table.rows[5][0], "合计");
    assert_eq!(
        table.rows[5][4],
        format!("{}", total_text(total)),
        "the formula's cached value"
    );
    assert_eq!(
        table.kinds,
        [
            ColumnKind::Text,
            ColumnKind::Text,
            ColumnKind::Text,
            ColumnKind::Number,
            ColumnKind::Number,
            ColumnKind::IdNumber,
            ColumnKind::BankAccount,
            ColumnKind::Date
        ]
    );
    // A stated header row and chosen columns in a chosen order.
    let picked = read_table(
        &path,
        &ImportOptions {
            header_row: Some(2),
            columns: Some(vec!["金额".into(), "户主".into()]),
            ..Default::default()
        },
    )
    .expect("read");
    assert_eq!(picked.columns, ["金额", "户主"]);
    assert_eq!(picked.rows[0], ["12,345.67", "户主1"]);
}

fn total_text(total: f64) -> String {
    let cents = (total * 100.0).round() as i64;
    let int = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    format!("{grouped}.{:02}", cents % 100)
}

#[test]
fn csv_in_gbk_utf8_bom_with_tabs_semicolons_and_a_multiline_cell() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "户主,村民小组,身份证号,手机号,备注\r\n张三,第一组,{},{},\"住房改造\r\n已验收\"\r\n李四,第二组,{},{},\r\n",
        id_number(1),
        mobile(1),
        id_number(2),
        mobile(2)
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let gbk_path = dir.path().join("households.csv");
    std::fs::write(&gbk_path, &gbk).expect("write");
    let table = read_table(&gbk_path, &ImportOptions::default()).expect("GBK csv");
    assert_eq!(
        table.columns,
        ["户主", "村民小组", "身份证号", "手机号", "备注"]
    );
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0][0], "张三");
    assert_eq!(
        table.rows[0][4], "住房改造\r\n已验收",
        "a quoted cell keeps its line break"
    );
    assert_eq!(table.kinds[2], ColumnKind::IdNumber);
    assert_eq!(table.kinds[3], ColumnKind::Phone);

    let bom_path = dir.path().join("bom.csv");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.replace(',', ";").as_bytes());
    std::fs::write(&bom_path, bom).expect("write");
    let table = read_table(&bom_path, &ImportOptions::default()).expect("BOM csv");
    assert_eq!(table.columns[0], "户主", "no BOM left in the first header");
    assert_eq!(table.rows[1][1], "第二组", "semicolons detected");

    let tab_path = dir.path().join("tab.txt");
    std::fs::write(&tab_path, "姓名\t金额\n王五\t1,200.00\n赵六\t800.00\n").expect("write");
    let table = read_table(&tab_path, &ImportOptions::default()).expect("tab txt");
    assert_eq!(table.rows[0], ["王五", "1,200.00"]);
    assert_eq!(table.kinds[1], ColumnKind::Number);
}

#[test]
fn bad_input_gets_a_chinese_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corrupt = dir.path().join("坏.xlsx");
    std::fs::write(&corrupt, b"PK\x03\x04 not really a workbook").expect("write");
    let error = read_table(&corrupt, &ImportOptions::default()).expect_err("corrupt");
    assert!(matches!(error, ImportError::Corrupt { .. }), "{error}");
    assert!(error.to_string().contains("已损坏"));

    // A password-protected .xlsx is an OLE file holding an EncryptedPackage stream.
    let locked = dir.path().join("加密.xlsx");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(vec![0u8; 504]);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&locked, bytes).expect("write");
    let error = read_table(&locked, &ImportOptions::default()).expect_err("password");
    assert!(error.to_string().contains("密码"), "{error}");

    let empty = dir.path().join("空.xlsx");
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    workbook.save(&empty).expect("save");
    let error = read_table(&empty, &ImportOptions::default()).expect_err("empty");
    assert!(error.to_string().contains("是空的"), "{error}");

    let list = dir.path().join("list.xlsx");
    write_dibao_xlsx(&list, 3, &[]);
    let error = read_table(
        &list,
        &ImportOptions {
            header_row: Some(40),
            ..Default::default()
        },
    )
    .expect_err("beyond");
    assert!(error.to_string().contains("超出了数据范围"), "{error}");
    let error = read_table(
        &list,
        &ImportOptions {
            sheet: Some("Sheet9".into()),
            ..Default::default()
        },
    )
    .expect_err("no sheet");
    assert!(error.to_string().contains("低保名单"), "{error}");

    let unknown = dir.path().join("乱码.csv");
    // Latin-1 text (a French list, not a Chinese encoding): refused, not read as 乱码.
    let (latin, _, _) = encoding_rs::WINDOWS_1252
        .encode("Nom,Montant\nCafé Müller,100\nGaëlle Dûpré,200\nÉlodie Señor,300\n");
    std::fs::write(&unknown, latin).expect("write");
    let error = read_table(&unknown, &ImportOptions::default()).expect_err("encoding");
    assert!(error.to_string().contains("编码"), "{error}");

    let huge = dir.path().join("huge.csv");
    let mut text = String::from("序号,金额\n");
    for row in 0..=gongkai::import::MAX_ROWS {
        text.push_str(&format!("{row},1.00\n"));
    }
    std::fs::write(&huge, text).expect("write");
    let error = read_table(&huge, &ImportOptions::default()).expect_err("too many");
    assert!(error.to_string().contains("上限"), "{error}");

    let gone =
        read_table(&dir.path().join("没有.xlsx"), &ImportOptions::default()).expect_err("gone");
    assert!(gone.to_string().contains("无法打开"), "{gone}");
}

/// The words of a page with their right ends in pt (pdftotext -bbox).
fn words_with_right_ends(pdf: &Path, page: u32) -> Vec<(String, f32)> {
    word_boxes(pdf, page)
        .into_iter()
        .map(|(word, _, _, x_max, _)| (word, x_max))
        .collect()
}

#[test]
fn cli_imports_a_table_prints_it_right_aligned_and_updates_from_the_source() {
    let (dir, file) = dir_with_project();
    let data = dir.path().join("低保名单.xlsx");
    write_dibao_xlsx(&data, 6, &[]);
    let project_file = file.to_str().expect("utf-8");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "table:低保及特困供养情况",
        "--columns",
        "序号,户主,村民小组,人数,金额",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("导入 7 行 5 列"),
        "{}",
        text(&output.stdout)
    );
    let project = gongkai::model::load_project(&file).expect("load");
    let item = project.item("p07-1").expect("item");
    let Some(Block::Table(table)) = item.blocks.iter().find(|b| matches!(b, Block::Table(_)))
    else {
        panic!("no table");
    };
    assert_eq!(table.rows[0][4], "12,345.67");
    assert_eq!(table.column_kinds[4], ColumnKind::Number);
    let link = project
        .source(&SourceTarget::Table("p07-1".into()))
        .expect("linked");
    assert_eq!(
        link.path, "低保名单.xlsx",
        "relative inside the project folder"
    );
    assert_eq!(link.sheet.as_deref(), Some("低保名单"));
    assert_eq!(link.header_row, 2);

    // The register prints it; 12,345.67 stays and its right end is the other amounts'.
    let pdf = dir.path().join("register.pdf");
    let output = gongkai(&[
        "export",
        project_file,
        "--mode",
        "register",
        "--date",
        "2026-03-01",
        "--force",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let document = std::fs::read(&pdf).expect("pdf");
    let pages = load(&document).get_pages().len() as u32;
    let mut found = None;
    for page in 1..=pages {
        let lines = pdftotext_lines(&document, page);
        if lines.iter().any(|line| line.contains("12,345.67")) {
            found = Some(page);
            break;
        }
    }
    let page = found.expect("12,345.67 is printed as it was shown in the sheet");
    let words = words_with_right_ends(&pdf, page);
    let amounts: Vec<f32> = words
        .iter()
        .filter(|(word, _)| word == "12,345.67" || word == "310.50" || word == "321.00")
        .map(|(_, x)| *x)
        .collect();
    assert!(amounts.len() >= 3, "{words:?}");
    assert!(
        amounts.iter().all(|x| (x - amounts[0]).abs() < 0.6),
        "amounts right-aligned: {amounts:?}"
    );

    // Unchanged source: check is quiet about it.
    let check = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    assert!(
        !text(&check.stdout).contains("源文件"),
        "{}",
        text(&check.stdout)
    );

    // Two rows change in the sheet: check notices, the update reports exactly those two.
    write_dibao_xlsx(&data, 6, &[1, 4]);
    let check = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    assert!(
        text(&check.stdout).contains("在导入后改动过"),
        "{}",
        text(&check.stdout)
    );
    let update = gongkai(&["import", project_file, "--into", "table:p07-1"]);
    let said = text(&update.stdout);
    assert!(update.status.success(), "{}", text(&update.stderr));
    assert!(said.contains("新增 0 行，删除 0 行，修改 2 行"), "{said}");
    assert!(said.contains("修改：2 | 户主2"), "{said}");
    assert!(said.contains("修改：5 | 户主5"), "{said}");
    let project = gongkai::model::load_project(&file).expect("load");
    let Some(Block::Table(table)) = project
        .item("p07-1")
        .expect("item")
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table(_)))
    else {
        panic!("no table");
    };
    assert_eq!(table.rows[1][3], "9");
    let check = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    assert!(
        !text(&check.stdout).contains("源文件"),
        "{}",
        text(&check.stdout)
    );

    // The source is gone: check says so, the update refuses and changes nothing.
    std::fs::remove_file(&data).expect("remove");
    let check = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    assert!(
        text(&check.stdout).contains("不存在了"),
        "{}",
        text(&check.stdout)
    );
    let before = std::fs::read(&file).expect("read");
    let update = gongkai(&["import", project_file, "--into", "table:p07-1"]);
    assert_eq!(update.status.code(), Some(2));
    assert!(
        text(&update.stderr).contains("不存在"),
        "{}",
        text(&update.stderr)
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "nothing changed"
    );
}

#[test]
fn a_gbk_csv_fills_card_records_and_export_data_prints_without_changing_the_project() {
    let (dir, file) = dir_with_project();
    let project_file = file.to_str().expect("utf-8");
    let mut csv = String::from("姓名,职务,负责区域,联系电话,服务事项\r\n");
    for row in 0..4 {
        csv.push_str(&format!(
            "网格员{},网格员,第{}组,{},\"政策宣传\r\n矛盾调解\"\r\n",
            row + 1,
            row + 1,
            mobile(row)
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let data = dir.path().join("households.csv");
    std::fs::write(&data, &gbk).expect("write");

    // One-off print: the project file stays byte for byte.
    let before = std::fs::read(&file).expect("read");
    let pdf = dir.path().join("cards.pdf");
    let output = gongkai(&[
        "export",
        project_file,
        "--mode",
        "cards",
        "--cards",
        "便民服务联系卡",
        "--data",
        data.to_str().expect("utf-8"),
        "--date",
        "2026-03-01",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let first = pdftotext_lines(&std::fs::read(&pdf).expect("pdf"), 1).join("\n");
    assert!(
        first.contains("138****0000"),
        "the file's records, masked: {first}"
    );
    assert!(
        !first.contains(&mobile(0)),
        "mobiles are masked on cards: {first}"
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);

    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "cards:便民服务联系卡",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let project = gongkai::model::load_project(&file).expect("load");
    let card = project.card("card-1").expect("card");
    assert_eq!(card.records.len(), 4);
    assert_eq!(card.records[0]["姓名"], "网格员1");
    assert_eq!(card.records[0]["服务事项"], "政策宣传\r\n矛盾调解");
    assert_eq!(card.field_kinds.get("联系电话"), Some(&ColumnKind::Phone));

    // A refused import changes nothing.
    let before = std::fs::read(&file).expect("read");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "cards:没有这张卡",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("找不到明白卡"));
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

/// The committed .xls (xlwt) and .ods (odfpy) fixtures; how they were made:
/// `tests/fixtures/import/make_fixtures.py`.
#[test]
fn xls_and_ods_fixtures_read_like_the_xlsx() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for name in ["dibao.xls", "dibao.ods"] {
        let table = read_table(&dir.join(name), &ImportOptions::default()).expect(name);
        println!("{name}: {table:?}");
        assert_eq!(table.header_row, 2, "{name}: the title row is skipped");
        assert_eq!(table.sheet.as_deref(), Some("低保名单"), "{name}");
        assert_eq!(
            table.columns,
            ["序号", "户主", "村民小组", "金额", "发放日期"],
            "{name}"
        );
        assert_eq!(table.rows.len(), 4, "{name}");
        assert_eq!(table.rows[0][1], "户主甲", "{name}");
        assert_eq!(table.rows[0][4], "2026-03-01", "{name}: dates become dates");
        assert!(table.total_row, "{name}");
        assert_eq!(table.kinds[3], ColumnKind::Number, "{name}");
        // No number formats from these readers: the amount column's kind gives 两位小数.
        assert_eq!(table.rows[0][3], "12,345.67", "{name}");
        assert_eq!(table.rows[1][3], "800.00", "{name}");
    }
    // The .ods 合计 formula gives its cached value; xlwt writes no cached value, so the .xls
    // one is empty (Excel and WPS store it; the .xlsx test checks that).
    let ods = read_table(&dir.join("dibao.ods"), &ImportOptions::default()).expect("ods");
    assert_eq!(ods.rows[3][3], "14,346.17");
}

/// The app's 导入数据 dialog: the file read, the title row skipped, a preview, a column left
/// out, the table filled as one undo step and the source linked.
#[cfg(feature = "gui")]
#[test]
fn the_import_dialog_previews_and_fills_a_table_in_one_undo_step() {
    use egui_kittest::kittest::Queryable;
    let (dir, file) = dir_with_project();
    let data = dir.path().join("低保名单.xlsx");
    write_dibao_xlsx(&data, 8, &[]);
    let app = crate::support::open_app(Some(file));
    let mut harness = app_harness(app);
    harness.get_by_label("文件").click();
    harness.run();
    harness.get_by_label("导入数据（Excel、WPS、CSV）…").click();
    harness.run();
    {
        let dialog = harness
            .state_mut()
            .import_dialog
            .as_mut()
            .expect("dialog open");
        dialog.path = data.display().to_string();
        dialog.target = "table:p07-1".into();
    }
    harness.get_by_label("读取").click();
    harness.run();
    harness.get_by_label_contains("预览（共 9 行，含合计行）");
    harness.get_by_label("12,345.67");
    // Leave out the bank card column.
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "银行卡号")
        .click();
    harness.run();
    let undo_steps = harness.state().doc.history().undo_len();
    harness.get_by_label("导入").click();
    harness.run();
    let app = harness.state();
    assert!(app.import_dialog.is_none(), "the dialog closes");
    assert_eq!(
        app.doc.history().undo_len(),
        undo_steps + 1,
        "one undo step"
    );
    let item = app.project().item("p07-1").expect("item");
    let Some(Block::Table(table)) = item.blocks.iter().find(|b| matches!(b, Block::Table(_)))
    else {
        panic!("no table");
    };
    assert!(!table.columns.contains(&"银行卡号".to_owned()));
    assert_eq!(table.rows.len(), 9);
    assert_eq!(table.column_kinds[5], ColumnKind::IdNumber);
    assert!(
        app.project()
            .source(&SourceTarget::Table("p07-1".into()))
            .is_some()
    );
}

/// The parts of a small 低保 list as WPS 表格 saves an .xlsx: docProps naming WPS (and its KSO
/// build property), a merged title in an inline string, headers in shared strings, names as
/// inline strings, amounts with the built-in #,##0.00 (numFmtId 4), dates as serials with a
/// WPS custom format, and a 合计 row whose amount is a formula with its cached value.
fn wps_parts(households: &[(&str, f64)]) -> Vec<(&'static str, String)> {
    let headers = ["序号", "户主", "身份证号", "金额", "发放日期"];
    let sst: String = headers
        .iter()
        .map(|h| format!("<si><t>{h}</t></si>"))
        .collect();
    let mut rows = String::from(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>青禾村2026年农村低保对象名单</t></is></c></row><row r="2">"#,
    );
    for (c, column) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        rows.push_str(&format!(r#"<c r="{column}2" t="s"><v>{c}</v></c>"#));
    }
    rows.push_str("</row>");
    let mut total = 0.0;
    for (i, (name, amount)) in households.iter().enumerate() {
        let r = i + 3;
        total += amount;
        rows.push_str(&format!(
            concat!(
                r#"<row r="{r}"><c r="A{r}"><v>{n}</v></c>"#,
                r#"<c r="B{r}" t="inlineStr"><is><t>{name}</t></is></c>"#,
                r#"<c r="C{r}" t="inlineStr"><is><t>{id}</t></is></c>"#,
                r#"<c r="D{r}" s="1"><v>{amount}</v></c>"#,
                r#"<c r="E{r}" s="2"><v>46082</v></c></row>"#
            ),
            r = r,
            n = i + 1,
            name = name,
            id = id_number(i),
            amount = amount
        ));
    }
    let last = households.len() + 3;
    rows.push_str(&format!(
        r#"<row r="{last}"><c r="A{last}" t="inlineStr"><is><t>合计</t></is></c><c r="D{last}" s="1"><f>SUM(D3:D{})</f><v>{total}</v></c></row>"#,
        last - 1
    ));
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let ct = "application/vnd.openxmlformats-officedocument";
    vec![
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="{ct}.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/app.xml" ContentType="{ct}.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="{ct}.custom-properties+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="{rel}/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId3" Type="{rel}/custom-properties" Target="docProps/custom.xml"/></Relationships>"#
            ),
        ),
        (
            "docProps/app.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS 表格</Application></Properties>"#.to_owned(),
        ),
        (
            "docProps/custom.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16120</vt:lpwstr></property></Properties>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="低保名单" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/styles.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{main}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy/m/d;@"/></numFmts><fonts count="1"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#
            ),
        ),
        (
            "xl/sharedStrings.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{main}" count="5" uniqueCount="5">{sst}</sst>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{main}" xmlns:r="{rel}"><sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells></worksheet>"#
            ),
        ),
    ]
}

fn write_wps_xlsx(path: &Path, households: &[(&str, f64)]) {
    use std::io::Write;
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    for (name, text) in wps_parts(households) {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
}

const WPS_HOUSEHOLDS: [(&str, f64); 3] = [
    ("户主甲", 12_345.67),
    ("户主乙", 800.0),
    ("户主丙", 1_200.5),
];

#[test]
fn an_xlsx_saved_by_wps_imports_with_dates_and_a_bold_total_row_printed_last() {
    let (dir, file) = dir_with_project();
    let data = dir.path().join("低保对象.xlsx");
    write_wps_xlsx(&data, &WPS_HOUSEHOLDS);
    let read = read_table(&data, &ImportOptions::default()).expect("a WPS workbook reads");
    assert_eq!(read.header_row, 2);
    assert_eq!(
        read.columns,
        ["序号", "户主", "身份证号", "金额", "发放日期"]
    );
    assert_eq!(read.rows[0][1], "户主甲", "inline strings");
    assert_eq!(read.rows[0][3], "12,345.67", "built-in #,##0.00");
    assert_eq!(read.kinds[4], ColumnKind::Date);
    assert!(read.total_row);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);

    let project_file = file.to_str().expect("utf-8");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
        "--columns",
        "户主,金额,发放日期",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let project = gongkai::model::load_project(&file).expect("load");
    let Some(Block::Table(table)) = project
        .item("p07-1")
        .expect("item")
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Table(_)))
    else {
        panic!("no table");
    };
    assert!(table.total_row, "the 合计 row is kept as the total row");
    // 46082 is 2026-03-01: the serial became a date in the project's style.
    assert_eq!(table.rows[0][2], "2026年3月1日");
    assert_eq!(table.rows[3][0], "合计");
    assert_eq!(table.rows[3][1], "14,346.17");

    // The layout sets the 合计 row in the bold face, the other rows in the regular one.
    let layout = gongkai(&["layout", project_file, "--json"]);
    let dump: serde_json::Value = serde_json::from_slice(&layout.stdout).expect("json");
    let font_of = |wanted: &str| -> String {
        dump["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|line| line["text"] == wanted)
            .map(|line| line["font"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_else(|| panic!("no line {wanted}"))
    };
    assert!(font_of("合计").contains("Bold"), "{}", font_of("合计"));
    assert!(font_of("14,346.17").contains("Bold"));
    assert!(!font_of("户主乙").contains("Bold"), "{}", font_of("户主乙"));

    // The board PDF: the 合计 row is the table's last, its amount right-aligned with the others.
    let pdf = dir.path().join("board.pdf");
    let output = gongkai(&[
        "export",
        project_file,
        "--mode",
        "board",
        "--date",
        "2026-03-01",
        "--force",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    // The fixture's 民生保障 panel overflows further down (exit 1 with --force: written).
    assert!(pdf.is_file(), "{}", text(&output.stderr));
    let words = word_boxes(&pdf, 1);
    let word = |wanted: &str| {
        words
            .iter()
            .find(|(w, ..)| w == wanted)
            .cloned()
            .unwrap_or_else(|| panic!("{wanted} not printed"))
    };
    let total = word("合计");
    for name in ["户主甲", "户主乙", "户主丙"] {
        assert!(word(name).2 < total.2, "{name} above the 合计 row");
    }
    let rights: Vec<f32> = ["12,345.67", "800.00", "1,200.50", "14,346.17"]
        .iter()
        .map(|amount| word(amount).3)
        .collect();
    assert!(
        rights.iter().all(|x| (x - rights[0]).abs() < 0.6),
        "amounts right-aligned: {rights:?}"
    );
    assert!(
        word("14,346.17").2 > word("1,200.50").2,
        "the total amount is last"
    );

    // One amount changes: one row changed, and the 合计 row told apart from the households.
    write_wps_xlsx(
        &data,
        &[
            ("户主甲", 12_345.67),
            ("户主乙", 900.0),
            ("户主丙", 1_200.5),
        ],
    );
    let update = gongkai(&["import", project_file, "--into", "table:p07-1"]);
    let said = text(&update.stdout);
    assert!(update.status.success(), "{}", text(&update.stderr));
    assert!(
        said.contains("新增 0 行，删除 0 行，修改 1 行，合计行有变化"),
        "{said}"
    );
    assert!(
        said.contains("修改：户主乙 | 【800.00 → 900.00】"),
        "{said}"
    );
    assert!(said.contains("合计行：合计 | 14,446.17"), "{said}");
}

#[test]
fn an_encrypted_locked_or_unreadable_file_is_said_plainly() {
    let (dir, file) = dir_with_project();
    let project_file = file.to_str().expect("utf-8");
    // Made with msoffcrypto-tool (tests/fixtures/import/make_fixtures.py).
    let encrypted =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/encrypted.xlsx");
    let error = read_table(&encrypted, &ImportOptions::default()).expect_err("encrypted");
    assert!(matches!(error, ImportError::Password(_)), "{error}");
    assert!(error.to_string().contains("设有打开密码"), "{error}");
    let before = std::fs::read(&file).expect("read");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        encrypted.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("密码"),
        "{}",
        text(&output.stderr)
    );
    assert!(text(&output.stderr).contains("项目未改动"));
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "nothing changed"
    );

    // Still open in WPS/Excel (owner file ~$name) or LibreOffice (.~lock.name#): a warning,
    // the last saved content is imported.
    let data = dir.path().join("低保对象.xlsx");
    write_wps_xlsx(&data, &WPS_HOUSEHOLDS);
    let read = read_table(&data, &ImportOptions::default()).expect("read");
    assert!(read.warnings.is_empty());
    for lock in ["~$低保对象.xlsx", "~$对象.xlsx", ".~lock.低保对象.xlsx#"] {
        let lock_path = dir.path().join(lock);
        std::fs::write(&lock_path, b"owner").expect("lock");
        let read = read_table(&data, &ImportOptions::default()).expect("read");
        assert_eq!(read.warnings.len(), 1, "{lock}");
        assert!(
            read.warnings[0].contains("文件可能仍在 WPS/Excel 中打开"),
            "{lock}: {:?}",
            read.warnings
        );
        assert!(read.warnings[0].contains(lock), "{:?}", read.warnings);
        std::fs::remove_file(&lock_path).expect("remove");
    }
    std::fs::write(dir.path().join("~$低保对象.xlsx"), b"owner").expect("lock");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "table:p07-1",
        "--dry-run",
    ]);
    assert!(output.status.success());
    assert!(
        text(&output.stderr).contains("注意：文件可能仍在 WPS/Excel 中打开"),
        "{}",
        text(&output.stderr)
    );

    // No permission to read (root reads anything: then only the message is checked).
    use std::os::unix::fs::PermissionsExt;
    let closed = dir.path().join("无权限.csv");
    std::fs::write(&closed, "户主,金额\n户主甲,1\n").expect("write");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&closed).is_err() {
        let error = read_table(&closed, &ImportOptions::default()).expect_err("no permission");
        assert!(matches!(error, ImportError::NoPermission(_)), "{error}");
    }
    let said = ImportError::NoPermission("无权限.csv".into()).to_string();
    assert!(said.contains("没有读取文件 无权限.csv 的权限"), "{said}");
}

/// The dialog from the card inspector: columns left out and reordered with ↑, the date column
/// guessed 日期 and previewed in the project's style, the rows become the card's records (the
/// 名单 grid and the ◀ N / M ▶ navigator show them); then 从源文件更新 in the card inspector
/// shows the two changed rows before they are applied, as one undo step.
#[cfg(feature = "gui")]
#[test]
fn the_import_dialog_orders_columns_and_fills_a_cards_records_then_updates_them() {
    use egui_kittest::kittest::Queryable;
    use gongkai::model::CardSide;
    let (dir, file) = dir_with_project();
    let data = dir.path().join("低保名单.xlsx");
    write_dibao_xlsx(&data, 8, &[]);
    let mut app = crate::support::open_app(Some(file));
    app.select_card("card-1", CardSide::Front);
    let mut harness = app_harness(app);
    harness.get_by_label("从表格导入名单…").click();
    harness.run();
    assert_eq!(
        harness
            .state()
            .import_dialog
            .as_ref()
            .expect("dialog open")
            .target,
        "cards:card-1"
    );
    harness
        .state_mut()
        .import_dialog
        .as_mut()
        .expect("dialog")
        .path = data.display().to_string();
    harness.get_by_label("读取").click();
    harness.run();
    // Issue 28: personal columns no face of the card prints are left out by default.
    let (columns, _) = harness
        .state()
        .import_dialog
        .as_ref()
        .expect("dialog")
        .chosen();
    assert!(
        !columns.iter().any(|c| c == "身份证号" || c == "银行卡号"),
        "{columns:?}"
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "序号")
        .click();
    harness.run();
    // 金额 (5th) up twice: before 村民小组.
    for position in [4, 3] {
        harness
            .get_all_by_label("↑")
            .nth(position)
            .expect("↑")
            .click();
        harness.run();
    }
    let (columns, kinds) = harness
        .state()
        .import_dialog
        .as_ref()
        .expect("dialog")
        .chosen();
    assert_eq!(columns, ["户主", "金额", "村民小组", "人数", "发放日期"]);
    assert_eq!(kinds[4], ColumnKind::Date);
    assert!(
        harness.get_all_by_label("2026年3月1日").count() >= 1,
        "previewed as a date"
    );
    let undo_steps = harness.state().doc.history().undo_len();
    harness.get_by_label("导入").click();
    harness.run();
    assert!(harness.state().import_dialog.is_none(), "the dialog closes");
    assert_eq!(harness.state().doc.history().undo_len(), undo_steps + 1);
    let card = harness
        .state()
        .project()
        .card("card-1")
        .expect("card")
        .clone();
    assert_eq!(
        card.fields,
        ["户主", "金额", "村民小组", "人数", "发放日期"]
    );
    assert_eq!(card.records.len(), 8, "the 合计 row is not a household");
    assert_eq!(card.records[0]["金额"], "12,345.67");
    assert_eq!(card.records[0]["发放日期"], "2026年3月1日");
    harness.get_by_label("1 / 8");
    harness.get_by_label("名单…").click();
    harness.run();
    harness.get_by_label("第1行户主");
    harness.state_mut().cards.records_open = None;
    harness.run();

    // Two rows change in the spreadsheet: the findings list says so within a few seconds,
    // and the update lists them before applying.
    let changed_on_disk = "在导入后改动过";
    assert_eq!(
        harness.query_all_by_label_contains(changed_on_disk).count(),
        0
    );
    write_dibao_xlsx(&data, 8, &[2, 6]);
    harness.run_steps(12);
    harness.get_by_label_contains(changed_on_disk);
    harness.get_by_label("从源文件更新").click();
    harness.run();
    harness.get_by_label_contains("新增 0 行，删除 0 行，修改 2 行");
    assert_eq!(harness.get_all_by_label_contains("修改：户主").count(), 2);
    assert_eq!(
        harness
            .state()
            .project()
            .card("card-1")
            .expect("card")
            .records,
        card.records,
        "nothing applied yet"
    );
    let undo_steps = harness.state().doc.history().undo_len();
    harness.get_by_label("应用更新").click();
    harness.run();
    assert_eq!(harness.state().doc.history().undo_len(), undo_steps + 1);
    assert_eq!(
        harness.query_all_by_label_contains(changed_on_disk).count(),
        0,
        "the link now holds the file as read"
    );
    let updated = harness
        .state()
        .project()
        .card("card-1")
        .expect("card")
        .clone();
    assert_eq!(updated.records.len(), 8);
    assert_ne!(updated.records[2], card.records[2]);
    assert_eq!(updated.records[3], card.records[3]);
}

/// A CSV of three invented 网格员 under the contact card's own column names but one: the phone
/// column, when asked, is named 电话 (landlines 0000-66130NN).
fn grid_workers_csv(with_phone: bool) -> String {
    let mut csv = String::from(if with_phone {
        "姓名,职务,负责区域,服务事项,电话\r\n"
    } else {
        "姓名,职务,负责区域,服务事项\r\n"
    });
    for row in 0..3 {
        csv.push_str(&format!(
            "网格员{},网格员,第{}组,政策宣传",
            row + 1,
            row + 1
        ));
        if with_phone {
            csv.push_str(&format!(",0000-66130{row:02}"));
        }
        csv.push_str("\r\n");
    }
    csv
}

/// A 名单 imported without a column the card's faces use: `check` names the field, and the
/// export refuses to print cards that would show “{联系电话}” as it is.
#[test]
fn a_card_field_the_imported_list_lacks_is_found_and_stops_the_export() {
    let (dir, file) = dir_with_project();
    let project_file = file.to_str().expect("utf-8");
    let data = dir.path().join("网格员.csv");
    std::fs::write(&data, grid_workers_csv(false)).expect("write");
    let imported = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "cards:便民服务联系卡",
    ]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let checked = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    let said = text(&checked.stdout);
    assert!(
        said.contains("明白卡“便民服务联系卡”的卡面用到{联系电话}，名单里没有这些栏"),
        "{said}"
    );
    let pdf = dir.path().join("cards.pdf");
    let refused = gongkai(&[
        "export",
        project_file,
        "--mode",
        "cards",
        "--cards",
        "便民服务联系卡",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("{联系电话}"));
    assert!(!pdf.exists(), "nothing printed");
}

/// The same list with its phone column named 电话: imported as the card's 联系电话
/// (`--columns …,电话=联系电话`), nothing is left unknown, the cards print the numbers, and
/// 从源文件更新 maps the column the same way.
#[test]
fn a_column_is_imported_under_the_card_field_it_fills() {
    let (dir, file) = dir_with_project();
    let project_file = file.to_str().expect("utf-8");
    let csv = grid_workers_csv(true);
    let data = dir.path().join("网格员.csv");
    std::fs::write(&data, &csv).expect("write");
    let imported = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "cards:便民服务联系卡",
        "--columns",
        "姓名,职务,负责区域,服务事项,电话=联系电话",
    ]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let project = gongkai::model::load_project(&file).expect("load");
    let card = project.card_by_id_or_name("便民服务联系卡").expect("card");
    assert_eq!(card.fields.last().map(String::as_str), Some("联系电话"));
    assert_eq!(card.records[2]["联系电话"], "0000-6613002");
    assert!(
        card.unknown_fields().is_empty(),
        "{:?}",
        card.unknown_fields()
    );
    let checked = gongkai(&["check", project_file, "--today", "2026-03-01"]);
    assert!(
        !text(&checked.stdout).contains("卡面用到"),
        "{}",
        text(&checked.stdout)
    );
    let pdf = dir.path().join("cards.pdf");
    let exported = gongkai(&[
        "export",
        project_file,
        "--mode",
        "cards",
        "--cards",
        "便民服务联系卡",
        "-o",
        pdf.to_str().expect("utf-8"),
    ]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let printed = pdftotext_lines(&std::fs::read(&pdf).expect("pdf"), 1).concat();
    assert!(printed.contains("0000-6613001"), "{printed}");
    // The file changes; the update re-reads it with the same mapping.
    std::fs::write(&data, csv.replace("0000-6613002", "0000-6613099")).expect("write");
    let updated = gongkai(&["import", project_file, "--into", "cards:便民服务联系卡"]);
    assert!(updated.status.success(), "{}", text(&updated.stderr));
    let project = gongkai::model::load_project(&file).expect("load");
    let card = project.card_by_id_or_name("便民服务联系卡").expect("card");
    assert_eq!(card.records[2]["联系电话"], "0000-6613099");
    assert!(card.unknown_fields().is_empty());
}

/// In the dialog, a file whose columns are named 面积 and 金额 fills a 惠农补贴明白卡's
/// 面积/人数 and 补贴金额 without the clerk renaming anything: each is offered under the one
/// field that holds its name, and the imported 名单 leaves no field unknown.
#[cfg(feature = "gui")]
#[test]
fn the_import_dialog_offers_the_card_field_a_column_fills() {
    use egui_kittest::kittest::Queryable;
    use gongkai::catalog::{CardTemplate, card_from_template};
    let (dir, file) = dir_with_project();
    let mut project = gongkai::model::load_project(&file).expect("load");
    let card = card_from_template(&project, CardTemplate::Subsidy, None);
    let card_id = card.id.clone();
    project
        .apply(gongkai::model::Edit::AddCard(card))
        .expect("card");
    gongkai::model::save_project(&project, &file).expect("save");
    let mut csv = String::from(
        "户号,户主,村民小组,补贴项目,面积,补贴标准,金额,发放方式,发放日期,政策依据\r\n",
    );
    for row in 0..4 {
        csv.push_str(&format!(
            "{:04},户主{row},一组,耕地地力保护补贴,3.5,105.5 元/亩,369.25,一卡通,2026年6月30日,按确权面积发放\r\n",
            row + 1
        ));
    }
    let data = dir.path().join("补贴.csv");
    std::fs::write(&data, csv).expect("write");
    let mut app = crate::support::open_app(Some(file));
    app.select_card(&card_id, gongkai::model::CardSide::Front);
    let mut harness = app_harness(app);
    harness.get_by_label("从表格导入名单…").click();
    harness.run();
    harness
        .state_mut()
        .import_dialog
        .as_mut()
        .expect("dialog")
        .path = data.display().to_string();
    harness.get_by_label("读取").click();
    harness.run();
    let (columns, _) = harness
        .state()
        .import_dialog
        .as_ref()
        .expect("dialog")
        .chosen();
    assert_eq!(columns[4], "面积=面积/人数");
    assert_eq!(columns[6], "金额=补贴金额");
    harness.get_by_label("导入").click();
    harness.run();
    let card = harness
        .state()
        .project()
        .card(&card_id)
        .expect("card")
        .clone();
    assert!(
        card.unknown_fields().is_empty(),
        "{:?}",
        card.unknown_fields()
    );
    assert_eq!(card.records[3]["补贴金额"], "369.25");
    assert_eq!(card.records[3]["面积/人数"], "3.5");
}

/// A one-off list (`export --data`) whose phone column is named 电话: refused with a hint to
/// map it, then printed with `--columns …,电话=联系电话`; the project is never changed.
#[test]
fn a_one_off_list_maps_its_columns_on_the_command_line() {
    let (dir, file) = dir_with_project();
    let project_file = file.to_str().expect("utf-8");
    let data = dir.path().join("一次性.csv");
    std::fs::write(&data, grid_workers_csv(true)).expect("write");
    let before = std::fs::read(&file).expect("read");
    let pdf = dir.path().join("cards.pdf");
    let export = |columns: Option<&str>| {
        let mut args = vec![
            "export",
            project_file,
            "--mode",
            "cards",
            "--cards",
            "便民服务联系卡",
            "--data",
            data.to_str().expect("utf-8"),
            "-o",
            pdf.to_str().expect("utf-8"),
        ];
        if let Some(columns) = columns {
            args.extend(["--columns", columns]);
        }
        gongkai(&args)
    };
    let refused = export(None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("用 --columns 对应"),
        "{}",
        text(&refused.stderr)
    );
    let printed = export(Some("姓名,职务,负责区域,服务事项,电话=联系电话"));
    assert!(printed.status.success(), "{}", text(&printed.stderr));
    let lines = pdftotext_lines(&std::fs::read(&pdf).expect("pdf"), 1).concat();
    assert!(lines.contains("0000-6613001"), "{lines}");
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

/// Issue 28, trap 1: a household CSV imported into the village template's 明白卡 fills the
/// fields it has; the template's fields the file lacks stay as card-wide 固定内容 (no
/// `{补贴项目}` printed), 保障人数 keeps its name, 金额 fills 金额（元）, and the 联系电话 no
/// face prints is left out.
#[test]
fn a_gbk_household_csv_merges_into_the_village_card_and_keeps_its_fields() {
    let dir = tempfile::tempdir().expect("dir");
    let file = new_village_file(dir.path());
    let project_file = file.to_str().expect("utf-8");
    let mut csv = String::from("户号,户主,村民小组,保障人数,金额,联系电话\r\n");
    for row in 0..30 {
        csv.push_str(&format!(
            "{},户主{},第{}组,{},{:.2},{}\r\n",
            row + 1,
            row + 1,
            row % 5 + 1,
            row % 4 + 1,
            1_000.0 + row as f64 * 12.5,
            mobile(row)
        ));
    }
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let data = dir.path().join("补贴户.csv");
    std::fs::write(&data, &gbk).expect("write");
    let output = gongkai(&[
        "import",
        project_file,
        "--source",
        data.to_str().expect("utf-8"),
        "--into",
        "cards:惠民政策明白卡",
    ]);
    let said = text(&output.stdout);
    assert!(output.status.success(), "{said}{}", text(&output.stderr));
    assert!(
        said.contains("固定内容") && said.contains("补贴项目"),
        "{said}"
    );
    assert!(said.contains("未导入的列：联系电话"), "{said}");

    let project = gongkai::model::load_project(&file).expect("load");
    let card = project
        .cards
        .iter()
        .find(|card| card.name == "惠民政策明白卡")
        .expect("card");
    assert_eq!(card.records.len(), 30);
    assert!(
        card.fields.contains(&"保障人数".to_owned()),
        "{:?}",
        card.fields
    );
    assert!(
        !card.fields.contains(&"联系电话".to_owned()),
        "{:?}",
        card.fields
    );
    // Money as the board prints it (issue 28, trap 11): 千分位 and two decimals.
    assert_eq!(card.records[1]["金额（元）"], "1,012.50");
    assert!(card.fixed.contains_key("补贴项目"), "{:?}", card.fixed);
    assert!(
        card.unknown_fields().is_empty(),
        "{:?}",
        card.unknown_fields()
    );

    let check = gongkai(&["check", project_file, "--today", "2026-03-02"]);
    let said = text(&check.stdout) + &text(&check.stderr);
    for field in ["{补贴项目}", "{金额（元）}", "{户主}", "照原样印出"] {
        assert!(!said.contains(field), "check names {field}: {said}");
    }
    // The template's 补贴项目 is blank (written by hand): 固定内容 to fill in once.
    assert!(said.contains("固定内容“补贴项目”还是空的"), "{said}");
}

fn village_project() -> gongkai::model::Project {
    use gongkai::catalog::{TemplateKind, TemplateOptions, project_from_template};
    let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    project_from_template(TemplateKind::Village, &TemplateOptions::new(day))
}

/// Issue 28, trap 1 on the 惠农补贴明白卡 template: 补贴项目, 补贴标准, 发放方式, 发放日期 and
/// the 政策依据 paragraph stay (固定内容), the file's columns fill the rest, nothing prints as
/// `{字段}`, and the plan says so before anything changes.
#[test]
fn the_subsidy_card_keeps_its_policy_fields_when_a_household_list_is_imported() {
    use gongkai::catalog::{CardTemplate, card_from_template};
    use gongkai::jobs::import::{TargetSpec, plan_import};
    let mut project = village_project();
    let card = card_from_template(&project, CardTemplate::Subsidy, None);
    let card_id = card.id.clone();
    project.cards.push(card);
    let dir = tempfile::tempdir().expect("dir");
    let mut csv = String::from("户号,户主,村民小组,面积/人数,补贴金额,联系电话\n");
    for row in 0..30 {
        csv.push_str(&format!(
            "{:04},户主{row},一组,{}.5,{:.2},{}\n",
            row + 1,
            row % 7 + 2,
            1_272.77 + row as f64,
            mobile(row)
        ));
    }
    let data = dir.path().join("惠农补贴.csv");
    std::fs::write(&data, encoding_rs::GBK.encode(&csv).0).expect("write");
    let plan = plan_import(
        &project,
        Some(dir.path()),
        &data,
        &ImportOptions::default(),
        &TargetSpec::Cards(card_id.clone()),
        None,
    )
    .expect("plan");
    let fields = plan.card_fields.clone().expect("a card plan");
    let fixed: Vec<&str> = fields.fixed.iter().map(|(name, _)| name.as_str()).collect();
    for kept in ["补贴项目", "补贴标准", "发放方式", "发放日期", "政策依据"] {
        assert!(fixed.contains(&kept), "{kept} stays: {fixed:?}");
    }
    assert_eq!(fields.left_out, ["联系电话"]);
    assert!(
        fields.lines()[0].contains("补贴金额"),
        "{:?}",
        fields.lines()
    );
    project.apply(plan.edit).expect("apply");
    let card = project.card(&card_id).expect("card");
    assert_eq!(card.records.len(), 30);
    assert!(
        card.unknown_fields().is_empty(),
        "{:?}",
        card.unknown_fields()
    );
    assert!(card.fixed["政策依据"].contains("《"), "{:?}", card.fixed);
    // Every card prints the policy from the one place it is kept.
    for record in &card.records {
        let printed = gongkai::compose::cards::fill_fields(
            "{补贴项目}|{政策依据}|{补贴金额}",
            &card.completed_record(record),
            &project.meta,
        );
        assert!(!printed.contains('{'), "{printed}");
        assert!(printed.contains(&card.fixed["补贴项目"]), "{printed}");
    }
}

/// Issue 28, trap 2: a 低保 list goes to the 低保 item by its name and columns, never to the
/// first table of the project; a file linked before goes back where it went.
#[test]
fn the_import_target_is_the_linked_item_else_the_best_match_never_the_first_table() {
    use gongkai::jobs::import::{TargetReason, suggest_target};
    let project = village_project();
    let columns: Vec<String> = ["户主", "村民小组", "保障人数", "保障金额", "身份证号"]
        .map(String::from)
        .to_vec();
    let file = Path::new("/tmp/2026年3月低保名单.xlsx");
    let (target, reason) =
        suggest_target(&project, None, file, Some("低保"), &columns, None).expect("a match");
    let SourceTarget::Table(item_id) = &target else {
        panic!("a table: {target:?}");
    };
    let title = &project.item(item_id).expect("item").title;
    assert!(title.contains("低保"), "{title}");
    assert_eq!(reason, TargetReason::BestMatch);
    // Nothing alike: no guess.
    let unrelated = Path::new("/tmp/data.csv");
    let columns = vec!["A".to_owned(), "B".to_owned()];
    assert_eq!(
        suggest_target(&project, None, unrelated, None, &columns, None),
        None
    );
    // Linked before: back to the same place, whatever is selected.
    let mut linked = project.clone();
    linked.sources.push(gongkai::model::DataSource {
        target: SourceTarget::Table("p-other".into()),
        path: "/tmp/data.csv".into(),
        sheet: None,
        header_row: 1,
        columns: Vec::new(),
        hash: String::new(),
    });
    let selected = SourceTarget::Table(item_id.clone());
    assert_eq!(
        suggest_target(&linked, None, unrelated, None, &columns, Some(&selected)),
        Some((SourceTarget::Table("p-other".into()), TargetReason::Linked))
    );
}

/// Issue 28, traps 2 and 6 in the app: the import dialog aims a 低保 list at the 低保 item (by
/// its name and columns), not at the project's first table, and 保障人数 stays 保障人数; the
/// first table is left as it was.
#[cfg(feature = "gui")]
#[test]
fn the_import_dialog_aims_at_the_matching_item_and_keeps_the_file_s_column_names() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("东湾村.gongkai.json");
    gongkai::model::save_project(&village_project(), &file).expect("save");
    let data = dir.path().join("2026年3月低保名单.csv");
    let mut csv = String::from("户主,村民小组,保障人数,金额\n");
    for row in 0..5 {
        csv.push_str(&format!(
            "户主{row},一组,{},{}.00\n",
            row % 3 + 1,
            300 + row
        ));
    }
    std::fs::write(&data, csv).expect("write");
    let mut harness = app_harness(crate::support::open_app(Some(file)));
    let first_before = harness.state().project().items[0].clone();
    harness.state_mut().open_import_dialog();
    harness.run();
    harness
        .state_mut()
        .import_dialog
        .as_mut()
        .expect("dialog")
        .path = data.display().to_string();
    harness.get_by_label("读取").click();
    harness.run();
    let dialog = harness.state().import_dialog.as_ref().expect("dialog");
    let item_id = dialog
        .target
        .strip_prefix("table:")
        .expect("a table")
        .to_owned();
    let title = harness
        .state()
        .project()
        .item(&item_id)
        .expect("item")
        .title
        .clone();
    assert!(title.contains("低保"), "aimed at {title}");
    let (columns, _) = dialog.chosen();
    assert_eq!(columns, ["户主", "村民小组", "保障人数", "金额"]);
    harness.get_by_label("导入").click();
    harness.run();
    let project = harness.state().project();
    let table = project
        .item(&item_id)
        .and_then(|item| {
            item.blocks.iter().find_map(|block| match block {
                Block::Table(table) => Some(table.clone()),
                _ => None,
            })
        })
        .expect("table");
    assert_eq!(table.columns, ["户主", "村民小组", "保障人数", "金额"]);
    assert_eq!(table.rows.len(), 5);
    assert_eq!(
        project.items[0], first_before,
        "the first table is untouched"
    );
}

/// Issue 28, trap 1 in the app: after a household list is imported into the village card, its
/// 补贴项目 is 固定内容, edited once in the card inspector for every household; and the card is
/// linked to the catalog's 惠农补贴发放.
#[cfg(feature = "gui")]
#[test]
fn the_card_s_fixed_content_is_edited_once_in_the_inspector() {
    use egui_kittest::kittest::Queryable;
    use gongkai::jobs::import::{TargetSpec, plan_import};
    use gongkai::model::CardSide;
    let dir = tempfile::tempdir().expect("dir");
    let mut project = village_project();
    let card_id = project.cards[0].id.clone();
    let data = dir.path().join("补贴户.csv");
    std::fs::write(
        &data,
        "户主,村民小组,金额\n户主甲,一组,100.00\n户主乙,二组,200.00\n",
    )
    .expect("write");
    let plan = plan_import(
        &project,
        Some(dir.path()),
        &data,
        &ImportOptions::default(),
        &TargetSpec::Cards(card_id.clone()),
        None,
    )
    .expect("plan");
    project.apply(plan.edit).expect("apply");
    let file = dir.path().join("东湾村.gongkai.json");
    gongkai::model::save_project(&project, &file).expect("save");
    let mut app = crate::support::open_app(Some(file));
    app.select_card(&card_id, CardSide::Front);
    let mut harness = app_harness(app);
    harness.get_by_label("公开目录事项");
    let field = harness.get_by_label("补贴项目");
    field.focus();
    field.type_text("耕地地力保护补贴");
    harness.run();
    let card = harness
        .state()
        .project()
        .card(&card_id)
        .expect("card")
        .clone();
    assert!(
        card.fixed["补贴项目"].contains("耕地地力保护补贴"),
        "{:?}",
        card.fixed
    );
    let meta = harness.state().project().meta.clone();
    for record in card.records.iter() {
        let printed = gongkai::compose::cards::fill_fields(
            "{补贴项目}",
            &card.completed_record(record),
            &meta,
        );
        assert!(printed.contains("耕地地力保护补贴"), "{printed}");
    }
    let entry = card.entry_id.as_deref().expect("linked");
    assert_eq!(
        harness
            .state()
            .project()
            .catalog
            .entry(entry)
            .expect("entry")
            .name,
        "惠农补贴发放"
    );
}
