//! The project file: round trips, atomic saves with a backup, and one test per kind of broken
//! file — each refused with a clear message, the file left exactly as it was.

use chrono::NaiveDate;
use gongkai::catalog::sample_project;
use gongkai::model::{LoadErrorKind, Project, load_project, save_project};
use std::path::{Path, PathBuf};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 15).expect("date")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn the_sample_round_trips_through_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    let project = sample_project(day());
    save_project(&project, &path).expect("save");
    let loaded = load_project(&path).expect("load");
    assert_eq!(loaded, project);
}

#[test]
fn saving_again_keeps_the_previous_file_as_bak_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("town.gongkai.json");
    let mut project = sample_project(day());
    save_project(&project, &path).expect("first save");
    let first = std::fs::read_to_string(&path).expect("read");
    project.meta.unit_name = "白沙镇人民政府".into();
    save_project(&project, &path).expect("second save");
    let backup = std::fs::read_to_string(dir.path().join("town.gongkai.json.bak")).expect("bak");
    assert_eq!(backup, first);
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("白沙镇人民政府")
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn saving_into_a_missing_folder_fails_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("no-such-folder").join("x.gongkai.json");
    let error = save_project(&Project::default(), &path).expect_err("missing folder");
    assert!(error.to_string().contains("文件夹不存在"), "{error}");
}

#[test]
fn files_are_pretty_json_with_format_and_version_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.gongkai.json");
    save_project(&sample_project(day()), &path).expect("save");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with(&format!(
            "{{\n  \"format\": \"gongkai-project\",\n  \"version\": {},",
            gongkai::model::FORMAT_VERSION
        )),
        "{}",
        &text[..80]
    );
}

/// Each kind of broken file: its text, and a phrase the message must contain.
fn broken_files() -> Vec<(&'static str, String, &'static str)> {
    let good = serde_json::to_string_pretty(&sample_project(day())).expect("json");
    let half = (0..=good.len() / 2)
        .rev()
        .find(|cut| good.is_char_boundary(*cut))
        .unwrap_or(0);
    let truncated = good[..half].to_owned();
    let wrong_type = good.replacen("\"columns\": 1", "\"columns\": \"two\"", 1);
    let negative = good.replacen("\"width_mm\": 2400.0", "\"width_mm\": -2400.0", 1);
    let absurd = good.replacen("\"height_mm\": 1200.0", "\"height_mm\": 1e30", 1);
    let future = good.replacen(
        &format!("\"version\": {}", gongkai::model::FORMAT_VERSION),
        "\"version\": 7",
        1,
    );
    let number_for_text =
        good.replacen("\"unit_name\": \"青禾镇人民政府\"", "\"unit_name\": 123", 1);
    let unknown_choice = good.replacen("\"fit\": \"shrink_to_fit\"", "\"fit\": \"squeeze\"", 1);
    vec![
        ("empty", String::new(), "空"),
        (
            "not-json",
            "这不是项目文件\n".to_owned(),
            "这不是公开栏设计器的项目文件（内容不是 JSON 格式的项目数据）",
        ),
        ("truncated", truncated, "文件不完整（在第"),
        (
            "wrong-type",
            wrong_type,
            "类型不对：应为整数，实为文字“two”",
        ),
        (
            "number-for-text",
            number_for_text,
            "类型不对：应为文字，实为数字 123",
        ),
        (
            "unknown-choice",
            unknown_choice,
            "没有“squeeze”这个选项，可选：",
        ),
        ("negative-size", negative, "width_mm"),
        ("absurd-size", absurd, "height_mm"),
        ("future-version", future, "升级"),
        (
            "other-json",
            "{\"name\": \"x\"}".to_owned(),
            "不是公开栏设计器的项目文件",
        ),
        (
            "other-json-with-a-text-version",
            "{\"version\": \"2.1\", \"rows\": []}".to_owned(),
            "不是公开栏设计器的项目文件",
        ),
        (
            "a-list",
            "[1, 2, 3]".to_owned(),
            "这不是公开栏设计器的项目文件（是别的程序的 JSON 数据",
        ),
    ]
}

#[test]
fn every_kind_of_broken_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (kind, text, phrase) in broken_files() {
        let path = write(dir.path(), &format!("{kind}.gongkai.json"), &text);
        let error = load_project(&path).expect_err(kind);
        let message = error.to_string();
        assert!(message.contains(phrase), "{kind}: {message}");
        assert_is_chinese(&message, &path);
        assert!(
            message.contains(&path.display().to_string()),
            "{kind} names the file: {message}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "{kind} was changed"
        );
    }
}

#[test]
fn structure_errors_name_the_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, text, _) = broken_files()
        .into_iter()
        .find(|(kind, ..)| *kind == "wrong-type")
        .expect("case");
    let expected_line = text
        .lines()
        .position(|line| line.contains("\"two\""))
        .expect("line")
        + 1;
    let path = write(dir.path(), "w.gongkai.json", &text);
    let error = load_project(&path).expect_err("wrong type");
    match error.kind {
        LoadErrorKind::Structure { line, .. } => assert_eq!(line, expected_line),
        other => panic!("{other:?}"),
    }
    assert!(
        error
            .to_string()
            .contains(&format!("第 {expected_line} 行"))
    );
}

#[test]
fn the_benchmark_fixture_is_the_sample_built_from_the_shared_content() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let loaded = load_project(&fixture).expect("fixture loads");
    assert_eq!(
        loaded,
        sample_project(day()),
        "regenerate with: gongkai new -o … (see tests/fixtures/README.md)"
    );
}

#[test]
fn the_bundled_content_is_the_team_s_shared_fixture_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/fixtures/qinghe-board-content.json");
    let bundled =
        std::fs::read(root.join("assets/qinghe-board-content.json")).expect("assets copy");
    match std::fs::read(&shared) {
        Ok(source) => assert!(
            source == bundled,
            "assets/qinghe-board-content.json differs from {}",
            shared.display()
        ),
        // Outside the team's checkout (no ../shared) the copy is checked against the sample only.
        Err(_) => assert!(!bundled.is_empty()),
    }
}

/// Ends with 。 and, apart from the file's path, quoted values and field names, holds none of
/// serde's or the operating system's English.
fn assert_is_chinese(message: &str, path: &Path) {
    assert!(message.ends_with('。'), "{message}");
    let without_path = message.replace(&path.display().to_string(), "");
    for english in [
        "EOF",
        "expected",
        "invalid",
        "os error",
        "No such",
        "directory",
        "at line",
    ] {
        assert!(!without_path.contains(english), "{english}: {message}");
    }
}

#[test]
fn a_missing_file_and_a_folder_are_refused_in_chinese() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("没有.gongkai.json");
    let error = load_project(&missing).expect_err("missing");
    let message = error.to_string();
    assert!(message.contains("找不到文件"), "{message}");
    assert_is_chinese(&message, &missing);

    let folder = dir.path().join("文件夹.gongkai.json");
    std::fs::create_dir(&folder).expect("folder");
    let error = load_project(&folder).expect_err("folder");
    let message = error.to_string();
    assert!(message.contains("这是一个文件夹，不是文件"), "{message}");
    assert_is_chinese(&message, &folder);
}

#[test]
fn file_errors_have_one_chinese_text_per_kind() {
    use gongkai::model::io_error_zh;
    use std::io::{Error, ErrorKind};
    let cases = [
        (ErrorKind::NotFound, "找不到文件"),
        (ErrorKind::PermissionDenied, "没有权限"),
        (ErrorKind::IsADirectory, "这是一个文件夹，不是文件"),
        (ErrorKind::StorageFull, "磁盘已满"),
        (ErrorKind::AlreadyExists, "文件已存在"),
    ];
    for (kind, text) in cases {
        assert_eq!(io_error_zh(&Error::from(kind)), text);
    }
    let other = io_error_zh(&Error::other("boom"));
    assert!(other.starts_with("读写失败"), "{other}");
}
