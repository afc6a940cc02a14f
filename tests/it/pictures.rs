//! Phone pictures (`export --mode image`, `jobs::pictures`): drawn by the raster exporter from
//! the same composed sheets as the PDF, so they agree with poppler's rendering of the PDF; text
//! stays sharp at phone width; one card picture per household, named by 户号; masked numbers
//! stay masked; bad input gets a clear message. Every number here is generated.

use crate::support::*;
use gongkai::compose::{PictureName, PictureRequest, PictureSheet, compose_pictures};
use gongkai::fonts::FontSet;
use gongkai::jobs::pictures::{PictureError, PictureFormat, Wanted, draw_pictures};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, ColumnKind, Project, Table};
use gongkai::raster::Rasterizer;

/// The default request, made on 2025-06-01 (after the fixture's publications).
fn picture_request() -> PictureRequest {
    PictureRequest {
        created: chrono::DateTime::parse_from_rfc3339("2025-06-01T09:00:00+08:00").expect("date"),
        ..PictureRequest::default()
    }
}

/// Every picture sheet of a request (composition only).
fn picture_sheets(project: &Project, request: &PictureRequest) -> Vec<PictureSheet> {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let mut sheets = Vec::new();
    let (_, cleared) = compose_pictures(&mut engine, project, request, &mut |_, batch| {
        sheets.extend(batch)
    })
    .expect("composed");
    assert!(cleared.is_ok(), "the gate lets the pictures out");
    sheets
}

/// Grey levels (0–255, ITU-R BT.601 weights) of RGB pixels.
fn grey(rgb: &[u8]) -> Vec<f64> {
    rgb.chunks_exact(3)
        .map(|pixel| {
            0.299 * f64::from(pixel[0]) + 0.587 * f64::from(pixel[1]) + 0.114 * f64::from(pixel[2])
        })
        .collect()
}

/// Each level the mean of its 3×3 neighbourhood (edges: of the neighbours inside).
fn box_3x3(levels: &[f64], width: usize, height: usize) -> Vec<f64> {
    let mut out = vec![0.0; levels.len()];
    for y in 0..height {
        for x in 0..width {
            let (mut sum, mut count) = (0.0, 0.0);
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    sum += levels[ny * width + nx];
                    count += 1.0;
                }
            }
            out[y * width + x] = sum / count;
        }
    }
    out
}

/// The sheet written as a one-page PDF by our PDF writer and rendered by poppler's
/// `pdftoppm` at exactly `width_px` × `height_px`: its grey levels.
fn poppler_grey(sheet: &gongkai::compose::Sheet, width_px: u32, height_px: u32) -> Vec<f64> {
    let fonts = FontSet::bundled();
    let pdf = write_gated(&fonts, std::slice::from_ref(sheet), "图片").expect("pdf");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).expect("written");
    let status = std::process::Command::new("pdftoppm")
        .args([
            "-png",
            "-singlefile",
            "-scale-to-x",
            &width_px.to_string(),
            "-scale-to-y",
            &height_px.to_string(),
        ])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let page = image::open(dir.path().join("page.png"))
        .expect("poppler's png")
        .to_rgb8();
    assert_eq!((page.width(), page.height()), (width_px, height_px));
    grey(page.as_raw())
}

/// Method: the board (at the default 3000 px) and two panel pictures (at the default 1080 px)
/// of the fixture are drawn by our raster exporter and, from the very same composed sheet,
/// written as a PDF by our PDF writer and rendered by poppler (`pdftoppm -scale-to-x W
/// -scale-to-y H`) at the same pixel size. Both are turned into grey levels (BT.601 weights)
/// and smoothed by the same 3×3 box filter; the mean absolute difference over all pixels, as
/// a share of the full range 255, must be at most 2 %. The smoothing compares what a reader
/// sees, not how each rasteriser shades each edge pixel: poppler hints glyphs and rounds their
/// origins to its sub-pixel grid, tiny-skia draws the exact outlines, and unsmoothed the
/// board differs by 2.9 %. A glyph one pixel off on every line still doubles the difference.
#[test]
fn pictures_agree_with_poppler_s_rendering_of_the_pdf() {
    let project = fixture();
    let request = picture_request();
    let sheets = picture_sheets(&project, &request);
    let chosen: Vec<&PictureSheet> = sheets
        .iter()
        .filter(|picture| match &picture.name {
            PictureName::Board { .. } => true,
            PictureName::Panel { number, .. } => [1, 5].contains(number),
            PictureName::Card { .. } => false,
        })
        .collect();
    assert_eq!(chosen.len(), 3, "the board and panels 1 and 5");
    let fonts = FontSet::bundled();
    let mut rasterizer = Rasterizer::new(&fonts);
    for picture in chosen {
        let pixmap = rasterizer
            .render(&picture.sheet, picture.width_px)
            .expect("drawn")
            .remove(0);
        let ours: Vec<u8> = pixmap
            .pixels()
            .iter()
            .flat_map(|pixel| [pixel.red(), pixel.green(), pixel.blue()])
            .collect();
        let (width, height) = (pixmap.width() as usize, pixmap.height() as usize);
        let ours = box_3x3(&grey(&ours), width, height);
        let theirs = box_3x3(
            &poppler_grey(&picture.sheet.sheets()[0], pixmap.width(), pixmap.height()),
            width,
            height,
        );
        let mean_difference = ours
            .iter()
            .zip(&theirs)
            .map(|(a, b)| (a - b).abs())
            .sum::<f64>()
            / ours.len() as f64
            / 255.0;
        assert!(
            mean_difference <= 0.02,
            "{:?}: mean grey difference {:.2} %",
            picture.name,
            mean_difference * 100.0
        );
        // And not trivially: the picture has ink.
        let ink = ours.iter().filter(|level| **level < 128.0).count();
        assert!(ink > 1000, "{:?}", picture.name);
    }
}

#[test]
fn a_9_pt_line_is_at_least_24_px_tall_on_every_panel_picture() {
    let sheets = picture_sheets(&fixture(), &picture_request());
    let panels: Vec<&PictureSheet> = sheets
        .iter()
        .filter(|picture| matches!(picture.name, PictureName::Panel { .. }))
        .collect();
    assert_eq!(panels.len(), 12, "one picture per panel of the fixture");
    for picture in panels {
        assert_eq!(picture.width_px, 1080);
        let px_per_mm = picture.width_px as f32 / picture.sheet.sheets()[0].size_mm.width_mm;
        let smallest_pt = picture.sheet.sheets()[0]
            .text_runs()
            .map(|run| run.size_pt)
            .fold(f32::MAX, f32::min);
        assert!(smallest_pt >= 9.0, "{:?}: {smallest_pt} pt", picture.name);
        let nine_pt_px = 9.0 * MM_PER_PT * px_per_mm;
        assert!(nine_pt_px >= 24.0, "{:?}: {nine_pt_px} px", picture.name);
        // The footer: dates, the supervision phone and the sentence.
        let text: Vec<&str> = picture.sheet.sheets()[0]
            .text_runs()
            .map(|run| run.text.as_str())
            .collect();
        assert!(text.iter().any(|line| line.starts_with("公开日期：")));
        assert!(text.iter().any(|line| line.starts_with("下次公开日期：")));
        assert!(text.iter().any(|line| line.starts_with("监督电话：")));
        assert!(text.contains(&"「本图与公开栏原件内容一致」"));
        assert!(text.contains(&project_unit()), "{text:?}");
    }
}

fn project_unit() -> &'static str {
    "青禾镇人民政府"
}

#[test]
fn a_panel_too_tall_for_one_picture_continues_numbered() {
    let mut project = fixture();
    let item_id = project.boards[0].panels[0].item_ids[0].clone();
    let item = project.item_mut(&item_id).expect("item");
    for index in 0..120 {
        item.blocks.push(Block::paragraph(format!(
            "第{index}段：镇本级财务实行预算管理、国库集中支付和公务卡结算制度，所有支出均经镇党政联席会议审批。"
        )));
    }
    let sheets = picture_sheets(&project, &picture_request());
    let parts: Vec<&PictureSheet> = sheets
        .iter()
        .filter(|picture| matches!(picture.name, PictureName::Panel { number: 1, .. }))
        .collect();
    assert!(parts.len() >= 2, "{}", parts.len());
    let count = parts.len();
    for (index, picture) in parts.iter().enumerate() {
        let part = format!("{}/{count}", index + 1);
        assert!(
            picture.sheet.sheets()[0]
                .text_runs()
                .any(|run| run.text == part),
            "{part}"
        );
        assert_eq!(
            gongkai::jobs::picture_file_name(&picture.name, PictureFormat::Png),
            format!("01-机构概况（第{}张共{count}张）.png", index + 1)
        );
    }
}

#[test]
fn one_card_picture_per_household_named_by_its_household_number() {
    let mut project = fixture();
    let card = &mut project.cards[0];
    card.fields.push("户号".into());
    for (index, record) in card.records.iter_mut().enumerate() {
        record.insert("户号".into(), format!("01{:02}", index + 1));
    }
    // A clerk put an ID number in the 户号 column of the last household: not a file name.
    let last = card.records.len() - 1;
    card.records[last].insert("户号".into(), id_number(3));
    let households = card.records.len();
    let request = PictureRequest {
        cards: Some(card.name.clone()),
        ..picture_request()
    };
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let mut drawn = Vec::new();
    let (_, names) = draw_pictures(
        &mut engine,
        &project,
        &request,
        false,
        PictureFormat::Png,
        Wanted::All,
        &mut |picture| {
            drawn.push((
                picture.file_name,
                picture.pixmap.width(),
                picture.pixmap.height(),
            ));
            Ok(())
        },
    )
    .expect("cards drawn");
    assert_eq!(names.len(), households);
    let mut expected: Vec<String> = (1..households)
        .map(|number| format!("户号01{number:02}.png"))
        .collect();
    expected.push(format!("第{households}户.png"));
    assert_eq!(names, expected);
    assert!(names.iter().all(|name| !name.contains(&id_number(3))));
    // Front and back side by side: a picture twice as wide as it is tall, or more.
    let (_, width_px, height_px) = &drawn[0];
    assert!(
        *width_px as f32 / *height_px as f32 > 2.0,
        "{width_px}×{height_px}"
    );
}

/// The fixture with a 低保 list on its first panel: 身份证号 and 手机号 typed as such.
fn project_with_personal_table() -> (Project, Vec<String>) {
    let mut project = fixture();
    let ids: Vec<String> = (0..3).map(id_number).collect();
    let table = Table {
        columns: ["户主", "身份证号", "金额（元）"]
            .map(String::from)
            .to_vec(),
        rows: ids
            .iter()
            .enumerate()
            .map(|(row, id)| vec![format!("户主{}", row + 1), id.clone(), "1230.00".into()])
            .collect(),
        column_kinds: vec![ColumnKind::Text, ColumnKind::IdNumber, ColumnKind::Number],
        total_row: false,
    };
    project.items.push(gongkai::model::Item {
        id: "dibao".into(),
        title: "低保名单".into(),
        blocks: vec![Block::Table(table)],
        ..Default::default()
    });
    project.boards[0].panels[0].item_ids.push("dibao".into());
    (project, ids)
}

#[test]
fn masked_numbers_stay_masked_in_every_picture() {
    let (project, ids) = project_with_personal_table();
    let sheets = picture_sheets(&project, &picture_request());
    let all_text: String = sheets
        .iter()
        .flat_map(|picture| picture.sheet.sheets()[0].text_runs())
        .map(|run| run.text.replace(' ', ""))
        .collect();
    for id in &ids {
        assert!(!all_text.contains(id.as_str()), "{id} shown in full");
        let masked = format!("{}**********{}", &id[..4], &id[14..]);
        assert!(all_text.contains(&masked), "{masked} missing");
    }
    // A number typed into running text blocks the pictures as it blocks the PDF, forced or not.
    let mut exposed = project.clone();
    exposed
        .item_mut("dibao")
        .expect("item")
        .blocks
        .push(Block::paragraph(format!("联系人身份证{}", id_number(7))));
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let mut drawn = 0;
    let outcome = draw_pictures(
        &mut engine,
        &exposed,
        &picture_request(),
        true,
        PictureFormat::Png,
        Wanted::All,
        &mut |_| {
            drawn += 1;
            Ok(())
        },
    );
    assert!(matches!(outcome, Err(PictureError::PersonalData(_))));
    assert_eq!(drawn, 0, "nothing is drawn");
}

#[test]
fn bad_input_gets_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    // An unreadable picture on the board: refused as the PDF export refuses it.
    let mut project = fixture();
    let broken = dir.path().join("坏图片.png");
    std::fs::write(&broken, b"\x89PNG\r\n\x1a\nnot really").expect("written");
    let item_id = project.boards[0].panels[0].item_ids[0].clone();
    project
        .item_mut(&item_id)
        .expect("item")
        .blocks
        .push(Block::Image {
            path: broken.display().to_string(),
            caption: String::new(),
            width_mm: Some(20.0),
        });
    let path = dir.path().join("坏图片.gongkai.json");
    gongkai::model::save_project(&project, &path).expect("saved");
    let out = dir.path().join("图片");
    let output = gongkai(&[
        "export",
        path.to_str().expect("utf-8"),
        "--mode",
        "image",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output.stderr);
    assert!(message.contains("坏图片.png"), "{message}");
    assert!(message.contains("未写出图片"), "{message}");
    // A board with nothing on it.
    let mut empty = fixture();
    for panel in &mut empty.boards[0].panels {
        panel.item_ids.clear();
        panel.blocks.clear();
    }
    let mut engine = LayoutEngine::new(FontSet::bundled());
    match draw_pictures(
        &mut engine,
        &empty,
        &picture_request(),
        false,
        PictureFormat::Png,
        Wanted::All,
        &mut |_| Ok(()),
    ) {
        Err(PictureError::Problems(problems)) => assert!(
            problems
                .iter()
                .any(|problem| problem.contains("还没有任何栏目内容")),
            "{problems:?}"
        ),
        other => panic!("refused, got {:?}", other.map(|(_, names)| names)),
    }
    // An output "folder" that is a file.
    let file = dir.path().join("不是文件夹.png");
    std::fs::write(&file, b"x").expect("written");
    let output = gongkai(&[
        "export",
        fixture_path().to_str().expect("utf-8"),
        "--mode",
        "image",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = text(&output.stderr);
    assert!(message.contains("是一个文件，不是文件夹"), "{message}");
    // A width that blurs the text.
    let output = gongkai(&[
        "export",
        fixture_path().to_str().expect("utf-8"),
        "--mode",
        "image",
        "--phone-width",
        "400",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("24 像素"));
}

#[test]
fn the_cli_writes_the_board_and_every_panel_as_png_or_jpeg() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = gongkai(&[
        "export",
        fixture_path().to_str().expect("utf-8"),
        "--mode",
        "image",
        "--width",
        "1200",
        "--format",
        "jpeg",
        "--quality",
        "80",
        "-o",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names.len(), 13, "{names:?}");
    assert_eq!(names[0], "01-机构概况.jpg");
    assert!(names.contains(&"青禾镇人民政府政务公开栏.jpg".to_owned()));
    let board = image::open(dir.path().join("青禾镇人民政府政务公开栏.jpg")).expect("jpeg");
    assert_eq!(board.width(), 1200);
    for name in &names {
        let bytes = std::fs::metadata(dir.path().join(name))
            .expect("file")
            .len();
        assert!(bytes <= 2 * 1024 * 1024, "{name}: {bytes} bytes");
    }
    assert!(text(&output.stdout).contains("共 13 张图片"));
}
