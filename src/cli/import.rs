//! `gongkai import FILE --source data.xlsx [--sheet NAME] [--header-row N] --into
//! table:ITEM|cards:NAME [--columns A,B,C]`: a table block (replaced, or added) or a card
//! design's records from a spreadsheet or CSV, the file linked. Without `--source`: 从源文件更新
//! — the linked file is read again and the rows added, removed and changed are shown, then
//! applied (not with `--dry-run`).
//!
//! Exit 0 saved (or nothing to change), 2 unreadable input, refused, or not saved.

use crate::import::{ImportOptions, parse_columns};
use crate::jobs::import::{
    ImportPlan, TargetSpec, diff_lines, plan_import, plan_update, suggest_target,
};
use crate::model;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `gongkai import`.
#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The project file (.gongkai.json).
    pub file: PathBuf,
    /// 数据文件：.xlsx、.xls、.ods、.csv 或 .txt（省略时：从已关联的源文件更新）.
    #[arg(long, value_name = "DATA")]
    pub source: Option<PathBuf>,
    /// 工作表名称（默认第一张）.
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// 表头所在行，从 1 数起（默认自动识别，跳过标题行）.
    #[arg(long, value_name = "N")]
    pub header_row: Option<usize>,
    /// 导入到：table:事项编号或标题，或 cards:明白卡名称（省略时：文件已关联的表格或明白卡，否则名称和列最相近的一个）.
    #[arg(long, value_name = "table:ITEM|cards:NAME")]
    pub into: Option<String>,
    /// 保留的列及其顺序，按表头名称，逗号分隔（默认全部）；`面积=面积/人数` 把文件的“面积”列导入为“面积/人数”栏（如明白卡的字段）.
    #[arg(long, value_name = "A,B=栏名,C")]
    pub columns: Option<String>,
    /// 只显示将要导入或更新的内容，不保存.
    #[arg(long)]
    pub dry_run: bool,
    /// 列出变化时显示完整的身份证号、银行卡号和手机号（默认脱敏显示）.
    #[arg(long)]
    pub show_numbers: bool,
}

fn print_plan(plan: &ImportPlan, show_numbers: bool) {
    for warning in &plan.imported.warnings {
        eprintln!("注意：{warning}");
    }
    outln!("{}", plan.summary);
    if let Some(fields) = &plan.card_fields {
        for line in fields.lines() {
            outln!("  {line}");
        }
    }
    for line in diff_lines(plan, show_numbers) {
        outln!("  {line}");
    }
}

/// Where the rows go: `--into`, else the table or card the file is linked to, else the one
/// whose name and columns best match the file's.
fn target_of(
    args: &ImportArgs,
    project: &model::Project,
    dir: Option<&Path>,
) -> Result<TargetSpec, String> {
    if let Some(into) = &args.into {
        return TargetSpec::parse(into).map_err(|error| error.to_string());
    }
    let Some(source) = &args.source else {
        return Err(
            "请用 --into 指明要从源文件更新的表格（table:事项）或明白卡（cards:名称）。".to_owned(),
        );
    };
    let options = ImportOptions {
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        columns: None,
    };
    let read = crate::import::read_table(source, &options).map_err(|error| error.to_string())?;
    let suggested = suggest_target(
        project,
        dir,
        source,
        read.sheet.as_deref(),
        &read.columns,
        None,
    );
    match suggested {
        Some((model::SourceTarget::Table(id), reason)) => {
            outln!(
                "导入到公开事项“{}”的表格（{}）。",
                project
                    .item(&id)
                    .map_or(id.as_str(), |item| item.title.as_str()),
                reason.label_zh()
            );
            Ok(TargetSpec::Table(id))
        }
        Some((model::SourceTarget::Cards(id), reason)) => {
            outln!(
                "导入到明白卡“{}”（{}）。",
                project
                    .card(&id)
                    .map_or(id.as_str(), |card| card.name.as_str()),
                reason.label_zh()
            );
            Ok(TargetSpec::Cards(id))
        }
        None => Err(format!(
            "看不出 {} 该导入到哪里（没有关联过，名称和列也没有相近的表格或明白卡）。请用 --into table:事项 或 --into cards:明白卡名称 指明。",
            source.display()
        )),
    }
}

pub fn run_import(args: &ImportArgs) -> ExitCode {
    let _lock = if args.dry_run {
        None
    } else {
        match super::lock_project(&args.file, "import") {
            Ok(lock) => Some(lock),
            Err(code) => return code,
        }
    };
    let mut project = match model::load_project(&args.file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let dir = args.file.parent().map(Path::to_path_buf);
    let target = match target_of(args, &project, dir.as_deref()) {
        Ok(target) => target,
        Err(message) => {
            eprintln!("错误：{message}");
            eprintln!("项目未改动。");
            return ExitCode::from(2);
        }
    };
    let planned = match &args.source {
        Some(source) => {
            let options = ImportOptions {
                sheet: args.sheet.clone(),
                header_row: args.header_row,
                columns: args.columns.as_deref().map(parse_columns),
            };
            plan_import(&project, dir.as_deref(), source, &options, &target, None)
        }
        None => target
            .resolve(&project)
            .and_then(|resolved| plan_update(&project, dir.as_deref(), &resolved)),
    };
    let plan = match planned {
        Ok(plan) => plan,
        Err(error) => {
            eprintln!("错误：{error}");
            eprintln!("项目未改动。");
            return ExitCode::from(2);
        }
    };
    print_plan(&plan, args.show_numbers);
    if args.dry_run {
        outln!("（--dry-run：未保存）");
        return ExitCode::SUCCESS;
    }
    // 从源文件更新 with nothing new: the project stays as it is.
    if args.source.is_none()
        && plan.diff.is_empty()
        && project.source(&plan.target).map(|s| &s.hash) == Some(&plan.imported.hash)
    {
        return ExitCode::SUCCESS;
    }
    if let Err(error) = project.apply(plan.edit) {
        eprintln!("错误：{error}");
        eprintln!("项目未改动。");
        return ExitCode::from(2);
    }
    if let Err(error) = model::save_project(&project, &args.file) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    outln!("已保存 {}。", args.file.display());
    ExitCode::SUCCESS
}
