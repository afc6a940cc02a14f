//! The county summary as text lines (the terminal), as CSV and as a workbook: one row per
//! village, most urgent first, with the check date; the workbook adds the per-town subtotals
//! with their 按时公开率, the unreadable files and the duplicates, each on its own sheet.

use super::{CountySummary, TownTotals, VillageRow};
use crate::model::DateStyle;
use crate::schedule::format_date;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// How the county CSV starts (after its byte-order mark): an existing file is replaced only
/// when it starts so (`crate::fileio::check_output`).
pub const SUMMARY_CSV_HEADER: &str = "乡镇,单位,需处理,原因";

/// The columns of a village row, in the CSV and on the workbook's first sheet.
pub const COLUMNS_ZH: [&str; 9] = [
    "乡镇",
    "单位",
    "需处理",
    "原因",
    "未脱敏个人信息",
    "逾期天数",
    "最近公开日期",
    "下次应公开日期",
    "项目文件",
];

/// The CSV's last column: the check date on every row (a table keeps it when sorted).
const CHECK_DATE_COLUMN_ZH: &str = "检查日期";

const TOWN_COLUMNS_ZH: [&str; 8] = [
    "乡镇",
    "单位数",
    "需处理",
    "按时公开",
    "按时公开率",
    "逾期或内容过期",
    "未脱敏个人信息",
    "无法读取的文件",
];

fn date_zh(date: NaiveDate) -> String {
    format_date(date, DateStyle::Arabic)
}

fn optional_date_zh(date: Option<NaiveDate>) -> String {
    date.map(date_zh).unwrap_or_else(|| "—".to_owned())
}

/// 「87.5%」.
pub fn percent_zh(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

/// A village's reasons with its duplicates named.
fn reasons_cell(summary: &CountySummary, row: &VillageRow) -> String {
    let mut reasons = row.reasons.clone();
    if !row.duplicates.is_empty() {
        let others: Vec<String> = row
            .duplicates
            .iter()
            .map(|path| summary.shown_path(path))
            .collect();
        reasons.push(format!("与 {} 是同一单位的重复文件", others.join("、")));
    }
    reasons.join("；")
}

/// The cells of a village row, as text.
fn row_cells(summary: &CountySummary, row: &VillageRow) -> [String; 9] {
    [
        row.town.clone(),
        row.unit.clone(),
        if row.needs_action { "是" } else { "否" }.to_owned(),
        reasons_cell(summary, row),
        row.personal_data.to_string(),
        row.days_late.to_string(),
        optional_date_zh(row.last_published),
        optional_date_zh(row.next_due),
        summary.shown_path(&row.path),
    ]
}

/// The county's totals in one sentence.
pub fn totals_sentence_zh(summary: &CountySummary) -> String {
    let total = summary.totals();
    let duplicates = summary.duplicate_groups().len();
    let mut text = format!(
        "共 {} 个单位（{} 个乡镇），{} 个需要处理：未脱敏个人信息 {} 个，逾期或内容过期 {} 个；按时公开 {} 个，按时公开率 {}",
        total.villages,
        summary.towns.len(),
        total.needing_action,
        total.personal_data,
        total.overdue,
        total.on_time,
        percent_zh(total.on_time_rate()),
    );
    if !summary.unreadable.is_empty() {
        text.push_str(&format!(
            "；另有 {} 个文件无法读取",
            summary.unreadable.len()
        ));
    }
    if duplicates > 0 {
        text.push_str(&format!("；{duplicates} 个单位有重复的文件"));
    }
    text.push('。');
    text
}

/// The summary as text lines: the check date, a header, one tab-separated row per village
/// (most urgent first), the unreadable files, the duplicates and the totals.
pub fn summary_lines(summary: &CountySummary) -> Vec<String> {
    let mut lines = vec![format!("检查日期：{}", date_zh(summary.today))];
    lines.push(COLUMNS_ZH.join("\t"));
    lines.extend(
        summary
            .rows
            .iter()
            .map(|row| row_cells(summary, row).join("\t")),
    );
    for file in &summary.unreadable {
        lines.push(format!(
            "无法读取：{}：{}",
            summary.shown_path(&file.path),
            file.reason
        ));
    }
    for group in summary.duplicate_groups() {
        let files: Vec<String> = group
            .iter()
            .map(|row| summary.shown_path(&row.path))
            .collect();
        lines.push(format!(
            "重复：{}（{}）有 {} 个文件：{}",
            group[0].unit,
            group[0].town,
            group.len(),
            files.join("、")
        ));
    }
    lines.extend(roster_lines_zh(summary));
    lines.push(totals_sentence_zh(summary));
    lines
}

/// What the 名单 says: the units that sent no file, and those that sent two or more.
pub fn roster_lines_zh(summary: &CountySummary) -> Vec<String> {
    let Some(roster) = &summary.roster else {
        return Vec::new();
    };
    let named = |entry: &super::roster::RosterEntry| {
        if entry.town.is_empty() {
            entry.unit.clone()
        } else {
            format!("{}（{}）", entry.unit, entry.town)
        }
    };
    let mut lines = vec![format!(
        "名单共 {} 个单位：{} 个没有报送项目文件，{} 个报送了不止一个。",
        roster.expected,
        roster.missing.len(),
        roster.doubled.len()
    )];
    lines.extend(
        roster
            .missing
            .iter()
            .map(|entry| format!("未报送：{}", named(entry))),
    );
    lines.extend(roster.doubled.iter().map(|(entry, files)| {
        let files: Vec<String> = files.iter().map(|path| summary.shown_path(path)).collect();
        format!(
            "报送了 {} 个文件：{}：{}",
            files.len(),
            named(entry),
            files.join("、")
        )
    }));
    lines
}

/// The summary as CSV for Excel and WPS: UTF-8 with a byte-order mark, CRLF line ends; the
/// village rows (most urgent first), then the unreadable files (需处理 是, 原因 why).
pub fn summary_csv(summary: &CountySummary) -> String {
    let mut csv = String::from("\u{feff}");
    let today = date_zh(summary.today);
    let mut line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|cell| csv_cell(cell)).collect();
        csv.push_str(&cells.join(","));
        csv.push_str("\r\n");
    };
    let mut header: Vec<String> = COLUMNS_ZH.iter().map(|cell| (*cell).to_owned()).collect();
    header.push(CHECK_DATE_COLUMN_ZH.to_owned());
    line(&header);
    for row in &summary.rows {
        let mut cells = row_cells(summary, row).to_vec();
        cells.push(today.clone());
        line(&cells);
    }
    for file in &summary.unreadable {
        let town = super::town_of(&crate::model::Project::default(), &file.path, &summary.dir);
        line(&[
            town,
            String::new(),
            "是".to_owned(),
            format!("无法读取：{}", file.reason),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            summary.shown_path(&file.path),
            today.clone(),
        ]);
    }
    csv
}

/// One CSV cell, safe for spreadsheets (OWASP, CSV injection): a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read by Excel/WPS as a formula, so it gets a
/// leading `'` (shown as text, the formula never runs) and is quoted; quotes are doubled.
fn csv_cell(cell: &str) -> String {
    let formula_like = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let cell = if formula_like {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if formula_like || cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// The sheet names of the workbook, in order.
pub const SHEET_NAMES_ZH: [&str; 5] = [
    "各单位情况",
    "各乡镇汇总",
    "无法读取的文件",
    "重复文件",
    "名单核对",
];

/// The summary as an .xlsx workbook: 各单位情况 (the check date and the totals above the village
/// rows, most urgent first; printed A4 landscape, one page wide, the header repeated),
/// 各乡镇汇总 (per town, with 按时公开率, and 合计), 无法读取的文件, 重复文件. Text cells are
/// strings, never formulas (a unit named "=…" stays text). Its document properties carry
/// [`crate::fileio::write::XLSX_MARK`], so a later run may replace it and no other workbook.
pub fn summary_xlsx(summary: &CountySummary) -> Result<Vec<u8>, String> {
    build_workbook(summary)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|error| format!("无法生成汇总工作簿（{error}）"))
}

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    wrap: Format,
    number: Format,
    date: Format,
    percent: Format,
    total: Format,
    total_percent: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: cell
                .clone()
                .set_bold()
                .set_background_color(0xE0E0E0)
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            text: cell.clone(),
            wrap: cell.clone().set_text_wrap(),
            number: cell.clone().set_align(FormatAlign::Right),
            date: cell.clone().set_num_format("yyyy\"年\"m\"月\"d\"日\""),
            percent: cell.clone().set_num_format("0.0%"),
            total: cell.clone().set_bold(),
            total_percent: cell.set_bold().set_num_format("0.0%"),
        }
    }
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).unwrap_or(1900);
    // Month and day are 1–12 and 1–31.
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

fn print_setup(sheet: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(header_row, header_row)?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

fn write_header(
    sheet: &mut Worksheet,
    row: u32,
    columns: &[&str],
    widths: &[f64],
    format: &Format,
) -> Result<(), XlsxError> {
    for (column, (name, width)) in columns.iter().zip(widths).enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(row, column, *name, format)?;
        sheet.set_column_width(column, *width)?;
    }
    Ok(())
}

fn build_workbook(summary: &CountySummary) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let today = date_zh(summary.today);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("政务公开检查汇总（{today}）"))
            .set_author("公开栏设计器")
            .set_comment(crate::fileio::write::XLSX_MARK),
    );
    villages_sheet(workbook.add_worksheet(), summary, &formats)?;
    towns_sheet(workbook.add_worksheet(), summary, &formats)?;
    unreadable_sheet(workbook.add_worksheet(), summary, &formats)?;
    duplicates_sheet(workbook.add_worksheet(), summary, &formats)?;
    if summary.roster.is_some() {
        roster_sheet(workbook.add_worksheet(), summary, &formats)?;
    }
    Ok(workbook)
}

fn villages_sheet(
    sheet: &mut Worksheet,
    summary: &CountySummary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAMES_ZH[0])?;
    let last_column = (COLUMNS_ZH.len() - 1) as u16;
    sheet.merge_range(
        0,
        0,
        0,
        last_column,
        &format!("检查日期：{}", date_zh(summary.today)),
        &formats.title,
    )?;
    sheet.merge_range(
        1,
        0,
        1,
        last_column,
        &totals_sentence_zh(summary),
        &Format::new().set_text_wrap(),
    )?;
    sheet.set_row_height(1, 32)?;
    const HEADER_ROW: u32 = 3;
    write_header(
        sheet,
        HEADER_ROW,
        &COLUMNS_ZH,
        &[10.0, 22.0, 7.0, 60.0, 9.0, 9.0, 15.0, 15.0, 30.0],
        &formats.header,
    )?;
    let mut row_index = HEADER_ROW;
    for row in &summary.rows {
        row_index += 1;
        let cells = row_cells(summary, row);
        sheet.write_string_with_format(row_index, 0, &cells[0], &formats.text)?;
        sheet.write_string_with_format(row_index, 1, &cells[1], &formats.text)?;
        sheet.write_string_with_format(row_index, 2, &cells[2], &formats.text)?;
        sheet.write_string_with_format(row_index, 3, &cells[3], &formats.wrap)?;
        sheet.write_number_with_format(row_index, 4, row.personal_data as f64, &formats.number)?;
        sheet.write_number_with_format(row_index, 5, row.days_late as f64, &formats.number)?;
        for (column, date) in [(6u16, row.last_published), (7, row.next_due)] {
            match date {
                Some(date) => {
                    sheet.write_datetime_with_format(
                        row_index,
                        column,
                        excel_date(date)?,
                        &formats.date,
                    )?;
                }
                None => {
                    sheet.write_string_with_format(row_index, column, "—", &formats.text)?;
                }
            }
        }
        sheet.write_string_with_format(row_index, 8, &cells[8], &formats.text)?;
    }
    sheet.autofilter(HEADER_ROW, 0, row_index.max(HEADER_ROW + 1), last_column)?;
    print_setup(sheet, HEADER_ROW)
}

fn write_town_row(
    sheet: &mut Worksheet,
    row: u32,
    town: &TownTotals,
    formats: &Formats,
    total: bool,
) -> Result<(), XlsxError> {
    let (text, percent) = if total {
        (&formats.total, &formats.total_percent)
    } else {
        (&formats.text, &formats.percent)
    };
    sheet.write_string_with_format(row, 0, &town.town, text)?;
    let counts = [town.villages, town.needing_action, town.on_time];
    for (column, count) in counts.iter().enumerate() {
        sheet.write_number_with_format(row, column as u16 + 1, *count as f64, text)?;
    }
    sheet.write_number_with_format(row, 4, town.on_time_rate(), percent)?;
    let counts = [town.overdue, town.personal_data, town.unreadable];
    for (column, count) in counts.iter().enumerate() {
        sheet.write_number_with_format(row, column as u16 + 5, *count as f64, text)?;
    }
    Ok(())
}

fn towns_sheet(
    sheet: &mut Worksheet,
    summary: &CountySummary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAMES_ZH[1])?;
    sheet.merge_range(
        0,
        0,
        0,
        (TOWN_COLUMNS_ZH.len() - 1) as u16,
        &format!("检查日期：{}", date_zh(summary.today)),
        &formats.title,
    )?;
    const HEADER_ROW: u32 = 2;
    write_header(
        sheet,
        HEADER_ROW,
        &TOWN_COLUMNS_ZH,
        &[16.0, 8.0, 8.0, 9.0, 11.0, 14.0, 14.0, 14.0],
        &formats.header,
    )?;
    let mut row = HEADER_ROW;
    for town in &summary.towns {
        row += 1;
        write_town_row(sheet, row, town, formats, false)?;
    }
    write_town_row(sheet, row + 1, &summary.totals(), formats, true)?;
    print_setup(sheet, HEADER_ROW)
}

fn unreadable_sheet(
    sheet: &mut Worksheet,
    summary: &CountySummary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAMES_ZH[2])?;
    write_header(
        sheet,
        0,
        &["项目文件", "原因"],
        &[40.0, 90.0],
        &formats.header,
    )?;
    if summary.unreadable.is_empty() {
        sheet.write_string_with_format(1, 0, "（没有）", &formats.text)?;
    }
    for (index, file) in summary.unreadable.iter().enumerate() {
        let row = index as u32 + 1;
        sheet.write_string_with_format(row, 0, summary.shown_path(&file.path), &formats.text)?;
        sheet.write_string_with_format(row, 1, &file.reason, &formats.wrap)?;
    }
    print_setup(sheet, 0)
}

fn duplicates_sheet(
    sheet: &mut Worksheet,
    summary: &CountySummary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAMES_ZH[3])?;
    write_header(
        sheet,
        0,
        &["乡镇", "单位", "项目文件"],
        &[16.0, 24.0, 60.0],
        &formats.header,
    )?;
    let groups = summary.duplicate_groups();
    if groups.is_empty() {
        sheet.write_string_with_format(1, 0, "（没有）", &formats.text)?;
    }
    let mut row = 0;
    for village in groups.iter().flatten() {
        row += 1;
        sheet.write_string_with_format(row, 0, &village.town, &formats.text)?;
        sheet.write_string_with_format(row, 1, &village.unit, &formats.text)?;
        sheet.write_string_with_format(row, 2, summary.shown_path(&village.path), &formats.text)?;
    }
    print_setup(sheet, 0)
}

fn roster_sheet(
    sheet: &mut Worksheet,
    summary: &CountySummary,
    formats: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAMES_ZH[4])?;
    write_header(
        sheet,
        0,
        &["情况", "乡镇", "单位", "项目文件"],
        &[14.0, 16.0, 24.0, 60.0],
        &formats.header,
    )?;
    let Some(roster) = &summary.roster else {
        return print_setup(sheet, 0);
    };
    let mut row = 0;
    for entry in &roster.missing {
        row += 1;
        for (column, text) in ["未报送", &entry.town, &entry.unit, ""].iter().enumerate() {
            sheet.write_string_with_format(row, column as u16, *text, &formats.text)?;
        }
    }
    for (entry, files) in &roster.doubled {
        let files: Vec<String> = files.iter().map(|path| summary.shown_path(path)).collect();
        row += 1;
        let cells = [
            "报送了多个文件",
            &entry.town,
            &entry.unit,
            &files.join("、"),
        ];
        for (column, text) in cells.iter().enumerate() {
            sheet.write_string_with_format(row, column as u16, *text, &formats.wrap)?;
        }
    }
    if row == 0 {
        sheet.write_string_with_format(
            1,
            0,
            "（名单上的单位都只报送了一个文件）",
            &formats.text,
        )?;
    }
    print_setup(sheet, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_neutralised() {
        assert_eq!(csv_cell("青禾镇"), "青禾镇");
        assert_eq!(csv_cell("=1+2"), "\"'=1+2\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"点我\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\""
        );
        for lead in ["+", "-", "@", "\t", "\r"] {
            let cell = format!("{lead}SUM(A1)");
            assert!(csv_cell(&cell).starts_with("\"'"), "{cell:?}");
        }
        assert_eq!(csv_cell("3"), "3");
    }

    #[test]
    fn the_header_the_output_guard_knows_is_the_one_written() {
        let csv = summary_csv(&CountySummary::default());
        assert!(
            csv.starts_with(&format!("\u{feff}{SUMMARY_CSV_HEADER}")),
            "{csv}"
        );
    }
}
