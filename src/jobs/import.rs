//! The import job: a table block or a card design's records filled from a spreadsheet or CSV
//! file ([`plan_import`]), the link to the file remembered, "从源文件更新" ([`plan_update`]: the
//! rows added, removed and changed, applied as one undo step), and `check`'s word on linked
//! files that changed on disk or are gone ([`source_problems`]). Jobs return edits and
//! messages; the caller applies them (one [`Edit::Batch`]) and saves.

use crate::import::{ImportError, ImportOptions, Imported, RowDiff, diff_rows, read_table};
use crate::model::{
    Block, CardDesign, CardRecord, ColumnKind, DataSource, Edit, Project, SourceTarget, Table,
};
use crate::text::quoted;
use std::path::{Path, PathBuf};

/// Where imported rows go, as typed: `table:ITEM` (the item's id or title) or `cards:NAME`
/// (the card design's id or name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetSpec {
    Table(String),
    Cards(String),
}

impl TargetSpec {
    pub fn parse(text: &str) -> Result<Self, ImportJobError> {
        let (kind, name) = text
            .split_once([':', '：'])
            .ok_or_else(|| ImportJobError::BadTarget(text.to_owned()))?;
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(ImportJobError::BadTarget(text.to_owned()));
        }
        match kind.trim() {
            "table" | "表格" => Ok(TargetSpec::Table(name)),
            "cards" | "card" | "明白卡" => Ok(TargetSpec::Cards(name)),
            _ => Err(ImportJobError::BadTarget(text.to_owned())),
        }
    }

    /// The target in the project, found by id, else by title / name.
    pub fn resolve(&self, project: &Project) -> Result<SourceTarget, ImportJobError> {
        match self {
            TargetSpec::Table(name) => project
                .item(name)
                .or_else(|| project.items.iter().find(|item| item.title == *name))
                .map(|item| SourceTarget::Table(item.id.clone()))
                .ok_or_else(|| ImportJobError::NoSuchItem(name.clone())),
            TargetSpec::Cards(name) => project
                .card(name)
                .or_else(|| project.cards.iter().find(|card| card.name == *name))
                .map(|card| SourceTarget::Cards(card.id.clone()))
                .ok_or_else(|| ImportJobError::NoSuchCards(name.clone())),
        }
    }
}

/// Why an import or update could not be made. Messages for clerks.
#[derive(Debug, thiserror::Error)]
pub enum ImportJobError {
    #[error("{0}")]
    Read(#[from] ImportError),
    #[error("导入目标“{0}”无法识别。请写 table:事项编号或标题，或 cards:明白卡名称。")]
    BadTarget(String),
    #[error("找不到公开事项“{0}”（按编号或标题）。")]
    NoSuchItem(String),
    #[error("找不到明白卡“{0}”（按编号或名称）。")]
    NoSuchCards(String),
    #[error("“{0}”没有关联的源文件，请先导入。")]
    NoSource(String),
    #[error("源文件 {0} 不存在（已被移动、改名或删除）。请重新选择文件导入。")]
    SourceGone(String),
    #[error("列的类型有 {given} 个，而导入的列有 {columns} 个。")]
    KindCount { given: usize, columns: usize },
}

/// A planned import or update: the edit to apply (one undo step) and what it does.
#[derive(Clone, Debug)]
pub struct ImportPlan {
    pub edit: Edit,
    pub imported: Imported,
    pub target: SourceTarget,
    /// Against the data the target holds now: `diff`'s old indices point into `old_rows`,
    /// its new indices into `imported.rows`.
    pub diff: RowDiff,
    pub old_rows: Vec<Vec<String>>,
    /// What will happen, for the clerk.
    pub summary: String,
}

/// What the plan changes, a line per row: 新增 and 修改 with the new cells (修改 also with
/// the cells it replaces), 删除 with the removed row's cells. The CLI prints these, the app's
/// 从源文件更新 window lists them.
pub fn diff_lines(plan: &ImportPlan, full_numbers: bool) -> Vec<String> {
    let settings = crate::model::PrivacySettings::default();
    // Personal numbers are masked on screen and on the terminal unless the clerk asks to see
    // them whole (显示完整号码, `--show-numbers`) to compare with the file.
    let shown = |cell: &str| {
        if full_numbers {
            cell.to_owned()
        } else {
            crate::privacy::mask_all(cell, &settings)
        }
    };
    let new_rows = &plan.imported.rows;
    let row = |rows: &[Vec<String>], i: usize| {
        rows.get(i).map_or(String::new(), |r| {
            r.iter()
                .map(|cell| shown(cell))
                .collect::<Vec<_>>()
                .join(" | ")
        })
    };
    let mut lines = Vec::new();
    if plan.diff.columns_changed {
        lines.push(format!("列：{}", plan.imported.columns.join("、")));
    }
    for &j in &plan.diff.added {
        lines.push(format!("新增：{}", row(new_rows, j)));
    }
    for &i in &plan.diff.removed {
        lines.push(format!("删除：{}", row(&plan.old_rows, i)));
    }
    for &(i, j) in &plan.diff.changed {
        let old = plan.old_rows.get(i).map_or(&[][..], Vec::as_slice);
        let new = new_rows.get(j).map_or(&[][..], Vec::as_slice);
        lines.push(format!("修改：{}", changed_row(old, new, &shown)));
    }
    if plan.diff.total_changed {
        let new_total = if plan.imported.total_row {
            row(new_rows, new_rows.len().saturating_sub(1))
        } else {
            "（无）".to_owned()
        };
        lines.push(format!("合计行：{new_total}"));
    }
    lines
}

/// A changed row, each cell as it is now and each changed cell marked 【原值 → 新值】.
fn changed_row(old: &[String], new: &[String], shown: &dyn Fn(&str) -> String) -> String {
    (0..old.len().max(new.len()))
        .map(|column| {
            let before = old.get(column).map_or("", String::as_str);
            let after = new.get(column).map_or("", String::as_str);
            if before == after {
                shown(after)
            } else {
                format!("【{} → {}】", shown(before), shown(after))
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The path to remember: relative to the project's folder when the file is inside it.
pub fn stored_path(source: &Path, project_dir: Option<&Path>) -> String {
    let absolute = std::path::absolute(source).unwrap_or_else(|_| source.to_path_buf());
    if let Some(dir) = project_dir {
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Ok(relative) = absolute.strip_prefix(&dir) {
            return relative.to_string_lossy().replace('\\', "/");
        }
    }
    absolute.to_string_lossy().into_owned()
}

/// Where a stored source path points, on disk.
pub fn source_file(source: &DataSource, project_dir: Option<&Path>) -> PathBuf {
    let path = PathBuf::from(&source.path);
    match project_dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path,
    }
}

/// The columns the target holds now: a table's columns, a card design's fields.
pub fn target_columns(project: &Project, target: &SourceTarget) -> Vec<String> {
    match target {
        SourceTarget::Table(item_id) => project
            .item(item_id)
            .and_then(|item| {
                item.blocks.iter().find_map(|block| match block {
                    Block::Table(table) => Some(table.columns.clone()),
                    _ => None,
                })
            })
            .unwrap_or_default(),
        SourceTarget::Cards(card_id) => project
            .card(card_id)
            .map(|card| card.fields.clone())
            .unwrap_or_default(),
    }
}

/// The columns and rows the target holds now.
fn current_data(project: &Project, target: &SourceTarget) -> (Vec<String>, Vec<Vec<String>>) {
    match target {
        SourceTarget::Table(item_id) => project
            .item(item_id)
            .and_then(|item| {
                item.blocks.iter().find_map(|block| match block {
                    Block::Table(table) => Some((table.columns.clone(), table.rows.clone())),
                    _ => None,
                })
            })
            .unwrap_or_default(),
        SourceTarget::Cards(card_id) => project
            .card(card_id)
            .map(|card| {
                let rows = card
                    .records
                    .iter()
                    .map(|record| {
                        card.fields
                            .iter()
                            .map(|field| record.get(field).cloned().unwrap_or_default())
                            .collect()
                    })
                    .collect();
                (card.fields.clone(), rows)
            })
            .unwrap_or_default(),
    }
}

/// The imported rows the target keeps: a card design's records have no 合计 row.
fn target_rows<'a>(imported: &'a Imported, target: &SourceTarget) -> &'a [Vec<String>] {
    match target {
        SourceTarget::Cards(_) if imported.total_row => {
            &imported.rows[..imported.rows.len().saturating_sub(1)]
        }
        _ => &imported.rows,
    }
}

/// Whether the target's data ends with a 合计 row now.
fn has_total_row(project: &Project, target: &SourceTarget) -> bool {
    match target {
        SourceTarget::Table(item_id) => project.item(item_id).is_some_and(|item| {
            item.blocks
                .iter()
                .find_map(|block| match block {
                    Block::Table(table) => Some(table.total_row),
                    _ => None,
                })
                .unwrap_or(false)
        }),
        SourceTarget::Cards(_) => false,
    }
}

/// The rows without a trailing 合计 row, and that row.
fn split_total(rows: &[Vec<String>], total_row: bool) -> (&[Vec<String>], Option<&Vec<String>>) {
    match rows.split_last() {
        Some((last, body)) if total_row => (body, Some(last)),
        _ => (rows, None),
    }
}

/// The target's data now against the imported rows: the households (rows) added, removed and
/// changed, and whether the 合计 row changed, told apart. Also the rows now, which the
/// diff's old indices point into.
fn diff_against(
    project: &Project,
    target: &SourceTarget,
    imported: &Imported,
) -> (RowDiff, Vec<Vec<String>>) {
    let (old_columns, old_rows) = current_data(project, target);
    let (old_body, old_total) = split_total(&old_rows, has_total_row(project, target));
    let new_rows = target_rows(imported, target);
    let new_has_total = imported.total_row && new_rows.len() == imported.rows.len();
    let (new_body, new_total) = split_total(new_rows, new_has_total);
    let mut diff = diff_rows(&old_columns, old_body, &imported.columns, new_body);
    diff.total_changed = old_total != new_total;
    (diff, old_rows)
}

/// A card design with its fields and records replaced by the imported ones; personal
/// columns are marked so that they are masked on every card, date columns so that an update
/// from the source writes their dates in the same style.
pub fn card_with_records(card: &CardDesign, imported: &Imported) -> CardDesign {
    let mut card = card.clone();
    card.fields = imported.columns.clone();
    card.records = target_rows(imported, &SourceTarget::Cards(card.id.clone()))
        .iter()
        .map(|row| {
            imported
                .columns
                .iter()
                .cloned()
                .zip(row.iter().cloned())
                .collect::<CardRecord>()
        })
        .collect();
    card.field_kinds = imported
        .columns
        .iter()
        .zip(&imported.kinds)
        .filter(|(_, kind)| {
            matches!(
                kind,
                ColumnKind::IdNumber
                    | ColumnKind::BankAccount
                    | ColumnKind::Phone
                    | ColumnKind::Date
            )
        })
        .map(|(name, kind)| (name.clone(), *kind))
        .collect();
    card
}

fn target_edit(
    project: &Project,
    target: &SourceTarget,
    imported: &Imported,
) -> Result<Edit, ImportJobError> {
    match target {
        SourceTarget::Table(item_id) => {
            let item = project
                .item(item_id)
                .ok_or_else(|| ImportJobError::NoSuchItem(item_id.clone()))?;
            let table = Table {
                columns: imported.columns.clone(),
                rows: imported.rows.clone(),
                column_kinds: imported.kinds.clone(),
                total_row: imported.total_row,
            };
            let mut blocks = item.blocks.clone();
            match blocks
                .iter_mut()
                .find(|block| matches!(block, Block::Table(_)))
            {
                Some(slot) => *slot = Block::Table(table),
                None => blocks.push(Block::Table(table)),
            }
            Ok(Edit::SetItemBlocks {
                item_id: item_id.clone(),
                blocks,
                changed_on: None,
            })
        }
        SourceTarget::Cards(card_id) => {
            let card = project
                .card(card_id)
                .ok_or_else(|| ImportJobError::NoSuchCards(card_id.clone()))?;
            Ok(Edit::SetCard(card_with_records(card, imported)))
        }
    }
}

fn target_label(project: &Project, target: &SourceTarget) -> String {
    match target {
        SourceTarget::Table(item_id) => format!(
            "公开事项“{}”的表格",
            quoted(
                &project
                    .item(item_id)
                    .map_or(item_id.clone(), |i| i.title.clone())
            )
        ),
        SourceTarget::Cards(card_id) => format!(
            "明白卡“{}”的名单",
            quoted(
                &project
                    .card(card_id)
                    .map_or(card_id.clone(), |c| c.name.clone())
            )
        ),
    }
}

/// Plans importing `source` into `target` (a table block replaced or added, or a card
/// design's records), linking the file. `kinds`: the clerk's column kinds (default: guessed).
pub fn plan_import(
    project: &Project,
    project_dir: Option<&Path>,
    source: &Path,
    options: &ImportOptions,
    target: &TargetSpec,
    kinds: Option<Vec<ColumnKind>>,
) -> Result<ImportPlan, ImportJobError> {
    let target = target.resolve(project)?;
    let mut imported = read_table(source, options)?;
    if let Some(kinds) = kinds {
        if kinds.len() != imported.columns.len() {
            return Err(ImportJobError::KindCount {
                given: kinds.len(),
                columns: imported.columns.len(),
            });
        }
        imported.kinds = kinds;
    }
    crate::import::apply_date_kinds(&mut imported, project.settings.date_style);
    let link = DataSource {
        target: target.clone(),
        path: stored_path(source, project_dir),
        sheet: imported.sheet.clone(),
        header_row: imported.header_row,
        columns: options.columns.clone().unwrap_or_default(),
        hash: imported.hash.clone(),
    };
    let (diff, old_rows) = diff_against(project, &target, &imported);
    let edit = Edit::Batch(vec![
        target_edit(project, &target, &imported)?,
        Edit::SetSource(link),
    ]);
    let summary = match &target {
        // A card's 名单 leaves the 合计 row out: say what it holds, households.
        SourceTarget::Cards(_) => format!(
            "从 {} 导入 {} 户、{} 栏到{}{}。",
            source.display(),
            imported.rows.len() - usize::from(imported.total_row),
            imported.columns.len(),
            target_label(project, &target),
            if imported.total_row {
                "（文件末尾的合计行不是一户，未导入）"
            } else {
                ""
            }
        ),
        SourceTarget::Table(_) => format!(
            "从 {} 导入 {} 行 {} 列到{}{}。",
            source.display(),
            imported.rows.len(),
            imported.columns.len(),
            target_label(project, &target),
            if imported.total_row {
                "（含合计行）"
            } else {
                ""
            }
        ),
    };
    Ok(ImportPlan {
        edit,
        imported,
        target,
        diff,
        old_rows,
        summary,
    })
}

/// "从源文件更新": re-reads the linked file with the stored sheet, header row and columns, and
/// plans the change (rows added, removed, changed) as one edit. Column kinds the clerk set
/// are kept when the columns are the same.
pub fn plan_update(
    project: &Project,
    project_dir: Option<&Path>,
    target: &SourceTarget,
) -> Result<ImportPlan, ImportJobError> {
    let link = project
        .source(target)
        .ok_or_else(|| ImportJobError::NoSource(target_label(project, target)))?;
    let file = source_file(link, project_dir);
    if !file.exists() {
        return Err(ImportJobError::SourceGone(file.display().to_string()));
    }
    let options = ImportOptions {
        sheet: link.sheet.clone(),
        header_row: Some(link.header_row),
        columns: (!link.columns.is_empty()).then(|| link.columns.clone()),
    };
    let mut imported = read_table(&file, &options)?;
    if target_columns(project, target) == imported.columns {
        match target {
            SourceTarget::Table(item_id) => {
                if let Some(Block::Table(table)) = project
                    .item(item_id)
                    .and_then(|item| item.blocks.iter().find(|b| matches!(b, Block::Table(_))))
                {
                    imported.kinds = (0..imported.columns.len())
                        .map(|c| table.column_kind(c))
                        .collect();
                }
            }
            SourceTarget::Cards(card_id) => {
                if let Some(card) = project.card(card_id) {
                    imported.kinds = imported
                        .columns
                        .iter()
                        .map(|name| card.field_kinds.get(name).copied().unwrap_or_default())
                        .collect();
                }
            }
        }
    }
    crate::import::apply_date_kinds(&mut imported, project.settings.date_style);
    let (diff, old_rows) = diff_against(project, target, &imported);
    let mut relinked = link.clone();
    relinked.hash = imported.hash.clone();
    relinked.sheet = imported.sheet.clone();
    let edit = Edit::Batch(vec![
        target_edit(project, target, &imported)?,
        Edit::SetSource(relinked),
    ]);
    let summary = format!("{}：{}", target_label(project, target), diff.summary_zh());
    Ok(ImportPlan {
        edit,
        imported,
        target: target.clone(),
        diff,
        old_rows,
        summary,
    })
}

/// Linked files that changed on disk since the import, or are gone, said for the clerk.
pub fn source_problems(
    project: &Project,
    project_dir: Option<&Path>,
) -> Vec<(SourceTarget, String)> {
    project
        .sources
        .iter()
        .filter_map(|link| {
            let file = source_file(link, project_dir);
            let label = target_label(project, &link.target);
            let problem = match crate::import::file_hash(&file) {
                None if !file.exists() => Some(format!(
                    "{label}的源文件 {} 不存在了（已被移动、改名或删除）。",
                    file.display()
                )),
                None => Some(format!("{label}的源文件 {} 无法读取。", file.display())),
                Some(hash) if hash != link.hash => Some(format!(
                    "{label}的源文件 {} 在导入后改动过。可点“从源文件更新”或运行 gongkai import 重新导入。",
                    file.display()
                )),
                Some(_) => None,
            };
            problem.map(|message| (link.target.clone(), message))
        })
        .collect()
}
