//! The 导入数据 dialog: a spreadsheet or CSV file (typed path), its sheet and header row, the
//! columns to keep and their kinds, a preview of the first rows, and the target (an item's
//! table or a card design's records). Applied as one undo step through `jobs::import`.

use super::GongkaiApp;
use crate::import::{ImportOptions, Imported, read_table};
use crate::jobs::import::{ImportPlan, TargetSpec, plan_import, plan_update};
use crate::model::ColumnKind;
use crate::model::SourceTarget;
use eframe::egui;
use std::path::PathBuf;

const PREVIEW_ROWS: usize = 5;

/// The dialog's state while it is open.
#[derive(Clone, Debug, Default)]
pub struct ImportDialog {
    pub path: String,
    pub sheet: Option<String>,
    /// 0: detected.
    pub header_row: usize,
    /// The file as read with the current sheet and header row.
    pub read: Option<Imported>,
    /// Per column of `read`: kept?
    pub keep: Vec<bool>,
    pub kinds: Vec<ColumnKind>,
    /// `table:ID` or `cards:ID`.
    pub target: String,
    pub error: Option<String>,
}

fn kind_label(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "文字",
        ColumnKind::Number => "数字",
        ColumnKind::IdNumber => "身份证号",
        ColumnKind::BankAccount => "银行卡号",
        ColumnKind::Phone => "手机号",
    }
}

const KINDS: [ColumnKind; 5] = [
    ColumnKind::Text,
    ColumnKind::Number,
    ColumnKind::IdNumber,
    ColumnKind::BankAccount,
    ColumnKind::Phone,
];

impl ImportDialog {
    /// Reads the file with the chosen sheet and header row (all columns, for the choice).
    pub fn reread(&mut self) {
        let options = ImportOptions {
            sheet: self.sheet.clone(),
            header_row: (self.header_row > 0).then_some(self.header_row),
            columns: None,
        };
        match read_table(&PathBuf::from(self.path.trim()), &options) {
            Ok(read) => {
                self.keep = vec![true; read.columns.len()];
                self.kinds = read.kinds.clone();
                self.header_row = read.header_row;
                self.sheet = read.sheet.clone();
                self.read = Some(read);
                self.error = None;
            }
            Err(error) => {
                self.read = None;
                self.error = Some(error.to_string());
            }
        }
    }
}

impl GongkaiApp {
    pub fn open_import_dialog(&mut self) {
        let target = self
            .project
            .items
            .first()
            .map(|item| format!("table:{}", item.id))
            .unwrap_or_default();
        self.import_dialog = Some(ImportDialog {
            target,
            ..ImportDialog::default()
        });
    }

    pub(crate) fn import_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.import_dialog.take() else {
            return;
        };
        let mut open = true;
        let mut apply = false;
        egui::Window::new("导入数据")
            .open(&mut open)
            .default_width(640.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("文件：");
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.path)
                            .hint_text("/home/user/公开栏/低保名单.xlsx")
                            .desired_width(380.0),
                    );
                    if ui.button("读取").clicked() {
                        dialog.sheet = None;
                        dialog.header_row = 0;
                        dialog.reread();
                    }
                });
                if let Some(error) = &dialog.error {
                    ui.colored_label(egui::Color32::from_rgb(0xc6, 0x28, 0x28), error);
                }
                let Some(read) = dialog.read.clone() else {
                    return;
                };
                let mut reread = false;
                ui.horizontal(|ui| {
                    if read.sheets.len() > 1 {
                        let current = dialog.sheet.clone().unwrap_or_default();
                        egui::ComboBox::new("import-sheet", "工作表")
                            .selected_text(current.clone())
                            .show_ui(ui, |ui| {
                                for name in &read.sheets {
                                    if ui.selectable_label(*name == current, name).clicked() {
                                        dialog.sheet = Some(name.clone());
                                        dialog.header_row = 0;
                                        reread = true;
                                    }
                                }
                            });
                    }
                    let label = ui.label("表头行：");
                    let before = dialog.header_row;
                    ui.add(egui::DragValue::new(&mut dialog.header_row).range(1..=1000))
                        .labelled_by(label.id);
                    if dialog.header_row != before {
                        reread = true;
                    }
                });
                ui.label("保留的列和类型：");
                egui::Grid::new("import-columns").show(ui, |ui| {
                    for (c, name) in read.columns.iter().enumerate() {
                        ui.checkbox(&mut dialog.keep[c], name);
                        egui::ComboBox::new(("import-kind", c), format!("{name}的类型"))
                            .selected_text(kind_label(dialog.kinds[c]))
                            .show_ui(ui, |ui| {
                                for kind in KINDS {
                                    ui.selectable_value(
                                        &mut dialog.kinds[c],
                                        kind,
                                        kind_label(kind),
                                    );
                                }
                            });
                        ui.end_row();
                    }
                });
                ui.label(format!(
                    "预览（共 {} 行{}）：",
                    read.rows.len(),
                    if read.total_row {
                        "，含合计行"
                    } else {
                        ""
                    }
                ));
                egui::Grid::new("import-preview")
                    .striped(true)
                    .show(ui, |ui| {
                        for (c, name) in read.columns.iter().enumerate() {
                            if dialog.keep[c] {
                                ui.strong(name);
                            }
                        }
                        ui.end_row();
                        for row in read.rows.iter().take(PREVIEW_ROWS) {
                            for (c, cell) in row.iter().enumerate() {
                                if dialog.keep[c] {
                                    ui.label(cell);
                                }
                            }
                            ui.end_row();
                        }
                    });
                ui.horizontal(|ui| {
                    let shown = self.import_target_label(&dialog.target);
                    egui::ComboBox::new("import-target", "导入到")
                        .selected_text(shown)
                        .width(320.0)
                        .show_ui(ui, |ui| {
                            for item in &self.project.items {
                                let value = format!("table:{}", item.id);
                                ui.selectable_value(
                                    &mut dialog.target,
                                    value,
                                    format!("表格：{}", item.title),
                                );
                            }
                            for card in &self.project.cards {
                                let value = format!("cards:{}", card.id);
                                ui.selectable_value(
                                    &mut dialog.target,
                                    value,
                                    format!("明白卡名单：{}", card.name),
                                );
                            }
                        });
                });
                if ui.button("导入").clicked() {
                    apply = true;
                }
                if reread {
                    dialog.reread();
                }
            });
        if apply && let Some(read) = &dialog.read {
            let columns: Vec<String> = read
                .columns
                .iter()
                .zip(&dialog.keep)
                .filter(|(_, keep)| **keep)
                .map(|(name, _)| name.clone())
                .collect();
            let kinds: Vec<ColumnKind> = dialog
                .kinds
                .iter()
                .zip(&dialog.keep)
                .filter(|(_, keep)| **keep)
                .map(|(kind, _)| *kind)
                .collect();
            let options = ImportOptions {
                sheet: dialog.sheet.clone(),
                header_row: Some(dialog.header_row),
                columns: Some(columns),
            };
            let project_dir = self
                .path
                .as_ref()
                .and_then(|path| path.parent())
                .map(PathBuf::from);
            let planned = TargetSpec::parse(&dialog.target).and_then(|target| {
                plan_import(
                    &self.project,
                    project_dir.as_deref(),
                    &PathBuf::from(dialog.path.trim()),
                    &options,
                    &target,
                    Some(kinds),
                )
            });
            match planned {
                Ok(plan) => {
                    if self.apply_edit(plan.edit) {
                        self.laid_out = None;
                        self.say(plan.summary);
                        return;
                    }
                }
                Err(error) => dialog.error = Some(error.to_string()),
            }
        }
        if open {
            self.import_dialog = Some(dialog);
        }
    }

    fn import_target_label(&self, target: &str) -> String {
        match target.split_once(':') {
            Some(("table", id)) => self
                .project
                .item(id)
                .map_or(target.to_owned(), |item| format!("表格：{}", item.title)),
            Some(("cards", id)) => self.project.card(id).map_or(target.to_owned(), |card| {
                format!("明白卡名单：{}", card.name)
            }),
            _ => target.to_owned(),
        }
    }
}

impl GongkaiApp {
    /// 从源文件更新: reads the linked file again and shows what changed before applying.
    pub fn start_source_update(&mut self, target: SourceTarget) {
        let project_dir = self
            .path
            .as_ref()
            .and_then(|path| path.parent())
            .map(PathBuf::from);
        match plan_update(&self.project, project_dir.as_deref(), &target) {
            Ok(plan) => self.source_update = Some(plan),
            Err(error) => self.warn(error.to_string()),
        }
    }

    pub(crate) fn source_update_ui(&mut self, ctx: &egui::Context) {
        let Some(plan) = self.source_update.take() else {
            return;
        };
        let mut open = true;
        let mut apply = false;
        let mut cancel = false;
        egui::Window::new("从源文件更新")
            .open(&mut open)
            .default_width(560.0)
            .show(ctx, |ui| {
                ui.label(&plan.summary);
                let rows = &plan.imported.rows;
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for &j in &plan.diff.added {
                            ui.label(format!("新增：{}", rows[j].join(" | ")));
                        }
                        for &i in &plan.diff.removed {
                            ui.label(format!("删除：原第 {} 行", i + 1));
                        }
                        for &(_, j) in &plan.diff.changed {
                            ui.label(format!("修改：{}", rows[j].join(" | ")));
                        }
                    });
                ui.horizontal(|ui| {
                    if ui.button("应用更新").clicked() {
                        apply = true;
                    }
                    if ui.button("取消").clicked() {
                        cancel = true;
                    }
                });
            });
        if apply {
            let summary = plan.summary.clone();
            if self.apply_edit(plan.edit) {
                self.laid_out = None;
                self.say(summary);
            }
            return;
        }
        if open && !cancel {
            self.source_update = Some(plan);
        }
    }
}

/// Keeps the type name in this module's public face for the app's field.
pub type SourceUpdate = ImportPlan;
