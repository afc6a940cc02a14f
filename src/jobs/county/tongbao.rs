//! The county's printable 通报 as a report document: the check date, the county's totals, a
//! bar chart of 按时公开率 by town, the villages needing action grouped by town with their
//! reasons, the unreadable and duplicate files, and a closing paragraph the county edits. Laid
//! out on A4 by `compose::report` like every other report, written through the privacy gate
//! (`jobs::render_county_report`).

use super::sheets::{percent_zh, totals_sentence_zh};
use super::{CountySummary, VillageRow};
use crate::model::{Block, DateStyle, Table};
use crate::schedule::{BarChart, ReportDocument, format_date};

/// The closing paragraph when the county gives none (`--closing`).
pub const DEFAULT_CLOSING_ZH: &str = "请各乡镇督促以上村（社区）自收到本通报之日起 10 个工作日内完成整改：未脱敏的个人信息立即撤下，脱敏后重新公开；逾期、内容过期和待发布的事项按公开时限补充、更新并发布；无法读取的项目文件重新报送。整改情况请书面报县政务公开办公室。";

/// 一、二、三… for the sections.
fn section_number_zh(index: usize) -> &'static str {
    const NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    NUMBERS.get(index).copied().unwrap_or("十")
}

fn date_zh(date: Option<chrono::NaiveDate>) -> String {
    date.map(|date| format_date(date, DateStyle::Arabic))
        .unwrap_or_else(|| "从未公开".to_owned())
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into() }
}

/// The table of one town's villages needing action: 单位, 原因, 最近公开.
fn villages_table(summary: &CountySummary, villages: &[&VillageRow]) -> Block {
    Block::Table(Table {
        columns: vec!["单位".into(), "原因".into(), "最近公开".into()],
        rows: villages
            .iter()
            .map(|row| {
                let mut reasons = row.reasons_zh();
                if !row.duplicates.is_empty() {
                    let others: Vec<String> = row
                        .duplicates
                        .iter()
                        .map(|path| summary.shown_path(path))
                        .collect();
                    reasons.push_str(&format!("；另有重复文件 {}", others.join("、")));
                }
                // 东湾村村民委员会 → 东湾村: the column stays narrow.
                let meta = crate::model::Meta {
                    unit_name: row.unit.clone(),
                    ..crate::model::Meta::default()
                };
                let unit = if row.unit.is_empty() {
                    summary.shown_path(&row.path)
                } else {
                    meta.short_unit_name().to_owned()
                };
                vec![unit, reasons, date_zh(row.last_published)]
            })
            .collect(),
        ..Table::default()
    })
}

/// The 通报 of a county's summary; `closing` is the closing text (paragraphs separated by
/// line breaks; empty: [`DEFAULT_CLOSING_ZH`]).
pub fn county_document(summary: &CountySummary, closing: &str) -> ReportDocument {
    let today = format_date(summary.today, DateStyle::Arabic);
    let total = summary.totals();
    let mut blocks = Vec::new();
    let mut section = 0;
    let mut heading = |blocks: &mut Vec<Block>, text: String| {
        blocks.push(paragraph(format!("{}、{text}", section_number_zh(section))));
        section += 1;
    };
    heading(&mut blocks, "总体情况".to_owned());
    blocks.push(paragraph(format!(
        "{today}对 {} 个乡镇的政务公开（村务公开）项目文件进行了检查。{}",
        summary.towns.len(),
        totals_sentence_zh(summary)
    )));
    let chart = BarChart {
        title: format!(
            "各乡镇按时公开率（全县 {}）",
            percent_zh(total.on_time_rate())
        ),
        bars: summary
            .towns
            .iter()
            .map(|town| (town.town.clone(), town.on_time_rate()))
            .collect(),
        after_blocks: blocks.len(),
    };
    let needing: Vec<&VillageRow> = summary.rows.iter().filter(|row| row.needs_action).collect();
    heading(
        &mut blocks,
        format!("需要整改的单位（{} 个，按紧急程度排列）", needing.len()),
    );
    if needing.is_empty() {
        blocks.push(paragraph("没有需要整改的单位。"));
    }
    for town in &summary.towns {
        let villages: Vec<&VillageRow> = needing
            .iter()
            .copied()
            .filter(|row| row.town == town.town)
            .collect();
        if villages.is_empty() {
            continue;
        }
        blocks.push(paragraph(format!(
            "{}（{} 个，按时公开率 {}）",
            town.town,
            villages.len(),
            percent_zh(town.on_time_rate())
        )));
        blocks.push(villages_table(summary, &villages));
    }
    if !summary.unreadable.is_empty() {
        heading(
            &mut blocks,
            format!("无法读取的文件（{} 个）", summary.unreadable.len()),
        );
        blocks.push(Block::Table(Table {
            columns: vec!["项目文件".into(), "原因".into()],
            rows: summary
                .unreadable
                .iter()
                .map(|file| vec![summary.shown_path(&file.path), file.reason.clone()])
                .collect(),
            ..Table::default()
        }));
    }
    if let Some(roster) = &summary.roster
        && !(roster.missing.is_empty() && roster.doubled.is_empty())
    {
        heading(&mut blocks, "名单核对".to_owned());
        let lines = super::sheets::roster_lines_zh(summary);
        blocks.extend(lines.into_iter().map(paragraph));
    }
    heading(&mut blocks, "整改要求".to_owned());
    let closing = if closing.trim().is_empty() {
        DEFAULT_CLOSING_ZH
    } else {
        closing
    };
    let closing_paragraphs: Vec<Block> = closing
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(paragraph)
        .collect();
    let kept = closing_paragraphs.len() + 1;
    blocks.extend(closing_paragraphs);
    ReportDocument {
        title: "政务公开检查情况通报".to_owned(),
        subtitle: vec![format!("检查日期：{today}")],
        header_left: "政务公开检查情况通报".to_owned(),
        header_right: format!("检查日期：{today}"),
        blocks,
        body_pt: 10.5,
        kept_together_at_end: kept,
        chart: Some(chart),
        portrait_only: true,
    }
}
