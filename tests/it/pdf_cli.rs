//! `gongkai export` as a process: exit codes, messages, files written or not.

use gongkai::model::{Block, load_project, save_project};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/qinghe.gongkai.json";

fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .output()
        .expect("runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn out_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

#[test]
fn export_board_writes_a_pdf_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = out_path(dir.path(), "board.pdf");
    let output = gongkai(&[
        "export",
        FIXTURE,
        "--mode",
        "board",
        "--date",
        "2026-03-01",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(text(&output).contains("已导出"));
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"%PDF-"));
    // Same date, same bytes.
    let again = out_path(dir.path(), "again.pdf");
    gongkai(&[
        "export",
        FIXTURE,
        "--date",
        "2026-03-01",
        "-o",
        again.to_str().expect("utf-8"),
    ]);
    assert!(
        std::fs::read(&again).expect("written") == bytes,
        "reproducible with --date"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temp files left behind");
}

#[test]
fn an_unreadable_project_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = out_path(dir.path(), "broken.gongkai.json");
    std::fs::write(&broken, "{ not json").expect("write");
    let out = out_path(dir.path(), "out.pdf");
    let output = gongkai(&[
        "export",
        broken.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(!out.exists());
}

#[test]
fn an_unusable_overlap_exits_2_and_names_the_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = out_path(dir.path(), "tiles.pdf");
    let output = gongkai(&[
        "export",
        FIXTURE,
        "--mode",
        "tiles",
        "--overlap",
        "3",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(text(&output).contains("--overlap"), "{}", text(&output));
    assert!(!out.exists());
}

#[test]
fn overflow_and_missing_characters_stop_the_export_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut project = load_project(Path::new(FIXTURE)).expect("fixture");
    let long = "政务公开内容必须及时更新。".repeat(600);
    project.items[0]
        .blocks
        .push(Block::paragraph(format!("{long}𰻝")));
    let file = out_path(dir.path(), "overflow.gongkai.json");
    save_project(&project, &file).expect("save");
    let out = out_path(dir.path(), "board.pdf");
    let args = [
        "export",
        file.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ];
    let output = gongkai(&args);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let message = text(&output);
    assert!(message.contains("放不下"), "{message}");
    assert!(message.contains("𰻝"), "{message}");
    assert!(message.contains("--force"), "{message}");
    assert!(!out.exists(), "nothing written");
    let forced = gongkai(&[&args[..], &["--force"]].concat());
    assert_eq!(forced.status.code(), Some(1), "{}", text(&forced));
    assert!(out.exists(), "written with --force");
}

/// Issue 28: `export --all` writes every board (true size and A4 tiles), the 表簿 and every
/// 明白卡 into one dated folder (made where none was), with a list of what it wrote; each PDF
/// reads back as what it says it is.
#[test]
fn export_all_writes_the_whole_set_into_a_dated_folder_with_a_list() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(FIXTURE, &project).expect("copy");
    let out = dir.path().join("导出").join("三月");
    let output = gongkai(&[
        "export",
        project.to_str().expect("utf-8"),
        "--all",
        "--date",
        "2026-03-02",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let folder = out.join("qinghe-全部导出-2026-03-02");
    let list = std::fs::read_to_string(folder.join("导出清单.txt")).expect("the list");
    let board = "公开栏-青禾镇人民政府政务公开栏.pdf";
    let tiles = "公开栏-青禾镇人民政府政务公开栏-A4拼贴.pdf";
    for name in [board, tiles, "表簿.pdf", "明白卡-便民服务联系卡.pdf"] {
        assert!(list.contains(name), "{name} listed: {list}");
        let bytes = std::fs::read(folder.join(name)).expect(name);
        assert!(bytes.starts_with(b"%PDF-"), "{name}");
    }
    let fixture = load_project(&project).expect("load");
    let register = crate::support::pdftotext_lines(
        &std::fs::read(folder.join("表簿.pdf")).expect("register"),
        1,
    )
    .concat();
    assert!(register.contains(&fixture.meta.unit_name), "{register}");
    let cards = crate::support::pdftotext_lines(
        &std::fs::read(folder.join("明白卡-便民服务联系卡.pdf")).expect("cards"),
        1,
    )
    .concat();
    let first = &fixture.cards[0].records[0];
    let name = first.values().next().expect("a value");
    assert!(cards.contains(name.trim()), "{name} in {cards}");
    let tiles_doc = crate::support::load(&std::fs::read(folder.join(tiles)).expect("tiles"));
    let (width_mm, height_mm) = crate::support::page_size_mm(&tiles_doc, 1);
    assert!(
        (width_mm.min(height_mm) - 210.0).abs() < 1.0,
        "A4 tiles: {width_mm}×{height_mm}"
    );
    // Again the same day: the files are ours, replaced; the project is never touched.
    let before = std::fs::read(&project).expect("read");
    let again = gongkai(&[
        "export",
        project.to_str().expect("utf-8"),
        "--all",
        "--date",
        "2026-03-02",
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(std::fs::read(&project).expect("read"), before);
}

/// Issue 28, trap 10: a PDF exported with 【请填写】 left (`--force`, the app's 「我已知晓，仍然
/// 导出」) says 「草稿」 on every page; a finished project's PDF does not.
#[test]
fn a_pdf_with_placeholders_left_is_marked_draft_on_every_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let project = crate::support::new_village_file(dir.path());
    let project_arg = project.to_str().expect("utf-8");
    let register = dir.path().join("表簿.pdf");
    let output = gongkai(&[
        "export",
        project_arg,
        "--mode",
        "register",
        "--force",
        "--date",
        "2026-03-02",
        "-o",
        register.to_str().expect("utf-8"),
    ]);
    // Written anyway (exit 1: the problems are said).
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let bytes = std::fs::read(&register).expect("pdf");
    let pages = crate::support::load(&bytes).get_pages().len() as u32;
    assert!(pages > 1);
    for page in 1..=pages {
        let lines = crate::support::pdftotext_lines(&bytes, page);
        assert!(
            lines.iter().any(|line| line.contains("草稿")),
            "page {page}: {lines:?}"
        );
    }
    let finished = dir.path().join("qinghe.gongkai.json");
    std::fs::copy(FIXTURE, &finished).expect("copy");
    let board = dir.path().join("board.pdf");
    let output = gongkai(&[
        "export",
        finished.to_str().expect("utf-8"),
        "--date",
        "2026-03-02",
        "-o",
        board.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let lines = crate::support::pdftotext_lines(&std::fs::read(&board).expect("pdf"), 1);
    assert!(!lines.iter().any(|line| line.contains("草稿")), "{lines:?}");
}
