//! 办事流程图: a [`Flowchart`] block → one flow piece of boxes, arrows and text, drawn with the
//! frame items every renderer already knows (rectangles, lines, glyph runs), so the canvas,
//! the PDF and any other renderer draw it alike. Step texts are broken by the same line
//! breaker as paragraphs.
//!
//! Top-down: the steps one under another in the main column, each 否 box beside its question
//! (one level), the 办理时限 beside its step. Left-to-right, when the column is wide enough for
//! every box to be at least [`MIN_ACROSS_BOX_EM`] wide: the steps in a row, 办理时限 above and
//! 否 boxes below. Arrows run only through the gaps between boxes, so none crosses a box.

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{Align, InlineStyle, set_paragraph};
use super::piece::{FlowBuilder, FlowPiece, LineKind, count_chars, line_piece_parts};
use crate::model::{FlowStep, Flowchart, RectMm, Rgb, SizeMm};
use crate::units::pt_to_mm;
use serde::Serialize;

/// Left-to-right only when each box gets at least this many body ems.
pub const MIN_ACROSS_BOX_EM: f32 = 8.0;
/// Notes (办理时限, 是/否) at this share of the body size.
const NOTE_SCALE: f32 = 0.8;

/// What a box of a flowchart is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagramBoxKind {
    /// A step.
    Step,
    /// A 是/否 question (drawn with pointed ends).
    Question,
    /// Where a question's 否 leads.
    No,
}

/// A box of a laid-out flowchart, in the piece's coordinates (or the board's, in a dump).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagramBox {
    pub kind: DiagramBoxKind,
    pub text: String,
    pub rect_mm: RectMm,
}

/// An arrow, straight, from `from` to the arrowhead at `to`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiagramArrow {
    pub from: [f32; 2],
    pub to: [f32; 2],
    /// "是", "否" or empty.
    pub label: String,
}

/// A laid-out flowchart: what `layout --json` lists.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diagram {
    pub across: bool,
    pub boxes: Vec<DiagramBox>,
    pub arrows: Vec<DiagramArrow>,
}

impl Diagram {
    /// The same diagram moved by `by` (into a panel or page).
    pub fn offset(&self, by: PointMm) -> Diagram {
        let shift = |[x, y]: [f32; 2]| [x + by.x_mm, y + by.y_mm];
        Diagram {
            across: self.across,
            boxes: self
                .boxes
                .iter()
                .map(|diagram_box| DiagramBox {
                    rect_mm: RectMm::new(
                        diagram_box.rect_mm.x_mm + by.x_mm,
                        diagram_box.rect_mm.y_mm + by.y_mm,
                        diagram_box.rect_mm.width_mm,
                        diagram_box.rect_mm.height_mm,
                    ),
                    ..diagram_box.clone()
                })
                .collect(),
            arrows: self
                .arrows
                .iter()
                .map(|arrow| DiagramArrow {
                    from: shift(arrow.from),
                    to: shift(arrow.to),
                    label: arrow.label.clone(),
                })
                .collect(),
        }
    }
}

/// Sizes of one chart, from the flow's body size.
struct Metrics {
    em_mm: f32,
    pad_mm: f32,
    line_mm: f32,
    note_pt: f32,
    note_line_mm: f32,
    /// How far a question's points stick out left and right of its text.
    point_mm: f32,
    stroke: Stroke,
    arrow_stroke: Stroke,
}

/// Text set in a box: its items and lines are added to the piece.
struct SetText {
    height_mm: f32,
}

/// Lays out the chart as one piece and its boxes and arrows (None: no steps).
pub(crate) fn flowchart_piece(
    builder: &mut FlowBuilder<'_, '_>,
    chart: &Flowchart,
) -> Option<(FlowPiece, Diagram)> {
    if chart.steps.is_empty() {
        return None;
    }
    let style = builder.style;
    let em_mm = style.body_em_mm();
    let metrics = Metrics {
        em_mm,
        pad_mm: 0.5 * em_mm,
        line_mm: em_mm * style.line_height,
        note_pt: style.body_pt * NOTE_SCALE,
        note_line_mm: pt_to_mm(style.body_pt * NOTE_SCALE) * style.line_height,
        point_mm: 1.2 * em_mm,
        stroke: Stroke {
            width_mm: (0.06 * em_mm).max(0.25),
            color: style.rule_color,
        },
        arrow_stroke: Stroke {
            width_mm: (0.06 * em_mm).max(0.25),
            color: style.text_color,
        },
    };
    let count = chart.steps.len() as f32;
    let arrow_across_mm = 3.0 * em_mm;
    let box_across_mm = (builder.width_mm - (count - 1.0) * arrow_across_mm) / count;
    let mut piece = FlowPiece::new(0.0);
    let mut diagram = Diagram::default();
    let height_mm = if chart.steps.len() >= 2 && box_across_mm >= MIN_ACROSS_BOX_EM * em_mm {
        diagram.across = true;
        lay_out_across(
            builder,
            chart,
            &metrics,
            box_across_mm,
            arrow_across_mm,
            &mut piece,
            &mut diagram,
        )
    } else {
        lay_out_down(builder, chart, &metrics, &mut piece, &mut diagram)
    };
    piece.height_mm = height_mm;
    Some((piece, diagram))
}

/// Top-down. Returns the chart's height.
fn lay_out_down(
    builder: &mut FlowBuilder<'_, '_>,
    chart: &Flowchart,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    diagram: &mut Diagram,
) -> f32 {
    let width_mm = builder.width_mm;
    let em_mm = metrics.em_mm;
    let has_side = chart
        .steps
        .iter()
        .any(|step| step.no_branch.is_some() || !step.time_limit.trim().is_empty());
    let gap_mm = 3.5 * em_mm;
    let main_mm = if has_side {
        (0.55 * width_mm)
            .min(22.0 * em_mm)
            .max(width_mm - gap_mm - 22.0 * em_mm)
    } else {
        width_mm.min(22.0 * em_mm)
    };
    let main_left_mm = if has_side {
        0.0
    } else {
        (width_mm - main_mm) / 2.0
    };
    let side_left_mm = main_left_mm + main_mm + gap_mm;
    let side_mm = (width_mm - side_left_mm).max(0.0);
    let arrow_gap_mm = 2.2 * em_mm;
    let center_x_mm = main_left_mm + main_mm / 2.0;
    let mut y_mm = 0.0;
    let mut previous_bottom: Option<(f32, bool)> = None;
    for step in &chart.steps {
        let question = step.no_branch.is_some();
        let main_height_mm = box_height(builder, metrics, &step.text, main_mm, question);
        let no_height_mm = step
            .no_branch
            .as_deref()
            .map_or(0.0, |no| box_height(builder, metrics, no, side_mm, false));
        let row_mm = main_height_mm.max(no_height_mm);
        let center_y_mm = y_mm + row_mm / 2.0;
        let main_top_mm = center_y_mm - main_height_mm / 2.0;
        if let Some((from_y_mm, after_question)) = previous_bottom {
            push_arrow(
                builder,
                metrics,
                piece,
                diagram,
                PointMm::new(center_x_mm, from_y_mm),
                PointMm::new(center_x_mm, main_top_mm),
                if after_question { "是" } else { "" },
            );
        }
        let main_rect = RectMm::new(main_left_mm, main_top_mm, main_mm, main_height_mm);
        draw_box(
            builder, metrics, piece, diagram, &step.text, main_rect, question,
        );
        let mut bottom_mm = main_top_mm + main_height_mm;
        let time_limit = step.time_limit.trim();
        if let Some(no) = step.no_branch.as_deref() {
            let no_rect = RectMm::new(
                side_left_mm,
                center_y_mm - no_height_mm / 2.0,
                side_mm,
                no_height_mm,
            );
            push_arrow(
                builder,
                metrics,
                piece,
                diagram,
                PointMm::new(main_left_mm + main_mm, center_y_mm),
                PointMm::new(side_left_mm, center_y_mm),
                "否",
            );
            draw_no_box(builder, metrics, piece, diagram, no, no_rect);
            bottom_mm = bottom_mm.max(no_rect.bottom_mm());
            if !time_limit.is_empty() {
                let set = set_note(
                    builder,
                    metrics,
                    piece,
                    &time_limit_text(time_limit),
                    PointMm::new(side_left_mm, no_rect.bottom_mm() + 0.2 * em_mm),
                    side_mm,
                    Align::Left,
                );
                bottom_mm = bottom_mm.max(no_rect.bottom_mm() + 0.2 * em_mm + set.height_mm);
            }
        } else if !time_limit.is_empty() {
            let note_left_mm = main_left_mm + main_mm + 0.6 * em_mm;
            let note_width_mm = (width_mm - note_left_mm).max(0.0);
            let note = time_limit_text(time_limit);
            let lines = note_line_count(builder, metrics, &note, note_width_mm);
            let note_height_mm = lines as f32 * metrics.note_line_mm;
            let top_mm = (center_y_mm - note_height_mm / 2.0).max(y_mm);
            set_note(
                builder,
                metrics,
                piece,
                &note,
                PointMm::new(note_left_mm, top_mm),
                note_width_mm,
                Align::Left,
            );
            bottom_mm = bottom_mm.max(top_mm + note_height_mm);
        }
        previous_bottom = Some((main_top_mm + main_height_mm, question));
        y_mm = bottom_mm + arrow_gap_mm;
    }
    y_mm - arrow_gap_mm
}

/// Left-to-right. Returns the chart's height.
fn lay_out_across(
    builder: &mut FlowBuilder<'_, '_>,
    chart: &Flowchart,
    metrics: &Metrics,
    box_mm: f32,
    arrow_mm: f32,
    piece: &mut FlowPiece,
    diagram: &mut Diagram,
) -> f32 {
    let em_mm = metrics.em_mm;
    let notes: Vec<String> = chart
        .steps
        .iter()
        .map(|step| {
            let limit = step.time_limit.trim();
            if limit.is_empty() {
                String::new()
            } else {
                time_limit_text(limit)
            }
        })
        .collect();
    let note_rows = notes
        .iter()
        .map(|note| {
            if note.is_empty() {
                0
            } else {
                note_line_count(builder, metrics, note, box_mm)
            }
        })
        .max()
        .unwrap_or(0);
    let notes_mm = if note_rows > 0 {
        note_rows as f32 * metrics.note_line_mm + 0.3 * em_mm
    } else {
        0.0
    };
    let row_mm = chart
        .steps
        .iter()
        .map(|step| {
            box_height(
                builder,
                metrics,
                &step.text,
                box_mm,
                step.no_branch.is_some(),
            )
        })
        .fold(0.0, f32::max);
    let top_mm = notes_mm;
    let center_y_mm = top_mm + row_mm / 2.0;
    let down_mm = 2.5 * em_mm;
    let mut bottom_mm = top_mm + row_mm;
    for (index, step) in chart.steps.iter().enumerate() {
        let left_mm = index as f32 * (box_mm + arrow_mm);
        let question = step.no_branch.is_some();
        if !notes[index].is_empty() {
            set_note(
                builder,
                metrics,
                piece,
                &notes[index],
                PointMm::new(left_mm, 0.0),
                box_mm,
                Align::Center,
            );
        }
        let rect = RectMm::new(left_mm, top_mm, box_mm, row_mm);
        draw_box(builder, metrics, piece, diagram, &step.text, rect, question);
        if index > 0 {
            let after_question = chart.steps[index - 1].no_branch.is_some();
            push_arrow(
                builder,
                metrics,
                piece,
                diagram,
                PointMm::new(left_mm - arrow_mm, center_y_mm),
                PointMm::new(left_mm, center_y_mm),
                if after_question { "是" } else { "" },
            );
        }
        if let Some(no) = step.no_branch.as_deref() {
            let no_height_mm = box_height(builder, metrics, no, box_mm, false);
            let no_rect = RectMm::new(left_mm, rect.bottom_mm() + down_mm, box_mm, no_height_mm);
            push_arrow(
                builder,
                metrics,
                piece,
                diagram,
                PointMm::new(left_mm + box_mm / 2.0, rect.bottom_mm()),
                PointMm::new(left_mm + box_mm / 2.0, no_rect.y_mm),
                "否",
            );
            draw_no_box(builder, metrics, piece, diagram, no, no_rect);
            bottom_mm = bottom_mm.max(no_rect.bottom_mm());
        }
    }
    bottom_mm
}

fn time_limit_text(limit: &str) -> String {
    format!("办理时限：{limit}")
}

/// The inline style of box text (centred) or of a note.
fn inline(builder: &FlowBuilder<'_, '_>, size_pt: f32, color: Rgb, align: Align) -> InlineStyle {
    builder.inline(size_pt, color, align)
}

/// The text width inside a box `width_mm` wide.
fn inner_width_mm(metrics: &Metrics, width_mm: f32, question: bool) -> f32 {
    let points = if question {
        2.0 * metrics.point_mm
    } else {
        0.0
    };
    (width_mm - 2.0 * metrics.pad_mm - points).max(metrics.em_mm)
}

/// How tall a box of `text` set `width_mm` wide is.
fn box_height(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    text: &str,
    width_mm: f32,
    question: bool,
) -> f32 {
    let style = builder.style;
    let prepared = builder.shaper.prepare_text(text, style.body_face);
    let inline = inline(builder, style.body_pt, style.text_color, Align::Center);
    let lines = set_paragraph(
        &prepared,
        inner_width_mm(metrics, width_mm, question),
        &inline,
    )
    .lines
    .len()
    .max(1);
    let extra = if question { 0.4 * metrics.em_mm } else { 0.0 };
    lines as f32 * metrics.line_mm + 2.0 * metrics.pad_mm + extra
}

fn note_line_count(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    text: &str,
    width_mm: f32,
) -> usize {
    let style = builder.style;
    let prepared = builder.shaper.prepare_text(text, style.body_face);
    let inline = inline(builder, metrics.note_pt, style.text_color, Align::Left);
    set_paragraph(&prepared, width_mm.max(metrics.em_mm), &inline)
        .lines
        .len()
        .max(1)
}

/// Sets `text` in lines from `top_left`, `width_mm` wide, into the piece.
#[allow(clippy::too_many_arguments)]
fn set_lines(
    builder: &mut FlowBuilder<'_, '_>,
    piece: &mut FlowPiece,
    text: &str,
    top_left: PointMm,
    width_mm: f32,
    inline: &InlineStyle,
    line_mm: f32,
    kind: LineKind,
) -> SetText {
    let style = builder.style;
    let prepared = builder.shaper.prepare_text(text, style.body_face);
    builder.note_missing(&prepared);
    let paragraph = set_paragraph(&prepared, width_mm, inline);
    let line_box = FlowPiece::new(line_mm);
    for (index, line) in paragraph.lines.iter().enumerate() {
        let top_mm = top_left.y_mm + index as f32 * line_mm;
        let (items, mut flow_line) =
            line_piece_parts(line, inline, style, top_left.x_mm, width_mm, &line_box);
        flow_line.kind = kind;
        flow_line.baseline_mm += top_mm;
        piece.chars += count_chars(&line.text);
        piece.items.extend(
            items
                .into_iter()
                .map(|(at, item)| (PointMm::new(at.x_mm, at.y_mm + top_mm), item)),
        );
        piece.lines.push(flow_line);
    }
    SetText {
        height_mm: paragraph.lines.len() as f32 * line_mm,
    }
}

fn set_note(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    text: &str,
    top_left: PointMm,
    width_mm: f32,
    align: Align,
) -> SetText {
    let color = builder.style.accent_color;
    let inline = inline(builder, metrics.note_pt, color, align);
    set_lines(
        builder,
        piece,
        text,
        top_left,
        width_mm.max(metrics.em_mm),
        &inline,
        metrics.note_line_mm,
        LineKind::Caption,
    )
}

/// A step (a rectangle) or a question (pointed left and right), its text centred inside.
fn draw_box(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    diagram: &mut Diagram,
    text: &str,
    rect: RectMm,
    question: bool,
) {
    let style = builder.style;
    if question {
        let point = metrics.point_mm.min(rect.width_mm / 4.0);
        let middle = rect.y_mm + rect.height_mm / 2.0;
        let corners = [
            PointMm::new(rect.x_mm, middle),
            PointMm::new(rect.x_mm + point, rect.y_mm),
            PointMm::new(rect.right_mm() - point, rect.y_mm),
            PointMm::new(rect.right_mm(), middle),
            PointMm::new(rect.right_mm() - point, rect.bottom_mm()),
            PointMm::new(rect.x_mm + point, rect.bottom_mm()),
        ];
        piece.items.push((
            PointMm::new(rect.x_mm + point, rect.y_mm),
            FrameItem::Rect {
                size_mm: SizeMm::new(rect.width_mm - 2.0 * point, rect.height_mm),
                fill: Some(style.header_fill),
                stroke: None,
            },
        ));
        for index in 0..corners.len() {
            let next = corners[(index + 1) % corners.len()];
            piece.items.push((
                corners[index],
                FrameItem::Line {
                    to: next,
                    stroke: metrics.stroke,
                },
            ));
        }
    } else {
        piece.items.push((
            PointMm::new(rect.x_mm, rect.y_mm),
            FrameItem::Rect {
                size_mm: SizeMm::new(rect.width_mm, rect.height_mm),
                fill: Some(Rgb::WHITE),
                stroke: Some(metrics.stroke),
            },
        ));
    }
    centred_text(builder, metrics, piece, text, rect, question);
    diagram.boxes.push(DiagramBox {
        kind: if question {
            DiagramBoxKind::Question
        } else {
            DiagramBoxKind::Step
        },
        text: text.to_owned(),
        rect_mm: rect,
    });
}

/// Where a question's 否 leads: a shaded rectangle.
fn draw_no_box(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    diagram: &mut Diagram,
    text: &str,
    rect: RectMm,
) {
    piece.items.push((
        PointMm::new(rect.x_mm, rect.y_mm),
        FrameItem::Rect {
            size_mm: SizeMm::new(rect.width_mm, rect.height_mm),
            fill: Some(builder.style.shading_fill),
            stroke: Some(metrics.stroke),
        },
    ));
    centred_text(builder, metrics, piece, text, rect, false);
    diagram.boxes.push(DiagramBox {
        kind: DiagramBoxKind::No,
        text: text.to_owned(),
        rect_mm: rect,
    });
}

fn centred_text(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    text: &str,
    rect: RectMm,
    question: bool,
) {
    let style = builder.style;
    let inner_mm = inner_width_mm(metrics, rect.width_mm, question);
    let inline = inline(builder, style.body_pt, style.text_color, Align::Center);
    let prepared = builder.shaper.prepare_text(text, style.body_face);
    let lines = set_paragraph(&prepared, inner_mm, &inline)
        .lines
        .len()
        .max(1);
    let text_height_mm = lines as f32 * metrics.line_mm;
    let top_left = PointMm::new(
        rect.x_mm + (rect.width_mm - inner_mm) / 2.0,
        rect.y_mm + (rect.height_mm - text_height_mm) / 2.0,
    );
    set_lines(
        builder,
        piece,
        text,
        top_left,
        inner_mm,
        &inline,
        metrics.line_mm,
        LineKind::FlowchartStep,
    );
}

/// An arrow from `from` to `to` (straight, horizontal or vertical) with its head at `to`, and
/// its label beside the middle of the shaft.
fn push_arrow(
    builder: &mut FlowBuilder<'_, '_>,
    metrics: &Metrics,
    piece: &mut FlowPiece,
    diagram: &mut Diagram,
    from: PointMm,
    to: PointMm,
    label: &str,
) {
    let stroke = metrics.arrow_stroke;
    piece.items.push((from, FrameItem::Line { to, stroke }));
    let (dx, dy) = (to.x_mm - from.x_mm, to.y_mm - from.y_mm);
    let length = (dx * dx + dy * dy).sqrt().max(f32::MIN_POSITIVE);
    let (ux, uy) = (dx / length, dy / length);
    let head_mm = (0.45 * metrics.em_mm).min(length / 2.0);
    for side in [-1.0f32, 1.0] {
        // 25° either side of the shaft.
        let (sin, cos) = (0.42 * side, 0.906);
        let back_x = -(ux * cos - uy * sin) * head_mm;
        let back_y = -(uy * cos + ux * sin) * head_mm;
        piece.items.push((
            to,
            FrameItem::Line {
                to: PointMm::new(to.x_mm + back_x, to.y_mm + back_y),
                stroke,
            },
        ));
    }
    if !label.is_empty() {
        let middle = PointMm::new((from.x_mm + to.x_mm) / 2.0, (from.y_mm + to.y_mm) / 2.0);
        let label_width_mm = 2.0 * metrics.em_mm;
        let at = if dx.abs() > dy.abs() {
            // Above a horizontal shaft.
            PointMm::new(
                middle.x_mm - label_width_mm / 2.0,
                middle.y_mm - metrics.note_line_mm - 0.1 * metrics.em_mm,
            )
        } else {
            // Right of a vertical shaft.
            PointMm::new(
                middle.x_mm + 0.3 * metrics.em_mm,
                middle.y_mm - metrics.note_line_mm / 2.0,
            )
        };
        let align = if dx.abs() > dy.abs() {
            Align::Center
        } else {
            Align::Left
        };
        set_note(builder, metrics, piece, label, at, label_width_mm, align);
    }
    diagram.arrows.push(DiagramArrow {
        from: [from.x_mm, from.y_mm],
        to: [to.x_mm, to.y_mm],
        label: label.to_owned(),
    });
}

/// Steps for a new chart in the inspector.
pub fn starter_steps() -> Vec<FlowStep> {
    vec![
        FlowStep::new("申请人提交申请材料"),
        FlowStep::new("窗口审核材料是否齐全").with_no_branch("一次性告知需补正的材料"),
        FlowStep::new("受理并办理").with_time_limit("3个工作日"),
        FlowStep::new("办结，告知结果"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::FontSet;
    use crate::layout::LayoutEngine;
    use crate::model::{Block, TextStyle, Theme};

    fn chart() -> Flowchart {
        Flowchart {
            steps: vec![
                FlowStep::new("提交申请"),
                FlowStep::new("材料是否齐全").with_no_branch("一次性告知补正"),
                FlowStep::new("审核").with_time_limit("5个工作日"),
                FlowStep::new("审批"),
                FlowStep::new("办结"),
            ],
        }
    }

    fn laid(width_mm: f32) -> (Diagram, f32) {
        let mut engine = LayoutEngine::new(FontSet::bundled());
        let style = engine
            .flow_style(&TextStyle::default(), &Theme::default())
            .scaled_to(12.0);
        let flow = engine.flow_blocks(None, &[Block::Flowchart(chart())], width_mm, &style);
        let (index, diagram) = flow.diagrams[0].clone();
        (diagram, flow.pieces[index].height_mm)
    }

    fn crosses(arrow: &DiagramArrow, rect: &RectMm) -> bool {
        // The shaft's inside (ends excluded) against the box's inside.
        let (x0, x1) = (
            arrow.from[0].min(arrow.to[0]),
            arrow.from[0].max(arrow.to[0]),
        );
        let (y0, y1) = (
            arrow.from[1].min(arrow.to[1]),
            arrow.from[1].max(arrow.to[1]),
        );
        let inset = 0.05;
        x1 > rect.x_mm + inset
            && x0 < rect.right_mm() - inset
            && y1 > rect.y_mm + inset
            && y0 < rect.bottom_mm() - inset
    }

    #[test]
    fn a_narrow_column_goes_top_down_and_no_arrow_crosses_a_box() {
        let (diagram, _) = laid(90.0);
        assert!(!diagram.across);
        assert_eq!(diagram.boxes.len(), 6, "5 steps and one 否 box");
        assert_eq!(diagram.arrows.len(), 5, "4 between steps, one 否");
        for arrow in &diagram.arrows {
            for diagram_box in &diagram.boxes {
                assert!(
                    !crosses(arrow, &diagram_box.rect_mm),
                    "{arrow:?} {diagram_box:?}"
                );
            }
        }
        let labels: Vec<&str> = diagram
            .arrows
            .iter()
            .map(|arrow| arrow.label.as_str())
            .collect();
        assert!(labels.contains(&"是") && labels.contains(&"否"));
        // Steps go down.
        let steps: Vec<&DiagramBox> = diagram
            .boxes
            .iter()
            .filter(|b| b.kind != DiagramBoxKind::No)
            .collect();
        for pair in steps.windows(2) {
            assert!(pair[1].rect_mm.y_mm > pair[0].rect_mm.bottom_mm());
        }
    }

    #[test]
    fn a_wide_column_goes_left_to_right_and_no_arrow_crosses_a_box() {
        let (diagram, _) = laid(600.0);
        assert!(diagram.across);
        for arrow in &diagram.arrows {
            for diagram_box in &diagram.boxes {
                assert!(
                    !crosses(arrow, &diagram_box.rect_mm),
                    "{arrow:?} {diagram_box:?}"
                );
            }
        }
    }
}
