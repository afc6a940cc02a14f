//! The built binary on real files: exit codes, messages, files written or left alone.

use crate::support::*;
use std::path::Path;
use std::process::Command;

#[test]
fn new_then_check_names_the_template_s_sample_values() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("t.gongkai.json");
    let file = file.to_str().expect("utf-8 path");
    let created = gongkai(&["new", "-o", file]);
    assert_eq!(created.status.code(), Some(0), "{}", text(&created.stderr));
    assert!(
        text(&created.stdout).contains("12 个栏目"),
        "{}",
        text(&created.stdout)
    );
    // A new project is all 未公开; what check names is the template's sample values, each until
    // the clerk edits it (issue 34).
    let checked = gongkai(&["check", file]);
    assert!(
        text(&checked.stdout).contains("还是模板填好的示例内容"),
        "{}{}",
        text(&checked.stdout),
        text(&checked.stderr)
    );
    assert_eq!(
        checked.status.code(),
        Some(1),
        "{}{}",
        text(&checked.stdout),
        text(&checked.stderr)
    );
    assert!(!text(&checked.stdout).contains("逾期"));
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.gongkai.json");
    std::fs::write(&path, "clerk's work").expect("write");
    let output = gongkai(&["new", "-o", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "clerk's work"
    );
}

#[test]
fn check_reports_findings_with_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("overlap.gongkai.json");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let mut project: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture).expect("fixture")).expect("json");
    // Move the second panel onto the first.
    project["boards"][0]["panels"][1]["rect_mm"] =
        project["boards"][0]["panels"][0]["rect_mm"].clone();
    std::fs::write(&path, serde_json::to_string_pretty(&project).expect("json")).expect("write");
    let output = gongkai(&["check", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(
        stdout.contains("栏目“机构概况”与栏目“工作职责”重叠"),
        "{stdout}"
    );
}

/// The fixture with a rare character no bundled font has and a panel's text far too long.
fn fixture_export_would_refuse(dir: &Path) -> std::path::PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let mut project: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture)
            .expect("fixture")
            .replacen("镇长周立新", "镇长周𰻝新", 1),
    )
    .expect("json");
    let long_text = "全镇各村（社区）按季度公开村务，接受群众监督。".repeat(400);
    project["items"][2]["blocks"] = serde_json::json!([{ "type": "paragraph", "text": long_text }]);
    let path = dir.join("refused.gongkai.json");
    std::fs::write(&path, serde_json::to_string_pretty(&project).expect("json")).expect("write");
    path
}

#[test]
fn check_reports_what_export_refuses_overflow_and_missing_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = fixture_export_would_refuse(dir.path());
    let file = path.to_str().expect("path");
    let output = gongkai(&["check", file, "--today", "2025-01-20"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("问题：公开栏“青禾镇人民政府政务公开栏”：栏目“工作职责”"),
        "{stdout}"
    );
    assert!(stdout.contains("放不下"), "{stdout}");
    assert!(
        stdout.contains("的字“𰻝”（U+30EDD）所有字体都没有"),
        "{stdout}"
    );
    assert!(stdout.contains("2 个问题会使导出被拒绝"), "{stdout}");
    assert!(!stdout.contains("未发现问题"), "{stdout}");

    // export refuses the same file for the same two reasons.
    let pdf = dir.path().join("out.pdf");
    let exported = gongkai(&["export", file, "-o", pdf.to_str().expect("path")]);
    assert_eq!(exported.status.code(), Some(1));
    let stderr = text(&exported.stderr);
    assert_eq!(stderr.matches("问题：").count(), 2, "{stderr}");
    assert!(!pdf.exists());
}

#[test]
fn check_on_a_broken_file_exits_2_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.gongkai.json");
    let broken = "{\"format\": \"gongkai-project\", \"version\": 1, \"boards\": [";
    std::fs::write(&path, broken).expect("write");
    let output = gongkai(&["check", path.to_str().expect("path")]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("broken.gongkai.json") && stderr.contains("第 1 行"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), broken);
    assert!(!dir.path().join("broken.gongkai.json.bak").exists());
}

#[test]
fn check_on_a_missing_file_exits_2() {
    let output = gongkai(&["check", "/no/such/file.gongkai.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("/no/such/file.gongkai.json"));
}

#[test]
fn layout_prints_every_line_as_json_and_exits_0_on_the_qinghe_board() {
    let output = gongkai(&["layout", "tests/fixtures/qinghe.gongkai.json", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let lines = json["lines"].as_array().expect("lines");
    assert!(lines.len() > 200);
    let title = &lines[0];
    assert_eq!(title["text"], "青禾镇人民政府政务公开栏");
    for key in ["x_mm", "y_mm", "width_mm", "size_pt"] {
        assert!(title[key].is_number(), "{key}");
    }
    assert_eq!(title["font"], "Noto Sans SC Bold");
    let body = lines
        .iter()
        .find(|line| line["box"]["item"] == "p01-1")
        .expect("a line of the first item");
    assert_eq!(body["box"]["panel"], "p01");
    assert!(body["box"]["left_mm"].as_f64() < body["box"]["right_mm"].as_f64());
    assert_eq!(json["overflows"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["missing_glyphs"].as_array().map(Vec::len), Some(0));
}

#[test]
fn layout_exits_1_on_a_missing_glyph_and_2_on_an_unreadable_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = std::fs::read_to_string("tests/fixtures/qinghe.gongkai.json").expect("fixture");
    let with_rare = fixture.replacen("镇长周立新", "镇长周𰻝新", 1);
    let file = dir.path().join("rare.gongkai.json");
    std::fs::write(&file, with_rare).expect("write");
    let output = gongkai(&["layout", file.to_str().expect("path"), "--json"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["missing_glyphs"][0]["char"], "𰻝");
    assert_eq!(json["missing_glyphs"][0]["item_id"], "p01-2");
    let missing = gongkai(&["layout", "no-such-file.gongkai.json"]);
    assert_eq!(missing.status.code(), Some(2));
    let no_board = gongkai(&[
        "layout",
        "tests/fixtures/qinghe.gongkai.json",
        "--board",
        "没有",
    ]);
    assert_eq!(no_board.status.code(), Some(2));
    assert!(text(&no_board.stderr).contains("没有"));
}

#[test]
fn check_read_by_head_ends_quietly() {
    // `gongkai check FIXTURE | head -1`: one line is read, then the reader goes away.
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args([
            "check",
            "tests/fixtures/qinghe.gongkai.json",
            "--today",
            "2026-03-01",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run gongkai");
    let mut first = String::new();
    let stdout = child.stdout.take().expect("stdout");
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read a line");
    assert!(!first.is_empty());
    let output = child.wait_with_output().expect("wait");
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("错误"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0 | 1 | 141)),
        "{:?}",
        output.status
    );
}

#[test]
fn output_cut_short_by_a_closed_pipe_is_not_reported_as_a_crash() {
    // `gongkai layout … | head -1`: the reader goes away before the lines are written.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["layout", "tests/fixtures/qinghe.gongkai.json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run gongkai");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("wait");
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        matches!(output.status.code(), Some(0 | 1 | 141)),
        "{:?}",
        output.status
    );
}
