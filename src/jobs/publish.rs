//! THE publication path of the command line and the app: an item that still holds a 【请填写】
//! (or a template's sample value) or a personal number that would print in full is held back —
//! named, not stamped — and the rest is published. No option lets it through: what the export
//! refuses to print never gets a 公开日期 (which would make it count as on time).

use crate::model::Project;
use crate::schedule::{Held, PublishDay, PublishOutcome, publish_on};
use std::collections::BTreeMap;

/// The items a publication holds back now, in project order, each with its reasons joined.
pub fn held_items(project: &Project) -> Vec<Held> {
    let mut reasons: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
    let places = crate::model::placeholder_places(project);
    for place in &places {
        if let Some(item_id) = place.item_id.as_deref() {
            let why = if place.sample_value || place.sample_text {
                "还是模板的示例内容"
            } else {
                "还有【请填写】"
            };
            reasons.entry(item_id).or_default().push(why);
        }
    }
    let personal = crate::compose::personal_data_findings(project);
    for finding in &personal {
        if let Some(item_id) = finding.item_id.as_deref() {
            reasons
                .entry(item_id)
                .or_default()
                .push("有未脱敏的个人信息");
        }
    }
    // 明白卡 that disclose a catalog entry are held back the same way (held by the card's id).
    for place in places.iter().filter(|place| place.item_id.is_none()) {
        if let Some(card_id) = place.card_id.as_deref() {
            reasons
                .entry(card_id)
                .or_default()
                .push(if place.sample_value || place.sample_text {
                    "还是模板的示例内容"
                } else {
                    "还有【请填写】"
                });
        }
    }
    for finding in personal.iter().filter(|finding| finding.item_id.is_none()) {
        if let Some(card_id) = finding.card_id.as_deref() {
            reasons
                .entry(card_id)
                .or_default()
                .push("有未脱敏的个人信息");
        }
    }
    let cards = project
        .cards
        .iter()
        .filter(|card| card.entry_id.is_some())
        .map(|card| card.id.as_str());
    project
        .items
        .iter()
        .map(|item| item.id.as_str())
        .chain(cards)
        .filter_map(|id| {
            let mut why = reasons.get(id)?.clone();
            why.dedup();
            why.sort();
            why.dedup();
            Some(Held {
                item_id: id.to_owned(),
                reason: why.join("，"),
            })
        })
        .collect()
}

/// Publishes with the 公开日期 of `day` (see `schedule::publish_on`), holding back the items of
/// [`held_items`]. Refused with a Chinese message, changing nothing, when the day is refused.
pub fn publish_project(
    project: &mut Project,
    day: &PublishDay,
    board_ids: &[String],
    confirmed: &[String],
) -> Result<PublishOutcome, String> {
    let held = held_items(project);
    publish_on(project, day, board_ids, confirmed, &held)
}
