//! Files of an older format version, brought to the current one as they are loaded (the file
//! itself is changed only when the clerk saves).
//!
//! Version 1 → 2: a 明白卡 was two lists of blocks flowing down each face; now each face is
//! laid out like a small board. The blocks go into a face layout that prints the same text
//! (the first paragraph, the title, in the colour band; the rest in a panel inside the safe
//! margin).
//!
//! Version 2 → 3: a project made from a template recorded every item as published on the day
//! it was made, though nothing had been put up. The day the project was made is taken as the
//! earliest 公开日期 of its items (files before version 3 do not record it); an item whose
//! 公开日期 is that day and that no 发布 entry of the 台账 names becomes 未公开 (no date, no
//! fingerprint), so the first real publication stamps it. What changed goes to
//! `Project::load_notes`, for the clerk to be told. A file whose holiday lists are both empty
//! gets the shipped holidays and 调休 working days.

use super::{CardDesign, FORMAT_VERSION, LogKind, Project};
use chrono::NaiveDate;

/// Brings a project read from a file of `from_version` to [`FORMAT_VERSION`].
pub fn migrate(project: &mut Project, from_version: u32) {
    if from_version < 2 {
        project.cards = project.cards.drain(..).map(card_v1_to_v2).collect();
    }
    if from_version < 3 {
        // The fingerprint now covers the printed stage: an item saved unchanged keeps counting
        // as unchanged.
        for item in &mut project.items {
            if item.disclosure.published_fingerprint.as_deref()
                == Some(item.legacy_content_fingerprint().as_str())
            {
                item.disclosure.published_fingerprint = Some(item.content_fingerprint());
            }
        }
        repair_creation_day_dates(project);
        if project.settings.holidays.is_empty() && project.settings.makeup_workdays.is_empty() {
            project.settings.holidays = super::shipped_holidays();
            project.settings.makeup_workdays = super::shipped_makeup_workdays();
            project.load_notes.push(format!(
                "已加入法定节假日和调休上班日：{}",
                super::SHIPPED_NOTE_ZH
            ));
        }
    }
    project.version = FORMAT_VERSION;
}

/// The day a project was made: recorded since format 3, else the earliest 公开日期 of its items.
fn creation_day(project: &Project) -> Option<NaiveDate> {
    project.created_on.or_else(|| {
        project
            .items
            .iter()
            .filter_map(|item| item.disclosure.published_on)
            .min()
    })
}

/// Items dated the creation day that no 发布 entry of the 台账 names become 未公开.
fn repair_creation_day_dates(project: &mut Project) {
    let Some(created_on) = creation_day(project) else {
        return;
    };
    let logged: std::collections::HashSet<String> = project
        .log
        .iter()
        .filter(|entry| entry.kind == LogKind::Published)
        .flat_map(|entry| entry.item_ids.iter().cloned())
        .collect();
    let mut repaired = Vec::new();
    for item in &mut project.items {
        let disclosure = &mut item.disclosure;
        if disclosure.published_on == Some(created_on) && !logged.contains(&item.id) {
            disclosure.published_on = None;
            disclosure.published_fingerprint = None;
            repaired.push(item.title.clone());
        }
    }
    if project.created_on.is_none() {
        project.created_on = Some(created_on);
    }
    if repaired.is_empty() {
        return;
    }
    const SHOWN: usize = 8;
    const TITLE_CHARS: usize = 24;
    let mut titles = repaired
        .iter()
        .take(SHOWN)
        .map(|title| {
            let mut short: String = title.chars().take(TITLE_CHARS).collect();
            if title.chars().count() > TITLE_CHARS {
                short.push('…');
            }
            short
        })
        .collect::<Vec<_>>()
        .join("、");
    if repaired.len() > SHOWN {
        titles.push('等');
    }
    project.load_notes.push(format!(
        "{}项记为{}公开（建立项目的日子），但公开台账里没有它们的发布记录，已改为“未公开”：{titles}。请在张贴后“发布”，公开日期以发布之日为准。保存后生效。",
        repaired.len(),
        created_on.format("%Y年%-m月%-d日"),
    ));
}

fn card_v1_to_v2(card: CardDesign) -> CardDesign {
    let migrated = CardDesign::from_blocks(
        &card.id,
        &card.name,
        card.size_mm,
        card.style.clone(),
        card.legacy_front.clone(),
        card.legacy_back.clone(),
    );
    CardDesign {
        legacy_front: Vec::new(),
        legacy_back: Vec::new(),
        faces: migrated.faces,
        ..card
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_project;

    #[test]
    fn creation_day_dates_without_a_publication_are_repaired() {
        let text = r#"{"format":"gongkai-project","version":2,
            "settings":{"holidays":[],"makeup_workdays":[]},
            "items":[
              {"id":"a","title":"单位简介","disclosure":{"published_on":"2026-02-20"}},
              {"id":"b","title":"财务收支","disclosure":{"published_on":"2026-02-20"}},
              {"id":"c","title":"领导分工","disclosure":{"published_on":"2026-03-01"}}],
            "log":[{"date":"2026-03-01","kind":"published","summary":"发布",
                    "item_ids":["b","c"],"board_ids":[]}]}"#;
        let project = parse_project(text).expect("loads");
        let date = |id: &str| {
            project
                .item(id)
                .and_then(|item| item.disclosure.published_on)
        };
        assert_eq!(date("a"), None, "dated the creation day, never published");
        assert!(date("b").is_some(), "named by a 发布 entry: kept");
        assert!(date("c").is_some());
        assert_eq!(
            project.created_on,
            chrono::NaiveDate::from_ymd_opt(2026, 2, 20)
        );
        assert!(project.load_notes[0].starts_with("1项记为2026年2月20日公开"));
        assert!(!project.settings.holidays.is_empty());
        // A current file is left as it is.
        let current = text.replace("\"version\":2", "\"version\":3");
        let project = parse_project(&current).expect("loads");
        assert!(
            project
                .item("a")
                .and_then(|item| item.disclosure.published_on)
                .is_some()
        );
        assert!(project.load_notes.is_empty());
    }

    #[test]
    fn a_version_1_card_becomes_a_face_layout_with_the_same_blocks() {
        let text = r#"{"format":"gongkai-project","version":1,"cards":[{"id":"card-1",
            "name":"联系卡","size_mm":{"width_mm":90,"height_mm":54},
            "front":[{"type":"paragraph","text":"便民服务联系卡"},
                     {"type":"key_value","pairs":[{"key":"姓名","value":"{姓名}"}]}],
            "back":[{"type":"paragraph","text":"青禾镇"}],
            "fields":["姓名"],"records":[{"姓名":"周建华"}]}]}"#;
        let project = parse_project(text).expect("loads");
        assert_eq!(project.version, FORMAT_VERSION);
        let card = &project.cards[0];
        assert!(card.legacy_front.is_empty() && card.legacy_back.is_empty());
        let front = &card.faces.front;
        assert_eq!(front.panels[0].title, "便民服务联系卡");
        assert_eq!(front.panels[1].blocks.len(), 1);
        assert_eq!(card.faces.back.panels[0].title, "青禾镇");
        assert_eq!(card.records.len(), 1);
        let saved = serde_json::to_string(&project).expect("json");
        assert!(
            !saved.contains("\"front\":["),
            "the old lists are not written"
        );
        let again = parse_project(&saved).expect("reloads");
        assert_eq!(again, project);
    }
}
