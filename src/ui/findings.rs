//! The findings list at the bottom: the one list `gongkai check` prints
//! (`jobs::project_findings`), found again when the project or a linked file changes. Clicking
//! a finding selects its board, panel, item or card (单位信息 opens its window); a personal
//! number has a one-click 脱敏 and 允许公开.

use super::{GongkaiApp, Selection};
use crate::jobs::{Finding, Place};
use crate::model::{Edit, Severity, SourceTarget};
use eframe::egui;

/// A finding as the list shows it, with what to select on click.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedFinding {
    /// The finding of the one list `gongkai check` prints.
    pub finding: Finding,
    /// It is an error (or stops an export), not a warning.
    pub is_error: bool,
    /// Its message (as `gongkai check` prints it after 问题：/错误：/警告：).
    pub text: String,
    pub select: Option<Selection>,
    /// 脱敏: the edit that masks it (personal numbers only).
    pub fix: Option<Edit>,
    /// The digits of a personal number, for 允许公开.
    pub personal_digits: Option<String>,
    /// The table column the number is in (item, block, column), when it is in one.
    pub personal_column: Option<(String, usize, usize)>,
    /// A card household: the card and the position of the household to show on the canvas.
    pub preview: Option<(String, usize)>,
}

/// 允许公开 asked for a number: the reason is typed before it takes effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowRequest {
    pub digits: String,
    pub reason: String,
    /// The other numbers of its table column still printed in full.
    pub same_column: Vec<String>,
    /// Allow them too, with the same reason.
    pub whole_column: bool,
}

impl GongkaiApp {
    /// The findings of the project as `gongkai check` finds them (`jobs::project_findings`, the
    /// one list), each with what a click selects. Read from the last check when it was made
    /// for this revision; else found now (outside a frame: the findings pane never waits, it
    /// shows [`GongkaiApp::shown_findings`]).
    pub fn findings(&self) -> Vec<ListedFinding> {
        let path = self.doc.path();
        let key = self.checked.key_for(self.doc.revision(), path, self.today);
        let fresh;
        let findings = match self.checked.current(&key) {
            Some(findings) => findings,
            None => {
                let mut engine = crate::layout::LayoutEngine::for_project(self.doc.project());
                fresh = crate::jobs::project_findings(
                    &mut engine,
                    self.doc.project(),
                    path,
                    self.today,
                );
                &fresh
            }
        };
        findings
            .iter()
            .map(|finding| self.listed(finding.clone()))
            .collect()
    }

    /// The findings of the last check (perhaps of an earlier revision while a check runs).
    pub fn shown_findings(&self) -> Vec<ListedFinding> {
        self.checked
            .shown()
            .findings
            .iter()
            .map(|finding| self.listed(finding.clone()))
            .collect()
    }

    /// A check of the present revision is still running (or waits for the gesture's end).
    pub fn is_checking(&self) -> bool {
        let key = self
            .checked
            .key_for(self.doc.revision(), self.doc.path(), self.today);
        self.checked.is_pending(&key)
    }

    /// Asks for a check if the project changed since the last one, or a linked file did; takes
    /// in what the checking thread found.
    pub(crate) fn refresh_findings(&mut self, ctx: Option<&egui::Context>, now_s: f64) {
        let path = self.doc.path().map(std::path::Path::to_path_buf);
        let snapshot = self.doc.snapshot();
        let in_gesture = self.doc.in_gesture();
        self.checked.refresh(
            &mut self.layout_engine,
            super::checked::CheckRequest {
                snapshot: &snapshot,
                file: path.as_deref(),
                today: self.today,
                now_s,
                in_gesture,
                repaint: ctx,
            },
        );
    }

    fn listed(&self, finding: Finding) -> ListedFinding {
        let (select, preview) = self.selection_for_place(&finding.place);
        let fix = finding.fix.clone();
        ListedFinding {
            is_error: finding.blocks_export || finding.severity == Severity::Error,
            text: finding.message.clone(),
            select,
            fix: fix.as_ref().and_then(|fix| fix.mask.clone()),
            personal_digits: fix.as_ref().and_then(|fix| fix.allow_digits.clone()),
            personal_column: fix.and_then(|fix| fix.column),
            preview,
            finding,
        }
    }

    /// What a click on a finding at `place` selects, and which household's card it shows.
    fn selection_for_place(&self, place: &Place) -> (Option<Selection>, Option<(String, usize)>) {
        let card = |card_id: &str| {
            Selection::board(&crate::model::CardDesign::face_id(
                card_id,
                crate::model::CardSide::Front,
            ))
        };
        match place {
            Place::Board {
                board_id,
                panel_id,
                item_id,
            } => {
                let select = match (panel_id, item_id) {
                    (Some(panel_id), Some(item_id)) => Selection::item(board_id, panel_id, item_id),
                    (Some(panel_id), None) => Selection::panel(board_id, panel_id),
                    (None, Some(item_id)) => self
                        .selection_for_item(board_id, item_id)
                        .unwrap_or_else(|| Selection::board(board_id)),
                    (None, None) => Selection::board(board_id),
                };
                (Some(select), None)
            }
            Place::Item { item_id }
            | Place::Schedule { item_id }
            | Place::Source {
                target: SourceTarget::Table(item_id),
            } => (self.selection_for_any_item(item_id), None),
            Place::Card { card_id, household } => (
                Some(card(card_id)),
                household.map(|position| (card_id.clone(), position)),
            ),
            Place::Source {
                target: SourceTarget::Cards(card_id),
            } => (Some(card(card_id)), None),
            Place::Unit | Place::Project => (None, None),
        }
    }

    /// An item selected on the first board that shows it; on the current board when none does
    /// (an item of the registers only).
    fn selection_for_any_item(&self, item_id: &str) -> Option<Selection> {
        let shown_on = self.doc.project().boards.iter().find(|board| {
            board
                .panels
                .iter()
                .any(|panel| panel.item_ids.iter().any(|id| id == item_id))
        });
        let board_id = shown_on
            .map(|board| board.id.clone())
            .or_else(|| self.current_board_id())?;
        self.selection_for_item(&board_id, item_id)
    }

    /// 脱敏: applies a finding's fix as one undo step, dated today.
    pub fn apply_privacy_fix(&mut self, fix: Edit) {
        let fix = match fix {
            Edit::SetItemBlocks {
                item_id, blocks, ..
            } => Edit::SetItemBlocks {
                item_id,
                blocks,
                changed_on: Some(self.today),
            },
            other => other,
        };
        // A number in running text is masked in the text itself (nothing else can mask it); a
        // table column or card field gets its kind, and the project keeps the full values.
        let masks_text = match &fix {
            Edit::SetItemBlocks {
                item_id, blocks, ..
            } => self.doc.project().item(item_id).is_some_and(|item| {
                item.blocks
                    .iter()
                    .map(crate::model::Block::all_text)
                    .ne(blocks.iter().map(crate::model::Block::all_text))
            }),
            _ => false,
        };
        if self.apply_edit(fix) {
            self.say(if masks_text {
                "已脱敏：这段文字中的号码已改为只显示部分数字，项目中不再保留完整号码（可撤销）。"
            } else {
                "已脱敏：此列在所有公开输出中只显示部分数字，项目中保留完整号码（对内表簿仍可印出）。"
            });
        }
    }

    /// 允许公开 with the typed reason: the number prints in full from now on, and the 台账 says
    /// who allowed what, when and why.
    pub fn allow_public_number(&mut self, digits: &str, reason: &str) -> bool {
        self.allow_public_numbers(&[digits.to_owned()], reason)
    }

    /// 允许公开 for several numbers with one reason, as one undo step.
    pub fn allow_public_numbers(&mut self, numbers: &[String], reason: &str) -> bool {
        let numbers: Vec<&str> = numbers.iter().map(String::as_str).collect();
        match crate::privacy::allow_public_numbers_edit(
            self.doc.project(),
            &numbers,
            reason,
            self.today,
        ) {
            Ok(edit) => {
                if self.apply_edit(edit) {
                    self.say(if numbers.len() > 1 {
                        format!("已允许公开这 {} 个号码，理由已记入台账。", numbers.len())
                    } else {
                        "已允许公开此号码，理由已记入台账。".to_owned()
                    });
                    return true;
                }
                false
            }
            Err(error) => {
                self.warn(error.to_string());
                false
            }
        }
    }

    /// An item selected in the panel of the board that shows it (the item alone when no panel
    /// of the board does).
    fn selection_for_item(&self, board_id: &str, item_id: &str) -> Option<Selection> {
        let panel = self
            .doc
            .project()
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

    pub(crate) fn findings_ui(&mut self, ui: &mut egui::Ui) {
        // 本期工作 first (a few lines, at most a third of the pane); the 检查结果 keep the rest.
        egui::ScrollArea::vertical()
            .id_salt("work-list")
            .max_height(ui.available_height() * 0.34)
            .show(ui, |ui| self.work_list_ui(ui));
        let findings = self.shown_findings();
        let checking = self.is_checking();
        ui.horizontal(|ui| {
            ui.strong("检查结果");
            if checking {
                // The list below is the last check's until this one is done.
                ui.label("检查中…");
            } else if findings.is_empty() {
                ui.label("未发现问题。");
            } else {
                ui.label(format!("{} 个问题（点击定位）", findings.len()));
            }
        });
        self.allow_public_ui(ui);
        // Each table column's numbers, for 允许公开 of a whole column.
        let column_mates: Vec<((String, usize, usize), String)> = findings
            .iter()
            .filter_map(|finding| {
                Some((
                    finding.personal_column.clone()?,
                    finding.personal_digits.clone()?,
                ))
            })
            .collect();
        egui::ScrollArea::vertical().show(ui, |ui| {
            for finding in findings {
                let text =
                    egui::RichText::new(finding.finding.line_zh()).color(if finding.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    });
                ui.horizontal_wrapped(|ui| {
                    if let Some(fix) = &finding.fix
                        && ui
                            .small_button("脱敏")
                            .on_hover_text("公开输出只显示号码的部分数字（项目中保留完整号码）")
                            .clicked()
                    {
                        let fix = fix.clone();
                        self.later(move |app| app.apply_privacy_fix(fix));
                    }
                    if let Some(digits) = &finding.personal_digits
                        && ui
                            .small_button("允许公开…")
                            .on_hover_text("确需公开的号码：写明理由后完整显示，并记入台账")
                            .clicked()
                    {
                        let same_column = finding
                            .personal_column
                            .as_ref()
                            .map(|column| {
                                column_mates
                                    .iter()
                                    .filter(|(other, other_digits)| {
                                        other == column && other_digits != digits
                                    })
                                    .map(|(_, other_digits)| other_digits.clone())
                                    .collect()
                            })
                            .unwrap_or_default();
                        self.allow_public = Some(AllowRequest {
                            digits: digits.clone(),
                            reason: String::new(),
                            same_column,
                            whole_column: false,
                        });
                    }
                    if ui.selectable_label(false, text).clicked() {
                        if let Some(selection) = finding.select {
                            self.selection = selection;
                        }
                        if let Some((card_id, position)) = finding.preview {
                            self.cards.preview.insert(card_id, position);
                        }
                        if finding.finding.place == Place::Unit {
                            self.unit_info_open = true;
                        }
                    }
                });
            }
        });
    }

    /// The reason asked for before a number is allowed on public outputs.
    fn allow_public_ui(&mut self, ui: &mut egui::Ui) {
        let Some(request) = &mut self.allow_public else {
            return;
        };
        let digits = request.digits.clone();
        let mut decided = None;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(format!("允许公开号码 {digits} 的理由："));
            ui.add(
                egui::TextEdit::singleline(&mut request.reason)
                    .hint_text("例如：网格员工作电话，本人同意公开")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
            if !request.same_column.is_empty() {
                ui.checkbox(
                    &mut request.whole_column,
                    format!(
                        "同一列另外 {} 个号码也允许公开（同一理由）",
                        request.same_column.len()
                    ),
                );
            }
            if ui.button("确定允许公开").clicked() {
                decided = Some(true);
            }
            if ui.button("取消").clicked() {
                decided = Some(false);
            }
        });
        match decided {
            Some(true) => {
                let reason = request.reason.clone();
                let mut numbers = vec![digits];
                if request.whole_column {
                    numbers.extend(request.same_column.iter().cloned());
                }
                self.later(move |app| {
                    if app.allow_public_numbers(&numbers, &reason) {
                        app.allow_public = None;
                    }
                });
            }
            Some(false) => self.allow_public = None,
            None => {}
        }
    }
}
