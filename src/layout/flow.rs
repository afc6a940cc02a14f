//! Blocks → a [`Flow`]: a column of unbreakable pieces (a line of text, a table row, an image,
//! a QR code), each with its height and its items positioned from the piece's top-left corner.
//! Panels, 表簿 register pages and 明白卡 cards all paginate a flow with [`Flow::paginate`].

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{
    Align, BASELINE_IN_EM, InlineStyle, Paragraph, PlacedLine, Prepared, Span, natural_width_mm,
    prepare, set_paragraph,
};
use super::table::table_pieces;
use crate::fonts::{FaceId, FontSet};
use crate::model::{Block, KeyValue, Rgb, SizeMm};
use crate::units::pt_to_mm;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Sizes, faces and colours for laying out blocks (a panel's body, a register page, a card).
#[derive(Clone, Debug, PartialEq)]
pub struct FlowStyle {
    pub heading_face: FaceId,
    pub body_face: FaceId,
    pub body_bold_face: FaceId,
    pub item_title_pt: f32,
    pub body_pt: f32,
    /// Line height as a multiple of the text size.
    pub line_height: f32,
    /// Space after a block, in body sizes.
    pub paragraph_spacing_em: f32,
    /// 首行缩进 of paragraphs, in characters.
    pub first_line_indent_chars: f32,
    pub text_color: Rgb,
    /// Item titles.
    pub accent_color: Rgb,
    /// Table borders and placeholder boxes.
    pub rule_color: Rgb,
    /// Table header row background.
    pub header_fill: Rgb,
    /// Background of every other table row.
    pub shading_fill: Rgb,
}

impl FlowStyle {
    /// The same style with the body at `body_pt` and the item titles scaled alike.
    pub fn scaled_to(&self, body_pt: f32) -> FlowStyle {
        let factor = if self.body_pt > 0.0 {
            body_pt / self.body_pt
        } else {
            1.0
        };
        FlowStyle {
            item_title_pt: self.item_title_pt * factor,
            body_pt,
            ..self.clone()
        }
    }

    pub fn body_em_mm(&self) -> f32 {
        pt_to_mm(self.body_pt)
    }
}

/// What a line of text is, for reports and renderers that care.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    BoardTitle,
    BoardSubtitle,
    PanelTitle,
    ItemTitle,
    Body,
    ListMarker,
    TableHeader,
    TableCell,
    Caption,
    Footer,
}

/// A line of text inside a piece: positions from the piece's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowLine {
    pub text: String,
    pub x_mm: f32,
    pub baseline_mm: f32,
    pub width_mm: f32,
    /// The box the line was set in (a column, a table cell), left and right edges.
    pub box_left_mm: f32,
    pub box_right_mm: f32,
    pub face: FaceId,
    pub size_pt: f32,
    pub kind: LineKind,
    /// Cut inside a token wider than its box (a rule was broken to make it fit).
    pub forced: bool,
}

/// An unbreakable slice of a flow.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowPiece {
    pub height_mm: f32,
    /// Space after the piece when another follows on the same page; dropped at a page end.
    pub space_after_mm: f32,
    pub items: Vec<(PointMm, FrameItem)>,
    pub lines: Vec<FlowLine>,
    /// Do not end a page after this piece (item titles, table headers).
    pub keep_with_next: bool,
    /// The header row of a table.
    pub table_header: bool,
    /// For a table row: the index (in the flow) of its table's header, to repeat at the top of
    /// a page the row starts.
    pub header_piece: Option<usize>,
    /// Characters shown in the piece (for overflow reports).
    pub chars: usize,
    /// Which part of the content the piece comes from (the caller's numbering: a panel uses
    /// the item's index).
    pub tag: usize,
}

impl FlowPiece {
    pub(crate) fn new(height_mm: f32) -> Self {
        FlowPiece {
            height_mm,
            space_after_mm: 0.0,
            items: Vec::new(),
            lines: Vec::new(),
            keep_with_next: false,
            table_header: false,
            header_piece: None,
            chars: 0,
            tag: 0,
        }
    }
}

/// Laid-out blocks, ready to paginate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flow {
    pub pieces: Vec<FlowPiece>,
    /// Characters no font has, each once, in order of appearance.
    pub missing_chars: Vec<char>,
}

/// A piece placed on a page: its index in the flow and its top, from the page's top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedPiece {
    pub piece: usize,
    pub y_mm: f32,
    /// A table header repeated at the top of a continuation page.
    pub repeated: bool,
}

/// One page (or panel column) of a paginated flow.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FlowPage {
    pub pieces: Vec<PlacedPiece>,
    /// From the top of the first piece to the bottom of the last.
    pub height_mm: f32,
}

impl Flow {
    /// Appends another flow's pieces, tagging them and keeping header references valid.
    pub fn append(&mut self, other: Flow, tag: usize) {
        let offset = self.pieces.len();
        for mut piece in other.pieces {
            piece.tag = tag;
            piece.header_piece = piece.header_piece.map(|index| index + offset);
            self.pieces.push(piece);
        }
        for ch in other.missing_chars {
            if !self.missing_chars.contains(&ch) {
                self.missing_chars.push(ch);
            }
        }
    }

    /// Total height laid out in one column (every piece, with the spaces between them).
    pub fn height_mm(&self) -> f32 {
        let count = self.pieces.len();
        self.pieces
            .iter()
            .enumerate()
            .map(|(index, piece)| {
                piece.height_mm
                    + if index + 1 < count {
                        piece.space_after_mm
                    } else {
                        0.0
                    }
            })
            .sum()
    }

    /// Fills pages `page_height_mm` tall, in order: a page ends before a piece that does not
    /// fit; a piece marked `keep_with_next` moves down with the piece after it; a table row
    /// starting a page gets its header repeated above it. A piece taller than a page gets a
    /// page of its own (and sticks out: the caller reports it).
    pub fn paginate(&self, page_height_mm: f32) -> Vec<FlowPage> {
        let mut pages = vec![FlowPage::default()];
        let mut y_mm = 0.0;
        let mut index = 0;
        while index < self.pieces.len() {
            let piece = &self.pieces[index];
            let page_has_content = pages
                .last()
                .is_some_and(|page| page.pieces.iter().any(|placed| !placed.repeated));
            let needed_mm = self.kept_height_mm(index);
            if page_has_content && y_mm + needed_mm > page_height_mm + 1e-3 {
                pages.push(FlowPage::default());
                y_mm = 0.0;
                if let Some(header) = piece.header_piece.filter(|_| !piece.table_header) {
                    self.place(&mut pages, header, &mut y_mm, true);
                }
            }
            self.place(&mut pages, index, &mut y_mm, false);
            index += 1;
        }
        pages
    }

    fn place(&self, pages: &mut [FlowPage], index: usize, y_mm: &mut f32, repeated: bool) {
        let piece = &self.pieces[index];
        if let Some(page) = pages.last_mut() {
            page.pieces.push(PlacedPiece {
                piece: index,
                y_mm: *y_mm,
                repeated,
            });
            page.height_mm = *y_mm + piece.height_mm;
        }
        *y_mm += piece.height_mm + piece.space_after_mm;
    }

    /// The height a piece needs at the end of a page: itself and the pieces kept with it.
    fn kept_height_mm(&self, index: usize) -> f32 {
        let mut height_mm = self.pieces[index].height_mm;
        let mut at = index;
        while self.pieces[at].keep_with_next && at + 1 < self.pieces.len() {
            height_mm += self.pieces[at].space_after_mm + self.pieces[at + 1].height_mm;
            at += 1;
        }
        height_mm
    }

    /// Items of a page, positioned from the page's top-left corner plus `origin`.
    pub fn page_items(&self, page: &FlowPage, origin: PointMm) -> Vec<(PointMm, FrameItem)> {
        let mut items = Vec::new();
        for placed in &page.pieces {
            let top = PointMm::new(origin.x_mm, origin.y_mm + placed.y_mm);
            for (at, item) in &self.pieces[placed.piece].items {
                items.push((offset(*at, top), offset_item(item, top)));
            }
        }
        items
    }
}

pub(crate) fn offset(point: PointMm, by: PointMm) -> PointMm {
    PointMm::new(point.x_mm + by.x_mm, point.y_mm + by.y_mm)
}

/// A frame item moved by `by` (only lines carry a second point).
pub(crate) fn offset_item(item: &FrameItem, by: PointMm) -> FrameItem {
    match item {
        FrameItem::Line { to, stroke } => FrameItem::Line {
            to: offset(*to, by),
            stroke: *stroke,
        },
        other => other.clone(),
    }
}

/// Prepares texts once and keeps them: the part of layout that reads fonts.
pub struct Shaper<'a> {
    pub fonts: &'a FontSet,
    pub cache: &'a mut HashMap<Vec<Span>, Arc<Prepared>>,
    /// Where relative image paths start (the project file's folder).
    pub base_dir: Option<&'a Path>,
}

impl Shaper<'_> {
    pub fn prepare(&mut self, spans: Vec<Span>) -> Arc<Prepared> {
        if let Some(prepared) = self.cache.get(&spans) {
            return prepared.clone();
        }
        let prepared = Arc::new(prepare(self.fonts, &spans));
        self.cache.insert(spans, prepared.clone());
        prepared
    }

    pub fn prepare_text(&mut self, text: &str, face: FaceId) -> Arc<Prepared> {
        self.prepare(vec![Span::new(text, face)])
    }

    fn image_path(&self, path: &str) -> PathBuf {
        crate::images::resolve(path, self.base_dir)
    }
}

/// Builds flows; one per call of [`flow_blocks`].
pub(crate) struct FlowBuilder<'s, 'a> {
    pub shaper: &'s mut Shaper<'a>,
    pub style: &'s FlowStyle,
    pub width_mm: f32,
    pub flow: Flow,
}

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
    pub(crate) fn inline(&self, size_pt: f32, color: Rgb, align: Align) -> InlineStyle {
        InlineStyle {
            size_pt,
            color,
            align,
            first_indent_mm: 0.0,
            rest_indent_mm: 0.0,
        }
    }

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

    pub(crate) fn note_missing(&mut self, prepared: &Prepared) {
        for (ch, glyph) in prepared.chars.iter().zip(&prepared.glyphs) {
            if glyph.missing && !self.flow.missing_chars.contains(ch) {
                self.flow.missing_chars.push(*ch);
            }
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

/// The frame items and report line of one placed line in a piece: glyph runs on the
/// baseline, placeholder boxes for missing characters.
pub(crate) fn line_piece_parts(
    line: &PlacedLine,
    inline: &InlineStyle,
    style: &FlowStyle,
    box_left_mm: f32,
    box_width_mm: f32,
    piece: &FlowPiece,
) -> (Vec<(PointMm, FrameItem)>, FlowLine) {
    let em_mm = pt_to_mm(inline.size_pt);
    let baseline_mm = (piece.height_mm - em_mm) / 2.0 + BASELINE_IN_EM * em_mm;
    let mut items = Vec::new();
    for (x_mm, run) in &line.runs {
        items.push((
            PointMm::new(box_left_mm + x_mm, baseline_mm),
            FrameItem::Text(run.clone()),
        ));
    }
    for (x_mm, width_mm, _) in &line.missing {
        items.push((
            PointMm::new(
                box_left_mm + x_mm + 0.1 * width_mm,
                baseline_mm - 0.8 * em_mm,
            ),
            FrameItem::Rect {
                size_mm: SizeMm::new(0.8 * width_mm, 0.9 * em_mm),
                fill: None,
                stroke: Some(Stroke {
                    width_mm: (0.06 * em_mm).max(0.1),
                    color: style.rule_color,
                }),
            },
        ));
    }
    let face = line
        .runs
        .first()
        .map_or(style.body_face, |(_, run)| run.face);
    let flow_line = FlowLine {
        text: line.text.clone(),
        x_mm: box_left_mm + line.x_mm,
        baseline_mm,
        width_mm: line.width_mm,
        box_left_mm,
        box_right_mm: box_left_mm + box_width_mm,
        face,
        size_pt: inline.size_pt,
        kind: LineKind::Body,
        forced: line.forced,
    };
    (items, flow_line)
}

pub(crate) fn count_chars(text: &str) -> usize {
    text.chars().filter(|ch| !ch.is_whitespace()).count()
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
