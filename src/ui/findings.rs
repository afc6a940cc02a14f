//! The findings list at the bottom: what is wrong with the project (and, once laid out, what
//! overflows or lacks a glyph). Clicking a finding selects its board or panel.

use super::{GongkaiApp, Selection};
use crate::model::{Severity, check_project};
use eframe::egui;

/// A finding as the list shows it, with what to select on click.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedFinding {
    pub is_error: bool,
    pub text: String,
    pub select: Option<Selection>,
}

impl GongkaiApp {
    /// Every finding of the project, errors first, then what the layout of the current board
    /// found (overflow, missing glyphs).
    pub fn findings(&self) -> Vec<ListedFinding> {
        let mut findings: Vec<ListedFinding> = check_project(&self.project)
            .into_iter()
            .map(|finding| ListedFinding {
                is_error: finding.severity == Severity::Error,
                select: self.selection_for_location(&finding.location),
                text: format!(
                    "{}：{}",
                    crate::model::location_zh(&self.project, &finding.location),
                    finding.message
                ),
            })
            .collect();
        // What a template left to fill in, or a detail of the unit still empty.
        findings.extend(
            crate::model::placeholder_places(&self.project)
                .into_iter()
                .map(|place| ListedFinding {
                    is_error: true,
                    text: place.message(),
                    select: place.board_ids.first().map(|board_id| {
                        match (&place.panel_id, &place.item_id) {
                            (Some(panel_id), Some(item_id)) => {
                                Selection::item(board_id, panel_id, item_id)
                            }
                            (Some(panel_id), None) => Selection::panel(board_id, panel_id),
                            _ => Selection::board(board_id),
                        }
                    }),
                }),
        );
        if let (Some(layout), Some(board_id)) = (self.last_layout(), self.current_board_id()) {
            let select = |panel_id: &str, item_id: &Option<String>| {
                Some(match item_id {
                    Some(item_id) => Selection::item(&board_id, panel_id, item_id),
                    None => Selection::panel(&board_id, panel_id),
                })
            };
            findings.extend(layout.overflows.iter().map(|overflow| ListedFinding {
                is_error: true,
                text: overflow.message.clone(),
                select: select(&overflow.panel_id, &overflow.item_id),
            }));
            findings.extend(layout.missing_glyphs.iter().map(|missing| ListedFinding {
                is_error: true,
                text: missing.message.clone(),
                select: select(&missing.panel_id, &missing.item_id),
            }));
            findings.extend(self.picture_problems().iter().map(|problem| ListedFinding {
                is_error: true,
                text: problem.message(),
                select: self.selection_for_item(&board_id, &problem.item_id),
            }));
        }
        findings
    }

    /// An item selected in the panel of the board that shows it (the item alone when no panel
    /// of the board does).
    fn selection_for_item(&self, board_id: &str, item_id: &str) -> Option<Selection> {
        let panel = self
            .project
            .board(board_id)?
            .panels
            .iter()
            .find(|panel| panel.item_ids.iter().any(|id| id == item_id));
        Some(match panel {
            Some(panel) => Selection::item(board_id, &panel.id, item_id),
            None => Selection {
                item_id: Some(item_id.to_owned()),
                ..Selection::board(board_id)
            },
        })
    }

    /// `boards[0].panels[2]…` → that panel selected.
    fn selection_for_location(&self, location: &str) -> Option<Selection> {
        let index_after = |prefix: &str, text: &str| -> Option<usize> {
            let rest = text.split_once(prefix)?.1;
            rest.split(']').next()?.parse().ok()
        };
        let board = self.project.boards.get(index_after("boards[", location)?)?;
        match index_after("panels[", location).and_then(|index| board.panels.get(index)) {
            Some(panel) => Some(Selection::panel(&board.id, &panel.id)),
            None => Some(Selection::board(&board.id)),
        }
    }

    pub(crate) fn findings_ui(&mut self, ui: &mut egui::Ui) {
        let findings = self.findings();
        ui.horizontal(|ui| {
            ui.strong("检查结果");
            if findings.is_empty() {
                ui.label("未发现问题。");
            } else {
                ui.label(format!("{} 个问题（点击定位）", findings.len()));
            }
        });
        egui::ScrollArea::vertical().show(ui, |ui| {
            for finding in findings {
                let mark = if finding.is_error { "错误" } else { "警告" };
                let text = egui::RichText::new(format!("{mark}：{}", finding.text)).color(
                    if finding.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    },
                );
                if ui.selectable_label(false, text).clicked()
                    && let Some(selection) = finding.select
                {
                    self.selection = selection;
                }
            }
        });
    }
}
