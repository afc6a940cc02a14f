//! The 导入数据 dialog: a spreadsheet or CSV file (浏览… or a typed path), its sheet and header
//! row, the columns to keep, their order (↑ / ↓) and kinds (日期 included), a preview of the
//! first rows as they will be imported, and the target (an item's table or a card design's
//! records). Applied as one undo step through `jobs::import`.
//!
//! The system file dialog runs on its own thread (as in `files`): an answer of "nothing" within
//! half a second means no dialog could open, and the clerk is told to type the path.

use super::GongkaiApp;
use crate::import::{ImportOptions, Imported, date_cell, read_table};
use crate::jobs::import::{ImportPlan, TargetSpec, diff_lines, plan_import, plan_update};
use crate::model::{ColumnKind, DateStyle, SourceTarget};
use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const PREVIEW_ROWS: usize = 5;
/// A file dialog that answers "nothing" quicker than this never opened.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(500);
/// Said when no system file dialog can open (no desktop portal).
pub const NO_FILE_DIALOG_ZH: &str = "系统文件对话框无法打开（这台电脑没有可用的文件选择服务）。请在“文件”栏直接输入文件路径，再点“读取”。";

/// The dialog's state while it is open.
#[derive(Debug, Default)]
pub struct ImportDialog {
    pub path: String,
    pub sheet: Option<String>,
    /// 0: detected.
    pub header_row: usize,
    /// The file as read with the current sheet and header row.
    pub read: Option<Imported>,
    /// The columns of `read` in the order they will be imported (indices into its columns).
    pub order: Vec<usize>,
    /// Per column of `read` (its own order): kept?
    pub keep: Vec<bool>,
    /// Per column of `read` (its own order): the kind chosen.
    pub kinds: Vec<ColumnKind>,
    /// Per column of `read` (its own order): the name it is imported under, when the clerk
    /// chose one (None: its own, or the target's field it matches, see [`suggested_name`]).
    pub names: Vec<Option<String>>,
    /// The target's columns now (a card's fields, a table's columns), refreshed every frame.
    pub target_fields: Vec<String>,
    /// `table:ID` or `cards:ID`.
    pub target: String,
    pub error: Option<String>,
    /// A system file dialog running on its thread.
    browsing: Option<(mpsc::Receiver<Option<PathBuf>>, Instant)>,
    focus_path: bool,
    /// What was selected when the dialog opened (an item, or the card on the canvas): the
    /// target when the file is not linked anywhere yet.
    pub selected: Option<crate::model::SourceTarget>,
    /// Why the target is the one it is (linked, selected, best match), for the clerk.
    pub target_reason: Option<String>,
    /// The clerk chose the target: a file read later does not move it.
    pub target_chosen: bool,
    /// The file was just read: the target and the columns' defaults are worked out again.
    fresh: bool,
    /// The target the columns' defaults were set for (None: not yet, for this file).
    defaults_for: Option<String>,
}

fn kind_label(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Text => "文字",
        ColumnKind::Number => "数字",
        ColumnKind::Date => "日期",
        ColumnKind::IdNumber => "身份证号",
        ColumnKind::BankAccount => "银行卡号",
        ColumnKind::Phone => "手机号",
    }
}

const KINDS: [ColumnKind; 6] = [
    ColumnKind::Text,
    ColumnKind::Number,
    ColumnKind::Date,
    ColumnKind::IdNumber,
    ColumnKind::BankAccount,
    ColumnKind::Phone,
];

/// `order` with the entry at `position` moved one place up (`up`) or down; unchanged at the
/// ends.
pub fn moved(order: &[usize], position: usize, up: bool) -> Vec<usize> {
    let mut order = order.to_vec();
    let other = if up {
        position.checked_sub(1)
    } else {
        Some(position + 1).filter(|&next| next < order.len())
    };
    if let Some(other) = other
        && position < order.len()
    {
        order.swap(position, other);
    }
    order
}

/// The name a file's column is imported under unless the clerk chooses: its own when the
/// target has a column of that name (or has none), else the one target column whose name
/// holds it or is held in it (面积 → 面积/人数, 户主姓名 → 户主) and that no other column of
/// the file has by name.
pub fn suggested_name(source: &str, file_columns: &[String], target_fields: &[String]) -> String {
    if target_fields.iter().any(|field| field == source) || source.chars().count() < 2 {
        return source.to_owned();
    }
    // A unit in brackets is no part of the name: 面积（亩） is 面积, 补贴金额（元） is 补贴金额.
    let base = without_unit(source);
    let free = |field: &&String| !file_columns.contains(field);
    if let Some(field) = target_fields
        .iter()
        .filter(free)
        .find(|field| *field == base)
    {
        return field.clone();
    }
    // Names offices give the same column (组别 for 村民小组, 手机 for 联系电话).
    if let Some(field) = SAME_COLUMN
        .iter()
        .filter(|(other, _)| *other == base)
        .flat_map(|(_, fields)| fields.iter())
        .find_map(|name| {
            target_fields
                .iter()
                .filter(free)
                .find(|field| field == name)
        })
    {
        return field.clone();
    }
    let candidates: Vec<&String> = target_fields
        .iter()
        .filter(|field| field.chars().count() >= 2)
        .filter(free)
        .filter(|field| field.contains(base) || base.contains(field.as_str()))
        .collect();
    match candidates.as_slice() {
        [only] => (*only).clone(),
        _ => source.to_owned(),
    }
}

/// Column names lists from offices use for a card's field, with the fields they stand for.
const SAME_COLUMN: [(&str, &[&str]); 8] = [
    ("组别", &["村民小组", "居民小组"]),
    ("组", &["村民小组", "居民小组"]),
    ("小组", &["村民小组", "居民小组"]),
    ("村组", &["村民小组"]),
    ("手机", &["联系电话"]),
    ("手机号", &["联系电话"]),
    ("手机号码", &["联系电话"]),
    ("户主名", &["户主"]),
];

/// A column name without a unit in brackets at its end: 面积（亩） → 面积.
fn without_unit(name: &str) -> &str {
    let trimmed = name.trim();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if trimmed.ends_with(close)
            && let Some(at) = trimmed.rfind(open)
            && at > 0
        {
            return trimmed[..at].trim_end();
        }
    }
    trimmed
}

/// A cell as it will be imported: dates in the project's style.
fn shown_cell(cell: &str, kind: ColumnKind, style: DateStyle) -> String {
    if kind == ColumnKind::Date {
        date_cell(cell, style)
    } else {
        cell.to_owned()
    }
}

impl ImportDialog {
    /// Reads the file with the chosen sheet and header row (all columns, for the choice).
    pub fn reread(&mut self) {
        if self.path.trim().is_empty() {
            self.read = None;
            self.error =
                Some("请先在“文件”栏填写要导入的文件路径，或点“浏览…”选择文件。".to_owned());
            self.focus_path = true;
            return;
        }
        let options = ImportOptions {
            sheet: self.sheet.clone(),
            header_row: (self.header_row > 0).then_some(self.header_row),
            columns: None,
        };
        match read_table(&PathBuf::from(self.path.trim()), &options) {
            Ok(read) => {
                self.keep = vec![true; read.columns.len()];
                self.names = vec![None; read.columns.len()];
                self.order = (0..read.columns.len()).collect();
                self.kinds = read.kinds.clone();
                self.header_row = read.header_row;
                self.sheet = read.sheet.clone();
                self.read = Some(read);
                self.error = None;
                self.fresh = true;
            }
            Err(error) => {
                self.read = None;
                self.error = Some(error.to_string());
            }
        }
    }

    /// The kept columns in the chosen order, as [`ImportOptions::columns`] takes them
    /// (`源列=栏名` when imported under another name), with their kinds.
    pub fn chosen(&self) -> (Vec<String>, Vec<ColumnKind>) {
        match &self.read {
            Some(read) => self.chosen_of(read),
            None => (Vec::new(), Vec::new()),
        }
    }

    /// [`Self::chosen`] of the file as `read`.
    fn chosen_of(&self, read: &Imported) -> (Vec<String>, Vec<ColumnKind>) {
        self.order
            .iter()
            .filter(|&&c| self.keep.get(c).copied().unwrap_or(false))
            .filter_map(|&c| {
                let source = read.columns.get(c)?;
                let spec = crate::import::column_spec(source, &self.import_name(read, c));
                Some((spec, *self.kinds.get(c)?))
            })
            .unzip()
    }

    /// The name column `c` of `read` is imported under.
    pub fn import_name(&self, read: &Imported, c: usize) -> String {
        match self.names.get(c).cloned().flatten() {
            Some(name) => name,
            None => suggested_name(&read.columns[c], &read.columns, &self.target_fields),
        }
    }

    fn start_browse(&mut self, ctx: &egui::Context) {
        let (sender, receiver) = mpsc::channel();
        let start_dir = std::path::Path::new(self.path.trim())
            .parent()
            .filter(|dir| dir.is_dir())
            .map(std::path::Path::to_path_buf);
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new()
                .set_title("选择要导入的表格")
                .add_filter(
                    "表格（Excel、WPS、CSV）",
                    &["xlsx", "xls", "ods", "csv", "txt"],
                );
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let _ = sender.send(dialog.pick_file());
            repaint.request_repaint();
        });
        self.browsing = Some((receiver, Instant::now()));
    }

    fn poll_browse(&mut self, ctx: &egui::Context) {
        let Some((receiver, started)) = &self.browsing else {
            return;
        };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                self.browsing = None;
                self.path = path.display().to_string();
                self.sheet = None;
                self.header_row = 0;
                self.reread();
            }
            Ok(None) => {
                if started.elapsed() < NO_DIALOG_THRESHOLD {
                    self.error = Some(NO_FILE_DIALOG_ZH.to_owned());
                    self.focus_path = true;
                }
                self.browsing = None;
            }
            Err(mpsc::TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
            Err(mpsc::TryRecvError::Disconnected) => self.browsing = None,
        }
    }

    /// The file row: path field, 浏览… and 读取.
    fn file_row_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let label = ui.label("文件：");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text(if self.target.starts_with("cards:") {
                            "/home/user/公开栏/发放名单.xlsx"
                        } else {
                            "/home/user/公开栏/低保名单.xlsx"
                        })
                        .desired_width(340.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_path) {
                field.request_focus();
            }
            let browse = ui.add_enabled(self.browsing.is_none(), egui::Button::new("浏览…"));
            if browse.clicked() {
                self.start_browse(ui.ctx());
            }
            if ui.button("读取").clicked() {
                self.sheet = None;
                self.header_row = 0;
                self.reread();
            }
        });
    }

    /// The columns in their import order: keep, kind, ↑ / ↓.
    fn columns_ui(&mut self, ui: &mut egui::Ui, read: &Imported) {
        ui.label("保留的列、顺序、类型和导入后的栏名（↑ ↓ 调整顺序）：");
        let mut move_to = None;
        egui::Grid::new("import-columns").show(ui, |ui| {
            let count = self.order.len();
            for position in 0..count {
                let c = self.order[position];
                let name = &read.columns[c];
                let keep = ui.checkbox(&mut self.keep[c], name);
                // The kind box is named by its column (for screen readers and tests).
                egui::ComboBox::from_id_salt(("import-kind", c))
                    .selected_text(kind_label(self.kinds[c]))
                    .show_ui(ui, |ui| {
                        for kind in KINDS {
                            ui.selectable_value(&mut self.kinds[c], kind, kind_label(kind));
                        }
                    })
                    .response
                    .labelled_by(keep.id);
                // The name it is imported under: its own, or one of the target's columns.
                let current = self.import_name(read, c);
                let shown = if current == *name {
                    "导入为：原名".to_owned()
                } else {
                    format!("导入为：{current}")
                };
                egui::ComboBox::from_id_salt(("import-name", c))
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        if ui
                            .selectable_label(current == *name, format!("原名“{name}”"))
                            .clicked()
                        {
                            self.names[c] = Some(name.clone());
                        }
                        for field in &self.target_fields {
                            if field != name
                                && ui.selectable_label(current == *field, field).clicked()
                            {
                                self.names[c] = Some(field.clone());
                            }
                        }
                    })
                    .response
                    .labelled_by(keep.id)
                    .on_hover_text("导入后这一列的栏名：明白卡的字段或表格的列名");
                let up = ui.add_enabled(position > 0, egui::Button::new("↑").small());
                if up.on_hover_text(format!("{name} 上移")).clicked() {
                    move_to = Some((position, true));
                }
                let down = ui.add_enabled(position + 1 < count, egui::Button::new("↓").small());
                if down.on_hover_text(format!("{name} 下移")).clicked() {
                    move_to = Some((position, false));
                }
                ui.end_row();
            }
        });
        if let Some((position, up)) = move_to {
            self.order = moved(&self.order, position, up);
        }
    }

    /// The first rows as they will be imported: kept columns in order, dates restyled.
    fn preview_ui(&self, ui: &mut egui::Ui, read: &Imported, style: DateStyle) {
        ui.label(format!(
            "预览（共 {} 行{}）：",
            read.rows.len(),
            if read.total_row {
                "，含合计行"
            } else {
                ""
            }
        ));
        let shown: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&c| self.keep[c])
            .collect();
        egui::ScrollArea::horizontal().show(ui, |ui| {
            egui::Grid::new("import-preview")
                .striped(true)
                .show(ui, |ui| {
                    for &c in &shown {
                        ui.strong(self.import_name(read, c));
                    }
                    ui.end_row();
                    for row in read.rows.iter().take(PREVIEW_ROWS) {
                        for &c in &shown {
                            let cell = row.get(c).map_or("", String::as_str);
                            ui.label(shown_cell(cell, self.kinds[c], style));
                        }
                        ui.end_row();
                    }
                });
        });
    }
}

/// `table:ID` / `cards:ID` for a target.
fn target_text(target: &crate::model::SourceTarget) -> String {
    match target {
        crate::model::SourceTarget::Table(id) => format!("table:{id}"),
        crate::model::SourceTarget::Cards(id) => format!("cards:{id}"),
    }
}

impl GongkaiApp {
    /// The import dialog, aimed at the selected item (or the card on the canvas) until a file
    /// is read: then at the item the file is linked to, else the selected one, else the best
    /// match by the file's name, sheet and columns — never just the first table.
    pub fn open_import_dialog(&mut self) {
        let selected = match self.current_card() {
            Some((card, _)) => Some(crate::model::SourceTarget::Cards(card.id.clone())),
            None => self
                .selection
                .item_id
                .clone()
                .map(crate::model::SourceTarget::Table),
        };
        self.import_dialog = Some(ImportDialog {
            target: selected.as_ref().map(target_text).unwrap_or_default(),
            target_reason: selected.as_ref().map(|_| "当前选中".to_owned()),
            selected,
            ..ImportDialog::default()
        });
    }

    /// Opens the dialog aimed at a card design's records (from the card inspector).
    pub fn open_import_dialog_for_cards(&mut self, card_id: &str) {
        self.import_dialog = Some(ImportDialog {
            target: format!("cards:{card_id}"),
            target_chosen: true,
            ..ImportDialog::default()
        });
    }

    /// After a file is read, or the target changed: the target (unless the clerk chose it) and
    /// the columns' defaults — a table keeps the file's names; a card keeps the columns its
    /// faces can print, fills a field of a near name (金额 → 金额（元）) and leaves out
    /// personal columns no face prints.
    fn settle_import_defaults(&self, dialog: &mut ImportDialog, read: &Imported) {
        let project = self.doc.project();
        let fresh = std::mem::take(&mut dialog.fresh);
        if fresh {
            dialog.defaults_for = None;
        }
        if fresh && !dialog.target_chosen {
            let project_dir = self.doc.path().and_then(|path| path.parent());
            let suggested = crate::jobs::import::suggest_target(
                project,
                project_dir,
                std::path::Path::new(dialog.path.trim()),
                read.sheet.as_deref(),
                &read.columns,
                dialog.selected.as_ref(),
            );
            match suggested {
                Some((target, reason)) => {
                    dialog.target = target_text(&target);
                    dialog.target_reason = Some(reason.label_zh().to_owned());
                }
                None => {
                    dialog.target = String::new();
                    dialog.target_reason = Some("看不出该导入到哪里，请选择".to_owned());
                }
            }
        }
        if dialog.defaults_for.as_deref() == Some(dialog.target.as_str()) {
            return;
        }
        dialog.defaults_for = Some(dialog.target.clone());
        let card = dialog
            .target
            .strip_prefix("cards:")
            .and_then(|id| project.card(id));
        match card {
            Some(card) => {
                let specs =
                    crate::jobs::import::default_card_columns(card, &read.columns, &dialog.kinds);
                for (c, column) in read.columns.iter().enumerate() {
                    let spec = specs
                        .iter()
                        .find(|spec| crate::import::column_pick(spec).0 == column);
                    dialog.keep[c] = spec.is_some();
                    dialog.names[c] = spec
                        .map(|spec| crate::import::column_pick(spec).1.to_owned())
                        .filter(|name| name != column);
                }
            }
            None => {
                // A table takes the file's columns as they are named (保障人数 stays 保障人数).
                dialog.keep = vec![true; read.columns.len()];
                dialog.names = read.columns.iter().cloned().map(Some).collect();
            }
        }
    }

    /// What the import will do to the target, before it is done: for a card, the fields from
    /// the file, the 固定内容 and the columns left out; for a table holding rows, before and
    /// after.
    fn import_plan_ui(&self, ui: &mut egui::Ui, dialog: &ImportDialog, read: &Imported) {
        let project = self.doc.project();
        let (specs, _) = dialog.chosen_of(read);
        if let Some(card) = dialog
            .target
            .strip_prefix("cards:")
            .and_then(|id| project.card(id))
        {
            let plan = crate::jobs::import::card_field_preview(card, &read.columns, &specs);
            for line in plan.lines() {
                ui.label(line);
            }
            ui.label(format!(
                "导入后：{} 户（现有 {} 户）",
                read.rows.len() - usize::from(read.total_row),
                card.records.len()
            ));
        } else if let Some(item) = dialog
            .target
            .strip_prefix("table:")
            .and_then(|id| project.item(id))
        {
            let now = item.blocks.iter().find_map(|block| match block {
                crate::model::Block::Table(table) => Some(table),
                _ => None,
            });
            match now {
                Some(table) if !table.rows.is_empty() => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "将替换“{}”现有的表格：{} 行（{}）→ {} 行（{}）",
                            item.title,
                            table.rows.len(),
                            table.columns.join("、"),
                            read.rows.len(),
                            specs
                                .iter()
                                .map(|spec| crate::import::column_pick(spec).1)
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    );
                }
                _ => {
                    ui.label(format!(
                        "将在“{}”中添加表格：{} 行",
                        item.title,
                        read.rows.len()
                    ));
                }
            }
        }
    }

    pub(crate) fn import_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.import_dialog.take() else {
            return;
        };
        dialog.poll_browse(ctx);
        let style = self.doc.project().settings.date_style;
        let mut open = true;
        let mut apply = false;
        egui::Window::new("导入数据")
            .open(&mut open)
            .default_width(680.0)
            .show(ctx, |ui| {
                dialog.file_row_ui(ui);
                if let Some(error) = &dialog.error {
                    ui.colored_label(egui::Color32::from_rgb(0xc6, 0x28, 0x28), error);
                }
                let Some(read) = dialog.read.take() else {
                    return;
                };
                for warning in &read.warnings {
                    ui.colored_label(ui.visuals().warn_fg_color, warning);
                }
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
                self.settle_import_defaults(&mut dialog, &read);
                dialog.target_fields = self.import_target_fields(&dialog.target);
                dialog.columns_ui(ui, &read);
                dialog.preview_ui(ui, &read, style);
                let target_before = dialog.target.clone();
                ui.horizontal(|ui| {
                    let shown = if dialog.target.is_empty() {
                        "（请选择）".to_owned()
                    } else {
                        self.import_target_label(&dialog.target)
                    };
                    egui::ComboBox::new("import-target", "导入到")
                        .selected_text(shown)
                        .width(320.0)
                        .show_ui(ui, |ui| {
                            for item in &self.doc.project().items {
                                let value = format!("table:{}", item.id);
                                ui.selectable_value(
                                    &mut dialog.target,
                                    value,
                                    format!("表格：{}", item.title),
                                );
                            }
                            for card in &self.doc.project().cards {
                                let value = format!("cards:{}", card.id);
                                ui.selectable_value(
                                    &mut dialog.target,
                                    value,
                                    format!("明白卡名单：{}", card.name),
                                );
                            }
                        });
                    if let Some(reason) = &dialog.target_reason {
                        ui.weak(format!("（{reason}）"));
                    }
                });
                if dialog.target != target_before {
                    dialog.target_chosen = true;
                    dialog.target_reason = None;
                }
                self.import_plan_ui(ui, &dialog, &read);
                if ui
                    .add_enabled(!dialog.target.is_empty(), egui::Button::new("导入"))
                    .clicked()
                {
                    apply = true;
                }
                dialog.read = Some(read);
                if reread {
                    dialog.reread();
                }
            });
        if apply && dialog.read.is_some() {
            let (columns, kinds) = dialog.chosen();
            let options = ImportOptions {
                sheet: dialog.sheet.clone(),
                header_row: Some(dialog.header_row),
                columns: Some(columns),
            };
            let project_dir = self
                .doc
                .path()
                .as_ref()
                .and_then(|path| path.parent())
                .map(PathBuf::from);
            let planned = TargetSpec::parse(&dialog.target).and_then(|target| {
                plan_import(
                    self.doc.project(),
                    project_dir.as_deref(),
                    &PathBuf::from(dialog.path.trim()),
                    &options,
                    &target,
                    Some(kinds),
                )
            });
            match planned {
                Ok(plan) => {
                    // Applied after the frame; refused, the dialog comes back as it was.
                    self.later(move |app| {
                        if app.apply_edit(plan.edit) {
                            app.say(plan.summary);
                        } else {
                            app.import_dialog = Some(dialog);
                        }
                    });
                    return;
                }
                Err(error) => dialog.error = Some(error.to_string()),
            }
        }
        if open {
            self.import_dialog = Some(dialog);
        }
    }

    /// The columns the target has now: a card's fields, a table's columns.
    fn import_target_fields(&self, target: &str) -> Vec<String> {
        TargetSpec::parse(target)
            .and_then(|spec| spec.resolve(self.doc.project()))
            .map(|target| crate::jobs::import::target_columns(self.doc.project(), &target))
            .unwrap_or_default()
    }

    fn import_target_label(&self, target: &str) -> String {
        match target.split_once(':') {
            Some(("table", id)) => self
                .doc
                .project()
                .item(id)
                .map_or(target.to_owned(), |item| format!("表格：{}", item.title)),
            Some(("cards", id)) => self
                .doc
                .project()
                .card(id)
                .map_or(target.to_owned(), |card| {
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
            .doc
            .path()
            .as_ref()
            .and_then(|path| path.parent())
            .map(PathBuf::from);
        match plan_update(self.doc.project(), project_dir.as_deref(), &target) {
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
                // Personal numbers masked unless the clerk must compare them with the file.
                let full_id = egui::Id::unique("source_update_full_numbers");
                let mut full_numbers = ui
                    .data(|data| data.get_temp::<bool>(full_id))
                    .unwrap_or(false);
                ui.checkbox(&mut full_numbers, "显示完整号码")
                    .on_hover_text(
                        "身份证号、银行卡号和手机号默认脱敏显示；需要与源文件核对时再打开。",
                    );
                ui.data_mut(|data| data.insert_temp(full_id, full_numbers));
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in diff_lines(&plan, full_numbers) {
                            ui.label(line);
                        }
                    });
                if !plan.diff.is_empty() {
                    ui.weak("应用后可用“撤销”一步恢复。");
                }
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
            self.later(move |app| {
                if app.apply_edit(plan.edit) {
                    app.say(plan.summary);
                }
            });
            return;
        }
        if open && !cancel {
            self.source_update = Some(plan);
        }
    }
}

/// Keeps the type name in this module's public face for the app's field.
pub type SourceUpdate = ImportPlan;

#[cfg(test)]
mod tests {
    use super::{moved, suggested_name};

    #[test]
    fn a_column_is_suggested_under_the_one_field_that_holds_its_name() {
        let fields: Vec<String> = [
            "户号",
            "户主",
            "村民小组",
            "面积/人数",
            "补贴标准",
            "补贴金额",
        ]
        .map(String::from)
        .to_vec();
        let file: Vec<String> = ["户主姓名", "面积", "金额", "标准", "备注", "户号"]
            .map(String::from)
            .to_vec();
        let suggested = |source: &str| suggested_name(source, &file, &fields);
        assert_eq!(suggested("面积"), "面积/人数");
        assert_eq!(suggested("金额"), "补贴金额");
        assert_eq!(suggested("户主姓名"), "户主");
        assert_eq!(suggested("标准"), "补贴标准");
        assert_eq!(suggested("备注"), "备注", "no field holds it");
        assert_eq!(suggested("户号"), "户号", "a field of its own name");
        // A unit in brackets is left out of the match.
        let with_units: Vec<String> = ["面积（亩）", "补贴金额（元）", "金额(元)"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            suggested_name("面积（亩）", &with_units, &fields),
            "面积/人数"
        );
        assert_eq!(
            suggested_name("补贴金额（元）", &with_units, &fields),
            "补贴金额"
        );
        assert_eq!(suggested_name("金额(元)", &with_units, &fields), "补贴金额");
        assert_eq!(suggested_name("组别", &file, &fields), "村民小组");
        // Two fields hold 补贴: no guess.
        assert_eq!(suggested_name("补贴", &file, &fields), "补贴");
        assert_eq!(suggested_name("面积", &file, &[]), "面积");
    }

    #[test]
    fn a_column_moves_one_place_and_stays_at_the_ends() {
        assert_eq!(moved(&[0, 1, 2], 2, true), [0, 2, 1]);
        assert_eq!(moved(&[0, 1, 2], 0, false), [1, 0, 2]);
        assert_eq!(moved(&[0, 1, 2], 0, true), [0, 1, 2]);
        assert_eq!(moved(&[0, 1, 2], 2, false), [0, 1, 2]);
        assert_eq!(moved(&[0, 1, 2], 7, true), [0, 1, 2]);
    }
}
