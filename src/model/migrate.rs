//! Files of an older format version, brought to the current one as they are loaded (the file
//! itself is changed only when the clerk saves).
//!
//! Version 1 → 2: a 明白卡 was two lists of blocks flowing down each face; now each face is
//! laid out like a small board. The blocks go into a face layout that prints the same text
//! (the first paragraph, the title, in the colour band; the rest in a panel inside the safe
//! margin).

use super::{CardDesign, FORMAT_VERSION, Project};

/// Brings a project read from a file of `from_version` to [`FORMAT_VERSION`].
pub fn migrate(project: &mut Project, from_version: u32) {
    if from_version < 2 {
        project.cards = project.cards.drain(..).map(card_v1_to_v2).collect();
    }
    project.version = FORMAT_VERSION;
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
