//! `gongkai export FILE --mode image -o DIR`: pictures for phones (the village WeChat group)
//! through [`crate::jobs::export_pictures`]. Exit codes as the PDF export: 0 written; 1
//! problems (nothing written unless --force) or personal numbers (never written); 2 the input
//! could not be read, an option is unusable, or the output could not be written.

use super::export::{ExportArgs, FormatArg, all_boards, request_with_card_view};
use crate::compose::PictureRequest;
use crate::jobs::{PictureError, PictureFormat, export_pictures};
use crate::layout::LayoutEngine;
use crate::model;
use std::path::Path;
use std::process::ExitCode;

/// Runs the picture export (each board into its own folder with `--board all`).
pub fn run_image_export(args: &ExportArgs) -> ExitCode {
    let project = match model::load_project(&args.file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if args.data.is_some() {
        eprintln!("错误：--data 只用于 --mode cards（明白卡拼版）；明白卡图片用项目中的名单。");
        return ExitCode::from(2);
    }
    let request = match request_with_card_view(args, &project) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let format = match args.format {
        FormatArg::Png => PictureFormat::Png,
        FormatArg::Jpeg if (1..=100).contains(&args.quality) => PictureFormat::Jpeg {
            quality: args.quality,
        },
        FormatArg::Jpeg => {
            eprintln!("错误：--quality 应在 1 到 100 之间（默认 90）。");
            return ExitCode::from(2);
        }
    };
    let picture_request = PictureRequest {
        board: args.board.clone(),
        cards: args.cards.clone(),
        board_width_px: args.width,
        phone_width_px: args.phone_width,
        card_view: request.card_view,
        created: request.created,
    };
    if all_boards(args) && args.cards.is_none() {
        let mut worst = ExitCode::SUCCESS;
        let mut used = Vec::new();
        for board in &project.boards {
            let mut folder = crate::jobs::file_name_for(&board.name);
            if used.contains(&folder) {
                folder = format!("{folder}-{}", board.id);
            }
            used.push(folder.clone());
            let one = PictureRequest {
                board: Some(board.id.clone()),
                ..picture_request.clone()
            };
            let code = export_one(args, &project, &one, format, &args.output.join(folder));
            if code == ExitCode::from(2) {
                return code;
            }
            if code != ExitCode::SUCCESS {
                worst = code;
            }
        }
        return worst;
    }
    export_one(args, &project, &picture_request, format, &args.output)
}

fn export_one(
    args: &ExportArgs,
    project: &model::Project,
    request: &PictureRequest,
    format: PictureFormat,
    out_dir: &Path,
) -> ExitCode {
    let mut engine = LayoutEngine::for_project(project);
    engine.set_base_dir(args.file.parent().map(Path::to_path_buf));
    let exported = match export_pictures(&mut engine, project, request, format, args.force, out_dir)
    {
        Ok(exported) => exported,
        Err(PictureError::PersonalData(places)) => {
            return super::export::refuse_personal_data(&places, "图片");
        }
        Err(PictureError::Problems(problems)) => {
            for problem in &problems {
                eprintln!("问题：{problem}");
            }
            eprintln!(
                "未写出图片：有 {} 个问题。请在设计器中修改后重试，或加 --force 仍然导出。",
                problems.len()
            );
            return ExitCode::from(1);
        }
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    for problem in &exported.problems {
        eprintln!("问题：{problem}");
    }
    for note in &exported.notes {
        outln!("提示：{note}");
    }
    for picture in &exported.pictures {
        outln!(
            "已写出 {}：{}×{} 像素，{} KB。",
            out_dir.join(&picture.file_name).display(),
            picture.width_px,
            picture.height_px,
            picture.bytes.div_ceil(1024)
        );
    }
    outln!(
        "共 {} 张图片，在 {}。",
        exported.pictures.len(),
        out_dir.display()
    );
    if exported.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
