//! The A4 pages of a report document (自查情况表, 公开目录): laid out through
//! `LayoutEngine::flow_blocks` and `Flow::paginate` (long tables break between rows with the
//! header row repeated), a running header (单位, report title) and "第 x 页　共 y 页"; portrait
//! unless landscape needs fewer pages or cuts fewer words.

use super::label::text_run;
use super::{Placement, Sheet};
use crate::fonts::{FaceId, FontSet};
use crate::layout::{Flow, FlowLine, FlowPage, FlowPiece, FrameItem, LayoutEngine};
use crate::layout::{LineKind, Page, PointMm, Stroke};
use crate::model::{Block, Rgb, SizeMm, TextStyle, Theme};
use crate::schedule::ReportDocument;
use crate::units::pt_to_mm;
use std::rc::Rc;

const A4_MM: SizeMm = SizeMm {
    width_mm: 210.0,
    height_mm: 297.0,
};
const MARGIN_MM: f32 = 15.0;
/// The running header band above the body.
const HEADER_MM: f32 = 10.0;
/// The footer band below the body.
const FOOTER_MM: f32 = 8.0;
const TITLE_PT: f32 = 18.0;
const SUBTITLE_PT: f32 = 10.0;
const LABEL_PT: f32 = 8.0;
const GREY: Rgb = Rgb(0x42, 0x42, 0x42);
const INK: Rgb = Rgb(0x21, 0x21, 0x21);

/// The body flow of a document laid out for one page size, and its pages.
struct Laid {
    pub(super) size_mm: SizeMm,
    pub(super) flow: Flow,
    pub(super) pages: Vec<FlowPage>,
}

fn body_width_mm(size_mm: SizeMm) -> f32 {
    size_mm.width_mm - 2.0 * MARGIN_MM
}

fn body_height_mm(size_mm: SizeMm) -> f32 {
    size_mm.height_mm - 2.0 * MARGIN_MM - HEADER_MM - FOOTER_MM
}

/// Sober office colours: black text, grey rules, light grey header row.
fn report_style(engine: &mut LayoutEngine, body_pt: f32) -> crate::layout::FlowStyle {
    let text_style = TextStyle {
        first_line_indent_chars: 0.0,
        ..TextStyle::default()
    };
    let theme = Theme {
        body_text: INK,
        panel_title_background: GREY,
        panel_border: GREY,
        ..Theme::default()
    };
    engine.flow_style(&text_style, &theme).scaled_to(body_pt)
}

/// A piece of one centred line (the title, a subtitle line).
fn centred_piece(
    fonts: &FontSet,
    face: FaceId,
    size_pt: f32,
    text: &str,
    width_mm: f32,
    space_after_mm: f32,
) -> FlowPiece {
    let run = text_run(fonts, face, size_pt, INK, text);
    let em_mm = pt_to_mm(size_pt);
    let height_mm = em_mm * 1.5;
    let baseline_mm = em_mm * 1.15;
    let x_mm = ((width_mm - run.width_mm) / 2.0).max(0.0);
    FlowPiece {
        height_mm,
        space_after_mm,
        lines: vec![FlowLine {
            text: text.to_owned(),
            x_mm,
            baseline_mm,
            width_mm: run.width_mm,
            box_left_mm: 0.0,
            box_right_mm: width_mm,
            face,
            size_pt,
            kind: LineKind::BoardTitle,
            forced: false,
        }],
        items: vec![(PointMm::new(x_mm, baseline_mm), FrameItem::Text(run))],
        keep_with_next: true,
        table_header: false,
        header_piece: None,
        chars: text.chars().count(),
        tag: 0,
    }
}

/// The height of one bar's row of a chart, and the least it shrinks to for many bars.
const BAR_ROW_MM: f32 = 6.5;
const MIN_BAR_ROW_MM: f32 = 4.0;
/// A chart is at most this tall (it stays on one page).
const MAX_CHART_MM: f32 = 200.0;
const CHART_LABEL_MM: f32 = 32.0;
const CHART_VALUE_MM: f32 = 16.0;
const BAR_FILL: Rgb = Rgb(0x4A, 0x6F, 0xA5);
const BAR_TRACK: Rgb = Rgb(0xEC, 0xEC, 0xEC);

/// A horizontal bar chart as one unbreakable piece: the title, then per bar its label (left),
/// a light track the full width with the share filled in, and the share in per cent (right).
fn chart_piece(fonts: &FontSet, chart: &crate::schedule::BarChart, width_mm: f32) -> FlowPiece {
    let title_pt = 10.0;
    let label_pt = 8.5;
    let title_mm = pt_to_mm(title_pt) * 2.0;
    let bars = chart.bars.len().max(1) as f32;
    let row_mm = (MAX_CHART_MM / bars).clamp(MIN_BAR_ROW_MM, BAR_ROW_MM);
    let track_mm = (width_mm - CHART_LABEL_MM - CHART_VALUE_MM).max(10.0);
    let mut piece = FlowPiece::new(title_mm + row_mm * chart.bars.len() as f32 + 2.0);
    piece.space_after_mm = 4.0;
    let text = |piece: &mut FlowPiece, x_mm: f32, baseline_mm: f32, face, size_pt, said: &str| {
        let run = text_run(fonts, face, size_pt, INK, said);
        piece.lines.push(FlowLine {
            text: said.to_owned(),
            x_mm,
            baseline_mm,
            width_mm: run.width_mm,
            box_left_mm: 0.0,
            box_right_mm: width_mm,
            face,
            size_pt,
            kind: LineKind::Body,
            forced: false,
        });
        piece.chars += said.chars().count();
        piece
            .items
            .push((PointMm::new(x_mm, baseline_mm), FrameItem::Text(run)));
    };
    text(
        &mut piece,
        0.0,
        pt_to_mm(title_pt) * 1.2,
        FaceId::SANS_BOLD,
        title_pt,
        &chart.title,
    );
    let bar_mm = row_mm * 0.62;
    for (index, (label, share)) in chart.bars.iter().enumerate() {
        let top_mm = title_mm + row_mm * index as f32;
        let bar_top_mm = top_mm + (row_mm - bar_mm) / 2.0;
        let baseline_mm = bar_top_mm + bar_mm / 2.0 + pt_to_mm(label_pt) * 0.35;
        let label = crate::text::excerpt(label, 10);
        text(&mut piece, 0.0, baseline_mm, FaceId::SANS, label_pt, &label);
        let rect = |x_mm: f32, w_mm: f32, fill: Rgb| {
            (
                PointMm::new(x_mm, bar_top_mm),
                FrameItem::Rect {
                    size_mm: SizeMm::new(w_mm, bar_mm),
                    fill: Some(fill),
                    stroke: None,
                },
            )
        };
        piece.items.push(rect(CHART_LABEL_MM, track_mm, BAR_TRACK));
        let share = share.clamp(0.0, 1.0) as f32;
        if share > 0.0 {
            piece
                .items
                .push(rect(CHART_LABEL_MM, track_mm * share, BAR_FILL));
        }
        text(
            &mut piece,
            CHART_LABEL_MM + track_mm + 2.0,
            baseline_mm,
            FaceId::SANS,
            label_pt,
            &format!("{:.1}%", share * 100.0),
        );
    }
    piece
}

fn lay_out(engine: &mut LayoutEngine, document: &ReportDocument, size_mm: SizeMm) -> Laid {
    let width_mm = body_width_mm(size_mm);
    let style = report_style(engine, document.body_pt);
    let mut flow = Flow::default();
    flow.pieces.push(centred_piece(
        engine.fonts(),
        FaceId::SANS_BOLD,
        TITLE_PT,
        &document.title,
        width_mm,
        2.0,
    ));
    for line in &document.subtitle {
        flow.pieces.push(centred_piece(
            engine.fonts(),
            FaceId::SANS,
            SUBTITLE_PT,
            line,
            width_mm,
            3.0,
        ));
    }
    let chart_at = document
        .chart
        .as_ref()
        .map_or(0, |chart| chart.after_blocks.min(document.blocks.len()));
    if let Some(chart) = &document.chart {
        let before = engine.flow_blocks(None, &document.blocks[..chart_at], width_mm, &style);
        flow.append(before, 1);
        // At most a page's worth of bars a piece (a county of very many towns continues).
        let mut pieces = Flow::default();
        let per_piece = (MAX_CHART_MM / MIN_BAR_ROW_MM) as usize;
        for (index, bars) in chart.bars.chunks(per_piece.max(1)).enumerate() {
            let part = crate::schedule::BarChart {
                title: if index == 0 {
                    chart.title.clone()
                } else {
                    format!("{}（续）", chart.title)
                },
                bars: bars.to_vec(),
                after_blocks: chart.after_blocks,
            };
            pieces
                .pieces
                .push(chart_piece(engine.fonts(), &part, width_mm));
        }
        flow.append(pieces, 1);
    }
    let mut body = Flow::default();
    for segment in captioned_segments(&document.blocks[chart_at..]) {
        let mut laid = engine.flow_blocks(None, segment, width_mm, &style);
        // A paragraph just before a table is its caption: never left alone at a page's foot.
        if matches!(segment.last(), Some(Block::Paragraph { .. }))
            && let Some(last) = laid.pieces.last_mut()
        {
            last.keep_with_next = true;
        }
        body.append(laid, 1);
    }
    keep_last_blocks_together(engine, document, width_mm, &style, &mut body);
    flow.append(body, 1);
    let pages = flow.paginate(body_height_mm(size_mm));
    Laid {
        size_mm,
        flow,
        pages,
    }
}

/// How many pieces before the blocks kept together go with them to the next page.
const PIECES_KEPT_BEFORE: usize = 2;
/// The blocks cut after each paragraph that a table follows (so that paragraph, the table's
/// caption, can be kept with it).
fn captioned_segments(blocks: &[Block]) -> Vec<&[Block]> {
    let mut segments = Vec::new();
    let mut start = 0;
    for index in 0..blocks.len() {
        let caption = matches!(blocks[index], Block::Paragraph { .. })
            && matches!(blocks.get(index + 1), Some(Block::Table(_)));
        if caption {
            segments.push(&blocks[start..=index]);
            start = index + 1;
        }
    }
    if start < blocks.len() {
        segments.push(&blocks[start..]);
    }
    segments
}

/// Keeps the pieces of the document's last `kept_together_at_end` blocks on one page: each is
/// kept with the next, so a page break falls before them (never between a conclusion and its
/// signature lines). The blocks' piece count comes from laying them out alone.
fn keep_last_blocks_together(
    engine: &mut LayoutEngine,
    document: &ReportDocument,
    width_mm: f32,
    style: &crate::layout::FlowStyle,
    body: &mut Flow,
) {
    let kept = document.kept_together_at_end.min(document.blocks.len());
    if kept < 2 {
        return;
    }
    let last_blocks = &document.blocks[document.blocks.len() - kept..];
    let kept_pieces = engine
        .flow_blocks(None, last_blocks, width_mm, style)
        .pieces
        .len()
        .min(body.pieces.len());
    // Two pieces before them come along (the last rows of the table above, or the paragraph
    // before): the conclusion never starts a page alone.
    let first = (body.pieces.len() - kept_pieces).saturating_sub(PIECES_KEPT_BEFORE);
    let last = body.pieces.len().saturating_sub(1);
    for piece in &mut body.pieces[first..last] {
        piece.keep_with_next = true;
    }
}

fn forced_lines(laid: &Laid) -> usize {
    laid.flow
        .pieces
        .iter()
        .flat_map(|piece| &piece.lines)
        .filter(|line| line.forced)
        .count()
}

fn line_count(laid: &Laid) -> usize {
    laid.flow.pieces.iter().map(|piece| piece.lines.len()).sum()
}

/// A table this wide has columns under 20 mm in portrait: always landscape.
const LANDSCAPE_COLUMNS: usize = 8;

fn widest_table_columns(document: &ReportDocument) -> usize {
    document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table.columns.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// Portrait, unless the table needs landscape: it has `LANDSCAPE_COLUMNS` columns or more, or
/// turned it cuts fewer words or its cells wrap onto at least a fifth fewer lines.
fn choose_orientation(engine: &mut LayoutEngine, document: &ReportDocument) -> Laid {
    let portrait = lay_out(engine, document, A4_MM);
    if document.portrait_only {
        return portrait;
    }
    let landscape = lay_out(
        engine,
        document,
        SizeMm::new(A4_MM.height_mm, A4_MM.width_mm),
    );
    let wide = widest_table_columns(document) >= LANDSCAPE_COLUMNS;
    let fewer_cut = forced_lines(&landscape) < forced_lines(&portrait);
    let fewer_lines = line_count(&landscape) * 5 <= line_count(&portrait) * 4;
    if wide || fewer_cut || fewer_lines {
        landscape
    } else {
        portrait
    }
}

/// 单位 left, the report's name right, above a rule.
fn running_header(
    fonts: &FontSet,
    document: &ReportDocument,
    size_mm: SizeMm,
) -> Vec<(PointMm, FrameItem)> {
    let baseline_mm = MARGIN_MM + 4.0;
    let right_edge_mm = size_mm.width_mm - MARGIN_MM;
    let left = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &document.header_left);
    let right = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &document.header_right);
    let right_x_mm = right_edge_mm - right.width_mm;
    let rule_y_mm = baseline_mm + 2.5;
    vec![
        (PointMm::new(MARGIN_MM, baseline_mm), FrameItem::Text(left)),
        (
            PointMm::new(right_x_mm, baseline_mm),
            FrameItem::Text(right),
        ),
        (
            PointMm::new(MARGIN_MM, rule_y_mm),
            FrameItem::Line {
                to: PointMm::new(right_edge_mm, rule_y_mm),
                stroke: Stroke {
                    width_mm: 0.3,
                    color: GREY,
                },
            },
        ),
    ]
}

/// "第 x 页　共 y 页", centred at the bottom.
fn page_footer(
    fonts: &FontSet,
    number: usize,
    total: usize,
    size_mm: SizeMm,
) -> (PointMm, FrameItem) {
    let text = format!("第 {number} 页　共 {total} 页");
    let run = text_run(fonts, FaceId::SANS, LABEL_PT, GREY, &text);
    let x_mm = (size_mm.width_mm - run.width_mm) / 2.0;
    (
        PointMm::new(x_mm, size_mm.height_mm - MARGIN_MM),
        FrameItem::Text(run),
    )
}

/// A report laid out on A4 sheets.
#[derive(Clone, Debug, Default)]
pub struct ReportSheets {
    pub sheets: Vec<Sheet>,
    pub landscape: bool,
    /// Characters no font has: the PDF shows a box for them.
    pub problems: Vec<String>,
}

/// Lays out a report document on A4 sheets, portrait or landscape as fits it better.
pub fn report_sheets(engine: &mut LayoutEngine, document: &ReportDocument) -> ReportSheets {
    let laid = choose_orientation(engine, document);
    let size_mm = laid.size_mm;
    let body_origin = PointMm::new(MARGIN_MM, MARGIN_MM + HEADER_MM);
    let total = laid.pages.len();
    let sheets: Vec<Sheet> = laid
        .pages
        .iter()
        .enumerate()
        .map(|(index, flow_page)| {
            let mut items = running_header(engine.fonts(), document, size_mm);
            items.extend(laid.flow.page_items(flow_page, body_origin));
            items.push(page_footer(engine.fonts(), index + 1, total, size_mm));
            let mut sheet = Sheet::new(size_mm);
            sheet.placements.push(Placement::at(
                Rc::new(Page { size_mm, items }),
                PointMm::new(0.0, 0.0),
            ));
            sheet
        })
        .collect();
    let problems = laid
        .flow
        .missing_chars
        .iter()
        .map(|ch| {
            format!(
                "字“{ch}”（U+{:04X}）所有字体都没有，报表中显示为方框。请添加含此字的字体。",
                *ch as u32
            )
        })
        .collect();
    ReportSheets {
        sheets,
        landscape: size_mm.width_mm > size_mm.height_mm,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::BarChart;

    /// A county of very many towns: the chart continues on the next page, every bar and label
    /// stays inside its A4 page.
    #[test]
    fn a_chart_of_many_towns_continues_and_stays_on_its_pages() {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let bars: Vec<(String, f64)> = (0..120)
            .map(|index| (format!("第{index}镇"), f64::from(index) / 120.0))
            .collect();
        let document = ReportDocument {
            title: "政务公开检查情况通报".into(),
            subtitle: vec!["检查日期：2026年6月20日".into()],
            header_left: "通报".into(),
            header_right: String::new(),
            blocks: vec![Block::Paragraph {
                text: "一、总体情况".into(),
            }],
            body_pt: 10.5,
            kept_together_at_end: 0,
            chart: Some(BarChart {
                title: "各乡镇按时公开率".into(),
                bars,
                after_blocks: 1,
            }),
            portrait_only: true,
        };
        let laid = report_sheets(&mut engine, &document);
        assert!(!laid.landscape);
        assert!(laid.sheets.len() >= 3, "{} pages", laid.sheets.len());
        let lines: Vec<String> = laid
            .sheets
            .iter()
            .flat_map(|sheet| &sheet.placements)
            .flat_map(|placement| placement.page.items.iter())
            .filter_map(|(_, item)| match item {
                FrameItem::Text(run) => Some(run.text.clone()),
                _ => None,
            })
            .collect();
        assert!(lines.iter().any(|line| line == "各乡镇按时公开率（续）"));
        assert!(lines.iter().any(|line| line == "第119镇"));
        for sheet in &laid.sheets {
            for placement in &sheet.placements {
                for (at, item) in &placement.page.items {
                    if let FrameItem::Rect { size_mm, .. } = item {
                        assert!(at.y_mm + size_mm.height_mm <= A4_MM.height_mm - MARGIN_MM);
                    }
                }
            }
        }
    }
}
