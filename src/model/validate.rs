//! What makes a project impossible to use (refused on load) and what is only worth a
//! warning (reported by `gongkai check` and the findings list).

use super::{Block, Project, RectMm, SizeMm};

/// Sanity limits on sizes. Values outside them are refused on load and in edits.
pub mod limits {
    /// The smallest side of a board, panel or card.
    pub const MIN_SIZE_MM: f32 = 1.0;
    /// The largest board side: 100 m. (喷绘 rolls are 3.2 m wide; walls can be long.)
    pub const MAX_BOARD_SIDE_MM: f32 = 100_000.0;
    /// The largest card side: A3's long side.
    pub const MAX_CARD_SIDE_MM: f32 = 420.0;
    pub const MIN_FONT_PT: f32 = 2.0;
    pub const MAX_FONT_PT: f32 = 2000.0;
    pub const MIN_READING_DISTANCE_M: f32 = 0.2;
    pub const MAX_READING_DISTANCE_M: f32 = 100.0;
    pub const MAX_PANEL_COLUMNS: u32 = 3;
}

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    /// The file cannot be used as it is.
    Error,
}

/// One thing wrong with a project: a stable code, where (a JSON-like path) and what, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub code: &'static str,
    /// Where in the project, e.g. `boards[0].panels[2].rect_mm`.
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Warning => "警告",
            Severity::Error => "错误",
        };
        write!(
            f,
            "{level} [{}] {}：{}",
            self.code, self.location, self.message
        )
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, severity: Severity, code: &'static str, location: String, message: String) {
        self.0.push(Finding {
            severity,
            code,
            location,
            message,
        });
    }

    fn number(&mut self, location: String, what: &str, value: f32, min: f32, max: f32) {
        if !value.is_finite() || value < min || value > max {
            self.push(
                Severity::Error,
                "size-out-of-range",
                location,
                format!("{what}应在 {min} 到 {max} 之间，文件中为 {value}"),
            );
        }
    }

    fn size(&mut self, location: String, size_mm: SizeMm, max_mm: f32) {
        self.number(
            format!("{location}.width_mm"),
            "宽度（毫米）",
            size_mm.width_mm,
            limits::MIN_SIZE_MM,
            max_mm,
        );
        self.number(
            format!("{location}.height_mm"),
            "高度（毫米）",
            size_mm.height_mm,
            limits::MIN_SIZE_MM,
            max_mm,
        );
    }

    fn rect(&mut self, location: String, rect_mm: RectMm) {
        let side = limits::MAX_BOARD_SIDE_MM;
        self.size(
            location.clone(),
            SizeMm::new(rect_mm.width_mm, rect_mm.height_mm),
            side,
        );
        self.number(
            format!("{location}.x_mm"),
            "横坐标（毫米）",
            rect_mm.x_mm,
            -side,
            side,
        );
        self.number(
            format!("{location}.y_mm"),
            "纵坐标（毫米）",
            rect_mm.y_mm,
            -side,
            side,
        );
    }
}

/// Everything wrong with a project, errors first, each list in file order.
pub fn check_project(project: &Project) -> Vec<Finding> {
    let mut findings = Findings(Vec::new());
    check_sizes(project, &mut findings);
    check_references(project, &mut findings);
    check_placement(project, &mut findings);
    let mut all = findings.0;
    all.extend(super::parts::check_parts(&project.boards));
    all.sort_by_key(|finding| std::cmp::Reverse(finding.severity));
    all
}

fn check_sizes(project: &Project, findings: &mut Findings) {
    for (board_index, board) in project.boards.iter().enumerate() {
        let at = format!("boards[{board_index}]");
        findings.size(
            format!("{at}.size_mm"),
            board.size_mm,
            limits::MAX_BOARD_SIDE_MM,
        );
        findings.number(
            format!("{at}.reading_distance_m"),
            "阅读距离（米）",
            board.reading_distance_m,
            limits::MIN_READING_DISTANCE_M,
            limits::MAX_READING_DISTANCE_M,
        );
        let style = &board.style;
        for (name, size_pt) in [
            ("board_title_pt", style.board_title_pt),
            ("panel_title_pt", style.panel_title_pt),
            ("item_title_pt", style.item_title_pt),
            ("body_pt", style.body_pt),
        ] {
            findings.number(
                format!("{at}.style.{name}"),
                "字号（磅）",
                size_pt,
                limits::MIN_FONT_PT,
                limits::MAX_FONT_PT,
            );
        }
        for (panel_index, panel) in board.panels.iter().enumerate() {
            let at = format!("{at}.panels[{panel_index}]");
            findings.rect(format!("{at}.rect_mm"), panel.rect_mm);
            findings.number(
                format!("{at}.columns"),
                "栏数",
                panel.columns as f32,
                1.0,
                limits::MAX_PANEL_COLUMNS as f32,
            );
        }
    }
    for (card_index, card) in project.cards.iter().enumerate() {
        findings.size(
            format!("cards[{card_index}].size_mm"),
            card.size_mm,
            limits::MAX_CARD_SIDE_MM,
        );
    }
    for (item_index, item) in project.items.iter().enumerate() {
        for (block_index, block) in item.blocks.iter().enumerate() {
            let at = format!("items[{item_index}].blocks[{block_index}]");
            match block {
                Block::Qr { size_mm, .. } => findings.number(
                    format!("{at}.size_mm"),
                    "二维码边长（毫米）",
                    *size_mm,
                    5.0,
                    2000.0,
                ),
                Block::Image {
                    width_mm: Some(width_mm),
                    ..
                } => findings.number(
                    format!("{at}.width_mm"),
                    "图片宽度（毫米）",
                    *width_mm,
                    limits::MIN_SIZE_MM,
                    limits::MAX_BOARD_SIDE_MM,
                ),
                _ => {}
            }
        }
    }
}

fn check_references(project: &Project, findings: &mut Findings) {
    let mut seen = std::collections::HashSet::new();
    for (item_index, item) in project.items.iter().enumerate() {
        if !seen.insert(item.id.as_str()) {
            findings.push(
                Severity::Error,
                "duplicate-id",
                format!("items[{item_index}].id"),
                format!("公开事项编号 {} 重复", item.id),
            );
        }
        if let Some(entry_id) = &item.entry_id
            && project.catalog.entry(entry_id).is_none()
        {
            findings.push(
                Severity::Warning,
                "unknown-entry",
                format!("items[{item_index}].entry_id"),
                format!("“{}”指向的目录事项 {entry_id} 不存在", item.title),
            );
        }
    }
    for (board_index, board) in project.boards.iter().enumerate() {
        for (panel_index, panel) in board.panels.iter().enumerate() {
            for item_id in &panel.item_ids {
                if project.item(item_id).is_none() {
                    findings.push(
                        Severity::Warning,
                        "unknown-item",
                        format!("boards[{board_index}].panels[{panel_index}].item_ids"),
                        format!("栏目“{}”引用的公开事项 {item_id} 不存在", panel.title),
                    );
                }
            }
        }
    }
}

fn check_placement(project: &Project, findings: &mut Findings) {
    for (board_index, board) in project.boards.iter().enumerate() {
        let board_rect = RectMm::new(0.0, 0.0, board.size_mm.width_mm, board.size_mm.height_mm);
        for (panel_index, panel) in board.panels.iter().enumerate() {
            let rect = panel.rect_mm;
            let inside = rect.x_mm >= -0.01
                && rect.y_mm >= -0.01
                && rect.right_mm() <= board_rect.width_mm + 0.01
                && rect.bottom_mm() <= board_rect.height_mm + 0.01;
            if !inside {
                findings.push(
                    Severity::Warning,
                    "panel-off-board",
                    format!("boards[{board_index}].panels[{panel_index}]"),
                    format!(
                        "栏目“{}”超出公开栏“{}”的边界（{}×{} 毫米）",
                        panel.title, board.name, board.size_mm.width_mm, board.size_mm.height_mm
                    ),
                );
            }
            for other in &board.panels[panel_index + 1..] {
                if rect.overlaps(&other.rect_mm) {
                    findings.push(
                        Severity::Warning,
                        "panels-overlap",
                        format!("boards[{board_index}].panels[{panel_index}]"),
                        format!("栏目“{}”与栏目“{}”重叠", panel.title, other.title),
                    );
                }
            }
            if panel.item_ids.is_empty() {
                findings.push(
                    Severity::Warning,
                    "empty-panel",
                    format!("boards[{board_index}].panels[{panel_index}]"),
                    format!("栏目“{}”没有内容", panel.title),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Board, Panel};

    fn board_with(panels: Vec<Panel>) -> Project {
        Project {
            boards: vec![Board {
                id: "b".into(),
                name: "主栏".into(),
                size_mm: SizeMm::new(2400.0, 1200.0),
                reading_distance_m: 2.5,
                panels,
                ..Board::default()
            }],
            ..Project::default()
        }
    }

    fn panel(id: &str, rect_mm: RectMm) -> Panel {
        Panel {
            id: id.into(),
            title: id.into(),
            rect_mm,
            item_ids: vec![],
            ..Panel::default()
        }
    }

    #[test]
    fn negative_sizes_are_errors_with_a_location() {
        let project = board_with(vec![panel("p", RectMm::new(0.0, 0.0, -10.0, 100.0))]);
        let findings = check_project(&project);
        let first = &findings[0];
        assert_eq!(first.severity, Severity::Error);
        assert_eq!(first.location, "boards[0].panels[0].rect_mm.width_mm");
    }

    #[test]
    fn overlap_and_off_board_panels_are_warned() {
        let project = board_with(vec![
            panel("a", RectMm::new(0.0, 0.0, 600.0, 600.0)),
            panel("b", RectMm::new(500.0, 500.0, 600.0, 600.0)),
            panel("c", RectMm::new(2000.0, 0.0, 600.0, 600.0)),
        ]);
        let codes: Vec<_> = check_project(&project).iter().map(|f| f.code).collect();
        assert!(codes.contains(&"panels-overlap"));
        assert!(codes.contains(&"panel-off-board"));
        assert!(!codes.contains(&"size-out-of-range"));
    }
}
