//! Pictures in image blocks end up in the PDF: JPEG files embedded as they are, PNG files with
//! their transparency, and a picture that cannot be read as an obvious grey placeholder.

use crate::support::*;
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::images::check_images;
use gongkai::jobs::{Exported, export_project};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, Project, load_project};
use lopdf::Object;
use std::path::Path;

fn fixture() -> Project {
    load_project(Path::new("tests/fixtures/qinghe.gongkai.json")).expect("fixture")
}

/// The fixture with a picture added to the first item of the first board's first panel.
fn with_picture(path: &str) -> Project {
    let mut project = fixture();
    let item_id = project.boards[0].panels[0].item_ids[0].clone();
    let item = project
        .items
        .iter_mut()
        .find(|item| item.id == item_id)
        .expect("item");
    item.blocks.push(Block::Image {
        path: path.to_owned(),
        caption: "村委会办公楼".to_owned(),
        width_mm: Some(120.0),
    });
    project
}

fn export_board(project: &Project, base_dir: &Path) -> Exported {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    engine.set_base_dir(Some(base_dir.to_path_buf()));
    let request = ExportRequest {
        mode: ExportMode::Board,
        created: fixed_info("").created,
        ..ExportRequest::default()
    };
    export_project(&mut engine, project, &request).expect("export")
}

/// Every image XObject in the document (not its soft masks).
fn images(document: &lopdf::Document) -> Vec<lopdf::Stream> {
    let masks: Vec<_> = document
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter_map(|stream| stream.dict.get(b"SMask").ok()?.as_reference().ok())
        .collect();
    document
        .objects
        .iter()
        .filter(|(id, _)| !masks.contains(id))
        .filter_map(|(_, object)| object.as_stream().ok())
        .filter(|stream| {
            stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
        })
        .cloned()
        .collect()
}

fn page_text(bytes: &[u8]) -> String {
    pdftotext_lines(bytes, 1).join("")
}

fn number(stream: &lopdf::Stream, key: &[u8]) -> i64 {
    stream
        .dict
        .get(key)
        .and_then(Object::as_i64)
        .expect("number")
}

#[test]
fn a_jpeg_photo_is_embedded_unchanged_at_its_box() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(folder.path().join("图片")).expect("folder");
    let photo = image::RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    photo
        .save(folder.path().join("图片/办公楼.jpg"))
        .expect("write jpeg");
    let project = with_picture("图片/办公楼.jpg");
    assert!(check_images(&project, Some(folder.path())).is_empty());

    let exported = export_board(&project, folder.path());
    assert!(
        exported
            .notes
            .iter()
            .any(|note| note.contains("近看会模糊")),
        "300 px over 120 mm is 64 dpi: {:?}",
        exported.notes
    );
    let bytes = exported.bytes;
    let document = load(&bytes);
    let embedded = images(&document);
    assert_eq!(embedded.len(), 1, "one picture embedded");
    let picture = &embedded[0];
    assert_eq!(
        (number(picture, b"Width"), number(picture, b"Height")),
        (300, 200)
    );
    assert_eq!(
        picture.dict.get(b"Filter").and_then(Object::as_name).ok(),
        Some(b"DCTDecode".as_slice())
    );
    let on_disk = std::fs::read(folder.path().join("图片/办公楼.jpg")).expect("read");
    assert_eq!(
        picture.content, on_disk,
        "the JPEG bytes are embedded as they are"
    );
    let text = page_text(&bytes);
    assert!(text.contains("村委会办公楼"), "the caption is printed");
    assert!(!text.contains("图片无法读取"));
}

#[test]
fn a_png_keeps_its_transparency_as_a_soft_mask() {
    let folder = tempfile::tempdir().expect("temp dir");
    let logo = image::RgbaImage::from_fn(64, 64, |x, y| {
        let inside = (x as i32 - 32).pow(2) + (y as i32 - 32).pow(2) < 900;
        image::Rgba([200, 30, 30, if inside { 255 } else { 0 }])
    });
    logo.save(folder.path().join("logo.png"))
        .expect("write png");
    let bytes = export_board(&with_picture("logo.png"), folder.path()).bytes;
    let document = load(&bytes);
    let embedded = images(&document);
    assert_eq!(embedded.len(), 1);
    let mask_id = embedded[0]
        .dict
        .get(b"SMask")
        .and_then(Object::as_reference)
        .expect("an /SMask");
    let mask = document
        .get_object(mask_id)
        .and_then(Object::as_stream)
        .expect("mask stream");
    let alpha = mask.decompressed_content().expect("alpha samples");
    assert_eq!(alpha.len(), 64 * 64);
    assert_eq!(
        (alpha[0], alpha[32 * 64 + 32]),
        (0, 255),
        "corner clear, centre solid"
    );
}

#[test]
fn a_missing_picture_prints_a_placeholder_and_is_reported() {
    let folder = tempfile::tempdir().expect("temp dir");
    let project = with_picture("不存在.jpg");
    let problems = check_images(&project, Some(folder.path()));
    assert_eq!(problems.len(), 1);
    let message = problems[0].message();
    assert!(message.contains("找不到图片文件"), "{message}");
    assert!(message.contains("不存在.jpg"), "{message}");

    let exported = export_board(&project, folder.path());
    assert!(
        exported
            .problems
            .iter()
            .any(|problem| problem.contains("不存在.jpg")),
        "{:?}",
        exported.problems
    );
    let bytes = exported.bytes;
    assert!(images(&load(&bytes)).is_empty());
    assert!(page_text(&bytes).contains("图片无法读取"));
}
