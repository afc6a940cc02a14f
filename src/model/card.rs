//! 明白卡 designs: card size, style, front and back blocks, and the merge records.

use super::{Block, Rgb, SizeMm};
use serde::{Deserialize, Serialize};

/// A 明白卡 design: a card size, front and back content, and the records it is merged with
/// (one card per record; placeholders `{字段}` in the blocks take the record's values).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardDesign {
    pub id: String,
    pub name: String,
    pub size_mm: SizeMm,
    pub style: CardStyle,
    pub front: Vec<Block>,
    pub back: Vec<Block>,
    /// Field names of the merge records, in column order.
    pub fields: Vec<String>,
    /// One card per record. Empty: a single card without placeholders.
    pub records: Vec<CardRecord>,
    /// What personal fields hold (身份证号, 银行卡号, 手机号): masked on every card.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub field_kinds: std::collections::BTreeMap<String, super::ColumnKind>,
}

/// One merge record of a card: field name → value.
pub type CardRecord = std::collections::BTreeMap<String, String>;

/// Type and colour of a card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CardStyle {
    pub title_pt: f32,
    pub body_pt: f32,
    pub line_height: f32,
    /// Text stays this far inside the trim.
    pub safe_margin_mm: f32,
    pub accent: Rgb,
    pub text: Rgb,
}

impl Default for CardStyle {
    fn default() -> Self {
        CardStyle {
            title_pt: 12.0,
            body_pt: 8.0,
            line_height: 1.35,
            safe_margin_mm: 5.0,
            accent: Rgb(0xc6, 0x28, 0x28),
            text: Rgb(0x21, 0x21, 0x21),
        }
    }
}
