//! README's test command installs what the tests need: every program a test runs is named in
//! `scripts/deps.sh` (`TEST_TOOLS`), with a package that the script installs (`TEST_PACKAGES`).

use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The words of a bash array `NAME=(a b c)` in the script.
fn bash_array(script: &str, name: &str) -> Vec<String> {
    let start = format!("{name}=(");
    let Some(from) = script.find(&start) else {
        return Vec::new();
    };
    let rest = &script[from + start.len()..];
    let body = rest.split(')').next().unwrap_or_default();
    body.split_whitespace().map(str::to_owned).collect()
}

/// The programs the integration tests start by name (`Command::new("…")`).
fn programs_the_tests_run() -> BTreeSet<String> {
    let mut programs = BTreeSet::new();
    let dir = root().join("tests/it");
    for entry in std::fs::read_dir(&dir).expect("tests/it") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read test");
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect();
        for piece in code.split("Command::new(\"").skip(1) {
            if let Some(program) = piece.split('"').next() {
                programs.insert(program.to_owned());
            }
        }
    }
    programs
}

#[test]
fn every_program_a_test_runs_is_installed_by_the_test_command() {
    let script = std::fs::read_to_string(root().join("scripts/deps.sh")).expect("deps.sh");
    let tools = bash_array(&script, "TEST_TOOLS");
    let packages = bash_array(&script, "TEST_PACKAGES");
    let programs = programs_the_tests_run();
    assert!(
        programs.contains("pdftotext"),
        "the scan finds the programs the tests run: {programs:?}"
    );
    for program in &programs {
        let package = tools
            .iter()
            .find_map(|tool| tool.strip_prefix(&format!("{program}:")))
            .unwrap_or_else(|| panic!("{program} is run by a test but not in TEST_TOOLS"));
        assert!(
            packages.iter().any(|name| name == package),
            "{program} comes from {package}, which TEST_PACKAGES does not install"
        );
    }
}

#[test]
fn the_test_command_and_ci_install_the_packages() {
    let check = std::fs::read_to_string(root().join("scripts/check.sh")).expect("check.sh");
    assert!(check.contains(". scripts/deps.sh"));
    assert!(check.contains("install_packages \"${RUNTIME_PACKAGES[@]}\" \"${TEST_PACKAGES[@]}\""));
    let ci = std::fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.contains("exec scripts/check.sh"),
        "CI runs README's test command"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    assert!(readme.contains("scripts/check.sh") && readme.contains("scripts/run.sh"));
}
