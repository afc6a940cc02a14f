//! Layout speed on the qinghe board (tests/fixtures/qinghe.gongkai.json): a full layout with
//! empty caches (target ≤ 10 ms) and a layout after editing one item (target ≤ 2 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use gongkai::fonts::FontSet;
use gongkai::layout::LayoutEngine;
use gongkai::model::{Block, Project, load_project};
use std::hint::black_box;
use std::path::Path;

fn qinghe() -> Project {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    load_project(&path).expect("the qinghe fixture loads")
}

fn layout_benches(c: &mut Criterion) {
    let project = qinghe();
    let board_id = project.boards[0].id.clone();
    let mut engine = LayoutEngine::new(FontSet::bundled());

    c.bench_function("qinghe board, full layout (cold caches)", |b| {
        b.iter(|| {
            engine.clear_cache();
            black_box(engine.layout_board(&project, &board_id).expect("layout"))
        })
    });

    // Each iteration edits one item's text (a new text every time, so nothing of it is cached)
    // and lays the board out again.
    let mut edited = project.clone();
    engine.layout_board(&edited, &board_id).expect("layout");
    let original = match edited.items[2].blocks.first() {
        Some(Block::Paragraph { text }) => text.clone(),
        _ => String::new(),
    };
    let mut round = 0u64;
    c.bench_function("qinghe board, re-layout after editing one item", |b| {
        b.iter(|| {
            round += 1;
            edited.items[2].blocks =
                vec![Block::paragraph(format!("{original}（第{round}次修改）"))];
            black_box(engine.layout_board(&edited, &board_id).expect("layout"))
        })
    });
}

criterion_group!(benches, layout_benches);
criterion_main!(benches);
