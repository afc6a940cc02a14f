//! Layout: model → pages of positioned glyphs, rectangles and lines, in millimetres.
//!
//! The pipeline, one module per stage (typst style):
//!
//! 1. [`segment`]: where a text may break — UAX #14 (`unicode-linebreak`) corrected by clreq:
//!    、，。：；！？ and closing marks never start a line, opening ones never end one, —— and
//!    …… stay whole, numbers / phones / amounts / dates / URLs / e-mail stay whole.
//! 2. [`inline`] prepare: each character's face (first of the fallback chain that has it),
//!    glyph and advance, once per text (cached); fragments at a size (¼ em between hanzi and
//!    Latin/digits, a line-end full-width mark squeezable to half width).
//! 3. [`linebreak`]: greedy first fit over abstract fragments ("先挤进，后推出").
//! 4. [`inline`] justify and place: CJK gaps spread (两端对齐), last line ragged; glyph runs.
//! 5. [`flow`]: blocks (item title, paragraphs, lists, key–value lines, [`table`]s, images,
//!    QR codes) → a [`Flow`] of unbreakable pieces ([`piece`], shared by `flow` and `table`),
//!    which [`Flow::paginate`] fills into pages or columns.
//! 6. [`panel`]: title bar, 1–3 columns, fixed or shrink-to-fit; [`board`]: the whole board.
//!
//! # The API renderers and exporters call
//!
//! - [`LayoutEngine::layout_board`] → [`BoardLayout`]: the board as one [`Page`] plus every
//!   text line ([`LineInfo`]), each panel ([`PanelLayout`]), [`Overflow`]s and
//!   [`MissingGlyph`]s. Panels are cached by their content, box and style, so laying out
//!   again after editing one item only redoes that item's panel.
//! - [`LayoutEngine::flow_blocks`] for 表簿 register pages and 明白卡 cards: lays out an item
//!   title and blocks in a width at a [`FlowStyle`] (from [`LayoutEngine::flow_style`] or
//!   [`LayoutEngine::card_flow_style`]) and returns a [`Flow`]. To paginate it:
//!
//!   ```no_run
//!   # use gongkai::layout::*; use gongkai::model::*;
//!   # let project = Project::default();
//!   # let mut engine = LayoutEngine::for_project(&project);
//!   # let blocks: Vec<Block> = Vec::new();
//!   let style = engine.flow_style(&TextStyle::default(), &Theme::default()).scaled_to(12.0);
//!   let flow = engine.flow_blocks(Some("事项标题"), &blocks, 170.0, &style);
//!   for page in flow.paginate(250.0) {
//!       // Items of this page, moved to the page's text area (x 20 mm, y 25 mm).
//!       let items = flow.page_items(&page, PointMm::new(20.0, 25.0));
//!   }
//!   ```
//!
//!   A piece is never split; pages break between pieces; `keep_with_next` pieces (item titles,
//!   table headers) move down with the next one; a table row that starts a page gets its
//!   header repeated (`PlacedPiece::repeated`). Each piece also lists its text lines
//!   ([`FlowLine`]) for reports and tests.
//! - [`dump`]: a laid-out board as plain data (lines and boxes in mm) for snapshots and
//!   `gongkai layout --json`.

pub mod board;
pub mod dump;
pub mod flow;
pub mod flowchart;
mod frame;
pub mod inline;
pub mod linebreak;
pub mod panel;
mod parts;
pub mod piece;
pub mod segment;
pub mod table;

pub use board::BoardFooterText;
pub use frame::{FrameItem, Page, PlacedGlyph, PointMm, Stroke, TextRun};
pub use piece::{Flow, FlowLine, FlowPage, FlowPiece, FlowStyle, LineKind, PlacedPiece};

use crate::fonts::{FaceId, FontSet};
use crate::model::{Block, CardStyle, FitMode, Item, Panel, Project, RectMm, TextStyle, Theme};
use crate::text::quoted;
use inline::{Prepared, Span};
use panel::{PanelInput, PanelOutcome};
use piece::Shaper;
use serde::Serialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Why a layout could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    #[error("项目中没有名为“{0}”的公开栏")]
    NoSuchBoard(String),
}

/// One line of text on the board, for inspection, tests and the preflight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineInfo {
    pub text: String,
    /// Left end of the line.
    pub x_mm: f32,
    /// The baseline.
    pub y_mm: f32,
    pub width_mm: f32,
    pub panel_id: Option<String>,
    pub item_id: Option<String>,
    /// The box the line was set in.
    pub box_left_mm: f32,
    pub box_right_mm: f32,
    #[serde(skip)]
    pub face: FaceId,
    pub size_pt: f32,
    pub kind: LineKind,
    /// A token wider than its box was cut to make this line.
    pub forced: bool,
}

/// Content that does not fit its panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overflow {
    pub panel_id: String,
    /// The first item not shown in full.
    pub item_id: Option<String>,
    /// Height of the content that did not fit, in mm (for a title: the width).
    pub overflow_mm: f32,
    /// Characters not shown.
    pub chars: usize,
    /// The body size tried last (for a title: its size).
    pub body_pt: f32,
    /// What a clerk reads.
    pub message: String,
}

impl Overflow {
    pub(crate) fn new(
        panel: &Panel,
        item: Option<&Item>,
        overflow_mm: f32,
        chars: usize,
        body_pt: f32,
    ) -> Self {
        let from = item.map_or(String::new(), |item| {
            format!("从“{}”起", quoted(&item.title))
        });
        let shrink_note = if panel.fit == FitMode::ShrinkToFit {
            format!("已缩到最小可读字号 {body_pt:.1} 磅仍")
        } else {
            String::new()
        };
        Overflow {
            panel_id: panel.id.clone(),
            item_id: item.map(|item| item.id.clone()),
            overflow_mm,
            chars,
            body_pt,
            message: format!(
                "栏目“{}”{shrink_note}放不下：{from}约 {overflow_mm:.0} 毫米、{chars} 个字排不下。",
                quoted(&panel.title)
            ),
        }
    }

    /// A title (a panel's, the board's, its subtitle or a footer line) still too wide for its
    /// room at the legible minimum: `chars` characters are not shown, `overflow_mm` is the
    /// width that did not fit. `what` names the title ("栏目标题", "公开栏标题"…); `panel_id` is
    /// the panel's, or empty for the board's header and footer.
    pub(crate) fn title(
        what: &str,
        text: &str,
        panel_id: &str,
        overflow_mm: f32,
        chars: usize,
        size_pt: f32,
    ) -> Self {
        Overflow {
            panel_id: panel_id.to_owned(),
            item_id: None,
            overflow_mm,
            chars,
            body_pt: size_pt,
            message: format!(
                "{what}“{}”已缩到最小可读字号 {size_pt:.1} 磅仍排不下：约 {overflow_mm:.0} 毫米、{chars} 个字放不下。请缩短文字或加宽。",
                crate::text::excerpt(text, 20)
            ),
        }
    }
}

/// A character no font has, and where it is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MissingGlyph {
    #[serde(rename = "char")]
    pub ch: char,
    /// "U+30EDD".
    pub codepoint: String,
    pub panel_id: String,
    pub item_id: Option<String>,
    pub message: String,
}

impl MissingGlyph {
    pub(crate) fn new(ch: char, panel_id: &str, item: Option<&Item>) -> Self {
        let place = item.map_or(String::new(), |item| format!("“{}”中", quoted(&item.title)));
        MissingGlyph {
            ch,
            codepoint: format!("U+{:04X}", ch as u32),
            panel_id: panel_id.to_owned(),
            item_id: item.map(|item| item.id.clone()),
            message: format!(
                "{place}的字“{ch}”（U+{:04X}）所有字体都没有，显示为方框。请添加含此字的字体。",
                ch as u32
            ),
        }
    }
}

/// A laid-out panel.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PanelLayout {
    pub panel_id: String,
    pub rect_mm: RectMm,
    /// The body size used (shrink-to-fit may have lowered it).
    pub body_pt: f32,
    pub overflow: Option<Overflow>,
}

/// A laid-out board.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardLayout {
    pub board_id: String,
    pub page: Page,
    pub panels: Vec<PanelLayout>,
    /// Every text line, in drawing order.
    pub lines: Vec<LineInfo>,
    pub overflows: Vec<Overflow>,
    pub missing_glyphs: Vec<MissingGlyph>,
    /// Table columns too narrow for their longest token at the legible minimum: their cells
    /// print cut, which [`crate::compose::board::forced_cuts`] reports by table and column.
    pub table_misfits: Vec<BoardTableMisfit>,
    /// Every 办事流程图 on the board, in board coordinates.
    pub diagrams: Vec<BoardDiagram>,
}

/// A 办事流程图 on a board and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardDiagram {
    pub panel_id: String,
    pub item_id: Option<String>,
    #[serde(flatten)]
    pub diagram: flowchart::Diagram,
}

/// A table of a panel whose column does not fit ([`table::TableMisfit`]), and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BoardTableMisfit {
    pub panel_id: String,
    pub item_id: Option<String>,
    pub misfit: table::TableMisfit,
    /// 「表格“…”的“身份证号”列放不下…」
    pub message: String,
}

/// Lays out boards and blocks with one set of fonts, caching prepared texts and panels.
pub struct LayoutEngine {
    fonts: Arc<FontSet>,
    texts: HashMap<Vec<Span>, Arc<Prepared>>,
    panels: HashMap<String, Arc<PanelOutcome>>,
    base_dir: Option<PathBuf>,
}

/// Caches are emptied when they grow past this many entries.
const CACHE_LIMIT: usize = 20_000;

impl LayoutEngine {
    pub fn new(fonts: FontSet) -> Self {
        LayoutEngine::with_shared_fonts(Arc::new(fonts))
    }

    /// An engine with the project's font set ([`FontSet::for_project`]).
    pub fn for_project(project: &Project) -> Self {
        LayoutEngine::new(FontSet::for_project(project))
    }

    /// An engine on a font set another engine uses (the export worker, the preview).
    pub fn with_shared_fonts(fonts: Arc<FontSet>) -> Self {
        LayoutEngine {
            fonts,
            texts: HashMap::new(),
            panels: HashMap::new(),
            base_dir: None,
        }
    }

    /// Where relative image paths start (the project file's folder).
    pub fn set_base_dir(&mut self, base_dir: Option<PathBuf>) {
        if self.base_dir != base_dir {
            self.panels.clear();
        }
        self.base_dir = base_dir;
    }

    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// The font set, to share with another engine.
    pub fn shared_fonts(&self) -> Arc<FontSet> {
        Arc::clone(&self.fonts)
    }

    /// Makes the fonts the project's: the set is built again (and the caches emptied) only
    /// when the installed families the project's styles name are not the ones it was built
    /// for. Returns whether it was rebuilt.
    pub fn use_project_fonts(&mut self, project: &Project) -> bool {
        let families = crate::fonts::installed::project_families(project);
        if families == *self.fonts.installed_families() {
            return false;
        }
        self.fonts = Arc::new(FontSet::with_installed(
            &families,
            &crate::fonts::installed::font_dirs(),
        ));
        self.clear_cache();
        true
    }

    /// Forgets everything laid out so far (after the fonts changed, or to measure).
    pub fn clear_cache(&mut self) {
        self.texts.clear();
        self.panels.clear();
    }

    fn shaper(&mut self) -> (Shaper<'_>, &mut HashMap<String, Arc<PanelOutcome>>) {
        if self.texts.len() > CACHE_LIMIT {
            self.texts.clear();
        }
        if self.panels.len() > CACHE_LIMIT / 10 {
            self.panels.clear();
        }
        (
            Shaper {
                fonts: &self.fonts,
                cache: &mut self.texts,
                base_dir: self.base_dir.as_deref(),
            },
            &mut self.panels,
        )
    }

    /// Lays out a board of the project (by id or name) with the footer's contacts only.
    pub fn layout_board(
        &mut self,
        project: &Project,
        board_id: &str,
    ) -> Result<BoardLayout, LayoutError> {
        self.layout_board_with_footer(project, board_id, &BoardFooterText::default())
    }

    /// Lays out a board with footer lines computed elsewhere (the schedule's dates line).
    pub fn layout_board_with_footer(
        &mut self,
        project: &Project,
        board_id: &str,
        footer: &BoardFooterText,
    ) -> Result<BoardLayout, LayoutError> {
        let board = project
            .board_by_id_or_name(board_id)
            .or_else(|| project.board(board_id))
            .ok_or_else(|| LayoutError::NoSuchBoard(board_id.to_owned()))?;
        Ok(self.layout_surface(project, board, footer))
    }

    /// Lays out a board or a card face given as it is (e.g. a face with a record's values
    /// filled in); items come from `project`.
    pub fn layout_surface(
        &mut self,
        project: &Project,
        board: &crate::model::Board,
        footer: &BoardFooterText,
    ) -> BoardLayout {
        let (mut shaper, panel_cache) = self.shaper();
        let mut outcomes = Vec::new();
        for panel in &board.panels {
            let input = PanelInput {
                board,
                panel,
                items: panel
                    .item_ids
                    .iter()
                    .filter_map(|item_id| project.item(item_id))
                    .collect(),
            };
            let key = panel_key(&input);
            let outcome = match panel_cache.get(&key) {
                Some(outcome) => outcome.clone(),
                None => {
                    let outcome = Arc::new(panel::layout_panel(&mut shaper, &input));
                    panel_cache.insert(key, outcome.clone());
                    outcome
                }
            };
            outcomes.push((panel, outcome));
        }
        board::assemble(&mut shaper, project, board, &outcomes, footer)
    }

    /// The flow style of a board's (or panel's) text style and theme.
    pub fn flow_style(&mut self, style: &TextStyle, theme: &Theme) -> FlowStyle {
        let (shaper, _) = self.shaper();
        panel::flow_style_for(&shaper, style, theme)
    }

    /// The flow style of a 明白卡 card: the bundled serif body, sans headings.
    pub fn card_flow_style(&mut self, card: &CardStyle) -> FlowStyle {
        let text_style = TextStyle {
            item_title_pt: card.title_pt,
            body_pt: card.body_pt,
            line_height: card.line_height,
            paragraph_spacing_em: 0.3,
            first_line_indent_chars: 0.0,
            ..TextStyle::default()
        };
        let theme = Theme {
            body_text: card.text,
            panel_title_background: card.accent,
            panel_border: card.accent,
            ..Theme::default()
        };
        self.flow_style(&text_style, &theme)
    }

    /// Lays out an optional item title and blocks in a column `width_mm` wide; see the module
    /// docs for paginating the result.
    pub fn flow_blocks(
        &mut self,
        title: Option<&str>,
        blocks: &[Block],
        width_mm: f32,
        style: &FlowStyle,
    ) -> Flow {
        let (mut shaper, _) = self.shaper();
        flow::flow_blocks(&mut shaper, title, blocks, width_mm, style)
    }
}

/// The cache key of a panel: everything its layout depends on, as JSON.
fn panel_key(input: &PanelInput<'_>) -> String {
    let board = input.board;
    let key = (
        &input.panel,
        &board.style,
        &board.theme,
        board.reading_distance_m,
        input
            .items
            .iter()
            .map(|item| (&item.id, &item.title, &item.blocks))
            .collect::<Vec<_>>(),
    );
    serde_json::to_string(&key).unwrap_or_default()
}
