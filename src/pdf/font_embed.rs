//! Fonts in the PDF: the glyphs each face uses, cut to a subset by `super::subset`, embedded
//! once per document with a reproducible subset tag.

use super::subset::subset_face;
use super::writer::PdfError;
use crate::compose::{Sheet, distinct_pages, page_text_runs};
use crate::fonts::{FaceId, FontSet};
use printpdf::{Codepoint, Op, ParsedFont, PdfDocument, PdfFontHandle, Pt, TextItem};
use printpdf_lopdf::Object;
use std::collections::BTreeMap;

/// The embedded faces: the printpdf handle of each used face and its glyph renumbering.
pub(super) struct EmbeddedFonts {
    pub(super) faces: BTreeMap<FaceId, EmbeddedFace>,
    /// Operations that show every embedded glyph once, with its character: printpdf embeds a
    /// font, its widths and its ToUnicode map from the glyphs its pages show, and the sheets'
    /// content is written by `paint`, so this page (dropped after, see `writer`) shows them.
    pub(super) glyph_page: Vec<Op>,
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

pub(super) fn embed_fonts(
    document: &mut PdfDocument,
    fonts: &FontSet,
    sheets: &[Sheet],
) -> Result<EmbeddedFonts, PdfError> {
    let mut faces = BTreeMap::new();
    let mut glyph_page = Vec::new();
    for (face_id, used) in used_glyphs(sheets) {
        let face = fonts.face(face_id);
        let missing: Vec<char> = used.missing.iter().copied().collect();
        let subset = subset_face(face.bytes(), face.collection_index, &used.glyphs, &missing)
            .map_err(|source| PdfError::Font {
                family: face.family.clone(),
                source,
            })?;
        let glyphs = &used.glyphs;
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(&subset.bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::FontParse(face.family.clone()))?;
        let font_id = printpdf::FontId(subset_tag(face_id, &used));
        let units_per_em = f32::from(face.units_per_em().max(1));
        let advances = glyphs
            .keys()
            .chain((!missing.is_empty()).then_some(&0))
            .map(|glyph_id| {
                let units = f32::from(face.advance_units(*glyph_id));
                (*glyph_id, (units * 1000.0 / units_per_em) as i64)
            })
            .collect();
        document
            .resources
            .fonts
            .map
            .insert(font_id.clone(), printpdf::PdfFont::new(parsed));
        let shown = used
            .glyphs
            .iter()
            .filter_map(|(glyph_id, ch)| Some((*subset.new_glyph_ids.get(glyph_id)?, *ch)))
            .chain(
                subset
                    .missing_glyph_ids
                    .iter()
                    .map(|(ch, glyph_id)| (*glyph_id, *ch)),
            )
            .map(|(glyph_id, ch)| Codepoint::with_cid(glyph_id, 0.0, ch.to_string()))
            .collect();
        glyph_page.extend([
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font_id.clone()),
                size: Pt(10.0),
            },
            Op::ShowText {
                items: vec![TextItem::GlyphIds(shown)],
            },
            Op::EndTextSection,
        ]);
        faces.insert(
            face_id,
            EmbeddedFace {
                resource_name: font_id.0,
                new_glyph_ids: subset.new_glyph_ids,
                missing_glyph_ids: subset.missing_glyph_ids,
                advances,
            },
        );
    }
    Ok(EmbeddedFonts { faces, glyph_page })
}

/// Gives each embedded font the six-letter subset tag (ISO 32000 9.6.4) on its /BaseFont,
/// its descendant's /BaseFont and its descriptor's /FontName, so readers and print shops see
/// a subset. The tag depends only on the font's name and its glyph widths (reproducible).
pub(super) fn tag_subset_fonts(lo: &mut printpdf_lopdf::Document) {
    let mut descriptors = Vec::new();
    for object in lo.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        if dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let Ok(name) = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(<[u8]>::to_vec)
        else {
            continue;
        };
        if name.get(6) == Some(&b'+') {
            continue;
        }
        let Ok(Object::Array(descendants)) = dict.get_mut(b"DescendantFonts") else {
            continue;
        };
        // printpdf writes the CIDFont inline.
        let Some(Object::Dictionary(cid_font)) = descendants.first_mut() else {
            continue;
        };
        let widths = cid_font
            .get(b"W")
            .map(|widths| format!("{widths:?}"))
            .unwrap_or_default();
        let tagged = with_subset_tag(&name, widths.as_bytes());
        cid_font.set("BaseFont", Object::Name(tagged.clone()));
        if let Ok(descriptor_id) = cid_font
            .get(b"FontDescriptor")
            .and_then(Object::as_reference)
        {
            descriptors.push((descriptor_id, tagged.clone()));
        }
        dict.set("BaseFont", Object::Name(tagged));
    }
    for (descriptor_id, tagged) in descriptors {
        if let Ok(descriptor) = lo
            .get_object_mut(descriptor_id)
            .and_then(Object::as_dict_mut)
        {
            descriptor.set("FontName", Object::Name(tagged));
        }
    }
}

/// "ABCDEF+Name": six letters from a hash of the name and `salt`.
pub(super) fn with_subset_tag(name: &[u8], salt: &[u8]) -> Vec<u8> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.iter().chain(salt) {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut tagged: Vec<u8> = (0..6)
        .map(|i| b'A' + ((hash >> (i * 8)) % 26) as u8)
        .collect();
    tagged.push(b'+');
    tagged.extend_from_slice(name);
    tagged
}
