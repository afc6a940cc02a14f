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
    save_project(&project, Path::new(&file)).expect("save");
    file
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
    let fonts = tempfile::tempdir().expect("font folder");
    // The bundled sans, installed under its own file name; its family name (from its `name`
    // table) is "Noto Sans SC".
    std::fs::copy(
        "fonts/NotoSansSC-Regular.ttf",
        fonts.path().join("mysans.ttf"),
    )
    .expect("copy");
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

/// The app: a family no computer has is a warning in 检查结果 (the machine's own font folders
/// are searched), gone once the project in the window no longer names it.
#[cfg(feature = "gui")]
#[test]
fn the_app_lists_a_font_it_cannot_find_until_the_style_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let family = "公开栏测试用不存在的字体";
    let file = project_in(dir.path(), family);
    let mut harness = app_harness(gongkai::ui::GongkaiApp::open(Some(file.clone().into())));
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
    let mut harness = app_harness(gongkai::ui::GongkaiApp::open(Some(project_file.into())));
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
    let fonts = tempfile::tempdir().expect("font folder");
    std::fs::copy(
        "fonts/NotoSansSC-Regular.ttf",
        fonts.path().join("mysans.ttf"),
    )
    .expect("copy");
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
