//! Line-breaking invariants on random mixes of hanzi, punctuation, Latin, digits and spaces at
//! random widths: nothing sticks out (but a lone glyph wider than the box), nothing is lost
//! or doubled, no forbidden line start or end (but where a too-long token had to be cut),
//! and breaking again at the measured width gives the same lines.

use gongkai::fonts::{FaceId, FontSet};
use gongkai::layout::inline::{
    Align, InlineStyle, Prepared, Span, fragments, prepare, set_paragraph,
};
use gongkai::layout::linebreak::{LineWidths, break_lines};
use gongkai::layout::segment::{no_line_end, no_line_start};
use gongkai::model::Rgb;
use proptest::prelude::*;
use std::sync::OnceLock;

const SIZE_PT: f32 = 10.0;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(FontSet::bundled)
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec!["政", "务", "公", "开", "栏", "青", "禾", "镇", "村", "民"])
            .prop_map(str::to_owned),
        2 => prop::sample::select(vec![
            "，", "。", "、", "：", "；", "！", "？", "“", "”", "《", "》", "（", "）", "——", "……",
        ])
        .prop_map(str::to_owned),
        1 => "[a-zA-Z]{1,9}",
        1 => "[0-9]{1,6}",
        1 => prop::sample::select(vec![
            "0000-6612301", "1,234.56", "2026-03-01", "https://www.qinghe.gov.cn/a", "qh@163.com",
        ])
        .prop_map(str::to_owned),
        1 => Just(" ".to_owned()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat())
}

fn style() -> InlineStyle {
    InlineStyle {
        size_pt: SIZE_PT,
        color: Rgb::BLACK,
        align: Align::Justify,
        first_indent_mm: 0.0,
        rest_indent_mm: 0.0,
    }
}

fn prepared(text: &str) -> Prepared {
    prepare(fonts(), &[Span::new(text, FaceId::SERIF)])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn lines_fit_their_box(text in text(), width_mm in 8.0f32..150.0) {
        let paragraph = set_paragraph(&prepared(&text), width_mm, &style());
        for line in &paragraph.lines {
            let lone_glyph = line.text.chars().count() == 1;
            prop_assert!(
                line.x_mm >= -0.001 && line.x_mm + line.width_mm <= width_mm + 0.01
                    || (line.forced && lone_glyph),
                "{line:?} in {width_mm}"
            );
            for (run_x_mm, run) in &line.runs {
                prop_assert!(run_x_mm + run.width_mm <= width_mm + 0.01 || line.forced && lone_glyph);
            }
        }
    }

    #[test]
    fn no_character_is_lost_or_doubled(text in text(), width_mm in 8.0f32..150.0) {
        let paragraph = set_paragraph(&prepared(&text), width_mm, &style());
        let shown: String = paragraph.lines.iter().map(|line| line.text.as_str()).collect();
        let visible = |text: &str| text.chars().filter(|ch| !ch.is_whitespace()).collect::<String>();
        prop_assert_eq!(visible(&shown), visible(&text));
    }

    #[test]
    fn no_forbidden_line_start_or_end(text in text(), width_mm in 8.0f32..150.0) {
        let paragraph = set_paragraph(&prepared(&text), width_mm, &style());
        for pair in paragraph.lines.windows(2) {
            if pair[0].forced {
                continue;
            }
            let (Some(end), Some(start)) = (pair[0].text.chars().last(), pair[1].text.chars().next()) else {
                continue;
            };
            prop_assert!(!no_line_end(end), "ends with {}: {:?}", end, pair[0].text);
            prop_assert!(!no_line_start(start), "starts with {}: {:?}", start, pair[1].text);
        }
    }

    #[test]
    fn breaking_again_at_the_measured_width_gives_the_same_lines(
        text in text(),
        width_mm in 8.0f32..150.0,
    ) {
        let fragments = fragments(&prepared(&text), SIZE_PT);
        let lines = break_lines(&fragments, LineWidths::uniform(width_mm));
        let measured_mm = lines.iter().map(|line| line.width_mm).fold(0.0, f32::max);
        let again = break_lines(&fragments, LineWidths::uniform(measured_mm));
        let ends = |lines: &[gongkai::layout::linebreak::LineSpan]| {
            lines.iter().map(|line| line.end).collect::<Vec<_>>()
        };
        prop_assert_eq!(ends(&again), ends(&lines));
    }
}

/// A cell of one of the kinds that must stay whole: names of 2–4 hanzi, amounts and numbers
/// with separators, dates, masked and unmasked ID, bank and phone numbers, 户号.
fn whole_token() -> impl Strategy<Value = String> {
    let hanzi = prop::sample::select(vec![
        "张", "福", "贵", "欧", "阳", "春", "华", "李", "秀", "兰",
    ]);
    prop_oneof![
        prop::collection::vec(hanzi, 2..=4).prop_map(|chars| chars.concat()),
        (0u32..10_000_000, 0u32..100).prop_map(|(yuan, fen)| {
            let digits = yuan.to_string();
            let mut grouped = String::new();
            for (index, ch) in digits.chars().enumerate() {
                if index > 0 && (digits.len() - index) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            format!("{grouped}.{fen:02}")
        }),
        (2000u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}年{m}月{d}日")),
        (2000u32..2100, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (1000u32..9999, 0u32..10_000).prop_map(|(a, b)| format!("{a}**********{b:04}")),
        (0u32..10_000).prop_map(|b| format!("**** **** **** {b:04}")),
        (130u32..199, 0u32..10_000).prop_map(|(a, b)| format!("{a}****{b:04}")),
        (0u32..100_000).prop_map(|n| format!("QH-{:03}-{:02}", n % 1000, n % 97)),
    ]
}

fn table_cell() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        4 => whole_token().prop_map(|token| (token, true)),
        1 => text().prop_map(|text| (text, false)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// For random tables (2–12 columns, 60–400 mm wide, cells of the kinds above) no token is
    /// cut across lines, or the layout reports the table's column as not fitting.
    #[test]
    fn table_tokens_stay_whole_or_the_column_is_reported(
        columns in 2usize..=12,
        width_mm in 60.0f32..400.0,
        cells in prop::collection::vec(table_cell(), 12..=60),
    ) {
        use gongkai::layout::{LayoutEngine, LineKind};
        use gongkai::model::{Block, Table, TextStyle, Theme};
        let rows: Vec<Vec<(String, bool)>> = cells.chunks(columns).map(<[_]>::to_vec).collect();
        let table = Table {
            columns: (0..columns).map(|column| format!("第{}列标题", column + 1)).collect(),
            rows: rows
                .iter()
                .map(|row| row.iter().map(|(text, _)| text.clone()).collect())
                .collect(),
            ..Table::default()
        };
        static SHARED: OnceLock<std::sync::Arc<FontSet>> = OnceLock::new();
        let shared = SHARED.get_or_init(|| std::sync::Arc::new(FontSet::bundled()));
        let mut engine = LayoutEngine::with_shared_fonts(shared.clone());
        let style = engine
            .flow_style(&TextStyle::default(), &Theme::default())
            .scaled_to(12.0);
        let flow = engine.flow_blocks(None, &[Block::Table(table)], width_mm, &style);
        let lines: Vec<&gongkai::layout::FlowLine> = flow
            .pieces
            .iter()
            .flat_map(|piece| &piece.lines)
            .filter(|line| line.kind == LineKind::TableCell)
            .collect();
        let forced = lines.iter().any(|line| line.forced);
        if flow.table_misfits.is_empty() {
            prop_assert!(!forced, "a forced cut with no finding");
            for row in &rows {
                for (text, token) in row {
                    let text = text.trim();
                    if *token && !text.is_empty() {
                        prop_assert!(
                            lines.iter().any(|line| line.text.trim() == text),
                            "“{}” is not whole on one line",
                            text
                        );
                    }
                }
            }
        } else {
            for misfit in &flow.table_misfits {
                prop_assert!(misfit.column.starts_with('第'), "{:?}", misfit);
                prop_assert!(misfit.have_mm < misfit.need_mm);
            }
        }
    }
}
