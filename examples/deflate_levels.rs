//! How the flate level trades size for time on a board export (issue 16): the fixture's board
//! PDF, every stream decompressed and compressed again at levels 1–9 (CPU time of this
//! process, best of 5).
//!
//!     cargo run --release --example deflate_levels

use gongkai::compose::{ExportMode, ExportRequest};
use gongkai::fonts::FontSet;
use gongkai::jobs::export_project;
use gongkai::layout::LayoutEngine;
use gongkai::model::load_project;
use std::io::Write;
use std::time::Instant;

fn main() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let project = load_project(&path).expect("fixture");
    let request = ExportRequest {
        mode: ExportMode::Board,
        ..ExportRequest::default()
    };
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let bytes = export_project(&mut engine, &project, &request)
        .expect("exported")
        .bytes;
    let mut document = printpdf_lopdf::Document::load_mem(&bytes).expect("read back");
    document.decompress();
    let streams: Vec<Vec<u8>> = document
        .objects
        .values()
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| stream.dict.get(b"Filter").is_err())
        .map(|stream| stream.content.clone())
        .collect();
    let raw: usize = streams.iter().map(Vec::len).sum();
    println!(
        "board PDF {} bytes; {} streams, {raw} bytes uncompressed",
        bytes.len(),
        streams.len()
    );
    for level in 1..=9 {
        let mut best_ms = f64::MAX;
        let mut size = 0;
        for _ in 0..5 {
            let start = Instant::now();
            size = streams
                .iter()
                .map(|content| {
                    let mut encoder = flate2::write::ZlibEncoder::new(
                        Vec::new(),
                        flate2::Compression::new(level),
                    );
                    encoder.write_all(content).expect("in memory");
                    encoder.finish().expect("in memory").len()
                })
                .sum::<usize>();
            best_ms = best_ms.min(start.elapsed().as_secs_f64() * 1000.0);
        }
        println!("level {level}: {size:>7} bytes compressed, {best_ms:.2} ms");
    }
}
