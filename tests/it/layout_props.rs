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
