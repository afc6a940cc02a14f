//! The spreadsheets of issue 13's walkthrough, with invented people (身份证号 with valid check
//! digits, made-up mobiles): a 低保 list as WPS 表格 saves an .xlsx (`dibao.xlsx`: a merged
//! title row, #,##0.00 amounts, dates, a 合计 row with a formula; docProps/app.xml naming WPS)
//! and a GBK CSV of households for a 惠农补贴明白卡 (`households.csv`).
//!
//! `cargo run --example issue13_data -- OUT_DIR [--changed]` (`--changed`: two rows of the
//! 低保 list differ, 户主3's 人数 and 户主8's amount, for 从源文件更新).

use gongkai::privacy::id_check_char;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::io::{Read, Write};
use std::path::Path;

const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];
const GIVEN: [&str; 12] = [
    "建国", "秀英", "桂兰", "志强", "玉梅", "德福", "春花", "明亮", "淑珍", "海涛", "丽娟", "长生",
];

fn name(row: usize) -> String {
    format!("{}{}", SURNAMES[row % 12], GIVEN[(row * 5 + 3) % 12])
}

fn id_number(row: usize) -> Result<String, String> {
    let first17 = format!(
        "410182{}{:02}{:02}{:03}",
        1950 + row * 3 % 40,
        1 + row % 12,
        1 + row * 7 % 28,
        100 + row * 37 % 800
    );
    let check = id_check_char(first17.as_bytes()).ok_or("no check digit")?;
    Ok(format!("{first17}{check}"))
}

fn mobile(row: usize) -> String {
    format!("15{}{:08}", 7 + row % 3, 31_415_926 + row * 2_718)
}

fn write_dibao(path: &Path, changed: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("低保名单")?;
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy/m/d");
    let headers = [
        "序号",
        "户主",
        "村民小组",
        "保障人数",
        "月保障金（元）",
        "身份证号",
        "联系电话",
        "发放日期",
    ];
    let title = "青禾村2026年第一季度农村低保对象名单";
    sheet.merge_range(0, 0, 0, headers.len() as u16 - 1, title, &Format::new())?;
    for (c, header) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *header)?;
    }
    let households = 12;
    let (mut total_people, mut total_amount) = (0, 0.0);
    for row in 0..households {
        let r = row as u32 + 2;
        let people = if changed && row == 2 { 4 } else { 1 + row % 4 };
        let amount = if changed && row == 7 {
            1_386.0
        } else {
            people as f64 * 462.0 - (row % 3) as f64 * 35.5
        };
        total_people += people;
        total_amount += amount;
        sheet.write_number(r, 0, (row + 1) as f64)?;
        sheet.write_string(r, 1, name(row))?;
        sheet.write_string(
            r,
            2,
            format!("第{}村民小组", ["一", "二", "三", "四"][row % 4]),
        )?;
        sheet.write_number(r, 3, people as f64)?;
        sheet.write_number_with_format(r, 4, amount, &money)?;
        sheet.write_string(r, 5, id_number(row)?)?;
        sheet.write_string(r, 6, mobile(row))?;
        sheet.write_datetime_with_format(r, 7, ExcelDateTime::from_ymd(2026, 3, 10)?, &date)?;
    }
    let last = households as u32 + 2;
    sheet.write_string(last, 0, "合计")?;
    // The cached values, as WPS and Excel save them beside the formulas.
    let people = Formula::new(format!("=SUM(D3:D{last})")).set_result(total_people.to_string());
    sheet.write_formula_with_format(last, 3, people, &Format::new())?;
    let amount = Formula::new(format!("=SUM(E3:E{last})")).set_result(total_amount.to_string());
    sheet.write_formula_with_format(last, 4, amount, &money)?;
    let plain = path.with_extension("tmp.xlsx");
    workbook.save(&plain)?;
    as_saved_by_wps(&plain, path)?;
    std::fs::remove_file(&plain)?;
    Ok(())
}

/// The workbook with its docProps/app.xml naming WPS 表格 and WPS's KSO build property, the
/// other parts copied as they are.
fn as_saved_by_wps(from: &Path, to: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from)?)?;
    let mut out = zip::ZipWriter::new(std::fs::File::create(to)?);
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index)?;
        if entry.name().as_deref().ok() == Some("docProps/app.xml") {
            continue;
        }
        out.raw_copy_file(entry)?;
    }
    let options = zip::write::SimpleFileOptions::default();
    out.start_file("docProps/app.xml", options)?;
    out.write_all(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">"#,
            r#"<Application>WPS 表格</Application><DocSecurity>0</DocSecurity></Properties>"#
        )
        .as_bytes(),
    )?;
    out.finish()?;
    // The copy must read back (a broken zip would make a poor walkthrough).
    let mut check = Vec::new();
    std::fs::File::open(to)?.read_to_end(&mut check)?;
    zip::ZipArchive::new(std::io::Cursor::new(check))?;
    Ok(())
}

fn write_households(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut text = String::from(
        "户号,户主,村民小组,补贴项目,面积/人数,补贴标准,补贴金额,发放方式,发放日期,政策依据,联系电话\r\n",
    );
    for row in 0..20 {
        let area = 2.5 + (row % 7) as f64 * 1.25;
        text.push_str(&format!(
            "{:04},{},第{}村民小组,耕地地力保护补贴,{area:.2}亩,105.00元/亩,\"{:.2}\",一卡通,2026-04-15,\"财农〔2026〕12号\r\n按确权面积发放\",{}\r\n",
            row + 1,
            name(row + 3),
            ["一", "二", "三", "四"][row % 4],
            area * 105.0,
            mobile(row + 20)
        ));
    }
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    if unmappable {
        return Err("a character GBK cannot hold".into());
    }
    std::fs::write(path, gbk)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: issue13_data OUT_DIR [--changed]")?;
    let changed = args.any(|arg| arg == "--changed");
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir)?;
    write_dibao(&dir.join("dibao.xlsx"), changed)?;
    if !changed {
        write_households(&dir.join("households.csv"))?;
    }
    println!("written to {}", dir.display());
    Ok(())
}
