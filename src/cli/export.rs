//! `gongkai export`: the command-line face of [`crate::jobs::export_project`].
//!
//! Exit codes: 0 written; 1 the layout has problems (overflow, missing characters) and nothing
//! was written — or, with `--force`, it was written anyway —, or personal numbers would print
//! in full (never written, `--force` or not); 2 the input could not be read, an
//! option is unusable, or the output could not be written.

use crate::compose::{ExportMode, ExportRequest, Paper};
use crate::jobs::{ExportError, export_project};
use crate::layout::LayoutEngine;
use crate::model;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The export mode on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModeArg {
    /// 公开栏原大（印刷厂）.
    Board,
    /// 分页拼贴（办公室打印机；分块的公开栏每块单独拼贴）.
    Tiles,
    /// 分块原大：每块（橱窗门、展板）一页.
    Parts,
    /// 表簿（A4）.
    Register,
    /// 明白卡拼版.
    Cards,
    /// 手机图片：整版图片、每个栏目一张长图（--cards：每户明白卡一张）.
    Image,
}

/// Picture formats of `--mode image`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Png,
    #[value(alias = "jpg")]
    Jpeg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperArg {
    #[value(name = "A4", alias = "a4")]
    A4,
    #[value(name = "A3", alias = "a3")]
    A3,
}

/// Options of `gongkai export`.
#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// The project file (.gongkai.json).
    pub file: PathBuf,
    /// board: 原大整版；tiles: A4/A3 拼贴；parts: 分块原大，每块一页；register: 表簿；cards: 明白卡拼版.
    #[arg(long, value_enum, default_value = "board")]
    pub mode: ModeArg,
    /// The board's name or id (default: the first board); `all`: every board, one PDF each,
    /// named after the board, in the folder given by -o.
    #[arg(long, value_name = "NAME")]
    pub board: Option<String>,
    /// The card design's name or id (default: the first).
    #[arg(long, value_name = "NAME")]
    pub cards: Option<String>,
    /// Paper for tiles and cards.
    #[arg(long, value_enum, default_value = "A4")]
    pub paper: PaperArg,
    /// Overlap of tiles in mm (more than the printer's 5 mm margin).
    #[arg(long, value_name = "MM", default_value_t = 15.0)]
    pub overlap: f32,
    /// Tiles: also print sheets that show only the background (left out by default).
    #[arg(long)]
    pub keep_blank: bool,
    /// Tiles: fit the board, reduced, onto COLUMNSxROWS sheets (e.g. 3x2) for an office copy.
    #[arg(long, value_name = "CxR", value_parser = parse_fit_sheets)]
    pub fit_sheets: Option<(u32, u32)>,
    /// Tiles: header and footer bands as outlines, to save toner.
    #[arg(long)]
    pub toner_saving: bool,
    /// Bleed in mm (board default 0, cards default 3).
    #[arg(long, value_name = "MM")]
    pub bleed: Option<f32>,
    /// Export the board at 1:N.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub scale: u32,
    /// Crop marks (board); full-length marks (cards).
    #[arg(long)]
    pub marks: bool,
    /// Black and grey text, lines and marks in the K channel only (near-black as K100).
    #[arg(long)]
    pub cmyk_black: bool,
    /// 对内表簿: a register that includes the 对内 items (only with --mode register).
    #[arg(long)]
    pub internal: bool,
    /// Cards: fronts only, no back pages.
    #[arg(long)]
    pub no_backs: bool,
    /// Cards: only the records whose field has this value, e.g. `--filter 村民小组=一组`.
    #[arg(long, value_name = "字段=值")]
    pub filter: Option<String>,
    /// Cards: the records sorted by this field (numbers as numbers), e.g. `--sort 户号`.
    #[arg(long, value_name = "字段")]
    pub sort: Option<String>,
    /// Write even when text overflows, characters are missing or text runs under a frame bar.
    #[arg(long)]
    pub force: bool,
    /// The creation date written into the PDF and the day the footer's 下次公开日期 is worked
    /// out for, YYYY-MM-DD (default: now); fixes the output.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<chrono::NaiveDate>,
    /// Cards: 一次性打印的名单（.xlsx、.xls、.ods、.csv），代替明白卡已有的名单；项目不改动
    /// (one-off records for --mode cards; the project is not changed).
    #[arg(long, value_name = "DATA")]
    pub data: Option<PathBuf>,
    /// With --data: 保留的列及导入后的栏名，如 `户主姓名=户主,组别=村民小组,面积（亩）=面积/人数`（同 import 的 --columns）
    /// (the columns of --data to use, `源列=栏名` to fill a card field of another name).
    #[arg(long, value_name = "A,B=栏名,C", requires = "data")]
    pub columns: Option<String>,
    /// --mode image: the board picture's width in pixels.
    #[arg(long, value_name = "PX", default_value_t = crate::compose::pictures::DEFAULT_BOARD_WIDTH_PX)]
    pub width: u32,
    /// --mode image: the width of each panel's long picture and of each card face, in pixels.
    #[arg(long, value_name = "PX", default_value_t = crate::compose::pictures::DEFAULT_PHONE_WIDTH_PX)]
    pub phone_width: u32,
    /// --mode image: png (sharp text, default) or jpeg.
    #[arg(long, value_enum, default_value = "png")]
    pub format: FormatArg,
    /// --mode image --format jpeg: JPEG quality, 1–100.
    #[arg(long, value_name = "1-100", default_value_t = crate::jobs::pictures::DEFAULT_JPEG_QUALITY)]
    pub quality: u8,
    /// 全部导出：每个公开栏（原大、分块、A4 拼贴）、表簿和每张明白卡，写进 -o 文件夹下一个带日期的文件夹，附导出清单.
    #[arg(long, conflicts_with_all = ["board", "cards", "data", "internal"])]
    pub all: bool,
    /// Where to write the PDF (--mode image: the folder for the pictures; --all: the folder).
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: PathBuf,
}

/// `--filter 字段=值` and `--sort 字段` as a record view; None when neither is given.
pub fn card_view_arg(
    filter: Option<&str>,
    sort: Option<&str>,
) -> Result<Option<model::RecordView>, String> {
    if filter.is_none() && sort.is_none() {
        return Ok(None);
    }
    let filter = match filter {
        Some(text) => match text.split_once('=') {
            Some((field, value)) if !field.trim().is_empty() => {
                Some((field.trim().to_owned(), value.trim().to_owned()))
            }
            _ => {
                return Err(format!(
                    "--filter 应写成“字段=值”，例如 --filter 村民小组=一组，而不是“{}”。",
                    crate::text::quoted(text)
                ));
            }
        },
        None => None,
    };
    let sort_by = sort
        .map(str::trim)
        .filter(|field| !field.is_empty())
        .map(str::to_owned);
    Ok(Some(model::RecordView { filter, sort_by }))
}

/// `--fit-sheets 3x2` (also 3×2, 3*2): columns and rows of sheets.
fn parse_fit_sheets(text: &str) -> Result<(u32, u32), String> {
    let message = || format!("“{text}”不是“列数x行数”，例如 3x2");
    let (columns, rows) = text
        .trim()
        .split_once(['x', 'X', '×', '*'])
        .ok_or_else(message)?;
    let number = |part: &str| part.trim().parse::<u32>().map_err(|_| message());
    Ok((number(columns)?, number(rows)?))
}

impl ExportArgs {
    pub(super) fn request(&self) -> ExportRequest {
        let created = match self.date {
            Some(date) => date
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default()
                .and_utc()
                .fixed_offset(),
            None => chrono::Local::now().fixed_offset(),
        };
        ExportRequest {
            mode: match self.mode {
                ModeArg::Board => ExportMode::Board,
                ModeArg::Tiles => ExportMode::Tiles,
                ModeArg::Parts => ExportMode::Parts,
                ModeArg::Register => ExportMode::Register,
                ModeArg::Cards => ExportMode::Cards,
                // Pictures follow the board's (or the cards') PDF export: see `picture_request`.
                ModeArg::Image if self.cards.is_some() => ExportMode::Cards,
                ModeArg::Image => ExportMode::Board,
            },
            board: self.board.clone(),
            cards: self.cards.clone(),
            paper: match self.paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::A3 => Paper::A3,
            },
            overlap_mm: self.overlap,
            skip_blank_tiles: !self.keep_blank,
            fit_sheets: self.fit_sheets,
            toner_saving: self.toner_saving,
            bleed_mm: self.bleed,
            scale_denominator: self.scale,
            marks: self.marks,
            card_backs: !self.no_backs,
            card_view: None,
            cmyk_black: self.cmyk_black,
            internal: self.internal,
            created,
            draft: false,
        }
    }
}

/// `--board all` (or 全部).
pub(super) fn all_boards(args: &ExportArgs) -> bool {
    args.board
        .as_deref()
        .is_some_and(|board| board.eq_ignore_ascii_case("all") || board == "全部")
}

/// `--board all`: one PDF per board in the folder `-o` names, each named after its board.
/// Exit 0 all written, 1 some refused (problems), 2 unreadable or unwritable.
fn run_export_all(args: &ExportArgs) -> ExitCode {
    let project = match model::load_project(&args.file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if let Err(error) = std::fs::create_dir_all(&args.output) {
        eprintln!(
            "错误：无法建立文件夹 {}：{}。--board all 时 -o 是存放各公开栏 PDF 的文件夹。",
            args.output.display(),
            model::io_error_zh(&error)
        );
        return ExitCode::from(2);
    }
    let mut worst = ExitCode::SUCCESS;
    let mut used_names: Vec<String> = Vec::new();
    for board in &project.boards {
        let mut name = crate::jobs::file_name_for(&board.name);
        if used_names.contains(&name) {
            name = format!("{name}-{}", board.id);
        }
        used_names.push(name.clone());
        let one = ExportArgs {
            board: Some(board.id.clone()),
            output: args.output.join(format!("{name}.pdf")),
            ..args.clone()
        };
        let code = run_export(&one);
        if code == ExitCode::from(2) {
            return code;
        }
        if code != ExitCode::SUCCESS {
            worst = code;
        }
    }
    worst
}

/// `--all`: the whole set ([`crate::jobs::export_all::write_all`]) into a dated folder under
/// `-o`. Exit 0 all written, 1 some left out (problems, personal numbers), 2 unreadable or
/// unwritable.
fn run_export_set(args: &ExportArgs) -> ExitCode {
    let project = match model::load_project(&args.file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut engine = LayoutEngine::for_project(&project);
    engine.set_base_dir(args.file.parent().map(Path::to_path_buf));
    let written = match crate::jobs::export_all::write_all(
        &mut engine,
        &project,
        &args.file,
        &args.output,
        date,
        args.force,
    ) {
        Ok(written) => written,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    for note in &written.notes {
        outln!("提示：{note}");
    }
    for refused in &written.refused {
        eprintln!("问题：{refused}");
    }
    outln!(
        "已导出 {} 个文件到 {}（清单见 {}）。",
        written.files.len().saturating_sub(1),
        written.dir.display(),
        crate::jobs::export_all::LIST_NAME
    );
    if written.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "有 {} 个文件未导出。请在设计器中修改后重试，或加 --force 照原样导出（未脱敏的号码始终不导出）。",
            written.refused.len()
        );
        ExitCode::from(1)
    }
}

/// The request of the arguments with the 名单's filter and order (`--filter`, `--sort`), refused
/// with the clerk's sentence when they do not fit the project's cards.
pub(super) fn request_with_card_view(
    args: &ExportArgs,
    project: &model::Project,
) -> Result<ExportRequest, String> {
    let mut request = args.request();
    request.card_view = card_view_arg(args.filter.as_deref(), args.sort.as_deref())?;
    match card_view_problem(project, &request) {
        Some(problem) => Err(problem),
        None => Ok(request),
    }
}

/// A filter or sort naming a field the card design does not have.
pub(super) fn card_view_problem(
    project: &model::Project,
    request: &ExportRequest,
) -> Option<String> {
    let view = request.card_view.as_ref()?;
    let design = match &request.cards {
        Some(name) => project.card_by_id_or_name(name)?,
        None => project.cards.first()?,
    };
    let fields = view
        .filter
        .iter()
        .map(|(field, _)| field)
        .chain(view.sort_by.iter());
    for field in fields {
        if !design.fields.contains(field) {
            return Some(format!(
                "明白卡“{}”没有“{}”这一栏。可用的栏：{}。",
                crate::text::quoted(&design.name),
                crate::text::quoted(field),
                design.fields.join("、")
            ));
        }
    }
    None
}

/// A refusal for personal numbers, as `export` says it for a PDF or pictures (`what`: " PDF" or
/// "图片"): each place, then what to do; exit 1, `--force` or not.
pub(super) fn refuse_personal_data(places: &[String], what: &str) -> ExitCode {
    for place in places {
        eprintln!("问题：{place}");
    }
    eprintln!(
        "未写出{what}：{} 处身份证号、银行卡号或手机号未脱敏（--force 也不能越过）。请在设计器的检查结果中点“脱敏”，或把表格列设为相应的个人信息类型；确需公开的号码可标记“允许公开”并写明理由。",
        places.len()
    );
    ExitCode::from(1)
}

/// Runs `gongkai export` and returns the exit code.
pub fn run_export(args: &ExportArgs) -> ExitCode {
    if args.mode == ModeArg::Image {
        return super::export_image::run_image_export(args);
    }
    if args.all {
        return run_export_set(args);
    }
    if all_boards(args) {
        return run_export_all(args);
    }
    let mut project = match model::load_project(&args.file) {
        Ok(project) => project,
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    if let Some(data) = &args.data
        && let Err(error) = one_off_records(&mut project, args, data)
    {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    let request = match request_with_card_view(args, &project) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("错误：{message}");
            return ExitCode::from(2);
        }
    };
    let mut engine = LayoutEngine::for_project(&project);
    engine.set_base_dir(args.file.parent().map(Path::to_path_buf));
    let exported = match export_project(&mut engine, &project, &request) {
        Ok(exported) => exported,
        Err(ExportError::PersonalData(places)) => return refuse_personal_data(&places, " PDF"),
        Err(error) => {
            eprintln!("错误：{error}");
            return ExitCode::from(2);
        }
    };
    for problem in &exported.problems {
        eprintln!("问题：{problem}");
    }
    // A one-off list's columns are matched on the command line, not in the 名单.
    if args.data.is_some()
        && exported
            .problems
            .iter()
            .any(|problem| problem.contains("名单里没有这些栏"))
    {
        eprintln!(
            "提示：--data 的名单不改动项目；列名与卡面字段不同时，用 --columns 对应，如 --columns 户主姓名=户主,组别=村民小组。"
        );
    }
    if !exported.problems.is_empty() && !args.force {
        eprintln!(
            "未写出 PDF：有 {} 个问题。请在设计器中修改后重试，或加 --force 仍然导出。",
            exported.problems.len()
        );
        return ExitCode::from(1);
    }
    if let Err(error) = crate::jobs::write_output(
        &args.output,
        &exported.bytes,
        crate::fileio::OutputKind::Pdf,
        Some(&project),
        Some(&args.file),
        args.data.as_slice(),
    ) {
        eprintln!("错误：{error}");
        return ExitCode::from(2);
    }
    for note in &exported.notes {
        outln!("提示：{note}");
    }
    outln!(
        "已导出 {}：{} 页，{} KB。",
        args.output.display(),
        exported.pages,
        exported.bytes.len().div_ceil(1024)
    );
    if exported.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `--data`: the card design's records replaced in memory by the file's rows (never saved).
fn one_off_records(
    project: &mut model::Project,
    args: &ExportArgs,
    data: &Path,
) -> Result<(), String> {
    if args.mode != ModeArg::Cards {
        return Err("--data 只用于 --mode cards（明白卡拼版）。".to_owned());
    }
    let card = match args.cards.as_deref() {
        Some(wanted) => project
            .card(wanted)
            .or_else(|| project.cards.iter().find(|card| card.name == wanted)),
        None => project.cards.first(),
    }
    .ok_or_else(|| "项目中没有这张明白卡。".to_owned())?;
    let options = crate::import::ImportOptions {
        columns: args.columns.as_deref().map(crate::import::parse_columns),
        ..crate::import::ImportOptions::default()
    };
    let imported = crate::import::read_table(data, &options).map_err(|error| error.to_string())?;
    let card = crate::jobs::import::card_with_records(card, &imported);
    project
        .apply(model::Edit::SetCard(card))
        .map_err(|error| error.to_string())
}
