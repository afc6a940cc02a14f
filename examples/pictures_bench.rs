//! Phone picture figures (release): the qinghe fixture's board at 3000 px plus every panel at
//! 1080 px, and 30 (then 300) households' 明白卡 (惠农补贴, front and back side by side),
//! composed, drawn, encoded as PNG and written (as the CLI does), each picture dropped after
//! it is written. Prints the
//! times, the PNG sizes and the peak memory (VmHWM) after each run, which stays flat as the
//! number of pictures grows. Optional argument: the folder to write the pictures to (default:
//! a folder in the system's temporary folder).
//!
//!     cargo run --release --example pictures_bench [OUT_DIR]

use gongkai::catalog::{CardTemplate, card_from_template, sample_project};
use gongkai::compose::PictureRequest;
use gongkai::fonts::FontSet;
use gongkai::jobs::pictures::{PictureFormat, export_pictures};
use gongkai::layout::LayoutEngine;
use gongkai::model::{Edit, Project, load_project};
use std::time::Instant;

/// Peak resident memory of this process so far, in MB (Linux).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Draws, encodes and writes every picture of the request into `out_dir` (as the CLI does,
/// drawing and encoding on two threads); returns (count, largest bytes, total bytes, sizes).
fn run(
    project: &Project,
    request: &PictureRequest,
    out_dir: &std::path::Path,
) -> (usize, usize, usize, Vec<(String, usize)>) {
    let mut engine = LayoutEngine::new(FontSet::bundled());
    let exported = export_pictures(
        &mut engine,
        project,
        request,
        PictureFormat::Png,
        true,
        out_dir,
    )
    .expect("pictures");
    let sizes: Vec<(String, usize)> = exported
        .pictures
        .into_iter()
        .map(|picture| (picture.file_name, picture.bytes))
        .collect();
    let largest = sizes.iter().map(|(_, bytes)| *bytes).max().unwrap_or(0);
    let total = sizes.iter().map(|(_, bytes)| *bytes).sum();
    (sizes.len(), largest, total, sizes)
}

/// The sample project with a 惠农补贴明白卡 for `count` invented households (户号 0001…).
fn cards_project(count: usize) -> (Project, String) {
    let mut project = sample_project(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"));
    project.meta.consult_phone = "0000-6612302".into();
    let mut card = card_from_template(&project, CardTemplate::Subsidy, None);
    let samples = card.records.clone();
    let surnames = ["周", "吴", "徐", "孙", "马", "朱"];
    let given = ["长林", "凤琴", "立平", "金宝", "秋菊", "满仓", "小燕"];
    card.records = (0..count)
        .map(|index| {
            let mut record = samples[index % samples.len()].clone();
            record.insert("户号".into(), format!("{:04}", index + 1));
            if record.contains_key("户主") {
                let name = format!("{}{}", surnames[index % 6], given[index % 7]);
                record.insert("户主".into(), name);
            }
            record
        })
        .collect();
    let id = card.id.clone();
    project.apply(Edit::AddCard(card)).expect("card added");
    (project, id)
}

fn main() {
    let out_dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("gongkai-pictures-bench"));
    let fixture =
        load_project(std::path::Path::new("tests/fixtures/qinghe.gongkai.json")).expect("fixture");
    let request = PictureRequest {
        created: chrono::Local::now().fixed_offset(),
        ..PictureRequest::default()
    };
    // One warm-up run (fonts read from disk into the page cache), then three timed.
    run(&fixture, &request, &out_dir);
    let mut best = f64::MAX;
    let mut figures = (0, 0, 0, Vec::new());
    for _ in 0..3 {
        let start = Instant::now();
        figures = run(&fixture, &request, &out_dir);
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "board 3000 px + every panel 1080 px: {} pictures in {:.3} s (best of 3), largest {} KB, total {} KB, peak memory {:.0} MB",
        figures.0,
        best,
        figures.1.div_ceil(1024),
        figures.2.div_ceil(1024),
        peak_mb()
    );
    for (name, bytes) in &figures.3 {
        println!("  {name}: {} KB", bytes.div_ceil(1024));
    }
    for count in [30, 300] {
        let (project, card_id) = cards_project(count);
        let request = PictureRequest {
            cards: Some(card_id),
            ..PictureRequest::default()
        };
        let start = Instant::now();
        let (pictures, largest, total, _) = run(&project, &request, &out_dir.join("cards"));
        println!(
            "{count} households' cards: {pictures} pictures in {:.3} s, largest {} KB, total {} KB, peak memory {:.0} MB",
            start.elapsed().as_secs_f64(),
            largest.div_ceil(1024),
            total.div_ceil(1024),
            peak_mb()
        );
    }
}
