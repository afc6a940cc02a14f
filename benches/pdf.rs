//! PDF export speed on the qinghe fixture: the board at true size (layout included, a fresh
//! engine each time as in a cold CLI run) and 8 cards N-up on one A4 with backs.

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Project, load_project};
use std::hint::black_box;

fn fixture() -> Project {
    load_project(std::path::Path::new("tests/fixtures/qinghe.gongkai.json")).expect("fixture")
}

fn export(project: &Project, mode: ExportMode) -> usize {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let request = ExportRequest {
        mode,
        ..ExportRequest::default()
    };
    export_project(&mut engine, project, &request)
        .expect("export")
        .bytes
        .len()
}

fn bench(c: &mut Criterion) {
    let project = fixture();
    c.bench_function("export board (qinghe, cold engine)", |b| {
        b.iter(|| black_box(export(&project, ExportMode::Board)))
    });
    c.bench_function("export 8 cards N-up on A4 with backs", |b| {
        b.iter(|| black_box(export(&project, ExportMode::Cards)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
