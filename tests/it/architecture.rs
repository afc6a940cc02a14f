//! The module rules of DESIGN.md, checked on the source text: dependencies point down
//! (`model` → `schedule`/`layout` → `compose` → `pdf`; `jobs` → `cli`/`ui`), and only the
//! command line parses arguments, prints or chooses exit codes.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn src(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder)
}

/// The code of a file without its `#[cfg(test)]` module and comments.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each file under `folder` that mentions one of `needles` in its code, with the needle.
fn offenders(folder: &str, needles: &[&str]) -> Vec<String> {
    rust_files(&src(folder))
        .iter()
        .flat_map(|path| {
            let code = code_of(path);
            needles
                .iter()
                .filter(|needle| code.contains(*needle))
                .map(|needle| format!("{} uses {needle}", path.display()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_pdf_writer_knows_nothing_of_the_schedule_or_the_jobs() {
    assert_eq!(
        offenders("pdf", &["crate::schedule", "crate::jobs", "crate::cli"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_schedule_depends_on_the_model_alone() {
    assert_eq!(
        offenders(
            "schedule",
            &[
                "crate::pdf",
                "crate::layout",
                "crate::compose",
                "crate::jobs",
                "crate::cli",
                "crate::fonts",
                "Local::now",
            ]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn composition_never_writes_pdf() {
    assert_eq!(
        offenders("compose", &["crate::pdf", "crate::jobs", "crate::cli"]),
        Vec::<String>::new()
    );
}

#[test]
fn layout_is_below_composition() {
    assert_eq!(
        offenders(
            "layout",
            &[
                "crate::compose",
                "crate::pdf",
                "crate::schedule",
                "crate::jobs",
                "crate::cli"
            ]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn only_the_command_line_parses_arguments_prints_or_exits() {
    let library = [
        "model", "catalog", "schedule", "fonts", "layout", "compose", "pdf", "jobs",
    ];
    let found: Vec<String> = library
        .iter()
        .flat_map(|folder| {
            offenders(
                folder,
                &["clap", "ExitCode", "println!", "eprintln!", "process::exit"],
            )
        })
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

/// The writers draw what composition gives them: a picture that cannot be used was replaced by
/// its placeholder before the gate (`compose::missing_picture`); the PDF writer and the phone
/// pictures never call back up into composition to decide or draw one.
#[test]
fn writers_decide_no_placeholders() {
    let mut found = offenders(
        "pdf",
        &["compose::label", "missing_picture", "图片无法读取"],
    );
    found.extend(offenders("raster", &["compose::label", "missing_picture"]));
    assert_eq!(found, Vec::<String>::new());
}

/// "无法写出 …" is said in one place: the typed `fileio::WriteError` every writer returns.
#[test]
fn a_failed_write_is_said_in_one_place() {
    let sayers: Vec<String> = rust_files(&src(""))
        .iter()
        .filter(|path| code_of(path).contains("无法写出"))
        .map(|path| path.display().to_string())
        .collect();
    assert_eq!(sayers.len(), 1, "{sayers:?}");
    assert!(sayers[0].ends_with("fileio/write.rs"), "{sayers:?}");
}
