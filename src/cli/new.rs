//! `gongkai new [--template NAME] [--unit 单位] [--phone 电话] [--town 乡镇] [--size WxH] [--catalog KIND]
//! [--date YYYY-MM-DD] -o FILE`: writes a new project from a template;
//! `gongkai new --list-templates` lists the templates. Exit 0 written (or listed), 2 not.

use crate::catalog::{CatalogKind, TemplateKind, TemplateOptions, project_from_template};
use crate::model::{self, SizeMm};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct NewArgs {
    /// 模板：town（乡镇政务公开栏）、village（村务公开栏）、community（社区居务公开栏）、
    /// service（便民服务中心办事指南栏）、blank（空白）; the Chinese names work too.
    #[arg(long, default_value = "town", value_name = "NAME")]
    pub template: String,
    /// List the templates and stop.
    #[arg(long)]
    pub list_templates: bool,
    /// 单位名称, e.g. 东湾村村民委员会 (default: left empty and named by `check`; the town
    /// sample keeps its own).
    #[arg(long, value_name = "单位名称")]
    pub unit: Option<String>,
    /// 监督电话.
    #[arg(long, value_name = "电话")]
    pub phone: Option<String>,
    /// 所属乡镇 (a village's town: the county summary groups by it).
    #[arg(long, value_name = "乡镇")]
    pub town: Option<String>,
    /// 公开栏尺寸（毫米），宽x高，如 3600x1200 (default 2400x1200; the town sample's panels are
    /// scaled to it).
    #[arg(long = "board-size", alias = "size", value_name = "WxH", value_parser = parse_size)]
    pub size: Option<SizeMm>,
    /// The catalog of a blank project: town, village or community.
    #[arg(long, value_name = "KIND")]
    pub catalog: Option<String>,
    /// Where to write the project (.gongkai.json).
    #[arg(short, long, required_unless_present = "list_templates")]
    pub output: Option<PathBuf>,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
    /// 建立日期 of the project, YYYY-MM-DD (default: today); nothing counts as published until
    /// `gongkai publish`.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub parts: super::new_parts::PartsArgs,
}

fn parse_size(text: &str) -> Result<SizeMm, String> {
    let (width, height) = text
        .split_once(['x', 'X', '×', '*'])
        .ok_or_else(|| format!("尺寸“{text}”应写成 宽x高（毫米），例如 2400x1200"))?;
    // The designer's limits: from 100 mm to the largest board (100 m; over 5080 mm the PDF
    // is exported reduced, with the scale for the print shop).
    let max_mm = crate::model::limits::MAX_BOARD_SIDE_MM;
    let number = |part: &str| {
        part.trim()
            .parse::<f32>()
            .ok()
            .filter(|mm| (100.0..=max_mm).contains(mm))
            .ok_or_else(|| format!("尺寸“{text}”：宽和高应是 100 到 {max_mm} 之间的毫米数"))
    };
    Ok(SizeMm::new(number(width)?, number(height)?))
}

pub fn run_new(args: &NewArgs) -> ExitCode {
    if args.list_templates {
        for kind in TemplateKind::ALL {
            outln!(
                "{:<10}{}：{}",
                kind.key(),
                kind.name_zh(),
                kind.description_zh()
            );
        }
        return ExitCode::SUCCESS;
    }
    let Some(kind) = TemplateKind::parse(&args.template) else {
        eprintln!(
            "错误：没有名为“{}”的模板。可用的模板：{}（gongkai new --list-templates 列出说明）。",
            args.template,
            TemplateKind::ALL
                .iter()
                .map(|kind| format!("{}（{}）", kind.key(), kind.name_zh()))
                .collect::<Vec<_>>()
                .join("、")
        );
        return ExitCode::from(2);
    };
    let catalog = match args.catalog.as_deref().map(CatalogKind::parse) {
        None => None,
        Some(Some(catalog)) => Some(catalog),
        Some(None) => {
            eprintln!("错误：目录只能是 town（乡镇）、village（村务）或 community（社区居务）。");
            return ExitCode::from(2);
        }
    };
    let Some(output) = args.output.as_deref() else {
        eprintln!("错误：请用 -o 指定新项目的文件名。");
        return ExitCode::from(2);
    };
    if output.exists() && !args.force {
        eprintln!(
            "错误：{} 已存在。换一个文件名，或加 --force 覆盖（原文件会保留为 .bak）。",
            output.display()
        );
        return ExitCode::from(2);
    }
    let options = TemplateOptions {
        unit_name: args.unit.clone(),
        supervision_phone: args.phone.clone(),
        board_size_mm: args.size,
        catalog,
        today: args
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
    };
    let mut project = project_from_template(kind, &options);
    if let Some(town) = &args.town {
        project.meta.town = town.trim().to_owned();
    }
    if let Err(error) = args.parts.apply(&mut project, args.size) {
        eprintln!("错误：{error}。未写出项目。");
        return ExitCode::from(2);
    }
    // Over an existing project (--force): not while another process writes it.
    let _lock = if output.exists() {
        match super::lock_project(output, "new") {
            Ok(lock) => Some(lock),
            Err(code) => return code,
        }
    } else {
        None
    };
    match model::save_project(&project, output) {
        Ok(()) => {
            outln!(
                "已从模板“{}”创建 {}：单位 {}，{} 块公开栏，{} 个栏目，{} 项公开内容，{} 种明白卡。",
                kind.name_zh(),
                output.display(),
                project.meta.unit_name,
                project.boards.len(),
                project.boards.iter().map(|b| b.panels.len()).sum::<usize>(),
                project.items.len(),
                project.cards.len()
            );
            let (sample, places): (Vec<_>, Vec<_>) = model::placeholder_places(&project)
                .into_iter()
                .partition(|place| place.sample_text);
            let places = places.len();
            if !sample.is_empty() {
                outln!(
                    "有 {} 个地方还是示例“{}镇”的文字（模板自带的虚构内容，如单位简介、明白卡），gongkai check 会列出它们，改成本单位的内容之前导出会被拒绝。",
                    sample.len(),
                    model::SAMPLE_UNIT_SHORT_NAME
                );
            }
            if places > 0 {
                let blanks = serde_json::to_string(&project)
                    .map_or(0, |text| text.matches(model::PLACEHOLDER).count());
                outln!(
                    "还有 {blanks} 处“{}”待填写（在 {places} 个地方）；gongkai check 会列出它们，填完之前导出会被拒绝。",
                    model::PLACEHOLDER
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误：{error}");
            ExitCode::from(2)
        }
    }
}
