//! Fonts in the PDF: each face's glyphs numbered as they are first painted, cut to a subset
//! by the `subsetter` crate (TrueType and OpenType/CFF) when the document is finished, and
//! embedded once with a reproducible subset tag. The font objects (ISO 32000 9.7: Type0,
//! CIDFontType2 or CIDFontType0, descriptor, /W, ToUnicode) are written here from what the
//! subsetter and the face know, so printpdf never parses a font.
//!
//! The glyph codes in the content are CIDs: a used glyph's CID is its id in the subset (the
//! subsetter keeps CID = GID for both outline kinds). A character no face has is drawn as
//! `.notdef`, but with a CID of its own counted down from 0xFFFF, so that the ToUnicode map
//! can give each placeholder box the character it stands for (text extraction and search
//! keep working).

use super::writer::PdfError;
use crate::fonts::{Face, FaceDescriptor, FaceId, FontSet};
use crate::layout::PlacedGlyph;
use printpdf_lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::{BTreeMap, HashMap};
use subsetter::GlyphRemapper;

/// The faces used so far, each with the codes its glyphs were given.
#[derive(Default)]
pub(super) struct EmbeddedFonts {
    pub(super) faces: BTreeMap<FaceId, UsedFace>,
}

/// One face's glyphs in the order they were first painted.
pub(super) struct UsedFace {
    /// The font's name in the pages' /Font resources.
    pub(super) resource_name: String,
    /// Original glyph id → CID (= glyph id in the subset).
    remapper: GlyphRemapper,
    /// Each CID's width in thousandths of an em, as in the PDF's /W array.
    widths: BTreeMap<u16, i64>,
    /// The character each CID shows (the first one painted with it).
    unicode: BTreeMap<u16, char>,
    /// Each character no face has: its placeholder CID (counted down from 0xFFFF).
    missing: HashMap<char, u16>,
    /// Original glyph id → advance in thousandths of an em (the face's `hmtx`, cached).
    advances: HashMap<u16, i64>,
}

/// A glyph as the content stream writes it: its two-byte code and the advance viewers use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct GlyphCode {
    pub(super) code: u16,
    /// In thousandths of an em: the /W width of `code`.
    pub(super) advance: i64,
}

impl EmbeddedFonts {
    /// The face a run is painted with, registered on first use.
    pub(super) fn face(&mut self, face_id: FaceId) -> &mut UsedFace {
        let count = self.faces.len();
        self.faces.entry(face_id).or_insert_with(|| UsedFace {
            resource_name: format!("GKF{count}"),
            remapper: GlyphRemapper::new(),
            widths: BTreeMap::new(),
            unicode: BTreeMap::new(),
            missing: HashMap::new(),
            advances: HashMap::new(),
        })
    }
}

impl UsedFace {
    /// The code of a placed glyph, numbering it on first use.
    pub(super) fn code(&mut self, face: &Face, glyph: &PlacedGlyph) -> GlyphCode {
        let advance = self.advance(face, glyph.glyph_id);
        let code = if glyph.glyph_id == 0 {
            self.placeholder_code(glyph.ch)
        } else {
            self.remapper.remap(glyph.glyph_id)
        };
        self.widths.entry(code).or_insert(advance);
        self.unicode.entry(code).or_insert(glyph.ch);
        GlyphCode { code, advance }
    }

    /// A character no face has: its own CID, drawn as `.notdef`. Once the 65 536 codes run
    /// out (a face using every glyph, never seen) the rest share code 0.
    fn placeholder_code(&mut self, ch: char) -> u16 {
        if let Some(code) = self.missing.get(&ch) {
            return *code;
        }
        let taken = self.missing.len() as u32;
        let code = u32::from(u16::MAX) - taken;
        let code = if code > u32::from(self.remapper.num_gids()) + 256 {
            code as u16
        } else {
            0
        };
        self.missing.insert(ch, code);
        code
    }

    fn advance(&mut self, face: &Face, glyph_id: u16) -> i64 {
        *self.advances.entry(glyph_id).or_insert_with(|| {
            let units_per_em = f32::from(face.units_per_em().max(1));
            (f32::from(face.advance_units(glyph_id)) * 1000.0 / units_per_em) as i64
        })
    }

    /// A six-letter subset tag (ISO 32000 9.6.4) that depends only on the face and its
    /// glyphs in painting order, so output is reproducible.
    fn subset_tag(&self, face_id: FaceId) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(face_id.0);
        let mut missing: Vec<char> = self.missing.keys().copied().collect();
        missing.sort_unstable();
        let values = self
            .remapper
            .remapped_gids()
            .map(u64::from)
            .chain(missing.iter().map(|ch| 0x1_0000_0000 | u64::from(*ch)));
        for value in values {
            hash = (hash ^ value).wrapping_mul(0x0100_0000_01b3);
        }
        (0..6)
            .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
            .collect()
    }

    /// The CID → glyph map of a TrueType subset with placeholders: used CIDs map to
    /// themselves, each placeholder CID to glyph 0 (`.notdef`).
    fn cid_to_gid_map(&self) -> Vec<u8> {
        let last = self.widths.keys().next_back().copied().unwrap_or(0);
        let mut map = vec![0u8; (usize::from(last) + 1) * 2];
        for cid in 0..self.remapper.num_gids() {
            let at = usize::from(cid) * 2;
            if at + 1 < map.len() {
                map[at..at + 2].copy_from_slice(&cid.to_be_bytes());
            }
        }
        map
    }
}

/// Why a face could not be embedded.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FontEmbedError(String);

/// Subsets each used face and adds its font objects to the document, named in `font_dict_id`,
/// the /Font resources every page shares.
pub(super) fn add_fonts(
    lo: &mut printpdf_lopdf::Document,
    fonts: &FontSet,
    used: EmbeddedFonts,
    font_dict_id: ObjectId,
) -> Result<(), PdfError> {
    let mut names = Vec::new();
    for (face_id, used_face) in used.faces {
        let face = fonts.face(face_id);
        let font_id = add_font(lo, face, face_id, &used_face)?;
        names.push((used_face.resource_name, font_id));
    }
    if let Ok(Object::Dictionary(font_dict)) = lo.get_object_mut(font_dict_id) {
        for (name, id) in names {
            font_dict.set(name, Object::Reference(id));
        }
    }
    Ok(())
}

/// One face's Type0 font (and its descendant, descriptor, program and ToUnicode).
fn add_font(
    lo: &mut printpdf_lopdf::Document,
    face: &Face,
    face_id: FaceId,
    used: &UsedFace,
) -> Result<ObjectId, PdfError> {
    let font_error = |detail: String| PdfError::Font {
        family: face.family.clone(),
        source: FontEmbedError(detail),
    };
    let subset = subsetter::subset(face.bytes(), face.collection_index, &used.remapper)
        .map_err(|error| font_error(error.to_string()))?;
    let is_cff = face.is_cff();
    let (file_key, file_stream) = if is_cff {
        // The bare CFF program (ISO 32000 9.9, FontFile3 /CIDFontType0C), which every PDF
        // reader takes, rather than a whole OpenType file (PDF 1.6's /OpenType).
        let cff = cff_table(&subset).ok_or_else(|| font_error("子集中没有 CFF 表".to_owned()))?;
        let dict =
            Dictionary::from_iter(vec![("Subtype", Object::Name(b"CIDFontType0C".to_vec()))]);
        ("FontFile3", Stream::new(dict, cff))
    } else {
        let mut dict = Dictionary::new();
        dict.set("Length1", Object::Integer(subset.len() as i64));
        ("FontFile2", Stream::new(dict, subset))
    };
    let file_id = lo.add_object(file_stream);
    let descriptor = face.descriptor_units();
    let mut base_font = format!("{}+", used.subset_tag(face_id)).into_bytes();
    base_font.extend(
        descriptor
            .postscript_name
            .bytes()
            .filter(|byte| byte.is_ascii_graphic() && !b"()<>[]{}/%#".contains(byte)),
    );
    let descriptor_id = lo.add_object(descriptor_dict(
        face,
        &descriptor,
        &base_font,
        (file_key, file_id),
    ));
    let to_unicode_id = lo.add_object(Stream::new(
        Dictionary::new(),
        to_unicode_cmap(&used.unicode),
    ));
    let system_info = Dictionary::from_iter(vec![
        (
            "Registry",
            Object::String(b"Adobe".to_vec(), StringFormat::Literal),
        ),
        (
            "Ordering",
            Object::String(b"Identity".to_vec(), StringFormat::Literal),
        ),
        ("Supplement", Object::Integer(0)),
    ]);
    let subtype: &[u8] = if is_cff {
        b"CIDFontType0"
    } else {
        b"CIDFontType2"
    };
    let mut cid_font = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(subtype.to_vec())),
        ("BaseFont", Object::Name(base_font.clone())),
        ("CIDSystemInfo", Object::Dictionary(system_info)),
        ("FontDescriptor", Object::Reference(descriptor_id)),
        ("DW", Object::Integer(1000)),
        ("W", width_array(&used.widths)),
    ]);
    if !is_cff {
        let map = if used.missing.is_empty() {
            Object::Name(b"Identity".to_vec())
        } else {
            Object::Reference(lo.add_object(Stream::new(Dictionary::new(), used.cid_to_gid_map())))
        };
        cid_font.set("CIDToGIDMap", map);
    }
    Ok(lo.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(base_font)),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode_id)),
    ])))
}

/// The FontDescriptor (ISO 32000 9.8) of a face, pointing at its embedded program.
fn descriptor_dict(
    face: &Face,
    descriptor: &FaceDescriptor,
    base_font: &[u8],
    (file_key, file_id): (&str, ObjectId),
) -> Dictionary {
    let units_per_em = f32::from(face.units_per_em().max(1));
    let scale = |units: f32| (units * 1000.0 / units_per_em).round() as i64;
    let bbox = descriptor
        .bbox_units
        .map(|units| Object::Integer(scale(f32::from(units))));
    let italic_angle = descriptor.italic_angle.round() as i64;
    // ISO 32000 Table 123: nonsymbolic, italic when slanted.
    let flags = (1 << 5) | if italic_angle != 0 { 1 << 6 } else { 0 };
    // No table states the stem width: estimated from the weight, as producers do.
    let stem_v = 50 + (f32::from(descriptor.weight) / 65.0).powi(2).round() as i64;
    Dictionary::from_iter(vec![
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(base_font.to_vec())),
        ("Flags", Object::Integer(flags)),
        ("FontBBox", Object::Array(bbox.to_vec())),
        ("ItalicAngle", Object::Integer(italic_angle)),
        (
            "Ascent",
            Object::Integer(scale(f32::from(face.ascent_units()))),
        ),
        (
            "Descent",
            Object::Integer(scale(f32::from(face.descent_units()))),
        ),
        (
            "CapHeight",
            Object::Integer(scale(f32::from(descriptor.cap_height_units))),
        ),
        ("StemV", Object::Integer(stem_v)),
        (file_key, Object::Reference(file_id)),
    ])
}

/// The `CFF ` table of an OpenType font.
fn cff_table(font: &[u8]) -> Option<Vec<u8>> {
    let raw = owned_ttf_parser::RawFace::parse(font, 0).ok()?;
    raw.table(owned_ttf_parser::Tag::from_bytes(b"CFF "))
        .map(<[u8]>::to_vec)
}

/// The /W array (ISO 32000 9.7.4.3): each run of consecutive glyph ids with its widths.
fn width_array(widths: &BTreeMap<u16, i64>) -> Object {
    let mut array = Vec::new();
    let mut run: Option<(u16, u16, Vec<Object>)> = None;
    for (glyph_id, width) in widths {
        match &mut run {
            Some((_, last, run_widths)) if u32::from(*last) + 1 == u32::from(*glyph_id) => {
                *last = *glyph_id;
                run_widths.push(Object::Integer(*width));
            }
            _ => {
                if let Some((first, _, run_widths)) = run.take() {
                    array.push(Object::Integer(i64::from(first)));
                    array.push(Object::Array(run_widths));
                }
                run = Some((*glyph_id, *glyph_id, vec![Object::Integer(*width)]));
            }
        }
    }
    if let Some((first, _, run_widths)) = run {
        array.push(Object::Integer(i64::from(first)));
        array.push(Object::Array(run_widths));
    }
    Object::Array(array)
}

/// A ToUnicode CMap (ISO 32000 9.10.3) mapping each two-byte glyph code to its character.
pub(super) fn to_unicode_cmap(unicode: &BTreeMap<u16, char>) -> Vec<u8> {
    use std::fmt::Write;
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &char)> = unicode.iter().collect();
    // At most 100 entries a block (the CMap format's limit).
    for block in entries.chunks(100) {
        let _ = writeln!(cmap, "{} beginbfchar", block.len());
        for (glyph_id, ch) in block {
            let _ = write!(cmap, "<{glyph_id:04X}> <");
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                let _ = write!(cmap, "{unit:04X}");
            }
            cmap.push_str(">\n");
        }
        cmap.push_str("endbfchar\n");
    }
    cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    cmap.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(glyph_id: u16, ch: char) -> PlacedGlyph {
        PlacedGlyph {
            glyph_id,
            ch,
            x_mm: 0.0,
        }
    }

    #[test]
    fn glyphs_are_numbered_as_first_painted_and_placeholders_count_down() {
        let fonts = FontSet::bundled();
        let face = fonts.face(FaceId::SERIF);
        let zhong = face.glyph_id('中').expect("中");
        let guo = face.glyph_id('国').expect("国");
        let mut used = EmbeddedFonts::default();
        let used = used.face(FaceId::SERIF);
        assert_eq!(used.code(face, &placed(guo, '国')).code, 1);
        assert_eq!(used.code(face, &placed(zhong, '中')).code, 2);
        assert_eq!(used.code(face, &placed(guo, '国')).code, 1, "numbered once");
        let first = used.code(face, &placed(0, '𰻝'));
        let second = used.code(face, &placed(0, '𪚥'));
        assert_eq!((first.code, second.code), (0xFFFF, 0xFFFE));
        assert_eq!(used.code(face, &placed(0, '𰻝')).code, 0xFFFF);
        assert_eq!(used.unicode.get(&0xFFFE), Some(&'𪚥'));
        assert_eq!(used.unicode.get(&2), Some(&'中'));
        // The CID → GID map sends each placeholder to .notdef and keeps the rest.
        let map = used.cid_to_gid_map();
        assert_eq!(map.len(), 0x10000 * 2);
        assert_eq!(&map[2..6], &[0, 1, 0, 2]);
        assert_eq!(&map[0xFFFE * 2..], &[0, 0, 0, 0]);
    }
}
