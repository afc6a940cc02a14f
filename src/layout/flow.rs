//! Blocks → a [`Flow`]: a column of unbreakable pieces (a line of text, a table row, an image,
//! a QR code), each with its height and its items positioned from the piece's top-left corner.
//! Panels, 表簿 register pages and 明白卡 cards all paginate a flow with [`Flow::paginate`].

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{
    Align, InlineStyle, Paragraph, Prepared, Span, natural_width_mm, set_paragraph,
};
use super::piece::{
    Flow, FlowBuilder, FlowPiece, FlowStyle, LineKind, Shaper, count_chars, line_piece_parts,
};
use super::table::table_pieces;
use crate::model::{Block, KeyValue, Rgb, SizeMm};
use crate::units::pt_to_mm;
use std::sync::Arc;

/// Lays out an optional item title and blocks in a column `width_mm` wide.
pub fn flow_blocks(
    shaper: &mut Shaper<'_>,
    title: Option<&str>,
    blocks: &[Block],
    width_mm: f32,
    style: &FlowStyle,
) -> Flow {
    let mut builder = FlowBuilder {
        shaper,
        style,
        width_mm,
        flow: Flow::default(),
    };
    let block_space_mm = style.paragraph_spacing_em * style.body_em_mm();
    if let Some(title) = title.filter(|title| !title.trim().is_empty()) {
        let prepared = builder.shaper.prepare_text(title, style.heading_face);
        let inline = builder.inline(style.item_title_pt, style.accent_color, Align::Left);
        builder.push_paragraph(&prepared, &inline, 0.0, LineKind::ItemTitle);
        // A title stays with its first line of content (a long title with itself).
        for piece in &mut builder.flow.pieces {
            piece.keep_with_next = true;
        }
        builder.end_group(0.3 * style.body_em_mm(), true);
    }
    for block in blocks {
        builder.push_block(block);
        builder.end_group(block_space_mm, false);
    }
    if let Some(last) = builder.flow.pieces.last_mut() {
        last.keep_with_next = false;
    }
    builder.flow
}

impl FlowBuilder<'_, '_> {
    /// Sets the space after the last piece, and marks the group's pieces kept together.
    fn end_group(&mut self, space_after_mm: f32, keep_with_next: bool) {
        if let Some(last) = self.flow.pieces.last_mut() {
            last.space_after_mm = space_after_mm;
            if keep_with_next {
                last.keep_with_next = true;
            }
        }
    }

    fn push_block(&mut self, block: &Block) {
        let style = self.style;
        match block {
            Block::Paragraph { text } => {
                for part in text.split('\n') {
                    let prepared = self.shaper.prepare_text(part, style.body_face);
                    let mut inline = self.inline(style.body_pt, style.text_color, Align::Justify);
                    inline.first_indent_mm = style.first_line_indent_chars * style.body_em_mm();
                    self.push_paragraph(&prepared, &inline, 0.0, LineKind::Body);
                }
            }
            Block::List { ordered, entries } => self.push_list(*ordered, entries),
            Block::KeyValue { pairs } => {
                for pair in pairs {
                    self.push_key_value(pair);
                }
            }
            Block::Table(table) => {
                let pieces = table_pieces(self, table);
                let offset = self.flow.pieces.len();
                for mut piece in pieces {
                    piece.header_piece = piece.header_piece.map(|index| index + offset);
                    self.flow.pieces.push(piece);
                }
            }
            Block::Image {
                path,
                caption,
                width_mm,
            } => self.push_image(path, caption, *width_mm),
            Block::Qr {
                text,
                caption,
                size_mm,
            } => self.push_qr(text, caption, *size_mm),
            Block::Flowchart(chart) => {
                if let Some((piece, diagram)) = super::flowchart::flowchart_piece(self, chart) {
                    self.flow.diagrams.push((self.flow.pieces.len(), diagram));
                    self.flow.pieces.push(piece);
                }
            }
        }
    }

    fn push_list(&mut self, ordered: bool, entries: &[String]) {
        let style = self.style;
        let markers: Vec<String> = (1..=entries.len())
            .map(|number| {
                if ordered {
                    format!("{number}.")
                } else {
                    "•".to_owned()
                }
            })
            .collect();
        let prepared_markers: Vec<Arc<Prepared>> = markers
            .iter()
            .map(|marker| self.shaper.prepare_text(marker, style.body_face))
            .collect();
        let hang_mm = prepared_markers
            .iter()
            .map(|prepared| natural_width_mm(prepared, style.body_pt))
            .fold(0.0, f32::max)
            + 0.4 * style.body_em_mm();
        for (entry, marker) in entries.iter().zip(&prepared_markers) {
            let first_piece = self.flow.pieces.len();
            let prepared = self.shaper.prepare_text(entry, style.body_face);
            let mut inline = self.inline(style.body_pt, style.text_color, Align::Justify);
            inline.first_indent_mm = hang_mm;
            inline.rest_indent_mm = hang_mm;
            self.push_paragraph(&prepared, &inline, 0.0, LineKind::Body);
            let marker_inline = self.inline(style.body_pt, style.text_color, Align::Left);
            let marker_lines = set_paragraph(marker, hang_mm, &marker_inline);
            if let (Some(piece), Some(line)) = (
                self.flow.pieces.get_mut(first_piece),
                marker_lines.lines.first(),
            ) {
                let extra = line_piece_parts(line, &marker_inline, style, 0.0, hang_mm, piece);
                piece.items.extend(extra.0);
                let mut marker_line = extra.1;
                marker_line.kind = LineKind::ListMarker;
                piece.lines.push(marker_line);
            }
        }
    }

    fn push_key_value(&mut self, pair: &KeyValue) {
        let style = self.style;
        let key = format!("{}：", pair.key);
        let key_prepared = self.shaper.prepare_text(&key, style.body_bold_face);
        let key_width_mm = natural_width_mm(&key_prepared, style.body_pt);
        let prepared = self.shaper.prepare(vec![
            Span::new(key, style.body_bold_face),
            Span::new(pair.value.as_str(), style.body_face),
        ]);
        let mut inline = self.inline(style.body_pt, style.text_color, Align::Left);
        if key_width_mm <= 0.4 * self.width_mm {
            inline.rest_indent_mm = key_width_mm;
        }
        self.push_paragraph(&prepared, &inline, 0.0, LineKind::Body);
    }

    /// Sets a prepared text in the column (from `left_mm`) and adds one piece per line.
    pub(crate) fn push_paragraph(
        &mut self,
        prepared: &Prepared,
        inline: &InlineStyle,
        left_mm: f32,
        kind: LineKind,
    ) {
        let width_mm = self.width_mm - left_mm;
        let paragraph = set_paragraph(prepared, width_mm, inline);
        self.note_missing(prepared);
        let line_height_mm = pt_to_mm(inline.size_pt) * self.style.line_height;
        if paragraph.lines.is_empty() {
            return;
        }
        for line in &paragraph.lines {
            let mut piece = FlowPiece::new(line_height_mm);
            let (items, mut flow_line) =
                line_piece_parts(line, inline, self.style, left_mm, width_mm, &piece);
            flow_line.kind = kind;
            piece.items = items;
            piece.chars = count_chars(&line.text);
            piece.lines.push(flow_line);
            self.flow.pieces.push(piece);
        }
    }

    fn push_image(&mut self, path: &str, caption: &str, width_mm: Option<f32>) {
        // A block whose picture is not chosen yet takes no room (and prints nothing).
        if path.trim().is_empty() {
            return;
        }
        let box_width_mm = width_mm
            .filter(|width| *width > 0.0)
            .unwrap_or(self.width_mm)
            .min(self.width_mm);
        let resolved = self.shaper.image_path(path);
        // A picture that cannot be read keeps a 4:3 box (the renderers draw a placeholder).
        let (width_px, height_px) =
            crate::images::probe(&resolved).map_or((4, 3), |info| (info.width_px, info.height_px));
        let height_mm = box_width_mm * height_px as f32 / width_px.max(1) as f32;
        let mut piece = FlowPiece::new(height_mm);
        let left_mm = (self.width_mm - box_width_mm) / 2.0;
        piece.items.push((
            PointMm::new(left_mm, 0.0),
            FrameItem::Image {
                size_mm: SizeMm::new(box_width_mm, height_mm),
                path: resolved,
            },
        ));
        piece.keep_with_next = !caption.is_empty();
        self.flow.pieces.push(piece);
        self.push_caption(caption);
    }

    fn push_qr(&mut self, text: &str, caption: &str, size_mm: f32) {
        let side_mm = size_mm.max(5.0).min(self.width_mm);
        let mut piece = FlowPiece::new(side_mm);
        let left_mm = (self.width_mm - side_mm) / 2.0;
        match qr_cells(text) {
            Some((modules, cells)) => {
                // Two modules of quiet zone on each side.
                let cell_mm = side_mm / (modules + 4) as f32;
                piece.items.push((
                    PointMm::new(left_mm, 0.0),
                    FrameItem::Rect {
                        size_mm: SizeMm::new(side_mm, side_mm),
                        fill: Some(Rgb::WHITE),
                        stroke: None,
                    },
                ));
                piece.items.push((
                    PointMm::new(left_mm + 2.0 * cell_mm, 2.0 * cell_mm),
                    FrameItem::Cells {
                        cell_mm,
                        cells,
                        color: Rgb::BLACK,
                    },
                ));
            }
            None => piece.items.push((
                PointMm::new(left_mm, 0.0),
                FrameItem::Rect {
                    size_mm: SizeMm::new(side_mm, side_mm),
                    fill: None,
                    stroke: Some(Stroke {
                        width_mm: 0.5,
                        color: self.style.rule_color,
                    }),
                },
            )),
        }
        piece.keep_with_next = !caption.is_empty();
        self.flow.pieces.push(piece);
        self.push_caption(caption);
    }

    fn push_caption(&mut self, caption: &str) {
        if caption.trim().is_empty() {
            return;
        }
        let style = self.style;
        let prepared = self.shaper.prepare_text(caption, style.body_face);
        let inline = self.inline(style.body_pt * 0.8, style.text_color, Align::Center);
        self.push_paragraph(&prepared, &inline, 0.0, LineKind::Caption);
    }
}

/// Sets a paragraph with no width limit (titles, the footer): the line and its width.
pub(crate) fn single_line(prepared: &Prepared, inline: &InlineStyle) -> Paragraph {
    set_paragraph(prepared, f32::INFINITY, inline)
}

/// The QR code's size in modules and its dark modules as (column, row).
fn qr_cells(text: &str) -> Option<(usize, Vec<(u16, u16)>)> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let cells = code
        .to_colors()
        .iter()
        .enumerate()
        .filter(|(_, color)| **color == qrcode::Color::Dark)
        .map(|(index, _)| ((index % width) as u16, (index / width) as u16))
        .collect();
    Some((width, cells))
}
