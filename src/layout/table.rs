//! Tables: column widths as CSS 2.1's automatic table layout sets them — each column between
//! its min-content width (its widest unbreakable token: a number with its separators and
//! decimals, an amount, a date, a masked or full ID, bank or phone number, a 户号, a name or
//! term of at most [`KEEP_WHOLE_CHARS`] characters such as 张福贵 or 主动公开) and its
//! max-content width (its widest cell on one line), the width shared in proportion; headers
//! may wrap. When the minimums do not fit, the table's text shrinks down to the
//! [`FlowStyle::table_floor_pt`] of the board or page ([`fit_table`]); below that the widest
//! columns are cut and a [`TableMisfit`] names the column, so a cut token is never silent.
//! Text wrapped in cells, numbers right-aligned, a shaded header row, every other row shaded,
//! borders. Each row is one flow piece (never split across pages); the header is kept with
//! the first row and repeated on continuation pages.

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{Align, InlineStyle, Prepared, min_width_mm, natural_width_mm, set_paragraph};
use super::piece::{FlowBuilder, FlowPiece, FlowStyle, LineKind, count_chars, line_piece_parts};
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

/// A table column whose longest unbreakable token (a number, a name, a date) does not fit
/// even with the table's text at its smallest legible size: it is printed cut, and the
/// output that prints it reports this.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TableMisfit {
    /// The column's header ("身份证号"), or "第 3 列" when the table has none.
    pub column: String,
    /// The widest cell of the column (cut to 20 characters).
    pub token: String,
    /// The width the token needs at `size_pt`, padding included.
    pub need_mm: f32,
    /// The width the column got.
    pub have_mm: f32,
    /// The table's text size (its floor).
    pub size_pt: f32,
    /// Which part of the flow the table belongs to (the caller's numbering, see [`Flow::append`]).
    ///
    /// [`Flow::append`]: super::piece::Flow::append
    pub tag: usize,
}

impl TableMisfit {
    /// 「表格“低保…”的“身份证号”列放不下…」: `table_name` names the table (its item's title).
    pub fn message(&self, table_name: &str) -> String {
        format!(
            "表格“{}”的“{}”列放不下：“{}”需要 {:.0} 毫米，字号已缩到 {:.1} 磅，这一列仍只有 {:.0} 毫米，只能断开印出。请减少列数、缩短内容或加宽版面。",
            crate::text::excerpt(table_name, 20),
            crate::text::excerpt(&self.column, 12),
            self.token,
            self.need_mm,
            self.size_pt,
            self.have_mm
        )
    }
}

/// How a table is set: its text size and column widths, and the columns that did not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct TableFit {
    pub size_pt: f32,
    pub widths_mm: Vec<f32>,
    /// (column, width it got) of columns narrower than their longest token.
    pub starved: Vec<(usize, f32)>,
}

/// The CSS 2.1 automatic table layout, then shrinking: `min_mm` (each column's longest
/// unbreakable token) and `natural_mm` (its longest cell on one line) are measured at
/// `body_pt`. When the minimums fit in `width_mm` the columns share the width between min and
/// natural ([`column_widths_mm`]) at `body_pt`. Otherwise the text shrinks (widths scale with
/// the size) until the minimums fit, but not below `floor_pt`; at the floor the widest columns
/// give up the width still missing and are listed as starved.
pub fn fit_table(
    min_mm: &[f32],
    natural_mm: &[f32],
    width_mm: f32,
    body_pt: f32,
    floor_pt: f32,
) -> TableFit {
    let min_total: f32 = min_mm.iter().sum();
    if min_total <= width_mm || body_pt <= 0.0 {
        return TableFit {
            size_pt: body_pt,
            widths_mm: column_widths_mm(min_mm, natural_mm, width_mm),
            starved: Vec::new(),
        };
    }
    let floor_pt = floor_pt.min(body_pt);
    // Tenths of a point, rounded down, so the minimums surely fit.
    let fitting_pt = (body_pt * width_mm / min_total * 10.0).floor() / 10.0;
    let size_pt = fitting_pt.max(floor_pt);
    let factor = size_pt / body_pt;
    let min_scaled: Vec<f32> = min_mm.iter().map(|min| min * factor).collect();
    let natural_scaled: Vec<f32> = natural_mm.iter().map(|natural| natural * factor).collect();
    let scaled_total: f32 = min_scaled.iter().sum();
    if scaled_total <= width_mm {
        return TableFit {
            size_pt,
            widths_mm: column_widths_mm(&min_scaled, &natural_scaled, width_mm),
            starved: Vec::new(),
        };
    }
    // The widest columns give up what is missing, each down to a quarter of its minimum.
    let mut widths_mm = min_scaled.clone();
    let mut missing_mm = scaled_total - width_mm;
    let mut order: Vec<usize> = (0..widths_mm.len()).collect();
    order.sort_by(|a, b| min_scaled[*b].total_cmp(&min_scaled[*a]).then(a.cmp(b)));
    let mut starved = Vec::new();
    for column in order {
        if missing_mm <= 0.0 {
            break;
        }
        let cut_mm = missing_mm.min(0.75 * min_scaled[column]);
        widths_mm[column] -= cut_mm;
        missing_mm -= cut_mm;
        starved.push((column, widths_mm[column]));
    }
    if missing_mm > 0.0 {
        // Even so too wide (a width near zero): every column in proportion.
        let total: f32 = widths_mm.iter().sum();
        let share = width_mm / total.max(f32::MIN_POSITIVE);
        for width in &mut widths_mm {
            *width *= share;
        }
        starved = (0..widths_mm.len())
            .map(|column| (column, widths_mm[column]))
            .collect();
    }
    starved.sort_by_key(|(column, _)| *column);
    TableFit {
        size_pt,
        widths_mm,
        starved,
    }
}

pub(crate) fn table_pieces(builder: &mut FlowBuilder<'_, '_>, table: &Table) -> Vec<FlowPiece> {
    let base_style = builder.style;
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
    let cell =
        |row: &[String], column: usize| row.get(column).map_or("", String::as_str).to_owned();
    let header: Vec<Arc<Prepared>> = (0..column_count)
        .map(|column| {
            builder
                .shaper
                .prepare_text(&cell(&table.columns, column), base_style.body_bold_face)
        })
        .collect();
    let total_index = total_row_index(table);
    let body: Vec<Vec<Arc<Prepared>>> = table
        .rows
        .iter()
        .enumerate()
        .map(|(row_index, row)| {
            let face = if Some(row_index) == total_index {
                base_style.body_bold_face
            } else {
                base_style.body_face
            };
            (0..column_count)
                .map(|column| builder.shaper.prepare_text(&cell(row, column), face))
                .collect()
        })
        .collect();
    let measures = measure_columns(table, &header, &body, base_style);
    let fit = fit_table(
        &measures.min_mm,
        &measures.natural_mm,
        builder.width_mm,
        base_style.body_pt,
        base_style.table_floor_pt,
    );
    let scale = fit.size_pt / base_style.body_pt.max(f32::MIN_POSITIVE);
    for (column, have_mm) in &fit.starved {
        let header_text = cell(&table.columns, *column);
        builder.flow.table_misfits.push(TableMisfit {
            column: if header_text.trim().is_empty() {
                format!("第 {} 列", column + 1)
            } else {
                header_text.trim().to_owned()
            },
            token: crate::text::excerpt(&measures.widest_text[*column], 20),
            need_mm: measures.min_mm[*column] * scale,
            have_mm: *have_mm,
            size_pt: fit.size_pt,
            tag: 0,
        });
    }
    let table_style = base_style.scaled_to(fit.size_pt);
    let style = &table_style;
    let widths_mm = fit.widths_mm;
    let em_mm = style.body_em_mm();
    let pad_x_mm = PAD_X_EM * em_mm;
    let pad_y_mm = PAD_Y_EM * em_mm;
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
            style,
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
            style,
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

/// Each column's min-content and max-content width (padding included) at the style's body
/// size, and its cell that needs the min-content width.
struct ColumnMeasures {
    min_mm: Vec<f32>,
    natural_mm: Vec<f32>,
    widest_text: Vec<String>,
}

/// Min-content: a cell's longest unbreakable token ([`keeps_whole`] cells — names, dates,
/// numbers, short terms such as the header 序号 — are one token); a longer header may wrap.
/// Max-content: the longest cell on one line, header included.
fn measure_columns(
    table: &Table,
    header: &[Arc<Prepared>],
    body: &[Vec<Arc<Prepared>>],
    style: &FlowStyle,
) -> ColumnMeasures {
    let column_count = header.len();
    let pad_x_mm = PAD_X_EM * style.body_em_mm();
    let mut measures = ColumnMeasures {
        min_mm: vec![0.0; column_count],
        natural_mm: vec![0.0; column_count],
        widest_text: vec![String::new(); column_count],
    };
    let header_rows = std::iter::once((header, &table.columns));
    let body_rows = body
        .iter()
        .zip(&table.rows)
        .map(|(prepared, texts)| (prepared.as_slice(), texts));
    for (row, texts) in header_rows.chain(body_rows) {
        for (column, prepared) in row.iter().enumerate() {
            let text = texts.get(column).map_or("", String::as_str);
            let natural = natural_width_mm(prepared, style.body_pt) + 2.0 * pad_x_mm;
            let min = if keeps_whole(text) {
                natural
            } else {
                min_width_mm(prepared, style.body_pt) + 2.0 * pad_x_mm
            };
            if min > measures.min_mm[column] {
                measures.min_mm[column] = min;
                measures.widest_text[column] = text.trim().to_owned();
            }
            measures.natural_mm[column] = measures.natural_mm[column].max(natural);
        }
    }
    measures
}

/// One row: every cell's text wrapped in its column, the row as tall as its tallest cell.
#[allow(clippy::too_many_arguments)]
fn row_piece(
    builder: &mut FlowBuilder<'_, '_>,
    style: &FlowStyle,
    cells: &[Arc<Prepared>],
    widths_mm: &[f32],
    aligns: &[Align],
    kind: LineKind,
    pad_x_mm: f32,
    pad_y_mm: f32,
) -> FlowPiece {
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
    fn minimums_that_do_not_fit_shrink_the_text_not_the_tokens() {
        // 200 mm of minimums at 12 pt in 170 mm: the text shrinks to fit, no column is cut.
        let fit = fit_table(&[100.0, 100.0], &[120.0, 110.0], 170.0, 12.0, 8.0);
        assert!(fit.starved.is_empty());
        assert!(
            fit.size_pt <= 12.0 * 170.0 / 200.0 && fit.size_pt > 10.0,
            "{}",
            fit.size_pt
        );
        let scale = fit.size_pt / 12.0;
        for (width, min) in fit.widths_mm.iter().zip([100.0, 100.0]) {
            assert!(*width >= min * scale - 1e-3, "{width} < {}", min * scale);
        }
        assert!((fit.widths_mm.iter().sum::<f32>() - 170.0).abs() < 0.01);
    }

    #[test]
    fn below_the_floor_the_widest_column_is_named_as_starved() {
        // At the 8 pt floor the minimums are 80 + 20 = 100 mm, in 60 mm: the 80 mm column
        // gives up the 40 mm, the narrow one keeps its width.
        let fit = fit_table(&[120.0, 30.0], &[120.0, 30.0], 60.0, 12.0, 8.0);
        assert_eq!(fit.size_pt, 8.0);
        assert_eq!(fit.starved.len(), 1);
        assert_eq!(fit.starved[0].0, 0);
        assert!((fit.widths_mm[1] - 20.0).abs() < 1e-3);
        assert!((fit.widths_mm.iter().sum::<f32>() - 60.0).abs() < 0.01);
    }

    #[test]
    fn the_finding_names_the_table_and_the_column() {
        let misfit = TableMisfit {
            column: "身份证号".into(),
            token: "4307**********10".into(),
            need_mm: 42.0,
            have_mm: 30.0,
            size_pt: 8.0,
            tag: 0,
        };
        let message = misfit.message("低保、特困、临时救助对象");
        assert!(
            message.starts_with("表格“低保、特困、临时救助对象”的“身份证号”列放不下"),
            "{message}"
        );
    }

    #[test]
    fn columns_below_their_minimum_scale_down() {
        let widths = column_widths_mm(&[40.0, 20.0], &[60.0, 20.0], 30.0);
        assert_eq!(widths, vec![20.0, 10.0]);
    }
}
