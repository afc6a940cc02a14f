//! Edits are data: the UI (and scripts, and tests) describe a change as an [`Edit`] and
//! [`Project::apply`] carries it out. `apply` touches nothing but the project, checks the
//! edit first and leaves the project unchanged when it refuses one. An [`Edit::Batch`]
//! carries out several edits as one change: all of them, or none.

use super::{
    Block, Board, BoardFooter, BoardHeader, CardDesign, CatalogEntry, DirectoryFields, Disclosure,
    FitMode, Item, LogEntry, Meta, Panel, Project, RectMm, Settings, SizeMm, TextStyle, Theme,
    validate::limits,
};
use chrono::NaiveDate;

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetMeta(Meta),
    SetSettings(Settings),

    AddBoard(Board),
    RemoveBoard {
        board_id: String,
    },
    RenameBoard {
        board_id: String,
        name: String,
    },
    /// Moves a board to `index` in the list (clamped to the end).
    MoveBoard {
        board_id: String,
        index: usize,
    },
    ResizeBoard {
        board_id: String,
        size_mm: SizeMm,
    },
    SetReadingDistance {
        board_id: String,
        reading_distance_m: f32,
    },
    SetBoardHeader {
        board_id: String,
        header: BoardHeader,
    },
    SetBoardFooter {
        board_id: String,
        footer: BoardFooter,
    },
    SetBoardTheme {
        board_id: String,
        theme: Theme,
    },
    SetBoardStyle {
        board_id: String,
        style: TextStyle,
    },
    /// Divides a board into parts (doors, KT boards), or makes it one piece again (None).
    SetBoardParts {
        board_id: String,
        parts: Option<super::BoardParts>,
    },

    /// Adds a panel at `index` (None: at the end, drawn on top).
    AddPanel {
        board_id: String,
        panel: Panel,
        index: Option<usize>,
    },
    RemovePanel {
        board_id: String,
        panel_id: String,
    },
    /// Moves and/or resizes a panel.
    SetPanelRect {
        board_id: String,
        panel_id: String,
        rect_mm: RectMm,
    },
    RenamePanel {
        board_id: String,
        panel_id: String,
        title: String,
    },
    SetPanelColumns {
        board_id: String,
        panel_id: String,
        columns: u32,
    },
    SetPanelFit {
        board_id: String,
        panel_id: String,
        fit: FitMode,
    },
    SetPanelStyle {
        board_id: String,
        panel_id: String,
        style: Option<TextStyle>,
    },
    /// Makes a panel a colour band (its title fills it) or a panel with content again.
    SetPanelBand {
        board_id: String,
        panel_id: String,
        band: bool,
    },
    /// The blocks of a panel's own (a card face's content).
    SetPanelBlocks {
        board_id: String,
        panel_id: String,
        blocks: Vec<Block>,
    },
    /// Which items a panel shows, in order.
    SetPanelItems {
        board_id: String,
        panel_id: String,
        item_ids: Vec<String>,
    },

    /// Adds an item; with `panel`, also shows it at the end of that panel.
    AddItem {
        item: Item,
        panel: Option<(String, String)>,
    },
    /// Removes an item and every reference to it.
    RemoveItem {
        item_id: String,
    },
    RenameItem {
        item_id: String,
        title: String,
    },
    /// Replaces an item's content; `changed_on` records the day of the change.
    SetItemBlocks {
        item_id: String,
        blocks: Vec<Block>,
        changed_on: Option<NaiveDate>,
    },
    SetItemEntry {
        item_id: String,
        entry_id: Option<String>,
    },
    /// Sets an item's stage and its dates. The 公开日期 and the fingerprint taken then are
    /// what a publication recorded: they are kept whatever the edit says (only 发布 sets them).
    SetItemDisclosure {
        item_id: String,
        disclosure: Disclosure,
    },
    /// 责任人 of one item (empty: the catalog entry's or the unit's default).
    SetItemResponsible {
        item_id: String,
        responsible: String,
    },
    /// The 自查情况总结 printed in the 自查情况表.
    SetSelfCheckSummary(String),

    SetEntryFields {
        entry_id: String,
        fields: DirectoryFields,
    },
    /// Adds an entry to the category with `category_id`.
    AddEntry {
        category_id: String,
        entry: CatalogEntry,
    },

    AddCard(CardDesign),
    SetCard(CardDesign),
    RemoveCard {
        card_id: String,
    },

    AppendLog(LogEntry),

    /// Links a target to its source file, replacing an earlier link of the same target.
    SetSource(super::DataSource),
    /// Forgets the link of a target (its data stays).
    RemoveSource(super::SourceTarget),

    /// Several edits carried out in order as one change (one gesture, one undo step): all of
    /// them, or none when one is refused.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The messages are for clerks, in Chinese.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("找不到公开栏 {0}")]
    NoSuchBoard(String),
    #[error("找不到栏目 {0}")]
    NoSuchPanel(String),
    #[error("找不到公开事项 {0}")]
    NoSuchItem(String),
    #[error("找不到目录事项或方面 {0}")]
    NoSuchEntry(String),
    #[error("找不到明白卡 {0}")]
    NoSuchCard(String),
    #[error("编号 {0} 已被使用")]
    DuplicateId(String),
    #[error("{0}")]
    Parts(String),
    #[error("{what}应在 {min} 到 {max} 之间，而不是 {value}")]
    OutOfRange {
        what: &'static str,
        value: f32,
        min: f32,
        max: f32,
    },
}

fn check_range(what: &'static str, value: f32, min: f32, max: f32) -> Result<(), EditError> {
    if value.is_finite() && (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(EditError::OutOfRange {
            what,
            value,
            min,
            max,
        })
    }
}

fn check_board_size(size_mm: SizeMm) -> Result<(), EditError> {
    check_range(
        "公开栏宽度（毫米）",
        size_mm.width_mm,
        limits::MIN_SIZE_MM,
        limits::MAX_BOARD_SIDE_MM,
    )?;
    check_range(
        "公开栏高度（毫米）",
        size_mm.height_mm,
        limits::MIN_SIZE_MM,
        limits::MAX_BOARD_SIDE_MM,
    )
}

fn check_panel_rect(rect_mm: RectMm) -> Result<(), EditError> {
    let side = limits::MAX_BOARD_SIDE_MM;
    check_range(
        "栏目宽度（毫米）",
        rect_mm.width_mm,
        limits::MIN_SIZE_MM,
        side,
    )?;
    check_range(
        "栏目高度（毫米）",
        rect_mm.height_mm,
        limits::MIN_SIZE_MM,
        side,
    )?;
    check_range("栏目横坐标（毫米）", rect_mm.x_mm, -side, side)?;
    check_range("栏目纵坐标（毫米）", rect_mm.y_mm, -side, side)
}

fn check_columns(columns: u32) -> Result<(), EditError> {
    check_range(
        "栏数",
        columns as f32,
        1.0,
        limits::MAX_PANEL_COLUMNS as f32,
    )
}

impl Project {
    /// Carries out one edit (a batch: all its edits, in order). On error the project is
    /// unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        match edit {
            Edit::SetMeta(meta) => self.meta = meta,
            Edit::SetSettings(settings) => self.settings = settings,

            Edit::AddBoard(board) => {
                check_board_size(board.size_mm)?;
                self.ensure_new_id(&board.id)?;
                self.boards.push(board);
            }
            Edit::RemoveBoard { board_id } => {
                let index = self
                    .boards
                    .iter()
                    .position(|board| board.id == board_id)
                    .ok_or(EditError::NoSuchBoard(board_id))?;
                self.boards.remove(index);
            }
            Edit::RenameBoard { board_id, name } => self.board_or_err(&board_id)?.name = name,
            Edit::MoveBoard { board_id, index } => {
                let from = self
                    .boards
                    .iter()
                    .position(|board| board.id == board_id)
                    .ok_or(EditError::NoSuchBoard(board_id))?;
                let board = self.boards.remove(from);
                let index = index.min(self.boards.len());
                self.boards.insert(index, board);
            }
            Edit::ResizeBoard { board_id, size_mm } => {
                check_board_size(size_mm)?;
                self.board_or_err(&board_id)?.size_mm = size_mm;
            }
            Edit::SetReadingDistance {
                board_id,
                reading_distance_m,
            } => {
                check_range(
                    "阅读距离（米）",
                    reading_distance_m,
                    limits::MIN_READING_DISTANCE_M,
                    limits::MAX_READING_DISTANCE_M,
                )?;
                self.board_or_err(&board_id)?.reading_distance_m = reading_distance_m;
            }
            Edit::SetBoardHeader { board_id, header } => {
                self.board_or_err(&board_id)?.header = header
            }
            Edit::SetBoardFooter { board_id, footer } => {
                self.board_or_err(&board_id)?.footer = footer
            }
            Edit::SetBoardTheme { board_id, theme } => self.board_or_err(&board_id)?.theme = theme,
            Edit::SetBoardStyle { board_id, style } => {
                check_style(&style)?;
                self.board_or_err(&board_id)?.style = style;
            }
            Edit::SetBoardParts { board_id, parts } => {
                let board = self.board_or_err(&board_id)?;
                if let Some(problem) = parts
                    .as_ref()
                    .and_then(|parts| parts.problems(board.size_mm).into_iter().next())
                {
                    return Err(EditError::Parts(problem));
                }
                board.parts = parts;
            }

            Edit::AddPanel {
                board_id,
                panel,
                index,
            } => {
                check_panel_rect(panel.rect_mm)?;
                check_columns(panel.columns)?;
                self.ensure_new_id(&panel.id)?;
                let board = self.board_or_err(&board_id)?;
                let at = index.unwrap_or(board.panels.len()).min(board.panels.len());
                board.panels.insert(at, panel);
            }
            Edit::RemovePanel { board_id, panel_id } => {
                let board = self.board_or_err(&board_id)?;
                let index = board
                    .panels
                    .iter()
                    .position(|panel| panel.id == panel_id)
                    .ok_or(EditError::NoSuchPanel(panel_id))?;
                board.panels.remove(index);
            }
            Edit::SetPanelRect {
                board_id,
                panel_id,
                rect_mm,
            } => {
                check_panel_rect(rect_mm)?;
                self.panel_or_err(&board_id, &panel_id)?.rect_mm = rect_mm;
            }
            Edit::RenamePanel {
                board_id,
                panel_id,
                title,
            } => self.panel_or_err(&board_id, &panel_id)?.title = title,
            Edit::SetPanelColumns {
                board_id,
                panel_id,
                columns,
            } => {
                check_columns(columns)?;
                self.panel_or_err(&board_id, &panel_id)?.columns = columns;
            }
            Edit::SetPanelFit {
                board_id,
                panel_id,
                fit,
            } => self.panel_or_err(&board_id, &panel_id)?.fit = fit,
            Edit::SetPanelStyle {
                board_id,
                panel_id,
                style,
            } => {
                if let Some(style) = &style {
                    check_style(style)?;
                }
                self.panel_or_err(&board_id, &panel_id)?.style = style;
            }
            Edit::SetPanelBlocks {
                board_id,
                panel_id,
                blocks,
            } => self.panel_or_err(&board_id, &panel_id)?.blocks = blocks,
            Edit::SetPanelBand {
                board_id,
                panel_id,
                band,
            } => self.panel_or_err(&board_id, &panel_id)?.band = band,
            Edit::SetPanelItems {
                board_id,
                panel_id,
                item_ids,
            } => {
                if let Some(missing) = item_ids.iter().find(|id| self.item(id).is_none()) {
                    return Err(EditError::NoSuchItem(missing.clone()));
                }
                self.panel_or_err(&board_id, &panel_id)?.item_ids = item_ids;
            }

            Edit::AddItem { item, panel } => {
                self.ensure_new_id(&item.id)?;
                if let Some((board_id, panel_id)) = &panel {
                    self.panel_or_err(board_id, panel_id)?;
                }
                let item_id = item.id.clone();
                self.items.push(item);
                if let Some((board_id, panel_id)) = panel {
                    self.panel_or_err(&board_id, &panel_id)?
                        .item_ids
                        .push(item_id);
                }
            }
            Edit::RemoveItem { item_id } => {
                let index = self
                    .items
                    .iter()
                    .position(|item| item.id == item_id)
                    .ok_or_else(|| EditError::NoSuchItem(item_id.clone()))?;
                self.items.remove(index);
                self.sources
                    .retain(|source| source.target != super::SourceTarget::Table(item_id.clone()));
                for panel in self.boards.iter_mut().flat_map(|board| &mut board.panels) {
                    panel.item_ids.retain(|id| *id != item_id);
                }
            }
            Edit::RenameItem { item_id, title } => self.item_or_err(&item_id)?.title = title,
            Edit::SetItemBlocks {
                item_id,
                blocks,
                changed_on,
            } => {
                let item = self.item_or_err(&item_id)?;
                item.blocks = blocks;
                if changed_on.is_some() {
                    item.disclosure.changed_on = changed_on;
                }
            }
            Edit::SetItemEntry { item_id, entry_id } => {
                if let Some(entry_id) = &entry_id
                    && self.catalog.entry(entry_id).is_none()
                {
                    return Err(EditError::NoSuchEntry(entry_id.clone()));
                }
                self.item_or_err(&item_id)?.entry_id = entry_id;
            }
            Edit::SetItemDisclosure {
                item_id,
                disclosure,
            } => {
                let item = self.item_or_err(&item_id)?;
                let published_on = item.disclosure.published_on;
                let published_fingerprint = item.disclosure.published_fingerprint.take();
                item.disclosure = Disclosure {
                    published_on,
                    published_fingerprint,
                    ..disclosure
                };
            }
            Edit::SetItemResponsible {
                item_id,
                responsible,
            } => self.item_or_err(&item_id)?.responsible = responsible,
            Edit::SetSelfCheckSummary(summary) => self.self_check_summary = summary,

            Edit::SetEntryFields { entry_id, fields } => {
                self.catalog
                    .entry_mut(&entry_id)
                    .ok_or(EditError::NoSuchEntry(entry_id))?
                    .fields = fields;
            }
            Edit::AddEntry { category_id, entry } => {
                self.ensure_new_id(&entry.id)?;
                self.catalog
                    .categories
                    .iter_mut()
                    .find(|category| category.id == category_id)
                    .ok_or(EditError::NoSuchEntry(category_id))?
                    .entries
                    .push(entry);
            }

            Edit::AddCard(card) => {
                check_card_size(card.size_mm)?;
                self.ensure_new_id(&card.id)?;
                let mut card_ids = std::collections::HashSet::new();
                for face in [&card.faces.front, &card.faces.back] {
                    for id in std::iter::once(&face.id).chain(face.panels.iter().map(|p| &p.id)) {
                        self.ensure_new_id(id)?;
                        if id == &card.id || !card_ids.insert(id.clone()) {
                            return Err(EditError::DuplicateId(id.clone()));
                        }
                    }
                }
                self.cards.push(card);
            }
            Edit::SetCard(card) => {
                check_card_size(card.size_mm)?;
                let slot = self
                    .cards
                    .iter_mut()
                    .find(|existing| existing.id == card.id)
                    .ok_or_else(|| EditError::NoSuchCard(card.id.clone()))?;
                *slot = card;
            }
            Edit::RemoveCard { card_id } => {
                let index = self
                    .cards
                    .iter()
                    .position(|card| card.id == card_id)
                    .ok_or(EditError::NoSuchCard(card_id.clone()))?;
                self.cards.remove(index);
                self.sources
                    .retain(|source| source.target != super::SourceTarget::Cards(card_id.clone()));
            }

            Edit::AppendLog(entry) => self.log.push(entry),

            Edit::SetSource(source) => {
                match &source.target {
                    super::SourceTarget::Table(item_id) => {
                        self.item_or_err(item_id)?;
                    }
                    super::SourceTarget::Cards(card_id) => {
                        if self.card(card_id).is_none() {
                            return Err(EditError::NoSuchCard(card_id.clone()));
                        }
                    }
                }
                self.sources
                    .retain(|existing| existing.target != source.target);
                self.sources.push(source);
            }
            Edit::RemoveSource(target) => self.sources.retain(|source| source.target != target),

            Edit::Batch(edits) => {
                // On a copy, so that a refused step leaves the project as it was.
                let mut staged = self.clone();
                for edit in edits {
                    staged.apply(edit)?;
                }
                *self = staged;
            }
        }
        Ok(())
    }

    fn ensure_new_id(&self, id: &str) -> Result<(), EditError> {
        if id.is_empty() || self.all_ids().contains(id) {
            Err(EditError::DuplicateId(id.to_owned()))
        } else {
            Ok(())
        }
    }

    fn board_or_err(&mut self, board_id: &str) -> Result<&mut Board, EditError> {
        self.board_mut(board_id)
            .ok_or_else(|| EditError::NoSuchBoard(board_id.to_owned()))
    }

    fn panel_or_err(&mut self, board_id: &str, panel_id: &str) -> Result<&mut Panel, EditError> {
        self.board_or_err(board_id)?
            .panel_mut(panel_id)
            .ok_or_else(|| EditError::NoSuchPanel(panel_id.to_owned()))
    }

    fn item_or_err(&mut self, item_id: &str) -> Result<&mut Item, EditError> {
        self.item_mut(item_id)
            .ok_or_else(|| EditError::NoSuchItem(item_id.to_owned()))
    }
}

fn check_style(style: &TextStyle) -> Result<(), EditError> {
    for (what, size_pt) in [
        ("标题字号（磅）", style.board_title_pt),
        ("栏目标题字号（磅）", style.panel_title_pt),
        ("事项标题字号（磅）", style.item_title_pt),
        ("正文字号（磅）", style.body_pt),
    ] {
        check_range(what, size_pt, limits::MIN_FONT_PT, limits::MAX_FONT_PT)?;
    }
    check_range("行距（倍）", style.line_height, 0.8, 4.0)
}

fn check_card_size(size_mm: SizeMm) -> Result<(), EditError> {
    check_range(
        "卡片宽度（毫米）",
        size_mm.width_mm,
        limits::MIN_SIZE_MM,
        limits::MAX_CARD_SIDE_MM,
    )?;
    check_range(
        "卡片高度（毫米）",
        size_mm.height_mm,
        limits::MIN_SIZE_MM,
        limits::MAX_CARD_SIDE_MM,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_with_panel() -> Project {
        let mut project = Project::default();
        project
            .apply(Edit::AddBoard(Board {
                id: "b1".into(),
                name: "主栏".into(),
                size_mm: SizeMm::new(2400.0, 1200.0),
                ..Board::default()
            }))
            .expect("board");
        project
            .apply(Edit::AddPanel {
                board_id: "b1".into(),
                panel: Panel {
                    id: "p1".into(),
                    title: "财务公开".into(),
                    rect_mm: RectMm::new(40.0, 200.0, 500.0, 800.0),
                    ..Panel::default()
                },
                index: None,
            })
            .expect("panel");
        project
            .apply(Edit::AddItem {
                item: Item {
                    id: "i1".into(),
                    title: "财务收支".into(),
                    ..Item::default()
                },
                panel: Some(("b1".into(), "p1".into())),
            })
            .expect("item");
        project
    }

    #[test]
    fn boards_move_in_the_list() {
        let mut project = project_with_panel();
        for id in ["b2", "b3"] {
            project
                .apply(Edit::AddBoard(Board {
                    id: id.into(),
                    name: id.into(),
                    size_mm: SizeMm::new(600.0, 800.0),
                    ..Board::default()
                }))
                .expect("board");
        }
        project
            .apply(Edit::MoveBoard {
                board_id: "b3".into(),
                index: 0,
            })
            .expect("move");
        let order: Vec<_> = project.boards.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(order, ["b3", "b1", "b2"]);
        project
            .apply(Edit::MoveBoard {
                board_id: "b3".into(),
                index: 99,
            })
            .expect("move");
        let order: Vec<_> = project.boards.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(order, ["b1", "b2", "b3"]);
    }

    #[test]
    fn adding_an_item_to_a_panel_shows_it_there() {
        let project = project_with_panel();
        assert_eq!(project.boards[0].panels[0].item_ids, vec!["i1".to_string()]);
        assert_eq!(
            project.item("i1").map(|item| item.title.as_str()),
            Some("财务收支")
        );
    }

    #[test]
    fn removing_an_item_removes_it_from_panels() {
        let mut project = project_with_panel();
        project
            .apply(Edit::RemoveItem {
                item_id: "i1".into(),
            })
            .expect("remove");
        assert!(project.items.is_empty());
        assert!(project.boards[0].panels[0].item_ids.is_empty());
    }

    #[test]
    fn moving_a_panel_changes_only_its_rectangle() {
        let mut project = project_with_panel();
        let before = project.clone();
        let rect_mm = RectMm::new(100.0, 210.0, 500.0, 800.0);
        project
            .apply(Edit::SetPanelRect {
                board_id: "b1".into(),
                panel_id: "p1".into(),
                rect_mm,
            })
            .expect("move");
        assert_eq!(project.boards[0].panels[0].rect_mm, rect_mm);
        project.boards[0].panels[0].rect_mm = before.boards[0].panels[0].rect_mm;
        assert_eq!(project, before);
    }

    #[test]
    fn refused_edits_leave_the_project_unchanged() {
        let mut project = project_with_panel();
        let before = project.clone();
        let refused = [
            Edit::SetPanelRect {
                board_id: "b1".into(),
                panel_id: "p1".into(),
                rect_mm: RectMm::new(0.0, 0.0, -5.0, 100.0),
            },
            Edit::ResizeBoard {
                board_id: "b1".into(),
                size_mm: SizeMm::new(f32::NAN, 1000.0),
            },
            Edit::RenamePanel {
                board_id: "b1".into(),
                panel_id: "nope".into(),
                title: "x".into(),
            },
            Edit::SetPanelColumns {
                board_id: "b1".into(),
                panel_id: "p1".into(),
                columns: 0,
            },
            Edit::AddItem {
                item: Item {
                    id: "i1".into(),
                    ..Item::default()
                },
                panel: None,
            },
            Edit::AddItem {
                item: Item {
                    id: "i2".into(),
                    ..Item::default()
                },
                panel: Some(("b1".into(), "missing".into())),
            },
            Edit::SetPanelItems {
                board_id: "b1".into(),
                panel_id: "p1".into(),
                item_ids: vec!["ghost".into()],
            },
            Edit::SetItemEntry {
                item_id: "i1".into(),
                entry_id: Some("no-such-entry".into()),
            },
        ];
        for edit in refused {
            assert!(
                project.apply(edit.clone()).is_err(),
                "{edit:?} was accepted"
            );
            assert_eq!(project, before, "{edit:?} changed the project");
        }
    }

    #[test]
    fn setting_blocks_records_the_change_day() {
        let mut project = project_with_panel();
        let day = NaiveDate::from_ymd_opt(2027, 3, 1);
        project
            .apply(Edit::SetItemBlocks {
                item_id: "i1".into(),
                blocks: vec![Block::paragraph("本季度收入一百万元。")],
                changed_on: day,
            })
            .expect("set blocks");
        let item = project.item("i1").expect("item");
        assert_eq!(item.disclosure.changed_on, day);
        assert_eq!(item.all_text(), "财务收支\n本季度收入一百万元。");
    }

    #[test]
    fn errors_are_in_chinese() {
        let mut project = project_with_panel();
        let error = project
            .apply(Edit::ResizeBoard {
                board_id: "b1".into(),
                size_mm: SizeMm::new(0.0, 1000.0),
            })
            .expect_err("zero width");
        assert!(error.to_string().contains("公开栏宽度"), "{error}");
    }

    fn second_panel() -> Panel {
        Panel {
            id: "p2".into(),
            title: "党务公开".into(),
            rect_mm: RectMm::new(600.0, 200.0, 500.0, 800.0),
            ..Panel::default()
        }
    }

    #[test]
    fn a_batch_applies_its_edits_in_order() {
        let mut project = project_with_panel();
        let moved = RectMm::new(700.0, 250.0, 400.0, 600.0);
        project
            .apply(Edit::Batch(vec![
                Edit::AddPanel {
                    board_id: "b1".into(),
                    panel: second_panel(),
                    index: None,
                },
                // Only possible once the panel above exists.
                Edit::SetPanelRect {
                    board_id: "b1".into(),
                    panel_id: "p2".into(),
                    rect_mm: moved,
                },
                Edit::RenamePanel {
                    board_id: "b1".into(),
                    panel_id: "p2".into(),
                    title: "村务公开".into(),
                },
                Edit::RenamePanel {
                    board_id: "b1".into(),
                    panel_id: "p2".into(),
                    title: "村务公开栏".into(),
                },
            ]))
            .expect("batch");
        let added = project.boards[0].panel("p2").expect("p2");
        assert_eq!(added.rect_mm, moved);
        assert_eq!(added.title, "村务公开栏", "the last rename wins");
    }

    #[test]
    fn a_refused_step_leaves_the_whole_batch_undone() {
        let mut project = project_with_panel();
        let before = project.clone();
        let error = project
            .apply(Edit::Batch(vec![
                Edit::RenamePanel {
                    board_id: "b1".into(),
                    panel_id: "p1".into(),
                    title: "改名".into(),
                },
                Edit::RemoveItem {
                    item_id: "i1".into(),
                },
                Edit::Batch(vec![Edit::AddPanel {
                    board_id: "b1".into(),
                    panel: second_panel(),
                    index: None,
                }]),
                Edit::SetPanelColumns {
                    board_id: "b1".into(),
                    panel_id: "p1".into(),
                    columns: 0,
                },
            ]))
            .expect_err("0 columns is refused");
        assert!(matches!(error, EditError::OutOfRange { .. }), "{error:?}");
        assert_eq!(project, before);
    }

    #[test]
    fn a_batch_is_one_undo_step() {
        let mut project = project_with_panel();
        let mut history = super::super::History::default();
        let before = project.clone();
        project
            .apply(Edit::Batch(vec![
                Edit::AddPanel {
                    board_id: "b1".into(),
                    panel: second_panel(),
                    index: None,
                },
                Edit::SetPanelRect {
                    board_id: "b1".into(),
                    panel_id: "p1".into(),
                    rect_mm: RectMm::new(0.0, 0.0, 300.0, 300.0),
                },
            ]))
            .expect("batch");
        history.record(before.clone());
        assert_eq!(history.undo_len(), 1);
        let undone = history.undo(&project).expect("undo");
        assert_eq!(undone, before);
        assert_eq!(history.redo(&undone), Some(project));
    }

    #[test]
    fn an_empty_batch_changes_nothing() {
        let mut project = project_with_panel();
        let before = project.clone();
        project.apply(Edit::Batch(Vec::new())).expect("empty");
        assert_eq!(project, before);
    }
}
