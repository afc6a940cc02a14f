//! Fonts: the bundled Noto Sans SC / Noto Serif SC (regular and bold; see `fonts/README.md`)
//! and fonts the user adds. One [`FontSet`] answers every metric question of the layout, and
//! the same bytes go to egui and to the PDF writer.
//!
//! The bundled files were subset without kerning or other layout tables, so an advance is all
//! there is to a glyph's width: screen and PDF cannot drift apart through kerning.

pub mod installed;

use crate::model::{FontFamily, Project};
use crate::units::pt_to_mm;
use owned_ttf_parser::{AsFaceRef, OwnedFace};
use std::collections::BTreeSet;

/// A parsed face: borrowed from the bundled bytes (no copy) or owning a user font's bytes.
enum Parsed {
    Static(Box<owned_ttf_parser::Face<'static>>),
    Owned(OwnedFace),
}

/// Noto Sans SC Regular (黑体 role).
pub static SANS_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular.ttf");
/// Noto Sans SC Bold.
pub static SANS_BOLD: &[u8] = include_bytes!("../../fonts/NotoSansSC-Bold.ttf");
/// Noto Serif SC Regular (宋体 role).
pub static SERIF_REGULAR: &[u8] = include_bytes!("../../fonts/NotoSerifSC-Regular.ttf");
/// Noto Serif SC Bold.
pub static SERIF_BOLD: &[u8] = include_bytes!("../../fonts/NotoSerifSC-Bold.ttf");

/// A face in a [`FontSet`]: an index, stable for the set's life. The first four are the
/// bundled faces, in the order of the constants below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FaceId(pub u16);

impl FaceId {
    pub const SANS: FaceId = FaceId(0);
    pub const SANS_BOLD: FaceId = FaceId(1);
    pub const SERIF: FaceId = FaceId(2);
    pub const SERIF_BOLD: FaceId = FaceId(3);
}

/// Why a font could not be added.
#[derive(Debug, thiserror::Error)]
pub enum FontError {
    #[error("无法读取字体文件 {path}：{detail}")]
    Io { path: String, detail: String },
    #[error("“{name}”不是可用的 TrueType/OpenType 字体（{detail}）")]
    Parse { name: String, detail: String },
}

/// A face's PDF font descriptor data, in font units (see [`Face::descriptor_units`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FaceDescriptor {
    pub postscript_name: String,
    /// [x_min, y_min, x_max, y_max] over all glyphs.
    pub bbox_units: [i16; 4],
    pub cap_height_units: i16,
    /// Degrees counter-clockwise from vertical (negative for an italic).
    pub italic_angle: f32,
    /// The OS/2 weight class (400 regular, 700 bold).
    pub weight: u16,
}

/// One loaded face with its name and the data egui and the PDF writer need.
pub struct Face {
    /// The family name shown to users, e.g. "Noto Serif SC" or "仿宋".
    pub family: String,
    pub bold: bool,
    parsed: Parsed,
    /// The face index inside a collection (TTC); 0 for a plain font.
    pub collection_index: u32,
}

impl Face {
    fn from_static(family: &str, bold: bool, bytes: &'static [u8]) -> Result<Face, FontError> {
        let parsed = owned_ttf_parser::Face::parse(bytes, 0).map_err(|error| FontError::Parse {
            name: family.to_owned(),
            detail: error.to_string(),
        })?;
        Ok(Face {
            family: family.to_owned(),
            bold,
            parsed: Parsed::Static(Box::new(parsed)),
            collection_index: 0,
        })
    }

    fn from_vec(
        family: &str,
        bold: bool,
        bytes: Vec<u8>,
        collection_index: u32,
    ) -> Result<Face, FontError> {
        let parsed =
            OwnedFace::from_vec(bytes, collection_index).map_err(|error| FontError::Parse {
                name: family.to_owned(),
                detail: error.to_string(),
            })?;
        Ok(Face {
            family: family.to_owned(),
            bold,
            parsed: Parsed::Owned(parsed),
            collection_index,
        })
    }

    /// The font file's bytes (a TTC's whole collection).
    pub fn bytes(&self) -> &[u8] {
        self.face().raw_face().data
    }

    fn face(&self) -> &owned_ttf_parser::Face<'_> {
        match &self.parsed {
            Parsed::Static(face) => face,
            Parsed::Owned(owned) => owned.as_face_ref(),
        }
    }

    /// What a PDF font descriptor states about the face (ISO 32000 9.8), in font units.
    pub fn descriptor_units(&self) -> FaceDescriptor {
        let face = self.face();
        let postscript_name = face
            .names()
            .into_iter()
            .filter(|name| name.name_id == owned_ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|name| name.to_string())
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| self.family.clone());
        let bbox = face.global_bounding_box();
        FaceDescriptor {
            postscript_name,
            bbox_units: [bbox.x_min, bbox.y_min, bbox.x_max, bbox.y_max],
            cap_height_units: face.capital_height().unwrap_or_else(|| face.ascender()),
            italic_angle: face.italic_angle(),
            weight: face.weight().to_number(),
        }
    }

    /// OpenType/CFF outlines (a `CFF ` table) rather than TrueType (`glyf`).
    pub fn is_cff(&self) -> bool {
        self.face().tables().cff.is_some()
    }

    pub fn units_per_em(&self) -> u16 {
        self.face().units_per_em()
    }

    /// Ascent above the baseline in font units (positive).
    pub fn ascent_units(&self) -> i16 {
        self.face().ascender()
    }

    /// Descent below the baseline in font units (negative, as fonts store it).
    pub fn descent_units(&self) -> i16 {
        self.face().descender()
    }

    /// The glyph for a character, if the face has one.
    pub fn glyph_id(&self, ch: char) -> Option<u16> {
        self.face().glyph_index(ch).map(|glyph| glyph.0)
    }

    pub fn has_char(&self, ch: char) -> bool {
        self.glyph_id(ch).is_some()
    }

    /// A glyph's advance in font units.
    pub fn advance_units(&self, glyph_id: u16) -> u16 {
        self.face()
            .glyph_hor_advance(owned_ttf_parser::GlyphId(glyph_id))
            .unwrap_or(0)
    }

    /// Hands a glyph's outline (font units, y up) to `builder`; false for a glyph without one
    /// (a space). The raster exporter draws glyphs from these, the same bytes the PDF embeds.
    pub fn outline_glyph(
        &self,
        glyph_id: u16,
        builder: &mut dyn owned_ttf_parser::OutlineBuilder,
    ) -> bool {
        self.face()
            .outline_glyph(owned_ttf_parser::GlyphId(glyph_id), builder)
            .is_some()
    }

    /// Font units to millimetres at a size in points.
    pub fn units_to_mm(&self, units: f32, size_pt: f32) -> f32 {
        units / f32::from(self.units_per_em().max(1)) * pt_to_mm(size_pt)
    }

    /// A character's advance at `size_pt`, if the face has it.
    pub fn advance_mm(&self, ch: char, size_pt: f32) -> Option<f32> {
        let glyph_id = self.glyph_id(ch)?;
        Some(self.units_to_mm(f32::from(self.advance_units(glyph_id)), size_pt))
    }

    pub fn ascent_mm(&self, size_pt: f32) -> f32 {
        self.units_to_mm(f32::from(self.ascent_units()), size_pt)
    }

    /// Descent below the baseline at `size_pt`, as a positive length.
    pub fn descent_mm(&self, size_pt: f32) -> f32 {
        self.units_to_mm(-f32::from(self.descent_units()), size_pt)
    }
}

/// The faces a project can use: the four bundled ones, then the user's.
pub struct FontSet {
    faces: Vec<Face>,
    /// The installed families asked for (see [`FontSet::for_project`]).
    installed: BTreeSet<String>,
    /// Installed families that could not be loaded, said for the clerk.
    problems: Vec<String>,
}

impl FontSet {
    /// The bundled faces only.
    pub fn bundled() -> FontSet {
        let bundled = [
            ("Noto Sans SC", false, SANS_REGULAR),
            ("Noto Sans SC", true, SANS_BOLD),
            ("Noto Serif SC", false, SERIF_REGULAR),
            ("Noto Serif SC", true, SERIF_BOLD),
        ];
        let faces = bundled
            .into_iter()
            .map(|(family, bold, bytes)| {
                Face::from_static(family, bold, bytes)
                    .unwrap_or_else(|error| panic!("bundled font {family} is broken: {error}"))
            })
            .collect();
        FontSet {
            faces,
            installed: BTreeSet::new(),
            problems: Vec::new(),
        }
    }

    /// The project's font set: the bundled faces and every installed family its styles name,
    /// found in the system font folders ([`installed::font_dirs`]). The one way the app, the
    /// command line and the jobs get fonts: build it once per project (and again when the
    /// installed families change, see [`installed::project_families`]).
    pub fn for_project(project: &Project) -> FontSet {
        FontSet::with_installed(
            &installed::project_families(project),
            &installed::font_dirs(),
        )
    }

    /// The bundled faces and the named installed families, looked for in `dirs`. A family that
    /// cannot be used is a problem (see [`FontSet::problems`]) and prints in the bundled serif.
    pub fn with_installed(families: &BTreeSet<String>, dirs: &[std::path::PathBuf]) -> FontSet {
        let mut set = FontSet::bundled();
        set.installed = families.clone();
        if families.is_empty() {
            return set;
        }
        let found = installed::find_faces(dirs, families);
        for family in families {
            let (regular, bold) = installed::pick(&found, family);
            let Some(first) = regular.or(bold) else {
                set.problems.push(format!(
                    "找不到字体“{family}”，已用内置宋体代替。请安装该字体，或在样式中改用内置字体。"
                ));
                continue;
            };
            if !first.outlines.embeddable() {
                let format = match first.outlines {
                    installed::Outlines::Cff2 => "是可变字体（OpenType/CFF2）",
                    _ => "没有可用的字形轮廓",
                };
                set.problems.push(format!(
                    "字体“{family}”（{}）{format}，暂不支持嵌入，已用内置宋体代替。",
                    first.path.display()
                ));
                continue;
            }
            for (face, is_bold) in [(regular, false), (bold, true)] {
                let Some(face) = face.filter(|face| face.outlines.embeddable()) else {
                    continue;
                };
                if let Err(error) =
                    set.add_font_file(family, is_bold, &face.path, face.collection_index)
                {
                    set.problems
                        .push(format!("{error}，字体“{family}”已用内置宋体代替。"));
                }
            }
        }
        set
    }

    /// The installed families this set was built for.
    pub fn installed_families(&self) -> &BTreeSet<String> {
        &self.installed
    }

    /// Installed families that could not be loaded (each printed in the bundled serif).
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Adds a font from a file (TTF, OTF, or one face of a TTC) under a family name.
    pub fn add_font_file(
        &mut self,
        family: &str,
        bold: bool,
        path: &std::path::Path,
        collection_index: u32,
    ) -> Result<FaceId, FontError> {
        let bytes =
            crate::fileio::read_regular(path, crate::fileio::MAX_FONT_BYTES).map_err(|error| {
                FontError::Io {
                    path: path.display().to_string(),
                    detail: error.to_string(),
                }
            })?;
        self.add_font_bytes(family, bold, bytes, collection_index)
    }

    /// Adds a font from its bytes under a family name.
    pub fn add_font_bytes(
        &mut self,
        family: &str,
        bold: bool,
        bytes: Vec<u8>,
        collection_index: u32,
    ) -> Result<FaceId, FontError> {
        let face = Face::from_vec(family, bold, bytes, collection_index)?;
        self.faces.push(face);
        Ok(FaceId((self.faces.len() - 1) as u16))
    }

    pub fn face(&self, face_id: FaceId) -> &Face {
        self.faces
            .get(usize::from(face_id.0))
            .unwrap_or(&self.faces[0])
    }

    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.faces
            .iter()
            .enumerate()
            .map(|(index, face)| (FaceId(index as u16), face))
    }

    /// The face that sets a family in a weight: an installed family by name (a regular face
    /// stands in for a missing bold), else the bundled one of that role.
    pub fn face_for(&self, family: &FontFamily, bold: bool) -> FaceId {
        match family {
            FontFamily::Sans if bold => FaceId::SANS_BOLD,
            FontFamily::Sans => FaceId::SANS,
            FontFamily::Serif if bold => FaceId::SERIF_BOLD,
            FontFamily::Serif => FaceId::SERIF,
            FontFamily::Installed(name) => {
                let named = |want_bold: bool| {
                    // Past the bundled four: an installed copy of a bundled family is its own.
                    self.faces()
                        .skip(usize::from(FaceId::SERIF_BOLD.0) + 1)
                        .find(|(_, face)| face.family == *name && face.bold == want_bold)
                        .map(|(face_id, _)| face_id)
                };
                named(bold).or_else(|| named(false)).unwrap_or(if bold {
                    FaceId::SERIF_BOLD
                } else {
                    FaceId::SERIF
                })
            }
        }
    }

    /// The fallback chain for a preferred face: itself, then the bundled faces of the same
    /// weight (serif before sans for serif text, sans first otherwise), then every other face.
    pub fn fallback_chain(&self, preferred: FaceId) -> Vec<FaceId> {
        let bold = self.face(preferred).bold;
        let bundled_same_weight = if preferred == FaceId::SERIF || preferred == FaceId::SERIF_BOLD {
            [FaceId::SERIF, FaceId::SANS]
        } else {
            [FaceId::SANS, FaceId::SERIF]
        };
        let mut chain = vec![preferred];
        for face_id in bundled_same_weight {
            let face_id = if bold { FaceId(face_id.0 + 1) } else { face_id };
            if !chain.contains(&face_id) {
                chain.push(face_id);
            }
        }
        for (face_id, _) in self.faces() {
            if !chain.contains(&face_id) {
                chain.push(face_id);
            }
        }
        chain
    }

    /// The first face of `preferred`'s fallback chain that has `ch`.
    pub fn resolve(&self, preferred: FaceId, ch: char) -> Option<FaceId> {
        if self.face(preferred).has_char(ch) {
            return Some(preferred);
        }
        self.fallback_chain(preferred)
            .into_iter()
            .find(|face_id| self.face(*face_id).has_char(ch))
    }

    /// The characters of `text` that no face of the set has, each once, in order of first
    /// appearance. Line breaks and other control characters are not counted.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for ch in text.chars() {
            if ch.is_control() || missing.contains(&ch) {
                continue;
            }
            if !self.faces.iter().any(|face| face.has_char(ch)) {
                missing.push(ch);
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_have_1000_units_per_em_and_cjk_advances_of_one_em() {
        let fonts = FontSet::bundled();
        for (_, face) in fonts.faces() {
            assert_eq!(face.units_per_em(), 1000, "{}", face.family);
            let advance_mm = face.advance_mm('政', 72.0).expect("政");
            assert!((advance_mm - 25.4).abs() < 0.01, "{advance_mm}");
            assert!(face.ascent_mm(72.0) > 20.0 && face.descent_mm(72.0) > 4.0);
        }
    }

    #[test]
    fn name_characters_outside_gb2312_are_covered() {
        let fonts = FontSet::bundled();
        assert!(fonts.missing_chars("喆堃珺玥昇镕赟垚").is_empty());
    }

    #[test]
    fn characters_outside_every_font_are_reported_once() {
        let fonts = FontSet::bundled();
        assert_eq!(fonts.missing_chars("王𰻝𰻝面\n"), vec!['𰻝']);
    }

    #[test]
    fn fallback_goes_to_the_other_bundled_family_of_the_same_weight() {
        let fonts = FontSet::bundled();
        assert_eq!(
            fonts.fallback_chain(FaceId::SERIF_BOLD)[..2],
            [FaceId::SERIF_BOLD, FaceId::SANS_BOLD]
        );
        assert_eq!(fonts.resolve(FaceId::SANS, '公'), Some(FaceId::SANS));
        assert_eq!(fonts.resolve(FaceId::SANS, '𰻝'), None);
    }

    #[test]
    fn installed_family_names_fall_back_to_the_bundled_serif() {
        let fonts = FontSet::bundled();
        let family = FontFamily::Installed("方正小标宋".into());
        assert_eq!(fonts.face_for(&family, false), FaceId::SERIF);
        assert_eq!(fonts.face_for(&FontFamily::Sans, true), FaceId::SANS_BOLD);
    }

    #[test]
    fn a_broken_font_file_is_an_error_not_a_panic() {
        let mut fonts = FontSet::bundled();
        let error = fonts
            .add_font_bytes("坏字体", false, b"not a font".to_vec(), 0)
            .expect_err("garbage");
        assert!(error.to_string().contains("坏字体"));
    }
}
