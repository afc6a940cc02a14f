//! Fonts in the PDF: the glyphs each face uses, cut to a subset by `super::subset`, embedded
//! once per document with a reproducible subset tag. The font objects (ISO 32000 9.7: Type0,
//! CIDFontType2, descriptor, /W, ToUnicode) are written here from what the subsetter and the
//! face know, so printpdf never parses a subset it would embed as it is.

use super::subset::subset_face;
use super::writer::PdfError;
use crate::compose::{Sheet, distinct_pages, page_text_runs};
use crate::fonts::{FaceDescriptor, FaceId, FontSet};
use printpdf_lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::collections::BTreeMap;

/// The embedded faces: the resource name of each used face and its glyph renumbering.
pub(super) struct EmbeddedFonts {
    pub(super) faces: BTreeMap<FaceId, EmbeddedFace>,
    /// Each face's font objects, added to the document by [`add_fonts`].
    programs: Vec<FontProgram>,
}

pub(super) struct EmbeddedFace {
    /// The font's name in the pages' /Font resources.
    pub(super) resource_name: String,
    pub(super) new_glyph_ids: BTreeMap<u16, u16>,
    /// The glyph of each character no face has (a copy of `.notdef` each, see `subset_face`).
    pub(super) missing_glyph_ids: BTreeMap<char, u16>,
    /// Each original glyph's advance in thousandths of an em, as in the PDF's /W array.
    pub(super) advances: BTreeMap<u16, i64>,
}

/// What one embedded face's font objects say.
struct FontProgram {
    resource_name: String,
    /// "ABCDEF+PostScriptName".
    base_font: Vec<u8>,
    /// The subset TrueType font.
    bytes: Vec<u8>,
    /// Each subset glyph's width in thousandths of an em, by new glyph id.
    widths: BTreeMap<u16, i64>,
    /// The character each subset glyph shows.
    unicode: BTreeMap<u16, char>,
    descriptor: FaceDescriptor,
    units_per_em: u16,
    ascent_units: i16,
    descent_units: i16,
}

/// The glyphs one face draws: each glyph with the character it shows, and the characters
/// drawn as a placeholder (glyph 0, `.notdef`: no face has them), each once, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct UsedGlyphs {
    pub(super) glyphs: BTreeMap<u16, char>,
    pub(super) missing: std::collections::BTreeSet<char>,
}

/// Every glyph used per face, with the character it shows.
pub(super) fn used_glyphs(sheets: &[Sheet]) -> BTreeMap<FaceId, UsedGlyphs> {
    let mut used: BTreeMap<FaceId, UsedGlyphs> = BTreeMap::new();
    let pages = distinct_pages(sheets);
    for run in pages.iter().flat_map(|page| page_text_runs(page)) {
        let face = used.entry(run.face).or_default();
        for glyph in &run.glyphs {
            if glyph.glyph_id == 0 {
                face.missing.insert(glyph.ch);
            } else {
                face.glyphs.entry(glyph.glyph_id).or_insert(glyph.ch);
            }
        }
    }
    used
}

/// A six-letter subset tag (ISO 32000 9.6.4) that depends only on the face and its glyphs, so
/// output is reproducible.
pub(super) fn subset_tag(face_id: FaceId, used: &UsedGlyphs) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(face_id.0);
    let values = used
        .glyphs
        .keys()
        .map(|glyph_id| u64::from(*glyph_id))
        .chain(used.missing.iter().map(|ch| 0x1_0000_0000 | u64::from(*ch)));
    for value in values {
        hash = (hash ^ value).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 8)) % 26) as u8))
        .collect()
}

pub(super) fn embed_fonts(fonts: &FontSet, sheets: &[Sheet]) -> Result<EmbeddedFonts, PdfError> {
    let mut faces = BTreeMap::new();
    let mut programs = Vec::new();
    for (face_id, used) in used_glyphs(sheets) {
        let face = fonts.face(face_id);
        let missing: Vec<char> = used.missing.iter().copied().collect();
        let subset = subset_face(face.bytes(), face.collection_index, &used.glyphs, &missing)
            .map_err(|source| PdfError::Font {
                family: face.family.clone(),
                source,
            })?;
        let tag = subset_tag(face_id, &used);
        let units_per_em = f32::from(face.units_per_em().max(1));
        let advances: BTreeMap<u16, i64> = used
            .glyphs
            .keys()
            .chain((!missing.is_empty()).then_some(&0))
            .map(|glyph_id| {
                let units = f32::from(face.advance_units(*glyph_id));
                (*glyph_id, (units * 1000.0 / units_per_em) as i64)
            })
            .collect();
        let mut widths = BTreeMap::new();
        let mut unicode = BTreeMap::new();
        for (glyph_id, ch) in &used.glyphs {
            if let Some(new_id) = subset.new_glyph_ids.get(glyph_id) {
                widths.insert(*new_id, advances.get(glyph_id).copied().unwrap_or(0));
                unicode.insert(*new_id, *ch);
            }
        }
        for (ch, new_id) in &subset.missing_glyph_ids {
            widths.insert(*new_id, advances.get(&0).copied().unwrap_or(0));
            unicode.insert(*new_id, *ch);
        }
        let descriptor = face.descriptor_units();
        let mut base_font = format!("{tag}+").into_bytes();
        base_font.extend(
            descriptor
                .postscript_name
                .bytes()
                .filter(|byte| byte.is_ascii_graphic() && !b"()<>[]{}/%#".contains(byte)),
        );
        programs.push(FontProgram {
            resource_name: tag.clone(),
            base_font,
            bytes: subset.bytes,
            widths,
            unicode,
            descriptor,
            units_per_em: face.units_per_em().max(1),
            ascent_units: face.ascent_units(),
            descent_units: face.descent_units(),
        });
        faces.insert(
            face_id,
            EmbeddedFace {
                resource_name: tag,
                new_glyph_ids: subset.new_glyph_ids,
                missing_glyph_ids: subset.missing_glyph_ids,
                advances,
            },
        );
    }
    Ok(EmbeddedFonts { faces, programs })
}

/// Adds each embedded face's font objects to the document and names them in `font_dict_id`,
/// the /Font resources every page shares.
pub(super) fn add_fonts(
    lo: &mut printpdf_lopdf::Document,
    fonts: EmbeddedFonts,
    font_dict_id: ObjectId,
) {
    let mut names = Vec::new();
    for program in fonts.programs {
        let scale = |units: f32| (units * 1000.0 / f32::from(program.units_per_em)).round() as i64;
        let descriptor = &program.descriptor;
        let bbox = descriptor
            .bbox_units
            .map(|units| Object::Integer(scale(f32::from(units))));
        let italic_angle = descriptor.italic_angle.round() as i64;
        // ISO 32000 Table 123: nonsymbolic, italic when slanted.
        let flags = (1 << 5) | if italic_angle != 0 { 1 << 6 } else { 0 };
        // No table states the stem width: estimated from the weight, as producers do.
        let stem_v = 50 + (f32::from(descriptor.weight) / 65.0).powi(2).round() as i64;
        let mut file_dict = Dictionary::new();
        file_dict.set("Length1", Object::Integer(program.bytes.len() as i64));
        let file_id = lo.add_object(Stream::new(file_dict, program.bytes));
        let descriptor_id = lo.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"FontDescriptor".to_vec())),
            ("FontName", Object::Name(program.base_font.clone())),
            ("Flags", Object::Integer(flags)),
            ("FontBBox", Object::Array(bbox.to_vec())),
            ("ItalicAngle", Object::Integer(italic_angle)),
            (
                "Ascent",
                Object::Integer(scale(f32::from(program.ascent_units))),
            ),
            (
                "Descent",
                Object::Integer(scale(f32::from(program.descent_units))),
            ),
            (
                "CapHeight",
                Object::Integer(scale(f32::from(descriptor.cap_height_units))),
            ),
            ("StemV", Object::Integer(stem_v)),
            ("FontFile2", Object::Reference(file_id)),
        ]));
        let to_unicode_id = lo.add_object(Stream::new(
            Dictionary::new(),
            to_unicode_cmap(&program.unicode),
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
        let cid_font = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
            ("BaseFont", Object::Name(program.base_font.clone())),
            ("CIDSystemInfo", Object::Dictionary(system_info)),
            ("FontDescriptor", Object::Reference(descriptor_id)),
            ("DW", Object::Integer(1000)),
            ("W", width_array(&program.widths)),
            ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
        ]);
        let font_id = lo.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Font".to_vec())),
            ("Subtype", Object::Name(b"Type0".to_vec())),
            ("BaseFont", Object::Name(program.base_font)),
            ("Encoding", Object::Name(b"Identity-H".to_vec())),
            (
                "DescendantFonts",
                Object::Array(vec![Object::Dictionary(cid_font)]),
            ),
            ("ToUnicode", Object::Reference(to_unicode_id)),
        ]));
        names.push((program.resource_name, font_id));
    }
    if let Ok(Object::Dictionary(font_dict)) = lo.get_object_mut(font_dict_id) {
        for (name, id) in names {
            font_dict.set(name, Object::Reference(id));
        }
    }
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
