//! The content editors of an item: the list of blocks (move, remove, add) and the editor of
//! each kind of block (text, list, key–value lines, table, picture, QR code, 办事流程图).

use super::super::GongkaiApp;
use super::super::files::BlockOwner;
use super::form::{column_width_px, name_widget, number_row_ui, text_area_ui, text_row_ui};
use super::paste::table_from_pasted;
use crate::model::{Block, FlowStep, Flowchart, Item, KeyValue, Table};
use eframe::egui;

impl GongkaiApp {
    pub(super) fn blocks_ui(&mut self, ui: &mut egui::Ui, item: &Item) {
        self.owned_blocks_ui(ui, BlockOwner::Item(item.id.clone()), &item.blocks);
    }

    /// The block list of an item or of a panel: each block's editor, move, remove, add.
    pub(super) fn owned_blocks_ui(
        &mut self,
        ui: &mut egui::Ui,
        owner: BlockOwner,
        blocks: &[Block],
    ) {
        let mut blocks = blocks.to_vec();
        let mut changed = false;
        let base_dir = self.project_dir();
        let mut pick_picture = None;
        let mut remove = None;
        let mut swap = None;
        let count = blocks.len();
        for (index, block) in blocks.iter_mut().enumerate() {
            ui.push_id(("block", index), |ui| {
                ui.horizontal(|ui| {
                    ui.weak(block_kind_label(block));
                    if ui.small_button("↑").clicked() && index > 0 {
                        swap = Some(index - 1);
                    }
                    if ui.small_button("↓").clicked() && index + 1 < count {
                        swap = Some(index);
                    }
                    if ui.small_button("删除").clicked() {
                        remove = Some(index);
                    }
                });
                if let Block::Image { path, width_mm, .. } = block {
                    let (picked, resized) = picture_editor_ui(ui, path, width_mm, &base_dir);
                    if picked {
                        pick_picture = Some((index, path.clone()));
                    }
                    changed |= resized;
                }
                changed |= block_editor_ui(ui, block);
                ui.add_space(6.0);
            });
        }
        if let Some(index) = remove {
            blocks.remove(index);
            changed = true;
        }
        if let Some(index) = swap {
            blocks.swap(index, index + 1);
            changed = true;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label("添加：");
            for (label, block) in [
                ("段落", Block::paragraph("")),
                (
                    "列表",
                    Block::List {
                        ordered: true,
                        entries: vec![String::new()],
                    },
                ),
                (
                    "键值行",
                    Block::KeyValue {
                        pairs: vec![KeyValue::new("监督电话", "")],
                    },
                ),
                (
                    "表格",
                    Block::Table(Table {
                        columns: vec!["项目".into(), "金额".into()],
                        rows: vec![vec![String::new(), String::new()]],
                        column_kinds: Vec::new(),
                        total_row: false,
                    }),
                ),
                (
                    "图片",
                    Block::Image {
                        path: String::new(),
                        caption: String::new(),
                        width_mm: None,
                    },
                ),
                (
                    "二维码",
                    Block::Qr {
                        text: String::new(),
                        caption: String::new(),
                        size_mm: 40.0,
                    },
                ),
                (
                    "办事流程图",
                    Block::Flowchart(Flowchart {
                        steps: crate::layout::flowchart::starter_steps(),
                    }),
                ),
            ] {
                if ui.button(label).clicked() {
                    blocks.push(block);
                    changed = true;
                }
            }
        });
        if changed {
            self.queue_gesture_edit(owner.set_blocks(blocks, self.today));
        }
        if let Some((index, current)) = pick_picture {
            self.request_picture(owner, index, &current);
        }
    }
}

fn block_kind_label(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "段落",
        Block::List { .. } => "列表（每行一条）",
        Block::KeyValue { .. } => "键值行",
        Block::Table(_) => "表格",
        Block::Image { .. } => "图片",
        Block::Qr { .. } => "二维码",
        Block::Flowchart(_) => "办事流程图",
    }
}

/// The entries of a list typed one per line (a line break at the very end starts no entry).
fn list_entries(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// The editor of one block; returns whether it changed.
fn block_editor_ui(ui: &mut egui::Ui, block: &mut Block) -> bool {
    match block {
        Block::Paragraph { text } => text_area_ui(ui, "段落文字", text, 5)
            .map(|new| *text = new)
            .is_some(),
        Block::List { ordered, entries } => {
            let mut changed = ui.checkbox(ordered, "编号").changed();
            // The text as typed, while it still gives these entries: an Enter at the end (the
            // next entry not typed yet) stays in the field instead of being dropped.
            let typed_id = ui.scope_id().with("list-typed");
            let shown = ui
                .data(|data| data.get_temp::<String>(typed_id))
                .filter(|typed| list_entries(typed) == *entries)
                .unwrap_or_else(|| entries.join("\n"));
            if let Some(text) = text_area_ui(ui, "列表条目", &shown, 4) {
                let typed = list_entries(&text);
                ui.data_mut(|data| data.insert_temp(typed_id, text));
                if typed != *entries {
                    *entries = typed;
                    changed = true;
                }
            }
            changed
        }
        Block::KeyValue { pairs } => {
            let mut changed = false;
            let mut remove = None;
            for (index, pair) in pairs.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(&mut pair.key)
                                .desired_width(90.0)
                                .hint_text("名称"),
                        )
                        .changed();
                    ui.label("：");
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(&mut pair.value)
                                .desired_width(170.0)
                                .hint_text("内容"),
                        )
                        .changed();
                    if ui.small_button("×").clicked() {
                        remove = Some(index);
                    }
                });
            }
            if let Some(index) = remove {
                pairs.remove(index);
                changed = true;
            }
            if ui.small_button("加一行").clicked() {
                pairs.push(KeyValue::default());
                changed = true;
            }
            changed
        }
        Block::Table(table) => table_editor_ui(ui, table),
        // The file and width are edited by `picture_editor_ui`.
        Block::Image { caption, .. } => text_row_ui(ui, "图注", caption)
            .map(|new| *caption = new)
            .is_some(),
        Block::Qr {
            text,
            caption,
            size_mm,
        } => {
            let mut changed = text_row_ui(ui, "二维码内容", text)
                .map(|new| *text = new)
                .is_some();
            changed |= text_row_ui(ui, "说明", caption)
                .map(|new| *caption = new)
                .is_some();
            changed |= number_row_ui(ui, "边长", *size_mm, 10.0..=500.0, " 毫米")
                .map(|new| *size_mm = new)
                .is_some();
            changed
        }
        Block::Flowchart(chart) => flowchart_editor_ui(ui, chart),
    }
}

/// What a click in the step list does (applied after the list is drawn).
enum StepAction {
    Up(usize),
    Down(usize),
    Remove(usize),
    Insert(usize),
}

/// 办事流程图 as a list of steps: each step's text, 是/否 判断 with its 否 box, 办理时限; ↑ ↓ 删除
/// and 在下面插入一步 per step, 加一步 at the end. Each click is one change (one undo step).
fn flowchart_editor_ui(ui: &mut egui::Ui, chart: &mut Flowchart) -> bool {
    let mut changed = false;
    let mut action = None;
    let count = chart.steps.len();
    for (index, step) in chart.steps.iter_mut().enumerate() {
        ui.push_id(("flow-step", index), |ui| {
            let name = format!("第{}步", index + 1);
            // The step's text takes what the label and the four buttons leave of the panel.
            let text_width_pt = (ui.available_width() - 170.0).clamp(80.0, 170.0);
            ui.horizontal(|ui| {
                let label = ui.label(&name);
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut step.text)
                            .desired_width(text_width_pt)
                            .hint_text("做什么，如“窗口受理”"),
                    )
                    .labelled_by(label.id)
                    .changed();
                let button = ui.small_button("↑").on_hover_text("上移");
                if name_widget(button, format!("{name}上移")).clicked() && index > 0 {
                    action = Some(StepAction::Up(index));
                }
                let button = ui.small_button("↓").on_hover_text("下移");
                if name_widget(button, format!("{name}下移")).clicked() && index + 1 < count {
                    action = Some(StepAction::Down(index));
                }
                let button = ui.small_button("×").on_hover_text("删除这一步");
                if name_widget(button, format!("{name}删除这一步")).clicked() {
                    action = Some(StepAction::Remove(index));
                }
                let button = ui.small_button("+").on_hover_text("在下面插入一步");
                if name_widget(button, format!("{name}在下面插入一步")).clicked() {
                    action = Some(StepAction::Insert(index + 1));
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.add_space(24.0);
                let mut question = step.no_branch.is_some();
                if ui
                    .checkbox(&mut question, format!("{name}是/否判断"))
                    .changed()
                {
                    step.no_branch = question.then(String::new);
                    changed = true;
                }
                let label = ui.label(format!("{name}办理时限"));
                changed |= ui
                    .add(
                        egui::TextEdit::singleline(&mut step.time_limit)
                            .desired_width(90.0)
                            .hint_text("如 3个工作日"),
                    )
                    .labelled_by(label.id)
                    .changed();
            });
            if let Some(no) = &mut step.no_branch {
                ui.horizontal(|ui| {
                    ui.add_space(24.0);
                    let label = ui.label(format!("{name}选“否”时"));
                    changed |= ui
                        .add(
                            egui::TextEdit::singleline(no)
                                .desired_width(170.0)
                                .hint_text("如“一次性告知需补正的材料”"),
                        )
                        .labelled_by(label.id)
                        .changed();
                });
            }
        });
    }
    match action {
        Some(StepAction::Up(index)) => chart.steps.swap(index - 1, index),
        Some(StepAction::Down(index)) => chart.steps.swap(index, index + 1),
        Some(StepAction::Remove(index)) => {
            chart.steps.remove(index);
        }
        Some(StepAction::Insert(index)) => chart.steps.insert(index, FlowStep::default()),
        None => {}
    }
    changed |= action.is_some();
    if ui.small_button("加一步").clicked() {
        chart.steps.push(FlowStep::default());
        changed = true;
    }
    changed
}

/// The picture of an image block: its file (typed, or chosen with 选择图片…), what the file is
/// or why it cannot be used, and its printed width. Returns (选择图片… clicked, width changed).
/// What the picture file's header says, looked at again every
/// [`super::super::checked::RECHECK_INTERVAL_S`] seconds or when the path changes, never every
/// frame (the answer is kept in egui's memory under the path).
fn probed(ui: &egui::Ui, resolved: &std::path::Path) -> Result<crate::images::ImageInfo, String> {
    type Probed = (f64, Result<crate::images::ImageInfo, String>);
    let id = egui::Id::unique(("picture probe", resolved));
    let now_s = ui.input(|input| input.time);
    if let Some((looked_at_s, answer)) = ui.data(|data| data.get_temp::<Probed>(id))
        && now_s - looked_at_s < super::super::checked::RECHECK_INTERVAL_S
    {
        return answer;
    }
    let answer = crate::images::probe(resolved).map_err(|error| error.to_string());
    ui.data_mut(|data| data.insert_temp::<Probed>(id, (now_s, answer.clone())));
    answer
}

fn picture_editor_ui(
    ui: &mut egui::Ui,
    path: &mut String,
    width_mm: &mut Option<f32>,
    base_dir: &Option<std::path::PathBuf>,
) -> (bool, bool) {
    let mut picked = false;
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.label("图片文件");
        changed |= ui
            .add(
                egui::TextEdit::singleline(path)
                    .desired_width(200.0)
                    .hint_text("图片/村委会.jpg"),
            )
            .labelled_by(label.id)
            .changed();
        picked = ui.button("选择图片…").clicked();
    });
    let resolved = crate::images::resolve(path, base_dir.as_deref());
    match probed(ui, &resolved) {
        _ if path.trim().is_empty() => {
            ui.weak("还没有图片：点“选择图片…”。");
        }
        Ok(info) => {
            let kind = match info.kind {
                crate::images::ImageKind::Png => "PNG",
                crate::images::ImageKind::Jpeg => "JPEG",
            };
            ui.weak(format!("{kind}，{}×{} 像素", info.width_px, info.height_px));
        }
        Err(error) => {
            // Wrapped: a long message stays inside the inspector.
            ui.add(
                egui::Label::new(egui::RichText::new(error).color(ui.visuals().error_fg_color))
                    .wrap(),
            );
        }
    }
    let mut full_width = width_mm.is_none();
    if ui.checkbox(&mut full_width, "与栏宽相同").changed() {
        *width_mm = if full_width { None } else { Some(100.0) };
        changed = true;
    }
    if let Some(width) = width_mm
        && let Some(new_width) = number_row_ui(ui, "图片宽度", *width, 10.0..=5000.0, " 毫米")
    {
        *width = new_width;
        changed = true;
    }
    (picked, changed)
}

fn table_editor_ui(ui: &mut egui::Ui, table: &mut Table) -> bool {
    let mut changed = false;
    let columns = table.columns.len();
    let char_px = ui.text_style_height(&egui::TextStyle::Body);
    let widths_px: Vec<f32> = (0..columns)
        .map(|column| {
            let cells = std::iter::once(table.columns.get(column))
                .chain(table.rows.iter().map(|row| row.get(column)))
                .flatten()
                .map(String::as_str);
            column_width_px(cells, char_px)
        })
        .collect();
    egui::ScrollArea::horizontal()
        .id_salt("table-grid")
        .show(ui, |ui| {
            egui::Grid::new("table-cells").striped(true).show(ui, |ui| {
                for (column, cell) in table.columns.iter_mut().enumerate() {
                    let name = format!("表头第{}列", column + 1);
                    let response = ui.add_sized(
                        [widths_px[column], char_px + 6.0],
                        egui::TextEdit::singleline(cell)
                            .font(egui::TextStyle::Button)
                            .hint_text(name.as_str()),
                    );
                    changed |= name_widget(response, name).changed();
                }
                ui.end_row();
                for (row_index, row) in table.rows.iter_mut().enumerate() {
                    row.resize(columns, String::new());
                    for (column, cell) in row.iter_mut().enumerate() {
                        let name = format!("第{}行第{}列", row_index + 1, column + 1);
                        let response = ui.add_sized(
                            [widths_px[column], char_px + 6.0],
                            egui::TextEdit::singleline(cell).hint_text(name.as_str()),
                        );
                        changed |= name_widget(response, name).changed();
                    }
                    ui.end_row();
                }
            });
        });
    ui.horizontal(|ui| {
        if ui.small_button("加行").clicked() {
            table.rows.push(vec![String::new(); columns]);
            changed = true;
        }
        if ui.small_button("删最后一行").clicked() && !table.rows.is_empty() {
            table.rows.pop();
            changed = true;
        }
        if ui.small_button("加列").clicked() {
            table.columns.push(String::new());
            table
                .rows
                .iter_mut()
                .for_each(|row| row.push(String::new()));
            changed = true;
        }
        if ui.small_button("删最后一列").clicked() && columns > 1 {
            table.columns.pop();
            table.rows.iter_mut().for_each(|row| {
                row.truncate(columns - 1);
            });
            changed = true;
        }
    });
    if !table.rows.is_empty() {
        let mut total = table.total_row;
        if ui
            .checkbox(&mut total, "最后一行是合计行（加粗，上方加线）")
            .on_hover_text("第一格是“合计”“总计”“小计”的行，粘贴或导入时自动标为合计行")
            .changed()
        {
            table.total_row = total;
            changed = true;
        }
    }
    let paste_id = ui.make_persistent_id("table-paste");
    let mut pasted: String = ui.data(|data| data.get_temp(paste_id)).unwrap_or_default();
    let label = ui.label("从 Excel/WPS 复制单元格，粘贴到下面（第一行作表头）：");
    ui.add(
        egui::TextEdit::multiline(&mut pasted)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    if ui.button("用粘贴的单元格替换表格").clicked() {
        if let Some(new_table) = table_from_pasted(&pasted) {
            *table = new_table;
            changed = true;
        }
        pasted.clear();
    }
    ui.data_mut(|data| data.insert_temp(paste_id, pasted));
    changed
}
