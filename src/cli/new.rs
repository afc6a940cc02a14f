//! `gongkai new [--template town] [--date YYYY-MM-DD] -o FILE`: writes the sample project.
//! Exit 0 written, 2 not written.

use crate::catalog::sample_project;
use crate::model;
use std::process::ExitCode;

pub fn run_new(
    output: &std::path::Path,
    force: bool,
    date: Option<chrono::NaiveDate>,
    board: &super::new_parts::BoardArgs,
) -> ExitCode {
    if output.exists() && !force {
        eprintln!(
            "错误：{} 已存在。换一个文件名，或加 --force 覆盖（原文件会保留为 .bak）。",
            output.display()
        );
        return ExitCode::from(2);
    }
    let published_on = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut project = sample_project(published_on);
    if let Err(error) = board.apply(&mut project) {
        eprintln!("错误：{error}。未写出项目。");
        return ExitCode::from(2);
    }
    match model::save_project(&project, output) {
        Ok(()) => {
            println!(
                "已创建示例项目 {}：{} 块公开栏，{} 个栏目，{} 项公开内容，{} 种明白卡。",
                output.display(),
                project.boards.len(),
                project.boards.iter().map(|b| b.panels.len()).sum::<usize>(),
                project.items.len(),
                project.cards.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误：{error}");
            ExitCode::from(2)
        }
    }
}
