//! The whole board as one page: background, header band (title, subtitle), the panels, and
//! the footer band (监督电话 / 意见箱 / 接待日 from the project's meta, the board's note, and a
//! dates line the schedule computes and passes in as [`BoardFooterText`]).

use super::frame::{FrameItem, Page, PointMm};
use super::inline::{Align, BASELINE_IN_EM, InlineStyle, natural_width_mm};
use super::panel::{
    LineSlot, PanelOutcome, TitleSize, min_legible_body_pt, place_title_line, title_size_pt,
};
use super::piece::{LineKind, Shaper};
use super::{BoardLayout, Overflow, PanelLayout};
use crate::fonts::FaceId;
use crate::model::{Board, Meta, Panel, Project, Rgb, SizeMm};
use crate::units::{mm_to_pt, pt_to_mm};
use std::sync::Arc;

/// Footer lines computed outside layout. The schedule module fills `dates_line` (e.g.
/// "本期公开日期：2026年3月1日　下次公开日期：2026年8月31日"); by default the footer shows the
/// contacts only.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoardFooterText {
    pub dates_line: Option<String>,
}

/// The footer's lines, top to bottom.
pub fn footer_lines(board: &Board, meta: &Meta, footer_text: &BoardFooterText) -> Vec<String> {
    let mut lines = Vec::new();
    if board.footer.show_contacts {
        let contacts: Vec<String> = [
            ("监督电话", &meta.supervision_phone),
            ("咨询电话", &meta.consult_phone),
            ("意见箱", &meta.suggestion_box),
            ("领导接待日", &meta.reception_day),
        ]
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(label, value)| format!("{label}：{value}"))
        .collect();
        if !contacts.is_empty() {
            lines.push(contacts.join("　　"));
        }
    }
    if board.footer.show_dates
        && let Some(dates) = footer_text
            .dates_line
            .as_ref()
            .filter(|line| !line.trim().is_empty())
    {
        lines.push(dates.clone());
    }
    if !board.footer.note.trim().is_empty() {
        lines.push(board.footer.note.clone());
    }
    lines
}

pub(crate) fn assemble(
    shaper: &mut Shaper<'_>,
    project: &Project,
    board: &Board,
    outcomes: &[(&Panel, Arc<PanelOutcome>)],
    footer_text: &BoardFooterText,
) -> BoardLayout {
    let mut frame = PanelOutcome::default();
    frame.items.push((
        PointMm::new(0.0, 0.0),
        FrameItem::Rect {
            size_mm: board.size_mm,
            fill: Some(board.theme.background),
            stroke: None,
        },
    ));
    header_band(shaper, board, &mut frame);
    let mut page = Page {
        size_mm: board.size_mm,
        items: frame.items,
    };
    let mut lines = frame.lines;
    let mut panels = Vec::new();
    let mut overflows = frame.title_overflows;
    let mut missing_glyphs = Vec::new();
    let mut table_misfits = Vec::new();
    let mut diagrams = Vec::new();
    for (panel, outcome) in outcomes {
        table_misfits.extend(outcome.table_misfits.iter().cloned());
        diagrams.extend(outcome.diagrams.iter().cloned());
        page.items.extend(outcome.items.iter().cloned());
        lines.extend(outcome.lines.iter().cloned());
        overflows.extend(outcome.title_overflows.iter().cloned());
        overflows.extend(outcome.overflow.iter().cloned());
        missing_glyphs.extend(outcome.missing_glyphs.iter().cloned());
        panels.push(PanelLayout {
            panel_id: panel.id.clone(),
            rect_mm: panel.rect_mm,
            body_pt: outcome.body_pt,
            // The body's overflow, else the title's: either marks the panel.
            overflow: outcome
                .overflow
                .clone()
                .or_else(|| outcome.title_overflows.first().cloned()),
        });
    }
    let mut footer = PanelOutcome::default();
    footer_band(
        shaper,
        board,
        &footer_lines(board, &project.meta, footer_text),
        &mut footer,
    );
    page.items.extend(footer.items);
    lines.extend(footer.lines);
    overflows.extend(footer.title_overflows);
    BoardLayout {
        board_id: board.id.clone(),
        page,
        panels,
        lines,
        overflows,
        missing_glyphs,
        table_misfits,
        diagrams,
    }
}

/// A band across the board between the side margins.
fn band(board: &Board, top_mm: f32, height_mm: f32, fill: Rgb) -> (PointMm, FrameItem) {
    let width_mm = board.size_mm.width_mm - board.margins_mm.left_mm - board.margins_mm.right_mm;
    (
        PointMm::new(board.margins_mm.left_mm, top_mm),
        FrameItem::Rect {
            size_mm: SizeMm::new(width_mm.max(0.0), height_mm),
            fill: Some(fill),
            stroke: None,
        },
    )
}

/// A line of a header or footer band.
struct BandLine {
    text: String,
    face: FaceId,
    size: TitleSize,
    color: Rgb,
    kind: LineKind,
}

impl BandLine {
    /// What the line is called in an overflow message.
    fn what_zh(&self) -> &'static str {
        match self.kind {
            LineKind::BoardTitle => "公开栏标题",
            LineKind::BoardSubtitle => "副标题",
            _ => "页脚文字",
        }
    }
}

/// Stacks lines of text (each at its size) centred in a band.
fn centred_lines(
    shaper: &mut Shaper<'_>,
    board: &Board,
    band_top_mm: f32,
    band_height_mm: f32,
    lines: &[BandLine],
    out: &mut PanelOutcome,
) {
    let left_mm = board.margins_mm.left_mm;
    let room_mm = board.size_mm.width_mm - left_mm - board.margins_mm.right_mm;
    let margin_mm = 0.04 * room_mm.max(0.0);
    let gap_factor = 0.25;
    let total_mm: f32 = lines
        .iter()
        .map(|line| pt_to_mm(line.size.size_pt) * (1.0 + gap_factor))
        .sum::<f32>()
        - lines
            .last()
            .map_or(0.0, |line| pt_to_mm(line.size.size_pt) * gap_factor);
    let mut top_mm = band_top_mm + (band_height_mm - total_mm) / 2.0;
    for line in lines {
        let prepared = shaper.prepare_text(&line.text, line.face);
        let size_pt = line.size.size_pt;
        let inline = InlineStyle {
            size_pt,
            color: line.color,
            align: Align::Center,
            first_indent_mm: 0.0,
            rest_indent_mm: 0.0,
        };
        let em_mm = pt_to_mm(size_pt);
        let slot = LineSlot {
            left_mm: left_mm + margin_mm,
            room_mm: room_mm - 2.0 * margin_mm,
            baseline_mm: top_mm + BASELINE_IN_EM * em_mm,
            kind: line.kind,
            panel_id: None,
        };
        let first_item = out.items.len();
        if let Some(cut) = place_title_line(&prepared, &inline, &slot, line.size.fits, out) {
            out.title_overflows.push(Overflow::title(
                line.what_zh(),
                &line.text,
                "",
                cut.overflow_mm,
                cut.hidden_chars,
                size_pt,
            ));
        }
        // A board made of parts: keep the line's glyphs off the frame bars.
        super::parts::clear_vertical_bars(board, out, first_item, left_mm, left_mm + room_mm);
        top_mm += em_mm * (1.0 + gap_factor);
    }
}

/// The size at which a text fits the band's width (less side room), at most `max_pt` and
/// not below the legible minimum for the board's reading distance (then it overflows).
fn band_size_pt(
    shaper: &mut Shaper<'_>,
    board: &Board,
    text: &str,
    face: FaceId,
    max_pt: f32,
) -> TitleSize {
    let room_mm =
        (board.size_mm.width_mm - board.margins_mm.left_mm - board.margins_mm.right_mm) * 0.92;
    let prepared = shaper.prepare_text(text, face);
    title_size_pt(
        natural_width_mm(&prepared, 1.0),
        room_mm,
        max_pt,
        min_legible_body_pt(board.reading_distance_m),
    )
}

fn header_band(shaper: &mut Shaper<'_>, board: &Board, out: &mut PanelOutcome) {
    let height_mm = board.header.height_mm;
    if height_mm <= 0.0 {
        return;
    }
    let top_mm = board.margins_mm.top_mm;
    out.items.push(band(
        board,
        top_mm,
        height_mm,
        board.theme.header_background,
    ));
    let face = shaper.fonts.face_for(&board.style.heading_font, true);
    let has_subtitle = !board.header.subtitle.trim().is_empty();
    let title_share = if has_subtitle { 0.55 } else { 0.7 };
    let mut lines = Vec::new();
    if !board.header.title.trim().is_empty() {
        let max_pt = board
            .style
            .board_title_pt
            .min(mm_to_pt(height_mm * title_share));
        let size = band_size_pt(shaper, board, &board.header.title, face, max_pt);
        lines.push(BandLine {
            text: board.header.title.clone(),
            face,
            size,
            color: board.theme.header_text,
            kind: LineKind::BoardTitle,
        });
    }
    if has_subtitle {
        let max_pt = (board.style.board_title_pt * 0.3).min(mm_to_pt(height_mm * 0.18));
        let size = band_size_pt(shaper, board, &board.header.subtitle, face, max_pt);
        lines.push(BandLine {
            text: board.header.subtitle.clone(),
            face,
            size,
            color: board.theme.header_text,
            kind: LineKind::BoardSubtitle,
        });
    }
    centred_lines(shaper, board, top_mm, height_mm, &lines, out);
}

fn footer_band(shaper: &mut Shaper<'_>, board: &Board, texts: &[String], out: &mut PanelOutcome) {
    let height_mm = board.footer.height_mm;
    if height_mm <= 0.0 {
        return;
    }
    let top_mm = board.size_mm.height_mm - board.margins_mm.bottom_mm - height_mm;
    out.items.push(band(
        board,
        top_mm,
        height_mm,
        board.theme.footer_background,
    ));
    if texts.is_empty() {
        return;
    }
    let face = shaper.fonts.face_for(&board.style.body_font, false);
    let per_line_mm = height_mm / (texts.len() as f32 * 1.25 + 0.5);
    let max_pt = board.style.item_title_pt.min(mm_to_pt(per_line_mm));
    // One size for every footer line: the smallest any of them needs (not below the floor);
    // a line that does not fit at the floor overflows alone.
    let sizes: Vec<TitleSize> = texts
        .iter()
        .map(|text| band_size_pt(shaper, board, text, face, max_pt))
        .collect();
    let size_pt = sizes.iter().map(|size| size.size_pt).fold(max_pt, f32::min);
    let lines: Vec<_> = texts
        .iter()
        .zip(&sizes)
        .map(|(text, size)| BandLine {
            text: text.clone(),
            face,
            size: TitleSize {
                size_pt,
                fits: size.fits,
            },
            color: board.theme.footer_text,
            kind: LineKind::Footer,
        })
        .collect();
    centred_lines(shaper, board, top_mm, height_mm, &lines, out);
}
