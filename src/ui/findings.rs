//! The findings list at the bottom: what is wrong with the project (and, once laid out, what
//! overflows or lacks a glyph, and which personal numbers would print in full). Clicking a
//! finding selects its board or panel; a personal number has a one-click 脱敏 and 允许公开.

use super::{GongkaiApp, Selection};
use crate::model::{Edit, Severity, check_project};
use eframe::egui;

/// A finding as the list shows it, with what to select on click.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ListedFinding {
    pub is_error: bool,
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
                ..ListedFinding::default()
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
                    ..ListedFinding::default()
                }),
        );
        // Warnings: an installed font the styles name that could not be loaded (the boards
        // print in the bundled serif instead).
        findings.extend(self.layout_engine.fonts().problems().iter().map(|problem| {
            ListedFinding {
                is_error: false,
                text: problem.clone(),
                ..ListedFinding::default()
            }
        }));
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
                ..ListedFinding::default()
            }));
            findings.extend(layout.missing_glyphs.iter().map(|missing| ListedFinding {
                is_error: true,
                text: missing.message.clone(),
                select: select(&missing.panel_id, &missing.item_id),
                ..ListedFinding::default()
            }));
            if let Some(board) = self.project.board(&board_id) {
                let crossings = crate::compose::parts::bar_crossings(board, layout);
                findings.extend(crossings.into_iter().map(|crossing| {
                    ListedFinding {
                        is_error: true,
                        select: crossing
                            .panel_id
                            .as_deref()
                            .map(|panel_id| Selection::panel(&board_id, panel_id)),
                        text: crossing.message,
                        ..ListedFinding::default()
                    }
                }));
            }
            // Warnings: a token cut by force prints, but broken.
            findings.extend(
                crate::compose::board::forced_cuts(&self.project, layout)
                    .into_iter()
                    .map(|cut| ListedFinding {
                        is_error: false,
                        select: cut
                            .panel_id
                            .as_deref()
                            .and_then(|panel_id| select(panel_id, &cut.item_id)),
                        text: cut.message,
                        ..ListedFinding::default()
                    }),
            );
            findings.extend(self.picture_problems().iter().map(|problem| ListedFinding {
                is_error: true,
                text: problem.message(),
                select: self.selection_for_item(&board_id, &problem.item_id),
                ..ListedFinding::default()
            }));
        }
        // The households of the card on the canvas whose card does not fit.
        findings.extend(self.card_problems().iter().map(|problem| {
            let side = crate::model::CardSide::Front;
            ListedFinding {
                is_error: true,
                text: problem.message.clone(),
                select: Some(Selection::board(&crate::model::CardDesign::face_id(
                    &problem.card_id,
                    side,
                ))),
                preview: Some((problem.card_id.clone(), problem.position)),
                ..ListedFinding::default()
            }
        }));
        findings.extend(self.personal_data().iter().map(|finding| {
            let select = match (&finding.board_id, &finding.panel_id, &finding.item_id) {
                (Some(board), Some(panel), Some(item)) => Some(Selection::item(board, panel, item)),
                (Some(board), Some(panel), None) => Some(Selection::panel(board, panel)),
                (Some(board), _, _) => Some(Selection::board(board)),
                _ => finding.card_id.as_ref().map(|card| {
                    Selection::board(&crate::model::CardDesign::face_id(
                        card,
                        crate::model::CardSide::Front,
                    ))
                }),
            };
            ListedFinding {
                is_error: true,
                text: format!("{}（导出会被拒绝）", finding.message),
                select,
                fix: finding.fix.clone(),
                // 允许公开 only where it can let the number print.
                personal_digits: finding.allowable.then(|| finding.digits.clone()),
                personal_column: finding.column.clone(),
                preview: None,
            }
        }));
        // The schedule, as `gongkai check` reports it: items to publish or renew.
        let needing_action = self
            .schedule()
            .iter()
            .filter(|entry| entry.status.needs_action())
            .count();
        if needing_action > 0 {
            findings.push(ListedFinding {
                is_error: false,
                text: format!(
                    "有 {needing_action} 项公开内容{}，见左侧“公开时效”。",
                    crate::schedule::action_labels_zh()
                ),
                ..ListedFinding::default()
            });
        }
        // A linked spreadsheet changed in WPS/Excel since the import, or is gone.
        findings.extend(
            self.source_watch
                .problems()
                .iter()
                .map(|problem| ListedFinding {
                    is_error: false,
                    text: problem.clone(),
                    ..ListedFinding::default()
                }),
        );
        findings
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
            } => self.project.item(item_id).is_some_and(|item| {
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
        match crate::privacy::allow_public_numbers_edit(&self.project, &numbers, reason, self.today)
        {
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
        let now_s = ui.input(|input| input.time);
        let project_dir = self.path.as_deref().and_then(std::path::Path::parent);
        self.source_watch.refresh(&self.project, project_dir, now_s);
        let findings = self.findings();
        ui.horizontal(|ui| {
            ui.strong("检查结果");
            if findings.is_empty() {
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
                let mark = if finding.is_error { "错误" } else { "警告" };
                let text = egui::RichText::new(format!("{mark}：{}", finding.text)).color(
                    if finding.is_error {
                        ui.visuals().error_fg_color
                    } else {
                        ui.visuals().warn_fg_color
                    },
                );
                ui.horizontal_wrapped(|ui| {
                    if let Some(fix) = &finding.fix
                        && ui
                            .small_button("脱敏")
                            .on_hover_text("公开输出只显示号码的部分数字（项目中保留完整号码）")
                            .clicked()
                    {
                        self.apply_privacy_fix(fix.clone());
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
                if self.allow_public_numbers(&numbers, &reason) {
                    self.allow_public = None;
                }
            }
            Some(false) => self.allow_public = None,
            None => {}
        }
    }
}
