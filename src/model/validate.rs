//! What makes a project impossible to use (refused on load) and what is only worth a
//! warning (reported by `gongkai check` and the findings list).

use super::{Block, Board, CardStyle, Panel, Project, RectMm, SizeMm, TextStyle};
use crate::text::quoted;

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
    /// Line height as a multiple of the text size (the inspector offers 1.0–3.0).
    pub const MIN_LINE_HEIGHT: f32 = 0.8;
    pub const MAX_LINE_HEIGHT: f32 = 4.0;
    /// Space after a block, in ems (the inspector offers 0–3).
    pub const MAX_PARAGRAPH_SPACING_EM: f32 = 10.0;
    /// 首行缩进 in characters (the inspector offers 0 and 2).
    pub const MAX_FIRST_LINE_INDENT_CHARS: f32 = 10.0;
    /// A QR code's side.
    pub const MIN_QR_SIDE_MM: f32 = 5.0;
    pub const MAX_QR_SIDE_MM: f32 = 2000.0;
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

/// A number as a message shows it: huge ones in exponent form (1.8e19, not twenty digits).
fn shown_number(value: f32) -> String {
    if value.is_finite() && value.abs() >= 1e9 {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

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
                format!(
                    "{what}应在 {min} 到 {max} 之间，文件中为 {}",
                    shown_number(value)
                ),
            );
        }
    }

    /// The type sizes, line height and spacing of a board's or panel's style.
    fn text_style(&mut self, at: &str, style: &TextStyle) {
        for (name, size_pt) in [
            ("board_title_pt", style.board_title_pt),
            ("panel_title_pt", style.panel_title_pt),
            ("item_title_pt", style.item_title_pt),
            ("body_pt", style.body_pt),
        ] {
            self.font_size(format!("{at}.{name}"), size_pt);
        }
        self.line_height(format!("{at}.line_height"), style.line_height);
        self.number(
            format!("{at}.paragraph_spacing_em"),
            "段后空（字）",
            style.paragraph_spacing_em,
            0.0,
            limits::MAX_PARAGRAPH_SPACING_EM,
        );
        self.number(
            format!("{at}.first_line_indent_chars"),
            "首行缩进（字）",
            style.first_line_indent_chars,
            0.0,
            limits::MAX_FIRST_LINE_INDENT_CHARS,
        );
    }

    /// The type sizes, line height and safe margin of a 明白卡.
    fn card_style(&mut self, at: &str, style: &CardStyle) {
        self.font_size(format!("{at}.title_pt"), style.title_pt);
        self.font_size(format!("{at}.body_pt"), style.body_pt);
        self.line_height(format!("{at}.line_height"), style.line_height);
        self.number(
            format!("{at}.safe_margin_mm"),
            "安全边距（毫米）",
            style.safe_margin_mm,
            0.0,
            limits::MAX_CARD_SIDE_MM / 2.0,
        );
    }

    fn font_size(&mut self, location: String, size_pt: f32) {
        self.number(
            location,
            "字号（磅）",
            size_pt,
            limits::MIN_FONT_PT,
            limits::MAX_FONT_PT,
        );
    }

    fn line_height(&mut self, location: String, line_height: f32) {
        self.number(
            location,
            "行距（倍）",
            line_height,
            limits::MIN_LINE_HEIGHT,
            limits::MAX_LINE_HEIGHT,
        );
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
        check_surface(board, &at, Surface::Board, findings);
    }
    for (card_index, card) in project.cards.iter().enumerate() {
        findings.size(
            format!("cards[{card_index}].size_mm"),
            card.size_mm,
            limits::MAX_CARD_SIDE_MM,
        );
        findings.card_style(&format!("cards[{card_index}].style"), &card.style);
        for (side, face) in [("front", &card.faces.front), ("back", &card.faces.back)] {
            // A face without panels (an empty back) is not printed and need not be valid.
            if !face.panels.is_empty() {
                let at = format!("cards[{card_index}].faces.{side}");
                check_surface(face, &at, Surface::CardFace, findings);
            }
        }
    }
    for (item_index, item) in project.items.iter().enumerate() {
        check_blocks(&item.blocks, &format!("items[{item_index}]"), findings);
    }
}

/// What a surface is: a board, or a card's face (smaller; no header, footer or margins).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Surface {
    Board,
    CardFace,
}

/// A board or a card face: its size, reading distance, bands (boards only), style and panels.
fn check_surface(board: &Board, at: &str, surface: Surface, findings: &mut Findings) {
    let max_side_mm = match surface {
        Surface::Board => limits::MAX_BOARD_SIDE_MM,
        Surface::CardFace => limits::MAX_CARD_SIDE_MM,
    };
    findings.size(format!("{at}.size_mm"), board.size_mm, max_side_mm);
    findings.number(
        format!("{at}.reading_distance_m"),
        "阅读距离（米）",
        board.reading_distance_m,
        limits::MIN_READING_DISTANCE_M,
        limits::MAX_READING_DISTANCE_M,
    );
    if surface == Surface::Board {
        check_bands(board, at, findings);
    }
    findings.text_style(&format!("{at}.style"), &board.style);
    for (panel_index, panel) in board.panels.iter().enumerate() {
        let at = format!("{at}.panels[{panel_index}]");
        findings.rect(format!("{at}.rect_mm"), panel.rect_mm);
        if let Some(style) = &panel.style {
            findings.text_style(&format!("{at}.style"), style);
        }
        findings.number(
            format!("{at}.columns"),
            "栏数",
            panel.columns as f32,
            1.0,
            limits::MAX_PANEL_COLUMNS as f32,
        );
        check_blocks(&panel.blocks, &at, findings);
    }
}

/// The sizes of QR codes and pictures in a list of blocks.
fn check_blocks(blocks: &[Block], at: &str, findings: &mut Findings) {
    for (block_index, block) in blocks.iter().enumerate() {
        let at = format!("{at}.blocks[{block_index}]");
        match block {
            Block::Qr { size_mm, .. } => findings.number(
                format!("{at}.size_mm"),
                "二维码边长（毫米）",
                *size_mm,
                limits::MIN_QR_SIDE_MM,
                limits::MAX_QR_SIDE_MM,
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

/// The margins and the header and footer bands of a board: each between 0 and the largest
/// board side (an error otherwise); together they must leave the board's panels room (a
/// warning otherwise: the footer would be printed off the board).
fn check_bands(board: &Board, at: &str, findings: &mut Findings) {
    let side = limits::MAX_BOARD_SIDE_MM;
    let margins = board.margins_mm;
    for (name, what, value_mm) in [
        ("margins_mm.top_mm", "上边距（毫米）", margins.top_mm),
        ("margins_mm.right_mm", "右边距（毫米）", margins.right_mm),
        ("margins_mm.bottom_mm", "下边距（毫米）", margins.bottom_mm),
        ("margins_mm.left_mm", "左边距（毫米）", margins.left_mm),
        (
            "header.height_mm",
            "栏头高度（毫米）",
            board.header.height_mm,
        ),
        (
            "footer.height_mm",
            "页脚高度（毫米）",
            board.footer.height_mm,
        ),
    ] {
        findings.number(format!("{at}.{name}"), what, value_mm, 0.0, side);
    }
    let size_mm = board.size_mm;
    let used_width_mm = margins.left_mm + margins.right_mm;
    let used_height_mm =
        margins.top_mm + board.header.height_mm + board.footer.height_mm + margins.bottom_mm;
    if used_width_mm >= size_mm.width_mm || used_height_mm > size_mm.height_mm {
        findings.push(
            Severity::Warning,
            "bands-off-board",
            format!("{at}.margins_mm"),
            format!(
                "公开栏“{}”的边距和栏头、页脚（左右共 {} 毫米，上下共 {} 毫米）超出了板面（{}×{} 毫米），页脚或栏头会印到板外",
                quoted(&board.name),
                used_width_mm,
                used_height_mm,
                size_mm.width_mm,
                size_mm.height_mm
            ),
        );
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
                format!("公开事项编号 {} 重复", quoted(&item.id)),
            );
        }
        if let Some(entry_id) = &item.entry_id
            && project.catalog.entry(entry_id).is_none()
        {
            findings.push(
                Severity::Warning,
                "unknown-entry",
                format!("items[{item_index}].entry_id"),
                format!(
                    "“{}”指向的目录事项 {} 不存在",
                    quoted(&item.title),
                    quoted(entry_id)
                ),
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
                        format!(
                            "栏目“{}”引用的公开事项 {} 不存在",
                            quoted(&panel.title),
                            quoted(item_id)
                        ),
                    );
                }
            }
        }
    }
}

/// The pairs of panels (indices, the first lower) whose rectangles overlap, so that one
/// covers part of the other: the rule for boards and card faces alike. Panels that only touch,
/// or overlap by less than [`OVERLAP_TOLERANCE_MM`] (rounding after a resize), do not count.
pub fn overlapping_panels(panels: &[Panel]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (index, panel) in panels.iter().enumerate() {
        for (other_index, other) in panels.iter().enumerate().skip(index + 1) {
            let (a, b) = (panel.rect_mm, other.rect_mm);
            let across_mm = a.right_mm().min(b.right_mm()) - a.x_mm.max(b.x_mm);
            let down_mm = a.bottom_mm().min(b.bottom_mm()) - a.y_mm.max(b.y_mm);
            if across_mm > OVERLAP_TOLERANCE_MM && down_mm > OVERLAP_TOLERANCE_MM {
                pairs.push((index, other_index));
            }
        }
    }
    pairs
}

/// How far two panels may overlap and still count as side by side.
pub const OVERLAP_TOLERANCE_MM: f32 = 0.01;

/// How a panel is named in messages: its title, or its place when it has none.
pub fn panel_name_zh(panels: &[Panel], index: usize) -> String {
    match panels.get(index) {
        Some(panel) if !panel.title.trim().is_empty() => format!("栏目“{}”", quoted(&panel.title)),
        _ => format!("第 {} 个栏目（无标题）", index + 1),
    }
}

fn check_placement(project: &Project, findings: &mut Findings) {
    for (board_index, board) in project.boards.iter().enumerate() {
        let overlaps = overlapping_panels(&board.panels);
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
                        "{}超出公开栏“{}”的边界（{}×{} 毫米）",
                        panel_name_zh(&board.panels, panel_index),
                        quoted(&board.name),
                        board.size_mm.width_mm,
                        board.size_mm.height_mm
                    ),
                );
            }
            for (_, other_index) in overlaps.iter().filter(|(first, _)| *first == panel_index) {
                findings.push(
                    Severity::Warning,
                    "panels-overlap",
                    format!("boards[{board_index}].panels[{panel_index}]"),
                    format!(
                        "{}与{}重叠",
                        panel_name_zh(&board.panels, panel_index),
                        panel_name_zh(&board.panels, *other_index)
                    ),
                );
            }
            if panel.item_ids.is_empty() {
                findings.push(
                    Severity::Warning,
                    "empty-panel",
                    format!("boards[{board_index}].panels[{panel_index}]"),
                    format!("{}没有内容", panel_name_zh(&board.panels, panel_index)),
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
    fn card_faces_are_checked_like_boards() {
        let mut project = Project::default();
        let mut card = crate::model::CardDesign::from_blocks(
            "card-1",
            "卡",
            SizeMm::new(90.0, 54.0),
            CardStyle::default(),
            vec![Block::paragraph("标题"), Block::paragraph("正文")],
            Vec::new(),
        );
        project.cards.push(card.clone());
        assert!(
            check_project(&project).is_empty(),
            "{:?}",
            check_project(&project)
        );
        card.faces.front.panels[1].rect_mm.width_mm = f32::NAN;
        project.cards[0] = card;
        let findings = check_project(&project);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(
            findings[0].location,
            "cards[0].faces.front.panels[1].rect_mm.width_mm"
        );
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
    fn margins_bands_and_styles_are_range_checked() {
        let mut project = board_with(vec![]);
        let board = &mut project.boards[0];
        board.margins_mm.bottom_mm = -50.0;
        board.footer.height_mm = f32::NAN;
        board.style.line_height = 40.0;
        let locations: Vec<String> = check_project(&project)
            .into_iter()
            .filter(|finding| finding.severity == Severity::Error)
            .map(|finding| finding.location)
            .collect();
        assert_eq!(
            locations,
            vec![
                "boards[0].margins_mm.bottom_mm",
                "boards[0].footer.height_mm",
                "boards[0].style.line_height"
            ]
        );
    }

    #[test]
    fn bands_that_leave_no_room_are_warned() {
        let mut project = board_with(vec![]);
        project.boards[0].margins_mm.bottom_mm = 1100.0;
        let findings = check_project(&project);
        assert!(
            findings
                .iter()
                .all(|finding| finding.severity == Severity::Warning)
        );
        assert!(
            findings
                .iter()
                .any(|finding| finding.code == "bands-off-board")
        );
        assert!(
            findings
                .iter()
                .find(|finding| finding.code == "bands-off-board")
                .is_some_and(|finding| finding.message.contains("印到板外"))
        );
    }

    #[test]
    fn a_huge_value_is_shown_in_exponent_form() {
        assert_eq!(shown_number(1.8e19), "1.8e19");
        assert_eq!(shown_number(-50.0), "-50");
    }

    #[test]
    fn panels_overlap_when_one_covers_part_of_another_not_when_they_touch() {
        let panels = vec![
            panel("a", RectMm::new(0.0, 0.0, 50.0, 20.0)),
            // Touches a's right edge; overlaps it by rounding only.
            panel("b", RectMm::new(49.999, 0.0, 40.0, 20.0)),
            // Under a and b.
            panel("c", RectMm::new(0.0, 20.0, 90.0, 30.0)),
            // Inside c.
            panel("d", RectMm::new(10.0, 30.0, 10.0, 10.0)),
            // Across a's lower right corner and b.
            panel("e", RectMm::new(45.0, 15.0, 10.0, 2.0)),
        ];
        assert_eq!(overlapping_panels(&panels), [(0, 4), (1, 4), (2, 3)]);
        assert_eq!(panel_name_zh(&panels, 0), "栏目“a”");
        let untitled = [Panel::default()];
        assert_eq!(panel_name_zh(&untitled, 0), "第 1 个栏目（无标题）");
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
        // An untitled panel is named by its place, not as 栏目“”.
        let untitled = board_with(vec![
            panel("a", RectMm::new(0.0, 0.0, 600.0, 600.0)),
            panel("", RectMm::new(500.0, 500.0, 600.0, 600.0)),
        ]);
        let messages: Vec<String> = check_project(&untitled)
            .into_iter()
            .filter(|finding| finding.code == "panels-overlap")
            .map(|finding| finding.message)
            .collect();
        assert_eq!(messages, ["栏目“a”与第 2 个栏目（无标题）重叠"]);
    }
}
