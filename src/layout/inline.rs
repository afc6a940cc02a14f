//! Inline text: prepare (each character's face, glyph and advance, once per text) → fragments
//! at a size (¼ em between hanzi and Latin, squeezable marks) → line-break → justify and place
//! (glyph runs in mm). Preparing is the only step that touches fonts; everything after it is
//! arithmetic, so trying a panel at many sizes (shrink-to-fit) is cheap.

use super::frame::{PlacedGlyph, TextRun};
use super::linebreak::{Fragment, LineSpan, LineWidths, break_lines, set_width_mm};
use super::segment::{
    BreakAfter, break_opportunities, is_cjk, is_cjk_ideograph, is_latin_or_digit,
    is_squeezable_at_line_end, no_line_end, no_line_start,
};
use crate::fonts::{FaceId, FontSet};
use crate::model::Rgb;
use crate::units::pt_to_mm;

/// Space between a hanzi and a Latin letter or digit, in em.
pub const CJK_LATIN_GAP_EM: f32 = 0.25;
/// Where the baseline sits in the ideographic em box, from its top, in em.
pub const BASELINE_IN_EM: f32 = 0.88;
/// Justification spreads at most this much extra space into one gap (in em); a line that
/// would need more is left ragged rather than torn apart.
const MAX_JUSTIFY_GAP_EM: f32 = 1.0;

/// A piece of text in one preferred face (a key in bold, its value in regular).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub text: String,
    pub face: FaceId,
}

impl Span {
    pub fn new(text: impl Into<String>, face: FaceId) -> Self {
        Span {
            text: text.into(),
            face,
        }
    }
}

/// One character's glyph, measured at 1 em.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub glyph_id: u16,
    pub advance_em: f32,
    /// No face of the set has the character: drawn as a placeholder box.
    pub missing: bool,
}

/// A text ready to be broken at any size: its characters, glyphs and break opportunities.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub chars: Vec<char>,
    pub glyphs: Vec<Glyph>,
    pub breaks: Vec<BreakAfter>,
}

/// Resolves every character of the spans through the fallback chain of its span's face.
pub fn prepare(fonts: &FontSet, spans: &[Span]) -> Prepared {
    let mut chars = Vec::new();
    let mut glyphs = Vec::new();
    let mut text = String::new();
    for span in spans {
        text.push_str(&span.text);
        for ch in span.text.chars() {
            chars.push(ch);
            glyphs.push(glyph_for(fonts, span.face, ch));
        }
    }
    Prepared {
        chars,
        glyphs,
        breaks: break_opportunities(&text),
    }
}

fn glyph_for(fonts: &FontSet, preferred: FaceId, ch: char) -> Glyph {
    if ch.is_control() {
        let advance_em = if ch == '\t' { 1.0 } else { 0.0 };
        return Glyph {
            face: preferred,
            glyph_id: 0,
            advance_em,
            missing: false,
        };
    }
    match fonts.resolve(preferred, ch) {
        Some(face_id) => {
            let face = fonts.face(face_id);
            let glyph_id = face.glyph_id(ch).unwrap_or(0);
            let units_per_em = f32::from(face.units_per_em().max(1));
            Glyph {
                face: face_id,
                glyph_id,
                advance_em: f32::from(face.advance_units(glyph_id)) / units_per_em,
                missing: false,
            }
        }
        None => Glyph {
            face: preferred,
            glyph_id: 0,
            advance_em: 1.0,
            missing: true,
        },
    }
}

/// Whether the ¼ em gap goes between two neighbours.
fn needs_cjk_latin_gap(before: char, after: char) -> bool {
    (is_cjk_ideograph(before) && is_latin_or_digit(after))
        || (is_latin_or_digit(before) && is_cjk_ideograph(after))
}

fn hangs(ch: char) -> bool {
    ch.is_whitespace() || ch.is_control()
}

/// The prepared text as line-breaker fragments at a size.
pub fn fragments(prepared: &Prepared, size_pt: f32) -> Vec<Fragment> {
    let em_mm = pt_to_mm(size_pt);
    let count = prepared.chars.len();
    (0..count)
        .map(|index| {
            let ch = prepared.chars[index];
            let advance_mm = prepared.glyphs[index].advance_em * em_mm;
            let gap_mm = match prepared.chars.get(index + 1) {
                Some(next) if needs_cjk_latin_gap(ch, *next) => CJK_LATIN_GAP_EM * em_mm,
                _ => 0.0,
            };
            let squeeze_mm =
                if is_squeezable_at_line_end(ch) && prepared.glyphs[index].advance_em >= 0.9 {
                    advance_mm / 2.0
                } else {
                    0.0
                };
            Fragment {
                width_mm: advance_mm + gap_mm,
                end_trim_mm: gap_mm + squeeze_mm,
                break_after: prepared.breaks[index],
                hangs: hangs(ch),
            }
        })
        .collect()
}

/// How a line sits in its box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// 两端对齐: CJK gaps spread to fill the box; lines ending a paragraph stay left.
    Justify,
}

/// A placed line: glyph runs (x from the line box's left edge), placeholder boxes for
/// characters no font has, and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLine {
    pub runs: Vec<(f32, TextRun)>,
    /// x and width of each missing character's placeholder, with the character.
    pub missing: Vec<(f32, f32, char)>,
    pub text: String,
    /// Left end of the first glyph from the box's left edge.
    pub x_mm: f32,
    pub width_mm: f32,
    pub forced: bool,
}

/// Text laid out in a box: the placed lines, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub lines: Vec<PlacedLine>,
}

/// Everything that says how to set one paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InlineStyle {
    pub size_pt: f32,
    pub color: Rgb,
    pub align: Align,
    /// Indent of the first line and of the others (hanging indents), in mm.
    pub first_indent_mm: f32,
    pub rest_indent_mm: f32,
}

/// Breaks and places a prepared text in a box `width_mm` wide.
pub fn set_paragraph(prepared: &Prepared, width_mm: f32, style: &InlineStyle) -> Paragraph {
    let fragments = fragments(prepared, style.size_pt);
    let widths = LineWidths {
        first_mm: (width_mm - style.first_indent_mm).max(0.0),
        rest_mm: (width_mm - style.rest_indent_mm).max(0.0),
    };
    let spans = break_lines(&fragments, widths);
    let lines = spans
        .iter()
        .enumerate()
        .map(|(index, span)| {
            let (indent_mm, available_mm) = if index == 0 {
                (style.first_indent_mm, widths.first_mm)
            } else {
                (style.rest_indent_mm, widths.rest_mm)
            };
            let mut line = place_line(prepared, &fragments, span, available_mm, style);
            line.x_mm += indent_mm;
            for (run_x_mm, _) in &mut line.runs {
                *run_x_mm += indent_mm;
            }
            for (missing_x_mm, _, _) in &mut line.missing {
                *missing_x_mm += indent_mm;
            }
            line
        })
        .collect();
    Paragraph { lines }
}

/// The widest line of a text set without any width limit (a table column's natural width).
pub fn natural_width_mm(prepared: &Prepared, size_pt: f32) -> f32 {
    let fragments = fragments(prepared, size_pt);
    break_lines(&fragments, LineWidths::uniform(f32::INFINITY))
        .iter()
        .map(|span| span.width_mm)
        .fold(0.0, f32::max)
}

/// The widest unbreakable segment (a table column's minimum width).
pub fn min_width_mm(prepared: &Prepared, size_pt: f32) -> f32 {
    let fragments = fragments(prepared, size_pt);
    let mut widest_mm: f32 = 0.0;
    let mut start = 0;
    for (index, fragment) in fragments.iter().enumerate() {
        if fragment.break_after != BreakAfter::Never {
            widest_mm = widest_mm.max(set_width_mm(&fragments[start..=index]));
            start = index + 1;
        }
    }
    widest_mm
}

/// Whether justification may spread space into the gap after character `index`.
fn is_justify_gap(chars: &[char], index: usize) -> bool {
    let (before, after) = (chars[index], chars[index + 1]);
    (is_cjk(before) || is_cjk(after) || needs_cjk_latin_gap(before, after))
        && !no_line_start(after)
        && !no_line_end(before)
}

fn place_line(
    prepared: &Prepared,
    fragments: &[Fragment],
    span: &LineSpan,
    available_mm: f32,
    style: &InlineStyle,
) -> PlacedLine {
    let visible_end = (span.start..span.end)
        .rev()
        .find(|index| !fragments[*index].hangs)
        .map_or(span.start, |last| last + 1);
    let visible = span.start..visible_end;
    let slack_mm = (available_mm - span.width_mm).max(0.0);
    let em_mm = pt_to_mm(style.size_pt);
    let mut extra_per_gap_mm = 0.0;
    let mut offset_mm = 0.0;
    match style.align {
        Align::Justify if !span.hard_end && visible.len() > 1 => {
            let gaps = (visible.start..visible.end - 1)
                .filter(|index| is_justify_gap(&prepared.chars, *index))
                .count();
            if gaps > 0 && slack_mm / gaps as f32 <= MAX_JUSTIFY_GAP_EM * em_mm {
                extra_per_gap_mm = slack_mm / gaps as f32;
            }
        }
        Align::Center => offset_mm = slack_mm / 2.0,
        Align::Right => offset_mm = slack_mm,
        Align::Left | Align::Justify => {}
    }
    let mut runs: Vec<(f32, TextRun)> = Vec::new();
    let mut missing = Vec::new();
    let mut text = String::new();
    let mut x_mm = offset_mm;
    for index in visible.clone() {
        let ch = prepared.chars[index];
        let glyph = prepared.glyphs[index];
        let fragment = fragments[index];
        let is_last = index + 1 == visible.end;
        let drawn_mm = if is_last {
            fragment.width_mm - fragment.end_trim_mm
        } else {
            glyph.advance_em * em_mm
        };
        if !ch.is_control() {
            text.push(ch);
            if glyph.missing {
                missing.push((x_mm, glyph.advance_em * em_mm, ch));
            }
            push_glyph(&mut runs, glyph, ch, x_mm, drawn_mm, style);
        }
        x_mm += fragment.width_mm;
        if !is_last && extra_per_gap_mm > 0.0 && is_justify_gap(&prepared.chars, index) {
            x_mm += extra_per_gap_mm;
        }
    }
    let width_mm = if extra_per_gap_mm > 0.0 {
        available_mm
    } else {
        span.width_mm
    };
    PlacedLine {
        runs,
        missing,
        text,
        x_mm: offset_mm,
        width_mm,
        forced: span.forced,
    }
}

/// Adds a glyph to the last run when it is in the same face, else starts a run.
fn push_glyph(
    runs: &mut Vec<(f32, TextRun)>,
    glyph: Glyph,
    ch: char,
    x_mm: f32,
    drawn_mm: f32,
    style: &InlineStyle,
) {
    if let Some((origin_mm, run)) = runs.last_mut()
        && run.face == glyph.face
    {
        run.glyphs.push(PlacedGlyph {
            glyph_id: glyph.glyph_id,
            ch,
            x_mm: x_mm - *origin_mm,
        });
        run.text.push(ch);
        run.width_mm = x_mm - *origin_mm + drawn_mm;
        return;
    }
    runs.push((
        x_mm,
        TextRun {
            face: glyph.face,
            size_pt: style.size_pt,
            color: style.color,
            glyphs: vec![PlacedGlyph {
                glyph_id: glyph.glyph_id,
                ch,
                x_mm: 0.0,
            }],
            text: ch.to_string(),
            width_mm: drawn_mm,
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, width_mm: f32, align: Align) -> Paragraph {
        let fonts = FontSet::bundled();
        let prepared = prepare(&fonts, &[Span::new(text, FaceId::SERIF)]);
        let style = InlineStyle {
            size_pt: 72.0 / 2.54, // 1 em = 10 mm
            color: Rgb::BLACK,
            align,
            first_indent_mm: 0.0,
            rest_indent_mm: 0.0,
        };
        set_paragraph(&prepared, width_mm, &style)
    }

    fn texts(paragraph: &Paragraph) -> Vec<&str> {
        paragraph
            .lines
            .iter()
            .map(|line| line.text.as_str())
            .collect()
    }

    #[test]
    fn justified_lines_fill_the_box_and_the_last_stays_ragged() {
        let paragraph = set("政务公开接受群众监督，欢迎提出意见", 75.0, Align::Justify);
        assert_eq!(
            texts(&paragraph),
            vec!["政务公开接受群", "众监督，欢迎提", "出意见"]
        );
        assert!((paragraph.lines[0].width_mm - 75.0).abs() < 0.01);
        assert!((paragraph.lines[2].width_mm - 30.0).abs() < 0.01);
        let last_glyph = paragraph.lines[0].runs[0].1.glyphs[6];
        assert!((last_glyph.x_mm - 65.0).abs() < 0.01, "{last_glyph:?}");
    }

    #[test]
    fn a_quarter_em_separates_hanzi_and_digits() {
        let paragraph = set("共12户", 200.0, Align::Left);
        let glyphs = &paragraph.lines[0].runs[0].1.glyphs;
        assert!((glyphs[1].x_mm - 12.5).abs() < 0.01, "{glyphs:?}");
    }

    #[test]
    fn a_character_no_font_has_is_kept_with_a_placeholder() {
        let paragraph = set("王𰻝面", 200.0, Align::Left);
        assert_eq!(paragraph.lines[0].text, "王𰻝面");
        assert_eq!(paragraph.lines[0].missing.len(), 1);
        assert!((paragraph.lines[0].missing[0].0 - 10.0).abs() < 0.01);
    }

    #[test]
    fn centred_lines_sit_in_the_middle() {
        let paragraph = set("公开", 100.0, Align::Center);
        assert!((paragraph.lines[0].x_mm - 40.0).abs() < 0.01);
    }
}
