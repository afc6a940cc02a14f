//! Fault tests (issue 15), bounded for the suite: a seeded mutation run over the fixture
//! (`check` never panics or hangs, refuses or reports what it must, in short Chinese
//! messages, and never changes its input), and `publish` killed at random points (the project
//! and its `.bak` both still load). The long run of the same is `examples/fault_run.rs`.

use crate::mutate::{MAX_LINE_CHARS, Mutation, Rng, complained, has_english_phrase, mutate};
use crate::support::*;
use chrono::NaiveDate;
use gongkai::jobs::{CheckOutcome, check_file};
use gongkai::model::{load_project, save_project};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Cases in the suite: 60 of each kind of mutation (a few seconds in a debug build).
const SUITE_CASES: usize = 420;
/// A case taking longer than this (in a debug build) is a hang.
const HANG_LIMIT: Duration = Duration::from_secs(60);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

/// `check_file` on a thread: its outcome, or what went wrong (a panic or a hang).
fn check_guarded(path: PathBuf) -> Result<CheckOutcome, String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| check_file(&path, today()));
        let _ = sender.send(outcome);
    });
    match receiver.recv_timeout(HANG_LIMIT) {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(payload)) => Err(format!(
            "panic: {}",
            payload
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| payload.downcast_ref::<&str>().copied())
                .unwrap_or("?")
        )),
        Err(_) => Err(format!("no answer within {HANG_LIMIT:?}")),
    }
}

/// Keeps a failing case in the temporary folder, to reproduce it with `gongkai check`.
fn keep_case(index: usize, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("gongkai-fault-case-{index}.gongkai.json"));
    let _ = std::fs::write(&path, bytes);
    path
}

/// What is wrong with one case's outcome (nothing: empty).
fn judge(must_complain: bool, outcome: &CheckOutcome) -> Vec<String> {
    let mut wrong = Vec::new();
    if outcome.exit_code > 2 {
        wrong.push(format!("exit {}", outcome.exit_code));
    }
    if must_complain && !complained(outcome) {
        wrong.push("neither refused nor reported".to_owned());
    }
    for line in outcome.stdout.iter().chain(&outcome.stderr) {
        if line.chars().count() > MAX_LINE_CHARS {
            wrong.push(format!("a line of {} characters", line.chars().count()));
        }
    }
    for line in &outcome.stderr {
        if has_english_phrase(line) {
            wrong.push(format!("English: {line}"));
        }
    }
    wrong
}

#[test]
fn mutated_project_files_never_panic_hang_or_change_and_are_refused_in_chinese() {
    let original = std::fs::read(fixture_path()).expect("fixture");
    let failures = mutation_failures(&original, SUITE_CASES, 15);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The same over a file of the current format holding every 明白卡 template (faces, panels
/// with their own blocks, records): fewer cases, as each check lays out every household.
#[test]
fn mutated_card_designs_never_panic_hang_or_change() {
    let mut project = gongkai::catalog::sample_project(today());
    for template in gongkai::catalog::CardTemplate::ALL {
        let card = gongkai::catalog::card_from_template(&project, template, None);
        project
            .apply(gongkai::model::Edit::AddCard(card))
            .expect("card");
    }
    let original = serde_json::to_vec_pretty(&project).expect("json");
    let failures = mutation_failures(&original, 28, 12);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Runs `cases` seeded mutations of `original` through `check` and returns what went wrong.
fn mutation_failures(original: &[u8], cases: usize, seed: u64) -> Vec<String> {
    let tree: serde_json::Value = serde_json::from_slice(original).expect("json");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mutated.gongkai.json");
    let mut rng = Rng::new(seed);
    let mut failures = Vec::new();
    for index in 0..cases {
        let case = mutate(
            original,
            &tree,
            Mutation::ALL[index % Mutation::ALL.len()],
            20_000,
            &mut rng,
        );
        let mutation = case.mutation;
        std::fs::write(&path, &case.bytes).expect("write case");
        match check_guarded(path.clone()) {
            Ok(outcome) => {
                for wrong in judge(case.must_complain, &outcome) {
                    failures.push(format!(
                        "case {index} ({mutation:?}): {wrong} (kept as {})",
                        keep_case(index, &case.bytes).display()
                    ));
                }
                // Every tenth case through the binary as well: the same exit code.
                if index % 10 == 0 {
                    let output = gongkai(&[
                        "check",
                        path.to_str().expect("path"),
                        "--today",
                        "2026-03-02",
                    ]);
                    if output.status.code() != Some(i32::from(outcome.exit_code)) {
                        failures.push(format!(
                            "case {index} ({mutation:?}): the binary exited {:?}, check_file {}",
                            output.status.code(),
                            outcome.exit_code
                        ));
                    }
                }
            }
            Err(wrong) => panic!(
                "case {index} ({mutation:?}): {wrong} (kept as {})",
                keep_case(index, &case.bytes).display()
            ),
        }
        if std::fs::read(&path).expect("read case") != case.bytes {
            failures.push(format!("case {index} ({mutation:?}): the input changed"));
        }
    }
    failures
}

/// Every file under `dir` whose name ends in `.tmp`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(".tmp") {
                found.push(path);
            }
        }
    }
    found
}

/// Kills in the suite (about 0.1 s each).
const SUITE_KILLS: usize = 40;

#[test]
fn killing_publish_at_random_points_leaves_the_project_and_its_backup_loadable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("qinghe.gongkai.json");
    let backup = dir.path().join("qinghe.gongkai.json.bak");
    std::fs::copy(fixture_path(), &path).expect("copy fixture");
    let file = path.to_str().expect("utf-8 path");
    let mut rng = Rng::new(150);
    let changed = NaiveDate::from_ymd_opt(2027, 2, 27).expect("date");
    for round in 0..SUITE_KILLS {
        // One item changed, so that publish saves the project and writes an archive; a day of
        // its own each round, so each publication has its own 台账 entry and archive folder.
        let today = changed + chrono::Days::new(2 + round as u64);
        let mut project = load_project(&path).expect("the project loads");
        let index = round % project.items.len();
        project.items[index].disclosure.changed_on = Some(today);
        save_project(&project, &path).expect("save");
        // Most kills in the first 10 ms (load, save, backup: a few ms), the rest while the
        // archive is written; in steps of a microsecond.
        let delay_us = if rng.below(10) < 6 {
            rng.below(10_000)
        } else {
            10_000 + rng.below(290_000)
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["publish", file, "--today", &today.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run gongkai");
        std::thread::sleep(Duration::from_micros(delay_us as u64));
        let _ = child.kill();
        let _ = child.wait();
        let after = format!("after a kill at {delay_us} µs (round {round})");
        let project = match load_project(&path) {
            Ok(project) => project,
            Err(error) => panic!("the project does not load {after}: {error}"),
        };
        if let Err(error) = load_project(&backup) {
            panic!("the backup does not load {after}: {error}");
        }
        // Never a logged publication without its archive (issue 27).
        let unarchived = gongkai::jobs::archive_problems(&project, &path);
        assert!(unarchived.is_empty(), "{after}: {unarchived:?}");
    }
    // A publish that runs to its end removes what the kills left behind.
    let day_after = changed + chrono::Days::new(2 + SUITE_KILLS as u64);
    let mut project = load_project(&path).expect("loads");
    project.items[0].disclosure.changed_on = Some(day_after);
    save_project(&project, &path).expect("save");
    let finished = gongkai(&["publish", file, "--today", &day_after.to_string()]);
    assert!(
        matches!(finished.status.code(), Some(0 | 1)),
        "{}",
        text(&finished.stderr)
    );
    let left = temp_files(dir.path());
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
