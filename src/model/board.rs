//! Physical boards (公开栏): size, margins, look, header and footer bands, and the
//! [`Panel`]s (栏目) that show items.

use super::{MarginsMm, RectMm, SizeMm, TextStyle, Theme};
use serde::{Deserialize, Serialize};

/// The header band of a board.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardHeader {
    /// e.g. "青禾镇人民政府政务公开栏".
    pub title: String,
    /// e.g. "公开内容　依法公开　接受监督".
    pub subtitle: String,
    pub height_mm: f32,
}

/// The footer band: contacts from `Meta`, dates computed from the schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFooter {
    /// Show 监督电话 and 意见箱 (from the project's meta).
    pub show_contacts: bool,
    /// Show 本期公开日期 / 下次公开日期 (computed, never typed).
    pub show_dates: bool,
    /// Any further line, e.g. "欢迎广大群众监督".
    pub note: String,
    pub height_mm: f32,
}

impl Default for BoardFooter {
    fn default() -> Self {
        BoardFooter {
            show_contacts: true,
            show_dates: true,
            note: String::new(),
            height_mm: 80.0,
        }
    }
}

/// A physical board (公开栏 / 图板).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Board {
    pub id: String,
    pub name: String,
    pub size_mm: SizeMm,
    /// How far readers stand, for the legibility check (letter height ≈ 0.5 % of it).
    pub reading_distance_m: f32,
    pub margins_mm: MarginsMm,
    pub theme: Theme,
    pub style: TextStyle,
    pub header: BoardHeader,
    pub footer: BoardFooter,
    pub panels: Vec<Panel>,
    /// The physical parts (doors, KT boards) the board is printed on; None: one piece.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<super::BoardParts>,
}

impl Board {
    pub fn panel(&self, panel_id: &str) -> Option<&Panel> {
        self.panels.iter().find(|panel| panel.id == panel_id)
    }

    pub fn panel_mut(&mut self, panel_id: &str) -> Option<&mut Panel> {
        self.panels.iter_mut().find(|panel| panel.id == panel_id)
    }
}

/// How a panel deals with content that does not fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FitMode {
    /// Use the style's sizes; report what does not fit as overflow.
    Fixed,
    /// Shrink the body size until it fits, never below the legible minimum.
    #[default]
    ShrinkToFit,
}

/// A section (栏目) of a board: a titled rectangle showing items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Panel {
    pub id: String,
    pub title: String,
    pub rect_mm: RectMm,
    /// 1–3 text columns.
    pub columns: u32,
    pub fit: FitMode,
    /// Overrides the board's text style for this panel.
    pub style: Option<TextStyle>,
    /// The items shown, in order.
    pub item_ids: Vec<String>,
    /// Blocks of the panel's own, after the items (a card face's panels hold only these).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<super::Block>,
    /// A colour band: the title bar fills the panel, the title set large in it (a card's
    /// title); items and blocks are not shown.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub band: bool,
}

impl Default for Panel {
    fn default() -> Self {
        Panel {
            id: String::new(),
            title: String::new(),
            rect_mm: RectMm::default(),
            columns: 1,
            fit: FitMode::default(),
            style: None,
            item_ids: Vec::new(),
            blocks: Vec::new(),
            band: false,
        }
    }
}
