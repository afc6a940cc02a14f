//! What the privacy gate costs (issue 26): the fixture's board export, its tiles and its 8
//! cards timed whole, and the gate's own work on the same sheets (the model's places and the
//! reading of every text run) timed alone, in one process so the ratio shares the machine's
//! state. Medians of 15 runs.
//!
//!     cargo run --release --example gate_cost

use gongkai::compose::{ExportMode, ExportRequest, Gate, compose_export, personal_data_findings};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Project, load_project};
use std::time::{Duration, Instant};

const RUNS: usize = 15;

fn fixture() -> Project {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    load_project(&path).expect("the fixture loads")
}

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let project = fixture();
    for (label, mode) in [
        ("board", ExportMode::Board),
        ("tiles", ExportMode::Tiles),
        ("cards", ExportMode::Cards),
    ] {
        let request = ExportRequest {
            mode,
            ..ExportRequest::default()
        };
        let mut export_times = Vec::new();
        let mut gate_times = Vec::new();
        for _ in 0..RUNS {
            // The whole export, as a cold CLI run does it (the gate inside).
            let mut engine = LayoutEngine::new(FontSet::bundled());
            let started = Instant::now();
            let exported = export_project(&mut engine, &project, &request).expect("exports");
            export_times.push(started.elapsed());
            std::hint::black_box(exported.bytes.len());
            // The gate's work alone on the same sheets: the model's places and every run read.
            let composed = compose_export(&mut engine, &project, &request).expect("composes");
            let started = Instant::now();
            let findings = personal_data_findings(&project);
            let mut gate = Gate::public(&project, findings);
            let gated = gate.pass(composed.sheets);
            let cleared = gate.clear(composed.info).expect("the fixture is clean");
            gate_times.push(started.elapsed());
            std::hint::black_box((gated.sheets().len(), cleared.info().title.len()));
        }
        let export_ms = median(export_times);
        let gate_ms = median(gate_times);
        println!(
            "{label}: export {export_ms:.1} ms, gate {gate_ms:.2} ms ({:.1} % of the export)",
            100.0 * gate_ms / export_ms
        );
    }
}
