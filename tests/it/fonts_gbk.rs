//! Every GBK hanzi must be in the bundled fonts: residents' names need them (GB2312 alone misses
//! 喆堃珺玥昇镕赟垚 and thousands more).

use gongkai::fonts::{FaceId, FontSet};

/// Every character GBK encodes as two bytes, decoded with encoding_rs.
fn gbk_characters() -> Vec<char> {
    let mut chars = Vec::new();
    for lead in 0x81u8..=0xFE {
        for trail in (0x40u8..=0xFE).filter(|trail| *trail != 0x7F) {
            let bytes = [lead, trail];
            let (decoded, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
            if had_errors {
                continue;
            }
            chars.extend(decoded.chars().filter(|ch| *ch != '\u{FFFD}'));
        }
    }
    chars
}

fn is_hanzi(ch: char) -> bool {
    matches!(ch, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

#[test]
fn every_bundled_face_covers_all_20923_gbk_hanzi() {
    let hanzi: Vec<char> = gbk_characters()
        .into_iter()
        .filter(|ch| is_hanzi(*ch))
        .collect();
    // WHATWG GBK (encoding_rs) also maps GB18030 additions, so it holds a few more than 20,923.
    assert!(
        hanzi.len() >= 20_923,
        "the GBK table itself: {}",
        hanzi.len()
    );
    let fonts = FontSet::bundled();
    for face_id in [
        FaceId::SANS,
        FaceId::SANS_BOLD,
        FaceId::SERIF,
        FaceId::SERIF_BOLD,
    ] {
        let face = fonts.face(face_id);
        let missing: String = hanzi.iter().filter(|ch| !face.has_char(**ch)).collect();
        assert!(
            missing.is_empty(),
            "{} bold={} lacks {missing}",
            face.family,
            face.bold
        );
    }
}

#[test]
fn ascii_latin1_and_cjk_punctuation_are_covered() {
    let fonts = FontSet::bundled();
    let latin: String = (' '..='~').chain('\u{A0}'..='\u{FF}').collect();
    let punctuation = "、，。：；！？「」『』（）《》〈〉【】——……“”‘’〇·￥％＋－";
    for face_id in [FaceId::SANS, FaceId::SERIF] {
        let face = fonts.face(face_id);
        let missing: String = latin
            .chars()
            .chain(punctuation.chars())
            .filter(|ch| !face.has_char(*ch))
            .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", face.family);
    }
}

#[test]
fn bundled_fonts_stay_under_60_mb() {
    let total: usize = FontSet::bundled()
        .faces()
        .map(|(_, face)| face.bytes().len())
        .sum();
    assert!(total < 60 * 1024 * 1024, "{total} bytes");
}
