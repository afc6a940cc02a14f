//! Helpers shared by the integration tests, once: the benchmark fixture, running the built
//! `gongkai` binary, hand-made pages, and reading PDFs back with lopdf.

use gongkai::compose::DocumentInfo;
use gongkai::compose::label::text_run;
use gongkai::fonts::{FaceId, FontSet};
use gongkai::layout::{FrameItem, Page, PointMm};
use gongkai::model::Project;
use gongkai::model::{Rgb, SizeMm};
use gongkai::pdf::WriteOptions;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The benchmark and acceptance fixture.
pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json")
}

/// The fixture, loaded.
pub fn fixture() -> Project {
    gongkai::model::load_project(&fixture_path()).expect("fixture loads")
}

/// Runs the built `gongkai` binary.
pub fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("run gongkai")
}

/// A village's project made as a clerk makes it: `gongkai new --template village --unit
/// 东湾村村民委员会 --date 2026-03-01 -o DIR/东湾村.gongkai.json`. Returns the file.
pub fn new_village_file(dir: &Path) -> PathBuf {
    let file = dir.join("东湾村.gongkai.json");
    let created = gongkai(&[
        "new",
        "--template",
        "village",
        "--unit",
        "东湾村村民委员会",
        "--date",
        "2026-03-01",
        "-o",
        file.to_str().expect("utf-8"),
    ]);
    assert!(created.status.success(), "{}", text(&created.stderr));
    file
}

/// Bytes of a program's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub const MM_PER_PT: f32 = 25.4 / 72.0;

pub fn fixed_info(title: &str) -> DocumentInfo {
    DocumentInfo {
        title: title.into(),
        author: "青禾镇人民政府".into(),
        subject: String::new(),
        keywords: String::new(),
        created: chrono::DateTime::parse_from_rfc3339("2026-03-01T09:00:00+08:00").expect("date"),
    }
}

/// Hand-made sheets written as a PDF the only way there is: through a privacy gate (of an
/// empty project: the sheets' own text is all it reads).
pub fn write_gated(
    fonts: &FontSet,
    sheets: &[gongkai::compose::Sheet],
    title: &str,
) -> Result<Vec<u8>, gongkai::pdf::PdfError> {
    let mut gate = gongkai::compose::Gate::public(&Project::default(), Vec::new());
    let gated = gate.pass(sheets.to_vec());
    let cleared = gate
        .clear(fixed_info(title))
        .expect("no personal number on the sheets");
    gongkai::pdf::write_pdf(fonts, &gated, &cleared, &WriteOptions::default())
}

/// A page with a filled background and one text line per entry, 10 mm apart.
pub fn text_page(size_mm: SizeMm, lines: &[&str]) -> Page {
    let fonts = FontSet::bundled();
    let mut items = vec![(
        PointMm::new(0.0, 0.0),
        FrameItem::Rect {
            size_mm,
            fill: Some(Rgb(0xff, 0xf8, 0xe1)),
            stroke: None,
        },
    )];
    for (index, line) in lines.iter().enumerate() {
        let face = if index == 0 {
            FaceId::SANS_BOLD
        } else {
            FaceId::SERIF
        };
        items.push((
            PointMm::new(10.0, 15.0 + 10.0 * index as f32),
            FrameItem::Text(text_run(&fonts, face, 14.0, Rgb(0, 0, 0), line)),
        ));
    }
    Page { size_mm, items }
}

pub fn load(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("the PDF parses")
}

/// A box of a page (inherited boxes are not used by our writer) as [llx lly urx ury] in mm.
pub fn page_box_mm(document: &lopdf::Document, page_number: u32, key: &[u8]) -> Option<[f32; 4]> {
    let pages = document.get_pages();
    let page_id = pages.get(&page_number)?;
    let page = document.get_dictionary(*page_id).ok()?;
    let array = page.get(key).ok()?.as_array().ok()?;
    let mut out = [0.0; 4];
    for (slot, value) in out.iter_mut().zip(array) {
        *slot = value.as_float().ok()? * MM_PER_PT;
    }
    Some(out)
}

pub fn page_size_mm(document: &lopdf::Document, page_number: u32) -> (f32, f32) {
    let media = page_box_mm(document, page_number, b"MediaBox").expect("MediaBox");
    (media[2] - media[0], media[3] - media[1])
}

pub fn assert_close(actual: f32, expected: f32, what: &str) {
    assert!(
        (actual - expected).abs() <= 0.1,
        "{what}: {actual} mm, expected {expected} mm"
    );
}

/// The text of a page as pdftotext gives it (poppler), lines trimmed, empty lines dropped.
pub fn pdftotext_lines(bytes: &[u8], page_number: u32) -> Vec<String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write");
    let output = std::process::Command::new("pdftotext")
        .args([
            "-layout",
            "-enc",
            "UTF-8",
            "-f",
            &page_number.to_string(),
            "-l",
            &page_number.to_string(),
        ])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| line.trim().to_owned())
        .filter(|line| !line.is_empty())
        .collect()
}

/// `qpdf --check` finds nothing wrong with the PDF (fails the test with its report if it does).
pub fn assert_qpdf_clean(bytes: &[u8], what: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("checked.pdf");
    std::fs::write(&path, bytes).expect("write");
    let qpdf = std::process::Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is installed");
    assert!(
        qpdf.status.success(),
        "{what}: {}{}",
        String::from_utf8_lossy(&qpdf.stdout),
        String::from_utf8_lossy(&qpdf.stderr)
    );
}

/// Every font dictionary of the document: (BaseFont, has ToUnicode, embedded bytes).
pub fn fonts(document: &lopdf::Document) -> Vec<(String, bool, usize)> {
    let mut out = Vec::new();
    for object in document.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        if dict.get(b"Subtype").and_then(|t| t.as_name()).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let name = dict
            .get(b"BaseFont")
            .and_then(|n| n.as_name())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let to_unicode = dict.get(b"ToUnicode").is_ok();
        let embedded = embedded_font_size(document, dict);
        out.push((name, to_unicode, embedded));
    }
    out.sort();
    out
}

fn embedded_font_size(document: &lopdf::Document, type0: &lopdf::Dictionary) -> usize {
    let resolve = |object: &lopdf::Object| match object {
        lopdf::Object::Reference(id) => document.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let descendant = type0
        .get(b"DescendantFonts")
        .ok()
        .and_then(resolve)
        .and_then(|array| array.as_array().ok().and_then(|a| a.first().cloned()))
        .and_then(|first| resolve(&first));
    let descriptor = descendant
        .as_ref()
        .and_then(|d| d.as_dict().ok())
        .and_then(|d| d.get(b"FontDescriptor").ok())
        .and_then(resolve);
    let file = descriptor
        .as_ref()
        .and_then(|d| d.as_dict().ok())
        .and_then(|d| d.get(b"FontFile2").or_else(|_| d.get(b"FontFile3")).ok())
        .and_then(resolve);
    match file {
        Some(lopdf::Object::Stream(stream)) => stream
            .decompressed_content()
            .map(|content| content.len())
            .unwrap_or(stream.content.len()),
        _ => 0,
    }
}

/// The designer driven headless (egui_kittest) at the size of a small office screen, with the
/// bundled fonts, after one frame.
#[cfg(feature = "gui")]
pub fn app_harness(
    app: gongkai::ui::GongkaiApp,
) -> egui_kittest::Harness<'static, gongkai::ui::GongkaiApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1500.0, 920.0])
        .with_context_setup(gongkai::ui::install_fonts)
        .build_ui_state(|ui, app: &mut gongkai::ui::GongkaiApp| app.app_ui(ui), app);
    harness.run();
    harness
}

/// The words of a PDF page with their boxes in pt from the top-left (pdftotext -bbox):
/// (word, x_min, y_min, x_max, y_max).
pub fn word_boxes(pdf: &std::path::Path, page: u32) -> Vec<(String, f32, f32, f32, f32)> {
    let page = page.to_string();
    let output = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let attribute = |line: &str, name: &str| -> Option<f32> {
        let start = line.find(&format!("{name}=\""))? + name.len() + 2;
        line[start..].split('"').next()?.parse().ok()
    };
    html.lines()
        .filter_map(|line| {
            let line = line.trim();
            let word = line
                .strip_prefix("<word ")?
                .split('>')
                .nth(1)?
                .split('<')
                .next()?;
            Some((
                word.to_owned(),
                attribute(line, "xMin")?,
                attribute(line, "yMin")?,
                attribute(line, "xMax")?,
                attribute(line, "yMax")?,
            ))
        })
        .collect()
}

/// An invented 18-digit 身份证号 with a valid check character (area 410102).
pub fn id_number(row: usize) -> String {
    let first17 = format!(
        "410102{}{:02}{:02}{:03}",
        1955 + row % 35,
        1 + row % 12,
        1 + row % 28,
        300 + row % 600
    );
    let check = gongkai::privacy::id_check_char(first17.as_bytes()).expect("17 digits");
    format!("{first17}{check}")
}

/// The 名单 of a 便民服务联系卡 (template Contact): one invented 网格员 per `names` entry, the
/// index-th of grid index + 1, with the landline 0000-6613nnnn.
pub fn contact_records(names: impl Iterator<Item = String>) -> Vec<gongkai::model::CardRecord> {
    names
        .enumerate()
        .map(|(index, name)| {
            [
                ("网格员", name),
                ("职务", "网格员".to_owned()),
                ("负责区域", format!("第{}网格", index + 1)),
                ("服务事项", "政策咨询".to_owned()),
                ("联系电话", format!("0000-6613{index:04}")),
            ]
            .into_iter()
            .map(|(field, value)| (field.to_owned(), value))
            .collect()
        })
        .collect()
}

/// The day the app tests run on (never the wall clock): 2026-06-01.
pub fn test_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("a valid day")
}

/// The designer on a file (or the sample) as of [`test_day`].
#[cfg(feature = "gui")]
pub fn open_app(file: Option<std::path::PathBuf>) -> gongkai::ui::GongkaiApp {
    gongkai::ui::GongkaiApp::open_on(file, test_day())
}
