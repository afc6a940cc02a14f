//! Tables: column widths from content (each column between its widest unbreakable token and
//! its widest unbroken cell; a cell that must not wrap — a date, a number, a term of at most
//! [`KEEP_WHOLE_CHARS`] characters such as 序号 or 主动公开 — counts as one token), text
//! wrapped in cells, numbers right-aligned, a shaded header
//! row, every other row shaded, borders. Each row is one flow piece; the header is kept with
//! the first row and repeated on continuation pages.

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{Align, InlineStyle, Prepared, min_width_mm, natural_width_mm, set_paragraph};
use super::piece::{FlowBuilder, FlowPiece, LineKind, count_chars, line_piece_parts};
use crate::model::{ColumnKind, SizeMm, Table};
use crate::units::pt_to_mm;
use std::sync::Arc;

/// Cell padding, in body ems: left/right and top/bottom.
const PAD_X_EM: f32 = 0.3;
const PAD_Y_EM: f32 = 0.15;

/// Whether a cell's text reads as a number or an amount: "1,234.56", "-54.35", "12%".
pub fn looks_numeric(text: &str) -> bool {
    let trimmed = text.trim();
    let digits = trimmed.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && trimmed.chars().all(|ch| {
            ch.is_ascii_digit() || matches!(ch, '.' | ',' | '-' | '+' | '%' | '−' | '¥' | '￥')
        })
}

/// A cell of at most this many characters is a term read as one word (序号, 机构职能, 主动公开):
/// it is never wrapped, so its column is at least as wide as it.
pub const KEEP_WHOLE_CHARS: usize = 4;

/// Whether a date in any of the project's styles: "2025年1月15日", "二〇二五年一月十五日",
/// "2025-01-15", "2025/1/15", "2025.01.15".
pub fn looks_like_date(text: &str) -> bool {
    let trimmed = text.trim();
    let is_date_char =
        |ch: char| ch.is_ascii_digit() || "〇一二三四五六七八九十年月日-/.".contains(ch);
    let digits = trimmed
        .chars()
        .filter(|ch| ch.is_ascii_digit() || "〇一二三四五六七八九十".contains(*ch))
        .count();
    let separators = trimmed
        .chars()
        .filter(|ch| "年月日-/.".contains(*ch))
        .count();
    digits >= 2 && separators >= 1 && trimmed.chars().all(is_date_char)
}

/// Whether a cell's text must stay on one line: a short term, a date or a number.
pub fn keeps_whole(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.chars().count() <= KEEP_WHOLE_CHARS
        || looks_like_date(trimmed)
        || looks_numeric(trimmed)
}

fn numeric_columns(table: &Table, column_count: usize) -> Vec<bool> {
    (0..column_count)
        .map(|column| {
            let kind = table.column_kind(column);
            if kind == ColumnKind::Number {
                return true;
            }
            let body_rows = table.rows.len() - usize::from(total_row_index(table).is_some());
            let mut values = table.rows[..body_rows]
                .iter()
                .filter_map(|row| row.get(column))
                .filter(|cell| !cell.trim().is_empty())
                .peekable();
            kind == ColumnKind::Text && values.peek().is_some() && values.all(|v| looks_numeric(v))
        })
        .collect()
}

/// The 合计 row's index: the last row, when the table says it has one.
fn total_row_index(table: &Table) -> Option<usize> {
    (table.total_row && !table.rows.is_empty()).then(|| table.rows.len() - 1)
}

/// A rule over the 合计 row, three times the grid's width, so the total reads apart.
fn add_total_rule(piece: &mut FlowPiece, widths_mm: &[f32], stroke: Stroke) {
    let total_mm: f32 = widths_mm.iter().sum();
    piece.items.push((
        PointMm::new(0.0, 0.0),
        FrameItem::Line {
            to: PointMm::new(total_mm, 0.0),
            stroke: Stroke {
                width_mm: stroke.width_mm * 3.0,
                ..stroke
            },
        },
    ));
}

/// Column widths that fill `width_mm`: natural widths if they fit (the slack shared out in
/// proportion), else each column between its minimum and natural width, else the minimums
/// scaled down (cells then cut their longest tokens).
pub fn column_widths_mm(min_mm: &[f32], natural_mm: &[f32], width_mm: f32) -> Vec<f32> {
    let natural_total: f32 = natural_mm.iter().sum();
    let min_total: f32 = min_mm.iter().sum();
    if natural_total <= width_mm {
        let share = if natural_total > 0.0 {
            width_mm / natural_total
        } else {
            0.0
        };
        if share == 0.0 {
            let count = natural_mm.len().max(1) as f32;
            return vec![width_mm / count; natural_mm.len()];
        }
        return natural_mm.iter().map(|natural| natural * share).collect();
    }
    if min_total <= width_mm {
        let stretch_total = natural_total - min_total;
        let factor = if stretch_total > 0.0 {
            (width_mm - min_total) / stretch_total
        } else {
            0.0
        };
        return min_mm
            .iter()
            .zip(natural_mm)
            .map(|(min, natural)| min + (natural - min) * factor)
            .collect();
    }
    let factor = width_mm / min_total.max(f32::MIN_POSITIVE);
    min_mm.iter().map(|min| min * factor).collect()
}

pub(crate) fn table_pieces(builder: &mut FlowBuilder<'_, '_>, table: &Table) -> Vec<FlowPiece> {
    let style = builder.style;
    let column_count = table
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(table.columns.len()))
        .max()
        .unwrap_or(0);
    if column_count == 0 {
        return Vec::new();
    }
    let em_mm = style.body_em_mm();
    let pad_x_mm = PAD_X_EM * em_mm;
    let pad_y_mm = PAD_Y_EM * em_mm;
    let cell =
        |row: &[String], column: usize| row.get(column).map_or("", String::as_str).to_owned();
    let header: Vec<Arc<Prepared>> = (0..column_count)
        .map(|column| {
            builder
                .shaper
                .prepare_text(&cell(&table.columns, column), style.body_bold_face)
        })
        .collect();
    let total_index = total_row_index(table);
    let body: Vec<Vec<Arc<Prepared>>> = table
        .rows
        .iter()
        .enumerate()
        .map(|(row_index, row)| {
            let face = if Some(row_index) == total_index {
                style.body_bold_face
            } else {
                style.body_face
            };
            (0..column_count)
                .map(|column| builder.shaper.prepare_text(&cell(row, column), face))
                .collect()
        })
        .collect();
    let mut min_mm = vec![0.0f32; column_count];
    let mut natural_mm = vec![0.0f32; column_count];
    let texts = std::iter::once(&table.columns).chain(table.rows.iter());
    for (row, row_texts) in std::iter::once(&header).chain(body.iter()).zip(texts) {
        for (column, prepared) in row.iter().enumerate() {
            let natural = natural_width_mm(prepared, style.body_pt) + 2.0 * pad_x_mm;
            let min = if keeps_whole(&cell(row_texts, column)) {
                natural
            } else {
                min_width_mm(prepared, style.body_pt) + 2.0 * pad_x_mm
            };
            min_mm[column] = min_mm[column].max(min);
            natural_mm[column] = natural_mm[column].max(natural);
        }
    }
    let widths_mm = column_widths_mm(&min_mm, &natural_mm, builder.width_mm);
    let numeric = numeric_columns(table, column_count);
    let stroke = Stroke {
        width_mm: (0.05 * em_mm).max(0.2),
        color: style.rule_color,
    };
    let mut pieces = Vec::new();
    let header_is_empty = table.columns.iter().all(|text| text.trim().is_empty());
    if !header_is_empty {
        let aligns = vec![Align::Center; column_count];
        let mut piece = row_piece(
            builder,
            &header,
            &widths_mm,
            &aligns,
            LineKind::TableHeader,
            pad_x_mm,
            pad_y_mm,
        );
        add_row_frame(&mut piece, &widths_mm, Some(style.header_fill), stroke);
        piece.table_header = true;
        piece.keep_with_next = true;
        pieces.push(piece);
    }
    let header_index = (!header_is_empty).then_some(0);
    let aligns: Vec<Align> = numeric
        .iter()
        .map(|is_number| {
            if *is_number {
                Align::Right
            } else {
                Align::Left
            }
        })
        .collect();
    for (row_index, row) in body.iter().enumerate() {
        let mut piece = row_piece(
            builder,
            row,
            &widths_mm,
            &aligns,
            LineKind::TableCell,
            pad_x_mm,
            pad_y_mm,
        );
        let fill = (row_index % 2 == 1).then_some(style.shading_fill);
        add_row_frame(&mut piece, &widths_mm, fill, stroke);
        if Some(row_index) == total_index {
            add_total_rule(&mut piece, &widths_mm, stroke);
        }
        piece.header_piece = header_index;
        pieces.push(piece);
    }
    pieces
}

/// One row: every cell's text wrapped in its column, the row as tall as its tallest cell.
fn row_piece(
    builder: &mut FlowBuilder<'_, '_>,
    cells: &[Arc<Prepared>],
    widths_mm: &[f32],
    aligns: &[Align],
    kind: LineKind,
    pad_x_mm: f32,
    pad_y_mm: f32,
) -> FlowPiece {
    let style = builder.style;
    let line_height_mm = pt_to_mm(style.body_pt) * style.line_height;
    let mut set_cells = Vec::new();
    for (column, prepared) in cells.iter().enumerate() {
        builder.note_missing(prepared);
        let inline = InlineStyle {
            size_pt: style.body_pt,
            color: style.text_color,
            align: aligns[column],
            first_indent_mm: 0.0,
            rest_indent_mm: 0.0,
        };
        let inner_mm = (widths_mm[column] - 2.0 * pad_x_mm).max(0.0);
        set_cells.push((set_paragraph(prepared, inner_mm, &inline), inline, inner_mm));
    }
    let most_lines = set_cells
        .iter()
        .map(|(paragraph, _, _)| paragraph.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut piece = FlowPiece::new(most_lines as f32 * line_height_mm + 2.0 * pad_y_mm);
    let line_box = FlowPiece::new(line_height_mm);
    let mut left_mm = 0.0;
    for (column, (paragraph, inline, inner_mm)) in set_cells.iter().enumerate() {
        for (line_index, line) in paragraph.lines.iter().enumerate() {
            let top_mm = pad_y_mm + line_index as f32 * line_height_mm;
            let (items, mut flow_line) = line_piece_parts(
                line,
                inline,
                style,
                left_mm + pad_x_mm,
                *inner_mm,
                &line_box,
            );
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
        left_mm += widths_mm[column];
    }
    piece
}

/// The row's background (under the text) and its borders (over it).
fn add_row_frame(
    piece: &mut FlowPiece,
    widths_mm: &[f32],
    fill: Option<crate::model::Rgb>,
    stroke: Stroke,
) {
    let total_mm: f32 = widths_mm.iter().sum();
    if let Some(fill) = fill {
        piece.items.insert(
            0,
            (
                PointMm::new(0.0, 0.0),
                FrameItem::Rect {
                    size_mm: SizeMm::new(total_mm, piece.height_mm),
                    fill: Some(fill),
                    stroke: None,
                },
            ),
        );
    }
    for y_mm in [0.0, piece.height_mm] {
        piece.items.push((
            PointMm::new(0.0, y_mm),
            FrameItem::Line {
                to: PointMm::new(total_mm, y_mm),
                stroke,
            },
        ));
    }
    let mut x_mm = 0.0;
    for edge in 0..=widths_mm.len() {
        piece.items.push((
            PointMm::new(x_mm, 0.0),
            FrameItem::Line {
                to: PointMm::new(x_mm, piece.height_mm),
                stroke,
            },
        ));
        if let Some(width_mm) = widths_mm.get(edge) {
            x_mm += width_mm;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_counts_are_numbers_but_names_are_not() {
        assert!(looks_numeric("1,234.56"));
        assert!(looks_numeric("-54.35"));
        assert!(looks_numeric("12%"));
        assert!(!looks_numeric("80元/件"));
        assert!(!looks_numeric(""));
        assert!(!looks_numeric("-"));
    }

    #[test]
    fn dates_numbers_and_short_terms_stay_whole_but_sentences_may_wrap() {
        for whole in [
            "2025年1月15日",
            "二〇二五年一月十五日",
            "2025-01-15",
            "序号",
            "主动公开",
        ] {
            assert!(keeps_whole(whole), "{whole}");
        }
        assert!(keeps_whole("1,234.56"));
        assert!(!keeps_whole("内容已于2026年11月28日修改，尚未发布"));
        assert!(!keeps_whole("镇人民政府主要职责"));
        assert!(!looks_like_date("一二"));
        assert!(!looks_like_date("12"));
    }

    #[test]
    fn columns_get_their_natural_width_when_it_fits() {
        let widths = column_widths_mm(&[10.0, 10.0], &[30.0, 10.0], 80.0);
        assert_eq!(widths, vec![60.0, 20.0]);
    }

    #[test]
    fn columns_shrink_between_min_and_natural() {
        let widths = column_widths_mm(&[10.0, 10.0], &[60.0, 20.0], 50.0);
        // 30 mm of stretch over 60: half of each column's stretch.
        assert_eq!(widths, vec![35.0, 15.0]);
    }

    #[test]
    fn columns_below_their_minimum_scale_down() {
        let widths = column_widths_mm(&[40.0, 20.0], &[60.0, 20.0], 30.0);
        assert_eq!(widths, vec![20.0, 10.0]);
    }
}
