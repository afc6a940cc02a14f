//! Installed fonts (`FontFamily::Installed`): found by family name in the font folders
//! (`GONGKAI_FONT_DIRS` here, so the tests do not depend on the machine's fonts), embedded in
//! the PDF, and a finding when they cannot be used.

use crate::support::*;
use gongkai::model::{FontFamily, load_project, save_project};
use std::path::Path;
use std::process::{Command, Output};

/// `gongkai` with the font folders replaced by `font_dir`.
fn gongkai_with_fonts(font_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env("GONGKAI_FONT_DIRS", font_dir)
        .args(args)
        .output()
        .expect("runs")
}

fn both(output: &Output) -> String {
    format!("{}{}", text(&output.stdout), text(&output.stderr))
}

/// A fresh project (`gongkai new`) whose every style names the installed `family`.
fn project_in(dir: &Path, family: &str) -> String {
    let file = dir.join("t.gongkai.json");
    let file = file.to_str().expect("utf-8 path").to_owned();
    let created = gongkai(&["new", "-o", &file]);
    assert_eq!(created.status.code(), Some(0), "{}", both(&created));
    let mut project = load_project(Path::new(&file)).expect("load");
    set_every_style(&mut project, family);
    save_project(&project, Path::new(&file)).expect("save");
    file
}

/// Every board's and panel's headings and body set in the installed `family`.
fn set_every_style(project: &mut gongkai::model::Project, family: &str) {
    for board in &mut project.boards {
        board.style.heading_font = FontFamily::Installed(family.into());
        board.style.body_font = FontFamily::Installed(family.into());
        for panel in &mut board.panels {
            if let Some(style) = &mut panel.style {
                style.heading_font = FontFamily::Installed(family.into());
                style.body_font = FontFamily::Installed(family.into());
            }
        }
    }
}

/// A font folder with the bundled sans installed under a file name of its own; its family
/// name (from its `name` table) is "Noto Sans SC".
fn sans_installed() -> tempfile::TempDir {
    let fonts = tempfile::tempdir().expect("font folder");
    std::fs::copy(
        "fonts/NotoSansSC-Regular.ttf",
        fonts.path().join("mysans.ttf"),
    )
    .expect("copy");
    fonts
}

const MISSING: &str =
    "找不到字体“方正小标宋”，已用内置宋体代替。请安装该字体，或在样式中改用内置字体。";

#[test]
fn a_family_that_is_not_installed_is_a_check_warning_and_an_export_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = tempfile::tempdir().expect("empty font folder");
    let file = project_in(dir.path(), "方正小标宋");
    let checked = gongkai_with_fonts(fonts.path(), &["check", &file]);
    let said = both(&checked);
    assert!(said.contains(&format!("警告：{MISSING}")), "{said}");
    assert!(!said.contains("未发现问题"), "{said}");
    assert_eq!(checked.status.code(), Some(1), "{said}");
    // The export still works, in the bundled serif, and says so.
    let out = dir.path().join("board.pdf");
    let exported = gongkai_with_fonts(
        fonts.path(),
        &[
            "export",
            &file,
            "--force",
            "-o",
            out.to_str().expect("utf-8"),
        ],
    );
    let said = both(&exported);
    assert!(out.exists(), "{said}");
    assert!(said.contains(&format!("提示：{MISSING}")), "{said}");
    let embedded = crate::support::fonts(&load(&std::fs::read(&out).expect("pdf")));
    assert!(
        embedded
            .iter()
            .any(|(name, _, _)| name.ends_with("NotoSerifSC-Regular")),
        "{embedded:?}"
    );
}

#[test]
fn an_installed_truetype_family_is_embedded_in_the_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = sans_installed();
    let file = project_in(dir.path(), "Noto Sans SC");
    let checked = gongkai_with_fonts(fonts.path(), &["check", &file]);
    assert!(!both(&checked).contains("字体"), "{}", both(&checked));
    let export = |font_dir: &Path, name: &str| {
        let out = dir.path().join(name);
        let exported = gongkai_with_fonts(
            font_dir,
            &[
                "export",
                &file,
                "--force",
                "-o",
                out.to_str().expect("utf-8"),
            ],
        );
        assert!(out.exists(), "{}", both(&exported));
        let bytes = std::fs::read(&out).expect("pdf");
        assert_qpdf_clean(&bytes, name);
        let names: Vec<String> = crate::support::fonts(&load(&bytes))
            .into_iter()
            .map(|(name, _, _)| name)
            .collect();
        (names, both(&exported))
    };
    let (installed, said) = export(fonts.path(), "installed.pdf");
    assert!(!said.contains("找不到字体"), "{said}");
    assert!(
        installed
            .iter()
            .any(|name| name.ends_with("+NotoSansSC-Regular")),
        "{installed:?}"
    );
    // Without the font the same project prints in the bundled serif: no regular sans at all.
    let empty = tempfile::tempdir().expect("empty font folder");
    let (substituted, said) = export(empty.path(), "substituted.pdf");
    assert!(said.contains("找不到字体“Noto Sans SC”"), "{said}");
    assert!(
        !substituted
            .iter()
            .any(|name| name.ends_with("+NotoSansSC-Regular")),
        "{substituted:?}"
    );
}

/// The OpenType/CFF test font (tests/fixtures/fonts/make_cff_font.py): family 测试黑体, with
/// every character of the fixture.
const TEST_CFF: &str = "tests/fixtures/fonts/GongkaiTestCFF-Regular.otf";

/// The descendant font's /Subtype and its descriptor's program key and /Subtype, of the font
/// whose BaseFont ends with `name`.
fn font_program(document: &lopdf::Document, name: &str) -> Option<(String, String, String)> {
    let resolve = |object: &lopdf::Object| match object {
        lopdf::Object::Reference(id) => document.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let as_name = |dict: &lopdf::Dictionary, key: &[u8]| {
        dict.get(key)
            .and_then(lopdf::Object::as_name)
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .unwrap_or_default()
    };
    document.objects.values().find_map(|object| {
        let type0 = object.as_dict().ok()?;
        let base_font = type0.get(b"BaseFont").ok()?.as_name().ok()?;
        if as_name(type0, b"Subtype") != "Type0" || !base_font.ends_with(name.as_bytes()) {
            return None;
        }
        let descendants = resolve(type0.get(b"DescendantFonts").ok()?)?;
        let dict = resolve(descendants.as_array().ok()?.first()?)?;
        let dict = dict.as_dict().ok()?;
        let descriptor = resolve(dict.get(b"FontDescriptor").ok()?)?;
        let descriptor = descriptor.as_dict().ok()?;
        let (key, file) = [b"FontFile2".as_slice(), b"FontFile3"]
            .into_iter()
            .find_map(|key| Some((key, resolve(descriptor.get(key).ok()?)?)))?;
        let file_subtype = file
            .as_stream()
            .map(|stream| as_name(&stream.dict, b"Subtype"))
            .unwrap_or_default();
        Some((
            as_name(dict, b"Subtype"),
            String::from_utf8_lossy(key).into_owned(),
            file_subtype,
        ))
    })
}

#[test]
fn an_installed_cff_family_is_embedded_and_every_line_reads_back() {
    let fonts_dir = tempfile::tempdir().expect("font folder");
    std::fs::copy(TEST_CFF, fonts_dir.path().join("ceshi.otf")).expect("copy");
    let family = "测试黑体";
    let mut project = fixture();
    set_every_style(&mut project, family);
    let families = std::collections::BTreeSet::from([family.to_owned()]);
    let fonts =
        gongkai::fonts::FontSet::with_installed(&families, &[fonts_dir.path().to_path_buf()]);
    assert!(fonts.problems().is_empty(), "{:?}", fonts.problems());
    let mut engine = gongkai::layout::LayoutEngine::new(fonts);
    let exported = gongkai::jobs::export_project(
        &mut engine,
        &project,
        &gongkai::compose::ExportRequest::default(),
    )
    .expect("exported");
    assert!(
        !exported.notes.iter().any(|note| note.contains("字体")),
        "{:?}",
        exported.notes
    );
    assert_qpdf_clean(&exported.bytes, "CFF board");
    let document = load(&exported.bytes);
    assert_eq!(
        font_program(&document, "+GongkaiTestCFF-Regular"),
        Some((
            "CIDFontType0".to_owned(),
            "FontFile3".to_owned(),
            "CIDFontType0C".to_owned()
        )),
        "{:?}",
        crate::support::fonts(&document)
    );
    // Every font is embedded with a ToUnicode map, the CFF one cut down to what is used.
    for (name, has_to_unicode, bytes) in crate::support::fonts(&document) {
        assert!(has_to_unicode && bytes > 0, "{name}");
        if name.ends_with("GongkaiTestCFF-Regular") {
            let whole = std::fs::metadata(TEST_CFF).expect("font").len() as usize;
            assert!(bytes < whole, "{name}: {bytes} bytes of {whole}");
        }
    }
    let read: String = pdftotext_lines(&exported.bytes, 1)
        .concat()
        .split_whitespace()
        .collect();
    let drawn = &exported.page_lines()[0];
    assert!(drawn.len() > 100, "{} lines", drawn.len());
    for line in drawn {
        let line: String = line.split_whitespace().collect();
        assert!(read.contains(&line), "{line} not read back");
    }
}

/// The app: a family no computer has is a warning in 检查结果 (the machine's own font folders
/// are searched), gone once the project in the window no longer names it.
#[cfg(feature = "gui")]
#[test]
fn the_app_lists_a_font_it_cannot_find_until_the_style_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let family = "公开栏测试用不存在的字体";
    let file = project_in(dir.path(), family);
    let mut harness = app_harness(crate::support::open_app(Some(file.clone().into())));
    let font_findings = |app: &gongkai::ui::GongkaiApp| {
        app.findings()
            .into_iter()
            .filter(|finding| finding.text.contains("找不到字体"))
            .map(|finding| (finding.is_error, finding.text))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        font_findings(harness.state()),
        [(
            false,
            format!(
                "找不到字体“{family}”，已用内置宋体代替。请安装该字体，或在样式中改用内置字体。"
            )
        )]
    );
    let mut project = load_project(Path::new(&file)).expect("load");
    for board in &mut project.boards {
        board.style = gongkai::model::TextStyle::default();
        for panel in &mut board.panels {
            panel.style = None;
        }
    }
    harness.state_mut().replace_project(project, None);
    harness.run();
    assert!(font_findings(harness.state()).is_empty());
}

/// The app with an installed family (run by the test below in a child process, whose font
/// folder is set by `GONGKAI_FONT_DIRS`): no finding, and egui has the face for the canvas.
#[cfg(feature = "gui")]
#[test]
#[ignore = "run by the_canvas_gets_the_installed_face, with GONGKAI_FONT_DIRS set"]
fn child_app_with_an_installed_family() {
    let Some(project_file) = std::env::var_os("GONGKAI_TEST_PROJECT") else {
        return;
    };
    let mut harness = app_harness(crate::support::open_app(Some(project_file.into())));
    harness.run();
    let findings: Vec<String> = harness
        .state()
        .findings()
        .into_iter()
        .map(|finding| finding.text)
        .filter(|text| text.contains("字体"))
        .collect();
    assert!(findings.is_empty(), "{findings:?}");
    let installed = egui::FontFamily::Name("gongkai-face-4".into());
    assert!(
        harness
            .ctx
            .fonts(|fonts| fonts.definitions().families.contains_key(&installed)),
        "egui has the installed face"
    );
}

#[cfg(feature = "gui")]
#[test]
fn the_canvas_gets_the_installed_face() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fonts = sans_installed();
    let file = project_in(dir.path(), "Noto Sans SC");
    let output = Command::new(std::env::current_exe().expect("test binary"))
        .env("GONGKAI_FONT_DIRS", fonts.path())
        .env("GONGKAI_TEST_PROJECT", &file)
        .args([
            "--ignored",
            "--exact",
            "installed_fonts::child_app_with_an_installed_family",
        ])
        .output()
        .expect("runs");
    let said = both(&output);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("1 passed"), "{said}");
}
