//! Where a finding is, as a clerk names it: `boards[0].panels[2].rect_mm.width_mm` becomes
//! 公开栏“…”的栏目“…”, `items[4].blocks[1]` becomes 内容“…”的第 2 块 — titles, never paths.

use super::Project;

/// The number in `name[N]` at the start of `text`, and the rest after "]".
fn index_of<'t>(text: &'t str, name: &str) -> Option<(usize, &'t str)> {
    let rest = text.strip_prefix(name)?.strip_prefix('[')?;
    let (number, rest) = rest.split_once(']')?;
    Some((number.parse().ok()?, rest.trim_start_matches('.')))
}

fn quoted(kind: &str, title: &str, number: usize) -> String {
    if title.trim().is_empty() {
        format!("第 {} 个{kind}", number + 1)
    } else {
        format!("{kind}“{title}”")
    }
}

/// The place a finding's location names, in Chinese, by titles.
pub fn location_zh(project: &Project, location: &str) -> String {
    if let Some((board_index, rest)) = index_of(location, "boards") {
        let Some(board) = project.boards.get(board_index) else {
            return format!("第 {} 块公开栏", board_index + 1);
        };
        let board_name = quoted("公开栏", &board.name, board_index);
        if let Some((panel_index, _)) = index_of(rest, "panels") {
            let panel = board
                .panels
                .get(panel_index)
                .map(|panel| panel.title.as_str())
                .unwrap_or_default();
            return format!("{board_name}的{}", quoted("栏目", panel, panel_index));
        }
        return board_name;
    }
    if let Some((item_index, rest)) = index_of(location, "items") {
        let title = project
            .items
            .get(item_index)
            .map(|item| item.title.as_str())
            .unwrap_or_default();
        let item = quoted("内容", title, item_index);
        return match index_of(rest, "blocks") {
            Some((block_index, _)) => format!("{item}的第 {} 块", block_index + 1),
            None => item,
        };
    }
    if let Some((card_index, _)) = index_of(location, "cards") {
        let name = project
            .cards
            .get(card_index)
            .map(|card| card.name.as_str())
            .unwrap_or_default();
        return quoted("明白卡", name, card_index);
    }
    if location.starts_with("catalog") {
        return "公开目录".to_owned();
    }
    if location.starts_with("settings") {
        return "公开时效设置".to_owned();
    }
    if location.starts_with("meta") {
        return "单位信息".to_owned();
    }
    "项目".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Item, Panel};

    #[test]
    fn locations_are_named_by_titles() {
        let mut project = Project::default();
        project.boards.push(Board {
            name: "村务公开栏".into(),
            panels: vec![Panel {
                title: "财务公开".into(),
                ..Panel::default()
            }],
            ..Board::default()
        });
        project.items.push(Item {
            title: "财务收支明细".into(),
            ..Item::default()
        });
        assert_eq!(
            location_zh(&project, "boards[0].panels[0].rect_mm.width_mm"),
            "公开栏“村务公开栏”的栏目“财务公开”"
        );
        assert_eq!(
            location_zh(&project, "boards[0].margins_mm"),
            "公开栏“村务公开栏”"
        );
        assert_eq!(
            location_zh(&project, "items[0].blocks[1]"),
            "内容“财务收支明细”的第 2 块"
        );
        assert_eq!(location_zh(&project, "boards[3]"), "第 4 块公开栏");
        assert_eq!(location_zh(&project, "settings.holidays"), "公开时效设置");
    }
}
