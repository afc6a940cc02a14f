//! The one findings list of a project: what `gongkai check` prints (and its exit code), what
//! the app's 检查结果 shows, what the county summary counts. Everything is found here, once,
//! each finding with where it is (`Place`, which the app maps to a selection) and, for a
//! personal number, its one-click fix.

use crate::compose::{BoardProblemKind, board_layout_problems, personal_data_findings};
use crate::layout::LayoutEngine;
use crate::model::{Edit, PlaceholderPlace, Project, Severity, SourceTarget};
use crate::schedule::{ItemSchedule, Status, project_schedule};
use crate::text::quoted;
use chrono::NaiveDate;
use std::path::Path;

/// Where a finding is, in the clerk's terms.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// The project as a whole (a font, the file, the 台账).
    Project,
    /// 单位信息.
    Unit,
    /// On a board: the board, or a panel of it, or an item in that panel.
    Board {
        board_id: String,
        panel_id: Option<String>,
        item_id: Option<String>,
    },
    /// A 公开事项 (shown on whichever board has it, or in the registers only).
    Item { item_id: String },
    /// A 明白卡 design, or one household's card of it (its position among the records shown).
    Card {
        card_id: String,
        household: Option<usize>,
    },
    /// An item's line on the 公开时效 page.
    Schedule { item_id: String },
    /// A linked spreadsheet (导入的源文件) of an item's table or a card's 名单.
    Source { target: SourceTarget },
}

/// What kind of finding it is: for counting (the county's columns) and for tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// The project file itself is inconsistent (`model::check_project`).
    Model,
    Overflow,
    MissingGlyph,
    /// Text under a frame bar of a board with parts.
    BarCrossing,
    /// A board that could not be laid out.
    NotLaidOut,
    /// A 明白卡 design problem that is not overflow or a missing character: an unknown
    /// `{字段}`, the template's invented households, overlapping panels.
    CardDesign,
    /// 【请填写】, an empty detail of the unit, a template's sample text or value.
    Placeholder,
    /// A picture that cannot be used.
    Picture,
    /// A personal number that would print in full.
    PersonalNumber,
    /// An installed font that could not be loaded.
    Font,
    /// A token cut by force across lines.
    ForcedCut,
    /// A publication whose archive folder is incomplete.
    Archive,
    /// A linked spreadsheet changed since the import, or gone.
    Source,
    /// An item whose schedule needs action (待发布, 逾期, 内容过期, 公示期满).
    Schedule(Status),
}

/// A personal number's fix: 脱敏 (the edit that masks it) and, where it may print, 允许公开.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberFix {
    /// 脱敏: the edit that masks this occurrence (a text), or sets the table column's or card
    /// field's kind so that every output masks it.
    pub mask: Option<Edit>,
    /// 允许公开: the number's digits, when a reason may let it print (never an ID in a title, a
    /// name or the unit's details).
    pub allow_digits: Option<String>,
    /// The table column it is in (item, block, column), for 允许公开 of a whole column.
    pub column: Option<(String, usize, usize)>,
}

/// One thing the clerk should look at.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    /// `export` refuses (or asks 「我已知晓，仍然导出」) while it is there.
    pub blocks_export: bool,
    pub kind: FindingKind,
    /// What the clerk reads, with its place in words.
    pub message: String,
    pub place: Place,
    pub fix: Option<NumberFix>,
}

impl Finding {
    fn new(severity: Severity, kind: FindingKind, message: String, place: Place) -> Self {
        Finding {
            severity,
            blocks_export: false,
            kind,
            message,
            place,
            fix: None,
        }
    }

    fn blocking(kind: FindingKind, message: String, place: Place) -> Self {
        Finding {
            blocks_export: true,
            ..Finding::new(Severity::Error, kind, message, place)
        }
    }

    /// 问题 (stops an export), 错误 or 警告: how the CLI and the app start its line.
    pub fn label_zh(&self) -> &'static str {
        match (self.blocks_export, self.severity) {
            (true, _) => "问题",
            (false, Severity::Error) => "错误",
            (false, Severity::Warning) => "警告",
        }
    }

    /// The line the CLI prints and the app lists: "问题：…".
    pub fn line_zh(&self) -> String {
        format!("{}：{}", self.label_zh(), self.message)
    }
}

/// Everything to look at in a project on `today`, in this order: what stops an export (text
/// that does not fit, missing characters, text under frame bars, 明白卡 households, 【请填写】,
/// pictures, personal numbers), the file's own errors and warnings, fonts and forced cuts, the
/// 台账's archives, changed source files, then the items whose schedule needs action.
/// `project_file`: where the project is saved (None: not yet saved); pictures and sources are
/// named relative to its folder.
pub fn project_findings(
    engine: &mut LayoutEngine,
    project: &Project,
    project_file: Option<&Path>,
    today: NaiveDate,
) -> Vec<Finding> {
    project_findings_with(
        engine,
        project,
        project_file,
        today,
        &mut FindingsMemo::default(),
    )
}

/// What the household check of each card design found, with what it depends on: the design
/// (its 名单 is shared between copies of the project, so comparing it is cheap), the unit's
/// details, the settings (masking), the font set and the project's folder. An edit elsewhere does not lay out
/// 10,000 cards again.
#[derive(Default)]
pub struct FindingsMemo {
    cards: Vec<MemoCard>,
}

struct MemoCard {
    design: crate::model::CardDesign,
    meta: crate::model::Meta,
    settings: crate::model::Settings,
    fonts: std::sync::Arc<crate::fonts::FontSet>,
    /// The project's folder (pictures on the cards are named relative to it).
    folder: Option<std::path::PathBuf>,
    findings: Vec<Finding>,
}

impl FindingsMemo {
    /// The household findings of `design`, found again only when what they depend on changed.
    fn card_findings(
        &mut self,
        engine: &mut LayoutEngine,
        project: &Project,
        design: &crate::model::CardDesign,
        folder: Option<&Path>,
    ) -> Vec<Finding> {
        let fonts = engine.shared_fonts();
        let known = self.cards.iter().find(|memo| {
            std::sync::Arc::ptr_eq(&memo.fonts, &fonts)
                && memo.folder.as_deref() == folder
                && memo.design == *design
                && memo.meta == project.meta
                && memo.settings == project.settings
        });
        if let Some(memo) = known {
            return memo.findings.clone();
        }
        let findings = household_findings(engine, project, &design.id);
        self.cards.retain(|memo| memo.design.id != design.id);
        self.cards.push(MemoCard {
            design: design.clone(),
            meta: project.meta.clone(),
            settings: project.settings.clone(),
            fonts,
            folder: folder.map(Path::to_path_buf),
            findings: findings.clone(),
        });
        findings
    }

    /// Forgets the designs the project no longer has.
    fn keep_only(&mut self, project: &Project) {
        self.cards.retain(|memo| {
            project
                .cards
                .iter()
                .any(|design| design.id == memo.design.id)
        });
    }
}

/// [`project_findings`], with the card designs' household checks kept in `memo` between calls
/// (the app's checking thread keeps one).
pub fn project_findings_with(
    engine: &mut LayoutEngine,
    project: &Project,
    project_file: Option<&Path>,
    today: NaiveDate,
    memo: &mut FindingsMemo,
) -> Vec<Finding> {
    project_check_with(engine, project, project_file, today, memo).findings
}

/// The findings and, as found for them, the personal numbers that would print in full (the
/// canvas marks them): one scan for both.
pub struct ProjectCheck {
    pub findings: Vec<Finding>,
    pub personal_data: Vec<crate::compose::PersonalDataFinding>,
}

/// [`project_findings_with`], keeping the personal-number scan it made.
pub fn project_check_with(
    engine: &mut LayoutEngine,
    project: &Project,
    project_file: Option<&Path>,
    today: NaiveDate,
    memo: &mut FindingsMemo,
) -> ProjectCheck {
    let project_dir = project_file.and_then(Path::parent);
    let personal_data = personal_data_findings(project);
    let mut findings = export_findings_with(engine, project, project_dir, &personal_data, memo);
    findings.extend(model_findings(project));
    // Warnings after errors: the fonts and forced cuts of `export_findings` move here.
    findings.sort_by_key(|finding| (!finding.blocks_export, finding.severity != Severity::Error));
    if let Some(file) = project_file {
        findings.extend(
            super::archive_problems(project, file)
                .into_iter()
                .map(|message| {
                    Finding::new(
                        Severity::Error,
                        FindingKind::Archive,
                        message,
                        Place::Project,
                    )
                }),
        );
    }
    findings.extend(source_findings(project, project_dir));
    findings.extend(schedule_findings(&project_schedule(project, today)));
    ProjectCheck {
        findings,
        personal_data,
    }
}

/// What would stop `export` (blocking), and the fonts and forced cuts worth a warning. The
/// same layout as the export's: every board as printed, every household's card.
pub fn export_findings(
    engine: &mut LayoutEngine,
    project: &Project,
    project_dir: Option<&Path>,
) -> Vec<Finding> {
    let personal_data = personal_data_findings(project);
    export_findings_with(
        engine,
        project,
        project_dir,
        &personal_data,
        &mut FindingsMemo::default(),
    )
}

fn export_findings_with(
    engine: &mut LayoutEngine,
    project: &Project,
    project_dir: Option<&Path>,
    personal_data: &[crate::compose::PersonalDataFinding],
    memo: &mut FindingsMemo,
) -> Vec<Finding> {
    engine.set_base_dir(project_dir.map(Path::to_path_buf));
    engine.use_project_fonts(project);
    let mut findings: Vec<Finding> = engine
        .fonts()
        .problems()
        .iter()
        .map(|problem| {
            Finding::new(
                Severity::Warning,
                FindingKind::Font,
                problem.clone(),
                Place::Project,
            )
        })
        .collect();
    for board in board_layout_problems(engine, project) {
        let name = quoted(&board.board_name);
        let place = |panel_id: &Option<String>, item_id: &Option<String>| Place::Board {
            board_id: board.board_id.clone(),
            panel_id: panel_id.clone(),
            item_id: item_id.clone(),
        };
        findings.extend(board.problems.iter().map(|problem| {
            Finding::blocking(
                board_kind(problem.kind),
                format!("公开栏“{name}”：{}", problem.message),
                place(&problem.panel_id, &problem.item_id),
            )
        }));
        findings.extend(board.warnings.iter().map(|warning| {
            Finding::new(
                Severity::Warning,
                FindingKind::ForcedCut,
                format!("公开栏“{name}”：{}", warning.message),
                place(&warning.panel_id, &warning.item_id),
            )
        }));
    }
    // Every household's 明白卡, as the card export lays it out.
    memo.keep_only(project);
    for design in &project.cards {
        findings.extend(memo.card_findings(engine, project, design, project_dir));
    }
    // 【请填写】 left by a template must never reach a printed board.
    findings.extend(
        crate::model::placeholder_places(project)
            .iter()
            .map(|place| {
                Finding::blocking(
                    FindingKind::Placeholder,
                    place.message(),
                    placeholder_place(place),
                )
            }),
    );
    findings.extend(
        crate::images::check_images(project, project_dir)
            .iter()
            .map(|problem| {
                Finding::blocking(
                    FindingKind::Picture,
                    problem.message(),
                    Place::Item {
                        item_id: problem.item_id.clone(),
                    },
                )
            }),
    );
    findings.extend(personal_data.iter().cloned().map(|finding| {
        let place = match (
            finding.board_id,
            finding.panel_id,
            finding.item_id,
            finding.card_id,
        ) {
            (Some(board_id), panel_id, item_id, _) => Place::Board {
                board_id,
                panel_id,
                item_id,
            },
            (None, _, Some(item_id), _) => Place::Item { item_id },
            (None, _, None, Some(card_id)) => Place::Card {
                card_id,
                household: None,
            },
            (None, _, None, None) => Place::Unit,
        };
        Finding {
            fix: Some(NumberFix {
                mask: finding.fix,
                allow_digits: finding.allowable.then_some(finding.digits),
                column: finding.column,
            }),
            ..Finding::blocking(
                FindingKind::PersonalNumber,
                format!(
                    "{}（导出会被拒绝，“仍然导出”和 --force 都不能越过）",
                    finding.message
                ),
                place,
            )
        }
    }));
    findings
}

/// Every household's card of one design that cannot print as it is.
fn household_findings(
    engine: &mut LayoutEngine,
    project: &Project,
    design_id: &str,
) -> Vec<Finding> {
    use crate::compose::cards::ProblemKind;
    crate::compose::cards::household_problems(engine, project, design_id)
        .into_iter()
        .map(|problem| {
            let kind = match problem.kind {
                ProblemKind::Overflow => FindingKind::Overflow,
                ProblemKind::MissingGlyph => FindingKind::MissingGlyph,
                ProblemKind::UnknownField
                | ProblemKind::SampleRecords
                | ProblemKind::PanelsOverlap => FindingKind::CardDesign,
            };
            Finding::blocking(
                kind,
                problem.message,
                Place::Card {
                    card_id: problem.card_id,
                    household: Some(problem.position),
                },
            )
        })
        .collect()
}

fn board_kind(kind: BoardProblemKind) -> FindingKind {
    match kind {
        BoardProblemKind::Overflow => FindingKind::Overflow,
        BoardProblemKind::MissingGlyph => FindingKind::MissingGlyph,
        BoardProblemKind::BarCrossing => FindingKind::BarCrossing,
        BoardProblemKind::NotLaidOut => FindingKind::NotLaidOut,
        BoardProblemKind::ForcedCut => FindingKind::ForcedCut,
    }
}

fn placeholder_place(place: &PlaceholderPlace) -> Place {
    if let Some(card_id) = &place.card_id {
        return Place::Card {
            card_id: card_id.clone(),
            household: None,
        };
    }
    match (place.board_ids.first(), &place.item_id) {
        (Some(board_id), item_id) => Place::Board {
            board_id: board_id.clone(),
            panel_id: place.panel_id.clone(),
            item_id: item_id.clone(),
        },
        (None, Some(item_id)) => Place::Item {
            item_id: item_id.clone(),
        },
        (None, None) if place.missing => Place::Unit,
        (None, None) => Place::Project,
    }
}

/// The project file's own errors and warnings (`model::check_project`), with their place in
/// words.
fn model_findings(project: &Project) -> Vec<Finding> {
    crate::model::check_project(project)
        .into_iter()
        .map(|finding| {
            Finding::new(
                finding.severity,
                FindingKind::Model,
                format!(
                    "{}：{}",
                    crate::model::location_zh(project, &finding.location),
                    finding.message
                ),
                place_of_location(project, &finding.location),
            )
        })
        .collect()
}

/// `boards[0].panels[2]…` → that panel; `items[3]…` → that item; `cards[1]…` → that card.
fn place_of_location(project: &Project, location: &str) -> Place {
    let index_after = |prefix: &str| -> Option<usize> {
        let rest = location.split_once(prefix)?.1;
        rest.split(']').next()?.parse().ok()
    };
    if location.starts_with("boards[")
        && let Some(board) = index_after("boards[").and_then(|index| project.boards.get(index))
    {
        let panel_id = index_after("panels[")
            .and_then(|index| board.panels.get(index))
            .map(|panel| panel.id.clone());
        return Place::Board {
            board_id: board.id.clone(),
            panel_id,
            item_id: None,
        };
    }
    if location.starts_with("items[")
        && let Some(item) = index_after("items[").and_then(|index| project.items.get(index))
    {
        return Place::Item {
            item_id: item.id.clone(),
        };
    }
    if location.starts_with("cards[")
        && let Some(card) = index_after("cards[").and_then(|index| project.cards.get(index))
    {
        return Place::Card {
            card_id: card.id.clone(),
            household: None,
        };
    }
    if location.starts_with("meta") {
        return Place::Unit;
    }
    Place::Project
}

/// Linked spreadsheets that changed since the import, or are gone.
pub fn source_findings(project: &Project, project_dir: Option<&Path>) -> Vec<Finding> {
    super::import::source_problems(project, project_dir)
        .into_iter()
        .map(|(target, message)| {
            Finding::new(
                Severity::Warning,
                FindingKind::Source,
                message,
                Place::Source { target },
            )
        })
        .collect()
}

/// The items whose schedule needs action, one finding each.
pub fn schedule_findings(schedule: &[ItemSchedule]) -> Vec<Finding> {
    schedule
        .iter()
        .filter(|row| row.status.needs_action())
        .map(|row| {
            let mut message = format!("公开事项“{}”{}", quoted(&row.title), row.status.label_zh());
            if !row.note.is_empty() {
                message.push_str(&format!("：{}", quoted(&row.note)));
            }
            message.push('。');
            Finding::new(
                Severity::Warning,
                FindingKind::Schedule(row.status),
                message,
                Place::Schedule {
                    item_id: row.item_id.clone(),
                },
            )
        })
        .collect()
}
