//! Content fingerprints: what an item said when it was published, so that a later change is
//! found by comparing content, not dates (an edit made on the day of publishing is a change
//! too).

use super::{Item, Stage};

/// 64-bit FNV-1a: stable across builds and platforms (unlike `std`'s hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

impl Item {
    /// The fingerprint of what the item prints, as 16 hex digits: title and blocks, and the
    /// stage with the dates its lines print (阶段, 决议日期, 征求意见期, 公示期), so that moving
    /// a 预公开 on to 决议 needs a publication too. The dates a publication stamps (公开日期,
    /// 预公开日期, 实施结果日期) are not part of it.
    pub fn content_fingerprint(&self) -> String {
        let disclosure = &self.disclosure;
        let printed_stage = (
            disclosure.stage,
            disclosure.decided_on,
            disclosure.comment_days,
            disclosure.notice_until,
        );
        if printed_stage == (Stage::Formal, None, None, None) {
            return self.legacy_content_fingerprint();
        }
        let content =
            serde_json::to_string(&(&self.title, &self.blocks, printed_stage)).unwrap_or_default();
        format!("{:016x}", fnv1a(content.as_bytes()))
    }

    /// The fingerprint of format 2 files: title and blocks only.
    pub(super) fn legacy_content_fingerprint(&self) -> String {
        let content = serde_json::to_string(&(&self.title, &self.blocks)).unwrap_or_default();
        format!("{:016x}", fnv1a(content.as_bytes()))
    }

    /// Whether the content differs from what was last published: by the fingerprint saved at
    /// publication; for items published before fingerprints existed, by the dates.
    pub fn changed_since_publication(&self) -> bool {
        let disclosure = &self.disclosure;
        if disclosure.published_on.is_none() {
            return false;
        }
        match &disclosure.published_fingerprint {
            Some(fingerprint) => *fingerprint != self.content_fingerprint(),
            None => match (disclosure.changed_on, disclosure.published_on) {
                (Some(changed_on), Some(published_on)) => changed_on > published_on,
                _ => false,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;
    use chrono::NaiveDate;

    #[test]
    fn a_same_day_edit_is_a_change() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1);
        let mut item = Item {
            title: "财务收支".into(),
            blocks: vec![Block::paragraph("一月")],
            ..Item::default()
        };
        item.disclosure.published_on = day;
        item.disclosure.published_fingerprint = Some(item.content_fingerprint());
        assert!(!item.changed_since_publication());
        item.blocks = vec![Block::paragraph("一月、二月")];
        item.disclosure.changed_on = day;
        assert!(item.changed_since_publication(), "same day, other content");
        item.blocks = vec![Block::paragraph("一月")];
        assert!(!item.changed_since_publication(), "edited back: unchanged");
        assert_eq!(item.content_fingerprint().len(), 16);
    }
}
