//! What a flow is made of, shared by paragraphs (`flow`) and tables (`table`): the style, the
//! unbreakable pieces (a line, a table row, an image) with their lines and items, the flow
//! and its pagination, the [`Shaper`] that prepares text once, and the builder's state.

use super::frame::{FrameItem, PointMm, Stroke};
use super::inline::{Align, BASELINE_IN_EM, InlineStyle, PlacedLine, Prepared, Span, prepare};
use crate::fonts::{FaceId, FontSet};
use crate::model::{Rgb, SizeMm};
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
    /// The smallest size a table's text may shrink to so that its columns' longest tokens fit
    /// (the legible minimum of the board or page); kept as it is by [`FlowStyle::scaled_to`].
    pub table_floor_pt: f32,
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
    /// The text of a 办事流程图 box.
    FlowchartStep,
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
    /// Table columns whose longest token does not fit even at the table's smallest size.
    pub table_misfits: Vec<super::table::TableMisfit>,
    /// 办事流程图s: (the index of the piece that draws it, its boxes and arrows from that
    /// piece's top-left corner).
    pub diagrams: Vec<(usize, super::flowchart::Diagram)>,
    /// The same characters as a set, so noting one is not a search of the list.
    missing_seen: std::collections::HashSet<char>,
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
        self.diagrams.extend(
            other
                .diagrams
                .into_iter()
                .map(|(index, diagram)| (index + offset, diagram)),
        );
        for mut piece in other.pieces {
            piece.tag = tag;
            piece.header_piece = piece.header_piece.map(|index| index + offset);
            self.pieces.push(piece);
        }
        for ch in other.missing_chars {
            self.note_missing_char(ch);
        }
        for mut misfit in other.table_misfits {
            misfit.tag = tag;
            self.table_misfits.push(misfit);
        }
    }

    /// Adds a character no font has, once.
    pub(crate) fn note_missing_char(&mut self, ch: char) {
        if self.missing_seen.insert(ch) {
            self.missing_chars.push(ch);
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
        // Whether the last page holds a piece of its own (not only a repeated header).
        let mut page_has_content = false;
        let mut index = 0;
        while index < self.pieces.len() {
            let piece = &self.pieces[index];
            if page_has_content && self.kept_height_exceeds(index, y_mm, page_height_mm + 1e-3) {
                pages.push(FlowPage::default());
                y_mm = 0.0;
                if let Some(header) = piece.header_piece.filter(|_| !piece.table_header) {
                    self.place(&mut pages, header, &mut y_mm, true);
                }
            }
            self.place(&mut pages, index, &mut y_mm, false);
            page_has_content = true;
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

    /// Whether a piece and the pieces kept with it, set from `y_mm`, end below `limit_mm`. The
    /// sum stops as soon as it is over (heights are never negative), so a long chain of kept
    /// pieces (a title of many lines) is not summed again from each of its pieces.
    fn kept_height_exceeds(&self, index: usize, y_mm: f32, limit_mm: f32) -> bool {
        let mut height_mm = self.pieces[index].height_mm;
        let mut at = index;
        while y_mm + height_mm <= limit_mm
            && self.pieces[at].keep_with_next
            && at + 1 < self.pieces.len()
        {
            height_mm += self.pieces[at].space_after_mm + self.pieces[at + 1].height_mm;
            at += 1;
        }
        y_mm + height_mm > limit_mm
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

    pub(crate) fn image_path(&self, path: &str) -> PathBuf {
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

    pub(crate) fn note_missing(&mut self, prepared: &Prepared) {
        for (ch, glyph) in prepared.chars.iter().zip(&prepared.glyphs) {
            if glyph.missing {
                self.flow.note_missing_char(*ch);
            }
        }
    }
}
