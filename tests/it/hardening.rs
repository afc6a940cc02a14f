//! Issue 15, hardening: what a fault run found — each point with a test that failed before
//! the fix. Hostile input is never slow, never printed wrong, never lost.

use crate::support::*;
use gongkai::compose::{Placement, Sheet};
use gongkai::fonts::{FaceId, FontSet};
use gongkai::layout::panel::min_legible_body_pt;
use gongkai::layout::{FrameItem, LayoutEngine, LineKind, Page, PointMm, Stroke};
use gongkai::model::{LoadErrorKind, Project, Rgb, SizeMm, parse_project, save_project};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

fn fixture_json() -> Value {
    serde_json::from_str(&std::fs::read_to_string(fixture_path()).expect("fixture")).expect("json")
}

fn write_json(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).expect("json")).expect("write");
    path
}

fn project_of(value: &Value) -> Project {
    parse_project(&serde_json::to_string(value).expect("json")).expect("the project loads")
}

/// The index in `items` of the item with this id.
fn item_index(project: &Value, item_id: &str) -> usize {
    project["items"]
        .as_array()
        .expect("items")
        .iter()
        .position(|item| item["id"] == item_id)
        .expect("item")
}

/// Runs `work` on a thread and fails the test if it takes longer than `limit` (a generous
/// bound: it only tells linear from quadratic, it is no benchmark).
fn finishes_within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => value,
        Err(_) => panic!("{what} took longer than {limit:?}"),
    }
}

/// `count` characters of board text with a break opportunity at almost every character.
fn long_text(count: usize) -> String {
    "政务公开接受监督，2026年3月1日起施行；电话0000-6612301。"
        .chars()
        .cycle()
        .take(count)
        .collect()
}

fn check(path: &Path) -> (Option<i32>, String, String) {
    let output = gongkai(&[
        "check",
        path.to_str().expect("utf-8 path"),
        "--today",
        "2026-03-02",
    ]);
    (
        output.status.code(),
        text(&output.stdout),
        text(&output.stderr),
    )
}

// 1. Every text field lays out in linear time.

#[test]
fn long_texts_in_every_text_field_lay_out_in_linear_time() {
    let mut project = fixture_json();
    let long = long_text(100_000);
    let board = &mut project["boards"][0];
    board["header"]["title"] = json!(long);
    board["header"]["subtitle"] = json!(long);
    board["footer"]["note"] = json!(long);
    board["panels"][0]["title"] = json!(long);
    let first = item_index(&project, "p01-1");
    let second = item_index(&project, "p01-2");
    project["items"][first]["title"] = json!(long);
    project["items"][first]["blocks"] = json!([
        { "type": "paragraph", "text": long },
        { "type": "list", "entries": [long] },
        { "type": "key_value", "pairs": [{ "key": "地址", "value": long }] },
        { "type": "table", "columns": ["事项", "内容"], "rows": [["甲", long]] },
    ]);
    // One token of a million digits, cut over many lines: once measured the whole rest of the
    // token for every line (22 s in release).
    project["items"][second]["blocks"] =
        json!([{ "type": "paragraph", "text": "1".repeat(1_000_000) }]);
    // A title of 300,000 characters keeps its many lines together: once summed the chain of
    // kept lines again from each line.
    project["items"][second]["title"] = json!(long_text(300_000));
    let project = project_of(&project);
    // Before: quadratic in the number of break points (7.7 s for one 100k title in release,
    // minutes in debug). Now a few seconds in debug for all of them together (under 1.5 s in
    // release: `FAULT_PART=layout cargo run --release --example fault_run`).
    let layout = finishes_within(
        Duration::from_secs(90),
        "laying out 100k-character texts",
        move || {
            let mut engine = LayoutEngine::new(FontSet::bundled());
            engine.layout_board(&project, "board-1").expect("layout")
        },
    );
    assert!(
        layout
            .lines
            .iter()
            .any(|line| line.kind == LineKind::BoardTitle)
    );
}

// 2. Every length is range-checked; the writer writes only numbers readers accept.

#[test]
fn a_negative_or_huge_margin_or_band_is_refused_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, value, place, what) in [
        (
            ["margins_mm", "bottom_mm"],
            -50.0,
            "margins_mm.bottom_mm",
            "下边距",
        ),
        (
            ["margins_mm", "bottom_mm"],
            1.8e19,
            "margins_mm.bottom_mm",
            "下边距",
        ),
        (
            ["margins_mm", "left_mm"],
            -1.0,
            "margins_mm.left_mm",
            "左边距",
        ),
        (
            ["footer", "height_mm"],
            -80.0,
            "footer.height_mm",
            "页脚高度",
        ),
        (
            ["header", "height_mm"],
            1e30,
            "header.height_mm",
            "栏头高度",
        ),
    ] {
        let mut project = fixture_json();
        project["boards"][0][path[0]][path[1]] = json!(value);
        let file = write_json(dir.path(), "margin.gongkai.json", &project);
        let before = std::fs::read(&file).expect("read");
        let (code, stdout, stderr) = check(&file);
        assert_eq!(code, Some(2), "{place} = {value}: {stdout}{stderr}");
        assert!(
            stderr.contains(place) && stderr.contains(what),
            "{place}: {stderr}"
        );
        assert_eq!(std::fs::read(&file).expect("read"), before);
    }
}

#[test]
fn bands_and_margins_taller_than_the_board_are_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = fixture_json();
    project["boards"][0]["margins_mm"]["bottom_mm"] = json!(1100.0);
    let file = write_json(dir.path(), "bands.gongkai.json", &project);
    let (code, stdout, stderr) = check(&file);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("页脚或栏头会印到板外"), "{stdout}");
    assert!(!stdout.contains("未发现问题"), "{stdout}");
}

#[test]
fn text_styles_of_panels_and_cards_are_range_checked() {
    let mut project = fixture_json();
    project["boards"][0]["panels"][0]["style"] = json!({ "body_pt": -3.0 });
    let error = parse_project(&project.to_string()).expect_err("refused");
    assert!(
        error.to_string().contains("panels[0].style.body_pt"),
        "{error}"
    );
    let mut project = fixture_json();
    project["cards"][0]["style"]["safe_margin_mm"] = json!(1e20);
    let error = parse_project(&project.to_string()).expect_err("refused");
    assert!(
        error.to_string().contains("style.safe_margin_mm"),
        "{error}"
    );
}

#[test]
fn the_writer_never_writes_a_number_a_pdf_reader_refuses() {
    let fonts = FontSet::bundled();
    let size_mm = SizeMm::new(210.0, 297.0);
    let stroke = Stroke {
        width_mm: f32::INFINITY,
        color: Rgb(0, 0, 0),
    };
    let mut run =
        gongkai::compose::label::text_run(&fonts, FaceId::SERIF, 12.0, Rgb(0, 0, 0), "公开");
    run.size_pt = 1e30;
    let page = Page {
        size_mm,
        items: vec![
            (
                PointMm::new(1.8e19, -1.8e19),
                FrameItem::Rect {
                    size_mm: SizeMm::new(1.8e19, f32::NAN),
                    fill: Some(Rgb(200, 0, 0)),
                    stroke: Some(stroke),
                },
            ),
            (
                PointMm::new(10.0, 1.8e19),
                FrameItem::Line {
                    to: PointMm::new(f32::NEG_INFINITY, 10.0),
                    stroke,
                },
            ),
            (PointMm::new(f32::NAN, 20.0), FrameItem::Text(run)),
        ],
    };
    let mut sheet = Sheet::new(size_mm);
    sheet
        .placements
        .push(Placement::at(Rc::new(page), PointMm::new(0.0, 0.0)));
    let bytes = write_gated(&fonts, &[sheet], "极端数值").expect("written");
    load(&bytes);
    assert_qpdf_clean(&bytes, "extreme numbers");
}

// 3. A damaged picture is a finding and blocks the export.

fn with_picture(dir: &Path, picture: &str) -> PathBuf {
    let mut project = fixture_json();
    let index = item_index(&project, "p01-1");
    project["items"][index]["blocks"]
        .as_array_mut()
        .expect("blocks")
        .push(json!({ "type": "image", "path": picture, "width_mm": 40.0 }));
    write_json(dir, "picture.gongkai.json", &project)
}

fn noisy_picture(width: u32, height: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        let value = (x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) as u8;
        image::Rgb([value, value.wrapping_mul(3), 255 - value])
    })
}

#[test]
fn a_picture_cut_in_half_is_a_finding_and_blocks_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["half.png", "half.jpg"] {
        let whole = dir.path().join(format!("whole-{name}"));
        noisy_picture(320, 240).save(&whole).expect("save picture");
        let bytes = std::fs::read(&whole).expect("read");
        std::fs::write(dir.path().join(name), &bytes[..bytes.len() / 2]).expect("write");
        let file = with_picture(dir.path(), name);
        let (_, stdout, _) = check(&file);
        assert!(
            stdout
                .lines()
                .any(|line| line.starts_with("问题：") && line.contains(name)),
            "{name}: {stdout}"
        );
        let pdf = dir.path().join("out.pdf");
        let exported = gongkai(&[
            "export",
            file.to_str().expect("path"),
            "--date",
            "2026-03-01",
            "-o",
            pdf.to_str().expect("path"),
        ]);
        assert_eq!(
            exported.status.code(),
            Some(1),
            "{name}: {}",
            text(&exported.stderr)
        );
        assert!(
            text(&exported.stderr).contains(name),
            "{}",
            text(&exported.stderr)
        );
        assert!(!pdf.exists(), "{name}: nothing is written");
    }
    // The whole pictures are fine.
    let file = with_picture(dir.path(), "whole-half.png");
    let (_, stdout, _) = check(&file);
    assert!(!stdout.contains("问题："), "{stdout}");
}

// 4. Each missing-glyph box extracts as the character it stands for.

#[test]
fn each_missing_character_extracts_as_itself() {
    let fonts = FontSet::bundled();
    let rare = "𰻝𰻞𰻟";
    assert_eq!(
        fonts.missing_chars(rare).len(),
        3,
        "no bundled font has them"
    );
    let line = "王𰻝甲𰻞乙𰻟面";
    let size_mm = SizeMm::new(210.0, 297.0);
    let page = text_page(size_mm, &["姓名", line]);
    let mut sheet = Sheet::new(size_mm);
    sheet
        .placements
        .push(Placement::at(Rc::new(page), PointMm::new(0.0, 0.0)));
    let bytes = write_gated(&fonts, &[sheet], "缺字").expect("written");
    let lines = pdftotext_lines(&bytes, 1);
    assert!(lines.iter().any(|text| text == line), "{lines:?}");
}

// 5. Forced cuts are warnings; titles stop shrinking at the legible minimum, then overflow.

#[test]
fn a_number_cut_across_lines_is_a_warning_that_does_not_stop_export() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = fixture_json();
    let index = item_index(&project, "p01-2");
    project["items"][index]["blocks"] = json!([
        { "type": "paragraph", "text": format!("账号{}。", "6".repeat(120)) }
    ]);
    let file = write_json(dir.path(), "cut.gongkai.json", &project);
    let (code, stdout, _) = check(&file);
    assert_eq!(code, Some(1));
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("警告：") && line.contains("强行断")),
        "{stdout}"
    );
    let pdf = dir.path().join("cut.pdf");
    let exported = gongkai(&[
        "export",
        file.to_str().expect("path"),
        "--date",
        "2026-03-01",
        "-o",
        pdf.to_str().expect("path"),
    ]);
    assert_eq!(
        exported.status.code(),
        Some(0),
        "{}",
        text(&exported.stderr)
    );
    assert!(
        text(&exported.stdout).contains("强行断"),
        "{}",
        text(&exported.stdout)
    );
}

#[test]
fn titles_stop_at_the_legible_minimum_then_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut value = fixture_json();
    let panel_title: String = long_text(62);
    value["boards"][0]["panels"][0]["title"] = json!(panel_title);
    value["boards"][0]["header"]["title"] = json!(long_text(1000));
    value["boards"][0]["header"]["subtitle"] = json!(long_text(1000));
    value["boards"][0]["footer"]["note"] = json!(long_text(1000));
    let project = project_of(&value);
    let floor_pt = min_legible_body_pt(project.boards[0].reading_distance_m);
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let layout = engine.layout_board(&project, "board-1").expect("layout");
    for kind in [
        LineKind::PanelTitle,
        LineKind::BoardTitle,
        LineKind::BoardSubtitle,
        LineKind::Footer,
    ] {
        let lines: Vec<_> = layout
            .lines
            .iter()
            .filter(|line| line.kind == kind)
            .collect();
        assert!(!lines.is_empty(), "{kind:?}");
        for line in lines {
            assert!(
                line.size_pt >= floor_pt - 0.01,
                "{kind:?} at {} pt, below {floor_pt} pt",
                line.size_pt
            );
            assert!(
                line.x_mm + line.width_mm <= line.box_right_mm + 0.01,
                "{kind:?} stays in its room"
            );
        }
    }
    let messages: Vec<&str> = layout
        .overflows
        .iter()
        .map(|overflow| overflow.message.as_str())
        .collect();
    for what in ["栏目标题", "公开栏标题", "副标题", "页脚文字"] {
        assert!(
            messages.iter().any(|message| message.contains(what)),
            "{what}: {messages:?}"
        );
    }
    let file = write_json(dir.path(), "titles.gongkai.json", &value);
    let (code, stdout, _) = check(&file);
    assert_eq!(code, Some(1));
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("问题：") && line.contains("栏目标题")),
        "{stdout}"
    );
    assert!(!stdout.contains("未发现问题"));
}

// 6. Saves: the backup is written whole, and temporary files of a crash are removed.

#[test]
fn a_save_removes_the_temporary_files_an_earlier_crash_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(fixture_path(), &path).expect("copy");
    let stale = [
        ".qinghe.gongkai.json.4242.tmp",
        ".qinghe.gongkai.json.17.tmp",
        ".qinghe.gongkai.json.bak.4242.tmp",
    ];
    for name in stale {
        std::fs::write(dir.path().join(name), "half a file").expect("write");
    }
    // Someone else's files stay.
    std::fs::write(dir.path().join(".other.json.12.tmp"), "x").expect("write");
    save_project(&fixture(), &path).expect("save");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            ".other.json.12.tmp",
            "qinghe.gongkai.json",
            "qinghe.gongkai.json.bak"
        ]
    );
}

#[test]
fn the_backup_is_never_seen_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.gongkai.json");
    let mut small = fixture();
    small.meta.unit_name = "青禾镇".into();
    let mut big = fixture();
    big.items[0]
        .blocks
        .insert(0, gongkai::model::Block::paragraph(long_text(1_500_000)));
    save_project(&big, &path).expect("first save");
    save_project(&small, &path).expect("second save");
    let sizes = [
        std::fs::metadata(&path).expect("small").len(),
        std::fs::metadata(path.with_extension("json.bak"))
            .expect("bak")
            .len(),
    ];
    let backup = path.with_extension("json.bak");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let stop = stop.clone();
        let backup = backup.clone();
        std::thread::spawn(move || {
            let mut seen = std::collections::BTreeSet::new();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if let Ok(metadata) = std::fs::metadata(&backup) {
                    seen.insert(metadata.len());
                }
            }
            seen
        })
    };
    for round in 0..6 {
        let project = if round % 2 == 0 { &big } else { &small };
        save_project(project, &path).expect("save");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = watcher.join().expect("watcher");
    assert!(
        seen.iter().all(|size| sizes.contains(size)),
        "the backup was seen at sizes {seen:?}, only {sizes:?} are whole"
    );
}

// 7. Messages in Chinese, bad values cut.

fn structure_detail(text: &str) -> String {
    match parse_project(text) {
        Err(error @ LoadErrorKind::Structure { .. }) => error.to_string(),
        other => panic!("expected a structure error, got {other:?}"),
    }
}

/// Whether a message has an English phrase in it (three lower-case words in a row).
fn has_english_phrase(message: &str) -> bool {
    message
        .split(|ch: char| !ch.is_ascii_lowercase() && ch != ' ')
        .any(|part| part.split_whitespace().count() >= 3)
}

#[test]
fn serde_and_date_messages_reach_the_clerk_in_chinese() {
    let head = r#"{"format":"gongkai-project","version":1,"items":[{"id":"a","disclosure":"#;
    let duplicate = structure_detail(&format!(
        r#"{head}{{"stage":"formal","stage":"result"}}}}]}}"#
    ));
    assert!(duplicate.contains("字段 stage 出现了两次"), "{duplicate}");
    let date = structure_detail(&format!(r#"{head}{{"published_on":"2026-0a-01"}}}}]}}"#));
    assert!(date.contains("日期不对"), "{date}");
    let day = structure_detail(&format!(r#"{head}{{"published_on":"2026-02-30"}}}}]}}"#));
    assert!(day.contains("日期不对"), "{day}");
    for message in [&duplicate, &date, &day] {
        assert!(!has_english_phrase(message), "{message}");
    }
}

#[test]
fn a_bad_value_is_quoted_in_at_most_sixty_characters() {
    let huge = "挤".repeat(1_000_000);
    let mut project = fixture_json();
    project["boards"][0]["panels"][0]["fit"] = json!(huge);
    let message = parse_project(&project.to_string())
        .expect_err("refused")
        .to_string();
    assert!(
        message.chars().count() < 300,
        "{} characters",
        message.chars().count()
    );
    assert!(message.contains(&"挤".repeat(60)), "{message}");
    let mut project = fixture_json();
    project["format"] = json!(huge);
    let message = parse_project(&project.to_string())
        .expect_err("refused")
        .to_string();
    assert!(
        message.chars().count() < 300,
        "{} characters",
        message.chars().count()
    );
    // Through the command line: one line of stderr, not a megabyte.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = fixture_json();
    project["items"][0]["disclosure"]["stage"] = json!(huge);
    let file = write_json(dir.path(), "huge.gongkai.json", &project);
    let (code, _, stderr) = check(&file);
    assert_eq!(code, Some(2));
    assert!(stderr.len() < 2000, "{} bytes of stderr", stderr.len());
}
