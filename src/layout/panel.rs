//! Panels (栏目): a title bar and a body of 1–3 columns through which the items flow in order.
//! Fit: *fixed* uses the style's sizes and reports what does not fit; *shrink-to-fit* takes
//! the largest body size (in 0.1 pt steps, by bisection) not above the style's at which
//! everything fits, but never one below the legible minimum for the reading distance.

use super::flow::{flow_blocks, single_line};
use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{
    Align, BASELINE_IN_EM, InlineStyle, PlacedLine, natural_width_mm, set_paragraph,
};
use super::piece::{Flow, FlowStyle, LineKind, Shaper, offset, offset_item};
use super::{BoardDiagram, BoardTableMisfit, LineInfo, MissingGlyph, Overflow};
use crate::model::{Board, FitMode, Item, Panel, RectMm, SizeMm, TextStyle, Theme};
use crate::units::{mm_to_pt, pt_to_mm};

/// The smallest body size anyone may set, whatever the reading distance.
pub const ABSOLUTE_MIN_BODY_PT: f32 = 6.0;
/// Letter height needed per metre of reading distance (0.5 %), in mm.
const LETTER_HEIGHT_MM_PER_M: f32 = 5.0;

/// The smallest legible body size for a reading distance: letter height ≈ 0.5 % of the
/// distance, the letter (an ideograph's em) in mm turned into points.
pub fn min_legible_body_pt(reading_distance_m: f32) -> f32 {
    mm_to_pt(LETTER_HEIGHT_MM_PER_M * reading_distance_m.max(0.0)).max(ABSOLUTE_MIN_BODY_PT)
}

/// The geometry of a panel: title bar height, padding and columns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelGeometry {
    pub title_bar_mm: f32,
    pub padding_mm: f32,
    pub column_gap_mm: f32,
    pub column_width_mm: f32,
    pub columns: usize,
    pub body: RectMm,
}

pub fn panel_geometry(panel: &Panel, style: &TextStyle) -> PanelGeometry {
    let rect = panel.rect_mm;
    let title_bar_mm = if panel.title.trim().is_empty() {
        0.0
    } else if panel.band {
        rect.height_mm
    } else {
        (pt_to_mm(style.panel_title_pt) * 1.5).min(rect.height_mm / 3.0)
    };
    let padding_mm = 0.6 * pt_to_mm(style.body_pt);
    let column_gap_mm = pt_to_mm(style.body_pt);
    let columns = panel.columns.clamp(1, 3) as usize;
    let body = RectMm::new(
        rect.x_mm + padding_mm,
        rect.y_mm + title_bar_mm + padding_mm,
        (rect.width_mm - 2.0 * padding_mm).max(0.0),
        (rect.height_mm - title_bar_mm - 2.0 * padding_mm).max(0.0),
    );
    let column_width_mm =
        ((body.width_mm - column_gap_mm * (columns - 1) as f32) / columns as f32).max(0.0);
    PanelGeometry {
        title_bar_mm,
        padding_mm,
        column_gap_mm,
        column_width_mm,
        columns,
        body,
    }
}

/// A laid-out panel: what to draw and what to report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PanelOutcome {
    pub items: Vec<(PointMm, FrameItem)>,
    pub lines: Vec<LineInfo>,
    pub body_pt: f32,
    pub overflow: Option<Overflow>,
    /// Titles too wide for their room even at the legible minimum (cut to the room).
    pub title_overflows: Vec<Overflow>,
    pub missing_glyphs: Vec<MissingGlyph>,
    /// Table columns too narrow for their longest token even at the legible minimum.
    pub table_misfits: Vec<BoardTableMisfit>,
    /// 办事流程图s placed in the panel (board coordinates).
    pub diagrams: Vec<BoardDiagram>,
}

/// Everything a panel's layout depends on besides its items.
pub struct PanelInput<'p> {
    pub board: &'p Board,
    pub panel: &'p Panel,
    pub items: Vec<&'p Item>,
}

pub fn layout_panel(shaper: &mut Shaper<'_>, input: &PanelInput<'_>) -> PanelOutcome {
    let panel = input.panel;
    let board = input.board;
    let style = panel.style.as_ref().unwrap_or(&board.style);
    let theme = &board.theme;
    let geometry = panel_geometry(panel, style);
    let framed = |shaper: &mut Shaper<'_>, body_pt: f32| {
        let mut outcome = PanelOutcome {
            body_pt,
            ..PanelOutcome::default()
        };
        let title_floor_pt = min_legible_body_pt(board.reading_distance_m);
        panel_frame(
            shaper,
            panel,
            style,
            theme,
            &geometry,
            title_floor_pt,
            &mut outcome,
        );
        outcome
    };
    if panel.band {
        return framed(shaper, style.body_pt);
    }
    let flow_style = FlowStyle {
        table_floor_pt: min_legible_body_pt(board.reading_distance_m),
        ..flow_style_for(shaper, style, theme)
    };
    let style_pt = style.body_pt.max(ABSOLUTE_MIN_BODY_PT);
    let min_pt = min_legible_body_pt(board.reading_distance_m).min(style_pt);
    let flow_at = |shaper: &mut Shaper<'_>, body_pt: f32| {
        items_flow(
            shaper,
            &input.items,
            &panel.blocks,
            geometry.column_width_mm,
            &flow_style.scaled_to(body_pt),
        )
    };
    let fits = |flow: &Flow| fits_in(flow, &geometry);
    let mut body_pt = style_pt;
    let mut flow = flow_at(shaper, body_pt);
    if panel.fit == FitMode::ShrinkToFit && !fits(&flow) {
        // Bisect over tenths of a point: `low` fits (or is the floor), `high` does not.
        let mut high = (style_pt * 10.0).floor() as i32;
        let mut low = ((min_pt * 10.0).ceil() as i32).min(high);
        let floor_flow = flow_at(shaper, low as f32 / 10.0);
        if fits(&floor_flow) {
            let mut best = floor_flow;
            while high - low > 1 {
                let middle = (low + high) / 2;
                let candidate = flow_at(shaper, middle as f32 / 10.0);
                if fits(&candidate) {
                    low = middle;
                    best = candidate;
                } else {
                    high = middle;
                }
            }
            flow = best;
        } else {
            flow = floor_flow;
        }
        body_pt = low as f32 / 10.0;
    }
    let mut outcome = framed(shaper, body_pt);
    place_columns(&flow, &geometry, input, &mut outcome);
    outcome
}

/// The FlowStyle of a board (or panel) text style.
pub fn flow_style_for(shaper: &Shaper<'_>, style: &TextStyle, theme: &Theme) -> FlowStyle {
    let fonts = shaper.fonts;
    FlowStyle {
        heading_face: fonts.face_for(&style.heading_font, true),
        body_face: fonts.face_for(&style.body_font, false),
        body_bold_face: fonts.face_for(&style.body_font, true),
        item_title_pt: style.item_title_pt,
        body_pt: style.body_pt,
        line_height: style.line_height.max(1.0),
        paragraph_spacing_em: style.paragraph_spacing_em.max(0.0),
        first_line_indent_chars: style.first_line_indent_chars.max(0.0),
        text_color: theme.body_text,
        accent_color: theme.panel_title_background,
        rule_color: theme.panel_border,
        header_fill: tint(theme.panel_title_background, 0.82),
        shading_fill: tint(theme.panel_title_background, 0.93),
        table_floor_pt: ABSOLUTE_MIN_BODY_PT,
    }
}

/// A colour mixed with white (`amount` 1.0: white).
pub fn tint(color: crate::model::Rgb, amount: f32) -> crate::model::Rgb {
    let mix = |channel: u8| {
        let value = f32::from(channel) + (255.0 - f32::from(channel)) * amount.clamp(0.0, 1.0);
        value.round() as u8
    };
    crate::model::Rgb(mix(color.0), mix(color.1), mix(color.2))
}

fn items_flow(
    shaper: &mut Shaper<'_>,
    items: &[&Item],
    own_blocks: &[crate::model::Block],
    width_mm: f32,
    style: &FlowStyle,
) -> Flow {
    let mut flow = Flow::default();
    for (index, item) in items.iter().enumerate() {
        let item_flow = flow_blocks(shaper, Some(&item.title), &item.blocks, width_mm, style);
        flow.append(item_flow, index);
        if let Some(last) = flow.pieces.last_mut() {
            last.space_after_mm = last.space_after_mm.max(0.8 * style.body_em_mm());
        }
    }
    if !own_blocks.is_empty() {
        let own = flow_blocks(shaper, None, own_blocks, width_mm, style);
        flow.append(own, items.len());
    }
    flow
}

fn fits_in(flow: &Flow, geometry: &PanelGeometry) -> bool {
    let pages = flow.paginate(geometry.body.height_mm);
    pages.len() <= geometry.columns
        && pages
            .iter()
            .all(|page| page.height_mm <= geometry.body.height_mm + 1e-3)
}

/// Background, border, title bar and title. The title shrinks to fit its bar's width, but not
/// below `title_floor_pt` (the legible minimum for the reading distance): a title still too
/// wide there is cut to the bar and reported in `outcome.title_overflows`.
fn panel_frame(
    shaper: &mut Shaper<'_>,
    panel: &Panel,
    style: &TextStyle,
    theme: &Theme,
    geometry: &PanelGeometry,
    title_floor_pt: f32,
    outcome: &mut PanelOutcome,
) {
    let rect = panel.rect_mm;
    let border_mm = (0.12 * pt_to_mm(style.body_pt)).max(0.3);
    outcome.items.push((
        PointMm::new(rect.x_mm, rect.y_mm),
        FrameItem::Rect {
            size_mm: SizeMm::new(rect.width_mm, rect.height_mm),
            fill: Some(theme.panel_background),
            stroke: Some(Stroke {
                width_mm: border_mm,
                color: theme.panel_border,
            }),
        },
    ));
    if geometry.title_bar_mm <= 0.0 {
        return;
    }
    outcome.items.push((
        PointMm::new(rect.x_mm, rect.y_mm),
        FrameItem::Rect {
            size_mm: SizeMm::new(rect.width_mm, geometry.title_bar_mm),
            fill: Some(theme.panel_title_background),
            stroke: None,
        },
    ));
    let face = shaper.fonts.face_for(&style.heading_font, true);
    let prepared = shaper.prepare_text(&panel.title, face);
    let room_mm = rect.width_mm - 2.0 * geometry.padding_mm;
    let max_pt = if panel.band {
        // A band's title is the card's (or board's) headline.
        (style.panel_title_pt * 2.2).min(mm_to_pt(geometry.title_bar_mm / 1.8))
    } else {
        style
            .panel_title_pt
            .min(mm_to_pt(geometry.title_bar_mm / 1.2))
    };
    let title_size = title_size_pt(
        natural_width_mm(&prepared, 1.0),
        room_mm,
        max_pt,
        title_floor_pt,
    );
    let size_pt = title_size.size_pt;
    let inline = InlineStyle {
        size_pt,
        color: theme.panel_title_text,
        align: Align::Center,
        first_indent_mm: 0.0,
        rest_indent_mm: 0.0,
    };
    let em_mm = pt_to_mm(size_pt);
    let baseline_mm = rect.y_mm + (geometry.title_bar_mm - em_mm) / 2.0 + BASELINE_IN_EM * em_mm;
    let left_mm = rect.x_mm + geometry.padding_mm;
    let slot = LineSlot {
        left_mm,
        room_mm,
        baseline_mm,
        kind: LineKind::PanelTitle,
        panel_id: Some(&panel.id),
    };
    if let Some(cut) = place_title_line(&prepared, &inline, &slot, title_size.fits, outcome) {
        outcome.title_overflows.push(Overflow::title(
            "栏目标题",
            &panel.title,
            &panel.id,
            cut.overflow_mm,
            cut.hidden_chars,
            size_pt,
        ));
    }
}

/// The largest size not above `max_pt` at which a text `width_at_1pt_mm` wide (at 1 pt)
/// fits in `room_mm`.
pub fn fit_size_pt(width_at_1pt_mm: f32, room_mm: f32, max_pt: f32) -> f32 {
    if width_at_1pt_mm <= 0.0 {
        return max_pt;
    }
    (room_mm / width_at_1pt_mm).min(max_pt).max(1.0)
}

/// The size of a one-line title and whether it fits there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TitleSize {
    pub size_pt: f32,
    /// False when even `floor_pt` is too large for the room: the title overflows.
    pub fits: bool,
}

/// A title's size: the largest not above `max_pt` at which it fits its room, but never below
/// `floor_pt` (the legible minimum; lowered to `max_pt` when that is smaller). Below the floor
/// a title does not shrink further: it overflows, as body text does.
pub fn title_size_pt(width_at_1pt_mm: f32, room_mm: f32, max_pt: f32, floor_pt: f32) -> TitleSize {
    let floor_pt = floor_pt.min(max_pt);
    if width_at_1pt_mm <= 0.0 {
        return TitleSize {
            size_pt: max_pt,
            fits: true,
        };
    }
    let needed_pt = room_mm.max(0.0) / width_at_1pt_mm;
    if needed_pt >= floor_pt {
        TitleSize {
            size_pt: needed_pt.min(max_pt),
            fits: true,
        }
    } else {
        TitleSize {
            size_pt: floor_pt,
            fits: false,
        }
    }
}

/// Where a single line goes: a box from `left_mm`, `room_mm` wide, and a baseline.
pub struct LineSlot<'a> {
    pub left_mm: f32,
    pub room_mm: f32,
    pub baseline_mm: f32,
    pub kind: LineKind,
    pub panel_id: Option<&'a str>,
}

/// Sets a text on one line, aligned in its slot, and adds its runs and report line.
pub fn place_single_line(
    prepared: &super::inline::Prepared,
    inline: &InlineStyle,
    slot: &LineSlot<'_>,
    outcome: &mut PanelOutcome,
) {
    let paragraph = single_line(
        prepared,
        &InlineStyle {
            align: Align::Left,
            ..*inline
        },
    );
    for line in &paragraph.lines {
        push_slot_line(line, inline, slot, outcome);
    }
}

/// What of a title was cut off to keep it inside its room.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TitleCut {
    /// Characters not shown (spaces not counted).
    pub hidden_chars: usize,
    /// How much wider than the room the whole title is, in mm.
    pub overflow_mm: f32,
}

/// Sets a title in its slot: on one line when it `fits`; else broken at the room's width and
/// only its first line shown (the rest is what [`TitleCut`] reports).
pub fn place_title_line(
    prepared: &super::inline::Prepared,
    inline: &InlineStyle,
    slot: &LineSlot<'_>,
    fits: bool,
    outcome: &mut PanelOutcome,
) -> Option<TitleCut> {
    if fits {
        place_single_line(prepared, inline, slot, outcome);
        return None;
    }
    let left = InlineStyle {
        align: Align::Left,
        ..*inline
    };
    let paragraph = set_paragraph(prepared, slot.room_mm.max(0.0), &left);
    let (first, rest) = paragraph.lines.split_first()?;
    push_slot_line(first, inline, slot, outcome);
    let hidden_chars: usize = rest
        .iter()
        .map(|line| super::piece::count_chars(&line.text))
        .sum();
    (hidden_chars > 0).then(|| TitleCut {
        hidden_chars,
        overflow_mm: (natural_width_mm(prepared, inline.size_pt) - slot.room_mm).max(0.0),
    })
}

/// One placed line in its slot, aligned as `inline` says: its runs and its report line.
fn push_slot_line(
    line: &PlacedLine,
    inline: &InlineStyle,
    slot: &LineSlot<'_>,
    outcome: &mut PanelOutcome,
) {
    let LineSlot {
        left_mm,
        room_mm,
        baseline_mm,
        kind,
        panel_id,
    } = *slot;
    let slack_mm = (room_mm - line.width_mm).max(0.0);
    let shift_mm = match inline.align {
        Align::Center => slack_mm / 2.0,
        Align::Right => slack_mm,
        Align::Left | Align::Justify => 0.0,
    };
    for (x_mm, run) in &line.runs {
        outcome.items.push((
            PointMm::new(left_mm + shift_mm + x_mm, baseline_mm),
            FrameItem::Text(run.clone()),
        ));
    }
    let face = line.runs.first().map(|(_, run)| run.face);
    outcome.lines.push(LineInfo {
        text: line.text.clone(),
        x_mm: left_mm + shift_mm + line.x_mm,
        y_mm: baseline_mm,
        width_mm: line.width_mm,
        panel_id: panel_id.map(str::to_owned),
        item_id: None,
        box_left_mm: left_mm,
        box_right_mm: left_mm + room_mm,
        face: face.unwrap_or(crate::fonts::FaceId::SANS),
        size_pt: inline.size_pt,
        kind,
        forced: line.forced,
    });
}

/// Puts the flow's pages into the panel's columns; what is left over is the overflow.
fn place_columns(
    flow: &Flow,
    geometry: &PanelGeometry,
    input: &PanelInput<'_>,
    outcome: &mut PanelOutcome,
) {
    let pages = flow.paginate(geometry.body.height_mm);
    let mut first_unplaced: Option<usize> = None;
    let mut overflow_mm = 0.0;
    for (column, page) in pages.iter().enumerate() {
        let origin = PointMm::new(
            geometry.body.x_mm
                + column as f32 * (geometry.column_width_mm + geometry.column_gap_mm),
            geometry.body.y_mm,
        );
        for placed in &page.pieces {
            let piece = &flow.pieces[placed.piece];
            let bottom_mm = placed.y_mm + piece.height_mm;
            if column >= geometry.columns || bottom_mm > geometry.body.height_mm + 1e-3 {
                if !placed.repeated {
                    first_unplaced = first_unplaced.or(Some(placed.piece));
                    overflow_mm += piece.height_mm + piece.space_after_mm;
                }
                continue;
            }
            let top = PointMm::new(origin.x_mm, origin.y_mm + placed.y_mm);
            for (at, item) in &piece.items {
                outcome
                    .items
                    .push((offset(*at, top), offset_item(item, top)));
            }
            let item = input.items.get(piece.tag);
            for (_, diagram) in flow
                .diagrams
                .iter()
                .filter(|(index, _)| *index == placed.piece)
            {
                outcome.diagrams.push(BoardDiagram {
                    panel_id: input.panel.id.clone(),
                    item_id: item.map(|item| item.id.clone()),
                    diagram: diagram.offset(top),
                });
            }
            for line in &piece.lines {
                outcome.lines.push(LineInfo {
                    text: line.text.clone(),
                    x_mm: top.x_mm + line.x_mm,
                    y_mm: top.y_mm + line.baseline_mm,
                    width_mm: line.width_mm,
                    panel_id: Some(input.panel.id.clone()),
                    item_id: item.map(|item| item.id.clone()),
                    box_left_mm: top.x_mm + line.box_left_mm,
                    box_right_mm: top.x_mm + line.box_right_mm,
                    face: line.face,
                    size_pt: line.size_pt,
                    kind: line.kind,
                    forced: line.forced,
                });
            }
        }
    }
    for misfit in &flow.table_misfits {
        let item = input.items.get(misfit.tag);
        outcome.table_misfits.push(BoardTableMisfit {
            panel_id: input.panel.id.clone(),
            item_id: item.map(|item| item.id.clone()),
            message: misfit.message(item.map_or(input.panel.title.as_str(), |item| &item.title)),
            misfit: misfit.clone(),
        });
    }
    for (ch, item) in missing_by_item(flow, input) {
        outcome
            .missing_glyphs
            .push(MissingGlyph::new(ch, &input.panel.id, item));
    }
    if let Some(first) = first_unplaced {
        let chars: usize = flow.pieces[first..].iter().map(|piece| piece.chars).sum();
        let item = input.items.get(flow.pieces[first].tag);
        outcome.overflow = Some(Overflow::new(
            input.panel,
            item.copied(),
            overflow_mm,
            chars,
            outcome.body_pt,
        ));
    }
}

/// Each missing character with every item it appears in (each item's text read once).
fn missing_by_item<'p>(flow: &Flow, input: &PanelInput<'p>) -> Vec<(char, Option<&'p Item>)> {
    if flow.missing_chars.is_empty() {
        return Vec::new();
    }
    let item_chars: Vec<std::collections::HashSet<char>> = input
        .items
        .iter()
        .map(|item| item.all_text().chars().collect())
        .collect();
    let mut found = Vec::new();
    for ch in &flow.missing_chars {
        let before = found.len();
        found.extend(
            input
                .items
                .iter()
                .zip(&item_chars)
                .filter(|(_, chars)| chars.contains(ch))
                .map(|(item, _)| (*ch, Some(*item))),
        );
        if found.len() == before {
            found.push((*ch, None));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_metres_need_ten_millimetre_letters() {
        let min_pt = min_legible_body_pt(2.0);
        assert!((pt_to_mm(min_pt) - 10.0).abs() < 0.01, "{min_pt}");
        assert_eq!(min_legible_body_pt(0.0), ABSOLUTE_MIN_BODY_PT);
    }

    #[test]
    fn titles_shrink_to_the_floor_and_no_further() {
        // 100 mm wide at 1 pt, 500 mm of room: 5 pt would fit, the floor is 20 pt.
        let size = title_size_pt(100.0, 500.0, 72.0, 20.0);
        assert_eq!(
            size,
            TitleSize {
                size_pt: 20.0,
                fits: false
            }
        );
        let size = title_size_pt(1.0, 500.0, 72.0, 20.0);
        assert_eq!(
            size,
            TitleSize {
                size_pt: 72.0,
                fits: true
            }
        );
        let size = title_size_pt(10.0, 500.0, 72.0, 20.0);
        assert_eq!(
            size,
            TitleSize {
                size_pt: 50.0,
                fits: true
            }
        );
        // A bar too low for the floor: its own maximum is the floor.
        let size = title_size_pt(100.0, 500.0, 12.0, 20.0);
        assert_eq!(
            size,
            TitleSize {
                size_pt: 12.0,
                fits: false
            }
        );
        assert!(title_size_pt(0.0, 0.0, 72.0, 20.0).fits);
    }

    #[test]
    fn tint_mixes_with_white() {
        assert_eq!(
            tint(crate::model::Rgb(0, 100, 255), 0.5),
            crate::model::Rgb(128, 178, 255)
        );
    }
}
