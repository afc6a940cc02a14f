//! The county check at scale: writes N variants of the benchmark fixture (300 by default) as
//! villages in a temporary folder (each item's title names its village, so every panel is laid
//! out anew), every tenth with a household's mobile in a paragraph, and
//! times `jobs::check_folder` on it, the way `gongkai check DIR` runs it.
//!
//! `cargo run --release --example county_check [N]` prints the wall time, the projects per
//! second and how many were found needing a masked number (it should be N / 10).

use gongkai::jobs::check_folder;
use gongkai::model::{Block, load_project, save_project};
use std::path::Path;
use std::time::Instant;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(300);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/qinghe.gongkai.json");
    let template = load_project(&fixture).expect("the fixture loads");
    let dir = tempfile::tempdir().expect("a temporary folder");
    for index in 0..count {
        let mut project = template.clone();
        project.meta.unit_name = format!("第{index}村村民委员会");
        // Every village's own content: no panel is the same as another village's (the layout
        // engine caches panels by content, which would flatter the figure).
        for item in &mut project.items {
            item.title = format!("{}（第{index}村）", item.title);
        }
        if index % 10 == 0 {
            // An invented mobile: 139 + eight digits.
            let mobile = format!("139{:08}", 10_000_000 + index);
            if let Some(item) = project.items.first_mut() {
                item.blocks
                    .push(Block::paragraph(format!("联系人手机{mobile}")));
            }
        }
        let folder = dir.path().join(format!("乡镇{}", index % 12));
        std::fs::create_dir_all(&folder).expect("folder");
        save_project(&project, &folder.join(format!("村{index:03}.gongkai.json"))).expect("save");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let started = Instant::now();
    let rows = check_folder(dir.path(), today).expect("check");
    let seconds = started.elapsed().as_secs_f64();
    let exposed = rows.iter().filter(|row| row.personal_data > 0).count();
    println!(
        "county check: {} projects in {seconds:.2} s ({:.0} projects/s, {} threads); {exposed} with unmasked personal numbers (expected {})",
        rows.len(),
        rows.len() as f64 / seconds,
        std::thread::available_parallelism().map_or(1, usize::from),
        count.div_ceil(10)
    );
}
