//! The layout engine as a clerk meets it: where lines break, what fits in a panel, what is
//! reported, and that the qinghe board comes out whole.

use gongkai::fonts::{FaceId, FontSet};
use gongkai::layout::dump::round_mm;
use gongkai::layout::inline::{Align, InlineStyle, Paragraph, Span, prepare, set_paragraph};
use gongkai::layout::segment::{no_line_end, no_line_start};
use gongkai::layout::{Flow, FrameItem, LayoutEngine, LineKind};
use gongkai::model::{
    Block, Board, FitMode, Item, KeyValue, Panel, Project, RectMm, Rgb, SizeMm, Table, TextStyle,
    Theme, load_project,
};
use std::path::Path;

/// 1 em = 10 mm.
const TEN_MM_PT: f32 = 72.0 / 2.54;

fn set(text: &str, width_mm: f32) -> Paragraph {
    let fonts = FontSet::bundled();
    let prepared = prepare(&fonts, &[Span::new(text, FaceId::SERIF)]);
    let style = InlineStyle {
        size_pt: TEN_MM_PT,
        color: Rgb::BLACK,
        align: Align::Justify,
        first_indent_mm: 0.0,
        rest_indent_mm: 0.0,
    };
    set_paragraph(&prepared, width_mm, &style)
}

fn texts(paragraph: &Paragraph) -> Vec<String> {
    paragraph
        .lines
        .iter()
        .map(|line| line.text.clone())
        .collect()
}

fn assert_no_forbidden_breaks(lines: &[String]) {
    for pair in lines.windows(2) {
        let end = pair[0].chars().last().expect("line");
        let start = pair[1].chars().next().expect("line");
        assert!(!no_line_end(end), "line ends with {end}: {lines:?}");
        assert!(!no_line_start(start), "line starts with {start}: {lines:?}");
    }
}

#[test]
fn a_phone_number_at_a_line_end_moves_down_whole() {
    // 7 hanzi take 70 mm; the number would straddle the 100 mm line end.
    let paragraph = set("如有疑问请拨打电话0000-6612301咨询。", 100.0);
    let lines = texts(&paragraph);
    assert_eq!(lines[0], "如有疑问请拨打电话");
    assert!(lines[1].starts_with("0000-6612301"), "{lines:?}");
}

#[test]
fn amounts_dates_and_urls_stay_whole() {
    for token in [
        "1,234.56",
        "2026-03-01",
        "https://www.qinghe.gov.cn/gk",
        "qh@163.com",
    ] {
        for width_mm in [160.0, 175.0, 190.0, 205.0, 220.0] {
            let paragraph = set(&format!("本镇公开信息见{token}。"), width_mm);
            assert!(
                texts(&paragraph).iter().any(|line| line.contains(token)),
                "{token} split at {width_mm} mm: {:?}",
                texts(&paragraph)
            );
        }
    }
}

#[test]
fn a_run_of_colon_quote_and_book_title_mark_at_a_break() {
    // At every width the break near ：“《 keeps the colon on the line and the openers off
    // its end.
    for width_mm in (30..=120).step_by(5) {
        let paragraph = set(
            "依据规定：“《条例》第三条”如此，不再赘述。",
            width_mm as f32,
        );
        let lines = texts(&paragraph);
        assert_no_forbidden_breaks(&lines);
        assert_eq!(lines.concat(), "依据规定：“《条例》第三条”如此，不再赘述。");
    }
}

#[test]
fn ten_commas_in_a_row_never_start_a_line_while_they_fit() {
    let text = "好，，，，，，，，，，好";
    let paragraph = set(text, 120.0);
    let lines = texts(&paragraph);
    assert_eq!(lines.concat(), text);
    assert_no_forbidden_breaks(&lines);
    // Too narrow: the run is cut (marked forced) and nothing is lost.
    let narrow = set(text, 40.0);
    assert_eq!(texts(&narrow).concat(), text);
    assert!(narrow.lines.iter().any(|line| line.forced));
    assert!(narrow.lines.iter().all(|line| line.width_mm <= 40.001));
}

#[test]
fn a_line_end_comma_is_squeezed_in_before_a_hanzi_is_pushed_down() {
    // 九个字 + 逗号 = 95 mm squeezed: fits 95 mm, so the comma is not pushed with 字 onto
    // the next line.
    let paragraph = set("一二三四五六七八九，十", 95.0);
    assert_eq!(texts(&paragraph), vec!["一二三四五六七八九，", "十"]);
    assert!((paragraph.lines[0].width_mm - 95.0).abs() < 0.01);
}

#[test]
fn one_huge_unbreakable_token_is_cut_to_fit_and_marked() {
    let token = "https://www.qinghe.gov.cn/zwgk/2026/0301/notice-000123456789.html";
    let paragraph = set(token, 80.0);
    assert_eq!(texts(&paragraph).concat(), token);
    assert!(paragraph.lines.len() > 1);
    for line in &paragraph.lines {
        assert!(line.forced || line.text.len() < token.len());
        assert!(line.x_mm + line.width_mm <= 80.001, "{line:?}");
    }
}

#[test]
fn justified_lines_end_flush_and_the_last_line_is_ragged() {
    let paragraph = set(
        "公开栏设计器把内容排成整齐的版面，便于群众阅读和监督。",
        105.0,
    );
    let count = paragraph.lines.len();
    assert!(count >= 2);
    for line in &paragraph.lines[..count - 1] {
        assert!((line.width_mm - 105.0).abs() < 0.01, "{line:?}");
        let (x_mm, run) = paragraph.lines[0].runs.last().expect("run");
        let last = run.glyphs.last().expect("glyph");
        assert!(x_mm + last.x_mm + 5.0 <= 105.01);
    }
    assert!(paragraph.lines[count - 1].width_mm < 105.0);
}

// --- flows, tables, panels -------------------------------------------------------------

fn engine() -> LayoutEngine {
    LayoutEngine::new(FontSet::bundled())
}

fn small_style(engine: &mut LayoutEngine) -> gongkai::layout::FlowStyle {
    engine
        .flow_style(&TextStyle::default(), &Theme::default())
        .scaled_to(TEN_MM_PT)
}

/// A readable dump of a flow laid out in one column: one row per text line.
fn dump(flow: &Flow) -> String {
    let mut out = String::new();
    let pages = flow.paginate(f32::INFINITY);
    for placed in &pages[0].pieces {
        for line in &flow.pieces[placed.piece].lines {
            out.push_str(&format!(
                "{:>7.2} {:>7.2} {:>7.2} [{:.2}..{:.2}] {:?} {:.2}pt | {}\n",
                round_mm(placed.y_mm + line.baseline_mm),
                round_mm(line.x_mm),
                round_mm(line.width_mm),
                round_mm(line.box_left_mm),
                round_mm(line.box_right_mm),
                line.kind,
                line.size_pt,
                line.text
            ));
        }
    }
    out
}

#[test]
fn snapshot_paragraph_list_and_key_values() {
    let mut engine = engine();
    let style = small_style(&mut engine);
    let blocks = vec![
        Block::paragraph(
            "青禾镇位于县境东南部，距县城18公里，辖12个行政村、2个社区，总面积86.4平方公里。",
        ),
        Block::List {
            ordered: true,
            entries: vec![
                "申请人向村（居）委会提出书面申请。".into(),
                "镇民政办在5个工作日内完成审核，并张榜公示。".into(),
            ],
        },
        Block::KeyValue {
            pairs: vec![
                KeyValue::new("监督电话", "0000-6612301"),
                KeyValue::new("意见箱", "镇政府大院门口、便民服务中心大厅"),
            ],
        },
    ];
    let flow = engine.flow_blocks(Some("单位简介"), &blocks, 160.0, &style);
    insta::assert_snapshot!(dump(&flow));
}

fn fee_table() -> Table {
    Table {
        columns: vec!["收费项目".into(), "收费标准".into(), "金额".into()],
        rows: vec![
            vec![
                "住宅类不动产登记费".into(),
                "80元/件".into(),
                "80.00".into(),
            ],
            vec![
                "农村饮水工程水费".into(),
                "2.50元/立方米".into(),
                "2.50".into(),
            ],
            vec![
                "公共停车场停车费".into(),
                "1元/小时，日最高10元".into(),
                "1,234.56".into(),
            ],
        ],
        column_kinds: Vec::new(),
        total_row: false,
    }
}

#[test]
fn snapshot_table() {
    let mut engine = engine();
    let style = small_style(&mut engine);
    let flow = engine.flow_blocks(None, &[Block::Table(fee_table())], 200.0, &style);
    insta::assert_snapshot!(dump(&flow));
}

#[test]
fn numbers_in_tables_are_right_aligned() {
    let mut engine = engine();
    let style = small_style(&mut engine);
    let flow = engine.flow_blocks(None, &[Block::Table(fee_table())], 200.0, &style);
    let amounts: Vec<_> = flow
        .pieces
        .iter()
        .flat_map(|piece| &piece.lines)
        .filter(|line| line.kind == LineKind::TableCell && line.text.contains('.'))
        .filter(|line| !line.text.contains('元'))
        .collect();
    assert_eq!(amounts.len(), 3);
    let right_ends: Vec<f32> = amounts
        .iter()
        .map(|line| line.x_mm + line.width_mm)
        .collect();
    assert!(
        right_ends
            .iter()
            .all(|end| (end - right_ends[0]).abs() < 0.01),
        "{right_ends:?}"
    );
    assert!((right_ends[0] - amounts[0].box_right_mm).abs() < 0.01);
}

#[test]
fn a_60_row_name_table_repeats_its_header_on_every_page() {
    let mut engine = engine();
    let style = small_style(&mut engine);
    let table = Table {
        columns: vec![
            "序号".into(),
            "姓名".into(),
            "村组".into(),
            "金额（元）".into(),
        ],
        rows: (1..=60)
            .map(|n| {
                vec![
                    n.to_string(),
                    format!("王{}", ['喆', '堃', '珺', '玥', '昇'][n % 5]),
                    format!("东湾村{}组", n % 7 + 1),
                    format!("{},{:03}.00", n, n * 7),
                ]
            })
            .collect(),
        column_kinds: Vec::new(),
        total_row: false,
    };
    let flow = engine.flow_blocks(
        Some("高龄津贴发放名单"),
        &[Block::Table(table)],
        170.0,
        &style,
    );
    let pages = flow.paginate(250.0);
    assert!(pages.len() >= 3, "{}", pages.len());
    let mut rows_seen = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        assert!(page.height_mm <= 250.001);
        let first = &flow.pieces[page.pieces[0].piece];
        if index > 0 {
            assert!(
                first.table_header && page.pieces[0].repeated,
                "page {index}"
            );
        }
        for placed in page.pieces.iter().filter(|placed| !placed.repeated) {
            let piece = &flow.pieces[placed.piece];
            if !piece.table_header && piece.header_piece.is_some() {
                rows_seen.push(piece.lines[0].text.clone());
            }
        }
    }
    let expected: Vec<String> = (1..=60).map(|n| n.to_string()).collect();
    assert_eq!(rows_seen, expected);
    // The title is kept with the header, the header with the first row.
    assert_eq!(
        pages[0].pieces.len(),
        flow.pieces.iter().take(pages[0].pieces.len()).count()
    );
}

fn one_panel_project(blocks: Vec<Block>, fit: FitMode, height_mm: f32) -> Project {
    let item = Item {
        id: "item-1".into(),
        title: "事项".into(),
        blocks,
        ..Item::default()
    };
    let panel = Panel {
        id: "panel-1".into(),
        title: "栏目".into(),
        rect_mm: RectMm::new(20.0, 20.0, 400.0, height_mm),
        fit,
        item_ids: vec!["item-1".into()],
        ..Panel::default()
    };
    let board = Board {
        id: "board-1".into(),
        name: "测试栏".into(),
        size_mm: SizeMm::new(440.0, height_mm + 40.0),
        reading_distance_m: 2.0,
        panels: vec![panel],
        ..Board::default()
    };
    Project {
        items: vec![item],
        boards: vec![board],
        ..Project::default()
    }
}

fn long_text(chars: usize) -> String {
    "政务公开接受群众监督".chars().cycle().take(chars).collect()
}

#[test]
fn an_empty_item_lays_out_to_nothing_and_reports_nothing() {
    let mut engine = engine();
    let style = small_style(&mut engine);
    let flow = engine.flow_blocks(Some(""), &[], 100.0, &style);
    assert!(flow.pieces.is_empty());
    let mut project = one_panel_project(vec![Block::paragraph("")], FitMode::Fixed, 300.0);
    project.items[0].title.clear();
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    assert!(layout.overflows.is_empty() && layout.missing_glyphs.is_empty());
    assert!(layout.lines.iter().all(|line| line.item_id.is_none()));
}

#[test]
fn a_fixed_panel_reports_what_does_not_fit_in_mm_and_characters() {
    let mut engine = engine();
    let project = one_panel_project(
        vec![Block::paragraph(long_text(2000))],
        FitMode::Fixed,
        300.0,
    );
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    assert_eq!(layout.overflows.len(), 1);
    let overflow = &layout.overflows[0];
    assert_eq!(overflow.item_id.as_deref(), Some("item-1"));
    assert!(
        overflow.overflow_mm > 100.0 && overflow.chars > 500,
        "{overflow:?}"
    );
    assert!(overflow.message.contains("放不下"));
    let shown: usize = layout
        .lines
        .iter()
        .filter(|line| line.item_id.is_some())
        .map(|line| line.text.chars().count())
        .sum();
    // The item's title (2 characters) and its 2000 characters of text.
    assert_eq!(shown + overflow.chars, 2002);
    assert_eq!(layout.panels[0].body_pt, 32.0);
}

#[test]
fn shrink_to_fit_takes_the_largest_size_that_fits_but_not_below_the_legible_minimum() {
    let mut engine = engine();
    // Fits at 32 pt: untouched.
    let fits = one_panel_project(
        vec![Block::paragraph(long_text(100))],
        FitMode::ShrinkToFit,
        300.0,
    );
    let layout = engine.layout_board(&fits, "board-1").expect("layout");
    assert_eq!(layout.panels[0].body_pt, 32.0);
    // A little too much: shrunk, between the minimum (28.35 pt at 2 m) and 32 pt, no overflow.
    let snug = one_panel_project(
        vec![Block::paragraph(long_text(470))],
        FitMode::ShrinkToFit,
        300.0,
    );
    let layout = engine.layout_board(&snug, "board-1").expect("layout");
    let body_pt = layout.panels[0].body_pt;
    assert!((28.3..32.0).contains(&body_pt), "{body_pt}");
    assert!(layout.overflows.is_empty());
    let at_fixed = one_panel_project(
        vec![Block::paragraph(long_text(470))],
        FitMode::Fixed,
        300.0,
    );
    assert_eq!(
        engine
            .layout_board(&at_fixed, "board-1")
            .expect("layout")
            .overflows
            .len(),
        1
    );
    // Far too much: stops at the legible minimum and reports.
    let crammed = one_panel_project(
        vec![Block::paragraph(long_text(2000))],
        FitMode::ShrinkToFit,
        300.0,
    );
    let layout = engine.layout_board(&crammed, "board-1").expect("layout");
    assert!(
        (layout.panels[0].body_pt - 28.4).abs() < 0.05,
        "{}",
        layout.panels[0].body_pt
    );
    assert_eq!(layout.overflows.len(), 1);
    assert!(layout.overflows[0].message.contains("最小可读字号"));
}

#[test]
fn a_character_outside_every_font_is_kept_boxed_and_reported_with_its_item() {
    let mut engine = engine();
    let project = one_panel_project(
        vec![Block::paragraph("本月领取人：王𰻝、李明。")],
        FitMode::Fixed,
        300.0,
    );
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    assert_eq!(layout.missing_glyphs.len(), 1);
    assert_eq!(layout.missing_glyphs[0].ch, '𰻝');
    assert_eq!(layout.missing_glyphs[0].item_id.as_deref(), Some("item-1"));
    assert!(
        layout
            .lines
            .iter()
            .any(|line| line.text.contains("王𰻝、李明"))
    );
    let in_runs = layout
        .page
        .items
        .iter()
        .any(|(_, item)| matches!(item, FrameItem::Text(run) if run.text.contains('𰻝')));
    assert!(in_runs);
    let boxes = layout
        .page
        .items
        .iter()
        .filter(|(_, item)| {
            matches!(
                item,
                FrameItem::Rect {
                    fill: None,
                    stroke: Some(_),
                    ..
                }
            )
        })
        .count();
    assert_eq!(boxes, 1);
}

// --- the qinghe board ------------------------------------------------------------------

fn qinghe() -> Project {
    load_project(Path::new("tests/fixtures/qinghe.gongkai.json")).expect("fixture")
}

#[test]
fn the_qinghe_board_fits_legibly_at_two_metres() {
    let project = qinghe();
    let mut engine = engine();
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    assert!(layout.overflows.is_empty(), "{:#?}", layout.overflows);
    assert!(layout.missing_glyphs.is_empty());
    assert_eq!(layout.page.size_mm, SizeMm::new(2400.0, 1200.0));
    assert_eq!(layout.panels.len(), 12);
    for panel in &layout.panels {
        assert!(panel.body_pt >= 28.3 && panel.body_pt <= 32.0, "{panel:?}");
    }
    for line in &layout.lines {
        assert!(line.x_mm >= line.box_left_mm - 0.01, "{line:?}");
        assert!(
            line.x_mm + line.width_mm <= line.box_right_mm + 0.01,
            "{line:?}"
        );
        assert!(!line.forced, "{line:?}");
    }
    // Every character of every item is shown exactly once.
    for item in &project.items {
        let shown: String = layout
            .lines
            .iter()
            .filter(|line| line.item_id.as_deref() == Some(item.id.as_str()))
            .map(|line| line.text.as_str())
            .collect();
        let wanted: String = item
            .all_text()
            .chars()
            .filter(|ch| !ch.is_whitespace())
            .collect();
        let shown: String = shown.chars().filter(|ch| !ch.is_whitespace()).collect();
        assert_eq!(sorted(&shown), sorted(&wanted), "{}", item.title);
    }
    let footer: Vec<_> = layout
        .lines
        .iter()
        .filter(|line| line.kind == LineKind::Footer)
        .collect();
    assert!(footer[0].text.contains("监督电话：0000-6612301"));
}

fn sorted(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

#[test]
fn layout_after_editing_one_item_equals_a_fresh_layout() {
    let mut project = qinghe();
    let mut engine = engine();
    engine.layout_board(&project, "board-1").expect("layout");
    project.items[3].blocks = vec![Block::paragraph(long_text(300))];
    let cached = engine.layout_board(&project, "board-1").expect("layout");
    let fresh = LayoutEngine::new(FontSet::bundled())
        .layout_board(&project, "board-1")
        .expect("layout");
    assert_eq!(cached, fresh);
    assert!(
        cached
            .lines
            .iter()
            .any(|line| line.text.starts_with("政务公开接受"))
    );
}

#[test]
fn an_unknown_board_is_an_error_in_chinese() {
    let error = engine()
        .layout_board(&qinghe(), "不存在")
        .expect_err("no board");
    assert!(error.to_string().contains("不存在"));
}

#[test]
fn a_two_column_panel_continues_in_its_second_column() {
    let mut engine = engine();
    let mut project = one_panel_project(
        vec![Block::paragraph(long_text(360))],
        FitMode::Fixed,
        300.0,
    );
    project.boards[0].panels[0].columns = 2;
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    assert!(layout.overflows.is_empty(), "{:?}", layout.overflows);
    let body: Vec<_> = layout
        .lines
        .iter()
        .filter(|line| line.kind == LineKind::Body)
        .collect();
    let first_right = body[0].box_right_mm;
    let second: Vec<_> = body
        .iter()
        .filter(|line| line.box_left_mm > first_right)
        .collect();
    assert!(!second.is_empty());
    // The second column starts at the top of the body, level with the first column's start.
    let top_first = layout
        .lines
        .iter()
        .find(|line| line.item_id.is_some())
        .expect("line")
        .y_mm;
    assert!(
        (second[0].y_mm - top_first).abs() < 10.0,
        "{} vs {top_first}",
        second[0].y_mm
    );
    assert!(second.iter().all(|line| line.box_right_mm <= 420.0 - 6.0));
}

#[test]
fn an_image_keeps_its_aspect_and_a_qr_code_is_square() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A 200×100 PNG header is all the layout reads.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&200u32.to_be_bytes());
    png.extend_from_slice(&100u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0]);
    std::fs::write(dir.path().join("map.png"), &png).expect("png");
    let mut engine = engine();
    engine.set_base_dir(Some(dir.path().to_path_buf()));
    let style = small_style(&mut engine);
    let blocks = vec![
        Block::Image {
            path: "map.png".into(),
            caption: "项目位置图".into(),
            width_mm: Some(120.0),
        },
        Block::Qr {
            text: "https://www.qinghe.gov.cn/gk".into(),
            caption: "扫码查看".into(),
            size_mm: 40.0,
        },
    ];
    let flow = engine.flow_blocks(None, &blocks, 160.0, &style);
    let items: Vec<&FrameItem> = flow
        .pieces
        .iter()
        .flat_map(|piece| piece.items.iter().map(|(_, item)| item))
        .collect();
    let image = items
        .iter()
        .find_map(|item| match item {
            FrameItem::Image { size_mm, path } => Some((*size_mm, path.clone())),
            _ => None,
        })
        .expect("image");
    // The path is resolved against the project's folder, for both renderers.
    assert_eq!(
        image,
        (SizeMm::new(120.0, 60.0), dir.path().join("map.png"))
    );
    let (cell_mm, cells) = items
        .iter()
        .find_map(|item| match item {
            FrameItem::Cells { cell_mm, cells, .. } => Some((*cell_mm, cells.len())),
            _ => None,
        })
        .expect("qr");
    assert!(cells > 100);
    // 21+ modules and a quiet zone of 2 on each side fill the 40 mm.
    assert!(cell_mm > 0.5 && cell_mm < 40.0 / 25.0, "{cell_mm}");
    let captions: Vec<_> = flow
        .pieces
        .iter()
        .flat_map(|piece| &piece.lines)
        .filter(|line| line.kind == LineKind::Caption)
        .map(|line| line.text.as_str())
        .collect();
    assert_eq!(captions, vec!["项目位置图", "扫码查看"]);
    // The image is kept with its caption.
    assert!(flow.pieces[0].keep_with_next);
}
