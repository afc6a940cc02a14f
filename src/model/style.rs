//! How a board looks: colours ([`Rgb`], [`Theme`]), font families and type sizes
//! ([`TextStyle`]).

use serde::{Deserialize, Serialize};

/// An sRGB colour, written "#rrggbb" in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(255, 255, 255);

    pub fn to_hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    pub fn from_hex(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.is_ascii() {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }
}

impl Serialize for Rgb {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rgb::from_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("颜色应写作 \"#rrggbb\"，而不是 \"{text}\""))
        })
    }
}

/// Colours of a board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Theme {
    pub background: Rgb,
    pub header_background: Rgb,
    pub header_text: Rgb,
    pub panel_background: Rgb,
    pub panel_title_background: Rgb,
    pub panel_title_text: Rgb,
    pub panel_border: Rgb,
    pub body_text: Rgb,
    pub footer_background: Rgb,
    pub footer_text: Rgb,
}

impl Default for Theme {
    /// The usual government red and white.
    fn default() -> Self {
        Theme {
            background: Rgb(0xfb, 0xf7, 0xef),
            header_background: Rgb(0xb7, 0x1c, 0x1c),
            header_text: Rgb(0xff, 0xe0, 0x82),
            panel_background: Rgb::WHITE,
            panel_title_background: Rgb(0xc6, 0x28, 0x28),
            panel_title_text: Rgb::WHITE,
            panel_border: Rgb(0xc6, 0x28, 0x28),
            body_text: Rgb(0x21, 0x21, 0x21),
            footer_background: Rgb(0xb7, 0x1c, 0x1c),
            footer_text: Rgb::WHITE,
        }
    }
}

/// A font family: one of the bundled ones, or a font the user installed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontFamily {
    /// The bundled sans (黑体 role): Noto Sans SC.
    Sans,
    /// The bundled serif (宋体 role): Noto Serif SC.
    #[default]
    Serif,
    /// A font the user added, by family name (仿宋, 方正小标宋…).
    Installed(String),
}

/// Type sizes and fonts of a board (and, overridden, of one panel).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextStyle {
    pub heading_font: FontFamily,
    pub body_font: FontFamily,
    /// The board's title in the header.
    pub board_title_pt: f32,
    pub panel_title_pt: f32,
    pub item_title_pt: f32,
    pub body_pt: f32,
    /// Line height as a multiple of the body size.
    pub line_height: f32,
    /// Space after each block, in body sizes (em).
    pub paragraph_spacing_em: f32,
    /// 首行缩进 in characters (0 or 2).
    pub first_line_indent_chars: f32,
}

impl Default for TextStyle {
    /// Sizes for a board read from 2–3 m (body ≈ 10 mm letter height).
    fn default() -> Self {
        TextStyle {
            heading_font: FontFamily::Sans,
            body_font: FontFamily::Serif,
            board_title_pt: 220.0,
            panel_title_pt: 72.0,
            item_title_pt: 44.0,
            body_pt: 32.0,
            line_height: 1.5,
            paragraph_spacing_em: 0.5,
            first_line_indent_chars: 2.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_round_trip_through_hex() {
        assert_eq!(Rgb::from_hex("#c62828"), Some(Rgb(0xc6, 0x28, 0x28)));
        assert_eq!(Rgb(1, 2, 255).to_hex(), "#0102ff");
        assert_eq!(Rgb::from_hex("c62828"), None);
        assert_eq!(Rgb::from_hex("#c6282"), None);
        assert_eq!(Rgb::from_hex("#红红红"), None);
    }
}
